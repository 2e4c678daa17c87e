/* tx-outcome-implementation-section.c — how far a recommendation was
 * adopted and carried out, and the supervision records before, during
 * and after (the second and third of the three zeros)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-outcome-implementation-section"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-editor.h"
#include "tx-outcome-edit.h"
#include "tx-outcome-implementation-section.h"
#include "tx-rules.h"
#include "tx-supervision-row.h"
#include "tx-vocabulary.h"

struct _TxOutcomeImplementationSection
{
  GtkBox               parent_instance;

  /* template children */
  AdwComboRow         *adoption_row;
  GtkStringList       *adoptions;
  AdwActionRow        *progress_row;
  GtkSpinButton       *progress_spin;
  AdwPreferencesGroup *supervision_group;
  GtkListBox          *supervision_list;
  GtkLabel            *supervision_problem_label;

  /* state */
  gboolean             progress_known;   /* the progress was recorded, or set here */
  guint                updating;
};

static void tx_outcome_implementation_section_iface_init (TxEditorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TxOutcomeImplementationSection, tx_outcome_implementation_section, GTK_TYPE_BOX,
                               G_IMPLEMENT_INTERFACE (TX_TYPE_EDITOR_SECTION,
                                                      tx_outcome_implementation_section_iface_init))

static TxAdoption
get_selected_adoption (TxOutcomeImplementationSection *self)
{
  guint selected = adw_combo_row_get_selected (self->adoption_row);

  return selected < tx_adoption_get_count () ? (TxAdoption) selected : TX_ADOPTION_PENDING;
}

static gboolean
is_adopted (TxAdoption adoption)
{
  return adoption == TX_ADOPTION_ADOPTED || adoption == TX_ADOPTION_PARTLY_ADOPTED;
}

/* 0 to 100, or -1 when not known: only an adopted recommendation is
 * carried out. */
static int
get_progress (TxOutcomeImplementationSection *self)
{
  if (!is_adopted (get_selected_adoption (self)) || !self->progress_known)
    return -1;

  return gtk_spin_button_get_value_as_int (self->progress_spin);
}

static TxSupervisionRow *
get_row (TxOutcomeImplementationSection *self,
         guint                           index)
{
  return (TxSupervisionRow *) gtk_list_box_get_row_at_index (self->supervision_list, index);
}

static void
on_form_changed_cb (TxOutcomeImplementationSection *self)
{
  if (self->updating > 0)
    return;

  tx_editor_section_changed (TX_EDITOR_SECTION (self));
}

static void
on_progress_spin_value_changed_cb (TxOutcomeImplementationSection *self)
{
  if (self->updating > 0)
    return;

  self->progress_known = TRUE;
  on_form_changed_cb (self);
}

static void
on_row_remove_cb (TxSupervisionRow               *row,
                  TxOutcomeImplementationSection *self)
{
  gtk_list_box_remove (self->supervision_list, GTK_WIDGET (row));
  on_form_changed_cb (self);
}

