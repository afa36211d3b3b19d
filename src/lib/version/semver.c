/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SemVer 2.0 and its relatives: semver (as OSV SEMVER ranges use it),
 * npm (node-semver), pub (ordered build metadata), NuGet (a fourth
 * number, case-insensitive labels) and Go (modules and toolchains).
 *
 * Parts: 0..3 the numbers (len 0 = absent = 0), then the pre-release
 * identifiers (kind ID_NUM or ID_ALNUM), then for pub the build
 * identifiers (aux 1). a[0] = number of release numbers, a[1] = first
 * build part index, a[2] = flags.
 */
#include "lib/version/vs.h"

#include <string.h>

enum { ID_NUM = 1, ID_ALNUM = 2 };
enum { NUMS = 4 }; /* parts reserved for release numbers */

enum {
    F_V = 1u << 0,        /* accept a leading 'v' */
    F_LOOSE = 1u << 1,    /* 1 or 2 numbers; leading zeros; extra numbers */
    F_FOUR = 1u << 2,     /* NuGet: up to four numbers */
    F_SAFE_INT = 1u << 3, /* node-semver: numbers <= 2^53-1 */
    F_BUILD = 1u << 4,    /* keep build identifiers (pub) */
};

static bool ident_char(char c)
{
    return vs_digit(c) || vs_alpha(c) || c == '-';
}

/* A digit run at s[*i]; returns its length. */
static size_t digits(const char *s, size_t n, size_t i)
{
    size_t k = i;
    while (k < n && vs_digit(s[k]))
        k++;
    return k - i;
}

/* 2^53-1 = 9007199254740991 */
static bool safe_int(const char *s, size_t n)
{
    while (n > 1 && *s == '0')
        s++, n--;
    return tsn_vs_numcmp(s, n, "9007199254740991", 16) <= 0;
}

/* Dot-separated identifiers from s[i] up to end or a stop byte. */
static int
idents(struct tsn_ver *v, size_t *pi, char stop, bool strict_num, int aux)
{
    const char *s = v->s;
    size_t n = v->len, i = *pi;
    for (;;) {
        size_t st = i;
        bool num = true;
        while (i < n && s[i] != '.' && s[i] != stop) {
            if (!ident_char(s[i]))
                return tsn_vs_bad(v, "invalid character in an identifier");
            if (!vs_digit(s[i]))
                num = false;
            i++;
        }
        if (i == st)
            return tsn_vs_bad(v, "empty identifier");
        if (num && strict_num && aux == 0 && i - st > 1 && s[st] == '0')
            return tsn_vs_bad(v, "numeric identifier with a leading zero");
        int rc = tsn_vs_add(v, st, i - st, num ? ID_NUM : ID_ALNUM, aux);
        if (rc < 0)
            return rc;
        if (i < n && s[i] == '.') {
            i++;
            continue;
        }
        break;
    }
    *pi = i;
    return 0;
}

