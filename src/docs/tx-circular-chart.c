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

#include <math.h>
#include <string.h>

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

/* The resolution of the chart's picture at its placed size. */
#define DOTS_PER_INCH 300.0
#define POINTS_PER_CM (72.0 / 2.54)

/**
 * tx_circular_chart_render:
 * @ledger: the ledger the circular issues
 * @info: (out caller-allocates) (optional): how it is drawn and placed
 *
 * The chart of a circular: the ledger chart of @ledger's year as of its
 * date, its quarter as @ledger has it, the quarters issued before as
 * they were issued, and the later ones empty.  It is drawn for its
 * place in the document, TX_CIRCULAR_CHART_WIDTH_CM wide
 * (tx_circular_chart_get_placed_size()): narrow enough that its labels
 * print at TX_CHART_MIN_PRINT_SIZE or more, at 300 dots an inch.
 *
 * Returns: (transfer full): a PNG, or %NULL with @error set
 */
GBytes *
tx_circular_chart_render (TxStore              *store,
                          TxLedger             *ledger,
                          TxCircularChartInfo  *info,
                          GError              **error)
{
  g_autoptr(TxChartData) data = NULL;
  g_autoptr(GPtrArray) labels = tx_chart_labels_new ();
  double placed_width = TX_CIRCULAR_CHART_WIDTH_CM * POINTS_PER_CM;
  double width, height, scale;
  GBytes *png;

  g_return_val_if_fail (ledger != NULL, NULL);

  data = tx_chart_data_from_store (store, TX_CHART_LEDGER, ledger->year, ledger->as_of, error);
  if (data == NULL)
    return NULL;

  set_quarter (data, ledger);
  for (guint row = 0; row < data->rows->len; row++)
    for (int quarter = ledger->quarter + 1; quarter <= 4; quarter++)
      g_array_index (data->colors, int, row * 4 + quarter - 1) = -1;

  width = tx_chart_get_print_width (placed_width);
  height = tx_chart_get_height (data);
  scale = placed_width / 72.0 * DOTS_PER_INCH / width;
  png = tx_chart_render_png (data, width, height, scale, labels, error);
  if (png == NULL)
    return NULL;

  if (info != NULL)
    {
      info->width = width;
      info->height = height;
      info->scale = scale;
      info->png_width = (guint) ceil (width * scale);
      info->png_height = (guint) ceil (height * scale);
      tx_circular_chart_get_placed_size (png, &info->width_cm, &info->height_cm);
      info->smallest_label = G_MAXDOUBLE;
      for (guint i = 0; i < labels->len; i++)
        info->smallest_label = MIN (info->smallest_label, ((TxChartLabel *) g_ptr_array_index (labels, i))->size);
      info->smallest_label_pt = info->smallest_label * scale / info->png_width
                                * info->width_cm * POINTS_PER_CM;
    }

  return png;
}

/**
 * tx_circular_chart_png:
 *
 * As tx_circular_chart_render(), without saying how.
 *
 * Returns: (transfer full): a PNG, or %NULL with @error set
 */
GBytes *
tx_circular_chart_png (TxStore   *store,
                       TxLedger  *ledger,
                       GError   **error)
{
  return tx_circular_chart_render (store, ledger, NULL, error);
}

/**
 * tx_circular_chart_get_placed_size:
 * @png: a chart from tx_circular_chart_render()
 *
 * The size the circular places @png at, the size its labels were drawn
 * for: TX_CIRCULAR_CHART_WIDTH_CM wide, as tall as its proportions
 * (from the PNG header, IHDR) make it.
 */
void
tx_circular_chart_get_placed_size (GBytes *png,
                                   double *width_cm,
                                   double *height_cm)
{
  gsize size;
  const guint8 *bytes = g_bytes_get_data (png, &size);
  double aspect = 0.55;

  if (size > 24 && memcmp (bytes, "\x89PNG", 4) == 0)
    {
      guint32 width = GUINT32_FROM_BE (*(const guint32 *) (bytes + 16));
      guint32 height = GUINT32_FROM_BE (*(const guint32 *) (bytes + 20));

      if (width > 0)
        aspect = (double) height / width;
    }

  *width_cm = TX_CIRCULAR_CHART_WIDTH_CM;
  *height_cm = TX_CIRCULAR_CHART_WIDTH_CM * aspect;
}
