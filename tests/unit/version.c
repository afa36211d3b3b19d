/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Version module: limits at N-1, N and N+1, bad input with reasons,
 * scheme and ecosystem lookups, and the heap form against the
 * allocation-free compare.
 */
#include "harness.h"

#include <string.h>

#include "tsunagi/errors.h"
#include "tsunagi/limits.h"
#include "tsunagi/version.h"

static int check(tsn_vscheme s, const char *v)
{
    tsn_error_clear();
    return tsn_version_check(s, v);
}

static void limits(void)
{
    char buf[TSN_LIMIT_VERSION_BYTES + 2];
    /* bytes: "1" followed by zeros, N-1, N, N+1 */
    for (int n = TSN_LIMIT_VERSION_BYTES - 1; n <= TSN_LIMIT_VERSION_BYTES + 1;
         n++) {
        memset(buf, '0', (size_t)n);
        buf[0] = '1';
        buf[n] = '\0';
        int rc = check(TSN_VS_DEB, buf);
        CHECK(n <= TSN_LIMIT_VERSION_BYTES ? rc == 0 : rc == TSN_ETOOBIG,
              "deb version of %d bytes: rc %d", n, rc);
    }
    /* parts: generic "1.1.1..." with k numbers */
    for (int k = TSN_LIMIT_VERSION_PARTS - 1; k <= TSN_LIMIT_VERSION_PARTS + 1;
         k++) {
        size_t p = 0;
        for (int i = 0; i < k; i++) {
            if (i)
                buf[p++] = '.';
            buf[p++] = '1';
        }
        buf[p] = '\0';
        int rc = check(TSN_VS_GENERIC, buf);
        CHECK(k <= TSN_LIMIT_VERSION_PARTS ? rc == 0 : rc == TSN_ETOOBIG,
              "generic version of %d parts: rc %d", k, rc);
        rc = check(TSN_VS_MAVEN, buf);
        CHECK(k <= TSN_LIMIT_VERSION_PARTS ? rc == 0 : rc == TSN_ETOOBIG,
              "maven version of %d parts: rc %d", k, rc);
    }
}

static void bad_input(void)
{
    static const struct {
        tsn_vscheme s;
        const char *v, *why;
    } cases[] = {
        {TSN_VS_DEB, "", "empty"},
        {TSN_VS_DEB, "1:", "nothing after the epoch"},
        {TSN_VS_DEB, "1.0-", "revision is empty"},
        {TSN_VS_DEB, "a1", "does not start with a digit"},
        {TSN_VS_DEB, "1 0", "white space"},
        {TSN_VS_RPM, "0:", "version part is empty"},
        {TSN_VS_PYPI, "1.0+", "empty local version segment"},
        {TSN_VS_NPM, "01.0.0", "leading zero"},
        {TSN_VS_NPM, "9007199254740992.0.0", "larger than 2^53-1"},
        {TSN_VS_SEMVER, "1.2.3-", "empty identifier"},
        {TSN_VS_GOLANG, "go1.21xx1", "alpha, beta or rc"},
        {TSN_VS_GEM, "1..2", "not a RubyGems version"},
        {TSN_VS_COMPOSER, "1..2", "empty part"},
        {TSN_VS_COMPOSER, "1.0-", "ends with a separator"},
        {TSN_VS_ALPM, "-1", "start with a letter or digit"},
        {TSN_VS_MAVEN, "1.0\xc3\xa9", "non-ASCII"},
        {TSN_VS_GENTOO, "1.0_foo", "unknown suffix"},
        {TSN_VS_APK, "1-r-0", "not digits"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int rc = check(cases[i].s, cases[i].v);
        const char *msg = tsn_error_last()->message;
        CHECK(rc == TSN_EINVALID && strstr(msg, cases[i].why),
              "%s '%s': rc %d, message '%s'", tsn_vscheme_name(cases[i].s),
              cases[i].v, rc, msg);
    }
    int c = 7;
    CHECK(tsn_version_compare(TSN_VS_PYPI, "1.0", "x", &c) == TSN_EINVALID &&
              c == 7,
          "an invalid version leaves the result untouched");
    CHECK(tsn_version_compare(TSN_VS_UNKNOWN, "1", "1", &c) == TSN_EUSAGE,
          "unknown scheme is a usage error");
}

static void lookups(void)
{
    CHECK(tsn_vscheme_for_ecosystem("Debian:12") == TSN_VS_DEB, "Debian:12");
    CHECK(tsn_vscheme_for_ecosystem("Ubuntu:22.04:LTS") == TSN_VS_DEB,
          "Ubuntu:22.04:LTS");
    CHECK(tsn_vscheme_for_ecosystem("Alpine:v3.19") == TSN_VS_APK, "Alpine");
    CHECK(tsn_vscheme_for_ecosystem("Red Hat:rhel_aus:8.4::appstream") ==
              TSN_VS_RPM,
          "Red Hat");
    CHECK(tsn_vscheme_for_ecosystem("Root:PyPI") == TSN_VS_PYPI, "Root:PyPI");
    CHECK(tsn_vscheme_for_ecosystem("Debianish") == TSN_VS_UNKNOWN,
          "prefix of a name is not a match");
    CHECK(tsn_vscheme_for_purl_type("ebuild") == TSN_VS_GENTOO, "ebuild");
    CHECK(tsn_vscheme_lookup("debian") == TSN_VS_DEB, "alias debian");
    for (int s = 1; s < TSN_VS__COUNT; s++)
        CHECK((int)tsn_vscheme_lookup(tsn_vscheme_name((tsn_vscheme)s)) == s,
              "name round trip %d", s);
}

static void heap_form(void)
{
    tsn_ver *a = NULL, *b = NULL;
    CHECK(tsn_version_parse(&a, TSN_VS_DEB, "1:2.0-1") == 0, "parse a");
    CHECK(tsn_version_parse(&b, TSN_VS_DEB, "2.0-1") == 0, "parse b");
    CHECK(a && b && tsn_version_cmp(a, b) > 0, "epoch wins");
    CHECK(a && strcmp(tsn_version_text(a), "1:2.0-1") == 0, "text kept");
    CHECK(a && tsn_version_scheme(a) == TSN_VS_DEB, "scheme kept");
    tsn_version_free(a);
    tsn_version_free(b);
    a = (tsn_ver *)1;
    CHECK(tsn_version_parse(&a, TSN_VS_NPM, "x") == TSN_EINVALID && !a,
          "failed parse sets NULL");
}

int main(int argc, char **argv)
{
    th_verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
    limits();
    bad_input();
    lookups();
    heap_form();
    return th_finish("version");
}
