/* tx-exchange-task.c — reading, importing and writing an exchange file
 * while the window shows how far it is
 *
 * A city's exchange file takes seconds to read and merge.  The work runs
 * in a thread of its own, on a connection of its own to the same
 * database (SQLite lets one connection write while another reads); the
 * window's connection learns of the changes once they are committed, as
 * it does of another program's (tx_store_check_other_writers()).  A
 * small modal window shows the progress meanwhile, so nothing else is
 * changed while the file is merged; or the caller shows it, in a modal
 * dialog of its own (a file received of many: a window each flickered
 * and held the window up a tenth of a second).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-exchange-task"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-conflict.h"
#include "tx-exchange-task.h"
#include "tx-progress.h"


typedef struct {
  TxExchangeTaskKind  kind;
  char               *db_path;
  char               *file_path;
  char               *display_name;
  TxDate              today;
  TxExchangeTaskOptions options;     /* as asked; its township owned */
  TxImportReport      report;
  GPtrArray          *conflicts;     /* TxConflict an import found */
  GPtrArray          *townships;     /* names of the townships it matched or kept apart */
  TxProgress          progress;      /* how far, in thousandths; an export's unknown */
  GtkWidget          *window;        /* the progress window */
  GtkProgressBar     *bar;
  guint               tick_id;
} TaskData;

static void
task_data_free (TaskData *data)
{
  g_clear_handle_id (&data->tick_id, g_source_remove);
  if (data->window != NULL)
    gtk_window_destroy (GTK_WINDOW (data->window));
  g_free (data->db_path);
  g_free (data->file_path);
  g_free (data->display_name);
  g_free ((char *) data->options.township);
  g_clear_pointer (&data->conflicts, g_ptr_array_unref);
  g_clear_pointer (&data->townships, g_ptr_array_unref);
  g_free (data);
}

/* The thread */

static void
on_progress (double   fraction,
             gpointer user_data)
{
  TaskData *data = user_data;

  tx_progress_set (data->options.progress != NULL ? data->options.progress : &data->progress,
                   (guint) (fraction * 1000), 1000);
}

static void
run_in_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_store_open (data->db_path, &error);
  gboolean ok;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->kind == TX_EXCHANGE_TASK_EXPORT)
    {
      TxExportOptions options = { data->options.township, data->options.since_last, data->options.issue };

      ok = tx_exchange_export_with (store, &options, data->file_path, &error);
    }
  else
    {
      TxImportOptions options = { 0, };

      options.dry_run = data->kind == TX_EXCHANGE_TASK_PREVIEW;
      options.display_name = data->display_name;
      options.today = data->today;
      options.progress = on_progress;
      options.progress_data = data;
      options.conflicts = data->conflicts;
      options.townships = data->townships;
      options.keep_townships_apart = data->options.keep_townships_apart;
      options.backed_up = data->options.backed_up;
      ok = tx_exchange_import_file (store, data->file_path, &options, &data->report, &error);
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* The window */

static void
show_progress (TaskData  *data,
               GtkWindow *parent)
{
  static const char * const doing[] = {
    [TX_EXCHANGE_TASK_PREVIEW] = N_("Reading “%s”…"),
    [TX_EXCHANGE_TASK_IMPORT] = N_("Importing “%s”…"),
    [TX_EXCHANGE_TASK_EXPORT] = N_("Writing “%s”…"),
  };
  g_autofree char *text = g_strdup_printf (_(doing[data->kind]), data->display_name);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *note = gtk_label_new (data->kind == TX_EXCHANGE_TASK_EXPORT
                                   ? _("The file is written whole or not at all.")
                                   : _("All of it is imported or none; the database is not changed meanwhile."));

  data->window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (data->window), text);
  gtk_window_set_modal (GTK_WINDOW (data->window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (data->window), parent);
  gtk_window_set_deletable (GTK_WINDOW (data->window), FALSE);
  gtk_window_set_resizable (GTK_WINDOW (data->window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (data->window), 420, -1);

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_widget_add_css_class (note, "dim-label");
  data->bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (data->bar, data->kind != TX_EXCHANGE_TASK_EXPORT);
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->bar), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (data->bar));
  gtk_box_append (GTK_BOX (box), note);
  adw_window_set_content (ADW_WINDOW (data->window), box);

  data->tick_id = tx_progress_watch (&data->progress, data->bar, NULL);
  gtk_window_present (GTK_WINDOW (data->window));
}

