/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SPDX 3.0 JSON-LD reader (compact form with the SPDX 3 context, as the
 * specification serialises it). Packages (also AI and dataset packages)
 * and files become components; Relationship and
 * LifecycleScopedRelationship elements become edges, one per "to" entry,
 * except hasConcludedLicense / hasDeclaredLicense, which become the
 * components' licences; SpdxDocument and its CreationInfo give the
 * document metadata, and its root element (through an Sbom element when
 * there is one) the root component.
 */
#include "jread.h"

#include <string.h>

/* SPEC: SPDX-3.0.1 Core/Vocabularies/RelationshipType */
static const char *const rel_types[] = {"affects",
                                        "amendedBy",
                                        "ancestorOf",
                                        "availableFrom",
                                        "configures",
                                        "contains",
                                        "coordinatedBy",
                                        "copiedTo",
                                        "delegatedTo",
                                        "dependsOn",
                                        "descendantOf",
                                        "describes",
                                        "doesNotAffect",
                                        "expandsTo",
                                        "exploitCreatedBy",
                                        "fixedBy",
                                        "fixedIn",
                                        "foundBy",
                                        "generates",
                                        "hasAddedFile",
                                        "hasAssessmentFor",
                                        "hasAssociatedVulnerability",
                                        "hasConcludedLicense",
                                        "hasDataFile",
                                        "hasDeclaredLicense",
                                        "hasDeletedFile",
                                        "hasDependencyManifest",
                                        "hasDistributionArtifact",
                                        "hasDocumentation",
                                        "hasDynamicLink",
                                        "hasEvidence",
                                        "hasExample",
                                        "hasHost",
                                        "hasInput",
                                        "hasMetadata",
                                        "hasOptionalComponent",
                                        "hasOptionalDependency",
                                        "hasOutput",
                                        "hasPrerequisite",
                                        "hasProvidedDependency",
                                        "hasRequirement",
                                        "hasSpecification",
                                        "hasStaticLink",
                                        "hasTest",
                                        "hasTestCase",
                                        "hasVariant",
                                        "invokedBy",
                                        "modifiedBy",
                                        "other",
                                        "packagedBy",
                                        "patchedBy",
                                        "publishedBy",
                                        "reportedBy",
                                        "republishedBy",
                                        "serializedInArtifact",
                                        "testedOn",
                                        "trainedOn",
                                        "underInvestigationFor",
                                        "usesTool",
                                        NULL};

/* SPEC: SPDX-3.0.1 Core/Vocabularies/HashAlgorithm, with CycloneDX names */
static const char *const hash_algs[][2] = {{"md5", "MD5"},
                                           {"sha1", "SHA-1"},
                                           {"sha256", "SHA-256"},
                                           {"sha384", "SHA-384"},
                                           {"sha512", "SHA-512"},
                                           {"sha3_256", "SHA3-256"},
                                           {"sha3_384", "SHA3-384"},
                                           {"sha3_512", "SHA3-512"},
                                           {"blake2b256", "BLAKE2b-256"},
                                           {"blake2b384", "BLAKE2b-384"},
                                           {"blake2b512", "BLAKE2b-512"},
                                           {"blake3", "BLAKE3"},
                                           {"adler32", NULL},
                                           {"crystalsDilithium", NULL},
                                           {"crystalsKyber", NULL},
                                           {"falcon", NULL},
                                           {"md2", NULL},
                                           {"md4", NULL},
                                           {"md6", NULL},
                                           {"sha224", NULL},
                                           {"sha3_224", NULL},
                                           {"other", NULL}};

static const char *component_type(const char *elem_type, const char *purpose)
{
    static const char *const map[][2] = {
        {"application", "application"},
        {"container", "container"},
        {"data", "data"},
        {"device", "device"},
        {"deviceDriver", "device-driver"},
        {"firmware", "firmware"},
        {"framework", "framework"},
        {"library", "library"},
        {"operatingSystem", "operating-system"},
        {"platform", "platform"},
        {"model", "machine-learning-model"},
        {"file", "file"},
        {"source", "file"},
        {"archive", "file"},
        {"executable", "application"}};
    if (strcmp(elem_type, "ai_AIPackage") == 0)
        return "machine-learning-model";
    if (strcmp(elem_type, "dataset_DatasetPackage") == 0)
        return "data";
    for (size_t i = 0; purpose && i < sizeof map / sizeof *map; i++)
        if (strcmp(purpose, map[i][0]) == 0)
            return map[i][1];
    return strcmp(elem_type, "software_File") == 0 ? "file" : "library";
}

