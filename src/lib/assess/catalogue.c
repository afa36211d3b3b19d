/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Catalogues and answers files (docs/assess.md): read, every reference
 * checked, every fault named by file, line, JSON pointer and id.
 */
#include "lib/assess/assess_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *tsn_text_in(const tsn_text *t, bool ja)
{
    const char *s = ja ? t->ja : t->en;
    return s ? s : "";
}

/* A member not in @p allowed (NULL-terminated) is a violation: a typing
 * mistake in a catalogue must not be read as an absent member. */
int tsnq_only(tsnr *r,
              const tsnu_json *obj,
              const tsnu_jpath *p,
              const char *const *allowed)
{
    for (size_t i = 0; i < obj->len; i++) {
        const char *k = obj->u.members[i].key;
        size_t j = 0;
        while (allowed[j] && strcmp(allowed[j], k) != 0)
            j++;
        if (!allowed[j]) {
            tsnu_jpath at = TSNR_AT(p, k);
            return tsnr_bad(r, &at, &obj->u.members[i].value,
                            "unknown member '%s'", k);
        }
    }
    return 0;
}

/* A text in both languages: {"en": "...", "ja": "..."}. */
static int text(tsnr *r,
                const tsnu_json *obj,
                const tsnu_jpath *p,
                const char *key,
                bool required,
                const char *id,
                tsn_text *out)
{
    const tsnu_json *v = NULL;
    int rc = tsnr_member(r, obj, p, key, TSNU_JSON_OBJECT, &v);
    if (rc < 0)
        return rc;
    if (!v) {
        if (required)
            return tsnr_bad(r, p, obj, "%s%s'%s' is required", id ? id : "",
                            id ? ": " : "", key);
        return 0;
    }
    tsnu_jpath at = TSNR_AT(p, key);
    static const char *const langs[] = {"en", "ja", NULL};
    if ((rc = tsnq_only(r, v, &at, langs)) < 0 ||
        (rc = tsnr_str(r, v, &at, "en", false, &out->en)) < 0 ||
        (rc = tsnr_str(r, v, &at, "ja", false, &out->ja)) < 0)
        return rc;
    if (!out->en || !*out->en || !out->ja || !*out->ja)
        return tsnr_bad(r, &at, v,
                        "%s%sthe text needs both English (en) and "
                        "Japanese (ja)",
                        id ? id : "", id ? ": " : "");
    return 0;
}

/* A number member (absent: @p dflt), within [lo, hi]. */
int tsnq_number(tsnr *r,
                const tsnu_json *obj,
                const tsnu_jpath *p,
                const char *key,
                double dflt,
                double lo,
                double hi,
                double *out)
{
    const tsnu_json *v = NULL;
    int rc = tsnr_member(r, obj, p, key, TSNU_JSON_NUMBER, &v);
    if (rc < 0)
        return rc;
    *out = dflt;
    if (!v)
        return 0;
    char *end;
    double d = strtod(v->u.str, &end);
    tsnu_jpath at = TSNR_AT(p, key);
    if (*end || !isfinite(d) || d < lo || d > hi)
        return tsnr_bad(r, &at, v, "'%s' must be a number from %g to %g",
                        v->u.str, lo, hi);
    *out = d;
    return 0;
}

int tsnq_integer(tsnr *r,
                 const tsnu_json *obj,
                 const tsnu_jpath *p,
                 const char *key,
                 bool required,
                 int lo,
                 int hi,
                 int *out)
{
    const tsnu_json *v = NULL;
    int rc = tsnr_member(r, obj, p, key, TSNU_JSON_NUMBER, &v);
    if (rc < 0)
        return rc;
    if (!v) {
        if (required)
            return tsnr_bad(r, p, obj, "'%s' is required", key);
        return 0;
    }
    char *end;
    long l = strtol(v->u.str, &end, 10);
    tsnu_jpath at = TSNR_AT(p, key);
    if (*end || l < lo || l > hi)
        return tsnr_bad(r, &at, v, "'%s' must be a whole number from %d to %d",
                        v->u.str, lo, hi);
    *out = (int)l;
    return 0;
}

