/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Native range syntaxes, each compiled the way its ecosystem reads it:
 *   npm       node-semver Range (||, hyphen, x-ranges, ~, ^)
 *   cargo     semver crate VersionReq (comma, default ^)
 *   conan     Conan 2 version ranges (||, ~, ^, trailing '-')
 *   pypi      PEP 440 specifier sets
 *   maven     Maven version ranges ([1.0,2.0), (,1.0],[1.2,))
 *   nuget     NuGet version ranges (1.0 means >= 1.0)
 *   gem       Gem::Requirement (~>, comma)
 *   composer  Composer constraints (||, ^, ~, .*, hyphen, @flags)
 *   openssl   a comma-separated list of versions
 *   nginx     "0.8.40+" (the rest of that minor series; the highest of
 *             several such entries is open-ended), "A-B", versions
 *   others    comparators: =, ==, !=, <, <=, >, >=, << and >> (dpkg), ~>
 *             (pessimistic), joined by ',', spaces or "and"; "||" or
 *             "or" between alternatives (Go, Hex, distributions)
 */
#include "lib/version/rg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tok {
    const char *s;
    size_t n;
};

static bool ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static struct tok trim(const char *s, size_t n)
{
    while (n && ws(*s))
        s++, n--;
    while (n && ws(s[n - 1]))
        n--;
    return (struct tok){s, n};
}

/* Split @p t at the first occurrence of @p sep; false when absent. */
static bool
split(struct tok t, const char *sep, struct tok *head, struct tok *rest)
{
    size_t k = strlen(sep);
    for (size_t i = 0; i + k <= t.n; i++) {
        if (memcmp(t.s + i, sep, k) == 0) {
            *head = (struct tok){t.s, i};
            *rest = (struct tok){t.s + i + k, t.n - i - k};
            return true;
        }
    }
    *head = t;
    *rest = (struct tok){t.s + t.n, 0};
    return false;
}

/* ---- version text builder -------------------------------------------- */

struct vb {
    char b[TSN_LIMIT_VERSION_BYTES + 64];
    size_t n;
};

static void vb_put(struct vb *v, const char *s, size_t n)
{
    if (v->n + n >= sizeof v->b)
        n = sizeof v->b - 1 - v->n; /* too long: the parse will refuse */
    memcpy(v->b + v->n, s, n);
    v->n += n;
    v->b[v->n] = '\0';
}

static void vb_s(struct vb *v, const char *s)
{
    vb_put(v, s, strlen(s));
}

/* A number (absent = 0), plus one when @p inc. */
static void vb_num(struct vb *v, struct tok t, bool inc)
{
    if (t.n == 0)
        t = (struct tok){"0", 1};
    if (!inc) {
        vb_put(v, t.s, t.n);
        return;
    }
    /* add one in place, digit by digit, so a number of any length works;
     * all nines grow by a leading 1 */
    size_t st = v->n;
    vb_put(v, t.s, t.n);
    size_t i = v->n;
    while (i > st && v->b[i - 1] == '9')
        v->b[--i] = '0';
    if (i > st) {
        v->b[i - 1]++;
    } else if (v->n + 1 < sizeof v->b) {
        memmove(v->b + st + 1, v->b + st, v->n - st + 1);
        v->b[st] = '1';
        v->n++;
    }
}

static int add(struct tsn_range *r,
               int op,
               struct vb *v,
               unsigned flags,
               const char *s,
               size_t n)
{
    int rc = tsn_rg_add(r, op, v->b, v->n, flags);
    if (rc == TSN_EINVALID) {
        const tsn_error *e = tsn_error_last();
        char why[256];
        snprintf(why, sizeof why, "%s", e->message);
        return tsn_rg_bad(s, n, "%s", why);
    }
    return rc;
}

static int add_tok(struct tsn_range *r,
                   int op,
                   struct tok t,
                   unsigned flags,
                   const char *s,
                   size_t n)
{
    struct vb v = {.n = 0};
    vb_put(&v, t.s, t.n);
    return add(r, op, &v, flags, s, n);
}

/* ---- partial SemVer (npm, cargo) ------------------------------------- */

struct xr {
    struct tok num[3];
    bool x[3];
    int count;
    struct tok pre, build;
};

static bool is_x(const char *s, size_t n)
{
    return n == 1 && (*s == 'x' || *s == 'X' || *s == '*');
}

/* Dot-separated identifiers of [0-9A-Za-z-], none empty; in a
 * pre-release (@p pre) a numeric one has no leading zero. */
static bool idents_ok(struct tok t, bool pre)
{
    size_t i = 0;
    for (;;) {
        size_t st = i;
        bool digits = true;
        for (; i < t.n && t.s[i] != '.'; i++) {
            char ch = t.s[i];
            if (!vs_digit(ch) && !vs_alpha(ch) && ch != '-')
                return false;
            digits = digits && vs_digit(ch);
        }
        if (i == st || (pre && digits && i - st > 1 && t.s[st] == '0'))
            return false;
        if (i == t.n)
            return true;
        i++;
    }
}

/* X(.Y(.Z(-pre)?)?)?(+build)? with x, X or * for a number. */
static bool xr_parse(struct tok t, struct xr *x)
{
    memset(x, 0, sizeof *x);
    size_t i = 0;
    for (int k = 0; k < 3; k++) {
        size_t st = i;
        while (i < t.n && t.s[i] != '.' && t.s[i] != '-' && t.s[i] != '+')
            i++;
        struct tok p = {t.s + st, i - st};
        if (p.n == 0)
            return false;
        if (is_x(p.s, p.n)) {
            x->x[k] = true;
        } else {
            for (size_t j = 0; j < p.n; j++)
                if (!vs_digit(p.s[j]))
                    return false;
            if (p.n > 1 && p.s[0] == '0')
                return false;
            x->num[k] = p;
        }
        x->count = k + 1;
        if (i < t.n && t.s[i] == '.' && k < 2) {
            i++;
            continue;
        }
        break;
    }
    for (int k = x->count; k < 3; k++)
        x->x[k] = true;
    if (i < t.n && t.s[i] == '-' && x->count == 3) {
        size_t st = ++i;
        while (i < t.n && t.s[i] != '+')
            i++;
        x->pre = (struct tok){t.s + st, i - st};
        if (!idents_ok(x->pre, true))
            return false;
    }
    if (i < t.n && t.s[i] == '+') {
        x->build = (struct tok){t.s + i + 1, t.n - i - 1};
        return idents_ok(x->build, false);
    }
    return i == t.n;
}

/* M.m.p with optional increments and a suffix ("-0", "-pre"). */
static void
vb_tri(struct vb *v, const struct xr *x, int inc, bool zero_m, bool zero_p)
{
    v->n = 0;
    vb_num(v, x->num[0], inc == 0);
    vb_s(v, ".");
    vb_num(v, zero_m ? (struct tok){"0", 1} : x->num[1], inc == 1);
    vb_s(v, ".");
    vb_num(v, zero_p ? (struct tok){"0", 1} : x->num[2], inc == 2);
}

static bool num_is0(struct tok t)
{
    return t.n == 0 || (t.n == 1 && t.s[0] == '0');
}

enum { O_NONE, O_EQ, O_LT, O_LE, O_GT, O_GE, O_TILDE, O_CARET, O_TWIDDLE };

