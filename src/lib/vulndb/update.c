/* SPDX-License-Identifier: Apache-2.0 */
/*
 * db update: download a source from its official endpoint (or a mirror)
 * into a private temporary directory and import it, in one transaction,
 * with what db import checks. Requests are retried on network failures,
 * 408, 429 and 5xx, waiting as the server asks (Retry-After) or doubling
 * the wait. What each source fetched last is kept in meta so the next
 * update asks only for what changed:
 *   kev, epss       ETag / Last-Modified of the feed (If-None-Match, ...)
 *   osv:ECOSYSTEM   the newest "modified" of the ecosystem's
 *                   modified_id.csv: later records are fetched one by one,
 *                   or the whole all.zip when there are many
 *   nvd             the time of the last update: the CVE API's
 *                   lastModStartDate / lastModEndDate window (120 days
 *                   at most; a longer gap downloads everything)
 *   jvn             ETag / Last-Modified of each year's detail feed
 *                   (jvndb_detail_YYYY.rdf, JVN iPedia's full records by
 *                   the year of their id): unchanged years answer 304
 */
#include "lib/lib.h"

#include "lib/adapt/crypto.h"
#include "lib/adapt/http.h"
#include "lib/advisory/csaf_dist.h"
#include "lib/vulndb/vulndb_int.h"
#include "tsunagi/limits.h"
#include "tsunagi/vulndb.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define KEV_URL                                                                \
    "https://www.cisa.gov/sites/default/files/feeds/"                          \
    "known_exploited_vulnerabilities.json"
#define EPSS_URL "https://epss.empiricalsecurity.com/epss_scores-current.csv.gz"
#define OSV_URL "https://osv-vulnerabilities.storage.googleapis.com"
#define NVD_URL "https://services.nvd.nist.gov/rest/json/cves/2.0"
#define JVN_URL "https://jvndb.jvn.jp/ja/feed/detail"
#define JVN_FIRST_YEAR 1998 /* the oldest year of JVN iPedia's ids */

#define NVD_PAGE 2000       /* the API's largest page */
#define NVD_WINDOW_DAYS 120 /* the API's longest lastMod window */
#define OSV_ONE_BY_ONE 5000 /* more changed records: the whole archive */
#define WAIT_MAX 600        /* seconds a server may ask us to wait */
#define DOWNLOAD_MAX ((uint64_t)8 * 1024 * 1024 * 1024)

struct upd {
    tsn_vulndb *v;
    const tsn_vulndb_update_opts *o;
    char dir[4096];   /* the private temporary directory */
    tsnu_vec in;      /* tsnv_input: downloads to import, in order */
    tsnu_arena names; /* their paths and labels (URLs) */
    unsigned formats; /* what the source may give (1 << tsn_adv_format) */
    /* many small downloads (fetch_all) one after another in one file
     * rather than a file each, whose creation costs more than the
     * download; each first goes to a slot file of its batch */
    FILE *pack;
    const char *pack_path; /* in names */
    uint64_t pack_len;
    FILE *slots[64]; /* BATCH */
    unsigned serial; /* names the downloads */
    tsn_buf url;     /* scratch */
};

TSN_PRINTF(2, 3)
static void say(struct upd *u, const char *fmt, ...)
{
    if (!u->o->log)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    u->o->log(u->o->payload, msg);
}

