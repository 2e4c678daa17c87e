/* test-calendar-page.c — the Calendar page, as a clerk uses it
 *
 * Runs under a display (Xvfb), on the sample data (tx_exchange_load_demo,
 * dated 2026-11-27), with the page alone in a window and today set to
 * 2026-11-27.  What a clerk would check: the month's title; each
 * meeting of the month in its day with its title; an overdue deadline
 * marked overdue, with an icon and not only a colour; choosing it asks
 * for its consultation; the next month shows its own meetings, and
 * Today comes back; a stage marked done elsewhere shows done at once;
 * the year plan draws its marks where the drawing says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-calendar-page"

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "tx-activities-dialog.h"
#include "tx-activity-dialog.h"
#include "tx-settings.h"
#include "tx-activity.h"
#include "tx-calendar-layout.h"
#include "tx-calendar-page.h"
#include "tx-consultation-edit.h"
#include "tx-day.h"
#include "tx-exchange.h"
#include "tx-plan-timeline.h"
#include "tx-records.h"
#include "tx-roster.h"
#include "tx-test-gui.h"
#include "tx-township-model.h"
#include "tx-vocabulary.h"

#define TODAY "2026-11-27"
/* In the sample data: the meeting on 2026-11-20 at 09:00, its stage
 * (协商) due that day and not done. */
#define MARKET_TITLE "集镇农贸市场提质改造协商"
/* Its research due 2026-11-20, not done. */
#define OLD_ESTATE_TITLE "老旧小区改造协商"

typedef struct {
  char           *dir;
  TxStore        *store;
  TxDay          *day;
  GtkWindow      *window;
  TxCalendarPage *page;
  GPtrArray      *opened;   /* the uuids the page asked to open */
} Fixture;

/* Finding what the page shows */

static gpointer
get_child (Fixture    *f,
           const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (f->page), TX_TYPE_CALENDAR_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

/* Lets GTK lay out and draw what changed. */
static void
settle (void)
{
  for (int i = 0; i < 3; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static gboolean
is_drawn (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0 &&
         gtk_widget_get_height (widget) > 0;
}

static gboolean
is_hidden (gpointer data)
{
  return !gtk_widget_get_visible (GTK_WIDGET (data));
}

/* The cell of @date in the month grid shown: six weeks of seven days. */
static GtkWidget *
get_day_cell (Fixture    *f,
              const char *date)
{
  g_autoptr(TxCalendarMonth) month = NULL;
  TxCalendarDay *day;
  GtkWidget *cell;
  int year, month_number, index;

  tx_calendar_page_get_month (f->page, &year, &month_number);
  month = tx_calendar_month_layout (year, month_number, NULL, tx_date_from_iso (TODAY));
  day = tx_calendar_month_find_day (month, date);
  g_assert_nonnull (day);
  index = day - month->days;

  cell = gtk_grid_get_child_at (get_child (f, "month_grid"), index % 7, index / 7);
  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_has_css_class (cell, "tx-calendar-day"));
  return cell;
}

/* The first label under @widget whose text contains @text, or NULL. */
static GtkLabel *
find_label_containing (GtkWidget  *widget,
                       const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_containing (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The event button in @cell whose label contains @text, shown to the
 * clerk (mapped), or NULL. */
static GtkWidget *
find_event_button (GtkWidget  *cell,
                   const char *text)
{
  GtkLabel *label = find_label_containing (cell, text);
  GtkWidget *button;

  if (label == NULL)
    return NULL;

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));
  button = gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_has_css_class (button, "tx-calendar-event"));
  return button;
}

/* What a click does (gtk_widget_activate() waits a moment first). */
static void
click (gpointer button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* The icon of an event button. */
static const char *
get_icon_name (GtkWidget *button)
{
  for (GtkWidget *child = gtk_widget_get_first_child (gtk_button_get_child (GTK_BUTTON (button)));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_IMAGE (child))
      return gtk_image_get_icon_name (GTK_IMAGE (child));

  return NULL;
}

static TxConsultation *
find_consultation (Fixture    *f,
                   const char *title)
{
  g_autoptr(GError) error = NULL;
  TxConsultation *consultation = tx_store_load_consultation (f->store, title, &error);

  g_assert_no_error (error);
  g_assert_nonnull (consultation);
  return consultation;
}

/* The consultations whose meeting falls in @year-@month, in Beijing time. */
static GPtrArray *
list_meetings_of_month (Fixture *f,
                        int      year,
                        int      month)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = tx_store_list_consultations (f->store, 0, NULL, &error);
  g_autofree char *prefix = g_strdup_printf ("%04d-%02d-", year, month);
  GPtrArray *meetings = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      TxConsultation *consultation = g_ptr_array_index (all, i);
      char date[11];

      if (tx_calendar_local_date_time (tx_consultation_get_starts (consultation), date, NULL) &&
          g_str_has_prefix (date, prefix))
        g_ptr_array_add (meetings, g_object_ref (consultation));
    }

  return meetings;
}

/* Each meeting of @meetings is in the cell of its day, with its title. */
static void
assert_meetings_shown (Fixture   *f,
                       GPtrArray *meetings)
{
  for (guint i = 0; i < meetings->len; i++)
    {
      TxConsultation *consultation = g_ptr_array_index (meetings, i);
      char date[11], time[6];
      GtkWidget *button;

      g_assert_true (tx_calendar_local_date_time (tx_consultation_get_starts (consultation), date, time));
      button = find_event_button (get_day_cell (f, date), tx_consultation_get_title (consultation));
      if (button == NULL)
        g_error ("The meeting “%s” is not on %s", tx_consultation_get_title (consultation), date);
      g_assert_true (gtk_widget_has_css_class (button, "meeting"));
      g_assert_nonnull (find_label_containing (button, time));
    }
}