static const struct rg_op npm_ops[] = {
    {">=", O_GE}, {"<=", O_LE}, {"~>", O_TILDE}, {">", O_GT},
    {"<", O_LT},  {"=", O_EQ},  {"~", O_TILDE},  {"^", O_CARET}};

static int read_op(const char *s, size_t n, size_t *len)
{
    return tsn_rg_op(RG_OPS(npm_ops), s, n, O_NONE, len);
}

static const int to_rop[] = {[O_NONE] = R_EQ, [O_EQ] = R_EQ, [O_LT] = R_LT,
                             [O_LE] = R_LE,   [O_GT] = R_GT, [O_GE] = R_GE};

struct nctx {
    struct tsn_range *r;
    const char *s; /* whole range text, for errors */
    size_t n;
    bool incpre; /* includePrerelease */
    bool lit_v;  /* the comparator is a full version written "v1.2.3" */
};

/* Add a node-semver comparator. As node-semver does, a bound ">=0.0.0"
 * (unless written ">=v0.0.0") is dropped as "any" without
 * includePrerelease: a pre-release of 0.0.0 may then match through
 * another comparator of its set. */
static int nadd(struct nctx *c, int op, struct vb *v, unsigned flags)
{
    if (op == R_GE && !c->incpre && !c->lit_v && v->n == 5 &&
        memcmp(v->b, "0.0.0", 5) == 0)
        return tsn_rg_addv(c->r, R_ANY, NULL, NULL, 0);
    return add(c->r, op, v, flags, c->s, c->n);
}

/* Lower bound >= M.m.p with node-semver's includePrerelease "-0". */
static int lo(struct nctx *c, struct vb *v)
{
    if (c->incpre)
        vb_s(v, "-0");
    return nadd(c, R_GE, v, 0);
}

static int hi0(struct nctx *c, struct vb *v)
{
    vb_s(v, "-0");
    return nadd(c, R_LT, v, C_TRIM0);
}

static void vb_pre(struct vb *v, const struct xr *x)
{
    if (x->pre.n) {
        vb_s(v, "-");
        vb_put(v, x->pre.s, x->pre.n);
    }
}

static int npm_cmp(struct nctx *c, int op, const struct xr *x)
{
    struct vb v;
    struct tsn_range *r = c->r;
    bool xM = x->x[0], xm = x->x[1], xp = x->x[2];
    bool anyx = xM || xm || xp;
    if (op == O_TILDE) {
        if (xM)
            return tsn_rg_addv(r, R_ANY, NULL, NULL, 0);
        int rc;
        if (xm) {
            vb_tri(&v, x, -1, true, true);
            if ((rc = lo(c, &v)) < 0)
                return rc;
            vb_tri(&v, x, 0, true, true);
            return hi0(c, &v);
        }
        vb_tri(&v, x, -1, false, xp);
        if (xp) {
            rc = lo(c, &v); /* "~1.2.x-pre" drops the pre-release */
        } else {
            vb_pre(&v, x);
            rc = nadd(c, R_GE, &v, 0);
        }
        if (rc < 0)
            return rc;
        vb_tri(&v, x, 1, false, true);
        return hi0(c, &v);
    }
    if (op == O_CARET) {
        if (xM)
            return tsn_rg_addv(r, R_ANY, NULL, NULL, 0);
        int rc;
        if (xm) {
            vb_tri(&v, x, -1, true, true);
            if ((rc = lo(c, &v)) < 0)
                return rc;
            vb_tri(&v, x, 0, true, true);
            return hi0(c, &v);
        }
        bool M0 = num_is0(x->num[0]), m0 = num_is0(x->num[1]);
        vb_tri(&v, x, -1, false, xp);
        if (xp) {
            rc = lo(c, &v);
        } else {
            vb_pre(&v, x);
            rc = nadd(c, R_GE, &v, 0);
        }
        if (rc < 0)
            return rc;
        if (!M0)
            vb_tri(&v, x, 0, true, true);
        else if (xp || !m0)
            vb_tri(&v, x, 1, false, true);
        else
            vb_tri(&v, x, 2, false, false);
        return hi0(c, &v);
    }
    if (op == O_EQ && anyx)
        op = O_NONE;
    if (xM) {
        if (op == O_GT || op == O_LT) {
            v.n = 0;
            vb_s(&v, "0.0.0-0");
            return nadd(c, R_LT, &v, 0);
        }
        return tsn_rg_addv(r, R_ANY, NULL, NULL, 0);
    }
    if (op != O_NONE && anyx) {
        int inc = -1;
        int rop = to_rop[op];
        if (op == O_GT) {
            rop = R_GE;
            inc = xm ? 0 : 1;
        } else if (op == O_LE) {
            rop = R_LT;
            inc = xm ? 0 : 1;
        }
        vb_tri(&v, x, inc, xm || inc == 0, true);
        if (rop == R_LT)
            return hi0(c, &v);
        if (c->incpre)
            vb_s(&v, "-0");
        return nadd(c, rop, &v, 0);
    }
    if (xm || xp) {
        int rc;
        vb_tri(&v, x, -1, xm, true);
        if ((rc = lo(c, &v)) < 0)
            return rc;
        vb_tri(&v, x, xm ? 0 : 1, xm, true);
        return hi0(c, &v);
    }
    vb_tri(&v, x, -1, false, false);
    vb_pre(&v, x);
    return nadd(c, to_rop[op], &v, 0);
}

static int npm_hyphen(struct nctx *c, const struct xr *f, const struct xr *t)
{
    struct vb v;
    int rc = 0;
    if (!f->x[0]) {
        vb_tri(&v, f, -1, f->x[1], f->x[1] || f->x[2]);
        if (f->pre.n && !f->x[2]) {
            vb_pre(&v, f);
            rc = nadd(c, R_GE, &v, 0);
        } else {
            rc = lo(c, &v);
        }
        if (rc < 0)
            return rc;
    }
    if (t->x[0])
        return f->x[0] ? tsn_rg_addv(c->r, R_ANY, NULL, NULL, 0) : 0;
    if (t->x[1]) {
        vb_tri(&v, t, 0, true, true);
        return hi0(c, &v);
    }
    if (t->x[2]) {
        vb_tri(&v, t, 1, false, true);
        return hi0(c, &v);
    }
    vb_tri(&v, t, -1, false, false);
    if (t->pre.n) {
        vb_pre(&v, t);
        return nadd(c, R_LE, &v, 0);
    }
    if (c->incpre) {
        vb_tri(&v, t, 2, false, false);
        return hi0(c, &v);
    }
    return nadd(c, R_LE, &v, 0);
}

/* Strip node-semver's [v=\s]* before a version. */
static struct tok npm_plain(struct tok t)
{
    while (t.n && (*t.s == 'v' || *t.s == '=' || ws(*t.s)))
        t.s++, t.n--;
    return t;
}

/* Whether what stands before a full version ("", "v") lets node-semver
 * read it: a full version reaches its comparator parser as written, where
 * only a "v" may precede it ("==1.2.3" and "v=1.2.3" are refused). */
static bool npm_prefix_ok(struct tok raw, struct tok plain)
{
    size_t n = (size_t)(plain.s - raw.s);
    return n == 0 || (n == 1 && raw.s[0] == 'v');
}

