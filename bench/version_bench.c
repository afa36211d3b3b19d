/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Version and range throughput on one core. Each figure is the median of
 * REPS timed repetitions, reported with its ratio to a baseline timed in
 * the same run over the same strings: glibc's strverscmp (a plain
 * digit-aware string compare that knows no ecosystem's rules) and, when
 * built with libdpkg, dpkg's own dpkg_version_compare on pre-parsed
 * versions. Targets (issue 3): >= 10 M SemVer and >= 5 M Debian and RPM
 * comparisons per second, an OSV range of 10 events in <= 200 ns.
 *
 * Usage: version_bench [REPS]
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tsunagi/tsunagi.h"

#ifdef HAVE_LIBDPKG
#define LIBDPKG_VOLATILE_API 1
#include <dpkg/dpkg-db.h>
#include <dpkg/dpkg.h>
#include <dpkg/version.h>
#endif

enum { N = 4096, ROUNDS = 2000 };

static unsigned long long rng = 88172645463325252ull;
static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int cmpd(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmpd);
    return v[n / 2];
}

static char *text[N];
static tsn_ver *ver[N];
static volatile long sink;

static void gen(tsn_vscheme s)
{
    for (int i = 0; i < N; i++) {
        char b[96];
        switch (s) {
        case TSN_VS_DEB:
            snprintf(b, sizeof b, "%s%u.%u.%u%s-%u%s",
                     rnd(4) ? "" : "1:", rnd(20), rnd(30), rnd(100),
                     rnd(5) ? "" : "~rc1", rnd(5), rnd(3) ? "" : "+deb12u1");
            break;
        case TSN_VS_RPM:
            snprintf(b, sizeof b, "%s%u.%u.%u-%u.el%u%s",
                     rnd(4) ? "" : "1:", rnd(20), rnd(30), rnd(100), rnd(30),
                     7 + rnd(3), rnd(4) ? "" : "_1");
            break;
        default:
            snprintf(b, sizeof b, "%u.%u.%u%s", rnd(20), rnd(30), rnd(100),
                     rnd(4) ? "" : (rnd(2) ? "-beta.2" : "-rc.1"));
        }
        free(text[i]);
        text[i] = strdup(b);
        tsn_version_free(ver[i]);
        if (tsn_version_parse(&ver[i], s, b) != 0) {
            fprintf(stderr, "bench: cannot parse %s\n", b);
            exit(1);
        }
    }
}

/* comparisons per second: mode 0 pre-parsed, 1 from strings,
 * 2 strverscmp, 3 libdpkg pre-parsed */
static double run(tsn_vscheme s, int mode)
{
#ifdef HAVE_LIBDPKG
    static struct dpkg_version dv[N];
    if (mode == 3)
        for (int i = 0; i < N; i++)
            if (parseversion(&dv[i], text[i], NULL) != 0)
                exit(1);
#endif
    long acc = 0;
    double t0 = now();
    for (int r = 0; r < ROUNDS / (mode == 1 ? 4 : 1); r++) {
        for (int i = 0; i < N; i++) {
            int j = (i + r + 1) & (N - 1);
            int c = 0;
            switch (mode) {
            case 0:
                c = tsn_version_cmp(ver[i], ver[j]);
                break;
            case 1:
                tsn_version_compare(s, text[i], text[j], &c);
                break;
            case 2:
                c = strverscmp(text[i], text[j]);
                break;
#ifdef HAVE_LIBDPKG
            case 3:
                c = dpkg_version_compare(&dv[i], &dv[j]);
                break;
#endif
            }
            acc += c;
        }
    }
    double t = now() - t0;
    sink = acc;
    return (double)(ROUNDS / (mode == 1 ? 4 : 1)) * N / t;
}

static void report(const char *what, double *v, int reps, double base)
{
    double m = median(v, reps);
    printf("%-44s %8.2f M/s", what, m / 1e6);
    if (base > 0)
        printf("   %5.2f x baseline", m / base);
    printf("\n");
}

