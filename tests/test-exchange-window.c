/* test-exchange-window.c — sending and receiving data in the window:
 * 报送数据 at a township, 接收数据 of several files at the city with the
 * preview, and a conflict decided side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-exchange-window"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "tx-conflict.h"
#include "tx-conflicts-dialog.h"
#include "tx-exchange.h"
#include "tx-office.h"
#include "tx-outcome-store.h"
#include "tx-overview-page-private.h"
#include "tx-preferences-window.h"
#include "tx-receive-dialog.h"
#include "tx-send-dialog.h"
#include "tx-settings.h"
#include "tx-store.h"
#include "tx-test-gui.h"
#include "tx-townships-dialog.h"
#include "tx-work-group.h"
#include "tx-work-groups-dialog.h"
#include "tx-township-store.h"
#include "tx-welcome-page.h"
#include "tx-window.h"
#include "tx-year-archive-dialog.h"

#define JINSHAN     "b765363f-4e08-4e4b-836f-c4846d559edb"
#define JIN_ADVICE  "c3945c59-9d67-4287-aa2d-a4f49b81caab"

typedef struct {
  char     *dir;
  TxStore  *township;
  TxStore  *fengshan;
  TxStore  *city;
  TxDay    *day;
  TxWindow *window;    /* the city's */
} Fixture;

static TxStore *
open_office (Fixture    *f,
             const char *name,
             const char *kind,
             const char *organization,
             const char *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  TxStore *store = tx_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (tx_settings_set_text (tx_store_get_settings (store), "office-kind", kind, &error));
  g_assert_true (tx_settings_set_text (tx_store_get_settings (store), "organization", organization, &error));
  g_assert_no_error (error);
  if (fixture != NULL)
    {
      g_autofree char *data = g_build_filename (g_getenv ("TONGXIN_TEST_DATA"), fixture, NULL);

      g_assert_true (tx_exchange_import_file (store, data, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  return store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tongxin-test-exchange-window-XXXXXX", &error);
  g_assert_no_error (error);
  f->township = open_office (f, "jinshan.db", "township", "政协福泉市委员会金山街道联络组", "jinshan-2001.xml");
  f->fengshan = open_office (f, "fengshan.db", "township", "政协福泉市委员会凤山镇联络组", "fengshan-2001.xml");
  f->city = open_office (f, "city.db", "city", "政协福泉市委员会办公室", NULL);
  f->day = tx_test_day_new ("2026-11-27");
  f->window = tx_window_new (NULL, f->city, f->day);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tx_test_destroy_windows ();
  g_clear_object (&f->township);
  g_clear_object (&f->fengshan);
  g_clear_object (&f->city);
  g_clear_object (&f->day);
  tx_test_remove_dir (f->dir);
  g_free (f->dir);
}

static gboolean
send_done (gpointer dialog)
{
  return !tx_send_dialog_is_busy (dialog);
}

static void
on_city_changed_cb (TxStore    *store,
                    const char *kind,
                    const char *uuid,
                    guint      *n_told)
{
  (*n_told)++;
}

static gboolean
receive_done (gpointer dialog)
{
  return !tx_receive_dialog_is_busy (dialog);
}

/* The township sends, as a clerk does it: the dialog names the file */
static char *
send_from_township (Fixture  *f,
                    gboolean  changes_only,
                    const char *expected_name)
{
  TxSendDialog *dialog = tx_send_dialog_new (NULL, f->township, f->day);
  g_autofree char *name = NULL;
  g_autoptr(GFile) file = NULL;
  char *path;

  gtk_window_present (GTK_WINDOW (dialog));
  tx_send_dialog_set_changes_only (dialog, changes_only);
  name = tx_send_dialog_suggest_name (dialog);
  g_assert_cmpstr (name, ==, expected_name);
  path = g_build_filename (f->dir, name, NULL);
  file = g_file_new_for_path (path);
  /* a change is a few milliseconds older than the file that sends it */
  g_usleep (2000);
  tx_send_dialog_send_to (dialog, file);
  tx_test_wait_until (send_done, dialog, "the file to be written");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  gtk_window_destroy (GTK_WINDOW (dialog));

  return path;
}

/* The rows of the receive dialog, one a file: their subtitles */
static GPtrArray *
file_subtitles (TxReceiveDialog *dialog)
{
  GtkListBox *list = tx_test_get_template_child (dialog, "list");
  GPtrArray *subtitles = g_ptr_array_new_with_free_func (g_free);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_EXPANDER_ROW (row))
      g_ptr_array_add (subtitles, g_strdup (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row))));

  return subtitles;
}

static gboolean
overview_is_read (gpointer page)
{
  return !tx_overview_page_get_reload_pending (page);
}

/* The subtitle of the row of @township under Data Received, or NULL */
static const char *
received_subtitle (TxOverviewPage *page,
                   const char     *township)
{
  GtkListBox *list = tx_test_get_template_child (page, "received_list");

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), township) == 0)
      return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

  return NULL;
}

