/* tx-consultation-editor-participants.c — who is invited to a
 * consultation, in which role, who came, and whether the composition
 * keeps the rules of "liaison group + N"
 *
 * Each change is kept at once, through its own call of the core; the
 * rows are updated where they are when the editor reads the consultation
 * again, so the scroll position and the focus stay.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-consultation-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-consultation-edit.h"
#include "tx-consultation-editor-private.h"
#include "tx-settings.h"
#include "tx-vocabulary.h"
#include "tx-workflow.h"

static void update_attendance_summary (TxConsultationEditor *self);

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

typedef struct {
  TxConsultationEditor *editor;          /* not owned: the editor outlives its rows */
  char                 *person_uuid;
  char                 *name;
  char                 *categories;
  TxRole                role;
  int                   attended;
  AdwActionRow         *row;
  GtkStack             *mode_stack;
  GtkDropDown          *role_drop_down;
  GtkCheckButton       *present_check;
  GtkToggleButton      *present_toggle;
  GtkToggleButton      *absent_toggle;
} ParticipantRow;

static void
participant_row_free (ParticipantRow *row)
{
  g_free (row->person_uuid);
  g_free (row->name);
  g_free (row->categories);
  g_free (row);
}

static char *
dup_categories_label (TxParticipant *participant)
{
  GPtrArray *labels = g_ptr_array_new ();
  char *text;

  for (guint i = 0; i < participant->categories->len; i++)
    g_ptr_array_add (labels, (gpointer) tx_category_get_label (g_array_index (participant->categories, TxCategory, i)));
  g_ptr_array_add (labels, NULL);

  /* Translators: between the categories of a person, “、” in Chinese */
  text = g_strjoinv (C_("list separator", ", "), (char **) labels->pdata);
  g_ptr_array_unref (labels);

  return text;
}

static const char *
get_attendance_label (int attended)
{
  switch (attended)
    {
    case 1:
      return C_("attendance", "Present");
    case 0:
      return C_("attendance", "Absent");
    default:
      return C_("attendance", "Not recorded yet");
    }
}

/* The row shows its participant: role, attendance, and the attendance
 * in words as well, not by the state of a button alone. */
static void
update_participant_row (TxConsultationEditor *self,
                        ParticipantRow       *row)
{
  gboolean taking_attendance = gtk_toggle_button_get_active (self->attendance_button);
  g_autofree char *title = g_markup_escape_text (row->name, -1);
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;

  if (taking_attendance || row->attended >= 0)
    subtitle = row->categories[0] != '\0'
               /* Translators: a participant's categories, then their attendance */
               ? g_strdup_printf (_("%s · %s"), row->categories, get_attendance_label (row->attended))
               : g_strdup (get_attendance_label (row->attended));
  else
    subtitle = g_strdup (row->categories);
  escaped = g_markup_escape_text (subtitle, -1);

  self->updating++;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);
  adw_action_row_set_subtitle (row->row, escaped);
  gtk_drop_down_set_selected (row->role_drop_down, row->role);
  gtk_check_button_set_active (row->present_check, row->attended == 1);
  gtk_toggle_button_set_active (row->present_toggle, row->attended == 1);
  gtk_toggle_button_set_active (row->absent_toggle, row->attended == 0);
  /* Who is in stands out at a glance; the subtitle says it in words. */
  if (row->attended == 1)
    gtk_widget_add_css_class (GTK_WIDGET (row->present_toggle), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row->present_toggle), "suggested-action");
  gtk_stack_set_visible_child_name (row->mode_stack, taking_attendance ? "attendance" : "edit");
  self->updating--;
}

static void
set_attendance (ParticipantRow *row,
                int             attended)
{
  TxConsultationEditor *self = row->editor;
  g_autoptr(GError) error = NULL;

  if (self->updating > 0 || row->attended == attended)
    return;

  if (!tx_store_set_attendance (self->store, self->uuid, row->person_uuid, attended, &error))
    {
      tx_consultation_editor_report_failure (self, _("Could not record the attendance"), error);
      tx_consultation_editor_schedule_reload (self);
      return;
    }

  row->attended = attended;
  tx_consultation_editor_hide_problem (self);
}

static void
on_present_check_toggled_cb (GtkCheckButton *check,
                             ParticipantRow *row)
{
  set_attendance (row, gtk_check_button_get_active (check) ? 1 : 0);
}

static void
on_present_toggle_toggled_cb (GtkToggleButton *toggle,
                              ParticipantRow  *row)
{
  if (gtk_toggle_button_get_active (toggle))
    set_attendance (row, 1);
}

