/* SPDX-License-Identifier: Apache-2.0 */
/* zlib adapter: the only code that includes zlib.h. */
#ifndef TSN_ADAPT_ZLIB_H
#define TSN_ADAPT_ZLIB_H

#include "../lib.h"

/* CRC-32 (the zip and gzip checksum) of @p n bytes at @p p. */
uint32_t tsna_crc32(const void *p, size_t n);

#endif
