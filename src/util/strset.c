/* SPDX-License-Identifier: Apache-2.0 */
/* A set of borrowed strings, and a string-to-index map, both with open
 * addressing on an FNV-1a hash. */
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

static int map_grow(tsnu_map *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 64;
    const char **keys = tsn_calloc(ncap, sizeof *keys);
    size_t *vals = tsn_calloc(ncap, sizeof *vals);

    if (!keys || !vals) {
        tsn_free(keys);
        tsn_free(vals);
        return tsn_error_oom();
    }
    for (size_t i = 0; i < m->cap; i++) {
        size_t j;
        if (!m->keys[i])
            continue;
        j = tsnu_strhash(m->keys[i]) & (ncap - 1);
        while (keys[j])
            j = (j + 1) & (ncap - 1);
        keys[j] = m->keys[i];
        vals[j] = m->vals[i];
    }
    tsn_free(m->keys);
    tsn_free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = ncap;
    return 0;
}

int tsnu_map_put(tsnu_map *m, const char *key, size_t value)
{
    size_t j;
    if ((m->len + 1) * 2 > m->cap) {
        int error = map_grow(m);
        if (error < 0)
            return error;
    }
    j = tsnu_strhash(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (strcmp(m->keys[j], key) == 0) {
            m->vals[j] = value;
            return 0;
        }
        j = (j + 1) & (m->cap - 1);
    }
    m->keys[j] = key;
    m->vals[j] = value;
    m->len++;
    return 0;
}

bool tsnu_map_get(const tsnu_map *m, const char *key, size_t *value)
{
    size_t j;
    if (!m->cap || !key)
        return false;
    j = tsnu_strhash(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (strcmp(m->keys[j], key) == 0) {
            *value = m->vals[j];
            return true;
        }
        j = (j + 1) & (m->cap - 1);
    }
    return false;
}

void tsnu_map_dispose(tsnu_map *m)
{
    tsn_free(m->keys);
    tsn_free(m->vals);
    m->keys = NULL;
    m->vals = NULL;
    m->cap = m->len = 0;
}
