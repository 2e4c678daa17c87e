/* tx-doc-title.h — a title over lines, balanced and between words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GStrv tx_doc_title_lines (const char *title,
                          double      max_width);
GArray *tx_doc_word_ends  (const char *text,
                          gssize      length);
double  tx_doc_text_width (const char *text);

G_END_DECLS
