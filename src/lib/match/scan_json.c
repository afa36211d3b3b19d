/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A scan as JSON, the stable machine form (docs/scan.md): the counts,
 * each component with what was looked up, and each finding.
 */
#include "lib/lib.h"

#include "tsunagi/scan.h"
#include "util/json.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char *const skips[] = {
    [TSN_SCAN_CHECKED] = NULL,
    [TSN_SCAN_NO_PURL] = "no-purl",
    [TSN_SCAN_CPE_ONLY] = "cpe-only",
    [TSN_SCAN_NO_ECOSYSTEM] = "unknown-ecosystem",
    [TSN_SCAN_NO_RELEASE] = "no-distro-release",
    [TSN_SCAN_NO_VERSION] = "no-version",
    [TSN_SCAN_BAD_VERSION] = "invalid-version",
};

static void
strings(tsnu_jw *w, const char *key, const char *const *list, size_t n)
{
    tsnu_jw_key(w, key);
    tsnu_jw_array(w);
    for (size_t i = 0; i < n; i++)
        tsnu_jw_string(w, list[i]);
    tsnu_jw_end(w);
}

static void finding(tsnu_jw *w,
                    const tsn_finding *f,
                    const tsn_sbom_component *c,
                    const tsn_scan_component *sc)
{
    tsnu_jw_object(w);
    tsnu_jw_lkstr(w, "id", f->id);
    strings(w, "aliases", f->aliases, f->naliases);
    tsnu_jw_lkey(w, "component");
    tsnu_jw_long(w, (long)f->component);
    if (c->ref)
        tsnu_jw_lkstr(w, "bomRef", c->ref);
    if (c->purl)
        tsnu_jw_lkstr(w, "purl", c->purl);
    tsnu_jw_lkstr(w, "ecosystem", sc->ecosystem);
    tsnu_jw_lkstr(w, "package", sc->package);
    tsnu_jw_lkstr(w, "version", sc->version);
    if (f->summary)
        tsnu_jw_lkstr(w, "summary", f->summary);
    strings(w, "records", f->records, f->nrecords);
    strings(w, "matched", f->matched, f->nmatched);
    strings(w, "fixedVersions", f->fixed, f->nfixed);
    if (sc->upgrade)
        tsnu_jw_lkstr(w, "upgrade", sc->upgrade);
    tsnu_jw_lkey(w, "tier");
    tsnu_jw_long(w, f->tier);
    if (f->has_severity)
        tsnu_jw_lkstr(w, "severity", tsn_cvss_rating_name(f->severity));
    if (f->vector) {
        tsnu_jw_lkey(w, "cvss");
        tsnu_jw_object(w);
        tsnu_jw_lkstr(w, "version", tsn_cvss_version_name(f->cvss.version));
        tsnu_jw_lkstr(w, "vector", f->vector);
        tsnu_jw_lkey(w, "baseScore");
        tsnu_jw_double(w, f->cvss.base);
        tsnu_jw_lkey(w, "score");
        tsnu_jw_double(w, f->cvss.score);
        tsnu_jw_lkstr(w, "source", f->severity_source);
        tsnu_jw_end(w);
    }
    tsnu_jw_lkey(w, "kev");
    tsnu_jw_bool(w, f->kev);
    if (f->kev) {
        tsnu_jw_lkey(w, "knownRansomwareUse");
        tsnu_jw_bool(w, f->ransomware);
    }
    if (f->has_epss) {
        tsnu_jw_lkey(w, "epss");
        tsnu_jw_object(w);
        tsnu_jw_lkey(w, "probability");
        tsnu_jw_double(w, f->epss);
        tsnu_jw_lkey(w, "percentile");
        tsnu_jw_double(w, f->percentile);
        tsnu_jw_end(w);
    }
    if (f->vex) {
        tsnu_jw_lkey(w, "vex");
        tsnu_jw_object(w);
        tsnu_jw_lkstr(w, "status", tsn_vex_status_name(f->vex_status));
        tsnu_jw_lkstr(w, "justification", f->vex->justification);
        tsnu_jw_lkstr(w, "impact", f->vex->impact);
        tsnu_jw_lkstr(w, "action", f->vex->action);
        tsnu_jw_lkstr(w, "timestamp", f->vex->timestamp);
        tsnu_jw_lkstr(w, "statement", f->vex->where);
        tsnu_jw_end(w);
    }
    tsnu_jw_end(w);
}

/* The findings VEX left out (@p suppressed) or the others. */
static void findings(tsnu_jw *w,
                     const char *key,
                     const tsn_scan *scan,
                     const tsn_sbom_component *comps,
                     bool suppressed)
{
    tsnu_jw_key(w, key);
    tsnu_jw_array(w);
    for (size_t i = 0; i < scan->nfindings; i++) {
        const tsn_finding *f = &scan->findings[i];
        if (f->suppressed == suppressed)
            finding(w, f, &comps[f->component],
                    &scan->components[f->component]);
    }
    tsnu_jw_end(w);
}

