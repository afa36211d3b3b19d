/* SPDX-License-Identifier: Apache-2.0 */
/*
 * JVN reader: JVN iPedia's records as MyJVN writes them, in VULDEF 3.x
 * (one Vulinfo per record: getVulnDetailInfo and the jvndb_detail feeds)
 * or in JVNRSS 3.2 (RSS 1.0 items with mod_sec: the jvndb feeds and
 * getVulnOverviewList), into the advisory model. Elements are found by
 * local name: MyJVN has written the VULDEF namespace both as http: and
 * https:, and mod_sec with and without its version.
 *
 * JVN states affected versions in words, mostly Japanese. Each statement
 * is cut into versions and keywords (以上, 以降, 未満, より前, 以下, 以前,
 * およびそれ以前, から, まで, and their English forms) and read when it has
 * one of the shapes below; any other text (an edition, a build number, a
 * remark) leaves the statement unread, kept in the model as written.
 */
#include "lib/lib.h"

#include "lib/adapt/xml.h"
#include "lib/advisory/rd.h"
#include "tsunagi/advisory.h"
#include "tsunagi/limits.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- version statements ------------------------------------------------ */

/* Token kinds, one character each so a statement's shape is a string. */
enum {
    K_VERSION = 'v',
    K_ALL = 'a', /* all versions */
    K_LT = '<',  /* after a version: 未満, より前 */
    K_LE = '=', /* after a version: 以下, 以前, およびそれ以前, and earlier */
    K_GE = '>',     /* after a version: 以上, 以降, and later */
    K_PRE_LT = 'L', /* before a version: prior to, before */
    K_PRE_LE = 'E', /* before a version: up to */
    K_FROM = 'f',   /* between versions: から */
    K_TO = 't',     /* between versions or at the end: まで, to, ~ */
    K_PFROM = 'p',  /* before the first of two versions: from */
    K_NOISE = 0,    /* words that say nothing about versions */
};

struct word {
    const char *text;
    char kind;
    bool ascii; /* a word: stands alone between spaces or at the ends */
};

/* Longer words before the words they start with. */
static const struct word words[] = {
    {"ファームウェアバージョン", K_NOISE, false},
    {"ファームウェア", K_NOISE, false},
    {"の各バージョン", K_NOISE, false},
    {"のバージョン", K_NOISE, false},
    {"バージョン", K_NOISE, false},
    {"すべてのバージョン", K_ALL, false},
    {"全てのバージョン", K_ALL, false},
    {"全バージョン", K_ALL, false},
    {"およびそれ以前", K_LE, false},
    {"及びそれ以前", K_LE, false},
    {"とそれ以前", K_LE, false},
    {"およびそれ以降", K_GE, false},
    {"及びそれ以降", K_GE, false},
    {"以上", K_GE, false},
    {"以降", K_GE, false},
    {"未満", K_LT, false},
    {"より前", K_LT, false},
    {"以下", K_LE, false},
    {"以前", K_LE, false},
    {"から", K_FROM, false},
    {"まで", K_TO, false},
    {"~", K_TO, false},
    {"all versions", K_ALL, true},
    {"and earlier", K_LE, true},
    {"or earlier", K_LE, true},
    {"and prior", K_LE, true},
    {"or prior", K_LE, true},
    {"and below", K_LE, true},
    {"or below", K_LE, true},
    {"and older", K_LE, true},
    {"or older", K_LE, true},
    {"and later", K_GE, true},
    {"or later", K_GE, true},
    {"and above", K_GE, true},
    {"or above", K_GE, true},
    {"and newer", K_GE, true},
    {"or newer", K_GE, true},
    {"and higher", K_GE, true},
    {"or higher", K_GE, true},
    {"onwards", K_GE, true},
    {"prior to", K_PRE_LT, true},
    {"earlier than", K_PRE_LT, true},
    {"before", K_PRE_LT, true},
    {"up to", K_PRE_LE, true},
    {"through", K_TO, true},
    {"to", K_TO, true},
    {"-", K_TO, true},
    {"from", K_PFROM, true},
    {"firmware version", K_NOISE, true},
    {"firmware", K_NOISE, true},
    {"versions", K_NOISE, true},
    {"version", K_NOISE, true},
};

/* The shapes read, as token kinds: what each means. */
enum shape_kind { S_EXACT, S_ALL, S_LT, S_LE, S_GE, S_RANGE_LT, S_RANGE_LE };
static const struct shape {
    const char *kinds;
    enum shape_kind kind;
} shapes[] = {
    {"v", S_EXACT},       {"a", S_ALL},         {"v<", S_LT},
    {"Lv", S_LT},         {"v=", S_LE},         {"Ev", S_LE},
    {"vt", S_LE},         {"v>", S_GE},         {"v>v<", S_RANGE_LT},
    {"v>v=", S_RANGE_LE}, {"vfv", S_RANGE_LE},  {"vfvt", S_RANGE_LE},
    {"vfv=", S_RANGE_LE}, {"vfv<", S_RANGE_LT}, {"vtv", S_RANGE_LE},
    {"vtv<", S_RANGE_LT}, {"vtv=", S_RANGE_LE}, {"pvtv", S_RANGE_LE},
    {"v>vt", S_RANGE_LE},
};

