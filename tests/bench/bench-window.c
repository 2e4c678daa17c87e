/* bench-window.c — how quickly the main window answers on a city's
 * database
 *
 * Not a test: `meson test --benchmark bench-window` runs it under a
 * display on a city of 10,000 people (bench-window.py builds the city
 * and keeps it); run it directly on any database, under a display:
 *
 *   tests/run-with-display _build/tests/bench-window --db city.db
 *
 * The database is copied into a folder of its own first: the window may
 * write backups beside it.  The window opens on the copy, on a fixed
 * day, and the clerk's actions follow, each once the window has settled
 * from the one before: every page shown, the first time and again; a
 * record chosen in the consultations, the recommendations and the
 * roster, and saved through the store as the editors save it (the
 * store's “changed” reaches every page); a search typed into the roster
 * a character at a time, then emptied.
 *
 * For each action it prints the time to the end of the next frame that
 * paints (a draw is queued with the action, as the click or the key
 * press that starts it would queue one), the longest stall of the main
 * loop until the window settles (a 5 ms timeout of high priority: its
 * longest gap, less 5 ms), and when the action's last painted frame or
 * stall ended.  Settled: a second after the action, nothing painted and
 * no stall for 300 ms, and the Overview not being read again.  The
 * targets, from the issue: the next frame within 150 ms, no stall over
 * 100 ms.  Frames that paint nothing (the clock kept running by an
 * animation, in sight or not) are counted apart.
 *
 * One line per action, then one line of JSON.  The exit status is 0
 * unless something fails; with --targets, 1 when a target is missed.
 * With G_MESSAGES_DEBUG=bench-window it says when each action starts,
 * on the clock of `perf record -k CLOCK_MONOTONIC`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-window"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "tx-date.h"
#include "tx-day.h"
#include "tx-editor.h"
#include "tx-list-page.h"
#include "tx-overview-page-private.h"
#include "tx-records.h"
#include "tx-renderer.h"
#include "tx-roster.h"
#include "tx-store.h"
#include "tx-test-gui.h"
#include "tx-window.h"

#define DEFAULT_TODAY     "2026-11-27"

#define FRAME_TARGET_MS   150
#define STALL_TARGET_MS   100

#define PULSE_MS          5     /* the period of the timeout that tells stalls */
#define BUSY_MS           10    /* a gap this much over the period is work */
#define WATCH_MIN_MS      1000  /* an action is watched this long at least */
#define QUIET_MS          300   /* and until nothing happened for this long */
#define WATCH_MAX_MS      30000 /* then it is given up as never settling */

#define ROW               2     /* the row chosen: the third, in sight */

typedef struct _Bench Bench;

typedef void (*BenchAction) (Bench      *self,
                             const char *data);

typedef struct {
  const char  *name;
  BenchAction  action;
  const char  *data;
  gboolean     judged;   /* held to the targets */
} Step;

typedef struct {
  const char *name;
  gboolean    judged;
  int         frame_ms;  /* < 0: nothing was drawn */
  int         stall_ms;
  int         done_ms;
  gboolean    settled;
  gboolean    met;
} Result;

struct _Bench
{
  /* owned references */
  TxStore       *store;
  TxDay         *day;
  TxWindow      *window;
  GdkFrameClock *frame_clock;
  GArray        *results;     /* Result */

  /* the action being watched */
  gboolean       watching;
  gint64         started;
  gint64         first_frame; /* 0 until drawn */
  gint64         last_pulse;
  gint64         last_busy;   /* the end of the last frame or stall */
  gint64         max_late;
  gboolean       painted;     /* in the frame under way */

  /* the whole run */
  gint64         watched;     /* how long actions were watched, µs */
  guint          n_frames;
  guint          n_empty_frames; /* frames with nothing to paint */
};

/* The folder of the copy, removed whatever happens. */
static char *work_dir;

/* Helpers */

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_rmdir (path);
}

static void G_GNUC_NORETURN G_GNUC_PRINTF (1, 2)
fail (const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("bench-window: %s\n", message);
  if (work_dir != NULL)
    remove_tree (work_dir);
  exit (EXIT_FAILURE);
}

