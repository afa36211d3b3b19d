/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tsunagi vex: triage decisions recorded as VEX (new: a new OpenVEX or
 * CycloneDX document; add: one more statement in an existing one) and
 * VEX documents read back for people (list).
 */
#include "cli.h"
#include "util/json.h"

#include <stdlib.h>
#include <string.h>

/* What new and add share: the statement's options. */
struct stmt_opts {
    const char *vuln, *status, *justification, *impact, *action;
    const char *author, *role, *id, *timestamp, *sbom, *to, *output;
    const char **aliases, **products, **subs, **responses;
};

static void stmt_opts_free(struct stmt_opts *s)
{
    free(s->aliases);
    free(s->products);
    free(s->subs);
    free(s->responses);
}

static size_t count(const char **v)
{
    size_t n = 0;
    while (v && v[n])
        n++;
    return n;
}

/* Components a --product names are looked up in: --sbom, or the
 * CycloneDX BOM a statement is added to (then a bom-ref names it). */
struct resolver {
    tsn_sbom *sbom;
    const char *path;
    bool same_doc; /* the statement goes into this very BOM */
    tsnu_arena *arena;
};

static bool same_purl(const char *a, const char *b)
{
    if (tsnu_streq(a, b))
        return true;
    if (!a || !b || strncmp(a, "pkg:", 4) != 0 || strncmp(b, "pkg:", 4) != 0)
        return false;
    tsn_purl *pa = NULL, *pb = NULL;
    char *ca = NULL, *cb = NULL;
    bool same = tsn_purl_parse(&pa, a, 0) == 0 &&
                tsn_purl_parse(&pb, b, 0) == 0 &&
                tsn_purl_canonical(&ca, pa) == 0 &&
                tsn_purl_canonical(&cb, pb) == 0 && strcmp(ca, cb) == 0;
    tsn_free(ca);
    tsn_free(cb);
    tsn_purl_free(pa);
    tsn_purl_free(pb);
    return same;
}

/* The component @p name names: its bom-ref, its purl, or NAME@VERSION. */
static const tsn_sbom_component *find(const tsn_sbom *sbom, const char *name)
{
    size_t n = 0;
    const tsn_sbom_component *c = tsn_sbom_components(sbom, &n);
    for (size_t i = 0; i < n; i++)
        if (tsnu_streq(c[i].ref, name))
            return &c[i];
    for (size_t i = 0; i < n; i++)
        if (c[i].purl && same_purl(c[i].purl, name))
            return &c[i];
    const char *at = strrchr(name, '@');
    for (size_t i = 0; at && at > name && i < n; i++)
        if (c[i].name && c[i].version &&
            strlen(c[i].name) == (size_t)(at - name) &&
            strncmp(c[i].name, name, (size_t)(at - name)) == 0 &&
            strcmp(c[i].version, at + 1) == 0)
            return &c[i];
    return NULL;
}

/* A BOM-Link to component @p c of @p sbom (urn:cdx:SERIAL/VERSION#REF,
 * the ref percent-encoded) in *@p out, or NULL when the BOM has no serial
 * number; TSN_ENOMEM. */
static int bom_link(const struct resolver *rs,
                    const tsn_sbom_component *c,
                    const char **out)
{
    const tsn_sbom_doc *doc = tsn_sbom_document(rs->sbom);
    *out = NULL;
    if (!c->ref || !doc->serial || strncmp(doc->serial, "urn:uuid:", 9) != 0)
        return 0;
    tsn_buf b = TSN_BUF_INIT(SIZE_MAX / 2);
    int rc = tsn_buf_printf(&b, "urn:cdx:%s/%ld#", doc->serial + 9,
                            doc->version ? doc->version : 1);
    if (rc == 0)
        rc = tsnu_pct_encode(&b, c->ref, NULL);
    if (rc == 0 && !(*out = tsnu_arena_strdup(rs->arena, tsn_buf_cstr(&b))))
        rc = tsn_error_oom();
    tsn_buf_dispose(&b);
    return rc;
}

/* The product @p name as the statement names it: looked up in the SBOM
 * when there is one. EXIT_BADINPUT when --sbom names no such component. */
