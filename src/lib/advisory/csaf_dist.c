/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CSAF 2.0 distribution documents (section 7.1): provider-metadata.json
 * (requirement 7), security.txt (9), changes.csv (13), ROLIE feeds (15),
 * hash and signature files named in a feed (18, 19).
 */
#include "lib/advisory/csaf_dist.h"

#include "tsunagi/limits.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define URL_MAX 2048
#define ENTRIES_MAX 10000000 /* entries of one feed or changes.csv */
#define KEYS_MAX 64          /* public OpenPGP keys of a provider */

bool csaf_url_ok(const char *s)
{
    size_t skip = strncmp(s, "https://", 8) == 0  ? 8
                  : strncmp(s, "http://", 7) == 0 ? 7
                                                  : 0;
    if (!skip || s[skip] == '\0' || strchr("/?#@", s[skip]))
        return false;
    size_t n = 0;
    for (; s[n]; n++) {
        unsigned char c = (unsigned char)s[n];
        if (c <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>' ||
            c == '\\' || c == '`' || c == '{' || c == '}' || c == '|' ||
            c == '^')
            return false;
    }
    return n <= URL_MAX;
}

/* A URL member: absent gives NULL; another thing than a URL is a
 * violation. */
static int url_member(tsnr *r,
                      const tsnu_json *obj,
                      const tsnu_jpath *p,
                      const char *key,
                      bool required,
                      const char **out)
{
    int rc = tsnr_str(r, obj, p, key, required, out);
    if (rc == 0 && *out && !csaf_url_ok(*out)) {
        tsnu_jpath at = TSNR_AT(p, key);
        return tsnr_bad(r, &at, tsnu_json_get(obj, key),
                        "'%.200s' is not an http(s) URL", *out);
    }
    return rc;
}

/* ---- provider-metadata.json ------------------------------------------ */

static const char *const roles[] = {"csaf_publisher", "csaf_provider",
                                    "csaf_trusted_provider"};
static const char *const tlps[] = {"UNLABELED", "WHITE", "GREEN", "AMBER",
                                   "RED"};

static bool one_of(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

static int read_rolie(tsnr *r,
                      const tsnu_json *rolie,
                      const tsnu_jpath *p,
                      tsnu_vec *feeds)
{
    const tsnu_json *items;
    size_t n;
    int rc = tsnr_object(r, rolie, p);
    if (rc == 0)
        rc = tsnr_items(r, rolie, p, "feeds", true, &items, &n);
    tsnu_jpath fp = TSNR_AT(p, "feeds");
    for (size_t i = 0; rc == 0 && i < n; i++) {
        tsnu_jpath ip = TSNR_IDX(&fp, i);
        csaf_feed_ref f = {0};
        if ((rc = tsnr_object(r, &items[i], &ip)) == 0 &&
            (rc = url_member(r, &items[i], &ip, "url", true, &f.url)) == 0 &&
            (rc = tsnr_str(r, &items[i], &ip, "tlp_label", true, &f.tlp)) ==
                0 &&
            !one_of(f.tlp, tlps, sizeof tlps / sizeof *tlps)) {
            tsnu_jpath at = TSNR_AT(&ip, "tlp_label");
            rc = tsnr_bad(r, &at, tsnu_json_get(&items[i], "tlp_label"),
                          "'%.40s' is not a TLP label of CSAF 2.0", f.tlp);
        }
        if (rc == 0)
            rc = tsnu_vec_push(feeds, &f);
    }
    return rc;
}

/* public_openpgp_keys: {url, fingerprint} each. */
static int read_keys(tsnr *r, const tsnu_json *root, tsnu_vec *keys)
{
    const tsnu_json *items;
    size_t n = 0;
    int rc =
        tsnr_items(r, root, NULL, "public_openpgp_keys", false, &items, &n);
    tsnu_jpath kp = TSNR_AT(NULL, "public_openpgp_keys");
    if (rc == 0 && n > KEYS_MAX)
        rc = tsnr_bad(r, &kp, tsnu_json_get(root, "public_openpgp_keys"),
                      "more than %d OpenPGP keys", KEYS_MAX);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        tsnu_jpath ip = TSNR_IDX(&kp, i);
        csaf_key_ref k = {0};
        if ((rc = tsnr_object(r, &items[i], &ip)) == 0 &&
            (rc = url_member(r, &items[i], &ip, "url", true, &k.url)) == 0 &&
            (rc = tsnr_str(r, &items[i], &ip, "fingerprint", false,
                           &k.fingerprint)) == 0 &&
            k.fingerprint &&
            (strlen(k.fingerprint) < 40 ||
             strspn(k.fingerprint, "0123456789abcdefABCDEF") !=
                 strlen(k.fingerprint))) {
            tsnu_jpath at = TSNR_AT(&ip, "fingerprint");
            rc = tsnr_bad(r, &at, tsnu_json_get(&items[i], "fingerprint"),
                          "'%.80s' is not a fingerprint (40 or more hex "
                          "digits)",
                          k.fingerprint);
        }
        if (rc == 0)
            rc = tsnu_vec_push(keys, &k);
    }
    return rc;
}

