/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Version-ordering conformance: every line of the osv-scalibr fixtures
 * (versions/osv-scalibr/ *.txt, "A < B", "A = B", "A > B") and every
 * comparison and equality case of the vers-spec *_version_cmp_test.json
 * files. Pass counts are printed per file.
 */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include "tsunagi/errors.h"
#include "tsunagi/version.h"

/*
 * Lines where tsunagi deliberately differs, each explained in
 * docs/conformance.md: malformed apk versions ordered as apk-tools 3
 * does, "ga" inside a list as Debian's Maven 3.8.7 orders it (the
 * fixture follows Maven 3.9).
 */
static const char *const deviations[] = {
    "alpine-versions.txt:1-r = 1-r0",
    "alpine-versions.txt:0..1..0 < 0..1..1",
    "alpine-versions.txt:0...1...0 < 0...1...1",
    "alpine-versions.txt:0...1...0.r1 < 0...1...0.r2",
    "alpine-versions.txt:0...1...0r1 < 0...1...0r2",
    "alpine-versions.txt:0..8 > 0...8",
    "alpine-versions.txt:0.8.21.r2 > 0.8.21.r1",
    "alpine-versions.txt:1-r0-1 = 1-r-2",
    "alpine-versions.txt:.2 > .1",
    "alpine-versions.txt:a < b",
    "alpine-versions.txt:c > b",
    "maven-versions.txt:1-1 = 1-ga-1",
    /* generated with a maven-artifact that does not read a trailing
     * ".X" or ".X1" as "-X" / "-X-1" as Debian's Maven 3.8.7 does */
    "maven-versions-generated.txt:1.0.0-RC16 < 1.0.0.RC8-beta",
    "maven-versions-generated.txt:1.0.0-gradle-rework-beta3 < 1.0.0.RC7-3",
    "maven-versions-generated.txt:2.9.0-1 < 2.9.0.RC1",
    "maven-versions-generated.txt:6.1.12.rc5 < 6.1.12rc1",
    "maven-versions-generated.txt:1.1.31.sec10 < 1.1.31_noneautotype",
    "maven-versions-generated.txt:1.1.34.sec10 < 1.1.34_noneautotype",
    "maven-versions-generated.txt:1.1.46.sec10 < 1.1.46_noneautotype",
    "maven-versions-generated.txt:1.2.8.sec10_noneautotype < "
    "1.2.8_noneautotype",
    "maven-versions-generated.txt:1.2.31.sec10 < 1.2.31_noneautotype",
    "maven-versions-generated.txt:1.2.48.sec10 < 1.2.48_noneautotype",
    "maven-versions-generated.txt:1.2.50.sec10 < 1.2.50_noneautotype",
    "maven-versions-generated.txt:1.2.54.sec10 < 1.2.54_noneautotype",
    "maven-versions-generated.txt:1.2.57.sec10 < 1.2.57_noneautotype",
    "maven-versions-generated.txt:1.2.60.sec10 < 1.2.60_noneautotype",
    "maven-versions-generated.txt:1.2.67.sec10 < 1.2.67_noneautotype",
    "maven-versions-generated.txt:1.0.0rc0 < 1.0.beta8",
    "maven-versions-generated.txt:1.5.9.RC1 < 1.5.9-RC0",
    "maven-versions-generated.txt:1.1.0-01-glassfish < 1.1.0.Beta1",
    "maven_version_cmp_test.json#170",
    "maven_version_cmp_test.json#171",
    "maven_version_cmp_test.json#193",
    "maven_version_cmp_test.json#470",
    "maven_version_cmp_test.json#471",
    "maven_version_cmp_test.json#493",
};
static int n_deviations, n_refused;

static bool is_deviation(const char *file, const char *line)
{
    char key[4200];
    if (line)
        snprintf(key, sizeof key, "%s:%s", file, line);
    else
        snprintf(key, sizeof key, "%s", file);
    for (size_t i = 0; i < sizeof deviations / sizeof *deviations; i++)
        if (strcmp(deviations[i], key) == 0)
            return true;
    return false;
}

/*
 * refuse: the fixture holds versions the scheme's reference
 * implementation refuses (packaging >= 22 has no LegacyVersion;
 * Gem::Version raises "Malformed version number string"); tsunagi
 * refuses them too, and the differential tests check that the reference
 * refuses every version tsunagi refuses.
 */