static int product(struct cli *cli,
                   const struct resolver *rs,
                   const char *name,
                   tsn_vex_format fmt,
                   tsn_vex_product *p)
{
    memset(p, 0, sizeof *p);
    const tsn_sbom_component *c = rs->sbom ? find(rs->sbom, name) : NULL;
    if (!c) {
        if (rs->sbom && !rs->same_doc) {
            cli_error("--product %s: no component of %s has that bom-ref, "
                      "package URL or NAME@VERSION",
                      name, rs->path);
            return EXIT_BADINPUT;
        }
        if (rs->sbom)
            cli_warn(cli,
                     "--product %s: no component of %s has that bom-ref, "
                     "package URL or NAME@VERSION; written as given",
                     name, rs->path);
        if (strncmp(name, "cpe:", 4) == 0) {
            p->cpe = name;
        } else {
            p->id = name;
            if (strncmp(name, "pkg:", 4) == 0)
                p->purl = name;
        }
        return EXIT_OK;
    }
    const char *link = NULL;
    if (bom_link(rs, c, &link) < 0)
        return cli_fail();
    p->purl = c->purl;
    p->cpe = c->n_cpes ? c->cpes[0] : NULL;
    if (fmt == TSN_VEX_CYCLONEDX)
        p->id = rs->same_doc ? c->ref : link;
    if (!p->id)
        p->id = c->purl ? c->purl : link;
    if (!p->id && !p->cpe) {
        cli_error("--product %s: the component has no package URL, CPE or "
                  "bom-ref to name it by",
                  name);
        return EXIT_BADINPUT;
    }
    return EXIT_OK;
}

/* A subcomponent's name: the purl of the component it names, else as
 * given. */
static const char *subcomponent(const struct resolver *rs, const char *name)
{
    const tsn_sbom_component *c = rs->sbom ? find(rs->sbom, name) : NULL;
    return c && c->purl ? c->purl : name;
}

static int read_sbom(struct cli *cli, const char *path, tsn_sbom **out)
{
    if (tsn_sbom_read_file(out, cli->ctx, path, NULL) < 0)
        return cli_fail();
    size_t nd = 0;
    const tsn_sbom_diag *d = tsn_sbom_diags(*out, &nd);
    for (size_t i = 0; i < nd; i++)
        if (d[i].severity == TSN_DIAG_ERROR) {
            cli_error("%s: %s", d[i].location, d[i].message);
            tsn_sbom_free(*out);
            *out = NULL;
            return EXIT_BADINPUT;
        }
    return EXIT_OK;
}

/* Write the statement the options say: into a new document (@p base
 * NULL) or added to @p base, read from @p base_path. */
static int write_statement(struct cli *cli,
                           const struct stmt_opts *so,
                           const char *base_path,
                           const tsn_buf *base,
                           tsn_buf *out)
{
    tsn_vex_write_opts o = {0};
    tsn_vex_statement st = {0};
    struct resolver rs = {0};
    tsnu_arena arena = {0};
    int rc = EXIT_OK;
    rs.arena = &arena;
    if (!so->vuln || !so->status || !so->products) {
        cli_error("--vuln, --status and --product are needed");
        return EXIT_BADINPUT;
    }
    if (!tsn_vex_status_lookup(so->status, &st.status)) {
        cli_error("--status %s: expected not_affected, affected, fixed or "
                  "under_investigation (or CycloneDX's false_positive, "
                  "exploitable, resolved, in_triage)",
                  so->status);
        return EXIT_BADINPUT;
    }
    o.format = TSN_VEX_OPENVEX;
    if (so->to && strcmp(so->to, "cyclonedx") == 0) {
        o.format = TSN_VEX_CYCLONEDX;
    } else if (so->to && strcmp(so->to, "openvex") != 0) {
        cli_error("--to %s: expected openvex or cyclonedx", so->to);
        return EXIT_BADINPUT;
    }
    o.id = so->id;
    o.author = so->author;
    o.role = so->role;
    o.timestamp = so->timestamp;
    o.responses = so->responses;
    o.nresponses = count(so->responses);
    st.vuln = so->vuln;
    st.aliases = so->aliases;
    st.naliases = count(so->aliases);
    st.justification = so->justification;
    st.impact = so->impact;
    st.action = so->action;
    if (base) {
        /* a CycloneDX BOM is written to as one; when it has components
         * (an SBOM), the statement names them by their bom-refs */
        tsn_sbom_read_opts ro = TSN_SBOM_READ_OPTS_INIT;
        tsn_sbom *b = NULL;
        size_t n = 0;
        ro.name = base_path;
        if (tsn_sbom_read(&b, cli->ctx, base->ptr ? base->ptr : "", base->len,
                          &ro) == 0 &&
            tsn_sbom_document(b)->format == TSN_SBOM_CDX_JSON) {
            o.format = TSN_VEX_CYCLONEDX;
            if (!so->sbom && (tsn_sbom_components(b, &n), n > 0)) {
                rs.sbom = b;
                rs.path = base_path;
                rs.same_doc = true;
                b = NULL;
            }
        }
        tsn_sbom_free(b);
    }
    if (so->sbom) {
        rc = read_sbom(cli, so->sbom, &rs.sbom);
        rs.path = so->sbom;
    }
    size_t np = count(so->products), ns = count(so->subs);
    tsn_vex_product *prs = calloc(np, sizeof *prs);
    const char **subs = ns ? calloc(ns, sizeof *subs) : NULL;
    if (!prs || (ns && !subs)) {
        cli_error("out of memory");
        rc = EXIT_INTERNAL;
    }
    for (size_t i = 0; rc == EXIT_OK && i < ns; i++)
        subs[i] = subcomponent(&rs, so->subs[i]);
    for (size_t i = 0; rc == EXIT_OK && i < np; i++) {
        rc = product(cli, &rs, so->products[i], o.format, &prs[i]);
        prs[i].subcomponents = subs;
        prs[i].nsubcomponents = ns;
    }
    st.products = prs;
    st.nproducts = np;
    char *text = NULL;
    if (rc == EXIT_OK &&
        tsn_vex_write(cli->ctx, &st, base ? (base->ptr ? base->ptr : "") : NULL,
                      base ? base->len : 0, base_path, &o, &text) < 0)
        rc = cli_fail();
    if (rc == EXIT_OK && tsn_buf_puts(out, text) < 0)
        rc = cli_fail();
    tsn_free(text);
    free(prs);
    free(subs);
    tsn_sbom_free(rs.sbom);
    tsnu_arena_dispose(&arena);
    return rc;
}

