/* SPDX-License-Identifier: Apache-2.0 */
#include "lib/adapt/zip.h"
#include "util/dl.h"
#include "tsunagi/limits.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

/* libzip's functions, loaded when an archive is first opened (dl.h) */
#define ZIP_SYMS(X)                                                            \
    X(zip_close)                                                               \
    X(zip_discard)                                                             \
    X(zip_error_code_system)                                                   \
    X(zip_error_code_zip)                                                      \
    X(zip_error_fini)                                                          \
    X(zip_error_init)                                                          \
    X(zip_error_init_with_code)                                                \
    X(zip_error_set)                                                           \
    X(zip_error_strerror)                                                      \
    X(zip_error_to_data)                                                       \
    X(zip_fclose)                                                              \
    X(zip_file_add)                                                            \
    X(zip_file_get_error)                                                      \
    X(zip_fopen_index)                                                         \
    X(zip_fread)                                                               \
    X(zip_get_error)                                                           \
    X(zip_get_num_entries)                                                     \
    X(zip_open)                                                                \
    X(zip_open_from_source)                                                    \
    X(zip_set_file_compression)                                                \
    X(zip_source_buffer_create)                                                \
    X(zip_source_free)                                                         \
    X(zip_source_function)                                                     \
    X(zip_source_make_command_bitmap)                                          \
    X(zip_stat_index)                                                          \
    X(zip_stat_init)                                                           \
    X(zip_strerror)
ZIP_SYMS(TSNU_DL_DECLARE)
static const tsnu_dl_sym zip_syms[] = {ZIP_SYMS(TSNU_DL_ENTRY)};
static tsnu_dl_lib libzip = TSNU_DL_LIB("libzip.so.4", zip_syms);

static int zip_load(void)
{
    return tsnu_dl_load(&libzip, "reading and writing zip archives") < 0
               ? TSN_ERROR
               : 0;
}

struct tsna_zip {
    zip_t *h;
    char *label;
    size_t count;
};

static int open_fail(const char *label, zip_error_t *err)
{
    int sys = sym_zip_error_code_system(err);
    int code = sym_zip_error_code_zip(err);
    int rc = code == ZIP_ER_NOENT || code == ZIP_ER_OPEN ||
                     (code == ZIP_ER_READ && sys == EISDIR)
                 ? TSN_ENOTFOUND
             : code == ZIP_ER_MEMORY ? TSN_ENOMEM
                                     : TSN_EINVALID;
    if (rc == TSN_ENOMEM)
        rc = tsn_error_oom();
    else
        rc = tsn_error_set(rc, "%s: %s", label,
                           rc == TSN_ENOTFOUND ? "cannot read"
                                               : sym_zip_error_strerror(err));
    sym_zip_error_fini(err);
    return rc;
}

static int finish_open(tsna_zip **out, zip_t *h, const char *label)
{
    tsna_zip *z = tsn_calloc(1, sizeof *z);
    if (!z || !(z->label = tsnu_strdup(label))) {
        free(z);
        sym_zip_discard(h);
        return tsn_error_oom();
    }
    z->h = h;
    zip_int64_t n = sym_zip_get_num_entries(h, 0);
    z->count = n > 0 ? (size_t)n : 0;
    *out = z;
    return 0;
}

int tsna_zip_open(tsna_zip **out, const char *path)
{
    *out = NULL;
    if (zip_load() < 0)
        return TSN_ERROR;
    int code = 0;
    zip_t *h = sym_zip_open(path, ZIP_RDONLY, &code);
    if (!h) {
        zip_error_t err;
        sym_zip_error_init_with_code(&err, code);
        if (code == ZIP_ER_OPEN || code == ZIP_ER_READ)
            err.sys_err = errno;
        return open_fail(path, &err);
    }
    return finish_open(out, h, path);
}

int tsna_zip_open_memory(tsna_zip **out,
                         const void *data,
                         size_t len,
                         const char *label)
{
    *out = NULL;
    if (zip_load() < 0)
        return TSN_ERROR;
    zip_error_t err;
    sym_zip_error_init(&err);
    zip_source_t *src = sym_zip_source_buffer_create(data, len, 0, &err);
    if (!src)
        return open_fail(label, &err);
    zip_t *h = sym_zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (!h) {
        sym_zip_source_free(src);
        return open_fail(label, &err);
    }
    sym_zip_error_fini(&err);
    return finish_open(out, h, label);
}

