/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CVSS scores: the worked examples of the specifications (the v2 guide's
 * three vulnerabilities, v3.1's and v4.0's well-known vectors), what
 * tells v3.0 from v3.1, and the vectors that are not ones. The
 * differential test (tests/diff/cvss.py) compares every base vector and
 * random full ones with ae-cvss-calculator.
 */
#include "harness.h"
#include "tsunagi/cvss.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void expect(const char *vector,
                   double base,
                   double temporal,
                   double environmental,
                   double score,
                   const char *rating)
{
    tsn_cvss_scores s;
    int rc = tsn_cvss_score(vector, &s);
    CHECK(rc == 0, "%s: %s", vector, rc ? tsn_error_last()->message : "");
    if (rc)
        return;
    CHECK(fabs(s.base - base) < 1e-9, "%s: base %.1f, expected %.1f", vector,
          s.base, base);
    if (temporal >= 0)
        CHECK(fabs(s.temporal - temporal) < 1e-9,
              "%s: temporal %.1f, expected %.1f", vector, s.temporal, temporal);
    if (environmental >= 0)
        CHECK(fabs(s.environmental - environmental) < 1e-9,
              "%s: environmental %.1f, expected %.1f", vector, s.environmental,
              environmental);
    CHECK(fabs(s.score - score) < 1e-9, "%s: score %.1f, expected %.1f", vector,
          s.score, score);
    CHECK_STR(tsn_cvss_rating_name(s.rating), rating, vector);
}

static void refused(const char *vector, const char *why)
{
    tsn_cvss_scores s;
    int rc = tsn_cvss_score(vector, &s);
    CHECK(rc == TSN_EINVALID, "%s: refused", vector ? vector : "(null)");
    if (rc == TSN_EINVALID)
        CHECK(strstr(tsn_error_last()->message, why) != NULL,
              "%s: '%s' in '%s'", vector ? vector : "(null)", why,
              tsn_error_last()->message);
    tsn_error_clear();
}

static void version_names(void)
{
    CHECK_STR(tsn_cvss_version_name(TSN_CVSS_V2), "2.0", "v2");
    CHECK_STR(tsn_cvss_version_name(TSN_CVSS_V30), "3.0", "v3.0");
    CHECK_STR(tsn_cvss_version_name(TSN_CVSS_V31), "3.1", "v3.1");
    CHECK_STR(tsn_cvss_version_name(TSN_CVSS_V40), "4.0", "v4.0");
}

