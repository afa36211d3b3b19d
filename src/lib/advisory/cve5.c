/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CVE JSON 5 reader: one CVE_RECORD (5.0 to 5.2, as cvelistV5 holds them)
 * into the advisory model. The CNA's container gives the text, products,
 * references, metrics and CWEs; each ADP container (CISA's Vulnrichment,
 * ...) adds its metrics, CWEs and products.
 */
#include "lib/lib.h"

#include "lib/advisory/rd.h"
#include "tsunagi/advisory.h"
#include "tsunagi/limits.h"
#include "util/json.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define AT TSNR_AT
#define IDX TSNR_IDX

struct rd {
    tsnr c;
    tsn_advisory *a;
    /* gathered over the CNA's and the ADPs' containers */
    tsnu_vec sev, cwes, affected;
};

/* The OSV ecosystem of a package registry, from a collectionURL. */
static const char *ecosystem_of(const char *url)
{
    static const struct {
        const char *host, *eco;
    } map[] = {
        {"pypi.org", "PyPI"},
        {"pypi.python.org", "PyPI"},
        {"registry.npmjs.org", "npm"},
        {"www.npmjs.com", "npm"},
        {"npmjs.com", "npm"},
        {"repo.maven.apache.org", "Maven"},
        {"repo1.maven.org", "Maven"},
        {"search.maven.org", "Maven"},
        {"crates.io", "crates.io"},
        {"pkg.go.dev", "Go"},
        {"proxy.golang.org", "Go"},
        {"rubygems.org", "RubyGems"},
        {"packagist.org", "Packagist"},
        {"www.nuget.org", "NuGet"},
        {"nuget.org", "NuGet"},
        {"api.nuget.org", "NuGet"},
        {"hex.pm", "Hex"},
        {"pub.dev", "Pub"},
    };
    const char *h = strstr(url, "://");
    h = h ? h + 3 : url;
    size_t n = strcspn(h, "/:?#");
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strlen(map[i].host) == n && strncasecmp(h, map[i].host, n) == 0)
            return map[i].eco;
    return NULL;
}

/* "*", "unspecified", "n/a": no version at all. */
static bool no_version(const char *v)
{
    return strcmp(v, "*") == 0 || strcasecmp(v, "unspecified") == 0 ||
           strcasecmp(v, "n/a") == 0 || strcmp(v, "-") == 0;
}

/* A constraint list as GitHub's CNA writes it in "version": ">= 2.3.0,
 * < 2.31.0", "< 1.4", "= 1.2.3", "<= 2.0". Gives the events of one range
 * (introduced "0" unless a lower bound is given), or one exact version in
 * *@p exact; false when the text is not such a list (or says "> V", which
 * no event expresses). */
static bool constraints(tsnu_arena *arena,
                        const char *v,
                        tsn_adv_event *ev,
                        size_t *ne,
                        const char **exact)
{
    const char *lo = NULL, *hi = NULL;
    tsn_adv_event_kind hk = TSN_EV_FIXED;
    *exact = NULL;
    while (*v) {
        while (*v == ' ')
            v++;
        const char *op = v;
        while (*v == '<' || *v == '>' || *v == '=')
            v++;
        size_t ol = (size_t)(v - op);
        while (*v == ' ')
            v++;
        size_t vl = strcspn(v, ", ");
        if (ol == 0 || vl == 0)
            return false;
        char *ver = tsnu_arena_strndup(arena, v, vl);
        if (!ver)
            return false;
        v += vl;
        while (*v == ' ')
            v++;
        if (*v == ',')
            v++;
        if (ol == 2 && op[0] == '>' && op[1] == '=' && !lo)
            lo = ver;
        else if (ol == 1 && op[0] == '<' && !hi)
            hi = ver;
        else if (ol == 2 && op[0] == '<' && op[1] == '=' && !hi) {
            hi = ver;
            hk = TSN_EV_LAST_AFFECTED;
        } else if (ol == 1 && op[0] == '=' && !*exact)
            *exact = ver;
        else
            return false;
    }
    if (*exact)
        return !lo && !hi;
    if (!lo && !hi)
        return false;
    *ne = 0;
    ev[(*ne)++] = (tsn_adv_event){TSN_EV_INTRODUCED, lo ? lo : "0"};
    if (hi)
        ev[(*ne)++] = (tsn_adv_event){hk, hi};
    return true;
}

