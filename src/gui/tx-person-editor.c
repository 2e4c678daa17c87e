/* tx-person-editor.c — the window that adds or edits one person of the roster
 *
 * The form checks the two rules of the roster as the clerk types (a
 * name; a phone number that is a mobile or a landline with its area
 * code, or none) and keeps Save insensitive while either is broken.
 * Saving and deleting go through the roster calls of the core, which
 * write the audit log; the roster page hears TxStore::changed, and
 * offers Undo for a deletion from TxPersonEditor::deleted.
 *
 * Nothing typed is lost: closed with changes (✕, Escape, the main
 * window closing, Tongxin quitting), it asks whether to save them, as
 * the editors of the window do (tx_person_editor_ask_to_leave()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-person-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-activity.h"
#include "tx-application.h"
#include "tx-date-picker.h"
#include "tx-editor.h"
#include "tx-person-editor.h"
#include "tx-records.h"
#include "tx-roster.h"
#include "tx-rules.h"
#include "tx-settings.h"
#include "tx-vocabulary.h"

struct _TxPersonEditor
{
  AdwWindow            parent_instance;

  /* template children */
  AdwWindowTitle      *window_title;
  GtkButton           *save_button;
  AdwToastOverlay     *toast_overlay;
  AdwEntryRow         *name_row;
  GtkImage            *name_error_icon;
  GtkLabel            *name_error_label;
  AdwComboRow         *gender_row;
  GtkStringList       *genders;
  AdwEntryRow         *ethnicity_row;
  AdwComboRow         *township_row;
  GtkStringList       *township_names;
  AdwEntryRow         *village_row;
  AdwExpanderRow      *categories_row;
  AdwEntryRow         *organization_row;
  AdwEntryRow         *title_row;
  AdwEntryRow         *post_since_row;
  AdwActionRow        *last_training_row;
  AdwEntryRow         *phone_row;
  GtkImage            *phone_error_icon;
  GtkLabel            *phone_error_label;
  GtkTextBuffer       *notes_buffer;
  AdwPreferencesGroup *delete_group;
  GtkButton           *delete_button;

  /* made in code, one a category, in the order of TxCategory */
  GtkCheckButton      *category_checks[TX_N_CATEGORIES];

  /* owned references */
  TxStore             *store;
  TxPerson            *person;          /* NULL for someone new */
  GPtrArray           *township_uuids;  /* char *, "" for none; as township_names */

  /* state */
  char                *initial_form;    /* the form as it opened */
  gboolean             name_touched;    /* the name was typed, and may be shown wrong */
  gboolean             valid;
  gboolean             closing;         /* saved, deleted or discarded */
  gboolean             keep_mine;       /* saved elsewhere meanwhile: the clerk said save */
};

G_DEFINE_FINAL_TYPE (TxPersonEditor, tx_person_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PERSON,
  N_PROPS
};

enum {
  SAVED,
  DELETED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The gender row, top to bottom. */
static const TxGender gender_order[] = {
  TX_GENDER_MALE,
  TX_GENDER_FEMALE,
  TX_GENDER_UNKNOWN,
};

static char *
dup_row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static char *
dup_notes (TxPersonEditor *self)
{
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (self->notes_buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (self->notes_buffer, &start, &end, FALSE));
}

static TxGender
get_selected_gender (TxPersonEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->gender_row);

  return selected < G_N_ELEMENTS (gender_order) ? gender_order[selected] : TX_GENDER_UNKNOWN;
}

/* NULL for no township */
static const char *
get_selected_township (TxPersonEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->township_row);
  const char *uuid;

  if (selected >= self->township_uuids->len)
    return NULL;

  uuid = g_ptr_array_index (self->township_uuids, selected);
  return uuid[0] != '\0' ? uuid : NULL;
}

