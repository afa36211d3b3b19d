/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The CSAF distribution documents db update follows: OASIS's examples of
 * provider-metadata.json and a ROLIE feed (../shared/data/csaf), and
 * changes.csv, security.txt and URLs written here to reach each rule.
 */
#include "harness.h"
#include "lib/advisory/csaf_dist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The shared file @p rel, NUL-terminated (free()), or NULL. */
static char *shared(const char *rel, size_t *len)
{
    const char *path = th_shared(rel);
    tsn_buf b = TSN_BUF_INIT(1 << 24);
    if (!path || tsnu_file_read(&b, path, 1 << 24) < 0) {
        tsn_buf_dispose(&b);
        return NULL;
    }
    *len = b.len;
    (void)tsn_buf_cstr(&b);
    return b.ptr;
}

static void oasis_examples(void)
{
    if (!th_shared("csaf/2.0/examples")) {
        printf("SKIP: the OASIS examples are not there\n");
        return;
    }
    const char *path = "provider-metadata/example-01-provider-metadata.json";
    size_t len = 0;
    char *text = shared("csaf/2.0/examples/provider-metadata/"
                        "example-01-provider-metadata.json",
                        &len);
    CHECK(text != NULL, "read %s", path);
    tsnu_arena arena = TSNU_ARENA_INIT;
    tsnr r = TSNR_INIT(&arena, "provider-metadata.json");
    csaf_provider pm;
    int rc = text ? csaf_provider_read(&r, text, len, &pm) : -1;
    CHECK(rc == 0, "the example metadata reads: %s", tsn_error_last()->message);
    if (rc == 0) {
        CHECK_STR(pm.publisher, "https://psirt.example.com", "publisher");
        CHECK_STR(pm.role, "csaf_trusted_provider", "role");
        CHECK(pm.trusted, "a trusted provider");
        CHECK(pm.nfeeds == 1 && pm.ndirectories == 0, "one feed, no directory");
        CHECK(pm.nkeys == 1, "one OpenPGP key");
        if (pm.nkeys == 1)
            CHECK_STR(pm.keys[0].fingerprint,
                      "8F5F267907B2C4559DB360DB2294BA7D2B2298B1",
                      "the key's fingerprint");
        if (pm.nfeeds == 1) {
            CHECK_STR(pm.feeds[0].tlp, "WHITE", "the feed's TLP");
            CHECK_STR(
                pm.feeds[0].url,
                "https://www.example.com/.well-known/csaf/feed-tlp-white.json",
                "the feed's URL");
        }
    }
    free(text);
    tsnu_vec_dispose(&r.warnings);

    path = "ROLIE/example-01-feed-tlp-white.json";
    text =
        shared("csaf/2.0/examples/ROLIE/example-01-feed-tlp-white.json", &len);
    CHECK(text != NULL, "read %s", path);
    tsnr f = TSNR_INIT(&arena, "feed.json");
    const csaf_entry *es;
    size_t n = 0, left = 0;
    rc = text ? csaf_rolie_read(&f, text, len, &es, &n, &left) : -1;
    CHECK(rc == 0 && n == 1 && left == 0, "the example feed: one entry (%zu)",
          n);
    if (rc == 0 && n == 1) {
        CHECK_STR(
            es[0].url,
            "https://psirt.domain.tld/advisories/csaf/2020/2020-ESA-001.json",
            "the document");
        CHECK(es[0].hash && es[0].sha512, "its SHA-512 file");
        CHECK(es[0].sig && strstr(es[0].sig, ".json.asc"), "its signature");
        CHECK(es[0].updated == 1609502400000000LL,
              "updated 2021-01-01T12:00:00Z");
    }
    free(text);
    tsnu_vec_dispose(&f.warnings);

    /* an aggregator's list is not a provider's metadata */
    text =
        shared("csaf/2.0/examples/aggregator/example-01-aggregator.json", &len);
    CHECK(text != NULL, "read aggregator/example-01-aggregator.json");
    tsnr a = TSNR_INIT(&arena, "aggregator.json");
    rc = text ? csaf_provider_read(&a, text, len, &pm) : 0;
    CHECK(rc == TSN_EINVALID && strstr(tsn_error_last()->message,
                                       "'metadata_version' is required"),
          "an aggregator.json refused: %s", tsn_error_last()->message);
    free(text);
    tsnu_vec_dispose(&a.warnings);
    tsnu_arena_dispose(&arena);
}

static const char *const meta_head =
    "{\"metadata_version\":\"2.0\",\"publisher\":{\"namespace\":"
    "\"https://p.example\"},";