static bool is_component(const char *t)
{
    return strcmp(t, "software_Package") == 0 ||
           strcmp(t, "software_File") == 0 || strcmp(t, "ai_AIPackage") == 0 ||
           strcmp(t, "dataset_DatasetPackage") == 0;
}

struct rd {
    tsn_sbom *s;
    const tsnu_json *graph;
    tsnu_map ids;   /* element id -> index in the graph */
    tsnu_map comps; /* component ref -> component index */
};

/* The element with spdxId (or @id) @p id, or NULL. */
static const tsnu_json *find(struct rd *r, const char *id)
{
    size_t i;
    return tsnu_map_get(&r->ids, id, &i) ? &r->graph->u.items[i] : NULL;
}

static const char *agent_name(struct rd *r, const tsnu_json *v)
{
    const char *id = v && v->type == TSNU_JSON_STRING ? v->u.str : NULL;
    if (v && v->type == TSNU_JSON_ARRAY && v->len &&
        v->u.items[0].type == TSNU_JSON_STRING)
        id = v->u.items[0].u.str;
    return tsnu_json_get_str(find(r, id), "name");
}

static int read_component(struct rd *r,
                          const tsnu_json *e,
                          const tsnu_jpath *path,
                          const char *type)
{
    const tsnu_json *vu, *xi;
    tsn_sbom_component *c;
    size_t idx, n = 0;
    int error = 0;

    error = tsn_sbom__add_component(r->s, &idx);
    if (error < 0)
        return error;
    c = tsn_sbom__comp(r->s, idx);
    /* SPEC: SPDX-3.0.1 Element: spdxId required; Package/File: name */
    c->ref = jr_str(r->s, e, path, "spdxId", true, &error);
    if (c->ref && error == 0)
        error = tsnu_map_put(&r->comps, c->ref, idx);
    c->name = jr_str(r->s, e, path, "name", true, &error);
    c->version =
        jr_str(r->s, e, path, "software_packageVersion", false, &error);
    c->description = jr_str(r->s, e, path, "description", false, &error);
    c->copyright =
        jr_str(r->s, e, path, "software_copyrightText", false, &error);
    c->purl = jr_str(r->s, e, path, "software_packageUrl", false, &error);
    c->type =
        component_type(type, tsnu_json_get_str(e, "software_primaryPurpose"));
    c->supplier = agent_name(r, tsnu_json_get(e, "suppliedBy"));
    c->author = agent_name(r, tsnu_json_get(e, "originatedBy"));
    if (error < 0)
        return error;
    if (c->purl) {
        char why[512];
        int rc = tsn_rules__purl(c->purl, why, sizeof why);
        tsnu_jpath pp = CHILD(path, "software_packageUrl");
        if (rc < 0)
            return rc;
        c->purl_invalid = rc;
        if (rc)
            error =
                jr_err(r->s, &pp, tsnu_json_get(e, "software_packageUrl"), why);
    }
    vu = jr_typed(r->s, e, path, "verifiedUsing", TSNU_JSON_ARRAY, &error);
    if (vu && error == 0) {
        tsn_sbom_hash *h =
            tsnu_arena_calloc(&r->s->arena, vu->len ? vu->len : 1, sizeof *h);
        tsnu_jpath vp = CHILD(path, "verifiedUsing");
        TSN_CHECK_ALLOC(h);
        for (size_t i = 0; i < vu->len && error == 0; i++) {
            const tsnu_json *hv = &vu->u.items[i];
            tsnu_jpath ip = INDEX(&vp, i);
            const char *t = tsnu_json_get_str(hv, "type");
            const char *alg, *val;
            size_t k;
            if (!t || strcmp(t, "Hash") != 0)
                continue; /* PackageVerificationCode and others */
            alg = jr_str(r->s, hv, &ip, "algorithm", true, &error);
            val = jr_str(r->s, hv, &ip, "hashValue", true, &error);
            if (!alg || !val)
                continue;
            for (k = 0; k < sizeof hash_algs / sizeof *hash_algs; k++)
                if (strcmp(alg, hash_algs[k][0]) == 0)
                    break;
            if (k == sizeof hash_algs / sizeof *hash_algs) {
                tsnu_jpath ap = CHILD(&ip, "algorithm");
                error = tsn_sbom__diag(
                    r->s, TSN_DIAG_ERROR,
                    jr_loc(r->s, &ap, tsnu_json_get(hv, "algorithm")),
                    "\"%.60s\" is not an SPDX 3 hash "
                    "algorithm",
                    alg);
                break;
            }
            if (!hash_algs[k][1])
                continue; /* no CycloneDX equivalent; not kept */
            if (tsn_rules__hash(hash_algs[k][1], val) == 2) {
                tsnu_jpath hp = CHILD(&ip, "hashValue");
                error = tsn_sbom__diag(
                    r->s, TSN_DIAG_ERROR,
                    jr_loc(r->s, &hp, tsnu_json_get(hv, "hashValue")),
                    "not a %s digest", alg);
                break;
            }
            h[n].alg = hash_algs[k][1];
            h[n].value = val;
            n++;
        }
        c->hashes = h;
        c->n_hashes = n;
    }
    xi = jr_typed(r->s, e, path, "externalIdentifier", TSNU_JSON_ARRAY, &error);
    if (xi && error == 0) {
        const char **cpes = tsnu_arena_calloc(
            &r->s->arena, xi->len ? xi->len : 1, sizeof *cpes);
        size_t nc = 0;
        TSN_CHECK_ALLOC(cpes);
        for (size_t i = 0; i < xi->len; i++) {
            const char *t =
                tsnu_json_get_str(&xi->u.items[i], "externalIdentifierType");
            const char *v = tsnu_json_get_str(&xi->u.items[i], "identifier");
            if (!t || !v)
                continue;
            if (strcmp(t, "cpe23") == 0 || strcmp(t, "cpe22") == 0)
                cpes[nc++] = v;
            else if (strcmp(t, "packageUrl") == 0 && !c->purl)
                c->purl = v;
        }
        c->cpes = cpes;
        c->n_cpes = nc;
    }
    return error;
}

