/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tsunagi assess start: answer a catalogue one question at a time. Each
 * question comes with its section, its help and every step of its scale
 * with what the step means; the progress is shown; every answer is saved
 * at once (the answers file rewritten atomically), so that quitting,
 * Ctrl-D or a closed terminal loses nothing and `assess start` again goes
 * on from the first question not answered. Lines are read from stdin, so
 * answers can be piped in as well. And tsunagi assess decide: a scheme's
 * decision tree, answered the same way.
 */
#include "assess_cli.h"
#include "util/json.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define LINE_MAX_BYTES 4096

/* One answer as it will be written. */
struct ans {
    bool set, na;
    int value;
    char *evidence, *comment;
};

struct session {
    struct cli *cli;
    const tsn_catalogue *c;
    const char *path;
    char *name, *industry, *size;
    char date[11];
    struct ans *a; /* per question */
};

/* A line of stdin without its line end, or NULL at the end of input; a
 * line too long for @p buf is refused with a message and the next one
 * read. */
static char *read_line(char *buf, size_t n)
{
    for (;;) {
        fflush(stdout);
        if (!fgets(buf, (int)n, stdin))
            return NULL;
        size_t len = strlen(buf);
        if (len == n - 1 && buf[len - 1] != '\n') {
            /* longer than the buffer: refused whole, never cut */
            int ch;
            while ((ch = getchar()) != EOF && ch != '\n')
                ;
            cli_error("a line of over %zu bytes is not taken; type it again, "
                      "shorter",
                      n - 2);
            continue;
        }
        while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
            buf[--len] = '\0';
        return buf;
    }
}

static int save(const struct session *s)
{
    const tsn_catalogue *c = s->c;
    tsn_buf b = TSN_BUF_INIT((size_t)16 * 1024 * 1024);
    tsnu_jw w;
    tsnu_jw_init(&w, &b);
    tsnu_jw_object(&w);
    tsnu_jw_key(&w, "tsunagiAnswers");
    tsnu_jw_long(&w, 1);
    tsnu_jw_kstr(&w, "scheme", c->scheme);
    tsnu_jw_kstr(&w, "version", c->version);
    tsnu_jw_key(&w, "organisation");
    tsnu_jw_object(&w);
    tsnu_jw_kstr(&w, "name", s->name);
    if (s->industry)
        tsnu_jw_kstr(&w, "industry", s->industry);
    if (s->size)
        tsnu_jw_kstr(&w, "size", s->size);
    tsnu_jw_end(&w);
    tsnu_jw_kstr(&w, "date", s->date);
    tsnu_jw_key(&w, "answers");
    tsnu_jw_object(&w);
    for (size_t i = 0; i < c->nquestions; i++) {
        const struct ans *a = &s->a[i];
        if (!a->set)
            continue;
        tsnu_jw_key(&w, c->questions[i].id);
        bool obj = a->evidence || a->comment;
        if (obj) {
            tsnu_jw_object(&w);
            tsnu_jw_key(&w, "value");
        }
        if (a->na)
            tsnu_jw_string(&w, "na");
        else
            tsnu_jw_long(&w, a->value);
        if (obj) {
            if (a->evidence)
                tsnu_jw_kstr(&w, "evidence", a->evidence);
            if (a->comment)
                tsnu_jw_kstr(&w, "comment", a->comment);
            tsnu_jw_end(&w);
        }
    }
    tsnu_jw_end(&w);
    tsnu_jw_end(&w);
    int rc = tsnu_jw_finish(&w);
    if (rc == 0)
        rc = tsn_buf_putc(&b, '\n');
    if (rc == 0)
        rc = tsnu_file_write_atomic(s->path, b.ptr, b.len);
    tsn_buf_dispose(&b);
    return rc;
}

