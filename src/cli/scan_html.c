/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tsunagi scan --format html: one self-contained page for the people who
 * decide (a manager, a customer's security team, an auditor): the counts,
 * charts of the findings by severity, by priority tier and by component,
 * every finding in priority order, what VEX left out and what could not
 * be checked. Nothing is fetched: the styles are inline, the charts are
 * SVG written here, and a Content-Security-Policy forbids anything else,
 * so the page can be mailed or archived as it is. Everything from an
 * SBOM or an advisory is escaped. The page is well-formed XML as well as
 * HTML, which the tests read it as.
 */
#include "cli.h"
#include "scan_text.h"
#include "util/markup.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The page being written; a write that fails (out of memory) is kept in
 * w.rc and the rest is skipped. */
struct page {
    tsnu_mw w;
    const struct cli *cli;
};

static void put(struct page *p, const char *s)
{
    tsnu_mw_put(&p->w, s);
}

TSN_PRINTF(2, 3) static void putf(struct page *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tsnu_mw_vprintf(&p->w, fmt, ap);
    va_end(ap);
}

/* @p s, at most @p max bytes of it, escaped (tsnu_mw_esc_n()). */
static void esc_n(struct page *p, const char *s, size_t max)
{
    tsnu_mw_esc_n(&p->w, s, max);
}

static void esc(struct page *p, const char *s)
{
    tsnu_mw_esc(&p->w, s);
}

/* The colours: critical to none, then unrated; tiers 1 to 4. */
static const char *const sev_colour[] = {"#80868b", "#1e8e3e", "#f9ab00",
                                         "#e8710a", "#b3261e", "#9aa0a6"};
static const char *const tier_colour[] = {"", "#b3261e", "#e8710a", "#f9ab00",
                                          "#80868b"};

static int sev_index(const tsn_finding *f)
{
    return f->has_severity ? (int)f->severity : 5;
}

static const char style[] =
    "body{font-family:system-ui,'Hiragino Sans','Noto Sans CJK JP',"
    "'Yu Gothic',Meiryo,sans-serif;margin:0 auto;max-width:1200px;"
    "padding:24px;color:#202124;line-height:1.5}"
    "h1{font-size:1.6em;margin:0 0 4px}h2{margin-top:40px;border-bottom:"
    "2px solid #dadce0;padding-bottom:4px;word-break:break-all}"
    "h3{margin-top:28px}.meta{color:#5f6368;font-size:.9em}"
    ".cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}"
    ".card{border:1px solid #dadce0;border-radius:8px;padding:10px 16px;"
    "min-width:120px}.card b{display:block;font-size:1.8em}"
    ".card.alert b{color:#b3261e}"
    ".charts{display:flex;flex-wrap:wrap;gap:24px}"
    "figure{margin:0;border:1px solid #dadce0;border-radius:8px;"
    "padding:12px}figcaption{font-weight:600;margin-bottom:6px}"
    "svg text{font-size:12px;fill:#202124}"
    "table{border-collapse:collapse;width:100%;font-size:.88em}"
    "th,td{border-bottom:1px solid #e8eaed;padding:6px 8px;text-align:left;"
    "vertical-align:top;overflow-wrap:anywhere}th{background:#f1f3f4}"
    "td.n{text-align:right;white-space:nowrap}"
    ".pill{display:inline-block;border-radius:10px;padding:0 8px;"
    "color:#fff;font-weight:600;white-space:nowrap}"
    ".sub{color:#5f6368;font-size:.9em;overflow-wrap:anywhere}"
    ".purl{word-break:break-all;min-width:12em}"
    "a{color:#1a73e8}footer{margin-top:40px;color:#5f6368;"
    "font-size:.85em}"
    "td:first-child{white-space:nowrap}"
    "@media print{body{padding:0}tr,figure{break-inside:avoid}}";

/* The page's head and title. */
static void head(struct page *p, const char *generated, const char *kb)
{
    const struct cli *cli = p->cli;
    put(p, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
           "lang=\"");
    put(p, L(cli, "en", "ja"));
    put(p, "\">\n<head>\n<meta charset=\"utf-8\"/>\n"
           "<meta name=\"viewport\" content=\"width=device-width, "
           "initial-scale=1\"/>\n"
           "<meta http-equiv=\"Content-Security-Policy\" "
           "content=\"default-src 'none'; style-src 'unsafe-inline'\"/>\n"
           "<title>");
    put(p, L(cli, "Vulnerability scan report", "脆弱性スキャン報告書"));
    put(p, "</title>\n<style>");
    put(p, style);
    put(p, "</style>\n</head>\n<body>\n<h1>");
    put(p, L(cli, "Vulnerability scan report", "脆弱性スキャン報告書"));
    put(p, "</h1>\n<p class=\"meta\">");
    putf(p, L(cli, "Made %s by tsunagi %s", "作成 %s（tsunagi %s）"), generated,
         tsn_version());
    if (kb) {
        put(p, L(cli, "; knowledge base last updated ",
                 "。脆弱性情報の最終更新 "));
        esc(p, kb);
    }
    put(p, "</p>\n");
}

/* One bar of a horizontal bar chart: @p label, @p n of @p max, in
 * @p colour, at row @p row. */
static void bar(struct page *p,
                int row,
                const char *label,
                size_t n,
                size_t max,
                const char *colour)
{
    const int w = 260, x0 = 150, h = 22;
    int y = 4 + row * (h + 6);
    int len = max ? (int)((double)n / (double)max * w + 0.5) : 0;
    if (n && len < 2)
        len = 2;
    put(p, "<text x=\"0\" y=\"");
    putf(p, "%d\">", y + 15);
    esc_n(p, label, 24);
    putf(p,
         "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
         "rx=\"3\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%zu</text>\n",
         x0, y, len, h, colour, x0 + len + 6, y + 15, n);
}

/* A chart of @p n bars (@p labels, @p counts, @p colours) titled
 * @p title. */
static void chart(struct page *p,
                  const char *title,
                  const char *const *labels,
                  const size_t *counts,
                  const char *const *colours,
                  int n)
{
    size_t max = 0;
    for (int i = 0; i < n; i++)
        max = counts[i] > max ? counts[i] : max;
    put(p, "<figure><figcaption>");
    esc(p, title);
    putf(p,
         "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
         "width=\"460\" height=\"%d\" role=\"img\"><title>",
         8 + n * 28);
    esc(p, title);
    put(p, "</title>\n");
    for (int i = 0; i < n; i++)
        bar(p, i, labels[i], counts[i], max, colours[i]);
    put(p, "</svg></figure>\n");
}

#define TOP 10

/* The components with the most findings, each bar in its findings'
 * severities. */
static void top_components(struct page *p,
                           const tsn_scan *sc,
                           const tsn_sbom_component *comps)
{
    size_t top[TOP], ntop = 0;
    for (size_t i = 0; i < sc->ncomponents; i++) {
        size_t k = sc->components[i].findings;
        if (!k)
            continue;
        size_t at = ntop < TOP ? ntop++ : TOP;
        while (at > 0 && sc->components[top[at - 1]].findings < k) {
            if (at < TOP)
                top[at] = top[at - 1];
            at--;
        }
        if (at < TOP)
            top[at] = i;
    }
    if (!ntop)
        return;
    /* the reported findings of each, by severity */
    size_t by[TOP][6] = {{0}}, max = 0;
    for (size_t i = 0; i < sc->nfindings; i++) {
        const tsn_finding *f = &sc->findings[i];
        for (size_t k = 0; k < ntop && !f->suppressed; k++)
            if (top[k] == f->component)
                by[k][sev_index(f)]++;
    }
    for (size_t k = 0; k < ntop; k++) {
        size_t t = 0;
        for (int s = 0; s < 6; s++)
            t += by[k][s];
        max = t > max ? t : max;
    }
    const char *title =
        L(p->cli, "Components with the most findings", "検出の多い構成要素");
    put(p, "<figure><figcaption>");
    esc(p, title);
    putf(p,
         "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
         "width=\"560\" height=\"%zu\" role=\"img\"><title>",
         8 + ntop * 28);
    esc(p, title);
    put(p, "</title>\n");
    for (size_t k = 0; k < ntop; k++) {
        const tsn_sbom_component *c = &comps[top[k]];
        const tsn_scan_component *s = &sc->components[top[k]];
        int y = 4 + (int)k * 28, x = 250;
        size_t total = 0;
        put(p, "<text x=\"0\" y=\"");
        putf(p, "%d\">", y + 15);
        esc_n(p, s->package ? s->package : c->name, 28);
        if (s->version) {
            put(p, " ");
            esc_n(p, s->version, 12);
        }
        put(p, "</text>");
        /* most severe first, the unrated last */
        static const int order[] = {4, 3, 2, 1, 0, 5};
        for (int o = 0; o < 6; o++) {
            size_t n = by[k][order[o]];
            total += n;
            if (!n)
                continue;
            int len = (int)((double)n / (double)max * 260 + 0.5);
            if (len < 2)
                len = 2;
            putf(p,
                 "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"22\" "
                 "fill=\"%s\"/>",
                 x, y, len, sev_colour[order[o]]);
            x += len;
        }
        putf(p, "<text x=\"%d\" y=\"%d\">%zu</text>\n", x + 6, y + 15, total);
    }
    put(p, "</svg></figure>\n");
}

/* Tier @p t's name. */
static const char *tier_name(const struct cli *cli, int t)
{
    switch (t) {
    case 1:
        return L(cli, "exploited", "悪用あり");
    case 2:
        return L(cli, "likely exploited", "悪用の可能性大");
    case 3:
        return L(cli, "severe", "深刻");
    default:
        return L(cli, "other", "その他");
    }
}

static void card(struct page *p, const char *label, size_t n, bool alert)
{
    putf(p, "<div class=\"card%s\"><b>%zu</b>", alert && n ? " alert" : "", n);
    esc(p, label);
    put(p, "</div>");
}

/* One row of the findings table. */
static void row(struct page *p,
                const tsn_finding *f,
                const tsn_scan *sc,
                const tsn_sbom_component *comps)
{
    const struct cli *cli = p->cli;
    const tsn_scan_component *c = &sc->components[f->component];
    const tsn_sbom_component *comp = &comps[f->component];
    putf(p, "<tr><td><span class=\"pill\" style=\"background:%s\">T%d</span> ",
         tier_colour[f->tier >= 1 && f->tier <= 4 ? f->tier : 4], f->tier);
    esc(p, tier_name(cli, f->tier));
    putf(p, "</td><td><span class=\"pill\" style=\"background:%s\">",
         sev_colour[sev_index(f)]);
    esc(p, scan_severity_text(cli, f));
    put(p, "</span>");
    if (f->vector) {
        putf(p, " %.1f<br/><span class=\"sub\">", f->cvss.score);
        esc(p, f->vector);
        put(p, "</span>");
    }
    put(p, "</td><td>");
    char *url = NULL;
    (void)tsn_advisory_id_home(f->id, &url);
    if (url) {
        put(p, "<a href=\"");
        esc(p, url);
        put(p, "\">");
        esc(p, f->id);
        put(p, "</a>");
    } else {
        esc(p, f->id);
    }
    tsn_free(url);
    if (f->naliases) {
        put(p, "<br/><span class=\"sub\">");
        for (size_t j = 0; j < f->naliases; j++) {
            if (j)
                put(p, " ");
            esc(p, f->aliases[j]);
        }
        put(p, "</span>");
    }
    if (f->summary) {
        put(p, "<br/>");
        esc_n(p, f->summary, 300);
    }
    put(p, "</td><td class=\"purl\">");
    esc(p, comp->purl ? comp->purl : comp->name);
    if (c->npath > 1) {
        put(p, "<br/><span class=\"sub\">");
        put(p, L(cli, "via", "経路"));
        for (size_t k = 0; k + 1 < c->npath; k++) {
            put(p, k ? " &gt; " : " ");
            esc(p, scan_component_label(&comps[c->path[k]]));
        }
        put(p, "</span>");
    }
    put(p, "</td><td>");
    esc(p, c->version);
    put(p, "</td><td>");
    for (size_t j = 0; j < f->nfixed; j++) {
        if (j)
            put(p, ", ");
        esc(p, f->fixed[j]);
    }
    put(p, "</td><td>");
    esc(p, c->upgrade);
    put(p, "</td><td>");
    if (f->kev)
        put(p, f->ransomware
                   ? L(cli, "yes (ransomware)", "あり（ランサムウェア）")
                   : L(cli, "yes", "あり"));
    put(p, "</td><td class=\"n\">");
    if (f->has_epss)
        putf(p, "%.3f<br/><span class=\"sub\">%.0f%%</span>", f->epss,
             f->percentile * 100);
    put(p, "</td><td>");
    if (f->vex) {
        esc(p, scan_vex_text(cli, f->vex_status));
        if (f->vex->justification) {
            put(p, "<br/><span class=\"sub\">");
            esc(p, f->vex->justification);
            put(p, "</span>");
        }
        if (f->vex->impact) {
            put(p, "<br/><span class=\"sub\">");
            esc_n(p, f->vex->impact, 300);
            put(p, "</span>");
        }
    }
    put(p, "</td></tr>\n");
}

/* The findings VEX left out (@p suppressed) or the others, in priority
 * order. */
static void findings(struct page *p,
                     const tsn_scan *sc,
                     const tsn_sbom_component *comps,
                     bool suppressed)
{
    const struct cli *cli = p->cli;
    size_t n = 0;
    const tsn_finding **order =
        scan_in_priority(sc, suppressed ? SCAN_SUPPRESSED : SCAN_REPORTED, &n);
    if (!order && n) {
        p->w.rc = tsn_error_oom();
        return;
    }
    if (!n) {
        put(p, "<p>");
        put(p, L(cli, "None.", "なし。"));
        put(p, "</p>\n");
        return;
    }
    put(p, "<table>\n<thead><tr><th>");
    put(p, L(cli,
             "Tier</th><th>Severity</th><th>Vulnerability</th><th>Component"
             "</th><th>Installed</th><th>Fixed in</th><th>Upgrade to</th>"
             "<th>KEV</th><th>EPSS</th><th>VEX",
             "優先度</th><th>深刻度</th><th>脆弱性</th><th>構成要素</th>"
             "<th>導入版</th><th>修正版</th><th>更新先</th><th>KEV</th>"
             "<th>EPSS</th><th>VEX"));
    put(p, "</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n && p->w.rc == 0; i++)
        row(p, order[i], sc, comps);
    put(p, "</tbody>\n</table>\n");
    free(order);
}

/* The components whose product records name without versions that can
 * be compared, with the records. */
static void
unjudged(struct page *p, const tsn_scan *sc, const tsn_sbom_component *comps)
{
    const struct cli *cli = p->cli;
    tsn_scan_counts k;
    tsn_scan_count(sc, &k);
    if (!k.unjudged)
        return;
    put(p, "<h3>");
    putf(p,
         L(cli,
           "Product named without versions that can be compared (%zu): "
           "judge whether yours is affected",
           "製品名が一致し、バージョンを比較できない脆弱性情報（%zu 件）:"
           "影響の有無は要確認"),
         k.unjudged);
    put(p, "</h3>\n<table>\n<thead><tr><th>");
    put(p, L(cli, "Component</th><th>Records", "構成要素</th><th>脆弱性情報"));
    put(p, "</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < sc->ncomponents && p->w.rc == 0; i++) {
        const tsn_scan_component *c = &sc->components[i];
        if (!c->nunjudged)
            continue;
        put(p, "<tr><td class=\"purl\">");
        esc(p, comps[i].name ? comps[i].name : c->package);
        put(p, " ");
        esc(p, c->version);
        put(p, " (");
        esc(p, c->package);
        put(p, ")</td><td>");
        for (size_t j = 0; j < c->nunjudged; j++) {
            put(p, j ? ", " : "");
            esc(p, c->unjudged[j]);
        }
        put(p, "</td></tr>\n");
    }
    put(p, "</tbody>\n</table>\n");
}

/* The components not checked, with the reason. */
static void
not_checked(struct page *p, const tsn_scan *sc, const tsn_sbom_component *comps)
{
    const struct cli *cli = p->cli;
    size_t n = sc->ncomponents - sc->checked;
    if (!n)
        return;
    put(p, "<h3>");
    putf(p, L(cli, "Not checked (%zu)", "未照合（%zu 件）"), n);
    put(p, "</h3>\n<table>\n<thead><tr><th>");
    put(p, L(cli, "Component</th><th>Why", "構成要素</th><th>理由"));
    put(p, "</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < sc->ncomponents && p->w.rc == 0; i++) {
        if (!sc->components[i].skip)
            continue;
        const tsn_sbom_component *c = &comps[i];
        put(p, "<tr><td class=\"purl\">");
        esc(p, c->purl ? c->purl : c->name ? c->name : c->ref);
        if (!c->purl && c->version) {
            put(p, " ");
            esc(p, c->version);
        }
        put(p, "</td><td>");
        esc(p, scan_skip_text(cli, sc->components[i].skip));
        put(p, "</td></tr>\n");
    }
    put(p, "</tbody>\n</table>\n");
}

/* One SBOM's section. */
static void
target(struct page *p, const tsn_scan_target *t, size_t i, bool show_suppressed)
{
    const struct cli *cli = p->cli;
    const tsn_scan *sc = t->scan;
    size_t nc = 0;
    const tsn_sbom_component *comps = tsn_sbom_components(t->sbom, &nc);
    tsn_scan_counts k;
    tsn_scan_count(sc, &k);
    const size_t *sev = k.by_severity, *tiers = k.by_tier;
    putf(p, "<section id=\"sbom-%zu\">\n<h2>", i + 1);
    esc(p, t->name ? t->name : "-");
    put(p, "</h2>\n<div class=\"cards\">");
    card(p, L(cli, "components", "構成要素"), sc->ncomponents, false);
    card(p, L(cli, "checked", "照合済み"), sc->checked, false);
    card(p, L(cli, "findings", "検出"), k.findings, false);
    card(p, L(cli, "tier 1: exploited (KEV)", "第1段階: 悪用あり（KEV）"),
         tiers[1], true);
    card(p, L(cli, "tier 2: likely exploited", "第2段階: 悪用の可能性大"),
         tiers[2], true);
    card(p, L(cli, "left out by VEX", "VEX により除外"), k.suppressed, false);
    card(p, L(cli, "not checked", "未照合"), sc->ncomponents - sc->checked,
         false);
    put(p, "</div>\n<div class=\"charts\">\n");
    const char *sev_labels[] = {
        scan_rating_text(cli, TSN_CVSS_CRITICAL),
        scan_rating_text(cli, TSN_CVSS_HIGH),
        scan_rating_text(cli, TSN_CVSS_MEDIUM),
        scan_rating_text(cli, TSN_CVSS_LOW),
        scan_rating_text(cli, TSN_CVSS_NONE),
        L(cli, "UNKNOWN", "不明"),
    };
    const size_t sev_counts[] = {sev[4], sev[3], sev[2],
                                 sev[1], sev[0], k.unrated};
    const char *const sev_cols[] = {sev_colour[4], sev_colour[3],
                                    sev_colour[2], sev_colour[1],
                                    sev_colour[0], sev_colour[5]};
    chart(p, L(cli, "Findings by severity", "深刻度別の検出"), sev_labels,
          sev_counts, sev_cols, 6);
    char tl[4][96];
    const char *tier_labels[4];
    for (int j = 0; j < 4; j++) {
        snprintf(tl[j], sizeof tl[j], "T%d %s", j + 1, tier_name(cli, j + 1));
        tier_labels[j] = tl[j];
    }
    chart(p, L(cli, "Findings by priority tier", "優先度別の検出"), tier_labels,
          tiers + 1, tier_colour + 1, 4);
    top_components(p, sc, comps);
    put(p, "</div>\n<h3>");
    put(p, L(cli, "Findings, in priority order", "検出（優先度順）"));
    put(p, "</h3>\n");
    findings(p, sc, comps, false);
    if (show_suppressed && k.suppressed) {
        put(p, "<h3>");
        put(p, L(cli, "Left out by VEX statements", "VEX により除外"));
        put(p, "</h3>\n");
        findings(p, sc, comps, true);
    }
    if (sc->unevaluated) {
        put(p, "<p>");
        putf(p,
             L(cli,
               "%zu ranges of these packages could not be evaluated (a "
               "version in them is not one of their scheme's): a finding may "
               "be missing.",
               "評価できない範囲が %zu 件あります（範囲内のバージョンが"
               "形式に合わない）。検出漏れの可能性があります。"),
             sc->unevaluated);
        put(p, "</p>\n");
    }
    unjudged(p, sc, comps);
    not_checked(p, sc, comps);
    put(p, "</section>\n");
}

/* With several SBOMs: a table of each one's counts, linked to its
 * section. */
static void overview(struct page *p, const tsn_scan_target *t, size_t n)
{
    const struct cli *cli = p->cli;
    put(p, "<table>\n<thead><tr><th>");
    put(p, L(cli,
             "SBOM</th><th>Components</th><th>Findings</th><th>Tier 1</th>"
             "<th>Tier 2</th><th>Critical</th><th>High",
             "SBOM</th><th>構成要素</th><th>検出</th><th>第1段階</th>"
             "<th>第2段階</th><th>緊急</th><th>重要"));
    put(p, "</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        tsn_scan_counts k;
        tsn_scan_count(t[i].scan, &k);
        putf(p, "<tr><td><a href=\"#sbom-%zu\">", i + 1);
        esc(p, t[i].name ? t[i].name : "-");
        putf(p,
             "</a></td><td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
             "<td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
             "<td class=\"n\">%zu</td><td class=\"n\">%zu</td></tr>\n",
             t[i].scan->ncomponents, k.findings, k.by_tier[1], k.by_tier[2],
             k.by_severity[TSN_CVSS_CRITICAL], k.by_severity[TSN_CVSS_HIGH]);
    }
    put(p, "</tbody>\n</table>\n");
}

/* How to read the page: the tiers under the policy used. */
static void footer(struct page *p, const tsn_tier_policy *tp)
{
    const struct cli *cli = p->cli;
    put(p, "<footer>\n<p>");
    putf(p,
         L(cli,
           "Priority tiers: 1 a CVE of it is in CISA's Known Exploited "
           "Vulnerabilities catalog; 2 its EPSS probability is %g or more; "
           "3 its severity is %s or worse, or no source rates it; 4 the "
           "others. Severity is from the newest CVSS vector of its records.",
           "優先度: 第1段階 CVE が CISA の KEV カタログにある。第2段階 EPSS "
           "の確率が %g 以上。第3段階 深刻度が%s以上、または評価なし。第4段階 "
           "その他。深刻度は記録のうち最新版の CVSS ベクトルによる。"),
         tp->epss, scan_rating_text(cli, tp->severity));
    put(p, "</p>\n<p>");
    put(p, L(cli,
             "Made with tsunagi (docs/scan.md). Findings are matched by "
             "package URL against the knowledge base; components without one "
             "are listed as not checked.",
             "tsunagi で作成（docs/scan.md）。構成要素はパッケージURLで"
             "脆弱性情報と照合しています。パッケージURLのないものは未照合"
             "として記載しています。"));
    put(p, "</p>\n</footer>\n");
}

int scan_html(const struct cli *cli,
              const tsn_scan_target *t,
              size_t n,
              bool show_suppressed,
              const char *kb_updated,
              tsn_buf *out)
{
    struct page p = {{out, 0}, cli};
    char now[32];
    tsnu_utc_now(now);
    head(&p, now, kb_updated);
    if (n > 1)
        overview(&p, t, n);
    for (size_t i = 0; i < n && p.w.rc == 0; i++)
        target(&p, &t[i], i, show_suppressed);
    footer(&p, n ? &t[0].scan->tiers : &(tsn_tier_policy)TSN_TIER_POLICY_INIT);
    put(&p, "</body>\n</html>\n");
    return p.w.rc < 0 ? p.w.rc : 0;
}
