/* SPDX-License-Identifier: Apache-2.0 */
/*
 * OSV reader: one record of the OSV schema (1.0 to 1.7) into the advisory
 * model, checked against the schema's rules. The first violation is the
 * error, with the record's name, line and JSON pointer.
 */
#include "lib/lib.h"

#include "tsunagi/advisory.h"
#include "tsunagi/limits.h"
#include "tsunagi/purl.h"
#include "tsunagi/version.h"
#include "util/json.h"
#include "lib/advisory/rd.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rd {
    tsnr c;
    tsnr_adv *a;
};

#define AT TSNR_AT
#define IDX TSNR_IDX

static bool in(const char *s, const char *const *set)
{
    for (; *set; set++)
        if (tsnu_streq(s, *set))
            return true;
    return false;
}

static bool git_hash(const char *s)
{
    size_t n = strlen(s);
    if (strcmp(s, "0") == 0)
        return true;
    if (n != 40 && n != 64)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    return true;
}

static int read_range(struct rd *r,
                      const tsnu_json *o,
                      const tsnu_jpath *p,
                      tsn_adv_range *out)
{
    static const char *const types[] = {"GIT", "SEMVER", "ECOSYSTEM", NULL};
    static const char *const evnames[] = {"introduced", "fixed",
                                          "last_affected", "limit"};
    if (o->type != TSNU_JSON_OBJECT)
        return tsnr_bad(&r->c, p, o, "expected object, got %s",
                        tsnu_json_type_name(o->type));
    int rc = tsnr_str(&r->c, o, p, "type", true, &out->type);
    if (rc == 0)
        rc = tsnr_str(&r->c, o, p, "repo", false, &out->repo);
    if (rc < 0)
        return rc;
    tsnu_jpath tp = AT(p, "type");
    if (!in(out->type, types))
        return tsnr_bad(&r->c, &tp, tsnu_json_get(o, "type"),
                        "unknown range type '%s'", out->type);
    bool git = strcmp(out->type, "GIT") == 0;
    if (git && !out->repo)
        return tsnr_bad(&r->c, p, o, "a GIT range needs a repo");
    const tsnu_json *ev;
    if ((rc = tsnr_member(&r->c, o, p, "events", TSNU_JSON_ARRAY, &ev)) < 0)
        return rc;
    if (!ev || ev->len == 0)
        return tsnr_bad(&r->c, p, o, "range without events");
    if (ev->len > TSN_LIMIT_RANGE_TERMS)
        return tsn_error_set(TSN_ETOOBIG,
                             "%s: a range of %zu events exceeds the limit "
                             "of %d",
                             r->c.name, ev->len, TSN_LIMIT_RANGE_TERMS);
    tsn_adv_event *evs = tsnu_arena_calloc(&r->a->arena, ev->len, sizeof *evs);
    if (!evs)
        return tsn_error_oom();
    tsnu_jpath ep = AT(p, "events");
    bool intro = false, fixed = false, last = false;
    for (size_t i = 0; i < ev->len; i++) {
        const tsnu_json *e = &ev->u.items[i];
        tsnu_jpath ip = IDX(&ep, i);
        if (e->type != TSNU_JSON_OBJECT || e->len != 1)
            return tsnr_bad(&r->c, &ip, e,
                            "an event is an object with one member");
        const tsnu_json_member *m = &e->u.members[0];
        int k = -1;
        for (int j = 0; j < 4; j++)
            if (tsnu_streq(m->key, evnames[j]))
                k = j;
        tsnu_jpath mp = AT(&ip, m->key);
        if (k < 0)
            return tsnr_bad(&r->c, &mp, &m->value, "unknown event '%s'",
                            m->key);
        if (m->value.type != TSNU_JSON_STRING || !*m->value.u.str)
            return tsnr_bad(&r->c, &mp, &m->value, "expected a version string");
        /* GIT ranges are not evaluated against package versions: a short
         * or decorated hash ("....patch") is kept and noted */
        if (git && !git_hash(m->value.u.str) &&
            (rc = tsnr_warn(&r->c, &mp, &m->value,
                            "'%s' is not a full-length commit hash",
                            m->value.u.str)) < 0)
            return rc;
        evs[i] = (tsn_adv_event){(tsn_adv_event_kind)k, m->value.u.str};
        intro |= k == TSN_EV_INTRODUCED;
        fixed |= k == TSN_EV_FIXED;
        last |= k == TSN_EV_LAST_AFFECTED;
    }
    if (!intro)
        return tsnr_bad(&r->c, &ep, ev, "range without an introduced event");
    if (fixed && last)
        return tsnr_bad(&r->c, &ep, ev,
                        "fixed and last_affected events in one range");
    out->events = evs;
    out->nevents = ev->len;
    return 0;
}

