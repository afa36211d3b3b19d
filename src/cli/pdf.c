/* SPDX-License-Identifier: Apache-2.0 */
#include "pdf.h"

#include "util/dl.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#include <math.h>
#include <stdarg.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#define PAGE_W 595.28 /* A4 in points */
#define PAGE_H 841.89
#define MARGIN 50.0
#define FOOTER 24.0
#define FONT "IPAexGothic, Noto Sans CJK JP, sans-serif"

/* The functions of cairo, pango, GLib and librsvg, loaded by pdf_begin()
 * (util/dl.h) */
#define CAIRO_SYMS(X)                                                          \
    X(cairo_create)                                                            \
    X(cairo_destroy)                                                           \
    X(cairo_fill)                                                              \
    X(cairo_line_to)                                                           \
    X(cairo_move_to)                                                           \
    X(cairo_pdf_surface_create_for_stream)                                     \
    X(cairo_pdf_surface_set_metadata)                                          \
    X(cairo_rectangle)                                                         \
    X(cairo_set_line_width)                                                    \
    X(cairo_set_source_rgb)                                                    \
    X(cairo_show_page)                                                         \
    X(cairo_status)                                                            \
    X(cairo_status_to_string)                                                  \
    X(cairo_stroke)                                                            \
    X(cairo_surface_destroy)                                                   \
    X(cairo_surface_finish)                                                    \
    X(cairo_surface_status)
CAIRO_SYMS(TSNU_DL_DECLARE)
static const tsnu_dl_sym libcairo_syms[] = {CAIRO_SYMS(TSNU_DL_ENTRY)};
#define PANGO_SYMS(X)                                                          \
    X(pango_context_set_language)                                              \
    X(pango_font_description_free)                                             \
    X(pango_font_description_from_string)                                      \
    X(pango_font_description_set_size)                                         \
    X(pango_font_description_set_weight)                                       \
    X(pango_language_from_string)                                              \
    X(pango_layout_context_changed)                                            \
    X(pango_layout_get_context)                                                \
    X(pango_layout_get_iter)                                                   \
    X(pango_layout_get_size)                                                   \
    X(pango_layout_iter_free)                                                  \
    X(pango_layout_iter_get_baseline)                                          \
    X(pango_layout_iter_get_line_extents)                                      \
    X(pango_layout_iter_get_line_readonly)                                     \
    X(pango_layout_iter_next_line)                                             \
    X(pango_layout_set_font_description)                                       \
    X(pango_layout_set_text)                                                   \
    X(pango_layout_set_width)                                                  \
    X(pango_layout_set_wrap)
PANGO_SYMS(TSNU_DL_DECLARE)
static const tsnu_dl_sym libpango_syms[] = {PANGO_SYMS(TSNU_DL_ENTRY)};
#define PANGOCAIRO_SYMS(X)                                                     \
    X(pango_cairo_create_layout)                                               \
    X(pango_cairo_show_layout)                                                 \
    X(pango_cairo_show_layout_line)
PANGOCAIRO_SYMS(TSNU_DL_DECLARE)
static const tsnu_dl_sym libpangocairo_syms[] = {
    PANGOCAIRO_SYMS(TSNU_DL_ENTRY)};
#define GLIB_SYMS(X) X(g_error_free)
GLIB_SYMS(TSNU_DL_DECLARE)
static const tsnu_dl_sym libglib_syms[] = {GLIB_SYMS(TSNU_DL_ENTRY)};
#define GOBJECT_SYMS(X) X(g_object_unref)
GOBJECT_SYMS(TSNU_DL_DECLARE)
static const tsnu_dl_sym libgobject_syms[] = {GOBJECT_SYMS(TSNU_DL_ENTRY)};
#define RSVG_SYMS(X)                                                           \
    X(rsvg_handle_get_intrinsic_size_in_pixels)                                \
    X(rsvg_handle_new_from_data)                                               \
    X(rsvg_handle_render_document)
RSVG_SYMS(TSNU_DL_DECLARE)
static const tsnu_dl_sym librsvg_syms[] = {RSVG_SYMS(TSNU_DL_ENTRY)};
static tsnu_dl_lib libs[] = {
    TSNU_DL_LIB("libcairo.so.2", libcairo_syms),
    TSNU_DL_LIB("libpango-1.0.so.0", libpango_syms),
    TSNU_DL_LIB("libpangocairo-1.0.so.0", libpangocairo_syms),
    TSNU_DL_LIB("libglib-2.0.so.0", libglib_syms),
    TSNU_DL_LIB("libgobject-2.0.so.0", libgobject_syms),
    TSNU_DL_LIB("librsvg-2.so.2", librsvg_syms),
};

struct pdf {
    tsn_buf *dest;
    cairo_surface_t *surface;
    cairo_t *cr;
    double y; /* where the next thing goes */
    int page;
    int rc; /* the first failure */
    PangoLanguage *lang;
};

