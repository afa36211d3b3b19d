/* SPDX-License-Identifier: Apache-2.0 */
/* tsunagi sbom validate | info */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "util/json.h"

int cmd_sbom_validate(struct cli *cli, int argc, char **argv)
{
    char **pos = NULL;
    int npos = 0, rc = EXIT_OK, prc;
    tsn_buf out = TSN_BUF_INIT((size_t)1 << 30);

    prc = cli_parse(cli, cli_command("sbom", "validate"), NULL, argc, argv,
                    &pos, &npos);
    if (prc != 0)
        return prc > 0 ? EXIT_OK : EXIT_BADINPUT;
    if (npos == 0) {
        cli_error("%s: expected at least one FILE", cli->cmd);
        free(pos);
        return EXIT_BADINPUT;
    }
    if (cli->format == FORMAT_JSON)
        tsn_buf_puts(&out, "[");
    for (int i = 0; i < npos; i++) {
        tsn_sbom *s = NULL;
        const tsn_sbom_diag *d;
        size_t nd, ne;
        if (tsn_sbom_read_file(&s, cli->ctx, pos[i], NULL) < 0) {
            int e = cli_fail();
            if (rc == EXIT_OK || rc == EXIT_FINDINGS)
                rc = e;
            continue;
        }
        d = tsn_sbom_diags(s, &nd);
        ne = tsn_sbom_error_count(s);
        if (ne && rc == EXIT_OK)
            rc = EXIT_FINDINGS;
        if (cli->format == FORMAT_JSON) {
            tsn_buf_puts(&out, i ? ",\n{\"file\": " : "\n{\"file\": ");
            tsnu_json_put_string(&out, pos[i]);
            tsn_buf_printf(&out,
                           ", \"format\": \"%s\", \"valid\": %s, "
                           "\"errors\": %zu, \"diagnostics\": [",
                           tsn_sbom_format_name(tsn_sbom_document(s)->format),
                           ne ? "false" : "true", ne);
            for (size_t k = 0; k < nd; k++) {
                tsn_buf_puts(&out, k ? ", {\"severity\": " : "{\"severity\": ");
                tsn_buf_puts(&out, d[k].severity == TSN_DIAG_ERROR
                                       ? "\"error\""
                                       : "\"warning\"");
                tsn_buf_puts(&out, ", \"location\": ");
                tsnu_json_put_string(&out, d[k].location);
                tsn_buf_puts(&out, ", \"message\": ");
                tsnu_json_put_string(&out, d[k].message);
                tsn_buf_puts(&out, "}");
            }
            tsn_buf_puts(&out, "]}");
        } else {
            for (size_t k = 0; k < nd; k++)
                tsn_buf_printf(&out, "%s: %s: %s\n", d[k].location,
                               d[k].severity == TSN_DIAG_ERROR
                                   ? L(cli, "error", "エラー")
                                   : L(cli, "warning", "警告"),
                               d[k].message);
            if (ne)
                tsn_buf_printf(
                    &out,
                    L(cli, "%s: invalid %s (%zu errors)\n",
                      "%s: 無効な %s（エラー %zu 件）\n"),
                    pos[i], tsn_sbom_format_name(tsn_sbom_document(s)->format),
                    ne);
            else
                tsn_buf_printf(
                    &out, L(cli, "%s: valid %s %s\n", "%s: 有効な %s %s\n"),
                    pos[i], tsn_sbom_format_name(tsn_sbom_document(s)->format),
                    tsn_sbom_document(s)->spec_version
                        ? tsn_sbom_document(s)->spec_version
                        : "");
        }
        tsn_sbom_free(s);
    }
    if (cli->format == FORMAT_JSON)
        tsn_buf_puts(&out, "\n]\n");
    prc = cli_emit(NULL, &out);
    tsn_buf_dispose(&out);
    free(pos);
    return prc != EXIT_OK ? prc : rc;
}