int csaf_provider_read(tsnr *r,
                       const char *text,
                       size_t len,
                       csaf_provider *out)
{
    memset(out, 0, sizeof *out);
    const tsnu_jpath *top = NULL;
    tsnu_json *root;
    const tsnu_json *pub = NULL, *dists = NULL;
    const char *version = NULL;
    size_t nd = 0;
    tsnu_vec dirs = TSNU_VEC_INIT(const char *, ENTRIES_MAX);
    tsnu_vec feeds = TSNU_VEC_INIT(csaf_feed_ref, ENTRIES_MAX);
    tsnu_vec keys = TSNU_VEC_INIT(csaf_key_ref, KEYS_MAX);
    int rc = tsnr_parse(&root, r->arena, text, len, r->name);
    if (rc == 0 && root->type != TSNU_JSON_OBJECT)
        rc = tsnr_bad(r, top, root,
                      "a CSAF provider's metadata is a JSON object");
    if (rc == 0)
        rc = tsnr_str(r, root, top, "metadata_version", true, &version);
    if (rc == 0 && strcmp(version, "2.0") != 0) {
        tsnu_jpath at = TSNR_AT(top, "metadata_version");
        rc = tsnr_bad(r, &at, tsnu_json_get(root, "metadata_version"),
                      "metadata version '%.20s': only 2.0 is read", version);
    }
    if (rc == 0)
        rc = tsnr_member(r, root, top, "publisher", TSNU_JSON_OBJECT, &pub);
    if (rc == 0 && !pub)
        rc = tsnr_bad(r, top, root, "'publisher' is required");
    tsnu_jpath pp = TSNR_AT(top, "publisher");
    if (rc == 0)
        rc = url_member(r, pub, &pp, "namespace", true, &out->publisher);
    if (rc == 0)
        rc = tsnr_str(r, root, top, "role", true, &out->role);
    if (rc == 0 && !one_of(out->role, roles, sizeof roles / sizeof *roles)) {
        tsnu_jpath at = TSNR_AT(top, "role");
        rc = tsnr_bad(r, &at, tsnu_json_get(root, "role"),
                      "'%.40s' is not a role of CSAF 2.0", out->role);
    }
    out->trusted = rc == 0 && strcmp(out->role, "csaf_trusted_provider") == 0;
    if (rc == 0)
        rc = tsnr_items(r, root, top, "distributions", false, &dists, &nd);
    tsnu_jpath dp = TSNR_AT(top, "distributions");
    for (size_t i = 0; rc == 0 && i < nd; i++) {
        tsnu_jpath ip = TSNR_IDX(&dp, i);
        const char *dir = NULL;
        const tsnu_json *rolie = NULL;
        if ((rc = tsnr_object(r, &dists[i], &ip)) == 0 &&
            (rc = url_member(r, &dists[i], &ip, "directory_url", false,
                             &dir)) == 0 &&
            dir)
            rc = tsnu_vec_push(&dirs, &dir);
        if (rc == 0)
            rc = tsnr_member(r, &dists[i], &ip, "rolie", TSNU_JSON_OBJECT,
                             &rolie);
        tsnu_jpath rp = TSNR_AT(&ip, "rolie");
        if (rc == 0 && rolie)
            rc = read_rolie(r, rolie, &rp, &feeds);
        if (rc == 0 && !dir && !rolie)
            rc = tsnr_bad(r, &ip, &dists[i],
                          "a distribution needs 'directory_url' or 'rolie'");
    }
    if (rc == 0)
        rc = tsnr_list(r, &dirs, &out->directories, &out->ndirectories);
    if (rc == 0)
        rc = tsnr_list(r, &feeds, &out->feeds, &out->nfeeds);
    if (rc == 0)
        rc = read_keys(r, root, &keys);
    if (rc == 0)
        rc = tsnr_list(r, &keys, &out->keys, &out->nkeys);
    tsnu_vec_dispose(&dirs);
    tsnu_vec_dispose(&feeds);
    tsnu_vec_dispose(&keys);
    return rc;
}

