/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tsn_scan_apply_vex(): the VEX statements that speak of each finding,
 * the latest of them deciding (scan.h says how a statement names a
 * finding).
 */
#include "lib/lib.h"

#include "lib/advisory/rd.h"
#include "lib/match/scan_int.h"
#include "tsunagi/purl.h"
#include "tsunagi/range.h"
#include "tsunagi/scan.h"
#include "tsunagi/version.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* A statement for one of its ids: the statements of an id are a chain. */
struct link {
    size_t set, stmt;
    size_t next; /* SIZE_MAX: the end */
};

struct idx {
    tsnu_map first; /* id_key() → index of its first link */
    tsnu_vec links; /* struct link */
    tsnu_arena ar;  /* the keys */
};

/* Vulnerability ids compare without case ("cve-2021-44228" is
 * CVE-2021-44228, as CVE, GHSA and OSV use them): @p id in upper case in
 * @p buf, or @p id itself when it does not fit. */
static const char *id_key(const char *id, char *buf, size_t size)
{
    size_t n = strlen(id);
    if (n >= size)
        return id;
    for (size_t i = 0; i <= n; i++)
        buf[i] = (char)toupper((unsigned char)id[i]);
    return buf;
}

static int idx_add(struct idx *x, const char *id, size_t set, size_t stmt)
{
    size_t at = SIZE_MAX;
    char buf[256];
    if (!(id = tsnu_arena_strdup(&x->ar, id_key(id, buf, sizeof buf))))
        return tsn_error_oom();
    bool had = tsnu_map_get(&x->first, id, &at);
    struct link l = {set, stmt, had ? at : SIZE_MAX};
    int rc = tsnu_vec_push(&x->links, &l);
    if (rc == 0)
        rc = tsnu_map_put(&x->first, id, x->links.len - 1);
    return rc;
}

/* PyPI names as PEP 503 compares them; other names as they are. */
static bool same_name(const char *type, const char *a, const char *b)
{
    if (strcmp(type, "pypi") != 0)
        return strcmp(a, b) == 0;
    for (;;) {
        bool sa = *a == '-' || *a == '_' || *a == '.';
        bool sb = *b == '-' || *b == '_' || *b == '.';
        if (sa != sb)
            return false;
        if (sa) {
            while (*a == '-' || *a == '_' || *a == '.')
                a++;
            while (*b == '-' || *b == '_' || *b == '.')
                b++;
            continue;
        }
        if (!*a || !*b)
            return !*a && !*b;
        if ((*a | 0x20) != (*b | 0x20) && !(*a == *b))
            return false;
        a++;
        b++;
    }
}

/* Whether package URL @p p (a statement's, parsed) names @p c (a
 * component's, parsed): type, namespace and name the same, the version
 * too when @p p has one, and each qualifier of @p p the same in @p c. */
static bool purl_names_parsed(const tsn_purl *p, const tsn_purl *c)
{
    bool ok = strcmp(p->type, c->type) == 0 &&
              tsnu_streq(p->namespace_, c->namespace_) &&
              same_name(p->type, p->name, c->name) &&
              (!p->version || tsnu_streq(p->version, c->version)) &&
              (!p->subpath || tsnu_streq(p->subpath, c->subpath));
    for (size_t i = 0; ok && i < p->n_qualifiers; i++)
        ok = tsnu_streq(tsn_purl_qualifier_get(c, p->qualifiers[i].key),
                        p->qualifiers[i].value);
    return ok;
}

/* purl_names_parsed() of the texts; false when one is not a purl. */
static bool purl_names(const char *pat, const char *purl)
{
    tsn_purl *p = NULL, *c = NULL;
    bool ok = tsn_purl_parse(&p, pat, 0) == 0 &&
              tsn_purl_parse(&c, purl, 0) == 0 && purl_names_parsed(p, c);
    tsn_error_clear();
    tsn_purl_free(p);
    tsn_purl_free(c);
    return ok;
}

/* Whether BOM-Link @p link (urn:cdx:SERIAL/VERSION#REF) is component
 * @p c of the document @p doc. */
