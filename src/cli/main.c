/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tsunagi: entry point, command table, common options and the mapping of
 * library errors to exit codes.
 */
#include "cli.h"

#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const struct command commands[] = {
    {"purl", "parse", cmd_purl_parse, "split a package URL into its parts",
     "tsunagi purl parse [--format table|json] PURL...",
     "Parses, validates and normalises each package URL (per-type rules of\n"
     "the purl specification) and prints its components."},
    {"purl", "canonical", cmd_purl_canonical,
     "print the canonical form of package URLs",
     "tsunagi purl canonical PURL...",
     "Prints one canonical purl per argument; exit 2 if any is invalid."},
    {"cpe", "parse", cmd_cpe_parse,
     "convert a CPE between formatted string, URI and WFN",
     "tsunagi cpe parse [--format table|json] CPE...",
     "Parses a CPE 2.3 formatted string (cpe:2.3:...) or a CPE URI\n"
     "(cpe:/...) into a well-formed name (NISTIR 7695) and prints all three\n"
     "forms. Wildcards bind to %02 ('*') and %01 ('?') in a URI."},
    {"cvss", "score", cmd_cvss_score,
     "compute the scores of CVSS vectors (v2.0, v3.0, v3.1, v4.0)",
     "tsunagi cvss score [--format table|json] VECTOR...|-",
     "Computes each vector's scores as FIRST's specifications define them:\n"
     "v2 and v3 base, temporal and environmental scores (and the base\n"
     "score's impact and exploitability), v4 CVSS-B and the score of the\n"
     "whole vector; the rating (v2 as NVD rates). '-' reads one vector a\n"
     "line from stdin. Exit 2 when a vector is not one."},
    {"sbom", "validate", cmd_sbom_validate,
     "check a document against its format's schema and rules",
     "tsunagi sbom validate [--format table|json] FILE...",
     "Reads CycloneDX (JSON, XML), SPDX 2 (JSON, tag-value) and SPDX 3\n"
     "(JSON-LD) documents and reports every violation of the format's schema "
     "and specification with\n"
     "its location. Exit 0 when all documents are valid, 1 when any has\n"
     "errors, 2 when one cannot be read."},
    {"sbom", "check", cmd_sbom_check,
     "score SBOM quality (NTIA minimum elements, METI SBOM guide)",
     "tsunagi sbom check [--min-score N] [--all] [--lang en|ja] "
     "[--format table|json] FILE...",
     "Scores each document against the NTIA minimum elements (supplier,\n"
     "name, version, unique identifiers, dependency relationships, author,\n"
     "timestamp) and the items METI's SBOM guide adds (licences, hashes), and\n"
     "lists the components with findings. Exit 1 when a score is below\n"
     "--min-score."},
    {"sbom", "convert", cmd_sbom_convert,
     "convert a document to another SBOM format",
     "tsunagi sbom convert FILE --to FORMAT [-o OUT]",
     "Reads any supported document and writes it as FORMAT: cyclonedx-json\n"
     "or cyclonedx-xml (CycloneDX 1.6), spdx-json or spdx-tv (SPDX 2.3).\n"
     "Output goes to stdout, or to OUT through a temporary\n"
     "file renamed into place, so OUT is never left half-written. What the\n"
     "target format cannot express is listed in docs/formats.md."},
    {"sbom", "merge", cmd_sbom_merge,
     "aggregate supplier SBOMs into one product SBOM",
     "tsunagi sbom merge --root NAME@VERSION [-o OUT] FILE...",
     "Reads every FILE (any supported format) and writes one CycloneDX 1.6\n"
     "document (JSON, or XML with --to cyclonedx-xml) whose root is "
     "NAME@VERSION. Components are deduplicated\n"
     "by purl, then by name, version and hash; each records the inputs it\n"
     "came from (property tsunagi:source); colliding bom-refs are renamed;\n"
     "all relationships are kept and each input's root hangs under the new\n"
     "root."},
    {"sbom", "diff", cmd_sbom_diff,
     "compare two SBOMs: added, removed, upgraded, relicensed",
     "tsunagi sbom diff [--fail-on-change] [--format table|json] OLD NEW",
     "Matches components by package identity (purl without version, or\n"
     "group/name) and lists those added (+), removed (-), with another\n"
     "version (~) or with other licences (L). The two documents may be in\n"
     "different formats. Exit 1 with --fail-on-change when anything differs."},
    {"sbom", "info", cmd_sbom_info,
     "summarise a document: format, counts, metadata",
     "tsunagi sbom info [--format table|json] FILE...",
     "Prints the format, spec version, serial number, component,\n"
     "relationship and vulnerability counts of each document."},
    {"version", "compare", cmd_version_compare,
     "compare two versions with an ecosystem's rules",
     "tsunagi version compare [--format table|json] SCHEME A B\n"
     "       tsunagi version compare --batch SCHEME < PAIRS",
     "SCHEME is a vers scheme name (npm, pypi, maven, deb, rpm, apk, gem,\n"
     "golang, nuget, cargo, composer, pub, hex, hackage, cran, conan,\n"
     "gentoo, alpm, openssl, semver, generic) or an OSV ecosystem (\"PyPI\",\n"
     "\"Debian:12\", ...). Prints A < B, A = B or A > B; exit 2 when a\n"
     "version is not valid for the scheme. With --batch, reads\n"
     "A<TAB>B lines and prints <, =, > or \"! reason\" per line."},
    {"version", "check", cmd_version_check,
     "check that versions are valid for a scheme",
     "tsunagi version check SCHEME VERSION...",
     "Exit 0 when every VERSION is valid for SCHEME, 2 (with the reason)\n"
     "when one is not. For apk, versions apk-tools refuses are reported\n"
     "although they can still be compared."},
    {"version", "contains", cmd_version_contains,
     "test whether versions lie in a range",
     "tsunagi version contains [--form auto|native|vers|osv]\n"
     "       [--include-prerelease] [--format table|json] SCHEME RANGE "
     "VERSION...\n"
     "       tsunagi version contains --batch SCHEME < LINES",
     "RANGE is the ecosystem's own syntax (\">=1.2 <2 || ^3\" for npm,\n"
     "\">=1.0,!=1.3.*\" for pypi, \"[1.0,2.0)\" for maven, \"~> 2.1\"\n"
     "for gem...), a vers (\"vers:npm/>=1.0.0|<2.0.0\") or OSV events\n"
     "(\"introduced:0,fixed:1.2.3\" or the JSON of an events array, a range\n"
     "or an affected object). SCHEME may be '-' for a vers. Exit 0 when\n"
     "every VERSION is in the range, 1 when one is not, 2 when the range\n"
     "or a version is invalid. --include-prerelease lets pre-releases match\n"
     "ranges that do not name one (npm, cargo, conan, pypi). With --batch,\n"
     "reads RANGE<TAB>VERSION lines and prints 1, 0 or \"! reason\"."},
    {"version", "range", cmd_version_range, "print a range as a canonical vers",
     "tsunagi version range [--form auto|native|vers|osv] SCHEME RANGE...",
     "Compiles each RANGE as for 'version contains' and prints it as a vers\n"
     "with its constraints sorted by version. Ranges a vers cannot express\n"
     "exactly (pre-release rules, OSV limits) print their closest vers."},
    {"db", "import", cmd_db_import,
     "import advisories into the vulnerability knowledge base",
     "tsunagi db import [--db FILE] PATH...",
     "Reads OSV records, NVD CVE API 2.0 pages, CVE JSON 5 records, CISA\n"
     "KEV catalogs and EPSS scores (told apart by content, gzip undone)\n"
     "from files, zip archives (OSV's all.zip) and directory trees (every\n"
     "*.json, *.zip, *.csv and *.gz below them) into the knowledge base,\n"
     "creating it when absent. The import is one transaction: it lands\n"
     "whole or not at all. A record that breaks its format's rules is\n"
     "refused with its reason and counted; a record already there is\n"
     "replaced only by one modified later. Exit 0, 1 when records were\n"
     "refused, 2 when a path cannot be read or a zip archive is damaged or\n"
     "over a limit. The file is --db, else $TSUNAGI_DB, else\n"
     "$XDG_DATA_HOME/tsunagi/vuln.db."},
    {"db", "update", cmd_db_update, "download advisories and import them",
     "tsunagi db update [--db FILE] [--source SOURCE]... [--url URL]\n"
     "       [--retries N] [--backoff SECONDS] [--delay SECONDS]",
     "Downloads each SOURCE from its official endpoint and imports it as\n"
     "db import does: kev (CISA), epss (FIRST), nvd (the CVE API 2.0; the\n"
     "key in $NVD_API_KEY), osv:ECOSYSTEM (OSV's all.zip, then only the\n"
     "records changed since). Without --source: kev, epss, every OSV\n"
     "ecosystem held, and nvd once it was updated. TLS is verified\n"
     "($TSUNAGI_CA_BUNDLE adds a CA file); proxies come from https_proxy\n"
     "and no_proxy. Failed requests, 429 and 5xx are retried, waiting as\n"
     "the server asks. Exit 0, 1 when records were refused, 2 on bad data,\n"
     "5 when a download failed (nothing of that source is imported)."},
    {"db", "status", cmd_db_status, "summarise the knowledge base",
     "tsunagi db status [--db FILE] [--format table|json]",
     "Prints the advisory, withdrawn and alias counts, the last import, the\n"
     "KEV and EPSS counts and dates, and the advisories per ecosystem. Exit\n"
     "3 when there is no knowledge base."},
    {"db", "show", cmd_db_show, "print an advisory and its aliases' records",
     "tsunagi db show [--db FILE] ID",
     "Prints, as a JSON array, the stored record of ID and of every\n"
     "advisory that is the same vulnerability by alias (CVE, GHSA, PYSEC,\n"
     "GO ...), then the KEV entry and EPSS score of its CVE ids. Exit 1\n"
     "when none is known, 3 when there is no knowledge base."},
    {"db", "export", cmd_db_export, "write the knowledge base to a zip archive",
     "tsunagi db export [--db FILE] OUT.zip",
     "Writes every advisory as SOURCE/ID.json (its record as stored), the KEV\n"
     "catalog as kev.json and the EPSS scores as epss.csv into OUT.zip,\n"
     "which db import reads back: a database carried to a site without\n"
     "network. The archive appears whole or not at all. Exit 3 when there\n"
     "is no knowledge base, 4 when the archive cannot be written."},
    {"scan", "", cmd_scan,
     "find the known vulnerabilities of the components of SBOMs",
     "tsunagi scan [--db FILE] [--vex FILE]... [--show-suppressed] "
     "[--fail-on WHAT]... [--max-db-age AGE] [--format "
     "table|json|sarif|cyclonedx|csv|markdown|html] [-o FILE] [--jobs N] "
     "[--lang en|ja] SBOM...",
     "Reads each SBOM (any format sbom validate reads) and matches its\n"
     "components against the knowledge base by package URL: the purl's\n"
     "ecosystem and name (Debian, Ubuntu and Alpine packages by their\n"
     "distro qualifier), and its version in each advisory's ranges with\n"
     "the ecosystem's version rules. Records that name each other are one\n"
     "finding, with its severity (the newest CVSS version given), KEV and\n"
     "EPSS, the fixed versions and the nearest upgrade that fixes every\n"
     "finding of the component. Components without a purl, or whose purl\n"
     "has no known ecosystem or version, are listed as not checked.\n"
     "VEX statements (--vex: OpenVEX, CycloneDX or CSAF; and those the SBOM\n"
     "carries) apply: not_affected and false_positive findings are left\n"
     "out (--show-suppressed lists them with the reason), the others are\n"
     "marked with their status. A statement naming no component scanned\n"
     "is reported. --format sarif, cyclonedx (a VDR), csv and markdown\n"
     "write the findings for other tools (docs/scan.md).\n"
     "Exit 0, 1 when a finding meets --fail-on, 2 when an SBOM "
     "cannot be\n"
     "read, 3 when there is no knowledge base or it is older than\n"
     "--max-db-age."},
    {"assess", "list", cmd_assess_list,
     "list the assessment catalogues there are",
     "tsunagi assess list [--catalogues DIR]... [--format table|json] "
     "[--lang en|ja]",
     "Lists the catalogues built in (content/) and those in the directories\n"
     "of $TSUNAGI_CATALOGUES (separated by ':') and --catalogues: scheme,\n"
     "version, title, sections, questions, the levels and how many\n"
     "questions each needs, and whether the catalogue is official or an\n"
     "unofficial paraphrase. A catalogue of the same scheme and version\n"
     "as one before it replaces it (with a warning)."},
    {"assess", "lint", cmd_assess_lint, "check assessment catalogues",
     "tsunagi assess lint FILE...",
     "Reads each catalogue (docs/assess.md) and checks it whole: the\n"
     "members, texts in English and Japanese, unique ids, the scales,\n"
     "levels and NIST CSF 2.0 references questions name. The first fault\n"
     "of a file is reported with its line, JSON pointer and id. Exit 2\n"
     "when a catalogue has a fault."},
    {"assess", "start", cmd_assess_start,
     "answer a catalogue one question at a time",
     "tsunagi assess start [--version V] [-o FILE] [--catalogues DIR]... "
     "[--lang en|ja] SCHEME",
     "Asks the questions of SCHEME's catalogue one at a time, each with its\n"
     "section, help and every step of its scale with what the step means,\n"
     "and the progress. An answer is a step's value or word (or na where\n"
     "allowed), then optional evidence; Enter or s skips, b goes back, q\n"
     "quits. Every answer is saved at once to FILE (default\n"
     "SCHEME-answers.json), written whole and atomically; starting again\n"
     "with the same file goes on from the first question not answered.\n"
     "Lines are read from stdin, so answers can be piped in. Exit 0 (also\n"
     "when quitting: the answers so far are saved), 2 (an unknown scheme,\n"
     "a file to go on with that has problems), 4 (the file cannot be\n"
     "written)."},
    {"assess", "decide", cmd_assess_decide,
     "which level to ask of a supplier (the scheme's decision tree)",
     "tsunagi assess decide [--version V] [--catalogues DIR]... "
     "[--lang en|ja] SCHEME [ID=yes|no]...",
     "Runs the decision tree of SCHEME's catalogue (meti-scs: three\n"
     "questions) for a buyer: the answers given as ID=yes or ID=no, the\n"
     "others asked one at a time on stdin. Any yes asks for the higher\n"
     "level, all no for the lower. Exit 0, 2 (a scheme without a decision\n"
     "tree, an answer that is not yes or no, input ended)."},
    {"assess", "score", cmd_assess_score, "score answers to a catalogue",
     "tsunagi assess score [--catalogues DIR]... [--format table|json] "
     "[--lang en|ja] ANSWERS...",
     "Scores each answers file against the catalogue of its scheme and\n"
     "version: per section and overall (0 to 100, and the maturity for\n"
     "maturity scales), the level attained, and the gaps, the ones that\n"
     "keep the next level from being attained first, then by what closing\n"
     "them gains, each with its next step. Answers to unknown questions,\n"
     "values off the scale and missing required answers are all listed\n"
     "with their line and id, and the file is not scored (exit 2)."},
    {"assess", "report", cmd_assess_report,
     "write an assessment report (HTML, PDF, SVG radar chart, Markdown, JSON)",
     "tsunagi assess report [--format html|pdf|svg|md|json] [-o FILE] "
     "[--benchmark FILE [--group NAME]] [--catalogues DIR]... [--lang en|ja] "
     "ANSWERS",
     "Scores one answers file and writes the report for executives and\n"
     "trading partners: a summary (score, maturity, level, the radar chart\n"
     "of the sections against the target, the five gaps to close first),\n"
     "then every answer with its evidence, every gap with its next step,\n"
     "and what the catalogue is based on. html is one self-contained page;\n"
     "pdf is A4 (summary on page 1); svg is the radar chart alone; md is\n"
     "Markdown; json the scores. With --benchmark (a file of assess\n"
     "benchmark --format json) the chart and tables add the peer group\n"
     "(--group, else the one of the organisation's industry and size, else\n"
     "its industry, else its size, else all) and deviation scores. Exit 2\n"
     "when the answers have problems (each listed)."},
    {"assess", "benchmark", cmd_assess_benchmark,
     "aggregate many organisations' answers into peer-group benchmarks",
     "tsunagi assess benchmark [--k N] [--by industry|size|both] "
     "[--scheme ID [--version V]] "
     "[--strict] [-o FILE] [--format table|json] [--catalogues DIR]... "
     "DIR|FILE...",
     "Scores every answers file (the *.json of each directory) of one\n"
     "scheme and version (--scheme, else the first file's) and aggregates\n"
     "them into peer groups: all and each industry (--by size: each size;\n"
     "--by both: each industry, each size, each industry and size), with\n"
     "the mean and standard deviation of the overall score and of each\n"
     "section. No group or figure of fewer than k organisations (--k,\n"
     "default 5) is published, nor one from which such a group could be\n"
     "worked out by subtraction (complete for one dimension; with both,\n"
     "not across levels: docs/assess.md). Files of other schemes are\n"
     "skipped and counted; files with problems are not counted, each\n"
     "named on stderr\n"
     "(exit 2 with --strict). The JSON output is what assess report\n"
     "--benchmark reads for deviation scores."},
    {"assess", "compare", cmd_assess_compare,
     "compare two answers files to one catalogue",
     "tsunagi assess compare [--format table|json|svg] [-o FILE] "
     "[--catalogues DIR]... [--lang en|ja] A B",
     "Scores A and B (the same organisation at two dates, or two\n"
     "suppliers) against their catalogue and shows them side by side: the\n"
     "overall score, maturity and each section with the change from A to\n"
     "B, the level each attains, the answers that differ, the gaps A has\n"
     "and B does not and the other way round. svg draws both on one radar\n"
     "chart (B filled). Exit 2 when the two are to different catalogues\n"
     "or either has problems."},
    {"vex", "new", cmd_vex_new,
     "record a triage decision as a new VEX document",
     "tsunagi vex new --vuln ID --status STATUS --product P... [--to "
     "openvex|cyclonedx] [OPTIONS] [-o FILE]",
     "Writes one statement (the vulnerability, its status for the products,\n"
     "and why) as an OpenVEX 0.2.0 document or a CycloneDX 1.6 VEX BOM.\n"
     "not_affected needs --justification (in the format's words) or\n"
     "--impact; an OpenVEX affected statement needs --action. With --sbom,\n"
     "each --product (a package URL, bom-ref or NAME@VERSION) must be a\n"
     "component of that SBOM and is written with its package URL and CPE\n"
     "(OpenVEX) or a BOM-Link to it (CycloneDX). What is written is read\n"
     "back first. Exit 2 when the statement cannot be said in the format."},
    {"vex", "add", cmd_vex_add, "add a triage decision to a VEX document",
     "tsunagi vex add FILE --vuln ID --status STATUS --product P... "
     "[OPTIONS] [-o OUT]",
     "Adds one statement to FILE, an OpenVEX document or a CycloneDX BOM\n"
     "(a VEX BOM, or an SBOM: its vulnerabilities then name its own\n"
     "components by bom-ref), keeping everything else as it is. OpenVEX:\n"
     "the statement is appended. CycloneDX: the vulnerability with the same\n"
     "id and products gets the new analysis, else one is appended. The\n"
     "document's version goes up by one. FILE is replaced atomically (or\n"
     "-o OUT written); a FILE that does not read is left as it is (exit 2)."},
    {"vex", "list", cmd_vex_list, "print the statements of VEX documents",
     "tsunagi vex list [--format table|json] [--lang en|ja] FILE...",
     "Reads OpenVEX, CycloneDX (VEX BOMs and SBOMs with analysed\n"
     "vulnerabilities) and CSAF VEX documents and prints each statement:\n"
     "the vulnerability, its status and justification, the products and\n"
     "where it was read. Exit 2 when a document does not read."},
    {NULL, NULL, NULL, NULL, NULL, NULL}};

