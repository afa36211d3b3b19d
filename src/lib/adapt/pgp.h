/* SPDX-License-Identifier: Apache-2.0 */
/*
 * OpenPGP adapter: the only code that includes rnp/ (librnp, in process:
 * no keyring on disk, no agent, no gpg process per signature). A set of
 * public keys is kept in memory; a detached signature over a document is
 * good when it verifies, its key is one of the keys added, and neither
 * key nor signature is revoked or expired. librnp's own rules refuse weak
 * hashes (MD5; SHA-1 in signatures made since 2019).
 */
#ifndef TSN_ADAPT_PGP_H
#define TSN_ADAPT_PGP_H

#include "../lib.h"

typedef struct tsna_pgp tsna_pgp;

#define TSNA_PGP_KEYS_MAX 64 /* keys one set holds */
#define TSNA_PGP_FPR_MAX 65  /* a fingerprint in hex (v4: 40, v5: 64) */

int tsna_pgp_new(tsna_pgp **out);
void tsna_pgp_free(tsna_pgp *k);

/*
 * Add the public keys of @p data (ASCII armored or binary) to those
 * signatures are checked against: with @p want (a fingerprint in hex, any
 * case, spaces ignored) only the primary key of that fingerprint, else
 * every primary key in @p data, each with its subkeys. The fingerprint of
 * the first key added goes in @p fpr (upper case). TSN_EINVALID with the
 * reason when @p data holds no OpenPGP public key, none of @p want, or
 * the key is revoked; TSN_ETOOBIG past TSNA_PGP_KEYS_MAX.
 */
int tsna_pgp_add_keys(tsna_pgp *k,
                      const void *data,
                      size_t len,
                      const char *want,
                      char fpr[TSNA_PGP_FPR_MAX]);

/* How many keys were added. */
size_t tsna_pgp_count(const tsna_pgp *k);

/*
 * Check the detached signature @p sig (armored or binary, @p siglen
 * bytes) over the @p len bytes at @p off of the file @p path: 0 when one
 * of its signatures is good and made by a key added (its primary
 * fingerprint in @p signer); else TSN_EINVALID with the reason (no key
 * of the set made it, the document was changed, expired, not a
 * signature); TSN_EIO when the file cannot be read.
 */
int tsna_pgp_verify(tsna_pgp *k,
                    const char *path,
                    uint64_t off,
                    uint64_t len,
                    const void *sig,
                    size_t siglen,
                    char signer[TSNA_PGP_FPR_MAX]);

#endif
