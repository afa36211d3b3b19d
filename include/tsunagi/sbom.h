/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The normalised SBOM model and its readers. One model serves CycloneDX
 * (JSON, XML) and SPDX (2.x JSON and tag-value, 3.0 JSON-LD): documents
 * are read into it, checked, merged, compared and written from it.
 *
 * The model structs below are read-only views owned by the tsn_sbom they
 * come from ("borrowed; valid until the sbom is freed"). Fields may be
 * added at the end of a struct in later versions.
 */
#ifndef TSUNAGI_SBOM_H
#define TSUNAGI_SBOM_H

#include "common.h"
#include "context.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tsn_sbom tsn_sbom;

/** Document formats. */
typedef enum {
    TSN_SBOM_AUTO = 0,
    TSN_SBOM_CDX_JSON,
    TSN_SBOM_CDX_XML,
    TSN_SBOM_SPDX_JSON,
    TSN_SBOM_SPDX_TV,
    TSN_SBOM_SPDX3_JSONLD
} tsn_sbom_format;

/** Index value meaning "no component". */
#define TSN_SBOM_NONE ((size_t)-1)

typedef struct tsn_sbom_hash {
    const char *alg;   /**< CycloneDX spelling: "SHA-256", "MD5", ... */
    const char *value; /**< hex digest as written */
} tsn_sbom_hash;

typedef enum {
    TSN_LICENSE_UNSPECIFIED = 0,
    TSN_LICENSE_DECLARED,
    TSN_LICENSE_CONCLUDED
} tsn_license_kind;

typedef struct tsn_sbom_license {
    const char *expression; /**< SPDX id or expression, or NULL */
    const char *name;       /**< free-text name when there is no SPDX id */
    tsn_license_kind kind;
} tsn_sbom_license;

typedef struct tsn_sbom_extref {
    const char *type; /**< CycloneDX external reference type */
    const char *url;
    const char *comment;
} tsn_sbom_extref;

typedef struct tsn_sbom_property {
    const char *name;
    const char *value;
} tsn_sbom_property;

typedef struct tsn_sbom_component {
    const char *ref;  /**< bom-ref / SPDXID; unique in the document */
    const char *type; /**< CycloneDX component type ("library", ...) */
    const char *group;
    const char *name;
    const char *version;
    const char *supplier;
    const char *author;
    const char *publisher;
    const char *description;
    const char *scope;
    const char *copyright;
    const char *purl;
    const char *const *cpes;
    size_t n_cpes;
    const tsn_sbom_hash *hashes;
    size_t n_hashes;
    const tsn_sbom_license *licenses;
    size_t n_licenses;
    const tsn_sbom_extref *extrefs;
    size_t n_extrefs;
    const tsn_sbom_property *properties;
    size_t n_properties;
    size_t parent;      /**< index of the enclosing component or NONE */
    const char *source; /**< input a merged component came from, or NULL */
    bool purl_invalid;  /**< purl is set but not a valid package URL */
} tsn_sbom_component;

/** One edge of the dependency graph. */
typedef struct tsn_sbom_relationship {
    const char *from; /**< ref of a component (or the document) */
    const char *to;
    const char *type; /**< SPDX relationship type as the document wrote
                           it (SPDX 2 "DEPENDS_ON", SPDX 3 "dependsOn");
                           CycloneDX dependencies are "DEPENDS_ON" */
} tsn_sbom_relationship;

/** A version or range of an affected component a vulnerability speaks of
 *  (CycloneDX affects[].versions[]). */
typedef struct tsn_sbom_vuln_version {
    size_t affect;       /**< the index in affects it belongs to */
    const char *version; /**< one version, or NULL */
    const char *range;   /**< a vers range, or NULL */
    const char *status;  /**< "affected", "unaffected" or "unknown" */
} tsn_sbom_vuln_version;

/** A vulnerability or VEX statement embedded in the document. */
typedef struct tsn_sbom_vuln {
    const char *ref;
    const char *id;
    const char *source;
    const char *description;
    const char *state;         /**< CycloneDX analysis state, or NULL */
    const char *justification; /**< CycloneDX justification, or NULL */
    const char *detail;
    const char *const *affects; /**< refs of affected components */
    size_t n_affects;
    /** CycloneDX JSON only: the analysis's detail, its responses
     *  ("update", "will_not_fix", ...), when it was last updated (or the
     *  vulnerability's updated or published time), the ids of the same
     *  vulnerability elsewhere (references[].id), and the versions of the
     *  affected components it speaks of */
    const char *analysis_detail;
    const char *const *responses;
    size_t n_responses;
    const char *updated;
    const char *const *references;
    size_t n_references;
    const tsn_sbom_vuln_version *versions;
    size_t n_versions;
    const char *where; /**< "FILE:LINE: /vulnerabilities/N", or NULL */
} tsn_sbom_vuln;

