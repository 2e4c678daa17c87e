/* test-print-tabs.c — the tabs Tongxin adds to the print dialog, as a
 * clerk fills them
 *
 * An export never shows the print dialog, so GTK never asks for its
 * tab: here the tests do what the dialog does.  They ask the print
 * operation for the tab ("create-custom-widget"), show it in a window,
 * tick and untick its buttons as a click would, hand it back before
 * printing ("custom-widget-apply"), and then write the PDF and read
 * it: the roster prints the columns ticked, the sign-in sheet the
 * columns and the order chosen, and the next print keeps what is kept.
 *
 * Runs under a display (Xvfb), on the sample data placed around
 * 2026-11-27, with the window's "today" set to that day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-print-tabs"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "tx-consultation-documents-section-private.h"
#include "tx-consultation-editor.h"
#include "tx-consultations-page.h"
#include "tx-doc-format.h"
#include "tx-exchange.h"
#include "tx-records.h"
#include "tx-roster-page-private.h"
#include "tx-roster.h"
#include "tx-settings.h"
#include "tx-test-gui.h"
#include "tx-test-pdf.h"
#include "tx-window.h"

#define SHUANGGU "双谷村新型农村综合体建设协商"

/* A person of the sample: their unit, notes and mobile number */
#define LUO_ORGANIZATION "金山街道党工委"
#define LUO_NOTES        "分管街道政协联络组工作"
#define LUO_PHONE        "13900127179"
#define LUO_PHONE_MASKED "139****7179"

typedef struct {
  char     *dir;
  TxStore  *store;
  TxDay    *day;
  TxWindow *window;
  gboolean  changed;   /* change_roster_once() */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  TxImportReport report = { 0 };

  fixture->dir = g_dir_make_tmp ("tongxin-test-print-tabs-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "tongxin.db", NULL);
  fixture->store = tx_store_open (path, &error);
  g_assert_no_error (error);

  if (!tx_exchange_load_demo (fixture->store, tx_date_new (2026, 11, 27), &report, &error))
    {
      g_autofree char *why = g_strdup_printf ("The sample data cannot be loaded: %s", error->message);

      g_test_skip (why);
      return;
    }

  fixture->day = tx_test_day_new ("2026-11-27");
  fixture->window = tx_window_new (NULL, fixture->store, fixture->day);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1366, 768);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tx_test_destroy_windows ();
  fixture->window = NULL;
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->day);

  tx_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static gpointer
show_page (Fixture    *fixture,
           const char *name,
           GType       type)
{
  AdwViewStack *view_stack = tx_test_get_template_child (fixture->window, "view_stack");

  adw_view_stack_set_visible_child_name (view_stack, name);
  return tx_test_get_widget (fixture->window, type);
}

/* The print dialog's tab, as the dialog does it */

/* The tab of @print, in a window of its own as in the dialog. */
static GtkWidget *
open_tab (Fixture      *fixture,
          TxTablePrint *print)
{
  GtkWidget *dialog = gtk_window_new ();
  GtkWidget *tab = NULL;

  g_signal_emit_by_name (tx_table_print_get_operation (print), "create-custom-widget", &tab);
  g_assert_true (GTK_IS_WIDGET (tab));

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (fixture->window));
  gtk_window_set_child (GTK_WINDOW (dialog), tab);
  gtk_window_present (GTK_WINDOW (dialog));
  tx_test_settle ();

  return tab;
}

/* The check button of the tab labelled @label (with its mnemonic). */
static GtkCheckButton *
find_check (GtkWidget  *widget,
            const char *label)
{
  if (GTK_IS_CHECK_BUTTON (widget) &&
      g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0)
    return GTK_CHECK_BUTTON (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkCheckButton *found = find_check (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_ticked (GtkWidget  *tab,
           const char *label)
{
  GtkCheckButton *check = find_check (tab, label);

  g_assert_nonnull (check);
  return gtk_check_button_get_active (check);
}

/* Clicks @label, as the space bar does on a button with the focus;
 * then it is @ticked. */
static void
click (GtkWidget  *tab,
       const char *label,
       gboolean    ticked)
{
  GtkCheckButton *check = find_check (tab, label);

  g_assert_nonnull (check);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (check)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (check)));
  g_assert_true (gtk_widget_activate (GTK_WIDGET (check)));
  g_assert_cmpint (gtk_check_button_get_active (check), ==, ticked);
}

/* Print: the dialog hands its tab back, closes, and the pages print. */
static char *
print_with_tab (Fixture      *fixture,
                TxTablePrint *print,
                GtkWidget    *tab,
                const char   *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_signal_emit_by_name (tx_table_print_get_operation (print), "custom-widget-apply", tab);
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (tab)));

  g_assert_true (tx_table_print_run (print, GTK_WINDOW (fixture->window), file, &error));
  g_assert_no_error (error);

  return tx_test_read_pdf_text (path);
}

