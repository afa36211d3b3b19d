/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The CSAF reader against OASIS's validator test suite: every mandatory
 * test's failure documents must be refused, naming that test, and its
 * valid documents read. The tests not run (see `skipped`) are reported
 * and must stay uncaught, so the list is corrected when one is added.
 * Every example document (advisories and VEX) reads.
 */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include "tsunagi/advisory.h"
#include "tsunagi/errors.h"

/* Mandatory tests the reader does not run: 6.1.11 needs the CWE
 * catalog. */
static const char *const skipped[] = {"6.1.11"};

static bool is_skipped(const char *id)
{
    for (size_t i = 0; i < sizeof skipped / sizeof *skipped; i++)
        if (strcmp(id, skipped[i]) == 0)
            return true;
    return false;
}

/* Read one file; 0, or the error with its message in *why. */
static int read_doc(const char *path, const char **why)
{
    tsn_buf text = {0};
    int rc = tsnu_file_read(&text, path, 64u << 20);
    CHECK(rc == 0, "read %s", path);
    tsn_advisory *a = NULL;
    if (rc == 0)
        rc = tsn_csaf_read(&a, tsn_buf_cstr(&text), text.len, path);
    *why = rc < 0 ? tsn_error_last()->message : NULL;
    if (rc == 0)
        CHECK(a && a->id && a->modified, "%s: id and modified", path);
    tsn_advisory_free(a);
    tsn_buf_dispose(&text);
    return rc;
}

/* Whether @p why names test @p id: its message, or the list of the others
 * failed ("; also fails 6.1.27.4, 6.1.27.5"). */
static bool names_test(const char *why, const char *id)
{
    char want[40];
    snprintf(want, sizeof want, "CSAF %s:", id);
    if (strstr(why, want))
        return true;
    const char *also = strstr(why, "; also fails ");
    for (const char *a = also ? also + 13 : ""; *a;) {
        size_t k = strcspn(a, ",");
        if (k == strlen(id) && strncmp(a, id, k) == 0)
            return true;
        a += k;
        a += strspn(a, ", ");
    }
    return false;
}

struct tally {
    long fail_total, fail_named, fail_other, valid_total, valid_read;
};

static void run_test(const char *dir,
                     const tsnu_json *t,
                     struct tally *all,
                     struct tally *skip)
{
    const char *id = tsnu_json_get_str(t, "id");
    bool sk = is_skipped(id);
    struct tally *tl = sk ? skip : all;
    static const char *const kinds[] = {"failures", "valid"};
    for (int k = 0; k < 2; k++) {
        const tsnu_json *list = tsnu_json_get(t, kinds[k]);
        for (size_t i = 0; list && i < list->len; i++) {
            const char *name = tsnu_json_get_str(&list->u.items[i], "name");
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", dir, name);
            const char *why;
            int rc = read_doc(path, &why);
            if (k == 0) {
                tl->fail_total++;
                bool named = rc == TSN_EINVALID && names_test(why, id);
                tl->fail_named += named;
                tl->fail_other += rc == TSN_EINVALID && !named;
                if (sk)
                    CHECK(rc == 0,
                          "%s: %s is listed as not run, but refused: %s", id,
                          name, why ? why : "");
                else
                    CHECK(named, "%s: %s should be refused by %s, got: %s", id,
                          name, id, rc ? why : "read");
            } else {
                tl->valid_total++;
                tl->valid_read += rc == 0;
                CHECK(rc == 0, "%s: %s is valid, refused: %s", id, name,
                      why ? why : "");
            }
            if (th_verbose)
                printf("  %-8s %-50s %s\n", id, name, rc ? why : "read");
        }
    }
}

static void examples(const char *rel)
{
    const char *dir = th_shared(rel);
    if (!dir) {
        CHECK(false, "missing %s", rel);
        return;
    }
    char *dcopy = strdup(dir);
    size_t n;
    char **names = th_json_names(dcopy, &n);
    long ok = 0;
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dcopy, names[i]);
        const char *why;
        int rc = read_doc(path, &why);
        ok += rc == 0;
        CHECK(rc == 0, "%s: %s", names[i], why ? why : "");
    }
    printf("%-42s %ld of %zu read\n", rel, ok, n);
    th_free_names(names, n);
    free(dcopy);
}

int main(int argc, char **argv)
{
    th_verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
    const char *d = th_shared("csaf/2.0/validator-tests");
    if (!d)
        return TH_SKIP;
    char *dir = strdup(d);
    char path[4096];
    snprintf(path, sizeof path, "%s/testcases.json", dir);
    tsnu_arena arena = TSNU_ARENA_INIT;
    tsnu_json *root = th_load_json(&arena, path);
    CHECK(root != NULL, "load %s", path);
    const tsnu_json *tests = root ? tsnu_json_get(root, "tests") : NULL;
    struct tally all = {0}, skip = {0};
    long ntests = 0;
    for (size_t i = 0; tests && i < tests->len; i++) {
        const tsnu_json *t = &tests->u.items[i];
        if (!tsnu_streq(tsnu_json_get_str(t, "group"), "mandatory"))
            continue;
        ntests++;
        run_test(dir, t, &all, &skip);
    }
    long files =
        all.fail_total + all.valid_total + skip.fail_total + skip.valid_total;
    long right = all.fail_named + all.valid_read + skip.valid_read;
    printf("CSAF 2.0 mandatory tests: %ld tests, %ld documents; %ld of them "
           "judged right (%.1f%%)\n",
           ntests, files, right, files ? 100.0 * (double)right / files : 0.0);
    printf("  run:     %ld failure documents, %ld refused naming the test, "
           "%ld refused for another; %ld valid documents, %ld read\n",
           all.fail_total, all.fail_named, all.fail_other, all.valid_total,
           all.valid_read);
    printf("  not run (6.1.11): %ld failure documents read; "
           "%ld valid documents, %ld read\n",
           skip.fail_total, skip.valid_total, skip.valid_read);
    examples("csaf/2.0/examples/csaf");
    examples("csaf/2.0/examples/csaf/csaf_vex");
    tsnu_arena_dispose(&arena);
    free(dir);
    return th_finish("csaf");
}
