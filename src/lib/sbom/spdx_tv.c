/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SPDX 2.2 / 2.3 tag-value reader. Lines are "Tag: value"; a value may
 * span lines inside <text>...</text>. PackageName starts a package,
 * FileName a file, SnippetSPDXID and LicenseID sections whose tags are
 * not part of the model; SPDXID names whatever section is open. The same
 * model and rules as the JSON reader; locations are "file:LINE: Tag".
 */
#include "spdx.h"

#include <string.h>

enum section { SEC_DOC, SEC_PACKAGE, SEC_FILE, SEC_OTHER };

struct use {
    const char *ref;
    uint32_t line;
    const char *tag;
};

struct rd {
    tsn_sbom *s;
    tsnu_strset ids;
    tsnu_vec uses;
    tsnu_vec authors, tools;        /* const char * */
    tsnu_vec hashes, cpes, extrefs; /* of the open component */
    tsn_sbom_license lic[2];
    size_t n_lic;
    enum section sec;
    size_t comp; /* index of the open component */
    uint32_t sec_line;
    bool have_version, have_ns, have_name, have_dl, have_created;
};

static const char *tv_loc(struct rd *r, uint32_t line, const char *tag)
{
    return tsnu_arena_printf(&r->s->arena, "%s:%u: %s", r->s->name, line, tag);
}

/* Record an error at a line; @p msg is a literal with one %s. */
#define ERR(r, line, tag, msg, arg)                                            \
    tsn_sbom__diag((r)->s, TSN_DIAG_ERROR, tv_loc((r), (line), (tag)), msg,    \
                   (const char *)(arg) ? (const char *)(arg) : "")

static int define_id(struct rd *r, const char *id, uint32_t line)
{
    int added;
    if (!tsn_spdx__valid_id(id))
        return ERR(r, line, "SPDXID",
                   "\"%.100s\" is not an SPDXID (SPDXRef- followed by "
                   "letters, digits, '.' or '-')",
                   id);
    added = tsnu_strset_add(&r->ids, id);
    if (added < 0)
        return added;
    if (added == 0)
        /* SPEC: SPDX-2.3 §7.2 SPDXID unique within the document */
        return ERR(r, line, "SPDXID", "duplicate SPDXID \"%.200s\"", id);
    return 0;
}

static int use_id(struct rd *r, const char *id, uint32_t line, const char *tag)
{
    struct use u = {id, line, tag};
    if (strncmp(id, "DocumentRef-", 12) == 0 || strcmp(id, "NONE") == 0 ||
        strcmp(id, "NOASSERTION") == 0)
        return 0;
    return tsnu_vec_push(&r->uses, &u);
}

/* Copy a vector of pointers into the arena as a plain array. */
static const void *freeze(struct rd *r, tsnu_vec *v, size_t *n)
{
    void *a;
    *n = v->len;
    if (!v->len)
        return NULL;
    a = tsnu_arena_alloc(&r->s->arena, v->len * v->elem);
    if (a)
        memcpy(a, v->ptr, v->len * v->elem);
    v->len = 0;
    return a;
}

/* Close the open package or file: move its lists into the model. */
static int close_section(struct rd *r)
{
    tsn_sbom_component *c;
    if (r->sec == SEC_PACKAGE || r->sec == SEC_FILE) {
        c = tsn_sbom__comp(r->s, r->comp);
        c->hashes = freeze(r, &r->hashes, &c->n_hashes);
        c->cpes = freeze(r, &r->cpes, &c->n_cpes);
        c->extrefs = freeze(r, &r->extrefs, &c->n_extrefs);
        if ((c->n_hashes && !c->hashes) || (c->n_cpes && !c->cpes) ||
            (c->n_extrefs && !c->extrefs))
            return tsn_error_oom();
        if (r->n_lic) {
            tsn_sbom_license *l =
                tsnu_arena_calloc(&r->s->arena, r->n_lic, sizeof *l);
            TSN_CHECK_ALLOC(l);
            memcpy(l, r->lic, r->n_lic * sizeof *l);
            c->licenses = l;
            c->n_licenses = r->n_lic;
        }
        r->n_lic = 0;
        /* SPEC: SPDX-2.3 §7/§8: packages need an SPDXID, name and
         * download location; files an SPDXID and name */
        if (!c->ref) {
            int error = ERR(r, r->sec_line,
                            r->sec == SEC_PACKAGE ? "PackageName" : "FileName",
                            "%s has no SPDXID",
                            r->sec == SEC_PACKAGE ? "package" : "file");
            if (error < 0)
                return error;
        }
        if (r->sec == SEC_PACKAGE && !r->have_dl) {
            int error = ERR(r, r->sec_line, "PackageName",
                            "package has no PackageDownloadLocation%s", NULL);
            if (error < 0)
                return error;
        }
    }
    r->sec = SEC_DOC;
    return 0;
}

