/* SPDX-License-Identifier: Apache-2.0 */
/* tsunagi version compare | check | schemes */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "util/json.h"

static tsn_vscheme scheme_arg(const char *name)
{
    tsn_vscheme s = tsn_vscheme_lookup(name);
    if (s == TSN_VS_UNKNOWN)
        s = tsn_vscheme_for_ecosystem(name);
    if (s == TSN_VS_UNKNOWN)
        cli_error("unknown version scheme or ecosystem '%s' (see tsunagi "
                  "version schemes)",
                  name);
    return s;
}

static const char *sym(int c)
{
    return c < 0 ? "<" : c > 0 ? ">" : "=";
}

/*
 * --batch: read "A<TAB>B" lines from stdin, print one of "<", "=", ">"
 * or "! reason" per line. Used by the differential tests.
 */
static int batch(tsn_vscheme scheme)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned long lineno = 0;
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        lineno++;
        if (n > 0 && line[n - 1] == '\n')
            line[--n] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab) {
            cli_error("<stdin>:%lu: expected VERSION<TAB>VERSION", lineno);
            free(line);
            return EXIT_BADINPUT;
        }
        *tab = '\0';
        int c = 0;
        if (tsn_version_compare(scheme, line, tab + 1, &c) < 0)
            printf("! %s\n", tsn_error_last()->message);
        else
            printf("%s\n", sym(c));
    }
    free(line);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("cannot write to standard output");
        return EXIT_IO;
    }
    return EXIT_OK;
}

int cmd_version_compare(struct cli *cli, int argc, char **argv)
{
    const struct command *cmd = cli_command("version", "compare");
    char **pos = NULL;
    int npos = 0, rc;
    bool use_batch = false;
    const struct opt opts[] = {{"--batch", NULL,
                                "read VERSION<TAB>VERSION lines from stdin",
                                NULL, &use_batch, NULL},
                               {0}};

    rc = cli_parse(cli, cmd, opts, argc, argv, &pos, &npos);
    if (rc != 0)
        return rc > 0 ? EXIT_OK : EXIT_BADINPUT;
    if (npos != (use_batch ? 1 : 3)) {
        cli_error("usage: %s", cmd->usage);
        free(pos);
        return EXIT_BADINPUT;
    }
    tsn_vscheme scheme = scheme_arg(pos[0]);
    if (scheme == TSN_VS_UNKNOWN) {
        free(pos);
        return EXIT_BADINPUT;
    }
    if (use_batch) {
        free(pos);
        return batch(scheme);
    }
    int c = 0;
    if (tsn_version_compare(scheme, pos[1], pos[2], &c) < 0) {
        rc = cli_fail();
        free(pos);
        return rc;
    }
    tsn_buf out = TSN_BUF_INIT(1 << 20);
    if (cli->format == FORMAT_JSON) {
        tsn_buf_puts(&out, "{\"scheme\": ");
        tsnu_json_put_string(&out, tsn_vscheme_name(scheme));
        tsn_buf_puts(&out, ", \"a\": ");
        tsnu_json_put_string(&out, pos[1]);
        tsn_buf_puts(&out, ", \"b\": ");
        tsnu_json_put_string(&out, pos[2]);
        tsn_buf_printf(&out, ", \"result\": %d}\n", c);
    } else {
        tsn_buf_printf(&out, "%s %s %s\n", pos[1], sym(c), pos[2]);
    }
    rc = cli_emit(NULL, &out);
    tsn_buf_dispose(&out);
    free(pos);
    return rc;
}

int cmd_version_check(struct cli *cli, int argc, char **argv)
{
    const struct command *cmd = cli_command("version", "check");
    char **pos = NULL;
    int npos = 0, rc = EXIT_OK;

    int prc = cli_parse(cli, cmd, NULL, argc, argv, &pos, &npos);
    if (prc != 0)
        return prc > 0 ? EXIT_OK : EXIT_BADINPUT;
    if (npos < 2) {
        cli_error("usage: %s", cmd->usage);
        free(pos);
        return EXIT_BADINPUT;
    }
    tsn_vscheme scheme = scheme_arg(pos[0]);
    if (scheme == TSN_VS_UNKNOWN) {
        free(pos);
        return EXIT_BADINPUT;
    }
    for (int i = 1; i < npos; i++) {
        if (tsn_version_check(scheme, pos[i]) < 0)
            rc = cli_fail();
        else if (!cli->quiet)
            printf("%s: valid %s version\n", pos[i], tsn_vscheme_name(scheme));
    }
    free(pos);
    return rc;
}
