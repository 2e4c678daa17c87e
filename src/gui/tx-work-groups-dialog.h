/* tx-work-groups-dialog.h — the city office's work groups (工作组)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_WORK_GROUPS_DIALOG (tx_work_groups_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TxWorkGroupsDialog, tx_work_groups_dialog, TX, WORK_GROUPS_DIALOG, AdwWindow)

TxWorkGroupsDialog *tx_work_groups_dialog_new (GtkWindow *parent,
                                               TxStore   *store);

G_END_DECLS
