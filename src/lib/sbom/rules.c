/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Validation rules shared by the SBOM readers: date-times, serial numbers,
 * hashes, SPDX licence ids and expressions.
 */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>

#include "tsunagi/purl.h"
#include <string.h>

extern const char *const tsn_spdx_license_ids[];
extern const size_t tsn_spdx_license_ids_len;
extern const char *const tsn_spdx_exception_ids[];
extern const size_t tsn_spdx_exception_ids_len;

int tsn_rules__purl(const char *purl, char *why, size_t n)
{
    tsn_purl *p = NULL;
    int rc = tsn_purl_parse(&p, purl, 0);
    tsn_purl_free(p);
    if (rc == 0)
        return 0;
    if (rc == TSN_ENOMEM)
        return rc;
    snprintf(why, n, "%s", tsn_error_last()->message);
    tsn_error_clear();
    return 1;
}

bool tsn_rules__in(const char *s, const char *const *list)
{
    if (!s)
        return false;
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return true;
    return false;
}

static bool digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static int num(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

bool tsn_rules__datetime(const char *s)
{
    /* SPEC: RFC 3339 §5.6 date-time (JSON Schema "date-time") */
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int mon, day;

    if (!s || strlen(s) < 20)
        return false;
    if (!digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
        !digits(s + 8, 2) || (s[10] != 'T' && s[10] != 't') ||
        !digits(s + 11, 2) || s[13] != ':' || !digits(s + 14, 2) ||
        s[16] != ':' || !digits(s + 17, 2))
        return false;
    mon = num(s + 5, 2);
    day = num(s + 8, 2);
    if (mon < 1 || mon > 12 || day < 1 || day > mdays[mon - 1])
        return false;
    if (num(s + 11, 2) > 23 || num(s + 14, 2) > 59 || num(s + 17, 2) > 60)
        return false;
    s += 19;
    if (*s == '.') {
        s++;
        if (*s < '0' || *s > '9')
            return false;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    if ((*s == 'Z' || *s == 'z') && s[1] == '\0')
        return true;
    if ((*s == '+' || *s == '-') && digits(s + 1, 2) && s[3] == ':' &&
        digits(s + 4, 2) && s[6] == '\0')
        return num(s + 1, 2) <= 23 && num(s + 4, 2) <= 59;
    return false;
}

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
           (c >= 'A' && c <= 'F');
}

bool tsn_rules__urn_uuid(const char *s)
{
    /* SPEC: CDX serialNumber: ^urn:uuid:[0-9a-fA-F]{8}-{4}-[1-5]{3}... */
    static const int groups[] = {8, 4, 4, 4, 12};
    if (!s || strncmp(s, "urn:uuid:", 9) != 0)
        return false;
    s += 9;
    for (int g = 0; g < 5; g++) {
        for (int i = 0; i < groups[g]; i++, s++)
            if (!is_hex(*s))
                return false;
        if (g < 4 && *s++ != '-')
            return false;
    }
    return *s == '\0';
}

int tsn_rules__hash(const char *alg, const char *content)
{
    /* SPEC: CDX hash-alg enumeration and hash-content pattern */
    static const struct {
        const char *alg;
        size_t len; /* 0: any of the schema's lengths */
    } algs[] = {{"MD5", 32},          {"SHA-1", 40},        {"SHA-256", 64},
                {"SHA-384", 96},      {"SHA-512", 128},     {"SHA3-256", 64},
                {"SHA3-384", 96},     {"SHA3-512", 128},    {"BLAKE2b-256", 64},
                {"BLAKE2b-384", 96},  {"BLAKE2b-512", 128}, {"BLAKE3", 0},
                {"Streebog-256", 64}, {"Streebog-512", 128}};
    size_t n;
    for (size_t i = 0; i < sizeof algs / sizeof *algs; i++) {
        if (strcmp(alg, algs[i].alg) != 0)
            continue;
        n = strlen(content);
        for (size_t k = 0; k < n; k++)
            if (!is_hex(content[k]))
                return 2;
        if (algs[i].len)
            return n == algs[i].len ? 0 : 2;
        return (n == 32 || n == 40 || n == 64 || n == 96 || n == 128) ? 0 : 2;
    }
    return 1;
}

bool tsn_rules__hash_alg(const char *alg)
{
    /* Every known algorithm rejects an empty digest (2); unknown is 1. */
    return tsn_rules__hash(alg, "") != 1;
}

static int icmp(const void *key, const void *elem)
{
    return strcasecmp((const char *)key, *(const char *const *)elem);
}

bool tsn_rules__spdx_license_id(const char *id)
{
    return bsearch(id, tsn_spdx_license_ids, tsn_spdx_license_ids_len,
                   sizeof(char *), icmp) != NULL;
}

bool tsn_rules__spdx_exception_id(const char *id)
{
    return bsearch(id, tsn_spdx_exception_ids, tsn_spdx_exception_ids_len,
                   sizeof(char *), icmp) != NULL;
}

/* ---- SPDX licence expressions (SPDX 2.3 Annex D) ---------------------- */

struct lexer {
    const char *p;
    char tok[256];
    int kind; /* 0 end, 1 word, '(' ')' */
    int unknown;
    const char *why;
};

static bool idchar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '+' ||
           c == ':';
}

