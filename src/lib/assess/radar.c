/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The radar chart of an assessment as SVG: one axis per section, rings at
 * the steps of the catalogue's maturity scale (or every 20 points), and
 * one polygon per series (the organisation, the target, a benchmark
 * group, an earlier assessment). Self-contained: no script, no external
 * reference, every text escaped; fonts named so that Japanese renders.
 */
#include "lib/assess/assess_int.h"
#include "util/markup.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define W 640
#define H_CHART 460
#define CX 320
#define CY 228
#define R 160
#define LEGEND_ROW 22

static const char *const palette[] = {"#1a73e8", "#e8710a", "#188038",
                                      "#a142f4", "#d93025", "#12b5cb"};

/* The maturity scale every question of @p c uses, or NULL. */
static const tsn_scale *one_maturity_scale(const tsn_catalogue *c)
{
    const tsn_scale *s = c->nquestions ? c->questions[0].scale : NULL;
    for (size_t i = 0; s && i < c->nquestions; i++)
        if (c->questions[i].scale != s)
            s = NULL;
    return s && s->maturity && s->max > s->min ? s : NULL;
}

static void point(size_t i, size_t n, double score, double *x, double *y)
{
    double a = -M_PI / 2 + 2 * M_PI * (double)i / (double)n;
    double r = (isnan(score) ? 0 : fmin(fmax(score, 0), 100)) / 100.0 * R;
    *x = CX + r * cos(a);
    *y = CY + r * sin(a);
}

static void ring(tsnu_mw *w, size_t n, double score, const char *label)
{
    tsnu_mw_put(w, "<polygon class=\"ring\" points=\"");
    for (size_t i = 0; i < n; i++) {
        double x, y;
        point(i, n, score, &x, &y);
        tsnu_mw_printf(w, "%s%.1f,%.1f", i ? " " : "", x, y);
    }
    tsnu_mw_put(w, "\"/>\n");
    double x, y;
    point(0, n, score, &x, &y);
    tsnu_mw_printf(w, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">", x + 4,
                   y + 4);
    tsnu_mw_esc(w, label);
    tsnu_mw_put(w, "</text>\n");
}

static void
axis_label(tsnu_mw *w, const tsn_section *sec, size_t i, size_t n, bool ja)
{
    double a = -M_PI / 2 + 2 * M_PI * (double)i / (double)n;
    double x = CX + (R + 14) * cos(a), y = CY + (R + 14) * sin(a);
    const char *anchor = fabs(cos(a)) < 0.2 ? "middle"
                         : cos(a) > 0       ? "start"
                                            : "end";
    y += sin(a) > 0.5 ? 12 : sin(a) > -0.5 ? 4 : -2;
    tsnu_mw_printf(w,
                   "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" "
                   "text-anchor=\"%s\">",
                   x, y, anchor);
    tsnu_mw_esc(w, sec->id);
    const char *word = tsn_text_in(&sec->short_title, ja);
    if (*word) {
        tsnu_mw_put(w, " ");
        tsnu_mw_esc_n(w, word, 40);
    }
    tsnu_mw_put(w, "</text>\n");
}

static void series(tsnu_mw *w,
                   const tsn_catalogue *c,
                   const tsn_radar_series *s,
                   const char *colour)
{
    size_t n = c->nsections;
    tsnu_mw_put(w, "<polygon points=\"");
    for (size_t i = 0; i < n; i++) {
        double x, y;
        point(i, n, s->scores[i], &x, &y);
        tsnu_mw_printf(w, "%s%.1f,%.1f", i ? " " : "", x, y);
    }
    tsnu_mw_printf(w,
                   "\" fill=\"%s\" fill-opacity=\"%s\" stroke=\"%s\" "
                   "stroke-width=\"2\"%s/>\n",
                   s->filled ? colour : "none", s->filled ? "0.18" : "0",
                   colour, s->dashed ? " stroke-dasharray=\"6 4\"" : "");
    if (s->dashed)
        return;
    for (size_t i = 0; i < n; i++) {
        if (isnan(s->scores[i]))
            continue;
        double x, y;
        point(i, n, s->scores[i], &x, &y);
        tsnu_mw_printf(w,
                       "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" "
                       "fill=\"%s\"><title>",
                       x, y, colour);
        tsnu_mw_esc_n(w, s->label, 80);
        tsnu_mw_put(w, " ");
        tsnu_mw_esc(w, c->sections[i].id);
        tsnu_mw_printf(w, ": %.1f</title></circle>\n",
                       round(s->scores[i] * 10) / 10);
    }
}

