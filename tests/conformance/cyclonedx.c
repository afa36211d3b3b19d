/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CycloneDX conformance: every valid-* document of the upstream
 * specification test resources must read with no error diagnostics, every
 * invalid-* document must fail to read or carry at least one error.
 * Pass rates are printed per spec version and encoding. Protocol buffer
 * text documents (*.textproto) are not an SBOM exchange format tsunagi
 * reads and are not counted.
 */
#include "harness.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagi/tsunagi.h"

struct tally {
    int pass, total;
};

static tsn_ctx *ctx;

static bool run_doc(const char *path, bool expect_valid, char *why, size_t n)
{
    tsn_sbom *s = NULL;
    int rc = tsn_sbom_read_file(&s, ctx, path, NULL);
    bool ok;
    if (rc < 0) {
        snprintf(why, n, "read error: %s", tsn_error_last()->message);
        return !expect_valid;
    }
    if (expect_valid) {
        size_t nd;
        const tsn_sbom_diag *d = tsn_sbom_diags(s, &nd);
        ok = tsn_sbom_error_count(s) == 0;
        for (size_t i = 0; i < nd && !ok; i++)
            if (d[i].severity == TSN_DIAG_ERROR) {
                snprintf(why, n, "%s: %s", d[i].location, d[i].message);
                break;
            }
    } else {
        ok = tsn_sbom_error_count(s) > 0;
        if (!ok)
            snprintf(why, n, "accepted an invalid document");
    }
    tsn_sbom_free(s);
    return ok;
}

int main(int argc, char **argv)
{
    const char *root = th_shared("cyclonedx/conformance");
    static const char *const versions[] = {"1.0", "1.1", "1.2", "1.3", "1.4",
                                           "1.5", "1.6", "1.7", "ext"};
    const char *only_enc = argc > 1 ? argv[1] : NULL; /* "json" or "xml" */
    struct tally all[2] = {{0, 0}, {0, 0}};

    if (!root) {
        printf("SKIP: CycloneDX conformance suite not found\n");
        return TH_SKIP;
    }
    if (tsn_ctx_new(&ctx) < 0)
        return 1;
    for (size_t v = 0; v < sizeof versions / sizeof *versions; v++) {
        char dir[4096];
        struct dirent **list;
        struct tally t[2] = {{0, 0}, {0, 0}};
        int n;
        snprintf(dir, sizeof dir, "%s/%s", root, versions[v]);
        n = scandir(dir, &list, NULL, alphasort);
        for (int i = 0; i < n; i++) {
            const char *name = list[i]->d_name;
            size_t len = strlen(name);
            int enc = -1;
            bool valid, ok;
            char path[8192], why[1024] = "";
            if (len > 5 && strcmp(name + len - 5, ".json") == 0)
                enc = 0;
            else if (len > 4 && strcmp(name + len - 4, ".xml") == 0)
                enc = 1;
            if (enc < 0 || (only_enc && strcmp(only_enc, enc ? "xml" : "json")))
                goto next;
            if (strncmp(name, "valid-", 6) == 0)
                valid = true;
            else if (strncmp(name, "invalid-", 8) == 0)
                valid = false;
            else
                goto next; /* informal-* cases are not normative */
            snprintf(path, sizeof path, "%s/%s", dir, name);
            ok = run_doc(path, valid, why, sizeof why);
            t[enc].total++;
            all[enc].total++;
            if (ok) {
                t[enc].pass++;
                all[enc].pass++;
            }
            CHECK(ok, "%s/%s: %s", versions[v], name, why);
        next:
            free(list[i]);
        }
        if (n > 0)
            free(list);
        printf("cyclonedx %-3s json %d/%d  xml %d/%d\n", versions[v], t[0].pass,
               t[0].total, t[1].pass, t[1].total);
    }
    printf("cyclonedx all json %d/%d  xml %d/%d\n", all[0].pass, all[0].total,
           all[1].pass, all[1].total);
    tsn_ctx_free(ctx);
    return th_finish("cyclonedx conformance");
}
