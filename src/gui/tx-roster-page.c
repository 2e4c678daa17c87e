/* tx-roster-page.c — the roster (人员名册): search, filters, editing,
 * import, export and print
 *
 * The column view shows a TxPersonList, which pages rows from SQLite and
 * does the searching, filtering and ordering in SQL; this page only hands
 * it the filter the bar above the list describes.  Export and print take
 * the same filter, so what is exported or printed is what the page shows.
 *
 * Nothing long runs on the main thread: an export reads the roster in a
 * thread through a connection of its own, and a print lays its pages out
 * in a thread while the print operation waits in its "paginate" signal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-roster-page"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "tx-day.h"
#include "tx-import-dialog.h"
#include "tx-person-editor.h"
#include "tx-person-list.h"
#include "tx-records.h"
#include "tx-roster-document.h"
#include "tx-roster-export.h"
#include "tx-roster-page-private.h"
#include "tx-roster-page.h"
#include "tx-settings.h"
#include "tx-vocabulary.h"

/* Documents are in Chinese whatever the language of the interface
 * (DESIGN §3): the printed roster's job name, the exported file. */
#define DOCUMENT_NAME "人员名册"

struct _TxRosterPage
{
  AdwBin              parent_instance;

  /* template children */
  GtkSearchEntry     *search_entry;
  GtkDropDown        *township_drop_down;
  GtkDropDown        *category_drop_down;
  GtkDropDown        *order_drop_down;
  GtkLabel           *count_label;
  GtkStack           *content_stack;
  AdwStatusPage      *no_results_page;
  GtkSingleSelection *selection;

  /* owned references */
  TxStore            *store;
  TxDay              *day;
  TxPersonList       *people;
  GtkStringList      *townships;       /* "All townships", then the names */
  GtkNativeDialog    *file_chooser;    /* the one open, if any */
  GtkPrintSettings   *print_settings;  /* those of the last print */

  /* state */
  gboolean            full_phones;
  guint               filling_townships;
};

G_DEFINE_FINAL_TYPE (TxRosterPage, tx_roster_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DAY,
  PROP_PRINT_FULL_PHONES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Toasts */

static GtkWindow *
get_parent_window (TxRosterPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Takes @toast.  The window's toast overlay is an ancestor of the page. */
static void
add_toast (TxRosterPage *self,
           AdwToast     *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay == NULL)
    {
      g_message ("%s", adw_toast_get_title (toast));
      g_object_unref (toast);
      return;
    }

  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
show_toast (TxRosterPage *self,
            const char   *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  add_toast (self, adw_toast_new (markup));
}

/* A problem stays until it is dismissed, as in TxWindow. */
static void
show_problem (TxRosterPage *self,
              const char   *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, 0);
  add_toast (self, toast);
}

/* The filter */

/* As the store reads the search: stripped of spaces at both ends. */
static gboolean
is_searching (TxRosterPage *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  return g_strstrip (text)[0] != '\0';
}

static gboolean
is_filtering (TxRosterPage *self)
{
  guint township = gtk_drop_down_get_selected (self->township_drop_down);
  guint category = gtk_drop_down_get_selected (self->category_drop_down);

  return (township != GTK_INVALID_LIST_POSITION && township > 0) ||
         (category != GTK_INVALID_LIST_POSITION && category > 0);
}

/* The whole filter, as the bar above the list shows it. */
static void
read_filter (TxRosterPage   *self,
             TxPersonFilter *filter)
{
  guint township = gtk_drop_down_get_selected (self->township_drop_down);
  guint category = gtk_drop_down_get_selected (self->category_drop_down);

  memset (filter, 0, sizeof *filter);
  filter->search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  if (township != GTK_INVALID_LIST_POSITION && township > 0)
    filter->township = g_strdup (gtk_string_list_get_string (self->townships, township));

  /* The first item is "All categories", then TxCategory in order. */
  if (category != GTK_INVALID_LIST_POSITION && category > 0)
    {
      filter->has_category = TRUE;
      filter->category = (TxCategory) (category - 1);
    }

  filter->order = gtk_drop_down_get_selected (self->order_drop_down) == TX_ORDER_STROKES
                  ? TX_ORDER_STROKES : TX_ORDER_PINYIN;
}

static void
update_actions (TxRosterPage *self)
{
  gboolean has_store = self->store != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.new", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.edit",
                                 has_store && gtk_single_selection_get_selected_item (self->selection) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.import", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.export", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.print", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.print-full-phones", has_store);
}