#define STMT_OPTS(s)                                                            \
    {"--vuln",  "ID", "the vulnerability (CVE-..., GHSA-...)",                  \
     &(s).vuln, NULL, NULL},                                                    \
        {"--alias", "ID", "another id of it (repeatable)",                      \
         NULL,      NULL, &(s).aliases},                                        \
        {"--status",                                                            \
         "STATUS",                                                              \
         "not_affected, affected, fixed, under_investigation "                  \
         "(CycloneDX: also false_positive)",                                    \
         &(s).status,                                                           \
         NULL,                                                                  \
         NULL},                                                                 \
        {"--product",                                                           \
         "P",                                                                   \
         "the product: a package URL, bom-ref, BOM-Link or NAME@VERSION "       \
         "(repeatable)",                                                        \
         NULL,                                                                  \
         NULL,                                                                  \
         &(s).products},                                                        \
        {"--subcomponent",                                                      \
         "P",                                                                   \
         "OpenVEX: the component of the product the statement is about "        \
         "(repeatable)",                                                        \
         NULL,                                                                  \
         NULL,                                                                  \
         &(s).subs},                                                            \
        {"--justification",                                                     \
         "WORD",                                                                \
         "why it is not affected, in the format's words",                       \
         &(s).justification,                                                    \
         NULL,                                                                  \
         NULL},                                                                 \
        {"--impact",  "TEXT", "how it is not affected, in words",               \
         &(s).impact, NULL,   NULL},                                            \
        {"--action", "TEXT", "what to do (affected)", &(s).action, NULL, NULL}, \
        {"--response",                                                          \
         "WORD",                                                                \
         "CycloneDX: can_not_fix, will_not_fix, update, rollback, "             \
         "workaround_available (repeatable)",                                   \
         NULL,                                                                  \
         NULL,                                                                  \
         &(s).responses},                                                       \
        {"--sbom",                                                              \
         "FILE",                                                                \
         "look the products up in this SBOM: written with its purls, CPEs "     \
         "and BOM-Links",                                                       \
         &(s).sbom,                                                             \
         NULL,                                                                  \
         NULL},                                                                 \
        {"--timestamp",                                                         \
         "TIME",                                                                \
         "when (RFC 3339; default: now, or $SOURCE_DATE_EPOCH)",                \
         &(s).timestamp,                                                        \
         NULL,                                                                  \
         NULL},                                                                 \
    {                                                                           \
        "-o", "FILE", "write to FILE (atomically)", &(s).output, NULL, NULL     \
    }

