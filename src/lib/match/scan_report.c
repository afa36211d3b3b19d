/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A scan for other tools: SARIF 2.1.0 (code-scanning dashboards), CSV
 * (spreadsheets) and a CycloneDX 1.6 VDR (the BOM with its
 * vulnerabilities). The JSON form is scan_json.c.
 */
#include "lib/advisory/rd.h"
#include "lib/lib.h"
#include "lib/sbom/cdx.h"
#include "lib/vex/vex_int.h"
#include "tsunagi/limits.h"
#include "tsunagi/scan.h"
#include "util/json.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* How a component is named for people: its purl, else NAME@VERSION. */
static int component_name(const tsn_sbom_component *c, tsn_buf *b)
{
    if (c->purl)
        return tsn_buf_puts(b, c->purl);
    return tsn_buf_printf(b, "%s%s%s",
                          c->name  ? c->name
                          : c->ref ? c->ref
                                   : "?",
                          c->version ? "@" : "", c->version ? c->version : "");
}

static const char *lower_rating(const tsn_finding *f)
{
    static const char *const names[] = {"none", "low", "medium", "high",
                                        "critical"};
    return f->has_severity && (unsigned)f->severity < 5 ? names[f->severity]
                                                        : NULL;
}

/* ---- SARIF -------------------------------------------------------------- */

static const char *sarif_level(const tsn_finding *f)
{
    if (!f->has_severity)
        return "warning";
    switch (f->severity) {
    case TSN_CVSS_CRITICAL:
    case TSN_CVSS_HIGH:
        return "error";
    case TSN_CVSS_MEDIUM:
        return "warning";
    default:
        return "note";
    }
}

/* A file name as a relative URI reference: every byte outside RFC 3986's
 * unreserved characters and '/' percent-encoded. */
static int uri_ref(const char *path, tsn_buf *b)
{
    return tsnu_pct_encode(b, path, "/");
}

/* The first finding of each vulnerability, over every target: the
 * rules, in the order they first appear. */
struct rules {
    tsnu_map index; /* id -> rule number */
    tsnu_vec first; /* const tsn_finding *, one per rule */
};

static int rules_collect(struct rules *r, const tsn_scan_target *t, size_t n)
{
    for (size_t k = 0; k < n; k++)
        for (size_t i = 0; i < t[k].scan->nfindings; i++) {
            const tsn_finding *f = &t[k].scan->findings[i];
            size_t at;
            if (tsnu_map_get(&r->index, f->id, &at))
                continue;
            int rc = tsnu_map_put(&r->index, f->id, r->first.len);
            if (rc == 0)
                rc = tsnu_vec_push(&r->first, &f);
            if (rc < 0)
                return rc;
        }
    return 0;
}

static void sarif_rule(tsnu_jw *w, const tsn_finding *f)
{
    tsn_buf u = TSN_BUF_INIT(4096);
    tsnu_jw_object(w);
    tsnu_jw_kstr(w, "id", f->id);
    tsnu_jw_key(w, "shortDescription");
    tsnu_jw_object(w);
    tsnu_jw_kstr(w, "text", f->summary && *f->summary ? f->summary : f->id);
    tsnu_jw_end(w);
    if (tsnr_id_home(f->id, &u) && u.len)
        tsnu_jw_kstr(w, "helpUri", tsn_buf_cstr(&u));
    tsnu_jw_key(w, "defaultConfiguration");
    tsnu_jw_object(w);
    tsnu_jw_kstr(w, "level", sarif_level(f));
    tsnu_jw_end(w);
    tsnu_jw_key(w, "properties");
    tsnu_jw_object(w);
    if (f->vector) {
        /* the key code-scanning dashboards rank by */
        char score[16];
        snprintf(score, sizeof score, "%.1f", f->cvss.score);
        tsnu_jw_kstr(w, "security-severity", score);
        tsnu_jw_kstr(w, "cvssVector", f->vector);
    }
    tsnu_jw_key(w, "tags");
    tsnu_jw_array(w);
    tsnu_jw_string(w, "security");
    tsnu_jw_string(w, "vulnerability");
    if (lower_rating(f))
        tsnu_jw_string(w, lower_rating(f));
    tsnu_jw_end(w);
    if (f->naliases) {
        tsnu_jw_key(w, "aliases");
        tsnu_jw_array(w);
        for (size_t i = 0; i < f->naliases; i++)
            tsnu_jw_string(w, f->aliases[i]);
        tsnu_jw_end(w);
    }
    tsnu_jw_end(w);
    tsnu_jw_end(w);
    tsn_buf_dispose(&u);
}

