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

/* tsn_vulndb_import() with each path's name in messages (@p labels: a
 * download's URL; NULL: the paths) and only the formats of @p formats
 * (1 << tsn_adv_format each; 0: every format): a document of another
 * format is refused. */
int tsnv_import(tsn_vulndb *v,
                const char *const *paths,
                const char *const *labels,
                size_t npaths,
                unsigned formats,
                tsn_vulndb_import_stats *stats,
                tsn_vulndb_report_fn report,
                void *payload);

#endif
