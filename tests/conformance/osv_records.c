/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The OSV reader on real records: every record of osv/pypi and osv/go
 * reads without a violation, and of osv-schema's linter test data the
 * record without an introduced event is refused with that reason while
 * the others read (their other faults, a package missing from its
 * registry and repeated entries, are beyond the schema). Each record read
 * as a scan reads it from the knowledge base (tsnr_osv_read_matching())
 * is the record read whole less its details, references and CWEs.
 */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include "lib/advisory/rd.h"
#include "tsunagi/advisory.h"
#include "tsunagi/errors.h"
#include "util/json.h"

/* @p a as JSON (tsn_advisory_to_json()), compact, less the members
 * @p skip names; NULL when it cannot be written. */
static char *as_json(const tsn_advisory *a, const char *const *skip)
{
    char *json = NULL;
    if (tsn_advisory_to_json(a, &json) < 0)
        return NULL;
    tsnu_arena ar = TSNU_ARENA_INIT;
    tsnu_json *root = NULL;
    tsnu_json_opts o = {.max_depth = 64, .max_string = 1u << 24, .skip = skip};
    tsn_buf b = TSN_BUF_INIT(SIZE_MAX / 2);
    char *out = NULL;
    if (tsnu_json_parse(&root, &ar, json, strlen(json), &o, "json") == 0 &&
        tsnu_json_emit(&b, root) == 0)
        out = tsn_buf_detach(&b);
    tsn_buf_dispose(&b);
    tsnu_arena_dispose(&ar);
    tsn_free(json);
    return out;
}

/* Whether record @p text reads for matching as it reads whole, less what
 * that leaves out. */
static bool reads_for_matching(const tsn_advisory *whole,
                               const tsn_buf *text,
                               const char *name)
{
    static const char *const unread[] = {"details", "references", "cwe_ids",
                                         NULL};
    tsn_advisory *m = NULL;
    if (tsnr_osv_read_matching(&m, text->ptr, text->len, name) < 0)
        return false;
    char *x = as_json(whole, unread), *y = as_json(m, NULL);
    bool same =
        x && y && strcmp(x, y) == 0 && !m->details && !m->nrefs && !m->ncwes;
    tsn_free(x);
    tsn_free(y);
    tsn_advisory_free(m);
    return same;
}

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
    long ok = 0, warned = 0, matching = 0;
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
            if (a && reads_for_matching(a, &text, names[i]))
                matching++;
            else
                CHECK(false, "%s: read for matching, differs", names[i]);
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
    printf("%-30s %ld records: %ld read (%ld with warnings), %ld refused; "
           "%ld read alike for matching\n",
           rel, ok + *bad, ok, warned, *bad, matching);
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
