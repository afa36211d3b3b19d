/* SPDX-License-Identifier: Apache-2.0 */
/*
 * expat adapter (see xml.h). Namespace processing is on ('|' separates
 * URI and local name). Any DOCTYPE stops the parse: SBOM formats never
 * need one, and refusing it rules out entity expansion attacks and
 * external entity fetches entirely, independent of expat's own defences.
 */
#include "xml.h"

#include <expat.h>
#include <stdio.h>
#include <string.h>

/* how much of a document expat is given at a time */
#define FEED_BYTES ((size_t)64 * 1024)

struct state {
    XML_Parser parser;
    tsnu_arena *arena;
    tsn_xml_node *root, *cur;
    unsigned depth, max_depth;
    size_t max_text;
    tsn_buf text;
    int error; /* first error, with its message already set */
    const char *name;
    /* Namespace URIs seen so far: elements share one copy, so readers can
     * compare namespaces by pointer. */
    const char *ns_seen[16];
    size_t n_ns;
};

static void stop(struct state *st, int code, const char *what)
{
    if (st->error)
        return;
    st->error = tsn_error_set(
        code, "%s:%lu:%lu: %s", st->name,
        (unsigned long)XML_GetCurrentLineNumber(st->parser),
        (unsigned long)XML_GetCurrentColumnNumber(st->parser) + 1, what);
    XML_StopParser(st->parser, XML_FALSE);
}

static const char *intern_ns(struct state *st, const char *uri, size_t n)
{
    for (size_t i = 0; i < st->n_ns; i++)
        if (strncmp(st->ns_seen[i], uri, n) == 0 && st->ns_seen[i][n] == '\0')
            return st->ns_seen[i];
    {
        const char *copy = tsnu_arena_strndup(st->arena, uri, n);
        if (copy && st->n_ns < sizeof st->ns_seen / sizeof *st->ns_seen)
            st->ns_seen[st->n_ns++] = copy;
        return copy;
    }
}

static void split_name(struct state *st,
                       const char *qname,
                       const char **ns,
                       const char **local)
{
    const char *bar = strchr(qname, '|');
    if (bar) {
        *ns = intern_ns(st, qname, (size_t)(bar - qname));
        *local = tsnu_arena_strdup(st->arena, bar + 1);
    } else {
        *ns = NULL;
        *local = tsnu_arena_strdup(st->arena, qname);
    }
}

static char *finish_text(struct state *st)
{
    char *t =
        tsnu_arena_strndup(st->arena, tsn_buf_cstr(&st->text), st->text.len);
    tsn_buf_clear(&st->text);
    return t;
}

static void XMLCALL on_start(void *ud,
                             const XML_Char *qname,
                             const XML_Char **attrs)
{
    struct state *st = ud;
    tsn_xml_node *n;
    size_t na = 0, k = 0;

    if (st->error)
        return;
    if (++st->depth > st->max_depth) {
        stop(st, TSN_ETOOBIG, "nesting deeper than the depth limit");
        return;
    }
    /* Text seen before a child element belongs to the parent (mixed
     * content is not used by SBOM formats; whitespace is dropped). */
    if (st->cur && st->text.len) {
        char *t = finish_text(st);
        if (!t) {
            stop(st, TSN_ENOMEM, "out of memory");
            return;
        }
        st->cur->text = t;
    }
    tsn_buf_clear(&st->text);
    n = tsnu_arena_calloc(st->arena, 1, sizeof *n);
    if (!n) {
        stop(st, TSN_ENOMEM, "out of memory");
        return;
    }
    split_name(st, qname, &n->ns, &n->name);
    while (attrs[na])
        na++;
    n->attr = tsnu_arena_calloc(st->arena, na + 1, sizeof *n->attr);
    if (!n->name || !n->attr) {
        stop(st, TSN_ENOMEM, "out of memory");
        return;
    }
    for (size_t i = 0; i < na; i += 2) {
        const char *ans, *alocal;
        split_name(st, attrs[i], &ans, &alocal);
        if (ans && strcmp(ans, "http://www.w3.org/XML/1998/namespace") == 0 &&
            strcmp(alocal, "lang") == 0) {
            if (!(n->lang = tsnu_arena_strdup(st->arena, attrs[i + 1]))) {
                stop(st, TSN_ENOMEM, "out of memory");
                return;
            }
            continue;
        }
        if (ans)
            continue; /* other namespaced attributes (xsi:...) are not data */
        n->attr[k++] = alocal;
        n->attr[k++] = tsnu_arena_strdup(st->arena, attrs[i + 1]);
        if (!n->attr[k - 1] || !alocal) {
            stop(st, TSN_ENOMEM, "out of memory");
            return;
        }
    }
    n->text = "";
    n->offset = (uint32_t)XML_GetCurrentByteIndex(st->parser);
    n->parent = st->cur;
    if (st->cur) {
        if (st->cur->last)
            st->cur->last->next = n;
        else
            st->cur->child = n;
        st->cur->last = n;
    } else {
        st->root = n;
    }
    st->cur = n;
}