/* How component @p c of a path is named there: its bom-ref, else its
 * name. */
static const char *path_name(const tsn_sbom_component *c)
{
    return c->ref ? c->ref : c->name ? c->name : "?";
}

static void sarif_result(tsnu_jw *w,
                         const tsn_scan_target *t,
                         size_t target,
                         const tsn_finding *f,
                         size_t rule)
{
    size_t nc = 0;
    const tsn_sbom_component *comps = tsn_sbom_components(t->sbom, &nc);
    const tsn_sbom_component *c = &comps[f->component];
    const tsn_scan_component *sc = &t->scan->components[f->component];
    tsn_buf b = TSN_BUF_INIT(SIZE_MAX / 2);
    int brc = 0; /* any failure of the buffers below */
    tsnu_jw_object(w);
    tsnu_jw_kstr(w, "ruleId", f->id);
    tsnu_jw_key(w, "ruleIndex");
    tsnu_jw_long(w, (long)rule);
    tsnu_jw_kstr(w, "level", sarif_level(f));
    brc |= component_name(c, &b);
    brc |= tsn_buf_printf(&b, " is affected by %s", f->id);
    if (f->has_severity)
        brc |= tsn_buf_printf(&b, " (%s%s", tsn_cvss_rating_name(f->severity),
                              f->vector ? "" : ")");
    if (f->has_severity && f->vector)
        brc |= tsn_buf_printf(&b, " %.1f)", f->cvss.score);
    if (f->kev)
        brc |= tsn_buf_puts(&b, ", known to be exploited (CISA KEV)");
    brc |= tsn_buf_putc(&b, '.');
    if (f->nfixed) {
        brc |= tsn_buf_puts(&b, " Fixed in");
        for (size_t i = 0; i < f->nfixed; i++)
            brc |= tsn_buf_printf(&b, "%s %s", i ? "," : "", f->fixed[i]);
        brc |= tsn_buf_putc(&b, '.');
    }
    if (sc->upgrade)
        brc |= tsn_buf_printf(&b, " Upgrade to %s.", sc->upgrade);
    if (f->vex)
        brc |=
            tsn_buf_printf(&b, " VEX: %s.", tsn_vex_status_name(f->vex_status));
    tsnu_jw_key(w, "message");
    tsnu_jw_object(w);
    tsnu_jw_kstr(w, "text", tsn_buf_cstr(&b));
    tsnu_jw_end(w);
    tsnu_jw_key(w, "locations");
    tsnu_jw_array(w);
    tsnu_jw_object(w);
    tsnu_jw_key(w, "physicalLocation");
    tsnu_jw_object(w);
    tsnu_jw_key(w, "artifactLocation");
    tsnu_jw_object(w);
    tsn_buf_clear(&b);
    brc |= uri_ref(t->name ? t->name : "sbom", &b);
    tsnu_jw_kstr(w, "uri", tsn_buf_cstr(&b));
    tsnu_jw_key(w, "index");
    tsnu_jw_long(w, (long)target);
    tsnu_jw_end(w);
    tsnu_jw_end(w);
    tsnu_jw_key(w, "logicalLocations");
    tsnu_jw_array(w);
    tsnu_jw_object(w);
    tsn_buf_clear(&b);
    brc |= component_name(c, &b);
    tsnu_jw_kstr(w, "fullyQualifiedName", tsn_buf_cstr(&b));
    tsnu_jw_kstr(w, "kind", "package");
    tsnu_jw_end(w);
    tsnu_jw_end(w);
    tsnu_jw_end(w);
    tsnu_jw_end(w);
    /* the same vulnerability of the same package in the same file is the
     * same result from one run to the next */
    tsn_buf_clear(&b);
    brc |= tsn_buf_printf(&b, "%s|%s|%s|%s", t->name ? t->name : "", f->id,
                          sc->ecosystem ? sc->ecosystem : "",
                          sc->package ? sc->package
                          : c->name   ? c->name
                                      : "");
    char fp[24];
    snprintf(fp, sizeof fp, "%016llx",
             (unsigned long long)tsnu_strhash(tsn_buf_cstr(&b)));
    tsnu_jw_key(w, "partialFingerprints");
    tsnu_jw_object(w);
    tsnu_jw_kstr(w, "tsunagiFinding/v1", fp);
    tsnu_jw_end(w);
    if (f->suppressed) {
        tsnu_jw_key(w, "suppressions");
        tsnu_jw_array(w);
        tsnu_jw_object(w);
        tsnu_jw_kstr(w, "kind", "external");
        tsnu_jw_kstr(w, "status", "accepted");
        tsn_buf_clear(&b);
        brc |= tsn_buf_printf(&b, "VEX %s", tsn_vex_status_name(f->vex_status));
        if (f->vex->justification)
            brc |= tsn_buf_printf(&b, ": %s", f->vex->justification);
        if (f->vex->impact)
            brc |= tsn_buf_printf(&b, ": %s", f->vex->impact);
        brc |= tsn_buf_printf(&b, " (%s)", f->vex->where);
        tsnu_jw_kstr(w, "justification", tsn_buf_cstr(&b));
        tsnu_jw_end(w);
        tsnu_jw_end(w);
    }
    tsnu_jw_key(w, "properties");
    tsnu_jw_object(w);
    tsnu_jw_kstr(w, "purl", c->purl);
    tsnu_jw_kstr(w, "bomRef", c->ref);
    tsnu_jw_kstr(w, "installedVersion", sc->version);
    tsnu_jw_kstr(w, "upgrade", sc->upgrade);
    if (sc->npath) {
        tsnu_jw_key(w, "dependencyPath");
        tsnu_jw_array(w);
        for (size_t i = 0; i < sc->npath; i++)
            tsnu_jw_string(w, path_name(&comps[sc->path[i]]));
        tsnu_jw_end(w);
    }
    tsnu_jw_key(w, "tier");
    tsnu_jw_long(w, f->tier);
    tsnu_jw_key(w, "kev");
    tsnu_jw_bool(w, f->kev);
    if (f->has_epss) {
        tsnu_jw_key(w, "epss");
        tsnu_jw_double(w, f->epss);
        tsnu_jw_key(w, "epssPercentile");
        tsnu_jw_double(w, f->percentile);
    }
    tsnu_jw_end(w);
    tsnu_jw_end(w);
    /* a text cut short by running out of memory fails the writer */
    if (brc && w->error == 0)
        w->error = tsn_error_oom();
    tsn_buf_dispose(&b);
}

