/* tx-consultation-stages-section.c — the six stages of a consultation
 *
 * The due dates are part of the form, checked as they are typed (any
 * way tx_date_parse() reads a date) and kept with Save.  Marking a stage
 * done, or not, is kept at once through tx_store_set_stage_done(),
 * which keeps the order of the stages: when it refuses, the clerk may
 * give a reason to mark the stage done all the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-consultation-stages-section"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-calendar-layout.h"
#include "tx-consultation-edit.h"
#include "tx-consultation-stages-section.h"
#include "tx-editor.h"
#include "tx-rules.h"
#include "tx-stage-row.h"
#include "tx-vocabulary.h"
#include "tx-workflow.h"

struct _TxConsultationStagesSection
{
  GtkBox               parent_instance;

  /* template children */
  AdwPreferencesGroup *stages_group;
  GtkLabel            *stages_problem_label;

  /* made in code */
  TxStageRow          *rows[TX_N_STAGES];
  GtkSizeGroup        *buttons;        /* "Done Today" and "Undo Done" */

  /* owned references */
  TxConsultation      *consultation;   /* as read */

  /* state */
  guint                updating;
};

static void tx_consultation_stages_section_iface_init (TxEditorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TxConsultationStagesSection, tx_consultation_stages_section, GTK_TYPE_BOX,
                               G_IMPLEMENT_INTERFACE (TX_TYPE_EDITOR_SECTION,
                                                      tx_consultation_stages_section_iface_init))

static TxEditor *
get_editor (TxConsultationStagesSection *self)
{
  return tx_editor_section_get_editor (TX_EDITOR_SECTION (self));
}

/* The due date a row shows: the one typed when it is a date. */
static TxDate
get_shown_due (TxConsultationStagesSection *self,
               TxStage                      stage)
{
  TxDate due;

  if (tx_editor_section_read_date (tx_stage_row_get_due_entry (self->rows[stage]), &due, NULL))
    return due;

  return self->consultation != NULL ? tx_date_from_iso (tx_consultation_get_stage_due (self->consultation, stage))
                                    : TX_DATE_NONE;
}

static void
update_rows (TxConsultationStagesSection *self)
{
  TxEditor *editor = get_editor (self);
  gboolean is_new = editor == NULL || tx_editor_is_new (editor);
  TxDate today = editor != NULL ? tx_editor_get_today (editor) : tx_date_today_local ();
  TxStage current = self->consultation != NULL ? tx_consultation_get_current_stage (self->consultation)
                                               : TX_STAGE_SELECTION;

  for (guint stage = 0; stage < TX_N_STAGES; stage++)
    tx_stage_row_show (self->rows[stage], get_shown_due (self, stage),
                       self->consultation != NULL ? tx_consultation_get_stage_done (self->consultation, stage) : NULL,
                       stage == current && !is_new, !is_new, today);
}

/* Marking done */

static void mark_stage_done (TxConsultationStagesSection *self,
                             TxDate                       done,
                             gboolean                     early_confirmed,
                             TxStage                      stage,
                             const char                  *reason);

static void
on_reason_entry_changed_cb (GtkEditable      *entry,
                            AdwMessageDialog *dialog)
{
  g_autofree char *reason = tx_editor_section_dup_text (entry);

  adw_message_dialog_set_response_enabled (dialog, "done", reason[0] != '\0');
}

static void
on_reason_dialog_response_cb (AdwMessageDialog            *dialog,
                              const char                  *response,
                              TxConsultationStagesSection *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "tx-entry");
  TxStage stage = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "tx-stage"));
  const char *uuid = g_object_get_data (G_OBJECT (dialog), "tx-consultation");
  g_autofree char *reason = NULL;
  TxEditor *editor = get_editor (self);

  if (g_strcmp0 (response, "done") != 0 || editor == NULL ||
      g_strcmp0 (uuid, tx_editor_get_uuid (editor)) != 0)
    return;

  reason = tx_editor_section_dup_text (entry);
  if (reason[0] != '\0')
    mark_stage_done (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "tx-done")), TRUE, stage, reason);
}

/* The order of the stages was not kept: say why, and let the clerk give
 * a reason to mark the stage done all the same. */
