/* SPDX-License-Identifier: Apache-2.0 */
/*
 * NVD applicability statements (configurations) evaluated for products
 * named by CPE: which of a system's products make a configuration hold,
 * and whether a given component is the vulnerable one.
 */
#ifndef TSUNAGI_MATCH_CPE_CONFIG_H
#define TSUNAGI_MATCH_CPE_CONFIG_H

#include "tsunagi/advisory.h"
#include "tsunagi/cpe.h"
#include "util/util.h"

/* The CPE names of a system (an SBOM's), found by vendor and product:
 * NVD's criteria name both, so a match looks only at the names of its
 * product, not at every name of the system. */
typedef struct tsnm_system {
    const tsn_cpe *const *cpes;
    size_t n;
    tsnu_map first; /* "vendor:product" → the first index */
    size_t *next;   /* the next index of the same product, or SIZE_MAX */
    tsnu_arena arena;
} tsnm_system;

/* Index @p cpes[0..n) (borrowed; they must outlive @p s). 0 or
 * TSN_ENOMEM. */
int tsnm_system_init(tsnm_system *s, const tsn_cpe *const *cpes, size_t n);
void tsnm_system_dispose(tsnm_system *s);

/* WFN value @p s without its quoting backslashes, in place: "1\.2" is
 * 1.2. Returns @p s. */
char *tsnm_wfn_unquote(char *s);

/*
 * Whether cpeMatch @p m (its criteria parsed as @p crit) names product
 * @p have. Every attribute but the version: the criteria's ANY names
 * anything, its NA only NA, its value the same value (case-insensitive,
 * with its * and ? wildcards); where @p have says ANY (its name does not
 * say, as SBOMs' CPEs often do for target_sw), a criteria value does not
 * exclude it, except for part, vendor and product. The version: a
 * criteria NA ("-", hardware) names only NA; a criteria ANY without
 * bounds names every version, or none said; otherwise @p have must give
 * one, which a criteria value must be (the same text, its wildcards, or
 * equal in the generic version scheme: 1.0 and 1.0.0), and a criteria
 * ANY must hold within its bounds (start and end, including or
 * excluding), compared with the generic version scheme (NVD names no
 * scheme). Sets *@p out; returns 0 or TSN_ENOMEM.
 */
int tsnm_cpe_match(const tsn_adv_cpe_match *m,
                   const tsn_cpe *crit,
                   const tsn_cpe *have,
                   bool *out);

/* Whether @p crit names the product @p have is a version of: every
 * attribute but the version and the update, as tsnm_cpe_match() says. */
bool tsnm_cpe_names_product(const tsn_cpe *crit, const tsn_cpe *have);

/*
 * Configuration @p c for a system whose products are @p sys:
 * a cpeMatch holds when one of them is named by it; a node combines its
 * matches with OR or AND, a configuration its nodes likewise, each maybe
 * negated. *@p vulnerable is set when the configuration holds and product
 * @p comp (one of @p sys) is named by one of its matches marked
 * vulnerable, in a node that is not negated: then @p comp is vulnerable.
 * A match marked not vulnerable (the platform a product runs on) never
 * makes its product vulnerable, however it matches: "X running on Y"
 * concerns X, and only where Y is there too. *@p why is the vulnerable
 * match that named @p comp, *@p on the first platform match that held (or
 * NULL). Returns 0, TSN_EINVALID (a criteria that is not a CPE name) or
 * TSN_ENOMEM.
 */
int tsnm_config_eval(const tsn_adv_config *c,
                     const tsnm_system *sys,
                     const tsn_cpe *comp,
                     bool *vulnerable,
                     const tsn_adv_cpe_match **why,
                     const tsn_adv_cpe_match **on);

#endif
