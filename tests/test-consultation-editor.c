/* test-consultation-editor.c — the consultations page and its editor, as
 * a clerk uses them
 *
 * Runs under a display (Xvfb), on the sample data placed around
 * 2026-11-27, with the page's "today" set to that day.  Every check
 * reads the database back with tx_store_load_consultation() as well as
 * what the editor shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-consultation-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include <sqlite3.h>
#include <string.h>

#include "tx-consultation-editor.h"
#include "tx-editor-section.h"
#include "tx-day.h"
#include "tx-consultations-page.h"
#include "tx-exchange.h"
#include "tx-ledger.h"
#include "tx-records.h"
#include "tx-roster.h"
#include "tx-test-gui.h"
#include "tx-vocabulary.h"
#include "tx-window.h"
#include "tx-workflow.h"

#define WAIT_SECONDS 10
#define TODAY "2026-11-27"
#define SHUANGGU "双谷村新型农村综合体建设协商"

typedef struct {
  char      *dir;
  char      *path;
  TxStore   *store;
  TxDay     *day;
  TxWindow  *window;
  GtkWidget *page;
  GtkWidget *editor;
} Fixture;

/* Finding what the window shows */

static gpointer
get_child (gpointer    widget,
           GType       type,
           const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

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

/* The rows of a list box, in order. */
static GPtrArray *
get_rows (GtkListBox *list)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    g_ptr_array_add (rows, row);

  return rows;
}

/* The row of a stage, by the title the clerk reads: "2. Research". */
static AdwActionRow *
get_stage_row (Fixture *fixture,
               TxStage  stage)
{
  g_autoptr(GPtrArray) rows = find_widgets (get_editor_child (fixture, "stages_group"), ADW_TYPE_ACTION_ROW);
  g_autofree char *title = g_strdup_printf ("%u. %s", stage + 1, tx_stage_get_label (stage));

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);

  g_error ("No row “%s”", title);
  return NULL;
}

/* Waiting */

typedef gboolean (*Condition) (Fixture *fixture, gconstpointer data);

static gboolean
on_wait_tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_until (Condition      condition,
            Fixture       *fixture,
            gconstpointer  data,
            const char    *what)
{
  int seconds = tx_test_get_wait_seconds (WAIT_SECONDS);
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  guint tick = g_timeout_add (10, on_wait_tick_cb, NULL);

  while (!condition (fixture, data))
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_source_remove (tick);
          g_error ("Waited %d s in vain for %s", seconds, what);
        }
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (tick);
}

/* Lets the main loop run what is pending: idles, layout, drawing. */
static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 100 * G_TIME_SPAN_MILLISECOND;
  guint tick = g_timeout_add (10, on_wait_tick_cb, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

/* The fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  TxDate today = tx_date_new (2026, 11, 27);
  g_autoptr(GError) error = NULL;
  TxImportReport report = { 0 };

  fixture->dir = g_dir_make_tmp ("tongxin-test-consultation-editor-XXXXXX", &error);
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

  fixture->day = tx_test_day_new (TODAY);
  fixture->window = tx_window_new (NULL, fixture->store, fixture->day);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1366, 768);
  gtk_window_present (GTK_WINDOW (fixture->window));
  adw_view_stack_set_visible_child_name (get_child (fixture->window, TX_TYPE_WINDOW, "view_stack"),
                                         "consultations");

  fixture->page = tx_test_get_widget (fixture->window, TX_TYPE_CONSULTATIONS_PAGE);
  fixture->editor = tx_test_get_widget (fixture->page, TX_TYPE_CONSULTATION_EDITOR);
  g_assert_true (tx_editor_get_day (TX_EDITOR (fixture->editor)) == fixture->day);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  AdwMessageDialog *dialog;

  while ((dialog = tx_test_find_message_dialog ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->window)));
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->day);

  g_unlink (fixture->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

static TxConsultation *
load (Fixture    *fixture,
      const char *uuid_or_title)
{
  g_autoptr(GError) error = NULL;
  TxConsultation *consultation = tx_store_load_consultation (fixture->store, uuid_or_title, &error);

  g_assert_no_error (error);
  return consultation;
}

static gboolean
editor_shows (Fixture       *fixture,
              gconstpointer  data)
{
  const char *uuid = data;
  GtkStack *stack = get_editor_child (fixture, "stack");
  GtkLabel *title = get_editor_child (fixture, "title_label");
  g_autoptr(TxConsultation) consultation = load (fixture, uuid);

  return g_strcmp0 (tx_editor_get_uuid (TX_EDITOR (fixture->editor)), uuid) == 0 &&
         g_strcmp0 (gtk_stack_get_visible_child_name (stack), "form") == 0 &&
         gtk_widget_get_mapped (GTK_WIDGET (stack)) &&
         g_strcmp0 (gtk_label_get_label (title), tx_consultation_get_title (consultation)) == 0;
}

/* Chooses a consultation in the list, as a click does. */
static void
choose_consultation (Fixture        *fixture,
                     TxConsultation *consultation)
{
  GtkSingleSelection *selection = get_child (fixture->page, TX_TYPE_CONSULTATIONS_PAGE, "selection");
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (selection));
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TxConsultation) item = g_list_model_get_item (G_LIST_MODEL (selection), i);

      if (g_strcmp0 (tx_consultation_get_uuid (item), tx_consultation_get_uuid (consultation)) == 0)
        position = i;
    }
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);

  gtk_single_selection_set_selected (selection, position);
  wait_until (editor_shows, fixture, tx_consultation_get_uuid (consultation),
              "the editor to show the consultation chosen");
}

/* (a) The editor shows the consultation chosen: its title, the six
 * stages, the participants by name. */