static TxSupervisionRow *
append_record (TxOutcomeImplementationSection *self,
               TxSupervisionPhase              phase,
               const char                     *date,
               const char                     *by,
               const char                     *note)
{
  GtkWidget *row = tx_supervision_row_new (phase, date, by, note);

  g_signal_connect_object (row, "changed", G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove", G_CALLBACK (on_row_remove_cb), self, 0);
  gtk_list_box_append (self->supervision_list, row);

  return TX_SUPERVISION_ROW (row);
}

/* The second and third zeros: supervised before, during and after;
 * carried out in full. */
static void
update_implementation (TxOutcomeImplementationSection *self,
                       TxOutcome                      *outcome)
{
  TxAdoption adoption = get_selected_adoption (self);
  GPtrArray *supervisions = tx_outcome_get_supervisions (outcome);
  g_autoptr(GString) missing = g_string_new (NULL);
  gboolean phases[3] = { FALSE, FALSE, FALSE };
  const char *subtitle;

  gtk_widget_set_sensitive (GTK_WIDGET (self->progress_row), is_adopted (adoption));
  if (!is_adopted (adoption))
    subtitle = _("Only an adopted recommendation is carried out");
  else if (!self->progress_known)
    subtitle = _("Not recorded yet");
  else if (gtk_spin_button_get_value_as_int (self->progress_spin) >= 100)
    subtitle = _("Carried out in full");
  else
    subtitle = _("How much of it has been carried out");
  adw_action_row_set_subtitle (self->progress_row, subtitle);

  for (guint i = 0; i < supervisions->len; i++)
    phases[((TxSupervision *) g_ptr_array_index (supervisions, i))->phase] = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    if (!phases[i])
      {
        if (missing->len > 0)
          g_string_append (missing, C_("list separator", ", "));
        g_string_append (missing, tx_supervision_phase_get_label ((TxSupervisionPhase) i));
      }

  if (!is_adopted (adoption))
    adw_preferences_group_set_description (self->supervision_group,
                                           _("An adopted recommendation is supervised before, during and after it is carried out, with the public."));
  else if (missing->len == 0)
    adw_preferences_group_set_description (self->supervision_group,
                                           _("Supervised before, during and after: nothing is missing."));
  else
    {
      /* Translators: %s lists supervision phases: “During, After” */
      g_autofree char *text = g_strdup_printf (_("Not yet supervised: %s. An adopted recommendation is supervised before, during and after."),
                                               missing->str);

      adw_preferences_group_set_description (self->supervision_group, text);
    }
}

/* TxEditorSection */

static void
tx_outcome_implementation_section_set_record (TxEditorSection *section,
                                              GObject         *record,
                                              gboolean         refill)
{
  TxOutcomeImplementationSection *self = TX_OUTCOME_IMPLEMENTATION_SECTION (section);
  TxOutcome *outcome = TX_OUTCOME (record);
  GPtrArray *supervisions = tx_outcome_get_supervisions (outcome);
  int progress = tx_outcome_get_progress (outcome);

  if (!refill)
    return;

  self->updating++;

  adw_combo_row_set_selected (self->adoption_row, tx_outcome_get_adoption (outcome));
  self->progress_known = progress >= 0;
  gtk_spin_button_set_value (self->progress_spin, MAX (progress, 0));

  tx_editor_section_remove_all_rows (self->supervision_list);
  for (guint i = 0; i < supervisions->len; i++)
    {
      TxSupervision *supervision = g_ptr_array_index (supervisions, i);

      append_record (self, supervision->phase, supervision->date, supervision->by, supervision->note);
    }

  self->updating--;
}

/* The records the rows hold, in order, the empty rows left out: the
 * index of a record is not always that of its row. */
static void
tx_outcome_implementation_section_apply (TxEditorSection *section,
                                         GObject         *record,
                                         GPtrArray       *problems)
{
  TxOutcomeImplementationSection *self = TX_OUTCOME_IMPLEMENTATION_SECTION (section);
  TxOutcome *outcome = TX_OUTCOME (record);
  TxSupervisionRow *row;
  guint index = 0;

  tx_outcome_set_adoption (outcome, get_selected_adoption (self), get_progress (self));

  tx_outcome_clear_supervisions (outcome);
  for (guint i = 0; (row = get_row (self, i)) != NULL; i++)
    {
      g_autofree char *by = NULL;
      g_autofree char *note = NULL;
      g_autofree char *iso = NULL;
      g_autoptr(GError) error = NULL;
      TxDate date;

      if (tx_supervision_row_is_empty (row))
        continue;

      if (!tx_editor_section_read_date (tx_supervision_row_get_date_entry (row), &date, &error))
        tx_editor_section_add_problem (problems, "supervision-date", index,
                                       /* Translators: %u is the number of the record, from 1,
                                        * then why the date cannot be read and how to write it */
                                       g_strdup_printf (_("The date of supervision record %u is not a date: %s"),
                                                        index + 1, error->message));
      else if (date != TX_DATE_NONE)
        iso = tx_date_to_iso (date);

      by = tx_supervision_row_dup_by (row);
      note = tx_supervision_row_dup_note (row);
      tx_outcome_add_supervision (outcome, tx_supervision_row_get_phase (row), iso, by, note);
      index++;
    }
}

static void
tx_outcome_implementation_section_append_state (TxEditorSection *section,
                                                GString         *state)
{
  TxOutcomeImplementationSection *self = TX_OUTCOME_IMPLEMENTATION_SECTION (section);
  TxSupervisionRow *row;

  g_string_append_printf (state, "%d\x1f%d\x1f", get_selected_adoption (self), get_progress (self));
  for (guint i = 0; (row = get_row (self, i)) != NULL; i++)
    {
      g_autofree char *by = NULL;
      g_autofree char *note = NULL;

      if (tx_supervision_row_is_empty (row))
        continue;

      by = tx_supervision_row_dup_by (row);
      note = tx_supervision_row_dup_note (row);
      g_string_append_printf (state, "%d\x1e", tx_supervision_row_get_phase (row));
      tx_editor_section_append_date_state (state, tx_supervision_row_get_date_entry (row));
      g_string_append_printf (state, "%s\x1e%s\x1f", by, note);
    }
}

static void
tx_outcome_implementation_section_update (TxEditorSection *section,
                                          GObject         *record,
                                          GPtrArray       *problems)
{
  TxOutcomeImplementationSection *self = TX_OUTCOME_IMPLEMENTATION_SECTION (section);
  g_autoptr(GPtrArray) messages = g_ptr_array_new ();
  TxSupervisionRow *row;
  guint index = 0;

  for (guint i = 0; (row = get_row (self, i)) != NULL; i++)
    {
      const char *problem = NULL;

      if (!tx_supervision_row_is_empty (row))
        problem = tx_problems_find (problems, "supervision-date", index++);

      tx_supervision_row_show_problem (row, problem);
      if (problem != NULL)
        g_ptr_array_add (messages, (gpointer) problem);
    }
  tx_editor_section_show_problems (self->supervision_problem_label, messages);

  update_implementation (self, TX_OUTCOME (record));
}

/* A number typed in the spin button counts before it is left. */
static void
tx_outcome_implementation_section_commit (TxEditorSection *section)
{
  TxOutcomeImplementationSection *self = TX_OUTCOME_IMPLEMENTATION_SECTION (section);

  gtk_spin_button_update (self->progress_spin);
}

static void
tx_outcome_implementation_section_iface_init (TxEditorSectionInterface *iface)
{
  iface->set_record = tx_outcome_implementation_section_set_record;
  iface->apply = tx_outcome_implementation_section_apply;
  iface->append_state = tx_outcome_implementation_section_append_state;
  iface->update = tx_outcome_implementation_section_update;
  iface->commit = tx_outcome_implementation_section_commit;
}

/* GObject */

static void
tx_outcome_implementation_section_dispose (GObject *object)
{
  TxOutcomeImplementationSection *self = (TxOutcomeImplementationSection *)object;

  self->updating++;
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_OUTCOME_IMPLEMENTATION_SECTION);

  G_OBJECT_CLASS (tx_outcome_implementation_section_parent_class)->dispose (object);
}

