/* tx-outcomes-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-list-page.h"

G_BEGIN_DECLS

#define TX_TYPE_OUTCOMES_PAGE (tx_outcomes_page_get_type ())
G_DECLARE_FINAL_TYPE (TxOutcomesPage, tx_outcomes_page, TX, OUTCOMES_PAGE, TxListPage)

void tx_outcomes_page_select (TxOutcomesPage *self,
                              const char     *uuid,
                              const char     *place);

void tx_outcomes_page_new_for_consultation (TxOutcomesPage *self,
                                            const char     *consultation_uuid);

G_END_DECLS
