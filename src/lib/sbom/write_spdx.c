/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SPDX 2.3 writers, JSON and tag-value, from one plan: SPDXIDs for every
 * component (bom-refs that are not valid SPDXIDs are rewritten and made
 * unique), licence fields (names without an SPDX id become LicenseRef-
 * entries with extracted licensing info), checksums, external references
 * and relationships (SPDX 3 types mapped to their SPDX 2 names; nesting
 * becomes CONTAINS; the document DESCRIBES its root). Every component is
 * written as a package, a file component with primaryPackagePurpose FILE,
 * because SPDX files require a SHA1 checksum the source may not have.
 */
#include "spdx.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util/json.h"

struct lic_ref {
    const char *id;   /* LicenseRef-... */
    const char *name; /* the licence name it stands for */
};

struct plan {
    tsnu_arena arena;
    const char **ids;      /* SPDXID per component */
    const char **declared; /* licence fields per component */
    const char **concluded;
    tsnu_vec lic_refs;   /* struct lic_ref */
    tsnu_strset lic_ids; /* the LicenseRef- ids in lic_refs */
    tsnu_vec rels;       /* tsn_sbom_relationship, in SPDX 2 terms */
    const char *namespace_;
    const char *created;
    const char *name;
};

static void plan_dispose(struct plan *p)
{
    tsn_free(p->ids);
    tsn_free(p->declared);
    tsn_free(p->concluded);
    tsnu_vec_dispose(&p->lic_refs);
    tsnu_strset_dispose(&p->lic_ids);
    tsnu_vec_dispose(&p->rels);
    tsnu_arena_dispose(&p->arena);
}

/* "SPDXRef-" + the ref with characters outside [A-Za-z0-9.-] as '-'. */
static const char *
make_id(struct plan *p, tsnu_strset *used, const char *ref, size_t index)
{
    char *id;
    size_t n;
    if (ref && tsn_spdx__valid_id(ref) && !tsnu_strset_has(used, ref))
        return tsnu_arena_strdup(&p->arena, ref);
    id = ref ? tsnu_arena_printf(&p->arena, "SPDXRef-%s", ref)
             : tsnu_arena_printf(&p->arena, "SPDXRef-component-%zu", index + 1);
    if (!id)
        return NULL;
    n = strlen(id);
    for (size_t i = 8; i < n; i++)
        if (!((id[i] >= 'a' && id[i] <= 'z') ||
              (id[i] >= 'A' && id[i] <= 'Z') ||
              (id[i] >= '0' && id[i] <= '9') || id[i] == '.' || id[i] == '-'))
            id[i] = '-';
    if (n == 8)
        id = tsnu_arena_printf(&p->arena, "SPDXRef-component-%zu", index + 1);
    for (unsigned k = 2; id && tsnu_strset_has(used, id); k++)
        id = tsnu_arena_printf(&p->arena, "SPDXRef-component-%zu-%u", index + 1,
                               k);
    return id;
}

/* An SPDX licence expression for one licence entry. */
static const char *licence_term(struct plan *p, const tsn_sbom_license *l)
{
    const char *why;
    if (l->expression && tsn_rules__spdx_expression(l->expression, &why) >= 0)
        return l->expression;
    {
        const char *name = l->name ? l->name : l->expression;
        char *id = tsnu_arena_printf(&p->arena, "LicenseRef-%s", name);
        struct lic_ref r;
        if (!id)
            return NULL;
        for (char *c = id + 11; *c; c++)
            if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                  (*c >= '0' && *c <= '9') || *c == '.' || *c == '-'))
                *c = '-';
        if (tsnu_strset_has(&p->lic_ids, id))
            return id;
        if (tsnu_strset_add(&p->lic_ids, id) < 0)
            return NULL;
        r.id = id;
        r.name = name;
        if (tsnu_vec_push(&p->lic_refs, &r) < 0)
            return NULL;
        return id;
    }
}

