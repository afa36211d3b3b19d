/* SPDX-License-Identifier: Apache-2.0 */
/* Shared helpers of the JSON SBOM readers; see jread.h. */
#include "jread.h"

#include <string.h>

const char *jr_loc(tsn_sbom *s, const tsnu_jpath *p, const tsnu_json *v)
{
    return tsn_sbom__json_loc(s, p, v ? v->line : 0);
}

int jr_err(tsn_sbom *s,
           const tsnu_jpath *p,
           const tsnu_json *v,
           const char *msg)
{
    return tsn_sbom__diag(s, TSN_DIAG_ERROR, jr_loc(s, p, v), "%s", msg);
}

int jr_warn(tsn_sbom *s,
            const tsnu_jpath *p,
            const tsnu_json *v,
            const char *msg)
{
    return tsn_sbom__diag(s, TSN_DIAG_WARNING, jr_loc(s, p, v), "%s", msg);
}

int jr_type_err(tsn_sbom *s,
                const tsnu_jpath *p,
                const tsnu_json *v,
                const char *expected)
{
    return tsn_sbom__diag(s, TSN_DIAG_ERROR, jr_loc(s, p, v),
                          "expected %s, got %s", expected,
                          tsnu_json_type_name(v->type));
}

const char *jr_str(tsn_sbom *s,
                   const tsnu_json *obj,
                   const tsnu_jpath *path,
                   const char *key,
                   bool required,
                   int *error)
{
    const tsnu_json *v = tsnu_json_get(obj, key);
    tsnu_jpath cp = CHILD(path, key);
    if (*error < 0)
        return NULL;
    if (!v) {
        if (required)
            *error = tsn_sbom__diag(s, TSN_DIAG_ERROR, jr_loc(s, path, obj),
                                    "required property \"%s\" is missing", key);
        return NULL;
    }
    if (v->type != TSNU_JSON_STRING) {
        *error = jr_type_err(s, &cp, v, "a string");
        return NULL;
    }
    return v->u.str;
}

const tsnu_json *jr_typed(tsn_sbom *s,
                          const tsnu_json *obj,
                          const tsnu_jpath *path,
                          const char *key,
                          int type,
                          int *error)
{
    const tsnu_json *v = tsnu_json_get(obj, key);
    tsnu_jpath cp = CHILD(path, key);
    if (!v || *error < 0)
        return NULL;
    if (v->type != type) {
        *error = jr_type_err(
            s, &cp, v, type == TSNU_JSON_ARRAY ? "an array" : "an object");
        return NULL;
    }
    return v;
}

int jr_enum(tsn_sbom *s,
            const tsnu_json *obj,
            const tsnu_jpath *path,
            const char *key,
            const char *const *allowed,
            const char **out)
{
    int error = 0;
    const char *v = jr_str(s, obj, path, key, false, &error);
    if (out)
        *out = v;
    if (error < 0 || !v)
        return error;
    if (!tsn_rules__in(v, allowed)) {
        tsnu_jpath cp = CHILD(path, key);
        return tsn_sbom__diag(s, TSN_DIAG_ERROR,
                              jr_loc(s, &cp, tsnu_json_get(obj, key)),
                              "\"%.100s\" is not an allowed value", v);
    }
    return 0;
}