static guint
count_meeting_buttons (GtkWidget *widget)
{
  guint count = GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "meeting") &&
                gtk_widget_get_mapped (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count += count_meeting_buttons (child);

  return count;
}

/* The fixture */

static void
on_page_open_consultation_cb (TxCalendarPage *page,
                              const char     *uuid,
                              Fixture        *f)
{
  g_ptr_array_add (f->opened, g_strdup (uuid));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TxDate today = tx_date_new (2026, 11, 27);
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("tongxin-test-calendar-page-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "tongxin.db", NULL);
  f->store = tx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tx_exchange_load_demo (f->store, today, NULL, &error));
  g_assert_no_error (error);

  f->opened = g_ptr_array_new_with_free_func (g_free);
  f->day = tx_test_day_new (TODAY);
  f->page = g_object_new (TX_TYPE_CALENDAR_PAGE,
                          "day", f->day,
                          "store", f->store,
                          NULL);
  g_signal_connect (f->page, "open-consultation", G_CALLBACK (on_page_open_consultation_cb), f);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1366, 768);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  tx_test_wait_until (is_drawn, get_child (f, "month_grid"), "the month grid to be shown");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  gtk_window_destroy (f->window);
  settle ();
  g_clear_pointer (&f->opened, g_ptr_array_unref);
  g_clear_object (&f->store);
  g_clear_object (&f->day);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
}

/* The tests */

static void
test_month (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) meetings = list_meetings_of_month (f, 2026, 11);
  g_autoptr(TxConsultation) market = find_consultation (f, MARKET_TITLE);
  g_autoptr(TxConsultation) old_estate = find_consultation (f, OLD_ESTATE_TITLE);
  GtkWidget *cell, *button, *today;
  const char *tooltip;

  /* the month in the title; the weekdays from Monday */
  g_assert_cmpstr (gtk_label_get_label (get_child (f, "title_label")), ==, "November 2026");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_grid_get_child_at (get_child (f, "weekday_grid"), 0, 0))),
                   ==, "Mon");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_grid_get_child_at (get_child (f, "weekday_grid"), 6, 0))),
                   ==, "Sun");

  /* the meetings of November, each on its day with its title and time */
  g_assert_cmpuint (meetings->len, >=, 2);
  assert_meetings_shown (f, meetings);

  /* 集镇农贸市场提质改造协商 met on 2026-11-20, but its meeting stage,
   * due that day, is not done: overdue, with the warning icon and words */
  cell = get_day_cell (f, "2026-11-20");
  button = find_event_button (cell, MARKET_TITLE);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_has_css_class (button, "overdue"));
  g_assert_cmpstr (get_icon_name (button), ==, "dialog-warning-symbolic");
  tooltip = gtk_widget_get_tooltip_text (button);
  g_assert_nonnull (strstr (tooltip, "Overdue by 7 days"));
  g_assert_nonnull (strstr (tooltip, "牛场镇"));

  /* choosing it asks for its consultation */
  click (button);
  g_assert_cmpuint (f->opened->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->opened, 0), ==, tx_consultation_get_uuid (market));

  /* a deadline alone, overdue: the research of 老旧小区改造协商, the same day */
  button = find_event_button (cell, "Research: " OLD_ESTATE_TITLE);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_has_css_class (button, "deadline"));
  g_assert_true (gtk_widget_has_css_class (button, "overdue"));
  g_assert_cmpstr (get_icon_name (button), ==, "dialog-warning-symbolic");
  click (button);
  g_assert_cmpstr (g_ptr_array_index (f->opened, 1), ==, tx_consultation_get_uuid (old_estate));

  /* one done: its research, due 2026-10-30, in the grid's first week */
  button = find_event_button (get_day_cell (f, "2026-10-30"), "Research: " MARKET_TITLE);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_has_css_class (button, "done"));
  g_assert_cmpstr (get_icon_name (button), ==, "object-select-symbolic");

  /* one upcoming: its submission, due 2026-12-04 */
  button = find_event_button (get_day_cell (f, "2026-12-04"), "Submission: " MARKET_TITLE);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_has_css_class (button, "upcoming"));
  g_assert_cmpstr (get_icon_name (button), ==, "alarm-symbolic");

  /* a day of one event shows its whole title, on two lines if need be */
  {
    GtkLabel *alone = find_label_containing (get_day_cell (f, "2026-11-25"), "Research: ");

    g_assert_nonnull (alone);
    settle ();
    g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (alone)));
    g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (alone)), <=, 2);
  }

  /* the sixth week whole in the window, its events too */
  {
    graphene_rect_t last, window;
    g_assert_true (gtk_widget_compute_bounds (get_day_cell (f, "2026-12-06"), GTK_WIDGET (f->window), &last));
    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (f->window), GTK_WIDGET (f->window), &window));
    g_assert_true (graphene_rect_contains_rect (&window, &last));
    g_assert_true (gtk_widget_compute_bounds (find_event_button (get_day_cell (f, "2026-11-30"), "Supervision: "),
                                              GTK_WIDGET (f->window), &last));
    g_assert_true (graphene_rect_contains_rect (&window, &last));
  }

  /* today is marked, in words too */
  cell = get_day_cell (f, TODAY);
  g_assert_true (gtk_widget_has_css_class (cell, "today"));
  today = GTK_WIDGET (find_label_containing (cell, "Today"));
  g_assert_nonnull (today);
  g_assert_true (gtk_widget_get_mapped (today));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (find_label_containing (get_day_cell (f, "2026-11-26"),
                                                                             "Today"))));
  g_assert_true (gtk_widget_has_css_class (get_day_cell (f, "2026-10-30"), "other-month"));
  g_assert_false (gtk_widget_has_css_class (get_day_cell (f, "2026-11-01"), "other-month"));
}

