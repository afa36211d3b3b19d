/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tsunagi scan: SBOMs matched against the knowledge base, for people (a
 * table grouped by component) or programs (JSON, docs/scan.md), with a
 * gate for CI (--fail-on).
 */
#include "cli.h"
#include "scan_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* --fail-on: a finding fails the run when any condition holds. */
struct gate {
    bool set;
    int severity; /* the lowest rating that fails, or -1 */
    bool kev;
    double epss; /* fails at or above; > 1: not asked */
    int tier;    /* fails at this tier or a higher one (1); 0: not asked */
};

/* "low" ... "critical" as a rating; -1 when not one. */
static int level(const char *s)
{
    static const char *const levels[] = {"none", "low", "medium", "high",
                                         "critical"};
    for (int i = TSN_CVSS_LOW; i <= TSN_CVSS_CRITICAL; i++)
        if (strcmp(s, levels[i]) == 0)
            return i;
    return -1;
}

static int gate_add(struct gate *g, const char *s)
{
    g->set = true;
    int i = level(s);
    if (i >= 0) {
        if (g->severity < 0 || i < g->severity)
            g->severity = i;
        return 0;
    }
    if (strcmp(s, "kev") == 0) {
        g->kev = true;
        return 0;
    }
    if (strncmp(s, "epss:", 5) == 0) {
        char *end = NULL;
        double p = strtod(s + 5, &end);
        if (end != s + 5 && !*end && p >= 0 && p <= 1) {
            if (p < g->epss)
                g->epss = p;
            return 0;
        }
    }
    if (strncmp(s, "tier:", 5) == 0 && s[5] >= '1' && s[5] <= '4' && !s[6]) {
        if (s[5] - '0' > g->tier)
            g->tier = s[5] - '0';
        return 0;
    }
    cli_error("--fail-on %s: expected critical, high, medium, low, kev, "
              "epss:P (P from 0 to 1) or tier:N (N from 1 to 4)",
              s);
    return -1;
}

/* --tier-epss and --tier-severity (each NULL when not given) into @p p. */
static int
tier_policy(const char *epss, const char *severity, tsn_tier_policy *p)
{
    if (epss) {
        char *end = NULL;
        double v = strtod(epss, &end);
        if (end == epss || *end || !(v >= 0 && v <= 1)) {
            cli_error("--tier-epss %s: expected a probability from 0 to 1",
                      epss);
            return -1;
        }
        p->epss = v;
    }
    if (severity) {
        int i = level(severity);
        if (i < 0) {
            cli_error("--tier-severity %s: expected critical, high, medium "
                      "or low",
                      severity);
            return -1;
        }
        p->severity = (tsn_cvss_rating)i;
    }
    return 0;
}

/* Whether finding @p f fails the gate. A finding no source rates fails
 * any severity threshold: it may be of any severity. */
static bool gate_fails(const struct gate *g, const tsn_finding *f)
{
    if (g->severity >= 0 &&
        (!f->has_severity || (int)f->severity >= g->severity))
        return true;
    if (g->kev && f->kev)
        return true;
    if (g->tier && f->tier <= g->tier)
        return true;
    return f->has_epss && f->epss >= g->epss;
}

/* A duration "N", "Ns", "Nm", "Nh" or "Nd" in seconds; -1 when not one. */
static long long duration(const char *s)
{
    char *end = NULL;
    long long n = strtoll(s, &end, 10);
    if (end == s || n < 0 || n > 100000000LL)
        return -1;
    long long unit = !*end                   ? 1
                     : strcmp(end, "s") == 0 ? 1
                     : strcmp(end, "m") == 0 ? 60
                     : strcmp(end, "h") == 0 ? 3600
                     : strcmp(end, "d") == 0 ? 86400
                                             : -1;
    return unit < 0 ? -1 : n * unit;
}

/* When @p db was last imported into or updated (the later), or NULL
 * when never (or out of memory); free it. */
static char *last_updated(tsn_vulndb *db)
{
    char *a = NULL, *b = NULL;
    if (tsn_vulndb_times(db, &a, &b) < 0) {
        tsn_error_clear();
        return NULL;
    }
    char *t = !a ? b : !b ? a : strcmp(a, b) > 0 ? a : b;
    free(t == a ? b : a);
    return t;
}

/* EXIT_NODB when the knowledge base was last imported into or updated
 * longer than @p max seconds ago (or never). */
static int
check_age(tsn_vulndb *db, const char *path, const char *opt, long long max)
{
    char *li = NULL, *lu = NULL;
    if (tsn_vulndb_times(db, &li, &lu) < 0)
        return cli_fail();
    long long a = cli_age(li), b = cli_age(lu);
    long long age = a < 0 ? b : b < 0 ? a : a < b ? a : b;
    free(li);
    free(lu);
    if (age >= 0 && age <= max)
        return EXIT_OK;
    if (age < 0)
        cli_error("%s: never imported into or updated, and --max-db-age %s "
                  "is asked",
                  path, opt);
    else
        cli_error("%s: last imported into or updated %lld h ago, older than "
                  "--max-db-age %s (tsunagi db update)",
                  path, age / 3600, opt);
    return EXIT_NODB;
}

