/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tsunagi assess compare A B: two answers files to one catalogue (the
 * same organisation a year apart, or two suppliers): the scores side by
 * side with their change, the level, the answers that changed, the gaps
 * closed and the gaps opened; or both on one radar chart.
 */
#include "assess_report.h"
#include "util/json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The gap of question @p q in @p s, or NULL. */
static const tsn_gap *gap_of(const tsn_assessment *s, size_t q)
{
    for (size_t i = 0; i < s->ngaps; i++)
        if (s->gaps[i].question == q)
            return &s->gaps[i];
    return NULL;
}

static const tsn_answer *answer_of(const tsn_answers *a, size_t q)
{
    for (size_t i = 0; i < a->nanswers; i++)
        if (a->answers[i].question == q)
            return &a->answers[i];
    return NULL;
}

static bool same_answer(const tsn_answer *x, const tsn_answer *y)
{
    if (!x || !y)
        return x == y;
    return x->na == y->na && (x->na || x->value == y->value);
}

static void num(tsn_buf *out, double v)
{
    if (isnan(v))
        tsn_buf_printf(out, "%7s", "-");
    else
        tsn_buf_printf(out, "%7.1f", assess_round1(v));
}

static void delta(tsn_buf *out, double a, double b)
{
    if (isnan(a) || isnan(b))
        tsn_buf_printf(out, "%8s", "");
    else
        tsn_buf_printf(out, "  %+6.1f", assess_round1(b) - assess_round1(a));
}

static const char *level_of(const struct cli *cli, const tsn_assessment *s)
{
    const tsn_catalogue *c = s->catalogue;
    return s->level >= 0
               ? tsn_text_in(&c->levels[s->level].label, cli->lang == LANG_JA)
               : L(cli, "none", "なし");
}

static void label(char *out, size_t n, const tsn_answers *a)
{
    snprintf(out, n, "%s (%s)", a->organisation, a->date);
}

static void table(const struct cli *cli,
                  const tsn_assessment *x,
                  const tsn_assessment *y,
                  tsn_buf *out)
{
    const tsn_catalogue *c = x->catalogue;
    bool ja = cli->lang == LANG_JA;
    char la[512], lb[512];
    label(la, sizeof la, x->answers);
    label(lb, sizeof lb, y->answers);
    tsn_buf_printf(out, "%s (%s %s)\nA: %s\nB: %s\n\n",
                   tsn_text_in(&c->title, ja), c->scheme, c->version, la, lb);
    tsn_buf_printf(out, "%-10s %7s %7s %8s\n", "", "A", "B",
                   L(cli, "change", "変化"));
    tsn_buf_printf(out, "%-10s", L(cli, "score", "スコア"));
    num(out, x->score);
    num(out, y->score);
    delta(out, x->score, y->score);
    tsn_buf_putc(out, '\n');
    if (!isnan(x->maturity) && !isnan(y->maturity)) {
        tsn_buf_printf(out, "%-10s", L(cli, "maturity", "成熟度"));
        num(out, x->maturity);
        num(out, y->maturity);
        delta(out, x->maturity, y->maturity);
        tsn_buf_putc(out, '\n');
    }
    for (size_t j = 0; j < c->nsections; j++) {
        tsn_buf_printf(out, "  %-8s", c->sections[j].id);
        num(out, x->sections[j].score);
        num(out, y->sections[j].score);
        delta(out, x->sections[j].score, y->sections[j].score);
        tsn_buf_printf(out, "  %s\n", tsn_text_in(&c->sections[j].title, ja));
    }
    if (c->nlevels)
        tsn_buf_printf(out, "%s: %s -> %s\n",
                       L(cli, "level attained", "達成レベル"), level_of(cli, x),
                       level_of(cli, y));
    size_t changed = 0, closed = 0, opened = 0;
    for (size_t q = 0; q < c->nquestions; q++) {
        const tsn_answer *ax = answer_of(x->answers, q),
                         *ay = answer_of(y->answers, q);
        if (same_answer(ax, ay))
            continue;
        if (!changed++)
            tsn_buf_printf(out, "\n%s\n",
                           L(cli, "answers that differ:", "異なる回答:"));
        const tsn_question *qq = &c->questions[q];
        tsn_buf_printf(out, "  %-10s %s -> %s\n", qq->id,
                       assess_step_label(cli, qq, ax),
                       assess_step_label(cli, qq, ay));
    }
    for (size_t q = 0; q < c->nquestions; q++)
        if (gap_of(x, q) && !gap_of(y, q)) {
            if (!closed++)
                tsn_buf_printf(out, "\n%s\n",
                               L(cli, "gaps of A that B does not have:",
                                 "A にあり B にないギャップ:"));
            tsn_buf_printf(out, "  %-10s %s\n", c->questions[q].id,
                           tsn_text_in(&c->questions[q].text, ja));
        }
    for (size_t q = 0; q < c->nquestions; q++)
        if (!gap_of(x, q) && gap_of(y, q)) {
            if (!opened++)
                tsn_buf_printf(out, "\n%s\n",
                               L(cli, "gaps of B that A does not have:",
                                 "B にあり A にないギャップ:"));
            tsn_buf_printf(out, "  %-10s %s\n", c->questions[q].id,
                           tsn_text_in(&c->questions[q].text, ja));
        }
}