static int
open_component(struct rd *r, enum section sec, const char *name, uint32_t line)
{
    tsn_sbom_component *c;
    int error = close_section(r);
    if (error < 0)
        return error;
    error = tsn_sbom__add_component(r->s, &r->comp);
    if (error < 0)
        return error;
    c = tsn_sbom__comp(r->s, r->comp);
    c->name = name;
    c->type = sec == SEC_FILE ? "file" : "library";
    r->sec = sec;
    r->sec_line = line;
    r->have_dl = false;
    return 0;
}

static int checksum(struct rd *r, const char *v, uint32_t line, const char *tag)
{
    /* "SHA1: hex" */
    const char *colon = strchr(v, ':');
    const char *alg, *hex;
    tsn_sbom_hash h;
    if (!colon)
        return ERR(r, line, tag, "expected \"ALGORITHM: value\"%s", NULL);
    alg = tsnu_arena_strndup(&r->s->arena, v, (size_t)(colon - v));
    TSN_CHECK_ALLOC(alg);
    hex = colon + 1;
    while (*hex == ' ')
        hex++;
    if (!tsn_rules__in(alg, tsn_spdx__checksum_algs))
        return ERR(r, line, tag, "\"%.60s\" is not an SPDX checksum algorithm",
                   alg);
    if (tsn_rules__hash(tsn_spdx__hash_alg(alg), hex) == 2)
        return ERR(r, line, tag, "not a %s digest (hex of the right length)",
                   alg);
    h.alg = tsn_spdx__hash_alg(alg);
    h.value = hex;
    return tsnu_vec_push(&r->hashes, &h);
}

static int license(struct rd *r,
                   const char *v,
                   uint32_t line,
                   const char *tag,
                   tsn_license_kind kind)
{
    const char *why;
    if (!tsn_spdx__license_value(v))
        return 0;
    if (tsn_rules__spdx_expression(v, &why) < 0)
        return ERR(r, line, tag, "licence expression: %s", why);
    if (r->n_lic < 2) {
        r->lic[r->n_lic].expression = v;
        r->lic[r->n_lic].kind = kind;
        r->n_lic++;
    }
    return 0;
}

static int external_ref(struct rd *r, const char *v, uint32_t line)
{
    /* "CATEGORY TYPE LOCATOR" */
    char *copy = tsnu_arena_strdup(&r->s->arena, v), *cat, *type, *loc;
    tsn_sbom_component *c = tsn_sbom__comp(r->s, r->comp);
    TSN_CHECK_ALLOC(copy);
    cat = copy;
    type = strchr(cat, ' ');
    if (!type)
        return ERR(r, line, "ExternalRef",
                   "expected \"CATEGORY TYPE LOCATOR\"%s", NULL);
    *type++ = '\0';
    while (*type == ' ')
        type++;
    loc = strchr(type, ' ');
    if (!loc)
        return ERR(r, line, "ExternalRef",
                   "expected \"CATEGORY TYPE LOCATOR\"%s", NULL);
    *loc++ = '\0';
    while (*loc == ' ')
        loc++;
    if (!tsn_rules__in(cat, tsn_spdx__ref_categories))
        return ERR(r, line, "ExternalRef",
                   "\"%.60s\" is not an external reference category", cat);
    if (strcmp(type, "purl") == 0) {
        char why[512];
        int rc = tsn_rules__purl(loc, why, sizeof why);
        if (rc < 0)
            return rc;
        if (!c->purl) {
            c->purl = loc;
            c->purl_invalid = rc;
        }
        return rc ? tsn_sbom__diag(r->s, TSN_DIAG_ERROR,
                                   tv_loc(r, line, "ExternalRef"), "%s", why)
                  : 0;
    }
    if (strcmp(type, "cpe23Type") == 0 || strcmp(type, "cpe22Type") == 0)
        return tsnu_vec_push(&r->cpes, &loc);
    {
        tsn_sbom_extref x = {type, loc, NULL};
        return tsnu_vec_push(&r->extrefs, &x);
    }
}

