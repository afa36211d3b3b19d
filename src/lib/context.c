/* SPDX-License-Identifier: Apache-2.0 */
/* Library context: limits and logging hook; no global state. */
#include "lib.h"

#include <stdarg.h>
#include <stdio.h>

int tsn_ctx_new(tsn_ctx **out)
{
    tsn_ctx *ctx;
    const tsn_limits defaults = TSN_LIMITS_DEFAULT;

    *out = NULL;
    ctx = tsn_calloc(1, sizeof *ctx);
    TSN_CHECK_ALLOC(ctx);
    ctx->limits = defaults;
    ctx->log_max = TSN_LOG_WARN;
    *out = ctx;
    return 0;
}

void tsn_ctx_free(tsn_ctx *ctx)
{
    tsn_free(ctx);
}

tsn_limits *tsn_ctx_limits(tsn_ctx *ctx)
{
    return &ctx->limits;
}

void tsn_ctx_set_log(tsn_ctx *ctx,
                     tsn_log_fn fn,
                     tsn_log_level max_level,
                     void *payload)
{
    ctx->log_fn = fn;
    ctx->log_max = max_level;
    ctx->log_payload = payload;
}

void tsn_log(const tsn_ctx *ctx, tsn_log_level level, const char *fmt, ...)
{
    char line[1024];
    va_list ap;

    if (!ctx || !ctx->log_fn || level > ctx->log_max)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    ctx->log_fn(level, line, ctx->log_payload);
}

const char *tsn_version(void)
{
    return TSN_VERSION_STRING;
}
