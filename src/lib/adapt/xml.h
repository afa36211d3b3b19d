/* SPDX-License-Identifier: Apache-2.0 */
/*
 * XML adapter: the only code that includes expat. Parses a document into
 * a small element tree in an arena, refusing anything a data format does
 * not need and an attacker could abuse: DOCTYPE declarations (so no
 * entity expansion and no external entities are ever possible), nesting
 * beyond the depth limit and text beyond the field limit.
 */
#ifndef TSN_ADAPT_XML_H
#define TSN_ADAPT_XML_H

#include "../lib.h"

typedef struct tsn_xml_node tsn_xml_node;
struct tsn_xml_node {
    const char *name;  /* local name */
    const char *ns;    /* namespace URI, or NULL */
    const char **attr; /* local name, value, ..., NULL (no-namespace attrs) */
    const char *text;  /* character data directly inside, or "" */
    const char *lang;  /* its xml:lang attribute, or NULL */
    tsn_xml_node *parent, *child, *next;
    tsn_xml_node *last; /* last child, for appending */
    uint32_t offset;    /* byte offset of the start tag in the document */
};

typedef struct tsn_xml_opts {
    unsigned max_depth;
    size_t max_text;
} tsn_xml_opts;

/*
 * Parse @p len bytes into a tree allocated in @p arena.
 * @return 0, TSN_EINVALID (not well-formed, DOCTYPE present), TSN_ETOOBIG
 *         or TSN_ENOMEM; the message names @p name, line and column.
 */
int tsn_xml_parse(tsn_xml_node **out,
                  tsnu_arena *arena,
                  const char *data,
                  size_t len,
                  const tsn_xml_opts *opts,
                  const char *name);

/* Attribute value or NULL. */
const char *tsn_xml_attr(const tsn_xml_node *n, const char *name);
/* First child element with local name @p name, or NULL. */
const tsn_xml_node *tsn_xml_child(const tsn_xml_node *n, const char *name);
/* Text of child @p name, or NULL when there is no such child. */
const char *tsn_xml_child_text(const tsn_xml_node *n, const char *name);
/*
 * Line number (from 1) of byte @p offset in @p data. Builds a line index
 * in @p *index on first use (free it with tsn_free), so reporting many
 * errors stays linear.
 */
uint32_t tsn_xml_line(const char *data,
                      size_t len,
                      uint32_t offset,
                      uint32_t **index,
                      size_t *n_index);
/* Render "/bom/components/component[3]/name" into @p out. */
void tsn_xml_path(const tsn_xml_node *n, tsn_buf *out);
/* The same, with positions only below @p top (an ancestor of @p n, or
 * NULL for all): finding a position scans the siblings, which is costly
 * among the many records of a feed. */
void tsn_xml_path_below(const tsn_xml_node *n,
                        const tsn_xml_node *top,
                        tsn_buf *out);
/*
 * Write the element @p n and everything inside it as XML: local names,
 * a default namespace declared where it differs from @p outer_ns (the
 * namespace in force around it), xml:lang, the attributes without a
 * namespace, and the text, escaped. Whitespace between elements is not
 * kept, so two layouts of one element give the same bytes.
 */
int tsn_xml_write(tsn_buf *out, const tsn_xml_node *n, const char *outer_ns);

#endif
