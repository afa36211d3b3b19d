/* SPDX-License-Identifier: Apache-2.0 */
/* What the assessment files share (catalogue.c, answers.c, score.c). */
#ifndef TSN_ASSESS_INT_H
#define TSN_ASSESS_INT_H

#include "lib/advisory/rd.h"
#include "lib/lib.h"
#include "tsunagi/assess.h"
#include "util/json.h"

/* Limits of what a catalogue and an answers file may hold. */
#define TSNQ_MAX_BYTES ((size_t)4 * 1024 * 1024)
#define TSNQ_MAX_QUESTIONS ((size_t)10000)
#define TSNQ_MAX_PROBLEMS ((size_t)1000)

struct tsnq_catalogue {
    tsn_catalogue pub;
    tsnu_arena arena;
};

/* A member of @p obj not in @p allowed (NULL-terminated) is a violation. */
int tsnq_only(tsnr *r,
              const tsnu_json *obj,
              const tsnu_jpath *p,
              const char *const *allowed);

/* Member @p key of @p obj: a number from @p lo to @p hi (@p dflt when
 * absent), a whole number (required or left as it is when absent). */
int tsnq_number(tsnr *r,
                const tsnu_json *obj,
                const tsnu_jpath *p,
                const char *key,
                double dflt,
                double lo,
                double hi,
                double *out);
int tsnq_integer(tsnr *r,
                 const tsnu_json *obj,
                 const tsnu_jpath *p,
                 const char *key,
                 bool required,
                 int lo,
                 int hi,
                 int *out);

/* A score under @p key, rounded to one decimal place (null when NaN). */
void tsnq_put_score(tsnu_jw *w, const char *key, double v);

#endif
