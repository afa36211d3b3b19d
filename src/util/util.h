/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Shared utilities (libc only, no domain knowledge): allocation wrappers
 * with failure injection, errors, bounded buffers, an arena, overflow
 * checks. Used by the library, the CLI and the tests.
 */
#ifndef TSNU_UTIL_H
#define TSNU_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tsunagi/common.h"
#include "tsunagi/errors.h"

/* ---- overflow checks ---------------------------------------------- */

static inline bool tsnu_add_overflow(size_t *out, size_t a, size_t b)
{
    return __builtin_add_overflow(a, b, out);
}

static inline bool tsnu_mul_overflow(size_t *out, size_t a, size_t b)
{
    return __builtin_mul_overflow(a, b, out);
}

/* ---- allocation ---------------------------------------------------- */

/*
 * The only allocator calls in the code base. When the environment variable
 * TSN_ALLOC_FAIL=N is set, the Nth allocation (counting from 1) and every
 * one after it fails, so tests can prove each failure ends cleanly.
 */
void *tsn_malloc(size_t n);
void *tsn_calloc(size_t n, size_t size);
void *tsn_realloc(void *p, size_t n);
/* tsn_free() is public (tsunagi/common.h). */
/*
 * Large blocks for long-lived bulk storage (arena chunks): @p n rounded up
 * to whole 2 MiB huge pages, mapped from the kernel and aligned so that the
 * kernel may back them with transparent huge pages (MADV_HUGEPAGE). A
 * 4 KiB page costs one page fault the first time it is written; a scan
 * that keeps tens of MiB spent a third of its time in those faults.
 * *got receives the size mapped (>= n). Free with tsnu_map_free().
 */
#define TSNU_MAP_UNIT ((size_t)2 * 1024 * 1024)
void *tsnu_map_alloc(size_t n, size_t *got);
void tsnu_map_free(void *p, size_t size);

/*
 * A process that builds tens of megabytes and exits (tsunagi scan, the
 * sbom commands) pays a page fault for each 4 KiB it touches first, and
 * in a virtual machine a fault costs microseconds. tsnu_heap_huge()
 * grows the heap of the calling (main) thread by @p reserve bytes at
 * once and advises huge pages for it, and has tsnu_heap_huge_thread(),
 * called first thing on each worker thread, advise them for that
 * thread's malloc arena. Advice only: without transparent huge pages
 * ("madvise" or "always"), with another malloc than glibc's, or under a
 * sanitizer, nothing changes.
 *
 * Returns true when it took effect: glibc's malloc, no sanitizer. Such a
 * process may then leave what it built to exit rather than free it
 * block by block (a scan's hundreds of thousands of blocks take
 * milliseconds to free); under a sanitizer it frees everything, so that
 * the leak checker still sees every block that is lost.
 */
bool tsnu_heap_huge(size_t reserve);
void tsnu_heap_huge_thread(void);
char *tsnu_strdup(const char *s);
char *tsnu_strndup(const char *s, size_t n);

/* ---- errors -------------------------------------------------------- */

/* Record an error for this thread and return @p code (for `return ...`). */
int tsn_error_set(int code, const char *fmt, ...) TSN_PRINTF(2, 3);
int tsn_error_setv(int code, const char *fmt, va_list ap) TSN_PRINTF(2, 0);
/* Record an out-of-memory error and return TSN_ENOMEM. */
int tsn_error_oom(void);
/* Prefix the current message with "prefix: " (keeps the code). */
void tsn_error_prefix(const char *fmt, ...) TSN_PRINTF(1, 2);

#define TSN_CHECK_ALLOC(p)                                                     \
    do {                                                                       \
        if (!(p))                                                              \
            return tsn_error_oom();                                            \
    } while (0)

#ifdef NDEBUG
#define TSN_ASSERT(x) ((void)0)
#else
#include <assert.h>
#define TSN_ASSERT(x) assert(x)
#endif

/* ---- bounded growing buffer ---------------------------------------- */

/*
 * A NUL-terminated byte buffer that never grows past @c max bytes
 * (excluding the NUL). Growing past it fails with TSN_ETOOBIG.
 */
