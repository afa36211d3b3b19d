/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The mandatory tests of CSAF 2.0 (section 6.1) that need the whole
 * document: product and group references, product status, scores,
 * languages, the revision history, the category's profile and flags.
 * Reading the tree already ran 6.1.2, 6.1.5, 6.1.13 and 6.1.31. The first
 * failure is the error, its message naming the test.
 */
#include "lib/lib.h"

#include "lib/advisory/csaf.h"
#include "tsunagi/cvss.h"
#include "tsunagi/version.h"
#include "util/json.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define AT TSNR_AT
#define IDX TSNR_IDX

/* A test's outcome: a failure (TSN_EINVALID) is noted and the next test
 * runs, so that the error names every test the document fails; other
 * errors stop. */
static int record(csaf *c, int rc)
{
    if (rc != TSN_EINVALID)
        return rc;
    const char *msg = tsn_error_last()->message;
    if (!c->first_failure) {
        return (c->first_failure = tsnu_arena_strdup(c->c.arena, msg))
                   ? 0
                   : tsn_error_oom();
    }
    /* the test's number follows the place; the input's name before it
     * may hold anything */
    size_t skip = strlen(c->c.name);
    const char *t = strlen(msg) > skip ? strstr(msg + skip, ": CSAF ") : NULL;
    if (!t)
        return 0;
    t += 7;
    size_t n = strcspn(t, ":");
    char id[40];
    snprintf(id, sizeof id, "CSAF %.*s:", (int)(n < 31 ? n : 31), t);
    if (strstr(c->first_failure + skip, id))
        return 0;
    const char *num = id + 5;
    size_t nl = strlen(num) - 1; /* without the colon */
    for (const char *a = tsn_buf_cstr(&c->also); *a;) {
        size_t k = strcspn(a, ",");
        if (k == nl && strncmp(a, num, nl) == 0)
            return 0;
        a += k;
        a += strspn(a, ", ");
    }
    return tsn_buf_printf(&c->also, "%s%.*s", c->also.len ? ", " : "", (int)nl,
                          num);
}

/* ---- references to products and groups --------------------------------- */

/* Called for each product id (@p group false) or group id the document
 * refers to, with its place; nonzero stops the walk. */
typedef int (*ref_fn)(csaf *c,
                      bool group,
                      const tsnu_json *id,
                      const tsnu_jpath *p,
                      void *payload);

static int id_list(csaf *c,
                   const tsnu_json *o,
                   const tsnu_jpath *p,
                   const char *key,
                   bool group,
                   ref_fn fn,
                   void *payload)
{
    const tsnu_json *ids;
    size_t n;
    int rc = tsnr_items(&c->c, o, p, key, false, &ids, &n);
    tsnu_jpath lp = AT(p, key);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        tsnu_jpath ip = IDX(&lp, i);
        if (ids[i].type != TSNU_JSON_STRING)
            return tsnr_bad(&c->c, &ip, &ids[i], "an id is a string");
        rc = fn(c, group, &ids[i], &ip, payload);
    }
    return rc;
}

/* Every product and group reference of the document. */
static int walk_refs(csaf *c, ref_fn fn, void *payload)
{
    int rc = 0;
    tsnu_jpath tp = AT(NULL, "product_tree");
    tsnu_jpath gp = AT(&tp, "product_groups");
    for (size_t i = 0; rc == 0 && i < c->ngroups; i++) {
        tsnu_jpath ip = IDX(&gp, i);
        rc = id_list(c, &c->group_items[i], &ip, "product_ids", false, fn,
                     payload);
    }
    const tsnu_json *rs = tsnu_json_get(c->tree, "relationships");
    tsnu_jpath rp = AT(&tp, "relationships");
    for (size_t i = 0; rc == 0 && rs && i < rs->len; i++) {
        tsnu_jpath ip = IDX(&rp, i);
        static const char *const keys[] = {"product_reference",
                                           "relates_to_product_reference"};
        for (size_t k = 0; rc == 0 && k < 2; k++) {
            tsnu_jpath kp = AT(&ip, keys[k]);
            rc = fn(c, false, tsnu_json_get(&rs->u.items[i], keys[k]), &kp,
                    payload);
        }
    }
    tsnu_jpath vp = AT(NULL, "vulnerabilities");
    for (size_t v = 0; rc == 0 && v < c->nvulns; v++) {
        const tsnu_json *vu = &c->vulns[v];
        tsnu_jpath ip = IDX(&vp, v);
        const tsnu_json *ps = tsnu_json_get(vu, "product_status");
        tsnu_jpath sp = AT(&ip, "product_status");
        for (size_t k = 0;
             rc == 0 && ps && ps->type == TSNU_JSON_OBJECT && k < CSAF_NSTATUS;
             k++)
            rc = id_list(c, ps, &sp, csaf_status_names[k], false, fn, payload);
        static const struct {
            const char *key, *ids;
            bool groups;
        } lists[] = {{"remediations", "product_ids", true},
                     {"scores", "products", false},
                     {"threats", "product_ids", true},
                     {"flags", "product_ids", true}};
        for (size_t l = 0; rc == 0 && l < sizeof lists / sizeof *lists; l++) {
            const tsnu_json *items;
            size_t n;
            if ((rc = tsnr_items(&c->c, vu, &ip, lists[l].key, false, &items,
                                 &n)) < 0)
                break;
            tsnu_jpath lp = AT(&ip, lists[l].key);
            for (size_t i = 0; rc == 0 && i < n; i++) {
                tsnu_jpath ep = IDX(&lp, i);
                if ((rc = tsnr_object(&c->c, &items[i], &ep)) < 0)
                    break;
                rc = id_list(c, &items[i], &ep, lists[l].ids, false, fn,
                             payload);
                if (rc == 0 && lists[l].groups)
                    rc = id_list(c, &items[i], &ep, "group_ids", true, fn,
                                 payload);
            }
        }
    }
    return rc;
}