static void
test_shows_consultation (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GPtrArray) stage_rows = NULL;
  g_autoptr(GPtrArray) participant_rows = NULL;
  GtkDropDown *year_drop_down;
  GPtrArray *participants;
  AdwActionRow *supervision;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  /* This year at first: the sample data's consultations are all of 2026. */
  year_drop_down = get_child (fixture->page, TX_TYPE_CONSULTATIONS_PAGE, "year_drop_down");
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (year_drop_down)), ==, "2026");

  consultation = load (fixture, SHUANGGU);
  g_assert_null (tx_consultation_get_stage_done (consultation, TX_STAGE_SUPERVISION));
  choose_consultation (fixture, consultation);

  g_assert_cmpstr (gtk_editable_get_text (get_editor_child (fixture, "title_row")), ==, SHUANGGU);
  g_assert_cmpstr (gtk_editable_get_text (get_editor_child (fixture, "starts_row")), ==, "2026-06-25 14:30");

  stage_rows = find_widgets (get_editor_child (fixture, "stages_group"), ADW_TYPE_ACTION_ROW);
  g_assert_cmpuint (stage_rows->len, ==, TX_N_STAGES);
  for (guint stage = 0; stage < TX_N_STAGES; stage++)
    {
      AdwActionRow *row = get_stage_row (fixture, stage);
      const char *done = tx_consultation_get_stage_done (consultation, stage);

      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));
      if (done != NULL)
        {
          g_autofree char *expected = g_strdup_printf ("Done on %s", done);

          g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), expected));
          g_assert_false (gtk_widget_get_visible (find_button (row, "Done Today")));
          g_assert_true (gtk_widget_get_visible (find_button (row, "Undo Done")));
        }
    }

  /* Supervision, not done: the current stage, with its button. */
  supervision = get_stage_row (fixture, TX_STAGE_SUPERVISION);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (supervision), "Current stage"));
  g_assert_true (gtk_widget_get_visible (find_button (supervision, "Done Today")));

  participants = tx_consultation_get_participants (consultation);
  g_assert_cmpuint (participants->len, >, 0);
  participant_rows = get_rows (get_editor_child (fixture, "participants_list"));
  g_assert_cmpuint (participant_rows->len, ==, participants->len);
  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);

      g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (participant_rows, i)), ==,
                       participant->name);
    }
}

/* (b) "Done Today" on the current stage marks it done today; two
 * stages on, the order rule refuses and says why, and nothing changes
 * until a reason is given. */

typedef struct {
  const char *uuid;
  TxStage     stage;
} StageCheck;

static gboolean
stage_shown_done (Fixture       *fixture,
                  gconstpointer  data)
{
  const StageCheck *check = data;
  AdwActionRow *row = get_stage_row (fixture, check->stage);
  GtkWidget *undo = find_button (row, "Undo Done");

  return g_strcmp0 (adw_action_row_get_subtitle (row), "Done on " TODAY) == 0 &&
         undo != NULL && gtk_widget_get_visible (undo) &&
         !gtk_widget_get_visible (find_button (row, "Done Today"));
}

static gboolean
message_dialog_shown (Fixture       *fixture,
                      gconstpointer  data)
{
  AdwMessageDialog *dialog = tx_test_find_message_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static void
test_done_today (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) consultations = NULL;
  g_autoptr(TxConsultation) before = NULL;
  g_autoptr(TxConsultation) after = NULL;
  g_autoptr(TxConsultation) with_reason = NULL;
  g_autoptr(GError) error = NULL;
  TxConsultation *chosen = NULL;
  AdwMessageDialog *dialog;
  StageCheck check;
  TxStage current;
  TxStage later;
  const char *body;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  /* A consultation past its first stage, with two stages after the
   * current one. */
  consultations = tx_store_list_consultations (fixture->store, 0, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < consultations->len && chosen == NULL; i++)
    {
      TxConsultation *consultation = g_ptr_array_index (consultations, i);
      TxStage stage = tx_consultation_get_current_stage (consultation);

      if (stage >= TX_STAGE_RESEARCH && stage + 2 <= TX_STAGE_SUPERVISION)
        chosen = consultation;
    }
  g_assert_nonnull (chosen);
  before = load (fixture, tx_consultation_get_uuid (chosen));
  current = tx_consultation_get_current_stage (before);
  later = current + 2;
  g_test_message ("“%s”: %s is current", tx_consultation_get_title (before), tx_stage_to_key (current));

  choose_consultation (fixture, before);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (get_stage_row (fixture, current)), "Current stage"));

  /* One click on the current stage. */
  g_signal_emit_by_name (find_button (get_stage_row (fixture, current), "Done Today"), "clicked");
  after = load (fixture, tx_consultation_get_uuid (before));
  g_assert_cmpstr (tx_consultation_get_stage_done (after, current), ==, TODAY);
  g_assert_cmpint (tx_consultation_get_current_stage (after), ==, current + 1);
  check.uuid = tx_consultation_get_uuid (before);
  check.stage = current;
  wait_until (stage_shown_done, fixture, &check, "the stage to be shown done today");
  g_assert_null (tx_test_find_message_dialog ());

  /* Two stages on: the one before it is not done. */
  g_signal_emit_by_name (find_button (get_stage_row (fixture, later), "Done Today"), "clicked");
  wait_until (message_dialog_shown, fixture, NULL, "the refusal to be shown");
  dialog = tx_test_find_message_dialog ();
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("Refused: %s", body);
  g_assert_nonnull (strstr (body, "is not done yet"));
  g_assert_nonnull (strstr (body, tx_stage_get_label (later - 1)));

  g_clear_object (&after);
  after = load (fixture, tx_consultation_get_uuid (before));
  g_assert_null (tx_consultation_get_stage_done (after, later));
  g_assert_null (tx_consultation_get_stage_done (after, later - 1));

  /* No reason, no "Mark Done". */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "done"));
  adw_message_dialog_response (dialog, "cancel");
  settle ();
  g_clear_object (&after);
  after = load (fixture, tx_consultation_get_uuid (before));
  g_assert_null (tx_consultation_get_stage_done (after, later));
  g_assert_true (gtk_widget_get_visible (find_button (get_stage_row (fixture, later), "Done Today")));

  /* Again, with a reason: done. */
  g_signal_emit_by_name (find_button (get_stage_row (fixture, later), "Done Today"), "clicked");
  wait_until (message_dialog_shown, fixture, NULL, "the refusal to be shown again");
  dialog = tx_test_find_message_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)),
                         "镇党委要求先行报送");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "done"));
  adw_message_dialog_response (dialog, "done");
  with_reason = load (fixture, tx_consultation_get_uuid (before));
  g_assert_cmpstr (tx_consultation_get_stage_done (with_reason, later), ==, TODAY);
  g_assert_null (tx_consultation_get_stage_done (with_reason, later - 1));
  check.stage = later;
  wait_until (stage_shown_done, fixture, &check, "the later stage to be shown done");
}

