/* tx-table-document.c
 *
 * Pagination and drawing are pure functions of the rows and the page
 * size: the same code draws the print preview, the printed page and the
 * PDF.  Text is measured with a Pango context at 72 dpi with hinting
 * off, so a point is a point on every surface.
 *
 * Whatever the records hold, nothing is drawn outside the page's text
 * block: the text is cleaned of control and bidi characters when it is
 * added (tx_doc_clean_text()), laid out left to right whatever its
 * first letter, and a text too long for its place is cut with "…": the
 * title at four lines, a cell at ten, or sooner where its row would no
 * longer fit on a page under the title and the header.  Each cell's
 * text is clipped to its cell as well.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-table-document"

#include "config.h"

#include <pango/pangocairo.h>

#include "tx-doc-file.h"
#include "tx-doc-format.h"
#include "tx-table-document.h"

#define TITLE_SIZE      22.0   /* 2号 */
#define LINE_SIZE       14.0   /* 4号 */
#define NOTE_SIZE       14.0
#define CELL_SIZE       12.0   /* 小四 */
#define FOOTER_SIZE     10.5   /* 5号 */
#define CELL_PAD_X       4.0
#define CELL_PAD_Y       4.0
#define TITLE_GAP       14.0
#define GRID_WIDTH       0.6

/* The most lines the title block gives each of its parts */
#define TITLE_LINES      4
#define NOTE_LINES       2
#define LINE_LINES       3
#define GROUP_LINES      2
/* A cell is cut at this many lines: room to sign is what the row is
 * for, and no name or unit of a real roster takes more */
#define CELL_LINES      10
/* and no shorter than this, however tall the title block */
#define MIN_CELL_LINES   3

typedef struct {
  char   **cells;   /* NULL for a group title */
  char    *group;
  double   height;
} Row;

struct _TxTableDocument
{
  char          *title;
  GPtrArray     *lines;
  char          *note;
  TxTableColumn *columns;
  guint          n_columns;
  GPtrArray     *rows;
  double         min_row_height;

  PangoContext  *context;
  double         page_width;
  double         page_height;
  double         header_height;
  double         title_height;
  double         max_cell_height;  /* of a cell's text, so a row fits a page */
  GArray        *page_starts;   /* guint: first row of each page */
};

static void
row_free (Row *row)
{
  g_strfreev (row->cells);
  g_free (row->group);
  g_free (row);
}

TxTableDocument *
tx_table_document_new (const char          *title,
                       const TxTableColumn *columns,
                       guint                n_columns)
{
  TxTableDocument *doc = g_new0 (TxTableDocument, 1);
  cairo_font_options_t *options;

  doc->title = tx_doc_clean_text (title, TX_DOC_TEXT_ONE_LINE);
  doc->lines = g_ptr_array_new_with_free_func (g_free);
  doc->n_columns = n_columns;
  doc->columns = g_new0 (TxTableColumn, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      doc->columns[i] = columns[i];
      doc->columns[i].header = tx_doc_clean_text (columns[i].header, TX_DOC_TEXT_ONE_LINE);
    }
  doc->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  doc->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));

  doc->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (doc->context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (doc->context, options);
  cairo_font_options_destroy (options);

  return doc;
}

void
tx_table_document_free (TxTableDocument *doc)
{
  if (doc == NULL)
    return;

  g_free (doc->title);
  g_ptr_array_unref (doc->lines);
  g_free (doc->note);
  for (guint i = 0; i < doc->n_columns; i++)
    g_free ((char *) doc->columns[i].header);
  g_free (doc->columns);
  g_ptr_array_unref (doc->rows);
  g_array_unref (doc->page_starts);
  g_clear_object (&doc->context);
  g_free (doc);
}

/* A line under the title: the organisation, the date. */
void
tx_table_document_add_line (TxTableDocument *doc,
                            const char      *line)
{
  g_ptr_array_add (doc->lines, tx_doc_clean_text (line, TX_DOC_TEXT_ONE_LINE));
}

/* "（按姓氏笔画为序）" */
void
tx_table_document_set_note (TxTableDocument *doc,
                            const char      *note)
{
  g_free (doc->note);
  doc->note = note != NULL ? tx_doc_clean_text (note, TX_DOC_TEXT_ONE_LINE) : NULL;
}

/* Room to sign by hand. */
void
tx_table_document_set_min_row_height (TxTableDocument *doc,
                                      double           points)
{
  doc->min_row_height = points;
}

