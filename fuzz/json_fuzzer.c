/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzz target: the strict JSON parser. Each input is also parsed with
 * members left out (tsnu_json_opts.skip): whatever the whole parse takes,
 * the skipping one takes too, and its tree is the whole one without those
 * members.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const skip[] = {"a", "details", "", NULL};

static bool skipped(const char *key, size_t len)
{
    for (const char *const *k = skip; *k; k++)
        if (strlen(*k) == len && memcmp(*k, key, len) == 0)
            return true;
    return false;
}

/* Whether @p part is @p whole without the skipped members. */
static bool same(const tsnu_json *whole, const tsnu_json *part)
{
    if (whole->type != part->type)
        return false;
    switch (whole->type) {
    case TSNU_JSON_NUMBER:
    case TSNU_JSON_STRING:
        return whole->len == part->len &&
               memcmp(whole->u.str, part->u.str, whole->len) == 0;
    case TSNU_JSON_ARRAY:
        if (whole->len != part->len)
            return false;
        for (size_t i = 0; i < whole->len; i++)
            if (!same(&whole->u.items[i], &part->u.items[i]))
                return false;
        return true;
    case TSNU_JSON_OBJECT: {
        size_t j = 0;
        for (size_t i = 0; i < whole->len; i++) {
            const tsnu_json_member *m = &whole->u.members[i];
            if (skipped(m->key, m->key_len))
                continue;
            if (j >= part->len)
                return false;
            const tsnu_json_member *n = &part->u.members[j++];
            if (m->key_len != n->key_len ||
                memcmp(m->key, n->key, m->key_len) != 0 ||
                !same(&m->value, &n->value))
                return false;
        }
        return j == part->len;
    }
    default:
        return true;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tsnu_arena arena = TSNU_ARENA_INIT, other = TSNU_ARENA_INIT;
    tsnu_json *root = NULL, *part = NULL;
    tsnu_json_opts opts = {.max_depth = 64, .max_string = 4096};
    int rc =
        tsnu_json_parse(&root, &arena, (const char *)data, size, &opts, "fuzz");
    opts.skip = skip;
    int prc =
        tsnu_json_parse(&part, &other, (const char *)data, size, &opts, "fuzz");
    if (rc == 0 && (prc != 0 || !same(root, part)))
        abort();
    tsnu_arena_dispose(&arena);
    tsnu_arena_dispose(&other);
    return 0;
}
