/* SPDX-License-Identifier: Apache-2.0 */
/*
 * RPM (rpmvercmp with '~' and '^', epoch and release as rpm's
 * labelCompare) and Arch Linux alpm (pacman's vercmp: no '~'/'^', the
 * length of separators counts, a release only compared when both have
 * one). Text form: [epoch:]version[-release]. rpm orders any string, so
 * any text without control characters is accepted.
 *
 * Parts: 0 epoch (len 0 = absent), 1 version, 2 release (aux 1 when
 * present).
 */
#include "lib/version/vs.h"

#include <string.h>

static int split_evr(struct tsn_ver *v)
{
    const char *s = v->s;
    size_t n = v->len, i = 0;
    for (size_t k = 0; k < n; k++)
        if ((unsigned char)s[k] < 0x20 || s[k] == 0x7f)
            return tsn_vs_bad(v, "contains a control character");
    while (i < n && vs_digit(s[i]))
        i++;
    size_t up = 0;
    int rc;
    if (i < n && s[i] == ':') {
        rc = tsn_vs_add(v, 0, i, 0, 1);
        up = i + 1;
    } else {
        rc = tsn_vs_add(v, 0, 0, 0, 0);
    }
    if (rc < 0)
        return rc;
    size_t dash = n;
    for (size_t k = n; k > up; k--)
        if (s[k - 1] == '-') {
            dash = k - 1;
            break;
        }
    if ((rc = tsn_vs_add(v, up, dash - up, 0, 0)) < 0)
        return rc;
    if (dash < n)
        return tsn_vs_add(v, dash + 1, n - dash - 1, 0, 1);
    return tsn_vs_add(v, n, 0, 0, 0);
}

static bool alnum(char c)
{
    return vs_digit(c) || vs_alpha(c);
}

/* One alpha or digit segment; returns the compare result or 2 to go on. */
static int segcmp(
    const char *a, size_t *pi, size_t an, const char *b, size_t *pj, size_t bn)
{
    size_t i = *pi, j = *pj, si = i, sj = j;
    bool num = vs_digit(a[i]);
    if (num) {
        while (i < an && vs_digit(a[i]))
            i++;
        while (j < bn && vs_digit(b[j]))
            j++;
    } else {
        while (i < an && vs_alpha(a[i]))
            i++;
        while (j < bn && vs_alpha(b[j]))
            j++;
    }
    if (j == sj) /* different kinds: numbers are newer */
        return num ? 1 : -1;
    int c = num ? tsn_vs_numcmp(a + si, i - si, b + sj, j - sj)
                : tsn_vs_bytecmp(a + si, i - si, b + sj, j - sj);
    if (c)
        return c;
    *pi = i, *pj = j;
    return 2;
}

static int rpmvercmp(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0, j = 0;
    if (an == bn && memcmp(a, b, an) == 0)
        return 0;
    while (i < an || j < bn) {
        while (i < an && !alnum(a[i]) && a[i] != '~' && a[i] != '^')
            i++;
        while (j < bn && !alnum(b[j]) && b[j] != '~' && b[j] != '^')
            j++;
        bool at = i < an && a[i] == '~', bt = j < bn && b[j] == '~';
        if (at || bt) {
            if (!at)
                return 1;
            if (!bt)
                return -1;
            i++, j++;
            continue;
        }
        bool ac = i < an && a[i] == '^', bc = j < bn && b[j] == '^';
        if (ac || bc) {
            if (i == an)
                return -1;
            if (j == bn)
                return 1;
            if (!ac)
                return 1;
            if (!bc)
                return -1;
            i++, j++;
            continue;
        }
        if (i == an || j == bn)
            break;
        int c = segcmp(a, &i, an, b, &j, bn);
        if (c != 2)
            return c;
    }
    if (i == an && j == bn)
        return 0;
    return i == an ? -1 : 1;
}

static int
part_rpmvercmp(const struct tsn_ver *a, const struct tsn_ver *b, int k)
{
    return rpmvercmp(vs_at(a, &a->p[k]), a->p[k].len, vs_at(b, &b->p[k]),
                     b->p[k].len);
}

