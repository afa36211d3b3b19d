/* SPDX-License-Identifier: Apache-2.0 */
/* zlib adapter: the only code that includes zlib.h. */
#ifndef TSN_ADAPT_ZLIB_H
#define TSN_ADAPT_ZLIB_H

#include "../lib.h"

/* CRC-32 (the zip and gzip checksum) of @p n bytes at @p p. */
uint32_t tsna_crc32(const void *p, size_t n);

/* Whether @p n bytes at @p p start like a gzip stream. */
bool tsna_is_gzip(const void *p, size_t n);

/* Replace the contents of @p out with the gzip data at @p src (every
 * member of a multi-member file), checked against its CRC-32 and length.
 * More than @p out->max bytes: TSN_ETOOBIG; damaged or truncated:
 * TSN_EINVALID. @p label names the input in errors. */
int tsna_gunzip(const void *src, size_t n, tsn_buf *out, const char *label);

#endif