static void
update_state (TxRosterPage *self)
{
  g_autofree char *count = NULL;
  guint n_people = 0;

  if (self->people != NULL)
    n_people = g_list_model_get_n_items (G_LIST_MODEL (self->people));

  count = g_strdup_printf (ngettext ("%u person", "%u people", n_people), n_people);
  gtk_label_set_label (self->count_label, count);

  if (n_people > 0)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "list");
    }
  else if (is_searching (self) || is_filtering (self))
    {
      adw_status_page_set_description (self->no_results_page,
                                       is_searching (self)
                                       ? _("No one’s name, organization, village or title contains this text. Try another search.")
                                       : _("No one on the roster matches these filters. Choose another township or category."));
      gtk_stack_set_visible_child_name (self->content_stack, "no-results");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
    }

  update_actions (self);
}

static void
apply_filter (TxRosterPage *self)
{
  TxPersonFilter filter;

  if (self->people == NULL)
    return;

  read_filter (self, &filter);
  tx_person_list_set_filter (self->people, &filter);
  tx_person_filter_clear (&filter);
}

/* The township drop-down: "All townships" and the store's townships.
 * The chosen township stays chosen when the list is read again; when it
 * is gone, the list shows all townships. */
static void
fill_townships (TxRosterPage *self)
{
  g_autoptr(GPtrArray) townships = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *chosen = NULL;
  guint selected;
  guint position = 0;

  selected = gtk_drop_down_get_selected (self->township_drop_down);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    chosen = g_strdup (gtk_string_list_get_string (self->townships, selected));

  if (self->store != NULL)
    {
      townships = tx_store_list_townships (self->store, &error);
      if (townships == NULL)
        g_warning ("Could not read the townships: %s", error->message);
    }

  for (guint i = 0; townships != NULL && i < townships->len; i++)
    {
      const char *name = tx_township_get_name (g_ptr_array_index (townships, i));

      if (g_strcmp0 (name, chosen) == 0)
        position = i + 1;
      g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_add (names, NULL);

  self->filling_townships++;
  gtk_string_list_splice (self->townships, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->townships)) - 1,
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->township_drop_down, position);
  self->filling_townships--;

  /* The chosen township is gone: show everyone again. */
  if (chosen != NULL && position == 0)
    {
      apply_filter (self);
      update_state (self);
    }
}

static void
read_full_phones (TxRosterPage *self)
{
  g_autofree char *value = NULL;
  gboolean full_phones;

  if (self->store != NULL)
    value = tx_store_get_setting (self->store, "print-full-phones");
  full_phones = g_strcmp0 (value, "true") == 0;

  if (full_phones != self->full_phones)
    {
      self->full_phones = full_phones;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRINT_FULL_PHONES]);
    }
}

/* Callbacks of the list and the bar */

static void
on_people_notify_n_items_cb (TxPersonList *people,
                             GParamSpec   *pspec,
                             TxRosterPage *self)
{
  update_state (self);
}

static void
on_store_changed_cb (TxStore      *store,
                     const char   *kind,
                     const char   *uuid,
                     TxRosterPage *self)
{
  if (g_strcmp0 (kind, "township") == 0 || g_strcmp0 (kind, "all") == 0)
    fill_townships (self);
  if (g_strcmp0 (kind, "setting") == 0 || g_strcmp0 (kind, "all") == 0)
    read_full_phones (self);
}

static void
on_search_entry_search_changed_cb (GtkSearchEntry *entry,
                                   TxRosterPage   *self)
{
  apply_filter (self);
  update_state (self);
}

static void
on_search_entry_stop_search_cb (GtkSearchEntry *entry,
                                TxRosterPage   *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_filter_drop_down_notify_selected_cb (GtkDropDown  *drop_down,
                                        GParamSpec   *pspec,
                                        TxRosterPage *self)
{
  if (self->filling_townships > 0)
    return;

  apply_filter (self);
  update_state (self);
}

static void
on_selection_notify_selected_cb (GtkSingleSelection *selection,
                                 GParamSpec         *pspec,
                                 TxRosterPage       *self)
{
  update_actions (self);
}

/* Double click or Enter on a row */
static void
on_column_view_activate_cb (GtkColumnView *column_view,
                            guint          position,
                            TxRosterPage  *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "roster.edit", NULL);
}

/* The editor */

static void
on_undo_toast_button_clicked_cb (AdwToast     *toast,
                                 TxRosterPage *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (toast), "tx-uuid");
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  if (!tx_roster_restore_person (self->store, uuid, &error))
    {
      g_autofree char *text = NULL;

      g_warning ("Could not restore %s: %s", uuid, error->message);
      /* Translators: %s says why */
      text = g_strdup_printf (_("Could not put the person back on the roster: %s"), error->message);
      show_problem (self, text);
    }
}

