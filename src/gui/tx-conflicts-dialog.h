/* tx-conflicts-dialog.h — the conflicts an exchange found, to decide
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-day.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_CONFLICTS_DIALOG (tx_conflicts_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TxConflictsDialog, tx_conflicts_dialog, TX, CONFLICTS_DIALOG, AdwWindow)

TxConflictsDialog *tx_conflicts_dialog_new        (GtkWindow         *parent,
                                                   TxStore           *store,
                                                   TxDay             *day);
gboolean           tx_conflicts_dialog_select     (TxConflictsDialog *self,
                                                   gint64             id);
guint              tx_conflicts_dialog_get_n_open (TxConflictsDialog *self);

G_END_DECLS
