/* SPDX-License-Identifier: Apache-2.0 */
#include "lib/adapt/zlib.h"

#include <limits.h>
#include <string.h>
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

bool tsna_is_gzip(const void *p, size_t n)
{
    const unsigned char *b = p;
    return n >= 2 && b[0] == 0x1f && b[1] == 0x8b;
}

int tsna_gunzip(const void *src, size_t n, tsn_buf *out, const char *label)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, 15 + 16) != Z_OK) /* gzip only */
        return tsn_error_oom();
    tsn_buf_clear(out);
    const Bytef *in = src;
    size_t left = n;
    int rc = 0, z = Z_OK;
    while (rc == 0) {
        if (zs.avail_in == 0 && left > 0) {
            zs.next_in = (Bytef *)(uintptr_t)in;
            zs.avail_in = left > UINT_MAX ? UINT_MAX : (uInt)left;
            in += zs.avail_in;
            left -= zs.avail_in;
        }
        /* never past out->max, however much room the buffer has */
        if (out->len >= out->max) {
            rc =
                tsn_error_set(TSN_ETOOBIG, "%s: decompresses to over %zu bytes",
                              label, out->max);
            break;
        }
        if (out->cap <= out->len + 1) {
            size_t want =
                out->max - out->len > 65536 ? out->len + 65536 : out->max;
            if ((rc = tsn_buf_grow(out, want)) < 0)
                break;
        }
        size_t room = out->cap - out->len - 1;
        if (room > out->max - out->len)
            room = out->max - out->len;
        zs.next_out = (Bytef *)out->ptr + out->len;
        zs.avail_out = room > UINT_MAX ? UINT_MAX : (uInt)room;
        uInt before = zs.avail_out;
        z = inflate(&zs, Z_NO_FLUSH);
        out->len += before - zs.avail_out;
        out->ptr[out->len] = '\0';
        if (z == Z_STREAM_END) {
            if (zs.avail_in == 0 && left == 0)
                break;
            /* another gzip member follows */
            if (inflateReset(&zs) != Z_OK)
                rc = tsn_error_oom();
        } else if (z == Z_MEM_ERROR) {
            rc = tsn_error_oom();
        } else if (z != Z_OK && z != Z_BUF_ERROR) {
            rc = tsn_error_set(TSN_EINVALID, "%s: damaged gzip data: %s", label,
                               zs.msg ? zs.msg : "inflate failed");
        } else if (z == Z_BUF_ERROR && zs.avail_in == 0 && left == 0) {
            rc = tsn_error_set(TSN_EINVALID, "%s: gzip data cut short", label);
        }
    }
    inflateEnd(&zs);
    return rc;
}