/* 6.1.1 and 6.1.4: every reference is defined. */
static int
defined(csaf *c, bool group, const tsnu_json *id, const tsnu_jpath *p, void *pl)
{
    (void)pl;
    if (!id || id->type != TSNU_JSON_STRING)
        return tsnr_bad(&c->c, p, id, "a product id is a string");
    size_t i;
    if (group ? tsnu_map_get(&c->groups, id->u.str, &i)
              : csaf_product(c, id->u.str) != NULL)
        return 0;
    return tsnr_bad(&c->c, p, id,
                    group ? "CSAF 6.1.4: product group '%s' is not defined"
                          : "CSAF 6.1.1: product '%s' is not defined in the "
                            "product tree",
                    id->u.str);
}

/* 6.1.3: no relationship leads back to the product it defines. */
static int circular(csaf *c)
{
    size_t n = c->prods.len;
    unsigned char *color = tsn_calloc(n + 1, 1); /* 0 new, 1 on path, 2 done */
    size_t *stack = tsn_calloc(n + 1, sizeof *stack);
    int *edge = tsn_calloc(n + 1, sizeof *edge);
    int rc = color && stack && edge ? 0 : tsn_error_oom();
    for (size_t s = 0; rc == 0 && s < n; s++) {
        if (color[s])
            continue;
        size_t top = 0;
        stack[top] = s;
        edge[top] = 0;
        color[s] = 1;
        while (rc == 0) {
            size_t u = stack[top];
            const csaf_prod *pu = TSNU_VEC_AT(&c->prods, csaf_prod, u);
            const char *next = edge[top] == 0   ? pu->ref
                               : edge[top] == 1 ? pu->on
                                                : NULL;
            if (edge[top] < 2) {
                edge[top]++;
                size_t w;
                if (!next || !tsnu_map_get(&c->ids, next, &w) || color[w] == 2)
                    continue;
                if (color[w] == 1) {
                    tsnu_jpath tp = AT(NULL, "product_tree");
                    rc = tsnr_bad(&c->c, &tp, pu->at,
                                  "CSAF 6.1.3: product '%s' is defined "
                                  "through itself (relationships via '%s')",
                                  pu->id, next);
                    break;
                }
                color[w] = 1;
                stack[++top] = w;
                edge[top] = 0;
                continue;
            }
            color[u] = 2;
            if (top == 0)
                break;
            top--;
        }
    }
    free(color);
    free(stack);
    free(edge);
    return rc;
}

/* ---- product status ---------------------------------------------------- */

/* 6.1.6: a product is in at most one of the groups affected, not
 * affected, fixed and under investigation, per vulnerability. */
static int contradicting(csaf *c, const tsnu_json *vu, const tsnu_jpath *vp)
{
    static const int group_of[] = {0, 0, 0, 2, 2, -1, 1, 3};
    static const char *const groups[] = {"affected", "not affected", "fixed",
                                         "under investigation"};
    const tsnu_json *ps = tsnu_json_get(vu, "product_status");
    if (!ps || ps->type != TSNU_JSON_OBJECT)
        return 0;
    tsnu_map seen = TSNU_MAP_INIT;
    int rc = 0;
    tsnu_jpath sp = AT(vp, "product_status");
    for (size_t k = 0; rc == 0 && k < CSAF_NSTATUS; k++) {
        const tsnu_json *ids = tsnu_json_get(ps, csaf_status_names[k]);
        tsnu_jpath lp = AT(&sp, csaf_status_names[k]);
        for (size_t i = 0; rc == 0 && group_of[k] >= 0 && ids &&
                           ids->type == TSNU_JSON_ARRAY && i < ids->len;
             i++) {
            const char *id = ids->u.items[i].u.str;
            size_t g;
            if (tsnu_map_get(&seen, id, &g) && g != (size_t)group_of[k]) {
                tsnu_jpath ip = IDX(&lp, i);
                rc = tsnr_bad(&c->c, &ip, &ids->u.items[i],
                              "CSAF 6.1.6: product '%s' is both %s and %s", id,
                              groups[g], groups[group_of[k]]);
            } else {
                rc = tsnu_map_put(&seen, id, (size_t)group_of[k]);
            }
        }
    }
    tsnu_map_dispose(&seen);
    return rc;
}

/* The properties of a CVSS object (the CVSS JSON schemas 2.0, 3.0 and
 * 3.1) that name a metric of its vector: "LETTER=WORD|..." per value;
 * NOT_DEFINED is a metric the vector does not give (or gives as X/ND). */
