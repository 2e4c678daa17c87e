/* tx-townships-dialog.h — the townships, their names and yearly plans
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-day.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_TOWNSHIPS_DIALOG (tx_townships_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TxTownshipsDialog, tx_townships_dialog, TX, TOWNSHIPS_DIALOG, AdwWindow)

TxTownshipsDialog *tx_townships_dialog_new           (GtkWindow         *parent,
                                                      TxStore           *store,
                                                      TxDay             *day);
int                tx_townships_dialog_get_year      (TxTownshipsDialog *self);
void               tx_townships_dialog_set_year      (TxTownshipsDialog *self,
                                                      int                year);
GtkSpinButton     *tx_townships_dialog_get_plan_spin (TxTownshipsDialog *self,
                                                      const char        *township_uuid);
gboolean           tx_townships_dialog_show_record   (TxTownshipsDialog *self,
                                                      const char        *kind,
                                                      const char        *uuid);

G_END_DECLS
