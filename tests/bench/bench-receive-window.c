/* bench-receive-window.c — the city's window while it receives its
 * townships' files
 *
 * Opens the main window on a city database, then receives the files
 * given as 接收数据 does: the dialog reads and previews every file in
 * its worker, then imports them when asked.  The main loop is watched
 * throughout, and on until the window has shown what was received
 * (bench-watch.h): its longest stall and the longest the window went
 * without a frame.  Prints the time of the preview and of
 * the import, the records in the database after, the most memory
 * held, and one line of JSON; with --targets, exits 1 when the loop
 * stalled over 100 ms or the whole took 30 s or more.  BENCH_PAGE=NAME
 * shows another page of the window (roster, calendar, …) instead of the
 * Overview; BENCH_STALLS=1 prints each stall over 50 ms as it ends.
 *
 *   tests/run-with-display _build/tests/bench-receive-window --db city.db \
 *       [--today 2026-11-27] [--targets] FILE…
 *
 * It wants the tests' environment (GSETTINGS_SCHEMA_DIR,
 * GSETTINGS_BACKEND=memory, FONTCONFIG_FILE; see tests/meson.build).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <locale.h>

#include "bench-watch.h"
#include "tx-overview-page.h"
#include "tx-overview-page-private.h"
#include "tx-receive-dialog.h"
#include "tx-renderer.h"
#include "tx-store.h"
#include "tx-window.h"

#define TOTAL_TARGET_S 30
#define WATCH_MAX_MS   600000 /* given up after ten minutes */

