/* tx-outcome-details-section.c — what a recommendation says, the
 * consultation it came from, and to whom and when it was submitted
 *
 * A new recommendation chooses its consultation; one saved keeps it.
 * What is missing (a title, a consultation, the name of a department)
 * is said at once without alarm, and in red once the clerk has typed it
 * and taken it away, or tries to save.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-outcome-details-section"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-date-picker.h"
#include "tx-editor.h"
#include "tx-outcome-details-section.h"
#include "tx-outcome-edit.h"
#include "tx-records.h"
#include "tx-rules.h"

/* The rows of "Submitted To", top to bottom. */
enum {
  SUBMITTED_TO_PARTY_COMMITTEE,
  SUBMITTED_TO_GOVERNMENT,
  SUBMITTED_TO_DEPARTMENT,
};

struct _TxOutcomeDetailsSection
{
  GtkBox         parent_instance;

  /* template children */
  AdwActionRow  *consultation_row;
  GtkDropDown   *consultation_drop_down;
  GtkStringList *consultation_names;
  AdwActionRow  *consultation_info_row;
  AdwEntryRow   *title_row;
  GtkLabel      *details_problem_label;
  GtkTextBuffer *content_buffer;
  AdwComboRow   *submitted_to_row;
  GtkStringList *submitted_to_names;
  AdwEntryRow   *department_row;
  GtkImage      *department_error_icon;
  AdwEntryRow   *submitted_row;
  GtkImage      *submitted_error_icon;
  GtkLabel      *submission_problem_label;

  /* owned references */
  GPtrArray     *consultation_uuids;   /* char *, as consultation_names */
  char          *consultation_uuid;    /* of the one shown, when not new */
  char          *next_consultation;    /* chosen for the next new one */

  /* state */
  gboolean       title_touched;        /* a new title was typed, and may be shown wrong */
  gboolean       department_touched;   /* the department's name was typed */
  guint          updating;
};

static void tx_outcome_details_section_iface_init (TxEditorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TxOutcomeDetailsSection, tx_outcome_details_section, GTK_TYPE_BOX,
                               G_IMPLEMENT_INTERFACE (TX_TYPE_EDITOR_SECTION,
                                                      tx_outcome_details_section_iface_init))

static gboolean
is_new (TxOutcomeDetailsSection *self)
{
  TxEditor *editor = tx_editor_section_get_editor (TX_EDITOR_SECTION (self));

  return editor == NULL || tx_editor_is_new (editor);
}

/* "party_committee", "government", the department's name, or NULL */
static char *
dup_submitted_to (TxOutcomeDetailsSection *self)
{
  switch (adw_combo_row_get_selected (self->submitted_to_row))
    {
    case SUBMITTED_TO_PARTY_COMMITTEE:
      return g_strdup ("party_committee");

    case SUBMITTED_TO_GOVERNMENT:
      return g_strdup ("government");

    case SUBMITTED_TO_DEPARTMENT:
      {
        g_autofree char *name = tx_editor_section_dup_text (self->department_row);

        return name[0] != '\0' ? g_steal_pointer (&name) : NULL;
      }

    default:
      return NULL;
    }
}

static void
select_submitted_to (TxOutcomeDetailsSection *self,
                     const char              *submitted_to)
{
  tx_editor_section_set_text (self->department_row, NULL);

  if (g_strcmp0 (submitted_to, "party_committee") == 0)
    adw_combo_row_set_selected (self->submitted_to_row, SUBMITTED_TO_PARTY_COMMITTEE);
  else if (g_strcmp0 (submitted_to, "government") == 0)
    adw_combo_row_set_selected (self->submitted_to_row, SUBMITTED_TO_GOVERNMENT);
  else if (submitted_to != NULL && submitted_to[0] != '\0')
    {
      adw_combo_row_set_selected (self->submitted_to_row, SUBMITTED_TO_DEPARTMENT);
      tx_editor_section_set_text (self->department_row, submitted_to);
    }
  else
    adw_combo_row_set_selected (self->submitted_to_row, GTK_INVALID_LIST_POSITION);
}

/* Every consultation, for a new recommendation: "title (township)";
 * @chosen stays chosen. */