const char *scan_skip_text(const struct cli *cli, tsn_scan_skip s)
{
    switch (s) {
    case TSN_SCAN_NO_PURL:
        return L(cli, "no package URL", "パッケージURLなし");
    case TSN_SCAN_NO_ECOSYSTEM:
        return L(cli, "no ecosystem known for its package URL",
                 "パッケージURLのエコシステムが不明");
    case TSN_SCAN_CPE_ONLY:
        return L(cli, "only a CPE, and not a valid CPE 2.3 name",
                 "CPEのみで、CPE 2.3 名として不正");
    case TSN_SCAN_NO_RELEASE:
        return L(cli, "a distribution package without its release (distro=)",
                 "配布版（distro=）のないディストリビューションのパッケージ");
    case TSN_SCAN_NO_VERSION:
        return L(cli, "no version", "バージョンなし");
    case TSN_SCAN_BAD_VERSION:
        return L(cli, "not a version of its ecosystem",
                 "エコシステムのバージョンとして不正");
    case TSN_SCAN_CHECKED:
        break;
    }
    return "";
}

const char *scan_component_label(const tsn_sbom_component *c)
{
    return c->name ? c->name : c->ref ? c->ref : "?";
}

const char *scan_rating_text(const struct cli *cli, tsn_cvss_rating r)
{
    static const char *const en[] = {"NONE", "LOW", "MEDIUM", "HIGH",
                                     "CRITICAL"};
    static const char *const ja[] = {"なし", "注意", "警告", "重要", "緊急"};
    return L(cli, en[r], ja[r]);
}

const char *scan_severity_text(const struct cli *cli, const tsn_finding *f)
{
    if (!f->has_severity)
        return L(cli, "UNKNOWN", "不明");
    return scan_rating_text(cli, f->severity);
}

/* A finding's VEX status for people. */
const char *scan_vex_text(const struct cli *cli, tsn_vex_status s)
{
    switch (s) {
    case TSN_VEX_NOT_AFFECTED:
        return L(cli, "not affected", "影響なし");
    case TSN_VEX_FALSE_POSITIVE:
        return L(cli, "false positive", "誤検出");
    case TSN_VEX_AFFECTED:
        return L(cli, "affected", "影響あり");
    case TSN_VEX_FIXED:
        return L(cli, "fixed", "修正済み");
    case TSN_VEX_UNDER_INVESTIGATION:
        return L(cli, "under investigation", "調査中");
    }
    return "?";
}

static const char *colour(bool on, const tsn_finding *f)
{
    static const char *const c[] = {"", "\033[36m", "\033[33m", "\033[31m",
                                    "\033[1;31m"};
    return on && f->has_severity ? c[f->severity] : "";
}

static void render_findings(const struct cli *cli,
                            const tsn_sbom *sbom,
                            const tsn_scan *sc,
                            bool tty,
                            bool suppressed,
                            tsn_buf *out);
static void render_summary(const struct cli *cli,
                           const tsn_sbom *sbom,
                           const tsn_scan *sc,
                           tsn_buf *out);

/* The scan of @p name for people, into @p out. */
static void render(const struct cli *cli,
                   const char *name,
                   const tsn_sbom *sbom,
                   const tsn_scan *sc,
                   bool tty,
                   bool show_suppressed,
                   tsn_buf *out)
{
    tsn_buf_printf(out, "%s\n", name);
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1 && !show_suppressed)
            break;
        if (pass == 1 && tsn_scan_suppressed(sc))
            tsn_buf_printf(
                out, "\n%s\n",
                L(cli, "Left out by VEX statements:", "VEX により除外:"));
        render_findings(cli, sbom, sc, tty, pass == 1, out);
    }
    render_summary(cli, sbom, sc, out);
}

/* The findings (@p suppressed: those VEX left out, else the others),
 * grouped by component. */
