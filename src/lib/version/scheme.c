/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The scheme table: names, the OSV ecosystem and purl type mappings, and
 * the parse/compare entry points that dispatch to each scheme.
 */
#include "lib/version/vs.h"

#include <string.h>

#define OPS(n)                                                                 \
    {                                                                          \
        tsn_vs_##n##_parse, tsn_vs_##n##_cmp                                   \
    }

static const struct {
    const char *name;
    struct vscheme_ops ops;
} schemes[TSN_VS__COUNT] = {
    [TSN_VS_GENERIC] = {"generic", OPS(generic)},
    [TSN_VS_SEMVER] = {"semver", OPS(semver)},
    [TSN_VS_NPM] = {"npm", OPS(npm)},
    [TSN_VS_PYPI] = {"pypi", OPS(pypi)},
    [TSN_VS_MAVEN] = {"maven", OPS(maven)},
    [TSN_VS_NUGET] = {"nuget", OPS(nuget)},
    [TSN_VS_GEM] = {"gem", OPS(gem)},
    [TSN_VS_GOLANG] = {"golang", OPS(golang)},
    [TSN_VS_CARGO] = {"cargo", OPS(semver)},
    [TSN_VS_COMPOSER] = {"composer", OPS(composer)},
    [TSN_VS_PUB] = {"pub", OPS(pub)},
    [TSN_VS_HEX] = {"hex", OPS(semver)},
    [TSN_VS_HACKAGE] = {"hackage", OPS(hackage)},
    [TSN_VS_CRAN] = {"cran", OPS(cran)},
    [TSN_VS_DEB] = {"deb", OPS(deb)},
    [TSN_VS_RPM] = {"rpm", OPS(rpm)},
    [TSN_VS_APK] = {"apk", OPS(apk)},
    [TSN_VS_CONAN] = {"conan", OPS(conan)},
    [TSN_VS_GENTOO] = {"gentoo", OPS(gentoo)},
    [TSN_VS_ALPM] = {"alpm", OPS(alpm)},
    [TSN_VS_OPENSSL] = {"openssl", OPS(openssl)},
    [TSN_VS_LEXICOGRAPHIC] = {"lexicographic", OPS(lexicographic)},
    [TSN_VS_NGINX] = {"nginx", OPS(hackage)},
    [TSN_VS_DATETIME] = {"datetime", OPS(datetime)},
};

static const struct {
    const char *alias;
    tsn_vscheme scheme;
} aliases[] = {
    {"debian", TSN_VS_DEB},   {"go", TSN_VS_GOLANG},
    {"pep440", TSN_VS_PYPI},  {"rubygems", TSN_VS_GEM},
    {"crates", TSN_VS_CARGO}, {"packagist", TSN_VS_COMPOSER},
    {"alpine", TSN_VS_APK},   {"node-semver", TSN_VS_NPM},
};

tsn_vscheme tsn_vscheme_lookup(const char *name)
{
    if (!name)
        return TSN_VS_UNKNOWN;
    for (int i = 1; i < TSN_VS__COUNT; i++)
        if (tsnu_strieq(name, schemes[i].name))
            return (tsn_vscheme)i;
    for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
        if (tsnu_strieq(name, aliases[i].alias))
            return aliases[i].scheme;
    return TSN_VS_UNKNOWN;
}

const char *tsn_vscheme_name(tsn_vscheme scheme)
{
    if (scheme <= TSN_VS_UNKNOWN || scheme >= TSN_VS__COUNT)
        return "unknown";
    return schemes[scheme].name;
}

/*
 * OSV ecosystems (osv-schema ecosystems.json). The part before the first
 * ':' names the ecosystem; the rest is a release ("Debian:12",
 * "Ubuntu:22.04:LTS") or, for Root, a nested ecosystem.
 */
