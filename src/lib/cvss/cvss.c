/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CVSS scores from vector strings, as FIRST's specifications compute
 * them: v2.0 (the guide's equations, section 3.2), v3.0 and v3.1
 * (section 7 of each, with 3.1's Roundup that avoids floating-point
 * surprises and 3.0's plain one), and v4.0 (the macrovector tables and
 * the interpolation by severity distance of FIRST's calculator).
 *
 * A vector is read into one value index per metric of its version's
 * table; metrics may come in any order (the specifications disagree
 * with themselves, and real advisories do), but each once.
 */
#include "lib/lib.h"

#include "lib/cvss/cvss4_tables.h"
#include "tsunagi/cvss.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAX_METRICS 32
#define VECTOR_MAX 512

struct metric {
    const char *name;
    const char *values; /* '|'-separated, in the order of the weights */
    bool required;
};

/* v2.0: AV AC Au C I A | E RL RC | CDP TD CR IR AR */
static const struct metric v2[] = {
    {"AV", "L|A|N", true},        {"AC", "H|M|L", true},
    {"Au", "M|S|N", true},        {"C", "N|P|C", true},
    {"I", "N|P|C", true},         {"A", "N|P|C", true},
    {"E", "U|POC|F|H|ND", false}, {"RL", "OF|TF|W|U|ND", false},
    {"RC", "UC|UR|C|ND", false},  {"CDP", "N|L|LM|MH|H|ND", false},
    {"TD", "N|L|M|H|ND", false},  {"CR", "L|M|H|ND", false},
    {"IR", "L|M|H|ND", false},    {"AR", "L|M|H|ND", false},
    {NULL, NULL, false},
};
enum {
    V2_AV,
    V2_AC,
    V2_AU,
    V2_C,
    V2_I,
    V2_A,
    V2_E,
    V2_RL,
    V2_RC,
    V2_CDP,
    V2_TD,
    V2_CR,
    V2_IR,
    V2_AR
};

/* v3.x: AV AC PR UI S C I A | E RL RC | CR IR AR MAV MAC MPR MUI MS MC MI
 * MA; the modified metrics' values are the base ones after X. */
static const struct metric v3[] = {
    {"AV", "N|A|L|P", true},     {"AC", "L|H", true},
    {"PR", "N|L|H", true},       {"UI", "N|R", true},
    {"S", "U|C", true},          {"C", "H|L|N", true},
    {"I", "H|L|N", true},        {"A", "H|L|N", true},
    {"E", "X|U|P|F|H", false},   {"RL", "X|O|T|W|U", false},
    {"RC", "X|U|R|C", false},    {"CR", "X|L|M|H", false},
    {"IR", "X|L|M|H", false},    {"AR", "X|L|M|H", false},
    {"MAV", "X|N|A|L|P", false}, {"MAC", "X|L|H", false},
    {"MPR", "X|N|L|H", false},   {"MUI", "X|N|R", false},
    {"MS", "X|U|C", false},      {"MC", "X|H|L|N", false},
    {"MI", "X|H|L|N", false},    {"MA", "X|H|L|N", false},
    {NULL, NULL, false},
};
enum {
    V3_AV,
    V3_AC,
    V3_PR,
    V3_UI,
    V3_S,
    V3_C,
    V3_I,
    V3_A,
    V3_E,
    V3_RL,
    V3_RC,
    V3_CR,
    V3_IR,
    V3_AR,
    V3_MAV
};

/* v4.0: base, threat, environmental, supplemental; a modified metric's
 * values are X then the base metric's (MSI and MSA add S, Safety). */
static const struct metric v4[] = {
    {"AV", "N|A|L|P", true},     {"AC", "L|H", true},
    {"AT", "N|P", true},         {"PR", "N|L|H", true},
    {"UI", "N|P|A", true},       {"VC", "H|L|N", true},
    {"VI", "H|L|N", true},       {"VA", "H|L|N", true},
    {"SC", "H|L|N", true},       {"SI", "H|L|N", true},
    {"SA", "H|L|N", true},       {"E", "X|A|P|U", false},
    {"CR", "X|H|M|L", false},    {"IR", "X|H|M|L", false},
    {"AR", "X|H|M|L", false},    {"MAV", "X|N|A|L|P", false},
    {"MAC", "X|L|H", false},     {"MAT", "X|N|P", false},
    {"MPR", "X|N|L|H", false},   {"MUI", "X|N|P|A", false},
    {"MVC", "X|H|L|N", false},   {"MVI", "X|H|L|N", false},
    {"MVA", "X|H|L|N", false},   {"MSC", "X|H|L|N", false},
    {"MSI", "X|S|H|L|N", false}, {"MSA", "X|S|H|L|N", false},
    {"S", "X|N|P", false},       {"AU", "X|N|Y", false},
    {"R", "X|A|U|I", false},     {"V", "X|D|C", false},
    {"RE", "X|L|M|H", false},    {"U", "X|Clear|Green|Amber|Red", false},
    {NULL, NULL, false},
};
enum {
    V4_AV,
    V4_AC,
    V4_AT,
    V4_PR,
    V4_UI,
    V4_VC,
    V4_VI,
    V4_VA,
    V4_SC,
    V4_SI,
    V4_SA,
    V4_E,
    V4_CR,
    V4_IR,
    V4_AR,
    V4_MAV,
    V4_MAC,
    V4_MAT,
    V4_MPR,
    V4_MUI,
    V4_MVC,
    V4_MVI,
    V4_MVA,
    V4_MSC,
    V4_MSI,
    V4_MSA,
    V4_S
};

/* The index of @p v (@p n bytes) among @p values ('|'-separated), or -1. */
static int value_index(const char *values, const char *v, size_t n)
{
    int i = 0;
    for (const char *p = values;; i++) {
        size_t k = strcspn(p, "|");
        if (k == n && memcmp(p, v, n) == 0)
            return i;
        if (!p[k])
            return -1;
        p += k + 1;
    }
}

/* Read the metrics after the prefix (@p s) into @p val (-1: absent). */
static int read_metrics(const char *vector,
                        const char *s,
                        const struct metric *tab,
                        int *val)
{
    size_t n = 0;
    for (; tab[n].name; n++)
        val[n] = -1;
    if (!*s)
        return tsn_error_set(TSN_EINVALID, "'%s': no metrics", vector);
    for (const char *p = s;;) {
        size_t len = strcspn(p, "/");
        const char *colon = memchr(p, ':', len);
        size_t nl = colon ? (size_t)(colon - p) : len;
        size_t m = 0;
        while (tab[m].name &&
               (strlen(tab[m].name) != nl || memcmp(tab[m].name, p, nl) != 0))
            m++;
        if (!tab[m].name)
            return tsn_error_set(TSN_EINVALID, "'%s': unknown metric '%.*s'",
                                 vector, (int)nl, p);
        if (!colon)
            return tsn_error_set(TSN_EINVALID, "'%s': %s has no value", vector,
                                 tab[m].name);
        if (val[m] >= 0)
            return tsn_error_set(TSN_EINVALID, "'%s': %s given twice", vector,
                                 tab[m].name);
        int k = value_index(tab[m].values, colon + 1, len - nl - 1);
        if (k < 0)
            return tsn_error_set(TSN_EINVALID,
                                 "'%s': %s:%.*s is not a value of %s (%s)",
                                 vector, tab[m].name, (int)(len - nl - 1),
                                 colon + 1, tab[m].name, tab[m].values);
        val[m] = k;
        if (!p[len])
            break;
        p += len + 1;
        if (!*p)
            return tsn_error_set(TSN_EINVALID, "'%s': ends with '/'", vector);
    }
    for (size_t m = 0; m < n; m++)
        if (tab[m].required && val[m] < 0)
            return tsn_error_set(TSN_EINVALID,
                                 "'%s': the base metric %s is "
                                 "missing",
                                 vector, tab[m].name);
    return 0;
}

/* Whether any of metrics [@p from, @p to) is given a value other than
 * "not defined" (index @p nd: 0 for X, the last for v2's ND). */
static bool any_given(
    const struct metric *tab, const int *val, int from, int to, bool nd_last)
{
    for (int m = from; m < to && tab[m].name; m++) {
        if (val[m] < 0)
            continue;
        int nd = 0;
        if (nd_last)
            for (const char *p = tab[m].values; *p; p++)
                nd += *p == '|';
        if (val[m] != nd)
            return true;
    }
    return false;
}

static double round1(double x)
{
    return floor(x * 10 + 0.5) / 10;
}

/* ---- v2.0 ----------------------------------------------------------- */

static void score2(const int *val, tsn_cvss_scores *o)
{
    static const double av[] = {0.395, 0.646, 1.0}, ac[] = {0.35, 0.61, 0.71},
                        au[] = {0.45, 0.56, 0.704}, cia[] = {0.0, 0.275, 0.660},
                        e[] = {0.85, 0.9, 0.95, 1.0, 1.0},
                        rl[] = {0.87, 0.90, 0.95, 1.0, 1.0},
                        rc[] = {0.90, 0.95, 1.0, 1.0},
                        cdp[] = {0, 0.1, 0.3, 0.4, 0.5, 0},
                        td[] = {0, 0.25, 0.75, 1.0, 1.0},
                        req[] = {0.5, 1.0, 1.51, 1.0};
#define V2(m, d) (val[m] < 0 ? (d) : val[m])
    double c = cia[val[V2_C]], i = cia[val[V2_I]], a = cia[val[V2_A]];
    double impact = 10.41 * (1 - (1 - c) * (1 - i) * (1 - a));
    double expl = 20 * av[val[V2_AV]] * ac[val[V2_AC]] * au[val[V2_AU]];
    double f = impact == 0 ? 0 : 1.176;
    o->base = round1(((0.6 * impact) + (0.4 * expl) - 1.5) * f);
    o->impact = round1(impact);
    o->exploitability = round1(expl);
    double t = e[V2(V2_E, 4)] * rl[V2(V2_RL, 4)] * rc[V2(V2_RC, 3)];
    o->temporal = round1(o->base * t);
    double adj =
        10.41 * (1 - (1 - c * req[V2(V2_CR, 3)]) * (1 - i * req[V2(V2_IR, 3)]) *
                         (1 - a * req[V2(V2_AR, 3)]));
    if (adj > 10)
        adj = 10;
    /* scores are 0 to 10: a low adjusted impact would make it negative */
    double abase = round1(
        fmax(((0.6 * adj) + (0.4 * expl) - 1.5) * (adj == 0 ? 0 : 1.176), 0));
    double atemp = round1(abase * t);
    o->environmental =
        round1((atemp + (10 - atemp) * cdp[V2(V2_CDP, 5)]) * td[V2(V2_TD, 4)]);
#undef V2
    o->score = (o->given & TSN_CVSS_ENVIRONMENTAL) ? o->environmental
               : (o->given & TSN_CVSS_TEMPORAL)    ? o->temporal
                                                   : o->base;
    o->rating = tsn_cvss_rating_of(TSN_CVSS_V2, o->score);
}

/* ---- v3.0 and v3.1 -------------------------------------------------- */

/* The smallest number of one decimal place at or above @p x: 3.1's
 * Roundup works on integers so that 4.000000001 does not become 4.1. */
static double roundup(double x, bool v31)
{
    if (!v31)
        return ceil(x * 10) / 10;
    long long i = llround(x * 100000);
    if (i % 10000 == 0)
        return (double)i / 100000.0;
    return (double)(i / 10000 + 1) / 10.0;
}

static void score3(const int *val, bool v31, tsn_cvss_scores *o)
{
    static const double av[] = {0.85, 0.62, 0.55, 0.2}, ac[] = {0.77, 0.44},
                        pr_u[] = {0.85, 0.62, 0.27}, pr_c[] = {0.85, 0.68, 0.5},
                        ui[] = {0.85, 0.62}, cia[] = {0.56, 0.22, 0},
                        e[] = {1, 0.91, 0.94, 0.97, 1},
                        rl[] = {1, 0.95, 0.96, 0.97, 1},
                        rc[] = {1, 0.92, 0.96, 1}, req[] = {1, 0.5, 1, 1.5};
    /* the base value of each metric, or its modified one */
    int b[8], m[8];
    for (int k = 0; k < 8; k++) {
        b[k] = val[k];
        int mv = val[V3_MAV + k];
        m[k] = mv > 0 ? mv - 1 : b[k];
    }
    bool changed = b[V3_S] == 1, mchanged = m[V3_S] == 1;
    double iss =
        1 - (1 - cia[b[V3_C]]) * (1 - cia[b[V3_I]]) * (1 - cia[b[V3_A]]);
    double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15)
                            : 6.42 * iss;
    double expl = 8.22 * av[b[V3_AV]] * ac[b[V3_AC]] *
                  (changed ? pr_c : pr_u)[b[V3_PR]] * ui[b[V3_UI]];
    if (impact <= 0)
        o->base = 0;
    else if (changed)
        o->base = roundup(fmin(1.08 * (impact + expl), 10), v31);
    else
        o->base = roundup(fmin(impact + expl, 10), v31);
    o->impact = round1(fmax(impact, 0)); /* negative when nothing is hit */
    o->exploitability = round1(expl);
    double t = e[val[V3_E] < 0 ? 0 : val[V3_E]] *
               rl[val[V3_RL] < 0 ? 0 : val[V3_RL]] *
               rc[val[V3_RC] < 0 ? 0 : val[V3_RC]];
    o->temporal = roundup(o->base * t, v31);
#define REQ(x) req[val[x] < 0 ? 0 : val[x]]
    double miss = fmin(1 - (1 - REQ(V3_CR) * cia[m[V3_C]]) *
                               (1 - REQ(V3_IR) * cia[m[V3_I]]) *
                               (1 - REQ(V3_AR) * cia[m[V3_A]]),
                       0.915);
#undef REQ
    double mimpact =
        !mchanged ? 6.42 * miss
        : v31     ? 7.52 * (miss - 0.029) - 3.25 * pow(miss * 0.9731 - 0.02, 13)
                  : 7.52 * (miss - 0.029) - 3.25 * pow(miss - 0.02, 15);
    double mexpl = 8.22 * av[m[V3_AV]] * ac[m[V3_AC]] *
                   (mchanged ? pr_c : pr_u)[m[V3_PR]] * ui[m[V3_UI]];
    if (mimpact <= 0)
        o->environmental = 0;
    else if (mchanged)
        o->environmental =
            roundup(roundup(fmin(1.08 * (mimpact + mexpl), 10), v31) * t, v31);
    else
        o->environmental =
            roundup(roundup(fmin(mimpact + mexpl, 10), v31) * t, v31);
    o->score = (o->given & TSN_CVSS_ENVIRONMENTAL) ? o->environmental
               : (o->given & TSN_CVSS_TEMPORAL)    ? o->temporal
                                                   : o->base;
    o->rating = tsn_cvss_rating_of(TSN_CVSS_V31, o->score);
}

/* ---- v4.0 ----------------------------------------------------------- */

/* Letters of the effective value of each metric AV to SA, E, CR, IR, AR. */
struct v4 {
    char av, ac, at, pr, ui, vc, vi, va, sc, si, sa, e, cr, ir, ar;
};

/* The effective values of @p val: a modified metric over its base one,
 * E X as A (Attacked), CR, IR and AR X as H: the worst case. With
 * @p base_only, as if no threat or environmental metric were given. */
static void effective(const int *val, bool base_only, struct v4 *x)
{
    char *const slot[] = {&x->av, &x->ac, &x->at, &x->pr, &x->ui, &x->vc,
                          &x->vi, &x->va, &x->sc, &x->si, &x->sa};
    for (int k = 0; k < 11; k++) {
        /* a modified metric's values are X, then the base metric's */
        int mv = base_only ? 0 : val[V4_MAV + k];
        const char *p = mv > 0 ? v4[V4_MAV + k].values : v4[k].values;
        for (int i = mv > 0 ? mv : val[k]; i > 0; i--)
            p += strcspn(p, "|") + 1;
        *slot[k] = *p;
    }
    static const char e[] = "AAPU", req[] = "HHML";
    int ev = base_only || val[V4_E] < 0 ? 0 : val[V4_E];
    x->e = e[ev];
    x->cr = req[base_only || val[V4_CR] < 0 ? 0 : val[V4_CR]];
    x->ir = req[base_only || val[V4_IR] < 0 ? 0 : val[V4_IR]];
    x->ar = req[base_only || val[V4_AR] < 0 ? 0 : val[V4_AR]];
}

/* The 14 metrics whose distances from a highest-severity vector count,
 * and the values of each from most to least severe, at the severity
 * levels of FIRST's calculator (0.0, 0.1, ...; SC's start at 0.1, as
 * SI's and SA's S for Safety is 0.0). */
static const struct {
    const char *name, *order;
} distance_metrics[14] = {
    {"AV", "NALP"}, {"PR", "NLH"},  {"UI", "NPA"},  {"AC", "LH"},
    {"AT", "NP"},   {"VC", "HLN"},  {"VI", "HLN"},  {"VA", "HLN"},
    {"SC", "-HLN"}, {"SI", "SHLN"}, {"SA", "SHLN"}, {"CR", "HML"},
    {"IR", "HML"},  {"AR", "HML"},
};

static double level(int k, char c)
{
    static const double steps[] = {0.0, 0.1, 0.2, 0.3};
    const char *at = strchr(distance_metrics[k].order, c);
    return at ? steps[at - distance_metrics[k].order] : 0.0;
}

/* The value of metric @p m in the partial vector @p s ("AV:N/PR:N/"). */
static char value_in(const char *s, const char *m)
{
    size_t n = strlen(m);
    for (const char *p = s; *p;) {
        if (strncmp(p, m, n) == 0 && p[n] == ':')
            return p[n + 1];
        p += strcspn(p, "/");
        p += *p == '/';
    }
    return 0;
}

static double lookup(int e1, int e2, int e3, int e4, int e5, int e6)
{
    if (e1 > 2 || e2 > 1 || e3 > 2 || e4 > 2 || e5 > 2 || e6 > 1)
        return NAN;
    double s = cvss4_score[e1][e2][e3][e4][e5][e6];
    return s < 0 ? NAN : s;
}

static double score4_of(const struct v4 *x)
{
    if (x->vc == 'N' && x->vi == 'N' && x->va == 'N' && x->sc == 'N' &&
        x->si == 'N' && x->sa == 'N')
        return 0.0;
    int eq1 = x->av == 'N' && x->pr == 'N' && x->ui == 'N' ? 0
              : (x->av == 'N' || x->pr == 'N' || x->ui == 'N') && x->av != 'P'
                  ? 1
                  : 2;
    int eq2 = x->ac == 'L' && x->at == 'N' ? 0 : 1;
    int eq3 = x->vc == 'H' && x->vi == 'H'                   ? 0
              : x->vc == 'H' || x->vi == 'H' || x->va == 'H' ? 1
                                                             : 2;
    int eq4 = x->si == 'S' || x->sa == 'S'                   ? 0
              : x->sc == 'H' || x->si == 'H' || x->sa == 'H' ? 1
                                                             : 2;
    int eq5 = x->e == 'A' ? 0 : x->e == 'P' ? 1 : 2;
    int eq6 = (x->cr == 'H' && x->vc == 'H') ||
                      (x->ir == 'H' && x->vi == 'H') ||
                      (x->ar == 'H' && x->va == 'H')
                  ? 0
                  : 1;
    double value = lookup(eq1, eq2, eq3, eq4, eq5, eq6);
    double lower1 = lookup(eq1 + 1, eq2, eq3, eq4, eq5, eq6);
    double lower2 = lookup(eq1, eq2 + 1, eq3, eq4, eq5, eq6);
    double lower36;
    if (eq3 == 0 && eq6 == 0) {
        double left = lookup(eq1, eq2, eq3, eq4, eq5, eq6 + 1);
        double right = lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
        lower36 = left > right ? left : right;
    } else if (eq3 == 1 && eq6 == 0) {
        lower36 = lookup(eq1, eq2, eq3, eq4, eq5, eq6 + 1);
    } else if (eq6 == 1 && eq3 < 2) {
        lower36 = lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
    } else {
        lower36 = lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6 + 1);
    }
    double lower4 = lookup(eq1, eq2, eq3, eq4 + 1, eq5, eq6);
    double lower5 = lookup(eq1, eq2, eq3, eq4, eq5 + 1, eq6);

    /* the first of the macrovector's highest-severity vectors that the
     * vector does not exceed */
    const char have[] = {x->av, x->pr, x->ui, x->ac, x->at, x->vc, x->vi,
                         x->va, x->sc, x->si, x->sa, x->cr, x->ir, x->ar};
    double dist[14] = {0};
    bool found = false;
    for (int a = 0; !found && cvss4_max_eq1[eq1][a]; a++)
        for (int b = 0; !found && cvss4_max_eq2[eq2][b]; b++)
            for (int c = 0; !found && cvss4_max_eq3[eq3][eq6][c]; c++)
                for (int d = 0; !found && cvss4_max_eq4[eq4][d]; d++)
                    for (int e = 0; !found && cvss4_max_eq5[eq5][e]; e++) {
                        const char *parts[] = {
                            cvss4_max_eq1[eq1][a], cvss4_max_eq2[eq2][b],
                            cvss4_max_eq3[eq3][eq6][c], cvss4_max_eq4[eq4][d]};
                        found = true;
                        for (int k = 0; k < 14; k++) {
                            char mv = 0;
                            for (int p = 0; !mv && p < 4; p++)
                                mv = value_in(parts[p],
                                              distance_metrics[k].name);
                            dist[k] = level(k, have[k]) - level(k, mv);
                            if (dist[k] < 0)
                                found = false;
                        }
                    }
    double d1 = dist[0] + dist[1] + dist[2];
    double d2 = dist[3] + dist[4];
    double d36 = dist[5] + dist[6] + dist[7] + dist[11] + dist[12] + dist[13];
    double d4 = dist[8] + dist[9] + dist[10];
    const double step = 0.1;
    double max1 = cvss4_depth_eq1[eq1] * step,
           max2 = cvss4_depth_eq2[eq2] * step,
           max36 = cvss4_depth_eq3eq6[eq3][eq6] * step,
           max4 = cvss4_depth_eq4[eq4] * step;
    int n = 0;
    double sum = 0;
    if (!isnan(lower1)) {
        n++;
        sum += (value - lower1) * (d1 / max1);
    }
    if (!isnan(lower2)) {
        n++;
        sum += (value - lower2) * (d2 / max2);
    }
    if (!isnan(lower36)) {
        n++;
        sum += (value - lower36) * (d36 / max36);
    }
    if (!isnan(lower4)) {
        n++;
        sum += (value - lower4) * (d4 / max4);
    }
    if (!isnan(lower5))
        n++; /* E has no distance within its level */
    if (n)
        value -= sum / n;
    if (value < 0)
        value = 0;
    if (value > 10)
        value = 10;
    return floor((value + 1e-6) * 10 + 0.5) / 10;
}