static int boolean(tsnr *r,
                   const tsnu_json *obj,
                   const tsnu_jpath *p,
                   const char *key,
                   bool dflt,
                   bool *out)
{
    const tsnu_json *v = tsnu_json_get(obj, key);
    *out = dflt;
    if (!v)
        return 0;
    if (v->type != TSNU_JSON_TRUE && v->type != TSNU_JSON_FALSE) {
        tsnu_jpath at = TSNR_AT(p, key);
        return tsnr_bad(r, &at, v, "expected true or false, got %s",
                        tsnu_json_type_name(v->type));
    }
    *out = v->type == TSNU_JSON_TRUE;
    return 0;
}

/* An id: letters, digits, '-', '_', '.'; at most 64 bytes. */
static bool id_ok(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++) {
        char c = s[n];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
            return false;
    }
    return n > 0 && n <= 64;
}

static int id_member(tsnr *r,
                     const tsnu_json *obj,
                     const tsnu_jpath *p,
                     tsnu_strset *seen,
                     const char *what,
                     const char **out)
{
    int rc = tsnr_str(r, obj, p, "id", true, out);
    if (rc < 0)
        return rc;
    tsnu_jpath at = TSNR_AT(p, "id");
    const tsnu_json *v = tsnu_json_get(obj, "id");
    if (!id_ok(*out))
        return tsnr_bad(r, &at, v,
                        "%s id '%s' is not letters, digits, '-', '_' and '.' "
                        "(at most 64)",
                        what, *out);
    if (seen) {
        rc = tsnu_strset_add(seen, *out);
        if (rc < 0)
            return rc;
        if (rc == 0)
            return tsnr_bad(r, &at, v, "%s id '%s' is used twice", what, *out);
    }
    return 0;
}

static int aggregation(tsnr *r,
                       const tsnu_json *obj,
                       const tsnu_jpath *p,
                       const char *key,
                       tsn_aggregation *out)
{
    const char *s = NULL;
    int rc = tsnr_str(r, obj, p, key, false, &s);
    if (rc < 0 || !s)
        return rc;
    static const char *const names[] = {"mean", "weighted", "min"};
    for (int i = 0; i < 3; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (tsn_aggregation)i;
            return 0;
        }
    tsnu_jpath at = TSNR_AT(p, key);
    return tsnr_bad(r, &at, tsnu_json_get(obj, key),
                    "'%s' is not mean, weighted or min", s);
}

/* NIST CSF 2.0: a function (GV), category (GV.OC) or subcategory
 * (GV.OC-01) of the six functions. */
static bool csf_ok(const char *s)
{
    static const char *const fns[] = {"GV", "ID", "PR", "DE", "RS", "RC"};
    size_t i = 0;
    while (i < 6 && strncmp(s, fns[i], 2) != 0)
        i++;
    if (i == 6)
        return false;
    if (!s[2])
        return true;
    if (s[2] != '.' || !(s[3] >= 'A' && s[3] <= 'Z') ||
        !(s[4] >= 'A' && s[4] <= 'Z'))
        return false;
    if (!s[5])
        return true;
    return s[5] == '-' && s[6] >= '0' && s[6] <= '9' && s[7] >= '0' &&
           s[7] <= '9' && !s[8];
}

static int csf(tsnr *r,
               const tsnu_json *obj,
               const tsnu_jpath *p,
               const char *id,
               const char *const **out,
               size_t *n)
{
    int rc = tsnr_strings(r, obj, p, "csf", false, out, n);
    for (size_t i = 0; rc == 0 && i < *n; i++)
        if (!csf_ok((*out)[i])) {
            tsnu_jpath at = TSNR_AT(p, "csf"), ip = TSNR_IDX(&at, i);
            return tsnr_bad(r, &ip, &tsnu_json_get(obj, "csf")->u.items[i],
                            "%s: '%s' is not a NIST CSF 2.0 function, "
                            "category or subcategory (GV, GV.OC, GV.OC-01)",
                            id, (*out)[i]);
        }
    return rc;
}

