/* SPDX-License-Identifier: Apache-2.0 */
/**
 * VEX: statements of whether products are affected by vulnerabilities.
 * Read from OpenVEX 0.2, CycloneDX (standalone VEX documents and the
 * vulnerabilities embedded in an SBOM) and the CSAF 2.0 VEX profile into
 * one model, then applied to a scan (tsn_scan_apply_vex(), scan.h).
 */
#ifndef TSUNAGI_VEX_H
#define TSUNAGI_VEX_H

#include <stdbool.h>
#include <stddef.h>

#include "common.h"
#include "sbom.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a statement says of its products. */
typedef enum tsn_vex_status {
    TSN_VEX_NOT_AFFECTED,       /**< OpenVEX and CSAF not_affected, CycloneDX
                                     not_affected */
    TSN_VEX_FALSE_POSITIVE,     /**< CycloneDX false_positive */
    TSN_VEX_AFFECTED,           /**< affected; CycloneDX exploitable */
    TSN_VEX_FIXED,              /**< fixed; CycloneDX resolved and
                                     resolved_with_pedigree */
    TSN_VEX_UNDER_INVESTIGATION /**< CycloneDX in_triage */
} tsn_vex_status;

/** "not_affected", "false_positive", "affected", "fixed",
 *  "under_investigation". */
TSN_API const char *tsn_vex_status_name(tsn_vex_status status);

/** The status an OpenVEX or CycloneDX word names; false when none. */
TSN_API bool tsn_vex_status_lookup(const char *word, tsn_vex_status *out);

/** A version or range of a product a CycloneDX statement speaks of. */
typedef struct tsn_vex_version {
    const char *version; /**< one version, or NULL */
    const char *range;   /**< a vers range, or NULL */
    const char *status;  /**< "affected", "unaffected" or "unknown" */
} tsn_vex_version;

/** A product a statement is about. */
typedef struct tsn_vex_product {
    /** As the document names it: a bom-ref or BOM-Link (CycloneDX), the
     *  product's @id (OpenVEX, often a purl), a product_id (CSAF) */
    const char *id;
    const char *purl; /**< a package URL identifying it, or NULL */
    const char *cpe;  /**< a CPE identifying it, or NULL */
    /** CSAF: the product's name and version in its product tree
     *  (branches), matched against a component's name and version when
     *  neither purl nor CPE is given; or NULL */
    const char *name, *version;
    /** The components of the product the statement is about (purls or
     *  ids); none: the product as a whole */
    const char *const *subcomponents;
    size_t nsubcomponents;
    /** CycloneDX: only these versions of it (none: every version) */
    const tsn_vex_version *versions;
    size_t nversions;
    /** How many findings of the scans it was applied to it named */
    size_t matched;
    /** It (or a subcomponent of it) names a component of an SBOM given
     *  to tsn_vex_mark_known() */
    bool known;
} tsn_vex_product;

typedef struct tsn_vex_statement {
    const char *vuln; /**< the vulnerability's id ("CVE-2021-44228") */
    const char *const *aliases; /**< its other ids */
    size_t naliases;
    tsn_vex_status status;
    /** Why it is not affected: OpenVEX's and CSAF's words
     *  ("vulnerable_code_not_present", ...) or CycloneDX's
     *  ("code_not_reachable", ...), as written; or NULL */
    const char *justification;
    const char *impact;        /**< how it is not affected, in words, or NULL */
    const char *action;        /**< what to do when affected, or NULL */
    const char *timestamp;     /**< when it was made (RFC 3339), or NULL */
    tsn_vex_product *products; /**< matched is counted in place */
    size_t nproducts;
    /** Where it was read: "FILE:LINE: /statements/2" */
    const char *where;
    /** Read from the SBOM scanned, not from a VEX document of its own */
    bool embedded;
} tsn_vex_statement;

/** A set of statements, from any number of documents. */
typedef struct tsn_vex tsn_vex;

/** An empty set. @return 0 or TSN_ENOMEM */
TSN_API int tsn_vex_new(tsn_vex **out);

TSN_API void tsn_vex_free(tsn_vex *set);

