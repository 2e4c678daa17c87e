/* tx-chart.c
 *
 * Colours are never the only signal: every colour cell carries its
 * word (绿/黄/红) and a mark (✓ ! ✕) — the word alone in a cell of a
 * compact ledger too narrow for both — so the charts read the same to a
 * red-green colour-blind reader and on a black-and-white printer.  Text
 * is in Chinese, as in the documents.
 *
 * On paper every label stays legible: a city's ledger, too many
 * townships for a row each down an A4 page, is drawn compact, its
 * townships in blocks side by side, and the ledger and the plan run on
 * over pages when even that does not hold them (tx_chart_paginate()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-chart"

#include "config.h"

#include <math.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "tx-chart.h"
#include "tx-doc-file.h"
#include "tx-doc-format.h"
#include "tx-file.h"

#define FONT "Noto Sans CJK SC, Sans"
/* The smallest text of a chart (the ledger's quarters, axis numbers,
 * counts): 11 pt on an A4 page or in the circular */
#define SMALLEST_LABEL 14.0
#define SVG_FONT "Noto Sans CJK SC, sans-serif"
#define MARGIN 24.0
#define TITLE_HEIGHT 44.0

/* Where a chart is drawn: its text painted with Pango, or listed
 * (TxChartLabel) for an SVG's <text>, or both. */
typedef struct {
  cairo_t   *cr;
  gboolean   paint_text;
  GPtrArray *labels;        /* TxChartLabel, or NULL */
} Canvas;

static const char * const color_words[] = { "绿", "黄", "红" };
static const char * const color_marks[] = { "✓", "!", "✕" };
static const char * const adoption_names[] = { "待采纳", "采纳", "部分采纳", "未采纳" };
static const char * const rate_names[] = { "反馈率", "监督覆盖率", "转化落实率" };

TxChartData *
tx_chart_data_new (TxChartKind  kind,
                   const char  *title)
{
  TxChartData *data = g_new0 (TxChartData, 1);

  data->kind = kind;
  data->title = g_strdup (title);
  data->rows = g_ptr_array_new_with_free_func (g_free);
  data->colors = g_array_new (FALSE, FALSE, sizeof (int));
  data->values = g_array_new (FALSE, FALSE, sizeof (double));
  data->targets = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < 3; i++)
    data->rates[i] = -1;

  return data;
}

void
tx_chart_data_free (TxChartData *data)
{
  if (data == NULL)
    return;

  g_free (data->title);
  g_ptr_array_unref (data->rows);
  g_array_unref (data->colors);
  g_array_unref (data->values);
  g_array_unref (data->targets);
  g_free (data);
}

gboolean
tx_chart_kind_from_name (const char  *name,
                         TxChartKind *kind)
{
  static const char * const names[] = { "ledger", "plan", "stages", "adoption" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i]) == 0)
      {
        *kind = (TxChartKind) i;
        return TRUE;
      }

  return FALSE;
}

void
tx_chart_color_rgb (TxColor  color,
                    double  *r,
                    double  *g,
                    double  *b)
{
  switch (color)
    {
    case TX_COLOR_RED:
      *r = 0.84; *g = 0.22; *b = 0.20;
      break;
    case TX_COLOR_YELLOW:
      *r = 0.96; *g = 0.76; *b = 0.05;
      break;
    case TX_COLOR_GREEN:
    default:
      *r = 0.18; *g = 0.62; *b = 0.35;
      break;
    }
}

static void
label_free (TxChartLabel *label)
{
  g_free (label->text);
  g_free (label);
}

/**
 * tx_chart_labels_new:
 *
 * Returns: (transfer full): an empty list for tx_chart_draw_full() to
 *   fill with TxChartLabel
 */
GPtrArray *
tx_chart_labels_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) label_free);
}

static PangoLayout *
create_layout (cairo_t    *cr,
               double      size,
               gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_auto_dir (layout, FALSE);
  pango_font_description_free (font);

  return layout;
}

/* Sets @string in @layout, cut with "…" to the longest start that fits
 * in @max_width (0: no limit); returns the text set. */
static char *
set_fitting_text (PangoLayout *layout,
                  const char  *string,
                  double       max_width)
{
  glong length = g_utf8_strlen (string, -1);
  glong fits = 0, fails = length;
  int width;

  pango_layout_set_text (layout, string, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);
  if (max_width <= 0 || width <= max_width)
    return g_strdup (string);

  /* the longest start that fits with its "…", found by halving */
  while (fails - fits > 1)
    {
      glong middle = (fits + fails) / 2;
      g_autofree char *start = g_utf8_substring (string, 0, middle);
      g_autofree char *cut = g_strconcat (start, "…", NULL);

      pango_layout_set_text (layout, cut, -1);
      pango_layout_get_pixel_size (layout, &width, NULL);
      if (width <= max_width)
        fits = middle;
      else
        fails = middle;
    }

  {
    g_autofree char *start = g_utf8_substring (string, 0, fits);
    char *cut = g_strconcat (start, "…", NULL);

    pango_layout_set_text (layout, cut, -1);
    return cut;
  }
}

/* One line of text, cleaned of control and bidi characters (a township
 * name comes from the records) and cut with "…" when wider than
 * @max_width (0: no limit), so a long name never runs into the bars;
 * its middle is at @y.  Every text of a chart is drawn here: painted
 * in the current colour, and listed when the canvas lists them. */
