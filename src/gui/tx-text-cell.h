/* tx-text-cell.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TX_TYPE_TEXT_CELL (tx_text_cell_get_type ())
G_DECLARE_FINAL_TYPE (TxTextCell, tx_text_cell, TX, TEXT_CELL, GtkWidget)

GtkWidget  *tx_text_cell_new      (int         min_chars,
                                   int         nat_chars);
void        tx_text_cell_set_lines (TxTextCell *self,
                                    int         lines);
void        tx_text_cell_set_caption (TxTextCell *self);
const char *tx_text_cell_get_text (TxTextCell *self);
void        tx_text_cell_set_text (TxTextCell *self,
                                   const char *text);
gboolean    tx_text_cell_is_cut   (TxTextCell *self);

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