/* Attach a licence (from a has*License relationship) to component @p i. */
static int
add_license(struct rd *r, size_t comp, const char *lic_id, bool concluded)
{
    const tsnu_json *le = find(r, lic_id);
    const char *expr =
        tsnu_json_get_str(le, "simplelicensing_licenseExpression");
    const char *name = expr ? NULL : tsnu_json_get_str(le, "name");
    tsn_sbom_component *c = tsn_sbom__comp(r->s, comp);
    tsn_sbom_license *l;

    if (!expr && !name)
        return 0;
    if (expr && (strcmp(expr, "NOASSERTION") == 0 || strcmp(expr, "NONE") == 0))
        return 0;
    l = tsnu_arena_calloc(&r->s->arena, c->n_licenses + 1, sizeof *l);
    TSN_CHECK_ALLOC(l);
    if (c->n_licenses)
        memcpy(l, c->licenses, c->n_licenses * sizeof *l);
    l[c->n_licenses].expression = expr;
    l[c->n_licenses].name = name;
    l[c->n_licenses].kind =
        concluded ? TSN_LICENSE_CONCLUDED : TSN_LICENSE_DECLARED;
    c->licenses = l;
    c->n_licenses++;
    return 0;
}

static int comp_index(struct rd *r, const char *ref, size_t *out)
{
    return tsnu_map_get(&r->comps, ref, out) ? 0 : -1;
}