struct cvss_prop {
    const char *prop, *metric, *values;
};
static const struct cvss_prop cvss2_props[] = {
    {"accessVector", "AV", "N=NETWORK|A=ADJACENT_NETWORK|L=LOCAL"},
    {"accessComplexity", "AC", "H=HIGH|M=MEDIUM|L=LOW"},
    {"authentication", "Au", "M=MULTIPLE|S=SINGLE|N=NONE"},
    {"confidentialityImpact", "C", "N=NONE|P=PARTIAL|C=COMPLETE"},
    {"integrityImpact", "I", "N=NONE|P=PARTIAL|C=COMPLETE"},
    {"availabilityImpact", "A", "N=NONE|P=PARTIAL|C=COMPLETE"},
    {"exploitability", "E",
     "U=UNPROVEN|POC=PROOF_OF_CONCEPT|F=FUNCTIONAL|H=HIGH|ND=NOT_DEFINED"},
    {"remediationLevel", "RL",
     "OF=OFFICIAL_FIX|TF=TEMPORARY_FIX|W=WORKAROUND|U=UNAVAILABLE|"
     "ND=NOT_DEFINED"},
    {"reportConfidence", "RC",
     "UC=UNCONFIRMED|UR=UNCORROBORATED|C=CONFIRMED|ND=NOT_DEFINED"},
    {"collateralDamagePotential", "CDP",
     "N=NONE|L=LOW|LM=LOW_MEDIUM|MH=MEDIUM_HIGH|H=HIGH|ND=NOT_DEFINED"},
    {"targetDistribution", "TD", "N=NONE|L=LOW|M=MEDIUM|H=HIGH|ND=NOT_DEFINED"},
    {"confidentialityRequirement", "CR",
     "L=LOW|M=MEDIUM|H=HIGH|ND=NOT_DEFINED"},
    {"integrityRequirement", "IR", "L=LOW|M=MEDIUM|H=HIGH|ND=NOT_DEFINED"},
    {"availabilityRequirement", "AR", "L=LOW|M=MEDIUM|H=HIGH|ND=NOT_DEFINED"},
    {NULL, NULL, NULL},
};
#define AV3 "N=NETWORK|A=ADJACENT_NETWORK|L=LOCAL|P=PHYSICAL"
#define CIA3 "H=HIGH|L=LOW|N=NONE"
#define REQ3 "L=LOW|M=MEDIUM|H=HIGH|X=NOT_DEFINED"
static const struct cvss_prop cvss3_props[] = {
    {"attackVector", "AV", AV3},
    {"attackComplexity", "AC", "L=LOW|H=HIGH"},
    {"privilegesRequired", "PR", "N=NONE|L=LOW|H=HIGH"},
    {"userInteraction", "UI", "N=NONE|R=REQUIRED"},
    {"scope", "S", "U=UNCHANGED|C=CHANGED"},
    {"confidentialityImpact", "C", CIA3},
    {"integrityImpact", "I", CIA3},
    {"availabilityImpact", "A", CIA3},
    {"exploitCodeMaturity", "E",
     "U=UNPROVEN|P=PROOF_OF_CONCEPT|F=FUNCTIONAL|H=HIGH|X=NOT_DEFINED"},
    {"remediationLevel", "RL",
     "O=OFFICIAL_FIX|T=TEMPORARY_FIX|W=WORKAROUND|U=UNAVAILABLE|"
     "X=NOT_DEFINED"},
    {"reportConfidence", "RC",
     "U=UNKNOWN|R=REASONABLE|C=CONFIRMED|X=NOT_DEFINED"},
    {"confidentialityRequirement", "CR", REQ3},
    {"integrityRequirement", "IR", REQ3},
    {"availabilityRequirement", "AR", REQ3},
    {"modifiedAttackVector", "MAV", AV3 "|X=NOT_DEFINED"},
    {"modifiedAttackComplexity", "MAC", "L=LOW|H=HIGH|X=NOT_DEFINED"},
    {"modifiedPrivilegesRequired", "MPR", "N=NONE|L=LOW|H=HIGH|X=NOT_DEFINED"},
    {"modifiedUserInteraction", "MUI", "N=NONE|R=REQUIRED|X=NOT_DEFINED"},
    {"modifiedScope", "MS", "U=UNCHANGED|C=CHANGED|X=NOT_DEFINED"},
    {"modifiedConfidentialityImpact", "MC", CIA3 "|X=NOT_DEFINED"},
    {"modifiedIntegrityImpact", "MI", CIA3 "|X=NOT_DEFINED"},
    {"modifiedAvailabilityImpact", "MA", CIA3 "|X=NOT_DEFINED"},
    {NULL, NULL, NULL},
};

/* The word of vector value @p v in @p values ("N=NETWORK|..."), into
 * @p out; NOT_DEFINED for "" (not given). */
static void value_word(const char *values, const char *v, char *out, size_t cap)
{
    snprintf(out, cap, "NOT_DEFINED");
    size_t n = strlen(v);
    for (const char *p = values; n && *p;) {
        size_t len = strcspn(p, "|");
        const char *eq = memchr(p, '=', len);
        if (eq && (size_t)(eq - p) == n && strncmp(p, v, n) == 0) {
            snprintf(out, cap, "%.*s", (int)(len - n - 1), eq + 1);
            return;
        }
        p += len + (p[len] == '|');
    }
}

/*
 * 6.1.9: a CVSS object's scores and severities are what its vector
 * computes; 6.1.10: its metric properties say what its vector says. A
 * vector that is not one, or of another version than the object's, fails
 * the schema's pattern (6.1.8).
 */
static int
cvss_object(csaf *c, const tsnu_json *cv, const tsnu_jpath *kp, bool v3)
{
    const char *vec = tsnu_json_get_str(cv, "vectorString");
    const char *ver = tsnu_json_get_str(cv, "version");
    tsnu_jpath vp = AT(kp, "vectorString");
    tsn_cvss_scores sc;
    if (!vec || !ver)
        return 0; /* 6.1.8 said so */
    if (tsn_cvss_score(vec, &sc) < 0) {
        char why[512];
        snprintf(why, sizeof why, "%s", tsn_error_last()->message);
        return tsnr_bad(&c->c, &vp, tsnu_json_get(cv, "vectorString"),
                        "CSAF 6.1.8: not a CVSS vector: %s", why);
    }
    tsn_cvss_version want = !v3                       ? TSN_CVSS_V2
                            : strcmp(ver, "3.0") == 0 ? TSN_CVSS_V30
                            : strcmp(ver, "3.1") == 0 ? TSN_CVSS_V31
                                                      : (tsn_cvss_version)0;
    if (sc.version != want)
        return tsnr_bad(&c->c, &vp, tsnu_json_get(cv, "vectorString"),
                        "CSAF 6.1.8: a vector of another CVSS version than "
                        "the object's %s",
                        ver);
    static const struct {
        const char *score, *severity;
    } kinds[] = {{"baseScore", "baseSeverity"},
                 {"temporalScore", "temporalSeverity"},
                 {"environmentalScore", "environmentalSeverity"}};
    const double computed[] = {sc.base, sc.temporal, sc.environmental};
    int rc = 0;
    for (size_t k = 0; rc == 0 && k < 3; k++) {
        const tsnu_json *n = tsnu_json_get(cv, kinds[k].score);
        if (n && n->type == TSNU_JSON_NUMBER &&
            fabs(strtod(n->u.str, NULL) - computed[k]) > 1e-9) {
            tsnu_jpath np = AT(kp, kinds[k].score);
            rc = tsnr_bad(&c->c, &np, n,
                          "CSAF 6.1.9: %s %s, where the vector computes %.1f",
                          kinds[k].score, n->u.str, computed[k]);
            break;
        }
        const char *sev = v3 ? tsnu_json_get_str(cv, kinds[k].severity) : NULL;
        double sv = computed[k];
        const char *want_sev =
            tsn_cvss_rating_name(sv == 0    ? TSN_CVSS_NONE
                                 : sv < 4.0 ? TSN_CVSS_LOW
                                 : sv < 7.0 ? TSN_CVSS_MEDIUM
                                 : sv < 9.0 ? TSN_CVSS_HIGH
                                            : TSN_CVSS_CRITICAL);
        if (sev && strcmp(sev, want_sev) != 0) {
            tsnu_jpath np = AT(kp, kinds[k].severity);
            rc = tsnr_bad(&c->c, &np, tsnu_json_get(cv, kinds[k].severity),
                          "CSAF 6.1.9: %s %s, where the vector's %.1f is %s",
                          kinds[k].severity, sev, sv, want_sev);
        }
    }
    for (const struct cvss_prop *p = v3 ? cvss3_props : cvss2_props;
         rc == 0 && p->prop; p++) {
        const char *have = tsnu_json_get_str(cv, p->prop);
        char val[8], word[32];
        if (!have)
            continue;
        if (tsn_cvss_metric(vec, p->metric, val, sizeof val) < 0)
            return tsn_error_last()->code;
        value_word(p->values, val, word, sizeof word);
        if (strcmp(have, word) != 0) {
            tsnu_jpath np = AT(kp, p->prop);
            rc = tsnr_bad(&c->c, &np, tsnu_json_get(cv, p->prop),
                          "CSAF 6.1.10: %s %s, where the vector says %s:%s "
                          "(%s)",
                          p->prop, have, p->metric, *val ? val : "-", word);
        }
    }
    return rc;
}

