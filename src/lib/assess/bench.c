/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Benchmarks (docs/assess.md#benchmarks): the scores of many
 * organisations in peer groups (all, each industry, each size, each
 * industry and size) as means and standard deviations, from which one
 * organisation's deviation scores follow. No group or figure of fewer
 * than k organisations is published, nor one that would let such a group
 * be worked out by subtracting published groups from their parent.
 */
#include "lib/assess/assess_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_GROUPS 10000

struct tsnq_bench {
    tsn_benchmark pub;
    tsnu_arena arena;
    size_t cap;
};

int tsn_benchmark_new(tsn_benchmark **out, const tsn_catalogue *c, size_t k)
{
    *out = NULL;
    if (k < 2)
        return tsn_error_set(TSN_EINVALID,
                             "the smallest group published must be at least "
                             "2 organisations, not %zu",
                             k);
    struct tsnq_bench *q = tsn_calloc(1, sizeof *q);
    if (!q)
        return tsn_error_oom();
    q->pub.catalogue = c;
    q->pub.k = k;
    q->pub.by = TSN_BENCH_BY_INDUSTRY;
    *out = &q->pub;
    return 0;
}

void tsn_benchmark_free(tsn_benchmark *b)
{
    if (!b)
        return;
    struct tsnq_bench *q = (struct tsnq_bench *)b;
    tsn_free(b->groups);
    tsnu_arena_dispose(&q->arena);
    tsn_free(q);
}

static bool same(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* The group of @p industry and @p size, made when it is not there. */
static tsn_bench_group *
group(struct tsnq_bench *q, const char *industry, const char *size)
{
    tsn_benchmark *b = &q->pub;
    for (size_t i = 0; i < b->ngroups; i++)
        if (same(b->groups[i].industry, industry) &&
            same(b->groups[i].size, size))
            return &b->groups[i];
    if (b->ngroups == MAX_GROUPS) {
        tsn_error_set(TSN_ETOOBIG, "more than %d benchmark groups", MAX_GROUPS);
        return NULL;
    }
    if (b->ngroups == q->cap) {
        size_t ncap = q->cap ? q->cap * 2 : 16;
        tsn_bench_group *ng = tsn_realloc(b->groups, ncap * sizeof *ng);
        if (!ng) {
            tsn_error_oom();
            return NULL;
        }
        b->groups = ng;
        q->cap = ncap;
    }
    size_t ns = b->catalogue->nsections;
    tsn_bench_group g = {0};
    g.sections =
        tsnu_arena_alloc(&q->arena, (ns ? ns : 1) * sizeof *g.sections);
    if (!g.sections ||
        (industry && !(g.industry = tsnu_arena_strdup(&q->arena, industry))) ||
        (size && !(g.size = tsnu_arena_strdup(&q->arena, size)))) {
        tsn_error_oom();
        return NULL;
    }
    memset(g.sections, 0, ns * sizeof *g.sections);
    b->groups[b->ngroups] = g;
    return &b->groups[b->ngroups++];
}

/* Welford's running mean; sd holds the sum of squared deviations until
 * tsn_benchmark_finish(). */
static void add_value(tsn_bench_stat *st, double v)
{
    if (isnan(v))
        return;
    st->n++;
    double d = v - st->mean;
    st->mean += d / (double)st->n;
    st->sd += d * (v - st->mean);
}

int tsn_benchmark_add(tsn_benchmark *b, const tsn_assessment *s)
{
    struct tsnq_bench *q = (struct tsnq_bench *)b;
    if (s->catalogue != b->catalogue)
        return tsn_error_set(TSN_EINVALID,
                             "%s: answers to %s %s do not belong in a "
                             "benchmark of %s %s",
                             s->answers->name, s->catalogue->scheme,
                             s->catalogue->version, b->catalogue->scheme,
                             b->catalogue->version);
    const char *ind = s->answers->industry, *size = s->answers->size;
    const char *keys[4][2] = {
        {NULL, NULL}, {ind, NULL}, {NULL, size}, {ind, size}};
    for (int i = 0; i < 4; i++) {
        if ((i == 1 || i == 3) && (!ind || !(b->by & TSN_BENCH_BY_INDUSTRY)))
            continue;
        if ((i == 2 || i == 3) && (!size || !(b->by & TSN_BENCH_BY_SIZE)))
            continue;
        tsn_bench_group *g = group(q, keys[i][0], keys[i][1]);
        if (!g)
            return tsn_error_last()->code;
        g->count++;
        add_value(&g->overall, s->score);
        for (size_t j = 0; j < b->catalogue->nsections; j++)
            add_value(&g->sections[j], s->sections[j].score);
    }
    b->files++;
    return 0;
}

/* Figure @p j of @p g: 0 the overall score, then the sections. */
static tsn_bench_stat *stat_of(tsn_bench_group *g, size_t j)
{
    return j == 0 ? &g->overall : &g->sections[j - 1];
}

static bool published(const tsn_bench_stat *st)
{
    return !isnan(st->mean);
}

static void withhold(tsn_bench_stat *st)
{
    st->mean = st->sd = NAN;
}

/* Whether @p child is a part of @p parent in one way of dividing it: the
 * industries or the sizes of all, the sizes of an industry, the
 * industries of a size (@p by_size). */
static bool part_of(const tsn_bench_group *child,
                    const tsn_bench_group *parent,
                    bool by_size)
{
    if (!parent->industry && !parent->size)
        return by_size ? (!child->industry && child->size)
                       : (child->industry && !child->size);
    if (parent->industry && !parent->size)
        return !by_size && same(child->industry, parent->industry) &&
               child->size;
    if (!parent->industry && parent->size)
        return by_size && same(child->size, parent->size) && child->industry;
    return false;
}

/* Withhold the smallest published part of @p parent's figure @p j while
 * the rest (the parent's organisations in no published part) is between
 * 1 and k - 1: its mean would follow from the others. Whether anything
 * was withheld. */
static bool
complement(tsn_benchmark *b, tsn_bench_group *parent, size_t j, bool by_size)
{
    bool changed = false;
    const tsn_bench_stat *p = stat_of(parent, j);
    if (!published(p))
        return false;
    for (;;) {
        size_t sum = 0;
        tsn_bench_stat *smallest = NULL;
        for (size_t i = 0; i < b->ngroups; i++) {
            tsn_bench_group *g = &b->groups[i];
            tsn_bench_stat *st = stat_of(g, j);
            if (!part_of(g, parent, by_size) || !published(st))
                continue;
            sum += st->n;
            if (!smallest || st->n < smallest->n)
                smallest = st;
        }
        size_t rest = p->n - sum;
        if (!smallest || rest == 0 || rest >= b->k)
            return changed;
        withhold(smallest);
        changed = true;
    }
}

static int by_group(const void *x, const void *y)
{
    const tsn_bench_group *a = x, *b = y;
    /* all, then industries (each followed by its sizes), then sizes */
    int ra = a->industry ? 1 : a->size ? 2 : 0;
    int rb = b->industry ? 1 : b->size ? 2 : 0;
    if (ra != rb)
        return ra - rb;
    int c =
        strcmp(a->industry ? a->industry : "", b->industry ? b->industry : "");
    if (c)
        return c;
    return strcmp(a->size ? a->size : "", b->size ? b->size : "");
}

int tsn_benchmark_finish(tsn_benchmark *b)
{
    size_t nfig = b->catalogue->nsections + 1;
    qsort(b->groups, b->ngroups, sizeof *b->groups, by_group);
    for (size_t i = 0; i < b->ngroups; i++) {
        tsn_bench_group *g = &b->groups[i];
        for (size_t j = 0; j < nfig; j++) {
            tsn_bench_stat *st = stat_of(g, j);
            st->sd = st->n ? sqrt(st->sd / (double)st->n) : NAN;
            if (st->n < b->k)
                withhold(st);
        }
    }
    /* withholding in one division can open another: until none changes */
    bool changed = true;
    for (int round = 0; changed && round < 64; round++) {
        changed = false;
        for (size_t i = 0; i < b->ngroups; i++)
            for (size_t j = 0; j < nfig; j++)
                for (int by_size = 0; by_size < 2; by_size++)
                    changed |= complement(b, &b->groups[i], j, by_size != 0);
    }
    for (size_t i = 0; i < b->ngroups; i++) {
        tsn_bench_group *g = &b->groups[i];
        g->withheld = g->count < b->k;
        bool any = false;
        for (size_t j = 0; j < nfig; j++)
            any |= published(stat_of(g, j));
        g->withheld |= !any;
    }
    return 0;
}

double tsn_deviation(double score, const tsn_bench_stat *st)
{
    if (isnan(score) || !published(st) || isnan(st->sd) || st->sd <= 0)
        return NAN;
    return (score - st->mean) / st->sd * 10 + 50;
}

const tsn_bench_group *tsn_benchmark_group(const tsn_benchmark *b,
                                           const char *industry,
                                           const char *size,
                                           const char *name)
{
    const char *want[4][2] = {
        {industry, size}, {industry, NULL}, {NULL, size}, {NULL, NULL}};
    for (int w = 0; w < 4; w++) {
        if (name) {
            if (w > 0)
                break;
        } else if ((w < 2 && !industry) || ((w == 0 || w == 2) && !size)) {
            continue;
        }
        for (size_t i = 0; i < b->ngroups; i++) {
            const tsn_bench_group *g = &b->groups[i];
            if (g->withheld)
                continue;
            if (name) {
                char n[160];
                tsn_bench_group_name(g, n, sizeof n);
                if (strcmp(n, name) == 0)
                    return g;
            } else if (same(g->industry, want[w][0]) &&
                       same(g->size, want[w][1])) {
                return g;
            }
        }
    }
    return NULL;
}

void tsn_bench_group_name(const tsn_bench_group *g, char *out, size_t n)
{
    if (g->industry && g->size)
        snprintf(out, n, "%s/%s", g->industry, g->size);
    else if (g->industry)
        snprintf(out, n, "%s", g->industry);
    else if (g->size)
        snprintf(out, n, "size:%s", g->size);
    else
        snprintf(out, n, "all");
}

static void put_stat(tsnu_jw *w, const tsn_bench_stat *st)
{
    tsnq_put_score(w, "mean", st->mean);
    tsnq_put_score(w, "sd", st->sd);
    tsnu_jw_key(w, "n");
    tsnu_jw_long(w, (long)st->n);
}

int tsn_benchmark_to_json(const tsn_benchmark *b, char **out)
{
    *out = NULL;
    const tsn_catalogue *c = b->catalogue;
    tsn_buf buf = TSN_BUF_INIT((size_t)256 * 1024 * 1024);
    tsnu_jw w;
    tsnu_jw_init(&w, &buf);
    tsnu_jw_object(&w);
    tsnu_jw_key(&w, "tsunagiBenchmark");
    tsnu_jw_long(&w, 1);
    tsnu_jw_kstr(&w, "scheme", c->scheme);
    tsnu_jw_kstr(&w, "version", c->version);
    tsnu_jw_key(&w, "k");
    tsnu_jw_long(&w, (long)b->k);
    tsnu_jw_key(&w, "files");
    tsnu_jw_long(&w, (long)b->files);
    size_t withheld = 0;
    tsnu_jw_key(&w, "groups");
    tsnu_jw_array(&w);
    for (size_t i = 0; i < b->ngroups; i++) {
        const tsn_bench_group *g = &b->groups[i];
        if (g->withheld) {
            withheld++;
            continue;
        }
        char name[160];
        tsn_bench_group_name(g, name, sizeof name);
        tsnu_jw_object(&w);
        tsnu_jw_kstr(&w, "group", name);
        if (g->industry)
            tsnu_jw_kstr(&w, "industry", g->industry);
        if (g->size)
            tsnu_jw_kstr(&w, "size", g->size);
        tsnu_jw_key(&w, "count");
        tsnu_jw_long(&w, (long)g->count);
        tsnu_jw_key(&w, "overall");
        tsnu_jw_object(&w);
        put_stat(&w, &g->overall);
        tsnu_jw_end(&w);
        tsnu_jw_key(&w, "sections");
        tsnu_jw_array(&w);
        for (size_t j = 0; j < c->nsections; j++) {
            tsnu_jw_object(&w);
            tsnu_jw_kstr(&w, "id", c->sections[j].id);
            put_stat(&w, &g->sections[j]);
            tsnu_jw_end(&w);
        }
        tsnu_jw_end(&w);
        tsnu_jw_end(&w);
    }
    tsnu_jw_end(&w);
    tsnu_jw_key(&w, "withheld");
    tsnu_jw_long(&w, (long)withheld);
    tsnu_jw_end(&w);
    int rc = tsnu_jw_finish(&w);
    if (rc == 0 && (rc = tsn_buf_putc(&buf, '\n')) == 0)
        *out = tsn_buf_detach(&buf);
    tsn_buf_dispose(&buf);
    return rc;
}

/* ---- reading ---- */

static int read_stat(tsnr *r,
                     const tsnu_json *obj,
                     const tsnu_jpath *p,
                     bool section,
                     tsn_bench_stat *st)
{
    static const char *const members[] = {"mean", "sd", "n", NULL};
    static const char *const smembers[] = {"id", "mean", "sd", "n", NULL};
    int rc = tsnr_object(r, obj, p);
    if (rc == 0)
        rc = tsnq_only(r, obj, p, section ? smembers : members);
    const char *keys[2] = {"mean", "sd"};
    double *vals[2] = {&st->mean, &st->sd};
    for (int i = 0; rc == 0 && i < 2; i++) {
        const tsnu_json *v = tsnu_json_get(obj, keys[i]);
        tsnu_jpath at = TSNR_AT(p, keys[i]);
        if (!v || v->type == TSNU_JSON_NULL) {
            *vals[i] = NAN;
            continue;
        }
        char *end = NULL;
        double d = v->type == TSNU_JSON_NUMBER ? strtod(v->u.str, &end) : NAN;
        if (isnan(d) || d < 0 || d > 100 || (end && *end))
            rc = tsnr_bad(r, &at, v, "'%s' is a number from 0 to 100 or null",
                          keys[i]);
        else
            *vals[i] = d;
    }
    int n = 0;
    if (rc == 0)
        rc = tsnq_integer(r, obj, p, "n", true, 0, 100000000, &n);
    st->n = (size_t)n;
    if (rc == 0 && isnan(st->mean) != isnan(st->sd)) {
        tsnu_jpath at = TSNR_AT(p, "sd");
        rc = tsnr_bad(r, &at, obj,
                      "a mean and a standard deviation go "
                      "together (both numbers or both null)");
    }
    return rc;
}

static int read_group(struct tsnq_bench *q,
                      tsnr *r,
                      const tsnu_json *v,
                      const tsnu_jpath *p,
                      tsn_bench_group *g)
{
    static const char *const members[] = {
        "group", "industry", "size", "count", "overall", "sections", NULL};
    const tsn_catalogue *c = q->pub.catalogue;
    const char *name = NULL;
    int count = 0;
    const tsnu_json *ov = NULL, *items = NULL;
    size_t n = 0;
    int rc;
    if ((rc = tsnr_object(r, v, p)) < 0 ||
        (rc = tsnq_only(r, v, p, members)) < 0 ||
        (rc = tsnr_str(r, v, p, "group", true, &name)) < 0 ||
        (rc = tsnr_str(r, v, p, "industry", false, &g->industry)) < 0 ||
        (rc = tsnr_str(r, v, p, "size", false, &g->size)) < 0 ||
        (rc = tsnq_integer(r, v, p, "count", true, 1, 100000000, &count)) < 0 ||
        (rc = tsnr_member(r, v, p, "overall", TSNU_JSON_OBJECT, &ov)) < 0 ||
        (rc = tsnr_items(r, v, p, "sections", true, &items, &n)) < 0)
        return rc;
    g->count = (size_t)count;
    char want[160];
    tsn_bench_group_name(g, want, sizeof want);
    if (strcmp(name, want) != 0) {
        tsnu_jpath at = TSNR_AT(p, "group");
        return tsnr_bad(r, &at, tsnu_json_get(v, "group"),
                        "group '%s' does not match its industry and size "
                        "('%s')",
                        name, want);
    }
    if (!ov)
        return tsnr_bad(r, p, v, "'overall' is required");
    tsnu_jpath oat = TSNR_AT(p, "overall");
    if ((rc = read_stat(r, ov, &oat, false, &g->overall)) < 0)
        return rc;
    if (n != c->nsections)
        return tsnr_bad(r, p, v, "%zu sections; the catalogue %s %s has %zu", n,
                        c->scheme, c->version, c->nsections);
    g->sections =
        tsnu_arena_alloc(&q->arena, (n ? n : 1) * sizeof *g->sections);
    if (!g->sections)
        return tsn_error_oom();
    tsnu_jpath at = TSNR_AT(p, "sections");
    for (size_t j = 0; j < n; j++) {
        tsnu_jpath ip = TSNR_IDX(&at, j);
        const char *id = NULL;
        if ((rc = read_stat(r, &items[j], &ip, true, &g->sections[j])) < 0 ||
            (rc = tsnr_str(r, &items[j], &ip, "id", true, &id)) < 0)
            return rc;
        if (strcmp(id, c->sections[j].id) != 0)
            return tsnr_bad(r, &ip, &items[j],
                            "section '%s' where the catalogue has '%s'", id,
                            c->sections[j].id);
    }
    return 0;
}

int tsn_benchmark_read(tsn_benchmark **out,
                       const tsn_catalogue *c,
                       const char *text,
                       size_t len,
                       const char *name)
{
    static const char *const members[] = {
        "tsunagiBenchmark", "scheme",   "version", "k", "files",
        "groups",           "withheld", NULL};
    *out = NULL;
    tsn_benchmark *b = NULL;
    int rc = tsn_benchmark_new(&b, c, 2);
    if (rc < 0)
        return rc;
    struct tsnq_bench *q = (struct tsnq_bench *)b;
    const char *fname =
        tsnu_arena_strdup(&q->arena, name ? name : "<benchmark>");
    if (!fname) {
        tsn_benchmark_free(b);
        return tsn_error_oom();
    }
    tsnr r = TSNR_INIT(&q->arena, fname);
    tsnu_json_opts jo = {.max_depth = 64, .max_string = 1024 * 1024};
    tsnu_json *root = NULL;
    const char *scheme = NULL, *version = NULL;
    int k = 0, files = 0, format = 0, withheld = 0;
    const tsnu_json *items = NULL;
    size_t n = 0;
    if (len > (size_t)64 * 1024 * 1024)
        rc = tsn_error_set(TSN_ETOOBIG, "%s: over %zu bytes", fname,
                           (size_t)64 * 1024 * 1024);
    if (rc == 0)
        rc = tsnu_json_parse(&root, &q->arena, text, len, &jo, fname);
    if (rc == 0 && root->type != TSNU_JSON_OBJECT)
        rc = tsnr_bad(&r, NULL, root, "a benchmark file is a JSON object");
    if (rc == 0 && !tsnu_json_get(root, "tsunagiBenchmark"))
        rc = tsnr_bad(&r, NULL, root,
                      "not a benchmark file: 'tsunagiBenchmark' is missing");
    if (rc == 0)
        rc = tsnq_integer(&r, root, NULL, "tsunagiBenchmark", true, 1, 1,
                          &format);
    if (rc == 0)
        rc = tsnq_only(&r, root, NULL, members);
    if (rc == 0)
        rc = tsnr_str(&r, root, NULL, "scheme", true, &scheme);
    if (rc == 0)
        rc = tsnr_str(&r, root, NULL, "version", true, &version);
    if (rc == 0 &&
        (strcmp(scheme, c->scheme) != 0 || strcmp(version, c->version) != 0))
        rc = tsnr_bad(&r, NULL, tsnu_json_get(root, "scheme"),
                      "the benchmark is of %s %s, the answers are to %s %s",
                      scheme, version, c->scheme, c->version);
    if (rc == 0)
        rc = tsnq_integer(&r, root, NULL, "k", true, 2, 1000000, &k);
    if (rc == 0)
        rc = tsnq_integer(&r, root, NULL, "files", true, 0, 100000000, &files);
    if (rc == 0)
        rc = tsnq_integer(&r, root, NULL, "withheld", false, 0, MAX_GROUPS,
                          &withheld);
    if (rc == 0)
        rc = tsnr_items(&r, root, NULL, "groups", true, &items, &n);
    if (rc == 0 && n > MAX_GROUPS)
        rc = tsnr_bad(&r, NULL, root, "more than %d groups", MAX_GROUPS);
    if (rc == 0 && n && !(b->groups = tsn_calloc(n, sizeof *b->groups)))
        rc = tsn_error_oom();
    tsnu_jpath at = TSNR_AT(NULL, "groups");
    for (size_t i = 0; rc == 0 && i < n; i++) {
        tsnu_jpath ip = TSNR_IDX(&at, i);
        rc = read_group(q, &r, &items[i], &ip, &b->groups[i]);
        if (rc == 0 && b->groups[i].count < (size_t)k)
            rc = tsnr_bad(&r, &ip, &items[i],
                          "a group of %zu, below the benchmark's k of %d",
                          b->groups[i].count, k);
        b->ngroups = i + 1;
    }
    tsnu_vec_dispose(&r.warnings);
    if (rc < 0) {
        tsn_benchmark_free(b);
        return rc;
    }
    b->k = (size_t)k;
    b->files = (size_t)files;
    *out = b;
    return 0;
}
