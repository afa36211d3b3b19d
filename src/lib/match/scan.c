/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tsn_scan_run(): each component's package looked up in the knowledge
 * base, each advisory's affected entries for that package evaluated at
 * the component's version, the records that hold it grouped by the ids
 * they share, and each group enriched with its severity, KEV and EPSS.
 */
#include "lib/lib.h"

#include "lib/advisory/rd.h"
#include "lib/ident/pkg.h"
#include "lib/match/cpe_config.h"
#include "lib/match/scan_int.h"
#include "lib/sbom/graph.h"
#include "lib/vulndb/vulndb_int.h"
#include "tsunagi/advisory.h"
#include "tsunagi/cpe.h"
#include "tsunagi/limits.h"
#include "tsunagi/purl.h"
#include "tsunagi/range.h"
#include "tsunagi/scan.h"
#include "tsunagi/version.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

struct scan {
    tsn_scan pub; /* first: the handle is the public struct */
    /* what the scan keeps of its records (slim()), and its findings'
     * strings */
    tsnu_arena arena;
    /* a package seen before ("ECOSYSTEM\x1fKEY") → its run of entries:
     * the same package at several versions is read and compiled once */
    tsnu_map seen;
    tsnu_vec pkgs;     /* struct run */
    tsnu_vec entries;  /* struct entry *, each package's in a run */
    tsnu_vec findings; /* tsn_finding */
    /* a CVE asked for before → the best vector of its records, in a
     * cve_best entry (tsn_finding: vector, cvss, severity_source) */
    tsnu_map cves;
    tsnu_vec cve_best;
    /* a version parsed before ("SCHEME-BYTE TEXT") → it, in vers
     * (tsn_ver *, NULL: not a version of the scheme); version_of() */
    tsnu_map vers_seen;
    tsnu_vec vers;
    /* an ecosystem prefix asked before (tsni_ecosystem_prefix) → a run
     * (in stream_runs) of the ecosystems it stands for, in stream_names */
    tsnu_map streams_seen;
    tsnu_vec stream_runs, stream_names;
    /* the SBOM's CPEs, parsed: the system NVD configurations are
     * evaluated in; component i's are sys[cpe_first[i] ..
     * cpe_first[i] + cpe_count[i]) */
    struct upg *upg;    /* per component (pub.components) */
    tsnu_vec sys;       /* tsn_cpe * */
    tsnm_system system; /* sys indexed by product */
    size_t *cpe_first, *cpe_count;
    /* the state of the other threads' shares (tsn_scan_run_jobs()), each
     * linked to the next */
    struct scan *parts;
};

/* What a component's upgrade was sought from, kept so that it can be
 * sought again without the findings VEX leaves out
 * (tsnm_scan_reupgrade()): the fixed versions (sorted, parsed), and for
 * each hit its entry and the id of the finding it is in. */
struct upg {
    const tsn_ver *v; /* the component's version */
    size_t ncands, nhits;
    const char *const *texts;
    const tsn_ver **cands;
    struct entry **e;
    const char **id;
};

/* One affected entry of an advisory for the package, compiled: its ranges
 * and versions read once with the ecosystem's scheme. */
struct entry {
    tsn_advisory *a;
    const tsn_adv_affected *af;
    tsn_range **ranges; /* af->nranges; NULL: a range that says nothing */
    /* af->nversions, parsed the first time a version no range holds is
     * looked for among them (OSV lists hundreds, most never needed);
     * NULL where one is not a version of the scheme */
    const tsn_ver **listed;
    tsn_vscheme scheme;
    struct scan *s;
    const tsn_ver **unaffected;
    size_t unevaluated; /* ranges that could not be compiled */
};

/* The entries of one package: entries[start .. start + n); in pkgs, the
 * package ("ECOSYSTEM\x1fKEY") and the ranges of its entries that could
 * not be compiled, so that a package two threads read is counted once. */
struct run {
    size_t start, n;
    const char *key;
    size_t unevaluated;
};

/* One record that holds the component, and how. */
struct hit {
    tsn_advisory *a;
    struct entry *e;
    tsnu_vec how;   /* const char *: canonical vers or "version X listed" */
    tsnu_vec fixed; /* const char * */
    size_t group;
};

/* What one component's lookup gathers. */
struct comp {
    struct scan *s;
    tsnv_lookup *lk;
    const char *eco, *key, *version;
    tsn_vscheme scheme;
    const tsn_ver *v; /* version, parsed */
    tsnu_vec hits;    /* struct hit */
    /* records naming a CPE component's product without versions to
     * compare (tsn_advisory *, slimmed) */
    tsnu_vec unjudged;
};

static int push_str(tsnu_vec *v, const char *s)
{
    return tsnu_vec_push(v, &s);
}

/* The scheme a range compares with. */
static tsn_vscheme range_scheme(const tsn_adv_range *r, tsn_vscheme eco)
{
    if (r->scheme) {
        tsn_vscheme s = tsn_vscheme_lookup(r->scheme);
        if (s != TSN_VS_UNKNOWN)
            return s;
    }
    if (strcmp(r->type, "SEMVER") != 0)
        return eco;
    /* Go's SemVer ranges are compared with Go's rules, which read a
     * toolchain's versions ("go1.21.3", "go1.21rc2", "1.21") as well:
     * SBOMs name the standard library and the toolchain by them */
    return eco == TSN_VS_GOLANG ? TSN_VS_GOLANG : TSN_VS_SEMVER;
}

/*
 * Version @p text of @p scheme parsed (*@p out; NULL when it is not a
 * version of it), once per scan: the records of one package list the
 * same versions again and again, so the scan keeps each one it parsed.
 */
static int version_of(struct scan *s,
                      tsn_vscheme scheme,
                      const char *text,
                      const tsn_ver **out)
{
    *out = NULL;
    /* the scheme as the key's first byte (never NUL); the arena keeps
     * the key of one put in the map, which borrows it */
    char small[128];
    size_t len = strlen(text);
    const char *key = small;
    if (len < sizeof small - 1) {
        small[0] = (char)(scheme + 1);
        memcpy(small + 1, text, len + 1);
    } else {
        key = tsnu_arena_printf(&s->arena, "%c%s", (char)(scheme + 1), text);
    }
    if (!key)
        return tsn_error_oom();
    size_t at = 0;
    if (tsnu_map_get(&s->vers_seen, key, &at)) {
        *out = ((tsn_ver **)s->vers.ptr)[at];
        return 0;
    }
    tsn_ver *v = NULL;
    int rc = tsn_version_parse(&v, scheme, text);
    if (rc == TSN_ENOMEM)
        return rc;
    if (rc < 0)
        tsn_error_clear();
    if ((rc = tsnu_vec_push(&s->vers, &v)) < 0) {
        tsn_version_free(v);
        return rc;
    }
    if (key == small && !(key = tsnu_arena_strdup(&s->arena, small)))
        return tsn_error_oom();
    if ((rc = tsnu_map_put(&s->vers_seen, key, s->vers.len - 1)) < 0)
        return rc;
    *out = v;
    return 0;
}

/* Versions @p v[0..n) of @p scheme parsed with version_of(): an array of
 * the scan's (*@p out, NULL where one is not a version of it). */
static int parse_all(struct scan *s,
                     tsn_vscheme scheme,
                     const char *const *v,
                     size_t n,
                     const tsn_ver ***out)
{
    *out = NULL;
    if (n == 0)
        return 0;
    if (!(*out = tsn_calloc(n, sizeof **out)))
        return tsn_error_oom();
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = version_of(s, scheme, v[i], &(*out)[i]);
    return rc;
}

static void entry_free(struct entry *e)
{
    if (!e)
        return;
    for (size_t i = 0; e->ranges && i < e->af->nranges; i++)
        tsn_range_free(e->ranges[i]);
    tsn_free(e->ranges);
    tsn_free(e->listed);
    tsn_free(e->unaffected);
    tsn_free(e);
}

/*
 * Compile entry @p af of @p a with @p scheme, for scan @p s. GIT ranges name
 * commits, not versions, and are not compiled; nor is a range the knowledge
 * base cannot evaluate (a version in it that is none of its scheme's): it says
 * nothing.
 */
static int entry_new(struct scan *s,
                     tsn_advisory *a,
                     const tsn_adv_affected *af,
                     tsn_vscheme scheme,
                     struct entry **out)
{
    struct entry *e = tsn_calloc(1, sizeof *e);
    *out = NULL;
    if (!e)
        return tsn_error_oom();
    e->a = a;
    e->af = af;
    e->scheme = scheme;
    e->s = s;
    int rc = 0;
    if (af->nranges &&
        !(e->ranges = tsn_calloc(af->nranges, sizeof *e->ranges)))
        rc = tsn_error_oom();
    for (size_t i = 0; rc == 0 && i < af->nranges; i++) {
        const tsn_adv_range *r = &af->ranges[i];
        if (strcmp(r->type, "GIT") == 0 || r->nevents == 0)
            continue;
        if (r->nevents > TSN_LIMIT_RANGE_TERMS) {
            e->unevaluated++;
            continue;
        }
        tsn_osv_event ev[TSN_LIMIT_RANGE_TERMS];
        for (size_t j = 0; j < r->nevents; j++) {
            ev[j].type = (tsn_osv_event_type)r->events[j].kind;
            ev[j].version = r->events[j].version;
        }
        rc = tsn_range_from_osv(&e->ranges[i], range_scheme(r, scheme), ev,
                                r->nevents);
        if (rc < 0 && rc != TSN_ENOMEM) {
            tsn_error_clear();
            e->ranges[i] = NULL;
            e->unevaluated++;
            rc = 0;
        }
    }
    if (rc == 0)
        rc = parse_all(e->s, scheme, af->unaffected, af->nunaffected,
                       &e->unaffected);
    if (rc < 0) {
        entry_free(e);
        return rc;
    }
    *out = e;
    return 0;
}

