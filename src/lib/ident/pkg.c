/* SPDX-License-Identifier: Apache-2.0 */
#include "lib/ident/pkg.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    char rel[32];
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
    else
        return false;
    const char *up = tsn_purl_qualifier_get(pu, "upstream");
    if (up && *up) {
        size_t n = strcspn(up, "@ ");
        *name = tsnu_arena_strndup(arena, up, n);
    } else {
        *name = tsnu_arena_strdup(arena, pu->name);
    }
    return *eco && *name;
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
