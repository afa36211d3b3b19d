/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SPDX 2.x vocabulary shared by the JSON and tag-value readers.
 */
#ifndef TSN_SBOM_SPDX_H
#define TSN_SBOM_SPDX_H

#include "model.h"

extern const char *const tsn_spdx__relationship_types[];
extern const char *const tsn_spdx__checksum_algs[];
extern const char *const tsn_spdx__purposes[];
extern const char *const tsn_spdx__ref_categories[];

/* CycloneDX spelling of an SPDX checksum algorithm ("SHA1" -> "SHA-1"). */
const char *tsn_spdx__hash_alg(const char *spdx_alg);
/* CycloneDX component type for an SPDX primaryPackagePurpose. */
const char *tsn_spdx__purpose_type(const char *purpose);
/* "Organization: ACME (a@b)" -> "ACME"; NOASSERTION and NONE -> NULL.
 * The result is in @p arena. */
const char *tsn_spdx__actor_name(tsnu_arena *arena, const char *actor);
/* SPDXID syntax: "SPDXRef-" followed by [A-Za-z0-9.-]+. */
bool tsn_spdx__valid_id(const char *id);
/* A licence field value: NOASSERTION and NONE mean "no information". */
bool tsn_spdx__license_value(const char *v);

#endif
