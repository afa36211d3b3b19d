/* SPDX-License-Identifier: Apache-2.0 */
/* The JVN reader: VULDEF and JVNRSS records into the model, version
 * statements in Japanese and English into versions and ranges, refusals
 * with their XML path, MyJVN errors, and the record text each keeps. */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include "tsunagi/advisory.h"
#include "tsunagi/errors.h"

static const tsn_advisory *find(const tsn_adv_list *l, const char *id)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->items[i] && strcmp(l->items[i]->id, id) == 0)
            return l->items[i];
    return NULL;
}

/* A VULDEF document of one record with one affected product. */
static char *vuldef(const char *lang, const char *versions, const char *cpe)
{
    tsn_buf b = TSN_BUF_INIT(1 << 20);
    tsn_buf_printf(
        &b,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<VULDEF-Document version=\"3.2\" xmlns=\"http://jvn.jp/vuldef/\" "
        "xml:lang=\"%s\">\n<Vulinfo><VulinfoID>JVNDB-2099-000001</VulinfoID>"
        "<VulinfoData><Title>T</Title><VulinfoDescription><Overview>O"
        "</Overview></VulinfoDescription><Affected><AffectedItem>"
        "<Name>V</Name><ProductName>P</ProductName><Cpe version=\"2.2\">%s"
        "</Cpe>%s</AffectedItem></Affected><Solution><SolutionItem>"
        "<Description>S</Description></SolutionItem></Solution>"
        "<DateFirstPublished>2099-01-02T03:04+09:00</DateFirstPublished>"
        "<DateLastUpdated>2099-01-02T03:04:05+09:00</DateLastUpdated>"
        "</VulinfoData></Vulinfo></VULDEF-Document>\n",
        lang, cpe, versions);
    return tsn_buf_detach(&b);
}

/* One statement and what it reads as: "=V" exact, "S" kept as written,
 * else the events as "i:V f:V l:V". */
static const struct {
    const char *said, *want;
} statements[] = {
    {"7.7", "=7.7"},
    {"ファームウェアバージョン 1.05およびそれ以前", "i:0 l:1.05"},
    {"Ver.1.3.0より前のバージョン（CVE-2025-0355）", "i:0 f:1.3.0"},
    {"7.6.2より前のバージョン", "i:0 f:7.6.2"},
    {"2.0-beta9 から 2.14.1", "i:2.0-beta9 l:2.14.1"},
    {"2.0 から 2.14.1 まで", "i:2.0 l:2.14.1"},
    {"2.0 以上 2.3 未満", "i:2.0 f:2.3"},
    {"v3.1.0 以上 v3.2.5 以下", "i:3.1.0 l:3.2.5"},
    {"１．２．３ 未満", "i:0 f:1.2.3"},
    {"4.0 以降", "i:4.0"},
    {"4.0およびそれ以降", "i:4.0"},
    {"10.1 以前", "i:0 l:10.1"},
    {"すべてのバージョン", "i:0"},
    {"1.0〜1.4", "i:1.0 l:1.4"},
    {"1.0 - 1.4", "i:1.0 l:1.4"},
    {"prior to 7.6.2", "i:0 f:7.6.2"},
    {"versions prior to 7.6.2", "i:0 f:7.6.2"},
    {"Version 5.1 and earlier", "i:0 l:5.1"},
    {"5.1 or later", "i:5.1"},
    {"from 2.0 through 2.4", "i:2.0 l:2.4"},
    {"1.0 to 1.5", "i:1.0 l:1.5"},
    {"up to 3.3", "i:0 l:3.3"},
    {"before 2.0 (fixed in 2.0)", "i:0 f:2.0"},
    {"version 1.2.3", "=1.2.3"},
    {"for Windows 5.8 (Build 1575) 未満", "S"},
    {"2.x 系", "S"},
    {"1.0 以上", "i:1.0"},
    {"未満 1.0", "S"},
    {"1.0 未満 2.0", "S"},
    {"all versions", "i:0"},
    {"toaster 1.0", "S"},
};

