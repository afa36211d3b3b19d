/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CPE 2.3 names (NISTIR 7695): the well-formed name (WFN) and its two
 * bindings, the formatted string ("cpe:2.3:...") and the URI ("cpe:/...").
 * Matching names against each other comes with the scanner.
 */
#ifndef TSUNAGI_CPE_H
#define TSUNAGI_CPE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** WFN attributes, in binding order. */
typedef enum {
    TSN_CPE_PART = 0,
    TSN_CPE_VENDOR,
    TSN_CPE_PRODUCT,
    TSN_CPE_VERSION,
    TSN_CPE_UPDATE,
    TSN_CPE_EDITION,
    TSN_CPE_LANGUAGE,
    TSN_CPE_SW_EDITION,
    TSN_CPE_TARGET_SW,
    TSN_CPE_TARGET_HW,
    TSN_CPE_OTHER,
    TSN_CPE_N_ATTRS
} tsn_cpe_attr;

/** Kind of an attribute value. */
typedef enum {
    TSN_CPE_ANY = 0, /**< the logical value ANY */
    TSN_CPE_NA,      /**< the logical value NA (not applicable) */
    TSN_CPE_VALUE    /**< a string, in WFN form (special characters quoted
                          with a backslash, unquoted * and ? wildcards) */
} tsn_cpe_kind;

typedef struct tsn_cpe tsn_cpe;

/**
 * Parse a formatted string (cpe:2.3:...) or a URI (cpe:/...) into a WFN.
 * @param[out] out caller owns *out; free with tsn_cpe_free().
 * @return 0, TSN_EINVALID (reason in tsn_error_last()) or TSN_ENOMEM
 */
TSN_API int tsn_cpe_parse(tsn_cpe **out, const char *str);

/** Kind of attribute @p a. */
TSN_API tsn_cpe_kind tsn_cpe_kind_of(const tsn_cpe *cpe, tsn_cpe_attr a);
/** Value of attribute @p a in WFN form (borrowed), or NULL for ANY/NA. */
TSN_API const char *tsn_cpe_value(const tsn_cpe *cpe, tsn_cpe_attr a);
/** Attribute name as in a WFN ("sw_edition"); static. */
TSN_API const char *tsn_cpe_attr_name(tsn_cpe_attr a);

/**
 * Bind to a formatted string, a URI, or the WFN text form
 * (wfn:[part="a",vendor="microsoft",...]).
 * @param[out] out newly allocated; free with tsn_free().
 * @return 0, TSN_EINVALID (the WFN cannot be bound, e.g. a wildcard in a
 *         URI-bound attribute) or TSN_ENOMEM
 */
TSN_API int tsn_cpe_to_fs(char **out, const tsn_cpe *cpe);
TSN_API int tsn_cpe_to_uri(char **out, const tsn_cpe *cpe);
TSN_API int tsn_cpe_to_wfn(char **out, const tsn_cpe *cpe);

/** Free a CPE; NULL is a no-op. */
TSN_API void tsn_cpe_free(tsn_cpe *cpe);

#ifdef __cplusplus
}
#endif

#endif
