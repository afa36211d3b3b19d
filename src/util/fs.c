/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Files: bounded whole-file reads and atomic writes (temporary file,
 * fsync, rename), so a failed write never leaves a partial output.
 */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int read_fd(tsn_buf *out, int fd, const char *path, size_t max)
{
    struct stat st;
    int error;

    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        if ((uint64_t)st.st_size > max)
            return tsn_error_set(TSN_ETOOBIG,
                                 "%s: file is %lld bytes, limit is %zu "
                                 "(see --max-size)",
                                 path, (long long)st.st_size, max);
        error = tsn_buf_grow(out, (size_t)st.st_size + 1);
        if (error < 0)
            return error;
    }
    for (;;) {
        ssize_t n;
        if (out->cap - out->len < 2) {
            size_t want = out->cap ? out->cap * 2 : 65536;
            if (want > max + 1)
                want = max + 1;
            if (out->len >= max)
                return tsn_error_set(TSN_ETOOBIG,
                                     "%s: input exceeds %zu bytes "
                                     "(see --max-size)",
                                     path, max);
            error = tsn_buf_grow(out, want);
            if (error < 0)
                return error;
        }
        n = read(fd, out->ptr + out->len, out->cap - out->len - 1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return tsn_error_set(TSN_EIO, "%s: %s", path, strerror(errno));
        }
        if (n == 0)
            break;
        out->len += (size_t)n;
        if (out->len > max)
            return tsn_error_set(TSN_ETOOBIG,
                                 "%s: input exceeds %zu bytes "
                                 "(see --max-size)",
                                 path, max);
    }
    if (!out->ptr) {
        error = tsn_buf_grow(out, 1);
        if (error < 0)
            return error;
    }
    out->ptr[out->len] = '\0';
    return 0;
}

int tsnu_file_read(tsn_buf *out, const char *path, size_t max)
{
    int fd, error;
    size_t bufmax = out->max;

    if (strcmp(path, "-") == 0)
        return read_fd(out, 0, "<stdin>", max);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return tsn_error_set(errno == ENOENT ? TSN_ENOTFOUND : TSN_EIO,
                             "%s: %s", path, strerror(errno));
    if (out->max < max + 1)
        out->max = max + 1;
    error = read_fd(out, fd, path, max);
    out->max = bufmax > max + 1 ? bufmax : max + 1;
    close(fd);
    return error;
}

int tsnu_file_read_at(
    tsn_buf *out, const char *path, uint64_t off, uint64_t len, size_t max)
{
    if (len > max)
        return tsn_error_set(
            TSN_ETOOBIG, "%s: %llu bytes at %llu, limit is %zu", path,
            (unsigned long long)len, (unsigned long long)off, max);
    tsn_buf_clear(out);
    size_t bufmax = out->max;
    if (out->max < max + 1)
        out->max = max + 1;
    int error = tsn_buf_grow(out, (size_t)len + 1);
    out->max = bufmax > max + 1 ? bufmax : max + 1;
    if (error < 0)
        return error;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return tsn_error_set(errno == ENOENT ? TSN_ENOTFOUND : TSN_EIO,
                             "%s: %s", path, strerror(errno));
    while (error == 0 && out->len < len) {
        ssize_t n = pread(fd, out->ptr + out->len, (size_t)len - out->len,
                          (off_t)(off + out->len));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            error = tsn_error_set(TSN_EIO, "%s: %s", path, strerror(errno));
        else if (n == 0)
            error = tsn_error_set(TSN_EIO, "%s: ends before byte %llu", path,
                                  (unsigned long long)(off + len));
        else
            out->len += (size_t)n;
    }
    close(fd);
    out->ptr[out->len] = '\0';
    return error;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/*
 * The mode a new file gets: an existing file keeps its mode; otherwise
 * 0666 less the process umask, read from /proc (umask() itself would have
 * to change the mask, which is not safe with other threads running).
 */
static mode_t output_mode(const char *path)
{
    struct stat st;
    FILE *f;
    char line[128];
    unsigned long mask = 022;

    if (stat(path, &st) == 0)
        return st.st_mode & 07777;
    f = fopen("/proc/self/status", "re");
    if (f) {
        while (fgets(line, sizeof line, f))
            if (strncmp(line, "Umask:", 6) == 0) {
                mask = strtoul(line + 6, NULL, 8);
                break;
            }
        fclose(f);
    }
    return (mode_t)(0666 & ~mask);
}

static int write_parts(int fd, const tsnu_part *parts, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (write_all(fd, parts[i].data, parts[i].len) < 0)
            return -1;
    return 0;
}

int tsnu_file_write_atomic(const char *path, const void *data, size_t n)
{
    tsnu_part part = {data, n};
    return tsnu_file_write_atomicv(path, &part, 1);
}

int tsnu_file_write_atomicv(const char *path, const tsnu_part *parts, size_t n)
{
    tsn_buf tmp = TSN_BUF_INIT(4096 + strlen(path));
    int fd = -1, error;

    if (strcmp(path, "-") == 0) {
        if (write_parts(1, parts, n) < 0)
            return tsn_error_set(TSN_EIO, "<stdout>: %s", strerror(errno));
        return 0;
    }
    error = tsn_buf_printf(&tmp, "%s.tmp.XXXXXX", path);
    if (error < 0)
        goto done;
    fd = mkstemp(tmp.ptr);
    if (fd < 0) {
        error = tsn_error_set(TSN_EIO, "%s: %s", path, strerror(errno));
        goto done;
    }
    if (write_parts(fd, parts, n) < 0 || fsync(fd) < 0) {
        error = tsn_error_set(TSN_EIO, "%s: %s", path, strerror(errno));
        goto done;
    }
    if (fchmod(fd, output_mode(path)) < 0) {
        error = tsn_error_set(TSN_EIO, "%s: %s", path, strerror(errno));
        goto done;
    }
    if (close(fd) < 0) {
        fd = -1;
        error = tsn_error_set(TSN_EIO, "%s: %s", path, strerror(errno));
        goto done;
    }
    fd = -1;
    if (rename(tmp.ptr, path) < 0) {
        error = tsn_error_set(TSN_EIO, "%s: %s", path, strerror(errno));
        goto done;
    }
    tsn_buf_dispose(&tmp);
    return 0;
done:
    if (fd >= 0)
        close(fd);
    if (tmp.ptr)
        unlink(tmp.ptr);
    tsn_buf_dispose(&tmp);
    return error;
}
