/* tx-activity-dialog.c — a training, an observation visit or a
 * discussion, added or changed in the window
 *
 * The activity's kind, title, day and time, venue, organiser (the city
 * office or a township) and notes, and its participants from the roster
 * (the picker the consultations use) with who came.  Saved whole by
 * tx_store_save_activity(), checked as tongxin-cli checks it: what is
 * wrong is said above the form, and nothing is saved until it is right.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-activity-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tx-activity-dialog.h"
#include "tx-activity.h"
#include "tx-date.h"
#include "tx-participant-picker.h"
#include "tx-settings.h"
#include "tx-township-model.h"
#include "tx-vocabulary.h"
#include "tx-window.h"

struct _TxActivityDialog
{
  AdwWindow            parent_instance;

  /* template children */
  GtkLabel            *problem_label;
  AdwComboRow         *kind_row;
  GtkStringList       *kinds;          /* Tongxin's three, then the office's own */
  AdwEntryRow         *title_row;
  AdwEntryRow         *date_row;
  AdwEntryRow         *time_row;
  AdwEntryRow         *end_date_row;
  AdwEntryRow         *venue_row;
  AdwComboRow         *organiser_row;
  AdwEntryRow         *townships_row;
  AdwEntryRow         *notes_row;
  GtkWidget           *delete_group;
  GtkListBox          *participants_list;
  TxParticipantPicker *picker;

  /* owned references */
  TxStore             *store;
  TxActivity          *activity;     /* as loaded, or new; its participants as shown */
  TxTownshipModel     *townships;    /* the city office first */

  /* state */
  char                *initial_state; /* the form as first shown, to tell a change */
  gboolean             discarding;
};

G_DEFINE_FINAL_TYPE (TxActivityDialog, tx_activity_dialog, ADW_TYPE_WINDOW)

static void
on_attended_toggled_cb (GtkCheckButton   *check,
                        TxActivityDialog *self)
{
  tx_activity_set_attendance (self->activity, g_object_get_data (G_OBJECT (check), "tx-person"),
                              gtk_check_button_get_active (check) ? 1 : 0);
}

static void reload_participants (TxActivityDialog *self);

/* Everything the form holds, to tell whether anything was changed:
 * its fields, and who is invited and came */
static char *
dup_form_state (TxActivityDialog *self)
{
  AdwEntryRow *rows[] = {
    self->title_row, self->date_row, self->time_row, self->end_date_row, self->venue_row,
    self->townships_row, self->notes_row,
  };
  GPtrArray *participants = tx_activity_get_participants (self->activity);
  GString *state = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_string_append_printf (state, "%s\x1f", gtk_editable_get_text (GTK_EDITABLE (rows[i])));
  g_string_append_printf (state, "%u\x1f%u\x1f", adw_combo_row_get_selected (self->kind_row),
                          adw_combo_row_get_selected (self->organiser_row));
  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);

      g_string_append_printf (state, "%s:%d,", participant->person_uuid, participant->attended);
    }

  return g_string_free (state, FALSE);
}