static void
test_next_month (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) december = list_meetings_of_month (f, 2026, 12);
  g_autoptr(GPtrArray) november = list_meetings_of_month (f, 2026, 11);
  GtkLabel *title = get_child (f, "title_label");

  /* "next" shows December and its meetings */
  g_assert_cmpuint (december->len, >=, 2);
  click (get_child (f, "next_button"));
  settle ();
  g_assert_cmpstr (gtk_label_get_label (title), ==, "December 2026");
  assert_meetings_shown (f, december);

  /* and no other meeting: December's grid runs from 30 November to 10 January */
  g_assert_cmpuint (count_meeting_buttons (get_child (f, "month_grid")), ==, december->len);

  /* on to January 2027, back with "previous", and home with "Today" */
  click (get_child (f, "next_button"));
  g_assert_cmpstr (gtk_label_get_label (title), ==, "January 2027");
  click (get_child (f, "previous_button"));
  click (get_child (f, "previous_button"));
  click (get_child (f, "previous_button"));
  g_assert_cmpstr (gtk_label_get_label (title), ==, "October 2026");
  click (get_child (f, "today_button"));
  settle ();
  g_assert_cmpstr (gtk_label_get_label (title), ==, "November 2026");
  /* there already, Today does nothing */
  g_assert_false (gtk_widget_is_sensitive (get_child (f, "today_button")));
  assert_meetings_shown (f, november);
}

/* A stage marked done elsewhere shows done at once: the page reads the
 * store again when it says consultations changed. */
static void
test_reload (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TxConsultation) market = find_consultation (f, MARKET_TITLE);
  g_autoptr(GError) error = NULL;
  GtkWidget *button;

  g_assert_true (tx_store_set_stage_done (f->store, tx_consultation_get_uuid (market), TX_STAGE_MEETING,
                                          tx_date_from_iso ("2026-11-20"), NULL, tx_date_from_iso (TODAY), &error));
  g_assert_no_error (error);
  settle ();

  button = find_event_button (get_day_cell (f, "2026-11-20"), MARKET_TITLE);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_has_css_class (button, "done"));
  g_assert_false (gtk_widget_has_css_class (button, "overdue"));
  g_assert_cmpstr (get_icon_name (button), ==, "object-select-symbolic");
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "Done on 2026-11-20"));
}

/* A day with more events than fit shows the first two and a button
 * that lists them all; one chosen there opens its consultation too. */
static void
test_crowded_day (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TxConsultation) crowded = tx_consultation_new ();
  g_autoptr(TxConsultation) market = find_consultation (f, MARKET_TITLE);
  g_autoptr(GError) error = NULL;
  GtkWidget *cell, *more, *popover, *button;
  guint n_buttons = 0;

  /* all six stages due on 2026-11-10, no meeting set yet */
  tx_consultation_set_title (crowded, "农村集体经济组织规范化协商");
  tx_consultation_set_township (crowded, tx_consultation_get_township_uuid (market));
  for (TxStage stage = 0; stage < TX_N_STAGES; stage++)
    tx_consultation_set_stage_due (crowded, stage, "2026-11-10");
  g_assert_true (tx_store_save_consultation (f->store, crowded, &error));
  g_assert_no_error (error);
  settle ();

  cell = get_day_cell (f, "2026-11-10");
  g_assert_nonnull (find_event_button (cell, "Topic selection: 农村集体经济组织规范化协商"));
  g_assert_nonnull (find_event_button (cell, "Research: 农村集体经济组织规范化协商"));
  g_assert_cmpuint (count_meeting_buttons (cell), ==, 0);

  more = gtk_widget_get_ancestor (GTK_WIDGET (find_label_containing (cell, "4 more")), GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (more);
  /* the list is made when it is opened, not with the month */
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (more)));
  gtk_menu_button_popup (GTK_MENU_BUTTON (more));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (more)));
  tx_test_wait_until (is_drawn, popover, "the day's list to open");

  /* every event of the day is in the list, overdue ones first */
  for (TxStage stage = 0; stage < TX_N_STAGES; stage++)
    {
      g_autofree char *text = g_strdup_printf ("%s: 农村集体经济组织规范化协商", tx_stage_get_label (stage));

      button = find_event_button (popover, text);
      g_assert_nonnull (button);
      g_assert_true (gtk_widget_has_css_class (button, "overdue"));
      n_buttons++;
    }
  g_assert_cmpuint (n_buttons, ==, 6);

  click (button);
  g_assert_cmpuint (f->opened->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->opened, 0), ==, tx_consultation_get_uuid (crowded));
  tx_test_wait_until (is_hidden, popover, "the list to close");
}

typedef struct {
  guint8 *pixels;
  gsize   stride;
  int     width;
  int     height;
} Picture;

/* The drawing area as it is drawn on screen, read back. */
static void
take_picture (GtkWidget *widget,
              Picture   *picture)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  picture->width = gtk_widget_get_width (widget);
  picture->height = gtk_widget_get_height (widget);
  gdk_paintable_snapshot (paintable, snapshot, picture->width, picture->height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, picture->width, picture->height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, picture->width);

  picture->stride = picture->width * 4;
  picture->pixels = g_malloc (picture->stride * picture->height);
  gdk_texture_download (texture, picture->pixels, picture->stride);
}

/* The pixel at (@x, @y), premultiplied BGRA as gdk_texture_download() gives it. */
static void
get_pixel (const Picture *picture,
           double         x,
           double         y,
           int           *r,
           int           *g,
           int           *b)
{
  const guint8 *pixel = picture->pixels + (int) round (y) * picture->stride + (int) round (x) * 4;

  *b = pixel[0];
  *g = pixel[1];
  *r = pixel[2];
}