/* @path and its write-ahead log, if any, copied into @dir. */
static char *
copy_database (const char *path,
               const char *dir)
{
  g_autofree char *base = g_path_get_basename (path);
  char *copy = g_build_filename (dir, base, NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (path);
  g_autoptr(GFile) to = g_file_new_for_path (copy);
  g_autoptr(GError) error = NULL;

  if (!g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
    fail ("cannot copy %s: %s", path, error->message);

  if (g_file_test (wal, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *wal_copy = g_strconcat (copy, "-wal", NULL);
      g_autoptr(GFile) wal_from = g_file_new_for_path (wal);
      g_autoptr(GFile) wal_to = g_file_new_for_path (wal_copy);

      if (!g_file_copy (wal_from, wal_to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
        fail ("cannot copy %s: %s", wal, error->message);
    }

  return copy;
}

static GtkWidget *
get_page (Bench      *self,
          const char *name)
{
  AdwViewStack *view_stack = tx_test_get_template_child (self->window, "view_stack");
  GtkWidget *page = adw_view_stack_get_child_by_name (view_stack, name);

  if (page == NULL)
    fail ("the window has no page “%s”", name);
  return page;
}

static GtkSingleSelection *
get_selection (Bench      *self,
               const char *page_name)
{
  return tx_test_get_template_child (get_page (self, page_name), "selection");
}

/* The uuid of the record the editor of a list page shows. */
static const char *
get_shown_uuid (Bench      *self,
                const char *page_name)
{
  TxEditor *editor = tx_list_page_get_editor (TX_LIST_PAGE (get_page (self, page_name)));
  const char *uuid = tx_editor_get_uuid (editor);

  if (uuid == NULL)
    fail ("the %s page shows no record to save", page_name);
  return uuid;
}

static char *
append_note (const char *text)
{
  return g_strconcat (text != NULL ? text : "", "（已核对）", NULL);
}

static int
to_ms (gint64 usec)
{
  return (int) ((usec + 500) / 1000);
}

/* Printed as wide as @width columns, a Chinese character taking two. */
static void
print_padded (const char *text,
              int         width)
{
  int columns = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    columns += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;

  g_print ("%s%*s", text, MAX (width - columns, 0), "");
}

/* The clerk's actions */

static void
open_window (Bench      *self,
             const char *data)
{
  self->window = tx_window_new (NULL, self->store, self->day);
  gtk_window_present (GTK_WINDOW (self->window));
}

static void
show_page (Bench      *self,
           const char *name)
{
  AdwViewStack *view_stack = tx_test_get_template_child (self->window, "view_stack");

  adw_view_stack_set_visible_child_name (view_stack, name);
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (view_stack), name) != 0)
    fail ("the page “%s” could not be shown", name);
}

/* A click on a row in sight: the page's selection follows it. */
static void
select_row (Bench      *self,
            const char *page_name)
{
  GtkSingleSelection *selection = get_selection (self, page_name);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (selection));

  if (n_items == 0)
    fail ("the %s page lists nothing to choose", page_name);

  gtk_single_selection_set_selected (selection, MIN (ROW, n_items - 1));
}

/* The row after select_row()'s: another record, in an editor that has
 * shown one already. */
static void
select_next_row (Bench      *self,
                 const char *page_name)
{
  GtkSingleSelection *selection = get_selection (self, page_name);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (selection));

  if (n_items < 2)
    fail ("the %s page lists too little to choose another", page_name);

  gtk_single_selection_set_selected (selection, MIN (ROW + 1, n_items - 1));
}

/* The consultation shown, saved with its research note longer, as the
 * editor saves it (tx-consultation-editor.c). */
static void
save_consultation (Bench      *self,
                   const char *page_name)
{
  const char *uuid = get_shown_uuid (self, page_name);
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *research = NULL;

  consultation = tx_store_load_consultation (self->store, uuid, &error);
  if (consultation == NULL)
    fail ("cannot read the consultation %s: %s", uuid, error->message);

  research = append_note (tx_consultation_get_research (consultation));
  tx_consultation_set_research (consultation, research);
  if (!tx_store_save_consultation (self->store, consultation, &error))
    fail ("cannot save the consultation %s: %s", uuid, error->message);
}

/* The recommendation shown, saved with its text longer, as the editor
 * saves it (tx-outcome-editor.c). */
static void
save_outcome (Bench      *self,
              const char *page_name)
{
  const char *uuid = get_shown_uuid (self, page_name);
  g_autoptr(TxOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *content = NULL;

  outcome = tx_store_load_outcome (self->store, uuid, &error);
  if (outcome == NULL)
    fail ("cannot read the recommendation %s: %s", uuid, error->message);

  content = append_note (tx_outcome_get_content (outcome));
  tx_outcome_set_text (outcome, tx_outcome_get_title (outcome), content);
  if (!tx_store_save_outcome (self->store, outcome, &error))
    fail ("cannot save the recommendation %s: %s", uuid, error->message);
}

/* The person chosen on the roster, saved with a note, as the person
 * editor saves (tx_roster_edit_person(): tx_roster_save_person() in a
 * tx_store_write()). */
static void
save_person (Bench      *self,
             const char *page_name)
{
  TxPerson *chosen = gtk_single_selection_get_selected_item (get_selection (self, page_name));
  g_autoptr(TxPerson) person = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;

  if (chosen == NULL)
    fail ("nobody is chosen on the roster");

  notes = append_note (tx_person_get_notes (chosen));
  person = tx_person_new_with_fields (tx_person_get_uuid (chosen),
                                      tx_person_get_name (chosen),
                                      tx_person_get_gender (chosen),
                                      tx_person_get_ethnicity (chosen),
                                      tx_person_get_township_uuid (chosen),
                                      tx_person_get_village (chosen),
                                      tx_person_get_organization (chosen),
                                      tx_person_get_title (chosen),
                                      tx_person_get_phone (chosen),
                                      notes);
  for (guint i = 0; i < tx_person_get_n_categories (chosen); i++)
    tx_person_add_category (person, tx_person_get_category (chosen, i));

  if (!tx_roster_edit_person (self->store, person, &error))
    fail ("cannot save %s: %s", tx_person_get_uuid (chosen), error->message);
}

/* One key: @text added where the cursor is, at the end. */
static void
type_search (Bench      *self,
             const char *text)
{
  GtkEditable *entry = tx_test_get_template_child (get_page (self, "roster"), "search_entry");
  int position = g_utf8_strlen (gtk_editable_get_text (entry), -1);

  gtk_editable_insert_text (entry, text, -1, &position);
  gtk_editable_set_position (entry, position);
}

static void
clear_search (Bench      *self,
              const char *data)
{
  GtkEditable *entry = tx_test_get_template_child (get_page (self, "roster"), "search_entry");

  gtk_editable_delete_text (entry, 0, -1);
}

static const Step steps[] = {
  /* how the window starts is bench-first-frame's: told, not judged */
  { "open window", open_window, NULL, FALSE },
  { "page calendar (first)", show_page, "calendar", TRUE },
  { "page consultations (first)", show_page, "consultations", TRUE },
  { "page roster (first)", show_page, "roster", TRUE },
  { "page outcomes (first)", show_page, "outcomes", TRUE },
  { "page overview (again)", show_page, "overview", TRUE },
  { "page calendar (again)", show_page, "calendar", TRUE },
  { "page consultations (again)", show_page, "consultations", TRUE },
  { "select consultation", select_row, "consultations", TRUE },
  { "select another consultation", select_next_row, "consultations", TRUE },
  { "save consultation", save_consultation, "consultations", TRUE },
  { "page outcomes (again)", show_page, "outcomes", TRUE },
  { "select outcome", select_row, "outcomes", TRUE },
  { "save outcome", save_outcome, "outcomes", TRUE },
  { "page roster (again)", show_page, "roster", TRUE },
  { "select person", select_row, "roster", TRUE },
  { "save person", save_person, "roster", TRUE },
  { "search “王”", type_search, "王", TRUE },
  { "search “王建”", type_search, "建", TRUE },
  { "search emptied", clear_search, NULL, TRUE },
  { "page overview (after saves)", show_page, "overview", TRUE },
};

/* Watching */

static gboolean
on_pulse_cb (gpointer user_data)
{
  Bench *self = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 late = now - self->last_pulse - PULSE_MS * 1000;

  self->max_late = MAX (self->max_late, late);
  if (late > BUSY_MS * 1000)
    self->last_busy = MAX (self->last_busy, now);
  self->last_pulse = now;

  return G_SOURCE_CONTINUE;
}

/* The frame clock emits “paint” only when something asked to be drawn,
 * “after-paint” at the end of every frame: a frame may only update
 * styles or animations. */
static void
on_frame_clock_paint_cb (GdkFrameClock *frame_clock,
                         Bench         *self)
{
  self->painted = TRUE;
}

static void
on_frame_clock_after_paint_cb (GdkFrameClock *frame_clock,
                               Bench         *self)
{
  gint64 now = g_get_monotonic_time ();
  gboolean painted = self->painted;

  self->painted = FALSE;
  if (!self->watching)
    return;

  self->n_frames++;
  if (!painted)
    {
      self->n_empty_frames++;
      return;
    }

  if (self->first_frame == 0)
    self->first_frame = now;
  self->last_busy = MAX (self->last_busy, now);
}

/* The window has a frame clock once it is realized. */
static void
watch_frame_clock (Bench *self)
{
  GdkFrameClock *frame_clock;

  if (self->frame_clock != NULL || self->window == NULL)
    return;

  frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->window));
  if (frame_clock == NULL)
    fail ("the window was not realized");

  self->frame_clock = g_object_ref (frame_clock);
  g_signal_connect (frame_clock, "paint", G_CALLBACK (on_frame_clock_paint_cb), self);
  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (on_frame_clock_after_paint_cb), self);
}

