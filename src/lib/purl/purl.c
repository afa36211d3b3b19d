/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Package URL parsing, per-type normalisation and canonical rendering,
 * following the purl specification (ECMA-427) and its type definitions.
 *
 * Parsing only splits and percent-decodes; every rule about what a valid
 * purl is lives in normalise(), which tsn_purl_parse() and tsn_purl_build()
 * share, so a parsed and a built purl obey exactly the same rules.
 * A result is one allocation: the struct, the qualifier array and the
 * strings.
 */
#include "../lib.h"

#include "tsunagi/purl.h"

#include <stdlib.h>
#include <string.h>

/* ---- per-type rules ------------------------------------------------- */

enum ns_rule { NS_OPTIONAL, NS_REQUIRED, NS_PROHIBITED };
enum {
    NS_LOWER = 1 << 0,
    NAME_LOWER = 1 << 1,
    NAME_PYPI = 1 << 2, /* lowercase, '_' -> '-' */
    VERSION_LOWER = 1 << 3,
    NAME_MLFLOW = 1 << 4, /* lowercase on Databricks registries */
    VERSION_REQUIRED = 1 << 5,
    NAME_PATH = 1 << 6 /* namespace is one segment; the name is a path */
};

struct type_rule {
    const char *type;
    uint8_t ns;
    uint8_t flags;
    const char *required_qualifier;
    int (*check)(const tsn_purl *p);
};

static int check_chrome(const tsn_purl *p);
static int check_cpan(const tsn_purl *p);

/* SPEC: purl types/<type>-definition.json: namespace and case rules */
static const struct type_rule type_rules[] = {
    {"alpm", NS_REQUIRED, NS_LOWER | NAME_LOWER, NULL, NULL},
    {"apk", NS_REQUIRED, NS_LOWER | NAME_LOWER, NULL, NULL},
    {"bitbucket", NS_REQUIRED, NS_LOWER | NAME_LOWER, NULL, NULL},
    {"bitnami", NS_PROHIBITED, NAME_LOWER, NULL, NULL},
    {"brew", NS_OPTIONAL, NS_LOWER | NAME_LOWER, NULL, NULL},
    {"cargo", NS_PROHIBITED, 0, NULL, NULL},
    {"chrome-extension", NS_PROHIBITED, NAME_LOWER, NULL, check_chrome},
    {"cocoapods", NS_PROHIBITED, 0, NULL, NULL},
    {"composer", NS_REQUIRED, NS_LOWER | NAME_LOWER, NULL, NULL},
    {"conan", NS_OPTIONAL, 0, NULL, NULL},
    {"conda", NS_PROHIBITED, NAME_LOWER, NULL, NULL},
    {"cpan", NS_OPTIONAL, 0, NULL, check_cpan},
    {"cran", NS_PROHIBITED, VERSION_REQUIRED, NULL, NULL},
    {"deb", NS_REQUIRED, NS_LOWER | NAME_LOWER, NULL, NULL},
    {"docker", NS_OPTIONAL, 0, NULL, NULL},
    {"gem", NS_PROHIBITED, 0, NULL, NULL},
    {"generic", NS_OPTIONAL, 0, NULL, NULL},
    {"git", NS_REQUIRED, NS_LOWER | NAME_LOWER | NAME_PATH, NULL, NULL},
    {"github", NS_REQUIRED, NS_LOWER | NAME_LOWER, NULL, NULL},
    {"golang", NS_OPTIONAL, 0, NULL, NULL},
    {"hackage", NS_PROHIBITED, VERSION_REQUIRED, NULL, NULL},
    {"hex", NS_OPTIONAL, NS_LOWER | NAME_LOWER, NULL, NULL},
    {"huggingface", NS_OPTIONAL, VERSION_LOWER, NULL, NULL},
    {"julia", NS_PROHIBITED, 0, "uuid", NULL},
    {"luarocks", NS_OPTIONAL, NS_LOWER | NAME_LOWER, NULL, NULL},
    {"maven", NS_REQUIRED, 0, NULL, NULL},
    {"mlflow", NS_PROHIBITED, NAME_MLFLOW, NULL, NULL},
    {"npm", NS_OPTIONAL, 0, NULL, NULL},
    {"nuget", NS_PROHIBITED, 0, NULL, NULL},
    {"oci", NS_PROHIBITED, NAME_LOWER | VERSION_LOWER, NULL, NULL},
    {"opam", NS_PROHIBITED, 0, NULL, NULL},
    {"otp", NS_PROHIBITED, NAME_LOWER, NULL, NULL},
    {"pub", NS_PROHIBITED, NAME_LOWER, NULL, NULL},
    {"pypi", NS_PROHIBITED, NAME_PYPI, NULL, NULL},
    {"qpkg", NS_REQUIRED, NS_LOWER, NULL, NULL},
    {"rpm", NS_REQUIRED, NS_LOWER, NULL, NULL},
    {"swid", NS_OPTIONAL, 0, "tag_id", NULL},
    {"swift", NS_REQUIRED, 0, NULL, NULL},
    {"vcpkg", NS_PROHIBITED, 0, NULL, NULL},
    {"vscode-extension", NS_REQUIRED, NS_LOWER | NAME_LOWER, NULL, NULL},
    {"yocto", NS_OPTIONAL, 0, NULL, NULL},
};

