/* SPDX-License-Identifier: Apache-2.0 */
/*
 * db update --source csaf:DOMAIN or csaf:URL: a CSAF 2.0 provider
 * (section 7), found by its metadata, its documents listed by its ROLIE
 * feeds or its directories' changes.csv, each checked against its hash
 * file before it is imported.
 */
#include "lib/lib.h"

#include "lib/adapt/crypto.h"
#include "lib/adapt/pgp.h"
#include "lib/advisory/csaf_dist.h"
#include "lib/vulndb/update_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define META_MAX ((size_t)16 * 1024 * 1024) /* metadata, feeds, lists */
#define HASH_FILE_MAX ((size_t)64 * 1024)   /* a digest and a name */
#define SIG_FILE_MAX ((size_t)64 * 1024)    /* a detached signature */
#define KEY_FILE_MAX ((size_t)1024 * 1024)  /* a public key, certified */

/* The download just made, read whole into @p out and deleted; longer
 * than @p max bytes: TSN_ETOOBIG. */
static int take_text(struct upd *u, tsn_buf *out, size_t max)
{
    const char *path = upd_pop_path(u);
    tsn_buf_clear(out);
    int rc = tsnu_file_read(out, path, max);
    if (rc == TSN_ETOOBIG)
        rc = tsn_error_set(TSN_ETOOBIG, "%s: larger than %zu bytes", path, max);
    unlink(path);
    return rc;
}

/* A domain, as csaf:DOMAIN names a provider: [A-Za-z0-9.-] and a port. */
static bool domain_ok(const char *s)
{
    size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                         "0123456789.-");
    if (n == 0 || n > 253 || *s == '.' || *s == '-')
        return false;
    if (s[n] == ':')
        return s[n + 1] && strspn(s + n + 1, "0123456789") == strlen(s + n + 1);
    return s[n] == '\0';
}

/*
 * Find the provider's metadata (CSAF 2.0 section 7.3.1) for @p where, a
 * URL of it or the provider's domain: the well-known URL, then the CSAF
 * fields of its security.txt, then the DNS path. The metadata is left
 * as the last download, its URL in u->url.
 */
static int locate(struct upd *u, const char *where, tsnu_arena *arena)
{
    enum fetched got = GONE;
    tsn_buf *url = &u->url;
    tsn_buf_clear(url);
    if (strstr(where, "://")) {
        if (!csaf_url_ok(where))
            return tsn_error_set(TSN_EUSAGE,
                                 "csaf:%s: not an http(s) URL of a "
                                 "provider-metadata.json",
                                 where);
        int rc = tsn_buf_puts(url, where);
        if (rc == 0)
            rc =
                upd_fetch(u, where, JSON_TYPES, false, false, &got, NULL, NULL);
        return rc;
    }
    if (!domain_ok(where))
        return tsn_error_set(
            TSN_EUSAGE, "csaf:%s: neither a domain nor an http(s) URL", where);
    int rc = tsn_buf_printf(url,
                            "https://%s/.well-known/csaf/"
                            "provider-metadata.json",
                            where);
    if (rc == 0)
        rc = upd_fetch(u, url->ptr, JSON_TYPES, false, true, &got, NULL, NULL);
    if (rc < 0 || got == GOT)
        return rc;
    char txt[600];
    snprintf(txt, sizeof txt, "https://%s/.well-known/security.txt", where);
    if ((rc = upd_fetch(u, txt, "text/plain", false, true, &got, NULL, NULL)) <
        0)
        return rc;
    if (got == GOT) {
        tsn_buf text = TSN_BUF_INIT(META_MAX);
        tsnr r = TSNR_INIT(arena, txt);
        const char *const *urls = NULL;
        size_t n = 0;
        if ((rc = take_text(u, &text, META_MAX)) == 0)
            rc = csaf_security_txt(&r, text.ptr, text.len, &urls, &n);
        tsn_buf_dispose(&text);
        tsnu_vec_dispose(&r.warnings);
        for (size_t i = 0; rc == 0 && i < n; i++) {
            if ((rc = upd_fetch(u, urls[i], JSON_TYPES, false, true, &got, NULL,
                                NULL)) == 0 &&
                got == GOT) {
                tsn_buf_clear(url);
                return tsn_buf_puts(url, urls[i]);
            }
        }
        if (rc < 0)
            return rc;
    }
    tsn_buf_clear(url);
    if ((rc = tsn_buf_printf(url, "https://csaf.data.security.%s/", where)) ==
        0)
        rc = upd_fetch(u, url->ptr, JSON_TYPES, false, false, &got, NULL, NULL);
    if (rc < 0) {
        char why[1024];
        snprintf(why, sizeof why, "%s", tsn_error_last()->message);
        return tsn_error_set(rc,
                             "csaf:%s: no provider-metadata.json at its "
                             "well-known URL, security.txt or DNS path (%s)",
                             where, why);
    }
    return 0;
}

