/* tx-circular-chart.c — the ledger chart of a circular
 *
 * A quarter once issued in a circular keeps the colours it was issued
 * with (tx_ledger_get() reads it frozen), whatever is recorded later;
 * the circular being issued shows its own quarter as it issues it, and
 * the quarters after it empty.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-circular-chart"

#include "config.h"

#include "tx-circular-chart.h"

/* The row of the township @name in the chart, or -1. */
static int
find_row (TxChartData *data,
          const char  *name)
{
  for (guint row = 0; row < data->rows->len; row++)
    if (g_strcmp0 (g_ptr_array_index (data->rows, row), name) == 0)
      return (int) row;

  return -1;
}

/* The column of @ledger's quarter, from @ledger: a township it does not
 * rate has no colour that quarter. */
static void
set_quarter (TxChartData *data,
             TxLedger    *ledger)
{
  int quarter = ledger->quarter;

  if (quarter < 1 || quarter > 4)
    return;

  for (guint row = 0; row < data->rows->len; row++)
    g_array_index (data->colors, int, row * 4 + quarter - 1) = -1;

  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);
      int row = find_row (data, entry->township_name);

      if (row >= 0)
        g_array_index (data->colors, int, row * 4 + quarter - 1) = entry->color;
    }
}

/**
 * tx_circular_chart_png:
 * @ledger: the ledger the circular issues
 *
 * The chart of a circular: the ledger chart of @ledger's year as of its
 * date, its quarter as @ledger has it, the quarters issued before as
 * they were issued, and the later ones empty.
 *
 * Returns: (transfer full): a PNG, or %NULL with @error set
 */
GBytes *
tx_circular_chart_png (TxStore   *store,
                       TxLedger  *ledger,
                       GError   **error)
{
  g_autoptr(TxChartData) data = NULL;

  g_return_val_if_fail (ledger != NULL, NULL);

  data = tx_chart_data_from_store (store, TX_CHART_LEDGER, ledger->year, ledger->as_of, error);
  if (data == NULL)
    return NULL;

  set_quarter (data, ledger);
  for (guint row = 0; row < data->rows->len; row++)
    for (int quarter = ledger->quarter + 1; quarter <= 4; quarter++)
      g_array_index (data->colors, int, row * 4 + quarter - 1) = -1;

  /* the size tongxin-cli's chart command draws it at */
  return tx_chart_render_png (data, 900, 120 + 44 * MAX (data->rows->len, 3));
}
