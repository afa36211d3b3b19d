/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzz target: the OSV reader. A record either reads, with id and
 * modified set and every affected range holding an introduced event, or
 * is refused with a message that names the input. A record that reads
 * whole reads for matching too (tsnr_osv_read_matching()), with as many
 * affected entries and aliases.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/advisory/rd.h"
#include "tsunagi/tsunagi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tsn_advisory *a = NULL;
    int rc = tsn_osv_read(&a, (const char *)data, size, "fuzz.json");
    if (rc == 0) {
        if (!a || !a->id || !a->modified)
            abort();
        for (size_t i = 0; i < a->naffected; i++)
            for (size_t j = 0; j < a->affected[i].nranges; j++) {
                const tsn_adv_range *r = &a->affected[i].ranges[j];
                bool intro = false;
                for (size_t k = 0; k < r->nevents; k++)
                    intro |= r->events[k].kind == TSN_EV_INTRODUCED;
                if (!intro)
                    abort();
            }
        tsn_advisory *m = NULL;
        if (tsnr_osv_read_matching(&m, (const char *)data, size, "fuzz.json") <
                0 ||
            !m || m->naffected != a->naffected || m->naliases != a->naliases ||
            m->details || m->nrefs)
            abort();
        tsn_advisory_free(m);
    } else if (a || strncmp(tsn_error_last()->message, "fuzz.json", 9) != 0) {
        abort();
    }
    tsn_advisory_free(a);
    return 0;
}