/* One list of documents a provider keeps: a ROLIE feed, or a directory's
 * changes.csv. */
struct dlist {
    const char *url;
    const char *dir; /* the directory of a changes.csv; NULL: a feed */
    char *etag, *lastmod;
    int64_t newest; /* the latest entry read, or 0 */
    bool got;
};

/* Whether @p url may be fetched for a provider whose metadata came over
 * https (@p secure): https only, then. */
static bool same_scheme(const char *url, bool secure)
{
    return !secure || tsnu_starts_with(url, "https://");
}

/* Report a problem with one download; a refusal is counted in @p count
 * unless it is NULL (counted by the caller). */
TSN_PRINTF(5, 6)
static void refuse(tsn_vulndb_report_fn report,
                   void *payload,
                   size_t *count,
                   bool refused,
                   const char *fmt,
                   ...)
{
    char msg[4400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (refused && count)
        ++*count;
    if (report)
        report(payload, refused, msg);
}

/*
 * Check the document @p doc against its hash file @p hash, both in the
 * pack: 0 when it matches; a mismatch, or a hash file without a digest,
 * is TSN_EINVALID with the reason.
 */
static int check_hash(struct upd *u,
                      const struct get *doc,
                      const struct get *hash,
                      bool sha512)
{
    tsn_buf text = TSN_BUF_INIT(HASH_FILE_MAX);
    char want[TSNA_HASH_HEX_MAX], have[TSNA_HASH_HEX_MAX];
    int rc = upd_pack_flush(u);
    if (rc == 0)
        rc = tsnu_file_read_at(&text, u->pack_path, hash->off, hash->len,
                               HASH_FILE_MAX);
    if (rc == TSN_ETOOBIG)
        rc = tsn_error_set(TSN_EINVALID, "%s: not a hash file", hash->url);
    size_t n =
        rc == 0 ? strspn(tsn_buf_cstr(&text), "0123456789abcdefABCDEF") : 0;
    size_t need = sha512 ? 128 : 64;
    if (rc == 0 && (n != need || (text.len > n && text.ptr[n] != ' ' &&
                                  text.ptr[n] != '\t' && text.ptr[n] != '\n' &&
                                  text.ptr[n] != '\r')))
        rc = tsn_error_set(TSN_EINVALID,
                           "%s: does not start with a %s digest in hex",
                           hash->url, sha512 ? "SHA-512" : "SHA-256");
    if (rc == 0) {
        for (size_t i = 0; i < n; i++)
            want[i] = (char)(text.ptr[i] | 0x20);
        want[n] = '\0';
        rc = tsna_hash_file(u->pack_path, doc->off, doc->len,
                            sha512 ? TSNA_SHA512 : TSNA_SHA256, have);
    }
    if (rc == 0 && strcmp(want, have) != 0)
        rc = tsn_error_set(TSN_EINVALID,
                           "%s: its %s does not match %s: left out", doc->url,
                           sha512 ? "SHA-512" : "SHA-256", hash->url);
    tsn_buf_dispose(&text);
    return rc;
}

/* The hash files of the documents @p docs (GOT or not) that @p es say
 * (hash given, or @p beside: "URL.sha512" for each document without one,
 * then "URL.sha256" for those still without), fetched in @p hashes;
 * hashes[i].url is NULL when the document has none to fetch. */
static int fetch_hashes(struct upd *u,
                        const csaf_entry *const *es,
                        struct get *docs,
                        struct get *hashes,
                        bool *sha512,
                        size_t n,
                        bool beside,
                        tsnu_arena *arena)
{
    /* two rounds: named hash files and .sha512 together, then .sha256
     * for the trusted provider's documents without a .sha512 */
    struct get *batch = calloc(n ? n : 1, sizeof *batch);
    size_t *at = calloc(n ? n : 1, sizeof *at);
    int rc = batch && at ? 0 : tsn_error_oom();
    for (int round = 0; rc == 0 && round < 2; round++) {
        size_t k = 0;
        for (size_t i = 0; rc == 0 && i < n; i++) {
            const char *h = NULL;
            if (docs[i].got != GOT)
                continue;
            if (round == 0 && es[i]->hash) {
                h = es[i]->hash;
                sha512[i] = es[i]->sha512;
            } else if (!es[i]->hash && beside &&
                       (round == 0 || hashes[i].got == GONE)) {
                size_t len = strlen(es[i]->url) + sizeof ".sha512";
                char *c = tsnu_arena_alloc(arena, len);
                if (!c) {
                    rc = tsn_error_oom();
                    break;
                }
                snprintf(c, len, "%s.%s", es[i]->url,
                         round == 0 ? "sha512" : "sha256");
                h = c;
                sha512[i] = round == 0;
            }
            if (!h)
                continue;
            batch[k].url = h;
            at[k++] = i;
        }
        /* any type: servers differ, and the content is checked */
        if (rc == 0)
            rc = upd_fetch_all(u, batch, k, "*", true);
        for (size_t j = 0; j < k; j++)
            hashes[at[j]] = batch[j];
    }
    free(batch);
    free(at);
    return rc;
}

/* The part @p g of the pack into @p text, at most @p max bytes: longer
 * is TSN_EINVALID, "not a WHAT". */
static int read_part(struct upd *u,
                     const struct get *g,
                     size_t max,
                     const char *what,
                     tsn_buf *text)
{
    int rc = upd_pack_flush(u);
    if (rc == 0)
        rc = tsnu_file_read_at(text, u->pack_path, g->off, g->len, max);
    if (rc == TSN_ETOOBIG)
        rc = tsn_error_set(TSN_EINVALID, "%s: larger than %zu bytes: not %s",
                           g->url, max, what);
    return rc;
}

/*
 * The provider's public OpenPGP keys (requirement 20) into @p ring,
 * fetched together; each must be the key of the fingerprint the
 * metadata gives. A key that is not there, not a key or another key is
 * left out with a warning.
 */
static int load_keys(struct upd *u,
                     const csaf_provider *pm,
                     bool secure,
                     tsna_pgp *ring,
                     tsn_vulndb_report_fn report,
                     void *payload)
{
    struct get *g = calloc(pm->nkeys + 1, sizeof *g);
    size_t *at = calloc(pm->nkeys + 1, sizeof *at), k = 0;
    int rc = g && at ? 0 : tsn_error_oom();
    for (size_t i = 0; rc == 0 && i < pm->nkeys; i++) {
        if (!same_scheme(pm->keys[i].url, secure)) {
            refuse(report, payload, NULL, false,
                   "%s: not https, as the provider's metadata is: OpenPGP "
                   "key left out",
                   pm->keys[i].url);
            continue;
        }
        g[k].url = pm->keys[i].url;
        at[k++] = i;
    }
    /* any type: key servers differ, and the content is checked */
    if (rc == 0)
        rc = upd_fetch_all(u, g, k, "*", true);
    tsn_buf text = TSN_BUF_INIT(KEY_FILE_MAX);
    for (size_t j = 0; rc == 0 && j < k; j++) {
        const csaf_key_ref *key = &pm->keys[at[j]];
        char fpr[TSNA_PGP_FPR_MAX];
        if (g[j].got != GOT) {
            refuse(report, payload, NULL, false,
                   "%s: not there (HTTP 404): OpenPGP key left out", key->url);
            continue;
        }
        int got = read_part(u, &g[j], KEY_FILE_MAX, "a key", &text);
        if (got == 0)
            got = tsna_pgp_add_keys(ring, text.ptr, text.len, key->fingerprint,
                                    fpr);
        if (got == TSN_EINVALID || got == TSN_ETOOBIG)
            refuse(report, payload, NULL, false, "%s: OpenPGP key left out: %s",
                   key->url, tsn_error_last()->message);
        else if ((rc = got) == 0)
            upd_say(u, "%s: OpenPGP key %s", key->url, fpr);
    }
    tsn_buf_dispose(&text);
    free(g);
    free(at);
    return rc;
}

/* The signature files of the documents @p docs fetched (requirement 19):
 * the one the feed names, else URL.asc; sigs[i].got is GONE for those
 * without. */
static int fetch_sigs(struct upd *u,
                      const csaf_entry *const *es,
                      const struct get *docs,
                      struct get *sigs,
                      size_t n,
                      tsnu_arena *arena)
{
    struct get *batch = calloc(n ? n : 1, sizeof *batch);
    size_t *at = calloc(n ? n : 1, sizeof *at), k = 0;
    int rc = batch && at ? 0 : tsn_error_oom();
    for (size_t i = 0; rc == 0 && i < n; i++) {
        sigs[i].got = GONE;
        if (docs[i].got != GOT)
            continue;
        const char *url = es[i]->sig;
        if (!url) {
            size_t len = strlen(es[i]->url) + sizeof ".asc";
            char *c = tsnu_arena_alloc(arena, len);
            if (!c) {
                rc = tsn_error_oom();
                break;
            }
            snprintf(c, len, "%s.asc", es[i]->url);
            url = c;
        }
        batch[k].url = url;
        at[k++] = i;
    }
    /* any type: servers differ, and the content is checked */
    if (rc == 0)
        rc = upd_fetch_all(u, batch, k, "*", true);
    for (size_t j = 0; rc == 0 && j < k; j++)
        sigs[at[j]] = batch[j];
    free(batch);
    free(at);
    return rc;
}

/* Check the document @p doc against its signature @p sig, both in the
 * pack: 0 when a key of @p ring made it, else TSN_EINVALID with why. */
static int check_sig(struct upd *u,
                     tsna_pgp *ring,
                     const struct get *doc,
                     const struct get *sig)
{
    tsn_buf text = TSN_BUF_INIT(SIG_FILE_MAX);
    char signer[TSNA_PGP_FPR_MAX];
    int rc = read_part(u, sig, SIG_FILE_MAX, "a signature", &text);
    if (rc == 0)
        rc = tsna_pgp_verify(ring, u->pack_path, doc->off, doc->len, text.ptr,
                             text.len, signer);
    if (rc == TSN_EINVALID) {
        char why[1024];
        snprintf(why, sizeof why, "%s", tsn_error_last()->message);
        rc = tsn_error_set(TSN_EINVALID,
                           "%s: its OpenPGP signature %s: %s: "
                           "left out",
                           doc->url, sig->url, why);
    }
    tsn_buf_dispose(&text);
    return rc;
}

/* The list @p l, fetched when it changed: its entries newer than the
 * last update's, pushed onto @p wanted (csaf_entry) unless @p seen has
 * them. */
static int read_list(struct upd *u,
                     struct dlist *l,
                     bool secure,
                     tsnu_arena *arena,
                     tsnu_strset *seen,
                     tsnu_vec *wanted,
                     size_t *refused,
                     tsn_vulndb_report_fn report,
                     void *payload)
{
    if (!same_scheme(l->url, secure)) {
        refuse(report, payload, refused, true,
               "%s: not https, as the provider's metadata is: left out",
               l->url);
        return 0;
    }
    enum fetched got = GONE;
    int rc = upd_fetch(u, l->url, l->dir ? CSV_TYPES : JSON_TYPES, true, false,
                       &got, &l->etag, &l->lastmod);
    if (rc < 0 || got != GOT)
        return rc;
    l->got = true;
    char key[4200], *since = NULL;
    snprintf(key, sizeof key, "update:csaf:%s", l->url);
    tsn_buf text = TSN_BUF_INIT(META_MAX);
    tsnr r = TSNR_INIT(arena, l->url);
    const csaf_entry *es = NULL;
    size_t n = 0, left = 0;
    if ((rc = take_text(u, &text, META_MAX)) == 0 &&
        (rc = tsnv_meta_get(u->v, key, &since)) == 0)
        rc = l->dir ? csaf_changes_read(&r, tsn_buf_cstr(&text), text.len,
                                        l->dir, &es, &n, &left)
                    : csaf_rolie_read(&r, tsn_buf_cstr(&text), text.len, &es,
                                      &n, &left);
    /* the entries left out are refusals: the first ones with their place,
     * all of them counted */
    for (size_t i = 0; rc == 0 && i < r.warnings.len; i++)
        refuse(report, payload, NULL, true, "%s:%s", l->url,
               ((char **)r.warnings.ptr)[i]);
    *refused += left;
    int64_t from = since ? strtoll(since, NULL, 10) : 0;
    size_t fresh = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (es[i].updated > l->newest)
            l->newest = es[i].updated;
        /* the same time again: a document published in the same
         * microsecond as the last one seen is not missed */
        if (since && es[i].updated < from)
            continue;
        if ((rc = tsnu_strset_add(seen, es[i].url)) == 1) {
            fresh++;
            rc = tsnu_vec_push(wanted, &es[i]);
        }
    }
    if (rc == 0)
        upd_say(u, "%s: %zu documents listed, %zu %s", l->url, n, fresh,
                since ? "changed since the last update" : "to fetch");
    tsnu_vec_dispose(&r.warnings);
    tsn_buf_dispose(&text);
    free(since);
    return rc < 0 ? rc : 0;
}

