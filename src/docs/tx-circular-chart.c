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
 * print at TX_CHART_MIN_PRINT_SIZE or more, at 300 dots an inch, and at
 * TX_CHART_MIN_COMPACT_PRINT_SIZE or more when a city's townships are
 * too many for a row each: then compact, no taller than
 * TX_CIRCULAR_CHART_MAX_HEIGHT_CM, and in parts one under another when
 * even that does not hold them all (tx_circular_chart_split()).
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
  g_autoptr(GPtrArray) pages = NULL;
  double placed_width = TX_CIRCULAR_CHART_WIDTH_CM * POINTS_PER_CM;
  double width, max_height, page_height, scale;
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
  max_height = TX_CIRCULAR_CHART_MAX_HEIGHT_CM * POINTS_PER_CM * width / placed_width;
  pages = tx_chart_paginate (data, width, max_height);
  page_height = pages->len > 1 ? max_height
                               : tx_chart_get_height_within (g_ptr_array_index (pages, 0), width, max_height);
  scale = placed_width / 72.0 * DOTS_PER_INCH / width;
  png = tx_chart_render_pages_png (pages, width, page_height, scale, labels, error);
  if (png == NULL)
    return NULL;

  if (info != NULL)
    {
      const guint8 *bytes = g_bytes_get_data (png, NULL);

      info->width = width;
      info->scale = scale;
      info->png_width = GUINT32_FROM_BE (*(const guint32 *) (bytes + 16));
      info->png_height = GUINT32_FROM_BE (*(const guint32 *) (bytes + 20));
      info->height = pages->len > 1 ? info->png_height / scale : page_height;
      info->n_parts = pages->len;
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

static cairo_status_t
write_to_array (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Whether row @y of @image is white through. */
static gboolean
row_is_blank (cairo_surface_t *image,
              int              y)
{
  const guint8 *row = cairo_image_surface_get_data (image) + y * cairo_image_surface_get_stride (image);

  for (int x = 0; x < cairo_image_surface_get_width (image); x++)
    if ((((const guint32 *) row)[x] & 0xffffff) != 0xffffff)
      return FALSE;

  return TRUE;
}

/* The rows @top to @bottom of @image as a PNG. */
static GBytes *
cut_rows (cairo_surface_t *image,
          int              top,
          int              bottom)
{
  cairo_surface_t *part = cairo_image_surface_create (CAIRO_FORMAT_RGB24, cairo_image_surface_get_width (image),
                                                      bottom - top);
  cairo_t *cr = cairo_create (part);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_surface (cr, image, 0, -top);
  cairo_paint (cr);
  cairo_destroy (cr);
  if (cairo_surface_write_to_png_stream (part, write_to_array, png) != CAIRO_STATUS_SUCCESS)
    g_byte_array_set_size (png, 0);
  cairo_surface_destroy (part);

  return g_byte_array_free_to_bytes (png);
}

/**
 * tx_circular_chart_split:
 * @png: a chart from tx_circular_chart_render()
 *
 * The pictures a circular places @png as: the chart itself when it is
 * no taller than TX_CIRCULAR_CHART_MAX_HEIGHT_CM at its placed width;
 * else its parts, cut where tx_chart_render_pages_png() put them, each
 * without the paper under it.
 *
 * Returns: (transfer full) (element-type GBytes): PNGs, at least one
 */
GPtrArray *
tx_circular_chart_split (GBytes *png)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  double width_cm, height_cm, band;
  cairo_surface_t *image;
  int height;

  tx_circular_chart_get_placed_size (png, &width_cm, &height_cm);
  if (height_cm <= TX_CIRCULAR_CHART_MAX_HEIGHT_CM + 0.01)
    {
      g_ptr_array_add (parts, g_bytes_ref (png));
      return parts;
    }

  image = tx_chart_png_to_image (png);
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (image);
      g_ptr_array_add (parts, g_bytes_ref (png));
      return parts;
    }

  cairo_surface_flush (image);
  height = cairo_image_surface_get_height (image);
  band = cairo_image_surface_get_width (image) * TX_CIRCULAR_CHART_MAX_HEIGHT_CM / TX_CIRCULAR_CHART_WIDTH_CM;
  for (guint part = 0; floor (part * band) < height; part++)
    {
      int top = (int) floor (part * band);
      int bottom = MIN (height, (int) floor ((part + 1) * band));

      while (bottom > top + 1 && row_is_blank (image, bottom - 1))
        bottom--;
      g_ptr_array_add (parts, cut_rows (image, top, bottom));
    }
  cairo_surface_destroy (image);

  return parts;
}