static void jscore(tsnu_jw *w, const char *key, double v)
{
    tsnu_jw_key(w, key);
    tsnu_jw_double(w, isnan(v) ? v : assess_round1(v));
}

static void jside(tsnu_jw *w, const char *key, const tsn_assessment *s)
{
    const tsn_catalogue *c = s->catalogue;
    tsnu_jw_key(w, key);
    tsnu_jw_object(w);
    tsnu_jw_kstr(w, "organisation", s->answers->organisation);
    tsnu_jw_kstr(w, "date", s->answers->date);
    tsnu_jw_kstr(w, "file", s->answers->name);
    jscore(w, "score", s->score);
    jscore(w, "maturity", s->maturity);
    tsnu_jw_key(w, "level");
    if (s->level >= 0)
        tsnu_jw_string(w, c->levels[s->level].id);
    else
        tsnu_jw_null(w);
    tsnu_jw_end(w);
}

static int json(const tsn_assessment *x, const tsn_assessment *y, tsn_buf *out)
{
    const tsn_catalogue *c = x->catalogue;
    tsnu_jw w;
    tsnu_jw_init(&w, out);
    tsnu_jw_object(&w);
    tsnu_jw_kstr(&w, "scheme", c->scheme);
    tsnu_jw_kstr(&w, "version", c->version);
    jside(&w, "a", x);
    jside(&w, "b", y);
    double d = isnan(x->score) || isnan(y->score)
                   ? NAN
                   : assess_round1(y->score) - assess_round1(x->score);
    jscore(&w, "change", d);
    tsnu_jw_key(&w, "sections");
    tsnu_jw_array(&w);
    for (size_t j = 0; j < c->nsections; j++) {
        double a = x->sections[j].score, b = y->sections[j].score;
        tsnu_jw_object(&w);
        tsnu_jw_kstr(&w, "id", c->sections[j].id);
        jscore(&w, "a", a);
        jscore(&w, "b", b);
        jscore(&w, "change",
               isnan(a) || isnan(b) ? NAN
                                    : assess_round1(b) - assess_round1(a));
        tsnu_jw_end(&w);
    }
    tsnu_jw_end(&w);
    tsnu_jw_key(&w, "answers");
    tsnu_jw_array(&w);
    for (size_t q = 0; q < c->nquestions; q++) {
        const tsn_answer *ax = answer_of(x->answers, q),
                         *ay = answer_of(y->answers, q);
        if (same_answer(ax, ay))
            continue;
        tsnu_jw_object(&w);
        tsnu_jw_kstr(&w, "id", c->questions[q].id);
        const tsn_answer *both[2] = {ax, ay};
        for (int k = 0; k < 2; k++) {
            tsnu_jw_key(&w, k ? "b" : "a");
            if (!both[k])
                tsnu_jw_null(&w);
            else if (both[k]->na)
                tsnu_jw_string(&w, "na");
            else
                tsnu_jw_long(&w, both[k]->value);
        }
        tsnu_jw_end(&w);
    }
    tsnu_jw_end(&w);
    const char *keys[2] = {"gapsClosed", "gapsOpened"};
    for (int k = 0; k < 2; k++) {
        tsnu_jw_key(&w, keys[k]);
        tsnu_jw_array(&w);
        for (size_t q = 0; q < c->nquestions; q++) {
            bool in_a = gap_of(x, q), in_b = gap_of(y, q);
            if (k == 0 ? in_a && !in_b : !in_a && in_b)
                tsnu_jw_string(&w, c->questions[q].id);
        }
        tsnu_jw_end(&w);
    }
    tsnu_jw_end(&w);
    int rc = tsnu_jw_finish(&w);
    return rc == 0 ? tsn_buf_putc(out, '\n') : rc;
}

