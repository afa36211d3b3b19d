/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CycloneDX 1.6 writers, JSON and XML. Both encodings make the same
 * choices (shared below); the output validates against the 1.6 schemas:
 * values the schema constrains (component types, hash algorithms,
 * external reference types, licence choices) are mapped or dropped as
 * described in docs/formats.md.
 */
#include "cdx.h"

#include <stdio.h>
#include <string.h>

#include "util/json.h"

static const char *const extref_types[] = {"vcs",
                                           "issue-tracker",
                                           "website",
                                           "advisories",
                                           "bom",
                                           "mailing-list",
                                           "social",
                                           "chat",
                                           "documentation",
                                           "support",
                                           "source-distribution",
                                           "distribution",
                                           "distribution-intake",
                                           "license",
                                           "build-meta",
                                           "build-system",
                                           "release-notes",
                                           "security-contact",
                                           "model-card",
                                           "log",
                                           "configuration",
                                           "evidence",
                                           "formulation",
                                           "attestation",
                                           "threat-model",
                                           "adversary-model",
                                           "risk-assessment",
                                           "vulnerability-assertion",
                                           "exploitability-statement",
                                           "pentest-report",
                                           "static-analysis-report",
                                           "dynamic-analysis-report",
                                           "runtime-analysis-report",
                                           "component-analysis-report",
                                           "maturity-report",
                                           "certification-report",
                                           "codified-infrastructure",
                                           "quality-metrics",
                                           "poam",
                                           "electronic-signature",
                                           "digital-signature",
                                           "rfc-9116",
                                           "other",
                                           NULL};

/* SPDX relationship types that are dependencies, and their direction. */
static int dependency_direction(const char *type)
{
    /* SPDX 2 names, then SPDX 3 (which states every dependency from the
     * dependent's side). */
    static const char *const forward[] = {"DEPENDS_ON",
                                          "STATIC_LINK",
                                          "DYNAMIC_LINK",
                                          "HAS_PREREQUISITE",
                                          "dependsOn",
                                          "hasStaticLink",
                                          "hasDynamicLink",
                                          "hasPrerequisite",
                                          "hasOptionalDependency",
                                          "hasProvidedDependency",
                                          NULL};
    static const char *const backward[] = {"DEPENDENCY_OF",
                                           "BUILD_DEPENDENCY_OF",
                                           "DEV_DEPENDENCY_OF",
                                           "OPTIONAL_DEPENDENCY_OF",
                                           "PROVIDED_DEPENDENCY_OF",
                                           "TEST_DEPENDENCY_OF",
                                           "RUNTIME_DEPENDENCY_OF",
                                           "PREREQUISITE_FOR",
                                           NULL};
    if (tsn_rules__in(type, forward))
        return 1;
    if (tsn_rules__in(type, backward))
        return -1;
    return 0;
}

static bool plain_license_id(const char *e)
{
    return e && strchr(e, ' ') == NULL && strchr(e, '(') == NULL &&
           tsn_rules__spdx_license_id(e);
}

/*
 * How a component's licences are written: all as licence objects (SPDX ids
 * or names) when there is no real expression; otherwise one expression,
 * the concluded one if there is one (SPEC: CDX-1.6 licenseChoice: an
 * expression stands alone). Returns true for "all objects"; *pick is the
 * expression to write otherwise.
 */
static bool licence_plan(const tsn_sbom_component *c, size_t *pick)
{
    bool all_plain = true;
    *pick = 0;
    for (size_t i = 0; i < c->n_licenses; i++)
        if (c->licenses[i].expression &&
            !plain_license_id(c->licenses[i].expression))
            all_plain = false;
    if (all_plain)
        return true;
    for (size_t i = 0; i < c->n_licenses; i++)
        if (c->licenses[i].expression &&
            c->licenses[i].kind == TSN_LICENSE_CONCLUDED)
            *pick = i;
    while (!c->licenses[*pick].expression)
        (*pick)++;
    return false;
}

static const char *ack_name(tsn_license_kind k)
{
    return k == TSN_LICENSE_DECLARED    ? "declared"
           : k == TSN_LICENSE_CONCLUDED ? "concluded"
                                        : NULL;
}