static int meta(tsnu_arena *arena, const char *rest, csaf_provider *pm)
{
    char text[2048];
    snprintf(text, sizeof text, "%s%s", meta_head, rest);
    tsnr r = TSNR_INIT(arena, "m.json");
    int rc = csaf_provider_read(&r, text, strlen(text), pm);
    tsnu_vec_dispose(&r.warnings);
    return rc;
}

static void provider_rules(void)
{
    tsnu_arena arena = TSNU_ARENA_INIT;
    csaf_provider pm;
    int rc = meta(
        &arena,
        "\"role\":\"csaf_provider\",\"distributions\":[{\"directory_url\":"
        "\"https://p.example/csaf/\"},{\"rolie\":{\"feeds\":[{\"tlp_label\":"
        "\"GREEN\",\"url\":\"https://p.example/g.json\"}]}}]}",
        &pm);
    CHECK(rc == 0 && pm.ndirectories == 1 && pm.nfeeds == 1 && !pm.trusted,
          "both distributions read");
    rc = meta(&arena, "\"role\":\"csaf_boss\"}", &pm);
    CHECK(rc == TSN_EINVALID &&
              strstr(tsn_error_last()->message, "m.json:1: /role:"),
          "an unknown role: %s", tsn_error_last()->message);
    rc =
        meta(&arena,
             "\"role\":\"csaf_provider\",\"distributions\":[{\"directory_url\":"
             "\"file:///etc/\"}]}",
             &pm);
    CHECK(rc == TSN_EINVALID && strstr(tsn_error_last()->message,
                                       "/distributions/0/directory_url"),
          "a file: URL refused: %s", tsn_error_last()->message);
    rc = meta(
        &arena,
        "\"role\":\"csaf_provider\",\"distributions\":[{\"rolie\":{\"feeds\":"
        "[{\"tlp_label\":\"PURPLE\",\"url\":\"https://p.example/f.json\"}]}}]}",
        &pm);
    CHECK(rc == TSN_EINVALID &&
              strstr(tsn_error_last()->message,
                     "/distributions/0/rolie/feeds/0/tlp_label"),
          "an unknown TLP refused: %s", tsn_error_last()->message);
    rc = meta(&arena,
              "\"role\":\"csaf_provider\",\"distributions\":[{\"directory_"
              "url\":\"https://p.example/\"}],\"public_openpgp_keys\":[{"
              "\"url\":\"https://k.example/a.asc\"},{\"url\":\"https://"
              "k.example/b.asc\",\"fingerprint\":\"0123456789abcdef01234567"
              "89ABCDEF01234567\"}]}",
              &pm);
    CHECK(rc == 0 && pm.nkeys == 2 && !pm.keys[0].fingerprint &&
              pm.keys[1].fingerprint,
          "two keys, one without a fingerprint: %s", tsn_error_last()->message);
    rc = meta(&arena,
              "\"role\":\"csaf_provider\",\"distributions\":[{\"directory_"
              "url\":\"https://p.example/\"}],\"public_openpgp_keys\":[{"
              "\"url\":\"https://k.example/b.asc\",\"fingerprint\":"
              "\"0123456789abcdef0123456789ABCDEF0123456\"}]}",
              &pm);
    CHECK(rc == TSN_EINVALID &&
              strstr(tsn_error_last()->message,
                     "/public_openpgp_keys/0/fingerprint: '0123456789abcdef0"
                     "123456789ABCDEF0123456' is not a fingerprint"),
          "39 hex digits refused: %s", tsn_error_last()->message);
    rc = meta(&arena,
              "\"role\":\"csaf_provider\",\"distributions\":[{\"directory_"
              "url\":\"https://p.example/\"}],\"public_openpgp_keys\":[{"
              "\"fingerprint\":\"0123456789abcdef0123456789ABCDEF01234567\"}"
              "]}",
              &pm);
    CHECK(rc == TSN_EINVALID &&
              strstr(tsn_error_last()->message, "/public_openpgp_keys/0"),
          "a key without its URL refused: %s", tsn_error_last()->message);
    {
        char many[8192];
        size_t k = (size_t)snprintf(many, sizeof many, "%s",
                                    "\"role\":\"csaf_provider\","
                                    "\"distributions\":[{\"directory_url\":"
                                    "\"https://p.example/\"}],"
                                    "\"public_openpgp_keys\":[");
        for (int i = 0; i < 65; i++)
            k += (size_t)snprintf(many + k, sizeof many - k,
                                  "%s{\"url\":\"https://k.example/%d\"}",
                                  i ? "," : "", i);
        snprintf(many + k, sizeof many - k, "]}");
        char text[8192 + 128];
        snprintf(text, sizeof text, "%s%s", meta_head, many);
        tsnr r = TSNR_INIT(&arena, "m.json");
        rc = csaf_provider_read(&r, text, strlen(text), &pm);
        tsnu_vec_dispose(&r.warnings);
        CHECK(rc == TSN_EINVALID &&
                  strstr(tsn_error_last()->message,
                         "m.json:1: /public_openpgp_keys: more than 64"),
              "65 keys refused with where: %s", tsn_error_last()->message);
    }
    rc =
        meta(&arena, "\"role\":\"csaf_provider\",\"distributions\":[{}]}", &pm);
    CHECK(rc == TSN_EINVALID && strstr(tsn_error_last()->message,
                                       "needs 'directory_url' or 'rolie'"),
          "an empty distribution refused: %s", tsn_error_last()->message);
    tsnu_arena_dispose(&arena);
}

