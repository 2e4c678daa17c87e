/* tx-roster-page-actions.c — what the roster page reads and writes:
 * import (CSV), export (XLSX or CSV) and print (A4, or PDF)
 *
 * Export and print take the page's filter, so what is exported or
 * printed is what the page shows.  Nothing long runs on the main
 * thread: an export reads the roster in a thread through a connection
 * of its own, and a print lays its pages out in a thread
 * (TxTablePrint), the window drawing meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-roster-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-import-dialog.h"
#include "tx-records.h"
#include "tx-roster-document.h"
#include "tx-roster-export.h"
#include "tx-roster-page-private.h"
#include "tx-settings.h"
#include "tx-table-print.h"

/* Documents are in Chinese whatever the language of the interface
 * (DESIGN §3): the printed roster's job name, the exported file. */
#define DOCUMENT_NAME "人员名册"

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
  tx_roster_page_show_toast (self, text);
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
      dialog = tx_import_dialog_new (tx_roster_page_get_window (self), self->store, file);
      g_signal_connect_object (dialog, "imported",
                               G_CALLBACK (on_import_dialog_imported_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
    }

  if (self->file_chooser == chooser)
    set_file_chooser (self, NULL);
}

/* Export */

typedef struct {
  char                 *db_path;
  TxPersonFilter        filter;
  char                 *path;
  TxRosterExportReport  report;
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
      !tx_roster_export_report (store, &data->filter, data->path, &data->report, &error))
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
  ExportData *data;
  guint n_people;

  name = g_file_get_basename (file);

  if (!tx_roster_page_export_to_file_finish (self, result, &n_people, &error))
    {
      g_warning ("Could not export the roster to %s: %s", name, error->message);
      /* Translators: %s says why */
      text = g_strdup_printf (_("Could not export the roster: %s"), error->message);
      tx_roster_page_show_problem (self, text);
      return;
    }

  /* Translators: "Exported 168 people to 人员名册.xlsx" */
  text = g_strdup_printf (ngettext ("Exported %u person to “%s”", "Exported %u people to “%s”", n_people),
                          n_people, name);

  /* Cells cut to what Excel takes: said, and it stays until read. */
  data = g_task_get_task_data (G_TASK (result));
  if (data->report.n_cut > 0)
    {
      g_autofree char *cut = NULL;

      /* Translators: the second %s is the mark the cut cells end in */
      cut = g_strdup_printf (ngettext ("%s. %u cell was longer than Excel allows and was cut; it ends in “%s”.",
                                       "%s. %u cells were longer than Excel allows and were cut; they end in “%s”.",
                                       data->report.n_cut),
                             text, data->report.n_cut, tx_roster_export_get_cut_mark ());
      tx_roster_page_show_problem (self, cut);
      return;
    }

  tx_roster_page_show_file_toast (self, text, file);
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

/* Print */

/* What a thread needs to lay the roster out, read on the main thread. */
typedef struct {
  TxStore    *store;          /* for the tab's choice, on the main thread */
  GSettings  *settings;       /* and for the columns ticked */
  char       *path;           /* of the database, read again in the thread that lays out */
  TxPersonFilter filter;      /* who to print, in which order */
  char       *organization;
  char       *township;       /* NULL: all townships */
  gboolean    has_category;
  TxCategory  category;
  char       *search;         /* NULL: no text searched */
  TxDate      date;
  TxOrder     order;
  gboolean    full_phones;
  GArray     *columns;        /* TxRosterColumn, chosen in the tab */
} RosterPrint;

static void
roster_print_free (RosterPrint *roster)
{
  g_clear_object (&roster->store);
  g_clear_object (&roster->settings);
  g_free (roster->path);
  tx_person_filter_clear (&roster->filter);
  g_clear_pointer (&roster->columns, g_array_unref);
  g_free (roster->organization);
  g_free (roster->township);
  g_free (roster->search);
  g_free (roster);
}

/* The roster as tongxin-cli prints it: the filter stated on the page,
 * the columns of the tab; the paper (and its orientation) is the
 * print dialog's. */
static TxTableDocument *
build_roster (gpointer   user_data,
              GError   **error)
{
  RosterPrint *roster = user_data;
  TxRosterPrintOptions options = { 0, };
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GArray) ids = NULL;

  /* here, in the thread, on a connection of its own, which the document
   * keeps: it reads its people a few hundred at a time, as the pages are
   * laid out here and then drawn on the main thread, all of them as the
   * roster was when it was laid out */
  store = tx_store_open_full (roster->path, TX_STORE_OPEN_READ_ONLY, error);
  if (store == NULL || !tx_store_hold_snapshot (store, error))
    return NULL;
  ids = tx_roster_query_ids (store, &roster->filter, error);
  if (ids == NULL)
    return NULL;

  options.organization = roster->organization;
  options.township = roster->township;
  options.has_category = roster->has_category;
  options.category = roster->category;
  options.search = roster->search;
  options.date = roster->date;
  options.order = roster->order;
  options.full_phones = roster->full_phones;
  options.columns = (const TxRosterColumn *) roster->columns->data;
  options.n_columns = roster->columns->len;

  return tx_roster_document_new_for_ids (store, ids, &options);
}

