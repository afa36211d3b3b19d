/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Error model: functions return 0 or a negative TSN_E* code; the one-line
 * detail (with a location where there is one) is kept per thread and read
 * with tsn_error_last().
 */
#ifndef TSUNAGI_ERRORS_H
#define TSUNAGI_ERRORS_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Error codes. 0 is success; every failure is negative. */
typedef enum {
    TSN_OK = 0,
    TSN_ERROR = -1,        /**< anything not listed below */
    TSN_ENOMEM = -2,       /**< allocation failed */
    TSN_EINVALID = -3,     /**< input violates its format or schema */
    TSN_ENOTFOUND = -4,    /**< a named thing does not exist */
    TSN_ETOOBIG = -5,      /**< an input limit was exceeded */
    TSN_EUNSUPPORTED = -6, /**< recognised but not supported */
    TSN_EIO = -7,          /**< reading or writing a file failed */
    TSN_EUSAGE = -8,       /**< API or command misuse */
    TSN_ENETWORK = -9      /**< a download failed: network, TLS or server */
} tsn_error_code;

/** The last error set on this thread. */
typedef struct tsn_error {
    int code;            /**< a tsn_error_code */
    const char *message; /**< one line, no trailing newline; never NULL */
} tsn_error;

/**
 * The last error recorded on the calling thread.
 * @return borrowed; valid until the next library call on this thread.
 *         Never NULL: with no error, code is 0 and message "".
 */
TSN_API const tsn_error *tsn_error_last(void);

/** Forget the last error of the calling thread. */
TSN_API void tsn_error_clear(void);

/** Short English name of a code ("invalid input", ...); never NULL. */
TSN_API const char *tsn_error_name(int code);

#ifdef __cplusplus
}
#endif

#endif
