/* tx-consultation-participants-section.c — who is invited to a
 * consultation, in which role, who came, and whether the composition
 * keeps the rules of "liaison group + N"
 *
 * Not part of the form: each change is kept at once, through its own
 * call of the core.  The rows are updated where they are when the
 * editor reads the consultation again, so the scroll position and the
 * focus stay.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-consultation-participants-section"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-consultation-edit.h"
#include "tx-consultation-participants-section.h"
#include "tx-editor.h"
#include "tx-off-reason.h"
#include "tx-participant-picker.h"
#include "tx-participant-row.h"
#include "tx-settings.h"
#include "tx-vocabulary.h"
#include "tx-workflow.h"

struct _TxConsultationParticipantsSection
{
  GtkBox               parent_instance;

  /* template children */
  GtkToggleButton     *attendance_button;
  GtkMenuButton       *add_participant_button;
  TxParticipantPicker *picker;
  GtkListBox          *participants_list;
  GtkLabel            *attendance_label;
  GtkListBox          *composition_list;
  AdwActionRow        *composition_row;
  GtkImage            *composition_icon;

  /* owned references */
  TxConsultation      *consultation;       /* as read */
  GPtrArray           *composition_rows;   /* AdwActionRow, what is missing */
};

static void tx_consultation_participants_section_iface_init (TxEditorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TxConsultationParticipantsSection, tx_consultation_participants_section, GTK_TYPE_BOX,
                               G_IMPLEMENT_INTERFACE (TX_TYPE_EDITOR_SECTION,
                                                      tx_consultation_participants_section_iface_init))

static TxEditor *
get_editor (TxConsultationParticipantsSection *self)
{
  return tx_editor_section_get_editor (TX_EDITOR_SECTION (self));
}

/* "Liaison group + N": the role a person takes by default, from the
 * first of their categories. */
static TxRole
get_default_role (TxPerson *person)
{
  if (tx_person_get_n_categories (person) == 0)
    return TX_ROLE_OBSERVER;

  switch (tx_person_get_category (person, 0))
    {
    case TX_CATEGORY_LIAISON_LEADER:
    case TX_CATEGORY_LIAISON_OFFICER:
      return TX_ROLE_LIAISON;

    case TX_CATEGORY_CPPCC_MEMBER:
      return TX_ROLE_MEMBER;

    case TX_CATEGORY_NPC_DEPUTY:
    case TX_CATEGORY_PARTY_DEPUTY:
      return TX_ROLE_DEPUTY;

    case TX_CATEGORY_EXPERT:
      return TX_ROLE_EXPERT;

    case TX_CATEGORY_STAKEHOLDER:
    case TX_CATEGORY_RESIDENT:
      return TX_ROLE_STAKEHOLDER;

    case TX_CATEGORY_OFFICIAL:
      return TX_ROLE_OFFICIAL;

    case TX_CATEGORY_VETERAN_PARTY_MEMBER:
    case TX_CATEGORY_RETIRED_CADRE:
    case TX_CATEGORY_LOCAL_NOTABLE:
    default:
      return TX_ROLE_OBSERVER;
    }
}

static GPtrArray *
get_participants (TxConsultationParticipantsSection *self)
{
  return self->consultation != NULL ? tx_consultation_get_participants (self->consultation) : NULL;
}

static TxParticipantRow *
get_row (TxConsultationParticipantsSection *self,
         guint                              index)
{
  return (TxParticipantRow *) gtk_list_box_get_row_at_index (self->participants_list, index);
}

/* How many came, for the clerk at the door. */
static void
update_attendance_summary (TxConsultationParticipantsSection *self)
{
  gboolean taking_attendance = gtk_toggle_button_get_active (self->attendance_button);
  guint counts[3] = { 0, 0, 0 };   /* not recorded, absent, present */
  g_autofree char *text = NULL;
  TxParticipantRow *row;
  guint n_rows = 0;

  for (; (row = get_row (self, n_rows)) != NULL; n_rows++)
    counts[CLAMP (tx_participant_row_get_attended (row), -1, 1) + 1]++;

  /* Translators: the attendance of a consultation's participants */
  text = g_strdup_printf (_("Present %u · Absent %u · Not recorded %u"), counts[2], counts[1], counts[0]);
  gtk_label_set_label (self->attendance_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->attendance_label),
                          n_rows > 0 && (taking_attendance || counts[0] < n_rows));
}

/* Changes kept at once */