static void
on_leave_response_cb (AdwMessageDialog *message,
                      const char       *response,
                      TxActivityDialog *self)
{
  if (g_strcmp0 (response, "save") != 0 && g_strcmp0 (response, "discard") != 0)
    return;

  /* the question goes first: it is this dialog's, which may go */
  g_object_ref (self);
  gtk_window_set_transient_for (GTK_WINDOW (message), NULL);
  gtk_window_destroy (GTK_WINDOW (message));
  if (g_str_equal (response, "save"))
    tx_activity_dialog_save (self);
  else
    {
      self->discarding = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  g_object_unref (self);
}

/* Closed with changes not saved: asked first, as an editor asks */
static gboolean
tx_activity_dialog_close_request (GtkWindow *window)
{
  TxActivityDialog *self = TX_ACTIVITY_DIALOG (window);
  g_autofree char *state = NULL;
  AdwMessageDialog *message;

  if (self->discarding || self->initial_state == NULL)
    return GTK_WINDOW_CLASS (tx_activity_dialog_parent_class)->close_request (window);
  state = dup_form_state (self);
  if (g_str_equal (state, self->initial_state))
    return GTK_WINDOW_CLASS (tx_activity_dialog_parent_class)->close_request (window);

  message = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Save the Changes to the Activity?"),
                                                        _("Closed without saving, the changes are lost.")));
  adw_message_dialog_add_responses (message,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (message, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (message, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (message, "save");
  adw_message_dialog_set_close_response (message, "cancel");
  g_signal_connect_object (message, "response", G_CALLBACK (on_leave_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (message));

  return TRUE;
}

static void
on_remove_clicked_cb (GtkButton        *button,
                      TxActivityDialog *self)
{
  GPtrArray *participants = tx_activity_get_participants (self->activity);
  const char *person = g_object_get_data (G_OBJECT (button), "tx-person");

  for (guint i = 0; i < participants->len; i++)
    if (g_strcmp0 (((TxParticipant *) g_ptr_array_index (participants, i))->person_uuid, person) == 0)
      {
        g_ptr_array_remove_index (participants, i);
        break;
      }
  reload_participants (self);
}

/* The participants as the activity holds them, each with who came */
static void
reload_participants (TxActivityDialog *self)
{
  GPtrArray *participants = tx_activity_get_participants (self->activity);
  g_autoptr(GPtrArray) invited = g_ptr_array_new ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->participants_list))) != NULL)
    gtk_list_box_remove (self->participants_list, child);

  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     participant->name != NULL ? participant->name : participant->person_uuid);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), participant->attended == 1);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      /* Translators: whether someone came, beside their name */
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Came"), -1);
      g_object_set_data_full (G_OBJECT (check), "tx-person", g_strdup (participant->person_uuid), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_attended_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove From the Activity"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove From the Activity"), -1);
      g_object_set_data_full (G_OBJECT (remove), "tx-person", g_strdup (participant->person_uuid), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      gtk_list_box_append (self->participants_list, row);
      g_ptr_array_add (invited, participant->person_uuid);
    }

  if (participants->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No one is invited yet."));
      gtk_list_box_append (self->participants_list, row);
    }

  g_ptr_array_add (invited, NULL);
  tx_participant_picker_set_invited (self->picker, (const char * const *) invited->pdata);
}

static void
on_person_chosen_cb (TxParticipantPicker *picker,
                     TxPerson            *person,
                     TxActivityDialog    *self)
{
  tx_activity_dialog_add_person (self, tx_person_get_uuid (person), tx_person_get_name (person));
}

