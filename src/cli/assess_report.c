/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tsunagi assess report: the report an executive reads and a trading
 * partner receives, from one answers file. First a summary (score,
 * maturity, level, the radar chart against the target and, with
 * --benchmark, a peer group; the sections; the five gaps that matter
 * most), then the details (every answer with its evidence, every gap with
 * its next step) and what the catalogue is based on. As HTML (one
 * self-contained page), PDF, the radar chart alone as SVG, Markdown, or
 * JSON (the scores, with the deviation scores against the peer group).
 */
#include "assess_report.h"
#include "util/json.h"
#include "util/markup.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double assess_round1(double v)
{
    return round(v * 10) / 10;
}

/* The label of the step @p value of @p q's scale. */
const char *assess_step_label(const struct cli *cli,
                              const tsn_question *q,
                              const tsn_answer *a)
{
    bool ja = cli->lang == LANG_JA;
    if (!a)
        return L(cli, "not answered", "未回答");
    if (a->na)
        return L(cli, "not applicable", "該当なし");
    for (size_t i = 0; i < q->scale->nlevels; i++)
        if (q->scale->levels[i].value == a->value)
            return tsn_text_in(&q->scale->levels[i].label, ja);
    return "?";
}

const char *assess_level_text(const struct report *r)
{
    const tsn_catalogue *c = r->s->catalogue;
    return r->s->level >= 0 ? tsn_text_in(&c->levels[r->s->level].label,
                                          r->cli->lang == LANG_JA)
                            : L(r->cli, "none", "なし");
}

const char *assess_status_text(const struct cli *cli, const tsn_catalogue *c)
{
    return strcmp(c->source.status, "official") == 0
               ? L(cli, "official", "公式")
               : L(cli,
                   "unofficial paraphrase written by the tsunagi project; "
                   "the official document decides",
                   "tsunagi "
                   "プロジェクトによる非公式の要約。正式な内容は公式文書によ"
                   "る");
}

const char *assess_fact_tag(const struct cli *cli, const char *tag)
{
    if (strcmp(tag, "C") == 0)
        return L(cli, "confirmed in the official source", "公式資料で確認");
    if (strcmp(tag, "S") == 0)
        return L(cli, "from secondary reporting", "二次情報による");
    if (strcmp(tag, "K") == 0)
        return L(cli, "background knowledge", "背景知識");
    return L(cli, "not confirmed", "未確認");
}

/* The radar chart: the organisation, the target, and the peer group. */
static int radar(struct report *r)
{
    const tsn_assessment *s = r->s;
    const tsn_catalogue *c = s->catalogue;
    size_t n = c->nsections;
    double *v = calloc(3 * n, sizeof *v);
    if (!v)
        return tsn_error_oom();
    for (size_t i = 0; i < n; i++) {
        v[i] = s->sections[i].score;
        v[n + i] = c->target;
        v[2 * n + i] = r->peer ? r->peer->sections[i].mean : NAN;
    }
    char target[64], peer[256];
    snprintf(target, sizeof target, "%s (%.0f)", L(r->cli, "target", "目標"),
             c->target);
    if (r->peer)
        snprintf(peer, sizeof peer, "%s: %s (%zu %s)",
                 L(r->cli, "benchmark", "ベンチマーク"), r->peer_name,
                 r->peer->count, L(r->cli, "organisations", "組織"));
    tsn_radar_series series[3] = {
        {s->answers->organisation, v, true, false},
        {target, v + n, false, true},
        {peer, v + 2 * n, false, false},
    };
    int rc = tsn_radar_svg(c, series, r->peer ? 3 : 2, r->cli->lang == LANG_JA,
                           &r->svg);
    free(v);
    return rc;
}

/* ---- HTML ---- */

