/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Internal interface of the version schemes. A parsed version keeps its
 * text and a list of parts (offset and length into the text plus a kind
 * the scheme defines); each scheme's parse fills the parts and its cmp
 * reads them. Numbers are compared as digit strings (leading zeros
 * dropped, then length, then bytes), so no number can overflow.
 */
#ifndef TSN_VERSION_VS_H
#define TSN_VERSION_VS_H

#include "lib/lib.h"

#include "tsunagi/limits.h"
#include "tsunagi/version.h"

struct vpart {
    uint16_t off;
    uint16_t len;
    int16_t kind; /* scheme-defined */
    int16_t aux;  /* scheme-defined */
};

struct tsn_ver {
    const char *s;
    uint16_t len;
    uint8_t scheme;
    uint8_t nparts;
    int32_t a[4]; /* scheme-defined scalars */
    struct vpart *p;
};

/* A version parsed into caller storage (no allocation). */
struct vtmp {
    struct tsn_ver v;
    struct vpart parts[TSN_LIMIT_VERSION_PARTS];
};

struct vscheme_ops {
    /* v->s, v->len set; v->p has TSN_LIMIT_VERSION_PARTS room. */
    int (*parse)(struct tsn_ver *v);
    int (*cmp)(const struct tsn_ver *a, const struct tsn_ver *b);
};

/* Parse @p s (n bytes) into @p t with the rules of @p scheme. */
int tsn_vs_parse_tmp(struct vtmp *t,
                     tsn_vscheme scheme,
                     const char *s,
                     size_t n);

/* Append a part; TSN_ETOOBIG when full. */
int tsn_vs_add(struct tsn_ver *v, size_t off, size_t len, int kind, int aux);
/* Error for version text @p v with a reason. */
int tsn_vs_bad(const struct tsn_ver *v, const char *why);

/* Compare digit strings (leading zeros allowed) as numbers. */
int tsn_vs_numcmp(const char *a, size_t an, const char *b, size_t bn);
/* Compare byte strings; a shorter prefix sorts first. */
int tsn_vs_bytecmp(const char *a, size_t an, const char *b, size_t bn);
/* Compare byte strings ignoring ASCII case. */
int tsn_vs_bytecasecmp(const char *a, size_t an, const char *b, size_t bn);

static inline bool vs_digit(char c)
{
    return c >= '0' && c <= '9';
}
static inline bool vs_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static inline int vs_sign(int x)
{
    return (x > 0) - (x < 0);
}
static inline const char *vs_at(const struct tsn_ver *v, const struct vpart *p)
{
    return v->s + p->off;
}

#define VS_DECLARE(name)                                                       \
    int tsn_vs_##name##_parse(struct tsn_ver *v);                              \
    int tsn_vs_##name##_cmp(const struct tsn_ver *a, const struct tsn_ver *b)

/* apk: NULL when apk-tools would accept the version, else why not. */
const char *tsn_vs_apk_invalid(const char *s, size_t n);

/* PEP 440 facts for specifiers (pep440.c). */
enum { TSN_VS_PY_PRE = 1, TSN_VS_PY_POST = 2, TSN_VS_PY_LOCAL = 4 };
unsigned tsn_vs_pypi_facts(const struct tsn_ver *v);
/* Compare epoch and release numbers only. */
int tsn_vs_pypi_release_cmp(const struct tsn_ver *a, const struct tsn_ver *b);
/* Compare without local version labels. */
int tsn_vs_pypi_public_cmp(const struct tsn_ver *a, const struct tsn_ver *b);
/* RubyGems: has a text segment (gem.c). */
bool tsn_vs_gem_prerelease(const struct tsn_ver *v);

/* Whether @p v is a pre-release in its scheme's own sense: a SemVer
 * pre-release, a PEP 440 pre or dev release, a Conan "-pre", a RubyGems
 * text segment. False for schemes without the notion. */
bool tsn_vs_prerelease(const struct tsn_ver *v);
/* SemVer family: same MAJOR.MINOR.PATCH. */
bool tsn_vs_same_core(const struct tsn_ver *a, const struct tsn_ver *b);
/* Compare two parsed versions of one scheme (sign only). */
int tsn_vs_cmp(const struct tsn_ver *a, const struct tsn_ver *b);
/* Parse into arena storage. */
int tsn_vs_parse_arena(tsnu_arena *arena,
                       tsn_vscheme scheme,
                       const char *s,
                       size_t n,
                       struct tsn_ver **out);

VS_DECLARE(generic);
VS_DECLARE(lexicographic);
VS_DECLARE(semver);
VS_DECLARE(npm);
VS_DECLARE(pub);
VS_DECLARE(nuget);
VS_DECLARE(golang);
VS_DECLARE(pypi);
VS_DECLARE(maven);
VS_DECLARE(gem);
VS_DECLARE(composer);
VS_DECLARE(hackage);
VS_DECLARE(cran);
VS_DECLARE(deb);
VS_DECLARE(rpm);
VS_DECLARE(apk);
VS_DECLARE(conan);
VS_DECLARE(gentoo);
VS_DECLARE(alpm);
VS_DECLARE(openssl);
VS_DECLARE(datetime);

#endif