static void
on_absent_toggle_toggled_cb (GtkToggleButton *toggle,
                             ParticipantRow  *row)
{
  if (gtk_toggle_button_get_active (toggle))
    set_attendance (row, 0);
}

static void
on_role_drop_down_notify_selected_cb (GtkDropDown    *drop_down,
                                      GParamSpec     *pspec,
                                      ParticipantRow *row)
{
  TxConsultationEditor *self = row->editor;
  guint role = gtk_drop_down_get_selected (drop_down);
  g_autoptr(GError) error = NULL;

  if (self->updating > 0 || role >= tx_role_get_count () || role == row->role)
    return;

  if (!tx_store_set_participant (self->store, self->uuid, row->person_uuid, (TxRole) role, &error))
    {
      tx_consultation_editor_report_failure (self, _("Could not change the role"), error);
      tx_consultation_editor_schedule_reload (self);
      return;
    }

  row->role = (TxRole) role;
  tx_consultation_editor_hide_problem (self);
}

/* Undo of a removal: invited again, with the same role and attendance. */
static void
on_removal_toast_button_clicked_cb (AdwToast             *toast,
                                    TxConsultationEditor *self)
{
  const char *consultation = g_object_get_data (G_OBJECT (toast), "tx-consultation");
  const char *person = g_object_get_data (G_OBJECT (toast), "tx-person");
  TxRole role = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toast), "tx-role"));
  int attended = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toast), "tx-attended"));
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  if (!tx_store_set_participant (self->store, consultation, person, role, &error) ||
      (attended >= 0 && !tx_store_set_attendance (self->store, consultation, person, attended, &error)))
    tx_consultation_editor_report_failure (self, _("Could not invite the person again"), error);
}

static void
on_remove_button_clicked_cb (GtkButton      *button,
                             ParticipantRow *row)
{
  TxConsultationEditor *self = row->editor;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (!tx_store_remove_participant (self->store, self->uuid, row->person_uuid, &error))
    {
      tx_consultation_editor_report_failure (self, _("Could not remove the participant"), error);
      return;
    }
  tx_consultation_editor_hide_problem (self);

  /* Translators: %s is a person's name */
  text = g_strdup_printf (_("“%s” is no longer a participant"), row->name);
  toast = tx_consultation_editor_create_toast (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  /* Normal priority: libadwaita 1.2 aborts when the Undo of a toast that
   * pushed another aside is clicked within its animation. */
  g_object_set_data_full (G_OBJECT (toast), "tx-consultation", g_strdup (self->uuid), g_free);
  g_object_set_data_full (G_OBJECT (toast), "tx-person", g_strdup (row->person_uuid), g_free);
  g_object_set_data (G_OBJECT (toast), "tx-role", GINT_TO_POINTER (row->role));
  g_object_set_data (G_OBJECT (toast), "tx-attended", GINT_TO_POINTER (row->attended));
  g_signal_connect_object (toast, "button-clicked",
                           G_CALLBACK (on_removal_toast_button_clicked_cb), self, 0);
  tx_consultation_editor_add_toast (self, toast);
}

static GtkWidget *
create_participant_row (TxConsultationEditor *self,
                        TxParticipant        *participant)
{
  ParticipantRow *row = g_new0 (ParticipantRow, 1);
  GtkWidget *edit_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *attendance_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *remove_button;
  /* Translators: %s is a person's name */
  g_autofree char *role_label = g_strdup_printf (_("Role of %s"), participant->name);
  /* Translators: %s is a person's name */
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s from the participants"), participant->name);

  row->editor = self;
  row->person_uuid = g_strdup (participant->person_uuid);
  row->name = g_strdup (participant->name != NULL ? participant->name : "");
  row->categories = dup_categories_label (participant);
  row->role = participant->role;
  row->attended = participant->attended;

  row->row = ADW_ACTION_ROW (adw_action_row_new ());
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row->row), FALSE);

  row->mode_stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_hhomogeneous (row->mode_stack, FALSE);
  gtk_stack_set_interpolate_size (row->mode_stack, FALSE);
  gtk_widget_set_valign (GTK_WIDGET (row->mode_stack), GTK_ALIGN_CENTER);

  /* Editing: the role, present or not, remove. */
  row->role_drop_down = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->roles)), NULL));
  gtk_widget_set_valign (GTK_WIDGET (row->role_drop_down), GTK_ALIGN_CENTER);
  /* One width for all, so the roles line up. */
  gtk_widget_set_size_request (GTK_WIDGET (row->role_drop_down), 136, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->role_drop_down), _("Role at the consultation"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->role_drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, role_label,
                                  -1);
  gtk_box_append (GTK_BOX (edit_box), GTK_WIDGET (row->role_drop_down));

  row->present_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (C_("attendance", "Present")));
  gtk_widget_set_valign (GTK_WIDGET (row->present_check), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (edit_box), GTK_WIDGET (row->present_check));

  remove_button = tx_consultation_editor_create_icon_button ("user-trash-symbolic", remove_label);
  gtk_widget_set_tooltip_text (remove_button, _("Remove From the Participants"));
  gtk_box_append (GTK_BOX (edit_box), remove_button);
  gtk_stack_add_named (row->mode_stack, edit_box, "edit");

  /* Taking attendance: two large buttons. */
  row->present_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (C_("attendance", "Present")));
  row->absent_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (C_("attendance", "Absent")));
  gtk_toggle_button_set_group (row->absent_toggle, row->present_toggle);
  gtk_widget_set_size_request (GTK_WIDGET (row->present_toggle), 104, 44);
  gtk_widget_set_size_request (GTK_WIDGET (row->absent_toggle), 104, 44);
  gtk_widget_add_css_class (attendance_box, "linked");
  gtk_widget_set_valign (attendance_box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (attendance_box, 6);
  gtk_widget_set_margin_bottom (attendance_box, 6);
  gtk_box_append (GTK_BOX (attendance_box), GTK_WIDGET (row->present_toggle));
  gtk_box_append (GTK_BOX (attendance_box), GTK_WIDGET (row->absent_toggle));
  gtk_stack_add_named (row->mode_stack, attendance_box, "attendance");

  adw_action_row_add_suffix (row->row, GTK_WIDGET (row->mode_stack));

  g_object_set_data_full (G_OBJECT (row->row), "tx-participant", row, (GDestroyNotify) participant_row_free);
  update_participant_row (self, row);

  g_signal_connect (row->role_drop_down, "notify::selected",
                    G_CALLBACK (on_role_drop_down_notify_selected_cb), row);
  g_signal_connect (row->present_check, "toggled", G_CALLBACK (on_present_check_toggled_cb), row);
  g_signal_connect (row->present_toggle, "toggled", G_CALLBACK (on_present_toggle_toggled_cb), row);
  g_signal_connect (row->absent_toggle, "toggled", G_CALLBACK (on_absent_toggle_toggled_cb), row);
  g_signal_connect (remove_button, "clicked", G_CALLBACK (on_remove_button_clicked_cb), row);

  return GTK_WIDGET (row->row);
}

