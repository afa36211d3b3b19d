/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SPDX 2.2 / 2.3 JSON reader. Packages and files become components;
 * relationships (plus documentDescribes and hasFiles, which are
 * shorthands for DESCRIBES and CONTAINS edges) become the graph; the
 * described package becomes the root. Rules of the SPDX 2.3 JSON schema
 * and specification are recorded as diagnostics.
 */
#include "jread.h"
#include "spdx.h"

#include <string.h>

struct rd {
    tsn_sbom *s;
    tsnu_strset ids;   /* SPDXIDs defined */
    tsnu_strset edges; /* "from\x1ftype\x1fto" of edges already added */
    tsnu_vec uses;     /* struct use: references to resolve */
    tsnu_vec contains; /* struct edge: hasFiles, added after relationships */
};

struct edge {
    const char *from, *to;
};

struct use {
    const char *ref;
    const char *location;
};

static int
define_id(struct rd *r, const char *id, const tsnu_jpath *p, const tsnu_json *v)
{
    int added;
    if (!tsn_spdx__valid_id(id))
        return tsn_sbom__diag(r->s, TSN_DIAG_ERROR, jr_loc(r->s, p, v),
                              "\"%.100s\" is not an SPDXID (SPDXRef- "
                              "followed by letters, digits, '.' or '-')",
                              id);
    added = tsnu_strset_add(&r->ids, id);
    if (added < 0)
        return added;
    if (added == 0)
        /* SPEC: SPDX-2.3 §7.2 SPDXID unique within the document */
        return tsn_sbom__diag(r->s, TSN_DIAG_ERROR, jr_loc(r->s, p, v),
                              "duplicate SPDXID \"%.200s\"", id);
    return 0;
}

static int
use_id(struct rd *r, const char *id, const tsnu_jpath *p, const tsnu_json *v)
{
    struct use u = {id, NULL};
    /* References into other documents and the special values resolve
     * outside this document. */
    if (strncmp(id, "DocumentRef-", 12) == 0 || strcmp(id, "NONE") == 0 ||
        strcmp(id, "NOASSERTION") == 0)
        return 0;
    u.location = jr_loc(r->s, p, v);
    if (!u.location)
        return tsn_error_oom();
    return tsnu_vec_push(&r->uses, &u);
}

/* Add an edge unless the same edge is already in the graph. */
static int
add_edge(struct rd *r, const char *from, const char *type, const char *to)
{
    const char *key =
        tsnu_arena_printf(&r->s->arena, "%s\x1f%s\x1f%s", from, type, to);
    int added;
    if (!key)
        return tsn_error_oom();
    added = tsnu_strset_add(&r->edges, key);
    if (added <= 0)
        return added;
    return tsn_sbom__add_rel(r->s, from, to, type);
}

static int license_expr(struct rd *r,
                        const char *v,
                        const tsnu_jpath *p,
                        const tsnu_json *node)
{
    const char *why;
    if (!tsn_spdx__license_value(v))
        return 0;
    /* SPEC: SPDX-2.3 Annex D licence expression syntax */
    if (tsn_rules__spdx_expression(v, &why) < 0)
        return tsn_sbom__diag(r->s, TSN_DIAG_ERROR, jr_loc(r->s, p, node),
                              "licence expression: %s", why);
    return 0;
}

/* SPDX checksum algorithm -> CycloneDX name (or itself), NULL if unknown. */
static const char *spdx_alg(const char *alg)
{
    return tsn_rules__in(alg, tsn_spdx__checksum_algs) ? tsn_spdx__hash_alg(alg)
                                                       : NULL;
}

static int read_licenses(struct rd *r,
                         const tsnu_json *obj,
                         const tsnu_jpath *path,
                         tsn_sbom_component *c)
{
    static const char *const keys[2] = {"licenseConcluded", "licenseDeclared"};
    tsn_sbom_license *l = tsnu_arena_calloc(&r->s->arena, 2, sizeof *l);
    size_t n = 0;
    int error = 0;

    TSN_CHECK_ALLOC(l);
    for (int k = 0; k < 2 && error == 0; k++) {
        const char *v = jr_str(r->s, obj, path, keys[k], false, &error);
        tsnu_jpath kp = CHILD(path, keys[k]);
        if (error < 0 || !tsn_spdx__license_value(v))
            continue;
        error = license_expr(r, v, &kp, tsnu_json_get(obj, keys[k]));
        l[n].expression = v;
        l[n].kind = k == 0 ? TSN_LICENSE_CONCLUDED : TSN_LICENSE_DECLARED;
        n++;
    }
    c->licenses = l;
    c->n_licenses = n;
    return error;
}

