/* test-outcomes-page.c — the Outcomes page and the recommendation
 * editor, as a clerk uses them
 *
 * Runs under a display (Xvfb), on the sample data placed around
 * 2026-11-27 (tx_exchange_load_demo), with the page's "today" set to that
 * day, in a window of 1366×768.  What a clerk would check: every
 * recommendation is listed; "Feedback Overdue" leaves exactly those
 * submitted, unanswered and past their due date; the three zeros are
 * those of tongxin-cli's metrics; feedback recorded in the editor reaches
 * the database and the three zeros; a date that is not one is pointed
 * at and stops Save; supervision records are added, checked, saved and
 * removed, and the coverage follows; a new recommendation gets its
 * feedback due date 30 days on; a deletion is undone by the toast; the
 * exported 协商建言 holds the title; the list, the editor and the ledger
 * agree on when feedback is late, and by how many days.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-outcomes-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "tx-exchange.h"
#include "tx-ledger.h"
#include "tx-metrics.h"
#include "tx-outcome-edit.h"
#include "tx-outcome-editor-private.h"
#include "tx-outcome-document-section.h"
#include "tx-outcome-editor.h"
#include "tx-outcomes-page.h"
#include "tx-records.h"
#include "tx-rules.h"
#include "tx-test-gui.h"
#include "tx-test-pdf.h"
#include "tx-text-cell.h"
#include "tx-vocabulary.h"

#define TODAY "2026-11-27"
#define OVERDUE_TITLE "关于在安置点建设标准化厂房稳定搬迁群众就业的建议"

typedef struct {
  char      *dir;
  char      *path;
  TxStore   *store;
  TxDay     *day;
  GtkWindow *window;
  GtkWidget *page;
  GtkWidget *editor;
} Fixture;

/* Finding what the window shows */

static gpointer
get_page_child (Fixture    *fixture,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (fixture->page, TX_TYPE_OUTCOMES_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

/* In the editor, or one of its sections. */
static gpointer
get_editor_child (Fixture    *fixture,
                  const char *name)
{
  return tx_test_get_template_child (fixture->editor, name);
}

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

/* Every widget of @type under @widget, depth first. */
static GPtrArray *
find_widgets (gpointer widget,
              GType    type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (widget), type, found);
  return found;
}

/* The button under @widget whose label (with its mnemonic) is @label. */
static GtkWidget *
find_button (gpointer    widget,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = find_widgets (widget, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);

  return NULL;
}

static GtkWidget *
get_list_view (Fixture *fixture)
{
  g_autoptr(GPtrArray) list_views = find_widgets (get_page_child (fixture, "content_stack"), GTK_TYPE_LIST_VIEW);

  g_assert_cmpuint (list_views->len, ==, 1);
  return g_ptr_array_index (list_views, 0);
}

/* The titles in the rows of the list that are on screen. */
static GPtrArray *
get_visible_titles (Fixture *fixture)
{
  GtkWidget *list_view = get_list_view (fixture);
  g_autoptr(GPtrArray) labels = find_widgets (list_view, TX_TYPE_TEXT_CELL);
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      GtkWidget *box = gtk_widget_get_parent (label);

      if (gtk_widget_get_mapped (label) && g_object_get_data (G_OBJECT (box), "tx-title") == label)
        g_ptr_array_add (titles, g_strdup (tx_text_cell_get_text (TX_TEXT_CELL (label))));
    }

  return titles;
}

/* Set-up */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  TxDate today = tx_date_new (2026, 11, 27);
  g_autoptr(GError) error = NULL;
  TxImportReport report = { 0 };
  GtkWidget *overlay;

  fixture->dir = g_dir_make_tmp ("tongxin-test-outcomes-page-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "tongxin.db", NULL);
  fixture->store = tx_store_open (fixture->path, &error);
  g_assert_no_error (error);

  if (!tx_exchange_load_demo (fixture->store, today, &report, &error))
    {
      g_autofree char *why = g_strdup_printf ("The sample data cannot be loaded: %s", error->message);

      g_test_skip (why);
      return;
    }

  /* The page in a window, under a toast overlay as in TxWindow. */
  fixture->day = tx_test_day_new (TODAY);
  fixture->page = g_object_new (TX_TYPE_OUTCOMES_PAGE, "day", fixture->day, "store", fixture->store, NULL);
  fixture->editor = GTK_WIDGET (gtk_widget_get_template_child (fixture->page, TX_TYPE_OUTCOMES_PAGE, "editor"));
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), fixture->page);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1366, 768);
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_present (fixture->window);
  tx_test_settle ();
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
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

/* What the page should show, read from the store without the GUI */

static GPtrArray *
list_outcomes (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *outcomes = tx_store_list_outcomes (fixture->store, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (outcomes);
  return outcomes;
}

static TxOutcome *
find_outcome (GPtrArray  *outcomes,
              const char *title)
{
  for (guint i = 0; i < outcomes->len; i++)
    if (g_strcmp0 (tx_outcome_get_title (g_ptr_array_index (outcomes, i)), title) == 0)
      return g_ptr_array_index (outcomes, i);

  g_error ("No recommendation “%s”", title);
  return NULL;
}

/* Submitted, no feedback received, and due before today; due 30 days
 * after submission when no date is set. */
static gboolean
is_overdue (TxOutcome *outcome)
{
  const char *submitted = tx_outcome_get_submitted (outcome);
  const char *due = tx_outcome_get_feedback_due (outcome);
  char computed[16];

  if (submitted == NULL || tx_outcome_get_feedback_received (outcome) != NULL)
    return FALSE;

  if (due == NULL)
    {
      tx_date_write_iso (tx_date_add_days (tx_date_from_iso (submitted), 30), computed);
      due = computed;
    }

  return g_strcmp0 (due, TODAY) < 0;
}

/* The uuids the list holds, in order. */
static GPtrArray *
get_listed_uuids (Fixture *fixture)
{
  GListModel *model = G_LIST_MODEL (get_page_child (fixture, "selection"));
  GPtrArray *uuids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TxOutcome) outcome = g_list_model_get_item (model, i);

      g_ptr_array_add (uuids, g_strdup (tx_outcome_get_uuid (outcome)));
    }

  return uuids;
}