static void score4(const int *val, tsn_cvss_scores *o)
{
    struct v4 x;
    effective(val, true, &x);
    o->base = score4_of(&x);
    effective(val, false, &x);
    o->score = score4_of(&x);
    o->impact = o->exploitability = o->temporal = o->environmental = -1;
    o->rating = tsn_cvss_rating_of(TSN_CVSS_V40, o->score);
}

/* Read @p vector: its version, its version's metric table and one value
 * index per metric (-1: absent) into @p val. */
static int read_vector(const char *vector,
                       tsn_cvss_version *version,
                       const struct metric **tab,
                       int *val)
{
    if (!vector || !*vector)
        return tsn_error_set(TSN_EINVALID, "an empty CVSS vector");
    if (strlen(vector) > VECTOR_MAX)
        return tsn_error_set(TSN_EINVALID, "a CVSS vector longer than %d bytes",
                             VECTOR_MAX);
    const char *rest = vector + 5;
    if (strncmp(vector, "CVSS:", 5) != 0) {
        *version = TSN_CVSS_V2;
        *tab = v2;
        rest = vector;
    } else if (strncmp(rest, "3.0/", 4) == 0 || strncmp(rest, "3.1/", 4) == 0) {
        *version = rest[2] == '1' ? TSN_CVSS_V31 : TSN_CVSS_V30;
        *tab = v3;
        rest += 4;
    } else if (strncmp(rest, "4.0/", 4) == 0) {
        *version = TSN_CVSS_V40;
        *tab = v4;
        rest += 4;
    } else {
        return tsn_error_set(TSN_EINVALID,
                             "'%s': not a CVSS version this reads (CVSS:3.0/, "
                             "CVSS:3.1/, CVSS:4.0/, or v2 without a prefix)",
                             vector);
    }
    return read_metrics(vector, rest, *tab, val);
}

