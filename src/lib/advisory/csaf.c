/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CSAF 2.0 reader: one document (a security advisory, a VEX document, an
 * informational advisory, ...) into one advisory. The product tree gives
 * the products; each vulnerability's product status says which of them
 * are affected, fixed or not affected, and those become affected entries
 * with ranges and versions. The document must pass the standard's
 * mandatory tests (section 6.1, csaf_check.c) before it is read.
 */
#include "lib/lib.h"

#include "lib/advisory/csaf.h"
#include "lib/advisory/rd.h"
#include "lib/ident/pkg.h"
#include "tsunagi/advisory.h"
#include "tsunagi/limits.h"
#include "tsunagi/purl.h"
#include "tsunagi/range.h"
#include "util/json.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define AT TSNR_AT
#define IDX TSNR_IDX

/* Words that make a product_version a range (6.1.31), whole words. */
static const char *const range_words[] = {
    "after", "all", "before", "earlier", "later", "prior", "versions",
};

const csaf_prod *csaf_product(const csaf *c, const char *id)
{
    size_t i;
    return tsnu_map_get(&c->ids, id, &i) ? TSNU_VEC_AT(&c->prods, csaf_prod, i)
                                         : NULL;
}

/* ---- the product tree -------------------------------------------------- */

/* The path of branch categories above a product. */
struct above {
    const char *vendor, *product, *family, *version, *range;
};

/* Whether @p name holds a version range (CSAF 6.1.31): a comparison
 * operator, or one of range_words as a word of its own (between white
 * space: "after-eight" names a version). */
static bool range_in_version(const char *name)
{
    if (strpbrk(name, "<>"))
        return true;
    for (const char *s = name; *s;) {
        s += strspn(s, " \t\r\n");
        size_t n = strcspn(s, " \t\r\n");
        for (size_t i = 0; n && i < sizeof range_words / sizeof *range_words;
             i++)
            if (strlen(range_words[i]) == n &&
                strncasecmp(s, range_words[i], n) == 0)
                return true;
        s += n;
    }
    return false;
}

/* A full_product_name object: its id (unique: 6.1.2), name and helper
 * (a purl must be one: 6.1.13). */
static int define(csaf *c,
                  const tsnu_json *o,
                  const tsnu_jpath *p,
                  const struct above *ab,
                  csaf_prod **out)
{
    int rc;
    csaf_prod pr = {.at = o};
    const tsnu_json *helper;
    if ((rc = tsnr_object(&c->c, o, p)) < 0 ||
        (rc = tsnr_str(&c->c, o, p, "product_id", true, &pr.id)) < 0 ||
        (rc = tsnr_str(&c->c, o, p, "name", true, &pr.name)) < 0 ||
        (rc = tsnr_member(&c->c, o, p, "product_identification_helper",
                          TSNU_JSON_OBJECT, &helper)) < 0)
        return rc;
    if (helper) {
        tsnu_jpath hp = AT(p, "product_identification_helper");
        if ((rc = tsnr_str(&c->c, helper, &hp, "cpe", false, &pr.cpe)) < 0 ||
            (rc = tsnr_str(&c->c, helper, &hp, "purl", false, &pr.purl)) < 0)
            return rc;
        if (pr.purl) {
            tsn_purl *pu = NULL;
            rc = tsn_purl_parse(&pu, pr.purl, 0);
            tsn_purl_free(pu);
            tsnu_jpath up = AT(&hp, "purl");
            if (rc == TSN_EINVALID || rc == TSN_ETOOBIG)
                return tsnr_bad(&c->c, &up, tsnu_json_get(helper, "purl"),
                                "CSAF 6.1.13: '%s' is not a package URL: %s",
                                pr.purl, tsn_error_last()->message);
            if (rc < 0)
                return rc;
        }
    }
    if (ab) {
        pr.vendor = ab->vendor;
        pr.product = ab->product ? ab->product : ab->family;
        pr.version = ab->version;
        pr.range = ab->range;
    }
    size_t i;
    if (tsnu_map_get(&c->ids, pr.id, &i)) {
        tsnu_jpath ip = AT(p, "product_id");
        return tsnr_bad(&c->c, &ip, tsnu_json_get(o, "product_id"),
                        "CSAF 6.1.2: product id '%s' is defined again (first "
                        "at line %u)",
                        pr.id, TSNU_VEC_AT(&c->prods, csaf_prod, i)->at->line);
    }
    if ((rc = tsnu_map_put(&c->ids, pr.id, c->prods.len)) < 0 ||
        (rc = tsnu_vec_push(&c->prods, &pr)) < 0)
        return rc;
    if (out)
        *out = TSNU_VEC_AT(&c->prods, csaf_prod, c->prods.len - 1);
    return 0;
}

