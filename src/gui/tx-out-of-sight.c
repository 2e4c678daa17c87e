/* tx-out-of-sight.c — whether a page is one the window does not show
 *
 * The pages of the window read the store when they are shown, not when
 * the window opens: a city's consultations, recommendations and plans
 * take a while to read, and the clerk sees one page at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tx-out-of-sight.h"

/**
 * tx_widget_is_out_of_sight:
 *
 * Whether @widget is out of sight: in no window yet, or held out of
 * sight by a stack (itself or one of the widgets it is in), as the pages
 * of the window other than the one shown.  The widget is mapped when it
 * comes into sight, if its window is shown.  A widget in a window not
 * shown yet is in sight: it will be at once.
 */
gboolean
tx_widget_is_out_of_sight (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  for (GtkWidget *w = widget; ; w = gtk_widget_get_parent (w))
    {
      if (!gtk_widget_get_child_visible (w))
        return TRUE;
      if (gtk_widget_get_parent (w) == NULL)
        return !GTK_IS_ROOT (w);
    }
}