static int parse_flags(struct tsn_ver *v, unsigned flags)
{
    const char *s = v->s;
    size_t n = v->len, i = 0;
    int max = (flags & F_FOUR) ? 4 : 3;
    int min = (flags & (F_LOOSE | F_FOUR)) ? 1 : 3;
    int rc;

    if ((flags & F_V) && s[0] == 'v')
        i++;
    for (int k = 0; k < NUMS; k++)
        v->p[k] = (struct vpart){0, 0, ID_NUM, 0};
    v->nparts = NUMS;
    int nums = 0;
    for (;;) {
        size_t d = digits(s, n, i);
        if (d == 0)
            return tsn_vs_bad(v, nums ? "expected a number after '.'"
                                      : "does not start with a number");
        if (d > 1 && s[i] == '0' && !(flags & (F_LOOSE | F_FOUR)))
            return tsn_vs_bad(v, "number with a leading zero");
        if ((flags & F_SAFE_INT) && !safe_int(s + i, d))
            return tsn_vs_bad(v, "number larger than 2^53-1");
        v->p[nums++] = (struct vpart){(uint16_t)i, (uint16_t)d, ID_NUM, 0};
        i += d;
        if (i < n && s[i] == '.' && nums < max) {
            i++;
            continue;
        }
        break;
    }
    if (nums < min)
        return tsn_vs_bad(v, "needs MAJOR.MINOR.PATCH");
    v->a[0] = nums;
    if (i < n && s[i] == '.' && (flags & F_LOOSE)) {
        /* OSV/scalibr: numbers after the third belong to the build. */
        i++;
        size_t st = i;
        while (i < n && (ident_char(s[i]) || s[i] == '.'))
            i++;
        if (i < n || i == st)
            return tsn_vs_bad(v, "invalid text after the third number");
        v->a[1] = v->nparts;
        return 0;
    }
    if (i < n && s[i] == '-') {
        i++;
        if ((rc = idents(v, &i, '+', !(flags & (F_LOOSE | F_FOUR)), 0)) < 0)
            return rc;
    }
    v->a[1] = v->nparts;
    if (i < n && s[i] == '+') {
        i++;
        if (flags & F_BUILD) {
            if ((rc = idents(v, &i, '\0', false, 1)) < 0)
                return rc;
        } else {
            size_t st = i;
            while (i < n && (ident_char(s[i]) || s[i] == '.')) {
                if (s[i] == '.' && (i == st || s[i - 1] == '.'))
                    return tsn_vs_bad(v, "empty build identifier");
                i++;
            }
            if (i == st || s[i - 1] == '.')
                return tsn_vs_bad(v, "empty build identifier");
        }
    }
    if (i < n)
        return tsn_vs_bad(v, "unexpected character");
    return 0;
}

static int idcmp(const struct tsn_ver *a,
                 const struct vpart *x,
                 const struct tsn_ver *b,
                 const struct vpart *y,
                 bool icase)
{
    if (x->kind == ID_NUM && y->kind == ID_NUM)
        return tsn_vs_numcmp(vs_at(a, x), x->len, vs_at(b, y), y->len);
    if (x->kind != y->kind)
        return x->kind == ID_NUM ? -1 : 1;
    if (icase)
        return tsn_vs_bytecasecmp(vs_at(a, x), x->len, vs_at(b, y), y->len);
    return tsn_vs_bytecmp(vs_at(a, x), x->len, vs_at(b, y), y->len);
}

/* Compare identifier lists a->p[ai..ae) and b->p[bi..be). */
static int listcmp(const struct tsn_ver *a,
                   int ai,
                   int ae,
                   const struct tsn_ver *b,
                   int bi,
                   int be,
                   bool icase)
{
    for (; ai < ae && bi < be; ai++, bi++) {
        int c = idcmp(a, &a->p[ai], b, &b->p[bi], icase);
        if (c)
            return c;
    }
    return (ai < ae) - (bi < be);
}

static int cmp_flags(const struct tsn_ver *a,
                     const struct tsn_ver *b,
                     bool icase,
                     bool build)
{
    for (int k = 0; k < NUMS; k++) {
        int c = tsn_vs_numcmp(vs_at(a, &a->p[k]), a->p[k].len,
                              vs_at(b, &b->p[k]), b->p[k].len);
        if (c)
            return c;
    }
    int ape = a->a[1], bpe = b->a[1];
    bool apre = ape > NUMS, bpre = bpe > NUMS;
    if (apre != bpre)
        return apre ? -1 : 1;
    int c = listcmp(a, NUMS, ape, b, NUMS, bpe, icase);
    if (c || !build)
        return c;
    /* pub: no build < build; then identifiers as for pre-releases */
    bool abld = a->nparts > ape, bbld = b->nparts > bpe;
    if (abld != bbld)
        return abld ? 1 : -1;
    return listcmp(a, ape, a->nparts, b, bpe, b->nparts, false);
}

int tsn_vs_semver_parse(struct tsn_ver *v)
{
    return parse_flags(v, F_V | F_LOOSE);
}

int tsn_vs_semver_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    return cmp_flags(a, b, false, false);
}

