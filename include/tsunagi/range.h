/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Version ranges: OSV events, vers, NVD bounds and each ecosystem's own
 * range syntax, all compiled into one tsn_range and evaluated with the
 * version rules of one scheme (see version.h).
 */
#ifndef TSUNAGI_RANGE_H
#define TSUNAGI_RANGE_H

#include <stdbool.h>
#include <stddef.h>

#include "common.h"
#include "version.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A compiled range. */
typedef struct tsn_range tsn_range;

/** How the text given to tsn_range_parse() is written. */
typedef enum tsn_range_form {
    TSN_RANGE_AUTO = 0,    /**< "vers:" prefix → vers; OSV events (text or
                                JSON) → OSV; anything else → native */
    TSN_RANGE_NATIVE,      /**< the ecosystem's own syntax */
    TSN_RANGE_VERS,        /**< vers, parsed leniently (spaces, order) */
    TSN_RANGE_VERS_STRICT, /**< vers, only the canonical form */
    TSN_RANGE_OSV,         /**< OSV events: "introduced:1.0,fixed:1.2" or
                                JSON (events array, range or affected) */
} tsn_range_form;

/** Flags for tsn_range_parse(). */
enum {
    /** Let pre-releases match ranges that do not name one (node-semver's
     *  includePrerelease; PEP 440 prereleases=True; Conan
     *  include_prerelease). Without it each ecosystem's own rule holds. */
    TSN_RANGE_INCLUDE_PRERELEASE = 1u << 0,
};

/** OSV event types. */
typedef enum tsn_osv_event_type {
    TSN_OSV_INTRODUCED,
    TSN_OSV_FIXED,
    TSN_OSV_LAST_AFFECTED,
    TSN_OSV_LIMIT,
} tsn_osv_event_type;

/** One OSV range event; "0" introduced and "*" limit are the specials. */
typedef struct tsn_osv_event {
    tsn_osv_event_type type;
    const char *version;
} tsn_osv_event;

/** NVD CPE match bounds; NULL for an absent bound. */
typedef struct tsn_nvd_bounds {
    const char *version; /**< the CPE's version ("*", "-" or NULL = any) */
    const char *start_including;
    const char *start_excluding;
    const char *end_including;
    const char *end_excluding;
} tsn_nvd_bounds;

/**
 * Compile @p text as a range of @p scheme.
 * @return 0, TSN_EINVALID (reason in tsn_error_last()), TSN_ETOOBIG
 *         (TSN_LIMIT_RANGE_BYTES, TSN_LIMIT_RANGE_TERMS), TSN_EUSAGE or
 *         TSN_ENOMEM. A vers range names its own scheme; @p scheme may
 *         then be TSN_VS_UNKNOWN, else it must agree.
 */
TSN_API int tsn_range_parse(tsn_range **out,
                            tsn_vscheme scheme,
                            const char *text,
                            tsn_range_form form,
                            unsigned flags);

/**
 * Compile one OSV range (its events in any order).
 * @return as tsn_range_parse(); events with unparsable versions are an
 *         error, never skipped.
 */
TSN_API int tsn_range_from_osv(tsn_range **out,
                               tsn_vscheme scheme,
                               const tsn_osv_event *events,
                               size_t n);

/** Compile NVD bounds (versionStart/End Including/Excluding). */
TSN_API int tsn_range_from_nvd(tsn_range **out,
                               tsn_vscheme scheme,
                               const tsn_nvd_bounds *b);

/**
 * Whether @p version lies in @p r.
 * @return 0 with *in set, or TSN_EINVALID when @p version is not a
 *         version of the range's scheme (never a silent "no").
 */
TSN_API int
tsn_range_contains(const tsn_range *r, const char *version, bool *in);

/** As tsn_range_contains() for a parsed version of the same scheme. */
TSN_API int
tsn_range_contains_ver(const tsn_range *r, const tsn_ver *v, bool *in);

/**
 * The range as a vers string ("vers:npm/>=1.0.0|<2.0.0"), constraints
 * sorted by version; malloc'd into *out.
 */
TSN_API int tsn_range_to_vers(const tsn_range *r, char **out);

/** The scheme the range compares with. */
TSN_API tsn_vscheme tsn_range_scheme(const tsn_range *r);

/** Free a range; NULL is a no-op. */
TSN_API void tsn_range_free(tsn_range *r);

#ifdef __cplusplus
}
#endif

#endif
