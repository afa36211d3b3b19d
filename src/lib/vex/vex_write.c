/* SPDX-License-Identifier: Apache-2.0 */
/*
 * VEX documents written: a triage decision as a new OpenVEX or CycloneDX
 * document, or added to one with everything else in it kept as it was
 * (members in their order, numbers as written). What is written is read
 * back before it is handed out.
 */
#include "lib/advisory/rd.h"
#include "lib/sbom/cdx.h"
#include "lib/sbom/model.h"
#include "lib/vex/vex_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct wr {
    tsnu_jw w;
    const tsn_vex_statement *st;
    const tsn_vex_write_opts *o;
    const char *when; /* the statement's time */
    const char *now;  /* the document's: now, or SOURCE_DATE_EPOCH */
};

static bool in(const char *const *words, const char *s)
{
    for (; *words; words++)
        if (strcmp(*words, s) == 0)
            return true;
    return false;
}

static void words(tsn_buf *b, const char *const *w)
{
    for (size_t i = 0; w[i]; i++)
        tsn_buf_printf(b, "%s%s", i ? ", " : "", w[i]);
}

static int bad_word(const char *what,
                    const char *word,
                    const char *format,
                    const char *const *w)
{
    tsn_buf b = TSN_BUF_INIT(4096);
    words(&b, w);
    int rc = tsn_error_set(TSN_EINVALID, "%s '%.100s' is not one of %s's (%s)",
                           what, word, format, tsn_buf_cstr(&b));
    tsn_buf_dispose(&b);
    return rc;
}

/* Whether @p fmt can say @p st as it is. */
static int check(const struct wr *r, tsn_vex_format fmt)
{
    const tsn_vex_statement *st = r->st;
    const char *f = fmt == TSN_VEX_OPENVEX ? "OpenVEX" : "CycloneDX";
    if (!st->vuln || !*st->vuln)
        return tsn_error_set(TSN_EINVALID,
                             "a statement needs a vulnerability id");
    if (st->nproducts == 0)
        return tsn_error_set(TSN_EINVALID, "a statement needs a product");
    for (size_t i = 0; i < st->nproducts; i++) {
        const tsn_vex_product *p = &st->products[i];
        if ((!p->id || !*p->id) && (!p->purl || !*p->purl) &&
            (!p->cpe || !*p->cpe))
            return tsn_error_set(TSN_EINVALID,
                                 "product %zu has no id, purl or CPE", i + 1);
        if (fmt == TSN_VEX_CYCLONEDX && p->nsubcomponents)
            return tsn_error_set(
                TSN_EINVALID,
                "CycloneDX VEX has no subcomponents: name the affected "
                "component itself as the product");
        if (fmt == TSN_VEX_CYCLONEDX && (!p->id || !*p->id) &&
            (!p->purl || !*p->purl))
            return tsn_error_set(TSN_EINVALID,
                                 "CycloneDX VEX names a product by bom-ref, "
                                 "BOM-Link or package URL, not by CPE alone");
    }
    if (!tsnr_rfc3339(r->when))
        return tsn_error_set(TSN_EINVALID,
                             "'%.100s' is not an RFC 3339 time "
                             "(2026-11-22T09:30:00Z)",
                             r->when);
    if (st->justification && st->status != TSN_VEX_NOT_AFFECTED &&
        st->status != TSN_VEX_FALSE_POSITIVE)
        return tsn_error_set(TSN_EINVALID,
                             "a justification says why a product is not "
                             "affected; this statement says %s",
                             tsn_vex_status_name(st->status));
    if (st->status == TSN_VEX_NOT_AFFECTED && !st->justification && !st->impact)
        return tsn_error_set(TSN_EINVALID,
                             "a not_affected statement needs a justification "
                             "or an impact statement");
    if (fmt == TSN_VEX_OPENVEX) {
        if (st->status == TSN_VEX_FALSE_POSITIVE)
            return tsn_error_set(TSN_EINVALID,
                                 "OpenVEX has no false_positive status: say "
                                 "not_affected with a justification");
        if (st->justification &&
            !in(tsnx_openvex_justifications, st->justification))
            return bad_word("justification", st->justification, f,
                            tsnx_openvex_justifications);
        if (st->status == TSN_VEX_AFFECTED && !st->action)
            return tsn_error_set(TSN_EINVALID,
                                 "an OpenVEX affected statement needs an "
                                 "action statement");
        if (r->o->nresponses)
            return tsn_error_set(TSN_EINVALID,
                                 "responses are CycloneDX's: OpenVEX says "
                                 "what to do in the action statement");
    } else {
        if (st->justification &&
            !in(tsn_cdx__justifications, st->justification))
            return bad_word("justification", st->justification, f,
                            tsn_cdx__justifications);
        for (size_t i = 0; i < r->o->nresponses; i++)
            if (!in(tsn_cdx__responses, r->o->responses[i]))
                return bad_word("response", r->o->responses[i], f,
                                tsn_cdx__responses);
    }
    return 0;
}