/*
 * A CSAF provider (section 7.3): its metadata, then its ROLIE feeds of
 * TLP WHITE, GREEN or unlabelled (or, without feeds, its directories'
 * changes.csv), each asked for only when it changed; the documents
 * listed since the last update, each checked against its hash file when
 * the feed names one or the provider is a trusted provider, and against
 * its OpenPGP signature when the provider lists keys; all imported
 * together, CSAF only.
 */
static int provider(struct upd *u,
                    const char *where,
                    const char *at,
                    tsn_vulndb_import_stats *stats,
                    tsn_vulndb_report_fn report,
                    void *payload)
{
    tsnu_arena arena = TSNU_ARENA_INIT;
    tsnu_strset seen = TSNU_STRSET_INIT;
    tsnu_vec wanted = TSNU_VEC_INIT(csaf_entry, 100000000);
    tsn_buf text = TSN_BUF_INIT(META_MAX);
    csaf_provider pm;
    struct dlist *ls = NULL;
    size_t nl = 0, refused = 0;
    char *meta_url = NULL;
    int rc = locate(u, at, &arena);
    if (rc == 0 && !(meta_url = tsnu_strdup(u->url.ptr)))
        rc = tsn_error_oom();
    if (rc == 0)
        rc = take_text(u, &text, META_MAX);
    tsnr r = TSNR_INIT(&arena, meta_url);
    if (rc == 0)
        rc = csaf_provider_read(&r, tsn_buf_cstr(&text), text.len, &pm);
    tsnu_vec_dispose(&r.warnings);
    bool secure = meta_url && tsnu_starts_with(meta_url, "https://");
    if (rc == 0) {
        upd_say(u, "csaf:%s: %s, %s, %zu ROLIE feeds, %zu directories", where,
                pm.publisher, pm.role, pm.nfeeds, pm.ndirectories);
        size_t cap = pm.nfeeds + pm.ndirectories;
        if (cap == 0)
            rc = tsn_error_set(TSN_EINVALID,
                               "%s: the provider lists no distribution",
                               meta_url);
        else if (!(ls = tsnu_arena_calloc(&arena, cap, sizeof *ls)))
            rc = tsn_error_oom();
    }
    for (size_t i = 0; rc == 0 && i < pm.nfeeds; i++) {
        const char *tlp = pm.feeds[i].tlp;
        if (strcmp(tlp, "AMBER") == 0 || strcmp(tlp, "RED") == 0)
            upd_say(u, "%s: TLP:%s, not fetched", pm.feeds[i].url, tlp);
        else
            ls[nl++].url = pm.feeds[i].url;
    }
    /* ROLIE is preferred when both are there (section 7.3.2) */
    for (size_t i = 0; rc == 0 && pm.nfeeds == 0 && i < pm.ndirectories; i++) {
        size_t len = strlen(pm.directories[i]);
        while (len && pm.directories[i][len - 1] == '/')
            len--;
        char *c = tsnu_arena_alloc(&arena, len + sizeof "/changes.csv");
        if (!c) {
            rc = tsn_error_oom();
            break;
        }
        sprintf(c, "%.*s/changes.csv", (int)len, pm.directories[i]);
        ls[nl].url = c;
        ls[nl++].dir = pm.directories[i];
    }
    for (size_t i = 0; rc == 0 && i < nl; i++)
        rc = read_list(u, &ls[i], secure, &arena, &seen, &wanted, &refused,
                       report, payload);
    /* the documents, then their hash files, then (when the provider
     * lists keys) their signatures, each a batch */
    size_t nd = 0, listed = 0, signed_ = 0, unsigned_ = 0;
    const csaf_entry **des = calloc(wanted.len + 1, sizeof *des);
    struct get *docs = calloc(wanted.len + 1, sizeof *docs);
    struct get *hashes = calloc(wanted.len + 1, sizeof *hashes);
    struct get *sigs = calloc(wanted.len + 1, sizeof *sigs);
    bool *sha512 = calloc(wanted.len + 1, sizeof *sha512);
    tsna_pgp *ring = NULL;
    if (rc == 0 && (!des || !docs || !hashes || !sigs || !sha512))
        rc = tsn_error_oom();
    for (size_t i = 0; rc == 0 && i < wanted.len; i++)
        hashes[i].got = sigs[i].got = GONE;
    for (size_t i = 0; rc == 0 && i < wanted.len; i++) {
        const csaf_entry *e = &((const csaf_entry *)wanted.ptr)[i];
        if (!same_scheme(e->url, secure) ||
            (e->hash && !same_scheme(e->hash, secure)) ||
            (e->sig && !same_scheme(e->sig, secure))) {
            refuse(report, payload, &refused, true,
                   "%s: not https, as the provider's metadata is: left out",
                   e->url);
            continue;
        }
        des[nd] = e;
        docs[nd++].url = e->url;
        listed += e->sig != NULL;
    }
    if (rc == 0)
        rc = upd_fetch_all(u, docs, nd, JSON_TYPES, true);
    if (rc == 0)
        rc = fetch_hashes(u, des, docs, hashes, sha512, nd, pm.trusted, &arena);
    if (rc == 0 && nd && pm.nkeys && (rc = tsna_pgp_new(&ring)) == 0)
        rc = load_keys(u, &pm, secure, ring, report, payload);
    bool checking = rc == 0 && ring && tsna_pgp_count(ring) > 0;
    if (rc == 0 && pm.nkeys && nd && !checking)
        refuse(report, payload, NULL, false,
               "csaf:%s: none of the provider's %zu OpenPGP keys could be "
               "read: signatures not checked",
               where, pm.nkeys);
    if (checking)
        rc = fetch_sigs(u, des, docs, sigs, nd, &arena);
    for (size_t i = 0; rc == 0 && i < nd; i++) {
        if (docs[i].got != GOT)
            continue;
        if (hashes[i].got == GOT) {
            int checked = check_hash(u, &docs[i], &hashes[i], sha512[i]);
            if (checked == TSN_EINVALID) {
                refuse(report, payload, &refused, true, "%s",
                       tsn_error_last()->message);
                continue;
            }
            if ((rc = checked) < 0)
                break;
        } else if (pm.trusted) {
            refuse(report, payload, &refused, false,
                   "%s: a trusted provider's document without a hash file",
                   docs[i].url);
        }
        if (checking && sigs[i].got == GOT) {
            int checked = check_sig(u, ring, &docs[i], &sigs[i]);
            if (checked == TSN_EINVALID) {
                refuse(report, payload, &refused, true, "%s",
                       tsn_error_last()->message);
                continue;
            }
            if ((rc = checked) < 0)
                break;
            signed_++;
        } else if (checking) {
            unsigned_++;
            if (pm.trusted)
                refuse(report, payload, &refused, false,
                       "%s: a trusted provider's document without a "
                       "signature",
                       docs[i].url);
        }
        rc = upd_keep(u, u->pack_path, docs[i].url, true, docs[i].off,
                      docs[i].len);
    }
    free(des);
    free(docs);
    free(hashes);
    free(sigs);
    free(sha512);
    tsna_pgp_free(ring);
    if (rc == 0 && !pm.nkeys && listed)
        upd_say(u,
                "csaf:%s: %zu OpenPGP signatures listed, not checked: the "
                "provider lists no public key",
                where, listed);
    if (rc == 0 && checking)
        upd_say(u,
                "csaf:%s: %zu documents signed by the provider's keys, %zu "
                "without a signature",
                where, signed_, unsigned_);
    if (rc == 0)
        rc = upd_import(u, stats, report, payload);
    for (size_t i = 0; rc == 0 && i < nl; i++) {
        char key[4200], when[32];
        if (!ls[i].got)
            continue;
        snprintf(key, sizeof key, "update:csaf:%s", ls[i].url);
        snprintf(when, sizeof when, "%lld", (long long)ls[i].newest);
        if ((rc = upd_keep_validators(u, ls[i].url, ls[i].etag,
                                      ls[i].lastmod)) == 0 &&
            ls[i].newest)
            rc = tsnv_meta_put(u->v, key, when);
    }
    if (rc == 0) {
        char key[4200];
        snprintf(key, sizeof key, "csaf-provider:%s", where);
        rc = tsnv_meta_put(u->v, key, meta_url);
    }
    stats->refused += refused;
    for (size_t i = 0; i < nl; i++) {
        free(ls[i].etag);
        free(ls[i].lastmod);
    }
    free(meta_url);
    tsn_buf_dispose(&text);
    tsnu_vec_dispose(&wanted);
    tsnu_strset_dispose(&seen);
    tsnu_arena_dispose(&arena);
    return rc;
}