static GPtrArray *
get_participants (TxConsultationEditor *self)
{
  return self->consultation != NULL ? tx_consultation_get_participants (self->consultation) : NULL;
}

/* The same people in the same order: the rows are updated in place. */
static gboolean
participants_match_rows (TxConsultationEditor *self,
                         GPtrArray            *participants)
{
  guint n_rows = 0;

  while (gtk_list_box_get_row_at_index (self->participants_list, n_rows) != NULL)
    n_rows++;

  if (n_rows != (participants != NULL ? participants->len : 0))
    return FALSE;

  for (guint i = 0; i < n_rows; i++)
    {
      GtkListBoxRow *list_row = gtk_list_box_get_row_at_index (self->participants_list, i);
      ParticipantRow *row = g_object_get_data (G_OBJECT (list_row), "tx-participant");
      TxParticipant *participant = g_ptr_array_index (participants, i);

      if (g_strcmp0 (row->person_uuid, participant->person_uuid) != 0)
        return FALSE;
    }

  return TRUE;
}

void
tx_consultation_editor_update_participants (TxConsultationEditor *self)
{
  GPtrArray *participants = get_participants (self);
  g_autoptr(GPtrArray) invited = g_ptr_array_new ();
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  double scrolled = gtk_adjustment_get_value (adjustment);

  if (participants_match_rows (self, participants))
    {
      for (guint i = 0; participants != NULL && i < participants->len; i++)
        {
          GtkListBoxRow *list_row = gtk_list_box_get_row_at_index (self->participants_list, i);
          ParticipantRow *row = g_object_get_data (G_OBJECT (list_row), "tx-participant");
          TxParticipant *participant = g_ptr_array_index (participants, i);

          g_free (row->name);
          row->name = g_strdup (participant->name != NULL ? participant->name : "");
          g_free (row->categories);
          row->categories = dup_categories_label (participant);
          row->role = participant->role;
          row->attended = participant->attended;
          update_participant_row (self, row);
        }
    }
  else
    {
      tx_consultation_editor_remove_all_rows (self->participants_list);
      for (guint i = 0; participants != NULL && i < participants->len; i++)
        gtk_list_box_append (self->participants_list,
                             create_participant_row (self, g_ptr_array_index (participants, i)));
      gtk_adjustment_set_value (adjustment, scrolled);
    }

  update_attendance_summary (self);

  for (guint i = 0; participants != NULL && i < participants->len; i++)
    g_ptr_array_add (invited, ((TxParticipant *) g_ptr_array_index (participants, i))->person_uuid);
  g_ptr_array_add (invited, NULL);
  tx_participant_picker_set_invited (self->picker, (const char * const *) invited->pdata);
}