static const struct type_rule *find_rule(const char *type)
{
    for (size_t i = 0; i < sizeof type_rules / sizeof *type_rules; i++)
        if (tsnu_streq(type_rules[i].type, type))
            return &type_rules[i];
    return NULL;
}

static int invalid(const char *what, const char *detail)
{
    return tsn_error_set(TSN_EINVALID, "invalid purl: %s%s%s", what,
                         detail ? ": " : "", detail ? detail : "");
}

static int check_chrome(const tsn_purl *p)
{
    /* SPEC: chrome-extension: 32-character id of letters a-p */
    size_t n = strlen(p->name);
    if (n != 32)
        return invalid("chrome-extension id must be 32 characters", p->name);
    for (size_t i = 0; i < n; i++)
        if (p->name[i] < 'a' || p->name[i] > 'p')
            return invalid("chrome-extension id must use letters a-p", p->name);
    if (p->version) {
        /* SPEC: chrome-extension version: 1 to 4 dot-separated integers */
        int parts = 1;
        const char *v = p->version;
        if (!*v)
            return invalid("chrome-extension version is empty", NULL);
        for (; *v; v++) {
            if (*v == '.') {
                if (v[1] == '.' || v[1] == '\0' || v == p->version)
                    return invalid("bad chrome-extension version", p->version);
                parts++;
            } else if (*v < '0' || *v > '9') {
                return invalid("bad chrome-extension version", p->version);
            }
        }
        if (parts > 4)
            return invalid("chrome-extension version has more than 4 parts",
                           p->version);
    }
    return 0;
}

static int check_cpan(const tsn_purl *p)
{
    /* SPEC: cpan: the name is a distribution name, never a module name */
    if (strstr(p->name, "::"))
        return invalid("cpan name is a distribution, not a module (::)",
                       p->name);
    return 0;
}

/* ---- character classes and encoding ---------------------------------- */

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* SPEC: purl §character encoding: these are never percent-encoded */
static bool is_unencoded(unsigned char c)
{
    return is_alpha((char)c) || is_digit((char)c) || c == '-' || c == '.' ||
           c == '_' || c == '~' || c == ':';
}

