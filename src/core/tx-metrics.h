/* tx-metrics.h — the "three zeros" (三零) of the city office
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-consultation.h"
#include "tx-date.h"
#include "tx-outcome.h"
#include "tx-store.h"

G_BEGIN_DECLS

typedef struct {
  char   *township_uuid;   /* NULL for the total */
  char   *township_name;
  guint   submitted;       /* recommendations submitted in the period */
  guint   answered;        /* … with feedback received */
  guint   adopted;         /* adopted or partly adopted */
  guint   supervised;      /* … supervised before, during and after */
  guint   implemented;     /* … carried out in full (100 %) */
} TxMetrics;

/* A rate, or a negative number when there is nothing to divide by. */
double      tx_metrics_feedback_rate        (const TxMetrics *metrics);
double      tx_metrics_supervision_coverage (const TxMetrics *metrics);
double      tx_metrics_implementation_rate  (const TxMetrics *metrics);

void        tx_metrics_add_outcome          (TxMetrics       *metrics,
                                             TxOutcome       *outcome,
                                             TxDate           as_of);
GPtrArray  *tx_metrics_compute              (TxStore         *store,
                                             int              year,
                                             int              quarter,
                                             TxDate           today,
                                             TxMetrics      **total,
                                             GError         **error);
gboolean    tx_metrics_count_adoption       (TxStore         *store,
                                             int              year,
                                             guint            counts[4],
                                             GError         **error);
void        tx_metrics_free                 (TxMetrics       *metrics);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxMetrics, tx_metrics_free)

G_END_DECLS
