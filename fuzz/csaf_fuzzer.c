/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzz target: the CSAF 2.0 reader. A document either reads, holding an
 * id, a publisher, a modified time, ranges that each start with an
 * introduced event and CPE 2.3 names, and writes out as JSON, or is
 * refused with a message that names the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "adv_check.h"
#include "tsunagi/tsunagi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tsn_advisory *a = NULL;
    int rc = tsn_csaf_read(&a, (const char *)data, size, "fuzz.json");
    if (rc == 0) {
        if (!a->id[0] || strcmp(a->source, "csaf") != 0 || !a->publisher ||
            strlen(a->modified) < 20)
            abort();
        fuzz_check_affected(a);
        char *json = NULL;
        if (tsn_advisory_to_json(a, &json) == 0 && !json)
            abort();
        tsn_free(json);
    } else if (a || strncmp(tsn_error_last()->message, "fuzz.json", 9) != 0) {
        abort();
    }
    tsn_advisory_free(a);
    return 0;
}
