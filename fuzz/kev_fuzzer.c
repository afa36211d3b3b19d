/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzz target: the KEV catalog reader. A catalog either reads, every
 * entry kept holding a CVE id and both dates, or is refused with a
 * message that names the input; each refused entry names it too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagi/tsunagi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tsn_kev *k = NULL;
    int rc = tsn_kev_read(&k, (const char *)data, size, "fuzz.json");
    if (rc == 0) {
        if (!k || !k->catalog_version || !k->date_released)
            abort();
        for (size_t i = 0; i < k->nentries; i++) {
            const tsn_kev_entry *e = &k->entries[i];
            if (strncmp(e->cve, "CVE-", 4) != 0 ||
                strlen(e->date_added) != 10 || strlen(e->due_date) != 10)
                abort();
        }
        for (size_t i = 0; i < k->nrefused; i++)
            if (strncmp(k->refused[i], "fuzz.json", 9) != 0)
                abort();
    } else if (k || strncmp(tsn_error_last()->message, "fuzz.json", 9) != 0) {
        abort();
    }
    tsn_kev_free(k);
    return 0;
}