/* Join the licences of one kind with AND; "NOASSERTION" when none. */
static const char *
licence_field(struct plan *p, const tsn_sbom_component *c, bool concluded)
{
    tsn_buf b = TSN_BUF_INIT(SIZE_MAX / 2);
    const char *out;
    size_t n = 0;
    int error = 0;
    for (size_t i = 0; i < c->n_licenses && error == 0; i++) {
        const tsn_sbom_license *l = &c->licenses[i];
        const char *t;
        bool is_concluded = l->kind == TSN_LICENSE_CONCLUDED;
        if (is_concluded != concluded)
            continue;
        t = licence_term(p, l);
        if (!t) {
            tsn_buf_dispose(&b);
            return NULL;
        }
        if (n++)
            error = tsn_buf_puts(&b, " AND ");
        /* A compound term joined with AND keeps its own grouping. */
        if (error == 0 && strchr(t, ' ') && c->n_licenses > 1)
            error = tsn_buf_printf(&b, "(%s)", t);
        else if (error == 0)
            error = tsn_buf_puts(&b, t);
    }
    if (error < 0) {
        tsn_buf_dispose(&b);
        return NULL;
    }
    out = n ? tsnu_arena_strdup(&p->arena, tsn_buf_cstr(&b)) : "NOASSERTION";
    tsn_buf_dispose(&b);
    return out;
}

/* SPDX 2 name of a relationship type written as SPDX 2 or SPDX 3. */
static const char *spdx2_type(const char *t)
{
    static const char *const map[][2] = {
        {"dependsOn", "DEPENDS_ON"},
        {"contains", "CONTAINS"},
        {"describes", "DESCRIBES"},
        {"generates", "GENERATES"},
        {"hasStaticLink", "STATIC_LINK"},
        {"hasDynamicLink", "DYNAMIC_LINK"},
        {"hasPrerequisite", "HAS_PREREQUISITE"},
        {"ancestorOf", "ANCESTOR_OF"},
        {"descendantOf", "DESCENDANT_OF"},
        {"hasVariant", "VARIANT_OF"},
        {"hasDistributionArtifact", "DISTRIBUTION_ARTIFACT"},
        {"patchedBy", "PATCH_FOR"},
        {"copiedTo", "COPY_OF"},
        {"hasDataFile", "DATA_FILE_OF"},
        {"hasTestCase", "TEST_CASE_OF"},
        {"hasDocumentation", "DOCUMENTATION_OF"},
        {"hasOptionalComponent", "OPTIONAL_COMPONENT_OF"},
        {"hasMetadata", "METAFILE_OF"},
        {"amendedBy", "AMENDS"},
        {"hasDependencyManifest", "DEPENDENCY_MANIFEST_OF"},
        {"usesTool", "BUILD_TOOL_OF"},
    };
    if (tsn_rules__in(t, tsn_spdx__relationship_types))
        return t;
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(t, map[i][0]) == 0)
            return map[i][1];
    return "OTHER";
}

static const char *purpose(const char *type)
{
    static const char *const map[][2] = {
        {"application", "APPLICATION"},
        {"framework", "FRAMEWORK"},
        {"library", "LIBRARY"},
        {"container", "CONTAINER"},
        {"operating-system", "OPERATING-SYSTEM"},
        {"device", "DEVICE"},
        {"firmware", "FIRMWARE"},
        {"file", "FILE"}};
    for (size_t i = 0; type && i < sizeof map / sizeof *map; i++)
        if (strcmp(type, map[i][0]) == 0)
            return map[i][1];
    return "OTHER";
}

/* SPDX name of a CycloneDX hash algorithm, or NULL. */
static const char *spdx_alg(const char *a)
{
    static const char *const map[][2] = {{"SHA-1", "SHA1"},
                                         {"SHA-256", "SHA256"},
                                         {"SHA-384", "SHA384"},
                                         {"SHA-512", "SHA512"},
                                         {"MD5", "MD5"},
                                         {"SHA3-256", "SHA3-256"},
                                         {"SHA3-384", "SHA3-384"},
                                         {"SHA3-512", "SHA3-512"},
                                         {"BLAKE2b-256", "BLAKE2b-256"},
                                         {"BLAKE2b-384", "BLAKE2b-384"},
                                         {"BLAKE2b-512", "BLAKE2b-512"},
                                         {"BLAKE3", "BLAKE3"}};
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(a, map[i][0]) == 0)
            return map[i][1];
    return NULL;
}

static const char *
find_id(const struct plan *p, const tsnu_map *by_ref, const char *ref)
{
    size_t i;
    return tsnu_map_get(by_ref, ref, &i) ? p->ids[i] : NULL;
}