/* The first CycloneDX-valid external reference type, or "other". */
static const char *extref_type(const char *t)
{
    return tsn_rules__in(t, extref_types) ? t : "other";
}

static const char *component_type(const tsn_sbom_component *c)
{
    return c->type && tsn_cdx__component_type(c->type, 6) ? c->type : "library";
}

static void write_licenses(tsnu_jw *w, const tsn_sbom_component *c)
{
    size_t pick;
    bool all_plain;

    if (!c->n_licenses)
        return;
    all_plain = licence_plan(c, &pick);
    tsnu_jw_key(w, "licenses");
    tsnu_jw_array(w);
    if (all_plain) {
        /* Licence objects: SPDX ids or names, each with its kind. */
        for (size_t i = 0; i < c->n_licenses; i++) {
            const tsn_sbom_license *l = &c->licenses[i];
            tsnu_jw_object(w);
            tsnu_jw_key(w, "license");
            tsnu_jw_object(w);
            if (l->expression)
                tsnu_jw_kstr(w, "id", l->expression);
            else
                tsnu_jw_kstr(w, "name", l->name ? l->name : "");
            tsnu_jw_kstr(w, "acknowledgement", ack_name(l->kind));
            tsnu_jw_end(w);
            tsnu_jw_end(w);
        }
    } else {
        tsnu_jw_object(w);
        tsnu_jw_kstr(w, "expression", c->licenses[pick].expression);
        tsnu_jw_kstr(w, "acknowledgement", ack_name(c->licenses[pick].kind));
        tsnu_jw_end(w);
    }
    tsnu_jw_end(w);
}

static void write_component(tsnu_jw *w,
                            const tsn_sbom *s,
                            size_t idx,
                            const size_t *first_child,
                            const size_t *next)
{
    const tsn_sbom_component *c =
        TSNU_VEC_AT(&s->comps, tsn_sbom_component, idx);
    size_t nh = 0;

    tsnu_jw_object(w);
    tsnu_jw_kstr(w, "type", component_type(c));
    tsnu_jw_kstr(w, "bom-ref", c->ref);
    if (c->supplier) {
        tsnu_jw_key(w, "supplier");
        tsnu_jw_object(w);
        tsnu_jw_kstr(w, "name", c->supplier);
        tsnu_jw_end(w);
    }
    tsnu_jw_kstr(w, "author", c->author);
    tsnu_jw_kstr(w, "publisher", c->publisher);
    tsnu_jw_kstr(w, "group", c->group);
    tsnu_jw_kstr(w, "name", c->name ? c->name : "");
    tsnu_jw_kstr(w, "version", c->version);
    tsnu_jw_kstr(w, "description", c->description);
    if (c->scope && tsn_rules__in(c->scope, tsn_cdx__scopes))
        tsnu_jw_kstr(w, "scope", c->scope);
    for (size_t i = 0; i < c->n_hashes; i++)
        if (tsn_rules__hash(c->hashes[i].alg, c->hashes[i].value) == 0)
            nh++;
    if (nh) {
        tsnu_jw_key(w, "hashes");
        tsnu_jw_array(w);
        for (size_t i = 0; i < c->n_hashes; i++) {
            if (tsn_rules__hash(c->hashes[i].alg, c->hashes[i].value) != 0)
                continue; /* not a CycloneDX algorithm (MD4, ADLER32...) */
            tsnu_jw_object(w);
            tsnu_jw_kstr(w, "alg", c->hashes[i].alg);
            tsnu_jw_kstr(w, "content", c->hashes[i].value);
            tsnu_jw_end(w);
        }
        tsnu_jw_end(w);
    }
    write_licenses(w, c);
    tsnu_jw_kstr(w, "copyright", c->copyright);
    if (c->n_cpes)
        tsnu_jw_kstr(w, "cpe", c->cpes[0]);
    tsnu_jw_kstr(w, "purl", c->purl);
    if (c->n_extrefs) {
        tsnu_jw_key(w, "externalReferences");
        tsnu_jw_array(w);
        for (size_t i = 0; i < c->n_extrefs; i++) {
            const tsn_sbom_extref *x = &c->extrefs[i];
            tsnu_jw_object(w);
            tsnu_jw_kstr(w, "url", x->url);
            tsnu_jw_kstr(w, "comment", x->comment);
            tsnu_jw_kstr(w, "type", extref_type(x->type));
            tsnu_jw_end(w);
        }
        tsnu_jw_end(w);
    }
    /* Further CPEs have no field of their own: keep them as properties;
     * so is the provenance of a merged component. */
    if (c->n_properties || c->n_cpes > 1 || c->source) {
        tsnu_jw_key(w, "properties");
        tsnu_jw_array(w);
        for (size_t i = 0; i < c->n_properties; i++) {
            tsnu_jw_object(w);
            tsnu_jw_kstr(w, "name", c->properties[i].name);
            tsnu_jw_kstr(w, "value", c->properties[i].value);
            tsnu_jw_end(w);
        }
        for (size_t i = 1; i < c->n_cpes; i++) {
            tsnu_jw_object(w);
            tsnu_jw_kstr(w, "name", "tsunagi:cpe");
            tsnu_jw_kstr(w, "value", c->cpes[i]);
            tsnu_jw_end(w);
        }
        if (c->source) {
            tsnu_jw_object(w);
            tsnu_jw_kstr(w, "name", "tsunagi:source");
            tsnu_jw_kstr(w, "value", c->source);
            tsnu_jw_end(w);
        }
        tsnu_jw_end(w);
    }
    if (first_child[idx] != TSN_SBOM_NONE) {
        tsnu_jw_key(w, "components");
        tsnu_jw_array(w);
        for (size_t k = first_child[idx]; k != TSN_SBOM_NONE; k = next[k])
            write_component(w, s, k, first_child, next);
        tsnu_jw_end(w);
    }
    tsnu_jw_end(w);
}

