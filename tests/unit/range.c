/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Ranges: the OSV evaluation algorithm (order, several pairs,
 * last_affected, limit, "0"), NVD bounds, each native syntax's meaning
 * at its edges, pre-release rules, vers, limits at N and N+1, and bad
 * input refused with a reason.
 */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include "tsunagi/errors.h"
#include "tsunagi/limits.h"
#include "tsunagi/range.h"

/* "v1 v2 ..." each prefixed '+' (in) or '-' (out) */
static void
expect(tsn_vscheme s, const char *range, unsigned flags, const char *cases)
{
    tsn_range *r = NULL;
    int rc = tsn_range_parse(&r, s, range, TSN_RANGE_AUTO, flags);
    CHECK(rc == 0, "%s range '%s' compiles: %s", tsn_vscheme_name(s), range,
          rc ? tsn_error_last()->message : "");
    if (rc)
        return;
    char *copy = strdup(cases), *save = NULL;
    for (char *t = strtok_r(copy, " ", &save); t;
         t = strtok_r(NULL, " ", &save)) {
        bool want = t[0] == '+', in = false;
        rc = tsn_range_contains(r, t + 1, &in);
        CHECK(rc == 0 && in == want, "%s '%s' %s %s (rc %d)",
              tsn_vscheme_name(s), range, want ? "holds" : "excludes", t + 1,
              rc);
    }
    free(copy);
    tsn_range_free(r);
}

static void refuse(tsn_vscheme s, const char *range, const char *why)
{
    tsn_range *r = NULL;
    tsn_error_clear();
    int rc = tsn_range_parse(&r, s, range, TSN_RANGE_AUTO, 0);
    CHECK(rc == TSN_EINVALID && r == NULL &&
              strstr(tsn_error_last()->message, why),
          "%s '%s' refused with '%s': rc %d, %s", tsn_vscheme_name(s), range,
          why, rc, tsn_error_last()->message);
}

static void osv(void)
{
    /* events in any order; several introduced/fixed pairs */
    expect(TSN_VS_PYPI, "fixed:2.0,introduced:1.0,introduced:3.0,fixed:3.5", 0,
           "-0.9 +1.0 +1.9.9 -2.0 -2.5 +3.0 +3.4 -3.5 -4");
    expect(TSN_VS_PYPI, "introduced:0,last_affected:1.2", 0,
           "+0.0.1 +1.2 -1.2.post1 -1.3");
    expect(TSN_VS_PYPI, "introduced:0", 0, "+0 +99");
    /* limit cuts the range; "*" does not */
    expect(TSN_VS_SEMVER, "introduced:1.0.0,limit:2.0.0", 0,
           "-0.9.0 +1.0.0 +1.9.9 -2.0.0 -3.0.0");
    expect(TSN_VS_SEMVER, "introduced:1.0.0,limit:*", 0, "+1.0.0 +9.0.0");
    /* Debian epochs and RPM tilde inside OSV ranges */
    expect(TSN_VS_DEB, "introduced:0,fixed:1:1.0-1", 0,
           "+2.0-1 +1:0.9-1 -1:1.0-1 -2:0.1");
    expect(TSN_VS_RPM, "introduced:1.0,fixed:1.2~rc1", 0,
           "+1.1 -1.2~rc1 -1.2 +1.2~beta");
    /* JSON: an affected object joins ranges and versions */
    expect(TSN_VS_PYPI,
           "{\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":"
           "\"1.0\"},{\"fixed\":\"1.1\"}]}],\"versions\":[\"0.5\"]}",
           0, "+0.5 -0.6 +1.0 -1.1");
    refuse(TSN_VS_GOLANG,
           "{\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":"
           "\"0\"}]},{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":"
           "\"0\"}]}]}",
           "compile them separately");
    /* the text form takes as many events as the limit allows */
    {
        char txt[2048];
        size_t p = (size_t)sprintf(txt, "introduced:0");
        for (int i = 1; i <= 100; i++)
            p += (size_t)sprintf(txt + p, ",%s:%d",
                                 i % 2 ? "fixed" : "introduced", i);
        expect(TSN_VS_PYPI, txt, 0, "+0.5 -1.5 +2.5 -99.5 +100");
    }
    refuse(TSN_VS_PYPI, "fixed:1.0", "without an introduced");
    refuse(TSN_VS_PYPI, "introduced:0,fixed:1,last_affected:2",
           "both fixed and last_affected");
    refuse(TSN_VS_PYPI, "introduced:0,fixed:2019-09-12", "not a PEP 440");
    refuse(TSN_VS_PYPI, "[{\"introduced\": 1}]", "one string member");
    refuse(TSN_VS_PYPI, "{\"ranges\":[{\"type\":\"GIT\",\"events\":[]}]}",
           "not version ranges");

    /* the API form */
    tsn_osv_event ev[] = {{TSN_OSV_INTRODUCED, "1.0"}, {TSN_OSV_FIXED, "1.5"}};
    tsn_range *r = NULL;
    bool in = true;
    CHECK(tsn_range_from_osv(&r, TSN_VS_MAVEN, ev, 2) == 0, "from_osv");
    CHECK(tsn_range_contains(r, "1.5-SNAPSHOT", &in) == 0 && in,
          "maven 1.5-SNAPSHOT < 1.5 is affected");
    tsn_range_free(r);
}

