/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Per-thread error detail. Set where an error is detected, read by the
 * host with tsn_error_last(). Messages are one line; longer ones are cut.
 */
#include "util.h"

#include <stdio.h>
#include <string.h>

#define MSG_MAX 1024

static _Thread_local struct {
    int code;
    char msg[MSG_MAX];
    tsn_error view;
} last;

static void sanitise(char *s)
{
    /* One line: control characters (newlines included) become spaces. */
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            *s = ' ';
}

int tsn_error_setv(int code, const char *fmt, va_list ap)
{
    last.code = code;
    vsnprintf(last.msg, sizeof last.msg, fmt, ap);
    sanitise(last.msg);
    return code;
}

int tsn_error_set(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tsn_error_setv(code, fmt, ap);
    va_end(ap);
    return code;
}

int tsn_error_oom(void)
{
    return tsn_error_set(TSN_ENOMEM, "out of memory");
}

void tsn_error_prefix(const char *fmt, ...)
{
    char old[MSG_MAX];
    va_list ap;
    int n;

    memcpy(old, last.msg, sizeof old);
    va_start(ap, fmt);
    n = vsnprintf(last.msg, sizeof last.msg, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < sizeof last.msg - 2) {
        size_t used = (size_t)n;
        last.msg[used++] = ':';
        last.msg[used++] = ' ';
        size_t room = sizeof last.msg - used - 1, ol = strlen(old);
        memcpy(last.msg + used, old, ol < room ? ol : room);
        last.msg[used + (ol < room ? ol : room)] = '\0';
    }
    sanitise(last.msg);
}

const tsn_error *tsn_error_last(void)
{
    last.view.code = last.code;
    last.view.message = last.msg;
    return &last.view;
}

void tsn_error_clear(void)
{
    last.code = 0;
    last.msg[0] = '\0';
}

const char *tsn_error_name(int code)
{
    switch (code) {
    case TSN_OK:
        return "success";
    case TSN_ENOMEM:
        return "out of memory";
    case TSN_EINVALID:
        return "invalid input";
    case TSN_ENOTFOUND:
        return "not found";
    case TSN_ETOOBIG:
        return "limit exceeded";
    case TSN_EUNSUPPORTED:
        return "unsupported";
    case TSN_EIO:
        return "input/output error";
    case TSN_EUSAGE:
        return "usage error";
    case TSN_ENETWORK:
        return "download failed";
    default:
        return "error";
    }
}