/* (c) Attendance, in the row and in attendance mode, is kept at once;
 * (d) the composition line follows it. */

static char *
dup_expected_composition (Fixture    *fixture,
                          const char *uuid)
{
  g_autoptr(TxConsultation) consultation = load (fixture, uuid);
  gboolean attended_only = tx_consultation_get_stage_done (consultation, TX_STAGE_MEETING) != NULL;
  g_autoptr(TxComposition) composition = tx_composition_check (tx_consultation_get_participants (consultation),
                                                               attended_only, 0.30);
  double share = composition->counted > 0 ? 100.0 * composition->stakeholders / composition->counted : 0;

  return g_strdup_printf ("Liaison group %u · Two deputies and one member %u · Stakeholders %u/%u (%.0f%%)",
                          composition->liaison, composition->deputies,
                          composition->stakeholders, composition->counted, share);
}

/* The counts, and one warning row for each thing missing, in words. */
static gboolean
composition_shown (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *uuid = data;
  g_autofree char *expected = dup_expected_composition (fixture, uuid);
  g_autoptr(TxConsultation) consultation = load (fixture, uuid);
  g_autoptr(TxComposition) composition = NULL;
  g_autoptr(GPtrArray) rows = get_rows (get_editor_child (fixture, "composition_list"));
  AdwPreferencesRow *row = get_editor_child (fixture, "composition_row");

  composition = tx_composition_check (tx_consultation_get_participants (consultation),
                                      tx_consultation_get_stage_done (consultation, TX_STAGE_MEETING) != NULL,
                                      0.30);

  if (g_strcmp0 (adw_preferences_row_get_title (row), expected) != 0 ||
      rows->len != 1 + composition->missing->len)
    return FALSE;

  for (guint i = 0; i < composition->missing->len; i++)
    {
      AdwPreferencesRow *missing = g_ptr_array_index (rows, i + 1);
      g_autofree char *text = g_markup_escape_text (g_ptr_array_index (composition->missing, i), -1);
      g_autoptr(GPtrArray) icons = find_widgets (missing, GTK_TYPE_IMAGE);
      gboolean has_warning_icon = FALSE;

      for (guint j = 0; j < icons->len; j++)
        if (g_strcmp0 (gtk_image_get_icon_name (g_ptr_array_index (icons, j)), "dialog-warning-symbolic") == 0)
          has_warning_icon = TRUE;

      if (g_strcmp0 (adw_preferences_row_get_title (missing), text) != 0 || !has_warning_icon)
        return FALSE;
    }

  return TRUE;
}

/* The role and attendance the database holds of @person_uuid at the
 * consultation @uuid. */
static void
read_participant (Fixture    *fixture,
                  const char *uuid,
                  const char *person_uuid,
                  TxRole     *role,
                  int        *attended)
{
  g_autoptr(TxConsultation) consultation = load (fixture, uuid);
  GPtrArray *participants = tx_consultation_get_participants (consultation);

  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);

      if (g_strcmp0 (participant->person_uuid, person_uuid) == 0)
        {
          *role = participant->role;
          *attended = participant->attended;
          return;
        }
    }

  g_error ("%s is not a participant", person_uuid);
}

static int
get_attended (Fixture    *fixture,
              const char *uuid,
              const char *person_uuid)
{
  TxRole role;
  int attended;

  read_participant (fixture, uuid, person_uuid, &role, &attended);
  return attended;
}

static void
test_attendance_and_composition (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *changed = NULL;
  TxParticipant *participant;
  GtkCheckButton *present;
  GtkToggleButton *absent;
  const char *uuid;
  int attended;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  consultation = load (fixture, SHUANGGU);
  uuid = tx_consultation_get_uuid (consultation);
  /* The meeting is done: those present are counted. */
  g_assert_nonnull (tx_consultation_get_stage_done (consultation, TX_STAGE_MEETING));
  choose_consultation (fixture, consultation);

  /* (d) The counts of tx_composition_check, and what is missing. */
  expected = dup_expected_composition (fixture, uuid);
  g_test_message ("Composition: %s", expected);
  wait_until (composition_shown, fixture, uuid, "the composition line");

  /* (c) A participant's "Present", clicked. */
  participant = g_ptr_array_index (tx_consultation_get_participants (consultation), 0);
  attended = participant->attended;
  rows = get_rows (get_editor_child (fixture, "participants_list"));
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, participant->name);
  present = tx_test_get_widget (g_ptr_array_index (rows, 0), GTK_TYPE_CHECK_BUTTON);
  g_assert_cmpint (gtk_check_button_get_active (present), ==, attended == 1);
  gtk_check_button_set_active (present, attended != 1);
  g_assert_cmpint (get_attended (fixture, uuid, participant->person_uuid), ==, attended == 1 ? 0 : 1);

  /* The line follows: the meeting is done, so one fewer or one more is counted. */
  changed = dup_expected_composition (fixture, uuid);
  g_assert_cmpstr (changed, !=, expected);
  wait_until (composition_shown, fixture, uuid, "the composition line to follow the attendance");

  /* Taking attendance: large buttons, one click each. */
  gtk_toggle_button_set_active (get_editor_child (fixture, "attendance_button"), TRUE);
  settle ();
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = get_rows (get_editor_child (fixture, "participants_list"));
  absent = GTK_TOGGLE_BUTTON (find_button (g_ptr_array_index (rows, 1), "Absent"));
  g_assert_nonnull (absent);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (absent)));
  g_assert_false (gtk_widget_get_mapped (tx_test_get_widget (g_ptr_array_index (rows, 1), GTK_TYPE_CHECK_BUTTON)));
  participant = g_ptr_array_index (tx_consultation_get_participants (consultation), 1);
  g_assert_cmpint (participant->attended, !=, 0);
  gtk_toggle_button_set_active (absent, TRUE);
  g_assert_cmpint (get_attended (fixture, uuid, participant->person_uuid), ==, 0);
  wait_until (composition_shown, fixture, uuid, "the composition line after an absence");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 1)), "Absent"));
}

