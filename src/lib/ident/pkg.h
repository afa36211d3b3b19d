/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Packages as the knowledge base knows them: an OSV ecosystem ("PyPI",
 * "Debian:12", "Alpine:v3.19") and a name in that ecosystem. A purl is
 * turned into one (tsni_purl_package), and a name into the key the
 * package index holds and a scan looks up (tsni_package_key): the same
 * package written two ways the ecosystem treats as one ("Django" and
 * "django", "zope.interface" and "zope-interface") gets one key.
 */
#ifndef TSN_IDENT_PKG_H
#define TSN_IDENT_PKG_H

#include "lib/lib.h"
#include "tsunagi/purl.h"

/*
 * The OSV ecosystem and package name of @p pu, in @p arena; false when
 * its type has none (generic, github, ...) or a distribution package
 * does not say which release it is from. Registries: pypi → PyPI, npm,
 * maven (group:artifact), golang (module path), cargo, gem, composer,
 * nuget, hex, pub, hackage, cran, swift; the golang.org/toolchain module
 * is Go's "toolchain". Distributions, by the purl's
 * distro qualifier: deb/debian → Debian:N (debian-12, bookworm, ...),
 * deb/ubuntu → Ubuntu:YY.MM (":LTS" for LTS releases), apk/alpine →
 * Alpine:vX.Y, rpm by the distro's os-release ID and release:
 * almalinux-9.3 → AlmaLinux:9, rocky-9.2 → Rocky Linux:9, mageia-9 →
 * Mageia:9, photon-5.0 → Photon OS:5.0, opensuse-leap-15.5 →
 * openSUSE:Leap 15.5, opensuse-tumbleweed → openSUSE:Tumbleweed,
 * sles-15.5 → SUSE:Linux Enterprise Server 15 SP5 (also sles_sap, sled,
 * sle-micro), rhel-9.4 (or redhat-9.4) → Red Hat:enterprise_linux:9::*,
 * which stands for every ecosystem that begins "Red Hat:enterprise_linux:
 * 9::" (OSV names Red Hat's product streams, "...::appstream", "...::baseos",
 * which a purl does not say; tsni_ecosystem_prefix()); their packages are named
 * by the source package (the upstream qualifier: a name, or an RPM's
 * "NAME-VERSION-RELEASE.src.rpm") when the purl gives one.
 */
bool tsni_purl_package(tsnu_arena *arena,
                       const tsn_purl *pu,
                       const char **eco,
                       const char **name);

/*
 * The prefix @p eco stands for when it ends in "*" (its length, without
 * the "*"), or 0 when it names one ecosystem.
 */
size_t tsni_ecosystem_prefix(const char *eco);

/*
 * The version of @p pu as its ecosystem's scheme reads it, in @p arena:
 * an RPM's with its epoch qualifier ("epoch=1", "1.1.1k-7" →
 * "1:1.1.1k-7"; rpm orders a missing epoch as 0, below every fixed
 * version that has one); the golang.org/toolchain module's as the Go
 * release it holds ("v0.0.1-go1.21.3.linux-amd64" → "go1.21.3", the
 * version of package "toolchain"); NULL when it has none or out of
 * memory.
 */
const char *tsni_purl_version(tsnu_arena *arena, const tsn_purl *pu);

/*
 * The key of package @p name of ecosystem @p eco in the index, in
 * @p arena (NULL when out of memory): PyPI's names as PEP 503 normalises
 * them, crates.io's in lower case with '_' as '-', NuGet's and
 * Packagist's in lower case; other ecosystems' names as they are.
 */
const char *
tsni_package_key(tsnu_arena *arena, const char *eco, const char *name);

#endif