struct dep {
    const char *ref;
    tsnu_vec on; /* const char * */
};

/* Collect dependency edges per dependent, in first-seen order. */
/* Collect dependency edges per dependent, in first-seen order; @p arena
 * holds the edge keys used to drop repeated edges. */
static int collect_deps(const tsn_sbom *s, tsnu_vec *deps, tsnu_arena *arena)
{
    tsnu_map index = TSNU_MAP_INIT; /* dependent ref -> deps index */
    tsnu_strset edges = TSNU_STRSET_INIT;
    int error = 0;

    for (size_t i = 0; i < s->rels.len && error >= 0; i++) {
        const tsn_sbom_relationship *r =
            TSNU_VEC_AT(&s->rels, tsn_sbom_relationship, i);
        int dir = dependency_direction(r->type);
        const char *from = dir > 0 ? r->from : r->to;
        const char *to = dir > 0 ? r->to : r->from;
        const char *key;
        struct dep *d;
        size_t k;

        if (!dir || strncmp(from, "DocumentRef-", 12) == 0 ||
            strncmp(to, "DocumentRef-", 12) == 0 || strcmp(to, "NONE") == 0 ||
            strcmp(to, "NOASSERTION") == 0)
            continue;
        /* SPEC: CDX-1.6 dependsOn uniqueItems: several SPDX types
         * (DEPENDS_ON, STATIC_LINK...) can name the same edge. */
        key = tsnu_arena_printf(arena, "%s\x1f%s", from, to);
        if (!key) {
            error = tsn_error_oom();
            break;
        }
        error = tsnu_strset_add(&edges, key);
        if (error <= 0)
            continue;
        if (tsnu_map_get(&index, from, &k)) {
            d = TSNU_VEC_AT(deps, struct dep, k);
        } else {
            error = tsnu_vec_add(deps, (void **)&d);
            if (error == 0)
                error = tsnu_map_put(&index, from, deps->len - 1);
            if (error < 0)
                break;
            d->ref = from;
            d->on = (tsnu_vec)TSNU_VEC_INIT(const char *, SIZE_MAX / 64);
        }
        error = tsnu_vec_push(&d->on, &to);
    }
    tsnu_map_dispose(&index);
    tsnu_strset_dispose(&edges);
    return error < 0 ? error : 0;
}

/* What both encodings need: children lists and dependency edges. */
struct plan {
    size_t *first, *next, *last;
    tsnu_vec deps; /* struct dep */
    tsnu_arena arena;
};

