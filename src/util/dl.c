/* SPDX-License-Identifier: Apache-2.0 */
/* Libraries loaded on first use (see dl.h). */
#include "util/dl.h"

#include <dlfcn.h>
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

int tsnu_dl_load(tsnu_dl_lib *lib, const char *purpose)
{
    if (atomic_load_explicit(&lib->loaded, memory_order_acquire))
        return 0;
    pthread_mutex_lock(&lock);
    int rc = 0;
    if (!atomic_load_explicit(&lib->loaded, memory_order_relaxed)) {
        /* RTLD_NODELETE: the functions stay valid whatever happens to the
         * handle; the library is never closed */
        void *h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
        const char *missing = NULL;
        for (size_t i = 0; h && !missing && i < lib->nsyms; i++)
            if (!(*lib->syms[i].slot = dlsym(h, lib->syms[i].name)))
                missing = lib->syms[i].name;
        if (!h) {
            const char *why = dlerror();
            rc = tsn_error_set(
                TSN_ERROR, "%s needs %s, which cannot be loaded: %s", purpose,
                lib->soname, why ? why : "unknown reason");
        } else if (missing) {
            for (size_t i = 0; i < lib->nsyms; i++)
                *lib->syms[i].slot = NULL;
            rc = tsn_error_set(TSN_ERROR, "%s needs %s with %s, which it lacks",
                               purpose, lib->soname, missing);
        } else {
            atomic_store_explicit(&lib->loaded, true, memory_order_release);
        }
    }
    pthread_mutex_unlock(&lock);
    return rc;
}