/* ---- aggregator.json --------------------------------------------------- */

/* The metadata URLs of the entries of @p key (csaf_providers or
 * csaf_publishers), onto @p urls. */
static int read_parties(tsnr *r,
                        const tsnu_json *root,
                        const char *key,
                        bool required,
                        tsnu_vec *urls,
                        size_t *n)
{
    const tsnu_json *items;
    size_t k = 0;
    int rc = tsnr_items(r, root, NULL, key, required, &items, &k);
    if (rc == 0 && required && k == 0)
        rc = tsnr_bad(r, NULL, root, "'%s' lists no one", key);
    tsnu_jpath kp = TSNR_AT(NULL, key);
    for (size_t i = 0; rc == 0 && i < k; i++) {
        tsnu_jpath ip = TSNR_IDX(&kp, i);
        const tsnu_json *meta = NULL;
        const char *url = NULL;
        if ((rc = tsnr_object(r, &items[i], &ip)) == 0 &&
            (rc = tsnr_member(r, &items[i], &ip, "metadata", TSNU_JSON_OBJECT,
                              &meta)) == 0 &&
            !meta)
            rc = tsnr_bad(r, &ip, &items[i], "'metadata' is required");
        tsnu_jpath mp = TSNR_AT(&ip, "metadata");
        if (rc == 0)
            rc = url_member(r, meta, &mp, "url", true, &url);
        if (rc == 0)
            rc = tsnu_vec_push(urls, &url);
    }
    *n = k;
    return rc;
}

int csaf_aggregator_read(tsnr *r,
                         const char *text,
                         size_t len,
                         csaf_aggregator *out)
{
    memset(out, 0, sizeof *out);
    const tsnu_jpath *top = NULL;
    tsnu_json *root;
    const tsnu_json *agg = NULL;
    const char *version = NULL;
    tsnu_vec urls = TSNU_VEC_INIT(const char *, ENTRIES_MAX);
    int rc = tsnr_parse(&root, r->arena, text, len, r->name);
    if (rc == 0 && root->type != TSNU_JSON_OBJECT)
        rc = tsnr_bad(r, top, root, "an aggregator.json is a JSON object");
    if (rc == 0)
        rc = tsnr_str(r, root, top, "aggregator_version", true, &version);
    if (rc == 0 && strcmp(version, "2.0") != 0) {
        tsnu_jpath at = TSNR_AT(top, "aggregator_version");
        rc = tsnr_bad(r, &at, tsnu_json_get(root, "aggregator_version"),
                      "aggregator version '%.20s': only 2.0 is read", version);
    }
    if (rc == 0)
        rc = tsnr_member(r, root, top, "aggregator", TSNU_JSON_OBJECT, &agg);
    if (rc == 0 && !agg)
        rc = tsnr_bad(r, top, root, "'aggregator' is required");
    tsnu_jpath ap = TSNR_AT(top, "aggregator");
    if (rc == 0)
        rc = tsnr_str(r, agg, &ap, "name", true, &out->name);
    if (rc == 0)
        rc = tsnr_str(r, agg, &ap, "category", true, &out->category);
    if (rc == 0 && strcmp(out->category, "aggregator") != 0 &&
        strcmp(out->category, "lister") != 0) {
        tsnu_jpath at = TSNR_AT(&ap, "category");
        rc = tsnr_bad(r, &at, tsnu_json_get(agg, "category"),
                      "'%.40s' is not an aggregator category of CSAF 2.0",
                      out->category);
    }
    if (rc == 0)
        rc = read_parties(r, root, "csaf_providers", true, &urls,
                          &out->nproviders);
    if (rc == 0)
        rc = read_parties(r, root, "csaf_publishers", false, &urls,
                          &out->npublishers);
    size_t n = 0;
    if (rc == 0)
        rc = tsnr_list(r, &urls, &out->urls, &n);
    tsnu_vec_dispose(&urls);
    return rc;
}