/* Everything the form holds, to tell whether anything was changed. */
static char *
dup_form_state (TxPersonEditor *self)
{
  GString *state = g_string_new (NULL);
  AdwEntryRow *rows[] = {
    self->name_row, self->ethnicity_row, self->village_row,
    self->organization_row, self->title_row, self->phone_row, self->post_since_row,
  };
  g_autofree char *notes = dup_notes (self);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *text = dup_row_text (rows[i]);

      g_string_append_printf (state, "%s\x1f", text);
    }
  g_string_append_printf (state, "%d\x1f%s\x1f%s\x1f",
                          get_selected_gender (self),
                          get_selected_township (self) ? get_selected_township (self) : "",
                          notes);
  for (guint i = 0; i < TX_N_CATEGORIES; i++)
    g_string_append_c (state, gtk_check_button_get_active (self->category_checks[i]) ? '1' : '0');

  return g_string_free (state, FALSE);
}

static gboolean
has_changes (TxPersonEditor *self)
{
  g_autofree char *state = NULL;

  if (self->initial_form == NULL)
    return FALSE;

  state = dup_form_state (self);
  return g_strcmp0 (state, self->initial_form) != 0;
}

static void
show_row_problem (AdwEntryRow *row,
                  GtkImage    *icon,
                  GtkLabel    *label,
                  const char  *problem)
{
  tx_editor_section_show_problem (GTK_WIDGET (row), icon, problem);
  gtk_label_set_label (label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (label), problem != NULL);
}

static TxPerson *build_person (TxPersonEditor *self);
static void      load_person  (TxPersonEditor *self);
static gboolean  ask_if_saved_elsewhere (TxPersonEditor *self);

/* The rules of tx_roster_check_person(), tx_person_check()'s, said
 * where they are broken: the name and the phone under their rows; what
 * is wrong with another text (a control character pasted in) when
 * saving refuses it. */
static void
update_validation (TxPersonEditor *self)
{
  g_autoptr(TxPerson) person = build_person (self);
  g_autoptr(GPtrArray) problems = tx_person_check (person);
  const char *name_problem = tx_problems_find (problems, "name", -1);
  const char *phone_problem = tx_problems_find (problems, "phone", -1);
  gboolean name_empty = tx_text_is_blank (tx_person_get_name (person));

  /* An empty name is only pointed at once the clerk has typed one and
   * taken it away: a new form does not open in red. */
  show_row_problem (self->name_row, self->name_error_icon, self->name_error_label,
                    name_empty && !self->name_touched ? NULL : name_problem);
  show_row_problem (self->phone_row, self->phone_error_icon, self->phone_error_label, phone_problem);

  self->valid = name_problem == NULL && phone_problem == NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", self->valid);
}

static void
show_problem (TxPersonEditor *self,
              const char     *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (markup);

  /* A problem stays until it is read. */
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The person the form describes, with the uuid of the one edited. */
static TxPerson *
build_person (TxPersonEditor *self)
{
  g_autofree char *name = dup_row_text (self->name_row);
  g_autofree char *ethnicity = dup_row_text (self->ethnicity_row);
  g_autofree char *village = dup_row_text (self->village_row);
  g_autofree char *organization = dup_row_text (self->organization_row);
  g_autofree char *title = dup_row_text (self->title_row);
  g_autofree char *phone = dup_row_text (self->phone_row);
  g_autofree char *notes = dup_notes (self);
  gboolean added[TX_N_CATEGORIES] = { FALSE, };
  TxPerson *person;

  person = tx_person_new_with_fields (self->person != NULL ? tx_person_get_uuid (self->person) : NULL,
                                      name, get_selected_gender (self), ethnicity,
                                      get_selected_township (self), village,
                                      organization, title, phone, notes);

  /* The categories kept in the order they had, the new ones after. */
  if (self->person != NULL)
    for (guint i = 0; i < tx_person_get_n_categories (self->person); i++)
      {
        TxCategory category = tx_person_get_category (self->person, i);

        if ((guint) category < TX_N_CATEGORIES && !added[category] &&
            gtk_check_button_get_active (self->category_checks[category]))
          {
            tx_person_add_category (person, category);
            added[category] = TRUE;
          }
      }

  for (guint i = 0; i < TX_N_CATEGORIES; i++)
    if (!added[i] && gtk_check_button_get_active (self->category_checks[i]))
      tx_person_add_category (person, (TxCategory) i);

  /* the day the post was taken up, kept while the person holds one */
  if (tx_person_holds_post (person))
    {
      g_autofree char *since = dup_row_text (self->post_since_row);
      TxDate day = TX_DATE_NONE;

      if (since[0] != '\0' && !tx_date_parse (since, &day, NULL))
        day = TX_DATE_NONE;
      tx_person_set_post_since (person, day);
    }

  return person;
}

/* What is wrong with the day the post was taken up, or %NULL */
static char *
check_post_since (TxPersonEditor *self)
{
  g_autofree char *since = dup_row_text (self->post_since_row);
  g_autoptr(GError) error = NULL;
  TxDate day;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->post_since_row)) || since[0] == '\0' ||
      tx_date_parse (since, &day, &error))
    return NULL;

  /* Translators: %s says what is wrong with the date typed */
  return g_strdup_printf (_("The day the post was taken up: %s"), error->message);
}