int tsn_cvss_score(const char *vector, tsn_cvss_scores *out)
{
    memset(out, 0, sizeof *out);
    int val[MAX_METRICS];
    const struct metric *tab;
    int rc = read_vector(vector, &out->version, &tab, val);
    if (rc < 0)
        return rc;
    switch (out->version) {
    case TSN_CVSS_V2:
        if (any_given(v2, val, V2_E, V2_CDP, true))
            out->given |= TSN_CVSS_TEMPORAL;
        if (any_given(v2, val, V2_CDP, 99, true))
            out->given |= TSN_CVSS_ENVIRONMENTAL;
        score2(val, out);
        break;
    case TSN_CVSS_V30:
    case TSN_CVSS_V31:
        if (any_given(v3, val, V3_E, V3_CR, false))
            out->given |= TSN_CVSS_TEMPORAL;
        if (any_given(v3, val, V3_CR, 99, false))
            out->given |= TSN_CVSS_ENVIRONMENTAL;
        score3(val, out->version == TSN_CVSS_V31, out);
        break;
    case TSN_CVSS_V40:
        if (any_given(v4, val, V4_E, V4_CR, false))
            out->given |= TSN_CVSS_TEMPORAL;
        if (any_given(v4, val, V4_CR, V4_S, false))
            out->given |= TSN_CVSS_ENVIRONMENTAL;
        if (any_given(v4, val, V4_S, 99, false))
            out->given |= TSN_CVSS_SUPPLEMENTAL;
        score4(val, out);
        break;
    }
    return 0;
}

