/* SPDX-License-Identifier: Apache-2.0 */
#include "lib/adapt/pgp.h"

#include "util/dl.h"
#include "util/json.h"

#include <rnp/rnp.h>
#include <rnp/rnp_err.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* librnp's functions, loaded by tsna_pgp_new() (dl.h) */
#define RNP_SYMS(X)                                                            \
    X(rnp_buffer_destroy)                                                      \
    X(rnp_ffi_create)                                                          \
    X(rnp_ffi_destroy)                                                         \
    X(rnp_ffi_set_log_fd)                                                      \
    X(rnp_import_keys)                                                         \
    X(rnp_input_destroy)                                                       \
    X(rnp_input_from_callback)                                                 \
    X(rnp_input_from_memory)                                                   \
    X(rnp_key_get_fprint)                                                      \
    X(rnp_key_get_primary_fprint)                                              \
    X(rnp_key_handle_destroy)                                                  \
    X(rnp_key_is_primary)                                                      \
    X(rnp_key_is_revoked)                                                      \
    X(rnp_locate_key)                                                          \
    X(rnp_op_verify_destroy)                                                   \
    X(rnp_op_verify_detached_create)                                           \
    X(rnp_op_verify_execute)                                                   \
    X(rnp_op_verify_get_signature_at)                                          \
    X(rnp_op_verify_get_signature_count)                                       \
    X(rnp_op_verify_signature_get_handle)                                      \
    X(rnp_op_verify_signature_get_key)                                         \
    X(rnp_op_verify_signature_get_status)                                      \
    X(rnp_result_to_string)                                                    \
    X(rnp_signature_get_keyid)                                                 \
    X(rnp_signature_handle_destroy)
RNP_SYMS(TSNU_DL_DECLARE)
static const tsnu_dl_sym librnp_syms[] = {RNP_SYMS(TSNU_DL_ENTRY)};
static tsnu_dl_lib librnp = TSNU_DL_LIB("librnp.so.0", librnp_syms);

struct tsna_pgp {
    rnp_ffi_t ffi;
    size_t n;
    char fprs[TSNA_PGP_KEYS_MAX][TSNA_PGP_FPR_MAX]; /* the keys added */
};

int tsna_pgp_new(tsna_pgp **out)
{
    *out = NULL;
    if (tsnu_dl_load(&librnp, "checking OpenPGP signatures") < 0)
        return TSN_ERROR;
    tsna_pgp *k = calloc(1, sizeof *k);
    if (!k)
        return tsn_error_oom();
    if (sym_rnp_ffi_create(&k->ffi, RNP_KEYSTORE_GPG, RNP_KEYSTORE_GPG) !=
        RNP_SUCCESS) {
        free(k);
        return tsn_error_set(TSN_ERROR, "OpenPGP: cannot start librnp");
    }
    /* librnp's own messages go nowhere: the reasons are ours to give */
    int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null >= 0 && sym_rnp_ffi_set_log_fd(k->ffi, null) != RNP_SUCCESS)
        close(null);
    *out = k;
    return 0;
}

void tsna_pgp_free(tsna_pgp *k)
{
    if (!k)
        return;
    sym_rnp_ffi_destroy(k->ffi);
    free(k);
}

/*
 * Debian's librnp is built with its log always on: lines such as
 * "[signature_validate() ...] wrong lbits" go to stderr whatever
 * sym_rnp_ffi_set_log_fd() says, between the CLI's own messages, which
 * already give the reason. While tsna_pgp_add_keys() or
 * tsna_pgp_verify() runs, fd 2 goes to /dev/null (process-wide: no other
 * thread may write to stderr meanwhile).
 */
static int hush(void)
{
    fflush(stderr);
    int saved = fcntl(2, F_DUPFD_CLOEXEC, 3);
    int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (saved >= 0 && null >= 0 && dup2(null, 2) < 0) {
        close(saved);
        saved = -1;
    }
    if (null >= 0)
        close(null);
    return saved;
}