/* The columns a clerk may choose, in the order they print. */
static const struct {
  TxRosterColumn column;
  const char    *context;   /* of the label, or NULL */
  const char    *label;
} column_choices[] = {
  { TX_ROSTER_COLUMN_NAME,         NULL, N_("Name") },
  { TX_ROSTER_COLUMN_GENDER,       NULL, N_("Gender") },
  { TX_ROSTER_COLUMN_ETHNICITY,    NULL, N_("Ethnicity") },
  { TX_ROSTER_COLUMN_TOWNSHIP,     NULL, N_("Township") },
  { TX_ROSTER_COLUMN_VILLAGE,      NULL, N_("Village") },
  { TX_ROSTER_COLUMN_CATEGORIES,   NULL, N_("Categories") },
  { TX_ROSTER_COLUMN_ORGANIZATION, NULL, N_("Organization") },
  { TX_ROSTER_COLUMN_TITLE,        "job title", NC_("job title", "Title") },
  { TX_ROSTER_COLUMN_PHONE,        NULL, N_("Phone") },
  { TX_ROSTER_COLUMN_NOTES,        NULL, N_("Notes") },
};

static gboolean
roster_print_has_column (RosterPrint    *roster,
                         TxRosterColumn  column)
{
  for (guint i = 0; i < roster->columns->len; i++)
    if (g_array_index (roster->columns, TxRosterColumn, i) == column)
      return TRUE;

  return FALSE;
}

static GtkWidget *
create_roster_tab (gpointer user_data)
{
  RosterPrint *roster = user_data;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *check = gtk_check_button_new_with_mnemonic (_("Print _full phone numbers"));
  GtkWidget *explanation;

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), roster->full_phones);
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

  /* the columns: more of them fit in landscape, in the Page Setup tab */
  {
    GtkWidget *heading = gtk_label_new (_("Columns"));
    GtkWidget *hint = gtk_label_new (_("Choose landscape in “Page Setup” to fit more columns."));
    GtkWidget *grid = gtk_grid_new ();

    gtk_label_set_xalign (GTK_LABEL (heading), 0);
    gtk_widget_add_css_class (heading, "heading");
    gtk_widget_set_margin_top (heading, 12);
    gtk_box_append (GTK_BOX (box), heading);

    gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
    gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
    for (guint i = 0; i < G_N_ELEMENTS (column_choices); i++)
      {
        const char *label = column_choices[i].context != NULL
                            ? g_dpgettext2 (NULL, column_choices[i].context, column_choices[i].label)
                            : _(column_choices[i].label);
        GtkWidget *column = gtk_check_button_new_with_label (label);
        g_autofree char *key = g_strdup_printf ("tx-column-%s", tx_roster_column_to_key (column_choices[i].column));

        gtk_check_button_set_active (GTK_CHECK_BUTTON (column),
                                     roster_print_has_column (roster, column_choices[i].column));
        gtk_grid_attach (GTK_GRID (grid), column, i % 2, i / 2, 1, 1);
        g_object_set_data (G_OBJECT (box), key, column);
      }
    gtk_box_append (GTK_BOX (box), grid);

    gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
    gtk_label_set_max_width_chars (GTK_LABEL (hint), 50);
    gtk_label_set_xalign (GTK_LABEL (hint), 0);
    gtk_widget_add_css_class (hint, "dim-label");
    gtk_box_append (GTK_BOX (box), hint);
  }

  return box;
}

/* Before printing begins: the choice of full numbers is kept for the
 * next print and for tongxin-cli's (a setting of the database), the
 * columns for the next print from the window (GSettings). */
static void
apply_roster_tab (GtkWidget *tab,
                  gpointer   user_data)
{
  RosterPrint *roster = user_data;
  GtkCheckButton *check = g_object_get_data (G_OBJECT (tab), "tx-check");
  g_autoptr(GError) error = NULL;

  roster->full_phones = gtk_check_button_get_active (check);

  /* the columns ticked, in their order; none ticked: as before */
  {
    g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (TxRosterColumn));

    for (guint i = 0; i < G_N_ELEMENTS (column_choices); i++)
      {
        g_autofree char *key = g_strdup_printf ("tx-column-%s", tx_roster_column_to_key (column_choices[i].column));
        GtkCheckButton *column = g_object_get_data (G_OBJECT (tab), key);

        if (column != NULL && gtk_check_button_get_active (column))
          g_array_append_val (columns, column_choices[i].column);
      }
    if (columns->len > 0)
      {
        g_autoptr(GString) keys = g_string_new (NULL);

        for (guint i = 0; i < columns->len; i++)
          g_string_append_printf (keys, "%s%s", i > 0 ? "," : "",
                                  tx_roster_column_to_key (g_array_index (columns, TxRosterColumn, i)));
        if (roster->settings != NULL)
          g_settings_set_string (roster->settings, "roster-print-columns", keys->str);
        g_clear_pointer (&roster->columns, g_array_unref);
        roster->columns = g_steal_pointer (&columns);
      }
  }

  if (!tx_settings_set_text (tx_store_get_settings (roster->store), "print-full-phones",
                             roster->full_phones ? "true" : "false", &error))
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
  tx_roster_page_show_problem (self, text);
}

