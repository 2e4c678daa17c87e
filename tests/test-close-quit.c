/* test-close-quit.c — nothing typed is lost when the window closes or
 * Tongxin quits
 *
 * Runs under a display (Xvfb), on the sample data placed around
 * 2026-11-27, in a window of the application.  The clerk types in the
 * consultation editor, the recommendation editor and a person dialog,
 * then closes the window (its ✕, Ctrl+W) or quits (app.quit, Ctrl+Q):
 * each change is asked about, one after the other, with Save, Discard
 * and Cancel.  The database is read back after: saved, unchanged, or the
 * window still open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-close-quit"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "tx-application.h"
#include "tx-backup-dialog.h"
#include "tx-circular-dialog.h"
#include "tx-consultation-editor.h"
#include "tx-exchange.h"
#include "tx-guide-window.h"
#include "tx-import-dialog.h"
#include "tx-outcome-editor.h"
#include "tx-person-editor.h"
#include "tx-preferences-window.h"
#include "tx-records.h"
#include "tx-roster.h"
#include "tx-test-gui.h"
#include "tx-townships-dialog.h"
#include "tx-trash-dialog.h"
#include "tx-version.h"
#include "tx-window.h"

#define TODAY "2026-11-27"
#define SHUANGGU "双谷村新型农村综合体建设协商"
#define OVERDUE_TITLE "关于在安置点建设标准化厂房稳定搬迁群众就业的建议"
#define RECORDER "王秀英"
#define NEW_TITLE "关于建设标准化厂房稳定就业的建议"
#define NEW_NAME "杨光辉"

typedef struct {
  char           *dir;
  TxStore        *store;
  TxDay          *day;
  GApplication   *app;
  TxWindow       *window;           /* weak */
  TxPersonEditor *person_editor;    /* weak */
  TxEditor       *consultation_editor;
  TxEditor       *outcome_editor;

  /* as read before the clerk typed */
  char           *consultation_uuid;
  char           *recorder;
  char           *outcome_uuid;
  char           *person_uuid;
  char           *person_name;
} Fixture;

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autofree char *path = NULL;
  TxPersonFilter filter = { 0 };
  TxImportReport report = { 0 };

  fixture->dir = g_dir_make_tmp ("tongxin-test-close-quit-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "tongxin.db", NULL);
  fixture->store = tx_store_open (path, &error);
  g_assert_no_error (error);

  if (!tx_exchange_load_demo (fixture->store, tx_date_from_iso (TODAY), &report, &error))
    {
      g_autofree char *why = g_strdup_printf ("The sample data cannot be loaded: %s", error->message);

      g_test_skip (why);
      return;
    }

  consultation = tx_store_load_consultation (fixture->store, SHUANGGU, &error);
  g_assert_no_error (error);
  fixture->consultation_uuid = g_strdup (tx_consultation_get_uuid (consultation));
  fixture->recorder = g_strdup (tx_consultation_get_recorder (consultation));
  g_assert_cmpstr (fixture->recorder, !=, RECORDER);

  outcomes = tx_store_list_outcomes (fixture->store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < outcomes->len; i++)
    if (g_str_equal (tx_outcome_get_title (g_ptr_array_index (outcomes, i)), OVERDUE_TITLE))
      fixture->outcome_uuid = g_strdup (tx_outcome_get_uuid (g_ptr_array_index (outcomes, i)));
  g_assert_nonnull (fixture->outcome_uuid);

  people = tx_roster_query (fixture->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, >, 0);
  fixture->person_uuid = g_strdup (tx_person_get_uuid (g_ptr_array_index (people, 0)));
  fixture->person_name = g_strdup (tx_person_get_name (g_ptr_array_index (people, 0)));

  /* The application, as Tongxin runs it; not unique, so tests may run
   * side by side, and an id of its own: registered and never run, it
   * stays on the bus until the test ends. */
  fixture->app = G_APPLICATION (tx_application_new ());
  g_application_set_flags (fixture->app, G_APPLICATION_NON_UNIQUE);
  {
    static guint n_apps;
    g_autofree char *id = g_strdup_printf ("%s.Test%u", APP_ID, ++n_apps);

    g_application_set_application_id (fixture->app, id);
  }
  g_application_register (fixture->app, NULL, &error);
  g_assert_no_error (error);

  fixture->day = tx_test_day_new (TODAY);
  fixture->window = tx_window_new (GTK_APPLICATION (fixture->app), fixture->store, fixture->day);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1366, 768);
  gtk_window_present (GTK_WINDOW (fixture->window));

  fixture->consultation_editor = tx_test_get_widget (fixture->window, TX_TYPE_CONSULTATION_EDITOR);
  fixture->outcome_editor = tx_test_get_widget (fixture->window, TX_TYPE_OUTCOME_EDITOR);
  tx_test_settle ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tx_test_destroy_windows ();
  tx_test_settle ();

  g_clear_object (&fixture->app);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->day);
  tx_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->consultation_uuid, g_free);
  g_clear_pointer (&fixture->recorder, g_free);
  g_clear_pointer (&fixture->outcome_uuid, g_free);
  g_clear_pointer (&fixture->person_uuid, g_free);
  g_clear_pointer (&fixture->person_name, g_free);
}