static void
close_editor (TxPersonEditor *self)
{
  self->closing = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_form_changed_cb (TxPersonEditor *self)
{
  /* Nothing to do but to know it: has_changes() reads the form. */
}

/* The categories ticked, in the row that hides the boxes. */
static void
on_category_check_toggled_cb (TxPersonEditor *self)
{
  g_autoptr(GString) summary = g_string_new (NULL);

  for (guint i = 0; i < TX_N_CATEGORIES; i++)
    if (self->category_checks[i] != NULL && gtk_check_button_get_active (self->category_checks[i]))
      {
        if (summary->len > 0)
          g_string_append (summary, C_("list separator", ", "));
        g_string_append (summary, tx_category_get_label ((TxCategory) i));
      }

  adw_expander_row_set_subtitle (self->categories_row,
                                 summary->len > 0 ? summary->str : C_("categories", "None ticked"));

  /* a leader's or officer's post: since when, and the last training */
  {
    gboolean holds = gtk_check_button_get_active (self->category_checks[TX_CATEGORY_LIAISON_LEADER]) ||
                     gtk_check_button_get_active (self->category_checks[TX_CATEGORY_LIAISON_OFFICER]);

    gtk_widget_set_visible (GTK_WIDGET (self->post_since_row), holds);
    gtk_widget_set_visible (GTK_WIDGET (self->last_training_row), holds);
  }
}

static void
on_name_row_changed_cb (AdwEntryRow    *row,
                        TxPersonEditor *self)
{
  self->name_touched = self->initial_form != NULL;
  update_validation (self);
}

static void
on_phone_row_changed_cb (AdwEntryRow    *row,
                         TxPersonEditor *self)
{
  update_validation (self);
}

/* Enter in a row saves, as in any form. */
static void
on_row_entry_activated_cb (AdwEntryRow    *row,
                           TxPersonEditor *self)
{
  if (self->valid)
    gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
  else
    {
      self->name_touched = TRUE;
      update_validation (self);
      gtk_widget_error_bell (GTK_WIDGET (self));
    }
}

static gboolean
close_editor_cb (gpointer data)
{
  close_editor (data);

  return G_SOURCE_REMOVE;
}

/* Not at once: a dialog transient for the editor may still be emitting
 * its response. */
static void
close_editor_later (TxPersonEditor *self)
{
  self->closing = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, close_editor_cb, g_object_ref (self), g_object_unref);
}

/* Saves what the form holds; says why not in a toast.  Returns whether
 * the roster holds what the form does. */
static gboolean
save_person (TxPersonEditor *self)
{
  g_autoptr(TxPerson) person = NULL;
  g_autoptr(GError) error = NULL;

  if (!self->valid)
    {
      self->name_touched = TRUE;
      update_validation (self);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }

  {
    g_autofree char *problem = check_post_since (self);

    if (problem != NULL)
      {
        show_problem (self, problem);
        gtk_widget_grab_focus (GTK_WIDGET (self->post_since_row));
        return FALSE;
      }
  }

  /* Nothing changed: nothing to write, nor to log. */
  if (self->person != NULL && !has_changes (self))
    return TRUE;

  if (ask_if_saved_elsewhere (self))
    return FALSE;

  person = build_person (self);
  if (!tx_roster_edit_person (self->store, person, &error))
    {
      /* Translators: %s says why, and what to do */
      g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);

      g_warning ("Could not save %s: %s", tx_person_get_uuid (person), error->message);
      show_problem (self, message);
      return FALSE;
    }

  g_free (self->initial_form);
  self->initial_form = dup_form_state (self);
  g_signal_emit (self, signals[SAVED], 0, tx_person_get_uuid (person));
  return TRUE;
}

