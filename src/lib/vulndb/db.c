/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The knowledge base: schema, import (one transaction per import) and
 * the queries behind `db status` and `db show`.
 */
#include "lib/lib.h"

#include "lib/adapt/sqlite.h"
#include "lib/advisory/rd.h"
#include "lib/ident/pkg.h"
#include "lib/adapt/zip.h"
#include "lib/adapt/zlib.h"
#include "lib/adapt/zstd.h"
#include "tsunagi/advisory.h"
#include "tsunagi/limits.h"
#include "tsunagi/vulndb.h"
#include "lib/vulndb/vulndb_int.h"
#include "util/json.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/*
 * Records are stored as read, each compressed with zstd alone so any one
 * reads back without its neighbours. advisory.dict says how:
 *    0  zstd without a dictionary
 *    N  zstd with dictionary N of table dict
 * A source's first import of at least TRAIN_MIN records trains the
 * source's dictionary from its first TRAIN_RECORDS records (or
 * TRAIN_BYTES), held in memory until then; later imports reuse it.
 */
#define TRAIN_RECORDS 4000
#define TRAIN_BYTES ((size_t)8 * 1024 * 1024)
#define TRAIN_MIN 100
#define DICT_BYTES ((size_t)256 * 1024)
#define NO_DICT_YET (-1)

struct codec {
    int64_t did;
    tsna_zcodec *z;
};

struct tsn_vulndb {
    tsna_db *db;
    tsnu_vec codecs; /* struct codec, loaded as records need them */
    tsn_buf scratch; /* one decompressed record */
    tsn_vulndb_progress_fn progress;
    void *progress_payload;
};

