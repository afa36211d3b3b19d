/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What every advisory reader shares: the place of a fault as
 * "NAME:LINE: /pointer: what", refusals (the first one is the error) and
 * warnings (kept, at most TSNR_WARNINGS_MAX), and typed access to the
 * members of a parsed JSON document.
 */
#ifndef TSN_ADVISORY_RD_H
#define TSN_ADVISORY_RD_H

#include "lib/lib.h"
#include "util/json.h"

#define TSNR_WARNINGS_MAX 64 /* kept per record; later ones are dropped */

typedef struct tsnr {
    tsnu_arena *arena; /* warnings and lists are allocated here */
    const char *name;  /* the input, in messages */
    tsnu_vec warnings; /* const char *: "LINE: /pointer: what" */
} tsnr;

#define TSNR_INIT(arena, name)                                                 \
    {                                                                          \
        (arena), (name), TSNU_VEC_INIT(const char *, TSNR_WARNINGS_MAX)        \
    }

#define TSNR_AT(parent, k)                                                     \
    {                                                                          \
        (parent), (k), 0                                                       \
    }
#define TSNR_IDX(parent, i)                                                    \
    {                                                                          \
        (parent), NULL, (i)                                                    \
    }

/* A violation: TSN_EINVALID with "NAME:LINE: /pointer: what". */
TSN_PRINTF(4, 5)
int tsnr_bad(
    tsnr *r, const tsnu_jpath *p, const tsnu_json *v, const char *fmt, ...);
/* A fault that leaves the record usable: kept as a warning. */
TSN_PRINTF(4, 5)
int tsnr_warn(
    tsnr *r, const tsnu_jpath *p, const tsnu_json *v, const char *fmt, ...);
/* The warnings as an array in the arena (NULL when none). */
int tsnr_warnings(tsnr *r, const char *const **out, size_t *n);

/* Member @p key: absent or null gives NULL; another type than @p type is
 * a violation. */
int tsnr_member(tsnr *r,
                const tsnu_json *obj,
                const tsnu_jpath *p,
                const char *key,
                int type,
                const tsnu_json **out);
/* A string member; @p required: absent or empty is a violation. */
int tsnr_str(tsnr *r,
             const tsnu_json *obj,
             const tsnu_jpath *p,
             const char *key,
             bool required,
             const char **out);
/* A string member holding an RFC 3339 date-time. */
int tsnr_time(tsnr *r,
              const tsnu_json *obj,
              const tsnu_jpath *p,
              const char *key,
              bool required,
              const char **out);
/* A string member holding an RFC 3339 full-date (YYYY-MM-DD). */
int tsnr_date(tsnr *r,
              const tsnu_json *obj,
              const tsnu_jpath *p,
              const char *key,
              bool required,
              const char **out);
/* An array of strings (absent or null: none), NULL-terminated in the
 * arena. With @p ids, an entry that is not an advisory id is left out
 * with a warning. */
int tsnr_strings(tsnr *r,
                 const tsnu_json *obj,
                 const tsnu_jpath *p,
                 const char *key,
                 bool ids,
                 const char *const **out,
                 size_t *n);

bool tsnr_rfc3339(const char *s);
/* PREFIX-REST of [A-Za-z0-9._:-], as every home database writes ids. */
bool tsnr_id_ok(const char *s);

#endif
