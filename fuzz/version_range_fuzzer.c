/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzz target: range compilation and evaluation. Input: one byte
 * choosing the scheme, one choosing the form (auto, native, vers,
 * strict vers, OSV), one for flags, then RANGE '\n' VERSION. A range
 * that compiles must print as a vers, that vers must compile again and
 * print the same (the canonical form is a fixed point), and evaluating
 * VERSION must not fail for any reason but an invalid version.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagi/tsunagi.h"
#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3 || memchr(data, 0, size))
        return 0;
    tsn_vscheme scheme = (tsn_vscheme)(1 + data[0] % (TSN_VS__COUNT - 1));
    static const tsn_range_form forms[] = {
        TSN_RANGE_AUTO, TSN_RANGE_NATIVE, TSN_RANGE_VERS, TSN_RANGE_VERS_STRICT,
        TSN_RANGE_OSV};
    tsn_range_form form = forms[data[1] % 5];
    unsigned flags = data[2] & 1 ? TSN_RANGE_INCLUDE_PRERELEASE : 0;
    char *s = tsnu_strndup((const char *)data + 3, size - 3);
    if (!s)
        return 0;
    char *ver = strchr(s, '\n');
    if (ver)
        *ver++ = '\0';
    tsn_range *r = NULL;
    if (tsn_range_parse(&r, scheme, s, form, flags) == 0) {
        char *v1 = NULL, *v2 = NULL;
        tsn_range *r2 = NULL;
        if (tsn_range_to_vers(r, &v1) != 0)
            abort();
        if (tsn_range_parse(&r2, TSN_VS_UNKNOWN, v1, TSN_RANGE_VERS, 0) != 0)
            abort();
        if (tsn_range_to_vers(r2, &v2) != 0 || strcmp(v1, v2) != 0)
            abort();
        if (ver) {
            bool in = false;
            int rc = tsn_range_contains(r, ver, &in);
            if (rc != 0 && rc != TSN_EINVALID && rc != TSN_ETOOBIG)
                abort();
            if (rc == 0) {
                bool in2 = false;
                if (tsn_range_contains(r2, ver, &in2) != 0)
                    abort();
            }
        }
        tsn_free(v1);
        tsn_free(v2);
        tsn_range_free(r2);
    }
    tsn_range_free(r);
    tsn_free(s);
    return 0;
}
