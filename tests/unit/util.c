/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Unit tests for src/util: JSON parser strictness and limits (each limit
 * at N-1, N and N+1), bounded buffers, arena reservations, atomic file
 * writes, UTF-8, libraries loaded on first use, heaps on huge pages.
 */
#include "harness.h"

#include "util/dl.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int parse(const char *text, unsigned depth, size_t max_string)
{
    tsnu_arena a = TSNU_ARENA_INIT;
    tsnu_json *root;
    tsnu_json_opts o = {.max_depth = depth, .max_string = max_string};
    int rc = tsnu_json_parse(&root, &a, text, strlen(text), &o, "t");
    tsnu_arena_dispose(&a);
    return rc;
}

static char *nested(unsigned n)
{
    char *s = malloc(2 * n + 1);
    for (unsigned i = 0; i < n; i++) {
        s[i] = '[';
        s[2 * n - 1 - i] = ']';
    }
    s[2 * n] = '\0';
    return s;
}

static void test_util_json__strict(void)
{
    static const char *const bad[] = {"",
                                      "[1,]",
                                      "{\"a\":1,}",
                                      "01",
                                      "1.",
                                      "-",
                                      "\"\\x\"",
                                      "\"a\nb\"",
                                      "{\"a\" 1}",
                                      "[1 2]",
                                      "tru",
                                      "nul",
                                      "\"\\ud800\"",
                                      "\"\\udc00x\"",
                                      "{\"a\":1,\"a\":2}",
                                      "\"\xc3\x28\"",
                                      "\"\xed\xa0\x80\"",
                                      "\"\xf4\x90\x80\x80\"",
                                      "1 2",
                                      "\"\\u0000\"",
                                      "\"\xc0\xaf\""};
    static const char *const good[] = {
        "0",
        "-0.5e+10",
        "[]",
        "{}",
        "\"\\ud83d\\ude00\"",
        "\"\xe3\x81\x82\"",
        "\xef\xbb\xbf{\"a\":[true,false,null]}",
        " \n[1]\n ",
        "[        1]",
        "[         1 ,        2]",
        "{\n        \"a\":\n                \"b\"}"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CHECK(parse(bad[i], 16, 100) == TSN_EINVALID, "accepted bad JSON %zu",
              i);
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        CHECK(parse(good[i], 16, 100) == 0, "rejected good JSON %zu: %s", i,
              tsn_error_last()->message);
}

static void test_util_json__depth_limit(void)
{
    /* LIMIT: depth at N-1, N, N+1 */
    for (unsigned n = 9; n <= 11; n++) {
        char *s = nested(n);
        int rc = parse(s, 10, 100);
        CHECK(n <= 10 ? rc == 0 : rc == TSN_ETOOBIG, "depth %u: rc %d", n, rc);
        free(s);
    }
}

static void test_util_json__string_limit(void)
{
    /* LIMIT: field length at N-1, N, N+1 */
    for (size_t n = 9; n <= 11; n++) {
        char s[32];
        memset(s, 'a', sizeof s);
        s[0] = '"';
        s[n + 1] = '"';
        s[n + 2] = '\0';
        int rc = parse(s, 10, 10);
        CHECK(n <= 10 ? rc == 0 : rc == TSN_ETOOBIG, "string %zu: rc %d", n,
              rc);
    }
}

static void test_util_json__locations(void)
{
    parse("{\"a\": [1, 2,\n  {\"b\": tru}]}", 16, 100);
    CHECK(strstr(tsn_error_last()->message, "t:2:9: /a/2/b: invalid literal") !=
              NULL,
          "location: %s", tsn_error_last()->message);
    parse("[\n                 1,\n        x]", 16, 100);
    CHECK(strstr(tsn_error_last()->message, "t:3:9: /1: invalid number") !=
              NULL,
          "location after indentation: %s", tsn_error_last()->message);
    parse("{\"x~/y\": [\"\\q\"]}", 16, 100);
    CHECK(strstr(tsn_error_last()->message, "/x~0~1y/0: invalid escape") !=
              NULL,
          "pointer escaping: %s", tsn_error_last()->message);
}

static void test_util_json__unescape(void)
{
    tsnu_arena a = TSNU_ARENA_INIT;
    tsnu_json *root;
    const char *t = "[\"a\\n\\u00e9\\ud83d\\ude00\\\"\"]";
    CHECK(tsnu_json_parse(&root, &a, t, strlen(t), NULL, "t") == 0, "parse");
    CHECK_STR(root->u.items[0].u.str, "a\n\xc3\xa9\xf0\x9f\x98\x80\"",
              "unescaped");
    tsnu_arena_dispose(&a);
}

/* Members left out (tsnu_json_opts.skip): gone wherever they are, their
 * values still read as JSON, errors inside them placed. */
static int parse_skipping(const char *text, tsnu_arena *a, tsnu_json **root)
{
    static const char *const skip[] = {"details", "references", NULL};
    tsnu_json_opts o = {.max_depth = 8, .max_string = 16, .skip = skip};
    return tsnu_json_parse(root, a, text, strlen(text), &o, "t");
}

static void test_util_json__skip(void)
{
    tsnu_arena a = TSNU_ARENA_INIT;
    tsnu_json *root = NULL;
    const char *t = "{\"id\": \"A\", \"details\": {\"x\": [1, \"\\u00e9\"]},"
                    " \"affected\": [{\"references\": [], \"n\": 2}],"
                    " \"references\": null}";
    CHECK(parse_skipping(t, &a, &root) == 0, "parse: %s",
          tsn_error_last()->message);
    CHECK(root && root->len == 2 && tsnu_json_get_str(root, "id") &&
              !tsnu_json_get(root, "details") &&
              !tsnu_json_get(root, "references"),
          "top-level members left out");
    const tsnu_json *af = root ? tsnu_json_get(root, "affected") : NULL;
    CHECK(af && af->len == 1 && af->u.items[0].len == 1 &&
              tsnu_json_get(&af->u.items[0], "n"),
          "nested member left out");
    tsnu_arena_dispose(&a);

    /* what the whole parse refuses inside them is refused */
    static const struct {
        const char *text, *where;
        int rc;
    } bad[] = {
        {"{\"details\": [1,]}", "t:1:16: /details/1: invalid number",
         TSN_EINVALID},
        {"{\"details\": {\"k~\": tru}}", "/details/k~0: invalid literal",
         TSN_EINVALID},
        {"{\"details\": \"\\q\"}", "/details: invalid escape", TSN_EINVALID},
        {"{\"details\": \"\xc3\x28\"}", "invalid UTF-8", TSN_EINVALID},
        {"{\"details\": \"12345678901234567\"}", "field limit", TSN_ETOOBIG},
        {"{\"details\": [[[[[[[[1]]]]]]]]}", "depth limit", TSN_ETOOBIG},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        tsnu_arena b = TSNU_ARENA_INIT;
        int rc = parse_skipping(bad[i].text, &b, &root);
        CHECK(rc == bad[i].rc &&
                  strstr(tsn_error_last()->message, bad[i].where) != NULL,
              "skipped bad %zu: rc %d, %s", i, rc, tsn_error_last()->message);
        tsnu_arena_dispose(&b);
    }
    /* documented: what is not kept is not compared for duplicate keys */
    CHECK(parse_skipping("{\"details\": {\"a\": 1, \"a\": 2}}", &a, &root) == 0,
          "duplicate key inside a skipped value");
    tsnu_arena_dispose(&a);
}

/* Strings written and read back with one byte that is special to JSON
 * (or UTF-8, or a raw control character) at every place of strings of
 * 0 to 24 bytes: the reader looks at eight bytes at a time, and a special
 * byte on either side of each eight-byte boundary must be seen. */
static void test_util_json__string_every_position(void)
{
    static const char *const special[] = {"\"",   "\\",       "\n", "\x01",
                                          "\x1f", "\xc3\xa9", "/",  "\x7f"};
    size_t ok = 0, n = 0;
    for (size_t k = 0; k < sizeof special / sizeof *special; k++)
        for (size_t len = 1; len <= 24; len++)
            for (size_t at = 0; at < len; at++) {
                char in[64] = "";
                for (size_t i = 0; i < len; i++)
                    strcat(in, i == at ? special[k] : "a");
                tsn_buf b = TSN_BUF_INIT(1024);
                tsnu_arena a = TSNU_ARENA_INIT;
                tsnu_json *root = NULL;
                n++;
                if (tsnu_json_put_string(&b, in) == 0 &&
                    tsnu_json_parse(&root, &a, tsn_buf_cstr(&b), b.len, NULL,
                                    "t") == 0 &&
                    root->type == TSNU_JSON_STRING &&
                    strcmp(root->u.str, in) == 0)
                    ok++;
                tsnu_arena_dispose(&a);
                tsn_buf_dispose(&b);
            }
    CHECK(ok == n, "every string read back as written");
    /* unescaped, each is refused or read at its place */
    CHECK(parse("\"aaaaaaa\x01\"", 0, 0) == TSN_EINVALID,
          "a control character after seven bytes refused");
    CHECK(parse("\"aaaaaaaa\x01\"", 0, 0) == TSN_EINVALID,
          "a control character after eight bytes refused");
    CHECK(parse("\"aaaaaaaaaaaaaaa\xff\"", 0, 0) == TSN_EINVALID,
          "invalid UTF-8 after fifteen bytes refused");
    CHECK(parse("\"aaaaaaaaaaaaaaaa", 0, 0) == TSN_EINVALID,
          "a string of sixteen bytes without its end refused");
}

static void test_util_buf__max(void)
{
    /* LIMIT: buffer max at N-1, N, N+1 */
    tsn_buf b = TSN_BUF_INIT(10);
    CHECK(tsn_buf_put(&b, "123456789", 9) == 0, "9 bytes");
    CHECK(tsn_buf_putc(&b, '0') == 0, "10 bytes");
    CHECK(tsn_buf_putc(&b, 'x') == TSN_ETOOBIG, "11 bytes refused");
    CHECK_STR(tsn_buf_cstr(&b), "1234567890", "contents kept");
    tsn_buf_dispose(&b);
}

static void test_util_arena__reserve(void)
{
    tsnu_arena a = TSNU_ARENA_INIT;
    CHECK(tsnu_arena_reserve(&a, 10000) == 0, "10000 bytes reserved");
    char *p = tsnu_arena_alloc(&a, 6000), *q = tsnu_arena_alloc(&a, 4000);
    CHECK(p && q && q == p + 6000, "what was reserved comes from one chunk");
    size_t total = a.total;
    CHECK(tsnu_arena_reserve(&a, 0) == 0 && a.total == total,
          "a reservation that fits takes no chunk");
    CHECK(tsnu_arena_reserve(&a, 100000) == 0 && a.total >= total + 100000,
          "a reservation that does not fit takes a chunk");
    char *r = tsnu_arena_alloc(&a, 100000);
    CHECK(r && r + 100000 <= a.end, "and the next allocation is in it");
    memset(r, 1, 100000);
    tsnu_arena_dispose(&a);
}

/* Whether the mapping that holds @p p has huge page advice ("hg" among
 * its VmFlags in /proc/self/smaps). */
static bool advised_huge(const void *p)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    char line[1024];
    bool in = false, hg = false;
    while (f && !hg && fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        char dash;
        if (sscanf(line, "%lx%c%lx ", &lo, &dash, &hi) == 3 && dash == '-')
            in = (uintptr_t)p >= lo && (uintptr_t)p < hi;
        else if (in && strncmp(line, "VmFlags:", 8) == 0)
            hg = strstr(line, " hg") != NULL;
    }
    if (f)
        fclose(f);
    return hg;
}