static int plan_init(struct plan *p, const tsn_sbom *s)
{
    size_t n = s->comps.len;
    tsnu_strset used = TSNU_STRSET_INIT;
    tsnu_map by_ref = TSNU_MAP_INIT; /* component ref -> index */
    uint64_t h = 1469598103934665603ull;
    int error = 0;

    memset(p, 0, sizeof *p);
    p->lic_refs = (tsnu_vec)TSNU_VEC_INIT(struct lic_ref, SIZE_MAX / 64);
    p->rels = (tsnu_vec)TSNU_VEC_INIT(tsn_sbom_relationship, SIZE_MAX / 64);
    p->ids = tsn_calloc(n + 1, sizeof *p->ids);
    p->declared = tsn_calloc(n + 1, sizeof *p->declared);
    p->concluded = tsn_calloc(n + 1, sizeof *p->concluded);
    if (!p->ids || !p->declared || !p->concluded ||
        tsnu_strset_add(&used, "SPDXRef-DOCUMENT") < 0)
        goto oom;
    for (size_t i = 0; i < n; i++) {
        const tsn_sbom_component *c =
            TSNU_VEC_AT(&s->comps, tsn_sbom_component, i);
        p->ids[i] = make_id(p, &used, c->ref, i);
        if (!p->ids[i] || tsnu_strset_add(&used, p->ids[i]) < 0)
            goto oom;
        if (c->ref && tsnu_map_put(&by_ref, c->ref, i) < 0)
            goto oom;
        p->declared[i] = licence_field(p, c, false);
        p->concluded[i] = licence_field(p, c, true);
        if (!p->declared[i] || !p->concluded[i])
            goto oom;
        for (const char *k = p->ids[i]; *k; k++)
            h = (h ^ (unsigned char)*k) * 1099511628211ull;
    }
    /* Relationships: the document describes its root (or every top-level
     * component), nesting is containment, the rest keep their meaning. */
    for (size_t i = 0; i < n; i++) {
        const tsn_sbom_component *c =
            TSNU_VEC_AT(&s->comps, tsn_sbom_component, i);
        tsn_sbom_relationship r = {"SPDXRef-DOCUMENT", p->ids[i], "DESCRIBES"};
        if (s->doc.root != TSN_SBOM_NONE ? i == s->doc.root
                                         : c->parent == TSN_SBOM_NONE)
            error = tsnu_vec_push(&p->rels, &r);
        if (error == 0 && c->parent != TSN_SBOM_NONE) {
            tsn_sbom_relationship k = {p->ids[c->parent], p->ids[i],
                                       "CONTAINS"};
            error = tsnu_vec_push(&p->rels, &k);
        }
        if (error < 0)
            goto oom;
    }
    for (size_t i = 0; i < s->rels.len; i++) {
        const tsn_sbom_relationship *r =
            TSNU_VEC_AT(&s->rels, tsn_sbom_relationship, i);
        tsn_sbom_relationship o;
        const char *type = spdx2_type(r->type);
        if (strcmp(type, "DESCRIBES") == 0 &&
            strcmp(r->from, "SPDXRef-DOCUMENT") == 0)
            continue; /* already stated above */
        o.from = strcmp(r->from, "SPDXRef-DOCUMENT") == 0
                     ? r->from
                     : find_id(p, &by_ref, r->from);
        o.to = find_id(p, &by_ref, r->to);
        o.type = type;
        if (!o.from && strncmp(r->from, "DocumentRef-", 12) == 0)
            o.from = r->from;
        if (!o.to &&
            (strncmp(r->to, "DocumentRef-", 12) == 0 ||
             strcmp(r->to, "NONE") == 0 || strcmp(r->to, "NOASSERTION") == 0))
            o.to = r->to;
        if (!o.from || !o.to)
            continue; /* an end outside the document: not expressible */
        if (tsnu_vec_push(&p->rels, &o) < 0)
            goto oom;
    }
    /* Namespace: the document's own when it is a URI SPDX accepts, else
     * a urn:uuid derived from the serial number or the contents. */
    if (s->doc.serial && strchr(s->doc.serial, ':') &&
        !strchr(s->doc.serial, '#'))
        p->namespace_ = s->doc.serial;
    else {
        char uuid[TSNU_URN_UUID_LEN];
        tsnu_uuid_from_hash(h, uuid);
        p->namespace_ = tsnu_arena_strdup(&p->arena, uuid);
    }
    if (s->doc.timestamp && tsn_rules__datetime(s->doc.timestamp)) {
        p->created = s->doc.timestamp;
    } else {
        time_t now = time(NULL);
        struct tm tm;
        char buf[32];
        gmtime_r(&now, &tm);
        strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
        p->created = tsnu_arena_strdup(&p->arena, buf);
    }
    p->name =
        s->doc.name ? s->doc.name
        : s->doc.root != TSN_SBOM_NONE &&
                TSNU_VEC_AT(&s->comps, tsn_sbom_component, s->doc.root)->name
            ? TSNU_VEC_AT(&s->comps, tsn_sbom_component, s->doc.root)->name
            : "sbom";
    if (!p->namespace_ || !p->created)
        goto oom;
    tsnu_strset_dispose(&used);
    tsnu_map_dispose(&by_ref);
    return 0;
oom:
    tsnu_strset_dispose(&used);
    tsnu_map_dispose(&by_ref);
    plan_dispose(p);
    return tsn_error_oom();
}