static void unhush(int saved)
{
    if (saved < 0)
        return;
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
}

size_t tsna_pgp_count(const tsna_pgp *k)
{
    return k->n;
}

/* @p s as a fingerprint into @p out: hex digits (spaces dropped) in upper
 * case, 40 to 64 of them. */
static bool fingerprint(const char *s, char out[TSNA_PGP_FPR_MAX])
{
    size_t n = 0;
    for (; *s; s++) {
        if (*s == ' ')
            continue;
        if (!isxdigit((unsigned char)*s) || n + 1 >= TSNA_PGP_FPR_MAX)
            return false;
        out[n++] = (char)toupper((unsigned char)*s);
    }
    out[n] = '\0';
    return n >= 40;
}

/* The fingerprint of the primary key of @p key (a primary key or a
 * subkey) into @p out; false when librnp cannot tell. */
static bool primary_of(rnp_key_handle_t key, char out[TSNA_PGP_FPR_MAX])
{
    bool primary = false;
    char *f = NULL;
    if (sym_rnp_key_is_primary(key, &primary) != RNP_SUCCESS)
        return false;
    rnp_result_t r = primary ? sym_rnp_key_get_fprint(key, &f)
                             : sym_rnp_key_get_primary_fprint(key, &f);
    bool ok = r == RNP_SUCCESS && f && strlen(f) < TSNA_PGP_FPR_MAX;
    if (ok)
        strcpy(out, f);
    sym_rnp_buffer_destroy(f);
    return ok;
}

static bool added(const tsna_pgp *k, const char *fpr)
{
    for (size_t i = 0; i < k->n; i++)
        if (strcmp(k->fprs[i], fpr) == 0)
            return true;
    return false;
}

/* Add the primary key @p fpr (in the ring) unless it is revoked. */
static int add_one(tsna_pgp *k, const char *fpr)
{
    rnp_key_handle_t key = NULL;
    bool revoked = false;
    if (sym_rnp_locate_key(k->ffi, "fingerprint", fpr, &key) != RNP_SUCCESS ||
        !key)
        return tsn_error_set(TSN_EINVALID, "key %s: not found", fpr);
    sym_rnp_key_is_revoked(key, &revoked);
    sym_rnp_key_handle_destroy(key);
    if (revoked)
        return tsn_error_set(TSN_EINVALID, "key %s is revoked", fpr);
    if (added(k, fpr))
        return 0;
    if (k->n == TSNA_PGP_KEYS_MAX)
        return tsn_error_set(TSN_ETOOBIG, "more than %d OpenPGP keys",
                             TSNA_PGP_KEYS_MAX);
    strcpy(k->fprs[k->n++], fpr);
    return 0;
}