static void
ask_for_reason (TxConsultationStagesSection *self,
                TxDate                       done,
                TxStage                      stage,
                const char                  *message)
{
  TxEditor *editor = get_editor (self);
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  g_autofree char *body = NULL;

  body = g_strdup_printf ("%s\n\n%s", message,
                          _("To mark it done all the same, write the reason; it is kept with the stage."));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (tx_editor_get_window (editor),
                                                       _("Stages Out of Order"), body));

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"),
                                  -1);
  adw_message_dialog_set_extra_child (dialog, entry);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "done", _("_Mark Done"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "done", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "done", FALSE);
  adw_message_dialog_set_default_response (dialog, "done");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_object_set_data (G_OBJECT (dialog), "tx-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "tx-stage", GINT_TO_POINTER (stage));
  g_object_set_data (G_OBJECT (dialog), "tx-done", GINT_TO_POINTER (done));
  g_object_set_data_full (G_OBJECT (dialog), "tx-consultation", g_strdup (tx_editor_get_uuid (editor)), g_free);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_reason_entry_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reason_dialog_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* The meeting marked held before the day it was set for: asked first. */
static void
on_early_meeting_response_cb (AdwMessageDialog            *dialog,
                              const char                  *response,
                              TxConsultationStagesSection *self)
{
  TxEditor *editor = get_editor (self);
  const char *uuid = g_object_get_data (G_OBJECT (dialog), "tx-consultation");

  if (g_strcmp0 (response, "done") != 0 || editor == NULL || g_strcmp0 (uuid, tx_editor_get_uuid (editor)) != 0)
    return;

  mark_stage_done (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "tx-done")), TRUE,
                   TX_STAGE_MEETING, NULL);
}