/* The form into the activity: NULL when it is right, else what is not */
static char *
apply_form (TxActivityDialog *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  g_autofree char *date_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));
  g_autofree char *date = NULL;
  g_auto(GStrv) townships = g_regex_split_simple ("[,，、;；]", gtk_editable_get_text (GTK_EDITABLE (self->townships_row)), 0, 0);
  TxDate day;
  g_autofree char *time = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->time_row))));
  g_autofree char *venue = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->venue_row))));
  g_autofree char *starts = NULL;
  g_autoptr(GError) error = NULL;
  guint organiser = adw_combo_row_get_selected (self->organiser_row);

  /* a day as tongxin-cli takes one */
  if (!tx_date_parse (date_text, &day, &error))
    return g_strdup (error->message);
  date = tx_date_to_iso (day);
  if (*time != '\0')
    {
      g_autoptr(GDateTime) parsed = NULL;

      starts = g_strdup_printf ("%sT%s:00+08:00", date, time);
      parsed = g_date_time_new_from_iso8601 (starts, NULL);
      if (parsed == NULL || strlen (time) != 5)
        /* Translators: %s is what was typed */
        return g_strdup_printf (_("“%s” is not a time: write it as HH:MM, for example 09:30."), time);
    }
  else
    starts = g_strdup (date);

  /* the last day of an activity of several; an end with its time, as
   * another office may have written it, is kept while its day is */
  {
    g_autofree char *end_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->end_date_row))));
    const char *ends = tx_activity_get_ends (self->activity);
    TxDate last;

    if (*end_text == '\0')
      tx_activity_set_ends (self->activity, NULL);
    else if (ends == NULL || strncmp (ends, end_text, 10) != 0 || strlen (end_text) != 10)
      {
        g_autofree char *last_day = NULL;

        if (!tx_date_parse (end_text, &last, &error))
          /* Translators: %s says what is wrong with the day typed */
          return g_strdup_printf (_("The last day: %s"), error->message);
        last_day = tx_date_to_iso (last);
        tx_activity_set_ends (self->activity, last_day);
      }
  }

  {
    guint kind = adw_combo_row_get_selected (self->kind_row);

    if (kind < tx_activity_kind_get_count ())
      tx_activity_set_kind (self->activity, (TxActivityKind) kind);
    else
      tx_activity_set_kind_name (self->activity, gtk_string_list_get_string (self->kinds, kind));
  }
  tx_activity_set_title (self->activity, title);
  tx_activity_set_starts (self->activity, starts);
  tx_activity_set_venue (self->activity, venue);
  tx_activity_set_notes (self->activity, gtk_editable_get_text (GTK_EDITABLE (self->notes_row)));
  tx_activity_set_organiser (self->activity, tx_township_model_get_name (self->townships, organiser));
  g_ptr_array_set_size (tx_activity_get_townships (self->activity), 0);
  for (guint i = 0; townships[i] != NULL; i++)
    if (*g_strstrip (townships[i]) != '\0')
      tx_activity_add_township (self->activity, townships[i]);

  if (!tx_activity_check (self->activity, &error))
    return g_strdup (error->message);

  return NULL;
}

/**
 * tx_activity_dialog_save:
 *
 * What 保存 does: the form checked, then the activity saved and the
 * dialog closed; else what is wrong is said, and nothing is saved.
 *
 * Returns: whether it was saved
 */
