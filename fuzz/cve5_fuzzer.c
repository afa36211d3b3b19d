/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzz target: the CVE JSON 5 reader. A record either reads, holding a
 * CVE id, a UTC modified time and ranges that each start with an
 * introduced event, or is refused with a message that names the input.
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
    int rc = tsn_cve5_read(&a, (const char *)data, size, "fuzz.json");
    if (rc == 0) {
        if (strncmp(a->id, "CVE-", 4) != 0 || strcmp(a->source, "cve") != 0 ||
            strlen(a->modified) < 20)
            abort();
        fuzz_check_affected(a);
    } else if (a || strncmp(tsn_error_last()->message, "fuzz.json", 9) != 0) {
        abort();
    }
    tsn_advisory_free(a);
    return 0;
}