static void
text (Canvas     *canvas,
      const char *string,
      double      x,
      double      y,
      double      size,
      gboolean    bold,
      double      align,   /* 0 left, 0.5 centre, 1 right of x */
      double      max_width)
{
  cairo_t *cr = canvas->cr;
  g_autoptr(PangoLayout) layout = create_layout (cr, size, bold);
  g_autofree char *clean = tx_doc_clean_text (string, TX_DOC_TEXT_ONE_LINE);
  g_autofree char *shown = set_fitting_text (layout, clean, max_width);
  int width, height;
  double top;

  pango_layout_get_pixel_size (layout, &width, &height);
  top = y - height / 2.0;

  if (canvas->paint_text)
    {
      cairo_move_to (cr, x - width * align, top);
      pango_cairo_show_layout (cr, layout);
      cairo_new_path (cr);
    }

  if (canvas->labels != NULL && shown[0] != '\0')
    {
      TxChartLabel *label = g_new0 (TxChartLabel, 1);
      double alpha;

      label->text = g_steal_pointer (&shown);
      label->x = x;
      label->y = top + (double) pango_layout_get_baseline (layout) / PANGO_SCALE;
      label->size = size;
      label->align = align;
      label->bold = bold;
      if (cairo_pattern_get_rgba (cairo_get_source (cr), &label->red, &label->green, &label->blue,
                                  &alpha) != CAIRO_STATUS_SUCCESS)
        label->red = label->green = label->blue = 0;
      g_ptr_array_add (canvas->labels, label);
    }
}

static void
draw_title (Canvas            *canvas,
            double             width,
            const TxChartData *data)
{
  cairo_set_source_rgb (canvas->cr, 0.1, 0.1, 0.1);
  text (canvas, data->title ? data->title : "", width / 2, MARGIN + 12, 20, TRUE, 0.5, width - 2 * MARGIN);
}

/* How wide @string is drawn at @size. */
static double
text_width (cairo_t    *cr,
            const char *string,
            double      size)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT);
  int width;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, string, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);

  return width;
}

/* The column of the row labels: 160 units, as much as a township's name
 * takes, unless the chart is narrow (on the screen). */
static double
label_width (double width)
{
  return MIN (160.0, width * 0.3);
}

/* Where the rows of a ledger begin: under the title and the quarters. */
#define LEDGER_TOP (MARGIN + TITLE_HEIGHT + 28)

/* A city's ledger has more townships than rows of 44 units fit on a
 * page: it is drawn compact, its townships in blocks side by side, each
 * a column of names and four cells a row.  Its sizes are in the units
 * of a chart drawn for paper (tx_chart_get_print_width(): SMALLEST_LABEL
 * units print at PRINT_SIZE points), where COMPACT_TEXT prints at 10 pt. */
#define COMPACT_TEXT 13.0
#define COMPACT_ROW 17.0
/* a name of five characters, then the cells */
#define COMPACT_NAME (5 * COMPACT_TEXT + 8)
/* the narrowest cell: its word, 红, with room on either side */
#define COMPACT_CELL 22.0
/* between blocks, and at either side */
#define COMPACT_GAP 20.0
#define COMPACT_SIDE 12.0
#define COMPACT_TOP (MARGIN + TITLE_HEIGHT + 24)

/* How a ledger is laid out in a width × height area. */
typedef struct {
  gboolean compact;
  guint    n_blocks;
  guint    rows_per_block;
  double   block_width;   /* from the start of a block to the next */
  double   name_width;    /* the names' column, at the start of a block */
  double   cell_width;
  double   row_height;
  double   top;           /* of the first row */
  double   inset;         /* of a cell's colour in its place */
} LedgerLayout;

/* As many blocks as a @width holds, at least one. */
static guint
compact_max_blocks (double width)
{
  double block = COMPACT_NAME + 4 * COMPACT_CELL;

  return MAX (1, (guint) floor ((width - 2 * COMPACT_SIDE + COMPACT_GAP) / (block + COMPACT_GAP)));
}

/* How many rows of a compact ledger a @height holds, at least one. */
static guint
compact_rows_within (double height)
{
  return MAX (1, (guint) floor ((height - COMPACT_TOP - MARGIN) / COMPACT_ROW + 1e-6));
}

/* The layout of @n_rows townships: a row each down the area when they
 * fit at a readable height (the dashboard, a small ledger), else
 * compact, in as few blocks as the height allows. */
static LedgerLayout
get_ledger_layout (double width,
                   double height,
                   guint  n_rows)
{
  LedgerLayout layout = { FALSE, 1, n_rows, 0, 0, 0, 0, LEDGER_TOP, 3 };
  double row = n_rows > 0 ? MIN (44.0, (height - LEDGER_TOP - MARGIN) / n_rows) : 44.0;
  guint rows_within;

  if (row >= 1.5 * COMPACT_ROW)
    {
      layout.name_width = MARGIN + label_width (width);
      layout.block_width = width - MARGIN;
      layout.cell_width = (width - layout.name_width - MARGIN) / 4;
      layout.row_height = row;
      return layout;
    }

  rows_within = compact_rows_within (height);
  layout.compact = TRUE;
  layout.n_blocks = CLAMP ((n_rows + rows_within - 1) / rows_within, 1, compact_max_blocks (width));
  layout.rows_per_block = (n_rows + layout.n_blocks - 1) / layout.n_blocks;
  layout.block_width = (width - 2 * COMPACT_SIDE + COMPACT_GAP) / layout.n_blocks;
  layout.name_width = COMPACT_NAME;
  layout.cell_width = (layout.block_width - COMPACT_GAP - COMPACT_NAME) / 4;
  layout.top = COMPACT_TOP;
  layout.row_height = layout.rows_per_block > 0
                      ? MIN (COMPACT_ROW, (height - COMPACT_TOP - MARGIN) / layout.rows_per_block)
                      : COMPACT_ROW;
  layout.inset = 1.5;

  return layout;
}

/* The left of the names' column of block @block. */
static double
block_left (const LedgerLayout *layout,
            guint               block)
{
  return layout->compact ? COMPACT_SIDE + layout->block_width * block : 0;
}

