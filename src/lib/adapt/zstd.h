/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Zstandard adapter: the only code that includes zstd.h. Compresses the
 * knowledge base's stored records, each on its own so any one can be read
 * alone, with a dictionary trained from the records themselves (a record
 * of a few kilobytes alone compresses poorly; with a dictionary of the
 * field names and phrases they share it shrinks several times over).
 */
#ifndef TSN_ADAPT_ZSTD_H
#define TSN_ADAPT_ZSTD_H

#include "../lib.h"

typedef struct tsna_zcodec tsna_zcodec;

/* A codec for one dictionary (@p dict NULL: none). */
int tsna_zcodec_new(tsna_zcodec **out, const void *dict, size_t len);
void tsna_zcodec_free(tsna_zcodec *c);
/* Replace the contents of @p out with @p src compressed. */
int tsna_zcompress(tsna_zcodec *c, const void *src, size_t n, tsn_buf *out);
/* Replace the contents of @p out with @p src decompressed; a frame that
 * is damaged, made with another dictionary or larger than @p out->max
 * fails (TSN_EINVALID, TSN_ETOOBIG) without writing past the limit. */
int tsna_zdecompress(tsna_zcodec *c, const void *src, size_t n, tsn_buf *out);

/* Train a dictionary of at most @p capacity bytes from @p n samples laid
 * end to end in @p samples (@p sizes gives each one's length) into
 * @p out. TSN_EINVALID when the samples are too few or too alike. */
int tsna_ztrain(const void *samples,
                const size_t *sizes,
                size_t n,
                size_t capacity,
                tsn_buf *out);

#endif