/* Whether @p p (parsed, or NULL) is the version @p text (@p v parsed). */
static bool
same(const tsn_ver *p, const char *ptext, const tsn_ver *v, const char *text)
{
    return p && v ? tsn_version_cmp(p, v) == 0 : strcmp(ptext, text) == 0;
}

/*
 * Whether entry @p e holds version @p ver (@p v parsed with the entry's
 * scheme): in one of its ranges or listed, and not listed as unaffected.
 * With @p h, how and the fixed versions of the ranges that hold it go
 * there (strings in @p ar).
 */
static int holds(struct entry *e,
                 const tsn_ver *v,
                 const char *ver,
                 bool *in,
                 struct hit *h,
                 tsnu_arena *ar)
{
    const tsn_adv_affected *af = e->af;
    *in = false;
    for (size_t i = 0; i < af->nunaffected; i++)
        if (same(e->unaffected[i], af->unaffected[i], v, ver))
            return 0;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < af->nranges; i++) {
        const tsn_range *r = e->ranges[i];
        bool x = false;
        if (!r)
            continue;
        int got = v && tsn_range_scheme(r) == tsn_version_scheme(v)
                      ? tsn_range_contains_ver(r, v, &x)
                      : tsn_range_contains(r, ver, &x);
        if (got < 0) { /* not a version of the range's scheme */
            tsn_error_clear();
            continue;
        }
        if (!x)
            continue;
        *in = true;
        if (!h)
            return 0;
        char *vers = NULL;
        if ((rc = tsn_range_to_vers(r, &vers)) == 0) {
            const char *c = tsnu_arena_strdup(ar, vers);
            rc = c ? push_str(&h->how, c) : tsn_error_oom();
        }
        tsn_free(vers);
        const tsn_adv_range *ar_ = &af->ranges[i];
        for (size_t j = 0; rc == 0 && j < ar_->nevents; j++)
            if (ar_->events[j].kind == TSN_EV_FIXED)
                rc = push_str(&h->fixed, ar_->events[j].version);
    }
    /* a listed version counts when no range holds it (OSV lists the
     * versions its ranges give, too) */
    if (rc == 0 && !*in && af->nversions && !e->listed)
        rc =
            parse_all(e->s, e->scheme, af->versions, af->nversions, &e->listed);
    for (size_t i = 0; rc == 0 && !*in && i < af->nversions; i++) {
        if (!same(e->listed[i], af->versions[i], v, ver))
            continue;
        *in = true;
        if (!h)
            return 0;
        const char *how = tsnu_arena_printf(ar, "version %s listed", ver);
        rc = how ? push_str(&h->how, how) : tsn_error_oom();
    }
    return rc;
}

/* ---- what a scan keeps of a record ---------------------------------- */

/* @p v[0..n) copied into @p ar; *@p ok false when it runs out. */
static const char *const *
strs_copy(tsnu_arena *ar, const char *const *v, size_t n, bool *ok)
{
    if (n == 0)
        return NULL;
    const char **c = tsnu_arena_calloc(ar, n, sizeof *c);
    for (size_t i = 0; c && i < n; i++)
        if (v[i] && !(c[i] = tsnu_arena_strdup(ar, v[i])))
            c = NULL;
    *ok &= c != NULL;
    return c;
}

static const char *str_copy(tsnu_arena *ar, const char *s, bool *ok)
{
    const char *c = s ? tsnu_arena_strdup(ar, s) : NULL;
    *ok &= !s || c;
    return c;
}

/* Affected entry @p af copied into @p to: its ranges, versions and
 * unaffected versions (what matching and the findings read). */
static void affected_copy(tsnu_arena *ar,
                          const tsn_adv_affected *af,
                          tsn_adv_affected *to,
                          bool *ok)
{
    to->ecosystem = str_copy(ar, af->ecosystem, ok);
    to->name = str_copy(ar, af->name, ok);
    to->cpes = strs_copy(ar, af->cpes, af->ncpes, ok);
    to->ncpes = af->ncpes;
    to->versions = strs_copy(ar, af->versions, af->nversions, ok);
    to->nversions = af->nversions;
    to->unaffected = strs_copy(ar, af->unaffected, af->nunaffected, ok);
    to->nunaffected = af->nunaffected;
    tsn_adv_range *rs =
        af->nranges ? tsnu_arena_calloc(ar, af->nranges, sizeof *rs) : NULL;
    *ok &= !af->nranges || rs;
    for (size_t i = 0; *ok && i < af->nranges; i++) {
        const tsn_adv_range *r = &af->ranges[i];
        tsn_adv_event *ev =
            r->nevents ? tsnu_arena_calloc(ar, r->nevents, sizeof *ev) : NULL;
        *ok &= !r->nevents || ev;
        for (size_t j = 0; *ok && j < r->nevents; j++) {
            ev[j].kind = r->events[j].kind;
            ev[j].version = str_copy(ar, r->events[j].version, ok);
        }
        rs[i] = (tsn_adv_range){str_copy(ar, r->type, ok), NULL,
                                str_copy(ar, r->scheme, ok), ev, r->nevents};
    }
    to->ranges = rs;
    to->nranges = af->nranges;
}

/*
 * What a scan keeps of record @p a, in @p ar: its ids, summary and
 * severities, and those of its affected entries that @p keep (with
 * @p ctx) says are the package's. The record itself is let go at once:
 * a scan reads thousands, and most of each (details, references, the
 * JSON it was read from) is not what it reports.
 */
static tsn_advisory *slim(tsnu_arena *ar,
                          const tsn_advisory *a,
                          bool (*keep)(const tsn_adv_affected *, void *, int *),
                          void *ctx,
                          int *rc)
{
    bool ok = true;
    tsn_advisory *s = tsnu_arena_calloc(ar, 1, sizeof *s);
    if (!s)
        goto oom;
    s->id = str_copy(ar, a->id, &ok);
    s->source = str_copy(ar, a->source, &ok);
    s->summary = str_copy(ar, a->summary, &ok);
    s->aliases = strs_copy(ar, a->aliases, a->naliases, &ok);
    s->naliases = a->naliases;
    tsn_adv_severity *sev =
        a->nseverity ? tsnu_arena_calloc(ar, a->nseverity, sizeof *sev) : NULL;
    ok &= !a->nseverity || sev;
    for (size_t i = 0; ok && i < a->nseverity; i++) {
        sev[i].type = str_copy(ar, a->severity[i].type, &ok);
        sev[i].score = str_copy(ar, a->severity[i].score, &ok);
    }
    s->severity = sev;
    s->nseverity = a->nseverity;
    /* which entries are the package's, asked once each */
    size_t n = 0, *idx = keep && a->naffected
                             ? tsn_malloc(a->naffected * sizeof *idx)
                             : NULL;
    ok &= !keep || !a->naffected || idx;
    for (size_t i = 0; ok && *rc == 0 && idx && i < a->naffected; i++)
        if (keep(&a->affected[i], ctx, rc))
            idx[n++] = i;
    tsn_adv_affected *afs = n ? tsnu_arena_calloc(ar, n, sizeof *afs) : NULL;
    ok &= !n || afs;
    for (size_t k = 0; ok && *rc == 0 && k < n; k++)
        affected_copy(ar, &a->affected[idx[k]], &afs[k], &ok);
    tsn_free(idx);
    s->affected = afs;
    s->naffected = n;
    if (*rc < 0)
        return NULL;
    if (ok)
        return s;
oom:
    *rc = tsn_error_oom();
    return NULL;
}

/* slim() filter: whether @p af is the component's package. */
static bool is_package(const tsn_adv_affected *af, void *ctx, int *rc)
{
    struct comp *c = ctx;
    if (!af->ecosystem || !af->name || strcmp(af->ecosystem, c->eco) != 0)
        return false;
    const char *key = tsni_package_key(&c->s->arena, af->ecosystem, af->name);
    if (!key) {
        *rc = tsn_error_oom();
        return false;
    }
    return strcmp(key, c->key) == 0;
}

/* tsnv_lookup_package() callback: the entries of @p a for the package,
 * compiled, unless it is withdrawn. */
static int on_advisory(void *ctx, tsn_advisory *a, bool withdrawn)
{
    struct comp *c = ctx;
    struct scan *s = c->s;
    int rc = 0;
    tsn_advisory *k =
        withdrawn || !a ? NULL : slim(&s->arena, a, is_package, c, &rc);
    tsn_advisory_free(a);
    for (size_t i = 0; k && rc == 0 && i < k->naffected; i++) {
        struct entry *e = NULL;
        if ((rc = entry_new(s, k, &k->affected[i], c->scheme, &e)) == 0 &&
            (rc = tsnu_vec_push(&s->entries, &e)) < 0)
            entry_free(e);
        else if (rc == 0)
            s->pub.unevaluated += e->unevaluated;
    }
    return rc;
}

/* The compiled entries of the component's package: read from the
 * knowledge base the first time, kept for its other versions. */
static int package_run(struct comp *c, struct run *out)
{
    struct scan *s = c->s;
    /* both come from a purl, which TSN_LIMIT_PURL_BYTES bounds */
    char key[TSN_LIMIT_PURL_BYTES + 256];
    size_t at = 0;
    if ((size_t)snprintf(key, sizeof key, "%s\x1f%s", c->eco, c->key) >=
        sizeof key)
        return tsn_error_set(TSN_ETOOBIG, "package %.100s...: too long",
                             c->key);
    if (tsnu_map_get(&s->seen, key, &at)) {
        *out = ((struct run *)s->pkgs.ptr)[at];
        return 0;
    }
    struct run r = {s->entries.len, 0, NULL, s->pub.unevaluated};
    int rc = tsnv_lookup_package(c->lk, c->eco, c->key, on_advisory, c);
    r.n = s->entries.len - r.start;
    r.unevaluated = s->pub.unevaluated - r.unevaluated;
    /* the map borrows its keys: the arena holds them */
    if (rc == 0 && !(r.key = tsnu_arena_strdup(&s->arena, key)))
        rc = tsn_error_oom();
    if (rc == 0)
        rc = tsnu_vec_push(&s->pkgs, &r);
    if (rc == 0)
        rc = tsnu_map_put(&s->seen, r.key, s->pkgs.len - 1);
    *out = r;
    return rc;
}

