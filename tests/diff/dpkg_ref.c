/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference for the Debian differential test: dpkg's own parser and
 * comparison (libdpkg, the code behind dpkg --compare-versions). Reads
 * "A<TAB>B" lines, prints <, = or >, "! error" when dpkg refuses a
 * version, "? warning" when it accepts one with a warning.
 */
#define LIBDPKG_VOLATILE_API 1
#include <dpkg/dpkg.h>
#include <dpkg/error.h>
#include <dpkg/dpkg-db.h>
#include <dpkg/version.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse(struct dpkg_version *v, const char *s)
{
    struct dpkg_error err = DPKG_ERROR_INIT;
    int rc = parseversion(v, s, &err);
    int kind = rc < 0 ? (err.type == DPKG_MSG_WARN ? 1 : 2) : 0;
    dpkg_error_destroy(&err);
    return kind;
}

int main(void)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        if (n > 0 && line[n - 1] == '\n')
            line[--n] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab)
            return 2;
        *tab = '\0';
        struct dpkg_version a, b;
        int ka = parse(&a, line), kb = parse(&b, tab + 1);
        if (ka == 2 || kb == 2) {
            puts("! refused");
            continue;
        }
        int c = dpkg_version_compare(&a, &b);
        printf("%s%s\n", (ka || kb) ? "? " : "",
               c < 0   ? "<"
               : c > 0 ? ">"
                       : "=");
    }
    free(line);
    return 0;
}
