/* tx-speech-row.c — one speech in the minutes: who spoke, and what
 * was said, in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-speech-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-editor-section.h"
#include "tx-off-reason.h"
#include "tx-speech-row.h"

struct _TxSpeechRow
{
  GtkListBoxRow  parent_instance;

  /* template children */
  GtkLabel      *number_label;
  GtkEntry      *speaker_entry;
  GtkButton     *up_button;
  GtkButton     *down_button;
  GtkButton     *remove_button;
  GtkTextView   *summary_view;
  GtkTextBuffer *summary_buffer;
};

G_DEFINE_FINAL_TYPE (TxSpeechRow, tx_speech_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  CHANGED,
  MOVE,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_changed_cb (TxSpeechRow *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_up_button_clicked_cb (TxSpeechRow *self)
{
  g_signal_emit (self, signals[MOVE], 0, -1);
}

static void
on_down_button_clicked_cb (TxSpeechRow *self)
{
  g_signal_emit (self, signals[MOVE], 0, 1);
}

static void
on_remove_button_clicked_cb (TxSpeechRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
tx_speech_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TX_TYPE_SPEECH_ROW);

  G_OBJECT_CLASS (tx_speech_row_parent_class)->dispose (object);
}

/* Tab from the speaker goes to what was said, the next thing typed;
 * the row's buttons come after it going back (Shift+Tab). */
static gboolean
on_speaker_key_pressed_cb (GtkEventControllerKey *controller,
                           guint                  keyval,
                           guint                  keycode,
                           GdkModifierType        state,
                           TxSpeechRow           *self)
{
  if ((keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab) &&
      (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)) == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->summary_view));

  return FALSE;
}

static void
tx_speech_row_class_init (TxSpeechRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_speech_row_dispose;

  /* The speaker or the summary was typed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * TxSpeechRow::move:
   * @offset: -1 up, 1 down
   */
  signals[MOVE] = g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-speech-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TxSpeechRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, TxSpeechRow, speaker_entry);
  gtk_widget_class_bind_template_child (widget_class, TxSpeechRow, up_button);
  gtk_widget_class_bind_template_child (widget_class, TxSpeechRow, down_button);
  gtk_widget_class_bind_template_child (widget_class, TxSpeechRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, TxSpeechRow, summary_view);
  gtk_widget_class_bind_template_child (widget_class, TxSpeechRow, summary_buffer);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_up_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_down_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_button_clicked_cb);
}

static void
tx_speech_row_init (TxSpeechRow *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* not in the template: there, each would cost a round trip to the X
   * server, for each speech of the minutes */
  tx_widget_set_tooltip (GTK_WIDGET (self->up_button), _("Move Up"));
  tx_widget_set_tooltip (GTK_WIDGET (self->down_button), _("Move Down"));
  tx_widget_set_tooltip (GTK_WIDGET (self->remove_button), _("Remove This Speech"));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_speaker_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->speaker_entry), keys);
}

GtkWidget *
tx_speech_row_new (const char *speaker,
                   const char *summary)
{
  TxSpeechRow *self = g_object_new (TX_TYPE_SPEECH_ROW, NULL);

  tx_editor_section_set_text (self->speaker_entry, speaker);
  tx_editor_section_set_buffer_text (self->summary_buffer, summary);

  return GTK_WIDGET (self);
}

char *
tx_speech_row_dup_speaker (TxSpeechRow *self)
{
  g_return_val_if_fail (TX_IS_SPEECH_ROW (self), NULL);

  return tx_editor_section_dup_text (self->speaker_entry);
}

char *
tx_speech_row_dup_summary (TxSpeechRow *self)
{
  g_return_val_if_fail (TX_IS_SPEECH_ROW (self), NULL);

  return tx_editor_section_dup_buffer_text (self->summary_buffer);
}

/* Its number, and what it can be moved to, said to screen readers too. */
void
tx_speech_row_set_position (TxSpeechRow *self,
                            guint        position,
                            guint        n_speeches)
{
  g_autofree char *number = NULL;
  g_autofree char *speaker_label = NULL;
  g_autofree char *summary_label = NULL;

  g_return_if_fail (TX_IS_SPEECH_ROW (self));

  number = g_strdup_printf ("%u", position + 1);
  /* Translators: %u is the number of a speech in the minutes */
  speaker_label = g_strdup_printf (_("Speaker of speech %u"), position + 1);
  /* Translators: %u is the number of a speech in the minutes */
  summary_label = g_strdup_printf (_("Summary of speech %u"), position + 1);

  gtk_label_set_label (self->number_label, number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->speaker_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, speaker_label,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->summary_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, summary_label,
                                  -1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->up_button), position > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->down_button), position + 1 < n_speeches);
}

/**
 * tx_speech_row_focus:
 * @offset: 0 for the speaker, -1 for the button up, 1 for the one down
 */
void
tx_speech_row_focus (TxSpeechRow *self,
                     int          offset)
{
  g_return_if_fail (TX_IS_SPEECH_ROW (self));

  if (offset < 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->up_button));
  else if (offset > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->down_button));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->speaker_entry));
}
