/* SPDX-License-Identifier: Apache-2.0 */
/*
 * PEP 440 versions (PyPI), accepted and ordered as the reference
 * implementation (packaging.version.Version) does: case-insensitive,
 * surrounding white space and a leading 'v' allowed, alternative
 * spellings (alpha, preview, c, rev, r, "-1" for ".post1", separators
 * "-", "_", ".") normalised.
 *
 * Parts: 0 epoch, 1 pre (kind 0 none, 1 a, 2 b, 3 rc; digits), 2 post
 * (kind 1 if present), 3 dev (kind 1 if present), then the release
 * numbers (a[0] of them), then the local segments (kind 1 number,
 * 2 text) from index a[1].
 */
#include "lib/version/vs.h"

#include <string.h>

enum { P_EPOCH, P_PRE, P_POST, P_DEV, P_REL };
enum { L_NUM = 1, L_TEXT = 2 };

struct cur {
    const char *s;
    size_t i, n;
};

static char low(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
}

/* Case-insensitive keyword at the cursor; advances on a match. */
static bool kw(struct cur *c, const char *w)
{
    size_t k = strlen(w);
    if (c->n - c->i < k)
        return false;
    for (size_t j = 0; j < k; j++)
        if (low(c->s[c->i + j]) != w[j])
            return false;
    c->i += k;
    return true;
}

static bool sep(struct cur *c)
{
    if (c->i < c->n &&
        (c->s[c->i] == '-' || c->s[c->i] == '_' || c->s[c->i] == '.')) {
        c->i++;
        return true;
    }
    return false;
}

static size_t num(struct cur *c)
{
    size_t st = c->i;
    while (c->i < c->n && vs_digit(c->s[c->i]))
        c->i++;
    return c->i - st;
}

static void set(struct tsn_ver *v, int k, int kind, size_t off, size_t len)
{
    v->p[k] = (struct vpart){(uint16_t)off, (uint16_t)len, (int16_t)kind, 0};
}

/* [-_.]? keyword [-_.]? digits?  — keyword index+1 in *kind */
static bool labelled(struct cur *c,
                     const char *const *words,
                     const int *kinds,
                     int *kind,
                     size_t *off,
                     size_t *len)
{
    struct cur save = *c;
    sep(c);
    for (int w = 0; words[w]; w++) {
        if (kw(c, words[w])) {
            *kind = kinds[w];
            sep(c); /* taken even when no number follows, as the regex */
            *off = c->i;
            *len = num(c);
            return true;
        }
    }
    *c = save;
    return false;
}

int tsn_vs_pypi_parse(struct tsn_ver *v)
{
    struct cur c = {v->s, 0, v->len};
    while (c.i < c.n && strchr(" \t\n\r\f\v", c.s[c.i]))
        c.i++;
    while (c.n > c.i && strchr(" \t\n\r\f\v", c.s[c.n - 1]))
        c.n--;
    if (c.i < c.n && low(c.s[c.i]) == 'v')
        c.i++;
    for (int k = 0; k < P_REL; k++)
        set(v, k, 0, 0, 0);
    v->nparts = P_REL;

    size_t st = c.i, d = num(&c);
    if (d == 0)
        return tsn_vs_bad(v, "does not start with a number");
    if (c.i < c.n && c.s[c.i] == '!') {
        set(v, P_EPOCH, 0, st, d);
        c.i++;
        st = c.i;
        if ((d = num(&c)) == 0)
            return tsn_vs_bad(v, "no release number after the epoch");
    }
    int rc = tsn_vs_add(v, st, d, 0, 0);
    while (rc == 0 && c.i + 1 < c.n && c.s[c.i] == '.' &&
           vs_digit(c.s[c.i + 1])) {
        c.i++;
        st = c.i;
        d = num(&c);
        rc = tsn_vs_add(v, st, d, 0, 0);
    }
    if (rc < 0)
        return rc;
    v->a[0] = v->nparts - P_REL;

    static const char *const pre_w[] = {"alpha", "a", "beta", "b", "preview",
                                        "pre",   "c", "rc",   NULL};
    static const int pre_k[] = {1, 1, 2, 2, 3, 3, 3, 3};
    static const char *const post_w[] = {"post", "rev", "r", NULL};
    static const int post_k[] = {1, 1, 1};
    static const char *const dev_w[] = {"dev", NULL};
    static const int dev_k[] = {1};
    int kind;
    size_t off, len;

    if (labelled(&c, pre_w, pre_k, &kind, &off, &len))
        set(v, P_PRE, kind, off, len);
    if (c.i + 1 < c.n && c.s[c.i] == '-' && vs_digit(c.s[c.i + 1])) {
        c.i++;
        off = c.i;
        len = num(&c);
        set(v, P_POST, 1, off, len);
    } else if (labelled(&c, post_w, post_k, &kind, &off, &len)) {
        set(v, P_POST, 1, off, len);
    }
    if (labelled(&c, dev_w, dev_k, &kind, &off, &len))
        set(v, P_DEV, 1, off, len);
    v->a[1] = v->nparts;
    if (c.i < c.n && c.s[c.i] == '+') {
        c.i++;
        for (;;) {
            st = c.i;
            bool digits_only = true;
            while (c.i < c.n && (vs_digit(c.s[c.i]) || vs_alpha(c.s[c.i]))) {
                if (!vs_digit(c.s[c.i]))
                    digits_only = false;
                c.i++;
            }
            if (c.i == st)
                return tsn_vs_bad(v, "empty local version segment");
            if ((rc = tsn_vs_add(v, st, c.i - st, digits_only ? L_NUM : L_TEXT,
                                 0)) < 0)
                return rc;
            if (c.i < c.n && strchr("-_.", c.s[c.i]) && c.i + 1 < c.n) {
                c.i++;
                continue;
            }
            break;
        }
    }
    if (c.i != c.n)
        return tsn_vs_bad(v, "not a PEP 440 version");
    return 0;
}