/* The clerk types, and saves nothing */

static void
type_everywhere (Fixture *fixture)
{
  g_autoptr(TxPerson) person = NULL;
  g_autoptr(GError) error = NULL;

  /* In the minutes of a consultation … */
  tx_editor_set_record (fixture->consultation_editor, fixture->store, fixture->consultation_uuid);
  gtk_editable_set_text (tx_test_get_template_child (fixture->consultation_editor, "recorder_row"), RECORDER);
  g_assert_true (tx_editor_has_changes (fixture->consultation_editor));

  /* … the title of a recommendation … */
  tx_editor_set_record (fixture->outcome_editor, fixture->store, fixture->outcome_uuid);
  gtk_editable_set_text (tx_test_get_template_child (fixture->outcome_editor, "title_row"), NEW_TITLE);
  g_assert_true (tx_editor_has_changes (fixture->outcome_editor));

  /* … and the name of someone on the roster, in the person dialog. */
  person = tx_roster_find_person (fixture->store, fixture->person_uuid, &error);
  g_assert_no_error (error);
  fixture->person_editor = tx_person_editor_new (GTK_WINDOW (fixture->window), fixture->store, person);
  g_object_add_weak_pointer (G_OBJECT (fixture->person_editor), (gpointer *) &fixture->person_editor);
  gtk_window_present (GTK_WINDOW (fixture->person_editor));
  gtk_editable_set_text (tx_test_get_template_child (fixture->person_editor, "name_row"), NEW_NAME);
  g_assert_true (tx_person_editor_has_changes (fixture->person_editor));

  g_assert_true (tx_window_has_changes (fixture->window));
  tx_test_settle ();
}

/* What the database holds */

static void
assert_consultation_saved (Fixture  *fixture,
                           gboolean  saved)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxConsultation) consultation = tx_store_load_consultation (fixture->store, fixture->consultation_uuid,
                                                                       &error);

  g_assert_no_error (error);
  g_assert_cmpstr (tx_consultation_get_recorder (consultation), ==, saved ? RECORDER : fixture->recorder);
}

static void
assert_outcome_saved (Fixture  *fixture,
                      gboolean  saved)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxOutcome) outcome = tx_store_load_outcome (fixture->store, fixture->outcome_uuid, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (tx_outcome_get_title (outcome), ==, saved ? NEW_TITLE : OVERDUE_TITLE);
}

static void
assert_person_saved (Fixture  *fixture,
                     gboolean  saved)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxPerson) person = tx_roster_find_person (fixture->store, fixture->person_uuid, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (tx_person_get_name (person), ==, saved ? NEW_NAME : fixture->person_name);
}

