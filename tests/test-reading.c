/* test-reading.c — what a clerk reads: tooltips in Chinese, the
 * contrast of secondary text
 *
 * Runs under a display (Xvfb).  The pointer is moved onto buttons with
 * Xlib, as a mouse would, and the tooltip GTK shows is read back: how
 * many lines its text takes.  The window on the sample data is drawn,
 * and the contrast of each label is measured on the pixels drawn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-reading"

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <locale.h>

#include <glib/gstdio.h>
#include <math.h>

#include "tx-collate.h"
#include "tx-exchange.h"
#include "tx-person.h"
#include "tx-roster-page.h"
#include "tx-roster.h"
#include "tx-test-gui.h"
#include "tx-tooltips.h"
#include "tx-window.h"
#include "tx-text-cell.h"

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

/* Cells of a list, one cut by its narrow column, one not */

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 6);
  gtk_list_item_set_child (item, inscription);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)),
                            gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static gboolean
cells_have_tooltips (GtkWidget *widget)
{
  if (GTK_IS_INSCRIPTION (widget) && gtk_widget_get_has_tooltip (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (cells_have_tooltips (child))
      return TRUE;

  return FALSE;
}

/* A cell that its column cuts shows its whole text where the pointer
 * rests; no cell carries a tooltip of its own (each would cost a round
 * trip to the X server as it is filled: seconds on a long list). */
static void
test_cell_tooltip (void)
{
  static const char * const texts[] = { "贵州黔通物流有限公司福泉分公司综合办公室", "凤山镇" };
  g_autoptr(GtkWindow) window = NULL;
  GtkStringList *model = gtk_string_list_new (texts);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnView *view = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (model)))));
  GtkColumnViewColumn *column;
  Tooltip tooltip = { NULL, NULL, NULL };
  GtkWidget *cut = NULL;

  tx_tooltips_init ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), NULL);
  column = gtk_column_view_column_new ("单位", factory);
  gtk_column_view_column_set_fixed_width (column, 120);
  gtk_column_view_append_column (view, column);
  g_object_unref (column);
  tx_tooltips_for_cells (GTK_WIDGET (view));

  window = g_object_ref_sink (GTK_WINDOW (gtk_window_new ()));
  gtk_window_set_default_size (window, 400, 300);
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  tx_test_settle ();

  g_assert_false (cells_have_tooltips (GTK_WIDGET (view)));
  {
    GtkWidget *widget = GTK_WIDGET (view);

    /* the inscription that holds the long text */
    while (widget != NULL)
      {
        if (GTK_IS_INSCRIPTION (widget) &&
            g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), texts[0]) == 0)
          {
            cut = widget;
            break;
          }
        if (gtk_widget_get_first_child (widget) != NULL)
          widget = gtk_widget_get_first_child (widget);
        else
          {
            while (widget != NULL && gtk_widget_get_next_sibling (widget) == NULL && widget != GTK_WIDGET (view))
              widget = gtk_widget_get_parent (widget);
            widget = widget != NULL && widget != GTK_WIDGET (view) ? gtk_widget_get_next_sibling (widget) : NULL;
          }
      }
  }
  g_assert_nonnull (cut);

  tooltip.window = window;
  tooltip.text = texts[0];
  point_at (cut);
  tx_test_wait_until (tooltip_shows, &tooltip, texts[0]);

  gtk_window_destroy (window);
}

/* Contrast, as WCAG 2 defines it */