static void pause_for(double seconds)
{
    if (seconds <= 0)
        return;
    struct timespec ts = {(time_t)seconds,
                          (long)((seconds - (double)(time_t)seconds) * 1e9)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

static void on_progress(void *payload, uint64_t now, uint64_t total)
{
    struct upd *u = payload;
    if (u->o->progress)
        u->o->progress(u->o->payload, now, total);
}

/* Whether @p type (lower case, no parameters; "" when not given) is one
 * of the @p ok types, '|'-separated ("*": any). */
static bool type_ok(const char *type, const char *ok)
{
    size_t n = strlen(type);
    if (n == 0 || strcmp(ok, "*") == 0)
        return true;
    for (const char *p = ok; *p;) {
        size_t k = strcspn(p, "|");
        if (k == n && strncmp(p, type, n) == 0)
            return true;
        p += k + (p[k] == '|');
    }
    return false;
}

enum fetched { GOT, NOT_MODIFIED, GONE };

/* Whether a GET that ended in @p rc and @p resp is worth another try. */
static bool worth_again(int rc, const tsna_http_resp *resp)
{
    return rc == TSN_ENETWORK ||
           (rc == 0 && (resp->status == 408 || resp->status == 429 ||
                        resp->status >= 500));
}

#define BATCH 64 /* downloads under way at once (fetch_all: u->slots) */

/*
 * GET each of @p reqs[0..n) (n <= BATCH) into its req->out,
 * u->o->connections at a time (8 when 0), attempt after attempt as the
 * options allow: those that fail in a way worth another try are tried
 * again together, after the longest wait one of their servers asks for
 * (Retry-After) or else a wait doubled each time. 0 when every server
 * answered (any status, in resps), else the first failure for good.
 */
static int get_all(struct upd *u,
                   const tsna_http_req *reqs,
                   tsna_http_resp *resps,
                   size_t n)
{
    tsna_http_req sub[BATCH];
    tsna_http_resp got[BATCH];
    int rcs[BATCH];
    size_t idx[BATCH], k = n;
    double wait = u->o->backoff > 0 ? u->o->backoff : 1.0;
    int tries = u->o->retries >= 0 ? u->o->retries + 1 : 5;
    unsigned conns = u->o->connections ? u->o->connections : 8;
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    for (int attempt = 1;; attempt++) {
        for (size_t j = 0; j < k; j++) {
            sub[j] = reqs[idx[j]];
            rewind(sub[j].out);
            if (ftruncate(fileno(sub[j].out), 0) != 0)
                return tsn_error_set(TSN_EIO,
                                     "%s: cannot empty its download: %s",
                                     sub[j].url, strerror(errno));
        }
        int rc = tsna_http_get_all(sub, got, rcs, k, conns);
        if (rc < 0)
            return rc;
        size_t again = 0;
        double w = 0;
        char why[700], first[700] = "";
        for (size_t j = 0; j < k; j++) {
            tsna_http_resp *r = &resps[idx[j]];
            *r = got[j];
            if (!worth_again(rcs[j], r)) {
                if (rcs[j] < 0)
                    return tsn_error_set(rcs[j], "%s", r->error);
                continue;
            }
            if (rcs[j])
                snprintf(why, sizeof why, "%s", r->error);
            else
                snprintf(why, sizeof why, "%s: HTTP %ld", sub[j].url,
                         r->status);
            if (attempt >= tries)
                return tsn_error_set(TSN_ENETWORK, "%s (after %d attempts)",
                                     why, attempt);
            double this = wait;
            if (rcs[j] == 0 && r->retry_after >= 0) {
                if (r->retry_after > WAIT_MAX)
                    return tsn_error_set(TSN_ENETWORK,
                                         "%s: the server asks to wait %ld s",
                                         why, r->retry_after);
                this = (double)r->retry_after;
            }
            if (this > w)
                w = this;
            if (again == 0)
                memcpy(first, why, sizeof first);
            idx[again++] = idx[j];
        }
        if (again == 0)
            return 0;
        if (again == 1)
            say(u, "%s; trying again in %.1f s", first, w);
        else
            say(u, "%s and %zu more; trying them again in %.1f s", first,
                again - 1, w);
        pause_for(w);
        wait *= 2;
        k = again;
    }
}

/* What a finished GET of @p url gave: GOT (a 200 of one of the @p types),
 * NOT_MODIFIED, GONE (a 404 when @p gone_ok), else a failure. */
static int settle(struct upd *u,
                  const char *url,
                  const char *types,
                  bool gone_ok,
                  const tsna_http_resp *resp,
                  enum fetched *out)
{
    if (resp->status == 304) {
        say(u, "%s: not modified", url);
        *out = NOT_MODIFIED;
        return 0;
    }
    if (resp->status == 404 && gone_ok) {
        say(u, "%s: gone (HTTP 404)", url);
        *out = GONE;
        return 0;
    }
    if (resp->status != 200)
        return tsn_error_set(TSN_ENETWORK, "%s: HTTP %ld", url, resp->status);
    if (!type_ok(resp->content_type, types))
        return tsn_error_set(TSN_ENETWORK, "%s: content type %s, expected %s",
                             url, resp->content_type, types);
    say(u, "%s: %llu bytes", url, (unsigned long long)resp->bytes);
    *out = GOT;
    return 0;
}

/* Add the download of @p url in @p path (held in u->names: the pack's
 * one path serves all its parts) to the list to import: the whole file,
 * or with @p part the @p len bytes at @p off. */
static int keep(struct upd *u,
                const char *path,
                const char *url,
                bool part,
                uint64_t off,
                uint64_t len)
{
    tsnv_input in = {path, tsnu_arena_strdup(&u->names, url), part, off, len};
    if (!in.path || !in.label || tsnu_vec_push(&u->in, &in) < 0)
        return tsn_error_oom();
    return 0;
}

/*
 * GET @p url into a new file of the temporary directory (added to the
 * list to import when GOT). With @p cond, the validators kept for the URL
 * are sent and the new ones kept by the caller (*etag, *lastmod:
 * malloc'd). @p types: the content types accepted. A 404 is GONE when
 * @p gone_ok, else a failure.
 */
static int fetch(struct upd *u,
                 const char *url,
                 const char *types,
                 bool cond,
                 bool gone_ok,
                 enum fetched *out,
                 char **etag,
                 char **lastmod)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%05u", u->dir, u->serial++);
    char *et = NULL, *lm = NULL, key[4200];
    int rc = 0;
    if (cond) {
        snprintf(key, sizeof key, "etag:%s", url);
        if ((rc = tsnv_meta_get(u->v, key, &et)) == 0) {
            snprintf(key, sizeof key, "lastmod:%s", url);
            rc = tsnv_meta_get(u->v, key, &lm);
        }
    }
    FILE *f = rc == 0 ? fopen(path, "w+b") : NULL;
    if (rc == 0 && !f)
        rc = tsn_error_set(TSN_EIO, "%s: %s", path, strerror(errno));
    tsna_http_resp resp;
    tsna_http_req req = {
        .url = url,
        .etag = et,
        .last_modified = lm,
        .header = u->o->header,
        .out = f,
        .max_bytes = DOWNLOAD_MAX,
        .stall_seconds = 60,
        .progress = on_progress,
        .payload = u,
    };
    if (rc == 0)
        rc = get_all(u, &req, &resp, 1);
    if (f && fclose(f) != 0 && rc == 0)
        rc = tsn_error_set(TSN_EIO, "%s: %s", path, strerror(errno));
    free(et);
    free(lm);
    if (rc == 0)
        rc = settle(u, url, types, gone_ok, &resp, out);
    if (rc < 0 || *out != GOT) {
        unlink(path);
        return rc;
    }
    const char *held = tsnu_arena_strdup(&u->names, path);
    if (!held)
        return tsn_error_oom();
    if ((rc = keep(u, held, url, false, 0, 0)) < 0)
        return rc;
    if (cond) {
        *etag = *resp.etag ? tsnu_strdup(resp.etag) : NULL;
        *lastmod = *resp.last_modified ? tsnu_strdup(resp.last_modified) : NULL;
    }
    return 0;
}

/* One download of a batch (fetch_all). */
struct get {
    const char *url;
    enum fetched got;
    uint64_t off, len; /* GOT: where in u->pack_path */
};

/* Append the @p n bytes of @p from (rewound) to the pack. */
static int pack_add(struct upd *u, FILE *from, uint64_t n)
{
    char block[65536];
    int rc = 0;
    if (!u->pack) {
        char path[4200];
        snprintf(path, sizeof path, "%s/pack", u->dir);
        if (!(u->pack_path = tsnu_arena_strdup(&u->names, path)))
            return tsn_error_oom();
        if (!(u->pack = fopen(path, "w+b")))
            return tsn_error_set(TSN_EIO, "%s: %s", path, strerror(errno));
    }
    rewind(from);
    for (uint64_t left = n; rc == 0 && left;) {
        size_t k =
            fread(block, 1, left < sizeof block ? left : sizeof block, from);
        if (k == 0 || fwrite(block, 1, k, u->pack) != k)
            rc = tsn_error_set(TSN_EIO, "%s: %s", u->pack_path,
                               k ? strerror(errno) : "a download went short");
        left -= k;
    }
    if (rc == 0)
        u->pack_len += n;
    return rc;
}

/* The pack written out, for reading. */
static int pack_flush(struct upd *u)
{
    if (u->pack && fflush(u->pack) != 0)
        return tsn_error_set(TSN_EIO, "%s: %s", u->pack_path, strerror(errno));
    return 0;
}

/*
 * GET each of @p g[0..n) (not conditional) into the pack, BATCH at a
 * time (get_all); the first that fails for good stops the rest.
 */
static int fetch_all(
    struct upd *u, struct get *g, size_t n, const char *types, bool gone_ok)
{
    tsna_http_req reqs[BATCH];
    tsna_http_resp resps[BATCH];
    uint64_t bytes = 0;
    int rc = 0;
    for (size_t i = 0; i < n; i++)
        g[i] = (struct get){.url = g[i].url, .got = GONE};
    for (size_t at = 0; rc == 0 && at < n; at += BATCH) {
        size_t k = n - at < BATCH ? n - at : BATCH;
        for (size_t i = 0; rc == 0 && i < k; i++) {
            char path[4200];
            snprintf(path, sizeof path, "%s/slot-%02zu", u->dir, i);
            if (!u->slots[i] && !(u->slots[i] = fopen(path, "w+b")))
                rc = tsn_error_set(TSN_EIO, "%s: %s", path, strerror(errno));
            reqs[i] = (tsna_http_req){
                .url = g[at + i].url,
                .header = u->o->header,
                .out = u->slots[i],
                .max_bytes = DOWNLOAD_MAX,
                .stall_seconds = 60,
            };
        }
        if (rc == 0)
            rc = get_all(u, reqs, resps, k);
        for (size_t i = 0; rc == 0 && i < k; i++) {
            struct get *x = &g[at + i];
            if (fflush(reqs[i].out) != 0)
                rc = tsn_error_set(TSN_EIO, "%s: %s", x->url, strerror(errno));
            if (rc == 0)
                rc = settle(u, x->url, types, gone_ok, &resps[i], &x->got);
            if (rc == 0 && x->got == GOT) {
                x->off = u->pack_len;
                x->len = resps[i].bytes;
                rc = pack_add(u, reqs[i].out, x->len);
                bytes += x->len;
            }
        }
        if (rc == 0 && u->o->progress)
            u->o->progress(u->o->payload, bytes, 0);
    }
    return rc;
}

/* Keep the validators of @p url for the next update. */
static int keep_validators(struct upd *u,
                           const char *url,
                           const char *etag,
                           const char *lastmod)
{
    char key[4200];
    int rc = 0;
    snprintf(key, sizeof key, "etag:%s", url);
    if (etag)
        rc = tsnv_meta_put(u->v, key, etag);
    snprintf(key, sizeof key, "lastmod:%s", url);
    if (rc == 0 && lastmod)
        rc = tsnv_meta_put(u->v, key, lastmod);
    return rc;
}

/* Forget the downloads (the files go with the directory). */
static void drop_paths(struct upd *u)
{
    u->in.len = 0;
}

/* Take the last download (a whole file) off the list to import: its
 * path. */
static const char *pop_path(struct upd *u)
{
    return ((tsnv_input *)u->in.ptr)[--u->in.len].path;
}

/* Import what was downloaded, in one transaction. */
static int import(struct upd *u,
                  tsn_vulndb_import_stats *stats,
                  tsn_vulndb_report_fn report,
                  void *payload)
{
    if (u->in.len == 0)
        return 0;
    int rc = pack_flush(u);
    if (rc == 0)
        rc = tsnv_import(u->v, u->in.ptr, u->in.len, u->formats, stats, report,
                         payload);
    return rc;
}

#define JSON_TYPES                                                             \
    "application/json|text/json|text/plain|application/octet-stream"
#define ZIP_TYPES                                                              \
    "application/zip|application/x-zip-compressed|application/octet-stream"
#define CSV_TYPES                                                              \
    "text/csv|text/plain|application/gzip|application/x-gzip|"                 \
    "application/octet-stream"

#define XML_TYPES                                                              \
    "application/xml|text/xml|application/rdf+xml|text/plain|"                 \
    "application/octet-stream"

/* One feed file (KEV, EPSS), asked for only when it changed. */
static int feed(struct upd *u,
                const char *url,
                const char *types,
                tsn_vulndb_import_stats *stats,
                tsn_vulndb_report_fn report,
                void *payload)
{
    enum fetched got;
    char *etag = NULL, *lastmod = NULL;
    int rc = fetch(u, url, types, true, false, &got, &etag, &lastmod);
    if (rc == 0 && got == GOT && (rc = import(u, stats, report, payload)) == 0)
        rc = keep_validators(u, url, etag, lastmod);
    free(etag);
    free(lastmod);
    return rc;
}

/* The ids modified after @p since in a modified_id.csv ("TIME,ID" lines,
 * newest first; ID may be "ECOSYSTEM/ID"), and its newest time. */
static int changed_since(const char *path,
                         const char *since,
                         tsnu_vec *ids,
                         char *newest,
                         size_t cap)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return tsn_error_set(TSN_EIO, "%s: %s", path, strerror(errno));
    char line[1024];
    int rc = 0;
    unsigned long n = 0;
    *newest = '\0';
    while (rc == 0 && fgets(line, sizeof line, f)) {
        n++;
        line[strcspn(line, "\r\n")] = '\0';
        char *comma = strchr(line, ',');
        if (!comma || comma - line < 20 || comma - line > 40) {
            rc = tsn_error_set(TSN_EINVALID, "modified_id.csv:%lu: not TIME,ID",
                               n);
            break;
        }
        *comma = '\0';
        size_t tl = (size_t)(comma - line);
        if (!*newest && tl < cap) {
            memcpy(newest, line, tl);
            newest[tl] = '\0';
        }
        if (!since || strcmp(line, since) <= 0)
            break; /* newest first: the rest is older (or not wanted) */
        const char *id = strrchr(comma + 1, '/');
        id = id ? id + 1 : comma + 1;
        char *dup = tsnu_strdup(id);
        if (!dup || tsnu_vec_push(ids, &dup) < 0) {
            free(dup);
            rc = tsn_error_oom();
        }
    }
    fclose(f);
    return rc;
}

