/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The tsunagi command: shared option parsing, output helpers, and the one
 * table that maps library errors to exit codes (docs/exit-codes.md).
 */
#ifndef TSN_CLI_H
#define TSN_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "tsunagi/tsunagi.h"
#include "util/util.h"

enum {
    EXIT_OK = 0,
    EXIT_FINDINGS = 1, /* the check ran and the answer is "no" */
    EXIT_BADINPUT = 2, /* usage error or input that cannot be read */
    EXIT_NODB = 3,     /* the knowledge base is missing */
    EXIT_IO = 4,       /* output could not be written */
    EXIT_NETWORK = 5,  /* a download failed (network, TLS, server) */
    EXIT_INTERNAL = 70 /* out of memory, internal error */
};

typedef enum { FORMAT_TABLE, FORMAT_JSON } out_format;
typedef enum { LANG_EN, LANG_JA } out_lang;

/* Options every command understands. */
struct cli {
    tsn_ctx *ctx;
    out_format format;
    bool format_set; /* --format was given */
    out_lang lang;
    bool quiet;
    const char *prog;
    const char *cmd; /* "sbom check" */
    /* the command's memory may be left to exit, not freed (main(),
     * tsnu_heap_huge()) */
    bool heap_to_exit;
};

/*
 * Option descriptor for one command. Parsing fills *str / *flag / *num.
 * Options with arg == NULL are flags.
 */
struct opt {
    const char *name; /* "--to" */
    const char *arg;  /* "FORMAT" or NULL for a flag */
    const char *help;
    const char **str;
    bool *flag;
    const char ***list; /* repeated option: appended, NULL-terminated */
};

/* A command: noun, verb, handler, one-line summary, usage, options. */
struct command {
    const char *noun;
    const char *verb;
    int (*run)(struct cli *cli, int argc, char **argv);
    const char *summary;
    const char *usage;
    const char *details;
};

/*
 * Parse argv for one command: fills the options in @p opts (terminated by
 * a zero entry), the common options, and collects positional arguments.
 * --help prints help and returns 1 (caller exits 0); errors return -1.
 */
int cli_parse(struct cli *cli,
              const struct command *cmd,
              const struct opt *opts,
              int argc,
              char **argv,
              char ***pos,
              int *n_pos);

/* Print "tsunagi: error: ..." (or warning) on stderr. */
void cli_error(const char *fmt, ...) TSN_PRINTF(1, 2);
void cli_warn(struct cli *cli, const char *fmt, ...) TSN_PRINTF(2, 3);
/* Report the library's last error and return the matching exit code. */
int cli_fail(void);
/* Map a TSN_E* code to an exit code. */
int cli_exit_code(int error);
/* Call @p each with every line of stdin (its newline taken off) and its
 * number, until one returns nonzero: that is the result, else EXIT_OK. */
int cli_lines(int (*each)(char *line, unsigned long lineno, void *ctx),
              void *ctx);
/* Write a buffer to stdout or to a file atomically; exit code. */
int cli_emit(const char *path, const tsn_buf *b);
/* As cli_emit(), @p n pieces one after the other. */
int cli_emit_parts(const char *path, const tsnu_part *parts, size_t n);

/* Open the knowledge base at --db @p opt (or $TSUNAGI_DB, or the
 * default path): its path in *@p path (free()); an exit code, EXIT_NODB
 * when it is not there and @p create is false. */
int cli_open_db(const char *opt, bool create, tsn_vulndb **db, char **path);

/* Seconds from the UTC time @p t ("YYYY-MM-DDTHH:MM:SS...") to now (0
 * when it lies ahead); -1 when @p t is absent or unreadable. */
long long cli_age(const char *t);

/* Pick the message in the user's language. */
#define L(cli, en, ja) ((cli)->lang == LANG_JA ? (ja) : (en))

/* `db show` as a person reads it, in the CLI's language, into @p out. */
struct tsn_vulndb_view;
int db_view_render(const struct cli *cli,
                   const char *id,
                   const struct tsn_vulndb_view *v,
                   tsn_buf *out);

/* Command handlers. */
int cmd_purl_parse(struct cli *cli, int argc, char **argv);
int cmd_purl_canonical(struct cli *cli, int argc, char **argv);
int cmd_sbom_validate(struct cli *cli, int argc, char **argv);
int cmd_sbom_info(struct cli *cli, int argc, char **argv);
int cmd_sbom_check(struct cli *cli, int argc, char **argv);
int cmd_cpe_parse(struct cli *cli, int argc, char **argv);
int cmd_cvss_score(struct cli *cli, int argc, char **argv);
int cmd_sbom_convert(struct cli *cli, int argc, char **argv);
int cmd_sbom_diff(struct cli *cli, int argc, char **argv);
int cmd_sbom_merge(struct cli *cli, int argc, char **argv);
int cmd_version_compare(struct cli *cli, int argc, char **argv);
int cmd_version_check(struct cli *cli, int argc, char **argv);
int cmd_version_contains(struct cli *cli, int argc, char **argv);
int cmd_version_range(struct cli *cli, int argc, char **argv);
int cmd_db_import(struct cli *cli, int argc, char **argv);
int cmd_db_status(struct cli *cli, int argc, char **argv);
int cmd_db_show(struct cli *cli, int argc, char **argv);
int cmd_db_export(struct cli *cli, int argc, char **argv);
int cmd_db_update(struct cli *cli, int argc, char **argv);
int cmd_scan(struct cli *cli, int argc, char **argv);
int cmd_vex_new(struct cli *cli, int argc, char **argv);
int cmd_assess_list(struct cli *cli, int argc, char **argv);
int cmd_assess_lint(struct cli *cli, int argc, char **argv);
int cmd_assess_score(struct cli *cli, int argc, char **argv);
int cmd_assess_report(struct cli *cli, int argc, char **argv);
int cmd_assess_benchmark(struct cli *cli, int argc, char **argv);
int cmd_assess_compare(struct cli *cli, int argc, char **argv);
int cmd_assess_start(struct cli *cli, int argc, char **argv);
int cmd_assess_decide(struct cli *cli, int argc, char **argv);
int cmd_vex_add(struct cli *cli, int argc, char **argv);
int cmd_vex_list(struct cli *cli, int argc, char **argv);

extern const struct command commands[];
/* The table entry for noun/verb (it must exist). */
const struct command *cli_command(const char *noun, const char *verb);

#endif
