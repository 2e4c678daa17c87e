/* tx-metrics.c
 *
 * 反馈对象零遗漏: every submitted recommendation gets feedback;
 * 监督范围零死角: every adopted one is supervised before, during and after;
 * 转化利用零克扣: adopted ones are carried out in full.
 * Counted over the recommendations submitted in the period, as things
 * stood at its end (or today while it runs).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-metrics"

#include "config.h"

#include "tx-metrics.h"
#include "tx-records.h"

static double
rate (guint part,
      guint whole)
{
  return whole > 0 ? (double) part / whole : -1.0;
}

double
tx_metrics_feedback_rate (const TxMetrics *metrics)
{
  return rate (metrics->answered, metrics->submitted);
}

double
tx_metrics_supervision_coverage (const TxMetrics *metrics)
{
  return rate (metrics->supervised, metrics->adopted);
}

double
tx_metrics_implementation_rate (const TxMetrics *metrics)
{
  return rate (metrics->implemented, metrics->adopted);
}

/**
 * tx_metrics_add_outcome:
 * @as_of: what happened after it does not count
 *
 * Counts one submitted recommendation.
 */
void
tx_metrics_add_outcome (TxMetrics  *metrics,
                        TxOutcome  *outcome,
                        TxDate      as_of)
{
  TxDate received = tx_date_from_iso (tx_outcome_get_feedback_received (outcome));
  TxAdoption adoption = tx_outcome_get_adoption (outcome);
  gboolean phases[3] = { FALSE, FALSE, FALSE };
  GPtrArray *supervisions;

  metrics->submitted++;

  if (received == TX_DATE_NONE || received > as_of)
    return;
  metrics->answered++;

  if (adoption != TX_ADOPTION_ADOPTED && adoption != TX_ADOPTION_PARTLY_ADOPTED)
    return;
  metrics->adopted++;

  supervisions = tx_outcome_get_supervisions (outcome);
  for (guint i = 0; i < supervisions->len; i++)
    {
      TxSupervision *supervision = g_ptr_array_index (supervisions, i);

      if (supervision->date == NULL || tx_date_from_iso (supervision->date) <= as_of)
        phases[supervision->phase] = TRUE;
    }
  if (phases[TX_SUPERVISION_BEFORE] && phases[TX_SUPERVISION_DURING] && phases[TX_SUPERVISION_AFTER])
    metrics->supervised++;

  if (tx_outcome_get_progress (outcome) >= 100)
    metrics->implemented++;
}

void
tx_metrics_free (TxMetrics *metrics)
{
  if (metrics == NULL)
    return;

  g_free (metrics->township_uuid);
  g_free (metrics->township_name);
  g_free (metrics);
}

/**
 * tx_metrics_compute:
 * @quarter: 1 to 4, or 0 for the whole year
 * @total: (out) (optional): all townships together
 *
 * Returns: (transfer full) (element-type TxMetrics): one a township
 */
GPtrArray *
tx_metrics_compute (TxStore     *store,
                    int          year,
                    int          quarter,
                    TxDate       today,
                    TxMetrics  **total,
                    GError     **error)
{
  g_autoptr(GPtrArray) townships = NULL;
  g_autoptr(GPtrArray) consultations = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GHashTable) township_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_metrics_free);
  TxMetrics *all;
  TxDate from, to, as_of;

  g_return_val_if_fail (quarter >= 0 && quarter <= 4, NULL);

  from = tx_date_quarter_start (year, MAX (quarter, 1));
  to = tx_date_quarter_end (year, quarter > 0 ? quarter : 4);
  as_of = MIN (today, to);
  all = g_new0 (TxMetrics, 1);

  townships = tx_store_list_townships (store, error);
  consultations = townships ? tx_store_list_consultations (store, 0, NULL, error) : NULL;
  outcomes = consultations ? tx_store_list_outcomes (store, NULL, error) : NULL;
  if (outcomes == NULL)
    {
      tx_metrics_free (all);
      return NULL;
    }

  for (guint i = 0; i < townships->len; i++)
    {
      TxTownship *township = g_ptr_array_index (townships, i);
      TxMetrics *metrics = g_new0 (TxMetrics, 1);

      metrics->township_uuid = g_strdup (tx_township_get_uuid (township));
      metrics->township_name = g_strdup (tx_township_get_name (township));
      g_ptr_array_add (result, metrics);
    }

  for (guint i = 0; i < consultations->len; i++)
    {
      TxConsultation *consultation = g_ptr_array_index (consultations, i);

      for (guint t = 0; t < result->len; t++)
        if (g_strcmp0 (((TxMetrics *) g_ptr_array_index (result, t))->township_uuid,
                       tx_consultation_get_township_uuid (consultation)) == 0)
          g_hash_table_insert (township_of, (gpointer) tx_consultation_get_uuid (consultation),
                               g_ptr_array_index (result, t));
    }

  for (guint i = 0; i < outcomes->len; i++)
    {
      TxOutcome *outcome = g_ptr_array_index (outcomes, i);
      TxDate submitted = tx_date_from_iso (tx_outcome_get_submitted (outcome));
      TxMetrics *metrics;

      if (submitted == TX_DATE_NONE || submitted < from || submitted > as_of)
        continue;

      metrics = g_hash_table_lookup (township_of, tx_outcome_get_consultation_uuid (outcome));
      if (metrics != NULL)
        tx_metrics_add_outcome (metrics, outcome, as_of);
      tx_metrics_add_outcome (all, outcome, as_of);
    }

  if (total != NULL)
    *total = all;
  else
    tx_metrics_free (all);

  return g_steal_pointer (&result);
}
