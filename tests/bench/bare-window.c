/* bare-window.c — the baseline of the start-up benchmarks: a bare
 * libadwaita window, with nothing of Tongxin in it
 *
 * Not a test.  With TONGXIN_BENCH_FIRST_FRAME set it does what Tongxin
 * does then: when its first frame is drawn, it prints how long the
 * process has run and its resident memory, and quits; the benchmark
 * compares the two in the same run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <string.h>
#include <unistd.h>

/* Milliseconds since the kernel started the process. */
static gint64
process_age_ms (void)
{
  g_autofree char *stat = NULL;
  g_autofree char *uptime = NULL;
  const char *fields;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      !g_file_get_contents ("/proc/uptime", &uptime, NULL, NULL) ||
      (fields = strrchr (stat, ')')) == NULL)
    return -1;
  /* starttime: the 20th field after the command's name */
  fields += 2;
  for (int i = 0; i < 19 && fields != NULL; i++)
    if ((fields = strchr (fields, ' ')) != NULL)
      fields++;
  if (fields == NULL)
    return -1;

  return (gint64) (g_ascii_strtod (uptime, NULL) * 1000) -
         (gint64) (g_ascii_strtoull (fields, NULL, 10) * 1000 / sysconf (_SC_CLK_TCK));
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   GApplication  *app)
{
  g_autofree char *status = NULL;
  g_autofree char *rss = NULL;
  const char *line = NULL;

  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, app);
  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    line = strstr (status, "VmRSS:");
  rss = line != NULL ? g_strndup (line + 6, strcspn (line + 6, "\n")) : g_strdup ("?");
  g_print ("first-frame-ms %" G_GINT64_FORMAT " VmRSS %s\n", process_age_ms (), g_strstrip (rss));
  g_application_quit (app);
}

static void
on_realize_cb (GtkWidget    *window,
               GApplication *app)
{
  g_signal_connect_after (gtk_widget_get_frame_clock (window), "after-paint",
                          G_CALLBACK (on_after_paint_cb), app);
}

static void
on_activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("同心"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  if (g_getenv ("TONGXIN_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.tongxin.BareWindow", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
