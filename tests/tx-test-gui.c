/* tx-test-gui.c — what the widget tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "tx-after-frame.h"
#include "tx-backup.h"
#include "tx-test-gui.h"
#include "tx-test-store.h"

/* Longer than libadwaita's toasts take to appear */
#define TOAST_SHOW_MS 600

/* Long enough for a slow machine under Xvfb; a test that waits this long
 * has failed.  Under the sanitizers (tests/meson.build sets
 * TONGXIN_TEST_SLOWDOWN) everything takes some times longer. */
#define WAIT_SECONDS 20

/**
 * tx_test_get_wait_seconds:
 * @seconds: how long a wait may last on a plain build
 *
 * Returns: @seconds, times $TONGXIN_TEST_SLOWDOWN if it is set
 */
int
tx_test_get_wait_seconds (int seconds)
{
  const char *slowdown = g_getenv ("TONGXIN_TEST_SLOWDOWN");
  guint64 factor = 1;

  if (slowdown != NULL && !g_ascii_string_to_unsigned (slowdown, 10, 1, 100, &factor, NULL))
    g_error ("TONGXIN_TEST_SLOWDOWN=%s is not a number from 1 to 100", slowdown);
  return seconds * (int) factor;
}

static gboolean
on_wait_tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @condition holds, or fails the test. */
void
tx_test_wait_until (TxTestCondition  condition,
                    gpointer         data,
                    const char      *what)
{
  int seconds = tx_test_get_wait_seconds (WAIT_SECONDS);
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  guint tick = g_timeout_add (10, on_wait_tick_cb, NULL);

  while (!condition (data))
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

/* The first widget of @type under @widget, depth first, or NULL. */
gpointer
tx_test_find_widget (gpointer widget,
                     GType    type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (widget));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gpointer found = tx_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

gpointer
tx_test_get_widget (gpointer widget,
                    GType    type)
{
  gpointer found = tx_test_find_widget (widget, type);

  g_assert_nonnull (found);
  return found;
}

static GObject *
find_own_template_child (GtkWidget  *widget,
                         const char *name)
{
  for (GType type = G_OBJECT_TYPE (widget); type != GTK_TYPE_WIDGET; type = g_type_parent (type))
    {
      GObject *child = gtk_widget_get_template_child (widget, type, name);

      if (child != NULL)
        return child;
    }

  return NULL;
}

/**
 * tx_test_get_template_child:
 *
 * The object bound as @name in the template of @widget or of a widget
 * under it (an editor's sections, say), the nearest first; fails the
 * test when there is none.
 */
gpointer
tx_test_get_template_child (gpointer    widget,
                            const char *name)
{
  g_autoptr(GQueue) queue = g_queue_new ();

  g_queue_push_tail (queue, widget);
  while (!g_queue_is_empty (queue))
    {
      GtkWidget *next = g_queue_pop_head (queue);
      GObject *child = find_own_template_child (next, name);

      if (child != NULL)
        return child;

      for (GtkWidget *w = gtk_widget_get_first_child (next); w != NULL; w = gtk_widget_get_next_sibling (w))
        g_queue_push_tail (queue, w);
    }

  g_error ("No template child “%s” under %s", name, G_OBJECT_TYPE_NAME (widget));
  return NULL;
}

/* The message dialog shown, or NULL. */
AdwMessageDialog *
tx_test_find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

/**
 * tx_test_get_widget_of_type:
 * @type: a type of window
 *
 * Returns: (transfer none): the toplevel window of @type, which the
 *   test fails without
 */
gpointer
tx_test_get_widget_of_type (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  g_error ("No window of type %s is open", g_type_name (type));
}

/* Answers @dialog as a click on the button of @response does: the
 * response, then the dialog closes (adw_message_dialog_response() alone
 * leaves it open in libadwaita 1.2). */
void
tx_test_answer_message_dialog (AdwMessageDialog *dialog,
                               const char       *response)
{
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));

  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

/* The text of @pdf as pdftotext reads it, without any white space, so
 * that what a table wraps is found whole. */
char *
tx_test_read_pdf_text (const char *pdf)
{
  g_autofree char *quoted = g_shell_quote (pdf);
  g_autofree char *cmd = g_strdup_printf ("pdftotext -enc UTF-8 %s -", quoted);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new (NULL);
  int status;

  g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  for (const char *p = out; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (text, *p);

  return g_string_free (text, FALSE);
}

/**
 * tx_test_use_chinese:
 *
 * Tongxin in Chinese from now on, as a clerk has it: the widgets made
 * after this speak zh_CN.  Where zh_CN.UTF-8 is not installed
 * (build-aux/dev installs it), the test is skipped instead.
 *
 * Returns: whether the test goes on in Chinese
 */
gboolean
tx_test_use_chinese (void)
{
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("the locale zh_CN.UTF-8 is not installed");
      return FALSE;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TONGXIN_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return TRUE;
}

/* Back to the tests' language, after tx_test_use_chinese() */
void
tx_test_use_english (void)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
}

/* Removes @path and the files in it. */
void
tx_test_remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_unlink (file);
    }
  g_rmdir (path);
}

