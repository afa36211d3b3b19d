/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Real advisories: for every record in osv/pypi and osv/go, each version
 * in an affected entry's "versions" list must fall inside that entry's
 * ECOSYSTEM (or SEMVER) ranges under tsunagi's evaluation, and every
 * range must compile. Records whose list and ranges disagree in the data
 * itself are listed below with the reason and counted apart.
 */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include "tsunagi/errors.h"
#include "tsunagi/range.h"

/* "RECORD VERSION": the advisory lists a version its own ranges leave
 * out (checked by hand against the record; see docs/versions.md). */
static const char *const known[] = {
    /* one range holding overlapping pairs (introduced 2.11, fixed 2.11.7,
     * introduced 0, fixed 2.11.6): in OSV order fixed 2.11.6 ends it */
    "PYSEC-2021-114 2.11.6",
    /* the list comes from the GIT range; the ECOSYSTEM range says fixed
     * in 23.9.0 */
    "PYSEC-2023-177 23.9.0",
    "PYSEC-2023-177 23.9.0.post1",
    /* pre-releases of 3.2 and 4.2 sort before "introduced: 3.2" / "4.2"
     * under PEP 440 */
    "PYSEC-2023-61 3.2a1",
    "PYSEC-2023-61 3.2b1",
    "PYSEC-2023-61 3.2rc1",
    "PYSEC-2023-61 4.2a1",
    "PYSEC-2023-61 4.2b1",
    "PYSEC-2023-61 4.2rc1",
    NULL,
};

/* "RECORD range N": an event version that is not a version of the
 * scheme ("2019-09-12", "0.2.0-n653" for PyPI); the range is refused. */
static const char *const refused[] = {
    "PYSEC-2019-125 range 0",
    "PYSEC-2021-371 range 1",
    NULL,
};

static bool is_refused(const char *id, size_t i)
{
    char key[512];
    snprintf(key, sizeof key, "%s range %zu", id, i);
    for (size_t k = 0; refused[k]; k++)
        if (strcmp(refused[k], key) == 0)
            return true;
    return false;
}

static bool is_known(const char *id, const char *v)
{
    char key[512];
    snprintf(key, sizeof key, "%s %s", id, v);
    for (size_t i = 0; known[i]; i++)
        if (strcmp(known[i], key) == 0)
            return true;
    return false;
}

struct tally {
    long records, entries, ranges, versions, inside, known, bad_ranges, invalid;
};

static void
one(const char *dir, const char *name, tsn_vscheme eco_scheme, struct tally *t)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    tsnu_arena arena = {0};
    tsnu_json *doc = th_load_json(&arena, path);
    const char *id = tsnu_json_get_str(doc, "id");
    const tsnu_json *aff = tsnu_json_get(doc, "affected");
    t->records++;
    for (size_t a = 0; aff && a < aff->len; a++) {
        const tsnu_json *e = &aff->u.items[a];
        const tsnu_json *ranges = tsnu_json_get(e, "ranges");
        const tsnu_json *versions = tsnu_json_get(e, "versions");
        if (!ranges)
            continue;
        if (versions && versions->len)
            t->entries++;
        tsn_range *r[64];
        CHECK(ranges->len <= 64, "%s: %zu ranges, more than this test holds",
              id, ranges->len);
        size_t nr = 0;
        for (size_t i = 0; i < ranges->len && nr < 64; i++) {
            const tsnu_json *rg = &ranges->u.items[i];
            const char *type = tsnu_json_get_str(rg, "type");
            if (!type || strcmp(type, "GIT") == 0)
                continue;
            tsn_vscheme s =
                strcmp(type, "SEMVER") == 0 ? TSN_VS_SEMVER : eco_scheme;
            const tsnu_json *evs = tsnu_json_get(rg, "events");
            tsn_osv_event ev[256];
            CHECK(!evs || evs->len <= 256,
                  "%s: %zu events, more than this test holds", id, evs->len);
            size_t n = 0;
            for (size_t k = 0; evs && k < evs->len && n < 256; k++) {
                const tsnu_json_member *m = &evs->u.items[k].u.members[0];
                static const char *const names[] = {"introduced", "fixed",
                                                    "last_affected", "limit"};
                for (int ty = 0; ty < 4; ty++)
                    if (strcmp(m->key, names[ty]) == 0)
                        ev[n++] = (tsn_osv_event){(tsn_osv_event_type)ty,
                                                  m->value.u.str};
            }
            t->ranges++;
            if (tsn_range_from_osv(&r[nr], s, ev, n) < 0) {
                t->bad_ranges++;
                CHECK(is_refused(id, i), "%s: range %zu: %s", id, i,
                      tsn_error_last()->message);
                continue;
            }
            nr++;
        }
        for (size_t i = 0; versions && i < versions->len; i++) {
            const char *v = versions->u.items[i].u.str;
            bool in = false;
            t->versions++;
            if (tsn_version_check(eco_scheme, v) < 0) {
                /* not a version of the scheme (PEP 440 has no legacy
                 * versions since packaging 22): refused, never guessed */
                t->invalid++;
                continue;
            }
            for (size_t k = 0; k < nr && !in; k++) {
                bool hit = false;
                if (tsn_range_contains(r[k], v, &hit) == 0)
                    in = hit;
            }
            if (in) {
                t->inside++;
            } else if (is_known(id, v)) {
                t->known++;
            } else {
                CHECK(false, "%s: listed version %s lies outside its ranges",
                      id, v);
            }
        }
        for (size_t k = 0; k < nr; k++)
            tsn_range_free(r[k]);
    }
    tsnu_arena_dispose(&arena);
}

static void run(const char *rel, tsn_vscheme scheme)
{
    const char *dir = th_shared(rel);
    if (!dir) {
        CHECK(false, "missing %s", rel);
        return;
    }
    char *dcopy = strdup(dir);
    size_t n;
    char **names = th_json_names(dcopy, &n);
    struct tally t = {0};
    for (size_t i = 0; i < n; i++)
        one(dcopy, names[i], scheme, &t);
    th_free_names(names, n);
    free(dcopy);
    printf("%-10s records %ld, affected entries with versions %ld, ranges "
           "%ld (%ld refused)\n",
           rel, t.records, t.entries, t.ranges, t.bad_ranges);
    printf("%-10s listed versions %ld: inside their ranges %ld, not valid "
           "versions of the scheme %ld, listed outside by the advisory "
           "itself %ld\n",
           rel, t.versions, t.inside, t.invalid, t.known);
}

int main(int argc, char **argv)
{
    th_verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
    if (!th_shared("osv/pypi"))
        return TH_SKIP;
    run("osv/pypi", TSN_VS_PYPI);
    run("osv/go", TSN_VS_GOLANG);
    return th_finish("osv-ranges");
}
