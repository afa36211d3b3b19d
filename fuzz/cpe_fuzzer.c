/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzz target: CPE parsing; every parsed name must bind to a formatted
 * string that parses back to the same formatted string.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagi/tsunagi.h"
#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = tsnu_strndup((const char *)data, size);
    tsn_cpe *a = NULL, *b = NULL;
    char *fs1 = NULL, *fs2 = NULL, *uri = NULL;

    if (!s)
        return 0;
    if (!memchr(data, 0, size) && tsn_cpe_parse(&a, s) == 0 &&
        tsn_cpe_to_fs(&fs1, a) == 0) {
        if (tsn_cpe_parse(&b, fs1) != 0 || tsn_cpe_to_fs(&fs2, b) != 0 ||
            strcmp(fs1, fs2) != 0)
            abort();
        tsn_cpe_to_uri(&uri, a);
    }
    tsn_free(fs1);
    tsn_free(fs2);
    tsn_free(uri);
    tsn_cpe_free(a);
    tsn_cpe_free(b);
    tsn_free(s);
    return 0;
}