/* The questions */

/* A question about @data (part of its body) is shown. */
static gboolean
question_asked (gpointer data)
{
  AdwMessageDialog *dialog = tx_test_find_message_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
         strstr (adw_message_dialog_get_body (dialog), data) != NULL;
}

/* Waits for the question about @body, checks it is the one every
 * editor asks, and answers it with @response as a click does. */
static void
answer (const char *body,
        const char *response)
{
  AdwMessageDialog *dialog;

  tx_test_wait_until (question_asked, (gpointer) body, body);
  dialog = tx_test_find_message_dialog ();
  g_test_message ("Asked: %s — answered %s", adw_message_dialog_get_body (dialog), response);

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");

  tx_test_answer_message_dialog (dialog, response);
}

/* The three questions, in order: the consultation, the recommendation,
 * the person, each answered @response. */
static void
answer_all (const char *response)
{
  answer ("“" SHUANGGU "”", response);
  answer ("“" NEW_TITLE "”", response);
  answer ("What was typed here has not been saved.", response);
}

/* The page of the window's view switcher shown. */
static const char *
visible_page (Fixture *fixture)
{
  AdwViewStack *view_stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (fixture->window), TX_TYPE_WINDOW,
                                                                             "view_stack"));

  return adw_view_stack_get_visible_child_name (view_stack);
}

static void
assert_nothing_asked (void)
{
  tx_test_settle ();
  g_assert_null (tx_test_find_message_dialog ());
}

static void
close_window (Fixture *fixture)
{
  /* The window's ✕ */
  gtk_window_close (GTK_WINDOW (fixture->window));
}

static void
close_window_with_shortcut (Fixture *fixture)
{
  /* Ctrl+W */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "window.close", NULL));
}

static void
quit (Fixture *fixture)
{
  /* Ctrl+Q, the Quit of the main menu */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "quit", NULL);
}

/* The tests */

/* Nothing typed: the window closes at once, without a question. */
static void
test_nothing_typed (Fixture       *fixture,
                    gconstpointer  data)
{
  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  tx_editor_set_record (fixture->consultation_editor, fixture->store, fixture->consultation_uuid);
  g_assert_false (tx_window_has_changes (fixture->window));

  close_window (fixture);
  tx_test_wait_until (is_null, &fixture->window, "the window to close");
  g_assert_null (tx_test_find_message_dialog ());
  assert_consultation_saved (fixture, FALSE);
}

/* (a) The window's ✕, every change saved: all three in the database,
 * and the window closes, with its person dialog. */
static void
test_close_save (Fixture       *fixture,
                 gconstpointer  data)
{
  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  type_everywhere (fixture);
  close_window (fixture);
  answer_all ("save");

  tx_test_wait_until (is_null, &fixture->window, "the window to close after saving");
  tx_test_wait_until (is_null, &fixture->person_editor, "the person dialog to close after saving");
  assert_consultation_saved (fixture, TRUE);
  assert_outcome_saved (fixture, TRUE);
  assert_person_saved (fixture, TRUE);
}

/* (a) Ctrl+W, every change discarded: nothing written, the window
 * closes. */
static void
test_close_discard (Fixture       *fixture,
                    gconstpointer  data)
{
  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  type_everywhere (fixture);
  close_window_with_shortcut (fixture);
  answer_all ("discard");

  tx_test_wait_until (is_null, &fixture->window, "the window to close after discarding");
  tx_test_wait_until (is_null, &fixture->person_editor, "the person dialog to close after discarding");
  assert_consultation_saved (fixture, FALSE);
  assert_outcome_saved (fixture, FALSE);
  assert_person_saved (fixture, FALSE);
}

/* (a) Cancel: nothing closes, nothing more is asked, what was typed
 * stays; a change saved before the Cancel stays saved. */
