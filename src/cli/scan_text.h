/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What a scan's people-facing forms (the table, Markdown, HTML) say of a
 * finding or component, in the command's language (cmd_scan.c), and the
 * HTML report (scan_html.c).
 */
#ifndef TSUNAGI_CLI_SCAN_TEXT_H
#define TSUNAGI_CLI_SCAN_TEXT_H

#include "cli.h"

/* "CRITICAL" ... "NONE"; 緊急 ... なし as JVN words them */
const char *scan_rating_text(const struct cli *cli, tsn_cvss_rating r);
/* The finding's rating, or "UNKNOWN" (不明) when no record rates it */
const char *scan_severity_text(const struct cli *cli, const tsn_finding *f);
const char *scan_vex_text(const struct cli *cli, tsn_vex_status s);
/* Why a component was not checked */
const char *scan_skip_text(const struct cli *cli, tsn_scan_skip s);

/* A component as a dependency path names it: its name, else its ref */
const char *scan_component_label(const tsn_sbom_component *c);

/* Which findings scan_in_priority() gives. */
enum scan_which { SCAN_REPORTED, SCAN_SUPPRESSED, SCAN_ALL };

/* The findings of @p sc that @p which says, in priority order: tier,
 * then most severe (the unrated after the rated), then the highest
 * score, then component and id. A malloc()ed array of *@p n (free it),
 * or NULL: none (*@p n 0) or out of memory (*@p n not 0). */
const tsn_finding **
scan_in_priority(const tsn_scan *sc, enum scan_which which, size_t *n);

/* The HTML report of the SBOMs @p t[0..n) (scan_html.c) into @p out:
 * the findings VEX left out too with @p show_suppressed; @p kb_updated
 * is when the knowledge base was last updated, or NULL.
 * Returns 0 or TSN_ENOMEM. */
int scan_html(const struct cli *cli,
              const tsn_scan_target *t,
              size_t n,
              bool show_suppressed,
              const char *kb_updated,
              tsn_buf *out);

#endif
