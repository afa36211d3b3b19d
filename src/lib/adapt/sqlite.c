/* SPDX-License-Identifier: Apache-2.0 */
#include "lib/adapt/sqlite.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

struct tsna_db {
    sqlite3 *h;
    char *path;
};

struct tsna_stmt {
    sqlite3_stmt *h;
    tsna_db *db;
};

static int fail(tsna_db *db, const char *what)
{
    int code = db && db->h ? sqlite3_errcode(db->h) : SQLITE_ERROR;
    const char *msg = db && db->h ? sqlite3_errmsg(db->h) : "cannot open";
    int rc = code == SQLITE_NOMEM                              ? TSN_ENOMEM
             : code == SQLITE_FULL                             ? TSN_EIO
             : code == SQLITE_IOERR                            ? TSN_EIO
             : code == SQLITE_CANTOPEN                         ? TSN_EIO
             : code == SQLITE_CORRUPT || code == SQLITE_NOTADB ? TSN_EINVALID
                                                               : TSN_ERROR;
    if (rc == TSN_ENOMEM)
        return tsn_error_oom();
    /* still so after the busy timeout: another writer's transaction */
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        return tsn_error_set(TSN_EIO,
                             "database %s: another process is writing it (an "
                             "import or update); try again when it ends",
                             db->path ? db->path : "?");
    return tsn_error_set(rc, "database %s: %s: %s",
                         db && db->path ? db->path : "?", what, msg);
}

int tsna_db_open(tsna_db **out, const char *path, bool create)
{
    *out = NULL;
    tsna_db *db = tsn_calloc(1, sizeof *db);
    if (!db || !(db->path = tsnu_strdup(path))) {
        free(db);
        return tsn_error_oom();
    }
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) |
                SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK) {
        int rc = fail(db, "open");
        tsna_db_close(db);
        return rc;
    }
    sqlite3_extended_result_codes(db->h, 0);
    sqlite3_busy_timeout(db->h, 5000);
    /* 8 KiB pages: records of a few hundred bytes compressed leave less
     * unused at the end of each page; ignored for an existing file */
    int rc = tsna_db_exec(db, "PRAGMA page_size=8192;"
                              "PRAGMA journal_mode=WAL;"
                              "PRAGMA synchronous=NORMAL;"
                              "PRAGMA foreign_keys=ON;");
    if (rc < 0) {
        tsna_db_close(db);
        return rc;
    }
    *out = db;
    return 0;
}

void tsna_db_close(tsna_db *db)
{
    if (!db)
        return;
    sqlite3_close(db->h);
    free(db->path);
    free(db);
}

const char *tsna_db_path(const tsna_db *db)
{
    return db->path;
}

int tsna_db_exec(tsna_db *db, const char *sql)
{
    if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
        return fail(db, "statement");
    return 0;
}

int tsna_prepare(tsna_db *db, const char *sql, tsna_stmt **out)
{
    *out = NULL;
    tsna_stmt *st = tsn_calloc(1, sizeof *st);
    if (!st)
        return tsn_error_oom();
    st->db = db;
    if (sqlite3_prepare_v2(db->h, sql, -1, &st->h, NULL) != SQLITE_OK) {
        free(st);
        return fail(db, "prepare");
    }
    *out = st;
    return 0;
}

void tsna_finalize(tsna_stmt *st)
{
    if (!st)
        return;
    sqlite3_finalize(st->h);
    free(st);
}

int tsna_bind_text(tsna_stmt *st, int i, const char *s)
{
    int rc = s ? sqlite3_bind_text(st->h, i, s, -1, SQLITE_STATIC)
               : sqlite3_bind_null(st->h, i);
    return rc == SQLITE_OK ? 0 : fail(st->db, "bind");
}

int tsna_bind_int(tsna_stmt *st, int i, int64_t v)
{
    return sqlite3_bind_int64(st->h, i, v) == SQLITE_OK ? 0
                                                        : fail(st->db, "bind");
}

int tsna_bind_double(tsna_stmt *st, int i, double v)
{
    return sqlite3_bind_double(st->h, i, v) == SQLITE_OK ? 0
                                                         : fail(st->db, "bind");
}

int tsna_bind_blob(tsna_stmt *st, int i, const void *p, size_t n)
{
    if (n > (size_t)INT32_MAX)
        return tsn_error_set(TSN_ETOOBIG, "a value of %zu bytes", n);
    return sqlite3_bind_blob(st->h, i, p, (int)n, SQLITE_STATIC) == SQLITE_OK
               ? 0
               : fail(st->db, "bind");
}

int tsna_step(tsna_stmt *st)
{
    int rc = sqlite3_step(st->h);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    return fail(st->db, "step");
}

void tsna_reset(tsna_stmt *st)
{
    sqlite3_reset(st->h);
    sqlite3_clear_bindings(st->h);
}

const char *tsna_col_text(tsna_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st->h, i);
}

int64_t tsna_col_int(tsna_stmt *st, int i)
{
    return sqlite3_column_int64(st->h, i);
}

double tsna_col_double(tsna_stmt *st, int i)
{
    return sqlite3_column_double(st->h, i);
}

const void *tsna_col_blob(tsna_stmt *st, int i, size_t *n)
{
    const void *p = sqlite3_column_blob(st->h, i);
    *n = (size_t)sqlite3_column_bytes(st->h, i);
    return p;
}

int64_t tsna_last_rowid(tsna_db *db)
{
    return sqlite3_last_insert_rowid(db->h);
}