static gboolean
has_string (GPtrArray  *strings,
            const char *text)
{
  for (guint i = 0; i < strings->len; i++)
    if (g_strcmp0 (g_ptr_array_index (strings, i), text) == 0)
      return TRUE;

  return FALSE;
}

static void
show_all_years (Fixture *fixture)
{
  gtk_drop_down_set_selected (get_page_child (fixture, "year_drop_down"), 0);
  tx_test_settle ();
}

/* The three zeros, as the labels should read them */

typedef struct {
  char *feedback[2];
  char *supervision[2];
  char *implementation[2];
} Zeros;

static void
zeros_clear (Zeros *zeros)
{
  for (guint i = 0; i < 2; i++)
    {
      g_free (zeros->feedback[i]);
      g_free (zeros->supervision[i]);
      g_free (zeros->implementation[i]);
    }
}

static void
format_rate (char       **texts,
             double       rate,
             guint        part,
             guint        whole,
             const char  *format,
             const char  *nothing)
{
  if (rate < 0)
    {
      texts[0] = g_strdup ("—");
      texts[1] = g_strdup (nothing);
      return;
    }

  texts[0] = g_strdup_printf ("%.0f%%", rate * 100);
  texts[1] = g_strdup_printf (format, part, whole);
}

/* From tx_metrics_compute (store, 2026, 0, tx_date_from_iso (TODAY)), as tongxin-cli counts. */
static void
compute_zeros (Fixture *fixture,
               Zeros   *zeros)
{
  g_autoptr(GPtrArray) townships = NULL;
  g_autoptr(TxMetrics) total = NULL;
  g_autoptr(GError) error = NULL;

  townships = tx_metrics_compute (fixture->store, 2026, 0, tx_date_from_iso (TODAY), &total, &error);
  g_assert_no_error (error);
  g_assert_nonnull (total);
  g_assert_cmpuint (total->submitted, >, 0);

  format_rate (zeros->feedback, tx_metrics_feedback_rate (total),
               total->answered, total->submitted, "%u/%u answered", "None submitted");
  format_rate (zeros->supervision, tx_metrics_supervision_coverage (total),
               total->supervised, total->adopted, "%u/%u fully supervised", "None adopted");
  format_rate (zeros->implementation, tx_metrics_implementation_rate (total),
               total->implemented, total->adopted, "%u/%u carried out in full", "None adopted");
}

typedef struct {
  Fixture *fixture;
  Zeros   *zeros;
} ZerosShown;

static gboolean
label_is (Fixture    *fixture,
          const char *name,
          const char *text)
{
  return g_strcmp0 (gtk_label_get_label (get_page_child (fixture, name)), text) == 0;
}

static gboolean
zeros_shown (gpointer data)
{
  ZerosShown *shown = data;
  Fixture *fixture = shown->fixture;
  Zeros *zeros = shown->zeros;

  return label_is (fixture, "feedback_value_label", zeros->feedback[0]) &&
         label_is (fixture, "feedback_detail_label", zeros->feedback[1]) &&
         label_is (fixture, "supervision_value_label", zeros->supervision[0]) &&
         label_is (fixture, "supervision_detail_label", zeros->supervision[1]) &&
         label_is (fixture, "implementation_value_label", zeros->implementation[0]) &&
         label_is (fixture, "implementation_detail_label", zeros->implementation[1]);
}

static void
assert_zeros_shown (Fixture *fixture)
{
  Zeros zeros = { { NULL } };
  ZerosShown shown = { fixture, &zeros };

  compute_zeros (fixture, &zeros);
  g_test_message ("Three zeros: %s (%s), %s (%s), %s (%s)",
                  zeros.feedback[0], zeros.feedback[1],
                  zeros.supervision[0], zeros.supervision[1],
                  zeros.implementation[0], zeros.implementation[1]);
  tx_test_wait_until (zeros_shown, &shown, "the three zeros of tongxin-cli's metrics");
  zeros_clear (&zeros);
}

/* Opening a recommendation in the editor */

typedef struct {
  Fixture    *fixture;
  const char *uuid;
} Shown;

static gboolean
editor_shows (gpointer data)
{
  Shown *shown = data;
  Fixture *fixture = shown->fixture;
  GtkStack *stack = get_editor_child (fixture, "stack");
  g_autofree char *title = NULL;
  g_autoptr(TxOutcome) outcome = NULL;

  if (g_strcmp0 (tx_editor_get_uuid (TX_EDITOR (fixture->editor)), shown->uuid) != 0)
    return FALSE;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "form") != 0)
    return FALSE;

  outcome = tx_store_load_outcome (fixture->store, shown->uuid, NULL);
  return outcome != NULL &&
         g_strcmp0 (gtk_editable_get_text (get_editor_child (fixture, "title_row")),
                    tx_outcome_get_title (outcome)) == 0;
}

