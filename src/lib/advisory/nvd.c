/* SPDX-License-Identifier: Apache-2.0 */
/*
 * NVD reader: the CVE API 2.0 response page ("vulnerabilities": [{"cve":
 * {...}}]) or one CVE object, into the advisory model. Each CVE is checked
 * alone: one that breaks the schema is refused with its JSON pointer and
 * the others are kept. Times are UTC without a zone, as NVD writes them.
 */
#include "lib/lib.h"

#include "lib/advisory/rd.h"
#include "tsunagi/advisory.h"
#include "tsunagi/cpe.h"
#include "tsunagi/limits.h"
#include "util/json.h"

#include <stdlib.h>
#include <string.h>

#define AT TSNR_AT
#define IDX TSNR_IDX

/* A boolean member (absent: @p dflt). */
static int flag(tsnr *r,
                const tsnu_json *o,
                const tsnu_jpath *p,
                const char *key,
                bool dflt,
                bool *out)
{
    const tsnu_json *v = tsnu_json_get(o, key);
    *out = dflt;
    if (!v || v->type == TSNU_JSON_NULL)
        return 0;
    if (v->type != TSNU_JSON_TRUE && v->type != TSNU_JSON_FALSE) {
        tsnu_jpath at = AT(p, key);
        return tsnr_bad(r, &at, v, "expected boolean, got %s",
                        tsnu_json_type_name(v->type));
    }
    *out = v->type == TSNU_JSON_TRUE;
    return 0;
}

/* "operator": "AND" or "OR" (@p required, else absent is OR). */
static int op(tsnr *r,
              const tsnu_json *o,
              const tsnu_jpath *p,
              bool required,
              bool *and_op)
{
    const char *s;
    int rc = tsnr_str(r, o, p, "operator", required, &s);
    *and_op = false;
    if (rc < 0 || !s)
        return rc;
    if (strcmp(s, "AND") != 0 && strcmp(s, "OR") != 0) {
        tsnu_jpath at = AT(p, "operator");
        return tsnr_bad(r, &at, tsnu_json_get(o, "operator"),
                        "operator '%s' is neither AND nor OR", s);
    }
    *and_op = s[0] == 'A';
    return 0;
}

static int read_match(tsnr *r,
                      const tsnu_json *o,
                      const tsnu_jpath *p,
                      tsn_adv_cpe_match *m)
{
    int rc = tsnr_object(r, o, p);
    if (rc == 0 && !tsnu_json_get(o, "vulnerable"))
        rc = tsnr_bad(r, p, o, "'vulnerable' is required");
    if (rc < 0 ||
        (rc = flag(r, o, p, "vulnerable", false, &m->vulnerable)) < 0 ||
        (rc = tsnr_str(r, o, p, "criteria", true, &m->criteria)) < 0 ||
        (rc = tsnr_str(r, o, p, "versionStartIncluding", false,
                       &m->start_incl)) < 0 ||
        (rc = tsnr_str(r, o, p, "versionStartExcluding", false,
                       &m->start_excl)) < 0 ||
        (rc = tsnr_str(r, o, p, "versionEndIncluding", false, &m->end_incl)) <
            0 ||
        (rc = tsnr_str(r, o, p, "versionEndExcluding", false, &m->end_excl)) <
            0)
        return rc;
    tsnu_jpath cp = AT(p, "criteria");
    if (m->start_incl && m->start_excl)
        return tsnr_bad(r, p, o,
                        "both versionStartIncluding and "
                        "versionStartExcluding");
    if (m->end_incl && m->end_excl)
        return tsnr_bad(r, p, o,
                        "both versionEndIncluding and "
                        "versionEndExcluding");
    if (strncmp(m->criteria, "cpe:2.3:", 8) != 0)
        return tsnr_bad(r, &cp, tsnu_json_get(o, "criteria"),
                        "'%s' is not a CPE 2.3 name", m->criteria);
    tsn_cpe *cpe = NULL;
    if ((rc = tsn_cpe_parse(&cpe, m->criteria)) < 0) {
        if (rc == TSN_EINVALID)
            rc = tsnr_bad(r, &cp, tsnu_json_get(o, "criteria"), "%s",
                          tsn_error_last()->message);
        return rc;
    }
    tsn_cpe_free(cpe);
    return tsnr_cpe_vp(r->arena, m->criteria, &m->vendor, &m->product);
}

