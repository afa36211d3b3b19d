/* SPDX-License-Identifier: Apache-2.0 */
/*
 * OpenVEX documents (0.2.0, and the 0.0.x forms still written: products
 * and vulnerability as plain strings) read into statements. A document
 * violating the specification is refused with its place; a not_affected
 * statement without a justification or impact statement is refused too,
 * since it would hide a finding without saying why.
 */
#include "lib/advisory/rd.h"
#include "lib/vex/vex_int.h"

#include <string.h>

#define AT(parent, k) TSNR_AT(parent, k)
#define IDX(parent, i) TSNR_IDX(parent, i)

const char *const tsnx_openvex_justifications[] = {
    "component_not_present",
    "vulnerable_code_not_present",
    "vulnerable_code_not_in_execute_path",
    "vulnerable_code_cannot_be_controlled_by_adversary",
    "inline_mitigations_already_exist",
    NULL};

bool tsnx_is_openvex(const tsnu_json *root)
{
    const tsnu_json *c = tsnu_json_get(root, "@context");
    return c && c->type == TSNU_JSON_STRING &&
           strncmp(c->u.str, "https://openvex.dev/ns", 22) == 0;
}

static bool in(const char *const *words, const char *s)
{
    for (; *words; words++)
        if (strcmp(*words, s) == 0)
            return true;
    return false;
}

/* identifiers{purl, cpe23, cpe22} of @p o into @p pr. */
static int identifiers(tsnr *r,
                       const tsnu_json *o,
                       const tsnu_jpath *p,
                       tsn_vex_product *pr)
{
    const tsnu_json *ids;
    int rc = tsnr_member(r, o, p, "identifiers", TSNU_JSON_OBJECT, &ids);
    if (rc < 0 || !ids)
        return rc;
    tsnu_jpath ip = AT(p, "identifiers");
    const char *cpe22 = NULL;
    if ((rc = tsnr_str(r, ids, &ip, "purl", false, &pr->purl)) < 0 ||
        (rc = tsnr_str(r, ids, &ip, "cpe23", false, &pr->cpe)) < 0 ||
        (rc = tsnr_str(r, ids, &ip, "cpe22", false, &cpe22)) < 0)
        return rc;
    if (!pr->cpe)
        pr->cpe = cpe22;
    if (!pr->purl && !pr->cpe)
        return tsnr_bad(r, &ip, ids, "expected a purl, cpe23 or cpe22");
    return 0;
}

/* One component of products[] or subcomponents[]: an object with @id or
 * identifiers, or (0.0.x) a string. */
static int
component(tsnr *r, const tsnu_json *o, const tsnu_jpath *p, tsn_vex_product *pr)
{
    int rc;
    if (o->type == TSNU_JSON_STRING) {
        if (!*o->u.str)
            return tsnr_bad(r, p, o, "an empty product id");
        pr->id = o->u.str;
    } else if ((rc = tsnr_object(r, o, p)) < 0 ||
               (rc = tsnr_str(r, o, p, "@id", false, &pr->id)) < 0 ||
               (rc = identifiers(r, o, p, pr)) < 0) {
        return rc;
    } else if (!pr->id && !pr->purl && !pr->cpe) {
        return tsnr_bad(r, p, o, "expected an @id or identifiers");
    }
    if (!pr->purl && pr->id && strncmp(pr->id, "pkg:", 4) == 0)
        pr->purl = pr->id;
    return 0;
}

/* The name a subcomponent is matched by: its purl, else its @id. */
static const char *sub_name(const tsn_vex_product *s)
{
    return s->purl ? s->purl : s->id ? s->id : s->cpe;
}

static int products(tsnr *r,
                    const tsnu_json *st,
                    const tsnu_jpath *sp,
                    tsn_vex_statement *out)
{
    const tsnu_json *items;
    size_t n;
    int rc = tsnr_items(r, st, sp, "products", false, &items, &n);
    if (rc < 0 || n == 0)
        return rc;
    tsn_vex_product *prs = tsnu_arena_calloc(r->arena, n, sizeof *prs);
    if (!prs)
        return tsn_error_oom();
    tsnu_jpath pp = AT(sp, "products");
    for (size_t i = 0; i < n; i++) {
        tsnu_jpath ip = IDX(&pp, i);
        const tsnu_json *subs;
        size_t ns;
        if ((rc = component(r, &items[i], &ip, &prs[i])) < 0)
            return rc;
        if (items[i].type != TSNU_JSON_OBJECT)
            continue;
        if ((rc = tsnr_items(r, &items[i], &ip, "subcomponents", false, &subs,
                             &ns)) < 0)
            return rc;
        if (ns == 0)
            continue;
        const char **names = tsnu_arena_calloc(r->arena, ns, sizeof *names);
        if (!names)
            return tsn_error_oom();
        tsnu_jpath sbp = AT(&ip, "subcomponents");
        for (size_t j = 0; j < ns; j++) {
            tsnu_jpath jp = IDX(&sbp, j);
            tsn_vex_product sub = {0};
            if ((rc = component(r, &subs[j], &jp, &sub)) < 0)
                return rc;
            names[j] = sub_name(&sub);
        }
        prs[i].subcomponents = names;
        prs[i].nsubcomponents = ns;
    }
    out->products = prs;
    out->nproducts = n;
    return 0;
}