/* The year plan drawn, as tall as all its rows at its width. */
static gboolean
is_plan_shown (gpointer data)
{
  Fixture *f = data;
  GtkWidget *area = get_child (f, "plan_area");
  g_autoptr(TxPlanTimeline) plan = NULL;

  if (!is_drawn (area) || gtk_widget_get_width (area) < 600)
    return FALSE;

  plan = tx_plan_timeline_new_from_store (f->store, 2026, NULL, tx_date_from_iso (TODAY), NULL);
  return gtk_widget_get_height (area) >= (int) floor (tx_plan_timeline_get_height (plan, gtk_widget_get_width (area)));
}

static void
test_year_plan (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TxConsultation) market = find_consultation (f, MARKET_TITLE);
  g_autoptr(TxPlanTimeline) plan = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *area = get_child (f, "plan_area");
  Picture picture = { 0, };
  guint row = G_MAXUINT;
  double x, y;
  int r, g, b;

  gtk_stack_set_visible_child_name (get_child (f, "view_stack"), "year-plan");
  tx_test_wait_until (is_plan_shown, f, "the year plan to be shown");
  settle ();

  /* the year in the title; the area as tall as every row of the drawing */
  g_assert_cmpstr (gtk_label_get_label (get_child (f, "title_label")), ==, "2026");
  plan = tx_plan_timeline_new_from_store (f->store, 2026, NULL, tx_date_from_iso (TODAY), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->plan->rows->len, >, 10);
  g_assert_cmpint (gtk_widget_get_height (area), >=,
                   (int) floor (tx_plan_timeline_get_height (plan, gtk_widget_get_width (area))));
  g_assert_cmpint (gtk_widget_get_height (area), >, gtk_widget_get_height (get_child (f, "plan_scroller")));

  for (guint i = 0; i < plan->plan->rows->len; i++)
    if (g_str_equal (((TxYearPlanRow *) g_ptr_array_index (plan->plan->rows, i))->consultation_uuid,
                     tx_consultation_get_uuid (market)))
      row = i;
  g_assert_cmpuint (row, !=, G_MAXUINT);

  /* drawn as the documents draw it: the overdue meeting stage red,
   * the research before it, done, filled green */
  take_picture (area, &picture);
  y = tx_plan_timeline_get_row_y (plan, row);
  x = tx_plan_timeline_get_x (plan, picture.width, "2026-11-20");
  get_pixel (&picture, x, y + 7, &r, &g, &b);
  g_assert_cmpint (r, >, 150);
  g_assert_cmpint (g, <, 90);
  g_assert_cmpint (b, <, 90);
  x = tx_plan_timeline_get_x (plan, picture.width, "2026-10-30");
  get_pixel (&picture, x, y + 6.5, &r, &g, &b);
  g_assert_cmpint (g, >, r + 40);
  g_free (picture.pixels);

  /* "previous" shows 2025, which has no consultations, and "Today" 2026 again */
  click (get_child (f, "previous_button"));
  g_assert_cmpstr (gtk_label_get_label (get_child (f, "title_label")), ==, "2025");
  g_assert_cmpint (tx_calendar_page_get_year (f->page), ==, 2025);
  click (get_child (f, "today_button"));
  g_assert_cmpint (tx_calendar_page_get_year (f->page), ==, 2026);

  /* the month view kept its month */
  gtk_stack_set_visible_child_name (get_child (f, "view_stack"), "month");
  g_assert_cmpstr (gtk_label_get_label (get_child (f, "title_label")), ==, "November 2026");

  /* what the window calls to show a year's plan */
  tx_calendar_page_show_year (f->page, 2026);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_child (f, "view_stack")), ==, "year-plan");
  g_assert_cmpstr (gtk_label_get_label (get_child (f, "title_label")), ==, "2026");
}

/* Left open overnight on the real date: at midnight the page moves on to
 * the new day, and to its month when the old one was shown; a month the
 * clerk turned to stays. */
/* The tooltips of the events shown in the month grid, one per event. */
static void
collect_event_tooltips (GtkWidget *widget,
                        GPtrArray *tooltips)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "tx-calendar-event")
      && gtk_widget_get_mapped (widget))
    g_ptr_array_add (tooltips, g_strdup (gtk_widget_get_tooltip_text (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_event_tooltips (child, tooltips);
}

static guint
count_consultations_of (Fixture    *f,
                        int         year,
                        const char *township)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) consultations = tx_store_list_consultations (f->store, year, NULL, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < consultations->len; i++)
    if (township == NULL
        || g_strcmp0 (tx_consultation_get_township_name (g_ptr_array_index (consultations, i)), township) == 0)
      n++;

  return n;
}

/* The township chosen above the calendar: the month shows its
 * consultations' meetings and deadlines only, and so does the year
 * plan; every township again shows them all. */
