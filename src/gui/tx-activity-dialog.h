/* tx-activity-dialog.h — a training, an observation visit or a
 * discussion, added or changed in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-date.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_ACTIVITY_DIALOG (tx_activity_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TxActivityDialog, tx_activity_dialog, TX, ACTIVITY_DIALOG, AdwWindow)

TxActivityDialog *tx_activity_dialog_new             (GtkWindow        *parent,
                                                      TxStore          *store,
                                                      TxDate            today,
                                                      const char       *uuid);
void              tx_activity_dialog_add_person      (TxActivityDialog *self,
                                                      const char       *person_uuid,
                                                      const char       *name);
void              tx_activity_dialog_set_attended    (TxActivityDialog *self,
                                                      const char       *person_uuid,
                                                      gboolean          attended);
gboolean          tx_activity_dialog_save            (TxActivityDialog *self);
AdwMessageDialog *tx_activity_dialog_ask_to_delete   (TxActivityDialog *self);

G_END_DECLS
