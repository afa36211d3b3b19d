/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Bounded growing buffers and vectors. Sizes are checked for overflow
 * before any allocation; growing past the buffer's maximum fails cleanly.
 */
#include "util.h"

#include <stdio.h>
#include <string.h>

int tsn_buf_grow(tsn_buf *b, size_t need)
{
    size_t cap, alloc;
    char *p;

    if (need > b->max)
        return tsn_error_set(TSN_ETOOBIG, "output exceeds %zu bytes", b->max);
    if (need < b->cap)
        return 0;
    cap = b->cap ? b->cap : 64;
    while (cap <= need) {
        if (tsnu_mul_overflow(&cap, cap, 2))
            return tsn_error_oom();
    }
    if (tsnu_add_overflow(&alloc, cap, 0))
        return tsn_error_oom();
    p = tsn_realloc(b->ptr, alloc);
    TSN_CHECK_ALLOC(p);
    b->ptr = p;
    b->cap = alloc;
    return 0;
}

int tsn_buf_put(tsn_buf *b, const void *data, size_t n)
{
    size_t need;
    int error;

    /* the common case: it fits (cap > len whenever there is storage) */
    if (n < b->cap - b->len && b->len + n <= b->max) {
        memcpy(b->ptr + b->len, data, n);
        b->len += n;
        b->ptr[b->len] = '\0';
        return 0;
    }
    if (tsnu_add_overflow(&need, b->len, n))
        return tsn_error_set(TSN_ETOOBIG, "buffer size overflow");
    error = tsn_buf_grow(b, need);
    if (error < 0)
        return error;
    if (n)
        memcpy(b->ptr + b->len, data, n);
    b->len = need;
    b->ptr[b->len] = '\0';
    return 0;
}

int tsn_buf_puts(tsn_buf *b, const char *s)
{
    return tsn_buf_put(b, s, strlen(s));
}

int tsn_buf_putc(tsn_buf *b, char c)
{
    if (b->len + 1 < b->cap && b->len < b->max) {
        b->ptr[b->len++] = c;
        b->ptr[b->len] = '\0';
        return 0;
    }
    return tsn_buf_put(b, &c, 1);
}

int tsn_buf_vprintf(tsn_buf *b, const char *fmt, va_list ap)
{
    va_list again;
    int n, error;
    size_t need, room = b->cap > b->len ? b->cap - b->len : 0;

    /* formatted once into the room there is; again only when it is short */
    va_copy(again, ap);
    n = vsnprintf(room ? b->ptr + b->len : NULL, room, fmt, ap);
    if (n < 0 || tsnu_add_overflow(&need, b->len, (size_t)n)) {
        va_end(again);
        if (room)
            b->ptr[b->len] = '\0';
        return n < 0 ? tsn_error_set(TSN_ERROR, "format error")
                     : tsn_error_set(TSN_ETOOBIG, "buffer size overflow");
    }
    if ((size_t)n < room && need <= b->max) {
        va_end(again);
        b->len = need;
        return 0;
    }
    if (room)
        b->ptr[b->len] = '\0';
    error = tsn_buf_grow(b, need);
    if (error == 0) {
        vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, again);
        b->len = need;
    }
    va_end(again);
    return error;
}

int tsn_buf_printf(tsn_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = tsn_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

int tsn_buf_putu(tsn_buf *b, uint64_t v)
{
    char d[20], *p = d + sizeof d;
    do
        *--p = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    return tsn_buf_put(b, p, (size_t)(d + sizeof d - p));
}

int tsn_buf_putl(tsn_buf *b, long v)
{
    if (v >= 0)
        return tsn_buf_putu(b, (uint64_t)v);
    int error = tsn_buf_putc(b, '-');
    /* the magnitude of LONG_MIN, without overflowing long */
    return error < 0 ? error : tsn_buf_putu(b, (uint64_t) - (v + 1) + 1);
}

void tsn_buf_clear(tsn_buf *b)
{
    b->len = 0;
    if (b->ptr)
        b->ptr[0] = '\0';
}

void tsn_buf_dispose(tsn_buf *b)
{
    tsn_free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
}

char *tsn_buf_detach(tsn_buf *b)
{
    char *p = b->ptr;
    if (!p)
        p = tsnu_strdup("");
    b->ptr = NULL;
    b->len = b->cap = 0;
    return p;
}

int tsnu_vec_add(tsnu_vec *v, void **out)
{
    if (v->len >= v->max)
        return tsn_error_set(TSN_ETOOBIG, "more than %zu items", v->max);
    if (v->len == v->cap) {
        size_t ncap = v->cap ? v->cap * 2 : 8, bytes;
        void *p;
        if (ncap > v->max)
            ncap = v->max;
        if (tsnu_mul_overflow(&bytes, ncap, v->elem))
            return tsn_error_oom();
        p = tsn_realloc(v->ptr, bytes);
        TSN_CHECK_ALLOC(p);
        v->ptr = p;
        v->cap = ncap;
    }
    *out = (char *)v->ptr + v->len * v->elem;
    memset(*out, 0, v->elem);
    v->len++;
    return 0;
}

int tsnu_vec_push(tsnu_vec *v, const void *elem)
{
    void *slot;
    int error = tsnu_vec_add(v, &slot);
    if (error < 0)
        return error;
    memcpy(slot, elem, v->elem);
    return 0;
}

void tsnu_vec_dispose(tsnu_vec *v)
{
    tsn_free(v->ptr);
    v->ptr = NULL;
    v->len = v->cap = 0;
}
