/* tx-overview-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-day.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_OVERVIEW_PAGE (tx_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (TxOverviewPage, tx_overview_page, TX, OVERVIEW_PAGE, AdwBin)

GtkWidget  *tx_overview_page_new            (void);
TxStore    *tx_overview_page_get_store      (TxOverviewPage *self);
void        tx_overview_page_set_store      (TxOverviewPage *self,
                                             TxStore        *store);
TxDay      *tx_overview_page_get_day        (TxOverviewPage *self);
void        tx_overview_page_set_day        (TxOverviewPage *self,
                                             TxDay          *day);
int         tx_overview_page_get_year       (TxOverviewPage *self);
int         tx_overview_page_get_quarter    (TxOverviewPage *self);
void        tx_overview_page_select_quarter (TxOverviewPage *self,
                                             int             year,
                                             int             quarter);

G_END_DECLS
