/* tx-text-rows.h — a list of rows of text, changed a few a frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What a row says */
typedef struct {
  char     *title;
  char     *subtitle;   /* or NULL */
  gboolean  warning;    /* with a warning sign before it */
} TxTextRow;

TxTextRow  *tx_text_row_new          (const char *title,
                                      const char *subtitle,
                                      gboolean    warning);
void        tx_text_row_free         (TxTextRow  *row);

typedef struct _TxTextRows TxTextRows;

TxTextRows *tx_text_rows_new         (GtkListBox *list);
void        tx_text_rows_free        (TxTextRows *self);
void        tx_text_rows_show        (TxTextRows *self,
                                      GPtrArray  *rows);
gboolean    tx_text_rows_is_filling  (TxTextRows *self);
gboolean    tx_text_rows_frame_allows (GtkWidget *list,
                                       guint      lines);
guint       tx_text_rows_count_lines (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxTextRows, tx_text_rows_free)

/* Shows the next rows the frame allows (tx_text_rows_frame_allows()),
 * or all of them (@all); returns whether rows are left to show. */
typedef gboolean (*TxRowPacerFunc) (gpointer data,
                                    gboolean all);

/* Shows a list's rows a few a frame: see tx_row_pacer_start() */
typedef struct {
  GtkWidget      *list;
  TxRowPacerFunc  show;
  gpointer        data;
  guint           tick_id;
} TxRowPacer;

void        tx_row_pacer_init        (TxRowPacer     *pacer,
                                      GtkWidget      *list,
                                      TxRowPacerFunc  show,
                                      gpointer        data);
void        tx_row_pacer_start       (TxRowPacer     *pacer);
void        tx_row_pacer_stop        (TxRowPacer     *pacer);
gboolean    tx_row_pacer_is_running  (TxRowPacer     *pacer);

G_END_DECLS