static void
open_outcome (Fixture    *fixture,
              const char *uuid)
{
  Shown shown = { fixture, uuid };
  GtkSingleSelection *selection = get_page_child (fixture, "selection");
  TxOutcome *selected;

  tx_outcomes_page_select (TX_OUTCOMES_PAGE (fixture->page), uuid, NULL);
  tx_test_wait_until (editor_shows, &shown, "the recommendation in the editor");

  /* … and chosen in the list. */
  selected = gtk_single_selection_get_selected_item (selection);
  g_assert_nonnull (selected);
  g_assert_cmpstr (tx_outcome_get_uuid (selected), ==, uuid);
}

/* As a click: GtkButton::activate waits a quarter of a second first. */
static void
click (gpointer button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  tx_test_settle ();
}

static gboolean
is_sensitive (gpointer widget)
{
  return gtk_widget_is_sensitive (widget);
}

static gboolean
is_insensitive (gpointer widget)
{
  return !gtk_widget_is_sensitive (widget);
}

/* The tests */

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) outcomes = list_outcomes (fixture);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) visible = NULL;
  GListModel *model = G_LIST_MODEL (get_page_child (fixture, "selection"));
  g_autofree char *count = NULL;

  if (g_test_failed () || fixture->window == NULL)
    return;

  show_all_years (fixture);

  /* Every recommendation, with its title. */
  listed = get_listed_uuids (fixture);
  g_assert_cmpuint (listed->len, ==, outcomes->len);
  for (guint i = 0; i < outcomes->len; i++)
    {
      TxOutcome *outcome = g_ptr_array_index (outcomes, i);
      g_autoptr(TxOutcome) item = g_list_model_get_item (model, i);

      g_assert_true (has_string (listed, tx_outcome_get_uuid (outcome)));
      g_assert_cmpstr (tx_outcome_get_title (item), ==, tx_outcome_get_title (outcome));
    }

  count = g_strdup_printf ("%u recommendations", outcomes->len);
  g_assert_cmpstr (gtk_label_get_label (get_page_child (fixture, "count_label")), ==, count);

  /* What is on screen are those titles, the first one first. */
  visible = get_visible_titles (fixture);
  g_assert_cmpuint (visible->len, >, 3);
  tx_test_save_screenshot (gtk_widget_get_root (get_list_view (fixture)), "outcomes");
  for (guint i = 0; i < visible->len; i++)
    {
      gboolean known = FALSE;

      for (guint j = 0; j < outcomes->len; j++)
        known = known || g_strcmp0 (g_ptr_array_index (visible, i),
                                    tx_outcome_get_title (g_ptr_array_index (outcomes, j))) == 0;
      g_assert_true (known);
    }
  g_assert_true (has_string (visible, tx_outcome_get_title (g_ptr_array_index (outcomes, 0))));
}

static void
test_overdue_filter (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) outcomes = list_outcomes (fixture);
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) visible = NULL;
  GtkWidget *list_view;
  g_autoptr(GPtrArray) labels = NULL;
  gboolean said = FALSE;

  if (g_test_failed () || fixture->window == NULL)
    return;

  for (guint i = 0; i < outcomes->len; i++)
    if (is_overdue (g_ptr_array_index (outcomes, i)))
      g_ptr_array_add (expected, (gpointer) tx_outcome_get_uuid (g_ptr_array_index (outcomes, i)));
  g_assert_cmpuint (expected->len, >, 0);
  g_assert_cmpuint (expected->len, <, outcomes->len);
  g_assert_true (is_overdue (find_outcome (outcomes, OVERDUE_TITLE)));

  show_all_years (fixture);
  gtk_toggle_button_set_active (get_page_child (fixture, "overdue_button"), TRUE);
  tx_test_settle ();

  /* Exactly those. */
  listed = get_listed_uuids (fixture);
  g_assert_cmpuint (listed->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_true (has_string (listed, g_ptr_array_index (expected, i)));
  g_assert_true (has_string (listed, tx_outcome_get_uuid (find_outcome (outcomes, OVERDUE_TITLE))));

  visible = get_visible_titles (fixture);
  g_assert_true (has_string (visible, OVERDUE_TITLE));

  /* Each row says so in words, not only in red. */
  list_view = get_list_view (fixture);
  labels = find_widgets (list_view, TX_TYPE_TEXT_CELL);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (gtk_widget_get_mapped (label) &&
          g_str_has_prefix (tx_text_cell_get_text (TX_TEXT_CELL (label)) ?: "", "Feedback overdue by "))
        said = TRUE;
    }
  g_assert_true (said);

  /* And the whole list again. */
  gtk_toggle_button_set_active (get_page_child (fixture, "overdue_button"), FALSE);
  tx_test_settle ();
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = get_listed_uuids (fixture);
  g_assert_cmpuint (listed->len, ==, outcomes->len);
}

static void
test_three_zeros (Fixture       *fixture,
                  gconstpointer  data)
{
  if (g_test_failed () || fixture->window == NULL)
    return;

  /* This year, every township: the year drop-down shows 2026 at first. */
  g_assert_cmpstr (gtk_label_get_label (get_page_child (fixture, "zeros_period_label")), ==,
                   "2026 · All townships");
  assert_zeros_shown (fixture);
}

