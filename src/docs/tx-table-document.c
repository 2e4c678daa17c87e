/* tx-table-document.c
 *
 * Pagination and drawing are pure functions of the rows and the page
 * size: the same code draws the print preview, the printed page and the
 * PDF.  Text is measured with a Pango context at 72 dpi with hinting
 * off, so a point is a point on every surface.
 *
 * Columns are sized for Chinese content: a column fitted to its text
 * (a number, a name, a phone number) is as wide as its widest cell on
 * one line, a fixed one (room to sign) keeps its width, and the others
 * share what is left.  A cell wraps between its words — at a space or
 * after 、，； — and a word that fits on a line of its cell is never
 * broken, so a unit's name is not cut in two and 0595-22881234 never
 * wraps at its hyphen (a Pango attribute: the text itself, and what
 * pdftotext reads, is unchanged).
 *
 * A group (a category) that runs onto the next page repeats its heading
 * there with “（续）”.  Blank rows (for walk-ins) never fill a page of
 * their own: those that would are dropped when blank rows print on the
 * page before, or the last person's row goes over with them.
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

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "tx-doc-file.h"
#include "tx-doc-format.h"
#include "tx-doc-title.h"
#include "tx-file.h"
#include "tx-table-document.h"

#define TITLE_SIZE      22.0   /* 2号 */
#define SUBTITLE_SIZE   14.0   /* 4号 */
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
#define SUBTITLE_LINES   2
#define NOTE_LINES       2
#define LINE_LINES       3
#define GROUP_LINES      2
/* A cell is cut at this many lines: room to sign is what the row is
 * for, and no name or unit of a real roster takes more */
#define CELL_LINES      10
/* and no shorter than this, however tall the title block */
#define MIN_CELL_LINES   3

/* A column that shares the width is never narrower than this, and a
 * fitted one never wider than this part of the table */
#define MIN_SHARE_WIDTH (15.0 * TX_MM)
#define MAX_FIT_PART     0.25

/* After the heading of a group continued from the page before */
#define CONTINUED        "（续）"

typedef struct {
  char   **cells;   /* NULL for a group title */
  char    *group;
  double   height;
  gboolean blank;   /* a blank row, for those who come uninvited */
} Row;

struct _TxTableDocument
{
  char          *title;
  char          *subtitle;
  GPtrArray     *lines;
  char          *note;
  TxTableColumn *columns;
  guint          n_columns;
  GPtrArray     *rows;
  double         min_row_height;

  /* or rows asked for as they are needed (tx_table_document_set_rows()),
   * a window of them held at a time */
  TxTableRowFunc row_func;
  gpointer       row_data;
  GDestroyNotify row_destroy;
  guint          n_func_rows;
  GPtrArray     *window;        /* Row, from row window_first on */
  guint          window_first;
  GError        *row_error;     /* the first row that could not be had */
  gboolean       landscape;

  PangoContext  *context;
  PangoLayout   *measure_serif;  /* for natural_width(), made once */
  PangoLayout   *measure_sans;
  double         page_width;
  double         page_height;
  double        *widths;        /* of the columns, points */
  double         header_height;
  double         title_height;
  double         max_cell_height;  /* of a cell's text, so a row fits a page */
  guint          n_shown;       /* rows laid out; blank rows past them are dropped */
  GArray        *page_starts;   /* guint: first row of each page */
  GPtrArray     *page_groups;   /* the heading continued at the top of each page, or NULL */
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
  g_autofree char *clean_title = tx_doc_clean_text (title, TX_DOC_TEXT_ONE_LINE);
  cairo_font_options_t *options;

