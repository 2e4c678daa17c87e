/* tx-table-document.h — printed lists: a title block and a long table
 *
 * The roster and the sign-in sheet are both this: A4, the margins and
 * fonts of official documents, a table whose header repeats on every
 * page, cells that wrap instead of cutting text, and "第 1 页 共 N 页".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* A4 in points, and the margins of GB/T 9704-2012 */
#define TX_A4_WIDTH        595.276
#define TX_A4_HEIGHT       841.890
#define TX_MM              (72.0 / 25.4)
#define TX_MARGIN_TOP      (37.0 * TX_MM)
#define TX_MARGIN_BOTTOM   (35.0 * TX_MM)
#define TX_MARGIN_LEFT     (28.0 * TX_MM)
#define TX_MARGIN_RIGHT    (26.0 * TX_MM)

/* Font families with the fallbacks found on Linux (DESIGN §7) */
#define TX_FONT_TITLE  "方正小标宋简体,小标宋,Noto Serif CJK SC"
#define TX_FONT_BODY   "仿宋_GB2312,仿宋,FangSong,Noto Serif CJK SC"
#define TX_FONT_HEADER "黑体,SimHei,Noto Sans CJK SC"
#define TX_FONT_KAI    "楷体_GB2312,楷体,KaiTi,Noto Serif CJK SC"

/* The faces of the printed lists, named exactly (fonts-noto-cjk): the
 * sans face for the title, the header row and the group headings, the
 * serif face for the names and the other cells.  A list drawn by
 * Tongxin itself looks the same on every computer. */
#define TX_FONT_LIST_SANS  "Noto Sans CJK SC"
#define TX_FONT_LIST_SERIF "Noto Serif CJK SC"

typedef enum {
  TX_ALIGN_START,
  TX_ALIGN_CENTER,
} TxAlign;

typedef enum {
  TX_COLUMN_SHARE,   /* a share (weight) of what the other columns leave */
  TX_COLUMN_FIXED,   /* width mm wide */
  TX_COLUMN_FIT,     /* as wide as its widest text on one line, at least width mm */
} TxColumnSizing;

typedef struct {
  const char     *header;
  double          weight;    /* TX_COLUMN_SHARE: its share */
  TxAlign         align;
  TxColumnSizing  sizing;
  double          width;     /* mm: FIXED's width, FIT's least */
  gboolean        whole;     /* each cell is one word (a phone number):
                              * never wrapped where it fits */
} TxTableColumn;

typedef struct _TxTableDocument TxTableDocument;

/* Row @index's cells, one new string for each column, into @cells;
 * FALSE with @error set when it cannot be had */
typedef gboolean (*TxTableRowFunc) (guint      index,
                                    char     **cells,
                                    gpointer   user_data,
                                    GError   **error);

TxTableDocument *tx_table_document_new          (const char            *title,
                                                 const TxTableColumn   *columns,
                                                 guint                  n_columns);
void             tx_table_document_free         (TxTableDocument       *doc);
void             tx_table_document_add_line     (TxTableDocument       *doc,
                                                 const char            *line);
void             tx_table_document_set_note     (TxTableDocument       *doc,
                                                 const char            *note);
void             tx_table_document_set_subtitle (TxTableDocument       *doc,
                                                 const char            *subtitle);
void             tx_table_document_set_landscape (TxTableDocument      *doc,
                                                 gboolean               landscape);
gboolean         tx_table_document_get_landscape (TxTableDocument      *doc);
void             tx_table_document_set_min_row_height (TxTableDocument *doc,
                                                 double                 points);
void             tx_table_document_add_row      (TxTableDocument       *doc,
                                                 const char * const    *cells);
void             tx_table_document_add_blank_row (TxTableDocument      *doc,
                                                 const char * const    *cells);
void             tx_table_document_add_group    (TxTableDocument       *doc,
                                                 const char            *title);
void             tx_table_document_set_rows     (TxTableDocument       *doc,
                                                 guint                  n_rows,
                                                 TxTableRowFunc         func,
                                                 gpointer               user_data,
                                                 GDestroyNotify         destroy);
guint            tx_table_document_get_n_rows   (TxTableDocument       *doc);

/* Lays the rows out on pages of the given size (points). */
guint            tx_table_document_paginate     (TxTableDocument       *doc,
                                                 double                 page_width,
                                                 double                 page_height);
guint            tx_table_document_get_n_pages  (TxTableDocument       *doc);
guint            tx_table_document_get_n_shown_rows (TxTableDocument   *doc);
guint            tx_table_document_get_n_dropped_blank_rows (TxTableDocument *doc);
double           tx_table_document_get_column_width (TxTableDocument   *doc,
                                                 guint                  column);
void             tx_table_document_draw_page    (TxTableDocument       *doc,
                                                 cairo_t               *cr,
                                                 guint                  page);
gboolean         tx_table_document_take_row_error (TxTableDocument     *doc,
                                                 GError               **error);
gboolean         tx_table_document_write_pdf    (TxTableDocument       *doc,
                                                 const char            *path,
                                                 GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxTableDocument, tx_table_document_free)

G_END_DECLS
