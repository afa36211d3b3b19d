/* SPDX-License-Identifier: Apache-2.0 */
#include "lib/ident/pkg.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The release of a distribution package from its distro qualifier:
 * "debian-12", "debian-12.4", "bookworm" → "12"; into @p out. */
static bool debian_release(const char *distro, char *out, size_t cap)
{
    static const char *const names[][2] = {
        {"trixie", "13"}, {"bookworm", "12"}, {"bullseye", "11"},
        {"buster", "10"}, {"stretch", "9"},   {"jessie", "8"},
        {"wheezy", "7"},
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(distro, names[i][0]) == 0) {
            snprintf(out, cap, "%s", names[i][1]);
            return true;
        }
    if (strncmp(distro, "debian-", 7) == 0)
        distro += 7;
    size_t n = strspn(distro, "0123456789");
    if (n == 0 || n > 3 || (distro[n] && distro[n] != '.'))
        return false;
    snprintf(out, cap, "%.*s", (int)n, distro);
    return true;
}

/* "ubuntu-22.04" or "22.04" → "22.04:LTS" (even years' April releases)
 * or "23.10". */
static bool ubuntu_release(const char *distro, char *out, size_t cap)
{
    if (strncmp(distro, "ubuntu-", 7) == 0)
        distro += 7;
    unsigned yy, mm;
    int used = 0;
    if (sscanf(distro, "%2u.%2u%n", &yy, &mm, &used) != 2 || used != 5 ||
        (distro[5] && distro[5] != '.'))
        return false;
    bool lts = mm == 4 && yy % 2 == 0;
    snprintf(out, cap, "%02u.%02u%s", yy, mm, lts ? ":LTS" : "");
    return true;
}

/* "alpine-3.19.1" or "3.19" → "v3.19". */
static bool alpine_release(const char *distro, char *out, size_t cap)
{
    if (strncmp(distro, "alpine-", 7) == 0)
        distro += 7;
    unsigned major, minor;
    int used = 0;
    if (sscanf(distro, "%3u.%3u%n", &major, &minor, &used) != 2 ||
        (distro[used] && distro[used] != '.'))
        return false;
    snprintf(out, cap, "v%u.%u", major, minor);
    return true;
}

/* The RPM distributions OSV has data for, by the os-release ID the
 * purl's distro qualifier (or namespace) names. */
enum rpm_form {
    RPM_MAJOR,       /* "9.3" → "9" */
    RPM_MAJOR_MINOR, /* "5" or "5.0" → "5.0" */
    RPM_AS_IS,       /* "15.5" → "15.5" */
    RPM_SP,          /* "15.5" → "15 SP5", "15" or "15.0" → "15" */
    RPM_NONE,        /* a rolling release: no version */
    RPM_STREAMS,     /* "9.4" → "9::*": every product stream of 9 */
};

static const struct rpm_distro {
    const char *id;  /* os-release ID, as purls' distro qualifiers give it */
    const char *eco; /* OSV ecosystem, the release after ':' and a space */
    enum rpm_form form;
} rpm_distros[] = {
    {"rhel", "Red Hat:enterprise_linux:", RPM_STREAMS},
    {"redhat", "Red Hat:enterprise_linux:", RPM_STREAMS},
    {"almalinux", "AlmaLinux:", RPM_MAJOR},
    {"alma", "AlmaLinux:", RPM_MAJOR},
    {"rocky", "Rocky Linux:", RPM_MAJOR},
    {"rockylinux", "Rocky Linux:", RPM_MAJOR},
    {"mageia", "Mageia:", RPM_MAJOR},
    {"photon", "Photon OS:", RPM_MAJOR_MINOR},
    {"opensuse-leap", "openSUSE:Leap ", RPM_AS_IS},
    {"opensuse-leap-micro", "openSUSE:Leap Micro ", RPM_AS_IS},
    {"opensuse-tumbleweed", "openSUSE:Tumbleweed", RPM_NONE},
    {"sles", "SUSE:Linux Enterprise Server ", RPM_SP},
    {"sles_sap", "SUSE:Linux Enterprise Server for SAP Applications ", RPM_SP},
    {"sled", "SUSE:Linux Enterprise Desktop ", RPM_SP},
    {"sle-micro", "SUSE:Linux Enterprise Micro ", RPM_AS_IS},
};

/* The OSV ecosystem of an RPM package from its distro qualifier
 * ("almalinux-9.3", "opensuse-leap-15.5", "sles-15.5"; a bare release,
 * "9.3", takes the distribution from namespace @p ns): into @p out. */