static void
test_township_filter (Fixture       *f,
                      gconstpointer  data)
{
  GtkDropDown *townships = get_child (f, "township_drop_down");
  g_autoptr(GPtrArray) tooltips = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *expected = NULL;
  guint all_events;

  collect_event_tooltips (get_child (f, "month_grid"), tooltips);
  all_events = tooltips->len;
  g_assert_nonnull (find_event_button (get_day_cell (f, "2026-11-20"), "Research: " OLD_ESTATE_TITLE));

  /* 牛场镇, where the market is */
  gtk_drop_down_set_selected (townships,
                              tx_township_model_find (TX_TOWNSHIP_MODEL (gtk_drop_down_get_model (townships)), "牛场镇"));
  settle ();
  g_assert_nonnull (find_event_button (get_day_cell (f, "2026-11-20"), MARKET_TITLE));
  g_assert_null (find_event_button (get_day_cell (f, "2026-11-20"), "Research: " OLD_ESTATE_TITLE));
  g_ptr_array_set_size (tooltips, 0);
  collect_event_tooltips (get_child (f, "month_grid"), tooltips);
  g_assert_cmpuint (tooltips->len, >, 0);
  g_assert_cmpuint (tooltips->len, <, all_events);
  for (guint i = 0; i < tooltips->len; i++)
    if (strstr (g_ptr_array_index (tooltips, i), "牛场镇") == NULL)
      g_error ("An event of another township is shown: %s", (char *) g_ptr_array_index (tooltips, i));

  /* the year plan: its consultations only (the drawing's accessible name counts them) */
  gtk_stack_set_visible_child_name (get_child (f, "view_stack"), "year-plan");
  tx_test_wait_until (is_drawn, get_child (f, "plan_area"), "the year plan to be shown");
  expected = g_strdup_printf ("The year plan of 2026: %u consultations", count_consultations_of (f, 2026, "牛场镇"));
  g_assert_cmpuint (count_consultations_of (f, 2026, "牛场镇"), <, count_consultations_of (f, 2026, NULL));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (get_child (f, "plan_area")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, expected);

  /* every township again */
  gtk_drop_down_set_selected (townships, 0);
  gtk_stack_set_visible_child_name (get_child (f, "view_stack"), "month");
  settle ();
  g_assert_nonnull (find_event_button (get_day_cell (f, "2026-11-20"), "Research: " OLD_ESTATE_TITLE));
}

/* The menu button of the activity whose label in @cell contains @text,
 * shown to the clerk, or NULL */
static GtkWidget *
find_activity_button (GtkWidget  *cell,
                      const char *text)
{
  GtkLabel *label = find_label_containing (cell, text);
  GtkWidget *button;

  if (label == NULL)
    return NULL;

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));
  button = gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_has_css_class (button, "tx-calendar-event"));
  g_assert_true (gtk_widget_has_css_class (button, "activity"));
  return button;
}

/* Activities are in the month beside the consultations, with a colour
 * of their own; choosing one shows what it is; a township chosen shows
 * those it organises or takes part in. */
static void
test_activities (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(TxActivity) visit = tx_activity_new (TX_ACTIVITY_OBSERVATION, "观摩集镇农贸市场协商", "2026-11-25T14:30:00+08:00");
  g_autoptr(TxActivity) training = tx_activity_new (TX_ACTIVITY_TRAINING, "联络员业务培训", "2026-11-26");
  GtkDropDown *townships = get_child (f, "township_drop_down");
  g_autoptr(GError) error = NULL;
  GtkWidget *button;
  GtkPopover *popover;

  tx_activity_set_organiser (visit, "牛场镇");
  tx_activity_set_venue (visit, "牛场镇集镇");
  tx_activity_set_ends (training, "2026-11-27");
  tx_activity_add_township (training, "金山街道");
  g_assert_true (tx_store_save_activity (f->store, visit, &error));
  g_assert_true (tx_store_save_activity (f->store, training, &error));
  g_assert_no_error (error);
  settle ();

  button = find_activity_button (get_day_cell (f, "2026-11-25"), "14:30 Observation Visit: 观摩集镇农贸市场协商");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_has_css_class (button, "observation"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "牛场镇 · 2026-11-25 14:30\n牛场镇集镇"));
  /* a training of two days, on both; organised by the city office */
  g_assert_nonnull (find_activity_button (get_day_cell (f, "2026-11-26"), "Training: 联络员业务培训"));
  button = find_activity_button (get_day_cell (f, "2026-11-27"), "Training: 联络员业务培训");
  g_assert_nonnull (button);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "City CPPCC office"));
  g_assert_null (find_activity_button (get_day_cell (f, "2026-11-28"), "联络员业务培训"));

  /* chosen, it says what it is */
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (popover), "Training: 联络员业务培训"));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));

  /* 牛场镇: its visit, not the training it does not take part in */
  gtk_drop_down_set_selected (townships,
                              tx_township_model_find (TX_TOWNSHIP_MODEL (gtk_drop_down_get_model (townships)), "牛场镇"));
  settle ();
  g_assert_nonnull (find_activity_button (get_day_cell (f, "2026-11-25"), "观摩集镇农贸市场协商"));
  g_assert_null (find_label_containing (get_day_cell (f, "2026-11-26"), "联络员业务培训"));
  gtk_drop_down_set_selected (townships,
                              tx_township_model_find (TX_TOWNSHIP_MODEL (gtk_drop_down_get_model (townships)), "金山街道"));
  settle ();
  g_assert_nonnull (find_activity_button (get_day_cell (f, "2026-11-26"), "联络员业务培训"));
  g_assert_null (find_label_containing (get_day_cell (f, "2026-11-25"), "观摩集镇农贸市场协商"));

  /* deleted: gone from the month */
  gtk_drop_down_set_selected (townships, 0);
  g_assert_true (tx_store_delete_activity (f->store, tx_activity_get_uuid (visit), &error));
  g_assert_no_error (error);
  settle ();
  g_assert_null (find_label_containing (get_day_cell (f, "2026-11-25"), "观摩集镇农贸市场协商"));
}

/* The widget named @name under @widget, depth first */
static gpointer
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      gpointer found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* In Chinese, as a clerk reads it: the kind of each activity in its
 * label */
