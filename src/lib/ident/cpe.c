/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CPE 2.3 naming (NISTIR 7695): WFN, formatted-string binding (§6.2) and
 * URI binding (§6.1), both ways. Values are held in WFN form: every
 * character other than letters, digits and '_' is quoted with '\', except
 * the unquoted wildcards '*' and '?' (FS) at the start or end of a value.
 */
#include "../lib.h"

#include "tsunagi/cpe.h"

#include <string.h>

struct tsn_cpe {
    tsn_cpe_kind kind[TSN_CPE_N_ATTRS];
    char *value[TSN_CPE_N_ATTRS];
};

static const char *const attr_names[TSN_CPE_N_ATTRS] = {
    "part",     "vendor",     "product",   "version",   "update", "edition",
    "language", "sw_edition", "target_sw", "target_hw", "other"};

const char *tsn_cpe_attr_name(tsn_cpe_attr a)
{
    return (unsigned)a < TSN_CPE_N_ATTRS ? attr_names[a] : "?";
}

tsn_cpe_kind tsn_cpe_kind_of(const tsn_cpe *c, tsn_cpe_attr a)
{
    return c->kind[a];
}

const char *tsn_cpe_value(const tsn_cpe *c, tsn_cpe_attr a)
{
    return c->kind[a] == TSN_CPE_VALUE ? c->value[a] : NULL;
}

void tsn_cpe_free(tsn_cpe *c)
{
    if (!c)
        return;
    for (int i = 0; i < TSN_CPE_N_ATTRS; i++)
        tsn_free(c->value[i]);
    tsn_free(c);
}

static bool alnum_(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_';
}

static int bad(const char *what, int attr)
{
    return tsn_error_set(TSN_EINVALID, "invalid CPE: %s%s%s", what,
                         attr >= 0 ? " in " : "",
                         attr >= 0 ? attr_names[attr] : "");
}

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
}

/*
 * Check the part attribute: a, o or h (SPEC: NISTIR 7695 §5.3.3.1).
 */
static int check_part(const tsn_cpe *c)
{
    const char *v = c->value[TSN_CPE_PART];
    if (c->kind[TSN_CPE_PART] != TSN_CPE_VALUE)
        return 0;
    if (strcmp(v, "a") != 0 && strcmp(v, "o") != 0 && strcmp(v, "h") != 0)
        return bad("part must be a, o or h", -1);
    return 0;
}

/*
 * SPEC: NISTIR 7695 §5.3.2: unquoted wildcards stand only at the start or
 * end of a value, each end holding either one '*' or a run of '?', and a
 * value is not made of wildcards from both ends alone ("*?").
 */
static int check_wildcards(const char *v, int attr)
{
    size_t n = 0, i = 0, j;
    char tok[1024];
    bool quoted[1024];

    for (const char *p = v; *p && n < sizeof tok; p++) {
        quoted[n] = *p == '\\' && p[1];
        if (quoted[n])
            p++;
        tok[n++] = *p;
    }
#define SPECIAL(k, c) (!quoted[k] && tok[k] == (c))
    if (n && SPECIAL(0, '*'))
        i = 1;
    else
        while (i < n && SPECIAL(i, '?'))
            i++;
    j = n;
    if (j > i && SPECIAL(j - 1, '*'))
        j--;
    else
        while (j > i && SPECIAL(j - 1, '?'))
            j--;
    for (size_t k = i; k < j; k++)
        if (SPECIAL(k, '*') || SPECIAL(k, '?'))
            return bad("wildcards stand only at the start or end of a value",
                       attr);
    if (i == j && i > 0 && j < n)
        return bad("a value cannot be wildcards from both ends alone", attr);
#undef SPECIAL
    return 0;
}

/*
 * Finish unbinding one attribute: unless @p error is set, check the
 * wildcards of the WFN value built in @p b and store it (taking @p b).
 */
static int store_value(tsn_cpe *c, int attr, tsn_buf *b, int error)
{
    if (error == 0)
        error = check_wildcards(tsn_buf_cstr(b), attr);
    if (error < 0) {
        tsn_buf_dispose(b);
        return error;
    }
    c->kind[attr] = TSN_CPE_VALUE;
    c->value[attr] = tsn_buf_detach(b);
    return c->value[attr] ? 0 : tsn_error_oom();
}

