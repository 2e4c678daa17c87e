/* tx-import-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_IMPORT_DIALOG (tx_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TxImportDialog, tx_import_dialog, TX, IMPORT_DIALOG, AdwWindow)

TxImportDialog *tx_import_dialog_new       (GtkWindow      *parent,
                                            TxStore        *store,
                                            GFile          *file);
TxStore        *tx_import_dialog_get_store (TxImportDialog *self);
GFile          *tx_import_dialog_get_file  (TxImportDialog *self);

G_END_DECLS
