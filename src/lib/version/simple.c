/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Schemes whose versions are short lists of numbers and words:
 *   generic        the documented fallback (docs/versions.md): runs of
 *                  digits and of letters, separators ignored; numbers
 *                  compare as numbers, words case-insensitively, a
 *                  number is newer than a word; when one version runs
 *                  out, a remaining word means a pre-release (1.0rc1 <
 *                  1.0) and a remaining number a later version.
 *   lexicographic  bytes.
 *   hackage        PVP: dot-separated numbers, compared as lists
 *                  (Data.Version: 1.0 < 1.0.0).
 *   cran           R package_version: numbers split by '.' or '-',
 *                  compared as lists.
 *   openssl        numbers then letters: 1.0.2 < 1.0.2a < 1.0.2z <
 *                  1.0.2za.
 */
#include "lib/version/vs.h"

#include <string.h>

enum { K_NUM = 1, K_WORD = 2 };

static int runs(struct tsn_ver *v)
{
    const char *s = v->s;
    int rc = 0;
    for (size_t i = 0; i < v->len && rc == 0;) {
        size_t st = i;
        if (vs_digit(s[i])) {
            while (i < v->len && vs_digit(s[i]))
                i++;
            rc = tsn_vs_add(v, st, i - st, K_NUM, 0);
        } else if (vs_alpha(s[i])) {
            while (i < v->len && vs_alpha(s[i]))
                i++;
            rc = tsn_vs_add(v, st, i - st, K_WORD, 0);
        } else {
            i++;
        }
    }
    return rc;
}

int tsn_vs_generic_parse(struct tsn_ver *v)
{
    for (size_t k = 0; k < v->len; k++)
        if ((unsigned char)v->s[k] < 0x20 || v->s[k] == 0x7f)
            return tsn_vs_bad(v, "contains a control character");
    int rc = runs(v);
    if (rc == 0 && v->nparts == 0)
        return tsn_vs_bad(v, "holds no digit or letter");
    return rc;
}

int tsn_vs_generic_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    int k = 0;
    for (; k < a->nparts && k < b->nparts; k++) {
        const struct vpart *x = &a->p[k], *y = &b->p[k];
        if (x->kind != y->kind)
            return x->kind == K_NUM ? 1 : -1;
        int c =
            x->kind == K_NUM
                ? tsn_vs_numcmp(vs_at(a, x), x->len, vs_at(b, y), y->len)
                : tsn_vs_bytecasecmp(vs_at(a, x), x->len, vs_at(b, y), y->len);
        if (c)
            return c;
    }
    if (k < a->nparts)
        return a->p[k].kind == K_NUM ? 1 : -1;
    if (k < b->nparts)
        return b->p[k].kind == K_NUM ? -1 : 1;
    return 0;
}

int tsn_vs_lexicographic_parse(struct tsn_ver *v)
{
    (void)v;
    return 0;
}

int tsn_vs_lexicographic_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    return tsn_vs_bytecmp(a->s, a->len, b->s, b->len);
}

/*
 * Numbers separated by one of @p seps from the start of the text; *end is
 * where they stop. A separator must be followed by a number.
 */
static int numbers(struct tsn_ver *v, const char *seps, size_t *end)
{
    const char *s = v->s;
    size_t i = 0;
    for (;;) {
        size_t st = i;
        while (i < v->len && vs_digit(s[i]))
            i++;
        if (i == st)
            return tsn_vs_bad(v, "expected a number");
        int rc = tsn_vs_add(v, st, i - st, K_NUM, 0);
        if (rc < 0)
            return rc;
        if (i == v->len || !strchr(seps, s[i])) {
            *end = i;
            return 0;
        }
        i++;
    }
}

/* Only numbers and separators. */
static int numbers_only(struct tsn_ver *v, const char *seps)
{
    size_t end;
    int rc = numbers(v, seps, &end);
    if (rc == 0 && end != v->len)
        rc = tsn_vs_bad(v, "unexpected character");
    return rc;
}

static int listcmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    int k = 0;
    for (; k < a->nparts && k < b->nparts; k++) {
        int c = tsn_vs_numcmp(vs_at(a, &a->p[k]), a->p[k].len,
                              vs_at(b, &b->p[k]), b->p[k].len);
        if (c)
            return c;
    }
    return (k < a->nparts) - (k < b->nparts);
}

int tsn_vs_hackage_parse(struct tsn_ver *v)
{
    return numbers_only(v, ".");
}

int tsn_vs_hackage_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    return listcmp(a, b);
}

int tsn_vs_cran_parse(struct tsn_ver *v)
{
    return numbers_only(v, ".-");
}

int tsn_vs_cran_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    return listcmp(a, b);
}

