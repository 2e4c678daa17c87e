/* bench-archive-window.c — the window while the year's 台账 is written
 *
 * Opens the main window on a copy of a database, then writes a
 * township's year archive as 导出年度台账 does (the dialog, its worker
 * and its progress), and watches the main loop until the zip is
 * written: a timeout of high priority every 5 ms tells how long the
 * loop could not run (its longest gap, less 5 ms), and a redraw of the
 * window asked for every 50 ms, as a pointer moving over it would, tells
 * how long the window went without a frame.  Prints both, the frames
 * drawn, the time the archive took, and one line of JSON; with
 * --targets, exits 1 when the loop stalled over 100 ms.
 *
 *   tests/run-with-display _build/tests/bench-archive-window --db archive.db \
 *       --township 仙桥乡 --year 2026 [--today 2026-11-27] [--targets]
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
#include "tx-renderer.h"
#include "tx-window.h"
#include "tx-year-archive-dialog.h"

#define WATCH_MAX_MS      600000 /* the archive given up after ten minutes */

static char *work_dir;

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  g_autofree char *today = NULL;
  g_autofree char *township = NULL;
  int year = 0;
  gboolean targets = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The database to copy and open", "PATH" },
    { "township", 0, 0, G_OPTION_ARG_STRING, &township, "The township whose year is written", "NAME" },
    { "year", 0, 0, G_OPTION_ARG_INT, &year, "The year", "YYYY" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, "The day the window works with (2026-11-27)", "YYYY-MM-DD" },
    { "targets", 0, 0, G_OPTION_ARG_NONE, &targets, "Exit 1 when the main loop stalled over 100 ms", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the window while the year's archive is written");
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxDay) day = NULL;
  g_autoptr(GFile) zip = NULL;
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *copy = NULL;
  g_autofree char *zip_path = NULL;
  TxYearArchiveDialog *dialog;
  TxWindow *window;
  BenchWatch watch;
  gint64 took;
  TxDate date;
  gboolean met;

  /* the township's name is read in the locale's encoding */
  setlocale (LC_ALL, "");
  bench_set_name ("bench-archive-window");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    bench_fail ("%s", error->message);
  if (db == NULL || township == NULL || year == 0)
    bench_fail ("give the database, the township and the year: --db PATH --township NAME --year YYYY");
  date = tx_date_from_iso (today != NULL ? today : "2026-11-27");
  if (date == TX_DATE_NONE)
    bench_fail ("--today %s is not a date (YYYY-MM-DD)", today);

  tx_renderer_apply (NULL);
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  work_dir = g_dir_make_tmp ("tongxin-bench-archive-window-XXXXXX", &error);
  if (work_dir == NULL)
    bench_fail ("cannot make a folder: %s", error->message);
  copy = g_build_filename (work_dir, "archive.db", NULL);
  from = g_file_new_for_path (db);
  to = g_file_new_for_path (copy);
  if (!g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
    bench_fail ("cannot copy %s: %s", db, error->message);
  store = tx_store_open (copy, &error);
  if (store == NULL)
    bench_fail ("cannot open %s: %s", db, error->message);
  day = tx_day_new_fixed (date);

  window = tx_window_new (NULL, store, day);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  /* the window opened and read: what follows is the archive's alone */
  bench_iterate_for (3000);

  dialog = tx_year_archive_dialog_new (GTK_WINDOW (window), store, day);
  gtk_window_present (GTK_WINDOW (dialog));
  tx_year_archive_dialog_select (dialog, township, year);
  bench_iterate_for (500);

  zip_path = g_build_filename (work_dir, "台账.zip", NULL);
  zip = g_file_new_for_path (zip_path);
  bench_watch_start (&watch, GTK_WIDGET (window));
  tx_year_archive_dialog_write_to (dialog, zip);
  while (tx_year_archive_dialog_is_busy (dialog))
    {
      if (g_get_monotonic_time () - watch.started > WATCH_MAX_MS * 1000)
        bench_fail ("the archive was not written in ten minutes");
      g_main_context_iteration (NULL, TRUE);
    }
  took = bench_watch_stop (&watch);

  if (!g_file_query_exists (zip, NULL))
    bench_fail ("no zip was written");
  met = bench_to_ms (watch.max_late) <= BENCH_STALL_TARGET_MS;

  g_print ("%-36s %10s\n", "what", "value");
  g_print ("%-36s %10.1f\n", "archive written, s", took / (double) G_USEC_PER_SEC);
  g_print ("%-36s %10d\n", "longest main-loop stall, ms", bench_to_ms (watch.max_late));
  g_print ("%-36s %10d\n", "longest without a frame, ms", bench_to_ms (watch.max_frame_gap));
  g_print ("%-36s %10.1f\n", "frames a second", watch.n_frames / (took / (double) G_USEC_PER_SEC));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "bench");
  json_builder_add_string_value (builder, "archive-window");
  json_builder_set_member_name (builder, "archive_s");
  json_builder_add_double_value (builder, took / (double) G_USEC_PER_SEC);
  bench_watch_print_json (&watch, builder, met);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", work_dir);

    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }

  return targets && !met ? EXIT_FAILURE : EXIT_SUCCESS;
}