static void
test_activities_zh_cn (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TxActivity) visit = tx_activity_new (TX_ACTIVITY_OBSERVATION, "观摩集镇农贸市场协商", "2026-11-25T14:30:00+08:00");
  g_autoptr(TxActivity) training = tx_activity_new (TX_ACTIVITY_TRAINING, "联络员业务培训", "2026-11-26");
  g_autoptr(GError) error = NULL;
  GtkWidget *button;

  if (f->dir == NULL)
    {
      g_test_skip ("no Chinese locale here");
      return;
    }

  tx_activity_set_organiser (visit, "牛场镇");
  tx_activity_set_ends (training, "2026-11-27");
  g_assert_true (tx_store_save_activity (f->store, visit, &error));
  g_assert_true (tx_store_save_activity (f->store, training, &error));
  g_assert_no_error (error);
  settle ();

  g_assert_nonnull (find_activity_button (get_day_cell (f, "2026-11-25"), "14:30 观摩学习：观摩集镇农贸市场协商"));
  button = find_activity_button (get_day_cell (f, "2026-11-26"), "业务培训：联络员业务培训");
  g_assert_nonnull (button);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "市政协"));

  /* a kind of the office's own: in the month by its name, and offered
   * in the dialog, chosen */
  {
    g_autoptr(TxActivity) written = tx_activity_new (TX_ACTIVITY_TRAINING, "建言办理书面交流", "2026-11-24");
    g_autoptr(TxActivity) saved = NULL;
    TxActivityDialog *dialog;
    AdwComboRow *kind_row;
    GListModel *kinds;

    g_assert_true (tx_settings_set_text (tx_store_get_settings (f->store), "activity-kinds", "专题视察、书面交流", &error));
    tx_activity_set_kind_name (written, "书面交流");
    g_assert_true (tx_store_save_activity (f->store, written, &error));
    g_assert_no_error (error);
    settle ();
    g_assert_nonnull (find_activity_button (get_day_cell (f, "2026-11-24"), "书面交流：建言办理书面交流"));

    gtk_widget_activate_action (GTK_WIDGET (f->page), "calendar.edit-activity", "s", tx_activity_get_uuid (written));
    dialog = tx_test_get_widget_of_type (TX_TYPE_ACTIVITY_DIALOG);
    kind_row = tx_test_get_template_child (dialog, "kind_row");
    kinds = adw_combo_row_get_model (kind_row);
    g_assert_cmpuint (g_list_model_get_n_items (kinds), ==, 5);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (kinds), adw_combo_row_get_selected (kind_row)),
                     ==, "书面交流");
    adw_combo_row_set_selected (kind_row, 3);
    g_assert_true (tx_activity_dialog_save (dialog));
    saved = tx_store_load_activity (f->store, tx_activity_get_uuid (written), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (tx_activity_get_kind_key (saved), ==, "专题视察");
    settle ();
  }
  tx_test_save_screenshot (f->window, "calendar-activities-zh_CN");

  /* 全部活动: the year's, by date, each opening its dialog; one deleted
   * leaves the list at once */
  {
    TxActivitiesDialog *list_dialog;
    GtkListBox *list;
    GtkWidget *row;
    guint n = 0;

    gtk_widget_activate_action (GTK_WIDGET (f->page), "calendar.list-activities", NULL);
    list_dialog = tx_test_get_widget_of_type (TX_TYPE_ACTIVITIES_DIALOG);
    list = find_named (GTK_WIDGET (list_dialog), "activities-list");
    for (row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL; row = gtk_widget_get_next_sibling (row))
      n++;
    g_assert_cmpuint (n, ==, 3);
    row = gtk_widget_get_first_child (GTK_WIDGET (list));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "建言办理书面交流");
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "专题视察 · 2026-11-24 · 市政协 · 邀请 0 人，到会 0 人");
    row = gtk_widget_get_next_sibling (row);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "观摩学习 · 2026-11-25 14:30 · 牛场镇 · 邀请 0 人，到会 0 人");
    tx_test_save_screenshot (list_dialog, "activities-list-zh_CN");

    g_signal_emit_by_name (list, "row-activated", row);
    g_assert_cmpstr (gtk_editable_get_text (tx_test_get_template_child (tx_test_get_widget_of_type (TX_TYPE_ACTIVITY_DIALOG),
                                                                         "title_row")), ==, "观摩集镇农贸市场协商");
    gtk_window_destroy (GTK_WINDOW (tx_test_get_widget_of_type (TX_TYPE_ACTIVITY_DIALOG)));

    g_assert_true (tx_store_delete_activity (f->store, tx_activity_get_uuid (visit), &error));
    g_assert_no_error (error);
    n = 0;
    for (row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL; row = gtk_widget_get_next_sibling (row))
      n++;
    g_assert_cmpuint (n, ==, 2);
    gtk_window_destroy (GTK_WINDOW (list_dialog));
  }
}

static gboolean
has_no_activity_dialog (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (TX_IS_ACTIVITY_DIALOG (window))
        return FALSE;
    }
  return TRUE;
}

/* 新建活动 and 编辑活动, in Chinese: a training added in its dialog (a
 * time that is not one said, nothing saved until it is right), with
 * someone of the roster who came; then shown in the month and changed
 * from its popover: the form holds what was saved, and who came is
 * unticked */
