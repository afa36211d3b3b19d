/* SPDX-License-Identifier: Apache-2.0 */
/*
 * HTTP adapter: the only code that includes curl/curl.h (libcurl). GETs
 * into files, one or many at a time, with what every download of the
 * knowledge base needs: TLS verified (the system's CAs, or TSUNAGI_CA_BUNDLE),
 * proxies from the standard environment (https_proxy, no_proxy, ...),
 * a connect timeout and a stall timeout instead of a total one (archives
 * are large), redirects over HTTP(S) only, conditional requests, and a
 * size limit. Retrying is the caller's policy.
 */
#ifndef TSN_ADAPT_HTTP_H
#define TSN_ADAPT_HTTP_H

#include "../lib.h"

#include <stdio.h>

/* Called as bytes arrive: @p total is 0 when the server did not say. */
typedef void (*tsna_http_progress_fn)(void *payload,
                                      uint64_t now,
                                      uint64_t total);

typedef struct tsna_http_req {
    const char *url;
    const char *etag;          /* If-None-Match, or NULL */
    const char *last_modified; /* If-Modified-Since, as the server wrote it */
    const char *header;        /* one extra "Name: value" (an API key) */
    FILE *out;                 /* the body of a 200 goes here */
    uint64_t max_bytes;        /* a longer body is TSN_ETOOBIG */
    long stall_seconds;        /* below 1 KiB/s this long: a failure */
    tsna_http_progress_fn progress;
    void *payload;
} tsna_http_req;

typedef struct tsna_http_resp {
    long status; /* 200, 304, 404, 429, ... */
    char etag[256];
    char last_modified[64];
    char content_type[128]; /* lower case, without parameters */
    long retry_after;       /* seconds the server asks to wait, or -1 */
    uint64_t bytes;         /* body bytes written */
    char error[512];        /* why, when the GET returned below 0 */
} tsna_http_resp;

/* One-time setup (later calls do nothing); 0 or TSN_ERROR. Call before
 * any thread starts. Connections are kept open between requests (and
 * batches), which therefore are made from one thread at a time. */
int tsna_http_init(void);

/*
 * GET @p req->url. 0 when the server answered (any status: the caller
 * decides), with the body of a 200 in req->out; TSN_ENETWORK when no
 * answer came whole (name resolution, connection, TLS verification,
 * timeout, a body shorter than its Content-Length), with curl's reason;
 * TSN_ETOOBIG past max_bytes; TSN_EIO when req->out cannot be written.
 */
int tsna_http_get(const tsna_http_req *req, tsna_http_resp *resp);

/*
 * GET each of @p reqs[0..n), at most @p parallel connections to a host
 * at a time (HTTP/2 streams share one where the server offers it), each
 * request's outcome in rcs[i] and resps[i] as tsna_http_get() gives it,
 * its reason in resps[i].error. The progress of each request is reported
 * to its own callback. Returns 0 once every request has its outcome, or
 * below 0 when the batch could not run (no memory).
 */
int tsna_http_get_all(const tsna_http_req *reqs,
                      tsna_http_resp *resps,
                      int *rcs,
                      size_t n,
                      unsigned parallel);

/* @p s with every byte outside [A-Za-z0-9._~-] percent-encoded, appended
 * to @p out (a path segment or a query value). */
int tsna_http_escape(tsn_buf *out, const char *s);

#endif
