/* tx-table-print.c — printing a TxTableDocument: the printed roster, a
 * sign-in sheet
 *
 * One GtkPrintOperation, set up as every list Tongxin prints: A4 by
 * default, the full page in points (the document draws its own GB/T
 * 9704 margins), the settings of the last print, a tab of the print
 * dialog of its own, and "Print to File" offering the document's name.
 * The same operation writes a PDF without the dialog, for the tests
 * and for export.
 *
 * Laying out the pages measures every cell: about 1.6 s for 10,000
 * people.  A long document is made and laid out in a thread, with a
 * Pango font map of its own so that it never shares one with the
 * widgets; "paginate" waits for it a few milliseconds at a time, so the
 * window keeps drawing and GTK's progress dialog can cancel.  A short
 * one (a sign-in sheet, which reads the store) is made on the main
 * thread when printing begins.  The pages are then drawn one by one, on
 * the main thread, by the same function as the PDF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-table-print"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "tx-table-print.h"

/* What the thread that lays the pages out shares with the main thread:
 * released by the last of the two. */
typedef struct {
  /* set before the thread starts, read by it */
  TxTablePrintBuildFunc  build;
  gpointer               user_data;
  GDestroyNotify         destroy;
  double                 page_width;     /* points */
  double                 page_height;

  /* written by the thread */
  GMutex                 mutex;
  GCond                  cond;
  gboolean               paginated;
  TxTableDocument       *doc;
  GError                *error;
} Job;

struct _TxTablePrint
{
  GObject                parent_instance;

  /* owned references */
  GtkPrintOperation     *operation;
  Job                   *job;

  /* state */
  char                  *job_name;
  TxTablePrintTabFunc    create_tab;
  TxTablePrintApplyFunc  apply_tab;
  gboolean               in_thread;
  gboolean               started;
  gboolean               interactive;    /* with the dialog: "done" says how it ended */
  gboolean               done;
};

G_DEFINE_FINAL_TYPE (TxTablePrint, tx_table_print, G_TYPE_OBJECT)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
job_clear (Job *job)
{
  if (job->destroy != NULL)
    job->destroy (job->user_data);
  g_clear_pointer (&job->doc, tx_table_document_free);
  g_clear_error (&job->error);
  g_mutex_clear (&job->mutex);
  g_cond_clear (&job->cond);
}

static void
job_unref (Job *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) job_clear);
}

static void
paginate_in_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(PangoFontMap) font_map = pango_cairo_font_map_new ();
  g_autoptr(GError) error = NULL;
  TxTableDocument *doc;

  /* The document measures with the default font map of the thread that
   * creates it; make it one that no other thread uses. */
  pango_cairo_font_map_set_default (PANGO_CAIRO_FONT_MAP (font_map));
  doc = job->build (job->user_data, &error);
  if (doc != NULL)
    tx_table_document_paginate (doc, job->page_width, job->page_height);
  /* a row read as the pages were laid out, that could not be */
  if (doc != NULL && !tx_table_document_take_row_error (doc, &error))
    g_clear_pointer (&doc, tx_table_document_free);
  pango_cairo_font_map_set_default (NULL);

  g_mutex_lock (&job->mutex);
  job->doc = doc;
  job->error = g_steal_pointer (&error);
  job->paginated = TRUE;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->mutex);

  g_task_return_boolean (task, TRUE);
}

static void
on_paginated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
}

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   TxTablePrint      *self)
{
  Job *job = self->job;

  /* Once an operation: its pages are laid out for the paper chosen. */
  if (self->started)
    return;

  self->started = TRUE;
  job->page_width = gtk_print_context_get_width (context);
  job->page_height = gtk_print_context_get_height (context);

  if (self->in_thread)
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, on_paginated_cb, NULL);

      g_task_set_source_tag (task, on_begin_print_cb);
      g_task_set_task_data (task, g_atomic_rc_box_acquire (job), (GDestroyNotify) job_unref);
      g_task_run_in_thread (task, paginate_in_thread);
      return;
    }

  job->doc = job->build (job->user_data, &job->error);
  job->paginated = TRUE;
  if (job->doc == NULL)
    {
      gtk_print_operation_cancel (operation);
      return;
    }

  gtk_print_operation_set_n_pages (operation,
                                   tx_table_document_paginate (job->doc, job->page_width, job->page_height));
}

