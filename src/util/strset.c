/* SPDX-License-Identifier: Apache-2.0 */
/* A set of borrowed strings with open addressing (FNV-1a hash). */
#include "util.h"

#include <string.h>

static int grow(tsnu_strset *set)
{
    size_t ncap = set->cap ? set->cap * 2 : 64, bytes;
    const char **slots;

    if (tsnu_mul_overflow(&bytes, ncap, sizeof *slots))
        return tsn_error_oom();
    slots = tsn_calloc(ncap, sizeof *slots);
    TSN_CHECK_ALLOC(slots);
    for (size_t i = 0; i < set->cap; i++) {
        const char *s = set->slots[i];
        size_t j;
        if (!s)
            continue;
        j = tsnu_strhash(s) & (ncap - 1);
        while (slots[j])
            j = (j + 1) & (ncap - 1);
        slots[j] = s;
    }
    tsn_free(set->slots);
    set->slots = slots;
    set->cap = ncap;
    return 0;
}

int tsnu_strset_add(tsnu_strset *set, const char *s)
{
    size_t j;
    if ((set->len + 1) * 2 > set->cap) {
        int error = grow(set);
        if (error < 0)
            return error;
    }
    j = tsnu_strhash(s) & (set->cap - 1);
    while (set->slots[j]) {
        if (strcmp(set->slots[j], s) == 0)
            return 0;
        j = (j + 1) & (set->cap - 1);
    }
    set->slots[j] = s;
    set->len++;
    return 1;
}

bool tsnu_strset_has(const tsnu_strset *set, const char *s)
{
    size_t j;
    if (!set->cap)
        return false;
    j = tsnu_strhash(s) & (set->cap - 1);
    while (set->slots[j]) {
        if (strcmp(set->slots[j], s) == 0)
            return true;
        j = (j + 1) & (set->cap - 1);
    }
    return false;
}

void tsnu_strset_dispose(tsnu_strset *set)
{
    tsn_free(set->slots);
    set->slots = NULL;
    set->cap = set->len = 0;
}
