/* tx-circular-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-day.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_CIRCULAR_DIALOG (tx_circular_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TxCircularDialog, tx_circular_dialog, TX, CIRCULAR_DIALOG, AdwWindow)

TxCircularDialog *tx_circular_dialog_new         (GtkWindow        *parent,
                                                  TxStore          *store,
                                                  int               year,
                                                  int               quarter,
                                                  TxDay            *day);
TxStore          *tx_circular_dialog_get_store   (TxCircularDialog *self);
int               tx_circular_dialog_get_year    (TxCircularDialog *self);
int               tx_circular_dialog_get_quarter (TxCircularDialog *self);

G_END_DECLS
