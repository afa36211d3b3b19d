/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The advisory model written as JSON in OSV's shape: what OSV has a field
 * for goes there, the rest (source, publisher, language, other-language
 * texts, CWEs, scorers, CPE configurations, products, statements and
 * unaffected versions) into
 * database_specific, as OSV intends for a database's own fields.
 */
#include "lib/lib.h"

#include "tsunagi/advisory.h"
#include "util/json.h"

#include <stdlib.h>

static void strings(tsnu_jw *w, const char *key, const char *const *v, size_t n)
{
    if (!n)
        return;
    tsnu_jw_key(w, key);
    tsnu_jw_array(w);
    for (size_t i = 0; i < n; i++)
        tsnu_jw_string(w, v[i]);
    tsnu_jw_end(w);
}

static const char *const event_names[] = {"introduced", "fixed",
                                          "last_affected", "limit"};

static void affected(tsnu_jw *w, const tsn_adv_affected *af)
{
    tsnu_jw_object(w);
    if (af->ecosystem || af->name || af->purl) {
        tsnu_jw_key(w, "package");
        tsnu_jw_object(w);
        tsnu_jw_kstr(w, "ecosystem", af->ecosystem);
        tsnu_jw_kstr(w, "name", af->name);
        tsnu_jw_kstr(w, "purl", af->purl);
        tsnu_jw_end(w);
    }
    if (af->nranges) {
        tsnu_jw_key(w, "ranges");
        tsnu_jw_array(w);
        for (size_t i = 0; i < af->nranges; i++) {
            const tsn_adv_range *r = &af->ranges[i];
            tsnu_jw_object(w);
            tsnu_jw_kstr(w, "type", r->type);
            tsnu_jw_kstr(w, "repo", r->repo);
            tsnu_jw_key(w, "events");
            tsnu_jw_array(w);
            for (size_t j = 0; j < r->nevents; j++) {
                tsnu_jw_object(w);
                tsnu_jw_kstr(w, event_names[r->events[j].kind],
                             r->events[j].version);
                tsnu_jw_end(w);
            }
            tsnu_jw_end(w);
            if (r->scheme) {
                tsnu_jw_key(w, "database_specific");
                tsnu_jw_object(w);
                tsnu_jw_kstr(w, "version_scheme", r->scheme);
                tsnu_jw_end(w);
            }
            tsnu_jw_end(w);
        }
        tsnu_jw_end(w);
    }
    strings(w, "versions", af->versions, af->nversions);
    if (af->vendor || af->product || af->ncpes || af->nstatements ||
        af->nunaffected) {
        tsnu_jw_key(w, "database_specific");
        tsnu_jw_object(w);
        tsnu_jw_kstr(w, "vendor", af->vendor);
        tsnu_jw_kstr(w, "product", af->product);
        strings(w, "cpes", af->cpes, af->ncpes);
        strings(w, "version_statements", af->statements, af->nstatements);
        strings(w, "unaffected_versions", af->unaffected, af->nunaffected);
        tsnu_jw_end(w);
    }
    tsnu_jw_end(w);
}

static void configs(tsnu_jw *w, const tsn_advisory *a)
{
    tsnu_jw_key(w, "configurations");
    tsnu_jw_array(w);
    for (size_t i = 0; i < a->nconfigs; i++) {
        const tsn_adv_config *c = &a->configs[i];
        tsnu_jw_object(w);
        tsnu_jw_kstr(w, "operator", c->and_op ? "AND" : "OR");
        if (c->negate) {
            tsnu_jw_key(w, "negate");
            tsnu_jw_bool(w, true);
        }
        tsnu_jw_key(w, "nodes");
        tsnu_jw_array(w);
        for (size_t j = 0; j < c->nnodes; j++) {
            const tsn_adv_node *n = &c->nodes[j];
            tsnu_jw_object(w);
            tsnu_jw_kstr(w, "operator", n->and_op ? "AND" : "OR");
            if (n->negate) {
                tsnu_jw_key(w, "negate");
                tsnu_jw_bool(w, true);
            }
            tsnu_jw_key(w, "cpeMatch");
            tsnu_jw_array(w);
            for (size_t k = 0; k < n->nmatches; k++) {
                const tsn_adv_cpe_match *m = &n->matches[k];
                tsnu_jw_object(w);
                tsnu_jw_key(w, "vulnerable");
                tsnu_jw_bool(w, m->vulnerable);
                tsnu_jw_kstr(w, "criteria", m->criteria);
                tsnu_jw_kstr(w, "versionStartIncluding", m->start_incl);
                tsnu_jw_kstr(w, "versionStartExcluding", m->start_excl);
                tsnu_jw_kstr(w, "versionEndIncluding", m->end_incl);
                tsnu_jw_kstr(w, "versionEndExcluding", m->end_excl);
                tsnu_jw_end(w);
            }
            tsnu_jw_end(w);
            tsnu_jw_end(w);
        }
        tsnu_jw_end(w);
        tsnu_jw_end(w);
    }
    tsnu_jw_end(w);
}