/* node-semver refuses a number after an x ("1.x.2", ">=x.1") in a
 * comparator it does not rebuild; tilde, caret and hyphen bounds are
 * rebuilt from their numbers and accept it. */
static bool npm_x_order_ok(const struct xr *x)
{
    return !(x->x[0] && x->count >= 2 && !x->x[1]) &&
           !(x->x[1] && x->count == 3 && !x->x[2]);
}

/* node-semver's whitespace trims, in place, in its order; returns the new
 * length. First a run of <, > and = followed by spaces, then [v=\s]* and
 * a digit or an x, loses the spaces ("< =1.2" is "<=1.2", "~>= 1.2"
 * "~>=1.2"); the [v=\s]* run before a version is taken whole, so a "="
 * inside it starts nothing. Then "~> 1.2" becomes "~1.2", "^ 1.2" "^1.2". */
static size_t npm_trims(char *p, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t a = i, j, k, m;
        while (a < n && ws(p[a]))
            a++;
        j = a;
        if (j < n && (p[j] == '<' || p[j] == '>'))
            j++;
        if (j < n && p[j] == '=')
            j++;
        for (k = j; k < n && ws(p[k]);)
            k++;
        for (m = k; m < n && (p[m] == 'v' || p[m] == '=' || ws(p[m]));)
            m++;
        if (m < n && (vs_digit(p[m]) || is_x(p + m, 1))) {
            memmove(p + o, p + i, j - i);
            o += j - i;
            memmove(p + o, p + k, m - k);
            o += m - k;
            i = m + 1;
            p[o++] = p[m];
        } else {
            p[o++] = p[i++];
        }
    }
    for (int pass = 0; pass < 2; pass++) {
        char lead = pass == 0 ? '~' : '^';
        size_t w = 0;
        for (size_t i = 0; i < o;) {
            size_t j = i + 1, k;
            if (p[i] == lead) {
                if (lead == '~' && j < o && p[j] == '>')
                    j++;
                for (k = j; k < o && ws(p[k]);)
                    k++;
                if (k > j) {
                    p[w++] = lead;
                    i = k;
                    continue;
                }
            }
            p[w++] = p[i++];
        }
        o = w;
    }
    return o;
}

/* One comparator set (between "||"): a hyphen range, or comparators
 * separated by spaces. p[0..n) is the range's own copy; the trims
 * rewrite it. */
static int npm_set(struct nctx *c, char *p, size_t n)
{
    int rc = tsn_rg_set(c->r, SET_AND, PRE_TUPLE);
    if (rc < 0)
        return rc;
    struct tok set = trim(p, n);
    /* hyphen range: "A - B" is the whole set. node-semver writes a full
     * lower bound, and a full upper bound without a pre-release (unless
     * includePrerelease), as they stand, so only a "v" may precede them. */
    for (size_t i = 1; i + 2 < set.n; i++) {
        if (set.s[i] == '-' && ws(set.s[i - 1]) && ws(set.s[i + 1])) {
            struct xr f, t;
            struct tok ra = trim(set.s, i), a = npm_plain(ra);
            struct tok rb = trim(set.s + i + 1, set.n - i - 1),
                       b = npm_plain(rb);
            if (!xr_parse(a, &f) || !xr_parse(b, &t))
                break;
            if ((!f.x[2] && !npm_prefix_ok(ra, a)) ||
                (!t.x[2] && !t.pre.n && !c->incpre && !npm_prefix_ok(rb, b)))
                return tsn_rg_bad(c->s, c->n,
                                  "only 'v' may precede a full version");
            c->lit_v = !f.x[2] && ra.n > a.n;
            rc = npm_hyphen(c, &f, &t);
            c->lit_v = false;
            return rc;
        }
    }
    n = npm_trims(p, n);
    size_t i = 0;
    bool any = false;
    while (i < n) {
        while (i < n && ws(p[i]))
            i++;
        if (i >= n)
            break;
        size_t st = i;
        while (i < n && !ws(p[i]))
            i++;
        struct tok cmp = {p + st, i - st};
        size_t ol;
        int op = read_op(cmp.s, cmp.n, &ol);
        struct tok raw = {cmp.s + ol, cmp.n - ol}, vt = npm_plain(raw);
        struct xr x;
        if (vt.n == 0 && op != O_NONE)
            return tsn_rg_bad(c->s, c->n, "operator without a version");
        if (!xr_parse(vt, &x))
            return tsn_rg_bad(c->s, c->n, "invalid comparator '%.*s'",
                              (int)raw.n, raw.s);
        c->lit_v = false;
        if (op != O_TILDE && op != O_CARET) {
            /* node-semver does not rebuild these: it refuses a number
             * after an x, and reads a full version as written */
            if (!npm_x_order_ok(&x))
                return tsn_rg_bad(c->s, c->n, "a number after an x in '%.*s'",
                                  (int)cmp.n, cmp.s);
            if (!x.x[2] && !npm_prefix_ok(raw, vt))
                return tsn_rg_bad(c->s, c->n,
                                  "only 'v' may precede a full version in "
                                  "'%.*s'",
                                  (int)cmp.n, cmp.s);
            c->lit_v = !x.x[2] && raw.n > vt.n;
        }
        rc = npm_cmp(c, op, &x);
        c->lit_v = false;
        if (rc < 0)
            return rc;
        any = true;
    }
    if (!any)
        return tsn_rg_addv(c->r, R_ANY, NULL, NULL, 0);
    return 0;
}

static bool bchar(char ch)
{
    return vs_digit(ch) || vs_alpha(ch) || ch == '-';
}

/* node-semver first deletes build metadata ("+" and dot-separated
 * identifiers) wherever it stands in a range; out holds n bytes. */
static size_t npm_strip_build(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == '+' && i + 1 < n && bchar(s[i + 1])) {
            size_t k = i + 1;
            for (;;) {
                while (k < n && bchar(s[k]))
                    k++;
                if (k + 1 < n && s[k] == '.' && bchar(s[k + 1]))
                    k++;
                else
                    break;
            }
            i = k;
            continue;
        }
        out[o++] = s[i++];
    }
    return o;
}

/* Whether every constraint of a set is "any". */
static bool set_is_any(const struct tsn_range *r, const struct rset *st)
{
    for (uint32_t i = 0; i < st->n; i++)
        if (TSNU_VEC_AT(&r->cons, struct rcons, st->first + i)->op != R_ANY)
            return false;
    return true;
}

static int npm(struct tsn_range *r, const char *s, size_t n)
{
    char *text = malloc(n ? n : 1);
    if (!text)
        return tsn_error_oom();
    size_t tn = npm_strip_build(s, n, text);
    struct nctx c = {r, s, n, (r->flags & TSN_RANGE_INCLUDE_PRERELEASE) != 0,
                     false};
    size_t first = r->sets.len, at = 0;
    int rc = 0;
    for (;;) {
        size_t e = at;
        while (e < tn && !(text[e] == '|' && e + 1 < tn && text[e + 1] == '|'))
            e++;
        rc = npm_set(&c, text + at, e - at);
        if (rc < 0 || e >= tn)
            break;
        at = e + 2;
    }
    free(text);
    /* As node-semver does, an alternative that is "any" makes the whole
     * range "any": the pre-release rule then applies to every version. */
    for (size_t k = first;
         rc == 0 && r->sets.len - first > 1 && k < r->sets.len; k++) {
        struct rset *st = TSNU_VEC_AT(&r->sets, struct rset, k);
        if (set_is_any(r, st)) {
            *TSNU_VEC_AT(&r->sets, struct rset, first) = *st;
            r->sets.len = first + 1;
        }
    }
    return rc;
}