static void plan_dispose(struct plan *p)
{
    for (size_t i = 0; i < p->deps.len; i++)
        tsnu_vec_dispose(&TSNU_VEC_AT(&p->deps, struct dep, i)->on);
    tsnu_vec_dispose(&p->deps);
    tsn_free(p->first);
    tsn_free(p->next);
    tsn_free(p->last);
    tsnu_arena_dispose(&p->arena);
}

static int plan_init(struct plan *p, const tsn_sbom *s)
{
    size_t n = s->comps.len;

    memset(p, 0, sizeof *p);
    p->deps = (tsnu_vec)TSNU_VEC_INIT(struct dep, SIZE_MAX / 64);
    p->first = tsn_calloc(n + 1, sizeof *p->first);
    p->next = tsn_calloc(n + 1, sizeof *p->next);
    p->last = tsn_calloc(n + 1, sizeof *p->last);
    if (!p->first || !p->next || !p->last) {
        plan_dispose(p);
        return tsn_error_oom();
    }
    /* Children lists, keeping document order. */
    for (size_t i = 0; i < n; i++)
        p->first[i] = p->next[i] = p->last[i] = TSN_SBOM_NONE;
    for (size_t i = 0; i < n; i++) {
        size_t par = TSNU_VEC_AT(&s->comps, tsn_sbom_component, i)->parent;
        if (par == TSN_SBOM_NONE)
            continue;
        if (p->last[par] == TSN_SBOM_NONE)
            p->first[par] = i;
        else
            p->next[p->last[par]] = i;
        p->last[par] = i;
    }
    if (collect_deps(s, &p->deps, &p->arena) < 0) {
        plan_dispose(p);
        return tsn_error_oom();
    }
    return 0;
}

