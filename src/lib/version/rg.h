/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Internal form of a range: an OR of sets. A set is one of
 *  - SET_AND: constraints that must all hold (native syntaxes, NVD);
 *  - SET_EVENTS: OSV events, sorted by version at compile time;
 *  - SET_VERS: vers constraints, sorted, evaluated with the vers
 *    containment algorithm.
 * Versions live in the range's arena.
 */
#ifndef TSN_VERSION_RG_H
#define TSN_VERSION_RG_H

#include "lib/version/vs.h"

#include "tsunagi/range.h"

enum rop {
    R_ANY,
    R_EQ,
    R_NE,
    R_LT,
    R_LE,
    R_GT,
    R_GE,
    R_OUT, /* below v or at/above v2 (PEP 440 "!=1.0.*") */
    /* PEP 440 comparisons with their exclusions */
    R_PY_EQ,  /* public version equal (or exact when v has a local) */
    R_PY_NE,  /* not R_PY_EQ */
    R_PY_LT,  /* < and not a pre-release of v's release */
    R_PY_LE,  /* public <= */
    R_PY_GT,  /* > and not a post or local release of v's release */
    R_PY_GE,  /* public >= */
    R_PY_ARB, /* === : the same text, ignoring case */
    /* RubyGems ~>: the candidate's release below v */
    R_GEM_RLT,
    /* OSV events */
    R_INTRO,
    R_FIXED,
    R_LAST,
    R_LIMIT,
};

enum {
    C_TRIM0 = 1, /* vers output drops a trailing "-0" (npm "<2.0.0-0") */
};

struct rcons {
    uint8_t op;
    uint8_t flags;
    const struct tsn_ver *v;  /* NULL: R_ANY, introduced "0", limit "*" */
    const struct tsn_ver *v2; /* R_OUT upper bound */
};

enum { SET_AND, SET_EVENTS, SET_VERS };

/* Pre-release rule of a set (off with TSN_RANGE_INCLUDE_PRERELEASE). */
enum {
    PRE_ANY,   /* no rule */
    PRE_TUPLE, /* node-semver, Cargo: only when a constraint of the set has
                  a pre-release on the same MAJOR.MINOR.PATCH */
    PRE_NEVER, /* Conan, PEP 440 without a pre-release specifier */
};

struct rset {
    uint8_t type;
    uint8_t pre;
    uint32_t first, n;
};

struct tsn_range {
    tsn_vscheme scheme;
    unsigned flags;
    tsnu_arena arena;
    tsnu_vec cons; /* struct rcons */
    tsnu_vec sets; /* struct rset */
};

/* Start a new set; constraints added next belong to it. */
int tsn_rg_set(struct tsn_range *r, int type, int pre);
/* Parse s[0..n) as a version of the range's scheme and add it. */
int tsn_rg_add(
    struct tsn_range *r, int op, const char *s, size_t n, unsigned flags);
/* Add a constraint with an already parsed version (or NULL). */
int tsn_rg_addv(struct tsn_range *r,
                int op,
                const struct tsn_ver *v,
                const struct tsn_ver *v2,
                unsigned flags);
/* The current set. */
struct rset *tsn_rg_cur(struct tsn_range *r);
/* Parse a version into the arena. */
int tsn_rg_ver(struct tsn_range *r,
               const char *s,
               size_t n,
               const struct tsn_ver **out);
/* An error about the range text. */
int tsn_rg_bad(const char *s, size_t n, const char *fmt, ...) TSN_PRINTF(3, 4);

/* Operator tables: the first entry whose text starts s[0..n) wins, so
 * longer operators come first. */
struct rg_op {
    const char *t;
    int op;
};
#define RG_OPS(tab) (tab), sizeof(tab) / sizeof((tab)[0])
/* The operator at @p s and its length in *len; @p none and 0 if none. */
int tsn_rg_op(const struct rg_op *tab,
              size_t count,
              const char *s,
              size_t n,
              int none,
              size_t *len);

/* Native syntaxes (native.c). */
int tsn_rg_native(struct tsn_range *r, const char *s, size_t n);

#endif