int tsn_scan_to_json(const tsn_scan *scan,
                     const tsn_sbom *sbom,
                     const char *target,
                     char **out)
{
    *out = NULL;
    size_t n = 0;
    const tsn_sbom_component *comps = tsn_sbom_components(sbom, &n);
    if (n != scan->ncomponents)
        return tsn_error_set(TSN_EUSAGE, "the scan is not of this SBOM");
    tsn_scan_counts k;
    tsn_scan_count(scan, &k);
    tsn_buf b = TSN_BUF_INIT(SIZE_MAX / 2);
    tsnu_jw w;
    tsnu_jw_init(&w, &b);
    tsnu_jw_object(&w);
    if (target)
        tsnu_jw_lkstr(&w, "target", target);
    tsnu_jw_lkey(&w, "summary");
    tsnu_jw_object(&w);
    tsnu_jw_lkey(&w, "components");
    tsnu_jw_long(&w, (long)scan->ncomponents);
    tsnu_jw_lkey(&w, "checked");
    tsnu_jw_long(&w, (long)scan->checked);
    tsnu_jw_lkey(&w, "notChecked");
    tsnu_jw_long(&w, (long)(scan->ncomponents - scan->checked));
    tsnu_jw_lkey(&w, "findings");
    tsnu_jw_long(&w, (long)k.findings);
    tsnu_jw_lkey(&w, "suppressed");
    tsnu_jw_long(&w, (long)k.suppressed);
    static const char *const names[] = {"none", "low", "medium", "high",
                                        "critical"};
    tsnu_jw_lkey(&w, "bySeverity");
    tsnu_jw_object(&w);
    for (int r = TSN_CVSS_CRITICAL; r >= TSN_CVSS_NONE; r--) {
        tsnu_jw_key(&w, names[r]);
        tsnu_jw_long(&w, (long)k.by_severity[r]);
    }
    tsnu_jw_lkey(&w, "unknown");
    tsnu_jw_long(&w, (long)k.unrated);
    tsnu_jw_end(&w);
    tsnu_jw_lkey(&w, "byTier");
    tsnu_jw_object(&w);
    for (int t = 1; t <= 4; t++) {
        char key[2] = {(char)('0' + t), 0};
        tsnu_jw_key(&w, key);
        tsnu_jw_long(&w, (long)k.by_tier[t]);
    }
    tsnu_jw_end(&w);
    tsnu_jw_lkey(&w, "tierPolicy");
    tsnu_jw_object(&w);
    tsnu_jw_lkey(&w, "epss");
    tsnu_jw_double(&w, scan->tiers.epss);
    tsnu_jw_lkstr(&w, "severity", names[scan->tiers.severity]);
    tsnu_jw_end(&w);
    tsnu_jw_lkey(&w, "kev");
    tsnu_jw_long(&w, (long)k.kev);
    tsnu_jw_lkey(&w, "rangesNotEvaluated");
    tsnu_jw_long(&w, (long)scan->unevaluated);
    tsnu_jw_lkey(&w, "unjudged");
    tsnu_jw_long(&w, (long)k.unjudged);
    tsnu_jw_end(&w);
    tsnu_jw_lkey(&w, "components");
    tsnu_jw_array(&w);
    for (size_t i = 0; i < n; i++) {
        const tsn_scan_component *sc = &scan->components[i];
        tsnu_jw_object(&w);
        tsnu_jw_lkey(&w, "index");
        tsnu_jw_long(&w, (long)i);
        if (comps[i].ref)
            tsnu_jw_lkstr(&w, "bomRef", comps[i].ref);
        if (comps[i].name)
            tsnu_jw_lkstr(&w, "name", comps[i].name);
        if (comps[i].version)
            tsnu_jw_lkstr(&w, "version", comps[i].version);
        if (comps[i].purl)
            tsnu_jw_lkstr(&w, "purl", comps[i].purl);
        tsnu_jw_lkey(&w, "checked");
        tsnu_jw_bool(&w, sc->skip == TSN_SCAN_CHECKED);
        if (sc->skip)
            tsnu_jw_lkstr(&w, "notChecked", skips[sc->skip]);
        if (sc->ecosystem) {
            tsnu_jw_lkstr(&w, "ecosystem", sc->ecosystem);
            tsnu_jw_lkstr(&w, "package", sc->package);
        }
        tsnu_jw_lkey(&w, "findings");
        tsnu_jw_long(&w, (long)sc->findings);
        if (sc->upgrade)
            tsnu_jw_lkstr(&w, "upgrade", sc->upgrade);
        if (sc->npath) {
            tsnu_jw_lkey(&w, "dependencyPath");
            tsnu_jw_array(&w);
            for (size_t j = 0; j < sc->npath; j++)
                tsnu_jw_long(&w, (long)sc->path[j]);
            tsnu_jw_end(&w);
        }
        if (sc->nunjudged) {
            tsnu_jw_lkey(&w, "unjudged");
            tsnu_jw_array(&w);
            for (size_t j = 0; j < sc->nunjudged; j++)
                tsnu_jw_string(&w, sc->unjudged[j]);
            tsnu_jw_end(&w);
        }
        tsnu_jw_end(&w);
    }
    tsnu_jw_end(&w);
    findings(&w, "findings", scan, comps, false);
    findings(&w, "suppressed", scan, comps, true);
    tsnu_jw_end(&w);
    int rc = tsnu_jw_finish(&w);
    if (rc < 0) {
        tsn_buf_dispose(&b);
        return rc;
    }
    *out = tsn_buf_detach(&b);
    return 0;
}