/* The person is already off the roster: say so, and offer to undo. */
static void
on_person_editor_deleted_cb (TxPersonEditor *editor,
                             const char     *uuid,
                             const char     *name,
                             TxRosterPage   *self)
{
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  AdwToast *toast;

  /* Translators: %s is a person's name */
  text = g_strdup_printf (_("“%s” was removed from the roster"), name);
  markup = g_markup_escape_text (text, -1);

  toast = adw_toast_new (markup);
  adw_toast_set_button_label (toast, _("_Undo"));
  /* Normal priority: libadwaita 1.2 aborts when the Undo of a toast that
   * pushed another aside is clicked within its animation. */
  g_object_set_data_full (G_OBJECT (toast), "tx-uuid", g_strdup (uuid), g_free);
  g_signal_connect_object (toast, "button-clicked",
                           G_CALLBACK (on_undo_toast_button_clicked_cb), self, 0);
  add_toast (self, toast);
}

/* A new person may be hidden by the filters: the toast says they are in. */
static void
on_new_person_editor_saved_cb (TxPersonEditor *editor,
                               const char     *uuid,
                               TxRosterPage   *self)
{
  g_autoptr(TxPerson) person = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->store == NULL)
    return;

  person = tx_roster_find_person (self->store, uuid, &error);
  if (person == NULL)
    {
      g_warning ("Could not read the new person %s: %s", uuid, error->message);
      return;
    }

  /* Translators: %s is a person's name */
  text = g_strdup_printf (_("“%s” was added to the roster"), tx_person_get_name (person));
  show_toast (self, text);
}

/* The editor already open on the person @uuid, if any. */
static TxPersonEditor *
find_editor (const char *uuid)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      TxPerson *person;

      if (!TX_IS_PERSON_EDITOR (window))
        continue;

      person = tx_person_editor_get_person (TX_PERSON_EDITOR (window));
      if (person != NULL && g_strcmp0 (tx_person_get_uuid (person), uuid) == 0)
        return TX_PERSON_EDITOR (window);
    }

  return NULL;
}

