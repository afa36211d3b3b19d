/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Answers files (docs/assess.md): what one organisation answered to one
 * catalogue. Faults of single answers (an unknown question, a value off
 * the scale, a required answer missing) are collected, each with its
 * line and id, so a person sees them all at once; such a file is not
 * scored.
 */
#include "lib/assess/assess_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tsnq_answers {
    tsn_answers pub;
    tsnu_arena arena;
};

struct areading {
    tsnr r;
    tsn_answers *a;
    tsnu_vec problems; /* const char * */
    size_t more;       /* problems past TSNQ_MAX_PROBLEMS, not kept */
    bool *named;       /* per question: the file answers it, well or not */
};

TSN_PRINTF(4, 5)
static int problem(
    struct areading *rd, uint32_t line, const char *id, const char *fmt, ...)
{
    if (rd->problems.len >= TSNQ_MAX_PROBLEMS) {
        rd->more++;
        return 0;
    }
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    char *m = tsnu_arena_printf(rd->r.arena, "%s:%u: %s: %s", rd->r.name,
                                (unsigned)line, id, what);
    if (!m)
        return tsn_error_oom();
    return tsnu_vec_push(&rd->problems, &m);
}

/* The header every answers file has: format, scheme, version. */
static int header(tsnr *r,
                  const tsnu_json *root,
                  const char **scheme,
                  const char **version)
{
    if (root->type != TSNU_JSON_OBJECT)
        return tsnr_bad(r, NULL, root, "an answers file is a JSON object");
    const tsnu_json *f = tsnu_json_get(root, "tsunagiAnswers");
    if (!f)
        return tsnr_bad(r, NULL, root,
                        "not an answers file: 'tsunagiAnswers' is missing");
    if (f->type != TSNU_JSON_NUMBER || strcmp(f->u.str, "1") != 0) {
        tsnu_jpath at = TSNR_AT(NULL, "tsunagiAnswers");
        return tsnr_bad(r, &at, f, "answers format %s is not known (1 is)",
                        f->type == TSNU_JSON_NUMBER ? f->u.str : "?");
    }
    int rc = tsnr_str(r, root, NULL, "scheme", true, scheme);
    if (rc == 0)
        rc = tsnr_str(r, root, NULL, "version", true, version);
    return rc;
}

int tsn_answers_scheme(const char *text,
                       size_t len,
                       const char *name,
                       char **scheme,
                       char **version)
{
    *scheme = *version = NULL;
    tsnu_arena arena = TSNU_ARENA_INIT;
    tsnr r = TSNR_INIT(&arena, name ? name : "<answers>");
    tsnu_json_opts jo = {.max_depth = 64, .max_string = 64 * 1024};
    tsnu_json *root = NULL;
    const char *s = NULL, *v = NULL;
    int rc = len > TSNQ_MAX_BYTES
                 ? tsn_error_set(TSN_ETOOBIG, "%s: over %zu bytes", r.name,
                                 (size_t)TSNQ_MAX_BYTES)
                 : tsnu_json_parse(&root, &arena, text, len, &jo, r.name);
    if (rc == 0)
        rc = header(&r, root, &s, &v);
    if (rc == 0 &&
        (!(*scheme = tsnu_strdup(s)) || !(*version = tsnu_strdup(v))))
        rc = tsn_error_oom();
    if (rc < 0) {
        tsn_free(*scheme);
        tsn_free(*version);
        *scheme = *version = NULL;
    }
    tsnu_vec_dispose(&r.warnings);
    tsnu_arena_dispose(&arena);
    return rc;
}

/* The value an answer gives: a number on the scale, a level's key, or
 * "na". 1 when read, 0 when it is a problem (recorded). */
