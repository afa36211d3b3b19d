/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Packagist/Composer versions, ordered as PHP's version_compare() (which
 * Composer's constraint matching calls): the text is canonicalised ('-',
 * '_', '+' and other non-alphanumerics become '.', a '.' goes between
 * digits and letters), then compared part by part: numbers as numbers;
 * words by the special forms dev < alpha = a < beta = b < RC = rc < (a
 * number) < pl = p, matched by prefix, any other word below dev; '#'
 * ranks as a number and equal texts are equal (docs/versions.md). A
 * leading 'v' before a digit is dropped as Composer's normaliser does.
 */
#include "lib/version/vs.h"

#include <ctype.h>
#include <string.h>

/*
 * Accepted: [v]word{sep word} with words of letters, digits and '#',
 * separators '.', '-', '_', '+', starting with a digit or "dev-". PHP's
 * version_compare() orders other strings (empty parts, leading
 * separators, other bytes) inconsistently, and Composer refuses them.
 */
int tsn_vs_composer_parse(struct tsn_ver *v)
{
    const char *s = v->s;
    size_t n = v->len, st = 0;
    if (n > 1 && (s[0] == 'v' || s[0] == 'V') && vs_digit(s[1]))
        st = 1;
    if (!vs_digit(s[st]) && !(n > 4 && memcmp(s, "dev-", 4) == 0))
        return tsn_vs_bad(v, "must start with a number or dev-");
    bool word = false;
    for (size_t i = st; i < n; i++) {
        char c = s[i];
        if (vs_digit(c) || vs_alpha(c) || c == '#') {
            word = true;
        } else if (strchr(".-_+", c)) {
            if (!word)
                return tsn_vs_bad(v, "empty part between separators");
            word = false;
        } else {
            return tsn_vs_bad(v, "invalid character");
        }
    }
    if (!word)
        return tsn_vs_bad(v, "ends with a separator");
    return tsn_vs_add(v, st, n - st, 0, 0);
}

static bool isdig(char c)
{
    return vs_digit(c);
}
static bool isndig(char c)
{
    return !vs_digit(c) && c != '.';
}

/* php_canonicalize_version(); out has room for 2n+1 bytes */
static size_t canon(const char *s, size_t n, char *out)
{
    size_t q = 0;
    if (n == 0)
        return 0;
    char lp = out[q++] = s[0];
    for (size_t i = 1; i < n; i++) {
        char c = s[i];
        if (c == '-' || c == '_' || c == '+') {
            if (out[q - 1] != '.')
                out[q++] = '.';
        } else if ((isndig(lp) && isdig(c)) || (isdig(lp) && isndig(c))) {
            if (out[q - 1] != '.')
                out[q++] = '.';
            out[q++] = c;
        } else if (!isalnum((unsigned char)c) && c != '#') {
            if (out[q - 1] != '.')
                out[q++] = '.';
        } else {
            out[q++] = c;
        }
        lp = c;
    }
    /* A trailing separator leaves an empty last part, which PHP orders
     * inconsistently (a < b and b < a); it is dropped. */
    while (q > 1 && out[q - 1] == '.')
        q--;
    return q;
}

static int special(const char *s, size_t n)
{
    static const struct {
        const char *name;
        int order;
    } forms[] = {{"dev", 0}, {"alpha", 1}, {"a", 1}, {"beta", 2}, {"b", 2},
                 {"RC", 3},  {"rc", 3},    {"#", 4}, {"pl", 5},   {"p", 5}};
    for (size_t k = 0; k < sizeof forms / sizeof *forms; k++) {
        size_t l = strlen(forms[k].name);
        if (n >= l && memcmp(s, forms[k].name, l) == 0)
            return forms[k].order;
    }
    return -1;
}

static int formcmp(const char *a, size_t an, const char *b, size_t bn)
{
    return vs_sign(special(a, an) - special(b, bn));
}

/*
 * What version_compare(rest, "#N#") returns for the canonical rest of a
 * longer version whose first part is not a number: each word against
 * the number rank; a number after it makes the rest newer; an empty
 * rest is older.
 */
static int rest_vs_number(const char *p, size_t n)
{
    for (;;) {
        if (n == 0)
            return -1;
        const char *d = memchr(p, '.', n);
        size_t e = d ? (size_t)(d - p) : n;
        if (!isdig(*p)) {
            int c = formcmp(p, e, "#N#", 3);
            if (c)
                return c;
        }
        if (!d)
            return 0;
        p += e + 1;
        n -= e + 1;
        if (n > 0 && isdig(*p))
            return 1;
    }
}

static int php_compare(const char *oa, size_t oan, const char *ob, size_t obn)
{
    if (oan == 0 || obn == 0)
        return (oan != 0) - (obn != 0);
    if (oan == obn && memcmp(oa, ob, oan) == 0)
        return 0;
    char ba[2 * TSN_LIMIT_VERSION_BYTES + 8],
        bb[2 * TSN_LIMIT_VERSION_BYTES + 8];
    size_t an, bn;
    const char *a, *b;
    if (oa[0] == '#')
        a = oa, an = oan;
    else
        an = canon(oa, oan, ba), a = ba;
    if (ob[0] == '#')
        b = ob, bn = obn;
    else
        bn = canon(ob, obn, bb), b = bb;

    size_t p1 = 0, p2 = 0;
    bool more1 = true, more2 = true; /* n1, n2 != NULL */
    int c = 0;
    while (p1 < an && p2 < bn && more1 && more2) {
        const char *d1 = memchr(a + p1, '.', an - p1);
        const char *d2 = memchr(b + p2, '.', bn - p2);
        size_t e1 = d1 ? (size_t)(d1 - a) : an, e2 = d2 ? (size_t)(d2 - b) : bn;
        more1 = d1 != NULL, more2 = d2 != NULL;
        const char *x = a + p1, *y = b + p2;
        size_t xl = e1 - p1, yl = e2 - p2;
        if (isdig(*x) && isdig(*y)) {
            size_t dx = 0, dy = 0;
            while (dx < xl && isdig(x[dx]))
                dx++;
            while (dy < yl && isdig(y[dy]))
                dy++;
            c = tsn_vs_numcmp(x, dx, y, dy);
        } else if (!isdig(*x) && !isdig(*y)) {
            c = formcmp(x, xl, y, yl);
        } else if (isdig(*x)) {
            c = formcmp("#N#", 3, y, yl);
        } else {
            c = formcmp(x, xl, "#N#", 3);
        }
        if (c)
            break;
        if (more1)
            p1 = e1 + 1;
        if (more2)
            p2 = e2 + 1;
    }
    if (c == 0) {
        if (more1) {
            if (p1 < an && isdig(a[p1]))
                c = 1;
            else
                c = rest_vs_number(a + p1, an - p1);
        } else if (more2) {
            if (p2 < bn && isdig(b[p2]))
                c = -1;
            else
                c = -rest_vs_number(b + p2, bn - p2);
        }
    }
    return c;
}

int tsn_vs_composer_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    return php_compare(vs_at(a, &a->p[0]), a->p[0].len, vs_at(b, &b->p[0]),
                       b->p[0].len);
}
