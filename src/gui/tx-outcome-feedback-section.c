/* tx-outcome-feedback-section.c — the answer to a recommendation: when
 * it is due, when it came, what it said, and where it stands today (the
 * first of the three zeros)
 *
 * Feedback is due the feedback-days setting after the submission,
 * unless another day was agreed.  The due date shown follows the
 * submission date typed while the clerk has not typed one of their
 * own; such a date is kept as "not agreed" (none), so that the setting
 * decides, and one the clerk typed is kept.  The status line says what
 * tx_feedback_status_from_dates() says, as the ledger and the list
 * judge it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-outcome-feedback-section"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-date-picker.h"
#include "tx-editor.h"
#include "tx-outcome-edit.h"
#include "tx-outcome-feedback-section.h"
#include "tx-rules.h"
#include "tx-settings.h"

struct _TxOutcomeFeedbackSection
{
  GtkBox               parent_instance;

  /* template children */
  AdwPreferencesGroup *feedback_group;
  AdwEntryRow         *feedback_due_row;
  GtkImage            *feedback_due_error_icon;
  AdwEntryRow         *feedback_received_row;
  GtkImage            *feedback_received_error_icon;
  GtkLabel            *feedback_problem_label;
  GtkWidget           *feedback_status_box;
  GtkImage            *feedback_status_icon;
  GtkLabel            *feedback_status_label;
  GtkTextBuffer       *feedback_buffer;

  /* state */
  char                *stored_due;         /* as read: NULL when not agreed */
  char                *stored_submitted;
  gboolean             due_follows;        /* the due date shown is the setting's */
  guint                updating;
};

static void tx_outcome_feedback_section_iface_init (TxEditorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TxOutcomeFeedbackSection, tx_outcome_feedback_section, GTK_TYPE_BOX,
                               G_IMPLEMENT_INTERFACE (TX_TYPE_EDITOR_SECTION,
                                                      tx_outcome_feedback_section_iface_init))

static int
get_feedback_days (TxOutcomeFeedbackSection *self)
{
  TxEditor *editor = tx_editor_section_get_editor (TX_EDITOR_SECTION (self));
  TxStore *store = editor != NULL ? tx_editor_get_store (editor) : NULL;

  return store != NULL ? tx_settings_get_feedback_days (tx_store_get_settings (store)) : 30;
}

/* When feedback is due unless another day is agreed; NULL when
 * @submitted is not a date. */
static char *
dup_default_due (TxOutcomeFeedbackSection *self,
                 const char               *submitted)
{
  TxDate date = tx_date_from_iso (submitted);

  if (date == TX_DATE_NONE)
    return NULL;

  return tx_date_to_iso (tx_date_add_days (date, get_feedback_days (self)));
}

static void
show_due (TxOutcomeFeedbackSection *self,
          const char               *due)
{
  self->updating++;
  tx_editor_section_set_text (self->feedback_due_row, due);
  self->updating--;
}

static void
on_form_changed_cb (TxOutcomeFeedbackSection *self)
{
  if (self->updating > 0)
    return;

  tx_editor_section_changed (TX_EDITOR_SECTION (self));
}

/* Typed: the clerk's own date.  Emptied, it follows the submission
 * again. */
static void
on_feedback_due_row_changed_cb (TxOutcomeFeedbackSection *self)
{
  g_autofree char *due = NULL;

  if (self->updating > 0)
    return;

  due = tx_editor_section_dup_text (self->feedback_due_row);
  self->due_follows = due[0] == '\0';
  on_form_changed_cb (self);
}

static void
on_entry_activated_cb (TxOutcomeFeedbackSection *self)
{
  tx_editor_section_save_on_enter (GTK_WIDGET (self));
}

