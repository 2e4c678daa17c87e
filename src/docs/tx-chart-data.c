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

/* Each township's colour in each quarter begun by @today: as issued in
 * the quarter's circular, else as the data stand (tx_ledger_get). */
static gboolean
fill_ledger (TxChartData *data,
             TxStore     *store,
             int          year,
             TxDate       today,
             GError     **error)
{
  g_autoptr(GPtrArray) townships = tx_store_list_townships (store, error);
  int current_year = tx_date_get_year (today);
  int current_quarter = tx_date_get_quarter (today);

  if (townships == NULL)
    return FALSE;

  for (guint t = 0; t < townships->len; t++)
    {
      static const int none[4] = { -1, -1, -1, -1 };

      g_ptr_array_add (data->rows, g_strdup (tx_township_get_name (g_ptr_array_index (townships, t))));
      g_array_append_vals (data->colors, none, 4);
    }

  for (int q = 1; q <= 4; q++)
    {
      g_autoptr(TxLedger) ledger = NULL;

      /* a quarter not begun has no colour yet */
      if (year > current_year || (year == current_year && q > current_quarter))
        continue;

      ledger = tx_ledger_get (store, year, q, today, error);
      if (ledger == NULL)
        return FALSE;

      for (guint i = 0; i < ledger->entries->len; i++)
        {
          TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

          /* by uuid: a township renamed since the circular keeps its row */
          for (guint t = 0; t < townships->len; t++)
            if (g_strcmp0 (tx_township_get_uuid (g_ptr_array_index (townships, t)), entry->township_uuid) == 0)
              g_array_index (data->colors, int, t * 4 + q - 1) = entry->color;
        }
    }

  return TRUE;
}

static gboolean
fill_plan (TxChartData *data,
           TxStore     *store,
           int          year,
           TxDate       today,
           GError     **error)
{
  g_autoptr(TxLedger) ledger = NULL;
  int current_year = tx_date_get_year (today);

  ledger = tx_ledger_get (store, year, year < current_year ? 4 : tx_date_get_quarter (today), today, error);
  if (ledger == NULL)
    return FALSE;

  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);
      double held = entry->held;
      double planned = entry->planned < 0 ? -1 : entry->planned;   /* -1: no plan */

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
               TxDate       today,
               GError     **error)
{
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(TxMetrics) total = NULL;
  guint counts[4];

  if (!tx_metrics_count_adoption (store, year, counts, error))
    return FALSE;
  for (guint a = 0; a < G_N_ELEMENTS (counts); a++)
    data->adoption[a] += counts[a];

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
 * @today: the day to judge on
 *
 * Returns: (transfer full): the chart of @year as it stands on @today,
 *   with the quarters issued in a circular as they were issued
 */
TxChartData *
tx_chart_data_from_store (TxStore      *store,
                          TxChartKind   kind,
                          int           year,
                          TxDate        today,
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