static int
read_node(tsnr *r, const tsnu_json *o, const tsnu_jpath *p, tsn_adv_node *nd)
{
    const tsnu_json *ms;
    size_t n;
    int rc = tsnr_object(r, o, p);
    if (rc < 0 || (rc = op(r, o, p, true, &nd->and_op)) < 0 ||
        (rc = flag(r, o, p, "negate", false, &nd->negate)) < 0 ||
        (rc = tsnr_items(r, o, p, "cpeMatch", true, &ms, &n)) < 0)
        return rc;
    if (n == 0) {
        tsnu_jpath at = AT(p, "cpeMatch");
        return tsnr_bad(r, &at, tsnu_json_get(o, "cpeMatch"),
                        "a node needs at least one CPE match");
    }
    tsn_adv_cpe_match *m = tsnu_arena_calloc(r->arena, n, sizeof *m);
    if (!m)
        return tsn_error_oom();
    tsnu_jpath mp = AT(p, "cpeMatch");
    for (size_t i = 0; i < n; i++) {
        tsnu_jpath ip = IDX(&mp, i);
        if ((rc = read_match(r, &ms[i], &ip, &m[i])) < 0)
            return rc;
    }
    nd->matches = m;
    nd->nmatches = n;
    return 0;
}

static int read_configs(tsnr *r,
                        const tsnu_json *cve,
                        const tsnu_jpath *p,
                        tsn_advisory *a)
{
    const tsnu_json *cs;
    size_t n;
    int rc = tsnr_items(r, cve, p, "configurations", false, &cs, &n);
    if (rc < 0 || n == 0)
        return rc;
    tsn_adv_config *c = tsnu_arena_calloc(r->arena, n, sizeof *c);
    if (!c)
        return tsn_error_oom();
    tsnu_jpath lp = AT(p, "configurations");
    for (size_t i = 0; i < n; i++) {
        tsnu_jpath ip = IDX(&lp, i);
        const tsnu_json *ns;
        size_t nn;
        if ((rc = tsnr_object(r, &cs[i], &ip)) < 0 ||
            (rc = op(r, &cs[i], &ip, false, &c[i].and_op)) < 0 ||
            (rc = flag(r, &cs[i], &ip, "negate", false, &c[i].negate)) < 0 ||
            (rc = tsnr_items(r, &cs[i], &ip, "nodes", true, &ns, &nn)) < 0)
            return rc;
        if (nn == 0)
            return tsnr_bad(r, &ip, &cs[i], "a configuration needs nodes");
        tsn_adv_node *nd = tsnu_arena_calloc(r->arena, nn, sizeof *nd);
        if (!nd)
            return tsn_error_oom();
        tsnu_jpath np = AT(&ip, "nodes");
        for (size_t j = 0; j < nn; j++) {
            tsnu_jpath jp = IDX(&np, j);
            if ((rc = read_node(r, &ns[j], &jp, &nd[j])) < 0)
                return rc;
        }
        c[i].nodes = nd;
        c[i].nnodes = nn;
    }
    a->configs = c;
    a->nconfigs = n;
    return 0;
}

/* metrics.cvssMetricV2, V30, V31 and V40 into severities. */
static int read_metrics(tsnr *r,
                        const tsnu_json *cve,
                        const tsnu_jpath *p,
                        tsn_advisory *a)
{
    static const struct {
        const char *key, *type, *prefix;
    } kinds[] = {
        {"cvssMetricV40", "CVSS_V4", "CVSS:4.0/"},
        {"cvssMetricV31", "CVSS_V3", "CVSS:3.1/"},
        {"cvssMetricV30", "CVSS_V3", "CVSS:3.0/"},
        {"cvssMetricV2", "CVSS_V2", "AV:"},
    };
    const tsnu_json *m;
    int rc = tsnr_member(r, cve, p, "metrics", TSNU_JSON_OBJECT, &m);
    if (rc < 0 || !m)
        return rc;
    tsnu_jpath mp = AT(p, "metrics");
    tsnu_vec sv = TSNU_VEC_INIT(tsn_adv_severity, 4096);
    for (size_t k = 0; rc == 0 && k < 4; k++) {
        const tsnu_json *l;
        size_t n;
        if ((rc = tsnr_items(r, m, &mp, kinds[k].key, false, &l, &n)) < 0)
            break;
        tsnu_jpath kp = AT(&mp, kinds[k].key);
        for (size_t i = 0; rc == 0 && i < n; i++) {
            tsnu_jpath ip = IDX(&kp, i), dp = AT(&ip, "cvssData");
            const tsnu_json *data;
            const char *by, *vec;
            if ((rc = tsnr_object(r, &l[i], &ip)) < 0 ||
                (rc = tsnr_str(r, &l[i], &ip, "source", true, &by)) < 0 ||
                (rc = tsnr_member(r, &l[i], &ip, "cvssData", TSNU_JSON_OBJECT,
                                  &data)) < 0)
                break;
            if (!data) {
                rc = tsnr_bad(r, &ip, &l[i], "'cvssData' is required");
                break;
            }
            if ((rc = tsnr_str(r, data, &dp, "vectorString", true, &vec)) < 0)
                break;
            if (strncmp(vec, kinds[k].prefix, strlen(kinds[k].prefix)) != 0) {
                tsnu_jpath vp = AT(&dp, "vectorString");
                rc = tsnr_bad(r, &vp, tsnu_json_get(data, "vectorString"),
                              "'%s' is not a vector of %s (%s...)", vec,
                              kinds[k].key, kinds[k].prefix);
                break;
            }
            tsn_adv_severity one = {kinds[k].type, vec, by};
            rc = tsnu_vec_push(&sv, &one);
        }
    }
    if (rc == 0)
        rc = tsnr_list(r, &sv, &a->severity, &a->nseverity);
    tsnu_vec_dispose(&sv);
    return rc;
}

