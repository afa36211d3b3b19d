/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Conan 2 versions (conans.model.version.Version): main[-pre][+build],
 * items split at '.', each a number or text; trailing zero numbers do
 * not count (1 == 1.0.0); a number and a text compare as text. A
 * pre-release sorts before the same main version; build metadata orders
 * (none first).
 *
 * Parts: items (C_NUM, C_STR) with aux 0 main, 1 pre, 2 build; a[0] =
 * first pre part, a[1] = first build part, a[2] = has pre, a[3] = has
 * build.
 */
#include "lib/version/vs.h"

#include <string.h>

enum { C_NUM = 1, C_STR };

static int items(struct tsn_ver *v, size_t b, size_t e, int aux)
{
    const char *s = v->s;
    size_t i = b;
    int first = v->nparts;
    for (;;) {
        size_t st = i;
        bool num = true;
        while (i < e && s[i] != '.') {
            if (!vs_digit(s[i]))
                num = false;
            i++;
        }
        if (i == st)
            num = false; /* an empty item is the text "" */
        int rc = tsn_vs_add(v, st, i - st, num ? C_NUM : C_STR, aux);
        if (rc < 0)
            return rc;
        if (i >= e)
            break;
        i++;
    }
    /* drop trailing zero numbers */
    while (v->nparts > first) {
        struct vpart *p = &v->p[v->nparts - 1];
        if (p->kind != C_NUM || tsn_vs_numcmp(s + p->off, p->len, "0", 1))
            break;
        v->nparts--;
    }
    return 0;
}

int tsn_vs_conan_parse(struct tsn_ver *v)
{
    const char *s = v->s;
    size_t n = v->len, main_end = n, pre = n + 1, build = n + 1;
    for (size_t k = 0; k < n; k++)
        if ((unsigned char)s[k] <= 0x20 || s[k] == 0x7f)
            return tsn_vs_bad(v, "contains white space or a control character");
    for (size_t k = n; k > 0; k--)
        if (s[k - 1] == '+') {
            build = k;
            main_end = k - 1;
            break;
        }
    for (size_t k = main_end; k > 0; k--)
        if (s[k - 1] == '-') {
            pre = k;
            break;
        }
    size_t me = pre <= n ? pre - 1 : main_end;
    int rc = items(v, 0, me, 0);
    v->a[0] = v->nparts;
    if (rc == 0 && pre <= n) {
        v->a[2] = 1;
        rc = items(v, pre, main_end, 1);
    }
    v->a[1] = v->nparts;
    if (rc == 0 && build <= n) {
        v->a[3] = 1;
        rc = items(v, build, n, 2);
    }
    return rc;
}

static int itemcmp(const struct tsn_ver *a,
                   const struct vpart *x,
                   const struct tsn_ver *b,
                   const struct vpart *y)
{
    const char *xs = vs_at(a, x), *ys = vs_at(b, y);
    size_t xl = x->len, yl = y->len;
    if (x->kind == C_NUM && y->kind == C_NUM)
        return tsn_vs_numcmp(xs, xl, ys, yl);
    /* str(int) drops leading zeros */
    if (x->kind == C_NUM)
        while (xl > 1 && *xs == '0')
            xs++, xl--;
    if (y->kind == C_NUM)
        while (yl > 1 && *ys == '0')
            ys++, yl--;
    return tsn_vs_bytecmp(xs, xl, ys, yl);
}

static int range(const struct tsn_ver *a,
                 int ab,
                 int ae,
                 const struct tsn_ver *b,
                 int bb,
                 int be)
{
    for (; ab < ae && bb < be; ab++, bb++) {
        int c = itemcmp(a, &a->p[ab], b, &b->p[bb]);
        if (c)
            return c;
    }
    return (ab < ae) - (bb < be);
}

int tsn_vs_conan_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    int c = range(a, 0, a->a[0], b, 0, b->a[0]);
    if (c)
        return c;
    if (a->a[2] != b->a[2])
        return a->a[2] ? -1 : 1;
    if (a->a[2] && (c = range(a, a->a[0], a->a[1], b, b->a[0], b->a[1])) != 0)
        return c;
    if (a->a[3] != b->a[3])
        return a->a[3] ? 1 : -1;
    return range(a, a->a[1], a->nparts, b, b->a[1], b->nparts);
}