/* The component's hits and their lists let go. */
static void hits_dispose(struct comp *c)
{
    for (size_t i = 0; i < c->hits.len; i++) {
        tsnu_vec_dispose(&((struct hit *)c->hits.ptr)[i].how);
        tsnu_vec_dispose(&((struct hit *)c->hits.ptr)[i].fixed);
    }
    tsnu_vec_dispose(&c->hits);
}

/* Keep entry @p e as a hit when it holds the component at @p v. */
static int evaluate(struct comp *c, struct entry *e, const tsn_ver *v)
{
    struct hit h = {e->a, e, TSNU_VEC_INIT(const char *, 1000),
                    TSNU_VEC_INIT(const char *, 1000), 0};
    bool in = false;
    int rc = holds(e, v, c->version, &in, &h, &c->s->arena);
    if (rc == 0 && in && (rc = tsnu_vec_push(&c->hits, &h)) == 0)
        return 0; /* the hit owns its lists now */
    tsnu_vec_dispose(&h.how);
    tsnu_vec_dispose(&h.fixed);
    return rc;
}

/* Whether records @p a and @p b name each other or a common alias. */
static bool related(const tsn_advisory *a, const tsn_advisory *b)
{
    if (strcmp(a->id, b->id) == 0)
        return true;
    for (size_t i = 0; i < a->naliases; i++) {
        if (strcmp(a->aliases[i], b->id) == 0)
            return true;
        for (size_t j = 0; j < b->naliases; j++)
            if (strcmp(a->aliases[i], b->aliases[j]) == 0)
                return true;
    }
    for (size_t j = 0; j < b->naliases; j++)
        if (strcmp(b->aliases[j], a->id) == 0)
            return true;
    return false;
}

/* Strings in byte order; @p scheme (a tsn_vscheme *) NULL. */
static int cmp_str(const void *a, const void *b, void *scheme)
{
    (void)scheme;
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* @p v (const char *) sorted without repeats, into @p ar. */
static const char *const *sorted(tsnu_vec *v, tsnu_arena *ar, size_t *n)
{
    *n = 0;
    if (v->len == 0)
        return NULL;
    const char **p = v->ptr;
    qsort_r(p, v->len, sizeof *p, cmp_str, NULL);
    size_t k = 0;
    for (size_t i = 0; i < v->len; i++)
        if (k == 0 || strcmp(p[k - 1], p[i]) != 0)
            p[k++] = p[i];
    v->len = k;
    *n = k;
    return tsnu_vec_copy(v, ar);
}

/* A version and its parsed form (NULL: not a version of the scheme),
 * which the scan owns (version_of()). */
struct vkey {
    const char *text;
    const tsn_ver *v;
};

/* Oldest first; a text that is not a version of the scheme by its text. */
static int cmp_vkey(const void *a, const void *b)
{
    const struct vkey *x = a, *y = b;
    return x->v && y->v ? tsn_version_cmp(x->v, y->v)
                        : strcmp(x->text, y->text);
}

/*
 * @p v (const char *) of @p scheme, oldest first without repeats: the
 * texts into @p ar (*@p out, *@p n of them) and, with @p keys, each one
 * with its parsed form (*@p keys, for the caller to tsn_free()). Each is
 * parsed once per scan, not at every comparison.
 */
static int versions_sorted(struct scan *s,
                           tsnu_vec *v,
                           tsn_vscheme scheme,
                           const char *const **out,
                           size_t *n,
                           struct vkey **keys)
{
    *out = NULL;
    *n = 0;
    if (keys)
        *keys = NULL;
    if (v->len == 0)
        return 0;
    struct vkey *k = tsn_calloc(v->len, sizeof *k);
    if (!k)
        return tsn_error_oom();
    const char **p = v->ptr;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < v->len; i++) {
        k[i].text = p[i];
        rc = version_of(s, scheme, p[i], &k[i].v);
    }
    size_t m = 0;
    if (rc == 0) {
        qsort(k, v->len, sizeof *k, cmp_vkey);
        for (size_t i = 0; i < v->len; i++)
            if (m == 0 || cmp_vkey(&k[m - 1], &k[i]) != 0)
                k[m++] = k[i];
        for (size_t i = 0; i < m; i++)
            p[i] = k[i].text;
        v->len = m;
        if (!(*out = tsnu_vec_copy(v, &s->arena)))
            rc = tsn_error_oom();
    }
    if (rc == 0 && keys) {
        *keys = k;
        *n = m;
        return 0;
    }
    tsn_free(k);
    if (rc == 0)
        *n = m;
    return rc;
}

/* A textual rating ("HIGH", "moderate") as a rating; false when not one. */
static bool rating_word(const char *s, tsn_cvss_rating *out)
{
    static const struct {
        const char *word;
        tsn_cvss_rating r;
    } words[] = {
        {"critical", TSN_CVSS_CRITICAL}, {"high", TSN_CVSS_HIGH},
        {"important", TSN_CVSS_HIGH},    {"moderate", TSN_CVSS_MEDIUM},
        {"medium", TSN_CVSS_MEDIUM},     {"low", TSN_CVSS_LOW},
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcasecmp(s, words[i].word) == 0) {
            *out = words[i].r;
            return true;
        }
    return false;
}

/* The severity of a finding as its records give it. */
struct rating {
    tsn_finding *f;
    tsn_cvss_rating word; /* the highest word rating seen */
    bool has_word;
    struct scan *s;
};

/* Take the CVSS vectors and word ratings of @p a into @p rt: the newest
 * CVSS version, its highest score. */
static int rate(struct rating *rt, const tsn_advisory *a)
{
    tsn_finding *f = rt->f;
    const char *from = NULL;
    for (size_t j = 0; j < a->nseverity; j++) {
        const char *v = a->severity[j].score;
        tsn_cvss_scores sc;
        tsn_cvss_rating r;
        if (!v)
            continue;
        if (strncmp(a->severity[j].type, "CVSS_", 5) == 0 &&
            tsn_cvss_score(v, &sc) == 0) {
            if (!f->vector || sc.version > f->cvss.version ||
                (sc.version == f->cvss.version && sc.score > f->cvss.score)) {
                if (!from && !(from = tsnu_arena_printf(&rt->s->arena, "%s/%s",
                                                        a->source, a->id)))
                    return tsn_error_oom();
                f->vector = v;
                f->cvss = sc;
                f->severity_source = from;
            }
        } else if (rating_word(v, &r) && (!rt->has_word || r > rt->word)) {
            rt->word = r;
            rt->has_word = true;
        }
        tsn_error_clear();
    }
    return 0;
}

/* tsnv_lookup_id() callback: another record of a finding's CVE, its
 * vectors taken (into the scan's arena). */
static int rate_other(void *ctx, tsn_advisory *a, bool withdrawn)
{
    struct rating *rt = ctx;
    int rc = 0;
    tsn_advisory *k =
        withdrawn || !a ? NULL : slim(&rt->s->arena, a, NULL, NULL, &rc);
    tsn_advisory_free(a);
    if (!k)
        return rc;
    /* only vectors: a word rating of another record is not this one's */
    bool had = rt->has_word;
    tsn_cvss_rating w = rt->word;
    rc = rate(rt, k);
    rt->has_word = had;
    rt->word = w;
    return rc;
}

/* The best vector of the other records of @p cve into @p rt, read from
 * the knowledge base the first time and remembered. */
static int cve_vector(struct comp *c, const char *cve, struct rating *rt)
{
    struct scan *s = c->s;
    size_t at = 0;
    tsn_finding best = {0};
    if (tsnu_map_get(&s->cves, cve, &at)) {
        best = ((tsn_finding *)s->cve_best.ptr)[at];
    } else {
        struct rating one = {&best, TSN_CVSS_NONE, false, s};
        const char *key = tsnu_arena_strdup(&s->arena, cve);
        int rc = key ? tsnv_lookup_id(c->lk, cve, rate_other, &one)
                     : tsn_error_oom();
        if (rc == 0)
            rc = tsnu_vec_push(&s->cve_best, &best);
        if (rc == 0)
            rc = tsnu_map_put(&s->cves, key, s->cve_best.len - 1);
        if (rc < 0)
            return rc;
    }
    tsn_finding *f = rt->f;
    if (best.vector && (!f->vector || best.cvss.version > f->cvss.version ||
                        (best.cvss.version == f->cvss.version &&
                         best.cvss.score > f->cvss.score))) {
        f->vector = best.vector;
        f->cvss = best.cvss;
        f->severity_source = best.severity_source;
    }
    return 0;
}

/* Severity, KEV and EPSS of finding @p f from its records @p hs[0..n)
 * of group @p g. */
static int enrich(struct comp *c,
                  tsn_finding *f,
                  const struct hit *hs,
                  size_t n,
                  size_t g,
                  const char *const *ids,
                  size_t nids)
{
    struct rating rt = {f, TSN_CVSS_NONE, false, c->s};
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (hs[i].group == g)
            rc = rate(&rt, hs[i].a);
    /* no vector from the records that hold it: the CVE's other records
     * (each CVE's read once a scan) */
    for (size_t i = 0; rc == 0 && !f->vector && i < nids; i++)
        if (strncmp(ids[i], "CVE-", 4) == 0)
            rc = cve_vector(c, ids[i], &rt);
    if (rc < 0)
        return rc;
    tsn_cvss_rating word = rt.word;
    bool has_word = rt.has_word;
    if (f->vector) {
        f->severity = f->cvss.rating;
        f->has_severity = true;
    } else if (has_word) {
        f->severity = word;
        f->has_severity = true;
    }
    for (size_t i = 0; i < nids; i++) {
        if (strncmp(ids[i], "CVE-", 4) != 0)
            continue;
        tsnv_threat t;
        if ((rc = tsnv_lookup_cve(c->lk, ids[i], &t)) < 0)
            return rc;
        f->kev |= t.kev;
        f->ransomware |= t.ransomware;
        if (t.has_epss && (!f->has_epss || t.epss > f->epss)) {
            f->has_epss = true;
            f->epss = t.epss;
            f->percentile = t.percentile;
        }
    }
    return 0;
}