static void nvd(void)
{
    tsn_nvd_bounds b = {"*", "2.0", NULL, NULL, "2.4.1"};
    tsn_range *r = NULL;
    bool in;
    CHECK(tsn_range_from_nvd(&r, TSN_VS_GENERIC, &b) == 0, "nvd compiles");
    const char *ins[] = {"2.0", "2.4.0", "2.4.0a"}, *outs[] = {"1.9", "2.4.1"};
    for (size_t i = 0; i < 3; i++)
        CHECK(tsn_range_contains(r, ins[i], &in) == 0 && in, "nvd holds %s",
              ins[i]);
    for (size_t i = 0; i < 2; i++)
        CHECK(tsn_range_contains(r, outs[i], &in) == 0 && !in,
              "nvd excludes %s", outs[i]);
    tsn_range_free(r);
    tsn_nvd_bounds e = {"1.2.3", NULL, NULL, NULL, NULL};
    CHECK(tsn_range_from_nvd(&r, TSN_VS_GENERIC, &e) == 0 &&
              tsn_range_contains(r, "1.2.3", &in) == 0 && in &&
              tsn_range_contains(r, "1.2.4", &in) == 0 && !in,
          "nvd exact version");
    tsn_range_free(r);
}

static void native(void)
{
    /* node-semver */
    expect(TSN_VS_NPM, "^1.2.3", 0,
           "+1.2.3 +1.9.0 -2.0.0 -2.0.0-0 -1.3.0-beta");
    expect(TSN_VS_NPM, "^1.2.3-beta.2", 0,
           "+1.2.3-beta.2 +1.2.3-beta.10 -1.2.4-beta -1.2.3-alpha");
    expect(TSN_VS_NPM, "^1.2.3", TSN_RANGE_INCLUDE_PRERELEASE,
           "+1.3.0-beta -2.0.0-0");
    expect(TSN_VS_NPM, "^0.0.3", 0, "+0.0.3 -0.0.4");
    expect(TSN_VS_NPM, "~1.2 || >=3 <3.1 || 5.x", 0,
           "+1.2.0 +1.2.99 -1.3.0 +3.0.5 -3.1.0 +5.9.9 -6.0.0");
    expect(TSN_VS_NPM, "<=1.2", 0, "+1.2.9 -1.3.0");
    expect(TSN_VS_NPM, ">1", 0, "-1.9.9 +2.0.0");
    expect(TSN_VS_NPM, "1.2 - 2.3", 0, "+1.2.0 +2.3.9 -2.4.0");
    expect(TSN_VS_NPM, "*", 0, "+0.0.0 -1.0.0-beta");
    refuse(TSN_VS_NPM, ">=1.2.3 || <x.1.y", "invalid comparator");
    refuse(TSN_VS_NPM, ">= ", "operator without a version");
    /* node-semver 7.8: includePrerelease lowers a tilde, caret or x-range
     * bound to "-0", but not the bound of a full version */
    expect(TSN_VS_NPM, "~1.2", TSN_RANGE_INCLUDE_PRERELEASE,
           "+1.2.0-alpha -1.3.0-0");
    expect(TSN_VS_NPM, "^0.0.5", TSN_RANGE_INCLUDE_PRERELEASE,
           "-0.0.5-0 +0.0.5 -0.0.6-0");
    expect(TSN_VS_NPM, "1.0.0 - 1.2.3", TSN_RANGE_INCLUDE_PRERELEASE,
           "+1.0.0-0 +1.2.3-beta -1.2.4-0 -1.2.4");
    /* what node-semver reads as written: no number after an x, nothing
     * but "v" before a full version; tilde and caret are rebuilt */
    refuse(TSN_VS_NPM, "1.x.2", "a number after an x");
    refuse(TSN_VS_NPM, ">=x.1", "a number after an x");
    refuse(TSN_VS_NPM, "==1.2.3", "only 'v' may precede");
    refuse(TSN_VS_NPM, "v=1.2.3", "only 'v' may precede");
    refuse(TSN_VS_NPM, "=1.2.3 - 2", "only 'v' may precede");
    expect(TSN_VS_NPM, "~1.x.2 || ==1.x || v1.2.3", 0, "+1.5.0 +1.2.3 -2.0.0");
    /* an operator apart from its version joins it */
    expect(TSN_VS_NPM, "< =1.2.3", 0, "+1.2.3 -1.2.4");
    expect(TSN_VS_NPM, "~ >1.2.3", 0, "+1.2.9 -1.3.0");
    /* build metadata goes first, wherever it stands */
    expect(TSN_VS_NPM, "0.101+build.5 >=0.101.2+x+y", 0, "-0.101.1 +0.101.2");
    refuse(TSN_VS_NPM, "1.2.3+.1", "invalid comparator");
    refuse(TSN_VS_NPM, "1.2.3-rc.", "invalid comparator");
    refuse(TSN_VS_NPM, "1.2.3-01", "invalid comparator");
    /* an alternative that is "any" makes the whole range "any", and
     * ">=0.0.0" is dropped, as node-semver does */
    expect(TSN_VS_NPM, ">=1.1.1-1 || x", 0, "-1.1.1-1 +1.1.1");
    expect(TSN_VS_NPM, "= 0 <=0.0.0-alpha", 0, "+0.0.0-alpha -0.0.0-beta");
    expect(TSN_VS_NPM, ">=v0.0.0 <=0.0.0-alpha", 0, "-0.0.0-alpha");
    /* cargo */
    expect(TSN_VS_CARGO, "1.2.3", 0, "+1.2.3 +1.9.0 -2.0.0");
    expect(TSN_VS_CARGO, "~1.2.3, <1.2.9", 0, "+1.2.8 -1.2.9 -1.3.0");
    expect(TSN_VS_CARGO, "1.2.*", 0, "+1.2.0 +1.2.7 -1.3.0");
    expect(TSN_VS_CARGO, ">=1.0.0-alpha", 0, "+1.0.0-beta -1.1.0-beta +1.1.0");
    refuse(TSN_VS_CARGO, "~> 1.2", "not a Cargo operator");
    /* PEP 440 */
    expect(TSN_VS_PYPI, ">=1.0,<2.0", 0, "+1.0 +1.9.9 -2.0 -1.5rc1 -2.0a1");
    expect(TSN_VS_PYPI, ">=1.0,<2.0", TSN_RANGE_INCLUDE_PRERELEASE,
           "+1.5rc1 -2.0a1");
    expect(TSN_VS_PYPI, ">=1.0rc1", 0, "+1.0rc2 +1.0");
    expect(TSN_VS_PYPI, "~=1.4.2", 0, "-1.4.1 +1.4.2 +1.4.99 -1.5");
    expect(TSN_VS_PYPI, "==1.0.*", 0, "+1.0 +1.0.5 +1.0.post1 -1.1 -0.9");
    expect(TSN_VS_PYPI, "!=1.0.*", 0, "-1.0.3 +1.1 +0.9");
    expect(TSN_VS_PYPI, "==1.0", 0, "+1.0 +1.0.0 +1.0+local -1.0.post1");
    expect(TSN_VS_PYPI, ">1.0", 0, "-1.0.post1 -1.0+local +1.0.1");
    expect(TSN_VS_PYPI, "<=2.0", 0, "+2.0+local");
    refuse(TSN_VS_PYPI, ">=1.0.*", "only follows == or !=");
    refuse(TSN_VS_PYPI, "~=1", "at least two release numbers");
    refuse(TSN_VS_PYPI, "1.0", "has no operator");
    refuse(TSN_VS_PYPI, ">=1.0+local", "local version label");
    /* packaging skips empty specifiers; '===' takes any text */
    expect(TSN_VS_PYPI, ", >=1.0,,", 0, "-0.9 +1.0");
    expect(TSN_VS_PYPI, ",", 0, "+0.1 -1.0a1");
    expect(TSN_VS_PYPI, "===1.0.*", 0, "-1.0 -1.0.0");
    /* Maven, NuGet */
    expect(TSN_VS_MAVEN, "(,1.0],[1.2,2.0)", 0,
           "+0.9 +1.0 -1.1 +1.2 +1.9.9 -2.0 +2.0-SNAPSHOT");
    expect(TSN_VS_MAVEN, "[1.5]", 0, "+1.5 +1.5.0 -1.5.1");
    refuse(TSN_VS_MAVEN, "[1.0,2.0", "unclosed");
    refuse(TSN_VS_MAVEN, "(1.0)", "single version needs [v]");
    expect(TSN_VS_NUGET, "1.0", 0, "-0.9 +1.0 +5.0");
    expect(TSN_VS_NUGET, "(1.0,2.0]", 0, "-1.0 +1.5 +2.0 -2.0.1");
    expect(TSN_VS_NUGET, "1.0.*", 0, "+1.0.0 +3.0.0 -0.9.0");
    /* RubyGems: ~> compares the candidate's release */
    expect(TSN_VS_GEM, "~> 2.0.8", 0, "-2.0.7 +2.0.8 +2.0.99 -2.1 -2.1.a");
    expect(TSN_VS_GEM, "~> 2.0, != 2.3.1", 0, "+2.0 +2.9 -2.3.1 -3.0");
    /* Composer */
    expect(TSN_VS_COMPOSER, "^1.2.3", 0, "+1.2.3 +1.9 -2.0.0 -2.0.0-beta");
    expect(TSN_VS_COMPOSER, "~1.2 || 3.0.*", 0, "+1.2 +1.9 -2.0 +3.0.4 -3.1");
    expect(TSN_VS_COMPOSER, "1.0 - 2.0", 0, "+1.0 +2.0.5 -2.1");
    expect(TSN_VS_COMPOSER, ">=1.0, <1.1", 0, "+1.0 -1.1 -1.1.0-beta");
    /* Conan */
    expect(TSN_VS_CONAN, "~2.5", 0, "+2.5 +2.5.9 -2.6 -2.5.1-pre");
    expect(TSN_VS_CONAN, ">1- <2", 0, "+1.5-pre +1.1");
    /* bounds of numbers longer than any machine integer */
    expect(TSN_VS_CONAN, "~1.99999999999999999999999999999999", 0,
           "+1.99999999999999999999999999999999 "
           "+1.99999999999999999999999999999999.5 "
           "-1.100000000000000000000000000000000");
    /* comparators: Go, Hex, Debian */
    expect(TSN_VS_GOLANG, ">= v1.2.0, < v1.4.1 || = v2.0.0+incompatible", 0,
           "-v1.1.9 +v1.2.0 +v1.4.0 -v1.4.1 +v2.0.0+incompatible");
    expect(TSN_VS_HEX, "~> 2.0 and < 2.5 or == 3.0.0", 0,
           "+2.0.0 +2.4.9 -2.5.0 +3.0.0 -3.0.1");
    expect(TSN_VS_DEB, ">= 1:1.2-1, << 1:2.0~rc1", 0,
           "-1.9-1 +1:1.2-1 +1:2.0~beta -1:2.0~rc1 -1:2.0");
    expect(TSN_VS_NGINX, "1.5.0+, 1.4.1+", 0,
           "-1.4.0 +1.4.1 +1.4.99 +1.6.0 -1.3.9");
    refuse(TSN_VS_DEB, ">= 1.0 ||", "empty alternative");
    refuse(TSN_VS_DEB, ">=", "operator without a version");
}

