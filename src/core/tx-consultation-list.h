/* tx-consultation-list.h — the consultations as a list model, a page at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-consultation-store.h"
#include "tx-paged-list.h"

G_BEGIN_DECLS

#define TX_TYPE_CONSULTATION_LIST (tx_consultation_list_get_type ())
G_DECLARE_FINAL_TYPE (TxConsultationList, tx_consultation_list, TX, CONSULTATION_LIST, TxPagedList)

TxConsultationList *tx_consultation_list_new        (TxStore   *store);
void          tx_consultation_list_set_filter (TxConsultationList *self,
                                          const TxConsultationFilter *filter);
const TxConsultationFilter *
              tx_consultation_list_get_filter (TxConsultationList *self);

G_END_DECLS
