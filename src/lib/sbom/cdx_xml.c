/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CycloneDX XML reader (1.0-1.7): the same model and the same rules as the
 * JSON reader, with locations given as "file:line: /xml/path".
 */
#include "cdx.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../adapt/xml.h"

#define CDX_NS "http://cyclonedx.org/schema/bom/1."

struct rd {
    tsn_sbom *s;
    int minor;
    const char *ns; /* the document's CycloneDX namespace (interned) */
    struct tsn_cdx_refs refs;
    const char *data; /* the document, for line numbers */
    size_t len;
    uint32_t *lines; /* line index, built on the first diagnostic */
    size_t n_lines;
};

typedef const tsn_xml_node node;

static const char *loc(struct rd *r, node *n)
{
    tsn_buf b = TSN_BUF_INIT(65536);
    const char *l;
    tsn_buf_printf(
        &b, "%s:%u: ", r->s->name,
        n ? tsn_xml_line(r->data, r->len, n->offset, &r->lines, &r->n_lines)
          : 0);
    tsn_xml_path(n, &b);
    l = tsnu_arena_strndup(&r->s->arena, tsn_buf_cstr(&b), b.len);
    tsn_buf_dispose(&b);
    return l;
}

/* Record an error; @p fmt is a literal with one %s (arg may be NULL). */
#define err(r, n, fmt, arg)                                                    \
    tsn_sbom__diag((r)->s, TSN_DIAG_ERROR, loc((r), (n)), fmt,                 \
                   (const char *)(arg) ? (const char *)(arg) : "")

static const char *loc_cb(void *r, const void *n)
{
    return loc(r, n);
}

/* Is @p n an element of the document's CycloneDX namespace? The adapter
 * interns namespace URIs, so a pointer comparison decides. */
static bool ours(struct rd *r, node *n)
{
    return n->ns == r->ns;
}