int tsn_cdx__write_json(tsn_buf *b, const tsn_sbom *s)
{
    const tsn_sbom_doc *doc = &s->doc;
    size_t n = s->comps.len, *first, *next;
    struct plan plan;
    tsnu_vec deps;
    tsnu_jw w;
    int error;

    error = plan_init(&plan, s);
    if (error < 0)
        return error;
    first = plan.first;
    next = plan.next;
    deps = plan.deps;

    tsnu_jw_init(&w, b);
    tsnu_jw_object(&w);
    tsnu_jw_kstr(&w, "bomFormat", "CycloneDX");
    tsnu_jw_kstr(&w, "specVersion", "1.6");
    if (doc->serial && tsn_rules__urn_uuid(doc->serial))
        tsnu_jw_kstr(&w, "serialNumber", doc->serial);
    tsnu_jw_key(&w, "version");
    tsnu_jw_long(&w, doc->version > 0 ? doc->version : 1);
    tsnu_jw_key(&w, "metadata");
    tsnu_jw_object(&w);
    if (doc->timestamp && tsn_rules__datetime(doc->timestamp))
        tsnu_jw_kstr(&w, "timestamp", doc->timestamp);
    if (doc->n_tools) {
        tsnu_jw_key(&w, "tools");
        tsnu_jw_object(&w);
        tsnu_jw_key(&w, "components");
        tsnu_jw_array(&w);
        for (size_t i = 0; i < doc->n_tools; i++) {
            tsnu_jw_object(&w);
            tsnu_jw_kstr(&w, "type", "application");
            tsnu_jw_kstr(&w, "name", doc->tools[i]);
            tsnu_jw_end(&w);
        }
        tsnu_jw_end(&w);
        tsnu_jw_end(&w);
    }
    if (doc->n_authors) {
        tsnu_jw_key(&w, "authors");
        tsnu_jw_array(&w);
        for (size_t i = 0; i < doc->n_authors; i++) {
            tsnu_jw_object(&w);
            tsnu_jw_kstr(&w, "name", doc->authors[i]);
            tsnu_jw_end(&w);
        }
        tsnu_jw_end(&w);
    }
    if (doc->root != TSN_SBOM_NONE) {
        tsnu_jw_key(&w, "component");
        write_component(&w, s, doc->root, first, next);
    }
    tsnu_jw_end(&w);
    tsnu_jw_key(&w, "components");
    tsnu_jw_array(&w);
    for (size_t i = 0; i < n; i++) {
        const tsn_sbom_component *c =
            TSNU_VEC_AT(&s->comps, tsn_sbom_component, i);
        if (c->parent == TSN_SBOM_NONE && i != doc->root)
            write_component(&w, s, i, first, next);
    }
    tsnu_jw_end(&w);
    if (deps.len) {
        tsnu_jw_key(&w, "dependencies");
        tsnu_jw_array(&w);
        for (size_t i = 0; i < deps.len; i++) {
            struct dep *d = TSNU_VEC_AT(&deps, struct dep, i);
            tsnu_jw_object(&w);
            tsnu_jw_kstr(&w, "ref", d->ref);
            tsnu_jw_key(&w, "dependsOn");
            tsnu_jw_array(&w);
            for (size_t k = 0; k < d->on.len; k++)
                tsnu_jw_string(&w, *TSNU_VEC_AT(&d->on, const char *, k));
            tsnu_jw_end(&w);
            tsnu_jw_end(&w);
        }
        tsnu_jw_end(&w);
    }
    if (s->vulns.len) {
        tsnu_jw_key(&w, "vulnerabilities");
        tsnu_jw_array(&w);
        for (size_t i = 0; i < s->vulns.len; i++) {
            const tsn_sbom_vuln *v = TSNU_VEC_AT(&s->vulns, tsn_sbom_vuln, i);
            tsnu_jw_object(&w);
            tsnu_jw_kstr(&w, "bom-ref", v->ref);
            tsnu_jw_kstr(&w, "id", v->id);
            if (v->source) {
                tsnu_jw_key(&w, "source");
                tsnu_jw_object(&w);
                tsnu_jw_kstr(&w, "name", v->source);
                tsnu_jw_end(&w);
            }
            if (v->n_references) {
                tsnu_jw_key(&w, "references");
                tsnu_jw_array(&w);
                for (size_t k = 0; k < v->n_references; k++) {
                    tsnu_jw_object(&w);
                    tsnu_jw_kstr(&w, "id", v->references[k]);
                    tsnu_jw_key(&w, "source");
                    tsnu_jw_object(&w);
                    tsnu_jw_end(&w);
                    tsnu_jw_end(&w);
                }
                tsnu_jw_end(&w);
            }
            tsnu_jw_kstr(&w, "description", v->description);
            if (v->detail != v->analysis_detail)
                tsnu_jw_kstr(&w, "detail", v->detail);
            if (v->state || v->justification || v->analysis_detail ||
                v->n_responses) {
                tsnu_jw_key(&w, "analysis");
                tsnu_jw_object(&w);
                tsnu_jw_kstr(&w, "state", v->state);
                tsnu_jw_kstr(&w, "justification", v->justification);
                if (v->n_responses) {
                    tsnu_jw_key(&w, "response");
                    tsnu_jw_array(&w);
                    for (size_t k = 0; k < v->n_responses; k++)
                        tsnu_jw_string(&w, v->responses[k]);
                    tsnu_jw_end(&w);
                }
                tsnu_jw_kstr(&w, "detail", v->analysis_detail);
                tsnu_jw_end(&w);
            }
            if (v->n_affects) {
                tsnu_jw_key(&w, "affects");
                tsnu_jw_array(&w);
                for (size_t k = 0; k < v->n_affects; k++) {
                    tsnu_jw_object(&w);
                    tsnu_jw_kstr(&w, "ref", v->affects[k]);
                    bool any = false;
                    for (size_t j = 0; j < v->n_versions; j++) {
                        const tsn_sbom_vuln_version *vv = &v->versions[j];
                        if (vv->affect != k)
                            continue;
                        if (!any) {
                            tsnu_jw_key(&w, "versions");
                            tsnu_jw_array(&w);
                            any = true;
                        }
                        tsnu_jw_object(&w);
                        tsnu_jw_kstr(&w, "version", vv->version);
                        tsnu_jw_kstr(&w, "range", vv->range);
                        tsnu_jw_kstr(&w, "status", vv->status);
                        tsnu_jw_end(&w);
                    }
                    if (any)
                        tsnu_jw_end(&w);
                    tsnu_jw_end(&w);
                }
                tsnu_jw_end(&w);
            }
            tsnu_jw_end(&w);
        }
        tsnu_jw_end(&w);
    }
    tsnu_jw_end(&w);
    error = tsnu_jw_finish(&w);
    plan_dispose(&plan);
    return error;
}

