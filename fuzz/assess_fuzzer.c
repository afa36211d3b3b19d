/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzz target: the assessment readers and scoring. Each input is read as
 * a catalogue, as an answers file to a fixed catalogue and as a benchmark
 * of it; answers that read without problems are scored, written as JSON
 * and put in a benchmark. A catalogue that reads has its references
 * whole; a score is from 0 to 100; a gap is below its target; a
 * benchmark that reads is written and read back.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagi/tsunagi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char fixed[] =
    "{\"tsunagiCatalogue\": 1, \"scheme\": \"mini\", \"version\": \"1\","
    " \"revision\": \"2026-11-23\", \"title\": {\"en\": \"t\", \"ja\": \"t\"},"
    " \"source\": {\"title\": {\"en\": \"s\", \"ja\": \"s\"},"
    " \"url\": \"https://example.org\", \"status\": \"official\"},"
    " \"scales\": [{\"id\": \"m\", \"kind\": \"choice\", \"met\": 1,"
    " \"levels\": [{\"value\": 0, \"key\": \"no\", \"label\": {\"en\": \"n\","
    " \"ja\": \"n\"}}, {\"value\": 1, \"key\": \"partly\", \"label\": "
    "{\"en\": \"p\", \"ja\": \"p\"}}, {\"value\": 2, \"key\": \"yes\","
    " \"label\": {\"en\": \"y\", \"ja\": \"y\"}}]}],"
    " \"levels\": [{\"id\": \"L1\", \"label\": {\"en\": \"1\", \"ja\": "
    "\"1\"}}],"
    " \"sections\": [{\"id\": \"A\", \"title\": {\"en\": \"a\", \"ja\": \"a\"},"
    " \"questions\": [{\"id\": \"A-1\", \"text\": {\"en\": \"q\", \"ja\": "
    "\"q\"},"
    " \"scale\": \"m\", \"levels\": [\"L1\"]}, {\"id\": \"A-2\", \"text\":"
    " {\"en\": \"q\", \"ja\": \"q\"}, \"scale\": \"m\", \"required\": false,"
    " \"notApplicable\": true}]}]}";

static void check_catalogue(const tsn_catalogue *c)
{
    size_t n = 0;
    for (size_t j = 0; j < c->nsections; j++) {
        if (c->sections[j].first != n || c->sections[j].count == 0)
            abort();
        n += c->sections[j].count;
    }
    if (n != c->nquestions || c->nlevels > 32)
        abort();
    for (size_t i = 0; i < c->nquestions; i++) {
        const tsn_question *q = &c->questions[i];
        if (!q->scale || q->section >= c->nsections || !q->text.en ||
            !q->text.ja || q->scale->min >= q->scale->max)
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tsn_catalogue *c = NULL;
    if (tsn_catalogue_read(&c, (const char *)data, size, "fuzz.json") == 0)
        check_catalogue(c);
    else if (strncmp(tsn_error_last()->message, "fuzz.json", 9) != 0)
        abort();
    tsn_catalogue_free(c);
    tsn_error_clear();

    if (tsn_catalogue_read(&c, fixed, sizeof fixed - 1, "fixed") != 0)
        abort();
    tsn_answers *a = NULL;
    tsn_assessment *s = NULL;
    char *json = NULL;
    if (tsn_answers_read(&a, c, (const char *)data, size, "fuzz.json") == 0 &&
        a->nproblems == 0 && tsn_assess_score(c, a, &s) == 0) {
        if (!isnan(s->score) && (s->score < 0 || s->score > 100))
            abort();
        for (size_t i = 0; i < s->ngaps; i++)
            if (s->gaps[i].value >= s->gaps[i].target)
                abort();
        if (tsn_assessment_to_json(s, &json) != 0)
            abort();
    }
    if (s) {
        tsn_benchmark *b = NULL;
        if (tsn_benchmark_new(&b, c, 2) != 0 || tsn_benchmark_add(b, s) != 0 ||
            tsn_benchmark_add(b, s) != 0 || tsn_benchmark_finish(b) != 0)
            abort();
        const tsn_bench_group *g =
            tsn_benchmark_group(b, a->industry, a->size, NULL);
        if (!g || isnan(tsn_deviation(s->score, &g->overall)) !=
                      (isnan(s->score) || !(g->overall.sd > 0)))
            abort();
        tsn_benchmark_free(b);
    }
    tsn_free(json);
    json = NULL;
    tsn_assessment_free(s);
    tsn_answers_free(a);
    tsn_error_clear();

    /* a benchmark: read, written, read back the same */
    tsn_benchmark *b = NULL, *again = NULL;
    if (tsn_benchmark_read(&b, c, (const char *)data, size, "fuzz.json") == 0) {
        for (size_t i = 0; i < b->ngroups; i++) {
            const tsn_bench_group *g = &b->groups[i];
            if (g->count < b->k ||
                (!isnan(g->overall.mean) &&
                 (g->overall.mean < 0 || g->overall.mean > 100)))
                abort();
        }
        if (tsn_benchmark_to_json(b, &json) != 0 ||
            tsn_benchmark_read(&again, c, json, strlen(json), "again") != 0 ||
            again->ngroups != b->ngroups)
            abort();
    }
    tsn_benchmark_free(again);
    tsn_benchmark_free(b);
    tsn_free(json);
    tsn_catalogue_free(c);
    tsn_error_clear();
    return 0;
}
