/* SPDX-License-Identifier: Apache-2.0 */
#include "harness.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int th_passed, th_failed;
bool th_verbose;

void th_check(bool ok, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    if (ok) {
        th_passed++;
        return;
    }
    th_failed++;
    fprintf(stdout, "FAIL %s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap);
    va_end(ap);
    fputc('\n', stdout);
}

static char pathbuf[8][4096];
static int pathslot;

const char *th_shared(const char *rel)
{
    const char *root = getenv("TSN_SHARED_DATA");
    struct stat st;
    char *p = pathbuf[pathslot++ & 7];
    if (!root)
        root = "../shared/data";
    snprintf(p, 4096, "%s/%s", root, rel);
    if (stat(p, &st) != 0)
        return NULL;
    return p;
}

const char *th_source(const char *rel)
{
    const char *root = getenv("TSN_SOURCE_ROOT");
    char *p = pathbuf[pathslot++ & 7];
    snprintf(p, 4096, "%s/%s", root ? root : ".", rel);
    return p;
}

tsnu_json *th_load_json(tsnu_arena *arena, const char *path)
{
    tsn_buf data = TSN_BUF_INIT((size_t)1 << 30);
    tsnu_json *root = NULL;
    tsnu_json_opts opts = {.max_depth = 512, .max_string = (size_t)1 << 26};

    if (tsnu_file_read(&data, path, (size_t)1 << 30) < 0 ||
        tsnu_json_parse(&root, arena, data.ptr, data.len, &opts, path) < 0) {
        fprintf(stdout, "FATAL %s\n", tsn_error_last()->message);
        exit(1);
    }
    tsn_buf_dispose(&data);
    return root;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **th_json_names(const char *dir, size_t *n)
{
    size_t cap = 8192;
    char **names = malloc(cap * sizeof *names);
    *n = 0;
    DIR *d = opendir(dir);
    struct dirent *de;
    while (names && d && (de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l <= 5 || strcmp(de->d_name + l - 5, ".json") != 0)
            continue;
        if (*n == cap)
            names = realloc(names, (cap *= 2) * sizeof *names);
        if (names)
            names[(*n)++] = strdup(de->d_name);
    }
    if (d)
        closedir(d);
    if (!names) {
        fprintf(stderr, "out of memory listing %s\n", dir);
        exit(1);
    }
    qsort(names, *n, sizeof *names, cmp_names);
    return names;
}

void th_free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

int th_finish(const char *suite)
{
    printf("%s: %d passed, %d failed\n", suite, th_passed, th_failed);
    return th_failed ? 1 : 0;
}

char *th_slurp(const char *rel, size_t *len)
{
    tsn_buf b = TSN_BUF_INIT(1 << 24);
    if (tsnu_file_read(&b, th_source(rel), 1 << 24) < 0) {
        tsn_buf_dispose(&b);
        return NULL;
    }
    *len = b.len;
    (void)tsn_buf_cstr(&b); /* NUL-terminates */
    return b.ptr;
}
