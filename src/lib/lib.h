/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Internal header for libtsunagi: the context structure and the logging
 * call. Included first by every library source file.
 */
#ifndef TSN_LIB_H
#define TSN_LIB_H

#include "util/util.h"

#include "tsunagi/context.h"

struct tsn_ctx {
    tsn_limits limits;
    tsn_log_fn log_fn;
    tsn_log_level log_max;
    void *log_payload;
};

/* Log one line through the host's handler (never to stdout/stderr). */
void tsn_log(const tsn_ctx *ctx, tsn_log_level level, const char *fmt, ...)
    TSN_PRINTF(3, 4);

#endif