static const char html_style[] =
    "body{font-family:'IPAexGothic','Noto Sans CJK JP','Hiragino Sans',"
    "'Yu Gothic',system-ui,sans-serif;margin:0 auto;max-width:60em;"
    "padding:1.5em;color:#202124;line-height:1.5}"
    "h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;"
    "border-bottom:1px solid #dadce0}"
    ".meta{color:#5f6368}.cards{display:flex;flex-wrap:wrap;gap:1em;"
    "margin:1em 0}.card{border:1px solid #dadce0;border-radius:8px;"
    "padding:.6em 1em;min-width:8em}.card b{display:block;font-size:1.6em}"
    "table{border-collapse:collapse;width:100%}th,td{text-align:left;"
    "padding:.3em .5em;border-bottom:1px solid #eee;vertical-align:top}"
    "td.n{text-align:right;white-space:nowrap}.barbg{background:#eee;"
    "width:10em;height:.8em;border-radius:4px}.bar{background:#1a73e8;"
    "height:.8em;border-radius:4px}.note{color:#5f6368;font-size:.9em}"
    ".blocks{color:#b3261e;font-weight:bold}"
    "@media print{body{padding:0}.details{break-before:page}"
    "tr,figure{break-inside:avoid}}";

static void h_score(tsnu_mw *w, double v)
{
    if (isnan(v))
        tsnu_mw_put(w, "–");
    else
        tsnu_mw_printf(w, "%.1f", assess_round1(v));
}

static void h_card(tsnu_mw *w, const char *label, const char *value)
{
    tsnu_mw_put(w, "<div class=\"card\"><b>");
    tsnu_mw_esc(w, value);
    tsnu_mw_put(w, "</b>");
    tsnu_mw_esc(w, label);
    tsnu_mw_put(w, "</div>");
}

static void h_gap(tsnu_mw *w, const struct report *r, const tsn_gap *g)
{
    const struct cli *cli = r->cli;
    const tsn_catalogue *c = r->s->catalogue;
    const tsn_question *q = &c->questions[g->question];
    bool ja = cli->lang == LANG_JA;
    tsnu_mw_put(w, "<tr><td>");
    tsnu_mw_esc(w, q->id);
    tsnu_mw_put(w, "</td><td>");
    tsnu_mw_esc(w, tsn_text_in(&q->text, ja));
    if (g->blocks) {
        tsnu_mw_put(w, " <span class=\"blocks\">");
        tsnu_mw_esc(w, L(cli, "needed for ", "次のレベルに必要: "));
        tsnu_mw_esc(w, tsn_text_in(&c->levels[r->s->level + 1].label, ja));
        tsnu_mw_put(w, "</span>");
    }
    tsnu_mw_put(w, "<br/><span class=\"note\">");
    tsnu_mw_esc(w, L(cli, "Next step: ", "次の一歩: "));
    tsnu_mw_esc(w, tsn_text_in(tsn_gap_next_step(c, g), ja));
    tsnu_mw_printf(w,
                   "</span></td><td class=\"n\">%d → %d</td>"
                   "<td class=\"n\">+%.1f</td></tr>\n",
                   g->value, g->target, assess_round1(g->impact));
}

static void h_gaps(tsnu_mw *w, const struct report *r, size_t max)
{
    const struct cli *cli = r->cli;
    tsnu_mw_put(w, "<table><tr><th>");
    tsnu_mw_esc(w, L(cli, "Question", "設問"));
    tsnu_mw_put(w, "</th><th></th><th>");
    tsnu_mw_esc(w, L(cli, "Now → target", "現在 → 目標"));
    tsnu_mw_put(w, "</th><th>");
    tsnu_mw_esc(w, L(cli, "Gain", "改善幅"));
    tsnu_mw_put(w, "</th></tr>\n");
    for (size_t i = 0; i < r->s->ngaps && i < max; i++)
        h_gap(w, r, &r->s->gaps[i]);
    tsnu_mw_put(w, "</table>\n");
}