/* Take the answers of an existing file. Exit code. */
static int resume(struct session *s, const char *text, size_t len)
{
    tsn_answers *a = NULL;
    if (tsn_answers_read(&a, s->c, text, len, s->path) < 0)
        return cli_fail();
    int rc = EXIT_OK;
    /* a required answer still missing is what is left to do, not a fault */
    for (size_t k = 0; k < a->nproblems; k++)
        if (!strstr(a->problems[k], "a required answer is missing")) {
            cli_error("%s", a->problems[k]);
            rc = EXIT_BADINPUT;
        }
    if (rc != EXIT_OK) {
        cli_error("%s: fix the problems above, then start again", s->path);
        tsn_answers_free(a);
        return rc;
    }
    s->name = strdup(a->organisation);
    s->industry = a->industry ? strdup(a->industry) : NULL;
    s->size = a->size ? strdup(a->size) : NULL;
    snprintf(s->date, sizeof s->date, "%s", a->date);
    for (size_t i = 0; i < a->nanswers; i++) {
        const tsn_answer *x = &a->answers[i];
        struct ans *y = &s->a[x->question];
        y->set = true;
        y->na = x->na;
        y->value = x->value;
        y->evidence = x->evidence ? strdup(x->evidence) : NULL;
        y->comment = x->comment ? strdup(x->comment) : NULL;
        if ((x->evidence && !y->evidence) || (x->comment && !y->comment))
            rc = EXIT_INTERNAL;
    }
    if (!s->name || (a->industry && !s->industry) || (a->size && !s->size))
        rc = EXIT_INTERNAL;
    if (rc == EXIT_INTERNAL)
        cli_error("out of memory");
    tsn_answers_free(a);
    return rc;
}

/* Ask for the organisation. Exit code; EXIT_FINDINGS at the end of
 * input. */
static int ask_organisation(struct session *s)
{
    struct cli *cli = s->cli;
    char line[LINE_MAX_BYTES];
    for (;;) {
        printf("%s", L(cli, "Organisation name: ", "組織名: "));
        if (!read_line(line, sizeof line))
            return EXIT_FINDINGS;
        if (*line)
            break;
    }
    if (!(s->name = strdup(line))) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    const char *prompts[2][2] = {
        {"Industry, one word such as manufacturing (Enter to skip): ",
         "業種(manufacturing などの英単語、Enter で省略): "},
        {"Size: large, sme or micro (Enter to skip): ",
         "規模(large、sme、micro。Enter で省略): "}};
    char **out[2] = {&s->industry, &s->size};
    for (int k = 0; k < 2; k++) {
        for (;;) {
            printf("%s", L(cli, prompts[k][0], prompts[k][1]));
            if (!read_line(line, sizeof line))
                return EXIT_FINDINGS;
            size_t n = strlen(line);
            if (n == 0)
                break;
            if (n <= 64 && strcmp(line, "all") != 0 &&
                strspn(line, "abcdefghijklmnopqrstuvwxyz0123456789-_.") == n) {
                if (!(*out[k] = strdup(line))) {
                    cli_error("out of memory");
                    return EXIT_INTERNAL;
                }
                break;
            }
            printf("%s\n",
                   L(cli, "  lower-case letters, digits, '-', '_' or '.'",
                     "  英小文字、数字、'-'、'_'、'.' のみ"));
        }
    }
    return EXIT_OK;
}

static void show(const struct session *s, size_t i, size_t done)
{
    const struct cli *cli = s->cli;
    const tsn_catalogue *c = s->c;
    const tsn_question *q = &c->questions[i];
    bool ja = cli->lang == LANG_JA;
    printf(L(cli, "\n[%zu/%zu, %zu answered] %s\n%s  %s\n",
             "\n[%zu/%zu、%zu 問回答済み] %s\n%s  %s\n"),
           i + 1, c->nquestions, done,
           tsn_text_in(&c->sections[q->section].title, ja), q->id,
           tsn_text_in(&q->text, ja));
    if (q->help.en)
        printf("  (%s)\n", tsn_text_in(&q->help, ja));
    for (size_t k = 0; k < q->scale->nlevels; k++) {
        const tsn_scale_level *l = &q->scale->levels[k];
        printf("  %d%s%s  %s\n", l->value, l->key ? " " : "",
               l->key ? l->key : "", tsn_text_in(&l->label, ja));
        if (l->description.en)
            printf("      %s\n", tsn_text_in(&l->description, ja));
    }
    if (q->not_applicable)
        printf("  na  %s\n", L(cli, "not applicable", "該当なし"));
    if (s->a[i].set && s->a[i].na)
        printf("  %s na\n", L(cli, "now:", "現在の回答:"));
    else if (s->a[i].set)
        printf("  %s %d\n", L(cli, "now:", "現在の回答:"), s->a[i].value);
}

