/* tx-import-dialog.c — importing a roster spreadsheet (CSV), with a preview
 *
 * The file is read and checked in a worker thread, and the window shows
 * what an import would do: the people added, updated and unchanged, the
 * townships created, or every line that must be corrected first.
 * Importing runs in a worker thread too, with a progress bar.
 *
 * A TxStore is one SQLite connection and belongs to one thread: each
 * worker opens its own on the same file (WAL lets both work), and once
 * it has committed, the window tells the application's store, whose
 * lists then read the roster again.  The worker threads never hold a
 * reference to the window: the callbacks that run in the main thread do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-import-dialog.h"
#include "tx-records.h"
#include "tx-roster-import.h"

/* How many people and problems the preview lists, at most: enough to
 * recognise the file, and not so many rows that the window is slow. */
#define N_PEOPLE_SHOWN   50
#define N_PROBLEMS_SHOWN 1000

struct _TxImportDialog
{
  AdwWindow            parent_instance;

  /* template children */
  AdwWindowTitle      *window_title;
  GtkButton           *cancel_button;
  GtkButton           *import_button;
  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  GtkLabel            *reading_label;
  AdwStatusPage       *failed_page;
  AdwActionRow        *file_row;
  AdwPreferencesGroup *problems_group;
  GtkListBox          *problems_list;
  AdwPreferencesGroup *counts_group;
  GtkLabel            *add_count_label;
  GtkLabel            *update_count_label;
  GtkLabel            *unchanged_count_label;
  AdwActionRow        *townships_row;
  AdwActionRow        *no_township_row;
  GtkLabel            *no_township_count_label;
  GtkLabel            *townships_count_label;
  AdwPreferencesGroup *add_group;
  GtkListBox          *add_list;
  AdwPreferencesGroup *update_group;
  GtkListBox          *update_list;
  GtkProgressBar      *progress_bar;

  /* owned references */
  TxStore             *store;
  GFile               *file;
  GCancellable        *cancellable;

  /* state */
  guint                n_to_import;   /* added and updated, as previewed */
  gboolean             importing;
  gboolean             disposed;
};

G_DEFINE_FINAL_TYPE (TxImportDialog, tx_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_FILE,
  N_PROPS
};

enum {
  IMPORTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What a worker thread needs: nothing of the window, nothing of the
 * application's store. */
typedef struct {
  char           *db_path;
  GFile          *file;
  TxImportDialog *dialog;   /* for the progress only, see on_apply_progress_cb() */
} ImportJob;

typedef struct {
  guint added;
  guint updated;
} ImportResult;

/* A step of the import, on its way to the main thread. */
typedef struct {
  TxImportDialog *dialog;
  guint           done;
  guint           total;
} ImportProgress;

/* What the main thread keeps while the import runs: the window may be
 * destroyed with its parent meanwhile, and the store still needs to
 * hear of the change. */
typedef struct {
  TxImportDialog *dialog;
  TxStore        *store;
  GApplication   *application;
} ApplyCall;

static ImportJob *
import_job_new (TxImportDialog *self)
{
  ImportJob *job = g_new0 (ImportJob, 1);

  job->db_path = g_strdup (tx_store_get_path (self->store));
  job->file = g_object_ref (self->file);
  job->dialog = self;

  return job;
}

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_free (job->db_path);
  g_object_unref (job->file);
  g_free (job);
}

static void
import_progress_free (gpointer data)
{
  ImportProgress *progress = data;

  g_object_unref (progress->dialog);
  g_free (progress);
}

static void
apply_call_free (ApplyCall *call)
{
  if (call->application != NULL)
    g_application_release (call->application);
  g_clear_object (&call->application);
  g_clear_object (&call->dialog);
  g_clear_object (&call->store);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ApplyCall, apply_call_free)

/* 12,000: with the grouping of the language the numbers are read in. */
static char *
format_count (guint n)
{
  return g_strdup_printf ("%'u", n);
}

static char *
dup_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename != NULL ? basename : "");
}

/* Runs in a worker thread, on the worker's store. */
static TxRosterImport *
read_import (TxStore  *store,
             GFile    *file,
             GError  **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *display_name = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (path != NULL)
    return tx_roster_import_read (store, path, error);

  /* Not a local file (a phone, a network share): read its bytes. */
  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL)
    return NULL;

  display_name = dup_display_name (file);
  return tx_roster_import_read_bytes (store, bytes, display_name, error);
}

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxRosterImport) import = NULL;
  g_autoptr(GError) error = NULL;

  store = tx_store_open (job->db_path, &error);
  if (store != NULL)
    import = read_import (store, job->file, &error);

  if (import == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&import),
                           (GDestroyNotify) tx_roster_import_free);
}

