/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Debian versions (deb-version(7), dpkg's verrevcmp): [epoch:]upstream
 * [-revision]. Parts: 0 epoch (len 0 = 0), 1 upstream, 2 revision.
 *
 * Accepted: what dpkg parses without error or warning. dpkg accepts an
 * upstream version that does not start with a digit or that holds other
 * characters with a warning; tsunagi refuses them (docs/versions.md).
 */
#include "lib/version/vs.h"

#include <string.h>

int tsn_vs_deb_parse(struct tsn_ver *v)
{
    const char *s = v->s;
    size_t n = v->len, up = 0;
    const char *colon = memchr(s, ':', n);
    int rc;

    for (size_t i = 0; i < n; i++)
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
            s[i] == '\v' || s[i] == '\f')
            return tsn_vs_bad(v, "contains white space");
    if (colon) {
        size_t el = (size_t)(colon - s);
        if (el == 0)
            return tsn_vs_bad(v, "epoch is empty");
        for (size_t i = 0; i < el; i++)
            if (!vs_digit(s[i]))
                return tsn_vs_bad(v, "epoch is not a number");
        if (tsn_vs_numcmp(s, el, "2147483647", 10) > 0)
            return tsn_vs_bad(v, "epoch is too big");
        up = el + 1;
        if (up == n)
            return tsn_vs_bad(v, "nothing after the epoch");
        rc = tsn_vs_add(v, 0, el, 0, 0);
    } else {
        rc = tsn_vs_add(v, 0, 0, 0, 0);
    }
    if (rc < 0)
        return rc;
    size_t end = n, rev = n;
    for (size_t i = n; i > up; i--)
        if (s[i - 1] == '-') {
            end = i - 1;
            rev = i;
            break;
        }
    if (rev == n && end != n)
        return tsn_vs_bad(v, "revision is empty");
    if (end == up)
        return tsn_vs_bad(v, "upstream version is empty");
    if (!vs_digit(s[up]))
        return tsn_vs_bad(v, "upstream version does not start with a digit");
    for (size_t i = up; i < end; i++)
        if (!vs_digit(s[i]) && !vs_alpha(s[i]) && !strchr(".-+~:", s[i]))
            return tsn_vs_bad(v, "invalid character in the upstream version");
    for (size_t i = rev; i < n; i++)
        if (!vs_digit(s[i]) && !vs_alpha(s[i]) && !strchr(".+~", s[i]))
            return tsn_vs_bad(v, "invalid character in the revision");
    if ((rc = tsn_vs_add(v, up, end - up, 0, 0)) < 0)
        return rc;
    return tsn_vs_add(v, rev, n - rev, 0, 0);
}

/* dpkg's character order: '~' first, then end/digits, letters, others. */
static int order(int c)
{
    if (vs_digit((char)c))
        return 0;
    if (vs_alpha((char)c))
        return c;
    if (c == '~')
        return -1;
    if (c)
        return c + 256;
    return 0;
}

static int debcmp(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0, j = 0;
#define A (i < an ? (unsigned char)a[i] : 0)
#define B (j < bn ? (unsigned char)b[j] : 0)
    while (i < an || j < bn) {
        int first_diff = 0;
        while ((i < an && !vs_digit(a[i])) || (j < bn && !vs_digit(b[j]))) {
            int ac = order(A), bc = order(B);
            if (ac != bc)
                return ac - bc;
            i += i < an;
            j += j < bn;
        }
        while (i < an && a[i] == '0')
            i++;
        while (j < bn && b[j] == '0')
            j++;
        while (i < an && j < bn && vs_digit(a[i]) && vs_digit(b[j])) {
            if (!first_diff)
                first_diff = a[i] - b[j];
            i++, j++;
        }
        if (i < an && vs_digit(a[i]))
            return 1;
        if (j < bn && vs_digit(b[j]))
            return -1;
        if (first_diff)
            return first_diff;
    }
#undef A
#undef B
    return 0;
}

int tsn_vs_deb_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    int c = tsn_vs_numcmp(vs_at(a, &a->p[0]), a->p[0].len, vs_at(b, &b->p[0]),
                          b->p[0].len);
    for (int k = 1; !c && k < 3; k++)
        c = debcmp(vs_at(a, &a->p[k]), a->p[k].len, vs_at(b, &b->p[k]),
                   b->p[k].len);
    return c;
}
