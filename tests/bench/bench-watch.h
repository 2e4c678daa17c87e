/* bench-watch.h — how the window's main loop fares while work goes on
 *
 * A timeout of high priority every 5 ms tells how long the loop could
 * not run (its longest gap, less 5 ms); a redraw of the window asked
 * for every 50 ms, as a pointer moving over it would, tells how long
 * the window went without a frame.  Used by the window benchmarks;
 * with BENCH_STALLS=1 in the environment, each stall over 50 ms is
 * printed as it ends, with the monotonic clock's time (to find it in a
 * profile of perf record -k CLOCK_MONOTONIC); and each phase of a
 * frame of the windows named by bench_watch_phases() that took over
 * 40 ms (the tick callbacks, the layout, the painting).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define BENCH_STALL_TARGET_MS 100

typedef struct {
  GtkWidget     *window;
  GdkFrameClock *frame_clock;
  gint64         started;
  gint64         last_pulse;
  gint64         max_late;       /* the longest the loop could not run, µs */
  gint64         max_late_at;    /* when it could run again, µs from the start */
  gint64         last_frame;
  gint64         max_frame_gap;  /* the longest without a frame, µs */
  guint          n_frames;
  guint          pulse_id;
  guint          redraw_id;
} BenchWatch;

void   bench_fail       (const char *format,
                         ...) G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN;
void   bench_set_name   (const char *name);
void   bench_iterate_for (guint      ms);
int    bench_to_ms      (gint64      usec);
glong  bench_peak_rss_kb (void);
void   bench_watch_start (BenchWatch *watch,
                          GtkWidget  *window);
gint64 bench_watch_stop  (BenchWatch *watch);
void   bench_watch_phases (GtkWidget  *window,
                           const char *name);
void   bench_watch_print_json (const BenchWatch *watch,
                               JsonBuilder      *builder,
                               gboolean          met);

G_END_DECLS