/* A statement read: its shape and its (at most two) versions. */
struct stmt {
    enum shape_kind kind;
    const char *lo, *hi;
};

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alnum(unsigned char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A character of a version: letters, digits and . _ + - : */
static bool version_char(unsigned char c)
{
    return is_alnum(c) || c == '.' || c == '_' || c == '+' || c == '-' ||
           c == ':';
}

/*
 * The statement @p s in plain form in @p out: full-width ASCII (U+FF01 to
 * U+FF5E) and the wave dash (U+301C) as ASCII, the ideographic space as a
 * space, runs of white space as one, trimmed, and any remarks in
 * parentheses at its end ("（CVE-2025-0355）") left out.
 */
static int plain(const char *s, tsn_buf *out)
{
    tsn_buf_clear(out);
    int rc = 0;
    for (const unsigned char *c = (const unsigned char *)s; rc == 0 && *c;) {
        unsigned ch = 0;
        if (c[0] == 0xEF && (c[1] == 0xBC || c[1] == 0xBD) && c[2]) {
            unsigned cp =
                ((c[0] & 0x0Fu) << 12) | ((c[1] & 0x3Fu) << 6) | (c[2] & 0x3Fu);
            if (cp >= 0xFF01 && cp <= 0xFF5E)
                ch = cp - 0xFF01 + 0x21;
        } else if (c[0] == 0xE3 && c[1] == 0x80 && c[2] == 0x80) {
            ch = ' ';
        } else if (c[0] == 0xE3 && c[1] == 0x80 && c[2] == 0x9C) {
            ch = '~';
        }
        if (ch) {
            c += 3;
        } else {
            ch = *c++;
            if (ch >= 0x80) { /* other UTF-8: copied as it is */
                rc = tsn_buf_putc(out, (char)ch);
                continue;
            }
        }
        if (is_space((unsigned char)ch)) {
            if (out->len && out->ptr[out->len - 1] != ' ')
                rc = tsn_buf_putc(out, ' ');
        } else {
            rc = tsn_buf_putc(out, (char)ch);
        }
    }
    if (rc < 0)
        return rc;
    for (;;) { /* trailing spaces and parenthesised remarks */
        while (out->len && out->ptr[out->len - 1] == ' ')
            out->len--;
        if (!out->len || out->ptr[out->len - 1] != ')')
            break;
        size_t depth = 0, i = out->len;
        while (i--) {
            if (out->ptr[i] == ')')
                depth++;
            else if (out->ptr[i] == '(' && --depth == 0)
                break;
        }
        if (i == (size_t)-1 || i == 0)
            break; /* unbalanced, or the whole statement */
        out->len = i;
    }
    return tsn_buf_putc(out, '\0') < 0 ? tsn_error_oom() : 0;
}

/* The word of @p words at @p s, or NULL. */
static const struct word *word_at(const char *s, const char *start)
{
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        const struct word *w = &words[i];
        size_t n = strlen(w->text);
        if (strncasecmp(s, w->text, n) != 0)
            continue;
        if (w->ascii && ((s > start && is_alnum((unsigned char)s[-1])) ||
                         is_alnum((unsigned char)s[n])))
            continue;
        return w;
    }
    return NULL;
}

/* A "Ver." "ver" "Version " "v" prefix of a version at @p s: its length,
 * or 0. */
static size_t ver_prefix(const char *s)
{
    static const char *const prefixes[] = {"version ", "version", "ver. ",
                                           "ver.",     "ver ",    "ver",
                                           "v. ",      "v.",      "v"};
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
        size_t n = strlen(prefixes[i]);
        if (strncasecmp(s, prefixes[i], n) == 0 &&
            is_digit((unsigned char)s[n]))
            return n;
    }
    return 0;
}

/*
 * Read the statement @p text (plain form) into @p st, versions copied to
 * @p arena. Returns 1 when read, 0 when it has no known shape, or an
 * error.
 */