static gboolean
is_overview_reading (Bench *self)
{
  GtkWidget *overview = get_page (self, "overview");

  return tx_overview_page_get_reload_pending (TX_OVERVIEW_PAGE (overview));
}

static gboolean
is_settled (Bench  *self,
            gint64  now)
{
  return now - self->started >= WATCH_MIN_MS * 1000 &&
         now - self->last_busy >= QUIET_MS * 1000 &&
         !is_overview_reading (self);
}

static void
run_step (Bench      *self,
          const Step *step)
{
  Result result = { step->name, step->judged, -1, 0, 0, TRUE, TRUE };
  guint pulse_id;
  gint64 now;

  self->watching = TRUE;
  self->first_frame = 0;
  self->max_late = 0;
  self->started = g_get_monotonic_time ();
  self->last_pulse = self->started;
  pulse_id = g_timeout_add_full (G_PRIORITY_HIGH, PULSE_MS, on_pulse_cb, self, NULL);
  /* for `perf report --time` */
  g_debug ("%s: from %.6f", step->name, self->started / (double) G_USEC_PER_SEC);

  /* what the click or the key press itself would ask for */
  if (self->window != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self->window));
  step->action (self, step->data);
  watch_frame_clock (self);
  self->last_busy = g_get_monotonic_time ();

  for (now = g_get_monotonic_time (); !is_settled (self, now); now = g_get_monotonic_time ())
    {
      if (now - self->started > WATCH_MAX_MS * 1000)
        {
          result.settled = FALSE;
          break;
        }
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (pulse_id);
  self->watching = FALSE;
  self->watched += now - self->started;

  if (self->first_frame != 0)
    result.frame_ms = to_ms (self->first_frame - self->started);
  result.stall_ms = to_ms (MAX (self->max_late, 0));
  result.done_ms = to_ms (self->last_busy - self->started);
  result.met = result.frame_ms >= 0 && result.frame_ms <= FRAME_TARGET_MS &&
               result.stall_ms <= STALL_TARGET_MS && result.settled;

  g_array_append_val (self->results, result);
}