static bool
bom_link(const char *link, const tsn_sbom_doc *doc, const tsn_sbom_component *c)
{
    if (strncmp(link, "urn:cdx:", 8) != 0 || !doc->serial || !c->ref ||
        strncmp(doc->serial, "urn:uuid:", 9) != 0)
        return false;
    const char *serial = link + 8, *slash = strchr(serial, '/');
    const char *hash = slash ? strchr(slash, '#') : NULL;
    if (!hash || (size_t)(slash - serial) != strlen(doc->serial + 9) ||
        strncasecmp(serial, doc->serial + 9, (size_t)(slash - serial)) != 0)
        return false;
    char ver[32];
    snprintf(ver, sizeof ver, "%ld", doc->version ? doc->version : 1);
    if ((size_t)(hash - slash - 1) != strlen(ver) ||
        strncmp(slash + 1, ver, strlen(ver)) != 0)
        return false;
    /* the ref is percent-encoded in the link */
    const char *r = hash + 1, *q = c->ref;
    while (*r && *q) {
        int ch = (unsigned char)*r;
        if (*r == '%' && tsnu_hexval(r[1]) >= 0 && tsnu_hexval(r[2]) >= 0) {
            ch = tsnu_hexval(r[1]) * 16 + tsnu_hexval(r[2]);
            r += 2;
        }
        if (ch != (unsigned char)*q)
            return false;
        r++;
        q++;
    }
    return !*r && !*q;
}

/* Whether a product (or subcomponent) with these names names component
 * @p c. */
static bool names(const char *id,
                  const char *purl,
                  const char *cpe,
                  const tsn_sbom_doc *doc,
                  const tsn_sbom_component *c)
{
    if (id && c->ref && (strcmp(id, c->ref) == 0 || bom_link(id, doc, c)))
        return true;
    if (purl && c->purl && purl_names(purl, c->purl))
        return true;
    for (size_t i = 0; cpe && i < c->n_cpes; i++)
        if (strcasecmp(cpe, c->cpes[i]) == 0)
            return true;
    return false;
}

/* names() of product @p p, or its name and version (a CSAF product
 * that gives neither purl nor CPE): the component's, the version
 * exactly. */
static bool product_names(const tsn_vex_product *p,
                          const tsn_sbom_doc *doc,
                          const tsn_sbom_component *c)
{
    if (names(p->id, p->purl, p->cpe, doc, c))
        return true;
    return !p->purl && !p->cpe && p->name && c->name &&
           strcasecmp(p->name, c->name) == 0 &&
           (!p->version || tsnu_streq(p->version, c->version));
}

/* The version of @p c a statement's versions speak of. */
static const char *version_of(const tsn_sbom_component *c, tsn_vscheme *s)
{
    tsn_purl *p = NULL;
    *s = TSN_VS_GENERIC;
    if (c->purl && tsn_purl_parse(&p, c->purl, 0) == 0) {
        tsn_vscheme t = tsn_vscheme_for_purl_type(p->type);
        if (t != TSN_VS_UNKNOWN)
            *s = t;
    }
    tsn_purl_free(p);
    tsn_error_clear();
    return c->version;
}

/*
 * Whether the versions of product @p p hold the version of @p c, and with
 * what status ("affected", "unaffected", "unknown"). No versions: every
 * version, NULL status.
 */
static bool in_versions(const tsn_vex_product *p,
                        const tsn_sbom_component *c,
                        const char **status)
{
    *status = NULL;
    if (p->nversions == 0)
        return true;
    tsn_vscheme sc;
    const char *v = version_of(c, &sc);
    if (!v)
        return false;
    for (size_t i = 0; i < p->nversions; i++) {
        const tsn_vex_version *w = &p->versions[i];
        bool in = false;
        if (w->version) {
            int cmp = 1;
            in =
                strcmp(w->version, v) == 0 ||
                (tsn_version_compare(sc, w->version, v, &cmp) == 0 && cmp == 0);
        } else if (w->range) {
            tsn_range *r = NULL;
            if (tsn_range_parse(&r, TSN_VS_UNKNOWN, w->range, TSN_RANGE_VERS,
                                0) == 0 &&
                tsn_range_contains(r, v, &in) < 0)
                in = false;
            tsn_range_free(r);
        }
        tsn_error_clear();
        if (in) {
            *status = w->status;
            return true;
        }
    }
    return false;
}

/* Whether statement @p s names component @p ci of @p sbom, with the
 * status it gives it (the statement's, or its versions'). */