static void
on_row_attendance_chosen_cb (TxParticipantRow                  *row,
                             int                                attended,
                             TxConsultationParticipantsSection *self)
{
  TxEditor *editor = get_editor (self);
  g_autoptr(GError) error = NULL;

  if (!tx_store_set_attendance (tx_editor_get_store (editor), tx_editor_get_uuid (editor),
                                tx_participant_row_get_person_uuid (row), attended, &error))
    {
      tx_editor_report_failure (editor, _("Could not record the attendance"), error);
      tx_editor_schedule_reload (editor);
      return;
    }

  tx_editor_hide_problem (editor);
  update_attendance_summary (self);
}

static void
on_row_role_chosen_cb (TxParticipantRow                  *row,
                       int                                role,
                       TxConsultationParticipantsSection *self)
{
  TxEditor *editor = get_editor (self);
  g_autoptr(GError) error = NULL;

  if (!tx_store_set_participant (tx_editor_get_store (editor), tx_editor_get_uuid (editor),
                                 tx_participant_row_get_person_uuid (row), (TxRole) role, &error))
    {
      tx_editor_report_failure (editor, _("Could not change the role"), error);
      tx_editor_schedule_reload (editor);
      return;
    }

  tx_editor_hide_problem (editor);
}

/* Undo of a removal: invited again, with the same role and attendance. */
static void
on_removal_toast_button_clicked_cb (AdwToast                          *toast,
                                    TxConsultationParticipantsSection *self)
{
  const char *consultation = g_object_get_data (G_OBJECT (toast), "tx-consultation");
  const char *person = g_object_get_data (G_OBJECT (toast), "tx-person");
  TxRole role = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toast), "tx-role"));
  int attended = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toast), "tx-attended"));
  TxEditor *editor = get_editor (self);
  g_autoptr(GError) error = NULL;
  TxStore *store;

  if (editor == NULL || (store = tx_editor_get_store (editor)) == NULL)
    return;

  if (!tx_store_set_participant (store, consultation, person, role, &error) ||
      (attended >= 0 && !tx_store_set_attendance (store, consultation, person, attended, &error)))
    tx_editor_report_failure (editor, _("Could not invite the person again"), error);
}

static void
on_row_remove_cb (TxParticipantRow                  *row,
                  TxConsultationParticipantsSection *self)
{
  TxEditor *editor = get_editor (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  AdwToast *toast;

  if (!tx_store_remove_participant (tx_editor_get_store (editor), tx_editor_get_uuid (editor),
                                    tx_participant_row_get_person_uuid (row), &error))
    {
      tx_editor_report_failure (editor, _("Could not remove the participant"), error);
      return;
    }
  tx_editor_hide_problem (editor);

  /* Translators: %s is a person's name */
  text = g_strdup_printf (_("“%s” is no longer a participant"), tx_participant_row_get_name (row));
  markup = g_markup_escape_text (text, -1);
  toast = adw_toast_new (markup);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "tx-consultation", g_strdup (tx_editor_get_uuid (editor)), g_free);
  g_object_set_data_full (G_OBJECT (toast), "tx-person", g_strdup (tx_participant_row_get_person_uuid (row)), g_free);
  g_object_set_data (G_OBJECT (toast), "tx-role", GINT_TO_POINTER (tx_participant_row_get_role (row)));
  g_object_set_data (G_OBJECT (toast), "tx-attended", GINT_TO_POINTER (tx_participant_row_get_attended (row)));
  g_signal_connect_object (toast, "button-clicked",
                           G_CALLBACK (on_removal_toast_button_clicked_cb), self, 0);
  tx_editor_add_toast (editor, toast);
}

static GtkWidget *
create_row (TxConsultationParticipantsSection *self,
            TxParticipant                     *participant)
{
  GtkWidget *row = tx_participant_row_new (participant);

  tx_participant_row_set_taking_attendance (TX_PARTICIPANT_ROW (row),
                                            gtk_toggle_button_get_active (self->attendance_button));
  g_signal_connect_object (row, "attendance-chosen", G_CALLBACK (on_row_attendance_chosen_cb), self, 0);
  g_signal_connect_object (row, "role-chosen", G_CALLBACK (on_row_role_chosen_cb), self, 0);
  g_signal_connect_object (row, "remove", G_CALLBACK (on_row_remove_cb), self, 0);

  return row;
}

