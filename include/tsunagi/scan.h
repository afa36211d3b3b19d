/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Scanning: the components of an SBOM matched against the knowledge base.
 * A component is looked up by its package (the purl's ecosystem and
 * name), and an advisory's affected entry for that package holds the
 * component when its version lies in one of the entry's ranges (with the
 * ecosystem's version rules) or is one of its listed versions, and is not
 * one of the versions the source says are unaffected. Withdrawn advisories
 * are left out. The records that hold a component and name each other
 * (GHSA-..., PYSEC-..., CVE-...) are one finding.
 */
#ifndef TSUNAGI_SCAN_H
#define TSUNAGI_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "common.h"
#include "cvss.h"
#include "sbom.h"
#include "vex.h"
#include "vulndb.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One vulnerability of one component. */
typedef struct tsn_finding {
    size_t component; /**< index into tsn_sbom_components() */
    /** The vulnerability's name: its CVE id when one of its records has
     *  one, else the first record's id. */
    const char *id;
    const char *const *aliases; /**< every other id of the group, sorted */
    size_t naliases;
    /** The records that hold the component, "source/id" ("osv/GHSA-...") */
    const char *const *records;
    size_t nrecords;
    const char *summary; /**< or NULL */
    /** How the component is held, one line per record: "vers:pypi/>=1.0|<1.2"
     *  (a range, canonical vers) or "version 1.1 listed" */
    const char *const *matched;
    size_t nmatched;
    /** The fixed versions of the ranges that hold it, oldest first */
    const char *const *fixed;
    size_t nfixed;
    /** The CVSS vector the severity is from (the newest CVSS version any
     *  record gives, its highest score), or NULL */
    const char *vector;
    tsn_cvss_scores cvss; /**< valid with vector */
    /** "source/id" of the record the vector is from: one that holds the
     *  component or, when none gives a vector, another record of one of
     *  its CVE ids (NVD's, CVE 5's); NULL without a vector */
    const char *severity_source;
    /** The severity: from the vector, or a source's own rating
     *  (GHSA's "HIGH") when no record gives a vector; TSN_CVSS_NONE with
     *  has_severity false when none says. */
    tsn_cvss_rating severity;
    bool has_severity;
    bool kev, ransomware; /**< a CVE of it is in CISA's KEV catalog */
    bool has_epss;
    double epss, percentile; /**< the highest of its CVEs' */
    /** The VEX statement that speaks of it (tsn_scan_apply_vex()), or
     *  NULL; its status for this component in vex_status */
    const tsn_vex_statement *vex;
    tsn_vex_status vex_status;
    /** The statement says not_affected or false_positive: left out of the
     *  counts and the gate, shown only on request */
    bool suppressed;
    /** Its priority tier, 1 (first) to 4 (tsn_scan_prioritise()) */
    int tier;
} tsn_finding;

/** Why a component was not checked. */
typedef enum tsn_scan_skip {
    TSN_SCAN_CHECKED = 0,
    TSN_SCAN_NO_PURL,      /**< no package URL (or an invalid one) */
    TSN_SCAN_CPE_ONLY,     /**< no package URL, only CPEs, and none of
                                them a CPE 2.3 name */
    TSN_SCAN_NO_ECOSYSTEM, /**< a purl the knowledge base has no ecosystem
                                for (generic, an RPM of RHEL, ...) */
    TSN_SCAN_NO_RELEASE,   /**< a Debian, Ubuntu, Alpine or RPM package
                                without the release it is from (its
                                distro qualifier) */
    TSN_SCAN_NO_VERSION,   /**< the purl gives no version */
    TSN_SCAN_BAD_VERSION,  /**< not a version of the ecosystem's scheme */
} tsn_scan_skip;

