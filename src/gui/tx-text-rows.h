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

G_END_DECLS