/* versions[] of one product: affected ranges (version, lessThan or
 * lessThanOrEqual) into ranges, single affected versions into versions. */
static int read_versions(struct rd *r,
                         const tsnu_json *o,
                         const tsnu_jpath *p,
                         tsn_adv_affected *af,
                         const char *dflt)
{
    const tsnu_json *vs;
    size_t n;
    int rc = tsnr_items(&r->c, o, p, "versions", false, &vs, &n);
    if (rc < 0 || n == 0)
        return rc;
    if (n > TSN_LIMIT_RANGE_TERMS)
        return tsn_error_set(TSN_ETOOBIG,
                             "%s: %zu versions of one product exceed the "
                             "limit of %d",
                             r->c.name, n, TSN_LIMIT_RANGE_TERMS);
    tsn_adv_range *rs = tsnu_arena_calloc(r->c.arena, n, sizeof *rs);
    const char **ver = tsnu_arena_calloc(r->c.arena, n + 1, sizeof *ver);
    if (!rs || !ver)
        return tsn_error_oom();
    size_t nr = 0, nv = 0;
    bool unaffected = false;
    tsnu_jpath lp = AT(p, "versions");
    for (size_t i = 0; i < n; i++) {
        tsnu_jpath ip = IDX(&lp, i);
        const char *v, *status, *type, *lt, *le;
        if ((rc = tsnr_object(&r->c, &vs[i], &ip)) < 0 ||
            (rc = tsnr_str(&r->c, &vs[i], &ip, "version", true, &v)) < 0 ||
            (rc = tsnr_str(&r->c, &vs[i], &ip, "status", true, &status)) < 0 ||
            (rc = tsnr_str(&r->c, &vs[i], &ip, "versionType", false, &type)) <
                0 ||
            (rc = tsnr_str(&r->c, &vs[i], &ip, "lessThan", false, &lt)) < 0 ||
            (rc = tsnr_str(&r->c, &vs[i], &ip, "lessThanOrEqual", false, &le)) <
                0)
            return rc;
        tsnu_jpath sp = AT(&ip, "status");
        if (strcmp(status, "affected") != 0 &&
            strcmp(status, "unaffected") != 0 && strcmp(status, "unknown") != 0)
            return tsnr_bad(&r->c, &sp, tsnu_json_get(&vs[i], "status"),
                            "status '%s' is not affected, unaffected or "
                            "unknown",
                            status);
        if (lt && le)
            return tsnr_bad(&r->c, &ip, &vs[i],
                            "both lessThan and lessThanOrEqual");
        if ((lt || le) && !type)
            return tsnr_bad(&r->c, &ip, &vs[i],
                            "a range (lessThan, lessThanOrEqual) needs a "
                            "versionType");
        if (strcmp(status, "affected") != 0) {
            unaffected |= strcmp(status, "unaffected") == 0;
            continue;
        }
        tsn_adv_event *ev = tsnu_arena_calloc(r->c.arena, 2, sizeof *ev);
        if (!ev)
            return tsn_error_oom();
        size_t ne = 0;
        if (!lt && !le && strchr("<>=", v[0])) {
            const char *exact;
            tsnu_jpath vp = AT(&ip, "version");
            if (!constraints(r->c.arena, v, ev, &ne, &exact)) {
                if ((rc =
                         tsnr_warn(&r->c, &vp, tsnu_json_get(&vs[i], "version"),
                                   "'%s' is not a constraint list read "
                                   "here; left out",
                                   v)) < 0)
                    return rc;
            } else if (exact) {
                ver[nv++] = exact;
            } else {
                rs[nr++] = (tsn_adv_range){.type = "ECOSYSTEM",
                                           .scheme = type,
                                           .events = ev,
                                           .nevents = ne};
            }
            continue;
        }
        if (!lt && !le) {
            if (!no_version(v))
                ver[nv++] = v;
            continue;
        }
        ev[ne++] = (tsn_adv_event){TSN_EV_INTRODUCED, no_version(v) ? "0" : v};
        const char *end = lt ? lt : le;
        if (!no_version(end))
            ev[ne++] =
                (tsn_adv_event){lt ? TSN_EV_FIXED : TSN_EV_LAST_AFFECTED, end};
        bool semver = strcasecmp(type, "semver") == 0;
        bool git = strcasecmp(type, "git") == 0;
        rs[nr++] = (tsn_adv_range){
            .type = semver ? "SEMVER"
                    : git  ? "GIT"
                           : "ECOSYSTEM",
            .repo = git ? tsnu_json_get_str(o, "repo") : NULL,
            .scheme = type,
            .events = ev,
            .nevents = ne,
        };
    }
    /* "affected by default, except ..." cannot be told as ranges of
     * affected versions: said, not guessed */
    if (unaffected && dflt && strcmp(dflt, "affected") == 0 &&
        (rc = tsnr_warn(&r->c, &lp, tsnu_json_get(o, "versions"),
                        "unaffected versions under defaultStatus "
                        "'affected' are not turned into ranges")) < 0)
        return rc;
    af->ranges = nr ? rs : NULL;
    af->nranges = nr;
    af->versions = nv ? ver : NULL;
    af->nversions = nv;
    return 0;
}

