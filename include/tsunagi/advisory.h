/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file advisory.h
 * The advisory model every source is read into (OSV, NVD CVE API 2.0 and
 * CVE JSON 5; JVN and CSAF map onto the same fields), and its readers.
 *
 * An advisory and everything it points to belong to the advisory;
 * tsn_advisory_free() releases it. Advisories read from one document
 * (an NVD page) share its parsed text, which lives until the last of
 * them is freed, so each can be kept or freed alone.
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
    /** The version scheme the source names when it is not the
     *  ecosystem's (CVE 5 versionType: "maven", "custom", ...), or NULL */
    const char *scheme;
    const tsn_adv_event *events;
    size_t nevents;
} tsn_adv_range;

typedef struct tsn_adv_affected {
    const char *ecosystem;   /**< "PyPI", "Debian:12", ..., or NULL when the
                                  source names a product, not a package */
    const char *name;        /**< the package, NULL with ecosystem */
    const char *purl;        /**< or NULL */
    const char *vendor;      /**< CVE 5 and JVN: as the source writes it */
    const char *product;     /**< CVE 5 and JVN, or NULL */
    const char *const *cpes; /**< CPE 2.3 names of the product, if given */
    size_t ncpes;
    const tsn_adv_range *ranges;
    size_t nranges;
    const char *const *versions;
    size_t nversions;
    /** Version statements in the source's words that were not read as
     *  versions or ranges (JVN: "for Windows 5.8 (Build 1575) 未満"):
     *  the product is named, which of its versions is for a person to
     *  judge. */
    const char *const *statements;
    size_t nstatements;
    /** Versions the source says are not affected (CSAF
     *  known_not_affected, fixed and recommended):
     *  they stay unaffected whatever the ranges say. */
    const char *const *unaffected;
    size_t nunaffected;
} tsn_adv_affected;

typedef struct tsn_adv_severity {
    const char *type;  /**< "CVSS_V2", "CVSS_V3", "CVSS_V4", "Ubuntu", ... */
    const char *score; /**< a vector or a rating */
    const char *by;    /**< who scored it ("nvd@nist.gov", a CNA), or NULL */
} tsn_adv_severity;

/** A description in a language other than the record's main one. */
typedef struct tsn_adv_text {
    const char *lang; /**< BCP 47 ("es", "ja") */
    const char *text;
} tsn_adv_text;

/** One CPE match of an NVD configuration node: a CPE 2.3 name whose
 *  version may be bounded. */
typedef struct tsn_adv_cpe_match {
    bool vulnerable;      /**< false: a platform it must run on */
    const char *criteria; /**< formatted string, "cpe:2.3:a:apache:..." */
    const char *vendor;   /**< its vendor and product, as written there */
    const char *product;
    const char *start_incl, *start_excl; /**< bounds, each or NULL */
    const char *end_incl, *end_excl;
} tsn_adv_cpe_match;

/** A node: its matches combined with OR or AND, maybe negated. */
typedef struct tsn_adv_node {
    bool and_op;
    bool negate;
    const tsn_adv_cpe_match *matches;
    size_t nmatches;
} tsn_adv_node;

/** A configuration: its nodes combined with OR (the default) or AND
 *  (a vulnerable product together with the platform it runs on). */
typedef struct tsn_adv_config {
    bool and_op;
    bool negate;
    const tsn_adv_node *nodes;
    size_t nnodes;
} tsn_adv_config;

typedef struct tsn_adv_ref {
    const char *type; /**< "ADVISORY", "FIX", "WEB", ... */
    const char *url;
} tsn_adv_ref;