/**
 * Add the statements of one VEX document (@p len bytes at @p text;
 * @p name names it in messages): OpenVEX (its @context), CycloneDX
 * (bomFormat) or CSAF (document.category csaf_vex), told apart by their
 * content. Nothing is added when the document is refused.
 * @return 0, TSN_EINVALID ("NAME:LINE: /pointer: what"), TSN_ETOOBIG,
 *         TSN_EUNSUPPORTED (not a VEX format) or TSN_ENOMEM
 */
TSN_API int tsn_vex_read(
    tsn_vex *set, tsn_ctx *ctx, const char *text, size_t len, const char *name);

/** As tsn_vex_read(), from a file. Also TSN_EIO and TSN_ENOTFOUND. */
TSN_API int tsn_vex_read_file(tsn_vex *set, tsn_ctx *ctx, const char *path);

/**
 * Add the VEX statements embedded in @p sbom: its vulnerabilities that
 * carry an analysis state (CycloneDX). They name components of @p sbom.
 * @return 0 or TSN_ENOMEM
 */
TSN_API int tsn_vex_from_sbom(tsn_vex *set, const tsn_sbom *sbom);

/** The statements, in the order they were added. */
TSN_API const tsn_vex_statement *tsn_vex_statements(const tsn_vex *set,
                                                    size_t *n);

/**
 * Mark the products of @p set that name a component of @p sbom (by
 * bom-ref or BOM-Link, package URL or CPE; a subcomponent's name counts)
 * as known: after every SBOM is given, a product not known names nothing
 * scanned.
 * @return 0 or TSN_ENOMEM
 */
TSN_API int tsn_vex_mark_known(tsn_vex *set, const tsn_sbom *sbom);

/** The formats tsn_vex_write() writes. */
typedef enum tsn_vex_format {
    TSN_VEX_OPENVEX,  /**< OpenVEX 0.2.0 */
    TSN_VEX_CYCLONEDX /**< CycloneDX 1.6 JSON, a VEX BOM */
} tsn_vex_format;

typedef struct tsn_vex_write_opts {
    tsn_vex_format format; /**< of a new document */
    /** A new document's @id (OpenVEX, an IRI) or serialNumber (CycloneDX,
     *  a urn:uuid:); NULL: a urn:uuid derived from its content */
    const char *id;
    /** Who makes the statements: OpenVEX's author (a new document needs
     *  one), CycloneDX's metadata.authors; or NULL */
    const char *author;
    const char *role; /**< OpenVEX: the author's role, or NULL */
    /** When the statement is made (RFC 3339); NULL: $SOURCE_DATE_EPOCH
     *  when set, else now */
    const char *timestamp;
    /** CycloneDX analysis.response words ("update", "will_not_fix", ...) */
    const char *const *responses;
    size_t nresponses;
} tsn_vex_write_opts;

/**
 * Write @p st (its vulnerability, aliases, status, justification, impact,
 * action and products; where, timestamp and matched are not used) as a
 * new VEX document, or add it to the document @p base (@p len bytes,
 * named @p name in messages; NULL for a new one) keeping everything else
 * in it as it is.
 *
 * OpenVEX: the statement is appended; the document's version goes up by
 * one and last_updated is set. CycloneDX: a vulnerability with the same
 * id and the same affects gets the new analysis (and recommendation, the
 * action); else one is appended; the BOM's version goes up by one and
 * metadata.timestamp is set. A product's id (else its purl) is its
 * affects ref: a bom-ref of @p base, a BOM-Link or a package URL.
 *
 * The statement must be one the format can say: its status and
 * justification in the format's words (OpenVEX has no false_positive;
 * CycloneDX no subcomponents), a not_affected statement with a
 * justification or impact, an OpenVEX affected one with an action. @p base
 * must be a valid OpenVEX or CycloneDX JSON document; the result is read
 * back before it is returned.
 * @param[out] out free with tsn_free()
 * @return 0, TSN_EINVALID (what cannot be said, or @p base's first
 *         error), TSN_EUNSUPPORTED (@p base is another format), TSN_ETOOBIG
 *         (@p base or the result over the context's document limit, or
 *         nested too deeply) or TSN_ENOMEM
 */
TSN_API int tsn_vex_write(tsn_ctx *ctx,
                          const tsn_vex_statement *st,
                          const char *base,
                          size_t len,
                          const char *name,
                          const tsn_vex_write_opts *o,
                          char **out);

#ifdef __cplusplus
}
#endif

#endif