/* A participant's role, chosen on their row: the button opens every
 * role, the one chosen is saved and shown on the button. */
static void
test_role_chosen (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) choices = NULL;
  TxParticipant *participant;
  GtkMenuButton *button;
  GtkWidget *popover;
  TxRole role, stored;
  int attended;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  consultation = load (fixture, SHUANGGU);
  choose_consultation (fixture, consultation);
  participant = g_ptr_array_index (tx_consultation_get_participants (consultation), 0);
  rows = get_rows (get_editor_child (fixture, "participants_list"));
  button = tx_test_get_template_child (g_ptr_array_index (rows, 0), "role_button");
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, tx_role_get_label (participant->role));

  /* the roles, made when the button is first clicked */
  g_assert_null (gtk_menu_button_get_popover (button));
  gtk_menu_button_popup (button);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  choices = find_widgets (popover, GTK_TYPE_CHECK_BUTTON);
  g_assert_cmpuint (choices->len, ==, tx_role_get_count ());
  for (guint i = 0; i < choices->len; i++)
    {
      GtkCheckButton *choice = g_ptr_array_index (choices, i);

      g_assert_cmpstr (gtk_check_button_get_label (choice), ==, tx_role_get_label ((TxRole) i));
      g_assert_cmpint (gtk_check_button_get_active (choice), ==, (TxRole) i == participant->role);
    }

  /* another role, clicked: saved, shown, the choices closed */
  role = participant->role == TX_ROLE_EXPERT ? TX_ROLE_STAKEHOLDER : TX_ROLE_EXPERT;
  gtk_widget_activate (g_ptr_array_index (choices, role));
  read_participant (fixture, tx_consultation_get_uuid (consultation), participant->person_uuid, &stored, &attended);
  g_assert_cmpint (stored, ==, role);
  g_assert_cmpint (attended, ==, participant->attended);
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, tx_role_get_label (role));
}

/* A new consultation: the form, Save, and the list shows it chosen. */

static gboolean
list_selects (Fixture       *fixture,
              gconstpointer  data)
{
  GtkSingleSelection *selection = get_child (fixture->page, TX_TYPE_CONSULTATIONS_PAGE, "selection");
  TxConsultation *selected = gtk_single_selection_get_selected_item (selection);

  return selected != NULL && g_strcmp0 (tx_consultation_get_title (selected), data) == 0;
}

/* Save is a button bound to consultation.save: sensitive when enabled. */
static gboolean
save_enabled (Fixture *fixture)
{
  return gtk_widget_is_sensitive (find_button (fixture->editor, "_Save"));
}

static void
test_new_consultation (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(TxConsultation) saved = NULL;
  g_autoptr(GPtrArray) composition_rows = NULL;
  g_autoptr(GError) error = NULL;
  TxConsultationEditor *editor;
  AdwComboRow *township_row;
  GtkLabel *problems;
  guint n_before;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  editor = TX_CONSULTATION_EDITOR (fixture->editor);
  n_before = tx_store_count (fixture->store, "consultation");

  gtk_widget_activate_action (fixture->page, "consultations.new", NULL);
  settle ();
  g_assert_true (tx_editor_is_new (TX_EDITOR (editor)));
  g_assert_cmpstr (gtk_label_get_label (get_editor_child (fixture, "title_label")), ==, "New Consultation");

  /* Not yet: no title, no township. */
  g_assert_false (save_enabled (fixture));
  problems = get_editor_child (fixture, "details_problem_label");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (problems)));

  gtk_editable_set_text (get_editor_child (fixture, "title_row"), "集镇停车场规划协商");
  township_row = get_editor_child (fixture, "township_row");
  adw_combo_row_set_selected (township_row, 0);

  /* A time as clerks write it, checked as it is typed. */
  gtk_editable_set_text (get_editor_child (fixture, "starts_row"), "2026-12-40 09:00");
  g_assert_false (save_enabled (fixture));
  g_assert_true (gtk_widget_has_css_class (get_editor_child (fixture, "starts_row"), "error"));
  gtk_editable_set_text (get_editor_child (fixture, "starts_row"), "2026/12/18 9：30");
  gtk_editable_set_text (get_editor_child (fixture, "ends_row"), "11:30");
  g_assert_false (gtk_widget_has_css_class (get_editor_child (fixture, "starts_row"), "error"));
  g_assert_true (save_enabled (fixture));

  /* A filter that hides it: the list shows everything again to show it. */
  gtk_drop_down_set_selected (get_child (fixture->page, TX_TYPE_CONSULTATIONS_PAGE, "stage_drop_down"),
                              1 + TX_STAGE_DONE);

  gtk_widget_activate_action (fixture->editor, "editor.save", NULL);
  g_assert_cmpuint (tx_store_count (fixture->store, "consultation"), ==, n_before + 1);
  saved = tx_store_load_consultation (fixture->store, "集镇停车场规划协商", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tx_consultation_get_starts (saved), ==, "2026-12-18T09:30:00+08:00");
  g_assert_cmpstr (tx_consultation_get_ends (saved), ==, "2026-12-18T11:30:00+08:00");
  g_assert_false (tx_editor_is_new (TX_EDITOR (editor)));
  g_assert_cmpstr (tx_editor_get_uuid (TX_EDITOR (editor)), ==, tx_consultation_get_uuid (saved));
  wait_until (list_selects, fixture, "集镇停车场规划协商", "the list to choose the new consultation");
  g_assert_false (tx_editor_has_changes (TX_EDITOR (editor)));
  g_assert_cmpuint (gtk_drop_down_get_selected (get_child (fixture->page, TX_TYPE_CONSULTATIONS_PAGE, "stage_drop_down")), ==, 0);

  /* Nobody yet: no liaison group, no deputy; said in words. */
  wait_until (composition_shown, fixture, tx_consultation_get_uuid (saved), "the composition of nobody");
  composition_rows = get_rows (get_editor_child (fixture, "composition_list"));
  g_assert_cmpuint (composition_rows->len, ==, 3);
}

/* What was typed stays when the store changes, and is not lost by
 * choosing another consultation without being asked. */
