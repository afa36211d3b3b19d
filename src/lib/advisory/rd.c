/* SPDX-License-Identifier: Apache-2.0 */
/* What every advisory reader shares (see rd.h). */
#include "lib/advisory/rd.h"
#include "tsunagi/advisory.h"
#include "tsunagi/cpe.h"
#include "tsunagi/limits.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <stdlib.h>

/* "LINE: /pointer: what" for the value @p v at @p p. */
TSN_PRINTF(5, 0)
static void where(char *out,
                  size_t cap,
                  const tsnu_jpath *p,
                  const tsnu_json *v,
                  const char *fmt,
                  va_list ap)
{
    tsn_buf ptr = TSN_BUF_INIT(4096);
    tsnu_jpath_render(p, &ptr);
    char what[512];
    vsnprintf(what, sizeof what, fmt, ap);
    snprintf(out, cap, "%u: %s: %s", v ? (unsigned)v->line : 0u,
             tsn_buf_cstr(&ptr), what);
    tsn_buf_dispose(&ptr);
}

/* A violation: the record is refused ("NAME:LINE: /pointer: what"). */

int tsnr_bad(
    tsnr *r, const tsnu_jpath *p, const tsnu_json *v, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    where(msg, sizeof msg, p, v, fmt, ap);
    va_end(ap);
    return tsn_error_set(TSN_EINVALID, "%s:%s", r->name, msg);
}

/* A fault that leaves the record usable: kept as a warning on the
 * advisory ("LINE: /pointer: what"). */

int tsnr_warn(
    tsnr *r, const tsnu_jpath *p, const tsnu_json *v, const char *fmt, ...)
{
    if (r->warnings.len >= TSNR_WARNINGS_MAX)
        return 0;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    where(msg, sizeof msg, p, v, fmt, ap);
    va_end(ap);
    char *w = tsnu_arena_strdup(r->arena, msg);
    if (!w || tsnu_vec_push(&r->warnings, &w) < 0)
        return tsn_error_oom();
    return 0;
}

/* Member @p key: absent or null gives NULL; another type than @p type is
 * an error. */
int tsnr_member(tsnr *r,
                const tsnu_json *obj,
                const tsnu_jpath *p,
                const char *key,
                int type,
                const tsnu_json **out)
{
    const tsnu_json *v = tsnu_json_get(obj, key);
    *out = NULL;
    if (!v || v->type == TSNU_JSON_NULL)
        return 0;
    if (v->type != type) {
        tsnu_jpath at = TSNR_AT(p, key);
        return tsnr_bad(r, &at, v, "expected %s, got %s",
                        tsnu_json_type_name(type),
                        tsnu_json_type_name(v->type));
    }
    *out = v;
    return 0;
}

int tsnr_str(tsnr *r,
             const tsnu_json *obj,
             const tsnu_jpath *p,
             const char *key,
             bool required,
             const char **out)
{
    const tsnu_json *v;
    int rc = tsnr_member(r, obj, p, key, TSNU_JSON_STRING, &v);
    *out = v ? v->u.str : NULL;
    if (rc == 0 && required && (!v || !*v->u.str)) {
        tsnu_jpath at = TSNR_AT(p, key);
        return tsnr_bad(r, v ? &at : p, v ? v : obj, "'%s' is required", key);
    }
    return rc;
}

int tsnr_object(tsnr *r, const tsnu_json *v, const tsnu_jpath *p)
{
    if (v->type == TSNU_JSON_OBJECT)
        return 0;
    return tsnr_bad(r, p, v, "expected object, got %s",
                    tsnu_json_type_name(v->type));
}

int tsnr_items(tsnr *r,
               const tsnu_json *obj,
               const tsnu_jpath *p,
               const char *key,
               bool required,
               const tsnu_json **out,
               size_t *n)
{
    const tsnu_json *v;
    int rc = tsnr_member(r, obj, p, key, TSNU_JSON_ARRAY, &v);
    *out = NULL;
    *n = 0;
    if (rc < 0)
        return rc;
    if (!v)
        return required ? tsnr_bad(r, p, obj, "'%s' is required", key) : 0;
    *out = v->u.items;
    *n = v->len;
    return 0;
}