static void render_findings(const struct cli *cli,
                            const tsn_sbom *sbom,
                            const tsn_scan *sc,
                            bool tty,
                            bool suppressed,
                            tsn_buf *out)
{
    size_t n = 0;
    const tsn_sbom_component *comps = tsn_sbom_components(sbom, &n);
    const char *off = tty ? "\033[0m" : "";
    for (size_t i = 0; i < sc->nfindings;) {
        if (sc->findings[i].suppressed != suppressed) {
            i++;
            continue;
        }
        size_t ci = sc->findings[i].component;
        const tsn_scan_component *c = &sc->components[ci];
        tsn_buf_printf(out, "\n%s%s", tty ? "\033[1m" : "",
                       comps[ci].purl ? comps[ci].purl : comps[ci].name);
        tsn_buf_printf(out, "%s  (%s %s %s)", off, c->ecosystem, c->package,
                       c->version);
        if (c->upgrade)
            tsn_buf_printf(out, "  %s %s", L(cli, "upgrade to", "更新先"),
                           c->upgrade);
        tsn_buf_putc(out, '\n');
        if (c->npath > 1) {
            tsn_buf_printf(out, "  %s", L(cli, "via", "経路"));
            for (size_t k = 0; k + 1 < c->npath; k++)
                tsn_buf_printf(out, "%s%s", k ? " > " : " ",
                               scan_component_label(&comps[c->path[k]]));
            tsn_buf_putc(out, '\n');
        }
        for (; i < sc->nfindings && sc->findings[i].component == ci; i++) {
            const tsn_finding *f = &sc->findings[i];
            if (f->suppressed != suppressed)
                continue;
            tsn_buf_printf(out, "  T%d %s%-8s%s", f->tier, colour(tty, f),
                           scan_severity_text(cli, f), off);
            if (f->vector)
                tsn_buf_printf(out, " %4.1f", f->cvss.score);
            else
                tsn_buf_puts(out, "     ");
            tsn_buf_printf(out, "  %s", f->id);
            for (size_t j = 0; j < f->naliases && j < 4; j++)
                tsn_buf_printf(out, " %s", f->aliases[j]);
            if (f->naliases > 4)
                tsn_buf_printf(out, " (+%zu)", f->naliases - 4);
            if (f->kev)
                tsn_buf_printf(out, "  %sKEV%s%s", tty ? "\033[1;35m" : "",
                               f->ransomware ? L(cli, " (ransomware)",
                                                 "（ランサムウェア）")
                                             : "",
                               off);
            if (f->has_epss)
                tsn_buf_printf(out, "  EPSS %.3f (%.0f%%)", f->epss,
                               f->percentile * 100);
            if (f->vex)
                tsn_buf_printf(out, "  VEX: %s",
                               scan_vex_text(cli, f->vex_status));
            tsn_buf_putc(out, '\n');
            if (f->summary)
                tsn_buf_printf(out, "      %.100s\n", f->summary);
            if (f->vex && f->vex->justification)
                tsn_buf_printf(out, "      %s %s\n",
                               L(cli, "justification:", "根拠:"),
                               f->vex->justification);
            if (f->vex && f->vex->impact)
                tsn_buf_printf(out, "      %s %.200s\n",
                               L(cli, "impact:", "影響:"), f->vex->impact);
            if (f->vex && f->vex->action)
                tsn_buf_printf(out, "      %s %.200s\n",
                               L(cli, "action:", "対応:"), f->vex->action);
            if (f->vex)
                tsn_buf_printf(out, "      %s %s\n",
                               L(cli, "statement:", "VEX 文:"), f->vex->where);
            for (size_t j = 0; j < f->nmatched; j++)
                tsn_buf_printf(out, "      %s %s\n",
                               L(cli, "affected:", "影響範囲:"), f->matched[j]);
            if (f->nfixed) {
                tsn_buf_printf(out, "      %s", L(cli, "fixed in:", "修正版:"));
                for (size_t j = 0; j < f->nfixed; j++)
                    tsn_buf_printf(out, " %s", f->fixed[j]);
                tsn_buf_putc(out, '\n');
            }
        }
    }
}