static cairo_status_t
sink(void *closure, const unsigned char *data, unsigned int len)
{
    struct pdf *p = closure;
    int rc = tsn_buf_put(p->dest, data, len);
    if (rc < 0) {
        if (p->rc == 0)
            p->rc = rc;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

static bool failed(struct pdf *p)
{
    if (p->rc == 0 && sym_cairo_status(p->cr) != CAIRO_STATUS_SUCCESS)
        p->rc =
            tsn_error_set(TSN_ERROR, "PDF: %s",
                          sym_cairo_status_to_string(sym_cairo_status(p->cr)));
    return p->rc != 0;
}

static void footer(struct pdf *p)
{
    char n[16];
    snprintf(n, sizeof n, "%d", p->page);
    PangoLayout *l = sym_pango_cairo_create_layout(p->cr);
    PangoFontDescription *fd =
        sym_pango_font_description_from_string(FONT " 8");
    sym_pango_layout_set_font_description(l, fd);
    sym_pango_layout_set_text(l, n, -1);
    int w, h;
    sym_pango_layout_get_size(l, &w, &h);
    sym_cairo_move_to(p->cr, (PAGE_W - (double)w / PANGO_SCALE) / 2,
                      PAGE_H - MARGIN + 8);
    sym_pango_cairo_show_layout(p->cr, l);
    sym_pango_font_description_free(fd);
    sym_g_object_unref(l);
}

void pdf_page(struct pdf *p)
{
    if (failed(p))
        return;
    footer(p);
    sym_cairo_show_page(p->cr);
    p->page++;
    p->y = MARGIN;
}

/* Room for @p h more points on this page, else a new page. */
static void room(struct pdf *p, double h)
{
    if (p->y + h > PAGE_H - MARGIN - FOOTER && p->y > MARGIN)
        pdf_page(p);
}

int pdf_begin(struct pdf **out,
              tsn_buf *dest,
              const char *title,
              const char *lang)
{
    *out = NULL;
    for (size_t i = 0; i < sizeof libs / sizeof *libs; i++)
        if (tsnu_dl_load(&libs[i], "the PDF report") < 0)
            return TSN_ERROR;
    struct pdf *p = tsn_calloc(1, sizeof *p);
    if (!p)
        return tsn_error_oom();
    p->dest = dest;
    p->surface =
        sym_cairo_pdf_surface_create_for_stream(sink, p, PAGE_W, PAGE_H);
    p->cr = sym_cairo_create(p->surface);
    p->page = 1;
    p->y = MARGIN;
    if (sym_cairo_status(p->cr) != CAIRO_STATUS_SUCCESS) {
        int rc =
            tsn_error_set(TSN_ERROR, "PDF: %s",
                          sym_cairo_status_to_string(sym_cairo_status(p->cr)));
        sym_cairo_destroy(p->cr);
        sym_cairo_surface_destroy(p->surface);
        tsn_free(p);
        return rc;
    }
    sym_cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE,
                                       title);
    sym_cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR,
                                       "tsunagi");
    p->lang = sym_pango_language_from_string(lang);
    *out = p;
    return 0;
}

static PangoLayout *
layout(struct pdf *p, const char *text, double size, bool bold, double width)
{
    PangoLayout *l = sym_pango_cairo_create_layout(p->cr);
    /* the language picks Japanese glyphs for the characters Chinese and
     * Japanese share */
    sym_pango_context_set_language(sym_pango_layout_get_context(l), p->lang);
    sym_pango_layout_context_changed(l);
    PangoFontDescription *fd = sym_pango_font_description_from_string(FONT);
    sym_pango_font_description_set_size(fd, (int)(size * PANGO_SCALE));
    sym_pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD
                                                   : PANGO_WEIGHT_NORMAL);
    sym_pango_layout_set_font_description(l, fd);
    sym_pango_font_description_free(fd);
    sym_pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    sym_pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    sym_pango_layout_set_text(l, text ? text : "", -1);
    return l;
}

void pdf_text(
    struct pdf *p, const char *text, double size, bool bold, double indent)
{
    if (failed(p))
        return;
    double width = PAGE_W - 2 * MARGIN - indent;
    PangoLayout *l = layout(p, text, size, bold, width);
    /* line by line, so that a paragraph longer than a page breaks */
    PangoLayoutIter *it = sym_pango_layout_get_iter(l);
    do {
        PangoRectangle logical;
        sym_pango_layout_iter_get_line_extents(it, NULL, &logical);
        double h = (double)logical.height / PANGO_SCALE;
        double base =
            (double)(sym_pango_layout_iter_get_baseline(it) - logical.y) /
            PANGO_SCALE;
        room(p, h);
        sym_cairo_move_to(p->cr, MARGIN + indent, p->y + base);
        sym_pango_cairo_show_layout_line(
            p->cr, sym_pango_layout_iter_get_line_readonly(it));
        p->y += h;
    } while (sym_pango_layout_iter_next_line(it));
    sym_pango_layout_iter_free(it);
    sym_g_object_unref(l);
    p->y += size * 0.35;
}

