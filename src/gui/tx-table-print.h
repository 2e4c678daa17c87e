/* tx-table-print.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tx-table-document.h"

G_BEGIN_DECLS

#define TX_TYPE_TABLE_PRINT (tx_table_print_get_type ())
G_DECLARE_FINAL_TYPE (TxTablePrint, tx_table_print, TX, TABLE_PRINT, GObject)

/**
 * TxTablePrintBuildFunc:
 *
 * Makes the document to print, once the paper is known: in a thread
 * of its own when the print was made with @in_thread (then it reads
 * nothing but @user_data), else on the main thread.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error
 */
typedef TxTableDocument *(*TxTablePrintBuildFunc) (gpointer   user_data,
                                                   GError   **error);
typedef GtkWidget       *(*TxTablePrintTabFunc)   (gpointer   user_data);
typedef void             (*TxTablePrintApplyFunc) (GtkWidget *tab,
                                                   gpointer   user_data);

TxTablePrint      *tx_table_print_new                (const char            *job_name,
                                                      TxTablePrintBuildFunc  build,
                                                      gboolean               in_thread,
                                                      gpointer               user_data,
                                                      GDestroyNotify         destroy);
void               tx_table_print_set_custom_tab     (TxTablePrint          *self,
                                                      const char            *label,
                                                      TxTablePrintTabFunc    create,
                                                      TxTablePrintApplyFunc  apply);
void               tx_table_print_set_print_settings (TxTablePrint          *self,
                                                      GtkPrintSettings      *settings);
GtkPrintOperation *tx_table_print_get_operation      (TxTablePrint          *self);
gboolean           tx_table_print_run                (TxTablePrint          *self,
                                                      GtkWindow             *parent,
                                                      GFile                 *export_file,
                                                      GError               **error);

G_END_DECLS