/* Saved elsewhere meanwhile (an import, tongxin-cli, another window) */

/* Once the question has closed: saving closes this window, which the
 * question was over. */
static gboolean
save_mine_cb (gpointer user_data)
{
  g_autoptr(TxPersonEditor) self = user_data;

  self->keep_mine = TRUE;
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
  return G_SOURCE_REMOVE;
}

static void
on_elsewhere_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          gpointer          user_data)
{
  g_autoptr(TxPersonEditor) self = user_data;

  if (g_strcmp0 (response, "mine") == 0)
    g_idle_add (save_mine_cb, g_object_ref (self));
  else if (g_strcmp0 (response, "theirs") == 0)
    {
      g_autoptr(TxPerson) stored = tx_roster_find_person (self->store, tx_person_get_uuid (self->person), NULL);

      if (stored != NULL)
        {
          g_set_object (&self->person, stored);
          load_person (self);
          adw_window_title_set_subtitle (self->window_title, tx_person_get_name (self->person));
          g_free (self->initial_form);
          self->initial_form = dup_form_state (self);
          update_validation (self);
        }
    }
}

/* Before a save: whether the person was saved elsewhere since this
 * dialog opened, in which case the clerk is asked which to keep and the
 * save waits for the answer. */
static gboolean
ask_if_saved_elsewhere (TxPersonEditor *self)
{
  g_autoptr(TxPerson) stored = NULL;
  GtkWidget *dialog;

  if (self->person == NULL || self->keep_mine)
    return FALSE;

  stored = tx_roster_find_person (self->store, tx_person_get_uuid (self->person), NULL);
  if (stored == NULL || g_strcmp0 (tx_person_get_updated_at (stored), tx_person_get_updated_at (self->person)) == 0)
    return FALSE;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Saved Elsewhere Meanwhile"),
                                   _("This person was saved elsewhere after you opened this window "
                                     "(by an import, by tongxin-cli or in another window). Saving replaces "
                                     "that with what this window holds."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "theirs", _("_Show the Other Version"),
                                    "mine", _("_Keep Mine"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "theirs", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "mine", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_elsewhere_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* The answers to the question of tx_person_editor_ask_to_leave(): saved
 * or given up, the editor closes. */
static gboolean
save_and_close (gpointer target)
{
  TxPersonEditor *self = target;

  if (!save_person (self))
    return FALSE;

  close_editor_later (self);
  return TRUE;
}

static void
discard_and_close (gpointer target)
{
  close_editor_later (target);
}

static void
tx_person_editor_save_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  TxPersonEditor *self = TX_PERSON_EDITOR (widget);

  if (self->valid && save_person (self))
    close_editor (self);
}

static void
tx_person_editor_delete_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  TxPersonEditor *self = TX_PERSON_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *name = NULL;

  if (self->person == NULL)
    return;

  uuid = g_strdup (tx_person_get_uuid (self->person));
  name = g_strdup (tx_person_get_name (self->person));

  if (!tx_roster_delete_person (self->store, uuid, &error))
    {
      /* Translators: %s says why */
      g_autofree char *message = g_strdup_printf (_("Not deleted: %s"), error->message);

      g_warning ("Could not delete %s: %s", uuid, error->message);
      show_problem (self, message);
      return;
    }

  /* The roster page offers Undo, with tx_roster_restore_person(). */
  g_signal_emit (self, signals[DELETED], 0, uuid, name);
  close_editor (self);
}

static void
tx_person_editor_cancel_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
fill_townships (TxPersonEditor *self)
{
  g_autoptr(GPtrArray) townships = NULL;
  g_autoptr(GError) error = NULL;

  gtk_string_list_append (self->township_names, C_("township", "None"));
  g_ptr_array_add (self->township_uuids, g_strdup (""));

  townships = tx_store_list_townships (self->store, &error);
  if (townships == NULL)
    {
      g_warning ("Could not read the townships: %s", error->message);
      return;
    }

  for (guint i = 0; i < townships->len; i++)
    {
      TxTownship *township = g_ptr_array_index (townships, i);

      gtk_string_list_append (self->township_names, tx_township_get_name (township));
      g_ptr_array_add (self->township_uuids, g_strdup (tx_township_get_uuid (township)));
    }
}

static gboolean
has_township (TxPersonEditor *self,
              const char     *uuid)
{
  for (guint i = 0; i < self->township_uuids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->township_uuids, i), uuid))
      return TRUE;

  return FALSE;
}