/* RFC 3339 date-time: YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM). */
bool tsnr_rfc3339(const char *s)
{
    static const char pat[] = "dddd-dd-ddTdd:dd:dd";
    size_t i = 0;
    for (; pat[i]; i++) {
        char c = s[i];
        if (pat[i] == 'd' ? !(c >= '0' && c <= '9')
                          : !(c == pat[i] || (pat[i] == 'T' && c == 't')))
            return false;
    }
    if (s[i] == '.') {
        size_t st = ++i;
        while (s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == st)
            return false;
    }
    if (s[i] == 'Z' || s[i] == 'z')
        return s[i + 1] == '\0';
    if (s[i] != '+' && s[i] != '-')
        return false;
    const char *z = s + i + 1;
    return z[0] >= '0' && z[0] <= '9' && z[1] >= '0' && z[1] <= '9' &&
           z[2] == ':' && z[3] >= '0' && z[3] <= '9' && z[4] >= '0' &&
           z[4] <= '9' && z[5] == '\0';
}

/* A string member whose text @p ok accepts; else "'TEXT' is not WHAT". */
static int checked(tsnr *r,
                   const tsnu_json *obj,
                   const tsnu_jpath *p,
                   const char *key,
                   bool required,
                   const char **out,
                   bool (*ok)(const char *),
                   const char *what)
{
    int rc = tsnr_str(r, obj, p, key, required, out);
    if (rc == 0 && *out && !ok(*out)) {
        tsnu_jpath at = TSNR_AT(p, key);
        return tsnr_bad(r, &at, tsnu_json_get(obj, key), "'%s' is not %s", *out,
                        what);
    }
    return rc;
}

int tsnr_time(tsnr *r,
              const tsnu_json *obj,
              const tsnu_jpath *p,
              const char *key,
              bool required,
              const char **out)
{
    return checked(r, obj, p, key, required, out, tsnr_rfc3339,
                   "an RFC 3339 date-time");
}

/* YYYY-MM-DDTHH:MM:SS[.frac] with nothing after: a time without a zone. */
static bool zoneless(const char *s)
{
    size_t n = strlen(s);
    char z[80];
    if (n + 2 > sizeof z)
        return false;
    memcpy(z, s, n);
    memcpy(z + n, "Z", 2);
    return tsnr_rfc3339(z);
}

int tsnr_utc(tsnr *r,
             const tsnu_json *obj,
             const tsnu_jpath *p,
             const char *key,
             bool required,
             const char **out)
{
    int rc = tsnr_str(r, obj, p, key, required, out);
    if (rc < 0 || !*out || tsnr_rfc3339(*out))
        return rc;
    if (!zoneless(*out)) {
        tsnu_jpath at = TSNR_AT(p, key);
        return tsnr_bad(r, &at, tsnu_json_get(obj, key),
                        "'%s' is not an RFC 3339 date-time", *out);
    }
    *out = tsnu_arena_printf(r->arena, "%sZ", *out);
    return *out ? 0 : tsn_error_oom();
}

bool tsnr_cve_ok(const char *s, size_t n)
{
    if (n < 13 || n > 28 || memcmp(s, "CVE-", 4) != 0 || s[8] != '-')
        return false;
    for (size_t i = 4; i < n; i++)
        if (i != 8 && !(s[i] >= '0' && s[i] <= '9'))
            return false;
    return true;
}

/* The starts of the first @p n fields of a CPE 2.3 formatted string
 * (a quoted ':' does not split); the count found. */
static int cpe_fields(const char *fs, const char **f, int n)
{
    int k = 1;
    f[0] = fs;
    for (const char *c = fs; *c && k < n; c++) {
        if (*c == '\\' && c[1])
            c++;
        else if (*c == ':')
            f[k++] = c + 1;
    }
    return k;
}

int tsnr_cpe_vp(tsnu_arena *arena,
                const char *fs,
                const char **vendor,
                const char **product)
{
    const char *f[6] = {0}; /* starts of fields 0..5 */
    if (cpe_fields(fs, f, 6) < 5)
        return tsn_error_set(TSN_EINVALID, "'%s' is not a CPE 2.3 name", fs);
    const char *pe = f[5] ? f[5] - 1 : f[4] + strlen(f[4]);
    *vendor = tsnu_arena_strndup(arena, f[3], (size_t)(f[4] - 1 - f[3]));
    *product = tsnu_arena_strndup(arena, f[4], (size_t)(pe - f[4]));
    return *vendor && *product ? 0 : tsn_error_oom();
}