/* ---- JSON -----------------------------------------------------------------
 */

int tsn_spdx__write_json(tsn_buf *b, const tsn_sbom *s)
{
    struct plan p;
    tsnu_jw w;
    int error = plan_init(&p, s);

    if (error < 0)
        return error;
    tsnu_jw_init(&w, b);
    tsnu_jw_object(&w);
    tsnu_jw_kstr(&w, "spdxVersion", "SPDX-2.3");
    tsnu_jw_kstr(&w, "dataLicense", "CC0-1.0");
    tsnu_jw_kstr(&w, "SPDXID", "SPDXRef-DOCUMENT");
    tsnu_jw_kstr(&w, "name", p.name);
    tsnu_jw_kstr(&w, "documentNamespace", p.namespace_);
    tsnu_jw_key(&w, "creationInfo");
    tsnu_jw_object(&w);
    tsnu_jw_kstr(&w, "created", p.created);
    tsnu_jw_key(&w, "creators");
    tsnu_jw_array(&w);
    for (size_t i = 0; i < s->doc.n_authors; i++) {
        char *c =
            tsnu_arena_printf(&p.arena, "Organization: %s", s->doc.authors[i]);
        tsnu_jw_string(&w, c);
    }
    for (size_t i = 0; i < s->doc.n_tools; i++) {
        char *c = tsnu_arena_printf(&p.arena, "Tool: %s", s->doc.tools[i]);
        tsnu_jw_string(&w, c);
    }
    tsnu_jw_string(&w, "Tool: tsunagi-" TSN_VERSION_STRING);
    tsnu_jw_end(&w);
    tsnu_jw_end(&w);
    tsnu_jw_key(&w, "packages");
    tsnu_jw_array(&w);
    for (size_t i = 0; i < s->comps.len; i++) {
        const tsn_sbom_component *c =
            TSNU_VEC_AT(&s->comps, tsn_sbom_component, i);
        const char *dl = "NOASSERTION", *home = NULL;
        size_t nh = 0;
        for (size_t k = 0; k < c->n_extrefs; k++) {
            if (strcmp(c->extrefs[k].type, "distribution") == 0)
                dl = c->extrefs[k].url;
            else if (strcmp(c->extrefs[k].type, "website") == 0)
                home = c->extrefs[k].url;
        }
        tsnu_jw_object(&w);
        tsnu_jw_kstr(&w, "SPDXID", p.ids[i]);
        tsnu_jw_kstr(&w, "name", c->name ? c->name : "");
        tsnu_jw_kstr(&w, "versionInfo", c->version);
        if (c->supplier)
            tsnu_jw_kstr(
                &w, "supplier",
                tsnu_arena_printf(&p.arena, "Organization: %s", c->supplier));
        if (c->author)
            tsnu_jw_kstr(
                &w, "originator",
                tsnu_arena_printf(&p.arena, "Organization: %s", c->author));
        tsnu_jw_kstr(&w, "downloadLocation", dl);
        tsnu_jw_kstr(&w, "homepage", home);
        tsnu_jw_key(&w, "filesAnalyzed");
        tsnu_jw_bool(&w, false);
        for (size_t k = 0; k < c->n_hashes; k++)
            if (spdx_alg(c->hashes[k].alg))
                nh++;
        if (nh) {
            tsnu_jw_key(&w, "checksums");
            tsnu_jw_array(&w);
            for (size_t k = 0; k < c->n_hashes; k++) {
                if (!spdx_alg(c->hashes[k].alg))
                    continue;
                tsnu_jw_object(&w);
                tsnu_jw_kstr(&w, "algorithm", spdx_alg(c->hashes[k].alg));
                tsnu_jw_kstr(&w, "checksumValue", c->hashes[k].value);
                tsnu_jw_end(&w);
            }
            tsnu_jw_end(&w);
        }
        tsnu_jw_kstr(&w, "licenseConcluded", p.concluded[i]);
        tsnu_jw_kstr(&w, "licenseDeclared", p.declared[i]);
        tsnu_jw_kstr(&w, "copyrightText",
                     c->copyright ? c->copyright : "NOASSERTION");
        tsnu_jw_kstr(&w, "description", c->description);
        tsnu_jw_kstr(&w, "primaryPackagePurpose", purpose(c->type));
        if (c->purl || c->n_cpes) {
            tsnu_jw_key(&w, "externalRefs");
            tsnu_jw_array(&w);
            if (c->purl) {
                tsnu_jw_object(&w);
                tsnu_jw_kstr(&w, "referenceCategory", "PACKAGE-MANAGER");
                tsnu_jw_kstr(&w, "referenceType", "purl");
                tsnu_jw_kstr(&w, "referenceLocator", c->purl);
                tsnu_jw_end(&w);
            }
            for (size_t k = 0; k < c->n_cpes; k++) {
                tsnu_jw_object(&w);
                tsnu_jw_kstr(&w, "referenceCategory", "SECURITY");
                tsnu_jw_kstr(&w, "referenceType",
                             strncmp(c->cpes[k], "cpe:/", 5) == 0
                                 ? "cpe22Type"
                                 : "cpe23Type");
                tsnu_jw_kstr(&w, "referenceLocator", c->cpes[k]);
                tsnu_jw_end(&w);
            }
            tsnu_jw_end(&w);
        }
        tsnu_jw_end(&w);
    }
    tsnu_jw_end(&w);
    if (p.lic_refs.len) {
        tsnu_jw_key(&w, "hasExtractedLicensingInfos");
        tsnu_jw_array(&w);
        for (size_t i = 0; i < p.lic_refs.len; i++) {
            const struct lic_ref *r =
                TSNU_VEC_AT(&p.lic_refs, struct lic_ref, i);
            tsnu_jw_object(&w);
            tsnu_jw_kstr(&w, "licenseId", r->id);
            tsnu_jw_kstr(&w, "name", r->name);
            tsnu_jw_kstr(&w, "extractedText", r->name);
            tsnu_jw_end(&w);
        }
        tsnu_jw_end(&w);
    }
    tsnu_jw_key(&w, "relationships");
    tsnu_jw_array(&w);
    for (size_t i = 0; i < p.rels.len; i++) {
        const tsn_sbom_relationship *r =
            TSNU_VEC_AT(&p.rels, tsn_sbom_relationship, i);
        tsnu_jw_object(&w);
        tsnu_jw_kstr(&w, "spdxElementId", r->from);
        tsnu_jw_kstr(&w, "relationshipType", r->type);
        tsnu_jw_kstr(&w, "relatedSpdxElement", r->to);
        tsnu_jw_end(&w);
    }
    tsnu_jw_end(&w);
    tsnu_jw_end(&w);
    error = tsnu_jw_finish(&w);
    plan_dispose(&p);
    return error;
}