/* 6.1.7: one score per CVSS version and product; 6.1.8: the required
 * properties of each score; 6.1.9 and 6.1.10 (cvss_object()). */
static int scores(csaf *c, const tsnu_json *vu, const tsnu_jpath *vp)
{
    const tsnu_json *ss = tsnu_json_get(vu, "scores");
    tsnu_strset seen = TSNU_STRSET_INIT;
    tsnu_jpath lp = AT(vp, "scores");
    int rc = 0;
    for (size_t i = 0; rc == 0 && ss && i < ss->len; i++) {
        tsnu_jpath ip = IDX(&lp, i);
        const tsnu_json *s = &ss->u.items[i];
        static const char *const kinds[] = {"cvss_v2", "cvss_v3"};
        for (size_t k = 0; rc == 0 && k < 2; k++) {
            const tsnu_json *cv = tsnu_json_get(s, kinds[k]);
            if (!cv)
                continue;
            tsnu_jpath kp = AT(&ip, kinds[k]);
            if (cv->type != TSNU_JSON_OBJECT) {
                rc = tsnr_bad(&c->c, &kp, cv, "expected object");
                break;
            }
            static const char *const req3[] = {"version", "vectorString",
                                               "baseScore", "baseSeverity"};
            for (size_t r = 0; rc == 0 && r < (k ? 4u : 3u); r++)
                if (!tsnu_json_get(cv, req3[r]))
                    rc = tsnr_bad(&c->c, &kp, cv,
                                  "CSAF 6.1.8: the CVSS %s score has no '%s'",
                                  k ? "v3" : "v2", req3[r]);
            if (rc == 0)
                rc = cvss_object(c, cv, &kp, k == 1);
            const char *ver = tsnu_json_get_str(cv, "version");
            const tsnu_json *prods = tsnu_json_get(s, "products");
            for (size_t j = 0; rc == 0 && ver && prods &&
                               prods->type == TSNU_JSON_ARRAY && j < prods->len;
                 j++) {
                const char *id = prods->u.items[j].u.str;
                char *key = tsnu_arena_printf(c->c.arena, "%s\t%s", ver, id);
                if (!key) {
                    rc = tsn_error_oom();
                    break;
                }
                if ((rc = tsnu_strset_add(&seen, key)) == 0) {
                    tsnu_jpath pp = AT(&ip, "products"), jp = IDX(&pp, j);
                    rc = tsnr_bad(&c->c, &jp, &prods->u.items[j],
                                  "CSAF 6.1.7: product '%s' has a second CVSS "
                                  "%s score",
                                  id, ver);
                } else if (rc > 0) {
                    rc = 0;
                }
            }
        }
    }
    tsnu_strset_dispose(&seen);
    return rc;
}

/* ---- the document ------------------------------------------------------ */

/* ISO 639-1 language codes: the two-letter primary subtags of BCP 47. */
static const char iso639_1[] =
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce "
    "ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr "
    "fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is "
    "it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln "
    "lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv "
    "ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk "
    "sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw "
    "ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/* A language tag of BCP 47's shape whose primary subtag exists: two
 * letters from ISO 639-1, three (ISO 639-2/3: not checked further), or
 * "i"/"x" for grandfathered and private tags. */
