/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Allocation wrappers: the single place memory is obtained, so failures
 * can be injected (TSN_ALLOC_FAIL=N fails the Nth allocation and all after
 * it) and every out-of-memory path can be tested.
 */
#include "util.h"

#include <limits.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static atomic_long fail_at = -1; /* -1: not read yet, 0: never fail */
static atomic_long alloc_count;

static bool should_fail(void)
{
    long at = atomic_load(&fail_at);
    if (at < 0) {
        const char *env = getenv("TSN_ALLOC_FAIL");
        unsigned long v = 0;
        if (!env || !tsnu_parse_ulong(env, &v) || v > (unsigned long)LONG_MAX)
            v = 0;
        at = (long)v;
        atomic_store(&fail_at, at);
    }
    if (at == 0)
        return false;
    return atomic_fetch_add(&alloc_count, 1) + 1 >= at;
}

void *tsn_malloc(size_t n)
{
    if (should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *tsn_calloc(size_t n, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(n ? n : 1, size ? size : 1);
}

void *tsn_realloc(void *p, size_t n)
{
    if (should_fail())
        return NULL;
    return realloc(p, n ? n : 1);
}

void tsn_free(void *p)
{
    free(p);
}

char *tsnu_strndup(const char *s, size_t n)
{
    char *d = tsn_malloc(n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *tsnu_strdup(const char *s)
{
    return tsnu_strndup(s, strlen(s));
}
