/* SPDX-License-Identifier: Apache-2.0 */
/* tsunagi purl parse | canonical */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "util/json.h"

static void json_field(tsn_buf *b, const char *key, const char *val, bool comma)
{
    if (comma)
        tsn_buf_puts(b, ", ");
    tsnu_json_put_string(b, key);
    tsn_buf_puts(b, ": ");
    if (val)
        tsnu_json_put_string(b, val);
    else
        tsn_buf_puts(b, "null");
}

int cmd_purl_parse(struct cli *cli, int argc, char **argv)
{
    const struct command *cmd = cli_command("purl", "parse");
    char **pos = NULL;
    int npos = 0, rc = EXIT_OK, prc;
    tsn_buf out = TSN_BUF_INIT((size_t)1 << 30);

    prc = cli_parse(cli, cmd, NULL, argc, argv, &pos, &npos);
    if (prc != 0)
        return prc > 0 ? EXIT_OK : EXIT_BADINPUT;
    if (npos == 0) {
        cli_error("%s: expected at least one PURL", cli->cmd);
        free(pos);
        return EXIT_BADINPUT;
    }
    if (cli->format == FORMAT_JSON && npos > 1)
        tsn_buf_puts(&out, "[\n");
    for (int i = 0; i < npos; i++) {
        tsn_purl *p = NULL;
        char *canon = NULL;
        if (tsn_purl_parse(&p, pos[i], 0) < 0 ||
            tsn_purl_canonical(&canon, p) < 0) {
            rc = cli_fail();
            tsn_purl_free(p);
            continue;
        }
        if (cli->format == FORMAT_JSON) {
            tsn_buf_puts(&out, "{");
            json_field(&out, "type", p->type, false);
            json_field(&out, "namespace", p->namespace_, true);
            json_field(&out, "name", p->name, true);
            json_field(&out, "version", p->version, true);
            tsn_buf_puts(&out, ", \"qualifiers\": ");
            if (p->n_qualifiers) {
                tsn_buf_puts(&out, "{");
                for (size_t q = 0; q < p->n_qualifiers; q++)
                    json_field(&out, p->qualifiers[q].key,
                               p->qualifiers[q].value, q > 0);
                tsn_buf_puts(&out, "}");
            } else {
                tsn_buf_puts(&out, "null");
            }
            json_field(&out, "subpath", p->subpath, true);
            json_field(&out, "canonical", canon, true);
            tsn_buf_puts(&out, i + 1 < npos ? "},\n" : "}\n");
        } else {
            tsn_buf_printf(&out, "canonical  %s\ntype       %s\n", canon,
                           p->type);
            if (p->namespace_)
                tsn_buf_printf(&out, "namespace  %s\n", p->namespace_);
            tsn_buf_printf(&out, "name       %s\n", p->name);
            if (p->version)
                tsn_buf_printf(&out, "version    %s\n", p->version);
            for (size_t q = 0; q < p->n_qualifiers; q++)
                tsn_buf_printf(&out, "qualifier  %s=%s\n", p->qualifiers[q].key,
                               p->qualifiers[q].value);
            if (p->subpath)
                tsn_buf_printf(&out, "subpath    %s\n", p->subpath);
            if (i + 1 < npos)
                tsn_buf_putc(&out, '\n');
        }
        tsn_free(canon);
        tsn_purl_free(p);
    }
    if (cli->format == FORMAT_JSON && npos > 1)
        tsn_buf_puts(&out, "]\n");
    prc = cli_emit(NULL, &out);
    tsn_buf_dispose(&out);
    free(pos);
    return rc != EXIT_OK ? rc : prc;
}

int cmd_purl_canonical(struct cli *cli, int argc, char **argv)
{
    const struct command *cmd = cli_command("purl", "canonical");
    char **pos = NULL;
    int npos = 0, rc = EXIT_OK, prc;

    prc = cli_parse(cli, cmd, NULL, argc, argv, &pos, &npos);
    if (prc != 0)
        return prc > 0 ? EXIT_OK : EXIT_BADINPUT;
    if (npos == 0) {
        cli_error("%s: expected at least one PURL", cli->cmd);
        free(pos);
        return EXIT_BADINPUT;
    }
    for (int i = 0; i < npos; i++) {
        tsn_purl *p = NULL;
        char *canon = NULL;
        if (tsn_purl_parse(&p, pos[i], 0) < 0 ||
            tsn_purl_canonical(&canon, p) < 0)
            rc = cli_fail();
        else
            printf("%s\n", canon);
        tsn_free(canon);
        tsn_purl_free(p);
    }
    free(pos);
    return rc;
}