/* Percent-decode [s, s+n) in place into dst (dst may equal s). */
static int pct_decode(
    char *dst, const char *s, size_t n, size_t *out_len, const char *what)
{
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%') {
            int h, l;
            if (i + 2 >= n)
                return invalid("truncated percent-encoding in", what);
            h = tsnu_hexval(s[i + 1]);
            l = tsnu_hexval(s[i + 2]);
            if (h < 0 || l < 0)
                return invalid("bad percent-encoding in", what);
            dst[j++] = (char)(h * 16 + l);
            i += 2;
        } else {
            dst[j++] = s[i];
        }
    }
    dst[j] = '\0';
    if (!tsnu_utf8_valid(dst, j, NULL))
        return invalid("invalid UTF-8 in", what);
    *out_len = j;
    return 0;
}

static int put_encoded(tsn_buf *b, const char *s, bool keep_slash)
{
    static const char hex[] = "0123456789ABCDEF";
    int error = 0;
    for (; *s && error == 0; s++) {
        unsigned char c = (unsigned char)*s;
        if (is_unencoded(c) || (keep_slash && c == '/')) {
            error = tsn_buf_putc(b, (char)c);
        } else {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};
            error = tsn_buf_put(b, e, 3);
        }
    }
    return error;
}

static void lower_ascii(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s + 32);
}

/* ---- normalisation (shared by parse and build) ------------------------ */

struct sizer {
    size_t bytes;
};

static void add_len(struct sizer *z, const char *s)
{
    if (s)
        z->bytes += strlen(s) + 1;
}

static char *copy_into(char **cursor, const char *s)
{
    size_t n;
    char *d;
    if (!s)
        return NULL;
    n = strlen(s);
    d = *cursor;
    memcpy(d, s, n + 1);
    *cursor += n + 1;
    return d;
}

/*
 * Normalise a path (namespace or subpath) in place: drop empty segments,
 * and for subpaths also "." and ".." (SPEC: purl §subpath). Returns NULL
 * for an empty result.
 */
static char *normalise_path(char *s, bool subpath)
{
    char *r = s, *w = s;
    if (!s)
        return NULL;
    while (*r) {
        char *seg = r;
        size_t n;
        while (*r && *r != '/')
            r++;
        n = (size_t)(r - seg);
        if (*r)
            r++;
        if (n == 0 || (subpath && ((n == 1 && seg[0] == '.') ||
                                   (n == 2 && seg[0] == '.' && seg[1] == '.'))))
            continue;
        if (w != s)
            *w++ = '/';
        memmove(w, seg, n);
        w += n;
    }
    *w = '\0';
    return w == s ? NULL : s;
}

static int qual_cmp(const void *a, const void *b)
{
    return strcmp(((const tsn_purl_qualifier *)a)->key,
                  ((const tsn_purl_qualifier *)b)->key);
}

static int check_type(const char *t)
{
    /* SPEC: purl §type: [a-zA-Z0-9.+-], not starting with a digit */
    if (!t || !*t)
        return invalid("type is required", NULL);
    if (is_digit(t[0]))
        return invalid("type must not start with a digit", t);
    for (const char *c = t; *c; c++)
        if (!is_alpha(*c) && !is_digit(*c) && *c != '.' && *c != '+' &&
            *c != '-')
            return invalid("type has a character outside [a-zA-Z0-9.+-]", t);
    return 0;
}

static int check_key(const char *k, unsigned flags)
{
    /* SPEC: purl §qualifiers: key is [a-z0-9._-], not starting with digit */
    if (!*k)
        return invalid("empty qualifier key", NULL);
    if (is_digit(k[0]))
        return invalid("qualifier key must not start with a digit", k);
    for (const char *c = k; *c; c++) {
        if (*c >= 'A' && *c <= 'Z') {
            if (flags & TSN_PURL_STRICT)
                return invalid("qualifier key must be lowercase", k);
            continue;
        }
        if (!(*c >= 'a' && *c <= 'z') && !is_digit(*c) && *c != '.' &&
            *c != '_' && *c != '-')
            return invalid("qualifier key has a character outside "
                           "[a-z0-9._-]",
                           k);
    }
    return 0;
}

