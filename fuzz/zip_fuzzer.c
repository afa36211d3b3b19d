/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzz target: zip archives as the knowledge base reads them (OSV's
 * all.zip). Every entry is stated, labelled and read under a 64 KiB
 * limit; a read that succeeds holds exactly the declared size, and every
 * failure names the archive.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/adapt/zip.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tsna_zip *z = NULL;
    if (tsna_zip_open_memory(&z, data, size, "fuzz.zip") < 0) {
        if (z || strncmp(tsn_error_last()->message, "fuzz.zip", 8) != 0)
            abort();
        return 0;
    }
    tsn_buf text = TSN_BUF_INIT(64 * 1024);
    tsn_buf label = TSN_BUF_INIT(1 << 20);
    size_t n = tsna_zip_count(z);
    for (size_t i = 0; i < n && i < 64; i++) {
        tsna_zip_entry e;
        if (tsna_zip_stat(z, i, &e) < 0)
            continue;
        if (tsna_zip_label(z, e.name, &label) == 0)
            for (size_t k = 0; k < label.len; k++)
                if ((unsigned char)label.ptr[k] < 0x20)
                    abort();
        int rc = tsna_zip_read(z, i, &text);
        if (rc == 0 && text.len != e.size)
            abort();
        if (rc < 0 && rc != TSN_ETOOBIG && rc != TSN_ENOMEM &&
            strncmp(tsn_error_last()->message, "fuzz.zip", 8) != 0)
            abort();
    }
    tsn_buf_dispose(&text);
    tsn_buf_dispose(&label);
    tsna_zip_close(z);
    return 0;
}
