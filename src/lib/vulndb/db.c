/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The knowledge base: schema, import (one transaction per import) and
 * the queries behind `db status` and `db show`.
 */
#include "lib/lib.h"

#include "lib/adapt/sqlite.h"
#include "tsunagi/advisory.h"
#include "tsunagi/limits.h"
#include "tsunagi/vulndb.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

struct tsn_vulndb {
    tsna_db *db;
};

static const char schema_sql[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE advisory(rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
    " source TEXT NOT NULL, modified TEXT NOT NULL, published TEXT,"
    " withdrawn TEXT, summary TEXT, record BLOB NOT NULL);"
    "CREATE TABLE alias(rid INTEGER NOT NULL REFERENCES advisory(rid)"
    " ON DELETE CASCADE, alias TEXT NOT NULL);"
    "CREATE INDEX alias_by_name ON alias(alias);"
    "CREATE INDEX alias_by_rid ON alias(rid);"
    "CREATE TABLE affected(rid INTEGER NOT NULL REFERENCES advisory(rid)"
    " ON DELETE CASCADE, ecosystem TEXT NOT NULL, name TEXT NOT NULL,"
    " purl TEXT);"
    "CREATE INDEX affected_by_pkg ON affected(ecosystem, name);"
    "CREATE INDEX affected_by_rid ON affected(rid);"
    "INSERT INTO meta VALUES('application', 'tsunagi');";

int tsn_vulndb_open(tsn_vulndb **out, const char *path, bool create)
{
    *out = NULL;
    tsn_vulndb *v = tsn_calloc(1, sizeof *v);
    if (!v)
        return tsn_error_oom();
    int rc = tsna_db_open(&v->db, path, create);
    tsna_stmt *st = NULL;
    if (rc == 0)
        rc = tsna_db_exec(v->db, "BEGIN IMMEDIATE");
    if (rc == 0)
        rc = tsna_prepare(v->db,
                          "SELECT count(*) FROM sqlite_master WHERE "
                          "type = 'table' AND name = 'meta'",
                          &st);
    bool empty = false;
    if (rc == 0 && (rc = tsna_step(st)) == 1) {
        empty = tsna_col_int(st, 0) == 0;
        rc = 0;
    }
    tsna_finalize(st);
    st = NULL;
    if (rc == 0 && empty) {
        char sql[sizeof schema_sql + 80];
        snprintf(sql, sizeof sql, "%sINSERT INTO meta VALUES('schema', '%d');",
                 schema_sql, TSN_VULNDB_SCHEMA);
        rc = tsna_db_exec(v->db, sql);
    }
    if (rc == 0)
        rc = tsna_prepare(v->db,
                          "SELECT (SELECT value FROM meta WHERE key = "
                          "'application'), (SELECT value FROM meta WHERE "
                          "key = 'schema')",
                          &st);
    if (rc == 0 && (rc = tsna_step(st)) == 1) {
        const char *app = tsna_col_text(st, 0);
        int64_t ver = tsna_col_int(st, 1);
        rc = 0;
        if (!app || strcmp(app, "tsunagi") != 0)
            rc = tsn_error_set(TSN_EINVALID,
                               "%s is not a tsunagi knowledge base", path);
        else if (ver > TSN_VULNDB_SCHEMA)
            rc = tsn_error_set(TSN_EUNSUPPORTED,
                               "%s has schema %lld; this tsunagi reads "
                               "schema %d",
                               path, (long long)ver, TSN_VULNDB_SCHEMA);
    }
    tsna_finalize(st);
    if (rc == 0)
        rc = tsna_db_exec(v->db, "COMMIT");
    if (rc < 0) {
        tsn_vulndb_close(v);
        return rc;
    }
    *out = v;
    return 0;
}

void tsn_vulndb_close(tsn_vulndb *v)
{
    if (!v)
        return;
    tsna_db_close(v->db);
    free(v);
}

/* ---- import ----------------------------------------------------------- */

/* RFC 3339 to seconds since the epoch (UTC), fractions kept. */
static double epoch(const char *s)
{
    struct tm tm = {0};
    double frac = 0;
    int n = 0;
    if (sscanf(s, "%4d-%2d-%2d%*c%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon,
               &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6)
        return 0;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    const char *p = s + n;
    if (*p == '.') {
        double scale = 0.1;
        for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10)
            frac += (*p - '0') * scale;
    }
    double t = (double)timegm(&tm) + frac;
    if (*p == '+' || *p == '-') {
        int hh = 0, mm = 0;
        if (sscanf(p + 1, "%2d:%2d", &hh, &mm) == 2)
            t -= (*p == '+' ? 1 : -1) * (hh * 3600.0 + mm * 60.0);
    }
    return t;
}

struct imp {
    tsn_vulndb *v;
    tsn_vulndb_import_stats *stats;
    tsn_vulndb_report_fn report;
    void *payload;
    tsna_stmt *find, *del, *ins, *ins_alias, *ins_aff;
};

static void report(struct imp *im, bool refused, const char *msg)
{
    if (im->report)
        im->report(im->payload, refused, msg);
}

static int
store(struct imp *im, const tsn_advisory *a, const char *text, size_t len)
{
    int rc;
    tsna_reset(im->find);
    if ((rc = tsna_bind_text(im->find, 1, a->id)) < 0)
        return rc;
    int64_t old = 0;
    if ((rc = tsna_step(im->find)) < 0)
        return rc;
    if (rc == 1) {
        old = tsna_col_int(im->find, 0);
        const char *m = tsna_col_text(im->find, 1);
        if (m && epoch(m) >= epoch(a->modified)) {
            im->stats->unchanged++;
            return 0;
        }
        tsna_reset(im->del);
        if ((rc = tsna_bind_int(im->del, 1, old)) < 0 ||
            (rc = tsna_step(im->del)) < 0)
            return rc;
    }
    tsna_reset(im->ins);
    if ((rc = tsna_bind_text(im->ins, 1, a->id)) < 0 ||
        (rc = tsna_bind_text(im->ins, 2, "osv")) < 0 ||
        (rc = tsna_bind_text(im->ins, 3, a->modified)) < 0 ||
        (rc = tsna_bind_text(im->ins, 4, a->published)) < 0 ||
        (rc = tsna_bind_text(im->ins, 5, a->withdrawn)) < 0 ||
        (rc = tsna_bind_text(im->ins, 6, a->summary)) < 0 ||
        (rc = tsna_bind_blob(im->ins, 7, text, len)) < 0 ||
        (rc = tsna_step(im->ins)) < 0)
        return rc;
    int64_t rid = tsna_last_rowid(im->v->db);
    /* aliases join records of one vulnerability; related ids do not */
    for (size_t i = 0; i < a->naliases; i++) {
        tsna_reset(im->ins_alias);
        if ((rc = tsna_bind_int(im->ins_alias, 1, rid)) < 0 ||
            (rc = tsna_bind_text(im->ins_alias, 2, a->aliases[i])) < 0 ||
            (rc = tsna_step(im->ins_alias)) < 0)
            return rc;
    }
    for (size_t i = 0; i < a->naffected; i++) {
        const tsn_adv_affected *af = &a->affected[i];
        if (!af->ecosystem)
            continue;
        tsna_reset(im->ins_aff);
        if ((rc = tsna_bind_int(im->ins_aff, 1, rid)) < 0 ||
            (rc = tsna_bind_text(im->ins_aff, 2, af->ecosystem)) < 0 ||
            (rc = tsna_bind_text(im->ins_aff, 3, af->name)) < 0 ||
            (rc = tsna_bind_text(im->ins_aff, 4, af->purl)) < 0 ||
            (rc = tsna_step(im->ins_aff)) < 0)
            return rc;
    }
    if (old)
        im->stats->updated++;
    else
        im->stats->added++;
    return 0;
}

static int import_file(struct imp *im, const char *path)
{
    tsn_buf text = TSN_BUF_INIT(TSN_LIMIT_RECORD_BYTES);
    int rc = tsnu_file_read(&text, path, TSN_LIMIT_RECORD_BYTES);
    if (rc < 0 && rc != TSN_ETOOBIG) {
        tsn_buf_dispose(&text);
        return rc;
    }
    im->stats->files++;
    tsn_advisory *a = NULL;
    if (rc == TSN_ETOOBIG) /* refused below, as any faulty record */
        tsn_error_set(rc, "%s: larger than the record limit of %zu bytes", path,
                      TSN_LIMIT_RECORD_BYTES);
    else
        rc = tsn_osv_read(&a, tsn_buf_cstr(&text), text.len, path);
    if (rc == TSN_EINVALID || rc == TSN_ETOOBIG) {
        im->stats->refused++;
        report(im, true, tsn_error_last()->message);
        rc = 0;
    } else if (rc == 0) {
        for (size_t i = 0; i < a->nwarnings; i++) {
            char msg[1024];
            snprintf(msg, sizeof msg, "%s:%s", path, a->warnings[i]);
            report(im, false, msg);
        }
        im->stats->warned += a->nwarnings > 0;
        rc = store(im, a, tsn_buf_cstr(&text), text.len);
    }
    tsn_advisory_free(a);
    tsn_buf_dispose(&text);
    return rc;
}

static int cmpstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A file, or every *.json file below a directory, in name order. */
static int import_path(struct imp *im, const char *path, int depth)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return tsn_error_set(TSN_ENOTFOUND, "%s: cannot read", path);
    if (!S_ISDIR(sb.st_mode))
        return import_file(im, path);
    if (depth > 32)
        return tsn_error_set(TSN_ETOOBIG, "%s: directories nested too deep",
                             path);
    DIR *d = opendir(path);
    if (!d)
        return tsn_error_set(TSN_ENOTFOUND, "%s: cannot read", path);
    tsnu_vec names = TSNU_VEC_INIT(char *, 10000000);
    struct dirent *de;
    int rc = 0;
    while (rc == 0 && (de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        size_t n = strlen(path) + strlen(de->d_name) + 2;
        char *full = tsn_malloc(n);
        if (!full) {
            rc = tsn_error_oom();
            break;
        }
        snprintf(full, n, "%s/%s", path, de->d_name);
        if ((rc = tsnu_vec_push(&names, &full)) < 0)
            free(full);
    }
    closedir(d);
    char **list = names.ptr;
    if (names.len)
        qsort(list, names.len, sizeof *list, cmpstr);
    for (size_t i = 0; i < names.len; i++) {
        if (rc == 0) {
            struct stat cs;
            size_t l = strlen(list[i]);
            bool json = l > 5 && strcmp(list[i] + l - 5, ".json") == 0;
            if (stat(list[i], &cs) == 0 && S_ISDIR(cs.st_mode))
                rc = import_path(im, list[i], depth + 1);
            else if (json)
                rc = import_file(im, list[i]);
        }
        free(list[i]);
    }
    tsnu_vec_dispose(&names);
    return rc;
}

int tsn_vulndb_import(tsn_vulndb *v,
                      const char *const *paths,
                      size_t npaths,
                      tsn_vulndb_import_stats *stats,
                      tsn_vulndb_report_fn rep,
                      void *payload)
{
    memset(stats, 0, sizeof *stats);
    struct imp im = {v, stats, rep, payload, NULL, NULL, NULL, NULL, NULL};
    int rc = tsna_db_exec(v->db, "BEGIN IMMEDIATE");
    if (rc < 0)
        return rc;
    if ((rc = tsna_prepare(v->db,
                           "SELECT rid, modified FROM advisory WHERE id = ?",
                           &im.find)) < 0 ||
        (rc = tsna_prepare(v->db, "DELETE FROM advisory WHERE rid = ?",
                           &im.del)) < 0 ||
        (rc = tsna_prepare(v->db,
                           "INSERT INTO advisory(id, source, modified, "
                           "published, withdrawn, summary, record) "
                           "VALUES(?, ?, ?, ?, ?, ?, ?)",
                           &im.ins)) < 0 ||
        (rc = tsna_prepare(v->db, "INSERT INTO alias VALUES(?, ?)",
                           &im.ins_alias)) < 0 ||
        (rc = tsna_prepare(v->db, "INSERT INTO affected VALUES(?, ?, ?, ?)",
                           &im.ins_aff)) < 0)
        goto done;
    for (size_t i = 0; rc == 0 && i < npaths; i++)
        rc = import_path(&im, paths[i], 0);
    if (rc == 0) {
        char now[32], sql[128];
        time_t t = time(NULL);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
        snprintf(sql, sizeof sql,
                 "INSERT OR REPLACE INTO meta VALUES('last_import', '%s')",
                 now);
        rc = tsna_db_exec(v->db, sql);
    }
done:
    tsna_finalize(im.find);
    tsna_finalize(im.del);
    tsna_finalize(im.ins);
    tsna_finalize(im.ins_alias);
    tsna_finalize(im.ins_aff);
    if (rc == 0)
        rc = tsna_db_exec(v->db, "COMMIT");
    if (rc < 0) {
        char why[1024];
        snprintf(why, sizeof why, "%s", tsn_error_last()->message);
        (void)tsna_db_exec(v->db, "ROLLBACK");
        tsn_error_set(rc, "%s", why);
    }
    return rc;
}

/* ---- status and show -------------------------------------------------- */

int tsn_vulndb_status_get(tsn_vulndb *v, tsn_vulndb_status *out)
{
    memset(out, 0, sizeof *out);
    tsna_stmt *st = NULL;
    int rc = tsna_prepare(
        v->db,
        "SELECT (SELECT count(*) FROM advisory), (SELECT count(*) FROM "
        "advisory WHERE withdrawn IS NOT NULL), (SELECT count(*) FROM alias), "
        "(SELECT value FROM meta WHERE key = 'last_import')",
        &st);
    if (rc == 0 && (rc = tsna_step(st)) == 1) {
        out->advisories = (size_t)tsna_col_int(st, 0);
        out->withdrawn = (size_t)tsna_col_int(st, 1);
        out->aliases = (size_t)tsna_col_int(st, 2);
        const char *li = tsna_col_text(st, 3);
        rc = 0;
        if (li && !(out->last_import = tsnu_strdup(li)))
            rc = tsn_error_oom();
    }
    tsna_finalize(st);
    st = NULL;
    /* advisories per base ecosystem ("Debian:12" counts as Debian) */
    if (rc == 0)
        rc = tsna_prepare(
            v->db,
            "SELECT CASE WHEN instr(ecosystem, ':') > 0 THEN "
            "substr(ecosystem, 1, instr(ecosystem, ':') - 1) ELSE ecosystem "
            "END AS eco, count(DISTINCT rid) FROM affected GROUP BY eco "
            "ORDER BY eco",
            &st);
    tsnu_vec counts = TSNU_VEC_INIT(tsn_vulndb_count, 100000);
    while (rc == 0 && (rc = tsna_step(st)) == 1) {
        tsn_vulndb_count c = {tsnu_strdup(tsna_col_text(st, 0)),
                              (size_t)tsna_col_int(st, 1)};
        rc = c.ecosystem ? tsnu_vec_push(&counts, &c) : tsn_error_oom();
        if (rc < 0)
            free(c.ecosystem);
    }
    tsna_finalize(st);
    out->by_ecosystem = counts.ptr;
    out->necosystems = counts.len;
    if (rc < 0)
        tsn_vulndb_status_free(out);
    return rc < 0 ? rc : 0;
}

void tsn_vulndb_status_free(tsn_vulndb_status *st)
{
    for (size_t i = 0; i < st->necosystems; i++)
        free(st->by_ecosystem[i].ecosystem);
    free(st->by_ecosystem);
    free(st->last_import);
    memset(st, 0, sizeof *st);
}

int tsn_vulndb_show(tsn_vulndb *v, const char *id, char **out)
{
    *out = NULL;
    tsna_stmt *st = NULL;
    /* the advisory, those that name it as an alias, and those it names */
    int rc = tsna_prepare(
        v->db,
        "SELECT record FROM advisory WHERE rid IN ("
        " SELECT rid FROM advisory WHERE id = ?1"
        " UNION SELECT rid FROM alias WHERE alias = ?1"
        " UNION SELECT a.rid FROM advisory a JOIN alias l ON l.alias = a.id"
        "  JOIN advisory b ON b.rid = l.rid WHERE b.id = ?1)"
        " ORDER BY id",
        &st);
    if (rc == 0)
        rc = tsna_bind_text(st, 1, id);
    tsn_buf b = TSN_BUF_INIT(TSN_LIMIT_DOCUMENT_BYTES);
    size_t n = 0;
    if (rc == 0)
        rc = tsn_buf_putc(&b, '[');
    while (rc == 0 && (rc = tsna_step(st)) == 1) {
        size_t len;
        const void *rec = tsna_col_blob(st, 0, &len);
        rc = (n++ ? tsn_buf_puts(&b, ",\n") : tsn_buf_puts(&b, "\n"));
        if (rc == 0)
            rc = tsn_buf_put(&b, rec, len);
    }
    tsna_finalize(st);
    if (rc == 0)
        rc = tsn_buf_puts(&b, "\n]\n");
    if (rc == 0 && n == 0)
        rc = tsn_error_set(TSN_ENOTFOUND, "no advisory %s", id);
    if (rc < 0) {
        tsn_buf_dispose(&b);
        return rc;
    }
    *out = tsn_buf_detach(&b);
    return 0;
}