static void
change_advice (TxStore    *store,
               const char *content)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxOutcome) outcome = tx_store_load_outcome (store, JIN_ADVICE, &error);

  g_assert_no_error (error);
  tx_outcome_set_text (outcome, tx_outcome_get_title (outcome), content);
  g_assert_true (tx_store_save_outcome (store, outcome, &error));
  g_assert_no_error (error);
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;

  return FALSE;
}

/*
 * Two townships send; the city receives both at once, and a damaged
 * copy beside them, which is refused; then both change a recommendation,
 * and the city's second receipt brings the conflict, decided side by
 * side for the township's version.
 */
static void
test_send_receive_decide (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *jinshan = send_from_township (f, FALSE, "金山街道-20261127-全部数据.xml.gz");
  g_autofree char *fengshan = g_build_filename (f->dir, "凤山镇-20261127-全部数据.xml.gz", NULL);
  g_autofree char *damaged = g_build_filename (f->dir, "损坏-20261127-全部数据.xml.gz", NULL);
  g_autofree char *changes = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) subtitles = NULL;
  g_autoptr(GPtrArray) sent = NULL;
  g_autoptr(TxOutcome) outcome = NULL;
  TxReceiveDialog *receive;
  guint n_told = 0;
  TxConflictsDialog *conflicts;
  gsize length;

  /* the township keeps what it sent */
  sent = tx_office_list_sent (f->township, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sent->len, ==, 1);
  g_assert_cmpstr (((TxSent *) g_ptr_array_index (sent, 0))->file, ==, "金山街道-20261127-全部数据.xml.gz");
  g_assert_null (((TxSent *) g_ptr_array_index (sent, 0))->since);

  {
    TxExportOptions options = { "886cf027-6874-4503-bced-9220122e9ca4", FALSE };

    g_assert_true (tx_exchange_export_with (f->fengshan, &options, fengshan, &error));
    g_assert_no_error (error);
  }
  g_assert_true (g_file_get_contents (fengshan, &text, &length, NULL));
  g_assert_true (g_file_set_contents (damaged, text, length - 20, NULL));

  /* the city chooses the three: previewed, nothing written */
  g_ptr_array_add (files, g_file_new_for_path (jinshan));
  g_ptr_array_add (files, g_file_new_for_path (fengshan));
  g_ptr_array_add (files, g_file_new_for_path (damaged));
  receive = tx_window_receive (f->window, files);
  tx_test_wait_until (receive_done, receive, "the files to be read");
  subtitles = file_subtitles (receive);
  g_assert_cmpuint (subtitles->len, ==, 3);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (subtitles, 0), "Would import: adds 7, updates 0, deletes 0"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (subtitles, 1), "Would import: adds 3,"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (subtitles, 2), "Not imported: "));
  g_assert_nonnull (strstr (g_ptr_array_index (subtitles, 2), "damaged or incomplete"));
  g_clear_pointer (&subtitles, g_ptr_array_unref);
  g_assert_cmpuint (tx_store_count (f->city, "person"), ==, 0);
  tx_test_save_screenshot (receive, "receive-preview");

  /* imported: each whole, the damaged one not at all; the progress
   * shown in the dialog, not in a window a file, which cannot be
   * closed meanwhile; the window told once, when the last is in */
  {
    guint toplevels = g_list_model_get_n_items (gtk_window_get_toplevels ());

    g_signal_connect (f->city, "changed", G_CALLBACK (on_city_changed_cb), &n_told);
    gtk_widget_activate_action (GTK_WIDGET (receive), "receive.import", NULL);
    g_assert_true (tx_receive_dialog_is_busy (receive));
    g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, toplevels);
    g_assert_true (gtk_widget_get_visible (tx_test_get_template_child (receive, "progress_bar")));
    g_assert_false (gtk_widget_is_sensitive (tx_test_get_template_child (receive, "close_button")));
    tx_test_wait_until (receive_done, receive, "the files to be imported");
    g_assert_cmpuint (n_told, ==, 1);
    g_signal_handlers_disconnect_by_func (f->city, on_city_changed_cb, &n_told);
    g_assert_false (gtk_widget_get_visible (tx_test_get_template_child (receive, "progress_bar")));
    g_assert_true (gtk_widget_is_sensitive (tx_test_get_template_child (receive, "close_button")));
  }
  subtitles = file_subtitles (receive);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (subtitles, 0), "Imported: adds 7,"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (subtitles, 1), "Imported: adds 3,"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (subtitles, 2), "Not imported: "));
  g_clear_pointer (&subtitles, g_ptr_array_unref);
  g_assert_cmpuint (tx_store_count (f->city, "person"), ==, 4);
  g_assert_cmpuint (tx_store_count (f->city, "township"), ==, 2);
  g_assert_false (gtk_widget_get_visible (tx_test_get_template_child (receive, "conflicts_button")));
  gtk_window_destroy (GTK_WINDOW (receive));

  /* the city's Overview: the last file of each township */
  {
    TxOverviewPage *page = tx_test_get_widget (f->window, TX_TYPE_OVERVIEW_PAGE);

    tx_test_wait_until (overview_is_read, page, "the Overview to be read again");
    g_assert_true (gtk_widget_get_visible (tx_test_get_template_child (page, "received_group")));
    g_assert_nonnull (received_subtitle (page, "金山街道"));
    /* (a machine whose clock is far from the window's day says too that
     * the data are old) */
    g_assert_nonnull (strstr (received_subtitle (page, "金山街道"), "Received "));
    g_assert_true (g_str_has_suffix (received_subtitle (page, "金山街道"), " · everything"));
    g_assert_true (g_str_has_suffix (received_subtitle (page, "凤山镇"), " · everything"));
    tx_test_save_screenshot (page, "overview-received");
  }

  /* both change the recommendation; the township sends its changes */
  change_advice (f->city, "市政协办公室：公示不少于十日。");
  g_usleep (2000);
  change_advice (f->township, "金山街道：公示不少于七日，并设意见箱。");
  changes = send_from_township (f, TRUE, "金山街道-20261127-变更数据.xml.gz");
  sent = (g_ptr_array_unref (sent), tx_office_list_sent (f->township, 0, &error));
  g_assert_cmpuint (sent->len, ==, 2);
  g_assert_nonnull (((TxSent *) g_ptr_array_index (sent, 0))->since);

  g_ptr_array_set_size (files, 0);
  g_ptr_array_add (files, g_file_new_for_path (changes));
  receive = tx_window_receive (f->window, files);
  tx_test_wait_until (receive_done, receive, "the file to be read");
  subtitles = file_subtitles (receive);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (subtitles, 0), "; 1 conflict"));
  g_clear_pointer (&subtitles, g_ptr_array_unref);
  g_assert_true (has_label (GTK_WIDGET (receive), "the recommendation “关于完善棚户区改造征收补偿公示的建议”"));
  tx_test_save_screenshot (receive, "receive-conflict");
  gtk_widget_activate_action (GTK_WIDGET (receive), "receive.import", NULL);
  tx_test_wait_until (receive_done, receive, "the file to be imported");
  g_assert_true (gtk_widget_get_visible (tx_test_get_template_child (receive, "conflicts_button")));

  /* both versions, side by side: the township's taken */
  gtk_widget_activate_action (GTK_WIDGET (receive), "receive.conflicts", NULL);
  tx_test_settle ();
  conflicts = tx_test_get_widget_of_type (TX_TYPE_CONFLICTS_DIALOG);
  g_assert_nonnull (conflicts);
  g_assert_cmpuint (tx_conflicts_dialog_get_n_open (conflicts), ==, 1);
  g_assert_true (has_label (GTK_WIDGET (conflicts), "市政协办公室：公示不少于十日。"));
  g_assert_true (has_label (GTK_WIDGET (conflicts), "金山街道：公示不少于七日，并设意见箱。"));
  g_assert_true (has_label (GTK_WIDGET (conflicts), "Content (differs)"));
  tx_test_save_screenshot (conflicts, "conflicts");
  outcome = tx_store_load_outcome (f->city, JIN_ADVICE, &error);
  g_assert_cmpstr (tx_outcome_get_content (outcome), ==, "市政协办公室：公示不少于十日。");
  g_clear_object (&outcome);

  gtk_widget_activate_action (GTK_WIDGET (conflicts), "conflicts.decide", "s", "theirs");
  g_assert_cmpuint (tx_conflicts_dialog_get_n_open (conflicts), ==, 0);
  outcome = tx_store_load_outcome (f->city, JIN_ADVICE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tx_outcome_get_content (outcome), ==, "金山街道：公示不少于七日，并设意见箱。");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (tx_test_get_template_child (conflicts, "stack")),
                   ==, "empty");
}