static void
fill_consultations (TxOutcomeDetailsSection *self,
                    const char              *chosen)
{
  TxEditor *editor = tx_editor_section_get_editor (TX_EDITOR_SECTION (self));
  g_autoptr(GPtrArray) consultations = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *keep = g_strdup (chosen);
  guint position = GTK_INVALID_LIST_POSITION;

  consultations = tx_store_list_consultations (tx_editor_get_store (editor), 0, NULL, &error);
  if (consultations == NULL)
    {
      g_warning ("Could not read the consultations: %s", error->message);
      return;
    }

  g_ptr_array_set_size (self->consultation_uuids, 0);
  for (guint i = 0; i < consultations->len; i++)
    {
      TxConsultation *consultation = g_ptr_array_index (consultations, i);
      g_autofree char *date = tx_consultation_dup_date_label (consultation);

      if (g_strcmp0 (tx_consultation_get_uuid (consultation), keep) == 0)
        position = i;
      g_ptr_array_add (self->consultation_uuids, g_strdup (tx_consultation_get_uuid (consultation)));

      /* Translators: a consultation's title, its township and the day of
       * its meeting, to tell one from another in the list */
      g_ptr_array_add (names, g_strdup_printf (_("%s · %s · %s"),
                                               tx_consultation_get_title (consultation),
                                               tx_consultation_get_township_name (consultation),
                                               date[0] != '\0' ? date : "—"));
    }
  g_ptr_array_add (names, NULL);

  gtk_string_list_splice (self->consultation_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->consultation_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->consultation_drop_down, position);
}

/* Callbacks */

static void
on_form_changed_cb (TxOutcomeDetailsSection *self)
{
  if (self->updating > 0)
    return;

  tx_editor_section_changed (TX_EDITOR_SECTION (self));
}

static void
on_title_row_changed_cb (TxOutcomeDetailsSection *self)
{
  if (self->updating > 0)
    return;

  self->title_touched = TRUE;
  on_form_changed_cb (self);
}

static void
on_department_row_changed_cb (TxOutcomeDetailsSection *self)
{
  if (self->updating > 0)
    return;

  self->department_touched = TRUE;
  on_form_changed_cb (self);
}

static void
on_submitted_row_changed_cb (TxOutcomeDetailsSection *self)
{
  on_form_changed_cb (self);
}

static void
on_submitted_to_row_notify_selected_cb (TxOutcomeDetailsSection *self)
{
  if (self->updating > 0)
    return;

  on_form_changed_cb (self);
  if (adw_combo_row_get_selected (self->submitted_to_row) == SUBMITTED_TO_DEPARTMENT)
    gtk_widget_grab_focus (GTK_WIDGET (self->department_row));
}

static void
on_entry_activated_cb (TxOutcomeDetailsSection *self)
{
  tx_editor_section_save_on_enter (GTK_WIDGET (self));
}

/* TxEditorSection */

static void
tx_outcome_details_section_set_record (TxEditorSection *section,
                                       GObject         *record,
                                       gboolean         refill)
{
  TxOutcomeDetailsSection *self = TX_OUTCOME_DETAILS_SECTION (section);
  TxOutcome *outcome = TX_OUTCOME (record);
  gboolean new_one = is_new (self);
  g_autofree char *consultation = NULL;

  g_free (self->consultation_uuid);
  self->consultation_uuid = new_one ? NULL : g_strdup (tx_outcome_get_consultation_uuid (outcome));

  gtk_widget_set_visible (GTK_WIDGET (self->consultation_row), new_one);
  gtk_widget_set_visible (GTK_WIDGET (self->consultation_info_row), !new_one);

  self->updating++;

  /* The consultation is chosen again for the next new one, or the one
   * it is added from. */
  if (new_one && self->next_consultation != NULL)
    {
      g_autofree char *next = g_steal_pointer (&self->next_consultation);

      fill_consultations (self, next);
    }
  else if (new_one)
    fill_consultations (self, refill ? NULL : tx_outcome_details_section_get_consultation_uuid (self));
  else
    {
      /* Translators: a consultation's title, then its township */
      consultation = g_strdup_printf (_("%s (%s)"),
                                      tx_outcome_get_consultation_title (outcome),
                                      tx_outcome_get_township_name (outcome));
      adw_action_row_set_subtitle (self->consultation_info_row, consultation);
    }

  if (refill)
    {
      tx_editor_section_set_text (self->title_row, tx_outcome_get_title (outcome));
      tx_editor_section_set_buffer_text (self->content_buffer, tx_outcome_get_content (outcome));
      select_submitted_to (self, tx_outcome_get_submitted_to (outcome));
      tx_editor_section_set_text (self->submitted_row, tx_outcome_get_submitted (outcome));
      self->title_touched = FALSE;
      self->department_touched = FALSE;
    }

  self->updating--;
}

