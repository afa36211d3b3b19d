/* SPDX-License-Identifier: Apache-2.0 */
/* libcurl adapter (see http.h). */
#include "http.h"

#include "util/dl.h"

#include <ctype.h>
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CONNECT_SECONDS 30L
#define MAX_REDIRECTS 5L

/* libcurl's functions, loaded by tsna_http_init() (dl.h) */
#define CURL_SYMS(X)                                                           \
    X(curl_easy_cleanup)                                                       \
    X(curl_easy_getinfo)                                                       \
    X(curl_easy_init)                                                          \
    X(curl_easy_setopt)                                                        \
    X(curl_easy_strerror)                                                      \
    X(curl_getdate)                                                            \
    X(curl_global_init)                                                        \
    X(curl_multi_add_handle)                                                   \
    X(curl_multi_info_read)                                                    \
    X(curl_multi_init)                                                         \
    X(curl_multi_perform)                                                      \
    X(curl_multi_poll)                                                         \
    X(curl_multi_remove_handle)                                                \
    X(curl_multi_setopt)                                                       \
    X(curl_multi_strerror)                                                     \
    X(curl_share_init)                                                         \
    X(curl_share_setopt)                                                       \
    X(curl_slist_append)                                                       \
    X(curl_slist_free_all)
CURL_SYMS(TSNU_DL_DECLARE)
static const tsnu_dl_sym curl_syms[] = {CURL_SYMS(TSNU_DL_ENTRY)};
static tsnu_dl_lib libcurl = TSNU_DL_LIB("libcurl.so.4", curl_syms);

struct xfer {
    const tsna_http_req *req;
    tsna_http_resp *resp;
    CURL *curl;
    struct curl_slist *headers;
    char err[CURL_ERROR_SIZE];
    bool too_big, write_failed;
};

/* Every transfer goes through one multi handle, whose cache keeps
 * connections open from one request (or batch) to the next, so that many
 * small downloads from one server (OSV's records, a CSAF provider's
 * documents) reuse a few connections. The share adds TLS sessions and
 * resolved names. Requests are made from one thread at a time, so
 * neither needs locks. */
static CURLM *multi;
static CURLSH *share;

int tsna_http_init(void)
{
    if (multi)
        return 0;
    if (tsnu_dl_load(&libcurl, "downloading") < 0)
        return TSN_ERROR;
    if (sym_curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
        !(multi = sym_curl_multi_init()))
        return tsn_error_set(TSN_ERROR, "libcurl could not start");
    share = sym_curl_share_init();
    if (share) {
        sym_curl_share_setopt(share, CURLSHOPT_SHARE,
                              CURL_LOCK_DATA_SSL_SESSION);
        sym_curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    }
    return 0;
}

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
    struct xfer *x = ud;
    size_t len = size * n;
    long status = 0;
    sym_curl_easy_getinfo(x->curl, CURLINFO_RESPONSE_CODE, &status);
    if (status != 200)
        return len; /* an error page: read and dropped */
    if (x->resp->bytes + len > x->req->max_bytes) {
        x->too_big = true;
        return 0;
    }
    if (fwrite(p, 1, len, x->req->out) != len) {
        x->write_failed = true;
        return 0;
    }
    x->resp->bytes += len;
    return len;
}

/* Copy a header's value (trimmed) into @p dst of @p cap bytes. */
static void value(char *dst, size_t cap, const char *v, size_t n)
{
    while (n && (*v == ' ' || *v == '\t')) {
        v++;
        n--;
    }
    while (n && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' '))
        n--;
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, v, n);
    dst[n] = '\0';
}

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
    struct xfer *x = ud;
    size_t len = size * n;
    tsna_http_resp *r = x->resp;
    const char *colon = memchr(p, ':', len);
    if (len >= 5 && strncmp(p, "HTTP/", 5) == 0) { /* a new response */
        r->etag[0] = r->last_modified[0] = r->content_type[0] = '\0';
        r->retry_after = -1;
        return len;
    }
    if (!colon)
        return len;
    size_t k = (size_t)(colon - p);
    const char *v = colon + 1;
    size_t vn = len - k - 1;
    if (k == 4 && strncasecmp(p, "etag", 4) == 0)
        value(r->etag, sizeof r->etag, v, vn);
    else if (k == 13 && strncasecmp(p, "last-modified", 13) == 0)
        value(r->last_modified, sizeof r->last_modified, v, vn);
    else if (k == 12 && strncasecmp(p, "content-type", 12) == 0) {
        value(r->content_type, sizeof r->content_type, v, vn);
        r->content_type[strcspn(r->content_type, "; ")] = '\0';
        for (char *c = r->content_type; *c; c++)
            *c = (char)tolower((unsigned char)*c);
    } else if (k == 11 && strncasecmp(p, "retry-after", 11) == 0) {
        char tmp[64];
        value(tmp, sizeof tmp, v, vn);
        char *end;
        long s = strtol(tmp, &end, 10);
        if (end != tmp && *end == '\0' && s >= 0)
            r->retry_after = s;
        else { /* an HTTP date */
            time_t t = sym_curl_getdate(tmp, NULL);
            time_t now = time(NULL);
            if (t != -1)
                r->retry_after = t > now ? (long)(t - now) : 0;
        }
    }
    return len;
}

