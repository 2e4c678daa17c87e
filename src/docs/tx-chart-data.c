/* tx-chart-data.c — what each chart shows, read from the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-chart-data"

#include "config.h"

#include "tx-chart.h"
#include "tx-ledger.h"
#include "tx-metrics.h"
#include "tx-records.h"

static const char * const stage_names[] = { "选题", "调研", "协商", "报送", "反馈", "监督", "已完成" };

static gboolean
fill_ledger (TxChartData *data,
             TxStore     *store,
             int          year,
             const char  *today,
             GError     **error)
{
  TxLedger *ledgers[4] = { NULL, };
  int current_year, current_quarter;
  gboolean ok = TRUE;

  tx_ledger_quarter_of (today, &current_year, &current_quarter);

  for (int q = 1; q <= 4 && ok; q++)
    {
      /* a quarter not begun has no colour yet */
      if (year > current_year || (year == current_year && q > current_quarter))
        continue;
      ledgers[q - 1] = tx_ledger_compute (store, year, q, today, error);
      ok = ledgers[q - 1] != NULL;
    }

  if (ok)
    {
      g_autoptr(GPtrArray) townships = tx_store_list_townships (store, error);

      for (guint t = 0; townships != NULL && t < townships->len; t++)
        {
          g_ptr_array_add (data->rows, g_strdup (tx_township_get_name (g_ptr_array_index (townships, t))));
          for (int q = 0; q < 4; q++)
            {
              int color = -1;

              if (ledgers[q] != NULL && t < ledgers[q]->entries->len)
                color = ((TxLedgerEntry *) g_ptr_array_index (ledgers[q]->entries, t))->color;
              g_array_append_val (data->colors, color);
            }
        }
      ok = townships != NULL;
    }

  for (int q = 0; q < 4; q++)
    tx_ledger_free (ledgers[q]);

  return ok;
}

static gboolean
fill_plan (TxChartData *data,
           TxStore     *store,
           int          year,
           const char  *today,
           GError     **error)
{
  g_autoptr(TxLedger) ledger = NULL;
  int current_year, quarter;

  tx_ledger_quarter_of (today, &current_year, &quarter);
  ledger = tx_ledger_compute (store, year, year < current_year ? 4 : quarter, today, error);
  if (ledger == NULL)
    return FALSE;

  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);
      double held = entry->held;
      double planned = MAX (entry->planned, 0);

      g_ptr_array_add (data->rows, g_strdup (entry->township_name));
      g_array_append_val (data->values, held);
      g_array_append_val (data->targets, planned);
    }

  return TRUE;
}

static gboolean
fill_stages (TxChartData *data,
             TxStore     *store,
             int          year,
             GError     **error)
{
  g_autoptr(GPtrArray) consultations = tx_store_list_consultations (store, year, NULL, error);
  double counts[TX_N_STAGES + 1] = { 0, };

  if (consultations == NULL)
    return FALSE;

  for (guint i = 0; i < consultations->len; i++)
    counts[tx_consultation_get_current_stage (g_ptr_array_index (consultations, i))]++;

  for (guint s = 0; s <= TX_N_STAGES; s++)
    {
      g_ptr_array_add (data->rows, g_strdup (stage_names[s]));
      g_array_append_val (data->values, counts[s]);
    }

  return TRUE;
}

static gboolean
fill_adoption (TxChartData *data,
               TxStore     *store,
               int          year,
               const char  *today,
               GError     **error)
{
  g_autoptr(GPtrArray) outcomes = tx_store_list_outcomes (store, NULL, error);
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(TxMetrics) total = NULL;
  g_autofree char *prefix = g_strdup_printf ("%04d-", year);

  if (outcomes == NULL)
    return FALSE;

  for (guint i = 0; i < outcomes->len; i++)
    {
      TxOutcome *outcome = g_ptr_array_index (outcomes, i);

      if (tx_outcome_get_submitted (outcome) != NULL &&
          g_str_has_prefix (tx_outcome_get_submitted (outcome), prefix))
        data->adoption[tx_outcome_get_adoption (outcome)]++;
    }

  metrics = tx_metrics_compute (store, year, 0, today, &total, error);
  if (metrics == NULL)
    return FALSE;

  data->rates[0] = tx_metrics_feedback_rate (total);
  data->rates[1] = tx_metrics_supervision_coverage (total);
  data->rates[2] = tx_metrics_implementation_rate (total);

  return TRUE;
}

/**
 * tx_chart_data_from_store:
 * @today: YYYY-MM-DD
 *
 * Returns: (transfer full): the chart of @year as it stands on @today
 */
TxChartData *
tx_chart_data_from_store (TxStore      *store,
                          TxChartKind   kind,
                          int           year,
                          const char   *today,
                          GError      **error)
{
  static const char * const titles[] = {
    "%d年各乡镇（街道）预警情况", "%d年协商计划完成情况（已开展/计划）",
    "%d年协商活动所处环节", "%d年协商建言采纳情况与“三零”指标",
  };
  g_autofree char *title = g_strdup_printf (titles[kind], year);
  g_autoptr(TxChartData) data = tx_chart_data_new (kind, title);
  gboolean ok = FALSE;

  switch (kind)
    {
    case TX_CHART_LEDGER:
      ok = fill_ledger (data, store, year, today, error);
      break;
    case TX_CHART_PLAN:
      ok = fill_plan (data, store, year, today, error);
      break;
    case TX_CHART_STAGES:
      ok = fill_stages (data, store, year, error);
      break;
    case TX_CHART_ADOPTION:
      ok = fill_adoption (data, store, year, today, error);
      break;
    default:
      g_assert_not_reached ();
    }

  return ok ? g_steal_pointer (&data) : NULL;
}
