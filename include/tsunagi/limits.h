/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Input limits: the one place that says how much untrusted input the
 * library accepts. Every reader checks these; a context carries a copy
 * the host may change (see tsn_ctx_limits()).
 */
#ifndef TSUNAGI_LIMITS_H
#define TSUNAGI_LIMITS_H

#include "common.h"

/** Largest document read, in bytes (256 MiB). */
#define TSN_LIMIT_DOCUMENT_BYTES ((size_t)256 * 1024 * 1024)
/** Deepest nesting of JSON arrays/objects or XML elements. */
#define TSN_LIMIT_DEPTH 256
/** Most components (including nested ones) in one SBOM. */
#define TSN_LIMIT_COMPONENTS 2000000
/** Longest single string field (name, version, URL...), in bytes. */
#define TSN_LIMIT_FIELD_BYTES ((size_t)1024 * 1024)
/** Longest package URL accepted, in bytes. */
#define TSN_LIMIT_PURL_BYTES 8192

/** Longest version string accepted, in bytes. */
#define TSN_LIMIT_VERSION_BYTES 1024
/** Most parts (numbers, words, separators) in one parsed version. */
#define TSN_LIMIT_VERSION_PARTS 64
/** Longest range text (native, vers or OSV events) accepted, in bytes. */
#define TSN_LIMIT_RANGE_BYTES 65536
/** Most constraints or events in one range. */
#define TSN_LIMIT_RANGE_TERMS 1024
/** Largest single advisory record (the largest real OSV records are a
 *  few hundred kilobytes). */
#define TSN_LIMIT_RECORD_BYTES ((size_t)16 * 1024 * 1024)
/** Most entries in one zip archive (OSV's largest all.zip holds a few
 *  hundred thousand). */
#define TSN_LIMIT_ZIP_ENTRIES ((size_t)5000000)
/** Most bytes all entries of one zip archive may declare, uncompressed
 *  (32 GiB). */
#define TSN_LIMIT_ZIP_BYTES ((uint64_t)32 * 1024 * 1024 * 1024)
/** Highest compression ratio of an entry of over
 *  TSN_LIMIT_ZIP_RATIO_FLOOR bytes (real advisories stay under 20:1; a
 *  zip bomb's entries reach 1000:1). */
#define TSN_LIMIT_ZIP_RATIO 100
#define TSN_LIMIT_ZIP_RATIO_FLOOR ((uint64_t)1024 * 1024)

/** Limits in force for one context. */
typedef struct tsn_limits {
    size_t document_bytes;
    unsigned depth;
    size_t components;
    size_t field_bytes;
} tsn_limits;

#define TSN_LIMITS_DEFAULT                                                     \
    {                                                                          \
        TSN_LIMIT_DOCUMENT_BYTES, TSN_LIMIT_DEPTH, TSN_LIMIT_COMPONENTS,       \
            TSN_LIMIT_FIELD_BYTES                                              \
    }

#endif