static void
test_close_cancel (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  type_everywhere (fixture);

  close_window (fixture);
  answer ("“" SHUANGGU "”", "cancel");
  assert_nothing_asked ();
  g_assert_nonnull (fixture->window);
  g_assert_nonnull (fixture->person_editor);
  g_assert_true (tx_editor_has_changes (fixture->consultation_editor));
  g_assert_true (tx_editor_has_changes (fixture->outcome_editor));
  g_assert_true (tx_person_editor_has_changes (fixture->person_editor));
  assert_consultation_saved (fixture, FALSE);
  assert_outcome_saved (fixture, FALSE);
  assert_person_saved (fixture, FALSE);

  /* Again: the consultation saved, then Cancel for the recommendation,
   * whose page is shown while the clerk is asked about it. */
  close_window (fixture);
  g_assert_cmpstr (visible_page (fixture), ==, "consultations");
  answer ("“" SHUANGGU "”", "save");
  tx_test_wait_until (question_asked, (gpointer) "“" NEW_TITLE "”", "the question about the recommendation");
  g_assert_cmpstr (visible_page (fixture), ==, "outcomes");
  answer ("“" NEW_TITLE "”", "cancel");
  assert_nothing_asked ();
  g_assert_nonnull (fixture->window);
  g_assert_nonnull (fixture->person_editor);
  assert_consultation_saved (fixture, TRUE);
  assert_outcome_saved (fixture, FALSE);
  assert_person_saved (fixture, FALSE);
  g_assert_cmpstr (gtk_editable_get_text (tx_test_get_template_child (fixture->outcome_editor, "title_row")), ==,
                   NEW_TITLE);
}

/* (b) app.quit, every change saved: all three in the database, and
 * every window closes. */
static void
test_quit_save (Fixture       *fixture,
                gconstpointer  data)
{
  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  type_everywhere (fixture);
  quit (fixture);
  answer_all ("save");

  tx_test_wait_until (is_null, &fixture->window, "the window to close after saving");
  tx_test_wait_until (is_null, &fixture->person_editor, "the person dialog to close after saving");
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (fixture->app)));
  assert_consultation_saved (fixture, TRUE);
  assert_outcome_saved (fixture, TRUE);
  assert_person_saved (fixture, TRUE);
}

/* (b) app.quit, every change discarded: nothing written, every window
 * closes. */
static void
test_quit_discard (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  type_everywhere (fixture);
  quit (fixture);
  answer_all ("discard");

  tx_test_wait_until (is_null, &fixture->window, "the window to close after discarding");
  tx_test_wait_until (is_null, &fixture->person_editor, "the person dialog to close after discarding");
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (fixture->app)));
  assert_consultation_saved (fixture, FALSE);
  assert_outcome_saved (fixture, FALSE);
  assert_person_saved (fixture, FALSE);
}

/* (b) app.quit, Cancel at the last question: the two saved before stay
 * saved, the person is not, and nothing closes. */
static void
test_quit_cancel (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  type_everywhere (fixture);
  quit (fixture);
  answer ("“" SHUANGGU "”", "save");
  answer ("“" NEW_TITLE "”", "save");
  answer ("What was typed here has not been saved.", "cancel");
  assert_nothing_asked ();

  g_assert_nonnull (fixture->window);
  g_assert_nonnull (fixture->person_editor);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  assert_consultation_saved (fixture, TRUE);
  assert_outcome_saved (fixture, TRUE);
  assert_person_saved (fixture, FALSE);
  g_assert_cmpstr (gtk_editable_get_text (tx_test_get_template_child (fixture->person_editor, "name_row")), ==,
                   NEW_NAME);
}

/* Save that cannot save (the title taken away): the clerk stays, with
 * the reason above the form, and nothing closes. */