  doc->title = tx_doc_chinese_punctuation (clean_title);
  doc->lines = g_ptr_array_new_with_free_func (g_free);
  doc->n_columns = n_columns;
  doc->columns = g_new0 (TxTableColumn, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      doc->columns[i] = columns[i];
      doc->columns[i].header = tx_doc_clean_text (columns[i].header, TX_DOC_TEXT_ONE_LINE);
    }
  doc->widths = g_new0 (double, n_columns);
  doc->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  doc->window = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  doc->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  doc->page_groups = g_ptr_array_new_with_free_func (g_free);

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
  g_free (doc->subtitle);
  g_ptr_array_unref (doc->lines);
  g_free (doc->note);
  for (guint i = 0; i < doc->n_columns; i++)
    g_free ((char *) doc->columns[i].header);
  g_free (doc->columns);
  g_free (doc->widths);
  g_ptr_array_unref (doc->rows);
  g_ptr_array_unref (doc->window);
  if (doc->row_destroy != NULL)
    doc->row_destroy (doc->row_data);
  g_clear_error (&doc->row_error);
  g_array_unref (doc->page_starts);
  g_ptr_array_unref (doc->page_groups);
  g_clear_object (&doc->measure_serif);
  g_clear_object (&doc->measure_sans);
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

/* Centred under the title, e.g. what a printed list is of:
 * "（乡镇（街道）：凤山镇　身份类别：政协委员）" */
void
tx_table_document_set_subtitle (TxTableDocument *doc,
                                const char      *subtitle)
{
  g_autofree char *clean = subtitle != NULL ? tx_doc_clean_text (subtitle, TX_DOC_TEXT_ONE_LINE) : NULL;

  g_free (doc->subtitle);
  doc->subtitle = clean != NULL && clean[0] != '\0' ? tx_doc_chinese_punctuation (clean) : NULL;
}

/* Whether tx_table_document_write_pdf() writes A4 landscape; a print
 * takes the paper of its dialog. */
void
tx_table_document_set_landscape (TxTableDocument *doc,
                                 gboolean         landscape)
{
  doc->landscape = !!landscape;
}

gboolean
tx_table_document_get_landscape (TxTableDocument *doc)
{
  return doc->landscape;
}

/* Room to sign by hand. */
void
tx_table_document_set_min_row_height (TxTableDocument *doc,
                                      double           points)
{
  doc->min_row_height = points;
}

static Row *
new_row (TxTableDocument    *doc,
         const char * const *cells)
{
  Row *row = g_new0 (Row, 1);

  row->cells = g_new0 (char *, doc->n_columns + 1);
  for (guint i = 0; i < doc->n_columns; i++)
    {
      g_autofree char *clean = tx_doc_clean_text (cells[i] != NULL ? cells[i] : "", TX_DOC_TEXT_LINES);

      /* an organisation's name typed with ASCII quotes prints “ ” */
      row->cells[i] = tx_doc_chinese_punctuation (clean);
    }
  row->height = -1;

  return row;
}

static Row *
add_row (TxTableDocument    *doc,
         const char * const *cells)
{
  Row *row = new_row (doc, cells);

  g_return_val_if_fail (doc->row_func == NULL, row);

  g_ptr_array_add (doc->rows, row);
  return row;
}

void
tx_table_document_add_row (TxTableDocument    *doc,
                           const char * const *cells)
{
  add_row (doc, cells);
}

/* A row left blank to be filled in by hand (only its number, say):
 * dropped rather than printed on a page with no other row. */
void
tx_table_document_add_blank_row (TxTableDocument    *doc,
                                 const char * const *cells)
{
  add_row (doc, cells)->blank = TRUE;
}

/* A row across the table naming a group, e.g. a category. */
void
tx_table_document_add_group (TxTableDocument *doc,
                             const char      *title)
{
  Row *row = g_new0 (Row, 1);

  g_return_if_fail (doc->row_func == NULL);

  row->group = tx_doc_clean_text (title, TX_DOC_TEXT_ONE_LINE);
  row->height = -1;
  g_ptr_array_add (doc->rows, row);
}

/**
 * tx_table_document_set_rows:
 * @n_rows: how many
 * @func: gives row @index, asked for as the pages are laid out and drawn
 *
 * Instead of rows added one by one, and all held: the rows of a list of
 * a city's 100,000 people are asked for when needed, a few hundred held
 * at a time, so that the memory a print takes does not grow with the
 * list.  Each is asked for again in each pass over them (the widths of
 * the columns, the pages, each page drawn), mostly in order.  No group
 * or blank row goes with them.
 */
void
tx_table_document_set_rows (TxTableDocument *doc,
                            guint            n_rows,
                            TxTableRowFunc   func,
                            gpointer         user_data,
                            GDestroyNotify   destroy)
{
  g_return_if_fail (doc->rows->len == 0 && doc->row_func == NULL);

  doc->n_func_rows = n_rows;
  doc->row_func = func;
  doc->row_data = user_data;
  doc->row_destroy = destroy;
}

/* Rows held at a time, at least (and at most twice as many) */
#define WINDOW_ROWS 256

/* How many rows there are, with the groups */
static guint
n_all_rows (TxTableDocument *doc)
{
  return doc->row_func != NULL ? doc->n_func_rows : doc->rows->len;
}

/* Row @i: held until the document goes back before it, or WINDOW_ROWS
 * rows past it, so that a row and the next may be looked at together */
static Row *
get_row (TxTableDocument *doc,
         guint            i)
{
  if (doc->row_func == NULL)
    return g_ptr_array_index (doc->rows, i);

  /* neither held nor the next: from there */
  if (i < doc->window_first || i > doc->window_first + doc->window->len)
    {
      g_ptr_array_set_size (doc->window, 0);
      doc->window_first = i;
    }

  while (i >= doc->window_first + doc->window->len)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) cells = g_new0 (char *, doc->n_columns + 1);