static int read_extrefs(struct rd *r,
                        const tsnu_json *pkg,
                        const tsnu_jpath *path,
                        tsn_sbom_component *c)
{
    int error = 0;
    const tsnu_json *arr =
        jr_typed(r->s, pkg, path, "externalRefs", TSNU_JSON_ARRAY, &error);
    tsnu_jpath ap = CHILD(path, "externalRefs");
    const char *dl = jr_str(r->s, pkg, path, "downloadLocation", false, &error);
    const char *home = jr_str(r->s, pkg, path, "homepage", false, &error);
    size_t cap = (arr ? arr->len : 0) + 2, n = 0, ncpe = 0;
    tsn_sbom_extref *x;
    const char **cpes;

    if (error < 0)
        return error;
    x = tsnu_arena_calloc(&r->s->arena, cap, sizeof *x);
    cpes = tsnu_arena_calloc(&r->s->arena, cap, sizeof *cpes);
    TSN_CHECK_ALLOC(x);
    TSN_CHECK_ALLOC(cpes);
    if (tsn_spdx__license_value(dl)) {
        x[n].type = "distribution";
        x[n++].url = dl;
    }
    if (tsn_spdx__license_value(home)) {
        x[n].type = "website";
        x[n++].url = home;
    }
    for (size_t i = 0; arr && i < arr->len && error == 0; i++) {
        const tsnu_json *e = &arr->u.items[i];
        tsnu_jpath ip = INDEX(&ap, i);
        const char *type, *loc;
        if (e->type != TSNU_JSON_OBJECT) {
            error = jr_type_err(r->s, &ip, e, "an object");
            break;
        }
        /* SPEC: SPDX-2.3 §7.21 external reference: category, type and
         * locator required */
        jr_str(r->s, e, &ip, "referenceCategory", true, &error);
        type = jr_str(r->s, e, &ip, "referenceType", true, &error);
        loc = jr_str(r->s, e, &ip, "referenceLocator", true, &error);
        if (error < 0 || !type || !loc)
            continue;
        error = jr_enum(r->s, e, &ip, "referenceCategory",
                        tsn_spdx__ref_categories, NULL);
        if (strcmp(type, "purl") == 0) {
            char why[512];
            int rc = tsn_rules__purl(loc, why, sizeof why);
            tsnu_jpath lp = CHILD(&ip, "referenceLocator");
            if (rc < 0)
                return rc;
            if (!c->purl) {
                c->purl = loc;
                c->purl_invalid = rc;
            }
            if (rc)
                error = jr_err(r->s, &lp, tsnu_json_get(e, "referenceLocator"),
                               why);
        } else if (strcmp(type, "cpe23Type") == 0 ||
                   strcmp(type, "cpe22Type") == 0) {
            cpes[ncpe++] = loc;
        } else {
            x[n].type = type;
            x[n++].url = loc;
        }
    }
    c->extrefs = x;
    c->n_extrefs = n;
    c->cpes = ncpe ? cpes : NULL;
    c->n_cpes = ncpe;
    return error;
}