static void
test_quit_save_fails (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkLabel *problem;
  GtkInfoBar *problem_bar;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  tx_editor_set_record (fixture->outcome_editor, fixture->store, fixture->outcome_uuid);
  gtk_editable_set_text (tx_test_get_template_child (fixture->outcome_editor, "title_row"), "");
  g_assert_true (tx_editor_has_changes (fixture->outcome_editor));

  quit (fixture);
  answer ("“" OVERDUE_TITLE "”", "save");
  assert_nothing_asked ();

  g_assert_nonnull (fixture->window);
  assert_outcome_saved (fixture, FALSE);
  problem_bar = tx_test_get_template_child (fixture->outcome_editor, "problem_bar");
  problem = tx_test_get_template_child (fixture->outcome_editor, "problem_label");
  g_assert_true (gtk_info_bar_get_revealed (problem_bar));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (problem), "Not saved"));
}

/* The person dialog's own ✕ asks the same question. */
static void
test_person_dialog_close (Fixture       *fixture,
                          gconstpointer  data)
{
  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  type_everywhere (fixture);
  gtk_window_close (GTK_WINDOW (fixture->person_editor));
  answer ("What was typed here has not been saved.", "save");
  tx_test_wait_until (is_null, &fixture->person_editor, "the person dialog to close after saving");
  assert_person_saved (fixture, TRUE);

  /* The window stays, its editors' changes with it. */
  g_assert_nonnull (fixture->window);
  g_assert_true (tx_window_has_changes (fixture->window));
  assert_consultation_saved (fixture, FALSE);
}

/* Quitting with a dialog open: the dialog closes with its window, and
 * nothing is said on the way (a critical fails the test: G_DEBUG has
 * fatal-criticals). */

typedef GtkWindow *(*OpenDialogFunc) (Fixture *fixture);

static GtkWindow *
open_backups (Fixture *fixture)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.backups", NULL);
  return tx_test_get_widget_of_type (TX_TYPE_BACKUP_DIALOG);
}

static GtkWindow *
open_preferences (Fixture *fixture)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.preferences", NULL);
  return tx_test_get_widget_of_type (TX_TYPE_PREFERENCES_WINDOW);
}

static GtkWindow *
open_townships (Fixture *fixture)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.townships", NULL);
  return tx_test_get_widget_of_type (TX_TYPE_TOWNSHIPS_DIALOG);
}

static GtkWindow *
open_trash (Fixture *fixture)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.trash", NULL);
  return tx_test_get_widget_of_type (TX_TYPE_TRASH_DIALOG);
}

static GtkWindow *
open_guide (Fixture *fixture)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.guide", NULL);
  return tx_test_get_widget_of_type (TX_TYPE_GUIDE_WINDOW);
}

static GtkWindow *
open_about (Fixture *fixture)
{
  GtkWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "about", NULL);
  about = tx_test_get_widget_of_type (ADW_TYPE_ABOUT_WINDOW);
  /* the version of the build, as tongxin-cli --version says it */
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, tx_version_get_string ());
  g_assert_true (g_str_has_prefix (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), PACKAGE_VERSION));

  return about;
}

static GtkWindow *
open_circular (Fixture *fixture)
{
  return GTK_WINDOW (tx_circular_dialog_new (GTK_WINDOW (fixture->window), fixture->store, 2026, 3, fixture->day));
}

static GtkWindow *
open_import (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (g_getenv ("TONGXIN_TEST_DATA"), "roster-utf8-bom.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return GTK_WINDOW (tx_import_dialog_new (GTK_WINDOW (fixture->window), fixture->store, file));
}

static GtkWindow *
open_person (Fixture *fixture)
{
  g_autoptr(TxPerson) person = NULL;
  g_autoptr(GError) error = NULL;

  person = tx_roster_find_person (fixture->store, fixture->person_uuid, &error);
  g_assert_no_error (error);
  return GTK_WINDOW (tx_person_editor_new (GTK_WINDOW (fixture->window), fixture->store, person));
}

static GtkWindow *
open_shortcuts (Fixture *fixture)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-help-overlay", NULL);
  return tx_test_get_widget_of_type (GTK_TYPE_SHORTCUTS_WINDOW);
}

