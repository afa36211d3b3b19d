/* SPDX-License-Identifier: Apache-2.0 */
/* What the assess commands share (cmd_assess.c, assess_report.c). */
#ifndef TSN_ASSESS_CLI_H
#define TSN_ASSESS_CLI_H

#include "cli.h"

struct entry {
    tsn_catalogue *c;
    const char *origin; /* "built-in" or the file's path */
    char *path;         /* owned, for a file */
};

/* The catalogues a command can use. */
struct catalogues {
    struct entry *e;
    size_t n, cap;
    struct cli *cli;
};

/* The built-in catalogues when @p builtins (else each is read when
 * assess_catalogue() asks for it), then those of $TSUNAGI_CATALOGUES
 * (directories separated by ':'), then those of @p dirs (NULL-terminated,
 * or NULL); one of the same scheme and version replaces an earlier one.
 * Exit code. */
int load_all(struct cli *cli,
             struct catalogues *cs,
             const char *const *dirs,
             bool builtins);
/* The catalogue of @p scheme and @p version (NULL: the first of any
 * version): a user's, else the built-in one (read now). *@p out is NULL
 * when there is none. Exit code (of reading a built-in catalogue). */
int assess_catalogue(struct catalogues *cs,
                     const char *scheme,
                     const char *version,
                     const tsn_catalogue **out);
void catalogues_free(struct catalogues *cs);

/* What every assess command but lint starts from: its arguments and the
 * catalogues. */
struct assess_cmd {
    char **pos;
    int npos;
    const char **dirs;
    struct catalogues cs;
};

/* Parse the arguments of `assess VERB` with the command's own options
 * @p own (at most 15; --catalogues DIR is added here) and read the user's
 * catalogues, and the built-in ones too when @p builtins (else they are
 * read when asked for). EXIT_OK, and then assess_cmd_end() when done;
 * else -1 (--help was shown: exit 0) or an exit code, with nothing to free. */
int assess_cmd_begin(struct cli *cli,
                     const char *verb,
                     const struct opt *own,
                     int argc,
                     char **argv,
                     bool builtins,
                     struct assess_cmd *a);
void assess_cmd_end(struct assess_cmd *a);

/* Read answers file @p path, find its catalogue in @p cs and score it;
 * the answers' problems and any error are reported on stderr. Exit code;
 * on success free *a and *s with tsn_answers_free(), tsn_assessment_free(). */
int assess_load(struct catalogues *cs,
                const char *path,
                tsn_answers **a,
                tsn_assessment **s);

#endif