static int radar(const struct cli *cli,
                 const tsn_assessment *x,
                 const tsn_assessment *y,
                 tsn_buf *out)
{
    const tsn_catalogue *c = x->catalogue;
    size_t n = c->nsections;
    double *v = calloc(2 * n + 1, sizeof *v);
    if (!v)
        return tsn_error_oom();
    for (size_t i = 0; i < n; i++) {
        v[i] = x->sections[i].score;
        v[n + i] = y->sections[i].score;
    }
    char la[512], lb[512];
    label(la, sizeof la, x->answers);
    label(lb, sizeof lb, y->answers);
    char *svg = NULL;
    tsn_radar_series s[2] = {{la, v, false, false}, {lb, v + n, true, false}};
    int rc = tsn_radar_svg(c, s, 2, cli->lang == LANG_JA, &svg);
    if (rc == 0)
        rc = tsn_buf_puts(out, svg);
    tsn_free(svg);
    free(v);
    return rc;
}

int cmd_assess_compare(struct cli *cli, int argc, char **argv)
{
    const char *format = "table", *output = NULL;
    const struct opt opts[] = {
        {"--format", "FORMAT", "table (default), json or svg", &format, NULL,
         NULL},
        {"-o", "FILE", "write to FILE (atomically) instead of stdout", &output,
         NULL, NULL},
        {0}};
    struct assess_cmd ac;
    int rc = assess_cmd_begin(cli, "compare", opts, argc, argv, false, &ac);
    if (rc != EXIT_OK)
        return rc < 0 ? EXIT_OK : rc;
    char **pos = ac.pos;
    int npos = ac.npos;
    if (strcmp(format, "table") != 0 && strcmp(format, "json") != 0 &&
        strcmp(format, "svg") != 0) {
        cli_error("%s: unknown format '%s' (table, json, svg)", cli->cmd,
                  format);
        rc = EXIT_BADINPUT;
    }
    if (rc == EXIT_OK && npos != 2) {
        cli_error("%s: expected two answers files", cli->cmd);
        rc = EXIT_BADINPUT;
    }
    tsn_answers *a[2] = {0};
    tsn_assessment *s[2] = {0};
    for (int i = 0; rc == EXIT_OK && i < 2; i++)
        rc = assess_load(&ac.cs, pos[i], &a[i], &s[i]);
    if (rc == EXIT_OK && s[0]->catalogue != s[1]->catalogue) {
        cli_error("%s: %s answers %s %s, %s answers %s %s; only answers to "
                  "one catalogue compare",
                  cli->cmd, pos[0], a[0]->scheme, a[0]->version, pos[1],
                  a[1]->scheme, a[1]->version);
        rc = EXIT_BADINPUT;
    }
    tsn_buf out = TSN_BUF_INIT((size_t)64 * 1024 * 1024);
    if (rc == EXIT_OK) {
        int wrc = 0;
        if (strcmp(format, "json") == 0)
            wrc = json(s[0], s[1], &out);
        else if (strcmp(format, "svg") == 0)
            wrc = radar(cli, s[0], s[1], &out);
        else
            table(cli, s[0], s[1], &out);
        if (wrc < 0)
            rc = cli_fail();
    }
    if (rc == EXIT_OK)
        rc = cli_emit(output, &out);
    tsn_buf_dispose(&out);
    for (int i = 0; i < 2; i++) {
        tsn_assessment_free(s[i]);
        tsn_answers_free(a[i]);
    }
    assess_cmd_end(&ac);
    return rc;
}
