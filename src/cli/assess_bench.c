/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tsunagi assess benchmark: many organisations' answers (of one scheme
 * and version) into peer groups by industry and size, with means and
 * standard deviations per section, no group below k published.
 */
#include "assess_cli.h"

#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_FILES 1000000
#define MAX_REJECTS_SHOWN 20

struct paths {
    char **v;
    size_t n, cap;
};

static int push(struct paths *ps, char *p)
{
    if (!p)
        return -1;
    if (ps->n == MAX_FILES) {
        free(p);
        cli_error("more than %d answers files", MAX_FILES);
        return EXIT_BADINPUT;
    }
    if (ps->n == ps->cap) {
        size_t ncap = ps->cap ? ps->cap * 2 : 256;
        char **nv = realloc(ps->v, ncap * sizeof *nv);
        if (!nv) {
            free(p);
            return -1;
        }
        ps->v = nv;
        ps->cap = ncap;
    }
    ps->v[ps->n++] = p;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* @p arg: a file, or a directory whose *.json files are taken. */
static int collect(struct paths *ps, const char *arg)
{
    struct stat st;
    if (stat(arg, &st) < 0) {
        cli_error("%s: no such file or directory", arg);
        return EXIT_BADINPUT;
    }
    if (!S_ISDIR(st.st_mode)) {
        int rc = push(ps, strdup(arg));
        return rc < 0 ? (cli_error("out of memory"), EXIT_INTERNAL) : rc;
    }
    DIR *d = opendir(arg);
    if (!d) {
        cli_error("%s: cannot read the directory", arg);
        return EXIT_BADINPUT;
    }
    size_t from = ps->n;
    int rc = 0;
    struct dirent *de;
    while (rc == 0 && (de = readdir(d))) {
        size_t len = strlen(de->d_name);
        if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0)
            continue;
        size_t need = strlen(arg) + len + 2;
        char *p = malloc(need);
        if (p)
            snprintf(p, need, "%s/%s", arg, de->d_name);
        rc = push(ps, p);
    }
    closedir(d);
    if (rc < 0) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    /* name order, so that the sums are always added in the same order */
    qsort(ps->v + from, ps->n - from, sizeof *ps->v, by_name);
    return rc;
}

static void cell(tsn_buf *out, const tsn_bench_stat *st, bool sd)
{
    if (isnan(st->mean))
        tsn_buf_printf(out, " %*s", sd ? 11 : 5, "-");
    else if (sd)
        tsn_buf_printf(out, " %5.1f±%-5.1f", round(st->mean * 10) / 10,
                       round(st->sd * 10) / 10);
    else
        tsn_buf_printf(out, " %5.1f", round(st->mean * 10) / 10);
}

static void table(const struct cli *cli,
                  const tsn_benchmark *b,
                  size_t rejected,
                  size_t other,
                  tsn_buf *out)
{
    const tsn_catalogue *c = b->catalogue;
    size_t withheld = 0;
    for (size_t i = 0; i < b->ngroups; i++)
        withheld += b->groups[i].withheld;
    tsn_buf_printf(out,
                   L(cli,
                     "%s %s: %zu organisations; groups below %zu and those "
                     "they could be worked out from withheld: %zu\n",
                     "%s %s: %zu 組織。%zu 未満のグループと、それを差し引きで"
                     "求められるグループは非公開: %zu\n"),
                   c->scheme, c->version, b->files, b->k, withheld);
    if (rejected || other)
        tsn_buf_printf(out,
                       L(cli,
                         "not counted: %zu with problems, %zu of "
                         "other schemes\n",
                         "集計外: 問題のある回答 %zu、他の制度の回答 %zu\n"),
                       rejected, other);
    tsn_buf_printf(out, "\n%-28s %6s %11s", L(cli, "group", "グループ"),
                   L(cli, "count", "組織数"), L(cli, "overall", "全体"));
    for (size_t j = 0; j < c->nsections; j++)
        tsn_buf_printf(out, " %5s", c->sections[j].id);
    tsn_buf_putc(out, '\n');
    for (size_t i = 0; i < b->ngroups; i++) {
        const tsn_bench_group *g = &b->groups[i];
        if (g->withheld)
            continue;
        char name[160];
        tsn_bench_group_name(g, name, sizeof name);
        tsn_buf_printf(out, "%-28s %6zu", name, g->count);
        cell(out, &g->overall, true);
        for (size_t j = 0; j < c->nsections; j++)
            cell(out, &g->sections[j], false);
        tsn_buf_putc(out, '\n');
    }
}

