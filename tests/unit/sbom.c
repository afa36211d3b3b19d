/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SBOM reading limits, each at N-1, N and N+1: component count, document
 * size and nesting depth; and the out-of-memory path of a whole read.
 * A CycloneDX XML document longer than the pieces expat is fed: its
 * components and an error's place after the first piece.
 */
#include "harness.h"

#include <string.h>

#include "tsunagi/tsunagi.h"

/* A CycloneDX document with @p n components. */
static void make_doc(tsn_buf *b, size_t n)
{
    tsn_buf_clear(b);
    tsn_buf_puts(b, "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\","
                    "\"components\":[");
    for (size_t i = 0; i < n; i++)
        tsn_buf_printf(b, "%s{\"type\":\"library\",\"name\":\"c%zu\"}",
                       i ? "," : "", i);
    tsn_buf_puts(b, "]}");
}

static int read_doc(tsn_ctx *ctx, const tsn_buf *b)
{
    tsn_sbom *s = NULL;
    tsn_sbom_read_opts o = TSN_SBOM_READ_OPTS_INIT;
    int rc;
    o.name = "t";
    rc = tsn_sbom_read(&s, ctx, b->ptr, b->len, &o);
    tsn_sbom_free(s);
    return rc;
}

static void test_sbom_limits__components(void)
{
    tsn_ctx *ctx = NULL;
    tsn_buf b = TSN_BUF_INIT(1 << 20);
    CHECK(tsn_ctx_new(&ctx) == 0, "ctx");
    tsn_ctx_limits(ctx)->components = 10;
    /* LIMIT: components at N-1, N, N+1 */
    for (size_t n = 9; n <= 11; n++) {
        int rc;
        make_doc(&b, n);
        rc = read_doc(ctx, &b);
        CHECK(n <= 10 ? rc == 0 : rc == TSN_ETOOBIG, "%zu components: rc %d", n,
              rc);
        if (n == 11)
            CHECK(strstr(tsn_error_last()->message, "more than 10 components"),
                  "message: %s", tsn_error_last()->message);
    }
    tsn_buf_dispose(&b);
    tsn_ctx_free(ctx);
}

static void test_sbom_limits__document_bytes(void)
{
    tsn_ctx *ctx = NULL;
    tsn_buf b = TSN_BUF_INIT(1 << 20);
    size_t len;
    CHECK(tsn_ctx_new(&ctx) == 0, "ctx");
    make_doc(&b, 3);
    len = b.len;
    /* LIMIT: document bytes at N-1, N, N+1 */
    tsn_ctx_limits(ctx)->document_bytes = len - 1;
    CHECK(read_doc(ctx, &b) == TSN_ETOOBIG, "limit len-1");
    tsn_ctx_limits(ctx)->document_bytes = len;
    CHECK(read_doc(ctx, &b) == 0, "limit len");
    tsn_ctx_limits(ctx)->document_bytes = len + 1;
    CHECK(read_doc(ctx, &b) == 0, "limit len+1");
    tsn_buf_dispose(&b);
    tsn_ctx_free(ctx);
}

static void test_sbom_limits__depth(void)
{
    tsn_ctx *ctx = NULL;
    tsn_buf b = TSN_BUF_INIT(1 << 20);
    CHECK(tsn_ctx_new(&ctx) == 0, "ctx");
    /* Document depth: root object, components array, nested components:
     * each level of nesting adds two. LIMIT: depth at N-1, N, N+1 */
    for (unsigned limit = 5; limit <= 7; limit++) {
        int rc;
        tsn_ctx_limits(ctx)->depth = limit;
        tsn_buf_clear(&b);
        tsn_buf_puts(&b, "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\","
                         "\"components\":[{\"type\":\"library\",\"name\":"
                         "\"a\",\"components\":[{\"type\":\"library\","
                         "\"name\":\"b\"}]}]}");
        rc = read_doc(ctx, &b); /* nesting depth 5 */
        CHECK(rc == 0, "depth limit %u: rc %d", limit, rc);
        tsn_ctx_limits(ctx)->depth = limit - 2;
        rc = read_doc(ctx, &b);
        CHECK(limit - 2 >= 5 ? rc == 0 : rc == TSN_ETOOBIG,
              "depth limit %u: rc %d", limit - 2, rc);
    }
    tsn_buf_dispose(&b);
    tsn_ctx_free(ctx);
}

/* An XML document of @p n components (about 70 bytes each), the last
 * one's end tag misspelt when @p broken. */
static void make_xml(tsn_buf *b, size_t n, bool broken)
{
    tsn_buf_clear(b);
    tsn_buf_puts(b, "<?xml version=\"1.0\"?>\n<bom xmlns=\"http://"
                    "cyclonedx.org/schema/bom/1.5\" version=\"1\">"
                    "<components>\n");
    for (size_t i = 0; i < n; i++)
        tsn_buf_printf(b,
                       "<component type=\"library\"><name>c%zu</name>"
                       "<version>1</version></component%s>\n",
                       i, broken && i == n - 1 ? "X" : "");
    tsn_buf_puts(b, "</components></bom>\n");
}

static void test_sbom_xml__pieces(void)
{
    tsn_ctx *ctx = NULL;
    tsn_buf b = TSN_BUF_INIT(1 << 24);
    CHECK(tsn_ctx_new(&ctx) == 0, "ctx");
    make_xml(&b, 5000, false); /* 350 KB: six pieces */
    tsn_sbom *s = NULL;
    tsn_sbom_read_opts o = TSN_SBOM_READ_OPTS_INIT;
    o.name = "t.xml";
    size_t n = 0;
    CHECK(tsn_sbom_read(&s, ctx, b.ptr, b.len, &o) == 0, "read: %s",
          tsn_error_last()->message);
    const tsn_sbom_component *c = s ? tsn_sbom_components(s, &n) : NULL;
    CHECK(n == 5000 && c && strcmp(c[4999].name, "c4999") == 0,
          "5000 components, the last one whole: %zu", n);
    tsn_sbom_free(s);
    make_xml(&b, 5000, true);
    s = NULL;
    CHECK(tsn_sbom_read(&s, ctx, b.ptr, b.len, &o) == TSN_EINVALID,
          "a misspelt end tag");
    CHECK_STR(tsn_error_last()->message, "t.xml:5002:67: mismatched tag",
              "its place, past the first pieces");
    tsn_sbom_free(s);
    tsn_buf_dispose(&b);
    tsn_ctx_free(ctx);
}

int main(void)
{
    test_sbom_limits__components();
    test_sbom_limits__document_bytes();
    test_sbom_limits__depth();
    test_sbom_xml__pieces();
    return th_finish("sbom unit");
}
