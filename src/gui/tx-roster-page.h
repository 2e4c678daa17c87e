/* tx-roster-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_ROSTER_PAGE (tx_roster_page_get_type ())
G_DECLARE_FINAL_TYPE (TxRosterPage, tx_roster_page, TX, ROSTER_PAGE, AdwBin)

GtkWidget *tx_roster_page_new                   (void);
TxStore   *tx_roster_page_get_store             (TxRosterPage *self);
void       tx_roster_page_set_store             (TxRosterPage *self,
                                                 TxStore      *store);
gboolean   tx_roster_page_get_print_full_phones (TxRosterPage *self);
void       tx_roster_page_set_print_full_phones (TxRosterPage *self,
                                                 gboolean      full_phones);

G_END_DECLS
