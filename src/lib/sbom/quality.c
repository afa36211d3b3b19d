/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SBOM quality check: coverage of the NTIA minimum elements (supplier,
 * name, version, unique identifiers, dependency relationships, author,
 * timestamp) and the additions of METI's SBOM guide (licences, hashes),
 * plus schema validity, combined into one weighted score.
 */
#include "model.h"

#include <string.h>

static bool has(const char *s)
{
    return s && *s;
}

int tsn_sbom_quality_check(tsn_sbom_quality *q, const tsn_sbom *s)
{
    /* Weights: the seven NTIA elements count fully; licences (asked for by
     * the METI guide) count fully; hashes and schema validity half. */
    static const double weights[TSN_QE_COUNT] = {1, 1, 1, 1,   1,
                                                 1, 1, 1, 0.5, 0.5};
    size_t n = s->comps.len, met[TSN_QE_COUNT] = {0};
    const tsn_sbom_component *c = s->comps.ptr;
    tsnu_strset linked = TSNU_STRSET_INIT;
    double wsum = 0, total = 0;
    int error = 0;

    memset(q, 0, sizeof *q);
    q->n_components = n;
    q->findings = tsn_calloc(n ? n : 1, sizeof *q->findings);
    TSN_CHECK_ALLOC(q->findings);

    /* Components that take part in the dependency graph. */
    for (size_t i = 0; i < s->rels.len && error >= 0; i++) {
        const tsn_sbom_relationship *r =
            TSNU_VEC_AT(&s->rels, tsn_sbom_relationship, i);
        error = tsnu_strset_add(&linked, r->from);
        if (error >= 0)
            error = tsnu_strset_add(&linked, r->to);
    }
    if (error < 0)
        goto done;
    error = 0;

    for (size_t i = 0; i < n; i++) {
        unsigned f = 0;
        if (has(c[i].name))
            met[TSN_QE_NAME]++;
        else
            f |= TSN_QF_NO_NAME;
        if (has(c[i].version))
            met[TSN_QE_VERSION]++;
        else
            f |= TSN_QF_NO_VERSION;
        if (has(c[i].supplier) || has(c[i].publisher))
            met[TSN_QE_SUPPLIER]++;
        else
            f |= TSN_QF_NO_SUPPLIER;
        if (has(c[i].purl) || c[i].n_cpes)
            met[TSN_QE_IDENTIFIER]++;
        else
            f |= TSN_QF_NO_IDENTIFIER;
        /* The reader checked the purl already. */
        if (has(c[i].purl) && c[i].purl_invalid)
            f |= TSN_QF_BAD_PURL;
        if (c[i].n_licenses)
            met[TSN_QE_LICENSE]++;
        else
            f |= TSN_QF_NO_LICENSE;
        if (c[i].n_hashes)
            met[TSN_QE_HASH]++;
        else
            f |= TSN_QF_NO_HASH;
        /* A nested component is related to its parent by containment. */
        if ((c[i].ref && tsnu_strset_has(&linked, c[i].ref)) ||
            c[i].parent != TSN_SBOM_NONE)
            met[TSN_QE_DEPENDENCIES]++;
        else
            f |= TSN_QF_NO_DEPENDENCIES;
        q->findings[i] = f;
    }
    for (int e = 0; e < TSN_QE_COUNT; e++) {
        q->weight[e] = weights[e];
        q->ntia[e] = e <= TSN_QE_TIMESTAMP;
        if (e == TSN_QE_AUTHOR)
            q->coverage[e] = (s->doc.n_authors || s->doc.n_tools) ? 1 : 0;
        else if (e == TSN_QE_TIMESTAMP)
            q->coverage[e] = has(s->doc.timestamp) ? 1 : 0;
        else if (e == TSN_QE_VALID)
            q->coverage[e] = s->n_errors ? 0 : 1;
        else
            q->coverage[e] = n ? (double)met[e] / (double)n : 0;
        wsum += weights[e];
        total += weights[e] * q->coverage[e];
    }
    q->score = 100.0 * total / wsum;
    q->ntia_met = true;
    for (int e = 0; e <= TSN_QE_TIMESTAMP; e++)
        if (q->coverage[e] < 1.0)
            q->ntia_met = false;
done:
    tsnu_strset_dispose(&linked);
    if (error < 0)
        tsn_sbom_quality_dispose(q);
    return error;
}

void tsn_sbom_quality_dispose(tsn_sbom_quality *q)
{
    tsn_free(q->findings);
    q->findings = NULL;
}