int tsn_scan_to_sarif(const tsn_scan_target *t, size_t n, char **out)
{
    struct rules r = {TSNU_MAP_INIT,
                      TSNU_VEC_INIT(const tsn_finding *, TSN_LIMIT_COMPONENTS)};
    tsn_buf b = TSN_BUF_INIT(SIZE_MAX / 2);
    tsnu_jw w;
    int rc = rules_collect(&r, t, n);
    *out = NULL;
    tsnu_jw_init(&w, &b);
    tsnu_jw_object(&w);
    tsnu_jw_kstr(&w, "$schema",
                 "https://json.schemastore.org/sarif-2.1.0.json");
    tsnu_jw_kstr(&w, "version", "2.1.0");
    tsnu_jw_key(&w, "runs");
    tsnu_jw_array(&w);
    tsnu_jw_object(&w);
    tsnu_jw_key(&w, "tool");
    tsnu_jw_object(&w);
    tsnu_jw_key(&w, "driver");
    tsnu_jw_object(&w);
    tsnu_jw_kstr(&w, "name", "tsunagi");
    tsnu_jw_kstr(&w, "version", TSN_VERSION_STRING);
    tsnu_jw_kstr(&w, "semanticVersion", TSN_VERSION_STRING);
    tsnu_jw_key(&w, "rules");
    tsnu_jw_array(&w);
    for (size_t i = 0; rc == 0 && i < r.first.len; i++)
        sarif_rule(&w, *TSNU_VEC_AT(&r.first, const tsn_finding *, i));
    tsnu_jw_end(&w);
    tsnu_jw_end(&w);
    tsnu_jw_end(&w);
    tsnu_jw_key(&w, "artifacts");
    tsnu_jw_array(&w);
    for (size_t k = 0; k < n; k++) {
        tsn_buf u = TSN_BUF_INIT(SIZE_MAX / 2);
        uri_ref(t[k].name ? t[k].name : "sbom", &u);
        tsnu_jw_object(&w);
        tsnu_jw_key(&w, "location");
        tsnu_jw_object(&w);
        tsnu_jw_kstr(&w, "uri", tsn_buf_cstr(&u));
        tsnu_jw_end(&w);
        tsnu_jw_key(&w, "roles");
        tsnu_jw_array(&w);
        tsnu_jw_string(&w, "analysisTarget");
        tsnu_jw_end(&w);
        tsnu_jw_end(&w);
        tsn_buf_dispose(&u);
    }
    tsnu_jw_end(&w);
    tsnu_jw_key(&w, "results");
    tsnu_jw_array(&w);
    for (size_t k = 0; rc == 0 && k < n; k++)
        for (size_t i = 0; i < t[k].scan->nfindings; i++) {
            const tsn_finding *f = &t[k].scan->findings[i];
            size_t rule = 0;
            (void)tsnu_map_get(&r.index, f->id, &rule);
            sarif_result(&w, &t[k], k, f, rule);
        }
    tsnu_jw_end(&w);
    tsnu_jw_end(&w);
    tsnu_jw_end(&w);
    tsnu_jw_end(&w);
    if (rc == 0)
        rc = tsnu_jw_finish(&w);
    if (rc == 0 && !(*out = tsn_buf_detach(&b)))
        rc = tsn_error_oom();
    tsnu_map_dispose(&r.index);
    tsnu_vec_dispose(&r.first);
    tsn_buf_dispose(&b);
    return rc;
}

