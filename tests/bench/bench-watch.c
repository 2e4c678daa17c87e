/* bench-watch.c — how the window's main loop fares while work goes on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-watch.h"

#define PULSE_MS  5      /* the period of the timeout that tells stalls */
#define REDRAW_MS 50     /* how often a redraw is asked for */

static const char *bench_name = "bench";

/* The program's name, before the messages of bench_fail() */
void
bench_set_name (const char *name)
{
  bench_name = name;
}

void
bench_fail (const char *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("%s: %s\n", bench_name, message);
  exit (2);
}

/* Runs the main loop for @ms milliseconds. */
void
bench_iterate_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

int
bench_to_ms (gint64 usec)
{
  return (int) ((usec + 500) / 1000);
}

/* The most memory this process has held (VmHWM), in kB; -1 unknown */
glong
bench_peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? strtol (line + strlen ("VmHWM:"), NULL, 10) : -1;
}

static gboolean
on_pulse_cb (gpointer user_data)
{
  BenchWatch *watch = user_data;
  gint64 now = g_get_monotonic_time ();

  if (now - watch->last_pulse - PULSE_MS * 1000 > watch->max_late)
    {
      watch->max_late = now - watch->last_pulse - PULSE_MS * 1000;
      watch->max_late_at = now - watch->started;
    }
  if (g_getenv ("BENCH_STALLS") != NULL && now - watch->last_pulse > 50 * 1000)
    g_printerr ("stall of %d ms at %.2f s (%.3f)\n", bench_to_ms (now - watch->last_pulse - PULSE_MS * 1000),
                (now - watch->started) / (double) G_USEC_PER_SEC, now / 1e6);
  watch->last_pulse = now;

  return G_SOURCE_CONTINUE;
}

static gboolean
on_redraw_cb (gpointer user_data)
{
  gtk_widget_queue_draw (user_data);

  return G_SOURCE_CONTINUE;
}

/* The phases of a frame of a window watched: each ends when the last of
 * its handlers has run (the tick callbacks run in "update").  With
 * BENCH_STALLS=1, a phase over 40 ms is printed. */
typedef struct {
  const char *name;
  gint64      phase_at;
} Phases;

static void
on_before_paint_cb (GdkFrameClock *frame_clock,
                    Phases        *phases)
{
  phases->phase_at = g_get_monotonic_time ();
}

static void
phase_done (Phases     *phases,
            const char *phase)
{
  gint64 now = g_get_monotonic_time ();

  if (now - phases->phase_at > 40 * 1000 && g_getenv ("BENCH_STALLS") != NULL)
    g_printerr ("  %s of the %s took %d ms (%.3f)\n", phase, phases->name,
                bench_to_ms (now - phases->phase_at), now / 1e6);
  phases->phase_at = now;
}

static void
on_update_done_cb (GdkFrameClock *frame_clock,
                   Phases        *phases)
{
  phase_done (phases, "update");
}

static void
on_layout_done_cb (GdkFrameClock *frame_clock,
                   Phases        *phases)
{
  phase_done (phases, "layout");
}

static void
on_paint_done_cb (GdkFrameClock *frame_clock,
                  Phases        *phases)
{
  phase_done (phases, "paint");
}

static void
on_clock_gone_cb (gpointer  data,
                  GObject  *where_the_object_was)
{
  g_free (data);
}

/**
 * bench_watch_phases:
 * @window: realized; called @name in what is printed
 *
 * With BENCH_STALLS=1, prints each phase of a frame of @window that
 * took over 40 ms, for as long as @window lives.
 */
void
bench_watch_phases (GtkWidget  *window,
                    const char *name)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (window);
  Phases *phases = g_new0 (Phases, 1);

  if (frame_clock == NULL)
    bench_fail ("the %s was not realized", name);
  phases->name = name;
  g_signal_connect (frame_clock, "before-paint", G_CALLBACK (on_before_paint_cb), phases);
  g_signal_connect_after (frame_clock, "update", G_CALLBACK (on_update_done_cb), phases);
  g_signal_connect_after (frame_clock, "layout", G_CALLBACK (on_layout_done_cb), phases);
  g_signal_connect_after (frame_clock, "paint", G_CALLBACK (on_paint_done_cb), phases);
  g_object_weak_ref (G_OBJECT (frame_clock), on_clock_gone_cb, phases);
}

static void
on_after_paint_cb (GdkFrameClock *frame_clock,
                   BenchWatch    *watch)
{
  gint64 now = g_get_monotonic_time ();

  if (watch->last_frame != 0)
    watch->max_frame_gap = MAX (watch->max_frame_gap, now - watch->last_frame);
  watch->last_frame = now;
  watch->n_frames++;
}

/* Starts watching the loop, and the frames of @window (realized). */
void
bench_watch_start (BenchWatch *watch,
                   GtkWidget  *window)
{
  memset (watch, 0, sizeof *watch);
  watch->window = window;
  watch->frame_clock = gtk_widget_get_frame_clock (window);
  if (watch->frame_clock == NULL)
    bench_fail ("the window was not realized");
  g_signal_connect (watch->frame_clock, "after-paint", G_CALLBACK (on_after_paint_cb), watch);

  watch->started = g_get_monotonic_time ();
  watch->last_pulse = watch->started;
  watch->last_frame = watch->started;
  watch->pulse_id = g_timeout_add_full (G_PRIORITY_HIGH, PULSE_MS, on_pulse_cb, watch, NULL);
  watch->redraw_id = g_timeout_add (REDRAW_MS, on_redraw_cb, window);
}

/* Stops watching; returns how long it watched, µs. */
gint64
bench_watch_stop (BenchWatch *watch)
{
  g_clear_handle_id (&watch->pulse_id, g_source_remove);
  g_clear_handle_id (&watch->redraw_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (watch->frame_clock, watch);

  return g_get_monotonic_time () - watch->started;
}

/**
 * bench_watch_print_json:
 * @builder: an object begun, with the benchmark's own members
 * @met: whether the benchmark met its targets
 *
 * Ends @builder's object with what @watch saw (the longest stall, the
 * longest without a frame, the frames) and whether the targets were
 * met, and prints it on one line, then "target met" or "TARGET
 * MISSED".
 */
void
bench_watch_print_json (const BenchWatch *watch,
                        JsonBuilder      *builder,
                        gboolean          met)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  json_builder_set_member_name (builder, "max_stall_ms");
  json_builder_add_int_value (builder, bench_to_ms (watch->max_late));
  json_builder_set_member_name (builder, "max_frame_gap_ms");
  json_builder_add_int_value (builder, bench_to_ms (watch->max_frame_gap));
  json_builder_set_member_name (builder, "frames");
  json_builder_add_int_value (builder, watch->n_frames);
  json_builder_set_member_name (builder, "met");
  json_builder_add_boolean_value (builder, met);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  g_print ("%s\n%s\n", json, met ? "target met" : "TARGET MISSED");
}
