/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzz target: the NVD reader. A document either reads, every CVE kept
 * holding a CVE id, UTC times and well-formed configurations, its stored
 * text reading back alone as the same CVE; or is refused with a message
 * that names the input. Each refused CVE names it too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "adv_list.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const tsn_advisory *a)
{
    if (strncmp(a->id, "CVE-", 4) != 0 || strcmp(a->source, "nvd") != 0 ||
        strlen(a->modified) < 20 || !a->published)
        abort();
    for (size_t i = 0; i < a->nconfigs; i++) {
        if (a->configs[i].nnodes == 0)
            abort();
        for (size_t j = 0; j < a->configs[i].nnodes; j++) {
            const tsn_adv_node *n = &a->configs[i].nodes[j];
            if (n->nmatches == 0)
                abort();
            for (size_t k = 0; k < n->nmatches; k++)
                if (strncmp(n->matches[k].criteria, "cpe:2.3:", 8) != 0 ||
                    !n->matches[k].vendor || !n->matches[k].product)
                    abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_adv_list(tsn_nvd_read, check, data, size, "fuzz.json");
    return 0;
}
