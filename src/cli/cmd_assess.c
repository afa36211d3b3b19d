/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tsunagi assess: the catalogues (built in from content/, and the user's
 * own from --catalogues DIR or $TSUNAGI_CATALOGUES), their checking, and
 * the scoring of answers files (docs/assess.md).
 */
#include "assess_cli.h"
#include "content.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"

#define MAX_CATALOGUE_FILES 1000

void catalogues_free(struct catalogues *cs)
{
    for (size_t i = 0; i < cs->n; i++) {
        tsn_catalogue_free(cs->e[i].c);
        free(cs->e[i].path);
    }
    free(cs->e);
    cs->e = NULL;
    cs->n = cs->cap = 0;
}

/* Add @p c; one of the same scheme and version already there is replaced
 * (a user's catalogue over the built-in one). */
static int
add(struct cli *cli, struct catalogues *cs, tsn_catalogue *c, char *path)
{
    for (size_t i = 0; i < cs->n; i++)
        if (strcmp(cs->e[i].c->scheme, c->scheme) == 0 &&
            strcmp(cs->e[i].c->version, c->version) == 0) {
            cli_warn(cli, "%s: %s %s replaces the one from %s", c->name,
                     c->scheme, c->version, cs->e[i].origin);
            tsn_catalogue_free(cs->e[i].c);
            free(cs->e[i].path);
            cs->e[i] = (struct entry){c, path ? path : "built-in", path};
            return EXIT_OK;
        }
    if (cs->n == cs->cap) {
        size_t ncap = cs->cap ? cs->cap * 2 : 8;
        struct entry *ne = realloc(cs->e, ncap * sizeof *ne);
        if (!ne) {
            tsn_catalogue_free(c);
            free(path);
            cli_error("out of memory");
            return EXIT_INTERNAL;
        }
        cs->e = ne;
        cs->cap = ncap;
    }
    cs->e[cs->n++] = (struct entry){c, path ? path : "built-in", path};
    return EXIT_OK;
}

int assess_cmd_begin(struct cli *cli,
                     const char *verb,
                     const struct opt *own,
                     int argc,
                     char **argv,
                     bool builtins,
                     struct assess_cmd *a)
{
    *a = (struct assess_cmd){0};
    struct opt opts[17];
    size_t n = 0;
    while (own && own[n].name && n < 15) {
        opts[n] = own[n];
        n++;
    }
    opts[n++] = (struct opt){
        "--catalogues", "DIR", "also the catalogues (*.json) in DIR",
        NULL,           NULL,  &a->dirs};
    opts[n] = (struct opt){0};
    int prc = cli_parse(cli, cli_command("assess", verb), opts, argc, argv,
                        &a->pos, &a->npos);
    int rc = prc > 0 ? -1 : prc < 0 ? EXIT_BADINPUT : EXIT_OK;
    if (rc == EXIT_OK)
        rc = load_all(cli, &a->cs, a->dirs, builtins);
    if (rc != EXIT_OK)
        assess_cmd_end(a);
    return rc;
}

void assess_cmd_end(struct assess_cmd *a)
{
    catalogues_free(&a->cs);
    free(a->dirs);
    free(a->pos);
    *a = (struct assess_cmd){0};
}

static const tsn_catalogue *
have(const struct catalogues *cs, const char *scheme, const char *version)
{
    for (size_t i = 0; i < cs->n; i++)
        if (strcmp(cs->e[i].c->scheme, scheme) == 0 &&
            (!version || strcmp(cs->e[i].c->version, version) == 0))
            return cs->e[i].c;
    return NULL;
}

/* Read catalogue @p path into @p cs; @p over_builtin: tell when it takes
 * the place of a built-in catalogue. */