int cmd_sbom_info(struct cli *cli, int argc, char **argv)
{
    char **pos = NULL;
    int npos = 0, rc = EXIT_OK, prc;
    tsn_buf out = TSN_BUF_INIT((size_t)1 << 30);

    prc = cli_parse(cli, cli_command("sbom", "info"), NULL, argc, argv, &pos,
                    &npos);
    if (prc != 0)
        return prc > 0 ? EXIT_OK : EXIT_BADINPUT;
    if (npos == 0) {
        cli_error("%s: expected at least one FILE", cli->cmd);
        free(pos);
        return EXIT_BADINPUT;
    }
    for (int i = 0; i < npos; i++) {
        tsn_sbom *s = NULL;
        const tsn_sbom_doc *doc;
        size_t nc, nr, nv;
        if (tsn_sbom_read_file(&s, cli->ctx, pos[i], NULL) < 0) {
            rc = cli_fail();
            continue;
        }
        doc = tsn_sbom_document(s);
        tsn_sbom_components(s, &nc);
        tsn_sbom_relationships(s, &nr);
        tsn_sbom_vulns(s, &nv);
        if (cli->format == FORMAT_JSON) {
            tsn_buf_puts(&out, "{\"file\": ");
            tsnu_json_put_string(&out, pos[i]);
            tsn_buf_printf(&out, ", \"format\": \"%s\", \"specVersion\": ",
                           tsn_sbom_format_name(doc->format));
            if (doc->spec_version)
                tsnu_json_put_string(&out, doc->spec_version);
            else
                tsn_buf_puts(&out, "null");
            tsn_buf_puts(&out, ", \"serial\": ");
            if (doc->serial)
                tsnu_json_put_string(&out, doc->serial);
            else
                tsn_buf_puts(&out, "null");
            tsn_buf_printf(&out,
                           ", \"components\": %zu, \"relationships\": %zu, "
                           "\"vulnerabilities\": %zu, \"errors\": %zu}\n",
                           nc, nr, nv, tsn_sbom_error_count(s));
        } else {
            tsn_buf_printf(&out,
                           "%s\n  %-16s %s %s\n  %-16s %s\n  %-16s %zu\n"
                           "  %-16s %zu\n  %-16s %zu\n  %-16s %zu\n",
                           pos[i], L(cli, "format", "形式"),
                           tsn_sbom_format_name(doc->format),
                           doc->spec_version ? doc->spec_version : "",
                           L(cli, "serial", "シリアル"),
                           doc->serial ? doc->serial : "-",
                           L(cli, "components", "コンポーネント"), nc,
                           L(cli, "relationships", "関係"), nr,
                           L(cli, "vulnerabilities", "脆弱性"), nv,
                           L(cli, "schema errors", "スキーマエラー"),
                           tsn_sbom_error_count(s));
        }
        tsn_sbom_free(s);
    }
    prc = cli_emit(NULL, &out);
    tsn_buf_dispose(&out);
    free(pos);
    return rc != EXIT_OK ? rc : prc;
}

static int format_by_name(const char *name, tsn_sbom_format *out)
{
    static const struct {
        const char *name;
        tsn_sbom_format f;
    } names[] = {
        {"cyclonedx-json", TSN_SBOM_CDX_JSON}, {"cdx-json", TSN_SBOM_CDX_JSON},
        {"cyclonedx-xml", TSN_SBOM_CDX_XML},   {"cdx-xml", TSN_SBOM_CDX_XML},
        {"spdx-json", TSN_SBOM_SPDX_JSON},     {"spdx-tv", TSN_SBOM_SPDX_TV},
        {"spdx-tag-value", TSN_SBOM_SPDX_TV}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(names[i].name, name) == 0) {
            *out = names[i].f;
            return 0;
        }
    return -1;
}

int cmd_sbom_convert(struct cli *cli, int argc, char **argv)
{
    const char *to = NULL, *output = NULL;
    const struct opt opts[] = {
        {"--to", "FORMAT",
         "cyclonedx-json, cyclonedx-xml (1.6), spdx-json, spdx-tv (2.3)", &to,
         NULL, NULL},
        {"-o", "FILE", "write to FILE (atomically) instead of stdout", &output,
         NULL, NULL},
        {NULL, NULL, NULL, NULL, NULL, NULL}};
    char **pos = NULL;
    int npos = 0, rc, prc;
    tsn_sbom *s = NULL;
    tsn_sbom_format fmt;
    char *text = NULL;
    size_t len;
    tsn_buf out = TSN_BUF_INIT(SIZE_MAX / 2);

    prc = cli_parse(cli, cli_command("sbom", "convert"), opts, argc, argv, &pos,
                    &npos);
    if (prc != 0)
        return prc > 0 ? EXIT_OK : EXIT_BADINPUT;
    if (npos != 1 || !to) {
        cli_error("%s: expected one input FILE and --to FORMAT", cli->cmd);
        free(pos);
        return EXIT_BADINPUT;
    }
    if (format_by_name(to, &fmt) < 0) {
        cli_error("%s: unknown format \"%s\" (cyclonedx-json, cyclonedx-xml, "
                  "spdx-json, spdx-tv)",
                  cli->cmd, to);
        free(pos);
        return EXIT_BADINPUT;
    }
    if (tsn_sbom_read_file(&s, cli->ctx, pos[0], NULL) < 0 ||
        tsn_sbom_write(&text, &len, s, fmt) < 0) {
        rc = cli_fail();
        goto done;
    }
    if (tsn_sbom_error_count(s))
        cli_warn(cli,
                 "%s has %zu schema errors; converted anyway (see tsunagi "
                 "sbom validate)",
                 pos[0], tsn_sbom_error_count(s));
    out.ptr = text;
    out.len = len;
    out.cap = len + 1;
    rc = cli_emit(output, &out);
done:
    tsn_free(text);
    tsn_sbom_free(s);
    free(pos);
    return rc;
}

