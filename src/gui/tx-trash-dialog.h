/* tx-trash-dialog.h — Recently Deleted (回收站)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_TRASH_DIALOG (tx_trash_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TxTrashDialog, tx_trash_dialog, TX, TRASH_DIALOG, AdwWindow)

TxTrashDialog *tx_trash_dialog_new (GtkWindow *parent,
                                    TxStore   *store);

G_END_DECLS
