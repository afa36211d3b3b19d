/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Zip adapter: the only code that includes zip.h (libzip). Reads the
 * entries of an archive into memory; nothing is ever extracted to disk,
 * so an entry's name is only a label. Sizes, counts and ratios are
 * policy and are checked by the caller from what tsna_zip_stat() gives;
 * tsna_zip_read() holds an entry to its declared size and to the
 * buffer's limit whatever the archive claims.
 */
#ifndef TSN_ADAPT_ZIP_H
#define TSN_ADAPT_ZIP_H

#include "../lib.h"

typedef struct tsna_zip tsna_zip;

typedef struct tsna_zip_entry {
    const char *name; /* as stored; valid until the archive closes */
    uint64_t size;    /* declared uncompressed size */
    uint64_t csize;   /* compressed size */
    uint32_t crc;     /* declared CRC-32 of the contents */
    bool dir;         /* a directory entry (name ends with '/') */
    bool encrypted;
} tsna_zip_entry;

/* TSN_ENOTFOUND when @p path cannot be read, TSN_EINVALID when it is not
 * a consistent zip archive. */
int tsna_zip_open(tsna_zip **out, const char *path);
/* The same over @p len bytes at @p data, which must outlive the archive;
 * @p label names it in errors. */
int tsna_zip_open_memory(tsna_zip **out,
                         const void *data,
                         size_t len,
                         const char *label);
void tsna_zip_close(tsna_zip *z);
size_t tsna_zip_count(const tsna_zip *z);
int tsna_zip_stat(tsna_zip *z, size_t i, tsna_zip_entry *e);
/* "ARCHIVE!/ENTRY" in @p out, with control characters in the entry name
 * shown as '?' so a hostile name cannot forge a line of output. */
int tsna_zip_label(const tsna_zip *z, const char *name, tsn_buf *out);
/* Replace the contents of @p out with entry @p i, checked against its
 * CRC-32. More or fewer bytes than declared: TSN_EINVALID; @p out->max
 * or more declared: TSN_ETOOBIG. */
int tsna_zip_read(tsna_zip *z, size_t i, tsn_buf *out);

/* ---- writing --------------------------------------------------------- */

typedef struct tsna_zipw tsna_zipw;

/* Fills @p out with an entry's contents when the archive is written;
 * < 0 aborts the archive. */
typedef int (*tsna_zipw_fill_fn)(void *ctx, tsn_buf *out);

/* A new archive at @p path, written by tsna_zipw_commit() through a
 * temporary file renamed into place: a failure or a discard leaves
 * nothing at @p path. */
int tsna_zipw_open(tsna_zipw **out, const char *path);
/* Add entry @p name (deflated, dated @p mtime); its contents come from
 * @p fill(@p ctx) when the archive is written, so an archive of many
 * entries never holds them all in memory. @p ctx must live until
 * commit or discard. */
int tsna_zipw_add(tsna_zipw *w,
                  const char *name,
                  int64_t mtime,
                  tsna_zipw_fill_fn fill,
                  void *ctx);
/* Write the archive and free @p w. */
int tsna_zipw_commit(tsna_zipw *w);
/* Free @p w, writing nothing. */
void tsna_zipw_discard(tsna_zipw *w);

#endif
