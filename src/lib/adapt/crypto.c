/* SPDX-License-Identifier: Apache-2.0 */
#include "lib/adapt/crypto.h"
#include "util/dl.h"

#include <openssl/evp.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* libcrypto's functions, loaded by the first hash (dl.h) */
#define CRYPTO_SYMS(X)                                                         \
    X(EVP_DigestFinal_ex)                                                      \
    X(EVP_DigestInit_ex)                                                       \
    X(EVP_DigestUpdate)                                                        \
    X(EVP_MD_CTX_free)                                                         \
    X(EVP_MD_CTX_new)                                                          \
    X(EVP_sha256)                                                              \
    X(EVP_sha512)
CRYPTO_SYMS(TSNU_DL_DECLARE)
static const tsnu_dl_sym crypto_syms[] = {CRYPTO_SYMS(TSNU_DL_ENTRY)};
static tsnu_dl_lib libcrypto = TSNU_DL_LIB("libcrypto.so.3", crypto_syms);

int tsna_hash_file(const char *path,
                   uint64_t off,
                   uint64_t len,
                   tsna_hash_alg alg,
                   char hex[TSNA_HASH_HEX_MAX])
{
    *hex = '\0';
    if (tsnu_dl_load(&libcrypto, "checking hashes") < 0)
        return TSN_ERROR;
    FILE *f = fopen(path, "rb");
    if (!f)
        return tsn_error_set(TSN_EIO, "%s: %s", path, strerror(errno));
    if (fseeko(f, (off_t)off, SEEK_SET) != 0) {
        fclose(f);
        return tsn_error_set(TSN_EIO, "%s: %s", path, strerror(errno));
    }
    EVP_MD_CTX *ctx = sym_EVP_MD_CTX_new();
    const EVP_MD *md = alg == TSNA_SHA512 ? sym_EVP_sha512() : sym_EVP_sha256();
    int rc =
        ctx && sym_EVP_DigestInit_ex(ctx, md, NULL) == 1 ? 0 : tsn_error_oom();
    unsigned char block[65536];
    size_t n;
    uint64_t left = len;
    while (rc == 0 && left &&
           (n = fread(block, 1, left < sizeof block ? left : sizeof block, f)) >
               0) {
        left -= n;
        if (sym_EVP_DigestUpdate(ctx, block, n) != 1)
            rc = tsn_error_set(TSN_ERROR, "%s: hashing failed", path);
    }
    if (rc == 0 && ferror(f))
        rc = tsn_error_set(TSN_EIO, "%s: read error", path);
    else if (rc == 0 && left)
        rc = tsn_error_set(TSN_EIO, "%s: ends before byte %llu", path,
                           (unsigned long long)(off + len));
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned dl = 0;
    if (rc == 0 && sym_EVP_DigestFinal_ex(ctx, d, &dl) != 1)
        rc = tsn_error_set(TSN_ERROR, "%s: hashing failed", path);
    if (rc == 0)
        for (unsigned i = 0; i < dl && 2 * i + 2 < TSNA_HASH_HEX_MAX; i++)
            snprintf(hex + 2 * i, 3, "%02x", d[i]);
    sym_EVP_MD_CTX_free(ctx);
    fclose(f);
    return rc;
}