void tsna_zip_close(tsna_zip *z)
{
    if (!z)
        return;
    sym_zip_discard(z->h);
    free(z->label);
    free(z);
}

size_t tsna_zip_count(const tsna_zip *z)
{
    return z->count;
}

int tsna_zip_label(const tsna_zip *z, const char *name, tsn_buf *out)
{
    tsn_buf_clear(out);
    int rc = tsn_buf_printf(out, "%s!/", z->label);
    for (const char *p = name; rc == 0 && *p; p++)
        rc = tsn_buf_putc(out,
                          (unsigned char)*p < 0x20 || *p == 0x7f ? '?' : *p);
    return rc;
}

static int entry_fail(tsna_zip *z, const char *name, zip_error_t *err)
{
    if (sym_zip_error_code_zip(err) == ZIP_ER_MEMORY)
        return tsn_error_oom();
    tsn_buf label = TSN_BUF_INIT(TSN_LIMIT_FIELD_BYTES);
    if (tsna_zip_label(z, name, &label) < 0) {
        tsn_buf_dispose(&label);
        return tsn_error_oom();
    }
    int rc = tsn_error_set(TSN_EINVALID, "%s: %s", label.ptr,
                           sym_zip_error_strerror(err));
    tsn_buf_dispose(&label);
    return rc;
}