/* The roster: its phone numbers and its columns */

static char *
print_roster (Fixture      *fixture,
              TxRosterPage *page,
              const char   *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (tx_roster_page_print_to_file (page, file, &error));
  g_assert_no_error (error);

  return tx_test_read_pdf_text (path);
}

/* As the first page is about to be drawn: every note changed, and
 * someone deleted */
static void
change_roster_once (GtkPrintOperation *operation,
                    GtkPrintContext   *context,
                    int                page_nr,
                    GtkPageSetup      *setup,
                    Fixture           *fixture)
{
  if (fixture->changed)
    return;
  fixture->changed = TRUE;
  g_assert_cmpint (sqlite3_exec (tx_store_get_db (fixture->store),
                                 "UPDATE person SET notes = '又改的备注'; "
                                 "DELETE FROM person_category WHERE person_id = (SELECT id FROM person WHERE name = '测试1'); "
                                 "DELETE FROM person WHERE name = '测试1'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
test_roster_tab (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TxTablePrint) print = NULL;
  g_autoptr(TxTablePrint) next = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  TxRosterPage *page;
  GtkWidget *tab;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  page = show_page (fixture, "roster", TX_TYPE_ROSTER_PAGE);

  /* Untouched: the default columns, the numbers hidden. */
  before = print_roster (fixture, page, "人员名册.pdf");
  g_assert_nonnull (strstr (before, "单位及职务"));
  g_assert_nonnull (strstr (before, LUO_ORGANIZATION));
  g_assert_nonnull (strstr (before, LUO_PHONE_MASKED));
  g_assert_null (strstr (before, "备注"));
  g_assert_null (strstr (before, LUO_NOTES));
  g_assert_null (strstr (before, LUO_PHONE));

  /* The tab shows that, and the clerk changes it. */
  print = tx_roster_page_create_print (page, &error);
  g_assert_no_error (error);
  tab = open_tab (fixture, print);
  g_assert_false (is_ticked (tab, "Print _full phone numbers"));
  g_assert_true (is_ticked (tab, "Organization"));
  g_assert_false (is_ticked (tab, "Notes"));
  click (tab, "Print _full phone numbers", TRUE);
  click (tab, "Organization", FALSE);
  click (tab, "Notes", TRUE);

  text = print_with_tab (fixture, print, tab, "人员名册-tab.pdf");
  g_assert_null (strstr (text, "单位及职务"));
  g_assert_null (strstr (text, LUO_ORGANIZATION));
  g_assert_nonnull (strstr (text, "备注"));
  g_assert_nonnull (strstr (text, LUO_NOTES));
  g_assert_nonnull (strstr (text, LUO_PHONE));
  g_assert_null (strstr (text, LUO_PHONE_MASKED));

  /* Full numbers and the columns are kept, for the page's Print menu
   * and the next print, its tab included. */
  g_assert_true (tx_roster_page_get_print_full_phones (page));
  next = tx_roster_page_create_print (page, &error);
  g_assert_no_error (error);
  tab = open_tab (fixture, next);
  g_assert_true (is_ticked (tab, "Print _full phone numbers"));
  g_assert_false (is_ticked (tab, "Organization"));
  g_assert_true (is_ticked (tab, "Notes"));
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (tab)));

  again = print_roster (fixture, page, "人员名册-again.pdf");
  g_assert_nonnull (strstr (again, LUO_PHONE));
  g_assert_null (strstr (again, LUO_PHONE_MASKED));
  g_assert_nonnull (strstr (again, LUO_NOTES));
  g_assert_null (strstr (again, LUO_ORGANIZATION));

  /* The people are read when the pages are laid out (in a thread, on a
   * connection of its own), not when the print is made: a note changed
   * in between prints as changed. */
  g_clear_object (&print);
  g_clear_pointer (&text, g_free);
  print = tx_roster_page_create_print (page, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (tx_store_get_db (fixture->store),
                                 "UPDATE person SET notes = '改后的备注' WHERE instr (notes, '" LUO_NOTES "') > 0",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  tab = open_tab (fixture, print);
  text = print_with_tab (fixture, print, tab, "人员名册-changed.pdf");
  g_assert_nonnull (strstr (text, "改后的备注"));
  g_assert_null (strstr (text, LUO_NOTES));

  /* Then a few hundred at a time, laid out and drawn, all of them as
   * they were when the pages were laid out: notes changed and someone
   * deleted as the first page is about to be drawn change nothing. */
  g_clear_object (&print);
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (sqlite3_exec (tx_store_get_db (fixture->store),
                                 "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 700) "
                                 "INSERT INTO person (uuid, name, notes, updated_at, sort_pinyin, sort_strokes) "
                                 "SELECT printf ('00000000-0000-4000-8000-%012d', i), '测试' || i, '原来的备注', "
                                 "       '2026-11-27T00:00:00.000Z', tx_pinyin_key ('测试' || i), tx_strokes_key ('测试' || i) "
                                 "FROM n",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  print = tx_roster_page_create_print (page, &error);
  g_assert_no_error (error);
  g_signal_connect (tx_table_print_get_operation (print), "request-page-setup",
                    G_CALLBACK (change_roster_once), fixture);
  fixture->changed = FALSE;
  tab = open_tab (fixture, print);
  text = print_with_tab (fixture, print, tab, "人员名册-held.pdf");
  g_assert_true (fixture->changed);
  g_assert_null (strstr (text, "又改的备注"));
  g_assert_cmpuint (tx_test_count (text, "原来的备注"), ==, 700);
  g_assert_true (g_regex_match_simple ("测试1(?![0-9])", text, 0, 0));
}

/* The sign-in sheet: its order and its optional columns */

static gboolean
editor_shows (gpointer data)
{
  GtkWidget *editor = data;
  GtkStack *stack = tx_test_get_template_child (editor, "stack");
  GtkLabel *title = tx_test_get_template_child (editor, "title_label");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "form") == 0 &&
         gtk_widget_get_mapped (GTK_WIDGET (stack)) &&
         g_strcmp0 (gtk_label_get_label (title), SHUANGGU) == 0;
}

/* Shows the consultation titled @title in the editor, as a click in
 * the list does. */
static GtkWidget *
choose_consultation (Fixture    *fixture,
                     const char *title)
{
  GtkWidget *page = show_page (fixture, "consultations", TX_TYPE_CONSULTATIONS_PAGE);
  GtkSingleSelection *selection = tx_test_get_template_child (page, "selection");
  GtkWidget *editor = tx_test_get_widget (page, TX_TYPE_CONSULTATION_EDITOR);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr(TxConsultation) item = g_list_model_get_item (G_LIST_MODEL (selection), i);

      if (g_strcmp0 (tx_consultation_get_title (item), title) == 0)
        gtk_single_selection_set_selected (selection, i);
    }
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), !=, GTK_INVALID_LIST_POSITION);
  tx_test_wait_until (editor_shows, editor, "the editor to show the consultation chosen");

  return editor;
}

