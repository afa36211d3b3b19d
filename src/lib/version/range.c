/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Ranges: compile (vers, OSV events, NVD bounds; native syntaxes are in
 * native.c), evaluate, print as vers.
 *
 * OSV evaluation follows the OSV schema's algorithm: events sorted by
 * version ("0" first), introduced sets affected when v >= it, fixed
 * clears it when v >= it, last_affected clears it when v > it; limits
 * cut the range (v must lie below at least one limit, "*" none).
 *
 * vers evaluation follows the vers specification: "*" holds all; a
 * "!=" version is out; an "=" version is in; the other constraints,
 * sorted, hold below a leading "<"/"<=", above a trailing ">"/">=", and
 * between each ">"/">=" directly followed by "<"/"<=".
 */
#include "lib/version/rg.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/json.h"

int tsn_rg_bad(const char *s, size_t n, const char *fmt, ...)
{
    char why[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    int shown = n > 120 ? 120 : (int)n;
    return tsn_error_set(TSN_EINVALID, "range '%.*s%s': %s", shown, s,
                         n > 120 ? "..." : "", why);
}

static struct tsn_range *range_new(tsn_vscheme scheme, unsigned flags)
{
    struct tsn_range *r = tsn_calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->scheme = scheme;
    r->flags = flags;
    r->arena = (tsnu_arena)TSNU_ARENA_INIT;
    r->cons = (tsnu_vec)TSNU_VEC_INIT(struct rcons, TSN_LIMIT_RANGE_TERMS);
    r->sets = (tsnu_vec)TSNU_VEC_INIT(struct rset, TSN_LIMIT_RANGE_TERMS);
    return r;
}

void tsn_range_free(tsn_range *r)
{
    if (!r)
        return;
    tsnu_arena_dispose(&r->arena);
    tsnu_vec_dispose(&r->cons);
    tsnu_vec_dispose(&r->sets);
    tsn_free(r);
}

tsn_vscheme tsn_range_scheme(const tsn_range *r)
{
    return r->scheme;
}

static int too_many(int rc)
{
    if (rc == TSN_ETOOBIG)
        return tsn_error_set(TSN_ETOOBIG,
                             "range has more than %d constraints or events",
                             TSN_LIMIT_RANGE_TERMS);
    return rc == TSN_ENOMEM ? tsn_error_oom() : rc;
}

int tsn_rg_set(struct tsn_range *r, int type, int pre)
{
    struct rset s = {(uint8_t)type, (uint8_t)pre, (uint32_t)r->cons.len, 0};
    int rc = tsnu_vec_push(&r->sets, &s);
    return rc < 0 ? too_many(rc) : 0;
}

struct rset *tsn_rg_cur(struct tsn_range *r)
{
    return TSNU_VEC_AT(&r->sets, struct rset, r->sets.len - 1);
}

int tsn_rg_ver(struct tsn_range *r,
               const char *s,
               size_t n,
               const struct tsn_ver **out)
{
    struct tsn_ver *v;
    int rc = tsn_vs_parse_arena(&r->arena, r->scheme, s, n, &v);
    *out = v;
    return rc;
}

int tsn_rg_addv(struct tsn_range *r,
                int op,
                const struct tsn_ver *v,
                const struct tsn_ver *v2,
                unsigned flags)
{
    struct rcons c = {(uint8_t)op, (uint8_t)flags, v, v2};
    int rc = tsnu_vec_push(&r->cons, &c);
    if (rc < 0)
        return too_many(rc);
    tsn_rg_cur(r)->n++;
    return 0;
}

int tsn_rg_add(
    struct tsn_range *r, int op, const char *s, size_t n, unsigned flags)
{
    const struct tsn_ver *v = NULL;
    int rc = tsn_rg_ver(r, s, n, &v);
    if (rc < 0)
        return rc;
    return tsn_rg_addv(r, op, v, NULL, flags);
}

/* ---- evaluation ------------------------------------------------------- */

/* RubyGems: the release of a version, the segments before the first
 * text segment ("1.2.a" → "1.2"). */
static int gem_release(const struct tsn_ver *v, struct vtmp *t)
{
    size_t n = 0;
    while (n < v->len && !vs_alpha(v->s[n]) && v->s[n] != '-')
        n++;
    while (n > 0 && v->s[n - 1] == '.')
        n--;
    if (n == 0)
        return tsn_vs_parse_tmp(t, TSN_VS_GEM, "0", 1);
    return tsn_vs_parse_tmp(t, TSN_VS_GEM, v->s, n);
}

static bool holds(const struct rcons *c, const struct tsn_ver *x)
{
    int k;
    unsigned f;
    switch (c->op) {
    case R_ANY:
        return true;
    case R_EQ:
        return tsn_vs_cmp(x, c->v) == 0;
    case R_NE:
        return tsn_vs_cmp(x, c->v) != 0;
    case R_LT:
        return tsn_vs_cmp(x, c->v) < 0;
    case R_LE:
        return tsn_vs_cmp(x, c->v) <= 0;
    case R_GT:
        return tsn_vs_cmp(x, c->v) > 0;
    case R_GE:
        return tsn_vs_cmp(x, c->v) >= 0;
    case R_OUT:
        return tsn_vs_cmp(x, c->v) < 0 || tsn_vs_cmp(x, c->v2) >= 0;
    case R_PY_EQ:
    case R_PY_NE:
        if (tsn_vs_pypi_facts(c->v) & TSN_VS_PY_LOCAL)
            k = tsn_vs_cmp(x, c->v);
        else
            k = tsn_vs_pypi_public_cmp(x, c->v);
        return (k == 0) == (c->op == R_PY_EQ);
    case R_PY_LE:
        return tsn_vs_pypi_public_cmp(x, c->v) <= 0;
    case R_PY_GE:
        return tsn_vs_pypi_public_cmp(x, c->v) >= 0;
    case R_PY_LT:
        if (tsn_vs_cmp(x, c->v) >= 0)
            return false;
        f = tsn_vs_pypi_facts(x);
        if (!(tsn_vs_pypi_facts(c->v) & TSN_VS_PY_PRE) && (f & TSN_VS_PY_PRE) &&
            tsn_vs_pypi_release_cmp(x, c->v) == 0)
            return false;
        return true;
    case R_PY_GT:
        if (tsn_vs_cmp(x, c->v) <= 0)
            return false;
        f = tsn_vs_pypi_facts(x);
        if (!(tsn_vs_pypi_facts(c->v) & TSN_VS_PY_POST) &&
            (f & TSN_VS_PY_POST) && tsn_vs_pypi_release_cmp(x, c->v) == 0)
            return false;
        if ((f & TSN_VS_PY_LOCAL) && tsn_vs_pypi_release_cmp(x, c->v) == 0)
            return false;
        return true;
    case R_PY_ARB:
        return tsn_vs_bytecasecmp(x->s, x->len, c->v->s, c->v->len) == 0;
    case R_GEM_RLT: {
        struct vtmp t;
        if (gem_release(x, &t) < 0)
            return false;
        return tsn_vs_cmp(&t.v, c->v) < 0;
    }
    default:
        return false;
    }
}

static bool eval_and(const struct tsn_range *r,
                     const struct rset *s,
                     const struct rcons *c,
                     const struct tsn_ver *x)
{
    for (uint32_t i = 0; i < s->n; i++)
        if (!holds(&c[i], x))
            return false;
    if (s->pre == PRE_ANY || (r->flags & TSN_RANGE_INCLUDE_PRERELEASE) ||
        !tsn_vs_prerelease(x))
        return true;
    if (s->pre == PRE_NEVER)
        return false;
    for (uint32_t i = 0; i < s->n; i++)
        if (c[i].v && tsn_vs_prerelease(c[i].v) && tsn_vs_same_core(x, c[i].v))
            return true;
    return false;
}

static bool eval_events(const struct rset *s,
                        const struct rcons *c,
                        const struct tsn_ver *x)
{
    bool limited = false, below = false, affected = false;
    for (uint32_t i = 0; i < s->n; i++) {
        if (c[i].op != R_LIMIT)
            continue;
        limited = true;
        if (!c[i].v || tsn_vs_cmp(x, c[i].v) < 0) {
            below = true;
            break;
        }
    }
    if (limited && !below)
        return false;
    for (uint32_t i = 0; i < s->n; i++) {
        if (c[i].op == R_LIMIT)
            continue;
        if (!c[i].v) { /* introduced "0" */
            affected = true;
            continue;
        }
        int k = tsn_vs_cmp(x, c[i].v);
        if (k < 0)
            break; /* sorted: no later event applies */
        if (c[i].op == R_INTRO)
            affected = true;
        else if (c[i].op == R_FIXED || k > 0)
            affected = false;
    }
    return affected;
}

static bool cons_holds(int op, const struct tsn_ver *x, const struct tsn_ver *v)
{
    struct rcons c = {(uint8_t)op, 0, v, NULL};
    return holds(&c, x);
}

static bool
eval_vers(const struct rset *s, const struct rcons *c, const struct tsn_ver *x)
{
    if (s->n == 1 && c[0].op == R_ANY)
        return true;
    for (uint32_t i = 0; i < s->n; i++) {
        if (c[i].op == R_NE && tsn_vs_cmp(x, c[i].v) == 0)
            return false;
    }
    for (uint32_t i = 0; i < s->n; i++) {
        if (c[i].op == R_EQ && tsn_vs_cmp(x, c[i].v) == 0)
            return true;
    }
    /* the <, <=, >, >= constraints in order */
    const struct rcons *prev = NULL;
    bool first = true;
    for (uint32_t i = 0; i < s->n; i++) {
        int op = c[i].op;
        if (op != R_LT && op != R_LE && op != R_GT && op != R_GE)
            continue;
        bool less = op == R_LT || op == R_LE;
        if (first && less && cons_holds(op, x, c[i].v))
            return true;
        first = false;
        if (prev && (prev->op == R_GT || prev->op == R_GE) && less &&
            cons_holds(prev->op, x, prev->v) && cons_holds(op, x, c[i].v))
            return true;
        prev = &c[i];
    }
    if (prev && (prev->op == R_GT || prev->op == R_GE) &&
        cons_holds(prev->op, x, prev->v))
        return true;
    return false;
}

int tsn_range_contains_ver(const tsn_range *r, const tsn_ver *v, bool *in)
{
    *in = false;
    if (v->scheme != r->scheme)
        return tsn_error_set(TSN_EUSAGE, "%s version compared with a %s range",
                             tsn_vscheme_name((tsn_vscheme)v->scheme),
                             tsn_vscheme_name(r->scheme));
    const struct rcons *cons = r->cons.ptr;
    const struct rset *sets = r->sets.ptr;
    for (size_t i = 0; i < r->sets.len; i++) {
        const struct rset *s = &sets[i];
        const struct rcons *c = cons + s->first;
        bool hit = s->type == SET_EVENTS ? eval_events(s, c, v)
                   : s->type == SET_VERS ? eval_vers(s, c, v)
                                         : eval_and(r, s, c, v);
        if (hit) {
            *in = true;
            return 0;
        }
    }
    return 0;
}

int tsn_range_contains(const tsn_range *r, const char *version, bool *in)
{
    *in = false;
    if (!version)
        return tsn_error_set(TSN_EUSAGE, "no version given");
    struct vtmp t;
    int rc = tsn_vs_parse_tmp(&t, r->scheme, version, strlen(version));
    if (rc < 0)
        return rc;
    return tsn_range_contains_ver(r, &t.v, in);
}

/* ---- OSV -------------------------------------------------------------- */

/* Stable insertion sort of events by version; "0" first, "*" last. */
static int ev_cmp(const struct rcons *a, const struct rcons *b)
{
    if (!a->v || !b->v) {
        int ra = !a->v ? (a->op == R_LIMIT ? 1 : -1) : 0;
        int rb = !b->v ? (b->op == R_LIMIT ? 1 : -1) : 0;
        return ra - rb;
    }
    return tsn_vs_cmp(a->v, b->v);
}

/* vers output: by version, then "<", "<=", "=", "!=", ">=", ">" */
static int op_rank(int op)
{
    switch (op) {
    case R_LT:
    case R_PY_LT:
    case R_GEM_RLT:
    case R_FIXED:
        return 0;
    case R_LE:
    case R_PY_LE:
    case R_LAST:
        return 1;
    case R_NE:
    case R_PY_NE:
        return 3;
    case R_GE:
    case R_PY_GE:
    case R_INTRO:
        return 4;
    case R_GT:
    case R_PY_GT:
        return 5;
    default:
        return 2;
    }
}

static int out_cmp(const struct rcons *a, const struct rcons *b)
{
    int c = tsn_vs_cmp(a->v, b->v);
    return c ? c : op_rank(a->op) - op_rank(b->op);
}

/* Stable insertion sort: events (OSV order), vers constraints by
 * version (mode 1) or for output (mode 2). */
static void sort_cons(struct rcons *c, size_t n, int mode)
{
    for (size_t i = 1; i < n; i++) {
        struct rcons x = c[i];
        size_t j = i;
        while (j > 0 && (mode == 0   ? ev_cmp(&c[j - 1], &x)
                         : mode == 1 ? tsn_vs_cmp(c[j - 1].v, x.v)
                                     : out_cmp(&c[j - 1], &x)) > 0) {
            c[j] = c[j - 1];
            j--;
        }
        c[j] = x;
    }
}

static const char *const ev_names[] = {"introduced", "fixed", "last_affected",
                                       "limit"};

static int osv_events(struct tsn_range *r, const tsn_osv_event *ev, size_t n)
{
    if (n == 0)
        return tsn_error_set(TSN_EINVALID, "OSV range without events");
    int rc = tsn_rg_set(r, SET_EVENTS, PRE_ANY);
    bool fixed = false, last = false, intro = false;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const char *s = ev[i].version;
        if ((unsigned)ev[i].type > TSN_OSV_LIMIT || !s)
            return tsn_error_set(TSN_EUSAGE, "OSV event %zu is malformed", i);
        static const int ops[] = {R_INTRO, R_FIXED, R_LAST, R_LIMIT};
        int op = ops[ev[i].type];
        fixed |= op == R_FIXED;
        last |= op == R_LAST;
        intro |= op == R_INTRO;
        if ((op == R_INTRO && strcmp(s, "0") == 0) ||
            (op == R_LIMIT && strcmp(s, "*") == 0)) {
            rc = tsn_rg_addv(r, op, NULL, NULL, 0);
            continue;
        }
        const struct tsn_ver *v;
        rc = tsn_rg_ver(r, s, strlen(s), &v);
        if (rc < 0) {
            tsn_error_prefix("OSV event %zu (%s)", i, ev_names[ev[i].type]);
            return rc;
        }
        rc = tsn_rg_addv(r, op, v, NULL, 0);
    }
    if (rc < 0)
        return rc;
    if (!intro)
        return tsn_error_set(TSN_EINVALID,
                             "OSV range without an introduced event");
    if (fixed && last)
        return tsn_error_set(TSN_EINVALID, "OSV range with both fixed and "
                                           "last_affected events");
    struct rset *s = tsn_rg_cur(r);
    sort_cons(TSNU_VEC_AT(&r->cons, struct rcons, s->first), s->n, 0);
    return 0;
}