int tsna_zip_stat(tsna_zip *z, size_t i, tsna_zip_entry *e)
{
    memset(e, 0, sizeof *e);
    zip_stat_t st;
    sym_zip_stat_init(&st);
    if (sym_zip_stat_index(z->h, (zip_uint64_t)i, 0, &st) != 0)
        return tsn_error_set(TSN_EINVALID, "%s: entry %zu: %s", z->label, i,
                             sym_zip_error_strerror(sym_zip_get_error(z->h)));
    const zip_uint64_t need =
        ZIP_STAT_NAME | ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC;
    if ((st.valid & need) != need)
        return tsn_error_set(TSN_EINVALID, "%s: entry %zu: incomplete header",
                             z->label, i);
    e->name = st.name;
    e->size = st.size;
    e->csize = st.comp_size;
    e->crc = st.crc;
    size_t l = strlen(st.name);
    e->dir = l > 0 && st.name[l - 1] == '/';
    e->encrypted = (st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
                   st.encryption_method != ZIP_EM_NONE;
    return 0;
}

int tsna_zip_read(tsna_zip *z, size_t i, tsn_buf *out)
{
    tsna_zip_entry e;
    int rc = tsna_zip_stat(z, i, &e);
    if (rc < 0)
        return rc;
    if (e.size >= out->max)
        return tsn_error_set(TSN_ETOOBIG,
                             "entry of %llu bytes, over the "
                             "limit of %zu",
                             (unsigned long long)e.size, out->max);
    tsn_buf_clear(out);
    /* one byte more than declared, to catch an entry that overflows it */
    if ((rc = tsn_buf_grow(out, (size_t)e.size + 1)) < 0)
        return rc;
    zip_file_t *f = sym_zip_fopen_index(z->h, (zip_uint64_t)i, 0);
    if (!f)
        return entry_fail(z, e.name, sym_zip_get_error(z->h));
    size_t want = (size_t)e.size + 1, got = 0;
    while (got < want) {
        zip_int64_t n = sym_zip_fread(f, out->ptr + got, want - got);
        if (n < 0) {
            rc = entry_fail(z, e.name, sym_zip_file_get_error(f));
            break;
        }
        if (n == 0)
            break;
        got += (size_t)n;
    }
    sym_zip_fclose(f);
    if (rc < 0)
        return rc;
    if (got != e.size) {
        zip_error_t err;
        sym_zip_error_init_with_code(&err, ZIP_ER_INCONS);
        return entry_fail(z, e.name, &err);
    }
    out->len = got;
    out->ptr[got] = '\0';
    return 0;
}

/* ---- writing --------------------------------------------------------- */

struct tsna_zipw {
    zip_t *h;
    char *path;
    int fill_rc; /* the first failure of a fill callback */
};

/* One entry's data source: filled when libzip opens it. */
struct lazy {
    tsna_zipw *w;
    tsna_zipw_fill_fn fill;
    void *ctx;
    time_t mtime;
    tsn_buf data;
    size_t off;
    zip_error_t err;
};

static zip_int64_t
lazy_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
    struct lazy *l = ud;
    switch (cmd) {
    case ZIP_SOURCE_OPEN: {
        tsn_buf_clear(&l->data);
        l->off = 0;
        int rc = l->fill(l->ctx, &l->data);
        if (rc < 0) {
            if (!l->w->fill_rc)
                l->w->fill_rc = rc;
            sym_zip_error_set(&l->err, ZIP_ER_READ, 0);
            return -1;
        }
        return 0;
    }
    case ZIP_SOURCE_READ: {
        size_t n = l->data.len - l->off;
        if (n > len)
            n = (size_t)len;
        if (n)
            memcpy(data, l->data.ptr + l->off, n);
        l->off += n;
        return (zip_int64_t)n;
    }
    case ZIP_SOURCE_CLOSE:
        tsn_buf_dispose(&l->data);
        l->data = (tsn_buf)TSN_BUF_INIT(TSN_LIMIT_DOCUMENT_BYTES);
        return 0;
    case ZIP_SOURCE_STAT: {
        zip_stat_t *st = data;
        sym_zip_stat_init(st);
        st->valid |= ZIP_STAT_MTIME;
        st->mtime = l->mtime;
        return sizeof *st;
    }
    case ZIP_SOURCE_ERROR:
        return sym_zip_error_to_data(&l->err, data, len);
    case ZIP_SOURCE_FREE:
        tsn_buf_dispose(&l->data);
        sym_zip_error_fini(&l->err);
        free(l);
        return 0;
    case ZIP_SOURCE_SUPPORTS:
        return sym_zip_source_make_command_bitmap(
            ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
            ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
        sym_zip_error_set(&l->err, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
}

int tsna_zipw_open(tsna_zipw **out, const char *path)
{
    *out = NULL;
    if (zip_load() < 0)
        return TSN_ERROR;
    tsna_zipw *w = tsn_calloc(1, sizeof *w);
    if (!w || !(w->path = tsnu_strdup(path))) {
        free(w);
        return tsn_error_oom();
    }
    int code = 0;
    w->h = sym_zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!w->h) {
        zip_error_t err;
        sym_zip_error_init_with_code(&err, code);
        int rc = tsn_error_set(TSN_EIO, "%s: %s", path,
                               sym_zip_error_strerror(&err));
        sym_zip_error_fini(&err);
        free(w->path);
        free(w);
        return rc;
    }
    *out = w;
    return 0;
}

int tsna_zipw_add(tsna_zipw *w,
                  const char *name,
                  int64_t mtime,
                  tsna_zipw_fill_fn fill,
                  void *ctx)
{
    struct lazy *l = tsn_calloc(1, sizeof *l);
    if (!l)
        return tsn_error_oom();
    *l = (struct lazy){
        w, fill, ctx, (time_t)mtime, TSN_BUF_INIT(TSN_LIMIT_DOCUMENT_BYTES),
        0, {0}};
    sym_zip_error_init(&l->err);
    zip_source_t *src = sym_zip_source_function(w->h, lazy_cb, l);
    if (!src) {
        sym_zip_error_fini(&l->err);
        free(l);
        return tsn_error_oom();
    }
    zip_int64_t i = sym_zip_file_add(w->h, name, src, ZIP_FL_ENC_UTF_8);
    if (i < 0) {
        sym_zip_source_free(src);
        return tsn_error_set(TSN_ERROR, "%s: %s: %s", w->path, name,
                             sym_zip_strerror(w->h));
    }
    sym_zip_set_file_compression(w->h, (zip_uint64_t)i, ZIP_CM_DEFLATE, 0);
    return 0;
}

int tsna_zipw_commit(tsna_zipw *w)
{
    int rc = 0;
    if (sym_zip_close(w->h) != 0) {
        rc = w->fill_rc ? w->fill_rc
                        : tsn_error_set(TSN_EIO, "%s: %s", w->path,
                                        sym_zip_strerror(w->h));
        sym_zip_discard(w->h);
    }
    free(w->path);
    free(w);
    return rc;
}

void tsna_zipw_discard(tsna_zipw *w)
{
    if (!w)
        return;
    sym_zip_discard(w->h);
    free(w->path);
    free(w);
}