/* A urn:uuid from what the document says (the same statement made at
 * the same time by the same author gives the same one). */
static void derived_uuid(const struct wr *r, char out[TSNU_URN_UUID_LEN])
{
    tsn_buf b = TSN_BUF_INIT(SIZE_MAX / 2);
    const tsn_vex_statement *st = r->st;
    tsn_buf_printf(&b, "%s|%s|%s|%s|%s", st->vuln,
                   tsn_vex_status_name(st->status), r->when,
                   r->o->author ? r->o->author : "",
                   st->justification ? st->justification : "");
    for (size_t i = 0; i < st->nproducts; i++)
        tsn_buf_printf(&b, "|%s|%s",
                       st->products[i].id ? st->products[i].id : "",
                       st->products[i].purl ? st->products[i].purl : "");
    tsnu_uuid_from_hash(tsnu_strhash(tsn_buf_cstr(&b)), out);
    tsn_buf_dispose(&b);
}

/* ---- OpenVEX ------------------------------------------------------------ */

static void ov_identifiers(tsnu_jw *w, const char *purl, const char *cpe)
{
    if (!purl && !cpe)
        return;
    tsnu_jw_key(w, "identifiers");
    tsnu_jw_object(w);
    tsnu_jw_kstr(w, "purl", purl);
    if (cpe)
        tsnu_jw_kstr(w, strncmp(cpe, "cpe:2.3:", 8) == 0 ? "cpe23" : "cpe22",
                     cpe);
    tsnu_jw_end(w);
}

static void ov_product(tsnu_jw *w, const tsn_vex_product *p)
{
    const char *id = p->id ? p->id : p->purl;
    tsnu_jw_object(w);
    tsnu_jw_kstr(w, "@id", id);
    ov_identifiers(w, tsnu_streq(p->purl, id) ? NULL : p->purl, p->cpe);
    if (p->nsubcomponents) {
        tsnu_jw_key(w, "subcomponents");
        tsnu_jw_array(w);
        for (size_t i = 0; i < p->nsubcomponents; i++) {
            tsnu_jw_object(w);
            tsnu_jw_kstr(w, "@id", p->subcomponents[i]);
            tsnu_jw_end(w);
        }
        tsnu_jw_end(w);
    }
    tsnu_jw_end(w);
}

static void ov_statement(struct wr *r)
{
    tsnu_jw *w = &r->w;
    const tsn_vex_statement *st = r->st;
    tsnu_jw_object(w);
    tsnu_jw_key(w, "vulnerability");
    tsnu_jw_object(w);
    tsnu_jw_kstr(w, "name", st->vuln);
    if (st->naliases) {
        tsnu_jw_key(w, "aliases");
        tsnu_jw_array(w);
        for (size_t i = 0; i < st->naliases; i++)
            tsnu_jw_string(w, st->aliases[i]);
        tsnu_jw_end(w);
    }
    tsnu_jw_end(w);
    tsnu_jw_kstr(w, "timestamp", r->when);
    tsnu_jw_key(w, "products");
    tsnu_jw_array(w);
    for (size_t i = 0; i < st->nproducts; i++)
        ov_product(w, &st->products[i]);
    tsnu_jw_end(w);
    tsnu_jw_kstr(w, "status", tsn_vex_status_name(st->status));
    tsnu_jw_kstr(w, "justification", st->justification);
    tsnu_jw_kstr(w, "impact_statement", st->impact);
    tsnu_jw_kstr(w, "action_statement", st->action);
    tsnu_jw_end(w);
}

