/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SQLite adapter: the only code that includes sqlite3.h. A database
 * handle, prepared statements and transactions, with every failure turned
 * into a tsunagi error that names the database file.
 */
#ifndef TSN_ADAPT_SQLITE_H
#define TSN_ADAPT_SQLITE_H

#include "../lib.h"

typedef struct tsna_db tsna_db;
typedef struct tsna_stmt tsna_stmt;

/* Open (@p create: and create) the database at @p path: WAL journal,
 * foreign keys on, a busy timeout. */
int tsna_db_open(tsna_db **out, const char *path, bool create);
void tsna_db_close(tsna_db *db);
/* The path it was opened with. */
const char *tsna_db_path(const tsna_db *db);
/* Run statements without results ("BEGIN IMMEDIATE", DDL). */
int tsna_db_exec(tsna_db *db, const char *sql);

int tsna_prepare(tsna_db *db, const char *sql, tsna_stmt **out);
void tsna_finalize(tsna_stmt *st);
/* Bind parameter @p i (1-based); NULL text binds NULL. */
int tsna_bind_text(tsna_stmt *st, int i, const char *s);
int tsna_bind_int(tsna_stmt *st, int i, int64_t v);
int tsna_bind_double(tsna_stmt *st, int i, double v);
int tsna_bind_blob(tsna_stmt *st, int i, const void *p, size_t n);
/* 1: a row, 0: done, < 0: error. */
int tsna_step(tsna_stmt *st);
/* Ready to run again, bindings cleared. */
void tsna_reset(tsna_stmt *st);
const char *tsna_col_text(tsna_stmt *st, int i); /* NULL for NULL */
int64_t tsna_col_int(tsna_stmt *st, int i);
double tsna_col_double(tsna_stmt *st, int i);
const void *tsna_col_blob(tsna_stmt *st, int i, size_t *n);
int64_t tsna_last_rowid(tsna_db *db);

#endif