static const char schema_sql[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE dict(did INTEGER PRIMARY KEY, source TEXT NOT NULL,"
    " data BLOB NOT NULL);"
    "CREATE TABLE advisory(rid INTEGER PRIMARY KEY, id TEXT NOT NULL,"
    " source TEXT NOT NULL, modified INTEGER NOT NULL, published INTEGER,"
    " withdrawn INTEGER, digest INTEGER NOT NULL, dict INTEGER NOT NULL,"
    " record BLOB NOT NULL, UNIQUE(id, source));"
    "CREATE INDEX advisory_by_digest ON advisory(digest);"
    "CREATE TABLE alias(alias TEXT NOT NULL, rid INTEGER NOT NULL"
    " REFERENCES advisory(rid) ON DELETE CASCADE,"
    " PRIMARY KEY(alias, rid)) WITHOUT ROWID;"
    "CREATE INDEX alias_by_rid ON alias(rid);"
    "CREATE TABLE package(ecosystem TEXT NOT NULL, name TEXT NOT NULL,"
    " pid INTEGER NOT NULL, PRIMARY KEY(ecosystem, name)) WITHOUT ROWID;"
    "CREATE TABLE affected(pid INTEGER NOT NULL,"
    " rid INTEGER NOT NULL REFERENCES advisory(rid) ON DELETE CASCADE,"
    " PRIMARY KEY(pid, rid)) WITHOUT ROWID;"
    "CREATE INDEX affected_by_rid ON affected(rid);"
    "CREATE TABLE kev(cve TEXT PRIMARY KEY, vendor TEXT NOT NULL,"
    " product TEXT NOT NULL, name TEXT NOT NULL, date_added TEXT NOT NULL,"
    " description TEXT NOT NULL, action TEXT NOT NULL,"
    " due_date TEXT NOT NULL, ransomware INTEGER NOT NULL, notes TEXT,"
    " cwes TEXT) WITHOUT ROWID;"
    "CREATE TABLE epss(cve TEXT PRIMARY KEY, epss REAL NOT NULL,"
    " percentile REAL NOT NULL) WITHOUT ROWID;"
    "INSERT INTO meta VALUES('application', 'tsunagi');";

int tsn_vulndb_open(tsn_vulndb **out, const char *path, bool create)
{
    *out = NULL;
    tsn_vulndb *v = tsn_calloc(1, sizeof *v);
    if (!v)
        return tsn_error_oom();
    v->codecs = (tsnu_vec)TSNU_VEC_INIT(struct codec, 1000000);
    v->scratch = (tsn_buf)TSN_BUF_INIT(TSN_LIMIT_RECORD_BYTES);
    int rc = tsna_db_open(&v->db, path, create);
    tsna_stmt *st = NULL;
    /* a reader's check takes no write lock: a scan beside an import or
     * an update reads the state before it (WAL) instead of waiting */
    if (rc == 0)
        rc = tsna_db_exec(v->db, create ? "BEGIN IMMEDIATE" : "BEGIN");
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
        else if (ver < TSN_VULNDB_SCHEMA)
            rc = tsn_error_set(TSN_EUNSUPPORTED,
                               "%s has schema %lld from an older tsunagi; "
                               "remove it and import again",
                               path, (long long)ver);
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

int tsnv_reopen(tsn_vulndb *v, tsn_vulndb **out)
{
    return tsn_vulndb_open(out, tsna_db_path(v->db), false);
}

void tsn_vulndb_close(tsn_vulndb *v)
{
    if (!v)
        return;
    struct codec *c = v->codecs.ptr;
    for (size_t i = 0; i < v->codecs.len; i++)
        tsna_zcodec_free(c[i].z);
    tsnu_vec_dispose(&v->codecs);
    tsn_buf_dispose(&v->scratch);
    tsna_db_close(v->db);
    free(v);
}

/* The codec of dictionary @p did (0: none), loaded once. */
static int codec(tsn_vulndb *v, int64_t did, tsna_zcodec **out)
{
    struct codec *c = v->codecs.ptr;
    for (size_t i = 0; i < v->codecs.len; i++)
        if (c[i].did == did) {
            *out = c[i].z;
            return 0;
        }
    struct codec nc = {did, NULL};
    int rc = 0;
    if (did == 0) {
        rc = tsna_zcodec_new(&nc.z, NULL, 0);
    } else {
        tsna_stmt *st = NULL;
        rc = tsna_prepare(v->db, "SELECT data FROM dict WHERE did = ?", &st);
        if (rc == 0)
            rc = tsna_bind_int(st, 1, did);
        if (rc == 0 && (rc = tsna_step(st)) == 1) {
            size_t len;
            const void *data = tsna_col_blob(st, 0, &len);
            rc = tsna_zcodec_new(&nc.z, data, len);
        } else if (rc == 0) {
            rc = tsn_error_set(TSN_EINVALID,
                               "knowledge base damaged: dictionary %lld "
                               "missing",
                               (long long)did);
        }
        tsna_finalize(st);
    }
    if (rc == 0 && (rc = tsnu_vec_push(&v->codecs, &nc)) < 0)
        tsna_zcodec_free(nc.z);
    *out = rc < 0 ? NULL : nc.z;
    return rc;
}

/* A stored record, as read at import, in v->scratch (valid until the
 * next call). */
static int record_text(tsn_vulndb *v, int64_t did, const void *blob, size_t len)
{
    tsn_buf_clear(&v->scratch);
    tsna_zcodec *z;
    int rc = codec(v, did, &z);
    return rc < 0 ? rc : tsna_zdecompress(z, blob, len, &v->scratch);
}

/* A stored record of @p source read back into the model. */
static int read_stored(const char *source,
                       const char *text,
                       size_t len,
                       const char *label,
                       bool matching,
                       tsn_advisory **out)
{
    *out = NULL;
    if (strcmp(source, "nvd") == 0 || strcmp(source, "jvn") == 0) {
        tsn_adv_list *l = NULL;
        int rc = (strcmp(source, "jvn") == 0 ? tsn_jvn_read : tsn_nvd_read)(
            &l, text, len, label);
        if (rc == 0 && l->n == 1) {
            *out = l->items[0];
            l->items[0] = NULL;
        }
        tsn_adv_list_free(l);
        if (rc < 0)
            return rc;
    } else {
        int rc = strncmp(source, "csaf", 4) == 0
                     ? tsn_csaf_read(out, text, len, label)
                 : strcmp(source, "cve") == 0
                     ? tsn_cve5_read(out, text, len, label)
                 : matching ? tsnr_osv_read_matching(out, text, len, label)
                            : tsn_osv_read(out, text, len, label);
        if (rc < 0)
            return rc;
    }
    return *out ? 0
                : tsn_error_set(TSN_ERROR,
                                "%s: does not read back as one "
                                "record",
                                label);
}

/* ---- import ----------------------------------------------------------- */

/* A time column: microseconds since the epoch, or NULL. */
static int bind_time(tsna_stmt *st, int i, const char *s)
{
    return s ? tsna_bind_int(st, i, tsnr_epoch(s))
             : tsna_bind_text(st, i, NULL);
}

/* One advisory's rows in a link table (alias: text values; affected:
 * package ids), its statements taking the rid first and a value second. */
struct link {
    tsna_stmt *sel; /* the values of rid, in order */
    tsna_stmt *del; /* every row of rid */
    tsna_stmt *ins; /* (rid, value) */
};

/* What one source's records are compressed with, and the records held
 * back until its dictionary is trained. */
struct source {
    const char *name;
    int64_t did;      /* NO_DICT_YET, or as advisory.dict */
    tsnu_vec pending; /* tsn_advisory *, read and held back */
    tsnu_vec digests; /* int64_t, their digests */
    tsnu_vec sizes;   /* size_t, their lengths */
    tsn_buf samples;  /* their texts end to end */
};

/* The sources records come from; each has its own dictionary. */
enum { SRC_OSV, SRC_NVD, SRC_CVE, SRC_JVN, SRC_CSAF, NSOURCES };
static const char *const source_names[NSOURCES] = {"osv", "nvd", "cve", "jvn",
                                                   "csaf"};

struct imp {
    tsn_vulndb *v;
    tsn_vulndb_import_stats *stats;
    tsn_vulndb_report_fn report;
    void *payload;
    unsigned formats;     /* 1 << tsn_adv_format read; 0: every format */
    uint64_t done, total; /* input bytes read, of all (0: unknown) */
    tsna_stmt *find, *ins, *upd, *find_pkg, *ins_pkg, *ins_dict;
    struct link alias, affected;
    struct source src[NSOURCES];
    int64_t next_pid; /* package ids are given here, not by SQLite */
    tsnu_vec stored;  /* int64_t digests of the records stored before */
    tsn_buf text, packed, key;
};

static struct source *source_of(struct imp *im, const tsn_advisory *a)
{
    for (size_t i = 1; i < NSOURCES; i++)
        if (strcmp(a->source, source_names[i]) == 0)
            return &im->src[i];
    return &im->src[SRC_OSV];
}

/* The source a record is held under: its own, and for CSAF the host of
 * its publisher's namespace as well ("csaf:www.redhat.com"), since CSAF
 * ids are unique per publisher only. The host is lower-cased, characters
 * other than a-z 0-9 . - become _, and "." or ".." becomes _, so that
 * the export's directory of it stays one plain name. */
static const char *stored_source(const tsn_advisory *a, char *buf, size_t cap)
{
    if (strcmp(a->source, "csaf") != 0 || !a->publisher)
        return a->source;
    const char *h = strstr(a->publisher, "://");
    h = h ? h + 3 : a->publisher;
    size_t n = strcspn(h, "/:?#"), k = 5;
    memcpy(buf, "csaf:", 5);
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        char c = h[i] >= 'A' && h[i] <= 'Z' ? (char)(h[i] | 0x20) : h[i];
        buf[k++] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                           c == '.' || c == '-'
                       ? c
                       : '_';
    }
    buf[k] = '\0';
    if (strcmp(buf + 5, "") == 0 || strcmp(buf + 5, ".") == 0 ||
        strcmp(buf + 5, "..") == 0)
        memcpy(buf + 5, "_", 2);
    return buf;
}

static void report(struct imp *im, bool refused, const char *msg)
{
    if (im->report)
        im->report(im->payload, refused, msg);
}

/* Tell the progress hook how far the import is. */
static void tick(struct imp *im)
{
    const tsn_vulndb_import_stats *st = im->stats;
    if (im->v->progress)
        im->v->progress(im->v->progress_payload,
                        st->added + st->updated + st->unchanged + st->refused,
                        im->done, im->total);
}

/* Digest of a record's bytes: length and CRC-32. A zip entry gives both
 * without being read, so an unchanged entry costs one lookup. */
static int64_t digest(uint64_t len, uint32_t crc)
{
    return (int64_t)(((len & 0x7fffffffu) << 32) | crc);
}

static int source_open(struct imp *im, struct source *src, const char *name)
{
    src->name = name;
    src->did = NO_DICT_YET;
    src->pending = (tsnu_vec)TSNU_VEC_INIT(tsn_advisory *, TRAIN_RECORDS);
    src->digests = (tsnu_vec)TSNU_VEC_INIT(int64_t, TRAIN_RECORDS);
    src->sizes = (tsnu_vec)TSNU_VEC_INIT(size_t, TRAIN_RECORDS);
    src->samples = (tsn_buf)TSN_BUF_INIT(TRAIN_BYTES + TSN_LIMIT_RECORD_BYTES);
    tsna_stmt *st = NULL;
    int rc = tsna_prepare(im->v->db,
                          "SELECT max(did) FROM dict WHERE source = ?", &st);
    if (rc == 0)
        rc = tsna_bind_text(st, 1, name);
    if (rc == 0 && (rc = tsna_step(st)) == 1) {
        if (tsna_col_text(st, 0))
            src->did = tsna_col_int(st, 0);
        rc = 0;
    }
    tsna_finalize(st);
    return rc;
}

static void source_close(struct source *src)
{
    tsn_advisory **a = src->pending.ptr;
    for (size_t i = 0; i < src->pending.len; i++)
        tsn_advisory_free(a[i]);
    tsnu_vec_dispose(&src->pending);
    tsnu_vec_dispose(&src->digests);
    tsnu_vec_dispose(&src->sizes);
    tsn_buf_dispose(&src->samples);
}

/* The id of package @p name (a key) of @p eco, added when new. */
static int
package_id(struct imp *im, const char *eco, const char *name, int64_t *pid)
{
    int rc;
    tsna_reset(im->find_pkg);
    if ((rc = tsna_bind_text(im->find_pkg, 1, eco)) < 0 ||
        (rc = tsna_bind_text(im->find_pkg, 2, name)) < 0 ||
        (rc = tsna_step(im->find_pkg)) < 0)
        return rc;
    if (rc == 1) {
        *pid = tsna_col_int(im->find_pkg, 0);
        return 0;
    }
    tsna_reset(im->ins_pkg);
    if ((rc = tsna_bind_text(im->ins_pkg, 1, eco)) < 0 ||
        (rc = tsna_bind_text(im->ins_pkg, 2, name)) < 0 ||
        (rc = tsna_bind_int(im->ins_pkg, 3, im->next_pid)) < 0 ||
        (rc = tsna_step(im->ins_pkg)) < 0)
        return rc;
    *pid = im->next_pid++;
    return 0;
}

/* The package's id, added when new; held under its key
 * (tsni_package_key: "Django" and "django" are one PyPI package). */
static int
package(struct imp *im, const char *eco, const char *name, int64_t *pid)
{
    int rc;
    tsnu_arena tmp = TSNU_ARENA_INIT;
    if (!(name = tsni_package_key(&tmp, eco, name)))
        return tsn_error_oom();
    rc = package_id(im, eco, name, pid);
    tsnu_arena_dispose(&tmp);
    return rc;
}

/* The package of a CPE: ecosystem "CPE", name "vendor:product" as the
 * formatted string writes them (from @p fs, or given). A name that is
 * not a CPE 2.3 one is not indexed (*pid 0, a package id never given). */
static int cpe_package(struct imp *im,
                       const char *fs,
                       const char *vendor,
                       const char *product,
                       int64_t *pid)
{
    tsnu_arena tmp = {0};
    int rc = 0;
    *pid = 0;
    if (fs && (rc = tsnr_cpe_vp(&tmp, fs, &vendor, &product)) < 0) {
        tsnu_arena_dispose(&tmp);
        return rc == TSN_EINVALID ? 0 : rc;
    }
    tsn_buf_clear(&im->key);
    if ((rc = tsn_buf_printf(&im->key, "%s:%s", vendor, product)) == 0)
        rc = package(im, "CPE", im->key.ptr, pid);
    tsnu_arena_dispose(&tmp);
    return rc;
}

static int cmp_int(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int cmp_text(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Make the rows of @p rid hold exactly the @p n values (sorted, without
 * repeats; text when @p texts, else @p ints). Rows that are already right
 * are not rewritten, so an update that keeps them touches no page. */
static int link_set(struct link *l,
                    int64_t rid,
                    const char *const *texts,
                    const int64_t *ints,
                    size_t n)
{
    int rc;
    size_t same = 0;
    bool differ = false;
    tsna_reset(l->sel);
    if ((rc = tsna_bind_int(l->sel, 1, rid)) < 0)
        return rc;
    while (!differ && (rc = tsna_step(l->sel)) == 1) {
        if (same == n)
            differ = true;
        else if (texts)
            differ = !tsnu_streq(tsna_col_text(l->sel, 0), texts[same++]);
        else
            differ = tsna_col_int(l->sel, 0) != ints[same++];
    }
    if (rc < 0)
        return rc;
    if (!differ && same == n)
        return 0;
    tsna_reset(l->del);
    if ((rc = tsna_bind_int(l->del, 1, rid)) < 0 ||
        (rc = tsna_step(l->del)) < 0)
        return rc;
    for (size_t i = 0; i < n; i++) {
        tsna_reset(l->ins);
        if ((rc = tsna_bind_int(l->ins, 1, rid)) < 0 ||
            (rc = texts ? tsna_bind_text(l->ins, 2, texts[i])
                        : tsna_bind_int(l->ins, 2, ints[i])) < 0 ||
            (rc = tsna_step(l->ins)) < 0)
            return rc;
    }
    return 0;
}

/* The advisory's aliases and affected packages as sorted sets. Aliases
 * join records of one vulnerability; related ids do not. */
static int link_all(struct imp *im, const tsn_advisory *a, int64_t rid)
{
    int rc = 0;
    const char **al = NULL;
    int64_t *pid = NULL;
    size_t nal = 0, npid = 0;
    if (a->naliases && !(al = tsn_malloc(a->naliases * sizeof *al)))
        return tsn_error_oom();
    for (size_t i = 0; i < a->naliases; i++)
        al[i] = a->aliases[i];
    if (a->naliases) {
        qsort(al, a->naliases, sizeof *al, cmp_text);
        for (size_t i = 0; i < a->naliases; i++)
            if (nal == 0 || strcmp(al[nal - 1], al[i]) != 0)
                al[nal++] = al[i];
    }
    size_t most = a->naffected;
    for (size_t i = 0; i < a->naffected; i++)
        most += a->affected[i].ncpes;
    for (size_t i = 0; i < a->nconfigs; i++)
        for (size_t j = 0; j < a->configs[i].nnodes; j++)
            most += a->configs[i].nodes[j].nmatches;
    if (most && !(pid = tsn_malloc(most * sizeof *pid)))
        rc = tsn_error_oom();
    for (size_t i = 0; rc == 0 && i < a->naffected; i++) {
        const tsn_adv_affected *af = &a->affected[i];
        if (af->ecosystem)
            rc = package(im, af->ecosystem, af->name, &pid[npid++]);
        for (size_t j = 0; rc == 0 && j < af->ncpes; j++)
            rc = cpe_package(im, af->cpes[j], NULL, NULL, &pid[npid++]);
    }
    /* the vulnerable products of configurations, not the platforms */
    for (size_t i = 0; rc == 0 && i < a->nconfigs; i++)
        for (size_t j = 0; rc == 0 && j < a->configs[i].nnodes; j++) {
            const tsn_adv_node *nd = &a->configs[i].nodes[j];
            for (size_t k = 0; rc == 0 && k < nd->nmatches; k++)
                if (nd->matches[k].vulnerable)
                    rc = cpe_package(im, NULL, nd->matches[k].vendor,
                                     nd->matches[k].product, &pid[npid++]);
        }
    if (rc == 0 && npid) {
        qsort(pid, npid, sizeof *pid, cmp_int);
        size_t k = 0;
        for (size_t i = 0; i < npid; i++)
            if (pid[i] && (k == 0 || pid[k - 1] != pid[i]))
                pid[k++] = pid[i];
        npid = k;
    }
    if (rc == 0)
        rc = link_set(&im->alias, rid, al, NULL, nal);
    if (rc == 0)
        rc = link_set(&im->affected, rid, NULL, pid, npid);
    free(al);
    free(pid);
    return rc;
}

/* Whether @p a, found held with the same modification time, replaces
 * the record held: a full record replaces an overview (a JVN RSS item).
 * 1, 0 or an error. */
static int replaces_overview(struct imp *im, const tsn_advisory *a)
{
    if (a->overview)
        return 0;
    size_t len;
    const void *blob = tsna_col_blob(im->find, 3, &len);
    tsn_advisory *held = NULL;
    int rc = record_text(im->v, tsna_col_int(im->find, 2), blob, len);
    if (rc == 0)
        rc = read_stored(a->source, im->v->scratch.ptr, im->v->scratch.len,
                         a->id, false, &held);
    if (rc == 0)
        rc = held->overview;
    tsn_advisory_free(held);
    return rc;
}

/* Add the advisory, or replace the stored one when this one's modified is
 * later, or it is the full record of an overview held (in place: same
 * rid, links rewritten only where they changed). */
static int store(struct imp *im,
                 const tsn_advisory *a,
                 const char *text,
                 size_t len,
                 int64_t dig)
{
    int rc;
    struct source *src = source_of(im, a);
    char held_as[300];
    const char *col = stored_source(a, held_as, sizeof held_as);
    tsna_reset(im->find);
    if ((rc = tsna_bind_text(im->find, 1, a->id)) < 0 ||
        (rc = tsna_bind_text(im->find, 2, col)) < 0)
        return rc;
    int64_t rid = 0;
    if ((rc = tsna_step(im->find)) < 0)
        return rc;
    if (rc == 1) {
        rid = tsna_col_int(im->find, 0);
        int64_t held = tsna_col_int(im->find, 1), t = tsnr_epoch(a->modified);
        if (held == t && (rc = replaces_overview(im, a)) < 0)
            return rc;
        if (held > t || (held == t && rc == 0)) {
            im->stats->unchanged++;
            return 0;
        }
    }
    tsna_zcodec *z;
    if ((rc = codec(im->v, src->did, &z)) < 0 ||
        (rc = tsna_zcompress(z, text, len, &im->packed)) < 0)
        return rc;
    tsna_stmt *st = rid ? im->upd : im->ins;
    tsna_reset(st);
    if ((rc = tsna_bind_text(st, 1, col)) < 0 ||
        (rc = bind_time(st, 2, a->modified)) < 0 ||
        (rc = bind_time(st, 3, a->published)) < 0 ||
        (rc = bind_time(st, 4, a->withdrawn)) < 0 ||
        (rc = tsna_bind_int(st, 5, dig)) < 0 ||
        (rc = tsna_bind_int(st, 6, src->did)) < 0 ||
        (rc = tsna_bind_blob(st, 7, im->packed.ptr, im->packed.len)) < 0 ||
        (rc = rid ? tsna_bind_int(st, 8, rid) : tsna_bind_text(st, 8, a->id)) <
            0 ||
        (rc = tsna_step(st)) < 0)
        return rc;
    if (rid)
        im->stats->updated++;
    else
        im->stats->added++;
    return link_all(im, a, rid ? rid : tsna_last_rowid(im->v->db));
}

/* Train the source's dictionary from the records held back (with too
 * few, or too alike, none: plain zstd), then store them with it. */
static int source_train(struct imp *im, struct source *src)
{
    int rc = 0;
    int64_t did = 0;
    if (src->pending.len >= TRAIN_MIN) {
        tsn_buf dict = TSN_BUF_INIT(DICT_BYTES);
        rc = tsna_ztrain(src->samples.ptr, src->sizes.ptr, src->sizes.len,
                         DICT_BYTES, &dict);
        if (rc == TSN_EINVALID) {
            rc = 0; /* too alike to train on: no dictionary */
        } else if (rc == 0) {
            tsna_reset(im->ins_dict);
            if ((rc = tsna_bind_text(im->ins_dict, 1, src->name)) == 0 &&
                (rc = tsna_bind_blob(im->ins_dict, 2, dict.ptr, dict.len)) ==
                    0 &&
                (rc = tsna_step(im->ins_dict)) == 0)
                did = tsna_last_rowid(im->v->db);
        }
        tsn_buf_dispose(&dict);
    }
    if (rc < 0)
        return rc;
    src->did = did;
    tsn_advisory **a = src->pending.ptr;
    const int64_t *dig = src->digests.ptr;
    const size_t *size = src->sizes.ptr;
    const char *text = src->samples.ptr;
    for (size_t i = 0; i < src->pending.len; text += size[i++]) {
        if (rc == 0)
            rc = store(im, a[i], text, size[i], dig[i]);
        tsn_advisory_free(a[i]);
    }
    src->pending.len = 0;
    src->digests.len = 0;
    src->sizes.len = 0;
    tsn_buf_clear(&src->samples);
    return rc;
}

/* Store a record read, or hold it back (taking @p a) while its source
 * has no dictionary yet. */
static int keep(
    struct imp *im, tsn_advisory **a, const char *text, size_t len, int64_t dig)
{
    struct source *src = source_of(im, *a);
    if (src->did != NO_DICT_YET)
        return store(im, *a, text, len, dig);
    int rc;
    if ((rc = tsnu_vec_push(&src->pending, a)) < 0)
        return rc;
    *a = NULL;
    if ((rc = tsnu_vec_push(&src->digests, &dig)) < 0 ||
        (rc = tsnu_vec_push(&src->sizes, &len)) < 0 ||
        (rc = tsn_buf_put(&src->samples, text, len)) < 0)
        return rc;
    if (src->pending.len >= TRAIN_RECORDS || src->samples.len >= TRAIN_BYTES)
        return source_train(im, src);
    return 0;
}

/* Whether a record with these very bytes was stored before this import
 * (its bytes hold its id, so the id need not be known). */
static bool unchanged(const struct imp *im, int64_t dig)
{
    const int64_t *d = im->stored.ptr;
    size_t lo = 0, hi = im->stored.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d[mid] < dig)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < im->stored.len && d[lo] == dig;
}

/* The digests of every stored record, sorted (8 bytes a record). */
static int load_digests(struct imp *im)
{
    tsna_stmt *st = NULL;
    int rc = tsna_prepare(im->v->db,
                          "SELECT digest FROM advisory ORDER BY digest", &st);
    while (rc == 0 && (rc = tsna_step(st)) == 1) {
        int64_t d = tsna_col_int(st, 0);
        rc = tsnu_vec_push(&im->stored, &d);
    }
    tsna_finalize(st);
    return rc < 0 ? rc : 0;
}

/* The one number a "SELECT count(*) ..." gives. */
static int count_of(tsna_db *db, const char *sql, size_t *n)
{
    tsna_stmt *st = NULL;
    int rc = tsna_prepare(db, sql, &st);
    if (rc == 0 && (rc = tsna_step(st)) == 1) {
        *n = (size_t)tsna_col_int(st, 0);
        rc = 0;
    }
    tsna_finalize(st);
    return rc;
}

/* meta value @p key as microseconds since the epoch (0 when absent). */
static int meta_time(tsna_db *db, const char *key, int64_t *out)
{
    tsna_stmt *st = NULL;
    *out = 0;
    int rc = tsna_prepare(db, "SELECT value FROM meta WHERE key = ?", &st);
    if (rc == 0)
        rc = tsna_bind_text(st, 1, key);
    if (rc == 0 && (rc = tsna_step(st)) == 1) {
        *out = tsnr_epoch(tsna_col_text(st, 0));
        rc = 0;
    }
    tsna_finalize(st);
    return rc;
}

static int meta_set(tsna_db *db, const char *key, const char *value)
{
    tsna_stmt *st = NULL;
    int rc = tsna_prepare(db, "INSERT OR REPLACE INTO meta VALUES(?, ?)", &st);
    if (rc == 0 && (rc = tsna_bind_text(st, 1, key)) == 0 &&
        (rc = tsna_bind_text(st, 2, value)) == 0)
        rc = tsna_step(st);
    tsna_finalize(st);
    return rc < 0 ? rc : 0;
}

/* A feed document (KEV, EPSS) its reader refused whole: one refused
 * record. */
static int feed_refuse(struct imp *im)
{
    im->stats->refused++;
    report(im, true, tsn_error_last()->message);
    return 0;
}

/* Report and count a feed's refused entries, and tell whether it is newer
 * than the stored copy (dated by meta @p key; an undated feed is always
 * newer). An older or the same feed counts its @p n entries unchanged. */
static int feed_newer(struct imp *im,
                      const char *const *refused,
                      size_t nrefused,
                      const char *key,
                      const char *date,
                      size_t n,
                      bool *newer)
{
    for (size_t i = 0; i < nrefused; i++)
        report(im, true, refused[i]);
    im->stats->refused += nrefused;
    int64_t stored;
    int rc = meta_time(im->v->db, key, &stored);
    *newer = rc == 0 && (!date || stored < tsnr_epoch(date));
    if (rc == 0 && !*newer)
        im->stats->unchanged += n;
    return rc;
}

/* A KEV catalog replaces the stored one when it was released later: its
 * entries are the whole table (an entry CISA withdrew goes). Entries that
 * break the schema are refused and counted. */
static int import_kev(struct imp *im, const char *label)
{
    tsn_kev *k = NULL;
    int rc = tsn_kev_read(&k, tsn_buf_cstr(&im->text), im->text.len, label);
    if (rc == TSN_EINVALID)
        return feed_refuse(im);
    if (rc < 0)
        return rc;
    bool newer;
    if ((rc = feed_newer(im, k->refused, k->nrefused, "kev_released",
                         k->date_released, k->nentries, &newer)) < 0 ||
        !newer)
        goto out;
    tsnu_strset had = TSNU_STRSET_INIT;
    tsnu_arena names = {0};
    tsna_stmt *sel = NULL, *ins = NULL;
    rc = tsna_prepare(im->v->db, "SELECT cve FROM kev", &sel);
    while (rc == 0 && (rc = tsna_step(sel)) == 1) {
        const char *cve = tsnu_arena_strdup(&names, tsna_col_text(sel, 0));
        rc = !cve || tsnu_strset_add(&had, cve) < 0 ? tsn_error_oom() : 0;
    }
    tsna_finalize(sel);
    if (rc == 0)
        rc = tsna_db_exec(im->v->db, "DELETE FROM kev");
    if (rc == 0)
        rc = tsna_prepare(im->v->db,
                          "INSERT OR REPLACE INTO kev VALUES(?, ?, ?, ?, ?, ?, "
                          "?, ?, ?, ?, ?)",
                          &ins);
    tsn_buf cwes = TSN_BUF_INIT(TSN_LIMIT_FIELD_BYTES);
    for (size_t i = 0; rc == 0 && i < k->nentries; i++) {
        const tsn_kev_entry *e = &k->entries[i];
        tsn_buf_clear(&cwes);
        for (size_t j = 0; rc == 0 && j < e->ncwes; j++)
            rc = tsn_buf_printf(&cwes, "%s%s", j ? " " : "", e->cwes[j]);
        tsna_reset(ins);
        if (rc < 0 || (rc = tsna_bind_text(ins, 1, e->cve)) < 0 ||
            (rc = tsna_bind_text(ins, 2, e->vendor)) < 0 ||
            (rc = tsna_bind_text(ins, 3, e->product)) < 0 ||
            (rc = tsna_bind_text(ins, 4, e->name)) < 0 ||
            (rc = tsna_bind_text(ins, 5, e->date_added)) < 0 ||
            (rc = tsna_bind_text(ins, 6, e->description)) < 0 ||
            (rc = tsna_bind_text(ins, 7, e->action)) < 0 ||
            (rc = tsna_bind_text(ins, 8, e->due_date)) < 0 ||
            (rc = tsna_bind_int(ins, 9, e->ransomware)) < 0 ||
            (rc = tsna_bind_text(ins, 10, e->notes)) < 0 ||
            (rc = tsna_bind_text(ins, 11, e->ncwes ? cwes.ptr : NULL)) < 0 ||
            (rc = tsna_step(ins)) < 0)
            break;
        if (tsnu_strset_has(&had, e->cve))
            im->stats->updated++;
        else
            im->stats->added++;
    }
    tsn_buf_dispose(&cwes);
    tsna_finalize(ins);
    tsnu_strset_dispose(&had);
    tsnu_arena_dispose(&names);
    if (rc == 0)
        rc = meta_set(im->v->db, "kev_released", k->date_released);
    if (rc == 0)
        rc = meta_set(im->v->db, "kev_version", k->catalog_version);
out:
    tsn_kev_free(k);
    return rc;
}

/* EPSS scores replace the stored ones when scored later (or undated). */
static int import_epss(struct imp *im, const char *label)
{
    tsn_epss *e = NULL;
    int rc = tsn_epss_read(&e, tsn_buf_cstr(&im->text), im->text.len, label);
    if (rc == TSN_EINVALID)
        return feed_refuse(im);
    if (rc < 0)
        return rc;
    bool newer;
    if ((rc = feed_newer(im, e->refused, e->nrefused, "epss_date",
                         e->score_date, e->nrows, &newer)) < 0 ||
        !newer)
        goto out;
    tsna_stmt *ins = NULL;
    size_t had = 0;
    rc = count_of(im->v->db, "SELECT count(*) FROM epss", &had);
    if (rc == 0)
        rc = tsna_db_exec(im->v->db, "DELETE FROM epss");
    if (rc == 0)
        rc = tsna_prepare(im->v->db,
                          "INSERT OR REPLACE INTO epss VALUES(?, ?, ?)", &ins);
    for (size_t i = 0; rc == 0 && i < e->nrows; i++) {
        tsna_reset(ins);
        if ((rc = tsna_bind_text(ins, 1, e->rows[i].cve)) == 0 &&
            (rc = tsna_bind_double(ins, 2, e->rows[i].epss)) == 0 &&
            (rc = tsna_bind_double(ins, 3, e->rows[i].percentile)) == 0)
            rc = tsna_step(ins);
        rc = rc < 0 ? rc : 0;
    }
    tsna_finalize(ins);
    /* scores are replaced wholesale: counted as updated up to the number
     * held before, the rest as added */
    if (rc == 0) {
        size_t upd = had < e->nrows ? had : e->nrows;
        im->stats->updated += upd;
        im->stats->added += e->nrows - upd;
        rc = meta_set(im->v->db, "epss_date",
                      e->score_date ? e->score_date : "");
    }
    if (rc == 0)
        rc = meta_set(im->v->db, "epss_model",
                      e->model_version ? e->model_version : "");
out:
    tsn_epss_free(e);
    return rc;
}

static void refuse_large(struct imp *im, const char *label, bool record);

/* Report the warnings of a record read, and store it. */
static int import_one(struct imp *im,
                      tsn_advisory **a,
                      const char *label,
                      const char *text,
                      size_t len,
                      int64_t dig)
{
    for (size_t i = 0; i < (*a)->nwarnings; i++) {
        char msg[1024];
        snprintf(msg, sizeof msg, "%s:%s", label, (*a)->warnings[i]);
        report(im, false, msg);
    }
    im->stats->warned += (*a)->nwarnings > 0;
    int rc = keep(im, a, text, len, dig);
    tick(im);
    return rc;
}

/* A document of many records (an NVD page, a JVN feed): each is
 * refused, skipped (its own text is stored unchanged) or stored alone. */
static int import_list(struct imp *im, const char *label, bool jvn)
{
    tsn_adv_list *l = NULL;
    int rc = (jvn ? tsn_jvn_read : tsn_nvd_read)(&l, tsn_buf_cstr(&im->text),
                                                 im->text.len, label);
    if (rc == TSN_EINVALID) {
        im->stats->refused++;
        report(im, true, tsn_error_last()->message);
        return 0;
    }
    for (size_t i = 0; rc == 0 && i < l->nrefused; i++) {
        im->stats->refused++;
        report(im, true, l->refused[i]);
    }
    for (size_t i = 0; rc == 0 && i < l->n; i++) {
        int64_t dig = digest(l->lens[i], tsna_crc32(l->texts[i], l->lens[i]));
        if (unchanged(im, dig)) {
            im->stats->unchanged++;
            continue;
        }
        rc = import_one(im, &l->items[i], label, l->texts[i], l->lens[i], dig);
    }
    tsn_adv_list_free(l);
    return rc;
}

/* What a format is called in messages. */
static const char *format_title(tsn_adv_format f)
{
    switch (f) {
    case TSN_ADV_OSV:
        return "an OSV record (or no known format)";
    case TSN_ADV_NVD:
        return "an NVD CVE API page";
    case TSN_ADV_CVE5:
        return "a CVE JSON 5 record";
    case TSN_ADV_KEV:
        return "a KEV catalog";
    case TSN_ADV_EPSS:
        return "EPSS scores";
    case TSN_ADV_JVN:
        return "a JVN document";
    case TSN_ADV_CSAF:
        return "a CSAF document";
    }
    return "an unknown format";
}

/* Read one document (@p label names it in messages) and store it. */
static int import_text(struct imp *im, const char *label, int64_t dig)
{
    tsn_adv_format f =
        tsn_advisory_sniff(tsn_buf_cstr(&im->text), im->text.len);
    if (im->formats && !(im->formats & (1u << f))) {
        tsn_error_set(TSN_EINVALID, "%s: %s, not what this source gives", label,
                      format_title(f));
        im->stats->refused++;
        report(im, true, tsn_error_last()->message);
        return 0;
    }
    switch (f) {
    case TSN_ADV_KEV:
        return import_kev(im, label);
    case TSN_ADV_EPSS:
        return import_epss(im, label);
    case TSN_ADV_NVD:
    case TSN_ADV_JVN:
        return import_list(im, label, f == TSN_ADV_JVN);
    case TSN_ADV_CVE5:
    case TSN_ADV_OSV:
    case TSN_ADV_CSAF:
        break;
    }
    if (im->text.len > TSN_LIMIT_RECORD_BYTES) { /* one record: held less */
        refuse_large(im, label, true);
        return 0;
    }
    tsn_advisory *a = NULL;
    const char *t = tsn_buf_cstr(&im->text);
    int rc = f == TSN_ADV_CVE5   ? tsn_cve5_read(&a, t, im->text.len, label)
             : f == TSN_ADV_CSAF ? tsn_csaf_read(&a, t, im->text.len, label)
                                 : tsn_osv_read(&a, t, im->text.len, label);
    if (rc == TSN_EINVALID) {
        im->stats->refused++;
        report(im, true, tsn_error_last()->message);
        return 0;
    }
    if (rc == 0)
        rc = import_one(im, &a, label, im->text.ptr, im->text.len, dig);
    tsn_advisory_free(a);
    return rc;
}

/* A record too large to read: refused and counted, as a faulty one. */
static void refuse_large(struct imp *im, const char *label, bool record)
{
    tsn_error_set(TSN_ETOOBIG, "%s: larger than the %s limit of %zu bytes",
                  label, record ? "record" : "document",
                  record ? TSN_LIMIT_RECORD_BYTES : TSN_LIMIT_DOCUMENT_BYTES);
    im->stats->refused++;
    report(im, true, tsn_error_last()->message);
}

/* The document just read into im->text (@p rc: how the read went;
 * @p name names it in messages): ungzipped, then stored unless
 * unchanged. */
static int import_read(struct imp *im, const char *name, int rc)
{
    if (rc < 0 && rc != TSN_ETOOBIG)
        return rc;
    im->stats->files++;
    if (rc == TSN_ETOOBIG) {
        refuse_large(im, name, false);
        return 0;
    }
    if (tsna_is_gzip(im->text.ptr, im->text.len)) { /* EPSS comes gzipped */
        tsn_buf plain = TSN_BUF_INIT(TSN_LIMIT_DOCUMENT_BYTES);
        rc = tsna_gunzip(im->text.ptr, im->text.len, &plain, name);
        if (rc == 0) {
            tsn_buf t = im->text;
            im->text = plain;
            plain = t;
        }
        tsn_buf_dispose(&plain);
        if (rc == TSN_ETOOBIG) {
            refuse_large(im, name, false);
            return 0;
        }
        if (rc == TSN_EINVALID) {
            im->stats->refused++;
            report(im, true, tsn_error_last()->message);
            return 0;
        }
        if (rc < 0)
            return rc;
    }
    int64_t dig = digest(im->text.len, tsna_crc32(im->text.ptr, im->text.len));
    if (unchanged(im, dig)) {
        im->stats->unchanged++;
        return 0;
    }
    return import_text(im, name, dig);
}

/* @p label names the file in messages (a download's URL), or NULL. */
static int import_file(struct imp *im, const char *path, const char *label)
{
    tsn_buf_clear(&im->text);
    int rc = tsnu_file_read(&im->text, path, TSN_LIMIT_DOCUMENT_BYTES);
    return import_read(im, label ? label : path, rc);
}

/* A file name that names an advisory document: JSON, CSV (EPSS), XML or
 * RDF (JVN). */
static bool document_name(const char *s)
{
    return tsnu_ends_with(s, ".json") || tsnu_ends_with(s, ".csv") ||
           tsnu_ends_with(s, ".xml") || tsnu_ends_with(s, ".rdf");
}

/* The archive as a whole: entry count, declared size and every large
 * entry's compression ratio within the limits, or nothing is read. */
static int zip_check(tsna_zip *z, const char *path)
{
    size_t n = tsna_zip_count(z);
    if (n > TSN_LIMIT_ZIP_ENTRIES)
        return tsn_error_set(TSN_EINVALID,
                             "%s: %zu entries, over the limit of %zu", path, n,
                             TSN_LIMIT_ZIP_ENTRIES);
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        tsna_zip_entry e;
        int rc = tsna_zip_stat(z, i, &e);
        if (rc < 0)
            return rc;
        total += e.size;
        if (e.size > TSN_LIMIT_ZIP_BYTES || total > TSN_LIMIT_ZIP_BYTES)
            return tsn_error_set(TSN_EINVALID,
                                 "%s: entries declare over %llu bytes in all",
                                 path, (unsigned long long)TSN_LIMIT_ZIP_BYTES);
        if (e.size > TSN_LIMIT_ZIP_RATIO_FLOOR &&
            e.size / (e.csize ? e.csize : 1) > TSN_LIMIT_ZIP_RATIO)
            return tsn_error_set(
                TSN_EINVALID,
                "%s: entry %zu compressed %llu:1, over the "
                "limit of %d:1",
                path, i, (unsigned long long)(e.size / (e.csize ? e.csize : 1)),
                TSN_LIMIT_ZIP_RATIO);
    }
    return 0;
}

/* Every *.json entry of a zip archive (OSV's all.zip), in archive order.
 * Nothing is extracted: entry names are labels, never paths. */
static int import_zip(struct imp *im, const char *path)
{
    tsna_zip *z;
    int rc = tsna_zip_open(&z, path);
    if (rc < 0)
        return rc;
    rc = zip_check(z, path);
    tsn_buf label = TSN_BUF_INIT(TSN_LIMIT_FIELD_BYTES);
    size_t n = tsna_zip_count(z);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        tsna_zip_entry e;
        if ((rc = tsna_zip_stat(z, i, &e)) < 0)
            break;
        im->done += e.csize; /* import_leaf() settles it to the file's size */
        if (e.dir || !document_name(e.name))
            continue;
        im->stats->files++;
        int64_t dig = digest(e.size, e.crc);
        if (unchanged(im, dig)) {
            im->stats->unchanged++;
            continue;
        }
        if ((rc = tsna_zip_label(z, e.name, &label)) < 0)
            break;
        if (e.encrypted) {
            tsn_error_set(TSN_EUNSUPPORTED, "%s: encrypted", label.ptr);
            im->stats->refused++;
            report(im, true, tsn_error_last()->message);
            continue;
        }
        rc = tsna_zip_read(z, i, &im->text);
        if (rc == TSN_ETOOBIG) {
            refuse_large(im, label.ptr, false);
            rc = 0;
            continue;
        }
        if (rc == 0)
            rc = import_text(im, label.ptr, dig);
    }
    tsn_buf_dispose(&label);
    tsna_zip_close(z);
    return rc;
}

/* A zip archive, by its first bytes rather than its name. */
static bool is_zip(const char *path)
{
    FILE *f = fopen(path, "rb");
    unsigned char m[4] = {0};
    if (!f)
        return false;
    size_t n = fread(m, 1, sizeof m, f);
    fclose(f);
    return n == 4 && m[0] == 'P' && m[1] == 'K' &&
           ((m[2] == 3 && m[3] == 4) || (m[2] == 5 && m[3] == 6));
}

static int cmpstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What walk() calls for each file it finds, with the file's stat. */
typedef int (*walk_fn)(void *ctx, const char *file, const struct stat *sb);

/* Every file below directory @p path that an import reads (documents,
 * *.zip, *.gz), in name order, depth first, through @p fn. */
static int walk(const char *path, int depth, walk_fn fn, void *ctx)
{
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
        struct stat cs;
        if (rc == 0 && stat(list[i], &cs) == 0) {
            if (S_ISDIR(cs.st_mode))
                rc = walk(list[i], depth + 1, fn, ctx);
            else if (document_name(list[i]) ||
                     tsnu_ends_with(list[i], ".zip") ||
                     tsnu_ends_with(list[i], ".gz"))
                rc = fn(ctx, list[i], &cs);
        }
        free(list[i]);
    }
    tsnu_vec_dispose(&names);
    return rc;
}