static void ov_new(struct wr *r)
{
    char uuid[TSNU_URN_UUID_LEN];
    tsnu_jw *w = &r->w;
    if (!r->o->id)
        derived_uuid(r, uuid);
    tsnu_jw_object(w);
    tsnu_jw_kstr(w, "@context", "https://openvex.dev/ns/v0.2.0");
    tsnu_jw_kstr(w, "@id", r->o->id ? r->o->id : uuid);
    tsnu_jw_kstr(w, "author", r->o->author);
    tsnu_jw_kstr(w, "role", r->o->role);
    tsnu_jw_kstr(w, "timestamp", r->now);
    tsnu_jw_key(w, "version");
    tsnu_jw_long(w, 1);
    tsnu_jw_kstr(w, "tooling", "tsunagi " TSN_VERSION_STRING);
    tsnu_jw_key(w, "statements");
    tsnu_jw_array(w);
    ov_statement(r);
    tsnu_jw_end(w);
    tsnu_jw_end(w);
}

/* The document's version (a whole number, or one in a string) plus one. */
static int next_version(struct wr *r,
                        const char *name,
                        const tsnu_json *v,
                        const char *key)
{
    unsigned long n = 0;
    if (!v || (v->type != TSNU_JSON_NUMBER && v->type != TSNU_JSON_STRING) ||
        !tsnu_parse_ulong(v->u.str, &n) || n >= 0x7fffffffUL)
        return tsn_error_set(TSN_EINVALID, "%s:%u: /%s: not a whole number",
                             name, v ? (unsigned)v->line : 1u, key);
    if (v->type == TSNU_JSON_NUMBER) {
        tsnu_jw_long(&r->w, (long)n + 1);
    } else {
        char s[24];
        snprintf(s, sizeof s, "%lu", n + 1);
        tsnu_jw_string(&r->w, s);
    }
    return 0;
}

static int ov_add(struct wr *r, const tsnu_json *root, const char *name)
{
    tsnu_jw *w = &r->w;
    bool has_updated = tsnu_json_get(root, "last_updated") != NULL;
    int rc = 0;
    tsnu_jw_object(w);
    for (size_t i = 0; rc == 0 && i < root->len; i++) {
        const tsnu_json_member *m = &root->u.members[i];
        if (strcmp(m->key, "statements") == 0 && !has_updated)
            tsnu_jw_kstr(w, "last_updated", r->now);
        tsnu_jw_key(w, m->key);
        if (strcmp(m->key, "version") == 0) {
            rc = next_version(r, name, &m->value, "version");
        } else if (strcmp(m->key, "last_updated") == 0) {
            tsnu_jw_string(w, r->now);
        } else if (strcmp(m->key, "statements") == 0) {
            tsnu_jw_array(w);
            for (size_t k = 0; k < m->value.len; k++)
                tsnu_jw_value(w, &m->value.u.items[k]);
            ov_statement(r);
            tsnu_jw_end(w);
        } else {
            tsnu_jw_value(w, &m->value);
        }
    }
    tsnu_jw_end(w);
    return rc;
}

/* ---- CycloneDX ---------------------------------------------------------- */

const char *tsnx_cdx_state(tsn_vex_status s)
{
    switch (s) {
    case TSN_VEX_NOT_AFFECTED:
        return "not_affected";
    case TSN_VEX_FALSE_POSITIVE:
        return "false_positive";
    case TSN_VEX_AFFECTED:
        return "exploitable";
    case TSN_VEX_FIXED:
        return "resolved";
    case TSN_VEX_UNDER_INVESTIGATION:
        break;
    }
    return "in_triage";
}

