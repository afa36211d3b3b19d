/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Internal view of the SBOM model: the builder functions readers use to
 * fill a tsn_sbom, and the shared validation rules (rules.c).
 */
#ifndef TSN_SBOM_MODEL_H
#define TSN_SBOM_MODEL_H

#include "../lib.h"

#include "tsunagi/sbom.h"

#include "util/json.h"

struct tsn_sbom {
    tsnu_arena arena;
    tsn_sbom_doc doc;
    tsnu_vec comps; /* tsn_sbom_component */
    tsnu_vec rels;  /* tsn_sbom_relationship */
    tsnu_vec vulns; /* tsn_sbom_vuln */
    tsnu_vec diags; /* tsn_sbom_diag */
    size_t n_errors;
    const tsn_ctx *ctx;
    const char *name; /* input name for messages */
};

/* Diagnostics are capped so a hostile document cannot exhaust memory. */
#define TSN_SBOM_MAX_DIAGS 10000

int tsn_sbom__new(tsn_sbom **out, const tsn_ctx *ctx, const char *name);
/* Append a component; *idx receives its index. */
int tsn_sbom__add_component(tsn_sbom *s, size_t *idx);
static inline tsn_sbom_component *tsn_sbom__comp(tsn_sbom *s, size_t i)
{
    return TSNU_VEC_AT(&s->comps, tsn_sbom_component, i);
}
int tsn_sbom__add_rel(tsn_sbom *s,
                      const char *from,
                      const char *to,
                      const char *type);
int tsn_sbom__add_vuln(tsn_sbom *s, tsn_sbom_vuln **out);
/* Record a diagnostic; returns 0 or TSN_ENOMEM. */
int tsn_sbom__diag(tsn_sbom *s,
                   tsn_diag_severity sev,
                   const char *location,
                   const char *fmt,
                   ...) TSN_PRINTF(4, 5);
/* Location string "name:line: pointer" for a JSON node. */
const char *
tsn_sbom__json_loc(tsn_sbom *s, const tsnu_jpath *path, uint32_t line);

/* Readers (one per format). */
int tsn_cdx__read_json(tsn_sbom *s, const char *data, size_t len);
int tsn_cdx__read_xml(tsn_sbom *s, const char *data, size_t len);
int tsn_spdx__read_json(tsn_sbom *s, const char *data, size_t len);
int tsn_spdx__read_tv(tsn_sbom *s, const char *data, size_t len);
int tsn_spdx3__read_jsonld(tsn_sbom *s, const char *data, size_t len);

/* Writers other than CycloneDX's (cdx.h). */
int tsn_spdx__write_json(tsn_buf *b, const tsn_sbom *s);
int tsn_spdx__write_tv(tsn_buf *b, const tsn_sbom *s);

/* ---- shared rules (rules.c) ----------------------------------------- */

/* RFC 3339 date-time as JSON Schema "date-time" requires. */
bool tsn_rules__datetime(const char *s);
/* "urn:uuid:" followed by an RFC 4122 UUID (CycloneDX serialNumber). */
bool tsn_rules__urn_uuid(const char *s);
/* 0 ok, 1 unknown algorithm, 2 content does not fit the algorithm. */
int tsn_rules__hash(const char *alg, const char *content);
/* Is @p alg a CycloneDX hash algorithm? */
bool tsn_rules__hash_alg(const char *alg);
/* Is @p id on the SPDX licence list (case-insensitive)? */
bool tsn_rules__spdx_license_id(const char *id);
bool tsn_rules__spdx_exception_id(const char *id);
/*
 * Check an SPDX licence expression. Returns 0 when well-formed; -1 with a
 * reason in *why when malformed; 1 when well-formed but naming an unknown
 * licence (reason in *why).
 */
int tsn_rules__spdx_expression(const char *expr, const char **why);
/*
 * Check a package URL: 0 when valid; 1 when not, with the reason in @p why
 * (@p n bytes); TSN_ENOMEM.
 */
int tsn_rules__purl(const char *purl, char *why, size_t n);
/* Is @p s one of the NULL-terminated @p list? */
bool tsn_rules__in(const char *s, const char *const *list);

#endif