static void html(const struct report *r, tsnu_mw *w)
{
    const struct cli *cli = r->cli;
    const tsn_assessment *s = r->s;
    const tsn_catalogue *c = s->catalogue;
    const tsn_answers *a = s->answers;
    bool ja = cli->lang == LANG_JA;
    char num[64];
    tsnu_mw_printf(w,
                   "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/"
                   "xhtml\" lang=\"%s\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                   "<meta name=\"viewport\" content=\"width=device-width, "
                   "initial-scale=1\"/>\n<meta http-equiv=\"Content-Security-"
                   "Policy\" content=\"default-src 'none'; style-src "
                   "'unsafe-inline'\"/>\n<title>",
                   L(cli, "en", "ja"));
    tsnu_mw_esc(w, a->organisation);
    tsnu_mw_put(w, ": ");
    tsnu_mw_esc(w, tsn_text_in(&c->title, ja));
    tsnu_mw_put(w, "</title>\n<style>");
    tsnu_mw_put(w, html_style);
    tsnu_mw_put(w, "</style>\n</head>\n<body>\n<h1>");
    tsnu_mw_esc(w, a->organisation);
    tsnu_mw_put(w, "</h1>\n<p class=\"meta\">");
    tsnu_mw_esc(w, tsn_text_in(&c->title, ja));
    tsnu_mw_put(w, " (");
    tsnu_mw_esc(w, c->scheme);
    tsnu_mw_put(w, " ");
    tsnu_mw_esc(w, c->version);
    tsnu_mw_put(w, ")<br/>");
    tsnu_mw_esc(w, L(cli, "Answered ", "回答日 "));
    tsnu_mw_esc(w, a->date);
    tsnu_mw_printf(w,
                   L(cli, "; report made %s by tsunagi %s",
                     "。報告書作成 %s（tsunagi %s）"),
                   r->today, tsn_version());
    tsnu_mw_put(w, "</p>\n<div class=\"cards\">");
    snprintf(num, sizeof num, "%.1f / 100", assess_round1(s->score));
    h_card(w, L(cli, "score", "スコア"), num);
    if (!isnan(s->maturity)) {
        snprintf(num, sizeof num, "%.1f", assess_round1(s->maturity));
        h_card(w, L(cli, "maturity", "成熟度"), num);
    }
    if (c->nlevels)
        h_card(w, L(cli, "level attained", "達成レベル"), assess_level_text(r));
    if (s->valid_until[0])
        h_card(w, L(cli, "valid until", "有効期限"), s->valid_until);
    snprintf(num, sizeof num, "%.0f", c->target);
    h_card(w, L(cli, "target", "目標"), num);
    snprintf(num, sizeof num, "%zu", s->ngaps);
    h_card(w, L(cli, "gaps", "ギャップ"), num);
    tsnu_mw_put(w, "</div>\n");
    if (r->svg) {
        tsnu_mw_put(w, "<figure>");
        tsnu_mw_put(w, r->svg);
        tsnu_mw_put(w, "</figure>\n");
    }
    tsnu_mw_put(w, "<h2>");
    tsnu_mw_esc(w, L(cli, "Sections", "区分"));
    tsnu_mw_put(w, "</h2>\n<table><tr><th></th><th></th><th>");
    tsnu_mw_esc(w, L(cli, "Score", "スコア"));
    tsnu_mw_put(w, "</th><th></th>");
    if (!isnan(s->maturity)) {
        tsnu_mw_put(w, "<th>");
        tsnu_mw_esc(w, L(cli, "Maturity", "成熟度"));
        tsnu_mw_put(w, "</th>");
    }
    if (r->peer) {
        tsnu_mw_put(w, "<th>");
        tsnu_mw_esc(w, L(cli, "Peer mean", "同業平均"));
        tsnu_mw_put(w, "</th><th>");
        tsnu_mw_esc(w, L(cli, "Deviation", "偏差値"));
        tsnu_mw_put(w, "</th>");
    }
    tsnu_mw_put(w, "</tr>\n");
    for (size_t i = 0; i < c->nsections; i++) {
        const tsn_section_score *ss = &s->sections[i];
        tsnu_mw_put(w, "<tr><td>");
        tsnu_mw_esc(w, c->sections[i].id);
        tsnu_mw_put(w, "</td><td>");
        tsnu_mw_esc(w, tsn_text_in(&c->sections[i].title, ja));
        tsnu_mw_put(w, "</td><td class=\"n\">");
        h_score(w, ss->score);
        tsnu_mw_printf(w,
                       "</td><td><div class=\"barbg\"><div class=\"bar\" "
                       "style=\"width:%.0f%%\"></div></div></td>",
                       isnan(ss->score) ? 0 : ss->score);
        if (!isnan(s->maturity)) {
            tsnu_mw_put(w, "<td class=\"n\">");
            h_score(w, ss->maturity);
            tsnu_mw_put(w, "</td>");
        }
        if (r->peer) {
            tsnu_mw_put(w, "<td class=\"n\">");
            h_score(w, r->peer->sections[i].mean);
            tsnu_mw_put(w, "</td><td class=\"n\">");
            h_score(w, tsn_deviation(ss->score, &r->peer->sections[i]));
            tsnu_mw_put(w, "</td>");
        }
        tsnu_mw_put(w, "</tr>\n");
    }
    tsnu_mw_put(w, "</table>\n");
    if (s->ngaps) {
        tsnu_mw_put(w, "<h2>");
        tsnu_mw_esc(w, L(cli, "What to do first", "優先して取り組むこと"));
        tsnu_mw_put(w, "</h2>\n");
        h_gaps(w, r, TOP_GAPS);
    }
    /* the details */
    tsnu_mw_put(w, "<div class=\"details\"><h2>");
    tsnu_mw_esc(w, L(cli, "Answers", "回答"));
    tsnu_mw_put(w, "</h2>\n");
    for (size_t i = 0; i < c->nsections; i++) {
        const tsn_section *sec = &c->sections[i];
        tsnu_mw_put(w, "<h3>");
        tsnu_mw_esc(w, tsn_text_in(&sec->title, ja));
        tsnu_mw_put(w, "</h3>\n<table>\n");
        for (size_t k = sec->first; k < sec->first + sec->count; k++) {
            const tsn_question *q = &c->questions[k];
            const tsn_answer *ans = r->by_q[k];
            tsnu_mw_put(w, "<tr><td>");
            tsnu_mw_esc(w, q->id);
            tsnu_mw_put(w, "</td><td>");
            tsnu_mw_esc(w, tsn_text_in(&q->text, ja));
            if (ans && (ans->evidence || ans->comment)) {
                tsnu_mw_put(w, "<br/><span class=\"note\">");
                if (ans->evidence) {
                    tsnu_mw_esc(w, L(cli, "Evidence: ", "根拠: "));
                    tsnu_mw_esc(w, ans->evidence);
                    tsnu_mw_put(w, " ");
                }
                if (ans->comment) {
                    tsnu_mw_esc(w, L(cli, "Comment: ", "コメント: "));
                    tsnu_mw_esc(w, ans->comment);
                }
                tsnu_mw_put(w, "</span>");
            }
            tsnu_mw_put(w, "</td><td>");
            tsnu_mw_esc(w, assess_step_label(cli, q, ans));
            tsnu_mw_put(w, "</td></tr>\n");
        }
        tsnu_mw_put(w, "</table>\n");
    }
    if (s->ngaps) {
        tsnu_mw_put(w, "<h2>");
        tsnu_mw_esc(w, L(cli, "Every gap", "すべてのギャップ"));
        tsnu_mw_put(w, "</h2>\n");
        h_gaps(w, r, SIZE_MAX);
    }
    tsnu_mw_put(w, "<h2>");
    tsnu_mw_esc(w, L(cli, "About the catalogue", "設問集について"));
    tsnu_mw_put(w, "</h2>\n<p>");
    tsnu_mw_esc(w, tsn_text_in(&c->source.title, ja));
    if (c->source.url) {
        tsnu_mw_put(w, " (");
        tsnu_mw_esc(w, c->source.url);
        tsnu_mw_put(w, ")");
    }
    tsnu_mw_put(w, ": ");
    tsnu_mw_esc(w, assess_status_text(cli, c));
    tsnu_mw_put(w, ".</p>\n");
    if (c->nfacts) {
        tsnu_mw_put(w, "<ul>\n");
        for (size_t i = 0; i < c->nfacts; i++) {
            tsnu_mw_put(w, "<li>");
            tsnu_mw_esc(w, tsn_text_in(&c->facts[i].text, ja));
            tsnu_mw_put(w, " <span class=\"note\">[");
            tsnu_mw_esc(w, assess_fact_tag(cli, c->facts[i].tag));
            tsnu_mw_put(w, "]</span></li>\n");
        }
        tsnu_mw_put(w, "</ul>\n");
    }
    if (r->peer) {
        tsnu_mw_put(w, "<p class=\"note\">");
        tsnu_mw_esc(w, L(cli,
                         "Deviation scores: (score − peer mean) / standard "
                         "deviation × 10 + 50; 50 is the peer mean.",
                         "偏差値 = (スコア − 同業平均) ÷ 標準偏差 × 10 + "
                         "50。50 が同業平均。"));
        tsnu_mw_put(w, "</p>\n");
    }
    tsnu_mw_put(w, "</div>\n</body>\n</html>\n");
}