typedef struct tsn_sbom_doc {
    tsn_sbom_format format;
    const char *spec_version; /**< "1.6", "SPDX-2.3", "3.0.1" ... */
    const char *serial;       /**< serialNumber / documentNamespace / id */
    long version;             /**< CycloneDX BOM version, or 0 */
    const char *name;         /**< document name (SPDX), or NULL */
    const char *timestamp;    /**< creation time as written, or NULL */
    const char *data_license; /**< SPDX data licence, or NULL */
    const char *const *authors;
    size_t n_authors;
    const char *const *tools;
    size_t n_tools;
    size_t root; /**< index of the described component, or NONE */
} tsn_sbom_doc;

typedef enum {
    TSN_DIAG_ERROR = 0,  /**< the document violates its format */
    TSN_DIAG_WARNING = 1 /**< allowed, but likely a mistake */
} tsn_diag_severity;

/** A problem found while reading, with its location. */
typedef struct tsn_sbom_diag {
    tsn_diag_severity severity;
    const char *location; /**< "file:line: /json/pointer" or XML path */
    const char *message;
} tsn_sbom_diag;

/** Reading options. */
typedef struct tsn_sbom_read_opts {
    unsigned version;       /**< TSN_SBOM_READ_OPTS_VERSION */
    tsn_sbom_format format; /**< TSN_SBOM_AUTO to detect */
    const char *name;       /**< names the input in messages */
} tsn_sbom_read_opts;

#define TSN_SBOM_READ_OPTS_VERSION 1
#define TSN_SBOM_READ_OPTS_INIT                                                \
    {                                                                          \
        TSN_SBOM_READ_OPTS_VERSION, TSN_SBOM_AUTO, NULL                        \
    }

/**
 * Read a document from memory. Syntax errors and exceeded limits fail the
 * read; violations of the format's schema and rules are recorded as
 * diagnostics (tsn_sbom_diags()) so a slightly wrong SBOM can still be
 * used and its problems reported.
 * @param[out] out caller owns *out; free with tsn_sbom_free(). NULL on error.
 * @return 0, TSN_EINVALID (not well-formed / unknown format), TSN_ETOOBIG,
 *         TSN_EUNSUPPORTED (known format, unsupported version) or
 *         TSN_ENOMEM
 */
TSN_API int tsn_sbom_read(tsn_sbom **out,
                          tsn_ctx *ctx,
                          const char *data,
                          size_t len,
                          const tsn_sbom_read_opts *opts);

/** As tsn_sbom_read(), from a file ("-" is standard input). Also TSN_EIO,
 * TSN_ENOTFOUND. */
TSN_API int tsn_sbom_read_file(tsn_sbom **out,
                               tsn_ctx *ctx,
                               const char *path,
                               const tsn_sbom_read_opts *opts);

/** Guess the format of a document from its first bytes. */
TSN_API tsn_sbom_format tsn_sbom_detect(const char *data, size_t len);

/** Free an SBOM; NULL is a no-op. */
TSN_API void tsn_sbom_free(tsn_sbom *sbom);

/* Getters: borrowed, valid until @p sbom is freed. */
TSN_API const tsn_sbom_doc *tsn_sbom_document(const tsn_sbom *sbom);
TSN_API const tsn_sbom_component *tsn_sbom_components(const tsn_sbom *sbom,
                                                      size_t *n);
TSN_API const tsn_sbom_relationship *
tsn_sbom_relationships(const tsn_sbom *sbom, size_t *n);
TSN_API const tsn_sbom_vuln *tsn_sbom_vulns(const tsn_sbom *sbom, size_t *n);
TSN_API const tsn_sbom_diag *tsn_sbom_diags(const tsn_sbom *sbom, size_t *n);
/** Number of error diagnostics (0: the document is valid). */
TSN_API size_t tsn_sbom_error_count(const tsn_sbom *sbom);
/** Format name ("CycloneDX JSON", ...); static, never NULL. */
TSN_API const char *tsn_sbom_format_name(tsn_sbom_format format);

/* ---- writing ------------------------------------------------------------ */

/**
 * Write @p sbom as a document of @p format. CycloneDX JSON is written as
 * version 1.6. What the target format cannot express is dropped, as
 * docs/formats.md lists (for example SPDX relationship types other than
 * dependencies, in CycloneDX).
 * @param[out] out newly allocated, NUL-terminated; free with tsn_free().
 * @param[out] len length of *out in bytes
 * @return 0, TSN_EUNSUPPORTED (format not writable) or TSN_ENOMEM
 */
TSN_API int tsn_sbom_write(char **out,
                           size_t *len,
                           const tsn_sbom *sbom,
                           tsn_sbom_format format);

/* ---- merging ---------------------------------------------------------------
 */

/**
 * Aggregate supplier SBOMs into one product SBOM under a new root
 * component. Components are deduplicated by canonical purl, then by name,
 * version and first hash; each keeps the inputs it came from
 * (tsn_sbom_component.source, names joined by ", "). bom-refs that
 * collide between inputs are renamed ("<input number>:<ref>"), and
 * components without one get "<input number>:component-<n>"; every
 * relationship is kept with its refs renamed; the new root DEPENDS_ON
 * each input's root (or, when an input has none, its top-level
 * components).
 * @param[out] out caller owns *out; free with tsn_sbom_free().
 * @param inputs   @p n documents (borrowed)
 * @param names    @p n names for provenance (file names)
 * @return 0, TSN_EINVALID (no inputs or no root name) or TSN_ENOMEM
 */
