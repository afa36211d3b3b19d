/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CycloneDX JSON reader (1.2-1.7): builds the model and checks the rules
 * of the schema and specification, recording violations as diagnostics
 * with a JSON pointer and line.
 *
 * The JSON tree is parsed into the SBOM's own arena, so model strings
 * point into it and nothing is copied.
 */
#include "cdx.h"

#include <stdlib.h>
#include <string.h>

#include "jread.h"

struct rd {
    tsn_sbom *s;
    int minor;
    struct tsn_cdx_refs refs;
};

/* ---- bom-refs ------------------------------------------------------------ */

/* Where a bom-ref is, for tsn_cdx__define_ref_lazy(), which asks at once
 * (only when it reports): the path lives until it returns. */
struct at {
    struct rd *r;
    const tsnu_jpath *path;
    const tsnu_json *node;
};

static const char *at_loc(void *rd, const void *node)
{
    (void)rd;
    const struct at *a = node;
    return jr_loc(a->r->s, a->path, a->node);
}

/* Define bom-ref @p ref, member "bom-ref" of @p obj at @p path: its
 * location is rendered only when it is empty or a duplicate. */
static int define_ref(struct rd *r,
                      const char *ref,
                      const tsnu_jpath *path,
                      const tsnu_json *obj)
{
    tsnu_jpath bp = CHILD(path, "bom-ref");
    struct at a = {r, &bp, tsnu_json_get(obj, "bom-ref")};
    return tsn_cdx__define_ref_lazy(r->s, &r->refs, ref, at_loc, NULL, &a);
}

/* A use of a bom-ref in dependencies[i].ref (k SIZE_MAX) or
 * dependencies[i].dependsOn[k], kept for tsn_cdx__resolve_refs(), which
 * renders its location only for a ref that names nothing. */
struct dep_use {
    size_t i, k;
    long line;
};

static const char *dep_loc(void *rd, const void *node)
{
    struct rd *r = rd;
    const struct dep_use *u = node;
    tsnu_jpath ap = CHILD(NULL, "dependencies");
    tsnu_jpath ip = INDEX(&ap, u->i);
    tsnu_jpath op = CHILD(&ip, "dependsOn");
    tsnu_jpath kp = INDEX(&op, u->k);
    return tsn_sbom__json_loc(r->s, u->k == SIZE_MAX ? &ip : &kp, u->line);
}

static int use_dep(struct rd *r,
                   const char *ref,
                   size_t i,
                   size_t k,
                   const tsnu_json *node,
                   const char *what)
{
    struct dep_use *u = tsnu_arena_alloc(&r->s->arena, sizeof *u);
    TSN_CHECK_ALLOC(u);
    *u = (struct dep_use){i, k, node ? node->line : 0};
    return tsn_cdx__use_ref_lazy(&r->refs, ref, what, dep_loc, r, u);
}

/* ---- unknown members ---------------------------------------------------- */

/* An allowed member name and the minor version that introduced it. */
struct member {
    const char *name;
    int since;
};

/*
 * SPEC: CDX-1.4 additionalProperties: false. From 1.4 on the schema
 * rejects members it does not define (1.2 and 1.3 allow them).
 * Extension members are those containing ':' (namespaced), which older
 * schemas allowed only in the non-strict variants; they are accepted.
 */
static int check_members(struct rd *r,
                         const tsnu_json *obj,
                         const tsnu_jpath *path,
                         const struct member *allowed,
                         const char *what)
{
    if (r->minor < 4 || obj->type != TSNU_JSON_OBJECT)
        return 0;
    for (size_t i = 0; i < obj->len; i++) {
        const char *key = obj->u.members[i].key;
        const struct member *m = allowed;
        while (m->name && !tsnu_streq(m->name, key))
            m++;
        if (m->name && m->since <= r->minor)
            continue;
        {
            tsnu_jpath kp = CHILD(path, key);
            int error = tsn_sbom__diag(
                r->s, TSN_DIAG_ERROR,
                jr_loc(r->s, &kp, &obj->u.members[i].value),
                "\"%.60s\" is not a property of %s in CycloneDX 1.%d", key,
                what, r->minor);
            if (error < 0)
                return error;
        }
    }
    return 0;
}

static const struct member root_members[] = {{"$schema", 0},
                                             {"bomFormat", 0},
                                             {"specVersion", 0},
                                             {"serialNumber", 0},
                                             {"version", 0},
                                             {"metadata", 0},
                                             {"components", 0},
                                             {"services", 0},
                                             {"externalReferences", 0},
                                             {"dependencies", 0},
                                             {"compositions", 3},
                                             {"properties", 3},
                                             {"vulnerabilities", 4},
                                             {"signature", 4},
                                             {"annotations", 5},
                                             {"formulation", 5},
                                             {"declarations", 6},
                                             {"definitions", 6},
                                             {"citations", 7},
                                             {NULL, 0}};

static const struct member metadata_members[] = {{"timestamp", 0},
                                                 {"tools", 0},
                                                 {"authors", 0},
                                                 {"component", 0},
                                                 {"manufacture", 0},
                                                 {"supplier", 0},
                                                 {"licenses", 3},
                                                 {"properties", 3},
                                                 {"lifecycles", 5},
                                                 {"manufacturer", 6},
                                                 {"distributionConstraints", 7},
                                                 {NULL, 0}};

static const struct member component_members[] = {
    {"type", 2},       {"mime-type", 2},
    {"bom-ref", 2},    {"supplier", 2},
    {"author", 2},     {"publisher", 2},
    {"group", 2},      {"name", 2},
    {"version", 2},    {"description", 2},
    {"scope", 2},      {"hashes", 2},
    {"licenses", 2},   {"copyright", 2},
    {"cpe", 2},        {"purl", 2},
    {"swid", 2},       {"modified", 2},
    {"pedigree", 2},   {"externalReferences", 2},
    {"components", 2}, {"evidence", 3},
    {"properties", 3}, {"releaseNotes", 4},
    {"signature", 4},  {"modelCard", 5},
    {"data", 5},       {"manufacturer", 6},
    {"authors", 6},    {"omniborId", 6},
    {"swhid", 6},      {"cryptoProperties", 6},
    {"tags", 6},       {"versionRange", 7},
    {"isExternal", 7}, {"patentAssertions", 7},
    {NULL, 0}};