static int load_file(struct cli *cli,
                     struct catalogues *cs,
                     const char *path,
                     bool over_builtin)
{
    tsn_buf text = TSN_BUF_INIT(4 * 1024 * 1024);
    tsn_catalogue *c = NULL;
    int rc = tsnu_file_read(&text, path, text.max);
    if (rc == 0)
        rc = tsn_catalogue_read(&c, tsn_buf_cstr(&text), text.len, path);
    tsn_buf_dispose(&text);
    if (rc < 0)
        return cli_fail();
    char *p = strdup(path);
    if (!p) {
        tsn_catalogue_free(c);
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    /* over a built-in one not read (add() tells of those read) */
    for (const struct content_file *f = content_files; over_builtin && f->name;
         f++)
        if (strcmp(f->scheme, c->scheme) == 0 &&
            strcmp(f->version, c->version) == 0 &&
            !have(cs, c->scheme, c->version))
            cli_warn(cli, "%s: %s %s replaces the one from built-in", path,
                     c->scheme, c->version);
    return add(cli, cs, c, p);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.json of @p dir, in name order. */
static int load_dir(struct cli *cli, struct catalogues *cs, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        cli_error("%s: cannot read the directory", dir);
        return EXIT_BADINPUT;
    }
    char *names[MAX_CATALOGUE_FILES];
    size_t n = 0;
    int rc = EXIT_OK;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t len = strlen(de->d_name);
        if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0)
            continue;
        if (n == MAX_CATALOGUE_FILES) {
            cli_error("%s: more than %d catalogues", dir, MAX_CATALOGUE_FILES);
            rc = EXIT_BADINPUT;
            break;
        }
        size_t need = strlen(dir) + len + 2;
        if (!(names[n] = malloc(need))) {
            cli_error("out of memory");
            rc = EXIT_INTERNAL;
            break;
        }
        snprintf(names[n++], need, "%s/%s", dir, de->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        if (rc == EXIT_OK)
            rc = load_file(cli, cs, names[i], true);
        free(names[i]);
    }
    return rc;
}

static int add_builtin(struct cli *cli,
                       struct catalogues *cs,
                       const struct content_file *f)
{
    tsn_catalogue *c = NULL;
    if (tsn_catalogue_read(&c, f->data, f->len, f->name) < 0)
        return cli_fail();
    return add(cli, cs, c, NULL);
}

int load_all(struct cli *cli,
             struct catalogues *cs,
             const char *const *dirs,
             bool builtins)
{
    int rc = EXIT_OK;
    cs->cli = cli;
    for (const struct content_file *f = content_files;
         builtins && rc == 0 && f->name; f++)
        rc = add_builtin(cli, cs, f);
    const char *env = getenv("TSUNAGI_CATALOGUES");
    if (rc == 0 && env && *env) {
        char *copy = strdup(env), *save = NULL;
        if (!copy) {
            cli_error("out of memory");
            return EXIT_INTERNAL;
        }
        for (char *d = strtok_r(copy, ":", &save); rc == 0 && d;
             d = strtok_r(NULL, ":", &save))
            rc = load_dir(cli, cs, d);
        free(copy);
    }
    for (size_t i = 0; rc == 0 && dirs && dirs[i]; i++)
        rc = load_dir(cli, cs, dirs[i]);
    return rc;
}

int assess_catalogue(struct catalogues *cs,
                     const char *scheme,
                     const char *version,
                     const tsn_catalogue **out)
{
    if ((*out = have(cs, scheme, version)))
        return EXIT_OK;
    for (const struct content_file *f = content_files; f->name; f++)
        if (strcmp(f->scheme, scheme) == 0 &&
            (!version || strcmp(f->version, version) == 0)) {
            int rc = add_builtin(cs->cli, cs, f);
            *out = rc == EXIT_OK ? have(cs, scheme, version) : NULL;
            return rc;
        }
    return EXIT_OK;
}

static int count_levels(const tsn_question *q, size_t n, size_t l)
{
    int k = 0;
    for (size_t i = 0; i < n; i++)
        k += (q[i].levels >> l) & 1;
    return k;
}

