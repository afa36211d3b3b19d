/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file vulndb.h
 * The vulnerability knowledge base: one SQLite file with a versioned
 * schema holding every imported advisory (its record as read, its
 * aliases and its affected packages, indexed by ecosystem and name).
 *
 * An import is one transaction: it lands whole or not at all, so a
 * process killed at any point leaves the previous database usable.
 */
#ifndef TSUNAGI_VULNDB_H
#define TSUNAGI_VULNDB_H

#include "tsunagi/common.h"
#include "tsunagi/advisory.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Schema version this library writes and reads. */
#define TSN_VULNDB_SCHEMA 6

typedef struct tsn_vulndb tsn_vulndb;

/** Open the database at @p path; with @p create, create it (and its
 *  schema) when absent. A file with a newer schema is refused
 *  (TSN_EUNSUPPORTED); one that is not a tsunagi database, TSN_EINVALID. */
TSN_API int tsn_vulndb_open(tsn_vulndb **out, const char *path, bool create);
TSN_API void tsn_vulndb_close(tsn_vulndb *db);

typedef struct tsn_vulndb_import_stats {
    size_t files;     /**< files read */
    size_t added;     /**< advisories new to the database */
    size_t updated;   /**< replaced by a record with a later modified */
    size_t unchanged; /**< already there with the same or a later one */
    size_t refused;   /**< records that break their format's rules */
    size_t warned;    /**< imported with warnings */
} tsn_vulndb_import_stats;

/** Called once per refused record (and per warning, @p refused false)
 *  with "FILE:LINE: /pointer: reason". */
typedef void (*tsn_vulndb_report_fn)(void *payload,
                                     bool refused,
                                     const char *message);

/**
 * Import OSV records, NVD CVE API 2.0 pages, CVE JSON 5 records, KEV
 * catalogs and EPSS scores (told apart by their content; gzip is undone) from
 * files, zip archives (OSV's all.zip) and directory trees (every *.json, *.zip,
 * *.csv and *.gz file below them). Refused records are counted and reported,
 * never fatal. A path that cannot be read, or a database failure, aborts the
 * import and leaves the database as it was.
 */
TSN_API int tsn_vulndb_import(tsn_vulndb *db,
                              const char *const *paths,
                              size_t npaths,
                              tsn_vulndb_import_stats *stats,
                              tsn_vulndb_report_fn report,
                              void *payload);

/** How far an import is: @p records read so far (added, updated,
 *  unchanged or refused), and @p done of @p total bytes of its input read
 *  (@p total 0: unknown). Called after every record and every file. */
typedef void (*tsn_vulndb_progress_fn)(void *payload,
                                       size_t records,
                                       uint64_t done,
                                       uint64_t total);

/** Call @p fn as imports (and the import of an update) go; NULL stops.
 *  The input is listed once more before an import to know its size. */
TSN_API void tsn_vulndb_on_progress(tsn_vulndb *db,
                                    tsn_vulndb_progress_fn fn,
                                    void *payload);

/** How tsn_vulndb_update() fetches and tells. */
typedef struct tsn_vulndb_update_opts {
    /** The source's endpoint instead of the official one (a mirror): the
     *  feed's URL for kev and epss, the bucket's base URL for osv, the
     *  CVE API's URL for nvd; NULL for the official one. */
    const char *url;
    /** One extra request header, "apiKey: KEY" for NVD, or NULL. */
    const char *header;
    /** Seconds between NVD requests; below 0, NVD's rule (6 s, 0.6 s with
     *  a key). */
    double delay;
    /** Attempts after the first on a network failure, 408, 429 or 5xx;
     *  below 0, 4. */
    int retries;
    /** The first wait between attempts in seconds, doubled each time
     *  unless the server says (Retry-After); 0: 1 s. */
    double backoff;
    /** Connections to a server at a time for the many small downloads of
     *  a source (OSV's changed records, a CSAF provider's documents and
     *  hash files); 0: 8. HTTP/2 servers get them as streams of one. */
    unsigned connections;
    /** Where downloads are held until imported; NULL: $TMPDIR or /tmp. */
    const char *tmpdir;
    /** One line per request and outcome, or NULL. */
    void (*log)(void *payload, const char *line);
    /** Bytes of the current download so far (total 0: unknown), or NULL. */
    void (*progress)(void *payload, uint64_t now, uint64_t total);
    void *payload;
} tsn_vulndb_update_opts;