static void *thread_heap(void *out)
{
    tsnu_heap_huge_thread();
    void *p = malloc(1000);
    *(bool *)out = p && advised_huge(p);
    free(p);
    return NULL;
}

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define SANITIZED 1
#endif
#endif

static void test_util_heap__huge(void)
{
    char mode[128] = "";
    FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
    if (f && !fgets(mode, sizeof mode, f))
        mode[0] = '\0';
    if (f)
        fclose(f);
    bool took = tsnu_heap_huge((size_t)32 << 20);
#ifdef SANITIZED
    /* a sanitizer's malloc: no advice, and the caller frees everything */
    CHECK(!took, "under a sanitizer the heap is left as it is");
    return;
#else
    CHECK(took, "glibc's heap is set up for building once");
#endif
    if (!strstr(mode, "[madvise]") && !strstr(mode, "[always]")) {
        printf("heap on huge pages: not checked (no transparent huge "
               "pages)\n");
        return;
    }
    /* 4 MiB in blocks under the mmap threshold: from the heap */
    void *blocks[40];
    for (size_t i = 0; i < 40; i++)
        blocks[i] = malloc(100 * 1024);
    CHECK(blocks[39] && advised_huge(blocks[39]),
          "the main heap has huge page advice");
    for (size_t i = 0; i < 40; i++)
        free(blocks[i]);
    bool thread = false;
    pthread_t t;
    CHECK(pthread_create(&t, NULL, thread_heap, &thread) == 0 &&
              pthread_join(t, NULL) == 0 && thread,
          "a worker thread's arena has huge page advice");
}

