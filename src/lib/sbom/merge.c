/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Merging SBOMs into a product SBOM (see tsn_sbom_merge() in sbom.h). The
 * result owns copies of everything it keeps, so the inputs may be freed.
 */
#include "model.h"

#include <string.h>

#include "tsunagi/purl.h"

/* A simple string-to-string map (open addressing over an arena). */
struct map {
    const char **keys, **vals;
    size_t cap, len;
};

static int map_put(struct map *m, const char *k, const char *v)
{
    size_t j;
    if ((m->len + 1) * 2 > m->cap) {
        struct map n = {NULL, NULL, m->cap ? m->cap * 2 : 64, 0};
        n.keys = tsn_calloc(n.cap, sizeof *n.keys);
        n.vals = tsn_calloc(n.cap, sizeof *n.vals);
        if (!n.keys || !n.vals) {
            tsn_free(n.keys);
            tsn_free(n.vals);
            return tsn_error_oom();
        }
        for (size_t i = 0; i < m->cap; i++)
            if (m->keys[i]) {
                j = tsnu_strhash(m->keys[i]) & (n.cap - 1);
                while (n.keys[j])
                    j = (j + 1) & (n.cap - 1);
                n.keys[j] = m->keys[i];
                n.vals[j] = m->vals[i];
                n.len++;
            }
        tsn_free(m->keys);
        tsn_free(m->vals);
        *m = n;
    }
    j = tsnu_strhash(k) & (m->cap - 1);
    while (m->keys[j]) {
        if (strcmp(m->keys[j], k) == 0) {
            m->vals[j] = v;
            return 0;
        }
        j = (j + 1) & (m->cap - 1);
    }
    m->keys[j] = k;
    m->vals[j] = v;
    m->len++;
    return 0;
}