/**
 * Download @p source and import it (as tsn_vulndb_import(), one
 * transaction): "kev" (CISA's catalog), "epss" (FIRST's scores), "nvd"
 * (the CVE API 2.0, every page; after a first update only the CVEs
 * modified since), "osv:ECOSYSTEM" (OSV's all.zip of the ecosystem; after
 * a first update only the records its modified_id.csv lists as changed).
 * Feeds are asked for with the ETag and Last-Modified of the last
 * download. TSN_ENETWORK when a download fails after its retries
 * (nothing is imported), TSN_EUSAGE for an unknown source.
 */
TSN_API int tsn_vulndb_update(tsn_vulndb *db,
                              const char *source,
                              const tsn_vulndb_update_opts *opts,
                              tsn_vulndb_import_stats *stats,
                              tsn_vulndb_report_fn report,
                              void *payload);

/** Counts for `db status`. */
typedef struct tsn_vulndb_count {
    char *name; /**< a source ("osv", "nvd", "cve") or a base ecosystem
                     ("PyPI", "Debian"; "CPE" for products named by CPE) */
    size_t advisories;
} tsn_vulndb_count;

typedef struct tsn_vulndb_status {
    size_t advisories, withdrawn, aliases;
    char *last_import; /**< RFC 3339, or NULL */
    /** The end of the last db update that succeeded, whether or not it
     *  changed anything (RFC 3339), or NULL */
    char *last_update;
    size_t kev;        /**< entries of the KEV catalog */
    char *kev_version; /**< its catalogVersion, or NULL */
    size_t epss;       /**< CVEs with an EPSS score */
    char *epss_date;   /**< their score date, or NULL */
    tsn_vulndb_count *by_source;
    size_t nsources;
    tsn_vulndb_count *by_ecosystem;
    size_t necosystems;
    /** The CSAF providers updated from (what followed "csaf:"), which a
     *  plain update refreshes too. */
    char **csaf_providers;
    size_t ncsaf_providers;
} tsn_vulndb_status;

TSN_API int tsn_vulndb_status_get(tsn_vulndb *db, tsn_vulndb_status *out);
TSN_API void tsn_vulndb_status_free(tsn_vulndb_status *st);

/**
 * When @p db was last imported into and last updated (RFC 3339; NULL
 * when never), as tsn_vulndb_status_get() gives them but without its
 * counts, which read every table: this reads two values.
 * @param[out] last_import,last_update free with free().
 * @return 0, TSN_ENOMEM or TSN_EIO
 */
TSN_API int
tsn_vulndb_times(tsn_vulndb *db, char **last_import, char **last_update);

/**
 * The stored records of the advisory @p id and of every advisory that
 * names it as an alias (or that it names), as a JSON array in *out
 * (caller frees with tsn_free). TSN_ENOTFOUND when none.
 */
TSN_API int tsn_vulndb_show(tsn_vulndb *db, const char *id, char **out);

/** One vulnerability as the knowledge base holds it: the records of an
 *  alias group, each read back into the model, with the KEV entries and
 *  EPSS scores of the group's CVE ids. */
typedef struct tsn_vulndb_view {
    tsn_advisory **advisories; /**< by source, then id */
    size_t n;
    tsn_kev_entry *kev; /**< by CVE id */
    size_t nkev;
    tsn_epss_row *epss; /**< by CVE id */
    size_t nepss;
    const char *epss_date; /**< the scores' date, or NULL */
} tsn_vulndb_view;

/**
 * The view of @p id: the same group as tsn_vulndb_show(), read into the
 * model. TSN_ENOTFOUND when no advisory is known by that id.
 * @param[out] out free with tsn_vulndb_view_free().
 */
TSN_API int
tsn_vulndb_view_get(tsn_vulndb *db, const char *id, tsn_vulndb_view **out);
TSN_API void tsn_vulndb_view_free(tsn_vulndb_view *view);

typedef struct tsn_vulndb_export_stats {
    size_t advisories, kev, epss;
} tsn_vulndb_export_stats;

/**
 * Write the knowledge base to a zip archive at @p path that
 * tsn_vulndb_import() reads back: every advisory as ID.json (its record
 * exactly as imported), the KEV catalog as kev.json and the EPSS scores as
 * epss.csv. The archive is written through a temporary file and renamed
 * into place; on failure nothing is left at @p path.
 */
TSN_API int tsn_vulndb_export(tsn_vulndb *db,
                              const char *path,
                              tsn_vulndb_export_stats *stats);

#ifdef __cplusplus
}
#endif

#endif
