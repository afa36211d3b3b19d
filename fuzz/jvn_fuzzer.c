/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzz target: the JVN reader. A document either reads, every record kept
 * holding a JVNDB id, an RFC 3339 modified time and CPE 2.3 names, every
 * range starting with an introduced event, its stored text reading back
 * alone as the same record with the same text, and the record writing
 * out as JSON; or is refused with a message that names the input. Each
 * refused record names it too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "adv_check.h"
#include "adv_list.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const tsn_advisory *a)
{
    if (strncmp(a->id, "JVNDB-", 6) != 0 || strcmp(a->source, "jvn") != 0 ||
        strlen(a->modified) < 20)
        abort();
    fuzz_check_affected(a);
    char *json = NULL;
    if (tsn_advisory_to_json(a, &json) != 0)
        abort();
    tsn_free(json);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_adv_list(tsn_jvn_read, check, data, size, "fuzz.xml");
    return 0;
}