static int read_affected(struct rd *r,
                         const tsnu_json *o,
                         const tsnu_jpath *p,
                         tsn_adv_affected *out)
{
    if (o->type != TSNU_JSON_OBJECT)
        return tsnr_bad(&r->c, p, o, "expected object, got %s",
                        tsnu_json_type_name(o->type));
    const tsnu_json *pkg, *rg;
    int rc = tsnr_member(&r->c, o, p, "package", TSNU_JSON_OBJECT, &pkg);
    if (rc < 0)
        return rc;
    if (pkg) {
        tsnu_jpath pp = AT(p, "package");
        if ((rc = tsnr_str(&r->c, pkg, &pp, "ecosystem", true,
                           &out->ecosystem)) < 0 ||
            (rc = tsnr_str(&r->c, pkg, &pp, "name", true, &out->name)) < 0 ||
            (rc = tsnr_str(&r->c, pkg, &pp, "purl", false, &out->purl)) < 0)
            return rc;
        tsnu_jpath ecp = AT(&pp, "ecosystem");
        if (tsn_vscheme_for_ecosystem(out->ecosystem) == TSN_VS_UNKNOWN &&
            strcmp(out->ecosystem, "GIT") != 0)
            return tsnr_bad(&r->c, &ecp, tsnu_json_get(pkg, "ecosystem"),
                            "unknown ecosystem '%s'", out->ecosystem);
        if (out->purl) {
            tsn_purl *pu = NULL;
            int prc = tsn_purl_parse(&pu, out->purl, 0);
            tsn_purl_free(pu);
            if (prc == TSN_ENOMEM)
                return prc;
            if (prc < 0) {
                tsnu_jpath up = AT(&pp, "purl");
                return tsnr_bad(&r->c, &up, tsnu_json_get(pkg, "purl"), "%s",
                                tsn_error_last()->message);
            }
        }
    }
    if ((rc = tsnr_member(&r->c, o, p, "ranges", TSNU_JSON_ARRAY, &rg)) < 0)
        return rc;
    if (rg && rg->len) {
        tsn_adv_range *rs =
            tsnu_arena_calloc(&r->a->arena, rg->len, sizeof *rs);
        if (!rs)
            return tsn_error_oom();
        tsnu_jpath rp = AT(p, "ranges");
        for (size_t i = 0; i < rg->len; i++) {
            tsnu_jpath ip = IDX(&rp, i);
            if ((rc = read_range(r, &rg->u.items[i], &ip, &rs[i])) < 0)
                return rc;
            if (!pkg && strcmp(rs[i].type, "GIT") != 0)
                return tsnr_bad(&r->c, &ip, &rg->u.items[i],
                                "a %s range needs a package", rs[i].type);
        }
        out->ranges = rs;
        out->nranges = rg->len;
    }
    if ((rc = tsnr_strings(&r->c, o, p, "versions", false, &out->versions,
                           &out->nversions)) < 0)
        return rc;
    if (out->nversions && !pkg)
        return tsnr_bad(&r->c, p, o, "versions without a package");
    return 0;
}

/* An array of objects with a "type" from @p types and a required string
 * @p vkey (severities, references), into an arena array of @p elem-byte
 * structs holding the two strings at @p toff and @p voff. */
static int typed_list(struct rd *r,
                      const tsnu_json *obj,
                      const tsnu_jpath *p,
                      const char *key,
                      const char *vkey,
                      const char *const *types,
                      const char *what,
                      size_t elem,
                      size_t toff,
                      size_t voff,
                      void **out,
                      size_t *n)
{
    const tsnu_json *v;
    int rc = tsnr_member(&r->c, obj, p, key, TSNU_JSON_ARRAY, &v);
    *out = NULL;
    *n = 0;
    if (rc < 0 || !v || v->len == 0)
        return rc;
    char *arr = tsnu_arena_calloc(&r->a->arena, v->len, elem);
    if (!arr)
        return tsn_error_oom();
    tsnu_jpath lp = AT(p, key);
    for (size_t i = 0; i < v->len; i++) {
        const tsnu_json *it = &v->u.items[i];
        tsnu_jpath ip = IDX(&lp, i);
        const char *type, *val;
        if (it->type != TSNU_JSON_OBJECT)
            return tsnr_bad(&r->c, &ip, it, "expected object");
        if ((rc = tsnr_str(&r->c, it, &ip, "type", true, &type)) < 0 ||
            (rc = tsnr_str(&r->c, it, &ip, vkey, true, &val)) < 0)
            return rc;
        if (!in(type, types)) {
            tsnu_jpath tp = AT(&ip, "type");
            return tsnr_bad(&r->c, &tp, tsnu_json_get(it, "type"),
                            "unknown %s type '%s'", what, type);
        }
        memcpy(arr + i * elem + toff, &type, sizeof type);
        memcpy(arr + i * elem + voff, &val, sizeof val);
    }
    *out = arr;
    *n = v->len;
    return 0;
}