/* ---- ROLIE feeds ------------------------------------------------------ */

/* The document, hash and signature links of one entry; 1 when it is
 * left out (with a warning), 0 when read. */
static int
read_entry(tsnr *r, const tsnu_json *e, const tsnu_jpath *p, csaf_entry *out)
{
    const tsnu_json *content = NULL, *links;
    const char *updated = NULL;
    size_t nl = 0;
    int rc = tsnr_object(r, e, p);
    if (rc == 0)
        rc = tsnr_member(r, e, p, "content", TSNU_JSON_OBJECT, &content);
    if (rc == 0 && !content)
        rc = tsnr_bad(r, p, e, "'content' is required");
    tsnu_jpath cp = TSNR_AT(p, "content");
    if (rc == 0)
        rc = url_member(r, content, &cp, "src", true, &out->url);
    if (rc == 0)
        rc = tsnr_time(r, e, p, "updated", true, &updated);
    if (rc == 0)
        rc = tsnr_items(r, e, p, "link", false, &links, &nl);
    tsnu_jpath lp = TSNR_AT(p, "link");
    for (size_t i = 0; rc == 0 && i < nl; i++) {
        tsnu_jpath ip = TSNR_IDX(&lp, i);
        const char *rel = NULL, *href = NULL;
        if ((rc = tsnr_object(r, &links[i], &ip)) < 0 ||
            (rc = tsnr_str(r, &links[i], &ip, "rel", true, &rel)) < 0 ||
            (rc = url_member(r, &links[i], &ip, "href", true, &href)) < 0)
            break;
        if (strcmp(rel, "hash") == 0 && tsnu_ends_with(href, ".sha512")) {
            out->hash = href;
            out->sha512 = true;
        } else if (strcmp(rel, "hash") == 0 &&
                   tsnu_ends_with(href, ".sha256") && !out->sha512) {
            out->hash = href;
        } else if (strcmp(rel, "signature") == 0 && !out->sig) {
            out->sig = href;
        }
    }
    if (rc == TSN_EINVALID) {
        const char *msg = tsn_error_last()->message;
        size_t skip = strlen(r->name);
        if (strncmp(msg, r->name, skip) == 0 && msg[skip] == ':')
            msg += skip + 1;
        char *w = tsnu_arena_strdup(r->arena, msg);
        if (!w)
            return tsn_error_oom();
        if (r->warnings.len < TSNR_WARNINGS_MAX &&
            tsnu_vec_push(&r->warnings, &w) < 0)
            return tsn_error_oom();
        return 1;
    }
    if (rc == 0)
        out->updated = tsnr_epoch(updated);
    return rc;
}

