/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzz target: version parsing and ordering. Input: one byte choosing
 * the scheme, then three versions separated by '\n'. Every scheme must
 * give cmp(a,a) == 0 and cmp(a,b) == -cmp(b,a), and the heap form must
 * agree with the allocation-free compare. Transitivity is not checked:
 * tsunagi follows the reference implementations, and some of them are
 * not transitive on odd input (Maven: a~RA > 0 > 0a0a, a~RA < 0a0a).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagi/tsunagi.h"
#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int sgn(int x)
{
    return (x > 0) - (x < 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || memchr(data, 0, size))
        return 0;
    tsn_vscheme scheme = (tsn_vscheme)(1 + data[0] % (TSN_VS__COUNT - 1));
    char *s = tsnu_strndup((const char *)data + 1, size - 1);
    if (!s)
        return 0;
    char *v[3] = {s, NULL, NULL};
    for (int i = 1; i < 3; i++) {
        char *nl = v[i - 1] ? strchr(v[i - 1], '\n') : NULL;
        if (nl) {
            *nl = '\0';
            v[i] = nl + 1;
        }
    }
    tsn_ver *p[3] = {NULL, NULL, NULL};
    for (int i = 0; i < 3; i++)
        if (v[i] && tsn_version_parse(&p[i], scheme, v[i]) == 0) {
            if (tsn_version_cmp(p[i], p[i]) != 0)
                abort();
            if (strcmp(tsn_version_text(p[i]), v[i]) != 0)
                abort();
        }
    int c[3][3];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            if (!p[i] || !p[j])
                continue;
            c[i][j] = sgn(tsn_version_cmp(p[i], p[j]));
            int d = 2;
            if (tsn_version_compare(scheme, v[i], v[j], &d) != 0 ||
                d != c[i][j])
                abort();
        }
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            if (!p[i] || !p[j])
                continue;
            if (c[i][j] != -c[j][i])
                abort();
        }
    for (int i = 0; i < 3; i++)
        tsn_version_free(p[i]);
    tsn_free(s);
    return 0;
}