/* The writer's layout (that of Python's json.dumps(indent=2)): keys
 * given either way, commas, empty containers, and indentation deeper
 * than the 40 spaces it puts at once. */
static void test_util_json__writer(void)
{
    tsn_buf b = TSN_BUF_INIT(1 << 20);
    tsnu_jw w;
    tsnu_jw_init(&w, &b);
    tsnu_jw_object(&w);
    tsnu_jw_lkstr(&w, "id", "GHSA-\"x\"");
    tsnu_jw_lkstr(&w, "absent", NULL);
    tsnu_jw_kstr(&w, "k\"ey", "v");
    tsnu_jw_lkey(&w, "list");
    tsnu_jw_array(&w);
    tsnu_jw_long(&w, -1);
    tsnu_jw_bool(&w, true);
    tsnu_jw_null(&w);
    tsnu_jw_array(&w);
    tsnu_jw_end(&w);
    tsnu_jw_object(&w);
    tsnu_jw_end(&w);
    tsnu_jw_end(&w);
    tsnu_jw_key(&w, "n");
    tsnu_jw_double(&w, 0.5);
    tsnu_jw_end(&w);
    CHECK(tsnu_jw_finish(&w) == 0, "written");
    CHECK_STR(tsn_buf_cstr(&b),
              "{\n  \"id\": \"GHSA-\\\"x\\\"\",\n  \"k\\\"ey\": \"v\",\n"
              "  \"list\": [\n    -1,\n    true,\n    null,\n    [],\n    {}\n"
              "  ],\n  \"n\": 0.5\n}\n",
              "layout");

    /* 30 levels: [0, [1, [2, ...]]], each line indented two spaces a
     * level */
    tsn_buf_clear(&b);
    tsnu_jw_init(&w, &b);
    tsn_buf want = TSN_BUF_INIT(1 << 20);
    for (int d = 0; d < 30; d++) {
        tsnu_jw_array(&w);
        tsnu_jw_long(&w, d);
        tsn_buf_printf(&want, "[\n%*s%d", 2 * d + 2, "", d);
        if (d < 29)
            tsn_buf_printf(&want, ",\n%*s", 2 * d + 2, "");
    }
    for (int d = 29; d >= 0; d--) {
        tsnu_jw_end(&w);
        tsn_buf_printf(&want, "\n%*s]", 2 * d, "");
    }
    CHECK(tsnu_jw_finish(&w) == 0, "deep: written");
    tsn_buf_putc(&want, '\n');
    CHECK_STR(tsn_buf_cstr(&b), tsn_buf_cstr(&want), "deep: layout");
    tsn_buf_dispose(&want);
    tsn_buf_dispose(&b);
}