static void rolie_rules(void)
{
    tsnu_arena arena = TSNU_ARENA_INIT;
    tsnr r = TSNR_INIT(&arena, "f.json");
    const char *text =
        "{\"feed\":{\"entry\":["
        "{\"updated\":\"2024-01-01T00:00:00Z\",\"content\":{\"src\":\"https://"
        "p.example/a.json\"},"
        "\"link\":[{\"rel\":\"hash\",\"href\":\"https://p.example/"
        "a.json.sha256\"},"
        "{\"rel\":\"hash\",\"href\":\"https://p.example/a.json.sha512\"},"
        "{\"rel\":\"hash\",\"href\":\"https://p.example/a.json.sha256\"}]},"
        "{\"updated\":\"2024-01-02T00:00:00Z\",\"content\":{\"src\":\"https://"
        "p.example/b.json\"},"
        "\"link\":[{\"rel\":\"hash\",\"href\":\"https://p.example/"
        "b.json.md5\"}]},"
        "{\"updated\":\"2024-01-03\",\"content\":{\"src\":\"https://p.example/"
        "c.json\"}},"
        "{\"updated\":\"2024-01-03T00:00:00Z\"},"
        "{\"updated\":\"2024-01-03T00:00:00Z\",\"content\":{\"src\":\"https://"
        "p.example/d e.json\"}}"
        "]}}";
    const csaf_entry *es;
    size_t n, left;
    int rc = csaf_rolie_read(&r, text, strlen(text), &es, &n, &left);
    CHECK(rc == 0 && n == 2 && left == 3,
          "two entries read, three left out (%zu, %zu)", n, left);
    if (rc == 0 && n == 2) {
        CHECK(es[0].sha512 && strstr(es[0].hash, ".sha512"),
              "SHA-512 preferred");
        CHECK(es[1].hash == NULL, "an MD5 file is not used");
    }
    CHECK(r.warnings.len == 3, "three warnings");
    if (r.warnings.len == 3) {
        const char *w = ((char **)r.warnings.ptr)[0];
        CHECK(strstr(w, "/feed/entry/2/updated") != NULL, "the date named: %s",
              w);
        w = ((char **)r.warnings.ptr)[1];
        CHECK(strstr(w, "/feed/entry/3: 'content' is required") != NULL,
              "no content: %s", w);
    }
    tsnu_vec_dispose(&r.warnings);
    tsnr b = TSNR_INIT(&arena, "g.json");
    rc = csaf_rolie_read(&b, "[]", 2, &es, &n, &left);
    CHECK(rc == TSN_EINVALID && strstr(tsn_error_last()->message, "g.json:1:"),
          "not a feed: %s", tsn_error_last()->message);
    tsnu_vec_dispose(&b.warnings);
    tsnu_arena_dispose(&arena);
}

