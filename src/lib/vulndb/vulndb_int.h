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

#endif