static bool speaks_of(const tsn_vex_statement *s,
                      const tsn_sbom *sbom,
                      size_t ci,
                      tsn_vex_status *status)
{
    const tsn_sbom_doc *doc = tsn_sbom_document(sbom);
    size_t nc = 0;
    const tsn_sbom_component *comps = tsn_sbom_components(sbom, &nc);
    const tsn_sbom_component *c = &comps[ci];
    const tsn_sbom_component *root = doc->root < nc ? &comps[doc->root] : NULL;
    for (size_t i = 0; i < s->nproducts; i++) {
        tsn_vex_product *p = &s->products[i];
        const tsn_sbom_component *as = NULL; /* the component it names */
        if (p->nsubcomponents) {
            bool sub = false;
            for (size_t k = 0; !sub && k < p->nsubcomponents; k++) {
                const char *n = p->subcomponents[k];
                bool is_purl = strncmp(n, "pkg:", 4) == 0;
                sub = names(n, is_purl ? n : NULL, n, doc, c);
            }
            if (sub && root && product_names(p, doc, root))
                as = root;
        } else if (product_names(p, doc, c)) {
            as = c;
        } else if (root && root != c && product_names(p, doc, root)) {
            as = root;
        }
        const char *vs = NULL;
        if (!as || !in_versions(p, as, &vs))
            continue;
        p->matched++;
        *status = s->status;
        bool quiet = s->status == TSN_VEX_NOT_AFFECTED ||
                     s->status == TSN_VEX_FALSE_POSITIVE ||
                     s->status == TSN_VEX_FIXED;
        if (vs && strcmp(vs, "affected") == 0 && quiet)
            *status = TSN_VEX_AFFECTED;
        else if (vs && strcmp(vs, "unaffected") == 0 && !quiet)
            *status = TSN_VEX_NOT_AFFECTED;
        else if (vs && strcmp(vs, "unknown") == 0)
            *status = TSN_VEX_UNDER_INVESTIGATION;
        return true;
    }
    return false;
}

/* The statement deciding finding @p f: the latest. */
static void decide(tsn_scan *scan,
                   tsn_finding *f,
                   const struct idx *x,
                   tsn_vex *const *sets,
                   const tsn_sbom *sbom)
{
    const struct link *links = x->links.ptr;
    int64_t best_t = INT64_MIN;
    const struct link *best = NULL;
    const tsn_vex_statement *best_s = NULL;
    tsn_vex_status best_st = TSN_VEX_AFFECTED;
    for (size_t i = 0; i <= f->naliases; i++) {
        const char *id = i == 0 ? f->id : f->aliases[i - 1];
        char buf[256];
        size_t at;
        if (!tsnu_map_get(&x->first, id_key(id, buf, sizeof buf), &at))
            continue;
        for (; at != SIZE_MAX; at = links[at].next) {
            const struct link *l = &links[at];
            size_t n;
            const tsn_vex_statement *s =
                &tsn_vex_statements(sets[l->set], &n)[l->stmt];
            tsn_vex_status st;
            if (s == best_s || !speaks_of(s, sbom, f->component, &st))
                continue;
            int64_t t = s->timestamp ? tsnr_epoch(s->timestamp) : INT64_MIN;
            if (!best || t > best_t ||
                (t == best_t &&
                 (l->set > best->set ||
                  (l->set == best->set && l->stmt > best->stmt)))) {
                best = l;
                best_s = s;
                best_t = t;
                best_st = st;
            }
        }
    }
    if (!best)
        return;
    if (f->suppressed)
        scan->components[f->component].findings++;
    f->vex = best_s;
    f->vex_status = best_st;
    f->suppressed =
        best_st == TSN_VEX_NOT_AFFECTED || best_st == TSN_VEX_FALSE_POSITIVE;
    if (f->suppressed)
        scan->components[f->component].findings--;
}

int tsn_scan_apply_vex(tsn_scan *scan,
                       const tsn_sbom *sbom,
                       tsn_vex *const *sets,
                       size_t nsets)
{
    struct idx x = {TSNU_MAP_INIT,
                    TSNU_VEC_INIT(struct link, TSN_LIMIT_COMPONENTS),
                    TSNU_ARENA_INIT};
    int rc = 0;
    for (size_t k = 0; rc == 0 && k < nsets; k++) {
        size_t n = 0;
        const tsn_vex_statement *st =
            sets[k] ? tsn_vex_statements(sets[k], &n) : NULL;
        for (size_t i = 0; rc == 0 && i < n; i++) {
            rc = idx_add(&x, st[i].vuln, k, i);
            for (size_t a = 0; rc == 0 && a < st[i].naliases; a++)
                if (st[i].aliases[a])
                    rc = idx_add(&x, st[i].aliases[a], k, i);
        }
    }
    for (size_t i = 0; rc == 0 && i < scan->nfindings; i++)
        decide(scan, &scan->findings[i], &x, sets, sbom);
    /* an upgrade needs to fix only the findings kept */
    if (rc == 0)
        rc = tsnm_scan_reupgrade(scan);
    tsnu_map_dispose(&x.first);
    tsnu_vec_dispose(&x.links);
    tsnu_arena_dispose(&x.ar);
    return rc;
}