static int cmp_finding(const void *a, const void *b)
{
    return strcmp(((const tsn_finding *)a)->id, ((const tsn_finding *)b)->id);
}

/*
 * The nearest of @p u's fixed versions, above the component's, that none
 * of its hits' entries holds (only the hits @p live marks, when given):
 * *@p out, or NULL when none is.
 */
static int upgrade_of(const struct upg *u, const bool *live, const char **out)
{
    int rc = 0;
    *out = NULL;
    /* the hit that held the last candidate is asked first: the next one up
     * is most often in the same range */
    size_t first = 0;
    for (size_t i = 0; rc == 0 && i < u->ncands && !*out; i++) {
        /* a candidate not of the scheme cannot be compared: not one */
        if (!u->cands[i] || !u->v)
            continue;
        bool held = tsn_version_cmp(u->cands[i], u->v) <= 0;
        for (size_t k = 0; rc == 0 && !held && k < u->nhits; k++) {
            size_t j = (first + k) % u->nhits;
            if (live && !live[j])
                continue;
            rc = holds(u->e[j], u->cands[i], u->texts[i], &held, NULL, NULL);
            if (held)
                first = j;
        }
        if (rc == 0 && !held)
            *out = u->texts[i];
    }
    return rc;
}

/* The findings of component @p ci from its hits, grouped. */
static int findings_of(struct comp *c, size_t ci, tsn_scan_component *sc)
{
    struct scan *s = c->s;
    struct hit *hs = c->hits.ptr;
    size_t n = c->hits.len, ngroups = 0;
    /* groups: a record joins the group of the first earlier record it is
     * related to, and groups it links are merged */
    for (size_t i = 0; i < n; i++) {
        hs[i].group = ngroups++;
        for (size_t j = 0; j < i; j++) {
            if (!related(hs[i].a, hs[j].a) || hs[j].group == hs[i].group)
                continue;
            size_t from = hs[i].group, to = hs[j].group;
            for (size_t k = 0; k <= i; k++)
                if (hs[k].group == from)
                    hs[k].group = to;
        }
    }
    tsnu_vec fixed_all = TSNU_VEC_INIT(const char *, 100000);
    int rc = 0;
    size_t first = s->findings.len;
    /* the id of each group's finding, for the upgrade kept (struct upg) */
    const char **lead_of =
        n ? tsnu_arena_calloc(&s->arena, ngroups, sizeof *lead_of) : NULL;
    if (n && !lead_of)
        rc = tsn_error_oom();
    for (size_t g = 0; rc == 0 && g < ngroups; g++) {
        tsnu_vec ids = TSNU_VEC_INIT(const char *, 100000);
        tsnu_vec recs = TSNU_VEC_INIT(const char *, 100000);
        tsnu_vec how = TSNU_VEC_INIT(const char *, 100000);
        tsnu_vec fixed = TSNU_VEC_INIT(const char *, 100000);
        tsn_finding f = {.component = ci};
        bool any = false;
        for (size_t i = 0; rc == 0 && i < n; i++) {
            if (hs[i].group != g)
                continue;
            const tsn_advisory *a = hs[i].a;
            any = true;
            if (!f.summary)
                f.summary = a->summary;
            const char *rec =
                tsnu_arena_printf(&s->arena, "%s/%s", a->source, a->id);
            rc = rec ? push_str(&recs, rec) : tsn_error_oom();
            if (rc == 0)
                rc = push_str(&ids, a->id);
            for (size_t j = 0; rc == 0 && j < a->naliases; j++)
                rc = push_str(&ids, a->aliases[j]);
            for (size_t j = 0; rc == 0 && j < hs[i].how.len; j++)
                rc = push_str(&how, ((const char **)hs[i].how.ptr)[j]);
            for (size_t j = 0; rc == 0 && j < hs[i].fixed.len; j++) {
                const char *v = ((const char **)hs[i].fixed.ptr)[j];
                if ((rc = push_str(&fixed, v)) == 0)
                    rc = push_str(&fixed_all, v);
            }
        }
        if (rc == 0 && any) {
            size_t nids = 0;
            const char *const *all = sorted(&ids, &s->arena, &nids);
            const char *lead = ((const char **)recs.ptr)[0];
            lead = strchr(lead, '/') + 1;
            if (nids && !all)
                rc = tsn_error_oom();
            for (size_t i = 0; rc == 0 && i < nids; i++)
                if (strncmp(all[i], "CVE-", 4) == 0) {
                    lead = all[i];
                    break;
                }
            f.id = lead;
            lead_of[g] = lead;
            const char **others =
                tsnu_arena_calloc(&s->arena, nids ? nids : 1, sizeof *others);
            if (!others)
                rc = tsn_error_oom();
            for (size_t i = 0; rc == 0 && i < nids; i++)
                if (strcmp(all[i], lead) != 0)
                    others[f.naliases++] = all[i];
            f.aliases = others;
            f.records = sorted(&recs, &s->arena, &f.nrecords);
            f.matched = sorted(&how, &s->arena, &f.nmatched);
            if (rc == 0 && ((nids && !all) || (f.nrecords && !f.records) ||
                            (f.nmatched && !f.matched)))
                rc = tsn_error_oom();
            if (rc == 0)
                rc = versions_sorted(s, &fixed, c->scheme, &f.fixed, &f.nfixed,
                                     NULL);
            if (rc == 0)
                rc = enrich(c, &f, hs, n, g, all, nids);
            if (rc == 0)
                rc = tsnu_vec_push(&s->findings, &f);
        }
        tsnu_vec_dispose(&ids);
        tsnu_vec_dispose(&recs);
        tsnu_vec_dispose(&how);
        tsnu_vec_dispose(&fixed);
    }
    sc->findings = s->findings.len - first;
    if (sc->findings > 1)
        qsort(&((tsn_finding *)s->findings.ptr)[first], sc->findings,
              sizeof(tsn_finding), cmp_finding);
    /* the nearest fixed version no record's entry holds; not sought when
     * a hit is from an NVD configuration (it has no entry to ask) */
    bool entries = true;
    for (size_t j = 0; j < n; j++)
        entries &= hs[j].e != NULL;
    size_t nf = 0;
    const char *const *texts = NULL;
    struct vkey *cands = NULL;
    if (rc == 0 && entries && n)
        rc = versions_sorted(s, &fixed_all, c->scheme, &texts, &nf, &cands);
    struct upg *u = &s->upg[ci];
    if (rc == 0 && nf) {
        u->v = c->v;
        u->ncands = nf;
        u->nhits = n;
        u->texts = texts;
        u->cands = tsnu_arena_calloc(&s->arena, nf, sizeof *u->cands);
        u->e = tsnu_arena_calloc(&s->arena, n, sizeof *u->e);
        u->id = tsnu_arena_calloc(&s->arena, n, sizeof *u->id);
        if (!u->cands || !u->e || !u->id)
            rc = tsn_error_oom();
        for (size_t i = 0; rc == 0 && i < nf; i++)
            u->cands[i] = cands[i].v;
        for (size_t j = 0; rc == 0 && j < n; j++) {
            u->e[j] = hs[j].e;
            u->id[j] = lead_of[hs[j].group];
        }
        if (rc == 0)
            rc = upgrade_of(u, NULL, &sc->upgrade);
        if (rc < 0)
            *u = (struct upg){0};
    }
    tsn_free(cands);
    tsnu_vec_dispose(&fixed_all);
    return rc;
}

int tsnm_scan_reupgrade(tsn_scan *scan)
{
    /* only a scan tsn_scan_run() made has what it needs, and only one
     * with findings left out needs it */
    if (scan->internal != (void *)scan || tsn_scan_suppressed(scan) == 0)
        return 0;
    struct scan *s = scan->internal;
    size_t n = scan->ncomponents, at = 0;
    int rc = 0;
    for (size_t ci = 0; rc == 0 && ci < n; ci++) {
        /* the component's findings: findings are by component */
        size_t first = at;
        while (at < scan->nfindings && scan->findings[at].component == ci)
            at++;
        const struct upg *u = &s->upg[ci];
        bool left_out = false;
        for (size_t k = first; k < at && !left_out; k++)
            left_out = scan->findings[k].suppressed;
        if (!u->nhits || !left_out)
            continue;
        bool *live = tsn_malloc(u->nhits * sizeof *live), all = true;
        if (!live) {
            rc = tsn_error_oom();
            break;
        }
        for (size_t j = 0; j < u->nhits; j++) {
            live[j] = true;
            for (size_t k = first; k < at; k++)
                if (strcmp(scan->findings[k].id, u->id[j]) == 0)
                    live[j] = !scan->findings[k].suppressed;
            all &= live[j];
        }
        bool any = false;
        for (size_t j = 0; j < u->nhits; j++)
            any |= live[j];
        if (!any)
            scan->components[ci].upgrade = NULL;
        else if (!all)
            rc = upgrade_of(u, live, &scan->components[ci].upgrade);
        tsn_free(live);
    }
    return rc;
}

/* ---- components named by CPE only ----------------------------------- */

/* One of a component's CPEs looked up: its records' NVD configurations
 * and the affected entries that name its product evaluated with it. */
struct cpe_comp {
    struct comp *c;
    const tsn_cpe *cpe; /* the component's, one of s->sys */
    /* its version, unquoted ("2.0" of 2.0 beta9, as NVD's bounds are
     * compared), and parsed in the generic scheme; NULL for ANY or NA */
    const char *version;
    const tsn_ver *v;
};