static bool
rpm_ecosystem(const char *ns, const char *distro, char *out, size_t cap)
{
    /* the release is what follows the last '-' before a digit */
    const char *rel = distro;
    for (const char *d = distro; (d = strchr(d, '-')); d++)
        if (isdigit((unsigned char)d[1]))
            rel = d + 1;
    size_t idlen = rel == distro ? strlen(distro) : (size_t)(rel - distro - 1);
    const char *id = distro;
    if (rel == distro && isdigit((unsigned char)*distro)) {
        id = ns;
        idlen = strlen(ns);
    } else if (rel == distro) {
        rel = "";
    }
    const struct rpm_distro *d = NULL;
    for (size_t i = 0; !d && i < sizeof rpm_distros / sizeof *rpm_distros; i++)
        if (strlen(rpm_distros[i].id) == idlen &&
            strncasecmp(rpm_distros[i].id, id, idlen) == 0)
            d = &rpm_distros[i];
    if (!d)
        return false;
    unsigned major = 0, minor = 0;
    int used = 0, n = sscanf(rel, "%5u%n.%5u%n", &major, &used, &minor, &used);
    if (d->form == RPM_NONE) {
        snprintf(out, cap, "%s", d->eco);
        return true;
    }
    if (n < 1 || (rel[used] && rel[used] != '.'))
        return false;
    switch (d->form) {
    case RPM_MAJOR:
        snprintf(out, cap, "%s%u", d->eco, major);
        break;
    case RPM_STREAMS:
        snprintf(out, cap, "%s%u::*", d->eco, major);
        break;
    case RPM_MAJOR_MINOR:
        snprintf(out, cap, "%s%u.%u", d->eco, major, minor);
        break;
    case RPM_AS_IS:
        if (n < 2)
            return false;
        snprintf(out, cap, "%s%u.%u", d->eco, major, minor);
        break;
    default: /* RPM_SP */
        snprintf(out, cap, minor ? "%s%u SP%u" : "%s%u", d->eco, major, minor);
        break;
    }
    return true;
}

/* The source package's name of an RPM's upstream qualifier:
 * "openssl-1.1.1k-7.el8_6.src.rpm" → "openssl" (the name is what comes
 * before the version and release); a plain name as it is; NULL when a
 * file name has no version and release, or out of memory. */
static const char *rpm_source(tsnu_arena *arena, const char *up)
{
    size_t n = strlen(up);
    static const char *const ext[] = {".src.rpm", ".nosrc.rpm"};
    bool file = false;
    for (size_t i = 0; !file && i < 2; i++) {
        size_t e = strlen(ext[i]);
        if (n > e && strcmp(up + n - e, ext[i]) == 0) {
            n -= e;
            file = true;
        }
    }
    /* NAME-VERSION-RELEASE: the name ends at the last '-' but one */
    for (int dashes = 0; file && dashes < 2 && n > 0; n--)
        if (up[n - 1] == '-' && ++dashes == 2)
            break;
    if (!file)
        return tsnu_arena_strdup(arena, up);
    /* NULL when it has no version and release: the package's own name */
    return n > 1 ? tsnu_arena_strndup(arena, up, n - 1) : NULL;
}

/* A distribution package: its ecosystem from the namespace and distro
 * qualifier, its name from the upstream qualifier (the source package:
 * "openssl", "openssl@3.0.11-1") or else its own. */
static bool distro_package(tsnu_arena *arena,
                           const tsn_purl *pu,
                           const char **eco,
                           const char **name)
{
    const char *distro = tsn_purl_qualifier_get(pu, "distro");
    const char *ns = pu->namespace_;
    char rel[32], big[128];
    if (!distro || !ns)
        return false;
    if (strcmp(pu->type, "deb") == 0 && tsnu_strieq(ns, "debian") &&
        debian_release(distro, rel, sizeof rel))
        *eco = tsnu_arena_printf(arena, "Debian:%s", rel);
    else if (strcmp(pu->type, "deb") == 0 && tsnu_strieq(ns, "ubuntu") &&
             ubuntu_release(distro, rel, sizeof rel))
        *eco = tsnu_arena_printf(arena, "Ubuntu:%s", rel);
    else if (strcmp(pu->type, "apk") == 0 && tsnu_strieq(ns, "alpine") &&
             alpine_release(distro, rel, sizeof rel))
        *eco = tsnu_arena_printf(arena, "Alpine:%s", rel);
    else if (strcmp(pu->type, "rpm") == 0 &&
             rpm_ecosystem(ns, distro, big, sizeof big))
        *eco = tsnu_arena_strdup(arena, big);
    else
        return false;
    const char *up = tsn_purl_qualifier_get(pu, "upstream");
    if (strcmp(pu->type, "rpm") == 0) {
        if (!up || !*up || !(*name = rpm_source(arena, up)))
            *name = tsnu_arena_strdup(arena, pu->name);
    } else if (up && *up) {
        size_t n = strcspn(up, "@ ");
        *name = tsnu_arena_strndup(arena, up, n);
    } else {
        *name = tsnu_arena_strdup(arena, pu->name);
    }
    return *eco && *name;
}