static bool lang_ok(const char *tag)
{
    size_t n =
        strspn(tag, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
    if (n == 2) {
        char lc[3] = {(char)(tag[0] | 0x20), (char)(tag[1] | 0x20), 0};
        if (!strstr(iso639_1, lc) || (strstr(iso639_1, lc) - iso639_1) % 3)
            return false;
    } else if (!(n == 3 || (n == 1 && (tag[0] == 'x' || tag[0] == 'X' ||
                                       tag[0] == 'i' || tag[0] == 'I')))) {
        return false;
    }
    for (const char *s = tag + n; *s;) { /* -subtag, 1 to 8 alphanumerics */
        if (*s != '-')
            return false;
        size_t k = strspn(++s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrst"
                               "uvwxyz0123456789");
        if (k == 0 || k > 8)
            return false;
        s += k;
    }
    return true;
}

static int languages(csaf *c)
{
    tsnu_jpath dp = AT(NULL, "document");
    static const char *const keys[] = {"lang", "source_lang"};
    const char *v[2];
    for (size_t k = 0; k < 2; k++) {
        v[k] = tsnu_json_get_str(c->doc, keys[k]);
        if (v[k] && !lang_ok(v[k])) {
            tsnu_jpath kp = AT(&dp, keys[k]);
            return tsnr_bad(&c->c, &kp, tsnu_json_get(c->doc, keys[k]),
                            "CSAF 6.1.12: '%s' is not a language tag", v[k]);
        }
    }
    const char *pcat =
        tsnu_json_get_str(tsnu_json_get(c->doc, "publisher"), "category");
    if (pcat && strcmp(pcat, "translator") == 0 && !v[1])
        return tsnr_bad(&c->c, &dp, c->doc,
                        "CSAF 6.1.15: a translator's document needs "
                        "source_lang");
    if (v[0] && v[1] && strcasecmp(v[0], v[1]) == 0) {
        tsnu_jpath kp = AT(&dp, "source_lang");
        return tsnr_bad(&c->c, &kp, tsnu_json_get(c->doc, "source_lang"),
                        "CSAF 6.1.28: the document's language is its source "
                        "language, '%s'",
                        v[1]);
    }
    return 0;
}

/* 6.1.26: a category outside the profiles does not pass for one of them
 * (compared without case, '-', '_' and spaces, with and without the
 * prefix "csaf_"), nor takes the prefix "csaf_" itself. */
static int category_name(csaf *c)
{
    static const char *const profiles[] = {
        "csaf_base", "csaf_security_incident_response",
        "csaf_informational_advisory", "csaf_security_advisory", "csaf_vex"};
    const char *cat = c->category;
    for (size_t i = 0; i < sizeof profiles / sizeof *profiles; i++)
        if (strcmp(cat, profiles[i]) == 0)
            return 0;
    char norm[256];
    size_t n = 0;
    for (const char *s = cat; *s && n + 1 < sizeof norm; s++)
        if (*s != '-' && *s != '_' && *s != ' ')
            norm[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s | 0x20 : *s);
    norm[n] = '\0';
    tsnu_jpath cp = AT(NULL, "document"), kp = AT(&cp, "category");
    const tsnu_json *at = tsnu_json_get(c->doc, "category");
    if (strncasecmp(cat, "csaf_", 5) == 0)
        return tsnr_bad(&c->c, &kp, at,
                        "CSAF 6.1.26: the category '%s' takes the prefix "
                        "reserved for the standard's profiles",
                        cat);
    for (size_t i = 1; i < sizeof profiles / sizeof *profiles; i++) {
        char pn[64];
        size_t k = 0;
        for (const char *s = profiles[i]; *s; s++)
            if (*s != '_')
                pn[k++] = *s;
        pn[k] = '\0';
        if (strcmp(norm, pn) == 0 || strcmp(norm, pn + 4) == 0)
            return tsnr_bad(&c->c, &kp, at,
                            "CSAF 6.1.26: the category '%s' passes for the "
                            "profile %s",
                            cat, profiles[i]);
    }
    return 0;
}

/* ---- the revision history ---------------------------------------------- */

/* A version_t: an integer ("0", "12") or a semantic version. */
static bool int_version(const char *v)
{
    if (v[0] == '0')
        return v[1] == '\0';
    size_t n = strspn(v, "0123456789");
    return n > 0 && v[n] == '\0';
}

/* The pre-release part of a semantic version, or NULL. */
static const char *prerelease(const char *v)
{
    size_t n = strcspn(v, "+");
    const char *dash = memchr(v, '-', n);
    return dash;
}

/* Whether @p v is 0 or 0.y.z. */
static bool zero_version(const char *v)
{
    return v[0] == '0' && (v[1] == '\0' || v[1] == '.');
}

/* The major number (the integer itself for integer versioning). */
static unsigned long major_of(const char *v)
{
    return strtoul(v, NULL, 10);
}

struct rev {
    const tsnu_json *item;
    size_t index;
    int64_t date;
    const char *number;
};

static int cmp_number(const char *a, const char *b)
{
    if (int_version(a) && int_version(b)) {
        size_t la = strlen(a), lb = strlen(b);
        return la != lb ? (la < lb ? -1 : 1) : strcmp(a, b);
    }
    int r = 0;
    if (tsn_version_compare(TSN_VS_SEMVER, a, b, &r) < 0)
        r = strcmp(a, b);
    return r;
}

static int cmp_rev(const void *x, const void *y)
{
    const struct rev *a = x, *b = y;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    int r = cmp_number(a->number, b->number);
    return r ? r : (a->index > b->index) - (a->index < b->index);
}

/* Without build metadata. */
static size_t core_len(const char *v)
{
    return strcspn(v, "+");
}

static int history(csaf *c)
{
    tsnu_jpath dp = AT(NULL, "document"), tp = AT(&dp, "tracking");
    tsnu_jpath hp = AT(&tp, "revision_history"), vp = AT(&tp, "version");
    const tsnu_json *vat = tsnu_json_get(c->tracking, "version");
    const tsnu_json *h = tsnu_json_get(c->tracking, "revision_history");
    size_t n = h->len;
    bool draft = strcmp(c->status, "draft") == 0;
    const char *ver = c->version;
    bool isint = int_version(ver);
    /* 6.1.17 and 6.1.20: the document's version and its status */
    if (!draft && !isint && prerelease(ver))
        return tsnr_bad(&c->c, &vp, vat,
                        "CSAF 6.1.20: the version '%s' of a %s document has "
                        "a pre-release part",
                        ver, c->status);
    if (!draft && (zero_version(ver) || (!isint && prerelease(ver))))
        return tsnr_bad(&c->c, &vp, vat,
                        "CSAF 6.1.17: version '%s' is a draft's, the status "
                        "is %s",
                        ver, c->status);
    struct rev *rs = tsn_calloc(n + 1, sizeof *rs);
    if (!rs)
        return tsn_error_oom();
    int rc = 0;
    tsnu_strset seen = TSNU_STRSET_INIT;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        tsnu_jpath ip = IDX(&hp, i);
        const tsnu_json *it = &h->u.items[i];
        const char *num, *date;
        if ((rc = tsnr_object(&c->c, it, &ip)) < 0 ||
            (rc = tsnr_str(&c->c, it, &ip, "number", true, &num)) < 0 ||
            (rc = tsnr_time(&c->c, it, &ip, "date", true, &date)) < 0)
            break;
        tsnu_jpath np = AT(&ip, "number");
        const tsnu_json *nat = tsnu_json_get(it, "number");
        rs[i] = (struct rev){it, i, tsnr_epoch(date), num};
        if (int_version(num) != isint)
            rc = tsnr_bad(&c->c, &np, nat,
                          "CSAF 6.1.30: '%s' and the version '%s' mix "
                          "integer and semantic versioning",
                          num, ver);
        else if (!isint && prerelease(num))
            rc = tsnr_bad(&c->c, &np, nat,
                          "CSAF 6.1.19: revision '%s' has a pre-release part",
                          num);
        else if (!draft && zero_version(num))
            rc = tsnr_bad(&c->c, &np, nat,
                          "CSAF 6.1.18: a %s document has revision '%s'",
                          c->status, num);
        else if ((rc = tsnu_strset_add(&seen, num)) == 0)
            rc = tsnr_bad(&c->c, &np, nat,
                          "CSAF 6.1.22: revision '%s' is given twice", num);
        else if (rc > 0)
            rc = 0;
    }
    tsnu_strset_dispose(&seen);
    if (rc == 0 && n > 0) {
        qsort(rs, n, sizeof *rs, cmp_rev);
        /* 6.1.14: by date, the numbers ascend */
        for (size_t i = 1; rc == 0 && i < n; i++)
            if (cmp_number(rs[i - 1].number, rs[i].number) > 0) {
                tsnu_jpath ip = IDX(&hp, rs[i].index);
                rc = tsnr_bad(&c->c, &ip, rs[i].item,
                              "CSAF 6.1.14: revision '%s' is dated after "
                              "revision '%s'",
                              rs[i].number, rs[i - 1].number);
            }
        /* 6.1.21: no number left out, the first 0 or 1 */
        unsigned long first = major_of(rs[0].number);
        if (rc == 0 && first > 1) {
            tsnu_jpath ip = IDX(&hp, rs[0].index);
            rc = tsnr_bad(&c->c, &ip, rs[0].item,
                          "CSAF 6.1.21: the first revision is '%s', not 0 or "
                          "1",
                          rs[0].number);
        }
        for (size_t i = 1; rc == 0 && i < n; i++)
            if (major_of(rs[i].number) > major_of(rs[i - 1].number) + 1) {
                tsnu_jpath ip = IDX(&hp, rs[i].index);
                rc = tsnr_bad(&c->c, &ip, rs[i].item,
                              "CSAF 6.1.21: a revision between '%s' and '%s' "
                              "is missing",
                              rs[i - 1].number, rs[i].number);
            }
        /* 6.1.16: the version is the latest revision's */
        const char *last = rs[n - 1].number;
        size_t lv = core_len(ver), ll = core_len(last);
        if (draft && !isint) {
            const char *pv = prerelease(ver), *pl = prerelease(last);
            if (pv && (size_t)(pv - ver) < lv)
                lv = (size_t)(pv - ver);
            if (pl && (size_t)(pl - last) < ll)
                ll = (size_t)(pl - last);
        }
        if (rc == 0 && (lv != ll || strncmp(ver, last, lv) != 0))
            rc = tsnr_bad(&c->c, &vp, vat,
                          "CSAF 6.1.16: the version is '%s', the latest "
                          "revision '%s'",
                          ver, last);
    }
    free(rs);
    return rc;
}