/* The report */

static double
get_empty_frame_rate (Bench *self)
{
  if (self->watched <= 0)
    return 0;

  return self->n_empty_frames / (self->watched / (double) G_USEC_PER_SEC);
}

/* The renderer GTK draws the window with: the one Tongxin chose. */
static const char *
get_renderer_name (Bench *self)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (self->window));

  return renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "nothing";
}

static void
print_table (Bench      *self,
             const char *db)
{
  g_print ("bench-window: %s, %u people, %u consultations, %u recommendations, %u townships\n",
           db,
           tx_store_count (self->store, "person"),
           tx_store_count (self->store, "consultation"),
           tx_store_count (self->store, "outcome"),
           tx_store_count (self->store, "township"));
  g_print ("drawn by %s\n", get_renderer_name (self));
  g_print ("targets: next frame ≤ %d ms, no main-loop stall over %d ms\n\n",
           FRAME_TARGET_MS, STALL_TARGET_MS);

  print_padded ("action", 30);
  g_print ("%13s %13s %9s\n", "next frame ms", "max stall ms", "done ms");

  for (guint i = 0; i < self->results->len; i++)
    {
      const Result *result = &g_array_index (self->results, Result, i);
      g_autofree char *frame = NULL;
      const char *verdict;

      if (result->frame_ms >= 0)
        frame = g_strdup_printf ("%d", result->frame_ms);
      else
        frame = g_strdup ("none");

      if (!result->settled)
        verdict = "NOT SETTLED";
      else if (!result->judged)
        verdict = "(not judged)";
      else if (result->met)
        verdict = "ok";
      else
        verdict = "MISSED";

      print_padded (result->name, 30);
      g_print ("%13s %13d %9d  %s\n", frame, result->stall_ms, result->done_ms, verdict);
    }

  /* A window at rest draws nothing; frames that paint nothing say that
   * something (an animation out of sight, say) keeps its clock going. */
  g_print ("\n%u frames in %.1f s of watching, %u with nothing to paint (%.0f a second)\n",
           self->n_frames, self->watched / (double) G_USEC_PER_SEC,
           self->n_empty_frames, get_empty_frame_rate (self));
}