static void
test_unsaved_changes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(TxConsultation) first = NULL;
  g_autoptr(TxConsultation) second = NULL;
  g_autoptr(TxConsultation) stored = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GtkCheckButton *present;
  AdwMessageDialog *dialog;
  GtkSingleSelection *selection;
  guint position = GTK_INVALID_LIST_POSITION;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  first = load (fixture, SHUANGGU);
  second = load (fixture, "老旧小区改造协商");
  choose_consultation (fixture, first);

  gtk_editable_set_text (get_editor_child (fixture, "recorder_row"), "王秀英");
  g_assert_true (tx_editor_has_changes (TX_EDITOR (fixture->editor)));
  g_assert_true (save_enabled (fixture));

  /* Attendance is kept at once; the store changes; the typing stays. */
  rows = get_rows (get_editor_child (fixture, "participants_list"));
  present = tx_test_get_widget (g_ptr_array_index (rows, 0), GTK_TYPE_CHECK_BUTTON);
  gtk_check_button_set_active (present, !gtk_check_button_get_active (present));
  settle ();
  g_assert_cmpstr (gtk_editable_get_text (get_editor_child (fixture, "recorder_row")), ==, "王秀英");
  g_assert_true (save_enabled (fixture));

  /* Another consultation: the editor asks first. */
  selection = get_child (fixture->page, TX_TYPE_CONSULTATIONS_PAGE, "selection");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr(TxConsultation) item = g_list_model_get_item (G_LIST_MODEL (selection), i);

      if (g_strcmp0 (tx_consultation_get_uuid (item), tx_consultation_get_uuid (second)) == 0)
        position = i;
    }
  gtk_single_selection_set_selected (selection, position);
  wait_until (message_dialog_shown, fixture, NULL, "the editor to ask about the changes");
  dialog = tx_test_find_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), SHUANGGU));
  /* Meanwhile the list still shows what the editor shows. */
  g_assert_cmpstr (tx_editor_get_uuid (TX_EDITOR (fixture->editor)), ==,
                   tx_consultation_get_uuid (first));

  adw_message_dialog_response (dialog, "save");
  stored = load (fixture, SHUANGGU);
  g_assert_cmpstr (tx_consultation_get_recorder (stored), ==, "王秀英");
  wait_until (editor_shows, fixture, tx_consultation_get_uuid (second), "the other consultation");
}

/* On a narrow window the list and the editor fold into one pane: a
 * choice shows the editor, whose back button shows the list again. */
static gboolean
leaflet_folded (Fixture       *fixture,
                gconstpointer  data)
{
  return adw_leaflet_get_folded (get_child (fixture->page, TX_TYPE_CONSULTATIONS_PAGE, "leaflet"));
}

static gboolean
leaflet_shows (Fixture       *fixture,
               gconstpointer  data)
{
  AdwLeaflet *leaflet = get_child (fixture->page, TX_TYPE_CONSULTATIONS_PAGE, "leaflet");

  return adw_leaflet_get_visible_child (leaflet) == data &&
         !adw_leaflet_get_child_transition_running (leaflet);
}

static void
test_narrow_window (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(TxConsultation) consultation = NULL;
  GtkWidget *list_pane;
  GtkWidget *back;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 600, 700);
  wait_until (leaflet_folded, fixture, NULL, "the page to fold");
  list_pane = get_child (fixture->page, TX_TYPE_CONSULTATIONS_PAGE, "list_pane");
  wait_until (leaflet_shows, fixture, list_pane, "the list alone");

  consultation = load (fixture, SHUANGGU);
  choose_consultation (fixture, consultation);
  wait_until (leaflet_shows, fixture, fixture->editor, "the editor alone");
  g_assert_false (gtk_widget_get_mapped (list_pane));

  back = get_editor_child (fixture, "back_button");
  g_assert_true (gtk_widget_get_mapped (back));
  g_signal_emit_by_name (back, "clicked");
  wait_until (leaflet_shows, fixture, list_pane, "the list again");

  /* The same consultation again: a click shows it. */
  g_assert_cmpuint (gtk_single_selection_get_selected (get_child (fixture->page, TX_TYPE_CONSULTATIONS_PAGE, "selection")),
                    ==, GTK_INVALID_LIST_POSITION);
  choose_consultation (fixture, consultation);
  wait_until (leaflet_shows, fixture, fixture->editor, "the editor again");
}