/* ---- CSV ---------------------------------------------------------------- */

/* The text being written and its first error. */
struct csv {
    tsn_buf b;
    int rc;
};

static void csv_put(struct csv *c, const char *s, size_t n)
{
    if (c->rc == 0)
        c->rc = tsn_buf_put(&c->b, s, n);
}

/* One RFC 4180 field: quoted when it holds a comma, quote or line break;
 * a cell a spreadsheet would take for a formula (=, +, -, @, tab, CR
 * first) is prefixed with an apostrophe (OWASP's advice on CSV
 * injection). */
static void csv_field(struct csv *c, const char *s, bool last)
{
    if (!s)
        s = "";
    bool formula = *s && strchr("=+-@\t\r", *s);
    bool quote = formula || strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        csv_put(c, formula ? "\"'" : "\"", formula ? 2 : 1);
    for (const char *p = s; *p;) {
        size_t run = strcspn(p, "\"");
        csv_put(c, p, run);
        p += run;
        if (*p == '"') {
            csv_put(c, "\"\"", 2);
            p++;
        }
    }
    if (quote)
        csv_put(c, "\"", 1);
    csv_put(c, last ? "\r\n" : ",", last ? 2 : 1);
}

/* A list as one field, its items separated by spaces. */
static void csv_list(struct csv *c, const char *const *v, size_t n)
{
    tsn_buf l = TSN_BUF_INIT(SIZE_MAX / 2);
    for (size_t i = 0; i < n && c->rc == 0; i++)
        c->rc = tsn_buf_printf(&l, "%s%s", i ? " " : "", v[i]);
    csv_field(c, tsn_buf_cstr(&l), false);
    tsn_buf_dispose(&l);
}

