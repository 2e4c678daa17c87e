/* tx-outcome-list.h — the recommendations as a list model, a page at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-outcome-store.h"
#include "tx-paged-list.h"

G_BEGIN_DECLS

#define TX_TYPE_OUTCOME_LIST (tx_outcome_list_get_type ())
G_DECLARE_FINAL_TYPE (TxOutcomeList, tx_outcome_list, TX, OUTCOME_LIST, TxPagedList)

TxOutcomeList *tx_outcome_list_new        (TxStore   *store);
void          tx_outcome_list_set_filter (TxOutcomeList *self,
                                          const TxOutcomeFilter *filter);
const TxOutcomeFilter *
              tx_outcome_list_get_filter (TxOutcomeList *self);

G_END_DECLS
