/* tx-off-reason.h — a button that is off says why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void tx_widget_set_tooltip           (GtkWidget  *widget,
                                      const char *text);
void tx_widget_set_off_reason        (GtkWidget  *widget,
                                      const char *reason);
void tx_widget_set_action_off_reason (GtkWidget  *root,
                                      const char *action_name,
                                      const char *reason);

G_END_DECLS
