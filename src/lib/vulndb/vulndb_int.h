/* SPDX-License-Identifier: Apache-2.0 */
/* What the knowledge base's files share beyond vulndb.h. */
#ifndef TSN_VULNDB_INT_H
#define TSN_VULNDB_INT_H

#include "lib/lib.h"
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

#endif