/* The same people in the same order: the rows are updated in place. */
static gboolean
participants_match_rows (TxConsultationParticipantsSection *self,
                         GPtrArray                         *participants)
{
  guint n_rows = 0;

  while (get_row (self, n_rows) != NULL)
    n_rows++;

  if (n_rows != (participants != NULL ? participants->len : 0))
    return FALSE;

  for (guint i = 0; i < n_rows; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);

      if (g_strcmp0 (tx_participant_row_get_person_uuid (get_row (self, i)), participant->person_uuid) != 0)
        return FALSE;
    }

  return TRUE;
}

static void
update_participants (TxConsultationParticipantsSection *self)
{
  GPtrArray *participants = get_participants (self);
  g_autoptr(GPtrArray) invited = g_ptr_array_new ();
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = scrolled != NULL ? gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)) : NULL;
  double scrolled_to = adjustment != NULL ? gtk_adjustment_get_value (adjustment) : 0;

  if (participants_match_rows (self, participants))
    {
      for (guint i = 0; participants != NULL && i < participants->len; i++)
        tx_participant_row_update (get_row (self, i), g_ptr_array_index (participants, i));
    }
  else
    {
      guint n = participants != NULL ? participants->len : 0;
      guint n_rows = 0;

      /* Other people: the rows there are show them (made anew, a
       * meeting's fifteen rows cost a consultation chosen a tenth of a
       * second), the rows left over go, and rows are made for the rest. */
      while (get_row (self, n_rows) != NULL)
        n_rows++;
      while (n_rows > n)
        gtk_list_box_remove (self->participants_list, GTK_WIDGET (get_row (self, --n_rows)));
      for (guint i = 0; i < n; i++)
        {
          if (i < n_rows)
            tx_participant_row_update (get_row (self, i), g_ptr_array_index (participants, i));
          else
            gtk_list_box_append (self->participants_list, create_row (self, g_ptr_array_index (participants, i)));
        }
      if (adjustment != NULL)
        gtk_adjustment_set_value (adjustment, scrolled_to);
    }

  update_attendance_summary (self);

  for (guint i = 0; participants != NULL && i < participants->len; i++)
    g_ptr_array_add (invited, ((TxParticipant *) g_ptr_array_index (participants, i))->person_uuid);
  g_ptr_array_add (invited, NULL);
  tx_participant_picker_set_invited (self->picker, (const char * const *) invited->pdata);
}

/* The composition check, after every change */
static void
update_composition (TxConsultationParticipantsSection *self)
{
  TxEditor *editor = get_editor (self);
  TxStore *store = editor != NULL ? tx_editor_get_store (editor) : NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  GPtrArray *participants = get_participants (self);
  g_autoptr(TxComposition) composition = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *subtitle = NULL;
  const char *counting;
  gboolean attended_only;
  double share;

  attended_only = self->consultation != NULL &&
                  tx_consultation_get_stage_done (self->consultation, TX_STAGE_MEETING) != NULL;
  composition = tx_composition_check (participants != NULL ? participants : none, attended_only,
                                      store != NULL ? tx_settings_get_stakeholder_share (tx_store_get_settings (store))
                                                    : 0.30);
  share = composition->counted > 0 ? 100.0 * composition->stakeholders / composition->counted : 0;

  /* Translators: the counts of the composition check, as in
   * “联络组 1 · 两代表一委员 2 · 利益相关方 4/12 (33%)” */
  summary = g_strdup_printf (_("Liaison group %u · Two deputies and one member %u · Stakeholders %u/%u (%.0f%%)"),
                             composition->liaison, composition->deputies,
                             composition->stakeholders, composition->counted, share);
  counting = attended_only ? _("Counting those present, as the meeting is done.")
                           : _("Counting everyone invited; once the meeting is done, those present.");
  if (composition->ok)
    subtitle = g_strdup_printf ("%s %s", _("Meets the rules of “liaison group + N”."), counting);
  else
    subtitle = g_strdup (counting);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->composition_row), summary);
  adw_action_row_set_subtitle (self->composition_row, subtitle);
  gtk_image_set_from_icon_name (self->composition_icon,
                                composition->ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->composition_icon), composition->ok ? "warning" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->composition_icon), composition->ok ? "success" : "warning");
  tx_widget_set_tooltip (GTK_WIDGET (self->composition_icon),
                               composition->ok ? _("The composition meets the rules")
                                               : _("Something is missing from the composition"));

  for (guint i = 0; i < self->composition_rows->len; i++)
    gtk_list_box_remove (self->composition_list, g_ptr_array_index (self->composition_rows, i));
  g_ptr_array_set_size (self->composition_rows, 0);

  for (guint i = 0; i < composition->missing->len; i++)
    {
      g_autofree char *text = g_markup_escape_text (g_ptr_array_index (composition->missing, i), -1);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_add_css_class (row, "warning");
      gtk_list_box_append (self->composition_list, row);
      g_ptr_array_add (self->composition_rows, row);
    }
}

