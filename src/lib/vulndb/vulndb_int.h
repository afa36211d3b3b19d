/* SPDX-License-Identifier: Apache-2.0 */
/* What the knowledge base's files share beyond vulndb.h. */
#ifndef TSN_VULNDB_INT_H
#define TSN_VULNDB_INT_H

#include "lib/lib.h"
#include "tsunagi/advisory.h"
#include "tsunagi/vulndb.h"

/* The meta value of @p key (malloc'd; NULL when unset). */
int tsnv_meta_get(tsn_vulndb *v, const char *key, char **out);
/* Set the meta value of @p key (its own transaction). */
int tsnv_meta_put(tsn_vulndb *v, const char *key, const char *value);

/* One input of tsnv_import(). */
typedef struct tsnv_input {
    const char *path;  /* a record file, a zip archive or a directory */
    const char *label; /* its name in messages (a download's URL), or NULL */
    /* part: only the @p length bytes at @p offset of the file at @p path,
     * one document (one download of many kept in one file) */
    bool part;
    uint64_t offset, length;
} tsnv_input;

/* tsn_vulndb_import() of @p in[0..n), and only the formats of @p formats
 * (1 << tsn_adv_format each; 0: every format): a document of another
 * format is refused. */
int tsnv_import(tsn_vulndb *v,
                const tsnv_input *in,
                size_t n,
                unsigned formats,
                tsn_vulndb_import_stats *stats,
                tsn_vulndb_report_fn report,
                void *payload);

/* What a scan asks of the knowledge base (db.c), with its statements
 * prepared once. */
typedef struct tsnv_lookup tsnv_lookup;

/* Called with each advisory a package is affected by, read back into the
 * model: @p a is the callee's (tsn_advisory_free), @p withdrawn whether
 * its source withdrew it. A negative return stops the lookup. An OSV
 * record is read only as far as matching needs
 * (tsnr_osv_read_matching(): no details, references or CWEs). */
typedef int (*tsnv_advisory_fn)(void *ctx, tsn_advisory *a, bool withdrawn);

/* KEV and EPSS of one CVE. */
typedef struct tsnv_threat {
    bool kev, ransomware; /* in the KEV catalog; known ransomware use */
    bool has_epss;
    double epss, percentile;
} tsnv_threat;

/* Another handle on the file @p v was opened from, for another thread:
 * a handle, its lookups and what they return are used by one thread at a
 * time. */
int tsnv_reopen(tsn_vulndb *v, tsn_vulndb **out);

int tsnv_lookup_open(tsn_vulndb *v, tsnv_lookup **out);
void tsnv_lookup_close(tsnv_lookup *lk);

/* Every advisory the index holds for package @p key (tsni_package_key)
 * of ecosystem @p eco, by source and id. */
int tsnv_lookup_package(tsnv_lookup *lk,
                        const char *eco,
                        const char *key,
                        tsnv_advisory_fn fn,
                        void *ctx);

/* Each ecosystem the index holds packages of whose name begins with
 * @p prefix, in order, given to @p fn (a negative return stops): the
 * product streams of Red Hat's ("Red Hat:enterprise_linux:9::" gives
 * "...::appstream", "...::baseos", ...). One index seek per ecosystem. */
int tsnv_lookup_ecosystems(tsnv_lookup *lk,
                           const char *prefix,
                           int (*fn)(void *ctx, const char *eco),
                           void *ctx);

/* Every advisory not withdrawn whose id or alias is @p id, by source and
 * id. */
int tsnv_lookup_id(tsnv_lookup *lk,
                   const char *id,
                   tsnv_advisory_fn fn,
                   void *ctx);

/* The KEV entry and EPSS score of @p cve (all false when none). */
int tsnv_lookup_cve(tsnv_lookup *lk, const char *cve, tsnv_threat *out);

#endif
