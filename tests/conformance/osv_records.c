/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The OSV reader on real records: every record of osv/pypi and osv/go
 * reads without a violation, and of osv-schema's linter test data the
 * record without an introduced event is refused with that reason while
 * the others read (their other faults, a package missing from its
 * registry and repeated entries, are beyond the schema).
 */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include "tsunagi/advisory.h"
#include "tsunagi/errors.h"

/* Read every .json file of a shared directory; returns the count read and
 * sets *bad to the count refused, printing the first reasons. */
static long run(const char *rel,
                long *bad,
                const char *expect_bad_prefix,
                const char *expect_reason)
{
    const char *dir = th_shared(rel);
    *bad = 0;
    if (!dir) {
        CHECK(false, "missing %s", rel);
        return 0;
    }
    char *dcopy = strdup(dir);
    size_t n;
    char **names = th_json_names(dcopy, &n);
    long ok = 0, warned = 0;
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dcopy, names[i]);
        tsn_buf text = {0};
        CHECK(tsnu_file_read(&text, path, 64u << 20) == 0, "read %s", path);
        tsn_advisory *a = NULL;
        int rc = tsn_osv_read(&a, tsn_buf_cstr(&text), text.len, names[i]);
        bool want_bad =
            expect_bad_prefix && strncmp(names[i], expect_bad_prefix,
                                         strlen(expect_bad_prefix)) == 0;
        if (rc == 0) {
            ok++;
            CHECK(!want_bad, "%s: read, but should be refused", names[i]);
            CHECK(a && a->id && a->modified, "%s: id and modified", names[i]);
            if (a && a->nwarnings) {
                warned++;
                if (th_verbose)
                    printf("  warning: %s:%s\n", names[i], a->warnings[0]);
            }
        } else {
            (*bad)++;
            const char *why = tsn_error_last()->message;
            CHECK(want_bad && strstr(why, expect_reason), "%s refused: %s",
                  names[i], why);
            if (th_verbose)
                printf("  refused: %s\n", why);
        }
        tsn_advisory_free(a);
        tsn_buf_dispose(&text);
    }
    th_free_names(names, n);
    free(dcopy);
    printf("%-30s %ld records: %ld read (%ld with warnings), %ld refused\n",
           rel, ok + *bad, ok, warned, *bad);
    return ok;
}

int main(int argc, char **argv)
{
    th_verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
    if (!th_shared("osv/pypi"))
        return TH_SKIP;
    long bad;
    run("osv/pypi", &bad, NULL, NULL);
    run("osv/go", &bad, NULL, NULL);
    run("osv-schema/linter-testdata", &bad, "nointroduced-",
        "range without an introduced event");
    CHECK(bad == 1, "one linter record refused, got %ld", bad);
    return th_finish("osv-records");
}
