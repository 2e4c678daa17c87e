/* tx-test-pdf.h — reading back the documents Tongxin writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *tx_test_squeeze     (const char *text);
guint tx_test_count       (const char *text,
                           const char *word);
char *tx_test_pdf_font_of (const char *xml,
                           const char *text);
char *tx_test_unjoin      (char       *text);
char *tx_test_pdf_text    (const char *pdf,
                           gboolean    layout);
char *tx_test_pdf_raw_text (const char *pdf,
                            guint       page);
guint tx_test_pdf_pages   (const char *pdf);
void  tx_test_assert_words_inside (const char *pdf,
                                   double      left,
                                   double      top,
                                   double      right,
                                   double      bottom);
char *tx_test_odt_text    (const char *odt);
GBytes *tx_test_zip_member      (const char *zip,
                                 const char *name);
char   *tx_test_zip_member_text (const char *zip,
                                 const char *name);

G_END_DECLS