int tsn_vs_npm_parse(struct tsn_ver *v)
{
    if (v->len > 256)
        return tsn_vs_bad(v, "longer than 256 characters");
    return parse_flags(v, F_V | F_SAFE_INT);
}

int tsn_vs_npm_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    return cmp_flags(a, b, false, false);
}

int tsn_vs_pub_parse(struct tsn_ver *v)
{
    return parse_flags(v, F_V | F_LOOSE | F_BUILD);
}

int tsn_vs_pub_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    return cmp_flags(a, b, false, true);
}

int tsn_vs_nuget_parse(struct tsn_ver *v)
{
    return parse_flags(v, F_FOUR);
}

int tsn_vs_nuget_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    return cmp_flags(a, b, true, false);
}

/*
 * Go. Module versions are SemVer with a 'v' ("v1.2.3",
 * "v0.0.0-20191109021931-daa7c04131f5", "v2.0.0+incompatible"; build
 * metadata is ignored). Toolchain versions ("go1.21rc2", "1.21",
 * "1.21.0", "1.9beta1") follow go/version: 1.21 < 1.21rc1 < 1.21.0.
 * They are mapped onto SemVer: a missing patch is 0 with the pre-release
 * "0" (language version) or "<kind>.<n>" (alpha, beta, rc), so
 * "1.21.0-0" (as OSV writes Go toolchain ranges) equals "1.21".
 */
static int go_toolchain(struct tsn_ver *v, size_t i)
{
    const char *s = v->s;
    size_t n = v->len;
    for (int k = 0; k < NUMS; k++)
        v->p[k] = (struct vpart){0, 0, ID_NUM, 0};
    v->nparts = NUMS;
    int nums = 0;
    for (;;) {
        size_t d = digits(s, n, i);
        if (d == 0)
            return tsn_vs_bad(v, "expected a number");
        v->p[nums++] = (struct vpart){(uint16_t)i, (uint16_t)d, ID_NUM, 0};
        i += d;
        if (i < n && s[i] == '.' && nums < 3) {
            i++;
            continue;
        }
        break;
    }
    v->a[0] = nums;
    if (i < n) {
        size_t st = i;
        while (i < n && s[i] >= 'a' && s[i] <= 'z')
            i++;
        size_t kl = i - st;
        if (!((kl == 5 && memcmp(s + st, "alpha", 5) == 0) ||
              (kl == 4 && memcmp(s + st, "beta", 4) == 0) ||
              (kl == 2 && memcmp(s + st, "rc", 2) == 0)))
            return tsn_vs_bad(v, "expected alpha, beta or rc");
        if (nums == 3)
            return tsn_vs_bad(v, "pre-release after a patch number");
        size_t d = digits(s, n, i);
        if (d == 0 || i + d != n)
            return tsn_vs_bad(v, "expected a number after the pre-release");
        int rc = tsn_vs_add(v, st, kl, ID_ALNUM, 0);
        if (rc == 0)
            rc = tsn_vs_add(v, i, d, ID_NUM, 0);
        if (rc < 0)
            return rc;
    } else if (nums < 3) {
        /* language version: below every pre-release; the "0" is a
         * synthetic identifier of length 0 compared as the number 0 */
        int rc = tsn_vs_add(v, i, 0, ID_NUM, 0);
        if (rc < 0)
            return rc;
    }
    v->a[1] = v->nparts;
    return 0;
}

int tsn_vs_golang_parse(struct tsn_ver *v)
{
    const char *s = v->s;
    if (v->len > 2 && s[0] == 'g' && s[1] == 'o')
        return go_toolchain(v, 2);
    if (s[0] == 'v')
        return parse_flags(v, F_V);
    /* without 'v': a full SemVer, else a toolchain version */
    struct tsn_ver save = *v;
    int rc = parse_flags(v, 0);
    if (rc == 0)
        return 0;
    *v = save;
    rc = go_toolchain(v, 0);
    return rc;
}

int tsn_vs_golang_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    return cmp_flags(a, b, false, false);
}
