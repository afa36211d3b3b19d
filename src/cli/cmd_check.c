/* SPDX-License-Identifier: Apache-2.0 */
/* tsunagi sbom check: SBOM quality against NTIA and the METI SBOM guide. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "util/json.h"

static const char *const elem_key[TSN_QE_COUNT] = {
    "supplier", "name",      "version", "identifier", "dependencies",
    "author",   "timestamp", "license", "hash",       "schemaValid"};

static const char *elem_label(struct cli *cli, int e)
{
    static const char *const en[TSN_QE_COUNT] = {"Supplier name",
                                                 "Component name",
                                                 "Component version",
                                                 "Unique identifier (purl/CPE)",
                                                 "Dependency relationship",
                                                 "SBOM author",
                                                 "Timestamp",
                                                 "Licence",
                                                 "Hash",
                                                 "Valid against schema"};
    static const char *const ja[TSN_QE_COUNT] = {
        "供給者名",       "コンポーネント名",
        "バージョン",     "一意な識別子 (purl/CPE)",
        "依存関係",       "SBOM作成者",
        "タイムスタンプ", "ライセンス",
        "ハッシュ値",     "スキーマ適合"};
    return cli->lang == LANG_JA ? ja[e] : en[e];
}

static const struct {
    unsigned flag;
    const char *key, *en, *ja;
} finding_names[] = {
    {TSN_QF_NO_NAME, "noName", "no name", "名前なし"},
    {TSN_QF_NO_VERSION, "noVersion", "no version", "バージョンなし"},
    {TSN_QF_NO_SUPPLIER, "noSupplier", "no supplier", "供給者なし"},
    {TSN_QF_NO_IDENTIFIER, "noIdentifier", "no purl/CPE", "purl/CPEなし"},
    {TSN_QF_BAD_PURL, "invalidPurl", "invalid purl", "purl不正"},
    {TSN_QF_NO_LICENSE, "noLicense", "no licence", "ライセンスなし"},
    {TSN_QF_NO_HASH, "noHash", "no hash", "ハッシュなし"},
    {TSN_QF_NO_DEPENDENCIES, "noDependencies", "not in dependency graph",
     "依存関係なし"},
};
#define N_FINDINGS (sizeof finding_names / sizeof *finding_names)

static const char *comp_label(const tsn_sbom_component *c)
{
    if (c->purl)
        return c->purl;
    if (c->name)
        return c->name;
    return c->ref ? c->ref : "(unnamed)";
}

static void render_json(tsn_buf *b,
                        const char *file,
                        const tsn_sbom *s,
                        const tsn_sbom_quality *q,
                        double min_score)
{
    size_t n;
    const tsn_sbom_component *c = tsn_sbom_components(s, &n);
    const tsn_sbom_doc *doc = tsn_sbom_document(s);
    size_t counts[N_FINDINGS] = {0};

    tsn_buf_puts(b, "{\"file\": ");
    tsnu_json_put_string(b, file);
    tsn_buf_printf(b, ", \"format\": \"%s\", \"specVersion\": ",
                   tsn_sbom_format_name(doc->format));
    if (doc->spec_version)
        tsnu_json_put_string(b, doc->spec_version);
    else
        tsn_buf_puts(b, "null");
    tsn_buf_printf(b,
                   ", \"components\": %zu, \"score\": %.1f, "
                   "\"minScore\": %.1f, \"pass\": %s, \"ntiaMinimumMet\": %s, "
                   "\"schemaErrors\": %zu,\n \"elements\": [",
                   n, q->score, min_score,
                   q->score + 1e-9 >= min_score ? "true" : "false",
                   q->ntia_met ? "true" : "false", tsn_sbom_error_count(s));
    for (int e = 0; e < TSN_QE_COUNT; e++)
        tsn_buf_printf(b,
                       "%s\n  {\"element\": \"%s\", \"coverage\": %.4f, "
                       "\"weight\": %.1f, \"ntia\": %s}",
                       e ? "," : "", elem_key[e], q->coverage[e], q->weight[e],
                       q->ntia[e] ? "true" : "false");
    tsn_buf_puts(b, "],\n \"findings\": [");
    for (size_t i = 0, k = 0; i < n; i++) {
        unsigned f = q->findings[i];
        if (!f)
            continue;
        tsn_buf_puts(b, k++ ? ",\n  {\"component\": " : "\n  {\"component\": ");
        tsnu_json_put_string(b, comp_label(&c[i]));
        tsn_buf_puts(b, ", \"bomRef\": ");
        if (c[i].ref)
            tsnu_json_put_string(b, c[i].ref);
        else
            tsn_buf_puts(b, "null");
        tsn_buf_puts(b, ", \"issues\": [");
        for (size_t j = 0, m = 0; j < N_FINDINGS; j++)
            if (f & finding_names[j].flag) {
                tsn_buf_printf(b, "%s\"%s\"", m++ ? ", " : "",
                               finding_names[j].key);
                counts[j]++;
            }
        tsn_buf_puts(b, "]}");
    }
    tsn_buf_puts(b, "],\n \"findingCounts\": {");
    for (size_t j = 0; j < N_FINDINGS; j++)
        tsn_buf_printf(b, "%s\"%s\": %zu", j ? ", " : "", finding_names[j].key,
                       counts[j]);
    tsn_buf_puts(b, "}}\n");
}

static void render_table(struct cli *cli,
                         tsn_buf *b,
                         const char *file,
                         const tsn_sbom *s,
                         const tsn_sbom_quality *q,
                         double min_score,
                         bool all)
{
    size_t n, shown = 0, with = 0;
    const tsn_sbom_component *c = tsn_sbom_components(s, &n);
    const tsn_sbom_doc *doc = tsn_sbom_document(s);
    const size_t limit = 20;

    tsn_buf_printf(b,
                   L(cli, "SBOM quality: %s (%s %s, %zu components)\n\n",
                     "SBOM 品質: %s（%s %s、コンポーネント %zu 件）\n\n"),
                   file, tsn_sbom_format_name(doc->format),
                   doc->spec_version ? doc->spec_version : "", n);
    tsn_buf_printf(b, "  %-30s %9s  %s\n", L(cli, "element", "項目"),
                   L(cli, "coverage", "充足率"), "");
    for (int e = 0; e < TSN_QE_COUNT; e++) {
        const char *label = elem_label(cli, e);
        /* pad by display columns: CJK characters are two columns wide */
        size_t cols = 0;
        for (const unsigned char *p = (const unsigned char *)label; *p; p++) {
            if ((*p & 0xc0) == 0x80)
                continue;
            cols += *p >= 0xe0 ? 2 : 1;
        }
        tsn_buf_printf(
            b, "  %s%*s %8.1f%%  %s%s\n", label,
            (int)(cols < 30 ? 30 - cols : 0), "", 100.0 * q->coverage[e],
            q->coverage[e] >= 1.0 ? "ok" : "--", q->ntia[e] ? "  (NTIA)" : "");
    }
    tsn_buf_printf(
        b, L(cli, "\nOverall score: %.1f / 100", "\n総合スコア: %.1f / 100"),
        q->score);
    if (min_score > 0)
        tsn_buf_printf(b, L(cli, " (minimum %.1f: %s)", "（最低 %.1f: %s）"),
                       min_score,
                       q->score + 1e-9 >= min_score ? L(cli, "pass", "合格")
                                                    : L(cli, "FAIL", "不合格"));
    tsn_buf_printf(
        b, L(cli, "\nNTIA minimum elements: %s\n", "\nNTIA 最小要素: %s\n"),
        q->ntia_met ? L(cli, "met", "充足") : L(cli, "not met", "未充足"));
    if (tsn_sbom_error_count(s))
        tsn_buf_printf(
            b,
            L(cli, "Schema errors: %zu (see tsunagi sbom validate)\n",
              "スキーマエラー: %zu 件（tsunagi sbom validate で確認）\n"),
            tsn_sbom_error_count(s));
    for (size_t i = 0; i < n; i++)
        if (q->findings[i])
            with++;
    if (!with)
        return;
    tsn_buf_printf(b,
                   L(cli, "\nComponents with findings: %zu\n",
                     "\n指摘のあるコンポーネント: %zu 件\n"),
                   with);
    for (size_t i = 0; i < n && (all || shown < limit); i++) {
        unsigned f = q->findings[i];
        if (!f)
            continue;
        shown++;
        tsn_buf_printf(b, "  %s:", comp_label(&c[i]));
        for (size_t j = 0, m = 0; j < N_FINDINGS; j++)
            if (f & finding_names[j].flag)
                tsn_buf_printf(b, "%s %s", m++ ? "," : "",
                               cli->lang == LANG_JA ? finding_names[j].ja
                                                    : finding_names[j].en);
        tsn_buf_putc(b, '\n');
    }
    if (shown < with)
        tsn_buf_printf(b,
                       L(cli, "  ... %zu more (--all lists every one)\n",
                         "  … ほか %zu 件（--all ですべて表示）\n"),
                       with - shown);
}