/* A record file or a zip archive of records; its bytes count as read. */
static int
import_leaf(struct imp *im, const char *path, const char *label, uint64_t size)
{
    uint64_t before = im->done;
    int rc = is_zip(path) ? import_zip(im, path) : import_file(im, path, label);
    im->done = before + size;
    tick(im);
    return rc;
}

static int import_found(void *ctx, const char *file, const struct stat *sb)
{
    return import_leaf(ctx, file, NULL, (uint64_t)sb->st_size);
}

/* A record file, a zip archive of records, a directory tree, or one
 * document in part of a file. */
static int import_input(struct imp *im, const tsnv_input *in)
{
    if (in->part) {
        int rc = tsnu_file_read_at(&im->text, in->path, in->offset, in->length,
                                   TSN_LIMIT_DOCUMENT_BYTES);
        rc = import_read(im, in->label ? in->label : in->path, rc);
        im->done += in->length;
        tick(im);
        return rc;
    }
    struct stat sb;
    if (stat(in->path, &sb) != 0)
        return tsn_error_set(TSN_ENOTFOUND, "%s: cannot read", in->path);
    if (S_ISDIR(sb.st_mode))
        return walk(in->path, 0, import_found, im);
    return import_leaf(im, in->path, in->label, (uint64_t)sb.st_size);
}

