/* tx-consultation-minutes-section.c — the minutes of the meeting: who
 * recorded them, the agenda, the speeches in order, the consensus and
 * the next steps
 *
 * Part of the form: kept with Save.  A consultation whose minutes are
 * all empty gets no minutes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-consultation-minutes-section"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-consultation-edit.h"
#include "tx-consultation-minutes-section.h"
#include "tx-editor.h"
#include "tx-speech-row.h"

struct _TxConsultationMinutesSection
{
  GtkBox         parent_instance;

  /* template children */
  AdwEntryRow   *recorder_row;
  GtkTextBuffer *agenda_buffer;
  GtkListBox    *speeches_list;
  GtkTextBuffer *consensus_buffer;
  GtkTextBuffer *next_steps_buffer;

  /* state */
  guint          updating;
};

static void tx_consultation_minutes_section_iface_init (TxEditorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TxConsultationMinutesSection, tx_consultation_minutes_section, GTK_TYPE_BOX,
                               G_IMPLEMENT_INTERFACE (TX_TYPE_EDITOR_SECTION,
                                                      tx_consultation_minutes_section_iface_init))

static void
on_form_changed_cb (TxConsultationMinutesSection *self)
{
  if (self->updating > 0)
    return;

  tx_editor_section_changed (TX_EDITOR_SECTION (self));
}

static void
on_entry_activated_cb (TxConsultationMinutesSection *self)
{
  tx_editor_section_save_on_enter (GTK_WIDGET (self));
}

/* Speeches */

static guint
count_speeches (TxConsultationMinutesSection *self)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (self->speeches_list, n) != NULL)
    n++;

  return n;
}

static void
number_speeches (TxConsultationMinutesSection *self)
{
  guint n = count_speeches (self);

  for (guint i = 0; i < n; i++)
    tx_speech_row_set_position (TX_SPEECH_ROW (gtk_list_box_get_row_at_index (self->speeches_list, i)), i, n);
}

static void
on_speech_move_cb (TxSpeechRow                  *row,
                   int                           offset,
                   TxConsultationMinutesSection *self)
{
  int position = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  int other = position + offset;

  if (other < 0 || other >= (int) count_speeches (self))
    return;

  g_object_ref (row);
  gtk_list_box_remove (self->speeches_list, GTK_WIDGET (row));
  gtk_list_box_insert (self->speeches_list, GTK_WIDGET (row), other);
  g_object_unref (row);
  number_speeches (self);

  /* The cursor follows the speech. */
  tx_speech_row_focus (row, offset);
  on_form_changed_cb (self);
}

static void
on_speech_remove_cb (TxSpeechRow                  *row,
                     TxConsultationMinutesSection *self)
{
  gtk_list_box_remove (self->speeches_list, GTK_WIDGET (row));
  number_speeches (self);
  on_form_changed_cb (self);
}

static TxSpeechRow *
append_speech (TxConsultationMinutesSection *self,
               const char                   *speaker,
               const char                   *summary)
{
  GtkWidget *row = tx_speech_row_new (speaker, summary);

  g_signal_connect_object (row, "changed", G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "move", G_CALLBACK (on_speech_move_cb), self, 0);
  g_signal_connect_object (row, "remove", G_CALLBACK (on_speech_remove_cb), self, 0);
  gtk_list_box_append (self->speeches_list, row);

  return TX_SPEECH_ROW (row);
}

static void
on_add_speech_button_clicked_cb (TxConsultationMinutesSection *self)
{
  tx_consultation_minutes_section_add_speech (self);
}

/* TxEditorSection */

static void
tx_consultation_minutes_section_set_record (TxEditorSection *section,
                                           GObject         *record,
                                           gboolean         refill)
{
  TxConsultationMinutesSection *self = TX_CONSULTATION_MINUTES_SECTION (section);
  TxConsultation *consultation = TX_CONSULTATION (record);
  GPtrArray *speeches;

  if (!refill)
    return;

  self->updating++;

  tx_editor_section_set_text (self->recorder_row, tx_consultation_get_recorder (consultation));
  tx_editor_section_set_buffer_text (self->agenda_buffer, tx_consultation_get_agenda (consultation));
  tx_editor_section_set_buffer_text (self->consensus_buffer, tx_consultation_get_consensus (consultation));
  tx_editor_section_set_buffer_text (self->next_steps_buffer, tx_consultation_get_next_steps (consultation));

  tx_editor_section_remove_all_rows (self->speeches_list);
  speeches = tx_consultation_get_speeches (consultation);
  for (guint i = 0; i < speeches->len; i++)
    {
      TxSpeech *speech = g_ptr_array_index (speeches, i);

      append_speech (self, speech->speaker, speech->summary);
    }
  number_speeches (self);

  self->updating--;
}