static TxChartRect
layout_cell (const LedgerLayout *layout,
             guint               row,
             guint               quarter)
{
  guint block = layout->rows_per_block > 0 ? row / layout->rows_per_block : 0;
  guint line = layout->rows_per_block > 0 ? row % layout->rows_per_block : 0;
  double left = block_left (layout, block) + layout->name_width;
  TxChartRect rect = { left + layout->cell_width * (quarter - 1) + layout->inset,
                       layout->top + layout->row_height * line + layout->inset,
                       layout->cell_width - 2 * layout->inset, layout->row_height - 2 * layout->inset };

  return rect;
}

/* Where the cell of a township and a quarter is, for the drawing and
 * for the tests that read the pixels back. */
TxChartRect
tx_chart_ledger_cell (double width,
                      double height,
                      guint  n_rows,
                      guint  row,
                      guint  quarter)
{
  LedgerLayout layout = get_ledger_layout (width, height, n_rows);

  return layout_cell (&layout, row, quarter);
}

/* The quarters over the cells of each block: 第1季度, or where that is
 * wider than a cell, its number under a 季度 over the names. */
static void
draw_ledger_header (Canvas             *canvas,
                    const LedgerLayout *layout,
                    guint               n_rows)
{
  double size = layout->compact ? COMPACT_TEXT : SMALLEST_LABEL;
  gboolean short_labels = layout->compact &&
                          text_width (canvas->cr, "第4季度", size) + 4 > layout->cell_width;

  cairo_set_source_rgb (canvas->cr, 0.25, 0.25, 0.25);
  for (guint block = 0; block < layout->n_blocks; block++)
    {
      guint first = block * layout->rows_per_block;

      if (block > 0 && first >= n_rows)
        break;
      if (short_labels)
        {
          TxChartRect cell = layout_cell (layout, first, 1);

          text (canvas, "季度", cell.x - layout->inset - 6, layout->top - 12, size, TRUE, 1.0, 0);
        }
      for (guint q = 1; q <= 4; q++)
        {
          TxChartRect cell = layout_cell (layout, first, q);
          g_autofree char *label = short_labels ? g_strdup_printf ("%u", q) : g_strdup_printf ("第%u季度", q);
          double y = layout->compact ? layout->top - 12 : cell.y - 16;

          text (canvas, label, cell.x + cell.width / 2, y, size, TRUE, 0.5, 0);
        }
    }
}

static void
draw_ledger (Canvas            *canvas,
             double             width,
             double             height,
             const TxChartData *data)
{
  cairo_t *cr = canvas->cr;
  guint n_rows = data->rows->len;
  LedgerLayout layout = get_ledger_layout (width, height, MAX (n_rows, 1));
  gboolean marks = TRUE;

  draw_ledger_header (canvas, &layout, MAX (n_rows, 1));

  /* a compact cell says its word, with its mark when there is room */
  if (layout.compact)
    marks = text_width (cr, "✕ 红", COMPACT_TEXT) + 4 <= layout.cell_width - 2 * layout.inset;

  for (guint row = 0; row < n_rows; row++)
    {
      TxChartRect first = layout_cell (&layout, row, 1);
      double name_right = layout.compact ? first.x - layout.inset - 6 : first.x - 12;
      double name_left = layout.compact ? name_right - (COMPACT_NAME - 8) : MARGIN;

      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      text (canvas, g_ptr_array_index (data->rows, row), name_right, first.y + first.height / 2,
            layout.compact ? MIN (COMPACT_TEXT, layout.row_height * 0.8) : MIN (15.0, first.height * 0.45),
            FALSE, 1.0, name_right - name_left);

      for (guint q = 1; q <= 4; q++)
        {
          TxChartRect rect = layout_cell (&layout, row, q);
          int color = row * 4 + q - 1 < data->colors->len ? g_array_index (data->colors, int, row * 4 + q - 1) : -1;
          double size = layout.compact ? MIN (COMPACT_TEXT, rect.height * 0.9) : MIN (16.0, rect.height * 0.45);
          double r, g, b;

          if (color < 0)
            {
              /* a quarter not yet begun */
              cairo_set_source_rgb (cr, 0.93, 0.93, 0.93);
              cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
              cairo_fill (cr);
              cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
              text (canvas, "—", rect.x + rect.width / 2, rect.y + rect.height / 2,
                    layout.compact ? size : SMALLEST_LABEL, FALSE, 0.5, 0);
              continue;
            }

          tx_chart_color_rgb (color, &r, &g, &b);
          cairo_set_source_rgb (cr, r, g, b);
          cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
          cairo_fill (cr);

          {
            g_autofree char *label = marks ? g_strdup_printf ("%s %s", color_marks[color], color_words[color])
                                           : g_strdup (color_words[color]);

            cairo_set_source_rgb (cr, color == TX_COLOR_YELLOW ? 0.1 : 1, color == TX_COLOR_YELLOW ? 0.1 : 1,
                                  color == TX_COLOR_YELLOW ? 0.1 : 1);
            text (canvas, label, rect.x + rect.width / 2, rect.y + rect.height / 2, size, TRUE, 0.5, 0);
          }
        }
    }
}

/* Horizontal bars, one a row, with an optional target marked by a line. */
static double
sum_of (GArray *values)
{
  double sum = 0;

  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, double, i);

  return sum;
}

/* “无数据”, grey, centred at @x, @y: a year with nothing to show */
static void
no_data (Canvas *canvas,
         double  x,
         double  y)
{
  cairo_set_source_rgb (canvas->cr, 0.35, 0.35, 0.35);
  text (canvas, "无数据", x, y, 20, TRUE, 0.5, 0);
}