void tsnx_cdx_source(tsnu_jw *w, const char *id, bool always)
{
    tsn_buf u = TSN_BUF_INIT(4096);
    const char *name = tsnr_id_home(id, &u);
    if (name || always) {
        tsnu_jw_key(w, "source");
        tsnu_jw_object(w);
        tsnu_jw_kstr(w, "name", name);
        if (u.len)
            tsnu_jw_kstr(w, "url", tsn_buf_cstr(&u));
        tsnu_jw_end(w);
    }
    tsn_buf_dispose(&u);
}

static const char *cdx_ref(const tsn_vex_product *p)
{
    return p->id && *p->id ? p->id : p->purl;
}

static void cdx_analysis(struct wr *r, const char *first)
{
    tsnu_jw *w = &r->w;
    const tsn_vex_statement *st = r->st;
    tsnu_jw_key(w, "analysis");
    tsnu_jw_object(w);
    tsnu_jw_kstr(w, "state", tsnx_cdx_state(st->status));
    tsnu_jw_kstr(w, "justification", st->justification);
    if (r->o->nresponses) {
        tsnu_jw_key(w, "response");
        tsnu_jw_array(w);
        for (size_t i = 0; i < r->o->nresponses; i++)
            tsnu_jw_string(w, r->o->responses[i]);
        tsnu_jw_end(w);
    }
    tsnu_jw_kstr(w, "detail", st->impact);
    tsnu_jw_kstr(w, "firstIssued", first ? first : r->when);
    tsnu_jw_kstr(w, "lastUpdated", r->when);
    tsnu_jw_end(w);
}

static void cdx_vuln(struct wr *r)
{
    tsnu_jw *w = &r->w;
    const tsn_vex_statement *st = r->st;
    tsnu_jw_object(w);
    tsnu_jw_kstr(w, "id", st->vuln);
    tsnx_cdx_source(w, st->vuln, false);
    if (st->naliases) {
        tsnu_jw_key(w, "references");
        tsnu_jw_array(w);
        for (size_t i = 0; i < st->naliases; i++) {
            tsnu_jw_object(w);
            tsnu_jw_kstr(w, "id", st->aliases[i]);
            tsnx_cdx_source(w, st->aliases[i], true);
            tsnu_jw_end(w);
        }
        tsnu_jw_end(w);
    }
    tsnu_jw_kstr(w, "recommendation", st->action);
    cdx_analysis(r, NULL);
    tsnu_jw_key(w, "affects");
    tsnu_jw_array(w);
    for (size_t i = 0; i < st->nproducts; i++) {
        tsnu_jw_object(w);
        tsnu_jw_kstr(w, "ref", cdx_ref(&st->products[i]));
        tsnu_jw_end(w);
    }
    tsnu_jw_end(w);
    tsnu_jw_end(w);
}

static void cdx_new(struct wr *r)
{
    char uuid[TSNU_URN_UUID_LEN];
    tsnu_jw *w = &r->w;
    if (!r->o->id)
        derived_uuid(r, uuid);
    tsnu_jw_object(w);
    tsnu_jw_kstr(w, "bomFormat", "CycloneDX");
    tsnu_jw_kstr(w, "specVersion", "1.6");
    tsnu_jw_kstr(w, "serialNumber", r->o->id ? r->o->id : uuid);
    tsnu_jw_key(w, "version");
    tsnu_jw_long(w, 1);
    tsnu_jw_key(w, "metadata");
    tsnu_jw_object(w);
    tsnu_jw_kstr(w, "timestamp", r->now);
    tsnu_jw_key(w, "tools");
    tsnu_jw_object(w);
    tsnu_jw_key(w, "components");
    tsnu_jw_array(w);
    tsnu_jw_object(w);
    tsnu_jw_kstr(w, "type", "application");
    tsnu_jw_kstr(w, "name", "tsunagi");
    tsnu_jw_kstr(w, "version", TSN_VERSION_STRING);
    tsnu_jw_end(w);
    tsnu_jw_end(w);
    tsnu_jw_end(w);
    if (r->o->author) {
        tsnu_jw_key(w, "authors");
        tsnu_jw_array(w);
        tsnu_jw_object(w);
        tsnu_jw_kstr(w, "name", r->o->author);
        tsnu_jw_end(w);
        tsnu_jw_end(w);
    }
    tsnu_jw_end(w);
    tsnu_jw_key(w, "vulnerabilities");
    tsnu_jw_array(w);
    cdx_vuln(r);
    tsnu_jw_end(w);
    tsnu_jw_end(w);
}

