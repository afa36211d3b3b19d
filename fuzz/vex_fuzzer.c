/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzz target for the VEX readers (OpenVEX, CycloneDX, CSAF) and the
 * matching of what they read: a document read is applied to two findings
 * of a small SBOM, and its products checked against that SBOM. A statement
 * is then added to the document (tsn_vex_write), which must read back.
 */
#include <stdint.h>
#include <string.h>

#include "tsunagi/tsunagi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char sbom_text[] =
    "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\","
    "\"serialNumber\":\"urn:uuid:cbb2cd68-2857-43b8-a10b-e8c03d277d18\","
    "\"version\":1,\"metadata\":{\"component\":{\"type\":\"application\","
    "\"bom-ref\":\"product-ABC\",\"name\":\"ABC\",\"version\":\"4.2\","
    "\"purl\":\"pkg:generic/acme/abc@4.2\"}},\"components\":["
    "{\"type\":\"library\",\"bom-ref\":\"a\",\"name\":\"django\","
    "\"version\":\"3.2.12\",\"purl\":\"pkg:pypi/django@3.2.12\"},"
    "{\"type\":\"library\",\"bom-ref\":\"b\",\"name\":\"log4j-core\","
    "\"version\":\"2.14.1\",\"cpe\":\"cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:"
    "*:*:*\",\"purl\":\"pkg:maven/org.apache.logging.log4j/log4j-core@2.14."
    "1\"}]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tsn_ctx *ctx = NULL;
    tsn_sbom *s = NULL;
    tsn_vex *set = NULL;
    tsn_sbom_read_opts o = TSN_SBOM_READ_OPTS_INIT;
    if (tsn_ctx_new(&ctx) < 0)
        return 0;
    tsn_ctx_limits(ctx)->depth = 64;
    o.name = "sbom";
    if (tsn_sbom_read(&s, ctx, sbom_text, strlen(sbom_text), &o) == 0 &&
        tsn_vex_new(&set) == 0 &&
        tsn_vex_read(set, ctx, (const char *)data, size, "fuzz") == 0) {
        size_t nc = 0;
        (void)tsn_sbom_components(s, &nc);
        static const char *const aliases[] = {"GHSA-2gwj-7jmv-h26r"};
        tsn_finding f[2] = {{0}, {0}};
        f[0].component = nc > 1 ? 1 : 0;
        f[0].id = "CVE-2022-28346";
        f[0].aliases = aliases;
        f[0].naliases = 1;
        f[1].component = nc > 2 ? 2 : 0;
        f[1].id = "CVE-2021-44228";
        tsn_scan_component comps[3] = {{0}, {0}, {0}};
        tsn_scan sc = {.findings = f,
                       .nfindings = 2,
                       .components = comps,
                       .ncomponents = nc < 3 ? nc : 3};
        if (nc >= 1)
            (void)tsn_scan_apply_vex(&sc, s, &set, 1);
        (void)tsn_vex_mark_known(set, s);
        tsn_vex_product pr = {
            .id = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"};
        tsn_vex_statement st = {.vuln = "CVE-2021-44228",
                                .status = TSN_VEX_FIXED,
                                .products = &pr,
                                .nproducts = 1};
        tsn_vex_write_opts wo = {.timestamp = "2026-11-22T00:00:00Z"};
        char *out = NULL;
        int rc = tsn_vex_write(ctx, &st, (const char *)data, size, "fuzz", &wo,
                               &out);
        /* a document that reads takes the statement, unless it is another
         * format (CSAF), its version is no number, or it nests deeper
         * than the writer goes */
        if (rc == 0 && !out)
            __builtin_trap();
        tsn_free(out);
    }
    tsn_vex_free(set);
    tsn_sbom_free(s);
    tsn_ctx_free(ctx);
    return 0;
}