static void
draw_bars (Canvas            *canvas,
           double             width,
           double             height,
           const TxChartData *data)
{
  cairo_t *cr = canvas->cr;
  guint n = data->rows->len;
  double left = MARGIN + label_width (width);
  double right = width - MARGIN - 60;
  double top = MARGIN + TITLE_HEIGHT + 10;
  double row_height = n > 0 ? MIN (40.0, (height - top - MARGIN - 24) / n) : 0;
  double max = 1;

  for (guint i = 0; i < n; i++)
    {
      max = MAX (max, g_array_index (data->values, double, i));
      if (data->targets->len > i)
        max = MAX (max, g_array_index (data->targets, double, i));
    }
  max = ceil (max);

  /* a year without a consultation: said, not drawn as bars of nothing */
  if (data->kind == TX_CHART_STAGES && sum_of (data->values) == 0)
    {
      for (guint i = 0; i < n; i++)
        {
          cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
          text (canvas, g_ptr_array_index (data->rows, i), left - 12, top + row_height * (i + 0.5),
                MIN (15.0, row_height * 0.45), FALSE, 1.0, left - 12 - MARGIN);
        }
      no_data (canvas, (left + right) / 2, top + row_height * n / 2);
      return;
    }

  /* a township without a plan for the year has no target: said in
   * words, not drawn as a plan of nothing */

  /* scale */
  cairo_set_line_width (cr, 1);
  for (int tick = 0; tick <= (int) max; tick += MAX (1, (int) max / 5))
    {
      double x = left + (right - left) * tick / max;
      g_autofree char *label = g_strdup_printf ("%d", tick);

      cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, top + row_height * n);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
      text (canvas, label, x, top + row_height * n + 14, SMALLEST_LABEL, FALSE, 0.5, 0);
    }

  for (guint i = 0; i < n; i++)
    {
      double value = g_array_index (data->values, double, i);
      double y = top + row_height * i;
      double bar = (right - left) * value / max;
      g_autofree char *number = NULL;

      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      text (canvas, g_ptr_array_index (data->rows, i), left - 12, y + row_height / 2,
            MIN (15.0, row_height * 0.45), FALSE, 1.0, left - 12 - MARGIN);

      cairo_set_source_rgb (cr, 0.20, 0.42, 0.70);
      cairo_rectangle (cr, left, y + row_height * 0.2, bar, row_height * 0.6);
      cairo_fill (cr);

      if (data->targets->len > i && g_array_index (data->targets, double, i) < 0)
        number = g_strdup_printf ("%.0f（无计划）", value);
      else if (data->targets->len > i)
        {
          double target = g_array_index (data->targets, double, i);
          double x = left + (right - left) * target / max;

          /* the plan: a dashed outline to the target */
          cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
          cairo_set_line_width (cr, 1.5);
          cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
          cairo_rectangle (cr, left, y + row_height * 0.2, x - left, row_height * 0.6);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          number = g_strdup_printf ("%.0f / %.0f", value, target);
        }
      else
        number = g_strdup_printf ("%.0f", value);

      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      text (canvas, number, MAX (left + bar, data->targets->len > i
                                          ? left + (right - left) * MAX (g_array_index (data->targets, double, i), 0) / max
                                          : 0) + 8,
            y + row_height / 2, SMALLEST_LABEL, FALSE, 0.0, 0);
    }
}

/* Thin white lines across a part of the adoption bar: the parts differ
 * by more than colour (采纳 and 未采纳 look alike to a reader who does
 * not tell red from green). */
