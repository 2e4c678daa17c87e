/* tx-view-rows.c — moving a list or column view, and keeping its rows
 * when its records are replaced
 *
 * GTK 4.8 makes a row anew for every record it comes to, and throws a
 * row away when its record leaves the list; a row it keeps only while
 * its record is listed, out of sight.  A search that replaces every
 * record would throw away every row in sight (some two hundred, each
 * with a cell for every column) and make as many again.  A paged list
 * tells of such a replacement in two steps, the new records first,
 * before the old: the view, moved to the new ones between the steps,
 * shows them in the rows it made for the old ones (given their new
 * record, as when scrolled).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tx-paged-list.h"
#include "tx-view-rows.h"

/* The list view that makes the rows: @view, or the one inside a
 * column view. */
static GtkWidget *
get_list_view (GtkWidget *view)
{
  if (GTK_IS_LIST_VIEW (view))
    return view;

  for (GtkWidget *child = gtk_widget_get_first_child (view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;

  return NULL;
}

/**
 * tx_view_scroll_to:
 * @view: a #GtkListView or a #GtkColumnView
 * @position: the row to bring into sight
 *
 * GTK 4.8 has no gtk_list_view_scroll_to (): its list views have the
 * “list.scroll-to-item” action (a column view's is its list view's).
 */
void
tx_view_scroll_to (GtkWidget *view,
                   guint      position)
{
  GtkWidget *list_view;

  g_return_if_fail (GTK_IS_WIDGET (view));

  list_view = get_list_view (view);
  if (position != GTK_INVALID_LIST_POSITION && list_view != NULL)
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
}

static void
on_replacing_cb (GtkWidget   *view,
                 guint        position,
                 guint        n_new,
                 TxPagedList *list)
{
  tx_view_scroll_to (view, position);
}

/**
 * tx_view_keep_rows_of:
 * @view: a #GtkListView or a #GtkColumnView
 * @list: (nullable): the records @view shows (through a selection): a
 *   #TxPagedList, else nothing is done
 *
 * When @list's records are replaced by others, @view goes to the first
 * new one, and shows them in the rows it had, rather than make them
 * anew.  For as long as @view lives.
 */
void
tx_view_keep_rows_of (GtkWidget  *view,
                      GListModel *list)
{
  g_return_if_fail (GTK_IS_WIDGET (view));

  if (!TX_IS_PAGED_LIST (list))
    return;

  tx_paged_list_set_new_rows_first (TX_PAGED_LIST (list), TRUE);
  g_signal_connect_object (list, "replacing", G_CALLBACK (on_replacing_cb), view, G_CONNECT_SWAPPED);
}