const struct command *cli_command(const char *noun, const char *verb)
{
    for (const struct command *c = commands; c->noun; c++)
        if (strcmp(c->noun, noun) == 0 && strcmp(c->verb, verb) == 0)
            return c;
    abort(); /* a handler names a command missing from the table */
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("tsunagi: error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void cli_warn(struct cli *cli, const char *fmt, ...)
{
    va_list ap;
    if (cli->quiet)
        return;
    fputs("tsunagi: warning: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_exit_code(int error)
{
    switch (error) {
    case TSN_OK:
        return EXIT_OK;
    case TSN_ENOMEM:
        return EXIT_INTERNAL;
    case TSN_EIO:
        return EXIT_IO;
    case TSN_ENETWORK:
        return EXIT_NETWORK;
    case TSN_EINVALID:
    case TSN_ETOOBIG:
    case TSN_EUNSUPPORTED:
    case TSN_ENOTFOUND:
    case TSN_EUSAGE:
        return EXIT_BADINPUT;
    default:
        return EXIT_INTERNAL;
    }
}

int cli_fail(void)
{
    const tsn_error *e = tsn_error_last();
    cli_error("%s", e->message[0] ? e->message : tsn_error_name(e->code));
    return cli_exit_code(e->code ? e->code : TSN_ERROR);
}

int cli_lines(int (*each)(char *line, unsigned long lineno, void *ctx),
              void *ctx)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned long lineno = 0;
    int rc = EXIT_OK;
    while (rc == EXIT_OK && (n = getline(&line, &cap, stdin)) >= 0) {
        if (n > 0 && line[n - 1] == '\n')
            line[--n] = '\0';
        if (n > 0 && line[n - 1] == '\r')
            line[--n] = '\0';
        rc = each(line, ++lineno, ctx);
    }
    free(line);
    return rc;
}

int cli_emit(const char *path, const tsn_buf *b)
{
    tsnu_part part = {b->ptr ? b->ptr : "", b->len};
    return cli_emit_parts(path, &part, 1);
}

int cli_emit_parts(const char *path, const tsnu_part *parts, size_t n)
{
    if (!path || strcmp(path, "-") == 0) {
        for (size_t i = 0; i < n; i++)
            if (parts[i].len && fwrite(parts[i].data, 1, parts[i].len,
                                       stdout) != parts[i].len) {
                cli_error("<stdout>: write failed");
                return EXIT_IO;
            }
        if (fflush(stdout) != 0) {
            cli_error("<stdout>: write failed");
            return EXIT_IO;
        }
        return EXIT_OK;
    }
    if (tsnu_file_write_atomicv(path, parts, n) < 0)
        return cli_fail();
    return EXIT_OK;
}

/* Whether the command has a --format of its own (more formats than
 * table and json). */
static bool own_format(const struct opt *opts)
{
    for (const struct opt *o = opts; o && o->name; o++)
        if (strcmp(o->name, "--format") == 0)
            return true;
    return false;
}

static void print_help(const struct command *cmd, const struct opt *opts)
{
    printf("usage: %s\n\n%s\n\n%s\n\noptions:\n", cmd->usage, cmd->summary,
           cmd->details);
    for (const struct opt *o = opts; o && o->name; o++)
        printf("  %s%s%-*s %s\n", o->name, o->arg ? " " : "",
               (int)(22 - strlen(o->name) - (o->arg ? 1 : 0)),
               o->arg ? o->arg : "", o->help);
    if (!own_format(opts))
        printf("  --format table|json    output format (default: table)\n");
    printf("  --lang en|ja           language of messages (default: from "
           "LANG)\n"
           "  --max-size BYTES       largest input accepted (default: "
           "268435456)\n"
           "  -q, --quiet            no warnings on stderr\n"
           "  -h, --help             this help\n");
}

int cli_parse(struct cli *cli,
              const struct command *cmd,
              const struct opt *opts,
              int argc,
              char **argv,
              char ***pos,
              int *n_pos)
{
    int np = 0;
    char **p = calloc((size_t)argc + 1, sizeof *p);
    bool only_pos = false;

    if (!p) {
        cli_error("out of memory");
        return -1;
    }
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        const char *eq;
        size_t nlen;
        bool matched = false;

        if (only_pos || a[0] != '-' || strcmp(a, "-") == 0) {
            p[np++] = argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_pos = true;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            print_help(cmd, opts);
            free(p);
            return 1;
        }
        if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            cli->quiet = true;
            continue;
        }
        eq = strchr(a, '=');
        nlen = eq ? (size_t)(eq - a) : strlen(a);
#define TAKE_VALUE()                                                           \
    do {                                                                       \
        if (eq)                                                                \
            val = eq + 1;                                                      \
        else if (i + 1 < argc)                                                 \
            val = argv[++i];                                                   \
        else {                                                                 \
            cli_error("%s: option %.*s needs a value", cli->cmd, (int)nlen,    \
                      a);                                                      \
            free(p);                                                           \
            return -1;                                                         \
        }                                                                      \
    } while (0)
        if (nlen == 8 && strncmp(a, "--format", 8) == 0 && !own_format(opts)) {
            TAKE_VALUE();
            cli->format_set = true;
            if (strcmp(val, "table") == 0)
                cli->format = FORMAT_TABLE;
            else if (strcmp(val, "json") == 0)
                cli->format = FORMAT_JSON;
            else {
                cli_error("%s: --format must be table or json, not \"%s\"",
                          cli->cmd, val);
                free(p);
                return -1;
            }
            continue;
        }
        if (nlen == 6 && strncmp(a, "--lang", 6) == 0) {
            TAKE_VALUE();
            if (strcmp(val, "en") == 0)
                cli->lang = LANG_EN;
            else if (strcmp(val, "ja") == 0)
                cli->lang = LANG_JA;
            else {
                cli_error("%s: --lang must be en or ja, not \"%s\"", cli->cmd,
                          val);
                free(p);
                return -1;
            }
            continue;
        }
        if (nlen == 10 && strncmp(a, "--max-size", 10) == 0) {
            unsigned long v;
            TAKE_VALUE();
            if (!tsnu_parse_ulong(val, &v) || v == 0) {
                cli_error("%s: --max-size needs a positive number of bytes",
                          cli->cmd);
                free(p);
                return -1;
            }
            tsn_ctx_limits(cli->ctx)->document_bytes = v;
            continue;
        }
        for (const struct opt *o = opts; o && o->name; o++) {
            if (strlen(o->name) != nlen || strncmp(a, o->name, nlen) != 0)
                continue;
            matched = true;
            if (!o->arg) {
                if (eq) {
                    cli_error("%s: option %s takes no value", cli->cmd,
                              o->name);
                    free(p);
                    return -1;
                }
                *o->flag = true;
            } else {
                TAKE_VALUE();
                if (o->list) {
                    size_t n = 0;
                    const char **l = *o->list;
                    while (l && l[n])
                        n++;
                    l = realloc(l, (n + 2) * sizeof *l);
                    if (!l) {
                        cli_error("out of memory");
                        free(p);
                        return -1;
                    }
                    l[n] = val;
                    l[n + 1] = NULL;
                    *o->list = l;
                } else {
                    *o->str = val;
                }
            }
            break;
        }
#undef TAKE_VALUE
        if (!matched) {
            cli_error("%s: unknown option %s (see --help)", cli->cmd, a);
            free(p);
            return -1;
        }
    }
    *pos = p;
    *n_pos = np;
    return 0;
}

long long cli_age(const char *t)
{
    struct tm tm = {0};
    if (!t || sscanf(t, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon,
                     &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    time_t then = timegm(&tm), now = time(NULL);
    return now > then ? (long long)(now - then) : 0;
}

static void usage_all(FILE *f)
{
    fprintf(f, "usage: tsunagi <noun> <verb> [options] [args]\n\n"
               "Supply-chain security toolkit: SBOMs, package identity, "
               "vulnerability\nmanagement and assessments.\n\ncommands:\n");
    for (const struct command *c = commands; c->noun; c++)
        fprintf(f, "  %-5s %-10s %s\n", c->noun, c->verb, c->summary);
    fprintf(f, "\n  tsunagi <noun> <verb> --help   help for one command\n"
               "  tsunagi --version              print the version\n\n"
               "exit codes: 0 ok, 1 check failed, 2 bad input or usage, "
               "3 no knowledge\nbase, 4 output error, 5 download failed, "
               "70 internal error (docs/exit-codes.md)\n");
}

static out_lang lang_from_env(void)
{
    const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (int i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return strncmp(v, "ja", 2) == 0 ? LANG_JA : LANG_EN;
    }
    return LANG_EN;
}

/* Whether command @p c builds its data once and exits (reading SBOMs,
 * scanning): its heap goes on huge pages (tsnu_heap_huge), which spares
 * it most page faults. Not an import, which frees about as much as it
 * keeps: its peak RSS grew from 351 to 564 MiB with them. */
static bool builds_once(const struct command *c)
{
    return strcmp(c->noun, "sbom") == 0 || strcmp(c->noun, "scan") == 0;
}

int main(int argc, char **argv)
{
    struct cli cli = {0};
    char cmdname[64];
    int rc;

    setlocale(LC_CTYPE, "");
    /* With TZ unset glibc stats /etc/localtime on every mktime(), and
     * libzip calls mktime() for each entry of an archive (a million
     * stats for OSV's largest). Naming the same file reads it once and
     * keeps local time as it was. */
    if (!getenv("TZ"))
        setenv("TZ", ":/etc/localtime", 0);
    cli.prog = "tsunagi";
    cli.lang = lang_from_env();
    if (argc < 2) {
        usage_all(stderr);
        return EXIT_BADINPUT;
    }
    if (strcmp(argv[1], "--version") == 0 ||
        (strcmp(argv[1], "version") == 0 && argc == 2)) {
        printf("tsunagi %s\n", tsn_version());
        return EXIT_OK;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage_all(stdout);
        return EXIT_OK;
    }
    for (const struct command *c = commands; c->noun; c++) {
        /* a command of a noun alone (scan) has the verb "" */
        bool bare = !*c->verb;
        if (strcmp(c->noun, argv[1]) != 0)
            continue;
        if (!bare && (argc < 3 || strcmp(c->verb, argv[2]) != 0))
            continue;
        snprintf(cmdname, sizeof cmdname, "%s%s%s", c->noun, bare ? "" : " ",
                 c->verb);
        cli.cmd = cmdname;
        if (tsn_ctx_new(&cli.ctx) < 0) {
            cli_error("out of memory");
            return EXIT_INTERNAL;
        }
        if (builds_once(c))
            cli.heap_to_exit = tsnu_heap_huge((size_t)128 << 20);
        rc = c->run(&cli, argc - (bare ? 2 : 3), argv + (bare ? 2 : 3));
        tsn_ctx_free(cli.ctx);
        return rc;
    }
    for (const struct command *c = commands; c->noun; c++) {
        if (strcmp(c->noun, argv[1]) == 0) {
            cli_error("unknown command \"%s %s\"; %s commands:", argv[1],
                      argc > 2 ? argv[2] : "", argv[1]);
            for (const struct command *d = commands; d->noun; d++)
                if (strcmp(d->noun, argv[1]) == 0)
                    fprintf(stderr, "  tsunagi %s %s  %s\n", d->noun, d->verb,
                            d->summary);
            return EXIT_BADINPUT;
        }
    }
    cli_error("unknown command \"%s\" (see tsunagi --help)", argv[1]);
    return EXIT_BADINPUT;
}
