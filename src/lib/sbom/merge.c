/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Merging SBOMs into a product SBOM (see tsn_sbom_merge() in sbom.h). The
 * result owns copies of everything it keeps, so the inputs may be freed.
 */
#include "model.h"

#include <string.h>

#include "tsunagi/purl.h"

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
    out->purl_invalid = c->purl_invalid;
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
    tsnu_map by_key = TSNU_MAP_INIT; /* dedup key -> merged index */
    tsnu_strset used_refs = TSNU_STRSET_INIT;
    /* per merged component: the last input that contributed it */
    tsnu_vec last_input = TSNU_VEC_INIT(size_t, SIZE_MAX / 64);
    size_t root, none = TSN_SBOM_NONE;
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
    if (error == 0)
        error = tsnu_vec_push(&last_input, &none);
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
        error = tsnu_strset_add(&used_refs, rc->ref);
        if (error < 0)
            goto done;
    }
    for (size_t in = 0; in < n && error >= 0; in++) {
        const tsn_sbom *s = inputs[in];
        tsnu_map refmap = TSNU_MAP_INIT; /* input ref -> merged index */
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
            tsn_sbom_component *nc_;
            size_t k, kept;

            if (key && tsnu_map_get(&by_key, key, &kept)) {
                /* A duplicate: refer to the kept component, note the
                 * additional source once per input. */
                tsn_sbom_component *kc = tsn_sbom__comp(m, kept);
                size_t *last = TSNU_VEC_AT(&last_input, size_t, kept);
                idx[i] = kept;
                if (*last != in) {
                    *last = in;
                    kc->source =
                        tsnu_arena_printf(&m->arena, "%s, %s", kc->source, src);
                    if (!kc->source)
                        error = tsn_error_oom();
                }
                if (error == 0 && c->ref)
                    error = tsnu_map_put(&refmap, c->ref, kept);
                continue;
            }
            error = tsn_sbom__add_component(m, &k);
            if (error == 0)
                error = tsnu_vec_push(&last_input, &in);
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
            else if (tsnu_strset_has(&used_refs, c->ref))
                ref = tsnu_arena_printf(&m->arena, "%zu:%s", in + 1, c->ref);
            else
                ref = tsnu_arena_strdup(&m->arena, c->ref);
            if (!ref) {
                error = tsn_error_oom();
                break;
            }
            nc_->ref = ref;
            error = tsnu_strset_add(&used_refs, ref);
            if (error >= 0 && c->ref)
                error = tsnu_map_put(&refmap, c->ref, k);
            /* Remember where the component went, by key. */
            if (error >= 0 && key)
                error = tsnu_map_put(&by_key, key, k);
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
            size_t fi, ti;
            const char *from = tsnu_map_get(&refmap, r->from, &fi)
                                   ? tsn_sbom__comp(m, fi)->ref
                                   : tsnu_arena_strdup(&m->arena, r->from);
            const char *to = tsnu_map_get(&refmap, r->to, &ti)
                                 ? tsn_sbom__comp(m, ti)->ref
                                 : tsnu_arena_strdup(&m->arena, r->to);
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
        tsnu_map_dispose(&refmap);
        tsn_free(idx);
    }
done:
    tsnu_map_dispose(&by_key);
    tsnu_strset_dispose(&used_refs);
    tsnu_vec_dispose(&last_input);
    if (error < 0) {
        tsn_sbom_free(m);
        return error;
    }
    *out = m;
    return 0;
}