/* Whether @p pu is the golang.org/toolchain module: Go's toolchain as
 * the go command downloads it ("v0.0.1-go1.21.3.linux-amd64"). */
static bool is_toolchain_module(const tsn_purl *pu)
{
    return strcmp(pu->type, "golang") == 0 && pu->namespace_ &&
           strcmp(pu->namespace_, "golang.org") == 0 &&
           strcmp(pu->name, "toolchain") == 0;
}

bool tsni_purl_package(tsnu_arena *arena,
                       const tsn_purl *pu,
                       const char **eco,
                       const char **name)
{
    static const struct {
        const char *type, *eco;
        char sep; /* joins namespace and name, or 0: name alone */
    } map[] = {
        {"pypi", "PyPI", 0},
        {"npm", "npm", '/'},
        {"maven", "Maven", ':'},
        {"golang", "Go", '/'},
        {"cargo", "crates.io", 0},
        {"gem", "RubyGems", 0},
        {"composer", "Packagist", '/'},
        {"nuget", "NuGet", 0},
        {"hex", "Hex", 0},
        {"pub", "Pub", 0},
        {"hackage", "Hackage", 0},
        {"cran", "CRAN", 0},
        {"swift", "SwiftURL", '/'},
    };
    *eco = *name = NULL;
    if (is_toolchain_module(pu)) {
        *eco = "Go";
        *name = "toolchain";
        return true;
    }
    for (size_t i = 0; i < sizeof map / sizeof *map; i++) {
        if (strcmp(pu->type, map[i].type) != 0)
            continue;
        *eco = map[i].eco;
        *name = map[i].sep && pu->namespace_
                    ? tsnu_arena_printf(arena, "%s%c%s", pu->namespace_,
                                        map[i].sep, pu->name)
                    : tsnu_arena_strdup(arena, pu->name);
        return *name != NULL;
    }
    return distro_package(arena, pu, eco, name);
}

const char *
tsni_package_key(tsnu_arena *arena, const char *eco, const char *name)
{
    enum { AS_IS, PEP503, CRATE, LOWER } how = AS_IS;
    if (strcmp(eco, "PyPI") == 0)
        how = PEP503;
    else if (strcmp(eco, "crates.io") == 0)
        how = CRATE;
    else if (strcmp(eco, "NuGet") == 0 || strcmp(eco, "Packagist") == 0)
        how = LOWER;
    if (how == AS_IS)
        return name;
    size_t n = strlen(name);
    char *out = tsnu_arena_alloc(arena, n + 1), *o = out;
    if (!out)
        return NULL;
    for (const char *s = name; *s; s++) {
        char c = (char)tolower((unsigned char)*s);
        if (how == PEP503 && (c == '-' || c == '_' || c == '.')) {
            if (o == out || o[-1] != '-')
                *o++ = '-';
            continue;
        }
        *o++ = how == CRATE && c == '_' ? '-' : c;
    }
    *o = '\0';
    return out;
}

const char *tsni_purl_version(tsnu_arena *arena, const tsn_purl *pu)
{
    const char *epoch = strcmp(pu->type, "rpm") == 0
                            ? tsn_purl_qualifier_get(pu, "epoch")
                            : NULL;
    if (!pu->version)
        return NULL;
    /* the toolchain module's version names the Go release it holds:
     * v0.0.1-go1.21.3.linux-amd64 is go1.21.3 */
    const char *go =
        is_toolchain_module(pu) ? strstr(pu->version, "-go") : NULL;
    if (go) {
        go++;
        /* the platform follows after a '.' and a letter: .linux-amd64 */
        const char *end = go + 2;
        while (*end && !(end[0] == '.' && isalpha((unsigned char)end[1])))
            end++;
        return tsnu_arena_strndup(arena, go, (size_t)(end - go));
    }
    if (!epoch || !*epoch || strchr(pu->version, ':'))
        return tsnu_arena_strdup(arena, pu->version);
    return tsnu_arena_printf(arena, "%s:%s", epoch, pu->version);
}

size_t tsni_ecosystem_prefix(const char *eco)
{
    size_t n = strlen(eco);
    return n > 1 && eco[n - 1] == '*' ? n - 1 : 0;
}