/* How configuration match @p m (and the platform @p on) held, as a line
 * of tsn_finding.matched: "CRITERIA >=A <B", "running on CRITERIA". */
static const char *
cpe_how(tsnu_arena *ar, const tsn_adv_cpe_match *m, const tsn_adv_cpe_match *on)
{
    return tsnu_arena_printf(
        ar, "%s%s%s%s%s%s%s%s%s%s%s", m->criteria, m->start_incl ? " >=" : "",
        m->start_incl ? m->start_incl : "", m->start_excl ? " >" : "",
        m->start_excl ? m->start_excl : "", m->end_incl ? " <=" : "",
        m->end_incl ? m->end_incl : "", m->end_excl ? " <" : "",
        m->end_excl ? m->end_excl : "", on ? "; running on " : "",
        on ? on->criteria : "");
}

/* The version of CPE name @p c for people: its version and update
 * without WFN quoting ("2.0 beta9"), "-" for NA; NULL when out of
 * memory. */
static const char *cpe_version(tsnu_arena *ar, const tsn_cpe *c)
{
    const char *v = tsn_cpe_value(c, TSN_CPE_VERSION);
    const char *u = tsn_cpe_value(c, TSN_CPE_UPDATE);
    char *t =
        tsnu_arena_printf(ar, "%s%s%s", v ? v : "-", u ? " " : "", u ? u : "");
    return t ? tsnm_wfn_unquote(t) : NULL;
}

/*
 * Whether affected entry @p af (JVN iPedia, CVE 5, CSAF) names the
 * product of @p have by one of its CPEs (tsnm_cpe_names_product()):
 * *@p which is one that does (one for any version if there is one), or
 * NULL; *@p any, whether one for any version does. *@p exact is one that
 * names @p have's version too (tsnm_cpe_match()), or NULL. A CPE that is
 * not a CPE name names nothing.
 */
static int names_product(const tsn_adv_affected *af,
                         const tsn_cpe *have,
                         const char **which,
                         const char **exact,
                         bool *any)
{
    *which = *exact = NULL;
    *any = false;
    for (size_t j = 0; j < af->ncpes && !*exact; j++) {
        tsn_cpe *crit = NULL;
        int rc = tsn_cpe_parse(&crit, af->cpes[j]);
        if (rc == TSN_ENOMEM)
            return rc;
        if (rc < 0) {
            tsn_error_clear();
            continue;
        }
        bool named = false;
        if (tsnm_cpe_names_product(crit, have)) {
            tsn_adv_cpe_match m = {.vulnerable = true, .criteria = af->cpes[j]};
            rc = tsnm_cpe_match(&m, crit, have, &named);
            bool all = tsn_cpe_kind_of(crit, TSN_CPE_VERSION) == TSN_CPE_ANY;
            if (!*which || (all && !*any))
                *which = af->cpes[j];
            *any |= all;
            if (!all && named)
                *exact = af->cpes[j];
        }
        tsn_cpe_free(crit);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* slim() filter: whether @p af names the component's product. */
static bool cpe_entry(const tsn_adv_affected *af, void *ctx, int *rc)
{
    struct cpe_comp *cc = ctx;
    const char *which = NULL, *exact = NULL;
    bool any;
    *rc = names_product(af, cc->cpe, &which, &exact, &any);
    return which != NULL;
}

/* Hit @p h kept for the component unless it says nothing (no line in
 * how); its lists are the component's or let go. */
static int keep_hit(struct cpe_comp *cc, struct hit *h)
{
    int rc = 0;
    if (h->how.len && (rc = tsnu_vec_push(&cc->c->hits, h)) == 0)
        return 0;
    tsnu_vec_dispose(&h->how);
    tsnu_vec_dispose(&h->fixed);
    return rc;
}

/*
 * Affected entry @p af of record @p k (slimmed) that names the
 * component's product. Its ranges, listed and unaffected versions decide
 * when it has any (compiled as a package's are, in the generic scheme
 * unless a range names its own): a CSAF product's CPE names the version
 * of a product that may be one of the unaffected. Without them its CPEs
 * decide: one that names the component's version makes a hit; else one
 * for any version (JVN's version statements in words, an overview that
 * names only the product) decides nothing, and the record goes to the
 * component's unjudged list; CPEs that name only other versions, none.
 */
static int
cpe_entry_eval(struct cpe_comp *cc, tsn_advisory *k, const tsn_adv_affected *af)
{
    struct scan *s = cc->c->s;
    const char *which = NULL, *exact = NULL;
    bool any = false;
    int rc = names_product(af, cc->cpe, &which, &exact, &any);
    if (rc < 0 || !which)
        return rc;
    struct hit h = {k, NULL, TSNU_VEC_INIT(const char *, 1000),
                    TSNU_VEC_INIT(const char *, 1000), 0};
    if (!af->nranges && !af->nversions && !af->nunaffected) {
        if (exact) {
            if ((rc = push_str(&h.how, exact)) == 0)
                return keep_hit(cc, &h);
            tsnu_vec_dispose(&h.how);
            return rc;
        }
        return any ? tsnu_vec_push(&cc->c->unjudged, &k) : 0;
    }
    if (!cc->version)
        return 0; /* this CPE of the component gives no version */
    struct entry *e = NULL;
    if ((rc = entry_new(s, k, af, TSN_VS_GENERIC, &e)) < 0)
        return rc;
    if ((rc = tsnu_vec_push(&s->entries, &e)) < 0) {
        entry_free(e);
        return rc;
    }
    s->pub.unevaluated += e->unevaluated;
    h.e = e;
    bool in = false;
    rc = holds(e, cc->v, cc->version, &in, &h, &s->arena);
    /* which CPE named the product, before each range or listed version
     * that holds it (holds() adds to h only when one does) */
    const char **how = h.how.ptr;
    for (size_t i = 0; rc == 0 && i < h.how.len; i++)
        if (!(how[i] = tsnu_arena_printf(&s->arena, "%s %s", which, how[i])))
            rc = tsn_error_oom();
    if (rc < 0) {
        tsnu_vec_dispose(&h.how);
        tsnu_vec_dispose(&h.fixed);
        return rc;
    }
    return keep_hit(cc, &h);
}

/*
 * The bounds of the vulnerable matches of configuration @p c (in nodes
 * not negated) that name the product of @p cc's CPE, as affected-entry
 * ranges (@p rs, tsn_adv_range) and listed versions (@p vs), copied into
 * the scan's arena: what a newer version of the component is checked
 * against for its upgrade, as a package's entries are. An exclusive start reads
 * as an inclusive one, which can only hold more. A criteria that is no CPE name
 * adds nothing.
 */
static int config_bounds(struct cpe_comp *cc,
                         const tsn_adv_config *c,
                         tsnu_vec *rs,
                         tsnu_vec *vs)
{
    tsnu_arena *ar = &cc->c->s->arena;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < c->nnodes; i++) {
        const tsn_adv_node *n = &c->nodes[i];
        for (size_t j = 0; rc == 0 && !n->negate && j < n->nmatches; j++) {
            const tsn_adv_cpe_match *m = &n->matches[j];
            tsn_cpe *crit = NULL;
            if (!m->vulnerable)
                continue;
            if ((rc = tsn_cpe_parse(&crit, m->criteria)) == TSN_EINVALID) {
                tsn_error_clear();
                rc = 0;
                continue;
            }
            if (rc < 0 || !tsnm_cpe_names_product(crit, cc->cpe)) {
                tsn_cpe_free(crit);
                continue;
            }
            const char *from = m->start_incl ? m->start_incl : m->start_excl;
            const char *to = m->end_excl ? m->end_excl : m->end_incl;
            tsn_cpe_kind kind = tsn_cpe_kind_of(crit, TSN_CPE_VERSION);
            if (from || to || kind == TSN_CPE_ANY) {
                /* the record is let go before the entry is compiled */
                tsn_adv_event *ev = tsnu_arena_calloc(ar, 2, sizeof *ev);
                if (from && !(from = tsnu_arena_strdup(ar, from)))
                    ev = NULL;
                if (to && !(to = tsnu_arena_strdup(ar, to)))
                    ev = NULL;
                if (!ev) {
                    rc = tsn_error_oom();
                } else {
                    ev[0] =
                        (tsn_adv_event){TSN_EV_INTRODUCED, from ? from : "0"};
                    ev[1] = (tsn_adv_event){
                        m->end_excl ? TSN_EV_FIXED : TSN_EV_LAST_AFFECTED, to};
                    tsn_adv_range r = {"ECOSYSTEM", NULL, NULL, ev,
                                       to ? 2u : 1u};
                    rc = tsnu_vec_push(rs, &r);
                }
            } else if (kind == TSN_CPE_VALUE) {
                char *v =
                    tsnu_arena_strdup(ar, tsn_cpe_value(crit, TSN_CPE_VERSION));
                rc = v ? push_str(vs, tsnm_wfn_unquote(v)) : tsn_error_oom();
            }
            tsn_cpe_free(crit);
        }
    }
    return rc;
}

/* Hit @p h of record @p k, by NVD configurations, given an entry of the
 * bounds (@p rs, @p vs) of their matches that name the component's
 * product, so that its upgrade is sought as a package's is. */
static int config_entry(struct cpe_comp *cc,
                        tsn_advisory *k,
                        struct hit *h,
                        tsnu_vec *rs,
                        tsnu_vec *vs)
{
    struct scan *s = cc->c->s;
    tsn_adv_affected *af = tsnu_arena_calloc(&s->arena, 1, sizeof *af);
    if (!af || (rs->len && !(af->ranges = tsnu_vec_copy(rs, &s->arena))) ||
        (vs->len && !(af->versions = tsnu_vec_copy(vs, &s->arena))))
        return tsn_error_oom();
    af->nranges = rs->len;
    af->nversions = vs->len;
    struct entry *e = NULL;
    int rc = entry_new(s, k, af, TSN_VS_GENERIC, &e);
    if (rc == 0 && (rc = tsnu_vec_push(&s->entries, &e)) < 0)
        entry_free(e);
    if (rc == 0)
        h->e = e;
    return rc;
}

/* tsnv_lookup_package() callback for a CPE's product: a hit for each of
 * the record's configurations that makes the component vulnerable, and
 * for each of its affected entries that names the product at the
 * component's version. */
static int on_cpe_advisory(void *ctx, tsn_advisory *a, bool withdrawn)
{
    struct cpe_comp *cc = ctx;
    struct scan *s = cc->c->s;
    int rc = 0;
    struct hit h = {NULL, NULL, TSNU_VEC_INIT(const char *, 1000),
                    TSNU_VEC_INIT(const char *, 1000), 0};
    tsnu_vec rs = TSNU_VEC_INIT(tsn_adv_range, 100000);
    tsnu_vec vs = TSNU_VEC_INIT(const char *, 100000);
    for (size_t i = 0; !withdrawn && a && rc == 0 && i < a->nconfigs; i++) {
        bool vuln = false;
        const tsn_adv_cpe_match *why = NULL, *on = NULL;
        rc = tsnm_config_eval(&a->configs[i], &s->system, cc->cpe, &vuln, &why,
                              &on);
        if (rc == TSN_EINVALID) { /* a criteria that is no CPE name */
            tsn_error_clear();
            s->pub.unevaluated++;
            rc = 0;
            continue;
        }
        if (rc < 0 || !vuln)
            continue;
        const char *how = cpe_how(&s->arena, why, on);
        rc = how ? push_str(&h.how, how) : tsn_error_oom();
        if (rc == 0 && why->end_excl) {
            const char *f = tsnu_arena_strdup(&s->arena, why->end_excl);
            rc = f ? push_str(&h.fixed, f) : tsn_error_oom();
        }
        if (rc == 0)
            rc = config_bounds(cc, &a->configs[i], &rs, &vs);
    }
    tsn_advisory *k = NULL;
    if (rc == 0 && !withdrawn && a)
        k = slim(&s->arena, a, cpe_entry, cc, &rc);
    tsn_advisory_free(a);
    h.a = k;
    if (rc == 0 && k && h.how.len)
        rc = config_entry(cc, k, &h, &rs, &vs);
    tsnu_vec_dispose(&rs);
    tsnu_vec_dispose(&vs);
    if (!k || rc < 0) {
        tsnu_vec_dispose(&h.how);
        tsnu_vec_dispose(&h.fixed);
        return rc;
    }
    rc = keep_hit(cc, &h);
    for (size_t i = 0; rc == 0 && i < k->naffected; i++)
        rc = cpe_entry_eval(cc, k, &k->affected[i]);
    return rc;
}

/*
 * The records that named the component's product without versions to
 * compare (sc->unjudged, "SOURCE/ID" sorted), but not one of a finding
 * or of the same vulnerability as one: that one is reported already.
 */
static int unjudged_of(struct comp *c, tsn_scan_component *sc)
{
    tsn_advisory **u = c->unjudged.ptr;
    const struct hit *hs = c->hits.ptr;
    tsnu_vec recs = TSNU_VEC_INIT(const char *, TSN_LIMIT_COMPONENTS);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < c->unjudged.len; i++) {
        bool reported = false;
        for (size_t j = 0; !reported && j < c->hits.len; j++)
            reported = related(u[i], hs[j].a);
        if (reported)
            continue;
        const char *rec =
            tsnu_arena_printf(&c->s->arena, "%s/%s", u[i]->source, u[i]->id);
        rc = rec ? push_str(&recs, rec) : tsn_error_oom();
    }
    if (rc == 0 && recs.len) {
        sc->unjudged = sorted(&recs, &c->s->arena, &sc->nunjudged);
        if (!sc->unjudged)
            rc = tsn_error_oom();
    }
    tsnu_vec_dispose(&recs);
    return rc;
}

