/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX 2.x vocabulary (SPDX 2.3 specification, clauses 7, 8 and 11). */
#include "spdx.h"

#include <string.h>

/* SPEC: SPDX-2.3 §11.1 relationship types */
const char *const tsn_spdx__relationship_types[] = {
    "DESCRIBES",
    "DESCRIBED_BY",
    "CONTAINS",
    "CONTAINED_BY",
    "DEPENDS_ON",
    "DEPENDENCY_OF",
    "DEPENDENCY_MANIFEST_OF",
    "BUILD_DEPENDENCY_OF",
    "DEV_DEPENDENCY_OF",
    "OPTIONAL_DEPENDENCY_OF",
    "PROVIDED_DEPENDENCY_OF",
    "TEST_DEPENDENCY_OF",
    "RUNTIME_DEPENDENCY_OF",
    "EXAMPLE_OF",
    "GENERATES",
    "GENERATED_FROM",
    "ANCESTOR_OF",
    "DESCENDANT_OF",
    "VARIANT_OF",
    "DISTRIBUTION_ARTIFACT",
    "PATCH_FOR",
    "PATCH_APPLIED",
    "COPY_OF",
    "FILE_ADDED",
    "FILE_DELETED",
    "FILE_MODIFIED",
    "EXPANDED_FROM_ARCHIVE",
    "DYNAMIC_LINK",
    "STATIC_LINK",
    "DATA_FILE_OF",
    "TEST_CASE_OF",
    "BUILD_TOOL_OF",
    "DEV_TOOL_OF",
    "TEST_OF",
    "TEST_TOOL_OF",
    "DOCUMENTATION_OF",
    "OPTIONAL_COMPONENT_OF",
    "METAFILE_OF",
    "PACKAGE_OF",
    "AMENDS",
    "PREREQUISITE_FOR",
    "HAS_PREREQUISITE",
    "REQUIREMENT_DESCRIPTION_FOR",
    "SPECIFICATION_FOR",
    "OTHER",
    NULL};

/* SPEC: SPDX-2.3 §7.10 checksum algorithms */
const char *const tsn_spdx__checksum_algs[] = {
    "SHA1",        "SHA224",   "SHA256",   "SHA384",      "SHA512",
    "SHA3-256",    "SHA3-384", "SHA3-512", "BLAKE2b-256", "BLAKE2b-384",
    "BLAKE2b-512", "BLAKE3",   "MD2",      "MD4",         "MD5",
    "MD6",         "ADLER32",  NULL};

/* SPEC: SPDX-2.3 §7.24 primary package purpose */
const char *const tsn_spdx__purposes[] = {
    "APPLICATION", "FRAMEWORK", "LIBRARY", "CONTAINER", "OPERATING-SYSTEM",
    "DEVICE",      "FIRMWARE",  "SOURCE",  "ARCHIVE",   "FILE",
    "INSTALL",     "OTHER",     NULL};

/* SPEC: SPDX-2.3 §7.21 external reference categories */
const char *const tsn_spdx__ref_categories[] = {
    "SECURITY",      "PACKAGE-MANAGER", "PACKAGE_MANAGER",
    "PERSISTENT-ID", "OTHER",           NULL};

const char *tsn_spdx__hash_alg(const char *a)
{
    static const char *const map[][2] = {{"SHA1", "SHA-1"},
                                         {"SHA256", "SHA-256"},
                                         {"SHA384", "SHA-384"},
                                         {"SHA512", "SHA-512"}};
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(a, map[i][0]) == 0)
            return map[i][1];
    return a;
}

const char *tsn_spdx__purpose_type(const char *p)
{
    static const char *const map[][2] = {
        {"APPLICATION", "application"},
        {"FRAMEWORK", "framework"},
        {"LIBRARY", "library"},
        {"CONTAINER", "container"},
        {"OPERATING-SYSTEM", "operating-system"},
        {"DEVICE", "device"},
        {"FIRMWARE", "firmware"},
        {"FILE", "file"},
        {"SOURCE", "file"},
        {"ARCHIVE", "file"},
        {"INSTALL", "file"}};
    for (size_t i = 0; p && i < sizeof map / sizeof *map; i++)
        if (strcmp(p, map[i][0]) == 0)
            return map[i][1];
    return "library";
}

const char *tsn_spdx__actor_name(tsnu_arena *arena, const char *a)
{
    const char *colon, *end;
    if (!a || strcmp(a, "NOASSERTION") == 0 || strcmp(a, "NONE") == 0)
        return NULL;
    colon = strchr(a, ':');
    if (colon && (strncmp(a, "Organization", 12) == 0 ||
                  strncmp(a, "Person", 6) == 0 || strncmp(a, "Tool", 4) == 0)) {
        a = colon + 1;
        while (*a == ' ')
            a++;
    }
    /* Drop a trailing "(email)". */
    end = strrchr(a, '(');
    if (!end || end == a)
        end = a + strlen(a);
    while (end > a && end[-1] == ' ')
        end--;
    return end > a ? tsnu_arena_strndup(arena, a, (size_t)(end - a)) : NULL;
}

bool tsn_spdx__valid_id(const char *id)
{
    /* SPEC: SPDX-2.3 §7.2 SPDXID: "SPDXRef-"[idstring], idstring
     * [A-Za-z0-9.-]+ */
    if (!id || strncmp(id, "SPDXRef-", 8) != 0 || !id[8])
        return false;
    for (const char *c = id + 8; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
              (*c >= '0' && *c <= '9') || *c == '.' || *c == '-'))
            return false;
    return true;
}

bool tsn_spdx__license_value(const char *v)
{
    return v && *v && strcmp(v, "NOASSERTION") != 0 && strcmp(v, "NONE") != 0;
}
