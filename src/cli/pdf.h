/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The one adapter of cairo, pango and librsvg: A4 pages of flowing text,
 * table rows and SVG images, written as PDF into a buffer. Text is laid
 * out by pango (Japanese included, with the fonts fontconfig finds:
 * IPAexGothic first) and never read as markup. A failure is kept and
 * reported by pdf_end(); the calls after it do nothing.
 */
#ifndef TSN_CLI_PDF_H
#define TSN_CLI_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "util/util.h"

struct pdf;

/* A document written into @p dest, with @p title and @p lang ("en",
 * "ja") in its metadata. */
int pdf_begin(struct pdf **out,
              tsn_buf *dest,
              const char *title,
              const char *lang);
/* A paragraph of @p text at @p size points, @p indent points in from the
 * left margin, broken across pages where it must. */
void pdf_text(
    struct pdf *p, const char *text, double size, bool bold, double indent);
/* As pdf_text(), the text formatted as printf formats it. */
void pdf_textf(
    struct pdf *p, double size, bool bold, double indent, const char *fmt, ...)
    TSN_PRINTF(5, 6);
/* One row of a table: @p n cells of @p widths points each; a cell whose
 * bar is not NaN holds a bar of that fraction (0 to 1) instead of text. */
void pdf_row(struct pdf *p,
             const char *const *cells,
             const double *bars,
             const double *widths,
             size_t n,
             double size,
             bool bold);
/* An SVG image @p width points wide, centred; on a new page when it does
 * not fit on this one. */
void pdf_svg(struct pdf *p, const char *svg, double width);
/* The points left on this page. */
double pdf_left(const struct pdf *p);
/* Vertical space, and a new page. */
void pdf_space(struct pdf *p, double points);
void pdf_page(struct pdf *p);
/* Finish the document and free @p p: 0, or the first failure (an error
 * set). The number of pages in *@p pages when not NULL. */
int pdf_end(struct pdf *p, int *pages);

#endif
