/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the CSAF 2.0 reader (csaf.c) and its mandatory tests (csaf_check.c)
 * share: the parsed document and the products its tree defines.
 */
#ifndef TSN_ADVISORY_CSAF_H
#define TSN_ADVISORY_CSAF_H

#include "lib/advisory/rd.h"

/* A product the tree defines: a branch's product, a full product name, or
 * a relationship's full product name. */
typedef struct csaf_prod {
    const char *id;   /* product_id */
    const char *name; /* its full name */
    /* from the branches above it (NULL when none) */
    const char *vendor, *product, *version, *range;
    const char *cpe, *purl; /* product_identification_helper */
    /* a relationship: the product it is (product_reference) and the one
     * it belongs to or runs on (relates_to_product_reference) */
    const char *ref, *on;
    const tsnu_json *at; /* the product object, for its line */
} csaf_prod;

typedef struct csaf {
    tsnr c;
    const tsnu_json *root, *doc, *tracking, *tree;
    const tsnu_json *vulns; /* the vulnerabilities' items */
    size_t nvulns;
    const char *category, *status, *version; /* document, tracking */
    tsnu_vec prods;                          /* csaf_prod */
    tsnu_map ids;    /* product_id to its index in prods */
    tsnu_map groups; /* group_id to the index of its product_groups item */
    const tsnu_json *group_items;
    size_t ngroups;
    /* mandatory tests failed: the first one's message, and the others'
     * numbers ("; also fails 6.1.27.4, 6.1.27.5") */
    char *first_failure;
    tsn_buf also;
} csaf;

/* The lists of a vulnerability's product_status, in this order. */
enum csaf_status {
    CSAF_FIRST_AFFECTED,
    CSAF_KNOWN_AFFECTED,
    CSAF_LAST_AFFECTED,
    CSAF_FIRST_FIXED,
    CSAF_FIXED,
    CSAF_RECOMMENDED,
    CSAF_NOT_AFFECTED,
    CSAF_UNDER_INVESTIGATION,
    CSAF_NSTATUS
};
extern const char *const csaf_status_names[CSAF_NSTATUS];

/* The product @p id defines, or NULL. */
const csaf_prod *csaf_product(const csaf *c, const char *id);

/* The product @p pr is, through its relationships' product_reference. */
const csaf_prod *csaf_resolve(const csaf *c, const csaf_prod *pr);

/* tsn_csaf_read(), handing the document read and checked to @p fn (with
 * @p ctx) before it is freed; @p fn's error is the result. */
int csaf_read_with(const char *text,
                   size_t len,
                   const char *name,
                   int (*fn)(void *ctx, const csaf *c),
                   void *ctx,
                   tsn_advisory **out);

/* Run the mandatory tests of CSAF 2.0 section 6.1 that reading the tree
 * did not: the first failure is the error, its message naming the test
 * ("CSAF 6.1.6: ..."). */
int csaf_mandatory(csaf *c);

#endif