/* ---- XML ---------------------------------------------------------------- */

/* A small XML emitter with sticky errors and two-space indentation. */
struct xw {
    tsn_buf *b;
    int depth;
    int error;
};

static void xput(struct xw *x, const char *s)
{
    if (x->error == 0)
        x->error = tsn_buf_puts(x->b, s);
}

/*
 * Escape text or an attribute value. Characters XML 1.0 cannot carry
 * (control characters other than tab, newline and carriage return) become
 * U+FFFD.
 */
static void xescape(struct xw *x, const char *s)
{
    const char *run = s;
    for (; *s && x->error == 0; s++) {
        unsigned char c = (unsigned char)*s;
        const char *rep = NULL;
        if (c == '&')
            rep = "&amp;";
        else if (c == '<')
            rep = "&lt;";
        else if (c == '>')
            rep = "&gt;";
        else if (c == '"')
            rep = "&quot;";
        else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            rep = "\xef\xbf\xbd";
        if (!rep)
            continue;
        x->error = tsn_buf_put(x->b, run, (size_t)(s - run));
        if (x->error == 0)
            x->error = tsn_buf_puts(x->b, rep);
        run = s + 1;
    }
    if (x->error == 0)
        x->error = tsn_buf_put(x->b, run, strlen(run));
}

static void xindent(struct xw *x)
{
    for (int i = 0; i < x->depth; i++)
        xput(x, "  ");
}

/* <name a1="v1" ...> ; attrs are name/value pairs, NULL values skipped */
static void
xopen(struct xw *x, const char *name, const char *const *attrs, bool empty)
{
    xindent(x);
    xput(x, "<");
    xput(x, name);
    for (; attrs && attrs[0]; attrs += 2) {
        if (!attrs[1])
            continue;
        xput(x, " ");
        xput(x, attrs[0]);
        xput(x, "=\"");
        xescape(x, attrs[1]);
        xput(x, "\"");
    }
    xput(x, empty ? "/>\n" : ">\n");
    if (!empty)
        x->depth++;
}

static void xclose(struct xw *x, const char *name)
{
    x->depth--;
    xindent(x);
    xput(x, "</");
    xput(x, name);
    xput(x, ">\n");
}

/* <name attrs>text</name>, skipped when text is NULL */
static void xleaf(struct xw *x,
                  const char *name,
                  const char *const *attrs,
                  const char *text)
{
    if (!text)
        return;
    xindent(x);
    xput(x, "<");
    xput(x, name);
    for (; attrs && attrs[0]; attrs += 2) {
        if (!attrs[1])
            continue;
        xput(x, " ");
        xput(x, attrs[0]);
        xput(x, "=\"");
        xescape(x, attrs[1]);
        xput(x, "\"");
    }
    xput(x, ">");
    xescape(x, text);
    xput(x, "</");
    xput(x, name);
    xput(x, ">\n");
}

#define A(...) ((const char *const[]){__VA_ARGS__, NULL})