/* ---- vulnerabilities ---------------------------------------------------- */

/* 6.1.23: each CVE once; 6.1.24: each party and date once among a
 * vulnerability's involvements; 6.1.29 and 6.1.32: remediations and flags
 * name what they are for. */
static int vulnerabilities(csaf *c)
{
    tsnu_strset cves = TSNU_STRSET_INIT;
    tsnu_jpath lp = AT(NULL, "vulnerabilities");
    int rc = 0;
    for (size_t v = 0; rc == 0 && v < c->nvulns; v++) {
        const tsnu_json *vu = &c->vulns[v];
        tsnu_jpath vp = IDX(&lp, v);
        if ((rc = tsnr_object(&c->c, vu, &vp)) < 0)
            break;
        const char *cve = tsnu_json_get_str(vu, "cve");
        if (cve && (rc = tsnu_strset_add(&cves, cve)) == 0) {
            tsnu_jpath cp = AT(&vp, "cve");
            rc = tsnr_bad(&c->c, &cp, tsnu_json_get(vu, "cve"),
                          "CSAF 6.1.23: %s is the subject of another "
                          "vulnerability too",
                          cve);
            break;
        }
        if (rc < 0)
            break;
        rc = 0;
        const tsnu_json *inv = tsnu_json_get(vu, "involvements");
        tsnu_jpath ip = AT(&vp, "involvements");
        for (size_t i = 0;
             rc == 0 && inv && inv->type == TSNU_JSON_ARRAY && i < inv->len;
             i++)
            for (size_t j = 0; rc == 0 && j < i; j++) {
                const tsnu_json *a = &inv->u.items[i], *b = &inv->u.items[j];
                if (tsnu_streq(tsnu_json_get_str(a, "party"),
                               tsnu_json_get_str(b, "party")) &&
                    tsnu_streq(tsnu_json_get_str(a, "date"),
                               tsnu_json_get_str(b, "date"))) {
                    tsnu_jpath ep = IDX(&ip, i);
                    rc = tsnr_bad(&c->c, &ep, a,
                                  "CSAF 6.1.24: the involvement of this party "
                                  "at this date is given twice");
                }
            }
        static const struct {
            const char *key, *test;
        } named[] = {{"remediations", "6.1.29"}, {"flags", "6.1.32"}};
        for (size_t k = 0; rc == 0 && k < 2; k++) {
            const tsnu_json *items = tsnu_json_get(vu, named[k].key);
            tsnu_jpath kp = AT(&vp, named[k].key);
            for (size_t i = 0; rc == 0 && items &&
                               items->type == TSNU_JSON_ARRAY && i < items->len;
                 i++) {
                const tsnu_json *it = &items->u.items[i];
                if (!tsnu_json_get(it, "product_ids") &&
                    !tsnu_json_get(it, "group_ids")) {
                    tsnu_jpath ep = IDX(&kp, i);
                    rc = tsnr_bad(&c->c, &ep, it,
                                  "CSAF %s: names neither products nor "
                                  "product groups",
                                  named[k].test);
                }
            }
        }
        if (rc == 0)
            rc = contradicting(c, vu, &vp);
        if (rc == 0)
            rc = scores(c, vu, &vp);
    }
    tsnu_strset_dispose(&cves);
    return rc;
}

