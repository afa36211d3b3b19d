/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the sources of db update share (update.c): the state of one
 * update, downloads one by one (upd_fetch) or in batches into the pack
 * (upd_fetch_all), the list of downloads to import and the import.
 * A source with much of its own (a CSAF provider: update_csaf.c) lives
 * in a file of its own.
 */
#ifndef TSN_VULNDB_UPDATE_INT_H
#define TSN_VULNDB_UPDATE_INT_H

#include "lib/adapt/http.h"
#include "lib/vulndb/vulndb_int.h"
#include "tsunagi/vulndb.h"

#include <stdio.h>

#define BATCH 64 /* downloads under way at once (upd_fetch_all: u->slots) */
#define DOWNLOAD_MAX ((uint64_t)8 * 1024 * 1024 * 1024)

#define JSON_TYPES                                                             \
    "application/json|text/json|text/plain|application/octet-stream"
#define ZIP_TYPES                                                              \
    "application/zip|application/x-zip-compressed|application/octet-stream"
#define CSV_TYPES                                                              \
    "text/csv|text/plain|application/gzip|application/x-gzip|"                 \
    "application/octet-stream"

struct upd {
    tsn_vulndb *v;
    const tsn_vulndb_update_opts *o;
    char dir[4096];   /* the private temporary directory */
    tsnu_vec in;      /* tsnv_input: downloads to import, in order */
    tsnu_arena names; /* their paths and labels (URLs) */
    unsigned formats; /* what the source may give (1 << tsn_adv_format) */
    /* many small downloads (upd_fetch_all) one after another in one file
     * rather than a file each, whose creation costs more than the
     * download; each first goes to a slot file of its batch */
    FILE *pack;
    const char *pack_path; /* in names */
    uint64_t pack_len;
    FILE *slots[BATCH];
    unsigned serial; /* names the downloads */
    tsn_buf url;     /* scratch */
};

enum fetched { GOT, NOT_MODIFIED, GONE };

/* One download of a batch (upd_fetch_all). */
struct get {
    const char *url;
    enum fetched got;
    uint64_t off, len; /* GOT: where in u->pack_path */
};

/* A line for the log (o->log), when there is one. */
TSN_PRINTF(2, 3)
void upd_say(struct upd *u, const char *fmt, ...);

/*
 * GET @p url into a new file of the temporary directory (added to the
 * list to import when GOT). With @p cond, the validators kept for the URL
 * are sent and the new ones kept by the caller (*etag, *lastmod:
 * malloc'd). @p types: the content types accepted ('|'-separated, "*":
 * any). A 404 is GONE when @p gone_ok, else a failure.
 */
int upd_fetch(struct upd *u,
              const char *url,
              const char *types,
              bool cond,
              bool gone_ok,
              enum fetched *out,
              char **etag,
              char **lastmod);

/* GET each of @p g[0..n) (not conditional) into the pack, BATCH at a
 * time; the first that fails for good stops the rest. */
int upd_fetch_all(
    struct upd *u, struct get *g, size_t n, const char *types, bool gone_ok);

/* The pack written out, for reading. */
int upd_pack_flush(struct upd *u);

/* Add the download of @p url in @p path (held in u->names) to the list
 * to import: the whole file, or with @p part the @p len bytes at @p off. */
int upd_keep(struct upd *u,
             const char *path,
             const char *url,
             bool part,
             uint64_t off,
             uint64_t len);

/* Keep the validators of @p url for the next update. */
int upd_keep_validators(struct upd *u,
                        const char *url,
                        const char *etag,
                        const char *lastmod);

/* Forget the downloads to import and empty the pack: the next import
 * starts afresh (one provider of an aggregator after another). */
void upd_reset(struct upd *u);

/* Take the last download (a whole file) off the list to import: its
 * path. */
const char *upd_pop_path(struct upd *u);

/* Import what was downloaded, in one transaction. */
int upd_import(struct upd *u,
               tsn_vulndb_import_stats *stats,
               tsn_vulndb_report_fn report,
               void *payload);

/* A CSAF provider, csaf:DOMAIN or csaf:URL (update_csaf.c). */
int upd_csaf(struct upd *u,
             const char *where,
             tsn_vulndb_import_stats *stats,
             tsn_vulndb_report_fn report,
             void *payload);

/* Every provider an aggregator.json lists, csaf-aggregator:DOMAIN or
 * csaf-aggregator:URL (update_csaf.c). */
int upd_csaf_aggregator(struct upd *u,
                        const char *where,
                        tsn_vulndb_import_stats *stats,
                        tsn_vulndb_report_fn report,
                        void *payload);

#endif