void
tx_table_document_add_row (TxTableDocument    *doc,
                           const char * const *cells)
{
  Row *row = g_new0 (Row, 1);

  row->cells = g_new0 (char *, doc->n_columns + 1);
  for (guint i = 0; i < doc->n_columns; i++)
    {
      g_autofree char *clean = tx_doc_clean_text (cells[i], TX_DOC_TEXT_LINES);

      /* an organisation's name typed with ASCII quotes prints “ ” */
      row->cells[i] = tx_doc_chinese_punctuation (clean);
    }

  g_ptr_array_add (doc->rows, row);
}

/* A row across the table naming a group, e.g. a category. */
void
tx_table_document_add_group (TxTableDocument *doc,
                             const char      *title)
{
  Row *row = g_new0 (Row, 1);

  row->group = tx_doc_clean_text (title, TX_DOC_TEXT_ONE_LINE);
  g_ptr_array_add (doc->rows, row);
}

guint
tx_table_document_get_n_rows (TxTableDocument *doc)
{
  guint n = 0;

  for (guint i = 0; i < doc->rows->len; i++)
    if (((Row *) g_ptr_array_index (doc->rows, i))->cells != NULL)
      n++;

  return n;
}

/* A layout of @text in @width; one that would be more than @max_lines
 * lines or @max_height points tall (0: no limit) is cut with "…".  A
 * title cut in the middle keeps its end ("…签到表"). */