/* The number of someone invited, as a sheet prints it: hidden. */
static char *
dup_participant_phone (Fixture    *fixture,
                       const char *title)
{
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *participants;

  consultation = tx_store_load_consultation (fixture->store, title, &error);
  g_assert_no_error (error);
  participants = tx_consultation_get_participants (consultation);
  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);
      g_autoptr(TxPerson) person = tx_roster_find_person (fixture->store, participant->person_uuid, &error);

      g_assert_no_error (error);
      if (person != NULL && tx_person_get_phone (person) != NULL && tx_person_get_phone (person)[0] != '\0')
        return tx_doc_mask_phone (tx_person_get_phone (person));
    }

  g_error ("No one invited to “%s” has a phone number", title);
}

static char *
print_signin_sheet (Fixture    *fixture,
                    GtkWidget  *editor,
                    const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GtkPrintOperation) operation = NULL;

  operation = tx_consultation_editor_print_signin_sheet (TX_CONSULTATION_EDITOR (editor), file);
  g_assert_nonnull (operation);

  return tx_test_read_pdf_text (path);
}

#define SIGNIN_BY_STROKES  "By surname _strokes"
#define SIGNIN_CATEGORIES  "Print each person’s c_ategories (身份类别)"
#define SIGNIN_PHONES      "Print _phone numbers (联系电话)"