static int relationship(struct rd *r, const char *v, uint32_t line)
{
    /* "A TYPE B" */
    char *copy = tsnu_arena_strdup(&r->s->arena, v), *type, *to, *end;
    int error;
    TSN_CHECK_ALLOC(copy);
    type = strchr(copy, ' ');
    if (!type)
        return ERR(r, line, "Relationship", "expected \"SPDXID TYPE SPDXID\"%s",
                   NULL);
    *type++ = '\0';
    while (*type == ' ')
        type++;
    to = strchr(type, ' ');
    if (!to)
        return ERR(r, line, "Relationship", "expected \"SPDXID TYPE SPDXID\"%s",
                   NULL);
    *to++ = '\0';
    while (*to == ' ')
        to++;
    end = to + strlen(to);
    while (end > to && end[-1] == ' ')
        *--end = '\0';
    /* SPEC: SPDX-2.3 §11.1 relationship types */
    if (!tsn_rules__in(type, tsn_spdx__relationship_types))
        return ERR(r, line, "Relationship",
                   "\"%.60s\" is not an SPDX relationship type", type);
    error = use_id(r, copy, line, "Relationship");
    if (error == 0)
        error = use_id(r, to, line, "Relationship");
    if (error == 0)
        error = tsn_sbom__add_rel(r->s, copy, to, type);
    return error;
}

static int doc_tag(struct rd *r, const char *tag, const char *v, uint32_t line)
{
    tsn_sbom_doc *doc = &r->s->doc;
    if (strcmp(tag, "SPDXVersion") == 0) {
        r->have_version = true;
        doc->spec_version = v;
        if (strcmp(v, "SPDX-2.2") != 0 && strcmp(v, "SPDX-2.3") != 0)
            return tsn_error_set(TSN_EUNSUPPORTED,
                                 "%s:%u: SPDXVersion \"%.20s\" is not "
                                 "supported (SPDX-2.2 and SPDX-2.3 are)",
                                 r->s->name, line, v);
    } else if (strcmp(tag, "DataLicense") == 0) {
        doc->data_license = v;
        if (strcmp(v, "CC0-1.0") != 0)
            return ERR(r, line, tag, "DataLicense must be CC0-1.0%s", NULL);
    } else if (strcmp(tag, "DocumentName") == 0) {
        r->have_name = true;
        doc->name = v;
    } else if (strcmp(tag, "DocumentNamespace") == 0) {
        r->have_ns = true;
        doc->serial = v;
        if (strchr(v, '#') || !strchr(v, ':'))
            return ERR(r, line, tag,
                       "DocumentNamespace must be an absolute URI without "
                       "'#'%s",
                       NULL);
    } else if (strcmp(tag, "Created") == 0) {
        r->have_created = true;
        doc->timestamp = v;
        if (!tsn_rules__datetime(v))
            return ERR(r, line, tag, "not an RFC 3339 date-time%s", NULL);
    } else if (strcmp(tag, "Creator") == 0) {
        const char *name = tsn_spdx__actor_name(&r->s->arena, v);
        if (name)
            return tsnu_vec_push(
                strncmp(v, "Tool", 4) == 0 ? &r->tools : &r->authors, &name);
    } else if (strcmp(tag, "SPDXID") == 0) {
        if (strcmp(v, "SPDXRef-DOCUMENT") != 0)
            return ERR(r, line, tag,
                       "the document's SPDXID must be SPDXRef-DOCUMENT%s",
                       NULL);
    }
    return 0;
}