static int osv(struct upd *u,
               const char *eco,
               tsn_vulndb_import_stats *stats,
               tsn_vulndb_report_fn report,
               void *payload)
{
    const char *base = u->o->url ? u->o->url : OSV_URL;
    char key[512], *since = NULL, newest[64] = "";
    snprintf(key, sizeof key, "update:osv:%s", eco);
    tsn_buf *url = &u->url;
    tsnu_vec ids = TSNU_VEC_INIT(char *, 10000000);
    enum fetched got;
    int rc = tsnv_meta_get(u->v, key, &since);
    tsn_buf_clear(url);
    if (rc == 0 && (rc = tsn_buf_printf(url, "%s/", base)) == 0 &&
        (rc = tsna_http_escape(url, eco)) == 0 &&
        (rc = tsn_buf_puts(url, "/modified_id.csv")) == 0)
        rc = fetch(u, url->ptr, "text/csv|text/plain|application/octet-stream",
                   false, true, &got, NULL, NULL);
    bool listed = rc == 0 && got == GOT;
    if (listed) {
        const char *list = pop_path(u);
        rc = changed_since(list, since, &ids, newest, sizeof newest);
        unlink(list);
    }
    if (rc == 0 && listed && since && ids.len <= OSV_ONE_BY_ONE) {
        say(u, "osv:%s: %zu records changed since %s", eco, ids.len, since);
        struct get *g = calloc(ids.len ? ids.len : 1, sizeof *g);
        tsnu_arena arena = TSNU_ARENA_INIT;
        if (!g)
            rc = tsn_error_oom();
        for (size_t i = 0; rc == 0 && i < ids.len; i++) {
            tsn_buf_clear(url);
            if ((rc = tsn_buf_printf(url, "%s/", base)) == 0 &&
                (rc = tsna_http_escape(url, eco)) == 0 &&
                (rc = tsn_buf_putc(url, '/')) == 0 &&
                (rc = tsna_http_escape(url, ((char **)ids.ptr)[i])) == 0 &&
                (rc = tsn_buf_puts(url, ".json")) == 0 &&
                !(g[i].url = tsnu_arena_strdup(&arena, url->ptr)))
                rc = tsn_error_oom();
        }
        if (rc == 0)
            rc = fetch_all(u, g, ids.len, JSON_TYPES, true);
        for (size_t i = 0; rc == 0 && i < ids.len; i++)
            if (g[i].got == GOT)
                rc = keep(u, u->pack_path, g[i].url, true, g[i].off, g[i].len);
        free(g);
        tsnu_arena_dispose(&arena);
    } else if (rc == 0) {
        char *etag = NULL, *lastmod = NULL;
        tsn_buf_clear(url);
        if ((rc = tsn_buf_printf(url, "%s/", base)) == 0 &&
            (rc = tsna_http_escape(url, eco)) == 0 &&
            (rc = tsn_buf_puts(url, "/all.zip")) == 0)
            rc = fetch(u, url->ptr, ZIP_TYPES, true, false, &got, &etag,
                       &lastmod);
        if (rc == 0 && got == GOT &&
            (rc = import(u, stats, report, payload)) == 0)
            rc = keep_validators(u, url->ptr, etag, lastmod);
        free(etag);
        free(lastmod);
        drop_paths(u); /* imported, or nothing to import */
    }
    if (rc == 0)
        rc = import(u, stats, report, payload);
    if (rc == 0 && *newest)
        rc = tsnv_meta_put(u->v, key, newest);
    for (size_t i = 0; i < ids.len; i++)
        free(((char **)ids.ptr)[i]);
    tsnu_vec_dispose(&ids);
    free(since);
    return rc;
}

