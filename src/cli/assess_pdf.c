/* SPDX-License-Identifier: Apache-2.0 */
/*
 * assess report --format pdf: page 1 is the summary an executive reads
 * (the scores, the radar chart, the sections, what to do first); the
 * pages after it hold every answer, every gap and what the catalogue is
 * based on.
 */
#include "assess_report.h"
#include "pdf.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void score_text(char *out, size_t n, double v)
{
    if (isnan(v))
        snprintf(out, n, "–");
    else
        snprintf(out, n, "%.1f", assess_round1(v));
}

static void summary(const struct report *r, struct pdf *p)
{
    const struct cli *cli = r->cli;
    const tsn_assessment *s = r->s;
    const tsn_catalogue *c = s->catalogue;
    const tsn_answers *a = s->answers;
    bool ja = cli->lang == LANG_JA;
    pdf_text(p, a->organisation, 18, true, 0);
    pdf_textf(p, 10, false, 0, "%s (%s %s)", tsn_text_in(&c->title, ja),
              c->scheme, c->version);
    pdf_textf(p, 8, false, 0,
              L(cli, "Answered %s; report made %s by tsunagi %s",
                "回答日 %s。報告書作成 %s（tsunagi %s）"),
              a->date, r->today, tsn_version());
    pdf_space(p, 6);
    char mat[64] = "";
    if (!isnan(s->maturity))
        snprintf(mat, sizeof mat, "    %s %.1f", L(cli, "Maturity", "成熟度"),
                 assess_round1(s->maturity));
    pdf_textf(p, 12, true, 0, "%s %.1f / 100%s%s%s%s%s    %s %.0f    %s %zu",
              L(cli, "Score", "スコア"), assess_round1(s->score), mat,
              c->nlevels ? "    " : "",
              c->nlevels ? L(cli, "Level attained", "達成レベル") : "",
              c->nlevels ? ": " : "", c->nlevels ? assess_level_text(r) : "",
              L(cli, "Target", "目標"), c->target, L(cli, "Gaps", "ギャップ"),
              s->ngaps);
    if (s->valid_until[0])
        pdf_textf(p, 9, false, 0, L(cli, "valid until %s", "%s まで有効"),
                  s->valid_until);
    if (r->svg)
        pdf_svg(p, r->svg, 270);
    /* the sections */
    const double w[6] = {30, 260, 40, 80, 40, 45};
    const char *head[6] = {"",
                           "",
                           L(cli, "Score", "スコア"),
                           "",
                           isnan(s->maturity) ? ""
                                              : L(cli, "Maturity", "成熟度"),
                           r->peer ? L(cli, "Deviation", "偏差値") : ""};
    pdf_row(p, head, NULL, w, 6, 8, true);
    for (size_t i = 0; i < c->nsections; i++) {
        const tsn_section_score *ss = &s->sections[i];
        char sc[16], smat[16] = "", dev[16] = "";
        score_text(sc, sizeof sc, ss->score);
        if (!isnan(s->maturity))
            score_text(smat, sizeof smat, ss->maturity);
        if (r->peer)
            score_text(dev, sizeof dev,
                       tsn_deviation(ss->score, &r->peer->sections[i]));
        const char *cells[6] = {c->sections[i].id,
                                tsn_text_in(&c->sections[i].title, ja),
                                sc,
                                "",
                                smat,
                                dev};
        double bars[6] = {NAN, NAN, NAN, isnan(ss->score) ? 0 : ss->score / 100,
                          NAN, NAN};
        pdf_row(p, cells, bars, w, 6, 8, false);
    }
    if (s->ngaps) {
        pdf_space(p, 6);
        pdf_text(p, L(cli, "What to do first", "優先して取り組むこと"), 11,
                 true, 0);
        /* as many as page 1 has room for, up to TOP_GAPS */
        for (size_t i = 0; i < s->ngaps && i < TOP_GAPS && pdf_left(p) > 36;
             i++) {
            const tsn_gap *g = &s->gaps[i];
            const tsn_question *q = &c->questions[g->question];
            pdf_textf(p, 8, true, 0, "%s  %s (%d → %d, +%.1f)", q->id,
                      tsn_text_in(&q->text, ja), g->value, g->target,
                      assess_round1(g->impact));
            pdf_text(p, tsn_text_in(tsn_gap_next_step(c, g), ja), 8, false, 14);
        }
    }
}

