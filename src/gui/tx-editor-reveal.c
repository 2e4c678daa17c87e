/* tx-editor-reveal.c — the form shown, and the place in the form a
 * reason points to
 *
 * The form shown from nothing (no record, or the first one) is laid out
 * whole, hundreds of labels shaped for the first time: its first
 * sections are painted in the frame that shows it, the others just
 * after, so that choosing a record paints at once.
 *
 * A reason of the Overview (a stage overdue, feedback awaited) opens
 * its record at the place concerned: the section that holds the place
 * gives its widget (TxEditorSection find_place), which is scrolled
 * into sight, given the focus and marked for a moment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "tx-after-frame.h"
#include "tx-editor-private.h"
#include "tx-editor-section.h"

#define MARK_SECONDS 4
#define MARGIN 12
#define STILL_TICKS 3
#define MAX_TICKS 120   /* two seconds at most */

typedef struct {
  GWeakRef  editor;
  GWeakRef  target;
  guint     ticks;
  guint     still;    /* frames the place has not moved */
  gboolean  marked;
} Reveal;

static void
reveal_free (gpointer data)
{
  Reveal *reveal = data;

  g_weak_ref_clear (&reveal->editor);
  g_weak_ref_clear (&reveal->target);
  g_free (reveal);
}

static gboolean
on_unmark_cb (gpointer data)
{
  g_autoptr(GtkWidget) target = g_weak_ref_get (data);

  if (target != NULL)
    gtk_widget_remove_css_class (target, "tx-revealed");
  g_weak_ref_clear (data);
  g_free (data);

  return G_SOURCE_REMOVE;
}

/* Once the form is laid out with the record, the place is scrolled to
 * the top of the form's view; and again while the layout settles (the
 * leaflet unfolding, lines wrapping anew at another width), until it
 * stays put a few frames. */
static gboolean
on_tick_cb (GtkWidget     *scrolled_window,
            GdkFrameClock *clock,
            gpointer       data)
{
  Reveal *reveal = data;
  g_autoptr(TxEditor) editor = g_weak_ref_get (&reveal->editor);
  g_autoptr(GtkWidget) target = g_weak_ref_get (&reveal->target);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled_window));
  graphene_point_t point;
  double value;

  if (editor == NULL || target == NULL || ++reveal->ticks > MAX_TICKS)
    return G_SOURCE_REMOVE;
  if (gtk_widget_get_height (target) == 0
      || !gtk_widget_compute_point (target, scrolled_window, &GRAPHENE_POINT_INIT (0, 0), &point))
    return G_SOURCE_CONTINUE;

  /* where the place is in the whole form: where it is seen, plus how
   * far the form is scrolled */
  value = CLAMP (gtk_adjustment_get_value (adjustment) + point.y - MARGIN,
                 gtk_adjustment_get_lower (adjustment),
                 gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
  if (fabs (gtk_adjustment_get_value (adjustment) - value) > 0.5)
    {
      gtk_adjustment_set_value (adjustment, value);
      reveal->still = 0;
    }
  else
    reveal->still++;

  if (!reveal->marked)
    {
      GWeakRef *unmark = g_new0 (GWeakRef, 1);

      gtk_widget_grab_focus (target);
      gtk_widget_add_css_class (target, "tx-revealed");
      g_weak_ref_init (unmark, target);
      g_timeout_add_seconds (MARK_SECONDS, on_unmark_cb, unmark);
      reveal->marked = TRUE;
    }

  return reveal->still < STILL_TICKS ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/**
 * tx_editor_reveal:
 * @place: a place in the record ("stage:N", "feedback")
 *
 * Shows @place of the record shown: scrolled into sight, focused, and
 * marked for a moment.
 *
 * Returns: whether a section of the form holds @place
 */
gboolean
tx_editor_reveal (TxEditor   *self,
                  const char *place)
{
  TxEditorPrivate *priv;
  GtkWidget *target = NULL;
  Reveal *reveal;

  g_return_val_if_fail (TX_IS_EDITOR (self), FALSE);

  priv = tx_editor_get_private (self);
  for (guint i = 0; target == NULL && place != NULL && i < priv->sections->len; i++)
    target = tx_editor_section_find_place (g_ptr_array_index (priv->sections, i), place);

  if (target == NULL)
    return FALSE;

  /* the place may be in a section not shown yet */
  tx_editor_stop_showing_form (self);
  reveal = g_new0 (Reveal, 1);
  g_weak_ref_init (&reveal->editor, self);
  g_weak_ref_init (&reveal->target, target);
  gtk_widget_add_tick_callback (GTK_WIDGET (priv->scrolled_window), on_tick_cb, reveal, reveal_free);

  return TRUE;
}

/* The sections shown in the form's first frame */
#define FIRST_SECTIONS 2

static void
show_all_sections (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_private (self);

  for (guint i = 0; i < priv->sections->len; i++)
    gtk_widget_set_child_visible (g_ptr_array_index (priv->sections, i), TRUE);
}

/* The first frame is painted: the other sections now */
static void
show_all_sections_cb (GtkWidget *widget)
{
  TxEditor *self = TX_EDITOR (widget);
  TxEditorPrivate *priv = tx_editor_get_private (self);

  priv->steps_after_id = 0;
  show_all_sections (self);
}

/**
 * tx_editor_show_form:
 *
 * Shows the form, in two steps when it was not shown: see above.
 */
void
tx_editor_show_form (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_private (self);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (priv->stack), "form") == 0)
    return;

  tx_editor_stop_showing_form (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      for (guint i = FIRST_SECTIONS; i < priv->sections->len; i++)
        gtk_widget_set_child_visible (g_ptr_array_index (priv->sections, i), FALSE);
      priv->steps_after_id = tx_after_frame (GTK_WIDGET (self), show_all_sections_cb);
    }
  gtk_stack_set_visible_child_name (priv->stack, "form");
}

/* Every section shown now, none left for later */
void
tx_editor_stop_showing_form (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_private (self);

  tx_after_frame_cancel (&priv->steps_after_id);
  if (priv->sections != NULL)
    show_all_sections (self);
}