/* ---- Cargo ------------------------------------------------------------ */

static int cargo_cmp(struct nctx *c, int op, const struct xr *x)
{
    struct vb v;
    struct tsn_range *r = c->r;
    int rc;
    if (x->x[0])
        return tsn_rg_addv(r, R_ANY, NULL, NULL, 0);
    bool xm = x->x[1], xp = x->x[2];
    bool wild = (x->count >= 2 && xm) || (x->count >= 3 && xp);
    if (op == O_NONE)
        op = wild ? O_EQ : O_CARET;
    if (op == O_TILDE && !xm && !xp) {
        vb_tri(&v, x, -1, false, false);
        vb_pre(&v, x);
        if ((rc = add(r, R_GE, &v, 0, c->s, c->n)) < 0)
            return rc;
        vb_tri(&v, x, 1, false, true);
        return add(r, R_LT, &v, 0, c->s, c->n);
    }
    if (op == O_TILDE)
        op = O_EQ;
    if (op == O_CARET) {
        bool M0 = num_is0(x->num[0]), m0 = num_is0(x->num[1]);
        vb_tri(&v, x, -1, xm, xp);
        vb_pre(&v, x);
        if ((rc = add(r, R_GE, &v, 0, c->s, c->n)) < 0)
            return rc;
        if (!M0 || xm)
            vb_tri(&v, x, 0, true, true);
        else if (!m0 || xp)
            vb_tri(&v, x, 1, false, true);
        else
            vb_tri(&v, x, 2, false, false);
        return add(r, R_LT, &v, 0, c->s, c->n);
    }
    if (!xm && !xp) {
        vb_tri(&v, x, -1, false, false);
        vb_pre(&v, x);
        return add(r, to_rop[op], &v, 0, c->s, c->n);
    }
    int bump = xm ? 0 : 1;
    switch (op) {
    case O_EQ:
        vb_tri(&v, x, -1, xm, true);
        if ((rc = add(r, R_GE, &v, 0, c->s, c->n)) < 0)
            return rc;
        vb_tri(&v, x, bump, xm, true);
        return add(r, R_LT, &v, 0, c->s, c->n);
    case O_GT:
        vb_tri(&v, x, bump, xm, true);
        return add(r, R_GE, &v, 0, c->s, c->n);
    case O_GE:
        vb_tri(&v, x, -1, xm, true);
        return add(r, R_GE, &v, 0, c->s, c->n);
    case O_LT:
        vb_tri(&v, x, -1, xm, true);
        return add(r, R_LT, &v, 0, c->s, c->n);
    case O_LE:
        vb_tri(&v, x, bump, xm, true);
        return add(r, R_LT, &v, 0, c->s, c->n);
    default:
        return tsn_rg_bad(c->s, c->n, "unsupported operator");
    }
}

static int cargo(struct tsn_range *r, const char *s, size_t n)
{
    struct nctx c = {r, s, n, false, false};
    int rc = tsn_rg_set(r, SET_AND, PRE_TUPLE);
    struct tok rest = {s, n}, part;
    bool more;
    do {
        more = split(rest, ",", &part, &rest);
        part = trim(part.s, part.n);
        if (part.n == 0)
            return tsn_rg_bad(s, n, "empty comparator");
        size_t ol;
        int op = read_op(part.s, part.n, &ol);
        if (ol == 2 && part.s[0] == '~' && part.s[1] == '>')
            return tsn_rg_bad(s, n, "'~>' is not a Cargo operator");
        struct tok vt = trim(part.s + ol, part.n - ol);
        struct xr x;
        if (!xr_parse(vt, &x))
            return tsn_rg_bad(s, n, "invalid comparator '%.*s'", (int)part.n,
                              part.s);
        if (rc == 0)
            rc = cargo_cmp(&c, op, &x);
    } while (rc == 0 && more);
    return rc;
}

/* ---- Conan ------------------------------------------------------------ */

/* Upper bound: items before @p idx kept, item idx plus one, then "-". */
static int conan_upper(struct tok t, int idx, struct vb *v)
{
    v->n = 0;
    size_t i = 0;
    int k = 0;
    while (i < t.n && t.s[i] != '-' && t.s[i] != '+') {
        size_t st = i;
        while (i < t.n && t.s[i] != '.' && t.s[i] != '-' && t.s[i] != '+')
            i++;
        struct tok item = {t.s + st, i - st};
        if (k == idx) {
            for (size_t j = 0; j < item.n; j++)
                if (!vs_digit(item.s[j]))
                    return -1;
            vb_num(v, item, true);
            vb_s(v, "-");
            return 0;
        }
        vb_put(v, item.s, item.n);
        vb_s(v, ".");
        k++;
        if (i < t.n && t.s[i] == '.')
            i++;
    }
    return -1;
}

static int conan_items(struct tok t, bool *nonzero_at, int max)
{
    int k = 0;
    size_t i = 0;
    while (i < t.n && t.s[i] != '-' && t.s[i] != '+' && k < max) {
        size_t st = i;
        bool zero = true;
        while (i < t.n && t.s[i] != '.' && t.s[i] != '-' && t.s[i] != '+') {
            if (t.s[i] != '0')
                zero = false;
            i++;
        }
        nonzero_at[k++] = !zero || i == st;
        if (i < t.n && t.s[i] == '.')
            i++;
    }
    return k;
}

static int conan(struct tsn_range *r, const char *s, size_t n)
{
    struct tok all = {s, n}, expr, opts;
    bool incpre = (r->flags & TSN_RANGE_INCLUDE_PRERELEASE) != 0;
    if (split(all, ",", &expr, &opts)) {
        struct tok o = trim(opts.s, opts.n);
        if ((o.n == 18 && memcmp(o.s, "include_prerelease", 18) == 0) ||
            (o.n == 23 && memcmp(o.s, "include_prerelease=True", 23) == 0))
            incpre = true;
        else if (o.n)
            return tsn_rg_bad(s, n, "unknown option '%.*s'", (int)o.n, o.s);
    }
    for (size_t i = 0; i < expr.n; i++)
        if (expr.s[i] == '-')
            incpre = true;
    struct tok rest = expr, set;
    bool more;
    do {
        more = split(rest, "||", &set, &rest);
        int rc = tsn_rg_set(r, SET_AND, incpre ? PRE_ANY : PRE_NEVER);
        set = trim(set.s, set.n);
        if (set.n == 0)
            return tsn_rg_bad(s, n, "empty alternative");
        size_t i = 0;
        while (rc == 0 && i < set.n) {
            while (i < set.n && ws(set.s[i]))
                i++;
            if (i >= set.n)
                break;
            size_t st = i;
            while (i < set.n && !ws(set.s[i]))
                i++;
            struct tok t = {set.s + st, i - st};
            size_t ol;
            int op = read_op(t.s, t.n, &ol);
            struct tok vt = {t.s + ol, t.n - ol};
            if (vt.n && vt.s[vt.n - 1] == '-')
                vt.n--;
            if (vt.n == 0)
                return tsn_rg_bad(s, n, "operator without a version");
            if (op == O_NONE && vt.n == 1 && vt.s[0] == '*') {
                rc = add_tok(r, R_GE, (struct tok){"0.0.0", 5}, 0, s, n);
                continue;
            }
            if (op == O_TILDE || op == O_CARET) {
                bool nz[64];
                int items = conan_items(vt, nz, 64);
                int idx = 0;
                if (op == O_TILDE) {
                    idx = items > 1 ? 1 : 0;
                } else {
                    while (idx < items && !nz[idx])
                        idx++;
                    if (idx == items)
                        idx = items - 1;
                }
                struct vb v;
                if (items == 0 || conan_upper(vt, idx, &v) < 0)
                    return tsn_rg_bad(s, n, "cannot bump '%.*s'", (int)vt.n,
                                      vt.s);
                rc = add_tok(r, R_GE, vt, 0, s, n);
                if (rc == 0)
                    rc = add(r, R_LT, &v, 0, s, n);
                continue;
            }
            rc = add_tok(r, op == O_NONE ? R_EQ : to_rop[op], vt, 0, s, n);
        }
        if (rc < 0)
            return rc;
    } while (more);
    return 0;
}

