/* SPDX-License-Identifier: Apache-2.0 */
/* The NVD (CVE API 2.0) and CVE JSON 5 readers: the model each record
 * gives, refusals with their place, and format sniffing. */
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

static void nvd_page(void)
{
    size_t len;
    char *text = th_slurp("tests/resources/nvd/page.json", &len);
    CHECK(text != NULL, "page fixture");
    if (!text)
        return;
    CHECK(tsn_advisory_sniff(text, len) == TSN_ADV_NVD, "sniff: NVD page");
    tsn_adv_list *l = NULL;
    CHECK(tsn_nvd_read(&l, text, len, "page.json") == 0 && l, "page reads: %s",
          l ? "" : tsn_error_last()->message);
    if (!l) {
        free(text);
        return;
    }
    CHECK(l->n == 3 && l->nrefused == 0, "3 CVEs, none refused");
    const tsn_advisory *a = find(l, "CVE-2021-44228");
    CHECK(a != NULL, "log4shell");
    if (a) {
        CHECK_STR(a->source, "nvd", "source");
        CHECK_STR(a->modified, "2025-02-04T15:15:13.773Z",
                  "lastModified in UTC");
        CHECK_STR(a->published, "2021-12-10T10:15:09.143Z", "published");
        CHECK(!a->withdrawn, "not withdrawn");
        CHECK(a->details && strncmp(a->details, "Apache Log4j2", 13) == 0,
              "English description");
        CHECK(a->ntexts == 1 && strcmp(a->texts[0].lang, "es") == 0,
              "Spanish description kept");
        CHECK(a->nseverity == 2 &&
                  strcmp(a->severity[0].type, "CVSS_V3") == 0 &&
                  strcmp(a->severity[1].type, "CVSS_V2") == 0 &&
                  strcmp(a->severity[0].by, "nvd@nist.gov") == 0,
              "CVSS v3.1 then v2, scored by NVD");
        CHECK(a->ncwes == 4, "CWE-20, 400, 502, 917 once each: %zu", a->ncwes);
        CHECK(a->nconfigs == 1 && a->configs[0].nnodes == 1 &&
                  a->configs[0].nodes[0].nmatches == 4,
              "one configuration, one node, four matches");
        if (a->nconfigs) {
            const tsn_adv_cpe_match *m = &a->configs[0].nodes[0].matches[1];
            CHECK(m->vulnerable && strcmp(m->vendor, "apache") == 0 &&
                      strcmp(m->product, "log4j") == 0 &&
                      strcmp(m->start_incl, "2.4.0") == 0 &&
                      strcmp(m->end_excl, "2.12.2") == 0 && !m->end_incl,
                  "version bounds of a match");
        }
        CHECK(a->nrefs == 3 && strcmp(a->refs[0].type, "ADVISORY") == 0 &&
                  strcmp(a->refs[1].type, "REPORT") == 0 &&
                  strcmp(a->refs[2].type, "EVIDENCE") == 0,
              "reference types from tags: %s %s %s",
              a->nrefs > 2 ? a->refs[0].type : "",
              a->nrefs > 2 ? a->refs[1].type : "",
              a->nrefs > 2 ? a->refs[2].type : "");
    }
    a = find(l, "CVE-2021-20090");
    CHECK(a && a->nconfigs == 2 && a->configs[0].and_op &&
              a->configs[0].nnodes == 2 &&
              !a->configs[0].nodes[1].matches[0].vulnerable,
          "AND configuration with the hardware it runs on");
    a = find(l, "CVE-2099-0001");
    CHECK(a && a->withdrawn && strcmp(a->withdrawn, a->modified) == 0,
          "a Rejected CVE is withdrawn");
    /* each record's own text reads back alone, as the same CVE */
    for (size_t i = 0; i < l->n; i++) {
        tsn_adv_list *one = NULL;
        CHECK(tsn_nvd_read(&one, l->texts[i], l->lens[i], "rec") == 0 && one &&
                  one->n == 1 &&
                  strcmp(one->items[0]->id, l->items[i]->id) == 0 &&
                  one->lens[0] == l->lens[i] &&
                  memcmp(one->texts[0], l->texts[i], l->lens[i]) == 0,
              "record %zu reads back alone, same text", i);
        tsn_adv_list_free(one);
    }
    /* an advisory outlives its page and the others */
    tsn_advisory *kept = l->items[1];
    l->items[1] = NULL;
    tsn_adv_list_free(l);
    free(text);
    CHECK(strcmp(kept->id, "CVE-2021-20090") == 0 &&
              strcmp(kept->configs[1].nodes[0].matches[0].end_incl, "1.24") ==
                  0,
          "a kept advisory outlives its page");
    tsn_advisory_free(kept);
}

