/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the fuzz targets of the advisory readers check of every affected
 * entry a record keeps: each CPE is a CPE 2.3 name, and each range starts
 * with an introduced event that has a version.
 */
#ifndef TSN_FUZZ_ADV_CHECK_H
#define TSN_FUZZ_ADV_CHECK_H

#include <stdlib.h>
#include <string.h>

#include "tsunagi/tsunagi.h"

static inline void fuzz_check_affected(const tsn_advisory *a)
{
    for (size_t i = 0; i < a->naffected; i++) {
        const tsn_adv_affected *af = &a->affected[i];
        for (size_t j = 0; j < af->ncpes; j++)
            if (strncmp(af->cpes[j], "cpe:2.3:", 8) != 0)
                abort();
        for (size_t j = 0; j < af->nranges; j++)
            if (af->ranges[j].nevents == 0 ||
                af->ranges[j].events[0].kind != TSN_EV_INTRODUCED ||
                !af->ranges[j].events[0].version)
                abort();
    }
}

#endif