/* ---- Markdown ---- */

/* @p s with the characters Markdown tables and inline text treat
 * specially escaped, and line ends as spaces. */
static void md_text(tsnu_mw *w, const char *s)
{
    for (; s && *s && w->rc == 0; s++) {
        if (strchr("\\`*_[]<>|#", *s))
            w->rc = tsn_buf_putc(w->b, '\\');
        if (w->rc == 0)
            w->rc = tsn_buf_putc(w->b, *s == '\n' || *s == '\r' ? ' ' : *s);
    }
}

static void md_score(tsnu_mw *w, double v)
{
    if (isnan(v))
        tsnu_mw_put(w, "–");
    else
        tsnu_mw_printf(w, "%.1f", assess_round1(v));
}

static void md_gaps(const struct report *r, tsnu_mw *w, size_t max)
{
    const struct cli *cli = r->cli;
    const tsn_catalogue *c = r->s->catalogue;
    bool ja = cli->lang == LANG_JA;
    tsnu_mw_printf(w, "| %s | | %s | %s |\n|---|---|---|---|\n",
                   L(cli, "Question", "設問"),
                   L(cli, "Now → target", "現在 → 目標"),
                   L(cli, "Gain", "改善幅"));
    for (size_t i = 0; i < r->s->ngaps && i < max; i++) {
        const tsn_gap *g = &r->s->gaps[i];
        const tsn_question *q = &c->questions[g->question];
        tsnu_mw_put(w, "| ");
        md_text(w, q->id);
        tsnu_mw_put(w, " | ");
        md_text(w, tsn_text_in(&q->text, ja));
        if (g->blocks) {
            tsnu_mw_printf(w, " **%s",
                           L(cli, "needed for ", "次のレベルに必要: "));
            md_text(w, tsn_text_in(&c->levels[r->s->level + 1].label, ja));
            tsnu_mw_put(w, "**");
        }
        tsnu_mw_printf(w, "<br>%s", L(cli, "Next step: ", "次の一歩: "));
        md_text(w, tsn_text_in(tsn_gap_next_step(c, g), ja));
        tsnu_mw_printf(w, " | %d → %d | +%.1f |\n", g->value, g->target,
                       assess_round1(g->impact));
    }
}

