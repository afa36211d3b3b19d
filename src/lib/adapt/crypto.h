/* SPDX-License-Identifier: Apache-2.0 */
/* OpenSSL libcrypto adapter: the only code that includes openssl/. */
#ifndef TSN_ADAPT_CRYPTO_H
#define TSN_ADAPT_CRYPTO_H

#include "../lib.h"

/* The hash algorithms a download is checked with. */
typedef enum { TSNA_SHA256, TSNA_SHA512 } tsna_hash_alg;

/* Longest digest, in lower-case hex with its NUL. */
#define TSNA_HASH_HEX_MAX 129

/* The digest of the @p len bytes at @p off of the file at @p path in
 * lower-case hex into @p hex; TSN_EIO when they cannot be read. */
int tsna_hash_file(const char *path,
                   uint64_t off,
                   uint64_t len,
                   tsna_hash_alg alg,
                   char hex[TSNA_HASH_HEX_MAX]);

#endif