static void
tx_consultation_minutes_section_apply (TxEditorSection *section,
                                       GObject         *record,
                                       GPtrArray       *problems)
{
  TxConsultationMinutesSection *self = TX_CONSULTATION_MINUTES_SECTION (section);
  TxConsultation *consultation = TX_CONSULTATION (record);
  g_autofree char *recorder = tx_editor_section_dup_text (self->recorder_row);
  g_autofree char *agenda = tx_editor_section_dup_buffer_text (self->agenda_buffer);
  g_autofree char *consensus = tx_editor_section_dup_buffer_text (self->consensus_buffer);
  g_autofree char *next_steps = tx_editor_section_dup_buffer_text (self->next_steps_buffer);
  guint n_speeches = count_speeches (self);

  /* No minutes for a consultation whose minutes are all empty. */
  if (!tx_consultation_has_minutes (consultation) &&
      recorder[0] == '\0' && agenda[0] == '\0' && consensus[0] == '\0' &&
      next_steps[0] == '\0' && n_speeches == 0)
    return;

  tx_consultation_set_minutes (consultation, recorder, agenda, consensus, next_steps);
  tx_consultation_clear_speeches (consultation);
  for (guint i = 0; i < n_speeches; i++)
    {
      TxSpeechRow *row = TX_SPEECH_ROW (gtk_list_box_get_row_at_index (self->speeches_list, i));
      g_autofree char *speaker = tx_speech_row_dup_speaker (row);
      g_autofree char *summary = tx_speech_row_dup_summary (row);

      if (speaker[0] != '\0' || summary[0] != '\0')
        tx_consultation_add_speech (consultation, speaker, summary);
    }
}

static void
tx_consultation_minutes_section_append_state (TxEditorSection *section,
                                              GString         *state)
{
  TxConsultationMinutesSection *self = TX_CONSULTATION_MINUTES_SECTION (section);
  GtkTextBuffer *buffers[] = { self->agenda_buffer, self->consensus_buffer, self->next_steps_buffer };
  g_autofree char *recorder = tx_editor_section_dup_text (self->recorder_row);
  guint n_speeches = count_speeches (self);

  g_string_append_printf (state, "%s\x1f", recorder);
  for (guint i = 0; i < G_N_ELEMENTS (buffers); i++)
    {
      g_autofree char *text = tx_editor_section_dup_buffer_text (buffers[i]);

      g_string_append_printf (state, "%s\x1f", text);
    }
  for (guint i = 0; i < n_speeches; i++)
    {
      TxSpeechRow *row = TX_SPEECH_ROW (gtk_list_box_get_row_at_index (self->speeches_list, i));
      g_autofree char *speaker = tx_speech_row_dup_speaker (row);
      g_autofree char *summary = tx_speech_row_dup_summary (row);

      g_string_append_printf (state, "%s\x1e%s\x1f", speaker, summary);
    }
}

static void
tx_consultation_minutes_section_iface_init (TxEditorSectionInterface *iface)
{
  iface->set_record = tx_consultation_minutes_section_set_record;
  iface->apply = tx_consultation_minutes_section_apply;
  iface->append_state = tx_consultation_minutes_section_append_state;
}

/* GObject */

static void
tx_consultation_minutes_section_dispose (GObject *object)
{
  TxConsultationMinutesSection *self = (TxConsultationMinutesSection *)object;

  self->updating++;
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_CONSULTATION_MINUTES_SECTION);

  G_OBJECT_CLASS (tx_consultation_minutes_section_parent_class)->dispose (object);
}

static void
tx_consultation_minutes_section_class_init (TxConsultationMinutesSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_consultation_minutes_section_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-consultation-minutes-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TxConsultationMinutesSection, recorder_row);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationMinutesSection, agenda_buffer);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationMinutesSection, speeches_list);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationMinutesSection, consensus_buffer);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationMinutesSection, next_steps_buffer);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_speech_button_clicked_cb);
}

static void
tx_consultation_minutes_section_init (TxConsultationMinutesSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A speech at the end, the cursor in it. */
void
tx_consultation_minutes_section_add_speech (TxConsultationMinutesSection *self)
{
  TxSpeechRow *row;

  g_return_if_fail (TX_IS_CONSULTATION_MINUTES_SECTION (self));

  row = append_speech (self, "", "");
  number_speeches (self);
  on_form_changed_cb (self);
  tx_speech_row_focus (row, 0);
}