static void markdown(const struct report *r, tsnu_mw *w)
{
    const struct cli *cli = r->cli;
    const tsn_assessment *s = r->s;
    const tsn_catalogue *c = s->catalogue;
    const tsn_answers *a = s->answers;
    bool ja = cli->lang == LANG_JA;
    tsnu_mw_put(w, "# ");
    md_text(w, a->organisation);
    tsnu_mw_put(w, "\n\n");
    md_text(w, tsn_text_in(&c->title, ja));
    tsnu_mw_printf(w, " (%s %s). %s %s. ", c->scheme, c->version,
                   L(cli, "Answered", "回答日"), a->date);
    tsnu_mw_printf(w,
                   L(cli, "Report made %s by tsunagi %s.\n\n",
                     "報告書作成 %s（tsunagi %s）。\n\n"),
                   r->today, tsn_version());
    tsnu_mw_printf(w, "- %s: **%.1f** / 100\n", L(cli, "Score", "スコア"),
                   assess_round1(s->score));
    if (!isnan(s->maturity))
        tsnu_mw_printf(w, "- %s: **%.1f**\n", L(cli, "Maturity", "成熟度"),
                       assess_round1(s->maturity));
    if (c->nlevels) {
        tsnu_mw_printf(w, "- %s: **", L(cli, "Level attained", "達成レベル"));
        md_text(w, assess_level_text(r));
        tsnu_mw_put(w, "**");
        if (s->valid_until[0])
            tsnu_mw_printf(w, L(cli, " (valid until %s)", "(%s まで有効)"),
                           s->valid_until);
        tsnu_mw_put(w, "\n");
    }
    tsnu_mw_printf(w, "- %s: %.0f\n- %s: %zu\n\n", L(cli, "Target", "目標"),
                   c->target, L(cli, "Gaps", "ギャップ"), s->ngaps);
    tsnu_mw_printf(w, "## %s\n\n| | | %s |", L(cli, "Sections", "区分"),
                   L(cli, "Score", "スコア"));
    if (!isnan(s->maturity))
        tsnu_mw_printf(w, " %s |", L(cli, "Maturity", "成熟度"));
    if (r->peer)
        tsnu_mw_printf(w, " %s | %s |", L(cli, "Peer mean", "同業平均"),
                       L(cli, "Deviation", "偏差値"));
    tsnu_mw_put(w, "\n|---|---|---:|");
    if (!isnan(s->maturity))
        tsnu_mw_put(w, "---:|");
    if (r->peer)
        tsnu_mw_put(w, "---:|---:|");
    tsnu_mw_put(w, "\n");
    for (size_t i = 0; i < c->nsections; i++) {
        const tsn_section_score *ss = &s->sections[i];
        tsnu_mw_put(w, "| ");
        md_text(w, c->sections[i].id);
        tsnu_mw_put(w, " | ");
        md_text(w, tsn_text_in(&c->sections[i].title, ja));
        tsnu_mw_put(w, " | ");
        md_score(w, ss->score);
        tsnu_mw_put(w, " |");
        if (!isnan(s->maturity)) {
            tsnu_mw_put(w, " ");
            md_score(w, ss->maturity);
            tsnu_mw_put(w, " |");
        }
        if (r->peer) {
            tsnu_mw_put(w, " ");
            md_score(w, r->peer->sections[i].mean);
            tsnu_mw_put(w, " | ");
            md_score(w, tsn_deviation(ss->score, &r->peer->sections[i]));
            tsnu_mw_put(w, " |");
        }
        tsnu_mw_put(w, "\n");
    }
    if (s->ngaps) {
        tsnu_mw_printf(w, "\n## %s\n\n",
                       L(cli, "What to do first", "優先して取り組むこと"));
        md_gaps(r, w, TOP_GAPS);
    }
    tsnu_mw_printf(w, "\n## %s\n\n", L(cli, "Answers", "回答"));
    for (size_t i = 0; i < c->nsections; i++) {
        const tsn_section *sec = &c->sections[i];
        tsnu_mw_put(w, "### ");
        md_text(w, tsn_text_in(&sec->title, ja));
        tsnu_mw_put(w, "\n\n| | | |\n|---|---|---|\n");
        for (size_t k = sec->first; k < sec->first + sec->count; k++) {
            const tsn_question *q = &c->questions[k];
            const tsn_answer *ans = r->by_q[k];
            tsnu_mw_put(w, "| ");
            md_text(w, q->id);
            tsnu_mw_put(w, " | ");
            md_text(w, tsn_text_in(&q->text, ja));
            if (ans && ans->evidence) {
                tsnu_mw_printf(w, "<br>%s", L(cli, "Evidence: ", "根拠: "));
                md_text(w, ans->evidence);
            }
            if (ans && ans->comment) {
                tsnu_mw_printf(w, "<br>%s", L(cli, "Comment: ", "コメント: "));
                md_text(w, ans->comment);
            }
            tsnu_mw_put(w, " | ");
            md_text(w, assess_step_label(cli, q, ans));
            tsnu_mw_put(w, " |\n");
        }
        tsnu_mw_put(w, "\n");
    }
    if (s->ngaps) {
        tsnu_mw_printf(w, "## %s\n\n", L(cli, "Every gap", "すべてのギャップ"));
        md_gaps(r, w, SIZE_MAX);
        tsnu_mw_put(w, "\n");
    }
    tsnu_mw_printf(w, "## %s\n\n",
                   L(cli, "About the catalogue", "設問集について"));
    md_text(w, tsn_text_in(&c->source.title, ja));
    if (c->source.url)
        tsnu_mw_printf(w, " (<%s>)", c->source.url);
    tsnu_mw_put(w, ": ");
    md_text(w, assess_status_text(cli, c));
    tsnu_mw_put(w, ".\n\n");
    for (size_t i = 0; i < c->nfacts; i++) {
        tsnu_mw_put(w, "- ");
        md_text(w, tsn_text_in(&c->facts[i].text, ja));
        tsnu_mw_printf(w, " [%s]\n", assess_fact_tag(cli, c->facts[i].tag));
    }
}