int tsn_range_from_osv(tsn_range **out,
                       tsn_vscheme scheme,
                       const tsn_osv_event *events,
                       size_t n)
{
    *out = NULL;
    if (scheme <= TSN_VS_UNKNOWN || scheme >= TSN_VS__COUNT)
        return tsn_error_set(TSN_EUSAGE, "unknown version scheme");
    struct tsn_range *r = range_new(scheme, 0);
    if (!r)
        return tsn_error_oom();
    int rc = osv_events(r, events, n);
    if (rc < 0) {
        tsn_range_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

static int ev_type(const char *k, size_t n)
{
    for (int t = 0; t <= TSN_OSV_LIMIT; t++)
        if (strlen(ev_names[t]) == n && memcmp(ev_names[t], k, n) == 0)
            return t;
    return -1;
}

/* "introduced:0,fixed:1.2.3" (also '=' and white space). */
static int osv_text(struct tsn_range *r, const char *s, size_t n)
{
    size_t cap = 1;
    for (size_t i = 0; i < n; i++)
        cap += s[i] == ',';
    if (cap > TSN_LIMIT_RANGE_TERMS)
        return too_many(TSN_ETOOBIG);
    tsn_osv_event *ev = tsnu_arena_calloc(&r->arena, cap, sizeof *ev);
    char *copy = tsnu_arena_strndup(&r->arena, s, n);
    if (!ev || !copy)
        return tsn_error_oom();
    size_t nev = 0;
    char *p = copy;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (!*p)
            break;
        char *k = p;
        while (*p && *p != ':' && *p != '=')
            p++;
        int t = ev_type(k, (size_t)(p - k));
        if (t < 0 || !*p)
            return tsn_rg_bad(s, n,
                              "expected introduced:, fixed:, "
                              "last_affected: or limit: at offset %zu",
                              (size_t)(k - copy));
        p++;
        char *v = p;
        while (*p && *p != ',')
            p++;
        char *e = p;
        while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
            e--;
        if (*p)
            p++;
        *e = '\0';
        ev[nev++] = (tsn_osv_event){(tsn_osv_event_type)t, v};
    }
    return osv_events(r, ev, nev);
}

/* An events array, a range object or an affected object. */
static int
osv_json_events(struct tsn_range *r, const tsnu_json *arr, const char *where)
{
    if (!arr || arr->type != TSNU_JSON_ARRAY)
        return tsn_error_set(TSN_EINVALID, "%s: expected an events array",
                             where);
    size_t n = arr->len;
    if (n > TSN_LIMIT_RANGE_TERMS)
        return too_many(TSN_ETOOBIG);
    tsn_osv_event *ev = tsnu_arena_calloc(&r->arena, n ? n : 1, sizeof *ev);
    if (!ev)
        return tsn_error_oom();
    for (size_t i = 0; i < n; i++) {
        const tsnu_json *e = &arr->u.items[i];
        if (e->type != TSNU_JSON_OBJECT || e->len != 1 ||
            e->u.members[0].value.type != TSNU_JSON_STRING)
            return tsn_error_set(TSN_EINVALID,
                                 "%s/%zu: an event is an object with one "
                                 "string member",
                                 where, i);
        const char *k = e->u.members[0].key;
        int t = ev_type(k, strlen(k));
        if (t < 0)
            return tsn_error_set(TSN_EINVALID, "%s/%zu: unknown event '%s'",
                                 where, i, k);
        ev[i] =
            (tsn_osv_event){(tsn_osv_event_type)t, e->u.members[0].value.u.str};
    }
    int rc = osv_events(r, ev, n);
    if (rc < 0)
        tsn_error_prefix("%s", where);
    return rc;
}

static int osv_json_range(struct tsn_range *r,
                          const tsnu_json *o,
                          const char *where,
                          tsn_vscheme eco)
{
    const char *type = tsnu_json_get_str(o, "type");
    if (type && strcmp(type, "ECOSYSTEM") != 0 && strcmp(type, "SEMVER") != 0)
        return tsn_error_set(TSN_EINVALID,
                             "%s/type: %s ranges are not version ranges", where,
                             type);
    /* a SEMVER range compares with SemVer whatever the ecosystem; one
     * compiled range has one scheme */
    tsn_vscheme want =
        type && strcmp(type, "SEMVER") == 0 ? TSN_VS_SEMVER : eco;
    if (r->sets.len == 0)
        r->scheme = want;
    else if (r->scheme != want)
        return tsn_error_set(TSN_EINVALID,
                             "%s/type: %s and %s ranges in one entry; compile "
                             "them separately",
                             where, tsn_vscheme_name(r->scheme),
                             tsn_vscheme_name(want));
    char path[64];
    snprintf(path, sizeof path, "%s/events", where);
    return osv_json_events(r, tsnu_json_get(o, "events"), path);
}

static int osv_json(struct tsn_range *r, const char *s, size_t n)
{
    tsn_vscheme eco = r->scheme;
    tsnu_json *doc = NULL;
    tsnu_arena tmp = TSNU_ARENA_INIT;
    tsnu_json_opts o = {.max_depth = 64, .max_string = TSN_LIMIT_RANGE_BYTES};
    int rc = tsnu_json_parse(&doc, &tmp, s, n, &o, "OSV range");
    if (rc < 0) {
        tsnu_arena_dispose(&tmp);
        return rc;
    }
    if (doc->type == TSNU_JSON_ARRAY) {
        rc = osv_json_events(r, doc, "");
    } else if (doc->type == TSNU_JSON_OBJECT && tsnu_json_get(doc, "events")) {
        rc = osv_json_range(r, doc, "", eco);
    } else if (doc->type == TSNU_JSON_OBJECT) {
        const tsnu_json *ranges = tsnu_json_get(doc, "ranges");
        const tsnu_json *versions = tsnu_json_get(doc, "versions");
        if (!ranges && !versions) {
            rc = tsn_error_set(TSN_EINVALID, "OSV range JSON: expected an "
                                             "events array, a range or an "
                                             "affected object");
        }
        if (rc == 0 && ranges && ranges->type != TSNU_JSON_ARRAY)
            rc = tsn_error_set(TSN_EINVALID, "/ranges: expected an array");
        if (rc == 0 && versions && versions->type != TSNU_JSON_ARRAY)
            rc = tsn_error_set(TSN_EINVALID, "/versions: expected an array");
        for (size_t i = 0; rc == 0 && ranges && i < ranges->len; i++) {
            char where[32];
            snprintf(where, sizeof where, "/ranges/%zu", i);
            if (ranges->u.items[i].type != TSNU_JSON_OBJECT)
                rc = tsn_error_set(TSN_EINVALID, "%s: expected an object",
                                   where);
            else
                rc = osv_json_range(r, &ranges->u.items[i], where, eco);
        }
        if (rc == 0 && versions && versions->len > 0) {
            rc = tsn_rg_set(r, SET_AND, PRE_ANY);
            for (size_t i = 0; rc == 0 && i < versions->len; i++) {
                const tsnu_json *v = &versions->u.items[i];
                if (v->type != TSNU_JSON_STRING) {
                    rc = tsn_error_set(TSN_EINVALID,
                                       "/versions/%zu: expected a string", i);
                    break;
                }
                if (i > 0)
                    rc = tsn_rg_set(r, SET_AND, PRE_ANY);
                if (rc == 0)
                    rc = tsn_rg_add(r, R_EQ, v->u.str, strlen(v->u.str), 0);
                if (rc < 0)
                    tsn_error_prefix("/versions/%zu", i);
            }
        }
    } else {
        rc = tsn_error_set(TSN_EINVALID, "OSV range JSON: expected an array "
                                         "or an object");
    }
    tsnu_arena_dispose(&tmp);
    return rc;
}

/* ---- NVD -------------------------------------------------------------- */

int tsn_range_from_nvd(tsn_range **out,
                       tsn_vscheme scheme,
                       const tsn_nvd_bounds *b)
{
    *out = NULL;
    if (scheme <= TSN_VS_UNKNOWN || scheme >= TSN_VS__COUNT)
        return tsn_error_set(TSN_EUSAGE, "unknown version scheme");
    struct tsn_range *r = range_new(scheme, 0);
    if (!r)
        return tsn_error_oom();
    int rc = tsn_rg_set(r, SET_AND, PRE_ANY);
    const struct {
        const char *v;
        int op;
        const char *name;
    } bounds[] = {{b->start_including, R_GE, "versionStartIncluding"},
                  {b->start_excluding, R_GT, "versionStartExcluding"},
                  {b->end_including, R_LE, "versionEndIncluding"},
                  {b->end_excluding, R_LT, "versionEndExcluding"}};
    bool any = false;
    for (size_t i = 0; rc == 0 && i < 4; i++) {
        if (!bounds[i].v)
            continue;
        any = true;
        rc = tsn_rg_add(r, bounds[i].op, bounds[i].v, strlen(bounds[i].v), 0);
        if (rc < 0)
            tsn_error_prefix("%s", bounds[i].name);
    }
    const char *v = b->version;
    if (rc == 0 && v && strcmp(v, "*") != 0 && strcmp(v, "-") != 0) {
        rc = tsn_rg_add(r, R_EQ, v, strlen(v), 0);
        if (rc < 0)
            tsn_error_prefix("CPE version");
        any = true;
    }
    if (rc == 0 && !any)
        rc = tsn_rg_addv(r, R_ANY, NULL, NULL, 0);
    if (rc < 0) {
        tsn_range_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

/* ---- vers ------------------------------------------------------------- */

/* Bytes a vers version must percent-encode: '%', '|', controls, space,
 * non-ASCII, and at its start an operator character (or a lone '*'). */
static bool must_encode(unsigned char c, bool first)
{
    return c == '%' || c == '|' || c <= 0x20 || c >= 0x7f ||
           (first && c && strchr("<>=!*", c));
}

int tsn_rg_op(const struct rg_op *tab,
              size_t count,
              const char *s,
              size_t n,
              int none,
              size_t *len)
{
    for (size_t i = 0; i < count; i++) {
        size_t k = strlen(tab[i].t);
        if (n >= k && memcmp(s, tab[i].t, k) == 0) {
            *len = k;
            return tab[i].op;
        }
    }
    *len = 0;
    return none;
}

static int vers_op(const char *s, size_t n, size_t *len)
{
    static const struct rg_op ops[] = {{">=", R_GE}, {"<=", R_LE}, {"!=", R_NE},
                                       {"<", R_LT},  {">", R_GT},  {"=", R_EQ}};
    return tsn_rg_op(RG_OPS(ops), s, n, R_EQ, len);
}

static int vers(struct tsn_range *r, const char *s, size_t n, bool strict)
{
    /* lenient: drop spaces and tabs anywhere */
    char *t = tsnu_arena_alloc(&r->arena, n + 1);
    if (!t)
        return tsn_error_oom();
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\t') {
            if (strict)
                return tsn_rg_bad(s, n,
                                  "non-canonical VERS: whitespace is "
                                  "not permitted");
            continue;
        }
        t[m++] = s[i];
    }
    t[m] = '\0';
    if (m < 5 ||
        (strict ? memcmp(t, "vers:", 5) != 0 : strncasecmp(t, "vers:", 5) != 0))
        return tsn_rg_bad(s, n, "does not start with 'vers:'");
    const char *sl = memchr(t + 5, '/', m - 5);
    if (!sl)
        return tsn_rg_bad(s, n, "no '/' after the versioning scheme");
    char name[32];
    size_t nl = (size_t)(sl - (t + 5));
    if (nl == 0 || nl >= sizeof name)
        return tsn_rg_bad(s, n, "bad versioning scheme");
    for (size_t i = 0; i < nl; i++) {
        char c = t[5 + i];
        if (strict && c >= 'A' && c <= 'Z')
            return tsn_rg_bad(s, n,
                              "non-canonical VERS: the scheme must be "
                              "lowercase");
        name[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    name[nl] = '\0';
    tsn_vscheme sch = tsn_vscheme_lookup(name);
    if (sch == TSN_VS_UNKNOWN)
        return tsn_rg_bad(s, n, "unknown versioning scheme '%s'", name);
    if (r->scheme != TSN_VS_UNKNOWN && r->scheme != sch)
        return tsn_rg_bad(s, n, "a %s range where a %s range was expected",
                          name, tsn_vscheme_name(r->scheme));
    r->scheme = sch;
    const char *p = sl + 1, *end = t + m;
    if (strict) {
        if (p < end && *p == '|')
            return tsn_rg_bad(s, n,
                              "non-canonical VERS: leading pipe is not "
                              "permitted");
        if (p < end && end[-1] == '|')
            return tsn_rg_bad(s, n,
                              "non-canonical VERS: trailing pipe is "
                              "not permitted");
    } else {
        while (p < end && *p == '|')
            p++;
        while (end > p && end[-1] == '|')
            end--;
    }
    if (p == end)
        return tsn_rg_bad(s, n, "no constraints");
    int rc = tsn_rg_set(r, SET_VERS, PRE_ANY);
    size_t count = 0;
    bool star = false;
    while (rc == 0 && p <= end) {
        const char *q = p;
        while (q < end && *q != '|')
            q++;
        if (q == p)
            return tsn_rg_bad(s, n, "%sconsecutive pipes are not permitted",
                              strict ? "non-canonical VERS: " : "");
        count++;
        if (q - p == 1 && *p == '*') {
            star = true;
            rc = tsn_rg_addv(r, R_ANY, NULL, NULL, 0);
        } else {
            size_t ol;
            int op = vers_op(p, (size_t)(q - p), &ol);
            if (strict && ol == 1 && *p == '=')
                return tsn_rg_bad(s, n,
                                  "non-canonical VERS: '=' must be "
                                  "omitted");
            const char *vs = p + ol;
            size_t vn = (size_t)(q - vs);
            if (vn == 0)
                return tsn_rg_bad(s, n, "constraint %zu has no version", count);
            char *dec = tsnu_arena_alloc(&r->arena, vn + 1);
            if (!dec)
                return tsn_error_oom();
            size_t dl = 0;
            for (size_t i = 0; i < vn; i++) {
                if (vs[i] != '%') {
                    if (strict && must_encode((unsigned char)vs[i], i == 0))
                        return tsn_rg_bad(s, n,
                                          "non-canonical VERS: '%c' "
                                          "must be percent-encoded",
                                          vs[i]);
                    dec[dl++] = vs[i];
                    continue;
                }
                int hi = i + 2 < vn ? tsnu_hexval(vs[i + 1]) : -1;
                int lo = i + 2 < vn ? tsnu_hexval(vs[i + 2]) : -1;
                if (hi < 0 || lo < 0)
                    return tsn_rg_bad(s, n,
                                      "%sinvalid percent-encoding in "
                                      "version",
                                      strict ? "non-canonical VERS: " : "");
                unsigned char c = (unsigned char)(hi * 16 + lo);
                if (strict && ((vs[i + 1] >= 'a' && vs[i + 1] <= 'f') ||
                               (vs[i + 2] >= 'a' && vs[i + 2] <= 'f')))
                    return tsn_rg_bad(s, n,
                                      "non-canonical VERS: "
                                      "percent-encoding in version is "
                                      "not canonical");
                if (strict && c == ':' && sch == TSN_VS_DATETIME)
                    return tsn_rg_bad(s, n,
                                      "non-canonical VERS: datetime "
                                      "time colons must be unencoded");
                if (strict && !must_encode(c, dl == 0))
                    return tsn_rg_bad(s, n,
                                      "non-canonical VERS: '%c' must "
                                      "not be percent-encoded",
                                      c);
                dec[dl++] = (char)c;
                i += 2;
            }
            dec[dl] = '\0';
            if (strict && sch == TSN_VS_DATETIME &&
                (memchr(dec, 't', dl) || memchr(dec, 'z', dl)))
                return tsn_rg_bad(s, n,
                                  "non-canonical VERS: datetime must "
                                  "use uppercase T and Z");
            const struct tsn_ver *v;
            rc = tsn_rg_ver(r, dec, dl, &v);
            if (rc < 0) {
                tsn_error_prefix("vers constraint %zu", count);
                return rc;
            }
            rc = tsn_rg_addv(r, op, v, NULL, 0);
        }
        p = q + 1;
    }
    if (rc < 0)
        return rc;
    if (star && count > 1)
        return tsn_rg_bad(s, n, "'*' must be the only constraint");
    struct rset *set = tsn_rg_cur(r);
    struct rcons *c = TSNU_VEC_AT(&r->cons, struct rcons, set->first);
    if (!star) {
        if (strict) {
            for (uint32_t i = 1; i < set->n; i++)
                if (tsn_vs_cmp(c[i - 1].v, c[i].v) > 0)
                    return tsn_rg_bad(s, n,
                                      "non-canonical VERS: constraints "
                                      "are not sorted by version");
        }
        sort_cons(c, set->n, 1);
    }
    return 0;
}

/* ---- entry ------------------------------------------------------------ */

static bool osv_form(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t' || *s == '\n'))
        s++, n--;
    if (n && *s == '{')
        return true;
    if (n && *s == '[') { /* a JSON array of events, not an interval */
        s++, n--;
        while (n && (*s == ' ' || *s == '\t' || *s == '\n'))
            s++, n--;
        return n && (*s == '{' || *s == ']');
    }
    for (int t = 0; t <= TSN_OSV_LIMIT; t++) {
        size_t k = strlen(ev_names[t]);
        if (n > k && memcmp(s, ev_names[t], k) == 0 &&
            (s[k] == ':' || s[k] == '='))
            return true;
    }
    return false;
}

int tsn_range_parse(tsn_range **out,
                    tsn_vscheme scheme,
                    const char *text,
                    tsn_range_form form,
                    unsigned flags)
{
    *out = NULL;
    if (!text)
        return tsn_error_set(TSN_EUSAGE, "no range given");
    size_t n = strlen(text);
    if (n > TSN_LIMIT_RANGE_BYTES)
        return tsn_error_set(TSN_ETOOBIG,
                             "range of %zu bytes exceeds the limit of %d", n,
                             TSN_LIMIT_RANGE_BYTES);
    if (scheme < TSN_VS_UNKNOWN || scheme >= TSN_VS__COUNT)
        return tsn_error_set(TSN_EUSAGE, "unknown version scheme");
    if (form == TSN_RANGE_AUTO) {
        if (n >= 5 && strncasecmp(text, "vers:", 5) == 0)
            form = TSN_RANGE_VERS;
        else if (osv_form(text, n))
            form = TSN_RANGE_OSV;
        else
            form = TSN_RANGE_NATIVE;
    }
    if (scheme == TSN_VS_UNKNOWN && form != TSN_RANGE_VERS &&
        form != TSN_RANGE_VERS_STRICT)
        return tsn_error_set(TSN_EUSAGE, "a %s range needs a version scheme",
                             form == TSN_RANGE_OSV ? "OSV" : "native");
    struct tsn_range *r = range_new(scheme, flags);
    if (!r)
        return tsn_error_oom();
    int rc;
    switch (form) {
    case TSN_RANGE_VERS:
    case TSN_RANGE_VERS_STRICT:
        rc = vers(r, text, n, form == TSN_RANGE_VERS_STRICT);
        break;
    case TSN_RANGE_OSV: {
        const char *p = text;
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        rc = osv_form(text, n) && (*p == '[' || *p == '{')
                 ? osv_json(r, text, n)
                 : osv_text(r, text, n);
        break;
    }
    case TSN_RANGE_NATIVE:
        rc = tsn_rg_native(r, text, n);
        break;
    default:
        rc = tsn_error_set(TSN_EUSAGE, "unknown range form %d", (int)form);
    }
    if (rc == 0 && r->sets.len == 0)
        rc = tsn_rg_bad(text, n, "empty");
    for (size_t i = 0; rc == 0 && i < r->sets.len; i++)
        if (TSNU_VEC_AT(&r->sets, struct rset, i)->n == 0)
            rc = tsn_rg_bad(text, n, "an alternative without constraints");
    if (rc < 0) {
        tsn_range_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

/* ---- vers output ------------------------------------------------------ */

static const char *op_text(int op)
{
    switch (op) {
    case R_EQ:
    case R_PY_EQ:
    case R_PY_ARB:
        return "";
    case R_NE:
    case R_PY_NE:
        return "!=";
    case R_LT:
    case R_PY_LT:
    case R_GEM_RLT:
    case R_FIXED:
        return "<";
    case R_LE:
    case R_PY_LE:
    case R_LAST:
        return "<=";
    case R_GT:
    case R_PY_GT:
        return ">";
    case R_GE:
    case R_PY_GE:
    case R_INTRO:
        return ">=";
    default:
        return NULL;
    }
}

static int
put_version(tsn_buf *b, const struct rcons *c, const struct tsn_ver *v)
{
    size_t n = v->len;
    if ((c->flags & C_TRIM0) && n > 2 && v->s[n - 2] == '-' &&
        v->s[n - 1] == '0')
        n -= 2;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        unsigned char ch = (unsigned char)v->s[i];
        rc = must_encode(ch, i == 0) ? tsn_buf_printf(b, "%%%02X", ch)
                                     : tsn_buf_putc(b, (char)ch);
    }
    return rc;
}

int tsn_range_to_vers(const tsn_range *r, char **out)
{
    *out = NULL;
    /* collect printable constraints; a set that holds all versions
     * makes the whole range "*" */
    size_t total = r->cons.len;
    struct rcons *all = tsn_calloc(total ? total * 2 : 1, sizeof *all);
    if (!all)
        return tsn_error_oom();
    size_t k = 0;
    bool star = false;
    const struct rset *sets = r->sets.ptr;
    const struct rcons *cons = r->cons.ptr;
    for (size_t i = 0; i < r->sets.len && !star; i++) {
        const struct rset *s = &sets[i];
        size_t printed = 0;
        bool narrows = false; /* a constraint vers cannot print */
        for (uint32_t j = 0; j < s->n; j++) {
            const struct rcons *c = &cons[s->first + j];
            if ((c->op == R_PY_ARB || c->op == R_LIMIT) && c->v)
                narrows = true;
            if (c->op == R_PY_ARB)
                continue; /* "===" text: not an ordered version */
            if (c->op == R_OUT) {
                all[k++] = (struct rcons){R_LT, c->flags, c->v, NULL};
                all[k++] = (struct rcons){R_GE, c->flags, c->v2, NULL};
                printed++;
            } else if (c->v && op_text(c->op)) {
                all[k++] = *c;
                printed++;
            }
        }
        if (printed == 0 && !narrows)
            star = true;
    }
    /* "<2.0.0-0" prints as "<2.0.0": sort by what is printed */
    tsnu_arena tmp = TSNU_ARENA_INIT;
    for (size_t i = 0; i < k; i++) {
        const struct tsn_ver *v = all[i].v;
        if ((all[i].flags & C_TRIM0) && v->len > 2 && v->s[v->len - 2] == '-' &&
            v->s[v->len - 1] == '0') {
            struct tsn_ver *t;
            if (tsn_vs_parse_arena(&tmp, r->scheme, v->s, v->len - 2u, &t) ==
                0) {
                all[i].v = t;
                all[i].flags &= (uint8_t)~C_TRIM0;
            }
        }
    }
    tsn_buf b = TSN_BUF_INIT((size_t)8 * TSN_LIMIT_RANGE_BYTES);
    int rc = tsn_buf_puts(&b, "vers:");
    if (rc == 0)
        rc = tsn_buf_puts(&b, tsn_vscheme_name(r->scheme));
    if (rc == 0)
        rc = tsn_buf_putc(&b, '/');
    if (star || k == 0) {
        if (rc == 0)
            rc = tsn_buf_putc(&b, '*');
    } else {
        sort_cons(all, k, 2);
        for (size_t i = 0; rc == 0 && i < k; i++) {
            if (i)
                rc = tsn_buf_putc(&b, '|');
            if (rc == 0)
                rc = tsn_buf_puts(&b, op_text(all[i].op));
            if (rc == 0)
                rc = put_version(&b, &all[i], all[i].v);
        }
    }
    tsn_free(all);
    tsnu_arena_dispose(&tmp);
    if (rc < 0) {
        tsn_buf_dispose(&b);
        return tsn_error_oom();
    }
    *out = tsn_buf_detach(&b);
    return 0;
}