/* The counts, and the components not checked. */
static void render_summary(const struct cli *cli,
                           const tsn_sbom *sbom,
                           const tsn_scan *sc,
                           tsn_buf *out)
{
    size_t n = 0;
    const tsn_sbom_component *comps = tsn_sbom_components(sbom, &n);
    tsn_scan_counts k;
    tsn_scan_count(sc, &k);
    const size_t *by = k.by_severity, *tiers = k.by_tier;
    tsn_buf_printf(out,
                   L(cli,
                     "\n%zu components, %zu checked: %zu findings "
                     "(%zu critical, %zu high, %zu medium, %zu low, %zu "
                     "unrated; %zu in KEV)\n",
                     "\n構成要素 %zu 件、照合 %zu 件: 検出 %zu 件"
                     "（緊急 %zu、重要 %zu、警告 %zu、注意 %zu、"
                     "評価なし %zu、KEV %zu）\n"),
                   sc->ncomponents, sc->checked, k.findings,
                   by[TSN_CVSS_CRITICAL], by[TSN_CVSS_HIGH],
                   by[TSN_CVSS_MEDIUM], by[TSN_CVSS_LOW] + by[TSN_CVSS_NONE],
                   k.unrated, k.kev);
    if (k.findings)
        tsn_buf_printf(out,
                       L(cli,
                         "by priority: tier 1 (exploited) %zu, tier 2 (EPSS "
                         ">= %g) %zu, tier 3 (%s or worse, or unrated) %zu, "
                         "tier 4 %zu\n",
                         "優先度: 第1段階（悪用あり）%zu、第2段階（EPSS %g "
                         "以上）%zu、第3段階（%s以上または評価なし）%zu、"
                         "第4段階 %zu\n"),
                       tiers[1], sc->tiers.epss, tiers[2],
                       scan_rating_text(cli, sc->tiers.severity), tiers[3],
                       tiers[4]);
    if (k.suppressed)
        tsn_buf_printf(out,
                       L(cli, "%zu more left out by VEX statements%s\n",
                         "ほかに VEX により除外 %zu 件%s\n"),
                       k.suppressed,
                       L(cli, " (--show-suppressed lists them)",
                         "（--show-suppressed で表示）"));
    if (sc->unevaluated)
        tsn_buf_printf(out,
                       L(cli,
                         "%zu ranges of these packages could not be "
                         "evaluated (a version in them is not one of their "
                         "scheme's): a finding may be missing\n",
                         "評価できない範囲が %zu 件あります（範囲内のバージョン"
                         "が形式に合わない）。検出漏れの可能性があります\n"),
                       sc->unevaluated);
    if (k.unjudged)
        tsn_buf_printf(out,
                       L(cli,
                         "product named without versions that can be "
                         "compared (%zu; judge whether yours is affected):\n",
                         "製品名が一致し、バージョンを比較できない脆弱性情報 "
                         "(%zu 件、影響の有無は要確認):\n"),
                       k.unjudged);
    for (size_t i = 0; i < sc->ncomponents; i++) {
        const tsn_scan_component *c = &sc->components[i];
        if (!c->nunjudged)
            continue;
        tsn_buf_printf(out, "  %s %s:", c->package, c->version);
        for (size_t j = 0; j < c->nunjudged; j++)
            tsn_buf_printf(out, "%s %s", j ? "," : "", c->unjudged[j]);
        tsn_buf_putc(out, '\n');
    }
    if (sc->checked < sc->ncomponents) {
        tsn_buf_printf(out, L(cli, "not checked (%zu):\n", "未照合 (%zu):\n"),
                       sc->ncomponents - sc->checked);
        for (size_t i = 0; i < sc->ncomponents; i++) {
            if (!sc->components[i].skip)
                continue;
            const char *what = comps[i].purl   ? comps[i].purl
                               : comps[i].name ? comps[i].name
                                               : comps[i].ref;
            bool ver = comps[i].version && !comps[i].purl;
            tsn_buf_printf(out, "  %s%s%s: %s\n", what ? what : "?",
                           ver ? " " : "", ver ? comps[i].version : "",
                           scan_skip_text(cli, sc->components[i].skip));
        }
    }
}

/* A warning for each product of @p set's statements that names no
 * component of the SBOMs scanned. */
static void unknown_products(struct cli *cli, const tsn_vex *set)
{
    size_t n = 0;
    const tsn_vex_statement *st = tsn_vex_statements(set, &n);
    for (size_t i = 0; i < n; i++) {
        if (st[i].nproducts == 0)
            cli_warn(cli, "VEX %s: %s: names no product; not applied",
                     st[i].where, st[i].vuln);
        for (size_t k = 0; k < st[i].nproducts; k++) {
            const tsn_vex_product *p = &st[i].products[k];
            if (!p->known)
                cli_warn(cli,
                         "VEX %s: %s: product %s names no component "
                         "scanned",
                         st[i].where, st[i].vuln,
                         p->purl ? p->purl
                         : p->id ? p->id
                                 : p->cpe);
        }
    }
}

/* A cell of a Markdown table: characters GitHub would read as markup
 * (|, \, `, *, _, [, ], <, >) escaped, line breaks as spaces. */
static void md_cell(tsn_buf *out, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '\n' || *s == '\r')
            tsn_buf_putc(out, ' ');
        else if (strchr("|\\`*_[]<>", *s))
            tsn_buf_printf(out, "\\%c", *s);
        else
            tsn_buf_putc(out, *s);
    }
}

/* Priority order: tier, then most severe (the unrated after the rated),
 * then the highest score, then component and id. */
static int by_priority(const void *a, const void *b)
{
    const tsn_finding *x = *(const tsn_finding *const *)a;
    const tsn_finding *y = *(const tsn_finding *const *)b;
    if (x->tier != y->tier)
        return x->tier < y->tier ? -1 : 1;
    int sx = x->has_severity ? (int)x->severity : -1;
    int sy = y->has_severity ? (int)y->severity : -1;
    if (sx != sy)
        return sx > sy ? -1 : 1;
    double cx = x->vector ? x->cvss.score : -1,
           cy = y->vector ? y->cvss.score : -1;
    if (cx != cy)
        return cx > cy ? -1 : 1;
    if (x->component != y->component)
        return x->component < y->component ? -1 : 1;
    return strcmp(x->id, y->id);
}

