/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Strict JSON parser (RFC 8259) into an arena tree; see json.h.
 *
 * Design: recursive descent with an explicit depth limit; child values are
 * collected on one shared scratch stack and copied into the arena when
 * their container closes, so every array and object is one contiguous
 * block. Strings without escapes are copied with one memcpy after a
 * validating scan. Duplicate keys are found with a small open-addressing
 * table for large objects and pairwise for small ones.
 */
#include "json.h"

#include <stdio.h>
#include <string.h>

#define JPATH_MAX 1024

struct pathseg {
    const char *key;
    size_t key_len;
    size_t index;
};

struct parser {
    const char *p, *start, *end;
    const char *line_start;
    uint32_t line;
    unsigned depth, max_depth;
    size_t max_string;
    tsnu_arena *arena;
    const char *name;
    tsn_buf scratch; /* stack of tsnu_json / tsnu_json_member */
    struct pathseg *path;
    tsn_buf tmp;    /* string unescaping */
    tsn_buf keypos; /* start of each pending member's key, for messages */
    uint32_t *dup_table;
    size_t dup_cap;
    const char *const *skip; /* tsnu_json_opts.skip */
    unsigned discard;        /* > 0: inside a skipped member's value */
};

static void render_path(struct parser *ps, tsn_buf *out)
{
    for (unsigned i = 0; i < ps->depth; i++) {
        struct pathseg *s = &ps->path[i];
        tsn_buf_putc(out, '/');
        if (s->key) {
            for (size_t k = 0; k < s->key_len; k++) {
                char c = s->key[k];
                if (c == '~')
                    tsn_buf_puts(out, "~0");
                else if (c == '/')
                    tsn_buf_puts(out, "~1");
                else
                    tsn_buf_putc(out, c);
            }
        } else {
            tsn_buf_putu(out, s->index);
        }
    }
}

static int fail(struct parser *ps, int code, const char *what)
{
    tsn_buf path = TSN_BUF_INIT(4096);
    size_t col = (size_t)(ps->p - ps->line_start) + 1;

    render_path(ps, &path);
    tsn_error_set(code, "%s:%u:%zu: %s%s%s", ps->name, ps->line, col,
                  path.len ? tsn_buf_cstr(&path) : "", path.len ? ": " : "",
                  what);
    tsn_buf_dispose(&path);
    return code;
}

static void skip_ws(struct parser *ps)
{
    const char *p = ps->p, *end = ps->end;
    /* most often there is none, or one space */
    if (p < end && (unsigned char)*p > ' ')
        return;
    while (p < end) {
        char c = *p;
        if (c == ' ') {
            /* an indented document's runs of spaces, eight at a time */
            uint64_t x;
            p++;
            while (end - p >= 8 &&
                   (memcpy(&x, p, sizeof x), x == 0x2020202020202020u))
                p += 8;
        } else if (c == '\n') {
            p++;
            ps->line++;
            ps->line_start = p;
        } else if (c == '\t' || c == '\r') {
            p++;
        } else {
            break;
        }
    }
    ps->p = p;
}

static int read_hex4(struct parser *ps, const char *q, unsigned *out)
{
    unsigned v = 0;
    if (ps->end - q < 4)
        return -1;
    for (int i = 0; i < 4; i++) {
        int h = tsnu_hexval(q[i]);
        if (h < 0)
            return -1;
        v = (v << 4) | (unsigned)h;
    }
    *out = v;
    return 0;
}

static void put_utf8(tsn_buf *b, unsigned cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xc0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3f));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xe0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        u[2] = (char)(0x80 | (cp & 0x3f));
        n = 3;
    } else {
        u[0] = (char)(0xf0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
        u[3] = (char)(0x80 | (cp & 0x3f));
        n = 4;
    }
    tsn_buf_put(b, u, n);
}

/* A byte a string's fast scan passes over: not '"', '\\', a control
 * character or part of a multi-byte UTF-8 sequence. */
