/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CycloneDX vocabulary shared by the JSON and XML readers: enumerations
 * per specification version and the checks that do not depend on the
 * encoding.
 */
#ifndef TSN_SBOM_CDX_H
#define TSN_SBOM_CDX_H

#include "model.h"

/* Minor version from "1.N" (0..7), or -1 when not a known version. */
int tsn_cdx__minor(const char *spec_version);
bool tsn_cdx__component_type(const char *t, int minor);
extern const char *const tsn_cdx__scopes[];
extern const char *const tsn_cdx__data_flows[];
extern const char *const tsn_cdx__patch_types[];
extern const char *const tsn_cdx__issue_types[];
extern const char *const tsn_cdx__encodings[];
extern const char *const tsn_cdx__acknowledgements[];
extern const char *const tsn_cdx__analysis_states[];
extern const char *const tsn_cdx__justifications[];
extern const char *const tsn_cdx__responses[];

/*
 * Reference bookkeeping for one document: every bom-ref seen (must be
 * unique) and every reference made (must resolve), checked at the end.
 */
struct tsn_cdx_refs {
    tsnu_strset defined;
    tsnu_vec uses; /* struct tsn_cdx_use */
};
struct tsn_cdx_use {
    const char *ref;
    const char *location; /* or NULL: made by locate(rd, node) on demand */
    const char *what;
    const char *(*locate)(void *rd, const void *node);
    void *rd;
    const void *node;
};
int tsn_cdx__define_ref(tsn_sbom *s,
                        struct tsn_cdx_refs *refs,
                        const char *ref,
                        const char *location);
int tsn_cdx__use_ref(struct tsn_cdx_refs *refs,
                     const char *ref,
                     const char *location,
                     const char *what);
/* As tsn_cdx__use_ref(), rendering the location only if it is needed. */
int tsn_cdx__use_ref_lazy(struct tsn_cdx_refs *refs,
                          const char *ref,
                          const char *what,
                          const char *(*locate)(void *rd, const void *node),
                          void *rd,
                          const void *node);
/* Define a ref whose location is rendered only for a diagnostic. */
int tsn_cdx__define_ref_lazy(tsn_sbom *s,
                             struct tsn_cdx_refs *refs,
                             const char *ref,
                             const char *(*locate)(void *rd, const void *node),
                             void *rd,
                             const void *node);
int tsn_cdx__resolve_refs(tsn_sbom *s, struct tsn_cdx_refs *refs);
void tsn_cdx__refs_dispose(struct tsn_cdx_refs *refs);

/* Append the CycloneDX 1.6 JSON form of @p s to @p b. */
int tsn_cdx__write_json(tsn_buf *b, const tsn_sbom *s);
/* Append the CycloneDX 1.6 XML form of @p s to @p b. */
int tsn_cdx__write_xml(tsn_buf *b, const tsn_sbom *s);

#endif