/* ---- PEP 440 specifiers ----------------------------------------------- */

/* Release prefix "E!1.2" of a ".*" specifier, bumped or not, + ".dev0". */
static int py_prefix(struct tok t, bool bump, struct vb *v)
{
    v->n = 0;
    size_t i = 0;
    while (i < t.n && t.s[i] != '!')
        i++;
    size_t rel = 0;
    if (i < t.n) {
        vb_put(v, t.s, i + 1);
        rel = i + 1;
    }
    size_t last = rel;
    for (size_t j = rel; j < t.n; j++) {
        if (t.s[j] == '.')
            last = j + 1;
        else if (!vs_digit(t.s[j]))
            return -1;
    }
    if (last >= t.n)
        return -1;
    vb_put(v, t.s + rel, last - rel);
    vb_num(v, (struct tok){t.s + last, t.n - last}, bump);
    vb_s(v, ".dev0");
    return 0;
}

static int pypi(struct tsn_range *r, const char *s, size_t n)
{
    static const struct rg_op ops[] = {
        {"===", R_PY_ARB}, {"~=", -1},      {"==", R_PY_EQ}, {"!=", R_PY_NE},
        {"<=", R_PY_LE},   {">=", R_PY_GE}, {"<", R_PY_LT},  {">", R_PY_GT}};
    int rc = tsn_rg_set(r, SET_AND, PRE_NEVER);
    bool allow_pre = false;
    struct tok rest = {s, n}, part;
    bool more;
    size_t nspec = 0;
    if (rc < 0)
        return rc;
    do {
        more = split(rest, ",", &part, &rest);
        part = trim(part.s, part.n);
        if (part.n == 0) /* packaging skips empty specifiers */
            continue;
        nspec++;
        size_t ol;
        int op = tsn_rg_op(RG_OPS(ops), part.s, part.n, 0, &ol);
        if (ol == 0)
            return tsn_rg_bad(s, n, "specifier '%.*s' has no operator",
                              (int)part.n, part.s);
        struct tok vt = trim(part.s + ol, part.n - ol);
        if (vt.n == 0)
            return tsn_rg_bad(s, n, "operator without a version");
        bool star = op != R_PY_ARB && vt.n >= 2 && vt.s[vt.n - 1] == '*' &&
                    vt.s[vt.n - 2] == '.';
        if (star && op != R_PY_EQ && op != R_PY_NE)
            return tsn_rg_bad(s, n, "'.*' only follows == or !=");
        for (size_t i = 0; i < vt.n; i++)
            if (ws(vt.s[i]))
                return tsn_rg_bad(s, n, "space inside a version");
        if (star) {
            struct tok p = {vt.s, vt.n - 2};
            if (p.n && (p.s[0] == 'v' || p.s[0] == 'V'))
                p.s++, p.n--;
            struct vb lo, hi;
            if (py_prefix(p, false, &lo) < 0 || py_prefix(p, true, &hi) < 0)
                return tsn_rg_bad(s, n, "'.*' follows a release number only");
            const struct tsn_ver *a, *b;
            if ((rc = tsn_rg_ver(r, lo.b, lo.n, &a)) < 0 ||
                (rc = tsn_rg_ver(r, hi.b, hi.n, &b)) < 0)
                return tsn_rg_bad(s, n, "bad prefix '%.*s'", (int)vt.n, vt.s);
            if (op == R_PY_EQ) {
                rc = tsn_rg_addv(r, R_GE, a, NULL, 0);
                if (rc == 0)
                    rc = tsn_rg_addv(r, R_LT, b, NULL, C_TRIM0);
            } else {
                rc = tsn_rg_addv(r, R_OUT, a, b, 0);
            }
            if (rc < 0)
                return rc;
            continue;
        }
        const struct tsn_ver *v;
        if (op == R_PY_ARB) {
            /* any text; compared as a string */
            if (vt.n > TSN_LIMIT_VERSION_BYTES)
                return tsn_error_set(TSN_ETOOBIG,
                                     "'===' text of %zu bytes exceeds the "
                                     "limit of %d",
                                     vt.n, TSN_LIMIT_VERSION_BYTES);
            struct tsn_ver *t = tsnu_arena_calloc(&r->arena, 1, sizeof *t);
            struct vpart *zp = tsnu_arena_calloc(&r->arena, 4, sizeof *zp);
            char *txt = tsnu_arena_strndup(&r->arena, vt.s, vt.n);
            if (!t || !zp || !txt)
                return tsn_error_oom();
            /* no ordered parts: four empty ones, so that nothing reading
             * it as a PEP 440 version goes out of bounds */
            t->p = zp;
            t->nparts = 4;
            t->a[1] = 4;
            t->s = txt;
            t->len = (uint16_t)vt.n;
            t->scheme = TSN_VS_PYPI;
            if ((rc = tsn_rg_addv(r, R_PY_ARB, t, NULL, 0)) < 0)
                return rc;
            struct vtmp tmp;
            if (tsn_vs_parse_tmp(&tmp, TSN_VS_PYPI, vt.s, vt.n) == 0 &&
                tsn_vs_prerelease(&tmp.v))
                allow_pre = true;
            continue;
        }
        if ((rc = tsn_rg_ver(r, vt.s, vt.n, &v)) < 0) {
            tsn_error_prefix("specifier '%.*s'", (int)part.n, part.s);
            return rc;
        }
        unsigned f = tsn_vs_pypi_facts(v);
        if ((f & TSN_VS_PY_LOCAL) && op != R_PY_EQ && op != R_PY_NE)
            return tsn_rg_bad(s, n,
                              "a local version label only follows == "
                              "or !=");
        if (op == -1) { /* ~=V: >=V and ==prefix.* */
            if ((rc = tsn_rg_addv(r, R_PY_GE, v, NULL, 0)) < 0)
                return rc;
            /* the release numbers without the last one */
            size_t e = 0;
            while (e < vt.n && (vs_digit(vt.s[e]) || vt.s[e] == '.' ||
                                vt.s[e] == '!' || vt.s[e] == 'v'))
                e++;
            while (e > 0 && vt.s[e - 1] == '.')
                e--;
            size_t dot = e;
            while (dot > 0 && vt.s[dot - 1] != '.')
                dot--;
            if (dot == 0)
                return tsn_rg_bad(s, n,
                                  "'~=' needs at least two release "
                                  "numbers");
            struct tok p = {vt.s, dot - 1};
            if (p.n && (p.s[0] == 'v' || p.s[0] == 'V'))
                p.s++, p.n--;
            struct vb lo, hi;
            const struct tsn_ver *a, *b;
            if (py_prefix(p, false, &lo) < 0 || py_prefix(p, true, &hi) < 0 ||
                tsn_rg_ver(r, lo.b, lo.n, &a) < 0 ||
                tsn_rg_ver(r, hi.b, hi.n, &b) < 0)
                return tsn_rg_bad(s, n, "bad '~=' version");
            if ((rc = tsn_rg_addv(r, R_GE, a, NULL, 0)) < 0 ||
                (rc = tsn_rg_addv(r, R_LT, b, NULL, C_TRIM0)) < 0)
                return rc;
            if (f & TSN_VS_PY_PRE)
                allow_pre = true;
            continue;
        }
        if ((op == R_PY_EQ || op == R_PY_LE || op == R_PY_GE) &&
            (f & TSN_VS_PY_PRE))
            allow_pre = true;
        if ((rc = tsn_rg_addv(r, op, v, NULL, 0)) < 0)
            return rc;
    } while (more);
    if (nspec == 0) /* the empty set: every final release */
        return tsn_rg_addv(r, R_ANY, NULL, NULL, 0);
    if (allow_pre)
        tsn_rg_cur(r)->pre = PRE_ANY;
    return 0;
}