static int
component_tag(struct rd *r, const char *tag, const char *v, uint32_t line)
{
    tsn_sbom_component *c = tsn_sbom__comp(r->s, r->comp);
    bool pkg = r->sec == SEC_PACKAGE;

    if (strcmp(tag, "SPDXID") == 0) {
        c->ref = v;
        return define_id(r, v, line);
    }
    if (pkg) {
        if (strcmp(tag, "PackageVersion") == 0)
            c->version = v;
        else if (strcmp(tag, "PackageSupplier") == 0)
            c->supplier = tsn_spdx__actor_name(&r->s->arena, v);
        else if (strcmp(tag, "PackageOriginator") == 0)
            c->author = tsn_spdx__actor_name(&r->s->arena, v);
        else if (strcmp(tag, "PackageDescription") == 0)
            c->description = v;
        else if (strcmp(tag, "PackageCopyrightText") == 0)
            c->copyright = v;
        else if (strcmp(tag, "PackageChecksum") == 0)
            return checksum(r, v, line, tag);
        else if (strcmp(tag, "PackageLicenseConcluded") == 0)
            return license(r, v, line, tag, TSN_LICENSE_CONCLUDED);
        else if (strcmp(tag, "PackageLicenseDeclared") == 0)
            return license(r, v, line, tag, TSN_LICENSE_DECLARED);
        else if (strcmp(tag, "ExternalRef") == 0)
            return external_ref(r, v, line);
        else if (strcmp(tag, "PrimaryPackagePurpose") == 0) {
            if (!tsn_rules__in(v, tsn_spdx__purposes))
                return ERR(r, line, tag, "\"%.60s\" is not an allowed value",
                           v);
            c->type = tsn_spdx__purpose_type(v);
        } else if (strcmp(tag, "PackageDownloadLocation") == 0) {
            r->have_dl = true;
            if (tsn_spdx__license_value(v)) {
                tsn_sbom_extref x = {"distribution", v, NULL};
                return tsnu_vec_push(&r->extrefs, &x);
            }
        } else if (strcmp(tag, "PackageHomePage") == 0 &&
                   tsn_spdx__license_value(v)) {
            tsn_sbom_extref x = {"website", v, NULL};
            return tsnu_vec_push(&r->extrefs, &x);
        }
        return 0;
    }
    if (strcmp(tag, "FileChecksum") == 0)
        return checksum(r, v, line, tag);
    if (strcmp(tag, "LicenseConcluded") == 0)
        return license(r, v, line, tag, TSN_LICENSE_CONCLUDED);
    if (strcmp(tag, "FileCopyrightText") == 0)
        c->copyright = v;
    return 0;
}

static int handle(struct rd *r, const char *tag, const char *v, uint32_t line)
{
    if (strcmp(tag, "PackageName") == 0)
        return open_component(r, SEC_PACKAGE, v, line);
    if (strcmp(tag, "FileName") == 0)
        return open_component(r, SEC_FILE, v, line);
    if (strcmp(tag, "SnippetSPDXID") == 0 || strcmp(tag, "LicenseID") == 0) {
        int error = close_section(r);
        r->sec = SEC_OTHER;
        if (error == 0 && tag[0] == 'S')
            error = define_id(r, v, line);
        return error;
    }
    if (strcmp(tag, "Relationship") == 0)
        return relationship(r, v, line);
    if (r->sec == SEC_DOC)
        return doc_tag(r, tag, v, line);
    if (r->sec == SEC_PACKAGE || r->sec == SEC_FILE)
        return component_tag(r, tag, v, line);
    return 0;
}