static void vers(void)
{
    expect(TSN_VS_UNKNOWN, "vers:npm/>=1.0.0|<2.0.0|!=1.5.0|3.0.0", 0,
           "+1.0.0 -1.5.0 +1.9.9 -2.0.0 +3.0.0 -3.0.1");
    expect(TSN_VS_UNKNOWN, "vers:pypi/<=1.0|>=2.0", 0, "+0.5 -1.5 +2.0");
    expect(TSN_VS_UNKNOWN, "VERS:npm/ <2.0.0 | >=1.0.0 ", 0,
           "+1.5.0 -2.0.0 -0.5.0");
    refuse(TSN_VS_UNKNOWN, "vers:npm/*|1.0.0", "only constraint");
    refuse(TSN_VS_UNKNOWN, "vers:nope/1.0", "unknown versioning scheme");
    refuse(TSN_VS_PYPI, "vers:npm/1.0.0", "where a pypi range");
    tsn_range *r = NULL;
    CHECK(tsn_range_parse(&r, TSN_VS_UNKNOWN, "vers:npm/<2.0.0|>=1.0.0",
                          TSN_RANGE_VERS_STRICT, 0) == TSN_EINVALID,
          "strict vers refuses unsorted constraints");
    /* round trip: native → vers → vers */
    char *a = NULL, *b = NULL;
    CHECK(tsn_range_parse(&r, TSN_VS_NPM, "^1.2.3 || <0.5", TSN_RANGE_NATIVE,
                          0) == 0 &&
              tsn_range_to_vers(r, &a) == 0,
          "npm to vers");
    tsn_range_free(r);
    CHECK(a && strcmp(a, "vers:npm/<0.5.0|>=1.2.3|<2.0.0") == 0, "vers is %s",
          a ? a : "?");
    CHECK(tsn_range_parse(&r, TSN_VS_UNKNOWN, a, TSN_RANGE_VERS_STRICT, 0) ==
                  0 &&
              tsn_range_to_vers(r, &b) == 0 && strcmp(a, b) == 0,
          "canonical vers parses strictly and prints the same");
    tsn_range_free(r);
    free(a);
    free(b);
    /* a version starting with an operator character is encoded */
    CHECK(tsn_range_parse(&r, TSN_VS_MAVEN, "<1", TSN_RANGE_NATIVE, 0) == 0 &&
              tsn_range_to_vers(r, &a) == 0 &&
              strcmp(a, "vers:maven/%3C1") == 0,
          "maven '<1' prints encoded: %s", a ? a : "?");
    tsn_range_free(r);
    free(a);
}