static int
read_relationship(struct rd *r, const tsnu_json *e, const tsnu_jpath *path)
{
    const char *from, *type;
    const tsnu_json *to;
    tsnu_jpath tp = CHILD(path, "to");
    int error = 0;
    bool lic;

    /* SPEC: SPDX-3.0.1 Relationship: from, to, relationshipType required */
    from = jr_str(r->s, e, path, "from", true, &error);
    type = jr_str(r->s, e, path, "relationshipType", true, &error);
    to = jr_typed(r->s, e, path, "to", TSNU_JSON_ARRAY, &error);
    if (error < 0 || !from || !type)
        return error;
    if (!to)
        return jr_err(r->s, path, e, "required property \"to\" is missing");
    error = jr_enum(r->s, e, path, "relationshipType", rel_types, NULL);
    if (error < 0)
        return error;
    if (!find(r, from)) {
        tsnu_jpath fp = CHILD(path, "from");
        error = tsn_sbom__diag(r->s, TSN_DIAG_WARNING,
                               jr_loc(r->s, &fp, tsnu_json_get(e, "from")),
                               "\"%.200s\" is not an element of this "
                               "document",
                               from);
    }
    lic = strcmp(type, "hasConcludedLicense") == 0 ||
          strcmp(type, "hasDeclaredLicense") == 0;
    for (size_t i = 0; i < to->len && error == 0; i++) {
        const tsnu_json *t = &to->u.items[i];
        tsnu_jpath ip = INDEX(&tp, i);
        size_t comp;
        if (t->type != TSNU_JSON_STRING) {
            error = jr_type_err(r->s, &ip, t, "a string");
            break;
        }
        if (!find(r, t->u.str))
            error = tsn_sbom__diag(r->s, TSN_DIAG_WARNING, jr_loc(r->s, &ip, t),
                                   "\"%.200s\" is not an element of this "
                                   "document",
                                   t->u.str);
        if (error < 0)
            break;
        if (lic) {
            if (comp_index(r, from, &comp) == 0)
                error = add_license(r, comp, t->u.str,
                                    type[3] == 'C' /* hasConcluded */);
        } else {
            error = tsn_sbom__add_rel(r->s, from, t->u.str, type);
        }
    }
    return error;
}

static int
read_document(struct rd *r, const tsnu_json *doc, const tsnu_jpath *path)
{
    tsn_sbom_doc *d = &r->s->doc;
    const tsnu_json *ci, *roots, *by, *using;
    const char *ci_id;
    int error = 0;

    d->name = jr_str(r->s, doc, path, "name", false, &error);
    d->serial = jr_str(r->s, doc, path, "spdxId", true, &error);
    if (error < 0)
        return error;
    ci_id = tsnu_json_get_str(doc, "creationInfo");
    ci = ci_id ? find(r, ci_id) : tsnu_json_get(doc, "creationInfo");
    if (!ci || ci->type != TSNU_JSON_OBJECT)
        /* SPEC: SPDX-3.0.1 Element.creationInfo required */
        return jr_err(r->s, path, doc,
                      "the document's creationInfo is missing");
    d->timestamp = tsnu_json_get_str(ci, "created");
    d->spec_version = tsnu_json_get_str(ci, "specVersion");
    if (!d->timestamp || !tsn_rules__datetime(d->timestamp))
        error = jr_err(r->s, path, doc,
                       "creationInfo.created must be an RFC 3339 date-time");
    if (error == 0 &&
        (!d->spec_version || strncmp(d->spec_version, "3.0", 3) != 0))
        error =
            jr_err(r->s, path, doc, "creationInfo.specVersion must be 3.0.x");
    by = tsnu_json_get(ci, "createdBy");
    using = tsnu_json_get(ci, "createdUsing");
    for (int k = 0; k < 2 && error == 0; k++) {
        const tsnu_json *list = k ? using : by;
        const char **names;
        size_t n = 0;
        if (!list || list->type != TSNU_JSON_ARRAY)
            continue;
        names = tsnu_arena_calloc(&r->s->arena, list->len ? list->len : 1,
                                  sizeof *names);
        TSN_CHECK_ALLOC(names);
        for (size_t i = 0; i < list->len; i++) {
            const char *nm = agent_name(r, &list->u.items[i]);
            if (nm)
                names[n++] = nm;
        }
        if (k) {
            d->tools = names;
            d->n_tools = n;
        } else {
            d->authors = names;
            d->n_authors = n;
        }
    }
    /* The root: the document's root element, through an Sbom element. */
    roots = tsnu_json_get(doc, "rootElement");
    for (int hop = 0; hop < 4 && roots && roots->type == TSNU_JSON_ARRAY &&
                      roots->len && roots->u.items[0].type == TSNU_JSON_STRING;
         hop++) {
        const char *id = roots->u.items[0].u.str;
        const tsnu_json *el = find(r, id);
        size_t comp;
        if (comp_index(r, id, &comp) == 0) {
            d->root = comp;
            break;
        }
        roots = el ? tsnu_json_get(el, "rootElement") : NULL;
    }
    return error;
}