static int normalise(tsn_purl **out, const tsn_purl *in, unsigned flags)
{
    struct sizer z = {sizeof(tsn_purl)};
    const struct type_rule *rule;
    tsn_purl *p = NULL;
    char *cursor, *type, *ns, *name, *version, *key;
    size_t nq = 0;
    int error;

    *out = NULL;
    error = check_type(in->type);
    if (error < 0)
        return error;
    if (!in->name || !*in->name)
        return invalid("name is required", NULL);

    add_len(&z, in->type);
    add_len(&z, in->namespace_);
    add_len(&z, in->name);
    add_len(&z, in->version);
    add_len(&z, in->subpath);
    for (size_t i = 0; i < in->n_qualifiers; i++) {
        add_len(&z, in->qualifiers[i].key);
        add_len(&z, in->qualifiers[i].value);
    }
    add_len(&z, in->namespace_); /* room to move a path into the name */
    add_len(&z, in->name);
    z.bytes += in->n_qualifiers * sizeof(tsn_purl_qualifier) + 16;
    p = tsn_calloc(1, z.bytes);
    TSN_CHECK_ALLOC(p);
    p->qualifiers = (tsn_purl_qualifier *)(p + 1);
    cursor = (char *)(p->qualifiers + in->n_qualifiers);

    type = copy_into(&cursor, in->type);
    lower_ascii(type);
    ns = normalise_path(copy_into(&cursor, in->namespace_), false);
    name = copy_into(&cursor, in->name);
    version = copy_into(&cursor, in->version);
    if (version && !*version)
        version = NULL;
    p->subpath = normalise_path(copy_into(&cursor, in->subpath), true);
    p->type = type;

    for (size_t i = 0; i < in->n_qualifiers; i++) {
        const tsn_purl_qualifier *q = &in->qualifiers[i];
        if (!q->key) {
            error = invalid("qualifier without key", NULL);
            goto done;
        }
        error = check_key(q->key, flags);
        if (error < 0)
            goto done;
        /* SPEC: purl §qualifiers: an empty value means "no qualifier" */
        if (!q->value || !*q->value)
            continue;
        key = copy_into(&cursor, q->key);
        lower_ascii(key);
        p->qualifiers[nq].key = key;
        p->qualifiers[nq].value = copy_into(&cursor, q->value);
        nq++;
    }
    p->n_qualifiers = nq;
    if (nq > 1)
        qsort(p->qualifiers, nq, sizeof *p->qualifiers, qual_cmp);
    for (size_t i = 1; i < nq; i++) {
        if (strcmp(p->qualifiers[i].key, p->qualifiers[i - 1].key) == 0) {
            error = invalid("duplicate qualifier key", p->qualifiers[i].key);
            goto done;
        }
    }
    if (nq == 0)
        p->qualifiers = NULL;

    rule = find_rule(type);
    if (rule && (rule->flags & NAME_PATH) && ns && strchr(ns, '/')) {
        /* SPEC: purl git: namespace is the host, the name is the path */
        char *slash = strchr(ns, '/'), *joined = cursor;
        size_t tail = strlen(slash + 1), nlen = strlen(name);
        memcpy(joined, slash + 1, tail);
        joined[tail] = '/';
        memcpy(joined + tail + 1, name, nlen + 1);
        cursor += tail + nlen + 2;
        *slash = '\0';
        name = joined;
    }
    if (rule) {
        if (rule->ns == NS_REQUIRED && !ns) {
            error = invalid("namespace is required for type", type);
            goto done;
        }
        if (rule->ns == NS_PROHIBITED && ns) {
            error = invalid("namespace is not allowed for type", type);
            goto done;
        }
        if ((rule->flags & VERSION_REQUIRED) && !version) {
            error = invalid("version is required for type", type);
            goto done;
        }
        if (rule->required_qualifier &&
            !tsn_purl_qualifier_get(p, rule->required_qualifier)) {
            error = invalid("qualifier required for this type",
                            rule->required_qualifier);
            goto done;
        }
        if ((rule->flags & NS_LOWER) && ns)
            lower_ascii(ns);
        if (rule->flags & (NAME_LOWER | NAME_PYPI))
            lower_ascii(name);
        if (rule->flags & NAME_PYPI) {
            for (char *c = name; *c; c++)
                if (*c == '_')
                    *c = '-';
        }
        if (rule->flags & NAME_MLFLOW) {
            const char *repo = tsn_purl_qualifier_get(p, "repository_url");
            if (repo && strstr(repo, "azuredatabricks.net"))
                lower_ascii(name);
        }
        if ((rule->flags & VERSION_LOWER) && version)
            lower_ascii(version);
    }
    p->namespace_ = ns;
    p->name = name;
    p->version = version;
    if (rule) {
        if (rule->check) {
            error = rule->check(p);
            if (error < 0)
                goto done;
        }
    }
    *out = p;
    p = NULL;
done:
    tsn_free(p);
    return error;
}

