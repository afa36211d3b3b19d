/* SPDX-License-Identifier: Apache-2.0 */
/*
 * EPSS reader: FIRST's daily CSV of exploit prediction scores, one row
 * per CVE (cve,epss,percentile), after an optional comment line naming
 * the model and the score date.
 */
#include "lib/lib.h"

#include "lib/advisory/rd.h"
#include "tsunagi/advisory.h"
#include "tsunagi/limits.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct epss {
    tsn_epss pub; /* first: the handle is the public struct */
    tsnu_arena arena;
    tsnu_vec rows, refused; /* own pub.rows and pub.refused */
};

/* A number 0..1 written as CSV text: digits, '.', an exponent. */
static bool unit(const char *s, size_t n, double *out)
{
    char tmp[64];
    if (n == 0 || n >= sizeof tmp)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == 'e' ||
              s[i] == 'E' || s[i] == '-' || s[i] == '+'))
            return false;
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    char *end;
    double v = strtod(tmp, &end);
    if (*end || !isfinite(v) || v < 0 || v > 1)
        return false;
    *out = v;
    return true;
}

/* "key:value" of the comment line, into the arena. */
static const char *
comment_value(tsnu_arena *a, const char *line, size_t n, const char *key)
{
    size_t kl = strlen(key);
    for (size_t i = 0; i + kl < n; i++)
        if ((i == 0 || line[i - 1] == ',' || line[i - 1] == '#') &&
            memcmp(line + i, key, kl) == 0 && line[i + kl] == ':') {
            size_t st = i + kl + 1, e = st;
            while (e < n && line[e] != ',')
                e++;
            return tsnu_arena_strndup(a, line + st, e - st);
        }
    return NULL;
}

int tsn_epss_read(tsn_epss **out,
                  const char *text,
                  size_t len,
                  const char *name)
{
    *out = NULL;
    struct epss *e = tsn_calloc(1, sizeof *e);
    if (!e)
        return tsn_error_oom();
    name = name ? name : "<epss>";
    e->rows = (tsnu_vec)TSNU_VEC_INIT(tsn_epss_row, SIZE_MAX / 64);
    e->refused = (tsnu_vec)TSNU_VEC_INIT(const char *, SIZE_MAX / 16);
    tsnu_vec *rows = &e->rows, *refused = &e->refused;
    int rc = 0;
    bool header = false;
    size_t lineno = 0;
    for (const char *p = text, *end = text + len; rc == 0 && p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        const char *line = p;
        p += n + (nl != NULL);
        lineno++;
        if (n && line[n - 1] == '\r')
            n--;
        if (!header) {
            if (lineno == 1 && n && line[0] == '#') {
                e->pub.model_version =
                    comment_value(&e->arena, line, n, "model_version");
                e->pub.score_date =
                    comment_value(&e->arena, line, n, "score_date");
                continue;
            }
            if (n == 19 && memcmp(line, "cve,epss,percentile", 19) == 0) {
                header = true;
                continue;
            }
            rc = tsn_error_set(TSN_EINVALID,
                               "%s:%zu: expected the header "
                               "'cve,epss,percentile'",
                               name, lineno);
            break;
        }
        if (n == 0)
            continue;
        const char *c1 = memchr(line, ',', n);
        const char *c2 =
            c1 ? memchr(c1 + 1, ',', n - (size_t)(c1 + 1 - line)) : NULL;
        tsn_epss_row r = {0};
        const char *why = NULL;
        if (!c2 || memchr(c2 + 1, ',', n - (size_t)(c2 + 1 - line)))
            why = "expected three fields";
        else if (!tsnr_cve_ok(line, (size_t)(c1 - line)))
            why = "not a CVE id";
        else if (!unit(c1 + 1, (size_t)(c2 - c1 - 1), &r.epss))
            why = "epss is not a number from 0 to 1";
        else if (!unit(c2 + 1, n - (size_t)(c2 + 1 - line), &r.percentile))
            why = "percentile is not a number from 0 to 1";
        if (why) {
            char *m =
                tsnu_arena_printf(&e->arena, "%s:%zu: %s", name, lineno, why);
            rc = m ? tsnu_vec_push(refused, &m) : tsn_error_oom();
            continue;
        }
        if (!(r.cve = tsnu_arena_strndup(&e->arena, line, (size_t)(c1 - line))))
            rc = tsn_error_oom();
        else
            rc = tsnu_vec_push(rows, &r);
    }
    if (rc == 0 && !header)
        rc = tsn_error_set(TSN_EINVALID, "%s: no header 'cve,epss,percentile'",
                           name);
    if (rc == 0 && e->pub.score_date && !tsnr_rfc3339(e->pub.score_date))
        rc = tsn_error_set(TSN_EINVALID,
                           "%s:1: score_date '%s' is not an RFC 3339 "
                           "date-time",
                           name, e->pub.score_date);
    e->pub.rows = rows->ptr;
    e->pub.nrows = rows->len;
    e->pub.refused = refused->ptr;
    e->pub.nrefused = refused->len;
    if (rc < 0) {
        tsn_epss_free(&e->pub);
        return rc;
    }
    *out = &e->pub;
    return 0;
}

void tsn_epss_free(tsn_epss *epss)
{
    if (!epss)
        return;
    struct epss *e = (struct epss *)epss;
    tsnu_vec_dispose(&e->rows);
    tsnu_vec_dispose(&e->refused);
    tsnu_arena_dispose(&e->arena);
    free(e);
}
