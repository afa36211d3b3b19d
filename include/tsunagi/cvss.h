/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CVSS: read a vector string of version 2.0, 3.0, 3.1 or 4.0 and compute
 * its scores as FIRST's specifications define them.
 */
#ifndef TSUNAGI_CVSS_H
#define TSUNAGI_CVSS_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum tsn_cvss_version {
    TSN_CVSS_V2 = 20,
    TSN_CVSS_V30 = 30,
    TSN_CVSS_V31 = 31,
    TSN_CVSS_V40 = 40
} tsn_cvss_version;

/** Qualitative ratings: v3 and v4 (FIRST's table); v2 as NVD rates. */
typedef enum tsn_cvss_rating {
    TSN_CVSS_NONE,
    TSN_CVSS_LOW,
    TSN_CVSS_MEDIUM,
    TSN_CVSS_HIGH,
    TSN_CVSS_CRITICAL
} tsn_cvss_rating;

/** What a vector gives beyond its base metrics. */
enum {
    TSN_CVSS_TEMPORAL = 1,      /**< v2/v3 temporal, v4 threat (E) */
    TSN_CVSS_ENVIRONMENTAL = 2, /**< a modified metric or requirement */
    TSN_CVSS_SUPPLEMENTAL = 4   /**< v4 supplemental metrics (no score) */
};

typedef struct tsn_cvss_scores {
    tsn_cvss_version version;
    unsigned given; /**< TSN_CVSS_TEMPORAL, ... */
    /** v2/v3: the base score; v4: CVSS-B, the score of the base metrics
     *  alone. */
    double base;
    /** v2/v3: the base score's impact and exploitability subscores; v4:
     *  -1 (it has none). */
    double impact, exploitability;
    /** v2/v3: the temporal score (the base score when no temporal metric
     *  is given); v4: -1. */
    double temporal;
    /** v2/v3: the environmental score, computed with what is given (the
     *  temporal score when nothing environmental is); v4: -1. */
    double environmental;
    /** The score of the whole vector: v2/v3 the environmental score when
     *  an environmental metric is given, else the temporal score when a
     *  temporal one is, else the base score; v4 CVSS-B, -BT, -BE or -BTE
     *  as the vector's metrics are. */
    double score;
    tsn_cvss_rating rating; /**< of score */
} tsn_cvss_scores;

/**
 * Read @p vector (v2 without a prefix, "CVSS:3.0/", "CVSS:3.1/" or
 * "CVSS:4.0/") and compute its scores into @p out.
 * @return 0; TSN_EINVALID when the vector is not one (an unknown metric
 *         or value, a metric twice, a base metric missing, over 512
 *         bytes), the reason in tsn_error_last(). Metrics may come in any
 *         order.
 */
TSN_API int tsn_cvss_score(const char *vector, tsn_cvss_scores *out);

/**
 * The value of @p metric ("AV", "E", "MSI") in @p vector, as written
 * ("N", "POC"), into @p out of @p cap bytes.
 * @return 1; 0 when the vector does not give the metric (@p out ""); as
 *         tsn_cvss_score() when the vector is not one.
 */
TSN_API int
tsn_cvss_metric(const char *vector, const char *metric, char *out, size_t cap);

/** The rating of @p score: v2 as NVD rates it (Low, Medium, High), v3 and
 *  v4 by FIRST's table (None for 0, Low, Medium, High, Critical from 9). */
TSN_API tsn_cvss_rating tsn_cvss_rating_of(tsn_cvss_version version,
                                           double score);

/** "2.0", "3.0", "3.1" or "4.0", as a vector names its version. */
TSN_API const char *tsn_cvss_version_name(tsn_cvss_version v);

/** "NONE", "LOW", "MEDIUM", "HIGH" or "CRITICAL" (as CSAF and the CVSS
 *  JSON schemas write them). */
TSN_API const char *tsn_cvss_rating_name(tsn_cvss_rating r);

#ifdef __cplusplus
}
#endif

#endif
