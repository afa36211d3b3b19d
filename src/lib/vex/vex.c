/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A set of VEX statements from any number of documents: OpenVEX
 * (openvex.c), CSAF (csaf_vex.c) and CycloneDX, whose vulnerabilities the
 * SBOM reader reads (standalone VEX documents and those embedded in an
 * SBOM alike).
 */
#include "lib/vex/vex_int.h"

#include "lib/advisory/rd.h"
#include "tsunagi/limits.h"

#include <string.h>

struct tsn_vex {
    tsnu_arena arena; /* documents, statements and their strings */
    tsnu_vec stmts;   /* tsn_vex_statement */
};

static const struct {
    const char *word;
    tsn_vex_status status;
} status_words[] = {
    {"not_affected", TSN_VEX_NOT_AFFECTED},
    {"false_positive", TSN_VEX_FALSE_POSITIVE},
    {"affected", TSN_VEX_AFFECTED},
    {"exploitable", TSN_VEX_AFFECTED},
    {"fixed", TSN_VEX_FIXED},
    {"resolved", TSN_VEX_FIXED},
    {"resolved_with_pedigree", TSN_VEX_FIXED},
    {"under_investigation", TSN_VEX_UNDER_INVESTIGATION},
    {"in_triage", TSN_VEX_UNDER_INVESTIGATION},
};

const char *tsn_vex_status_name(tsn_vex_status status)
{
    switch (status) {
    case TSN_VEX_NOT_AFFECTED:
        return "not_affected";
    case TSN_VEX_FALSE_POSITIVE:
        return "false_positive";
    case TSN_VEX_AFFECTED:
        return "affected";
    case TSN_VEX_FIXED:
        return "fixed";
    case TSN_VEX_UNDER_INVESTIGATION:
        return "under_investigation";
    }
    return "?";
}

bool tsn_vex_status_lookup(const char *word, tsn_vex_status *out)
{
    for (size_t i = 0; word && i < sizeof status_words / sizeof *status_words;
         i++)
        if (strcmp(word, status_words[i].word) == 0) {
            *out = status_words[i].status;
            return true;
        }
    return false;
}

const char *tsnx_where(tsnu_arena *arena,
                       const char *name,
                       const tsnu_jpath *p,
                       const tsnu_json *v)
{
    tsn_buf b = TSN_BUF_INIT(4096);
    tsn_buf_printf(&b, "%s:%u: ", name, v ? (unsigned)v->line : 0u);
    tsnu_jpath_render(p, &b);
    const char *s = tsnu_arena_strndup(arena, tsn_buf_cstr(&b), b.len);
    tsn_buf_dispose(&b);
    return s;
}

int tsn_vex_new(tsn_vex **out)
{
    *out = NULL;
    tsn_vex *set = tsn_calloc(1, sizeof *set);
    if (!set)
        return tsn_error_oom();
    set->stmts =
        (tsnu_vec)TSNU_VEC_INIT(tsn_vex_statement, TSN_LIMIT_COMPONENTS);
    *out = set;
    return 0;
}

void tsn_vex_free(tsn_vex *set)
{
    if (!set)
        return;
    tsnu_vec_dispose(&set->stmts);
    tsnu_arena_dispose(&set->arena);
    tsn_free(set);
}

const tsn_vex_statement *tsn_vex_statements(const tsn_vex *set, size_t *n)
{
    *n = set->stmts.len;
    return set->stmts.ptr;
}

/* ---- CycloneDX ---------------------------------------------------------- */

/* Copies into the set's arena: a CycloneDX document's strings live in
 * its tsn_sbom, which the caller frees. */
struct copier {
    tsnu_arena *ar;
    int rc;
};

static const char *cp(struct copier *c, const char *s)
{
    if (!s || c->rc < 0)
        return NULL;
    const char *d = tsnu_arena_strdup(c->ar, s);
    if (!d)
        c->rc = tsn_error_oom();
    return d;
}

