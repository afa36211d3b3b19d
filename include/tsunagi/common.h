/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Shared definitions for the public API: export macro, version, and the
 * conventions every other public header relies on.
 */
#ifndef TSUNAGI_COMMON_H
#define TSUNAGI_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__) && defined(TSN_BUILDING_LIBRARY)
#define TSN_API __attribute__((visibility("default")))
#else
#define TSN_API
#endif

#if defined(__GNUC__)
#define TSN_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define TSN_PRINTF(fmt, args)
#endif

#define TSN_VERSION_MAJOR 0
#define TSN_VERSION_MINOR 1
#define TSN_VERSION_PATCH 0
#define TSN_VERSION_STRING "0.1.0"

#ifdef __cplusplus
extern "C" {
#endif

/** Library version as "MAJOR.MINOR.PATCH"; static storage, never NULL. */
TSN_API const char *tsn_version(void);

/** Free memory the library handed to the caller (strings); NULL is a no-op. */
TSN_API void tsn_free(void *ptr);

#ifdef __cplusplus
}
#endif

#endif
