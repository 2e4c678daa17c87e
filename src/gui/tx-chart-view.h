/* tx-chart-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tx-chart.h"

G_BEGIN_DECLS

#define TX_TYPE_CHART_VIEW (tx_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (TxChartView, tx_chart_view, TX, CHART_VIEW, GtkWidget)

GtkWidget         *tx_chart_view_new      (void);
const TxChartData *tx_chart_view_get_data (TxChartView *self);
void               tx_chart_view_set_data (TxChartView *self,
                                           TxChartData *data);

G_END_DECLS
