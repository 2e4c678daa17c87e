/* tx-year-archive-dialog.c — 导出年度台账: a township's year as one zip
 *
 * The township and the year are chosen, then where the zip goes; every
 * consultation of that year is written as its dossier, with the index,
 * by tx_archive_write_year_full() in a thread of its own on a
 * connection of its own to the database, so the window goes on
 * answering.  The dialog shows which dossier it is at; 取消 (or closing
 * the dialog) stops it between two dossiers, and then nothing is
 * written.  The main window's toast says where the zip went.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-year-archive-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-archive-document.h"
#include "tx-file-chooser.h"
#include "tx-file-toast.h"
#include "tx-progress.h"
#include "tx-township-model.h"
#include "tx-window.h"
#include "tx-year-archive-dialog.h"

struct _TxYearArchiveDialog
{
  AdwWindow        parent_instance;

  /* template children */
  AdwToastOverlay *toast_overlay;
  GtkWidget       *choice_group;
  AdwComboRow     *township_row;
  GtkSpinButton   *year_spin;
  GtkWidget       *progress_group;
  GtkLabel        *progress_label;
  GtkProgressBar  *progress_bar;
  GtkButton       *cancel_button;

  /* owned references */
  TxStore         *store;
  TxDay           *day;
  TxTownshipModel *townships;
  GCancellable    *cancellable;   /* while a zip is written */
  guint            tick_id;
};

G_DEFINE_FINAL_TYPE (TxYearArchiveDialog, tx_year_archive_dialog, ADW_TYPE_WINDOW)

/* What the thread is given, and tells back */
typedef struct {
  char     *db_path;
  char     *township;
  int       year;
  char     *path;
  TxDate    today;
  TxProgress progress;   /* dossiers written, of how many */
  guint     n_dossiers;
} Job;

static void
job_free (Job *job)
{
  g_free (job->db_path);
  g_free (job->township);
  g_free (job->path);
  g_free (job);
}

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Job *job = user_data;

  tx_progress_set (&job->progress, done, total);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_store_open (job->db_path, &error);

  if (store == NULL ||
      !tx_archive_write_year_full (store, job->township, job->year, TX_ARCHIVE_DEFAULT_RETENTION, job->today,
                                   job->path, on_progress, job, cancellable, &job->n_dossiers, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static char *
dossiers_text (int done,
               int total)
{
  /* Translators: dossiers written, of how many */
  return g_strdup_printf (_("%d of %d dossiers"), done, total);
}

/* The choice again, after the zip is written or not */
static void
show_choice (TxYearArchiveDialog *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_object (&self->cancellable);
  gtk_widget_set_visible (self->progress_group, FALSE);
  gtk_widget_set_sensitive (self->choice_group, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "archive.choose", TRUE);
  gtk_button_set_label (self->cancel_button, _("_Close"));
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  TxYearArchiveDialog *self = TX_YEAR_ARCHIVE_DIALOG (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  Job *job = g_task_get_task_data (G_TASK (result));
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (gtk_widget_in_destruction (GTK_WIDGET (self)))
        return;
      show_choice (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        text = g_strdup (_("Stopped: nothing was written."));
      else
        /* Translators: %s says why */
        text = g_strdup_printf (_("The zip was not written: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      return;
    }

  /* Translators: the number of dossiers, then the path of the zip */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The year’s records, %u dossier, written as “%s”",
                                       "The year’s records, %u dossiers, written as “%s”", job->n_dossiers),
                          job->n_dossiers, job->path);
  if (TX_IS_WINDOW (parent))
    tx_window_show_file_toast (TX_WINDOW (parent), text, file);
  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * tx_year_archive_dialog_write_to:
 * @file: the zip to write (".zip" is added when its name lacks it)
 *
 * Writes the year's 台账 of the township and year chosen to @file, in a
 * thread of its own, showing how far it is.
 */
void
tx_year_archive_dialog_write_to (TxYearArchiveDialog *self,
                                 GFile               *file)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) zip = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  Job *job;
  guint position;

  g_return_if_fail (TX_IS_YEAR_ARCHIVE_DIALOG (self));

  if (self->cancellable != NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("That is not a folder on this computer. Choose a folder on this computer.")));
      return;
    }
  if (!g_str_has_suffix (path, ".zip"))
    {
      char *with_suffix = g_strconcat (path, ".zip", NULL);

      g_free (path);
      path = with_suffix;
    }
  zip = g_file_new_for_path (path);

  position = adw_combo_row_get_selected (self->township_row);
  job = g_new0 (Job, 1);
  job->db_path = g_strdup (tx_store_get_path (self->store));
  job->township = g_strdup (tx_township_model_get_uuid (self->townships, position));
  job->year = gtk_spin_button_get_value_as_int (self->year_spin);
  job->path = g_strdup (path);
  job->today = tx_day_get_today (self->day);

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_written_cb, g_object_ref (zip));
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_set_source_tag (task, tx_year_archive_dialog_write_to);

  /* Translators: a township, a year, then the zip's file name */
  text = g_strdup_printf (_("Writing the records of %s for %d to “%s”…"),
                          tx_township_model_get_name (self->townships, position), job->year,
                          g_file_peek_path (zip));
  gtk_label_set_label (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_widget_set_visible (self->progress_group, TRUE);
  gtk_widget_set_sensitive (self->choice_group, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "archive.choose", FALSE);
  gtk_button_set_label (self->cancel_button, _("_Stop"));
  /* the job is the task's, which outlives the watch (show_choice()) */
  self->tick_id = tx_progress_watch (&job->progress, self->progress_bar, dossiers_text);

  g_task_run_in_thread (task, write_in_thread);
}

