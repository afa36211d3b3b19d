/* SPDX-License-Identifier: Apache-2.0 */
/* tsunagi cvss score: the scores of CVSS vectors (v2.0, v3.0, v3.1, v4.0). */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"

/* One vector's line, JSON or for people, into @p out. */
static void put(const struct cli *cli,
                tsn_buf *out,
                const char *vector,
                const tsn_cvss_scores *s)
{
    if (cli->format == FORMAT_JSON) {
        tsn_buf_puts(out, "{\"vector\": ");
        tsnu_json_put_string(out, vector);
        tsn_buf_printf(out, ", \"version\": \"%s\", \"base\": %.1f",
                       tsn_cvss_version_name(s->version), s->base);
        if (s->version != TSN_CVSS_V40)
            tsn_buf_printf(out,
                           ", \"impact\": %.1f, \"exploitability\": %.1f, "
                           "\"temporal\": %.1f, \"environmental\": %.1f",
                           s->impact, s->exploitability, s->temporal,
                           s->environmental);
        tsn_buf_printf(out, ", \"score\": %.1f, \"rating\": \"%s\"}\n",
                       s->score, tsn_cvss_rating_name(s->rating));
        return;
    }
    tsn_buf_printf(out, "%4.1f %-8s  %s", s->score,
                   tsn_cvss_rating_name(s->rating), vector);
    if (s->version != TSN_CVSS_V40)
        tsn_buf_printf(out, "  (%s %.1f, %s %.1f, %s %.1f)",
                       L(cli, "base", "基本"), s->base,
                       L(cli, "temporal", "現状"), s->temporal,
                       L(cli, "environmental", "環境"), s->environmental);
    else if (s->score != s->base)
        tsn_buf_printf(out, "  (CVSS-B %.1f)", s->base);
    tsn_buf_putc(out, '\n');
}

struct scoring {
    const struct cli *cli;
    tsn_buf *out;
    int rc; /* EXIT_BADINPUT once a line was not a vector */
};

/* One line of stdin: a faulty vector is reported with its line, and the
 * rest still scored. */
static int score_line(char *line, unsigned long lineno, void *ctx)
{
    struct scoring *sc = ctx;
    tsn_cvss_scores s;
    if (!*line)
        return EXIT_OK;
    if (tsn_cvss_score(line, &s) < 0) {
        cli_error("<stdin>:%lu: %s", lineno, tsn_error_last()->message);
        tsn_error_clear();
        sc->rc = EXIT_BADINPUT;
        return EXIT_OK;
    }
    put(sc->cli, sc->out, line, &s);
    return EXIT_OK;
}

int cmd_cvss_score(struct cli *cli, int argc, char **argv)
{
    const struct command *cmd = cli_command("cvss", "score");
    char **pos = NULL;
    int npos = 0, rc = EXIT_OK, prc;
    tsn_buf out = TSN_BUF_INIT((size_t)1 << 30);

    prc = cli_parse(cli, cmd, NULL, argc, argv, &pos, &npos);
    if (prc != 0)
        return prc > 0 ? EXIT_OK : EXIT_BADINPUT;
    if (npos == 0) {
        cli_error("%s: expected at least one vector, or - to read them from "
                  "stdin",
                  cli->cmd);
        free(pos);
        return EXIT_BADINPUT;
    }
    for (int i = 0; i < npos; i++) {
        if (strcmp(pos[i], "-") == 0) {
            struct scoring sc = {cli, &out, EXIT_OK};
            cli_lines(score_line, &sc);
            if (sc.rc != EXIT_OK && rc == EXIT_OK)
                rc = sc.rc;
            continue;
        }
        tsn_cvss_scores s;
        if (tsn_cvss_score(pos[i], &s) < 0) {
            int r = cli_fail();
            if (rc == EXIT_OK)
                rc = r;
            continue;
        }
        put(cli, &out, pos[i], &s);
    }
    prc = cli_emit(NULL, &out);
    tsn_buf_dispose(&out);
    free(pos);
    return rc != EXIT_OK ? rc : prc;
}
