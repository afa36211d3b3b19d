/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Scoring (docs/assess.md#scoring): each answer as a share of its scale,
 * sections and the whole by the catalogue's rules, the levels attained,
 * and the gaps ordered by what closing them gains.
 */
#include "lib/assess/assess_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Combine @p n values (NaN ones left out) by @p rule with @p weights. */
static double combine(tsn_aggregation rule,
                      const double *vals,
                      const double *weights,
                      size_t n)
{
    double sum = 0, wsum = 0, low = NAN;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(vals[i]))
            continue;
        double w = rule == TSN_AGG_WEIGHTED ? weights[i] : 1;
        sum += vals[i] * w;
        wsum += w;
        if (isnan(low) || vals[i] < low)
            low = vals[i];
        k++;
    }
    if (k == 0)
        return NAN;
    if (rule == TSN_AGG_MIN)
        return low;
    return wsum > 0 ? sum / wsum : NAN;
}

/* The share one part of @p n (weight @p w of @p wsum) has in a whole
 * combined by @p rule. */
static double share(tsn_aggregation rule, double w, double wsum, size_t n)
{
    if (rule == TSN_AGG_MIN)
        return 1;
    if (rule == TSN_AGG_WEIGHTED)
        return wsum > 0 ? w / wsum : 0;
    return n ? 1.0 / (double)n : 0;
}

/* The scale's value a question must reach: the catalogue's target as a
 * share of the scale, raised to the value that meets the requirement when
 * a level depends on it. */
static int target_of(const tsn_catalogue *c, const tsn_question *q)
{
    const tsn_scale *s = q->scale;
    double want = s->min + c->target / 100.0 * (s->max - s->min) - 1e-9;
    int t = s->max;
    for (size_t i = 0; i < s->nlevels; i++)
        if (s->levels[i].value >= want) {
            t = s->levels[i].value;
            break;
        }
    if (q->levels && s->met > t)
        t = s->met;
    return t;
}

/* @p date (YYYY-MM-DD) plus @p months into @p out, the day kept or, past
 * the end of the month, its last day; "" when either is missing. */
static void valid_until(const char *date, int months, char out[11])
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d;
    out[0] = '\0';
    if (months <= 0 || !date || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
        y < 0 || m < 1 || m > 12 || d < 1)
        return;
    int total = y * 12 + (m - 1) + months;
    y = total / 12;
    m = total % 12 + 1;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int last = days[m - 1] + (m == 2 && leap);
    unsigned day = (unsigned)(d > last ? last : d);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
             (unsigned)m % 100u, day % 100u);
}

static int by_importance(const void *x, const void *y)
{
    const tsn_gap *a = x, *b = y;
    if (a->blocks != b->blocks)
        return a->blocks ? -1 : 1;
    if (a->impact != b->impact)
        return a->impact > b->impact ? -1 : 1;
    return a->question < b->question ? -1 : a->question > b->question;
}