/* ---- parsing ---------------------------------------------------------- */

int tsn_purl_parse(tsn_purl **out, const char *str, unsigned flags)
{
    tsn_purl parts = {0};
    tsn_purl_qualifier *quals = NULL;
    char *work = NULL, *s, *hash, *query, *rest, *slash, *at, *name_start;
    size_t len, n;
    int error = 0;

    *out = NULL;
    len = strlen(str);
    if (len > TSN_LIMIT_PURL_BYTES)
        return tsn_error_set(TSN_ETOOBIG, "purl longer than %d bytes",
                             TSN_LIMIT_PURL_BYTES);
    work = tsnu_strndup(str, len);
    TSN_CHECK_ALLOC(work);
    s = work;

    /* SPEC: purl §parse: subpath is after the last '#' */
    hash = strrchr(s, '#');
    if (hash) {
        *hash = '\0';
        error = pct_decode(hash + 1, hash + 1, strlen(hash + 1), &n, "subpath");
        if (error < 0)
            goto done;
        parts.subpath = hash + 1;
    }
    /* SPEC: purl §parse: qualifiers follow the last '?' */
    query = strrchr(s, '?');
    if (query) {
        size_t count = 1;
        char *q;
        *query = '\0';
        for (q = query + 1; *q; q++)
            if (*q == '&')
                count++;
        quals = tsn_calloc(count, sizeof *quals);
        if (!quals) {
            error = tsn_error_oom();
            goto done;
        }
        q = query + 1;
        while (q) {
            char *amp = strchr(q, '&'), *eq;
            if (amp)
                *amp = '\0';
            if (*q) {
                eq = strchr(q, '=');
                if (!eq) {
                    error = invalid("qualifier without '='", q);
                    goto done;
                }
                *eq = '\0';
                error = pct_decode(eq + 1, eq + 1, strlen(eq + 1), &n,
                                   "qualifier value");
                if (error < 0)
                    goto done;
                quals[parts.n_qualifiers].key = q;
                quals[parts.n_qualifiers].value = eq + 1;
                parts.n_qualifiers++;
            }
            q = amp ? amp + 1 : NULL;
        }
        parts.qualifiers = quals;
    }
    /* SPEC: purl §scheme: "pkg:" (case-insensitive), then any '/' */
    if (!(s[0] == 'p' || s[0] == 'P') || !(s[1] == 'k' || s[1] == 'K') ||
        !(s[2] == 'g' || s[2] == 'G') || s[3] != ':') {
        error = invalid("scheme must be \"pkg:\"", NULL);
        goto done;
    }
    rest = s + 4;
    while (*rest == '/')
        rest++;
    /* SPEC: purl §type: up to the first '/' */
    slash = strchr(rest, '/');
    if (!slash) {
        error = invalid("name is required", NULL);
        goto done;
    }
    *slash = '\0';
    parts.type = rest;
    rest = slash + 1;
    /* Trailing slashes are not significant. */
    n = strlen(rest);
    while (n && rest[n - 1] == '/')
        rest[--n] = '\0';
    /* SPEC: purl §version: after the last '@' of the last segment, so a
     * scoped npm namespace ("@babel") is not mistaken for a version. */
    name_start = strrchr(rest, '/');
    name_start = name_start ? name_start + 1 : rest;
    at = strrchr(name_start, '@');
    if (at) {
        *at = '\0';
        error = pct_decode(at + 1, at + 1, strlen(at + 1), &n, "version");
        if (error < 0)
            goto done;
        parts.version = at + 1;
    }
    error = pct_decode(name_start, name_start, strlen(name_start), &n, "name");
    if (error < 0)
        goto done;
    parts.name = name_start;
    if (name_start != rest) {
        /* Decode namespace segments one by one: a decoded '/' inside a
         * segment would change the structure. */
        char *seg = rest, *end = name_start - 1, *w = rest;
        *end = '\0';
        while (seg < end) {
            char *e = strchr(seg, '/');
            size_t dn;
            if (!e)
                e = end;
            *e = '\0';
            error = pct_decode(w, seg, (size_t)(e - seg), &dn, "namespace");
            if (error < 0)
                goto done;
            if (memchr(w, '/', dn)) {
                error = invalid("namespace segment contains '/'", w);
                goto done;
            }
            w += dn;
            *w++ = '/';
            seg = e + 1;
        }
        w[w > rest ? -1 : 0] = '\0';
        parts.namespace_ = rest;
    }
    error = normalise(out, &parts, flags);
done:
    tsn_free(quals);
    tsn_free(work);
    return error;
}