int tsn_advisory_to_json(const tsn_advisory *a, char **out)
{
    *out = NULL;
    tsn_buf b = TSN_BUF_INIT(TSN_LIMIT_DOCUMENT_BYTES);
    tsnu_jw w;
    tsnu_jw_init(&w, &b);
    tsnu_jw_object(&w);
    tsnu_jw_kstr(&w, "schema_version", a->schema_version);
    tsnu_jw_kstr(&w, "id", a->id);
    tsnu_jw_kstr(&w, "modified", a->modified);
    tsnu_jw_kstr(&w, "published", a->published);
    tsnu_jw_kstr(&w, "withdrawn", a->withdrawn);
    strings(&w, "aliases", a->aliases, a->naliases);
    strings(&w, "related", a->related, a->nrelated);
    tsnu_jw_kstr(&w, "summary", a->summary);
    tsnu_jw_kstr(&w, "details", a->details);
    if (a->nseverity) {
        tsnu_jw_key(&w, "severity");
        tsnu_jw_array(&w);
        for (size_t i = 0; i < a->nseverity; i++) {
            tsnu_jw_object(&w);
            tsnu_jw_kstr(&w, "type", a->severity[i].type);
            tsnu_jw_kstr(&w, "score", a->severity[i].score);
            tsnu_jw_end(&w);
        }
        tsnu_jw_end(&w);
    }
    if (a->naffected) {
        tsnu_jw_key(&w, "affected");
        tsnu_jw_array(&w);
        for (size_t i = 0; i < a->naffected; i++)
            affected(&w, &a->affected[i]);
        tsnu_jw_end(&w);
    }
    if (a->nrefs) {
        tsnu_jw_key(&w, "references");
        tsnu_jw_array(&w);
        for (size_t i = 0; i < a->nrefs; i++) {
            tsnu_jw_object(&w);
            tsnu_jw_kstr(&w, "type", a->refs[i].type);
            tsnu_jw_kstr(&w, "url", a->refs[i].url);
            tsnu_jw_end(&w);
        }
        tsnu_jw_end(&w);
    }
    tsnu_jw_key(&w, "database_specific");
    tsnu_jw_object(&w);
    tsnu_jw_kstr(&w, "source", a->source);
    tsnu_jw_kstr(&w, "publisher", a->publisher);
    tsnu_jw_kstr(&w, "lang", a->lang);
    if (a->overview) {
        tsnu_jw_key(&w, "overview");
        tsnu_jw_bool(&w, true);
    }
    strings(&w, "cwe_ids", a->cwes, a->ncwes);
    if (a->nseverity) {
        tsnu_jw_key(&w, "severity_by");
        tsnu_jw_array(&w);
        for (size_t i = 0; i < a->nseverity; i++)
            tsnu_jw_string(&w, a->severity[i].by ? a->severity[i].by : "");
        tsnu_jw_end(&w);
    }
    if (a->ntexts) {
        tsnu_jw_key(&w, "texts");
        tsnu_jw_array(&w);
        for (size_t i = 0; i < a->ntexts; i++) {
            tsnu_jw_object(&w);
            tsnu_jw_kstr(&w, "lang", a->texts[i].lang);
            tsnu_jw_kstr(&w, "text", a->texts[i].text);
            tsnu_jw_end(&w);
        }
        tsnu_jw_end(&w);
    }
    if (a->nconfigs)
        configs(&w, a);
    tsnu_jw_end(&w);
    tsnu_jw_end(&w);
    int rc = tsnu_jw_finish(&w);
    if (rc == 0 && !(*out = tsn_buf_detach(&b)))
        rc = tsn_error_oom();
    tsn_buf_dispose(&b);
    return rc;
}