static int on_progress(void *ud,
                       curl_off_t dltotal,
                       curl_off_t dlnow,
                       curl_off_t ultotal,
                       curl_off_t ulnow)
{
    (void)ultotal;
    (void)ulnow;
    struct xfer *x = ud;
    if (x->req->progress)
        x->req->progress(x->req->payload, (uint64_t)dlnow,
                         (uint64_t)(dltotal > 0 ? dltotal : 0));
    return 0;
}

/* Set up the transfer of @p x->req; 0 or TSN_ENOMEM. */
static int start(struct xfer *x)
{
    const tsna_http_req *req = x->req;
    CURL *c = x->curl = sym_curl_easy_init();
    if (!c)
        return TSN_ENOMEM;
    char line[512];
    if (req->etag && *req->etag) {
        snprintf(line, sizeof line, "If-None-Match: %s", req->etag);
        x->headers = sym_curl_slist_append(x->headers, line);
    }
    if (req->last_modified && *req->last_modified) {
        snprintf(line, sizeof line, "If-Modified-Since: %s",
                 req->last_modified);
        x->headers = sym_curl_slist_append(x->headers, line);
    }
    if (req->header)
        x->headers = sym_curl_slist_append(x->headers, req->header);
    const char *ca = getenv("TSUNAGI_CA_BUNDLE");
    sym_curl_easy_setopt(c, CURLOPT_URL, req->url);
    sym_curl_easy_setopt(c, CURLOPT_PRIVATE, x);
    sym_curl_easy_setopt(c, CURLOPT_ERRORBUFFER, x->err);
    sym_curl_easy_setopt(c, CURLOPT_HTTPHEADER, x->headers);
    char agent[64];
    snprintf(agent, sizeof agent, "tsunagi/%d.%d.%d", TSN_VERSION_MAJOR,
             TSN_VERSION_MINOR, TSN_VERSION_PATCH);
    sym_curl_easy_setopt(c, CURLOPT_USERAGENT, agent);
    sym_curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    sym_curl_easy_setopt(c, CURLOPT_MAXREDIRS, MAX_REDIRECTS);
    sym_curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    sym_curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    sym_curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    sym_curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (ca && *ca)
        sym_curl_easy_setopt(c, CURLOPT_CAINFO, ca);
    sym_curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, CONNECT_SECONDS);
    sym_curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1024L);
    sym_curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME,
                         req->stall_seconds > 0 ? req->stall_seconds : 60L);
    sym_curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING,
                         ""); /* what curl decodes */
    sym_curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    /* a second request waits for the first connection rather than opening
     * another when that one may carry both (HTTP/2) */
    sym_curl_easy_setopt(c, CURLOPT_PIPEWAIT, 1L);
    if (share)
        sym_curl_easy_setopt(c, CURLOPT_SHARE, share);
    sym_curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    sym_curl_easy_setopt(c, CURLOPT_WRITEDATA, x);
    sym_curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    sym_curl_easy_setopt(c, CURLOPT_HEADERDATA, x);
    sym_curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    sym_curl_easy_setopt(c, CURLOPT_XFERINFODATA, x);
    sym_curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    return 0;
}

