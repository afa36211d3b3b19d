/* SPDX-License-Identifier: Apache-2.0 */
/* tsunagi db import | status | show: the vulnerability knowledge base. */
#include "cli.h"

#include "util/json.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* --db, else $TSUNAGI_DB, else $XDG_DATA_HOME/tsunagi/vuln.db, else
 * ~/.local/share/tsunagi/vuln.db. */
static char *db_path(const char *opt)
{
    if (opt)
        return tsnu_strdup(opt);
    const char *env = getenv("TSUNAGI_DB");
    if (env && *env)
        return tsnu_strdup(env);
    tsn_buf b = TSN_BUF_INIT(4096);
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    int rc = xdg && *xdg ? tsn_buf_printf(&b, "%s/tsunagi/vuln.db", xdg)
             : home
                 ? tsn_buf_printf(&b, "%s/.local/share/tsunagi/vuln.db", home)
                 : tsn_buf_puts(&b, "vuln.db");
    if (rc < 0) {
        tsn_buf_dispose(&b);
        return NULL;
    }
    return tsn_buf_detach(&b);
}

/* mkdir -p of the directories above @p path. */
static int make_parents(const char *path)
{
    char *p = tsnu_strdup(path);
    if (!p)
        return -1;
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            cli_error("cannot create %s: %s", p, strerror(errno));
            free(p);
            return -1;
        }
        *s = '/';
    }
    free(p);
    return 0;
}

int cli_open_db(const char *opt, bool create, tsn_vulndb **db, char **path)
{
    *path = db_path(opt);
    if (!*path) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    struct stat sb;
    if (!create && stat(*path, &sb) != 0) {
        cli_error("no knowledge base at %s (tsunagi db import creates it)",
                  *path);
        return EXIT_NODB;
    }
    if (create && make_parents(*path) < 0)
        return EXIT_IO;
    if (tsn_vulndb_open(db, *path, create) < 0)
        return cli_fail();
    return EXIT_OK;
}

/* Progress on stderr. On a terminal: one line rewritten at most four
 * times a second (a download's bytes, an import's records), cleared
 * before any other line. Otherwise: a plain line every 10 s of an
 * import. Nothing with --quiet. */
struct progress {
    struct cli *cli;
    bool tty, drawn;
    struct timespec start; /* of the current download or import */
    struct timespec last;  /* the last line drawn */
    bool importing;        /* start is the import's */
};

static void progress_init(struct progress *p, struct cli *cli)
{
    memset(p, 0, sizeof *p);
    p->cli = cli;
    p->tty = isatty(2) != 0;
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    p->last = p->start;
}