/* ---- formatted string (§6.2) ------------------------------------------- */

/*
 * Unbind one FS component [s, s+n) into WFN form (§6.2.3.2
 * unbind_value_fs / add_quoting): letters, digits and '_' stay; a quoted
 * character stays quoted; other punctuation gets quoted; '*' and '?' are
 * wildcards only at the start or end.
 */
static int unbind_fs_value(tsn_cpe *c, int attr, const char *s, size_t n)
{
    tsn_buf b = TSN_BUF_INIT(n * 2 + 1);
    int error = 0;

    if (n == 1 && s[0] == '*') {
        c->kind[attr] = TSN_CPE_ANY;
        return 0;
    }
    if (n == 1 && s[0] == '-') {
        c->kind[attr] = TSN_CPE_NA;
        return 0;
    }
    if (n == 0)
        return bad("empty component", attr);
    for (size_t i = 0; i < n && error == 0; i++) {
        char ch = s[i];
        if (alnum_(ch)) {
            error = tsn_buf_putc(&b, lower(ch));
        } else if (ch == '\\') {
            if (i + 1 >= n)
                return tsn_buf_dispose(&b), bad("dangling '\\'", attr);
            error = tsn_buf_putc(&b, '\\');
            if (!error)
                error = tsn_buf_putc(&b, lower(s[++i]));
        } else if (ch == '*' || ch == '?') {
            error = tsn_buf_putc(&b, ch); /* placement checked below */
        } else if ((unsigned char)ch <= 0x20 || (unsigned char)ch >= 0x7f) {
            return tsn_buf_dispose(&b),
                   bad("only printable ASCII is allowed", attr);
        } else {
            error = tsn_buf_putc(&b, '\\');
            if (!error)
                error = tsn_buf_putc(&b, ch);
        }
    }
    return store_value(c, attr, &b, error);
}

static int parse_fs(tsn_cpe *c, const char *s)
{
    const char *p = s + 8; /* after "cpe:2.3:" */
    int attr = 0, error;

    while (attr < TSN_CPE_N_ATTRS) {
        const char *q = p;
        while (*q && *q != ':') {
            if (*q == '\\' && q[1])
                q++;
            q++;
        }
        error = unbind_fs_value(c, attr, p, (size_t)(q - p));
        if (error < 0)
            return error;
        attr++;
        if (!*q)
            break;
        p = q + 1;
        if (attr == TSN_CPE_N_ATTRS)
            return bad("more than 11 components", -1);
    }
    /* SPEC: NISTIR 7695 §6.2: all eleven components are present */
    if (attr != TSN_CPE_N_ATTRS)
        return bad("a formatted string has 11 components after cpe:2.3:", -1);
    return check_part(c);
}

/* §6.2.2.2 bind_value_for_fs */
static int bind_fs_value(tsn_buf *b, const tsn_cpe *c, int attr)
{
    const char *v = c->value[attr];
    if (c->kind[attr] == TSN_CPE_ANY)
        return tsn_buf_putc(b, '*');
    if (c->kind[attr] == TSN_CPE_NA)
        return tsn_buf_putc(b, '-');
    for (; *v; v++) {
        int error;
        if (*v == '\\' && v[1]) {
            v++;
            /* '.', '-' and '_' need no quoting in a formatted string */
            if (*v == '.' || *v == '-' || *v == '_')
                error = tsn_buf_putc(b, *v);
            else {
                error = tsn_buf_putc(b, '\\');
                if (!error)
                    error = tsn_buf_putc(b, *v);
            }
        } else {
            error = tsn_buf_putc(b, *v);
        }
        if (error < 0)
            return error;
    }
    return 0;
}

int tsn_cpe_to_fs(char **out, const tsn_cpe *c)
{
    tsn_buf b = TSN_BUF_INIT(1 << 16);
    int error = tsn_buf_puts(&b, "cpe:2.3");
    *out = NULL;
    for (int a = 0; a < TSN_CPE_N_ATTRS && error == 0; a++) {
        error = tsn_buf_putc(&b, ':');
        if (!error)
            error = bind_fs_value(&b, c, a);
    }
    if (error < 0) {
        tsn_buf_dispose(&b);
        return error;
    }
    *out = tsn_buf_detach(&b);
    return *out ? 0 : tsn_error_oom();
}