int tsn_cvss_metric(const char *vector,
                    const char *metric,
                    char *out,
                    size_t cap)
{
    int val[MAX_METRICS];
    const struct metric *tab;
    tsn_cvss_version version;
    int rc = read_vector(vector, &version, &tab, val);
    if (cap)
        *out = '\0';
    if (rc < 0)
        return rc;
    for (size_t m = 0; tab[m].name; m++) {
        if (strcmp(tab[m].name, metric) != 0 || val[m] < 0)
            continue;
        const char *p = tab[m].values;
        for (int i = val[m]; i > 0; i--)
            p += strcspn(p, "|") + 1;
        size_t n = strcspn(p, "|");
        if (n >= cap)
            return tsn_error_set(TSN_ETOOBIG, "%s: a value longer than %zu",
                                 metric, cap);
        memcpy(out, p, n);
        out[n] = '\0';
        return 1;
    }
    return 0;
}

tsn_cvss_rating tsn_cvss_rating_of(tsn_cvss_version version, double score)
{
    if (version == TSN_CVSS_V2)
        return score < 4.0   ? TSN_CVSS_LOW
               : score < 7.0 ? TSN_CVSS_MEDIUM
                             : TSN_CVSS_HIGH;
    return score == 0    ? TSN_CVSS_NONE
           : score < 4.0 ? TSN_CVSS_LOW
           : score < 7.0 ? TSN_CVSS_MEDIUM
           : score < 9.0 ? TSN_CVSS_HIGH
                         : TSN_CVSS_CRITICAL;
}

const char *tsn_cvss_version_name(tsn_cvss_version v)
{
    switch (v) {
    case TSN_CVSS_V2:
        return "2.0";
    case TSN_CVSS_V30:
        return "3.0";
    case TSN_CVSS_V31:
        return "3.1";
    case TSN_CVSS_V40:
        return "4.0";
    }
    return "?";
}

const char *tsn_cvss_rating_name(tsn_cvss_rating r)
{
    static const char *const names[] = {"NONE", "LOW", "MEDIUM", "HIGH",
                                        "CRITICAL"};
    return (unsigned)r < 5 ? names[r] : "NONE";
}
