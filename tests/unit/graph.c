/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Shortest paths through an SBOM's dependency graph (tsni_sbom_reach):
 * from the described component, through a cycle, a nested component, an
 * unreachable one; without a described component; SPDX's edges that
 * point the other way (DEPENDENCY_OF).
 */
#include "harness.h"
#include "lib/sbom/graph.h"

#include <stdint.h>
#include <string.h>

#include "tsunagi/tsunagi.h"

static tsn_ctx *ctx;

static tsn_sbom *read_text(const char *text)
{
    tsn_sbom *s = NULL;
    tsn_sbom_read_opts o = TSN_SBOM_READ_OPTS_INIT;
    o.name = "t";
    CHECK(tsn_sbom_read(&s, ctx, text, strlen(text), &o) == 0, "read: %s",
          tsn_error_last()->message);
    return s;
}

/* An SBOM read and reached (tsni_sbom_reach). */
struct reached {
    tsn_sbom *s;
    size_t *before, *depth;
};

static struct reached reach(const char *text)
{
    struct reached r = {read_text(text), NULL, NULL};
    CHECK(r.s && tsni_sbom_reach(r.s, &r.before, &r.depth) == 0, "reach");
    return r;
}

static void reached_free(struct reached *r)
{
    tsn_free(r->before);
    tsn_free(r->depth);
    tsn_sbom_free(r->s);
}

/* The index of the component named @p name. */
static size_t at(const tsn_sbom *s, const char *name)
{
    size_t n = 0;
    const tsn_sbom_component *c = tsn_sbom_components(s, &n);
    for (size_t i = 0; i < n; i++)
        if (c[i].name && strcmp(c[i].name, name) == 0)
            return i;
    CHECK(false, "no component %s", name);
    return 0;
}

/* Component @p name is @p depth steps from a root, after @p prev (NULL:
 * none). */
static void
expect(const struct reached *r, const char *name, size_t d, const char *prev)
{
    if (!r->before || !r->depth)
        return;
    size_t i = at(r->s, name);
    CHECK(r->depth[i] == d, "%s: depth %zu, expected %zu", name, r->depth[i],
          d);
    size_t want = prev ? at(r->s, prev) : TSN_SBOM_NONE;
    CHECK(r->before[i] == want, "%s: after %zu, expected %s", name,
          r->before[i], prev ? prev : "none");
}

static void cyclonedx(void)
{
    struct reached r =
        reach("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\","
              "\"metadata\":{\"component\":{\"type\":\"application\","
              "\"bom-ref\":\"a\",\"name\":\"a\"}},\"components\":["
              "{\"type\":\"library\",\"bom-ref\":\"b\",\"name\":\"b\"},"
              "{\"type\":\"library\",\"bom-ref\":\"c\",\"name\":\"c\","
              " \"components\":[{\"type\":\"library\",\"bom-ref\":\"f\","
              "\"name\":\"f\"}]},"
              "{\"type\":\"library\",\"bom-ref\":\"d\",\"name\":\"d\"},"
              "{\"type\":\"library\",\"bom-ref\":\"e\",\"name\":\"e\"}],"
              "\"dependencies\":[{\"ref\":\"a\",\"dependsOn\":[\"b\",\"c\"]},"
              "{\"ref\":\"b\",\"dependsOn\":[\"c\"]},"
              "{\"ref\":\"c\",\"dependsOn\":[\"d\",\"nowhere\"]},"
              "{\"ref\":\"d\",\"dependsOn\":[\"b\",\"a\"]}]}");
    expect(&r, "a", 0, NULL);
    expect(&r, "b", 1, "a");
    expect(&r, "c", 1, "a"); /* not through b */
    expect(&r, "d", 2, "c");
    expect(&r, "f", 2, "c"); /* nested in c */
    expect(&r, "e", SIZE_MAX, NULL);
    reached_free(&r);
}

static void no_root(void)
{
    struct reached r =
        reach("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\","
              "\"components\":["
              "{\"type\":\"library\",\"bom-ref\":\"x\",\"name\":\"x\"},"
              "{\"type\":\"library\",\"bom-ref\":\"y\",\"name\":\"y\"},"
              "{\"type\":\"library\",\"bom-ref\":\"z\",\"name\":\"z\"}],"
              "\"dependencies\":[{\"ref\":\"x\",\"dependsOn\":[\"y\"]}]}");
    expect(&r, "x", 0, NULL);
    expect(&r, "y", 1, "x");
    expect(&r, "z", 0, NULL); /* nothing depends on it */
    reached_free(&r);
}

static void spdx(void)
{
    struct reached r =
        reach("{\"spdxVersion\":\"SPDX-2.3\",\"dataLicense\":\"CC0-1.0\","
              "\"SPDXID\":\"SPDXRef-DOCUMENT\",\"name\":\"t\","
              "\"documentNamespace\":\"https://example.com/t\","
              "\"creationInfo\":{\"created\":\"2026-01-01T00:00:00Z\","
              "\"creators\":[\"Tool: t\"]},"
              "\"packages\":["
              "{\"SPDXID\":\"SPDXRef-p1\",\"name\":\"p1\","
              "\"downloadLocation\":\"NOASSERTION\"},"
              "{\"SPDXID\":\"SPDXRef-p2\",\"name\":\"p2\","
              "\"downloadLocation\":\"NOASSERTION\"},"
              "{\"SPDXID\":\"SPDXRef-p3\",\"name\":\"p3\","
              "\"downloadLocation\":\"NOASSERTION\"},"
              "{\"SPDXID\":\"SPDXRef-p4\",\"name\":\"p4\","
              "\"downloadLocation\":\"NOASSERTION\"}],"
              "\"relationships\":["
              "{\"spdxElementId\":\"SPDXRef-DOCUMENT\","
              "\"relationshipType\":\"DESCRIBES\","
              "\"relatedSpdxElement\":\"SPDXRef-p1\"},"
              "{\"spdxElementId\":\"SPDXRef-p2\","
              "\"relationshipType\":\"DEPENDENCY_OF\","
              "\"relatedSpdxElement\":\"SPDXRef-p1\"},"
              "{\"spdxElementId\":\"SPDXRef-p2\","
              "\"relationshipType\":\"CONTAINS\","
              "\"relatedSpdxElement\":\"SPDXRef-p3\"},"
              "{\"spdxElementId\":\"SPDXRef-p1\","
              "\"relationshipType\":\"DESCRIBES\","
              "\"relatedSpdxElement\":\"SPDXRef-p4\"}]}");
    expect(&r, "p1", 0, NULL);
    expect(&r, "p2", 1, "p1"); /* p2 DEPENDENCY_OF p1 */
    expect(&r, "p3", 2, "p2"); /* p2 CONTAINS p3 */
    /* DESCRIBES is not a dependency */
    expect(&r, "p4", SIZE_MAX, NULL);
    reached_free(&r);
}

int main(void)
{
    CHECK(tsn_ctx_new(&ctx) == 0, "ctx");
    cyclonedx();
    no_root();
    spdx();
    tsn_ctx_free(ctx);
    return th_finish("sbom graph");
}
