/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzz target: what a CSAF provider serves to db update, chosen by the
 * first byte: provider-metadata.json ('m'), a ROLIE feed ('f'), a
 * changes.csv ('c'), a security.txt ('s') or an aggregator.json ('a').
 * Whatever reads holds only
 * http(s) URLs of the form csaf_url_ok() allows, changes.csv's below its
 * directory with no "." or ".." segment; a refusal names the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/advisory/csaf_dist.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define BASE "https://p.example/csaf"

static void url(const char *u)
{
    if (!u || !csaf_url_ok(u))
        abort();
}

static void below(const char *u)
{
    url(u);
    if (strncmp(u, BASE "/", sizeof BASE) != 0 || strstr(u, "/./") ||
        strstr(u, "/../") || strstr(u, "//p.example/csaf//"))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    tsnu_arena arena = TSNU_ARENA_INIT;
    tsnr r = TSNR_INIT(&arena, "fuzz.in");
    int rc = 0;
    if (data[0] == 'm') {
        csaf_provider pm;
        if ((rc = csaf_provider_read(&r, text, len, &pm)) == 0) {
            url(pm.publisher);
            for (size_t i = 0; i < pm.ndirectories; i++)
                url(pm.directories[i]);
            for (size_t i = 0; i < pm.nfeeds; i++)
                url(pm.feeds[i].url);
            for (size_t i = 0; i < pm.nkeys; i++)
                url(pm.keys[i].url);
        }
    } else if (data[0] == 'a') {
        csaf_aggregator ag;
        if ((rc = csaf_aggregator_read(&r, text, len, &ag)) == 0) {
            if (ag.nproviders == 0)
                abort();
            for (size_t i = 0; i < ag.nproviders + ag.npublishers; i++)
                url(ag.urls[i]);
        }
    } else if (data[0] == 'f' || data[0] == 'c') {
        const csaf_entry *es;
        size_t n, left;
        rc = data[0] == 'f'
                 ? csaf_rolie_read(&r, text, len, &es, &n, &left)
                 : csaf_changes_read(&r, text, len, BASE "/", &es, &n, &left);
        for (size_t i = 0; rc == 0 && i < n; i++) {
            if (data[0] == 'c')
                below(es[i].url);
            else
                url(es[i].url);
            if (es[i].hash)
                url(es[i].hash);
            if (es[i].sig)
                url(es[i].sig);
        }
        if (rc == 0 && r.warnings.len > left)
            abort();
    } else if (data[0] == 's') {
        const char *const *urls;
        size_t n;
        if ((rc = csaf_security_txt(&r, text, len, &urls, &n)) == 0)
            for (size_t i = 0; i < n; i++)
                url(urls[i]);
    }
    if (rc < 0 && rc != TSN_ENOMEM &&
        strncmp(tsn_error_last()->message, "fuzz.in", 7) != 0)
        abort();
    tsnu_vec_dispose(&r.warnings);
    tsnu_arena_dispose(&arena);
    return 0;
}