static void
select_township (TxPersonEditor *self,
                 const char     *uuid)
{
  for (guint i = 0; uuid != NULL && i < self->township_uuids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->township_uuids, i), uuid))
      {
        adw_combo_row_set_selected (self->township_row, i);
        return;
      }

  adw_combo_row_set_selected (self->township_row, 0);
}

/* Where someone new belongs: the default township, as for an import
 * (the one set, or the only one there is). */
static void
select_default_township (TxPersonEditor *self)
{
  g_autofree char *uuid = g_strdup (tx_settings_get_default_township (tx_store_get_settings (self->store)));

  if (uuid == NULL && self->township_uuids->len == 2)
    uuid = g_strdup (g_ptr_array_index (self->township_uuids, 1));

  select_township (self, uuid);
}

static void
fill_categories (TxPersonEditor *self)
{
  for (guint i = 0; i < TX_N_CATEGORIES; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tx_category_get_label ((TxCategory) i));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tx_category_get_label ((TxCategory) i),
                                      -1);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_category_check_toggled_cb),
                               self, G_CONNECT_SWAPPED);
      adw_expander_row_add_row (self->categories_row, row);

      self->category_checks[i] = GTK_CHECK_BUTTON (check);
    }

  on_category_check_toggled_cb (self);
}

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/* The day of the last training the person was at, as of today */
static void
show_last_training (TxPersonEditor *self)
{
  GApplication *app = g_application_get_default ();
  TxDate today = TX_IS_APPLICATION (app) ? tx_day_get_today (tx_application_get_day (TX_APPLICATION (app)))
                                         : tx_date_today_local ();
  g_autofree char *last = NULL;

  if (self->person != NULL)
    last = tx_activity_dup_last_training (self->store, tx_person_get_uuid (self->person), today, NULL);
  adw_action_row_set_subtitle (self->last_training_row, last != NULL ? last : _("None yet"));
}

static void
load_person (TxPersonEditor *self)
{
  TxPerson *person = self->person;
  const char *township_uuid;
  const char *notes;

  set_row_text (self->name_row, tx_person_get_name (person));
  set_row_text (self->ethnicity_row, tx_person_get_ethnicity (person));
  set_row_text (self->village_row, tx_person_get_village (person));
  set_row_text (self->organization_row, tx_person_get_organization (person));
  set_row_text (self->title_row, tx_person_get_title (person));
  set_row_text (self->phone_row, tx_person_get_phone (person));
  notes = tx_person_get_notes (person);
  gtk_text_buffer_set_text (self->notes_buffer, notes != NULL ? notes : "", -1);

  for (guint i = 0; i < G_N_ELEMENTS (gender_order); i++)
    if (gender_order[i] == tx_person_get_gender (person))
      adw_combo_row_set_selected (self->gender_row, i);

  township_uuid = tx_person_get_township_uuid (person);
  if (township_uuid != NULL && township_uuid[0] != '\0' && !has_township (self, township_uuid))
    {
      const char *name = tx_person_get_township_name (person);

      /* Not listed (taken away since?): kept as it is, not lost on saving. */
      gtk_string_list_append (self->township_names, name != NULL && name[0] != '\0' ? name : township_uuid);
      g_ptr_array_add (self->township_uuids, g_strdup (township_uuid));
    }
  select_township (self, township_uuid);

  for (guint i = 0; i < TX_N_CATEGORIES; i++)
    gtk_check_button_set_active (self->category_checks[i],
                                 tx_person_has_category (person, (TxCategory) i));
  set_row_text (self->post_since_row, tx_person_get_post_since (person));
  show_last_training (self);
}