int tsn_scan_to_csv(const tsn_scan_target *t,
                    size_t n,
                    bool suppressed,
                    char **out)
{
    static const char *const head[] = {"target",
                                       "bom_ref",
                                       "purl",
                                       "ecosystem",
                                       "package",
                                       "version",
                                       "vulnerability",
                                       "aliases",
                                       "tier",
                                       "severity",
                                       "cvss_score",
                                       "cvss_vector",
                                       "kev",
                                       "ransomware",
                                       "epss",
                                       "epss_percentile",
                                       "fixed_versions",
                                       "upgrade",
                                       "vex_status",
                                       "suppressed",
                                       "summary",
                                       "dependency_path"};
    size_t nh = sizeof head / sizeof *head;
    struct csv b = {TSN_BUF_INIT(SIZE_MAX / 2), 0};
    char num[32];
    *out = NULL;
    for (size_t i = 0; i < nh; i++)
        csv_field(&b, head[i], i + 1 == nh);
    for (size_t k = 0; k < n; k++) {
        size_t nc = 0;
        const tsn_sbom_component *comps = tsn_sbom_components(t[k].sbom, &nc);
        for (size_t i = 0; i < t[k].scan->nfindings; i++) {
            const tsn_finding *f = &t[k].scan->findings[i];
            const tsn_scan_component *sc = &t[k].scan->components[f->component];
            const tsn_sbom_component *c = &comps[f->component];
            if (f->suppressed && !suppressed)
                continue;
            csv_field(&b, t[k].name, false);
            csv_field(&b, c->ref, false);
            csv_field(&b, c->purl, false);
            csv_field(&b, sc->ecosystem, false);
            csv_field(&b, sc->package, false);
            csv_field(&b, sc->version, false);
            csv_field(&b, f->id, false);
            csv_list(&b, f->aliases, f->naliases);
            snprintf(num, sizeof num, "%d", f->tier);
            csv_field(&b, num, false);
            csv_field(&b, lower_rating(f), false);
            snprintf(num, sizeof num, "%.1f", f->vector ? f->cvss.score : 0.0);
            csv_field(&b, f->vector ? num : NULL, false);
            csv_field(&b, f->vector, false);
            csv_field(&b, f->kev ? "true" : "false", false);
            csv_field(&b, f->ransomware ? "true" : "false", false);
            snprintf(num, sizeof num, "%.5f", f->epss);
            csv_field(&b, f->has_epss ? num : NULL, false);
            snprintf(num, sizeof num, "%.5f", f->percentile);
            csv_field(&b, f->has_epss ? num : NULL, false);
            csv_list(&b, f->fixed, f->nfixed);
            csv_field(&b, sc->upgrade, false);
            csv_field(&b, f->vex ? tsn_vex_status_name(f->vex_status) : NULL,
                      false);
            csv_field(&b, f->suppressed ? "true" : "false", false);
            csv_field(&b, f->summary, false);
            tsn_buf path = TSN_BUF_INIT(SIZE_MAX / 2);
            for (size_t j = 0; j < sc->npath && b.rc == 0; j++)
                b.rc = tsn_buf_printf(&path, "%s%s", j ? " > " : "",
                                      path_name(&comps[sc->path[j]]));
            csv_field(&b, sc->npath ? tsn_buf_cstr(&path) : NULL, true);
            tsn_buf_dispose(&path);
        }
    }
    if (b.rc == 0 && !(*out = tsn_buf_detach(&b.b)))
        b.rc = tsn_error_oom();
    tsn_buf_dispose(&b.b);
    return b.rc;
}

/* ---- CycloneDX VDR ------------------------------------------------------ */

static const char *rating_method(const char *vector)
{
    if (strncmp(vector, "CVSS:4.0/", 9) == 0)
        return "CVSSv4";
    if (strncmp(vector, "CVSS:3.1/", 9) == 0)
        return "CVSSv31";
    if (strncmp(vector, "CVSS:3.0/", 9) == 0)
        return "CVSSv3";
    return "CVSSv2";
}

static void vdr_property(tsnu_jw *w, const char *name, const char *value)
{
    tsnu_jw_object(w);
    tsnu_jw_kstr(w, "name", name);
    tsnu_jw_kstr(w, "value", value);
    tsnu_jw_end(w);
}