static int read_affected(struct rd *r, const tsnu_json *c, const tsnu_jpath *p)
{
    const tsnu_json *as;
    size_t n;
    int rc = tsnr_items(&r->c, c, p, "affected", false, &as, &n);
    tsnu_jpath lp = AT(p, "affected");
    for (size_t i = 0; rc == 0 && i < n; i++) {
        tsnu_jpath ip = IDX(&lp, i);
        tsn_adv_affected af = {0};
        const char *coll, *pkg, *dflt;
        if ((rc = tsnr_object(&r->c, &as[i], &ip)) < 0 ||
            (rc = tsnr_str(&r->c, &as[i], &ip, "vendor", false, &af.vendor)) <
                0 ||
            (rc = tsnr_str(&r->c, &as[i], &ip, "product", false, &af.product)) <
                0 ||
            (rc = tsnr_str(&r->c, &as[i], &ip, "collectionURL", false, &coll)) <
                0 ||
            (rc = tsnr_str(&r->c, &as[i], &ip, "packageName", false, &pkg)) <
                0 ||
            (rc = tsnr_str(&r->c, &as[i], &ip, "defaultStatus", false, &dflt)) <
                0 ||
            (rc = tsnr_strings(&r->c, &as[i], &ip, "cpes", false, &af.cpes,
                               &af.ncpes)) < 0)
            break;
        if (!(af.vendor && af.product) && !(coll && pkg)) {
            rc = tsnr_bad(&r->c, &ip, &as[i],
                          "a product needs vendor and product, or "
                          "collectionURL and packageName");
            break;
        }
        /* a CPE that is not one is dropped with a warning; the product
         * stays */
        const char **cp =
            tsnu_arena_calloc(r->c.arena, af.ncpes + 1, sizeof *cp);
        if (!cp) {
            rc = tsn_error_oom();
            break;
        }
        size_t k = 0;
        tsnu_jpath cpp = AT(&ip, "cpes");
        for (size_t j = 0; rc == 0 && j < af.ncpes; j++) {
            if (strncmp(af.cpes[j], "cpe:2.3:", 8) == 0)
                cp[k++] = af.cpes[j];
            else {
                tsnu_jpath jp = IDX(&cpp, j);
                rc = tsnr_warn(
                    &r->c, &jp, &tsnu_json_get(&as[i], "cpes")->u.items[j],
                    "'%s' is not a CPE 2.3 name; left out", af.cpes[j]);
            }
        }
        af.cpes = k ? cp : NULL;
        af.ncpes = k;
        if (coll && pkg && (af.ecosystem = ecosystem_of(coll)))
            af.name = pkg;
        if (rc == 0)
            rc = read_versions(r, &as[i], &ip, &af, dflt);
        if (rc == 0)
            rc = tsnu_vec_push(&r->affected, &af);
    }
    return rc;
}

