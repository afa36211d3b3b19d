/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzz target: the strict JSON parser. */
#include <stdint.h>

#include "util/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tsnu_arena arena = TSNU_ARENA_INIT;
    tsnu_json *root = NULL;
    tsnu_json_opts opts = {.max_depth = 64, .max_string = 4096};
    tsnu_json_parse(&root, &arena, (const char *)data, size, &opts, "fuzz");
    tsnu_arena_dispose(&arena);
    return 0;
}