static PangoLayout *
make_layout (TxTableDocument    *doc,
             const char         *family,
             double              size,
             gboolean            bold,
             const char         *text,
             double              width,
             PangoAlignment      alignment,
             int                 max_lines,
             double              max_height,
             PangoEllipsizeMode  ellipsize)
{
  PangoLayout *layout = pango_layout_new (doc->context);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, family);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  pango_layout_set_text (layout, text ? text : "", -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  /* a Chinese document reads left to right, even when a name begins
   * with a letter of a right-to-left script */
  pango_layout_set_auto_dir (layout, FALSE);

  if (max_lines > 0)
    pango_layout_set_height (layout, -max_lines);
  else if (max_height > 0)
    pango_layout_set_height (layout, (int) (max_height * PANGO_SCALE));
  if (max_lines > 0 || max_height > 0)
    pango_layout_set_ellipsize (layout, ellipsize);

  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static double
content_width (TxTableDocument *doc)
{
  return doc->page_width - TX_MARGIN_LEFT - TX_MARGIN_RIGHT;
}

static double
column_width (TxTableDocument *doc,
              guint            column)
{
  double total = 0;

  for (guint i = 0; i < doc->n_columns; i++)
    total += doc->columns[i].weight;

  return content_width (doc) * doc->columns[column].weight / total;
}

/* The layout of a cell's text, the same for measuring and drawing. */
static PangoLayout *
make_cell_layout (TxTableDocument *doc,
                  const char      *family,
                  const char      *text,
                  double           width,
                  PangoAlignment   alignment)
{
  return make_layout (doc, family, CELL_SIZE, FALSE, text, width - 2 * CELL_PAD_X, alignment,
                      0, doc->max_cell_height, PANGO_ELLIPSIZE_END);
}

static double
measure_cell (TxTableDocument *doc,
              const char      *text,
              double           width,
              const char      *family)
{
  g_autoptr(PangoLayout) layout = make_cell_layout (doc, family, text, width, PANGO_ALIGN_LEFT);

  return layout_height (layout) + 2 * CELL_PAD_Y;
}

/* A group title: one or two lines across the table. */
static PangoLayout *
make_group_layout (TxTableDocument *doc,
                   const char      *text)
{
  return make_layout (doc, TX_FONT_HEADER, CELL_SIZE, FALSE, text, content_width (doc) - 2 * CELL_PAD_X,
                      PANGO_ALIGN_LEFT, GROUP_LINES, 0, PANGO_ELLIPSIZE_END);
}

static double
measure_group (TxTableDocument *doc,
               const char      *text)
{
  g_autoptr(PangoLayout) layout = make_group_layout (doc, text);

  return layout_height (layout) + 2 * CELL_PAD_Y;
}

static double
measure_row (TxTableDocument  *doc,
             const char      **cells,
             const char       *family)
{
  double height = 0;

  for (guint c = 0; c < doc->n_columns; c++)
    height = MAX (height, measure_cell (doc, cells[c], column_width (doc, c), family));

  return height;
}

/* The title block of the first page: title, lines, note. */
static double
draw_title_block (TxTableDocument *doc,
                  cairo_t         *cr)
{
  double width = content_width (doc);
  double y = 0;

  {
    g_autoptr(PangoLayout) layout = make_layout (doc, TX_FONT_TITLE, TITLE_SIZE, FALSE, doc->title,
                                                 width, PANGO_ALIGN_CENTER,
                                                 TITLE_LINES, 0, PANGO_ELLIPSIZE_MIDDLE);
    if (cr != NULL)
      {
        cairo_move_to (cr, TX_MARGIN_LEFT, TX_MARGIN_TOP + y);
        pango_cairo_show_layout (cr, layout);
      }
    y += layout_height (layout) + 6;
  }

  if (doc->note != NULL)
    {
      g_autoptr(PangoLayout) layout = make_layout (doc, TX_FONT_KAI, NOTE_SIZE, FALSE, doc->note,
                                                   width, PANGO_ALIGN_CENTER,
                                                   NOTE_LINES, 0, PANGO_ELLIPSIZE_END);
      if (cr != NULL)
        {
          cairo_move_to (cr, TX_MARGIN_LEFT, TX_MARGIN_TOP + y);
          pango_cairo_show_layout (cr, layout);
        }
      y += layout_height (layout) + 4;
    }

  for (guint i = 0; i < doc->lines->len; i++)
    {
      g_autoptr(PangoLayout) layout = make_layout (doc, TX_FONT_BODY, LINE_SIZE, FALSE,
                                                   g_ptr_array_index (doc->lines, i),
                                                   width, PANGO_ALIGN_LEFT,
                                                   LINE_LINES, 0, PANGO_ELLIPSIZE_END);
      if (cr != NULL)
        {
          cairo_move_to (cr, TX_MARGIN_LEFT, TX_MARGIN_TOP + y);
          pango_cairo_show_layout (cr, layout);
        }
      y += layout_height (layout) + 2;
    }

  return y + TITLE_GAP;
}

/**
 * tx_table_document_paginate:
 *
 * Returns: the number of pages
 */
guint
tx_table_document_paginate (TxTableDocument *doc,
                            double           page_width,
                            double           page_height)
{
  const char **headers = g_new0 (const char *, doc->n_columns + 1);
  double body = page_height - TX_MARGIN_TOP - TX_MARGIN_BOTTOM;
  double used, line;
  guint start = 0;

  doc->page_width = page_width;
  doc->page_height = page_height;
  doc->max_cell_height = 0;

  for (guint c = 0; c < doc->n_columns; c++)
    headers[c] = doc->columns[c].header;
  doc->header_height = measure_row (doc, headers, TX_FONT_HEADER);
  g_free (headers);

  doc->title_height = draw_title_block (doc, NULL);

  /* The tallest a row may be: ten lines, and with a group title above
   * it, it still fits on the first page under the title block and the
   * header, so on every page.  Three lines at least, on paper too small
   * for that. */
  line = measure_cell (doc, "国", content_width (doc), TX_FONT_BODY) - 2 * CELL_PAD_Y;
  doc->max_cell_height = CLAMP (body - doc->title_height - doc->header_height - measure_group (doc, "")
                                - 2 * CELL_PAD_Y,
                                MIN_CELL_LINES * line, CELL_LINES * line);

  g_array_set_size (doc->page_starts, 0);
  g_array_append_val (doc->page_starts, start);
  used = doc->title_height + doc->header_height;

  for (guint i = 0; i < doc->rows->len; i++)
    {
      Row *row = g_ptr_array_index (doc->rows, i);
      Row *next = i + 1 < doc->rows->len ? g_ptr_array_index (doc->rows, i + 1) : NULL;
      double needed;

      if (row->cells != NULL)
        row->height = MAX (measure_row (doc, (const char **) row->cells, TX_FONT_BODY),
                           doc->min_row_height);
      else
        row->height = measure_group (doc, row->group);

      /* a group title is never left alone at the foot of a page */
      needed = row->height;
      if (row->cells == NULL && next != NULL && next->cells != NULL)
        needed += MAX (measure_row (doc, (const char **) next->cells, TX_FONT_BODY),
                       doc->min_row_height);

      if (used + needed > body && i > g_array_index (doc->page_starts, guint, doc->page_starts->len - 1))
        {
          start = i;
          g_array_append_val (doc->page_starts, start);
          used = doc->header_height;
        }
      used += row->height;
    }

  return doc->page_starts->len;
}

guint
tx_table_document_get_n_pages (TxTableDocument *doc)
{
  return doc->page_starts->len;
}

static void
draw_cells (TxTableDocument  *doc,
            cairo_t          *cr,
            const char      **cells,
            double            y,
            double            height,
            const char       *family,
            double            shade)
{
  double x = TX_MARGIN_LEFT;

  if (shade < 1.0)
    {
      cairo_set_source_rgb (cr, shade, shade, shade);
      cairo_rectangle (cr, TX_MARGIN_LEFT, y, content_width (doc), height);
      cairo_fill (cr);
    }

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, GRID_WIDTH);

  for (guint c = 0; c < doc->n_columns; c++)
    {
      double width = column_width (doc, c);
      g_autoptr(PangoLayout) layout = make_cell_layout (doc, family, cells[c], width,
                                                        doc->columns[c].align == TX_ALIGN_CENTER
                                                        ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
      double text_height = layout_height (layout);

      cairo_rectangle (cr, x, y, width, height);
      cairo_stroke (cr);

      /* centred vertically, as in a hand-ruled form; never outside
       * the cell, whatever the text */
      cairo_save (cr);
      cairo_rectangle (cr, x, y, width, height);
      cairo_clip (cr);
      cairo_move_to (cr, x + CELL_PAD_X, y + (height - text_height) / 2);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);

      x += width;
    }
}

