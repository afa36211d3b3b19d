/* SPDX-License-Identifier: Apache-2.0 */
/* Streaming JSON writer with indentation (see json.h). */
#include <math.h>
#include "json.h"

static void put(tsnu_jw *w, const char *s, size_t n)
{
    if (w->error == 0)
        w->error = tsn_buf_put(w->b, s, n);
}

/* A comma when @p comma, a line break and the indentation of the depth:
 * one put for the usual depths. */
static void newline(tsnu_jw *w, bool comma)
{
    static const char line[] = ",\n                                        ";
    size_t n = (size_t)w->depth * 2, k = n < 40 ? n : 40;
    put(w, line + !comma, k + 1 + comma);
    for (n -= k; n > 0; n -= k) {
        k = n < 40 ? n : 40;
        put(w, line + 2, k);
    }
}

/* Separator and indentation before a value or key. */
static void before_item(tsnu_jw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth > 0) {
        newline(w, w->has_items[w->depth]);
        w->has_items[w->depth] = true;
    }
}

void tsnu_jw_init(tsnu_jw *w, tsn_buf *b)
{
    w->b = b;
    w->depth = 0;
    w->after_key = false;
    w->error = 0;
    w->has_items[0] = false;
}

static void open_(tsnu_jw *w, char c)
{
    before_item(w);
    if (w->depth + 1 >= TSNU_JW_MAX_DEPTH) {
        if (w->error == 0)
            w->error = tsn_error_set(TSN_ETOOBIG, "JSON output nested too "
                                                  "deeply");
        return;
    }
    put(w, &c, 1);
    w->depth++;
    w->has_items[w->depth] = false;
    w->closer[w->depth] = c == '{' ? '}' : ']';
}

void tsnu_jw_object(tsnu_jw *w)
{
    open_(w, '{');
}

void tsnu_jw_array(tsnu_jw *w)
{
    open_(w, '[');
}

void tsnu_jw_end(tsnu_jw *w)
{
    bool had;
    char c;
    if (w->depth <= 0 || w->error)
        return;
    had = w->has_items[w->depth];
    c = w->closer[w->depth];
    w->depth--;
    if (had)
        newline(w, false);
    put(w, &c, 1);
}

void tsnu_jw_key(tsnu_jw *w, const char *key)
{
    before_item(w);
    if (w->error == 0)
        w->error = tsnu_json_put_string(w->b, key);
    put(w, ": ", 2);
    w->after_key = true;
}

void tsnu_jw_string(tsnu_jw *w, const char *s)
{
    before_item(w);
    if (w->error == 0)
        w->error = tsnu_json_put_string(w->b, s ? s : "");
}

void tsnu_jw_long(tsnu_jw *w, long v)
{
    before_item(w);
    if (w->error == 0)
        w->error = tsn_buf_putl(w->b, v);
}

void tsnu_jw_double(tsnu_jw *w, double v)
{
    before_item(w);
    if (w->error == 0)
        w->error = isfinite(v) ? tsn_buf_printf(w->b, "%.15g", v)
                               : tsn_buf_puts(w->b, "null");
}

void tsnu_jw_null(tsnu_jw *w)
{
    before_item(w);
    put(w, "null", 4);
}

void tsnu_jw_bool(tsnu_jw *w, bool v)
{
    before_item(w);
    put(w, v ? "true" : "false", v ? 4 : 5);
}

void tsnu_jw_quoted_key(tsnu_jw *w, const char *quoted, size_t n)
{
    before_item(w);
    put(w, quoted, n);
    w->after_key = true;
}

void tsnu_jw_quoted_kstr(tsnu_jw *w,
                         const char *quoted,
                         size_t n,
                         const char *s)
{
    if (!s)
        return;
    tsnu_jw_quoted_key(w, quoted, n);
    tsnu_jw_string(w, s);
}

void tsnu_jw_kstr(tsnu_jw *w, const char *key, const char *s)
{
    if (!s)
        return;
    tsnu_jw_key(w, key);
    tsnu_jw_string(w, s);
}

void tsnu_jw_value(tsnu_jw *w, const tsnu_json *v)
{
    switch (v->type) {
    case TSNU_JSON_NULL:
        before_item(w);
        put(w, "null", 4);
        return;
    case TSNU_JSON_FALSE:
    case TSNU_JSON_TRUE:
        tsnu_jw_bool(w, v->type == TSNU_JSON_TRUE);
        return;
    case TSNU_JSON_NUMBER:
        before_item(w);
        put(w, v->u.str, v->len);
        return;
    case TSNU_JSON_STRING:
        tsnu_jw_string(w, v->u.str);
        return;
    case TSNU_JSON_ARRAY:
        tsnu_jw_array(w);
        for (size_t i = 0; i < v->len && w->error == 0; i++)
            tsnu_jw_value(w, &v->u.items[i]);
        tsnu_jw_end(w);
        return;
    default:
        tsnu_jw_object(w);
        for (size_t i = 0; i < v->len && w->error == 0; i++) {
            tsnu_jw_key(w, v->u.members[i].key);
            tsnu_jw_value(w, &v->u.members[i].value);
        }
        tsnu_jw_end(w);
    }
}

int tsnu_jw_finish(tsnu_jw *w)
{
    put(w, "\n", 1);
    return w->error;
}
