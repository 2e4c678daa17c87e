/* tx-records.h — reading townships, consultations and outcomes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-consultation.h"
#include "tx-outcome.h"
#include "tx-store.h"
#include "tx-township-store.h"
#include "tx-township.h"

G_BEGIN_DECLS

GPtrArray      *tx_store_list_consultations (TxStore     *store,
                                             int          year,
                                             const char  *township,
                                             GError     **error);
TxConsultation *tx_store_load_consultation  (TxStore     *store,
                                             const char  *uuid_or_title,
                                             GError     **error);
GPtrArray      *tx_store_list_outcomes      (TxStore     *store,
                                             const char  *consultation_uuid,
                                             GError     **error);
guint           tx_store_count              (TxStore     *store,
                                             const char  *kind);

G_END_DECLS