static void
set_status (TxOutcomeFeedbackSection *self,
            const char               *icon_name,
            gboolean                  alarming,
            const char               *text)
{
  gtk_widget_set_visible (self->feedback_status_box, text != NULL);
  if (text == NULL)
    return;

  gtk_image_set_from_icon_name (self->feedback_status_icon, icon_name);
  gtk_label_set_label (self->feedback_status_label, text);

  if (alarming)
    {
      gtk_widget_add_css_class (self->feedback_status_box, "error");
      gtk_widget_remove_css_class (self->feedback_status_box, "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (self->feedback_status_box, "error");
      gtk_widget_add_css_class (self->feedback_status_box, "dim-label");
    }
}

/* Where the feedback stands, in words, as of today: answered in time
 * or late, awaited, or overdue. */
static void
update_status (TxOutcomeFeedbackSection *self,
               TxOutcome                *outcome)
{
  TxEditor *editor = tx_editor_section_get_editor (TX_EDITOR_SECTION (self));
  g_autofree char *text = NULL;
  TxFeedbackStatus status;
  char due_text[11];
  int days;

  tx_feedback_get_status (outcome, tx_editor_get_today (editor), get_feedback_days (self), &status);
  tx_date_write_iso (status.due, due_text);

  switch (status.state)
    {
    case TX_FEEDBACK_RECEIVED:
      days = tx_date_days_between (status.due, status.received);
      if (days <= 0)
        {
          days = tx_date_days_between (status.submitted, status.received);
          text = g_strdup_printf (ngettext ("Answered %d day after submission, in time.",
                                            "Answered %d days after submission, in time.", days),
                                  days);
        }
      else
        text = g_strdup_printf (ngettext ("Answered %d day after it was due.",
                                          "Answered %d days after it was due.", days),
                                days);
      set_status (self, "emblem-ok-symbolic", FALSE, text);
      break;

    case TX_FEEDBACK_OVERDUE:
      /* Translators: %d is a number of days, %s the date feedback was due */
      text = g_strdup_printf (ngettext ("Feedback overdue by %d day: it was due on %s, and none has been received.",
                                        "Feedback overdue by %d days: it was due on %s, and none has been received.",
                                        status.days),
                              status.days, due_text);
      set_status (self, "dialog-warning-symbolic", TRUE, text);
      break;

    case TX_FEEDBACK_DUE_TODAY:
      set_status (self, "alarm-symbolic", FALSE, _("Awaiting feedback: it is due today."));
      break;

    case TX_FEEDBACK_AWAITED:
      /* Translators: %d is a number of days, %s the date feedback is due */
      text = g_strdup_printf (ngettext ("Awaiting feedback: due in %d day, on %s.",
                                        "Awaiting feedback: due in %d days, on %s.", status.days),
                              status.days, due_text);
      set_status (self, "alarm-symbolic", FALSE, text);
      break;

    case TX_FEEDBACK_NOT_SUBMITTED:
    default:
      set_status (self, NULL, FALSE, NULL);
      break;
    }
}

static void
update_description (TxOutcomeFeedbackSection *self)
{
  int days = get_feedback_days (self);
  /* Translators: %d is the feedback-days setting */
  g_autofree char *text = g_strdup_printf (ngettext ("Feedback is due %d day after submission unless another date is set.",
                                                     "Feedback is due %d days after submission unless another date is set.",
                                                     days),
                                           days);

  adw_preferences_group_set_description (self->feedback_group, text);
}

/* TxEditorSection */

static void
tx_outcome_feedback_section_set_record (TxEditorSection *section,
                                        GObject         *record,
                                        gboolean         refill)
{
  TxOutcomeFeedbackSection *self = TX_OUTCOME_FEEDBACK_SECTION (section);
  TxOutcome *outcome = TX_OUTCOME (record);
  const char *due = tx_outcome_get_feedback_due (outcome);
  g_autofree char *default_due = NULL;

  update_description (self);
  if (!refill)
    return;

  g_free (self->stored_due);
  self->stored_due = g_strdup (due);
  g_free (self->stored_submitted);
  self->stored_submitted = g_strdup (tx_outcome_get_submitted (outcome));

  /* The due date the setting gives is shown, and follows the submission
   * date while it is that one. */
  default_due = dup_default_due (self, self->stored_submitted);
  self->due_follows = due == NULL || g_strcmp0 (due, default_due) == 0;

  self->updating++;
  tx_editor_section_set_text (self->feedback_due_row, due != NULL ? due : default_due);
  tx_editor_section_set_text (self->feedback_received_row, tx_outcome_get_feedback_received (outcome));
  tx_editor_section_set_buffer_text (self->feedback_buffer, tx_outcome_get_feedback_text (outcome));
  self->updating--;
}

/* After the submission was applied: the due date follows it. */
static void
tx_outcome_feedback_section_apply (TxEditorSection *section,
                                   GObject         *record,
                                   GPtrArray       *problems)
{
  TxOutcomeFeedbackSection *self = TX_OUTCOME_FEEDBACK_SECTION (section);
  TxOutcome *outcome = TX_OUTCOME (record);
  g_autofree char *text = tx_editor_section_dup_buffer_text (self->feedback_buffer);
  g_autofree char *due = NULL;
  g_autofree char *received = NULL;
  g_autoptr(GError) error = NULL;
  TxDate date;

  if (!self->due_follows)
    {
      if (!tx_editor_section_read_date (self->feedback_due_row, &date, &error))
        tx_editor_section_add_problem (problems, "feedback-due", -1,
                                       /* Translators: %s says why the date cannot be read and how to write it */
                                       g_strdup_printf (_("The feedback due date is not a date: %s"), error->message));
      else if (date != TX_DATE_NONE)
        due = tx_date_to_iso (date);
      g_clear_error (&error);
    }
  /* Not changed: as it was, agreed or not; else not agreed. */
  else if (g_strcmp0 (tx_outcome_get_submitted (outcome), self->stored_submitted) == 0)
    due = g_strdup (self->stored_due);

  if (!tx_editor_section_read_date (self->feedback_received_row, &date, &error))
    tx_editor_section_add_problem (problems, "feedback-received", -1,
                                   /* Translators: %s says why the date cannot be read and how to write it */
                                   g_strdup_printf (_("The feedback date is not a date: %s"), error->message));
  else if (date != TX_DATE_NONE)
    received = tx_date_to_iso (date);

  tx_outcome_set_feedback (outcome, due, received, text);
}

static void
tx_outcome_feedback_section_append_state (TxEditorSection *section,
                                          GString         *state)
{
  TxOutcomeFeedbackSection *self = TX_OUTCOME_FEEDBACK_SECTION (section);
  g_autofree char *text = tx_editor_section_dup_buffer_text (self->feedback_buffer);

  /* A due date that follows is the setting's, not the clerk's. */
  if (self->due_follows)
    g_string_append (state, "\x01\x1f");
  else
    tx_editor_section_append_date_state (state, self->feedback_due_row);
  tx_editor_section_append_date_state (state, self->feedback_received_row);
  g_string_append (state, text);
}

static void
tx_outcome_feedback_section_update (TxEditorSection *section,
                                    GObject         *record,
                                    GPtrArray       *problems)
{
  TxOutcomeFeedbackSection *self = TX_OUTCOME_FEEDBACK_SECTION (section);
  TxOutcome *outcome = TX_OUTCOME (record);
  const char *due_problem = tx_problems_find (problems, "feedback-due", -1);
  const char *received_problem = tx_problems_find (problems, "feedback-received", -1);
  g_autoptr(GPtrArray) messages = g_ptr_array_new ();

  /* It stays while the submission date is typed (emptied first, then
   * half a date), and moves once it is a date again. */
  if (self->due_follows && tx_outcome_get_submitted (outcome) != NULL)
    {
      g_autofree char *default_due = dup_default_due (self, tx_outcome_get_submitted (outcome));
      const char *due = tx_outcome_get_feedback_due (outcome);

      show_due (self, due != NULL ? due : default_due);
    }

  tx_editor_section_show_problem (GTK_WIDGET (self->feedback_due_row), self->feedback_due_error_icon, due_problem);
  tx_editor_section_show_problem (GTK_WIDGET (self->feedback_received_row), self->feedback_received_error_icon,
                                  received_problem);
  if (due_problem != NULL)
    g_ptr_array_add (messages, (gpointer) due_problem);
  if (received_problem != NULL)
    g_ptr_array_add (messages, (gpointer) received_problem);
  tx_editor_section_show_problems (self->feedback_problem_label, messages);

  if (due_problem == NULL && received_problem == NULL && tx_problems_find (problems, "submitted", -1) == NULL)
    update_status (self, outcome);
  else
    set_status (self, NULL, FALSE, NULL);
}

/* "feedback": where the day the feedback came is entered */
static GtkWidget *
tx_outcome_feedback_section_find_place (TxEditorSection *section,
                                        const char      *place)
{
  TxOutcomeFeedbackSection *self = TX_OUTCOME_FEEDBACK_SECTION (section);

  return g_str_equal (place, "feedback") ? GTK_WIDGET (self->feedback_received_row) : NULL;
}

static void
tx_outcome_feedback_section_iface_init (TxEditorSectionInterface *iface)
{
  iface->find_place = tx_outcome_feedback_section_find_place;
  iface->set_record = tx_outcome_feedback_section_set_record;
  iface->apply = tx_outcome_feedback_section_apply;
  iface->append_state = tx_outcome_feedback_section_append_state;
  iface->update = tx_outcome_feedback_section_update;
}

/* GObject */

static void
tx_outcome_feedback_section_dispose (GObject *object)
{
  TxOutcomeFeedbackSection *self = (TxOutcomeFeedbackSection *)object;

  self->updating++;
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_OUTCOME_FEEDBACK_SECTION);

  G_OBJECT_CLASS (tx_outcome_feedback_section_parent_class)->dispose (object);
}