/* ---- Maven and NuGet intervals ---------------------------------------- */

/* One interval at t->s: [a,b] (a,b) [a] (,b] [a,) ... */
static int interval(
    struct tsn_range *r, struct tok *t, const char *s, size_t n, bool nuget)
{
    const char *p = t->s, *end = t->s + t->n;
    char open = *p++;
    const char *close = p;
    while (close < end && *close != ']' && *close != ')')
        close++;
    if (close == end)
        return tsn_rg_bad(s, n, "unclosed interval");
    struct tok body = {p, (size_t)(close - p)}, a, b;
    int rc = tsn_rg_set(r, SET_AND, PRE_ANY);
    if (rc < 0)
        return rc;
    if (!split(body, ",", &a, &b)) {
        a = trim(a.s, a.n);
        if (open != '[' || *close != ']' || a.n == 0)
            return tsn_rg_bad(s, n, "a single version needs [v]");
        rc = add_tok(r, R_EQ, a, 0, s, n);
    } else {
        a = trim(a.s, a.n);
        b = trim(b.s, b.n);
        if (memchr(b.s, ',', b.n))
            return tsn_rg_bad(s, n, "an interval has two bounds");
        if (a.n == 0 && b.n == 0 && !nuget)
            return tsn_rg_bad(s, n, "an interval needs a bound");
        if (a.n)
            rc = add_tok(r, open == '[' ? R_GE : R_GT, a, 0, s, n);
        if (rc == 0 && b.n)
            rc = add_tok(r, *close == ']' ? R_LE : R_LT, b, 0, s, n);
        if (rc == 0 && a.n == 0 && b.n == 0)
            rc = tsn_rg_addv(r, R_ANY, NULL, NULL, 0);
    }
    t->s = close + 1;
    t->n = (size_t)(end - t->s);
    return rc;
}

static int maven(struct tsn_range *r, const char *s, size_t n)
{
    struct tok t = trim(s, n);
    if (t.n && t.s[0] != '[' && t.s[0] != '(') {
        /* a bare version: Maven reads it as a soft requirement; as a
         * range it names exactly that version */
        int rc = tsn_rg_set(r, SET_AND, PRE_ANY);
        return rc < 0 ? rc : add_tok(r, R_EQ, t, 0, s, n);
    }
    while (t.n) {
        if (t.s[0] != '[' && t.s[0] != '(')
            return tsn_rg_bad(s, n, "expected '[' or '('");
        int rc = interval(r, &t, s, n, false);
        if (rc < 0)
            return rc;
        t = trim(t.s, t.n);
        if (t.n && t.s[0] == ',')
            t = trim(t.s + 1, t.n - 1);
        else if (t.n)
            return tsn_rg_bad(s, n, "expected ',' between intervals");
    }
    return 0;
}

static int nuget(struct tsn_range *r, const char *s, size_t n)
{
    struct tok t = trim(s, n);
    if (t.n == 0)
        return tsn_rg_bad(s, n, "empty");
    if (t.s[0] == '[' || t.s[0] == '(') {
        int rc = interval(r, &t, s, n, true);
        if (rc == 0 && trim(t.s, t.n).n)
            return tsn_rg_bad(s, n, "text after the interval");
        return rc;
    }
    int rc = tsn_rg_set(r, SET_AND, PRE_ANY);
    if (rc < 0)
        return rc;
    /* floating: "*", "1.*", "1.0.0-*" float up from their base */
    if (t.n == 1 && t.s[0] == '*')
        return tsn_rg_addv(r, R_ANY, NULL, NULL, 0);
    if (t.n > 2 && t.s[t.n - 1] == '*' &&
        (t.s[t.n - 2] == '.' || t.s[t.n - 2] == '-')) {
        struct vb v = {.n = 0};
        vb_put(&v, t.s, t.n - 2);
        if (t.s[t.n - 2] == '-')
            vb_s(&v, "-0");
        return add(r, R_GE, &v, 0, s, n);
    }
    return add_tok(r, R_GE, t, 0, s, n);
}

/* ---- RubyGems --------------------------------------------------------- */

/* Gem::Version#bump (drop text segments, drop the last number unless
 * it is the only one, add one to the new last); @p pad keeps the count of
 * numbers ("2.0.8" → "2.1.0" instead of "2.1"). */
static int bump(struct tok t, bool pad, struct vb *v)
{
    struct tok nums[64];
    int k = 0;
    size_t i = 0;
    while (i < t.n && k < 64) {
        size_t st = i;
        while (i < t.n && vs_digit(t.s[i]))
            i++;
        if (i == st)
            break;
        nums[k++] = (struct tok){t.s + st, i - st};
        if (i < t.n && t.s[i] == '.' && i + 1 < t.n && vs_digit(t.s[i + 1]))
            i++;
        else
            break;
    }
    if (k == 0)
        return -1;
    int total = k;
    if (k > 1)
        k--;
    v->n = 0;
    for (int j = 0; j < k; j++) {
        if (j)
            vb_s(v, ".");
        vb_num(v, nums[j], j == k - 1);
    }
    for (int j = k; pad && j < total; j++)
        vb_s(v, ".0");
    return 0;
}