const tsn_finding **
scan_in_priority(const tsn_scan *sc, enum scan_which which, size_t *n)
{
    *n = 0;
    for (size_t i = 0; i < sc->nfindings; i++)
        *n += which == SCAN_ALL ||
              sc->findings[i].suppressed == (which == SCAN_SUPPRESSED);
    const tsn_finding **order = *n ? malloc(*n * sizeof *order) : NULL;
    for (size_t i = 0, k = 0; order && i < sc->nfindings; i++)
        if (which == SCAN_ALL ||
            sc->findings[i].suppressed == (which == SCAN_SUPPRESSED))
            order[k++] = &sc->findings[i];
    if (order)
        qsort(order, *n, sizeof *order, by_priority);
    return order;
}

#define MD_ROWS 200

/* The scan of @p name in Markdown, for a pull-request comment: the
 * counts, then the findings in priority order (the first MD_ROWS), then
 * the components not checked. 0 or TSN_ENOMEM. */
static int scan_markdown(const struct cli *cli,
                         const char *name,
                         const tsn_sbom *sbom,
                         const tsn_scan *sc,
                         bool show_suppressed,
                         tsn_buf *out)
{
    size_t n = 0, shown = 0, total = 0;
    const tsn_sbom_component *comps = tsn_sbom_components(sbom, &n);
    const tsn_finding **order = scan_in_priority(
        sc, show_suppressed ? SCAN_ALL : SCAN_REPORTED, &total);
    if (!order && total)
        return tsn_error_oom();
    tsn_buf_puts(out, L(cli, "## tsunagi scan: ", "## tsunagi scan: "));
    md_cell(out, name);
    tsn_buf_puts(out, "\n");
    tsn_buf summary = TSN_BUF_INIT(SIZE_MAX / 2);
    render_summary(cli, sbom, sc, &summary);
    /* the first line of the summary: the counts */
    const char *sum = tsn_buf_cstr(&summary);
    while (*sum == '\n')
        sum++;
    const char *eol = strchr(sum, '\n');
    tsn_buf_puts(out, "\n**");
    tsn_buf_put(out, sum, eol ? (size_t)(eol - sum) : strlen(sum));
    tsn_buf_puts(out, "**\n\n");
    tsn_buf_dispose(&summary);
    if (total) {
        tsn_buf_puts(out, L(cli,
                            "| Tier | Severity | Vulnerability | Package | "
                            "Installed | Fixed in | KEV | EPSS | VEX |\n",
                            "| 優先度 | 深刻度 | 脆弱性 | パッケージ | 導入版 "
                            "| 修正版 | KEV | EPSS | VEX |\n"));
        tsn_buf_puts(out, "|---|---|---|---|---|---|---|---|---|\n");
    }
    for (size_t i = 0; i < total && shown < MD_ROWS; i++) {
        const tsn_finding *f = order[i];
        const tsn_scan_component *c = &sc->components[f->component];
        const tsn_sbom_component *comp = &comps[f->component];
        shown++;
        tsn_buf_printf(out, "| %d | ", f->tier);
        md_cell(out, scan_severity_text(cli, f));
        if (f->vector)
            tsn_buf_printf(out, " %.1f", f->cvss.score);
        tsn_buf_puts(out, " | ");
        char *url = NULL;
        (void)tsn_advisory_id_home(f->id, &url);
        if (url) {
            /* ids are [A-Za-z0-9._:-]: nothing in them ends the link */
            tsn_buf_puts(out, "[");
            md_cell(out, f->id);
            tsn_buf_printf(out, "](%s)", url);
        } else {
            md_cell(out, f->id);
        }
        tsn_buf_puts(out, " | ");
        tsn_free(url);
        md_cell(out, comp->purl ? comp->purl : comp->name);
        if (c->npath > 2) { /* the direct dependency it comes through */
            tsn_buf_puts(out, L(cli, " (via ", "（経由: "));
            md_cell(out, scan_component_label(&comps[c->path[1]]));
            tsn_buf_puts(out, L(cli, ")", "）"));
        }
        tsn_buf_puts(out, " | ");
        md_cell(out, c->version);
        tsn_buf_puts(out, " | ");
        for (size_t j = 0; j < f->nfixed; j++) {
            if (j)
                tsn_buf_puts(out, ", ");
            md_cell(out, f->fixed[j]);
        }
        tsn_buf_printf(out, " | %s | ",
                       f->kev ? (f->ransomware ? L(cli, "yes (ransomware)",
                                                   "あり（ランサムウェア）")
                                               : L(cli, "yes", "あり"))
                              : "");
        if (f->has_epss)
            tsn_buf_printf(out, "%.3f", f->epss);
        tsn_buf_puts(out, " | ");
        if (f->vex)
            md_cell(out, scan_vex_text(cli, f->vex_status));
        tsn_buf_puts(out, " |\n");
    }
    if (shown < total)
        tsn_buf_printf(out,
                       L(cli,
                         "\n%zu more not shown (`--format json` has all)\n",
                         "\nほか %zu 件は省略（`--format json` に全件）\n"),
                       total - shown);
    tsn_scan_counts k;
    tsn_scan_count(sc, &k);
    if (k.unjudged) {
        tsn_buf_printf(out,
                       L(cli,
                         "\n<details><summary>Product named without versions "
                         "that can be compared (judge whether yours is "
                         "affected): %zu</summary>\n\n",
                         "\n<details><summary>製品名が一致し、バージョンを比較"
                         "できない脆弱性情報（影響の有無は要確認）: %zu "
                         "件</summary>\n\n"),
                       k.unjudged);
        for (size_t i = 0; i < sc->ncomponents; i++) {
            const tsn_scan_component *c = &sc->components[i];
            if (!c->nunjudged)
                continue;
            tsn_buf_puts(out, "- ");
            md_cell(out, c->package);
            tsn_buf_putc(out, ' ');
            md_cell(out, c->version);
            tsn_buf_puts(out, ":");
            for (size_t j = 0; j < c->nunjudged; j++) {
                tsn_buf_puts(out, j ? ", " : " ");
                md_cell(out, c->unjudged[j]);
            }
            tsn_buf_putc(out, '\n');
        }
        tsn_buf_puts(out, "\n</details>\n");
    }
    size_t skipped = sc->ncomponents - sc->checked;
    if (skipped) {
        tsn_buf_printf(out,
                       L(cli,
                         "\n<details><summary>Components not checked: "
                         "%zu</summary>\n\n",
                         "\n<details><summary>未照合の構成要素 %zu "
                         "件</summary>\n\n"),
                       skipped);
        for (size_t i = 0; i < sc->ncomponents; i++) {
            if (!sc->components[i].skip)
                continue;
            tsn_buf_puts(out, "- ");
            md_cell(out, comps[i].purl   ? comps[i].purl
                         : comps[i].name ? comps[i].name
                                         : comps[i].ref);
            tsn_buf_puts(out, ": ");
            md_cell(out, scan_skip_text(cli, sc->components[i].skip));
            tsn_buf_putc(out, '\n');
        }
        tsn_buf_puts(out, "\n</details>\n");
    }
    tsn_buf_putc(out, '\n');
    free(order);
    return 0;
}

