/* tx-consultations-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-list-page.h"

G_BEGIN_DECLS

#define TX_TYPE_CONSULTATIONS_PAGE (tx_consultations_page_get_type ())
G_DECLARE_FINAL_TYPE (TxConsultationsPage, tx_consultations_page, TX, CONSULTATIONS_PAGE, TxListPage)

void tx_consultations_page_select (TxConsultationsPage *self,
                                   const char          *uuid,
                                   const char          *place);

G_END_DECLS