static int add_keys(tsna_pgp *k,
                    const void *data,
                    size_t len,
                    const char *want,
                    char fpr[TSNA_PGP_FPR_MAX])
{
    char wanted[TSNA_PGP_FPR_MAX];
    *fpr = '\0';
    if (want && !fingerprint(want, wanted))
        return tsn_error_set(TSN_EINVALID,
                             "'%.80s' is not an OpenPGP fingerprint", want);
    rnp_input_t in = NULL;
    char *results = NULL;
    if (len == 0 ||
        sym_rnp_input_from_memory(&in, data, len, false) != RNP_SUCCESS)
        return tsn_error_set(TSN_EINVALID, "not an OpenPGP public key");
    rnp_result_t r =
        sym_rnp_import_keys(k->ffi, in, RNP_LOAD_SAVE_PUBLIC_KEYS, &results);
    sym_rnp_input_destroy(in);
    if (r != RNP_SUCCESS) {
        sym_rnp_buffer_destroy(results);
        return tsn_error_set(TSN_EINVALID, "not an OpenPGP public key (%s)",
                             sym_rnp_result_to_string(r));
    }
    /* {"keys": [{"fingerprint": ...}, ...]}: the keys read, subkeys too */
    tsnu_arena arena = TSNU_ARENA_INIT;
    tsnu_json *root = NULL;
    int rc = tsnu_json_parse(&root, &arena, results, strlen(results), NULL,
                             "librnp's import results");
    const tsnu_json *keys = rc == 0 ? tsnu_json_get(root, "keys") : NULL;
    size_t primaries = 0;
    char first[TSNA_PGP_FPR_MAX] = "";
    for (size_t i = 0;
         rc == 0 && keys && keys->type == TSNU_JSON_ARRAY && i < keys->len;
         i++) {
        const char *f = tsnu_json_get_str(&keys->u.items[i], "fingerprint");
        rnp_key_handle_t key = NULL;
        char p[TSNA_PGP_FPR_MAX];
        if (!f ||
            sym_rnp_locate_key(k->ffi, "fingerprint", f, &key) != RNP_SUCCESS ||
            !key)
            continue;
        bool ok = primary_of(key, p) && strcasecmp(p, f) == 0;
        sym_rnp_key_handle_destroy(key);
        if (!ok)
            continue; /* a subkey: it comes with its primary key */
        if (!*first)
            snprintf(first, sizeof first, "%s", p);
        primaries++;
        if (want && strcmp(p, wanted) != 0)
            continue;
        if ((rc = add_one(k, p)) == 0 && !*fpr)
            strcpy(fpr, p);
    }
    sym_rnp_buffer_destroy(results);
    tsnu_arena_dispose(&arena);
    if (rc < 0)
        return rc;
    if (!*fpr && want && primaries)
        return tsn_error_set(TSN_EINVALID, "holds key %s%s, not %s as listed",
                             first, primaries > 1 ? " and others" : "", wanted);
    if (!*fpr)
        return tsn_error_set(TSN_EINVALID, "not an OpenPGP public key");
    return 0;
}

/* The document: @p left bytes of @p f from where it stands. */
struct range {
    FILE *f;
    uint64_t left;
    bool failed;
};

static bool read_range(void *ctx, void *buf, size_t len, size_t *read)
{
    struct range *g = ctx;
    size_t want = g->left < len ? (size_t)g->left : len;
    size_t n = want ? fread(buf, 1, want, g->f) : 0;
    if (n < want)
        g->failed = true;
    g->left -= n;
    *read = n;
    return !g->failed;
}

/* The key id of signature @p s, for messages ("" when not known). */
static void key_id(rnp_op_verify_signature_t s, char out[TSNA_PGP_FPR_MAX])
{
    rnp_signature_handle_t h = NULL;
    char *id = NULL;
    *out = '\0';
    /* on failure librnp 0.16 frees the handle but leaves it set: it is
     * destroyed only after a success */
    if (sym_rnp_op_verify_signature_get_handle(s, &h) != RNP_SUCCESS)
        return;
    if (sym_rnp_signature_get_keyid(h, &id) == RNP_SUCCESS && id)
        snprintf(out, TSNA_PGP_FPR_MAX, "%s", id);
    sym_rnp_buffer_destroy(id);
    sym_rnp_signature_handle_destroy(h);
}