int tsn_spdx3__read_jsonld(tsn_sbom *s, const char *data, size_t len)
{
    struct rd r = {s, NULL, TSNU_MAP_INIT, TSNU_MAP_INIT};
    tsnu_json_opts jo = {.max_depth = s->ctx->limits.depth,
                         .max_string = s->ctx->limits.field_bytes};
    tsnu_json *root = NULL;
    const tsnu_json *ctx, *doc = NULL;
    tsnu_jpath gp = CHILD(NULL, "@graph");
    size_t doc_i = 0;
    int error;

    error = tsnu_json_parse(&root, &s->arena, data, len, &jo, s->name);
    if (error < 0)
        return error;
    if (root->type != TSNU_JSON_OBJECT)
        return tsn_error_set(TSN_EINVALID,
                             "%s:%u: /: an SPDX 3 document is a JSON object",
                             s->name, root->line);
    error = 0;
    ctx = tsnu_json_get(root, "@context");
    /* SPEC: SPDX-3.0.1 JSON-LD serialisation: the SPDX context */
    if (!ctx || ctx->type != TSNU_JSON_STRING ||
        !strstr(ctx->u.str, "spdx.org/rdf/3.0"))
        return tsn_error_set(TSN_EUNSUPPORTED,
                             "%s: @context is not the SPDX 3.0 JSON-LD "
                             "context",
                             s->name);
    r.graph = jr_typed(s, root, NULL, "@graph", TSNU_JSON_ARRAY, &error);
    if (error < 0)
        return error;
    if (!r.graph)
        return tsn_error_set(TSN_EINVALID, "%s: /@graph is missing", s->name);
    /* Pass 1: element ids, unique. */
    for (size_t i = 0; i < r.graph->len && error >= 0; i++) {
        const tsnu_json *e = &r.graph->u.items[i];
        tsnu_jpath ip = INDEX(&gp, i);
        const char *id, *type;
        if (e->type != TSNU_JSON_OBJECT) {
            error = jr_type_err(s, &ip, e, "an object");
            break;
        }
        type = jr_str(s, e, &ip, "type", true, &error);
        id = tsnu_json_get_str(e, "spdxId");
        if (!id)
            id = tsnu_json_get_str(e, "@id");
        if (error < 0 || !type)
            continue;
        if (!id) {
            /* SPEC: SPDX-3.0.1 Element.spdxId required (blank nodes such
             * as CreationInfo use @id) */
            error = jr_err(s, &ip, e, "element has no spdxId");
            continue;
        }
        if (find(&r, id))
            error = tsn_sbom__diag(s, TSN_DIAG_ERROR, jr_loc(s, &ip, e),
                                   "duplicate spdxId \"%.200s\"", id);
        else
            error = tsnu_map_put(&r.ids, id, i);
        if (strcmp(type, "SpdxDocument") == 0 && !doc) {
            doc = e;
            doc_i = i;
        }
    }
    /* Pass 2: components, then relationships (which may attach
     * licences to them), then the document. */
    for (size_t i = 0; i < r.graph->len && error >= 0; i++) {
        const tsnu_json *e = &r.graph->u.items[i];
        const char *type = tsnu_json_get_str(e, "type");
        tsnu_jpath ip = INDEX(&gp, i);
        if (type && is_component(type))
            error = read_component(&r, e, &ip, type);
    }
    for (size_t i = 0; i < r.graph->len && error >= 0; i++) {
        const tsnu_json *e = &r.graph->u.items[i];
        const char *type = tsnu_json_get_str(e, "type");
        tsnu_jpath ip = INDEX(&gp, i);
        if (type && (strcmp(type, "Relationship") == 0 ||
                     strcmp(type, "LifecycleScopedRelationship") == 0))
            error = read_relationship(&r, e, &ip);
    }
    if (error >= 0) {
        tsnu_jpath dp = INDEX(&gp, doc_i);
        if (doc)
            error = read_document(&r, doc, &dp);
        else
            error = jr_err(s, &gp, r.graph,
                           "the graph has no SpdxDocument element");
    }
    tsnu_map_dispose(&r.ids);
    tsnu_map_dispose(&r.comps);
    return error < 0 ? error : 0;
}
