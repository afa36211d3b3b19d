/* SPDX-License-Identifier: Apache-2.0 */
/*
 * How each component of an SBOM is reached from what the document
 * describes: shortest paths through its dependency graph.
 */
#ifndef TSN_SBOM_GRAPH_H
#define TSN_SBOM_GRAPH_H

#include "lib/lib.h"
#include "tsunagi/sbom.h"

/*
 * For each component of @p sbom, the component before it on a shortest
 * path from a root (*@p before, one per component; the caller frees it
 * with tsn_free()): TSN_SBOM_NONE for a root and for a component no root
 * reaches; *@p depth (likewise) the number of steps from a root, 0 for a
 * root, SIZE_MAX when unreached.
 *
 * The roots: the component the document describes; without one, every
 * component nothing depends on, contains or encloses. The edges: A
 * DEPENDS_ON or CONTAINS B (SPDX 2 and CycloneDX; SPDX 3's dependsOn and
 * contains), B DEPENDENCY_OF or CONTAINED_BY A, and a component enclosing
 * another (CycloneDX nested components). Edges naming refs that are no
 * component's are passed over. O(components + edges).
 * Returns 0 or TSN_ENOMEM.
 */
int tsni_sbom_reach(const tsn_sbom *sbom, size_t **before, size_t **depth);

#endif
