/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Packagist/Composer versions, ordered as PHP's version_compare() (which
 * Composer's constraint matching calls): the text is split into parts at
 * '.', '-', '_', '+' and between digits and letters, then compared part
 * by part: numbers as numbers; words by the special forms dev < alpha =
 * a < beta = b < RC = rc < (a number) < pl = p, matched by prefix, any
 * other word below dev; '#' ranks as a number. When one version has more
 * parts, a following number makes it newer, following words compare
 * against the number rank. A leading 'v' before a digit is dropped as
 * Composer's normaliser does.
 *
 * Parts: the canonical parts (kind P_NUM or P_WORD), split once at parse
 * time so that comparing needs no copy.
 */
#include "lib/version/vs.h"

#include <string.h>

enum { P_NUM = 1, P_WORD };

/*
 * Accepted: [v]word{sep word} with words of letters, digits and '#',
 * separators '.', '-', '_', '+', starting with a digit or "dev-". PHP's
 * version_compare() orders other strings (empty parts, leading
 * separators, other bytes) inconsistently, and Composer refuses them.
 */
int tsn_vs_composer_parse(struct tsn_ver *v)
{
    const char *s = v->s;
    size_t n = v->len, i = 0;
    if (n > 1 && (s[0] == 'v' || s[0] == 'V') && vs_digit(s[1]))
        i = 1;
    if (!vs_digit(s[i]) && !(n > 4 && memcmp(s, "dev-", 4) == 0))
        return tsn_vs_bad(v, "must start with a number or dev-");
    while (i < n) {
        size_t st = i;
        bool num = vs_digit(s[i]);
        while (i < n && (num ? vs_digit(s[i]) : vs_alpha(s[i]) || s[i] == '#'))
            i++;
        if (i == st)
            return tsn_vs_bad(v, strchr(".-_+", s[i])
                                     ? "empty part between separators"
                                     : "invalid character");
        int rc = tsn_vs_add(v, st, i - st, num ? P_NUM : P_WORD, 0);
        if (rc < 0)
            return rc;
        if (i < n && strchr(".-_+", s[i])) {
            if (++i == n)
                return tsn_vs_bad(v, "ends with a separator");
        }
    }
    return 0;
}

static int special(const char *s, size_t n)
{
    static const struct {
        const char *name;
        int order;
    } forms[] = {{"dev", 0}, {"alpha", 1}, {"a", 1}, {"beta", 2}, {"b", 2},
                 {"RC", 3},  {"rc", 3},    {"#", 4}, {"pl", 5},   {"p", 5}};
    for (size_t k = 0; k < sizeof forms / sizeof *forms; k++) {
        size_t l = strlen(forms[k].name);
        if (n >= l && memcmp(s, forms[k].name, l) == 0)
            return forms[k].order;
    }
    return -1;
}

enum { NUMBER_RANK = 4 }; /* "#N#" */

static int word_vs_number(const struct tsn_ver *v, const struct vpart *p)
{
    return vs_sign(special(vs_at(v, p), p->len) - NUMBER_RANK);
}

/* version_compare(rest, "#N#") for the parts of @p v from index k on,
 * the first of which is a word. */
static int rest_vs_number(const struct tsn_ver *v, int k)
{
    for (;;) {
        if (v->p[k].kind == P_WORD) {
            int c = word_vs_number(v, &v->p[k]);
            if (c)
                return c;
        }
        if (++k == v->nparts)
            return 0;
        if (v->p[k].kind == P_NUM)
            return 1;
    }
}

int tsn_vs_composer_cmp(const struct tsn_ver *a, const struct tsn_ver *b)
{
    int k = 0;
    for (; k < a->nparts && k < b->nparts; k++) {
        const struct vpart *x = &a->p[k], *y = &b->p[k];
        int c;
        if (x->kind == P_NUM && y->kind == P_NUM)
            c = tsn_vs_numcmp(vs_at(a, x), x->len, vs_at(b, y), y->len);
        else if (x->kind == P_WORD && y->kind == P_WORD)
            c = vs_sign(special(vs_at(a, x), x->len) -
                        special(vs_at(b, y), y->len));
        else if (x->kind == P_NUM)
            c = -word_vs_number(b, y);
        else
            c = word_vs_number(a, x);
        if (c)
            return c;
    }
    if (k < a->nparts)
        return a->p[k].kind == P_NUM ? 1 : rest_vs_number(a, k);
    if (k < b->nparts)
        return b->p[k].kind == P_NUM ? -1 : -rest_vs_number(b, k);
    return 0;
}