/* weaknesses[].description[].value: CWE ids, once each. NVD's own
 * NVD-CWE-Other and NVD-CWE-noinfo say there is none. */
static int read_weaknesses(tsnr *r,
                           const tsnu_json *cve,
                           const tsnu_jpath *p,
                           tsn_advisory *a)
{
    const tsnu_json *ws;
    size_t n;
    int rc = tsnr_items(r, cve, p, "weaknesses", false, &ws, &n);
    if (rc < 0 || n == 0)
        return rc;
    tsnu_vec cw = TSNU_VEC_INIT(const char *, 4096);
    tsnu_jpath wp = AT(p, "weaknesses");
    for (size_t i = 0; rc == 0 && i < n; i++) {
        tsnu_jpath ip = IDX(&wp, i);
        const tsnu_json *ds;
        size_t nd;
        if ((rc = tsnr_object(r, &ws[i], &ip)) < 0 ||
            (rc = tsnr_items(r, &ws[i], &ip, "description", true, &ds, &nd)) <
                0)
            break;
        tsnu_jpath dp = AT(&ip, "description");
        for (size_t j = 0; rc == 0 && j < nd; j++) {
            tsnu_jpath jp = IDX(&dp, j);
            const char *val;
            if ((rc = tsnr_object(r, &ds[j], &jp)) < 0 ||
                (rc = tsnr_str(r, &ds[j], &jp, "value", true, &val)) < 0)
                break;
            if (strncmp(val, "NVD-CWE-", 8) == 0)
                continue;
            if (!tsnr_cwe_ok(val)) {
                tsnu_jpath vp = AT(&jp, "value");
                rc = tsnr_warn(r, &vp, tsnu_json_get(&ds[j], "value"),
                               "'%s' is not a CWE id; left out", val);
                continue;
            }
            bool seen = false;
            for (size_t k = 0; k < cw.len; k++)
                seen |= strcmp(((const char **)cw.ptr)[k], val) == 0;
            if (!seen)
                rc = tsnu_vec_push(&cw, &val);
        }
    }
    if (rc == 0)
        rc = tsnr_list(r, &cw, &a->cwes, &a->ncwes);
    tsnu_vec_dispose(&cw);
    return rc;
}

static int
read_cve(tsnr *r, const tsnu_json *cve, const tsnu_jpath *p, tsn_advisory *a)
{
    int rc = tsnr_object(r, cve, p);
    const char *status;
    if (rc < 0 || (rc = tsnr_str(r, cve, p, "id", true, &a->id)) < 0)
        return rc;
    if (!tsnr_cve_ok(a->id, strlen(a->id))) {
        tsnu_jpath ip = AT(p, "id");
        return tsnr_bad(r, &ip, tsnu_json_get(cve, "id"),
                        "'%s' is not a CVE id (CVE-YYYY-NNNN)", a->id);
    }
    const tsnu_json *ds;
    size_t nd;
    if ((rc = tsnr_utc(r, cve, p, "published", true, &a->published)) < 0 ||
        (rc = tsnr_utc(r, cve, p, "lastModified", true, &a->modified)) < 0 ||
        (rc = tsnr_str(r, cve, p, "vulnStatus", false, &status)) < 0 ||
        (rc = tsnr_items(r, cve, p, "descriptions", true, &ds, &nd)) < 0)
        return rc;
    tsnu_jpath dp = AT(p, "descriptions");
    if ((rc = tsnr_langs(r, tsnu_json_get(cve, "descriptions"), &dp, "value",
                         &a->details, &a->texts, &a->ntexts)) < 0)
        return rc;
    if (status && strcmp(status, "Rejected") == 0)
        a->withdrawn = a->modified;
    if ((rc = read_metrics(r, cve, p, a)) < 0 ||
        (rc = read_weaknesses(r, cve, p, a)) < 0 ||
        (rc = read_configs(r, cve, p, a)) < 0 ||
        (rc = tsnr_refs(r, cve, p, "references", &a->refs, &a->nrefs)) < 0)
        return rc;
    return tsnr_warnings(r, &a->warnings, &a->nwarnings);
}