static inline bool plain(unsigned char c)
{
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/* The eight bytes at @p p that are not plain(): a byte below 0x20, equal
 * to '"' or '\\', or with its high bit set (the classic "has a zero
 * byte" test, (v - 0x01..) & ~v & 0x80.., on each), as a mask of their
 * high bits. A borrow can mark a byte above the first such one too, but
 * never one below it: the lowest bit set is exact. */
static inline uint64_t special8(const char *p)
{
    const uint64_t ones = 0x0101010101010101u, high = ones * 0x80;
    uint64_t x, q, b;
    memcpy(&x, p, sizeof x);
    q = x ^ (ones * '"');
    b = x ^ (ones * '\\');
    return (((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b) |
            x) &
           high;
}

/* The string between @p p and @p end (its quotes left out), which has
 * an escape, decoded into ps->tmp; its escapes checked. */
static int unescape(struct parser *ps, const char *p, const char *end)
{
    tsn_buf_clear(&ps->tmp);
    while (p < end) {
        const char *q = p;
        while (q < end && *q != '\\')
            q++;
        if (tsn_buf_put(&ps->tmp, p, (size_t)(q - p)) < 0)
            return tsn_error_oom();
        if (q >= end)
            break;
        p = q + 1;
        switch (*p) {
        case '"':
        case '\\':
        case '/':
            tsn_buf_putc(&ps->tmp, *p);
            p++;
            break;
        case 'b':
            tsn_buf_putc(&ps->tmp, '\b');
            p++;
            break;
        case 'f':
            tsn_buf_putc(&ps->tmp, '\f');
            p++;
            break;
        case 'n':
            tsn_buf_putc(&ps->tmp, '\n');
            p++;
            break;
        case 'r':
            tsn_buf_putc(&ps->tmp, '\r');
            p++;
            break;
        case 't':
            tsn_buf_putc(&ps->tmp, '\t');
            p++;
            break;
        case 'u': {
            unsigned cp, lo;
            if (read_hex4(ps, p + 1, &cp) < 0) {
                ps->p = q;
                return fail(ps, TSN_EINVALID, "bad \\u escape");
            }
            p += 5;
            if (cp >= 0xdc00 && cp <= 0xdfff) {
                ps->p = q;
                return fail(ps, TSN_EINVALID, "lone low surrogate escape");
            }
            if (cp >= 0xd800 && cp <= 0xdbff) {
                if (end - p < 6 || p[0] != '\\' || p[1] != 'u' ||
                    read_hex4(ps, p + 2, &lo) < 0 || lo < 0xdc00 ||
                    lo > 0xdfff) {
                    ps->p = q;
                    return fail(ps, TSN_EINVALID, "lone high surrogate escape");
                }
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                p += 6;
            }
            if (cp == 0) {
                ps->p = q;
                return fail(ps, TSN_EINVALID,
                            "\\u0000 is not allowed in strings");
            }
            put_utf8(&ps->tmp, cp);
            break;
        }
        default:
            ps->p = q;
            return fail(ps, TSN_EINVALID, "invalid escape in string");
        }
    }
    if (!ps->tmp.ptr && tsn_buf_grow(&ps->tmp, 1) < 0)
        return tsn_error_oom();
    return 0;
}

/*
 * Parse a string literal at ps->p (which points at the opening quote).
 * On success *out is the decoded, NUL-terminated copy in the arena; in a
 * skipped value, the string as written (not terminated: *out_len long).
 */
static int parse_string(struct parser *ps, const char **out, size_t *out_len)
{
    const char *p = ps->p + 1, *end = ps->end, *run;
    bool escaped = false;

    /* Fast scan: find the closing quote, validating UTF-8 on the way. */
    run = p;
    while (p < end) {
        uint64_t m = 0;
        while (end - p >= 8 && !(m = special8(p)))
            p += 8;
#if defined(__GNUC__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        if (m)
            p += __builtin_ctzll(m) / 8; /* the first of them */
        else
#endif
            while (p < end && plain((unsigned char)*p))
                p++;
        if (p >= end)
            break;
        unsigned char c = (unsigned char)*p;
        if (c == '"')
            break;
        if (c == '\\') {
            escaped = true;
            p += 2;
            continue;
        }
        if (c < 0x20) {
            ps->p = p;
            return fail(ps, TSN_EINVALID,
                        "control character in string (must be escaped)");
        }
        if (c >= 0x80) {
            size_t bad;
            const char *q = p;
            while (q < end && (unsigned char)*q >= 0x80)
                q++;
            if (!tsnu_utf8_valid(p, (size_t)(q - p), &bad)) {
                ps->p = p + bad;
                return fail(ps, TSN_EINVALID, "invalid UTF-8 in string");
            }
            p = q;
            continue;
        }
        p++;
    }
    if (p >= end) {
        ps->p = end;
        return fail(ps, TSN_EINVALID, "unterminated string");
    }
    if ((size_t)(p - run) > ps->max_string) {
        return fail(ps, TSN_ETOOBIG, "string longer than the field limit");
    }
    int error = escaped ? unescape(ps, run, p) : 0;
    if (error < 0)
        return error;
    if (ps->discard) {
        /* a skipped value keeps nothing; a key there is named as written,
         * for messages only (struct pathseg has its length) */
        *out = run;
        *out_len = (size_t)(p - run);
    } else if (!escaped) {
        *out = tsnu_arena_strndup(ps->arena, run, (size_t)(p - run));
        *out_len = (size_t)(p - run);
    } else {
        *out = tsnu_arena_strndup(ps->arena, ps->tmp.ptr, ps->tmp.len);
        *out_len = ps->tmp.len;
    }
    if (!*out)
        return tsn_error_oom();
    ps->p = p + 1;
    return 0;
}

static int parse_number(struct parser *ps, tsnu_json *v)
{
    const char *p = ps->p, *end = ps->end, *s = p;

    if (p < end && *p == '-')
        p++;
    if (p >= end)
        goto bad;
    if (*p == '0') {
        p++;
    } else if (*p >= '1' && *p <= '9') {
        while (p < end && *p >= '0' && *p <= '9')
            p++;
    } else {
        goto bad;
    }
    if (p < end && *p == '.') {
        p++;
        if (p >= end || *p < '0' || *p > '9')
            goto bad;
        while (p < end && *p >= '0' && *p <= '9')
            p++;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        if (p >= end || *p < '0' || *p > '9')
            goto bad;
        while (p < end && *p >= '0' && *p <= '9')
            p++;
    }
    v->type = TSNU_JSON_NUMBER;
    v->len = (size_t)(p - s);
    v->u.str = ps->discard ? s : tsnu_arena_strndup(ps->arena, s, v->len);
    if (!v->u.str)
        return tsn_error_oom();
    ps->p = p;
    return 0;
bad:
    ps->p = p;
    return fail(ps, TSN_EINVALID, "invalid number");
}

static int parse_value(struct parser *ps, tsnu_json *v);

/* @p n bytes onto one of the parser's stacks, in place while they fit
 * (a stack is not read as a string: no terminating NUL kept) */
static inline int push(tsn_buf *b, const void *data, size_t n)
{
    if (n < b->cap - b->len && b->len + n <= b->max) {
        memcpy(b->ptr + b->len, data, n);
        b->len += n;
        return 0;
    }
    return tsn_buf_put(b, data, n);
}

static uint32_t hash_key(const char *k, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)k[i];
        h *= 16777619u;
    }
    return h;
}