/* The documents: the minutes as ODT, the sign-in sheet as PDF. */
static void
test_documents (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GFile) odt = NULL;
  g_autoptr(GFile) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *odt_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  GPtrArray *participants;
  gsize length;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  consultation = load (fixture, SHUANGGU);
  choose_consultation (fixture, consultation);

  odt_path = g_build_filename (fixture->dir, "纪要.odt", NULL);
  odt = g_file_new_for_path (odt_path);
  g_assert_true (tx_consultation_editor_export_minutes (TX_CONSULTATION_EDITOR (fixture->editor), odt, &error));
  g_assert_no_error (error);
  g_file_get_contents (odt_path, &contents, &length, &error);
  g_assert_no_error (error);
  /* An ODF package: a zip whose first file is the stored mimetype. */
  g_assert_cmpuint (length, >, 100);
  g_assert_true (memcmp (contents, "PK\003\004", 4) == 0);
  g_assert_true (memcmp (contents + 30, "mimetype", 8) == 0);
  g_assert_true (memcmp (contents + 38, "application/vnd.oasis.opendocument.text", 39) == 0);
  g_clear_pointer (&contents, g_free);

  pdf_path = g_build_filename (fixture->dir, "签到表.pdf", NULL);
  pdf = g_file_new_for_path (pdf_path);
  operation = tx_consultation_editor_print_signin_sheet (TX_CONSULTATION_EDITOR (fixture->editor), pdf);
  /* Like every GTK export, it returns when the file is written. */
  g_assert_nonnull (operation);
  g_file_get_contents (pdf_path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));

  /* Everyone invited has a line to sign on. */
  text = tx_test_read_pdf_text (pdf_path);
  g_assert_nonnull (strstr (text, "签到表"));
  participants = tx_consultation_get_participants (consultation);
  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);

      if (strstr (text, participant->name) == NULL)
        g_error ("%s is not on the sign-in sheet", participant->name);
    }
  g_assert_null (strstr (text, "按姓氏笔画为序"));

  /* The order the "signin-order" setting says, as tongxin-cli reads it. */
  g_assert_true (tx_store_set_setting (fixture->store, "signin-order", "strokes", &error));
  g_assert_no_error (error);
  g_clear_object (&operation);
  operation = tx_consultation_editor_print_signin_sheet (TX_CONSULTATION_EDITOR (fixture->editor), pdf);
  g_assert_nonnull (operation);
  g_clear_pointer (&text, g_free);
  text = tx_test_read_pdf_text (pdf_path);
  g_assert_nonnull (strstr (text, "按姓氏笔画为序"));

  /* Someone invited, removed from the roster since: the sheet prints
   * them as the roster last had them, and the clerk is told first. */
  {
    TxParticipant *removed = g_ptr_array_index (participants, 0);
    GtkLabel *warnings = get_editor_child (fixture, "signin_warnings_label");

    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (warnings)));
    g_assert_true (tx_roster_delete_person (fixture->store, removed->person_uuid, &error));
    g_assert_no_error (error);
    g_clear_object (&operation);
    operation = tx_consultation_editor_print_signin_sheet (TX_CONSULTATION_EDITOR (fixture->editor), pdf);
    g_assert_nonnull (operation);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (warnings)));
    g_assert_nonnull (strstr (gtk_label_get_label (warnings), removed->name));
    g_assert_nonnull (strstr (gtk_label_get_label (warnings), "removed from the roster"));
    g_clear_pointer (&text, g_free);
    text = tx_test_read_pdf_text (pdf_path);
    g_assert_nonnull (strstr (text, removed->name));
  }

  g_unlink (odt_path);
  g_unlink (pdf_path);
}

/* Due dates as clerks write them: any form tx_date_parse() reads is
 * kept as YYYY-MM-DD; one that is no day says why, and stops Save. */
static void
test_typed_dates (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(TxConsultation) saved = NULL;
  AdwActionRow *row;
  GtkEditable *due;
  GtkLabel *problems;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  consultation = load (fixture, SHUANGGU);
  choose_consultation (fixture, consultation);
  g_assert_null (tx_consultation_get_stage_done (consultation, TX_STAGE_SUPERVISION));
  row = get_stage_row (fixture, TX_STAGE_SUPERVISION);
  due = GTK_EDITABLE (tx_test_get_widget (row, GTK_TYPE_ENTRY));
  problems = get_editor_child (fixture, "stages_problem_label");

  /* No such day: said under the stages, in red, and Save waits. */
  gtk_editable_set_text (due, "2027年2月30日");
  g_assert_false (save_enabled (fixture));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (due), "error"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (problems)));
  g_assert_nonnull (strstr (gtk_label_get_label (problems), "The due date of Supervision is not a date"));
  g_assert_nonnull (strstr (gtk_label_get_label (problems), "no day 30 in month 2"));

  /* Written the Chinese way, then as digits alone: the same day. */
  gtk_editable_set_text (due, "2027年1月31日");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (due), "error"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (problems)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "on 2027-01-31"));
  g_assert_true (save_enabled (fixture));
  gtk_editable_set_text (due, "20270131");
  g_assert_true (save_enabled (fixture));

  gtk_widget_activate_action (fixture->editor, "editor.save", NULL);
  saved = load (fixture, SHUANGGU);
  g_assert_cmpstr (tx_consultation_get_stage_due (saved, TX_STAGE_SUPERVISION), ==, "2027-01-31");
  g_assert_false (tx_editor_has_changes (TX_EDITOR (fixture->editor)));
}

/* The calendar of a due date field: its button opens a calendar on the
 * day the field holds; a day chosen there is written as the store keeps
 * it, and saved like a typed one. */
static void
test_date_calendar (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(TxConsultation) saved = NULL;
  g_autoptr(GDateTime) shown = NULL;
  GtkMenuButton *button;
  GtkCalendar *calendar;
  GtkWidget *popover;
  GtkEntry *due;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  consultation = load (fixture, SHUANGGU);
  choose_consultation (fixture, consultation);
  due = tx_test_get_widget (get_stage_row (fixture, TX_STAGE_SUPERVISION), GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (due), "2027年1月31日");

  /* the button beside the field, as clicked */
  button = tx_test_get_widget (gtk_widget_get_parent (GTK_WIDGET (due)), GTK_TYPE_MENU_BUTTON);
  gtk_menu_button_popup (button);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  calendar = tx_test_get_widget (popover, GTK_TYPE_CALENDAR);
  g_assert_true (gtk_widget_get_visible (popover));
  shown = gtk_calendar_get_date (calendar);
  g_assert_cmpint (g_date_time_get_year (shown), ==, 2027);
  g_assert_cmpint (g_date_time_get_month (shown), ==, 1);
  g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 31);

  /* a day chosen: written, the calendar closed, saved */
  tx_test_choose_day (calendar, 2027, 2, 14);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (due)), ==, "2027-02-14");
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_true (save_enabled (fixture));
  tx_test_save_screenshot (get_editor_child (fixture, "stages_group"), "stages-with-calendars");
  gtk_widget_activate_action (fixture->editor, "editor.save", NULL);
  saved = load (fixture, SHUANGGU);
  g_assert_cmpstr (tx_consultation_get_stage_due (saved, TX_STAGE_SUPERVISION), ==, "2027-02-14");
}

/* A text no editor keeps (a character that turns the direction of the
 * text around, pasted into the venue): the core's check says so above
 * the form, by the field's name, and Save waits until it is gone. */
static void
test_text_problems (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(TxConsultation) consultation = NULL;
  GtkInfoBar *bar;
  GtkLabel *label;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  consultation = load (fixture, SHUANGGU);
  choose_consultation (fixture, consultation);
  bar = get_editor_child (fixture, "problem_bar");
  label = get_editor_child (fixture, "problem_label");
  g_assert_false (gtk_info_bar_get_revealed (bar));

  gtk_editable_set_text (get_editor_child (fixture, "venue_row"), "双谷村\u202e室事议");
  g_assert_false (save_enabled (fixture));
  g_assert_true (gtk_info_bar_get_revealed (bar));
  g_assert_nonnull (strstr (gtk_label_get_label (label), "The venue cannot hold"));
  g_assert_nonnull (strstr (gtk_label_get_label (label), "U+202E"));

  gtk_editable_set_text (get_editor_child (fixture, "venue_row"), "双谷村议事室");
  g_assert_false (gtk_info_bar_get_revealed (bar));
  g_assert_true (save_enabled (fixture));
}

