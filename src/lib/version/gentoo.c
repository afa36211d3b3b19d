/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Gentoo versions (Package Manager Specification, "Version
 * comparison"): numbers{.numbers}[letter]{_suffix[N]}[-rN], suffixes
 * alpha < beta < pre < rc < (none) < p.
 *
 * Parts: numbers (E_NUM), letter (E_LET), suffixes (E_SUF, aux = rank,
 * text = the number), revision (E_REV).
 */
#include "lib/version/vs.h"

#include <string.h>

enum { E_NUM = 1, E_LET, E_SUF, E_REV };

int tsn_vs_gentoo_parse(struct tsn_ver *v)
{
    const char *s = v->s;
    size_t n = v->len, i = 0;
    int rc = 0;
    for (;;) {
        size_t st = i;
        while (i < n && vs_digit(s[i]))
            i++;
        if (i == st)
            return tsn_vs_bad(v, "expected a number");
        if ((rc = tsn_vs_add(v, st, i - st, E_NUM, 0)) < 0)
            return rc;
        if (i + 1 < n && s[i] == '.' && vs_digit(s[i + 1])) {
            i++;
            continue;
        }
        break;
    }
    v->a[0] = v->nparts;
    v->a[1] = -1;
    if (i < n && s[i] >= 'a' && s[i] <= 'z') {
        v->a[1] = v->nparts;
        if ((rc = tsn_vs_add(v, i, 1, E_LET, 0)) < 0)
            return rc;
        i++;
    }
    v->a[2] = v->nparts;
    static const char *const suf[] = {"alpha", "beta", "pre", "rc", "p"};
    static const int rank[] = {0, 1, 2, 3, 5};
    while (i < n && s[i] == '_') {
        i++;
        int k = 0;
        for (; k < 5; k++) {
            size_t l = strlen(suf[k]);
            if (n - i >= l && memcmp(s + i, suf[k], l) == 0 &&
                (i + l == n || !vs_alpha(s[i + l])))
                break;
        }
        if (k == 5)
            return tsn_vs_bad(v, "unknown suffix");
        i += strlen(suf[k]);
        size_t st = i;
        while (i < n && vs_digit(s[i]))
            i++;
        if ((rc = tsn_vs_add(v, st, i - st, E_SUF, rank[k])) < 0)
            return rc;
    }
    v->a[3] = v->nparts - v->a[2];
    if (i < n && s[i] == '-') {
        if (i + 1 >= n || s[i + 1] != 'r')
            return tsn_vs_bad(v, "expected -r after the version");
        i += 2;
        size_t st = i;
        while (i < n && vs_digit(s[i]))
            i++;
        if (i == st)
            return tsn_vs_bad(v, "expected a revision number");
        if ((rc = tsn_vs_add(v, st, i - st, E_REV, 0)) < 0)
            return rc;
    }
    if (i != n)
        return tsn_vs_bad(v, "unexpected character");
    return 0;
}

static size_t strip_trailing_zeros(const char *s, size_t n)
{
    while (n > 0 && s[n - 1] == '0')
        n--;
    return n;
}

int tsn_vs_gentoo_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    int c, na = a->a[0], nb = b->a[0];
    for (int k = 0; k < na && k < nb; k++) {
        const struct vpart *x = &a->p[k], *y = &b->p[k];
        const char *xs = vs_at(a, x), *ys = vs_at(b, y);
        if (k > 0 && (xs[0] == '0' || ys[0] == '0'))
            c = tsn_vs_bytecmp(xs, strip_trailing_zeros(xs, x->len), ys,
                               strip_trailing_zeros(ys, y->len));
        else
            c = tsn_vs_numcmp(xs, x->len, ys, y->len);
        if (c)
            return c;
    }
    if (na != nb)
        return na < nb ? -1 : 1;
    int la = a->a[1], lb = b->a[1];
    if ((la < 0) != (lb < 0))
        return la < 0 ? -1 : 1;
    if (la >= 0 && a->s[a->p[la].off] != b->s[b->p[lb].off])
        return a->s[a->p[la].off] < b->s[b->p[lb].off] ? -1 : 1;
    int fa = a->a[2], fb = b->a[2], sa = a->a[3], sb = b->a[3];
    for (int k = 0; k < sa && k < sb; k++) {
        const struct vpart *x = &a->p[fa + k], *y = &b->p[fb + k];
        if (x->aux != y->aux)
            return x->aux < y->aux ? -1 : 1;
        if ((c = tsn_vs_numcmp(vs_at(a, x), x->len, vs_at(b, y), y->len)))
            return c;
    }
    if (sa > sb)
        return a->p[fa + sb].aux == 5 ? 1 : -1;
    if (sb > sa)
        return b->p[fb + sa].aux == 5 ? -1 : 1;
    /* revision: the last part when present, else 0 */
    const struct vpart *ra = &a->p[a->nparts - 1], *rb = &b->p[b->nparts - 1];
    bool ha = ra->kind == E_REV, hb = rb->kind == E_REV;
    return tsn_vs_numcmp(ha ? vs_at(a, ra) : "0", ha ? ra->len : 1,
                         hb ? vs_at(b, rb) : "0", hb ? rb->len : 1);
}
