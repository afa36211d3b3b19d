/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `db show` for people: one vulnerability joined from every source that
 * has a record of it (OSV, NVD, CVE 5, JVN), with KEV and EPSS, in
 * Japanese or English. Each fact says which record it comes from.
 */
#include "cli.h"

#include "tsunagi/cpe.h"
#include "tsunagi/cvss.h"
#include "tsunagi/limits.h"
#include "tsunagi/vulndb.h"
#include "util/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* A CVSS rating in the reader's language (Japanese as JVN words them). */
static const char *rating_name(const struct cli *cli, tsn_cvss_rating r)
{
    static const char *const ja[] = {"なし", "注意", "警告", "重要", "緊急"};
    return cli->lang == LANG_JA && (unsigned)r < 5 ? ja[r]
                                                   : tsn_cvss_rating_name(r);
}

#define REFS_SHOWN 10

/* The output, and the first error writing it. */
struct wr {
    tsn_buf *out;
    int rc;
};

TSN_PRINTF(2, 3)
static void pf(struct wr *w, const char *fmt, ...)
{
    char small[1024], *text = small;
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof small && (text = tsn_malloc((size_t)n + 1)))
        vsnprintf(text, (size_t)n + 1, fmt, again);
    va_end(again);
    int rc =
        n < 0 || !text ? tsn_error_oom() : tsn_buf_put(w->out, text, (size_t)n);
    if (text != small)
        tsn_free(text);
    if (rc < 0 && w->rc == 0)
        w->rc = rc;
}

static void pn(struct wr *w, const char *s, size_t n)
{
    int rc = tsn_buf_put(w->out, s, n);
    if (rc < 0 && w->rc == 0)
        w->rc = rc;
}

static void ps(struct wr *w, const char *s)
{
    pn(w, s, strlen(s));
}

/* The record whose summary a person reads first: one in their language
 * (JVN's for Japanese), else one that has a summary, else any. */
static const tsn_advisory *headline(const struct cli *cli,
                                    const tsn_vulndb_view *v)
{
    const tsn_advisory *best = NULL;
    for (size_t i = 0; i < v->n; i++) {
        const tsn_advisory *a = v->advisories[i];
        bool ja = a->lang && strncmp(a->lang, "ja", 2) == 0;
        bool mine = cli->lang == LANG_JA ? ja : !a->lang;
        if (mine && (a->summary || a->details))
            return a;
        if (!best && (a->summary || a->details) && !a->lang)
            best = a;
    }
    return best ? best : v->n ? v->advisories[0] : NULL;
}