/* Find a duplicate key among @p n members; returns its index or -1. */
static long
find_duplicate(struct parser *ps, const tsnu_json_member *m, size_t n)
{
    if (n < 2)
        return -1;
    if (n <= 12) {
        for (size_t i = 1; i < n; i++)
            for (size_t j = 0; j < i; j++)
                if (m[i].key_len == m[j].key_len &&
                    memcmp(m[i].key, m[j].key, m[i].key_len) == 0)
                    return (long)i;
        return -1;
    }
    size_t cap = 32;
    while (cap < n * 2)
        cap *= 2;
    if (cap > ps->dup_cap) {
        uint32_t *t = tsn_realloc(ps->dup_table, cap * sizeof *t);
        if (!t)
            return -2;
        ps->dup_table = t;
        ps->dup_cap = cap;
    }
    memset(ps->dup_table, 0xff, cap * sizeof *ps->dup_table);
    for (size_t i = 0; i < n; i++) {
        size_t slot = hash_key(m[i].key, m[i].key_len) & (cap - 1);
        while (ps->dup_table[slot] != UINT32_MAX) {
            const tsnu_json_member *o = &m[ps->dup_table[slot]];
            if (o->key_len == m[i].key_len &&
                memcmp(o->key, m[i].key, o->key_len) == 0)
                return (long)i;
            slot = (slot + 1) & (cap - 1);
        }
        ps->dup_table[slot] = (uint32_t)i;
    }
    return -1;
}

static int enter(struct parser *ps)
{
    if (ps->depth >= ps->max_depth)
        return fail(ps, TSN_ETOOBIG, "nesting deeper than the depth limit");
    return 0;
}

