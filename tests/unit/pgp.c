/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The OpenPGP adapter against keys and signatures GnuPG made
 * (tests/resources/pgp/make.sh): keys picked by fingerprint, a signing
 * subkey traced to its primary key, signatures armored and binary, and
 * each way a signature is refused.
 */
#include "harness.h"
#include "lib/adapt/pgp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RES "tests/resources/pgp/"

static char *res(const char *name, size_t *len)
{
    char rel[256];
    snprintf(rel, sizeof rel, RES "%s", name);
    char *s = th_slurp(rel, len);
    CHECK(s != NULL, "read %s", rel);
    return s;
}

/* The fingerprint in @p name (a line). */
static void fpr_of(const char *name, char out[TSNA_PGP_FPR_MAX])
{
    size_t len = 0;
    char *s = res(name, &len);
    snprintf(out, TSNA_PGP_FPR_MAX, "%.*s", (int)strcspn(s ? s : "", "\n"),
             s ? s : "");
    free(s);
}

static int add(tsna_pgp *k, const char *name, const char *want, char *fpr)
{
    size_t len = 0;
    char *s = res(name, &len);
    int rc = tsna_pgp_add_keys(k, s ? s : "", len, want, fpr);
    free(s);
    return rc;
}

/* Verify @p sig over doc.json: the return code, the signer in @p who. */
static int verify(tsna_pgp *k, const char *sig, char *who)
{
    size_t len = 0;
    char *s = res(sig, &len);
    int rc = tsna_pgp_verify(k, th_source(RES "doc.json"), 0, 32, s ? s : "",
                             len, who);
    free(s);
    return rc;
}

static bool says(const char *what)
{
    return strstr(tsn_error_last()->message, what) != NULL;
}

static void keys(void)
{
    char a[TSNA_PGP_FPR_MAX], b[TSNA_PGP_FPR_MAX], c[TSNA_PGP_FPR_MAX];
    char got[TSNA_PGP_FPR_MAX], want[100];
    fpr_of("a.fpr", a);
    fpr_of("b.fpr", b);
    fpr_of("c.fpr", c);
    tsna_pgp *k = NULL;
    CHECK(tsna_pgp_new(&k) == 0, "new");

    CHECK(add(k, "a.pub", NULL, got) == 0, "a.pub: any key");
    CHECK(strcmp(got, a) == 0, "a.pub: its primary fingerprint: %s, not %s",
          got, a);
    CHECK(tsna_pgp_count(k) == 1, "one key");
    /* the way metadata may write it: lower case, in groups */
    snprintf(want, sizeof want, "%.4s %.4s %s", a, a + 4, a + 8);
    for (char *p = want; *p; p++)
        *p = (char)(*p >= 'A' && *p <= 'F' ? *p + 32 : *p);
    CHECK(add(k, "a.pub", want, got) == 0, "a.pub by its fingerprint: %s",
          tsn_error_last()->message);
    CHECK(tsna_pgp_count(k) == 1, "the same key once");

    CHECK(add(k, "b.pub", a, got) == TSN_EINVALID, "b.pub is not key a");
    CHECK(says("holds key ") && says(b) && says("not ") && says(a),
          "the two fingerprints named: %s", tsn_error_last()->message);
    CHECK(tsna_pgp_count(k) == 1, "b not added");
    CHECK(add(k, "a.pub", "0123", got) == TSN_EINVALID, "too short");
    CHECK(says("not an OpenPGP fingerprint"), "said: %s",
          tsn_error_last()->message);
    CHECK(tsna_pgp_add_keys(k, "hello", 5, NULL, got) == TSN_EINVALID,
          "not a key");
    CHECK(says("not an OpenPGP public key"), "said: %s",
          tsn_error_last()->message);
    CHECK(tsna_pgp_add_keys(k, "", 0, NULL, got) == TSN_EINVALID, "empty");
    CHECK(add(k, "c.pub", NULL, got) == TSN_EINVALID, "c is revoked");
    CHECK(says("revoked") && says(c), "said: %s", tsn_error_last()->message);

    /* a's signatures, made by its subkey */
    CHECK(verify(k, "a.asc", got) == 0, "a.asc: %s", tsn_error_last()->message);
    CHECK(strcmp(got, a) == 0, "a.asc: the signer's primary key: %s, not %s",
          got, a);
    CHECK(verify(k, "a.sig", got) == 0, "a.sig (binary): %s",
          tsn_error_last()->message);
    CHECK(verify(k, "other.asc", got) == TSN_EINVALID, "another document's");
    CHECK(says("does not match the document"), "said: %s",
          tsn_error_last()->message);
    CHECK(*got == '\0', "no signer");
    CHECK(verify(k, "expired.asc", got) == TSN_EINVALID, "expired");
    CHECK(says("expired"), "said: %s", tsn_error_last()->message);
    /* b is in the ring (read above) but not added: not the provider's */
    CHECK(verify(k, "b.asc", got) == TSN_EINVALID, "b.asc: b not added");
    CHECK(says(b) && says("not one the provider lists"), "said: %s",
          tsn_error_last()->message);
    CHECK(verify(k, "c.asc", got) == TSN_EINVALID, "c.asc: revoked key");
    CHECK(verify(k, "doc.json", got) == TSN_EINVALID, "not a signature");
    CHECK(tsna_pgp_verify(k, th_source(RES "doc.json"), 0, 32, "", 0, got) ==
              TSN_EINVALID,
          "an empty signature");
    CHECK(add(k, "b.pub", b, got) == 0, "b by its fingerprint");
    CHECK(verify(k, "b.asc", got) == 0, "b.asc once b is added: %s",
          tsn_error_last()->message);
    CHECK(strcmp(got, b) == 0, "b.asc: b signed: %s, not %s", got, b);
    tsna_pgp_free(k);

    /* a key never seen */
    CHECK(tsna_pgp_new(&k) == 0, "new");
    CHECK(verify(k, "a.asc", got) == TSN_EINVALID, "no key at all");
    CHECK(says("signed by key id ") && says("not one the provider lists"),
          "the key id named: %s", tsn_error_last()->message);
    tsna_pgp_free(k);
}