static void compares(tsn_vscheme s, int reps)
{
    double a[32], b[32], c[32], d[32];
    gen(s);
    for (int k = 0; k < reps; k++) {
        c[k] = run(s, 2);
        a[k] = run(s, 0);
        b[k] = run(s, 1);
#ifdef HAVE_LIBDPKG
        d[k] = s == TSN_VS_DEB ? run(s, 3) : 0;
#else
        d[k] = 0;
#endif
    }
    char label[64];
    double base = median(c, reps);
    snprintf(label, sizeof label, "%s strverscmp (baseline)",
             tsn_vscheme_name(s));
    report(label, c, reps, 0);
    snprintf(label, sizeof label, "%s compare, pre-parsed",
             tsn_vscheme_name(s));
    report(label, a, reps, base);
    snprintf(label, sizeof label, "%s compare, from strings",
             tsn_vscheme_name(s));
    report(label, b, reps, base);
    if (d[0] > 0) {
        double dm = median(d, reps);
        printf("%-44s %8.2f M/s   (tsunagi pre-parsed = %.2f x dpkg)\n",
               "deb libdpkg dpkg_version_compare, pre-parsed", dm / 1e6,
               median(a, reps) / dm);
    }
}

static void osv(int reps)
{
    /* 5 introduced/fixed pairs = 10 events, given out of order */
    static const char *evs[10] = {"3.0.0", "1.0.0", "5.0.0", "7.0.0", "9.0.0",
                                  "3.4.1", "1.2.3", "5.5.0", "7.0.9", "9.9.9"};
    tsn_osv_event ev[10];
    for (int i = 0; i < 10; i++)
        ev[i] =
            (tsn_osv_event){i < 5 ? TSN_OSV_INTRODUCED : TSN_OSV_FIXED, evs[i]};
    tsn_range *r = NULL;
    if (tsn_range_from_osv(&r, TSN_VS_SEMVER, ev, 10) != 0)
        exit(1);
    gen(TSN_VS_SEMVER);
    double pre[32], str[32], base[32];
    for (int k = 0; k < reps; k++) {
        long hits = 0;
        double t0 = now();
        for (int rd = 0; rd < ROUNDS / 4; rd++)
            for (int i = 0; i < N; i++) {
                bool in;
                tsn_range_contains_ver(r, ver[i], &in);
                hits += in;
            }
        pre[k] = (now() - t0) / ((double)(ROUNDS / 4) * N) * 1e9;
        t0 = now();
        for (int rd = 0; rd < ROUNDS / 8; rd++)
            for (int i = 0; i < N; i++) {
                bool in;
                tsn_range_contains(r, text[i], &in);
                hits += in;
            }
        str[k] = (now() - t0) / ((double)(ROUNDS / 8) * N) * 1e9;
        /* baseline: the same 10 bounds tested with strverscmp */
        t0 = now();
        for (int rd = 0; rd < ROUNDS / 4; rd++)
            for (int i = 0; i < N; i++) {
                bool in = false;
                for (int e = 0; e < 5; e++)
                    in |= strverscmp(text[i], evs[e]) >= 0 &&
                          strverscmp(text[i], evs[e + 5]) < 0;
                hits += in;
            }
        base[k] = (now() - t0) / ((double)(ROUNDS / 4) * N) * 1e9;
        sink = hits;
    }
    double b = median(base, reps);
    printf("%-44s %8.1f ns\n", "osv 10 events, strverscmp bounds (baseline)",
           b);
    double p = median(pre, reps), s = median(str, reps);
    printf("%-44s %8.1f ns   %5.2f x baseline time\n",
           "osv 10 events, version pre-parsed", p, p / b);
    printf("%-44s %8.1f ns   %5.2f x baseline time\n",
           "osv 10 events, version from string", s, s / b);
    tsn_range_free(r);
}

int main(int argc, char **argv)
{
    int reps = argc > 1 ? atoi(argv[1]) : 5;
    if (reps < 1 || reps > 31)
        reps = 5;
    printf("median of %d repetitions, %d versions, one core\n", reps, N);
    compares(TSN_VS_SEMVER, reps);
    compares(TSN_VS_DEB, reps);
    compares(TSN_VS_RPM, reps);
    osv(reps);
    return 0;
}
