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

struct tab_lines {
    const char *expect;
    void (*each)(const char *a, const char *b, void *ctx);
    void *ctx;
};

static int tab_line(char *line, unsigned long lineno, void *ctx)
{
    const struct tab_lines *t = ctx;
    char *tab = strrchr(line, '\t');
    if (!tab) {
        cli_error("<stdin>:%lu: expected %s", lineno, t->expect);
        return EXIT_BADINPUT;
    }
    *tab = '\0';
    t->each(line, tab + 1, t->ctx);
    return EXIT_OK;
}

/*
 * --batch input: "A<TAB>B" lines on stdin (split at the last tab), each
 * handed to @p each, which prints one answer line. Used by the
 * differential tests.
 */
static int tab_lines(const char *expect,
                     void (*each)(const char *a, const char *b, void *ctx),
                     void *ctx)
{
    struct tab_lines t = {expect, each, ctx};
    int rc = cli_lines(tab_line, &t);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("cannot write to standard output");
        return EXIT_IO;
    }
    return rc;
}

/* compare --batch: "<", "=", ">" or "! reason" */
static void compare_one(const char *a, const char *b, void *ctx)
{
    int c = 0;
    if (tsn_version_compare(*(const tsn_vscheme *)ctx, a, b, &c) < 0)
        printf("! %s\n", tsn_error_last()->message);
    else
        printf("%s\n", sym(c));
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
        return tab_lines("VERSION<TAB>VERSION", compare_one, &scheme);
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

static int form_arg(const char *s, tsn_range_form *out)
{
    static const struct {
        const char *name;
        tsn_range_form form;
    } forms[] = {{"auto", TSN_RANGE_AUTO},
                 {"native", TSN_RANGE_NATIVE},
                 {"vers", TSN_RANGE_VERS},
                 {"vers-strict", TSN_RANGE_VERS_STRICT},
                 {"osv", TSN_RANGE_OSV}};
    *out = TSN_RANGE_AUTO;
    if (!s)
        return 0;
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        if (strcmp(s, forms[i].name) == 0) {
            *out = forms[i].form;
            return 0;
        }
    }
    cli_error("unknown range form '%s' (auto, native, vers, vers-strict, "
              "osv)",
              s);
    return -1;
}

/* SCHEME, or '-' for a vers that names its own. */
static bool range_scheme(const char *name, tsn_vscheme *out)
{
    *out = TSN_VS_UNKNOWN;
    if (strcmp(name, "-") == 0)
        return true;
    *out = scheme_arg(name);
    return *out != TSN_VS_UNKNOWN;
}

/* contains --batch: "1", "0" or "! reason" */
struct contains_ctx {
    tsn_vscheme scheme;
    tsn_range_form form;
    unsigned flags;
};

static void contains_one(const char *range, const char *version, void *ctx)
{
    const struct contains_ctx *c = ctx;
    tsn_range *r = NULL;
    bool in = false;
    if (tsn_range_parse(&r, c->scheme, range, c->form, c->flags) < 0 ||
        tsn_range_contains(r, version, &in) < 0)
        printf("! %s\n", tsn_error_last()->message);
    else
        printf("%d\n", in ? 1 : 0);
    tsn_range_free(r);
}