static int confidence(tsnr *r,
                      const tsnu_json *obj,
                      const tsnu_jpath *p,
                      const char *key,
                      bool required,
                      const char **out)
{
    int rc = tsnr_str(r, obj, p, key, required, out);
    if (rc < 0 || !*out)
        return rc;
    if (strlen(*out) != 1 || !strchr("CSKU", (*out)[0])) {
        tsnu_jpath at = TSNR_AT(p, key);
        return tsnr_bad(r, &at, tsnu_json_get(obj, key),
                        "'%s' is not C, S, K or U", *out);
    }
    return 0;
}

/* ---- the catalogue's parts ------------------------------------------- */

static int read_scale(tsnr *r,
                      const tsnu_json *v,
                      const tsnu_jpath *p,
                      tsnu_strset *ids,
                      tsn_scale *s)
{
    static const char *const members[] = {"id", "kind", "met", "levels", NULL};
    static const char *const lmembers[] = {"value", "key", "label",
                                           "description", NULL};
    int rc = tsnr_object(r, v, p);
    const char *kind = NULL;
    if (rc == 0)
        rc = tsnq_only(r, v, p, members);
    if (rc == 0)
        rc = id_member(r, v, p, ids, "scale", &s->id);
    if (rc == 0)
        rc = tsnr_str(r, v, p, "kind", true, &kind);
    if (rc == 0 && strcmp(kind, "maturity") != 0 &&
        strcmp(kind, "choice") != 0) {
        tsnu_jpath at = TSNR_AT(p, "kind");
        return tsnr_bad(r, &at, tsnu_json_get(v, "kind"),
                        "scale %s: kind '%s' is not maturity or choice", s->id,
                        kind);
    }
    if (rc < 0)
        return rc;
    s->maturity = strcmp(kind, "maturity") == 0;
    const tsnu_json *items;
    size_t n;
    if ((rc = tsnr_items(r, v, p, "levels", true, &items, &n)) < 0)
        return rc;
    if (n < 2 || n > 16)
        return tsnr_bad(r, p, v, "scale %s: 2 to 16 levels, not %zu", s->id, n);
    tsn_scale_level *ls = tsnu_arena_calloc(r->arena, n, sizeof *ls);
    if (!ls)
        return tsn_error_oom();
    tsnu_jpath at = TSNR_AT(p, "levels");
    for (size_t i = 0; i < n; i++) {
        tsnu_jpath ip = TSNR_IDX(&at, i);
        const tsnu_json *l = &items[i];
        if ((rc = tsnr_object(r, l, &ip)) < 0 ||
            (rc = tsnq_only(r, l, &ip, lmembers)) < 0 ||
            (rc = tsnq_integer(r, l, &ip, "value", true, 0, 100,
                               &ls[i].value)) < 0 ||
            (rc = tsnr_str(r, l, &ip, "key", false, &ls[i].key)) < 0 ||
            (rc = text(r, l, &ip, "label", true, s->id, &ls[i].label)) < 0 ||
            (rc = text(r, l, &ip, "description", s->maturity, s->id,
                       &ls[i].description)) < 0)
            return rc;
        if (i && ls[i].value <= ls[i - 1].value)
            return tsnr_bad(r, &ip, l,
                            "scale %s: levels must be in increasing value",
                            s->id);
        if (ls[i].key && (!id_ok(ls[i].key) || strcmp(ls[i].key, "na") == 0))
            return tsnr_bad(r, &ip, l, "scale %s: '%s' cannot be a key", s->id,
                            ls[i].key);
        for (size_t j = 0; ls[i].key && j < i; j++)
            if (ls[j].key && strcmp(ls[j].key, ls[i].key) == 0)
                return tsnr_bad(r, &ip, l, "scale %s: key '%s' is used twice",
                                s->id, ls[i].key);
    }
    s->levels = ls;
    s->nlevels = n;
    s->min = ls[0].value;
    s->max = ls[n - 1].value;
    s->met = s->max;
    if ((rc = tsnq_integer(r, v, p, "met", false, s->min, s->max, &s->met)) < 0)
        return rc;
    return 0;
}