static const struct {
    const char *file;
    tsn_vscheme scheme;
    bool refuse;
} scalibr[] = {
    {"alpine-versions.txt", TSN_VS_APK, false},
    {"alpine-versions-generated.txt", TSN_VS_APK, false},
    {"cran-versions.txt", TSN_VS_CRAN, false},
    {"cran-versions-generated.txt", TSN_VS_CRAN, false},
    {"debian-versions.txt", TSN_VS_DEB, false},
    {"debian-versions-generated.txt", TSN_VS_DEB, false},
    {"hackage-versions.txt", TSN_VS_HACKAGE, false},
    {"maven-versions.txt", TSN_VS_MAVEN, false},
    {"maven-versions-generated.txt", TSN_VS_MAVEN, false},
    {"nuget-versions.txt", TSN_VS_NUGET, false},
    {"packagist-versions.txt", TSN_VS_COMPOSER, false},
    {"packagist-versions-generated.txt", TSN_VS_COMPOSER, false},
    {"pub-versions.txt", TSN_VS_PUB, false},
    {"pypi-versions.txt", TSN_VS_PYPI, true},
    {"pypi-versions-generated.txt", TSN_VS_PYPI, true},
    {"redhat-versions.txt", TSN_VS_RPM, false},
    {"rubygems-versions.txt", TSN_VS_GEM, true},
    {"rubygems-versions-generated.txt", TSN_VS_GEM, true},
    {"semver-versions.txt", TSN_VS_SEMVER, false},
};

static const char *sym(int c)
{
    return c < 0 ? "<" : c > 0 ? ">" : "=";
}

/* One "A op B" line; returns 1 pass, 0 fail, -1 not a case, 2 refused
 * or a documented deviation. */
static int scalibr_line(tsn_vscheme scheme,
                        bool refuse,
                        const char *file,
                        char *line,
                        const char *where)
{
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    if (n == 0 || line[0] == '#' || (line[0] == '/' && line[1] == '/'))
        return -1;
    /* the operator is the last " < ", " = " or " > " */
    char *op = NULL;
    for (char *p = line; (p = strchr(p, ' ')) != NULL; p++)
        if ((p[1] == '<' || p[1] == '=' || p[1] == '>') && p[2] == ' ')
            op = p;
    if (!op) {
        CHECK(false, "%s: no operator in '%s'", where, line);
        return 0;
    }
    char want = op[1];
    bool deviation = is_deviation(file, line);
    *op = '\0';
    const char *a = line, *b = op + 3;
    int c = 0;
    if (tsn_version_compare(scheme, a, b, &c) < 0) {
        if (refuse) {
            n_refused++;
            return 2;
        }
        CHECK(false, "%s: %s", where, tsn_error_last()->message);
        return 0;
    }
    bool ok = (want == '<' && c < 0) || (want == '=' && c == 0) ||
              (want == '>' && c > 0);
    if (deviation) {
        CHECK(!ok, "%s: documented deviation now holds: %s", where, line);
        n_deviations++;
        return 2;
    }
    CHECK(ok, "%s: %s %c %s, got %s", where, a, want, b, sym(c));
    return ok;
}

static void run_scalibr(void)
{
    for (size_t f = 0; f < sizeof scalibr / sizeof *scalibr; f++) {
        char rel[256];
        snprintf(rel, sizeof rel, "versions/osv-scalibr/%s", scalibr[f].file);
        const char *path = th_shared(rel);
        FILE *fp = path ? fopen(path, "r") : NULL;
        if (!fp) {
            CHECK(false, "cannot open %s", rel);
            continue;
        }
        char line[4096];
        int pass = 0, total = 0, other = 0, lineno = 0;
        while (fgets(line, sizeof line, fp)) {
            char where[300];
            snprintf(where, sizeof where, "%s:%d", scalibr[f].file, ++lineno);
            int r = scalibr_line(scalibr[f].scheme, scalibr[f].refuse,
                                 scalibr[f].file, line, where);
            if (r < 0)
                continue;
            total++;
            if (r == 2)
                other++;
            else
                pass += r;
        }
        fclose(fp);
        printf("scalibr %-34s %-9s %6d/%d", scalibr[f].file,
               tsn_vscheme_name(scalibr[f].scheme), pass, total);
        if (other)
            printf("  (%d refused or deviating)", other);
        printf("\n");
    }
}

