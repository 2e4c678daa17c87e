/* tx-chart.h — the charts of the dashboard and the circular, in Cairo
 *
 * Each chart is a pure function of (cairo_t, size, data): the dashboard
 * widget, the PNG/SVG/PDF files and the circular all draw through it.
 * Every line of text a chart draws passes through one function, which
 * paints it with Pango and can list it (TxChartLabel): an SVG file
 * carries the list as <text>, so its words stay words, not outlines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "tx-date.h"
#include "tx-store.h"
#include "tx-types.h"

G_BEGIN_DECLS

typedef enum {
  TX_CHART_LEDGER,     /* township × quarter, the colour of each */
  TX_CHART_PLAN,       /* consultations held against the plan */
  TX_CHART_STAGES,     /* consultations by current stage */
  TX_CHART_ADOPTION,   /* adoption and the three zeros */
} TxChartKind;

typedef struct {
  TxChartKind  kind;
  char        *title;
  /* ledger: rows × 4 colours (TxColor, or -1 for a quarter not begun) */
  GPtrArray   *rows;          /* char *, row labels */
  GArray      *colors;        /* int, rows × 4 */
  /* bars: plan, stages */
  GArray      *values;        /* double, one a row */
  GArray      *targets;       /* double, one a row (-1: no plan), or empty */
  /* adoption: counts of each TxAdoption, then the three rates (0–1 or -1) */
  guint        adoption[4];
  double       rates[3];
} TxChartData;

typedef struct {
  double x, y, width, height;
} TxChartRect;

/* One line of text of a chart, as drawn. */
typedef struct {
  char     *text;                 /* as drawn: cleaned, cut with “…” */
  double    x, y;                 /* its anchor, on the baseline, in chart units */
  double    size;                 /* the font size, in chart units */
  double    align;                /* where x is: 0 its start, 0.5 its middle, 1 its end */
  gboolean  bold;
  double    red, green, blue;
} TxChartLabel;

/* The page of a chart written as PDF. */
typedef enum {
  TX_CHART_PAGE_A4,               /* A4 portrait, the chart centred within the
                                   * GB/T 9704 margins: the default */
  TX_CHART_PAGE_A4_LANDSCAPE,     /* A4 landscape, the same margins */
  TX_CHART_PAGE_CHART,            /* a page the size of the chart */
} TxChartPage;

/* The smallest size a label of a chart prints at on paper, in points:
 * 五号, the smallest size of a document's text. */
#define TX_CHART_MIN_PRINT_SIZE 10.5

/* The smallest size a label of a compact ledger (a city's, its
 * townships in blocks side by side: tx_chart_get_height_within())
 * prints at, in points: 小五. */
#define TX_CHART_MIN_COMPACT_PRINT_SIZE 9.0

TxChartData *tx_chart_data_new        (TxChartKind          kind,
                                       const char          *title);
void         tx_chart_data_free       (TxChartData         *data);
gboolean     tx_chart_kind_from_name  (const char          *name,
                                       TxChartKind         *kind);
void         tx_chart_draw            (cairo_t             *cr,
                                       double               width,
                                       double               height,
                                       const TxChartData   *data);
void         tx_chart_draw_full       (cairo_t             *cr,
                                       double               width,
                                       double               height,
                                       const TxChartData   *data,
                                       gboolean             paint_text,
                                       GPtrArray           *labels);
GPtrArray   *tx_chart_labels_new      (void);
double       tx_chart_get_height      (const TxChartData   *data);
double       tx_chart_get_height_within (const TxChartData *data,
                                         double             width,
                                         double             max_height);
double       tx_chart_get_print_width (double               placed_width);
GPtrArray   *tx_chart_paginate        (const TxChartData   *data,
                                       double               width,
                                       double               max_height);
TxChartRect  tx_chart_ledger_cell     (double               width,
                                       double               height,
                                       guint                n_rows,
                                       guint                row,
                                       guint                quarter);
void         tx_chart_color_rgb       (TxColor              color,
                                       double              *r,
                                       double              *g,
                                       double              *b);
TxChartData *tx_chart_data_from_store (TxStore             *store,
                                       TxChartKind          kind,
                                       int                  year,
                                       TxDate               today,
                                       GError             **error);
GBytes      *tx_chart_render_png      (const TxChartData   *data,
                                       double               width,
                                       double               height,
                                       double               scale,
                                       GPtrArray           *labels,
                                       GError             **error);
GBytes      *tx_chart_render_pages_png (GPtrArray         *pages,
                                        double             width,
                                        double             page_height,
                                        double             scale,
                                        GPtrArray         *labels,
                                        GError           **error);
cairo_surface_t *tx_chart_png_to_image (GBytes            *png);
gboolean     tx_chart_page_from_name  (const char          *name,
                                       TxChartPage         *page);
gboolean     tx_chart_write           (const TxChartData   *data,
                                       const char          *path,
                                       TxChartPage          page,
                                       GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxChartData, tx_chart_data_free)

G_END_DECLS