/*
 * Component @p ci, which has CPEs and no package URL: the records that
 * name the product of each of its CPEs (the import indexes them as
 * package "CPE", "vendor:product"), each of their NVD configurations
 * evaluated with the SBOM's CPEs as the system it runs in.
 */
static int
scan_cpe(struct scan *s, tsnv_lookup *lk, size_t ci, tsn_scan_component *sc)
{
    size_t first = s->cpe_first[ci], n = s->cpe_count[ci];
    const tsn_cpe *const *mine = (const tsn_cpe *const *)s->sys.ptr + first;
    const tsn_cpe *versioned = NULL;
    /* a version, or NA: a product without versions (hardware) */
    for (size_t k = 0; k < n && !versioned; k++)
        if (tsn_cpe_kind_of(mine[k], TSN_CPE_VERSION) != TSN_CPE_ANY)
            versioned = mine[k];
    if (!n) {
        sc->skip = TSN_SCAN_CPE_ONLY;
        return 0;
    }
    if (!versioned) {
        sc->skip = TSN_SCAN_NO_VERSION;
        return 0;
    }
    struct comp c = {.s = s, .lk = lk, .eco = "CPE", .scheme = TSN_VS_GENERIC};
    c.hits = (tsnu_vec)TSNU_VEC_INIT(struct hit, TSN_LIMIT_COMPONENTS);
    c.unjudged = (tsnu_vec)TSNU_VEC_INIT(tsn_advisory *, TSN_LIMIT_COMPONENTS);
    int rc = 0;
    sc->ecosystem = "CPE";
    for (size_t k = 0; rc == 0 && k < n; k++) {
        char *fs = NULL;
        const char *vendor = NULL, *product = NULL, *key = NULL;
        struct cpe_comp cc = {&c, mine[k], NULL, NULL};
        if ((rc = tsn_cpe_to_fs(&fs, mine[k])) == 0 &&
            (rc = tsnr_cpe_vp(&s->arena, fs, &vendor, &product)) == 0 &&
            !(key = tsnu_arena_printf(&s->arena, "%s:%s", vendor, product)))
            rc = tsn_error_oom();
        tsn_free(fs);
        if (rc == 0 &&
            tsn_cpe_kind_of(mine[k], TSN_CPE_VERSION) == TSN_CPE_VALUE) {
            char *t = tsnu_arena_strdup(
                &s->arena, tsn_cpe_value(mine[k], TSN_CPE_VERSION));
            rc = t ? version_of(s, TSN_VS_GENERIC, tsnm_wfn_unquote(t), &cc.v)
                   : tsn_error_oom();
            cc.version = t;
        }
        if (rc == 0 && mine[k] == versioned) {
            sc->package = c.key = key;
            c.version = sc->version = cpe_version(&s->arena, versioned);
            c.v = cc.v;
            if (!c.version)
                rc = tsn_error_oom();
        }
        if (rc == 0)
            rc = tsnv_lookup_package(lk, "CPE", key, on_cpe_advisory, &cc);
    }
    if (rc == 0)
        rc = findings_of(&c, ci, sc);
    if (rc == 0)
        rc = unjudged_of(&c, sc);
    hits_dispose(&c);
    tsnu_vec_dispose(&c.unjudged);
    return rc;
}

/* The component's package looked up and each of its entries evaluated
 * at its version. */
static int package_eval(struct comp *c)
{
    struct run run = {0, 0, NULL, 0};
    int rc = package_run(c, &run);
    for (size_t i = 0; rc == 0 && i < run.n; i++)
        rc = evaluate(c, ((struct entry **)c->s->entries.ptr)[run.start + i],
                      c->v);
    return rc;
}

/* tsnv_lookup_ecosystems() callback: one more ecosystem of a prefix. */
static int on_stream(void *ctx, const char *eco)
{
    struct scan *s = ctx;
    const char *e = tsnu_arena_strdup(&s->arena, eco);
    return e ? push_str(&s->stream_names, e) : tsn_error_oom();
}

/*
 * The component in each ecosystem its ecosystem stands for (c->eco ends in
 * "*": Red Hat's product streams of one release), under the source
 * package's name @p source and the binary package's @p binary (or NULL):
 * OSV's Red Hat data names either. The ecosystems of a prefix are asked
 * of the knowledge base once per scan.
 */
static int streams_eval(struct comp *c, const char *source, const char *binary)
{
    struct scan *s = c->s;
    const char *all = c->eco;
    size_t at = 0, pre = tsni_ecosystem_prefix(all);
    const char *key = tsnu_arena_strndup(&s->arena, all, pre);
    if (!key)
        return tsn_error_oom();
    struct run r = {s->stream_names.len, 0, NULL, 0};
    int rc = 0;
    if (tsnu_map_get(&s->streams_seen, key, &at)) {
        r = ((struct run *)s->stream_runs.ptr)[at];
    } else {
        rc = tsnv_lookup_ecosystems(c->lk, key, on_stream, s);
        r.n = s->stream_names.len - r.start;
        if (rc == 0)
            rc = tsnu_vec_push(&s->stream_runs, &r);
        if (rc == 0)
            rc = tsnu_map_put(&s->streams_seen, key, s->stream_runs.len - 1);
    }
    const char *names[2] = {source, binary};
    for (size_t i = 0; rc == 0 && i < r.n; i++) {
        c->eco = ((const char **)s->stream_names.ptr)[r.start + i];
        for (size_t k = 0; rc == 0 && k < 2 && names[k]; k++) {
            if (!(c->key = tsni_package_key(&s->arena, c->eco, names[k])))
                rc = tsn_error_oom();
            else
                rc = package_eval(c);
        }
    }
    c->eco = all;
    return rc;
}