static int
branches(csaf *c, const tsnu_json *obj, const tsnu_jpath *p, struct above ab)
{
    const tsnu_json *bs;
    size_t n;
    int rc = tsnr_items(&c->c, obj, p, "branches", false, &bs, &n);
    if (rc < 0)
        return rc;
    tsnu_jpath lp = AT(p, "branches");
    for (size_t i = 0; i < n; i++) {
        tsnu_jpath ip = IDX(&lp, i);
        const char *cat, *name;
        const tsnu_json *prod;
        if ((rc = tsnr_object(&c->c, &bs[i], &ip)) < 0 ||
            (rc = tsnr_str(&c->c, &bs[i], &ip, "category", true, &cat)) < 0 ||
            (rc = tsnr_str(&c->c, &bs[i], &ip, "name", true, &name)) < 0 ||
            (rc = tsnr_member(&c->c, &bs[i], &ip, "product", TSNU_JSON_OBJECT,
                              &prod)) < 0)
            return rc;
        struct above b = ab;
        if (strcmp(cat, "vendor") == 0)
            b.vendor = name;
        else if (strcmp(cat, "product_name") == 0)
            b.product = name;
        else if (strcmp(cat, "product_family") == 0)
            b.family = name;
        else if (strcmp(cat, "product_version") == 0) {
            if (range_in_version(name)) {
                tsnu_jpath np = AT(&ip, "name");
                return tsnr_bad(&c->c, &np, tsnu_json_get(&bs[i], "name"),
                                "CSAF 6.1.31: the product version '%s' is a "
                                "range (use product_version_range)",
                                name);
            }
            b.version = name;
        } else if (strcmp(cat, "product_version_range") == 0)
            b.range = name;
        if (prod) {
            tsnu_jpath pp = AT(&ip, "product");
            if ((rc = define(c, prod, &pp, &b, NULL)) < 0)
                return rc;
        }
        if ((rc = branches(c, &bs[i], &ip, b)) < 0)
            return rc;
    }
    return 0;
}

static int read_tree(csaf *c)
{
    tsnu_jpath tp = AT(NULL, "product_tree");
    struct above none = {0};
    const tsnu_json *fs, *rs;
    size_t nf, nr;
    int rc;
    if ((rc = branches(c, c->tree, &tp, none)) < 0 ||
        (rc = tsnr_items(&c->c, c->tree, &tp, "full_product_names", false, &fs,
                         &nf)) < 0 ||
        (rc = tsnr_items(&c->c, c->tree, &tp, "relationships", false, &rs,
                         &nr)) < 0 ||
        (rc = tsnr_items(&c->c, c->tree, &tp, "product_groups", false,
                         &c->group_items, &c->ngroups)) < 0)
        return rc;
    tsnu_jpath fp = AT(&tp, "full_product_names");
    for (size_t i = 0; i < nf; i++) {
        tsnu_jpath ip = IDX(&fp, i);
        if ((rc = define(c, &fs[i], &ip, NULL, NULL)) < 0)
            return rc;
    }
    tsnu_jpath rp = AT(&tp, "relationships");
    for (size_t i = 0; i < nr; i++) {
        tsnu_jpath ip = IDX(&rp, i);
        const char *cat, *ref, *on;
        const tsnu_json *full;
        csaf_prod *pr;
        if ((rc = tsnr_object(&c->c, &rs[i], &ip)) < 0 ||
            (rc = tsnr_str(&c->c, &rs[i], &ip, "category", true, &cat)) < 0 ||
            (rc = tsnr_str(&c->c, &rs[i], &ip, "product_reference", true,
                           &ref)) < 0 ||
            (rc = tsnr_str(&c->c, &rs[i], &ip, "relates_to_product_reference",
                           true, &on)) < 0 ||
            (rc = tsnr_member(&c->c, &rs[i], &ip, "full_product_name",
                              TSNU_JSON_OBJECT, &full)) < 0)
            return rc;
        if (!full)
            return tsnr_bad(&c->c, &ip, &rs[i],
                            "a relationship needs a full_product_name");
        tsnu_jpath np = AT(&ip, "full_product_name");
        if ((rc = define(c, full, &np, NULL, &pr)) < 0)
            return rc;
        pr->ref = ref;
        pr->on = on;
    }
    tsnu_jpath gp = AT(&tp, "product_groups");
    for (size_t i = 0; i < c->ngroups; i++) {
        tsnu_jpath ip = IDX(&gp, i);
        const tsnu_json *g = &c->group_items[i];
        const char *gid;
        size_t k;
        if ((rc = tsnr_object(&c->c, g, &ip)) < 0 ||
            (rc = tsnr_str(&c->c, g, &ip, "group_id", true, &gid)) < 0)
            return rc;
        if (tsnu_map_get(&c->groups, gid, &k)) {
            tsnu_jpath idp = AT(&ip, "group_id");
            return tsnr_bad(&c->c, &idp, tsnu_json_get(g, "group_id"),
                            "CSAF 6.1.5: product group id '%s' is defined "
                            "again (first at line %u)",
                            gid, c->group_items[k].line);
        }
        if ((rc = tsnu_map_put(&c->groups, gid, i)) < 0)
            return rc;
    }
    return 0;
}

/* ---- the document ------------------------------------------------------ */

