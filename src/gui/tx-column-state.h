/* tx-column-state.h — a list's columns as the clerk left them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*TxColumnSorted) (int       column,
                                gboolean  descending,
                                gpointer  user_data);

void tx_column_state_attach (GtkColumnView      *view,
                             GSettings          *settings,
                             const char         *name,
                             const char * const *ids,
                             TxColumnSorted      sorted,
                             gpointer            user_data);

G_END_DECLS