static void changes_rules(void)
{
    tsnu_arena arena = TSNU_ARENA_INIT;
    tsnr r = TSNR_INIT(&arena, "changes.csv");
    const char *text = "\"2024/a.json\",\"2024-02-01T00:00:00Z\"\r\n"
                       "2023/b_c+d.json,2023-02-01T00:00:00.5+09:00\n"
                       "\n"
                       "\"../x.json\",\"2024-01-01T00:00:00Z\"\n"
                       "\"/etc/x.json\",\"2024-01-01T00:00:00Z\"\n"
                       "\"2024/./x.json\",\"2024-01-01T00:00:00Z\"\n"
                       "\"2024/x.txt\",\"2024-01-01T00:00:00Z\"\n"
                       "\"2024/x.json\",\"yesterday\"\n"
                       "\"2024/x.json\"\n"
                       "\"2024/x.json\",\"2024-01-01T00:00:00Z\",\"extra\"\n"
                       "\"2024/x\"\"y.json\",\"2024-01-01T00:00:00Z\"\n"
                       "\"2024/z.json\",\"2024-01-01T00:00:00Z\"";
    const csaf_entry *es;
    size_t n, left;
    int rc = csaf_changes_read(&r, text, strlen(text),
                               "https://p.example/csaf/", &es, &n, &left);
    CHECK(rc == 0 && n == 3 && left == 8,
          "three lines read, eight left out (%zu, %zu)", n, left);
    if (rc == 0 && n == 3) {
        CHECK_STR(es[0].url, "https://p.example/csaf/2024/a.json",
                  "the first URL");
        CHECK_STR(es[1].url, "https://p.example/csaf/2023/b_c+d.json",
                  "unquoted");
        CHECK(es[1].updated == 1675177200500000LL, "a zone and fraction: %lld",
              (long long)es[1].updated);
        CHECK_STR(es[2].url, "https://p.example/csaf/2024/z.json",
                  "no final newline");
    }
    if (r.warnings.len >= 2) {
        CHECK(strncmp(((char **)r.warnings.ptr)[0], "4: ", 3) == 0,
              "line 4 named: %s", ((char **)r.warnings.ptr)[0]);
    }
    tsnu_vec_dispose(&r.warnings);
    tsnr z = TSNR_INIT(&arena, "changes.csv");
    rc = csaf_changes_read(&z, "\"a.json\",\"2024-01-01T00:00:00Z\"\n\0", 33,
                           "https://p.example", &es, &n, &left);
    CHECK(rc == TSN_EINVALID &&
              strstr(tsn_error_last()->message, "changes.csv:2: a NUL byte"),
          "a NUL byte refused: %s", tsn_error_last()->message);
    rc = csaf_changes_read(&z, "", 0, "ftp://p.example", &es, &n, &left);
    CHECK(rc == TSN_EINVALID, "an ftp directory refused");
    tsnu_vec_dispose(&z.warnings);
    tsnu_arena_dispose(&arena);
}

static void security_txt(void)
{
    tsnu_arena arena = TSNU_ARENA_INIT;
    tsnr r = TSNR_INIT(&arena, "security.txt");
    const char *text =
        "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n"
        "# CSAF: https://comment.example/provider-metadata.json\n"
        "Contact: mailto:psirt@p.example\r\n"
        "CSAF: https://p.example/.well-known/csaf/provider-metadata.json\r\n"
        "csaf:\thttps://q.example/provider-metadata.json  \n"
        "CSAF: file:///etc/passwd\n"
        "CSAFX: https://x.example/provider-metadata.json\n";
    const char *const *urls;
    size_t n;
    int rc = csaf_security_txt(&r, text, strlen(text), &urls, &n);
    CHECK(rc == 0 && n == 2, "two CSAF fields (%zu)", n);
    if (rc == 0 && n == 2) {
        CHECK_STR(urls[0],
                  "https://p.example/.well-known/csaf/provider-metadata.json",
                  "first");
        CHECK_STR(urls[1], "https://q.example/provider-metadata.json",
                  "any case, trimmed");
    }
    tsnu_vec_dispose(&r.warnings);
    /* the count of CSAF fields is bounded */
    tsn_buf many = TSN_BUF_INIT(1 << 20);
    for (int i = 0; i < 1001; i++)
        tsn_buf_printf(&many,
                       "CSAF: https://p%d.example/provider-metadata.json\n", i);
    tsnr m = TSNR_INIT(&arena, "big.txt");
    rc = csaf_security_txt(&m, many.ptr, many.len, &urls, &n);
    CHECK(rc == TSN_ETOOBIG &&
              strstr(tsn_error_last()->message, "big.txt: more than 1000"),
          "1,001 CSAF fields refused: %s", tsn_error_last()->message);
    tsn_buf_dispose(&many);
    tsnu_vec_dispose(&m.warnings);
    tsnu_arena_dispose(&arena);
}