int upd_csaf(struct upd *u,
             const char *where,
             tsn_vulndb_import_stats *stats,
             tsn_vulndb_report_fn report,
             void *payload)
{
    return provider(u, where, u->o->url ? u->o->url : where, stats, report,
                    payload);
}

/*
 * Every provider and publisher an aggregator.json lists (CSAF 2.0
 * requirement 21), @p where its URL or the aggregator's domain
 * (https://DOMAIN/.well-known/csaf-aggregator/aggregator.json), each as
 * csaf:URL in a transaction of its own: one that fails is reported and
 * the others still update; the first failure is returned at the end.
 */
int upd_csaf_aggregator(struct upd *u,
                        const char *where,
                        tsn_vulndb_import_stats *stats,
                        tsn_vulndb_report_fn report,
                        void *payload)
{
    tsnu_arena arena = TSNU_ARENA_INIT;
    tsn_buf text = TSN_BUF_INIT(META_MAX);
    tsn_buf *url = &u->url;
    enum fetched got;
    csaf_aggregator ag;
    char *at = NULL;
    int rc = 0;
    tsn_buf_clear(url);
    if (u->o->url || strstr(where, "://")) {
        const char *given = u->o->url ? u->o->url : where;
        rc = csaf_url_ok(given) ? tsn_buf_puts(url, given)
                                : tsn_error_set(TSN_EUSAGE,
                                                "csaf-aggregator:%s: not an "
                                                "http(s) URL of an "
                                                "aggregator.json",
                                                given);
    } else if (domain_ok(where)) {
        rc = tsn_buf_printf(url,
                            "https://%s/.well-known/csaf-aggregator/"
                            "aggregator.json",
                            where);
    } else {
        rc = tsn_error_set(TSN_EUSAGE,
                           "csaf-aggregator:%s: neither a domain nor an "
                           "http(s) URL",
                           where);
    }
    if (rc == 0 && !(at = tsnu_strdup(url->ptr)))
        rc = tsn_error_oom();
    if (rc == 0)
        rc = upd_fetch(u, at, JSON_TYPES, false, false, &got, NULL, NULL);
    if (rc == 0)
        rc = take_text(u, &text, META_MAX);
    tsnr r = TSNR_INIT(&arena, at);
    if (rc == 0)
        rc = csaf_aggregator_read(&r, tsn_buf_cstr(&text), text.len, &ag);
    tsnu_vec_dispose(&r.warnings);
    bool secure = at && tsnu_starts_with(at, "https://");
    size_t n = rc == 0 ? ag.nproviders + ag.npublishers : 0, failed = 0;
    if (rc == 0)
        upd_say(u, "csaf-aggregator:%s: %s (%s), %zu providers, %zu publishers",
                where, ag.name, ag.category, ag.nproviders, ag.npublishers);
    int first = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const char *p = ag.urls[i];
        if (!same_scheme(p, secure)) {
            refuse(report, payload, &stats->refused, true,
                   "%s: not https, as the aggregator is: left out", p);
            continue;
        }
        tsn_vulndb_import_stats st = {0};
        upd_reset(u);
        int one = provider(u, p, p, &st, report, payload);
        if (one < 0) {
            if (one == TSN_ENOMEM || one == TSN_EIO)
                rc = one; /* this machine's trouble, not the provider's */
            else
                refuse(report, payload, NULL, true, "csaf:%s: %s", p,
                       tsn_error_last()->message);
            failed++;
            if (!first)
                first = one;
            continue;
        }
        upd_say(u,
                "csaf:%s: %zu added, %zu updated, %zu unchanged, %zu "
                "refused",
                p, st.added, st.updated, st.unchanged, st.refused);
        stats->files += st.files;
        stats->added += st.added;
        stats->updated += st.updated;
        stats->unchanged += st.unchanged;
        stats->refused += st.refused;
        stats->warned += st.warned;
    }
    if (rc == 0 && first)
        rc = tsn_error_set(first,
                           "csaf-aggregator:%s: %zu of %zu providers "
                           "and publishers failed (each reported above)",
                           where, failed, n);
    free(at);
    tsn_buf_dispose(&text);
    tsnu_arena_dispose(&arena);
    return rc;
}
