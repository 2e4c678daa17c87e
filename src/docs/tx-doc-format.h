/* tx-doc-format.h — how documents write dates and phone numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *tx_doc_format_date  (const char *iso_date);
char *tx_doc_mask_phone   (const char *phone);

G_END_DECLS
