/* SPDX-License-Identifier: Apache-2.0 */
/* CycloneDX vocabulary and reference checks shared by JSON and XML. */
#include "cdx.h"

#include <string.h>

int tsn_cdx__minor(const char *v)
{
    if (!v || v[0] != '1' || v[1] != '.' || v[2] < '0' || v[2] > '7' ||
        v[3] != '\0')
        return -1;
    return v[2] - '0';
}

bool tsn_cdx__component_type(const char *t, int minor)
{
    /* SPEC: CDX component.type enumeration, per version */
    static const char *const base[] = {
        "application", "framework", "library", "container", "operating-system",
        "device",      "firmware",  "file",    NULL};
    static const char *const since15[] = {
        "platform", "device-driver", "machine-learning-model", "data", NULL};
    static const char *const since16[] = {"cryptographic-asset", NULL};
    if (tsn_rules__in(t, base))
        return !(minor < 2 && strcmp(t, "container") == 0) &&
               !(minor < 2 && strcmp(t, "firmware") == 0) &&
               !(minor < 1 && strcmp(t, "file") == 0);
    if (minor >= 5 && tsn_rules__in(t, since15))
        return true;
    if (minor >= 6 && tsn_rules__in(t, since16))
        return true;
    return false;
}

const char *const tsn_cdx__scopes[] = {"required", "optional", "excluded",
                                       NULL};
const char *const tsn_cdx__data_flows[] = {"inbound", "outbound",
                                           "bi-directional", "unknown", NULL};
const char *const tsn_cdx__patch_types[] = {"unofficial", "monkey", "backport",
                                            "cherry-pick", NULL};
const char *const tsn_cdx__issue_types[] = {"defect", "enhancement", "security",
                                            NULL};
const char *const tsn_cdx__encodings[] = {"base64", NULL};
const char *const tsn_cdx__acknowledgements[] = {"declared", "concluded", NULL};
const char *const tsn_cdx__analysis_states[] = {
    "resolved",       "resolved_with_pedigree", "exploitable", "in_triage",
    "false_positive", "not_affected",           NULL};
const char *const tsn_cdx__responses[] = {
    "can_not_fix", "will_not_fix",         "update",
    "rollback",    "workaround_available", NULL};
const char *const tsn_cdx__justifications[] = {
    "code_not_present",
    "code_not_reachable",
    "requires_configuration",
    "requires_dependency",
    "requires_environment",
    "protected_by_compiler",
    "protected_at_runtime",
    "protected_at_perimeter",
    "protected_by_mitigating_control",
    NULL};

int tsn_cdx__define_ref(tsn_sbom *s,
                        struct tsn_cdx_refs *refs,
                        const char *ref,
                        const char *location)
{
    int added;
    if (!ref)
        return 0;
    if (!*ref)
        /* SPEC: CDX-1.5 refType minLength 1 */
        return tsn_sbom__diag(s, TSN_DIAG_ERROR, location,
                              "bom-ref must not be empty");
    added = tsnu_strset_add(&refs->defined, ref);
    if (added < 0)
        return added;
    if (added == 0)
        /* SPEC: CDX bom-ref unique within the BOM */
        return tsn_sbom__diag(s, TSN_DIAG_ERROR, location,
                              "duplicate bom-ref \"%.200s\"", ref);
    return 0;
}

int tsn_cdx__define_ref_lazy(tsn_sbom *s,
                             struct tsn_cdx_refs *refs,
                             const char *ref,
                             const char *(*locate)(void *rd, const void *node),
                             void *rd,
                             const void *node)
{
    int added;
    if (!ref)
        return 0;
    if (*ref) {
        added = tsnu_strset_add(&refs->defined, ref);
        if (added != 0)
            return added < 0 ? added : 0;
    }
    /* Empty or duplicate: render the location and report. */
    return tsn_cdx__define_ref(s, refs, ref, locate(rd, node));
}

int tsn_cdx__use_ref_lazy(struct tsn_cdx_refs *refs,
                          const char *ref,
                          const char *what,
                          const char *(*locate)(void *rd, const void *node),
                          void *rd,
                          const void *node)
{
    struct tsn_cdx_use u = {ref, NULL, what, locate, rd, node};
    if (!refs->uses.elem)
        refs->uses = (tsnu_vec)TSNU_VEC_INIT(struct tsn_cdx_use, SIZE_MAX / 64);
    return tsnu_vec_push(&refs->uses, &u);
}

int tsn_cdx__use_ref(struct tsn_cdx_refs *refs,
                     const char *ref,
                     const char *location,
                     const char *what)
{
    struct tsn_cdx_use u = {ref, location, what, NULL, NULL, NULL};
    if (!refs->uses.elem)
        refs->uses = (tsnu_vec)TSNU_VEC_INIT(struct tsn_cdx_use, SIZE_MAX / 64);
    return tsnu_vec_push(&refs->uses, &u);
}

int tsn_cdx__resolve_refs(tsn_sbom *s, struct tsn_cdx_refs *refs)
{
    for (size_t i = 0; i < refs->uses.len; i++) {
        struct tsn_cdx_use *u = TSNU_VEC_AT(&refs->uses, struct tsn_cdx_use, i);
        if (!tsnu_strset_has(&refs->defined, u->ref)) {
            int error = tsn_sbom__diag(
                s, TSN_DIAG_ERROR,
                u->location ? u->location : u->locate(u->rd, u->node),
                "%s \"%.200s\" does not match any bom-ref", u->what, u->ref);
            if (error < 0)
                return error;
        }
    }
    return 0;
}

void tsn_cdx__refs_dispose(struct tsn_cdx_refs *refs)
{
    tsnu_strset_dispose(&refs->defined);
    tsnu_vec_dispose(&refs->uses);
}
