/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzz target: SPDX tag-value reader and quality check. */
#include <stdint.h>

#include "tsunagi/tsunagi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tsn_ctx *ctx = NULL;
    tsn_sbom *s = NULL;
    tsn_sbom_read_opts o = TSN_SBOM_READ_OPTS_INIT;

    if (tsn_ctx_new(&ctx) < 0)
        return 0;
    tsn_ctx_limits(ctx)->depth = 64;
    o.format = TSN_SBOM_SPDX_TV;
    o.name = "fuzz";
    if (tsn_sbom_read(&s, ctx, (const char *)data, size, &o) == 0) {
        tsn_sbom_quality q;
        if (tsn_sbom_quality_check(&q, s) == 0)
            tsn_sbom_quality_dispose(&q);
    }
    tsn_sbom_free(s);
    tsn_ctx_free(ctx);
    return 0;
}
