/* tx-text-cell.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A column of a widget's template, the text it shows and its width */
typedef struct {
  const char *column;     /* the id of a GtkColumnViewColumn */
  const char *property;   /* the string property of the records */
  int         min_chars;
  int         nat_chars;
} TxTextColumn;

GtkListItemFactory *tx_text_cell_factory_new (const char *property,
                                              int         min_chars,
                                              int         nat_chars);
void                tx_text_cell_bind_columns   (GtkWidgetClass     *widget_class,
                                                 const TxTextColumn *columns,
                                                 guint               n_columns);
void                tx_text_cell_set_up_columns (GtkWidget          *widget,
                                                 GType               widget_type,
                                                 const TxTextColumn *columns,
                                                 guint               n_columns);

G_END_DECLS
