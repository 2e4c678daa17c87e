/* tx-receive-dialog.h — 接收数据: exchange files from other offices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-day.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_RECEIVE_DIALOG (tx_receive_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TxReceiveDialog, tx_receive_dialog, TX, RECEIVE_DIALOG, AdwWindow)

TxReceiveDialog *tx_receive_dialog_new     (GtkWindow       *parent,
                                            TxStore         *store,
                                            TxDay           *day,
                                            GPtrArray       *files);
gboolean         tx_receive_dialog_is_busy (TxReceiveDialog *self);

G_END_DECLS
