/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CISA KEV reader: the Known Exploited Vulnerabilities catalog (JSON),
 * checked against the catalog's published JSON schema.
 */
#include "lib/lib.h"

#include "lib/advisory/rd.h"
#include "tsunagi/advisory.h"
#include "tsunagi/limits.h"
#include "util/json.h"

#include <stdlib.h>
#include <string.h>

struct kev {
    tsn_kev pub; /* first: the handle is the public struct */
    tsnu_arena arena;
};

/* A member the schema requires: present (an empty string is allowed). */
static int need(tsnr *r,
                const tsnu_json *v,
                const tsnu_jpath *p,
                const char *key,
                bool date,
                const char **out)
{
    int rc = date ? tsnr_date(r, v, p, key, false, out)
                  : tsnr_str(r, v, p, key, false, out);
    if (rc == 0 && !*out)
        return tsnr_bad(r, p, v, "'%s' is required", key);
    return rc;
}

static int
read_entry(tsnr *r, const tsnu_json *v, const tsnu_jpath *p, tsn_kev_entry *e)
{
    int rc;
    if (v->type != TSNU_JSON_OBJECT)
        return tsnr_bad(r, p, v, "expected object, got %s",
                        tsnu_json_type_name(v->type));
    const char *ransom = NULL;
    if ((rc = need(r, v, p, "cveID", false, &e->cve)) < 0 ||
        (rc = need(r, v, p, "vendorProject", false, &e->vendor)) < 0 ||
        (rc = need(r, v, p, "product", false, &e->product)) < 0 ||
        (rc = need(r, v, p, "vulnerabilityName", false, &e->name)) < 0 ||
        (rc = need(r, v, p, "dateAdded", true, &e->date_added)) < 0 ||
        (rc = need(r, v, p, "shortDescription", false, &e->description)) < 0 ||
        (rc = need(r, v, p, "requiredAction", false, &e->action)) < 0 ||
        (rc = need(r, v, p, "dueDate", true, &e->due_date)) < 0 ||
        (rc = tsnr_str(r, v, p, "knownRansomwareCampaignUse", false, &ransom)) <
            0 ||
        (rc = tsnr_str(r, v, p, "notes", false, &e->notes)) < 0 ||
        (rc = tsnr_strings(r, v, p, "cwes", false, &e->cwes, &e->ncwes)) < 0)
        return rc;
    if (!tsnr_cve_ok(e->cve, strlen(e->cve))) {
        tsnu_jpath at = TSNR_AT(p, "cveID");
        return tsnr_bad(r, &at, tsnu_json_get(v, "cveID"),
                        "'%s' is not a CVE id (CVE-YYYY-NNNN)", e->cve);
    }
    const tsnu_json *cw = tsnu_json_get(v, "cwes");
    for (size_t i = 0; i < e->ncwes; i++)
        if (!tsnr_cwe_ok(e->cwes[i])) {
            tsnu_jpath at = TSNR_AT(p, "cwes"), ip = TSNR_IDX(&at, i);
            return tsnr_bad(r, &ip, &cw->u.items[i],
                            "'%s' is not a CWE id (CWE-N)", e->cwes[i]);
        }
    e->ransomware = ransom && strcmp(ransom, "Known") == 0;
    return 0;
}

int tsn_kev_read(tsn_kev **out, const char *text, size_t len, const char *name)
{
    *out = NULL;
    struct kev *k = tsn_calloc(1, sizeof *k);
    if (!k)
        return tsn_error_oom();
    tsnu_json_opts jo = {.max_depth = TSN_LIMIT_DEPTH,
                         .max_string = TSN_LIMIT_FIELD_BYTES};
    tsnr r = TSNR_INIT(&k->arena, name ? name : "<catalog>");
    /* refusals are kept apart from warnings and without their cap */
    tsnu_vec refused = TSNU_VEC_INIT(const char *, SIZE_MAX / 16);
    tsnu_json *root;
    const tsnu_jpath *top = NULL; /* the root */
    const tsnu_json *vulns = NULL;
    int rc = tsnu_json_parse(&root, &k->arena, text, len, &jo, r.name);
    if (rc == 0 && root->type != TSNU_JSON_OBJECT)
        rc = tsnr_bad(&r, top, root, "a KEV catalog is a JSON object");
    if (rc == 0)
        rc = tsnr_str(&r, root, top, "catalogVersion", true,
                      &k->pub.catalog_version);
    if (rc == 0)
        rc = tsnr_time(&r, root, top, "dateReleased", true,
                       &k->pub.date_released);
    if (rc == 0)
        rc = tsnr_member(&r, root, top, "vulnerabilities", TSNU_JSON_ARRAY,
                         &vulns);
    if (rc == 0 && !vulns)
        rc = tsnr_bad(&r, top, root, "'vulnerabilities' is required");
    tsn_kev_entry *es = NULL;
    if (rc == 0 && vulns->len &&
        !(es = tsnu_arena_calloc(&k->arena, vulns->len, sizeof *es)))
        rc = tsn_error_oom();
    size_t n = 0;
    tsnu_jpath at = TSNR_AT(top, "vulnerabilities");
    for (size_t i = 0; rc == 0 && i < vulns->len; i++) {
        tsnu_jpath ip = TSNR_IDX(&at, i);
        memset(&es[n], 0, sizeof es[n]);
        rc = read_entry(&r, &vulns->u.items[i], &ip, &es[n]);
        if (rc == 0) {
            n++;
        } else if (rc == TSN_EINVALID) {
            char *m = tsnu_arena_strdup(&k->arena, tsn_error_last()->message);
            rc = m ? tsnu_vec_push(&refused, &m) : tsn_error_oom();
        }
    }
    k->pub.entries = es;
    k->pub.nentries = n;
    if (rc == 0 && refused.len) {
        size_t bytes = refused.len * sizeof(const char *);
        const char **list = tsnu_arena_alloc(&k->arena, bytes);
        if (!list)
            rc = tsn_error_oom();
        else
            memcpy(list, refused.ptr, bytes);
        k->pub.refused = list;
        k->pub.nrefused = refused.len;
    }
    tsnu_vec_dispose(&refused);
    tsnu_vec_dispose(&r.warnings);
    if (rc < 0) {
        tsn_kev_free(&k->pub);
        return rc;
    }
    *out = &k->pub;
    return 0;
}

void tsn_kev_free(tsn_kev *kev)
{
    if (!kev)
        return;
    struct kev *k = (struct kev *)kev;
    tsnu_arena_dispose(&k->arena);
    free(k);
}