static void xml_component(struct xw *x,
                          const tsn_sbom *s,
                          size_t idx,
                          const struct plan *p,
                          const char *tag)
{
    const tsn_sbom_component *c =
        TSNU_VEC_AT(&s->comps, tsn_sbom_component, idx);
    size_t nh = 0, pick;

    /* SPEC: CDX-1.6 XSD component: element order is fixed (xs:sequence) */
    xopen(x, tag, A("type", component_type(c), "bom-ref", c->ref), false);
    if (c->supplier) {
        xopen(x, "supplier", NULL, false);
        xleaf(x, "name", NULL, c->supplier);
        xclose(x, "supplier");
    }
    xleaf(x, "author", NULL, c->author);
    xleaf(x, "publisher", NULL, c->publisher);
    xleaf(x, "group", NULL, c->group);
    xleaf(x, "name", NULL, c->name ? c->name : "");
    xleaf(x, "version", NULL, c->version);
    xleaf(x, "description", NULL, c->description);
    if (c->scope && tsn_rules__in(c->scope, tsn_cdx__scopes))
        xleaf(x, "scope", NULL, c->scope);
    for (size_t i = 0; i < c->n_hashes; i++)
        if (tsn_rules__hash(c->hashes[i].alg, c->hashes[i].value) == 0)
            nh++;
    if (nh) {
        xopen(x, "hashes", NULL, false);
        for (size_t i = 0; i < c->n_hashes; i++)
            if (tsn_rules__hash(c->hashes[i].alg, c->hashes[i].value) == 0)
                xleaf(x, "hash", A("alg", c->hashes[i].alg),
                      c->hashes[i].value);
        xclose(x, "hashes");
    }
    if (c->n_licenses) {
        xopen(x, "licenses", NULL, false);
        if (licence_plan(c, &pick)) {
            for (size_t i = 0; i < c->n_licenses; i++) {
                const tsn_sbom_license *l = &c->licenses[i];
                xopen(x, "license", A("acknowledgement", ack_name(l->kind)),
                      false);
                if (l->expression)
                    xleaf(x, "id", NULL, l->expression);
                else
                    xleaf(x, "name", NULL, l->name ? l->name : "");
                xclose(x, "license");
            }
        } else {
            xleaf(x, "expression",
                  A("acknowledgement", ack_name(c->licenses[pick].kind)),
                  c->licenses[pick].expression);
        }
        xclose(x, "licenses");
    }
    xleaf(x, "copyright", NULL, c->copyright);
    if (c->n_cpes)
        xleaf(x, "cpe", NULL, c->cpes[0]);
    xleaf(x, "purl", NULL, c->purl);
    if (c->n_extrefs) {
        xopen(x, "externalReferences", NULL, false);
        for (size_t i = 0; i < c->n_extrefs; i++) {
            xopen(x, "reference", A("type", extref_type(c->extrefs[i].type)),
                  false);
            xleaf(x, "url", NULL, c->extrefs[i].url);
            xleaf(x, "comment", NULL, c->extrefs[i].comment);
            xclose(x, "reference");
        }
        xclose(x, "externalReferences");
    }
    if (c->n_properties || c->n_cpes > 1 || c->source) {
        xopen(x, "properties", NULL, false);
        for (size_t i = 0; i < c->n_properties; i++)
            xleaf(x, "property", A("name", c->properties[i].name),
                  c->properties[i].value ? c->properties[i].value : "");
        for (size_t i = 1; i < c->n_cpes; i++)
            xleaf(x, "property", A("name", "tsunagi:cpe"), c->cpes[i]);
        if (c->source)
            xleaf(x, "property", A("name", "tsunagi:source"), c->source);
        xclose(x, "properties");
    }
    if (p->first[idx] != TSN_SBOM_NONE) {
        xopen(x, "components", NULL, false);
        for (size_t k = p->first[idx]; k != TSN_SBOM_NONE; k = p->next[k])
            xml_component(x, s, k, p, "component");
        xclose(x, "components");
    }
    xclose(x, tag);
}