/* metrics[].cvssV4_0 / V3_1 / V3_0 / V2_0 scored by @p by. */
static int read_metrics(struct rd *r,
                        const tsnu_json *c,
                        const tsnu_jpath *p,
                        const char *by)
{
    static const struct {
        const char *key, *type, *prefix;
    } kinds[] = {
        {"cvssV4_0", "CVSS_V4", "CVSS:4.0/"},
        {"cvssV3_1", "CVSS_V3", "CVSS:3.1/"},
        {"cvssV3_0", "CVSS_V3", "CVSS:3.0/"},
        {"cvssV2_0", "CVSS_V2", ""},
    };
    const tsnu_json *ms;
    size_t n;
    int rc = tsnr_items(&r->c, c, p, "metrics", false, &ms, &n);
    tsnu_jpath lp = AT(p, "metrics");
    for (size_t i = 0; rc == 0 && i < n; i++) {
        tsnu_jpath ip = IDX(&lp, i);
        if ((rc = tsnr_object(&r->c, &ms[i], &ip)) < 0)
            break;
        for (size_t k = 0; rc == 0 && k < 4; k++) {
            const tsnu_json *m;
            const char *vec;
            if ((rc = tsnr_member(&r->c, &ms[i], &ip, kinds[k].key,
                                  TSNU_JSON_OBJECT, &m)) < 0 ||
                !m)
                continue;
            tsnu_jpath kp = AT(&ip, kinds[k].key);
            if ((rc = tsnr_str(&r->c, m, &kp, "vectorString", true, &vec)) < 0)
                break;
            size_t pl = strlen(kinds[k].prefix);
            if (strncmp(vec, kinds[k].prefix, pl) != 0 ||
                (pl == 0 && strncmp(vec, "CVSS:", 5) == 0 &&
                 strncmp(vec, "CVSS:2.0/", 9) != 0)) {
                tsnu_jpath vp = AT(&kp, "vectorString");
                rc = tsnr_bad(&r->c, &vp, tsnu_json_get(m, "vectorString"),
                              "'%s' is not a vector of %s", vec, kinds[k].key);
                break;
            }
            tsn_adv_severity s = {kinds[k].type, vec, by};
            rc = tsnu_vec_push(&r->sev, &s);
        }
    }
    return rc;
}

/* problemTypes[].descriptions[].cweId, once each. */
static int read_cwes(struct rd *r, const tsnu_json *c, const tsnu_jpath *p)
{
    const tsnu_json *ps;
    size_t n;
    int rc = tsnr_items(&r->c, c, p, "problemTypes", false, &ps, &n);
    tsnu_jpath lp = AT(p, "problemTypes");
    for (size_t i = 0; rc == 0 && i < n; i++) {
        tsnu_jpath ip = IDX(&lp, i);
        const tsnu_json *ds;
        size_t nd;
        if ((rc = tsnr_object(&r->c, &ps[i], &ip)) < 0 ||
            (rc = tsnr_items(&r->c, &ps[i], &ip, "descriptions", false, &ds,
                             &nd)) < 0)
            break;
        tsnu_jpath dp = AT(&ip, "descriptions");
        for (size_t j = 0; rc == 0 && j < nd; j++) {
            tsnu_jpath jp = IDX(&dp, j);
            const char *cwe;
            if ((rc = tsnr_object(&r->c, &ds[j], &jp)) < 0 ||
                (rc = tsnr_str(&r->c, &ds[j], &jp, "cweId", false, &cwe)) < 0 ||
                !cwe)
                continue;
            if (!tsnr_cwe_ok(cwe)) {
                tsnu_jpath cp = AT(&jp, "cweId");
                rc = tsnr_bad(&r->c, &cp, tsnu_json_get(&ds[j], "cweId"),
                              "'%s' is not a CWE id (CWE-N)", cwe);
                break;
            }
            bool seen = false;
            for (size_t k = 0; k < r->cwes.len; k++)
                seen |= strcmp(((const char **)r->cwes.ptr)[k], cwe) == 0;
            if (!seen)
                rc = tsnu_vec_push(&r->cwes, &cwe);
        }
    }
    return rc;
}