/* ---- JSON ---- */

static void put_number(tsnu_jw *w, const char *key, double v)
{
    tsnu_jw_key(w, key);
    tsnu_jw_double(w, isnan(v) ? v : assess_round1(v));
}

static int json(const struct report *r, tsn_buf *b)
{
    char *score = NULL;
    if (tsn_assessment_to_json(r->s, &score) < 0)
        return -1;
    if (!r->peer) {
        int rc = tsn_buf_puts(b, score);
        tsn_free(score);
        return rc;
    }
    /* the scores' object, with the peer group and deviation scores added
     * as its last member */
    const tsn_catalogue *c = r->s->catalogue;
    size_t n = strlen(score);
    while (n && (score[n - 1] == '\n' || score[n - 1] == ' '))
        n--;
    if (n)
        n--; /* the closing brace */
    int rc = tsn_buf_put(b, score, n);
    tsn_free(score);
    tsnu_jw w;
    tsn_buf peer = TSN_BUF_INIT((size_t)1 << 20);
    tsnu_jw_init(&w, &peer);
    tsnu_jw_object(&w);
    tsnu_jw_kstr(&w, "group", r->peer_name);
    tsnu_jw_key(&w, "count");
    tsnu_jw_long(&w, (long)r->peer->count);
    put_number(&w, "overallMean", r->peer->overall.mean);
    put_number(&w, "overallDeviation",
               tsn_deviation(r->s->score, &r->peer->overall));
    tsnu_jw_key(&w, "sections");
    tsnu_jw_array(&w);
    for (size_t i = 0; i < c->nsections; i++) {
        const tsn_bench_stat *st = &r->peer->sections[i];
        tsnu_jw_object(&w);
        tsnu_jw_kstr(&w, "id", c->sections[i].id);
        put_number(&w, "mean", st->mean);
        put_number(&w, "sd", st->sd);
        put_number(&w, "deviation", tsn_deviation(r->s->sections[i].score, st));
        tsnu_jw_end(&w);
    }
    tsnu_jw_end(&w);
    tsnu_jw_end(&w);
    if (rc == 0)
        rc = tsnu_jw_finish(&w);
    if (rc == 0)
        rc = tsn_buf_puts(b, ",\n \"benchmark\": ");
    if (rc == 0)
        rc = tsn_buf_put(b, peer.ptr, peer.len);
    if (rc == 0)
        rc = tsn_buf_puts(b, "\n}\n");
    tsn_buf_dispose(&peer);
    return rc;
}