static int read_packages(struct rd *r, const tsnu_json *root)
{
    int error = 0;
    const tsnu_json *arr =
        jr_typed(r->s, root, NULL, "packages", TSNU_JSON_ARRAY, &error);
    tsnu_jpath ap = CHILD(NULL, "packages");

    for (size_t i = 0; arr && i < arr->len && error == 0; i++) {
        const tsnu_json *p = &arr->u.items[i], *files;
        tsnu_jpath ip = INDEX(&ap, i);
        tsn_sbom_component *c;
        const char *purpose;
        size_t idx;

        if (p->type != TSNU_JSON_OBJECT) {
            error = jr_type_err(r->s, &ip, p, "an object");
            break;
        }
        error = tsn_sbom__add_component(r->s, &idx);
        if (error < 0)
            break;
        c = tsn_sbom__comp(r->s, idx);
        /* SPEC: SPDX-2.3 §7 package: SPDXID, name, downloadLocation
         * required */
        c->ref = jr_str(r->s, p, &ip, "SPDXID", true, &error);
        c->name = jr_str(r->s, p, &ip, "name", true, &error);
        jr_str(r->s, p, &ip, "downloadLocation", true, &error);
        c->version = jr_str(r->s, p, &ip, "versionInfo", false, &error);
        c->description = jr_str(r->s, p, &ip, "description", false, &error);
        c->copyright = jr_str(r->s, p, &ip, "copyrightText", false, &error);
        if (error < 0)
            break;
        c->supplier = tsn_spdx__actor_name(&r->s->arena,
                                           tsnu_json_get_str(p, "supplier"));
        c->author = tsn_spdx__actor_name(&r->s->arena,
                                         tsnu_json_get_str(p, "originator"));
        error = jr_enum(r->s, p, &ip, "primaryPackagePurpose",
                        tsn_spdx__purposes, &purpose);
        c->type = tsn_spdx__purpose_type(purpose);
        if (error == 0 && c->ref) {
            tsnu_jpath sp = CHILD(&ip, "SPDXID");
            error = define_id(r, c->ref, &sp, tsnu_json_get(p, "SPDXID"));
        }
        if (error == 0)
            error = jr_hashes(r->s, p, &ip, "checksums", "algorithm",
                              "checksumValue", spdx_alg, c);
        if (error == 0)
            error = read_licenses(r, p, &ip, c);
        if (error == 0)
            error = read_extrefs(r, p, &ip, c);
        files = jr_typed(r->s, p, &ip, "hasFiles", TSNU_JSON_ARRAY, &error);
        for (size_t k = 0; files && k < files->len && error == 0; k++) {
            const tsnu_json *f = &files->u.items[k];
            tsnu_jpath hp = CHILD(&ip, "hasFiles");
            tsnu_jpath kp = INDEX(&hp, k);
            if (f->type != TSNU_JSON_STRING) {
                error = jr_type_err(r->s, &kp, f, "a string");
                break;
            }
            error = use_id(r, f->u.str, &kp, f);
            if (error == 0 && c->ref) {
                struct edge e = {c->ref, f->u.str};
                error = tsnu_vec_push(&r->contains, &e);
            }
        }
    }
    return error;
}

static int read_files(struct rd *r, const tsnu_json *root)
{
    int error = 0;
    const tsnu_json *arr =
        jr_typed(r->s, root, NULL, "files", TSNU_JSON_ARRAY, &error);
    tsnu_jpath ap = CHILD(NULL, "files");

    for (size_t i = 0; arr && i < arr->len && error == 0; i++) {
        const tsnu_json *f = &arr->u.items[i];
        tsnu_jpath ip = INDEX(&ap, i);
        tsn_sbom_component *c;
        size_t idx;

        if (f->type != TSNU_JSON_OBJECT) {
            error = jr_type_err(r->s, &ip, f, "an object");
            break;
        }
        error = tsn_sbom__add_component(r->s, &idx);
        if (error < 0)
            break;
        c = tsn_sbom__comp(r->s, idx);
        c->type = "file";
        /* SPEC: SPDX-2.3 §8 file: SPDXID, fileName required */
        c->ref = jr_str(r->s, f, &ip, "SPDXID", true, &error);
        c->name = jr_str(r->s, f, &ip, "fileName", true, &error);
        c->copyright = jr_str(r->s, f, &ip, "copyrightText", false, &error);
        if (error == 0 && c->ref) {
            tsnu_jpath sp = CHILD(&ip, "SPDXID");
            error = define_id(r, c->ref, &sp, tsnu_json_get(f, "SPDXID"));
        }
        if (error == 0)
            error = jr_hashes(r->s, f, &ip, "checksums", "algorithm",
                              "checksumValue", spdx_alg, c);
        if (error == 0)
            error = read_licenses(r, f, &ip, c);
    }
    return error;
}