static const struct {
    const char *ecosystem;
    tsn_vscheme scheme;
} ecosystems[] = {
    {"AlmaLinux", TSN_VS_RPM},
    {"Alpaquita", TSN_VS_APK},
    {"Alpine", TSN_VS_APK},
    {"Android", TSN_VS_GENERIC},
    {"Azure Linux", TSN_VS_RPM},
    {"BellSoft Hardened Containers", TSN_VS_APK},
    {"Bioconductor", TSN_VS_CRAN},
    {"Bitnami", TSN_VS_SEMVER},
    {"Chainguard", TSN_VS_APK},
    {"CleanStart", TSN_VS_APK},
    {"ConanCenter", TSN_VS_CONAN},
    {"CRAN", TSN_VS_CRAN},
    {"crates.io", TSN_VS_CARGO},
    {"Debian", TSN_VS_DEB},
    {"Docker Hardened Images", TSN_VS_GENERIC},
    {"Echo", TSN_VS_DEB},
    {"FreeBSD", TSN_VS_GENERIC},
    {"GHC", TSN_VS_HACKAGE},
    {"GitHub Actions", TSN_VS_SEMVER},
    {"Go", TSN_VS_GOLANG},
    {"Hackage", TSN_VS_HACKAGE},
    {"Hex", TSN_VS_HEX},
    {"Julia", TSN_VS_SEMVER},
    {"Kubernetes", TSN_VS_SEMVER},
    {"Linux", TSN_VS_GENERIC},
    {"Mageia", TSN_VS_RPM},
    {"Maven", TSN_VS_MAVEN},
    {"MinimOS", TSN_VS_APK},
    {"npm", TSN_VS_NPM},
    {"NuGet", TSN_VS_NUGET},
    {"opam", TSN_VS_DEB},
    {"openEuler", TSN_VS_RPM},
    {"openSUSE", TSN_VS_RPM},
    {"OSS-Fuzz", TSN_VS_GENERIC},
    {"Packagist", TSN_VS_COMPOSER},
    {"Photon OS", TSN_VS_RPM},
    {"Pub", TSN_VS_PUB},
    {"PyPI", TSN_VS_PYPI},
    {"Red Hat", TSN_VS_RPM},
    {"Rocky Linux", TSN_VS_RPM},
    {"RubyGems", TSN_VS_GEM},
    {"SUSE", TSN_VS_RPM},
    {"SwiftURL", TSN_VS_SEMVER},
    {"TuxCare", TSN_VS_RPM},
    {"Ubuntu", TSN_VS_DEB},
    {"VSCode", TSN_VS_SEMVER},
    {"Wolfi", TSN_VS_APK},
};

tsn_vscheme tsn_vscheme_for_ecosystem(const char *eco)
{
    if (!eco)
        return TSN_VS_UNKNOWN;
    size_t n = strcspn(eco, ":");
    if (n == 4 && memcmp(eco, "Root", 4) == 0 && eco[4] == ':')
        return tsn_vscheme_for_ecosystem(eco + 5);
    for (size_t i = 0; i < sizeof ecosystems / sizeof *ecosystems; i++)
        if (ecosystems[i].ecosystem[0] == eco[0] &&
            strlen(ecosystems[i].ecosystem) == n &&
            memcmp(ecosystems[i].ecosystem, eco, n) == 0)
            return ecosystems[i].scheme;
    return TSN_VS_UNKNOWN;
}

/* purl types (purl-spec types/ and the vers scheme list). */
static const struct {
    const char *type;
    tsn_vscheme scheme;
} purl_types[] = {
    {"alpm", TSN_VS_ALPM},
    {"apk", TSN_VS_APK},
    {"bitbucket", TSN_VS_GENERIC},
    {"bitnami", TSN_VS_SEMVER},
    {"cargo", TSN_VS_CARGO},
    {"cocoapods", TSN_VS_SEMVER},
    {"composer", TSN_VS_COMPOSER},
    {"conan", TSN_VS_CONAN},
    {"conda", TSN_VS_GENERIC},
    {"cpan", TSN_VS_GENERIC},
    {"cran", TSN_VS_CRAN},
    {"deb", TSN_VS_DEB},
    {"docker", TSN_VS_GENERIC},
    {"ebuild", TSN_VS_GENTOO},
    {"gem", TSN_VS_GEM},
    {"generic", TSN_VS_GENERIC},
    {"github", TSN_VS_GENERIC},
    {"golang", TSN_VS_GOLANG},
    {"hackage", TSN_VS_HACKAGE},
    {"hex", TSN_VS_HEX},
    {"huggingface", TSN_VS_GENERIC},
    {"julia", TSN_VS_SEMVER},
    {"luarocks", TSN_VS_GENERIC},
    {"maven", TSN_VS_MAVEN},
    {"mlflow", TSN_VS_GENERIC},
    {"npm", TSN_VS_NPM},
    {"nuget", TSN_VS_NUGET},
    {"oci", TSN_VS_GENERIC},
    {"opam", TSN_VS_DEB},
    {"otp", TSN_VS_GENERIC},
    {"pub", TSN_VS_PUB},
    {"pypi", TSN_VS_PYPI},
    {"qpkg", TSN_VS_GENERIC},
    {"rpm", TSN_VS_RPM},
    {"swid", TSN_VS_GENERIC},
    {"swift", TSN_VS_SEMVER},
    {"vscode-extension", TSN_VS_SEMVER},
};