static void
tx_outcome_details_section_apply (TxEditorSection *section,
                                  GObject         *record,
                                  GPtrArray       *problems)
{
  TxOutcomeDetailsSection *self = TX_OUTCOME_DETAILS_SECTION (section);
  TxOutcome *outcome = TX_OUTCOME (record);
  g_autofree char *title = tx_editor_section_dup_text (self->title_row);
  g_autofree char *content = tx_editor_section_dup_buffer_text (self->content_buffer);
  g_autofree char *submitted_to = dup_submitted_to (self);
  g_autofree char *submitted = NULL;
  g_autoptr(GError) error = NULL;
  TxDate date;

  tx_outcome_set_text (outcome, title, content);

  if (adw_combo_row_get_selected (self->submitted_to_row) == SUBMITTED_TO_DEPARTMENT && submitted_to == NULL)
    tx_editor_section_add_problem (problems, "department", -1,
                                   g_strdup (_("Write the name of the department it was submitted to.")));

  if (!tx_editor_section_read_date (self->submitted_row, &date, &error))
    tx_editor_section_add_problem (problems, "submitted", -1,
                                   /* Translators: %s says why the date cannot be read and how to write it */
                                   g_strdup_printf (_("The submission date is not a date: %s"), error->message));
  else if (date != TX_DATE_NONE)
    submitted = tx_date_to_iso (date);

  tx_outcome_set_submission (outcome, submitted_to, submitted);
}

static void
tx_outcome_details_section_append_state (TxEditorSection *section,
                                         GString         *state)
{
  TxOutcomeDetailsSection *self = TX_OUTCOME_DETAILS_SECTION (section);
  g_autofree char *title = tx_editor_section_dup_text (self->title_row);
  g_autofree char *content = tx_editor_section_dup_buffer_text (self->content_buffer);
  g_autofree char *department = tx_editor_section_dup_text (self->department_row);
  const char *consultation = tx_outcome_details_section_get_consultation_uuid (self);

  g_string_append_printf (state, "%s\x1f%s\x1f%s\x1f%u\x1f%s\x1f",
                          consultation != NULL ? consultation : "", title, content,
                          adw_combo_row_get_selected (self->submitted_to_row), department);
  tx_editor_section_append_date_state (state, self->submitted_row);
}

static void
tx_outcome_details_section_update (TxEditorSection *section,
                                   GObject         *record,
                                   GPtrArray       *problems)
{
  TxOutcomeDetailsSection *self = TX_OUTCOME_DETAILS_SECTION (section);
  const char *title_problem = tx_problems_find (problems, "title", -1);
  const char *consultation_problem = tx_problems_find (problems, "consultation", -1);
  const char *department_problem = tx_problems_find (problems, "department", -1);
  const char *submitted_to_problem = tx_problems_find (problems, "submitted-to", -1);
  const char *submitted_problem = tx_problems_find (problems, "submitted", -1);
  gboolean title_alarm = title_problem != NULL && (!is_new (self) || self->title_touched);
  g_autoptr(GPtrArray) details = g_ptr_array_new ();
  g_autoptr(GPtrArray) submission = g_ptr_array_new ();

  /* What it is, and where it came from: said without alarm in a new,
   * empty form. */
  if (title_problem != NULL)
    g_ptr_array_add (details, (gpointer) title_problem);
  if (consultation_problem != NULL && is_new (self))
    g_ptr_array_add (details, (gpointer) consultation_problem);
  tx_editor_section_show_problem (GTK_WIDGET (self->title_row), NULL, title_alarm ? title_problem : NULL);
  if (title_alarm)
    gtk_widget_add_css_class (GTK_WIDGET (self->details_problem_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->details_problem_label), "error");
  tx_editor_section_show_problems (self->details_problem_label, details);

  /* Submission: the department's name is asked for at once, and shown
   * in red once typed and taken away. */
  gtk_widget_set_visible (GTK_WIDGET (self->department_row),
                          adw_combo_row_get_selected (self->submitted_to_row) == SUBMITTED_TO_DEPARTMENT);
  if (department_problem != NULL)
    g_ptr_array_add (submission, (gpointer) department_problem);
  /* Whom it was submitted to, said at the date that needs it. */
  else if (submitted_to_problem != NULL && submitted_problem == NULL)
    submitted_problem = submitted_to_problem;
  if (submitted_problem != NULL)
    g_ptr_array_add (submission, (gpointer) submitted_problem);

  if (!self->department_touched)
    department_problem = NULL;
  tx_editor_section_show_problem (GTK_WIDGET (self->department_row), self->department_error_icon, department_problem);
  tx_editor_section_show_problem (GTK_WIDGET (self->submitted_row), self->submitted_error_icon, submitted_problem);
  if (department_problem != NULL || submitted_problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->submission_problem_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->submission_problem_label), "error");
  tx_editor_section_show_problems (self->submission_problem_label, submission);
}