/* One finding as a CycloneDX vulnerability. */
static void vdr_vuln(tsnu_jw *w,
                     const tsn_scan *scan,
                     const tsn_sbom_component *c,
                     const tsn_finding *f,
                     size_t i)
{
    const tsn_scan_component *sc = &scan->components[f->component];
    char ref[48], num[32];
    tsnu_jw_object(w);
    snprintf(ref, sizeof ref, "tsunagi-finding-%zu", i + 1);
    tsnu_jw_kstr(w, "bom-ref", ref);
    tsnu_jw_kstr(w, "id", f->id);
    tsnx_cdx_source(w, f->id, false);
    if (f->naliases) {
        tsnu_jw_key(w, "references");
        tsnu_jw_array(w);
        for (size_t k = 0; k < f->naliases; k++) {
            tsnu_jw_object(w);
            tsnu_jw_kstr(w, "id", f->aliases[k]);
            tsnx_cdx_source(w, f->aliases[k], true);
            tsnu_jw_end(w);
        }
        tsnu_jw_end(w);
    }
    if (f->has_severity) {
        tsnu_jw_key(w, "ratings");
        tsnu_jw_array(w);
        tsnu_jw_object(w);
        if (f->severity_source) {
            tsnu_jw_key(w, "source");
            tsnu_jw_object(w);
            tsnu_jw_kstr(w, "name", f->severity_source);
            tsnu_jw_end(w);
        }
        if (f->vector) {
            tsnu_jw_key(w, "score");
            tsnu_jw_double(w, f->cvss.score);
        }
        tsnu_jw_kstr(w, "severity", lower_rating(f));
        tsnu_jw_kstr(w, "method",
                     f->vector ? rating_method(f->vector) : "other");
        tsnu_jw_kstr(w, "vector", f->vector);
        tsnu_jw_end(w);
        tsnu_jw_end(w);
    }
    tsnu_jw_kstr(w, "description", f->summary);
    if (sc->upgrade) {
        tsn_buf r = TSN_BUF_INIT(4096);
        tsn_buf_printf(&r, "Upgrade to %s", sc->upgrade);
        tsnu_jw_kstr(w, "recommendation", tsn_buf_cstr(&r));
        tsn_buf_dispose(&r);
    }
    if (f->vex) {
        tsnu_jw_key(w, "analysis");
        tsnu_jw_object(w);
        tsnu_jw_kstr(w, "state", tsnx_cdx_state(f->vex_status));
        for (size_t k = 0; f->vex->justification && tsn_cdx__justifications[k];
             k++)
            if (strcmp(f->vex->justification, tsn_cdx__justifications[k]) == 0)
                tsnu_jw_kstr(w, "justification", f->vex->justification);
        tsnu_jw_kstr(w, "detail", f->vex->impact);
        tsnu_jw_kstr(w, "lastUpdated",
                     f->vex->timestamp && tsnr_rfc3339(f->vex->timestamp)
                         ? f->vex->timestamp
                         : NULL);
        tsnu_jw_end(w);
    }
    if (c->ref) {
        tsnu_jw_key(w, "affects");
        tsnu_jw_array(w);
        tsnu_jw_object(w);
        tsnu_jw_kstr(w, "ref", c->ref);
        if (sc->version) {
            tsnu_jw_key(w, "versions");
            tsnu_jw_array(w);
            tsnu_jw_object(w);
            tsnu_jw_kstr(w, "version", sc->version);
            tsnu_jw_kstr(w, "status", "affected");
            tsnu_jw_end(w);
            tsnu_jw_end(w);
        }
        tsnu_jw_end(w);
        tsnu_jw_end(w);
    }
    tsnu_jw_key(w, "properties");
    tsnu_jw_array(w);
    if (!c->ref && c->purl)
        vdr_property(w, "tsunagi:purl", c->purl);
    snprintf(num, sizeof num, "%d", f->tier);
    vdr_property(w, "tsunagi:tier", num);
    vdr_property(w, "tsunagi:kev", f->kev ? "true" : "false");
    if (f->kev)
        vdr_property(w, "tsunagi:knownRansomwareUse",
                     f->ransomware ? "true" : "false");
    if (f->has_epss) {
        snprintf(num, sizeof num, "%.5f", f->epss);
        vdr_property(w, "tsunagi:epss", num);
        snprintf(num, sizeof num, "%.5f", f->percentile);
        vdr_property(w, "tsunagi:epssPercentile", num);
    }
    for (size_t k = 0; k < f->nfixed; k++)
        vdr_property(w, "tsunagi:fixedVersion", f->fixed[k]);
    for (size_t k = 0; k < f->nmatched; k++)
        vdr_property(w, "tsunagi:matched", f->matched[k]);
    tsnu_jw_end(w);
    tsnu_jw_end(w);
}