int cmd_sbom_diff(struct cli *cli, int argc, char **argv)
{
    bool fail_on_change = false;
    const struct opt opts[] = {{"--fail-on-change", NULL,
                                "exit 1 when the documents differ", NULL,
                                &fail_on_change, NULL},
                               {NULL, NULL, NULL, NULL, NULL, NULL}};
    static const char *const kind_key[] = {"added", "removed", "version",
                                           "license"};
    char **pos = NULL;
    int npos = 0, rc = EXIT_OK, prc;
    tsn_sbom *a = NULL, *b = NULL;
    tsn_sbom_diff *d = NULL;
    const tsn_sbom_change *ch;
    size_t n, count[4] = {0};
    tsn_buf out = TSN_BUF_INIT((size_t)1 << 30);

    prc = cli_parse(cli, cli_command("sbom", "diff"), opts, argc, argv, &pos,
                    &npos);
    if (prc != 0)
        return prc > 0 ? EXIT_OK : EXIT_BADINPUT;
    if (npos != 2) {
        cli_error("%s: expected OLD and NEW", cli->cmd);
        free(pos);
        return EXIT_BADINPUT;
    }
    if (tsn_sbom_read_file(&a, cli->ctx, pos[0], NULL) < 0 ||
        tsn_sbom_read_file(&b, cli->ctx, pos[1], NULL) < 0 ||
        tsn_sbom_diff_new(&d, a, b) < 0) {
        rc = cli_fail();
        goto done;
    }
    ch = tsn_sbom_diff_changes(d, &n);
    for (size_t i = 0; i < n; i++)
        count[ch[i].kind]++;
    if (cli->format == FORMAT_JSON) {
        tsn_buf_printf(&out,
                       "{\"added\": %zu, \"removed\": %zu, "
                       "\"versionChanged\": %zu, \"licenseChanged\": %zu, "
                       "\"changes\": [",
                       count[0], count[1], count[2], count[3]);
        for (size_t i = 0; i < n; i++) {
            const char *const vals[] = {ch[i].key,         ch[i].name,
                                        ch[i].purl,        ch[i].old_version,
                                        ch[i].new_version, ch[i].old_license,
                                        ch[i].new_license};
            static const char *const keys[] = {
                "key",        "name",       "purl",      "oldVersion",
                "newVersion", "oldLicense", "newLicense"};
            tsn_buf_printf(&out, "%s\n  {\"change\": \"%s\"", i ? "," : "",
                           kind_key[ch[i].kind]);
            for (size_t k = 0; k < 7; k++) {
                if (!vals[k])
                    continue;
                tsn_buf_printf(&out, ", \"%s\": ", keys[k]);
                tsnu_json_put_string(&out, vals[k]);
            }
            tsn_buf_puts(&out, "}");
        }
        tsn_buf_puts(&out, "]}\n");
    } else {
        static const char *const mark[] = {"+", "-", "~", "L"};
        for (size_t i = 0; i < n; i++) {
            const tsn_sbom_change *c = &ch[i];
            switch (c->kind) {
            case TSN_CHANGE_ADDED:
            case TSN_CHANGE_REMOVED:
                tsn_buf_printf(
                    &out, "%s %s %s\n", mark[c->kind], c->key,
                    (c->new_version ? c->new_version : c->old_version)
                        ? (c->new_version ? c->new_version : c->old_version)
                        : "");
                break;
            case TSN_CHANGE_VERSION:
                tsn_buf_printf(&out, "~ %s %s -> %s\n", c->key,
                               c->old_version ? c->old_version : "(none)",
                               c->new_version ? c->new_version : "(none)");
                break;
            case TSN_CHANGE_LICENSE:
                tsn_buf_printf(&out, "L %s %s: %s -> %s\n", c->key,
                               c->new_version ? c->new_version : "",
                               *c->old_license ? c->old_license : "(none)",
                               *c->new_license ? c->new_license : "(none)");
                break;
            }
        }
        tsn_buf_printf(&out,
                       L(cli,
                         "%zu added, %zu removed, %zu version changes, %zu "
                         "licence changes\n",
                         "追加 %zu 件、削除 %zu 件、バージョン変更 %zu 件、"
                         "ライセンス変更 %zu 件\n"),
                       count[0], count[1], count[2], count[3]);
    }
    if (fail_on_change && n)
        rc = EXIT_FINDINGS;
    prc = cli_emit(NULL, &out);
    if (prc != EXIT_OK)
        rc = prc;
done:
    tsn_buf_dispose(&out);
    tsn_sbom_diff_free(d);
    tsn_sbom_free(a);
    tsn_sbom_free(b);
    free(pos);
    return rc;
}

