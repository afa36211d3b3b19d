/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A strict RFC 8259 JSON parser into an arena-allocated tree, plus the
 * writing helpers used by the JSON writers.
 *
 * Strict means: invalid UTF-8, lone surrogate escapes, duplicate object
 * keys, control characters in strings, trailing content and nesting deeper
 * than the limit are errors. Every error names the line, column and JSON
 * pointer where it was found. Values keep their line so later semantic
 * checks can point at them too.
 */
#ifndef TSNU_JSON_H
#define TSNU_JSON_H

#include "tsunagi/limits.h"
#include "util.h"

typedef enum {
    TSNU_JSON_NULL,
    TSNU_JSON_FALSE,
    TSNU_JSON_TRUE,
    TSNU_JSON_NUMBER,
    TSNU_JSON_STRING,
    TSNU_JSON_ARRAY,
    TSNU_JSON_OBJECT
} tsnu_json_type;

typedef struct tsnu_json tsnu_json;
typedef struct tsnu_json_member tsnu_json_member;

struct tsnu_json {
    uint8_t type;
    uint32_t line;
    size_t len; /* bytes of a string/number; count of array items/members */
    union {
        const char *str; /* string (decoded, NUL-terminated) or number text */
        tsnu_json *items;
        tsnu_json_member *members;
    } u;
};

struct tsnu_json_member {
    const char *key;
    size_t key_len;
    tsnu_json value;
};

typedef struct tsnu_json_opts {
    unsigned max_depth;
    size_t max_string; /* longest string value or key, in bytes */
    /* Names of members left out of the tree wherever they occur (a
     * NULL-terminated list, or NULL for none): for a reader that needs
     * only part of a large document. Their values are still read as JSON
     * (syntax, UTF-8, escapes, limits) but nothing of them is kept, so a
     * duplicate key inside one, or a skipped member given twice, is not
     * seen. */
    const char *const *skip;
} tsnu_json_opts;

/*
 * Parse @p len bytes at @p text. The tree lives in @p arena.
 * @p name names the input in error messages (a file name).
 * Returns 0, TSN_EINVALID, TSN_ETOOBIG or TSN_ENOMEM.
 */
int tsnu_json_parse(tsnu_json **out,
                    tsnu_arena *arena,
                    const char *text,
                    size_t len,
                    const tsnu_json_opts *opts,
                    const char *name);

/* Lookup helpers. All return NULL when absent or @p obj is not an object. */
const tsnu_json *tsnu_json_get(const tsnu_json *obj, const char *key);
/* The string value of member @p key, or NULL if absent or not a string. */
const char *tsnu_json_get_str(const tsnu_json *obj, const char *key);
const char *tsnu_json_type_name(int type);

/* ---- path tracking for semantic errors ------------------------------ */

/*
 * A JSON pointer built on the stack as a reader descends: each level links
 * to its parent, so no allocation is needed until a message is rendered.
 */
typedef struct tsnu_jpath {
    const struct tsnu_jpath *up;
    const char *key; /* member name, or NULL for an array index */
    size_t index;
} tsnu_jpath;

/* Render the pointer (RFC 6901, with ~0 ~1 escapes) into @p out. */
void tsnu_jpath_render(const tsnu_jpath *p, tsn_buf *out);

/* ---- writing -------------------------------------------------------- */

/* Append @p s as a JSON string literal (quotes and escapes). */
int tsnu_json_put_string(tsn_buf *b, const char *s);

/* Append the value @p v as compact JSON (no whitespace; numbers as they
 * were written; members in their order). Parsing the output gives the
 * same tree. */
int tsnu_json_emit(tsn_buf *b, const tsnu_json *v);

/*
 * A streaming JSON writer with two-space indentation. Errors are sticky:
 * after the first failure every call does nothing and tsnu_jw_finish()
 * returns the error.
 */
/* deep enough to write back anything the readers take (TSN_LIMIT_DEPTH) */
#define TSNU_JW_MAX_DEPTH (TSN_LIMIT_DEPTH + 2)
typedef struct tsnu_jw {
    tsn_buf *b;
    int depth;
    bool has_items[TSNU_JW_MAX_DEPTH];
    char closer[TSNU_JW_MAX_DEPTH];
    bool after_key;
    int error;
} tsnu_jw;

void tsnu_jw_init(tsnu_jw *w, tsn_buf *b);
void tsnu_jw_object(tsnu_jw *w);
void tsnu_jw_array(tsnu_jw *w);
void tsnu_jw_end(tsnu_jw *w); /* closes the innermost object or array */
void tsnu_jw_key(tsnu_jw *w, const char *key);
void tsnu_jw_string(tsnu_jw *w, const char *s);
void tsnu_jw_long(tsnu_jw *w, long v);
/* 15 significant digits, enough for a decimal written with fewer; a
 * value that is not finite is written null */
void tsnu_jw_double(tsnu_jw *w, double v);
void tsnu_jw_bool(tsnu_jw *w, bool v);
void tsnu_jw_null(tsnu_jw *w);
/* key + string, skipped when @p s is NULL */
void tsnu_jw_kstr(tsnu_jw *w, const char *key, const char *s);
/* As tsnu_jw_key() and tsnu_jw_kstr(), the key a string literal that
 * needs no escape: written with its quotes and the colon in one copy. */
#define TSNU_JW_LIT(lit) "\"" lit "\": ", sizeof("\"" lit "\": ") - 1
#define tsnu_jw_lkey(w, lit) tsnu_jw_quoted_key((w), TSNU_JW_LIT(lit))
#define tsnu_jw_lkstr(w, lit, s) tsnu_jw_quoted_kstr((w), TSNU_JW_LIT(lit), (s))
void tsnu_jw_quoted_key(tsnu_jw *w, const char *quoted, size_t n);
void tsnu_jw_quoted_kstr(tsnu_jw *w,
                         const char *quoted,
                         size_t n,
                         const char *s);
/* A parsed value as it was (numbers as written, members in their
 * order), indented like the rest. */
void tsnu_jw_value(tsnu_jw *w, const tsnu_json *v);
/* 0 or the first error; appends a final newline. */
int tsnu_jw_finish(tsnu_jw *w);

#endif