static int read_level(tsnr *r,
                      const tsnu_json *v,
                      const tsnu_jpath *p,
                      tsnu_strset *ids,
                      tsn_level *l)
{
    static const char *const members[] = {
        "id", "label", "assessor", "validityMonths", "rule", "minScore", NULL};
    const char *rule = NULL;
    int rc;
    if ((rc = tsnr_object(r, v, p)) < 0 ||
        (rc = tsnq_only(r, v, p, members)) < 0 ||
        (rc = id_member(r, v, p, ids, "level", &l->id)) < 0 ||
        (rc = text(r, v, p, "label", true, l->id, &l->label)) < 0 ||
        (rc = text(r, v, p, "assessor", false, l->id, &l->assessor)) < 0 ||
        (rc = tsnq_integer(r, v, p, "validityMonths", false, 0, 1200,
                           &l->validity_months)) < 0 ||
        (rc = tsnr_str(r, v, p, "rule", false, &rule)) < 0 ||
        (rc = tsnq_number(r, v, p, "minScore", 0, 0, 100, &l->min_score)) < 0)
        return rc;
    l->rule = TSN_LEVEL_ALL_MET;
    if (rule && strcmp(rule, "min-score") == 0)
        l->rule = TSN_LEVEL_MIN_SCORE;
    else if (rule && strcmp(rule, "all-met") != 0) {
        tsnu_jpath at = TSNR_AT(p, "rule");
        return tsnr_bad(r, &at, tsnu_json_get(v, "rule"),
                        "level %s: rule '%s' is not all-met or min-score",
                        l->id, rule);
    }
    if (l->rule == TSN_LEVEL_MIN_SCORE && !tsnu_json_get(v, "minScore"))
        return tsnr_bad(r, p, v, "level %s: rule min-score needs 'minScore'",
                        l->id);
    return 0;
}

struct reading {
    tsnr r;
    tsn_catalogue *c;
    tsnu_strset qids;
    tsnu_vec questions; /* tsn_question */
};

static const tsn_scale *scale_named(const tsn_catalogue *c, const char *id)
{
    for (size_t i = 0; i < c->nscales; i++)
        if (strcmp(c->scales[i].id, id) == 0)
            return &c->scales[i];
    return NULL;
}

static int level_named(const tsn_catalogue *c, const char *id)
{
    for (size_t i = 0; i < c->nlevels; i++)
        if (strcmp(c->levels[i].id, id) == 0)
            return (int)i;
    return -1;
}

static int read_question(struct reading *rd,
                         const tsnu_json *v,
                         const tsnu_jpath *p,
                         size_t section)
{
    static const char *const members[] = {
        "id",       "text",          "help",   "next", "scale",      "weight",
        "required", "notApplicable", "levels", "csf",  "confidence", NULL};
    tsnr *r = &rd->r;
    tsn_question q = {.section = section, .line = v->line};
    const char *scale = NULL;
    int rc;
    if ((rc = tsnr_object(r, v, p)) < 0 ||
        (rc = tsnq_only(r, v, p, members)) < 0 ||
        (rc = id_member(r, v, p, &rd->qids, "question", &q.id)) < 0 ||
        (rc = text(r, v, p, "text", true, q.id, &q.text)) < 0 ||
        (rc = text(r, v, p, "help", false, q.id, &q.help)) < 0 ||
        (rc = text(r, v, p, "next", false, q.id, &q.next)) < 0 ||
        (rc = tsnr_str(r, v, p, "scale", true, &scale)) < 0 ||
        (rc = tsnq_number(r, v, p, "weight", 1, 0, 1000, &q.weight)) < 0 ||
        (rc = boolean(r, v, p, "required", true, &q.required)) < 0 ||
        (rc = boolean(r, v, p, "notApplicable", false, &q.not_applicable)) <
            0 ||
        (rc = csf(r, v, p, q.id, &q.csf, &q.ncsf)) < 0 ||
        (rc = confidence(r, v, p, "confidence", false, &q.confidence)) < 0)
        return rc;
    if (!(q.scale = scale_named(rd->c, scale))) {
        tsnu_jpath at = TSNR_AT(p, "scale");
        return tsnr_bad(r, &at, tsnu_json_get(v, "scale"),
                        "question %s: no scale '%s'", q.id, scale);
    }
    const char *const *lv;
    size_t nlv;
    if ((rc = tsnr_strings(r, v, p, "levels", false, &lv, &nlv)) < 0)
        return rc;
    for (size_t i = 0; i < nlv; i++) {
        int l = level_named(rd->c, lv[i]);
        if (l < 0) {
            tsnu_jpath at = TSNR_AT(p, "levels"), ip = TSNR_IDX(&at, i);
            return tsnr_bad(r, &ip, &tsnu_json_get(v, "levels")->u.items[i],
                            "question %s: no level '%s'", q.id, lv[i]);
        }
        q.levels |= (uint32_t)1 << l;
    }
    return tsnu_vec_push(&rd->questions, &q);
}

