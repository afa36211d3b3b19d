/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Arena allocation for objects that share one lifetime. Chunks start
 * small (a parsed range needs a couple of hundred bytes in an arena of
 * its own, and a scan keeps thousands) and double; requests larger than
 * a chunk get a chunk of their own. Chunks of a huge page and more are
 * mapped apart from the heap (tsnu_map_alloc), whole huge pages.
 */
#include "util.h"

#include <stdio.h>
#include <string.h>

struct tsnu_arena_chunk {
    struct tsnu_arena_chunk *next;
    size_t mapped;       /* bytes mapped by tsnu_map_alloc, or 0 (tsn_malloc) */
    max_align_t align[]; /* data follows */
};

#define ALIGN (_Alignof(max_align_t))
#define MIN_CHUNK ((size_t)256)
#define MAX_CHUNK ((size_t)4 * 1024 * 1024)

static int new_chunk(tsnu_arena *a, size_t need)
{
    size_t size = a->total, bytes;
    struct tsnu_arena_chunk *c;

    if (size < MIN_CHUNK)
        size = MIN_CHUNK;
    if (size > MAX_CHUNK)
        size = MAX_CHUNK;
    if (size < need)
        size = need;
    if (tsnu_add_overflow(&bytes, size, sizeof *c))
        return -1;
    size_t mapped = 0;
    if (bytes >= TSNU_MAP_UNIT) {
        c = tsnu_map_alloc(bytes, &mapped);
        size = mapped - sizeof *c; /* the rest of the last huge page too */
    } else {
        c = tsn_malloc(bytes);
    }
    if (!c)
        return -1;
    c->mapped = mapped;
    c->next = a->head;
    a->head = c;
    a->next = (char *)c->align;
    a->end = a->next + size;
    a->total += size;
    return 0;
}

void *tsnu_arena_alloc(tsnu_arena *a, size_t n)
{
    size_t rounded;
    void *p;

    if (tsnu_add_overflow(&rounded, n, ALIGN - 1))
        return NULL;
    rounded &= ~(ALIGN - 1);
    if (rounded == 0)
        rounded = ALIGN;
    if (!a->next || (size_t)(a->end - a->next) < rounded) {
        if (new_chunk(a, rounded) < 0)
            return NULL;
    }
    p = a->next;
    a->next += rounded;
    return p;
}

int tsnu_arena_reserve(tsnu_arena *a, size_t n)
{
    if (a->next && (size_t)(a->end - a->next) >= n)
        return 0;
    /* a chunk of at least what the arena would take next, so that a
     * reservation does not make later chunks smaller */
    return new_chunk(a, n) < 0 ? -1 : 0;
}

void *tsnu_arena_calloc(tsnu_arena *a, size_t n, size_t size)
{
    size_t bytes;
    void *p;
    if (tsnu_mul_overflow(&bytes, n, size))
        return NULL;
    p = tsnu_arena_alloc(a, bytes);
    if (p)
        memset(p, 0, bytes);
    return p;
}

char *tsnu_arena_strndup(tsnu_arena *a, const char *s, size_t n)
{
    size_t bytes;
    char *d;
    if (tsnu_add_overflow(&bytes, n, 1))
        return NULL;
    d = tsnu_arena_alloc(a, bytes);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *tsnu_arena_strdup(tsnu_arena *a, const char *s)
{
    return s ? tsnu_arena_strndup(a, s, strlen(s)) : NULL;
}

char *tsnu_arena_printf(tsnu_arena *a, const char *fmt, ...)
{
    va_list ap;
    int n;
    char *d;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    d = tsnu_arena_alloc(a, (size_t)n + 1);
    if (!d)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(d, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return d;
}

void tsnu_arena_dispose(tsnu_arena *a)
{
    struct tsnu_arena_chunk *c = a->head, *next;
    while (c) {
        next = c->next;
        if (c->mapped)
            tsnu_map_free(c, c->mapped);
        else
            tsn_free(c);
        c = next;
    }
    a->head = NULL;
    a->next = a->end = NULL;
    a->total = 0;
}

void *tsnu_vec_copy(const tsnu_vec *v, tsnu_arena *a)
{
    if (v->len == 0)
        return NULL;
    char *p = tsnu_arena_calloc(a, v->len + 1, v->elem);
    if (p)
        memcpy(p, v->ptr, v->len * v->elem);
    return p;
}