typedef struct tsn_buf {
    char *ptr;
    size_t len, cap, max;
} tsn_buf;

#define TSN_BUF_INIT(maxbytes)                                                 \
    {                                                                          \
        NULL, 0, 0, (maxbytes)                                                 \
    }

int tsn_buf_grow(tsn_buf *b, size_t need);
int tsn_buf_put(tsn_buf *b, const void *data, size_t n);
int tsn_buf_puts(tsn_buf *b, const char *s);
int tsn_buf_putc(tsn_buf *b, char c);
int tsn_buf_printf(tsn_buf *b, const char *fmt, ...) TSN_PRINTF(2, 3);
int tsn_buf_vprintf(tsn_buf *b, const char *fmt, va_list ap) TSN_PRINTF(2, 0);
/* @p v in decimal, without printf */
int tsn_buf_putu(tsn_buf *b, uint64_t v);
int tsn_buf_putl(tsn_buf *b, long v);
void tsn_buf_clear(tsn_buf *b);
/* Free the storage; the struct may be reused after re-initialisation. */
void tsn_buf_dispose(tsn_buf *b);
/* Hand the storage to the caller (free with tsn_free); b becomes empty. */
char *tsn_buf_detach(tsn_buf *b);
/* The contents as a string ("" when nothing was written). */
static inline const char *tsn_buf_cstr(const tsn_buf *b)
{
    return b->ptr ? b->ptr : "";
}

/* ---- growable array of fixed-size elements -------------------------- */

typedef struct tsnu_vec {
    void *ptr;
    size_t len, cap, elem, max;
} tsnu_vec;

#define TSNU_VEC_INIT(type, maxn)                                              \
    {                                                                          \
        NULL, 0, 0, sizeof(type), (maxn)                                       \
    }

/* Append one element (copied); returns 0, TSN_ENOMEM or TSN_ETOOBIG. */
int tsnu_vec_push(tsnu_vec *v, const void *elem);
/* Reserve one slot at the end, zeroed; *out points to it. */
int tsnu_vec_add(tsnu_vec *v, void **out);
void tsnu_vec_dispose(tsnu_vec *v);
#define TSNU_VEC_AT(v, type, i) (&((type *)(v)->ptr)[i])

/* ---- arena --------------------------------------------------------- */

/*
 * A bump allocator for objects that live and die together (a parsed
 * document, a model). Freed in one call; individual frees are not possible.
 */
struct tsnu_arena_chunk;
typedef struct tsnu_arena {
    struct tsnu_arena_chunk *head;
    char *next, *end;
    size_t total;
} tsnu_arena;

#define TSNU_ARENA_INIT                                                        \
    {                                                                          \
        NULL, NULL, NULL, 0                                                    \
    }

void *tsnu_arena_alloc(tsnu_arena *a, size_t n);
/* At least @p n bytes ready in one chunk, so that what is about to be
 * allocated (a parsed document of known size) takes one malloc() rather
 * than a chunk per doubling; -1 when out of memory. */
int tsnu_arena_reserve(tsnu_arena *a, size_t n);
void *tsnu_arena_calloc(tsnu_arena *a, size_t n, size_t size);
char *tsnu_arena_strndup(tsnu_arena *a, const char *s, size_t n);
char *tsnu_arena_strdup(tsnu_arena *a, const char *s);
char *tsnu_arena_printf(tsnu_arena *a, const char *fmt, ...) TSN_PRINTF(2, 3);
void tsnu_arena_dispose(tsnu_arena *a);
/* The items of @p v copied into @p a, followed by one zeroed item (a NULL
 * terminator for a list of pointers); NULL when @p v is empty or memory
 * runs out (tell them apart by v->len). */
void *tsnu_vec_copy(const tsnu_vec *v, tsnu_arena *a);

/* ---- string set ---------------------------------------------------- */

/*
 * A set of strings (borrowed: the strings must outlive the set), for
 * uniqueness and reference checks. Open addressing, grows at 50% load.
 */
typedef struct tsnu_strset {
    const char **slots;
    size_t cap, len;
} tsnu_strset;

#define TSNU_STRSET_INIT                                                       \
    {                                                                          \
        NULL, 0, 0                                                             \
    }