/* "totalResults": N from the first 4 KiB of an NVD page. */
static long long total_results(const char *path)
{
    char head[4097];
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t n = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    head[n] = '\0';
    const char *k = strstr(head, "\"totalResults\"");
    if (!k)
        return -1;
    k = strchr(k, ':');
    return k ? strtoll(k + 1, NULL, 10) : -1;
}

static void iso(char *out, size_t cap, time_t t)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, cap, "%Y-%m-%dT%H:%M:%S.000%%2B00:00", &tm);
}

static int nvd(struct upd *u,
               tsn_vulndb_import_stats *stats,
               tsn_vulndb_report_fn report,
               void *payload)
{
    const char *base = u->o->url ? u->o->url : NVD_URL;
    char *since = NULL, window[256] = "", started[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(started, sizeof started, "%Y-%m-%dT%H:%M:%SZ", &tm);
    int rc = tsnv_meta_get(u->v, "update:nvd", &since);
    if (rc == 0 && since) {
        struct tm st = {0};
        char *end = strptime(since, "%Y-%m-%dT%H:%M:%SZ", &st);
        time_t from = end ? timegm(&st) : 0;
        if (from > 0 && now - from < (time_t)NVD_WINDOW_DAYS * 86400) {
            char a[64], b[64];
            iso(a, sizeof a, from);
            iso(b, sizeof b, now);
            snprintf(window, sizeof window,
                     "&lastModStartDate=%s&lastModEndDate=%s", a, b);
        }
    }
    say(u, "nvd: %s",
        *window ? "CVEs changed since the last update"
                : "every CVE (no update in the last 120 days)");
    double delay = u->o->delay >= 0 ? u->o->delay
                   : u->o->header   ? 0.6
                                    : 6.0; /* NVD's published rate limits */
    long long total = 1;
    for (long long start = 0; rc == 0 && start < total; start += NVD_PAGE) {
        if (start)
            pause_for(delay);
        tsn_buf_clear(&u->url);
        enum fetched got;
        if ((rc = tsn_buf_printf(&u->url,
                                 "%s?resultsPerPage=%d&startIndex=%lld%s", base,
                                 NVD_PAGE, start, window)) == 0)
            rc = fetch(u, u->url.ptr, JSON_TYPES, false, false, &got, NULL,
                       NULL);
        if (rc == 0) {
            total =
                total_results(((tsnv_input *)u->in.ptr)[u->in.len - 1].path);
            if (total < 0)
                rc = tsn_error_set(TSN_EINVALID,
                                   "%s: not a CVE API page (no totalResults)",
                                   u->url.ptr);
        }
    }
    if (rc == 0)
        rc = import(u, stats, report, payload);
    if (rc == 0)
        rc = tsnv_meta_put(u->v, "update:nvd", started);
    free(since);
    return rc;
}

/* JVN iPedia's detail feeds, one per year from the oldest to this one,
 * each asked for only when it changed, imported together. This year's
 * feed may not be there yet in its first days: a 404 for it is no
 * error. */
static int jvn(struct upd *u,
               tsn_vulndb_import_stats *stats,
               tsn_vulndb_report_fn report,
               void *payload)
{
    const char *base = u->o->url ? u->o->url : JVN_URL;
    size_t blen = strlen(base);
    while (blen && base[blen - 1] == '/')
        blen--;
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    int last = tm.tm_year + 1900 +
               (tm.tm_mon == 11 && tm.tm_mday == 31 &&
                tm.tm_hour >= 15); /* JST is UTC+9 */
    size_t n = (size_t)(last - JVN_FIRST_YEAR + 1);
    struct year {
        char url[4200];
        char *etag, *lastmod;
        bool got;
    } *ys = tsn_calloc(n, sizeof *ys);
    if (!ys)
        return tsn_error_oom();
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct year *y = &ys[i];
        enum fetched got;
        snprintf(y->url, sizeof y->url, "%.*s/jvndb_detail_%d.rdf", (int)blen,
                 base, JVN_FIRST_YEAR + (int)i);
        rc = fetch(u, y->url, XML_TYPES, true, i + 1 == n, &got, &y->etag,
                   &y->lastmod);
        y->got = rc == 0 && got == GOT;
    }
    if (rc == 0)
        rc = import(u, stats, report, payload);
    for (size_t i = 0; i < n; i++) {
        if (rc == 0 && ys[i].got)
            rc = keep_validators(u, ys[i].url, ys[i].etag, ys[i].lastmod);
        free(ys[i].etag);
        free(ys[i].lastmod);
    }
    free(ys);
    return rc;
}