static void limits(void)
{
    /* "===" text over the version limit */
    {
        char t[TSN_LIMIT_VERSION_BYTES + 8];
        memcpy(t, "===", 3);
        memset(t + 3, 'a', TSN_LIMIT_VERSION_BYTES + 1);
        t[TSN_LIMIT_VERSION_BYTES + 4] = '\0';
        tsn_range *q = NULL;
        CHECK(tsn_range_parse(&q, TSN_VS_PYPI, t, TSN_RANGE_NATIVE, 0) ==
                  TSN_ETOOBIG,
              "'===' text over the limit refused");
    }
    size_t n = TSN_LIMIT_RANGE_BYTES + 1;
    char *big = malloc(n + 1);
    memset(big, ' ', n);
    memcpy(big, ">=1.0", 5);
    big[n] = '\0';
    tsn_range *r = NULL;
    CHECK(tsn_range_parse(&r, TSN_VS_DEB, big, TSN_RANGE_NATIVE, 0) ==
              TSN_ETOOBIG,
          "range of N+1 bytes refused");
    big[n - 1] = '\0';
    CHECK(tsn_range_parse(&r, TSN_VS_DEB, big, TSN_RANGE_NATIVE, 0) == 0,
          "range of N bytes accepted");
    tsn_range_free(r);
    free(big);
    /* terms: "1 || 1 || ..." with N and N+1 alternatives */
    for (int k = TSN_LIMIT_RANGE_TERMS; k <= TSN_LIMIT_RANGE_TERMS + 1; k++) {
        char *s = malloc((size_t)k * 5 + 1);
        size_t p = 0;
        for (int i = 0; i < k; i++)
            p += (size_t)sprintf(s + p, i ? " || 1" : "1");
        int rc = tsn_range_parse(&r, TSN_VS_DEB, s, TSN_RANGE_NATIVE, 0);
        CHECK(k <= TSN_LIMIT_RANGE_TERMS ? rc == 0 : rc == TSN_ETOOBIG,
              "%d terms: rc %d", k, rc);
        tsn_range_free(r);
        r = NULL;
        free(s);
    }
    /* an invalid version is an error, never "not affected" */
    bool in = true;
    CHECK(tsn_range_parse(&r, TSN_VS_NPM, ">=1.0.0", TSN_RANGE_NATIVE, 0) ==
                  0 &&
              tsn_range_contains(r, "1.0", &in) == TSN_EINVALID && !in,
          "invalid version refused");
    tsn_range_free(r);
}

int main(int argc, char **argv)
{
    th_verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
    osv();
    nvd();
    native();
    vers();
    limits();
    return th_finish("range");
}