/* Read the CVE object @p cve into a new advisory sharing @p doc, and keep
 * it (with its text) or its refusal. */
static int one(tsnr_many *m,
               tsnr_doc *doc,
               const char *name,
               const tsnu_json *cve,
               const tsnu_jpath *p,
               tsn_buf *tmp)
{
    tsnr_adv *a = tsnr_adv_new("nvd", doc);
    if (!a)
        return tsn_error_oom();
    tsnr r = TSNR_INIT(&a->arena, name);
    int rc = read_cve(&r, cve, p, &a->pub);
    tsnu_vec_dispose(&r.warnings);
    if (rc == TSN_EINVALID) {
        tsn_advisory_free(&a->pub);
        return tsnr_many_refuse(m);
    }
    tsn_buf_clear(tmp);
    if (rc == 0 && (rc = tsnu_json_emit(tmp, cve)) == 0)
        return tsnr_many_keep(m, &a->pub, tmp->ptr, tmp->len);
    tsn_advisory_free(&a->pub);
    return rc;
}

static int
read_doc(tsnr_many *m, tsnr_doc *doc, const tsnu_json *root, const char *name)
{
    tsn_buf tmp = TSN_BUF_INIT(TSN_LIMIT_DOCUMENT_BYTES);
    tsnr top = TSNR_INIT(&m->arena, name);
    const tsnu_jpath *p = NULL;
    int rc = 0;
    if (root->type != TSNU_JSON_OBJECT) {
        rc = tsnr_bad(&top, p, root, "an NVD document is a JSON object");
    } else if (tsnu_json_get(root, "vulnerabilities") &&
               !tsnu_json_get(root, "id")) {
        /* a page; a CVE object (the stored form of one) has an id, and
         * may carry a member of that name among those not read */
        const char *fmt;
        const tsnu_json *vs;
        size_t n;
        if ((rc = tsnr_str(&top, root, p, "format", false, &fmt)) == 0 && fmt &&
            strcmp(fmt, "NVD_CVE") != 0) {
            tsnu_jpath fp = AT(p, "format");
            rc = tsnr_bad(&top, &fp, tsnu_json_get(root, "format"),
                          "format '%s' is not NVD_CVE", fmt);
        }
        if (rc == 0)
            rc = tsnr_items(&top, root, p, "vulnerabilities", true, &vs, &n);
        tsnu_jpath vp = AT(p, "vulnerabilities");
        for (size_t i = 0; rc == 0 && i < n; i++) {
            tsnu_jpath ip = IDX(&vp, i), cp = AT(&ip, "cve");
            const tsnu_json *cve = tsnu_json_get(&vs[i], "cve");
            if (!cve) {
                (void)tsnr_bad(&top, &ip, &vs[i], "'cve' is required");
                rc = tsnr_many_refuse(m);
                continue;
            }
            rc = one(m, doc, name, cve, &cp, &tmp);
        }
    } else {
        const tsnu_json *cve = tsnu_json_get(root, "cve");
        tsnu_jpath cp = AT(p, "cve");
        rc = one(m, doc, name, cve ? cve : root, cve ? &cp : p, &tmp);
    }
    tsnu_vec_dispose(&top.warnings);
    tsn_buf_dispose(&tmp);
    return rc;
}

int tsn_nvd_read(tsn_adv_list **out,
                 const char *text,
                 size_t len,
                 const char *name)
{
    *out = NULL;
    name = name ? name : "<nvd>";
    tsnr_many *m = tsnr_many_new();
    tsnr_doc *doc = tsn_calloc(1, sizeof *doc);
    if (!m || !doc) {
        free(m);
        free(doc);
        return tsn_error_oom();
    }
    doc->refs = 1; /* this function's, dropped at the end */
    tsnu_json *root;
    int rc = tsnr_parse(&root, &doc->arena, text, len, name);
    if (rc == 0)
        rc = read_doc(m, doc, root, name);
    if (--doc->refs == 0) {
        tsnu_arena_dispose(&doc->arena);
        free(doc);
    }
    return tsnr_many_finish(m, rc, out);
}