      if (doc->window->len >= 2 * WINDOW_ROWS)
        {
          g_ptr_array_remove_range (doc->window, 0, WINDOW_ROWS);
          doc->window_first += WINDOW_ROWS;
        }

      /* one that cannot be had is drawn empty, and the file is not
       * written (tx_table_document_write_pdf()) */
      if (!doc->row_func (doc->window_first + doc->window->len, cells, doc->row_data, &error) &&
          doc->row_error == NULL)
        doc->row_error = error != NULL ? g_steal_pointer (&error)
                                       : g_error_new_literal (G_FILE_ERROR, G_FILE_ERROR_IO,
                                                              _("Could not read the database"));
      g_ptr_array_add (doc->window, new_row (doc, (const char * const *) cells));
    }

  return g_ptr_array_index (doc->window, i - doc->window_first);
}

guint
tx_table_document_get_n_rows (TxTableDocument *doc)
{
  guint n = 0;

  if (doc->row_func != NULL)
    return doc->n_func_rows;

  for (guint i = 0; i < doc->rows->len; i++)
    if (((Row *) g_ptr_array_index (doc->rows, i))->cells != NULL)
      n++;

  return n;
}

static PangoLayout *
new_layout (TxTableDocument *doc,
            const char      *family,
            double           size,
            gboolean         bold,
            const char      *text)
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
  /* a Chinese document reads left to right, even when a name begins
   * with a letter of a right-to-left script */
  pango_layout_set_auto_dir (layout, FALSE);

  return layout;
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
  PangoLayout *layout = new_layout (doc, family, size, bold, text);

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);

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

/* How wide @text is on one line (each of its lines, the widest). */
static double
natural_width (TxTableDocument *doc,
               const char      *family,
               const char      *text,
               int              length)
{
  gboolean sans = g_str_equal (family, TX_FONT_LIST_SANS);
  PangoLayout **layout = sans ? &doc->measure_sans : &doc->measure_serif;
  int width;

  /* one layout for all: measuring every cell of a long list */
  if (*layout == NULL)
    *layout = new_layout (doc, sans ? TX_FONT_LIST_SANS : TX_FONT_LIST_SERIF, CELL_SIZE, FALSE, NULL);
  pango_layout_set_text (*layout, text, length);
  pango_layout_get_size (*layout, &width, NULL);
  return (double) width / PANGO_SCALE;
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
  return doc->widths[column];
}

/* Where a cell's text may wrap: after a space, or after an enumeration
 * comma (between the unit and the title, between two categories). */
static gboolean
is_space (gunichar c)
{
  return c == ' ' || c == '\n' || c == '\t' || c == 0x3000 /* 　 */;
}

static gboolean
is_word_end (gunichar c)
{
  return is_space (c) || c == 0x3001 /* 、 */ || c == 0xFF0C /* ， */ || c == 0xFF1B /* ； */ ||
         c == ',' || c == ';' || c == '/';
}

/* The word of @text at @start: to @word_end with the punctuation after
 * it (which never begins a line), and the next word at @next, after
 * the spaces.  @one_word: the whole text. */
static void
find_word (const char  *start,
           gboolean     one_word,
           const char **word_end,
           const char **next)
{
  const char *end = start;

  while (*end != '\0' && (one_word || !is_word_end (g_utf8_get_char (end))))
    end = g_utf8_next_char (end);
  while (*end != '\0' && is_word_end (g_utf8_get_char (end)) && !is_space (g_utf8_get_char (end)))
    end = g_utf8_next_char (end);
  *word_end = end;
  while (*end != '\0' && is_word_end (g_utf8_get_char (end)))
    end = g_utf8_next_char (end);
  *next = end;
}

/* No line break inside @start … @end of @text */
static void
keep_whole (PangoAttrList *attrs,
            const char    *text,
            const char    *start,
            const char    *end)
{
  PangoAttribute *attr = pango_attr_allow_breaks_new (FALSE);

  attr->start_index = (guint) (start - text);
  attr->end_index = (guint) (end - text);
  pango_attr_list_insert (attrs, attr);
}

/* Keeps each word of @layout's text that fits on a line of @width
 * whole: Pango's line breaking would otherwise break Chinese text
 * between any two characters, and a phone number at its hyphen. */
