/* SPDX-License-Identifier: Apache-2.0 */
/*
 * NVD configurations evaluated for products named by CPE: name matching
 * attribute by attribute, version bounds, AND/OR and negated nodes, and
 * running-on platforms, which must not make the platform itself
 * vulnerable (the mistake of Grype issue 1349).
 */
#include "harness.h"
#include "lib/match/cpe_config.h"

#include <string.h>

static tsn_cpe *cpe(const char *s)
{
    tsn_cpe *c = NULL;
    CHECK(tsn_cpe_parse(&c, s) == 0, "parse %s", s);
    return c;
}

/* Whether @p m names the product @p have. */
static bool names(const tsn_adv_cpe_match *m, const char *have)
{
    tsn_cpe *crit = cpe(m->criteria), *h = cpe(have);
    bool out = false;
    if (crit && h)
        CHECK(tsnm_cpe_match(m, crit, h, &out) == 0, "match %s", have);
    tsn_cpe_free(crit);
    tsn_cpe_free(h);
    return out;
}

#define CURL "cpe:2.3:a:haxx:curl:%s:*:*:*:*:*:*:*"

/* A cpeMatch: vulnerable or a platform, its criteria, and its bounds
 * (start including, start excluding, end including, end excluding). */
#define MATCH(vuln, crit, si, se, ei, ee)                                      \
    {                                                                          \
        .vulnerable = (vuln), .criteria = (crit), .start_incl = (si),          \
        .start_excl = (se), .end_incl = (ei), .end_excl = (ee)                 \
    }

