/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzz target: the EPSS CSV reader. A file either reads, every row kept
 * holding a CVE id and two numbers from 0 to 1, or is refused with a
 * message that names the input; each refused row names it too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagi/tsunagi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tsn_epss *e = NULL;
    int rc = tsn_epss_read(&e, (const char *)data, size, "fuzz.csv");
    if (rc == 0) {
        for (size_t i = 0; i < e->nrows; i++) {
            const tsn_epss_row *r = &e->rows[i];
            if (strncmp(r->cve, "CVE-", 4) != 0 || !(r->epss >= 0) ||
                !(r->epss <= 1) || !(r->percentile >= 0) ||
                !(r->percentile <= 1))
                abort();
        }
        for (size_t i = 0; i < e->nrefused; i++)
            if (strncmp(e->refused[i], "fuzz.csv", 8) != 0)
                abort();
    } else if (e || strncmp(tsn_error_last()->message, "fuzz.csv", 8) != 0) {
        abort();
    }
    tsn_epss_free(e);
    return 0;
}
