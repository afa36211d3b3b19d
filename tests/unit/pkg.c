/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Packages from purls (registries and distributions) and the keys the
 * package index holds for them.
 */
#include "harness.h"
#include "lib/ident/pkg.h"

#include <stdio.h>
#include <string.h>

static void purls(void)
{
    static const struct {
        const char *purl, *eco, *name; /* eco NULL: none */
    } cases[] = {
        {"pkg:pypi/Django@4.2", "PyPI", "django"},
        {"pkg:npm/%40angular/core@16.0.0", "npm", "@angular/core"},
        {"pkg:npm/lodash@4.17.20", "npm", "lodash"},
        {"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "Maven",
         "org.apache.logging.log4j:log4j-core"},
        {"pkg:golang/github.com/gin-gonic/gin@v1.9.0", "Go",
         "github.com/gin-gonic/gin"},
        {"pkg:golang/golang.org/toolchain@v0.0.1-go1.21.3.linux-amd64", "Go",
         "toolchain"},
        {"pkg:golang/golang.org/x/net@v0.17.0", "Go", "golang.org/x/net"},
        {"pkg:cargo/serde@1.0.0", "crates.io", "serde"},
        {"pkg:gem/rails@7.0.0", "RubyGems", "rails"},
        {"pkg:composer/laravel/framework@10.0.0", "Packagist",
         "laravel/framework"},
        {"pkg:nuget/Newtonsoft.Json@13.0.1", "NuGet", "Newtonsoft.Json"},
        {"pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&upstream=openssl&"
         "distro=debian-12",
         "Debian:12", "openssl"},
        {"pkg:deb/debian/curl@7.88.1-10?distro=bookworm", "Debian:12", "curl"},
        {"pkg:deb/debian/libc6@2.36-9?upstream=glibc%402.36-9&distro=debian-"
         "12.4",
         "Debian:12", "glibc"},
        {"pkg:deb/ubuntu/openssl@3.0.2-0ubuntu1?distro=ubuntu-22.04",
         "Ubuntu:22.04:LTS", "openssl"},
        {"pkg:deb/ubuntu/openssl@3.0.10?distro=ubuntu-23.10", "Ubuntu:23.10",
         "openssl"},
        {"pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64&distro=alpine-3.19.1",
         "Alpine:v3.19", "busybox"},
        {"pkg:deb/debian/curl@7.88.1-10", NULL, NULL},
        {"pkg:deb/debian/curl@7.88.1-10?distro=sid", NULL, NULL},
        {"pkg:rpm/redhat/openssl@3.0.7?distro=rhel-9",
         "Red Hat:enterprise_linux:9::*", "openssl"},
        {"pkg:rpm/redhat/openssl-libs@3.0.7?upstream=openssl-3.0.7-27.el9.src."
         "rpm&distro=redhat-9.4",
         "Red Hat:enterprise_linux:9::*", "openssl"},
        {"pkg:rpm/centos/openssl@1.1.1k?distro=centos-8", NULL, NULL},
        {"pkg:rpm/almalinux/openssl-libs@3.0.7-25.el9_3?arch=x86_64&epoch=1&"
         "upstream=openssl-3.0.7-25.el9_3.src.rpm&distro=almalinux-9.3",
         "AlmaLinux:9", "openssl"},
        {"pkg:rpm/rocky/python3-libs@3.9.18-1.el9_3?upstream=python3.9-3.9.18-"
         "1.el9_3.src.rpm&distro=rocky-9.3",
         "Rocky Linux:9", "python3.9"},
        {"pkg:rpm/rocky/bash@5.1.8-6.el9?distro=9.2", "Rocky Linux:9", "bash"},
        {"pkg:rpm/mageia/curl@8.4.0-1.mga9?distro=mageia-9", "Mageia:9",
         "curl"},
        {"pkg:rpm/photon/openssl@3.0.9-1.ph5?distro=photon-5.0",
         "Photon OS:5.0", "openssl"},
        {"pkg:rpm/photon/openssl@3.0.9-1.ph5?distro=photon-5", "Photon OS:5.0",
         "openssl"},
        {"pkg:rpm/opensuse/libopenssl3@3.1.4-150600.5.7.1?upstream=openssl-3-3."
         "1.4-150600.5.7.1.src.rpm&distro=opensuse-leap-15.6",
         "openSUSE:Leap 15.6", "openssl-3"},
        {"pkg:rpm/opensuse/curl@8.11.0-1.1?distro=opensuse-tumbleweed-20241201",
         "openSUSE:Tumbleweed", "curl"},
        {"pkg:rpm/opensuse/curl@8.11.0-1.1?distro=opensuse-tumbleweed",
         "openSUSE:Tumbleweed", "curl"},
        {"pkg:rpm/suse/curl@8.0.1-150400.5.41.1?distro=sles-15.5",
         "SUSE:Linux Enterprise Server 15 SP5", "curl"},
        {"pkg:rpm/suse/curl@7.60.0-11.1?distro=sles-15",
         "SUSE:Linux Enterprise Server 15", "curl"},
        {"pkg:rpm/suse/curl@8.0.1?distro=sles_sap-15.4",
         "SUSE:Linux Enterprise Server for SAP Applications 15 SP4", "curl"},
        {"pkg:rpm/suse/x@1?upstream=odd.src.rpm&distro=sles-15.5",
         "SUSE:Linux Enterprise Server 15 SP5", "x"},
        {"pkg:rpm/suse/x@1?upstream=srcname&distro=sles-15.5",
         "SUSE:Linux Enterprise Server 15 SP5", "srcname"},
        {"pkg:rpm/fedora/curl@7.50.3-1.fc25?distro=fedora-25", NULL, NULL},
        {"pkg:rpm/suse/curl@8.0.1?distro=sles", NULL, NULL},
        {"pkg:rpm/almalinux/curl@7.76.1?distro=almalinux-x", NULL, NULL},
        {"pkg:generic/openssl@3.0.0", NULL, NULL},
        {"pkg:github/package-url/purl-spec@1.0", NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        tsn_purl *pu = NULL;
        tsnu_arena arena = TSNU_ARENA_INIT;
        const char *eco = NULL, *name = NULL;
        int rc = tsn_purl_parse(&pu, cases[i].purl, 0);
        CHECK(rc == 0, "%s parses", cases[i].purl);
        if (rc < 0)
            continue;
        bool got = tsni_purl_package(&arena, pu, &eco, &name);
        CHECK(got == (cases[i].eco != NULL), "%s: %s", cases[i].purl,
              got ? "a package" : "no package");
        if (got && cases[i].eco) {
            CHECK_STR(eco, cases[i].eco, cases[i].purl);
            CHECK_STR(name, cases[i].name, cases[i].purl);
        }
        tsn_purl_free(pu);
        tsnu_arena_dispose(&arena);
    }
}

static void versions(void)
{
    static const char *const cases[][2] = {
        {"pkg:rpm/almalinux/openssl-libs@3.0.7-25.el9_3?epoch=1&distro=9",
         "1:3.0.7-25.el9_3"},
        {"pkg:rpm/almalinux/openssl-libs@3.0.7-25.el9_3?distro=9",
         "3.0.7-25.el9_3"},
        {"pkg:rpm/x/y@2:1.0-1?epoch=2", "2:1.0-1"},
        {"pkg:deb/debian/x@1:2.0?epoch=3", "1:2.0"},
        {"pkg:golang/golang.org/toolchain@v0.0.1-go1.21.3.linux-amd64",
         "go1.21.3"},
        {"pkg:golang/golang.org/toolchain@v0.0.1-go1.21rc2.darwin-arm64",
         "go1.21rc2"},
        {"pkg:golang/golang.org/toolchain@v0.0.1-go1.22.0", "go1.22.0"},
        {"pkg:golang/golang.org/x/net@v0.0.1-go1.21.3.linux-amd64",
         "v0.0.1-go1.21.3.linux-amd64"},
        {"pkg:pypi/django@4.2", "4.2"},
        {"pkg:pypi/django", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        tsn_purl *pu = NULL;
        tsnu_arena arena = TSNU_ARENA_INIT;
        CHECK(tsn_purl_parse(&pu, cases[i][0], 0) == 0, "%s parses",
              cases[i][0]);
        const char *v = pu ? tsni_purl_version(&arena, pu) : NULL;
        if (cases[i][1])
            CHECK_STR(v, cases[i][1], cases[i][0]);
        else
            CHECK(v == NULL, "%s: no version", cases[i][0]);
        tsn_purl_free(pu);
        tsnu_arena_dispose(&arena);
    }
}

static void prefixes(void)
{
    CHECK(tsni_ecosystem_prefix("Red Hat:enterprise_linux:9::*") == 28,
          "a stream prefix");
    CHECK(tsni_ecosystem_prefix("Red Hat:enterprise_linux:9::appstream") == 0,
          "a stream");
    CHECK(tsni_ecosystem_prefix("PyPI") == 0, "PyPI");
    CHECK(tsni_ecosystem_prefix("*") == 0, "a lone *");
}

static void keys(void)
{
    static const char *const cases[][3] = {
        {"PyPI", "Django", "django"},
        {"PyPI", "zope.interface", "zope-interface"},
        {"PyPI", "Foo__Bar-.baz", "foo-bar-baz"},
        {"PyPI", "requests", "requests"},
        {"crates.io", "Serde_JSON", "serde-json"},
        {"NuGet", "Newtonsoft.Json", "newtonsoft.json"},
        {"Packagist", "Laravel/Framework", "laravel/framework"},
        {"npm", "JSONStream", "JSONStream"},
        {"Maven", "org.Example:Artifact", "org.Example:Artifact"},
        {"RubyGems", "RedCloth", "RedCloth"},
        {"Debian:12", "openssl", "openssl"},
    };
    tsnu_arena arena = TSNU_ARENA_INIT;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char what[128];
        snprintf(what, sizeof what, "%s %s", cases[i][0], cases[i][1]);
        CHECK_STR(tsni_package_key(&arena, cases[i][0], cases[i][1]),
                  cases[i][2], what);
    }
    tsnu_arena_dispose(&arena);
}

int main(void)
{
    purls();
    versions();
    prefixes();
    keys();
    return th_finish("pkg");
}
