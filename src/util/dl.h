/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Libraries loaded when a command first needs them. libcurl, librnp,
 * libzip, libcrypto, cairo, pango and librsvg cost a process 50 ms to map
 * and relocate before main() runs, yet only downloads, signatures,
 * archives and the PDF report use them; `scan` and every other command
 * start without them. Each adapter names the functions it calls in an
 * X-macro list; the list gives it a pointer per function (sym_NAME, of
 * the function's own type) and the table that fills them:
 *
 *     #define CURL_SYMS(X) X(curl_easy_init) X(curl_easy_cleanup)
 *     CURL_SYMS(TSNU_DL_DECLARE)
 *     static const tsnu_dl_sym curl_syms[] = {CURL_SYMS(TSNU_DL_ENTRY)};
 *     static tsnu_dl_lib libcurl = TSNU_DL_LIB("libcurl.so.4", curl_syms);
 *
 * and calls tsnu_dl_load(&libcurl, "downloads") before the first call.
 * A library once loaded stays loaded until the process ends.
 */
#ifndef TSNU_DL_H
#define TSNU_DL_H

#include "util/util.h"

#include <stdatomic.h>

typedef struct tsnu_dl_sym {
    const char *name;
    void **slot; /* where the address goes: &sym_NAME */
} tsnu_dl_sym;

typedef struct tsnu_dl_lib {
    const char *soname; /* "libcurl.so.4": the ABI the headers describe */
    const tsnu_dl_sym *syms;
    size_t nsyms;
    atomic_bool loaded;
} tsnu_dl_lib;

#define TSNU_DL_DECLARE(fn) static __typeof__(fn) *sym_##fn;
#define TSNU_DL_ENTRY(fn) {#fn, (void **)&sym_##fn},
#define TSNU_DL_LIB(soname, syms)                                              \
    {                                                                          \
        (soname), (syms), sizeof(syms) / sizeof *(syms), false                 \
    }

/*
 * @p lib loaded and every one of its functions found: 0, at once when it
 * was before; or TSN_ERROR with a message naming the library, @p purpose
 * ("downloads", "the PDF report") and the loader's reason, and no
 * function of it set. Safe to call from several threads.
 */
int tsnu_dl_load(tsnu_dl_lib *lib, const char *purpose);

#endif
