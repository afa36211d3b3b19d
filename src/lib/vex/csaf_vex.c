/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CSAF 2.0 documents read as VEX: each product of a vulnerability's
 * product_status is one statement, with the justification of the flag
 * that names it, the impact of the threat that names it and the details
 * of the remediations that name it (directly or through a product
 * group). The document is read and checked by the CSAF reader first
 * (csaf.c, with the mandatory tests of the VEX profile).
 *
 * A product that is a relationship ("X as a component of Y") is product
 * Y with subcomponent X, as OpenVEX says it.
 */
#include "lib/advisory/csaf.h"
#include "lib/vex/vex_int.h"

#include <string.h>

#define AT TSNR_AT
#define IDX TSNR_IDX

struct cv {
    tsnx_doc *d;
    const csaf *c;
    int rc;
};

static const char *cp(struct cv *v, const char *s)
{
    if (!s || v->rc < 0)
        return NULL;
    const char *d = tsnu_arena_strdup(v->d->arena, s);
    if (!d)
        v->rc = tsn_error_oom();
    return d;
}

/* Whether @p o (a flag, threat or remediation) names product @p pid, in
 * product_ids or through one of its group_ids. */
static bool names(const csaf *c, const tsnu_json *o, const char *pid)
{
    const tsnu_json *ids = tsnu_json_get(o, "product_ids");
    for (size_t i = 0; ids && ids->type == TSNU_JSON_ARRAY && i < ids->len; i++)
        if (ids->u.items[i].type == TSNU_JSON_STRING &&
            strcmp(ids->u.items[i].u.str, pid) == 0)
            return true;
    const tsnu_json *gs = tsnu_json_get(o, "group_ids");
    for (size_t i = 0; gs && gs->type == TSNU_JSON_ARRAY && i < gs->len; i++) {
        size_t k;
        if (gs->u.items[i].type != TSNU_JSON_STRING ||
            !tsnu_map_get(&c->groups, gs->u.items[i].u.str, &k))
            continue;
        const tsnu_json *m = tsnu_json_get(&c->group_items[k], "product_ids");
        for (size_t j = 0; m && m->type == TSNU_JSON_ARRAY && j < m->len; j++)
            if (m->u.items[j].type == TSNU_JSON_STRING &&
                strcmp(m->u.items[j].u.str, pid) == 0)
                return true;
    }
    return false;
}

/* The first item of @p vu's @p key naming @p pid whose @p want member
 * (when given) is @p value; NULL when none. */
static const tsnu_json *naming(const csaf *c,
                               const tsnu_json *vu,
                               const char *key,
                               const char *pid,
                               const char *want,
                               const char *value)
{
    const tsnu_json *arr = tsnu_json_get(vu, key);
    for (size_t i = 0; arr && arr->type == TSNU_JSON_ARRAY && i < arr->len;
         i++) {
        const tsnu_json *o = &arr->u.items[i];
        if (want && !tsnu_streq(tsnu_json_get_str(o, want), value))
            continue;
        if (names(c, o, pid))
            return o;
    }
    return NULL;
}

/* The remediations naming @p pid, "category: details; ..." */
static const char *actions(struct cv *v, const tsnu_json *vu, const char *pid)
{
    const tsnu_json *arr = tsnu_json_get(vu, "remediations");
    tsn_buf b = TSN_BUF_INIT(65536);
    for (size_t i = 0; arr && arr->type == TSNU_JSON_ARRAY && i < arr->len;
         i++) {
        const tsnu_json *o = &arr->u.items[i];
        if (!names(v->c, o, pid))
            continue;
        const char *cat = tsnu_json_get_str(o, "category");
        const char *det = tsnu_json_get_str(o, "details");
        tsn_buf_printf(&b, "%s%s%s%s", b.len ? "; " : "", cat ? cat : "",
                       cat && det ? ": " : "", det ? det : "");
    }
    const char *s = b.len ? cp(v, tsn_buf_cstr(&b)) : NULL;
    tsn_buf_dispose(&b);
    return s;
}

/* The product statement of product id @p pid. */
static int product_of(struct cv *v, const char *pid, tsn_vex_product *out)
{
    const csaf_prod *pr = csaf_product(v->c, pid);
    out->id = cp(v, pid);
    if (!pr)
        return v->rc;
    if (pr->ref && pr->on) {
        /* X (ref) as a component of / installed on Y (on) */
        const csaf_prod *x = csaf_resolve(v->c, csaf_product(v->c, pr->ref));
        const csaf_prod *y = csaf_resolve(v->c, csaf_product(v->c, pr->on));
        if (y) {
            out->purl = cp(v, y->purl);
            out->cpe = cp(v, y->cpe);
            out->name = cp(v, y->product);
            out->version = cp(v, y->version);
        }
        const char *sub = x ? (x->purl ? x->purl : x->cpe) : NULL;
        if (sub) {
            const char **s = tsnu_arena_calloc(v->d->arena, 1, sizeof *s);
            if (!s)
                return v->rc = tsn_error_oom();
            s[0] = cp(v, sub);
            out->subcomponents = s;
            out->nsubcomponents = 1;
        }
        return v->rc;
    }
    out->purl = cp(v, pr->purl);
    out->cpe = cp(v, pr->cpe);
    out->name = cp(v, pr->product);
    out->version = cp(v, pr->version);
    return v->rc;
}