static int read_section(struct reading *rd,
                        const tsnu_json *v,
                        const tsnu_jpath *p,
                        tsnu_strset *ids,
                        size_t index,
                        tsn_section *s)
{
    static const char *const members[] = {"id",  "title",     "short", "weight",
                                          "csf", "questions", NULL};
    tsnr *r = &rd->r;
    const tsnu_json *items;
    size_t n;
    int rc;
    if ((rc = tsnr_object(r, v, p)) < 0 ||
        (rc = tsnq_only(r, v, p, members)) < 0 ||
        (rc = id_member(r, v, p, ids, "section", &s->id)) < 0 ||
        (rc = text(r, v, p, "title", true, s->id, &s->title)) < 0 ||
        (rc = text(r, v, p, "short", false, s->id, &s->short_title)) < 0 ||
        (rc = tsnq_number(r, v, p, "weight", 1, 0, 1000, &s->weight)) < 0 ||
        (rc = csf(r, v, p, s->id, &s->csf, &s->ncsf)) < 0 ||
        (rc = tsnr_items(r, v, p, "questions", true, &items, &n)) < 0)
        return rc;
    if (n == 0)
        return tsnr_bad(r, p, v, "section %s has no questions", s->id);
    s->first = rd->questions.len;
    s->count = n;
    tsnu_jpath at = TSNR_AT(p, "questions");
    for (size_t i = 0; i < n; i++) {
        tsnu_jpath ip = TSNR_IDX(&at, i);
        if ((rc = read_question(rd, &items[i], &ip, index)) < 0)
            return rc;
    }
    return 0;
}

static int
read_decision(struct reading *rd, const tsnu_json *v, const tsnu_jpath *p)
{
    static const char *const members[] = {"questions", "anyYes", "allNo", NULL};
    static const char *const qmembers[] = {"id", "text", NULL};
    tsnr *r = &rd->r;
    tsn_catalogue *c = rd->c;
    const tsnu_json *items;
    const char *yes = NULL, *no = NULL;
    size_t n;
    int rc;
    if ((rc = tsnr_object(r, v, p)) < 0 ||
        (rc = tsnq_only(r, v, p, members)) < 0 ||
        (rc = tsnr_items(r, v, p, "questions", true, &items, &n)) < 0 ||
        (rc = tsnr_str(r, v, p, "anyYes", true, &yes)) < 0 ||
        (rc = tsnr_str(r, v, p, "allNo", true, &no)) < 0)
        return rc;
    c->decision_yes = level_named(c, yes);
    c->decision_no = level_named(c, no);
    if (c->decision_yes < 0 || c->decision_no < 0) {
        tsnu_jpath at = TSNR_AT(p, c->decision_yes < 0 ? "anyYes" : "allNo");
        return tsnr_bad(r, &at, v, "decision: no level '%s'",
                        c->decision_yes < 0 ? yes : no);
    }
    tsn_decision_question *qs =
        n ? tsnu_arena_calloc(r->arena, n, sizeof *qs) : NULL;
    if (n && !qs)
        return tsn_error_oom();
    tsnu_strset ids = TSNU_STRSET_INIT;
    tsnu_jpath at = TSNR_AT(p, "questions");
    for (size_t i = 0; rc == 0 && i < n; i++) {
        tsnu_jpath ip = TSNR_IDX(&at, i);
        if ((rc = tsnr_object(r, &items[i], &ip)) == 0 &&
            (rc = tsnq_only(r, &items[i], &ip, qmembers)) == 0 &&
            (rc = id_member(r, &items[i], &ip, &ids, "decision question",
                            &qs[i].id)) == 0)
            rc = text(r, &items[i], &ip, "text", true, qs[i].id, &qs[i].text);
    }
    tsnu_strset_dispose(&ids);
    c->decision = qs;
    c->ndecision = n;
    return rc;
}