static void matches(void)
{
    tsn_adv_cpe_match range = MATCH(true, "cpe:2.3:a:haxx:curl:*:*:*:*:*:*:*:*",
                                    "7.69.0", NULL, NULL, "8.4.0");
    static const struct {
        const char *v;
        bool in;
    } cases[] = {{"7.68.9", false}, {"7.69.0", true},  {"8.3.0", true},
                 {"8.4.0", false},  {"8.10.1", false}, {"7.70.0-rc1", true}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char have[128];
        snprintf(have, sizeof have, CURL, cases[i].v);
        CHECK(names(&range, have) == cases[i].in, "curl %s: %s", cases[i].v,
              cases[i].in ? "in [7.69.0, 8.4.0)" : "outside");
    }
    tsn_adv_cpe_match excl = range;
    excl.start_incl = NULL;
    excl.start_excl = "7.69.0";
    excl.end_excl = NULL;
    excl.end_incl = "8.4.0";
    CHECK(!names(&excl, "cpe:2.3:a:haxx:curl:7.69.0:*:*:*:*:*:*:*"),
          "start excluding: the start itself is out");
    CHECK(names(&excl, "cpe:2.3:a:haxx:curl:8.4.0:*:*:*:*:*:*:*"),
          "end including: the end itself is in");
    CHECK(!names(&range, "cpe:2.3:a:haxx:libcurl:8.3.0:*:*:*:*:*:*:*"),
          "another product");
    CHECK(!names(&range, "cpe:2.3:a:other:curl:8.3.0:*:*:*:*:*:*:*"),
          "another vendor");
    CHECK(!names(&range, "cpe:2.3:o:haxx:curl:8.3.0:*:*:*:*:*:*:*"),
          "another part");
    CHECK(!names(&range, "cpe:2.3:a:haxx:curl:*:*:*:*:*:*:*:*"),
          "a component without a version is not judged by bounds");

    tsn_adv_cpe_match exact =
        MATCH(true, "cpe:2.3:a:openssl:openssl:1.0.2k:*:*:*:*:*:*:*", NULL,
              NULL, NULL, NULL);
    CHECK(names(&exact, "cpe:2.3:a:openssl:openssl:1.0.2k:*:*:*:*:*:*:*"),
          "the version named");
    CHECK(!names(&exact, "cpe:2.3:a:openssl:openssl:1.0.2l:*:*:*:*:*:*:*"),
          "another version");
    tsn_adv_cpe_match one =
        MATCH(true, "cpe:2.3:a:x:y:1.0:*:*:*:*:*:*:*", NULL, NULL, NULL, NULL);
    CHECK(names(&one, "cpe:2.3:a:x:y:1.00:*:*:*:*:*:*:*"),
          "1.00 is version 1.0 written otherwise (the generic scheme)");
    tsn_adv_cpe_match wild =
        MATCH(true, "cpe:2.3:a:x:y:8.*:*:*:*:*:*:*:*", NULL, NULL, NULL, NULL);
    CHECK(names(&wild, "cpe:2.3:a:x:y:8.3.0:*:*:*:*:*:*:*"), "8.* names 8.3.0");
    CHECK(!names(&wild, "cpe:2.3:a:x:y:7.1:*:*:*:*:*:*:*"), "8.* not 7.1");

    tsn_adv_cpe_match node =
        MATCH(true, "cpe:2.3:a:lodash:lodash:*:*:*:*:*:node.js:*:*", NULL, NULL,
              NULL, "4.17.21");
    CHECK(names(&node, "cpe:2.3:a:lodash:lodash:4.17.20:*:*:*:*:*:*:*"),
          "target_sw: a component that does not say is not excluded");
    CHECK(names(&node, "cpe:2.3:a:lodash:lodash:4.17.20:*:*:*:*:node.js:*:*"),
          "target_sw: the same");
    CHECK(!names(&node, "cpe:2.3:a:lodash:lodash:4.17.20:*:*:*:*:python:*:*"),
          "target_sw: another one excludes");
    CHECK(names(&node, "cpe:2.3:a:LoDash:LODASH:4.17.20:*:*:*:*:*:*:*"),
          "names compare case-insensitively");

    tsn_adv_cpe_match hw =
        MATCH(false, "cpe:2.3:h:cisco:asa_5505:-:*:*:*:*:*:*:*", NULL, NULL,
              NULL, NULL);
    CHECK(names(&hw, "cpe:2.3:h:cisco:asa_5505:-:*:*:*:*:*:*:*"),
          "hardware without versions: - names -");
    CHECK(!names(&hw, "cpe:2.3:h:cisco:asa_5505:1.0:*:*:*:*:*:*:*"),
          "hardware: - does not name a version");
    tsn_adv_cpe_match os =
        MATCH(false, "cpe:2.3:o:microsoft:windows:*:*:*:*:*:*:*:*", NULL, NULL,
              NULL, NULL);
    CHECK(names(&os, "cpe:2.3:o:microsoft:windows:10:*:*:*:*:*:*:*"),
          "a platform without bounds names every version");
    CHECK(names(&os, "cpe:2.3:o:microsoft:windows:*:*:*:*:*:*:*:*"),
          "a platform without bounds names one whose version is not said");
}

/* Whether @p crit names the product of @p have, whatever its version. */
static bool product(const char *crit, const char *have)
{
    tsn_cpe *c = cpe(crit), *h = cpe(have);
    bool out = c && h && tsnm_cpe_names_product(c, h);
    tsn_cpe_free(c);
    tsn_cpe_free(h);
    return out;
}

/* The product named by an advisory's entry (JVN, CVE 5, CSAF), whatever
 * the version and update its CPE names. */