tsn_vscheme tsn_vscheme_for_purl_type(const char *type)
{
    if (!type)
        return TSN_VS_UNKNOWN;
    for (size_t i = 0; i < sizeof purl_types / sizeof *purl_types; i++)
        if (tsnu_strieq(type, purl_types[i].type))
            return purl_types[i].scheme;
    return TSN_VS_UNKNOWN;
}

/* ---- helpers shared by the schemes ------------------------------------ */

int tsn_vs_add(struct tsn_ver *v, size_t off, size_t len, int kind, int aux)
{
    if (v->nparts >= TSN_LIMIT_VERSION_PARTS)
        return tsn_error_set(TSN_ETOOBIG, "version '%.*s': more than %d parts",
                             (int)v->len, v->s, TSN_LIMIT_VERSION_PARTS);
    v->p[v->nparts++] = (struct vpart){(uint16_t)off, (uint16_t)len,
                                       (int16_t)kind, (int16_t)aux};
    return 0;
}

int tsn_vs_bad(const struct tsn_ver *v, const char *why)
{
    return tsn_error_set(TSN_EINVALID, "invalid %s version '%.*s': %s",
                         tsn_vscheme_name((tsn_vscheme)v->scheme),
                         (int)(v->len > 80 ? 80 : v->len), v->s, why);
}

int tsn_vs_numcmp(const char *a, size_t an, const char *b, size_t bn)
{
    while (an > 0 && *a == '0')
        a++, an--;
    while (bn > 0 && *b == '0')
        b++, bn--;
    if (an != bn)
        return an < bn ? -1 : 1;
    return vs_sign(memcmp(a, b, an));
}

int tsn_vs_bytecmp(const char *a, size_t an, const char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);
    if (c)
        return vs_sign(c);
    return (an > bn) - (an < bn);
}

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

int tsn_vs_bytecasecmp(const char *a, size_t an, const char *b, size_t bn)
{
    size_t n = an < bn ? an : bn;
    for (size_t i = 0; i < n; i++) {
        char x = lower(a[i]), y = lower(b[i]);
        if (x != y)
            return (unsigned char)x < (unsigned char)y ? -1 : 1;
    }
    return (an > bn) - (an < bn);
}

/* ---- entry points ----------------------------------------------------- */

int tsn_vs_parse_tmp(struct vtmp *t,
                     tsn_vscheme scheme,
                     const char *s,
                     size_t n)
{
    if (scheme <= TSN_VS_UNKNOWN || scheme >= TSN_VS__COUNT)
        return tsn_error_set(TSN_EUSAGE, "unknown version scheme %d",
                             (int)scheme);
    t->v = (struct tsn_ver){.s = s, .scheme = (uint8_t)scheme, .p = t->parts};
    if (n > TSN_LIMIT_VERSION_BYTES)
        return tsn_error_set(TSN_ETOOBIG,
                             "%s version of %zu bytes exceeds the limit of %d",
                             schemes[scheme].name, n, TSN_LIMIT_VERSION_BYTES);
    t->v.len = (uint16_t)n;
    if (n == 0)
        return tsn_vs_bad(&t->v, "empty");
    return schemes[scheme].ops.parse(&t->v);
}