int cmd_assess_benchmark(struct cli *cli, int argc, char **argv)
{
    const char *kopt = NULL, *scheme = NULL, *version = NULL, *output = NULL,
               *by = "industry";
    bool strict = false;
    const struct opt opts[] = {
        {"--k", "N",
         "publish no group of fewer than N organisations "
         "(default 5)",
         &kopt, NULL, NULL},
        {"--scheme", "ID",
         "the scheme to aggregate (default: the first "
         "file's)",
         &scheme, NULL, NULL},
        {"--version", "V", "its version (default: the first file's)", &version,
         NULL, NULL},
        {"--by", "WHAT",
         "the groups besides all: industry (default), size, or both "
         "(each industry, each size, each industry and size)",
         &by, NULL, NULL},
        {"--strict", NULL, "exit 2 when any file cannot be counted", NULL,
         &strict, NULL},
        {"-o", "FILE", "write to FILE (atomically) instead of stdout", &output,
         NULL, NULL},
        {0}};
    struct assess_cmd ac;
    int rc = assess_cmd_begin(cli, "benchmark", opts, argc, argv, false, &ac);
    if (rc != EXIT_OK)
        return rc < 0 ? EXIT_OK : rc;
    char **pos = ac.pos;
    int npos = ac.npos;
    unsigned long k = 5;
    if (kopt && (!tsnu_parse_ulong(kopt, &k) || k < 2 || k > 1000000)) {
        cli_error("%s: --k takes a whole number from 2 to 1000000, not '%s'",
                  cli->cmd, kopt);
        rc = EXIT_BADINPUT;
    }
    unsigned dims = strcmp(by, "industry") == 0 ? TSN_BENCH_BY_INDUSTRY
                    : strcmp(by, "size") == 0   ? TSN_BENCH_BY_SIZE
                    : strcmp(by, "both") == 0   ? TSN_BENCH_BY_BOTH
                                                : 0;
    if (rc == EXIT_OK && !dims) {
        cli_error("%s: --by takes industry, size or both, not '%s'", cli->cmd,
                  by);
        rc = EXIT_BADINPUT;
    }
    if (rc == EXIT_OK && npos == 0) {
        cli_error("%s: expected directories or files of answers", cli->cmd);
        rc = EXIT_BADINPUT;
    }
    struct paths ps = {0};
    for (int i = 0; rc == EXIT_OK && i < npos; i++)
        rc = collect(&ps, pos[i]);
    const tsn_catalogue *c = NULL;
    if (rc == EXIT_OK && scheme &&
        (rc = assess_catalogue(&ac.cs, scheme, version, &c)) == EXIT_OK) {
        if (!c) {
            cli_error("%s: no catalogue of %s%s%s (assess list shows those "
                      "there are)",
                      cli->cmd, scheme, version ? " " : "",
                      version ? version : "");
            rc = EXIT_BADINPUT;
        }
    }
    tsn_benchmark *b = NULL;
    size_t rejected = 0, other = 0;
    tsn_buf text = TSN_BUF_INIT(4 * 1024 * 1024);
    for (size_t i = 0; rc == EXIT_OK && i < ps.n; i++) {
        const char *path = ps.v[i];
        char *fs = NULL, *fv = NULL;
        tsn_answers *a = NULL;
        tsn_assessment *s = NULL;
        bool counted = false;
        tsn_buf_clear(&text);
        if (tsnu_file_read(&text, path, text.max) == 0 &&
            tsn_answers_scheme(tsn_buf_cstr(&text), text.len, path, &fs, &fv) ==
                0) {
            if (!c && assess_catalogue(&ac.cs, fs, fv, &c) != EXIT_OK)
                rc = EXIT_INTERNAL; /* a built-in catalogue: reported */
            else if (!c)
                tsn_error_set(TSN_ENOTFOUND, "%s: no catalogue of %s %s", path,
                              fs, fv);
            if (c &&
                (strcmp(fs, c->scheme) != 0 || strcmp(fv, c->version) != 0)) {
                other++;
                counted = true; /* not a failure: another scheme */
            } else if (c && tsn_answers_read(&a, c, tsn_buf_cstr(&text),
                                             text.len, path) == 0) {
                if (a->nproblems) {
                    if (rejected < MAX_REJECTS_SHOWN)
                        cli_warn(cli,
                                 "%s (and %zu problems more); not "
                                 "counted",
                                 a->problems[0], a->problems_found - 1);
                } else if (tsn_assess_score(c, a, &s) == 0) {
                    if (!b && tsn_benchmark_new(&b, c, (size_t)k) == 0)
                        b->by = dims;
                    if (!b || tsn_benchmark_add(b, s) < 0)
                        rc = cli_fail();
                    counted = true;
                }
            }
        }
        if (!counted && rc == EXIT_OK) {
            const tsn_error *e = tsn_error_last();
            if (rejected < MAX_REJECTS_SHOWN && e->code &&
                (!a || !a->nproblems))
                cli_warn(cli, "%s; not counted", e->message);
            if (e->code == TSN_ENOMEM)
                rc = EXIT_INTERNAL;
            rejected++;
            tsn_error_clear();
        }
        tsn_assessment_free(s);
        tsn_answers_free(a);
        tsn_free(fs);
        tsn_free(fv);
    }
    tsn_buf_dispose(&text);
    if (rc == EXIT_OK && rejected > MAX_REJECTS_SHOWN)
        cli_warn(cli, "%zu files not counted in all", rejected);
    if (rc == EXIT_OK && !b) {
        cli_error("%s: no answers file could be counted", cli->cmd);
        rc = EXIT_BADINPUT;
    }
    if (rc == EXIT_OK && strict && rejected) {
        cli_error("%s: %zu files could not be counted (--strict)", cli->cmd,
                  rejected);
        rc = EXIT_BADINPUT;
    }
    if (rc == EXIT_OK && tsn_benchmark_finish(b) < 0)
        rc = cli_fail();
    tsn_buf out = TSN_BUF_INIT((size_t)256 * 1024 * 1024);
    if (rc == EXIT_OK && cli->format == FORMAT_JSON) {
        char *json = NULL;
        if (tsn_benchmark_to_json(b, &json) < 0)
            rc = cli_fail();
        else if (tsn_buf_puts(&out, json) < 0)
            rc = cli_fail();
        tsn_free(json);
    } else if (rc == EXIT_OK) {
        table(cli, b, rejected, other, &out);
    }
    if (rc == EXIT_OK)
        rc = cli_emit(output, &out);
    tsn_buf_dispose(&out);
    tsn_benchmark_free(b);
    for (size_t i = 0; i < ps.n; i++)
        free(ps.v[i]);
    free(ps.v);
    assess_cmd_end(&ac);
    return rc;
}