int csaf_rolie_read(tsnr *r,
                    const char *text,
                    size_t len,
                    const csaf_entry **out,
                    size_t *n,
                    size_t *left)
{
    *out = NULL;
    *n = *left = 0;
    const tsnu_jpath *top = NULL;
    tsnu_json *root;
    const tsnu_json *feed = NULL, *entries = NULL;
    size_t ne = 0;
    int rc = tsnr_parse(&root, r->arena, text, len, r->name);
    if (rc == 0 && root->type != TSNU_JSON_OBJECT)
        rc = tsnr_bad(r, top, root, "a ROLIE feed is a JSON object");
    if (rc == 0)
        rc = tsnr_member(r, root, top, "feed", TSNU_JSON_OBJECT, &feed);
    if (rc == 0 && !feed)
        rc = tsnr_bad(r, top, root, "'feed' is required");
    tsnu_jpath fp = TSNR_AT(top, "feed");
    if (rc == 0)
        rc = tsnr_items(r, feed, &fp, "entry", false, &entries, &ne);
    if (rc == 0 && ne > ENTRIES_MAX)
        return tsn_error_set(TSN_ETOOBIG, "%s: more than %d entries", r->name,
                             ENTRIES_MAX);
    csaf_entry *es = NULL;
    if (rc == 0 && ne && !(es = tsnu_arena_calloc(r->arena, ne, sizeof *es)))
        rc = tsn_error_oom();
    tsnu_jpath ep = TSNR_AT(&fp, "entry");
    size_t k = 0;
    for (size_t i = 0; rc == 0 && i < ne; i++) {
        tsnu_jpath ip = TSNR_IDX(&ep, i);
        memset(&es[k], 0, sizeof es[k]);
        rc = read_entry(r, &entries[i], &ip, &es[k]);
        if (rc == 0)
            k++;
        *left += rc > 0;
        rc = rc > 0 ? 0 : rc;
    }
    if (rc < 0)
        return rc;
    *out = es;
    *n = k;
    return 0;
}

/* ---- changes.csv ------------------------------------------------------ */

/* Keep "LINE: what" as a warning. */
static int line_warn(tsnr *r, unsigned long line, const char *what)
{
    if (r->warnings.len >= TSNR_WARNINGS_MAX)
        return 0;
    char msg[512];
    snprintf(msg, sizeof msg, "%lu: %s", line, what);
    char *w = tsnu_arena_strdup(r->arena, msg);
    if (!w || tsnu_vec_push(&r->warnings, &w) < 0)
        return tsn_error_oom();
    return 0;
}

/* One CSV field from @p *p up to @p end: quoted ("" is a quote) or plain;
 * into @p out (cap bytes). False when malformed or too long. */
static bool field(const char **p, const char *end, char *out, size_t cap)
{
    const char *s = *p;
    size_t k = 0;
    if (s < end && *s == '"') {
        for (s++;; s++) {
            if (s >= end)
                return false;
            if (*s == '"') {
                if (s + 1 < end && s[1] == '"') {
                    s++;
                } else {
                    s++;
                    break;
                }
            }
            if (k + 1 >= cap)
                return false;
            out[k++] = *s;
        }
    } else {
        for (; s < end && *s != ','; s++) {
            if (*s == '"' || k + 1 >= cap)
                return false;
            out[k++] = *s;
        }
    }
    out[k] = '\0';
    if (s < end && *s != ',')
        return false;
    *p = s < end ? s + 1 : s;
    return true;
}

/* A relative path below a directory: segments of [A-Za-z0-9._+~-] that
 * are not "." or "..", ending in ".json". */
static bool path_ok(const char *s)
{
    if (!*s || *s == '/' || !tsnu_ends_with(s, ".json"))
        return false;
    for (const char *seg = s; *seg;) {
        size_t n = strcspn(seg, "/");
        if (n == 0 || (n == 1 && seg[0] == '.') ||
            (n == 2 && seg[0] == '.' && seg[1] == '.'))
            return false;
        for (size_t i = 0; i < n; i++) {
            char c = seg[i];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  (c >= '0' && c <= '9') || strchr("._+~-", c)))
                return false;
        }
        seg += n + (seg[n] == '/');
    }
    return true;
}