int cmd_sbom_merge(struct cli *cli, int argc, char **argv)
{
    const char *root = NULL, *output = NULL, *to = "cyclonedx-json";
    const struct opt opts[] = {
        {"--root", "NAME@VERSION", "the product the merged SBOM describes",
         &root, NULL, NULL},
        {"-o", "FILE", "write to FILE (atomically) instead of stdout", &output,
         NULL, NULL},
        {"--to", "FORMAT", "output format (default cyclonedx-json)", &to, NULL,
         NULL},
        {NULL, NULL, NULL, NULL, NULL, NULL}};
    char **pos = NULL, *name = NULL, *at, *text = NULL;
    int npos = 0, rc = EXIT_OK, prc;
    tsn_sbom **in = NULL, *merged = NULL;
    tsn_sbom_format fmt;
    size_t len;
    tsn_buf out = TSN_BUF_INIT(SIZE_MAX / 2);

    prc = cli_parse(cli, cli_command("sbom", "merge"), opts, argc, argv, &pos,
                    &npos);
    if (prc != 0)
        return prc > 0 ? EXIT_OK : EXIT_BADINPUT;
    if (!root || npos < 1) {
        cli_error("%s: expected --root NAME@VERSION and at least one FILE",
                  cli->cmd);
        free(pos);
        return EXIT_BADINPUT;
    }
    if (format_by_name(to, &fmt) < 0) {
        cli_error("%s: unknown format \"%s\"", cli->cmd, to);
        free(pos);
        return EXIT_BADINPUT;
    }
    name = strdup(root);
    in = calloc((size_t)npos, sizeof *in);
    if (!name || !in) {
        cli_error("out of memory");
        rc = EXIT_INTERNAL;
        goto done;
    }
    at = strrchr(name, '@');
    if (at)
        *at++ = '\0';
    if (!*name) {
        cli_error("%s: --root needs a name (NAME@VERSION)", cli->cmd);
        rc = EXIT_BADINPUT;
        goto done;
    }
    for (int i = 0; i < npos; i++) {
        if (tsn_sbom_read_file(&in[i], cli->ctx, pos[i], NULL) < 0) {
            rc = cli_fail();
            goto done;
        }
        if (tsn_sbom_error_count(in[i]))
            cli_warn(cli, "%s has %zu schema errors; merged anyway", pos[i],
                     tsn_sbom_error_count(in[i]));
    }
    if (tsn_sbom_merge(&merged, cli->ctx, (const tsn_sbom *const *)in,
                       (const char *const *)pos, (size_t)npos, name, at) < 0 ||
        tsn_sbom_write(&text, &len, merged, fmt) < 0) {
        rc = cli_fail();
        goto done;
    }
    out.ptr = text;
    out.len = len;
    out.cap = len + 1;
    rc = cli_emit(output, &out);
done:
    for (int i = 0; in && i < npos; i++)
        tsn_sbom_free(in[i]);
    free(in);
    tsn_sbom_free(merged);
    tsn_free(text);
    free(name);
    free(pos);
    return rc;
}