static void
open_editor (TxRosterPage *self,
             TxPerson     *person)
{
  TxPersonEditor *editor = NULL;

  /* One editor a person. */
  if (person != NULL)
    editor = find_editor (tx_person_get_uuid (person));
  if (editor != NULL)
    {
      gtk_window_present (GTK_WINDOW (editor));
      return;
    }

  editor = tx_person_editor_new (get_parent_window (self), self->store, person);
  if (person == NULL)
    g_signal_connect_object (editor, "saved",
                             G_CALLBACK (on_new_person_editor_saved_cb), self, 0);
  g_signal_connect_object (editor, "deleted",
                           G_CALLBACK (on_person_editor_deleted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

/* File choosers: one at a time, closed with the page. */

static void
set_file_chooser (TxRosterPage         *self,
                  GtkFileChooserNative *chooser)
{
  if (self->file_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->file_chooser, self);
      if (gtk_native_dialog_get_visible (self->file_chooser))
        gtk_native_dialog_destroy (self->file_chooser);
      g_clear_object (&self->file_chooser);
    }

  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
}

static GtkFileFilter *
create_file_filter (const char *name,
                    const char *suffix,
                    const char *mime_type)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_filter_add_mime_type (filter, mime_type);
  g_object_set_data_full (G_OBJECT (filter), "tx-suffix", g_strconcat (".", suffix, NULL), g_free);

  return filter;
}

/* Import */

static void
on_import_dialog_imported_cb (TxImportDialog *dialog,
                              guint           added,
                              guint           updated,
                              TxRosterPage   *self)
{
  g_autofree char *added_text = NULL;
  g_autofree char *updated_text = NULL;
  g_autofree char *text = NULL;

  added_text = g_strdup_printf (ngettext ("%u person added", "%u people added", added), added);
  updated_text = g_strdup_printf (ngettext ("%u person updated", "%u people updated", updated), updated);
  /* Translators: "Roster imported: 12 people added, 3 people updated" */
  text = g_strdup_printf (_("Roster imported: %s, %s"), added_text, updated_text);
  show_toast (self, text);
}

static void
on_import_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               TxRosterPage    *self)
{
  g_autoptr(GFile) file = NULL;
  TxImportDialog *dialog;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL && self->store != NULL)
    {
      dialog = tx_import_dialog_new (get_parent_window (self), self->store, file);
      g_signal_connect_object (dialog, "imported",
                               G_CALLBACK (on_import_dialog_imported_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
    }

  if (self->file_chooser == chooser)
    set_file_chooser (self, NULL);
}

/* Export */

typedef struct {
  char           *db_path;
  TxPersonFilter  filter;
  char           *path;
  guint           n_people;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_free (data->db_path);
  tx_person_filter_clear (&data->filter);
  g_free (data->path);
  g_free (data);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* A connection of its own: the page's belongs to the main thread.
   * With WAL, reading here does not stop the clerk's edits. */
  store = tx_store_open (data->db_path, &error);
  if (store == NULL ||
      !tx_roster_export (store, &data->filter, data->path, &data->n_people, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
on_export_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TxRosterPage *self = TX_ROSTER_PAGE (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  guint n_people;

  name = g_file_get_basename (file);

  if (!tx_roster_page_export_to_file_finish (self, result, &n_people, &error))
    {
      g_warning ("Could not export the roster to %s: %s", name, error->message);
      /* Translators: %s says why */
      text = g_strdup_printf (_("Could not export the roster: %s"), error->message);
      show_problem (self, text);
      return;
    }

  /* Translators: "Exported 168 people to 人员名册.xlsx" */
  text = g_strdup_printf (ngettext ("Exported %u person to “%s”", "Exported %u people to “%s”", n_people),
                          n_people, name);
  show_toast (self, text);
}

static void
on_export_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               TxRosterPage    *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL && self->store != NULL)
    {
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *lower = g_utf8_strdown (basename, -1);

      /* The name decides the format: give it the one of the chosen filter. */
      if (!g_str_has_suffix (lower, ".csv") && !g_str_has_suffix (lower, ".xlsx"))
        {
          GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
          const char *suffix = filter != NULL ? g_object_get_data (G_OBJECT (filter), "tx-suffix") : NULL;
          g_autofree char *with_suffix = g_strconcat (basename, suffix != NULL ? suffix : ".xlsx", NULL);
          g_autoptr(GFile) parent = g_file_get_parent (file);

          g_clear_object (&file);
          file = g_file_get_child (parent, with_suffix);
        }

      tx_roster_page_export_to_file (self, file, NULL, on_export_done_cb, g_object_ref (file));
    }

  if (self->file_chooser == chooser)
    set_file_chooser (self, NULL);
}

/* Print
 *
 * Laying out the pages measures every cell: about 1.6 s for 10,000
 * people.  A thread does it, with a Pango font map of its own so that it
 * never shares one with the widgets; "paginate" waits for it a few
 * milliseconds at a time, so the window keeps drawing and GTK's progress
 * dialog can cancel.  The pages are then drawn one by one, on the main
 * thread, by the same function as the PDF. */

typedef struct {
  /* set before the thread starts, read by it */
  GPtrArray       *people;         /* TxPerson, in the order to print */
  char            *organization;
  char            *township;       /* NULL: all townships */
  TxDate           date;
  TxOrder          order;
  gboolean         full_phones;
  double           page_width;     /* points */
  double           page_height;

  /* written by the thread */
  GMutex           mutex;
  GCond            cond;
  gboolean         paginated;
  TxTableDocument *doc;

  /* main thread only */
  TxStore         *store;
  gboolean         started;
  gboolean         interactive;    /* with the dialog: problems in toasts */
  gboolean         done;
} PrintJob;

static void
print_job_clear (PrintJob *job)
{
  g_clear_pointer (&job->people, g_ptr_array_unref);
  g_clear_pointer (&job->organization, g_free);
  g_clear_pointer (&job->township, g_free);
  g_clear_pointer (&job->doc, tx_table_document_free);
  g_clear_object (&job->store);
  g_mutex_clear (&job->mutex);
  g_cond_clear (&job->cond);
}

static void
print_job_unref (PrintJob *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) print_job_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrintJob, print_job_unref)

static PrintJob *
print_job_new (TxRosterPage  *self,
               GError       **error)
{
  g_autoptr(PrintJob) job = g_atomic_rc_box_new0 (PrintJob);
  TxDate today = self->day != NULL ? tx_day_get_today (self->day) : tx_date_today_local ();
  TxPersonFilter filter;

  g_mutex_init (&job->mutex);
  g_cond_init (&job->cond);
  job->store = g_object_ref (self->store);

  read_filter (self, &filter);
  job->people = tx_roster_query (self->store, &filter, error);
  job->township = g_steal_pointer (&filter.township);
  job->order = filter.order;
  tx_person_filter_clear (&filter);
  if (job->people == NULL)
    return NULL;

  job->organization = g_strdup (tx_settings_get_organization (tx_store_get_settings (self->store)));
  job->full_phones = self->full_phones;
  job->date = today;

  return g_steal_pointer (&job);
}

static void
paginate_in_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  PrintJob *job = task_data;
  g_autoptr(PangoFontMap) font_map = pango_cairo_font_map_new ();
  TxTableDocument *doc;

  /* The document measures with the default font map of the thread that
   * creates it; make it one that no other thread uses. */
  pango_cairo_font_map_set_default (PANGO_CAIRO_FONT_MAP (font_map));
  doc = tx_roster_document_new (job->people, job->organization, job->township,
                                job->date, job->order, job->full_phones);
  tx_table_document_paginate (doc, job->page_width, job->page_height);
  pango_cairo_font_map_set_default (NULL);

  g_mutex_lock (&job->mutex);
  job->doc = doc;
  job->paginated = TRUE;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->mutex);

  g_task_return_boolean (task, TRUE);
}