/* What another program saved while the clerk typed: the parts the clerk
 * did not change show it; Save asks about the parts changed on both
 * sides, and each answer does what it says. */

static char *
dup_consensus (Fixture *fixture)
{
  return tx_editor_section_dup_buffer_text (get_editor_child (fixture, "consensus_buffer"));
}

static gboolean
title_is (Fixture       *fixture,
          gconstpointer  data)
{
  return g_strcmp0 (gtk_editable_get_text (get_editor_child (fixture, "title_row")), data) == 0;
}

static gboolean
venue_is (Fixture       *fixture,
          gconstpointer  data)
{
  return g_strcmp0 (gtk_editable_get_text (get_editor_child (fixture, "venue_row")), data) == 0;
}

static gboolean
question_shown (Fixture       *fixture,
                gconstpointer  data)
{
  return tx_test_find_message_dialog () != NULL;
}

/* Saves a change of @consultation's title or venue from another
 * connection, as tongxin-cli or another window would. */
static void
save_elsewhere (Fixture    *fixture,
                const char *uuid,
                const char *title,
                const char *venue)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) other = tx_store_open (fixture->path, &error);
  g_autoptr(TxConsultation) consultation = NULL;

  g_assert_no_error (error);
  consultation = tx_store_load_consultation (other, uuid, &error);
  g_assert_no_error (error);
  if (title != NULL)
    tx_consultation_set_title (consultation, title);
  if (venue != NULL)
    tx_consultation_set_place (consultation, tx_consultation_get_platform (consultation), venue);
  g_assert_true (tx_store_save_consultation (other, consultation, &error));
  g_assert_no_error (error);
}

static void
test_saved_elsewhere (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(TxConsultation) saved = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *consensus = NULL;
  AdwMessageDialog *question;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  consultation = load (fixture, SHUANGGU);
  uuid = g_strdup (tx_consultation_get_uuid (consultation));
  choose_consultation (fixture, consultation);

  /* the clerk writes the consensus; meanwhile the title is changed elsewhere */
  tx_editor_section_set_buffer_text (get_editor_child (fixture, "consensus_buffer"), "本窗口写的共识");
  g_assert_true (tx_editor_has_changes (TX_EDITOR (fixture->editor)));
  save_elsewhere (fixture, uuid, "别处改的标题", NULL);
  g_assert_true (tx_store_check_other_writers (fixture->store));
  wait_until (title_is, fixture, "别处改的标题", "the title saved elsewhere, in the form");
  consensus = dup_consensus (fixture);
  g_assert_cmpstr (consensus, ==, "本窗口写的共识");

  /* Save asks, naming the part changed on both sides; "Keep Mine" */
  gtk_widget_activate_action (fixture->editor, "editor.save", NULL);
  wait_until (question_shown, fixture, NULL, "the question");
  question = tx_test_find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Saved Elsewhere Meanwhile");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "“Minutes”"));
  g_assert_null (strstr (adw_message_dialog_get_body (question), "“Details”"));
  tx_test_answer_message_dialog (question, "mine");
  settle ();

  saved = load (fixture, uuid);
  g_assert_cmpstr (tx_consultation_get_title (saved), ==, "别处改的标题");
  g_assert_cmpstr (tx_consultation_get_consensus (saved), ==, "本窗口写的共识");
  g_assert_false (tx_editor_has_changes (TX_EDITOR (fixture->editor)));

  /* again, and "Show the Other Version": the clerk's typing goes */
  tx_editor_section_set_buffer_text (get_editor_child (fixture, "consensus_buffer"), "第二次写的共识");
  save_elsewhere (fixture, uuid, NULL, "别处改的会场");
  g_assert_true (tx_store_check_other_writers (fixture->store));
  wait_until (venue_is, fixture, "别处改的会场", "the venue saved elsewhere, in the form");
  gtk_widget_activate_action (fixture->editor, "editor.save", NULL);
  wait_until (question_shown, fixture, NULL, "the question");
  tx_test_answer_message_dialog (tx_test_find_message_dialog (), "theirs");
  settle ();

  g_clear_object (&saved);
  saved = load (fixture, uuid);
  g_assert_cmpstr (tx_consultation_get_consensus (saved), ==, "本窗口写的共识");
  g_assert_cmpstr (tx_consultation_get_venue (saved), ==, "别处改的会场");
  g_clear_pointer (&consensus, g_free);
  consensus = dup_consensus (fixture);
  g_assert_cmpstr (consensus, ==, "本窗口写的共识");
  g_assert_false (tx_editor_has_changes (TX_EDITOR (fixture->editor)));
}

typedef struct {
  sqlite3 *db;
} Holder;