/**
 * tx_year_archive_dialog_suggest_name:
 *
 * Returns: (transfer full): the name the zip is offered under:
 *   "仙桥乡2026年台账.zip"
 */
char *
tx_year_archive_dialog_suggest_name (TxYearArchiveDialog *self)
{
  guint position;

  g_return_val_if_fail (TX_IS_YEAR_ARCHIVE_DIALOG (self), NULL);

  position = adw_combo_row_get_selected (self->township_row);
  return g_strdup_printf ("%s%d年台账.zip", tx_township_model_get_name (self->townships, position),
                          gtk_spin_button_get_value_as_int (self->year_spin));
}

static void
on_chooser_response_cb (GtkNativeDialog     *chooser,
                        int                  response,
                        TxYearArchiveDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file != NULL)
    tx_year_archive_dialog_write_to (self, file);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TxYearArchiveDialog *self = TX_YEAR_ARCHIVE_DIALOG (widget);
  g_autofree char *name = tx_year_archive_dialog_suggest_name (self);
  GtkFileChooserNative *chooser;

  chooser = tx_file_chooser_new_save (GTK_WINDOW (self), _("Export the Year’s Records"), NULL, name,
                                      _("Zip archives (.zip)"), "zip", "application/zip");
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* 取消 before, 停止 while writing: stops between two dossiers */
static void
on_cancel_clicked_cb (TxYearArchiveDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* Closed while writing: the writing stops, and nothing is written */
static gboolean
tx_year_archive_dialog_close_request (GtkWindow *window)
{
  TxYearArchiveDialog *self = TX_YEAR_ARCHIVE_DIALOG (window);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (tx_year_archive_dialog_parent_class)->close_request (window);
}

static void
tx_year_archive_dialog_dispose (GObject *object)
{
  TxYearArchiveDialog *self = TX_YEAR_ARCHIVE_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->day);
  g_clear_object (&self->townships);

  G_OBJECT_CLASS (tx_year_archive_dialog_parent_class)->dispose (object);
}

static void
tx_year_archive_dialog_class_init (TxYearArchiveDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tx_year_archive_dialog_dispose;
  window_class->close_request = tx_year_archive_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-year-archive-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TxYearArchiveDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TxYearArchiveDialog, choice_group);
  gtk_widget_class_bind_template_child (widget_class, TxYearArchiveDialog, township_row);
  gtk_widget_class_bind_template_child (widget_class, TxYearArchiveDialog, year_spin);
  gtk_widget_class_bind_template_child (widget_class, TxYearArchiveDialog, progress_group);
  gtk_widget_class_bind_template_child (widget_class, TxYearArchiveDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TxYearArchiveDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TxYearArchiveDialog, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_install_action (widget_class, "archive.choose", NULL, choose_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tx_year_archive_dialog_init (TxYearArchiveDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->townships = tx_township_model_new (NULL);
}

/**
 * tx_year_archive_dialog_new:
 * @day: today, whose year is offered
 *
 * Returns: (transfer none): the dialog, shown over @parent
 */
TxYearArchiveDialog *
tx_year_archive_dialog_new (GtkWindow *parent,
                            TxStore   *store,
                            TxDay     *day)
{
  TxYearArchiveDialog *self = g_object_new (TX_TYPE_YEAR_ARCHIVE_DIALOG, "transient-for", parent, NULL);
  g_autoptr(GError) error = NULL;

  self->store = g_object_ref (store);
  self->day = g_object_ref (day);
  if (!tx_township_model_fill (self->townships, store, &error))
    g_warning ("Could not read the townships: %s", error->message);
  adw_combo_row_set_model (self->township_row, G_LIST_MODEL (self->townships));
  gtk_spin_button_set_value (self->year_spin, tx_date_get_year (tx_day_get_today (day)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "archive.choose",
                                 g_list_model_get_n_items (G_LIST_MODEL (self->townships)) > 0);

  return self;
}

/**
 * tx_year_archive_dialog_select:
 * @township: a township's name or uuid
 *
 * Chooses @township and @year, as the clerk would.
 */
void
tx_year_archive_dialog_select (TxYearArchiveDialog *self,
                               const char          *township,
                               int                  year)
{
  g_return_if_fail (TX_IS_YEAR_ARCHIVE_DIALOG (self));

  adw_combo_row_set_selected (self->township_row, tx_township_model_find (self->townships, township));
  gtk_spin_button_set_value (self->year_spin, year);
}

/**
 * tx_year_archive_dialog_is_busy:
 *
 * Returns: whether a zip is being written
 */
gboolean
tx_year_archive_dialog_is_busy (TxYearArchiveDialog *self)
{
  g_return_val_if_fail (TX_IS_YEAR_ARCHIVE_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}
