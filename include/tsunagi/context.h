/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The library context: limits and the logging hook. The library has no
 * global state; everything it needs hangs off a tsn_ctx. A context may be
 * shared by threads as long as none of them changes it.
 */
#ifndef TSUNAGI_CONTEXT_H
#define TSUNAGI_CONTEXT_H

#include "common.h"
#include "limits.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tsn_ctx tsn_ctx;

/** Log levels, most severe first. */
typedef enum {
    TSN_LOG_ERROR = 0,
    TSN_LOG_WARN = 1,
    TSN_LOG_INFO = 2,
    TSN_LOG_DEBUG = 3,
    TSN_LOG_TRACE = 4
} tsn_log_level;

/** Log handler: receives one line without trailing newline. */
typedef void (*tsn_log_fn)(tsn_log_level level,
                           const char *line,
                           void *payload);

/**
 * Create a context with default limits and no log handler.
 * @param[out] out caller owns *out; free with tsn_ctx_free(). NULL on error.
 * @return 0 or TSN_ENOMEM
 */
TSN_API int tsn_ctx_new(tsn_ctx **out);

/** Free a context; NULL is a no-op. */
TSN_API void tsn_ctx_free(tsn_ctx *ctx);

/** Limits of @p ctx; borrowed and writable, valid until ctx is freed. */
TSN_API tsn_limits *tsn_ctx_limits(tsn_ctx *ctx);

/**
 * Install a log handler; messages above @p max_level are dropped.
 * @param fn handler, or NULL to discard all messages
 */
TSN_API void tsn_ctx_set_log(tsn_ctx *ctx,
                             tsn_log_fn fn,
                             tsn_log_level max_level,
                             void *payload);

#ifdef __cplusplus
}
#endif

#endif
