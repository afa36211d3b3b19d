/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CPE 2.3 bindings: the worked examples of NISTIR 7695 §6.1 and §6.2 and
 * round trips between the forms.
 */
#include "harness.h"

#include <string.h>

#include "tsunagi/cpe.h"

static void
convert(const char *in, const char *fs, const char *uri, const char *wfn)
{
    tsn_cpe *c = NULL;
    char *got_fs = NULL, *got_uri = NULL, *got_wfn = NULL;
    int rc = tsn_cpe_parse(&c, in);
    CHECK(rc == 0, "parse %s: %s", in, tsn_error_last()->message);
    if (rc != 0)
        return;
    CHECK(tsn_cpe_to_fs(&got_fs, c) == 0, "fs of %s", in);
    CHECK(tsn_cpe_to_wfn(&got_wfn, c) == 0, "wfn of %s", in);
    rc = tsn_cpe_to_uri(&got_uri, c);
    if (fs)
        CHECK_STR(got_fs, fs, in);
    if (wfn)
        CHECK_STR(got_wfn, wfn, in);
    if (uri)
        CHECK_STR(got_uri, uri, in);
    else
        CHECK(rc == TSN_EINVALID, "%s should have no URI binding", in);
    tsn_free(got_fs);
    tsn_free(got_uri);
    tsn_free(got_wfn);
    tsn_cpe_free(c);
}

static void test_cpe__nistir_examples(void)
{
    /* NISTIR 7695 §6.1.2.3 / §6.2.2.3 examples */
    convert(
        "cpe:/a:microsoft:internet_explorer:8.0.6001:beta",
        "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*",
        "cpe:/a:microsoft:internet_explorer:8.0.6001:beta",
        "wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
        "version=\"8\\.0\\.6001\",update=\"beta\",edition=ANY,language=ANY,"
        "sw_edition=ANY,target_sw=ANY,target_hw=ANY,other=ANY]");
    convert("cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*",
            "cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*",
            "cpe:/a:microsoft:internet_explorer:8.%02:sp%01", NULL);
    convert("cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:"
            "x64:*",
            "cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:"
            "x64:*",
            "cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~",
            "wfn:[part=\"a\",vendor=\"hp\",product=\"insight_diagnostics\","
            "version=\"7\\.4\\.0\\.1570\",update=NA,edition=ANY,language=ANY,"
            "sw_edition=\"online\",target_sw=\"win2003\",target_hw=\"x64\","
            "other=ANY]");
    convert("cpe:/a:foo%5cbar:big%24money_manager_2010:::~~special~ipod_touch~"
            "80gb~",
            "cpe:2.3:a:foo\\\\bar:big\\$money_manager_2010:*:*:*:*:special:"
            "ipod_touch:80gb:*",
            "cpe:/a:foo%5cbar:big%24money_manager_2010:::~~special~ipod_touch~"
            "80gb~",
            NULL);
    convert("cpe:2.3:a:Acme:Product:1.0:*:*:*:*:*:*:*",
            "cpe:2.3:a:acme:product:1.0:*:*:*:*:*:*:*",
            "cpe:/a:acme:product:1.0", NULL);
    convert("cpe:/o:linux:linux_kernel:-",
            "cpe:2.3:o:linux:linux_kernel:-:*:*"
            ":*:*:*:*:*",
            "cpe:/o:linux:linux_kernel:-", NULL);
}

static void test_cpe__errors(void)
{
    static const char *const bad[] = {
        "cpe:2.3:a:vendor:product",            /* too few components */
        "cpe:2.3:a:v:p:1:*:*:*:*:*:*:*:extra", /* too many */
        "cpe:2.3:x:v:p:*:*:*:*:*:*:*:*",       /* bad part */
        "cpe:2.3:a:v:p:1.*.3:*:*:*:*:*:*:*",   /* embedded '*' */
        "cpe:2.3:a:v:p:1:*:*:*:*:*:*:\\",      /* dangling backslash */
        "cpe:2.3:a:v::1:*:*:*:*:*:*:*",        /* empty component */
        "cpe:/a:foo%5cbar:big%24money_2010%07:::~~special~ipod_touch~80gb~",
        "cpe:/a:v:p:1:2:~a~b~c", /* packed edition: 4 fields */
        "cpe:/a:v:p%zz",         /* bad %-encoding */
        "cpe:/a:v:p:1:2:3:4:5",  /* more than 7 components */
        "cpe:/a:v p",            /* space */
        "pkg:npm/x",             /* not a CPE */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        tsn_cpe *c = NULL;
        CHECK(tsn_cpe_parse(&c, bad[i]) == TSN_EINVALID, "accepted %s", bad[i]);
        tsn_cpe_free(c);
    }
}

static void test_cpe__round_trip(void)
{
    /* FS -> WFN -> URI -> WFN -> FS keeps the name (no embedded
     * wildcards). */
    static const char *const names[] = {
        "cpe:2.3:a:openssl:openssl:3.0.13:*:*:*:*:*:*:*",
        "cpe:2.3:a:haxx:curl:8.5.0:*:*:*:*:*:*:*",
        "cpe:2.3:o:debian:debian_linux:12.0:*:*:*:*:*:*:*",
        ("cpe:2.3:a:vendor\\!:product\\(x\\):1.0\\+1:rc1:*:ja:pro:node.js:"
         "arm64:beta"),
        "cpe:2.3:h:cisco:asa_5505:-:*:*:*:*:*:*:*",
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        tsn_cpe *a = NULL, *b = NULL;
        char *uri = NULL, *fs = NULL;
        CHECK(tsn_cpe_parse(&a, names[i]) == 0 &&
                  tsn_cpe_to_uri(&uri, a) == 0 && tsn_cpe_parse(&b, uri) == 0 &&
                  tsn_cpe_to_fs(&fs, b) == 0,
              "round trip %s: %s", names[i], tsn_error_last()->message);
        CHECK_STR(fs, names[i], uri ? uri : "(no uri)");
        tsn_free(uri);
        tsn_free(fs);
        tsn_cpe_free(a);
        tsn_cpe_free(b);
    }
}

int main(void)
{
    test_cpe__nistir_examples();
    test_cpe__errors();
    test_cpe__round_trip();
    return th_finish("cpe unit");
}