int tsn_spdx__read_tv(tsn_sbom *s, const char *data, size_t len)
{
    struct rd r;
    const char *p = data, *end = data + len;
    uint32_t line = 0;
    int error = 0;

    memset(&r, 0, sizeof r);
    r.s = s;
    r.uses = (tsnu_vec)TSNU_VEC_INIT(struct use, SIZE_MAX / 64);
    r.authors = (tsnu_vec)TSNU_VEC_INIT(const char *, SIZE_MAX / 64);
    r.tools = (tsnu_vec)TSNU_VEC_INIT(const char *, SIZE_MAX / 64);
    r.hashes = (tsnu_vec)TSNU_VEC_INIT(tsn_sbom_hash, SIZE_MAX / 64);
    r.cpes = (tsnu_vec)TSNU_VEC_INIT(const char *, SIZE_MAX / 64);
    r.extrefs = (tsnu_vec)TSNU_VEC_INIT(tsn_sbom_extref, SIZE_MAX / 64);
    if (!tsnu_utf8_valid(data, len, NULL)) {
        size_t bad = 0;
        tsnu_utf8_valid(data, len, &bad);
        return tsn_error_set(TSN_EINVALID, "%s: invalid UTF-8 at byte %zu",
                             s->name, bad);
    }
    error = tsnu_strset_add(&r.ids, "SPDXRef-DOCUMENT");
    while (error >= 0 && p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *le = eol ? eol : end, *colon, *v, *ve;
        char *tag, *value;
        uint32_t tag_line = ++line;

        if (!eol)
            eol = end;
        /* Skip blank lines and comments. */
        {
            const char *q = p;
            while (q < le && (*q == ' ' || *q == '\t' || *q == '\r'))
                q++;
            if (q == le || *q == '#') {
                p = eol + (eol < end);
                continue;
            }
        }
        colon = memchr(p, ':', (size_t)(le - p));
        if (!colon) {
            error =
                tsn_error_set(TSN_EINVALID, "%s:%u: expected \"Tag: value\"",
                              s->name, tag_line);
            break;
        }
        tag = tsnu_arena_strndup(&s->arena, p, (size_t)(colon - p));
        if (!tag) {
            error = tsn_error_oom();
            break;
        }
        v = colon + 1;
        while (v < le && (*v == ' ' || *v == '\t'))
            v++;
        if ((size_t)(le - v) >= 6 && memcmp(v, "<text>", 6) == 0) {
            /* Multi-line value up to </text>. */
            const char *close, *q = v + 6;
            close = NULL;
            for (const char *k = q; k + 7 <= end; k++)
                if (*k == '<' && memcmp(k, "</text>", 7) == 0) {
                    close = k;
                    break;
                }
            if (!close) {
                error = tsn_error_set(TSN_EINVALID,
                                      "%s:%u: %s: <text> is never closed",
                                      s->name, tag_line, tag);
                break;
            }
            if ((size_t)(close - q) > s->ctx->limits.field_bytes) {
                error = tsn_error_set(TSN_ETOOBIG,
                                      "%s:%u: %s: text longer than the "
                                      "field limit",
                                      s->name, tag_line, tag);
                break;
            }
            value = tsnu_arena_strndup(&s->arena, q, (size_t)(close - q));
            for (const char *k = v; k < close; k++)
                if (*k == '\n')
                    line++;
            eol = memchr(close, '\n', (size_t)(end - close));
            if (!eol)
                eol = end;
        } else {
            ve = le;
            while (ve > v &&
                   (ve[-1] == ' ' || ve[-1] == '\t' || ve[-1] == '\r'))
                ve--;
            if ((size_t)(ve - v) > s->ctx->limits.field_bytes) {
                error = tsn_error_set(TSN_ETOOBIG,
                                      "%s:%u: %s: value longer than the "
                                      "field limit",
                                      s->name, tag_line, tag);
                break;
            }
            value = tsnu_arena_strndup(&s->arena, v, (size_t)(ve - v));
        }
        if (!value) {
            error = tsn_error_oom();
            break;
        }
        error = handle(&r, tag, value, tag_line);
        p = eol + (eol < end);
    }
    if (error >= 0)
        error = close_section(&r);
    /* SPEC: SPDX-2.3 §6 required document fields */
    if (error >= 0 && !r.have_version)
        error = ERR(&r, 1, "SPDXVersion",
                    "required tag SPDXVersion is "
                    "missing%s",
                    NULL);
    if (error >= 0 && !r.have_name)
        error = ERR(&r, 1, "DocumentName",
                    "required tag DocumentName is "
                    "missing%s",
                    NULL);
    if (error >= 0 && !r.have_ns)
        error = ERR(&r, 1, "DocumentNamespace",
                    "required tag DocumentNamespace is missing%s", NULL);
    if (error >= 0 && !r.have_created)
        error =
            ERR(&r, 1, "Created", "required tag Created is missing%s", NULL);
    for (size_t i = 0; error >= 0 && i < r.uses.len; i++) {
        struct use *u = TSNU_VEC_AT(&r.uses, struct use, i);
        if (!tsnu_strset_has(&r.ids, u->ref))
            error = ERR(&r, u->line, u->tag,
                        "\"%.200s\" does not match any SPDXID in the "
                        "document",
                        u->ref);
    }
    if (error >= 0) {
        s->doc.authors = freeze(&r, &r.authors, &s->doc.n_authors);
        s->doc.tools = freeze(&r, &r.tools, &s->doc.n_tools);
        /* The package the document describes is the root. */
        for (size_t i = 0; i < s->rels.len; i++) {
            const tsn_sbom_relationship *rel =
                TSNU_VEC_AT(&s->rels, tsn_sbom_relationship, i);
            if (strcmp(rel->type, "DESCRIBES") != 0 ||
                strcmp(rel->from, "SPDXRef-DOCUMENT") != 0)
                continue;
            for (size_t k = 0; k < s->comps.len; k++)
                if (tsnu_streq(tsn_sbom__comp(s, k)->ref, rel->to))
                    s->doc.root = k;
            break;
        }
        error = 0;
    }
    tsnu_strset_dispose(&r.ids);
    tsnu_vec_dispose(&r.uses);
    tsnu_vec_dispose(&r.authors);
    tsnu_vec_dispose(&r.tools);
    tsnu_vec_dispose(&r.hashes);
    tsnu_vec_dispose(&r.cpes);
    tsnu_vec_dispose(&r.extrefs);
    return error;
}
