/* SPDX-License-Identifier: Apache-2.0 */
/* What every advisory reader shares (see rd.h). */
#include "lib/advisory/rd.h"
#include "tsunagi/advisory.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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

/* An identifier: PREFIX-REST of [A-Za-z0-9._:-], as every home database
 * writes them. */
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

int tsnr_warnings(tsnr *r, const char *const **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!r->warnings.len)
        return 0;
    size_t bytes = r->warnings.len * sizeof(const char *);
    const char **w = tsnu_arena_alloc(r->arena, bytes);
    if (!w)
        return tsn_error_oom();
    memcpy(w, r->warnings.ptr, bytes);
    *out = w;
    *n = r->warnings.len;
    return 0;
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

tsn_adv_format tsn_advisory_sniff(const char *text, size_t len)
{
    static const char key[] = "\"catalogVersion\"";
    size_t n = len < 4096 ? len : 4096;
    size_t i = n >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
    while (i < n && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' ||
                     text[i] == '\n'))
        i++;
    if (i < n && text[i] != '{' && text[i] != '[')
        return TSN_ADV_EPSS; /* not JSON: the one CSV format read */
    if (n >= sizeof key - 1 && memmem(text, n, key, sizeof key - 1))
        return TSN_ADV_KEV;
    return TSN_ADV_OSV;
}