/* Runs in the main thread. */
static gboolean
show_progress_cb (gpointer data)
{
  ImportProgress *progress = data;
  TxImportDialog *self = progress->dialog;
  g_autofree char *done = NULL;
  g_autofree char *total = NULL;
  g_autofree char *text = NULL;

  if (self->disposed || !self->importing || progress->total == 0)
    return G_SOURCE_REMOVE;

  done = format_count (progress->done);
  total = format_count (progress->total);
  /* Translators: "Imported 12,000 of 100,000" */
  text = g_strdup_printf (_("Imported %s of %s"), done, total);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) progress->done / progress->total);

  return G_SOURCE_REMOVE;
}

/* Called by tx_roster_import_apply() in the worker thread.  The window
 * is alive: the ApplyCall of the main thread holds it until the task
 * is over, and the reference taken here is dropped in the main thread. */
typedef struct {
  ImportJob *job;
  guint      total;
} ApplyProgress;

static void
on_apply_progress_cb (guint    done,
                      guint    total,
                      gpointer user_data)
{
  ApplyProgress *apply = user_data;
  ImportProgress *progress = g_new0 (ImportProgress, 1);

  progress->dialog = g_object_ref (apply->job->dialog);
  progress->done = done;
  progress->total = MAX (total, apply->total);
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT,
                              show_progress_cb, progress, import_progress_free);
}

