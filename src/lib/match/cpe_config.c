/* SPDX-License-Identifier: Apache-2.0 */
/*
 * NVD configurations (applicability statements) evaluated for products
 * named by CPE. The name matching follows NISTIR 7696 (CPE name
 * matching) attribute by attribute, with NVD's version bounds in place
 * of the criteria's version; the configuration's logic is NVD's: a node
 * combines cpeMatches, a configuration combines nodes, each with OR or
 * AND and maybe negated. A match NVD marks not vulnerable names the
 * platform a vulnerable product runs on: it can make a configuration hold
 * but never makes its own product vulnerable.
 */
#include "lib/lib.h"

#include "cpe_config.h"
#include "tsunagi/version.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The length of the WFN character at @p s: a quoted pair or one byte. */
static size_t wfn_char(const char *s)
{
    return s[0] == '\\' && s[1] ? 2 : 1;
}

/* Whether WFN value @p s matches WFN value @p pat, whose unquoted * and ?
 * are wildcards (any run of characters, one character), case-insensitive.
 * CPE allows wildcards only at a value's ends, so the recursion is
 * shallow. */
static bool wfn_glob(const char *pat, const char *s)
{
    for (;;) {
        if (*pat == '*') {
            pat++;
            if (!*pat)
                return true;
            for (; *s; s += wfn_char(s))
                if (wfn_glob(pat, s))
                    return true;
            return wfn_glob(pat, s);
        }
        if (!*pat)
            return !*s;
        if (!*s)
            return false;
        if (*pat == '?') {
            pat++;
            s += wfn_char(s);
            continue;
        }
        size_t pl = wfn_char(pat), sl = wfn_char(s);
        if (pl != sl || strncasecmp(pat, s, pl) != 0)
            return false;
        pat += pl;
        s += sl;
    }
}

char *tsnm_wfn_unquote(char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++) {
        if (*r == '\\' && r[1])
            r++;
        *w++ = *r;
    }
    *w = '\0';
    return s;
}

/* A copy of WFN value @p w without its quoting, or NULL when out of
 * memory. */
static char *unquote(const char *w)
{
    char *u = tsnu_strdup(w);
    return u ? tsnm_wfn_unquote(u) : NULL;
}

/* @p v compared with @p bound in the generic scheme; false in @p ok when
 * either is not a version of it. */
static int cmp_generic(const char *v, const char *bound, bool *ok)
{
    int c = 0;
    *ok = tsn_version_compare(TSN_VS_GENERIC, v, bound, &c) == 0;
    if (!*ok)
        tsn_error_clear();
    return c;
}

/* Whether version @p v is within @p m's bounds (all set ones). */
static bool within(const tsn_adv_cpe_match *m, const char *v)
{
    bool ok = true;
    if (m->start_incl && (cmp_generic(v, m->start_incl, &ok) < 0 || !ok))
        return false;
    if (m->start_excl && (cmp_generic(v, m->start_excl, &ok) <= 0 || !ok))
        return false;
    if (m->end_incl && (cmp_generic(v, m->end_incl, &ok) > 0 || !ok))
        return false;
    if (m->end_excl && (cmp_generic(v, m->end_excl, &ok) >= 0 || !ok))
        return false;
    return true;
}

/* Whether @p crit names @p have in every attribute but the version
 * (and the update unless @p update), as tsnm_cpe_match() says. */
static bool attrs_match(const tsn_cpe *crit, const tsn_cpe *have, bool update)
{
    for (int a = 0; a < TSN_CPE_N_ATTRS; a++) {
        if (a == TSN_CPE_VERSION || (a == TSN_CPE_UPDATE && !update))
            continue;
        tsn_cpe_kind ck = tsn_cpe_kind_of(crit, a);
        tsn_cpe_kind hk = tsn_cpe_kind_of(have, a);
        if (ck == TSN_CPE_ANY)
            continue;
        if (ck == TSN_CPE_NA) {
            if (hk != TSN_CPE_NA)
                return false;
            continue;
        }
        if (hk == TSN_CPE_ANY && a > TSN_CPE_PRODUCT)
            continue; /* the component's name does not say */
        if (hk != TSN_CPE_VALUE ||
            !wfn_glob(tsn_cpe_value(crit, a), tsn_cpe_value(have, a)))
            return false;
    }
    return true;
}

bool tsnm_cpe_names_product(const tsn_cpe *crit, const tsn_cpe *have)
{
    return attrs_match(crit, have, false);
}