static void
test_activity_dialog (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxPerson) person = NULL;
  g_autoptr(TxActivity) saved = NULL;
  TxActivityDialog *dialog;
  TxParticipant *participant;
  GtkWidget *button;

  if (f->dir == NULL)
    {
      g_test_skip ("no Chinese locale here");
      return;
    }

  person = tx_person_new_with_fields (NULL, "王建国", TX_GENDER_MALE, "汉族", NULL, "", "金山街道办事处",
                                      "联络员", "", "");
  g_assert_true (tx_roster_edit_person (f->store, person, &error));
  g_assert_no_error (error);

  /* closed with a change not saved: asked first; 取消 keeps it open,
   * 放弃 closes it, nothing saved */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "calendar.new-activity", NULL);
  dialog = tx_test_get_widget_of_type (TX_TYPE_ACTIVITY_DIALOG);
  gtk_window_close (GTK_WINDOW (dialog));
  tx_test_wait_until (has_no_activity_dialog, NULL, "the dialog unchanged to close at once");
  gtk_widget_activate_action (GTK_WIDGET (f->page), "calendar.new-activity", NULL);
  dialog = tx_test_get_widget_of_type (TX_TYPE_ACTIVITY_DIALOG);
  gtk_editable_set_text (tx_test_get_template_child (dialog, "title_row"), "差点丢掉的培训");
  gtk_window_close (GTK_WINDOW (dialog));
  settle ();
  {
    AdwMessageDialog *question = tx_test_find_message_dialog ();

    g_assert_nonnull (question);
    g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "保存对活动的修改吗？");
    tx_test_answer_message_dialog (question, "cancel");
  }
  settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  gtk_window_close (GTK_WINDOW (dialog));
  settle ();
  tx_test_answer_message_dialog (tx_test_find_message_dialog (), "discard");
  tx_test_wait_until (has_no_activity_dialog, NULL, "the dialog to close, its change let go");
  g_assert_null (tx_store_load_activity (f->store, "差点丢掉的培训", NULL));

  gtk_widget_activate_action (GTK_WIDGET (f->page), "calendar.new-activity", NULL);
  dialog = tx_test_get_widget_of_type (TX_TYPE_ACTIVITY_DIALOG);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (tx_test_get_template_child (dialog, "title_row"), "新任联络员业务培训");
  gtk_editable_set_text (tx_test_get_template_child (dialog, "date_row"), "2026-11-27");
  gtk_editable_set_text (tx_test_get_template_child (dialog, "time_row"), "9点半");
  gtk_editable_set_text (tx_test_get_template_child (dialog, "venue_row"), "市政协三楼会议室");
  tx_activity_dialog_add_person (dialog, tx_person_get_uuid (person), tx_person_get_name (person));
  tx_activity_dialog_set_attended (dialog, tx_person_get_uuid (person), TRUE);
  g_assert_false (tx_activity_dialog_save (dialog));
  g_assert_true (gtk_widget_get_visible (tx_test_get_template_child (dialog, "problem_label")));
  g_assert_nonnull (strstr (gtk_label_get_label (tx_test_get_template_child (dialog, "problem_label")), "“9点半”"));
  g_assert_null (tx_store_load_activity (f->store, "新任联络员业务培训", NULL));

  gtk_editable_set_text (tx_test_get_template_child (dialog, "time_row"), "09:30");
  /* two days: a last day before the first is said, and not saved */
  gtk_editable_set_text (tx_test_get_template_child (dialog, "end_date_row"), "2026-11-26");
  g_assert_false (tx_activity_dialog_save (dialog));
  g_assert_null (tx_store_load_activity (f->store, "新任联络员业务培训", NULL));
  gtk_editable_set_text (tx_test_get_template_child (dialog, "end_date_row"), "第二天");
  g_assert_false (tx_activity_dialog_save (dialog));
  g_assert_nonnull (strstr (gtk_label_get_label (tx_test_get_template_child (dialog, "problem_label")), "第二天"));
  gtk_editable_set_text (tx_test_get_template_child (dialog, "end_date_row"), "2026年11月28日");
  settle ();
  tx_test_save_screenshot (dialog, "activity-dialog-zh_CN");
  g_assert_true (tx_activity_dialog_save (dialog));
  tx_test_wait_until (has_no_activity_dialog, NULL, "the dialog to close");

  saved = tx_store_load_activity (f->store, "新任联络员业务培训", &error);
  g_assert_no_error (error);
  g_assert_cmpint (tx_activity_get_kind (saved), ==, TX_ACTIVITY_TRAINING);
  g_assert_cmpstr (tx_activity_get_starts (saved), ==, "2026-11-27T09:30:00+08:00");
  g_assert_cmpstr (tx_activity_get_ends (saved), ==, "2026-11-28");
  g_assert_cmpstr (tx_activity_get_venue (saved), ==, "市政协三楼会议室");
  g_assert_null (tx_activity_get_township_name (saved));
  g_assert_cmpuint (tx_activity_get_participants (saved)->len, ==, 1);
  participant = g_ptr_array_index (tx_activity_get_participants (saved), 0);
  g_assert_cmpstr (participant->person_uuid, ==, tx_person_get_uuid (person));
  g_assert_cmpint (participant->attended, ==, 1);

  /* in the month, and changed from its popover */
  settle ();
  button = find_activity_button (get_day_cell (f, "2026-11-27"), "09:30 业务培训：新任联络员业务培训");
  g_assert_nonnull (button);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "calendar.edit-activity", "s", tx_activity_get_uuid (saved));
  dialog = tx_test_get_widget_of_type (TX_TYPE_ACTIVITY_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (tx_test_get_template_child (dialog, "title_row")), ==, "新任联络员业务培训");
  g_assert_cmpstr (gtk_editable_get_text (tx_test_get_template_child (dialog, "time_row")), ==, "09:30");
  g_assert_cmpstr (gtk_editable_get_text (tx_test_get_template_child (dialog, "end_date_row")), ==, "2026-11-28");
  tx_activity_dialog_set_attended (dialog, tx_person_get_uuid (person), FALSE);
  /* a township taking part that there is not: said, nothing saved */
  gtk_editable_set_text (tx_test_get_template_child (dialog, "townships_row"), "金山街道、没有这个镇");
  g_assert_false (tx_activity_dialog_save (dialog));
  g_assert_nonnull (strstr (gtk_label_get_label (tx_test_get_template_child (dialog, "problem_label")), "没有这个镇"));
  gtk_editable_set_text (tx_test_get_template_child (dialog, "townships_row"), "金山街道");
  g_assert_true (tx_activity_dialog_save (dialog));
  g_clear_object (&saved);
  saved = tx_store_load_activity (f->store, "新任联络员业务培训", &error);
  participant = g_ptr_array_index (tx_activity_get_participants (saved), 0);
  g_assert_cmpint (participant->attended, ==, 0);
  g_assert_cmpuint (tx_activity_get_townships (saved)->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (tx_activity_get_townships (saved), 0), ==, "金山街道");

  /* deleted, after asking */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "calendar.edit-activity", "s", tx_activity_get_uuid (saved));
  dialog = tx_test_get_widget_of_type (TX_TYPE_ACTIVITY_DIALOG);
  g_assert_cmpstr (gtk_editable_get_text (tx_test_get_template_child (dialog, "townships_row")), ==, "金山街道");
  g_assert_true (gtk_widget_get_visible (tx_test_get_template_child (dialog, "delete_group")));
  tx_test_answer_message_dialog (tx_activity_dialog_ask_to_delete (dialog), "delete");
  tx_test_wait_until (has_no_activity_dialog, NULL, "the dialog to close");
  g_assert_null (tx_store_load_activity (f->store, tx_activity_get_uuid (saved), NULL));
  settle ();
  g_assert_null (find_activity_button (get_day_cell (f, "2026-11-27"), "新任联络员业务培训"));
}