static gboolean
release_write_cb (gpointer data)
{
  Holder *holder = data;

  g_assert_cmpint (sqlite3_exec (holder->db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  return G_SOURCE_REMOVE;
}

static gboolean
title_saved (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(TxConsultation) consultation = tx_store_load_consultation (fixture->store, SHUANGGU "（已改）", NULL);

  return consultation != NULL;
}

/* Another program holds a long write when the clerk saves: the editor
 * says so, and saves once the other has finished. */
static void
test_save_waits_for_writer (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(TxConsultation) consultation = NULL;
  GtkInfoBar *bar;
  GtkLabel *label;
  Holder holder = { NULL };

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  consultation = load (fixture, SHUANGGU);
  choose_consultation (fixture, consultation);
  bar = get_editor_child (fixture, "problem_bar");
  label = get_editor_child (fixture, "problem_label");

  g_assert_cmpint (sqlite3_open (fixture->path, &holder.db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder.db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  tx_store_set_wait (fixture->store, 100);

  gtk_editable_set_text (get_editor_child (fixture, "title_row"), SHUANGGU "（已改）");
  gtk_widget_activate_action (fixture->editor, "editor.save", NULL);
  g_assert_true (gtk_info_bar_get_revealed (bar));
  g_assert_nonnull (strstr (gtk_label_get_label (label), "Another program is writing"));

  g_timeout_add (600, release_write_cb, &holder);
  wait_until (title_saved, fixture, NULL, "the save, once the other program finished");
  settle ();
  g_assert_false (tx_editor_has_changes (TX_EDITOR (fixture->editor)));
  sqlite3_close (holder.db);
}

/* The colour filter: the consultations of each colour in this quarter's
 * ledger, as the ledger has them. */
static void
test_color_filter (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxLedger) ledger = NULL;
  g_autoptr(GPtrArray) all = NULL;
  GtkDropDown *colors;
  GtkSingleSelection *selection;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  ledger = tx_ledger_compute (fixture->store, 2026, 4, tx_date_from_iso (TODAY), &error);
  g_assert_no_error (error);
  all = tx_store_list_consultations (fixture->store, 2026, NULL, &error);
  colors = get_child (fixture->page, TX_TYPE_CONSULTATIONS_PAGE, "color_drop_down");
  selection = get_child (fixture->page, TX_TYPE_CONSULTATIONS_PAGE, "selection");

  /* all colours, with a mark and a word each */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (colors)), ==, 4);

  for (TxColor color = TX_COLOR_GREEN; color <= TX_COLOR_RED; color++)
    {
      guint expected = 0;

      for (guint i = 0; i < all->len; i++)
        if (tx_ledger_consultation_color (ledger, tx_consultation_get_uuid (g_ptr_array_index (all, i))) == color)
          expected++;

      gtk_drop_down_set_selected (colors, 1 + color);
      settle ();
      g_test_message ("colour %d: %u", color, expected);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, expected);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
        {
          g_autoptr(TxConsultation) shown = g_list_model_get_item (G_LIST_MODEL (selection), i);

          g_assert_cmpint (tx_ledger_consultation_color (ledger, tx_consultation_get_uuid (shown)), ==, color);
        }
    }

  /* the sample has red consultations: 刺梨 is one */
  gtk_drop_down_set_selected (colors, 1 + TX_COLOR_RED);
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), >, 0);
}

/* Left open over the new year: the list follows the new day as it does at first (this year when it has consultations,
 * every year otherwise, and the new year among the choices); a year the
 * clerk chose stays. */
static void
test_new_year (Fixture       *fixture,
               gconstpointer  data)
{
  TxDay *day = fixture->day;
  GtkDropDown *year_drop_down;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  year_drop_down = get_child (fixture->page, TX_TYPE_CONSULTATIONS_PAGE, "year_drop_down");
  tx_day_set_today (day, tx_date_new (2026, 12, 31));
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (year_drop_down)), ==, "2026");

  tx_day_set_today (day, tx_date_new (2027, 1, 1));
  g_assert_cmpuint (gtk_drop_down_get_selected (year_drop_down), ==, 0);
  {
    g_autoptr(GtkStringObject) newest = g_list_model_get_item (gtk_drop_down_get_model (year_drop_down), 1);

    g_assert_cmpstr (gtk_string_object_get_string (newest), ==, "2027");
  }

  /* the clerk goes back to 2026, and it stays so the next day */
  for (guint i = 0; i < g_list_model_get_n_items (gtk_drop_down_get_model (year_drop_down)); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (gtk_drop_down_get_model (year_drop_down), i);

      if (g_str_equal (gtk_string_object_get_string (item), "2026"))
        gtk_drop_down_set_selected (year_drop_down, i);
    }
  tx_day_set_today (day, tx_date_new (2027, 1, 2));
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (year_drop_down)), ==, "2026");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  tx_test_init_gui ();

  g_test_add ("/gui/consultation-editor/shows-consultation", Fixture, NULL,
              fixture_set_up, test_shows_consultation, fixture_tear_down);
  g_test_add ("/gui/consultation-editor/done-today", Fixture, NULL,
              fixture_set_up, test_done_today, fixture_tear_down);
  g_test_add ("/gui/consultation-editor/role-chosen", Fixture, NULL,
              fixture_set_up, test_role_chosen, fixture_tear_down);
  g_test_add ("/gui/consultation-editor/attendance-and-composition", Fixture, NULL,
              fixture_set_up, test_attendance_and_composition, fixture_tear_down);
  g_test_add ("/gui/consultation-editor/new-consultation", Fixture, NULL,
              fixture_set_up, test_new_consultation, fixture_tear_down);
  g_test_add ("/gui/consultation-editor/unsaved-changes", Fixture, NULL,
              fixture_set_up, test_unsaved_changes, fixture_tear_down);
  g_test_add ("/gui/consultation-editor/narrow-window", Fixture, NULL,
              fixture_set_up, test_narrow_window, fixture_tear_down);
  g_test_add ("/gui/consultation-editor/new-year", Fixture, NULL,
              fixture_set_up, test_new_year, fixture_tear_down);
  g_test_add ("/gui/consultation-editor/color-filter", Fixture, NULL,
              fixture_set_up, test_color_filter, fixture_tear_down);
  g_test_add ("/gui/consultation-editor/documents", Fixture, NULL,
              fixture_set_up, test_documents, fixture_tear_down);
  g_test_add ("/gui/consultation-editor/text-problems", Fixture, NULL,
              fixture_set_up, test_text_problems, fixture_tear_down);
  g_test_add ("/gui/consultation-editor/date-calendar", Fixture, NULL,
              fixture_set_up, test_date_calendar, fixture_tear_down);
  g_test_add ("/gui/consultation-editor/typed-dates", Fixture, NULL,
              fixture_set_up, test_typed_dates, fixture_tear_down);
  g_test_add ("/gui/consultation-editor/saved-elsewhere", Fixture, NULL,
              fixture_set_up, test_saved_elsewhere, fixture_tear_down);
  g_test_add ("/gui/consultation-editor/save-waits-for-writer", Fixture, NULL,
              fixture_set_up, test_save_waits_for_writer, fixture_tear_down);

  return g_test_run ();
}