int cmd_assess_list(struct cli *cli, int argc, char **argv)
{
    struct assess_cmd ac;
    int rc = assess_cmd_begin(cli, "list", NULL, argc, argv, true, &ac);
    if (rc != EXIT_OK)
        return rc < 0 ? EXIT_OK : rc;
    if (ac.npos) {
        cli_error("%s: takes no arguments", cli->cmd);
        rc = EXIT_BADINPUT;
    }
    tsn_buf out = TSN_BUF_INIT((size_t)64 * 1024 * 1024);
    bool ja = cli->lang == LANG_JA;
    if (rc == EXIT_OK && cli->format == FORMAT_JSON) {
        tsnu_jw w;
        tsnu_jw_init(&w, &out);
        tsnu_jw_array(&w);
        for (size_t i = 0; i < ac.cs.n; i++) {
            const tsn_catalogue *c = ac.cs.e[i].c;
            tsnu_jw_object(&w);
            tsnu_jw_kstr(&w, "scheme", c->scheme);
            tsnu_jw_kstr(&w, "version", c->version);
            tsnu_jw_kstr(&w, "revision", c->revision);
            tsnu_jw_kstr(&w, "title", tsn_text_in(&c->title, ja));
            tsnu_jw_kstr(&w, "status", c->source.status);
            tsnu_jw_kstr(&w, "source", c->source.url);
            tsnu_jw_key(&w, "sections");
            tsnu_jw_long(&w, (long)c->nsections);
            tsnu_jw_key(&w, "questions");
            tsnu_jw_long(&w, (long)c->nquestions);
            tsnu_jw_key(&w, "levels");
            tsnu_jw_array(&w);
            for (size_t l = 0; l < c->nlevels; l++)
                tsnu_jw_string(&w, c->levels[l].id);
            tsnu_jw_end(&w);
            tsnu_jw_kstr(&w, "from", ac.cs.e[i].origin);
            tsnu_jw_end(&w);
        }
        tsnu_jw_end(&w);
        if (tsnu_jw_finish(&w) < 0)
            rc = cli_fail();
    } else if (rc == EXIT_OK) {
        for (size_t i = 0; i < ac.cs.n; i++) {
            const tsn_catalogue *c = ac.cs.e[i].c;
            tsn_buf_printf(&out, "%-22s %-6s %s\n", c->scheme, c->version,
                           tsn_text_in(&c->title, ja));
            tsn_buf_printf(&out, "%29s%zu %s, %zu %s", "", c->nsections,
                           L(cli, "sections", "区分"), c->nquestions,
                           L(cli, "questions", "設問"));
            for (size_t l = 0; l < c->nlevels; l++)
                tsn_buf_printf(&out, "%s%s %d", l ? ", " : "; ",
                               tsn_text_in(&c->levels[l].label, ja),
                               count_levels(c->questions, c->nquestions, l));
            tsn_buf_printf(
                &out, "; %s; %s\n",
                strcmp(c->source.status, "official") == 0
                    ? L(cli, "official", "公式")
                    : L(cli, "unofficial paraphrase", "非公式の要約"),
                ac.cs.e[i].origin);
        }
    }
    if (rc == EXIT_OK)
        rc = cli_emit(NULL, &out);
    tsn_buf_dispose(&out);
    assess_cmd_end(&ac);
    return rc;
}

int cmd_assess_lint(struct cli *cli, int argc, char **argv)
{
    const struct command *cmd = cli_command("assess", "lint");
    char **pos = NULL;
    int npos = 0;
    int prc = cli_parse(cli, cmd, NULL, argc, argv, &pos, &npos);
    if (prc != 0)
        return prc > 0 ? EXIT_OK : EXIT_BADINPUT;
    if (npos == 0) {
        cli_error("%s: expected a catalogue file", cli->cmd);
        free(pos);
        return EXIT_BADINPUT;
    }
    int rc = EXIT_OK;
    tsn_buf out = TSN_BUF_INIT((size_t)1 << 20);
    for (int i = 0; i < npos; i++) {
        struct catalogues cs = {0};
        int r = load_file(cli, &cs, pos[i], false);
        if (r != EXIT_OK) {
            if (rc == EXIT_OK)
                rc = r;
            continue;
        }
        const tsn_catalogue *c = cs.e[0].c;
        size_t nocsf = 0;
        for (size_t q = 0; q < c->nquestions; q++)
            nocsf += c->questions[q].ncsf == 0 &&
                     c->sections[c->questions[q].section].ncsf == 0;
        tsn_buf_printf(&out,
                       "%s: ok: %s %s, %zu sections, %zu questions, %zu "
                       "levels, %zu facts",
                       pos[i], c->scheme, c->version, c->nsections,
                       c->nquestions, c->nlevels, c->nfacts);
        if (nocsf)
            tsn_buf_printf(&out,
                           "; %zu questions without a NIST CSF 2.0 "
                           "reference",
                           nocsf);
        tsn_buf_putc(&out, '\n');
        catalogues_free(&cs);
    }
    if (!cli->quiet || rc != EXIT_OK) {
        int erc = cli_emit(NULL, &out);
        if (rc == EXIT_OK)
            rc = erc;
    }
    tsn_buf_dispose(&out);
    free(pos);
    return rc;
}

