/* tx-off-reason.c — a button that is off says why
 *
 * While a button cannot be used (a new record not saved yet, nothing to
 * export), its tooltip gives the reason instead of what it does; once
 * it can be used, its own tooltip comes back.
 *
 * Tooltips are given through tx_widget_set_tooltip(): GTK 4.8 asks the
 * X server where the pointer is each time a visible widget's tooltip is
 * set, even to the text it has, even on a widget not on screen yet (a
 * template's, as a row is made), and an editor showing another record
 * sets dozens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tx-off-reason.h"

#define OWN_TOOLTIP "tx-own-tooltip"
#define HAS_REASON "tx-has-off-reason"

/**
 * tx_widget_set_tooltip:
 * @text: (nullable): the tooltip, or %NULL for none
 *
 * gtk_widget_set_tooltip_text(), when @text is not the tooltip already;
 * without asking where the pointer is when @widget is not on screen (it
 * cannot be under the pointer).
 */
void
tx_widget_set_tooltip (GtkWidget  *widget,
                       const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0)
    return;

  /* GTK asks only for a visible widget */
  if (!gtk_widget_get_mapped (widget) && gtk_widget_get_visible (widget))
    {
      gtk_widget_set_visible (widget, FALSE);
      gtk_widget_set_tooltip_text (widget, text);
      gtk_widget_set_visible (widget, TRUE);
    }
  else
    gtk_widget_set_tooltip_text (widget, text);
}

/**
 * tx_widget_set_off_reason:
 * @widget: a button
 * @reason: (nullable): why it is off, or %NULL when it is not
 *
 * Shows @reason as the tooltip of @widget, or its own tooltip again.
 */
void
tx_widget_set_off_reason (GtkWidget  *widget,
                          const char *reason)
{
  gboolean has_reason = g_object_get_data (G_OBJECT (widget), HAS_REASON) != NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (reason != NULL)
    {
      if (!has_reason)
        g_object_set_data_full (G_OBJECT (widget), OWN_TOOLTIP,
                                g_strdup (gtk_widget_get_tooltip_text (widget)), g_free);
      g_object_set_data (G_OBJECT (widget), HAS_REASON, GINT_TO_POINTER (TRUE));
      tx_widget_set_tooltip (widget, reason);
    }
  else if (has_reason)
    {
      tx_widget_set_tooltip (widget, g_object_get_data (G_OBJECT (widget), OWN_TOOLTIP));
      g_object_set_data (G_OBJECT (widget), HAS_REASON, NULL);
      g_object_set_data (G_OBJECT (widget), OWN_TOOLTIP, NULL);
    }
}

/**
 * tx_widget_set_action_off_reason:
 * @root: the widget whose buttons to look at
 * @action_name: an action, "consultation.print-signin-sheet"
 * @reason: (nullable): why the action is off, or %NULL when it is not
 *
 * Gives @reason to every button under @root that runs @action_name.
 */
void
tx_widget_set_action_off_reason (GtkWidget  *root,
                                 const char *action_name,
                                 const char *reason)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_ACTIONABLE (root)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    tx_widget_set_off_reason (root, reason);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    tx_widget_set_action_off_reason (child, action_name, reason);
}