/* The value @p in gives for @p q: 1 when read into *v / *na. */
static int parse(const tsn_question *q, const char *in, int *v, bool *na)
{
    *na = false;
    if (strcmp(in, "na") == 0) {
        *na = true;
        return q->not_applicable;
    }
    for (size_t k = 0; k < q->scale->nlevels; k++) {
        const tsn_scale_level *l = &q->scale->levels[k];
        char num[16];
        snprintf(num, sizeof num, "%d", l->value);
        if (strcmp(in, num) == 0 || (l->key && strcmp(in, l->key) == 0)) {
            *v = l->value;
            return 1;
        }
    }
    return 0;
}

static size_t answered(const struct session *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->c->nquestions; i++)
        n += s->a[i].set;
    return n;
}

/* The next question after @p i not answered yet, or nquestions. */
static size_t next_open(const struct session *s, size_t i)
{
    do
        i++;
    while (i < s->c->nquestions && s->a[i].set);
    return i;
}

/* The questions, from the first not answered: Enter or s skips one, b
 * goes back to the one before (answered or not), q quits. Exit code;
 * EXIT_FINDINGS when the person quits or the input ends. */
static int ask(struct session *s)
{
    struct cli *cli = s->cli;
    const tsn_catalogue *c = s->c;
    char line[LINE_MAX_BYTES];
    size_t i = s->a[0].set ? next_open(s, 0) : 0;
    while (i < c->nquestions) {
        const tsn_question *q = &c->questions[i];
        show(s, i, answered(s));
        printf("%s", L(cli, "answer (value or word; s skip, b back, q quit): ",
                       "回答(値または語。s 飛ばす、b 戻る、q 終了): "));
        if (!read_line(line, sizeof line) || strcmp(line, "q") == 0)
            return EXIT_FINDINGS;
        if (strcmp(line, "s") == 0 || *line == '\0') {
            i = next_open(s, i);
            continue;
        }
        if (strcmp(line, "b") == 0) {
            i = i ? i - 1 : 0;
            continue;
        }
        int v = 0;
        bool na = false;
        if (!parse(q, line, &v, &na)) {
            printf("%s\n", L(cli, "  not an answer to this question",
                             "  この設問の回答ではありません"));
            continue;
        }
        printf("%s",
               L(cli, "evidence (Enter to skip): ", "根拠(Enter で省略): "));
        if (!read_line(line, sizeof line))
            line[0] = '\0';
        struct ans *a = &s->a[i];
        if (*line) {
            char *ev = strdup(line);
            if (!ev) {
                cli_error("out of memory");
                return EXIT_INTERNAL;
            }
            free(a->evidence);
            a->evidence = ev;
        }
        a->set = true;
        a->na = na;
        a->value = v;
        if (save(s) < 0)
            return cli_fail();
        i = next_open(s, i);
    }
    return EXIT_OK;
}