int csaf_changes_read(tsnr *r,
                      const char *text,
                      size_t len,
                      const char *base,
                      const csaf_entry **out,
                      size_t *n,
                      size_t *left)
{
    *out = NULL;
    *n = *left = 0;
    if (!csaf_url_ok(base))
        return tsn_error_set(TSN_EINVALID, "%s: '%.200s' is not an http(s) URL",
                             r->name, base);
    size_t blen = strlen(base);
    while (blen && base[blen - 1] == '/')
        blen--;
    tsnu_vec es = TSNU_VEC_INIT(csaf_entry, ENTRIES_MAX);
    const char *p = text, *end = text + len;
    unsigned long line = 0;
    int rc = 0;
    while (rc == 0 && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        line++;
        const char *next = nl ? nl + 1 : end;
        if (le > p && le[-1] == '\r')
            le--;
        if (le == p) {
            p = next;
            continue;
        }
        if (memchr(p, '\0', (size_t)(le - p))) {
            rc = tsn_error_set(TSN_EINVALID, "%s:%lu: a NUL byte", r->name,
                               line);
            break;
        }
        char path[1024], when[64];
        const char *q = p;
        const char *bad = NULL;
        if (!field(&q, le, path, sizeof path) ||
            !field(&q, le, when, sizeof when) || q != le)
            bad = "not \"PATH\",\"TIME\": left out";
        else if (!path_ok(path))
            bad = "the path is not a .json file below the directory: left out";
        else if (!tsnr_rfc3339(when))
            bad = "the time is not an RFC 3339 date-time: left out";
        else if (blen + 1 + strlen(path) > URL_MAX)
            bad = "the URL is too long: left out";
        if (bad) {
            ++*left;
            rc = line_warn(r, line, bad);
        } else {
            csaf_entry e = {0};
            char *url = tsnu_arena_alloc(r->arena, blen + strlen(path) + 2);
            if (!url) {
                rc = tsn_error_oom();
                break;
            }
            sprintf(url, "%.*s/%s", (int)blen, base, path);
            e.url = url;
            e.updated = tsnr_epoch(when);
            if ((rc = tsnu_vec_push(&es, &e)) == TSN_ETOOBIG)
                rc = tsn_error_set(TSN_ETOOBIG, "%s: more than %d lines",
                                   r->name, ENTRIES_MAX);
        }
        p = next;
    }
    if (rc == 0)
        rc = tsnr_list(r, &es, out, n);
    tsnu_vec_dispose(&es);
    return rc;
}

/* ---- security.txt ----------------------------------------------------- */

int csaf_security_txt(
    tsnr *r, const char *text, size_t len, const char *const **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    tsnu_vec urls = TSNU_VEC_INIT(const char *, 1000);
    const char *p = text, *end = text + len;
    int rc = 0;
    while (rc == 0 && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end, *next = nl ? nl + 1 : end;
        if (le > p && le[-1] == '\r')
            le--;
        if (le - p > 5 && strncasecmp(p, "CSAF:", 5) == 0) {
            const char *v = p + 5;
            while (v < le && (*v == ' ' || *v == '\t'))
                v++;
            const char *ve = le;
            while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
                ve--;
            char *url = tsnu_arena_strndup(r->arena, v, (size_t)(ve - v));
            if (!url)
                rc = tsn_error_oom();
            else if (strlen(url) == (size_t)(ve - v) && csaf_url_ok(url) &&
                     (rc = tsnu_vec_push(&urls, &url)) == TSN_ETOOBIG)
                rc = tsn_error_set(TSN_ETOOBIG, "%s: more than %zu CSAF fields",
                                   r->name, urls.max);
        }
        p = next;
    }
    if (rc == 0)
        rc = tsnr_list(r, &urls, out, n);
    tsnu_vec_dispose(&urls);
    return rc;
}
