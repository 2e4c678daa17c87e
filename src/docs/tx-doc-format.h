/* tx-doc-format.h — how documents write dates, phone numbers and the
 * text of the records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TX_DOC_TEXT_LINES,     /* keeps line breaks and tabs: paragraphs, cells */
  TX_DOC_TEXT_ONE_LINE,  /* line breaks and tabs become spaces: titles, labels */
} TxDocTextMode;

char *tx_doc_format_date         (const char    *iso_date);
char *tx_doc_mask_phone          (const char    *phone);
char *tx_doc_clean_text          (const char    *text,
                                  TxDocTextMode  mode);
char *tx_doc_chinese_punctuation (const char    *text);

G_END_DECLS