/* Saving: every problem in red. */
static void
tx_outcome_details_section_commit (TxEditorSection *section)
{
  TxOutcomeDetailsSection *self = TX_OUTCOME_DETAILS_SECTION (section);

  self->title_touched = TRUE;
  self->department_touched = TRUE;
}

static const char *
tx_outcome_details_section_get_typed_title (TxEditorSection *section)
{
  return gtk_editable_get_text (GTK_EDITABLE (TX_OUTCOME_DETAILS_SECTION (section)->title_row));
}

static void
tx_outcome_details_section_iface_init (TxEditorSectionInterface *iface)
{
  iface->get_title = tx_outcome_details_section_get_typed_title;
  iface->set_record = tx_outcome_details_section_set_record;
  iface->apply = tx_outcome_details_section_apply;
  iface->append_state = tx_outcome_details_section_append_state;
  iface->update = tx_outcome_details_section_update;
  iface->commit = tx_outcome_details_section_commit;
}

/* GtkWidget, GObject */

static gboolean
tx_outcome_details_section_grab_focus (GtkWidget *widget)
{
  TxOutcomeDetailsSection *self = TX_OUTCOME_DETAILS_SECTION (widget);

  if (is_new (self))
    return gtk_widget_grab_focus (GTK_WIDGET (self->consultation_drop_down));

  return gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
tx_outcome_details_section_dispose (GObject *object)
{
  TxOutcomeDetailsSection *self = (TxOutcomeDetailsSection *)object;

  self->updating++;
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_OUTCOME_DETAILS_SECTION);
  g_clear_pointer (&self->consultation_uuids, g_ptr_array_unref);
  g_clear_pointer (&self->consultation_uuid, g_free);
  g_clear_pointer (&self->next_consultation, g_free);

  G_OBJECT_CLASS (tx_outcome_details_section_parent_class)->dispose (object);
}

static void
tx_outcome_details_section_class_init (TxOutcomeDetailsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_outcome_details_section_dispose;
  widget_class->grab_focus = tx_outcome_details_section_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-outcome-details-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeDetailsSection, consultation_row);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeDetailsSection, consultation_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeDetailsSection, consultation_names);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeDetailsSection, consultation_info_row);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeDetailsSection, title_row);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeDetailsSection, details_problem_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeDetailsSection, content_buffer);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeDetailsSection, submitted_to_row);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeDetailsSection, submitted_to_names);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeDetailsSection, department_row);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeDetailsSection, department_error_icon);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeDetailsSection, submitted_row);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeDetailsSection, submitted_error_icon);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeDetailsSection, submission_problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_title_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_department_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_submitted_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_submitted_to_row_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);
}

static void
tx_outcome_details_section_init (TxOutcomeDetailsSection *self)
{
  self->consultation_uuids = g_ptr_array_new_with_free_func (g_free);

  self->updating++;
  gtk_widget_init_template (GTK_WIDGET (self));
  tx_date_picker_add_to_row (self->submitted_row);

  /* In the order of SUBMITTED_TO_*. */
  gtk_string_list_append (self->submitted_to_names, tx_submitted_to_get_label ("party_committee"));
  gtk_string_list_append (self->submitted_to_names, tx_submitted_to_get_label ("government"));
  gtk_string_list_append (self->submitted_to_names, _("A Department"));
  adw_combo_row_set_selected (self->submitted_to_row, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (self->consultation_drop_down, GTK_INVALID_LIST_POSITION);
  self->updating--;
}

/**
 * tx_outcome_details_section_get_consultation_uuid:
 *
 * Returns: (nullable): the consultation the recommendation belongs to:
 *   the one chosen for a new one, else its own
 */
const char *
tx_outcome_details_section_get_consultation_uuid (TxOutcomeDetailsSection *self)
{
  guint selected;

  g_return_val_if_fail (TX_IS_OUTCOME_DETAILS_SECTION (self), NULL);

  if (!is_new (self))
    return self->consultation_uuid;

  selected = gtk_drop_down_get_selected (self->consultation_drop_down);
  if (selected >= self->consultation_uuids->len)
    return NULL;

  return g_ptr_array_index (self->consultation_uuids, selected);
}

/**
 * tx_outcome_details_section_set_next_consultation:
 * @uuid: (nullable): the consultation the next new recommendation is of
 *
 * Chooses the consultation for the next new recommendation: the one it
 * is added from.
 */
void
tx_outcome_details_section_set_next_consultation (TxOutcomeDetailsSection *self,
                                                  const char              *uuid)
{
  g_return_if_fail (TX_IS_OUTCOME_DETAILS_SECTION (self));

  g_free (self->next_consultation);
  self->next_consultation = g_strdup (uuid);
}