static gboolean
tx_person_editor_close_request (GtkWindow *window)
{
  TxPersonEditor *self = TX_PERSON_EDITOR (window);

  if (!self->closing && has_changes (self))
    {
      tx_person_editor_ask_to_leave (self, NULL, NULL);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (tx_person_editor_parent_class)->close_request (window);
}

static void
tx_person_editor_constructed (GObject *object)
{
  TxPersonEditor *self = (TxPersonEditor *)object;

  G_OBJECT_CLASS (tx_person_editor_parent_class)->constructed (object);

  g_return_if_fail (TX_IS_STORE (self->store));

  fill_townships (self);
  fill_categories (self);
  tx_date_picker_add_to_row (self->post_since_row);

  if (self->person != NULL)
    {
      load_person (self);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Person"));
      adw_window_title_set_subtitle (self->window_title, tx_person_get_name (self->person));
    }
  else
    {
      show_last_training (self);
      select_default_township (self);
      gtk_window_set_title (GTK_WINDOW (self), _("New Person"));
    }

  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));
  gtk_widget_set_visible (GTK_WIDGET (self->delete_group), self->person != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", self->person != NULL);

  self->initial_form = dup_form_state (self);
  update_validation (self);

  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_row));
}

static void
tx_person_editor_dispose (GObject *object)
{
  TxPersonEditor *self = (TxPersonEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_PERSON_EDITOR);
  for (guint i = 0; i < TX_N_CATEGORIES; i++)
    self->category_checks[i] = NULL;
  g_clear_object (&self->store);
  g_clear_object (&self->person);
  g_clear_pointer (&self->township_uuids, g_ptr_array_unref);

  G_OBJECT_CLASS (tx_person_editor_parent_class)->dispose (object);
}

static void
tx_person_editor_finalize (GObject *object)
{
  TxPersonEditor *self = (TxPersonEditor *)object;

  g_clear_pointer (&self->initial_form, g_free);

  G_OBJECT_CLASS (tx_person_editor_parent_class)->finalize (object);
}

static void
tx_person_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TxPersonEditor *self = TX_PERSON_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_PERSON:
      g_value_set_object (value, self->person);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_person_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TxPersonEditor *self = TX_PERSON_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_PERSON:
      self->person = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_person_editor_class_init (TxPersonEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = tx_person_editor_constructed;
  object_class->dispose = tx_person_editor_dispose;
  object_class->finalize = tx_person_editor_finalize;
  object_class->get_property = tx_person_editor_get_property;
  object_class->set_property = tx_person_editor_set_property;

  window_class->close_request = tx_person_editor_close_request;

  /**
   * TxPersonEditor:store:
   *
   * Where the person is saved.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * TxPersonEditor:person: (nullable)
   *
   * The person edited, or %NULL for someone new.
   */
  properties[PROP_PERSON] =
    g_param_spec_object ("person", NULL, NULL,
                         TX_TYPE_PERSON,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TxPersonEditor::saved:
   * @uuid: the person's uuid
   *
   * The person was saved; the editor closes.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * TxPersonEditor::deleted:
   * @uuid: the person's uuid, for tx_roster_restore_person()
   * @name: the person's name, for the toast
   *
   * The person was taken off the roster; the editor closes.
   */
  signals[DELETED] =
    g_signal_new ("deleted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL,
                                   tx_person_editor_save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL,
                                   tx_person_editor_delete_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL,
                                   tx_person_editor_cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "editor.cancel", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-person-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TxPersonEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, TxPersonEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, TxPersonEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TxPersonEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, TxPersonEditor, name_error_icon);
  gtk_widget_class_bind_template_child (widget_class, TxPersonEditor, name_error_label);
  gtk_widget_class_bind_template_child (widget_class, TxPersonEditor, gender_row);
  gtk_widget_class_bind_template_child (widget_class, TxPersonEditor, genders);
  gtk_widget_class_bind_template_child (widget_class, TxPersonEditor, ethnicity_row);
  gtk_widget_class_bind_template_child (widget_class, TxPersonEditor, post_since_row);
  gtk_widget_class_bind_template_child (widget_class, TxPersonEditor, last_training_row);
  gtk_widget_class_bind_template_child (widget_class, TxPersonEditor, township_row);
  gtk_widget_class_bind_template_child (widget_class, TxPersonEditor, township_names);
  gtk_widget_class_bind_template_child (widget_class, TxPersonEditor, village_row);
  gtk_widget_class_bind_template_child (widget_class, TxPersonEditor, categories_row);
  gtk_widget_class_bind_template_child (widget_class, TxPersonEditor, organization_row);
  gtk_widget_class_bind_template_child (widget_class, TxPersonEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, TxPersonEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, TxPersonEditor, phone_error_icon);
  gtk_widget_class_bind_template_child (widget_class, TxPersonEditor, phone_error_label);
  gtk_widget_class_bind_template_child (widget_class, TxPersonEditor, notes_buffer);
  gtk_widget_class_bind_template_child (widget_class, TxPersonEditor, delete_group);
  gtk_widget_class_bind_template_child (widget_class, TxPersonEditor, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_phone_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_entry_activated_cb);
}

static void
tx_person_editor_init (TxPersonEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->township_uuids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (gender_order); i++)
    gtk_string_list_append (self->genders,
                            gender_order[i] == TX_GENDER_UNKNOWN
                            ? C_("gender", "Not Given")
                            : tx_gender_get_label (gender_order[i]));
  adw_combo_row_set_selected (self->gender_row, G_N_ELEMENTS (gender_order) - 1);
}