int tsn_cdx__write_xml(tsn_buf *b, const tsn_sbom *s)
{
    const tsn_sbom_doc *doc = &s->doc;
    struct xw x = {b, 0, 0};
    struct plan p;
    char version[32];
    int error;

    error = plan_init(&p, s);
    if (error < 0)
        return error;
    snprintf(version, sizeof version, "%ld",
             doc->version > 0 ? doc->version : 1);
    xput(&x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xopen(
        &x, "bom",
        A("xmlns", "http://cyclonedx.org/schema/bom/1.6", "serialNumber",
          doc->serial && tsn_rules__urn_uuid(doc->serial) ? doc->serial : NULL,
          "version", version),
        false);
    /* SPEC: CDX-1.6 XSD metadata: timestamp, lifecycles, tools, authors,
     * component, ... in this order */
    xopen(&x, "metadata", NULL, false);
    if (doc->timestamp && tsn_rules__datetime(doc->timestamp))
        xleaf(&x, "timestamp", NULL, doc->timestamp);
    if (doc->n_tools) {
        xopen(&x, "tools", NULL, false);
        xopen(&x, "components", NULL, false);
        for (size_t i = 0; i < doc->n_tools; i++) {
            xopen(&x, "component", A("type", "application"), false);
            xleaf(&x, "name", NULL, doc->tools[i]);
            xclose(&x, "component");
        }
        xclose(&x, "components");
        xclose(&x, "tools");
    }
    if (doc->n_authors) {
        xopen(&x, "authors", NULL, false);
        for (size_t i = 0; i < doc->n_authors; i++) {
            xopen(&x, "author", NULL, false);
            xleaf(&x, "name", NULL, doc->authors[i]);
            xclose(&x, "author");
        }
        xclose(&x, "authors");
    }
    if (doc->root != TSN_SBOM_NONE)
        xml_component(&x, s, doc->root, &p, "component");
    xclose(&x, "metadata");
    xopen(&x, "components", NULL, false);
    for (size_t i = 0; i < s->comps.len; i++) {
        const tsn_sbom_component *c =
            TSNU_VEC_AT(&s->comps, tsn_sbom_component, i);
        if (c->parent == TSN_SBOM_NONE && i != doc->root)
            xml_component(&x, s, i, &p, "component");
    }
    xclose(&x, "components");
    if (p.deps.len) {
        xopen(&x, "dependencies", NULL, false);
        for (size_t i = 0; i < p.deps.len; i++) {
            struct dep *d = TSNU_VEC_AT(&p.deps, struct dep, i);
            xopen(&x, "dependency", A("ref", d->ref), false);
            for (size_t k = 0; k < d->on.len; k++)
                xopen(&x, "dependency",
                      A("ref", *TSNU_VEC_AT(&d->on, const char *, k)), true);
            xclose(&x, "dependency");
        }
        xclose(&x, "dependencies");
    }
    if (s->vulns.len) {
        xopen(&x, "vulnerabilities", NULL, false);
        for (size_t i = 0; i < s->vulns.len; i++) {
            const tsn_sbom_vuln *v = TSNU_VEC_AT(&s->vulns, tsn_sbom_vuln, i);
            xopen(&x, "vulnerability", A("bom-ref", v->ref), false);
            xleaf(&x, "id", NULL, v->id);
            if (v->source) {
                xopen(&x, "source", NULL, false);
                xleaf(&x, "name", NULL, v->source);
                xclose(&x, "source");
            }
            xleaf(&x, "description", NULL, v->description);
            xleaf(&x, "detail", NULL, v->detail);
            if (v->state || v->justification) {
                xopen(&x, "analysis", NULL, false);
                xleaf(&x, "state", NULL, v->state);
                xleaf(&x, "justification", NULL, v->justification);
                xclose(&x, "analysis");
            }
            if (v->n_affects) {
                xopen(&x, "affects", NULL, false);
                for (size_t k = 0; k < v->n_affects; k++) {
                    xopen(&x, "target", NULL, false);
                    xleaf(&x, "ref", NULL, v->affects[k]);
                    xclose(&x, "target");
                }
                xclose(&x, "affects");
            }
            xclose(&x, "vulnerability");
        }
        xclose(&x, "vulnerabilities");
    }
    xclose(&x, "bom");
    plan_dispose(&p);
    return x.error;
}

int tsn_sbom_write(char **out,
                   size_t *len,
                   const tsn_sbom *s,
                   tsn_sbom_format format)
{
    tsn_buf b = TSN_BUF_INIT(SIZE_MAX / 2);
    int error;

    *out = NULL;
    *len = 0;
    switch (format) {
    case TSN_SBOM_CDX_JSON:
        error = tsn_cdx__write_json(&b, s);
        break;
    case TSN_SBOM_CDX_XML:
        error = tsn_cdx__write_xml(&b, s);
        break;
    case TSN_SBOM_SPDX_JSON:
        error = tsn_spdx__write_json(&b, s);
        break;
    case TSN_SBOM_SPDX_TV:
        error = tsn_spdx__write_tv(&b, s);
        break;
    default:
        return tsn_error_set(TSN_EUNSUPPORTED, "writing %s is not supported",
                             tsn_sbom_format_name(format));
    }
    if (error < 0) {
        tsn_buf_dispose(&b);
        return error;
    }
    *len = b.len;
    *out = tsn_buf_detach(&b);
    return *out ? 0 : tsn_error_oom();
}