static int read_document(csaf *c, tsn_advisory *a)
{
    const tsnu_jpath *top = NULL;
    int rc;
    if (c->root->type != TSNU_JSON_OBJECT)
        return tsnr_bad(&c->c, top, c->root,
                        "a CSAF document is a JSON object");
    if ((rc = tsnr_member(&c->c, c->root, top, "document", TSNU_JSON_OBJECT,
                          &c->doc)) < 0 ||
        (rc = tsnr_member(&c->c, c->root, top, "product_tree", TSNU_JSON_OBJECT,
                          &c->tree)) < 0 ||
        (rc = tsnr_items(&c->c, c->root, top, "vulnerabilities", false,
                         &c->vulns, &c->nvulns)) < 0)
        return rc;
    if (!c->doc)
        return tsnr_bad(&c->c, top, c->root, "'document' is required");
    tsnu_jpath dp = AT(top, "document");
    const char *ver, *title;
    const tsnu_json *pub;
    if ((rc = tsnr_str(&c->c, c->doc, &dp, "csaf_version", true, &ver)) < 0 ||
        (rc = tsnr_str(&c->c, c->doc, &dp, "category", true, &c->category)) <
            0 ||
        (rc = tsnr_str(&c->c, c->doc, &dp, "title", true, &title)) < 0 ||
        (rc = tsnr_str(&c->c, c->doc, &dp, "lang", false, &a->lang)) < 0 ||
        (rc = tsnr_member(&c->c, c->doc, &dp, "publisher", TSNU_JSON_OBJECT,
                          &pub)) < 0 ||
        (rc = tsnr_member(&c->c, c->doc, &dp, "tracking", TSNU_JSON_OBJECT,
                          &c->tracking)) < 0)
        return rc;
    if (strcmp(ver, "2.0") != 0) {
        tsnu_jpath vp = AT(&dp, "csaf_version");
        return tsnr_bad(&c->c, &vp, tsnu_json_get(c->doc, "csaf_version"),
                        "csaf_version '%s' is not 2.0", ver);
    }
    if (!pub || !c->tracking)
        return tsnr_bad(&c->c, &dp, c->doc,
                        "'publisher' and 'tracking' are required");
    a->schema_version = ver;
    a->summary = title;
    tsnu_jpath pp = AT(&dp, "publisher"), tp = AT(&dp, "tracking");
    const char *pcat, *pname, *init, *cur;
    const tsnu_json *hist;
    size_t nhist;
    if ((rc = tsnr_str(&c->c, pub, &pp, "category", true, &pcat)) < 0 ||
        (rc = tsnr_str(&c->c, pub, &pp, "name", true, &pname)) < 0 ||
        (rc = tsnr_str(&c->c, pub, &pp, "namespace", true, &a->publisher)) <
            0 ||
        (rc = tsnr_str(&c->c, c->tracking, &tp, "id", true, &a->id)) < 0 ||
        (rc = tsnr_str(&c->c, c->tracking, &tp, "status", true, &c->status)) <
            0 ||
        (rc = tsnr_str(&c->c, c->tracking, &tp, "version", true, &c->version)) <
            0 ||
        (rc = tsnr_time(&c->c, c->tracking, &tp, "initial_release_date", true,
                        &init)) < 0 ||
        (rc = tsnr_time(&c->c, c->tracking, &tp, "current_release_date", true,
                        &cur)) < 0 ||
        (rc = tsnr_items(&c->c, c->tracking, &tp, "revision_history", true,
                         &hist, &nhist)) < 0)
        return rc;
    if (strcmp(c->status, "draft") != 0 && strcmp(c->status, "final") != 0 &&
        strcmp(c->status, "interim") != 0) {
        tsnu_jpath sp = AT(&tp, "status");
        return tsnr_bad(&c->c, &sp, tsnu_json_get(c->tracking, "status"),
                        "status '%s' is not draft, final or interim",
                        c->status);
    }
    for (const char *s = a->id; *s; s++)
        if ((unsigned char)*s < 0x20) {
            tsnu_jpath ip = AT(&tp, "id");
            return tsnr_bad(&c->c, &ip, tsnu_json_get(c->tracking, "id"),
                            "the id holds a control character");
        }
    a->published = init;
    a->modified = cur;
    bool en = !a->lang || (strncasecmp(a->lang, "en", 2) == 0 &&
                           (a->lang[2] == '\0' || a->lang[2] == '-'));
    if (en)
        a->lang = NULL;
    return 0;
}

/* ---- mapping ----------------------------------------------------------- */

/* One affected entry being gathered: a package (purl), a CPE's product or
 * a vendor's product, from all the products of the tree that are it. */
struct pkg {
    const char *key;
    tsn_adv_affected af;
    tsnu_vec cpes, ranges, versions, statements, unaffected;
};

struct map {
    csaf *c;
    tsn_advisory *a;
    tsnu_vec pkgs; /* struct pkg */
    tsnu_map keys; /* key to index in pkgs */
    tsnu_vec aliases, related, sev, cwes, refs;
    tsnu_strset seen_refs;
    /* per product of the tree, once known: its entry and version, so a
     * product named in many statuses and vulnerabilities is looked at
     * once */
    struct known {
        bool done;
        size_t entry;
        const char *ver;
    } * known;
};

/* The entry of @p pr (the product a relationship names, resolved), made
 * when new; its version into *@p ver. */