static const char *const *
cp_list(struct copier *c, const char *const *v, size_t n)
{
    if (n == 0 || c->rc < 0)
        return NULL;
    const char **d = tsnu_arena_calloc(c->ar, n, sizeof *d);
    if (!d) {
        c->rc = tsn_error_oom();
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        d[i] = cp(c, v[i]);
    return d;
}

/* The product a CycloneDX statement names when it has no affects: the
 * document's own component (metadata.component), if it has one. */
static int root_product(struct copier *c,
                        const tsn_sbom *sbom,
                        tsn_vex_product **out,
                        size_t *n)
{
    const tsn_sbom_doc *doc = tsn_sbom_document(sbom);
    size_t nc = 0;
    const tsn_sbom_component *comps = tsn_sbom_components(sbom, &nc);
    *out = NULL;
    *n = 0;
    if (doc->root >= nc)
        return 0;
    const tsn_sbom_component *r = &comps[doc->root];
    tsn_vex_product *p = tsnu_arena_calloc(c->ar, 1, sizeof *p);
    if (!p)
        return tsn_error_oom();
    p->id = cp(c, r->ref);
    p->purl = cp(c, r->purl);
    p->cpe = r->n_cpes ? cp(c, r->cpes[0]) : NULL;
    *out = p;
    *n = 1;
    return c->rc;
}

/* The responses as one action ("update, will_not_fix"). */
static const char *responses(struct copier *c, const tsn_sbom_vuln *v)
{
    if (!v->n_responses || c->rc < 0)
        return NULL;
    tsn_buf b = TSN_BUF_INIT(4096);
    for (size_t i = 0; i < v->n_responses; i++)
        tsn_buf_printf(&b, "%s%s", i ? ", " : "", v->responses[i]);
    const char *s = cp(c, tsn_buf_cstr(&b));
    tsn_buf_dispose(&b);
    return s;
}

/* The package URL a ref is, itself or as a BOM-Link's fragment
 * (urn:cdx:SERIAL/VERSION#pkg:...), percent-decoded; or NULL. */
static const char *ref_purl(struct copier *c, const char *ref)
{
    if (!ref)
        return NULL;
    if (strncmp(ref, "pkg:", 4) == 0)
        return ref;
    const char *h = strncmp(ref, "urn:cdx:", 8) == 0 ? strchr(ref, '#') : NULL;
    if (!h ||
        (strncmp(h + 1, "pkg%3A", 6) != 0 && strncmp(h + 1, "pkg:", 4) != 0))
        return NULL;
    char *d = tsnu_arena_strdup(c->ar, h + 1);
    if (!d) {
        c->rc = tsn_error_oom();
        return NULL;
    }
    size_t k = 0;
    for (const char *p = h + 1; *p; p++) {
        if (*p == '%' && tsnu_hexval(p[1]) >= 0 && tsnu_hexval(p[2]) >= 0) {
            d[k++] = (char)(tsnu_hexval(p[1]) * 16 + tsnu_hexval(p[2]));
            p += 2;
        } else {
            d[k++] = *p;
        }
    }
    d[k] = '\0';
    return d;
}

/* The statements of @p sbom's vulnerabilities with an analysis state. */
static int from_cdx(tsn_vex *set, const tsn_sbom *sbom, bool embedded)
{
    size_t nv = 0;
    const tsn_sbom_vuln *vs = tsn_sbom_vulns(sbom, &nv);
    struct copier c = {&set->arena, 0};
    size_t before = set->stmts.len;
    for (size_t i = 0; c.rc == 0 && i < nv; i++) {
        const tsn_sbom_vuln *v = &vs[i];
        tsn_vex_statement s = {0};
        if (!v->state || !v->id)
            continue;
        (void)tsn_vex_status_lookup(v->state, &s.status);
        s.vuln = cp(&c, v->id);
        s.aliases = cp_list(&c, v->references, v->n_references);
        s.naliases = v->n_references;
        s.justification = cp(&c, v->justification);
        s.impact = cp(&c, v->analysis_detail);
        s.action = responses(&c, v);
        s.timestamp = cp(&c, v->updated);
        s.where = cp(&c, v->where ? v->where : "?");
        s.embedded = embedded;
        tsn_vex_product *prs = NULL;
        if (v->n_affects == 0 && !embedded) {
            if (c.rc == 0)
                c.rc = root_product(&c, sbom, &prs, &s.nproducts);
        } else if (v->n_affects) {
            prs = tsnu_arena_calloc(&set->arena, v->n_affects, sizeof *prs);
            if (!prs)
                c.rc = tsn_error_oom();
            s.nproducts = prs ? v->n_affects : 0;
        }
        for (size_t k = 0; prs && k < v->n_affects; k++) {
            prs[k].id = cp(&c, v->affects[k]);
            prs[k].purl = ref_purl(&c, prs[k].id);
            size_t nver = 0;
            for (size_t j = 0; j < v->n_versions; j++)
                nver += v->versions[j].affect == k;
            if (nver == 0 || c.rc < 0)
                continue;
            tsn_vex_version *vv =
                tsnu_arena_calloc(&set->arena, nver, sizeof *vv);
            if (!vv) {
                c.rc = tsn_error_oom();
                break;
            }
            size_t m = 0;
            for (size_t j = 0; j < v->n_versions; j++)
                if (v->versions[j].affect == k) {
                    vv[m].version = cp(&c, v->versions[j].version);
                    vv[m].range = cp(&c, v->versions[j].range);
                    vv[m++].status = cp(&c, v->versions[j].status);
                }
            prs[k].versions = vv;
            prs[k].nversions = nver;
        }
        s.products = prs;
        if (c.rc == 0)
            c.rc = tsnu_vec_push(&set->stmts, &s);
    }
    if (c.rc < 0)
        set->stmts.len = before;
    return c.rc;
}

int tsn_vex_from_sbom(tsn_vex *set, const tsn_sbom *sbom)
{
    return from_cdx(set, sbom, true);
}

/* A CycloneDX VEX document: refused with its first error. */
static int read_cdx(
    tsn_vex *set, tsn_ctx *ctx, const char *text, size_t len, const char *name)
{
    tsn_sbom *sbom = NULL;
    tsn_sbom_read_opts o = TSN_SBOM_READ_OPTS_INIT;
    o.name = name;
    int rc = tsn_sbom_read(&sbom, ctx, text, len, &o);
    if (rc < 0)
        return rc;
    size_t nd = 0;
    const tsn_sbom_diag *d = tsn_sbom_diags(sbom, &nd);
    for (size_t i = 0; i < nd; i++)
        if (d[i].severity == TSN_DIAG_ERROR) {
            rc = tsn_error_set(TSN_EINVALID, "%s: %s", d[i].location,
                               d[i].message);
            break;
        }
    if (rc == 0)
        rc = from_cdx(set, sbom, false);
    tsn_sbom_free(sbom);
    return rc;
}

int tsn_vex_read(
    tsn_vex *set, tsn_ctx *ctx, const char *text, size_t len, const char *name)
{
    const char *p = text, *end = text + len;
    if (!name)
        name = "<vex>";
    if (len > ctx->limits.document_bytes)
        return tsn_error_set(TSN_ETOOBIG,
                             "%s: document is %zu bytes, limit is %zu "
                             "(see --max-size)",
                             name, len, ctx->limits.document_bytes);
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        p++;
    if (p < end && *p == '<')
        return read_cdx(set, ctx, text, len, name);
    /* the statements' strings point into the parsed document, which
     * lives as long as the set */
    tsnu_json *root = NULL;
    int rc = tsnr_parse(&root, &set->arena, text, len, name);
    if (rc < 0)
        return rc;
    tsnx_doc d = {&set->arena, tsnu_arena_strdup(&set->arena, name),
                  &set->stmts};
    if (!d.name)
        return tsn_error_oom();
    if (tsnx_is_openvex(root))
        return tsnx_openvex(&d, root);
    if (tsnu_streq(tsnu_json_get_str(root, "bomFormat"), "CycloneDX"))
        return read_cdx(set, ctx, text, len, name);
    const tsnu_json *doc = tsnu_json_get(root, "document");
    if (doc && tsnu_json_get_str(doc, "csaf_version"))
        return tsnx_csaf(&d, text, len);
    return tsn_error_set(TSN_EUNSUPPORTED,
                         "%s: not a VEX document (OpenVEX, CycloneDX or "
                         "CSAF)",
                         name);
}

int tsn_vex_read_file(tsn_vex *set, tsn_ctx *ctx, const char *path)
{
    tsn_buf b = TSN_BUF_INIT(ctx->limits.document_bytes + 1);
    int rc = tsnu_file_read(&b, path, ctx->limits.document_bytes);
    if (rc == 0)
        rc = tsn_vex_read(set, ctx, b.ptr ? b.ptr : "", b.len, path);
    tsn_buf_dispose(&b);
    return rc;
}
