/* tx-circular-chart.h — the ledger chart of a circular
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-chart.h"
#include "tx-ledger.h"

G_BEGIN_DECLS

GBytes      *tx_circular_chart_png  (TxStore     *store,
                                     TxLedger    *ledger,
                                     GError     **error);

G_END_DECLS