static guint
print_json (Bench      *self,
            const char *db,
            const char *today)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  guint n_missed = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "bench");
  json_builder_add_string_value (builder, "window");
  json_builder_set_member_name (builder, "db");
  json_builder_add_string_value (builder, db);
  json_builder_set_member_name (builder, "today");
  json_builder_add_string_value (builder, today);
  json_builder_set_member_name (builder, "people");
  json_builder_add_int_value (builder, tx_store_count (self->store, "person"));
  json_builder_set_member_name (builder, "consultations");
  json_builder_add_int_value (builder, tx_store_count (self->store, "consultation"));
  json_builder_set_member_name (builder, "outcomes");
  json_builder_add_int_value (builder, tx_store_count (self->store, "outcome"));
  json_builder_set_member_name (builder, "renderer");
  json_builder_add_string_value (builder, get_renderer_name (self));
  json_builder_set_member_name (builder, "frame_target_ms");
  json_builder_add_int_value (builder, FRAME_TARGET_MS);
  json_builder_set_member_name (builder, "stall_target_ms");
  json_builder_add_int_value (builder, STALL_TARGET_MS);

  json_builder_set_member_name (builder, "frames");
  json_builder_add_int_value (builder, self->n_frames);
  json_builder_set_member_name (builder, "empty_frames_per_s");
  json_builder_add_int_value (builder, (gint64) (get_empty_frame_rate (self) + 0.5));

  json_builder_set_member_name (builder, "actions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->results->len; i++)
    {
      const Result *result = &g_array_index (self->results, Result, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, result->name);
      json_builder_set_member_name (builder, "frame_ms");
      if (result->frame_ms >= 0)
        json_builder_add_int_value (builder, result->frame_ms);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "max_stall_ms");
      json_builder_add_int_value (builder, result->stall_ms);
      json_builder_set_member_name (builder, "done_ms");
      json_builder_add_int_value (builder, result->done_ms);
      json_builder_set_member_name (builder, "settled");
      json_builder_add_boolean_value (builder, result->settled);
      json_builder_set_member_name (builder, "judged");
      json_builder_add_boolean_value (builder, result->judged);
      json_builder_set_member_name (builder, "met");
      json_builder_add_boolean_value (builder, result->met);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "missed");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->results->len; i++)
    {
      const Result *result = &g_array_index (self->results, Result, i);

      if ((result->judged && !result->met) || !result->settled)
        {
          json_builder_add_string_value (builder, result->name);
          n_missed++;
        }
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);

  return n_missed;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  g_autofree char *today = NULL;
  gboolean targets = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The database to copy and open", "PATH" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, "The day the window works with (" DEFAULT_TODAY ")", "YYYY-MM-DD" },
    { "targets", 0, 0, G_OPTION_ARG_NONE, &targets, "Exit 1 when an action misses a target", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— how quickly the main window answers");
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  Bench bench = { 0 };
  TxDate date;
  guint n_missed;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    fail ("%s", error->message);
  if (db == NULL)
    fail ("give the database: --db PATH");
  if (!g_file_test (db, G_FILE_TEST_IS_REGULAR))
    fail ("%s is not a database file", db);
  if (today == NULL)
    today = g_strdup (DEFAULT_TODAY);
  date = tx_date_from_iso (today);
  if (date == TX_DATE_NONE)
    fail ("--today %s is not a date (YYYY-MM-DD)", today);

  /* drawn as Tongxin draws it on this PC (its preference, automatic) */
  tx_renderer_apply (NULL);
  gtk_init ();
  adw_init ();
  /* A blinking cursor would draw a frame now and then, for no action. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  work_dir = g_dir_make_tmp ("tongxin-bench-window-XXXXXX", &error);
  if (work_dir == NULL)
    fail ("cannot make a folder for the copy: %s", error->message);
  copy = copy_database (db, work_dir);

  bench.store = tx_store_open (copy, &error);
  if (bench.store == NULL)
    fail ("cannot open %s: %s", db, error->message);
  bench.day = tx_day_new_fixed (date);
  bench.results = g_array_new (FALSE, TRUE, sizeof (Result));

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    run_step (&bench, &steps[i]);

  print_table (&bench, db);
  n_missed = print_json (&bench, db, today);
  g_print ("%s\n", n_missed == 0 ? "targets met" : "TARGETS MISSED");

  if (bench.frame_clock != NULL)
    g_signal_handlers_disconnect_by_data (bench.frame_clock, &bench);
  g_clear_object (&bench.frame_clock);
  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_clear_pointer (&bench.results, g_array_unref);
  g_clear_object (&bench.day);
  g_clear_object (&bench.store);
  remove_tree (work_dir);
  g_clear_pointer (&work_dir, g_free);

  return targets && n_missed > 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