static void
hatch (cairo_t *cr,
       double   x,
       double   y,
       double   width,
       double   height,
       double   step)
{
  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.55);
  cairo_set_line_width (cr, 2);
  for (double start = x - height; start < x + width; start += step)
    {
      cairo_move_to (cr, start, y + height);
      cairo_line_to (cr, start + height, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_adoption (Canvas            *canvas,
               double             width,
               double             height,
               const TxChartData *data)
{
  static const double shades[4][3] = {
    { 0.62, 0.62, 0.62 }, { 0.18, 0.62, 0.35 }, { 0.55, 0.78, 0.35 }, { 0.84, 0.22, 0.20 },
  };
  cairo_t *cr = canvas->cr;
  double top = MARGIN + TITLE_HEIGHT + 10;
  double left = MARGIN, right = width - MARGIN;
  double bar_height = 36;
  guint total = 0;
  double x = left;

  for (guint i = 0; i < 4; i++)
    total += data->adoption[i];

  /* one bar split by adoption, each part with its word and count */
  for (guint i = 0; i < 4; i++)
    {
      double part = total > 0 ? (right - left) * data->adoption[i] / total : 0;

      if (part <= 0)
        continue;
      cairo_set_source_rgb (cr, shades[i][0], shades[i][1], shades[i][2]);
      cairo_rectangle (cr, x, top, part, bar_height);
      cairo_fill (cr);
      /* 部分采纳 sparsely hatched, 未采纳 densely */
      if (i == 2)
        hatch (cr, x, top, part, bar_height, 16);
      else if (i == 3)
        hatch (cr, x, top, part, bar_height, 7);

      /* its word and count in it, or the count alone, when they fit */
      {
        g_autofree char *full = g_strdup_printf ("%s %u", adoption_names[i], data->adoption[i]);
        g_autofree char *count = g_strdup_printf ("%u", data->adoption[i]);
        const char *label = text_width (cr, full, SMALLEST_LABEL) + 12 <= part ? full
                            : text_width (cr, count, SMALLEST_LABEL) + 8 <= part ? count : NULL;

        if (label != NULL)
          {
            double size = SMALLEST_LABEL;
            double label_width = text_width (cr, label, size);

            /* on a plate of the bar's own colour, over the hatching */
            cairo_set_source_rgb (cr, shades[i][0], shades[i][1], shades[i][2]);
            cairo_rectangle (cr, x + part / 2 - label_width / 2 - 3, top + bar_height / 2 - 9,
                             label_width + 6, 18);
            cairo_fill (cr);
            if (i == 2)
              cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
            else
              cairo_set_source_rgb (cr, 1, 1, 1);
            text (canvas, label, x + part / 2, top + bar_height / 2, size, TRUE, 0.5, 0);
          }
      }
      x += part;
    }

  /* no recommendation this year: an empty bar that says so */
  if (total == 0)
    {
      cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
      cairo_set_line_width (cr, 1);
      cairo_rectangle (cr, left + 0.5, top + 0.5, right - left - 1, bar_height - 1);
      cairo_stroke (cr);
      no_data (canvas, (left + right) / 2, top + bar_height / 2);
    }

  /* the legend below it, so small parts stay readable */
  for (guint i = 0; i < 4; i++)
    {
      double lx = left + (right - left) * i / 4;
      g_autofree char *label = g_strdup_printf ("%s %u", adoption_names[i], data->adoption[i]);

      cairo_set_source_rgb (cr, shades[i][0], shades[i][1], shades[i][2]);
      cairo_rectangle (cr, lx, top + bar_height + 12, 14, 14);
      cairo_fill (cr);
      if (i == 2 || i == 3)
        hatch (cr, lx, top + bar_height + 12, 14, 14, i == 2 ? 8 : 4);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      text (canvas, label, lx + 20, top + bar_height + 19, SMALLEST_LABEL, FALSE, 0.0, 0);
    }

  /* the three zeros as gauges: a half circle filled to the rate */
  for (guint i = 0; i < 3; i++)
    {
      double cx = left + (right - left) * (2 * i + 1) / 6;
      double radius = MIN ((right - left) / 8, (height - top - bar_height - 100) / 1.6);
      double cy = top + bar_height + 60 + radius;
      double value = data->rates[i];
      g_autofree char *label = value < 0 ? g_strdup ("—") : g_strdup_printf ("%.0f%%", value * 100);

      if (radius <= 10)
        break;

      cairo_set_line_width (cr, radius * 0.28);
      cairo_set_source_rgb (cr, 0.90, 0.90, 0.90);
      cairo_new_path (cr);
      cairo_arc (cr, cx, cy, radius, G_PI, 2 * G_PI);
      cairo_stroke (cr);

      if (value > 0)
        {
          cairo_set_source_rgb (cr, 0.20, 0.42, 0.70);
          cairo_new_path (cr);
          cairo_arc (cr, cx, cy, radius, G_PI, G_PI + G_PI * MIN (value, 1.0));
          cairo_stroke (cr);
        }

      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      text (canvas, label, cx, cy - radius * 0.25, radius * 0.35, TRUE, 0.5, 0);
      text (canvas, rate_names[i], cx, cy + radius * 0.14 + 16, 15, FALSE, 0.5, 0);
    }
}

/**
 * tx_chart_draw_full:
 * @paint_text: whether to paint the text (with Pango); %FALSE draws the
 *   shapes alone
 * @labels: (nullable): a list from tx_chart_labels_new(), to which each
 *   line of text is added as drawn, in chart units
 *
 * Draws @data in a @width × @height area (user units) at the origin.
 */
void
tx_chart_draw_full (cairo_t           *cr,
                    double             width,
                    double             height,
                    const TxChartData *data,
                    gboolean           paint_text,
                    GPtrArray         *labels)
{
  Canvas canvas = { cr, paint_text, labels };

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  draw_title (&canvas, width, data);

  switch (data->kind)
    {
    case TX_CHART_LEDGER:
      draw_ledger (&canvas, width, height, data);
      break;

    case TX_CHART_PLAN:
    case TX_CHART_STAGES:
      draw_bars (&canvas, width, height, data);
      break;

    case TX_CHART_ADOPTION:
      draw_adoption (&canvas, width, height, data);
      break;

    default:
      g_assert_not_reached ();
    }

  cairo_restore (cr);
}

/**
 * tx_chart_draw:
 *
 * Draws @data, text and all, in a @width × @height area (user units)
 * at the origin.
 */
void
tx_chart_draw (cairo_t           *cr,
               double             width,
               double             height,
               const TxChartData *data)
{
  tx_chart_draw_full (cr, width, height, data, TRUE, NULL);
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * tx_chart_render_png:
 * @scale: pixels a unit
 * @labels: (nullable): as tx_chart_draw_full() has it, in chart units
 *
 * Returns: (transfer full): the chart as a PNG of @width × @height
 *   units at @scale, or %NULL with @error set when it could not be drawn
 */
GBytes *
tx_chart_render_png (const TxChartData  *data,
                     double              width,
                     double              height,
                     double              scale,
                     GPtrArray          *labels,
                     GError            **error)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();

  g_ptr_array_add (pages, (gpointer) data);

  return tx_chart_render_pages_png (pages, width, height, scale, labels, error);
}

/* What is left to read of a PNG in memory. */
typedef struct {
  const guint8 *data;
  gsize         left;
} PngReader;

static cairo_status_t
read_png (void          *closure,
          unsigned char *data,
          unsigned int   length)
{
  PngReader *reader = closure;

  if (length > reader->left)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data, length);
  reader->data += length;
  reader->left -= length;

  return CAIRO_STATUS_SUCCESS;
}

/**
 * tx_chart_png_to_image:
 * @png: a PNG, as tx_chart_render_png() makes
 *
 * Returns: (transfer full): @png as an image surface; its status says
 *   whether it could be read
 */
cairo_surface_t *
tx_chart_png_to_image (GBytes *png)
{
  PngReader reader;

  reader.data = g_bytes_get_data (png, &reader.left);
  return cairo_image_surface_create_from_png_stream (read_png, &reader);
}

/**
 * tx_chart_render_pages_png:
 * @pages: (element-type TxChartData): from tx_chart_paginate()
 * @page_height: the height of a page, in units
 * @scale: pixels a unit
 * @labels: (nullable): as tx_chart_draw_full() has it, in chart units
 *   from the top of the picture
 *
 * Draws @pages one under the other in one picture, each in a band
 * @page_height units tall (the last as tall as it is,
 * tx_chart_get_height_within()), so that the bands can be cut apart
 * again at multiples of @page_height.
 *
 * Returns: (transfer full): a PNG @width units wide at @scale, or %NULL
 *   with @error set when it could not be drawn
 */
GBytes *
tx_chart_render_pages_png (GPtrArray  *pages,
                           double      width,
                           double      page_height,
                           double      scale,
                           GPtrArray  *labels,
                           GError    **error)
{
  const TxChartData *last = g_ptr_array_index (pages, pages->len - 1);
  double last_height = pages->len > 1 ? tx_chart_get_height_within (last, width, page_height) : page_height;
  double height = page_height * (pages->len - 1) + last_height;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, ceil (width * scale),
                                                         ceil (height * scale));
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();
  cairo_status_t status;

  cairo_scale (cr, scale, scale);
  /* between the pages, paper */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  for (guint page = 0; page < pages->len; page++)
    {
      const TxChartData *data = g_ptr_array_index (pages, page);
      double top = page_height * page;
      guint first_label = labels != NULL ? labels->len : 0;

      cairo_save (cr);
      cairo_translate (cr, 0, top);
      tx_chart_draw_full (cr, width,
                          pages->len > 1 ? tx_chart_get_height_within (data, width, page_height) : page_height,
                          data, TRUE, labels);
      cairo_restore (cr);
      for (guint i = first_label; labels != NULL && i < labels->len; i++)
        ((TxChartLabel *) g_ptr_array_index (labels, i))->y += top;
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, append_to_array, png);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_debug ("Could not draw a chart: %s", cairo_status_to_string (status));
      g_byte_array_unref (png);
      g_set_error_literal (error, TX_FILE_ERROR, TX_FILE_ERROR_FAILED,
                           _("The chart could not be drawn, it may be too large. Close other programs and try again."));
      return NULL;
    }

  return g_byte_array_free_to_bytes (png);
}