int tsn_vs_openssl_parse(struct tsn_ver *v)
{
    const char *s = v->s;
    size_t i;
    int rc = numbers(v, ".", &i);
    if (rc < 0)
        return rc;
    size_t st = i;
    while (i < v->len && s[i] >= 'a' && s[i] <= 'z')
        i++;
    v->a[0] = v->nparts;
    if (i > st && (rc = tsn_vs_add(v, st, i - st, K_WORD, 0)) < 0)
        return rc;
    if (i != v->len)
        return tsn_vs_bad(v, "expected numbers and a lower-case letter suffix");
    return 0;
}

int tsn_vs_openssl_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    int na = a->a[0], nb = b->a[0], k = 0;
    for (; k < na && k < nb; k++) {
        int c = tsn_vs_numcmp(vs_at(a, &a->p[k]), a->p[k].len,
                              vs_at(b, &b->p[k]), b->p[k].len);
        if (c)
            return c;
    }
    if (na != nb)
        return na < nb ? -1 : 1;
    size_t la = a->nparts > na ? a->p[na].len : 0;
    size_t lb = b->nparts > nb ? b->p[nb].len : 0;
    if (la != lb)
        return la < lb ? -1 : 1;
    return la ? tsn_vs_bytecmp(vs_at(a, &a->p[na]), la, vs_at(b, &b->p[nb]), lb)
              : 0;
}

/*
 * datetime (vers): RFC 3339 date-times "2024-01-01T00:00:00Z",
 * "2023-12-31T19:00:00-05:00", "...00.123Z", compared as instants.
 * a[0], a[1]: seconds since 1970 (high and low 32 bits); part 0: the
 * fraction digits without trailing zeros.
 */
static bool dnum(const char *s, size_t i, size_t k, long *out)
{
    long v = 0;
    for (size_t j = i; j < i + k; j++) {
        if (!vs_digit(s[j]))
            return false;
        v = v * 10 + (s[j] - '0');
    }
    *out = v;
    return true;
}

/* Days from 1970-01-01 to a civil date (proleptic Gregorian). */
static long long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (long long)era * 146097 + doe - 719468;
}

int tsn_vs_datetime_parse(struct tsn_ver *v)
{
    const char *s = v->s;
    size_t n = v->len;
    long Y, M, D, h, m, sec, oh = 0, om = 0;
    if (n < 20 || !dnum(s, 0, 4, &Y) || s[4] != '-' || !dnum(s, 5, 2, &M) ||
        s[7] != '-' || !dnum(s, 8, 2, &D) || (s[10] != 'T' && s[10] != 't') ||
        !dnum(s, 11, 2, &h) || s[13] != ':' || !dnum(s, 14, 2, &m) ||
        s[16] != ':' || !dnum(s, 17, 2, &sec))
        return tsn_vs_bad(v, "expected YYYY-MM-DDTHH:MM:SS");
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (Y % 4 == 0 && Y % 100 != 0) || Y % 400 == 0;
    if (M < 1 || M > 12 || D < 1 || D > mdays[M - 1] ||
        (M == 2 && D == 29 && !leap) || h > 23 || m > 59 || sec > 60)
        return tsn_vs_bad(v, "date or time out of range");
    size_t i = 19, fst = 19, fend = 19;
    if (i < n && s[i] == '.') {
        fst = ++i;
        while (i < n && vs_digit(s[i]))
            i++;
        if (i == fst)
            return tsn_vs_bad(v, "expected digits after '.'");
        fend = i;
        while (fend > fst && s[fend - 1] == '0')
            fend--;
    }
    int sign = 0;
    if (i < n && (s[i] == 'Z' || s[i] == 'z') && i + 1 == n) {
        i++;
    } else if (i < n && (s[i] == '+' || s[i] == '-') && i + 6 == n &&
               dnum(s, i + 1, 2, &oh) && s[i + 3] == ':' &&
               dnum(s, i + 4, 2, &om) && oh < 24 && om < 60) {
        sign = s[i] == '+' ? 1 : -1;
        i = n;
    } else {
        return tsn_vs_bad(v, "expected Z or an offset +HH:MM");
    }
    long long t = days_from_civil(Y, M, D) * 86400LL + h * 3600 + m * 60 + sec -
                  sign * (oh * 3600 + om * 60);
    v->a[0] = (int32_t)(t >> 32);
    v->a[1] = (int32_t)(uint32_t)(t & 0xffffffffu);
    return tsn_vs_add(v, fst, fend - fst, 0, 0);
}

int tsn_vs_datetime_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    if (a->a[0] != b->a[0])
        return a->a[0] < b->a[0] ? -1 : 1;
    if (a->a[1] != b->a[1])
        return (uint32_t)a->a[1] < (uint32_t)b->a[1] ? -1 : 1;
    /* fractions: compare digit by digit, a missing digit is 0 */
    const struct vpart *x = &a->p[0], *y = &b->p[0];
    size_t k = x->len > y->len ? x->len : y->len;
    for (size_t i = 0; i < k; i++) {
        char cx = i < x->len ? a->s[x->off + i] : '0';
        char cy = i < y->len ? b->s[y->off + i] : '0';
        if (cx != cy)
            return cx < cy ? -1 : 1;
    }
    return 0;
}