int cmd_version_contains(struct cli *cli, int argc, char **argv)
{
    const struct command *cmd = cli_command("version", "contains");
    char **pos = NULL;
    int npos = 0, rc;
    bool use_batch = false, incpre = false;
    const char *form_s = NULL;
    const struct opt opts[] = {
        {"--batch", NULL, "read RANGE<TAB>VERSION lines from stdin", NULL,
         &use_batch, NULL},
        {"--form", "FORM", "auto, native, vers, vers-strict or osv", &form_s,
         NULL, NULL},
        {"--include-prerelease", NULL,
         "let pre-releases match ranges that do not name one", NULL, &incpre,
         NULL},
        {0}};

    rc = cli_parse(cli, cmd, opts, argc, argv, &pos, &npos);
    if (rc != 0)
        return rc > 0 ? EXIT_OK : EXIT_BADINPUT;
    tsn_range_form form;
    tsn_vscheme scheme;
    if (form_arg(form_s, &form) < 0 || npos < 1 ||
        !range_scheme(pos[0], &scheme)) {
        if (npos < 1)
            cli_error("usage: %s", cmd->usage);
        free(pos);
        return EXIT_BADINPUT;
    }
    unsigned flags = incpre ? TSN_RANGE_INCLUDE_PRERELEASE : 0;
    if (use_batch) {
        free(pos);
        struct contains_ctx c = {scheme, form, flags};
        return tab_lines("RANGE<TAB>VERSION", contains_one, &c);
    }
    if (npos < 3) {
        cli_error("usage: %s", cmd->usage);
        free(pos);
        return EXIT_BADINPUT;
    }
    tsn_range *r = NULL;
    if (tsn_range_parse(&r, scheme, pos[1], form, flags) < 0) {
        rc = cli_fail();
        free(pos);
        return rc;
    }
    tsn_buf out = TSN_BUF_INIT(1 << 20);
    tsnu_jw w;
    if (cli->format == FORMAT_JSON) {
        tsnu_jw_init(&w, &out);
        tsnu_jw_object(&w);
        tsnu_jw_kstr(&w, "scheme", tsn_vscheme_name(tsn_range_scheme(r)));
        tsnu_jw_kstr(&w, "range", pos[1]);
        char *v = NULL;
        if (tsn_range_to_vers(r, &v) == 0)
            tsnu_jw_kstr(&w, "vers", v);
        free(v);
        tsnu_jw_key(&w, "results");
        tsnu_jw_array(&w);
    }
    rc = EXIT_OK;
    for (int i = 2; i < npos; i++) {
        bool in = false;
        if (tsn_range_contains(r, pos[i], &in) < 0) {
            rc = cli_fail();
            continue;
        }
        if (!in && rc == EXIT_OK)
            rc = EXIT_FINDINGS;
        if (cli->format == FORMAT_JSON) {
            tsnu_jw_object(&w);
            tsnu_jw_kstr(&w, "version", pos[i]);
            tsnu_jw_key(&w, "contained");
            tsnu_jw_bool(&w, in);
            tsnu_jw_end(&w);
        } else if (!cli->quiet) {
            tsn_buf_printf(&out, "%s: %s\n", pos[i], in ? "in" : "not in");
        }
    }
    if (cli->format == FORMAT_JSON) {
        tsnu_jw_end(&w);
        tsnu_jw_end(&w);
        tsnu_jw_finish(&w);
        tsn_buf_putc(&out, '\n');
    }
    int erc = cli_emit(NULL, &out);
    tsn_buf_dispose(&out);
    tsn_range_free(r);
    free(pos);
    return erc != EXIT_OK ? erc : rc;
}

int cmd_version_range(struct cli *cli, int argc, char **argv)
{
    const struct command *cmd = cli_command("version", "range");
    char **pos = NULL;
    int npos = 0, rc;
    const char *form_s = NULL;
    const struct opt opts[] = {{"--form", "FORM",
                                "auto, native, vers, vers-strict or osv",
                                &form_s, NULL, NULL},
                               {0}};
    rc = cli_parse(cli, cmd, opts, argc, argv, &pos, &npos);
    if (rc != 0)
        return rc > 0 ? EXIT_OK : EXIT_BADINPUT;
    tsn_range_form form;
    tsn_vscheme scheme;
    if (form_arg(form_s, &form) < 0 || npos < 2 ||
        !range_scheme(pos[0], &scheme)) {
        if (npos < 2)
            cli_error("usage: %s", cmd->usage);
        free(pos);
        return EXIT_BADINPUT;
    }
    tsn_buf out = TSN_BUF_INIT(1 << 20);
    rc = EXIT_OK;
    for (int i = 1; i < npos; i++) {
        tsn_range *r = NULL;
        char *v = NULL;
        if (tsn_range_parse(&r, scheme, pos[i], form, 0) < 0 ||
            tsn_range_to_vers(r, &v) < 0) {
            rc = cli_fail();
        } else {
            tsn_buf_printf(&out, "%s\n", v);
        }
        free(v);
        tsn_range_free(r);
    }
    int erc = cli_emit(NULL, &out);
    tsn_buf_dispose(&out);
    free(pos);
    return erc != EXIT_OK ? erc : rc;
}
