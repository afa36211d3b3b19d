/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Alpine apk versions: digits{.digits}[letter]{_suffix[digits]}[~hash]
 * [-rN]. The order is apk-tools' (version.c): token by token, a digit
 * token with a leading zero compares as text, pre-release suffixes
 * (alpha beta pre rc) sort before the release and post-release ones
 * (cvs svn git hg p) after it. apk orders every string, also ones it
 * would refuse to install, and tsunagi accepts the same; such versions
 * are reported by tsn_version_check() with apk's reason.
 */
#include "lib/version/vs.h"

#include <string.h>

enum tok {
    T_INITIAL,
    T_DIGIT,
    T_LETTER,
    T_SUFFIX,
    T_SUFFIX_NO,
    T_HASH,
    T_REVISION,
    T_END,
    T_INVALID
};

/* suffix values: alpha..rc below NONE, cvs..p above */
enum {
    S_INVALID,
    S_ALPHA,
    S_BETA,
    S_PRE,
    S_RC,
    S_NONE,
    S_CVS,
    S_SVN,
    S_GIT,
    S_HG,
    S_P
};

struct tstate {
    enum tok tok;
    int suffix;
    size_t off, len; /* token text */
    size_t pos;      /* next byte */
};

static int suffix_value(const char *s, size_t n)
{
    static const char *const names[] = {"",    "alpha", "beta", "pre", "rc", "",
                                        "cvs", "svn",   "git",  "hg",  "p"};
    for (int k = 1; k < (int)(sizeof names / sizeof *names); k++)
        if (k != S_NONE && strlen(names[k]) == n && memcmp(names[k], s, n) == 0)
            return k;
    return S_INVALID;
}

static void digits(struct tstate *t, const char *s, size_t n)
{
    size_t st = t->pos;
    while (t->pos < n && vs_digit(s[t->pos]))
        t->pos++;
    t->off = st;
    t->len = t->pos - st;
    if (t->len == 0)
        t->tok = T_INVALID;
}

static void first(struct tstate *t, const char *s, size_t n)
{
    t->pos = 0;
    t->tok = T_INITIAL;
    digits(t, s, n);
}

static void next(struct tstate *t, const char *s, size_t n)
{
    if (t->pos >= n) {
        t->tok = T_END;
        return;
    }
    char c = s[t->pos];
    if (c >= 'a' && c <= 'z') {
        if (t->tok > T_DIGIT)
            goto invalid;
        t->off = t->pos++;
        t->len = 1;
        t->tok = T_LETTER;
        return;
    }
    if (c == '.' || vs_digit(c)) {
        if (c == '.') {
            if (t->tok > T_DIGIT)
                goto invalid;
            t->pos++;
        }
        /* apk-tools 2 reads "2p1" as 2, p, 1 (apk-tools 3 refuses it) */
        if (t->tok == T_INITIAL || t->tok == T_DIGIT ||
            (t->tok == T_LETTER && c != '.'))
            t->tok = T_DIGIT;
        else if (t->tok == T_SUFFIX)
            t->tok = T_SUFFIX_NO;
        else
            goto invalid;
        digits(t, s, n);
        return;
    }
    if (c == '_') {
        if (t->tok > T_SUFFIX_NO)
            goto invalid;
        size_t st = ++t->pos;
        while (t->pos < n && s[t->pos] >= 'a' && s[t->pos] <= 'z')
            t->pos++;
        t->off = st;
        t->len = t->pos - st;
        t->suffix = suffix_value(s + st, t->len);
        if (t->suffix == S_INVALID)
            goto invalid;
        t->tok = T_SUFFIX;
        return;
    }
    if (c == '~') {
        if (t->tok >= T_HASH)
            goto invalid;
        size_t st = ++t->pos;
        while (t->pos < n && tsnu_hexval(s[t->pos]) >= 0)
            t->pos++;
        t->off = st;
        t->len = t->pos - st;
        if (t->len == 0)
            goto invalid;
        t->tok = T_HASH;
        return;
    }
    if (c == '-') {
        if (t->tok >= T_REVISION)
            goto invalid;
        if (t->pos + 1 >= n || s[t->pos + 1] != 'r')
            goto invalid;
        t->pos += 2;
        t->tok = T_REVISION;
        digits(t, s, n);
        return;
    }
invalid:
    t->tok = T_INVALID;
}

static int tokcmp(const struct tstate *x,
                  const char *a,
                  const struct tstate *y,
                  const char *b)
{
    switch (x->tok) {
    case T_DIGIT:
        if (a[x->off] == '0' || b[y->off] == '0')
            break; /* leading zero: compare as text */
        /* fall through */
    case T_INITIAL:
    case T_SUFFIX_NO:
    case T_REVISION:
        return tsn_vs_numcmp(a + x->off, x->len, b + y->off, y->len);
    case T_LETTER:
        return vs_sign((unsigned char)a[x->off] - (unsigned char)b[y->off]);
    case T_SUFFIX:
        return vs_sign(x->suffix - y->suffix);
    default:
        break;
    }
    return tsn_vs_bytecmp(a + x->off, x->len, b + y->off, y->len);
}

int tsn_vs_apk_parse(struct tsn_ver *v)
{
    for (size_t k = 0; k < v->len; k++)
        if ((unsigned char)v->s[k] < 0x20 || v->s[k] == 0x7f)
            return tsn_vs_bad(v, "contains a control character");
    return 0;
}

/* apk_version_validate() */
const char *tsn_vs_apk_invalid(const char *s, size_t n)
{
    struct tstate t;
    for (first(&t, s, n); t.tok < T_END; next(&t, s, n))
        ;
    return t.tok == T_END ? NULL
                          : "not digits{.digits}[a-z]{_suffix[N]}[~hash][-rN]";
}

int tsn_vs_apk_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    struct tstate x, y;
    const char *as = a->s, *bs = b->s;
    size_t an = a->len, bn = b->len;
    for (first(&x, as, an), first(&y, bs, bn); x.tok == y.tok && x.tok < T_END;
         next(&x, as, an), next(&y, bs, bn)) {
        int c = tokcmp(&x, as, &y, bs);
        if (c)
            return c;
    }
    if (x.tok == y.tok)
        return 0;
    if (x.tok == T_SUFFIX && x.suffix < S_NONE)
        return -1;
    if (y.tok == T_SUFFIX && y.suffix < S_NONE)
        return 1;
    if (x.tok > y.tok)
        return -1;
    return 1;
}