static const char *map_get(const struct map *m, const char *k)
{
    size_t j;
    if (!m->cap)
        return NULL;
    j = tsnu_strhash(k) & (m->cap - 1);
    while (m->keys[j]) {
        if (strcmp(m->keys[j], k) == 0)
            return m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    return NULL;
}

static void map_dispose(struct map *m)
{
    tsn_free(m->keys);
    tsn_free(m->vals);
    memset(m, 0, sizeof *m);
}

#define DUP(a, s) ((s) ? tsnu_arena_strdup((a), (s)) : NULL)

/* Deep-copy component @p c into @p out (strings into arena @p a). */
static int copy_component(tsnu_arena *a,
                          tsn_sbom_component *out,
                          const tsn_sbom_component *c)
{
    const char **cpes = NULL;
    tsn_sbom_hash *h = NULL;
    tsn_sbom_license *l = NULL;
    tsn_sbom_extref *x = NULL;
    tsn_sbom_property *p = NULL;

    memset(out, 0, sizeof *out);
    out->parent = TSN_SBOM_NONE;
    out->type = DUP(a, c->type);
    out->group = DUP(a, c->group);
    out->name = DUP(a, c->name);
    out->version = DUP(a, c->version);
    out->supplier = DUP(a, c->supplier);
    out->author = DUP(a, c->author);
    out->publisher = DUP(a, c->publisher);
    out->description = DUP(a, c->description);
    out->scope = DUP(a, c->scope);
    out->copyright = DUP(a, c->copyright);
    out->purl = DUP(a, c->purl);
    if (c->n_cpes && !(cpes = tsnu_arena_calloc(a, c->n_cpes, sizeof *cpes)))
        return tsn_error_oom();
    for (size_t i = 0; i < c->n_cpes; i++)
        cpes[i] = DUP(a, c->cpes[i]);
    if (c->n_hashes && !(h = tsnu_arena_calloc(a, c->n_hashes, sizeof *h)))
        return tsn_error_oom();
    for (size_t i = 0; i < c->n_hashes; i++) {
        h[i].alg = DUP(a, c->hashes[i].alg);
        h[i].value = DUP(a, c->hashes[i].value);
    }
    if (c->n_licenses && !(l = tsnu_arena_calloc(a, c->n_licenses, sizeof *l)))
        return tsn_error_oom();
    for (size_t i = 0; i < c->n_licenses; i++) {
        l[i].expression = DUP(a, c->licenses[i].expression);
        l[i].name = DUP(a, c->licenses[i].name);
        l[i].kind = c->licenses[i].kind;
    }
    if (c->n_extrefs && !(x = tsnu_arena_calloc(a, c->n_extrefs, sizeof *x)))
        return tsn_error_oom();
    for (size_t i = 0; i < c->n_extrefs; i++) {
        x[i].type = DUP(a, c->extrefs[i].type);
        x[i].url = DUP(a, c->extrefs[i].url);
        x[i].comment = DUP(a, c->extrefs[i].comment);
    }
    if (c->n_properties &&
        !(p = tsnu_arena_calloc(a, c->n_properties, sizeof *p)))
        return tsn_error_oom();
    for (size_t i = 0; i < c->n_properties; i++) {
        p[i].name = DUP(a, c->properties[i].name);
        p[i].value = DUP(a, c->properties[i].value);
    }
    out->cpes = cpes;
    out->n_cpes = c->n_cpes;
    out->hashes = h;
    out->n_hashes = c->n_hashes;
    out->licenses = l;
    out->n_licenses = c->n_licenses;
    out->extrefs = x;
    out->n_extrefs = c->n_extrefs;
    out->properties = p;
    out->n_properties = c->n_properties;
    return 0;
}

/* Deduplication key: canonical purl, else name@version#hash. */
static const char *dedup_key(tsnu_arena *a, const tsn_sbom_component *c)
{
    tsn_purl *p = NULL;
    char *canon = NULL;
    const char *key = NULL;
    if (c->purl && tsn_purl_parse(&p, c->purl, 0) == 0 &&
        tsn_purl_canonical(&canon, p) == 0)
        key = tsnu_arena_printf(a, "purl\x1f%s", canon);
    tsn_error_clear();
    tsn_free(canon);
    tsn_purl_free(p);
    if (key || !c->name)
        return key;
    return tsnu_arena_printf(
        a, "nvh\x1f%s\x1f%s\x1f%s\x1f%s", c->group ? c->group : "", c->name,
        c->version ? c->version : "", c->n_hashes ? c->hashes[0].value : "");
}

int tsn_sbom_merge(tsn_sbom **out,
                   tsn_ctx *ctx,
                   const tsn_sbom *const *inputs,
                   const char *const *names,
                   size_t n,
                   const char *root_name,
                   const char *root_version)
{
    tsn_sbom *m = NULL;
    struct map by_key = {0}, used_refs = {0};
    size_t root;
    int error;

    *out = NULL;
    if (!n || !root_name || !*root_name)
        return tsn_error_set(TSN_EINVALID,
                             "merge needs at least one input and a root name");
    error = tsn_sbom__new(&m, ctx, "merged");
    if (error < 0)
        return error;
    m->doc.format = TSN_SBOM_CDX_JSON;
    m->doc.spec_version = "1.6";
    m->doc.version = 1;
    error = tsn_sbom__add_component(m, &root);
    if (error < 0)
        goto done;
    {
        tsn_sbom_component *rc = tsn_sbom__comp(m, root);
        rc->type = "application";
        rc->name = tsnu_arena_strdup(&m->arena, root_name);
        rc->version = DUP(&m->arena, root_version);
        rc->ref = tsnu_arena_printf(&m->arena, "%s@%s", root_name,
                                    root_version ? root_version : "");
        if (!rc->name || !rc->ref) {
            error = tsn_error_oom();
            goto done;
        }
        m->doc.root = root;
        error = map_put(&used_refs, rc->ref, rc->ref);
        if (error < 0)
            goto done;
    }
    for (size_t in = 0; in < n && error >= 0; in++) {
        const tsn_sbom *s = inputs[in];
        struct map refmap = {0};
        size_t nc = s->comps.len, *idx = NULL;
        const char *src = tsnu_arena_strdup(&m->arena, names[in]);

        idx = tsn_calloc(nc ? nc : 1, sizeof *idx);
        if (!idx || !src) {
            tsn_free(idx);
            error = tsn_error_oom();
            break;
        }
        for (size_t i = 0; i < nc && error >= 0; i++) {
            const tsn_sbom_component *c =
                TSNU_VEC_AT(&s->comps, tsn_sbom_component, i);
            const char *key = dedup_key(&m->arena, c), *ref;
            const size_t *existing =
                key ? (const size_t *)(const void *)map_get(&by_key, key)
                    : NULL;
            tsn_sbom_component *nc_;
            size_t k;

            if (existing) {
                /* A duplicate: refer to the kept component, note the
                 * additional source. */
                size_t kept = *existing;
                tsn_sbom_component *kc = tsn_sbom__comp(m, kept);
                idx[i] = kept;
                if (!strstr(kc->source, src)) {
                    kc->source =
                        tsnu_arena_printf(&m->arena, "%s, %s", kc->source, src);
                    if (!kc->source)
                        error = tsn_error_oom();
                }
                if (c->ref)
                    error = map_put(&refmap, c->ref, kc->ref);
                continue;
            }
            error = tsn_sbom__add_component(m, &k);
            if (error < 0)
                break;
            nc_ = tsn_sbom__comp(m, k);
            error = copy_component(&m->arena, nc_, c);
            if (error < 0)
                break;
            idx[i] = k;
            nc_->source = src;
            /* bom-refs stay as they were unless another input used them;
             * a component without one gets one, so the graph can name it. */
            if (!c->ref)
                ref = tsnu_arena_printf(&m->arena, "%zu:component-%zu", in + 1,
                                        i + 1);
            else if (map_get(&used_refs, c->ref))
                ref = tsnu_arena_printf(&m->arena, "%zu:%s", in + 1, c->ref);
            else
                ref = tsnu_arena_strdup(&m->arena, c->ref);
            if (!ref) {
                error = tsn_error_oom();
                break;
            }
            nc_->ref = ref;
            error = map_put(&used_refs, ref, ref);
            if (error == 0 && c->ref)
                error = map_put(&refmap, c->ref, ref);
            /* Remember where the component went, by key. */
            if (error == 0 && key) {
                size_t *slot = tsnu_arena_alloc(&m->arena, sizeof *slot);
                if (!slot) {
                    error = tsn_error_oom();
                    break;
                }
                *slot = k;
                error = map_put(&by_key, key, (const char *)(void *)slot);
            }
        }
        /* Nesting: parent indices follow the renumbering. */
        for (size_t i = 0; i < nc && error >= 0; i++) {
            const tsn_sbom_component *c =
                TSNU_VEC_AT(&s->comps, tsn_sbom_component, i);
            tsn_sbom_component *mc = tsn_sbom__comp(m, idx[i]);
            if (c->parent != TSN_SBOM_NONE && mc->parent == TSN_SBOM_NONE &&
                idx[c->parent] != idx[i] && mc->source == src)
                mc->parent = idx[c->parent];
        }
        /* Relationships, with refs renamed. */
        for (size_t i = 0; i < s->rels.len && error >= 0; i++) {
            const tsn_sbom_relationship *r =
                TSNU_VEC_AT(&s->rels, tsn_sbom_relationship, i);
            const char *from = map_get(&refmap, r->from);
            const char *to = map_get(&refmap, r->to);
            if (!from)
                from = tsnu_arena_strdup(&m->arena, r->from);
            if (!to)
                to = tsnu_arena_strdup(&m->arena, r->to);
            if (!from || !to) {
                error = tsn_error_oom();
                break;
            }
            error = tsn_sbom__add_rel(m, from, to,
                                      tsnu_arena_strdup(&m->arena, r->type));
        }
        /* The input's root (or its top-level components) under ours. */
        for (size_t i = 0; i < nc && error >= 0; i++) {
            const tsn_sbom_component *c =
                TSNU_VEC_AT(&s->comps, tsn_sbom_component, i);
            const char *ref = tsn_sbom__comp(m, idx[i])->ref;
            bool is_root = s->doc.root != TSN_SBOM_NONE
                               ? i == s->doc.root
                               : c->parent == TSN_SBOM_NONE;
            if (is_root && ref)
                error = tsn_sbom__add_rel(m, tsn_sbom__comp(m, root)->ref, ref,
                                          "DEPENDS_ON");
        }
        map_dispose(&refmap);
        tsn_free(idx);
    }
done:
    map_dispose(&by_key);
    map_dispose(&used_refs);
    if (error < 0) {
        tsn_sbom_free(m);
        return error;
    }
    *out = m;
    return 0;
}
