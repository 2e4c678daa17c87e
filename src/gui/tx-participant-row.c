/* tx-participant-row.c — one participant of a consultation: name and
 * categories, role, attendance, and a way to remove them
 *
 * The row shows what it is given and says what the clerk chose
 * (TxParticipantRow::role-chosen, from the action participant.role of
 * its menu, ::attendance-chosen, ::remove); the
 * participants section keeps it at once.  Taking attendance, it shows
 * two large buttons instead; the attendance is said in words as well,
 * not by the state of a button alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-participant-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-off-reason.h"
#include "tx-participant-row.h"
#include "tx-vocabulary.h"

struct _TxParticipantRow
{
  AdwActionRow     parent_instance;

  /* template children */
  GtkStack        *mode_stack;
  GtkMenuButton   *role_button;
  GtkCheckButton  *present_check;
  GtkButton       *remove_button;
  GtkToggleButton *present_toggle;   /* with absent_toggle, made when */
  GtkToggleButton *absent_toggle;    /* first taking attendance */

  /* state */
  GSimpleAction   *role_action;   /* participant.role, the role's number */
  char            *person_uuid;
  char            *name;
  char            *categories;
  TxRole           role;
  int              attended;
  gboolean         taking_attendance;
  guint            updating;
};

G_DEFINE_FINAL_TYPE (TxParticipantRow, tx_participant_row, ADW_TYPE_ACTION_ROW)

enum {
  ROLE_CHOSEN,
  ATTENDANCE_CHOSEN,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
dup_categories_label (TxParticipant *participant)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; participant->categories != NULL && i < participant->categories->len; i++)
    g_ptr_array_add (labels, (gpointer) tx_category_get_label (g_array_index (participant->categories, TxCategory, i)));
  g_ptr_array_add (labels, NULL);

  /* Translators: between the categories of a person, “、” in Chinese */
  return g_strjoinv (C_("list separator", ", "), (char **) labels->pdata);
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

static void on_present_toggle_toggled_cb (TxParticipantRow *self);
static void on_absent_toggle_toggled_cb  (TxParticipantRow *self);

static GtkToggleButton *
make_attendance_toggle (const char *label)
{
  GtkWidget *toggle = gtk_toggle_button_new_with_label (label);

  gtk_widget_set_size_request (toggle, 104, 44);
  return GTK_TOGGLE_BUTTON (toggle);
}

/* The page of two large buttons, Present and Absent, in one row of
 * linked buttons: made when attendance is first taken, not with every
 * row of every meeting shown. */
static void
ensure_attendance_buttons (TxParticipantRow *self)
{
  GtkWidget *box;

  if (self->present_toggle != NULL)
    return;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_add_css_class (box, "linked");

  self->present_toggle = make_attendance_toggle (C_("attendance", "Present"));
  self->absent_toggle = make_attendance_toggle (C_("attendance", "Absent"));
  gtk_toggle_button_set_group (self->absent_toggle, self->present_toggle);
  g_signal_connect_swapped (self->present_toggle, "toggled", G_CALLBACK (on_present_toggle_toggled_cb), self);
  g_signal_connect_swapped (self->absent_toggle, "toggled", G_CALLBACK (on_absent_toggle_toggled_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->present_toggle));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->absent_toggle));

  gtk_stack_add_named (self->mode_stack, box, "attendance");
}