static void test_util_buf__numbers(void)
{
    tsn_buf b = TSN_BUF_INIT(1000);
    CHECK(tsn_buf_putu(&b, 0) == 0 && tsn_buf_putc(&b, ' ') == 0 &&
              tsn_buf_putu(&b, UINT64_MAX) == 0 && tsn_buf_putc(&b, ' ') == 0 &&
              tsn_buf_putl(&b, LONG_MIN) == 0 && tsn_buf_putc(&b, ' ') == 0 &&
              tsn_buf_putl(&b, LONG_MAX) == 0 && tsn_buf_putc(&b, ' ') == 0 &&
              tsn_buf_putl(&b, -7) == 0,
          "numbers put");
    char want[128];
    snprintf(want, sizeof want, "0 %llu %ld %ld -7",
             (unsigned long long)UINT64_MAX, LONG_MIN, LONG_MAX);
    const char *w = want;
    CHECK_STR(tsn_buf_cstr(&b), w, "numbers as printf writes them");
    tsn_buf_dispose(&b);

    /* printf: into the room there is, growing when short, and the
     * maximum kept either way (LIMIT: N-1, N, N+1) */
    tsn_buf c = TSN_BUF_INIT(12);
    CHECK(tsn_buf_printf(&c, "%s", "abc") == 0, "printf into an empty buffer");
    CHECK(tsn_buf_printf(&c, "%d", 1234567) == 0, "printf grows: 10 bytes");
    CHECK(tsn_buf_printf(&c, "%c", 'x') == 0, "printf: 11 bytes");
    CHECK(tsn_buf_printf(&c, "%c", 'y') == 0, "printf: 12 bytes, the maximum");
    CHECK(tsn_buf_printf(&c, "%c", 'z') == TSN_ETOOBIG, "printf: 13 refused");
    CHECK_STR(tsn_buf_cstr(&c), "abc1234567xy", "contents kept");
    tsn_buf_dispose(&c);
    tsn_buf d = TSN_BUF_INIT(5);
    CHECK(tsn_buf_printf(&d, "%s", "ab") == 0, "printf: 2 bytes");
    CHECK(tsn_buf_printf(&d, "%s", "cdefgh") == TSN_ETOOBIG,
          "printf past the maximum refused");
    CHECK_STR(tsn_buf_cstr(&d), "ab", "nothing of a refused printf kept");
    tsn_buf_dispose(&d);
}