static void
apply_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxRosterImport) import = NULL;
  g_autoptr(GError) error = NULL;
  ApplyProgress progress = { job, 0 };
  ImportResult *result;

  store = tx_store_open (job->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Read again, here: the roster or the file may have changed since
   * the preview, and the import must match the store it is written to. */
  import = read_import (store, job->file, &error);
  if (import == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  progress.total = tx_roster_import_get_to_add (import)->len +
                   tx_roster_import_get_to_update (import)->len;
  if (!tx_roster_import_apply (store, import, on_apply_progress_cb, &progress, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = g_new0 (ImportResult, 1);
  result->added = tx_roster_import_get_to_add (import)->len;
  result->updated = tx_roster_import_get_to_update (import)->len;
  g_task_return_pointer (task, result, g_free);
}

static void
show_problem (TxImportDialog *self,
              const char     *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
set_importing (TxImportDialog *self,
               gboolean        importing)
{
  self->importing = importing;

  /* An import is one transaction and is not interrupted: the window
   * stays until it is over, and answers while it runs. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import",
                                 !importing && self->n_to_import > 0);
  gtk_window_set_deletable (GTK_WINDOW (self), !importing);
}

static void
on_apply_done_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ApplyCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree ImportResult *imported = NULL;
  TxImportDialog *self = call->dialog;

  imported = g_task_propagate_pointer (G_TASK (result), &error);

  if (imported != NULL)
    {
      /* Written by another connection: the lists of this one read again. */
      tx_store_emit_changed (call->store, "township");
      tx_store_emit_changed (call->store, "person");
    }

  if (self->disposed)
    {
      if (error != NULL)
        g_warning ("Could not import the roster: %s", error->message);
      return;
    }

  set_importing (self, FALSE);

  if (imported == NULL)
    {
      /* Translators: %s says why */
      g_autofree char *message = g_strdup_printf (_("Nothing was imported: %s"), error->message);

      g_debug ("Could not import the roster: %s", error->message);
      gtk_stack_set_visible_child_name (self->stack, "preview");
      show_problem (self, message);
      return;
    }

  g_signal_emit (self, signals[IMPORTED], 0, imported->added, imported->updated);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
tx_import_dialog_import_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  TxImportDialog *self = TX_IMPORT_DIALOG (widget);
  g_autoptr(GTask) task = NULL;
  g_autofree char *total = NULL;
  g_autofree char *text = NULL;
  ApplyCall *call;

  if (self->importing || self->n_to_import == 0)
    return;

  set_importing (self, TRUE);

  total = format_count (self->n_to_import);
  text = g_strdup_printf (_("Imported %s of %s"), "0", total);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_stack_set_visible_child_name (self->stack, "importing");

  call = g_new0 (ApplyCall, 1);
  call->dialog = g_object_ref (self);
  call->store = g_object_ref (self->store);
  /* The application stays until the import is over, even if its
   * windows are closed meanwhile. */
  call->application = g_application_get_default ();
  if (call->application != NULL)
    {
      g_object_ref (call->application);
      g_application_hold (call->application);
    }

  task = g_task_new (NULL, NULL, on_apply_done_cb, call);
  g_task_set_source_tag (task, tx_import_dialog_import_action);
  g_task_set_name (task, "[tongxin] roster import");
  g_task_set_task_data (task, import_job_new (self), import_job_free);
  g_task_run_in_thread (task, apply_in_thread);
}

static AdwActionRow *
create_text_row (const char *title,
                 const char *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  /* Text from the file is text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && subtitle[0] != '\0')
    adw_action_row_set_subtitle (row, subtitle);

  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static guint
count_problem_lines (GPtrArray *problems)
{
  g_autoptr(GHashTable) lines = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      const TxImportProblem *problem = g_ptr_array_index (problems, i);

      g_hash_table_add (lines, GUINT_TO_POINTER (problem->line));
    }

  return g_hash_table_size (lines);
}

static void
show_problems (TxImportDialog *self,
               GPtrArray      *problems)
{
  guint n_lines = count_problem_lines (problems);
  g_autofree char *title = NULL;

  title = g_strdup_printf (ngettext ("%u Line Must Be Corrected",
                                     "%u Lines Must Be Corrected", n_lines),
                           n_lines);
  adw_preferences_group_set_title (self->problems_group, title);

  for (guint i = 0; i < problems->len && i < N_PROBLEMS_SHOWN; i++)
    {
      g_autofree char *text = tx_import_problem_to_string (g_ptr_array_index (problems, i));
      AdwActionRow *row = create_text_row (text, NULL);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (row, icon);
      adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
      gtk_list_box_append (self->problems_list, GTK_WIDGET (row));
    }

  if (problems->len > N_PROBLEMS_SHOWN)
    {
      guint n_more = problems->len - N_PROBLEMS_SHOWN;
      g_autofree char *more = format_count (n_more);
      g_autofree char *text = g_strdup_printf (ngettext ("And %s more problem, listed once these are corrected.",
                                                         "And %s more problems, listed once these are corrected.",
                                                         n_more),
                                               more);

      gtk_list_box_append (self->problems_list, GTK_WIDGET (create_text_row (text, NULL)));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), TRUE);
}

/* "凤山镇 · 政协委员、专业人士" */
static char *
describe_person (TxPerson   *person,
                 GHashTable *township_names)
{
  g_autofree char *categories = tx_person_dup_categories_label (person);
  const char *township = tx_person_get_township_name (person);
  GString *text = g_string_new (NULL);

  /* A township the import creates is known by its name only. */
  if (township == NULL || township[0] == '\0')
    township = g_hash_table_lookup (township_names,
                                    tx_person_get_township_uuid (person) ? tx_person_get_township_uuid (person) : "");

  if (township != NULL && township[0] != '\0')
    g_string_append (text, township);
  if (categories != NULL && categories[0] != '\0')
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, categories);
    }

  return g_string_free (text, FALSE);
}

static void
show_people (TxImportDialog      *self,
             AdwPreferencesGroup *group,
             GtkListBox          *list,
             GPtrArray           *people,
             GHashTable          *township_names)
{
  for (guint i = 0; i < people->len && i < N_PEOPLE_SHOWN; i++)
    {
      TxPerson *person = g_ptr_array_index (people, i);
      g_autofree char *description = describe_person (person, township_names);

      gtk_list_box_append (list, GTK_WIDGET (create_text_row (tx_person_get_name (person), description)));
    }

  if (people->len > N_PEOPLE_SHOWN)
    {
      guint n_more = people->len - N_PEOPLE_SHOWN;
      g_autofree char *more = format_count (n_more);
      g_autofree char *text = g_strdup_printf (ngettext ("And %s more person", "And %s more people", n_more),
                                               more);
      AdwActionRow *row = create_text_row (text, NULL);

      gtk_widget_add_css_class (GTK_WIDGET (row), "dim-label");
      gtk_list_box_append (list, GTK_WIDGET (row));
    }

  gtk_widget_set_visible (GTK_WIDGET (group), people->len > 0);
}

static GHashTable *
create_township_names (TxImportDialog *self)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) townships = NULL;
  g_autoptr(GError) error = NULL;

  townships = tx_store_list_townships (self->store, &error);
  if (townships == NULL)
    {
      g_warning ("Could not read the townships: %s", error->message);
      return names;
    }

  for (guint i = 0; i < townships->len; i++)
    {
      TxTownship *township = g_ptr_array_index (townships, i);

      g_hash_table_insert (names,
                           g_strdup (tx_township_get_uuid (township)),
                           g_strdup (tx_township_get_name (township)));
    }

  return names;
}