static void urls(void)
{
    CHECK(csaf_url_ok("https://p.example/a.json"), "https");
    CHECK(csaf_url_ok("http://127.0.0.1:8080/a.json"), "http with a port");
    CHECK(!csaf_url_ok("ftp://p.example/a.json"), "ftp");
    CHECK(!csaf_url_ok("https:///a.json"), "no host");
    CHECK(!csaf_url_ok("https://@p.example/"), "no host before @");
    CHECK(!csaf_url_ok("https://p.example/a b.json"), "a space");
    CHECK(!csaf_url_ok("https://p.example/a\nb.json"), "a newline");
    CHECK(!csaf_url_ok("https://p.example/\"a.json"), "a quote");
    CHECK(!csaf_url_ok("//p.example/a.json"), "no scheme");
    char longer[2100];
    memset(longer, 'a', sizeof longer);
    memcpy(longer, "https://p.example/", 18);
    longer[sizeof longer - 1] = '\0';
    CHECK(!csaf_url_ok(longer), "longer than 2,048 bytes");
}

static void aggregators(void)
{
    if (!th_shared("csaf/2.0/examples/aggregator")) {
        printf("SKIP: the OASIS aggregator examples are not there\n");
        return;
    }
    tsnu_arena arena = TSNU_ARENA_INIT;
    static const size_t publishers[] = {0, 0, 1};
    for (int i = 1; i <= 3; i++) {
        char rel[128];
        snprintf(rel, sizeof rel,
                 "csaf/2.0/examples/aggregator/example-0%d-aggregator.json", i);
        size_t len = 0;
        char *text = shared(rel, &len);
        tsnr r = TSNR_INIT(&arena, rel);
        csaf_aggregator ag;
        int rc = text ? csaf_aggregator_read(&r, text, len, &ag) : -1;
        CHECK(rc == 0, "%s reads: %s", rel, tsn_error_last()->message);
        if (rc == 0) {
            CHECK(ag.nproviders == 2 && ag.npublishers == publishers[i - 1],
                  "%s: %zu providers, %zu publishers", rel, ag.nproviders,
                  ag.npublishers);
            CHECK_STR(ag.urls[0],
                      "https://www.example.com/.well-known/csaf/"
                      "provider-metadata.json",
                      "the first provider's metadata");
            CHECK_STR(ag.category, i == 1 ? "lister" : "aggregator",
                      "the category");
        }
        tsnu_vec_dispose(&r.warnings);
        free(text);
    }
    static const struct {
        const char *text, *says;
    } bad[] = {
        {"[]", "a JSON object"},
        {"{\"aggregator_version\":\"2.1\"}",
         "/aggregator_version: aggregator version '2.1'"},
        {"{\"aggregator_version\":\"2.0\",\"aggregator\":{\"name\":\"A\","
         "\"category\":\"hub\",\"namespace\":\"https://a.example\"}}",
         "/aggregator/category: 'hub' is not"},
        {"{\"aggregator_version\":\"2.0\",\"aggregator\":{\"name\":\"A\","
         "\"category\":\"lister\",\"namespace\":\"https://a.example\"},"
         "\"csaf_providers\":[]}",
         "'csaf_providers' lists no one"},
        {"{\"aggregator_version\":\"2.0\",\"aggregator\":{\"name\":\"A\","
         "\"category\":\"lister\",\"namespace\":\"https://a.example\"},"
         "\"csaf_providers\":[{\"metadata\":{\"url\":\"file:///etc/"
         "passwd\"}}]}",
         "/csaf_providers/0/metadata/url: 'file:///etc/passwd' is not an "
         "http(s) URL"},
        {"{\"aggregator_version\":\"2.0\",\"aggregator\":{\"name\":\"A\","
         "\"category\":\"lister\",\"namespace\":\"https://a.example\"},"
         "\"csaf_providers\":[{\"mirrors\":[]}]}",
         "/csaf_providers/0: 'metadata' is required"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        tsnr r = TSNR_INIT(&arena, "agg.json");
        csaf_aggregator ag;
        int rc =
            csaf_aggregator_read(&r, bad[i].text, strlen(bad[i].text), &ag);
        CHECK(rc == TSN_EINVALID &&
                  strstr(tsn_error_last()->message, "agg.json") &&
                  strstr(tsn_error_last()->message, bad[i].says),
              "bad aggregator %zu refused with '%s': %s", i, bad[i].says,
              tsn_error_last()->message);
        tsnu_vec_dispose(&r.warnings);
    }
    tsnu_arena_dispose(&arena);
}

int main(void)
{
    oasis_examples();
    aggregators();
    provider_rules();
    rolie_rules();
    changes_rules();
    security_txt();
    urls();
    return th_finish("csaf-dist");
}