static void
show_participant (TxParticipantRow *self)
{
  g_autofree char *title = g_markup_escape_text (self->name, -1);
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;

  if (self->taking_attendance || self->attended >= 0)
    subtitle = self->categories[0] != '\0'
               /* Translators: a participant's categories, then their attendance */
               ? g_strdup_printf (_("%s · %s"), self->categories, get_attendance_label (self->attended))
               : g_strdup (get_attendance_label (self->attended));
  else
    subtitle = g_strdup (self->categories);
  escaped = g_markup_escape_text (subtitle, -1);

  self->updating++;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), escaped);
  gtk_menu_button_set_label (self->role_button, tx_role_get_label (self->role));
  g_simple_action_set_state (self->role_action, g_variant_new_int32 (self->role));
  gtk_check_button_set_active (self->present_check, self->attended == 1);
  if (self->taking_attendance)
    ensure_attendance_buttons (self);
  if (self->present_toggle != NULL)
    {
      gtk_toggle_button_set_active (self->present_toggle, self->attended == 1);
      gtk_toggle_button_set_active (self->absent_toggle, self->attended == 0);
      /* Who is in stands out at a glance; the subtitle says it in words. */
      if (self->attended == 1)
        gtk_widget_add_css_class (GTK_WIDGET (self->present_toggle), "suggested-action");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->present_toggle), "suggested-action");
    }
  gtk_stack_set_visible_child_name (self->mode_stack, self->taking_attendance ? "attendance" : "edit");
  self->updating--;
}

static void
choose_attendance (TxParticipantRow *self,
                   int               attended)
{
  if (self->updating > 0 || self->attended == attended)
    return;

  self->attended = attended;
  g_signal_emit (self, signals[ATTENDANCE_CHOSEN], 0, attended);
}

static void
on_present_check_toggled_cb (TxParticipantRow *self)
{
  choose_attendance (self, gtk_check_button_get_active (self->present_check) ? 1 : 0);
}

static void
on_present_toggle_toggled_cb (TxParticipantRow *self)
{
  if (gtk_toggle_button_get_active (self->present_toggle))
    choose_attendance (self, 1);
}

static void
on_absent_toggle_toggled_cb (TxParticipantRow *self)
{
  if (gtk_toggle_button_get_active (self->absent_toggle))
    choose_attendance (self, 0);
}

static void
on_role_change_state_cb (GSimpleAction    *action,
                         GVariant         *value,
                         TxParticipantRow *self)
{
  int role = g_variant_get_int32 (value);

  if (role < 0 || (guint) role >= tx_role_get_count ())
    return;

  g_simple_action_set_state (action, value);
  gtk_menu_button_set_label (self->role_button, tx_role_get_label ((TxRole) role));

  if (self->updating > 0 || (TxRole) role == self->role)
    return;

  self->role = (TxRole) role;
  gtk_menu_button_popdown (self->role_button);
  g_signal_emit (self, signals[ROLE_CHOSEN], 0, role);
}

/* The roles, in the order of TxRole, as choices of participant.role:
 * the one the participant has is marked. */
static void
make_role_popover (GtkMenuButton *button,
                   gpointer       user_data)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkCheckButton *first = NULL;

  for (guint i = 0; i < tx_role_get_count (); i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (tx_role_get_label ((TxRole) i));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (check), "participant.role");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (check), g_variant_new_int32 (i));
      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), first);
      if (first == NULL)
        first = GTK_CHECK_BUTTON (check);
      gtk_box_append (GTK_BOX (box), check);
    }

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (button, popover);
}

static void
on_remove_button_clicked_cb (TxParticipantRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
tx_participant_row_dispose (GObject *object)
{
  TxParticipantRow *self = (TxParticipantRow *)object;

  self->updating++;
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_PARTICIPANT_ROW);

  G_OBJECT_CLASS (tx_participant_row_parent_class)->dispose (object);
}

static void
tx_participant_row_finalize (GObject *object)
{
  TxParticipantRow *self = (TxParticipantRow *)object;

  g_clear_object (&self->role_action);
  g_free (self->person_uuid);
  g_free (self->name);
  g_free (self->categories);

  G_OBJECT_CLASS (tx_participant_row_parent_class)->finalize (object);
}

