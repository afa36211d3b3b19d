/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A small test harness: named checks, a pass/fail count, and helpers to
 * find the shared upstream data (tests skip cleanly, exit 77, when it is
 * absent) and to load JSON fixtures with the project's own parser.
 */
#ifndef TSN_TEST_HARNESS_H
#define TSN_TEST_HARNESS_H

#include <stdbool.h>
#include <stdio.h>

#include "util/json.h"
#include "util/util.h"

extern int th_passed, th_failed;
extern bool th_verbose;

#define TH_SKIP 77

void th_check(bool ok, const char *file, int line, const char *fmt, ...)
    TSN_PRINTF(4, 5);
#define CHECK(cond, ...) th_check((cond), __FILE__, __LINE__, __VA_ARGS__)
#define CHECK_STR(a, b, what)                                                  \
    th_check(tsnu_streq((a), (b)), __FILE__, __LINE__,                         \
             "%s: got \"%s\", expected \"%s\"", (what), (a) ? (a) : "(null)",  \
             (b) ? (b) : "(null)")

/* Path under the shared data directory, or NULL when it is absent. */
const char *th_shared(const char *rel);
/* Path under the project's source root. */
const char *th_source(const char *rel);
/* The file at @p rel below the source tree, NUL-terminated (free()), or
 * NULL when it cannot be read; its length in *@p len. */
char *th_slurp(const char *rel, size_t *len);
/* Load and parse a JSON file; aborts the test on failure. */
tsnu_json *th_load_json(tsnu_arena *arena, const char *path);
/* The names of the *.json files in @p dir, sorted; *n is their count.
 * Free with th_free_names(). */
char **th_json_names(const char *dir, size_t *n);
void th_free_names(char **names, size_t n);
/* Print the summary line and return the process exit code. */
int th_finish(const char *suite);

#endif