/* --format: the people's forms (table, markdown) and the programs'. */
enum scan_format {
    SF_TABLE,
    SF_JSON,
    SF_SARIF,
    SF_CDX,
    SF_CSV,
    SF_MARKDOWN,
    SF_HTML
};

static int scan_format(const char *s, enum scan_format *out)
{
    static const char *const names[] = {
        "table", "json", "sarif", "cyclonedx", "csv", "markdown", "html"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (enum scan_format)i;
            return 0;
        }
    cli_error("--format %s: expected table, json, sarif, cyclonedx, csv, "
              "markdown or html",
              s);
    return -1;
}

/* What one SBOM given gives. */
struct target {
    tsn_sbom *sbom;
    tsn_scan *scan;
    tsn_vex *own; /* the statements it carries */
    tsn_buf text; /* as read (kept for --format cyclonedx) */
};

/* Read, scan and apply VEX to @p path. */
static int scan_one(struct cli *cli,
                    tsn_vulndb *db,
                    unsigned jobs,
                    tsn_vex *files,
                    const char *path,
                    struct target *t)
{
    tsn_sbom_read_opts o = TSN_SBOM_READ_OPTS_INIT;
    size_t max = tsn_ctx_limits(cli->ctx)->document_bytes;
    o.name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    t->text = (tsn_buf)TSN_BUF_INIT(max + 1);
    if (tsnu_file_read(&t->text, path, max) < 0 ||
        tsn_sbom_read(&t->sbom, cli->ctx, tsn_buf_cstr(&t->text), t->text.len,
                      &o) < 0 ||
        tsn_scan_run_jobs(db, t->sbom, jobs, &t->scan) < 0 ||
        tsn_vex_new(&t->own) < 0 || tsn_vex_from_sbom(t->own, t->sbom) < 0 ||
        tsn_scan_apply_vex(t->scan, t->sbom, (tsn_vex *[]){t->own, files}, 2) <
            0 ||
        tsn_vex_mark_known(t->own, t->sbom) < 0 ||
        tsn_vex_mark_known(files, t->sbom) < 0)
        return cli_fail();
    return EXIT_OK;
}

