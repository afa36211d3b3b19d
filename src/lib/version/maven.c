/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Maven versions, ordered as org.apache.maven.artifact.versioning.
 * ComparableVersion (maven-artifact 3.8) does. That class builds a list
 * of items split at '.', '-' and digit/letter changes, where '-' and a
 * digit/letter change open a nested list that is always the last item of
 * its parent. tsunagi keeps that shape flat: parts are items (M_INT,
 * M_STR with aux = qualifier rank) and M_LIST markers whose content is
 * everything after the marker. Non-ASCII text is refused (Java would
 * lower-case and classify it with Unicode rules).
 */
#include "lib/version/vs.h"

#include <string.h>

enum { M_INT = 1, M_STR, M_LIST, M_DEAD };

/* alpha beta milestone rc snapshot "" sp; anything else ranks 7 */
enum { Q_RELEASE = 5, Q_OTHER = 7 };

static bool eqi(const char *s, size_t n, const char *w)
{
    return strlen(w) == n && tsn_vs_bytecasecmp(s, n, w, n) == 0;
}

static int qualifier(const char *s, size_t n, bool followed_by_digit)
{
    if (followed_by_digit && n == 1) {
        char c = (char)(s[0] | 0x20);
        if (c == 'a')
            return 0;
        if (c == 'b')
            return 1;
        if (c == 'm')
            return 2;
    }
    static const char *const q[] = {"alpha",    "beta", "milestone", "rc",
                                    "snapshot", "",     "sp"};
    for (int k = 0; k < 7; k++)
        if (eqi(s, n, q[k]))
            return k;
    if (eqi(s, n, "ga") || eqi(s, n, "final") || eqi(s, n, "release"))
        return Q_RELEASE;
    if (eqi(s, n, "cr"))
        return 3;
    return Q_OTHER;
}

static bool is_null(const struct tsn_ver *v, const struct vpart *p)
{
    if (p->kind == M_INT) {
        for (uint16_t k = 0; k < p->len; k++)
            if (v->s[p->off + k] != '0')
                return false;
        return true;
    }
    if (p->kind == M_STR)
        return p->aux == Q_RELEASE;
    return false; /* lists: decided by normalize() */
}

static int
item(struct tsn_ver *v, size_t st, size_t i, bool digit, bool followed_by_digit)
{
    if (digit)
        return tsn_vs_add(v, st, i - st, M_INT, 0);
    return tsn_vs_add(v, st, i - st, M_STR,
                      qualifier(v->s + st, i - st, followed_by_digit));
}

/*
 * ListItem.normalize() for every list, innermost first: drop trailing
 * null items; an empty nested list is null too. A non-null nested list
 * does not stop the walk, a non-null plain item does.
 */
static void normalize(struct tsn_ver *v)
{
    int start[TSN_LIMIT_VERSION_PARTS + 1], nl = 0;
    start[nl++] = 0;
    for (int k = 0; k < v->nparts; k++)
        if (v->p[k].kind == M_LIST)
            start[nl++] = k + 1;
    for (int l = nl - 1; l >= 0; l--) {
        int end = l + 1 < nl ? start[l + 1] - 1 : v->nparts; /* marker */
        int last = l + 1 < nl ? end : end - 1;
        for (int k = last; k >= start[l]; k--) {
            struct vpart *p = &v->p[k];
            if (p->kind == M_DEAD)
                continue;
            if (p->kind == M_LIST) {
                bool empty = true;
                for (int j = k + 1; j < v->nparts; j++)
                    if (v->p[j].kind != M_DEAD) {
                        empty = false;
                        break;
                    }
                if (empty)
                    p->kind = M_DEAD;
                continue;
            }
            if (is_null(v, p))
                p->kind = M_DEAD;
            else
                break;
        }
    }
    int w = 0;
    for (int k = 0; k < v->nparts; k++)
        if (v->p[k].kind != M_DEAD)
            v->p[w++] = v->p[k];
    v->nparts = (uint8_t)w;
}

/* Open a nested list (a marker part); the new list is empty. */
static int open_list(struct tsn_ver *v, size_t at, int *in_list)
{
    *in_list = 0;
    return tsn_vs_add(v, at, 0, M_LIST, 0);
}