static double
channel_luminance (guint8 value)
{
  double c = value / 255.0;

  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (guint32 rgb)
{
  return 0.2126 * channel_luminance ((rgb >> 16) & 0xff)
         + 0.7152 * channel_luminance ((rgb >> 8) & 0xff)
         + 0.0722 * channel_luminance (rgb & 0xff);
}

static double
contrast (guint32 a,
          guint32 b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

typedef struct {
  guchar *pixels;
  gsize   stride;
  int     width;
  int     height;
} Picture;

static guint32
pixel_at (Picture *picture,
          int      x,
          int      y)
{
  const guint32 *row = (const guint32 *) (picture->pixels + (gsize) y * picture->stride);

  return row[x] & 0xffffff;
}

/* The contrast of text drawn in @box of @picture: the colour most of
 * the box has is the background, the pixel that differs most from it
 * is the text at its full colour. */
static double
measure_contrast (Picture               *picture,
                  const graphene_rect_t *box)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  int x0 = (int) ceilf (box->origin.x), y0 = (int) ceilf (box->origin.y);
  int x1 = (int) floorf (box->origin.x + box->size.width);
  int y1 = (int) floorf (box->origin.y + box->size.height);
  guint32 background = 0;
  guint most = 0;
  double best = 1.0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        gpointer key = GUINT_TO_POINTER (pixel_at (picture, x, y));
        guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1;

        g_hash_table_insert (counts, key, GUINT_TO_POINTER (count));
        if (count > most)
          {
            most = count;
            background = GPOINTER_TO_UINT (key);
          }
      }

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      best = MAX (best, contrast (background, pixel_at (picture, x, y)));

  return best;
}

/* Whether @label is secondary text: dimmed, a subtitle or caption, a
 * column's header, or an event of the calendar (those done are dimmed). */
static gboolean
is_secondary (GtkWidget *label)
{
  static const char * const classes[] = { "dim-label", "subtitle", "caption", "caption-heading" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    if (gtk_widget_has_css_class (label, classes[i]))
      return TRUE;

  for (GtkWidget *up = gtk_widget_get_parent (label); up != NULL; up = gtk_widget_get_parent (up))
    if ((g_strcmp0 (gtk_widget_get_css_name (up), "header") == 0
         && GTK_IS_COLUMN_VIEW (gtk_widget_get_parent (up)))
        || gtk_widget_has_css_class (up, "tx-calendar-event"))
      return TRUE;

  return FALSE;
}

/* Whether all of @label is in sight in @window: inside the window and
 * inside every scrolled window it is in. */
static gboolean
in_sight (GtkWidget       *label,
          GtkWidget       *window,
          graphene_rect_t *bounds)
{
  graphene_rect_t area;

  if (!gtk_widget_compute_bounds (label, window, bounds) || bounds->size.width < 4 || bounds->size.height < 4)
    return FALSE;
  if (!gtk_widget_compute_bounds (window, window, &area)
      || !graphene_rect_contains_rect (&area, bounds))
    return FALSE;

  for (GtkWidget *up = gtk_widget_get_parent (label); up != NULL; up = gtk_widget_get_parent (up))
    if (GTK_IS_SCROLLED_WINDOW (up)
        && (!gtk_widget_compute_bounds (up, window, &area)
            || !graphene_rect_contains_rect (&area, bounds)))
      return FALSE;

  return TRUE;
}

typedef struct {
  Picture    *picture;
  GtkWidget  *window;
  const char *page;
  guint       n_measured;
  double      faintest;
  GString    *too_faint;
} Audit;

static void
audit_labels (Audit     *audit,
              GtkWidget *widget)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget) || !gtk_widget_get_child_visible (widget))
    return;

  if (GTK_IS_LABEL (widget)
      && gtk_widget_is_sensitive (widget)
      && *gtk_label_get_text (GTK_LABEL (widget)) != '\0'
      && is_secondary (widget)
      && in_sight (widget, audit->window, &bounds))
    {
      double ratio = measure_contrast (audit->picture, &bounds);

      audit->n_measured++;
      audit->faintest = MIN (audit->faintest, ratio);
      if (ratio < 4.5)
        g_string_append_printf (audit->too_faint, "\n  %s: “%s” %.2f:1", audit->page,
                                gtk_label_get_text (GTK_LABEL (widget)), ratio);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    audit_labels (audit, child);
}

/* Every page of the window on the sample data, at 1366×768, in the
 * light style and the dark: each secondary text in sight (column
 * headers, dimmed labels, subtitles, captions) has a contrast of at
 * least 4.5:1 on what is drawn. */