static void
tx_participant_row_class_init (TxParticipantRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_participant_row_dispose;
  object_class->finalize = tx_participant_row_finalize;

  /**
   * TxParticipantRow::role-chosen:
   * @role: a TxRole
   */
  signals[ROLE_CHOSEN] = g_signal_new ("role-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  /**
   * TxParticipantRow::attendance-chosen:
   * @attended: 1 present, 0 absent
   */
  signals[ATTENDANCE_CHOSEN] = g_signal_new ("attendance-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-participant-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TxParticipantRow, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, TxParticipantRow, role_button);
  gtk_widget_class_bind_template_child (widget_class, TxParticipantRow, present_check);
  gtk_widget_class_bind_template_child (widget_class, TxParticipantRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_present_check_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_button_clicked_cb);
}

static void
tx_participant_row_init (TxParticipantRow *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  self->updating++;
  gtk_widget_init_template (GTK_WIDGET (self));
  /* not in the template: there, each would cost a round trip to the X
   * server, for each of a consultation's participants */
  tx_widget_set_tooltip (GTK_WIDGET (self->role_button), _("Role at the consultation"));
  tx_widget_set_tooltip (GTK_WIDGET (self->remove_button), _("Remove From the Participants"));

  self->role_action = g_simple_action_new_stateful ("role", G_VARIANT_TYPE_INT32,
                                                    g_variant_new_int32 (TX_ROLE_OBSERVER));
  g_signal_connect (self->role_action, "change-state", G_CALLBACK (on_role_change_state_cb), self);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (self->role_action));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "participant", G_ACTION_GROUP (group));
  gtk_menu_button_set_create_popup_func (self->role_button, make_role_popover, NULL, NULL);
  self->updating--;

  self->name = g_strdup ("");
  self->categories = g_strdup ("");
  self->attended = -1;
}

GtkWidget *
tx_participant_row_new (TxParticipant *participant)
{
  TxParticipantRow *self = g_object_new (TX_TYPE_PARTICIPANT_ROW, NULL);

  tx_participant_row_update (self, participant);

  return GTK_WIDGET (self);
}

/* Shows @participant: the same person as read again, or another one
 * in a row kept for them. */
void
tx_participant_row_update (TxParticipantRow *self,
                           TxParticipant    *participant)
{
  g_autofree char *role_label = NULL;
  g_autofree char *remove_label = NULL;

  g_return_if_fail (TX_IS_PARTICIPANT_ROW (self));

  g_free (self->person_uuid);
  self->person_uuid = g_strdup (participant->person_uuid);
  g_free (self->name);
  self->name = g_strdup (participant->name != NULL ? participant->name : "");
  g_free (self->categories);
  self->categories = dup_categories_label (participant);
  self->role = participant->role;
  self->attended = participant->attended;

  /* Translators: %s is a person's name */
  role_label = g_strdup_printf (_("Role of %s"), self->name);
  /* Translators: %s is a person's name */
  remove_label = g_strdup_printf (_("Remove %s from the participants"), self->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->role_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, role_label,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);

  show_participant (self);
}

/* Large Present and Absent buttons, or the role and a check box. */
void
tx_participant_row_set_taking_attendance (TxParticipantRow *self,
                                          gboolean          taking_attendance)
{
  g_return_if_fail (TX_IS_PARTICIPANT_ROW (self));

  self->taking_attendance = taking_attendance;
  show_participant (self);
}

const char *
tx_participant_row_get_person_uuid (TxParticipantRow *self)
{
  g_return_val_if_fail (TX_IS_PARTICIPANT_ROW (self), NULL);

  return self->person_uuid;
}

const char *
tx_participant_row_get_name (TxParticipantRow *self)
{
  g_return_val_if_fail (TX_IS_PARTICIPANT_ROW (self), NULL);

  return self->name;
}

TxRole
tx_participant_row_get_role (TxParticipantRow *self)
{
  g_return_val_if_fail (TX_IS_PARTICIPANT_ROW (self), TX_ROLE_OBSERVER);

  return self->role;
}

/* 1 present, 0 absent, -1 not recorded yet */
int
tx_participant_row_get_attended (TxParticipantRow *self)
{
  g_return_val_if_fail (TX_IS_PARTICIPANT_ROW (self), -1);

  return self->attended;
}