int cmd_assess_start(struct cli *cli, int argc, char **argv)
{
    const char *version = NULL, *path = NULL;
    const struct opt opts[] = {
        {"--version", "V",
         "the scheme's version (default: the first there "
         "is)",
         &version, NULL, NULL},
        {"-o", "FILE", "the answers file (default: SCHEME-answers.json)", &path,
         NULL, NULL},
        {0}};
    struct assess_cmd ac;
    int rc = assess_cmd_begin(cli, "start", opts, argc, argv, false, &ac);
    if (rc != EXIT_OK)
        return rc < 0 ? EXIT_OK : rc;
    char **pos = ac.pos;
    int npos = ac.npos;
    if (npos != 1) {
        cli_error("%s: expected a scheme (assess list shows them)", cli->cmd);
        rc = EXIT_BADINPUT;
    }
    struct session s = {.cli = cli};
    char defpath[256];
    if (rc == EXIT_OK)
        rc = assess_catalogue(&ac.cs, pos[0], version, &s.c);
    if (rc == EXIT_OK && !s.c) {
        cli_error("%s: no catalogue of %s%s%s (assess list shows those there "
                  "are)",
                  cli->cmd, pos[0], version ? " " : "", version ? version : "");
        rc = EXIT_BADINPUT;
    }
    if (rc == EXIT_OK && !path) {
        snprintf(defpath, sizeof defpath, "%s-answers.json", s.c->scheme);
        path = defpath;
    }
    s.path = path;
    if (rc == EXIT_OK &&
        !(s.a = calloc(s.c->nquestions ? s.c->nquestions : 1, sizeof *s.a))) {
        cli_error("out of memory");
        rc = EXIT_INTERNAL;
    }
    struct stat st;
    bool exists = rc == EXIT_OK && stat(path, &st) == 0;
    if (exists) {
        tsn_buf text = TSN_BUF_INIT(4 * 1024 * 1024);
        if (tsnu_file_read(&text, path, text.max) < 0)
            rc = cli_fail();
        else
            rc = resume(&s, tsn_buf_cstr(&text), text.len);
        tsn_buf_dispose(&text);
    }
    bool ja = cli->lang == LANG_JA;
    if (rc == EXIT_OK) {
        printf("%s (%s %s)\n", tsn_text_in(&s.c->title, ja), s.c->scheme,
               s.c->version);
        if (strcmp(s.c->source.status, "official") != 0)
            printf("%s\n",
                   L(cli,
                     "An unofficial paraphrase; the official document "
                     "decides.",
                     "非公式の要約です。正式な内容は公式文書によります。"));
        if (exists)
            printf(L(cli, "Going on with %s: %zu of %zu answered.\n",
                     "%s の続きから: %zu / %zu 回答済み。\n"),
                   path, answered(&s), s.c->nquestions);
        else
            printf(L(cli, "Answers are saved to %s after each question.\n",
                     "回答は1問ごとに %s に保存されます。\n"),
                   path);
    }
    if (rc == EXIT_OK && !exists) {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(s.date, sizeof s.date, "%Y-%m-%d", &tm);
        rc = ask_organisation(&s);
        if (rc == EXIT_OK && save(&s) < 0)
            rc = cli_fail();
    }
    if (rc == EXIT_OK)
        rc = ask(&s);
    if (rc == EXIT_FINDINGS) {
        /* quit or end of input: what was answered is saved */
        if (s.name)
            printf(L(cli,
                     "\nSaved: %zu of %zu answered in %s; `tsunagi assess "
                     "start %s -o %s` goes on.\n",
                     "\n保存しました: %zu / %zu 回答済み(%s)。`tsunagi "
                     "assess start %s -o %s` で続けられます。\n"),
                   answered(&s), s.c->nquestions, path, s.c->scheme, path);
        rc = EXIT_OK;
    } else if (rc == EXIT_OK) {
        printf(L(cli,
                 "\nAll %zu answered and saved in %s. `tsunagi assess "
                 "score %s` scores them, `tsunagi assess report %s` writes "
                 "the report.\n",
                 "\n%zu 問すべて回答し、%s に保存しました。`tsunagi assess "
                 "score %s` で採点、`tsunagi assess report %s` で報告書を作成"
                 "できます。\n"),
               answered(&s), path, path, path);
    }
    for (size_t i = 0; s.a && i < s.c->nquestions; i++) {
        free(s.a[i].evidence);
        free(s.a[i].comment);
    }
    free(s.a);
    free(s.name);
    free(s.industry);
    free(s.size);
    assess_cmd_end(&ac);
    return rc;
}

