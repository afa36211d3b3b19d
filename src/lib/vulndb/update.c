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

#include "lib/adapt/http.h"
#include "lib/vulndb/update_int.h"
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

TSN_PRINTF(2, 3)
void upd_say(struct upd *u, const char *fmt, ...)
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

/* Whether a GET that ended in @p rc and @p resp is worth another try. */
static bool worth_again(int rc, const tsna_http_resp *resp)
{
    return rc == TSN_ENETWORK ||
           (rc == 0 && (resp->status == 408 || resp->status == 429 ||
                        resp->status >= 500));
}

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
            upd_say(u, "%s; trying again in %.1f s", first, w);
        else
            upd_say(u, "%s and %zu more; trying them again in %.1f s", first,
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
        upd_say(u, "%s: not modified", url);
        *out = NOT_MODIFIED;
        return 0;
    }
    if (resp->status == 404 && gone_ok) {
        upd_say(u, "%s: gone (HTTP 404)", url);
        *out = GONE;
        return 0;
    }
    if (resp->status != 200)
        return tsn_error_set(TSN_ENETWORK, "%s: HTTP %ld", url, resp->status);
    if (!type_ok(resp->content_type, types))
        return tsn_error_set(TSN_ENETWORK, "%s: content type %s, expected %s",
                             url, resp->content_type, types);
    upd_say(u, "%s: %llu bytes", url, (unsigned long long)resp->bytes);
    *out = GOT;
    return 0;
}

/* Add the download of @p url in @p path (held in u->names: the pack's
 * one path serves all its parts) to the list to import: the whole file,
 * or with @p part the @p len bytes at @p off. */
int upd_keep(struct upd *u,
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

/* Documented in update_int.h. */
int upd_fetch(struct upd *u,
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
    if ((rc = upd_keep(u, held, url, false, 0, 0)) < 0)
        return rc;
    if (cond) {
        *etag = *resp.etag ? tsnu_strdup(resp.etag) : NULL;
        *lastmod = *resp.last_modified ? tsnu_strdup(resp.last_modified) : NULL;
    }
    return 0;
}

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
int upd_pack_flush(struct upd *u)
{
    if (u->pack && fflush(u->pack) != 0)
        return tsn_error_set(TSN_EIO, "%s: %s", u->pack_path, strerror(errno));
    return 0;
}

/*
 * GET each of @p g[0..n) (not conditional) into the pack, BATCH at a
 * time (get_all); the first that fails for good stops the rest.
 */
int upd_fetch_all(
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
int upd_keep_validators(struct upd *u,
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

void upd_reset(struct upd *u)
{
    drop_paths(u);
    if (u->pack) {
        fclose(u->pack);
        u->pack = NULL;
        unlink(u->pack_path);
    }
    u->pack_len = 0;
}

/* Take the last download (a whole file) off the list to import: its
 * path. */
const char *upd_pop_path(struct upd *u)
{
    return ((tsnv_input *)u->in.ptr)[--u->in.len].path;
}

/* Import what was downloaded, in one transaction. */
int upd_import(struct upd *u,
               tsn_vulndb_import_stats *stats,
               tsn_vulndb_report_fn report,
               void *payload)
{
    if (u->in.len == 0)
        return 0;
    int rc = upd_pack_flush(u);
    if (rc == 0)
        rc = tsnv_import(u->v, u->in.ptr, u->in.len, u->formats, stats, report,
                         payload);
    return rc;
}

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
    int rc = upd_fetch(u, url, types, true, false, &got, &etag, &lastmod);
    if (rc == 0 && got == GOT &&
        (rc = upd_import(u, stats, report, payload)) == 0)
        rc = upd_keep_validators(u, url, etag, lastmod);
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
        rc = upd_fetch(u, url->ptr,
                       "text/csv|text/plain|application/octet-stream", false,
                       true, &got, NULL, NULL);
    bool listed = rc == 0 && got == GOT;
    if (listed) {
        const char *list = upd_pop_path(u);
        rc = changed_since(list, since, &ids, newest, sizeof newest);
        unlink(list);
    }
    if (rc == 0 && listed && since && ids.len <= OSV_ONE_BY_ONE) {
        upd_say(u, "osv:%s: %zu records changed since %s", eco, ids.len, since);
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
            rc = upd_fetch_all(u, g, ids.len, JSON_TYPES, true);
        for (size_t i = 0; rc == 0 && i < ids.len; i++)
            if (g[i].got == GOT)
                rc = upd_keep(u, u->pack_path, g[i].url, true, g[i].off,
                              g[i].len);
        free(g);
        tsnu_arena_dispose(&arena);
    } else if (rc == 0) {
        char *etag = NULL, *lastmod = NULL;
        tsn_buf_clear(url);
        if ((rc = tsn_buf_printf(url, "%s/", base)) == 0 &&
            (rc = tsna_http_escape(url, eco)) == 0 &&
            (rc = tsn_buf_puts(url, "/all.zip")) == 0)
            rc = upd_fetch(u, url->ptr, ZIP_TYPES, true, false, &got, &etag,
                           &lastmod);
        if (rc == 0 && got == GOT &&
            (rc = upd_import(u, stats, report, payload)) == 0)
            rc = upd_keep_validators(u, url->ptr, etag, lastmod);
        free(etag);
        free(lastmod);
        drop_paths(u); /* imported, or nothing to import */
    }
    if (rc == 0)
        rc = upd_import(u, stats, report, payload);
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
    upd_say(u, "nvd: %s",
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
            rc = upd_fetch(u, u->url.ptr, JSON_TYPES, false, false, &got, NULL,
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
        rc = upd_import(u, stats, report, payload);
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
        rc = upd_fetch(u, y->url, XML_TYPES, true, i + 1 == n, &got, &y->etag,
                       &y->lastmod);
        y->got = rc == 0 && got == GOT;
    }
    if (rc == 0)
        rc = upd_import(u, stats, report, payload);
    for (size_t i = 0; i < n; i++) {
        if (rc == 0 && ys[i].got)
            rc = upd_keep_validators(u, ys[i].url, ys[i].etag, ys[i].lastmod);
        free(ys[i].etag);
        free(ys[i].lastmod);
    }
    free(ys);
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
        rc = upd_csaf(&u, source + 5, stats, report, payload);
    } else if (strncmp(source, "csaf-aggregator:", 16) == 0 && source[16]) {
        u.formats = 1u << TSN_ADV_CSAF;
        rc = upd_csaf_aggregator(&u, source + 16, stats, report, payload);
    } else {
        rc = tsn_error_set(TSN_EUSAGE,
                           "unknown source '%s' (kev, epss, nvd, jvn, "
                           "osv:ECOSYSTEM, csaf:DOMAIN, csaf:URL or "
                           "csaf-aggregator:URL)",
                           source);
    }
    if (rc == 0) {
        /* checked now, even when nothing changed (scan --max-db-age) */
        char now[32];
        time_t t = time(NULL);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
        rc = tsnv_meta_put(v, "last_update", now);
    }
    cleanup(&u);
    return rc;
}