TSN_API int tsn_sbom_merge(tsn_sbom **out,
                           tsn_ctx *ctx,
                           const tsn_sbom *const *inputs,
                           const char *const *names,
                           size_t n,
                           const char *root_name,
                           const char *root_version);

/* ---- comparison ------------------------------------------------------------
 */

typedef enum {
    TSN_CHANGE_ADDED = 0,
    TSN_CHANGE_REMOVED,
    TSN_CHANGE_VERSION, /**< same package, other version */
    TSN_CHANGE_LICENSE  /**< same package and version, other licences */
} tsn_change_kind;

/** One difference between two SBOMs. Strings borrow from the inputs,
 * except @c key and the licence strings, which the diff owns. */
typedef struct tsn_sbom_change {
    tsn_change_kind kind;
    const char *key; /**< package identity: purl without version, or
                          group/name */
    const char *name;
    const char *old_version, *new_version;
    const char *old_license, *new_license; /**< licences joined by " | " */
    const char *purl; /**< of the new component (old when removed) */
} tsn_sbom_change;

typedef struct tsn_sbom_diff tsn_sbom_diff;

/**
 * Compare two documents component by component. Components are matched
 * by package identity (the purl without version, qualifiers and subpath;
 * group and name without a purl); several versions of one package are
 * paired equal versions first, then in version order.
 * @param[out] out caller owns *out; free with tsn_sbom_diff_free().
 * @return 0 or TSN_ENOMEM
 */
TSN_API int tsn_sbom_diff_new(tsn_sbom_diff **out,
                              const tsn_sbom *old_sbom,
                              const tsn_sbom *new_sbom);
/** The changes, ordered by key; borrowed from @p diff. */
TSN_API const tsn_sbom_change *tsn_sbom_diff_changes(const tsn_sbom_diff *diff,
                                                     size_t *n);
TSN_API void tsn_sbom_diff_free(tsn_sbom_diff *diff);

/* ---- quality check ------------------------------------------------------ */

/** Per-component findings (bit flags). */
enum {
    TSN_QF_NO_NAME = 1u << 0,
    TSN_QF_NO_VERSION = 1u << 1,
    TSN_QF_NO_SUPPLIER = 1u << 2,
    TSN_QF_NO_IDENTIFIER = 1u << 3, /**< no purl, CPE or SWID */
    TSN_QF_NO_LICENSE = 1u << 4,
    TSN_QF_NO_HASH = 1u << 5,
    TSN_QF_BAD_PURL = 1u << 6,
    TSN_QF_NO_DEPENDENCIES = 1u << 7 /**< in no relationship at all */
};

/** Elements scored by the quality check. */
typedef enum {
    TSN_QE_SUPPLIER = 0, /**< NTIA: supplier name */
    TSN_QE_NAME,         /**< NTIA: component name */
    TSN_QE_VERSION,      /**< NTIA: version of the component */
    TSN_QE_IDENTIFIER,   /**< NTIA: other unique identifiers */
    TSN_QE_DEPENDENCIES, /**< NTIA: dependency relationship */
    TSN_QE_AUTHOR,       /**< NTIA: author of SBOM data */
    TSN_QE_TIMESTAMP,    /**< NTIA: timestamp */
    TSN_QE_LICENSE,      /**< METI guide: licence information */
    TSN_QE_HASH,         /**< METI guide: hash values */
    TSN_QE_VALID,        /**< the document conforms to its schema */
    TSN_QE_COUNT
} tsn_quality_element;

/** Result of tsn_sbom_quality(). */
typedef struct tsn_sbom_quality {
    /** Fraction 0..1 of the element met, per tsn_quality_element. */
    double coverage[TSN_QE_COUNT];
    /** Weight of each element in the overall score. */
    double weight[TSN_QE_COUNT];
    /** Whether the element is one of the NTIA minimum elements. */
    bool ntia[TSN_QE_COUNT];
    double score;  /**< weighted overall score, 0..100 */
    bool ntia_met; /**< every NTIA minimum element fully covered */
    size_t n_components;
    /** Findings per component (n_components entries, TSN_QF_* flags);
     * owned by the result. */
    unsigned *findings;
} tsn_sbom_quality;

/**
 * Score a document against the NTIA minimum elements and the items the
 * METI SBOM guide asks for. The document's root component is scored like
 * any other component.
 * @param[out] out filled; release with tsn_sbom_quality_dispose().
 * @return 0 or TSN_ENOMEM
 */
TSN_API int tsn_sbom_quality_check(tsn_sbom_quality *out, const tsn_sbom *sbom);
/** Release what tsn_sbom_quality_check() allocated. */
TSN_API void tsn_sbom_quality_dispose(tsn_sbom_quality *q);

#ifdef __cplusplus
}
#endif

#endif