static int statement(tsnu_arena *arena, const char *text, struct stmt *st)
{
    char kinds[8];
    const char *vs[8];
    size_t nk = 0, nv = 0;
    const char *s = text;
    while (*s) {
        if (*s == ' ' || *s == ',') {
            s++;
            continue;
        }
        size_t pre = ver_prefix(s);
        if (pre || is_digit((unsigned char)*s)) {
            const char *v = s + pre, *e = v;
            while (version_char((unsigned char)*e))
                e++;
            while (e > v && (e[-1] == '.' || e[-1] == '-' || e[-1] == ':'))
                e--;
            if (nk == sizeof kinds || nv == sizeof vs / sizeof *vs)
                return 0;
            if (!(vs[nv++] = tsnu_arena_strndup(arena, v, (size_t)(e - v))))
                return tsn_error_oom();
            kinds[nk++] = K_VERSION;
            s = e;
            continue;
        }
        const struct word *w = word_at(s, text);
        if (!w)
            return 0; /* a word not understood: not read */
        s += strlen(w->text);
        if (w->kind == K_NOISE)
            continue;
        if (nk == sizeof kinds)
            return 0;
        kinds[nk++] = w->kind;
    }
    for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
        if (strlen(shapes[i].kinds) != nk ||
            memcmp(shapes[i].kinds, kinds, nk) != 0)
            continue;
        st->kind = shapes[i].kind;
        st->lo = nv > 0 ? vs[0] : NULL;
        st->hi = nv > 1 ? vs[1] : NULL;
        if (st->kind == S_LT || st->kind == S_LE) {
            st->hi = st->lo; /* the one version is the upper bound */
            st->lo = NULL;
        }
        return 1;
    }
    return 0;
}

/* ---- reading records ---------------------------------------------------- */

struct rd {
    const char *name;
    const char *text;
    size_t len;
    uint32_t *lines; /* line index of the document, built on first use */
    size_t nlines;
    const char *lang; /* the document's xml:lang, "ja" when not given */
    tsn_buf path, tmp, rec;
};

/* "NAME:LINE: /path: what" of @p n, with positions below @p top. */
TSN_PRINTF(5, 0)
static void vwhere(struct rd *d,
                   const tsn_xml_node *n,
                   const tsn_xml_node *top,
                   tsn_buf *out,
                   const char *fmt,
                   va_list ap)
{
    tsn_buf_clear(&d->path);
    tsn_xml_path_below(n, top, &d->path);
    char what[512];
    vsnprintf(what, sizeof what, fmt, ap);
    tsn_buf_clear(out);
    tsn_buf_printf(
        out, "%u: %s: %s",
        tsn_xml_line(d->text, d->len, n->offset, &d->lines, &d->nlines),
        tsn_buf_cstr(&d->path), what);
}

/* A violation: the record is refused. */
TSN_PRINTF(4, 5)
static int bad(struct rd *d,
               const tsn_xml_node *n,
               const tsn_xml_node *top,
               const char *fmt,
               ...)
{
    tsn_buf msg = TSN_BUF_INIT(4096);
    va_list ap;
    va_start(ap, fmt);
    vwhere(d, n, top, &msg, fmt, ap);
    va_end(ap);
    int rc = tsn_error_set(TSN_EINVALID, "%s:%s", d->name, tsn_buf_cstr(&msg));
    tsn_buf_dispose(&msg);
    return rc;
}

/* A fault that leaves the record usable: a warning on it. */
TSN_PRINTF(5, 6)
static int warn(struct rd *d,
                tsnr *r,
                const tsn_xml_node *n,
                const tsn_xml_node *top,
                const char *fmt,
                ...)
{
    if (r->warnings.len >= TSNR_WARNINGS_MAX)
        return 0;
    tsn_buf msg = TSN_BUF_INIT(4096);
    va_list ap;
    va_start(ap, fmt);
    vwhere(d, n, top, &msg, fmt, ap);
    va_end(ap);
    char *w = tsnu_arena_strdup(r->arena, tsn_buf_cstr(&msg));
    tsn_buf_dispose(&msg);
    if (!w || tsnu_vec_push(&r->warnings, &w) < 0)
        return tsn_error_oom();
    return 0;
}