static gboolean
no_toplevels (gpointer data)
{
  return g_list_model_get_n_items (gtk_window_get_toplevels ()) == 0;
}

static void
test_quit_with_dialog (Fixture       *fixture,
                       gconstpointer  data)
{
  OpenDialogFunc open_dialog = (OpenDialogFunc) data;
  GtkWindow *dialog;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  dialog = open_dialog (fixture);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (dialog);
  tx_test_settle ();

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "quit", NULL);
  tx_test_wait_until (is_null, &fixture->window, "the window to close");
  tx_test_wait_until (is_null, &dialog, "the dialog to close with it");
  tx_test_wait_until (no_toplevels, NULL, "every window to close");
  tx_test_settle ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  tx_test_init_gui ();

  g_test_add ("/gui/close-quit/nothing-typed", Fixture, NULL,
              fixture_set_up, test_nothing_typed, fixture_tear_down);
  g_test_add ("/gui/close-quit/close/save", Fixture, NULL,
              fixture_set_up, test_close_save, fixture_tear_down);
  g_test_add ("/gui/close-quit/close/discard", Fixture, NULL,
              fixture_set_up, test_close_discard, fixture_tear_down);
  g_test_add ("/gui/close-quit/close/cancel", Fixture, NULL,
              fixture_set_up, test_close_cancel, fixture_tear_down);
  g_test_add ("/gui/close-quit/quit/save", Fixture, NULL,
              fixture_set_up, test_quit_save, fixture_tear_down);
  g_test_add ("/gui/close-quit/quit/discard", Fixture, NULL,
              fixture_set_up, test_quit_discard, fixture_tear_down);
  g_test_add ("/gui/close-quit/quit/cancel", Fixture, NULL,
              fixture_set_up, test_quit_cancel, fixture_tear_down);
  g_test_add ("/gui/close-quit/quit/save-fails", Fixture, NULL,
              fixture_set_up, test_quit_save_fails, fixture_tear_down);
  g_test_add ("/gui/close-quit/person-dialog", Fixture, NULL,
              fixture_set_up, test_person_dialog_close, fixture_tear_down);

  g_test_add ("/gui/close-quit/dialog-open/backups", Fixture, open_backups,
              fixture_set_up, test_quit_with_dialog, fixture_tear_down);
  g_test_add ("/gui/close-quit/dialog-open/preferences", Fixture, open_preferences,
              fixture_set_up, test_quit_with_dialog, fixture_tear_down);
  g_test_add ("/gui/close-quit/dialog-open/townships", Fixture, open_townships,
              fixture_set_up, test_quit_with_dialog, fixture_tear_down);
  g_test_add ("/gui/close-quit/dialog-open/trash", Fixture, open_trash,
              fixture_set_up, test_quit_with_dialog, fixture_tear_down);
  g_test_add ("/gui/close-quit/dialog-open/guide", Fixture, open_guide,
              fixture_set_up, test_quit_with_dialog, fixture_tear_down);
  g_test_add ("/gui/close-quit/dialog-open/about", Fixture, open_about,
              fixture_set_up, test_quit_with_dialog, fixture_tear_down);
  g_test_add ("/gui/close-quit/dialog-open/circular", Fixture, open_circular,
              fixture_set_up, test_quit_with_dialog, fixture_tear_down);
  g_test_add ("/gui/close-quit/dialog-open/import", Fixture, open_import,
              fixture_set_up, test_quit_with_dialog, fixture_tear_down);
  g_test_add ("/gui/close-quit/dialog-open/person", Fixture, open_person,
              fixture_set_up, test_quit_with_dialog, fixture_tear_down);
  g_test_add ("/gui/close-quit/dialog-open/shortcuts", Fixture, open_shortcuts,
              fixture_set_up, test_quit_with_dialog, fixture_tear_down);

  return g_test_run ();
}