static void
show_counts (TxImportDialog *self,
             TxRosterImport *import)
{
  GPtrArray *to_add = tx_roster_import_get_to_add (import);
  GPtrArray *to_update = tx_roster_import_get_to_update (import);
  GPtrArray *townships = tx_roster_import_get_new_townships (import);
  g_autoptr(GHashTable) township_names = create_township_names (self);
  g_autofree char *n_add = format_count (to_add->len);
  g_autofree char *n_update = format_count (to_update->len);
  g_autofree char *n_unchanged = format_count (tx_roster_import_get_n_unchanged (import));
  g_autofree char *n_townships = format_count (townships->len);

  gtk_label_set_label (self->add_count_label, n_add);
  gtk_label_set_label (self->update_count_label, n_update);
  gtk_label_set_label (self->unchanged_count_label, n_unchanged);

  if (townships->len > 0)
    {
      GString *names = g_string_new (NULL);

      for (guint i = 0; i < townships->len; i++)
        {
          if (i > 0)
            /* Translators: between the names of a list, "凤山镇, 岔河镇" */
            g_string_append (names, C_("list separator", ", "));
          g_string_append (names, g_ptr_array_index (townships, i));
        }
      adw_action_row_set_subtitle (self->townships_row, names->str);
      g_string_free (names, TRUE);
    }
  gtk_label_set_label (self->townships_count_label, n_townships);
  gtk_widget_set_visible (GTK_WIDGET (self->townships_row), townships->len > 0);

  /* lines naming no township: where they go, and where that is set */
  {
    guint n = tx_roster_import_get_n_without_township (import);
    const char *fallback = tx_roster_import_get_default_township (import);
    g_autofree char *count = format_count (n);
    g_autofree char *where = NULL;

    if (fallback != NULL)
      /* Translators: %s is a township's name */
      where = g_strdup_printf (_("They go to %s, the default township (set in Preferences)."), fallback);
    else
      where = g_strdup (_("No default township is set, so they stay without one. Choose one in Preferences first to put them in it."));
    gtk_label_set_label (self->no_township_count_label, count);
    adw_action_row_set_subtitle (self->no_township_row, where);
    gtk_widget_set_visible (GTK_WIDGET (self->no_township_row), n > 0);
  }

  self->n_to_import = to_add->len + to_update->len;
  if (self->n_to_import == 0)
    adw_preferences_group_set_description (self->counts_group,
                                           _("Everyone in the file is on the roster already, "
                                             "as the file has them: there is nothing to import."));
  gtk_widget_set_visible (GTK_WIDGET (self->counts_group), TRUE);

  show_people (self, self->add_group, self->add_list, to_add, township_names);
  show_people (self, self->update_group, self->update_list, to_update, township_names);
}

static void
show_preview (TxImportDialog *self,
              TxRosterImport *import)
{
  GPtrArray *problems = tx_roster_import_get_problems (import);
  guint n_rows = tx_roster_import_get_n_rows (import);
  g_autofree char *display_name = dup_display_name (self->file);
  g_autofree char *rows = format_count (n_rows);
  g_autofree char *subtitle = NULL;

  clear_list (self->problems_list);
  clear_list (self->add_list);
  clear_list (self->update_list);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), display_name);
  /* Translators: "6 rows · GB18030", the rows of people in the file and its encoding */
  subtitle = g_strdup_printf (ngettext ("%s row · %s", "%s rows · %s", n_rows),
                              rows, tx_roster_import_get_encoding (import));
  adw_action_row_set_subtitle (self->file_row, subtitle);

  self->n_to_import = 0;
  if (problems->len > 0)
    {
      /* The counts of a file with faults would say what will not happen. */
      show_problems (self, problems);
      gtk_widget_set_visible (GTK_WIDGET (self->counts_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->add_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->update_group), FALSE);
      gtk_button_set_label (self->import_button, _("_Import"));
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->problems_group), FALSE);
      show_counts (self, import);

      if (self->n_to_import > 0)
        {
          g_autofree char *count = format_count (self->n_to_import);
          g_autofree char *label = g_strdup_printf (ngettext ("_Import %s Person", "_Import %s People",
                                                              self->n_to_import),
                                                    count);

          gtk_button_set_label (self->import_button, label);
        }
      else
        gtk_button_set_label (self->import_button, _("_Import"));
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", self->n_to_import > 0);
  gtk_stack_set_visible_child_name (self->stack, "preview");
}

