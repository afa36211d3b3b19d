/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Writing HTML, SVG and XML text: a buffer and the first error met, so a
 * page is written as a run of calls and checked once at the end (a call
 * after a failed one does nothing).
 */
#ifndef TSN_UTIL_MARKUP_H
#define TSN_UTIL_MARKUP_H

#include "util.h"

typedef struct tsnu_mw {
    tsn_buf *b;
    int rc; /* 0, or the first error */
} tsnu_mw;

/* @p s as it is (markup the caller wrote). */
void tsnu_mw_put(tsnu_mw *w, const char *s);
void tsnu_mw_printf(tsnu_mw *w, const char *fmt, ...) TSN_PRINTF(2, 3);
void tsnu_mw_vprintf(tsnu_mw *w, const char *fmt, va_list ap) TSN_PRINTF(2, 0);
/* @p s (NULL is "") escaped for text and attribute values; control
 * characters XML does not allow become U+FFFD. */
void tsnu_mw_esc(tsnu_mw *w, const char *s);
/* At most @p max bytes of @p s, cut at a character's start and ended with
 * an ellipsis when cut, escaped as tsnu_mw_esc() does. */
void tsnu_mw_esc_n(tsnu_mw *w, const char *s, size_t max);

#endif