static void
tx_outcome_feedback_section_finalize (GObject *object)
{
  TxOutcomeFeedbackSection *self = (TxOutcomeFeedbackSection *)object;

  g_free (self->stored_due);
  g_free (self->stored_submitted);

  G_OBJECT_CLASS (tx_outcome_feedback_section_parent_class)->finalize (object);
}

static void
tx_outcome_feedback_section_class_init (TxOutcomeFeedbackSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_outcome_feedback_section_dispose;
  object_class->finalize = tx_outcome_feedback_section_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-outcome-feedback-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeFeedbackSection, feedback_group);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeFeedbackSection, feedback_due_row);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeFeedbackSection, feedback_due_error_icon);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeFeedbackSection, feedback_received_row);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeFeedbackSection, feedback_received_error_icon);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeFeedbackSection, feedback_problem_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeFeedbackSection, feedback_status_box);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeFeedbackSection, feedback_status_icon);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeFeedbackSection, feedback_status_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeFeedbackSection, feedback_buffer);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_feedback_due_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);
}

static void
tx_outcome_feedback_section_init (TxOutcomeFeedbackSection *self)
{
  self->due_follows = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  tx_date_picker_add_to_row (self->feedback_due_row);
  tx_date_picker_add_to_row (self->feedback_received_row);
}