size_t tsn_scan_suppressed(const tsn_scan *scan)
{
    size_t n = 0;
    for (size_t i = 0; i < scan->nfindings; i++)
        n += scan->findings[i].suppressed;
    return n;
}

void tsn_scan_count(const tsn_scan *scan, tsn_scan_counts *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < scan->nfindings; i++) {
        const tsn_finding *f = &scan->findings[i];
        if (f->suppressed) {
            out->suppressed++;
            continue;
        }
        out->findings++;
        if (f->has_severity)
            out->by_severity[f->severity]++;
        else
            out->unrated++;
        out->by_tier[f->tier >= 1 && f->tier <= 4 ? f->tier : 4]++;
        out->kev += f->kev;
    }
    for (size_t i = 0; i < scan->ncomponents; i++)
        out->unjudged += scan->components[i].nunjudged != 0;
}

/* Whether @p id, @p purl (parsed: @p pp) or @p cpe names one of the
 * components of @p sbom (their purls parsed: @p cp). */
static bool names_any(const char *id,
                      const tsn_purl *pp,
                      const char *cpe,
                      const tsn_sbom *sbom,
                      tsn_purl *const *cp)
{
    const tsn_sbom_doc *doc = tsn_sbom_document(sbom);
    size_t nc = 0;
    const tsn_sbom_component *comps = tsn_sbom_components(sbom, &nc);
    for (size_t i = 0; i < nc; i++) {
        if (names(id, NULL, cpe, doc, &comps[i]))
            return true;
        if (pp && cp[i] && purl_names_parsed(pp, cp[i]))
            return true;
    }
    return false;
}

static bool product_known(const tsn_vex_product *p,
                          const tsn_sbom *sbom,
                          tsn_purl *const *cp)
{
    tsn_purl *pp = NULL;
    bool known = false;
    if (p->purl && tsn_purl_parse(&pp, p->purl, 0) < 0)
        tsn_error_clear();
    known = names_any(p->id, pp, p->cpe, sbom, cp);
    tsn_purl_free(pp);
    size_t nc = 0;
    const tsn_sbom_component *comps = tsn_sbom_components(sbom, &nc);
    for (size_t i = 0; !known && i < nc; i++)
        known = !p->purl && !p->cpe &&
                product_names(p, tsn_sbom_document(sbom), &comps[i]);
    for (size_t k = 0; !known && k < p->nsubcomponents; k++) {
        const char *n = p->subcomponents[k];
        pp = NULL;
        if (strncmp(n, "pkg:", 4) == 0 && tsn_purl_parse(&pp, n, 0) < 0)
            tsn_error_clear();
        known = names_any(n, pp, n, sbom, cp);
        tsn_purl_free(pp);
    }
    return known;
}

int tsn_vex_mark_known(tsn_vex *set, const tsn_sbom *sbom)
{
    size_t nc = 0, n = 0;
    const tsn_sbom_component *comps = tsn_sbom_components(sbom, &nc);
    const tsn_vex_statement *st = tsn_vex_statements(set, &n);
    if (n == 0)
        return 0; /* nothing to mark: the SBOM's purls are not parsed */
    tsn_purl **cp = tsn_calloc(nc + 1, sizeof *cp);
    if (!cp)
        return tsn_error_oom();
    for (size_t i = 0; i < nc; i++)
        if (comps[i].purl && tsn_purl_parse(&cp[i], comps[i].purl, 0) < 0)
            tsn_error_clear();
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < st[i].nproducts; k++)
            if (!st[i].products[k].known)
                st[i].products[k].known =
                    product_known(&st[i].products[k], sbom, cp);
    for (size_t i = 0; i < nc; i++)
        tsn_purl_free(cp[i]);
    tsn_free(cp);
    return 0;
}