static void
test_contrast (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tongxin-test-reading-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "tongxin.db", NULL);
  g_autoptr(TxStore) store = tx_store_open (path, &error);
  g_autoptr(TxDay) day = tx_test_day_new ("2026-11-27");
  g_autoptr(GString) too_faint = g_string_new (NULL);
  TxImportReport report = { 0 };
  TxWindow *window;
  guint n_measured = 0;

  g_assert_no_error (error);
  if (!tx_exchange_load_demo (store, tx_date_new (2026, 11, 27), &report, &error))
    {
      g_test_skip (error->message);
      tx_test_remove_dir (dir);
      return;
    }

  window = tx_window_new (NULL, store, day);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));

  for (guint n = 0; n < 2 * G_N_ELEMENTS (tx_window_pages); n++)
    {
      guint i = n % G_N_ELEMENTS (tx_window_pages);
      gboolean dark = n >= G_N_ELEMENTS (tx_window_pages);
      g_autoptr(GdkTexture) texture = NULL;
      g_autofree guchar *pixels = NULL;
      g_autofree char *page = g_strdup_printf ("%s (%s)", tx_window_pages[i], dark ? "dark" : "light");
      Picture picture;
      Audit audit = { &picture, GTK_WIDGET (window), page, 0, 21.0, too_faint };

      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", tx_window_pages[i]);
      texture = tx_test_render (window);
      g_assert_nonnull (texture);
      picture.width = gdk_texture_get_width (texture);
      picture.height = gdk_texture_get_height (texture);
      picture.stride = (gsize) picture.width * 4;
      pixels = g_malloc (picture.stride * picture.height);
      picture.pixels = pixels;
      gdk_texture_download (texture, pixels, picture.stride);

      audit_labels (&audit, GTK_WIDGET (window));
      if (!dark)
        tx_test_save_screenshot (window, page);
      g_test_message ("%s: %u secondary texts measured, the faintest %.2f:1",
                      page, audit.n_measured, audit.faintest);
      n_measured += audit.n_measured;
    }

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
  tx_test_settle ();
  g_clear_object (&store);
  tx_test_remove_dir (dir);

  /* the audit saw the texts it is about */
  g_assert_cmpuint (n_measured, >=, 40);
  if (too_faint->len > 0)
    g_error ("Secondary text fainter than 4.5:1:%s", too_faint->str);
}

static gboolean
roster_shows (gpointer data)
{
  GtkWidget *page = tx_test_find_widget (data, TX_TYPE_ROSTER_PAGE);
  GtkColumnView *view = page != NULL ? tx_test_find_widget (page, GTK_TYPE_COLUMN_VIEW) : NULL;

  return view != NULL && gtk_widget_get_mapped (GTK_WIDGET (view))
         && g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))) > 0;
}

/* The window on the sample data, in a store of its own under @dir,
 * showing the roster. */
static TxWindow *
open_sample (const char  *dir,
             TxStore    **store,
             TxDay      **day,
             int          width,
             int          height)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "tongxin.db", NULL);
  TxImportReport report = { 0 };
  TxWindow *window;

  *store = tx_store_open (path, &error);
  g_assert_no_error (error);
  if (tx_store_count (*store, "person") == 0
      && !tx_exchange_load_demo (*store, tx_date_new (2026, 11, 27), &report, &error))
    g_error ("The sample data cannot be loaded: %s", error->message);
  *day = tx_test_day_new ("2026-11-27");

  window = tx_window_new (NULL, *store, *day);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "roster");
  tx_test_wait_until (roster_shows, window, "the roster");
  tx_test_settle ();

  return window;
}

/* The texts of the roster's cells in sight that do not fit their cell. */
static void
find_cut_cells (GtkWidget *widget,
                GtkWidget *window,
                GString   *cut,
                guint     *n_cells)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget) || !gtk_widget_get_child_visible (widget))
    return;

  if (TX_IS_TEXT_CELL (widget) && in_sight (widget, window, &bounds))
    {
      const char *text = tx_text_cell_get_text (TX_TEXT_CELL (widget));
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
      int width;

      pango_layout_get_pixel_size (layout, &width, NULL);
      (*n_cells)++;
      if (width > gtk_widget_get_width (widget))
        g_string_append_printf (cut, "\n  “%s” needs %d px, has %d", text, width,
                                gtk_widget_get_width (widget));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_cut_cells (child, window, cut, n_cells);
}