/* ---- URI (§6.1) --------------------------------------------------------- */

/* §6.1.3.2 decode: URI component [s, s+n) to WFN form. */
static int unbind_uri_value(tsn_cpe *c, int attr, const char *s, size_t n)
{
    tsn_buf b = TSN_BUF_INIT(n * 2 + 1);
    int error = 0;

    if (n == 0) {
        c->kind[attr] = TSN_CPE_ANY;
        return 0;
    }
    if (n == 1 && s[0] == '-') {
        c->kind[attr] = TSN_CPE_NA;
        return 0;
    }
    for (size_t i = 0; i < n && error == 0; i++) {
        char ch = s[i];
        if (alnum_(ch)) {
            error = tsn_buf_putc(&b, lower(ch));
        } else if (ch == '%') {
            int h = -1, l = -1;
            if (n - i >= 3) {
                h = tsnu_hexval(s[i + 1]);
                l = tsnu_hexval(s[i + 2]);
            }
            if (h < 0 || l < 0)
                return tsn_buf_dispose(&b), bad("bad %-encoding", attr);
            i += 2;
            ch = (char)(h * 16 + l);
            if (ch == 0x01 || ch == 0x02) {
                /* %01 is an unquoted '?', %02 an unquoted '*' (SPEC:
                 * NISTIR 7695 §6.1.3.2); placement checked below */
                error = tsn_buf_putc(&b, ch == 0x01 ? '?' : '*');
            } else if ((unsigned char)ch < 0x21 || (unsigned char)ch > 0x7e) {
                return tsn_buf_dispose(&b),
                       bad("%-encoding of a non-printable character", attr);
            } else {
                error = tsn_buf_putc(&b, '\\');
                if (!error)
                    error = tsn_buf_putc(&b, lower(ch));
            }
        } else if (ch == '.' || ch == '-' || ch == '~') {
            error = tsn_buf_putc(&b, '\\');
            if (!error)
                error = tsn_buf_putc(&b, ch);
        } else {
            return tsn_buf_dispose(&b),
                   bad("character not allowed in a CPE URI", attr);
        }
    }
    return store_value(c, attr, &b, error);
}

static int parse_uri(tsn_cpe *c, const char *s)
{
    const char *p = s + 5; /* after "cpe:/" */
    int attr = 0, error;

    /* Components beyond those present are ANY (§6.1.3). */
    while (attr <= TSN_CPE_LANGUAGE) {
        const char *q = strchr(p, ':');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        if (attr == TSN_CPE_EDITION && n > 0 && p[0] == '~') {
            /* SPEC: NISTIR 7695 §6.1.3.3 packed edition:
             * ~edition~sw_edition~target_sw~target_hw~other */
            static const int packed[] = {TSN_CPE_EDITION, TSN_CPE_SW_EDITION,
                                         TSN_CPE_TARGET_SW, TSN_CPE_TARGET_HW,
                                         TSN_CPE_OTHER};
            const char *f = p + 1, *end = p + n;
            for (int k = 0; k < 5; k++) {
                const char *t = memchr(f, '~', (size_t)(end - f));
                if (k < 4 && !t)
                    return bad("packed edition needs 5 fields", attr);
                if (k == 4 && t)
                    return bad("packed edition has more than 5 fields", attr);
                if (!t)
                    t = end;
                error = unbind_uri_value(c, packed[k], f, (size_t)(t - f));
                if (error < 0)
                    return error;
                f = t + 1;
            }
        } else {
            error = unbind_uri_value(c, attr, p, n);
            if (error < 0)
                return error;
        }
        attr++;
        if (!q)
            break;
        p = q + 1;
        if (attr > TSN_CPE_LANGUAGE)
            return bad("a URI has at most 7 components", -1);
    }
    return check_part(c);
}