static int
entry_of(struct map *m, const csaf_prod *pr, struct pkg **out, const char **ver)
{
    tsnu_arena *ar = m->c->c.arena;
    const char *key = NULL, *eco = NULL, *name = NULL, *purl = NULL;
    const char *cpe = NULL, *vendor = pr->vendor, *product = pr->product;
    *ver = pr->version;
    bool oom = false;
    int rc = 0;
    if (pr->purl) {
        tsn_purl *pu = NULL;
        if ((rc = tsn_purl_parse(&pu, pr->purl, 0)) < 0)
            return rc; /* checked at definition */
        if (pu->version && !pr->version)
            *ver = tsnu_arena_strdup(ar, pu->version);
        tsn_purl base = *pu;
        base.version = NULL;
        base.qualifiers = NULL;
        base.n_qualifiers = 0;
        base.subpath = NULL;
        char *canon = NULL;
        if ((rc = tsn_purl_canonical(&canon, &base)) == 0) {
            purl = tsnu_arena_strdup(ar, canon);
            if (!tsni_purl_package(ar, pu, &eco, &name))
                eco = name = NULL;
            oom = !purl || (eco && !name) || (pu->version && !*ver);
        }
        tsn_free(canon);
        tsn_purl_free(pu);
        if (rc < 0)
            return rc;
        key = purl;
    }
    if (pr->cpe) {
        cpe = strncmp(pr->cpe, "cpe:2.3:", 8) == 0
                  ? pr->cpe
                  : tsnr_cpe23(ar, pr->cpe, &oom);
        const char *cv, *cp;
        if (cpe && !key && tsnr_cpe_vp(ar, cpe, &cv, &cp) == 0) {
            if (!vendor && !product) { /* named by its CPE alone */
                vendor = cv;
                product = cp;
            }
            key = tsnu_arena_printf(ar, "cpe\t%s:%s", cv, cp);
            oom |= !key;
            if (!*ver && tsnr_cpe_version(ar, cpe, ver) < 0)
                return tsn_error_oom();
        }
    }
    if (!product && !key)
        product = pr->name; /* the product is known by its full name */
    if (!key) {
        key = tsnu_arena_printf(ar, "name\t%s\t%s", vendor ? vendor : "",
                                product);
        oom |= !key;
    }
    if (oom)
        return tsn_error_oom();
    size_t i;
    if (!tsnu_map_get(&m->keys, key, &i)) {
        struct pkg pk = {
            .key = key,
            .af = {.ecosystem = eco,
                   .name = name,
                   .purl = purl,
                   .vendor = vendor,
                   .product = product},
            .cpes = TSNU_VEC_INIT(const char *, TSN_LIMIT_COMPONENTS),
            .ranges = TSNU_VEC_INIT(tsn_adv_range, TSN_LIMIT_COMPONENTS),
            .versions = TSNU_VEC_INIT(const char *, TSN_LIMIT_COMPONENTS),
            .statements = TSNU_VEC_INIT(const char *, TSN_LIMIT_COMPONENTS),
            .unaffected = TSNU_VEC_INIT(const char *, TSN_LIMIT_COMPONENTS),
        };
        i = m->pkgs.len;
        if ((rc = tsnu_vec_push(&m->pkgs, &pk)) < 0 ||
            (rc = tsnu_map_put(&m->keys, key, i)) < 0)
            return rc;
    }
    struct pkg *pk = TSNU_VEC_AT(&m->pkgs, struct pkg, i);
    if (cpe) {
        bool have = false;
        for (size_t k = 0; k < pk->cpes.len && !have; k++)
            have = strcmp(((const char **)pk->cpes.ptr)[k], cpe) == 0;
        if (!have && (rc = tsnu_vec_push(&pk->cpes, &cpe)) < 0)
            return rc;
    }
    *out = pk;
    return 0;
}

/* The product a product id stands for: a relationship's product is the
 * one it names (a package as a component of a platform). */
const csaf_prod *csaf_resolve(const csaf *c, const csaf_prod *pr)
{
    for (int depth = 0; pr && pr->ref && depth < 64; depth++) {
        const csaf_prod *next = csaf_product(c, pr->ref);
        if (!next)
            break;
        pr = next;
    }
    return pr;
}

static int push_range(struct map *m,
                      struct pkg *pk,
                      const char *scheme,
                      const char *intro,
                      tsn_adv_event_kind hk,
                      const char *hi)
{
    tsn_adv_event *ev = tsnu_arena_calloc(m->c->c.arena, 2, sizeof *ev);
    if (!ev)
        return tsn_error_oom();
    size_t n = 0;
    ev[n++] = (tsn_adv_event){TSN_EV_INTRODUCED, intro ? intro : "0"};
    if (hi)
        ev[n++] = (tsn_adv_event){hk, hi};
    for (size_t i = 0; i < pk->ranges.len; i++) { /* the same range again */
        const tsn_adv_range *r = TSNU_VEC_AT(&pk->ranges, tsn_adv_range, i);
        if (r->nevents == n && tsnu_streq(r->scheme, scheme) &&
            strcmp(r->events[0].version, ev[0].version) == 0 &&
            (n == 1 || (r->events[1].kind == hk &&
                        strcmp(r->events[1].version, hi) == 0)))
            return 0;
    }
    tsn_adv_range r = {
        .type = "ECOSYSTEM", .scheme = scheme, .events = ev, .nevents = n};
    return tsnu_vec_push(&pk->ranges, &r);
}

static int push_unique(tsnu_vec *v, const char *s)
{
    for (size_t i = 0; i < v->len; i++)
        if (strcmp(((const char **)v->ptr)[i], s) == 0)
            return 0;
    return tsnu_vec_push(v, &s);
}