/* ---- tag-value --------------------------------------------------------------
 */

/* Tag-value output with a sticky error. */
struct tvw {
    tsn_buf *b;
    int error;
};

static void tvf(struct tvw *w, const char *fmt, ...) TSN_PRINTF(2, 3);
static void tvf(struct tvw *w, const char *fmt, ...)
{
    va_list ap;
    char small[512];
    int n;
    if (w->error)
        return;
    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        w->error = tsn_error_set(TSN_ERROR, "format error");
        return;
    }
    if ((size_t)n < sizeof small) {
        w->error = tsn_buf_put(w->b, small, (size_t)n);
        return;
    }
    {
        tsn_buf big = TSN_BUF_INIT(SIZE_MAX / 2);
        va_start(ap, fmt);
        w->error = tsn_buf_grow(&big, (size_t)n + 1);
        if (w->error == 0) {
            vsnprintf(big.ptr, (size_t)n + 1, fmt, ap);
            w->error = tsn_buf_put(w->b, big.ptr, (size_t)n);
        }
        va_end(ap);
        tsn_buf_dispose(&big);
    }
}

/* One "Tag: value" line; values with a line break go in <text>. */
static void tv(struct tvw *w, const char *tag, const char *v)
{
    if (!v)
        return;
    if (strpbrk(v, "\r\n") || strstr(v, "</text>"))
        tvf(w, "%s: <text>%s</text>\n", tag, v);
    else
        tvf(w, "%s: %s\n", tag, v);
}