static void
draw_group (TxTableDocument *doc,
            cairo_t         *cr,
            Row             *row,
            double           y)
{
  g_autoptr(PangoLayout) layout = make_group_layout (doc, row->group);

  cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
  cairo_rectangle (cr, TX_MARGIN_LEFT, y, content_width (doc), row->height);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, GRID_WIDTH);
  cairo_stroke (cr);

  cairo_save (cr);
  cairo_rectangle (cr, TX_MARGIN_LEFT, y, content_width (doc), row->height);
  cairo_clip (cr);
  cairo_move_to (cr, TX_MARGIN_LEFT + CELL_PAD_X, y + CELL_PAD_Y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/**
 * tx_table_document_draw_page:
 * @page: from 0; call tx_table_document_paginate() first
 *
 * Draws one page in points, origin at the top left of the paper.
 */
void
tx_table_document_draw_page (TxTableDocument *doc,
                             cairo_t         *cr,
                             guint            page)
{
  const char **headers;
  guint first, last;
  double y = TX_MARGIN_TOP;

  g_return_if_fail (page < doc->page_starts->len);

  first = g_array_index (doc->page_starts, guint, page);
  last = page + 1 < doc->page_starts->len ? g_array_index (doc->page_starts, guint, page + 1) : doc->rows->len;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  if (page == 0)
    {
      /* the title block stays in the text block */
      cairo_save (cr);
      cairo_rectangle (cr, TX_MARGIN_LEFT, TX_MARGIN_TOP, content_width (doc), doc->title_height);
      cairo_clip (cr);
      y += draw_title_block (doc, cr);
      cairo_restore (cr);
    }

  /* the header row, on every page */
  headers = g_new0 (const char *, doc->n_columns + 1);
  for (guint c = 0; c < doc->n_columns; c++)
    headers[c] = doc->columns[c].header;
  draw_cells (doc, cr, headers, y, doc->header_height, TX_FONT_HEADER, 0.88);
  g_free (headers);
  y += doc->header_height;

  for (guint i = first; i < last; i++)
    {
      Row *row = g_ptr_array_index (doc->rows, i);

      if (row->cells != NULL)
        draw_cells (doc, cr, (const char **) row->cells, y, row->height, TX_FONT_BODY, 1.0);
      else
        draw_group (doc, cr, row, y);
      y += row->height;
    }

  /* "第 1 页 共 3 页" */
  {
    g_autofree char *footer = g_strdup_printf ("第 %u 页 共 %u 页", page + 1, doc->page_starts->len);
    g_autoptr(PangoLayout) layout = make_layout (doc, TX_FONT_BODY, FOOTER_SIZE, FALSE, footer,
                                                 content_width (doc), PANGO_ALIGN_CENTER,
                                                 0, 0, PANGO_ELLIPSIZE_NONE);

    cairo_set_source_rgb (cr, 0, 0, 0);
    cairo_move_to (cr, TX_MARGIN_LEFT, doc->page_height - TX_MARGIN_BOTTOM + 20);
    pango_cairo_show_layout (cr, layout);
  }

  cairo_restore (cr);
}

static void
draw_page (cairo_t  *cr,
           guint     page,
           gpointer  user_data)
{
  tx_table_document_draw_page (user_data, cr, page);
}

/**
 * tx_table_document_write_pdf:
 *
 * Writes every page on A4 to @path, whole or not at all: a failure
 * (a full disk) leaves an earlier file at @path as it was.
 */
gboolean
tx_table_document_write_pdf (TxTableDocument  *doc,
                             const char       *path,
                             GError          **error)
{
  guint n_pages = tx_table_document_paginate (doc, TX_A4_WIDTH, TX_A4_HEIGHT);

  return tx_doc_file_write (path, TX_DOC_FILE_PDF, TX_A4_WIDTH, TX_A4_HEIGHT, n_pages,
                            doc->title, draw_page, doc, error);
}