static const struct member hash_members[] = {
    {"alg", 2}, {"content", 2}, {NULL, 0}};

static const struct member license_members[] = {
    {"id", 2},      {"name", 2},      {"text", 2},       {"url", 2},
    {"bom-ref", 5}, {"licensing", 5}, {"properties", 5}, {"acknowledgement", 6},
    {NULL, 0}};

static const struct member dependency_members[] = {
    {"ref", 2}, {"dependsOn", 2}, {"provides", 6}, {NULL, 0}};

static const struct member service_members[] = {{"bom-ref", 2},
                                                {"provider", 2},
                                                {"group", 2},
                                                {"name", 2},
                                                {"version", 2},
                                                {"description", 2},
                                                {"endpoints", 2},
                                                {"authenticated", 2},
                                                {"x-trust-boundary", 2},
                                                {"data", 2},
                                                {"licenses", 2},
                                                {"externalReferences", 2},
                                                {"services", 2},
                                                {"properties", 3},
                                                {"releaseNotes", 4},
                                                {"signature", 4},
                                                {"trustZone", 5},
                                                {"tags", 6},
                                                {"patentAssertions", 7},
                                                {NULL, 0}};

static const struct member extref_members[] = {
    {"url", 2},    {"comment", 2},    {"type", 2},
    {"hashes", 3}, {"properties", 7}, {NULL, 0}};

static const struct member swid_members[] = {
    {"tagId", 2}, {"name", 2}, {"version", 2}, {"tagVersion", 2},
    {"patch", 2}, {"text", 2}, {"url", 2},     {NULL, 0}};

static const struct member vulnerability_members[] = {
    {"bom-ref", 4},        {"id", 4},
    {"source", 4},         {"references", 4},
    {"ratings", 4},        {"cwes", 4},
    {"description", 4},    {"detail", 4},
    {"recommendation", 4}, {"advisories", 4},
    {"created", 4},        {"published", 4},
    {"updated", 4},        {"credits", 4},
    {"tools", 4},          {"analysis", 4},
    {"affects", 4},        {"properties", 4},
    {"workaround", 5},     {"proofOfConcept", 5},
    {"rejected", 5},       {NULL, 0}};

/* ---- properties, hashes, licences, external references ---------------- */

static int read_properties(struct rd *r,
                           const tsnu_json *obj,
                           const tsnu_jpath *path,
                           const tsn_sbom_property **out,
                           size_t *n_out)
{
    int error = 0;
    const tsnu_json *arr =
        jr_typed(r->s, obj, path, "properties", TSNU_JSON_ARRAY, &error);
    tsnu_jpath ap = CHILD(path, "properties");
    tsn_sbom_property *props;
    size_t n = 0;

    if (!arr || error < 0)
        return error;
    props =
        tsnu_arena_calloc(&r->s->arena, arr->len ? arr->len : 1, sizeof *props);
    TSN_CHECK_ALLOC(props);
    for (size_t i = 0; i < arr->len && error == 0; i++) {
        const tsnu_json *p = &arr->u.items[i];
        tsnu_jpath ip = INDEX(&ap, i);
        if (p->type != TSNU_JSON_OBJECT) {
            error = jr_type_err(r->s, &ip, p, "an object");
            continue;
        }
        for (size_t k = 0; r->minor >= 6 && k < p->len && error == 0; k++) {
            const char *key = p->u.members[k].key;
            if (strcmp(key, "name") != 0 && strcmp(key, "value") != 0) {
                tsnu_jpath kp = CHILD(&ip, key);
                /* SPEC: CDX-1.6 property additionalProperties: false */
                error = jr_err(r->s, &kp, &p->u.members[k].value,
                               "unexpected property in a property");
            }
        }
        /* SPEC: CDX-1.5 property.name required */
        props[n].name = jr_str(r->s, p, &ip, "name", r->minor >= 5, &error);
        props[n].value = jr_str(r->s, p, &ip, "value", false, &error);
        if (props[n].name)
            n++;
    }
    *out = props;
    *n_out = n;
    return error;
}

/* CycloneDX names its algorithms itself: known ones map to themselves. */
static const char *cdx_alg(const char *alg)
{
    return tsn_rules__hash_alg(alg) ? alg : NULL;
}

static int read_hashes(struct rd *r,
                       const tsnu_json *obj,
                       const tsnu_jpath *path,
                       tsn_sbom_component *c)
{
    const tsnu_json *arr = tsnu_json_get(obj, "hashes");
    tsnu_jpath ap = CHILD(path, "hashes");
    int error = 0;
    /* SPEC: CDX-1.4 hash additionalProperties: false */
    for (size_t i = 0;
         arr && arr->type == TSNU_JSON_ARRAY && i < arr->len && error == 0;
         i++) {
        tsnu_jpath ip = INDEX(&ap, i);
        error = check_members(r, &arr->u.items[i], &ip, hash_members, "a hash");
    }
    if (error < 0)
        return error;
    return jr_hashes(r->s, obj, path, "hashes", "alg", "content", cdx_alg, c);
}

