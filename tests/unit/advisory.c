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
    return th_finish("advisory");
}