int cmd_vex_new(struct cli *cli, int argc, char **argv)
{
    struct stmt_opts so = {0};
    const struct opt opts[] = {
        STMT_OPTS(so),
        {"--to", "FORMAT", "openvex (default) or cyclonedx", &so.to, NULL,
         NULL},
        {"--author", "NAME", "who makes the statement (OpenVEX needs one)",
         &so.author, NULL, NULL},
        {"--role", "ROLE", "OpenVEX: the author's role", &so.role, NULL, NULL},
        {"--id", "IRI",
         "the document's @id (OpenVEX) or serialNumber (CycloneDX, "
         "urn:uuid:); default: derived from its content",
         &so.id, NULL, NULL},
        {NULL, NULL, NULL, NULL, NULL, NULL}};
    char **pos = NULL;
    int npos = 0;
    int rc = cli_parse(cli, cli_command("vex", "new"), opts, argc, argv, &pos,
                       &npos);
    if (rc != 0) {
        stmt_opts_free(&so);
        return rc > 0 ? EXIT_OK : EXIT_BADINPUT;
    }
    tsn_buf out = TSN_BUF_INIT(SIZE_MAX / 2);
    if (npos) {
        cli_error("usage: %s", cli_command("vex", "new")->usage);
        rc = EXIT_BADINPUT;
    } else {
        rc = write_statement(cli, &so, NULL, NULL, &out);
    }
    if (rc == EXIT_OK)
        rc = cli_emit(so.output, &out);
    tsn_buf_dispose(&out);
    stmt_opts_free(&so);
    free(pos);
    return rc;
}

int cmd_vex_add(struct cli *cli, int argc, char **argv)
{
    struct stmt_opts so = {0};
    const struct opt opts[] = {STMT_OPTS(so),
                               {NULL, NULL, NULL, NULL, NULL, NULL}};
    char **pos = NULL;
    int npos = 0;
    const struct command *cmd = cli_command("vex", "add");
    int rc = cli_parse(cli, cmd, opts, argc, argv, &pos, &npos);
    if (rc != 0) {
        stmt_opts_free(&so);
        return rc > 0 ? EXIT_OK : EXIT_BADINPUT;
    }
    size_t max = tsn_ctx_limits(cli->ctx)->document_bytes;
    tsn_buf in = TSN_BUF_INIT(max + 1);
    tsn_buf out = TSN_BUF_INIT(SIZE_MAX / 2);
    if (npos != 1) {
        cli_error("usage: %s", cmd->usage);
        rc = EXIT_BADINPUT;
    } else if (tsnu_file_read(&in, pos[0], max) < 0) {
        rc = cli_fail();
    } else {
        rc = write_statement(cli, &so, pos[0], &in, &out);
    }
    if (rc == EXIT_OK)
        rc = cli_emit(so.output ? so.output : pos[0], &out);
    tsn_buf_dispose(&in);
    tsn_buf_dispose(&out);
    stmt_opts_free(&so);
    free(pos);
    return rc;
}

/* ---- list --------------------------------------------------------------- */

static const char *product_name(const tsn_vex_product *p)
{
    return p->purl ? p->purl : p->id ? p->id : p->cpe ? p->cpe : "?";
}

static void list_json(const tsn_vex_statement *st, size_t n, tsn_buf *out)
{
    tsnu_jw w;
    tsnu_jw_init(&w, out);
    tsnu_jw_object(&w);
    tsnu_jw_key(&w, "statements");
    tsnu_jw_array(&w);
    for (size_t i = 0; i < n; i++) {
        const tsn_vex_statement *s = &st[i];
        tsnu_jw_object(&w);
        tsnu_jw_kstr(&w, "vulnerability", s->vuln);
        tsnu_jw_key(&w, "aliases");
        tsnu_jw_array(&w);
        for (size_t k = 0; k < s->naliases; k++)
            tsnu_jw_string(&w, s->aliases[k]);
        tsnu_jw_end(&w);
        tsnu_jw_kstr(&w, "status", tsn_vex_status_name(s->status));
        tsnu_jw_kstr(&w, "justification", s->justification);
        tsnu_jw_kstr(&w, "impact", s->impact);
        tsnu_jw_kstr(&w, "action", s->action);
        tsnu_jw_kstr(&w, "timestamp", s->timestamp);
        tsnu_jw_key(&w, "products");
        tsnu_jw_array(&w);
        for (size_t k = 0; k < s->nproducts; k++) {
            const tsn_vex_product *p = &s->products[k];
            tsnu_jw_object(&w);
            tsnu_jw_kstr(&w, "id", p->id);
            tsnu_jw_kstr(&w, "purl", p->purl);
            tsnu_jw_kstr(&w, "cpe", p->cpe);
            tsnu_jw_kstr(&w, "name", p->name);
            tsnu_jw_kstr(&w, "version", p->version);
            if (p->nsubcomponents) {
                tsnu_jw_key(&w, "subcomponents");
                tsnu_jw_array(&w);
                for (size_t j = 0; j < p->nsubcomponents; j++)
                    tsnu_jw_string(&w, p->subcomponents[j]);
                tsnu_jw_end(&w);
            }
            if (p->nversions) {
                tsnu_jw_key(&w, "versions");
                tsnu_jw_array(&w);
                for (size_t j = 0; j < p->nversions; j++) {
                    tsnu_jw_object(&w);
                    tsnu_jw_kstr(&w, "version", p->versions[j].version);
                    tsnu_jw_kstr(&w, "range", p->versions[j].range);
                    tsnu_jw_kstr(&w, "status", p->versions[j].status);
                    tsnu_jw_end(&w);
                }
                tsnu_jw_end(&w);
            }
            tsnu_jw_end(&w);
        }
        tsnu_jw_end(&w);
        tsnu_jw_kstr(&w, "where", s->where);
        tsnu_jw_end(&w);
    }
    tsnu_jw_end(&w);
    tsnu_jw_end(&w);
    (void)tsnu_jw_finish(&w);
}