static void render(const tsn_adv_affected *af, tsn_buf *out)
{
    static const char k[] = {'i', 'f', 'l', 'x'};
    tsn_buf_clear(out);
    for (size_t i = 0; i < af->nversions; i++)
        tsn_buf_printf(out, "%s=%s", i ? " " : "", af->versions[i]);
    for (size_t i = 0; i < af->nranges; i++)
        for (size_t j = 0; j < af->ranges[i].nevents; j++)
            tsn_buf_printf(out, "%s%c:%s", out->len ? " " : "",
                           k[af->ranges[i].events[j].kind],
                           af->ranges[i].events[j].version);
    for (size_t i = 0; i < af->nstatements; i++)
        tsn_buf_printf(out, "%sS", out->len ? " " : "");
}

static void version_statements(void)
{
    tsn_buf got = TSN_BUF_INIT(1 << 16);
    for (size_t i = 0; i < sizeof statements / sizeof *statements; i++) {
        char el[512];
        snprintf(el, sizeof el, "<VersionNumber>%s</VersionNumber>",
                 statements[i].said);
        char *doc = vuldef("ja", el, "cpe:/a:v:p");
        tsn_adv_list *l = NULL;
        int rc = tsn_jvn_read(&l, doc, strlen(doc), "s.xml");
        CHECK(rc == 0 && l->n == 1 && l->items[0]->naffected == 1, "'%s' reads",
              statements[i].said);
        if (rc == 0 && l->n == 1 && l->items[0]->naffected == 1) {
            const tsn_adv_affected *af = &l->items[0]->affected[0];
            render(af, &got);
            CHECK_STR(tsn_buf_cstr(&got), statements[i].want,
                      statements[i].said);
            if (strcmp(statements[i].want, "S") == 0)
                CHECK(l->items[0]->nwarnings == 1 &&
                          strstr(l->items[0]->warnings[0], "VersionNumber") &&
                          strcmp(af->statements[0], statements[i].said) == 0,
                      "'%s' kept as written, with a warning",
                      statements[i].said);
        }
        tsn_adv_list_free(l);
        free(doc);
    }
    tsn_buf_dispose(&got);
}

