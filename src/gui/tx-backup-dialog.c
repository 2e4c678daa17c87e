/* tx-backup-dialog.c — the backups of the database, and restoring one
 *
 * Lists the backups kept beside the database, newest first (when, why,
 * how large), takes one at once, and restores one of them or any backup
 * file the clerk has.  A restore is asked once more, says what it does
 * (the data it replaces are backed up first, so it can be undone), and
 * first asks about anything typed in the window and not saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-backup-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-backup-dialog.h"
#include "tx-backup.h"
#include "tx-off-reason.h"
#include "tx-settings.h"
#include "tx-window.h"

struct _TxBackupDialog
{
  AdwWindow            parent_instance;

  /* template children */
  GtkWidget           *back_up_button;
  AdwToastOverlay     *toast_overlay;
  AdwPreferencesGroup *backups_group;
  GtkListBox          *backups_list;
  GtkWidget           *placeholder_label;

  /* owned references */
  TxStore             *store;
  TxDay               *day;
};

G_DEFINE_FINAL_TYPE (TxBackupDialog, tx_backup_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_taken (GDateTime *taken)
{
  /* Translators: the day and time a backup was taken, as in 2026-11-27 09:30 */
  return g_date_time_format (taken, _("%Y-%m-%d %H:%M"));
}

static void
show_toast (TxBackupDialog *self,
            const char     *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static GtkWidget *
create_row (TxBackup *backup)
{
  g_autofree char *title = format_taken (backup->taken);
  g_autofree char *size = g_format_size (backup->size);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", tx_backup_kind_to_string (backup->kind), size);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore…"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  tx_widget_set_tooltip (row, backup->path);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "backups.restore");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", backup->path);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
reload (TxBackupDialog *self)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *description = NULL;
  GtkListBoxRow *row;

  /* the rows only: the placeholder stays */
  while ((row = gtk_list_box_get_row_at_index (self->backups_list, 0)) != NULL)
    gtk_list_box_remove (self->backups_list, GTK_WIDGET (row));

  if (self->store == NULL)
    return;

  folder = tx_backup_dup_folder (tx_store_get_path (self->store));
  description = g_strdup_printf (_("Kept in the folder “%s”: the daily backups of the last %d days, %d weeks and %d months, "
                                   "and the last %d taken by hand or before a restore, an import or an update."),
                                 folder, TX_BACKUP_KEEP_DAYS, TX_BACKUP_KEEP_WEEKS, TX_BACKUP_KEEP_MONTHS,
                                 tx_settings_get_backups_kept (tx_store_get_settings (self->store)));
  adw_preferences_group_set_description (self->backups_group, description);

  backups = tx_backup_list (tx_store_get_path (self->store), &error);
  if (backups == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  for (guint i = 0; i < backups->len; i++)
    gtk_list_box_append (self->backups_list, create_row (g_ptr_array_index (backups, i)));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.back-up", !tx_store_is_read_only (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.restore", !tx_store_is_read_only (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.restore-file", !tx_store_is_read_only (self->store));
}

static GDateTime *
dup_now (TxBackupDialog *self)
{
  return tx_backup_dup_now (tx_day_get_today (self->day));
}

/* Actions */

static void
back_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TxBackupDialog *self = TX_BACKUP_DIALOG (widget);
  g_autoptr(GDateTime) now = dup_now (self);
  g_autoptr(TxBackup) backup = NULL;
  g_autoptr(GError) error = NULL;

  backup = tx_backup_take (self->store, TX_BACKUP_MANUAL, now, &error);
  if (backup == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  reload (self);
  show_toast (self, _("Backup taken"));
}

typedef struct {
  TxBackupDialog *dialog;
  char           *path;
} Restore;

static void
restore_free (Restore *restore)
{
  g_object_unref (restore->dialog);
  g_free (restore->path);
  g_free (restore);
}

/* Once nothing typed in the window is left unsaved. */
static void
on_window_may_leave_cb (gboolean may_leave,
                        gpointer user_data)
{
  Restore *restore = user_data;
  TxBackupDialog *self = restore->dialog;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(TxBackup) replaced = NULL;
  g_autoptr(GError) error = NULL;

  if (!may_leave)
    {
      restore_free (restore);
      return;
    }

  now = dup_now (self);
  if (!tx_backup_restore (self->store, restore->path, now, &replaced, &error))
    {
      GtkWidget *message = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Restore"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (message));
      restore_free (restore);
      return;
    }

  reload (self);
  {
    g_autofree char *taken = format_taken (replaced->taken);
    g_autofree char *title = g_strdup_printf (_("Restored. What it replaced is kept as the backup of %s."), taken);

    show_toast (self, title);
  }
  restore_free (restore);
}

static void
on_restore_response_cb (AdwMessageDialog *message,
                        const char       *response,
                        gpointer          user_data)
{
  Restore *restore = user_data;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (restore->dialog));

  if (g_strcmp0 (response, "restore") != 0)
    {
      restore_free (restore);
      return;
    }

  if (TX_IS_WINDOW (parent))
    tx_window_ask_to_close (TX_WINDOW (parent), on_window_may_leave_cb, restore);
  else
    on_window_may_leave_cb (TRUE, restore);
}

/**
 * tx_backup_dialog_restore:
 * @path: a backup file
 *
 * Asks whether to restore @path, and restores it if the clerk says so.
 */
void
tx_backup_dialog_restore (TxBackupDialog *self,
                          const char     *path)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *body = NULL;
  GtkWidget *message;
  Restore *restore;

  g_return_if_fail (TX_IS_BACKUP_DIALOG (self));
  g_return_if_fail (path != NULL);

  body = g_strdup_printf (_("Everything in the database will be replaced by the backup “%s”. "
                            "What the database holds now is backed up first and kept, so this can be undone."),
                          display);
  message = adw_message_dialog_new (GTK_WINDOW (self), _("Restore This Backup?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (message),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (message), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (message), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (message), "cancel");

  restore = g_new0 (Restore, 1);
  restore->dialog = g_object_ref (self);
  restore->path = g_strdup (path);
  g_signal_connect (message, "response", G_CALLBACK (on_restore_response_cb), restore);
  gtk_window_present (GTK_WINDOW (message));
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  tx_backup_dialog_restore (TX_BACKUP_DIALOG (widget), g_variant_get_string (parameter, NULL));
}

static void
on_file_chosen_cb (GtkNativeDialog *chooser,
                   int              response,
                   gpointer         user_data)
{
  TxBackupDialog *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        tx_backup_dialog_restore (self, path);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
restore_file_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TxBackupDialog *self = TX_BACKUP_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose a Backup"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Tongxin databases and backups"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject */

static void
on_store_changed_cb (TxBackupDialog *self,
                     const char     *kind,
                     const char     *uuid,
                     TxStore        *store)
{
  /* a setting may change how many are kept */
  if (g_strcmp0 (kind, "setting") == 0 || g_strcmp0 (kind, "all") == 0)
    reload (self);
}

static void
tx_backup_dialog_constructed (GObject *object)
{
  TxBackupDialog *self = TX_BACKUP_DIALOG (object);

  G_OBJECT_CLASS (tx_backup_dialog_parent_class)->constructed (object);

  if (self->store != NULL)
    g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb),
                             self, G_CONNECT_SWAPPED);
  reload (self);
}

static void
tx_backup_dialog_dispose (GObject *object)
{
  TxBackupDialog *self = TX_BACKUP_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_BACKUP_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->day);

  G_OBJECT_CLASS (tx_backup_dialog_parent_class)->dispose (object);
}

static void
tx_backup_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TxBackupDialog *self = TX_BACKUP_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_DAY:
      g_value_set_object (value, self->day);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_backup_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TxBackupDialog *self = TX_BACKUP_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_DAY:
      self->day = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_backup_dialog_class_init (TxBackupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tx_backup_dialog_constructed;
  object_class->dispose = tx_backup_dialog_dispose;
  object_class->get_property = tx_backup_dialog_get_property;
  object_class->set_property = tx_backup_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DAY] =
    g_param_spec_object ("day", NULL, NULL, TX_TYPE_DAY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-backup-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TxBackupDialog, back_up_button);
  gtk_widget_class_bind_template_child (widget_class, TxBackupDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TxBackupDialog, backups_group);
  gtk_widget_class_bind_template_child (widget_class, TxBackupDialog, backups_list);
  gtk_widget_class_bind_template_child (widget_class, TxBackupDialog, placeholder_label);

  gtk_widget_class_install_action (widget_class, "backups.back-up", NULL, back_up_action);
  gtk_widget_class_install_action (widget_class, "backups.restore", "s", restore_action);
  gtk_widget_class_install_action (widget_class, "backups.restore-file", NULL, restore_file_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tx_backup_dialog_init (TxBackupDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_placeholder (self->backups_list, self->placeholder_label);
}

TxBackupDialog *
tx_backup_dialog_new (GtkWindow *parent,
                      TxStore   *store,
                      TxDay     *day)
{
  g_return_val_if_fail (TX_IS_STORE (store), NULL);
  g_return_val_if_fail (TX_IS_DAY (day), NULL);

  return g_object_new (TX_TYPE_BACKUP_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "day", day,
                       NULL);
}
