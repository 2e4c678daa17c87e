/* tx-circular-chart.h — the ledger chart as the circulars issued it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-chart.h"
#include "tx-ledger.h"

G_BEGIN_DECLS

TxChartData *tx_circular_chart_data (TxStore     *store,
                                     int          year,
                                     const char  *today,
                                     GError     **error);
GBytes      *tx_circular_chart_png  (TxStore     *store,
                                     TxLedger    *ledger,
                                     GError     **error);

G_END_DECLS
