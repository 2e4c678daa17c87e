/* tx-names.h — the names of the records a command line refers to, for
 * completing them as they are typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-store.h"

G_BEGIN_DECLS

typedef enum {
  TX_NAMES_TOWNSHIP,
  TX_NAMES_WORK_GROUP,
  TX_NAMES_CONSULTATION,
  TX_NAMES_ACTIVITY,
  TX_NAMES_RECOMMENDATION,
} TxNamesKind;

GPtrArray *tx_store_list_names (TxStore      *store,
                                TxNamesKind   kind,
                                const char   *prefix,
                                guint         limit,
                                GError      **error);

G_END_DECLS