/* On the main thread: the task, and with it the job's reference, ends
 * here rather than in the thread, so that the people and the store are
 * released where they were made. */
static void
on_print_paginated_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
}

static void
on_print_begin_print_cb (GtkPrintOperation *operation,
                         GtkPrintContext   *context,
                         PrintJob          *job)
{
  g_autoptr(GTask) task = NULL;

  /* Once an operation: its pages are laid out for the paper chosen. */
  if (job->started)
    return;

  /* Full page, in points: the paper itself. */
  job->started = TRUE;
  job->page_width = gtk_print_context_get_width (context);
  job->page_height = gtk_print_context_get_height (context);

  task = g_task_new (NULL, NULL, on_print_paginated_cb, NULL);
  g_task_set_source_tag (task, on_print_begin_print_cb);
  g_task_set_task_data (task, g_atomic_rc_box_acquire (job), (GDestroyNotify) print_job_unref);
  g_task_run_in_thread (task, paginate_in_thread);
}

static gboolean
on_print_paginate_cb (GtkPrintOperation *operation,
                      GtkPrintContext   *context,
                      PrintJob          *job)
{
  gboolean paginated;

  /* GTK calls again from an idle while this returns FALSE. */
  g_mutex_lock (&job->mutex);
  if (!job->paginated)
    g_cond_wait_until (&job->cond, &job->mutex,
                       g_get_monotonic_time () + 10 * G_TIME_SPAN_MILLISECOND);
  paginated = job->paginated;
  g_mutex_unlock (&job->mutex);

  if (paginated)
    gtk_print_operation_set_n_pages (operation, tx_table_document_get_n_pages (job->doc));

  return paginated;
}

static void
on_print_draw_page_cb (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       int                page_nr,
                       PrintJob          *job)
{
  tx_table_document_draw_page (job->doc, gtk_print_context_get_cairo_context (context), page_nr);
}

static GObject *
on_print_create_custom_widget_cb (GtkPrintOperation *operation,
                                  PrintJob          *job)
{
  GtkWidget *box;
  GtkWidget *check;
  GtkWidget *explanation;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);

  check = gtk_check_button_new_with_mnemonic (_("Print _full phone numbers"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), job->full_phones);
  gtk_box_append (GTK_BOX (box), check);

  explanation = gtk_label_new (_("Otherwise the middle four digits of a mobile number are hidden, as in 138****5678, "
                                 "so that a roster left on a table does not give away everyone’s number."));
  gtk_label_set_wrap (GTK_LABEL (explanation), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (explanation), 50);
  gtk_label_set_xalign (GTK_LABEL (explanation), 0);
  gtk_widget_set_margin_start (explanation, 28);
  gtk_widget_add_css_class (explanation, "dim-label");
  gtk_box_append (GTK_BOX (box), explanation);

  g_object_set_data (G_OBJECT (box), "tx-check", check);

  return G_OBJECT (box);
}

/* Before "begin-print": the choice is kept for the next print, and for
 * tongxin-cli's. */
static void
on_print_custom_widget_apply_cb (GtkPrintOperation *operation,
                                 GtkWidget         *widget,
                                 PrintJob          *job)
{
  GtkCheckButton *check = g_object_get_data (G_OBJECT (widget), "tx-check");
  g_autoptr(GError) error = NULL;
  gboolean full_phones;

  full_phones = gtk_check_button_get_active (check);
  job->full_phones = full_phones;

  if (!tx_store_set_setting (job->store, "print-full-phones", full_phones ? "true" : "false", &error))
    g_warning ("Could not keep the choice of full phone numbers: %s", error->message);
}