/* ---- CSAF providers --------------------------------------------------- */

#define META_MAX ((size_t)16 * 1024 * 1024) /* metadata, feeds, lists */
#define HASH_FILE_MAX ((size_t)64 * 1024)   /* a digest and a name */

/* The download just made, read whole into @p out and deleted; longer
 * than @p max bytes: TSN_ETOOBIG. */
static int take_text(struct upd *u, tsn_buf *out, size_t max)
{
    const char *path = pop_path(u);
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
            rc = fetch(u, where, JSON_TYPES, false, false, &got, NULL, NULL);
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
        rc = fetch(u, url->ptr, JSON_TYPES, false, true, &got, NULL, NULL);
    if (rc < 0 || got == GOT)
        return rc;
    char txt[600];
    snprintf(txt, sizeof txt, "https://%s/.well-known/security.txt", where);
    if ((rc = fetch(u, txt, "text/plain", false, true, &got, NULL, NULL)) < 0)
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
            if ((rc = fetch(u, urls[i], JSON_TYPES, false, true, &got, NULL,
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
        rc = fetch(u, url->ptr, JSON_TYPES, false, false, &got, NULL, NULL);
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
    int rc = pack_flush(u);
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
            rc = fetch_all(u, batch, k, "*", true);
        for (size_t j = 0; j < k; j++)
            hashes[at[j]] = batch[j];
    }
    free(batch);
    free(at);
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
    int rc = fetch(u, l->url, l->dir ? CSV_TYPES : JSON_TYPES, true, false,
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
        say(u, "%s: %zu documents listed, %zu %s", l->url, n, fresh,
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
 * the feed names one or the provider is a trusted provider; all imported
 * together, CSAF only.
 */
static int csaf(struct upd *u,
                const char *where,
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
    size_t nl = 0, refused = 0, sigs = 0;
    char *meta_url = NULL;
    int rc = locate(u, u->o->url ? u->o->url : where, &arena);
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
        say(u, "csaf:%s: %s, %s, %zu ROLIE feeds, %zu directories", where,
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
            say(u, "%s: TLP:%s, not fetched", pm.feeds[i].url, tlp);
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
    /* the documents, then their hash files, each a batch */
    size_t nd = 0;
    const csaf_entry **des = calloc(wanted.len + 1, sizeof *des);
    struct get *docs = calloc(wanted.len + 1, sizeof *docs);
    struct get *hashes = calloc(wanted.len + 1, sizeof *hashes);
    bool *sha512 = calloc(wanted.len + 1, sizeof *sha512);
    if (rc == 0 && (!des || !docs || !hashes || !sha512))
        rc = tsn_error_oom();
    for (size_t i = 0; rc == 0 && i < wanted.len; i++)
        hashes[i].got = GONE;
    for (size_t i = 0; rc == 0 && i < wanted.len; i++) {
        const csaf_entry *e = &((const csaf_entry *)wanted.ptr)[i];
        if (!same_scheme(e->url, secure) ||
            (e->hash && !same_scheme(e->hash, secure))) {
            refuse(report, payload, &refused, true,
                   "%s: not https, as the provider's metadata is: left out",
                   e->url);
            continue;
        }
        des[nd] = e;
        docs[nd++].url = e->url;
        sigs += e->sig != NULL;
    }
    if (rc == 0)
        rc = fetch_all(u, docs, nd, JSON_TYPES, true);
    if (rc == 0)
        rc = fetch_hashes(u, des, docs, hashes, sha512, nd, pm.trusted, &arena);
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
        rc = keep(u, u->pack_path, docs[i].url, true, docs[i].off, docs[i].len);
    }
    free(des);
    free(docs);
    free(hashes);
    free(sha512);
    if (rc == 0 && sigs)
        say(u, "csaf:%s: %zu OpenPGP signatures listed, not checked", where,
            sigs);
    if (rc == 0)
        rc = import(u, stats, report, payload);
    for (size_t i = 0; rc == 0 && i < nl; i++) {
        char key[4200], when[32];
        if (!ls[i].got)
            continue;
        snprintf(key, sizeof key, "update:csaf:%s", ls[i].url);
        snprintf(when, sizeof when, "%lld", (long long)ls[i].newest);
        if ((rc = keep_validators(u, ls[i].url, ls[i].etag, ls[i].lastmod)) ==
                0 &&
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

static void cleanup(struct upd *u)
{
    tsnu_vec_dispose(&u->in);
    tsnu_arena_dispose(&u->names);
    if (u->pack)
        fclose(u->pack);
    for (size_t i = 0; i < BATCH; i++)
        if (u->slots[i])
            fclose(u->slots[i]);
    if (*u->dir) {
        DIR *d = opendir(u->dir);
        struct dirent *de;
        while (d && (de = readdir(d))) {
            if (de->d_name[0] == '.')
                continue;
            char p[4400];
            snprintf(p, sizeof p, "%s/%s", u->dir, de->d_name);
            unlink(p);
        }
        if (d)
            closedir(d);
        rmdir(u->dir);
    }
    tsn_buf_dispose(&u->url);
}

int tsn_vulndb_update(tsn_vulndb *v,
                      const char *source,
                      const tsn_vulndb_update_opts *o,
                      tsn_vulndb_import_stats *stats,
                      tsn_vulndb_report_fn report,
                      void *payload)
{
    memset(stats, 0, sizeof *stats);
    struct upd u = {.v = v, .o = o};
    u.in = (tsnu_vec)TSNU_VEC_INIT(tsnv_input, 10000000);
    u.names = (tsnu_arena)TSNU_ARENA_INIT;
    u.url = (tsn_buf)TSN_BUF_INIT(1 << 20);
    const char *tmp = o->tmpdir ? o->tmpdir : getenv("TMPDIR");
    snprintf(u.dir, sizeof u.dir, "%s/tsunagi-update-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    int rc = tsna_http_init();
    if (rc == 0 && !mkdtemp(u.dir)) {
        rc = tsn_error_set(TSN_EIO, "%s: %s", u.dir, strerror(errno));
        *u.dir = '\0';
    }
    if (rc < 0) {
    } else if (strcmp(source, "kev") == 0) {
        u.formats = 1u << TSN_ADV_KEV;
        rc = feed(&u, o->url ? o->url : KEV_URL, JSON_TYPES, stats, report,
                  payload);
    } else if (strcmp(source, "epss") == 0) {
        u.formats = 1u << TSN_ADV_EPSS;
        rc = feed(&u, o->url ? o->url : EPSS_URL, CSV_TYPES, stats, report,
                  payload);
    } else if (strncmp(source, "osv:", 4) == 0 && source[4]) {
        u.formats = 1u << TSN_ADV_OSV;
        rc = osv(&u, source + 4, stats, report, payload);
    } else if (strcmp(source, "nvd") == 0) {
        u.formats = 1u << TSN_ADV_NVD;
        rc = nvd(&u, stats, report, payload);
    } else if (strcmp(source, "jvn") == 0) {
        u.formats = 1u << TSN_ADV_JVN;
        rc = jvn(&u, stats, report, payload);
    } else if (strncmp(source, "csaf:", 5) == 0 && source[5]) {
        u.formats = 1u << TSN_ADV_CSAF;
        rc = csaf(&u, source + 5, stats, report, payload);
    } else {
        rc = tsn_error_set(TSN_EUSAGE,
                           "unknown source '%s' (kev, epss, nvd, jvn, "
                           "osv:ECOSYSTEM, csaf:DOMAIN or csaf:URL)",
                           source);
    }
    cleanup(&u);
    return rc;
}