static int read_licenses(struct rd *r,
                         const tsnu_json *obj,
                         const tsnu_jpath *path,
                         const tsn_sbom_license **out,
                         size_t *n_out)
{
    int error = 0;
    const tsnu_json *arr =
        jr_typed(r->s, obj, path, "licenses", TSNU_JSON_ARRAY, &error);
    tsnu_jpath ap = CHILD(path, "licenses");
    tsn_sbom_license *l;
    size_t n = 0, n_expr = 0;

    if (!arr || error < 0)
        return error;
    l = tsnu_arena_calloc(&r->s->arena, arr->len ? arr->len : 1, sizeof *l);
    TSN_CHECK_ALLOC(l);
    for (size_t i = 0; i < arr->len && error == 0; i++) {
        const tsnu_json *e = &arr->u.items[i];
        const tsnu_json *lic, *expr;
        tsnu_jpath ip = INDEX(&ap, i);
        const char *ack = NULL;

        if (e->type != TSNU_JSON_OBJECT) {
            error = jr_type_err(r->s, &ip, e, "an object");
            break;
        }
        lic = tsnu_json_get(e, "license");
        expr = tsnu_json_get(e, "expression");
        /* SPEC: CDX licenseChoice: either "license" or "expression" */
        if ((lic && expr) || (!lic && !expr)) {
            error = jr_err(r->s, &ip, e,
                           "a licence choice needs exactly one of \"license\" "
                           "or \"expression\"");
            break;
        }
        if (expr) {
            const char *why;
            tsnu_jpath xp = CHILD(&ip, "expression");
            n_expr++;
            l[n].expression = jr_str(r->s, e, &ip, "expression", true, &error);
            if (error < 0)
                break;
            error = jr_enum(r->s, e, &ip, "acknowledgement",
                            tsn_cdx__acknowledgements, &ack);
            if (l[n].expression &&
                tsn_rules__spdx_expression(l[n].expression, &why) != 0) {
                tsn_buf m = TSN_BUF_INIT(512);
                tsn_buf_printf(&m, "licence expression: %s", why);
                error = jr_warn(r->s, &xp, expr, tsn_buf_cstr(&m));
                tsn_buf_dispose(&m);
            }
        } else {
            tsnu_jpath lp = CHILD(&ip, "license");
            const tsnu_json *text;
            if (lic->type != TSNU_JSON_OBJECT) {
                error = jr_type_err(r->s, &lp, lic, "an object");
                break;
            }
            error = check_members(r, lic, &lp, license_members, "a licence");
            l[n].expression = jr_str(r->s, lic, &lp, "id", false, &error);
            l[n].name = jr_str(r->s, lic, &lp, "name", false, &error);
            if (error < 0)
                break;
            /* SPEC: CDX license: oneOf required id / required name */
            if (!l[n].expression && !l[n].name) {
                error = jr_err(r->s, &lp, lic,
                               "a licence needs an \"id\" or a \"name\"");
                break;
            }
            if (l[n].expression && l[n].name) {
                error = jr_err(r->s, &lp, lic,
                               "a licence has either an \"id\" or a \"name\", "
                               "not both");
                break;
            }
            if (l[n].expression &&
                !tsn_rules__spdx_license_id(l[n].expression)) {
                tsnu_jpath idp = CHILD(&lp, "id");
                /* SPEC: CDX license.id: SPDX licence id enumeration */
                error = tsn_sbom__diag(
                    r->s, TSN_DIAG_ERROR,
                    jr_loc(r->s, &idp, tsnu_json_get(lic, "id")),
                    "\"%.100s\" is not an SPDX licence identifier (use "
                    "\"name\" for other licences)",
                    l[n].expression);
                break;
            }
            error = jr_enum(r->s, lic, &lp, "acknowledgement",
                            tsn_cdx__acknowledgements, &ack);
            text = jr_typed(r->s, lic, &lp, "text", TSNU_JSON_OBJECT, &error);
            if (text && error == 0) {
                tsnu_jpath tp = CHILD(&lp, "text");
                error = jr_enum(r->s, text, &tp, "encoding", tsn_cdx__encodings,
                                NULL);
            }
            if (error == 0) {
                const tsn_sbom_property *pp;
                size_t np;
                error = read_properties(r, lic, &lp, &pp, &np);
            }
        }
        if (ack)
            l[n].kind = strcmp(ack, "declared") == 0 ? TSN_LICENSE_DECLARED
                                                     : TSN_LICENSE_CONCLUDED;
        n++;
    }
    /* SPEC: CDX licenseChoice: an expression stands alone in its array */
    if (error == 0 && n_expr && arr->len > 1 && r->minor < 7)
        error = jr_err(r->s, &ap, arr,
                       "a licence expression must be the only entry of "
                       "\"licenses\"");
    *out = l;
    *n_out = n;
    return error;
}

static int read_extrefs(struct rd *r,
                        const tsnu_json *obj,
                        const tsnu_jpath *path,
                        tsn_sbom_component *c)
{
    int error = 0;
    const tsnu_json *arr = jr_typed(r->s, obj, path, "externalReferences",
                                    TSNU_JSON_ARRAY, &error);
    tsnu_jpath ap = CHILD(path, "externalReferences");
    tsn_sbom_extref *x;
    size_t n = 0;

    if (!arr || error < 0)
        return error;
    x = tsnu_arena_calloc(&r->s->arena, arr->len ? arr->len : 1, sizeof *x);
    TSN_CHECK_ALLOC(x);
    for (size_t i = 0; i < arr->len && error == 0; i++) {
        const tsnu_json *e = &arr->u.items[i];
        tsnu_jpath ip = INDEX(&ap, i);
        if (e->type != TSNU_JSON_OBJECT) {
            error = jr_type_err(r->s, &ip, e, "an object");
            break;
        }
        error =
            check_members(r, e, &ip, extref_members, "an external reference");
        x[n].url = jr_str(r->s, e, &ip, "url", true, &error);
        x[n].type = jr_str(r->s, e, &ip, "type", true, &error);
        x[n].comment = jr_str(r->s, e, &ip, "comment", false, &error);
        if (x[n].url && x[n].type)
            n++;
    }
    c->extrefs = x;
    c->n_extrefs = n;
    return error;
}

/* Name of an organizational entity / contact object, or a plain string. */
static const char *entity_name(const tsnu_json *v)
{
    if (!v)
        return NULL;
    if (v->type == TSNU_JSON_STRING)
        return v->u.str;
    return tsnu_json_get_str(v, "name");
}

/* ---- pedigree ---------------------------------------------------------- */

static int read_component(struct rd *r,
                          const tsnu_json *v,
                          const tsnu_jpath *path,
                          size_t parent,
                          size_t *idx_out);

static int read_components(struct rd *r,
                           const tsnu_json *obj,
                           const tsnu_jpath *path,
                           const char *key,
                           size_t parent)
{
    int error = 0;
    const tsnu_json *arr =
        jr_typed(r->s, obj, path, key, TSNU_JSON_ARRAY, &error);
    tsnu_jpath ap = CHILD(path, key);
    for (size_t i = 0; arr && i < arr->len && error == 0; i++) {
        tsnu_jpath ip = INDEX(&ap, i);
        size_t idx;
        error = read_component(r, &arr->u.items[i], &ip, parent, &idx);
    }
    return error;
}

