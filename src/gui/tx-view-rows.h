/* tx-view-rows.h — moving a list or column view, and keeping its rows
 * when its records are replaced
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void tx_view_scroll_to            (GtkWidget  *view,
                                   guint       position);
void tx_view_keep_rows_of         (GtkWidget  *view,
                                   GListModel *list);

G_END_DECLS