static void
show_failure (TxImportDialog *self,
              const GError   *error)
{
  g_autofree char *markup = g_markup_escape_text (error->message, -1);

  adw_status_page_set_description (self->failed_page, markup);
  gtk_stack_set_visible_child_name (self->stack, "failed");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", FALSE);
}

static void
on_read_done_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TxImportDialog) self = user_data;
  g_autoptr(TxRosterImport) import = NULL;
  g_autoptr(GError) error = NULL;

  import = g_task_propagate_pointer (G_TASK (result), &error);

  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (import == NULL)
    {
      g_debug ("Could not read the roster file: %s", error->message);
      show_failure (self, error);
      return;
    }

  show_preview (self, import);
}

static void
start_reading (TxImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *display_name = dup_display_name (self->file);
  g_autofree char *text = NULL;

  text = g_strdup_printf (_("Reading “%s”…"), display_name);
  gtk_label_set_label (self->reading_label, text);
  adw_window_title_set_subtitle (self->window_title, display_name);
  gtk_stack_set_visible_child_name (self->stack, "reading");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", FALSE);

  task = g_task_new (NULL, self->cancellable, on_read_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_reading);
  g_task_set_name (task, "[tongxin] roster import preview");
  g_task_set_task_data (task, import_job_new (self), import_job_free);
  g_task_run_in_thread (task, read_in_thread);
}

static gboolean
tx_import_dialog_close_request (GtkWindow *window)
{
  TxImportDialog *self = TX_IMPORT_DIALOG (window);

  if (self->importing)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;
    }

  return GTK_WINDOW_CLASS (tx_import_dialog_parent_class)->close_request (window);
}

static void
tx_import_dialog_constructed (GObject *object)
{
  TxImportDialog *self = (TxImportDialog *)object;

  G_OBJECT_CLASS (tx_import_dialog_parent_class)->constructed (object);

  g_return_if_fail (TX_IS_STORE (self->store));
  g_return_if_fail (G_IS_FILE (self->file));

  start_reading (self);
}

static void
tx_import_dialog_dispose (GObject *object)
{
  TxImportDialog *self = (TxImportDialog *)object;

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tx_import_dialog_parent_class)->dispose (object);
}

static void
tx_import_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TxImportDialog *self = TX_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_import_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TxImportDialog *self = TX_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_import_dialog_class_init (TxImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = tx_import_dialog_constructed;
  object_class->dispose = tx_import_dialog_dispose;
  object_class->get_property = tx_import_dialog_get_property;
  object_class->set_property = tx_import_dialog_set_property;

  window_class->close_request = tx_import_dialog_close_request;

  /**
   * TxImportDialog:store:
   *
   * The application's store: the import is written to its file.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * TxImportDialog:file:
   *
   * The roster spreadsheet, CSV in UTF-8 or GB18030.
   */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TxImportDialog::imported:
   * @added: how many people were added
   * @updated: how many were updated
   *
   * The import is written and the store has emitted TxStore::changed;
   * the window closes.
   */
  signals[IMPORTED] =
    g_signal_new ("imported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "import.import", NULL,
                                   tx_import_dialog_import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, reading_label);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, failed_page);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, problems_list);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, counts_group);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, add_count_label);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, update_count_label);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, unchanged_count_label);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, townships_row);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, no_township_row);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, no_township_count_label);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, townships_count_label);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, add_group);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, add_list);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, update_group);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, update_list);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, progress_bar);
}

static void
tx_import_dialog_init (TxImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

/**
 * tx_import_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @store: the application's store
 * @file: the CSV file to import
 *
 * Starts reading @file at once, in a worker thread.
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
TxImportDialog *
tx_import_dialog_new (GtkWindow *parent,
                      TxStore   *store,
                      GFile     *file)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TX_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (TX_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "store", store,
                       "file", file,
                       NULL);
}

TxStore *
tx_import_dialog_get_store (TxImportDialog *self)
{
  g_return_val_if_fail (TX_IS_IMPORT_DIALOG (self), NULL);

  return self->store;
}

GFile *
tx_import_dialog_get_file (TxImportDialog *self)
{
  g_return_val_if_fail (TX_IS_IMPORT_DIALOG (self), NULL);

  return self->file;
}