static int gem(struct tsn_range *r, const char *s, size_t n)
{
    static const struct rg_op ops[] = {{"~>", -1},   {">=", R_GE}, {"<=", R_LE},
                                       {"!=", R_NE}, {">", R_GT},  {"<", R_LT},
                                       {"=", R_EQ}};
    int rc = tsn_rg_set(r, SET_AND, PRE_ANY);
    struct tok rest = {s, n}, part;
    bool more;
    do {
        more = split(rest, ",", &part, &rest);
        part = trim(part.s, part.n);
        size_t ol;
        int op = tsn_rg_op(RG_OPS(ops), part.s, part.n, R_EQ, &ol);
        struct tok vt = trim(part.s + ol, part.n - ol);
        if (vt.n == 0)
            return tsn_rg_bad(s, n, "requirement without a version");
        if (rc == 0 && op == -1) {
            struct vb v;
            if (bump(vt, false, &v) < 0)
                return tsn_rg_bad(s, n, "cannot bump '%.*s'", (int)vt.n, vt.s);
            rc = add_tok(r, R_GE, vt, 0, s, n);
            if (rc == 0)
                rc = add(r, R_GEM_RLT, &v, 0, s, n);
        } else if (rc == 0) {
            rc = add_tok(r, op, vt, 0, s, n);
        }
    } while (rc == 0 && more);
    return rc;
}

/* ---- Composer --------------------------------------------------------- */

/* Dotted numbers of a partial version and whether it ends in ".*". */
static int cparts(struct tok t, struct tok *nums, bool *wild)
{
    int k = 0;
    size_t i = 0;
    *wild = false;
    while (i < t.n && k < 4) {
        if (t.s[i] == '*' || t.s[i] == 'x' || t.s[i] == 'X') {
            *wild = true;
            i++;
            break;
        }
        size_t st = i;
        while (i < t.n && vs_digit(t.s[i]))
            i++;
        if (i == st)
            break;
        nums[k++] = (struct tok){t.s + st, i - st};
        if (i < t.n && t.s[i] == '.')
            i++;
        else
            break;
    }
    return (i == t.n) ? k : -k - 1; /* negative: more text follows */
}

/* nums[0..keep) with nums[keep-1] bumped when @p inc, then "-dev" */
static void
cbound(struct vb *v, const struct tok *nums, int keep, bool inc, bool dev)
{
    v->n = 0;
    for (int j = 0; j < keep; j++) {
        if (j)
            vb_s(v, ".");
        vb_num(v, nums[j], inc && j == keep - 1);
    }
    if (keep == 0)
        vb_s(v, "0");
    if (dev)
        vb_s(v, "-dev");
}

/* ">= v" from v's dev release unless v names a stability */
static int
ge_dev(struct tsn_range *r, int op, struct tok vt, const char *s, size_t n)
{
    bool flagged = false;
    for (size_t i = 0; i < vt.n; i++)
        if (vs_alpha(vt.s[i]))
            flagged = true;
    struct vb v = {.n = 0};
    vb_put(&v, vt.s, vt.n);
    if (!flagged)
        vb_s(&v, "-dev");
    return add(r, op, &v, 0, s, n);
}

static int
composer_one(struct tsn_range *r, struct tok t, const char *s, size_t n)
{
    static const struct rg_op ops[] = {
        {">=", R_GE}, {"<=", R_LE}, {"!=", R_NE}, {"<>", R_NE}, {"==", R_EQ},
        {"<", R_LT},  {">", R_GT},  {"=", R_EQ},  {"^", -1},    {"~", -2}};
    size_t ol;
    int op = tsn_rg_op(RG_OPS(ops), t.s, t.n, R_EQ, &ol);
    struct tok vt = trim(t.s + ol, t.n - ol);
    const char *at = memchr(vt.s, '@', vt.n); /* stability flag */
    if (at)
        vt.n = (size_t)(at - vt.s);
    if (vt.n && (vt.s[0] == 'v' || vt.s[0] == 'V'))
        vt.s++, vt.n--;
    if (vt.n == 0)
        return (op == R_EQ && at) ? tsn_rg_addv(r, R_ANY, NULL, NULL, 0)
                                  : tsn_rg_bad(s, n,
                                               "constraint without a "
                                               "version");
    if (op == R_EQ && vt.n == 1 && vt.s[0] == '*')
        return tsn_rg_addv(r, R_ANY, NULL, NULL, 0);
    struct tok nums[4];
    bool wild;
    int k = cparts(vt, nums, &wild);
    struct vb v;
    int rc;
    if (op == -1 || op == -2) { /* ^ and ~ */
        if (k <= 0 || wild)
            return tsn_rg_bad(s, n, "bad version after '%c'", t.s[0]);
        rc = ge_dev(r, R_GE, vt, s, n);
        if (rc < 0)
            return rc;
        int keep;
        if (op == -1) {
            keep = 1;
            while (keep < k && num_is0(nums[keep - 1]))
                keep++;
        } else {
            keep = k > 1 ? k - 1 : 1;
        }
        cbound(&v, nums, keep, true, true);
        return add(r, R_LT, &v, 0, s, n);
    }
    if (wild) {
        if (k < 0)
            return tsn_rg_bad(s, n, "text after a wildcard");
        if (k == 0)
            return tsn_rg_addv(r, R_ANY, NULL, NULL, 0);
        cbound(&v, nums, k, false, true);
        if ((rc = add(r, R_GE, &v, 0, s, n)) < 0)
            return rc;
        cbound(&v, nums, k, true, true);
        return add(r, R_LT, &v, 0, s, n);
    }
    if (op == R_LT || op == R_GE) /* Composer: "<1.2", ">=1.2": 1.2's dev */
        return ge_dev(r, op, vt, s, n);
    return add_tok(r, op, vt, 0, s, n);
}

static int composer(struct tsn_range *r, const char *s, size_t n)
{
    struct tok rest = {s, n}, alt;
    for (;;) {
        /* alternatives: "||" or a single '|' */
        size_t i = 0;
        while (i < rest.n && rest.s[i] != '|')
            i++;
        alt = (struct tok){rest.s, i};
        bool more = i < rest.n;
        size_t skip = i + (i + 1 < rest.n && rest.s[i + 1] == '|' ? 2 : 1);
        if (more)
            rest = (struct tok){rest.s + skip, rest.n - skip};
        alt = trim(alt.s, alt.n);
        if (alt.n == 0)
            return tsn_rg_bad(s, n, "empty alternative");
        int rc = tsn_rg_set(r, SET_AND, PRE_ANY);
        if (rc < 0)
            return rc;
        /* hyphen range "A - B" */
        struct tok a, b;
        if (split(alt, " - ", &a, &b)) {
            a = trim(a.s, a.n);
            b = trim(b.s, b.n);
            if (a.n && (a.s[0] == 'v' || a.s[0] == 'V'))
                a.s++, a.n--;
            if (b.n && (b.s[0] == 'v' || b.s[0] == 'V'))
                b.s++, b.n--;
            if (a.n == 0 || b.n == 0)
                return tsn_rg_bad(s, n, "a hyphen range needs two versions");
            if ((rc = ge_dev(r, R_GE, a, s, n)) < 0)
                return rc;
            struct tok nums[4];
            bool wild;
            int k = cparts(b, nums, &wild);
            struct vb v;
            if (k > 0 && k < 3 && !wild) { /* partial: below the next */
                cbound(&v, nums, k, true, true);
                rc = add(r, R_LT, &v, 0, s, n);
            } else {
                rc = add_tok(r, R_LE, b, 0, s, n);
            }
            if (rc < 0)
                return rc;
        } else {
            size_t j = 0;
            while (j < alt.n) {
                while (j < alt.n && (ws(alt.s[j]) || alt.s[j] == ','))
                    j++;
                if (j >= alt.n)
                    break;
                size_t st = j;
                /* an operator may stand apart from its version */
                while (j < alt.n && strchr("<>=!^~", alt.s[j]))
                    j++;
                while (j < alt.n && ws(alt.s[j]))
                    j++;
                while (j < alt.n && !ws(alt.s[j]) && alt.s[j] != ',')
                    j++;
                if ((rc = composer_one(r, (struct tok){alt.s + st, j - st}, s,
                                       n)) < 0)
                    return rc;
            }
        }
        if (!more)
            break;
    }
    return 0;
}