/* The city issues (下发) from the same dialog: the file named so, which
 * the township takes as the city's plan. */
static void
test_issue (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  TxSendDialog *dialog;

  g_assert_true (tx_exchange_export_with (f->township, &(TxExportOptions) { JINSHAN, FALSE, FALSE },
                                          path = g_build_filename (f->dir, "金山街道.xml.gz", NULL), &error));
  g_assert_true (tx_exchange_import_file (f->city, path, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tx_store_set_plan (f->city, "金山街道", 2001, 8, &error));
  g_clear_pointer (&path, g_free);

  dialog = tx_window_show_send (f->window);
  g_assert_true (gtk_widget_get_visible (tx_test_get_template_child (dialog, "issue_row")));
  tx_send_dialog_set_issue (dialog);
  g_assert_false (gtk_widget_get_sensitive (tx_test_get_template_child (dialog, "township_row")));
  name = tx_send_dialog_suggest_name (dialog);
  g_assert_cmpstr (name, ==, "全部乡镇-20261127-下发.xml.gz");
  path = g_build_filename (f->dir, name, NULL);
  file = g_file_new_for_path (path);
  tx_send_dialog_send_to (dialog, file);
  tx_test_wait_until (send_done, dialog, "the file to be written");

  g_assert_true (tx_exchange_import_file (f->township, path, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tx_store_get_plan (f->township, JINSHAN, 2001), ==, 8);

  /* a township's dialog has no such choice */
  dialog = tx_send_dialog_new (NULL, f->township, f->day);
  g_assert_false (gtk_widget_get_visible (tx_test_get_template_child (dialog, "issue_row")));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A plan both offices changed: Merge and Edit keeps the city's and
 * opens it where plans are edited, the year chosen, its field focused */
static void
test_edit_plan (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = g_build_filename (f->dir, "金山街道-1.xml.gz", NULL);
  g_autofree char *second = g_build_filename (f->dir, "金山街道-2.xml.gz", NULL);
  TxImportReport report = { 0, };
  TxConflictsDialog *conflicts;
  TxTownshipsDialog *townships;
  GtkWidget *focus;

  g_assert_true (tx_exchange_export_with (f->township, &(TxExportOptions) { JINSHAN, FALSE, FALSE }, first, &error));
  g_assert_true (tx_exchange_import_file (f->city, first, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tx_store_set_plan (f->city, JINSHAN, 2001, 8, &error));
  g_usleep (2000);
  g_assert_true (tx_store_set_plan (f->township, JINSHAN, 2001, 6, &error));
  g_usleep (2000);
  g_assert_true (tx_exchange_export_with (f->township, &(TxExportOptions) { JINSHAN, TRUE, FALSE }, second, &error));
  g_assert_true (tx_exchange_import_file (f->city, second, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.conflicts, ==, 1);

  conflicts = tx_window_show_conflicts (f->window);
  tx_test_settle ();
  g_assert_cmpuint (tx_conflicts_dialog_get_n_open (conflicts), ==, 1);
  g_assert_true (gtk_widget_get_visible (tx_test_get_template_child (conflicts, "edit_button")));
  gtk_widget_activate_action (GTK_WIDGET (conflicts), "conflicts.decide", "s", "edit");
  tx_test_settle ();
  /* not decided yet: theirs is still shown, to copy from */
  g_assert_cmpuint (tx_conflicts_dialog_get_n_open (conflicts), ==, 1);
  g_assert_cmpint (tx_store_get_plan (f->city, JINSHAN, 2001), ==, 8);

  townships = tx_test_get_widget_of_type (TX_TYPE_TOWNSHIPS_DIALOG);
  g_assert_nonnull (townships);
  g_assert_cmpint (tx_townships_dialog_get_year (townships), ==, 2001);
  focus = gtk_window_get_focus (GTK_WINDOW (townships));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (tx_townships_dialog_get_plan_spin (townships, JINSHAN))));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (tx_townships_dialog_get_plan_spin (townships, JINSHAN)), ==, 8);

  /* the two merged, 8 and 6, saved as 7: the conflict is decided with it */
  gtk_spin_button_set_value (tx_townships_dialog_get_plan_spin (townships, JINSHAN), 7);
  tx_test_settle ();
  g_assert_cmpint (tx_store_get_plan (f->city, JINSHAN, 2001), ==, 7);
  g_assert_cmpuint (tx_conflicts_dialog_get_n_open (conflicts), ==, 0);
  {
    g_autoptr(GPtrArray) all = tx_conflict_list (f->city, FALSE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (all->len, ==, 1);
    g_assert_cmpstr (((TxConflict *) g_ptr_array_index (all, 0))->resolution, ==, "ours");
  }
}

/* The row of @list titled @title */
static GtkWidget *
find_row (GtkListBox *list,
          const char *title)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
      return row;

  return NULL;
}

/* Whether @widget holds a row titled @title */
static gboolean
has_row (GtkWidget  *widget,
         const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (has_row (child, title))
      return TRUE;

  return FALSE;
}

static void
fill_form (AdwMessageDialog *form,
           const char       *name,
           const char       *leader,
           const char       *members)
{
  if (name != NULL)
    gtk_editable_set_text (g_object_get_data (G_OBJECT (form), "tx-name"), name);
  else
    g_assert_null (g_object_get_data (G_OBJECT (form), "tx-name"));
  gtk_editable_set_text (g_object_get_data (G_OBJECT (form), "tx-leader"), leader);
  if (members != NULL)
    gtk_editable_set_text (g_object_get_data (G_OBJECT (form), "tx-members"), members);
  tx_test_answer_message_dialog (form, "save");
  tx_test_settle ();
}

/* The city's work groups, defined and assigned in the window; the
 * Overview counts each group's townships by colour. */
static void
test_work_groups (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *jinshan = g_build_filename (f->dir, "金山街道.xml.gz", NULL);
  g_autofree char *fengshan = g_build_filename (f->dir, "凤山镇.xml.gz", NULL);
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GHashTable) by_township = NULL;
  TxOverviewPage *page = tx_test_get_widget (f->window, TX_TYPE_OVERVIEW_PAGE);
  TxWorkGroupsDialog *dialog;
  AdwMessageDialog *form;
  GtkListBox *overview_groups = tx_test_get_template_child (page, "work_groups_list");
  GtkWidget *row;
  TxWindow *township_window;

  g_assert_true (tx_exchange_export_with (f->township, &(TxExportOptions) { JINSHAN, FALSE, FALSE }, jinshan, &error));
  g_assert_true (tx_exchange_import_file (f->city, jinshan, NULL, NULL, &error));
  g_assert_true (tx_exchange_export_with (f->fengshan, &(TxExportOptions) { NULL, FALSE, FALSE }, fengshan, &error));
  g_assert_true (tx_exchange_import_file (f->city, fengshan, NULL, NULL, &error));
  g_assert_no_error (error);

  /* the city's menu offers them, a township's does not */
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "work-groups"));
  township_window = tx_window_new (NULL, f->township, f->day);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (township_window), "work-groups"));
  gtk_window_destroy (GTK_WINDOW (township_window));

  tx_test_wait_until (overview_is_read, page, "the Overview to be read");
  g_assert_false (gtk_widget_get_visible (tx_test_get_template_child (page, "work_groups_group")));

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "work-groups", NULL);
  dialog = tx_test_get_widget_of_type (TX_TYPE_WORK_GROUPS_DIALOG);
  g_assert_nonnull (dialog);

  /* added: the name needed first */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "work-groups.add", NULL);
  form = tx_test_find_message_dialog ();
  g_assert_false (adw_message_dialog_get_response_enabled (form, "save"));
  fill_form (form, " 第一工作组 ", "王建国", "李明、张华");
  groups = tx_work_group_list (f->city, &error);
  g_assert_cmpuint (groups->len, ==, 1);
  g_assert_cmpstr (((TxWorkGroup *) g_ptr_array_index (groups, 0))->name, ==, "第一工作组");
  g_assert_cmpstr (((TxWorkGroup *) g_ptr_array_index (groups, 0))->leader, ==, "王建国");
  g_assert_cmpstr (((TxWorkGroup *) g_ptr_array_index (groups, 0))->members, ==, "李明、张华");
  g_clear_pointer (&groups, g_ptr_array_unref);
  g_assert_nonnull (find_row (tx_test_get_template_child (dialog, "groups_list"), "第一工作组"));

  /* a name taken is not a second group */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "work-groups.add", NULL);
  fill_form (tx_test_find_message_dialog (), "第一工作组", "赵敏", NULL);
  groups = tx_work_group_list (f->city, &error);
  g_assert_cmpuint (groups->len, ==, 1);
  g_assert_cmpstr (((TxWorkGroup *) g_ptr_array_index (groups, 0))->leader, ==, "王建国");
  g_clear_pointer (&groups, g_ptr_array_unref);

  /* 金山街道 assigned to it */
  row = find_row (tx_test_get_template_child (dialog, "townships_list"), "金山街道");
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  tx_test_settle ();
  by_township = tx_work_group_by_township (f->city, &error);
  g_assert_cmpstr (g_hash_table_lookup (by_township, JINSHAN), ==, "第一工作组");
  g_assert_null (g_hash_table_lookup (by_township, "886cf027-6874-4503-bced-9220122e9ca4"));
  row = find_row (tx_test_get_template_child (dialog, "townships_list"), "金山街道");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (tx_test_get_template_child (dialog, "groups_list"),
                                                                                   "第一工作组"))), "Guides 金山街道"));
  tx_test_save_screenshot (dialog, "work-groups");

  /* the Overview, by group: each group's townships, then the others */
  tx_test_wait_until (overview_is_read, page, "the Overview to be read again");
  g_assert_true (gtk_widget_get_visible (tx_test_get_template_child (page, "work_groups_group")));
  row = find_row (overview_groups, "第一工作组");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), " green"));
  g_assert_nonnull (find_row (overview_groups, "Townships in No Work Group"));
  g_assert_false (has_row (row, "金山街道"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  g_assert_true (has_row (row, "金山街道"));
  g_assert_false (has_row (row, "凤山镇"));

  /* edited: the leader changes, the members stay */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "work-groups.edit", "s", "第一工作组");
  fill_form (tx_test_find_message_dialog (), NULL, "钱进", NULL);
  groups = tx_work_group_list (f->city, &error);
  g_assert_cmpstr (((TxWorkGroup *) g_ptr_array_index (groups, 0))->leader, ==, "钱进");
  g_assert_cmpstr (((TxWorkGroup *) g_ptr_array_index (groups, 0))->members, ==, "李明、张华");
  g_clear_pointer (&groups, g_ptr_array_unref);

  /* deleted, when confirmed: its townships in none */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "work-groups.delete", "s", "第一工作组");
  tx_test_answer_message_dialog (tx_test_find_message_dialog (), "delete");
  tx_test_settle ();
  groups = tx_work_group_list (f->city, &error);
  g_assert_cmpuint (groups->len, ==, 0);
  g_assert_null (find_row (tx_test_get_template_child (dialog, "groups_list"), "第一工作组"));
  tx_test_wait_until (overview_is_read, page, "the Overview to be read again");
  g_assert_false (gtk_widget_get_visible (tx_test_get_template_child (page, "work_groups_group")));
}