static int parse_array(struct parser *ps, tsnu_json *v)
{
    size_t base = ps->scratch.len, n = 0;
    int error;

    error = enter(ps);
    if (error < 0)
        return error;
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == ']') {
        ps->p++;
        goto finish;
    }
    for (;;) {
        tsnu_json item;
        ps->path[ps->depth].key = NULL;
        ps->path[ps->depth].index = n;
        ps->depth++;
        error = parse_value(ps, &item);
        ps->depth--;
        if (error < 0)
            return error;
        if (!ps->discard && push(&ps->scratch, &item, sizeof item) < 0)
            return tsn_error_oom();
        n++;
        skip_ws(ps);
        if (ps->p >= ps->end)
            return fail(ps, TSN_EINVALID, "unterminated array");
        if (*ps->p == ',') {
            ps->p++;
            skip_ws(ps);
            continue;
        }
        if (*ps->p == ']') {
            ps->p++;
            break;
        }
        return fail(ps, TSN_EINVALID, "expected ',' or ']' in array");
    }
finish:
    v->type = TSNU_JSON_ARRAY;
    v->len = ps->discard ? 0 : n;
    v->u.items = NULL;
    if (v->len) {
        v->u.items = tsnu_arena_alloc(ps->arena, n * sizeof(tsnu_json));
        if (!v->u.items)
            return tsn_error_oom();
        memcpy(v->u.items, ps->scratch.ptr + base, n * sizeof(tsnu_json));
    }
    ps->scratch.len = base;
    return 0;
}

/* Whether member @p m is one of those left out (tsnu_json_opts.skip). */
static bool skipped(const struct parser *ps, const tsnu_json_member *m)
{
    for (const char *const *k = ps->skip; *k; k++)
        if ((*k)[0] == m->key[0] && strlen(*k) == m->key_len &&
            memcmp(*k, m->key, m->key_len) == 0)
            return true;
    return false;
}

static int parse_object(struct parser *ps, tsnu_json *v)
{
    size_t base = ps->scratch.len, kbase = ps->keypos.len, n = 0;
    int error;
    long dup;

    error = enter(ps);
    if (error < 0)
        return error;
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == '}') {
        ps->p++;
        goto finish;
    }
    for (;;) {
        tsnu_json_member m;
        const char *key_at = ps->p;
        if (ps->p >= ps->end || *ps->p != '"')
            return fail(ps, TSN_EINVALID, "expected a string key in object");
        error = parse_string(ps, &m.key, &m.key_len);
        if (error < 0)
            return error;
        skip_ws(ps);
        if (ps->p >= ps->end || *ps->p != ':')
            return fail(ps, TSN_EINVALID, "expected ':' after object key");
        ps->p++;
        ps->path[ps->depth].key = m.key;
        ps->path[ps->depth].key_len = m.key_len;
        bool skip = ps->skip && !ps->discard && skipped(ps, &m);
        ps->discard += skip;
        ps->depth++;
        error = parse_value(ps, &m.value);
        ps->depth--;
        ps->discard -= skip;
        if (error < 0)
            return error;
        if (!skip && !ps->discard) {
            if (push(&ps->scratch, &m, sizeof m) < 0 ||
                push(&ps->keypos, &key_at, sizeof key_at) < 0)
                return tsn_error_oom();
            n++;
        }
        skip_ws(ps);
        if (ps->p >= ps->end)
            return fail(ps, TSN_EINVALID, "unterminated object");
        if (*ps->p == ',') {
            ps->p++;
            skip_ws(ps);
            continue;
        }
        if (*ps->p == '}') {
            ps->p++;
            break;
        }
        return fail(ps, TSN_EINVALID, "expected ',' or '}' in object");
    }
finish:
    v->type = TSNU_JSON_OBJECT;
    v->len = n;
    v->u.members = NULL;
    if (n) {
        tsnu_json_member *m =
            tsnu_arena_alloc(ps->arena, n * sizeof(tsnu_json_member));
        if (!m)
            return tsn_error_oom();
        memcpy(m, ps->scratch.ptr + base, n * sizeof(tsnu_json_member));
        v->u.members = m;
        dup = find_duplicate(ps, m, n);
        if (dup == -2)
            return tsn_error_oom();
        if (dup >= 0) {
            tsn_buf msg = TSN_BUF_INIT(4096);
            const char *at;
            memcpy(&at, ps->keypos.ptr + kbase + (size_t)dup * sizeof at,
                   sizeof at);
            /* Point at the second occurrence of the key. */
            ps->line = 1;
            ps->line_start = ps->start;
            for (const char *q = ps->start; q < at; q++)
                if (*q == '\n') {
                    ps->line++;
                    ps->line_start = q + 1;
                }
            ps->p = at;
            tsn_buf_printf(&msg, "duplicate key \"%.200s\" in object",
                           m[dup].key);
            error = fail(ps, TSN_EINVALID, tsn_buf_cstr(&msg));
            tsn_buf_dispose(&msg);
            return error;
        }
    }
    ps->scratch.len = base;
    ps->keypos.len = kbase;
    return 0;
}