/* The size a chart is drawn at for a file: 900 wide, as tall as its rows. */
#define FILE_WIDTH 900.0

/* tx_chart_get_print_width() draws a chart for paper so that its
 * smallest text, SMALLEST_LABEL units, prints at PRINT_SIZE points. */
#define PRINT_SIZE 11.0

/* A4, and the margins of GB/T 9704, in points */
#define MM (72.0 / 25.4)
#define A4_WIDTH (210 * MM)
#define A4_HEIGHT (297 * MM)
#define MARGIN_TOP (37 * MM)
#define MARGIN_BOTTOM (35 * MM)
#define MARGIN_LEFT (28 * MM)
#define MARGIN_RIGHT (26 * MM)

/**
 * tx_chart_get_height:
 *
 * Returns: the height a chart is drawn at: as tall as its rows, whatever
 *   its width, so that its text keeps its size
 */
double
tx_chart_get_height (const TxChartData *data)
{
  return data->kind == TX_CHART_ADOPTION ? 370 : 120 + 44 * MAX (data->rows->len, 3);
}

/**
 * tx_chart_get_height_within:
 * @width: the width it is drawn at, in units
 * @max_height: the most it may take, in units
 *
 * Returns: the height to draw @data at, @width wide: as tall as its rows
 *   (tx_chart_get_height()) when that is no more than @max_height; else a
 *   ledger is drawn compact, its townships in as few blocks side by side
 *   as @max_height allows, or in as many as @width holds and taller than
 *   @max_height when even they do not fit (tx_chart_paginate() shares
 *   such a chart out over pages that do)
 */
double
tx_chart_get_height_within (const TxChartData *data,
                            double             width,
                            double             max_height)
{
  double height = tx_chart_get_height (data);
  guint n_rows = data->rows->len;
  guint rows, blocks;

  if (data->kind != TX_CHART_LEDGER || height <= max_height || n_rows == 0)
    return height;

  rows = compact_rows_within (max_height);
  blocks = CLAMP ((n_rows + rows - 1) / rows, 1, compact_max_blocks (width));
  rows = (n_rows + blocks - 1) / blocks;

  return COMPACT_TOP + rows * COMPACT_ROW + MARGIN;
}

/**
 * tx_chart_get_print_width:
 * @placed_width: how wide the chart is on paper, in points
 *
 * Returns: the width to draw a chart at, in chart units, for it to be
 *   @placed_width points wide on paper with its labels no smaller than
 *   TX_CHART_MIN_PRINT_SIZE points (the ledger's, at least, and a
 *   compact ledger's no smaller than TX_CHART_MIN_COMPACT_PRINT_SIZE);
 *   at most the width of a chart file
 */
double
tx_chart_get_print_width (double placed_width)
{
  /* PRINT_SIZE >= TX_CHART_MIN_PRINT_SIZE: /chart/circular-print-size,
   * COMPACT_TEXT / SMALLEST_LABEL * PRINT_SIZE >= TX_CHART_MIN_COMPACT_PRINT_SIZE:
   * /chart/city */
  return MIN (FILE_WIDTH, placed_width * SMALLEST_LABEL / PRINT_SIZE);
}

/* @n rows of @data from @first, a chart of their own titled @title. */
static TxChartData *
slice_rows (const TxChartData *data,
            guint              first,
            guint              n,
            const char        *title)
{
  TxChartData *slice = tx_chart_data_new (data->kind, title);

  for (guint row = first; row < first + n && row < data->rows->len; row++)
    {
      g_ptr_array_add (slice->rows, g_strdup (g_ptr_array_index (data->rows, row)));
      if (data->colors->len >= (row + 1) * 4)
        g_array_append_vals (slice->colors, &g_array_index (data->colors, int, row * 4), 4);
      if (row < data->values->len)
        g_array_append_val (slice->values, g_array_index (data->values, double, row));
      if (row < data->targets->len)
        g_array_append_val (slice->targets, g_array_index (data->targets, double, row));
    }
  memcpy (slice->adoption, data->adoption, sizeof data->adoption);
  memcpy (slice->rates, data->rates, sizeof data->rates);

  return slice;
}

