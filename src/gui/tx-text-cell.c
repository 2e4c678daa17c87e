/* tx-text-cell.c — the cells of a column that shows one text of its
 * records
 *
 * A column view makes a cell for every column of every row in sight,
 * each time its rows are replaced (at every keystroke of a search): a
 * cell made from a template is parsed each time, a cell made here is
 * one widget, given its text once, as the records of the lists do not
 * change in place (a record changed is a new row).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tx-text-cell.h"

typedef struct {
  char *property;   /* a string property of the records */
  int   min_chars;
  int   nat_chars;
} TextCell;

static void
text_cell_free (gpointer data)
{
  TextCell *cell = data;

  g_free (cell->property);
  g_free (cell);
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             TextCell                 *cell)
{
  GtkInscription *inscription = GTK_INSCRIPTION (gtk_inscription_new (NULL));

  gtk_inscription_set_text_overflow (inscription, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (inscription, cell->min_chars);
  gtk_inscription_set_nat_chars (inscription, cell->nat_chars);
  gtk_list_item_set_child (item, GTK_WIDGET (inscription));
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            TextCell                 *cell)
{
  g_autofree char *text = NULL;

  g_object_get (gtk_list_item_get_item (item), cell->property, &text, NULL);
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text);
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              TextCell                 *cell)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), NULL);
}

/**
 * tx_text_cell_factory_new:
 * @property: the string property of the records the column shows
 * @min_chars: the fewest characters the column is wide
 * @nat_chars: the characters it would show
 *
 * Returns: (transfer full): cells of one line, cut with an ellipsis
 */
GtkListItemFactory *
tx_text_cell_factory_new (const char *property,
                          int         min_chars,
                          int         nat_chars)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  TextCell *cell = g_new0 (TextCell, 1);

  g_return_val_if_fail (property != NULL, NULL);

  cell->property = g_strdup (property);
  cell->min_chars = min_chars;
  cell->nat_chars = nat_chars;
  g_object_set_data_full (G_OBJECT (factory), "tx-text-cell", cell, text_cell_free);
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), cell);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), cell);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), cell);

  return factory;
}

/**
 * tx_text_cell_bind_columns:
 * @widget_class: the class whose template has @columns
 *
 * Lets tx_text_cell_set_up_columns() find the columns, in the class's
 * class_init.
 */
void
tx_text_cell_bind_columns (GtkWidgetClass     *widget_class,
                           const TxTextColumn *columns,
                           guint               n_columns)
{
  for (guint i = 0; i < n_columns; i++)
    gtk_widget_class_bind_template_child_full (widget_class, columns[i].column, FALSE, 0);
}

/**
 * tx_text_cell_set_up_columns:
 * @widget: a widget whose template has the columns, after
 *   gtk_widget_init_template()
 * @widget_type: the type whose template it is
 *
 * Gives each of @columns its cells.
 */
void
tx_text_cell_set_up_columns (GtkWidget          *widget,
                             GType               widget_type,
                             const TxTextColumn *columns,
                             guint               n_columns)
{
  for (guint i = 0; i < n_columns; i++)
    {
      GObject *column = gtk_widget_get_template_child (widget, widget_type, columns[i].column);
      g_autoptr(GtkListItemFactory) factory = NULL;

      g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));

      factory = tx_text_cell_factory_new (columns[i].property, columns[i].min_chars, columns[i].nat_chars);
      gtk_column_view_column_set_factory (GTK_COLUMN_VIEW_COLUMN (column), factory);
    }
}
