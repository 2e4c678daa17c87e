/* test-backup-dialog.c — the window's backups: listed, taken at once,
 * restored after asking, and a database that cannot be written shown
 * as such
 *
 * Runs under a display (Xvfb), on the sample data dated 2026-11-27.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-backup-dialog"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "tx-backup-dialog.h"
#include "tx-backup.h"
#include "tx-exchange.h"
#include "tx-store.h"
#include "tx-test-gui.h"
#include "tx-window.h"

typedef struct {
  char     *dir;
  char     *path;
  TxStore  *store;
  TxDay    *day;
  TxWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tongxin-test-backup-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "tongxin.db", NULL);
  f->store = tx_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (tx_exchange_load_demo (f->store, tx_date_new (2026, 11, 27), NULL, &error));
  f->day = tx_test_day_new ("2026-11-27");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tx_test_destroy_windows ();
  g_clear_object (&f->store);
  g_clear_object (&f->day);
  tx_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static TxBackupDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (TX_IS_BACKUP_DIALOG (window))
        return TX_BACKUP_DIALOG (window);
    }

  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  TxBackupDialog *dialog = find_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static TxBackupDialog *
open_dialog (Fixture *f)
{
  f->window = tx_window_new (NULL, f->store, f->day);
  gtk_window_present (GTK_WINDOW (f->window));
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "backups", NULL);
  tx_test_wait_until (dialog_shown, NULL, "the backups dialog");
  return find_dialog ();
}

/* The rows of the list: "title|subtitle" each. */
static GPtrArray *
get_rows (TxBackupDialog *dialog)
{
  GtkWidget *list = tx_test_get_template_child (dialog, "backups_list");
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      g_ptr_array_add (rows, g_strdup_printf ("%s|%s",
                                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                              adw_action_row_get_subtitle (ADW_ACTION_ROW (row))));

  return rows;
}

typedef struct {
  TxBackupDialog *dialog;
  guint           n_rows;
} RowCount;

static gboolean
has_rows (gpointer data)
{
  RowCount *count = data;
  g_autoptr(GPtrArray) rows = get_rows (count->dialog);

  return rows->len == count->n_rows;
}

static void
test_back_up_now (Fixture       *f,
                  gconstpointer  data)
{
  TxBackupDialog *dialog = open_dialog (f);
  g_autoptr(GPtrArray) rows = get_rows (dialog);
  g_autoptr(GPtrArray) backups = NULL;
  RowCount count = { dialog, 1 };

  g_assert_cmpuint (rows->len, ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "backups.back-up", NULL));
  tx_test_wait_until (has_rows, &count, "the backup listed");

  backups = tx_backup_list (f->path, NULL);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpint (((TxBackup *) g_ptr_array_index (backups, 0))->kind, ==, TX_BACKUP_MANUAL);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = get_rows (dialog);
  /* the day of the window, and why */
  g_assert_true (g_str_has_prefix (g_ptr_array_index (rows, 0), "2026-11-27 "));
  g_assert_nonnull (strstr (g_ptr_array_index (rows, 0), "By hand"));
}

static gboolean
message_shown (gpointer data)
{
  return tx_test_find_message_dialog () != NULL;
}

/* Restoring asks, says what it does, restores, and keeps what it
 * replaced; "Cancel" changes nothing. */
