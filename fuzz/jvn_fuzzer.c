/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzz target: the JVN reader. A document either reads, every record kept
 * holding a JVNDB id, an RFC 3339 modified time and CPE 2.3 names, every
 * range starting with an introduced event, its stored text reading back
 * alone as the same record with the same text, and the record writing
 * out as JSON; or is refused with a message that names the input. Each
 * refused record names it too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagi/tsunagi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const tsn_advisory *a)
{
    if (strncmp(a->id, "JVNDB-", 6) != 0 || strcmp(a->source, "jvn") != 0 ||
        strlen(a->modified) < 20)
        abort();
    for (size_t i = 0; i < a->naffected; i++) {
        const tsn_adv_affected *af = &a->affected[i];
        for (size_t j = 0; j < af->ncpes; j++)
            if (strncmp(af->cpes[j], "cpe:2.3:", 8) != 0)
                abort();
        for (size_t j = 0; j < af->nranges; j++)
            if (af->ranges[j].nevents == 0 ||
                af->ranges[j].events[0].kind != TSN_EV_INTRODUCED ||
                !af->ranges[j].events[0].version)
                abort();
    }
    char *json = NULL;
    if (tsn_advisory_to_json(a, &json) != 0)
        abort();
    tsn_free(json);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tsn_adv_list *l = NULL;
    int rc = tsn_jvn_read(&l, (const char *)data, size, "fuzz.xml");
    if (rc == 0) {
        for (size_t i = 0; i < l->n; i++) {
            check(l->items[i]);
            tsn_adv_list *one = NULL;
            if (tsn_jvn_read(&one, l->texts[i], l->lens[i], "rec") != 0 ||
                one->n != 1 ||
                strcmp(one->items[0]->id, l->items[i]->id) != 0 ||
                one->lens[0] != l->lens[i] ||
                memcmp(one->texts[0], l->texts[i], l->lens[i]) != 0)
                abort();
            tsn_adv_list_free(one);
        }
        for (size_t i = 0; i < l->nrefused; i++)
            if (strncmp(l->refused[i], "fuzz.xml", 8) != 0)
                abort();
    } else if (l || strncmp(tsn_error_last()->message, "fuzz.xml", 8) != 0) {
        abort();
    }
    tsn_adv_list_free(l);
    return 0;
}