static int read_facts(tsnr *r, const tsnu_json *root, tsn_catalogue *c)
{
    static const char *const members[] = {"tag", "text", NULL};
    const tsnu_json *items;
    size_t n;
    int rc = tsnr_items(r, root, NULL, "facts", false, &items, &n);
    if (rc < 0 || n == 0)
        return rc;
    tsn_fact *fs = tsnu_arena_calloc(r->arena, n, sizeof *fs);
    if (!fs)
        return tsn_error_oom();
    tsnu_jpath at = TSNR_AT(NULL, "facts");
    for (size_t i = 0; i < n; i++) {
        tsnu_jpath ip = TSNR_IDX(&at, i);
        if ((rc = tsnr_object(r, &items[i], &ip)) < 0 ||
            (rc = tsnq_only(r, &items[i], &ip, members)) < 0 ||
            (rc = confidence(r, &items[i], &ip, "tag", true, &fs[i].tag)) < 0 ||
            (rc = text(r, &items[i], &ip, "text", true, NULL, &fs[i].text)) < 0)
            return rc;
    }
    c->facts = fs;
    c->nfacts = n;
    return 0;
}

static int read_source(tsnr *r, const tsnu_json *root, tsn_catalogue *c)
{
    static const char *const members[] = {"title", "url", "date", "status",
                                          NULL};
    const tsnu_json *v = NULL;
    int rc = tsnr_member(r, root, NULL, "source", TSNU_JSON_OBJECT, &v);
    if (rc < 0)
        return rc;
    if (!v)
        return tsnr_bad(r, NULL, root, "'source' is required");
    tsnu_jpath p = TSNR_AT(NULL, "source");
    if ((rc = tsnq_only(r, v, &p, members)) < 0 ||
        (rc = text(r, v, &p, "title", true, NULL, &c->source.title)) < 0 ||
        (rc = tsnr_str(r, v, &p, "url", true, &c->source.url)) < 0 ||
        (rc = tsnr_date(r, v, &p, "date", false, &c->source.date)) < 0 ||
        (rc = tsnr_str(r, v, &p, "status", true, &c->source.status)) < 0)
        return rc;
    if (strncmp(c->source.url, "https://", 8) != 0) {
        tsnu_jpath at = TSNR_AT(&p, "url");
        return tsnr_bad(r, &at, tsnu_json_get(v, "url"),
                        "the source's url must be https://...");
    }
    if (strcmp(c->source.status, "official") != 0 &&
        strcmp(c->source.status, "unofficial-paraphrase") != 0) {
        tsnu_jpath at = TSNR_AT(&p, "status");
        return tsnr_bad(r, &at, tsnu_json_get(v, "status"),
                        "status '%s' is not official or "
                        "unofficial-paraphrase",
                        c->source.status);
    }
    return 0;
}

static int read_scoring(tsnr *r, const tsnu_json *root, tsn_catalogue *c)
{
    static const char *const members[] = {"section", "overall", "target", NULL};
    const tsnu_json *v = NULL;
    c->section_rule = TSN_AGG_WEIGHTED;
    c->overall_rule = TSN_AGG_WEIGHTED;
    c->target = 100;
    int rc = tsnr_member(r, root, NULL, "scoring", TSNU_JSON_OBJECT, &v);
    if (rc < 0 || !v)
        return rc;
    tsnu_jpath p = TSNR_AT(NULL, "scoring");
    if ((rc = tsnq_only(r, v, &p, members)) < 0 ||
        (rc = aggregation(r, v, &p, "section", &c->section_rule)) < 0 ||
        (rc = aggregation(r, v, &p, "overall", &c->overall_rule)) < 0 ||
        (rc = tsnq_number(r, v, &p, "target", 100, 0, 100, &c->target)) < 0)
        return rc;
    return 0;
}

