/* tx-outcome-store.h — recommendations in the store: list, load, save,
 * delete and restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-outcome.h"
#include "tx-store.h"

G_BEGIN_DECLS

GPtrArray      *tx_store_list_outcomes           (TxStore            *store,
                                                  const char         *consultation_uuid,
                                                  GError            **error);
gboolean        tx_store_save_outcome            (TxStore            *store,
                                                  TxOutcome          *outcome,
                                                  GError            **error);
gboolean        tx_store_delete_outcome          (TxStore            *store,
                                                  const char         *uuid,
                                                  gboolean            restore,
                                                  GError            **error);
TxOutcome      *tx_store_load_outcome            (TxStore            *store,
                                                  const char         *uuid,
                                                  GError            **error);

G_END_DECLS