/* Child element in our namespace. */
static node *child(struct rd *r, node *n, const char *name)
{
    for (node *c = n ? n->child : NULL; c; c = c->next)
        if (ours(r, c) && strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

static const char *child_text(struct rd *r, node *n, const char *name)
{
    node *c = child(r, n, name);
    return c ? c->text : NULL;
}

static int count_children(struct rd *r, node *n, const char *name)
{
    int k = 0;
    for (node *c = n ? n->child : NULL; c; c = c->next)
        if (ours(r, c) && strcmp(c->name, name) == 0)
            k++;
    return k;
}

static int
required_child(struct rd *r, node *n, const char *name, const char **out)
{
    *out = child_text(r, n, name);
    if (!*out)
        return err(r, n, "required element <%s> is missing", name);
    return 0;
}

static int check_enum_text(struct rd *r,
                           node *n,
                           const char *v,
                           const char *const *allowed)
{
    if (v && !tsn_rules__in(v, allowed))
        return tsn_sbom__diag(r->s, TSN_DIAG_ERROR, loc(r, n),
                              "\"%.100s\" is not an allowed value", v);
    return 0;
}

/* ---- unknown elements ---------------------------------------------------- */

struct member {
    const char *name;
    int since; /* minor version that introduced the element */
};

/*
 * SPEC: CDX XSD: container elements admit only the elements the schema
 * defines (extensions must use another namespace, xs:any ##other).
 */
static int check_children(struct rd *r,
                          node *n,
                          const struct member *allowed,
                          const char *what)
{
    for (node *c = n->child; c; c = c->next) {
        const struct member *m = allowed;
        if (!ours(r, c))
            continue;
        while (m->name && strcmp(m->name, c->name) != 0)
            m++;
        if (m->name && m->since <= r->minor)
            continue;
        int error = tsn_sbom__diag(r->s, TSN_DIAG_ERROR, loc(r, c),
                                   "<%s> is not an element of %s in "
                                   "CycloneDX 1.%d",
                                   c->name, what, r->minor);
        if (error < 0)
            return error;
    }
    return 0;
}

static const struct member root_members[] = {
    {"components", 0},   {"externalReferences", 1},
    {"metadata", 2},     {"services", 2},
    {"dependencies", 2}, {"compositions", 3},
    {"properties", 3},   {"vulnerabilities", 4},
    {"annotations", 5},  {"formulation", 5},
    {"declarations", 6}, {"definitions", 6},
    {"citations", 7},    {NULL, 0}};

static const struct member metadata_members[] = {{"timestamp", 2},
                                                 {"tools", 2},
                                                 {"authors", 2},
                                                 {"component", 2},
                                                 {"manufacture", 2},
                                                 {"supplier", 2},
                                                 {"licenses", 3},
                                                 {"properties", 3},
                                                 {"lifecycles", 5},
                                                 {"manufacturer", 6},
                                                 {"distributionConstraints", 7},
                                                 {NULL, 0}};

static const struct member component_members[] = {{"supplier", 0},
                                                  {"author", 0},
                                                  {"publisher", 0},
                                                  {"group", 0},
                                                  {"name", 0},
                                                  {"version", 0},
                                                  {"description", 0},
                                                  {"scope", 0},
                                                  {"hashes", 0},
                                                  {"licenses", 0},
                                                  {"copyright", 0},
                                                  {"cpe", 0},
                                                  {"purl", 0},
                                                  {"swid", 0},
                                                  {"modified", 0},
                                                  {"pedigree", 0},
                                                  {"externalReferences", 0},
                                                  {"components", 0},
                                                  {"evidence", 3},
                                                  {"properties", 3},
                                                  {"releaseNotes", 4},
                                                  {"modelCard", 5},
                                                  {"data", 5},
                                                  {"manufacturer", 6},
                                                  {"authors", 6},
                                                  {"omniborId", 6},
                                                  {"swhid", 6},
                                                  {"cryptoProperties", 6},
                                                  {"tags", 6},
                                                  {"versionRange", 7},
                                                  {"patentAssertions", 7},
                                                  {NULL, 0}};

/* ---- licences, hashes, properties ---------------------------------------- */

static int read_licenses(struct rd *r,
                         node *parent,
                         const tsn_sbom_license **out,
                         size_t *n_out)
{
    node *ls = child(r, parent, "licenses");
    tsn_sbom_license *l;
    size_t n = 0, cap = 0, n_expr = 0, n_lic = 0;
    int error = 0;

    *out = NULL;
    *n_out = 0;
    if (!ls)
        return 0;
    for (node *c = ls->child; c; c = c->next)
        cap++;
    l = tsnu_arena_calloc(&r->s->arena, cap ? cap : 1, sizeof *l);
    TSN_CHECK_ALLOC(l);
    for (node *c = ls->child; c && error == 0; c = c->next) {
        const char *ack = tsn_xml_attr(c, "acknowledgement");
        if (!ours(r, c))
            continue;
        if (strcmp(c->name, "expression") == 0) {
            const char *why;
            n_expr++;
            l[n].expression = c->text;
            if (tsn_rules__spdx_expression(c->text, &why) != 0)
                error = tsn_sbom__diag(r->s, TSN_DIAG_WARNING, loc(r, c),
                                       "licence expression: %s", why);
        } else if (strcmp(c->name, "expression-detailed") == 0 &&
                   r->minor >= 7) {
            /* SPEC: CDX-1.7 expression-detailed@expression is required */
            const char *why;
            n_expr++;
            l[n].expression = tsn_xml_attr(c, "expression");
            if (!l[n].expression) {
                error = err(r, c,
                            "expression-detailed needs an expression "
                            "attribute%s",
                            NULL);
                break;
            }
            error = tsn_cdx__define_ref(r->s, &r->refs,
                                        tsn_xml_attr(c, "bom-ref"), loc(r, c));
            if (error == 0 &&
                tsn_rules__spdx_expression(l[n].expression, &why) != 0)
                error = tsn_sbom__diag(r->s, TSN_DIAG_WARNING, loc(r, c),
                                       "licence expression: %s", why);
        } else if (strcmp(c->name, "license") == 0) {
            int ids = count_children(r, c, "id");
            int names = count_children(r, c, "name");
            node *text = child(r, c, "text");
            n_lic++;
            /* SPEC: CDX license: a choice of exactly one id or one name */
            if (ids + names != 1) {
                error =
                    err(r, c, "a licence has exactly one <id> or one <name>%s",
                        NULL);
                break;
            }
            l[n].expression = child_text(r, c, "id");
            l[n].name = child_text(r, c, "name");
            if (l[n].expression &&
                !tsn_rules__spdx_license_id(l[n].expression)) {
                error = tsn_sbom__diag(
                    r->s, TSN_DIAG_ERROR, loc(r, child(r, c, "id")),
                    "\"%.100s\" is not an SPDX licence identifier (use "
                    "<name> for other licences)",
                    l[n].expression);
                break;
            }
            if (text)
                error = check_enum_text(r, text, tsn_xml_attr(text, "encoding"),
                                        tsn_cdx__encodings);
        } else {
            error = err(r, c, "unexpected element <%s> in <licenses>", c->name);
            break;
        }
        if (error == 0)
            error = check_enum_text(r, c, ack, tsn_cdx__acknowledgements);
        if (ack)
            l[n].kind = strcmp(ack, "declared") == 0 ? TSN_LICENSE_DECLARED
                                                     : TSN_LICENSE_CONCLUDED;
        n++;
    }
    /* SPEC: CDX licenseChoice: an expression stands alone (before 1.7) */
    if (error == 0 && n_expr && n_expr + n_lic > 1 && r->minor < 7)
        error = err(r, ls,
                    "a licence expression must be the only entry of "
                    "<licenses>%s",
                    NULL);
    *out = l;
    *n_out = n;
    return error;
}

static int read_properties(struct rd *r,
                           node *parent,
                           const tsn_sbom_property **out,
                           size_t *n_out)
{
    node *ps = child(r, parent, "properties");
    tsn_sbom_property *p;
    size_t n = 0, cap = 0;
    int error = 0;

    *out = NULL;
    *n_out = 0;
    if (!ps)
        return 0;
    for (node *c = ps->child; c; c = c->next)
        cap++;
    p = tsnu_arena_calloc(&r->s->arena, cap ? cap : 1, sizeof *p);
    TSN_CHECK_ALLOC(p);
    for (node *c = ps->child; c && error == 0; c = c->next) {
        if (!ours(r, c) || strcmp(c->name, "property") != 0)
            continue;
        p[n].name = tsn_xml_attr(c, "name");
        p[n].value = c->text;
        /* SPEC: CDX property@name is required */
        if (!p[n].name)
            error = err(r, c, "property needs a name attribute%s", NULL);
        else
            n++;
    }
    *out = p;
    *n_out = n;
    return error;
}

static int read_hashes(struct rd *r, node *parent, tsn_sbom_component *c)
{
    node *hs = child(r, parent, "hashes");
    tsn_sbom_hash *h;
    size_t n = 0, cap = 0;
    int error = 0;

    if (!hs)
        return 0;
    for (node *k = hs->child; k; k = k->next)
        cap++;
    h = tsnu_arena_calloc(&r->s->arena, cap ? cap : 1, sizeof *h);
    TSN_CHECK_ALLOC(h);
    for (node *k = hs->child; k && error == 0; k = k->next) {
        const char *alg;
        int rc;
        if (!ours(r, k) || strcmp(k->name, "hash") != 0)
            continue;
        alg = tsn_xml_attr(k, "alg");
        if (!alg) {
            error = err(r, k, "hash needs an alg attribute%s", NULL);
            break;
        }
        rc = tsn_rules__hash(alg, k->text);
        if (rc == 1)
            error = err(r, k, "unknown hash algorithm \"%.60s\"", alg);
        else if (rc == 2)
            error = err(r, k, "not a %s digest (hex of the right length)", alg);
        h[n].alg = alg;
        h[n].value = k->text;
        n++;
    }
    c->hashes = h;
    c->n_hashes = n;
    return error;
}

static int read_extrefs(struct rd *r, node *parent, tsn_sbom_component *c)
{
    node *xs = child(r, parent, "externalReferences");
    tsn_sbom_extref *x;
    size_t n = 0, cap = 0;
    int error = 0;

    if (!xs)
        return 0;
    for (node *k = xs->child; k; k = k->next)
        cap++;
    x = tsnu_arena_calloc(&r->s->arena, cap ? cap : 1, sizeof *x);
    TSN_CHECK_ALLOC(x);
    for (node *k = xs->child; k && error == 0; k = k->next) {
        if (!ours(r, k) || strcmp(k->name, "reference") != 0)
            continue;
        x[n].type = tsn_xml_attr(k, "type");
        x[n].comment = child_text(r, k, "comment");
        error = required_child(r, k, "url", &x[n].url);
        if (!x[n].type && error == 0)
            error = err(r, k, "reference needs a type attribute%s", NULL);
        if (x[n].url && x[n].type)
            n++;
    }
    c->extrefs = x;
    c->n_extrefs = n;
    return error;
}

static const char *entity_name(struct rd *r, node *n)
{
    if (!n)
        return NULL;
    if (!n->child)
        return n->text[0] ? n->text : NULL;
    return child_text(r, n, "name");
}

/* ---- components ------------------------------------------------------- */

static int
read_component(struct rd *r, node *v, size_t parent, size_t *idx_out, bool add);

static int read_components(
    struct rd *r, node *parent, const char *list, size_t parent_idx, bool add)
{
    node *cs = child(r, parent, list);
    int error = 0;
    size_t idx;
    for (node *c = cs ? cs->child : NULL; c && error == 0; c = c->next) {
        if (!ours(r, c))
            continue; /* extension elements in other namespaces */
        if (strcmp(c->name, "component") != 0) {
            error = err(r, c, "unexpected element <%s> in a component list",
                        c->name);
            break;
        }
        error = read_component(r, c, parent_idx, &idx, add);
    }
    return error;
}

static int read_pedigree(struct rd *r, node *c)
{
    node *ped = child(r, c, "pedigree"), *patches;
    static const char *const lists[] = {"ancestors", "descendants", "variants"};
    int error = 0;

    if (!ped)
        return 0;
    patches = child(r, ped, "patches");
    for (node *p = patches ? patches->child : NULL; p && error == 0;
         p = p->next) {
        node *res;
        if (!ours(r, p) || strcmp(p->name, "patch") != 0)
            continue;
        /* SPEC: CDX patch@type enumeration, required */
        if (!tsn_xml_attr(p, "type"))
            error = err(r, p, "patch needs a type attribute%s", NULL);
        else
            error = check_enum_text(r, p, tsn_xml_attr(p, "type"),
                                    tsn_cdx__patch_types);
        res = child(r, p, "resolves");
        for (node *is = res ? res->child : NULL; is && error == 0;
             is = is->next) {
            if (!ours(r, is) || strcmp(is->name, "issue") != 0)
                continue;
            /* SPEC: CDX issue@type enumeration, required */
            if (!tsn_xml_attr(is, "type"))
                error = err(r, is, "issue needs a type attribute%s", NULL);
            else
                error = check_enum_text(r, is, tsn_xml_attr(is, "type"),
                                        tsn_cdx__issue_types);
        }
    }
    for (size_t l = 0; l < 3 && error == 0; l++)
        error = read_components(r, ped, lists[l], TSN_SBOM_NONE, false);
    return error;
}

/*
 * Read one component. With @p add false (pedigree ancestors and the like)
 * it is checked but not added to the model: it describes provenance, not
 * what is shipped.
 */
static int
read_component(struct rd *r, node *v, size_t parent, size_t *idx_out, bool add)
{
    tsn_sbom_component tmp, *c = &tmp;
    node *swid, *nm;
    size_t idx = TSN_SBOM_NONE;
    int error = 0;

    memset(&tmp, 0, sizeof tmp);
    if (add) {
        error = tsn_sbom__add_component(r->s, &idx);
        if (error < 0)
            return error;
        c = tsn_sbom__comp(r->s, idx);
        c->parent = parent;
    }
    *idx_out = idx;
    error = check_children(r, v, component_members, "<component>");
    if (error < 0)
        return error;
    c->type = tsn_xml_attr(v, "type");
    c->ref = tsn_xml_attr(v, "bom-ref");
    nm = child(r, v, "name");
    c->name = nm ? nm->text : NULL;
    c->group = child_text(r, v, "group");
    c->version = child_text(r, v, "version");
    c->description = child_text(r, v, "description");
    c->copyright = child_text(r, v, "copyright");
    c->publisher = child_text(r, v, "publisher");
    c->purl = child_text(r, v, "purl");
    c->scope = child_text(r, v, "scope");
    c->author = child_text(r, v, "author");
    if (!c->author) {
        node *as = child(r, v, "authors");
        c->author = entity_name(r, child(r, as, "author"));
    }
    c->supplier = entity_name(r, child(r, v, "supplier"));
    if (!c->supplier)
        c->supplier = entity_name(r, child(r, v, "manufacturer"));
    /* SPEC: CDX component@type and <name> are required */
    if (!c->type)
        error = err(r, v, "component needs a type attribute%s", NULL);
    else if (!tsn_cdx__component_type(c->type, r->minor))
        error = tsn_sbom__diag(r->s, TSN_DIAG_ERROR, loc(r, v),
                               "\"%.60s\" is not a component type in "
                               "CycloneDX 1.%d",
                               c->type, r->minor);
    if (error == 0 && !c->name)
        error = err(r, v, "required element <name> is missing%s", NULL);
    if (error == 0 && r->minor < 4 && !c->version)
        /* SPEC: CDX-1.0..1.3 component version is required */
        error = err(r, v, "required element <version> is missing%s", NULL);
    if (error == 0)
        error = tsn_cdx__define_ref_lazy(r->s, &r->refs, c->ref, loc_cb, r, v);
    if (error == 0)
        error =
            check_enum_text(r, child(r, v, "scope"), c->scope, tsn_cdx__scopes);
    if (error < 0)
        return error;
    {
        const char *cpe = child_text(r, v, "cpe");
        if (cpe && add) {
            const char **cp = tsnu_arena_alloc(&r->s->arena, sizeof *cp);
            TSN_CHECK_ALLOC(cp);
            cp[0] = cpe;
            c->cpes = cp;
            c->n_cpes = 1;
        }
    }
    if (c->purl) {
        char why[512];
        int rc = tsn_rules__purl(c->purl, why, sizeof why);
        if (rc < 0)
            return rc;
        c->purl_invalid = rc;
        /* SPEC: CDX component.purl: a valid package URL */
        if (rc && (error = tsn_sbom__diag(r->s, TSN_DIAG_ERROR,
                                          loc(r, child(r, v, "purl")), "%s",
                                          why)) < 0)
            return error;
    }
    swid = child(r, v, "swid");
    /* SPEC: CDX swid@tagId and swid@name are required */
    if (swid && (!tsn_xml_attr(swid, "tagId") || !tsn_xml_attr(swid, "name")))
        error = err(r, swid, "swid needs tagId and name attributes%s", NULL);
    /* SPEC: CDX-1.7 versionRange only on external components, and not
     * together with version */
    if (error == 0 && r->minor >= 7 && child(r, v, "versionRange")) {
        const char *ext = tsn_xml_attr(v, "isExternal");
        if (!ext || strcmp(ext, "true") != 0)
            error = err(r, child(r, v, "versionRange"),
                        "versionRange is only allowed when isExternal is "
                        "true%s",
                        NULL);
        else if (c->version)
            error = err(r, v,
                        "a component has either version or versionRange, "
                        "not both%s",
                        NULL);
    }
    if (error < 0)
        return error;
    if ((error = read_hashes(r, v, c)) < 0 ||
        (error = read_licenses(r, v, &c->licenses, &c->n_licenses)) < 0 ||
        (error = read_extrefs(r, v, c)) < 0 ||
        (error = read_properties(r, v, &c->properties, &c->n_properties)) < 0 ||
        (error = read_pedigree(r, v)) < 0)
        return error;
    return read_components(r, v, "components", idx, add);
}

/* ---- services, dependencies, vulnerabilities ----------------------------- */

static int read_services(struct rd *r, node *parent)
{
    node *ss = child(r, parent, "services");
    int error = 0;
    for (node *sv = ss ? ss->child : NULL; sv && error == 0; sv = sv->next) {
        const char *name;
        node *data;
        const tsn_sbom_license *l;
        size_t nl;
        if (!ours(r, sv) || strcmp(sv->name, "service") != 0)
            continue;
        error = required_child(r, sv, "name", &name);
        if (error == 0)
            error = tsn_cdx__define_ref(
                r->s, &r->refs, tsn_xml_attr(sv, "bom-ref"), loc(r, sv));
        data = child(r, sv, "data");
        for (node *d = data ? data->child : NULL; d && error == 0;
             d = d->next) {
            /* SPEC: CDX dataFlow enumeration (classification@flow, and
             * dataflow@flow from 1.5) */
            if (!ours(r, d))
                continue;
            error = check_enum_text(r, d, tsn_xml_attr(d, "flow"),
                                    tsn_cdx__data_flows);
        }
        if (error == 0)
            error = read_licenses(r, sv, &l, &nl);
        if (error == 0)
            error = read_services(r, sv);
    }
    return error;
}

static int read_dependency(struct rd *r, node *d, const char *parent_ref)
{
    const char *ref = tsn_xml_attr(d, "ref");
    int error;
    /* SPEC: CDX dependency@ref required, refLinkType minLength 1 */
    if (!ref)
        return err(r, d, "dependency needs a ref attribute%s", NULL);
    if (!*ref)
        return err(r, d, "dependency ref must not be empty%s", NULL);
    error = tsn_cdx__use_ref_lazy(&r->refs, ref,
                                  parent_ref ? "dependsOn" : "dependency ref",
                                  loc_cb, r, d);
    if (error == 0 && parent_ref)
        error = tsn_sbom__add_rel(r->s, parent_ref, ref, "DEPENDS_ON");
    /* Only the first level names the dependent; a nested dependency is an
     * edge, and anything nested deeper is not part of the schema. */
    for (node *c = d->child; c && error == 0 && !parent_ref; c = c->next)
        if (ours(r, c) && strcmp(c->name, "dependency") == 0)
            error = read_dependency(r, c, ref);
    return error;
}

#define DG_NS "http://cyclonedx.org/schema/ext/dependency-graph/1.0"

/*
 * The dependency-graph extension (CycloneDX 1.1): <dg:dependency ref>
 * nested to any depth, each level depending on the ones inside it.
 */
static int read_dg_dependency(struct rd *r,
                              node *d,
                              const char *parent_ref,
                              unsigned depth)
{
    const char *ref = tsn_xml_attr(d, "ref");
    int error;
    /* SPEC: CDX ext dependency-graph 1.0: dependency@ref required */
    if (!ref || !*ref)
        return err(r, d, "dependency needs a non-empty ref attribute%s", NULL);
    error =
        tsn_cdx__use_ref_lazy(&r->refs, ref, "dependency ref", loc_cb, r, d);
    if (error == 0 && parent_ref)
        error = tsn_sbom__add_rel(r->s, parent_ref, ref, "DEPENDS_ON");
    for (node *c = d->child; c && error == 0; c = c->next)
        if (c->ns && strcmp(c->ns, DG_NS) == 0 &&
            strcmp(c->name, "dependency") == 0)
            error = read_dg_dependency(r, c, ref, depth + 1);
    return error;
}

static int read_dependencies(struct rd *r, node *root)
{
    node *ds = child(r, root, "dependencies");
    int error = 0;
    for (node *d = ds ? ds->child : NULL; d && error == 0; d = d->next)
        if (ours(r, d) && strcmp(d->name, "dependency") == 0)
            error = read_dependency(r, d, NULL);
    for (node *e = root->child; e && error == 0; e = e->next) {
        if (!e->ns || strcmp(e->ns, DG_NS) != 0 ||
            strcmp(e->name, "dependencies") != 0)
            continue;
        for (node *d = e->child; d && error == 0; d = d->next)
            if (d->ns && strcmp(d->ns, DG_NS) == 0 &&
                strcmp(d->name, "dependency") == 0)
                error = read_dg_dependency(r, d, NULL, 0);
    }
    return error;
}

/* The texts of the @p name children of @p n (in our namespace), in the
 * arena: *@p out and *@p count (0: none). */
static int texts_of(struct rd *r,
                    node *n,
                    const char *name,
                    const char *const **out,
                    size_t *count)
{
    size_t cap = (size_t)count_children(r, n, name), k = 0;
    *out = NULL;
    *count = 0;
    if (!cap)
        return 0;
    const char **v = tsnu_arena_calloc(&r->s->arena, cap, sizeof *v);
    TSN_CHECK_ALLOC(v);
    for (node *c = n->child; c; c = c->next)
        if (ours(r, c) && strcmp(c->name, name) == 0 && c->text)
            v[k++] = c->text;
    *out = v;
    *count = k;
    return 0;
}

/* analysis: state, justification, responses, detail, lastUpdated. */
static int read_analysis(struct rd *r, node *an, tsn_sbom_vuln *vu)
{
    const char *upd;
    vu->state = child_text(r, an, "state");
    vu->justification = child_text(r, an, "justification");
    int error = check_enum_text(r, child(r, an, "state"), vu->state,
                                tsn_cdx__analysis_states);
    if (error == 0)
        error = check_enum_text(r, child(r, an, "justification"),
                                vu->justification, tsn_cdx__justifications);
    vu->analysis_detail = child_text(r, an, "detail");
    if (!vu->detail)
        vu->detail = vu->analysis_detail;
    if ((upd = child_text(r, an, "lastUpdated")))
        vu->updated = upd;
    node *rs = child(r, an, "responses");
    for (node *c = rs ? rs->child : NULL; c && error == 0; c = c->next)
        if (ours(r, c) && strcmp(c->name, "response") == 0)
            error = check_enum_text(r, c, c->text, tsn_cdx__responses);
    if (error == 0 && rs)
        error = texts_of(r, rs, "response", &vu->responses, &vu->n_responses);
    return error;
}

/* affects/target[k]/versions/version: a version or a range each, with a
 * status (affected when not said). */
static int read_target_versions(struct rd *r, node *t, size_t k, tsnu_vec *out)
{
    static const char *const statuses[] = {"affected", "unaffected", "unknown",
                                           NULL};
    node *vs = child(r, t, "versions");
    int error = 0;
    for (node *c = vs ? vs->child : NULL; c && error == 0; c = c->next) {
        if (!ours(r, c) || strcmp(c->name, "version") != 0)
            continue;
        tsn_sbom_vuln_version ver = {k, NULL, NULL, "affected"};
        ver.version = child_text(r, c, "version");
        ver.range = child_text(r, c, "range");
        const char *st = child_text(r, c, "status");
        if (!ver.version == !ver.range) {
            error = err(r, c, "expected either a version or a range%s", "");
            break;
        }
        error = check_enum_text(r, child(r, c, "status"), st, statuses);
        if (error == 0 && st && tsn_rules__in(st, statuses))
            ver.status = st;
        if (error == 0)
            error = tsnu_vec_push(out, &ver);
    }
    return error;
}

static int read_vulnerabilities(struct rd *r, node *root)
{
    node *vs = child(r, root, "vulnerabilities");
    tsnu_vec versions =
        TSNU_VEC_INIT(tsn_sbom_vuln_version, TSN_LIMIT_COMPONENTS);
    int error = 0;
    for (node *v = vs ? vs->child : NULL; v && error == 0; v = v->next) {
        tsn_sbom_vuln *vu;
        node *an, *aff, *refs_n;
        size_t cap = 0, n = 0;
        const char **refs;
        if (!ours(r, v) || strcmp(v->name, "vulnerability") != 0)
            continue;
        error = tsn_sbom__add_vuln(r->s, &vu);
        if (error < 0)
            break;
        vu->ref = tsn_xml_attr(v, "bom-ref");
        vu->id = child_text(r, v, "id");
        vu->description = child_text(r, v, "description");
        vu->detail = child_text(r, v, "detail");
        vu->source = entity_name(r, child(r, v, "source"));
        vu->where = loc(r, v);
        TSN_CHECK_ALLOC(vu->where);
        vu->updated = child_text(r, v, "updated");
        if (!vu->updated)
            vu->updated = child_text(r, v, "published");
        error = tsn_cdx__define_ref(r->s, &r->refs, vu->ref, loc(r, v));
        /* references/reference/id: the same vulnerability elsewhere */
        refs_n = child(r, v, "references");
        if (error == 0 && refs_n) {
            size_t nr = (size_t)count_children(r, refs_n, "reference"), m = 0;
            const char **ids =
                tsnu_arena_calloc(&r->s->arena, nr ? nr : 1, sizeof *ids);
            TSN_CHECK_ALLOC(ids);
            for (node *c = refs_n->child; c; c = c->next)
                if (ours(r, c) && strcmp(c->name, "reference") == 0 &&
                    child_text(r, c, "id"))
                    ids[m++] = child_text(r, c, "id");
            vu->references = ids;
            vu->n_references = m;
        }
        an = child(r, v, "analysis");
        if (an && error == 0)
            error = read_analysis(r, an, vu);
        aff = child(r, v, "affects");
        for (node *t = aff ? aff->child : NULL; t; t = t->next)
            cap++;
        refs = tsnu_arena_calloc(&r->s->arena, cap ? cap : 1, sizeof *refs);
        TSN_CHECK_ALLOC(refs);
        for (node *t = aff ? aff->child : NULL; t && error == 0; t = t->next) {
            const char *ref;
            if (!ours(r, t) || strcmp(t->name, "target") != 0)
                continue;
            error = required_child(r, t, "ref", &ref);
            if (ref) {
                refs[n++] = ref;
                if (error == 0)
                    error = read_target_versions(r, t, n - 1, &versions);
            }
        }
        vu->affects = refs;
        vu->n_affects = n;
        if (error == 0 && versions.len) {
            vu->n_versions = versions.len;
            vu->versions = tsnu_vec_copy(&versions, &r->s->arena);
            if (!vu->versions)
                error = tsn_error_oom();
        }
        versions.len = 0;
    }
    tsnu_vec_dispose(&versions);
    return error;
}

/* ---- metadata -------------------------------------------------------------
 */

static int read_metadata(struct rd *r, node *root)
{
    node *meta = child(r, root, "metadata"), *tools, *authors, *comp;
    tsn_sbom_doc *doc = &r->s->doc;
    const tsn_sbom_license *l;
    const tsn_sbom_property *p;
    size_t nl, np;
    int error = 0;

    if (!meta)
        return 0;
    error = check_children(r, meta, metadata_members, "<metadata>");
    doc->timestamp = child_text(r, meta, "timestamp");
    /* SPEC: CDX metadata.timestamp is xs:dateTime */
    if (error == 0 && doc->timestamp && !tsn_rules__datetime(doc->timestamp))
        error = err(r, child(r, meta, "timestamp"),
                    "not an RFC 3339 date-time%s", NULL);
    tools = child(r, meta, "tools");
    if (tools && error == 0) {
        size_t cap = 0, n = 0;
        const char **names;
        node *lists[3] = {tools, child(r, tools, "components"),
                          child(r, tools, "services")};
        for (int k = 0; k < 3; k++)
            for (node *t = lists[k] ? lists[k]->child : NULL; t; t = t->next)
                cap++;
        names = tsnu_arena_calloc(&r->s->arena, cap ? cap : 1, sizeof *names);
        TSN_CHECK_ALLOC(names);
        for (int k = 0; k < 3; k++) {
            for (node *t = lists[k] ? lists[k]->child : NULL; t; t = t->next) {
                const char *name = child_text(r, t, "name");
                const char *ver = child_text(r, t, "version");
                const char *vendor = child_text(r, t, "vendor");
                if (!ours(r, t) || !name ||
                    (strcmp(t->name, "tool") != 0 &&
                     strcmp(t->name, "component") != 0 &&
                     strcmp(t->name, "service") != 0))
                    continue;
                if (!vendor)
                    vendor = child_text(r, t, "group");
                names[n] = tsnu_arena_printf(
                    &r->s->arena, "%s%s%s%s%s", vendor ? vendor : "",
                    vendor ? " " : "", name, ver ? " " : "", ver ? ver : "");
                TSN_CHECK_ALLOC(names[n]);
                n++;
            }
        }
        doc->tools = names;
        doc->n_tools = n;
    }
    authors = child(r, meta, "authors");
    if (authors) {
        size_t cap = 0, n = 0;
        const char **names;
        for (node *a = authors->child; a; a = a->next)
            cap++;
        names = tsnu_arena_calloc(&r->s->arena, cap ? cap : 1, sizeof *names);
        TSN_CHECK_ALLOC(names);
        for (node *a = authors->child; a; a = a->next) {
            const char *name = entity_name(r, a);
            if (!name)
                name = child_text(r, a, "email");
            if (ours(r, a) && name)
                names[n++] = name;
        }
        doc->authors = names;
        doc->n_authors = n;
    }
    if (error == 0)
        error = read_licenses(r, meta, &l, &nl);
    if (error == 0)
        error = read_properties(r, meta, &p, &np);
    comp = child(r, meta, "component");
    if (comp && error == 0) {
        size_t idx;
        error = read_component(r, comp, TSN_SBOM_NONE, &idx, true);
        if (error == 0) {
            node *sup = child(r, meta, "supplier");
            tsn_sbom_component *rc;
            doc->root = idx;
            rc = tsn_sbom__comp(r->s, idx);
            if (!sup)
                sup = child(r, meta, "manufacture");
            if (!rc->supplier)
                rc->supplier = entity_name(r, sup);
        }
    }
    return error;
}

static int read_citations(struct rd *r, node *root)
{
    node *cs = child(r, root, "citations");
    int error = 0;
    for (node *c = cs ? cs->child : NULL; c && error == 0; c = c->next) {
        if (!ours(r, c) || strcmp(c->name, "citation") != 0)
            continue;
        error = tsn_cdx__define_ref(r->s, &r->refs, tsn_xml_attr(c, "bom-ref"),
                                    loc(r, c));
        /* SPEC: CDX-1.7 citation: attributedTo or process required;
         * pointers and expressions are exclusive */
        if (error == 0 && !child(r, c, "attributedTo") &&
            !child(r, c, "process"))
            error = err(r, c, "a citation needs <attributedTo> or <process>%s",
                        NULL);
        if (error == 0 && child(r, c, "pointers") && child(r, c, "expressions"))
            error = err(r, c,
                        "a citation has <pointers> or <expressions>, not "
                        "both%s",
                        NULL);
    }
    return error;
}

int tsn_cdx__read_xml(tsn_sbom *s, const char *data, size_t len)
{
    struct rd r = {s, 0, NULL, {TSNU_STRSET_INIT, {0}}, data, len, NULL, 0};
    tsn_xml_opts xo = {s->ctx->limits.depth, s->ctx->limits.field_bytes};
    tsn_xml_node *root = NULL;
    const char *ver, *serial;
    int error;

    error = tsn_xml_parse(&root, &s->arena, data, len, &xo, s->name);
    if (error < 0)
        return error;
    if (strcmp(root->name, "bom") != 0) {
        error = tsn_error_set(
            TSN_EINVALID,
            "%s:%u: root element is <%s>, not a CycloneDX "
            "<bom>",
            s->name,
            tsn_xml_line(data, len, root->offset, &r.lines, &r.n_lines),
            root->name);
        goto done;
    }
    /* SPEC: CDX XML: the namespace names the spec version */
    if (!root->ns || strncmp(root->ns, CDX_NS, strlen(CDX_NS)) != 0 ||
        tsn_cdx__minor(root->ns + strlen(CDX_NS) - 2) < 0) {
        error = tsn_error_set(
            TSN_EINVALID,
            "%s:%u: <bom> namespace \"%.100s\" is not a CycloneDX 1.0-1.7 "
            "namespace",
            s->name,
            tsn_xml_line(data, len, root->offset, &r.lines, &r.n_lines),
            root->ns ? root->ns : "");
        goto done;
    }
    r.ns = root->ns;
    r.minor = tsn_cdx__minor(root->ns + strlen(CDX_NS) - 2);
    s->doc.spec_version = root->ns + strlen(CDX_NS) - 2;
    serial = tsn_xml_attr(root, "serialNumber");
    s->doc.serial = serial;
    error = 0;
    if (serial && !tsn_rules__urn_uuid(serial))
        /* SPEC: CDX serialNumber pattern ^urn:uuid:... */
        error = err(&r, root,
                    "serialNumber must be a urn:uuid: URN (RFC 4122)%s", NULL);
    ver = tsn_xml_attr(root, "version");
    if (ver && error == 0) {
        unsigned long v;
        if (!tsnu_parse_ulong(ver, &v) || v < 1 || v > (unsigned long)LONG_MAX)
            error = err(&r, root, "version must be an integer >= 1%s", NULL);
        else
            s->doc.version = (long)v;
    }
    if (error == 0)
        error = check_children(&r, root, root_members, "<bom>");
    if (error == 0)
        error = read_metadata(&r, root);
    if (error == 0)
        error = read_components(&r, root, "components", TSN_SBOM_NONE, true);
    if (error == 0)
        error = read_services(&r, root);
    if (error == 0)
        error = read_dependencies(&r, root);
    if (error == 0)
        error = read_vulnerabilities(&r, root);
    if (error == 0)
        error = read_citations(&r, root);
    if (error == 0)
        error = tsn_cdx__resolve_refs(s, &r.refs);
done:
    tsn_cdx__refs_dispose(&r.refs);
    tsn_free(r.lines);
    return error;
}