static void
report_print_error (TxRosterPage *self,
                    const GError *error)
{
  g_autofree char *text = NULL;

  g_warning ("Could not print the roster: %s", error->message);
  /* Translators: %s says why */
  text = g_strdup_printf (_("Could not print the roster: %s"), error->message);
  show_problem (self, text);
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  TxRosterPage            *self)
{
  PrintJob *job = g_object_get_data (G_OBJECT (operation), "tx-print-job");
  g_autoptr(GError) error = NULL;

  job->done = TRUE;

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&self->print_settings, gtk_print_operation_get_print_settings (operation));

  /* Only then: GTK 4.8 complains when asked for an error it has not. */
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && job->interactive)
    {
      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        report_print_error (self, error);
    }
}

/* The print operation of the roster as the page shows it, on A4 by
 * default; its PrintJob is its "tx-print-job" data. */
static GtkPrintOperation *
create_print_operation (TxRosterPage  *self,
                        GError       **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autoptr(GtkPageSetup) page_setup = NULL;
  g_autoptr(GtkPaperSize) paper = NULL;
  PrintJob *job;

  job = print_job_new (self, error);
  if (job == NULL)
    return NULL;

  operation = gtk_print_operation_new ();
  g_object_set_data_full (G_OBJECT (operation), "tx-print-job", job, (GDestroyNotify) print_job_unref);

  gtk_print_operation_set_job_name (operation, DOCUMENT_NAME);
  gtk_print_operation_set_custom_tab_label (operation, _("Roster"));
  /* The document draws its own GB/T 9704 margins, in points. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_show_progress (operation, TRUE);

  page_setup = gtk_page_setup_new ();
  paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (page_setup, paper);
  gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, page_setup);

  settings = self->print_settings != NULL ? gtk_print_settings_copy (self->print_settings)
                                          : gtk_print_settings_new ();
  /* "Print to File" offers 人员名册.pdf */
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, DOCUMENT_NAME);
  gtk_print_operation_set_print_settings (operation, settings);

  g_signal_connect (operation, "begin-print", G_CALLBACK (on_print_begin_print_cb), job);
  g_signal_connect (operation, "paginate", G_CALLBACK (on_print_paginate_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_print_draw_page_cb), job);
  g_signal_connect (operation, "create-custom-widget", G_CALLBACK (on_print_create_custom_widget_cb), job);
  g_signal_connect (operation, "custom-widget-apply", G_CALLBACK (on_print_custom_widget_apply_cb), job);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done_cb), self, 0);

  return g_steal_pointer (&operation);
}

/* Actions */

static void
tx_roster_page_search_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  TxRosterPage *self = TX_ROSTER_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
tx_roster_page_new_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TxRosterPage *self = TX_ROSTER_PAGE (widget);

  if (self->store != NULL)
    open_editor (self, NULL);
}

/* The selected person, read again from the store: the editor gets a
 * copy of its own, not the row the list shows. */
static void
tx_roster_page_edit_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  TxRosterPage *self = TX_ROSTER_PAGE (widget);
  TxPerson *selected = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(TxPerson) person = NULL;
  g_autoptr(GError) error = NULL;

  if (selected == NULL || self->store == NULL)
    return;

  person = tx_roster_find_person (self->store, tx_person_get_uuid (selected), &error);
  if (person == NULL)
    {
      g_autofree char *text = NULL;

      g_warning ("Could not read %s: %s", tx_person_get_uuid (selected), error->message);
      /* Translators: %s says why */
      text = g_strdup_printf (_("Could not open this person: %s"), error->message);
      show_problem (self, text);
      return;
    }

  open_editor (self, person);
}

