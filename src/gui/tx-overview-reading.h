/* tx-overview-reading.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tx-chart.h"
#include "tx-ledger.h"
#include "tx-store.h"

G_BEGIN_DECLS

/* The charts of the year, in the order read */
enum {
  TX_OVERVIEW_CHART_LEDGER,
  TX_OVERVIEW_CHART_ADOPTION,
  TX_OVERVIEW_CHART_PLAN,
  TX_OVERVIEW_CHART_STAGES,
  TX_OVERVIEW_N_CHARTS
};

typedef struct {
  TxDate        today;
  int           year;      /* the quarter shown: asked for, then read */
  int           quarter;
  GArray       *keys;      /* int, year * 10 + quarter, newest first */
  GArray       *issued;    /* gboolean, of each of @keys */
  TxLedger     *ledger;
  TxChartData  *charts[TX_OVERVIEW_N_CHARTS];
  GPtrArray    *receipts;  /* TxTextRow, at the city office: what the last file of each township was; else NULL */
  GPtrArray    *untrained;  /* TxUntrained: leaders and officers long in post without a training */
  int           training_days;
  gboolean      untrained_in_ledger;  /* the city counts them in the ledger */
  GError       *error;     /* read apart: why the ledger and charts could not be read */
} TxOverviewReading;

TxOverviewReading *tx_overview_reading_new            (TxDate               today,
                                                       int                  year,
                                                       int                  quarter);
void               tx_overview_reading_free           (TxOverviewReading   *reading);
gboolean           tx_overview_reading_read           (TxOverviewReading   *reading,
                                                       TxStore             *store,
                                                       GError             **error);
void               tx_overview_reading_read_apart     (TxOverviewReading   *reading,
                                                       TxStore             *store,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
TxOverviewReading *tx_overview_reading_finish         (TxStore             *store,
                                                       GAsyncResult        *result,
                                                       GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxOverviewReading, tx_overview_reading_free)

G_END_DECLS