/* In Chinese, as a clerk sees it: the city's preview of two files, one
 * bringing a conflict, and the conflict side by side.  Skipped where
 * zh_CN.UTF-8 is not installed (build-aux/dev installs it). */
static void
fixture_set_up_zh_cn (Fixture       *f,
                      gconstpointer  data)
{
  if (tx_test_use_chinese ())
    fixture_set_up (f, data);
}

static void
fixture_tear_down_zh_cn (Fixture       *f,
                         gconstpointer  data)
{
  if (f->dir != NULL)
    fixture_tear_down (f, data);
  tx_test_use_english ();
}

static gboolean
archive_written (gpointer dialog)
{
  return !tx_year_archive_dialog_is_busy (dialog);
}

static gboolean
is_gone (gpointer pointer)
{
  return *(gpointer *) pointer == NULL;
}

static gboolean
has_label_containing (GtkWidget  *widget,
                      const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (has_label_containing (child, text))
      return TRUE;
  return FALSE;
}

/* 导出年度台账, in Chinese: the township and the year chosen, the zip
 * named after them; stopped at once, nothing is written and the dialog
 * stays; written, the dialog goes, the zip holds the dossier and the
 * index, and the window's toast says where it went */
static void
test_year_archive (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *name = NULL;
  g_autofree char *chosen = NULL;
  g_autofree char *zip = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *command = NULL;
  g_autoptr(GFile) file = NULL;
  TxYearArchiveDialog *dialog;
  TxWindow *window;

  if (f->dir == NULL)
    return;   /* no Chinese here */

  window = tx_window_new (NULL, f->township, f->day);
  gtk_window_present (GTK_WINDOW (window));
  dialog = tx_window_show_year_archive (window);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  tx_year_archive_dialog_select (dialog, "金山街道", 2001);
  name = tx_year_archive_dialog_suggest_name (dialog);
  g_assert_cmpstr (name, ==, "金山街道2001年台账.zip");
  tx_test_settle ();
  tx_test_save_screenshot (dialog, "year-archive");

  /* the clerk typed a name without .zip */
  chosen = g_build_filename (f->dir, "金山街道2001年台账", NULL);
  zip = g_strconcat (chosen, ".zip", NULL);
  file = g_file_new_for_path (chosen);

  tx_year_archive_dialog_write_to (dialog, file);
  g_assert_true (tx_year_archive_dialog_is_busy (dialog));
  g_assert_true (gtk_widget_get_visible (tx_test_get_template_child (dialog, "progress_group")));
  g_assert_false (gtk_widget_get_sensitive (tx_test_get_template_child (dialog, "choice_group")));
  g_signal_emit_by_name (tx_test_get_template_child (dialog, "cancel_button"), "clicked");
  tx_test_wait_until (archive_written, dialog, "the writing to stop");
  g_assert_false (g_file_test (zip, G_FILE_TEST_EXISTS));
  g_assert_nonnull (dialog);
  g_assert_true (has_label_containing (GTK_WIDGET (dialog), "已停止，未写入任何文件"));
  g_assert_true (gtk_widget_get_sensitive (tx_test_get_template_child (dialog, "choice_group")));

  tx_year_archive_dialog_write_to (dialog, file);
  tx_test_wait_until (is_gone, &dialog, "the zip to be written");
  g_assert_true (g_file_test (zip, G_FILE_TEST_IS_REGULAR));
  command = g_strdup_printf ("unzip -Z1 '%s'", zip);
  g_assert_true (g_spawn_command_line_sync (command, &listing, NULL, NULL, NULL));
  g_assert_nonnull (strstr (listing, "01-"));
  g_assert_nonnull (strstr (listing, ".pdf\n"));
  g_assert_nonnull (strstr (listing, "台账目录.xlsx"));
  tx_test_settle ();
  g_assert_true (has_label_containing (GTK_WIDGET (window), "金山街道2001年台账.zip"));
  tx_test_save_screenshot (window, "year-archive-written");
}