/* A page whose second CVE is @p cve (JSON text): refused with @p want,
 * the first kept. */
static void nvd_refuse(const char *cve, const char *want)
{
    char doc[4096];
    snprintf(doc, sizeof doc,
             "{\"resultsPerPage\":2,\"format\":\"NVD_CVE\",\"vulnerabilities\":"
             "[{\"cve\":{\"id\":\"CVE-2024-0001\",\"published\":"
             "\"2024-01-01T00:00:00\",\"lastModified\":\"2024-01-02T00:00:00\","
             "\"descriptions\":[{\"lang\":\"en\",\"value\":\"d\"}]}},"
             "{\"cve\":%s}]}",
             cve);
    tsn_adv_list *l = NULL;
    int rc = tsn_nvd_read(&l, doc, strlen(doc), "p.json");
    CHECK(rc == 0 && l && l->n == 1 && l->nrefused == 1 &&
              strstr(l->refused[0], want),
          "%s: got %s", want,
          rc                 ? tsn_error_last()->message
          : l && l->nrefused ? l->refused[0]
                             : "(nothing refused)");
    tsn_adv_list_free(l);
}

#define CVE(body)                                                              \
    "{\"id\":\"CVE-2024-0002\",\"published\":\"2024-01-01T00:00:00\","         \
    "\"lastModified\":\"2024-01-02T00:00:00\",\"descriptions\":[{\"lang\":"    \
    "\"en\",\"value\":\"d\"}]" body "}"
#define CONF(match)                                                            \
    CVE(",\"configurations\":[{\"nodes\":[{\"operator\":\"OR\",\"cpeMatch\":"  \
        "[" match "]}]}]")

static void nvd_bad(void)
{
    nvd_refuse("{\"id\":\"CVE-24-1\"}", "/vulnerabilities/1/cve/id: 'CVE-24-1' "
                                        "is not a CVE id");
    nvd_refuse("{\"id\":\"CVE-2024-0002\",\"published\":\"2024-01-01\"}",
               "/vulnerabilities/1/cve/published: '2024-01-01' is not an RFC "
               "3339");
    nvd_refuse(CVE(",\"metrics\":{\"cvssMetricV31\":[{\"source\":\"s\","
                   "\"cvssData\":{\"vectorString\":\"CVSS:3.0/AV:N\"}}]}"),
               "/metrics/cvssMetricV31/0/cvssData/vectorString: "
               "'CVSS:3.0/AV:N' is not a vector of cvssMetricV31");
    nvd_refuse(CONF("{\"vulnerable\":true,\"criteria\":\"cpe:/a:x:y\"}"),
               "/configurations/0/nodes/0/cpeMatch/0/criteria: 'cpe:/a:x:y' "
               "is not a CPE 2.3 name");
    nvd_refuse(CONF("{\"vulnerable\":true,\"criteria\":\"cpe:2.3:a:x\"}"),
               "/configurations/0/nodes/0/cpeMatch/0/criteria:");
    nvd_refuse(CONF("{\"criteria\":\"cpe:2.3:a:x:y:*:*:*:*:*:*:*:*\"}"),
               "/configurations/0/nodes/0/cpeMatch/0: 'vulnerable' is "
               "required");
    nvd_refuse(CONF("{\"vulnerable\":true,\"criteria\":"
                    "\"cpe:2.3:a:x:y:*:*:*:*:*:*:*:*\",\"versionEndIncluding\":"
                    "\"1\",\"versionEndExcluding\":\"2\"}"),
               "both versionEndIncluding and versionEndExcluding");
    nvd_refuse(CVE(",\"configurations\":[{\"nodes\":[{\"operator\":\"XOR\","
                   "\"cpeMatch\":[]}]}]"),
               "/configurations/0/nodes/0/operator: operator 'XOR' is neither");
    nvd_refuse(CVE(",\"configurations\":[{\"nodes\":[{\"operator\":\"OR\","
                   "\"cpeMatch\":[]}]}]"),
               "a node needs at least one CPE match");
    nvd_refuse("{\"published\":\"x\"}", "'id' is required");
    nvd_refuse("[]", "/vulnerabilities/1/cve: expected object");

    /* warnings: a weakness that is no CWE id is left out */
    const char *w = CVE(",\"weaknesses\":[{\"source\":\"s\",\"type\":\"P\","
                        "\"description\":[{\"lang\":\"en\",\"value\":"
                        "\"NVD-CWE-noinfo\"},{\"lang\":\"en\",\"value\":"
                        "\"CWE-x\"}]}]");
    tsn_adv_list *l = NULL;
    CHECK(tsn_nvd_read(&l, w, strlen(w), "w.json") == 0 && l && l->n == 1 &&
              l->items[0]->ncwes == 0 && l->items[0]->nwarnings == 1 &&
              strstr(l->items[0]->warnings[0], "'CWE-x' is not a CWE id"),
          "a bad CWE id is a warning, NVD-CWE-noinfo is none");
    tsn_adv_list_free(l);

    const char *notnvd = "{\"format\":\"CSAF\",\"vulnerabilities\":[]}";
    l = NULL;
    CHECK(tsn_nvd_read(&l, notnvd, strlen(notnvd), "x.json") == TSN_EINVALID &&
              !l && strstr(tsn_error_last()->message, "/format: format 'CSAF'"),
          "a document of another format is the error");
}