gboolean
tx_activity_dialog_save (TxActivityDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  GtkWindow *parent;

  g_return_val_if_fail (TX_IS_ACTIVITY_DIALOG (self), FALSE);

  problem = apply_form (self);
  if (problem == NULL && !tx_store_save_activity (self->store, self->activity, &error))
    problem = g_strdup (error->message);
  if (problem != NULL)
    {
      gtk_label_set_label (self->problem_label, problem);
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
      return FALSE;
    }

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (TX_IS_WINDOW (parent))
    {
      /* Translators: %s is the activity's title */
      g_autofree char *text = g_strdup_printf (_("“%s” saved"), tx_activity_get_title (self->activity));

      tx_window_show_toast (TX_WINDOW (parent), text);
    }
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
on_delete_response_cb (AdwMessageDialog *message,
                       const char       *response,
                       TxActivityDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!tx_store_delete_activity (self->store, tx_activity_get_uuid (self->activity), &error))
    {
      gtk_label_set_label (self->problem_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
      return;
    }

  if (TX_IS_WINDOW (parent))
    {
      /* Translators: %s is the activity's title */
      text = g_strdup_printf (_("“%s” deleted"), tx_activity_get_title (self->activity));
      tx_window_show_deleted_toast (TX_WINDOW (parent), "activity", tx_activity_get_uuid (self->activity),
                                    text, tx_activity_get_title (self->activity));
    }
  /* the question goes first: it is this dialog's */
  gtk_window_set_transient_for (GTK_WINDOW (message), NULL);
  gtk_window_destroy (GTK_WINDOW (message));
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * tx_activity_dialog_ask_to_delete:
 *
 * What 删除活动 does: asks first; deleted, the dialog closes and the
 * window's toast says so.
 *
 * Returns: (transfer none): the question asked
 */
AdwMessageDialog *
tx_activity_dialog_ask_to_delete (TxActivityDialog *self)
{
  g_autofree char *body = NULL;
  AdwMessageDialog *message;

  g_return_val_if_fail (TX_IS_ACTIVITY_DIALOG (self), NULL);

  /* Translators: %s is the activity's title */
  body = g_strdup_printf (_("“%s” goes from the calendar, with its participants and who came. It is kept as deleted, so that the other office’s copy goes too when data are next sent."),
                          tx_activity_get_title (self->activity));
  message = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Delete the Activity?"), body));
  adw_message_dialog_add_responses (message, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (message, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (message, "cancel");
  adw_message_dialog_set_close_response (message, "cancel");
  g_signal_connect (message, "response", G_CALLBACK (on_delete_response_cb), self);
  gtk_window_present (GTK_WINDOW (message));

  return message;
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  tx_activity_dialog_ask_to_delete (TX_ACTIVITY_DIALOG (widget));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  tx_activity_dialog_save (TX_ACTIVITY_DIALOG (widget));
}

static void
tx_activity_dialog_dispose (GObject *object)
{
  TxActivityDialog *self = TX_ACTIVITY_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_ACTIVITY_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->activity);
  g_clear_object (&self->townships);
  g_clear_object (&self->kinds);
  g_clear_pointer (&self->initial_state, g_free);

  G_OBJECT_CLASS (tx_activity_dialog_parent_class)->dispose (object);
}

static void
tx_activity_dialog_class_init (TxActivityDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_activity_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = tx_activity_dialog_close_request;

  g_type_ensure (TX_TYPE_PARTICIPANT_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-activity-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TxActivityDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, TxActivityDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TxActivityDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, TxActivityDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, TxActivityDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, TxActivityDialog, end_date_row);
  gtk_widget_class_bind_template_child (widget_class, TxActivityDialog, venue_row);
  gtk_widget_class_bind_template_child (widget_class, TxActivityDialog, organiser_row);
  gtk_widget_class_bind_template_child (widget_class, TxActivityDialog, townships_row);
  gtk_widget_class_bind_template_child (widget_class, TxActivityDialog, notes_row);
  gtk_widget_class_bind_template_child (widget_class, TxActivityDialog, delete_group);
  gtk_widget_class_bind_template_child (widget_class, TxActivityDialog, participants_list);
  gtk_widget_class_bind_template_child (widget_class, TxActivityDialog, picker);
  gtk_widget_class_bind_template_callback (widget_class, on_person_chosen_cb);
  gtk_widget_class_install_action (widget_class, "activity.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "activity.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "activity.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tx_activity_dialog_init (TxActivityDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->kinds = gtk_string_list_new (NULL);
  for (guint i = 0; i < tx_activity_kind_get_count (); i++)
    gtk_string_list_append (self->kinds, tx_activity_kind_get_label (i));
  self->townships = tx_township_model_new (_("City CPPCC office"));
}

/**
 * tx_activity_dialog_new:
 * @today: the day a new one is offered on
 * @uuid: (nullable): the activity to change, or %NULL for a new one
 *   (a training of the city office, @today)
 *
 * Returns: (transfer none) (nullable): the dialog over @parent, or
 *   %NULL when the activity @uuid cannot be read (said in a toast)
 */
TxActivityDialog *
tx_activity_dialog_new (GtkWindow  *parent,
                        TxStore    *store,
                        TxDate      today,
                        const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxActivity) activity = NULL;
  TxActivityDialog *self;
  const char *starts;
  const char *organiser;

  if (uuid != NULL)
    {
      activity = tx_store_load_activity (store, uuid, &error);
      if (activity == NULL)
        {
          if (TX_IS_WINDOW (parent))
            tx_window_show_toast (TX_WINDOW (parent), error->message);
          return NULL;
        }
    }
  else
    {
      g_autofree char *day = tx_date_to_iso (today);

      activity = tx_activity_new (TX_ACTIVITY_TRAINING, "", day);
    }

  self = g_object_new (TX_TYPE_ACTIVITY_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->activity = g_steal_pointer (&activity);

  if (!tx_township_model_fill (self->townships, store, &error))
    g_warning ("Could not read the townships: %s", error->message);
  adw_combo_row_set_model (self->organiser_row, G_LIST_MODEL (self->townships));
  organiser = tx_activity_get_township_name (self->activity);
  adw_combo_row_set_selected (self->organiser_row, organiser != NULL ? tx_township_model_find (self->townships, organiser) : 0);

  gtk_window_set_title (GTK_WINDOW (self), uuid != NULL ? _("Activity") : _("New Activity"));
  /* the kinds: Tongxin's, the office's own, and the activity's own if
   * the office took it from its list since */
  {
    g_auto(GStrv) own = tx_settings_dup_activity_kinds (tx_store_get_settings (store));
    guint selected = tx_activity_get_kind (self->activity);

    for (guint i = 0; own[i] != NULL; i++)
      gtk_string_list_append (self->kinds, own[i]);
    if (tx_activity_get_kind (self->activity) == TX_ACTIVITY_OTHER)
      {
        const char *name = tx_activity_get_kind_key (self->activity);
        guint n = g_list_model_get_n_items (G_LIST_MODEL (self->kinds));

        for (selected = tx_activity_kind_get_count (); selected < n; selected++)
          if (g_str_equal (gtk_string_list_get_string (self->kinds, selected), name))
            break;
        if (selected == n)
          gtk_string_list_append (self->kinds, name);
      }
    adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (self->kinds));
    adw_combo_row_set_selected (self->kind_row, selected);
  }
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), tx_activity_get_title (self->activity));
  starts = tx_activity_get_starts (self->activity);
  {
    g_autofree char *date = g_strndup (starts, 10);

    gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  }
  if (strlen (starts) >= 16)
    {
      g_autofree char *time = g_strndup (starts + 11, 5);

      gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);
    }
  if (tx_activity_get_ends (self->activity) != NULL)
    {
      g_autofree char *last = g_strndup (tx_activity_get_ends (self->activity), 10);

      gtk_editable_set_text (GTK_EDITABLE (self->end_date_row), last);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->venue_row), tx_activity_get_venue (self->activity));
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), tx_activity_get_notes (self->activity));
  {
    GPtrArray *townships = tx_activity_get_townships (self->activity);
    g_autoptr(GString) names = g_string_new (NULL);

    for (guint i = 0; i < townships->len; i++)
      g_string_append_printf (names, "%s%s", i > 0 ? "、" : "", (const char *) g_ptr_array_index (townships, i));
    gtk_editable_set_text (GTK_EDITABLE (self->townships_row), names->str);
  }
  gtk_widget_set_visible (self->delete_group, uuid != NULL);

  tx_participant_picker_set_store (self->picker, store);
  tx_participant_picker_set_township (self->picker, organiser);
  reload_participants (self);
  self->initial_state = dup_form_state (self);

  return self;
}