/* @p s without white space at its ends, in @p arena; NULL stays NULL. */
static const char *trimmed(tsnu_arena *arena, const char *s)
{
    if (!s)
        return NULL;
    while (is_space((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && is_space((unsigned char)s[n - 1]))
        n--;
    return tsnu_arena_strndup(arena, s, n);
}

/* The trimmed text of child @p name of @p n: NULL when absent or empty. */
static const char *
text_of(tsnu_arena *arena, const tsn_xml_node *n, const char *name, bool *oom)
{
    const char *t = tsn_xml_child_text(n, name);
    if (!t)
        return NULL;
    const char *v = trimmed(arena, t);
    if (!v)
        *oom = true;
    return v && *v ? v : NULL;
}

/*
 * JVN's times, "2018-11-15T16:17:27+09:00" or without seconds
 * ("2025-04-11T23:52+09:00"), as RFC 3339 (seconds added). NULL when the
 * text is neither.
 */
static const char *jvn_time(tsnu_arena *arena, const char *s, bool *oom)
{
    if (!s)
        return NULL;
    const char *t = s;
    if (strlen(s) >= 16 && s[13] == ':' && s[16] != ':' &&
        !(s[16] >= '0' && s[16] <= '9')) {
        t = tsnu_arena_printf(arena, "%.16s:00%s", s, s + 16);
        if (!t) {
            *oom = true;
            return NULL;
        }
    }
    return tsnr_rfc3339(t) ? t : NULL;
}

/* JVNDB-YYYY-NNNNNN */
static bool jvndb_id(const char *s)
{
    if (strlen(s) != 17 || strncmp(s, "JVNDB-", 6) != 0 || s[10] != '-')
        return false;
    for (size_t i = 6; i < 17; i++)
        if (i != 10 && !is_digit((unsigned char)s[i]))
            return false;
    return true;
}

/* A GHSA id: "GHSA-", then three groups of four letters or digits joined
 * by "-". */
static bool ghsa_id(const char *s)
{
    if (strlen(s) != 19 || strncmp(s, "GHSA-", 5) != 0)
        return false;
    for (size_t i = 5; i < 19; i++)
        if ((i - 4) % 5 == 0 ? s[i] != '-' : !is_alnum((unsigned char)s[i]))
            return false;
    return true;
}

/* Everything a record is gathered into before it becomes arrays. */
struct rec {
    tsnr r;
    tsnu_vec aliases, refs, cwes, sev, affected;
};

static void rec_dispose(struct rec *c)
{
    tsnu_vec_dispose(&c->r.warnings);
    tsnu_vec_dispose(&c->aliases);
    tsnu_vec_dispose(&c->refs);
    tsnu_vec_dispose(&c->cwes);
    tsnu_vec_dispose(&c->sev);
    tsnu_vec_dispose(&c->affected);
}

/* Add @p s to the string vector @p v unless it is there. */
static int add_unique(tsnu_vec *v, const char *s)
{
    for (size_t i = 0; i < v->len; i++)
        if (strcmp(*TSNU_VEC_AT(v, const char *, i), s) == 0)
            return 0;
    return tsnu_vec_push(v, &s);
}

static int add_ref(struct rec *c, const char *type, const char *url)
{
    for (size_t i = 0; i < c->refs.len; i++)
        if (strcmp(TSNU_VEC_AT(&c->refs, tsn_adv_ref, i)->url, url) == 0)
            return 0;
    tsn_adv_ref ref = {type, url};
    return tsnu_vec_push(&c->refs, &ref);
}

/* An id another record of the same vulnerability goes by, or a CWE. */
static int add_id(struct rec *c, const char *id)
{
    if (tsnr_cve_ok(id, strlen(id)) || ghsa_id(id))
        return add_unique(&c->aliases, id);
    if (tsnr_cwe_ok(id))
        return add_unique(&c->cwes, id);
    return 0;
}

/* A CVSS vector of JVN's version @p version as a severity. */
static int add_cvss(struct rd *d,
                    struct rec *c,
                    const tsn_xml_node *n,
                    const tsn_xml_node *top,
                    const char *version,
                    const char *vector)
{
    const char *type = NULL;
    if (!vector)
        return warn(d, &c->r, n, top, "CVSS without a vector");
    if (version && strcmp(version, "2.0") == 0 &&
        strncmp(vector, "AV:", 3) == 0)
        type = "CVSS_V2";
    else if (version &&
             (strcmp(version, "3.0") == 0 || strcmp(version, "3.1") == 0) &&
             strncmp(vector, "CVSS:3.", 7) == 0)
        type = "CVSS_V3";
    else if (version && strcmp(version, "4.0") == 0 &&
             strncmp(vector, "CVSS:4.0/", 9) == 0)
        type = "CVSS_V4";
    if (!type)
        return warn(d, &c->r, n, top,
                    "CVSS version '%s' with vector '%s' is not read",
                    version ? version : "", vector);
    tsn_adv_severity sv = {type, vector, "JVN iPedia"};
    return tsnu_vec_push(&c->sev, &sv);
}

/* Events of a range in @p arena. */
static int range_of(tsnu_arena *arena, const struct stmt *st, tsnu_vec *ranges)
{
    tsn_adv_event *ev = tsnu_arena_calloc(arena, 2, sizeof *ev);
    if (!ev)
        return tsn_error_oom();
    size_t n = 1;
    ev[0] = (tsn_adv_event){TSN_EV_INTRODUCED, st->lo ? st->lo : "0"};
    if (st->kind == S_LT || st->kind == S_RANGE_LT)
        ev[n++] = (tsn_adv_event){TSN_EV_FIXED, st->hi};
    else if (st->kind == S_LE || st->kind == S_RANGE_LE)
        ev[n++] = (tsn_adv_event){TSN_EV_LAST_AFFECTED, st->hi};
    tsn_adv_range r = {.type = "ECOSYSTEM", .events = ev, .nevents = n};
    return tsnu_vec_push(ranges, &r);
}

/* One AffectedItem: vendor, product, CPEs and its version statements. */
static int affected_item(struct rd *d,
                         struct rec *c,
                         const tsn_xml_node *item,
                         const tsn_xml_node *top)
{
    tsnu_arena *ar = c->r.arena;
    bool oom = false;
    tsn_adv_affected af = {0};
    af.vendor = text_of(ar, item, "Name", &oom);
    af.product = text_of(ar, item, "ProductName", &oom);
    tsnu_vec cpes = TSNU_VEC_INIT(const char *, TSN_LIMIT_COMPONENTS);
    tsnu_vec ranges = TSNU_VEC_INIT(tsn_adv_range, TSN_LIMIT_COMPONENTS);
    tsnu_vec versions = TSNU_VEC_INIT(const char *, TSN_LIMIT_COMPONENTS);
    tsnu_vec stmts = TSNU_VEC_INIT(const char *, TSN_LIMIT_COMPONENTS);
    int rc = 0;
    for (const tsn_xml_node *n = item->child; rc == 0 && n; n = n->next) {
        if (strcmp(n->name, "Cpe") == 0) {
            const char *uri = trimmed(ar, n->text), *fs;
            if (!uri)
                oom = true;
            else if (!*uri)
                continue;
            else if ((fs = tsnr_cpe23(ar, uri, &oom)))
                rc = add_unique(&cpes, fs);
            else if (!oom)
                rc = warn(d, &c->r, n, top, "'%s' is not a CPE name", uri);
        } else if (strcmp(n->name, "VersionNumber") == 0) {
            const char *said = trimmed(ar, n->text);
            struct stmt st = {0};
            if (!said) {
                oom = true;
                continue;
            }
            if (!*said)
                continue; /* no statement */
            rc = plain(said, &d->tmp);
            if (rc == 0)
                rc = statement(ar, d->tmp.ptr, &st);
            if (rc == 1)
                rc = st.kind == S_EXACT ? add_unique(&versions, st.lo)
                                        : range_of(ar, &st, &ranges);
            else if (rc == 0 && (rc = tsnu_vec_push(&stmts, &said)) == 0)
                rc = warn(d, &c->r, n, top,
                          "version statement '%s' is not read as versions "
                          "or a range; kept as written",
                          said);
        }
    }
    if (rc == 0 && oom)
        rc = tsn_error_oom();
    if (rc == 0 && (rc = tsnr_list(&c->r, &cpes, &af.cpes, &af.ncpes)) == 0 &&
        (rc = tsnr_list(&c->r, &ranges, &af.ranges, &af.nranges)) == 0 &&
        (rc = tsnr_list(&c->r, &versions, &af.versions, &af.nversions)) == 0 &&
        (rc = tsnr_list(&c->r, &stmts, &af.statements, &af.nstatements)) == 0)
        rc = tsnu_vec_push(&c->affected, &af);
    tsnu_vec_dispose(&cpes);
    tsnu_vec_dispose(&ranges);
    tsnu_vec_dispose(&versions);
    tsnu_vec_dispose(&stmts);
    return rc;
}

/* Text of each Description under each @p item child of @p n, joined. */
static int descriptions(const tsn_xml_node *n, const char *item, tsn_buf *out)
{
    int rc = 0;
    for (const tsn_xml_node *i = n ? n->child : NULL; rc == 0 && i;
         i = i->next) {
        if (strcmp(i->name, item) != 0)
            continue;
        const char *t = tsn_xml_child_text(i, "Description");
        if (!t)
            continue;
        while (is_space((unsigned char)*t))
            t++;
        size_t len = strlen(t);
        while (len && is_space((unsigned char)t[len - 1]))
            len--;
        if (len && out->len)
            rc = tsn_buf_putc(out, '\n');
        if (rc == 0)
            rc = tsn_buf_put(out, t, len);
    }
    return rc;
}

/* Details: the overview, then the impact and the solution under headings
 * in the record's language, into @p arena. */
static int details(struct rd *d,
                   tsnu_arena *arena,
                   const tsn_xml_node *data,
                   const char **out)
{
    static const struct {
        const char *el, *item, *ja, *en;
    } parts[] = {{"Impact", "ImpactItem", "想定される影響", "Impact"},
                 {"Solution", "SolutionItem", "対策", "Solution"}};
    bool ja = strncmp(d->lang, "en", 2) != 0;
    const tsn_xml_node *desc = tsn_xml_child(data, "VulinfoDescription");
    const char *ov = desc ? tsn_xml_child_text(desc, "Overview") : NULL;
    tsn_buf b = TSN_BUF_INIT(TSN_LIMIT_RECORD_BYTES);
    tsn_buf part = TSN_BUF_INIT(TSN_LIMIT_RECORD_BYTES);
    int rc = 0;
    if (ov) {
        while (is_space((unsigned char)*ov))
            ov++;
        size_t len = strlen(ov);
        while (len && is_space((unsigned char)ov[len - 1]))
            len--;
        rc = tsn_buf_put(&b, ov, len);
    }
    for (size_t i = 0; rc == 0 && i < 2; i++) {
        tsn_buf_clear(&part);
        rc = descriptions(tsn_xml_child(data, parts[i].el), parts[i].item,
                          &part);
        if (rc == 0 && part.len)
            rc = tsn_buf_printf(&b, "%s%s:\n%s", b.len ? "\n\n" : "",
                                ja ? parts[i].ja : parts[i].en,
                                tsn_buf_cstr(&part));
    }
    *out = NULL;
    if (rc == 0 && b.len && !(*out = tsnu_arena_strndup(arena, b.ptr, b.len)))
        rc = tsn_error_oom();
    tsn_buf_dispose(&part);
    tsn_buf_dispose(&b);
    return rc;
}

/* The record's lists into the advisory. */
static int finish(struct rec *c, tsn_advisory *a)
{
    int rc;
    if ((rc = tsnr_list(&c->r, &c->aliases, &a->aliases, &a->naliases)) < 0 ||
        (rc = tsnr_list(&c->r, &c->refs, &a->refs, &a->nrefs)) < 0 ||
        (rc = tsnr_list(&c->r, &c->cwes, &a->cwes, &a->ncwes)) < 0 ||
        (rc = tsnr_list(&c->r, &c->sev, &a->severity, &a->nseverity)) < 0 ||
        (rc = tsnr_list(&c->r, &c->affected, &a->affected, &a->naffected)) < 0)
        return rc;
    return tsnr_warnings(&c->r, &a->warnings, &a->nwarnings);
}

/* The id, required and of JVNDB's form. */
static int record_id(struct rd *d,
                     tsnu_arena *arena,
                     const tsn_xml_node *rec,
                     const char *el,
                     const char **out)
{
    bool oom = false;
    *out = text_of(arena, rec, el, &oom);
    if (oom)
        return tsn_error_oom();
    if (!*out)
        return bad(d, rec, rec, "'%s' is required", el);
    if (!jvndb_id(*out))
        return bad(d, tsn_xml_child(rec, el), rec,
                   "'%s' is not a JVNDB id (JVNDB-YYYY-NNNNNN)", *out);
    return 0;
}

/* A time of child @p el of @p n: NULL when absent, a violation when it is
 * not one. */
static int record_time(struct rd *d,
                       tsnu_arena *arena,
                       const tsn_xml_node *n,
                       const tsn_xml_node *top,
                       const char *el,
                       bool required,
                       const char **out)
{
    bool oom = false;
    const char *t = text_of(arena, n, el, &oom);
    *out = oom ? NULL : jvn_time(arena, t, &oom);
    if (oom)
        return tsn_error_oom();
    if (!t)
        return required ? bad(d, n, top, "'%s' is required", el) : 0;
    if (!*out)
        return bad(d, tsn_xml_child(n, el), top,
                   "'%s' is not a date-time (YYYY-MM-DDThh:mm[:ss]+hh:mm)", t);
    return 0;
}

/* The language of the record: NULL for English, else as JVN says. */
static int record_lang(struct rd *d, tsnu_arena *arena, const char **out)
{
    *out = NULL;
    if (strncmp(d->lang, "en", 2) == 0 && (!d->lang[2] || d->lang[2] == '-'))
        return 0;
    return (*out = tsnu_arena_strdup(arena, d->lang)) ? 0 : tsn_error_oom();
}

/* JVN iPedia's page of the record. */
static int self_ref(struct rd *d, struct rec *c, const char *id)
{
    const char *url = tsnu_arena_printf(
        c->r.arena, "https://jvndb.jvn.jp/%s/contents/%.4s/%s.html",
        strncmp(d->lang, "en", 2) == 0 ? "en" : "ja", id + 6, id);
    return url ? add_ref(c, "ADVISORY", url) : tsn_error_oom();
}

/* One Vulinfo of a VULDEF document. */
static int
vulinfo(struct rd *d, struct rec *c, const tsn_xml_node *v, tsn_advisory *a)
{
    tsnu_arena *ar = c->r.arena;
    bool oom = false;
    int rc = record_id(d, ar, v, "VulinfoID", &a->id);
    const tsn_xml_node *data = tsn_xml_child(v, "VulinfoData");
    if (rc == 0 && !data)
        rc = bad(d, v, v, "'VulinfoData' is required");
    if (rc == 0)
        rc = record_time(d, ar, data, v, "DateLastUpdated", true, &a->modified);
    if (rc == 0)
        rc = record_time(d, ar, data, v, "DateFirstPublished", false,
                         &a->published);
    if (rc == 0)
        rc = record_lang(d, ar, &a->lang);
    if (rc == 0)
        a->summary = text_of(ar, data, "Title", &oom);
    if (rc == 0)
        rc = details(d, ar, data, &a->details);
    if (rc == 0)
        rc = self_ref(d, c, a->id);
    const tsn_xml_node *aff = tsn_xml_child(data, "Affected");
    for (const tsn_xml_node *n = aff ? aff->child : NULL; rc == 0 && n;
         n = n->next)
        if (strcmp(n->name, "AffectedItem") == 0)
            rc = affected_item(d, c, n, v);
    const tsn_xml_node *imp = tsn_xml_child(data, "Impact");
    for (const tsn_xml_node *n = imp ? imp->child : NULL; rc == 0 && n;
         n = n->next)
        if (strcmp(n->name, "Cvss") == 0)
            rc = add_cvss(d, c, n, v, tsn_xml_attr(n, "version"),
                          text_of(ar, n, "Vector", &oom));
    const tsn_xml_node *rel = tsn_xml_child(data, "Related");
    for (const tsn_xml_node *n = rel ? rel->child : NULL; rc == 0 && n;
         n = n->next) {
        if (strcmp(n->name, "RelatedItem") != 0)
            continue;
        const char *type = tsn_xml_attr(n, "type");
        const char *id = text_of(ar, n, "VulinfoID", &oom);
        const char *url = text_of(ar, n, "URL", &oom);
        if (id)
            rc = add_id(c, id);
        if (rc == 0 && url && !(type && strcmp(type, "cwe") == 0))
            rc = add_ref(c,
                         type && (strcmp(type, "advisory") == 0 ||
                                  strcmp(type, "vendor") == 0)
                             ? "ADVISORY"
                             : "WEB",
                         url);
    }
    if (rc == 0 && oom)
        rc = tsn_error_oom();
    return rc == 0 ? finish(c, a) : rc;
}

/* One item of a JVNRSS feed: an overview of the record. */
static int
rss_item(struct rd *d, struct rec *c, const tsn_xml_node *it, tsn_advisory *a)
{
    tsnu_arena *ar = c->r.arena;
    bool oom = false;
    a->overview = true;
    int rc = record_id(d, ar, it, "identifier", &a->id);
    if (rc == 0)
        rc = record_time(d, ar, it, it,
                         tsn_xml_child(it, "modified") ? "modified" : "date",
                         true, &a->modified);
    if (rc == 0)
        rc = record_time(d, ar, it, it, "issued", false, &a->published);
    if (rc == 0)
        rc = record_lang(d, ar, &a->lang);
    if (rc == 0) {
        a->summary = text_of(ar, it, "title", &oom);
        a->details = text_of(ar, it, "description", &oom);
        const char *link = text_of(ar, it, "link", &oom);
        rc = link ? add_ref(c, "ADVISORY", link) : self_ref(d, c, a->id);
    }
    for (const tsn_xml_node *n = it->child; rc == 0 && n; n = n->next) {
        if (strcmp(n->name, "references") == 0) {
            const char *id = tsn_xml_attr(n, "id");
            const char *src = tsn_xml_attr(n, "source");
            const char *url = trimmed(ar, n->text);
            if (id && !(id = trimmed(ar, id)))
                oom = true;
            else if (id)
                rc = add_id(c, id);
            if (!url)
                oom = true;
            else if (rc == 0 && *url && !(id && tsnr_cwe_ok(id)))
                rc = add_ref(c,
                             src && (strcmp(src, "NVD") == 0 ||
                                     strcmp(src, "CVE") == 0 ||
                                     strcmp(src, "JVN") == 0)
                                 ? "ADVISORY"
                                 : "WEB",
                             url);
        } else if (strcmp(n->name, "cpe") == 0) {
            const char *uri = trimmed(ar, n->text), *fs = NULL;
            tsn_adv_affected af = {0};
            if (!uri || !*uri) {
                oom = !uri;
                continue;
            }
            if (!(fs = tsnr_cpe23(ar, uri, &oom))) {
                if (!oom)
                    rc = warn(d, &c->r, n, it, "'%s' is not a CPE name", uri);
                continue;
            }
            const char **one = tsnu_arena_calloc(ar, 1, sizeof *one);
            const char *vendor = tsn_xml_attr(n, "vendor");
            const char *product = tsn_xml_attr(n, "product");
            if (!one || (vendor && !(af.vendor = trimmed(ar, vendor))) ||
                (product && !(af.product = trimmed(ar, product)))) {
                oom = true;
                continue;
            }
            one[0] = fs;
            af.cpes = one;
            af.ncpes = 1;
            rc = tsnu_vec_push(&c->affected, &af);
        } else if (strcmp(n->name, "cvss") == 0) {
            const char *vector = tsn_xml_attr(n, "vector");
            rc = add_cvss(d, c, n, it, tsn_xml_attr(n, "version"),
                          vector ? trimmed(ar, vector) : NULL);
        }
    }
    if (rc == 0 && oom)
        rc = tsn_error_oom();
    return rc == 0 ? finish(c, a) : rc;
}

/* Read the record @p n of @p root into a new advisory and keep it, with
 * its text (the record alone, in a document of its kind), or keep its
 * refusal. */
static int one(tsnr_many *m,
               struct rd *d,
               const tsn_xml_node *root,
               const tsn_xml_node *n,
               bool rss)
{
    tsnr_adv *a = tsnr_adv_new("jvn", NULL);
    if (!a)
        return tsn_error_oom();
    struct rec c = {
        TSNR_INIT(&a->arena, d->name),
        TSNU_VEC_INIT(const char *, TSN_LIMIT_COMPONENTS),
        TSNU_VEC_INIT(tsn_adv_ref, TSN_LIMIT_COMPONENTS),
        TSNU_VEC_INIT(const char *, TSN_LIMIT_COMPONENTS),
        TSNU_VEC_INIT(tsn_adv_severity, TSN_LIMIT_COMPONENTS),
        TSNU_VEC_INIT(tsn_adv_affected, TSN_LIMIT_COMPONENTS),
    };
    int rc = rss ? rss_item(d, &c, n, &a->pub) : vulinfo(d, &c, n, &a->pub);
    rec_dispose(&c);
    if (rc == 0) {
        /* the record alone: a copy of it without its siblings, inside a
         * root of the document's name, namespace and language */
        tsn_xml_node alone = *n, top = {0};
        alone.next = NULL;
        alone.parent = &top;
        top = (tsn_xml_node){.name = root->name,
                             .ns = root->ns,
                             .lang = d->lang,
                             .text = "",
                             .child = &alone};
        tsn_buf_clear(&d->rec);
        rc = tsn_xml_write(&d->rec, &top, NULL);
    }
    /* over the record limit while read (its details) or written: this
     * record is refused, the others of the feed still land */
    if (rc == TSN_ETOOBIG)
        rc = bad(d, n, n, "record larger than the record limit of %zu bytes",
                 TSN_LIMIT_RECORD_BYTES);
    if (rc == TSN_EINVALID) {
        tsn_advisory_free(&a->pub);
        return tsnr_many_refuse(m);
    }
    if (rc < 0) {
        tsn_advisory_free(&a->pub);
        return rc;
    }
    return tsnr_many_keep(m, &a->pub, d->rec.ptr, d->rec.len);
}

/* A MyJVN error response is the document's error. */
static int status(struct rd *d, const tsn_xml_node *root)
{
    const tsn_xml_node *st = tsn_xml_child(root, "Status");
    const char *ret = st ? tsn_xml_attr(st, "retCd") : NULL;
    if (!ret || strcmp(ret, "0") == 0)
        return 0;
    const char *code = tsn_xml_attr(st, "errCd");
    const char *msg = tsn_xml_attr(st, "errMsg");
    return bad(d, st, NULL, "MyJVN answered with error %s: %s",
               code && *code ? code : ret, msg && *msg ? msg : "(no message)");
}

static int read_doc(tsnr_many *m, struct rd *d, const tsn_xml_node *root)
{
    bool rss = strcmp(root->name, "RDF") == 0;
    if (!rss && strcmp(root->name, "VULDEF-Document") != 0)
        return bad(d, root, NULL,
                   "not a JVN document (a VULDEF-Document or a JVNRSS "
                   "rdf:RDF feed)");
    d->lang = root->lang && *root->lang ? root->lang : "ja";
    int rc = status(d, root);
    for (const tsn_xml_node *n = root->child; rc == 0 && n; n = n->next)
        if (strcmp(n->name, rss ? "item" : "Vulinfo") == 0)
            rc = one(m, d, root, n, rss);
    return rc;
}

int tsn_jvn_read(tsn_adv_list **out,
                 const char *text,
                 size_t len,
                 const char *name)
{
    *out = NULL;
    tsnr_many *m = tsnr_many_new();
    if (!m)
        return tsn_error_oom();
    struct rd d = {
        .name = name ? name : "<jvn>",
        .text = text,
        .len = len,
        .path = TSN_BUF_INIT(4096),
        .tmp = TSN_BUF_INIT(TSN_LIMIT_FIELD_BYTES + 1),
        .rec = TSN_BUF_INIT(TSN_LIMIT_RECORD_BYTES),
    };
    tsnu_arena tree = {0};
    tsn_xml_node *root = NULL;
    tsn_xml_opts opts = {TSN_LIMIT_DEPTH, TSN_LIMIT_FIELD_BYTES};
    int rc = tsn_xml_parse(&root, &tree, text, len, &opts, d.name);
    if (rc == 0)
        rc = read_doc(m, &d, root);
    tsnu_arena_dispose(&tree);
    tsn_free(d.lines);
    tsn_buf_dispose(&d.path);
    tsn_buf_dispose(&d.tmp);
    tsn_buf_dispose(&d.rec);
    return tsnr_many_finish(m, rc, out);
}