/* One decimal place, rounded as the JSON output rounds it. */
static double r1(double v)
{
    return round(v * 10) / 10;
}

/* A bar of @p width for a score from 0 to 100. */
static void bar(tsn_buf *out, double score, int width)
{
    int n = isnan(score) ? 0 : (int)lround(score / 100.0 * width);
    for (int i = 0; i < width; i++)
        tsn_buf_puts(out, i < n ? "#" : ".");
}

static void render(const struct cli *cli, const tsn_assessment *s, tsn_buf *out)
{
    const tsn_catalogue *c = s->catalogue;
    const tsn_answers *a = s->answers;
    bool ja = cli->lang == LANG_JA;
    tsn_buf_printf(out, "%s: %s (%s %s), %s\n", a->organisation,
                   tsn_text_in(&c->title, ja), c->scheme, c->version, a->date);
    tsn_buf_printf(out, "%s %.1f / 100", L(cli, "score", "スコア"),
                   r1(s->score));
    if (!isnan(s->maturity))
        tsn_buf_printf(out, "   %s %.1f", L(cli, "maturity", "成熟度"),
                       r1(s->maturity));
    tsn_buf_printf(out, "   %s %.0f\n", L(cli, "target", "目標"), c->target);
    if (c->nlevels) {
        tsn_buf_printf(out, "%s: %s", L(cli, "level attained", "達成レベル"),
                       s->level >= 0
                           ? tsn_text_in(&c->levels[s->level].label, ja)
                           : L(cli, "none", "なし"));
        if (s->valid_until[0])
            tsn_buf_printf(out, L(cli, " (valid until %s)", "(%s まで有効)"),
                           s->valid_until);
        tsn_buf_putc(out, '\n');
    }
    tsn_buf_printf(out, "\n%s\n", L(cli, "sections:", "区分:"));
    for (size_t j = 0; j < c->nsections; j++) {
        const tsn_section_score *ss = &s->sections[j];
        tsn_buf_printf(out, "  %-8s ", c->sections[j].id);
        bar(out, ss->score, 20);
        if (isnan(ss->score))
            tsn_buf_printf(out, "    -  ");
        else
            tsn_buf_printf(out, " %5.1f", r1(ss->score));
        if (!isnan(ss->maturity))
            tsn_buf_printf(out, "  %.1f", r1(ss->maturity));
        tsn_buf_printf(out, "  %s\n", tsn_text_in(&c->sections[j].title, ja));
    }
    if (!s->ngaps)
        return;
    tsn_buf_printf(
        out, "\n%s\n",
        L(cli, "gaps (most important first):", "ギャップ (重要なものから):"));
    for (size_t i = 0; i < s->ngaps; i++) {
        const tsn_gap *g = &s->gaps[i];
        const tsn_question *q = &c->questions[g->question];
        tsn_buf_printf(out, "  %-10s %d -> %d  +%.1f", q->id, g->value,
                       g->target, r1(g->impact));
        if (g->blocks)
            tsn_buf_printf(out, "  [%s %s]",
                           L(cli, "needed for", "次のレベルに必要:"),
                           tsn_text_in(&c->levels[s->level + 1].label, ja));
        tsn_buf_printf(out, "\n      %s\n", tsn_text_in(&q->text, ja));
        tsn_buf_printf(out, "      %s %s\n", L(cli, "next:", "次の一歩:"),
                       tsn_text_in(tsn_gap_next_step(c, g), ja));
    }
}