static int add_size(void *ctx, const char *file, const struct stat *sb)
{
    *(uint64_t *)ctx += (uint64_t)sb->st_size;
    return 0;
}

/* The bytes an import of @p in reads; 0 when one cannot be listed (the
 * import then says why). */
static uint64_t input_bytes(const tsnv_input *in, size_t n)
{
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat sb;
        if (in[i].part)
            total += in[i].length;
        else if (stat(in[i].path, &sb) != 0)
            return 0;
        else if (!S_ISDIR(sb.st_mode))
            total += (uint64_t)sb.st_size;
        else if (walk(in[i].path, 0, add_size, &total) < 0)
            return 0;
    }
    return total;
}

int tsnv_import(tsn_vulndb *v,
                const tsnv_input *in,
                size_t n,
                unsigned formats,
                tsn_vulndb_import_stats *stats,
                tsn_vulndb_report_fn rep,
                void *payload)
{
    memset(stats, 0, sizeof *stats);
    struct imp im = {.v = v,
                     .stats = stats,
                     .report = rep,
                     .payload = payload,
                     .formats = formats};
    if (v->progress)
        im.total = input_bytes(in, n);
    im.text = (tsn_buf)TSN_BUF_INIT(TSN_LIMIT_DOCUMENT_BYTES);
    im.stored = (tsnu_vec)TSNU_VEC_INIT(int64_t, SIZE_MAX / 16);
    im.packed = (tsn_buf)TSN_BUF_INIT(2 * TSN_LIMIT_RECORD_BYTES);
    im.key = (tsn_buf)TSN_BUF_INIT(2 * TSN_LIMIT_FIELD_BYTES);
    /* a 64 MiB page cache (SQLite's default is 2 MiB) keeps the indexes an
     * import updates all over in memory until the commit */
    int rc = tsna_db_exec(v->db, "PRAGMA cache_size=-65536");
    if (rc == 0)
        rc = tsna_db_exec(v->db, "BEGIN IMMEDIATE");
    if (rc < 0)
        return rc;
    const struct {
        const char *sql;
        tsna_stmt **st;
    } prep[] = {
        {"SELECT rid, modified, dict, record FROM advisory "
         "WHERE id = ? AND source = ?",
         &im.find},
        {"INSERT INTO advisory(source, modified, published, withdrawn, "
         "digest, dict, record, id) VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
         &im.ins},
        {"UPDATE advisory SET source = ?, modified = ?, published = ?, "
         "withdrawn = ?, digest = ?, dict = ?, record = ? WHERE rid = ?",
         &im.upd},
        {"SELECT alias FROM alias WHERE rid = ? ORDER BY alias", &im.alias.sel},
        {"DELETE FROM alias WHERE rid = ?", &im.alias.del},
        {"INSERT INTO alias(rid, alias) VALUES(?, ?)", &im.alias.ins},
        {"SELECT pid FROM affected WHERE rid = ? ORDER BY pid",
         &im.affected.sel},
        {"DELETE FROM affected WHERE rid = ?", &im.affected.del},
        {"INSERT INTO affected(rid, pid) VALUES(?, ?)", &im.affected.ins},
        {"SELECT pid FROM package WHERE ecosystem = ? AND name = ?",
         &im.find_pkg},
        {"INSERT INTO package VALUES(?, ?, ?)", &im.ins_pkg},
        {"INSERT INTO dict(source, data) VALUES(?, ?)", &im.ins_dict},
    };
    const size_t nprep = sizeof prep / sizeof prep[0];
    for (size_t i = 0; rc == 0 && i < NSOURCES; i++)
        rc = source_open(&im, &im.src[i], source_names[i]);
    for (size_t i = 0; rc == 0 && i < nprep; i++)
        rc = tsna_prepare(v->db, prep[i].sql, prep[i].st);
    if (rc < 0)
        goto done;
    tsna_stmt *st = NULL;
    if ((rc = tsna_prepare(v->db, "SELECT max(pid) FROM package", &st)) == 0 &&
        (rc = tsna_step(st)) == 1) {
        im.next_pid = tsna_col_int(st, 0) + 1;
        rc = 0;
    }
    tsna_finalize(st);
    if (rc == 0)
        rc = load_digests(&im);
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = import_input(&im, &in[i]);
    for (size_t i = 0; rc == 0 && i < NSOURCES; i++)
        if (im.src[i].pending.len)
            rc = source_train(&im, &im.src[i]);
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
    for (size_t i = 0; i < nprep; i++)
        tsna_finalize(*prep[i].st);
    for (size_t i = 0; i < NSOURCES; i++)
        source_close(&im.src[i]);
    tsnu_vec_dispose(&im.stored);
    tsn_buf_dispose(&im.text);
    tsn_buf_dispose(&im.packed);
    tsn_buf_dispose(&im.key);
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

int tsn_vulndb_import(tsn_vulndb *v,
                      const char *const *paths,
                      size_t npaths,
                      tsn_vulndb_import_stats *stats,
                      tsn_vulndb_report_fn rep,
                      void *payload)
{
    tsnv_input *in = calloc(npaths ? npaths : 1, sizeof *in);
    if (!in) {
        memset(stats, 0, sizeof *stats);
        return tsn_error_oom();
    }
    for (size_t i = 0; i < npaths; i++)
        in[i].path = paths[i];
    int rc = tsnv_import(v, in, npaths, 0, stats, rep, payload);
    free(in);
    return rc;
}

void tsn_vulndb_on_progress(tsn_vulndb *v,
                            tsn_vulndb_progress_fn fn,
                            void *payload)
{
    v->progress = fn;
    v->progress_payload = payload;
}

/* ---- status and show -------------------------------------------------- */

/* The (name, count) rows of @p sql. */
static int
counts(tsna_db *db, const char *sql, tsn_vulndb_count **out, size_t *n)
{
    tsna_stmt *st = NULL;
    int rc = tsna_prepare(db, sql, &st);
    tsnu_vec list = TSNU_VEC_INIT(tsn_vulndb_count, 100000);
    while (rc == 0 && (rc = tsna_step(st)) == 1) {
        tsn_vulndb_count c = {tsnu_strdup(tsna_col_text(st, 0)),
                              (size_t)tsna_col_int(st, 1)};
        rc = c.name ? tsnu_vec_push(&list, &c) : tsn_error_oom();
        if (rc < 0)
            free(c.name);
    }
    tsna_finalize(st);
    *out = list.ptr;
    *n = list.len;
    return rc < 0 ? rc : 0;
}

/* The text of the first column of @p sql's rows. */
static int texts(tsna_db *db, const char *sql, char ***out, size_t *n)
{
    tsna_stmt *st = NULL;
    int rc = tsna_prepare(db, sql, &st);
    tsnu_vec list = TSNU_VEC_INIT(char *, 100000);
    while (rc == 0 && (rc = tsna_step(st)) == 1) {
        char *s = tsnu_strdup(tsna_col_text(st, 0));
        rc = s ? tsnu_vec_push(&list, &s) : tsn_error_oom();
        if (rc < 0)
            free(s);
    }
    tsna_finalize(st);
    if (rc < 0) {
        for (size_t i = 0; i < list.len; i++)
            free(((char **)list.ptr)[i]);
        tsnu_vec_dispose(&list);
        return rc;
    }
    *out = list.ptr;
    *n = list.len;
    return 0;
}

int tsn_vulndb_status_get(tsn_vulndb *v, tsn_vulndb_status *out)
{
    memset(out, 0, sizeof *out);
    tsna_stmt *st = NULL;
    int rc = tsna_prepare(
        v->db,
        "SELECT (SELECT count(*) FROM advisory), (SELECT count(*) FROM "
        "advisory WHERE withdrawn IS NOT NULL), (SELECT count(*) FROM alias), "
        "(SELECT value FROM meta WHERE key = 'last_import'), "
        "(SELECT count(*) FROM kev), "
        "(SELECT value FROM meta WHERE key = 'kev_version'), "
        "(SELECT count(*) FROM epss), "
        "(SELECT value FROM meta WHERE key = 'epss_date'), "
        "(SELECT value FROM meta WHERE key = 'last_update')",
        &st);
    if (rc == 0 && (rc = tsna_step(st)) == 1) {
        out->advisories = (size_t)tsna_col_int(st, 0);
        out->withdrawn = (size_t)tsna_col_int(st, 1);
        out->aliases = (size_t)tsna_col_int(st, 2);
        const char *li = tsna_col_text(st, 3);
        out->kev = (size_t)tsna_col_int(st, 4);
        const char *kv = tsna_col_text(st, 5);
        out->epss = (size_t)tsna_col_int(st, 6);
        const char *ed = tsna_col_text(st, 7);
        const char *lu = tsna_col_text(st, 8);
        rc = 0;
        if ((li && !(out->last_import = tsnu_strdup(li))) ||
            (lu && !(out->last_update = tsnu_strdup(lu))) ||
            (kv && !(out->kev_version = tsnu_strdup(kv))) ||
            (ed && *ed && !(out->epss_date = tsnu_strdup(ed))))
            rc = tsn_error_oom();
    }
    tsna_finalize(st);
    st = NULL;
    /* advisories per source, and per base ecosystem ("Debian:12" counts
     * as Debian) */
    if (rc == 0)
        rc = counts(v->db,
                    "SELECT source, count(*) FROM advisory GROUP BY source "
                    "ORDER BY source",
                    &out->by_source, &out->nsources);
    if (rc == 0)
        rc = counts(
            v->db,
            "SELECT CASE WHEN instr(ecosystem, ':') > 0 AND ecosystem != 'CPE' "
            "THEN substr(ecosystem, 1, instr(ecosystem, ':') - 1) ELSE "
            "ecosystem END AS eco, count(DISTINCT rid) FROM affected JOIN "
            "package USING(pid) GROUP BY eco ORDER BY eco",
            &out->by_ecosystem, &out->necosystems);
    if (rc == 0)
        rc = texts(v->db,
                   "SELECT substr(key, 15) FROM meta WHERE key >= "
                   "'csaf-provider:' AND key < 'csaf-provider;' ORDER BY key",
                   &out->csaf_providers, &out->ncsaf_providers);
    if (rc < 0)
        tsn_vulndb_status_free(out);
    return rc < 0 ? rc : 0;
}

void tsn_vulndb_status_free(tsn_vulndb_status *st)
{
    for (size_t i = 0; i < st->necosystems; i++)
        free(st->by_ecosystem[i].name);
    free(st->by_ecosystem);
    for (size_t i = 0; i < st->nsources; i++)
        free(st->by_source[i].name);
    free(st->by_source);
    for (size_t i = 0; i < st->ncsaf_providers; i++)
        free(st->csaf_providers[i]);
    free(st->csaf_providers);
    free(st->last_import);
    free(st->last_update);
    free(st->kev_version);
    free(st->epss_date);
    memset(st, 0, sizeof *st);
}

/* The advisory ?1, those that name it as an alias, and those it names. */
#define GROUP_SQL                                                              \
    "WITH g(rid) AS (SELECT rid FROM advisory WHERE id = ?1"                   \
    " UNION SELECT rid FROM alias WHERE alias = ?1"                            \
    " UNION SELECT a.rid FROM advisory a JOIN alias l ON l.alias = a.id"       \
    "  JOIN advisory b ON b.rid = l.rid WHERE b.id = ?1),"                     \
    " ids(x) AS (SELECT ?1 UNION SELECT id FROM advisory WHERE rid IN g"       \
    "  UNION SELECT alias FROM alias WHERE rid IN g) "

/* Append one JSON value to the array @p b holds @p n values of, without
 * the final newline the writer leaves. */
static int show_item(tsn_buf *b, size_t *n, const char *item, size_t len)
{
    if (len && item[len - 1] == '\n')
        len--;
    int rc = tsn_buf_puts(b, (*n)++ ? ",\n" : "\n");
    return rc < 0 ? rc : tsn_buf_put(b, item, len);
}

/* A stored record of @p source as show gives it: JSON records as they
 * are, XML ones (JVN) read and written as JSON in OSV's shape. */
static int show_record(tsn_vulndb *v, const char *source, tsn_buf *b, size_t *n)
{
    const char *t = v->scratch.ptr;
    size_t len = v->scratch.len;
    if (!len || t[0] != '<')
        return show_item(b, n, t, len);
    tsn_advisory *a = NULL;
    char *json = NULL;
    int rc = read_stored(source, t, len, "record", false, &a);
    if (rc == 0)
        rc = tsn_advisory_to_json(a, &json);
    if (rc == 0)
        rc = show_item(b, n, json, strlen(json));
    tsn_free(json);
    tsn_advisory_free(a);
    return rc;
}

/* The KEV entries of the group's CVE ids, in the catalog's own form. */
#define KEV_COLUMNS                                                            \
    "cve, vendor, product, name, date_added, description, action, "            \
    "due_date, ransomware, notes, cwes"

/* One row of KEV_COLUMNS as the catalog writes the entry. */
static void kev_entry(tsnu_jw *w, tsna_stmt *st)
{
    static const char *const keys[] = {
        "cveID",     "vendorProject",    "product",        "vulnerabilityName",
        "dateAdded", "shortDescription", "requiredAction", "dueDate"};
    tsnu_jw_object(w);
    for (int k = 0; k < 8; k++)
        tsnu_jw_kstr(w, keys[k], tsna_col_text(st, k));
    tsnu_jw_kstr(w, "knownRansomwareCampaignUse",
                 tsna_col_int(st, 8) ? "Known" : "Unknown");
    tsnu_jw_kstr(w, "notes", tsna_col_text(st, 9));
    const char *cwes = tsna_col_text(st, 10);
    tsnu_jw_key(w, "cwes");
    tsnu_jw_array(w);
    for (const char *c = cwes; c && *c;) {
        size_t l = strcspn(c, " ");
        char cwe[64];
        snprintf(cwe, sizeof cwe, "%.*s", (int)l, c);
        tsnu_jw_string(w, cwe);
        c += l + (c[l] == ' ');
    }
    tsnu_jw_end(w);
    tsnu_jw_end(w);
}

static int show_kev(tsn_vulndb *v, const char *id, tsn_buf *b, size_t *n)
{
    tsna_stmt *st = NULL;
    int rc = tsna_prepare(v->db,
                          GROUP_SQL "SELECT " KEV_COLUMNS
                                    " FROM kev WHERE cve IN ids ORDER BY cve",
                          &st);
    if (rc == 0)
        rc = tsna_bind_text(st, 1, id);
    tsn_buf one = TSN_BUF_INIT(TSN_LIMIT_DOCUMENT_BYTES);
    while (rc == 0 && (rc = tsna_step(st)) == 1) {
        tsnu_jw w;
        tsn_buf_clear(&one);
        tsnu_jw_init(&w, &one);
        kev_entry(&w, st);
        rc = tsnu_jw_finish(&w);
        if (rc == 0)
            rc = show_item(b, n, one.ptr, one.len);
    }
    tsn_buf_dispose(&one);
    tsna_finalize(st);
    return rc < 0 ? rc : 0;
}

/* The EPSS scores of the group's CVE ids. */
static int show_epss(tsn_vulndb *v, const char *id, tsn_buf *b, size_t *n)
{
    tsna_stmt *st = NULL;
    int rc = tsna_prepare(
        v->db,
        GROUP_SQL "SELECT cve, epss, percentile, (SELECT value FROM meta "
                  "WHERE key = 'epss_date'), (SELECT value FROM meta WHERE "
                  "key = 'epss_model') FROM epss WHERE cve IN ids ORDER BY cve",
        &st);
    if (rc == 0)
        rc = tsna_bind_text(st, 1, id);
    tsn_buf one = TSN_BUF_INIT(1 << 20);
    while (rc == 0 && (rc = tsna_step(st)) == 1) {
        tsnu_jw w;
        tsn_buf_clear(&one);
        tsnu_jw_init(&w, &one);
        tsnu_jw_object(&w);
        tsnu_jw_kstr(&w, "cve", tsna_col_text(st, 0));
        tsnu_jw_key(&w, "epss");
        tsnu_jw_double(&w, tsna_col_double(st, 1));
        tsnu_jw_key(&w, "percentile");
        tsnu_jw_double(&w, tsna_col_double(st, 2));
        const char *date = tsna_col_text(st, 3), *model = tsna_col_text(st, 4);
        tsnu_jw_kstr(&w, "scoreDate", date && *date ? date : NULL);
        tsnu_jw_kstr(&w, "modelVersion", model && *model ? model : NULL);
        tsnu_jw_end(&w);
        rc = tsnu_jw_finish(&w);
        if (rc == 0)
            rc = show_item(b, n, one.ptr, one.len);
    }
    tsn_buf_dispose(&one);
    tsna_finalize(st);
    return rc < 0 ? rc : 0;
}

int tsn_vulndb_show(tsn_vulndb *v, const char *id, char **out)
{
    *out = NULL;
    tsna_stmt *st = NULL;
    int rc = tsna_prepare(v->db,
                          GROUP_SQL "SELECT dict, record, source FROM "
                                    "advisory WHERE rid IN g ORDER BY id",
                          &st);
    if (rc == 0)
        rc = tsna_bind_text(st, 1, id);
    tsn_buf b = TSN_BUF_INIT(TSN_LIMIT_DOCUMENT_BYTES);
    size_t n = 0;
    if (rc == 0)
        rc = tsn_buf_putc(&b, '[');
    while (rc == 0 && (rc = tsna_step(st)) == 1) {
        size_t len;
        const void *rec = tsna_col_blob(st, 1, &len);
        rc = record_text(v, tsna_col_int(st, 0), rec, len);
        if (rc == 0)
            rc = show_record(v, tsna_col_text(st, 2), &b, &n);
    }
    tsna_finalize(st);
    if (rc == 0)
        rc = show_kev(v, id, &b, &n);
    if (rc == 0)
        rc = show_epss(v, id, &b, &n);
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

/* A row of a lookup, its texts and record in a buffer (struct rows). */
struct row {
    int64_t dict;
    size_t source, id, record, len; /* offsets in rows.bytes; its size */
    bool withdrawn;
};

struct rows {
    tsnu_vec list; /* struct row */
    tsn_buf bytes;
};

static int cmp_row(const void *a, const void *b, void *bytes)
{
    const struct row *x = a, *y = b;
    const char *t = bytes;
    int c = strcmp(t + x->source, t + y->source);
    return c ? c : strcmp(t + x->id, t + y->id);
}

/* Each row of @p st (dict, record, source, id, withdrawn) read back into
 * the model (only what matching reads, when @p matching) and given to
 * @p fn, by source and id. The rows are sorted here rather than by
 * SQLite, whose sorter costs more than the few records of a package. */
static int each_stored(
    tsn_vulndb *v, tsna_stmt *st, bool matching, tsnv_advisory_fn fn, void *ctx)
{
    struct rows rs = {TSNU_VEC_INIT(struct row, SIZE_MAX / sizeof(struct row)),
                      TSN_BUF_INIT(SIZE_MAX / 2)};
    int rc = 0;
    while (rc == 0 && (rc = tsna_step(st)) == 1) {
        size_t len;
        const void *rec = tsna_col_blob(st, 1, &len);
        const char *source = tsna_col_text(st, 2), *id = tsna_col_text(st, 3);
        struct row r = {tsna_col_int(st, 0),     rs.bytes.len, 0, 0, len,
                        tsna_col_int(st, 4) != 0};
        if ((rc = tsn_buf_put(&rs.bytes, source, strlen(source) + 1)) < 0)
            break;
        r.id = rs.bytes.len;
        if ((rc = tsn_buf_put(&rs.bytes, id, strlen(id) + 1)) < 0)
            break;
        r.record = rs.bytes.len;
        if ((rc = tsn_buf_put(&rs.bytes, rec, len)) < 0 ||
            (rc = tsnu_vec_push(&rs.list, &r)) < 0)
            break;
    }
    tsna_reset(st);
    struct row *row = rs.list.ptr;
    if (rc >= 0 && rs.list.len > 1)
        qsort_r(row, rs.list.len, sizeof *row, cmp_row, rs.bytes.ptr);
    rc = rc < 0 ? rc : 0;
    for (size_t i = 0; rc == 0 && i < rs.list.len; i++) {
        const char *t = rs.bytes.ptr;
        char label[512];
        snprintf(label, sizeof label, "%s/%s", t + row[i].source,
                 t + row[i].id);
        tsn_advisory *a = NULL;
        rc = record_text(v, row[i].dict, t + row[i].record, row[i].len);
        if (rc == 0)
            rc = read_stored(t + row[i].source, v->scratch.ptr, v->scratch.len,
                             label, matching, &a);
        if (rc == 0)
            rc = fn(ctx, a, row[i].withdrawn);
    }
    tsnu_vec_dispose(&rs.list);
    tsn_buf_dispose(&rs.bytes);
    return rc;
}

/* ---- view ------------------------------------------------------------- */

struct view {
    tsn_vulndb_view pub; /* first: the handle is the public struct */
    tsnu_arena arena;    /* KEV and EPSS strings */
    tsnu_vec advs;       /* tsn_advisory * */
};

static const char *col_copy(struct view *w, tsna_stmt *st, int i, int *rc)
{
    const char *t = tsna_col_text(st, i);
    if (!t || !*t)
        return NULL;
    const char *c = tsnu_arena_strdup(&w->arena, t);
    if (!c)
        *rc = tsn_error_oom();
    return c;
}

static int view_kev(tsn_vulndb *v, struct view *w, const char *id)
{
    tsna_stmt *st = NULL;
    tsnu_vec rows = TSNU_VEC_INIT(tsn_kev_entry, TSN_LIMIT_COMPONENTS);
    int rc = tsna_prepare(v->db,
                          GROUP_SQL "SELECT " KEV_COLUMNS
                                    " FROM kev WHERE cve IN ids ORDER BY cve",
                          &st);
    if (rc == 0)
        rc = tsna_bind_text(st, 1, id);
    while (rc == 0 && (rc = tsna_step(st)) == 1) {
        rc = 0;
        tsn_kev_entry e = {0};
        const char **f[] = {&e.cve,    &e.vendor,     &e.product,
                            &e.name,   &e.date_added, &e.description,
                            &e.action, &e.due_date};
        for (int k = 0; k < 8; k++)
            *f[k] = col_copy(w, st, k, &rc);
        e.ransomware = tsna_col_int(st, 8) != 0;
        e.notes = col_copy(w, st, 9, &rc);
        const char *cwes = tsna_col_text(st, 10);
        size_t n = 0;
        for (const char *c = cwes; c && *c; c++)
            n += *c == ' ';
        const char **list =
            cwes && *cwes ? tsnu_arena_calloc(&w->arena, n + 2, sizeof *list)
                          : NULL;
        for (const char *c = cwes; list && c && *c;) {
            size_t l = strcspn(c, " ");
            list[e.ncwes++] = tsnu_arena_strndup(&w->arena, c, l);
            c += l + (c[l] == ' ');
        }
        e.cwes = list;
        if (rc == 0)
            rc = tsnu_vec_push(&rows, &e);
    }
    tsna_finalize(st);
    if (rc >= 0 && rows.len && !(w->pub.kev = tsnu_vec_copy(&rows, &w->arena)))
        rc = tsn_error_oom();
    w->pub.nkev = rows.len;
    tsnu_vec_dispose(&rows);
    return rc < 0 ? rc : 0;
}

static int view_epss(tsn_vulndb *v, struct view *w, const char *id)
{
    tsna_stmt *st = NULL;
    tsnu_vec rows = TSNU_VEC_INIT(tsn_epss_row, TSN_LIMIT_COMPONENTS);
    int rc = tsna_prepare(
        v->db,
        GROUP_SQL "SELECT cve, epss, percentile, (SELECT value FROM meta "
                  "WHERE key = 'epss_date') FROM epss WHERE cve IN ids "
                  "ORDER BY cve",
        &st);
    if (rc == 0)
        rc = tsna_bind_text(st, 1, id);
    while (rc == 0 && (rc = tsna_step(st)) == 1) {
        rc = 0;
        tsn_epss_row r = {col_copy(w, st, 0, &rc), tsna_col_double(st, 1),
                          tsna_col_double(st, 2)};
        if (!w->pub.epss_date)
            w->pub.epss_date = col_copy(w, st, 3, &rc);
        if (rc == 0)
            rc = tsnu_vec_push(&rows, &r);
    }
    tsna_finalize(st);
    if (rc >= 0 && rows.len && !(w->pub.epss = tsnu_vec_copy(&rows, &w->arena)))
        rc = tsn_error_oom();
    w->pub.nepss = rows.len;
    tsnu_vec_dispose(&rows);
    return rc < 0 ? rc : 0;
}

/* each_stored() callback: a record of the view's group. */
static int view_keep(void *ctx, tsn_advisory *a, bool withdrawn)
{
    struct view *w = ctx;
    (void)withdrawn;
    int rc = tsnu_vec_push(&w->advs, &a);
    if (rc < 0)
        tsn_advisory_free(a);
    return rc;
}

int tsn_vulndb_view_get(tsn_vulndb *v, const char *id, tsn_vulndb_view **out)
{
    *out = NULL;
    struct view *w = tsn_calloc(1, sizeof *w);
    if (!w)
        return tsn_error_oom();
    w->advs = (tsnu_vec)TSNU_VEC_INIT(tsn_advisory *, TSN_LIMIT_COMPONENTS);
    tsna_stmt *st = NULL;
    int rc = tsna_prepare(v->db,
                          GROUP_SQL "SELECT dict, record, source, id, 0 FROM "
                                    "advisory WHERE rid IN g",
                          &st);
    if (rc == 0)
        rc = tsna_bind_text(st, 1, id);
    if (rc == 0)
        rc = each_stored(v, st, false, view_keep, w);
    tsna_finalize(st);
    w->pub.advisories = w->advs.ptr;
    w->pub.n = w->advs.len;
    if (rc >= 0)
        rc = view_kev(v, w, id);
    if (rc >= 0)
        rc = view_epss(v, w, id);
    if (rc >= 0 && w->pub.n + w->pub.nkev + w->pub.nepss == 0)
        rc = tsn_error_set(TSN_ENOTFOUND, "no advisory %s", id);
    if (rc < 0) {
        tsn_vulndb_view_free(&w->pub);
        return rc;
    }
    *out = &w->pub;
    return 0;
}

void tsn_vulndb_view_free(tsn_vulndb_view *view)
{
    if (!view)
        return;
    struct view *w = (struct view *)view;
    for (size_t i = 0; i < w->advs.len; i++)
        tsn_advisory_free(((tsn_advisory **)w->advs.ptr)[i]);
    tsnu_vec_dispose(&w->advs);
    tsnu_arena_dispose(&w->arena);
    free(w);
}

/* ---- export ----------------------------------------------------------- */

struct exp {
    tsn_vulndb *v;
    tsna_stmt *rec; /* dict, record of a rid */
};

struct exp_rec {
    struct exp *x;
    int64_t rid;
};

static int fill_record(void *ctx, tsn_buf *out)
{
    struct exp_rec *r = ctx;
    tsna_stmt *st = r->x->rec;
    tsna_reset(st);
    int rc = tsna_bind_int(st, 1, r->rid);
    if (rc == 0 && (rc = tsna_step(st)) == 1) {
        size_t len;
        const void *blob = tsna_col_blob(st, 1, &len);
        rc = record_text(r->x->v, tsna_col_int(st, 0), blob, len);
        if (rc == 0)
            rc = tsn_buf_put(out, r->x->v->scratch.ptr, r->x->v->scratch.len);
    } else if (rc == 0) {
        rc = tsn_error_set(TSN_ERROR, "advisory %lld vanished during export",
                           (long long)r->rid);
    }
    return rc < 0 ? rc : 0;
}

/* The KEV table as CISA's catalog. */
static int fill_kev(void *ctx, tsn_buf *out)
{
    struct exp *x = ctx;
    tsna_stmt *st = NULL;
    int rc = tsna_prepare(
        x->v->db,
        "SELECT (SELECT value FROM meta WHERE key = 'kev_version'), "
        "(SELECT value FROM meta WHERE key = 'kev_released'), "
        "(SELECT count(*) FROM kev)",
        &st);
    tsnu_jw w;
    tsnu_jw_init(&w, out);
    if (rc == 0 && (rc = tsna_step(st)) == 1) {
        tsnu_jw_object(&w);
        tsnu_jw_kstr(&w, "title",
                     "CISA Catalog of Known Exploited Vulnerabilities");
        tsnu_jw_kstr(&w, "catalogVersion", tsna_col_text(st, 0));
        tsnu_jw_kstr(&w, "dateReleased", tsna_col_text(st, 1));
        tsnu_jw_key(&w, "count");
        tsnu_jw_long(&w, (long)tsna_col_int(st, 2));
        rc = 0;
    }
    tsna_finalize(st);
    st = NULL;
    if (rc == 0)
        rc = tsna_prepare(x->v->db,
                          "SELECT " KEV_COLUMNS " FROM kev ORDER BY cve", &st);
    tsnu_jw_key(&w, "vulnerabilities");
    tsnu_jw_array(&w);
    while (rc == 0 && (rc = tsna_step(st)) == 1) {
        kev_entry(&w, st);
        rc = 0;
    }
    tsna_finalize(st);
    tsnu_jw_end(&w);
    tsnu_jw_end(&w);
    int wrc = tsnu_jw_finish(&w);
    return rc < 0 ? rc : wrc;
}

/* The EPSS table as FIRST's CSV. */
static int fill_epss(void *ctx, tsn_buf *out)
{
    struct exp *x = ctx;
    tsna_stmt *st = NULL;
    int rc = tsna_prepare(
        x->v->db,
        "SELECT (SELECT value FROM meta WHERE key = 'epss_model'), "
        "(SELECT value FROM meta WHERE key = 'epss_date'), "
        "(SELECT value FROM meta WHERE key = 'last_update')",
        &st);
    if (rc == 0 && (rc = tsna_step(st)) == 1) {
        const char *model = tsna_col_text(st, 0), *date = tsna_col_text(st, 1);
        rc = 0;
        if (date && *date)
            rc = tsn_buf_printf(out, "#model_version:%s,score_date:%s\n",
                                model ? model : "", date);
    }
    tsna_finalize(st);
    st = NULL;
    if (rc == 0)
        rc = tsn_buf_puts(out, "cve,epss,percentile\n");
    if (rc == 0)
        rc = tsna_prepare(x->v->db,
                          "SELECT cve, epss, percentile FROM epss ORDER BY cve",
                          &st);
    while (rc == 0 && (rc = tsna_step(st)) == 1)
        rc = tsn_buf_printf(out, "%s,%.15g,%.15g\n", tsna_col_text(st, 0),
                            tsna_col_double(st, 1), tsna_col_double(st, 2));
    tsna_finalize(st);
    return rc < 0 ? rc : 0;
}

int tsn_vulndb_export(tsn_vulndb *v,
                      const char *path,
                      tsn_vulndb_export_stats *stats)
{
    memset(stats, 0, sizeof *stats);
    struct exp x = {v, NULL};
    struct exp_rec *recs = NULL;
    tsna_zipw *w = NULL;
    tsna_stmt *list = NULL;
    size_t n = 0;
    /* one read transaction: the archive is one moment of the database */
    int rc = tsna_db_exec(v->db, "BEGIN");
    if (rc < 0)
        return rc;
    if ((rc = count_of(v->db, "SELECT count(*) FROM advisory", &n)) < 0 ||
        (rc = count_of(v->db, "SELECT count(*) FROM kev", &stats->kev)) < 0 ||
        (rc = count_of(v->db, "SELECT count(*) FROM epss", &stats->epss)) < 0)
        goto done;
    if (n && !(recs = tsn_calloc(n, sizeof *recs))) {
        rc = tsn_error_oom();
        goto done;
    }
    if ((rc = tsna_prepare(v->db,
                           "SELECT dict, record FROM advisory WHERE rid = ?",
                           &x.rec)) < 0 ||
        (rc = tsna_prepare(v->db,
                           "SELECT rid, id, modified, source FROM advisory "
                           "ORDER BY source, id",
                           &list)) < 0 ||
        (rc = tsna_zipw_open(&w, path)) < 0)
        goto done;
    tsn_buf name = TSN_BUF_INIT(4096);
    while (rc == 0 && (rc = tsna_step(list)) == 1) {
        if (stats->advisories == n) {
            rc = tsn_error_set(TSN_ERROR, "advisories changed during export");
            break;
        }
        struct exp_rec *r = &recs[stats->advisories++];
        *r = (struct exp_rec){&x, tsna_col_int(list, 0)};
        tsn_buf_clear(&name);
        int64_t secs = tsna_col_int(list, 2) / 1000000;
        const char *source = tsna_col_text(list, 3);
        const char *id = tsna_col_text(list, 1);
        /* JVN's records are XML, the others JSON; a CSAF document is
         * named by CSAF's rule (its id in lower case, characters other
         * than + - a-z 0-9 as _) under its publisher's host */
        if (strncmp(source, "csaf:", 5) == 0) {
            rc = tsn_buf_printf(&name, "csaf/%s/", source + 5);
            for (const char *c = id; rc == 0 && *c; c++) {
                char l = *c >= 'A' && *c <= 'Z' ? (char)(*c | 0x20) : *c;
                rc = tsn_buf_putc(&name, (l >= 'a' && l <= 'z') ||
                                                 (l >= '0' && l <= '9') ||
                                                 l == '+' || l == '-'
                                             ? l
                                             : '_');
            }
            if (rc == 0)
                rc = tsn_buf_puts(&name, ".json");
        } else {
            rc = tsn_buf_printf(&name, "%s/%s.%s", source, id,
                                strcmp(source, "jvn") == 0 ? "xml" : "json");
        }
        if (rc == 0)
            rc = tsna_zipw_add(w, name.ptr, secs < 315532800 ? 315532800 : secs,
                               fill_record, r);
    }
    tsn_buf_dispose(&name);
    if (rc < 0)
        goto done;
    time_t now = time(NULL);
    if (stats->kev &&
        (rc = tsna_zipw_add(w, "kev.json", now, fill_kev, &x)) < 0)
        goto done;
    if (stats->epss &&
        (rc = tsna_zipw_add(w, "epss.csv", now, fill_epss, &x)) < 0)
        goto done;
    rc = tsna_zipw_commit(w);
    w = NULL;
done:
    tsna_zipw_discard(w);
    tsna_finalize(list);
    tsna_finalize(x.rec);
    free(recs);
    (void)tsna_db_exec(v->db, rc < 0 ? "ROLLBACK" : "COMMIT");
    return rc < 0 ? rc : 0;
}

/* ---- meta for the other files of the knowledge base ------------------- */

int tsnv_meta_get(tsn_vulndb *v, const char *key, char **out)
{
    tsna_stmt *st = NULL;
    *out = NULL;
    int rc = tsna_prepare(v->db, "SELECT value FROM meta WHERE key = ?", &st);
    if (rc == 0)
        rc = tsna_bind_text(st, 1, key);
    if (rc == 0 && (rc = tsna_step(st)) == 1) {
        rc = (*out = tsnu_strdup(tsna_col_text(st, 0))) ? 0 : tsn_error_oom();
    }
    tsna_finalize(st);
    return rc < 0 ? rc : 0;
}

int tsn_vulndb_times(tsn_vulndb *db, char **last_import, char **last_update)
{
    *last_update = NULL;
    int rc = tsnv_meta_get(db, "last_import", last_import);
    if (rc == 0 && (rc = tsnv_meta_get(db, "last_update", last_update)) < 0) {
        free(*last_import);
        *last_import = NULL;
    }
    return rc;
}

int tsnv_meta_put(tsn_vulndb *v, const char *key, const char *value)
{
    return meta_set(v->db, key, value);
}

/* ---- lookups for a scan ------------------------------------------------- */

struct tsnv_lookup {
    tsn_vulndb *v;
    tsna_stmt *by_package, *by_id, *kev, *epss, *next_eco;
    bool open; /* in the read transaction */
};

int tsnv_lookup_open(tsn_vulndb *v, tsnv_lookup **out)
{
    *out = NULL;
    tsnv_lookup *lk = tsn_calloc(1, sizeof *lk);
    if (!lk)
        return tsn_error_oom();
    lk->v = v;
    /* one read transaction: the lookups see one state of the file, and
     * take its lock once, not per statement */
    int rc = tsna_db_exec(v->db, "BEGIN");
    if (rc < 0) {
        tsn_free(lk);
        return rc;
    }
    lk->open = true;
    rc = tsna_prepare(v->db,
                      "SELECT a.dict, a.record, a.source, a.id, "
                      "a.withdrawn IS NOT NULL FROM package p JOIN "
                      "affected f ON f.pid = p.pid JOIN advisory a ON "
                      "a.rid = f.rid WHERE p.ecosystem = ? AND p.name = ?",
                      &lk->by_package);
    if (rc == 0)
        rc = tsna_prepare(v->db,
                          "SELECT dict, record, source, id, 0 FROM advisory "
                          "WHERE withdrawn IS NULL AND (id = ?1 OR rid IN "
                          "(SELECT rid FROM alias WHERE alias = ?1))",
                          &lk->by_id);
    /* the first ecosystem after ?1 below ?2: past every package of ?1 */
    if (rc == 0)
        rc = tsna_prepare(v->db,
                          "SELECT ecosystem FROM package WHERE ecosystem > ?1 "
                          "AND ecosystem < ?2 ORDER BY ecosystem LIMIT 1",
                          &lk->next_eco);
    if (rc == 0)
        rc = tsna_prepare(v->db, "SELECT ransomware FROM kev WHERE cve = ?",
                          &lk->kev);
    if (rc == 0)
        rc = tsna_prepare(v->db,
                          "SELECT epss, percentile FROM epss WHERE cve = ?",
                          &lk->epss);
    if (rc < 0) {
        tsnv_lookup_close(lk);
        return rc;
    }
    *out = lk;
    return 0;
}

void tsnv_lookup_close(tsnv_lookup *lk)
{
    if (!lk)
        return;
    tsna_finalize(lk->by_package);
    tsna_finalize(lk->by_id);
    tsna_finalize(lk->kev);
    tsna_finalize(lk->epss);
    tsna_finalize(lk->next_eco);
    if (lk->open)
        (void)tsna_db_exec(lk->v->db, "COMMIT");
    tsn_free(lk);
}

int tsnv_lookup_package(tsnv_lookup *lk,
                        const char *eco,
                        const char *key,
                        tsnv_advisory_fn fn,
                        void *ctx)
{
    tsna_reset(lk->by_package);
    int rc = tsna_bind_text(lk->by_package, 1, eco);
    if (rc == 0)
        rc = tsna_bind_text(lk->by_package, 2, key);
    return rc < 0 ? rc : each_stored(lk->v, lk->by_package, true, fn, ctx);
}

int tsnv_lookup_ecosystems(tsnv_lookup *lk,
                           const char *prefix,
                           int (*fn)(void *ctx, const char *eco),
                           void *ctx)
{
    /* every text that begins with the prefix is below the prefix with
     * its last byte raised by one */
    size_t n = strlen(prefix);
    if (n == 0 || (unsigned char)prefix[n - 1] == 0xff || n > 1000)
        return tsn_error_set(TSN_EINVALID, "ecosystem prefix '%.100s'", prefix);
    char *end = tsnu_strdup(prefix), *last = tsnu_strdup(prefix);
    int rc = end && last ? 0 : tsn_error_oom();
    if (rc == 0)
        end[n - 1] = (char)((unsigned char)end[n - 1] + 1);
    /* the prefix itself is below every longer text: start just before */
    if (rc == 0)
        last[n - 1] = (char)((unsigned char)last[n - 1] - 1);
    while (rc == 0) {
        tsna_reset(lk->next_eco);
        if ((rc = tsna_bind_text(lk->next_eco, 1, last)) < 0 ||
            (rc = tsna_bind_text(lk->next_eco, 2, end)) < 0 ||
            (rc = tsna_step(lk->next_eco)) <= 0)
            break;
        char *eco = tsnu_strdup(tsna_col_text(lk->next_eco, 0));
        if (!eco) {
            rc = tsn_error_oom();
            break;
        }
        tsn_free(last);
        last = eco;
        if (strncmp(eco, prefix, n) == 0)
            rc = fn(ctx, eco);
    }
    tsna_reset(lk->next_eco);
    tsn_free(end);
    tsn_free(last);
    return rc < 0 ? rc : 0;
}

int tsnv_lookup_id(tsnv_lookup *lk,
                   const char *id,
                   tsnv_advisory_fn fn,
                   void *ctx)
{
    tsna_reset(lk->by_id);
    int rc = tsna_bind_text(lk->by_id, 1, id);
    return rc < 0 ? rc : each_stored(lk->v, lk->by_id, true, fn, ctx);
}

int tsnv_lookup_cve(tsnv_lookup *lk, const char *cve, tsnv_threat *out)
{
    memset(out, 0, sizeof *out);
    tsna_reset(lk->kev);
    int rc = tsna_bind_text(lk->kev, 1, cve);
    if (rc == 0 && (rc = tsna_step(lk->kev)) == 1) {
        out->kev = true;
        out->ransomware = tsna_col_int(lk->kev, 0) != 0;
        rc = 0;
    }
    tsna_reset(lk->kev);
    tsna_reset(lk->epss);
    if (rc == 0)
        rc = tsna_bind_text(lk->epss, 1, cve);
    if (rc == 0 && (rc = tsna_step(lk->epss)) == 1) {
        out->has_epss = true;
        out->epss = tsna_col_double(lk->epss, 0);
        out->percentile = tsna_col_double(lk->epss, 1);
        rc = 0;
    }
    tsna_reset(lk->epss);
    return rc < 0 ? rc : 0;
}