/* vulnerability: {name, aliases} (0.2.0) or the name (0.0.x). */
static int vulnerability(tsnr *r,
                         const tsnu_json *st,
                         const tsnu_jpath *sp,
                         tsn_vex_statement *out)
{
    const tsnu_json *v = tsnu_json_get(st, "vulnerability");
    tsnu_jpath vp = AT(sp, "vulnerability");
    int rc;
    if (!v)
        return tsnr_bad(r, sp, st, "'vulnerability' is required");
    if (v->type == TSNU_JSON_STRING) {
        out->vuln = v->u.str;
    } else if ((rc = tsnr_object(r, v, &vp)) < 0 ||
               (rc = tsnr_str(r, v, &vp, "name", true, &out->vuln)) < 0 ||
               (rc = tsnr_strings(r, v, &vp, "aliases", false, &out->aliases,
                                  &out->naliases)) < 0) {
        return rc;
    }
    if (!*out->vuln)
        return tsnr_bad(r, &vp, v, "an empty vulnerability name");
    return 0;
}

static int statement(tsnr *r,
                     tsnx_doc *d,
                     const tsnu_json *st,
                     const tsnu_jpath *sp,
                     const char *doc_time)
{
    tsn_vex_statement s = {0};
    const char *status, *updated = NULL;
    int rc;
    if ((rc = tsnr_object(r, st, sp)) < 0 ||
        (rc = vulnerability(r, st, sp, &s)) < 0 ||
        (rc = tsnr_str(r, st, sp, "status", true, &status)) < 0 ||
        (rc = tsnr_str(r, st, sp, "justification", false, &s.justification)) <
            0 ||
        (rc = tsnr_str(r, st, sp, "impact_statement", false, &s.impact)) < 0 ||
        (rc = tsnr_str(r, st, sp, "action_statement", false, &s.action)) < 0 ||
        (rc = tsnr_time(r, st, sp, "timestamp", false, &s.timestamp)) < 0 ||
        (rc = tsnr_time(r, st, sp, "last_updated", false, &updated)) < 0 ||
        (rc = products(r, st, sp, &s)) < 0)
        return rc;
    tsnu_jpath at = AT(sp, "status");
    static const char *const statuses[] = {"not_affected", "affected", "fixed",
                                           "under_investigation", NULL};
    if (!in(statuses, status) || !tsn_vex_status_lookup(status, &s.status))
        return tsnr_bad(r, &at, tsnu_json_get(st, "status"),
                        "'%.100s' is not an OpenVEX status (not_affected, "
                        "affected, fixed, under_investigation)",
                        status);
    if (s.justification && !in(tsnx_openvex_justifications, s.justification)) {
        tsnu_jpath jp = AT(sp, "justification");
        return tsnr_bad(r, &jp, tsnu_json_get(st, "justification"),
                        "'%.100s' is not an OpenVEX justification",
                        s.justification);
    }
    if (s.status == TSN_VEX_NOT_AFFECTED && !s.justification && !s.impact)
        return tsnr_bad(r, sp, st,
                        "a not_affected statement needs a justification or "
                        "an impact_statement");
    if (updated)
        s.timestamp = updated;
    else if (!s.timestamp)
        s.timestamp = doc_time;
    if (!(s.where = tsnx_where(r->arena, d->name, sp, st)))
        return tsn_error_oom();
    return tsnu_vec_push(d->out, &s);
}

int tsnx_openvex(tsnx_doc *d, const tsnu_json *root)
{
    tsnr r = TSNR_INIT(d->arena, d->name);
    const tsnu_jpath *top = NULL;
    const char *id, *author, *time, *updated = NULL;
    const tsnu_json *sts;
    size_t n;
    int rc;
    if ((rc = tsnr_object(&r, root, top)) < 0 ||
        (rc = tsnr_str(&r, root, top, "@id", true, &id)) < 0 ||
        (rc = tsnr_str(&r, root, top, "author", true, &author)) < 0 ||
        (rc = tsnr_time(&r, root, top, "timestamp", true, &time)) < 0 ||
        (rc = tsnr_time(&r, root, top, "last_updated", false, &updated)) < 0 ||
        (rc = tsnr_items(&r, root, top, "statements", true, &sts, &n)) < 0)
        goto out;
    const tsnu_json *ver = tsnu_json_get(root, "version");
    if (!ver ||
        (ver->type != TSNU_JSON_NUMBER && ver->type != TSNU_JSON_STRING)) {
        rc = tsnr_bad(&r, top, root, "'version' is required");
        goto out;
    }
    tsnu_jpath sp = AT(top, "statements");
    size_t before = d->out->len;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        tsnu_jpath ip = IDX(&sp, i);
        /* a statement without a time of its own has the document's
         * (OpenVEX "Inheritance Flow": timestamp, not last_updated,
         * which says when the document last changed) */
        rc = statement(&r, d, &sts[i], &ip, time);
    }
    if (rc < 0)
        d->out->len = before;
out:
    tsnu_vec_dispose(&r.warnings);
    return rc;
}