/* How many rows of @data a page @max_height tall holds, @width wide. */
static guint
rows_a_page (const TxChartData *data,
             double             width,
             double             max_height)
{
  switch (data->kind)
    {
    case TX_CHART_LEDGER:
      if (tx_chart_get_height (data) <= max_height)
        return MAX (data->rows->len, 1);
      return compact_max_blocks (width) * compact_rows_within (max_height);

    case TX_CHART_PLAN:
      /* a bar a row, as tall as tx_chart_get_height() has them */
      return MAX (3, (guint) floor ((max_height - 120) / 44));

    case TX_CHART_STAGES:
    case TX_CHART_ADOPTION:
    default:
      return G_MAXUINT;
    }
}

/**
 * tx_chart_paginate:
 * @width: the width the pages are drawn at, in units
 * @max_height: the most a page may take, in units
 *
 * Shares @data out over pages that fit @max_height when drawn @width
 * wide (at tx_chart_get_height_within()): the rows of a ledger or of
 * the plan, as evenly as they go, the title of each page after the
 * first followed by “（续）”; a chart that fits is one page.
 *
 * Returns: (transfer full) (element-type TxChartData): the pages, at
 *   least one
 */
GPtrArray *
tx_chart_paginate (const TxChartData *data,
                   double             width,
                   double             max_height)
{
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_chart_data_free);
  guint n_rows = data->rows->len;
  guint per_page = rows_a_page (data, width, max_height);
  guint n_pages = n_rows > per_page ? (n_rows + per_page - 1) / per_page : 1;
  guint each = (n_rows + n_pages - 1) / n_pages;

  for (guint page = 0; page < n_pages; page++)
    {
      g_autofree char *title = page == 0 ? g_strdup (data->title)
                                         : g_strconcat (data->title ? data->title : "", "（续）", NULL);

      g_ptr_array_add (pages, slice_rows (data, page * each, MIN (each, n_rows - page * each), title));
    }

  return pages;
}

gboolean
tx_chart_page_from_name (const char  *name,
                         TxChartPage *page)
{
  static const char * const names[] = { "a4", "a4-landscape", "chart" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i]) == 0)
      {
        *page = (TxChartPage) i;
        return TRUE;
      }

  return FALSE;
}

/* A chart on a page: drawn @width × @height units, scaled by @scale
 * and moved by (@x, @y) points. */
typedef struct {
  const TxChartData *data;
  double             width, height;
  double             x, y, scale;
} PagePlacement;

static void
draw_page (cairo_t  *cr,
           guint     page,
           gpointer  user_data)
{
  const PagePlacement *placement = &g_array_index ((GArray *) user_data, PagePlacement, page);

  /* the paper around the chart stays paper; the next page starts afresh */
  cairo_save (cr);
  cairo_translate (cr, placement->x, placement->y);
  cairo_scale (cr, placement->scale, placement->scale);
  tx_chart_draw (cr, placement->width, placement->height, placement->data);
  cairo_restore (cr);
}

/* The size a chart is drawn at for a PNG, an SVG or a page of its own:
 * FILE_WIDTH wide and as tall as its rows; a ledger too tall for that on
 * an A4 page as it prints there, compact (tx_chart_get_height_within()),
 * so that it still prints legibly across the text block of an A4 page. */
static void
get_file_size (const TxChartData *data,
               double            *width,
               double            *height)
{
  double block_width = A4_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
  double block_height = A4_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM;
  double print_width = tx_chart_get_print_width (block_width);
  double print_height = tx_chart_get_height_within (data, print_width, block_height * print_width / block_width);

  if (print_height < tx_chart_get_height (data))
    {
      *width = print_width;
      *height = print_height;
    }
  else
    {
      *width = FILE_WIDTH;
      *height = tx_chart_get_height (data);
    }
}

/* Where a chart goes on pages of @page (not TX_CHART_PAGE_CHART): as
 * wide as the text block allows with its labels printing at PRINT_SIZE,
 * over as many pages as its rows need (@pages, their charts), each
 * centred in the text block. */
static GArray *
place_on_pages (const TxChartData  *data,
                TxChartPage         page,
                double             *page_width,
                double             *page_height,
                GPtrArray         **pages)
{
  GArray *placements = g_array_new (FALSE, FALSE, sizeof (PagePlacement));
  double block_width, block_height, width, max_height;

  *page_width = page == TX_CHART_PAGE_A4_LANDSCAPE ? A4_HEIGHT : A4_WIDTH;
  *page_height = page == TX_CHART_PAGE_A4_LANDSCAPE ? A4_WIDTH : A4_HEIGHT;
  block_width = *page_width - MARGIN_LEFT - MARGIN_RIGHT;
  block_height = *page_height - MARGIN_TOP - MARGIN_BOTTOM;
  width = tx_chart_get_print_width (block_width);
  max_height = block_height * width / block_width;

  *pages = tx_chart_paginate (data, width, max_height);
  for (guint i = 0; i < (*pages)->len; i++)
    {
      PagePlacement placement;

      placement.data = g_ptr_array_index (*pages, i);
      placement.width = width;
      placement.height = tx_chart_get_height_within (placement.data, width, max_height);
      placement.scale = MIN (block_width / placement.width, block_height / placement.height);
      placement.x = MARGIN_LEFT + (block_width - placement.width * placement.scale) / 2;
      placement.y = MARGIN_TOP + (block_height - placement.height * placement.scale) / 2;
      g_array_append_val (placements, placement);
    }

  return placements;
}

static void
set_attribute (xmlNodePtr  node,
               const char *name,
               const char *value)
{
  xmlSetProp (node, (const xmlChar *) name, (const xmlChar *) value);
}

static void
set_number (xmlNodePtr  node,
            const char *name,
            double      value)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  set_attribute (node, name, g_ascii_formatd (number, sizeof number, "%.2f", value));
}