/* Look component @p ci up. */
static int scan_one(struct scan *s,
                    tsnv_lookup *lk,
                    const tsn_sbom_component *comp,
                    size_t ci,
                    tsn_scan_component *sc)
{
    tsn_purl *pu = NULL;
    if (!comp->purl || comp->purl_invalid ||
        tsn_purl_parse(&pu, comp->purl, 0) < 0) {
        tsn_error_clear();
        if (comp->n_cpes && (!comp->purl || comp->purl_invalid))
            return scan_cpe(s, lk, ci, sc);
        sc->skip = TSN_SCAN_NO_PURL;
        return 0;
    }
    struct comp c = {.s = s, .lk = lk};
    int rc = 0;
    if (!tsni_purl_package(&s->arena, pu, &c.eco, &sc->package)) {
        bool distro =
            (strcmp(pu->type, "deb") == 0 || strcmp(pu->type, "apk") == 0 ||
             strcmp(pu->type, "rpm") == 0) &&
            !tsn_purl_qualifier_get(pu, "distro");
        sc->skip = distro ? TSN_SCAN_NO_RELEASE : TSN_SCAN_NO_ECOSYSTEM;
    } else if (!pu->version && !comp->version) {
        sc->skip = TSN_SCAN_NO_VERSION;
    } else {
        sc->ecosystem = c.eco;
        c.version = sc->version =
            pu->version ? tsni_purl_version(&s->arena, pu)
                        : tsnu_arena_strdup(&s->arena, comp->version);
        c.scheme = tsn_vscheme_for_ecosystem(c.eco);
        c.key = tsni_package_key(&s->arena, c.eco, sc->package);
        if (!c.version || !c.key)
            rc = tsn_error_oom();
        /* the scan's own parse, which lives as long as the scan: the
         * upgrade may be sought again after VEX (struct upg) */
        else if ((rc = version_of(s, c.scheme, c.version, &c.v)) == 0 && !c.v)
            sc->skip = TSN_SCAN_BAD_VERSION;
    }
    /* an ecosystem that stands for several (Red Hat's product streams):
     * the binary package's name is looked for as well as the source's */
    const char *binary = NULL;
    if (rc == 0 && !sc->skip && tsni_ecosystem_prefix(c.eco) &&
        strcmp(pu->name, sc->package) != 0 &&
        !(binary = tsnu_arena_strdup(&s->arena, pu->name)))
        rc = tsn_error_oom();
    tsn_purl_free(pu);
    if (rc < 0 || sc->skip)
        return rc;
    c.hits = (tsnu_vec)TSNU_VEC_INIT(struct hit, TSN_LIMIT_COMPONENTS);
    if (tsni_ecosystem_prefix(c.eco))
        rc = streams_eval(&c, sc->package, binary);
    else
        rc = package_eval(&c);
    if (rc == 0)
        rc = findings_of(&c, ci, sc);
    hits_dispose(&c);
    return rc;
}

int tsn_finding_tier(const tsn_finding *f, const tsn_tier_policy *policy)
{
    if (f->kev)
        return 1;
    if (f->has_epss && f->epss >= policy->epss)
        return 2;
    if (!f->has_severity || f->severity >= policy->severity)
        return 3;
    return 4;
}

void tsn_scan_prioritise(tsn_scan *scan, const tsn_tier_policy *policy)
{
    scan->tiers = *policy;
    for (size_t i = 0; i < scan->nfindings; i++)
        scan->findings[i].tier = tsn_finding_tier(&scan->findings[i], policy);
}

/* The dependency path of each component with findings (tsn_scan_component
 * path). */
static int paths(struct scan *s, const tsn_sbom *sbom)
{
    size_t *before = NULL, *depth = NULL, n = s->pub.ncomponents;
    int rc = tsni_sbom_reach(sbom, &before, &depth);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        tsn_scan_component *sc = &s->pub.components[i];
        if (!sc->findings || depth[i] == SIZE_MAX)
            continue;
        size_t len = depth[i] + 1, *p = NULL;
        if (!(p = tsnu_arena_calloc(&s->arena, len, sizeof *p))) {
            rc = tsn_error_oom();
            break;
        }
        size_t at = i;
        for (size_t k = len; k-- > 0; at = before[at])
            p[k] = at;
        sc->path = p;
        sc->npath = len;
    }
    tsn_free(before);
    tsn_free(depth);
    return rc;
}

/* The state of a scan, or of one thread's share of it, empty. */
static void state_init(struct scan *s)
{
    s->arena = (tsnu_arena)TSNU_ARENA_INIT;
    s->findings = (tsnu_vec)TSNU_VEC_INIT(tsn_finding, 100000000);
    s->seen = (tsnu_map)TSNU_MAP_INIT;
    s->pkgs = (tsnu_vec)TSNU_VEC_INIT(struct run, 100000000);
    s->entries = (tsnu_vec)TSNU_VEC_INIT(struct entry *, 100000000);
    s->cves = (tsnu_map)TSNU_MAP_INIT;
    s->cve_best = (tsnu_vec)TSNU_VEC_INIT(tsn_finding, 100000000);
    s->vers_seen = (tsnu_map)TSNU_MAP_INIT;
    s->vers = (tsnu_vec)TSNU_VEC_INIT(tsn_ver *, 100000000);
    s->streams_seen = (tsnu_map)TSNU_MAP_INIT;
    s->stream_runs = (tsnu_vec)TSNU_VEC_INIT(struct run, 100000);
    s->stream_names = (tsnu_vec)TSNU_VEC_INIT(const char *, 1000000);
    s->sys = (tsnu_vec)TSNU_VEC_INIT(tsn_cpe *, 100000000);
}

/* What state_init() and the lookups made let go; the SBOM's CPEs only by
 * the scan that parsed them (@p owner), not by a share that borrows them. */
static void state_dispose(struct scan *s, bool owner)
{
    for (size_t i = 0; i < s->entries.len; i++)
        entry_free(((struct entry **)s->entries.ptr)[i]);
    tsnu_vec_dispose(&s->entries);
    tsnu_vec_dispose(&s->findings);
    tsnu_vec_dispose(&s->pkgs);
    tsnu_map_dispose(&s->seen);
    tsnu_vec_dispose(&s->cve_best);
    tsnu_map_dispose(&s->cves);
    for (size_t i = 0; i < s->vers.len; i++)
        tsn_version_free(((tsn_ver **)s->vers.ptr)[i]);
    tsnu_vec_dispose(&s->vers);
    tsnu_map_dispose(&s->vers_seen);
    tsnu_map_dispose(&s->streams_seen);
    tsnu_vec_dispose(&s->stream_runs);
    tsnu_vec_dispose(&s->stream_names);
    if (owner) {
        tsnm_system_dispose(&s->system);
        for (size_t i = 0; i < s->sys.len; i++)
            tsn_cpe_free(((tsn_cpe **)s->sys.ptr)[i]);
        tsnu_vec_dispose(&s->sys);
    }
    tsnu_arena_dispose(&s->arena);
}

/* The SBOM's CPEs parsed, the system NVD configurations are evaluated
 * in. */
static int system_of(struct scan *s, const tsn_sbom_component *comps, size_t n)
{
    int rc = 0;
    if (n &&
        (!(s->cpe_first = tsnu_arena_calloc(&s->arena, n, sizeof(size_t))) ||
         !(s->cpe_count = tsnu_arena_calloc(&s->arena, n, sizeof(size_t)))))
        rc = tsn_error_oom();
    for (size_t i = 0; rc == 0 && i < n; i++) {
        s->cpe_first[i] = s->sys.len;
        for (size_t j = 0; rc == 0 && j < comps[i].n_cpes; j++) {
            tsn_cpe *p = NULL;
            if ((rc = tsn_cpe_parse(&p, comps[i].cpes[j])) == TSN_EINVALID) {
                tsn_error_clear(); /* not a CPE name: not one of the system */
                rc = 0;
            } else if (rc == 0 && (rc = tsnu_vec_push(&s->sys, &p)) < 0) {
                tsn_cpe_free(p);
            }
        }
        s->cpe_count[i] = s->sys.len - s->cpe_first[i];
    }
    if (rc == 0)
        rc = tsnm_system_init(&s->system, (const tsn_cpe *const *)s->sys.ptr,
                              s->sys.len);
    return rc;
}

/*
 * How the components are shared out when several threads look them up:
 * in groups, the components of one package together (those whose purl
 * before the version hashes alike), so that a package is read by one
 * thread; a component without a purl, whose records are read for it
 * alone, is a group of its own. The threads take the groups in turn, a
 * few at a time, so that one held up (another process on its
 * processor, a package with many records) takes fewer. Each writes
 * where the findings of the components it took are in its state (from,
 * to), and which it is (share); join() puts them in component order.
 */
struct plan {
    size_t *order; /* component indices, each group's together */
    size_t *group; /* group g is order[group[g] .. group[g + 1]) */
    size_t ngroups;
    atomic_size_t next; /* the first group not taken */
    unsigned char *share;
    size_t *from, *to;
};

/* groups a thread takes at a time */
#define PLAN_TAKE 4

/*
 * One thread's share of a scan: groups of components taken from @p plan
 * (all of them in order without one), looked up with its own handle on
 * the knowledge base and its own state (struct scan), writing only their
 * tsn_scan_component and struct upg. Its error, which is the thread's,
 * is copied out for the caller.
 */
struct job {
    struct scan *s;
    tsn_vulndb *db;
    const tsn_sbom_component *comps;
    struct plan *plan;
    size_t n;
    unsigned id;
    int rc;
    char error[1024];
};

static int job_one(struct job *j, tsnv_lookup *lk, size_t ci)
{
    struct plan *p = j->plan;
    if (p) {
        p->share[ci] = (unsigned char)j->id;
        p->from[ci] = j->s->findings.len;
    }
    int rc = scan_one(j->s, lk, &j->comps[ci], ci, &j->s->pub.components[ci]);
    if (p)
        p->to[ci] = j->s->findings.len;
    return rc;
}

