/* tx-outcomes-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-day.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_OUTCOMES_PAGE (tx_outcomes_page_get_type ())
G_DECLARE_FINAL_TYPE (TxOutcomesPage, tx_outcomes_page, TX, OUTCOMES_PAGE, AdwBin)

GtkWidget  *tx_outcomes_page_new       (void);
TxStore    *tx_outcomes_page_get_store (TxOutcomesPage *self);
void        tx_outcomes_page_set_store (TxOutcomesPage *self,
                                        TxStore        *store);
TxDay      *tx_outcomes_page_get_day   (TxOutcomesPage *self);
void        tx_outcomes_page_set_day   (TxOutcomesPage *self,
                                        TxDay          *day);
void        tx_outcomes_page_select    (TxOutcomesPage *self,
                                        const char     *uuid);

G_END_DECLS
