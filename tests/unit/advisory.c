/* SPDX-License-Identifier: Apache-2.0 */
/* The OSV reader: each schema rule refuses with its pointer and reason;
 * usable faults are warnings. */
#include "harness.h"

#include <string.h>

#include "tsunagi/advisory.h"
#include "tsunagi/errors.h"

#define REC(body)                                                              \
    "{\"id\":\"GHSA-aaaa-bbbb-cccc\",\"modified\":"                            \
    "\"2024-01-02T03:04:05Z\"" body "}"
#define AFF(pkg, ranges)                                                       \
    REC(",\"affected\":[{\"package\":" pkg ",\"ranges\":" ranges "}]")
#define PYPI "{\"ecosystem\":\"PyPI\",\"name\":\"x\"}"

static void refuse(const char *json, const char *want)
{
    tsn_advisory *a = NULL;
    int rc = tsn_osv_read(&a, json, strlen(json), "t.json");
    const char *msg = rc < 0 ? tsn_error_last()->message : "(read)";
    CHECK(rc == TSN_EINVALID && !a && strstr(msg, want), "%s: got %s", want,
          msg);
    tsn_advisory_free(a);
}

int main(void)
{
    const char *good =
        REC(",\"aliases\":[\"CVE-2024-1\",\"GHSA-x,\"],\"summary\":\"s\","
            "\"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N\"}],"
            "\"affected\":[{\"package\":{\"ecosystem\":\"Debian:12\",\"name\":"
            "\"openssl\",\"purl\":\"pkg:deb/debian/openssl\"},\"ranges\":[{"
            "\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{"
            "\"fixed\":\"3.0.1-1\"}]},{\"type\":\"GIT\",\"repo\":\"r\","
            "\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"abc\"}]}],"
            "\"versions\":[\"1.0\"]}],\"references\":[{\"type\":\"WEB\","
            "\"url\":\"https://x\"}],\"database_specific\":{\"cwe_ids\":["
            "\"CWE-79\"]}");
    tsn_advisory *a = NULL;
    CHECK(tsn_osv_read(&a, good, strlen(good), "t.json") == 0 && a,
          "good record reads: %s", a ? "" : tsn_error_last()->message);
    if (a) {
        CHECK(strcmp(a->id, "GHSA-aaaa-bbbb-cccc") == 0, "id");
        CHECK(a->naliases == 1 && strcmp(a->aliases[0], "CVE-2024-1") == 0,
              "the mistyped alias is left out");
        CHECK(a->nwarnings == 2, "two warnings, got %zu", a->nwarnings);
        CHECK(a->naffected == 1 && a->affected[0].nranges == 2 &&
                  a->affected[0].ranges[0].nevents == 2 &&
                  a->affected[0].ranges[0].events[1].kind == TSN_EV_FIXED,
              "ranges and events");
        CHECK(a->ncwes == 1 && a->nseverity == 1 && a->nrefs == 1,
              "cwe, severity, references");
    }
    tsn_advisory_free(a);

    /* the database an id's form names, and its page */
    static const char *const homes[][3] = {
        {"CVE-2021-44228", "NVD",
         "https://nvd.nist.gov/vuln/detail/CVE-2021-44228"},
        {"GHSA-jfh8-c2jp-5v3q", "GitHub",
         "https://github.com/advisories/GHSA-jfh8-c2jp-5v3q"},
        {"PYSEC-2022-190", "OSV",
         "https://osv.dev/vulnerability/PYSEC-2022-190"},
        {"JVNDB-2023-001234", "JVN iPedia",
         "https://jvndb.jvn.jp/en/contents/2023/JVNDB-2023-001234.html"},
        {"JVNDB-1", "JVN iPedia", NULL},
        {"DSA-5000-1", NULL, NULL},
        {"CVE-2021-44228\"><script>", NULL, NULL},
    };
    for (size_t i = 0; i < sizeof homes / sizeof *homes; i++) {
        char *url = NULL;
        const char *home = tsn_advisory_id_home(homes[i][0], &url);
        CHECK(homes[i][1] ? home && strcmp(home, homes[i][1]) == 0 : !home,
              "%s: home %s", homes[i][0], home ? home : "none");
        CHECK(homes[i][2] ? url && strcmp(url, homes[i][2]) == 0 : !url,
              "%s: page %s", homes[i][0], url ? url : "none");
        tsn_free(url);
    }

    /* warnings are capped per record; the record still reads */
    char many[8192] = "{\"id\":\"GHSA-1\",\"modified\":"
                      "\"2024-01-02T03:04:05Z\",\"aliases\":[";
    for (int i = 0; i < 70; i++)
        strcat(many, i ? ",\"bad,\"" : "\"bad,\"");
    strcat(many, "]}");
    a = NULL;
    CHECK(tsn_osv_read(&a, many, strlen(many), "t.json") == 0 && a &&
              a->naliases == 0 && a->nwarnings == 64,
          "70 bad aliases: read with 64 warnings");
    tsn_advisory_free(a);

    refuse("[]", "/: an OSV record is a JSON object");
    refuse("{\"modified\":\"2024-01-02T03:04:05Z\"}", "'id' is required");
    refuse("{\"id\":\"GHSA-1\"}", "'modified' is required");
    refuse("{\"id\":\"nodash\",\"modified\":\"2024-01-02T03:04:05Z\"}",
           "/id: 'nodash' is not an advisory id");
    refuse("{\"id\":\"GHSA-1\",\"modified\":\"2024-01-02\"}",
           "/modified: '2024-01-02' is not an RFC 3339 date-time");
    refuse(REC(",\"published\":\"2024-01-02T03:04:05+0900\""),
           "/published: '2024-01-02T03:04:05+0900' is not an RFC 3339");
    refuse(REC(",\"aliases\":\"CVE-1\""), "/aliases: expected array");
    refuse(REC(",\"severity\":[{\"type\":\"CVSS_V5\",\"score\":\"x\"}]"),
           "/severity/0/type: unknown severity type 'CVSS_V5'");
    refuse(AFF("{\"ecosystem\":\"Nope\",\"name\":\"x\"}", "[]"),
           "/affected/0/package/ecosystem: unknown ecosystem 'Nope'");
    refuse(AFF("{\"ecosystem\":\"PyPI\"}", "[]"),
           "/affected/0/package: 'name' is required");
    refuse(
        AFF("{\"ecosystem\":\"PyPI\",\"name\":\"x\",\"purl\":\"pkg:\"}", "[]"),
        "/affected/0/package/purl:");
    refuse(AFF(PYPI, "[{\"type\":\"SEMVER\",\"events\":[{\"fixed\":\"1\"}]}]"),
           "/affected/0/ranges/0/events: range without an introduced event");
    refuse(AFF(PYPI, "[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":"
                     "\"0\"},{\"fixed\":\"1\"},{\"last_affected\":\"2\"}]}]"),
           "fixed and last_affected events in one range");
    refuse(AFF(PYPI, "[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":"
                     "\"0\",\"fixed\":\"1\"}]}]"),
           "/affected/0/ranges/0/events/0: an event is an object with one");
    refuse(AFF(PYPI, "[{\"type\":\"SEMVER\",\"events\":[{\"broken\":\"0\"}]}]"),
           "/affected/0/ranges/0/events/0/broken: unknown event 'broken'");
    refuse(
        AFF(PYPI, "[{\"type\":\"GIT\",\"events\":[{\"introduced\":\"0\"}]}]"),
        "a GIT range needs a repo");
    refuse(AFF(PYPI, "[{\"type\":\"SVN\",\"events\":[]}]"),
           "/affected/0/ranges/0/type: unknown range type 'SVN'");
    refuse(AFF(PYPI, "[{\"type\":\"SEMVER\",\"events\":[]}]"),
           "range without events");
    refuse(REC(",\"affected\":[{\"versions\":[\"1\"]}]"),
           "versions without a package");
    refuse(REC(",\"references\":[{\"type\":\"BLOG\",\"url\":\"u\"}]"),
           "/references/0/type: unknown reference type 'BLOG'");
    refuse("{\"id\":\"GHSA-1\",\"id\":\"GHSA-2\"}", "duplicate");

    /* KEV: bad entries are left out and listed; the catalog reads */
    const char *kev =
        "{\"catalogVersion\":\"2025.08.25\",\"dateReleased\":"
        "\"2025-08-25T17:04:19.9796Z\",\"vulnerabilities\":[{\"cveID\":"
        "\"CVE-2021-44228\",\"vendorProject\":\"Apache\",\"product\":"
        "\"Log4j2\",\"vulnerabilityName\":\"n\",\"dateAdded\":"
        "\"2021-12-10\",\"shortDescription\":\"\",\"requiredAction\":\"a\","
        "\"dueDate\":\"2021-12-24\",\"knownRansomwareCampaignUse\":"
        "\"Known\",\"cwes\":[\"CWE-502\"]},{\"cveID\":\"CVE-21-1\"},"
        "{\"cveID\":\"CVE-2021-0001\",\"vendorProject\":\"v\",\"product\":"
        "\"p\",\"vulnerabilityName\":\"n\",\"dateAdded\":\"2023-02-29\","
        "\"shortDescription\":\"d\",\"requiredAction\":\"a\",\"dueDate\":"
        "\"2023-03-01\"}]}";
    CHECK(tsn_advisory_sniff(kev, strlen(kev)) == TSN_ADV_KEV &&
              tsn_advisory_sniff(good, strlen(good)) == TSN_ADV_OSV,
          "sniff tells KEV from OSV");
    tsn_kev *k = NULL;
    CHECK(tsn_kev_read(&k, kev, strlen(kev), "kev.json") == 0 && k,
          "catalog reads");
    if (k) {
        CHECK(k->nentries == 1 &&
                  strcmp(k->entries[0].cve, "CVE-2021-44228") == 0 &&
                  k->entries[0].ransomware && k->entries[0].ncwes == 1,
              "one entry kept, ransomware use Known");
        CHECK(k->nrefused == 2 &&
                  strstr(k->refused[0], "kev.json:1: /vulnerabilities/1: "
                                        "'vendorProject' is required") &&
                  strstr(k->refused[1], "/vulnerabilities/2/dateAdded: "
                                        "'2023-02-29' is not a date"),
              "two entries refused with their place: %s | %s",
              k->nrefused > 0 ? k->refused[0] : "",
              k->nrefused > 1 ? k->refused[1] : "");
    }
    tsn_kev_free(k);
    k = NULL;
    const char *nodate = "{\"catalogVersion\":\"1\"}";
    CHECK(tsn_kev_read(&k, nodate, strlen(nodate), "kev.json") ==
                  TSN_EINVALID &&
              !k &&
              strstr(tsn_error_last()->message, "'dateReleased' is required"),
          "a catalog without its release date is refused: %s",
          tsn_error_last()->message);
    return th_finish("advisory");
}