/* Runs the loop until the dialog is done with what it was asked */
static void
wait_for (TxReceiveDialog *dialog,
          BenchWatch      *watch,
          const char      *what)
{
  while (tx_receive_dialog_is_busy (dialog))
    {
      if (g_get_monotonic_time () - watch->started > WATCH_MAX_MS * 1000)
        bench_fail ("the files were not %s in ten minutes", what);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* The window's Overview */
static TxOverviewPage *
find_overview (GtkWidget *widget)
{
  if (TX_IS_OVERVIEW_PAGE (widget))
    return TX_OVERVIEW_PAGE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      TxOverviewPage *found = find_overview (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Runs the loop while the window shows what was received: until the
 * Overview has read it and put it on screen, and two seconds more (the
 * other pages read it when told, at once or in a worker) */
static void
wait_for_window (TxWindow   *window,
                 BenchWatch *watch)
{
  TxOverviewPage *overview = find_overview (GTK_WIDGET (window));

  while (overview != NULL && tx_overview_page_get_reload_pending (overview))
    {
      if (g_get_monotonic_time () - watch->started > WATCH_MAX_MS * 1000)
        bench_fail ("the Overview did not show what was received in ten minutes");
      g_main_context_iteration (NULL, TRUE);
    }
  bench_iterate_for (2000);
}

/* The window's pages */
static AdwViewStack *
find_view_stack (GtkWidget *widget)
{
  if (ADW_IS_VIEW_STACK (widget))
    return ADW_VIEW_STACK (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      AdwViewStack *found = find_view_stack (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  g_autofree char *today = NULL;
  g_auto(GStrv) paths = NULL;
  gboolean targets = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The city's database, which receives the files", "PATH" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, "The day the window works with (2026-11-27)", "YYYY-MM-DD" },
    { "targets", 0, 0, G_OPTION_ARG_NONE, &targets, "Exit 1 when the loop stalled over 100 ms or it took 30 s", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, "FILE…" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE… — the window while the city receives files");
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxDay) day = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  TxReceiveDialog *dialog;
  TxWindow *window;
  BenchWatch watch;
  gint64 previewed, took;
  guint people, consultations;
  TxDate date;
  gboolean met;

  setlocale (LC_ALL, "");
  bench_set_name ("bench-receive-window");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    bench_fail ("%s", error->message);
  if (db == NULL || paths == NULL || paths[0] == NULL)
    bench_fail ("give the city's database and the files: --db PATH FILE…");
  date = tx_date_from_iso (today != NULL ? today : "2026-11-27");
  if (date == TX_DATE_NONE)
    bench_fail ("--today %s is not a date (YYYY-MM-DD)", today);
  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (paths[i]));

  tx_renderer_apply (NULL);
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  store = tx_store_open (db, &error);
  if (store == NULL)
    bench_fail ("cannot open %s: %s", db, error->message);
  day = tx_day_new_fixed (date);

  window = tx_window_new (NULL, store, day);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  /* the window opened and read: what follows is the receipt's alone */
  bench_iterate_for (2000);
  if (g_getenv ("BENCH_PAGE") != NULL)
    {
      adw_view_stack_set_visible_child_name (find_view_stack (GTK_WIDGET (window)), g_getenv ("BENCH_PAGE"));
      bench_iterate_for (2000);
    }

  bench_watch_start (&watch, GTK_WIDGET (window));
  bench_watch_phases (GTK_WIDGET (window), "window");
  dialog = tx_window_receive (window, files);
  bench_watch_phases (GTK_WIDGET (dialog), "dialog");
  wait_for (dialog, &watch, "read");
  previewed = g_get_monotonic_time () - watch.started;
  gtk_widget_activate_action (GTK_WIDGET (dialog), "receive.import", NULL);
  wait_for (dialog, &watch, "imported");
  took = g_get_monotonic_time () - watch.started;
  /* the stalls of the window showing it count too */
  wait_for_window (window, &watch);
  bench_watch_stop (&watch);

  people = tx_store_count (store, "person");
  consultations = tx_store_count (store, "consultation");
  if (people == 0 || consultations == 0)
    bench_fail ("nothing was imported");
  met = bench_to_ms (watch.max_late) <= BENCH_STALL_TARGET_MS && took < TOTAL_TARGET_S * G_USEC_PER_SEC;

  g_print ("%-36s %10s\n", "what", "value");
  g_print ("%-36s %10u\n", "files", files->len);
  g_print ("%-36s %10.1f\n", "read and previewed, s", previewed / (double) G_USEC_PER_SEC);
  g_print ("%-36s %10.1f\n", "all received (with the preview), s", took / (double) G_USEC_PER_SEC);
  g_print ("%-36s %10u\n", "people in the city after", people);
  g_print ("%-36s %10u\n", "consultations after", consultations);
  g_print ("%-36s %10ld\n", "most memory held, MB", bench_peak_rss_kb () / 1024);
  g_print ("%-36s %10d\n", "longest main-loop stall, ms", bench_to_ms (watch.max_late));
  g_print ("%-36s %10.1f\n", "  which ended at, s", watch.max_late_at / (double) G_USEC_PER_SEC);
  g_print ("%-36s %10d\n", "longest without a frame, ms", bench_to_ms (watch.max_frame_gap));
  g_print ("%-36s %10.1f\n", "frames a second", watch.n_frames / (took / (double) G_USEC_PER_SEC));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "bench");
  json_builder_add_string_value (builder, "receive-window");
  json_builder_set_member_name (builder, "files");
  json_builder_add_int_value (builder, files->len);
  json_builder_set_member_name (builder, "preview_s");
  json_builder_add_double_value (builder, previewed / (double) G_USEC_PER_SEC);
  json_builder_set_member_name (builder, "total_s");
  json_builder_add_double_value (builder, took / (double) G_USEC_PER_SEC);
  json_builder_set_member_name (builder, "people");
  json_builder_add_int_value (builder, people);
  json_builder_set_member_name (builder, "peak_rss_kb");
  json_builder_add_int_value (builder, bench_peak_rss_kb ());
  bench_watch_print_json (&watch, builder, met);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));

  return targets && !met ? EXIT_FAILURE : EXIT_SUCCESS;
}
