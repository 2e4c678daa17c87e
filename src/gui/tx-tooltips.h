/* tx-tooltips.h — tooltips that hold Chinese on one line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void tx_tooltips_init          (void);
int  tx_tooltips_count_columns (const char *text);
void tx_tooltips_for_cells     (GtkWidget  *view);

G_END_DECLS