/* A container's provider, for the severities it scores. */
static const char *provider(const tsnu_json *c)
{
    const tsnu_json *pm = tsnu_json_get(c, "providerMetadata");
    const char *s = tsnu_json_get_str(pm, "shortName");
    return s ? s : tsnu_json_get_str(pm, "orgId");
}

static int read_record(struct rd *r, const tsnu_json *root)
{
    tsn_advisory *a = r->a;
    const tsnu_jpath *top = NULL;
    const char *type, *ver, *state, *updated, *rejected, *reserved;
    const tsnu_json *meta, *cont, *cna;
    if (root->type != TSNU_JSON_OBJECT)
        return tsnr_bad(&r->c, top, root, "a CVE record is a JSON object");
    int rc;
    if ((rc = tsnr_str(&r->c, root, top, "dataType", true, &type)) < 0 ||
        (rc = tsnr_str(&r->c, root, top, "dataVersion", true, &ver)) < 0)
        return rc;
    if (strcmp(type, "CVE_RECORD") != 0) {
        tsnu_jpath tp = AT(top, "dataType");
        return tsnr_bad(&r->c, &tp, tsnu_json_get(root, "dataType"),
                        "dataType '%s' is not CVE_RECORD", type);
    }
    if (strncmp(ver, "5.", 2) != 0) {
        tsnu_jpath vp = AT(top, "dataVersion");
        return tsnr_bad(&r->c, &vp, tsnu_json_get(root, "dataVersion"),
                        "dataVersion '%s' is not 5.x", ver);
    }
    a->schema_version = ver;
    if ((rc = tsnr_member(&r->c, root, top, "cveMetadata", TSNU_JSON_OBJECT,
                          &meta)) < 0 ||
        (rc = tsnr_member(&r->c, root, top, "containers", TSNU_JSON_OBJECT,
                          &cont)) < 0)
        return rc;
    if (!meta || !cont)
        return tsnr_bad(&r->c, top, root,
                        "'cveMetadata' and 'containers' are required");
    tsnu_jpath mp = AT(top, "cveMetadata"), cp = AT(top, "containers");
    if ((rc = tsnr_str(&r->c, meta, &mp, "cveId", true, &a->id)) < 0 ||
        (rc = tsnr_str(&r->c, meta, &mp, "state", true, &state)) < 0 ||
        (rc = tsnr_utc(&r->c, meta, &mp, "datePublished", false,
                       &a->published)) < 0 ||
        (rc = tsnr_utc(&r->c, meta, &mp, "dateUpdated", false, &updated)) < 0 ||
        (rc = tsnr_utc(&r->c, meta, &mp, "dateRejected", false, &rejected)) <
            0 ||
        (rc = tsnr_utc(&r->c, meta, &mp, "dateReserved", false, &reserved)) < 0)
        return rc;
    if (!tsnr_cve_ok(a->id, strlen(a->id))) {
        tsnu_jpath ip = AT(&mp, "cveId");
        return tsnr_bad(&r->c, &ip, tsnu_json_get(meta, "cveId"),
                        "'%s' is not a CVE id (CVE-YYYY-NNNN)", a->id);
    }
    bool rej = strcmp(state, "REJECTED") == 0;
    if (!rej && strcmp(state, "PUBLISHED") != 0) {
        tsnu_jpath sp = AT(&mp, "state");
        return tsnr_bad(&r->c, &sp, tsnu_json_get(meta, "state"),
                        "state '%s' is neither PUBLISHED nor REJECTED", state);
    }
    a->modified = updated        ? updated
                  : rejected     ? rejected
                  : a->published ? a->published
                                 : reserved;
    if (!a->modified)
        return tsnr_bad(&r->c, &mp, meta,
                        "no date (dateUpdated, datePublished, ...) to date "
                        "the record by");
    if (rej)
        a->withdrawn = rejected ? rejected : a->modified;

    if ((rc = tsnr_member(&r->c, cont, &cp, "cna", TSNU_JSON_OBJECT, &cna)) < 0)
        return rc;
    if (!cna)
        return tsnr_bad(&r->c, &cp, cont, "'cna' is required");
    tsnu_jpath np = AT(&cp, "cna");
    const tsnu_json *ds;
    size_t nd;
    if ((rc = tsnr_str(&r->c, cna, &np, "title", false, &a->summary)) < 0 ||
        (rc = tsnr_items(&r->c, cna, &np, "descriptions", false, &ds, &nd)) < 0)
        return rc;
    if (nd == 0 && !rej)
        return tsnr_bad(&r->c, &np, cna,
                        "a published record needs "
                        "descriptions");
    tsnu_jpath dp = AT(&np, "descriptions");
    if ((rc = tsnr_langs(&r->c, tsnu_json_get(cna, "descriptions"), &dp,
                         "value", &a->details, &a->texts, &a->ntexts)) < 0)
        return rc;
    const char *cna_by = provider(cna);
    if ((rc = read_affected(r, cna, &np)) < 0 ||
        (rc = read_metrics(r, cna, &np, cna_by)) < 0 ||
        (rc = read_cwes(r, cna, &np)) < 0 ||
        (rc = tsnr_refs(&r->c, cna, &np, "references", &a->refs, &a->nrefs)) <
            0)
        return rc;

    const tsnu_json *adp;
    size_t na;
    if ((rc = tsnr_items(&r->c, cont, &cp, "adp", false, &adp, &na)) < 0)
        return rc;
    tsnu_jpath ap = AT(&cp, "adp");
    for (size_t i = 0; i < na; i++) {
        tsnu_jpath ip = IDX(&ap, i);
        if ((rc = tsnr_object(&r->c, &adp[i], &ip)) < 0 ||
            (rc = read_affected(r, &adp[i], &ip)) < 0 ||
            (rc = read_metrics(r, &adp[i], &ip, provider(&adp[i]))) < 0 ||
            (rc = read_cwes(r, &adp[i], &ip)) < 0)
            return rc;
    }
    if ((rc = tsnr_list(&r->c, &r->sev, &a->severity, &a->nseverity)) < 0 ||
        (rc = tsnr_list(&r->c, &r->cwes, &a->cwes, &a->ncwes)) < 0 ||
        (rc = tsnr_list(&r->c, &r->affected, &a->affected, &a->naffected)) < 0)
        return rc;
    return tsnr_warnings(&r->c, &a->warnings, &a->nwarnings);
}

int tsn_cve5_read(tsn_advisory **out,
                  const char *text,
                  size_t len,
                  const char *name)
{
    *out = NULL;
    tsnr_adv *a = tsnr_adv_new("cve", NULL);
    if (!a)
        return tsn_error_oom();
    struct rd r = {
        .c = TSNR_INIT(&a->arena, name ? name : "<record>"),
        .a = &a->pub,
        .sev = TSNU_VEC_INIT(tsn_adv_severity, 4096),
        .cwes = TSNU_VEC_INIT(const char *, 4096),
        .affected = TSNU_VEC_INIT(tsn_adv_affected, 65536),
    };
    tsnu_json *root;
    int rc = tsnr_parse(&root, &a->arena, text, len, r.c.name);
    if (rc == 0)
        rc = read_record(&r, root);
    tsnu_vec_dispose(&r.c.warnings);
    tsnu_vec_dispose(&r.sev);
    tsnu_vec_dispose(&r.cwes);
    tsnu_vec_dispose(&r.affected);
    if (rc < 0) {
        tsn_advisory_free(&a->pub);
        return rc;
    }
    *out = &a->pub;
    return 0;
}