/* A vers range ("vers:semver/>=1.0|<1.4") as ranges and versions, read
 * from its canonical form (constraints in version order, so a lower bound
 * opens a range that the next upper bound closes); *@p read false, and
 * nothing added, when @p text is not vers or holds a constraint no event
 * expresses ("!=", ">"). */
static int vers_of(struct map *m, struct pkg *pk, const char *text, bool *read)
{
    *read = false;
    if (strncmp(text, "vers:", 5) != 0)
        return 0;
    tsn_range *rg = NULL;
    char *canon = NULL;
    int rc = tsn_range_parse(&rg, TSN_VS_UNKNOWN, text, TSN_RANGE_VERS, 0);
    if (rc == 0)
        rc = tsn_range_to_vers(rg, &canon);
    tsn_range_free(rg);
    if (rc == TSN_EINVALID || rc == TSN_ETOOBIG || rc == TSN_EUSAGE)
        return 0;
    if (rc < 0)
        return rc;
    tsnu_arena *ar = m->c->c.arena;
    const char *slash = strchr(canon, '/');
    char *scheme =
        slash ? tsnu_arena_strndup(ar, canon + 5, (size_t)(slash - canon - 5))
              : NULL;
    char *list = slash ? tsnu_arena_strdup(ar, slash + 1) : NULL;
    tsn_free(canon);
    if (!slash)
        return 0;
    if (!scheme || !list)
        return tsn_error_oom();
    for (const char *t = list; *t; t += strcspn(t, "|"), t += *t == '|')
        if (t[0] == '!' || (t[0] == '>' && t[1] != '='))
            return 0;
    const char *lo = NULL;
    bool open = false;
    for (char *save = NULL, *t = strtok_r(list, "|", &save); t;
         t = strtok_r(NULL, "|", &save)) {
        if (strcmp(t, "*") == 0) {
            lo = "0";
            open = true;
        } else if (t[0] == '>') {
            lo = t + 2;
            open = true;
        } else if (t[0] == '<') {
            bool le = t[1] == '=';
            if ((rc = push_range(m, pk, scheme, open ? lo : "0",
                                 le ? TSN_EV_LAST_AFFECTED : TSN_EV_FIXED,
                                 t + (le ? 2 : 1))) < 0)
                return rc;
            open = false;
        } else if ((rc = push_unique(&pk->versions,
                                     t + (t[0] == '=' ? 1 : 0))) < 0) {
            return rc;
        }
    }
    if (open && (rc = push_range(m, pk, scheme, lo, TSN_EV_FIXED, NULL)) < 0)
        return rc;
    *read = true;
    return 0;
}

const char *const csaf_status_names[CSAF_NSTATUS] = {
    "first_affected",
    "known_affected",
    "last_affected",
    "first_fixed",
    "fixed",
    "recommended",
    "known_not_affected",
    "under_investigation",
};

/* What one vulnerability says of one entry, gathered before ranges are
 * made: the first affected version and whether a first fix is named. */
struct per {
    const char *intro;
    bool intro_many, first_fixed, upper;
};

static int
statement(struct map *m, struct pkg *pk, const char *prefix, const char *what)
{
    char *s = tsnu_arena_printf(m->c->c.arena, "%s%s", prefix, what);
    return s ? push_unique(&pk->statements, s) : tsn_error_oom();
}

/* One product in one status list of one vulnerability. */
static int apply(struct map *m,
                 enum csaf_status st,
                 const csaf_prod *pr,
                 struct pkg *pk,
                 const char *ver,
                 const struct per *pe,
                 const tsnu_jpath *p,
                 const tsnu_json *v)
{
    int rc = 0;
    const char *intro = pe->intro_many ? "0" : pe->intro;
    bool read;
    switch (st) {
    case CSAF_FIRST_AFFECTED:
        if (ver && !pe->upper)
            return push_range(m, pk, NULL, ver, TSN_EV_FIXED, NULL);
        break;
    case CSAF_LAST_AFFECTED:
        if (ver)
            return push_range(m, pk, NULL, intro, TSN_EV_LAST_AFFECTED, ver);
        break;
    case CSAF_FIRST_FIXED:
    case CSAF_FIXED:
        if (!ver)
            break;
        if ((rc = push_unique(&pk->unaffected, ver)) < 0)
            return rc;
        if (st == CSAF_FIRST_FIXED || !pe->first_fixed)
            return push_range(m, pk, NULL, intro, TSN_EV_FIXED, ver);
        return 0;
    case CSAF_RECOMMENDED:
    case CSAF_NOT_AFFECTED:
        if (ver)
            return push_unique(&pk->unaffected, ver);
        if (pr->range) {
            if ((rc = tsnr_warn(&m->c->c, p, v,
                                "the range '%s' of product '%s' is not "
                                "affected; ranges of unaffected versions are "
                                "not kept",
                                pr->range, pr->id)) < 0)
                return rc;
            return 0;
        }
        return push_unique(&pk->unaffected, "*");
    case CSAF_UNDER_INVESTIGATION:
        return statement(m, pk, "under investigation: ", pr->name);
    case CSAF_KNOWN_AFFECTED:
        if (ver)
            return push_unique(&pk->versions, ver);
        if (pr->range) {
            if ((rc = vers_of(m, pk, pr->range, &read)) < 0 || read)
                return rc;
            return statement(m, pk, "", pr->range);
        }
        return statement(m, pk, "", pr->name);
    case CSAF_NSTATUS:
        break;
    }
    if (!ver) /* first or last affected without a version */
        return statement(m, pk, "", pr->name);
    return 0;
}