static void products(void)
{
    CHECK(product("cpe:/a:example:widget_pro:3.1",
                  "cpe:2.3:a:example:widget_pro:3.2:*:*:*:*:*:*:*"),
          "another version of the product a versioned CPE names");
    CHECK(product("cpe:2.3:a:apache:log4j:2.0:beta9:*:*:*:*:*:*",
                  "cpe:2.3:a:apache:log4j:2.0:rc1:*:*:*:*:*:*"),
          "another update");
    CHECK(product("cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*",
                  "cpe:2.3:a:Apache:Log4J:2.1:*:*:*:*:*:*:*"),
          "any version, case-insensitive");
    CHECK(!product("cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*",
                   "cpe:2.3:a:apache:log4net:2.1:*:*:*:*:*:*:*"),
          "another product");
    CHECK(!product("cpe:2.3:a:example:widget:*:*:*:*:*:*:*:*",
                   "cpe:2.3:a:another:widget:1.2:*:*:*:*:*:*:*"),
          "another vendor");
    CHECK(!product("cpe:2.3:a:lodash:lodash:*:*:*:*:*:node.js:*:*",
                   "cpe:2.3:a:lodash:lodash:4.17.20:*:*:*:*:python:*:*"),
          "another target_sw");
    CHECK(product("cpe:2.3:a:lodash:lodash:*:*:*:*:*:node.js:*:*",
                  "cpe:2.3:a:lodash:lodash:4.17.20:*:*:*:*:*:*:*"),
          "a target_sw the component does not say");
    tsn_adv_cpe_match beta =
        MATCH(true, "cpe:2.3:a:apache:log4j:2.0:beta9:*:*:*:*:*:*", NULL, NULL,
              NULL, NULL);
    CHECK(!names(&beta, "cpe:2.3:a:apache:log4j:2.0:rc1:*:*:*:*:*:*"),
          "... while matching a version still compares the update");
}

/* Evaluate @p c for a system of @p nsys CPE names, component @p comp
 * (an index). */
static bool vulnerable(const tsn_adv_config *c,
                       const char *const *names_,
                       size_t nsys,
                       size_t comp,
                       const tsn_adv_cpe_match **why,
                       const tsn_adv_cpe_match **on)
{
    tsn_cpe *sys[8] = {0};
    for (size_t i = 0; i < nsys; i++)
        sys[i] = cpe(names_[i]);
    bool v = false;
    tsnm_system system;
    CHECK(tsnm_system_init(&system, (const tsn_cpe *const *)sys, nsys) == 0,
          "index the system");
    CHECK(tsnm_config_eval(c, &system, sys[comp], &v, why, on) == 0,
          "evaluate");
    tsnm_system_dispose(&system);
    for (size_t i = 0; i < nsys; i++)
        tsn_cpe_free(sys[i]);
    return v;
}