static void list_table(const struct cli *cli,
                       const tsn_vex_statement *st,
                       size_t n,
                       tsn_buf *out)
{
    for (size_t i = 0; i < n; i++) {
        const tsn_vex_statement *s = &st[i];
        tsn_buf_printf(out, "%s  %s", s->vuln, tsn_vex_status_name(s->status));
        if (s->justification)
            tsn_buf_printf(out, " (%s)", s->justification);
        if (s->timestamp)
            tsn_buf_printf(out, "  %s", s->timestamp);
        tsn_buf_printf(out, "\n  %s %s\n", L(cli, "from", "出典"), s->where);
        for (size_t k = 0; k < s->nproducts; k++) {
            const tsn_vex_product *p = &s->products[k];
            tsn_buf_printf(out, "  %s %s", L(cli, "product", "製品"),
                           product_name(p));
            if (p->name)
                tsn_buf_printf(out, " (%s %s)", p->name,
                               p->version ? p->version : "");
            tsn_buf_putc(out, '\n');
            for (size_t j = 0; j < p->nsubcomponents; j++)
                tsn_buf_printf(out, "    %s %s\n",
                               L(cli, "component", "構成要素"),
                               p->subcomponents[j]);
            for (size_t j = 0; j < p->nversions; j++)
                tsn_buf_printf(
                    out, "    %s %s: %s\n", L(cli, "version", "バージョン"),
                    p->versions[j].version ? p->versions[j].version
                                           : p->versions[j].range,
                    p->versions[j].status ? p->versions[j].status : "?");
        }
        if (s->impact)
            tsn_buf_printf(out, "  %s %s\n", L(cli, "impact", "影響"),
                           s->impact);
        if (s->action)
            tsn_buf_printf(out, "  %s %s\n", L(cli, "action", "対応"),
                           s->action);
    }
    tsn_buf_printf(out, L(cli, "%zu statements\n", "VEX 文 %zu 件\n"), n);
}

int cmd_vex_list(struct cli *cli, int argc, char **argv)
{
    char **pos = NULL;
    int npos = 0;
    const struct command *cmd = cli_command("vex", "list");
    int rc = cli_parse(cli, cmd, NULL, argc, argv, &pos, &npos);
    if (rc != 0)
        return rc > 0 ? EXIT_OK : EXIT_BADINPUT;
    tsn_vex *set = NULL;
    if (npos == 0) {
        cli_error("usage: %s", cmd->usage);
        rc = EXIT_BADINPUT;
    } else if (tsn_vex_new(&set) < 0) {
        rc = cli_fail();
    }
    for (int i = 0; rc == EXIT_OK && i < npos; i++)
        if (tsn_vex_read_file(set, cli->ctx, pos[i]) < 0)
            rc = cli_fail();
    tsn_buf out = TSN_BUF_INIT(SIZE_MAX / 2);
    if (rc == EXIT_OK) {
        size_t n = 0;
        const tsn_vex_statement *st = tsn_vex_statements(set, &n);
        if (cli->format == FORMAT_JSON)
            list_json(st, n, &out);
        else
            list_table(cli, st, n, &out);
        rc = cli_emit(NULL, &out);
    }
    tsn_buf_dispose(&out);
    tsn_vex_free(set);
    free(pos);
    return rc;
}
