/* tx-activities-dialog.h — 活动一览: the activities of a year
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-day.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_ACTIVITIES_DIALOG (tx_activities_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TxActivitiesDialog, tx_activities_dialog, TX, ACTIVITIES_DIALOG, AdwWindow)

TxActivitiesDialog *tx_activities_dialog_new (GtkWindow *parent,
                                              TxStore   *store,
                                              TxDay     *day,
                                              int        year);

G_END_DECLS