static void
test_zh_cn (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = g_build_filename (f->dir, "金山街道-1.xml.gz", NULL);
  g_autofree char *fengshan = g_build_filename (f->dir, "凤山镇-20261127-全部数据.xml.gz", NULL);
  g_autofree char *changes = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) subtitles = NULL;
  TxReceiveDialog *receive;
  TxConflictsDialog *conflicts;

  if (f->dir == NULL)
    return;

  g_assert_true (tx_exchange_export_with (f->township, &(TxExportOptions) { JINSHAN, FALSE, FALSE }, first, &error));
  g_assert_true (tx_exchange_import_file (f->city, first, NULL, NULL, &error));
  g_assert_true (tx_exchange_export_with (f->fengshan, &(TxExportOptions) { NULL, FALSE, FALSE }, fengshan, &error));
  g_assert_no_error (error);
  change_advice (f->city, "市政协办公室：公示不少于十日。");
  g_usleep (2000);
  change_advice (f->township, "金山街道：公示不少于七日，并设意见箱。");
  changes = send_from_township (f, TRUE, "金山街道-20261127-变更数据.xml.gz");

  /* the preview: what each file would do, the conflict named */
  g_ptr_array_add (files, g_file_new_for_path (changes));
  g_ptr_array_add (files, g_file_new_for_path (fengshan));
  receive = tx_window_receive (f->window, files);
  tx_test_wait_until (receive_done, receive, "the files to be read");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (receive)), ==, "接收数据");
  subtitles = file_subtitles (receive);
  g_assert_cmpuint (subtitles->len, ==, 2);
  g_test_message ("%s", (char *) g_ptr_array_index (subtitles, 0));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (subtitles, 0), "导入后将："));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (subtitles, 0), "；冲突 1 处"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (subtitles, 1), "导入后将："));
  g_assert_true (has_label (GTK_WIDGET (receive), "协商建言“关于完善棚户区改造征收补偿公示的建议”"));
  tx_test_save_screenshot (receive, "receive-preview-zh_CN");

  gtk_widget_activate_action (GTK_WIDGET (receive), "receive.import", NULL);
  tx_test_wait_until (receive_done, receive, "the files to be imported");
  g_clear_pointer (&subtitles, g_ptr_array_unref);
  subtitles = file_subtitles (receive);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (subtitles, 0), "已导入："));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (subtitles, 1), "已导入："));
  tx_test_save_screenshot (receive, "receive-imported-zh_CN");

  /* the conflict, both versions side by side */
  gtk_widget_activate_action (GTK_WIDGET (receive), "receive.conflicts", NULL);
  tx_test_settle ();
  conflicts = tx_test_get_widget_of_type (TX_TYPE_CONFLICTS_DIALOG);
  g_assert_nonnull (conflicts);
  g_assert_true (has_label (GTK_WIDGET (conflicts), "内容（不同）"));
  g_assert_true (has_label (GTK_WIDGET (conflicts), "市政协办公室：公示不少于十日。"));
  g_assert_true (has_label (GTK_WIDGET (conflicts), "金山街道：公示不少于七日，并设意见箱。"));
  tx_test_save_screenshot (conflicts, "conflicts-zh_CN");
}