static int numcmp_part(const struct tsn_ver *a,
                       const struct vpart *x,
                       const struct tsn_ver *b,
                       const struct vpart *y)
{
    return tsn_vs_numcmp(vs_at(a, x), x->len, vs_at(b, y), y->len);
}

/*
 * packaging's _cmpkey: pre is -inf when there is only a dev part, +inf
 * when absent; post is -inf when absent; dev is +inf when absent; local
 * is -inf when absent, numbers sort above text.
 */
static int pre_rank(const struct tsn_ver *v)
{
    if (v->p[P_PRE].kind)
        return 1;
    if (!v->p[P_POST].kind && v->p[P_DEV].kind)
        return 0; /* -inf */
    return 2;     /* +inf */
}

int tsn_vs_pypi_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    int c = tsn_vs_pypi_release_cmp(a, b);
    if (c)
        return c;
    int ra = pre_rank(a), rb = pre_rank(b);
    if (ra != rb)
        return ra - rb;
    if (ra == 1) {
        if (a->p[P_PRE].kind != b->p[P_PRE].kind)
            return a->p[P_PRE].kind - b->p[P_PRE].kind;
        if ((c = numcmp_part(a, &a->p[P_PRE], b, &b->p[P_PRE])) != 0)
            return c;
    }
    if (a->p[P_POST].kind != b->p[P_POST].kind)
        return a->p[P_POST].kind ? 1 : -1;
    if ((c = numcmp_part(a, &a->p[P_POST], b, &b->p[P_POST])) != 0)
        return c;
    if (a->p[P_DEV].kind != b->p[P_DEV].kind)
        return a->p[P_DEV].kind ? -1 : 1;
    if ((c = numcmp_part(a, &a->p[P_DEV], b, &b->p[P_DEV])) != 0)
        return c;
    int la = a->a[1], lb = b->a[1];
    bool ha = a->nparts > la, hb = b->nparts > lb;
    if (ha != hb)
        return ha ? 1 : -1;
    for (; la < a->nparts && lb < b->nparts; la++, lb++) {
        const struct vpart *x = &a->p[la], *y = &b->p[lb];
        if (x->kind != y->kind)
            return x->kind == L_NUM ? 1 : -1;
        c = x->kind == L_NUM
                ? numcmp_part(a, x, b, y)
                : tsn_vs_bytecasecmp(vs_at(a, x), x->len, vs_at(b, y), y->len);
        if (c)
            return c;
    }
    return (la < a->nparts) - (lb < b->nparts);
}

unsigned tsn_vs_pypi_facts(const struct tsn_ver *v)
{
    unsigned f = 0;
    if (v->p[P_PRE].kind || v->p[P_DEV].kind)
        f |= TSN_VS_PY_PRE;
    if (v->p[P_POST].kind)
        f |= TSN_VS_PY_POST;
    if (v->nparts > v->a[1])
        f |= TSN_VS_PY_LOCAL;
    return f;
}

int tsn_vs_pypi_release_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    int c = numcmp_part(a, &a->p[P_EPOCH], b, &b->p[P_EPOCH]);
    if (c)
        return c;
    int an = a->a[0], bn = b->a[0];
    for (int k = 0; k < an || k < bn; k++) {
        static const struct vpart zero = {0, 0, 0, 0};
        const struct vpart *x = k < an ? &a->p[P_REL + k] : &zero;
        const struct vpart *y = k < bn ? &b->p[P_REL + k] : &zero;
        if ((c = numcmp_part(a, x, b, y)) != 0)
            return c;
    }
    return 0;
}

int tsn_vs_pypi_public_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    struct tsn_ver x = *a, y = *b;
    x.nparts = (uint8_t)a->a[1];
    y.nparts = (uint8_t)b->a[1];
    return tsn_vs_pypi_cmp(&x, &y);
}