static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  TxBackupDialog *dialog = open_dialog (f);
  g_autoptr(TxBackup) backup = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 27, 9, 0, 0);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *message;
  RowCount count = { dialog, 2 };
  guint people = tx_store_count (f->store, "person");

  backup = tx_backup_take (f->store, TX_BACKUP_MANUAL, now, &error);
  g_assert_no_error (error);

  /* everyone deleted after the backup */
  g_assert_cmpint (sqlite3_exec (tx_store_get_db (f->store), "UPDATE person SET deleted_at = '2026-11-27T10:00:00Z'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpuint (tx_store_count (f->store, "person"), ==, 0);

  /* Cancel: nothing */
  tx_backup_dialog_restore (dialog, backup->path);
  tx_test_wait_until (message_shown, NULL, "the question");
  message = tx_test_find_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "backed up first"));
  tx_test_answer_message_dialog (message, "cancel");
  g_assert_cmpuint (tx_store_count (f->store, "person"), ==, 0);

  /* Restore */
  tx_backup_dialog_restore (dialog, backup->path);
  tx_test_wait_until (message_shown, NULL, "the question");
  tx_test_answer_message_dialog (tx_test_find_message_dialog (), "restore");
  tx_test_wait_until (has_rows, &count, "the backup of what was replaced, listed");
  g_assert_cmpuint (tx_store_count (f->store, "person"), ==, people);
  g_assert_cmpuint (tx_store_count (f->store, "person"), >, 0);
  {
    g_autoptr(GPtrArray) backups = tx_backup_list (f->path, NULL);
    guint before_restore = 0;

    for (guint i = 0; i < backups->len; i++)
      if (((TxBackup *) g_ptr_array_index (backups, i))->kind == TX_BACKUP_BEFORE_RESTORE)
        before_restore++;
    g_assert_cmpuint (before_restore, ==, 1);
  }
}

/* A file that is not a backup: the clerk is told why, and nothing
 * changes. */
static void
test_restore_refused (Fixture       *f,
                      gconstpointer  data)
{
  TxBackupDialog *dialog = open_dialog (f);
  g_autofree char *empty = g_build_filename (f->dir, "empty.db", NULL);
  AdwMessageDialog *message;
  guint people = tx_store_count (f->store, "person");

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  tx_backup_dialog_restore (dialog, empty);
  tx_test_wait_until (message_shown, NULL, "the question");
  tx_test_answer_message_dialog (tx_test_find_message_dialog (), "restore");

  tx_test_wait_until (message_shown, NULL, "why it cannot be restored");
  message = tx_test_find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Could Not Restore");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "empty"));
  g_assert_cmpuint (tx_store_count (f->store, "person"), ==, people);
  {
    g_autoptr(GPtrArray) backups = tx_backup_list (f->path, NULL);

    g_assert_cmpuint (backups->len, ==, 0);
  }
}

/* A database that cannot be written says so across the window, and
 * its backups cannot be taken or restored from there. */
static void
test_read_only_notice (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TxStore) read_only = NULL;
  g_autoptr(GError) error = NULL;
  GtkRevealer *revealer;

  f->window = tx_window_new (NULL, f->store, f->day);
  gtk_window_present (GTK_WINDOW (f->window));
  revealer = tx_test_get_template_child (f->window, "read_only_revealer");
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  g_clear_object (&f->store);
  read_only = tx_store_open_full (f->path, TX_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  tx_window_set_store (f->window, read_only);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  {
    GtkWidget *label = gtk_revealer_get_child (revealer);

    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "read-only"));
  }

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "backups", NULL);
  tx_test_wait_until (dialog_shown, NULL, "the backups dialog");
  gtk_widget_activate_action (GTK_WIDGET (find_dialog ()), "backups.back-up", NULL);
  g_assert_false (gtk_widget_get_sensitive (tx_test_get_template_child (find_dialog (), "back_up_button")));
  {
    g_autoptr(GPtrArray) backups = tx_backup_list (f->path, NULL);

    g_assert_cmpuint (backups->len, ==, 0);
  }
  tx_window_set_store (f->window, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  tx_test_init_gui ();

  g_test_add ("/gui/backup-dialog/back-up-now", Fixture, NULL, fixture_set_up, test_back_up_now, fixture_tear_down);
  g_test_add ("/gui/backup-dialog/restore", Fixture, NULL, fixture_set_up, test_restore, fixture_tear_down);
  g_test_add ("/gui/backup-dialog/restore-refused", Fixture, NULL, fixture_set_up, test_restore_refused,
              fixture_tear_down);
  g_test_add ("/gui/backup-dialog/read-only-notice", Fixture, NULL, fixture_set_up, test_read_only_notice,
              fixture_tear_down);

  return g_test_run ();
}