/* 6.1.25: each hash algorithm once per file. */
static int hashes(csaf *c)
{
    for (size_t i = 0; i < c->prods.len; i++) {
        const csaf_prod *pr = TSNU_VEC_AT(&c->prods, csaf_prod, i);
        const tsnu_json *hs = tsnu_json_get(
            tsnu_json_get(pr->at, "product_identification_helper"), "hashes");
        for (size_t h = 0; hs && hs->type == TSNU_JSON_ARRAY && h < hs->len;
             h++) {
            const tsnu_json *fh = tsnu_json_get(&hs->u.items[h], "file_hashes");
            for (size_t a = 0; fh && fh->type == TSNU_JSON_ARRAY && a < fh->len;
                 a++)
                for (size_t b = 0; b < a; b++)
                    if (tsnu_streq(
                            tsnu_json_get_str(&fh->u.items[a], "algorithm"),
                            tsnu_json_get_str(&fh->u.items[b], "algorithm"))) {
                        tsnu_jpath tp = AT(NULL, "product_tree");
                        return tsnr_bad(
                            &c->c, &tp, &fh->u.items[a],
                            "CSAF 6.1.25: product '%s' gives the %s hash of "
                            "a file twice",
                            pr->id,
                            tsnu_json_get_str(&fh->u.items[a], "algorithm"));
                    }
        }
    }
    return 0;
}

/* ---- flags, threats and remediations per product ------------------------ */

/* Call @p fn with each product id that @p it (a flag, threat or
 * remediation) names, directly or through a group, until it returns
 * nonzero: that is the result. */
static int each_named(const csaf *c,
                      const tsnu_json *it,
                      int (*fn)(void *ctx, const char *id),
                      void *ctx)
{
    int rc = 0;
    const tsnu_json *ps = tsnu_json_get(it, "product_ids");
    for (size_t k = 0;
         rc == 0 && ps && ps->type == TSNU_JSON_ARRAY && k < ps->len; k++)
        rc = fn(ctx, ps->u.items[k].u.str);
    const tsnu_json *gs = tsnu_json_get(it, "group_ids");
    for (size_t k = 0;
         rc == 0 && gs && gs->type == TSNU_JSON_ARRAY && k < gs->len; k++) {
        size_t g;
        if (!tsnu_map_get(&c->groups, gs->u.items[k].u.str, &g))
            continue;
        const tsnu_json *gp = tsnu_json_get(&c->group_items[g], "product_ids");
        for (size_t j = 0;
             rc == 0 && gp && gp->type == TSNU_JSON_ARRAY && j < gp->len; j++)
            rc = fn(ctx, gp->u.items[j].u.str);
    }
    return rc;
}

static int is_id(void *ctx, const char *id)
{
    return tsnu_streq(id, ctx);
}

/* How many items of @p list (flags, threats, remediations) of @p vu name
 * product @p id, directly or through a group; with @p threat_cat only
 * threats of that category count. */
static size_t naming(const csaf *c,
                     const tsnu_json *vu,
                     const char *list,
                     const char *id,
                     const char *threat_cat)
{
    const tsnu_json *items = tsnu_json_get(vu, list);
    size_t count = 0;
    for (size_t i = 0;
         items && items->type == TSNU_JSON_ARRAY && i < items->len; i++) {
        const tsnu_json *it = &items->u.items[i];
        if (threat_cat &&
            !tsnu_streq(tsnu_json_get_str(it, "category"), threat_cat))
            continue;
        count += each_named(c, it, is_id, (void *)(uintptr_t)id) != 0;
    }
    return count;
}

/* 6.1.33's pass over the flags: which flag named each product first. */
struct flag_pass {
    csaf *c;
    tsnu_map seen;
    size_t f;
    const tsnu_json *fl;
    const tsnu_jpath *fp;
};

/* The flag that names @p id already, else note this one. */
static int flag_seen(void *ctx, const char *id)
{
    struct flag_pass *p = ctx;
    size_t g;
    if (tsnu_map_get(&p->seen, id, &g) && g != p->f) {
        tsnu_jpath ip = IDX(p->fp, p->f);
        return tsnr_bad(&p->c->c, &ip, &p->fl->u.items[p->f],
                        "CSAF 6.1.33: product '%s' has a second flag with a "
                        "VEX justification (the first is flags/%zu)",
                        id, g);
    }
    return tsnu_map_put(&p->seen, id, p->f);
}

/* 6.1.33: at most one flag (every flag label is a VEX justification) per
 * product, named directly or through a group. */
static int vex_flags(csaf *c, const tsnu_json *vu, const tsnu_jpath *vp)
{
    const tsnu_json *fl = tsnu_json_get(vu, "flags");
    if (!fl || fl->type != TSNU_JSON_ARRAY || fl->len < 2)
        return 0;
    tsnu_jpath fp = AT(vp, "flags");
    struct flag_pass p = {c, TSNU_MAP_INIT, 0, fl, &fp};
    int rc = 0;
    for (; rc == 0 && p.f < fl->len; p.f++)
        rc = each_named(c, &fl->u.items[p.f], flag_seen, &p);
    tsnu_map_dispose(&p.seen);
    return rc;
}

static int vex_all(csaf *c)
{
    tsnu_jpath lp = AT(NULL, "vulnerabilities");
    int rc = 0;
    for (size_t v = 0; rc == 0 && v < c->nvulns; v++) {
        tsnu_jpath vp = IDX(&lp, v);
        rc = vex_flags(c, &c->vulns[v], &vp);
    }
    return rc;
}

/* ---- profiles (6.1.27) --------------------------------------------------- */

static bool has_item(const tsnu_json *o,
                     const char *key,
                     const char *const *cats,
                     size_t ncats)
{
    const tsnu_json *items = tsnu_json_get(o, key);
    for (size_t i = 0;
         items && items->type == TSNU_JSON_ARRAY && i < items->len; i++) {
        const char *cat = tsnu_json_get_str(&items->u.items[i], "category");
        for (size_t k = 0; cat && k < ncats; k++)
            if (strcmp(cat, cats[k]) == 0)
                return true;
    }
    return false;
}