static gboolean
list_shows (gpointer data)
{
  GtkWidget *page = data;
  GtkWidget *view = tx_test_get_template_child (page, "records_view");
  GtkSelectionModel *model = GTK_IS_COLUMN_VIEW (view)
                             ? gtk_column_view_get_model (GTK_COLUMN_VIEW (view))
                             : gtk_list_view_get_model (GTK_LIST_VIEW (view));

  return gtk_widget_get_mapped (view) && gtk_widget_get_width (view) > 0
         && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0;
}

/* Shows the page @page_name of @window, of type @page_type; returns it. */
static GtkWidget *
show_list_page (TxWindow   *window,
                const char *page_name,
                const char *page_type)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page_name);
  tx_test_settle ();
  return tx_test_get_widget (window, g_type_from_name (page_type));
}

/* Shows the page @page_name of @window, of type @page_type, once its
 * list shows its records; returns the list's width. */
static int
show_list (TxWindow   *window,
           const char *page_name,
           const char *page_type)
{
  GtkWidget *page = tx_test_get_widget (window, g_type_from_name (page_type));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page_name);
  tx_test_wait_until (list_shows, page, page_name);
  tx_test_settle ();
  return gtk_widget_get_width (tx_test_get_template_child (page, "list_pane"));
}

/* The roster and the consultations on the sample data, at 1366×768 and
 * 1920×1080: no cell in sight is cut (职务 was, at every width, and
 * 乡镇 in the consultations); on the wide screen the lists of
 * consultations and recommendations take a good part of the width, not
 * the narrow pane they have at 1366. */
static void
test_roster_columns_fit (void)
{
  static const int sizes[][2] = { { 1366, 768 }, { 1920, 1080 } };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tongxin-test-reading-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(TxStore) store = NULL;
      g_autoptr(TxDay) day = NULL;
      g_autoptr(GString) cut = g_string_new (NULL);
      TxWindow *window = open_sample (dir, &store, &day, sizes[i][0], sizes[i][1]);
      guint n_cells = 0;
      int consultations_width;

      /* the screen is large enough (tests/meson.build) */
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=, sizes[i][0] - 20);
      find_cut_cells (GTK_WIDGET (window), GTK_WIDGET (window), cut, &n_cells);
      tx_test_save_screenshot (window, sizes[i][0] == 1366 ? "roster-1366" : "roster-1920");
      consultations_width = show_list (window, "consultations", "TxConsultationsPage");
      find_cut_cells (GTK_WIDGET (window), GTK_WIDGET (window), cut, &n_cells);
      g_test_message ("%d×%d: %u cells in sight", sizes[i][0], sizes[i][1], n_cells);
      if (sizes[i][0] == 1920)
        {
          g_assert_cmpint (consultations_width, >=, 1920 * 2 / 5);
          g_assert_cmpint (show_list (window, "outcomes", "TxOutcomesPage"), >=, 1920 * 2 / 5);
        }
      gtk_window_destroy (GTK_WINDOW (window));
      tx_test_settle ();

      g_assert_cmpuint (n_cells, >=, 8 * 15 + 4 * 15);
      if (cut->len > 0)
        g_error ("At %d×%d, cells of the roster are cut:%s", sizes[i][0], sizes[i][1], cut->str);
    }

  tx_test_remove_dir (dir);
}

static GtkColumnViewColumn *
column_titled (GtkColumnView *view,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }

  g_error ("No column “%s”", title);
}

/* What the first rows of the roster show in a column, joined by spaces. */
static char *
first_rows (GtkColumnView *view,
            guint          n_rows,
            const char    *property)
{
  GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (view));
  GString *shown = g_string_new (NULL);

  for (guint i = 0; i < MIN (n_rows, g_list_model_get_n_items (rows)); i++)
    {
      g_autoptr(GObject) person = g_list_model_get_item (rows, i);
      g_autofree char *value = NULL;

      g_object_get (person, property, &value, NULL);
      g_string_append_printf (shown, "%s%s", i > 0 ? " " : "", value != NULL ? value : "");
    }

  return g_string_free (shown, FALSE);
}

static int
compare_organizations (gconstpointer a,
                       gconstpointer b)
{
  return tx_collate_compare (*(const char * const *) a, *(const char * const *) b, TX_ORDER_PINYIN);
}