typedef struct tsn_scan_component {
    tsn_scan_skip skip;
    const char *ecosystem, *package; /**< as looked up, or NULL */
    const char *version;             /**< or NULL */
    /** The nearest version that none of its findings' ranges holds, from
     *  their fixed versions, or NULL (no finding, or none fixes all) */
    const char *upgrade;
    size_t findings; /**< how many findings it has */
    /** Records that name its product (a component named by CPE) without
     *  versions that can be compared: JVN iPedia's version statements in
     *  words, or none at all. Whether its version is affected is for a
     *  person to judge. "SOURCE/ID", sorted; none of a finding of it or
     *  of the same vulnerability as one. */
    const char *const *unjudged;
    size_t nunjudged;
    /** How it is in the SBOM, for a component with findings: the
     *  components (indices) on a shortest path through the dependency
     *  graph from the component the SBOM describes (or one nothing depends
     *  on) to it, that one first and it last; none when no path reaches
     *  it (an SBOM without dependencies) */
    const size_t *path;
    size_t npath;
} tsn_scan_component;

/**
 * What puts a finding in which priority tier (docs/scan.md, "Priority
 * tiers"). A finding is in the first tier whose condition it meets:
 *  1. exploited: a CVE of it is in CISA's KEV catalog;
 *  2. likely to be exploited: its EPSS probability is @p epss or more;
 *  3. severe: its severity is @p severity or worse, or no source rates
 *     it (nothing says it is not severe);
 *  4. the others.
 */
typedef struct tsn_tier_policy {
    double epss;              /**< 0 to 1; 2 leaves tier 2 empty */
    tsn_cvss_rating severity; /**< TSN_CVSS_LOW to TSN_CVSS_CRITICAL */
} tsn_tier_policy;

/** The default policy: EPSS 0.1 (a 10 % chance of exploitation activity
 *  in the next 30 days), severity high. */
#define TSN_TIER_POLICY_INIT                                                   \
    {                                                                          \
        0.1, TSN_CVSS_HIGH                                                     \
    }

typedef struct tsn_scan {
    tsn_finding *findings; /**< by component, then id */
    size_t nfindings;
    tsn_scan_component *components; /**< one per SBOM component */
    size_t ncomponents;
    size_t checked; /**< components looked up */
    /** Ranges of the packages looked up that could not be evaluated (a
     *  version in them is none of their scheme's, or too many events):
     *  they hold no version, so a finding could be missed */
    size_t unevaluated;
    tsn_tier_policy tiers; /**< what the findings' tiers are under */
    /** The library's own state, set by tsn_scan_run(); NULL in a
     *  tsn_scan made otherwise (then tsn_scan_apply_vex() leaves the
     *  upgrades as they are) */
    void *internal;
} tsn_scan;

/**
 * Match the components of @p sbom against @p db.
 * @param[out] out free with tsn_scan_free().
 * @return 0, or TSN_ENOMEM / TSN_EIO / TSN_EINVALID from the knowledge base
 */
TSN_API int tsn_scan_run(tsn_vulndb *db, const tsn_sbom *sbom, tsn_scan **out);

/**
 * As tsn_scan_run(), the components looked up by @p jobs threads at once
 * (0: as many as the processors this process may run on, at most
 * TSN_SCAN_JOBS_MAX; 1: the calling thread alone). The components are
 * shared out by package, each thread with its own handle on @p db's
 * file; the result is the same whatever @p jobs is.
 */
TSN_API int tsn_scan_run_jobs(tsn_vulndb *db,
                              const tsn_sbom *sbom,
                              unsigned jobs,
                              tsn_scan **out);
#define TSN_SCAN_JOBS_MAX 8

TSN_API void tsn_scan_free(tsn_scan *scan);

/**
 * Apply the statements of @p sets[0..nsets) (the SBOM's own, from
 * tsn_vex_from_sbom(), and those of VEX documents) to the findings of
 * @p scan (of @p sbom).
 * A statement speaks of a finding when it names the finding's
 * vulnerability (its id or an alias, either side's) and one of its
 * products names the component:
 *  - by bom-ref, or a BOM-Link (urn:cdx:SERIAL/VERSION#REF) to this very
 *    SBOM's component;
 *  - by package URL: the statement's purl without a version names every
 *    version; its qualifiers must all be the component's;
 *  - by CPE (the same name);
 *  - or the product is the SBOM's own component (metadata.component, the
 *    product as a whole), and then, when the statement lists
 *    subcomponents, the component is one of them.
 * A CycloneDX statement with versions names only those versions (a
 * version or a vers range each), with their status. When several
 * statements speak of a finding, the latest (by timestamp; then the one
 * of the later set, then the one added last) wins. Each product counts the
 * findings it named (tsn_vex_product.matched).
 * @return 0 or TSN_ENOMEM
 */
