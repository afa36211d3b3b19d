/* SPDX-License-Identifier: Apache-2.0 */
/* What the formats of assess report share (assess_report.c,
 * assess_pdf.c). */
#ifndef TSN_ASSESS_REPORT_H
#define TSN_ASSESS_REPORT_H

#include "assess_cli.h"

/* The gaps the summary lists. */
#define TOP_GAPS 5

/* What every format of the report is made from. */
struct report {
    struct cli *cli;
    const tsn_assessment *s;
    const tsn_answer **by_q;     /* per question: its answer or NULL */
    const tsn_bench_group *peer; /* the peer group, or NULL */
    char peer_name[160];
    char *svg; /* the radar chart */
    char today[11];
};

/* @p v to one decimal place, as the JSON output rounds it. */
double assess_round1(double v);
/* The label of the step answer @p a gives (or "not answered"). */
const char *assess_step_label(const struct cli *cli,
                              const tsn_question *q,
                              const tsn_answer *a);
/* The level attained, or "none". */
const char *assess_level_text(const struct report *r);
/* Whether the catalogue is official or the project's paraphrase. */
const char *assess_status_text(const struct cli *cli, const tsn_catalogue *c);
/* What a fact's confidence tag (C, S, K, U) means. */
const char *assess_fact_tag(const struct cli *cli, const char *tag);

/* The report as PDF into @p out: a summary page, then the details. */
int assess_pdf(const struct report *r, tsn_buf *out);

#endif