/**
 * tx_person_editor_new:
 * @parent: (nullable): the window the editor belongs to
 * @store: where to save
 * @person: (nullable): the person to edit, or %NULL to add someone
 *
 * Returns: (transfer none): the editor, not yet shown
 */
TxPersonEditor *
tx_person_editor_new (GtkWindow *parent,
                      TxStore   *store,
                      TxPerson  *person)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TX_IS_STORE (store), NULL);
  g_return_val_if_fail (person == NULL || TX_IS_PERSON (person), NULL);

  return g_object_new (TX_TYPE_PERSON_EDITOR,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "store", store,
                       "person", person,
                       NULL);
}

TxStore *
tx_person_editor_get_store (TxPersonEditor *self)
{
  g_return_val_if_fail (TX_IS_PERSON_EDITOR (self), NULL);

  return self->store;
}

/**
 * tx_person_editor_get_person:
 *
 * Returns: (nullable) (transfer none): the person as the editor opened,
 *   or %NULL for someone new
 */
TxPerson *
tx_person_editor_get_person (TxPersonEditor *self)
{
  g_return_val_if_fail (TX_IS_PERSON_EDITOR (self), NULL);

  return self->person;
}

/* Whether the form holds something not saved. */
gboolean
tx_person_editor_has_changes (TxPersonEditor *self)
{
  g_return_val_if_fail (TX_IS_PERSON_EDITOR (self), FALSE);

  return !self->closing && has_changes (self);
}

/**
 * tx_person_editor_ask_to_leave:
 * @callback: (nullable): told whether the caller may go on
 *
 * When the form holds something not saved, asks whether to save it, as
 * the editors of the window do: Save saves and closes (and the clerk
 * stays if it cannot be saved, with the reason in a toast), Discard
 * closes without writing, Cancel stays.  Without changes, calls back
 * at once and the editor stays open.
 */
void
tx_person_editor_ask_to_leave (TxPersonEditor    *self,
                               TxEditorLeaveFunc  callback,
                               gpointer           user_data)
{
  g_return_if_fail (TX_IS_PERSON_EDITOR (self));

  if (!tx_person_editor_has_changes (self))
    {
      if (callback != NULL)
        callback (TRUE, user_data);
      return;
    }

  gtk_window_present (GTK_WINDOW (self));
  tx_ask_to_save_changes (GTK_WINDOW (self), _("What was typed here has not been saved."),
                          self, save_and_close, discard_and_close, callback, user_data);
}

static void
ask_to_leave (gpointer          target,
              GtkWindow        *parent,
              TxEditorLeaveFunc callback,
              gpointer          user_data)
{
  tx_person_editor_ask_to_leave (target, callback, user_data);
}

/* Asks tx_person_editor_ask_to_leave() in its turn among @questions:
 * the window closing, Tongxin quitting. */
void
tx_person_editor_add_leave_question (TxPersonEditor   *self,
                                     TxLeaveQuestions *questions)
{
  g_return_if_fail (TX_IS_PERSON_EDITOR (self));

  tx_leave_questions_add (questions, self, NULL, ask_to_leave);
}