/* ---- lists and comparators -------------------------------------------- */

static int openssl(struct tsn_range *r, const char *s, size_t n)
{
    struct tok rest = {s, n}, part;
    bool more;
    do {
        more = split(rest, ",", &part, &rest);
        part = trim(part.s, part.n);
        if (part.n == 0)
            return tsn_rg_bad(s, n, "empty version in the list");
        int rc = tsn_rg_set(r, SET_AND, PRE_ANY);
        if (rc == 0)
            rc = add_tok(r, R_EQ, part, 0, s, n);
        if (rc < 0)
            return rc;
    } while (more);
    return 0;
}

/* nginx advisories: "0.8.40+" (that minor series from there), "0.7.52-
 * 0.8.39" (inclusive), a version, joined by commas. */
static int nginx(struct tsn_range *r, const char *s, size_t n)
{
    struct tok rest = {s, n}, part;
    bool more;
    /* in a list of "X+" entries the highest is open-ended: the later
     * series are fixed too */
    struct vtmp top, cur;
    bool have_top = false;
    int plus = 0;
    do {
        more = split(rest, ",", &part, &rest);
        part = trim(part.s, part.n);
        plus += part.n > 1 && part.s[part.n - 1] == '+';
        if (part.n > 1 && part.s[part.n - 1] == '+' &&
            tsn_vs_parse_tmp(&cur, TSN_VS_NGINX, part.s, part.n - 1) == 0 &&
            (!have_top || tsn_vs_cmp(&cur.v, &top.v) > 0)) {
            top = cur;
            top.v.p = top.parts;
            have_top = true;
        }
    } while (more);
    rest = (struct tok){s, n};
    do {
        more = split(rest, ",", &part, &rest);
        part = trim(part.s, part.n);
        if (part.n == 0)
            return tsn_rg_bad(s, n, "empty alternative");
        int rc = tsn_rg_set(r, SET_AND, PRE_ANY);
        struct tok a, b;
        if (rc == 0 && part.s[part.n - 1] == '+') {
            a = (struct tok){part.s, part.n - 1};
            struct tok nums[4];
            bool wild;
            int k = cparts(a, nums, &wild);
            if (k < 2 || wild)
                return tsn_rg_bad(s, n, "'+' follows MAJOR.MINOR[.PATCH]");
            struct vb v;
            cbound(&v, nums, 2, true, false);
            vb_s(&v, ".0");
            rc = add_tok(r, R_GE, a, 0, s, n);
            bool open = plus > 1 && have_top &&
                        tsn_vs_parse_tmp(&cur, TSN_VS_NGINX, a.s, a.n) == 0 &&
                        tsn_vs_cmp(&cur.v, &top.v) == 0;
            if (rc == 0 && !open)
                rc = add(r, R_LT, &v, 0, s, n);
        } else if (rc == 0 && split(part, "-", &a, &b)) {
            rc = add_tok(r, R_GE, trim(a.s, a.n), 0, s, n);
            if (rc == 0)
                rc = add_tok(r, R_LE, trim(b.s, b.n), 0, s, n);
        } else if (rc == 0) {
            rc = add_tok(r, R_EQ, part, 0, s, n);
        }
        if (rc < 0)
            return rc;
    } while (more);
    return 0;
}

static bool word(struct tok t, size_t i, const char *w)
{
    size_t k = strlen(w);
    return i + k <= t.n && memcmp(t.s + i, w, k) == 0 &&
           (i == 0 || ws(t.s[i - 1])) && (i + k == t.n || ws(t.s[i + k]));
}

static int comparators(struct tsn_range *r, const char *s, size_t n)
{
    static const struct rg_op ops[] = {
        {"~>", -1},   {">=", R_GE}, {"<=", R_LE}, {"!=", R_NE}, {"==", R_EQ},
        {"<<", R_LT}, {">>", R_GT}, {">", R_GT},  {"<", R_LT},  {"=", R_EQ}};
    struct tok all = trim(s, n);
    if (all.n == 0)
        return tsn_rg_bad(s, n, "empty");
    int rc = tsn_rg_set(r, SET_AND, PRE_ANY);
    size_t i = 0;
    bool any = false;
    while (rc == 0 && i <= all.n) {
        while (i < all.n && (ws(all.s[i]) || all.s[i] == ','))
            i++;
        if (i >= all.n)
            break;
        if (word(all, i, "and")) {
            i += 3;
            continue;
        }
        if (word(all, i, "or") ||
            (i + 1 < all.n && all.s[i] == '|' && all.s[i + 1] == '|')) {
            if (!any)
                return tsn_rg_bad(s, n, "empty alternative");
            i += 2;
            rc = tsn_rg_set(r, SET_AND, PRE_ANY);
            any = false;
            continue;
        }
        size_t ol;
        int op = tsn_rg_op(RG_OPS(ops), all.s + i, all.n - i, R_EQ, &ol);
        i += ol;
        while (i < all.n && ws(all.s[i]))
            i++;
        size_t st = i;
        while (i < all.n && !ws(all.s[i]) && all.s[i] != ',' &&
               !(all.s[i] == '|' && i + 1 < all.n && all.s[i + 1] == '|'))
            i++;
        struct tok vt = {all.s + st, i - st};
        if (vt.n == 0)
            return tsn_rg_bad(s, n, "operator without a version");
        if (vt.n == 1 && vt.s[0] == '*' && op == R_EQ) {
            rc = tsn_rg_addv(r, R_ANY, NULL, NULL, 0);
        } else if (op == -1) {
            struct vb v;
            if (bump(vt, true, &v) < 0)
                return tsn_rg_bad(s, n, "cannot bump '%.*s'", (int)vt.n, vt.s);
            rc = add_tok(r, R_GE, vt, 0, s, n);
            if (rc == 0)
                rc = add(r, R_LT, &v, 0, s, n);
        } else {
            rc = add_tok(r, op, vt, 0, s, n);
        }
        any = true;
    }
    if (rc == 0 && !any)
        return tsn_rg_bad(s, n, "empty alternative");
    return rc;
}

int tsn_rg_native(struct tsn_range *r, const char *s, size_t n)
{
    switch (r->scheme) {
    case TSN_VS_NPM:
        return npm(r, s, n);
    case TSN_VS_CARGO:
        return cargo(r, s, n);
    case TSN_VS_CONAN:
        return conan(r, s, n);
    case TSN_VS_PYPI:
        return pypi(r, s, n);
    case TSN_VS_MAVEN:
        return maven(r, s, n);
    case TSN_VS_NUGET:
        return nuget(r, s, n);
    case TSN_VS_GEM:
        return gem(r, s, n);
    case TSN_VS_COMPOSER:
        return composer(r, s, n);
    case TSN_VS_OPENSSL:
        return openssl(r, s, n);
    case TSN_VS_NGINX:
        return nginx(r, s, n);
    default:
        return comparators(r, s, n);
    }
}