static void vdr_vulns(tsnu_jw *w,
                      const tsn_scan *scan,
                      const tsn_sbom *sbom,
                      const tsnu_json *have)
{
    size_t nc = 0;
    const tsn_sbom_component *comps = tsn_sbom_components(sbom, &nc);
    tsnu_jw_array(w);
    for (size_t i = 0; have && i < have->len; i++)
        tsnu_jw_value(w, &have->u.items[i]);
    for (size_t i = 0; i < scan->nfindings; i++) {
        const tsn_finding *f = &scan->findings[i];
        /* the SBOM's own statement about it is there already */
        if (f->vex && f->vex->embedded)
            continue;
        vdr_vuln(w, scan, &comps[f->component], f, i);
    }
    tsnu_jw_end(w);
}

int tsn_scan_to_vdr(const tsn_scan *scan,
                    const tsn_sbom *sbom,
                    const char *text,
                    size_t len,
                    const char *name,
                    char **out)
{
    char now[32];
    char *gen = NULL;
    size_t glen = 0;
    tsnu_arena arena = {0};
    tsnu_json *root = NULL;
    tsn_buf b = TSN_BUF_INIT(SIZE_MAX / 2);
    tsnu_jw w;
    int rc = 0;
    *out = NULL;
    if (!text || tsn_sbom_document(sbom)->format != TSN_SBOM_CDX_JSON) {
        /* another format: the BOM as tsunagi writes it in CycloneDX */
        if ((rc = tsn_sbom_write(&gen, &glen, sbom, TSN_SBOM_CDX_JSON)) < 0)
            return rc;
        text = gen;
        len = glen;
    }
    if ((rc = tsnr_parse(&root, &arena, text, len, name ? name : "sbom")) < 0)
        goto out;
    tsnu_utc_now(now);
    tsnu_jw_init(&w, &b);
    tsnu_jw_object(&w);
    bool has_md = false, has_vulns = false;
    for (size_t i = 0; i < root->len; i++) {
        const tsnu_json_member *m = &root->u.members[i];
        unsigned long v;
        tsnu_jw_key(&w, m->key);
        if (strcmp(m->key, "specVersion") == 0) {
            /* the vulnerabilities written are 1.6's */
            tsnu_jw_string(&w, "1.6");
        } else if (strcmp(m->key, "version") == 0 &&
                   m->value.type == TSNU_JSON_NUMBER &&
                   tsnu_parse_ulong(m->value.u.str, &v) && v < 0x7fffffffUL) {
            tsnu_jw_long(&w, (long)v + 1);
        } else if (strcmp(m->key, "metadata") == 0 &&
                   m->value.type == TSNU_JSON_OBJECT) {
            tsnu_jw_object(&w);
            tsnu_jw_kstr(&w, "timestamp", now);
            for (size_t k = 0; k < m->value.len; k++) {
                if (strcmp(m->value.u.members[k].key, "timestamp") == 0)
                    continue;
                tsnu_jw_key(&w, m->value.u.members[k].key);
                tsnu_jw_value(&w, &m->value.u.members[k].value);
            }
            tsnu_jw_end(&w);
            has_md = true;
        } else if (strcmp(m->key, "vulnerabilities") == 0 &&
                   m->value.type == TSNU_JSON_ARRAY) {
            vdr_vulns(&w, scan, sbom, &m->value);
            has_vulns = true;
        } else {
            tsnu_jw_value(&w, &m->value);
        }
    }
    if (!has_md) {
        tsnu_jw_key(&w, "metadata");
        tsnu_jw_object(&w);
        tsnu_jw_kstr(&w, "timestamp", now);
        tsnu_jw_end(&w);
    }
    if (!has_vulns) {
        tsnu_jw_key(&w, "vulnerabilities");
        vdr_vulns(&w, scan, sbom, NULL);
    }
    tsnu_jw_end(&w);
    if ((rc = tsnu_jw_finish(&w)) == 0 && !(*out = tsn_buf_detach(&b)))
        rc = tsn_error_oom();
out:
    tsn_free(gen);
    tsnu_arena_dispose(&arena);
    tsn_buf_dispose(&b);
    return rc;
}