static int next(struct lexer *lx)
{
    size_t n = 0;
    while (*lx->p == ' ' || *lx->p == '\t' || *lx->p == '\n' || *lx->p == '\r')
        lx->p++;
    if (!*lx->p)
        return lx->kind = 0;
    if (*lx->p == '(' || *lx->p == ')')
        return lx->kind = *lx->p++;
    while (idchar(*lx->p)) {
        if (n + 1 >= sizeof lx->tok) {
            lx->why = "identifier too long";
            return lx->kind = -1;
        }
        lx->tok[n++] = *lx->p++;
    }
    lx->tok[n] = '\0';
    if (n == 0) {
        lx->why = "unexpected character";
        return lx->kind = -1;
    }
    return lx->kind = 1;
}

static bool is_op(const char *t, const char *op)
{
    /* SPEC: SPDX 2.3 D.3: operators are all upper or all lower case */
    char lower[8];
    size_t n = strlen(op);
    if (strcmp(t, op) == 0)
        return true;
    if (strlen(t) != n || n >= sizeof lower)
        return false;
    for (size_t i = 0; i <= n; i++)
        lower[i] = (char)(op[i] >= 'A' && op[i] <= 'Z' ? op[i] + 32 : op[i]);
    return strcmp(t, lower) == 0;
}

static int parse_or(struct lexer *lx, int depth);

static int parse_simple(struct lexer *lx, int depth)
{
    if (lx->kind == '(') {
        int e;
        if (depth > 64) {
            lx->why = "too deeply nested";
            return -1;
        }
        next(lx);
        e = parse_or(lx, depth + 1);
        if (e < 0)
            return e;
        if (lx->kind != ')') {
            lx->why = "missing ')'";
            return -1;
        }
        next(lx);
        return 0;
    }
    if (lx->kind != 1 || is_op(lx->tok, "AND") || is_op(lx->tok, "OR") ||
        is_op(lx->tok, "WITH")) {
        lx->why = "expected a licence identifier";
        return -1;
    }
    {
        char id[256];
        size_t n = strlen(lx->tok);
        memcpy(id, lx->tok, n + 1);
        if (n > 1 && id[n - 1] == '+')
            id[n - 1] = '\0';
        if (tsnu_starts_with(id, "LicenseRef-") ||
            tsnu_starts_with(id, "DocumentRef-")) {
            /* user-defined: any idstring */
        } else if (!tsn_rules__spdx_license_id(id)) {
            lx->unknown = 1;
            lx->why = "unknown SPDX licence identifier";
        }
    }
    next(lx);
    if (lx->kind == 1 && is_op(lx->tok, "WITH")) {
        next(lx);
        if (lx->kind != 1) {
            lx->why = "expected an exception after WITH";
            return -1;
        }
        if (!tsn_rules__spdx_exception_id(lx->tok) &&
            !tsnu_starts_with(lx->tok, "AdditionRef-")) {
            lx->unknown = 1;
            lx->why = "unknown SPDX licence exception";
        }
        next(lx);
    }
    return 0;
}

static int parse_and(struct lexer *lx, int depth)
{
    int e = parse_simple(lx, depth);
    while (e == 0 && lx->kind == 1 && is_op(lx->tok, "AND")) {
        next(lx);
        e = parse_simple(lx, depth);
    }
    return e;
}

static int parse_or(struct lexer *lx, int depth)
{
    int e = parse_and(lx, depth);
    while (e == 0 && lx->kind == 1 && is_op(lx->tok, "OR")) {
        next(lx);
        e = parse_and(lx, depth);
    }
    return e;
}

int tsn_rules__spdx_expression(const char *expr, const char **why)
{
    struct lexer lx = {expr, "", 0, 0, NULL};
    if (next(&lx) < 0 || parse_or(&lx, 0) < 0) {
        *why = lx.why ? lx.why : "malformed expression";
        return -1;
    }
    if (lx.kind != 0) {
        *why = lx.kind < 0 ? lx.why : "unexpected text after the expression";
        return -1;
    }
    if (lx.unknown) {
        *why = lx.why;
        return 1;
    }
    *why = NULL;
    return 0;
}
