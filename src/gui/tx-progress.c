/* tx-progress.c — how far a worker is, shown in a progress bar
 *
 * A worker says how far it is with tx_progress_set(), from its own
 * thread, as often as it likes; the window looks a few times a second
 * (tx_progress_watch()) and moves the bar, or pulses it while the
 * worker does not yet know how much there is.  The worker never waits
 * for the window, nor the window for the worker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tx-progress.h"

/* How often the bar is moved, ms */
#define TICK_MS 100

typedef struct {
  TxProgress         *progress;
  GtkProgressBar     *bar;
  TxProgressTextFunc  text;
} Watch;

/* From the worker's thread */
void
tx_progress_set (TxProgress *progress,
                 guint       done,
                 guint       total)
{
  g_atomic_int_set (&progress->total, (int) total);
  g_atomic_int_set (&progress->done, (int) done);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  Watch *watch = user_data;
  int total = g_atomic_int_get (&watch->progress->total);
  int done = g_atomic_int_get (&watch->progress->done);

  if (total <= 0)
    {
      gtk_progress_bar_pulse (watch->bar);
      return G_SOURCE_CONTINUE;
    }

  gtk_progress_bar_set_fraction (watch->bar, CLAMP ((double) done / total, 0, 1));
  if (watch->text != NULL)
    {
      g_autofree char *text = watch->text (done, total);

      gtk_progress_bar_set_text (watch->bar, text);
    }

  return G_SOURCE_CONTINUE;
}

/**
 * tx_progress_watch:
 * @progress: (not nullable): what the worker writes; it and @bar must
 *   outlive the watch
 * @text: (nullable): the bar's text, from how far the worker is
 *
 * Returns: the id of the watch, to be removed (g_source_remove()) when
 *   the worker is done
 */
guint
tx_progress_watch (TxProgress         *progress,
                   GtkProgressBar     *bar,
                   TxProgressTextFunc  text)
{
  Watch *watch = g_new (Watch, 1);

  watch->progress = progress;
  watch->bar = bar;
  watch->text = text;

  return g_timeout_add_full (G_PRIORITY_DEFAULT, TICK_MS, on_tick_cb, watch, g_free);
}