/* A document as part of a larger file (the pack of downloads). */
static void ranges(void)
{
    size_t dlen = 0, slen = 0;
    char *doc = res("doc.json", &dlen);
    char *sig = res("a.asc", &slen);
    char a[TSNA_PGP_FPR_MAX], got[TSNA_PGP_FPR_MAX];
    fpr_of("a.fpr", a);
    char path[] = "/tmp/tsunagi-pgp-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0, "a temporary file");
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!f || !doc || !sig)
        return;
    fputs("[before]", f);
    fwrite(doc, 1, dlen, f);
    fputs("[after]", f);
    fclose(f);
    tsna_pgp *k = NULL;
    CHECK(tsna_pgp_new(&k) == 0, "new");
    CHECK(add(k, "a.pub", a, got) == 0, "a");
    CHECK(tsna_pgp_verify(k, path, 8, dlen, sig, slen, got) == 0,
          "the part: %s", tsn_error_last()->message);
    CHECK(tsna_pgp_verify(k, path, 7, dlen, sig, slen, got) == TSN_EINVALID,
          "a byte off: refused");
    CHECK(tsna_pgp_verify(k, path, 8, dlen + 1, sig, slen, got) == TSN_EINVALID,
          "a byte more: refused");
    CHECK(tsna_pgp_verify(k, path, 8, dlen + 100, sig, slen, got) == TSN_EIO,
          "past the end of the file: cannot be read");
    CHECK(tsna_pgp_verify(k, "/nonexistent/x", 0, 1, sig, slen, got) == TSN_EIO,
          "no file");
    tsna_pgp_free(k);
    unlink(path);
    free(doc);
    free(sig);
}

int main(void)
{
    keys();
    ranges();
    return th_finish("pgp");
}