/* The ids of vulnerability @p vu: its CVE, else its first id; the others
 * as aliases. */
static int ids_of(struct cv *v, const tsnu_json *vu, tsn_vex_statement *s)
{
    const char *cve = tsnu_json_get_str(vu, "cve");
    const tsnu_json *ids = tsnu_json_get(vu, "ids");
    size_t n = ids && ids->type == TSNU_JSON_ARRAY ? ids->len : 0;
    const char **al = tsnu_arena_calloc(v->d->arena, n + 1, sizeof *al);
    if (!al)
        return v->rc = tsn_error_oom();
    s->vuln = cp(v, cve);
    for (size_t i = 0; i < n; i++) {
        const char *t = tsnu_json_get_str(&ids->u.items[i], "text");
        if (!t)
            continue;
        if (!s->vuln)
            s->vuln = cp(v, t);
        else
            al[s->naliases++] = cp(v, t);
    }
    s->aliases = al;
    return v->rc;
}

static int statements(void *ctx, const csaf *c)
{
    static const struct {
        int list;
        tsn_vex_status status;
    } lists[] = {
        {CSAF_NOT_AFFECTED, TSN_VEX_NOT_AFFECTED},
        {CSAF_FIXED, TSN_VEX_FIXED},
        {CSAF_FIRST_FIXED, TSN_VEX_FIXED},
        {CSAF_KNOWN_AFFECTED, TSN_VEX_AFFECTED},
        {CSAF_FIRST_AFFECTED, TSN_VEX_AFFECTED},
        {CSAF_LAST_AFFECTED, TSN_VEX_AFFECTED},
        {CSAF_UNDER_INVESTIGATION, TSN_VEX_UNDER_INVESTIGATION},
    };
    struct cv *v = ctx;
    v->c = c;
    const tsnu_jpath *top = NULL;
    tsnu_jpath vsp = AT(top, "vulnerabilities");
    const char *doc_time =
        tsnu_json_get_str(c->tracking, "current_release_date");
    for (size_t i = 0; v->rc == 0 && i < c->nvulns; i++) {
        const tsnu_json *vu = &c->vulns[i];
        const tsnu_json *ps = tsnu_json_get(vu, "product_status");
        tsnu_jpath vp = IDX(&vsp, i);
        tsnu_jpath pp = AT(&vp, "product_status");
        tsn_vex_statement base = {0};
        if (ids_of(v, vu, &base) < 0)
            break;
        if (!base.vuln || !ps)
            continue;
        for (size_t l = 0; v->rc == 0 && l < sizeof lists / sizeof *lists;
             l++) {
            const char *key = csaf_status_names[lists[l].list];
            const tsnu_json *arr = tsnu_json_get(ps, key);
            tsnu_jpath lp = AT(&pp, key);
            for (size_t j = 0; arr && arr->type == TSNU_JSON_ARRAY &&
                               v->rc == 0 && j < arr->len;
                 j++) {
                const tsnu_json *id = &arr->u.items[j];
                tsnu_jpath ip = IDX(&lp, j);
                if (id->type != TSNU_JSON_STRING)
                    continue; /* the CSAF reader refuses it */
                tsn_vex_statement s = base;
                tsn_vex_product *pr =
                    tsnu_arena_calloc(v->d->arena, 1, sizeof *pr);
                if (!pr) {
                    v->rc = tsn_error_oom();
                    break;
                }
                s.status = lists[l].status;
                s.products = pr;
                s.nproducts = 1;
                s.timestamp = cp(v, doc_time);
                if (product_of(v, id->u.str, pr) < 0)
                    break;
                const tsnu_json *flag =
                    naming(c, vu, "flags", id->u.str, NULL, NULL);
                s.justification =
                    flag ? cp(v, tsnu_json_get_str(flag, "label")) : NULL;
                const tsnu_json *th =
                    naming(c, vu, "threats", id->u.str, "category", "impact");
                s.impact = th ? cp(v, tsnu_json_get_str(th, "details")) : NULL;
                s.action = actions(v, vu, id->u.str);
                s.where = tsnx_where(v->d->arena, v->d->name, &ip, id);
                if (!s.where)
                    v->rc = tsn_error_oom();
                if (v->rc == 0)
                    v->rc = tsnu_vec_push(v->d->out, &s);
            }
        }
    }
    return v->rc;
}

int tsnx_csaf(tsnx_doc *d, const char *text, size_t len)
{
    struct cv v = {d, NULL, 0};
    tsn_advisory *a = NULL;
    size_t before = d->out->len;
    int rc = csaf_read_with(text, len, d->name, statements, &v, &a);
    tsn_advisory_free(a);
    if (rc < 0)
        d->out->len = before;
    return rc;
}
