/* tx-window-actions.c — the main menu of the window: preferences,
 * townships and plans, the exchange file and the roster import,
 * backups, the check of the database, Recently Deleted and Undo, and
 * taking the sample data out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-backup-dialog.h"
#include "tx-demo.h"
#include "tx-exchange-task.h"
#include "tx-exchange.h"
#include "tx-file-toast.h"
#include "tx-guide-window.h"
#include "tx-preferences-window.h"
#include "tx-townships-dialog.h"
#include "tx-trash-dialog.h"
#include "tx-trash.h"
#include "tx-settings.h"
#include "tx-work-groups-dialog.h"
#include "tx-window-private.h"

/* The backups of the database, and restoring one. */
void
tx_window_backups_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  TxWindow *self = user_data;
  TxBackupDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = tx_backup_dialog_new (GTK_WINDOW (self), self->store, self->day);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The settings of the database: Ctrl+, */
void
tx_window_preferences_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  TxWindow *self = user_data;
  TxPreferencesWindow *preferences;

  if (self->store == NULL)
    return;

  preferences = tx_preferences_window_new (GTK_WINDOW (self), self->store);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* The townships, their names and yearly plans. */
void
tx_window_townships_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  TxWindow *self = user_data;
  TxTownshipsDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = tx_townships_dialog_new (GTK_WINDOW (self), self->store, self->day);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The city office's work groups */
void
tx_window_work_groups_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  TxWindow *self = user_data;

  if (self->store == NULL)
    return;

  gtk_window_present (GTK_WINDOW (tx_work_groups_dialog_new (GTK_WINDOW (self), self->store)));
}

/* Taking the sample data out of the clerk's database */

static void
on_remove_sample_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              TxWindow         *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  TxDemoRemoval removal;

  if (g_strcmp0 (response, "remove") != 0 || self->store == NULL)
    return;

  if (!tx_demo_remove (self->store, tx_day_get_today (self->day), &removal, &error))
    {
      /* Translators: %s says why */
      g_autofree char *title = g_strdup_printf (_("The sample data were not removed: %s"), error->message);

      tx_window_show_toast (self, title);
      return;
    }

  summary = tx_demo_removal_to_string (&removal);
  tx_window_show_toast (self, summary);
}

void
tx_window_remove_sample_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  TxWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  TxDemoRemoval present;
  AdwMessageDialog *dialog;

  if (self->store == NULL)
    return;

  if (!tx_demo_count (self->store, &present, &error))
    {
      tx_window_show_toast (self, error->message);
      return;
    }
  if (present.townships + present.people + present.consultations + present.outcomes == 0)
    {
      tx_window_show_toast (self, _("There are no sample data in this database."));
      return;
    }

  /* Translators: how many records of the sample data the database holds */
  body = g_strdup_printf (_("This takes out the sample’s %u townships, %u people, %u consultations and %u recommendations. "
                            "What you added stays, and so does a sample record your own records use. "
                            "A backup is taken first."),
                          present.townships, present.people, present.consultations, present.outcomes);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Remove the Sample Data?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_sample_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Undo of a deletion, and Recently Deleted */

/**
 * tx_window_note_deleted:
 * @kind: "person", "consultation" or "outcome"
 * @title: (nullable): its name or title, for the toast of Undo
 *
 * Remembers a deletion made in the window, for Ctrl+Z.
 */
void
tx_window_note_deleted (TxWindow   *self,
                        const char *kind,
                        const char *uuid,
                        const char *title)
{
  const char *entry[] = { kind, uuid, title != NULL ? title : "", NULL };

  g_return_if_fail (TX_IS_WINDOW (self));

  g_ptr_array_add (self->deleted, g_strdupv ((char **) entry));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "undo")), TRUE);
}

/**
 * tx_window_show_deleted_toast:
 * @kind: "person", "consultation", "outcome" or "activity"
 * @title: what the toast says
 * @name: the record's name or title, for Ctrl+Z's toast
 *
 * Says that a record was deleted, with 撤销 to bring it back (as
 * Ctrl+Z does, which also remembers it).
 */