int tsnm_cpe_match(const tsn_adv_cpe_match *m,
                   const tsn_cpe *crit,
                   const tsn_cpe *have,
                   bool *out)
{
    *out = false;
    if (!attrs_match(crit, have, true))
        return 0;
    tsn_cpe_kind ck = tsn_cpe_kind_of(crit, TSN_CPE_VERSION);
    tsn_cpe_kind hk = tsn_cpe_kind_of(have, TSN_CPE_VERSION);
    bool bounded = m->start_incl || m->start_excl || m->end_incl || m->end_excl;
    if (ck == TSN_CPE_NA || (ck == TSN_CPE_ANY && !bounded)) {
        /* "-": a product without versions (hardware); ANY without
         * bounds: every version, or none said */
        *out = ck == TSN_CPE_ANY || hk == TSN_CPE_NA;
        return 0;
    }
    if (hk != TSN_CPE_VALUE)
        return 0; /* no version to judge */
    const char *hv = tsn_cpe_value(have, TSN_CPE_VERSION);
    if (ck == TSN_CPE_VALUE) {
        const char *cv = tsn_cpe_value(crit, TSN_CPE_VERSION);
        if ((*out = wfn_glob(cv, hv)) || strpbrk(cv, "*?"))
            return 0;
    }
    char *v = unquote(hv), *c = NULL;
    if (!v)
        return tsn_error_oom();
    if (ck == TSN_CPE_VALUE) {
        /* the same version written otherwise: 1.0 and 1.0.0 */
        if (!(c = unquote(tsn_cpe_value(crit, TSN_CPE_VERSION)))) {
            tsn_free(v);
            return tsn_error_oom();
        }
        bool ok = true;
        *out = cmp_generic(v, c, &ok) == 0 && ok;
    } else {
        *out = within(m, v);
    }
    tsn_free(v);
    tsn_free(c);
    return 0;
}

/* "vendor:product" of @p c into @p key, or false when either is not a
 * plain value (ANY, NA, a wildcard) or it does not fit. */
static bool product_key(const tsn_cpe *c, char *key, size_t size)
{
    const char *v = tsn_cpe_value(c, TSN_CPE_VENDOR);
    const char *p = tsn_cpe_value(c, TSN_CPE_PRODUCT);
    if (!v || !p || strpbrk(v, "*?") || strpbrk(p, "*?"))
        return false;
    int n = snprintf(key, size, "%s:%s", v, p);
    return n > 0 && (size_t)n < size;
}

int tsnm_system_init(tsnm_system *s, const tsn_cpe *const *cpes, size_t n)
{
    *s = (tsnm_system){cpes, n, TSNU_MAP_INIT, NULL, TSNU_ARENA_INIT};
    if (n && !(s->next = tsnu_arena_calloc(&s->arena, n, sizeof *s->next)))
        return tsn_error_oom();
    /* built from the end, so each chain runs in the system's order */
    for (size_t i = n; i-- > 0;) {
        char key[512];
        size_t at = SIZE_MAX;
        s->next[i] = SIZE_MAX;
        if (!product_key(cpes[i], key, sizeof key))
            continue; /* no product to find it by: matched by none */
        const char *k = tsnu_arena_strdup(&s->arena, key);
        if (!k)
            return tsn_error_oom();
        if (tsnu_map_get(&s->first, k, &at))
            s->next[i] = at;
        if (tsnu_map_put(&s->first, k, i) < 0)
            return tsn_error_oom();
    }
    return 0;
}

void tsnm_system_dispose(tsnm_system *s)
{
    tsnu_map_dispose(&s->first);
    tsnu_arena_dispose(&s->arena);
}

int tsnm_config_eval(const tsn_adv_config *c,
                     const tsnm_system *sys,
                     const tsn_cpe *comp,
                     bool *vulnerable,
                     const tsn_adv_cpe_match **why,
                     const tsn_adv_cpe_match **on)
{
    *vulnerable = false;
    *why = *on = NULL;
    bool cfg = c->and_op; /* AND of none holds, OR of none does not */
    const tsn_adv_cpe_match *hit = NULL, *plat = NULL;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < c->nnodes; i++) {
        const tsn_adv_node *nd = &c->nodes[i];
        bool holds = nd->and_op;
        for (size_t j = 0; rc == 0 && j < nd->nmatches; j++) {
            const tsn_adv_cpe_match *m = &nd->matches[j];
            tsn_cpe *crit = NULL;
            if ((rc = tsn_cpe_parse(&crit, m->criteria)) < 0)
                break;
            bool any = false;
            char key[512];
            size_t k = SIZE_MAX;
            bool indexed = product_key(crit, key, sizeof key);
            if (indexed && !tsnu_map_get(&sys->first, key, &k))
                k = SIZE_MAX; /* no name of that product in the system */
            else if (!indexed)
                k = 0; /* a criteria without a plain product: all */
            for (; rc == 0 && k < sys->n; k = indexed ? sys->next[k] : k + 1) {
                bool x = false;
                const tsn_cpe *have = sys->cpes[k];
                if ((rc = tsnm_cpe_match(m, crit, have, &x)) < 0 || !x)
                    continue;
                any = true;
                if (m->vulnerable && have == comp && !nd->negate && !hit)
                    hit = m;
                if (!m->vulnerable && !plat)
                    plat = m;
            }
            tsn_cpe_free(crit);
            holds = nd->and_op ? holds && any : holds || any;
        }
        if (nd->negate)
            holds = !holds;
        cfg = c->and_op ? cfg && holds : cfg || holds;
    }
    if (rc < 0)
        return rc;
    if (c->negate)
        cfg = !cfg;
    *vulnerable = cfg && hit;
    if (*vulnerable) {
        *why = hit;
        *on = plat;
    }
    return 0;
}