/* Add @p s; 1 if it was new, 0 if already present, TSN_ENOMEM. */
int tsnu_strset_add(tsnu_strset *set, const char *s);
bool tsnu_strset_has(const tsnu_strset *set, const char *s);
void tsnu_strset_dispose(tsnu_strset *set);

/*
 * A map from borrowed strings to indexes (size_t), for lookups that would
 * otherwise scan a list per reference.
 */
typedef struct tsnu_map {
    const char **keys;
    size_t *vals;
    size_t cap, len;
} tsnu_map;

#define TSNU_MAP_INIT                                                          \
    {                                                                          \
        NULL, NULL, 0, 0                                                       \
    }

/* Set @p key to @p value (replacing); 0 or TSN_ENOMEM. */
int tsnu_map_put(tsnu_map *m, const char *key, size_t value);
/* The value of @p key in *value; false when absent. */
bool tsnu_map_get(const tsnu_map *m, const char *key, size_t *value);
void tsnu_map_dispose(tsnu_map *m);

/* ---- strings ------------------------------------------------------- */

/* Whether @p a and @p b are the same string (both NULL counts). Inline,
 * the first bytes compared before any call: in a linear search of names
 * most differ there. */
static inline bool tsnu_streq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return a[0] == b[0] && __builtin_strcmp(a, b) == 0;
}
bool tsnu_strieq(const char *a, const char *b); /* ASCII case-insensitive */
bool tsnu_starts_with(const char *s, const char *prefix);
bool tsnu_ends_with(const char *s, const char *suffix);
/* FNV-1a hash of a NUL-terminated string. */
size_t tsnu_strhash(const char *s);
/* Value of a hex digit, or -1. */
int tsnu_hexval(char c);
/* Validate UTF-8 (RFC 3629: no overlongs, no surrogates, <= U+10FFFF). */
bool tsnu_utf8_valid(const char *s, size_t n, size_t *bad_offset);
/* Parse a whole decimal number into *out; false on junk or overflow. */
bool tsnu_parse_ulong(const char *s, unsigned long *out);

/* Append @p s percent-encoded: every byte but RFC 3986's unreserved
 * characters and those in @p keep (or NULL) as %XX. 0 or the buffer's
 * error. */
int tsnu_pct_encode(tsn_buf *b, const char *s, const char *keep);

/* A urn:uuid (version 4 form, variant 1) made from the 64-bit hash @p h,
 * for identifiers derived from content (the same content, the same id). */
#define TSNU_URN_UUID_LEN 46
void tsnu_uuid_from_hash(uint64_t h, char out[TSNU_URN_UUID_LEN]);

/* The time now in UTC, RFC 3339 ("2026-11-22T09:30:00Z"); or the time
 * $SOURCE_DATE_EPOCH gives in seconds when it is set (reproducible
 * output). */
void tsnu_utc_now(char out[32]);

/* ---- files --------------------------------------------------------- */

/*
 * Read a whole file (or stdin when path is "-") into @p out, refusing more
 * than @p max bytes. Errors name the path.
 */
int tsnu_file_read(tsn_buf *out, const char *path, size_t max);
/*
 * Read the @p len bytes at @p off of the file at @p path into @p out (its
 * contents replaced), refusing more than @p max bytes (TSN_ETOOBIG) and a
 * file that ends before them (TSN_EIO). Errors name the path.
 */
int tsnu_file_read_at(
    tsn_buf *out, const char *path, uint64_t off, uint64_t len, size_t max);
/*
 * Write @p data to @p path atomically: a temporary file in the same
 * directory, fsync, rename. On failure nothing is left behind and an
 * existing file at @p path is untouched. "-" writes to stdout.
 */
int tsnu_file_write_atomic(const char *path, const void *data, size_t n);
/* One piece of what tsnu_file_write_atomicv() writes. */
typedef struct tsnu_part {
    const void *data;
    size_t len;
} tsnu_part;
/* As tsnu_file_write_atomic(), the @p n parts one after the other (a
 * document assembled from pieces without copying them together). */
int tsnu_file_write_atomicv(const char *path, const tsnu_part *parts, size_t n);

#endif