int tsnr_cpe_version(tsnu_arena *arena, const char *fs, const char **version)
{
    const char *f[7] = {0};
    *version = NULL;
    if (cpe_fields(fs, f, 7) < 6)
        return 0;
    size_t n = f[6] ? (size_t)(f[6] - 1 - f[5]) : strlen(f[5]);
    if (n == 0 || (n == 1 && (f[5][0] == '*' || f[5][0] == '-')))
        return 0;
    char *v = tsnu_arena_alloc(arena, n + 1);
    if (!v)
        return tsn_error_oom();
    size_t k = 0;
    for (size_t i = 0; i < n; i++) /* unquoted: "1\.0" is 1.0 */
        v[k++] = f[5][i] == '\\' && i + 1 < n ? f[5][++i] : f[5][i];
    v[k] = '\0';
    *version = v;
    return 0;
}

/* RFC 3339 to microseconds since the epoch (UTC); 0 when unreadable
 * (the readers have checked the form). */
int64_t tsnr_epoch(const char *s)
{
    struct tm tm = {0};
    int64_t frac = 0;
    int n = 0;
    if (sscanf(s, "%4d-%2d-%2d%*c%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon,
               &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6)
        return 0;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    const char *p = s + n;
    if (*p == '.') {
        int64_t scale = 100000;
        for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10)
            frac += (*p - '0') * scale;
    }
    int64_t t = (int64_t)timegm(&tm) * 1000000 + frac;
    if (*p == '+' || *p == '-') {
        int hh = 0, mm = 0;
        if (sscanf(p + 1, "%2d:%2d", &hh, &mm) == 2)
            t -=
                (*p == '+' ? 1 : -1) * (hh * 3600 + mm * 60) * INT64_C(1000000);
    }
    return t;
}

/* The CPE 2.2 name @p uri as CPE 2.3, in @p arena; NULL when malformed. */
const char *tsnr_cpe23(tsnu_arena *arena, const char *uri, bool *oom)
{
    tsn_cpe *cpe = NULL;
    char *fs = NULL;
    const char *out = NULL;
    int rc = tsn_cpe_parse(&cpe, uri);
    if (rc == 0)
        rc = tsn_cpe_to_fs(&fs, cpe);
    if (rc == 0 && !(out = tsnu_arena_strdup(arena, fs)))
        *oom = true;
    if (rc == TSN_ENOMEM)
        *oom = true;
    tsn_cpe_free(cpe);
    tsn_free(fs);
    return out;
}

bool tsnr_cwe_ok(const char *s)
{
    if (strncmp(s, "CWE-", 4) != 0 || !s[4])
        return false;
    for (s += 4; *s; s++)
        if (!(*s >= '0' && *s <= '9'))
            return false;
    return true;
}

const char *tsnr_ref_type(const char *tag)
{
    static const struct {
        const char *tag, *type;
    } map[] = {
        {"patch", "FIX"},
        {"vendor advisory", "ADVISORY"},
        {"vendor-advisory", "ADVISORY"},
        {"third party advisory", "ADVISORY"},
        {"third-party-advisory", "ADVISORY"},
        {"us government resource", "ADVISORY"},
        {"government-resource", "ADVISORY"},
        {"exploit", "EVIDENCE"},
        {"issue tracking", "REPORT"},
        {"issue-tracking", "REPORT"},
        {"mailing list", "DISCUSSION"},
        {"mailing-list", "DISCUSSION"},
        {"release notes", "WEB"},
    };
    for (size_t i = 0; tag && i < sizeof map / sizeof map[0]; i++)
        if (strcasecmp(tag, map[i].tag) == 0)
            return map[i].type;
    return "WEB";
}