/* The first line of @p s, at most @p max bytes (cut at a UTF-8 boundary). */
static void first_line(struct wr *b, const char *s, size_t max)
{
    size_t n = strcspn(s, "\n");
    if (n > max) {
        n = max;
        while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    pn(b, s, n);
    if (s[n] && s[n] != '\n')
        ps(b, "...");
}

static void label(struct wr *b, const char *l)
{
    pf(b, "  %s\n    ", l);
}

/* The group's ids (each record's id and aliases, @p cwes false) or CWE
 * ids, each once, comma-joined; "-" when none but @p skip. */
static void
distinct(struct wr *b, const tsn_vulndb_view *v, bool cwes, const char *skip)
{
    tsnu_vec all = TSNU_VEC_INIT(const char *, TSN_LIMIT_COMPONENTS);
    for (size_t i = 0; i < v->n && b->rc == 0; i++) {
        const tsn_advisory *a = v->advisories[i];
        if (!cwes && tsnu_vec_push(&all, &a->id) < 0)
            b->rc = tsn_error_oom();
        size_t n = cwes ? a->ncwes : a->naliases;
        for (size_t j = 0; j < n && b->rc == 0; j++)
            if (tsnu_vec_push(&all, cwes ? &a->cwes[j] : &a->aliases[j]) < 0)
                b->rc = tsn_error_oom();
    }
    const char **s = all.ptr;
    size_t shown = 0;
    for (size_t i = 0; i < all.len; i++) {
        bool seen = skip && strcmp(s[i], skip) == 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(s[j], s[i]) == 0;
        if (!seen)
            pf(b, "%s%s", shown++ ? ", " : "", s[i]);
    }
    if (!shown)
        ps(b, "-");
    tsnu_vec_dispose(&all);
}

/* ">= 2.0, < 2.3" for a range's events. */
static void range_text(struct wr *b, const tsn_adv_range *r)
{
    size_t start = b->out->len;
    for (size_t i = 0; i < r->nevents; i++) {
        const tsn_adv_event *e = &r->events[i];
        const char *op = e->kind == TSN_EV_INTRODUCED      ? ">="
                         : e->kind == TSN_EV_FIXED         ? "<"
                         : e->kind == TSN_EV_LAST_AFFECTED ? "<="
                                                           : "limit";
        if (e->kind == TSN_EV_INTRODUCED && strcmp(e->version, "0") == 0)
            continue;
        pf(b, "%s%s %s", b->out->len > start ? ", " : "", op, e->version);
    }
    if (b->out->len == start)
        ps(b, "*");
}

static void affected_entry(const struct cli *cli,
                           struct wr *b,
                           const tsn_advisory *a,
                           const tsn_adv_affected *af)
{
    ps(b, "    ");
    if (af->ecosystem)
        pf(b, "%s %s", af->ecosystem, af->name ? af->name : "");
    else
        pf(b, "%s%s%s", af->vendor ? af->vendor : "",
           af->vendor && af->product ? " " : "",
           af->product ? af->product : "");
    if (!af->ecosystem && af->ncpes)
        pf(b, " (%s)", af->cpes[0]);
    ps(b, ": ");
    size_t start = b->out->len;
    for (size_t i = 0; i < af->nranges; i++) {
        if (b->out->len > start)
            ps(b, "; ");
        range_text(b, &af->ranges[i]);
    }
    if (af->nversions)
        pf(b, "%s= ", b->out->len > start ? "; " : "");
    for (size_t i = 0; i < af->nversions; i++)
        pf(b, "%s%s", i ? ", " : "", af->versions[i]);
    for (size_t i = 0; i < af->nstatements; i++)
        pf(b, "%s\"%s\" (%s)", b->out->len > start ? "; " : "",
           af->statements[i],
           L(cli, "as written; check by hand", "記載のまま、要確認"));
    if (af->nunaffected)
        pf(b, "%s%s ", b->out->len > start ? "; " : "",
           L(cli, "not affected:", "影響なし:"));
    for (size_t i = 0; i < af->nunaffected; i++)
        pf(b, "%s%s", i ? ", " : "", af->unaffected[i]);
    if (b->out->len == start)
        ps(b, L(cli, "versions not given", "バージョン記載なし"));
    pf(b, "  [%s %s]\n", a->source, a->id);
}

/* The vulnerable CPE matches of NVD's configurations. */
static void config_entries(struct wr *b, const tsn_advisory *a)
{
    for (size_t i = 0; i < a->nconfigs; i++)
        for (size_t j = 0; j < a->configs[i].nnodes; j++) {
            const tsn_adv_node *n = &a->configs[i].nodes[j];
            for (size_t k = 0; k < n->nmatches; k++) {
                const tsn_adv_cpe_match *m = &n->matches[k];
                if (!m->vulnerable)
                    continue;
                tsn_cpe *cpe = NULL;
                const char *ver = NULL, *upd = NULL;
                if (tsn_cpe_parse(&cpe, m->criteria) == 0) {
                    ver = tsn_cpe_value(cpe, TSN_CPE_VERSION);
                    upd = tsn_cpe_value(cpe, TSN_CPE_UPDATE);
                }
                pf(b, "    CPE %s:%s: ", m->vendor, m->product);
                size_t start = b->out->len;
                const struct {
                    const char *op, *v;
                } bounds[] = {{">=", m->start_incl},
                              {">", m->start_excl},
                              {"<=", m->end_incl},
                              {"<", m->end_excl}};
                for (size_t x = 0; x < 4; x++)
                    if (bounds[x].v)
                        pf(b, "%s%s %s", b->out->len > start ? ", " : "",
                           bounds[x].op, bounds[x].v);
                if (b->out->len == start && ver) {
                    ps(b, "=");
                    for (const char *part = ver; part;
                         part = part == ver ? upd : NULL) {
                        ps(b, " ");
                        for (const char *c = part; *c; c++) /* WFN quoting */
                            if (*c != '\\' || !c[1])
                                pn(b, c, 1);
                    }
                } else if (b->out->len == start) {
                    ps(b, "*");
                }
                pf(b, "%s  [%s %s]\n",
                   n->and_op || a->configs[i].and_op ? " (+ platform)" : "",
                   a->source, a->id);
                tsn_cpe_free(cpe);
            }
        }
}

static void render(const struct cli *cli,
                   const char *id,
                   const tsn_vulndb_view *v,
                   struct wr *b)
{
    const tsn_advisory *h = headline(cli, v);
    pf(b, "%s\n", id);
    if (h && (h->summary || h->details)) {
        label(b, L(cli, "Summary", "概要"));
        first_line(b, h->summary ? h->summary : h->details, 400);
        pf(b, "  [%s %s]\n", h->source, h->id);
    }
    label(b, L(cli, "Also known as", "別名"));
    distinct(b, v, false, id);
    ps(b, "\n");

    label(b, L(cli, "Severity", "深刻度"));
    size_t start = b->out->len;
    for (size_t i = 0; i < v->n; i++) {
        const tsn_advisory *a = v->advisories[i];
        for (size_t j = 0; j < a->nseverity; j++) {
            pf(b, "%s%s %s (%s)", b->out->len > start ? "\n    " : "",
               a->severity[j].type, a->severity[j].score,
               a->severity[j].by ? a->severity[j].by : a->source);
            tsn_cvss_scores sc; /* a vector's score; a rating stays as is */
            if (tsn_cvss_score(a->severity[j].score, &sc) == 0)
                pf(b, ": %.1f %s", sc.score, rating_name(cli, sc.rating));
            else
                tsn_error_clear();
        }
    }
    ps(b, b->out->len > start ? "\n" : "-\n");

    label(b, "CWE");
    distinct(b, v, true, NULL);
    ps(b, "\n");

    label(b, L(cli, "Known exploited (CISA KEV)",
               "悪用が確認された脆弱性 (CISA KEV)"));
    if (!v->nkev)
        ps(b, L(cli, "not listed\n", "掲載なし\n"));
    for (size_t i = 0; i < v->nkev; i++) {
        const tsn_kev_entry *k = &v->kev[i];
        pf(b,
           L(cli, "%s: added %s, due %s, ransomware use %s\n",
             "%s: 追加 %s、対応期限 %s、ランサムウェアでの悪用 %s\n"),
           k->cve, k->date_added, k->due_date,
           k->ransomware ? L(cli, "known", "あり") : L(cli, "unknown", "不明"));
        if (i + 1 < v->nkev)
            ps(b, "    ");
    }

    label(b, L(cli, "Exploit prediction (EPSS)", "悪用予測 (EPSS)"));
    if (!v->nepss)
        ps(b, L(cli, "no score\n", "スコアなし\n"));
    for (size_t i = 0; i < v->nepss; i++)
        pf(b,
           L(cli, "%s%s: %.4f (percentile %.1f)%s%s\n",
             "%s%s: %.4f (パーセンタイル %.1f)%s%s\n"),
           i ? "    " : "", v->epss[i].cve, v->epss[i].epss,
           v->epss[i].percentile * 100,
           v->epss_date ? L(cli, ", scored ", "、算出 ") : "",
           v->epss_date ? v->epss_date : "");

    pf(b, "  %s\n", L(cli, "Affected", "影響を受ける製品・パッケージ"));
    start = b->out->len;
    for (size_t i = 0; i < v->n; i++) {
        const tsn_advisory *a = v->advisories[i];
        for (size_t j = 0; j < a->naffected; j++)
            affected_entry(cli, b, a, &a->affected[j]);
        config_entries(b, a);
    }
    if (b->out->len == start)
        pf(b, "    -\n");

    pf(b, "  %s\n", L(cli, "Records", "情報源の記録"));
    for (size_t i = 0; i < v->n; i++) {
        const tsn_advisory *a = v->advisories[i];
        pf(b, "    %-4s %s  %s %s", a->source, a->id,
           L(cli, "modified", "更新"), a->modified);
        if (a->published)
            pf(b, L(cli, ", published %s", "、公開 %s"), a->published);
        if (a->withdrawn)
            pf(b, L(cli, ", WITHDRAWN %s", "、取り下げ %s"), a->withdrawn);
        if (a->overview)
            ps(b, L(cli, " (overview)", " (概要のみ)"));
        ps(b, "\n");
    }

    pf(b, "  %s\n", L(cli, "References", "参考情報"));
    size_t shown = 0, total = 0;
    for (size_t i = 0; i < v->n; i++)
        for (size_t j = 0; j < v->advisories[i]->nrefs; j++) {
            const char *url = v->advisories[i]->refs[j].url;
            bool seen = false;
            for (size_t x = 0; x <= i && !seen; x++)
                for (size_t y = 0;
                     y < (x < i ? v->advisories[x]->nrefs : j) && !seen; y++)
                    seen = strcmp(v->advisories[x]->refs[y].url, url) == 0;
            if (seen)
                continue;
            total++;
            if (shown < REFS_SHOWN) {
                pf(b, "    %s\n", url);
                shown++;
            }
        }
    if (total > shown)
        pf(b,
           L(cli, "    ... %zu more (--format json shows all)\n",
             "    ... ほか %zu 件 (--format json ですべて表示)\n"),
           total - shown);
    if (!total)
        ps(b, "    -\n");
}

int db_view_render(const struct cli *cli,
                   const char *id,
                   const tsn_vulndb_view *v,
                   tsn_buf *out)
{
    struct wr w = {out, 0};
    render(cli, id, v, &w);
    return w.rc;
}