typedef struct tsn_advisory {
    const char *id;
    const char *source; /**< "osv", "nvd", "cve", "jvn", "csaf" */
    /** Who published it when the id alone does not say (CSAF: the
     *  publisher's namespace, "https://www.redhat.com"), or NULL */
    const char *publisher;
    /** The language of summary and details when it is not English
     *  (BCP 47: "ja" for JVN's Japanese records), or NULL */
    const char *lang;
    /** An overview of a record (a JVN RSS item): the full record of the
     *  same id and modification time replaces it */
    bool overview;
    const char *schema_version; /**< or NULL */
    const char *modified;       /**< RFC 3339 */
    const char *published;      /**< or NULL */
    const char *withdrawn;      /**< or NULL */
    const char *summary;        /**< or NULL */
    const char *details;        /**< or NULL; English where given */
    const tsn_adv_text *texts;  /**< details in other languages */
    size_t ntexts;
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
    const char *const *cwes; /**< "CWE-79" */
    size_t ncwes;
    const tsn_adv_config *configs; /**< NVD CPE configurations */
    size_t nconfigs;
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

/**
 * The database a vulnerability id's form says it is from: "NVD"
 * (CVE-...), "GitHub" (GHSA-...), "OSV" (PYSEC-, GO-, RUSTSEC-, OSV-,
 * MAL-) or "JVN iPedia" (JVNDB-YYYY-...), its page in *@p url (free
 * with tsn_free(); NULL when there is none or out of memory); NULL and
 * no page when the form names none.
 */
TSN_API const char *tsn_advisory_id_home(const char *id, char **url);

/**
 * Write @p adv as JSON in OSV's shape (2-space indented, ending in a
 * newline): the fields OSV has, and under database_specific what it has
 * none for (source, publisher, lang, overview, cwe_ids, severity_by,
 * texts, configurations; per affected entry vendor, product, cpes,
 * version_statements and unaffected_versions; per range version_scheme).
 * @param[out] out free with tsn_free().
 */
TSN_API int tsn_advisory_to_json(const tsn_advisory *adv, char **out);

/** The records of a document that holds many (an NVD page). */
typedef struct tsn_adv_list {
    /** Each is the caller's to keep (set the slot to NULL) or leave to
     *  tsn_adv_list_free(). */
    tsn_advisory **items;
    size_t n;
    /** The record of items[i] as stored: its own JSON, compact. */
    const char *const *texts;
    const size_t *lens;
    /** Records that break their format's rules, left out, each as
     *  "NAME:LINE: /pointer: what". */
    const char *const *refused;
    size_t nrefused;
} tsn_adv_list;

TSN_API void tsn_adv_list_free(tsn_adv_list *list);

/**
 * Read a response page of NVD's CVE API 2.0 ("vulnerabilities": [{"cve":
 * ...}]), or one CVE object as the API gives it (NVD's data feeds and
 * mirrors store them one per file). Each CVE is checked against NVD's
 * schema: id, times (UTC, as NVD writes them without a zone), English
 * description, CVSS vectors, CWE ids, and configurations (operators, CPE
 * 2.3 names, version bounds). A CVE that breaks it is left out and listed
 * in refused; a document that is neither is the error (TSN_EINVALID).
 * A CVE whose vulnStatus is "Rejected" is withdrawn.
 */
TSN_API int tsn_nvd_read(tsn_adv_list **out,
                         const char *text,
                         size_t len,
                         const char *name);

/**
 * Read one CVE JSON 5 record (CVE_RECORD 5.0 to 5.2, as cvelistV5 holds
 * them): the CNA's container and the ADP containers' metrics and CWEs.
 * Affected products become tsn_adv_affected entries: a package when the
 * collectionURL names a known registry, with ranges from lessThan and
 * lessThanOrEqual in the record's versionType; vendor, product and CPEs
 * as given. A REJECTED record is withdrawn.
 */
TSN_API int tsn_cve5_read(tsn_advisory **out,
                          const char *text,
                          size_t len,
                          const char *name);

/**
 * Read JVN iPedia's records: a VULDEF 3.x document (MyJVN's
 * getVulnDetailInfo, the jvndb_detail feeds) or a JVNRSS 3.2 feed (RSS 1.0
 * with mod_sec: the jvndb feeds, getVulnOverviewList), one advisory per
 * Vulinfo or item. Affected products keep JVN's vendor and product names
 * and their CPEs (given as CPE 2.2, kept as CPE 2.3); version statements
 * in Japanese or English ("1.05およびそれ以前", "2.0 以上 2.3 未満",
 * "prior to 7.6.2") become versions and ranges, and one that cannot be
 * read is kept in statements with a warning. RSS items are overviews (no
 * versions). A record that breaks the format is refused with its XML path
 * ("feed.rdf:57: /VULDEF-Document/Vulinfo/VulinfoData/DateLastUpdated:
 * ..."); a document that is neither, or a MyJVN error response, is the
 * error (TSN_EINVALID). Each record's text is the record alone as compact
 * XML in a one-record document of its kind.
 */
TSN_API int tsn_jvn_read(tsn_adv_list **out,
                         const char *text,
                         size_t len,
                         const char *name);

/**
 * Read one CSAF 2.0 document (a security advisory, a VEX document, ...)
 * as one advisory: id from document/tracking/id, publisher from its
 * namespace, times from the tracking, title as summary, notes as details,
 * CVSS v2 and v3 vectors, CWEs and references of every vulnerability. The
 * CVE and other ids are aliases when the document has one vulnerability,
 * related ids when it has several. Each product the product status names
 * (a relationship's product resolved to the one it names) joins an
 * affected entry: by its purl (an OSV package where the purl type is one
 * registry), else its CPE's vendor and product, else its vendor's and
 * product's names. Per vulnerability, first_fixed and fixed versions
 * become ranges fixed there (introduced at the first_affected version, or
 * 0), last_affected versions ranges ending there, known_affected versions
 * versions (a vers product_version_range becomes ranges), and fixed,
 * recommended and known_not_affected versions unaffected ("*" for a
 * product without versions); products known only by name, and
 * under_investigation ones, become statements.
 *
 * The document must pass CSAF 2.0's mandatory tests (section 6.1) except
 * 6.1.9 to 6.1.11, which need the CVSS calculator and the CWE catalog:
 * the first failure is the error (TSN_EINVALID), naming the test, as in
 * "a.json:40: /vulnerabilities/0/product_status/fixed/0: CSAF 6.1.1:
 * product 'P-1' is not defined in the product tree".
 */
TSN_API int tsn_csaf_read(tsn_advisory **out,
                          const char *text,
                          size_t len,
                          const char *name);

/** Formats of advisory documents, as tsn_advisory_sniff() tells them. */
typedef enum tsn_adv_format {
    TSN_ADV_OSV,  /**< one OSV record (also the answer when unsure) */
    TSN_ADV_NVD,  /**< an NVD CVE API 2.0 page, or one of its CVEs */
    TSN_ADV_CVE5, /**< a CVE JSON 5 record */
    TSN_ADV_KEV,  /**< CISA's Known Exploited Vulnerabilities catalog */
    TSN_ADV_EPSS, /**< FIRST's EPSS scores (CSV, uncompressed) */
    TSN_ADV_JVN,  /**< JVN iPedia: VULDEF XML or JVNRSS (any XML) */
    TSN_ADV_CSAF, /**< a CSAF 2.0 document */
} tsn_adv_format;

/** The format of a document, from its first 4 KiB: text that starts
 *  with '<' (after a byte order mark and white space) is XML, read as
 *  JVN; other text that does not start as JSON ('{' or '[') is EPSS, the
 *  one CSV format read; a
 *  "catalogVersion" member makes a KEV catalog; "csaf_version" a CSAF
 *  document; "cveMetadata" a CVE 5
 *  record; "vulnerabilities" with "resultsPerPage", or
 *  "sourceIdentifier" with "vulnStatus", NVD; anything else is read as
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