int cmd_sbom_check(struct cli *cli, int argc, char **argv)
{
    const char *min_str = NULL;
    bool all = false;
    const struct opt opts[] = {
        {"--min-score", "N", "exit 1 when the score is below N (0-100)",
         &min_str, NULL, NULL},
        {"--all", NULL, "list every component with findings", NULL, &all, NULL},
        {NULL, NULL, NULL, NULL, NULL, NULL}};
    const struct command *cmd = cli_command("sbom", "check");
    char **pos = NULL;
    int npos = 0, rc = EXIT_OK, prc;
    double min_score = 0;
    tsn_buf out = TSN_BUF_INIT((size_t)1 << 30);

    prc = cli_parse(cli, cmd, opts, argc, argv, &pos, &npos);
    if (prc != 0)
        return prc > 0 ? EXIT_OK : EXIT_BADINPUT;
    if (min_str) {
        char *end;
        min_score = strtod(min_str, &end);
        if (*end || end == min_str || min_score < 0 || min_score > 100) {
            cli_error("%s: --min-score needs a number from 0 to 100", cli->cmd);
            free(pos);
            return EXIT_BADINPUT;
        }
    }
    if (npos == 0) {
        cli_error("%s: expected at least one FILE", cli->cmd);
        free(pos);
        return EXIT_BADINPUT;
    }
    for (int i = 0; i < npos; i++) {
        tsn_sbom *s = NULL;
        tsn_sbom_quality q;
        if (tsn_sbom_read_file(&s, cli->ctx, pos[i], NULL) < 0) {
            int e = cli_fail();
            if (rc == EXIT_OK || rc == EXIT_FINDINGS)
                rc = e;
            continue;
        }
        if (tsn_sbom_quality_check(&q, s) < 0) {
            rc = cli_fail();
            tsn_sbom_free(s);
            break;
        }
        if (cli->format == FORMAT_JSON)
            render_json(&out, pos[i], s, &q, min_score);
        else
            render_table(cli, &out, pos[i], s, &q, min_score, all);
        if (q.score + 1e-9 < min_score && rc == EXIT_OK)
            rc = EXIT_FINDINGS;
        tsn_sbom_quality_dispose(&q);
        tsn_sbom_free(s);
    }
    prc = cli_emit(NULL, &out);
    tsn_buf_dispose(&out);
    free(pos);
    return prc != EXIT_OK ? prc : rc;
}
