/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzz target for one SBOM reader, and the quality check and the
 * dependency paths (tsni_sbom_reach) over what it reads; the build compiles it
 * once per format with -DFUZZ_FORMAT=... (cdx_json, cdx_xml, spdx_json,
 * spdx_tv).
 */
#include <stdint.h>

#include "lib/sbom/graph.h"
#include "tsunagi/tsunagi.h"

#ifndef FUZZ_FORMAT
#error "FUZZ_FORMAT must name a tsn_sbom_format"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tsn_ctx *ctx = NULL;
    tsn_sbom *s = NULL;
    tsn_sbom_read_opts o = TSN_SBOM_READ_OPTS_INIT;

    if (tsn_ctx_new(&ctx) < 0)
        return 0;
    tsn_ctx_limits(ctx)->depth = 64;
    o.format = FUZZ_FORMAT;
    o.name = "fuzz";
    if (tsn_sbom_read(&s, ctx, (const char *)data, size, &o) == 0) {
        tsn_sbom_quality q;
        char *text = NULL;
        size_t len;
        size_t *before = NULL, *depth = NULL;
        if (tsn_sbom_quality_check(&q, s) == 0)
            tsn_sbom_quality_dispose(&q);
        if (tsni_sbom_reach(s, &before, &depth) == 0) {
            tsn_free(before);
            tsn_free(depth);
        }
        /* Whatever was read can be written. */
        if (tsn_sbom_write(&text, &len, s, TSN_SBOM_CDX_JSON) == 0)
            tsn_free(text);
    }
    tsn_sbom_free(s);
    tsn_ctx_free(ctx);
    return 0;
}