static int literal(struct parser *ps, const char *word, size_t n)
{
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
        return fail(ps, TSN_EINVALID, "invalid literal");
    ps->p += n;
    return 0;
}

static int parse_value(struct parser *ps, tsnu_json *v)
{
    int error;

    skip_ws(ps);
    if (ps->p >= ps->end)
        return fail(ps, TSN_EINVALID, "unexpected end of input");
    v->line = ps->line;
    switch (*ps->p) {
    case '{':
        return parse_object(ps, v);
    case '[':
        return parse_array(ps, v);
    case '"':
        v->type = TSNU_JSON_STRING;
        return parse_string(ps, &v->u.str, &v->len);
    case 't':
        v->type = TSNU_JSON_TRUE;
        v->len = 0;
        return literal(ps, "true", 4);
    case 'f':
        v->type = TSNU_JSON_FALSE;
        v->len = 0;
        return literal(ps, "false", 5);
    case 'n':
        v->type = TSNU_JSON_NULL;
        v->len = 0;
        return literal(ps, "null", 4);
    default:
        error = parse_number(ps, v);
        return error;
    }
}

int tsnu_json_parse(tsnu_json **out,
                    tsnu_arena *arena,
                    const char *text,
                    size_t len,
                    const tsnu_json_opts *opts,
                    const char *name)
{
    struct parser ps;
    tsnu_json *root = NULL;
    int error;

    *out = NULL;
    memset(&ps, 0, sizeof ps);
    ps.p = ps.start = ps.line_start = text;
    ps.end = text + len;
    ps.line = 1;
    ps.max_depth = opts && opts->max_depth ? opts->max_depth : 256;
    ps.max_string = opts && opts->max_string ? opts->max_string : (1u << 20);
    ps.arena = arena;
    ps.skip = opts ? opts->skip : NULL;
    ps.name = name ? name : "<input>";
    ps.scratch = (tsn_buf)TSN_BUF_INIT(SIZE_MAX / 2);
    ps.tmp = (tsn_buf)TSN_BUF_INIT(SIZE_MAX / 2);
    ps.keypos = (tsn_buf)TSN_BUF_INIT(SIZE_MAX / 2);
    /* room for the pending values of a record-sized document at once,
     * rather than growing from a few bytes by doubling */
    if (tsn_buf_grow(&ps.scratch, 4096) < 0 ||
        tsn_buf_grow(&ps.keypos, 512) < 0) {
        error = tsn_error_oom();
        goto done;
    }
    /* each segment is written before the depth reaches it: not zeroed */
    ps.path = tsn_malloc(((size_t)ps.max_depth + 1) * sizeof *ps.path);
    if (!ps.path) {
        error = tsn_error_oom();
        goto done;
    }
    /* A UTF-8 byte order mark is tolerated (RFC 8259 §8.1 allows it). */
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
        ps.p += 3;
    root = tsnu_arena_alloc(arena, sizeof *root);
    if (!root) {
        error = tsn_error_oom();
        goto done;
    }
    error = parse_value(&ps, root);
    if (error < 0)
        goto done;
    skip_ws(&ps);
    if (ps.p != ps.end) {
        error = fail(&ps, TSN_EINVALID, "trailing content after the value");
        goto done;
    }
    *out = root;
done:
    tsn_buf_dispose(&ps.scratch);
    tsn_buf_dispose(&ps.tmp);
    tsn_buf_dispose(&ps.keypos);
    tsn_free(ps.path);
    tsn_free(ps.dup_table);
    return error;
}

const tsnu_json *tsnu_json_get(const tsnu_json *obj, const char *key)
{
    if (!obj || obj->type != TSNU_JSON_OBJECT)
        return NULL;
    for (size_t i = 0; i < obj->len; i++)
        if (tsnu_streq(obj->u.members[i].key, key))
            return &obj->u.members[i].value;
    return NULL;
}

const char *tsnu_json_get_str(const tsnu_json *obj, const char *key)
{
    const tsnu_json *v = tsnu_json_get(obj, key);
    return v && v->type == TSNU_JSON_STRING ? v->u.str : NULL;
}