static void
on_create_city_cb (TxWelcomePage *page,
                   const char    *organization,
                   char         **told)
{
  *told = g_strdup (organization);
}

static void
on_create_township_cb (TxWelcomePage *page,
                       const char    *name,
                       int            kind,
                       const char    *organization,
                       gboolean      *told)
{
  *told = TRUE;
}

/* At first run, the welcome page asks which office the database is:
 * the city office's names no township of its own. */
static void
test_welcome_city (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *welcome = tx_welcome_page_new ();
  g_autofree char *organization = NULL;
  gboolean township = FALSE;

  gtk_window_set_child (GTK_WINDOW (window), welcome);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (welcome, "create-city", G_CALLBACK (on_create_city_cb), &organization);
  g_signal_connect (welcome, "create", G_CALLBACK (on_create_township_cb), &township);

  /* a township's, first: it needs its name */
  g_assert_true (gtk_widget_get_visible (tx_test_get_template_child (welcome, "name_row")));
  g_assert_false (gtk_widget_get_sensitive (tx_test_get_template_child (welcome, "create_button")));

  adw_combo_row_set_selected (tx_test_get_template_child (welcome, "office_row"), 1);
  g_assert_false (gtk_widget_get_visible (tx_test_get_template_child (welcome, "name_row")));
  g_assert_false (gtk_widget_get_visible (tx_test_get_template_child (welcome, "kind_row")));
  g_assert_true (gtk_widget_get_sensitive (tx_test_get_template_child (welcome, "create_button")));
  g_assert_cmpstr (adw_preferences_group_get_title (tx_test_get_template_child (welcome, "set_up_group")), ==,
                   "Set Up the City Office");
  gtk_editable_set_text (GTK_EDITABLE (tx_test_get_template_child (welcome, "organization_row")), " 政协福泉市委员会办公室 ");
  gtk_widget_activate_action (welcome, "welcome.create", NULL);
  g_assert_cmpstr (organization, ==, "政协福泉市委员会办公室");
  g_assert_false (township);

  /* back to a township's */
  adw_combo_row_set_selected (tx_test_get_template_child (welcome, "office_row"), 0);
  g_assert_true (gtk_widget_get_visible (tx_test_get_template_child (welcome, "name_row")));
  g_assert_false (gtk_widget_get_sensitive (tx_test_get_template_child (welcome, "create_button")));
  gtk_window_destroy (GTK_WINDOW (window));
}