static void
tx_outcome_implementation_section_class_init (TxOutcomeImplementationSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_outcome_implementation_section_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-outcome-implementation-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeImplementationSection, adoption_row);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeImplementationSection, adoptions);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeImplementationSection, progress_row);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeImplementationSection, progress_spin);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeImplementationSection, supervision_group);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeImplementationSection, supervision_list);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeImplementationSection, supervision_problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_progress_spin_value_changed_cb);
}

static void
tx_outcome_implementation_section_init (TxOutcomeImplementationSection *self)
{
  self->updating++;
  gtk_widget_init_template (GTK_WIDGET (self));

  /* In the order of TxAdoption. */
  for (guint i = 0; i < tx_adoption_get_count (); i++)
    gtk_string_list_append (self->adoptions, tx_adoption_get_label ((TxAdoption) i));
  self->updating--;
}

/* A new record, of the first phase not yet recorded, the cursor in its
 * date. */
void
tx_outcome_implementation_section_add_record (TxOutcomeImplementationSection *self)
{
  gboolean phases[3] = { FALSE, FALSE, FALSE };
  TxSupervisionPhase phase = TX_SUPERVISION_AFTER;
  TxSupervisionRow *row;

  g_return_if_fail (TX_IS_OUTCOME_IMPLEMENTATION_SECTION (self));

  for (guint i = 0; (row = get_row (self, i)) != NULL; i++)
    phases[tx_supervision_row_get_phase (row)] = TRUE;
  for (guint i = G_N_ELEMENTS (phases); i > 0; i--)
    if (!phases[i - 1])
      phase = (TxSupervisionPhase) (i - 1);

  row = append_record (self, phase, NULL, NULL, NULL);
  on_form_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (tx_supervision_row_get_date_entry (row)));
}
