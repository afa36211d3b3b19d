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
#include <sys/mman.h>
#include <unistd.h>

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

/* Under AddressSanitizer the blocks come from malloc, so that its leak
 * checker sees them. */
#if defined(__SANITIZE_ADDRESS__)
#define MAP_FROM_MALLOC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MAP_FROM_MALLOC 1
#endif
#endif

#ifndef MAP_FROM_MALLOC
/* @p p rounded up to a huge page's boundary */
static uintptr_t unit_up(uintptr_t p)
{
    return (p + TSNU_MAP_UNIT - 1) & ~(uintptr_t)(TSNU_MAP_UNIT - 1);
}
#endif

void *tsnu_map_alloc(size_t n, size_t *got)
{
    size_t size, span;
    if (should_fail() || tsnu_add_overflow(&size, n, TSNU_MAP_UNIT - 1))
        return NULL;
    size &= ~(TSNU_MAP_UNIT - 1);
#ifdef MAP_FROM_MALLOC
    (void)span;
    *got = size;
    return malloc(size);
#else
    /* one unit more than asked, so that an aligned block lies within */
    if (tsnu_add_overflow(&span, size, TSNU_MAP_UNIT))
        return NULL;
    char *m = mmap(NULL, span, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return NULL;
    uintptr_t at = unit_up((uintptr_t)m);
    char *p = (char *)at;
    size_t head = (size_t)(p - m), tail = span - head - size;
    if (head)
        munmap(m, head);
    if (tail)
        munmap(p + size, tail);
#ifdef MADV_HUGEPAGE
    /* advice only: without transparent huge pages it is 4 KiB pages */
    (void)madvise(p, size, MADV_HUGEPAGE);
#endif
    *got = size;
    return p;
#endif
}

void tsnu_map_free(void *p, size_t size)
{
#ifdef MAP_FROM_MALLOC
    (void)size;
    free(p);
#else
    if (p)
        munmap(p, size);
#endif
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

/* ---- heaps on huge pages -------------------------------------------- */

/* glibc's malloc, not a sanitizer's, and the kernel's huge page advice */
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE) && !defined(MAP_FROM_MALLOC)
#if defined(__SANITIZE_THREAD__)
#elif defined(__has_feature)
#if !__has_feature(thread_sanitizer)
#define HEAP_HUGE 1
#endif
#else
#define HEAP_HUGE 1
#endif
#endif

#ifdef HEAP_HUGE
#include <malloc.h>

/* The span of the heap glibc gives a thread's arena, aligned to its
 * size (HEAP_MAX_SIZE on 64-bit systems). */
#define THREAD_HEAP ((uintptr_t)64 * 1024 * 1024)

static atomic_bool huge_heaps;

#endif

bool tsnu_heap_huge(size_t reserve)
{
#ifdef HEAP_HUGE
    if (reserve > INT_MAX)
        reserve = INT_MAX;
    char *end = sbrk(0);
    /* blocks of up to 32 MiB (glibc's largest threshold) from the heap
     * too; it grows by the reserve at a time */
    if (end == (char *)-1 || mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024) != 1 ||
        mallopt(M_TOP_PAD, (int)reserve) != 1)
        return false;
    /* the free space at the top of the heap, and more than it holds:
     * the heap grows now */
    size_t top = mallinfo2().keepcost;
    char *lo = end - top;
    void *volatile first = malloc(top + 64 * 1024);
    char *hi = sbrk(0);
    free(first);
    uintptr_t a = unit_up((uintptr_t)lo);
    uintptr_t b = (uintptr_t)hi & ~(uintptr_t)(TSNU_MAP_UNIT - 1);
    if (hi != (char *)-1 && b > a)
        (void)madvise((void *)a, b - a, MADV_HUGEPAGE);
    atomic_store(&huge_heaps, true);
    return true;
#else
    (void)reserve;
    return false;
#endif
}

void tsnu_heap_huge_thread(void)
{
#ifdef HEAP_HUGE
    if (!atomic_load(&huge_heaps))
        return;
    void *volatile p = malloc(1);
    uintptr_t at = (uintptr_t)p;
    free(p);
    /* an arena of the thread's own: mapped apart from the main heap,
     * above the program break */
    if (!at || at < (uintptr_t)sbrk(0))
        return;
    (void)madvise((void *)(at & ~(THREAD_HEAP - 1)), THREAD_HEAP,
                  MADV_HUGEPAGE);
#endif
}
