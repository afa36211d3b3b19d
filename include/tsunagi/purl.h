/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Package URLs (purl): parse, validate and normalise per type, and render
 * the canonical string form.
 */
#ifndef TSUNAGI_PURL_H
#define TSUNAGI_PURL_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tsn_purl_qualifier {
    const char *key;   /**< lowercase, [a-z0-9._-], not starting with a digit */
    const char *value; /**< decoded, never empty */
} tsn_purl_qualifier;

/**
 * A package URL split into decoded components. As returned by the library
 * every string is owned by the tsn_purl and freed with it. Filled in by
 * the caller (borrowed strings) it is the input of tsn_purl_build().
 */
typedef struct tsn_purl {
    const char *type;               /**< lowercase; never NULL once parsed */
    const char *namespace_;         /**< segments joined by '/', or NULL */
    const char *name;               /**< never NULL once parsed */
    const char *version;            /**< or NULL */
    tsn_purl_qualifier *qualifiers; /**< sorted by key once parsed */
    size_t n_qualifiers;
    const char *subpath; /**< segments joined by '/', or NULL */
} tsn_purl;

/** Parse flags. */
enum {
    /**
     * Reject what the specification says must already be canonical
     * (upper-case qualifier keys) instead of normalising it.
     */
    TSN_PURL_STRICT = 1u << 0
};

/**
 * Parse and normalise a package URL.
 * @param[out] out caller owns *out; free with tsn_purl_free(). NULL on error.
 * @param str      NUL-terminated purl string
 * @param flags    TSN_PURL_* flags
 * @return 0, TSN_EINVALID (with the reason in tsn_error_last()),
 *         TSN_ETOOBIG or TSN_ENOMEM
 */
TSN_API int tsn_purl_parse(tsn_purl **out, const char *str, unsigned flags);

/**
 * Validate and normalise components given by the caller.
 * @param[out] out caller owns *out; free with tsn_purl_free().
 * @param parts    borrowed; qualifiers need not be sorted
 * @return 0, TSN_EINVALID or TSN_ENOMEM
 */
TSN_API int tsn_purl_build(tsn_purl **out, const tsn_purl *parts);

/**
 * Render the canonical form.
 * @param[out] out newly allocated string; caller frees with tsn_free().
 * @param purl     a purl returned by tsn_purl_parse() or tsn_purl_build()
 * @return 0 or TSN_ENOMEM
 */
TSN_API int tsn_purl_canonical(char **out, const tsn_purl *purl);

/** Value of qualifier @p key, borrowed, or NULL. */
TSN_API const char *tsn_purl_qualifier_get(const tsn_purl *purl,
                                           const char *key);

/** Free a purl; NULL is a no-op. */
TSN_API void tsn_purl_free(tsn_purl *purl);

#ifdef __cplusplus
}
#endif

#endif