int tsnr_refs(tsnr *r,
              const tsnu_json *obj,
              const tsnu_jpath *p,
              const char *key,
              const tsn_adv_ref **out,
              size_t *n)
{
    const tsnu_json *rs;
    size_t nr;
    int rc = tsnr_items(r, obj, p, key, false, &rs, &nr);
    *out = NULL;
    *n = 0;
    if (rc < 0 || nr == 0)
        return rc;
    tsn_adv_ref *refs = tsnu_arena_calloc(r->arena, nr, sizeof *refs);
    if (!refs)
        return tsn_error_oom();
    tsnu_jpath lp = TSNR_AT(p, key);
    for (size_t i = 0; i < nr; i++) {
        tsnu_jpath ip = TSNR_IDX(&lp, i);
        const char *const *tags;
        size_t nt;
        if ((rc = tsnr_object(r, &rs[i], &ip)) < 0 ||
            (rc = tsnr_str(r, &rs[i], &ip, "url", true, &refs[i].url)) < 0 ||
            (rc = tsnr_strings(r, &rs[i], &ip, "tags", false, &tags, &nt)) < 0)
            return rc;
        refs[i].type = "WEB";
        for (size_t t = 0; t < nt && strcmp(refs[i].type, "WEB") == 0; t++)
            refs[i].type = tsnr_ref_type(tags[t]);
    }
    *out = refs;
    *n = nr;
    return 0;
}

int tsnr_langs(tsnr *r,
               const tsnu_json *arr,
               const tsnu_jpath *p,
               const char *vkey,
               const char **main,
               const tsn_adv_text **texts,
               size_t *ntexts)
{
    *main = NULL;
    *texts = NULL;
    *ntexts = 0;
    if (!arr || arr->len == 0)
        return 0;
    tsn_adv_text *t = tsnu_arena_calloc(r->arena, arr->len, sizeof *t);
    if (!t)
        return tsn_error_oom();
    size_t k = 0;
    for (size_t i = 0; i < arr->len; i++) {
        const tsnu_json *it = &arr->u.items[i];
        tsnu_jpath ip = TSNR_IDX(p, i);
        const char *lang, *val;
        int rc;
        if (it->type != TSNU_JSON_OBJECT)
            return tsnr_bad(r, &ip, it, "expected object, got %s",
                            tsnu_json_type_name(it->type));
        if ((rc = tsnr_str(r, it, &ip, "lang", true, &lang)) < 0 ||
            (rc = tsnr_str(r, it, &ip, vkey, true, &val)) < 0)
            return rc;
        bool en = strncasecmp(lang, "en", 2) == 0 &&
                  (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');
        if (en && !*main)
            *main = val;
        else
            t[k++] = (tsn_adv_text){lang, val};
    }
    *texts = k ? t : NULL;
    *ntexts = k;
    return 0;
}

int tsnr_parse(tsnu_json **out,
               tsnu_arena *arena,
               const char *text,
               size_t len,
               const char *name)
{
    return tsnr_parse_skipping(out, arena, text, len, name, NULL);
}

int tsnr_parse_skipping(tsnu_json **out,
                        tsnu_arena *arena,
                        const char *text,
                        size_t len,
                        const char *name,
                        const char *const *skip)
{
    tsnu_json_opts jo = {.max_depth = TSN_LIMIT_DEPTH,
                         .max_string = TSN_LIMIT_FIELD_BYTES,
                         .skip = skip};
    /* a record's tree and model take about four times its text (OSV:
     * 2.3 to 14 times, 5.8 on average with the chunks' slack) */
    size_t need;
    if (!tsnu_mul_overflow(&need, len, 4) && need < 16u * 1024 * 1024 &&
        tsnu_arena_reserve(arena, need + 1024) < 0)
        return tsn_error_oom();
    return tsnu_json_parse(out, arena, text, len, &jo, name);
}

tsnr_adv *tsnr_adv_new(const char *source, tsnr_doc *doc)
{
    tsnr_adv *a = tsn_calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->pub.source = source;
    a->doc = doc;
    if (doc)
        doc->refs++;
    return a;
}

void tsn_advisory_free(tsn_advisory *adv)
{
    if (!adv)
        return;
    tsnr_adv *a = (tsnr_adv *)adv;
    if (a->doc && --a->doc->refs == 0) {
        tsnu_arena_dispose(&a->doc->arena);
        free(a->doc);
    }
    tsnu_arena_dispose(&a->arena);
    free(a);
}

/* An identifier: PREFIX-REST of [A-Za-z0-9._:-], as every home database
 * writes them. */
const char *tsnr_id_home(const char *id, tsn_buf *url)
{
    static const struct {
        const char *prefix, *name, *url;
    } known[] = {
        {"CVE-", "NVD", "https://nvd.nist.gov/vuln/detail/"},
        {"GHSA-", "GitHub", "https://github.com/advisories/"},
        {"PYSEC-", "OSV", "https://osv.dev/vulnerability/"},
        {"GO-", "OSV", "https://osv.dev/vulnerability/"},
        {"RUSTSEC-", "OSV", "https://osv.dev/vulnerability/"},
        {"OSV-", "OSV", "https://osv.dev/vulnerability/"},
        {"MAL-", "OSV", "https://osv.dev/vulnerability/"},
        {"JVNDB-", "JVN iPedia", NULL},
    };
    for (size_t i = 0; id && i < sizeof known / sizeof *known; i++) {
        if (!tsnu_starts_with(id, known[i].prefix) || !tsnr_id_ok(id))
            continue;
        if (known[i].url)
            tsn_buf_printf(url, "%s%s", known[i].url, id);
        else if (strlen(id) >= 10) /* JVNDB-YYYY-NNNNNN */
            tsn_buf_printf(url, "https://jvndb.jvn.jp/en/contents/%.4s/%s.html",
                           id + 6, id);
        return known[i].name;
    }
    return NULL;
}

const char *tsn_advisory_id_home(const char *id, char **url)
{
    tsn_buf u = TSN_BUF_INIT(4096);
    const char *name = tsnr_id_home(id, &u);
    *url = name && u.len ? tsn_buf_detach(&u) : NULL;
    tsn_buf_dispose(&u);
    return name;
}

bool tsnr_id_ok(const char *s)
{
    const char *dash = strchr(s, '-');
    if (!dash || dash == s || !dash[1])
        return false;
    for (const char *c = s; *c; c++)
        if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
              (*c >= '0' && *c <= '9') || *c == '.' || *c == '_' || *c == ':' ||
              *c == '-'))
            return false;
    return true;
}

