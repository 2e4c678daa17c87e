/* tx-consultations-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-day.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_CONSULTATIONS_PAGE (tx_consultations_page_get_type ())
G_DECLARE_FINAL_TYPE (TxConsultationsPage, tx_consultations_page, TX, CONSULTATIONS_PAGE, AdwBin)

GtkWidget  *tx_consultations_page_new       (void);
TxStore    *tx_consultations_page_get_store (TxConsultationsPage *self);
void        tx_consultations_page_set_store (TxConsultationsPage *self,
                                             TxStore             *store);
TxDay      *tx_consultations_page_get_day   (TxConsultationsPage *self);
void        tx_consultations_page_set_day   (TxConsultationsPage *self,
                                             TxDay               *day);

void                 tx_consultations_page_select      (TxConsultationsPage *self,
                                                        const char          *uuid);

G_END_DECLS
