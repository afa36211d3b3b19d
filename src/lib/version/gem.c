/* SPDX-License-Identifier: Apache-2.0 */
/*
 * RubyGems versions, as Gem::Version: "1.2.3", "1.2.3.pre1", "1.0-beta"
 * (a '-' reads as ".pre."). Segments are runs of digits or letters;
 * trailing zeros of the numeric head and of the rest are dropped
 * (canonical_segments); a text segment sorts before a number; missing
 * segments are 0. An empty (or all white space) version is "0".
 *
 * Parts: kind G_NUM or G_STR; G_PRE stands for the "pre" a '-' inserts.
 */
#include "lib/version/vs.h"

#include <string.h>

enum { G_NUM = 1, G_STR, G_PRE, G_DEAD };

static bool ws(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}
static bool alnum(char c)
{
    return vs_digit(c) || vs_alpha(c);
}

/* ANCHORED_VERSION_PATTERN: digits{.alnum+}[-ident{.ident}] */
static bool valid(const char *s, size_t n)
{
    size_t i = 0;
    if (n == 0)
        return true;
    if (!vs_digit(s[0]))
        return false;
    while (i < n && vs_digit(s[i]))
        i++;
    while (i < n && s[i] == '.') {
        size_t st = ++i;
        while (i < n && alnum(s[i]))
            i++;
        if (i == st)
            return false;
    }
    if (i < n && s[i] == '-') {
        do {
            size_t st = ++i;
            while (i < n && (alnum(s[i]) || s[i] == '-'))
                i++;
            if (i == st)
                return false;
        } while (i < n && s[i] == '.');
    }
    return i == n;
}

int tsn_vs_gem_parse(struct tsn_ver *v)
{
    const char *s = v->s;
    size_t b = 0, e = v->len;
    while (b < e && ws(s[b]))
        b++;
    while (e > b && ws(s[e - 1]))
        e--;
    if (!valid(s + b, e - b))
        return tsn_vs_bad(v, "not a RubyGems version");
    int rc = 0;
    for (size_t i = b; i < e && rc == 0;) {
        size_t st = i;
        if (vs_digit(s[i])) {
            while (i < e && vs_digit(s[i]))
                i++;
            rc = tsn_vs_add(v, st, i - st, G_NUM, 0);
        } else if (vs_alpha(s[i])) {
            while (i < e && vs_alpha(s[i]))
                i++;
            rc = tsn_vs_add(v, st, i - st, G_STR, 0);
        } else {
            if (s[i] == '-')
                rc = tsn_vs_add(v, i, 0, G_PRE, 0);
            i++;
        }
    }
    if (rc < 0)
        return rc;
    if (v->nparts == 0)
        return tsn_vs_add(v, b, 0, G_NUM, 0); /* "" is "0" */
    /* canonical_segments: drop trailing zeros of both groups */
    int split = 0;
    while (split < v->nparts && v->p[split].kind == G_NUM)
        split++;
    int groups[2][2] = {{0, split}, {split, v->nparts}};
    for (int g = 0; g < 2; g++)
        for (int k = groups[g][1] - 1; k >= groups[g][0]; k--) {
            struct vpart *p = &v->p[k];
            if (p->kind != G_NUM || tsn_vs_numcmp(s + p->off, p->len, "0", 1))
                break;
            p->kind = G_DEAD;
        }
    int w = 0;
    for (int k = 0; k < v->nparts; k++)
        if (v->p[k].kind != G_DEAD)
            v->p[w++] = v->p[k];
    v->nparts = (uint8_t)w;
    return 0;
}

static int segcmp(const struct tsn_ver *a,
                  const struct vpart *x,
                  const struct tsn_ver *b,
                  const struct vpart *y)
{
    bool xs = x->kind != G_NUM, ys = y->kind != G_NUM;
    if (xs != ys)
        return xs ? -1 : 1;
    if (!xs)
        return tsn_vs_numcmp(vs_at(a, x), x->len, vs_at(b, y), y->len);
    const char *xt = x->kind == G_PRE ? "pre" : vs_at(a, x);
    const char *yt = y->kind == G_PRE ? "pre" : vs_at(b, y);
    size_t xl = x->kind == G_PRE ? 3 : x->len,
           yl = y->kind == G_PRE ? 3 : y->len;
    return tsn_vs_bytecmp(xt, xl, yt, yl);
}

int tsn_vs_gem_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    static const struct vpart zero = {0, 0, G_NUM, 0};
    for (int k = 0; k < a->nparts || k < b->nparts; k++) {
        const struct vpart *x = k < a->nparts ? &a->p[k] : &zero;
        const struct vpart *y = k < b->nparts ? &b->p[k] : &zero;
        int c = segcmp(a, x, b, y);
        if (c)
            return c;
    }
    return 0;
}

bool tsn_vs_gem_prerelease(const struct tsn_ver *v)
{
    for (int k = 0; k < v->nparts; k++)
        if (v->p[k].kind == G_STR || v->p[k].kind == G_PRE)
            return true;
    return false;
}
