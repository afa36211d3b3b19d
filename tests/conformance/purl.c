/* SPDX-License-Identifier: Apache-2.0 */
/*
 * purl conformance: every case of the upstream purl-spec test suite
 * (tests/spec and tests/types): parse, build and validate (round trip to
 * canonical form). Pass counts are printed per test group.
 */
#include "harness.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagi/errors.h"
#include "tsunagi/purl.h"

struct tally {
    int pass, total;
};
static struct tally
    groups[2][3]; /* [required|recommended][parse|build|validate] */

/*
 * Deliberate deviations, each documented in docs/conformance.md: the suite
 * asks strict parsing to reject upper-case qualifier keys (gem, rpm) and,
 * for these two maven cases, to accept them. tsunagi's strict parse
 * rejects them consistently; the lenient parse (validate) lowercases them.
 */
static const char *const deviations[] = {
    "pkg:Maven/org.apache.xmlgraphics/batik-anim@1.9.1?classifier=sources&"
    "repositorY_url=https://repo.spring.io/release",
    "pkg:Maven/org.apache.xmlgraphics/batik-anim@1.9.1?type=pom&"
    "repositorY_url=repo.spring.io/release",
};
static int n_deviations;

static bool is_deviation(const char *type, const tsnu_json *input)
{
    if (strcmp(type, "parse") != 0 || input->type != TSNU_JSON_STRING)
        return false;
    for (size_t i = 0; i < sizeof deviations / sizeof *deviations; i++)
        if (strcmp(deviations[i], input->u.str) == 0)
            return true;
    return false;
}

static const char *opt_str(const tsnu_json *o, const char *k)
{
    const tsnu_json *v = tsnu_json_get(o, k);
    return v && v->type == TSNU_JSON_STRING ? v->u.str : NULL;
}

static bool
same_parts(const tsn_purl *p, const tsnu_json *exp, char *why, size_t n)
{
    static const char *const keys[] = {"type", "namespace", "name", "version",
                                       "subpath"};
    const char *got[] = {p->type, p->namespace_, p->name, p->version,
                         p->subpath};
    const tsnu_json *q = tsnu_json_get(exp, "qualifiers");
    size_t nq = q && q->type == TSNU_JSON_OBJECT ? q->len : 0;

    for (int i = 0; i < 5; i++) {
        if (!tsnu_streq(got[i], opt_str(exp, keys[i]))) {
            snprintf(why, n, "%s: got \"%s\" expected \"%s\"", keys[i],
                     got[i] ? got[i] : "(null)",
                     opt_str(exp, keys[i]) ? opt_str(exp, keys[i]) : "(null)");
            return false;
        }
    }
    if (nq != p->n_qualifiers) {
        snprintf(why, n, "qualifier count %zu, expected %zu", p->n_qualifiers,
                 nq);
        return false;
    }
    for (size_t i = 0; i < nq; i++) {
        const char *v = tsn_purl_qualifier_get(p, q->u.members[i].key);
        if (!tsnu_streq(v, q->u.members[i].value.u.str)) {
            snprintf(why, n, "qualifier %s: got \"%s\"", q->u.members[i].key,
                     v ? v : "(null)");
            return false;
        }
    }
    return true;
}