static int profile(csaf *c)
{
    const char *cat = c->category;
    bool info = strcmp(cat, "csaf_informational_advisory") == 0;
    bool sir = strcmp(cat, "csaf_security_incident_response") == 0;
    bool adv = strcmp(cat, "csaf_security_advisory") == 0;
    bool vex = strcmp(cat, "csaf_vex") == 0;
    tsnu_jpath dp = AT(NULL, "document");
    int rc;
    if (info || sir) {
        static const char *const notes[] = {"description", "details", "general",
                                            "summary"};
        static const char *const ext[] = {"external"};
        if (!has_item(c->doc, "notes", notes, 4) &&
            (rc = record(
                 c, tsnr_bad(&c->c, &dp, c->doc,
                             "CSAF 6.1.27.1: a %s document needs a note of "
                             "category description, details, general or "
                             "summary",
                             cat))) < 0)
            return rc;
        if (!has_item(c->doc, "references", ext, 1) &&
            (rc = record(
                 c, tsnr_bad(&c->c, &dp, c->doc,
                             "CSAF 6.1.27.2: a %s document needs an external "
                             "reference",
                             cat))) < 0)
            return rc;
    }
    tsnu_jpath vsp = AT(NULL, "vulnerabilities");
    if (info && tsnu_json_get(c->root, "vulnerabilities") &&
        (rc = record(c, tsnr_bad(&c->c, &vsp,
                                 tsnu_json_get(c->root, "vulnerabilities"),
                                 "CSAF 6.1.27.3: an informational advisory "
                                 "has no vulnerabilities"))) < 0)
        return rc;
    if (!adv && !vex)
        return 0;
    if (!c->tree &&
        (rc = record(c, tsnr_bad(&c->c, NULL, c->root,
                                 "CSAF 6.1.27.4: a %s document needs a "
                                 "product tree",
                                 cat))) < 0)
        return rc;
    if (c->nvulns == 0 &&
        (rc = record(c, tsnr_bad(&c->c, NULL, c->root,
                                 "CSAF 6.1.27.11: a %s document needs "
                                 "vulnerabilities",
                                 cat))) < 0)
        return rc;
    tsnu_jpath lp = AT(NULL, "vulnerabilities");
    for (size_t v = 0; v < c->nvulns; v++) {
        const tsnu_json *vu = &c->vulns[v];
        tsnu_jpath vp = IDX(&lp, v);
        if (!tsnu_json_get(vu, "notes") &&
            (rc = record(c, tsnr_bad(&c->c, &vp, vu,
                                     "CSAF 6.1.27.5: a vulnerability of a %s "
                                     "document needs notes",
                                     cat))) < 0)
            return rc;
        const tsnu_json *ps = tsnu_json_get(vu, "product_status");
        if (adv && !ps &&
            (rc = record(c, tsnr_bad(&c->c, &vp, vu,
                                     "CSAF 6.1.27.6: a vulnerability of a "
                                     "security advisory needs a product "
                                     "status"))) < 0)
            return rc;
        if (!vex)
            continue;
        static const char *const vs[] = {"fixed", "known_affected",
                                         "known_not_affected",
                                         "under_investigation"};
        bool any = false;
        for (size_t k = 0; k < 4; k++)
            any |= tsnu_json_get(ps, vs[k]) != NULL;
        if (!any &&
            (rc = record(c, tsnr_bad(&c->c, &vp, vu,
                                     "CSAF 6.1.27.7: a VEX vulnerability "
                                     "needs fixed, known_affected, "
                                     "known_not_affected or "
                                     "under_investigation products"))) < 0)
            return rc;
        if (!tsnu_json_get(vu, "cve") && !tsnu_json_get(vu, "ids") &&
            (rc = record(c, tsnr_bad(&c->c, &vp, vu,
                                     "CSAF 6.1.27.8: a VEX vulnerability "
                                     "needs a cve or ids"))) < 0)
            return rc;
        tsnu_jpath sp = AT(&vp, "product_status");
        const tsnu_json *na = tsnu_json_get(ps, "known_not_affected");
        tsnu_jpath np = AT(&sp, "known_not_affected");
        for (size_t i = 0; na && na->type == TSNU_JSON_ARRAY && i < na->len;
             i++) {
            const char *id = na->u.items[i].u.str;
            if (!naming(c, vu, "flags", id, NULL) &&
                !naming(c, vu, "threats", id, "impact")) {
                tsnu_jpath ip = IDX(&np, i);
                if ((rc = record(c, tsnr_bad(&c->c, &ip, &na->u.items[i],
                                             "CSAF 6.1.27.9: product '%s' is "
                                             "not affected without an impact "
                                             "statement (a flag or an impact "
                                             "threat)",
                                             id))) < 0)
                    return rc;
                break;
            }
        }
        const tsnu_json *ka = tsnu_json_get(ps, "known_affected");
        tsnu_jpath kp = AT(&sp, "known_affected");
        for (size_t i = 0; ka && ka->type == TSNU_JSON_ARRAY && i < ka->len;
             i++) {
            const char *id = ka->u.items[i].u.str;
            if (!naming(c, vu, "remediations", id, NULL)) {
                tsnu_jpath ip = IDX(&kp, i);
                if ((rc = record(c, tsnr_bad(&c->c, &ip, &ka->u.items[i],
                                             "CSAF 6.1.27.10: product '%s' is "
                                             "affected without an action "
                                             "statement (a remediation)",
                                             id))) < 0)
                    return rc;
                break;
            }
        }
    }
    return 0;
}

int csaf_mandatory(csaf *c)
{
    int (*const tests[])(csaf *) = {circular,  vulnerabilities, hashes,
                                    languages, category_name,   history,
                                    profile,   vex_all};
    int rc = record(c, walk_refs(c, defined, NULL));
    for (size_t i = 0; rc == 0 && i < sizeof tests / sizeof *tests; i++)
        rc = record(c, tests[i](c));
    if (rc == 0 && c->first_failure)
        rc = tsn_error_set(TSN_EINVALID, "%s%s%s", c->first_failure,
                           c->also.len ? "; also fails " : "",
                           tsn_buf_cstr(&c->also));
    return rc;
}