/* ---- the command ---- */

/* The peer group of benchmark file @p path: @p name, else the one that
 * fits the organisation best. Exit code. */
static int peer_group(struct report *r,
                      const char *path,
                      const char *name,
                      const tsn_assessment *s,
                      tsn_benchmark **bm)
{
    tsn_buf text = TSN_BUF_INIT((size_t)64 * 1024 * 1024);
    int rc = tsnu_file_read(&text, path, text.max);
    if (rc == 0)
        rc = tsn_benchmark_read(bm, s->catalogue, tsn_buf_cstr(&text), text.len,
                                path);
    tsn_buf_dispose(&text);
    if (rc < 0)
        return cli_fail();
    r->peer =
        tsn_benchmark_group(*bm, s->answers->industry, s->answers->size, name);
    if (!r->peer && name) {
        cli_error("%s: no group '%s' is published (names: all, INDUSTRY, "
                  "size:SIZE, INDUSTRY/SIZE)",
                  path, name);
        return EXIT_BADINPUT;
    }
    if (!r->peer) {
        cli_warn(r->cli,
                 "%s: no published group fits %s; the report has no "
                 "benchmark",
                 path, s->answers->organisation);
        return EXIT_OK;
    }
    tsn_bench_group_name(r->peer, r->peer_name, sizeof r->peer_name);
    return EXIT_OK;
}