int tsn_vs_rpm_parse(struct tsn_ver *v)
{
    int rc = split_evr(v);
    if (rc == 0 && v->p[1].len == 0)
        rc = tsn_vs_bad(v, "the version part is empty"); /* as rpm */
    return rc;
}

int tsn_vs_rpm_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    /* labelCompare: a missing epoch is "0"; a missing release sorts
     * before any release. */
    const char *ae = a->p[0].len ? vs_at(a, &a->p[0]) : "0";
    const char *be = b->p[0].len ? vs_at(b, &b->p[0]) : "0";
    int c = rpmvercmp(ae, a->p[0].len ? a->p[0].len : 1, be,
                      b->p[0].len ? b->p[0].len : 1);
    if (c)
        return c;
    if ((c = part_rpmvercmp(a, b, 1)) != 0)
        return c;
    if (a->p[2].aux != b->p[2].aux)
        return a->p[2].aux ? 1 : -1;
    return part_rpmvercmp(a, b, 2);
}

/* pacman's rpmvercmp: separator runs of different length decide. */
static int alpmvercmp(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0, j = 0;
    if (an == bn && memcmp(a, b, an) == 0)
        return 0;
    while (i < an && j < bn) {
        size_t si = i, sj = j;
        while (i < an && !alnum(a[i]))
            i++;
        while (j < bn && !alnum(b[j]))
            j++;
        if (i == an || j == bn)
            break;
        if (i - si != j - sj)
            return i - si < j - sj ? -1 : 1;
        int c = segcmp(a, &i, an, b, &j, bn);
        if (c != 2)
            return c;
    }
    if (i == an && j == bn)
        return 0;
    /* a remaining alpha string never beats an empty one */
    if ((i == an && !vs_alpha(b[j])) || (i < an && vs_alpha(a[i])))
        return -1;
    return 1;
}

/*
 * makepkg's rules: epoch digits, pkgver of letters, digits, '.', '_',
 * '+' and '~' starting with a letter or digit, pkgrel of digits and
 * '.'. pacman orders other strings inconsistently (a < b < c < a), so
 * they are refused.
 */
int tsn_vs_alpm_parse(struct tsn_ver *v)
{
    int rc = split_evr(v);
    if (rc < 0)
        return rc;
    const struct vpart *ver = &v->p[1], *rel = &v->p[2];
    if (ver->len == 0 || !alnum(v->s[ver->off]))
        return tsn_vs_bad(v, "pkgver must start with a letter or digit");
    for (size_t k = 0; k < ver->len; k++) {
        char c = v->s[ver->off + k];
        if (!alnum(c) && !strchr("._+~", c))
            return tsn_vs_bad(v, "invalid character in pkgver");
    }
    if (rel->aux && rel->len == 0)
        return tsn_vs_bad(v, "pkgrel is empty");
    for (size_t k = 0; k < rel->len; k++) {
        char c = v->s[rel->off + k];
        if (!vs_digit(c) && c != '.')
            return tsn_vs_bad(v, "pkgrel must be digits and '.'");
    }
    return 0;
}

int tsn_vs_alpm_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    const char *ae = a->p[0].len ? vs_at(a, &a->p[0]) : "0";
    const char *be = b->p[0].len ? vs_at(b, &b->p[0]) : "0";
    int c = alpmvercmp(ae, a->p[0].len ? a->p[0].len : 1, be,
                       b->p[0].len ? b->p[0].len : 1);
    if (c)
        return c;
    if ((c = alpmvercmp(vs_at(a, &a->p[1]), a->p[1].len, vs_at(b, &b->p[1]),
                        b->p[1].len)) != 0)
        return c;
    if (!a->p[2].aux || !b->p[2].aux)
        return 0;
    return alpmvercmp(vs_at(a, &a->p[2]), a->p[2].len, vs_at(b, &b->p[2]),
                      b->p[2].len);
}
