/* tx-out-of-sight.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean tx_widget_is_out_of_sight (GtkWidget *widget);

G_END_DECLS