/* One pass over a vulnerability's product status: 0 makes the entries,
 * 1 gathers into @p per what each entry's ranges depend on, 2 applies
 * each status. */
static int status_pass(struct map *m,
                       const tsnu_json *ps,
                       const tsnu_jpath *sp,
                       int pass,
                       struct per *per)
{
    int rc = 0;
    for (int st = 0; st < CSAF_NSTATUS; st++) {
        const tsnu_json *ids;
        size_t n;
        if ((rc = tsnr_items(&m->c->c, ps, sp, csaf_status_names[st], false,
                             &ids, &n)) < 0)
            return rc;
        tsnu_jpath lp = AT(sp, csaf_status_names[st]);
        for (size_t i = 0; i < n; i++) {
            tsnu_jpath ip = IDX(&lp, i);
            if (ids[i].type != TSNU_JSON_STRING)
                return tsnr_bad(&m->c->c, &ip, &ids[i],
                                "a product id is a string");
            const csaf_prod *pr =
                csaf_resolve(m->c, csaf_product(m->c, ids[i].u.str));
            struct pkg *pk = NULL;
            const char *ver = NULL;
            if (!pr) /* the mandatory tests have refused it */
                continue;
            struct known *kn =
                &m->known[pr - (const csaf_prod *)m->c->prods.ptr];
            if (!kn->done) {
                if ((rc = entry_of(m, pr, &pk, &kn->ver)) < 0)
                    return rc;
                kn->entry = (size_t)(pk - (struct pkg *)m->pkgs.ptr);
                kn->done = true;
            }
            pk = TSNU_VEC_AT(&m->pkgs, struct pkg, kn->entry);
            ver = kn->ver;
            struct per *pe = per ? &per[pk - (struct pkg *)m->pkgs.ptr] : NULL;
            if (pass == 1) {
                if (st == CSAF_FIRST_AFFECTED && ver) {
                    pe->intro_many |= pe->intro && strcmp(pe->intro, ver) != 0;
                    pe->intro = ver;
                }
                pe->first_fixed |= st == CSAF_FIRST_FIXED && ver;
                pe->upper |= (st == CSAF_FIRST_FIXED || st == CSAF_FIXED ||
                              st == CSAF_LAST_AFFECTED) &&
                             ver;
            } else if (pass == 2 &&
                       (rc = apply(m, st, pr, pk, ver, pe, &ip, &ids[i])) < 0)
                return rc;
        }
    }
    return 0;
}

/* The product status of one vulnerability into the entries. */
static int map_status(struct map *m, const tsnu_json *vu, const tsnu_jpath *vp)
{
    const tsnu_json *ps;
    int rc =
        tsnr_member(&m->c->c, vu, vp, "product_status", TSNU_JSON_OBJECT, &ps);
    if (rc < 0 || !ps)
        return rc;
    tsnu_jpath sp = AT(vp, "product_status");
    if ((rc = status_pass(m, ps, &sp, 0, NULL)) < 0)
        return rc;
    struct per *per = tsn_calloc(m->pkgs.len + 1, sizeof *per);
    if (!per)
        return tsn_error_oom();
    rc = status_pass(m, ps, &sp, 1, per);
    if (rc == 0)
        rc = status_pass(m, ps, &sp, 2, per);
    free(per);
    return rc;
}

static int add_ref(struct map *m, const char *type, const char *url)
{
    int rc = tsnu_strset_add(&m->seen_refs, url);
    if (rc <= 0)
        return rc;
    tsn_adv_ref r = {type, url};
    return tsnu_vec_push(&m->refs, &r);
}

/* references[] of the document or a vulnerability: "self" is the
 * advisory itself. */
static int map_refs(struct map *m, const tsnu_json *o, const tsnu_jpath *p)
{
    const tsnu_json *rs;
    size_t n;
    int rc = tsnr_items(&m->c->c, o, p, "references", false, &rs, &n);
    tsnu_jpath lp = AT(p, "references");
    for (size_t i = 0; rc == 0 && i < n; i++) {
        tsnu_jpath ip = IDX(&lp, i);
        const char *url, *cat;
        if ((rc = tsnr_object(&m->c->c, &rs[i], &ip)) < 0 ||
            (rc = tsnr_str(&m->c->c, &rs[i], &ip, "url", true, &url)) < 0 ||
            (rc = tsnr_str(&m->c->c, &rs[i], &ip, "category", false, &cat)) < 0)
            break;
        rc = add_ref(m, cat && strcmp(cat, "self") == 0 ? "ADVISORY" : "WEB",
                     url);
    }
    return rc;
}

/* The text of the first note of @p cat among notes[], or NULL. */
static const char *note_of(const tsnu_json *o, const char *cat)
{
    const tsnu_json *ns = tsnu_json_get(o, "notes");
    for (size_t i = 0; ns && ns->type == TSNU_JSON_ARRAY && i < ns->len; i++) {
        const char *c = tsnu_json_get_str(&ns->u.items[i], "category");
        const char *t = tsnu_json_get_str(&ns->u.items[i], "text");
        if (c && t && strcmp(c, cat) == 0)
            return t;
    }
    return NULL;
}

