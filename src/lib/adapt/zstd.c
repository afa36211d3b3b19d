/* SPDX-License-Identifier: Apache-2.0 */
#include "lib/adapt/zstd.h"

#include <stdlib.h>
#include <string.h>
#include <zdict.h>
#include <zstd.h>

/* With a dictionary of 256 KiB, level 5 stores real OSV records in 12.5%
 * of their size where zstd's default level 3 needs 14.4%; level 7 gains
 * little more. */
#define LEVEL 5

/* The compressing half is made on first use: a scan only decompresses,
 * and a level-5 dictionary's tables are megabytes of memory to touch. */
struct tsna_zcodec {
    ZSTD_CCtx *cctx;
    ZSTD_DCtx *dctx;
    ZSTD_CDict *cdict;
    ZSTD_DDict *ddict;
    void *dict; /* a copy, for the compressor when it is made */
    size_t len;
};

int tsna_zcodec_new(tsna_zcodec **out, const void *dict, size_t len)
{
    *out = NULL;
    tsna_zcodec *c = tsn_calloc(1, sizeof *c);
    if (!c)
        return tsn_error_oom();
    c->dctx = ZSTD_createDCtx();
    if (c->dctx && dict) {
        c->ddict = ZSTD_createDDict(dict, len);
        c->dict = tsn_malloc(len);
        if (c->dict)
            memcpy(c->dict, dict, len);
        c->len = len;
    }
    if (!c->dctx || (dict && (!c->ddict || !c->dict))) {
        tsna_zcodec_free(c);
        return tsn_error_oom();
    }
    *out = c;
    return 0;
}

/* The compressor, made once. */
static int compressor(tsna_zcodec *c)
{
    if (c->cctx)
        return 0;
    ZSTD_CCtx *cctx = ZSTD_createCCtx();
    ZSTD_CDict *cdict =
        cctx && c->dict ? ZSTD_createCDict(c->dict, c->len, LEVEL) : NULL;
    if (!cctx || (c->dict && !cdict)) {
        ZSTD_freeCCtx(cctx);
        ZSTD_freeCDict(cdict);
        return tsn_error_oom();
    }
    /* the dictionary is known from where the record is stored: its id in
     * every frame would only cost bytes */
    size_t r = ZSTD_CCtx_setParameter(cctx, ZSTD_c_dictIDFlag, 0);
    if (!ZSTD_isError(r))
        r = cdict
                ? ZSTD_CCtx_refCDict(cctx, cdict)
                : ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, LEVEL);
    if (ZSTD_isError(r)) {
        ZSTD_freeCCtx(cctx);
        ZSTD_freeCDict(cdict);
        return tsn_error_set(TSN_ERROR, "compressor: %s", ZSTD_getErrorName(r));
    }
    c->cctx = cctx;
    c->cdict = cdict;
    return 0;
}

void tsna_zcodec_free(tsna_zcodec *c)
{
    if (!c)
        return;
    ZSTD_freeCCtx(c->cctx);
    ZSTD_freeDCtx(c->dctx);
    ZSTD_freeCDict(c->cdict);
    ZSTD_freeDDict(c->ddict);
    free(c->dict);
    free(c);
}

int tsna_zcompress(tsna_zcodec *c, const void *src, size_t n, tsn_buf *out)
{
    int rc = compressor(c);
    if (rc < 0)
        return rc;
    size_t bound = ZSTD_compressBound(n);
    rc = tsn_buf_grow(out, bound);
    if (rc < 0)
        return rc;
    size_t got = ZSTD_compress2(c->cctx, out->ptr, bound, src, n);
    if (ZSTD_isError(got))
        return tsn_error_set(TSN_ERROR, "compression failed: %s",
                             ZSTD_getErrorName(got));
    out->len = got;
    out->ptr[got] = '\0';
    return 0;
}

int tsna_zdecompress(tsna_zcodec *c, const void *src, size_t n, tsn_buf *out)
{
    unsigned long long size = ZSTD_getFrameContentSize(src, n);
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN)
        return tsn_error_set(TSN_EINVALID, "stored record is damaged");
    if (size > out->max)
        return tsn_error_set(TSN_ETOOBIG,
                             "stored record of %llu bytes is over the limit "
                             "of %zu",
                             size, out->max);
    int rc = tsn_buf_grow(out, (size_t)size);
    if (rc < 0)
        return rc;
    size_t got =
        c->ddict ? ZSTD_decompress_usingDDict(c->dctx, out->ptr, (size_t)size,
                                              src, n, c->ddict)
                 : ZSTD_decompressDCtx(c->dctx, out->ptr, (size_t)size, src, n);
    if (ZSTD_isError(got) || got != size)
        return tsn_error_set(TSN_EINVALID, "stored record is damaged: %s",
                             ZSTD_isError(got) ? ZSTD_getErrorName(got)
                                               : "short frame");
    out->len = got;
    out->ptr[got] = '\0';
    return 0;
}

int tsna_ztrain(const void *samples,
                const size_t *sizes,
                size_t n,
                size_t capacity,
                tsn_buf *out)
{
    if (n > UINT32_MAX)
        n = UINT32_MAX;
    int rc = tsn_buf_grow(out, capacity);
    if (rc < 0)
        return rc;
    size_t got =
        ZDICT_trainFromBuffer(out->ptr, capacity, samples, sizes, (unsigned)n);
    if (ZDICT_isError(got))
        return tsn_error_set(TSN_EINVALID, "no dictionary: %s",
                             ZDICT_getErrorName(got));
    out->len = got;
    out->ptr[got] = '\0';
    return 0;
}
