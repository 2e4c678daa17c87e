/* tx-after-frame.c — work done once the frame that shows a widget is
 * painted
 *
 * A page or a form shown for the first time may take longer to make and
 * lay out than a frame: what the clerk needs first (the page and its
 * count, the form's first sections) is painted at once, the rest made
 * just after, in the main loop's next turn after that frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tx-after-frame.h"

typedef struct
{
  guint             id;
  GtkWidget        *widget;     /* unowned: its end ends the wait */
  TxAfterFrameFunc  func;
  guint             tick_id;
  guint             idle_id;
  gulong            unmap_id;
} AfterFrame;

/* id → AfterFrame: what is still to be done */
static GHashTable *waiting;
static guint       last_id;

static void
on_widget_finalized_cb (gpointer  data,
                        GObject  *where_the_object_was)
{
  AfterFrame *after = data;

  /* its tick callbacks and handlers went with it */
  after->widget = NULL;
  after->tick_id = 0;
  after->unmap_id = 0;
  g_hash_table_remove (waiting, GUINT_TO_POINTER (after->id));
}

static void
after_frame_free (gpointer data)
{
  AfterFrame *after = data;

  if (after->widget != NULL)
    {
      if (after->tick_id != 0)
        gtk_widget_remove_tick_callback (after->widget, after->tick_id);
      g_clear_signal_handler (&after->unmap_id, after->widget);
      g_object_weak_unref (G_OBJECT (after->widget), on_widget_finalized_cb, after);
    }
  g_clear_handle_id (&after->idle_id, g_source_remove);
  g_free (after);
}

static gboolean
run_cb (gpointer data)
{
  AfterFrame *after = data;
  g_autoptr(GtkWidget) widget = g_object_ref (after->widget);
  TxAfterFrameFunc func = after->func;

  after->idle_id = 0;
  g_hash_table_remove (waiting, GUINT_TO_POINTER (after->id));
  func (widget);

  return G_SOURCE_REMOVE;
}

/* In the main loop's next turn: after the frame being painted */
static void
run_soon (AfterFrame *after)
{
  if (after->tick_id != 0)
    gtk_widget_remove_tick_callback (after->widget, after->tick_id);
  after->tick_id = 0;
  g_clear_signal_handler (&after->unmap_id, after->widget);
  if (after->idle_id == 0)
    after->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, run_cb, after, NULL);
}

static gboolean
on_frame_cb (GtkWidget     *widget,
             GdkFrameClock *frame_clock,
             gpointer       data)
{
  AfterFrame *after = data;

  after->tick_id = 0;
  run_soon (after);

  return G_SOURCE_REMOVE;
}

/* Out of sight before its frame: no frame will come, the work is done
 * all the same */
static void
on_unmap_cb (GtkWidget *widget,
             gpointer   data)
{
  run_soon (data);
}

/**
 * tx_after_frame:
 * @widget: a mapped widget
 * @func: what to do with @widget
 *
 * Calls @func once the frame that paints @widget now has been painted,
 * or at once (in the main loop's next turn) if @widget is not mapped or
 * is unmapped before.  Nothing is called if @widget is finalized first.
 *
 * Returns: an id for tx_after_frame_cancel()
 */
guint
tx_after_frame (GtkWidget        *widget,
                TxAfterFrameFunc  func)
{
  AfterFrame *after = g_new0 (AfterFrame, 1);

  g_return_val_if_fail (GTK_IS_WIDGET (widget), 0);

  if (waiting == NULL)
    waiting = g_hash_table_new_full (NULL, NULL, NULL, after_frame_free);

  after->id = ++last_id;
  after->func = func;
  after->widget = widget;
  g_object_weak_ref (G_OBJECT (widget), on_widget_finalized_cb, after);
  g_hash_table_insert (waiting, GUINT_TO_POINTER (after->id), after);

  if (gtk_widget_get_mapped (widget))
    {
      after->tick_id = gtk_widget_add_tick_callback (widget, on_frame_cb, after, NULL);
      after->unmap_id = g_signal_connect (widget, "unmap", G_CALLBACK (on_unmap_cb), after);
    }
  else
    run_soon (after);

  return after->id;
}

/**
 * tx_after_frame_cancel:
 * @id: (inout): what tx_after_frame() returned, or 0
 *
 * Nothing is called for @id; @id is set to 0.
 */
void
tx_after_frame_cancel (guint *id)
{
  if (*id != 0 && waiting != NULL)
    g_hash_table_remove (waiting, GUINT_TO_POINTER (*id));
  *id = 0;
}

/**
 * tx_after_frame_pending:
 *
 * How many calls of tx_after_frame() still wait for their frame: a
 * test waits for none before it reads what is shown.
 */
guint
tx_after_frame_pending (void)
{
  return waiting != NULL ? g_hash_table_size (waiting) : 0;
}