static void test_util_fs__atomic_write(void)
{
    char dir[] = "/tmp/tsn-unit-XXXXXX", path[256], bad[300];
    tsn_buf b = TSN_BUF_INIT(1024);
    CHECK(mkdtemp(dir) != NULL, "mkdtemp");
    snprintf(path, sizeof path, "%s/out.json", dir);
    CHECK(tsnu_file_write_atomic(path, "old", 3) == 0, "first write");
    snprintf(bad, sizeof bad, "%s/missing-dir/out.json", dir);
    CHECK(tsnu_file_write_atomic(bad, "x", 1) == TSN_EIO, "write into a "
                                                          "missing dir fails");
    CHECK(tsnu_file_read(&b, path, 100) == 0, "read back");
    CHECK_STR(tsn_buf_cstr(&b), "old", "content");
    tsn_buf_clear(&b);
    /* LIMIT: file size at N-1, N, N+1 */
    CHECK(tsnu_file_read(&b, path, 2) == TSN_ETOOBIG, "size limit 2");
    tsn_buf_clear(&b);
    CHECK(tsnu_file_read(&b, path, 3) == 0, "size limit 3");
    tsn_buf_clear(&b);
    CHECK(tsnu_file_read(&b, path, 4) == 0, "size limit 4");
    tsn_buf_dispose(&b);
    unlink(path);
    rmdir(dir);
}

static void test_util_str__utf8(void)
{
    size_t off = 0;
    CHECK(tsnu_utf8_valid("\xe3\x81\x82z", 4, NULL), "hiragana");
    CHECK(!tsnu_utf8_valid("ab\xe3\x81", 4, &off) && off == 2,
          "truncated at 2, got %zu", off);
    CHECK(!tsnu_utf8_valid("\xf8\x88\x80\x80\x80", 5, NULL), "5-byte form");
}

/* zlib's functions, for the loader's tests: one real, one not */
static unsigned long (*sym_zlibCompileFlags)(void);
static int (*sym_absent)(void);

static void test_util_dl__load(void)
{
    const tsnu_dl_sym ok[] = {
        {"zlibCompileFlags", (void **)&sym_zlibCompileFlags}};
    tsnu_dl_lib z = TSNU_DL_LIB("libz.so.1", ok);
    CHECK(tsnu_dl_load(&z, "testing") == 0 && sym_zlibCompileFlags,
          "libz.so.1 loads");
    sym_zlibCompileFlags();
    CHECK(tsnu_dl_load(&z, "testing") == 0, "loaded twice");

    const tsnu_dl_sym partly[] = {
        {"zlibCompileFlags", (void **)&sym_zlibCompileFlags},
        {"tsunagi_absent", (void **)&sym_absent}};
    tsnu_dl_lib half = TSNU_DL_LIB("libz.so.1", partly);
    sym_zlibCompileFlags = NULL;
    CHECK(tsnu_dl_load(&half, "testing") == TSN_ERROR, "a function it lacks");
    CHECK(!sym_zlibCompileFlags && !sym_absent, "no function set");
    CHECK_STR(tsn_error_last()->message,
              "testing needs libz.so.1 with tsunagi_absent, which it lacks",
              "message");

    tsnu_dl_lib none = TSNU_DL_LIB("libtsunagi-absent.so.0", ok);
    CHECK(tsnu_dl_load(&none, "the PDF report") == TSN_ERROR, "no library");
    const char *want = "the PDF report needs libtsunagi-absent.so.0, which "
                       "cannot be loaded: libtsunagi-absent.so.0: cannot open";
    CHECK(strncmp(tsn_error_last()->message, want, strlen(want)) == 0,
          "message: %s", tsn_error_last()->message);
    CHECK(!atomic_load(&none.loaded), "not marked loaded");
}

int main(void)
{
    test_util_json__strict();
    test_util_json__depth_limit();
    test_util_json__string_limit();
    test_util_json__locations();
    test_util_json__unescape();
    test_util_json__skip();
    test_util_json__string_every_position();
    test_util_json__writer();
    test_util_buf__max();
    test_util_buf__numbers();
    test_util_arena__reserve();
    test_util_heap__huge();
    test_util_fs__atomic_write();
    test_util_str__utf8();
    test_util_dl__load();
    return th_finish("util unit");
}
