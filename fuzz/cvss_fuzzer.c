/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzz target: CVSS vectors; every score a vector gets is within 0 to 10
 * with one decimal place, and its rating agrees with it.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagi/tsunagi.h"
#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void in_range(double s)
{
    if (!(s >= 0 && s <= 10) || fabs(s * 10 - round(s * 10)) > 1e-6)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = tsnu_strndup((const char *)data, size);
    tsn_cvss_scores sc;
    if (!s)
        return 0;
    if (tsn_cvss_score(s, &sc) == 0) {
        in_range(sc.base);
        in_range(sc.score);
        if (sc.version != TSN_CVSS_V40) {
            in_range(sc.temporal);
            in_range(sc.environmental);
            in_range(sc.impact);
        }
        if ((sc.score == 0) != (sc.rating == TSN_CVSS_NONE) &&
            sc.version != TSN_CVSS_V2)
            abort();
    } else {
        tsn_error_clear();
    }
    tsn_free(s);
    return 0;
}
