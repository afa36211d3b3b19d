/* SPDX-License-Identifier: Apache-2.0 */
/*
 * How a CSAF provider distributes its documents (CSAF 2.0 section 7), as
 * `db update --source csaf:...` follows it: the provider's metadata
 * (provider-metadata.json), the security.txt that points at it, and the
 * two distributions: ROLIE feeds, and directories with their changes.csv.
 * Each is untrusted input: URLs must be http(s) without spaces or control
 * characters, and a path of changes.csv must stay below its directory. A
 * faulty entry is left out with a warning; a faulty document is refused.
 */
#ifndef TSN_ADVISORY_CSAF_DIST_H
#define TSN_ADVISORY_CSAF_DIST_H

#include "lib/advisory/rd.h"

/* A ROLIE feed the metadata lists. */
typedef struct csaf_feed_ref {
    const char *url;
    const char *tlp; /* UNLABELED, WHITE, GREEN, AMBER or RED */
} csaf_feed_ref;

/* A public OpenPGP key the metadata lists (requirement 20). */
typedef struct csaf_key_ref {
    const char *url;
    const char *fingerprint; /* 40 or more hex digits, or NULL */
} csaf_key_ref;

typedef struct csaf_provider {
    const char *publisher;          /* publisher/namespace */
    const char *role;               /* csaf_publisher, csaf_provider, ... */
    bool trusted;                   /* role csaf_trusted_provider: hashes and
                                       signatures are there for every document */
    const char *const *directories; /* directory_url of each distribution */
    size_t ndirectories;
    const csaf_feed_ref *feeds; /* the ROLIE feeds of every distribution */
    size_t nfeeds;
    const csaf_key_ref *keys; /* public_openpgp_keys */
    size_t nkeys;
} csaf_provider;

/* A document a feed or changes.csv lists. */
typedef struct csaf_entry {
    const char *url;  /* the document */
    int64_t updated;  /* microseconds since the epoch (UTC) */
    const char *hash; /* its SHA-512 or SHA-256 file, or NULL */
    bool sha512;      /* which of the two @p hash is */
    const char *sig;  /* its OpenPGP signature (.asc), or NULL */
} csaf_entry;

/* Read provider-metadata.json; its strings live in r->arena. */
int csaf_provider_read(tsnr *r,
                       const char *text,
                       size_t len,
                       csaf_provider *out);

/* The entries of a ROLIE feed document, into the arena; *@p left: the
 * faulty ones left out (the first are warnings). */
int csaf_rolie_read(tsnr *r,
                    const char *text,
                    size_t len,
                    const csaf_entry **out,
                    size_t *n,
                    size_t *left);

/* The lines of a changes.csv ("PATH","TIME") below directory @p base, as
 * csaf_rolie_read(). */
int csaf_changes_read(tsnr *r,
                      const char *text,
                      size_t len,
                      const char *base,
                      const csaf_entry **out,
                      size_t *n,
                      size_t *left);

/* What an aggregator.json (requirement 21) lists: the metadata URL of
 * each provider, then of each publisher. */
typedef struct csaf_aggregator {
    const char *name;     /* aggregator/name */
    const char *category; /* aggregator or lister */
    const char *const *urls;
    size_t nproviders, npublishers; /* urls[0..nproviders) are providers' */
} csaf_aggregator;

/* Read aggregator.json; its strings live in r->arena. */
int csaf_aggregator_read(tsnr *r,
                         const char *text,
                         size_t len,
                         csaf_aggregator *out);

/* The URLs of the CSAF fields of a security.txt (RFC 9116). */
int csaf_security_txt(
    tsnr *r, const char *text, size_t len, const char *const **out, size_t *n);

/* An absolute http(s) URL without spaces, quotes or control characters,
 * at most 2,048 bytes, with a host. */
bool csaf_url_ok(const char *s);

#endif