static void
test_record_feedback (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) outcomes = list_outcomes (fixture);
  g_autoptr(TxOutcome) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *feedback_before = NULL;
  GtkWidget *save_button;

  if (g_test_failed () || fixture->window == NULL)
    return;

  uuid = g_strdup (tx_outcome_get_uuid (find_outcome (outcomes, OVERDUE_TITLE)));
  g_assert_null (tx_outcome_get_feedback_received (find_outcome (outcomes, OVERDUE_TITLE)));
  feedback_before = g_strdup (gtk_label_get_label (get_page_child (fixture, "feedback_detail_label")));
  assert_zeros_shown (fixture);

  open_outcome (fixture, uuid);
  save_button = get_editor_child (fixture, "save_button");
  g_assert_false (gtk_widget_is_sensitive (save_button));

  /* The editor says it is overdue, in words. */
  g_assert_true (g_str_has_prefix (gtk_label_get_label (get_editor_child (fixture, "feedback_status_label")),
                                   "Feedback overdue by "));

  gtk_editable_set_text (get_editor_child (fixture, "feedback_received_row"), "2026-11-20");
  gtk_text_buffer_set_text (get_editor_child (fixture, "feedback_buffer"),
                            "市人民政府采纳建议，标准化厂房已列入明年东西部协作项目。", -1);
  adw_combo_row_set_selected (get_editor_child (fixture, "adoption_row"), TX_ADOPTION_ADOPTED);
  gtk_spin_button_set_value (get_editor_child (fixture, "progress_spin"), 50);
  tx_test_wait_until (is_sensitive, save_button, "Save to be sensitive");

  click (save_button);

  /* In the database … */
  saved = tx_store_load_outcome (fixture->store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tx_outcome_get_feedback_received (saved), ==, "2026-11-20");
  g_assert_cmpstr (tx_outcome_get_feedback_text (saved), ==, "市人民政府采纳建议，标准化厂房已列入明年东西部协作项目。");
  g_assert_cmpint (tx_outcome_get_adoption (saved), ==, TX_ADOPTION_ADOPTED);
  g_assert_cmpint (tx_outcome_get_progress (saved), ==, 50);
  g_assert_cmpstr (tx_outcome_get_feedback_due (saved), ==, "2026-10-11");

  /* … in the three zeros: one more answered … */
  assert_zeros_shown (fixture);
  g_assert_cmpstr (gtk_label_get_label (get_page_child (fixture, "feedback_detail_label")), !=, feedback_before);

  /* … and no longer overdue. */
  gtk_toggle_button_set_active (get_page_child (fixture, "overdue_button"), TRUE);
  tx_test_settle ();
  {
    g_autoptr(GPtrArray) listed = get_listed_uuids (fixture);

    g_assert_false (has_string (listed, uuid));
  }
  g_assert_false (gtk_widget_is_sensitive (save_button));
}

/* The calendar of the submission date: its button opens on the day the
 * row holds; the day chosen is written there and saved. */
static void
test_date_calendar (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) outcomes = list_outcomes (fixture);
  g_autoptr(TxOutcome) stored = NULL;
  g_autoptr(GDateTime) shown = NULL;
  TxOutcome *outcome = find_outcome (outcomes, OVERDUE_TITLE);
  GtkWidget *submitted_row;
  GtkMenuButton *button;
  GtkCalendar *calendar;

  if (g_test_failed () || fixture->window == NULL)
    return;

  open_outcome (fixture, tx_outcome_get_uuid (outcome));
  submitted_row = get_editor_child (fixture, "submitted_row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (submitted_row)), ==, "2026-09-11");

  button = tx_test_get_widget (submitted_row, GTK_TYPE_MENU_BUTTON);
  gtk_menu_button_popup (button);
  calendar = tx_test_get_widget (gtk_menu_button_get_popover (button), GTK_TYPE_CALENDAR);
  shown = gtk_calendar_get_date (calendar);
  g_assert_cmpint (g_date_time_get_month (shown), ==, 9);
  g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 11);

  tx_test_choose_day (calendar, 2026, 9, 8);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (submitted_row)), ==, "2026-09-08");
  tx_test_wait_until (is_sensitive, get_editor_child (fixture, "save_button"), "Save to be sensitive");
  click (get_editor_child (fixture, "save_button"));
  stored = tx_store_load_outcome (fixture->store, tx_outcome_get_uuid (outcome), NULL);
  g_assert_cmpstr (tx_outcome_get_submitted (stored), ==, "2026-09-08");
}

static void
test_bad_date (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) outcomes = list_outcomes (fixture);
  g_autoptr(TxOutcome) stored = NULL;
  TxOutcome *outcome = find_outcome (outcomes, OVERDUE_TITLE);
  GtkWidget *save_button;
  GtkWidget *submitted_row;
  GtkWidget *error_icon;
  GtkLabel *problem;

  if (g_test_failed () || fixture->window == NULL)
    return;

  open_outcome (fixture, tx_outcome_get_uuid (outcome));
  save_button = get_editor_child (fixture, "save_button");
  submitted_row = get_editor_child (fixture, "submitted_row");
  error_icon = get_editor_child (fixture, "submitted_error_icon");
  problem = get_editor_child (fixture, "submission_problem_label");

  /* A change makes Save sensitive … */
  gtk_editable_set_text (get_editor_child (fixture, "title_row"), "关于建设标准化厂房稳定就业的建议");
  tx_test_wait_until (is_sensitive, save_button, "Save to be sensitive");
  g_assert_false (gtk_widget_has_css_class (submitted_row, "error"));

  /* … a date that is not one makes it insensitive, and says why there. */
  gtk_editable_set_text (GTK_EDITABLE (submitted_row), "2026-13-40");
  tx_test_wait_until (is_insensitive, save_button, "Save to be insensitive");
  g_assert_true (gtk_widget_has_css_class (submitted_row, "error"));
  g_assert_true (gtk_widget_get_visible (error_icon));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (error_icon), "not a date"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (problem)));
  g_assert_nonnull (strstr (gtk_label_get_label (problem), "The submission date is not a date"));

  /* Enter does not save either. */
  g_signal_emit_by_name (submitted_row, "entry-activated");
  tx_test_settle ();
  stored = tx_store_load_outcome (fixture->store, tx_outcome_get_uuid (outcome), NULL);
  g_assert_cmpstr (tx_outcome_get_title (stored), ==, OVERDUE_TITLE);
  g_assert_cmpstr (tx_outcome_get_submitted (stored), ==, "2026-09-11");

  /* Put right, it may be saved again. */
  gtk_editable_set_text (GTK_EDITABLE (submitted_row), "2026-09-11");
  tx_test_wait_until (is_sensitive, save_button, "Save to be sensitive again");
  g_assert_false (gtk_widget_has_css_class (submitted_row, "error"));
  g_assert_false (gtk_widget_get_visible (error_icon));
}