/* Cairo's SVG of the shapes with the labels added as <text>, over them
 * as the text is drawn over them: libxml2 writes (and escapes) it. */
static GBytes *
add_svg_labels (GByteArray        *shapes,
                const TxChartData *data,
                GPtrArray         *labels)
{
  xmlDocPtr doc = xmlReadMemory ((const char *) shapes->data, (int) shapes->len, "chart.svg", "UTF-8",
                                 XML_PARSE_NONET);
  xmlNodePtr root, group, title;
  xmlChar *svg = NULL;
  int size = 0;
  GBytes *bytes;

  if (doc == NULL || (root = xmlDocGetRootElement (doc)) == NULL)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      return NULL;
    }

  /* the title, for a reader and a file manager */
  if (data->title != NULL)
    {
      g_autofree char *clean = tx_doc_clean_text (data->title, TX_DOC_TEXT_ONE_LINE);

      title = xmlNewDocNode (doc, root->ns, (const xmlChar *) "title", NULL);
      xmlNodeAddContent (title, (const xmlChar *) clean);
      if (root->children != NULL)
        xmlAddPrevSibling (root->children, title);
      else
        xmlAddChild (root, title);
      xmlAddNextSibling (title, xmlNewDocText (doc, (const xmlChar *) "\n"));
    }

  /* one label a line */
  group = xmlNewChild (root, root->ns, (const xmlChar *) "g", NULL);
  set_attribute (group, "font-family", SVG_FONT);
  xmlAddChild (group, xmlNewDocText (doc, (const xmlChar *) "\n"));
  xmlAddNextSibling (group, xmlNewDocText (doc, (const xmlChar *) "\n"));
  for (guint i = 0; i < labels->len; i++)
    {
      TxChartLabel *label = g_ptr_array_index (labels, i);
      xmlNodePtr node = xmlNewChild (group, root->ns, (const xmlChar *) "text", NULL);
      g_autofree char *fill = g_strdup_printf ("#%02x%02x%02x", (int) round (label->red * 255),
                                               (int) round (label->green * 255),
                                               (int) round (label->blue * 255));

      xmlNodeAddContent (node, (const xmlChar *) label->text);
      set_number (node, "x", label->x);
      set_number (node, "y", label->y);
      set_number (node, "font-size", label->size);
      if (label->bold)
        set_attribute (node, "font-weight", "bold");
      if (label->align > 0.75)
        set_attribute (node, "text-anchor", "end");
      else if (label->align > 0.25)
        set_attribute (node, "text-anchor", "middle");
      set_attribute (node, "fill", fill);
      xmlAddChild (group, xmlNewDocText (doc, (const xmlChar *) "\n"));
    }

  xmlDocDumpMemoryEnc (doc, &svg, &size, "UTF-8");
  xmlFreeDoc (doc);
  if (svg == NULL)
    return NULL;

  bytes = g_bytes_new (svg, size);
  xmlFree (svg);

  return bytes;
}

/* The chart as an SVG whose text is <text>, not glyph outlines: Cairo
 * draws the shapes, and the labels it would have painted are added. */
static GBytes *
render_svg (const TxChartData *data,
            double             width,
            double             height)
{
  g_autoptr(GByteArray) shapes = g_byte_array_new ();
  g_autoptr(GPtrArray) labels = tx_chart_labels_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_svg_surface_create_for_stream (append_to_array, shapes, width, height);
  cr = cairo_create (surface);
  tx_chart_draw_full (cr, width, height, data, FALSE, labels);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_debug ("Could not draw a chart: %s", cairo_status_to_string (status));
      return NULL;
    }

  return add_svg_labels (shapes, data, labels);
}

/**
 * tx_chart_write:
 * @path: ends in .png, .svg or .pdf
 * @page: the page of a PDF; a PNG or an SVG is the size of the chart
 *
 * Writes the chart, whole or not at all (see tx_doc_file_write()): a
 * PNG or an SVG 900 units wide, an SVG with its text as <text>; a PDF
 * on @page.
 */
gboolean
tx_chart_write (const TxChartData  *data,
                const char         *path,
                TxChartPage         page,
                GError            **error)
{
  g_autoptr(GArray) placements = g_array_new (FALSE, FALSE, sizeof (PagePlacement));
  g_autoptr(GPtrArray) pages = NULL;
  PagePlacement placement = { data, 0, 0, 0, 0, 1 };
  double page_width, page_height;
  TxDocFileKind kind;

  if (!tx_doc_file_kind_from_path (path, &kind, error))
    return FALSE;

  get_file_size (data, &placement.width, &placement.height);

  if (kind == TX_DOC_FILE_SVG)
    {
      g_autoptr(GBytes) svg = render_svg (data, placement.width, placement.height);
      gsize size;
      const void *contents;

      if (svg == NULL)
        {
          g_set_error (error, TX_FILE_ERROR, TX_FILE_ERROR_FAILED,
                       _("Could not write “%s”: it could not be drawn, it may be too large. Try the PDF format, or close other programs and try again."),
                       path);
          return FALSE;
        }
      contents = g_bytes_get_data (svg, &size);
      return tx_file_write_contents (path, contents, size, error);
    }

  if (kind == TX_DOC_FILE_PDF && page != TX_CHART_PAGE_CHART)
    {
      g_clear_pointer (&placements, g_array_unref);
      placements = place_on_pages (data, page, &page_width, &page_height, &pages);
    }
  else
    {
      /* a PNG as many pixels wide as one drawn FILE_WIDTH wide, however
       * wide it is drawn */
      if (kind == TX_DOC_FILE_PNG)
        placement.scale = FILE_WIDTH / placement.width;
      page_width = placement.width * placement.scale;
      page_height = placement.height * placement.scale;
      g_array_append_val (placements, placement);
    }

  return tx_doc_file_write (path, kind, page_width, page_height, placements->len, data->title,
                            draw_page, placements, error);
}