/* Whether the vulnerability @p v is the statement's: the same id, and
 * affects naming the same products. */
static bool same_vuln(const struct wr *r, const tsnu_json *v)
{
    const tsn_vex_statement *st = r->st;
    const tsnu_json *aff = tsnu_json_get(v, "affects");
    if (!tsnu_streq(tsnu_json_get_str(v, "id"), st->vuln) || !aff ||
        aff->type != TSNU_JSON_ARRAY)
        return false;
    for (size_t i = 0; i < aff->len; i++) {
        const char *ref = tsnu_json_get_str(&aff->u.items[i], "ref");
        size_t k = 0;
        while (k < st->nproducts && !tsnu_streq(ref, cdx_ref(&st->products[k])))
            k++;
        if (k == st->nproducts)
            return false;
    }
    for (size_t k = 0; k < st->nproducts; k++) {
        size_t i = 0;
        while (i < aff->len &&
               !tsnu_streq(tsnu_json_get_str(&aff->u.items[i], "ref"),
                           cdx_ref(&st->products[k])))
            i++;
        if (i == aff->len)
            return false;
    }
    return true;
}

/* The vulnerability @p v with the statement's analysis and
 * recommendation in place of its own; when it was first issued kept. */
static void cdx_update(struct wr *r, const tsnu_json *v)
{
    tsnu_jw *w = &r->w;
    const tsnu_json *an = tsnu_json_get(v, "analysis");
    const char *first = an ? tsnu_json_get_str(an, "firstIssued") : NULL;
    bool rec = false;
    tsnu_jw_object(w);
    for (size_t i = 0; i < v->len; i++) {
        const tsnu_json_member *m = &v->u.members[i];
        if (strcmp(m->key, "analysis") == 0) {
            cdx_analysis(r, first);
            continue;
        }
        tsnu_jw_key(w, m->key);
        if (strcmp(m->key, "recommendation") == 0 && r->st->action) {
            tsnu_jw_string(w, r->st->action);
            rec = true;
        } else {
            tsnu_jw_value(w, &m->value);
        }
    }
    if (!rec)
        tsnu_jw_kstr(w, "recommendation", r->st->action);
    if (!an)
        cdx_analysis(r, NULL);
    tsnu_jw_end(w);
}

static void cdx_metadata(struct wr *r, const tsnu_json *md)
{
    tsnu_jw *w = &r->w;
    tsnu_jw_object(w);
    tsnu_jw_kstr(w, "timestamp", r->now);
    for (size_t i = 0; md && i < md->len; i++) {
        if (strcmp(md->u.members[i].key, "timestamp") == 0)
            continue;
        tsnu_jw_key(w, md->u.members[i].key);
        tsnu_jw_value(w, &md->u.members[i].value);
    }
    tsnu_jw_end(w);
}

static int cdx_add(struct wr *r, const tsnu_json *root, const char *name)
{
    tsnu_jw *w = &r->w;
    bool has_md = false, has_vulns = false;
    int rc = 0;
    tsnu_jw_object(w);
    for (size_t i = 0; rc == 0 && i < root->len; i++) {
        const tsnu_json_member *m = &root->u.members[i];
        tsnu_jw_key(w, m->key);
        if (strcmp(m->key, "version") == 0) {
            rc = next_version(r, name, &m->value, "version");
        } else if (strcmp(m->key, "metadata") == 0) {
            cdx_metadata(r, &m->value);
            has_md = true;
        } else if (strcmp(m->key, "vulnerabilities") == 0) {
            bool done = false;
            tsnu_jw_array(w);
            for (size_t k = 0; k < m->value.len; k++) {
                const tsnu_json *v = &m->value.u.items[k];
                if (!done && same_vuln(r, v)) {
                    cdx_update(r, v);
                    done = true;
                } else {
                    tsnu_jw_value(w, v);
                }
            }
            if (!done)
                cdx_vuln(r);
            tsnu_jw_end(w);
            has_vulns = true;
        } else {
            tsnu_jw_value(w, &m->value);
        }
    }
    if (!tsnu_json_get(root, "version") && rc == 0)
        rc = tsn_error_set(TSN_EINVALID,
                           "%s:1: /version: a BOM being "
                           "changed needs a version to raise",
                           name);
    if (!has_md) {
        tsnu_jw_key(w, "metadata");
        cdx_metadata(r, NULL);
    }
    if (!has_vulns) {
        tsnu_jw_key(w, "vulnerabilities");
        tsnu_jw_array(w);
        cdx_vuln(r);
        tsnu_jw_end(w);
    }
    tsnu_jw_end(w);
    return rc;
}