/* The row of the supervision list at @index: its phase, date, by whom,
 * note and remove button. */
typedef struct {
  GtkDropDown   *phase;
  GtkEditable   *date;
  GtkEditable   *by;
  GtkTextBuffer *note;
  GtkWidget     *remove;
} RecordRow;

static void
get_record_row (Fixture   *fixture,
                guint      index,
                RecordRow *record)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (get_editor_child (fixture, "supervision_list"), index);
  g_autoptr(GPtrArray) drop_downs = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) views = NULL;
  g_autoptr(GPtrArray) buttons = NULL;

  g_assert_nonnull (row);
  drop_downs = find_widgets (row, GTK_TYPE_DROP_DOWN);
  entries = find_widgets (row, GTK_TYPE_ENTRY);
  views = find_widgets (row, GTK_TYPE_TEXT_VIEW);
  buttons = find_widgets (row, GTK_TYPE_BUTTON);
  g_assert_cmpuint (drop_downs->len, ==, 1);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpuint (views->len, ==, 1);

  record->phase = g_ptr_array_index (drop_downs, 0);
  record->date = g_ptr_array_index (entries, 0);
  record->by = g_ptr_array_index (entries, 1);
  record->note = gtk_text_view_get_buffer (g_ptr_array_index (views, 0));
  record->remove = NULL;
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_icon_name (g_ptr_array_index (buttons, i)), "user-trash-symbolic") == 0)
      record->remove = g_ptr_array_index (buttons, i);
  g_assert_nonnull (record->remove);
}

static guint
count_records (Fixture *fixture)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (get_editor_child (fixture, "supervision_list"), n) != NULL)
    n++;

  return n;
}

static void
test_supervision (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) outcomes = list_outcomes (fixture);
  g_autoptr(TxOutcome) saved = NULL;
  g_autoptr(TxOutcome) again = NULL;
  g_autoptr(GError) error = NULL;
  TxOutcome *outcome = find_outcome (outcomes, "关于完善凤山古镇停车配套和业态管理的建议");
  AdwPreferencesGroup *group;
  GtkWidget *save_button;
  GPtrArray *supervisions;
  RecordRow record;

  if (g_test_failed () || fixture->window == NULL)
    return;

  /* Partly adopted, supervised during implementation only. */
  g_assert_cmpint (tx_outcome_get_adoption (outcome), ==, TX_ADOPTION_PARTLY_ADOPTED);
  g_assert_cmpuint (tx_outcome_get_supervisions (outcome)->len, ==, 1);
  open_outcome (fixture, tx_outcome_get_uuid (outcome));
  group = get_editor_child (fixture, "supervision_group");
  save_button = get_editor_child (fixture, "save_button");
  g_assert_cmpuint (count_records (fixture), ==, 1);
  get_record_row (fixture, 0, &record);
  g_assert_cmpuint (gtk_drop_down_get_selected (record.phase), ==, TX_SUPERVISION_DURING);
  g_assert_cmpstr (gtk_editable_get_text (record.date), ==, "2026-09-12");
  g_assert_cmpstr (gtk_editable_get_text (record.by), ==, "凤山镇政协联络组");
  g_assert_nonnull (strstr (adw_preferences_group_get_description (group), "Before, After"));

  /* A record before: the first phase missing is offered. */
  gtk_widget_activate_action (fixture->editor, "outcome.add-supervision", NULL);
  g_assert_cmpuint (count_records (fixture), ==, 2);
  get_record_row (fixture, 1, &record);
  g_assert_cmpuint (gtk_drop_down_get_selected (record.phase), ==, TX_SUPERVISION_BEFORE);
  gtk_editable_set_text (record.date, "2026-05-30");
  gtk_editable_set_text (record.by, "凤山镇政协联络组");
  gtk_text_buffer_set_text (record.note, "审阅停车场选址方案，建议征求古镇商户意见。", -1);

  /* And after, with a date that is not one at first. */
  gtk_widget_activate_action (fixture->editor, "outcome.add-supervision", NULL);
  get_record_row (fixture, 2, &record);
  g_assert_cmpuint (gtk_drop_down_get_selected (record.phase), ==, TX_SUPERVISION_AFTER);
  gtk_editable_set_text (record.by, "凤山镇政协联络组、群众代表");
  gtk_editable_set_text (record.date, "2026-11-31");
  tx_test_wait_until (is_insensitive, save_button, "Save to be insensitive");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (record.date), "error"));
  g_assert_nonnull (strstr (gtk_label_get_label (get_editor_child (fixture, "supervision_problem_label")),
                            "supervision record 3 is not a date"));
  gtk_editable_set_text (record.date, "2026-11-26");
  tx_test_wait_until (is_sensitive, save_button, "Save to be sensitive");
  g_assert_nonnull (strstr (adw_preferences_group_get_description (group), "nothing is missing"));

  click (save_button);
  saved = tx_store_load_outcome (fixture->store, tx_outcome_get_uuid (outcome), &error);
  g_assert_no_error (error);
  supervisions = tx_outcome_get_supervisions (saved);
  g_assert_cmpuint (supervisions->len, ==, 3);
  g_assert_cmpint (((TxSupervision *) g_ptr_array_index (supervisions, 1))->phase, ==, TX_SUPERVISION_BEFORE);
  g_assert_cmpstr (((TxSupervision *) g_ptr_array_index (supervisions, 1))->note, ==, "审阅停车场选址方案，建议征求古镇商户意见。");
  g_assert_cmpint (((TxSupervision *) g_ptr_array_index (supervisions, 2))->phase, ==, TX_SUPERVISION_AFTER);
  g_assert_cmpstr (((TxSupervision *) g_ptr_array_index (supervisions, 2))->date, ==, "2026-11-26");

  /* Supervised before, during and after: the coverage counts it. */
  assert_zeros_shown (fixture);

  /* Removed, and saved without it. */
  get_record_row (fixture, 0, &record);
  click (record.remove);
  g_assert_cmpuint (count_records (fixture), ==, 2);
  click (save_button);
  again = tx_store_load_outcome (fixture->store, tx_outcome_get_uuid (outcome), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tx_outcome_get_supervisions (again)->len, ==, 2);
  g_assert_cmpint (((TxSupervision *) g_ptr_array_index (tx_outcome_get_supervisions (again), 0))->phase, ==,
                   TX_SUPERVISION_BEFORE);
  assert_zeros_shown (fixture);
}