/**
 * tx_activity_dialog_add_person:
 * @name: as the roster has it
 *
 * Invites someone of the roster, as the picker does.
 */
void
tx_activity_dialog_add_person (TxActivityDialog *self,
                               const char       *person_uuid,
                               const char       *name)
{
  GPtrArray *participants;
  TxParticipant *participant;

  g_return_if_fail (TX_IS_ACTIVITY_DIALOG (self));

  participants = tx_activity_get_participants (self->activity);
  for (guint i = 0; i < participants->len; i++)
    if (g_strcmp0 (((TxParticipant *) g_ptr_array_index (participants, i))->person_uuid, person_uuid) == 0)
      return;

  participant = tx_participant_new (person_uuid, TX_ROLE_OBSERVER);
  participant->name = g_strdup (name);
  g_ptr_array_add (participants, participant);
  reload_participants (self);
}

/**
 * tx_activity_dialog_set_attended:
 *
 * Ticks, or unticks, that someone invited came, as the clerk does.
 */
void
tx_activity_dialog_set_attended (TxActivityDialog *self,
                                 const char       *person_uuid,
                                 gboolean          attended)
{
  g_return_if_fail (TX_IS_ACTIVITY_DIALOG (self));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->participants_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));

      if (check != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (check), "tx-person"), person_uuid) == 0)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), attended);
    }
}