int tsn_vs_maven_parse(struct tsn_ver *v)
{
    const char *s = v->s;
    size_t n = v->len, st = 0;
    bool digit = false;
    int rc = 0, in_list = 0; /* items in the innermost list */
    for (size_t i = 0; i < n && rc == 0; i++) {
        char c = s[i];
        if ((unsigned char)c >= 0x80 || (unsigned char)c < 0x20)
            return tsn_vs_bad(v, "non-ASCII or control character");
        if (c == '.' || c == '-') {
            if (i == st)
                rc = tsn_vs_add(v, i, 0, M_INT, 0); /* an implied 0 */
            else
                rc = item(v, st, i, digit, false);
            in_list++;
            st = i + 1;
            if (c == '-' && rc == 0)
                rc = open_list(v, i, &in_list);
        } else if (vs_digit(c)) {
            if (!digit && i > st) {
                /* "1.0.0.X1" reads as "1.0.0-X-1" */
                if (in_list > 0)
                    rc = open_list(v, i, &in_list);
                if (rc == 0)
                    rc = item(v, st, i, false, true);
                st = i;
                if (rc == 0)
                    rc = open_list(v, i, &in_list);
            }
            digit = true;
        } else {
            if (digit && i > st) {
                rc = item(v, st, i, true, false);
                st = i;
                if (rc == 0)
                    rc = open_list(v, i, &in_list);
            }
            digit = false;
        }
    }
    if (rc == 0 && n > st) {
        /* a trailing ".X" reads as "-X" for any text X */
        if (!digit && in_list > 0)
            rc = open_list(v, st, &in_list);
        if (rc == 0)
            rc = item(v, st, n, digit, false);
    }
    if (rc < 0)
        return rc;
    normalize(v);
    return 0;
}

/* Items of the list starting at part index i: up to and including the
 * first M_LIST marker. Returns the next item index or -1 at the end. */
static int next_item(const struct tsn_ver *v, int i)
{
    if (i < 0 || i >= v->nparts)
        return -1;
    if (v->p[i].kind == M_LIST)
        return -1;
    return i + 1 < v->nparts ? i + 1 : -1;
}

static int
cmp_item(const struct tsn_ver *a, int i, const struct tsn_ver *b, int j);

static int qualcmp(const struct tsn_ver *a,
                   const struct vpart *x,
                   const struct tsn_ver *b,
                   const struct vpart *y)
{
    int qx = x ? x->aux : Q_RELEASE, qy = y ? y->aux : Q_RELEASE;
    if (qx != qy)
        return qx < qy ? -1 : 1;
    if (qx != Q_OTHER)
        return 0;
    return tsn_vs_bytecasecmp(vs_at(a, x), x->len, vs_at(b, y), y->len);
}

/* Compare the lists whose first items are a->p[i] and b->p[j] (-1: the
 * list is empty). */
static int
cmp_list(const struct tsn_ver *a, int i, const struct tsn_ver *b, int j)
{
    while (i >= 0 || j >= 0) {
        int c;
        if (i < 0)
            c = -cmp_item(b, j, a, -1);
        else
            c = cmp_item(a, i, b, j);
        if (c)
            return c;
        i = next_item(a, i);
        j = next_item(b, j);
    }
    return 0;
}

static int list_first(const struct tsn_ver *v, int marker)
{
    return marker + 1 < v->nparts ? marker + 1 : -1;
}

/* Item a->p[i] against b->p[j], or against nothing when j < 0. */
static int
cmp_item(const struct tsn_ver *a, int i, const struct tsn_ver *b, int j)
{
    const struct vpart *x = &a->p[i];
    const struct vpart *y = j >= 0 ? &b->p[j] : NULL;
    switch (x->kind) {
    case M_INT:
        if (!y)
            return is_null(a, x) ? 0 : 1;
        if (y->kind == M_INT)
            return tsn_vs_numcmp(vs_at(a, x), x->len, vs_at(b, y), y->len);
        return 1;
    case M_STR:
        if (!y || y->kind == M_STR)
            return qualcmp(a, x, b, y);
        return -1;
    default: /* M_LIST */
        if (!y) {
            for (int k = list_first(a, i); k >= 0; k = next_item(a, k)) {
                int c = cmp_item(a, k, b, -1);
                if (c)
                    return c;
            }
            return 0;
        }
        if (y->kind == M_INT)
            return -1;
        if (y->kind == M_STR)
            return 1;
        return cmp_list(a, list_first(a, i), b, list_first(b, j));
    }
}

int tsn_vs_maven_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    return cmp_list(a, a->nparts ? 0 : -1, b, b->nparts ? 0 : -1);
}