static int
read_pedigree(struct rd *r, const tsnu_json *c, const tsnu_jpath *path)
{
    int error = 0;
    const tsnu_json *ped =
        jr_typed(r->s, c, path, "pedigree", TSNU_JSON_OBJECT, &error);
    tsnu_jpath pp = CHILD(path, "pedigree");
    const tsnu_json *patches;
    tsnu_jpath ap = CHILD(&pp, "patches");

    if (!ped || error < 0)
        return error;
    patches = jr_typed(r->s, ped, &pp, "patches", TSNU_JSON_ARRAY, &error);
    for (size_t i = 0; patches && i < patches->len && error == 0; i++) {
        const tsnu_json *p = &patches->u.items[i];
        tsnu_jpath ip = INDEX(&ap, i);
        const tsnu_json *res;
        tsnu_jpath rp = CHILD(&ip, "resolves");
        if (p->type != TSNU_JSON_OBJECT) {
            error = jr_type_err(r->s, &ip, p, "an object");
            break;
        }
        if (!jr_str(r->s, p, &ip, "type", true, &error))
            break;
        /* SPEC: CDX patch.type enumeration */
        error = jr_enum(r->s, p, &ip, "type", tsn_cdx__patch_types, NULL);
        res = jr_typed(r->s, p, &ip, "resolves", TSNU_JSON_ARRAY, &error);
        for (size_t k = 0; res && k < res->len && error == 0; k++) {
            tsnu_jpath kp = INDEX(&rp, k);
            const tsnu_json *is = &res->u.items[k];
            if (is->type != TSNU_JSON_OBJECT) {
                error = jr_type_err(r->s, &kp, is, "an object");
                break;
            }
            if (!jr_str(r->s, is, &kp, "type", true, &error))
                break;
            /* SPEC: CDX issue.type enumeration */
            error = jr_enum(r->s, is, &kp, "type", tsn_cdx__issue_types, NULL);
        }
    }
    /* Ancestors, descendants and variants are components too, but they
     * describe provenance, not what is shipped: checked, not added. */
    static const char *const lists[] = {"ancestors", "descendants", "variants"};
    for (size_t l = 0; l < 3 && error == 0; l++) {
        const tsnu_json *arr =
            jr_typed(r->s, ped, &pp, lists[l], TSNU_JSON_ARRAY, &error);
        tsnu_jpath lp = CHILD(&pp, lists[l]);
        for (size_t i = 0; arr && i < arr->len && error == 0; i++) {
            const tsnu_json *a = &arr->u.items[i];
            tsnu_jpath ip = INDEX(&lp, i);
            const char *t;
            if (a->type != TSNU_JSON_OBJECT) {
                error = jr_type_err(r->s, &ip, a, "an object");
                break;
            }
            t = jr_str(r->s, a, &ip, "type", true, &error);
            jr_str(r->s, a, &ip, "name", true, &error);
            if (t && error == 0 && !tsn_cdx__component_type(t, r->minor)) {
                tsnu_jpath tp = CHILD(&ip, "type");
                error = jr_err(r->s, &tp, tsnu_json_get(a, "type"),
                               "not an allowed component type");
            }
        }
    }
    return error;
}

/* ---- components -------------------------------------------------------- */