static void details(const struct report *r, struct pdf *p)
{
    const struct cli *cli = r->cli;
    const tsn_assessment *s = r->s;
    const tsn_catalogue *c = s->catalogue;
    bool ja = cli->lang == LANG_JA;
    pdf_text(p, L(cli, "Answers", "回答"), 14, true, 0);
    for (size_t i = 0; i < c->nsections; i++) {
        const tsn_section *sec = &c->sections[i];
        pdf_space(p, 4);
        pdf_text(p, tsn_text_in(&sec->title, ja), 10, true, 0);
        for (size_t k = sec->first; k < sec->first + sec->count; k++) {
            const tsn_question *q = &c->questions[k];
            const tsn_answer *ans = r->by_q[k];
            pdf_textf(p, 8, false, 0, "%s  %s", q->id,
                      tsn_text_in(&q->text, ja));
            pdf_textf(p, 8, true, 14, "→ %s", assess_step_label(cli, q, ans));
            if (ans && ans->evidence) {
                pdf_text(p, L(cli, "Evidence:", "根拠:"), 7, false, 14);
                pdf_text(p, ans->evidence, 7, false, 28);
            }
            if (ans && ans->comment) {
                pdf_text(p, L(cli, "Comment:", "コメント:"), 7, false, 14);
                pdf_text(p, ans->comment, 7, false, 28);
            }
        }
    }
    if (s->ngaps) {
        pdf_space(p, 8);
        pdf_text(p, L(cli, "Every gap", "すべてのギャップ"), 14, true, 0);
        for (size_t i = 0; i < s->ngaps; i++) {
            const tsn_gap *g = &s->gaps[i];
            const tsn_question *q = &c->questions[g->question];
            pdf_textf(p, 8, true, 0, "%s  %d → %d  +%.1f%s%s", q->id, g->value,
                      g->target, assess_round1(g->impact),
                      g->blocks ? "  " : "",
                      g->blocks ? L(cli, "(needed for the next level)",
                                    "（次のレベルに必要）")
                                : "");
            pdf_text(p, tsn_text_in(tsn_gap_next_step(c, g), ja), 8, false, 14);
        }
    }
    pdf_space(p, 8);
    pdf_text(p, L(cli, "About the catalogue", "設問集について"), 14, true, 0);
    pdf_textf(p, 8, false, 0, "%s%s%s%s: %s", tsn_text_in(&c->source.title, ja),
              c->source.url ? " (" : "", c->source.url ? c->source.url : "",
              c->source.url ? ")" : "", assess_status_text(cli, c));
    for (size_t i = 0; i < c->nfacts; i++) {
        pdf_textf(p, 8, false, 8, "• %s [%s]",
                  tsn_text_in(&c->facts[i].text, ja),
                  assess_fact_tag(cli, c->facts[i].tag));
    }
    if (r->peer) {
        pdf_textf(
            p, 8, false, 0,
            L(cli,
              "Benchmark: %s, %zu organisations. Deviation scores: "
              "(score − peer mean) / standard deviation × 10 + 50.",
              "ベンチマーク: %s（%zu 組織）。偏差値 = (スコア − 同業平均) ÷ "
              "標準偏差 × 10 + 50。"),
            r->peer_name, r->peer->count);
    }
}

int assess_pdf(const struct report *r, tsn_buf *out)
{
    const tsn_assessment *s = r->s;
    char title[512];
    snprintf(title, sizeof title, "%s: %s", s->answers->organisation,
             tsn_text_in(&s->catalogue->title, r->cli->lang == LANG_JA));
    struct pdf *p = NULL;
    int rc = pdf_begin(&p, out, title, L(r->cli, "en", "ja"));
    if (rc < 0)
        return rc;
    summary(r, p);
    pdf_page(p);
    details(r, p);
    return pdf_end(p, NULL);
}