/* The answer @p id has in @p args ("Q1=yes"): 1 yes, 0 no, -1 none, -2 a
 * value that is neither. */
static int given(char **args, int n, const char *id)
{
    size_t len = strlen(id);
    for (int i = 0; i < n; i++)
        if (strncmp(args[i], id, len) == 0 && args[i][len] == '=') {
            const char *v = args[i] + len + 1;
            if (strcmp(v, "yes") == 0 || strcmp(v, "y") == 0)
                return 1;
            if (strcmp(v, "no") == 0 || strcmp(v, "n") == 0)
                return 0;
            return -2;
        }
    return -1;
}

int cmd_assess_decide(struct cli *cli, int argc, char **argv)
{
    const char *version = NULL;
    const struct opt opts[] = {
        {"--version", "V",
         "the scheme's version (default: the first there "
         "is)",
         &version, NULL, NULL},
        {0}};
    struct assess_cmd ac;
    int rc = assess_cmd_begin(cli, "decide", opts, argc, argv, false, &ac);
    if (rc != EXIT_OK)
        return rc < 0 ? EXIT_OK : rc;
    char **pos = ac.pos;
    int npos = ac.npos;
    const tsn_catalogue *c = NULL;
    if (npos < 1) {
        cli_error("%s: expected a scheme", cli->cmd);
        rc = EXIT_BADINPUT;
    }
    if (rc == EXIT_OK)
        rc = assess_catalogue(&ac.cs, pos[0], version, &c);
    if (rc == EXIT_OK && (!c || !c->ndecision)) {
        cli_error("%s: %s has no decision tree", cli->cmd, pos[0]);
        rc = EXIT_BADINPUT;
    }
    bool ja = cli->lang == LANG_JA, any = false;
    char line[LINE_MAX_BYTES];
    const char *why = NULL;
    for (int i = 1; rc == EXIT_OK && i < npos; i++) {
        bool known = false;
        for (size_t k = 0; k < c->ndecision; k++)
            known |= given(pos + i, 1, c->decision[k].id) >= 0;
        if (!known) {
            cli_error("%s: '%s' is not ID=yes or ID=no for a question of "
                      "the decision tree",
                      cli->cmd, pos[i]);
            rc = EXIT_BADINPUT;
        }
    }
    for (size_t k = 0; rc == EXIT_OK && k < c->ndecision; k++) {
        const tsn_decision_question *d = &c->decision[k];
        int v = given(pos + 1, npos - 1, d->id);
        while (v < 0) {
            /* not given: asked */
            printf("%s  %s\n%s", d->id, tsn_text_in(&d->text, ja),
                   L(cli, "yes or no: ", "はい(yes)/いいえ(no): "));
            if (!read_line(line, sizeof line)) {
                cli_error("%s: no answer to %s", cli->cmd, d->id);
                rc = EXIT_BADINPUT;
                break;
            }
            char tmp[LINE_MAX_BYTES + 80];
            snprintf(tmp, sizeof tmp, "%s=%s", d->id, line);
            char *one = tmp;
            v = given(&one, 1, d->id); /* asked again unless yes or no */
        }
        if (v == 1 && !any) {
            any = true;
            why = d->id;
        }
    }
    if (rc == EXIT_OK) {
        int lv = any ? c->decision_yes : c->decision_no;
        if (lv < 0)
            printf("%s\n", L(cli, "no level follows from these answers",
                             "この回答から要求レベルは決まりません"));
        else if (any)
            printf(L(cli, "Ask for %s (%s is yes).\n",
                     "%s を求めてください(%s がはい)。\n"),
                   tsn_text_in(&c->levels[lv].label, ja), why);
        else
            printf(L(cli, "Ask for %s (every answer is no).\n",
                     "%s を求めてください(すべていいえ)。\n"),
                   tsn_text_in(&c->levels[lv].label, ja));
    }
    assess_cmd_end(&ac);
    return rc;
}
