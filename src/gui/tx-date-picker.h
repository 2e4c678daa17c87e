/* tx-date-picker.h — a calendar for a typed date field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void        tx_date_picker_attach_to_entry  (GtkEntry    *entry);
GtkWidget  *tx_date_picker_add_to_row       (AdwEntryRow *row);
GtkCalendar *tx_date_picker_popup           (GtkEditable *editable);

G_END_DECLS
