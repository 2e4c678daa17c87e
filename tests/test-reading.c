/* test-reading.c — what a clerk reads: tooltips in Chinese
 *
 * Runs under a display (Xvfb).  The pointer is moved onto buttons with
 * Xlib, as a mouse would, and the tooltip GTK shows is read back: how
 * many lines its text takes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-reading"

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "tx-test-gui.h"
#include "tx-tooltips.h"

static void
test_count_columns (void)
{
  g_assert_cmpint (tx_tooltips_count_columns ("添加人员"), ==, 8);
  g_assert_cmpint (tx_tooltips_count_columns ("Save"), ==, 4);
  g_assert_cmpint (tx_tooltips_count_columns ("第4季度（草稿）"), ==, 15);
  g_assert_cmpint (tx_tooltips_count_columns (""), ==, 0);
}

typedef struct {
  GtkWindow  *window;
  const char *text;
  GtkLabel   *label;
} Tooltip;

/* The label of the tooltip GTK shows over @window, once it shows
 * @text: the tooltip is a child of the window it shows for. */
static gboolean
tooltip_shows (gpointer data)
{
  Tooltip *tooltip = data;
  GType type = g_type_from_name ("GtkTooltipWindow");

  tooltip->label = NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (tooltip->window));
       type != 0 && child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && gtk_widget_get_mapped (child))
      tooltip->label = tx_test_find_widget (child, GTK_TYPE_LABEL);

  return tooltip->label != NULL
         && g_strcmp0 (gtk_label_get_text (tooltip->label), tooltip->text) == 0
         && gtk_widget_get_width (GTK_WIDGET (tooltip->label)) > 0;
}

/* Moves the pointer onto the middle of @widget, @nudge pixels right. */
static void
warp_to (GtkWidget *widget,
         int        nudge)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  GdkDisplay *display = gtk_widget_get_display (widget);
  graphene_point_t middle = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0f,
                                                 gtk_widget_get_height (widget) / 2.0f);
  graphene_point_t point;
  double dx, dy;

  if (!GDK_IS_X11_DISPLAY (display))
    g_error ("The test moves the pointer with Xlib: it needs an X display");

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &middle, &point));
  gtk_native_get_surface_transform (native, &dx, &dy);
  XWarpPointer (gdk_x11_display_get_xdisplay (display), None,
                gdk_x11_surface_get_xid (surface), 0, 0, 0, 0,
                (int) (point.x + dx) + nudge, (int) (point.y + dy));
  XFlush (gdk_x11_display_get_xdisplay (display));
}

/* Moves the pointer onto @widget and a little within it, as a mouse
 * would: the first motion onto a widget hides the last tooltip, the
 * next one starts the new tooltip's wait. */
static void
point_at (GtkWidget *widget)
{
  for (int nudge = 0; nudge < 6; nudge += 2)
    {
      warp_to (widget, nudge);
      g_usleep (G_USEC_PER_SEC / 20);
      tx_test_settle ();
    }
}

static int
count_lines (GtkLabel *label)
{
  return pango_layout_get_line_count (gtk_label_get_layout (label));
}

/* A toolbar's tooltips in Chinese, short and long, each hovered in
 * turn: a short one stays on one line, however long the one before
 * it was; a long one wraps into lines of 25 characters, not 2. */
static void
test_tooltip_cjk (void)
{
  static const struct {
    const char *text;
    int         lines;
  } tips[] = {
    { "添加人员", 1 },
    { "导出", 1 },
    { "按乡镇、类别和姓名查找人员", 1 },
    { "请先保存：协商保存以后才能添加参加人员，参加人员名单保存后可打印签到表。", 2 },
    { "打开", 1 },
  };
  g_autoptr(GtkWindow) window = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 48);
  GtkWidget *buttons[G_N_ELEMENTS (tips)];
  Tooltip tooltip = { NULL, NULL, NULL };

  tx_tooltips_init ();
  window = g_object_ref_sink (GTK_WINDOW (gtk_window_new ()));
  gtk_window_set_default_size (window, 900, 400);
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  for (guint i = 0; i < G_N_ELEMENTS (tips); i++)
    {
      buttons[i] = gtk_button_new_with_label ("◆◆◆");
      gtk_widget_set_tooltip_text (buttons[i], tips[i].text);
      gtk_box_append (GTK_BOX (box), buttons[i]);
    }
  gtk_window_set_child (window, box);
  gtk_window_present (window);
  tooltip.window = window;
  tx_test_settle ();

  for (guint i = 0; i < G_N_ELEMENTS (tips); i++)
    {
      tooltip.text = tips[i].text;
      point_at (buttons[i]);
      tx_test_wait_until (tooltip_shows, &tooltip, tips[i].text);
      tx_test_settle ();
      g_test_message ("“%s”: %d px wide, %d lines", tips[i].text,
                      gtk_widget_get_width (GTK_WIDGET (tooltip.label)),
                      count_lines (tooltip.label));
      g_assert_cmpint (count_lines (tooltip.label), ==, tips[i].lines);
    }

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/reading/tooltip-columns", test_count_columns);
  g_test_add_func ("/gui/reading/tooltip-cjk", test_tooltip_cjk);

  return g_test_run ();
}