static const struct {
    const char *file;
    tsn_vscheme scheme;
} vers[] = {
    {"alpine_version_cmp_test.json", TSN_VS_APK},
    {"alpm_version_cmp_test.json", TSN_VS_ALPM},
    {"conan_version_cmp_test.json", TSN_VS_CONAN},
    {"datetime_version_cmp_test.json", TSN_VS_DATETIME},
    {"gentoo_version_cmp_test.json", TSN_VS_GENTOO},
    {"lexicographic-test.json", TSN_VS_LEXICOGRAPHIC},
    {"maven_version_cmp_test.json", TSN_VS_MAVEN},
    {"nuget_version_cmp_test.json", TSN_VS_NUGET},
    {"openssl_version_cmp_test.json", TSN_VS_OPENSSL},
};

static void run_vers(void)
{
    for (size_t f = 0; f < sizeof vers / sizeof *vers; f++) {
        char rel[256];
        snprintf(rel, sizeof rel, "versions/vers-spec/%s", vers[f].file);
        const char *path = th_shared(rel);
        if (!path) {
            CHECK(false, "missing %s", rel);
            continue;
        }
        tsnu_arena arena = {0};
        tsnu_json *doc = th_load_json(&arena, path);
        const tsnu_json *tests = tsnu_json_get(doc, "tests");
        int pass = 0, total = 0;
        for (size_t i = 0; tests && i < tests->len; i++) {
            const tsnu_json *t = &tests->u.items[i];
            const char *type = tsnu_json_get_str(t, "test_type");
            const tsnu_json *in = tsnu_json_get(t, "input");
            const tsnu_json *vs = tsnu_json_get(in, "versions");
            const tsnu_json *exp = tsnu_json_get(t, "expected_output");
            if (!type || !vs || vs->len < 2 || !exp)
                continue;
            if (vs->len > 2) {
                /* a sorted list: each neighbour pair in ascending order */
                char where[300];
                snprintf(where, sizeof where, "%s#%zu", vers[f].file, i);
                total++;
                bool ok = exp->type == TSNU_JSON_ARRAY && exp->len == vs->len;
                for (size_t k = 0; ok && k + 1 < exp->len; k++) {
                    int c = 0;
                    ok = tsn_version_compare(
                             vers[f].scheme, exp->u.items[k].u.str,
                             exp->u.items[k + 1].u.str, &c) == 0 &&
                         c < 0;
                }
                CHECK(ok, "%s: the expected order does not hold", where);
                pass += ok;
                continue;
            }
            const char *a = vs->u.items[0].u.str, *b = vs->u.items[1].u.str;
            char where[300];
            snprintf(where, sizeof where, "%s#%zu", vers[f].file, i);
            total++;
            int c = 0;
            if (tsn_version_compare(vers[f].scheme, a, b, &c) < 0) {
                CHECK(false, "%s: %s", where, tsn_error_last()->message);
                continue;
            }
            bool ok;
            if (is_deviation(where, NULL)) {
                n_deviations++;
                continue;
            }
            if (strcmp(type, "equality") == 0) {
                ok = (c == 0) == (exp->type == TSNU_JSON_TRUE);
                CHECK(ok, "%s: %s vs %s equal=%d, got %s", where, a, b,
                      exp->type == TSNU_JSON_TRUE, sym(c));
            } else {
                /* expected_output is the pair sorted ascending */
                const char *lo = exp->u.items[0].u.str;
                /* NuGet's expected lists are normalised to lower case */
                int want = strcmp(lo, a) == 0   ? -1
                           : strcmp(lo, b) == 0 ? 1
                           : tsnu_strieq(lo, a) ? -1
                                                : 1;
                if (strcmp(a, b) == 0)
                    want = 0;
                ok = c == want;
                CHECK(ok, "%s: expected %s first of (%s, %s), got %s", where,
                      lo, a, b, sym(c));
            }
            pass += ok;
        }
        tsnu_arena_dispose(&arena);
        printf("vers-spec %-32s %-9s %6d/%d\n", vers[f].file,
               tsn_vscheme_name(vers[f].scheme), pass, total);
    }
}

int main(int argc, char **argv)
{
    th_verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
    if (!th_shared("versions/osv-scalibr"))
        return TH_SKIP;
    run_scalibr();
    run_vers();
    printf("documented deviations: %d lines; refused as the reference "
           "implementation does: %d lines\n",
           n_deviations, n_refused);
    return th_finish("versions");
}
