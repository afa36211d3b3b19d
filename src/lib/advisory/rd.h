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
#include "tsunagi/advisory.h"
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
/* The items of @p v as an array in the arena, into the pointer at
 * @p out (NULL when none) and *@p n. */
int tsnr_list(tsnr *r, const tsnu_vec *v, void *out, size_t *n);

/* Member @p key: absent or null gives NULL; another type than @p type is
 * a violation. */
int tsnr_member(tsnr *r,
                const tsnu_json *obj,
                const tsnu_jpath *p,
                const char *key,
                int type,
                const tsnu_json **out);
/* @p v is an object, or a violation ("expected object, got ..."). */
int tsnr_object(tsnr *r, const tsnu_json *v, const tsnu_jpath *p);
/* An array member as its items (absent or null: none, a violation when
 * @p required). */
int tsnr_items(tsnr *r,
               const tsnu_json *obj,
               const tsnu_jpath *p,
               const char *key,
               bool required,
               const tsnu_json **out,
               size_t *n);
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

/* A string member holding a UTC time as NVD and CVE 5 write it: RFC 3339,
 * or the same without a zone (UTC), given back with "Z" added. */
int tsnr_utc(tsnr *r,
             const tsnu_json *obj,
             const tsnu_jpath *p,
             const char *key,
             bool required,
             const char **out);

bool tsnr_rfc3339(const char *s);
/* PREFIX-REST of [A-Za-z0-9._:-], as every home database writes ids. */
bool tsnr_id_ok(const char *s);
/* The database an id's form says it is from ("NVD" for CVE-..., "GitHub",
 * "OSV", "JVN iPedia"), its page appended to @p url; NULL when the form
 * says none. */
const char *tsnr_id_home(const char *id, tsn_buf *url);

/* ---- advisories ------------------------------------------------------ */

/* A parsed document that several advisories point into, freed with the
 * last of them. */
typedef struct tsnr_doc {
    tsnu_arena arena;
    size_t refs;
} tsnr_doc;

/* The allocation behind a tsn_advisory handle. */
typedef struct tsnr_adv {
    tsn_advisory pub; /* first: the handle is the public struct */
    tsnu_arena arena;
    tsnr_doc *doc; /* shared text, or NULL when the arena holds it */
} tsnr_adv;

/* A new, empty advisory of @p source; with @p doc, it holds a reference
 * to it. NULL when out of memory. */
tsnr_adv *tsnr_adv_new(const char *source, tsnr_doc *doc);

/* The records of a document that holds many (an NVD page, a JVN feed),
 * gathered one by one: each kept with its own text, or refused. */
typedef struct tsnr_many {
    tsn_adv_list pub; /* first: the handle is the public struct */
    tsnu_arena arena; /* the arrays of pub, the texts and refusals */
    tsnu_vec advs, texts, lens, refused;
} tsnr_many;

/* A new, empty list; NULL when out of memory. */
tsnr_many *tsnr_many_new(void);
/* Keep the refusal just made (tsn_error_last()). */
int tsnr_many_refuse(tsnr_many *m);
/* Keep @p a with a copy of its text; @p a is the list's even on failure. */
int tsnr_many_keep(tsnr_many *m, tsn_advisory *a, const char *text, size_t len);
/* Hand the list over as *@p out when @p rc is 0; otherwise free it and
 * give back @p rc. */
int tsnr_many_finish(tsnr_many *m, int rc, tsn_adv_list **out);

/* Parse @p text as JSON into @p arena with the readers' limits. */
int tsnr_parse(tsnu_json **out,
               tsnu_arena *arena,
               const char *text,
               size_t len,
               const char *name);
/* As tsnr_parse(), the members named in @p skip left out wherever they
 * are (tsnu_json_opts.skip). */
int tsnr_parse_skipping(tsnu_json **out,
                        tsnu_arena *arena,
                        const char *text,
                        size_t len,
                        const char *name,
                        const char *const *skip);

/* An OSV record read as tsn_osv_read() does, but only what matching
 * reads: its details, references, credits and every database_specific
 * and ecosystem_specific member are left unparsed (details, refs and
 * cwes NULL). For a record read back from the knowledge base, which was
 * read whole when it was imported. */
int tsnr_osv_read_matching(tsn_advisory **out,
                           const char *text,
                           size_t len,
                           const char *name);

/* The language's description among [{"lang":..., "value":...}] items of
 * @p arr at @p p: the English one (lang "en" or "en-*") into *@p main,
 * the others into *@p texts. */
int tsnr_langs(tsnr *r,
               const tsnu_json *arr,
               const tsnu_jpath *p,
               const char *vkey,
               const char **main,
               const tsn_adv_text **texts,
               size_t *ntexts);

/* The references of NVD and CVE 5: [{"url": ..., "tags": [...]}] under
 * @p key, each typed from its first telling tag (tsnr_ref_type). */
int tsnr_refs(tsnr *r,
              const tsnu_json *obj,
              const tsnu_jpath *p,
              const char *key,
              const tsn_adv_ref **out,
              size_t *n);

/* An OSV reference type for a source's tag ("Patch", "vendor-advisory"):
 * FIX, ADVISORY, EVIDENCE, REPORT, or WEB. */
const char *tsnr_ref_type(const char *tag);

/* The vendor and product of a CPE 2.3 formatted string, as written there
 * (quoting kept), in @p arena; "*" for ANY. TSN_EINVALID when @p fs has
 * fewer than five fields. */
int tsnr_cpe_vp(tsnu_arena *arena,
                const char *fs,
                const char **vendor,
                const char **product);

/* RFC 3339 to microseconds since the epoch (UTC); 0 when unreadable
 * (check the form with tsnr_rfc3339 first). */
int64_t tsnr_epoch(const char *s);

/* The CPE 2.2 name @p uri as CPE 2.3, in @p arena; NULL when malformed
 * (*@p oom set when out of memory). */
const char *tsnr_cpe23(tsnu_arena *arena, const char *uri, bool *oom);

/* The version of a CPE 2.3 formatted string, unquoted, in @p arena;
 * NULL when it is ANY ("*"), NA ("-") or missing. */
int tsnr_cpe_version(tsnu_arena *arena, const char *fs, const char **version);

/* A CWE id, "CWE-" and digits. */
bool tsnr_cwe_ok(const char *s);

/* A CVE id of @p n bytes: ^CVE-[0-9]{4}-[0-9]{4,19}$ (KEV's pattern). */
bool tsnr_cve_ok(const char *s, size_t n);

#endif