static gboolean
on_paginate_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                TxTablePrint      *self)
{
  Job *job = self->job;
  gboolean paginated;

  if (!self->in_thread)
    return TRUE;

  /* GTK calls again from an idle while this returns FALSE. */
  g_mutex_lock (&job->mutex);
  if (!job->paginated)
    g_cond_wait_until (&job->cond, &job->mutex,
                       g_get_monotonic_time () + 10 * G_TIME_SPAN_MILLISECOND);
  paginated = job->paginated;
  g_mutex_unlock (&job->mutex);

  if (paginated && job->doc == NULL)
    {
      gtk_print_operation_set_n_pages (operation, 1);
      gtk_print_operation_cancel (operation);
    }
  else if (paginated)
    gtk_print_operation_set_n_pages (operation, tx_table_document_get_n_pages (job->doc));

  return paginated;
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 TxTablePrint      *self)
{
  g_autoptr(GError) error = NULL;

  if (self->job->doc == NULL)
    return;

  tx_table_document_draw_page (self->job->doc, gtk_print_context_get_cairo_context (context), page_nr);
  /* a row read as the page was drawn, that could not be: the print
   * stops, and says why */
  if (!tx_table_document_take_row_error (self->job->doc, &error))
    {
      if (self->job->error == NULL)
        self->job->error = g_steal_pointer (&error);
      gtk_print_operation_cancel (operation);
    }
}

static GObject *
on_create_custom_widget_cb (GtkPrintOperation *operation,
                            TxTablePrint      *self)
{
  return G_OBJECT (self->create_tab (self->job->user_data));
}

/* Before "begin-print": what the tab says counts for this print. */
static void
on_custom_widget_apply_cb (GtkPrintOperation *operation,
                           GtkWidget         *widget,
                           TxTablePrint      *self)
{
  if (self->apply_tab != NULL)
    self->apply_tab (widget, self->job->user_data);
}

static void
on_done_cb (GtkPrintOperation       *operation,
            GtkPrintOperationResult  result,
            TxTablePrint            *self)
{
  g_autoptr(GError) error = NULL;

  if (self->done)
    return;
  self->done = TRUE;

  if (!self->interactive)
    return;

  if (self->job->error != NULL)
    error = g_error_copy (self->job->error);
  /* Only then: GTK 4.8 complains when asked for an error it has not. */
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    gtk_print_operation_get_error (operation, &error);

  g_signal_emit (self, signals[DONE], 0,
                 result == GTK_PRINT_OPERATION_RESULT_APPLY ? gtk_print_operation_get_print_settings (operation) : NULL,
                 error);

  /* Taken when the dialog was shown. */
  g_object_unref (self);
}

static void
tx_table_print_dispose (GObject *object)
{
  TxTablePrint *self = (TxTablePrint *)object;

  if (self->operation != NULL)
    g_signal_handlers_disconnect_by_data (self->operation, self);
  g_clear_object (&self->operation);

  G_OBJECT_CLASS (tx_table_print_parent_class)->dispose (object);
}

static void
tx_table_print_finalize (GObject *object)
{
  TxTablePrint *self = (TxTablePrint *)object;

  g_clear_pointer (&self->job, job_unref);
  g_free (self->job_name);

  G_OBJECT_CLASS (tx_table_print_parent_class)->finalize (object);
}

static void
tx_table_print_class_init (TxTablePrintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tx_table_print_dispose;
  object_class->finalize = tx_table_print_finalize;

  /**
   * TxTablePrint::done:
   * @settings: (nullable): the print settings used, when it printed
   * @error: (nullable): why it did not
   *
   * A print through the dialog ended: printed, cancelled or failed.
   */
  signals[DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, GTK_TYPE_PRINT_SETTINGS, G_TYPE_ERROR);
}

static void
tx_table_print_init (TxTablePrint *self)
{
}

/**
 * tx_table_print_new:
 * @job_name: the document's name, in Chinese (人员名册): the print
 *   job, and the file "Print to File" offers
 * @build: makes the document
 * @in_thread: whether @build runs in a thread of its own
 * @user_data: (transfer full): for @build and the tab's functions
 * @destroy: frees @user_data, maybe in that thread
 *
 * Returns: (transfer full): the print, not yet run
 */