static void detail_feed(void)
{
    size_t len;
    char *text = th_slurp("tests/resources/jvn/jvndb_detail_2025.rdf", &len);
    CHECK(text != NULL, "detail feed fixture");
    if (!text)
        return;
    CHECK(tsn_advisory_sniff(text, len) == TSN_ADV_JVN, "sniff: XML is JVN");
    tsn_adv_list *l = NULL;
    CHECK(tsn_jvn_read(&l, text, len, "feed.rdf") == 0 && l, "feed reads");
    if (!l) {
        free(text);
        return;
    }
    CHECK(l->n == 3 && l->nrefused == 1, "3 records, 1 refused");
    if (l->nrefused)
        CHECK(strstr(l->refused[0],
                     "feed.rdf:176: /VULDEF-Document/Vulinfo/VulinfoData: "
                     "'DateLastUpdated' is required") != NULL,
              "refusal names line and path: %s", l->refused[0]);
    const tsn_advisory *a = find(l, "JVNDB-2025-000001");
    CHECK(a != NULL, "JVNDB-2025-000001");
    if (a) {
        CHECK_STR(a->source, "jvn", "source");
        CHECK_STR(a->lang, "ja", "Japanese");
        CHECK(!a->overview, "a full record");
        CHECK_STR(a->modified, "2025-01-08T12:16:23+09:00", "modified");
        CHECK_STR(a->published, "2025-01-08T12:16:23+09:00", "published");
        CHECK(a->summary && strstr(a->summary, "MZK-DP300N"), "title");
        CHECK(a->details && strstr(a->details, "想定される影響:\n") &&
                  strstr(a->details, "対策:\n[アップデートする]"),
              "details with impact and solution");
        CHECK(a->naliases == 1 && strcmp(a->aliases[0], "CVE-2025-21603") == 0,
              "CVE alias");
        CHECK(a->ncwes == 1 && strcmp(a->cwes[0], "CWE-79") == 0, "CWE");
        CHECK(a->nseverity == 1 &&
                  strcmp(a->severity[0].type, "CVSS_V3") == 0 &&
                  strcmp(a->severity[0].score,
                         "CVSS:3.0/AV:N/AC:L/PR:H/UI:R/S:C/C:L/I:L/A:N") == 0 &&
                  strcmp(a->severity[0].by, "JVN iPedia") == 0,
              "CVSS v3 by JVN iPedia");
        CHECK(a->naffected == 1 && a->affected[0].ncpes == 1 &&
                  strcmp(a->affected[0].cpes[0],
                         "cpe:2.3:o:planex:mzk-dp300n:*:*:*:*:*:*:*:*") == 0,
              "CPE 2.2 kept as CPE 2.3");
        CHECK(a->naffected == 1 &&
                  strcmp(a->affected[0].vendor,
                         "プラネックスコミュニケーションズ株式会社") == 0 &&
                  strcmp(a->affected[0].product, "MZK-DP300N") == 0,
              "vendor and product as JVN names them");
        CHECK(a->nrefs == 4 &&
                  strcmp(a->refs[0].url, "https://jvndb.jvn.jp/ja/contents/"
                                         "2025/JVNDB-2025-000001.html") == 0,
              "JVN iPedia's page first, then 3 related (CWE left out)");
        CHECK(a->nwarnings == 0, "no warnings");
    }
    a = find(l, "JVNDB-2025-000002");
    CHECK(a && a->naliases == 3 && a->ncwes == 1 && a->naffected == 2,
          "JVNDB-2025-000002: 3 CVEs, CWE-Other left out, 2 products");
    /* each record's text is the record alone and reads back the same */
    for (size_t i = 0; i < l->n; i++) {
        tsn_adv_list *one = NULL;
        int rc = tsn_jvn_read(&one, l->texts[i], l->lens[i], "record");
        CHECK(rc == 0 && one->n == 1 &&
                  strcmp(one->items[0]->id, l->items[i]->id) == 0 &&
                  one->lens[0] == l->lens[i] &&
                  memcmp(one->texts[0], l->texts[i], l->lens[i]) == 0,
              "%s: its text reads back as itself", l->items[i]->id);
        tsn_adv_list_free(one);
    }
    tsn_adv_list_free(l);
    free(text);
}

static void rss_feed(void)
{
    size_t len;
    char *text = th_slurp("tests/resources/jvn/jvndb_new.rdf", &len);
    CHECK(text != NULL, "RSS fixture");
    if (!text)
        return;
    tsn_adv_list *l = NULL;
    CHECK(tsn_jvn_read(&l, text, len, "new.rdf") == 0 && l, "RSS reads");
    if (!l) {
        free(text);
        return;
    }
    CHECK(l->n == 2 && l->nrefused == 0, "2 items");
    const tsn_advisory *a = find(l, "JVNDB-2023-028579");
    CHECK(a != NULL, "JVNDB-2023-028579");
    if (a) {
        CHECK(a->overview, "an overview");
        CHECK_STR(a->modified, "2025-04-11T23:52:00+09:00",
                  "time without seconds completed");
        CHECK(a->naliases == 1 && strcmp(a->aliases[0], "CVE-2023-29001") == 0,
              "CVE alias once, GHSA not taken from a free-text id");
        CHECK(a->ncwes == 1 && strcmp(a->cwes[0], "CWE-674") == 0, "CWE");
        CHECK(a->naffected == 1 && a->affected[0].nranges == 0 &&
                  strcmp(a->affected[0].cpes[0],
                         "cpe:2.3:o:contiki-ng:contiki-ng:*:*:*:*:*:*:*:*") ==
                      0,
              "product from sec:cpe, no versions");
        CHECK(a->nseverity == 1, "CVSS from sec:cvss");
    }
    tsn_adv_list_free(l);
    free(text);
}