static guint
office_kind_index (const char *kind)
{
  const TxSettingInfo *info = tx_settings_lookup ("office-kind");

  for (guint i = 0; info->choices[i] != NULL; i++)
    if (g_str_equal (info->choices[i], kind))
      return i;
  g_assert_not_reached ();
}

typedef struct {
  TxOverviewPage *page;
  gboolean        shown;
} ReceivedShown;

static gboolean
received_shown (gpointer data)
{
  ReceivedShown *wanted = data;

  return overview_is_read (wanted->page) &&
         gtk_widget_get_visible (tx_test_get_template_child (wanted->page, "received_group")) == wanted->shown;
}

/* Which office a database is, changed in Preferences: the window adapts
 * at once, the city's work groups and the data received offered to the
 * city only */
static void
test_office_kind (Fixture       *f,
                  gconstpointer  data)
{
  TxWindow *window = tx_window_new (NULL, f->township, f->day);
  TxOverviewPage *page = tx_test_get_widget (window, TX_TYPE_OVERVIEW_PAGE);
  TxSettings *settings = tx_store_get_settings (f->township);
  TxPreferencesWindow *preferences;
  ReceivedShown wanted = { page, FALSE };
  GtkWidget *control;

  gtk_window_present (GTK_WINDOW (window));
  tx_test_wait_until (received_shown, &wanted, "the township's Overview, without the data received");
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "work-groups"));

  preferences = tx_preferences_window_new (GTK_WINDOW (window), f->township);
  gtk_window_present (GTK_WINDOW (preferences));
  control = tx_preferences_window_get_control (preferences, "office-kind");
  g_assert_true (ADW_IS_COMBO_ROW (control));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (control)), ==, office_kind_index ("township"));

  /* the city office's database */
  adw_combo_row_set_selected (ADW_COMBO_ROW (control), office_kind_index ("city"));
  g_assert_cmpstr (tx_settings_get_office_kind (settings), ==, "city");
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "work-groups"));
  wanted.shown = TRUE;
  tx_test_wait_until (received_shown, &wanted, "the Overview to list the data received from each township");
  g_assert_nonnull (received_subtitle (page, "金山街道"));

  /* and a township's again */
  adw_combo_row_set_selected (ADW_COMBO_ROW (control), office_kind_index ("township"));
  g_assert_cmpstr (tx_settings_get_office_kind (settings), ==, "township");
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "work-groups"));
  wanted.shown = FALSE;
  tx_test_wait_until (received_shown, &wanted, "the Overview to leave out the data received");

  /* what another writer sets shows in the open window too */
  g_assert_true (tx_settings_set_text (settings, "office-kind", "city", NULL));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (control)), ==, office_kind_index ("city"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "work-groups"));
}

