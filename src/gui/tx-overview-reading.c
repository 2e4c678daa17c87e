/* tx-overview-reading.c — what the Overview shows of a quarter, read
 * apart from the window
 *
 * The quarters begun, the ledger of the quarter and the charts of its
 * year.  A city's history takes a while to read: the Overview reads it
 * in a worker, on a connection of its own to the database, and the
 * window goes on meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-overview-page"

#include "config.h"

#include "tx-overview-reading.h"
#include "tx-records.h"

/**
 * tx_overview_reading_new:
 * @year: the quarter to read; 0 for the quarter of @today
 */
TxOverviewReading *
tx_overview_reading_new (TxDate today,
                         int    year,
                         int    quarter)
{
  TxOverviewReading *reading = g_new0 (TxOverviewReading, 1);

  reading->today = today;
  reading->year = year;
  reading->quarter = quarter;
  reading->keys = g_array_new (FALSE, FALSE, sizeof (int));
  reading->issued = g_array_new (FALSE, FALSE, sizeof (gboolean));

  return reading;
}

void
tx_overview_reading_free (TxOverviewReading *reading)
{
  if (reading == NULL)
    return;

  g_free (reading->path);
  g_clear_pointer (&reading->keys, g_array_unref);
  g_clear_pointer (&reading->issued, g_array_unref);
  g_clear_pointer (&reading->ledger, tx_ledger_free);
  for (guint i = 0; i < TX_OVERVIEW_N_CHARTS; i++)
    g_clear_pointer (&reading->charts[i], tx_chart_data_free);
  g_free (reading);
}

/* Every quarter begun, newest first, from the year of the first
 * consultation; the quarter asked for if it is one of them, else the
 * quarter of today. */
static gboolean
read_quarters (TxOverviewReading  *reading,
               TxStore            *store,
               GError            **error)
{
  g_autoptr(GArray) years = NULL;
  int current_year = tx_date_get_year (reading->today);
  int current_quarter = tx_date_get_quarter (reading->today);
  int first_year = current_year;
  guint position = 0;

  years = tx_store_list_consultation_years (store, error);
  if (years == NULL)
    return FALSE;
  for (guint i = 0; i < years->len; i++)
    {
      int year = g_array_index (years, int, i);

      if (year > 0 && year < first_year)
        first_year = year;
    }

  for (int year = current_year; year >= first_year; year--)
    for (int quarter = year == current_year ? current_quarter : 4; quarter >= 1; quarter--)
      {
        int key = year * 10 + quarter;
        gboolean issued = tx_ledger_is_issued (store, year, quarter);

        if (year == reading->year && quarter == reading->quarter)
          position = reading->keys->len;
        g_array_append_val (reading->keys, key);
        g_array_append_val (reading->issued, issued);
      }

  reading->year = g_array_index (reading->keys, int, position) / 10;
  reading->quarter = g_array_index (reading->keys, int, position) % 10;

  return TRUE;
}

/**
 * tx_overview_reading_read:
 *
 * Reads the quarters begun, the ledger of the quarter (as issued, or as
 * it stands today) and the charts of its year (the quarters issued as
 * they were issued): all or nothing.
 */
gboolean
tx_overview_reading_read (TxOverviewReading  *reading,
                          TxStore            *store,
                          GError            **error)
{
  static const TxChartKind kinds[TX_OVERVIEW_N_CHARTS] = {
    [TX_OVERVIEW_CHART_LEDGER] = TX_CHART_LEDGER,
    [TX_OVERVIEW_CHART_ADOPTION] = TX_CHART_ADOPTION,
    [TX_OVERVIEW_CHART_PLAN] = TX_CHART_PLAN,
    [TX_OVERVIEW_CHART_STAGES] = TX_CHART_STAGES,
  };

  if (!read_quarters (reading, store, error))
    return FALSE;

  reading->ledger = tx_ledger_get (store, reading->year, reading->quarter, reading->today, error);
  if (reading->ledger == NULL)
    return FALSE;

  for (guint i = 0; i < TX_OVERVIEW_N_CHARTS; i++)
    {
      reading->charts[i] = tx_chart_data_from_store (store, kinds[i], reading->year, reading->today, error);
      if (reading->charts[i] == NULL)
        return FALSE;
    }

  return TRUE;
}

/* In a worker, on a connection of its own, read-only. */
static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  TxOverviewReading *reading = task_data;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = tx_store_open_full (reading->path, TX_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL || !tx_overview_reading_read (reading, store, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * tx_overview_reading_read_in_thread:
 * @reading: (transfer full): what to read
 * @path: the database, opened again, read-only, in a worker
 *
 * Reads as tx_overview_reading_read() does, apart from the window.
 */
void
tx_overview_reading_read_in_thread (TxOverviewReading   *reading,
                                    const char          *path,
                                    gpointer             source_object,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source_object, cancellable, callback, user_data);

  reading->path = g_strdup (path);
  g_task_set_source_tag (task, tx_overview_reading_read_in_thread);
  g_task_set_task_data (task, reading, (GDestroyNotify) tx_overview_reading_free);
  g_task_run_in_thread (task, read_in_thread);
}

/**
 * tx_overview_reading_finish:
 *
 * Returns: (transfer none): what was read (the quarters may be there
 *   when the rest could not be read); %NULL when cancelled
 */
TxOverviewReading *
tx_overview_reading_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), &local_error))
    {
      gboolean cancelled = g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      g_propagate_error (error, g_steal_pointer (&local_error));
      if (cancelled)
        return NULL;
    }

  return g_task_get_task_data (G_TASK (result));
}