/* The catalogue's arrays of scales, levels and sections. */
static int read_parts(struct reading *rd, const tsnu_json *root)
{
    tsnr *r = &rd->r;
    tsn_catalogue *c = rd->c;
    const tsnu_json *items;
    size_t n;
    tsnu_strset ids = TSNU_STRSET_INIT;
    int rc = tsnr_items(r, root, NULL, "scales", true, &items, &n);
    tsn_scale *scales = NULL;
    if (rc == 0 && n == 0)
        rc = tsnr_bad(r, NULL, root, "'scales' is empty");
    if (rc == 0 && !(scales = tsnu_arena_calloc(r->arena, n, sizeof *scales)))
        rc = tsn_error_oom();
    tsnu_jpath at = TSNR_AT(NULL, "scales");
    for (size_t i = 0; rc == 0 && i < n; i++) {
        tsnu_jpath ip = TSNR_IDX(&at, i);
        rc = read_scale(r, &items[i], &ip, &ids, &scales[i]);
    }
    c->scales = scales;
    c->nscales = rc == 0 ? n : 0;
    tsnu_strset_dispose(&ids);

    ids = (tsnu_strset)TSNU_STRSET_INIT;
    if (rc == 0)
        rc = tsnr_items(r, root, NULL, "levels", false, &items, &n);
    if (rc == 0 && n > 32)
        rc = tsnr_bad(r, NULL, root, "at most 32 levels, not %zu", n);
    tsn_level *levels = NULL;
    if (rc == 0 && n &&
        !(levels = tsnu_arena_calloc(r->arena, n, sizeof *levels)))
        rc = tsn_error_oom();
    at = (tsnu_jpath)TSNR_AT(NULL, "levels");
    for (size_t i = 0; rc == 0 && i < n; i++) {
        tsnu_jpath ip = TSNR_IDX(&at, i);
        rc = read_level(r, &items[i], &ip, &ids, &levels[i]);
    }
    c->levels = levels;
    c->nlevels = rc == 0 ? n : 0;
    tsnu_strset_dispose(&ids);

    ids = (tsnu_strset)TSNU_STRSET_INIT;
    if (rc == 0)
        rc = tsnr_items(r, root, NULL, "sections", true, &items, &n);
    if (rc == 0 && n == 0)
        rc = tsnr_bad(r, NULL, root, "'sections' is empty");
    tsn_section *sections = NULL;
    if (rc == 0 &&
        !(sections = tsnu_arena_calloc(r->arena, n, sizeof *sections)))
        rc = tsn_error_oom();
    at = (tsnu_jpath)TSNR_AT(NULL, "sections");
    for (size_t i = 0; rc == 0 && i < n; i++) {
        tsnu_jpath ip = TSNR_IDX(&at, i);
        rc = read_section(rd, &items[i], &ip, &ids, i, &sections[i]);
    }
    c->sections = sections;
    c->nsections = rc == 0 ? n : 0;
    tsnu_strset_dispose(&ids);
    return rc;
}

/* A level of rule all-met that no question applies to could never be
 * failed: a mistake in the catalogue. */
static int check_levels(tsnr *r, const tsnu_json *root, tsn_catalogue *c)
{
    for (size_t l = 0; l < c->nlevels; l++) {
        if (c->levels[l].rule != TSN_LEVEL_ALL_MET)
            continue;
        size_t k = 0;
        while (k < c->nquestions &&
               !(c->questions[k].levels & ((uint32_t)1 << l)))
            k++;
        if (k == c->nquestions) {
            tsnu_jpath at = TSNR_AT(NULL, "levels"), ip = TSNR_IDX(&at, l);
            return tsnr_bad(r, &ip, &tsnu_json_get(root, "levels")->u.items[l],
                            "level %s: no question applies to it",
                            c->levels[l].id);
        }
    }
    return 0;
}