static void *job_run(void *arg)
{
    tsnu_heap_huge_thread();
    struct job *j = arg;
    struct plan *p = j->plan;
    tsnv_lookup *lk = NULL;
    int rc = tsnv_lookup_open(j->db, &lk);
    for (size_t ci = 0; rc == 0 && !p && ci < j->n; ci++)
        rc = job_one(j, lk, ci);
    while (rc == 0 && p) {
        size_t g = atomic_fetch_add(&p->next, PLAN_TAKE);
        if (g >= p->ngroups)
            break;
        size_t end = g + PLAN_TAKE < p->ngroups ? g + PLAN_TAKE : p->ngroups;
        for (size_t k = p->group[g]; rc == 0 && k < p->group[end]; k++)
            rc = job_one(j, lk, p->order[k]);
    }
    tsnv_lookup_close(lk);
    j->rc = rc;
    if (rc < 0)
        snprintf(j->error, sizeof j->error, "%s", tsn_error_last()->message);
    return NULL;
}

/* A component's package as a hash (its purl before the version), or 0
 * without a purl. */
static uint64_t package_hash(const tsn_sbom_component *c)
{
    if (!c->purl)
        return 0;
    size_t len = strcspn(c->purl, "@?#");
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (size_t k = 0; k < len; k++)
        h = (h ^ (unsigned char)c->purl[k]) * 1099511628211u;
    return h | 1; /* never 0 */
}

struct keyed {
    uint64_t hash;
    size_t ci;
};

static int cmp_keyed(const void *a, const void *b)
{
    const struct keyed *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return x->ci < y->ci ? -1 : x->ci > y->ci;
}

/* The groups of @p comps[0..n) (struct plan), in @p ar. */
static int plan_of(struct plan *p,
                   tsnu_arena *ar,
                   const tsn_sbom_component *comps,
                   size_t n)
{
    size_t m = n ? n : 1;
    struct keyed *k = tsn_calloc(m, sizeof *k);
    p->order = tsnu_arena_calloc(ar, m, sizeof *p->order);
    p->group = tsnu_arena_calloc(ar, m + 1, sizeof *p->group);
    p->share = tsnu_arena_calloc(ar, m, 1);
    p->from = tsnu_arena_calloc(ar, m, sizeof *p->from);
    p->to = tsnu_arena_calloc(ar, m, sizeof *p->to);
    if (!k || !p->order || !p->group || !p->share || !p->from || !p->to) {
        tsn_free(k);
        return tsn_error_oom();
    }
    for (size_t i = 0; i < n; i++)
        k[i] = (struct keyed){package_hash(&comps[i]), i};
    qsort(k, n, sizeof *k, cmp_keyed);
    p->ngroups = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || k[i].hash == 0 || k[i].hash != k[i - 1].hash)
            p->group[p->ngroups++] = i;
        p->order[i] = k[i].ci;
    }
    p->group[p->ngroups] = n;
    atomic_init(&p->next, 0);
    tsn_free(k);
    return 0;
}

/* How many threads: @p jobs, or for 0 one per processor this process may
 * run on (one for an SBOM too small to share out); at most
 * TSN_SCAN_JOBS_MAX. */
static unsigned jobs_for(unsigned jobs, size_t n)
{
    if (jobs == 0) {
        cpu_set_t set;
        long cpus = sched_getaffinity(0, sizeof set, &set) == 0
                        ? CPU_COUNT(&set)
                        : sysconf(_SC_NPROCESSORS_ONLN);
        jobs = cpus > 1 && n >= 200 ? (unsigned)cpus : 1;
    }
    return jobs > TSN_SCAN_JOBS_MAX ? TSN_SCAN_JOBS_MAX : jobs;
}

/*
 * The shares jobs[1 .. njobs) joined into @p s, jobs[0]'s: the findings in
 * component order (where the plan says each component's are), and the
 * ranges not compiled of a package counted once however many shares read
 * it.
 */
static int join(struct scan *s, const struct job *jobs, unsigned njobs)
{
    const struct plan *p = jobs[0].plan;
    size_t n = s->pub.ncomponents;
    tsnu_vec all = TSNU_VEC_INIT(tsn_finding, 100000000);
    int rc = 0;
    for (size_t ci = 0; rc == 0 && ci < n; ci++) {
        const tsn_finding *f = jobs[p->share[ci]].s->findings.ptr;
        for (size_t k = p->from[ci]; rc == 0 && k < p->to[ci]; k++)
            rc = tsnu_vec_push(&all, &f[k]);
    }
    for (unsigned i = 1; rc == 0 && i < njobs; i++) {
        const struct scan *o = jobs[i].s;
        size_t packages = 0; /* of o->pub.unevaluated; the rest: CPE's */
        for (size_t k = 0; k < o->pkgs.len; k++) {
            const struct run *r = &((const struct run *)o->pkgs.ptr)[k];
            bool before = false;
            size_t where;
            for (unsigned e = 0; e < i && !before; e++)
                before = tsnu_map_get(&jobs[e].s->seen, r->key, &where);
            packages += r->unevaluated;
            if (!before)
                s->pub.unevaluated += r->unevaluated;
        }
        s->pub.unevaluated += o->pub.unevaluated - packages;
    }
    if (rc == 0) {
        tsnu_vec_dispose(&s->findings);
        s->findings = all;
    } else {
        tsnu_vec_dispose(&all);
    }
    return rc;
}

/* Share @p j of scan @p s prepared: its own state, which borrows what the
 * scan made before the lookups, and its own handle on the file of @p db. */
static int job_new(struct job *j, struct scan *s, tsn_vulndb *db)
{
    if (!(j->s = tsn_calloc(1, sizeof *s)))
        return tsn_error_oom();
    state_init(j->s);
    j->s->pub.components = s->pub.components;
    j->s->pub.ncomponents = s->pub.ncomponents;
    j->s->upg = s->upg;
    j->s->sys = s->sys;
    j->s->system = s->system;
    j->s->cpe_first = s->cpe_first;
    j->s->cpe_count = s->cpe_count;
    return tsnv_reopen(db, &j->db);
}

int tsn_scan_run(tsn_vulndb *db, const tsn_sbom *sbom, tsn_scan **out)
{
    return tsn_scan_run_jobs(db, sbom, 1, out);
}

int tsn_scan_run_jobs(tsn_vulndb *db,
                      const tsn_sbom *sbom,
                      unsigned njobs,
                      tsn_scan **out)
{
    *out = NULL;
    struct scan *s = tsn_calloc(1, sizeof *s);
    if (!s)
        return tsn_error_oom();
    s->pub.internal = s;
    state_init(s);
    size_t n = 0;
    const tsn_sbom_component *comps = tsn_sbom_components(sbom, &n);
    njobs = jobs_for(njobs, n);
    int rc = 0;
    if (n && !(s->pub.components =
                   tsnu_arena_calloc(&s->arena, n, sizeof *s->pub.components)))
        rc = tsn_error_oom();
    s->pub.ncomponents = rc == 0 ? n : 0;
    if (rc == 0 && n &&
        !(s->upg = tsnu_arena_calloc(&s->arena, n, sizeof *s->upg)))
        rc = tsn_error_oom();
    if (rc == 0)
        rc = system_of(s, comps, n);
    struct plan plan;
    if (rc == 0 && njobs > 1)
        rc = plan_of(&plan, &s->arena, comps, n);
    /* jobs[0] is this thread's, on the caller's handle */
    struct job jobs[TSN_SCAN_JOBS_MAX] = {{.s = s,
                                           .db = db,
                                           .comps = comps,
                                           .plan = njobs > 1 ? &plan : NULL,
                                           .n = n}};
    unsigned made = 1;
    for (; rc == 0 && made < njobs; made++) {
        jobs[made] = jobs[0];
        jobs[made].id = made;
        jobs[made].s = NULL;
        jobs[made].db = NULL;
        rc = job_new(&jobs[made], s, db);
    }
    pthread_t threads[TSN_SCAN_JOBS_MAX];
    bool running[TSN_SCAN_JOBS_MAX] = {false};
    for (unsigned i = 1; rc == 0 && i < made; i++)
        running[i] = pthread_create(&threads[i], NULL, job_run, &jobs[i]) == 0;
    if (rc == 0)
        job_run(&jobs[0]);
    for (unsigned i = 1; rc == 0 && i < made; i++) {
        if (running[i])
            pthread_join(threads[i], NULL);
        else
            job_run(&jobs[i]); /* no thread to be had: this one does it */
    }
    /* the error of the first share that failed */
    for (unsigned i = 0; rc == 0 && i < made; i++)
        if (jobs[i].rc < 0)
            rc = i == 0 ? jobs[0].rc
                 : jobs[i].rc == TSN_ENOMEM
                     ? tsn_error_oom()
                     : tsn_error_set(jobs[i].rc, "%s", jobs[i].error);
    if (rc == 0 && made > 1)
        rc = join(s, jobs, made);
    /* the shares' state lives as long as the scan: its findings point into
     * their arenas, its upgrades at their entries */
    for (unsigned i = made; i-- > 1;) {
        tsn_vulndb_close(jobs[i].db);
        if (jobs[i].s) {
            jobs[i].s->parts = s->parts;
            s->parts = jobs[i].s;
        }
    }
    for (size_t i = 0; rc == 0 && i < n; i++)
        s->pub.checked += !s->pub.components[i].skip;
    if (rc == 0)
        rc = paths(s, sbom);
    s->pub.findings = s->findings.ptr;
    s->pub.nfindings = s->findings.len;
    tsn_scan_prioritise(&s->pub, &(tsn_tier_policy)TSN_TIER_POLICY_INIT);
    if (rc < 0) {
        tsn_scan_free(&s->pub);
        return rc;
    }
    *out = &s->pub;
    return 0;
}

void tsn_scan_free(tsn_scan *scan)
{
    if (!scan)
        return;
    struct scan *s = (struct scan *)scan;
    for (struct scan *p = s->parts, *next; p; p = next) {
        next = p->parts;
        state_dispose(p, false);
        tsn_free(p);
    }
    state_dispose(s, true);
    tsn_free(s);
}