int tsn_radar_svg(const tsn_catalogue *c,
                  const tsn_radar_series *s,
                  size_t nseries,
                  bool ja,
                  char **out)
{
    *out = NULL;
    if (c->nsections < 3)
        return tsn_error_set(TSN_EINVALID,
                             "%s %s: a radar chart needs at least three "
                             "sections; the catalogue has %zu",
                             c->scheme, c->version, c->nsections);
    if (nseries == 0 || nseries > 6)
        return tsn_error_set(TSN_EINVALID,
                             "a radar chart draws one to six series, not %zu",
                             nseries);
    tsn_buf b = TSN_BUF_INIT((size_t)4 * 1024 * 1024);
    tsnu_mw w = {&b, 0};
    size_t n = c->nsections;
    int h = H_CHART + (int)nseries * LEGEND_ROW + 8;
    tsnu_mw_printf(&w,
                   "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                   "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
                   "font-family=\"IPAexGothic, 'Noto Sans CJK JP', "
                   "'Hiragino Sans', 'Yu Gothic', sans-serif\" "
                   "font-size=\"13\">\n<title>",
                   W, h, W, h);
    tsnu_mw_esc(&w, tsn_text_in(&c->title, ja));
    tsnu_mw_put(&w, "</title>\n<style>.ring{fill:none;stroke:#dadce0}"
                    ".spoke{stroke:#dadce0}.tick{fill:#80868b;font-size:10px}"
                    ".axis{fill:#202124}</style>\n"
                    "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
    const tsn_scale *m = one_maturity_scale(c);
    if (m) {
        for (size_t i = 0; i < m->nlevels; i++) {
            char label[16];
            snprintf(label, sizeof label, "%d", m->levels[i].value);
            ring(&w, n,
                 (double)(m->levels[i].value - m->min) /
                     (double)(m->max - m->min) * 100,
                 label);
        }
    } else {
        for (int v = 20; v <= 100; v += 20) {
            char label[16];
            snprintf(label, sizeof label, "%d", v);
            ring(&w, n, v, label);
        }
    }
    for (size_t i = 0; i < n; i++) {
        double x, y;
        point(i, n, 100, &x, &y);
        tsnu_mw_printf(&w,
                       "<line class=\"spoke\" x1=\"%d\" y1=\"%d\" "
                       "x2=\"%.1f\" y2=\"%.1f\"/>\n",
                       CX, CY, x, y);
        axis_label(&w, &c->sections[i], i, n, ja);
    }
    for (size_t k = nseries; k-- > 0;)
        series(&w, c, &s[k], s[k].dashed ? "#5f6368" : palette[k % 6]);
    for (size_t k = 0; k < nseries; k++) {
        int y = H_CHART + (int)k * LEGEND_ROW;
        const char *colour = s[k].dashed ? "#5f6368" : palette[k % 6];
        tsnu_mw_printf(&w,
                       "<line x1=\"40\" y1=\"%d\" x2=\"72\" y2=\"%d\" "
                       "stroke=\"%s\" stroke-width=\"3\"%s/>"
                       "<text x=\"80\" y=\"%d\">",
                       y, y, colour,
                       s[k].dashed ? " stroke-dasharray=\"6 4\"" : "", y + 4);
        tsnu_mw_esc_n(&w, s[k].label, 200);
        tsnu_mw_put(&w, "</text>\n");
    }
    tsnu_mw_put(&w, "</svg>\n");
    if (w.rc < 0) {
        tsn_buf_dispose(&b);
        return w.rc;
    }
    *out = tsn_buf_detach(&b);
    return 0;
}