static void
keep_words_whole (TxTableDocument *doc,
                  PangoLayout     *layout,
                  const char      *family,
                  double           width,
                  gboolean         one_word)
{
  const char *text = pango_layout_get_text (layout);
  PangoAttrList *attrs = pango_attr_list_new ();
  const char *start = text;

  while (*start != '\0')
    {
      const char *end, *next;

      find_word (start, one_word, &end, &next);
      if (g_utf8_strlen (start, end - start) > 1 &&
          natural_width (doc, family, start, (int) (end - start)) <= width)
        keep_whole (attrs, text, start, end);
      else if (!one_word && end > start)
        {
          /* too long for a line (福泉市道路运输服务中心): broken between
           * the words of the dictionary (福泉市道路运输 / 服务中心) */
          g_autoptr(GArray) ends = tx_doc_word_ends (start, end - start);
          const char *word = start;

          for (guint i = 0; i < ends->len; i++)
            {
              const char *word_end = start + g_array_index (ends, gsize, i);

              if (g_utf8_strlen (word, word_end - word) > 1 &&
                  natural_width (doc, family, word, (int) (word_end - word)) <= width)
                keep_whole (attrs, text, word, word_end);
              word = word_end;
            }
        }
      start = next;
    }

  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

/* How wide the widest word of @text is, when wider than @widest (a
 * word of n characters is at most about n em wide: not measured when
 * that is narrower already). */
static double
widest_word (TxTableDocument *doc,
             const char      *family,
             const char      *text,
             gboolean         one_word,
             double           widest)
{
  const char *start = text;

  while (*start != '\0')
    {
      const char *end, *next;

      find_word (start, one_word, &end, &next);
      if (g_utf8_strlen (start, end - start) * CELL_SIZE * 1.1 > widest)
        widest = MAX (widest, natural_width (doc, family, start, (int) (end - start)));
      start = next;
    }

  return widest;
}

/* The layout of a cell's text, the same for measuring and drawing. */
static PangoLayout *
make_cell_layout (TxTableDocument *doc,
                  const char      *family,
                  const char      *text,
                  double           width,
                  PangoAlignment   alignment,
                  gboolean         one_word)
{
  double text_width = width - 2 * CELL_PAD_X;
  PangoLayout *layout = make_layout (doc, family, CELL_SIZE, FALSE, text, text_width, alignment,
                                     0, doc->max_cell_height, PANGO_ELLIPSIZE_END);

  /* wrapped: then only between words */
  if (pango_layout_get_line_count (layout) > 1 || pango_layout_is_ellipsized (layout))
    keep_words_whole (doc, layout, family, text_width, one_word);

  return layout;
}

static double
measure_cell (TxTableDocument *doc,
              const char      *text,
              double           width,
              const char      *family,
              gboolean         one_word)
{
  g_autoptr(PangoLayout) layout = make_cell_layout (doc, family, text, width, PANGO_ALIGN_LEFT, one_word);

  return layout_height (layout) + 2 * CELL_PAD_Y;
}

/* A group title: one or two lines across the table. */
static PangoLayout *
make_group_layout (TxTableDocument *doc,
                   const char      *text)
{
  return make_layout (doc, TX_FONT_LIST_SANS, CELL_SIZE, FALSE, text, content_width (doc) - 2 * CELL_PAD_X,
                      PANGO_ALIGN_LEFT, GROUP_LINES, 0, PANGO_ELLIPSIZE_END);
}

static double
measure_group (TxTableDocument *doc,
               const char      *text)
{
  g_autoptr(PangoLayout) layout = make_group_layout (doc, text);

  return layout_height (layout) + 2 * CELL_PAD_Y;
}

/* The layouts of a row's cells as they are drawn: the header row's
 * centred, as on a ruled form */
static PangoLayout **
make_row_layouts (TxTableDocument  *doc,
                  const char      **cells,
                  const char       *family,
                  gboolean          header)
{
  PangoLayout **layouts = g_new0 (PangoLayout *, doc->n_columns + 1);

  for (guint c = 0; c < doc->n_columns; c++)
    layouts[c] = make_cell_layout (doc, family, cells[c], column_width (doc, c),
                                   header || doc->columns[c].align == TX_ALIGN_CENTER
                                   ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT,
                                   doc->columns[c].whole);

  return layouts;
}

static void
free_row_layouts (PangoLayout **layouts)
{
  for (PangoLayout **layout = layouts; *layout != NULL; layout++)
    g_object_unref (*layout);
  g_free (layouts);
}

/* How tall a row of these layouts is: a row of the table at least
 * doc->min_row_height (room to sign), the header row as its text.  The
 * same whether the row is measured to lay the pages out or drawn. */
static double
row_height (TxTableDocument  *doc,
            PangoLayout     **layouts,
            gboolean          header)
{
  double height = 0;

  for (guint c = 0; c < doc->n_columns; c++)
    height = MAX (height, layout_height (layouts[c]) + 2 * CELL_PAD_Y);

  return header ? height : MAX (height, doc->min_row_height);
}

/* The same, of @cells */
static double
measure_row (TxTableDocument  *doc,
             const char      **cells,
             const char       *family,
             gboolean          header)
{
  PangoLayout **layouts = make_row_layouts (doc, cells, family, header);
  double height = row_height (doc, layouts, header);

  free_row_layouts (layouts);
  return height;
}

/* The widths of the columns on this paper: a fixed one as it is, a
 * fitted one as its widest text on one line, and those that share
 * what is left at least as wide as their widest word, so that no word
 * breaks where the paper allows.  When the paper does not, they all
 * give up some of their width alike. */
static void
compute_widths (TxTableDocument *doc)
{
  double table = content_width (doc);
  double cap = table * MAX_FIT_PART;
  double claimed = 0, weights = 0, least = 0, left;
  guint n_shared = 0;

  g_autofree double *widests = g_new0 (double, doc->n_columns);
  guint n_open = 0;

  /* the widest text of each column but a fixed one, up to the most it
   * may take; the rows once, for all the columns */
  for (guint c = 0; c < doc->n_columns; c++)
    if (doc->columns[c].sizing != TX_COLUMN_FIXED)
      {
        /* the header is a word too */
        widests[c] = natural_width (doc, TX_FONT_LIST_SANS, doc->columns[c].header, -1);
        n_open += widests[c] + 2 * CELL_PAD_X < cap;
      }
  for (guint i = 0; i < n_all_rows (doc) && n_open > 0; i++)
    {
      Row *row = get_row (doc, i);

      for (guint c = 0; c < doc->n_columns && row->cells != NULL; c++)
        {
          const TxTableColumn *column = &doc->columns[c];
          const char *text = row->cells[c];
          gboolean fit = column->sizing == TX_COLUMN_FIT;

          if (column->sizing == TX_COLUMN_FIXED || widests[c] + 2 * CELL_PAD_X >= cap || text[0] == '\0')
            continue;
          if (fit && g_utf8_strlen (text, -1) * CELL_SIZE * 1.1 > widests[c])
            widests[c] = MAX (widests[c], natural_width (doc, TX_FONT_LIST_SERIF, text, -1));
          else if (!fit)
            widests[c] = widest_word (doc, TX_FONT_LIST_SERIF, text, column->whole, widests[c]);
          n_open -= widests[c] + 2 * CELL_PAD_X >= cap;
        }
    }

  for (guint c = 0; c < doc->n_columns; c++)
    {
      const TxTableColumn *column = &doc->columns[c];
      gboolean fit = column->sizing == TX_COLUMN_FIT;
      double widest;

      if (column->sizing == TX_COLUMN_FIXED)
        {
          doc->widths[c] = column->width * TX_MM;
          claimed += doc->widths[c];
          continue;
        }

      widest = CLAMP (widests[c] + 2 * CELL_PAD_X + 1, fit ? column->width * TX_MM : 0, cap);

      if (fit)
        {
          doc->widths[c] = widest;
          claimed += widest;
        }
      else
        {
          /* at least MIN_SHARE_WIDTH, its widest word if it can */
          doc->widths[c] = MAX (widest, MIN_SHARE_WIDTH);
          least += doc->widths[c];
          weights += MAX (column->weight, 0.01);
          n_shared++;
        }
    }

  if (claimed + least > table)
    {
      /* too little paper: the fixed and fitted columns give up width
       * first, to leave the others MIN_SHARE_WIDTH at least */
      double scale = CLAMP ((table - n_shared * MIN_SHARE_WIDTH) / MAX (claimed, 1), 0, 1);
      double room, level = 0;

      for (guint c = 0; c < doc->n_columns; c++)
        if (doc->columns[c].sizing == TX_COLUMN_FIXED || doc->columns[c].sizing == TX_COLUMN_FIT)
          doc->widths[c] *= scale;
      claimed *= scale;

      /* then the shared ones with the longest words, which break
       * anyway: none is wider than a level, the widest that fits */
      room = MAX (table - claimed, 0);
      for (guint c = 0; c < doc->n_columns; c++)
        if (doc->columns[c].sizing == TX_COLUMN_SHARE)
          level = MAX (level, doc->widths[c]);
      for (guint step = 0; step < 50; step++)
        {
          double total = 0;

          for (guint c = 0; c < doc->n_columns; c++)
            if (doc->columns[c].sizing == TX_COLUMN_SHARE)
              total += MIN (doc->widths[c], level);
          if (total <= room)
            break;
          level -= MAX ((total - room) / n_shared, 0.1);
        }
      least = 0;
      for (guint c = 0; c < doc->n_columns; c++)
        if (doc->columns[c].sizing == TX_COLUMN_SHARE)
          {
            doc->widths[c] = MAX (MIN (doc->widths[c], level), 0);
            least += doc->widths[c];
          }
    }

  if (n_shared == 0)
    {
      /* the table spans the text block all the same */
      for (guint c = 0; c < doc->n_columns && claimed > 0; c++)
        doc->widths[c] *= table / claimed;
      return;
    }

  /* what is left, shared by weight */
  left = MAX (table - claimed - least, 0);
  for (guint c = 0; c < doc->n_columns; c++)
    if (doc->columns[c].sizing == TX_COLUMN_SHARE)
      doc->widths[c] += left * MAX (doc->columns[c].weight, 0.01) / weights;
}

static double
draw_centred (TxTableDocument *doc,
              cairo_t         *cr,
              const char      *family,
              double           size,
              gboolean         bold,
              const char      *text,
              int              max_lines,
              PangoEllipsizeMode ellipsize,
              double           y)
{
  g_autoptr(PangoLayout) layout = make_layout (doc, family, size, bold, text, content_width (doc),
                                               PANGO_ALIGN_CENTER, max_lines, 0, ellipsize);
  if (cr != NULL)
    {
      cairo_move_to (cr, TX_MARGIN_LEFT, TX_MARGIN_TOP + y);
      pango_cairo_show_layout (cr, layout);
    }

  return layout_height (layout);
}

/* The title block of the first page: title, subtitle, note, lines. */
static double
draw_title_block (TxTableDocument *doc,
                  cairo_t         *cr)
{
  double width = content_width (doc);
  g_auto(GStrv) lines = NULL;
  g_autofree char *title = NULL;
  double y = 0;

  /* a title over lines is broken between words, the lines balanced;
   * one too long for that is cut in its middle */
  lines = tx_doc_title_lines (doc->title, floor (width / TITLE_SIZE));
  title = g_strv_length (lines) <= TITLE_LINES ? g_strjoinv ("\n", lines) : g_strdup (doc->title);
  y += draw_centred (doc, cr, TX_FONT_LIST_SANS, TITLE_SIZE, TRUE, title,
                     TITLE_LINES, PANGO_ELLIPSIZE_MIDDLE, y) + 6;

  if (doc->subtitle != NULL)
    y += draw_centred (doc, cr, TX_FONT_LIST_SANS, SUBTITLE_SIZE, FALSE, doc->subtitle,
                       SUBTITLE_LINES, PANGO_ELLIPSIZE_END, y) + 4;

  if (doc->note != NULL)
    y += draw_centred (doc, cr, TX_FONT_LIST_SANS, NOTE_SIZE, FALSE, doc->note,
                       NOTE_LINES, PANGO_ELLIPSIZE_END, y) + 4;

  for (guint i = 0; i < doc->lines->len; i++)
    {
      g_autoptr(PangoLayout) layout = make_layout (doc, TX_FONT_LIST_SERIF, LINE_SIZE, FALSE,
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

/* The height of @row on this paper, measured once */
static double
height_of (TxTableDocument *doc,
           Row             *row)
{
  if (row->height < 0)
    row->height = row->cells != NULL
                  ? measure_row (doc, (const char **) row->cells, TX_FONT_LIST_SERIF, FALSE)
                  : measure_group (doc, row->group);

  return row->height;
}

static char *
continued_heading (Row *group)
{
  return g_strconcat (group->group, CONTINUED, NULL);
}

/* The greedy layout of rows 0 to doc->n_shown on pages: a page breaks
 * where the next row does not fit, and before row @forced_break. */
static void
lay_out (TxTableDocument *doc,
         double           body,
         guint            forced_break)
{
  Row *group = NULL;
  guint start = 0;
  double used;

  g_array_set_size (doc->page_starts, 0);
  g_ptr_array_set_size (doc->page_groups, 0);
  g_array_append_val (doc->page_starts, start);
  g_ptr_array_add (doc->page_groups, NULL);
  used = doc->title_height + doc->header_height;

  for (guint i = 0; i < doc->n_shown; i++)
    {
      /* in this order: the row, then the next, held with it */
      Row *row = get_row (doc, i);
      Row *next = i + 1 < doc->n_shown ? get_row (doc, i + 1) : NULL;
      double needed = height_of (doc, row);

      /* a group title is never left alone at the foot of a page */
      if (row->cells == NULL && next != NULL && next->cells != NULL)
        needed += height_of (doc, next);

      if ((used + needed > body || i == forced_break) &&
          i > g_array_index (doc->page_starts, guint, doc->page_starts->len - 1))
        {
          char *heading = row->cells != NULL && group != NULL ? continued_heading (group) : NULL;

          start = i;
          g_array_append_val (doc->page_starts, start);
          g_ptr_array_add (doc->page_groups, heading);
          used = doc->header_height + (heading != NULL ? measure_group (doc, heading) : 0);
        }
      if (row->cells == NULL)
        group = row;
      used += height_of (doc, row);
    }
}

/* Whether rows @first to doc->n_shown hold nobody: blank rows and
 * headings only. */
static gboolean
holds_nobody (TxTableDocument *doc,
              guint            first)
{
  for (guint i = first; i < doc->n_shown; i++)
    {
      Row *row = get_row (doc, i);

      if (row->cells != NULL && !row->blank)
        return FALSE;
    }

  return TRUE;
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
  guint forced_break = G_MAXUINT;
  double line;

  doc->page_width = page_width;
  doc->page_height = page_height;
  doc->max_cell_height = 0;
  doc->n_shown = n_all_rows (doc);
  /* measured again on this paper */
  g_ptr_array_set_size (doc->window, 0);
  for (guint i = 0; i < doc->rows->len; i++)
    ((Row *) g_ptr_array_index (doc->rows, i))->height = -1;

  compute_widths (doc);

  for (guint c = 0; c < doc->n_columns; c++)
    headers[c] = doc->columns[c].header;
  doc->header_height = measure_row (doc, headers, TX_FONT_LIST_SANS, TRUE);
  g_free (headers);

  doc->title_height = draw_title_block (doc, NULL);

  /* The tallest a row may be: ten lines, and with a group title above
   * it, it still fits on the first page under the title block and the
   * header, so on every page.  Three lines at least, on paper too small
   * for that. */
  line = measure_cell (doc, "国", content_width (doc), TX_FONT_LIST_SERIF, FALSE) - 2 * CELL_PAD_Y;
  doc->max_cell_height = CLAMP (body - doc->title_height - doc->header_height - measure_group (doc, "")
                                - 2 * CELL_PAD_Y,
                                MIN_CELL_LINES * line, CELL_LINES * line);

  /* A last page of blank rows alone: they are dropped when blank rows
   * print on the page before; when none do, the last person's row (and
   * the heading of their group, if it would be alone) goes over to
   * them instead, once. */
  lay_out (doc, body, forced_break);
  while (doc->page_starts->len >= 2)
    {
      guint last = g_array_index (doc->page_starts, guint, doc->page_starts->len - 1);
      guint before = g_array_index (doc->page_starts, guint, doc->page_starts->len - 2);
      guint person = G_MAXUINT;
      gboolean blank_before = FALSE;

      if (!holds_nobody (doc, last))
        break;

      for (guint i = before; i < last; i++)
        {
          Row *row = get_row (doc, i);

          if (row->cells != NULL && row->blank)
            blank_before = TRUE;
          else if (row->cells != NULL)
            person = i;
        }

      if (!blank_before && forced_break == G_MAXUINT && person != G_MAXUINT)
        {
          if (person > before && get_row (doc, person - 1)->cells == NULL)
            person--;
          if (person > before)
            {
              forced_break = person;
              lay_out (doc, body, forced_break);
              continue;
            }
        }

      doc->n_shown = last;
      g_array_set_size (doc->page_starts, doc->page_starts->len - 1);
      g_ptr_array_set_size (doc->page_groups, doc->page_groups->len - 1);
    }

  return doc->page_starts->len;
}

guint
tx_table_document_get_n_pages (TxTableDocument *doc)
{
  return doc->page_starts->len;
}

/**
 * tx_table_document_get_n_shown_rows:
 *
 * Returns: how many rows (with the group headings) the pages hold:
 *   fewer than were added when blank rows were dropped
 */
guint
tx_table_document_get_n_shown_rows (TxTableDocument *doc)
{
  return doc->n_shown;
}

/**
 * tx_table_document_get_n_dropped_blank_rows:
 *
 * Returns: how many blank rows the last pagination left out, as they
 *   would have been alone on a page
 */
guint
tx_table_document_get_n_dropped_blank_rows (TxTableDocument *doc)
{
  guint n = 0;

  for (guint i = doc->n_shown; i < n_all_rows (doc); i++)
    if (get_row (doc, i)->cells != NULL)
      n++;

  return n;
}

/**
 * tx_table_document_get_column_width:
 *
 * Returns: the width of @column on the paper of the last
 *   tx_table_document_paginate(), in points
 */
double
tx_table_document_get_column_width (TxTableDocument *doc,
                                    guint            column)
{
  g_return_val_if_fail (column < doc->n_columns, 0);

  return doc->widths[column];
}

static void
draw_row_layouts (TxTableDocument  *doc,
                  cairo_t          *cr,
                  PangoLayout     **layouts,
                  double            y,
                  double            height,
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
      double text_height = layout_height (layouts[c]);

      cairo_rectangle (cr, x, y, width, height);
      cairo_stroke (cr);

      /* centred vertically, as in a hand-ruled form; never outside
       * the cell, whatever the text */
      cairo_save (cr);
      cairo_rectangle (cr, x, y, width, height);
      cairo_clip (cr);
      cairo_move_to (cr, x + CELL_PAD_X, y + (height - text_height) / 2);
      pango_cairo_show_layout (cr, layouts[c]);
      cairo_restore (cr);

      x += width;
    }
}

static void
draw_group (TxTableDocument *doc,
            cairo_t         *cr,
            const char      *title,
            double           y,
            double           height)
{
  g_autoptr(PangoLayout) layout = make_group_layout (doc, title);

  cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
  cairo_rectangle (cr, TX_MARGIN_LEFT, y, content_width (doc), height);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, GRID_WIDTH);
  cairo_stroke (cr);

  cairo_save (cr);
  cairo_rectangle (cr, TX_MARGIN_LEFT, y, content_width (doc), height);
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
  PangoLayout **layouts;
  const char **headers;
  const char *continued;
  guint first, last;
  double y = TX_MARGIN_TOP;

  g_return_if_fail (page < doc->page_starts->len);

  first = g_array_index (doc->page_starts, guint, page);
  last = page + 1 < doc->page_starts->len ? g_array_index (doc->page_starts, guint, page + 1) : doc->n_shown;
  continued = g_ptr_array_index (doc->page_groups, page);

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
  layouts = make_row_layouts (doc, headers, TX_FONT_LIST_SANS, TRUE);
  draw_row_layouts (doc, cr, layouts, y, doc->header_height, 0.88);
  free_row_layouts (layouts);
  g_free (headers);
  y += doc->header_height;

  /* the heading of a group continued from the page before */
  if (continued != NULL)
    {
      double height = measure_group (doc, continued);

      draw_group (doc, cr, continued, y, height);
      y += height;
    }

  for (guint i = first; i < last; i++)
    {
      Row *row = get_row (doc, i);

      if (row->cells != NULL)
        {
          layouts = make_row_layouts (doc, (const char **) row->cells, TX_FONT_LIST_SERIF, FALSE);
          /* a row read again: measured from the layouts it is drawn with */
          if (row->height < 0)
            row->height = row_height (doc, layouts, FALSE);
          draw_row_layouts (doc, cr, layouts, y, row->height, 1.0);
          free_row_layouts (layouts);
        }
      else
        draw_group (doc, cr, row->group, y, height_of (doc, row));
      y += row->height;
    }

  /* "第 1 页 共 3 页" */
  {
    g_autofree char *footer = g_strdup_printf ("第 %u 页 共 %u 页", page + 1, doc->page_starts->len);
    g_autoptr(PangoLayout) layout = make_layout (doc, TX_FONT_LIST_SERIF, FOOTER_SIZE, FALSE, footer,
                                                 content_width (doc), PANGO_ALIGN_CENTER,
                                                 0, 0, PANGO_ELLIPSIZE_NONE);

    cairo_set_source_rgb (cr, 0, 0, 0);
    cairo_move_to (cr, TX_MARGIN_LEFT, doc->page_height - TX_MARGIN_BOTTOM + 20);
    pango_cairo_show_layout (cr, layout);
  }

  cairo_restore (cr);
}

/**
 * tx_table_document_take_row_error:
 *
 * Whether every row asked for so far (tx_table_document_set_rows()),
 * to lay the pages out or to draw them, could be had: one that could
 * not was drawn empty, and what was laid out or drawn must not be used.
 *
 * Returns: %FALSE with @error set to why the first could not
 */
gboolean
tx_table_document_take_row_error (TxTableDocument  *doc,
                                  GError          **error)
{
  if (doc->row_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&doc->row_error));
      return FALSE;
    }

  return TRUE;
}