static int read_relationships(struct rd *r, const tsnu_json *root)
{
    int error = 0;
    const tsnu_json *arr =
        jr_typed(r->s, root, NULL, "relationships", TSNU_JSON_ARRAY, &error);
    const tsnu_json *desc = jr_typed(r->s, root, NULL, "documentDescribes",
                                     TSNU_JSON_ARRAY, &error);
    tsnu_jpath ap = CHILD(NULL, "relationships");
    tsnu_jpath dp = CHILD(NULL, "documentDescribes");

    for (size_t i = 0; arr && i < arr->len && error == 0; i++) {
        const tsnu_json *e = &arr->u.items[i];
        tsnu_jpath ip = INDEX(&ap, i);
        const char *from, *to, *type;
        if (e->type != TSNU_JSON_OBJECT) {
            error = jr_type_err(r->s, &ip, e, "an object");
            break;
        }
        /* SPEC: SPDX-2.3 §11 relationship: element, type, related element
         * required; type from the enumeration; both ends resolve */
        from = jr_str(r->s, e, &ip, "spdxElementId", true, &error);
        to = jr_str(r->s, e, &ip, "relatedSpdxElement", true, &error);
        type = jr_str(r->s, e, &ip, "relationshipType", true, &error);
        if (error < 0 || !from || !to || !type)
            continue;
        error = jr_enum(r->s, e, &ip, "relationshipType",
                        tsn_spdx__relationship_types, NULL);
        if (error == 0) {
            tsnu_jpath fp = CHILD(&ip, "spdxElementId");
            error = use_id(r, from, &fp, tsnu_json_get(e, "spdxElementId"));
        }
        if (error == 0) {
            tsnu_jpath tp = CHILD(&ip, "relatedSpdxElement");
            error = use_id(r, to, &tp, tsnu_json_get(e, "relatedSpdxElement"));
        }
        if (error == 0) {
            /* Relationships are kept as written, duplicates included. */
            const char *key = tsnu_arena_printf(&r->s->arena, "%s\x1f%s\x1f%s",
                                                from, type, to);
            TSN_CHECK_ALLOC(key);
            error = tsnu_strset_add(&r->edges, key);
            if (error >= 0)
                error = tsn_sbom__add_rel(r->s, from, to, type);
        }
    }
    for (size_t i = 0; desc && i < desc->len && error == 0; i++) {
        const tsnu_json *d = &desc->u.items[i];
        tsnu_jpath ip = INDEX(&dp, i);
        if (d->type != TSNU_JSON_STRING) {
            error = jr_type_err(r->s, &ip, d, "a string");
            break;
        }
        error = use_id(r, d->u.str, &ip, d);
        if (error == 0)
            error = add_edge(r, "SPDXRef-DOCUMENT", "DESCRIBES", d->u.str);
    }
    /* hasFiles is shorthand for CONTAINS edges; add those not written out
     * as relationships already. */
    for (size_t i = 0; i < r->contains.len && error == 0; i++) {
        struct edge *e = TSNU_VEC_AT(&r->contains, struct edge, i);
        error = add_edge(r, e->from, "CONTAINS", e->to);
    }
    return error;
}

/* The described package: the target of the document's DESCRIBES edge. */
static void find_root(tsn_sbom *s)
{
    const char *target = NULL;
    for (size_t i = 0; i < s->rels.len && !target; i++) {
        const tsn_sbom_relationship *r =
            TSNU_VEC_AT(&s->rels, tsn_sbom_relationship, i);
        if (strcmp(r->type, "DESCRIBES") == 0 &&
            strcmp(r->from, "SPDXRef-DOCUMENT") == 0)
            target = r->to;
        else if (strcmp(r->type, "DESCRIBED_BY") == 0 &&
                 strcmp(r->to, "SPDXRef-DOCUMENT") == 0)
            target = r->from;
    }
    for (size_t i = 0; target && i < s->comps.len; i++) {
        tsn_sbom_component *c = tsn_sbom__comp(s, i);
        if (c->ref && strcmp(c->ref, target) == 0) {
            s->doc.root = i;
            return;
        }
    }
}

static int read_creation(struct rd *r, const tsnu_json *root)
{
    int error = 0;
    const tsnu_json *ci =
        jr_typed(r->s, root, NULL, "creationInfo", TSNU_JSON_OBJECT, &error);
    tsnu_jpath cp = CHILD(NULL, "creationInfo");
    const tsnu_json *creators;
    const char **people, **tools;
    size_t np = 0, nt = 0;

    if (error < 0)
        return error;
    /* SPEC: SPDX-2.3 §6.8-6.9 creationInfo: created and creators required */
    if (!ci)
        return tsn_sbom__diag(r->s, TSN_DIAG_ERROR, jr_loc(r->s, NULL, root),
                              "required property \"creationInfo\" is missing");
    r->s->doc.timestamp = jr_str(r->s, ci, &cp, "created", true, &error);
    if (error == 0 && r->s->doc.timestamp &&
        !tsn_rules__datetime(r->s->doc.timestamp)) {
        tsnu_jpath tp = CHILD(&cp, "created");
        error = jr_err(r->s, &tp, tsnu_json_get(ci, "created"),
                       "not an RFC 3339 date-time");
    }
    creators = jr_typed(r->s, ci, &cp, "creators", TSNU_JSON_ARRAY, &error);
    if (error < 0)
        return error;
    if (!creators || creators->len == 0)
        return jr_err(r->s, &cp, ci, "creators needs at least one entry");
    people = tsnu_arena_calloc(&r->s->arena, creators->len, sizeof *people);
    tools = tsnu_arena_calloc(&r->s->arena, creators->len, sizeof *tools);
    TSN_CHECK_ALLOC(people);
    TSN_CHECK_ALLOC(tools);
    for (size_t i = 0; i < creators->len; i++) {
        const tsnu_json *c = &creators->u.items[i];
        const char *name;
        if (c->type != TSNU_JSON_STRING)
            continue;
        name = tsn_spdx__actor_name(&r->s->arena, c->u.str);
        if (!name)
            continue;
        if (strncmp(c->u.str, "Tool", 4) == 0)
            tools[nt++] = name;
        else
            people[np++] = name;
    }
    r->s->doc.authors = people;
    r->s->doc.n_authors = np;
    r->s->doc.tools = tools;
    r->s->doc.n_tools = nt;
    return 0;
}

