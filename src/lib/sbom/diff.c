/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SBOM comparison: components keyed by package identity, then paired per
 * key (equal versions first, then the rest in order), giving added,
 * removed, version-changed and licence-changed entries.
 */
#include "model.h"

#include <stdlib.h>
#include <string.h>

#include "tsunagi/purl.h"

struct tsn_sbom_diff {
    tsnu_arena arena;
    tsnu_vec changes; /* tsn_sbom_change */
};

struct entry {
    const char *key;
    const tsn_sbom_component *c;
    const char *license;
    bool paired;
};

/* Identity of a component: purl type/namespace/name, else group/name. */
static const char *identity(tsnu_arena *a, const tsn_sbom_component *c)
{
    tsn_purl *p = NULL;
    const char *key;
    if (c->purl && tsn_purl_parse(&p, c->purl, 0) == 0) {
        key = tsnu_arena_printf(a, "pkg:%s/%s%s%s", p->type,
                                p->namespace_ ? p->namespace_ : "",
                                p->namespace_ ? "/" : "", p->name);
        tsn_purl_free(p);
        return key;
    }
    tsn_error_clear();
    return tsnu_arena_printf(a, "%s%s%s", c->group ? c->group : "",
                             c->group ? "/" : "", c->name ? c->name : "");
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Licences of a component, sorted and joined, so order does not matter. */
static const char *license_text(tsnu_arena *a, const tsn_sbom_component *c)
{
    const char *parts[64];
    size_t n = 0, len = 1;
    char *out, *w;
    for (size_t i = 0; i < c->n_licenses && n < 64; i++) {
        const char *t = c->licenses[i].expression ? c->licenses[i].expression
                                                  : c->licenses[i].name;
        if (t)
            parts[n++] = t;
    }
    if (!n)
        return "";
    qsort(parts, n, sizeof *parts, cmp_str);
    for (size_t i = 0; i < n; i++)
        len += strlen(parts[i]) + 3;
    out = tsnu_arena_alloc(a, len);
    if (!out)
        return NULL;
    w = out;
    for (size_t i = 0; i < n; i++) {
        if (i && strcmp(parts[i], parts[i - 1]) == 0)
            continue;
        if (w != out) {
            memcpy(w, " | ", 3);
            w += 3;
        }
        /* Runs of white space count as one space: XML documents wrap
         * long licence names. */
        for (const char *p = parts[i]; *p; p++) {
            bool ws = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
            if (ws && (p[1] == ' ' || p[1] == '\n' || p[1] == '\t' ||
                       p[1] == '\r' || p == parts[i] || !p[1]))
                continue;
            *w++ = ws ? ' ' : *p;
        }
    }
    *w = '\0';
    return out;
}

static int cmp_entry(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    int r = strcmp(x->key, y->key);
    if (r)
        return r;
    return strcmp(x->c->version ? x->c->version : "",
                  y->c->version ? y->c->version : "");
}

static int
collect(tsn_sbom_diff *d, const tsn_sbom *s, struct entry **out, size_t *n_out)
{
    size_t n = s->comps.len;
    struct entry *e = tsn_calloc(n ? n : 1, sizeof *e);
    *out = NULL;
    TSN_CHECK_ALLOC(e);
    for (size_t i = 0; i < n; i++) {
        e[i].c = TSNU_VEC_AT(&s->comps, tsn_sbom_component, i);
        e[i].key = identity(&d->arena, e[i].c);
        e[i].license = license_text(&d->arena, e[i].c);
        if (!e[i].key || !e[i].license) {
            tsn_free(e);
            return tsn_error_oom();
        }
    }
    qsort(e, n, sizeof *e, cmp_entry);
    *out = e;
    *n_out = n;
    return 0;
}

static int add(tsn_sbom_diff *d,
               tsn_change_kind kind,
               const struct entry *o,
               const struct entry *n)
{
    tsn_sbom_change *c;
    int error = tsnu_vec_add(&d->changes, (void **)&c);
    if (error < 0)
        return error;
    c->kind = kind;
    c->key = (n ? n : o)->key;
    c->name = (n ? n : o)->c->name;
    c->purl = (n ? n : o)->c->purl;
    c->old_version = o ? o->c->version : NULL;
    c->new_version = n ? n->c->version : NULL;
    c->old_license = o ? o->license : NULL;
    c->new_license = n ? n->license : NULL;
    return 0;
}

static bool same(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

int tsn_sbom_diff_new(tsn_sbom_diff **out,
                      const tsn_sbom *old_s,
                      const tsn_sbom *new_s)
{
    tsn_sbom_diff *d;
    struct entry *a = NULL, *b = NULL;
    size_t na = 0, nb = 0, i = 0, j = 0;
    int error;

    *out = NULL;
    d = tsn_calloc(1, sizeof *d);
    TSN_CHECK_ALLOC(d);
    d->changes = (tsnu_vec)TSNU_VEC_INIT(tsn_sbom_change, SIZE_MAX / 64);
    error = collect(d, old_s, &a, &na);
    if (error == 0)
        error = collect(d, new_s, &b, &nb);
    /* Walk both sorted lists one key at a time. */
    while (error == 0 && (i < na || j < nb)) {
        int c = i >= na ? 1 : j >= nb ? -1 : strcmp(a[i].key, b[j].key);
        size_t ie = i, je = j;
        if (c < 0) {
            error = add(d, TSN_CHANGE_REMOVED, &a[i++], NULL);
            continue;
        }
        if (c > 0) {
            error = add(d, TSN_CHANGE_ADDED, NULL, &b[j++]);
            continue;
        }
        while (ie < na && strcmp(a[ie].key, a[i].key) == 0)
            ie++;
        while (je < nb && strcmp(b[je].key, b[j].key) == 0)
            je++;
        /* Equal versions pair first; a licence change shows there. */
        for (size_t x = i; x < ie && error == 0; x++)
            for (size_t y = j; y < je; y++) {
                if (b[y].paired || !same(a[x].c->version, b[y].c->version))
                    continue;
                a[x].paired = b[y].paired = true;
                if (strcmp(a[x].license, b[y].license) != 0)
                    error = add(d, TSN_CHANGE_LICENSE, &a[x], &b[y]);
                break;
            }
        /* The rest pair in version order as upgrades; leftovers are
         * added or removed. */
        {
            size_t x = i, y = j;
            while (error == 0) {
                while (x < ie && a[x].paired)
                    x++;
                while (y < je && b[y].paired)
                    y++;
                if (x >= ie && y >= je)
                    break;
                if (x < ie && y < je) {
                    a[x].paired = b[y].paired = true;
                    error = add(d, TSN_CHANGE_VERSION, &a[x], &b[y]);
                } else if (x < ie) {
                    a[x].paired = true;
                    error = add(d, TSN_CHANGE_REMOVED, &a[x], NULL);
                } else {
                    b[y].paired = true;
                    error = add(d, TSN_CHANGE_ADDED, NULL, &b[y]);
                }
            }
        }
        i = ie;
        j = je;
    }
    tsn_free(a);
    tsn_free(b);
    if (error < 0) {
        tsn_sbom_diff_free(d);
        return error;
    }
    *out = d;
    return 0;
}

const tsn_sbom_change *tsn_sbom_diff_changes(const tsn_sbom_diff *d, size_t *n)
{
    *n = d->changes.len;
    return d->changes.ptr;
}

void tsn_sbom_diff_free(tsn_sbom_diff *d)
{
    if (!d)
        return;
    tsnu_vec_dispose(&d->changes);
    tsnu_arena_dispose(&d->arena);
    tsn_free(d);
}