static void
on_print_done_cb (TxTablePrint     *print,
                  GtkPrintSettings *settings,
                  const GError     *error,
                  TxRosterPage     *self)
{
  if (settings != NULL)
    g_set_object (&self->print_settings, settings);

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    report_print_error (self, error);
}

/**
 * tx_roster_page_create_print:
 *
 * The roster as the page shows it, on A4 by default, not yet run:
 * roster.print shows its dialog, tx_roster_page_print_to_file() writes
 * it; the tests fill the dialog's tab in between.
 *
 * The people are read when the pages are laid out, in a thread, on a
 * connection of its own: a city's roster takes most of a second to read.
 *
 * Returns: (transfer full) (nullable): the print, or %NULL with @error
 */
TxTablePrint *
tx_roster_page_create_print (TxRosterPage  *self,
                             GError       **error)
{
  RosterPrint *roster = g_new0 (RosterPrint, 1);
  TxTablePrint *print;
  TxPersonFilter filter;

  tx_roster_page_read_filter (self, &filter);
  tx_person_filter_copy (&roster->filter, &filter);
  roster->path = g_strdup (tx_store_get_path (self->store));
  roster->township = g_steal_pointer (&filter.township);
  roster->search = g_steal_pointer (&filter.search);
  roster->has_category = filter.has_category;
  roster->category = filter.category;
  roster->order = filter.order;
  tx_person_filter_clear (&filter);

  roster->store = g_object_ref (self->store);
  roster->organization = g_strdup (tx_settings_get_organization (tx_store_get_settings (self->store)));
  roster->full_phones = self->full_phones;
  /* the columns ticked the last time, or the default ones */
  if (self->settings != NULL)
    {
      g_autofree char *keys = g_settings_get_string (self->settings, "roster-print-columns");

      roster->settings = g_object_ref (self->settings);
      if (keys[0] != '\0')
        roster->columns = tx_roster_columns_parse (keys, NULL);
    }
  if (roster->columns == NULL || roster->columns->len == 0)
    {
      guint n_columns;
      const TxRosterColumn *columns = tx_roster_columns_get_default (&n_columns);

      g_clear_pointer (&roster->columns, g_array_unref);
      roster->columns = g_array_new (FALSE, FALSE, sizeof (TxRosterColumn));
      g_array_append_vals (roster->columns, columns, n_columns);
    }
  roster->date = self->day != NULL ? tx_day_get_today (self->day) : tx_date_today_local ();

  /* Laying out 10,000 people takes a while: in a thread. */
  print = tx_table_print_new (DOCUMENT_NAME, build_roster, TRUE, roster, (GDestroyNotify) roster_print_free);
  tx_table_print_set_custom_tab (print, _("Roster"), create_roster_tab, apply_roster_tab);
  tx_table_print_set_print_settings (print, self->print_settings);
  g_signal_connect_object (print, "done", G_CALLBACK (on_print_done_cb), self, 0);

  return print;
}

/* Actions */

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

  chooser = gtk_file_chooser_native_new (_("Import a Roster"), tx_roster_page_get_window (self),
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

  chooser = gtk_file_chooser_native_new (_("Export the Roster"), tx_roster_page_get_window (self),
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
  g_autoptr(TxTablePrint) print = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  print = tx_roster_page_create_print (self, &error);
  if (print == NULL || !tx_table_print_run (print, tx_roster_page_get_window (self), NULL, &error))
    report_print_error (self, error);
}

void
tx_roster_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "roster.import", NULL,
                                   tx_roster_page_import_action);
  gtk_widget_class_install_action (widget_class, "roster.export", NULL,
                                   tx_roster_page_export_action);
  gtk_widget_class_install_action (widget_class, "roster.print", NULL,
                                   tx_roster_page_print_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "roster.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "roster.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "roster.print", NULL);
}

/* Closes the chooser open, if any, as the page goes. */
void
tx_roster_page_close_file_chooser (TxRosterPage *self)
{
  set_file_chooser (self, NULL);
}

/* Public API, for the tests */

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
  tx_roster_page_read_filter (self, &data->filter);
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
    *n_people = data->report.n_people;

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
  g_autoptr(TxTablePrint) print = NULL;

  g_return_val_if_fail (TX_IS_ROSTER_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  print = tx_roster_page_create_print (self, error);
  if (print == NULL)
    return FALSE;

  return tx_table_print_run (print, tx_roster_page_get_window (self), file, error);
}