static int read_record(struct rd *r, const tsnu_json *root)
{
    static const char *const sevtypes[] = {"CVSS_V2", "CVSS_V3", "CVSS_V4",
                                           "Ubuntu", NULL};
    static const char *const reftypes[] = {
        "ADVISORY",   "ARTICLE", "DETECTION", "DISCUSSION", "REPORT", "FIX",
        "INTRODUCED", "GIT",     "PACKAGE",   "EVIDENCE",   "WEB",    NULL};
    tsn_advisory *a = &r->a->pub;
    const tsnu_jpath *top = NULL; /* the root */
    if (root->type != TSNU_JSON_OBJECT)
        return tsnr_bad(&r->c, top, root, "an OSV record is a JSON object");
    int rc;
    if ((rc = tsnr_str(&r->c, root, top, "id", true, &a->id)) < 0)
        return rc;
    if (!tsnr_id_ok(a->id)) {
        tsnu_jpath ip = AT(top, "id");
        return tsnr_bad(&r->c, &ip, tsnu_json_get(root, "id"),
                        "'%s' is not an advisory id", a->id);
    }
    if ((rc = tsnr_str(&r->c, root, top, "schema_version", false,
                       &a->schema_version)) < 0 ||
        (rc = tsnr_time(&r->c, root, top, "modified", true, &a->modified)) <
            0 ||
        (rc = tsnr_time(&r->c, root, top, "published", false, &a->published)) <
            0 ||
        (rc = tsnr_time(&r->c, root, top, "withdrawn", false, &a->withdrawn)) <
            0 ||
        (rc = tsnr_str(&r->c, root, top, "summary", false, &a->summary)) < 0 ||
        (rc = tsnr_str(&r->c, root, top, "details", false, &a->details)) < 0 ||
        (rc = tsnr_strings(&r->c, root, top, "aliases", true, &a->aliases,
                           &a->naliases)) < 0 ||
        (rc = tsnr_strings(&r->c, root, top, "related", true, &a->related,
                           &a->nrelated)) < 0)
        return rc;

    const tsnu_json *v;
    void *list;
    if ((rc = typed_list(
             r, root, top, "severity", "score", sevtypes, "severity",
             sizeof(tsn_adv_severity), offsetof(tsn_adv_severity, type),
             offsetof(tsn_adv_severity, score), &list, &a->nseverity)) < 0)
        return rc;
    a->severity = list;

    if ((rc = tsnr_member(&r->c, root, top, "affected", TSNU_JSON_ARRAY, &v)) <
        0)
        return rc;
    if (v && v->len) {
        tsn_adv_affected *af =
            tsnu_arena_calloc(&r->a->arena, v->len, sizeof *af);
        if (!af)
            return tsn_error_oom();
        tsnu_jpath ap = AT(top, "affected");
        for (size_t i = 0; i < v->len; i++) {
            tsnu_jpath ip = IDX(&ap, i);
            if ((rc = read_affected(r, &v->u.items[i], &ip, &af[i])) < 0)
                return rc;
        }
        a->affected = af;
        a->naffected = v->len;
    }

    if ((rc = typed_list(r, root, top, "references", "url", reftypes,
                         "reference", sizeof(tsn_adv_ref),
                         offsetof(tsn_adv_ref, type),
                         offsetof(tsn_adv_ref, url), &list, &a->nrefs)) < 0)
        return rc;
    a->refs = list;

    /* CWE ids: GitHub's database_specific.cwe_ids */
    const tsnu_json *ds = tsnu_json_get(root, "database_specific");
    const tsnu_json *cw = ds ? tsnu_json_get(ds, "cwe_ids") : NULL;
    if (cw && cw->type == TSNU_JSON_ARRAY && cw->len) {
        const char **c = tsnu_arena_calloc(&r->a->arena, cw->len, sizeof *c);
        if (!c)
            return tsn_error_oom();
        size_t n = 0;
        for (size_t i = 0; i < cw->len; i++)
            if (cw->u.items[i].type == TSNU_JSON_STRING)
                c[n++] = cw->u.items[i].u.str;
        a->cwes = c;
        a->ncwes = n;
    }
    return 0;
}

/* A record, the members @p skip names left unparsed (or none). */
static int osv_read(tsn_advisory **out,
                    const char *text,
                    size_t len,
                    const char *name,
                    const char *const *skip)
{
    *out = NULL;
    tsnr_adv *a = tsnr_adv_new("osv", NULL);
    if (!a)
        return tsn_error_oom();
    tsnu_json *root;
    struct rd r = {TSNR_INIT(&a->arena, name ? name : "<record>"), a};
    int rc = tsnr_parse_skipping(&root, &a->arena, text, len, r.c.name, skip);
    if (rc == 0)
        rc = read_record(&r, root);
    if (rc == 0)
        rc = tsnr_warnings(&r.c, &a->pub.warnings, &a->pub.nwarnings);
    tsnu_vec_dispose(&r.c.warnings);
    if (rc < 0) {
        tsn_advisory_free(&a->pub);
        return rc;
    }
    *out = &a->pub;
    return 0;
}

int tsn_osv_read(tsn_advisory **out,
                 const char *text,
                 size_t len,
                 const char *name)
{
    return osv_read(out, text, len, name, NULL);
}

int tsnr_osv_read_matching(tsn_advisory **out,
                           const char *text,
                           size_t len,
                           const char *name)
{
    /* in the shared Go and PyPI records, a third of the strings and
     * keys and most of the bytes: references alone are a fifth of the
     * strings */
    static const char *const unread[] = {
        "details",           "references",         "credits",
        "database_specific", "ecosystem_specific", NULL};
    return osv_read(out, text, len, name, unread);
}
