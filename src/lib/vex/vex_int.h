/* SPDX-License-Identifier: Apache-2.0 */
/* What the VEX readers (openvex.c, csaf_vex.c), the set (vex.c) and the
 * writer (vex_write.c) share. */
#ifndef TSN_VEX_INT_H
#define TSN_VEX_INT_H

#include "lib/lib.h"
#include "tsunagi/vex.h"
#include "util/json.h"

/* A document's statements as read: into @p out (tsn_vex_statement),
 * strings and arrays in @p arena. */
typedef struct tsnx_doc {
    tsnu_arena *arena;
    const char *name;
    tsnu_vec *out;
} tsnx_doc;

/* "NAME:LINE: /pointer" of the value @p v at @p p, in the arena; NULL
 * when out of memory. */
const char *tsnx_where(tsnu_arena *arena,
                       const char *name,
                       const tsnu_jpath *p,
                       const tsnu_json *v);

/* The statements of an OpenVEX document (parsed: @p root). */
int tsnx_openvex(tsnx_doc *d, const tsnu_json *root);

/* The statements of a CSAF document (its text: the CSAF reader parses and
 * checks it). */
int tsnx_csaf(tsnx_doc *d, const char *text, size_t len);

/* OpenVEX's justifications, NULL-terminated. */
extern const char *const tsnx_openvex_justifications[];

/* The CycloneDX analysis state of @p s ("exploitable" for affected,
 * "resolved" for fixed, "in_triage" for under investigation). */
const char *tsnx_cdx_state(tsn_vex_status s);

/* A CycloneDX "source" member for the id @p id: {name, url} of the
 * database its form names (tsnr_id_home); {} with @p always when none,
 * else nothing. */
void tsnx_cdx_source(tsnu_jw *w, const char *id, bool always);

/* Whether @p root is an OpenVEX document (its @context). */
bool tsnx_is_openvex(const tsnu_json *root);

#endif