/* ---- both --------------------------------------------------------------- */

int tsn_vex_write(tsn_ctx *ctx,
                  const tsn_vex_statement *st,
                  const char *base,
                  size_t len,
                  const char *name,
                  const tsn_vex_write_opts *o,
                  char **out)
{
    char now[32];
    /* no bigger than a document read back may be */
    tsn_buf b = TSN_BUF_INIT(ctx->limits.document_bytes);
    tsnu_arena arena = {0};
    tsn_vex *check_set = NULL;
    struct wr r = {.st = st, .o = o};
    tsn_vex_format fmt = o->format;
    tsnu_json *root = NULL;
    int rc;
    *out = NULL;
    if (!name)
        name = "<vex>";
    tsnu_utc_now(now);
    r.now = now;
    r.when = o->timestamp ? o->timestamp : now;
    if ((rc = tsn_vex_new(&check_set)) < 0)
        return rc;
    if (base) {
        /* a document to add to must read as it is */
        if ((rc = tsn_vex_read(check_set, ctx, base, len, name)) < 0 ||
            (rc = tsnr_parse(&root, &arena, base, len, name)) < 0)
            goto out;
        if (tsnx_is_openvex(root)) {
            fmt = TSN_VEX_OPENVEX;
        } else if (tsnu_json_get(root, "bomFormat")) {
            fmt = TSN_VEX_CYCLONEDX;
        } else {
            rc = tsn_error_set(TSN_EUNSUPPORTED,
                               "%s: statements are added to OpenVEX or "
                               "CycloneDX JSON documents, not to this one",
                               name);
            goto out;
        }
    }
    if ((rc = check(&r, fmt)) < 0)
        goto out;
    if (!base && fmt == TSN_VEX_OPENVEX && !o->author) {
        rc = tsn_error_set(TSN_EINVALID, "an OpenVEX document needs an author");
        goto out;
    }
    if (!base && fmt == TSN_VEX_CYCLONEDX && o->id &&
        !tsn_rules__urn_uuid(o->id)) {
        rc = tsn_error_set(TSN_EINVALID,
                           "'%.100s': a CycloneDX serial number is a "
                           "urn:uuid: and an RFC 4122 UUID",
                           o->id);
        goto out;
    }
    tsnu_jw_init(&r.w, &b);
    if (!base)
        fmt == TSN_VEX_OPENVEX ? ov_new(&r) : cdx_new(&r);
    else
        rc = fmt == TSN_VEX_OPENVEX ? ov_add(&r, root, name)
                                    : cdx_add(&r, root, name);
    if (rc == 0)
        rc = tsnu_jw_finish(&r.w);
    if (rc < 0)
        goto out;
    /* what is handed out reads back */
    tsn_vex_free(check_set);
    check_set = NULL;
    if ((rc = tsn_vex_new(&check_set)) < 0)
        goto out;
    if ((rc = tsn_vex_read(check_set, ctx, b.ptr, b.len, name)) < 0) {
        if (rc != TSN_ENOMEM) {
            tsn_error_prefix("the VEX document written does not read back");
            rc = TSN_ERROR;
        }
        goto out;
    }
    *out = tsn_buf_detach(&b);
    rc = *out ? 0 : tsn_error_oom();
out:
    tsn_vex_free(check_set);
    tsnu_arena_dispose(&arena);
    tsn_buf_dispose(&b);
    return rc;
}