int cmd_assess_report(struct cli *cli, int argc, char **argv)
{
    const char *format = "html", *output = NULL, *bench = NULL, *group = NULL;
    const struct opt opts[] = {
        {"--format", "FORMAT", "html (default), pdf, svg, md or json", &format,
         NULL, NULL},
        {"-o", "FILE", "write to FILE (atomically) instead of stdout", &output,
         NULL, NULL},
        {"--benchmark", "FILE",
         "compare with a peer group of an assess benchmark --format json "
         "file",
         &bench, NULL, NULL},
        {"--group", "NAME",
         "the peer group (default: the answers' industry and size, else "
         "the industry, else all)",
         &group, NULL, NULL},
        {0}};
    struct assess_cmd ac;
    int rc = assess_cmd_begin(cli, "report", opts, argc, argv, false, &ac);
    if (rc != EXIT_OK)
        return rc < 0 ? EXIT_OK : rc;
    char **pos = ac.pos;
    int npos = ac.npos;
    enum { HTML, PDF, SVG, MD, JSON } fmt;
    if (strcmp(format, "html") == 0)
        fmt = HTML;
    else if (strcmp(format, "pdf") == 0)
        fmt = PDF;
    else if (strcmp(format, "svg") == 0)
        fmt = SVG;
    else if (strcmp(format, "md") == 0 || strcmp(format, "markdown") == 0)
        fmt = MD;
    else if (strcmp(format, "json") == 0)
        fmt = JSON;
    else {
        cli_error("%s: unknown format '%s' (html, pdf, svg, md, json)",
                  cli->cmd, format);
        rc = EXIT_BADINPUT;
    }
    if (rc == EXIT_OK && npos != 1) {
        cli_error("%s: expected one answers file", cli->cmd);
        rc = EXIT_BADINPUT;
    }
    if (rc == EXIT_OK && group && !bench) {
        cli_error("%s: --group needs --benchmark", cli->cmd);
        rc = EXIT_BADINPUT;
    }
    tsn_benchmark *bm = NULL;
    tsn_answers *a = NULL;
    tsn_assessment *s = NULL;
    struct report r = {.cli = cli};
    if (rc == EXIT_OK)
        rc = assess_load(&ac.cs, pos[0], &a, &s);
    if (rc == EXIT_OK && bench)
        rc = peer_group(&r, bench, group, s, &bm);
    tsn_buf out = TSN_BUF_INIT((size_t)256 * 1024 * 1024);
    if (rc == EXIT_OK) {
        r.s = s;
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(r.today, sizeof r.today, "%Y-%m-%d", &tm);
        r.by_q = calloc(s->catalogue->nquestions ? s->catalogue->nquestions : 1,
                        sizeof *r.by_q);
        if (!r.by_q) {
            cli_error("out of memory");
            rc = EXIT_INTERNAL;
        } else {
            for (size_t i = 0; i < a->nanswers; i++)
                r.by_q[a->answers[i].question] = &a->answers[i];
        }
    }
    /* a radar chart needs three axes: the HTML and PDF reports of a
     * catalogue with fewer sections have none */
    if (rc == EXIT_OK &&
        (fmt == SVG ||
         ((fmt == HTML || fmt == PDF) && s->catalogue->nsections >= 3)) &&
        radar(&r) < 0)
        rc = cli_fail();
    if (rc == EXIT_OK) {
        int wrc = 0;
        if (fmt == HTML) {
            tsnu_mw w = {&out, 0};
            html(&r, &w);
            wrc = w.rc;
        } else if (fmt == SVG) {
            wrc = tsn_buf_puts(&out, r.svg);
        } else if (fmt == MD) {
            tsnu_mw w = {&out, 0};
            markdown(&r, &w);
            wrc = w.rc;
        } else if (fmt == JSON) {
            wrc = json(&r, &out);
        } else {
            wrc = assess_pdf(&r, &out);
        }
        if (wrc < 0)
            rc = cli_fail();
    }
    if (rc == EXIT_OK)
        rc = cli_emit(output, &out);
    tsn_buf_dispose(&out);
    tsn_free(r.svg);
    free(r.by_q);
    tsn_benchmark_free(bm);
    tsn_assessment_free(s);
    tsn_answers_free(a);
    assess_cmd_end(&ac);
    return rc;
}