static void run_case(const tsnu_json *t, const char *file)
{
    const char *type = opt_str(t, "test_type");
    const char *group = opt_str(t, "test_group");
    const tsnu_json *input = tsnu_json_get(t, "input");
    const tsnu_json *expv = tsnu_json_get(t, "expected_output");
    const tsnu_json *fail = tsnu_json_get(t, "expected_failure");
    bool expect_fail = fail && fail->type == TSNU_JSON_TRUE;
    int gi = group && strcmp(group, "recommended") == 0 ? 1 : 0;
    int ti;
    bool ok = false;
    char why[512] = "";
    tsn_purl *p = NULL;
    char *canon = NULL;
    int rc;

    if (!type)
        return;
    if (strcmp(type, "parse") == 0) {
        ti = 0;
        rc = tsn_purl_parse(&p, input->u.str, TSN_PURL_STRICT);
        if (expect_fail)
            ok = rc < 0;
        else if (rc < 0)
            snprintf(why, sizeof why, "%s", tsn_error_last()->message);
        else
            ok = same_parts(p, expv, why, sizeof why);
    } else if (strcmp(type, "build") == 0) {
        tsn_purl parts = {0};
        tsn_purl_qualifier qs[64];
        const tsnu_json *q = tsnu_json_get(input, "qualifiers");
        ti = 1;
        parts.type = opt_str(input, "type");
        parts.namespace_ = opt_str(input, "namespace");
        parts.name = opt_str(input, "name");
        parts.version = opt_str(input, "version");
        parts.subpath = opt_str(input, "subpath");
        if (q && q->type == TSNU_JSON_OBJECT) {
            for (size_t i = 0; i < q->len && i < 64; i++) {
                qs[i].key = q->u.members[i].key;
                qs[i].value = q->u.members[i].value.u.str;
            }
            parts.qualifiers = qs;
            parts.n_qualifiers = q->len < 64 ? q->len : 64;
        }
        rc = tsn_purl_build(&p, &parts);
        if (rc == 0)
            rc = tsn_purl_canonical(&canon, p);
        if (expect_fail)
            ok = rc < 0;
        else if (rc < 0)
            snprintf(why, sizeof why, "%s", tsn_error_last()->message);
        else
            ok = tsnu_streq(canon, expv->u.str);
    } else {
        ti = 2;
        rc = tsn_purl_parse(&p, input->u.str, 0);
        if (rc == 0)
            rc = tsn_purl_canonical(&canon, p);
        if (expect_fail)
            ok = rc < 0;
        else if (rc < 0)
            snprintf(why, sizeof why, "%s", tsn_error_last()->message);
        else
            ok = tsnu_streq(canon, expv->u.str);
    }
    groups[gi][ti].total++;
    if (!ok && is_deviation(type, input)) {
        n_deviations++;
        printf("deviation (documented): %s %s\n", type, input->u.str);
        goto out;
    }
    if (ok)
        groups[gi][ti].pass++;
    CHECK(ok, "%s: %s %s: %s -> %s %s", file, type, group,
          input->type == TSNU_JSON_STRING ? input->u.str : "(object)",
          canon ? canon : "", why);
out:
    tsn_purl_free(p);
    tsn_free(canon);
}

static void run_file(const char *path)
{
    tsnu_arena arena = TSNU_ARENA_INIT;
    tsnu_json *root = th_load_json(&arena, path);
    const tsnu_json *tests = tsnu_json_get(root, "tests");
    const char *base = strrchr(path, '/');
    for (size_t i = 0; tests && i < tests->len; i++)
        run_case(&tests->u.items[i], base ? base + 1 : path);
    tsnu_arena_dispose(&arena);
}

int main(void)
{
    const char *spec = th_shared("purl/tests/spec/specification-test.json");
    const char *types = th_shared("purl/tests/types");
    static const char *const gname[] = {"required", "recommended"};
    static const char *const tname[] = {"parse", "build", "validate"};
    struct dirent **list;
    int n;

    if (!spec || !types) {
        printf("SKIP: purl-spec test suite not found (../shared/data)\n");
        return TH_SKIP;
    }
    run_file(spec);
    n = scandir(types, &list, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        if (strstr(list[i]->d_name, "-test.json")) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", types, list[i]->d_name);
            run_file(path);
        }
        free(list[i]);
    }
    free(list);
    for (int g = 0; g < 2; g++)
        for (int t = 0; t < 3; t++)
            printf("purl %-11s %-8s %d/%d\n", gname[g], tname[t],
                   groups[g][t].pass, groups[g][t].total);
    printf("purl documented deviations: %d\n", n_deviations);
    return th_finish("purl conformance");
}
