/* tx-circular-chart.h — the ledger chart of a circular
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-chart.h"
#include "tx-ledger.h"

G_BEGIN_DECLS

/* The chart goes across the text block of the circular's A4 page
 * (210 mm less the GB/T 9704 margins of 28 and 26 mm). */
#define TX_CIRCULAR_CHART_WIDTH_CM 15.6

/* And it is at most this tall, to go under a heading on a page of its
 * own (the text block is 22.5 cm tall, a line of body text 1.02 cm):
 * a city's ledger is drawn compact to fit it, and in parts, one under
 * another, when even that is too tall (tx_circular_chart_split()). */
#define TX_CIRCULAR_CHART_MAX_HEIGHT_CM 21.0

/* How a circular's chart is drawn and placed. */
typedef struct {
  double width, height;          /* drawn at, in chart units */
  double scale;                  /* PNG pixels a chart unit */
  guint  png_width, png_height;  /* in pixels */
  double width_cm, height_cm;    /* placed at, in the document */
  double smallest_label;         /* its smallest label's font size, in chart units */
  double smallest_label_pt;      /* the same, printed at the placed size, in points */
  guint  n_parts;                /* the pictures it is placed as (tx_circular_chart_split()) */
} TxCircularChartInfo;

GBytes      *tx_circular_chart_png              (TxStore              *store,
                                                 TxLedger             *ledger,
                                                 GError              **error);
GBytes      *tx_circular_chart_render           (TxStore              *store,
                                                 TxLedger             *ledger,
                                                 TxCircularChartInfo  *info,
                                                 GError              **error);
void         tx_circular_chart_get_placed_size  (GBytes               *png,
                                                 double               *width_cm,
                                                 double               *height_cm);
GPtrArray   *tx_circular_chart_split            (GBytes               *png);

G_END_DECLS