static gboolean
has_file_rows (gpointer dialog)
{
  g_autoptr(GPtrArray) subtitles = file_subtitles (dialog);

  return subtitles->len > 0;
}

/* A city chooses a dozen files at once: the dialog lists them a few a
 * frame, not all in its first frame, and then each with what became of
 * it (here, none is an exchange file) */
static void
test_many_files (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) subtitles = NULL;
  TxReceiveDialog *receive;

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("乡镇%02u.tongxin", i + 1);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_assert_true (g_file_set_contents (path, "这不是交换文件", -1, NULL));
      g_ptr_array_add (files, g_file_new_for_path (path));
    }

  receive = tx_window_receive (f->window, files);
  tx_test_wait_until (has_file_rows, receive, "the first files' rows");
  subtitles = file_subtitles (receive);
  g_assert_cmpuint (subtitles->len, >, 0);
  g_assert_cmpuint (subtitles->len, <, 12);
  g_clear_pointer (&subtitles, g_ptr_array_unref);

  tx_test_wait_until (receive_done, receive, "the files to be read");
  tx_test_settle ();
  subtitles = file_subtitles (receive);
  g_assert_cmpuint (subtitles->len, ==, 12);
  for (guint i = 0; i < subtitles->len; i++)
    g_assert_true (g_str_has_prefix (g_ptr_array_index (subtitles, i), "Not imported: "));
  gtk_window_destroy (GTK_WINDOW (receive));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  tx_test_init_gui ();

  g_test_add ("/gui/exchange-window/send-receive-decide", Fixture, NULL, fixture_set_up, test_send_receive_decide,
              fixture_tear_down);

  g_test_add ("/gui/exchange-window/many-files", Fixture, NULL, fixture_set_up, test_many_files, fixture_tear_down);
  g_test_add ("/gui/exchange-window/welcome-city", Fixture, NULL, fixture_set_up, test_welcome_city, fixture_tear_down);
  g_test_add ("/gui/exchange-window/issue", Fixture, NULL, fixture_set_up, test_issue, fixture_tear_down);
  g_test_add ("/gui/exchange-window/work-groups", Fixture, NULL, fixture_set_up, test_work_groups, fixture_tear_down);
  g_test_add ("/gui/exchange-window/zh_CN", Fixture, NULL, fixture_set_up_zh_cn, test_zh_cn, fixture_tear_down_zh_cn);
  g_test_add ("/gui/exchange-window/year-archive", Fixture, NULL, fixture_set_up_zh_cn, test_year_archive,
              fixture_tear_down_zh_cn);
  g_test_add ("/gui/exchange-window/office-kind", Fixture, NULL, fixture_set_up, test_office_kind, fixture_tear_down);
  g_test_add ("/gui/exchange-window/edit-plan", Fixture, NULL, fixture_set_up, test_edit_plan, fixture_tear_down);

  return g_test_run ();
}
