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

int jr_hashes(tsn_sbom *s,
              const tsnu_json *obj,
              const tsnu_jpath *path,
              const char *key,
              const char *alg_key,
              const char *value_key,
              const char *(*canonical)(const char *alg),
              tsn_sbom_component *c)
{
    int error = 0;
    const tsnu_json *arr = jr_typed(s, obj, path, key, TSNU_JSON_ARRAY, &error);
    tsnu_jpath ap = CHILD(path, key);
    tsn_sbom_hash *h;
    size_t n = 0;

    if (!arr || error < 0)
        return error;
    h = tsnu_arena_calloc(&s->arena, arr->len ? arr->len : 1, sizeof *h);
    TSN_CHECK_ALLOC(h);
    for (size_t i = 0; i < arr->len && error == 0; i++) {
        const tsnu_json *e = &arr->u.items[i];
        tsnu_jpath ip = INDEX(&ap, i);
        const char *alg, *value, *name;
        if (e->type != TSNU_JSON_OBJECT) {
            error = jr_type_err(s, &ip, e, "an object");
            break;
        }
        alg = jr_str(s, e, &ip, alg_key, true, &error);
        value = jr_str(s, e, &ip, value_key, true, &error);
        if (error < 0 || !alg || !value)
            continue;
        name = canonical(alg);
        if (!name) {
            tsnu_jpath kp = CHILD(&ip, alg_key);
            /* SPEC: CDX hash-alg / SPDX-2.3 §7.10 algorithm enumeration */
            error = tsn_sbom__diag(s, TSN_DIAG_ERROR,
                                   jr_loc(s, &kp, tsnu_json_get(e, alg_key)),
                                   "\"%.60s\" is not an allowed value", alg);
            break;
        }
        if (tsn_rules__hash(name, value) == 2) {
            tsnu_jpath vp = CHILD(&ip, value_key);
            /* SPEC: CDX hash-content pattern */
            error = tsn_sbom__diag(
                s, TSN_DIAG_ERROR, jr_loc(s, &vp, tsnu_json_get(e, value_key)),
                "not a %s digest (hex of the right length)", alg);
        }
        h[n].alg = name;
        h[n].value = value;
        n++;
    }
    c->hashes = h;
    c->n_hashes = n;
    return error;
}
