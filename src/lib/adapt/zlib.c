/* SPDX-License-Identifier: Apache-2.0 */
#include "lib/adapt/zlib.h"

#include <limits.h>
#include <zlib.h>

uint32_t tsna_crc32(const void *p, size_t n)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    const Bytef *b = p;
    while (n > 0) {
        uInt chunk = n > UINT_MAX ? UINT_MAX : (uInt)n;
        crc = crc32(crc, b, chunk);
        b += chunk;
        n -= chunk;
    }
    return (uint32_t)crc;
}