int tsn_purl_build(tsn_purl **out, const tsn_purl *parts)
{
    *out = NULL;
    return normalise(out, parts, TSN_PURL_STRICT);
}

const char *tsn_purl_qualifier_get(const tsn_purl *purl, const char *key)
{
    for (size_t i = 0; i < purl->n_qualifiers; i++)
        if (strcmp(purl->qualifiers[i].key, key) == 0)
            return purl->qualifiers[i].value;
    return NULL;
}

int tsn_purl_canonical(char **out, const tsn_purl *p)
{
    tsn_buf b = TSN_BUF_INIT(TSN_LIMIT_PURL_BYTES * 4);
    int error;

    *out = NULL;
    error = tsn_buf_puts(&b, "pkg:");
    if (!error)
        error = tsn_buf_puts(&b, p->type);
    if (!error)
        error = tsn_buf_putc(&b, '/');
    if (!error && p->namespace_) {
        error = put_encoded(&b, p->namespace_, true);
        if (!error)
            error = tsn_buf_putc(&b, '/');
    }
    if (!error) {
        const struct type_rule *rule = find_rule(p->type);
        error = put_encoded(&b, p->name, rule && (rule->flags & NAME_PATH));
    }
    if (!error && p->version) {
        error = tsn_buf_putc(&b, '@');
        if (!error)
            error = put_encoded(&b, p->version, false);
    }
    for (size_t i = 0; !error && i < p->n_qualifiers; i++) {
        error = tsn_buf_putc(&b, i ? '&' : '?');
        if (!error)
            error = tsn_buf_puts(&b, p->qualifiers[i].key);
        if (!error)
            error = tsn_buf_putc(&b, '=');
        if (!error)
            error = put_encoded(&b, p->qualifiers[i].value, false);
    }
    if (!error && p->subpath) {
        error = tsn_buf_putc(&b, '#');
        if (!error)
            error = put_encoded(&b, p->subpath, true);
    }
    if (error < 0) {
        tsn_buf_dispose(&b);
        return error;
    }
    *out = tsn_buf_detach(&b);
    return *out ? 0 : tsn_error_oom();
}

void tsn_purl_free(tsn_purl *purl)
{
    tsn_free(purl);
}