void
tx_window_show_deleted_toast (TxWindow   *self,
                              const char *kind,
                              const char *uuid,
                              const char *title,
                              const char *name)
{
  g_autofree char *markup = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (markup);

  g_return_if_fail (TX_IS_WINDOW (self));

  tx_window_note_deleted (self, kind, uuid, name);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Ctrl+Z: brings back the last record deleted in the window. */
void
tx_window_undo_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  TxWindow *self = user_data;
  g_auto(GStrv) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->store == NULL || self->deleted->len == 0)
    {
      tx_window_show_toast (self, _("Nothing to undo."));
      return;
    }

  entry = g_ptr_array_steal_index (self->deleted, self->deleted->len - 1);
  g_simple_action_set_enabled (action, self->deleted->len > 0);
  if (!tx_trash_set_deleted (self->store, entry[0], entry[1], FALSE, &error))
    {
      /* Translators: %s says why */
      text = g_strdup_printf (_("Could not bring it back: %s"), error->message);
      tx_window_show_toast (self, text);
      return;
    }

  /* Translators: %s is the name or title of a record deleted and back */
  text = g_strdup_printf (_("“%s” is back"), entry[2]);
  tx_window_show_toast (self, text);
}

void
tx_window_trash_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  TxWindow *self = user_data;

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (tx_trash_dialog_new (GTK_WINDOW (self), self->store)));
}

/* The exchange file, the roster import, the check: the main menu */

void
tx_window_import_roster_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  TxWindow *self = user_data;

  adw_view_stack_set_visible_child_name (self->view_stack, "roster");
  gtk_widget_activate_action (GTK_WIDGET (self->roster_page), "roster.import", NULL);
}

/* The exchange file: read (a preview), imported, written, each in a
 * thread of its own with its progress shown (tx-exchange-task.c) */

static void
on_import_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TxWindow *self = TX_WINDOW (source);
  g_autofree char *name = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *text = NULL;
  TxImportReport report = { 0 };
  gboolean ok;

  self->n_exchange_tasks--;
  ok = tx_exchange_task_finish (result, &report, &error);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;   /* closed meanwhile: nothing to say */
  if (!ok)
    {
      /* Translators: %s says why */
      text = g_strdup_printf (_("Nothing was imported. %s"), error->message);
      tx_window_show_toast (self, text);
      return;
    }

  summary = tx_import_report_to_string (&report);
  /* Translators: a file's name, then what was imported */
  text = g_strdup_printf (_("“%s” imported: %s"), name, summary);
  tx_window_show_toast (self, text);
}

static void
on_import_exchange_response_cb (AdwMessageDialog *dialog,
                                const char       *response,
                                TxWindow         *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "tx-file");

  if (g_strcmp0 (response, "import") != 0 || self->store == NULL)
    return;

  self->n_exchange_tasks++;
  tx_exchange_task_run (GTK_WINDOW (self), self->store, TX_EXCHANGE_TASK_IMPORT, file,
                        tx_day_get_today (self->day), on_import_done_cb, g_file_get_basename (file));
}

static void
on_preview_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  TxWindow *self = TX_WINDOW (source);
  g_autoptr(GFile) file = user_data;
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  TxImportReport report = { 0 };
  AdwMessageDialog *dialog;
  gboolean ok;

  self->n_exchange_tasks--;
  ok = tx_exchange_task_finish (result, &report, &error);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;   /* closed meanwhile: nothing to say */
  if (!ok)
    {
      /* Translators: %s says why */
      g_autofree char *text = g_strdup_printf (_("Nothing was imported. %s"), error->message);

      tx_window_show_toast (self, text);
      return;
    }

  /* Translators: a file's name */
  heading = g_strdup_printf (_("Import “%s”?"), name);
  /* Translators: what importing an exchange file would do */
  body = g_strdup_printf (_("It adds %u records, updates %u and deletes %u; %u are the same here, and %u are kept "
                            "as they are here, being newer. All of it is imported or none, after a backup."),
                          report.inserted, report.updated, report.deleted, report.unchanged, report.rejected);
  if (report.matched > 0)
    {
      g_autofree char *with = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            /* Translators: what an import does, then how many townships it matches */
                                                            "%s %u township of the file has the name of one here: it is taken as the same township.",
                                                            "%s %u townships of the file have the names of townships here: each is taken as the same township.",
                                                            report.matched),
                                               body, report.matched);

      g_free (body);
      body = g_steal_pointer (&with);
    }
  if (report.conflicts > 0)
    {
      g_autofree char *with = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            /* Translators: what an import does, then how many conflicts it finds */
                                                            "%s %u record was changed both here and by the sender: both versions are kept until you decide.",
                                                            "%s %u records were changed both here and by the sender: both versions are kept until you decide.",
                                                            report.conflicts),
                                               body, report.conflicts);

      g_free (body);
      body = g_steal_pointer (&with);
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "import");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "tx-file", g_steal_pointer (&file), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_exchange_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * tx_window_preview_exchange:
 * @file: an exchange file
 *
 * Checks @file without writing anything, showing how far it is, and
 * asks, saying what the import would add, update, keep and delete; the
 * import is all or nothing, after a backup, with its progress shown.  A
 * file that cannot be imported is said so.
 */