int tsn_spdx__write_tv(tsn_buf *b, const tsn_sbom *s)
{
    struct plan p;
    struct tvw w = {b, 0};
    int error = plan_init(&p, s);

    if (error < 0)
        return error;
    tv(&w, "SPDXVersion", "SPDX-2.3");
    tv(&w, "DataLicense", "CC0-1.0");
    tv(&w, "SPDXID", "SPDXRef-DOCUMENT");
    tv(&w, "DocumentName", p.name);
    tv(&w, "DocumentNamespace", p.namespace_);
    for (size_t i = 0; i < s->doc.n_authors; i++)
        tvf(&w, "Creator: Organization: %s\n", s->doc.authors[i]);
    for (size_t i = 0; i < s->doc.n_tools; i++)
        tvf(&w, "Creator: Tool: %s\n", s->doc.tools[i]);
    tv(&w, "Creator", "Tool: tsunagi-" TSN_VERSION_STRING);
    tv(&w, "Created", p.created);
    for (size_t i = 0; i < s->comps.len; i++) {
        const tsn_sbom_component *c =
            TSNU_VEC_AT(&s->comps, tsn_sbom_component, i);
        const char *dl = "NOASSERTION", *home = NULL;
        for (size_t k = 0; k < c->n_extrefs; k++) {
            if (strcmp(c->extrefs[k].type, "distribution") == 0)
                dl = c->extrefs[k].url;
            else if (strcmp(c->extrefs[k].type, "website") == 0)
                home = c->extrefs[k].url;
        }
        tvf(&w, "\n");
        tv(&w, "PackageName", c->name ? c->name : "");
        tv(&w, "SPDXID", p.ids[i]);
        tv(&w, "PackageVersion", c->version);
        if (c->supplier)
            tvf(&w, "PackageSupplier: Organization: %s\n", c->supplier);
        if (c->author)
            tvf(&w, "PackageOriginator: Organization: %s\n", c->author);
        tv(&w, "PackageDownloadLocation", dl);
        tv(&w, "PackageHomePage", home);
        tv(&w, "FilesAnalyzed", "false");
        for (size_t k = 0; k < c->n_hashes; k++)
            if (spdx_alg(c->hashes[k].alg))
                tvf(&w, "PackageChecksum: %s: %s\n", spdx_alg(c->hashes[k].alg),
                    c->hashes[k].value);
        tv(&w, "PackageLicenseConcluded", p.concluded[i]);
        tv(&w, "PackageLicenseDeclared", p.declared[i]);
        tv(&w, "PackageCopyrightText",
           c->copyright ? c->copyright : "NOASSERTION");
        tv(&w, "PackageDescription", c->description);
        tv(&w, "PrimaryPackagePurpose", purpose(c->type));
        if (c->purl)
            tvf(&w, "ExternalRef: PACKAGE-MANAGER purl %s\n", c->purl);
        for (size_t k = 0; k < c->n_cpes; k++)
            tvf(&w, "ExternalRef: SECURITY %s %s\n",
                strncmp(c->cpes[k], "cpe:/", 5) == 0 ? "cpe22Type"
                                                     : "cpe23Type",
                c->cpes[k]);
    }
    for (size_t i = 0; i < p.lic_refs.len; i++) {
        const struct lic_ref *r = TSNU_VEC_AT(&p.lic_refs, struct lic_ref, i);
        tvf(&w, "\n");
        tv(&w, "LicenseID", r->id);
        tvf(&w, "ExtractedText: <text>%s</text>\n", r->name);
        tv(&w, "LicenseName", r->name);
    }
    if (p.rels.len)
        tvf(&w, "\n");
    for (size_t i = 0; i < p.rels.len; i++) {
        const tsn_sbom_relationship *r =
            TSNU_VEC_AT(&p.rels, tsn_sbom_relationship, i);
        tvf(&w, "Relationship: %s %s %s\n", r->from, r->type, r->to);
    }
    plan_dispose(&p);
    return w.error;
}