int tsn_assess_score(const tsn_catalogue *c,
                     const tsn_answers *a,
                     tsn_assessment **out)
{
    *out = NULL;
    if (a->nproblems)
        return tsn_error_set(TSN_EINVALID,
                             "%s: %zu problems in the answers; not scored",
                             a->name, a->nproblems);
    size_t nq = c->nquestions, ns = c->nsections;
    tsn_assessment *s = tsn_calloc(1, sizeof *s);
    const tsn_answer **by_q = tsn_calloc(nq, sizeof *by_q);
    double *ratio = tsn_calloc(nq, sizeof *ratio);
    double *raw = tsn_calloc(nq, sizeof *raw);
    double *qw = tsn_calloc(nq, sizeof *qw);
    double *sw = tsn_calloc(ns, sizeof *sw);
    double *sscore = tsn_calloc(ns, sizeof *sscore);
    double *smat = tsn_calloc(ns, sizeof *smat);
    int rc = 0;
    if (!s || !by_q || !ratio || !raw || !qw || !sw || !sscore || !smat)
        rc = tsn_error_oom();
    if (rc == 0) {
        s->catalogue = c;
        s->answers = a;
        s->level = -1;
        s->sections = tsn_calloc(ns, sizeof *s->sections);
        s->met = tsn_calloc(c->nlevels ? c->nlevels : 1, sizeof *s->met);
        s->gaps = tsn_calloc(nq, sizeof *s->gaps);
        if (!s->sections || !s->met || !s->gaps)
            rc = tsn_error_oom();
    }
    if (rc < 0)
        goto done;
    for (size_t i = 0; i < a->nanswers; i++)
        by_q[a->answers[i].question] = &a->answers[i];
    for (size_t i = 0; i < nq; i++) {
        const tsn_question *q = &c->questions[i];
        const tsn_answer *ans = by_q[i];
        qw[i] = q->weight;
        ratio[i] = raw[i] = NAN;
        if (ans && !ans->na) {
            raw[i] = ans->value;
            ratio[i] = (double)(ans->value - q->scale->min) /
                       (double)(q->scale->max - q->scale->min);
        }
    }
    for (size_t j = 0; j < ns; j++) {
        const tsn_section *sec = &c->sections[j];
        tsn_section_score *ss = &s->sections[j];
        const tsn_scale *one = c->questions[sec->first].scale;
        for (size_t i = sec->first; i < sec->first + sec->count; i++) {
            ss->answered += by_q[i] && !by_q[i]->na;
            ss->na += by_q[i] && by_q[i]->na;
            if (c->questions[i].scale != one)
                one = NULL;
        }
        ss->score = combine(c->section_rule, ratio + sec->first,
                            qw + sec->first, sec->count) *
                    100;
        ss->maturity = one && one->maturity
                           ? combine(c->section_rule, raw + sec->first,
                                     qw + sec->first, sec->count)
                           : NAN;
        sscore[j] = ss->score;
        smat[j] = ss->maturity;
        sw[j] = sec->weight;
    }
    s->score = combine(c->overall_rule, sscore, sw, ns);
    s->maturity = NAN;
    bool all_mat = true;
    for (size_t j = 0; j < ns; j++)
        all_mat &= !isnan(smat[j]) || isnan(sscore[j]);
    if (all_mat)
        s->maturity = combine(c->overall_rule, smat, sw, ns);

    /* levels: each builds on the ones below it */
    for (size_t l = 0; l < c->nlevels; l++) {
        const tsn_level *lv = &c->levels[l];
        bool ok = true;
        if (lv->rule == TSN_LEVEL_MIN_SCORE)
            ok = !isnan(s->score) && s->score >= lv->min_score;
        for (size_t i = 0; ok && i < nq && lv->rule == TSN_LEVEL_ALL_MET; i++) {
            const tsn_question *q = &c->questions[i];
            if (!(q->levels & ((uint32_t)1 << l)))
                continue;
            ok = by_q[i] && (by_q[i]->na || by_q[i]->value >= q->scale->met);
        }
        s->met[l] = ok;
        if (ok && s->level == (int)l - 1)
            s->level = (int)l;
    }
    if (s->level >= 0)
        valid_until(a->date, c->levels[s->level].validity_months,
                    s->valid_until);
    size_t next = (size_t)(s->level + 1); /* the level not attained */

    /* gaps */
    double swsum = 0;
    size_t nsec = 0;
    for (size_t j = 0; j < ns; j++)
        if (!isnan(sscore[j])) {
            swsum += sw[j];
            nsec++;
        }
    for (size_t i = 0; i < nq; i++) {
        const tsn_question *q = &c->questions[i];
        if (!by_q[i] || by_q[i]->na)
            continue;
        int t = target_of(c, q);
        if (by_q[i]->value >= t)
            continue;
        const tsn_section *sec = &c->sections[q->section];
        double qwsum = 0;
        for (size_t k = sec->first; k < sec->first + sec->count; k++)
            if (!isnan(ratio[k]))
                qwsum += qw[k];
        double gain = (double)(t - by_q[i]->value) /
                      (double)(q->scale->max - q->scale->min);
        tsn_gap *g = &s->gaps[s->ngaps++];
        g->question = i;
        g->value = by_q[i]->value;
        g->target = t;
        g->impact = gain *
                    share(c->section_rule, q->weight, qwsum,
                          s->sections[q->section].answered) *
                    share(c->overall_rule, sec->weight, swsum, nsec) * 100;
        g->blocks = next < c->nlevels &&
                    c->levels[next].rule == TSN_LEVEL_ALL_MET &&
                    (q->levels & ((uint32_t)1 << next)) &&
                    by_q[i]->value < q->scale->met;
    }
    qsort(s->gaps, s->ngaps, sizeof *s->gaps, by_importance);
done:
    tsn_free(by_q);
    tsn_free(ratio);
    tsn_free(raw);
    tsn_free(qw);
    tsn_free(sw);
    tsn_free(sscore);
    tsn_free(smat);
    if (rc < 0) {
        tsn_assessment_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

void tsn_assessment_free(tsn_assessment *s)
{
    if (!s)
        return;
    tsn_free(s->sections);
    tsn_free(s->met);
    tsn_free(s->gaps);
    tsn_free(s);
}

/* A score to one decimal place (null when there is none). */
void tsnq_put_score(tsnu_jw *w, const char *key, double v)
{
    tsnu_jw_key(w, key);
    tsnu_jw_double(w, isnan(v) ? v : round(v * 10) / 10);
}

static void put_text(tsnu_jw *w, const char *key, const tsn_text *t)
{
    if (!t->en)
        return;
    tsnu_jw_key(w, key);
    tsnu_jw_object(w);
    tsnu_jw_kstr(w, "en", t->en);
    tsnu_jw_kstr(w, "ja", t->ja);
    tsnu_jw_end(w);
}

const tsn_text *tsn_gap_next_step(const tsn_catalogue *c, const tsn_gap *g)
{
    const tsn_question *q = &c->questions[g->question];
    if (q->next.en)
        return &q->next;
    for (size_t i = 0; i < q->scale->nlevels; i++)
        if (q->scale->levels[i].value == g->target &&
            q->scale->levels[i].description.en)
            return &q->scale->levels[i].description;
    return &q->text;
}

int tsn_assessment_to_json(const tsn_assessment *s, char **out)
{
    *out = NULL;
    const tsn_catalogue *c = s->catalogue;
    const tsn_answers *a = s->answers;
    tsn_buf b = TSN_BUF_INIT((size_t)64 * 1024 * 1024);
    tsnu_jw w;
    tsnu_jw_init(&w, &b);
    tsnu_jw_object(&w);
    tsnu_jw_kstr(&w, "scheme", c->scheme);
    tsnu_jw_kstr(&w, "version", c->version);
    tsnu_jw_kstr(&w, "catalogueRevision", c->revision);
    put_text(&w, "title", &c->title);
    tsnu_jw_key(&w, "organisation");
    tsnu_jw_object(&w);
    tsnu_jw_kstr(&w, "name", a->organisation);
    tsnu_jw_kstr(&w, "industry", a->industry);
    tsnu_jw_kstr(&w, "size", a->size);
    tsnu_jw_end(&w);
    tsnu_jw_kstr(&w, "date", a->date);
    tsnq_put_score(&w, "score", s->score);
    tsnq_put_score(&w, "maturity", s->maturity);
    tsnq_put_score(&w, "target", c->target);
    tsnu_jw_key(&w, "level");
    if (s->level >= 0) {
        tsnu_jw_object(&w);
        tsnu_jw_kstr(&w, "id", c->levels[s->level].id);
        put_text(&w, "label", &c->levels[s->level].label);
        if (s->valid_until[0])
            tsnu_jw_kstr(&w, "validUntil", s->valid_until);
        tsnu_jw_end(&w);
    } else {
        tsnu_jw_double(&w, NAN); /* null */
    }
    tsnu_jw_key(&w, "levels");
    tsnu_jw_array(&w);
    for (size_t l = 0; l < c->nlevels; l++) {
        tsnu_jw_object(&w);
        tsnu_jw_kstr(&w, "id", c->levels[l].id);
        tsnu_jw_key(&w, "rulesMet");
        tsnu_jw_bool(&w, s->met[l]);
        tsnu_jw_key(&w, "attained");
        tsnu_jw_bool(&w, (int)l <= s->level);
        tsnu_jw_end(&w);
    }
    tsnu_jw_end(&w);
    tsnu_jw_key(&w, "sections");
    tsnu_jw_array(&w);
    for (size_t j = 0; j < c->nsections; j++) {
        const tsn_section_score *ss = &s->sections[j];
        tsnu_jw_object(&w);
        tsnu_jw_kstr(&w, "id", c->sections[j].id);
        put_text(&w, "title", &c->sections[j].title);
        tsnq_put_score(&w, "score", ss->score);
        tsnq_put_score(&w, "maturity", ss->maturity);
        tsnu_jw_key(&w, "answered");
        tsnu_jw_long(&w, (long)ss->answered);
        tsnu_jw_key(&w, "notApplicable");
        tsnu_jw_long(&w, (long)ss->na);
        tsnu_jw_end(&w);
    }
    tsnu_jw_end(&w);
    tsnu_jw_key(&w, "gaps");
    tsnu_jw_array(&w);
    for (size_t i = 0; i < s->ngaps; i++) {
        const tsn_gap *g = &s->gaps[i];
        const tsn_question *q = &c->questions[g->question];
        tsnu_jw_object(&w);
        tsnu_jw_kstr(&w, "question", q->id);
        tsnu_jw_kstr(&w, "section", c->sections[q->section].id);
        put_text(&w, "text", &q->text);
        tsnu_jw_key(&w, "value");
        tsnu_jw_long(&w, g->value);
        tsnu_jw_key(&w, "target");
        tsnu_jw_long(&w, g->target);
        tsnq_put_score(&w, "impact", g->impact);
        tsnu_jw_key(&w, "blocksNextLevel");
        tsnu_jw_bool(&w, g->blocks);
        put_text(&w, "next", tsn_gap_next_step(c, g));
        tsnu_jw_end(&w);
    }
    tsnu_jw_end(&w);
    tsnu_jw_end(&w);
    int rc = tsnu_jw_finish(&w);
    if (rc < 0) {
        tsn_buf_dispose(&b);
        return rc;
    }
    *out = tsn_buf_detach(&b);
    return 0;
}
