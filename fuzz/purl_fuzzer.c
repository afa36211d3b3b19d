/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzz target: purl parse -> canonical -> parse must round-trip. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagi/tsunagi.h"
#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = tsnu_strndup((const char *)data, size);
    tsn_purl *p = NULL, *q = NULL;
    char *c1 = NULL, *c2 = NULL;

    if (!s)
        return 0;
    if (memchr(data, 0, size) == NULL && tsn_purl_parse(&p, s, 0) == 0 &&
        tsn_purl_canonical(&c1, p) == 0) {
        /* The canonical form must parse again to the same canonical form. */
        if (tsn_purl_parse(&q, c1, 0) != 0 || tsn_purl_canonical(&c2, q) != 0 ||
            strcmp(c1, c2) != 0)
            abort();
    }
    tsn_free(c1);
    tsn_free(c2);
    tsn_purl_free(p);
    tsn_purl_free(q);
    tsn_free(s);
    return 0;
}