/* The first @n organizations of the roster in order, worked out here
 * with ICU's comparison of two texts (not the keys the database
 * sorts by); empty ones last. */
static char *
organizations_in_order (TxStore  *store,
                        guint     n,
                        gboolean  descending)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = tx_roster_query (store, NULL, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GString *order = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < people->len; i++)
    {
      const char *name = tx_person_get_organization (g_ptr_array_index (people, i));

      if (name != NULL && *name != '\0')
        g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_sort (names, compare_organizations);
  for (guint i = 0; i < n; i++)
    {
      const char *name = g_ptr_array_index (names, descending ? names->len - 1 - i : i);

      g_string_append_printf (order, "%s%s", i > 0 ? " " : "", name);
    }

  return g_string_free (order, FALSE);
}

static gboolean
has_saved_width (gpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.tongxin.Tongxin");
  g_autoptr(GVariant) widths = g_settings_get_value (settings, "roster-column-widths");
  int width = 0;

  return g_variant_lookup (widths, "title", "i", &width) && width == GPOINTER_TO_INT (data);
}

/* A click on 工作单位's header sorts the roster by organization, by
 * pinyin, from last to first on a second click; a column dragged wider
 * stays so; both are there again in a new window. */
static void
test_roster_sort_and_widths (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tongxin-test-reading-XXXXXX", &error);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.tongxin.Tongxin");
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxDay) day = NULL;
  g_autofree char *organizations = NULL;
  g_autofree char *again = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *sort = NULL;
  const char *organization = _("Organization");
  const char *title = C_("job title", "Title");
  TxWindow *window;
  GtkColumnView *view;

  g_assert_no_error (error);
  window = open_sample (dir, &store, &day, 1366, 768);
  view = tx_test_get_widget (tx_test_get_widget (window, TX_TYPE_ROSTER_PAGE), GTK_TYPE_COLUMN_VIEW);

  /* the first click: A to Z by pinyin, as ICU compares them one by one */
  gtk_column_view_sort_by_column (view, column_titled (view, organization), GTK_SORT_ASCENDING);
  tx_test_settle ();
  organizations = first_rows (view, 5, "organization");
  expected = organizations_in_order (store, 5, FALSE);
  g_assert_cmpstr (organizations, ==, expected);
  sort = g_settings_get_string (settings, "roster-sort");
  g_assert_cmpstr (sort, ==, "organization");
  g_clear_pointer (&sort, g_free);

  /* the second: Z to A, the people without one still last */
  gtk_column_view_sort_by_column (view, column_titled (view, organization), GTK_SORT_DESCENDING);
  tx_test_settle ();
  g_clear_pointer (&organizations, g_free);
  g_clear_pointer (&expected, g_free);
  organizations = first_rows (view, 5, "organization");
  expected = organizations_in_order (store, 5, TRUE);
  g_assert_cmpstr (organizations, ==, expected);
  sort = g_settings_get_string (settings, "roster-sort");
  g_assert_cmpstr (sort, ==, "organization:desc");

  /* a drag on 职务's edge */
  gtk_column_view_column_set_fixed_width (column_titled (view, title), 222);
  tx_test_wait_until (has_saved_width, GINT_TO_POINTER (222), "the width to be kept");
  gtk_window_destroy (GTK_WINDOW (window));
  tx_test_settle ();
  g_clear_object (&store);
  g_clear_object (&day);

  /* a new window: sorted and sized as it was left */
  window = open_sample (dir, &store, &day, 1366, 768);
  view = tx_test_get_widget (tx_test_get_widget (window, TX_TYPE_ROSTER_PAGE), GTK_TYPE_COLUMN_VIEW);
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (column_titled (view, title)), ==, 222);
  again = first_rows (view, 5, "organization");
  g_assert_cmpstr (again, ==, organizations);
  gtk_window_destroy (GTK_WINDOW (window));
  tx_test_settle ();

  g_settings_reset (settings, "roster-sort");
  g_settings_reset (settings, "roster-column-widths");
  g_clear_object (&store);
  tx_test_remove_dir (dir);
}

