/* SPDX-License-Identifier: Apache-2.0 */
#include "markup.h"

#include <string.h>

void tsnu_mw_put(tsnu_mw *w, const char *s)
{
    if (w->rc == 0)
        w->rc = tsn_buf_puts(w->b, s);
}

void tsnu_mw_vprintf(tsnu_mw *w, const char *fmt, va_list ap)
{
    if (w->rc == 0)
        w->rc = tsn_buf_vprintf(w->b, fmt, ap);
}

void tsnu_mw_printf(tsnu_mw *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tsnu_mw_vprintf(w, fmt, ap);
    va_end(ap);
}

void tsnu_mw_esc_n(tsnu_mw *w, const char *s, size_t max)
{
    size_t len = s ? strlen(s) : 0, cut = len;
    if (len > max) {
        cut = max;
        while (cut && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--;
    }
    for (size_t i = 0; i < cut && w->rc == 0; i++) {
        switch (s[i]) {
        case '&':
            tsnu_mw_put(w, "&amp;");
            break;
        case '<':
            tsnu_mw_put(w, "&lt;");
            break;
        case '>':
            tsnu_mw_put(w, "&gt;");
            break;
        case '"':
            tsnu_mw_put(w, "&quot;");
            break;
        case '\'':
            tsnu_mw_put(w, "&#39;");
            break;
        default:
            /* control characters other than tab and line ends are not
             * allowed in XML; the JSON readers let escapes of them through */
            if ((unsigned char)s[i] < 0x20 && !strchr("\t\n\r", s[i]))
                tsnu_mw_put(w, "\xEF\xBF\xBD");
            else
                w->rc = tsn_buf_putc(w->b, s[i]);
        }
    }
    if (cut < len)
        tsnu_mw_put(w, "\xE2\x80\xA6");
}

void tsnu_mw_esc(tsnu_mw *w, const char *s)
{
    tsnu_mw_esc_n(w, s, SIZE_MAX);
}
