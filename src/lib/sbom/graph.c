/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Shortest paths from the described component through the dependency
 * graph: breadth-first over the edges in compressed rows (each
 * component's successors contiguous), so one pass gives every
 * component's predecessor.
 */
#include "lib/sbom/graph.h"

#include <stdint.h>
#include <string.h>

/* An edge's direction for its type: 1 from → to, -1 to → from, 0 none. */
static int direction(const char *type)
{
    static const char *const forward[] = {"DEPENDS_ON", "dependsOn", "CONTAINS",
                                          "contains"};
    static const char *const backward[] = {"DEPENDENCY_OF", "dependencyOf",
                                           "CONTAINED_BY"};
    for (size_t i = 0; i < sizeof forward / sizeof *forward; i++)
        if (strcmp(type, forward[i]) == 0)
            return 1;
    for (size_t i = 0; i < sizeof backward / sizeof *backward; i++)
        if (strcmp(type, backward[i]) == 0)
            return -1;
    return 0;
}

struct graph {
    size_t n;
    size_t *first; /* n + 1: component i's successors are succ[first[i] ..
                      first[i + 1]) */
    size_t *succ;
    size_t nedges;
};

/* Edge @p k of the relationships and nesting as (from, to), or false when
 * it is none (an unknown ref, a type that is no dependency). */
static bool edge(const tsn_sbom_relationship *rels,
                 size_t nrels,
                 const tsn_sbom_component *comps,
                 size_t ncomps,
                 const tsnu_map *refs,
                 size_t k,
                 size_t *from,
                 size_t *to)
{
    if (k >= nrels) { /* the nesting edges follow the relationships */
        size_t c = k - nrels;
        if (c >= ncomps || comps[c].parent == TSN_SBOM_NONE ||
            comps[c].parent >= ncomps)
            return false;
        *from = comps[c].parent;
        *to = c;
        return true;
    }
    const tsn_sbom_relationship *r = &rels[k];
    int d = r->type && r->from && r->to ? direction(r->type) : 0;
    size_t a, b;
    if (!d || !tsnu_map_get(refs, r->from, &a) ||
        !tsnu_map_get(refs, r->to, &b))
        return false;
    *from = d > 0 ? a : b;
    *to = d > 0 ? b : a;
    return true;
}

int tsni_sbom_reach(const tsn_sbom *sbom, size_t **before, size_t **depth)
{
    size_t n = 0, nrels = 0;
    const tsn_sbom_component *comps = tsn_sbom_components(sbom, &n);
    const tsn_sbom_relationship *rels = tsn_sbom_relationships(sbom, &nrels);
    *before = *depth = NULL;
    tsnu_map refs = TSNU_MAP_INIT;
    struct graph g = {n, NULL, NULL, 0};
    size_t *queue = NULL, *bf = tsn_malloc((n ? n : 1) * sizeof *bf);
    size_t *dp = tsn_malloc((n ? n : 1) * sizeof *dp);
    size_t *indeg = tsn_calloc(n + 1, sizeof *indeg);
    g.first = tsn_calloc(n + 2, sizeof *g.first);
    queue = tsn_malloc((n ? n : 1) * sizeof *queue);
    int rc = bf && dp && indeg && g.first && queue ? 0 : tsn_error_oom();
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (comps[i].ref && !tsnu_map_get(&refs, comps[i].ref, &(size_t){0}))
            rc = tsnu_map_put(&refs, comps[i].ref, i);
    size_t nk = nrels + n, from, to;
    /* count each component's successors, then place them */
    for (size_t k = 0; rc == 0 && k < nk; k++)
        if (edge(rels, nrels, comps, n, &refs, k, &from, &to)) {
            g.first[from + 1]++;
            indeg[to]++;
            g.nedges++;
        }
    for (size_t i = 0; rc == 0 && i < n; i++)
        g.first[i + 1] += g.first[i];
    if (rc == 0 &&
        !(g.succ = tsn_malloc((g.nedges ? g.nedges : 1) * sizeof *g.succ)))
        rc = tsn_error_oom();
    size_t *fill = queue; /* the queue's room, borrowed while placing */
    for (size_t i = 0; rc == 0 && i < n; i++)
        fill[i] = g.first[i];
    for (size_t k = 0; rc == 0 && k < nk; k++)
        if (edge(rels, nrels, comps, n, &refs, k, &from, &to))
            g.succ[fill[from]++] = to;
    size_t head = 0, tail = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        bf[i] = TSN_SBOM_NONE;
        dp[i] = SIZE_MAX;
    }
    size_t root = rc == 0 ? tsn_sbom_document(sbom)->root : TSN_SBOM_NONE;
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (root < n ? i == root : indeg[i] == 0) {
            dp[i] = 0;
            queue[tail++] = i;
        }
    while (rc == 0 && head < tail) {
        size_t u = queue[head++];
        for (size_t e = g.first[u]; e < g.first[u + 1]; e++) {
            size_t w = g.succ[e];
            if (dp[w] != SIZE_MAX)
                continue;
            dp[w] = dp[u] + 1;
            bf[w] = u;
            queue[tail++] = w;
        }
    }
    tsnu_map_dispose(&refs);
    tsn_free(indeg);
    tsn_free(queue);
    tsn_free(g.first);
    tsn_free(g.succ);
    if (rc < 0) {
        tsn_free(bf);
        tsn_free(dp);
        return rc;
    }
    *before = bf;
    *depth = dp;
    return 0;
}