/* The buttons in sight that are off and do not say why. */
static void
find_silent_off_buttons (GtkWidget  *widget,
                         const char *where,
                         GString    *silent,
                         GHashTable *tooltips)
{
  if (!gtk_widget_get_mapped (widget) || GTK_IS_SPIN_BUTTON (widget))
    return;

  if (GTK_IS_BUTTON (widget) && !gtk_widget_is_sensitive (widget))
    {
      const char *tooltip = NULL;
      const char *label = gtk_button_get_label (GTK_BUTTON (widget));

      /* a tooltip shows for the widget and what is inside it */
      for (GtkWidget *up = widget; up != NULL && tooltip == NULL; up = gtk_widget_get_parent (up))
        tooltip = gtk_widget_get_tooltip_text (up);
      if (label == NULL && GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget)))
        label = gtk_menu_button_get_label (GTK_MENU_BUTTON (gtk_widget_get_parent (widget)));

      if (tooltip == NULL || *tooltip == '\0')
        g_string_append_printf (silent, "\n  %s: “%s”", where,
                                label != NULL ? label : gtk_button_get_icon_name (GTK_BUTTON (widget)));
      else if (label != NULL)
        g_hash_table_insert (tooltips, g_strdup (label), g_strdup (tooltip));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_silent_off_buttons (child, where, silent, tooltips);
}

/* Every page on the sample data, and a new consultation and a new
 * recommendation: a button that is off says why in its tooltip
 * (“请先保存”), not nothing. */
static void
test_off_buttons (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tongxin-test-reading-XXXXXX", &error);
  g_autoptr(GString) silent = g_string_new (NULL);
  g_autoptr(GHashTable) tooltips = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxDay) day = NULL;
  TxWindow *window = open_sample (dir, &store, &day, 1366, 768);
  GtkWidget *page;

  for (guint i = 0; i < G_N_ELEMENTS (tx_window_pages); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", tx_window_pages[i]);
      tx_test_settle ();
      find_silent_off_buttons (GTK_WIDGET (window), tx_window_pages[i], silent, tooltips);
    }

  page = show_list_page (window, "consultations", "TxConsultationsPage");
  g_assert_true (gtk_widget_activate_action (page, "consultations.new", NULL));
  tx_test_settle ();
  find_silent_off_buttons (GTK_WIDGET (window), "a new consultation", silent, tooltips);
  /* the editor's own buttons, scrolled or not, say it */
  find_silent_off_buttons (tx_test_get_template_child (page, "editor"), "a new consultation", silent, tooltips);

  page = show_list_page (window, "outcomes", "TxOutcomesPage");
  g_assert_true (gtk_widget_activate_action (page, "outcomes.new", NULL));
  tx_test_settle ();
  find_silent_off_buttons (GTK_WIDGET (window), "a new recommendation", silent, tooltips);

  gtk_window_destroy (GTK_WINDOW (window));
  tx_test_settle ();
  g_clear_object (&store);
  tx_test_remove_dir (dir);

  if (silent->len > 0)
    g_error ("Buttons that are off and do not say why:%s", silent->str);
  g_assert_cmpstr (g_hash_table_lookup (tooltips, _("_Print Sign-In Sheet…")), ==,
                   _("Save the new consultation first"));
  g_assert_cmpstr (g_hash_table_lookup (tooltips, _("_Export Recommendation…")), ==,
                   _("Give the recommendation its title and its consultation first"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  tx_test_init_gui ();

  /* what a clerk reads: Chinese */
  if (setlocale (LC_ALL, "zh_CN.UTF-8") != NULL)
    {
      g_setenv ("LANGUAGE", "zh_CN", TRUE);
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TONGXIN_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  g_test_add_func ("/reading/tooltip-columns", test_count_columns);
  g_test_add_func ("/gui/reading/tooltip-cjk", test_tooltip_cjk);
  g_test_add_func ("/gui/reading/cell-tooltip", test_cell_tooltip);
  g_test_add_func ("/gui/reading/contrast", test_contrast);
  g_test_add_func ("/gui/reading/off-buttons-say-why", test_off_buttons);
  g_test_add_func ("/gui/reading/roster-columns-fit", test_roster_columns_fit);
  g_test_add_func ("/gui/reading/roster-sort-and-widths", test_roster_sort_and_widths);

  return g_test_run ();
}