static const char *notes_text(const tsnu_json *o)
{
    static const char *const cats[] = {"description", "summary", "details",
                                       "general"};
    for (size_t i = 0; i < sizeof cats / sizeof *cats; i++) {
        const char *t = note_of(o, cats[i]);
        if (t)
            return t;
    }
    return NULL;
}

/* An id of another database a vulnerability goes by: aliases when the
 * document has one vulnerability, related ids when it has several. */
static int other_id(struct map *m, const char *id)
{
    if (strcmp(id, m->a->id) == 0 || !tsnr_id_ok(id))
        return 0;
    tsnu_vec *v = m->c->nvulns == 1 ? &m->aliases : &m->related;
    return push_unique(v, id);
}

static int map_scores(struct map *m,
                      const tsnu_json *vu,
                      const tsnu_jpath *vp,
                      const char *by)
{
    const tsnu_json *ss;
    size_t n;
    int rc = tsnr_items(&m->c->c, vu, vp, "scores", false, &ss, &n);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        static const struct {
            const char *key, *type;
        } kinds[] = {{"cvss_v2", "CVSS_V2"}, {"cvss_v3", "CVSS_V3"}};
        for (size_t k = 0; rc == 0 && k < 2; k++) {
            const char *vec = tsnu_json_get_str(
                tsnu_json_get(&ss[i], kinds[k].key), "vectorString");
            if (!vec)
                continue;
            bool seen = false;
            for (size_t j = 0; j < m->sev.len && !seen; j++)
                seen = strcmp(TSNU_VEC_AT(&m->sev, tsn_adv_severity, j)->score,
                              vec) == 0;
            tsn_adv_severity sv = {kinds[k].type, vec, by};
            if (!seen)
                rc = tsnu_vec_push(&m->sev, &sv);
        }
    }
    return rc;
}

static int map_vulnerability(struct map *m, size_t vi, const char *by)
{
    const tsnu_json *vu = &m->c->vulns[vi];
    tsnu_jpath lp = AT(NULL, "vulnerabilities"), vp = IDX(&lp, vi);
    const char *cve;
    const tsnu_json *ids, *cwe, *rems;
    size_t nids, nrems;
    int rc;
    if ((rc = tsnr_object(&m->c->c, vu, &vp)) < 0 ||
        (rc = tsnr_str(&m->c->c, vu, &vp, "cve", false, &cve)) < 0 ||
        (rc = tsnr_items(&m->c->c, vu, &vp, "ids", false, &ids, &nids)) < 0 ||
        (rc = tsnr_member(&m->c->c, vu, &vp, "cwe", TSNU_JSON_OBJECT, &cwe)) <
            0 ||
        (rc = tsnr_items(&m->c->c, vu, &vp, "remediations", false, &rems,
                         &nrems)) < 0)
        return rc;
    if (cve && !tsnr_cve_ok(cve, strlen(cve))) {
        tsnu_jpath cp = AT(&vp, "cve");
        return tsnr_bad(&m->c->c, &cp, tsnu_json_get(vu, "cve"),
                        "'%s' is not a CVE id", cve);
    }
    if (cve && (rc = other_id(m, cve)) < 0)
        return rc;
    for (size_t i = 0; i < nids; i++) {
        const char *t = tsnu_json_get_str(&ids[i], "text");
        if (t && (rc = other_id(m, t)) < 0)
            return rc;
    }
    const char *cw = cwe ? tsnu_json_get_str(cwe, "id") : NULL;
    if (cw) {
        tsnu_jpath cp = AT(&vp, "cwe"), ip = AT(&cp, "id");
        if (!tsnr_cwe_ok(cw))
            return tsnr_bad(&m->c->c, &ip, tsnu_json_get(cwe, "id"),
                            "'%s' is not a CWE id", cw);
        if ((rc = push_unique(&m->cwes, cw)) < 0)
            return rc;
    }
    if (m->c->nvulns == 1 && !m->a->details)
        m->a->details = notes_text(vu);
    if ((rc = map_scores(m, vu, &vp, by)) < 0 ||
        (rc = map_refs(m, vu, &vp)) < 0)
        return rc;
    for (size_t i = 0; i < nrems; i++) {
        const char *url = tsnu_json_get_str(&rems[i], "url");
        const char *cat = tsnu_json_get_str(&rems[i], "category");
        if (url &&
            (rc = add_ref(m,
                          cat && strcmp(cat, "vendor_fix") == 0 ? "FIX" : "WEB",
                          url)) < 0)
            return rc;
    }
    return map_status(m, vu, &vp);
}