static int value_of(struct areading *rd,
                    const tsn_question *q,
                    const tsnu_json *v,
                    tsn_answer *ans)
{
    const tsn_scale *s = q->scale;
    if (v->type == TSNU_JSON_STRING && strcmp(v->u.str, "na") == 0) {
        if (!q->not_applicable)
            return problem(rd, v->line, q->id,
                           "\"na\" (not applicable) is not an answer this "
                           "question allows");
        ans->na = true;
        return 1;
    }
    for (size_t i = 0; i < s->nlevels; i++) {
        const tsn_scale_level *l = &s->levels[i];
        bool hit = false;
        if (v->type == TSNU_JSON_STRING)
            hit = l->key && strcmp(l->key, v->u.str) == 0;
        else if (v->type == TSNU_JSON_NUMBER) {
            char *end;
            long n = strtol(v->u.str, &end, 10);
            hit = !*end && n == l->value;
        }
        if (hit) {
            ans->value = l->value;
            return 1;
        }
    }
    char keys[256] = "";
    size_t used = 0;
    for (size_t i = 0; i < s->nlevels && used < sizeof keys - 1; i++) {
        int w = s->levels[i].key
                    ? snprintf(keys + used, sizeof keys - used, "%s%s",
                               i ? ", " : "", s->levels[i].key)
                    : snprintf(keys + used, sizeof keys - used, "%s%d",
                               i ? ", " : "", s->levels[i].value);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    const char *given =
        v->type == TSNU_JSON_STRING || v->type == TSNU_JSON_NUMBER
            ? v->u.str
            : tsnu_json_type_name(v->type);
    return problem(rd, v->line, q->id, "'%.64s' is not on the scale %s (%s%s)",
                   given, s->id, keys, q->not_applicable ? ", na" : "");
}

static int read_answer(struct areading *rd,
                       const tsn_catalogue *c,
                       const tsnu_json_member *m,
                       const tsnu_jpath *p,
                       tsnu_vec *out)
{
    static const char *const members[] = {"value", "evidence", "comment", NULL};
    const tsn_question *q = tsn_catalogue_question(c, m->key);
    const tsnu_json *v = &m->value;
    if (!q)
        return problem(rd, v->line, m->key, "no such question in %s %s",
                       c->scheme, c->version);
    tsn_answer ans = {.question = (size_t)(q - c->questions), .line = v->line};
    rd->named[ans.question] = true;
    tsnu_jpath at = TSNR_AT(p, m->key);
    const tsnu_json *value = v;
    int rc;
    if (v->type == TSNU_JSON_OBJECT) {
        if ((rc = tsnq_only(&rd->r, v, &at, members)) < 0 ||
            (rc = tsnr_str(&rd->r, v, &at, "evidence", false, &ans.evidence)) <
                0 ||
            (rc = tsnr_str(&rd->r, v, &at, "comment", false, &ans.comment)) < 0)
            return rc;
        value = tsnu_json_get(v, "value");
        if (!value)
            return problem(rd, v->line, q->id, "no 'value'");
    }
    if ((rc = value_of(rd, q, value, &ans)) <= 0)
        return rc;
    return tsnu_vec_push(out, &ans);
}

/* An industry or size names a benchmark group: a word of lower-case
 * letters, digits and '-', '_' or '.', at most 64 bytes, other than
 * "all" (docs/assess.md). */
static int group_word(tsnr *r,
                      const tsnu_json *o,
                      const tsnu_jpath *p,
                      const char *key,
                      const char **out)
{
    int rc = tsnr_str(r, o, p, key, false, out);
    if (rc < 0 || !*out)
        return rc;
    const char *s = *out;
    size_t n = strlen(s);
    bool ok = n > 0 && n <= 64 && strcmp(s, "all") != 0 &&
              strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-_.") == n;
    if (ok)
        return 0;
    tsnu_jpath at = TSNR_AT(p, key);
    return tsnr_bad(r, &at, tsnu_json_get(o, key),
                    "'%s' is a word of lower-case letters, digits, '-', '_' "
                    "or '.' (at most 64, not \"all\")",
                    key);
}

static int organisation(tsnr *r, const tsnu_json *root, tsn_answers *a)
{
    static const char *const members[] = {"name", "industry", "size", NULL};
    const tsnu_json *o = NULL;
    int rc = tsnr_member(r, root, NULL, "organisation", TSNU_JSON_OBJECT, &o);
    if (rc < 0)
        return rc;
    if (!o)
        return tsnr_bad(r, NULL, root, "'organisation' is required");
    tsnu_jpath at = TSNR_AT(NULL, "organisation");
    if ((rc = tsnq_only(r, o, &at, members)) < 0 ||
        (rc = tsnr_str(r, o, &at, "name", true, &a->organisation)) < 0 ||
        (rc = group_word(r, o, &at, "industry", &a->industry)) < 0 ||
        (rc = group_word(r, o, &at, "size", &a->size)) < 0)
        return rc;
    return 0;
}

int tsn_answers_read(tsn_answers **out,
                     const tsn_catalogue *c,
                     const char *text,
                     size_t len,
                     const char *name)
{
    static const char *const members[] = {
        "tsunagiAnswers", "scheme",  "version", "organisation",
        "date",           "answers", NULL};
    *out = NULL;
    struct tsnq_answers *k = tsn_calloc(1, sizeof *k);
    if (!k)
        return tsn_error_oom();
    tsn_answers *a = &k->pub;
    a->name = tsnu_arena_strdup(&k->arena, name ? name : "<answers>");
    struct areading rd = {
        .r = TSNR_INIT(&k->arena, a->name),
        .a = a,
        .problems = TSNU_VEC_INIT(const char *, TSNQ_MAX_PROBLEMS + 1)};
    tsnu_vec answers = TSNU_VEC_INIT(tsn_answer, TSNQ_MAX_QUESTIONS);
    tsnu_json_opts jo = {.max_depth = 64, .max_string = 64 * 1024};
    tsnu_json *root = NULL;
    const tsnu_json *av = NULL;
    int rc = a->name ? 0 : tsn_error_oom();
    if (rc == 0 && len > TSNQ_MAX_BYTES)
        rc = tsn_error_set(TSN_ETOOBIG, "%s: over %zu bytes", a->name,
                           (size_t)TSNQ_MAX_BYTES);
    if (rc == 0)
        rc = tsnu_json_parse(&root, &k->arena, text, len, &jo, a->name);
    if (rc == 0)
        rc = header(&rd.r, root, &a->scheme, &a->version);
    if (rc == 0 && (strcmp(a->scheme, c->scheme) != 0 ||
                    strcmp(a->version, c->version) != 0))
        rc = tsnr_bad(&rd.r, NULL, tsnu_json_get(root, "scheme"),
                      "the answers are to %s %s, the catalogue is %s %s",
                      a->scheme, a->version, c->scheme, c->version);
    if (rc == 0)
        rc = tsnq_only(&rd.r, root, NULL, members);
    if (rc == 0)
        rc = organisation(&rd.r, root, a);
    if (rc == 0)
        rc = tsnr_date(&rd.r, root, NULL, "date", true, &a->date);
    if (rc == 0)
        rc = tsnr_member(&rd.r, root, NULL, "answers", TSNU_JSON_OBJECT, &av);
    if (rc == 0 && !av)
        rc = tsnr_bad(&rd.r, NULL, root, "'answers' is required");
    tsnu_jpath at = TSNR_AT(NULL, "answers");
    if (rc == 0 && !(rd.named = tsn_calloc(c->nquestions, sizeof *rd.named)))
        rc = tsn_error_oom();
    for (size_t i = 0; rc == 0 && i < av->len; i++)
        rc = read_answer(&rd, c, &av->u.members[i], &at, &answers);
    /* required questions without an answer (JSON's duplicate keys are
     * refused by the parser, so each question is answered at most once) */
    for (size_t i = 0; rc == 0 && i < c->nquestions; i++)
        if (c->questions[i].required && !rd.named[i])
            rc = problem(&rd, av->line, c->questions[i].id,
                         "a required answer is missing");
    if (rc == 0 && rd.more) {
        /* the last line says how many more there are */
        char *m =
            tsnu_arena_printf(&k->arena,
                              "%s: %zu more problems not listed (the "
                              "first %zu are)",
                              a->name, rd.more, (size_t)TSNQ_MAX_PROBLEMS);
        rc = m ? tsnu_vec_push(&rd.problems, &m) : tsn_error_oom();
    }
    if (rc == 0) {
        a->nanswers = answers.len;
        a->answers = tsnu_vec_copy(&answers, &k->arena);
        a->nproblems = rd.problems.len;
        a->problems_found = rd.problems.len - (rd.more ? 1 : 0) + rd.more;
        a->problems = tsnu_vec_copy(&rd.problems, &k->arena);
        if ((answers.len && !a->answers) || (rd.problems.len && !a->problems))
            rc = tsn_error_oom();
    }
    tsnu_vec_dispose(&answers);
    tsnu_vec_dispose(&rd.problems);
    tsnu_vec_dispose(&rd.r.warnings);
    tsn_free(rd.named);
    if (rc < 0) {
        tsn_answers_free(a);
        return rc;
    }
    *out = a;
    return 0;
}

void tsn_answers_free(tsn_answers *a)
{
    if (!a)
        return;
    struct tsnq_answers *k = (struct tsnq_answers *)a;
    tsnu_arena_dispose(&k->arena);
    tsn_free(k);
}
