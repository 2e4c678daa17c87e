/* tx-send-dialog.h — 报送数据: an exchange file for the city office
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-day.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_SEND_DIALOG (tx_send_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TxSendDialog, tx_send_dialog, TX, SEND_DIALOG, AdwWindow)

TxSendDialog *tx_send_dialog_new              (GtkWindow    *parent,
                                               TxStore      *store,
                                               TxDay        *day);
void          tx_send_dialog_set_changes_only (TxSendDialog *self,
                                               gboolean      changes_only);
void          tx_send_dialog_set_issue        (TxSendDialog *self);
char         *tx_send_dialog_suggest_name     (TxSendDialog *self);
void          tx_send_dialog_send_to          (TxSendDialog *self,
                                               GFile        *file);
gboolean      tx_send_dialog_is_busy          (TxSendDialog *self);

G_END_DECLS