/* How many came, for the clerk at the door. */
static void
update_attendance_summary (TxConsultationEditor *self)
{
  gboolean taking_attendance = gtk_toggle_button_get_active (self->attendance_button);
  guint counts[3] = { 0, 0, 0 };   /* not recorded, absent, present */
  g_autofree char *text = NULL;
  GtkListBoxRow *list_row;
  guint n_rows = 0;

  for (; (list_row = gtk_list_box_get_row_at_index (self->participants_list, n_rows)) != NULL; n_rows++)
    {
      ParticipantRow *row = g_object_get_data (G_OBJECT (list_row), "tx-participant");

      counts[CLAMP (row->attended, -1, 1) + 1]++;
    }

  /* Translators: the attendance of a consultation's participants */
  text = g_strdup_printf (_("Present %u · Absent %u · Not recorded %u"), counts[2], counts[1], counts[0]);
  gtk_label_set_label (self->attendance_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->attendance_label),
                          n_rows > 0 && (taking_attendance || counts[0] < n_rows));
}

static void
on_attendance_button_toggled_cb (GtkToggleButton      *button,
                                 TxConsultationEditor *self)
{
  GtkListBoxRow *list_row;

  for (guint i = 0; (list_row = gtk_list_box_get_row_at_index (self->participants_list, i)) != NULL; i++)
    update_participant_row (self, g_object_get_data (G_OBJECT (list_row), "tx-participant"));
  update_attendance_summary (self);
}

static void
on_picker_popover_show_cb (GtkPopover           *popover,
                           TxConsultationEditor *self)
{
  tx_participant_picker_reset (self->picker);
}

static void
on_picker_person_chosen_cb (TxParticipantPicker  *picker,
                            TxPerson             *person,
                            TxConsultationEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->uuid == NULL)
    return;

  if (!tx_store_set_participant (self->store, self->uuid, tx_person_get_uuid (person),
                                 get_default_role (person), &error))
    {
      tx_consultation_editor_report_failure (self, _("Could not add the participant"), error);
      return;
    }

  tx_consultation_editor_hide_problem (self);
}

/* The composition check, after every change */

void
tx_consultation_editor_update_composition (TxConsultationEditor *self)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  GPtrArray *participants = get_participants (self);
  g_autoptr(TxComposition) composition = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *subtitle = NULL;
  gboolean attended_only;
  double share;

  attended_only = self->consultation != NULL &&
                  tx_consultation_get_stage_done (self->consultation, TX_STAGE_MEETING) != NULL;
  composition = tx_composition_check (participants != NULL ? participants : none,
                                      attended_only,
                                      self->store != NULL
                                      ? tx_settings_get_stakeholder_share (tx_store_get_settings (self->store))
                                      : 0.30);
  share = composition->counted > 0 ? 100.0 * composition->stakeholders / composition->counted : 0;

  /* Translators: the counts of the composition check, as in
   * “联络组 1 · 两代表一委员 2 · 利益相关方 4/12 (33%)” */
  summary = g_strdup_printf (_("Liaison group %u · Two deputies and one member %u · Stakeholders %u/%u (%.0f%%)"),
                             composition->liaison, composition->deputies,
                             composition->stakeholders, composition->counted, share);
  if (composition->ok)
    subtitle = g_strdup_printf ("%s %s",
                                _("Meets the rules of “liaison group + N”."),
                                attended_only ? _("Counting those present, as the meeting is done.")
                                              : _("Counting everyone invited; once the meeting is done, those present."));
  else
    subtitle = g_strdup (attended_only ? _("Counting those present, as the meeting is done.")
                                       : _("Counting everyone invited; once the meeting is done, those present."));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->composition_row), summary);
  adw_action_row_set_subtitle (self->composition_row, subtitle);
  gtk_image_set_from_icon_name (self->composition_icon,
                                composition->ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->composition_icon), composition->ok ? "warning" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->composition_icon), composition->ok ? "success" : "warning");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->composition_icon),
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

void
tx_consultation_editor_class_init_participants (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_attendance_button_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_picker_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_picker_person_chosen_cb);
}