/* Clear the line, before another line or at the end. */
static void progress_clear(struct progress *p)
{
    if (p && p->drawn)
        fputs("\r\033[K", stderr);
    if (p)
        p->drawn = false;
}

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) +
           (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

/* Whether to draw now: the terminal's interval, or the log's. */
static bool progress_due(struct progress *p, double log_every)
{
    if (p->cli->quiet || (!p->tty && log_every <= 0) ||
        seconds_since(&p->last) < (p->tty ? 0.25 : log_every))
        return false;
    clock_gettime(CLOCK_MONOTONIC, &p->last);
    return true;
}

/* An import's progress (tsn_vulndb_progress_fn): records, records per
 * second, bytes of the input read and the time left. */
static void
on_records(void *payload, size_t records, uint64_t done, uint64_t total)
{
    struct progress *p = payload;
    if (!p->importing) {
        p->importing = true;
        clock_gettime(CLOCK_MONOTONIC, &p->start);
    }
    if (!progress_due(p, 10.0))
        return;
    const double mib = 1024.0 * 1024.0;
    double t = seconds_since(&p->start);
    double rate = t > 0 ? (double)records / t : 0;
    double brate = t > 0 ? (double)done / t : 0;
    char size[96], left[48] = "";
    if (total && done <= total) {
        snprintf(size, sizeof size, "%.1f of %.1f MiB", (double)done / mib,
                 (double)total / mib);
        if (brate > 0)
            snprintf(left, sizeof left, ", %.0f s left",
                     (double)(total - done) / brate);
    } else {
        snprintf(size, sizeof size, "%.1f MiB", (double)done / mib);
    }
    if (p->tty) {
        fprintf(stderr, "\r\033[K  %zu %s, %.0f/s, %s%s", records,
                L(p->cli, "records", "件"), rate, size, left);
        p->drawn = true;
    } else {
        fprintf(stderr, "tsunagi: %zu %s (%.0f/s), %s%s\n", records,
                L(p->cli, "records", "件"), rate, size, left);
    }
}

/* db update's log: a line per request and outcome; the next download's
 * rate counts from here. */
static void on_log(void *payload, const char *line)
{
    struct progress *p = payload;
    if (p->cli->quiet)
        return;
    progress_clear(p);
    fprintf(stderr, "tsunagi: %s\n", line);
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    p->importing = false;
}

/* A download's progress: bytes, rate and the time left, on a terminal. */
static void on_bytes(void *payload, uint64_t now, uint64_t total)
{
    struct progress *p = payload;
    if (!progress_due(p, 0))
        return;
    double t = seconds_since(&p->start), rate = t > 0 ? (double)now / t : 0;
    const double mib = 1024.0 * 1024.0;
    if (total)
        fprintf(stderr, "\r\033[K  %.1f of %.1f MiB, %.1f MiB/s, %.0f s left",
                (double)now / mib, (double)total / mib, rate / mib,
                rate > 0 && now <= total ? (double)(total - now) / rate : 0.0);
    else
        fprintf(stderr, "\r\033[K  %.1f MiB, %.1f MiB/s", (double)now / mib,
                rate / mib);
    p->drawn = true;
}

struct shown {
    struct cli *cli;
    size_t refused, warned;
    struct progress *line; /* cleared before a reason, or NULL */
};

#define SHOW_MAX 10 /* reasons printed of each kind */

static void on_report(void *payload, bool refused, const char *msg)
{
    struct shown *s = payload;
    size_t *n = refused ? &s->refused : &s->warned;
    if (++*n <= SHOW_MAX && !s->cli->quiet) {
        progress_clear(s->line);
        fprintf(stderr, "tsunagi: %s: %s\n", refused ? "refused" : "warning",
                msg);
    }
}

/* What every db command holds: its arguments and the open database. */
struct dbcmd {
    char **pos;
    int npos;
    char *path;
    tsn_vulndb *db;
};

/* Parse the arguments of `db VERB` (--db and MIN..MAX positionals) and
 * open the knowledge base. Returns an exit code; the command goes on only
 * when c->db is set (after --help it is not, with EXIT_OK). */
static int db_start(struct cli *cli,
                    const char *verb,
                    int argc,
                    char **argv,
                    int min,
                    int max,
                    bool create,
                    const struct opt *extra,
                    struct dbcmd *c)
{
    const struct command *cmd = cli_command("db", verb);
    const char *dbopt = NULL;
    struct opt opts[16] = {
        {"--db", "FILE", "the knowledge base file", &dbopt, NULL, NULL}};
    for (size_t i = 0; extra && extra[i].name && i + 2 < 16; i++)
        opts[i + 1] = extra[i];
    memset(c, 0, sizeof *c);
    int rc = cli_parse(cli, cmd, opts, argc, argv, &c->pos, &c->npos);
    if (rc != 0)
        return rc > 0 ? EXIT_OK : EXIT_BADINPUT;
    if (c->npos < min || c->npos > max) {
        cli_error("usage: %s", cmd->usage);
        return EXIT_BADINPUT;
    }
    return cli_open_db(dbopt, create, &c->db, &c->path);
}

static void db_end(struct dbcmd *c)
{
    tsn_vulndb_close(c->db);
    free(c->pos);
    free(c->path);
}

int cmd_db_import(struct cli *cli, int argc, char **argv)
{
    struct dbcmd c;
    int rc = db_start(cli, "import", argc, argv, 1, INT32_MAX, true, NULL, &c);
    if (!c.db) {
        db_end(&c);
        return rc;
    }
    tsn_vulndb_import_stats st;
    struct progress line;
    progress_init(&line, cli);
    struct shown sh = {cli, 0, 0, &line};
    tsn_vulndb_on_progress(c.db, on_records, &line);
    int irc = tsn_vulndb_import(c.db, (const char *const *)c.pos,
                                (size_t)c.npos, &st, on_report, &sh);
    progress_clear(&line);
    if (irc < 0) {
        rc = cli_fail();
        if (!cli->quiet)
            fprintf(stderr, "tsunagi: nothing imported; %s is unchanged\n",
                    c.path);
    } else {
        if (!cli->quiet) {
            if (sh.refused > SHOW_MAX)
                fprintf(stderr, "tsunagi: ... and %zu more refused\n",
                        sh.refused - SHOW_MAX);
            if (sh.warned > SHOW_MAX)
                fprintf(stderr, "tsunagi: ... and %zu more warnings\n",
                        sh.warned - SHOW_MAX);
            fprintf(stderr,
                    "tsunagi: %s: %zu files: %zu added, %zu updated, %zu "
                    "unchanged, %zu refused, %zu with warnings\n",
                    c.path, st.files, st.added, st.updated, st.unchanged,
                    st.refused, st.warned);
        }
        rc = st.refused ? EXIT_FINDINGS : EXIT_OK;
    }
    db_end(&c);
    return rc;
}

/* The sources a plain `db update` refreshes: KEV, EPSS, every OSV
 * ecosystem the knowledge base holds, NVD and JVN once it holds their
 * records, and every CSAF provider updated from before. */
static int default_sources(tsn_vulndb *db, tsnu_vec *out)
{
    tsn_vulndb_status st;
    int rc = tsn_vulndb_status_get(db, &st);
    if (rc < 0)
        return rc;
    const char *fixed[] = {"kev", "epss"};
    for (size_t i = 0; rc == 0 && i < 2; i++) {
        char *s = tsnu_strdup(fixed[i]);
        rc = s ? tsnu_vec_push(out, &s) : tsn_error_oom();
    }
    for (size_t i = 0; rc == 0 && i < st.necosystems; i++) {
        if (strcmp(st.by_ecosystem[i].name, "CPE") == 0)
            continue;
        char *s = tsn_malloc(strlen(st.by_ecosystem[i].name) + 5);
        if (!s) {
            rc = tsn_error_oom();
            break;
        }
        sprintf(s, "osv:%s", st.by_ecosystem[i].name);
        rc = tsnu_vec_push(out, &s);
    }
    for (size_t i = 0; rc == 0 && i < st.nsources; i++)
        if (strcmp(st.by_source[i].name, "nvd") == 0 ||
            strcmp(st.by_source[i].name, "jvn") == 0) {
            char *s = tsnu_strdup(st.by_source[i].name);
            rc = s ? tsnu_vec_push(out, &s) : tsn_error_oom();
        }
    for (size_t i = 0; rc == 0 && i < st.ncsaf_providers; i++) {
        char *s = tsn_malloc(strlen(st.csaf_providers[i]) + 6);
        if (!s) {
            rc = tsn_error_oom();
            break;
        }
        sprintf(s, "csaf:%s", st.csaf_providers[i]);
        if ((rc = tsnu_vec_push(out, &s)) < 0)
            free(s);
    }
    tsn_vulndb_status_free(&st);
    return rc;
}

/* A number option: NULL leaves *out; else a number from @p min to @p max
 * (@p what: its unit, in the message) or an error. */
static bool number_opt(const char *name,
                       const char *s,
                       double min,
                       double max,
                       const char *what,
                       double *out)
{
    if (!s)
        return true;
    char *end;
    double d = strtod(s, &end);
    if (end == s || *end || !(d >= min && d <= max)) {
        cli_error("%s: '%s' is not a number of %s (%g to %g)", name, s, what,
                  min, max);
        return false;
    }
    *out = d;
    return true;
}

int cmd_db_update(struct cli *cli, int argc, char **argv)
{
    const char **sources = NULL, *url = NULL, *retries = NULL, *delay = NULL,
               *backoff = NULL, *conns = NULL;
    const struct opt extra[] = {
        {"--source", "SOURCE",
         "kev, epss, nvd, jvn, osv:ECOSYSTEM, csaf:DOMAIN, "
         "csaf:URL or csaf-aggregator:DOMAIN|URL (repeatable)",
         NULL, NULL, &sources},
        {"--url", "URL", "fetch the one --source from this mirror", &url, NULL,
         NULL},
        {"--retries", "N", "attempts after the first (default 4)", &retries,
         NULL, NULL},
        {"--backoff", "SECONDS", "first wait between attempts (default 1)",
         &backoff, NULL, NULL},
        {"--delay", "SECONDS", "between NVD requests (default NVD's rule)",
         &delay, NULL, NULL},
        {"--connections", "N",
         "to a server at a time for many small downloads (1 to 64, default "
         "8)",
         &conns, NULL, NULL},
        {0}};
    struct dbcmd c;
    int rc = db_start(cli, "update", argc, argv, 0, 0, true, extra, &c);
    tsnu_vec list = TSNU_VEC_INIT(char *, 100000);
    double d = -1, b = 0, r = -1, n = 8;
    if (c.db &&
        (!number_opt("--delay", delay, 0, 86400, "seconds", &d) ||
         !number_opt("--backoff", backoff, 0, 86400, "seconds", &b) ||
         !number_opt("--retries", retries, 0, 100, "attempts", &r) ||
         !number_opt("--connections", conns, 1, 64, "connections", &n) ||
         r != (double)(int)r || n != (double)(int)n)) {
        if (r != (double)(int)r)
            cli_error("--retries: a whole number");
        else if (n != (double)(int)n)
            cli_error("--connections: a whole number");
        rc = EXIT_BADINPUT;
        tsn_vulndb_close(c.db);
        c.db = NULL;
    }
    size_t nsrc = 0;
    for (; sources && sources[nsrc]; nsrc++)
        ;
    if (c.db && url && nsrc != 1) {
        cli_error("--url names the mirror of one --source");
        rc = EXIT_BADINPUT;
        tsn_vulndb_close(c.db);
        c.db = NULL;
    }
    if (!c.db) {
        free(sources);
        db_end(&c);
        return rc;
    }
    for (size_t i = 0; i < nsrc && rc == 0; i++) {
        char *s = tsnu_strdup(sources[i]);
        rc = s && tsnu_vec_push(&list, &s) == 0 ? 0 : tsn_error_oom();
    }
    if (rc == 0 && nsrc == 0)
        rc = default_sources(c.db, &list);
    char keyhdr[512] = "";
    const char *key = getenv("NVD_API_KEY");
    if (key && *key)
        snprintf(keyhdr, sizeof keyhdr, "apiKey: %s", key);
    struct progress f;
    progress_init(&f, cli);
    tsn_vulndb_on_progress(c.db, on_records, &f);
    tsn_vulndb_update_opts o = {
        .url = url,
        .delay = d,
        .retries = (int)r,
        .backoff = b,
        .connections = (unsigned)n,
        .log = on_log,
        .progress = on_bytes,
        .payload = &f,
    };
    int exit = rc < 0 ? cli_fail() : EXIT_OK, failed = EXIT_OK;
    bool refused = false;
    /* each source is its own transaction: one that fails leaves the
     * others to update, and the first failure is the exit code */
    for (size_t i = 0; exit == EXIT_OK && i < list.len; i++) {
        const char *src = ((char **)list.ptr)[i];
        o.header = strcmp(src, "nvd") == 0 && *keyhdr ? keyhdr : NULL;
        tsn_vulndb_import_stats st;
        struct shown sh = {cli, 0, 0, &f};
        f.importing = false;
        if (tsn_vulndb_update(c.db, src, &o, &st, on_report, &sh) < 0) {
            progress_clear(&f);
            int code = cli_fail();
            if (!cli->quiet)
                fprintf(stderr, "tsunagi: %s: nothing imported\n", src);
            if (code == EXIT_BADINPUT && tsn_error_last()->code == TSN_EUSAGE)
                exit = code; /* a source that does not exist: stop */
            else if (failed == EXIT_OK)
                failed = code;
            continue;
        }
        progress_clear(&f);
        if (!cli->quiet)
            fprintf(stderr,
                    "tsunagi: %s: %zu added, %zu updated, %zu unchanged, %zu "
                    "refused, %zu with warnings\n",
                    src, st.added, st.updated, st.unchanged, st.refused,
                    st.warned);
        refused |= st.refused > 0; /* the other sources still update */
    }
    if (exit == EXIT_OK)
        exit = failed;
    if (exit == EXIT_OK && refused)
        exit = EXIT_FINDINGS;
    for (size_t i = 0; i < list.len; i++)
        free(((char **)list.ptr)[i]);
    tsnu_vec_dispose(&list);
    free(sources);
    db_end(&c);
    return exit;
}

/* Data older than this is stale: OSV and EPSS change daily. */
#define STALE_DAYS 7

/* What a source is called in the status table. */
static const char *source_title(const char *s)
{
    if (strcmp(s, "osv") == 0)
        return "OSV";
    if (strcmp(s, "nvd") == 0)
        return "NVD";
    if (strcmp(s, "cve") == 0)
        return "CVE 5";
    if (strcmp(s, "jvn") == 0)
        return "JVN iPedia";
    return s;
}

int cmd_db_status(struct cli *cli, int argc, char **argv)
{
    struct dbcmd c;
    int rc = db_start(cli, "status", argc, argv, 0, 0, false, NULL, &c);
    if (!c.db) {
        db_end(&c);
        return rc;
    }
    tsn_vulndb_status st;
    if (tsn_vulndb_status_get(c.db, &st) < 0) {
        rc = cli_fail();
        db_end(&c);
        return rc;
    }
    long long ia = cli_age(st.last_import);
    long long ea = st.epss ? cli_age(st.epss_date) : -1;
    long import_age = ia < 0 ? -1 : (long)(ia / 86400);
    long epss_age = ea < 0 ? -1 : (long)(ea / 86400);
    bool stale = import_age > STALE_DAYS || epss_age > STALE_DAYS;
    tsn_buf out = TSN_BUF_INIT(1 << 24);
    if (cli->format == FORMAT_JSON) {
        tsnu_jw w;
        tsnu_jw_init(&w, &out);
        tsnu_jw_object(&w);
        tsnu_jw_kstr(&w, "database", c.path);
        tsnu_jw_key(&w, "schema");
        tsnu_jw_long(&w, TSN_VULNDB_SCHEMA);
        tsnu_jw_key(&w, "advisories");
        tsnu_jw_long(&w, (long)st.advisories);
        tsnu_jw_key(&w, "withdrawn");
        tsnu_jw_long(&w, (long)st.withdrawn);
        tsnu_jw_key(&w, "aliases");
        tsnu_jw_long(&w, (long)st.aliases);
        tsnu_jw_kstr(&w, "lastImport", st.last_import);
        tsnu_jw_kstr(&w, "lastUpdate", st.last_update);
        tsnu_jw_key(&w, "kev");
        tsnu_jw_long(&w, (long)st.kev);
        tsnu_jw_kstr(&w, "kevCatalogVersion", st.kev_version);
        tsnu_jw_key(&w, "epss");
        tsnu_jw_long(&w, (long)st.epss);
        tsnu_jw_kstr(&w, "epssScoreDate", st.epss_date);
        tsnu_jw_key(&w, "stale");
        tsnu_jw_bool(&w, stale);
        tsnu_jw_key(&w, "sources");
        tsnu_jw_object(&w);
        for (size_t i = 0; i < st.nsources; i++) {
            tsnu_jw_key(&w, st.by_source[i].name);
            tsnu_jw_long(&w, (long)st.by_source[i].advisories);
        }
        tsnu_jw_end(&w);
        tsnu_jw_key(&w, "ecosystems");
        tsnu_jw_object(&w);
        for (size_t i = 0; i < st.necosystems; i++) {
            tsnu_jw_key(&w, st.by_ecosystem[i].name);
            tsnu_jw_long(&w, (long)st.by_ecosystem[i].advisories);
        }
        tsnu_jw_end(&w);
        tsnu_jw_key(&w, "csafProviders");
        tsnu_jw_array(&w);
        for (size_t i = 0; i < st.ncsaf_providers; i++)
            tsnu_jw_string(&w, st.csaf_providers[i]);
        tsnu_jw_end(&w);
        tsnu_jw_end(&w);
        rc = tsnu_jw_finish(&w);
    } else {
        rc = tsn_buf_printf(
            &out,
            "%-16s %s (schema %d)\n%-16s %zu (%zu withdrawn), %zu aliases\n"
            "%-16s %s\n%-16s %zu (%s)\n%-16s %zu (%s)\n",
            L(cli, "knowledge base", "知識ベース"), c.path, TSN_VULNDB_SCHEMA,
            L(cli, "advisories", "アドバイザリ"), st.advisories, st.withdrawn,
            st.aliases, L(cli, "last import", "最終取り込み"),
            st.last_import ? st.last_import : "-", "CISA KEV", st.kev,
            st.kev_version ? st.kev_version : "-", "EPSS", st.epss,
            st.epss_date ? st.epss_date : "-");
        for (size_t i = 0; rc == 0 && i < st.nsources; i++)
            rc = tsn_buf_printf(&out, "%-16s %zu\n",
                                source_title(st.by_source[i].name),
                                st.by_source[i].advisories);
        for (size_t i = 0; rc == 0 && i < st.necosystems; i++)
            rc = tsn_buf_printf(&out, "  %-14s %zu\n", st.by_ecosystem[i].name,
                                st.by_ecosystem[i].advisories);
        for (size_t i = 0; rc == 0 && i < st.ncsaf_providers; i++)
            rc =
                tsn_buf_printf(&out, "%-16s %s\n",
                               i ? "" : L(cli, "CSAF providers", "CSAF 提供元"),
                               st.csaf_providers[i]);
    }
    rc = rc < 0 ? cli_fail() : cli_emit(NULL, &out);
    if (rc == EXIT_OK && !cli->quiet && import_age > STALE_DAYS)
        fprintf(stderr, "tsunagi: warning: %s %ld %s\n",
                L(cli, "the last import was", "最終取り込みは"), import_age,
                L(cli, "days ago; import current data",
                  "日前です。最新のデータを取り込んでください"));
    if (rc == EXIT_OK && !cli->quiet && epss_age > STALE_DAYS)
        fprintf(stderr, "tsunagi: warning: %s %ld %s\n",
                L(cli, "the EPSS scores are", "EPSS スコアは"), epss_age,
                L(cli, "days old", "日前のものです"));
    tsn_buf_dispose(&out);
    tsn_vulndb_status_free(&st);
    db_end(&c);
    return rc;
}

int cmd_db_show(struct cli *cli, int argc, char **argv)
{
    struct dbcmd c;
    int rc = db_start(cli, "show", argc, argv, 1, 1, false, NULL, &c);
    if (!c.db) {
        db_end(&c);
        return rc;
    }
    /* for people on a terminal or when asked; JSON for programs */
    bool table = cli->format_set ? cli->format == FORMAT_TABLE : isatty(1);
    char *json = NULL;
    tsn_vulndb_view *view = NULL;
    tsn_buf out = TSN_BUF_INIT(TSN_LIMIT_DOCUMENT_BYTES);
    int lrc = table ? tsn_vulndb_view_get(c.db, c.pos[0], &view)
                    : tsn_vulndb_show(c.db, c.pos[0], &json);
    if (lrc == 0 && table)
        lrc = db_view_render(cli, c.pos[0], view, &out);
    if (lrc < 0) {
        rc = tsn_error_last()->code == TSN_ENOTFOUND ? EXIT_FINDINGS
                                                     : cli_fail();
        if (rc == EXIT_FINDINGS)
            cli_error("%s", tsn_error_last()->message);
    } else if (table) {
        rc = cli_emit(NULL, &out);
    } else {
        tsn_buf o = {json, strlen(json), strlen(json) + 1, 0};
        rc = cli_emit(NULL, &o);
    }
    tsn_buf_dispose(&out);
    tsn_vulndb_view_free(view);
    tsn_free(json);
    db_end(&c);
    return rc;
}

int cmd_db_export(struct cli *cli, int argc, char **argv)
{
    struct dbcmd c;
    int rc = db_start(cli, "export", argc, argv, 1, 1, false, NULL, &c);
    if (!c.db) {
        db_end(&c);
        return rc;
    }
    tsn_vulndb_export_stats st;
    if (tsn_vulndb_export(c.db, c.pos[0], &st) < 0) {
        rc = cli_fail();
    } else if (!cli->quiet) {
        fprintf(stderr,
                "tsunagi: %s: %zu advisories, %zu KEV entries, %zu EPSS "
                "scores\n",
                c.pos[0], st.advisories, st.kev, st.epss);
    }
    db_end(&c);
    return rc;
}