static int read_component(struct rd *r,
                          const tsnu_json *v,
                          const tsnu_jpath *path,
                          size_t parent,
                          size_t *idx_out)
{
    tsn_sbom_component *c;
    const tsnu_json *swid, *ver, *vr, *ext;
    size_t idx;
    int error = 0;

    *idx_out = TSN_SBOM_NONE; /* a faulty value adds no component */
    if (v->type != TSNU_JSON_OBJECT)
        return jr_type_err(r->s, path, v, "an object");
    error = tsn_sbom__add_component(r->s, &idx);
    if (error < 0)
        return error;
    *idx_out = idx;
    c = tsn_sbom__comp(r->s, idx);
    c->parent = parent;
    error = check_members(r, v, path, component_members, "a component");
    /* SPEC: CDX component: "type" and "name" are required */
    c->type = jr_str(r->s, v, path, "type", true, &error);
    c->name = jr_str(r->s, v, path, "name", true, &error);
    c->ref = jr_str(r->s, v, path, "bom-ref", false, &error);
    c->group = jr_str(r->s, v, path, "group", false, &error);
    c->description = jr_str(r->s, v, path, "description", false, &error);
    c->copyright = jr_str(r->s, v, path, "copyright", false, &error);
    c->publisher = jr_str(r->s, v, path, "publisher", false, &error);
    c->purl = jr_str(r->s, v, path, "purl", false, &error);
    if (error < 0)
        return error;
    ver = tsnu_json_get(v, "version");
    if (ver) {
        tsnu_jpath vp = CHILD(path, "version");
        if (ver->type != TSNU_JSON_STRING)
            return jr_type_err(r->s, &vp, ver, "a string");
        c->version = ver->u.str;
    }
    if (c->type && !tsn_cdx__component_type(c->type, r->minor)) {
        tsnu_jpath tp = CHILD(path, "type");
        error = tsn_sbom__diag(r->s, TSN_DIAG_ERROR,
                               jr_loc(r->s, &tp, tsnu_json_get(v, "type")),
                               "\"%.60s\" is not a component type in "
                               "CycloneDX 1.%d",
                               c->type, r->minor);
        if (error < 0)
            return error;
    }
    {
        const tsnu_json *a = tsnu_json_get(v, "author");
        const tsnu_json *as = tsnu_json_get(v, "authors");
        c->author = entity_name(a);
        if (!c->author && as && as->type == TSNU_JSON_ARRAY && as->len)
            c->author = entity_name(&as->u.items[0]);
        c->supplier = entity_name(tsnu_json_get(v, "supplier"));
        if (!c->supplier)
            c->supplier = entity_name(tsnu_json_get(v, "manufacturer"));
    }
    error = define_ref(r, c->ref, path, v);
    if (error < 0)
        return error;
    error = jr_enum(r->s, v, path, "scope", tsn_cdx__scopes, &c->scope);
    if (error < 0)
        return error;
    {
        const char *cpe = jr_str(r->s, v, path, "cpe", false, &error);
        if (cpe) {
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
        tsnu_jpath pp = CHILD(path, "purl");
        if (rc < 0)
            return rc;
        c->purl_invalid = rc;
        /* SPEC: CDX component.purl: a valid package URL */
        if (rc &&
            (error = jr_err(r->s, &pp, tsnu_json_get(v, "purl"), why)) < 0)
            return error;
    }
    swid = jr_typed(r->s, v, path, "swid", TSNU_JSON_OBJECT, &error);
    if (swid && error == 0) {
        tsnu_jpath sp = CHILD(path, "swid");
        error = check_members(r, swid, &sp, swid_members, "swid");
        /* SPEC: CDX swid: tagId and name are required */
        jr_str(r->s, swid, &sp, "tagId", true, &error);
        jr_str(r->s, swid, &sp, "name", true, &error);
    }
    if (error < 0)
        return error;
    /* SPEC: CDX-1.7 versionRange only on external components, and not
     * together with version */
    vr = tsnu_json_get(v, "versionRange");
    ext = tsnu_json_get(v, "isExternal");
    if (vr && r->minor >= 7) {
        tsnu_jpath vp = CHILD(path, "versionRange");
        if (!ext || ext->type != TSNU_JSON_TRUE)
            error = jr_err(r->s, &vp, vr,
                           "versionRange is only allowed when isExternal is "
                           "true");
        else if (ver)
            error = jr_err(r->s, &vp, vr,
                           "a component has either version or versionRange, "
                           "not both");
        if (error < 0)
            return error;
    }
    if ((error = read_hashes(r, v, path, c)) < 0 ||
        (error = read_licenses(r, v, path, &c->licenses, &c->n_licenses)) < 0 ||
        (error = read_extrefs(r, v, path, c)) < 0 ||
        (error = read_properties(r, v, path, &c->properties,
                                 &c->n_properties)) < 0 ||
        (error = read_pedigree(r, v, path)) < 0)
        return error;
    return read_components(r, v, path, "components", idx);
}

/* ---- services ---------------------------------------------------------- */

static int
read_services(struct rd *r, const tsnu_json *obj, const tsnu_jpath *path)
{
    int error = 0;
    const tsnu_json *arr =
        jr_typed(r->s, obj, path, "services", TSNU_JSON_ARRAY, &error);
    tsnu_jpath ap = CHILD(path, "services");

    for (size_t i = 0; arr && i < arr->len && error == 0; i++) {
        const tsnu_json *sv = &arr->u.items[i];
        tsnu_jpath ip = INDEX(&ap, i);
        const tsnu_json *data;
        tsnu_jpath dp = CHILD(&ip, "data");
        const char *ref;
        if (sv->type != TSNU_JSON_OBJECT) {
            error = jr_type_err(r->s, &ip, sv, "an object");
            break;
        }
        error = check_members(r, sv, &ip, service_members, "a service");
        jr_str(r->s, sv, &ip, "name", true, &error);
        ref = jr_str(r->s, sv, &ip, "bom-ref", false, &error);
        if (error < 0)
            break;
        if (ref)
            error = define_ref(r, ref, &ip, sv);
        data = jr_typed(r->s, sv, &ip, "data", TSNU_JSON_ARRAY, &error);
        for (size_t k = 0; data && k < data->len && error == 0; k++) {
            const tsnu_json *d = &data->u.items[k];
            tsnu_jpath kp = INDEX(&dp, k);
            if (d->type != TSNU_JSON_OBJECT) {
                error = jr_type_err(r->s, &kp, d, "an object");
                break;
            }
            /* SPEC: CDX dataFlow enumeration */
            error = jr_enum(r->s, d, &kp, "flow", tsn_cdx__data_flows, NULL);
        }
        if (error == 0)
            error = read_licenses(r, sv, &ip, &(const tsn_sbom_license *){0},
                                  &(size_t){0});
        if (error == 0)
            error = read_services(r, sv, &ip);
    }
    return error;
}

/* ---- dependencies ------------------------------------------------------- */

static int
read_dependencies(struct rd *r, const tsnu_json *root, const tsnu_jpath *path)
{
    int error = 0;
    const tsnu_json *arr =
        jr_typed(r->s, root, path, "dependencies", TSNU_JSON_ARRAY, &error);
    tsnu_jpath ap = CHILD(path, "dependencies");

    for (size_t i = 0; arr && i < arr->len && error == 0; i++) {
        const tsnu_json *d = &arr->u.items[i], *on;
        tsnu_jpath ip = INDEX(&ap, i);
        tsnu_jpath op = CHILD(&ip, "dependsOn");
        const char *ref;

        if (d->type != TSNU_JSON_OBJECT) {
            error = jr_type_err(r->s, &ip, d, "an object");
            break;
        }
        error = check_members(r, d, &ip, dependency_members, "a dependency");
        /* SPEC: CDX dependency.ref required, refLinkType minLength 1 */
        ref = jr_str(r->s, d, &ip, "ref", true, &error);
        if (error < 0 || !ref)
            continue;
        if (!*ref) {
            tsnu_jpath rp = CHILD(&ip, "ref");
            error = jr_err(r->s, &rp, tsnu_json_get(d, "ref"),
                           "dependency ref must not be empty");
            break;
        }
        error = use_dep(r, ref, i, SIZE_MAX, d, "dependency ref");
        on = jr_typed(r->s, d, &ip, "dependsOn", TSNU_JSON_ARRAY, &error);
        for (size_t k = 0; on && k < on->len && error == 0; k++) {
            const tsnu_json *t = &on->u.items[k];
            tsnu_jpath kp = INDEX(&op, k);
            if (t->type != TSNU_JSON_STRING) {
                error = jr_type_err(r->s, &kp, t, "a string");
                break;
            }
            if (!*t->u.str) {
                error =
                    jr_err(r->s, &kp, t, "dependsOn entry must not be empty");
                break;
            }
            error = use_dep(r, t->u.str, i, k, t, "dependsOn");
            if (error == 0)
                error = tsn_sbom__add_rel(r->s, ref, t->u.str, "DEPENDS_ON");
        }
    }
    return error;
}

/* ---- vulnerabilities ----------------------------------------------------- */

/* The ids of references[] (the same vulnerability in other databases). */
static int read_vuln_refs(struct rd *r,
                          const tsnu_json *v,
                          const tsnu_jpath *ip,
                          tsn_sbom_vuln *vu)
{
    int error = 0;
    const tsnu_json *arr =
        jr_typed(r->s, v, ip, "references", TSNU_JSON_ARRAY, &error);
    tsnu_jpath rp = CHILD(ip, "references");
    if (!arr || error < 0 || arr->len == 0)
        return error;
    const char **ids = tsnu_arena_calloc(&r->s->arena, arr->len, sizeof *ids);
    TSN_CHECK_ALLOC(ids);
    size_t n = 0;
    for (size_t i = 0; i < arr->len && error == 0; i++) {
        tsnu_jpath kp = INDEX(&rp, i);
        if (arr->u.items[i].type != TSNU_JSON_OBJECT)
            return jr_type_err(r->s, &kp, &arr->u.items[i], "an object");
        const char *id =
            jr_str(r->s, &arr->u.items[i], &kp, "id", true, &error);
        if (id)
            ids[n++] = id;
    }
    vu->references = ids;
    vu->n_references = n;
    return error;
}

/* analysis.response[]: each one of CycloneDX's words. */
static int read_responses(struct rd *r,
                          const tsnu_json *an,
                          const tsnu_jpath *anp,
                          tsn_sbom_vuln *vu)
{
    const char *const *words = tsn_cdx__responses;
    int error = 0;
    const tsnu_json *arr =
        jr_typed(r->s, an, anp, "response", TSNU_JSON_ARRAY, &error);
    tsnu_jpath rp = CHILD(anp, "response");
    if (!arr || error < 0 || arr->len == 0)
        return error;
    const char **out = tsnu_arena_calloc(&r->s->arena, arr->len, sizeof *out);
    TSN_CHECK_ALLOC(out);
    /* set first: a word refused below leaves those before it counted */
    vu->responses = out;
    for (size_t i = 0; i < arr->len; i++) {
        const tsnu_json *w = &arr->u.items[i];
        tsnu_jpath kp = INDEX(&rp, i);
        size_t k = 0;
        if (w->type != TSNU_JSON_STRING)
            return jr_type_err(r->s, &kp, w, "a string");
        while (words[k] && strcmp(words[k], w->u.str) != 0)
            k++;
        if (!words[k])
            return jr_err(r->s, &kp, w,
                          "not a response CycloneDX defines (can_not_fix, "
                          "will_not_fix, update, rollback, "
                          "workaround_available)");
        out[vu->n_responses++] = w->u.str;
    }
    return 0;
}

/* affects[k].versions[]: a version or a vers range each, with a status. */
static int read_affect_versions(struct rd *r,
                                const tsnu_json *a,
                                const tsnu_jpath *kp,
                                size_t k,
                                tsnu_vec *out)
{
    static const char *const statuses[] = {"affected", "unaffected", "unknown",
                                           NULL};
    int error = 0;
    const tsnu_json *arr =
        jr_typed(r->s, a, kp, "versions", TSNU_JSON_ARRAY, &error);
    tsnu_jpath vp = CHILD(kp, "versions");
    for (size_t i = 0; arr && error == 0 && i < arr->len; i++) {
        const tsnu_json *o = &arr->u.items[i];
        tsnu_jpath ip = INDEX(&vp, i);
        tsn_sbom_vuln_version ver = {k, NULL, NULL, "affected"};
        if (o->type != TSNU_JSON_OBJECT)
            return jr_type_err(r->s, &ip, o, "an object");
        ver.version = jr_str(r->s, o, &ip, "version", false, &error);
        ver.range = jr_str(r->s, o, &ip, "range", false, &error);
        if (error == 0 && !ver.version == !ver.range)
            return jr_err(r->s, &ip, o, "expected either a version or a range");
        if (error == 0)
            error = jr_enum(r->s, o, &ip, "status", statuses, &ver.status);
        if (error == 0 && !ver.status)
            ver.status = "affected";
        if (error == 0)
            error = tsnu_vec_push(out, &ver);
    }
    return error;
}

static int read_vulnerabilities(struct rd *r,
                                const tsnu_json *root,
                                const tsnu_jpath *path)
{
    int error = 0;
    tsnu_vec versions =
        TSNU_VEC_INIT(tsn_sbom_vuln_version, TSN_LIMIT_COMPONENTS);
    const tsnu_json *arr =
        jr_typed(r->s, root, path, "vulnerabilities", TSNU_JSON_ARRAY, &error);
    tsnu_jpath ap = CHILD(path, "vulnerabilities");

    for (size_t i = 0; arr && i < arr->len && error == 0; i++) {
        const tsnu_json *v = &arr->u.items[i], *an, *aff;
        tsnu_jpath ip = INDEX(&ap, i);
        tsnu_jpath anp = CHILD(&ip, "analysis");
        tsnu_jpath afp = CHILD(&ip, "affects");
        tsn_sbom_vuln *vu;
        const char **refs;
        size_t n = 0;

        if (v->type != TSNU_JSON_OBJECT) {
            error = jr_type_err(r->s, &ip, v, "an object");
            break;
        }
        error = tsn_sbom__add_vuln(r->s, &vu);
        if (error == 0)
            error = check_members(r, v, &ip, vulnerability_members,
                                  "a vulnerability");
        if (error < 0)
            break;
        vu->ref = jr_str(r->s, v, &ip, "bom-ref", false, &error);
        vu->id = jr_str(r->s, v, &ip, "id", false, &error);
        vu->description = jr_str(r->s, v, &ip, "description", false, &error);
        vu->detail = jr_str(r->s, v, &ip, "detail", false, &error);
        vu->source = entity_name(tsnu_json_get(v, "source"));
        if (error < 0)
            break;
        if (vu->ref)
            error = define_ref(r, vu->ref, &ip, v);
        vu->where = jr_loc(r->s, &ip, v);
        TSN_CHECK_ALLOC(vu->where);
        vu->updated = jr_str(r->s, v, &ip, "updated", false, &error);
        if (!vu->updated)
            vu->updated = jr_str(r->s, v, &ip, "published", false, &error);
        if (error == 0)
            error = read_vuln_refs(r, v, &ip, vu);
        an = jr_typed(r->s, v, &ip, "analysis", TSNU_JSON_OBJECT, &error);
        if (an && error == 0) {
            const char *upd;
            error = jr_enum(r->s, an, &anp, "state", tsn_cdx__analysis_states,
                            &vu->state);
            if (error == 0)
                error = jr_enum(r->s, an, &anp, "justification",
                                tsn_cdx__justifications, &vu->justification);
            vu->analysis_detail =
                jr_str(r->s, an, &anp, "detail", false, &error);
            if (!vu->detail)
                vu->detail = vu->analysis_detail;
            if ((upd = jr_str(r->s, an, &anp, "lastUpdated", false, &error)))
                vu->updated = upd;
            if (error == 0)
                error = read_responses(r, an, &anp, vu);
        }
        aff = jr_typed(r->s, v, &ip, "affects", TSNU_JSON_ARRAY, &error);
        if (!aff || error < 0)
            continue;
        refs = tsnu_arena_calloc(&r->s->arena, aff->len ? aff->len : 1,
                                 sizeof *refs);
        TSN_CHECK_ALLOC(refs);
        for (size_t k = 0; k < aff->len && error == 0; k++) {
            const tsnu_json *a = &aff->u.items[k];
            tsnu_jpath kp = INDEX(&afp, k);
            const char *ref;
            if (a->type != TSNU_JSON_OBJECT) {
                error = jr_type_err(r->s, &kp, a, "an object");
                break;
            }
            /* SPEC: CDX affects.ref required */
            ref = jr_str(r->s, a, &kp, "ref", true, &error);
            if (ref) {
                refs[n++] = ref;
                if (error == 0)
                    error = read_affect_versions(r, a, &kp, n - 1, &versions);
            }
        }
        vu->affects = refs;
        vu->n_affects = n;
        if (error == 0 && versions.len) {
            vu->n_versions = versions.len;
            vu->versions = tsnu_vec_copy(&versions, &r->s->arena);
            TSN_CHECK_ALLOC(vu->versions);
        }
        versions.len = 0;
    }
    tsnu_vec_dispose(&versions);
    return error;
}

/* ---- metadata ------------------------------------------------------------ */

static int
read_tools(struct rd *r, const tsnu_json *meta, const tsnu_jpath *path)
{
    const tsnu_json *tools = tsnu_json_get(meta, "tools");
    const char **names;
    size_t n = 0, cap = 0;
    const tsnu_json *lists[2] = {NULL, NULL};

    if (!tools)
        return 0;
    if (tools->type == TSNU_JSON_ARRAY) {
        lists[0] = tools; /* legacy: array of tools */
    } else if (tools->type == TSNU_JSON_OBJECT) {
        /* 1.5+: {components: [...], services: [...]} */
        lists[0] = tsnu_json_get(tools, "components");
        lists[1] = tsnu_json_get(tools, "services");
    } else {
        tsnu_jpath tp = CHILD(path, "tools");
        return jr_type_err(r->s, &tp, tools, "an array or an object");
    }
    for (int l = 0; l < 2; l++)
        if (lists[l] && lists[l]->type == TSNU_JSON_ARRAY)
            cap += lists[l]->len;
    names = tsnu_arena_calloc(&r->s->arena, cap ? cap : 1, sizeof *names);
    TSN_CHECK_ALLOC(names);
    for (int l = 0; l < 2; l++) {
        if (!lists[l] || lists[l]->type != TSNU_JSON_ARRAY)
            continue;
        for (size_t i = 0; i < lists[l]->len; i++) {
            const tsnu_json *t = &lists[l]->u.items[i];
            const char *name = tsnu_json_get_str(t, "name");
            const char *ver = tsnu_json_get_str(t, "version");
            const char *vendor = entity_name(tsnu_json_get(t, "vendor"));
            if (!vendor)
                vendor = tsnu_json_get_str(t, "group");
            if (!name)
                continue;
            names[n] = tsnu_arena_printf(
                &r->s->arena, "%s%s%s%s%s", vendor ? vendor : "",
                vendor ? " " : "", name, ver ? " " : "", ver ? ver : "");
            TSN_CHECK_ALLOC(names[n]);
            n++;
        }
    }
    r->s->doc.tools = names;
    r->s->doc.n_tools = n;
    return 0;
}

static int
read_metadata(struct rd *r, const tsnu_json *root, const tsnu_jpath *path)
{
    int error = 0;
    const tsnu_json *meta =
        jr_typed(r->s, root, path, "metadata", TSNU_JSON_OBJECT, &error);
    tsnu_jpath mp = CHILD(path, "metadata");
    const tsnu_json *comp, *authors;
    tsn_sbom_doc *doc = &r->s->doc;

    if (!meta || error < 0)
        return error;
    error = check_members(r, meta, &mp, metadata_members, "metadata");
    doc->timestamp = jr_str(r->s, meta, &mp, "timestamp", false, &error);
    if (error < 0)
        return error;
    if (doc->timestamp && !tsn_rules__datetime(doc->timestamp)) {
        tsnu_jpath tp = CHILD(&mp, "timestamp");
        /* SPEC: CDX metadata.timestamp format date-time */
        error = jr_err(r->s, &tp, tsnu_json_get(meta, "timestamp"),
                       "not an RFC 3339 date-time");
        if (error < 0)
            return error;
    }
    authors = jr_typed(r->s, meta, &mp, "authors", TSNU_JSON_ARRAY, &error);
    if (authors && authors->len) {
        const char **names =
            tsnu_arena_calloc(&r->s->arena, authors->len, sizeof *names);
        size_t n = 0;
        TSN_CHECK_ALLOC(names);
        for (size_t i = 0; i < authors->len; i++) {
            const tsnu_json *a = &authors->u.items[i];
            const char *name = entity_name(a);
            if (!name)
                name = tsnu_json_get_str(a, "email");
            if (name)
                names[n++] = name;
        }
        doc->authors = names;
        doc->n_authors = n;
    }
    error = read_tools(r, meta, &mp);
    if (error == 0)
        error = read_licenses(r, meta, &mp, &(const tsn_sbom_license *){0},
                              &(size_t){0});
    if (error == 0)
        error = read_properties(r, meta, &mp, &(const tsn_sbom_property *){0},
                                &(size_t){0});
    if (error < 0)
        return error;
    /* SPEC: CDX-1.5 metadata.lifecycles[].phase enumeration */
    {
        static const char *const phases[] = {
            "design",     "pre-build", "build",        "post-build",
            "operations", "discovery", "decommission", NULL};
        const tsnu_json *lc =
            jr_typed(r->s, meta, &mp, "lifecycles", TSNU_JSON_ARRAY, &error);
        tsnu_jpath lp = CHILD(&mp, "lifecycles");
        for (size_t i = 0; lc && i < lc->len && error == 0; i++) {
            tsnu_jpath ip = INDEX(&lp, i);
            error = jr_enum(r->s, &lc->u.items[i], &ip, "phase", phases, NULL);
        }
    }
    /* SPEC: CDX-1.5 metadata.distributionConstraints.tlp enumeration */
    {
        static const char *const tlp[] = {
            "CLEAR", "GREEN", "AMBER", "AMBER_AND_STRICT", "RED", NULL};
        const tsnu_json *dc =
            jr_typed(r->s, meta, &mp, "distributionConstraints",
                     TSNU_JSON_OBJECT, &error);
        if (dc && error == 0) {
            tsnu_jpath dp = CHILD(&mp, "distributionConstraints");
            error = jr_enum(r->s, dc, &dp, "tlp", tlp, NULL);
        }
    }
    if (error < 0)
        return error;
    comp = tsnu_json_get(meta, "component");
    if (comp) {
        tsnu_jpath cp = CHILD(&mp, "component");
        size_t idx;
        error = read_component(r, comp, &cp, TSN_SBOM_NONE, &idx);
        if (error < 0)
            return error;
        doc->root = idx;
    }
    {
        const tsnu_json *sup = tsnu_json_get(meta, "supplier");
        if (!sup)
            sup = tsnu_json_get(meta, "manufacture");
        if (doc->root != TSN_SBOM_NONE && sup) {
            tsn_sbom_component *rc = tsn_sbom__comp(r->s, doc->root);
            if (!rc->supplier)
                rc->supplier = entity_name(sup);
        }
    }
    return 0;
}

/* ---- citations (1.7) ----------------------------------------------------- */

static int
read_citations(struct rd *r, const tsnu_json *root, const tsnu_jpath *path)
{
    int error = 0;
    const tsnu_json *arr =
        jr_typed(r->s, root, path, "citations", TSNU_JSON_ARRAY, &error);
    tsnu_jpath ap = CHILD(path, "citations");
    for (size_t i = 0; arr && i < arr->len && error == 0; i++) {
        const tsnu_json *c = &arr->u.items[i];
        tsnu_jpath ip = INDEX(&ap, i);
        const char *ref;
        if (c->type != TSNU_JSON_OBJECT) {
            error = jr_type_err(r->s, &ip, c, "an object");
            break;
        }
        ref = jr_str(r->s, c, &ip, "bom-ref", false, &error);
        if (ref && error == 0)
            error = define_ref(r, ref, &ip, c);
        /* SPEC: CDX-1.7 citation: attributedTo or process required;
         * pointers and expressions are exclusive */
        if (error == 0 && !tsnu_json_get(c, "attributedTo") &&
            !tsnu_json_get(c, "process"))
            error = jr_err(r->s, &ip, c,
                           "a citation needs \"attributedTo\" or \"process\"");
        if (error == 0 && tsnu_json_get(c, "pointers") &&
            tsnu_json_get(c, "expressions"))
            error =
                jr_err(r->s, &ip, c,
                       "a citation has \"pointers\" or \"expressions\", not "
                       "both");
    }
    return error;
}

int tsn_cdx__read_json(tsn_sbom *s, const char *data, size_t len)
{
    struct rd r = {s, 0, {TSNU_STRSET_INIT, {0}}};
    tsnu_json_opts jo = {.max_depth = s->ctx->limits.depth,
                         .max_string = s->ctx->limits.field_bytes};
    tsnu_json *root = NULL;
    tsnu_jpath top = {NULL, NULL, 0};
    const tsnu_json *ver;
    const char *fmt, *sv, *serial;
    int error;

    error = tsnu_json_parse(&root, &s->arena, data, len, &jo, s->name);
    if (error < 0)
        return error;
    if (root->type != TSNU_JSON_OBJECT)
        return tsn_error_set(TSN_EINVALID,
                             "%s:%u: /: a CycloneDX document is a JSON "
                             "object",
                             s->name, root->line);
    error = 0;
    /* SPEC: CDX bomFormat const "CycloneDX", specVersion required */
    fmt = jr_str(r.s, root, NULL, "bomFormat", true, &error);
    sv = jr_str(r.s, root, NULL, "specVersion", true, &error);
    if (error < 0)
        goto done;
    if (fmt && strcmp(fmt, "CycloneDX") != 0) {
        tsnu_jpath p = CHILD(NULL, "bomFormat");
        error = jr_err(r.s, &p, tsnu_json_get(root, "bomFormat"),
                       "bomFormat must be \"CycloneDX\"");
        if (error < 0)
            goto done;
    }
    r.minor = tsn_cdx__minor(sv);
    if (sv && (r.minor < 2)) {
        error = tsn_error_set(TSN_EUNSUPPORTED,
                              "%s: CycloneDX JSON specVersion \"%.20s\" is "
                              "not supported (1.2 to 1.7 are)",
                              s->name, sv);
        goto done;
    }
    if (!sv)
        r.minor = 6;
    s->doc.spec_version = sv;
    serial = jr_str(r.s, root, &top, "serialNumber", false, &error);
    s->doc.serial = serial;
    if (serial && !tsn_rules__urn_uuid(serial)) {
        tsnu_jpath p = CHILD(NULL, "serialNumber");
        /* SPEC: CDX serialNumber pattern ^urn:uuid:... */
        error = jr_err(r.s, &p, tsnu_json_get(root, "serialNumber"),
                       "serialNumber must be a urn:uuid: URN (RFC 4122)");
    }
    ver = tsnu_json_get(root, "version");
    if (ver && error == 0) {
        tsnu_jpath p = CHILD(NULL, "version");
        char *end;
        long v =
            ver->type == TSNU_JSON_NUMBER ? strtol(ver->u.str, &end, 10) : 0;
        /* SPEC: CDX version integer, minimum 1 */
        if (ver->type != TSNU_JSON_NUMBER || *end || v < 1)
            error = jr_err(r.s, &p, ver, "version must be an integer >= 1");
        else
            s->doc.version = v;
    }
    if (error == 0)
        error = check_members(&r, root, NULL, root_members, "the BOM");
    if (error == 0)
        error = read_metadata(&r, root, NULL);
    if (error == 0)
        error = read_components(&r, root, NULL, "components", TSN_SBOM_NONE);
    if (error == 0)
        error = read_services(&r, root, NULL);
    if (error == 0)
        error = read_dependencies(&r, root, NULL);
    if (error == 0)
        error = read_vulnerabilities(&r, root, NULL);
    if (error == 0)
        error = read_citations(&r, root, NULL);
    if (error == 0)
        error = tsn_cdx__resolve_refs(s, &r.refs);
done:
    tsn_cdx__refs_dispose(&r.refs);
    return error;
}