void pdf_textf(
    struct pdf *p, double size, bool bold, double indent, const char *fmt, ...)
{
    if (failed(p))
        return;
    tsn_buf b = TSN_BUF_INIT((size_t)16 * 1024 * 1024);
    va_list ap;
    va_start(ap, fmt);
    int rc = tsn_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    if (rc < 0)
        p->rc = rc;
    else
        pdf_text(p, tsn_buf_cstr(&b), size, bold, indent);
    tsn_buf_dispose(&b);
}

void pdf_row(struct pdf *p,
             const char *const *cells,
             const double *bars,
             const double *widths,
             size_t n,
             double size,
             bool bold)
{
    if (failed(p))
        return;
    PangoLayout *ls[16] = {0};
    double h = size * 1.2;
    for (size_t i = 0; i < n && i < 16; i++) {
        if (bars && !isnan(bars[i]))
            continue;
        ls[i] = layout(p, cells[i], size, bold, widths[i] - 6);
        int w, lh;
        sym_pango_layout_get_size(ls[i], &w, &lh);
        h = fmax(h, (double)lh / PANGO_SCALE);
    }
    room(p, h + 4);
    double x = MARGIN;
    for (size_t i = 0; i < n && i < 16; i++) {
        if (ls[i]) {
            sym_cairo_move_to(p->cr, x, p->y);
            sym_pango_cairo_show_layout(p->cr, ls[i]);
            sym_g_object_unref(ls[i]);
        } else if (bars) {
            double f = fmin(fmax(bars[i], 0), 1);
            sym_cairo_set_source_rgb(p->cr, 0.93, 0.93, 0.93);
            sym_cairo_rectangle(p->cr, x, p->y + size * 0.25, widths[i] - 8,
                                size * 0.8);
            sym_cairo_fill(p->cr);
            sym_cairo_set_source_rgb(p->cr, 0.10, 0.45, 0.91);
            sym_cairo_rectangle(p->cr, x, p->y + size * 0.25,
                                (widths[i] - 8) * f, size * 0.8);
            sym_cairo_fill(p->cr);
            sym_cairo_set_source_rgb(p->cr, 0, 0, 0);
        }
        x += widths[i];
    }
    p->y += h + 2;
    sym_cairo_set_source_rgb(p->cr, 0.88, 0.88, 0.88);
    sym_cairo_set_line_width(p->cr, 0.5);
    sym_cairo_move_to(p->cr, MARGIN, p->y);
    sym_cairo_line_to(p->cr, x, p->y);
    sym_cairo_stroke(p->cr);
    sym_cairo_set_source_rgb(p->cr, 0, 0, 0);
    p->y += 3;
}

void pdf_svg(struct pdf *p, const char *svg, double width)
{
    if (failed(p))
        return;
    GError *err = NULL;
    RsvgHandle *h =
        sym_rsvg_handle_new_from_data((const guint8 *)svg, strlen(svg), &err);
    gdouble w = 0, hh = 0;
    if (h && !sym_rsvg_handle_get_intrinsic_size_in_pixels(h, &w, &hh))
        w = hh = 0;
    if (!h || w <= 0 || hh <= 0) {
        p->rc = tsn_error_set(TSN_ERROR, "PDF: the chart cannot be drawn: %s",
                              err ? err->message : "no size");
        if (err)
            sym_g_error_free(err);
        if (h)
            sym_g_object_unref(h);
        return;
    }
    double height = width * hh / w;
    room(p, height);
    RsvgRectangle vp = {(PAGE_W - width) / 2, p->y, width, height};
    if (!sym_rsvg_handle_render_document(h, p->cr, &vp, &err)) {
        p->rc = tsn_error_set(TSN_ERROR, "PDF: the chart cannot be drawn: %s",
                              err ? err->message : "?");
        if (err)
            sym_g_error_free(err);
    }
    sym_g_object_unref(h);
    p->y += height + 6;
}

double pdf_left(const struct pdf *p)
{
    return PAGE_H - MARGIN - FOOTER - p->y;
}

void pdf_space(struct pdf *p, double points)
{
    p->y += points;
}

int pdf_end(struct pdf *p, int *pages)
{
    if (!failed(p))
        footer(p);
    sym_cairo_destroy(p->cr);
    sym_cairo_surface_finish(p->surface);
    if (p->rc == 0 &&
        sym_cairo_surface_status(p->surface) != CAIRO_STATUS_SUCCESS)
        p->rc = tsn_error_set(
            TSN_ERROR, "PDF: %s",
            sym_cairo_status_to_string(sym_cairo_surface_status(p->surface)));
    sym_cairo_surface_destroy(p->surface);
    int rc = p->rc;
    if (pages)
        *pages = p->page;
    tsn_free(p);
    return rc;
}
