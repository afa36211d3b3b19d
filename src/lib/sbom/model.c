/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The SBOM model: construction helpers for readers, getters, and reading
 * entry points with format detection.
 */
#include "model.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int tsn_sbom__new(tsn_sbom **out, const tsn_ctx *ctx, const char *name)
{
    tsn_sbom *s = tsn_calloc(1, sizeof *s);
    *out = NULL;
    TSN_CHECK_ALLOC(s);
    s->ctx = ctx;
    s->comps =
        (tsnu_vec)TSNU_VEC_INIT(tsn_sbom_component, ctx->limits.components);
    s->rels = (tsnu_vec)TSNU_VEC_INIT(tsn_sbom_relationship, SIZE_MAX / 64);
    s->vulns = (tsnu_vec)TSNU_VEC_INIT(tsn_sbom_vuln, SIZE_MAX / 128);
    s->diags = (tsnu_vec)TSNU_VEC_INIT(tsn_sbom_diag, TSN_SBOM_MAX_DIAGS);
    s->doc.root = TSN_SBOM_NONE;
    s->name = tsnu_arena_strdup(&s->arena, name ? name : "<input>");
    if (!s->name) {
        tsn_free(s);
        return tsn_error_oom();
    }
    *out = s;
    return 0;
}

void tsn_sbom_free(tsn_sbom *s)
{
    if (!s)
        return;
    tsnu_vec_dispose(&s->comps);
    tsnu_vec_dispose(&s->rels);
    tsnu_vec_dispose(&s->vulns);
    tsnu_vec_dispose(&s->diags);
    tsnu_arena_dispose(&s->arena);
    tsn_free(s);
}

int tsn_sbom__add_component(tsn_sbom *s, size_t *idx)
{
    void *slot;
    int error = tsnu_vec_add(&s->comps, &slot);
    if (error < 0) {
        if (error == TSN_ETOOBIG)
            tsn_error_set(TSN_ETOOBIG, "%s: more than %zu components (limit)",
                          s->name, s->comps.max);
        return error;
    }
    ((tsn_sbom_component *)slot)->parent = TSN_SBOM_NONE;
    *idx = s->comps.len - 1;
    return 0;
}

int tsn_sbom__add_rel(tsn_sbom *s,
                      const char *from,
                      const char *to,
                      const char *type)
{
    tsn_sbom_relationship r = {from, to, type};
    return tsnu_vec_push(&s->rels, &r);
}

int tsn_sbom__add_vuln(tsn_sbom *s, tsn_sbom_vuln **out)
{
    return tsnu_vec_add(&s->vulns, (void **)out);
}

int tsn_sbom__diag(tsn_sbom *s,
                   tsn_diag_severity sev,
                   const char *location,
                   const char *fmt,
                   ...)
{
    tsn_sbom_diag *d;
    va_list ap;
    char msg[1024];

    if (sev == TSN_DIAG_ERROR)
        s->n_errors++;
    if (s->diags.len >= s->diags.max)
        return 0; /* counted, not kept */
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (tsnu_vec_add(&s->diags, (void **)&d) < 0)
        return tsn_error_oom();
    d->severity = sev;
    d->location = location ? location : s->name;
    d->message = tsnu_arena_strdup(&s->arena, msg);
    if (!d->message)
        return tsn_error_oom();
    return 0;
}

const char *
tsn_sbom__json_loc(tsn_sbom *s, const tsnu_jpath *path, uint32_t line)
{
    tsn_buf b = TSN_BUF_INIT(65536);
    const char *loc;

    tsn_buf_puts(&b, s->name);
    tsn_buf_putc(&b, ':');
    tsn_buf_putu(&b, line);
    tsn_buf_puts(&b, ": ");
    tsnu_jpath_render(path, &b);
    loc = tsnu_arena_strndup(&s->arena, tsn_buf_cstr(&b), b.len);
    tsn_buf_dispose(&b);
    return loc;
}

tsn_sbom_format tsn_sbom_detect(const char *data, size_t len)
{
    const char *p = data, *end = data + len;
    size_t n;

    if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
        p += 3;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        p++;
    if (p >= end)
        return TSN_SBOM_AUTO;
    if (*p == '<')
        return TSN_SBOM_CDX_XML;
    n = (size_t)(end - p) < 65536 ? (size_t)(end - p) : 65536;
    if (*p == '{') {
        /* Look at the first 64 KiB for the tell-tale keys. */
        const char *win = p;
        if (memmem(win, n, "\"bomFormat\"", 11) ||
            memmem(win, n, "\"CycloneDX\"", 11))
            return TSN_SBOM_CDX_JSON;
        if (memmem(win, n, "\"spdxVersion\"", 13))
            return TSN_SBOM_SPDX_JSON;
        if (memmem(win, n, "\"@context\"", 10) &&
            memmem(win, n, "spdx.org/rdf/3", 14))
            return TSN_SBOM_SPDX3_JSONLD;
        if (memmem(win, n, "\"specVersion\"", 13))
            return TSN_SBOM_CDX_JSON;
        return TSN_SBOM_AUTO;
    }
    if (memmem(p, n, "SPDXVersion:", 12))
        return TSN_SBOM_SPDX_TV;
    return TSN_SBOM_AUTO;
}