/* An array of strings (absent or null: none). */
int tsnr_strings(tsnr *r,
                 const tsnu_json *obj,
                 const tsnu_jpath *p,
                 const char *key,
                 bool ids,
                 const char *const **out,
                 size_t *n)
{
    const tsnu_json *v;
    int rc = tsnr_member(r, obj, p, key, TSNU_JSON_ARRAY, &v);
    *out = NULL;
    *n = 0;
    if (rc < 0 || !v)
        return rc;
    const char **list = tsnu_arena_calloc(r->arena, v->len + 1, sizeof *list);
    if (!list)
        return tsn_error_oom();
    tsnu_jpath at = TSNR_AT(p, key);
    size_t k = 0;
    for (size_t i = 0; i < v->len; i++) {
        const tsnu_json *it = &v->u.items[i];
        tsnu_jpath ip = TSNR_IDX(&at, i);
        if (it->type != TSNU_JSON_STRING)
            return tsnr_bad(r, &ip, it, "expected string, got %s",
                            tsnu_json_type_name(it->type));
        if (ids && !tsnr_id_ok(it->u.str)) {
            /* a mistyped id ("GHSA-...,") joins nothing: left out */
            if ((rc = tsnr_warn(r, &ip, it,
                                "'%s' is not an advisory id; left out",
                                it->u.str)) < 0)
                return rc;
            continue;
        }
        list[k++] = it->u.str;
    }
    *out = list;
    *n = k;
    return 0;
}

int tsnr_list(tsnr *r, const tsnu_vec *v, void *out, size_t *n)
{
    void *p = tsnu_vec_copy(v, r->arena);
    if (v->len && !p)
        return tsn_error_oom();
    memcpy(out, &p, sizeof p);
    *n = v->len;
    return 0;
}

int tsnr_warnings(tsnr *r, const char *const **out, size_t *n)
{
    return tsnr_list(r, &r->warnings, out, n);
}