static gboolean
ask_about_early_meeting (TxConsultationStagesSection *self,
                         TxDate                       done)
{
  TxEditor *editor = get_editor (self);
  const char *starts = self->consultation != NULL ? tx_consultation_get_starts (self->consultation) : NULL;
  char meeting_day[11];
  TxDate meeting = TX_DATE_NONE;
  g_autofree char *meeting_text = NULL;
  g_autofree char *done_text = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  /* the day it is set for, in Beijing time as the calendar shows it */
  if (tx_calendar_local_date_time (starts, meeting_day, NULL))
    meeting = tx_date_from_iso (meeting_day);
  if (meeting == TX_DATE_NONE || done >= meeting)
    return FALSE;

  meeting_text = tx_date_format_display (meeting);
  done_text = tx_date_format_display (done);
  /* Translators: the day the meeting is set for, and the day it is
   * marked held */
  body = g_strdup_printf (_("The meeting is set for %s, after %s. Mark it held on %s all the same?"),
                          meeting_text, done_text, done_text);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (tx_editor_get_window (editor),
                                                       _("Held Before Its Day?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "done", _("_Mark Done"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "done", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "tx-done", GINT_TO_POINTER (done));
  g_object_set_data_full (G_OBJECT (dialog), "tx-consultation", g_strdup (tx_editor_get_uuid (editor)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_early_meeting_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* Marks @stage done on @done (today when %TX_DATE_NONE). */
static void
mark_stage_done (TxConsultationStagesSection *self,
                 TxDate                       done,
                 gboolean                     early_confirmed,
                 TxStage                      stage,
                 const char                  *reason)
{
  TxEditor *editor = get_editor (self);
  g_autoptr(GError) error = NULL;
  TxDate today;

  if (editor == NULL || tx_editor_get_store (editor) == NULL || tx_editor_get_uuid (editor) == NULL)
    return;

  today = tx_editor_get_today (editor);
  if (done == TX_DATE_NONE)
    done = today;
  if (stage == TX_STAGE_MEETING && !early_confirmed && ask_about_early_meeting (self, done))
    return;

  if (!tx_store_set_stage_done (tx_editor_get_store (editor), tx_editor_get_uuid (editor),
                                stage, done, reason, today, &error))
    {
      if (reason == NULL &&
          (g_error_matches (error, TX_WORKFLOW_ERROR, TX_WORKFLOW_ERROR_OUT_OF_ORDER) ||
           g_error_matches (error, TX_WORKFLOW_ERROR, TX_WORKFLOW_ERROR_BEFORE_PREVIOUS)))
        {
          g_debug ("%s not done: %s", tx_stage_to_key (stage), error->message);
          ask_for_reason (self, done, stage, error->message);
          return;
        }

      tx_editor_report_failure (editor, _("Could not mark the stage done"), error);
      return;
    }

  tx_editor_hide_problem (editor);
}

static void
on_row_mark_done_cb (TxStageRow                  *row,
                     int                          done,
                     TxConsultationStagesSection *self)
{
  mark_stage_done (self, done, FALSE, tx_stage_row_get_stage (row), NULL);
}

static void
on_undo_done_toast_button_clicked_cb (AdwToast                    *toast,
                                      TxConsultationStagesSection *self)
{
  const char *consultation = g_object_get_data (G_OBJECT (toast), "tx-consultation");
  const char *done = g_object_get_data (G_OBJECT (toast), "tx-done");
  TxStage stage = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toast), "tx-stage"));
  TxEditor *editor = get_editor (self);
  g_autoptr(GError) error = NULL;
  TxStore *store;
  TxDate today;

  if (editor == NULL || (store = tx_editor_get_store (editor)) == NULL)
    return;

  /* As it was: the stage before it may have been undone since, hence a reason. */
  today = tx_editor_get_today (editor);
  if (!tx_store_set_stage_done (store, consultation, stage, tx_date_from_iso (done), NULL, today, &error))
    {
      g_clear_error (&error);
      if (!tx_store_set_stage_done (store, consultation, stage, tx_date_from_iso (done),
                                    _("Marked done again after an undo"), today, &error))
        tx_editor_report_failure (editor, _("Could not mark the stage done again"), error);
    }
}

static void
on_row_mark_not_done_cb (TxStageRow                  *row,
                         TxConsultationStagesSection *self)
{
  TxEditor *editor = get_editor (self);
  TxStage stage = tx_stage_row_get_stage (row);
  g_autofree char *done = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (editor == NULL || tx_editor_get_uuid (editor) == NULL || self->consultation == NULL)
    return;

  done = g_strdup (tx_consultation_get_stage_done (self->consultation, stage));
  if (!tx_store_set_stage_done (tx_editor_get_store (editor), tx_editor_get_uuid (editor), stage,
                                TX_DATE_NONE, NULL, tx_editor_get_today (editor), &error))
    {
      tx_editor_report_failure (editor, _("Could not mark the stage not done"), error);
      return;
    }
  tx_editor_hide_problem (editor);

  /* Translators: %s is a stage, “Research” */
  text = g_strdup_printf (_("%s is marked not done"), tx_stage_get_label (stage));
  {
    g_autofree char *markup = g_markup_escape_text (text, -1);

    toast = adw_toast_new (markup);
  }
  if (done != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data_full (G_OBJECT (toast), "tx-consultation", g_strdup (tx_editor_get_uuid (editor)), g_free);
      g_object_set_data_full (G_OBJECT (toast), "tx-done", g_steal_pointer (&done), g_free);
      g_object_set_data (G_OBJECT (toast), "tx-stage", GINT_TO_POINTER (stage));
      g_signal_connect_object (toast, "button-clicked",
                               G_CALLBACK (on_undo_done_toast_button_clicked_cb), self, 0);
    }
  tx_editor_add_toast (editor, toast);
}

static void
on_row_changed_cb (TxConsultationStagesSection *self)
{
  if (self->updating > 0)
    return;

  tx_editor_section_changed (TX_EDITOR_SECTION (self));
}

/* TxEditorSection */

static void
tx_consultation_stages_section_set_record (TxEditorSection *section,
                                           GObject         *record,
                                           gboolean         refill)
{
  TxConsultationStagesSection *self = TX_CONSULTATION_STAGES_SECTION (section);

  g_set_object (&self->consultation, TX_CONSULTATION (record));

  if (refill)
    {
      self->updating++;
      for (guint stage = 0; stage < TX_N_STAGES; stage++)
        tx_editor_section_set_text (tx_stage_row_get_due_entry (self->rows[stage]),
                                    tx_consultation_get_stage_due (self->consultation, stage));
      self->updating--;
    }

  update_rows (self);
}

static void
tx_consultation_stages_section_apply (TxEditorSection *section,
                                      GObject         *record,
                                      GPtrArray       *problems)
{
  TxConsultationStagesSection *self = TX_CONSULTATION_STAGES_SECTION (section);

  for (guint stage = 0; stage < TX_N_STAGES; stage++)
    {
      g_autoptr(GError) error = NULL;
      TxDate due;

      if (tx_editor_section_read_date (tx_stage_row_get_due_entry (self->rows[stage]), &due, &error))
        {
          g_autofree char *iso = due != TX_DATE_NONE ? tx_date_to_iso (due) : NULL;

          tx_consultation_set_stage_due (TX_CONSULTATION (record), stage, iso);
        }
      else
        tx_editor_section_add_problem (problems, "stage-due", stage,
                                       /* Translators: %s is a stage, “Research”, then why the
                                        * date cannot be read and how to write it */
                                       g_strdup_printf (_("The due date of %s is not a date: %s"),
                                                        tx_stage_get_label (stage), error->message));
    }
}

static void
tx_consultation_stages_section_append_state (TxEditorSection *section,
                                             GString         *state)
{
  TxConsultationStagesSection *self = TX_CONSULTATION_STAGES_SECTION (section);

  for (guint stage = 0; stage < TX_N_STAGES; stage++)
    tx_editor_section_append_date_state (state, tx_stage_row_get_due_entry (self->rows[stage]));
}

static void
tx_consultation_stages_section_update (TxEditorSection *section,
                                       GObject         *record,
                                       GPtrArray       *problems)
{
  TxConsultationStagesSection *self = TX_CONSULTATION_STAGES_SECTION (section);
  g_autoptr(GPtrArray) messages = g_ptr_array_new ();

  for (guint stage = 0; stage < TX_N_STAGES; stage++)
    {
      const char *problem = tx_problems_find (problems, "stage-due", stage);

      tx_stage_row_show_problem (self->rows[stage], problem);
      if (problem != NULL)
        g_ptr_array_add (messages, (gpointer) problem);
    }
  tx_editor_section_show_problems (self->stages_problem_label, messages);

  update_rows (self);
}

/* "stage:N": the row of stage N */
static GtkWidget *
tx_consultation_stages_section_find_place (TxEditorSection *section,
                                           const char      *place)
{
  TxConsultationStagesSection *self = TX_CONSULTATION_STAGES_SECTION (section);
  guint64 stage;

  if (!g_str_has_prefix (place, "stage:")
      || !g_ascii_string_to_unsigned (place + strlen ("stage:"), 10, 0, TX_N_STAGES - 1, &stage, NULL))
    return NULL;

  return GTK_WIDGET (self->rows[stage]);
}

static void
tx_consultation_stages_section_iface_init (TxEditorSectionInterface *iface)
{
  iface->find_place = tx_consultation_stages_section_find_place;
  iface->set_record = tx_consultation_stages_section_set_record;
  iface->apply = tx_consultation_stages_section_apply;
  iface->append_state = tx_consultation_stages_section_append_state;
  iface->update = tx_consultation_stages_section_update;
}

/* GObject */

static void
tx_consultation_stages_section_dispose (GObject *object)
{
  TxConsultationStagesSection *self = (TxConsultationStagesSection *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_CONSULTATION_STAGES_SECTION);
  g_clear_object (&self->buttons);
  g_clear_object (&self->consultation);

  G_OBJECT_CLASS (tx_consultation_stages_section_parent_class)->dispose (object);
}

static void
tx_consultation_stages_section_class_init (TxConsultationStagesSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_consultation_stages_section_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-consultation-stages-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TxConsultationStagesSection, stages_group);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationStagesSection, stages_problem_label);
}

static void
tx_consultation_stages_section_init (TxConsultationStagesSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->buttons = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  for (guint stage = 0; stage < TX_N_STAGES; stage++)
    {
      self->rows[stage] = TX_STAGE_ROW (tx_stage_row_new (stage, self->buttons));
      g_signal_connect_object (self->rows[stage], "changed", G_CALLBACK (on_row_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->rows[stage], "mark-done", G_CALLBACK (on_row_mark_done_cb), self, 0);
      g_signal_connect_object (self->rows[stage], "mark-not-done", G_CALLBACK (on_row_mark_not_done_cb), self, 0);
      adw_preferences_group_add (self->stages_group, GTK_WIDGET (self->rows[stage]));
    }
}