static void XMLCALL on_end(void *ud, const XML_Char *qname)
{
    struct state *st = ud;
    (void)qname;
    if (st->error)
        return;
    if (st->text.len) {
        char *t = finish_text(st);
        if (!t) {
            stop(st, TSN_ENOMEM, "out of memory");
            return;
        }
        /* Keep text of leaves; whitespace between child elements of a
         * container is formatting. */
        if (!st->cur->child)
            st->cur->text = t;
    }
    st->depth--;
    st->cur = st->cur->parent;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    struct state *st = ud;
    if (st->error || !st->cur)
        return;
    if (st->text.len + (size_t)len > st->max_text) {
        stop(st, TSN_ETOOBIG, "text longer than the field limit");
        return;
    }
    if (tsn_buf_put(&st->text, s, (size_t)len) < 0)
        stop(st, TSN_ENOMEM, "out of memory");
}

static void XMLCALL on_doctype(void *ud,
                               const XML_Char *name,
                               const XML_Char *sysid,
                               const XML_Char *pubid,
                               int has_internal)
{
    (void)name;
    (void)sysid;
    (void)pubid;
    (void)has_internal;
    stop(ud, TSN_EINVALID,
         "DOCTYPE declarations are not allowed (no DTDs or entities)");
}

static void XMLCALL on_entity(void *ud,
                              const XML_Char *name,
                              int is_param,
                              const XML_Char *value,
                              int value_len,
                              const XML_Char *base,
                              const XML_Char *sysid,
                              const XML_Char *pubid,
                              const XML_Char *notation)
{
    (void)name;
    (void)is_param;
    (void)value;
    (void)value_len;
    (void)base;
    (void)sysid;
    (void)pubid;
    (void)notation;
    stop(ud, TSN_EINVALID, "entity declarations are not allowed");
}

int tsn_xml_parse(tsn_xml_node **out,
                  tsnu_arena *arena,
                  const char *data,
                  size_t len,
                  const tsn_xml_opts *opts,
                  const char *name)
{
    struct state st;
    int error = 0;

    *out = NULL;
    memset(&st, 0, sizeof st);
    st.arena = arena;
    st.max_depth = opts && opts->max_depth ? opts->max_depth : 256;
    st.max_text = opts && opts->max_text ? opts->max_text : (1u << 20);
    st.text = (tsn_buf)TSN_BUF_INIT(st.max_text + 1);
    st.name = name ? name : "<input>";
    if (len > (size_t)INT32_MAX)
        return tsn_error_set(TSN_ETOOBIG, "%s: XML document too large",
                             st.name);
    st.parser = XML_ParserCreateNS(NULL, '|');
    if (!st.parser)
        return tsn_error_oom();
    XML_SetUserData(st.parser, &st);
    XML_SetElementHandler(st.parser, on_start, on_end);
    XML_SetCharacterDataHandler(st.parser, on_text);
    XML_SetStartDoctypeDeclHandler(st.parser, on_doctype);
    XML_SetEntityDeclHandler(st.parser, on_entity);
    XML_SetParamEntityParsing(st.parser, XML_PARAM_ENTITY_PARSING_NEVER);
    /* fed in pieces: expat copies what it is given into a buffer of its
     * own, which then stays one piece long (and in the cache) instead of
     * growing to the document's size */
    enum XML_Status status = XML_STATUS_OK;
    size_t at = 0;
    do {
        size_t n = len - at < FEED_BYTES ? len - at : FEED_BYTES;
        status = XML_Parse(st.parser, data + at, (int)n, at + n == len);
        at += n;
    } while (status == XML_STATUS_OK && at < len);
    if (status == XML_STATUS_ERROR && !st.error) {
        enum XML_Error code = XML_GetErrorCode(st.parser);
        error = tsn_error_set(
            code == XML_ERROR_NO_MEMORY ? TSN_ENOMEM : TSN_EINVALID,
            "%s:%lu:%lu: %s", st.name,
            (unsigned long)XML_GetCurrentLineNumber(st.parser),
            (unsigned long)XML_GetCurrentColumnNumber(st.parser) + 1,
            XML_ErrorString(code));
    }
    if (st.error)
        error = st.error;
    if (error == 0 && !st.root)
        error = tsn_error_set(TSN_EINVALID, "%s: no root element", st.name);
    if (error == 0)
        *out = st.root;
    XML_ParserFree(st.parser);
    tsn_buf_dispose(&st.text);
    return error;
}