int tsn_catalogue_read(tsn_catalogue **out,
                       const char *data,
                       size_t len,
                       const char *name)
{
    static const char *const members[] = {
        "tsunagiCatalogue", "scheme",   "version",  "revision", "title",
        "summary",          "source",   "facts",    "scales",   "scoring",
        "levels",           "sections", "decision", NULL};
    *out = NULL;
    struct tsnq_catalogue *k = tsn_calloc(1, sizeof *k);
    if (!k)
        return tsn_error_oom();
    tsn_catalogue *c = &k->pub;
    struct reading rd = {.r = TSNR_INIT(&k->arena, ""),
                         .c = c,
                         .qids = TSNU_STRSET_INIT,
                         .questions =
                             TSNU_VEC_INIT(tsn_question, TSNQ_MAX_QUESTIONS)};
    c->decision_yes = c->decision_no = -1;
    c->name = tsnu_arena_strdup(&k->arena, name ? name : "<catalogue>");
    rd.r.name = c->name;
    tsnu_json_opts jo = {.max_depth = 64, .max_string = 64 * 1024};
    tsnu_json *root = NULL;
    int rc = c->name ? 0 : tsn_error_oom();
    if (rc == 0 && len > TSNQ_MAX_BYTES)
        rc = tsn_error_set(TSN_ETOOBIG, "%s: over %zu bytes", c->name,
                           (size_t)TSNQ_MAX_BYTES);
    if (rc == 0)
        rc = tsnu_json_parse(&root, &k->arena, data, len, &jo, c->name);
    if (rc == 0 && root->type != TSNU_JSON_OBJECT)
        rc = tsnr_bad(&rd.r, NULL, root, "a catalogue is a JSON object");
    if (rc == 0 && !tsnu_json_get(root, "tsunagiCatalogue"))
        rc = tsnr_bad(&rd.r, NULL, root,
                      "not a catalogue: 'tsunagiCatalogue' is missing");
    int format = 0;
    if (rc == 0)
        rc = tsnq_integer(&rd.r, root, NULL, "tsunagiCatalogue", true, 1, 1,
                          &format);
    if (rc == 0)
        rc = tsnq_only(&rd.r, root, NULL, members);
    if (rc == 0)
        rc = tsnr_str(&rd.r, root, NULL, "scheme", true, &c->scheme);
    if (rc == 0 && !id_ok(c->scheme))
        rc = tsnr_bad(&rd.r, NULL, tsnu_json_get(root, "scheme"),
                      "scheme id '%s' is not letters, digits, '-', '_' and "
                      "'.'",
                      c->scheme);
    if (rc == 0)
        rc = tsnr_str(&rd.r, root, NULL, "version", true, &c->version);
    if (rc == 0)
        rc = tsnr_date(&rd.r, root, NULL, "revision", true, &c->revision);
    if (rc == 0)
        rc = text(&rd.r, root, NULL, "title", true, NULL, &c->title);
    if (rc == 0)
        rc = text(&rd.r, root, NULL, "summary", false, NULL, &c->summary);
    if (rc == 0)
        rc = read_source(&rd.r, root, c);
    if (rc == 0)
        rc = read_facts(&rd.r, root, c);
    if (rc == 0)
        rc = read_scoring(&rd.r, root, c);
    if (rc == 0)
        rc = read_parts(&rd, root);
    if (rc == 0) {
        c->nquestions = rd.questions.len;
        c->questions = tsnu_vec_copy(&rd.questions, &k->arena);
        if (!c->questions)
            rc = tsn_error_oom();
    }
    if (rc == 0)
        rc = check_levels(&rd.r, root, c);
    const tsnu_json *dec = NULL;
    if (rc == 0)
        rc = tsnr_member(&rd.r, root, NULL, "decision", TSNU_JSON_OBJECT, &dec);
    if (rc == 0 && dec) {
        tsnu_jpath at = TSNR_AT(NULL, "decision");
        rc = read_decision(&rd, dec, &at);
    }
    tsnu_vec_dispose(&rd.questions);
    tsnu_strset_dispose(&rd.qids);
    tsnu_vec_dispose(&rd.r.warnings);
    if (rc < 0) {
        tsn_catalogue_free(c);
        return rc;
    }
    *out = c;
    return 0;
}

void tsn_catalogue_free(tsn_catalogue *c)
{
    if (!c)
        return;
    struct tsnq_catalogue *k = (struct tsnq_catalogue *)c;
    tsnu_arena_dispose(&k->arena);
    tsn_free(k);
}

const tsn_question *tsn_catalogue_question(const tsn_catalogue *c,
                                           const char *id)
{
    for (size_t i = 0; i < c->nquestions; i++)
        if (strcmp(c->questions[i].id, id) == 0)
            return &c->questions[i];
    return NULL;
}