int cmd_scan(struct cli *cli, int argc, char **argv)
{
    const struct command *cmd = cli_command("scan", "");
    const char *dbopt = NULL, **fail_on = NULL, *max_age = NULL, **vex = NULL;
    const char *format = NULL, *output = NULL, *tier_epss = NULL;
    const char *tier_severity = NULL, *jobs_opt = NULL;
    bool show_suppressed = false;
    const struct opt opts[] = {
        {"--db", "FILE", "the knowledge base file", &dbopt, NULL, NULL},
        {"--vex", "FILE",
         "VEX statements to apply: OpenVEX, CycloneDX or CSAF (repeatable)",
         NULL, NULL, &vex},
        {"--show-suppressed", NULL,
         "list the findings VEX statements leave out, with the reason", NULL,
         &show_suppressed, NULL},
        {"--fail-on", "WHAT",
         "exit 1 when a finding is critical, high, medium or low (or worse), "
         "kev, epss:P, or in priority tier N or a higher one: tier:N "
         "(repeatable)",
         NULL, NULL, &fail_on},
        {"--tier-epss", "P",
         "EPSS probability from which a finding is in tier 2 (default 0.1)",
         &tier_epss, NULL, NULL},
        {"--tier-severity", "LEVEL",
         "severity from which a finding is in tier 3: critical, high "
         "(default), medium or low",
         &tier_severity, NULL, NULL},
        {"--max-db-age", "AGE",
         "exit 3 when the knowledge base was last updated longer ago "
         "(N, Ns, Nm, Nh, Nd)",
         &max_age, NULL, NULL},
        {"--format", "FORMAT",
         "table (default), json, sarif, cyclonedx (a VDR of one SBOM), csv, "
         "markdown or html (a self-contained report with charts)",
         &format, NULL, NULL},
        {"-o", "FILE", "write to FILE (atomically) instead of stdout", &output,
         NULL, NULL},
        {"--jobs", "N",
         "look components up in N threads (default: one per processor; the "
         "findings are the same)",
         &jobs_opt, NULL, NULL},
        {NULL, NULL, NULL, NULL, NULL, NULL}};
    char **pos = NULL, *path = NULL;
    int npos = 0;
    int rc = cli_parse(cli, cmd, opts, argc, argv, &pos, &npos);
    if (rc != 0) {
        free(fail_on);
        free(vex);
        return rc > 0 ? EXIT_OK : EXIT_BADINPUT;
    }
    enum scan_format sf = SF_TABLE;
    if (format && scan_format(format, &sf) < 0)
        rc = EXIT_BADINPUT;
    cli->format = sf == SF_JSON ? FORMAT_JSON : FORMAT_TABLE;
    struct gate g = {false, -1, false, 2.0, 0};
    for (size_t i = 0; fail_on && fail_on[i] && rc == 0; i++)
        if (gate_add(&g, fail_on[i]) < 0)
            rc = EXIT_BADINPUT;
    tsn_tier_policy tp = TSN_TIER_POLICY_INIT;
    if (rc == 0 && tier_policy(tier_epss, tier_severity, &tp) < 0)
        rc = EXIT_BADINPUT;
    if (rc == 0 && npos == 0) {
        cli_error("usage: %s", cmd->usage);
        rc = EXIT_BADINPUT;
    }
    if (rc == 0 && sf == SF_CDX && npos > 1) {
        cli_error("--format cyclonedx writes the VDR of one SBOM: give one");
        rc = EXIT_BADINPUT;
    }
    unsigned long jobs = 0;
    if (rc == 0 && jobs_opt &&
        (!tsnu_parse_ulong(jobs_opt, &jobs) || jobs < 1 ||
         jobs > TSN_SCAN_JOBS_MAX)) {
        cli_error("--jobs %s: expected a number from 1 to %d", jobs_opt,
                  TSN_SCAN_JOBS_MAX);
        rc = EXIT_BADINPUT;
    }
    long long max = max_age ? duration(max_age) : 0;
    if (rc == 0 && max < 0) {
        cli_error("--max-db-age %s: expected N, Ns, Nm, Nh or Nd", max_age);
        rc = EXIT_BADINPUT;
    }
    tsn_vex *files = NULL;
    if (rc == 0 && tsn_vex_new(&files) < 0)
        rc = cli_fail();
    for (size_t i = 0; rc == 0 && vex && vex[i]; i++)
        if (tsn_vex_read_file(files, cli->ctx, vex[i]) < 0)
            rc = cli_fail();
    tsn_vulndb *db = NULL;
    if (rc == 0)
        rc = cli_open_db(dbopt, false, &db, &path);
    if (rc == 0 && max_age)
        rc = check_age(db, path, max_age, max);
    struct target *ts = calloc(npos ? (size_t)npos : 1, sizeof *ts);
    tsn_scan_target *st = calloc(npos ? (size_t)npos : 1, sizeof *st);
    if (rc == 0 && (!ts || !st)) {
        cli_error("out of memory");
        rc = EXIT_INTERNAL;
    }
    bool failed = false;
    int nt = 0;
    for (; rc == 0 && nt < npos; nt++) {
        if ((rc = scan_one(cli, db, (unsigned)jobs, files, pos[nt], &ts[nt])) !=
            EXIT_OK) {
            nt++;
            break;
        }
        tsn_scan_prioritise(ts[nt].scan, &tp);
        st[nt] = (tsn_scan_target){ts[nt].scan, ts[nt].sbom, pos[nt]};
        unknown_products(cli, ts[nt].own);
        for (size_t j = 0; j < ts[nt].scan->nfindings; j++)
            failed |= g.set && !ts[nt].scan->findings[j].suppressed &&
                      gate_fails(&g, &ts[nt].scan->findings[j]);
    }
    if (rc == 0 && files)
        unknown_products(cli, files);
    bool tty = !output && isatty(1) && !getenv("NO_COLOR");
    tsn_buf out = TSN_BUF_INIT(SIZE_MAX / 2);
    char *text = NULL;
    static const char json_head[] = "{\"schemaVersion\": 1, \"targets\": [\n";
    /* JSON: each target's document is written as the library made it,
     * between the pieces that join them (megabytes, not copied again) */
    char **docs = NULL;
    tsnu_part *parts = NULL;
    size_t nparts = 0;
    if (rc == 0 && sf == SF_JSON) {
        docs = calloc((size_t)nt + 1, sizeof *docs);
        parts = calloc(2 * (size_t)nt + 1, sizeof *parts);
        if (!docs || !parts) {
            cli_error("out of memory");
            rc = EXIT_INTERNAL;
        }
        if (rc == 0)
            parts[nparts++] = (tsnu_part){json_head, strlen(json_head)};
        for (int i = 0; rc == 0 && i < nt; i++) {
            if (tsn_scan_to_json(ts[i].scan, ts[i].sbom, pos[i], &docs[i]) <
                0) {
                rc = cli_fail();
                break;
            }
            size_t len = strlen(docs[i]);
            while (len && docs[i][len - 1] == '\n')
                len--;
            if (i)
                parts[nparts++] = (tsnu_part){",\n", 2};
            parts[nparts++] = (tsnu_part){docs[i], len};
        }
        if (rc == 0)
            parts[nparts++] = (tsnu_part){"\n]}\n", 4};
    } else if (rc == 0 && sf == SF_TABLE) {
        for (int i = 0; i < nt; i++) {
            if (i)
                tsn_buf_putc(&out, '\n');
            render(cli, pos[i], ts[i].sbom, ts[i].scan, tty, show_suppressed,
                   &out);
        }
    } else if (rc == 0 && sf == SF_HTML) {
        char *kb = last_updated(db);
        if (scan_html(cli, st, (size_t)nt, show_suppressed, kb, &out) < 0)
            rc = cli_fail();
        free(kb);
    } else if (rc == 0 && sf == SF_MARKDOWN) {
        for (int i = 0; rc == 0 && i < nt; i++)
            if (scan_markdown(cli, pos[i], ts[i].sbom, ts[i].scan,
                              show_suppressed, &out) < 0)
                rc = cli_fail();
    } else if (rc == 0) {
        int lrc = sf == SF_SARIF ? tsn_scan_to_sarif(st, (size_t)nt, &text)
                  : sf == SF_CSV
                      ? tsn_scan_to_csv(st, (size_t)nt, show_suppressed, &text)
                      : tsn_scan_to_vdr(ts[0].scan, ts[0].sbom,
                                        tsn_buf_cstr(&ts[0].text),
                                        ts[0].text.len, pos[0], &text);
        if (lrc < 0)
            rc = cli_fail();
        else
            tsn_buf_puts(&out, text);
    }
    if (rc == 0)
        rc = parts ? cli_emit_parts(output, parts, nparts)
                   : cli_emit(output, &out);
    if (rc == 0 && failed)
        rc = EXIT_FINDINGS;
    tsn_vulndb_close(db);
    /* The report, the SBOMs and the scans are hundreds of thousands of
     * blocks, which take milliseconds to free. The process ends with
     * this command: when main() set its heap up for that, they are left
     * to exit. */
    if (cli->heap_to_exit)
        return rc;
    tsn_free(text);
    tsn_buf_dispose(&out);
    for (int i = 0; docs && i < nt; i++)
        tsn_free(docs[i]);
    free(docs);
    free(parts);
    for (int i = 0; ts && i < nt; i++) {
        tsn_vex_free(ts[i].own);
        tsn_scan_free(ts[i].scan);
        tsn_sbom_free(ts[i].sbom);
        tsn_buf_dispose(&ts[i].text);
    }
    free(ts);
    free(st);
    tsn_vex_free(files);
    free(path);
    free(pos);
    free(fail_on);
    free(vex);
    return rc;
}