static gboolean
undo_shown (gpointer data)
{
  Fixture *fixture = data;

  return find_button (gtk_widget_get_parent (fixture->page), "_Undo") != NULL;
}

static void
test_new_delete_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) consultations = NULL;
  g_autoptr(TxOutcome) saved = NULL;
  g_autoptr(TxOutcome) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  GtkWidget *consultation_row;
  GtkWidget *save_button;
  guint n_before;

  if (g_test_failed () || fixture->window == NULL)
    return;

  consultations = tx_store_list_consultations (fixture->store, 0, NULL, &error);
  g_assert_no_error (error);
  n_before = tx_store_count (fixture->store, "outcome");

  gtk_widget_activate_action (fixture->page, "outcomes.new", NULL);
  tx_test_settle ();
  g_assert_true (tx_editor_is_new (TX_EDITOR (fixture->editor)));
  consultation_row = get_editor_child (fixture, "consultation_row");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (consultation_row)));
  save_button = get_editor_child (fixture, "save_button");
  g_assert_false (gtk_widget_is_sensitive (save_button));

  /* A consultation, a title, a submission: the due date follows. */
  g_assert_true (gtk_drop_down_get_enable_search (get_editor_child (fixture, "consultation_drop_down")));
  gtk_drop_down_set_selected (get_editor_child (fixture, "consultation_drop_down"), 0);
  gtk_editable_set_text (get_editor_child (fixture, "title_row"), "关于增设村级便民服务代办点的建议");
  gtk_text_buffer_set_text (get_editor_child (fixture, "content_buffer"),
                            "建议在各村委会设立便民服务代办点，由村干部轮流代办。", -1);
  adw_combo_row_set_selected (get_editor_child (fixture, "submitted_to_row"), 2);
  gtk_editable_set_text (get_editor_child (fixture, "department_row"), "福泉市政务服务中心");
  gtk_editable_set_text (get_editor_child (fixture, "submitted_row"), "2026-11-25");
  g_assert_cmpstr (gtk_editable_get_text (get_editor_child (fixture, "feedback_due_row")), ==, "2026-12-25");
  tx_test_wait_until (is_sensitive, save_button, "Save to be sensitive");

  click (save_button);
  g_assert_cmpuint (tx_store_count (fixture->store, "outcome"), ==, n_before + 1);
  uuid = g_strdup (tx_editor_get_uuid (TX_EDITOR (fixture->editor)));
  g_assert_nonnull (uuid);
  saved = tx_store_load_outcome (fixture->store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tx_outcome_get_consultation_uuid (saved), ==,
                   tx_consultation_get_uuid (g_ptr_array_index (consultations, 0)));
  g_assert_cmpstr (tx_outcome_get_submitted_to (saved), ==, "福泉市政务服务中心");
  g_assert_cmpstr (tx_outcome_get_submitted (saved), ==, "2026-11-25");
  /* A due date the clerk did not type is the setting's: not agreed,
   * due 30 days on as the rules count it, and shown so. */
  g_assert_null (tx_outcome_get_feedback_due (saved));
  {
    TxFeedbackStatus status;

    tx_feedback_get_status (saved, tx_date_from_iso (TODAY), 30, &status);
    g_assert_false (status.due_agreed);
    g_assert_cmpint (status.due, ==, tx_date_from_iso ("2026-12-25"));
  }
  g_assert_cmpstr (gtk_editable_get_text (get_editor_child (fixture, "feedback_due_row")), ==, "2026-12-25");
  {
    g_autoptr(GPtrArray) listed = get_listed_uuids (fixture);

    g_assert_true (has_string (listed, uuid));
  }

  /* Deleted … */
  click (get_editor_child (fixture, "delete_button"));
  g_assert_cmpuint (tx_store_count (fixture->store, "outcome"), ==, n_before);
  g_assert_null (tx_editor_get_uuid (TX_EDITOR (fixture->editor)));
  {
    g_autoptr(GPtrArray) listed = get_listed_uuids (fixture);

    g_assert_false (has_string (listed, uuid));
  }

  /* … and back with the toast's Undo, in the list and the editor. */
  tx_test_wait_until (undo_shown, fixture, "the toast with Undo");
  tx_test_wait_toast_shown ();
  click (find_button (gtk_widget_get_parent (fixture->page), "_Undo"));
  restored = tx_store_load_outcome (fixture->store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tx_outcome_get_title (restored), ==, "关于增设村级便民服务代办点的建议");
  g_assert_cmpstr (tx_editor_get_uuid (TX_EDITOR (fixture->editor)), ==, uuid);
  {
    g_autoptr(GPtrArray) listed = get_listed_uuids (fixture);

    g_assert_true (has_string (listed, uuid));
  }
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) outcomes = list_outcomes (fixture);
  TxOutcome *outcome = find_outcome (outcomes, OVERDUE_TITLE);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *content = NULL;

  if (g_test_failed () || fixture->window == NULL)
    return;

  open_outcome (fixture, tx_outcome_get_uuid (outcome));
  g_assert_true (gtk_widget_is_sensitive (get_editor_child (fixture, "export_button")));

  /* a document number typed above the button goes above the title */
  gtk_editable_set_text (tx_test_get_template_child (tx_test_get_widget (fixture->editor,
                                                                          TX_TYPE_OUTCOME_DOCUMENT_SECTION),
                                                      "number_row"),
                         "马场坪政协联〔2026〕7号");

  path = g_build_filename (fixture->dir, OVERDUE_TITLE ".odt", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (tx_outcome_editor_export_to_file (TX_OUTCOME_EDITOR (fixture->editor), file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  content = tx_test_odt_text (path);

  /* The number, the title (over its lines), the addressee, the content
   * and who writes it. */
  g_assert_nonnull (strstr (content, "\n马场坪政协联〔2026〕7号\n"));
  {
    g_autoptr(GRegex) breaks = g_regex_new ("\n", 0, 0, NULL);
    g_autofree char *flat = g_regex_replace_literal (breaks, content, -1, 0, "", 0, NULL);

    g_assert_nonnull (strstr (flat, OVERDUE_TITLE));
    /* first in the text */
    g_assert_true (strstr (content, "\n马场坪政协联〔2026〕7号\n") < strstr (content, "马场坪街道办事处："));
  }
  g_assert_nonnull (strstr (content, "马场坪街道办事处："));
  g_assert_nonnull (strstr (content, "标准化厂房"));
  g_assert_nonnull (strstr (content, "政协联络组"));
  g_assert_nonnull (strstr (content, "2026年9月11日"));
}

/* One rule for every view */

/* The first label under @widget, shown, whose text contains @text. */
static GtkLabel *
find_label_containing (GtkWidget  *widget,
                       const char *text)
{
  g_autoptr(GPtrArray) labels = find_widgets (widget, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (gtk_widget_get_mapped (GTK_WIDGET (label)) && strstr (gtk_label_get_label (label), text) != NULL)
        return label;
    }

  return NULL;
}

typedef struct {
  Fixture    *fixture;
  const char *text;
} EditorSays;

static gboolean
editor_says (gpointer data)
{
  EditorSays *says = data;

  return find_label_containing (says->fixture->editor, says->text) != NULL;
}

/* The title label of the row of @title, on screen, or NULL. */
static GtkWidget *
find_row_title (Fixture    *fixture,
                const char *title)
{
  g_autoptr(GPtrArray) labels = find_widgets (get_list_view (fixture), TX_TYPE_TEXT_CELL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      GtkWidget *box = gtk_widget_get_parent (label);

      if (gtk_widget_get_mapped (label) && g_object_get_data (G_OBJECT (box), "tx-title") == label &&
          g_strcmp0 (tx_text_cell_get_text (TX_TEXT_CELL (label)), title) == 0)
        return label;
    }

  return NULL;
}

typedef struct {
  Fixture    *fixture;
  const char *title;
} RowWanted;

static gboolean
row_on_screen (gpointer data)
{
  RowWanted *wanted = data;

  return find_row_title (wanted->fixture, wanted->title) != NULL;
}

/* What the row of the recommendation @title says of its feedback, on
 * screen (once the list has drawn it: a loaded machine takes longer);
 * NULL when it says nothing. */
static char *
dup_row_feedback (Fixture    *fixture,
                  const char *title)
{
  RowWanted wanted = { fixture, title };
  GtkWidget *label, *box, *status;

  tx_test_settle ();
  tx_test_wait_until (row_on_screen, &wanted, "the row of the recommendation on screen");
  label = find_row_title (fixture, title);
  box = gtk_widget_get_parent (label);
  status = g_object_get_data (G_OBJECT (box), "tx-status");

  if (!gtk_widget_get_visible (status))
    return NULL;
  return g_strdup (tx_text_cell_get_text (g_object_get_data (G_OBJECT (box), "tx-status-label")));
}

/* The ledger's reason for the feedback on @uuid, as the Overview and
 * tongxin-cli ledger give it; NULL for none. */
static TxLedgerHit *
find_feedback_hit (TxLedger   *ledger,
                   const char *uuid)
{
  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

      for (guint h = 0; h < entry->hits->len; h++)
        {
          TxLedgerHit *hit = g_ptr_array_index (entry->hits, h);

          if (hit->rule == TX_RULE_FEEDBACK_WAITING && g_strcmp0 (hit->uuid, uuid) == 0)
            return hit;
        }
    }

  return NULL;
}

static TxLedger *
compute_ledger (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  TxLedger *ledger = tx_ledger_compute (fixture->store, 2026, 4, tx_date_from_iso (TODAY), &error);

  g_assert_no_error (error);
  g_assert_nonnull (ledger);
  return ledger;
}

/* The feedback agreed to be due on @due, written through the core. */
static void
agree_feedback_due (Fixture    *fixture,
                    const char *uuid,
                    const char *due)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxOutcome) outcome = tx_store_load_outcome (fixture->store, uuid, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = g_strdup (tx_outcome_get_feedback_text (outcome));
  tx_outcome_set_feedback (outcome, due, NULL, text);
  g_assert_true (tx_store_save_outcome (fixture->store, outcome, &error));
  g_assert_no_error (error);
  tx_test_settle ();
}