/* §6.1.2.3 bind_value_for_uri (transform_for_uri) */
static int bind_uri_value(tsn_buf *b, const tsn_cpe *c, int attr)
{
    static const char hex[] = "0123456789abcdef";
    const char *v = c->value[attr];
    if (c->kind[attr] == TSN_CPE_ANY)
        return 0;
    if (c->kind[attr] == TSN_CPE_NA)
        return tsn_buf_putc(b, '-');
    for (; *v; v++) {
        int error;
        if (alnum_(*v)) {
            error = tsn_buf_putc(b, *v);
        } else if (*v == '\\' && v[1]) {
            char ch = *++v;
            if (ch == '.' || ch == '-')
                error = tsn_buf_putc(b, ch);
            else {
                char e[3] = {'%', hex[(unsigned char)ch >> 4],
                             hex[(unsigned char)ch & 15]};
                error = tsn_buf_put(b, e, 3);
            }
        } else if (*v == '?') {
            error = tsn_buf_puts(b, "%01");
        } else if (*v == '*') {
            error = tsn_buf_puts(b, "%02");
        } else {
            return bad("unquoted special character", attr);
        }
        if (error < 0)
            return error;
    }
    return 0;
}

int tsn_cpe_to_uri(char **out, const tsn_cpe *c)
{
    tsn_buf b = TSN_BUF_INIT(1 << 16);
    int error = tsn_buf_puts(&b, "cpe:/");
    bool packed = false;

    *out = NULL;
    for (int a = TSN_CPE_SW_EDITION; a <= TSN_CPE_OTHER; a++)
        if (c->kind[a] != TSN_CPE_ANY)
            packed = true;
    for (int a = 0; a <= TSN_CPE_LANGUAGE && error == 0; a++) {
        if (a)
            error = tsn_buf_putc(&b, ':');
        if (error)
            break;
        if (a == TSN_CPE_EDITION && packed) {
            static const int order[] = {TSN_CPE_EDITION, TSN_CPE_SW_EDITION,
                                        TSN_CPE_TARGET_SW, TSN_CPE_TARGET_HW,
                                        TSN_CPE_OTHER};
            for (int k = 0; k < 5 && error == 0; k++) {
                error = tsn_buf_putc(&b, '~');
                if (!error)
                    error = bind_uri_value(&b, c, order[k]);
            }
        } else {
            error = bind_uri_value(&b, c, a);
        }
    }
    if (error < 0) {
        tsn_buf_dispose(&b);
        return error;
    }
    /* Trailing empty components are dropped (§6.1.2.2 trim). */
    while (b.len > 5 && b.ptr[b.len - 1] == ':')
        b.ptr[--b.len] = '\0';
    *out = tsn_buf_detach(&b);
    return *out ? 0 : tsn_error_oom();
}

int tsn_cpe_to_wfn(char **out, const tsn_cpe *c)
{
    tsn_buf b = TSN_BUF_INIT(1 << 16);
    int error = tsn_buf_puts(&b, "wfn:[");
    *out = NULL;
    for (int a = 0; a < TSN_CPE_N_ATTRS && error == 0; a++) {
        if (c->kind[a] == TSN_CPE_VALUE)
            error = tsn_buf_printf(&b, "%s%s=\"%s\"", a ? "," : "",
                                   attr_names[a], c->value[a]);
        else
            error = tsn_buf_printf(&b, "%s%s=%s", a ? "," : "", attr_names[a],
                                   c->kind[a] == TSN_CPE_NA ? "NA" : "ANY");
    }
    if (!error)
        error = tsn_buf_putc(&b, ']');
    if (error < 0) {
        tsn_buf_dispose(&b);
        return error;
    }
    *out = tsn_buf_detach(&b);
    return *out ? 0 : tsn_error_oom();
}

int tsn_cpe_parse(tsn_cpe **out, const char *s)
{
    tsn_cpe *c;
    int error;

    *out = NULL;
    if (strlen(s) > 65536)
        return tsn_error_set(TSN_ETOOBIG, "invalid CPE: longer than 64 KiB");
    c = tsn_calloc(1, sizeof *c);
    TSN_CHECK_ALLOC(c);
    if (strncmp(s, "cpe:2.3:", 8) == 0)
        error = parse_fs(c, s);
    else if (strncmp(s, "cpe:/", 5) == 0)
        error = parse_uri(c, s);
    else
        error = bad("expected \"cpe:2.3:\" or \"cpe:/\"", -1);
    if (error < 0) {
        tsn_cpe_free(c);
        return error;
    }
    *out = c;
    return 0;
}