static void configs(void)
{
    const tsn_adv_cpe_match *why = NULL, *on = NULL;
    /* "curl before 8.4.0 running on Windows": a configuration of two
     * nodes joined by AND, the second marked not vulnerable */
    tsn_adv_cpe_match prod[] = {MATCH(true,
                                      "cpe:2.3:a:haxx:curl:*:*:*:*:*:*:*:*",
                                      NULL, NULL, NULL, "8.4.0")};
    tsn_adv_cpe_match plat[] = {
        MATCH(false, "cpe:2.3:o:microsoft:windows:*:*:*:*:*:*:*:*", NULL, NULL,
              NULL, NULL)};
    tsn_adv_node nodes[] = {{false, false, prod, 1}, {false, false, plat, 1}};
    tsn_adv_config running_on = {true, false, nodes, 2};
    const char *curl_only[] = {"cpe:2.3:a:haxx:curl:8.3.0:*:*:*:*:*:*:*"};
    const char *curl_win[] = {"cpe:2.3:a:haxx:curl:8.3.0:*:*:*:*:*:*:*",
                              "cpe:2.3:o:microsoft:windows:10:*:*:*:*:*:*:*"};
    CHECK(!vulnerable(&running_on, curl_only, 1, 0, &why, &on),
          "running on Windows: curl alone, without Windows, is not");
    CHECK(vulnerable(&running_on, curl_win, 2, 0, &why, &on),
          "running on Windows: curl with Windows is");
    CHECK(why == &prod[0] && on == &plat[0],
          "the vulnerable match and the platform it runs on are named");
    CHECK(!vulnerable(&running_on, curl_win, 2, 1, &why, &on),
          "the platform itself is not vulnerable (Grype issue 1349)");
    const char *curl_new_win[] = {
        "cpe:2.3:a:haxx:curl:8.4.0:*:*:*:*:*:*:*",
        "cpe:2.3:o:microsoft:windows:10:*:*:*:*:*:*:*"};
    CHECK(!vulnerable(&running_on, curl_new_win, 2, 0, &why, &on),
          "running on Windows: a fixed curl is not");

    /* the same two nodes joined by OR: either product is vulnerable */
    tsn_adv_cpe_match both[] = {prod[0], plat[0]};
    both[1].vulnerable = true;
    tsn_adv_node or_nodes[] = {{false, false, &both[0], 1},
                               {false, false, &both[1], 1}};
    tsn_adv_config either = {false, false, or_nodes, 2};
    CHECK(vulnerable(&either, curl_only, 1, 0, &why, &on) && why == &both[0],
          "OR: curl alone is");
    CHECK(vulnerable(&either, curl_win, 2, 1, &why, &on) && why == &both[1],
          "OR: Windows, vulnerable in its own node, is");

    /* one node, its matches joined by AND */
    tsn_adv_node and_node[] = {{true, false, both, 2}};
    tsn_adv_config and_cfg = {false, false, and_node, 1};
    CHECK(!vulnerable(&and_cfg, curl_only, 1, 0, &why, &on),
          "a node's AND: one of its two products is not enough");
    CHECK(vulnerable(&and_cfg, curl_win, 2, 0, &why, &on),
          "a node's AND: both there");

    /* a negated node: vulnerable unless running on Windows */
    tsn_adv_node neg_nodes[] = {{false, false, prod, 1},
                                {false, true, plat, 1}};
    tsn_adv_config unless = {true, false, neg_nodes, 2};
    CHECK(vulnerable(&unless, curl_only, 1, 0, &why, &on),
          "negated platform: curl without Windows is");
    CHECK(!vulnerable(&unless, curl_win, 2, 0, &why, &on),
          "negated platform: curl with Windows is not");

    tsn_adv_config none = {false, false, NULL, 0};
    CHECK(!vulnerable(&none, curl_only, 1, 0, &why, &on),
          "a configuration without nodes names nothing");

    tsn_adv_cpe_match bad[] = {
        MATCH(true, "not a cpe", NULL, NULL, NULL, NULL)};
    tsn_adv_node bad_node[] = {{false, false, bad, 1}};
    tsn_adv_config bad_cfg = {false, false, bad_node, 1};
    tsn_cpe *c = cpe(curl_only[0]);
    bool v = true;
    tsnm_system one;
    CHECK(tsnm_system_init(&one, (const tsn_cpe *const *)&c, 1) == 0,
          "index one name");
    CHECK(tsnm_config_eval(&bad_cfg, &one, c, &v, &why, &on) == TSN_EINVALID &&
              !v,
          "a criteria that is not a CPE name is an error");
    tsn_error_clear();
    tsnm_system_dispose(&one);

    /* the index by product: the second curl of a system, after others */
    const char *many[] = {"cpe:2.3:a:openssl:openssl:1.0.2k:*:*:*:*:*:*:*",
                          "cpe:2.3:a:haxx:curl:8.4.0:*:*:*:*:*:*:*",
                          "cpe:2.3:o:microsoft:windows:10:*:*:*:*:*:*:*",
                          "cpe:2.3:a:haxx:curl:7.0.0:*:*:*:*:*:*:*"};
    CHECK(vulnerable(&running_on, many, 4, 3, &why, &on),
          "the second name of a product in the system is found");
    CHECK(!vulnerable(&running_on, many, 4, 1, &why, &on),
          "... and the first, fixed, is not vulnerable");
    tsn_adv_cpe_match wild[] = {MATCH(
        true, "cpe:2.3:a:haxx:cur*:*:*:*:*:*:*:*:*", NULL, NULL, NULL, NULL)};
    tsn_adv_node wild_node[] = {{false, false, wild, 1}};
    tsn_adv_config wild_cfg = {false, false, wild_node, 1};
    CHECK(vulnerable(&wild_cfg, many, 4, 3, &why, &on),
          "a criteria with a wildcard product is tried against every name");
    tsn_cpe_free(c);
}

int main(void)
{
    matches();
    products();
    configs();
    return th_finish("cpe config");
}