static tsn_advisory *cve5(const char *rel)
{
    size_t len;
    char *text = th_slurp(rel, &len);
    tsn_advisory *a = NULL;
    CHECK(text && tsn_advisory_sniff(text, len) == TSN_ADV_CVE5, "%s: sniff",
          rel);
    CHECK(text && tsn_cve5_read(&a, text, len, rel) == 0 && a, "%s reads: %s",
          rel, a ? "" : tsn_error_last()->message);
    free(text);
    return a;
}

static void cve5_refuse(const char *body, const char *want)
{
    char doc[4096];
    snprintf(doc, sizeof doc,
             "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\","
             "\"cveMetadata\":{\"cveId\":\"CVE-2024-0003\",\"state\":"
             "\"PUBLISHED\",\"datePublished\":\"2024-01-01T00:00:00Z\"},"
             "\"containers\":{\"cna\":{\"descriptions\":[{\"lang\":\"en\","
             "\"value\":\"d\"}]%s}}}",
             body);
    tsn_advisory *a = NULL;
    int rc = tsn_cve5_read(&a, doc, strlen(doc), "c.json");
    CHECK(rc == TSN_EINVALID && !a && strstr(tsn_error_last()->message, want),
          "%s: got %s", want, rc ? tsn_error_last()->message : "(read)");
    tsn_advisory_free(a);
}