const char *tsnu_json_type_name(int type)
{
    static const char *const names[] = {
        "null", "boolean", "boolean", "number", "string", "array", "object"};
    return type >= 0 && type <= TSNU_JSON_OBJECT ? names[type] : "?";
}

void tsnu_jpath_render(const tsnu_jpath *p, tsn_buf *out)
{
    const tsnu_jpath *stack[JPATH_MAX];
    size_t n = 0;
    for (; p && n < JPATH_MAX; p = p->up)
        stack[n++] = p;
    if (n == 0)
        tsn_buf_puts(out, "/");
    while (n--) {
        const tsnu_jpath *s = stack[n];
        tsn_buf_putc(out, '/');
        if (s->key) {
            for (const char *k = s->key; *k; k++) {
                if (*k == '~')
                    tsn_buf_puts(out, "~0");
                else if (*k == '/')
                    tsn_buf_puts(out, "~1");
                else
                    tsn_buf_putc(out, *k);
            }
        } else {
            tsn_buf_putu(out, s->index);
        }
    }
}

int tsnu_json_put_string(tsn_buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    const char *run = s;
    /* most strings need no escape: the quotes and the text at once */
    while ((unsigned char)*s >= 0x20 && *s != '"' && *s != '\\')
        s++;
    if (!*s) {
        size_t n = (size_t)(s - run), need;
        if (tsnu_add_overflow(&need, b->len, n + 2))
            return tsn_error_set(TSN_ETOOBIG, "buffer size overflow");
        int rc = tsn_buf_grow(b, need);
        if (rc < 0)
            return rc;
        b->ptr[b->len] = '"';
        memcpy(b->ptr + b->len + 1, run, n);
        b->ptr[need - 1] = '"';
        b->ptr[need] = '\0';
        b->len = need;
        return 0;
    }
    /* from the first byte to escape on */
    int error = tsn_buf_putc(b, '"');

    for (; error == 0 && *s; s++) {
        /* the characters written as they are, in one run */
        while ((unsigned char)*s >= 0x20 && *s != '"' && *s != '\\')
            s++;
        if (!*s)
            break;
        unsigned char c = (unsigned char)*s;
        error = tsn_buf_put(b, run, (size_t)(s - run));
        if (error < 0)
            break;
        switch (c) {
        case '"':
            error = tsn_buf_puts(b, "\\\"");
            break;
        case '\\':
            error = tsn_buf_puts(b, "\\\\");
            break;
        case '\n':
            error = tsn_buf_puts(b, "\\n");
            break;
        case '\r':
            error = tsn_buf_puts(b, "\\r");
            break;
        case '\t':
            error = tsn_buf_puts(b, "\\t");
            break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            error = tsn_buf_put(b, u, 6);
        }
        }
        run = s + 1;
    }
    if (error == 0)
        error = tsn_buf_put(b, run, (size_t)(s - run));
    if (error == 0)
        error = tsn_buf_putc(b, '"');
    return error;
}

int tsnu_json_emit(tsn_buf *b, const tsnu_json *v)
{
    int rc = 0;
    switch (v->type) {
    case TSNU_JSON_NULL:
        return tsn_buf_puts(b, "null");
    case TSNU_JSON_FALSE:
        return tsn_buf_puts(b, "false");
    case TSNU_JSON_TRUE:
        return tsn_buf_puts(b, "true");
    case TSNU_JSON_NUMBER:
        return tsn_buf_put(b, v->u.str, v->len);
    case TSNU_JSON_STRING:
        return tsnu_json_put_string(b, v->u.str);
    case TSNU_JSON_ARRAY:
        rc = tsn_buf_putc(b, '[');
        for (size_t i = 0; rc == 0 && i < v->len; i++) {
            if (i)
                rc = tsn_buf_putc(b, ',');
            if (rc == 0)
                rc = tsnu_json_emit(b, &v->u.items[i]);
        }
        return rc ? rc : tsn_buf_putc(b, ']');
    default:
        rc = tsn_buf_putc(b, '{');
        for (size_t i = 0; rc == 0 && i < v->len; i++) {
            const tsnu_json_member *m = &v->u.members[i];
            if (i)
                rc = tsn_buf_putc(b, ',');
            if (rc == 0)
                rc = tsnu_json_put_string(b, m->key);
            if (rc == 0)
                rc = tsn_buf_putc(b, ':');
            if (rc == 0)
                rc = tsnu_json_emit(b, &m->value);
        }
        return rc ? rc : tsn_buf_putc(b, '}');
    }
}