/* The outcome of @p x, which curl finished with @p cc; its handles go. */
static int finish(struct xfer *x, CURLcode cc)
{
    const tsna_http_req *req = x->req;
    tsna_http_resp *resp = x->resp;
    int rc = 0;
    sym_curl_easy_getinfo(x->curl, CURLINFO_RESPONSE_CODE, &resp->status);
    sym_curl_easy_cleanup(x->curl);
    sym_curl_slist_free_all(x->headers);
    x->curl = NULL;
    x->headers = NULL;
    if (x->too_big) {
        rc = TSN_ETOOBIG;
        snprintf(resp->error, sizeof resp->error, "%s: longer than %llu bytes",
                 req->url, (unsigned long long)req->max_bytes);
    } else if (x->write_failed) {
        rc = TSN_EIO;
        snprintf(resp->error, sizeof resp->error,
                 "%s: cannot write the download", req->url);
    } else if (cc != CURLE_OK) {
        rc = TSN_ENETWORK;
        snprintf(resp->error, sizeof resp->error, "%s: %s", req->url,
                 *x->err ? x->err : sym_curl_easy_strerror(cc));
    }
    return rc;
}

int tsna_http_get_all(const tsna_http_req *reqs,
                      tsna_http_resp *resps,
                      int *rcs,
                      size_t n,
                      unsigned parallel)
{
    if (!multi)
        return tsn_error_set(TSN_ERROR, "tsna_http_init was not called");
    struct xfer *xs = calloc(n ? n : 1, sizeof *xs);
    if (!xs)
        return tsn_error_oom();
    sym_curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS,
                          (long)(parallel ? parallel : 1));
    size_t pending = 0;
    for (size_t i = 0; i < n; i++) {
        memset(&resps[i], 0, sizeof resps[i]);
        resps[i].retry_after = -1;
        xs[i] = (struct xfer){.req = &reqs[i], .resp = &resps[i]};
        rcs[i] = start(&xs[i]);
        if (rcs[i] == 0 &&
            sym_curl_multi_add_handle(multi, xs[i].curl) != CURLM_OK)
            rcs[i] = TSN_ENOMEM;
        if (rcs[i] == 0)
            pending++;
        else {
            finish(&xs[i], CURLE_OUT_OF_MEMORY);
            snprintf(resps[i].error, sizeof resps[i].error, "%s: out of memory",
                     reqs[i].url);
        }
    }
    CURLMcode mc = CURLM_OK;
    while (pending && mc == CURLM_OK) {
        int running = 0, left;
        mc = sym_curl_multi_perform(multi, &running);
        CURLMsg *m;
        while ((m = sym_curl_multi_info_read(multi, &left))) {
            char *priv = NULL;
            if (m->msg != CURLMSG_DONE)
                continue;
            CURLcode cc = m->data.result;
            sym_curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
            struct xfer *x = (struct xfer *)(void *)priv;
            sym_curl_multi_remove_handle(multi, x->curl);
            rcs[x - xs] = finish(x, cc);
            pending--;
        }
        if (pending && mc == CURLM_OK)
            mc = sym_curl_multi_poll(multi, NULL, 0, 1000, NULL);
    }
    for (size_t i = 0; i < n; i++) { /* what the multi handle left */
        if (!xs[i].curl)
            continue;
        sym_curl_multi_remove_handle(multi, xs[i].curl);
        finish(&xs[i], CURLE_OK);
        rcs[i] = TSN_ENETWORK;
        snprintf(resps[i].error, sizeof resps[i].error, "%s: %s", reqs[i].url,
                 sym_curl_multi_strerror(mc));
    }
    free(xs);
    return 0;
}

int tsna_http_get(const tsna_http_req *req, tsna_http_resp *resp)
{
    int rc = 0;
    int brc = tsna_http_get_all(req, resp, &rc, 1, 1);
    if (brc < 0)
        return brc;
    if (rc < 0)
        return rc == TSN_ENOMEM ? tsn_error_oom()
                                : tsn_error_set(rc, "%s", resp->error);
    return 0;
}

int tsna_http_escape(tsn_buf *out, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    int rc = 0;
    for (; rc == 0 && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (isalnum(c) || c == '.' || c == '_' || c == '~' || c == '-')
            rc = tsn_buf_putc(out, (char)c);
        else {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};
            rc = tsn_buf_put(out, e, 3);
        }
    }
    return rc;
}
