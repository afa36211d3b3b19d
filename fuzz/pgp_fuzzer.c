/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzz target: the OpenPGP adapter on what a CSAF provider serves. The
 * input is a key file and a signature, split at the first line
 * "--8<--"; the keys are added (once with the fingerprint the seed's key
 * has, once with none) and the signature is checked over a fixed
 * document. A signature may be good only when a key was added.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/adapt/pgp.h"
#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* tests/resources/pgp: doc.json and a.fpr */
static const char doc[] = "{\"document\":{\"title\":\"signed\"}}\n";
static const char a_fpr[] = "85F02495E6BEA1FD9599A3D927BF4C70BC7D0EE1";
static char path[64];

static void remove_doc(void)
{
    unlink(path);
}

static const char *doc_path(void)
{
    if (*path)
        return path;
    atexit(remove_doc);
    snprintf(path, sizeof path, "/tmp/tsunagi-pgp-fuzz-%ld", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(doc, 1, sizeof doc - 1, f) != sizeof doc - 1)
        abort();
    fclose(f);
    return path;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char cut[] = "\n--8<--\n";
    const char *p = (const char *)data;
    const char *at = size ? memmem(p, size, cut, sizeof cut - 1) : NULL;
    size_t klen = at ? (size_t)(at - p) : size;
    const char *sig = at ? at + sizeof cut - 1 : "";
    size_t slen = at ? size - klen - (sizeof cut - 1) : 0;
    for (int pass = 0; pass < 2; pass++) {
        tsna_pgp *k = NULL;
        char fpr[TSNA_PGP_FPR_MAX], signer[TSNA_PGP_FPR_MAX];
        if (tsna_pgp_new(&k) < 0)
            abort();
        int rc = tsna_pgp_add_keys(k, p, klen, pass == 0 ? a_fpr : NULL, fpr);
        if ((rc == 0) != (tsna_pgp_count(k) > 0))
            abort();
        if (rc == 0 && pass == 0 && strcmp(fpr, a_fpr) != 0)
            abort();
        rc = tsna_pgp_verify(k, doc_path(), 0, sizeof doc - 1, sig, slen,
                             signer);
        if (rc == 0 && (tsna_pgp_count(k) == 0 || !*signer))
            abort();
        if (rc < 0 && rc != TSN_EINVALID)
            abort();
        tsn_error_clear();
        tsna_pgp_free(k);
    }
    return 0;
}