static gboolean
draw_page (cairo_t   *cr,
           guint      page,
           gpointer   user_data,
           GError   **error)
{
  TxTableDocument *doc = user_data;

  tx_table_document_draw_page (doc, cr, page);

  return tx_table_document_take_row_error (doc, error);
}

/**
 * tx_table_document_write_pdf:
 *
 * Writes every page on A4, portrait or as set with
 * tx_table_document_set_landscape(), to @path, whole or not at all: a
 * failure (a full disk, a row that could not be had) leaves an earlier
 * file at @path as it was.
 */
gboolean
tx_table_document_write_pdf (TxTableDocument  *doc,
                             const char       *path,
                             GError          **error)
{
  double width = doc->landscape ? TX_A4_HEIGHT : TX_A4_WIDTH;
  double height = doc->landscape ? TX_A4_WIDTH : TX_A4_HEIGHT;
  guint n_pages = tx_table_document_paginate (doc, width, height);

  /* a row that could not be had while the pages were laid out */
  if (doc->row_error != NULL)
    {
      g_set_error (error, TX_FILE_ERROR, TX_FILE_ERROR_FAILED,
                   _("Could not write “%s”: %s. Nothing was written."), path, doc->row_error->message);
      g_clear_error (&doc->row_error);
      return FALSE;
    }

  return tx_doc_file_write_checked (path, TX_DOC_FILE_PDF, width, height, n_pages,
                                    doc->title, draw_page, doc, error);
}
