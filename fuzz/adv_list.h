/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the fuzz targets of many-record readers (NVD, JVN) share: a
 * document either reads, every record kept passing @p check and its
 * stored text reading back alone as the same record with the same text,
 * every refusal naming the input; or is refused with a message that names
 * the input.
 */
#ifndef TSN_FUZZ_ADV_LIST_H
#define TSN_FUZZ_ADV_LIST_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagi/tsunagi.h"

typedef int (*fuzz_list_reader)(tsn_adv_list **,
                                const char *,
                                size_t,
                                const char *);

static inline void fuzz_adv_list(fuzz_list_reader read,
                                 void (*check)(const tsn_advisory *),
                                 const uint8_t *data,
                                 size_t size,
                                 const char *name)
{
    size_t nl = strlen(name);
    tsn_adv_list *l = NULL;
    int rc = read(&l, (const char *)data, size, name);
    if (rc == 0) {
        for (size_t i = 0; i < l->n; i++) {
            check(l->items[i]);
            tsn_adv_list *one = NULL;
            if (read(&one, l->texts[i], l->lens[i], "rec") != 0 ||
                one->n != 1 ||
                strcmp(one->items[0]->id, l->items[i]->id) != 0 ||
                one->lens[0] != l->lens[i] ||
                memcmp(one->texts[0], l->texts[i], l->lens[i]) != 0)
                abort();
            tsn_adv_list_free(one);
        }
        for (size_t i = 0; i < l->nrefused; i++)
            if (strncmp(l->refused[i], name, nl) != 0)
                abort();
    } else if (l || strncmp(tsn_error_last()->message, name, nl) != 0) {
        abort();
    }
    tsn_adv_list_free(l);
}

#endif