void
tx_window_preview_exchange (TxWindow *self,
                            GFile    *file)
{
  g_return_if_fail (TX_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  self->n_exchange_tasks++;
  tx_exchange_task_run (GTK_WINDOW (self), self->store, TX_EXCHANGE_TASK_PREVIEW, file,
                        tx_day_get_today (self->day), on_preview_done_cb, g_object_ref (file));
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TxWindow *self = TX_WINDOW (source);
  g_autoptr(GFile) file = user_data;
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean ok;

  self->n_exchange_tasks--;
  ok = tx_exchange_task_finish (result, NULL, &error);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;   /* closed meanwhile: nothing to say */
  if (!ok)
    {
      /* Translators: %s says why */
      text = g_strdup_printf (_("The exchange file was not written: %s"), error->message);
      tx_window_show_toast (self, text);
      return;
    }

  /* Translators: %s is the path of the file written */
  text = g_strdup_printf (_("Exchange file saved as “%s”"), path);
  adw_toast_overlay_add_toast (self->toast_overlay, tx_file_toast_new (text, file));
}

/**
 * tx_window_export_exchange_to:
 * @file: where to write the exchange file
 *
 * Writes the whole database as an exchange file, showing that it is
 * being written, and says where it went or why it was not written.
 */
void
tx_window_export_exchange_to (TxWindow *self,
                              GFile    *file)
{
  g_return_if_fail (TX_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  self->n_exchange_tasks++;
  tx_exchange_task_run (GTK_WINDOW (self), self->store, TX_EXCHANGE_TASK_EXPORT, file,
                        tx_day_get_today (self->day), on_export_done_cb, g_object_ref (file));
}

/**
 * tx_window_is_busy:
 *
 * Returns: whether an exchange file is being read, imported or written
 */
gboolean
tx_window_is_busy (TxWindow *self)
{
  g_return_val_if_fail (TX_IS_WINDOW (self), FALSE);

  return self->n_exchange_tasks > 0;
}

/* F1: the user guide, with the thresholds of the database open */
void
tx_window_guide_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  TxWindow *self = user_data;

  gtk_window_present (GTK_WINDOW (tx_guide_window_new (GTK_WINDOW (self), self->store)));
}

/* Check the Database: what `tongxin-cli check` says, in a dialog. */
void
tx_window_check_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  TxWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  const char *heading;
  AdwMessageDialog *dialog;

  if (self->store == NULL)
    return;

  problems = tx_store_check (self->store, &error);
  if (problems == NULL)
    {
      heading = _("The Database Could Not Be Checked");
      g_string_append (body, error->message);
    }
  else if (problems->len == 0)
    {
      heading = _("The Database Is Sound");
      /* Translators: what the database holds */
      g_string_append_printf (body, _("It holds %u townships, %u people, %u consultations and %u recommendations."),
                              tx_store_count (self->store, "township"), tx_store_count (self->store, "person"),
                              tx_store_count (self->store, "consultation"), tx_store_count (self->store, "outcome"));
    }
  else
    {
      heading = _("The Database Has Problems");
      g_string_append (body, _("Restore a backup (main menu, Backups), or ask for help. What was found:"));
      for (guint i = 0; i < problems->len; i++)
        g_string_append_printf (body, "\n• %s", (const char *) g_ptr_array_index (problems, i));
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body->str));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The actions that need a database: off on the welcome page. */
void
tx_window_set_store_actions_enabled (TxWindow *self,
                           gboolean  enabled)
{
  static const char * const names[] = { "backups", "preferences", "townships", "remove-sample", "trash",
                                        "import-roster", "import-exchange", "export-exchange", "year-archive", "conflicts",
                                        "check" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), names[i])),
                                 enabled);
  tx_window_update_office_actions (self);
}

/**
 * tx_window_update_office_actions:
 *
 * What only the city office does (its work groups) is offered, in the
 * main menu, to the city's database only.
 */
void
tx_window_update_office_actions (TxWindow *self)
{
  gboolean city = self->store != NULL
                  && g_strcmp0 (tx_settings_get_office_kind (tx_store_get_settings (self->store)), "city") == 0;

  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "work-groups")),
                               city);
}