static int verify(tsna_pgp *k,
                  const char *path,
                  uint64_t off,
                  uint64_t len,
                  const void *sig,
                  size_t siglen,
                  char signer[TSNA_PGP_FPR_MAX])
{
    *signer = '\0';
    struct range g = {fopen(path, "rb"), len, false};
    if (!g.f)
        return tsn_error_set(TSN_EIO, "%s: %s", path, strerror(errno));
    if (fseeko(g.f, (off_t)off, SEEK_SET) != 0) {
        fclose(g.f);
        return tsn_error_set(TSN_EIO, "%s: %s", path, strerror(errno));
    }
    rnp_input_t doc = NULL, sin = NULL;
    rnp_op_verify_t op = NULL;
    int rc = 0;
    if (sym_rnp_input_from_callback(&doc, read_range, NULL, &g) !=
            RNP_SUCCESS ||
        siglen == 0 ||
        sym_rnp_input_from_memory(&sin, sig, siglen, false) != RNP_SUCCESS ||
        sym_rnp_op_verify_detached_create(&op, k->ffi, doc, sin) != RNP_SUCCESS)
        rc = tsn_error_set(TSN_EINVALID, "not an OpenPGP signature");
    size_t n = 0;
    rnp_result_t why = RNP_ERROR_NO_SIGNATURES_FOUND;
    char id[TSNA_PGP_FPR_MAX] = "", other[TSNA_PGP_FPR_MAX] = "";
    if (rc == 0) {
        rnp_result_t r = sym_rnp_op_verify_execute(op);
        if (g.failed)
            rc = tsn_error_set(TSN_EIO, "%s: cannot read the document", path);
        else if (sym_rnp_op_verify_get_signature_count(op, &n) != RNP_SUCCESS)
            n = 0;
        if (n == 0 && r != RNP_SUCCESS)
            why = r;
    }
    for (size_t i = 0; rc == 0 && !*signer && i < n; i++) {
        rnp_op_verify_signature_t s = NULL;
        if (sym_rnp_op_verify_get_signature_at(op, i, &s) != RNP_SUCCESS)
            continue;
        rnp_result_t st = sym_rnp_op_verify_signature_get_status(s);
        rnp_key_handle_t key = NULL;
        char p[TSNA_PGP_FPR_MAX];
        bool revoked = false;
        if (st != RNP_SUCCESS) {
            if (why == RNP_ERROR_NO_SIGNATURES_FOUND ||
                why == RNP_ERROR_KEY_NOT_FOUND) {
                why = st;
                key_id(s, id);
            }
            continue;
        }
        if (sym_rnp_op_verify_signature_get_key(s, &key) != RNP_SUCCESS ||
            !key || !primary_of(key, p)) {
            sym_rnp_key_handle_destroy(key);
            continue;
        }
        sym_rnp_key_is_revoked(key, &revoked);
        sym_rnp_key_handle_destroy(key);
        if (revoked) {
            why = RNP_ERROR_SIGNATURE_INVALID;
            snprintf(id, sizeof id, "%s", p);
        } else if (added(k, p)) {
            strcpy(signer, p);
        } else {
            snprintf(other, sizeof other, "%s", p);
        }
    }
    if (rc == 0 && !*signer) {
        if (*other)
            rc = tsn_error_set(TSN_EINVALID,
                               "signed by key %s, not one the provider lists",
                               other);
        else if (why == RNP_ERROR_KEY_NOT_FOUND)
            rc = tsn_error_set(TSN_EINVALID,
                               "signed by key id %s, not one the provider "
                               "lists",
                               *id ? id : "(unknown)");
        else if (why == RNP_ERROR_SIGNATURE_EXPIRED)
            rc = tsn_error_set(TSN_EINVALID, "the signature has expired");
        else if (why == RNP_ERROR_SIGNATURE_INVALID)
            rc = tsn_error_set(TSN_EINVALID,
                               "the signature does not match the document, "
                               "or its key is not valid");
        else
            rc = tsn_error_set(TSN_EINVALID,
                               "not an OpenPGP signature of the document (%s)",
                               sym_rnp_result_to_string(why));
    }
    sym_rnp_op_verify_destroy(op);
    sym_rnp_input_destroy(sin);
    sym_rnp_input_destroy(doc);
    fclose(g.f);
    return rc;
}

int tsna_pgp_add_keys(tsna_pgp *k,
                      const void *data,
                      size_t len,
                      const char *want,
                      char fpr[TSNA_PGP_FPR_MAX])
{
    int saved = hush();
    int rc = add_keys(k, data, len, want, fpr);
    unhush(saved);
    return rc;
}

int tsna_pgp_verify(tsna_pgp *k,
                    const char *path,
                    uint64_t off,
                    uint64_t len,
                    const void *sig,
                    size_t siglen,
                    char signer[TSNA_PGP_FPR_MAX])
{
    int saved = hush();
    int rc = verify(k, path, off, len, sig, siglen, signer);
    unhush(saved);
    return rc;
}