int tsn_spdx__read_json(tsn_sbom *s, const char *data, size_t len)
{
    struct rd r = {s, TSNU_STRSET_INIT, TSNU_STRSET_INIT,
                   TSNU_VEC_INIT(struct use, SIZE_MAX / 64),
                   TSNU_VEC_INIT(struct edge, SIZE_MAX / 64)};
    tsnu_json_opts jo = {.max_depth = s->ctx->limits.depth,
                         .max_string = s->ctx->limits.field_bytes};
    tsnu_json *root = NULL;
    const char *ver, *id, *ns, *dl;
    int error;

    error = tsnu_json_parse(&root, &s->arena, data, len, &jo, s->name);
    if (error < 0)
        return error;
    if (root->type != TSNU_JSON_OBJECT)
        return tsn_error_set(TSN_EINVALID,
                             "%s:%u: /: an SPDX document is a JSON object",
                             s->name, root->line);
    error = 0;
    ver = jr_str(s, root, NULL, "spdxVersion", true, &error);
    if (error < 0)
        goto done;
    if (ver && strcmp(ver, "SPDX-2.2") != 0 && strcmp(ver, "SPDX-2.3") != 0) {
        error = tsn_error_set(TSN_EUNSUPPORTED,
                              "%s: spdxVersion \"%.20s\" is not supported "
                              "(SPDX-2.2 and SPDX-2.3 are)",
                              s->name, ver);
        goto done;
    }
    s->doc.spec_version = ver;
    /* SPEC: SPDX-2.3 §6 document: SPDXID, name, dataLicense,
     * documentNamespace required */
    id = jr_str(s, root, NULL, "SPDXID", true, &error);
    s->doc.name = jr_str(s, root, NULL, "name", true, &error);
    dl = jr_str(s, root, NULL, "dataLicense", true, &error);
    ns = jr_str(s, root, NULL, "documentNamespace", true, &error);
    s->doc.data_license = dl;
    s->doc.serial = ns;
    if (error < 0)
        goto done;
    if (id && strcmp(id, "SPDXRef-DOCUMENT") != 0) {
        tsnu_jpath p = CHILD(NULL, "SPDXID");
        error = jr_err(s, &p, tsnu_json_get(root, "SPDXID"),
                       "the document's SPDXID must be SPDXRef-DOCUMENT");
    }
    if (error == 0 && dl && strcmp(dl, "CC0-1.0") != 0) {
        tsnu_jpath p = CHILD(NULL, "dataLicense");
        /* SPEC: SPDX-2.3 §6.2 data licence is CC0-1.0 */
        error = jr_err(s, &p, tsnu_json_get(root, "dataLicense"),
                       "dataLicense must be CC0-1.0");
    }
    if (error == 0 && ns && (strchr(ns, '#') || !strstr(ns, ":"))) {
        tsnu_jpath p = CHILD(NULL, "documentNamespace");
        /* SPEC: SPDX-2.3 §6.5 namespace: an absolute URI without '#' */
        error = jr_err(s, &p, tsnu_json_get(root, "documentNamespace"),
                       "documentNamespace must be an absolute URI without "
                       "'#'");
    }
    if (error == 0)
        error = tsnu_strset_add(&r.ids, "SPDXRef-DOCUMENT");
    if (error >= 0)
        error = read_creation(&r, root);
    if (error == 0)
        error = read_packages(&r, root);
    if (error == 0)
        error = read_files(&r, root);
    if (error == 0)
        error = read_relationships(&r, root);
    for (size_t i = 0; error == 0 && i < r.uses.len; i++) {
        struct use *u = TSNU_VEC_AT(&r.uses, struct use, i);
        if (!tsnu_strset_has(&r.ids, u->ref))
            error = tsn_sbom__diag(s, TSN_DIAG_ERROR, u->location,
                                   "\"%.200s\" does not match any SPDXID "
                                   "in the document",
                                   u->ref);
    }
    if (error == 0)
        find_root(s);
done:
    tsnu_strset_dispose(&r.ids);
    tsnu_strset_dispose(&r.edges);
    tsnu_vec_dispose(&r.uses);
    tsnu_vec_dispose(&r.contains);
    return error;
}