/* Callbacks of the template */

static void
on_attendance_button_toggled_cb (GtkToggleButton                   *button,
                                 TxConsultationParticipantsSection *self)
{
  TxParticipantRow *row;

  for (guint i = 0; (row = get_row (self, i)) != NULL; i++)
    tx_participant_row_set_taking_attendance (row, gtk_toggle_button_get_active (button));
  update_attendance_summary (self);
}

static void
on_picker_popover_show_cb (GtkPopover                        *popover,
                           TxConsultationParticipantsSection *self)
{
  tx_participant_picker_reset (self->picker);
}

static void
on_picker_person_chosen_cb (TxParticipantPicker               *picker,
                            TxPerson                          *person,
                            TxConsultationParticipantsSection *self)
{
  TxEditor *editor = get_editor (self);
  g_autoptr(GError) error = NULL;

  if (editor == NULL || tx_editor_get_store (editor) == NULL || tx_editor_get_uuid (editor) == NULL)
    return;

  if (!tx_store_set_participant (tx_editor_get_store (editor), tx_editor_get_uuid (editor),
                                 tx_person_get_uuid (person), get_default_role (person), &error))
    {
      tx_editor_report_failure (editor, _("Could not add the participant"), error);
      return;
    }

  tx_editor_hide_problem (editor);
}

/* TxEditorSection */

static void
tx_consultation_participants_section_set_record (TxEditorSection *section,
                                                 GObject         *record,
                                                 gboolean         refill)
{
  TxConsultationParticipantsSection *self = TX_CONSULTATION_PARTICIPANTS_SECTION (section);
  TxEditor *editor = get_editor (self);
  TxConsultation *consultation = TX_CONSULTATION (record);
  gboolean is_new = tx_editor_is_new (editor);

  /* Attendance is taken again for the next consultation. */
  if (self->consultation != NULL &&
      g_strcmp0 (tx_consultation_get_uuid (self->consultation), tx_consultation_get_uuid (consultation)) != 0)
    gtk_toggle_button_set_active (self->attendance_button, FALSE);
  g_set_object (&self->consultation, consultation);

  /* People are invited to a consultation in the database: a new one is
   * saved first. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_participant_button), !is_new);
  gtk_widget_set_sensitive (GTK_WIDGET (self->attendance_button), !is_new);
  tx_widget_set_off_reason (GTK_WIDGET (self->add_participant_button),
                            is_new ? _("Save the new consultation first") : NULL);
  tx_widget_set_off_reason (GTK_WIDGET (self->attendance_button),
                            is_new ? _("Save the new consultation first") : NULL);

  tx_participant_picker_set_store (self->picker, tx_editor_get_store (editor));
  tx_participant_picker_set_township (self->picker, tx_consultation_get_township_name (consultation));
  update_participants (self);
  update_composition (self);
}

static void
tx_consultation_participants_section_iface_init (TxEditorSectionInterface *iface)
{
  iface->set_record = tx_consultation_participants_section_set_record;
}

/* GObject */

static void
tx_consultation_participants_section_dispose (GObject *object)
{
  TxConsultationParticipantsSection *self = (TxConsultationParticipantsSection *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_CONSULTATION_PARTICIPANTS_SECTION);
  g_clear_object (&self->consultation);
  g_clear_pointer (&self->composition_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (tx_consultation_participants_section_parent_class)->dispose (object);
}

static void
tx_consultation_participants_section_class_init (TxConsultationParticipantsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_consultation_participants_section_dispose;

  g_type_ensure (TX_TYPE_PARTICIPANT_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-consultation-participants-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TxConsultationParticipantsSection, attendance_button);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationParticipantsSection, add_participant_button);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationParticipantsSection, picker);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationParticipantsSection, participants_list);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationParticipantsSection, attendance_label);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationParticipantsSection, composition_list);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationParticipantsSection, composition_row);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationParticipantsSection, composition_icon);
  gtk_widget_class_bind_template_callback (widget_class, on_attendance_button_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_picker_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_picker_person_chosen_cb);
}

static void
tx_consultation_participants_section_init (TxConsultationParticipantsSection *self)
{
  self->composition_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}