/**
 * tx_exchange_task_run:
 * @parent: the window the progress shows over
 * @store: the window's store: the work has a connection of its own to
 *   the same database, and @store is told of the changes after
 * @kind: what to do with @file
 * @file: the exchange file to read, or to write
 * @today: the day of the import
 * @callback: called in this thread when it is done
 *
 * Reads (a preview: a dry run), imports or writes @file in a thread of
 * its own, with a progress window over @parent meanwhile.  An export
 * writes every record.
 */
void
tx_exchange_task_run (GtkWindow           *parent,
                      TxStore             *store,
                      TxExchangeTaskKind   kind,
                      GFile               *file,
                      TxDate               today,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  tx_exchange_task_run_with (parent, store, kind, file, today, NULL, callback, user_data);
}

/**
 * tx_exchange_task_run_with:
 * @options: (nullable): which records an export writes (%NULL: every
 *   one), what an import does with a township of a name held here;
 *   where the progress goes (its TxProgress must outlive the task)
 *
 * As tx_exchange_task_run(), with @options.
 */
void
tx_exchange_task_run_with (GtkWindow              *parent,
                           TxStore                *store,
                           TxExchangeTaskKind      kind,
                           GFile                  *file,
                           TxDate                  today,
                           const TxExchangeTaskOptions *options,
                           GAsyncReadyCallback     callback,
                           gpointer                user_data)
{
  g_autoptr(GTask) task = g_task_new (parent, NULL, callback, user_data);
  TaskData *data = g_new0 (TaskData, 1);

  data->kind = kind;
  data->db_path = g_strdup (tx_store_get_path (store));
  data->file_path = g_file_get_path (file);
  data->display_name = g_file_get_basename (file);
  data->today = today;
  if (options != NULL)
    data->options = *options;
  data->options.township = g_strdup (data->options.township);
  data->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_conflict_free);
  data->townships = g_ptr_array_new_with_free_func (g_free);
  /* an import says how far it is from the start; an export cannot */
  tx_progress_set (data->options.progress != NULL ? data->options.progress : &data->progress,
                   0, kind == TX_EXCHANGE_TASK_EXPORT ? 0 : 1000);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_set_source_tag (task, tx_exchange_task_run_with);
  g_object_set_data_full (G_OBJECT (task), "tx-store", g_object_ref (store), g_object_unref);

  if (data->file_path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("“%s” is not a file on this computer. Choose a folder on this computer."),
                               data->display_name);
      return;
    }

  if (data->options.progress == NULL)
    show_progress (data, parent);
  g_task_run_in_thread (task, run_in_thread);
}

/**
 * tx_exchange_task_finish:
 * @report: (out) (optional): what the import did, or would do
 *
 * Closes the progress window and, after an import, tells the window's
 * store of the changes.
 *
 * Returns: whether it was done; %FALSE with @error set otherwise
 */
gboolean
tx_exchange_task_finish (GAsyncResult    *result,
                         TxImportReport  *report,
                         GError         **error)
{
  return tx_exchange_task_finish_full (result, report, NULL, NULL, error);
}

/**
 * tx_exchange_task_finish_full:
 * @conflicts: (out) (optional) (transfer full) (element-type TxConflict):
 *   the conflicts the import found, or would find
 * @townships: (out) (optional) (transfer full) (element-type utf8): the
 *   names of the townships it matched by name, or kept apart
 *
 * As tx_exchange_task_finish(), with what an import found.
 */
gboolean
tx_exchange_task_finish_full (GAsyncResult    *result,
                              TxImportReport  *report,
                              GPtrArray      **conflicts,
                              GPtrArray      **townships,
                              GError         **error)
{
  GTask *task = G_TASK (result);
  TaskData *data = g_task_get_task_data (task);
  TxStore *store = g_object_get_data (G_OBJECT (task), "tx-store");
  gboolean ok;

  g_return_val_if_fail (g_task_get_source_tag (task) == tx_exchange_task_run_with, FALSE);

  g_clear_handle_id (&data->tick_id, g_source_remove);
  if (data->window != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&data->window)));

  ok = g_task_propagate_boolean (task, error);
  if (ok && report != NULL)
    *report = data->report;
  if (conflicts != NULL)
    *conflicts = ok ? g_steal_pointer (&data->conflicts) : NULL;
  if (townships != NULL)
    *townships = ok ? g_steal_pointer (&data->townships) : NULL;

  /* what the other connection committed, in every page */
  if (ok && data->kind == TX_EXCHANGE_TASK_IMPORT)
    tx_store_check_other_writers (store);

  return ok;
}