static void
set_overdue_only (Fixture  *fixture,
                  gboolean  overdue_only)
{
  gtk_toggle_button_set_active (get_page_child (fixture, "overdue_button"), overdue_only);
  tx_test_settle ();
}

/* The Overview once said a recommendation was 42 days late that its
 * editor said was not due yet: the list, the editor and the ledger now
 * agree, an agreed due date later than submission + 30 days too. */
static void
test_agreement (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) outcomes = list_outcomes (fixture);
  g_autoptr(TxLedger) ledger = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *row = NULL;
  g_autofree char *overdue = NULL;
  TxOutcome *outcome = find_outcome (outcomes, OVERDUE_TITLE);
  EditorSays says = { fixture, NULL };
  TxDate submitted;
  TxLedgerHit *hit;

  if (g_test_failed () || fixture->window == NULL)
    return;

  uuid = g_strdup (tx_outcome_get_uuid (outcome));
  submitted = tx_date_from_iso (tx_outcome_get_submitted (outcome));
  g_assert_null (tx_outcome_get_feedback_received (outcome));

  /* Agreed: due 2026-12-20, long after submission + 30 days. */
  g_assert_cmpint (tx_date_add_days (submitted, 30), <, tx_date_from_iso ("2026-12-20"));
  agree_feedback_due (fixture, uuid, "2026-12-20");

  /* (a) The ledger has no reason about its feedback … */
  ledger = compute_ledger (fixture);
  g_assert_null (find_feedback_hit (ledger, uuid));

  /* (b) … "Feedback Overdue" does not list it … */
  show_all_years (fixture);
  set_overdue_only (fixture, TRUE);
  listed = get_listed_uuids (fixture);
  g_assert_false (has_string (listed, uuid));
  set_overdue_only (fixture, FALSE);

  /* (c) … and the editor and the row say it is awaited, due in 23 days. */
  open_outcome (fixture, uuid);
  says.text = "Awaiting feedback";
  tx_test_wait_until (editor_says, &says, "the editor to say the feedback is awaited");
  g_assert_nonnull (strstr (gtk_label_get_label (find_label_containing (fixture->editor, says.text)),
                            "due in 23 days"));
  g_assert_null (find_label_containing (fixture->editor, "Feedback overdue"));
  row = dup_row_feedback (fixture, OVERDUE_TITLE);
  g_assert_cmpstr (row, ==, "Awaiting feedback, due 2026-12-20");

  /* Agreed due on 2026-11-10: late, by as many days in all three. */
  agree_feedback_due (fixture, uuid, "2026-11-10");
  g_clear_pointer (&ledger, tx_ledger_free);
  ledger = compute_ledger (fixture);
  hit = find_feedback_hit (ledger, uuid);
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->days, ==, 17);
  g_assert_cmpint (hit->due, ==, tx_date_from_iso ("2026-11-10"));
  overdue = g_strdup_printf ("Feedback overdue by %d days", hit->days);

  set_overdue_only (fixture, TRUE);
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = get_listed_uuids (fixture);
  g_assert_true (has_string (listed, uuid));
  g_clear_pointer (&row, g_free);
  row = dup_row_feedback (fixture, OVERDUE_TITLE);
  g_assert_cmpstr (row, ==, overdue);

  says.text = overdue;
  tx_test_wait_until (editor_says, &says, "the editor to say the feedback is overdue by the ledger's days");
  g_assert_null (find_label_containing (fixture->editor, "Awaiting feedback"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  tx_test_init_gui ();

  g_test_add ("/gui/outcomes-page/list", Fixture, NULL,
              fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/gui/outcomes-page/overdue-filter", Fixture, NULL,
              fixture_set_up, test_overdue_filter, fixture_tear_down);
  g_test_add ("/gui/outcomes-page/three-zeros", Fixture, NULL,
              fixture_set_up, test_three_zeros, fixture_tear_down);
  g_test_add ("/gui/outcomes-page/record-feedback", Fixture, NULL,
              fixture_set_up, test_record_feedback, fixture_tear_down);
  g_test_add ("/gui/outcomes-page/date-calendar", Fixture, NULL,
              fixture_set_up, test_date_calendar, fixture_tear_down);
  g_test_add ("/gui/outcomes-page/bad-date", Fixture, NULL,
              fixture_set_up, test_bad_date, fixture_tear_down);
  g_test_add ("/gui/outcomes-page/supervision", Fixture, NULL,
              fixture_set_up, test_supervision, fixture_tear_down);
  g_test_add ("/gui/outcomes-page/new-delete-undo", Fixture, NULL,
              fixture_set_up, test_new_delete_undo, fixture_tear_down);
  g_test_add ("/gui/outcomes-page/export", Fixture, NULL,
              fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/gui/outcomes-page/agreement", Fixture, NULL,
              fixture_set_up, test_agreement, fixture_tear_down);

  return g_test_run ();
}