static void refusals(void)
{
    tsn_adv_list *l = NULL;
    size_t len;
    char *text = th_slurp("tests/resources/jvn/myjvn_error.xml", &len);
    CHECK(text && tsn_jvn_read(&l, text, len, "e.xml") == TSN_EINVALID &&
              strstr(tsn_error_last()->message,
                     "e.xml:3: /VULDEF-Document/Status: MyJVN answered with "
                     "error 1001: Invalid Parameter (vulnId)"),
          "MyJVN error response: %s", tsn_error_last()->message);
    free(text);
    static const struct {
        const char *doc, *msg;
    } bad[] = {
        {"<foo/>", "x.xml:1: /foo: not a JVN document"},
        {"<VULDEF-Document><Vulinfo>", "x.xml:1:"},
        {"<!DOCTYPE x [<!ENTITY a \"b\">]><VULDEF-Document/>",
         "DOCTYPE declarations are not allowed"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        l = NULL;
        CHECK(tsn_jvn_read(&l, bad[i].doc, strlen(bad[i].doc), "x.xml") ==
                      TSN_EINVALID &&
                  !l && strstr(tsn_error_last()->message, bad[i].msg),
              "'%s' is refused: %s", bad[i].doc, tsn_error_last()->message);
    }
    /* a record with a bad id or time is refused, the others kept */
    const char *two =
        "<VULDEF-Document xmlns=\"http://jvn.jp/vuldef/\">"
        "<Vulinfo><VulinfoID>JVNDB-25-1</VulinfoID><VulinfoData>"
        "<DateLastUpdated>2025-01-01T00:00:00+09:00</DateLastUpdated>"
        "</VulinfoData></Vulinfo>\n"
        "<Vulinfo><VulinfoID>JVNDB-2025-000009</VulinfoID><VulinfoData>"
        "<DateLastUpdated>yesterday</DateLastUpdated></VulinfoData>"
        "</Vulinfo>\n"
        "<Vulinfo><VulinfoID>JVNDB-2025-000010</VulinfoID><VulinfoData>"
        "<Affected><AffectedItem><Cpe>cpe:not a cpe</Cpe></AffectedItem>"
        "</Affected><Impact><Cvss version=\"3.0\"><Vector>AV:N/AC:L</Vector>"
        "</Cvss></Impact>"
        "<DateLastUpdated>2025-01-01T00:00:00Z</DateLastUpdated>"
        "</VulinfoData></Vulinfo></VULDEF-Document>";
    CHECK(tsn_jvn_read(&l, two, strlen(two), "t.xml") == 0 && l->n == 1 &&
              l->nrefused == 2,
          "two refused, one kept");
    if (l && l->nrefused == 2) {
        CHECK(strstr(l->refused[0],
                     "t.xml:1: /VULDEF-Document/Vulinfo/VulinfoID: "
                     "'JVNDB-25-1' is not a JVNDB id") != NULL,
              "bad id: %s", l->refused[0]);
        CHECK(strstr(l->refused[1], "t.xml:2: /VULDEF-Document/Vulinfo/"
                                    "VulinfoData/DateLastUpdated: "
                                    "'yesterday' is not a date-time") != NULL,
              "bad time: %s", l->refused[1]);
    }
    if (l && l->n == 1) {
        const tsn_advisory *a = l->items[0];
        CHECK(a->nwarnings == 2 && a->naffected == 1 &&
                  a->affected[0].ncpes == 0 && a->nseverity == 0,
              "bad CPE and a v2 vector called 3.0 are warnings");
        CHECK(a->lang && strcmp(a->lang, "ja") == 0,
              "no xml:lang: Japanese, as JVN writes by default");
    }
    tsn_adv_list_free(l);
}

/* A record over the record limit is refused alone. */
static void record_limit(void)
{
    tsn_buf b = TSN_BUF_INIT((size_t)64 << 20);
    tsn_buf_puts(&b, "<VULDEF-Document xmlns=\"http://jvn.jp/vuldef/\">\n"
                     "<Vulinfo><VulinfoID>JVNDB-2099-000001</VulinfoID>"
                     "<VulinfoData><Impact>");
    char *big = malloc(1000001);
    memset(big, 'x', 1000000);
    big[1000000] = '\0';
    for (int i = 0; i < 17; i++) /* 17 MB of text, each under the field limit */
        tsn_buf_printf(&b,
                       "<ImpactItem><Description>%s</Description>"
                       "</ImpactItem>",
                       big);
    free(big);
    tsn_buf_puts(&b, "</Impact><DateLastUpdated>2099-01-01T00:00:00Z"
                     "</DateLastUpdated></VulinfoData></Vulinfo>\n"
                     "<Vulinfo><VulinfoID>JVNDB-2099-000002</VulinfoID>"
                     "<VulinfoData><DateLastUpdated>2099-01-01T00:00:00Z"
                     "</DateLastUpdated></VulinfoData></Vulinfo>"
                     "</VULDEF-Document>");
    tsn_adv_list *l = NULL;
    int rc = tsn_jvn_read(&l, b.ptr, b.len, "big.xml");
    CHECK(rc == 0 && l->n == 1 && l->nrefused == 1 &&
              strcmp(l->items[0]->id, "JVNDB-2099-000002") == 0,
          "the large record refused, the other kept");
    if (rc == 0 && l->nrefused == 1)
        CHECK(strstr(l->refused[0],
                     "big.xml:2: /VULDEF-Document/Vulinfo: "
                     "record larger than the record limit") != NULL,
              "refusal names it: %s", l->refused[0]);
    tsn_adv_list_free(l);
    tsn_buf_dispose(&b);
}

static void english(void)
{
    char *doc = vuldef("en",
                       "<VersionNumber>prior to 2.0</VersionNumber>"
                       "<VersionNumber/>",
                       "cpe:/a:v:p");
    tsn_adv_list *l = NULL;
    CHECK(tsn_jvn_read(&l, doc, strlen(doc), "en.xml") == 0 && l->n == 1,
          "English record reads");
    if (l && l->n == 1) {
        const tsn_advisory *a = l->items[0];
        CHECK(!a->lang, "English: no language given");
        CHECK(a->details && strcmp(a->details, "O\n\nSolution:\nS") == 0,
              "English heading: %s", a->details ? a->details : "");
        CHECK(strcmp(a->refs[0].url, "https://jvndb.jvn.jp/en/contents/2099/"
                                     "JVNDB-2099-000001.html") == 0,
              "English page");
        CHECK_STR(a->published, "2099-01-02T03:04:00+09:00", "published");
        CHECK(a->affected[0].nranges == 1 && a->affected[0].nstatements == 0,
              "an empty VersionNumber says nothing");
        char *json = NULL;
        CHECK(tsn_advisory_to_json(a, &json) == 0 &&
                  strstr(json, "\"source\": \"jvn\"") &&
                  strstr(json, "\"fixed\": \"2.0\"") &&
                  strstr(json, "\"cpe:2.3:a:v:p:*:*:*:*:*:*:*:*\""),
              "written as JSON in OSV's shape");
        tsn_free(json);
    }
    tsn_adv_list_free(l);
    free(doc);
}

int main(void)
{
    version_statements();
    detail_feed();
    rss_feed();
    refusals();
    english();
    record_limit();
    return th_finish("jvn");
}