int main(void)
{
    version_names();
    /* the CVSS v2 guide, section 3.3: its three examples, base, temporal
     * and environmental (the adjusted base and temporal scores rounded as
     * the equations they recompute round them) */
    expect("AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/"
           "AR:H",
           7.8, 6.4, 9.2, 9.2, "HIGH");
    expect("AV:N/AC:L/Au:N/C:C/I:C/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/"
           "AR:L",
           10.0, 8.3, 9.0, 9.0, "HIGH");
    expect("AV:L/AC:H/Au:N/C:C/I:C/A:C/E:POC/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/"
           "AR:M",
           6.2, 4.9, 7.5, 7.5, "HIGH");
    /* v2 as NVD rates it: no Critical; a low adjusted impact is 0, not
     * below */
    expect("AV:N/AC:M/Au:N/C:C/I:C/A:C", 9.3, 9.3, -1, 9.3, "HIGH");
    expect("AV:L/AC:H/Au:M/C:N/I:N/A:P/RL:W/TD:M/IR:L/AR:L", 0.8, 0.8, 0.0, 0.0,
           "LOW");

    /* v3.1: Log4Shell, a changed scope, and nothing hit */
    expect("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, 10.0, 10.0,
           10.0, "CRITICAL");
    expect("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, 9.8, 9.8, 9.8,
           "CRITICAL");
    expect("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N", 0.0, 0.0, 0.0, 0.0,
           "NONE");
    /* temporal and environmental metrics, in any order */
    expect("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L/E:U/RL:O/RC:R", 5.6,
           4.7, -1, 4.7, "MEDIUM");
    expect("CVSS:3.1/C:L/I:L/A:L/AV:N/AC:H/PR:N/UI:N/S:U", 5.6, 5.6, 5.6, 5.6,
           "MEDIUM");
    /* 3.0 and 3.1 differ in the modified impact of a changed scope */
    expect("CVSS:3.0/AV:P/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:H/E:X/RC:R/IR:M/AR:H/"
           "MS:C/MI:H/MA:X",
           5.0, 4.8, 6.7, 6.7, "MEDIUM");
    expect("CVSS:3.1/AV:P/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:H/E:X/RC:R/IR:M/AR:H/"
           "MS:C/MI:H/MA:X",
           5.0, 4.8, 6.8, 6.8, "MEDIUM");
    tsn_cvss_scores s;
    CHECK(tsn_cvss_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", &s) ==
                  0 &&
              fabs(s.impact - 5.9) < 1e-9 &&
              fabs(s.exploitability - 3.9) < 1e-9,
          "v3.1 subscores 5.9 and 3.9: %.1f %.1f", s.impact, s.exploitability);
    CHECK(tsn_cvss_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X",
                         &s) == 0 &&
              s.given == 0,
          "X is not a temporal metric given: %u", s.given);

    /* v4.0: FIRST's examples; CVSS-B beside the score of the whole
     * vector */
    expect("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
           9.3, -1, -1, 9.3, "CRITICAL");
    expect("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/"
           "E:U",
           9.3, -1, -1, 8.1, "HIGH");
    expect("CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N",
           0.0, -1, -1, 0.0, "NONE");
    expect("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/"
           "MSI:S",
           0.0, -1, -1, 8.9, "HIGH");
    CHECK(tsn_cvss_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/"
                         "SC:N/SI:N/SA:N/E:A/CR:L/AU:Y/U:Red",
                         &s) == 0 &&
              s.given == (TSN_CVSS_TEMPORAL | TSN_CVSS_ENVIRONMENTAL |
                          TSN_CVSS_SUPPLEMENTAL),
          "v4 threat, environmental and supplemental given: %u", s.given);

    /* a metric's value as written; ratings by version */
    char v[8];
    CHECK(tsn_cvss_metric("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P",
                          "E", v, sizeof v) == 1 &&
              strcmp(v, "P") == 0,
          "E of a v3.1 vector: %s", v);
    CHECK(tsn_cvss_metric("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "RL",
                          v, sizeof v) == 0 &&
              *v == '\0',
          "RL not given: '%s'", v);
    CHECK(tsn_cvss_metric("AV:N/AC:L/Au:N/C:P/I:P/A:P/E:POC", "E", v,
                          sizeof v) == 1 &&
              strcmp(v, "POC") == 0,
          "v2 E:POC: %s", v);
    CHECK(tsn_cvss_metric("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/"
                          "SC:N/SI:N/SA:N/U:Amber",
                          "U", v, 3) == TSN_ETOOBIG,
          "a value longer than the buffer");
    tsn_error_clear();
    CHECK(tsn_cvss_metric("CVSS:3.1/AV:N", "AV", v, sizeof v) == TSN_EINVALID,
          "the metric of a vector that is not one");
    tsn_error_clear();
    CHECK(tsn_cvss_rating_of(TSN_CVSS_V2, 0) == TSN_CVSS_LOW &&
              tsn_cvss_rating_of(TSN_CVSS_V2, 9.5) == TSN_CVSS_HIGH &&
              tsn_cvss_rating_of(TSN_CVSS_V31, 0) == TSN_CVSS_NONE &&
              tsn_cvss_rating_of(TSN_CVSS_V31, 3.9) == TSN_CVSS_LOW &&
              tsn_cvss_rating_of(TSN_CVSS_V40, 9.0) == TSN_CVSS_CRITICAL,
          "ratings: v2 as NVD rates, v3/v4 by FIRST's table");

    /* not vectors */
    refused(NULL, "empty");
    refused("", "empty");
    refused("CVSS:3.1/", "no metrics");
    refused("CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            "not a CVSS version");
    refused("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", "A is missing");
    refused("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:L",
            "A given twice");
    refused("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", "ends with '/'");
    refused("CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            "AV:Q is not a value of AV");
    refused("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:Y",
            "unknown metric 'XX'");
    refused("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E", "E has no value");
    refused("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:", "E: is not");
    refused("AV:N/AC:L/Au:N/C:P/I:P", "A is missing");
    refused("(AV:N/AC:L/Au:N/C:P/I:P/A:P)", "unknown metric '(AV'");
    refused("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/"
            "MSC:S",
            "MSC:S is not a value");
    char big[700];
    memset(big, 'A', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    refused(big, "longer than");
    return th_finish("cvss");
}
