/* SPDX-License-Identifier: Apache-2.0 */
/* tsunagi cpe parse: a CPE in all three forms and its attributes. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "util/json.h"

int cmd_cpe_parse(struct cli *cli, int argc, char **argv)
{
    const struct command *cmd = cli_command("cpe", "parse");
    char **pos = NULL;
    int npos = 0, rc = EXIT_OK, prc;
    tsn_buf out = TSN_BUF_INIT((size_t)1 << 30);

    prc = cli_parse(cli, cmd, NULL, argc, argv, &pos, &npos);
    if (prc != 0)
        return prc > 0 ? EXIT_OK : EXIT_BADINPUT;
    if (npos == 0) {
        cli_error("%s: expected at least one CPE", cli->cmd);
        free(pos);
        return EXIT_BADINPUT;
    }
    for (int i = 0; i < npos; i++) {
        tsn_cpe *c = NULL;
        char *fs = NULL, *uri = NULL, *wfn = NULL;
        int e;
        if (tsn_cpe_parse(&c, pos[i]) < 0 || tsn_cpe_to_fs(&fs, c) < 0 ||
            tsn_cpe_to_wfn(&wfn, c) < 0) {
            rc = cli_fail();
            goto next;
        }
        e = tsn_cpe_to_uri(&uri, c);
        if (e < 0) {
            rc = cli_fail();
            goto next;
        }
        if (cli->format == FORMAT_JSON) {
            tsn_buf_puts(&out, "{\"fs\": ");
            tsnu_json_put_string(&out, fs);
            tsn_buf_puts(&out, ", \"uri\": ");
            tsnu_json_put_string(&out, uri);
            tsn_buf_puts(&out, ", \"wfn\": {");
            for (int a = 0; a < TSN_CPE_N_ATTRS; a++) {
                tsn_buf_printf(&out, "%s\"%s\": ", a ? ", " : "",
                               tsn_cpe_attr_name((tsn_cpe_attr)a));
                if (tsn_cpe_value(c, (tsn_cpe_attr)a))
                    tsnu_json_put_string(&out,
                                         tsn_cpe_value(c, (tsn_cpe_attr)a));
                else
                    tsn_buf_puts(&out, tsn_cpe_kind_of(c, (tsn_cpe_attr)a) ==
                                               TSN_CPE_NA
                                           ? "\"NA\""
                                           : "\"ANY\"");
            }
            tsn_buf_puts(&out, "}}\n");
        } else {
            tsn_buf_printf(&out, "fs   %s\nuri  %s\nwfn  %s\n", fs, uri, wfn);
        }
    next:
        tsn_error_clear();
        tsn_free(fs);
        tsn_free(uri);
        tsn_free(wfn);
        tsn_cpe_free(c);
    }
    prc = cli_emit(NULL, &out);
    tsn_buf_dispose(&out);
    free(pos);
    return rc != EXIT_OK ? rc : prc;
}