static void
tx_roster_page_import_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  TxRosterPage *self = TX_ROSTER_PAGE (widget);
  g_autoptr(GtkFileFilter) csv = NULL;
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Import a Roster"), get_parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  csv = create_file_filter (_("CSV Files"), "csv", "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);

  g_signal_connect (chooser, "response", G_CALLBACK (on_import_chooser_response_cb), self);
  set_file_chooser (self, chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
tx_roster_page_export_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  TxRosterPage *self = TX_ROSTER_PAGE (widget);
  g_autoptr(GtkFileFilter) xlsx = NULL;
  g_autoptr(GtkFileFilter) csv = NULL;
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export the Roster"), get_parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  xlsx = create_file_filter (_("Excel Workbook (.xlsx)"), "xlsx",
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  csv = create_file_filter (_("CSV, UTF-8 (.csv)"), "csv", "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), xlsx);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), xlsx);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), DOCUMENT_NAME ".xlsx");

  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chooser_response_cb), self);
  set_file_chooser (self, chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
tx_roster_page_print_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  TxRosterPage *self = TX_ROSTER_PAGE (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;
  PrintJob *job;

  if (self->store == NULL)
    return;

  operation = create_print_operation (self, &error);
  if (operation == NULL)
    {
      report_print_error (self, error);
      return;
    }

  job = g_object_get_data (G_OBJECT (operation), "tx-print-job");
  job->interactive = TRUE;

  /* Asynchronous: "done" says how it ended, unless it ends here. */
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    get_parent_window (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && !job->done && error != NULL)
    report_print_error (self, error);
}

/* GtkWidget, GObject */

/* The page's shortcuts (Ctrl+N, Ctrl+P…) and typing to search work when
 * the focus is in the page; when the page is shown with the focus
 * elsewhere (on the view switcher, or nowhere yet), it takes it. */
static void
tx_roster_page_map (GtkWidget *widget)
{
  TxRosterPage *self = TX_ROSTER_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  GTK_WIDGET_CLASS (tx_roster_page_parent_class)->map (widget);

  if (focus == NULL || !gtk_widget_is_ancestor (focus, widget))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
tx_roster_page_dispose (GObject *object)
{
  TxRosterPage *self = (TxRosterPage *)object;

  set_file_chooser (self, NULL);
  tx_roster_page_set_store (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_ROSTER_PAGE);
  g_clear_object (&self->townships);
  g_clear_object (&self->print_settings);
  g_clear_object (&self->day);

  G_OBJECT_CLASS (tx_roster_page_parent_class)->dispose (object);
}

static void
tx_roster_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TxRosterPage *self = TX_ROSTER_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_DAY:
      g_value_set_object (value, self->day);
      break;

    case PROP_PRINT_FULL_PHONES:
      g_value_set_boolean (value, self->full_phones);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_roster_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TxRosterPage *self = TX_ROSTER_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tx_roster_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_DAY:
      if (g_set_object (&self->day, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_PRINT_FULL_PHONES:
      tx_roster_page_set_print_full_phones (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_roster_page_class_init (TxRosterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_roster_page_dispose;
  object_class->get_property = tx_roster_page_get_property;
  object_class->set_property = tx_roster_page_set_property;

  widget_class->map = tx_roster_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TxRosterPage:day: (nullable)
   *
   * The day printed rosters are dated.
   */
  properties[PROP_DAY] =
    g_param_spec_object ("day", NULL, NULL,
                         TX_TYPE_DAY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TxRosterPage:print-full-phones:
   *
   * Whether printed rosters show phone numbers in full rather than as
   * 138****5678: the store's "print-full-phones" setting, which
   * tongxin-cli reads too.
   */
  properties[PROP_PRINT_FULL_PHONES] =
    g_param_spec_boolean ("print-full-phones", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "roster.search", NULL,
                                   tx_roster_page_search_action);
  gtk_widget_class_install_action (widget_class, "roster.new", NULL,
                                   tx_roster_page_new_action);
  gtk_widget_class_install_action (widget_class, "roster.edit", NULL,
                                   tx_roster_page_edit_action);
  gtk_widget_class_install_action (widget_class, "roster.import", NULL,
                                   tx_roster_page_import_action);
  gtk_widget_class_install_action (widget_class, "roster.export", NULL,
                                   tx_roster_page_export_action);
  gtk_widget_class_install_action (widget_class, "roster.print", NULL,
                                   tx_roster_page_print_action);
  gtk_widget_class_install_property_action (widget_class, "roster.print-full-phones",
                                            "print-full-phones");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "roster.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "roster.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "roster.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "roster.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "roster.print", NULL);

  /* The cells of the column view look up properties of TxPerson. */
  g_type_ensure (TX_TYPE_PERSON);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-roster-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TxRosterPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TxRosterPage, township_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TxRosterPage, category_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TxRosterPage, order_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TxRosterPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TxRosterPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TxRosterPage, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, TxRosterPage, selection);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_drop_down_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
}

static void
tx_roster_page_init (TxRosterPage *self)
{
  g_autoptr(GtkStringList) categories = NULL;
  g_autoptr(GtkStringList) orders = NULL;

  /* The models are set before the template's signal handlers can run. */
  self->townships = gtk_string_list_new (NULL);
  gtk_string_list_append (self->townships, _("All townships"));

  categories = gtk_string_list_new (NULL);
  gtk_string_list_append (categories, _("All categories"));
  for (guint i = 0; i < tx_category_get_count (); i++)
    gtk_string_list_append (categories, tx_category_get_label ((TxCategory) i));

  /* In the order of TxOrder. */
  orders = gtk_string_list_new (NULL);
  gtk_string_list_append (orders, tx_order_get_label (TX_ORDER_PINYIN));
  gtk_string_list_append (orders, tx_order_get_label (TX_ORDER_STROKES));

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filling_townships++;
  gtk_drop_down_set_model (self->township_drop_down, G_LIST_MODEL (self->townships));
  gtk_drop_down_set_model (self->category_drop_down, G_LIST_MODEL (categories));
  gtk_drop_down_set_model (self->order_drop_down, G_LIST_MODEL (orders));
  self->filling_townships--;

  /* Typing anywhere on the page searches. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  update_state (self);
}

/* Public API */

GtkWidget *
tx_roster_page_new (void)
{
  return g_object_new (TX_TYPE_ROSTER_PAGE, NULL);
}

TxStore *
tx_roster_page_get_store (TxRosterPage *self)
{
  g_return_val_if_fail (TX_IS_ROSTER_PAGE (self), NULL);

  return self->store;
}

/**
 * tx_roster_page_set_store:
 * @store: (nullable): the store whose roster to show
 */
void
tx_roster_page_set_store (TxRosterPage *self,
                          TxStore      *store)
{
  g_autoptr(TxPersonList) old_people = NULL;

  g_return_if_fail (TX_IS_ROSTER_PAGE (self));
  g_return_if_fail (store == NULL || TX_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
  g_set_object (&self->store, store);

  old_people = g_steal_pointer (&self->people);
  if (old_people != NULL)
    g_signal_handlers_disconnect_by_func (old_people, on_people_notify_n_items_cb, self);

  if (store != NULL)
    {
      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
      fill_townships (self);
      read_full_phones (self);

      self->people = tx_person_list_new (store);
      apply_filter (self);
      g_signal_connect_object (self->people, "notify::n-items",
                               G_CALLBACK (on_people_notify_n_items_cb), self, 0);
    }

  /* The template is gone in dispose. */
  if (self->selection != NULL)
    {
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->people));
      update_state (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
tx_roster_page_get_print_full_phones (TxRosterPage *self)
{
  g_return_val_if_fail (TX_IS_ROSTER_PAGE (self), FALSE);

  return self->full_phones;
}

/**
 * tx_roster_page_set_print_full_phones:
 * @full_phones: whether printed rosters show phone numbers in full
 *
 * Keeps the choice in the store, for the next print and for tongxin-cli.
 */
void
tx_roster_page_set_print_full_phones (TxRosterPage *self,
                                      gboolean      full_phones)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TX_IS_ROSTER_PAGE (self));

  full_phones = !!full_phones;
  if (self->store == NULL || full_phones == self->full_phones)
    return;

  if (!tx_store_set_setting (self->store, "print-full-phones", full_phones ? "true" : "false", &error))
    {
      g_warning ("Could not keep the choice of full phone numbers: %s", error->message);
      return;
    }

  /* The store's "changed" signal has told us already; in case it did not: */
  read_full_phones (self);
}

/**
 * tx_roster_page_export_to_file:
 * @file: a .csv or .xlsx file, replaced if it exists
 *
 * Writes the people the page shows, in its order, to @file, in a
 * thread.  What roster.export does once the file is chosen.
 */
void
tx_roster_page_export_to_file (TxRosterPage        *self,
                               GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (TX_IS_ROSTER_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->store != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tx_roster_page_export_to_file);

  data = g_new0 (ExportData, 1);
  data->db_path = g_strdup (tx_store_get_path (self->store));
  data->path = g_file_get_path (file);
  read_filter (self, &data->filter);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);

  if (data->path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("“%s” is not a file on this computer. Choose a folder on this computer."),
                               uri);
      return;
    }

  g_task_run_in_thread (task, export_in_thread);
}

gboolean
tx_roster_page_export_to_file_finish (TxRosterPage  *self,
                                      GAsyncResult  *result,
                                      guint         *n_people,
                                      GError       **error)
{
  ExportData *data;

  g_return_val_if_fail (TX_IS_ROSTER_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (n_people != NULL)
    *n_people = data->n_people;

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * tx_roster_page_print_to_file:
 * @file: the PDF file to write
 *
 * Prints the people the page shows, in its order, to a PDF file on A4,
 * without the dialog: the pages roster.print sends to the printer.  Like
 * every GTK export, it returns when the file is written; the window
 * keeps drawing meanwhile.
 *
 * Returns: whether @file was written
 */
gboolean
tx_roster_page_print_to_file (TxRosterPage  *self,
                              GFile         *file,
                              GError       **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *path = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (TX_IS_ROSTER_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a file on this computer. Choose a folder on this computer."),
                   uri);
      return FALSE;
    }

  operation = create_print_operation (self, error);
  if (operation == NULL)
    return FALSE;

  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                    get_parent_window (self), error);

  return result == GTK_PRINT_OPERATION_RESULT_APPLY;
}
