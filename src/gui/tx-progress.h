/* tx-progress.h — how far a worker is, shown in a progress bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Written by the worker, read by the window: both atomic */
typedef struct {
  int done;
  int total;   /* 0 until known: the bar pulses */
} TxProgress;

/* The bar's text for @done of @total, or NULL for none */
typedef char *(*TxProgressTextFunc) (int done,
                                     int total);

void  tx_progress_set   (TxProgress         *progress,
                         guint               done,
                         guint               total);
guint tx_progress_watch (TxProgress         *progress,
                         GtkProgressBar     *bar,
                         TxProgressTextFunc  text);

G_END_DECLS
