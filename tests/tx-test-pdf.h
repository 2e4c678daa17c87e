/* tx-test-pdf.h — reading back the PDFs Tongxin draws itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *tx_test_squeeze     (const char *text);
char *tx_test_pdf_font_of (const char *xml,
                           const char *text);

G_END_DECLS