const char *tsn_sbom_format_name(tsn_sbom_format f)
{
    switch (f) {
    case TSN_SBOM_CDX_JSON:
        return "CycloneDX JSON";
    case TSN_SBOM_CDX_XML:
        return "CycloneDX XML";
    case TSN_SBOM_SPDX_JSON:
        return "SPDX JSON";
    case TSN_SBOM_SPDX_TV:
        return "SPDX tag-value";
    case TSN_SBOM_SPDX3_JSONLD:
        return "SPDX 3 JSON-LD";
    default:
        return "unknown";
    }
}

int tsn_sbom_read(tsn_sbom **out,
                  tsn_ctx *ctx,
                  const char *data,
                  size_t len,
                  const tsn_sbom_read_opts *opts)
{
    tsn_sbom *s = NULL;
    tsn_sbom_format fmt = opts ? opts->format : TSN_SBOM_AUTO;
    const char *name = opts && opts->name ? opts->name : "<input>";
    int error;

    *out = NULL;
    if (len > ctx->limits.document_bytes)
        return tsn_error_set(TSN_ETOOBIG,
                             "%s: document is %zu bytes, limit is %zu "
                             "(see --max-size)",
                             name, len, ctx->limits.document_bytes);
    if (fmt == TSN_SBOM_AUTO)
        fmt = tsn_sbom_detect(data, len);
    error = tsn_sbom__new(&s, ctx, name);
    if (error < 0)
        return error;
    s->doc.format = fmt;
    switch (fmt) {
    case TSN_SBOM_CDX_JSON:
        error = tsn_cdx__read_json(s, data, len);
        break;
    case TSN_SBOM_CDX_XML:
        error = tsn_cdx__read_xml(s, data, len);
        break;
    case TSN_SBOM_SPDX_JSON:
        error = tsn_spdx__read_json(s, data, len);
        break;
    case TSN_SBOM_SPDX_TV:
        error = tsn_spdx__read_tv(s, data, len);
        break;
    case TSN_SBOM_SPDX3_JSONLD:
        error = tsn_spdx3__read_jsonld(s, data, len);
        break;
    default:
        error = tsn_error_set(TSN_EINVALID,
                              "%s: not a CycloneDX or SPDX document", name);
    }
    if (error < 0) {
        tsn_sbom_free(s);
        return error;
    }
    *out = s;
    return 0;
}

int tsn_sbom_read_file(tsn_sbom **out,
                       tsn_ctx *ctx,
                       const char *path,
                       const tsn_sbom_read_opts *opts)
{
    tsn_buf data = TSN_BUF_INIT(ctx->limits.document_bytes + 1);
    tsn_sbom_read_opts o = TSN_SBOM_READ_OPTS_INIT;
    int error;

    *out = NULL;
    if (opts)
        o = *opts;
    if (!o.name)
        o.name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    error = tsnu_file_read(&data, path, ctx->limits.document_bytes);
    if (error == 0)
        error = tsn_sbom_read(out, ctx, tsn_buf_cstr(&data), data.len, &o);
    tsn_buf_dispose(&data);
    return error;
}

const tsn_sbom_doc *tsn_sbom_document(const tsn_sbom *s)
{
    return &s->doc;
}

const tsn_sbom_component *tsn_sbom_components(const tsn_sbom *s, size_t *n)
{
    *n = s->comps.len;
    return s->comps.ptr;
}

const tsn_sbom_relationship *tsn_sbom_relationships(const tsn_sbom *s,
                                                    size_t *n)
{
    *n = s->rels.len;
    return s->rels.ptr;
}

const tsn_sbom_vuln *tsn_sbom_vulns(const tsn_sbom *s, size_t *n)
{
    *n = s->vulns.len;
    return s->vulns.ptr;
}

const tsn_sbom_diag *tsn_sbom_diags(const tsn_sbom *s, size_t *n)
{
    *n = s->diags.len;
    return s->diags.ptr;
}

size_t tsn_sbom_error_count(const tsn_sbom *s)
{
    return s->n_errors;
}