uint32_t tsn_xml_line(const char *data,
                      size_t len,
                      uint32_t offset,
                      uint32_t **index,
                      size_t *n_index)
{
    size_t lo = 0, hi;
    if (!*index) {
        size_t n = 0, k = 0;
        for (size_t i = 0; i < len; i++)
            if (data[i] == '\n')
                n++;
        *index = tsn_calloc(n + 1, sizeof **index);
        if (!*index) {
            /* No memory for the index: count directly. */
            uint32_t line = 1;
            for (size_t i = 0; i < offset && i < len; i++)
                if (data[i] == '\n')
                    line++;
            return line;
        }
        for (size_t i = 0; i < len; i++)
            if (data[i] == '\n')
                (*index)[k++] = (uint32_t)i;
        *n_index = n;
    }
    /* Number of newlines before offset, plus one. */
    hi = *n_index;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((*index)[mid] < offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (uint32_t)lo + 1;
}

const char *tsn_xml_attr(const tsn_xml_node *n, const char *name)
{
    for (const char **a = n->attr; a && a[0]; a += 2)
        if (strcmp(a[0], name) == 0)
            return a[1];
    return NULL;
}

const tsn_xml_node *tsn_xml_child(const tsn_xml_node *n, const char *name)
{
    for (const tsn_xml_node *c = n ? n->child : NULL; c; c = c->next)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

const char *tsn_xml_child_text(const tsn_xml_node *n, const char *name)
{
    const tsn_xml_node *c = tsn_xml_child(n, name);
    return c ? c->text : NULL;
}

void tsn_xml_path(const tsn_xml_node *n, tsn_buf *out)
{
    tsn_xml_path_below(n, NULL, out);
}

void tsn_xml_path_below(const tsn_xml_node *n,
                        const tsn_xml_node *top,
                        tsn_buf *out)
{
    const tsn_xml_node *stack[512];
    size_t k = 0, below = 0;
    for (; n && k < 512; n = n->parent) {
        if (n == top)
            below = k;
        stack[k++] = n;
    }
    if (!top)
        below = k;
    while (k--) {
        const tsn_xml_node *s = stack[k];
        unsigned index = 0, same = 0;
        /* Position among siblings of the same name (XPath, from 1); shown
         * only when the name repeats. */
        if (s->parent && k < below) {
            for (const tsn_xml_node *c = s->parent->child; c; c = c->next) {
                if (strcmp(c->name, s->name) != 0)
                    continue;
                same++;
                if (c == s)
                    index = same;
            }
        }
        tsn_buf_printf(out, "/%s", s->name);
        if (same > 1)
            tsn_buf_printf(out, "[%u]", index);
    }
}

/* @p s escaped for text (@p attr false) or a double-quoted attribute. */
static int escaped(tsn_buf *out, const char *s, bool attr)
{
    int rc = 0;
    for (const char *c = s; rc == 0 && *c; c++) {
        switch (*c) {
        case '&':
            rc = tsn_buf_puts(out, "&amp;");
            break;
        case '<':
            rc = tsn_buf_puts(out, "&lt;");
            break;
        case '>':
            rc = tsn_buf_puts(out, "&gt;");
            break;
        case '\r':
            rc = tsn_buf_puts(out, "&#xD;");
            break;
        case '"':
            rc = attr ? tsn_buf_puts(out, "&quot;") : tsn_buf_putc(out, '"');
            break;
        case '\n':
        case '\t':
            rc = attr ? tsn_buf_printf(out, "&#x%X;", (unsigned)*c)
                      : tsn_buf_putc(out, *c);
            break;
        default:
            rc = tsn_buf_putc(out, *c);
        }
    }
    return rc;
}

int tsn_xml_write(tsn_buf *out, const tsn_xml_node *n, const char *outer_ns)
{
    const char *ns = n->ns ? n->ns : "";
    int rc = tsn_buf_printf(out, "<%s", n->name);
    if (rc == 0 && strcmp(ns, outer_ns ? outer_ns : "") != 0 &&
        (rc = tsn_buf_puts(out, " xmlns=\"")) == 0 &&
        (rc = escaped(out, ns, true)) == 0)
        rc = tsn_buf_putc(out, '"');
    if (rc == 0 && n->lang && (rc = tsn_buf_puts(out, " xml:lang=\"")) == 0 &&
        (rc = escaped(out, n->lang, true)) == 0)
        rc = tsn_buf_putc(out, '"');
    for (const char **a = n->attr; rc == 0 && a && a[0]; a += 2)
        if ((rc = tsn_buf_printf(out, " %s=\"", a[0])) == 0 &&
            (rc = escaped(out, a[1], true)) == 0)
            rc = tsn_buf_putc(out, '"');
    if (rc == 0 && !n->child && !*n->text)
        return tsn_buf_puts(out, "/>");
    /* a container's text is the layout between its children */
    if (rc == 0 && (rc = tsn_buf_putc(out, '>')) == 0 &&
        !(n->child && !n->text[strspn(n->text, " \t\r\n")]))
        rc = escaped(out, n->text, false);
    for (const tsn_xml_node *c = n->child; rc == 0 && c; c = c->next)
        rc = tsn_xml_write(out, c, ns);
    if (rc == 0)
        rc = tsn_buf_printf(out, "</%s>", n->name);
    return rc;
}
