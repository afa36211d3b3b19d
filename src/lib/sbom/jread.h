/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Helpers for readers of JSON-encoded SBOM formats: typed member access
 * that records a diagnostic (with JSON pointer and line) when a member
 * has the wrong type or is missing, and enumeration checks.
 */
#ifndef TSN_SBOM_JREAD_H
#define TSN_SBOM_JREAD_H

#include "model.h"

#define CHILD(parent, k)                                                       \
    {                                                                          \
        (parent), (k), 0                                                       \
    }
#define INDEX(parent, i)                                                       \
    {                                                                          \
        (parent), NULL, (i)                                                    \
    }

const char *jr_loc(tsn_sbom *s, const tsnu_jpath *p, const tsnu_json *v);
int jr_err(tsn_sbom *s,
           const tsnu_jpath *p,
           const tsnu_json *v,
           const char *msg);
int jr_warn(tsn_sbom *s,
            const tsnu_jpath *p,
            const tsnu_json *v,
            const char *msg);
/* "expected EXPECTED, got TYPE" at @p p. */
int jr_type_err(tsn_sbom *s,
                const tsnu_jpath *p,
                const tsnu_json *v,
                const char *expected);
/*
 * Member @p key of @p obj as a string. Absent: NULL (and an error when
 * @p required). Present with another type: an error and NULL. Does
 * nothing once *error is negative.
 */
const char *jr_str(tsn_sbom *s,
                   const tsnu_json *obj,
                   const tsnu_jpath *path,
                   const char *key,
                   bool required,
                   int *error);
/* Member @p key if it has JSON type @p type; an error if it has another. */
const tsnu_json *jr_typed(tsn_sbom *s,
                          const tsnu_json *obj,
                          const tsnu_jpath *path,
                          const char *key,
                          int type,
                          int *error);
/* Member @p key, if present, must be a string in @p allowed. */
int jr_enum(tsn_sbom *s,
            const tsnu_json *obj,
            const tsnu_jpath *path,
            const char *key,
            const char *const *allowed,
            const char **out);

/*
 * Read an array of hash objects (member @p key of @p obj), each with an
 * algorithm member @p alg_key and a digest member @p value_key, both
 * required. @p canonical maps a format's algorithm name to the CycloneDX
 * name, returns the name itself when the format uses CycloneDX names, or
 * NULL when the name is not in the format's vocabulary (an error).
 * Digests are checked for algorithms CycloneDX knows. The hashes are set
 * on @p c (algorithms CycloneDX does not know are kept under their own
 * name).
 */
int jr_hashes(tsn_sbom *s,
              const tsnu_json *obj,
              const tsnu_jpath *path,
              const char *key,
              const char *alg_key,
              const char *value_key,
              const char *(*canonical)(const char *alg),
              tsn_sbom_component *c);

#endif