/* The catalogue answers file @p path is for, or an exit code. */
static int catalogue_for(struct catalogues *cs,
                         const char *path,
                         const char *text,
                         size_t len,
                         const tsn_catalogue **out)
{
    char *scheme = NULL, *version = NULL;
    if (tsn_answers_scheme(text, len, path, &scheme, &version) < 0)
        return cli_fail();
    int rc = assess_catalogue(cs, scheme, version, out);
    if (rc == EXIT_OK && !*out) {
        rc = EXIT_BADINPUT;
        cli_error("%s: no catalogue of %s %s (assess list shows those there "
                  "are)",
                  path, scheme, version);
    }
    tsn_free(scheme);
    tsn_free(version);
    return rc;
}

int assess_load(struct catalogues *cs,
                const char *path,
                tsn_answers **a,
                tsn_assessment **s)
{
    tsn_buf text = TSN_BUF_INIT(4 * 1024 * 1024);
    const tsn_catalogue *c = NULL;
    int rc = EXIT_OK;
    *a = NULL;
    *s = NULL;
    if (tsnu_file_read(&text, path, text.max) < 0)
        rc = cli_fail();
    if (rc == EXIT_OK)
        rc = catalogue_for(cs, path, tsn_buf_cstr(&text), text.len, &c);
    if (rc == EXIT_OK &&
        tsn_answers_read(a, c, tsn_buf_cstr(&text), text.len, path) < 0)
        rc = cli_fail();
    tsn_buf_dispose(&text);
    if (rc == EXIT_OK && (*a)->nproblems) {
        for (size_t k = 0; k < (*a)->nproblems; k++)
            cli_error("%s", (*a)->problems[k]);
        cli_error("%s: %zu problems; not scored", path, (*a)->problems_found);
        rc = EXIT_BADINPUT;
    }
    if (rc == EXIT_OK && tsn_assess_score(c, *a, s) < 0)
        rc = cli_fail();
    if (rc != EXIT_OK) {
        tsn_assessment_free(*s);
        tsn_answers_free(*a);
        *s = NULL;
        *a = NULL;
    }
    return rc;
}

int cmd_assess_score(struct cli *cli, int argc, char **argv)
{
    struct assess_cmd ac;
    int rc = assess_cmd_begin(cli, "score", NULL, argc, argv, false, &ac);
    if (rc != EXIT_OK)
        return rc < 0 ? EXIT_OK : rc;
    char **pos = ac.pos;
    int npos = ac.npos;
    if (npos == 0) {
        cli_error("%s: expected an answers file", cli->cmd);
        rc = EXIT_BADINPUT;
    }
    tsn_buf out = TSN_BUF_INIT((size_t)256 * 1024 * 1024);
    if (rc == EXIT_OK && cli->format == FORMAT_JSON && npos > 1)
        tsn_buf_puts(&out, "[\n");
    for (int i = 0; rc == EXIT_OK && i < npos; i++) {
        tsn_answers *a = NULL;
        tsn_assessment *s = NULL;
        char *json = NULL;
        rc = assess_load(&ac.cs, pos[i], &a, &s);
        if (rc == EXIT_OK && cli->format == FORMAT_JSON) {
            if (tsn_assessment_to_json(s, &json) < 0) {
                rc = cli_fail();
            } else {
                if (i)
                    tsn_buf_puts(&out, ",\n");
                size_t n = strlen(json);
                tsn_buf_put(&out, json, n && json[n - 1] == '\n' ? n - 1 : n);
            }
        } else if (rc == EXIT_OK) {
            if (i)
                tsn_buf_putc(&out, '\n');
            render(cli, s, &out);
        }
        tsn_free(json);
        tsn_assessment_free(s);
        tsn_answers_free(a);
    }
    if (rc == EXIT_OK && cli->format == FORMAT_JSON)
        tsn_buf_puts(&out, npos > 1 ? "\n]\n" : "\n");
    if (rc == EXIT_OK)
        rc = cli_emit(NULL, &out);
    tsn_buf_dispose(&out);
    assess_cmd_end(&ac);
    return rc;
}