static void
fixture_set_up_zh_cn (Fixture       *f,
                      gconstpointer  data)
{
  if (tx_test_use_chinese ())
    fixture_set_up (f, data);
}

static void
fixture_tear_down_zh_cn (Fixture       *f,
                         gconstpointer  data)
{
  if (f->dir != NULL)
    fixture_tear_down (f, data);
  tx_test_use_english ();
}

static void
test_new_day (Fixture       *f,
              gconstpointer  data)
{
  TxDay *day = f->day;
  int year, month;

  settle ();
  tx_calendar_page_get_month (f->page, &year, &month);
  g_assert_cmpint (year, ==, 2026);
  g_assert_cmpint (month, ==, 11);
  g_assert_true (gtk_widget_has_css_class (get_day_cell (f, TODAY), "today"));

  tx_day_set_today (day, tx_date_new (2026, 11, 28));
  settle ();
  g_assert_false (gtk_widget_has_css_class (get_day_cell (f, TODAY), "today"));
  g_assert_true (gtk_widget_has_css_class (get_day_cell (f, "2026-11-28"), "today"));
  g_assert_nonnull (find_label_containing (get_day_cell (f, "2026-11-28"), "Today"));

  /* the first of the month: December is shown, with its first day */
  tx_day_set_today (day, tx_date_new (2026, 12, 1));
  settle ();
  tx_calendar_page_get_month (f->page, &year, &month);
  g_assert_cmpint (year, ==, 2026);
  g_assert_cmpint (month, ==, 12);
  g_assert_true (gtk_widget_has_css_class (get_day_cell (f, "2026-12-01"), "today"));
  g_assert_false (gtk_widget_is_sensitive (get_child (f, "today_button")));

  /* a month turned to stays when the day changes */
  tx_calendar_page_show_month (f->page, 2026, 10);
  tx_day_set_today (day, tx_date_new (2026, 12, 2));
  settle ();
  tx_calendar_page_get_month (f->page, &year, &month);
  g_assert_cmpint (month, ==, 10);
  g_assert_true (gtk_widget_is_sensitive (get_child (f, "today_button")));

  /* a page given another day shows its month */
  {
    g_autoptr(TxDay) other = tx_test_day_new ("2027-01-01");

    tx_calendar_page_set_day (f->page, other);
    settle ();
    tx_calendar_page_get_month (f->page, &year, &month);
    g_assert_cmpint (year, ==, 2027);
    g_assert_cmpint (month, ==, 1);
    /* and the day it left no longer moves it */
    tx_day_set_today (day, tx_date_new (2027, 3, 1));
    settle ();
    tx_calendar_page_get_month (f->page, &year, &month);
    g_assert_cmpint (month, ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  tx_test_init_gui ();

  g_test_add ("/gui/calendar-page/month", Fixture, NULL,
              fixture_set_up, test_month, fixture_tear_down);
  g_test_add ("/gui/calendar-page/next-month", Fixture, NULL,
              fixture_set_up, test_next_month, fixture_tear_down);
  g_test_add ("/gui/calendar-page/reload", Fixture, NULL,
              fixture_set_up, test_reload, fixture_tear_down);
  g_test_add ("/gui/calendar-page/crowded-day", Fixture, NULL,
              fixture_set_up, test_crowded_day, fixture_tear_down);
  g_test_add ("/gui/calendar-page/year-plan", Fixture, NULL,
              fixture_set_up, test_year_plan, fixture_tear_down);
  g_test_add ("/gui/calendar-page/township-filter", Fixture, NULL,
              fixture_set_up, test_township_filter, fixture_tear_down);
  g_test_add ("/gui/calendar-page/activities", Fixture, NULL,
              fixture_set_up, test_activities, fixture_tear_down);
  g_test_add ("/gui/calendar-page/activities/zh_CN", Fixture, NULL,
              fixture_set_up_zh_cn, test_activities_zh_cn, fixture_tear_down_zh_cn);
  g_test_add ("/gui/calendar-page/activity-dialog/zh_CN", Fixture, NULL,
              fixture_set_up_zh_cn, test_activity_dialog, fixture_tear_down_zh_cn);
  g_test_add ("/gui/calendar-page/new-day", Fixture, NULL,
              fixture_set_up, test_new_day, fixture_tear_down);

  return g_test_run ();
}