static void
test_signin_tab (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TxTablePrint) print = NULL;
  g_autoptr(TxTablePrint) next = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *order = NULL;
  g_autofree char *before = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_autofree char *fewer = NULL;
  TxConsultationDocumentsSection *section;
  GtkWidget *editor;
  GtkWidget *tab;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  editor = choose_consultation (fixture, SHUANGGU);
  section = tx_test_get_widget (editor, TX_TYPE_CONSULTATION_DOCUMENTS_SECTION);
  phone = dup_participant_phone (fixture, SHUANGGU);

  /* A sheet to sign: by category, neither column unless asked. */
  before = print_signin_sheet (fixture, editor, "签到表.pdf");
  g_assert_nonnull (strstr (before, "签名"));
  g_assert_null (strstr (before, "身份类别"));
  g_assert_null (strstr (before, "联系电话"));
  g_assert_null (strstr (before, phone));
  g_assert_null (strstr (before, "按姓氏笔画为序"));

  print = tx_consultation_documents_section_create_signin_print (section, FALSE);
  g_assert_nonnull (print);
  tab = open_tab (fixture, print);
  g_assert_false (is_ticked (tab, SIGNIN_BY_STROKES));
  g_assert_false (is_ticked (tab, SIGNIN_CATEGORIES));
  g_assert_false (is_ticked (tab, SIGNIN_PHONES));
  click (tab, SIGNIN_BY_STROKES, TRUE);
  click (tab, SIGNIN_CATEGORIES, TRUE);
  click (tab, SIGNIN_PHONES, TRUE);

  text = print_with_tab (fixture, print, tab, "签到表-tab.pdf");
  g_assert_nonnull (strstr (text, "身份类别"));
  g_assert_nonnull (strstr (text, "联系电话"));
  g_assert_nonnull (strstr (text, phone));
  g_assert_nonnull (strstr (text, "按姓氏笔画为序"));

  /* Kept in the settings, as tongxin-cli and Preferences read them:
   * the next sheet is printed so straight away… */
  order = tx_store_get_setting (fixture->store, "signin-order");
  g_assert_cmpstr (order, ==, "strokes");
  g_assert_true (tx_settings_get_signin_categories (tx_store_get_settings (fixture->store)));
  g_assert_true (tx_settings_get_signin_phones (tx_store_get_settings (fixture->store)));
  again = print_signin_sheet (fixture, editor, "签到表-again.pdf");
  g_assert_nonnull (strstr (again, "身份类别"));
  g_assert_nonnull (strstr (again, "联系电话"));
  g_assert_nonnull (strstr (again, phone));
  g_assert_nonnull (strstr (again, "按姓氏笔画为序"));

  /* …or through the dialog, whose tab shows them ticked. */
  next = tx_consultation_documents_section_create_signin_print (section, FALSE);
  g_assert_nonnull (next);
  tab = open_tab (fixture, next);
  g_assert_true (is_ticked (tab, SIGNIN_BY_STROKES));
  g_assert_true (is_ticked (tab, SIGNIN_CATEGORIES));
  g_assert_true (is_ticked (tab, SIGNIN_PHONES));
  click (tab, SIGNIN_PHONES, FALSE);

  fewer = print_with_tab (fixture, next, tab, "签到表-fewer.pdf");
  g_assert_nonnull (strstr (fewer, "身份类别"));
  g_assert_null (strstr (fewer, "联系电话"));
  g_assert_null (strstr (fewer, phone));
  g_assert_false (tx_settings_get_signin_phones (tx_store_get_settings (fixture->store)));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  tx_test_init_gui ();

  g_test_add ("/gui/print-tabs/roster", Fixture, NULL,
              fixture_set_up, test_roster_tab, fixture_tear_down);
  g_test_add ("/gui/print-tabs/signin-sheet", Fixture, NULL,
              fixture_set_up, test_signin_tab, fixture_tear_down);

  return g_test_run ();
}
