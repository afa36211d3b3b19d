/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file advisory.h
 * The advisory model every source is read into (OSV first; NVD, CVE 5,
 * JVN and CSAF map onto the same fields), and the OSV reader.
 *
 * An advisory and everything it points to live in one arena owned by the
 * advisory; tsn_advisory_free() releases it.
 */
#ifndef TSUNAGI_ADVISORY_H
#define TSUNAGI_ADVISORY_H

#include "tsunagi/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An OSV range event. */
typedef enum {
    TSN_EV_INTRODUCED,
    TSN_EV_FIXED,
    TSN_EV_LAST_AFFECTED,
    TSN_EV_LIMIT
} tsn_adv_event_kind;

typedef struct tsn_adv_event {
    tsn_adv_event_kind kind;
    const char *version;
} tsn_adv_event;

typedef struct tsn_adv_range {
    const char *type; /**< "SEMVER", "ECOSYSTEM" or "GIT" */
    const char *repo; /**< GIT only */
    const tsn_adv_event *events;
    size_t nevents;
} tsn_adv_range;

typedef struct tsn_adv_affected {
    const char *ecosystem; /**< "PyPI", "Debian:12", ... */
    const char *name;
    const char *purl; /**< or NULL */
    const tsn_adv_range *ranges;
    size_t nranges;
    const char *const *versions;
    size_t nversions;
} tsn_adv_affected;

typedef struct tsn_adv_severity {
    const char *type;  /**< "CVSS_V3", "CVSS_V4", "Ubuntu", ... */
    const char *score; /**< a vector or a rating */
} tsn_adv_severity;

typedef struct tsn_adv_ref {
    const char *type; /**< "ADVISORY", "FIX", "WEB", ... */
    const char *url;
} tsn_adv_ref;

typedef struct tsn_advisory {
    const char *id;
    const char *schema_version; /**< or NULL */
    const char *modified;       /**< RFC 3339 */
    const char *published;      /**< or NULL */
    const char *withdrawn;      /**< or NULL */
    const char *summary;        /**< or NULL */
    const char *details;        /**< or NULL */
    const char *const *aliases;
    size_t naliases;
    const char *const *related;
    size_t nrelated;
    const tsn_adv_severity *severity;
    size_t nseverity;
    const tsn_adv_affected *affected;
    size_t naffected;
    const tsn_adv_ref *refs;
    size_t nrefs;
    const char *const *cwes; /**< "CWE-79", from database_specific */
    size_t ncwes;
    /** Faults that leave the record usable, "LINE: /pointer: what": a
     *  mistyped alias (left out), a GIT event that is not a full commit
     *  hash (GIT ranges are not evaluated against versions). */
    const char *const *warnings;
    size_t nwarnings;
} tsn_advisory;

/**
 * Read one OSV record (schema 1.0 to 1.7) from @p len bytes of JSON at
 * @p text. @p name names the input in messages. The record is checked
 * against the schema's rules: required id and modified, RFC 3339 times,
 * id and alias syntax, known range, event, severity and reference types,
 * one key per event, an introduced event in every range, a repo for GIT
 * ranges, a package for versions and ranges. The first violation is the
 * error (TSN_EINVALID), naming the JSON pointer, as in
 * "GO-2020-0001.json:12: /affected/0/ranges/0: range without an
 * introduced event". Faults that leave the record usable become
 * tsn_advisory.warnings instead.
 */
TSN_API int tsn_osv_read(tsn_advisory **out,
                         const char *text,
                         size_t len,
                         const char *name);

TSN_API void tsn_advisory_free(tsn_advisory *adv);

/** Formats of advisory documents, as tsn_advisory_sniff() tells them. */
typedef enum tsn_adv_format {
    TSN_ADV_OSV,  /**< one OSV record (also the answer when unsure) */
    TSN_ADV_KEV,  /**< CISA's Known Exploited Vulnerabilities catalog */
    TSN_ADV_EPSS, /**< FIRST's EPSS scores (CSV, uncompressed) */
} tsn_adv_format;

/** The format of a document, from its first 4 KiB: text that does not
 *  start as JSON ('{' or '[') is EPSS, the one CSV format read; a
 *  "catalogVersion" member makes a KEV catalog; anything else is read as
 *  OSV, whose reader then says what is wrong with it. */
TSN_API tsn_adv_format tsn_advisory_sniff(const char *text, size_t len);

/** One entry of the KEV catalog. Strings are never NULL except notes. */
typedef struct tsn_kev_entry {
    const char *cve;    /**< cveID, "CVE-2021-44228" */
    const char *vendor; /**< vendorProject */
    const char *product;
    const char *name;       /**< vulnerabilityName */
    const char *date_added; /**< YYYY-MM-DD */
    const char *description;
    const char *action;   /**< requiredAction */
    const char *due_date; /**< YYYY-MM-DD */
    bool ransomware;      /**< knownRansomwareCampaignUse is "Known" */
    const char *notes;    /**< or NULL */
    const char *const *cwes;
    size_t ncwes;
} tsn_kev_entry;

typedef struct tsn_kev {
    const char *catalog_version; /**< "2025.08.25" */
    const char *date_released;   /**< RFC 3339 */
    const tsn_kev_entry *entries;
    size_t nentries;
    /** Entries that break the catalog's schema, left out, each as
     *  "NAME:LINE: /vulnerabilities/N/field: what". */
    const char *const *refused;
    size_t nrefused;
} tsn_kev;

/**
 * Read a KEV catalog (CISA's JSON feed, checked against its published
 * schema: required fields, CVE id and CWE id patterns, dates). An entry
 * that breaks the schema is left out and listed in tsn_kev.refused; a
 * document that is not a catalog at all is the error (TSN_EINVALID).
 */
TSN_API int
tsn_kev_read(tsn_kev **out, const char *text, size_t len, const char *name);
TSN_API void tsn_kev_free(tsn_kev *kev);

/** One EPSS score. */
typedef struct tsn_epss_row {
    const char *cve;
    double epss;       /**< probability of exploitation in 30 days, 0..1 */
    double percentile; /**< 0..1 */
} tsn_epss_row;

typedef struct tsn_epss {
    const char *model_version; /**< "v2025.03.14", or NULL */
    const char *score_date;    /**< RFC 3339, or NULL */
    const tsn_epss_row *rows;
    size_t nrows;
    /** Rows left out, each as "NAME:LINE: what". */
    const char *const *refused;
    size_t nrefused;
} tsn_epss;

/**
 * Read FIRST's EPSS CSV (uncompressed): an optional first line
 * "#model_version:V,score_date:T", the header "cve,epss,percentile", then
 * one row per CVE. A row with a malformed CVE id or a number outside 0..1
 * is left out and listed; a file without the header is the error
 * (TSN_EINVALID).
 */
TSN_API int
tsn_epss_read(tsn_epss **out, const char *text, size_t len, const char *name);
TSN_API void tsn_epss_free(tsn_epss *epss);

#ifdef __cplusplus
}
#endif

#endif