TxTablePrint *
tx_table_print_new (const char            *job_name,
                    TxTablePrintBuildFunc  build,
                    gboolean               in_thread,
                    gpointer               user_data,
                    GDestroyNotify         destroy)
{
  TxTablePrint *self = g_object_new (TX_TYPE_TABLE_PRINT, NULL);
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  self->job = g_atomic_rc_box_new0 (Job);
  g_mutex_init (&self->job->mutex);
  g_cond_init (&self->job->cond);
  self->job->build = build;
  self->job->user_data = user_data;
  self->job->destroy = destroy;
  self->in_thread = in_thread;
  self->job_name = g_strdup (job_name);

  self->operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (self->operation, job_name);
  gtk_print_operation_set_use_full_page (self->operation, TRUE);
  gtk_print_operation_set_unit (self->operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (self->operation, TRUE);

  gtk_page_setup_set_paper_size (page_setup, paper);
  gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (self->operation, page_setup);
  tx_table_print_set_print_settings (self, NULL);

  g_signal_connect (self->operation, "begin-print", G_CALLBACK (on_begin_print_cb), self);
  g_signal_connect (self->operation, "paginate", G_CALLBACK (on_paginate_cb), self);
  g_signal_connect (self->operation, "draw-page", G_CALLBACK (on_draw_page_cb), self);
  g_signal_connect (self->operation, "done", G_CALLBACK (on_done_cb), self);

  return self;
}

/**
 * tx_table_print_set_custom_tab:
 * @label: the tab's label in the print dialog
 * @create: makes the tab, each time the dialog is shown
 * @apply: (nullable): reads the tab before printing begins
 */
void
tx_table_print_set_custom_tab (TxTablePrint          *self,
                               const char            *label,
                               TxTablePrintTabFunc    create,
                               TxTablePrintApplyFunc  apply)
{
  g_return_if_fail (TX_IS_TABLE_PRINT (self));

  self->create_tab = create;
  self->apply_tab = apply;
  gtk_print_operation_set_custom_tab_label (self->operation, label);
  g_signal_connect (self->operation, "create-custom-widget", G_CALLBACK (on_create_custom_widget_cb), self);
  g_signal_connect (self->operation, "custom-widget-apply", G_CALLBACK (on_custom_widget_apply_cb), self);
}

/**
 * tx_table_print_set_print_settings:
 * @settings: (nullable): those of the last print, or %NULL
 */
void
tx_table_print_set_print_settings (TxTablePrint     *self,
                                   GtkPrintSettings *settings)
{
  g_autoptr(GtkPrintSettings) copy = NULL;

  g_return_if_fail (TX_IS_TABLE_PRINT (self));

  copy = settings != NULL ? gtk_print_settings_copy (settings) : gtk_print_settings_new ();
  /* "Print to File" offers 人员名册.pdf */
  gtk_print_settings_set (copy, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, self->job_name);
  gtk_print_operation_set_print_settings (self->operation, copy);
}

GtkPrintOperation *
tx_table_print_get_operation (TxTablePrint *self)
{
  g_return_val_if_fail (TX_IS_TABLE_PRINT (self), NULL);

  return self->operation;
}

/**
 * tx_table_print_run:
 * @parent: (nullable): the window of the dialogs
 * @export_file: (nullable): a PDF to write without the dialog, or
 *   %NULL for the print dialog
 *
 * Prints, once.  To a PDF, it returns when the file is written, the
 * window drawing meanwhile.  Through the dialog, it returns at once and
 * TxTablePrint::done says how it ended.
 *
 * Returns: whether the file was written, or the dialog shown
 */
gboolean
tx_table_print_run (TxTablePrint  *self,
                    GtkWindow     *parent,
                    GFile         *export_file,
                    GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (TX_IS_TABLE_PRINT (self), FALSE);
  g_return_val_if_fail (!self->started && !self->interactive, FALSE);
  g_return_val_if_fail (export_file == NULL || G_IS_FILE (export_file), FALSE);

  if (export_file != NULL)
    {
      g_autofree char *path = g_file_get_path (export_file);

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (export_file);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("“%s” is not a file on this computer. Choose a folder on this computer."), uri);
          return FALSE;
        }

      gtk_print_operation_set_export_filename (self->operation, path);
      result = gtk_print_operation_run (self->operation, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                        parent, &local_error);
      if (result == GTK_PRINT_OPERATION_RESULT_APPLY && self->job->error == NULL)
        return TRUE;

      if (self->job->error != NULL)
        g_propagate_error (error, g_error_copy (self->job->error));
      else if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The printing was cancelled."));
      return FALSE;
    }

  /* Asynchronous: "done" says how it ended, unless it ends here. */
  self->interactive = TRUE;
  gtk_print_operation_set_allow_async (self->operation, TRUE);
  gtk_print_operation_set_show_progress (self->operation, TRUE);
  g_object_ref (self);
  result = gtk_print_operation_run (self->operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent, &local_error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && !self->done)
    {
      self->done = TRUE;
      g_object_unref (self);
      if (local_error == NULL)
        g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The printer could not be reached."));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Ended already, without a word from GTK. */
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS && !self->done)
    on_done_cb (self->operation, result, self);

  return TRUE;
}