/* RFC 3339 full-date: YYYY-MM-DD, a day that exists. */
static bool full_date(const char *s)
{
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9'))
            return false;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
            (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (s[10] != '\0' || m < 1 || m > 12 || d < 1)
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

int tsnr_date(tsnr *r,
              const tsnu_json *obj,
              const tsnu_jpath *p,
              const char *key,
              bool required,
              const char **out)
{
    return checked(r, obj, p, key, required, out, full_date,
                   "a date (YYYY-MM-DD)");
}

/* Whether the quoted member name @p key appears in the first @p n bytes. */
static bool has_key(const char *text, size_t n, const char *key)
{
    char q[64];
    int k = snprintf(q, sizeof q, "\"%s\"", key);
    return memmem(text, n, q, (size_t)k) != NULL;
}

tsn_adv_format tsn_advisory_sniff(const char *text, size_t len)
{
    size_t n = len < 4096 ? len : 4096;
    size_t i = n >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
    while (i < n && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' ||
                     text[i] == '\n'))
        i++;
    if (i < n && text[i] == '<')
        return TSN_ADV_JVN; /* XML: the one XML format read */
    if (i < n && text[i] != '{' && text[i] != '[')
        return TSN_ADV_EPSS; /* not JSON: the one CSV format read */
    if (has_key(text, n, "catalogVersion"))
        return TSN_ADV_KEV;
    if (has_key(text, n, "csaf_version"))
        return TSN_ADV_CSAF;
    if (has_key(text, n, "cveMetadata"))
        return TSN_ADV_CVE5;
    if ((has_key(text, n, "vulnerabilities") &&
         has_key(text, n, "resultsPerPage")) ||
        (has_key(text, n, "sourceIdentifier") &&
         has_key(text, n, "vulnStatus")))
        return TSN_ADV_NVD;
    return TSN_ADV_OSV;
}

/* ---- documents of many records ---------------------------------------- */

tsnr_many *tsnr_many_new(void)
{
    tsnr_many *m = tsn_calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->advs = (tsnu_vec)TSNU_VEC_INIT(tsn_advisory *, TSN_LIMIT_COMPONENTS);
    m->texts = (tsnu_vec)TSNU_VEC_INIT(const char *, TSN_LIMIT_COMPONENTS);
    m->lens = (tsnu_vec)TSNU_VEC_INIT(size_t, TSN_LIMIT_COMPONENTS);
    m->refused = (tsnu_vec)TSNU_VEC_INIT(const char *, TSN_LIMIT_COMPONENTS);
    return m;
}

int tsnr_many_refuse(tsnr_many *m)
{
    char *msg = tsnu_arena_strdup(&m->arena, tsn_error_last()->message);
    if (!msg || tsnu_vec_push(&m->refused, &msg) < 0)
        return tsn_error_oom();
    return 0;
}

int tsnr_many_keep(tsnr_many *m, tsn_advisory *a, const char *text, size_t len)
{
    const char *copy = tsnu_arena_strndup(&m->arena, text, len);
    if (tsnu_vec_push(&m->advs, &a) < 0) {
        tsn_advisory_free(a);
        return tsn_error_oom();
    }
    /* from here on the vector holds it, freed with the others */
    if (!copy || tsnu_vec_push(&m->texts, &copy) < 0 ||
        tsnu_vec_push(&m->lens, &len) < 0)
        return tsn_error_oom();
    return 0;
}

int tsnr_many_finish(tsnr_many *m, int rc, tsn_adv_list **out)
{
    *out = NULL;
    m->pub.n = m->advs.len;
    if (rc == 0 && m->advs.len &&
        (!(m->pub.items = tsnu_vec_copy(&m->advs, &m->arena)) ||
         !(m->pub.texts = tsnu_vec_copy(&m->texts, &m->arena)) ||
         !(m->pub.lens = tsnu_vec_copy(&m->lens, &m->arena))))
        rc = tsn_error_oom();
    if (rc == 0 && m->refused.len) {
        if (!(m->pub.refused = tsnu_vec_copy(&m->refused, &m->arena)))
            rc = tsn_error_oom();
        m->pub.nrefused = m->refused.len;
    }
    if (rc < 0 || !m->pub.items) { /* not handed over: freed here */
        for (size_t i = 0; i < m->advs.len; i++)
            tsn_advisory_free(((tsn_advisory **)m->advs.ptr)[i]);
        m->pub.n = 0;
    }
    tsnu_vec_dispose(&m->advs);
    tsnu_vec_dispose(&m->texts);
    tsnu_vec_dispose(&m->lens);
    tsnu_vec_dispose(&m->refused);
    if (rc < 0) {
        tsn_adv_list_free(&m->pub);
        return rc;
    }
    *out = &m->pub;
    return 0;
}

void tsn_adv_list_free(tsn_adv_list *list)
{
    if (!list)
        return;
    tsnr_many *m = (tsnr_many *)list;
    for (size_t i = 0; i < list->n; i++)
        tsn_advisory_free(list->items[i]);
    tsnu_arena_dispose(&m->arena);
    free(m);
}