static int finish(struct map *m)
{
    tsnr *r = &m->c->c;
    tsn_advisory *a = m->a;
    tsn_adv_affected *afs = NULL;
    if (m->pkgs.len &&
        !(afs = tsnu_arena_calloc(r->arena, m->pkgs.len, sizeof *afs)))
        return tsn_error_oom();
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < m->pkgs.len; i++) {
        struct pkg *pk = TSNU_VEC_AT(&m->pkgs, struct pkg, i);
        afs[i] = pk->af;
        if ((rc = tsnr_list(r, &pk->cpes, &afs[i].cpes, &afs[i].ncpes)) < 0 ||
            (rc = tsnr_list(r, &pk->ranges, &afs[i].ranges, &afs[i].nranges)) <
                0 ||
            (rc = tsnr_list(r, &pk->versions, &afs[i].versions,
                            &afs[i].nversions)) < 0 ||
            (rc = tsnr_list(r, &pk->statements, &afs[i].statements,
                            &afs[i].nstatements)) < 0 ||
            (rc = tsnr_list(r, &pk->unaffected, &afs[i].unaffected,
                            &afs[i].nunaffected)) < 0)
            break;
    }
    if (rc < 0)
        return rc;
    a->affected = afs;
    a->naffected = m->pkgs.len;
    if ((rc = tsnr_list(r, &m->aliases, &a->aliases, &a->naliases)) < 0 ||
        (rc = tsnr_list(r, &m->related, &a->related, &a->nrelated)) < 0 ||
        (rc = tsnr_list(r, &m->sev, &a->severity, &a->nseverity)) < 0 ||
        (rc = tsnr_list(r, &m->cwes, &a->cwes, &a->ncwes)) < 0 ||
        (rc = tsnr_list(r, &m->refs, &a->refs, &a->nrefs)) < 0)
        return rc;
    return tsnr_warnings(r, &a->warnings, &a->nwarnings);
}

static int map_all(csaf *c, tsn_advisory *a)
{
    struct map m = {
        .c = c,
        .a = a,
        .pkgs = TSNU_VEC_INIT(struct pkg, TSN_LIMIT_COMPONENTS),
        .keys = TSNU_MAP_INIT,
        .aliases = TSNU_VEC_INIT(const char *, TSN_LIMIT_COMPONENTS),
        .related = TSNU_VEC_INIT(const char *, TSN_LIMIT_COMPONENTS),
        .sev = TSNU_VEC_INIT(tsn_adv_severity, TSN_LIMIT_COMPONENTS),
        .cwes = TSNU_VEC_INIT(const char *, TSN_LIMIT_COMPONENTS),
        .refs = TSNU_VEC_INIT(tsn_adv_ref, TSN_LIMIT_COMPONENTS),
        .seen_refs = TSNU_STRSET_INIT,
    };
    const char *by =
        tsnu_json_get_str(tsnu_json_get(c->doc, "publisher"), "name");
    tsnu_jpath dp = AT(NULL, "document");
    int rc = (m.known = tsn_calloc(c->prods.len + 1, sizeof *m.known))
                 ? map_refs(&m, c->doc, &dp)
                 : tsn_error_oom();
    for (size_t i = 0; rc == 0 && i < c->nvulns; i++)
        rc = map_vulnerability(&m, i, by);
    if (rc == 0 && !a->details)
        a->details = notes_text(c->doc);
    if (rc == 0)
        rc = finish(&m);
    for (size_t i = 0; i < m.pkgs.len; i++) {
        struct pkg *pk = TSNU_VEC_AT(&m.pkgs, struct pkg, i);
        tsnu_vec_dispose(&pk->cpes);
        tsnu_vec_dispose(&pk->ranges);
        tsnu_vec_dispose(&pk->versions);
        tsnu_vec_dispose(&pk->statements);
        tsnu_vec_dispose(&pk->unaffected);
    }
    tsnu_vec_dispose(&m.pkgs);
    tsnu_map_dispose(&m.keys);
    tsnu_vec_dispose(&m.aliases);
    tsnu_vec_dispose(&m.related);
    tsnu_vec_dispose(&m.sev);
    tsnu_vec_dispose(&m.cwes);
    tsnu_vec_dispose(&m.refs);
    tsnu_strset_dispose(&m.seen_refs);
    free(m.known);
    return rc;
}

int tsn_csaf_read(tsn_advisory **out,
                  const char *text,
                  size_t len,
                  const char *name)
{
    return csaf_read_with(text, len, name, NULL, NULL, out);
}

int csaf_read_with(const char *text,
                   size_t len,
                   const char *name,
                   int (*fn)(void *ctx, const csaf *c),
                   void *ctx,
                   tsn_advisory **out)
{
    *out = NULL;
    tsnr_adv *a = tsnr_adv_new("csaf", NULL);
    if (!a)
        return tsn_error_oom();
    csaf c = {
        .c = TSNR_INIT(&a->arena, name ? name : "<document>"),
        .prods = TSNU_VEC_INIT(csaf_prod, TSN_LIMIT_COMPONENTS),
        .ids = TSNU_MAP_INIT,
        .groups = TSNU_MAP_INIT,
        .also = TSN_BUF_INIT(4096),
    };
    tsnu_json *root;
    int rc = tsnr_parse(&root, &a->arena, text, len, c.c.name);
    if (rc == 0) {
        c.root = root;
        rc = read_document(&c, &a->pub);
    }
    if (rc == 0 && c.tree)
        rc = read_tree(&c);
    if (rc == 0)
        rc = csaf_mandatory(&c);
    if (rc == 0)
        rc = map_all(&c, &a->pub);
    if (rc == 0 && fn)
        rc = fn(ctx, &c);
    tsnu_vec_dispose(&c.c.warnings);
    tsnu_vec_dispose(&c.prods);
    tsnu_map_dispose(&c.ids);
    tsnu_map_dispose(&c.groups);
    tsn_buf_dispose(&c.also);
    if (rc < 0) {
        tsn_advisory_free(&a->pub);
        return rc;
    }
    *out = &a->pub;
    return 0;
}
