/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Version schemes: parse and compare versions with the rules of each
 * ecosystem, and map OSV ecosystems and purl types to their scheme.
 */
#ifndef TSUNAGI_VERSION_H
#define TSUNAGI_VERSION_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Version schemes. Names follow vers (see tsn_vscheme_name()). */
typedef enum tsn_vscheme {
    TSN_VS_UNKNOWN = 0,
    TSN_VS_GENERIC,       /**< documented fallback: digit and letter runs */
    TSN_VS_SEMVER,        /**< SemVer 2.0 as OSV SEMVER ranges use it */
    TSN_VS_NPM,           /**< node-semver */
    TSN_VS_PYPI,          /**< PEP 440 */
    TSN_VS_MAVEN,         /**< Maven ComparableVersion */
    TSN_VS_NUGET,         /**< NuGet SemVer 2.0 with a fourth number */
    TSN_VS_GEM,           /**< RubyGems Gem::Version */
    TSN_VS_GOLANG,        /**< Go modules and toolchain versions */
    TSN_VS_CARGO,         /**< crates.io (SemVer 2.0) */
    TSN_VS_COMPOSER,      /**< Packagist (Composer normalisation, PHP order) */
    TSN_VS_PUB,           /**< Dart pub (SemVer with ordered build) */
    TSN_VS_HEX,           /**< Hex (SemVer 2.0) */
    TSN_VS_HACKAGE,       /**< Haskell PVP: dotted numbers */
    TSN_VS_CRAN,          /**< R package_version: numbers split by . and - */
    TSN_VS_DEB,           /**< Debian dpkg */
    TSN_VS_RPM,           /**< rpmvercmp with epoch and release */
    TSN_VS_APK,           /**< Alpine apk-tools */
    TSN_VS_CONAN,         /**< Conan C/C++ */
    TSN_VS_GENTOO,        /**< Gentoo PMS */
    TSN_VS_ALPM,          /**< Arch Linux pacman vercmp */
    TSN_VS_OPENSSL,       /**< OpenSSL letter releases (1.0.2k) */
    TSN_VS_LEXICOGRAPHIC, /**< byte order */
    TSN_VS_NGINX,         /**< nginx: dotted numbers */
    TSN_VS_DATETIME,      /**< RFC 3339 timestamps, compared as instants */
    TSN_VS__COUNT
} tsn_vscheme;

/** A parsed version. */
typedef struct tsn_ver tsn_ver;

/**
 * Scheme for a vers scheme name or alias ("npm", "pypi", "deb",
 * "debian", "rpm", "maven", "golang", "go", ...). TSN_VS_UNKNOWN if none.
 */
TSN_API tsn_vscheme tsn_vscheme_lookup(const char *name);

/** The vers name of a scheme ("npm", "pypi", "deb", ...). */
TSN_API const char *tsn_vscheme_name(tsn_vscheme scheme);

/**
 * Scheme for an OSV ecosystem ("PyPI", "Debian:12", "Alpine:v3.19",
 * "Ubuntu:22.04:LTS", "Red Hat", ...). TSN_VS_UNKNOWN if the ecosystem is
 * not in the table; ecosystems without a version order (GIT-only, e.g.
 * "GitHub Actions" has one: SemVer tags) are listed in docs/versions.md.
 */
TSN_API tsn_vscheme tsn_vscheme_for_ecosystem(const char *ecosystem);

/** Scheme for a purl type ("npm", "deb", "generic", ...). */
TSN_API tsn_vscheme tsn_vscheme_for_purl_type(const char *type);

/**
 * Parse a version.
 * @param[out] out caller owns *out; free with tsn_version_free().
 * @return 0, TSN_EINVALID (the reason in tsn_error_last()),
 *         TSN_ETOOBIG (longer than TSN_LIMIT_VERSION_BYTES or more than
 *         TSN_LIMIT_VERSION_PARTS parts) or TSN_ENOMEM
 */
TSN_API int
tsn_version_parse(tsn_ver **out, tsn_vscheme scheme, const char *str);

/**
 * Compare two versions of the same scheme: <0, 0 or >0. Versions of
 * different schemes compare by scheme number (never equal).
 */
TSN_API int tsn_version_cmp(const tsn_ver *a, const tsn_ver *b);

/**
 * Parse and compare two version strings without allocating.
 * @param[out] result <0, 0 or >0
 * @return 0, TSN_EINVALID or TSN_ETOOBIG (the message names the version)
 */
TSN_API int tsn_version_compare(tsn_vscheme scheme,
                                const char *a,
                                const char *b,
                                int *result);

/** Check that @p str is a valid version of @p scheme (0 or an error). */
TSN_API int tsn_version_check(tsn_vscheme scheme, const char *str);

/** The text the version was parsed from. */
TSN_API const char *tsn_version_text(const tsn_ver *v);

/** The scheme of a parsed version. */
TSN_API tsn_vscheme tsn_version_scheme(const tsn_ver *v);

/** Free a version; NULL is a no-op. */
TSN_API void tsn_version_free(tsn_ver *v);

#ifdef __cplusplus
}
#endif

#endif