static void cve5_records(void)
{
    tsn_advisory *a = cve5("tests/resources/cve5/CVE-2021-44228.json");
    if (a) {
        CHECK_STR(a->source, "cve", "source");
        CHECK_STR(a->modified, "2025-02-04T14:25:34.416Z", "dateUpdated");
        CHECK_STR(a->published, "2021-12-10T00:00:00Z", "zoneless is UTC");
        CHECK(a->summary && strncmp(a->summary, "Apache Log4j2 JNDI", 18) == 0,
              "title is the summary");
        CHECK(a->ncwes == 4, "CNA's three CWEs and the ADP's one: %zu",
              a->ncwes);
        CHECK(a->nseverity == 1 && strcmp(a->severity[0].by, "CISA-ADP") == 0,
              "the ADP's CVSS v3.1, scored by CISA-ADP");
        CHECK(a->naffected == 2 && a->affected[0].nranges == 3 &&
                  !a->affected[0].ecosystem &&
                  strcmp(a->affected[0].vendor, "Apache Software Foundation") ==
                      0,
              "the CNA's product with three ranges, no package");
        if (a->naffected == 2 && a->affected[0].nranges == 3) {
            const tsn_adv_range *r = &a->affected[0].ranges[0];
            CHECK(strcmp(r->scheme, "custom") == 0 && r->nevents == 2 &&
                      strcmp(r->events[0].version, "2.0-beta9") == 0 &&
                      r->events[1].kind == TSN_EV_FIXED &&
                      strcmp(r->events[1].version, "2.3.1") == 0,
                  "version .. lessThan is introduced .. fixed");
            CHECK(a->affected[1].ncpes == 1, "the ADP's CPE");
        }
        CHECK(a->nrefs == 2 && strcmp(a->refs[0].type, "ADVISORY") == 0 &&
                  strcmp(a->refs[1].type, "FIX") == 0,
              "reference tags");
    }
    tsn_advisory_free(a);

    a = cve5("tests/resources/cve5/CVE-2023-32681.json");
    if (a && a->naffected == 1 && a->affected[0].nranges == 1) {
        const tsn_adv_range *r = &a->affected[0].ranges[0];
        CHECK(r->nevents == 2 && strcmp(r->events[0].version, "2.3.0") == 0 &&
                  strcmp(r->events[1].version, "2.31.0") == 0 &&
                  r->events[1].kind == TSN_EV_FIXED,
              "GitHub's '>= 2.3.0, < 2.31.0' is a range");
    } else
        CHECK(false, "CVE-2023-32681: one product with one range");
    tsn_advisory_free(a);

    a = cve5("tests/resources/cve5/CVE-2099-0002.json");
    if (a) {
        CHECK(a->details && strncmp(a->details, "A synthetic", 11) == 0 &&
                  a->ntexts == 1 && strcmp(a->texts[0].lang, "ja") == 0,
              "en-US is the main text, Japanese kept");
        CHECK(a->naffected == 2 && a->affected[0].ecosystem &&
                  strcmp(a->affected[0].ecosystem, "PyPI") == 0 &&
                  strcmp(a->affected[0].name, "tsunagi-example") == 0 &&
                  a->affected[0].nranges == 1 &&
                  a->affected[0].ranges[0].events[1].kind ==
                      TSN_EV_LAST_AFFECTED &&
                  a->affected[0].nversions == 1,
              "a PyPI package from its collectionURL: a range and a version");
        CHECK(a->naffected == 2 && a->affected[1].ncpes == 1 &&
                  a->nwarnings == 2,
              "the non-CPE is left out; unaffected-by-default said: %zu",
              a->nwarnings);
        CHECK(a->nseverity == 1 && strcmp(a->severity[0].type, "CVSS_V4") == 0,
              "CVSS v4.0");
    }
    tsn_advisory_free(a);

    a = cve5("tests/resources/cve5/CVE-2099-0003.json");
    CHECK(a && a->withdrawn &&
              strcmp(a->withdrawn, "2099-02-01T00:00:00Z") == 0,
          "a REJECTED record is withdrawn on dateRejected");
    tsn_advisory_free(a);

    cve5_refuse(",\"affected\":[{\"vendor\":\"v\"}]",
                "/containers/cna/affected/0: a product needs vendor and "
                "product");
    cve5_refuse(",\"affected\":[{\"vendor\":\"v\",\"product\":\"p\","
                "\"versions\":[{\"version\":\"1\",\"status\":\"bad\"}]}]",
                "/containers/cna/affected/0/versions/0/status: status 'bad'");
    cve5_refuse(",\"affected\":[{\"vendor\":\"v\",\"product\":\"p\","
                "\"versions\":[{\"version\":\"1\",\"status\":\"affected\","
                "\"lessThan\":\"2\"}]}]",
                "needs a versionType");
    cve5_refuse(",\"metrics\":[{\"cvssV3_1\":{\"vectorString\":\"AV:N\"}}]",
                "/containers/cna/metrics/0/cvssV3_1/vectorString: 'AV:N' is "
                "not a vector");
    cve5_refuse(",\"problemTypes\":[{\"descriptions\":[{\"cweId\":\"79\"}]}]",
                "/containers/cna/problemTypes/0/descriptions/0/cweId: '79'");
    const char *v4 = "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"4.0\"}";
    tsn_advisory *b = NULL;
    CHECK(tsn_cve5_read(&b, v4, strlen(v4), "v4.json") == TSN_EINVALID &&
              strstr(tsn_error_last()->message, "/dataVersion: dataVersion "
                                                "'4.0' is not 5.x"),
          "CVE JSON 4 is refused");
}

int main(void)
{
    nvd_page();
    nvd_bad();
    cve5_records();
    const char *osv =
        "{\"id\":\"GHSA-1\",\"modified\":\"2024-01-01T00:00:00Z\","
        "\"details\":\"vulnerabilities and resultsPerPage\"}";
    CHECK(tsn_advisory_sniff(osv, strlen(osv)) == TSN_ADV_OSV,
          "words in a text are not members");
    return th_finish("nvd_cve5");
}