int tsn_version_parse(tsn_ver **out, tsn_vscheme scheme, const char *str)
{
    *out = NULL;
    if (!str)
        return tsn_error_set(TSN_EUSAGE, "no version given");
    struct vtmp t;
    size_t n = strlen(str);
    int rc = tsn_vs_parse_tmp(&t, scheme, str, n);
    if (rc < 0)
        return rc;
    size_t head = sizeof(struct tsn_ver);
    size_t parts = t.v.nparts * sizeof(struct vpart);
    struct tsn_ver *v = tsn_malloc(head + parts + n + 1);
    if (!v)
        return tsn_error_set(TSN_ENOMEM, "out of memory");
    *v = t.v;
    v->p = (struct vpart *)(void *)((char *)v + head);
    memcpy(v->p, t.parts, parts);
    char *text = (char *)v + head + parts;
    memcpy(text, str, n + 1);
    v->s = text;
    *out = v;
    return 0;
}

int tsn_version_cmp(const tsn_ver *a, const tsn_ver *b)
{
    if (a->scheme != b->scheme)
        return a->scheme < b->scheme ? -1 : 1;
    return vs_sign(schemes[a->scheme].ops.cmp(a, b));
}

int tsn_version_compare(tsn_vscheme scheme,
                        const char *a,
                        const char *b,
                        int *result)
{
    struct vtmp x, y;
    int rc = tsn_vs_parse_tmp(&x, scheme, a, strlen(a));
    if (rc < 0)
        return rc;
    rc = tsn_vs_parse_tmp(&y, scheme, b, strlen(b));
    if (rc < 0)
        return rc;
    *result = vs_sign(schemes[scheme].ops.cmp(&x.v, &y.v));
    return 0;
}

int tsn_version_check(tsn_vscheme scheme, const char *str)
{
    struct vtmp t;
    if (!str)
        return tsn_error_set(TSN_EUSAGE, "no version given");
    int rc = tsn_vs_parse_tmp(&t, scheme, str, strlen(str));
    if (rc == 0 && scheme == TSN_VS_APK) {
        const char *why = tsn_vs_apk_invalid(t.v.s, t.v.len);
        if (why)
            rc = tsn_vs_bad(&t.v, why);
    }
    return rc;
}

const char *tsn_version_text(const tsn_ver *v)
{
    return v->s;
}

tsn_vscheme tsn_version_scheme(const tsn_ver *v)
{
    return (tsn_vscheme)v->scheme;
}

void tsn_version_free(tsn_ver *v)
{
    tsn_free(v);
}

/* ---- helpers for ranges ----------------------------------------------- */

int tsn_vs_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    return vs_sign(schemes[a->scheme].ops.cmp(a, b));
}

int tsn_vs_parse_arena(tsnu_arena *arena,
                       tsn_vscheme scheme,
                       const char *s,
                       size_t n,
                       struct tsn_ver **out)
{
    struct vtmp t;
    int rc = tsn_vs_parse_tmp(&t, scheme, s, n);
    if (rc < 0)
        return rc;
    size_t parts = t.v.nparts * sizeof(struct vpart);
    struct tsn_ver *v = tsnu_arena_alloc(arena, sizeof *v + parts);
    char *text = tsnu_arena_strndup(arena, s, n);
    if (!v || !text)
        return tsn_error_set(TSN_ENOMEM, "out of memory");
    *v = t.v;
    v->p = (struct vpart *)(void *)(v + 1);
    memcpy(v->p, t.parts, parts);
    v->s = text;
    *out = v;
    return 0;
}

bool tsn_vs_prerelease(const struct tsn_ver *v)
{
    switch ((tsn_vscheme)v->scheme) {
    case TSN_VS_SEMVER:
    case TSN_VS_NPM:
    case TSN_VS_CARGO:
    case TSN_VS_HEX:
    case TSN_VS_PUB:
    case TSN_VS_NUGET:
    case TSN_VS_GOLANG:
        return v->a[1] > 4; /* identifiers after the four number parts */
    case TSN_VS_PYPI:
        return (tsn_vs_pypi_facts(v) & TSN_VS_PY_PRE) != 0;
    case TSN_VS_CONAN:
        return v->a[2] != 0;
    case TSN_VS_GEM:
        return tsn_vs_gem_prerelease(v);
    default:
        return false;
    }
}

bool tsn_vs_same_core(const struct tsn_ver *a, const struct tsn_ver *b)
{
    for (int k = 0; k < 3; k++)
        if (tsn_vs_numcmp(vs_at(a, &a->p[k]), a->p[k].len, vs_at(b, &b->p[k]),
                          b->p[k].len) != 0)
            return false;
    return true;
}
