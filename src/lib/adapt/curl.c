/* SPDX-License-Identifier: Apache-2.0 */
/* libcurl adapter (see http.h). */
#include "http.h"

#include <ctype.h>
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CONNECT_SECONDS 30L
#define MAX_REDIRECTS 5L

struct xfer {
    const tsna_http_req *req;
    tsna_http_resp *resp;
    CURL *curl;
    bool too_big, write_failed;
};

/* Connections, TLS sessions and names kept from one request to the next,
 * so that many small downloads from one server (OSV's records, a CSAF
 * provider's documents) reuse one connection. Requests are made one at
 * a time, so the share needs no locks. */
static CURLSH *share;

int tsna_http_init(void)
{
    if (share)
        return 0;
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return tsn_error_set(TSN_ERROR, "libcurl could not start");
    share = curl_share_init();
    if (share) {
        curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
        curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
        curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    }
    return 0;
}

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
    struct xfer *x = ud;
    size_t len = size * n;
    long status = 0;
    curl_easy_getinfo(x->curl, CURLINFO_RESPONSE_CODE, &status);
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
            time_t t = curl_getdate(tmp, NULL);
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

int tsna_http_get(const tsna_http_req *req, tsna_http_resp *resp)
{
    memset(resp, 0, sizeof *resp);
    resp->retry_after = -1;
    CURL *c = curl_easy_init();
    if (!c)
        return tsn_error_oom();
    struct xfer x = {req, resp, c, false, false};
    struct curl_slist *h = NULL;
    char line[512];
    if (req->etag && *req->etag) {
        snprintf(line, sizeof line, "If-None-Match: %s", req->etag);
        h = curl_slist_append(h, line);
    }
    if (req->last_modified && *req->last_modified) {
        snprintf(line, sizeof line, "If-Modified-Since: %s",
                 req->last_modified);
        h = curl_slist_append(h, line);
    }
    if (req->header)
        h = curl_slist_append(h, req->header);
    const char *ca = getenv("TSUNAGI_CA_BUNDLE");
    char err[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(c, CURLOPT_URL, req->url);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    char agent[64];
    snprintf(agent, sizeof agent, "tsunagi/%d.%d.%d", TSN_VERSION_MAJOR,
             TSN_VERSION_MINOR, TSN_VERSION_PATCH);
    curl_easy_setopt(c, CURLOPT_USERAGENT, agent);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, MAX_REDIRECTS);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (ca && *ca)
        curl_easy_setopt(c, CURLOPT_CAINFO, ca);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, CONNECT_SECONDS);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1024L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME,
                     req->stall_seconds > 0 ? req->stall_seconds : 60L);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, ""); /* what curl decodes */
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    if (share)
        curl_easy_setopt(c, CURLOPT_SHARE, share);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &x);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &x);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &x);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    CURLcode cc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp->status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    if (x.too_big)
        return tsn_error_set(TSN_ETOOBIG, "%s: longer than %llu bytes",
                             req->url, (unsigned long long)req->max_bytes);
    if (x.write_failed)
        return tsn_error_set(TSN_EIO, "%s: cannot write the download",
                             req->url);
    if (cc != CURLE_OK)
        return tsn_error_set(TSN_ENETWORK, "%s: %s", req->url,
                             *err ? err : curl_easy_strerror(cc));
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