TSN_API int tsn_scan_apply_vex(tsn_scan *scan,
                               const tsn_sbom *sbom,
                               tsn_vex *const *sets,
                               size_t nsets);

/** The tier of @p f under @p policy (1 to 4). */
TSN_API int tsn_finding_tier(const tsn_finding *f,
                             const tsn_tier_policy *policy);

/** Set the tier of every finding of @p scan under @p policy;
 *  tsn_scan_run() sets them under TSN_TIER_POLICY_INIT. */
TSN_API void tsn_scan_prioritise(tsn_scan *scan, const tsn_tier_policy *policy);

/** Findings a VEX statement left out (tsn_finding.suppressed). */
TSN_API size_t tsn_scan_suppressed(const tsn_scan *scan);

/** The counts every report of a scan gives: of the findings reported
 *  (those VEX did not leave out), by rating, by tier and in KEV. */
typedef struct tsn_scan_counts {
    size_t findings;       /**< reported */
    size_t suppressed;     /**< left out by VEX */
    size_t by_severity[5]; /**< indexed by tsn_cvss_rating */
    size_t unrated;        /**< no source rates them */
    size_t by_tier[5];     /**< [1] to [4] */
    size_t kev;
    size_t unjudged; /**< components with records to judge (unjudged) */
} tsn_scan_counts;

TSN_API void tsn_scan_count(const tsn_scan *scan, tsn_scan_counts *out);

/**
 * The result as one JSON object (documented in docs/scan.md): @p target
 * (the SBOM's name, or NULL), the counts, the SBOM's components with what
 * was looked up and why any was not checked, and the findings.
 * @param[out] out free with tsn_free().
 */
TSN_API int tsn_scan_to_json(const tsn_scan *scan,
                             const tsn_sbom *sbom,
                             const char *target,
                             char **out);

/** One SBOM scanned, for the reports that cover several. */
typedef struct tsn_scan_target {
    const tsn_scan *scan;
    const tsn_sbom *sbom;
    const char *name; /**< the SBOM's file as given, or NULL */
} tsn_scan_target;

/**
 * SARIF 2.1.0 (docs/scan.md): one run; a rule per vulnerability (its
 * summary, page and CVSS score as "security-severity"); a result per
 * finding, located in its SBOM (artifact) and at its package (logical
 * location), with a fingerprint that stays the same from run to run.
 * Findings a VEX statement left out carry an accepted external
 * suppression with its reason.
 * @param[out] out free with tsn_free().
 * @return 0 or TSN_ENOMEM
 */
TSN_API int
tsn_scan_to_sarif(const tsn_scan_target *targets, size_t n, char **out);

/**
 * CSV (RFC 4180, CRLF line ends, a header row): one row per finding, the
 * findings VEX left out only when @p suppressed. A cell a spreadsheet
 * would read as a formula is prefixed with an apostrophe.
 * @param[out] out free with tsn_free().
 * @return 0 or TSN_ENOMEM
 */
TSN_API int tsn_scan_to_csv(const tsn_scan_target *targets,
                            size_t n,
                            bool suppressed,
                            char **out);

/**
 * A CycloneDX 1.6 vulnerability disclosure report: the SBOM scanned (its
 * text @p text of @p len bytes as it is when it is CycloneDX JSON, else
 * as tsn_sbom_write() writes it) with a vulnerability per finding (id,
 * source, references, rating, description, recommendation, VEX analysis,
 * affects with the version, KEV and EPSS as properties) after those it
 * has; its version raised by one and its time set. A finding decided by
 * a statement the SBOM carries is not repeated.
 * @param[out] out free with tsn_free().
 * @return 0, TSN_EINVALID (@p text does not parse) or TSN_ENOMEM
 */
TSN_API int tsn_scan_to_vdr(const tsn_scan *scan,
                            const tsn_sbom *sbom,
                            const char *text,
                            size_t len,
                            const char *name,
                            char **out);

#ifdef __cplusplus
}
#endif

#endif