/**
 * tx_test_day_new:
 * @iso: "YYYY-MM-DD"
 *
 * Returns: (transfer full): a day fixed on @iso, as the tests give the
 *   window and its pages instead of the real date
 */
TxDay *
tx_test_day_new (const char *iso)
{
  TxDate date = tx_date_from_iso (iso);

  g_assert_cmpint (date, >, 0);
  return tx_day_new_fixed (date);
}

static gboolean
is_idle (gpointer data)
{
  return !g_main_context_pending (NULL) && tx_after_frame_pending () == 0;
}

/**
 * tx_test_settle:
 *
 * Runs the main loop until nothing is pending, five times over: what
 * was changed is laid out, drawn and told, and what waits for the frame
 * that shows it (tx_after_frame()) is done.
 */
void
tx_test_settle (void)
{
  for (guint i = 0; i < 5; i++)
    tx_test_wait_until (is_idle, NULL, "the main loop to settle");
}

static gboolean
on_time_up_cb (gpointer data)
{
  gboolean *up = data;

  *up = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/**
 * tx_test_init_gui:
 *
 * adw_init(), for a test of widgets: without animations, which only
 * delay what a test waits for (and libadwaita 1.2 may crash when a toast
 * is hidden while another animation of it is under way).
 */
void
tx_test_init_gui (void)
{
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

/**
 * tx_test_wait_toast_shown:
 *
 * Runs the main loop while a toast that just came finishes appearing,
 * before a test clicks its button: libadwaita 1.2 may crash when a
 * toast is dismissed while it is still sliding in (a person does not
 * click that quickly).
 */
void
tx_test_wait_toast_shown (void)
{
  gboolean up = FALSE;

  g_timeout_add (TOAST_SHOW_MS, on_time_up_cb, &up);
  tx_test_wait_until (is_true, &up, "the toast to finish appearing");
  tx_test_settle ();
}

/**
 * tx_test_destroy_windows:
 *
 * Destroys every window, the dialogs too: what a test's tear-down does.
 */
void
tx_test_destroy_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
}

/**
 * tx_test_render:
 * @widget: a widget on screen
 *
 * Returns: (transfer full) (nullable): @widget as it is drawn now, laid
 *   out first, or %NULL if nothing is drawn yet
 */
GdkTexture *
tx_test_render (gpointer widget)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer;
  int width, height;

  paintable = gtk_widget_paintable_new (widget);
  /* on a busy machine the widget may be drawn a few frames later */
  for (guint i = 0; i < 50 && node == NULL; i++)
    {
      if (i > 0)
        {
          gboolean up = FALSE;

          g_timeout_add (20, on_time_up_cb, &up);
          tx_test_wait_until (is_true, &up, "a frame");
        }
      tx_test_settle ();
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  if (node == NULL)
    return NULL;

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/*
 * A day chosen in @calendar, as a clerk's click chooses it: told to
 * whoever listens ("day-selected") even when the calendar is on that
 * day already.  A calendar not yet opened is on the computer's own day,
 * so that without this a test would fail on the day it chooses.
 */
void
tx_test_choose_day (GtkCalendar *calendar,
                    int          year,
                    int          month,
                    int          day)
{
  g_autoptr(GDateTime) chosen = g_date_time_new_local (year, month, day, 0, 0, 0);
  g_autoptr(GDateTime) shown = gtk_calendar_get_date (calendar);

  if (g_date_time_get_year (shown) == year && g_date_time_get_month (shown) == month &&
      g_date_time_get_day_of_month (shown) == day)
    {
      g_autoptr(GDateTime) other = g_date_time_add_days (chosen, day > 1 ? -1 : 1);

      gtk_calendar_select_day (calendar, other);
    }
  gtk_calendar_select_day (calendar, chosen);
}

/**
 * tx_test_save_screenshot:
 * @widget: a widget shown in a window
 * @name: the file's name, without .png
 *
 * When $TONGXIN_TEST_SCREENSHOTS names a folder, saves @widget as it is
 * drawn there as @name.png, for a person to look at; otherwise does
 * nothing.
 */
void
tx_test_save_screenshot (gpointer    widget,
                         const char *name)
{
  const char *folder = g_getenv ("TONGXIN_TEST_SCREENSHOTS");
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;

  if (folder == NULL)
    return;

  /* laid out and drawn as it is now */
  texture = tx_test_render (widget);
  if (texture == NULL)
    {
      g_test_message ("screenshot %s: nothing drawn yet", name);
      return;
    }

  g_mkdir_with_parents (folder, 0700);
  file_name = g_strconcat (name, ".png", NULL);
  path = g_build_filename (folder, file_name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/**
 * tx_test_open_damaged_copy:
 * @dir: where the copy is written (damaged.db)
 * @table: the table (or index) whose first page gets garbage
 *
 * A copy of @store's database, damaged (tx_test_damage_table()).
 */
TxStore *
tx_test_open_damaged_copy (TxStore    *store,
                           const char *dir,
                           const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_build_filename (dir, "damaged.db", NULL);
  TxStore *damaged;

  g_assert_true (tx_backup_write (store, copy, &error));
  g_assert_no_error (error);
  tx_test_damage_table (copy, table);

  damaged = tx_store_open (copy, &error);
  g_assert_no_error (error);
  return damaged;
}
