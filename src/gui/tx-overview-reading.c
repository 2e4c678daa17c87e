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

#include <glib/gi18n.h>

#include "tx-activity.h"
#include "tx-office.h"
#include "tx-overview-reading.h"
#include "tx-settings.h"
#include "tx-records.h"
#include "tx-text-rows.h"

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

  g_clear_error (&reading->error);
  g_clear_pointer (&reading->keys, g_array_unref);
  g_clear_pointer (&reading->issued, g_array_unref);
  g_clear_pointer (&reading->ledger, tx_ledger_free);
  for (guint i = 0; i < TX_OVERVIEW_N_CHARTS; i++)
    g_clear_pointer (&reading->charts[i], tx_chart_data_free);
  g_clear_pointer (&reading->receipts, g_ptr_array_unref);
  g_clear_pointer (&reading->untrained, g_ptr_array_unref);
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

/* What the city's Overview says of a township's last file */
static TxTextRow *
describe_receipt (const TxReceipt *receipt,
                  TxDate           today,
                  int              stale_days)
{
  g_autofree char *received = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *subtitle = NULL;
  int age = tx_receipt_get_age (receipt, today);

  if (receipt->received_at == NULL)
    return tx_text_row_new (receipt->name, _("No file received yet"), FALSE);

  received = tx_timestamp_format_local (receipt->received_at);
  as_of = tx_timestamp_format_local (receipt->exported);
  /* Translators: when a township's last file came, as of when its data are, and whether it held everything */
  subtitle = g_strdup_printf (receipt->complete ? _("Received %s · data as of %s · everything")
                                                : _("Received %s · data as of %s · the changes since the file before"),
                              received, as_of);
  if (stale_days > 0 && age > stale_days)
    {
      g_autofree char *old = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No data sent for %d day · %s",
                                                           "No data sent for %d days · %s", age),
                                              age, subtitle);

      return tx_text_row_new (receipt->name, old, TRUE);
    }

  return tx_text_row_new (receipt->name, subtitle, FALSE);
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

  /* the city's: how recent its data of each township are */
  if (g_strcmp0 (tx_settings_get_office_kind (tx_store_get_settings (store)), "city") == 0)
    {
      int stale_days = tx_settings_get_stale_days (tx_store_get_settings (store));
      g_autoptr(GPtrArray) receipts = tx_office_list_receipts (store, error);

      if (receipts == NULL)
        return FALSE;
      reading->receipts = g_ptr_array_new_full (receipts->len, (GDestroyNotify) tx_text_row_free);
      for (guint i = 0; i < receipts->len; i++)
        g_ptr_array_add (reading->receipts, describe_receipt (g_ptr_array_index (receipts, i), reading->today,
                                                              stale_days));
    }

  /* who has held a post too long without a training, judged today */
  reading->training_days = tx_settings_get_training_days (tx_store_get_settings (store));
  reading->untrained_in_ledger = tx_settings_get_untrained_rule (tx_store_get_settings (store)) &&
                                 g_strcmp0 (tx_settings_get_office_kind (tx_store_get_settings (store)), "city") == 0;
  reading->untrained = tx_activity_list_untrained (store, reading->today, reading->training_days, error);
  if (reading->untrained == NULL)
    return FALSE;

  return TRUE;
}

/* In a worker, on a connection of its own (tx_store_read_apart()):
 * @params is the TxOverviewReading asked for (only its day and quarter
 * are read); what could not be read is in the reading returned. */
static gpointer
read_apart (TxStore   *store,
            gpointer   params,
            GError   **error)
{
  const TxOverviewReading *asked = params;
  TxOverviewReading *reading = tx_overview_reading_new (asked->today, asked->year, asked->quarter);

  tx_overview_reading_read (reading, store, &reading->error);

  return reading;
}

/**
 * tx_overview_reading_read_apart:
 * @reading: (transfer full): what to read
 *
 * Reads as tx_overview_reading_read() does, apart from the window, on a
 * connection of its own to the database of @store.
 */
void
tx_overview_reading_read_apart (TxOverviewReading   *reading,
                                TxStore             *store,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  tx_store_read_apart (store, read_apart, reading, (GDestroyNotify) tx_overview_reading_free,
                       (GDestroyNotify) tx_overview_reading_free, cancellable, callback, user_data);
}

/**
 * tx_overview_reading_finish:
 *
 * Returns: (transfer full): what was read (the quarters may be there
 *   when the rest could not be read: its error says why); %NULL with
 *   @error set when the database could not be opened, or the reading
 *   was cancelled
 */
TxOverviewReading *
tx_overview_reading_finish (TxStore       *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  return tx_store_read_apart_finish (store, result, error);
}
