/* test-calendar-layout.c — the month grid and the year plan, without a display
 *
 * On the sample data (tx_exchange_load_demo, dated 2026-11-27) and on
 * consultations written here: the grid of a month starts on the right
 * Monday and has six weeks; a meeting lands on its day in Beijing time,
 * standing for its stage's deadline of the same day; a deadline past
 * due and not done is overdue, one done is done, one ahead is upcoming; the year plan puts 1 January at 0 and 31 December
 * at 1; and the drawing of the year plan shows each state with its own
 * mark where the layout says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-calendar-layout"

#include "config.h"

#include <cairo.h>
#include <math.h>

#include "tx-calendar-layout.h"
#include "tx-consultation-edit.h"
#include "tx-exchange.h"
#include "tx-plan-timeline.h"
#include "tx-records.h"

#define TODAY "2026-11-27"
/* In the sample data: its meeting on 2026-11-20 at 09:00; research due
 * 2026-10-30 and done; the meeting stage due 2026-11-20 and not done;
 * submission due 2026-12-04. */
#define MARKET_TITLE "集镇农贸市场提质改造协商"
/* Its research due 2026-11-20, and not done */
#define OLD_ESTATE_TITLE "老旧小区改造协商"

typedef struct {
  char      *dir;
  TxStore   *store;
  GPtrArray *consultations;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TxDate today = tx_date_new (2026, 11, 27);
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("tongxin-calendar-layout-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "tongxin.db", NULL);
  f->store = tx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tx_exchange_load_demo (f->store, today, NULL, &error));
  g_assert_no_error (error);

  f->consultations = tx_store_list_consultations (f->store, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->consultations->len, >, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_pointer (&f->consultations, g_ptr_array_unref);
  g_clear_object (&f->store);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
}

static TxConsultation *
find_consultation (Fixture    *f,
                   const char *title)
{
  for (guint i = 0; i < f->consultations->len; i++)
    if (g_str_equal (tx_consultation_get_title (g_ptr_array_index (f->consultations, i)), title))
      return g_ptr_array_index (f->consultations, i);

  g_error ("The sample data has no “%s”", title);
}

/* The event of @kind and @stage of the consultation @uuid on @day, or NULL. */
static TxCalendarEvent *
find_event (TxCalendarDay       *day,
            TxCalendarEventKind  kind,
            TxStage              stage,
            const char          *uuid)
{
  g_assert_nonnull (day);

  for (guint i = 0; i < day->events->len; i++)
    {
      TxCalendarEvent *event = g_ptr_array_index (day->events, i);

      if (event->kind == kind && event->stage == stage && g_str_equal (event->uuid, uuid))
        return event;
    }

  return NULL;
}

static void
test_month_grid (void)
{
  g_autoptr(TxCalendarMonth) november = tx_calendar_month_layout (2026, 11, NULL, tx_date_from_iso (TODAY));
  g_autoptr(TxCalendarMonth) june = tx_calendar_month_layout (2026, 6, NULL, tx_date_from_iso (TODAY));
  g_autoptr(TxCalendarMonth) february = tx_calendar_month_layout (2027, 2, NULL, tx_date_from_iso (TODAY));
  guint in_month = 0;

  /* 1 November 2026 is a Sunday: the grid starts on Monday 26 October */
  g_assert_cmpuint (G_N_ELEMENTS (november->days), ==, 42);
  g_assert_cmpstr (november->days[0].date, ==, "2026-10-26");
  g_assert_cmpint (november->days[0].weekday, ==, G_DATE_MONDAY);
  g_assert_false (november->days[0].in_month);
  g_assert_cmpstr (november->days[6].date, ==, "2026-11-01");
  g_assert_cmpint (november->days[6].weekday, ==, G_DATE_SUNDAY);
  g_assert_true (november->days[6].in_month);
  g_assert_cmpstr (november->days[41].date, ==, "2026-12-06");
  for (guint i = 0; i < 42; i++)
    {
      g_assert_cmpint (november->days[i].weekday, ==, i % 7 + 1);
      in_month += november->days[i].in_month;
      g_assert_cmpint (november->days[i].is_today, ==, g_str_equal (november->days[i].date, TODAY));
    }
  g_assert_cmpuint (in_month, ==, 30);
  g_assert_true (tx_calendar_month_find_day (november, TODAY)->is_today);
  g_assert_null (tx_calendar_month_find_day (november, "2026-10-25"));
  g_assert_null (tx_calendar_month_find_day (november, "2026-12-07"));
  g_assert_null (tx_calendar_month_find_day (november, NULL));

  /* 1 June 2026 is a Monday: the grid starts on it */
  g_assert_cmpstr (june->days[0].date, ==, "2026-06-01");
  g_assert_true (june->days[0].in_month);

  /* February 2027 starts on a Monday too and fills four weeks; the grid keeps six */
  g_assert_cmpstr (february->days[0].date, ==, "2027-02-01");
  g_assert_cmpstr (february->days[27].date, ==, "2027-02-28");
  g_assert_false (february->days[28].in_month);
  g_assert_cmpstr (february->days[41].date, ==, "2027-03-14");
}

static void
test_meeting_day (Fixture       *f,
                  gconstpointer  data)
{
  TxConsultation *market = find_consultation (f, MARKET_TITLE);
  g_autoptr(TxCalendarMonth) month = NULL;
  g_autoptr(TxConsultation) late = tx_consultation_new ();
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();
  TxCalendarEvent *event;
  guint meetings = 0;

  month = tx_calendar_month_layout (2026, 11, f->consultations, tx_date_from_iso (TODAY));

  event = find_event (tx_calendar_month_find_day (month, "2026-11-20"), TX_CALENDAR_EVENT_MEETING,
                      TX_STAGE_MEETING, tx_consultation_get_uuid (market));
  g_assert_nonnull (event);
  g_assert_cmpstr (event->title, ==, MARKET_TITLE);
  g_assert_cmpstr (event->township, ==, "牛场镇");
  g_assert_cmpstr (event->time, ==, "09:00");
  g_assert_cmpstr (event->date, ==, "2026-11-20");
  /* meetings come before the deadlines of the day */
  g_assert_true (g_ptr_array_index (tx_calendar_month_find_day (month, "2026-11-20")->events, 0) == event);

  /* every meeting of the sample in the six weeks, on its day and only there */
  for (guint i = 0; i < f->consultations->len; i++)
    {
      TxConsultation *consultation = g_ptr_array_index (f->consultations, i);
      const char *starts = tx_consultation_get_starts (consultation);

      for (guint d = 0; d < 42; d++)
        {
          TxCalendarDay *day = &month->days[d];
          gboolean here = starts != NULL && g_str_has_prefix (starts, day->date);

          g_assert_cmpint (find_event (day, TX_CALENDAR_EVENT_MEETING, TX_STAGE_MEETING,
                                       tx_consultation_get_uuid (consultation)) != NULL, ==, here);
          meetings += here;
        }
    }
  g_assert_cmpuint (meetings, >=, 3);

  /* A start written in UTC lands on its day in Beijing: 18:30 UTC on
   * the 19th is 02:30 on the 20th. */
  tx_consultation_set_title (late, "夜间视频协商");
  tx_consultation_set_times (late, "2026-11-19T18:30:00Z", NULL);
  g_ptr_array_add (mine, late);
  g_clear_pointer (&month, tx_calendar_month_free);
  month = tx_calendar_month_layout (2026, 11, mine, tx_date_from_iso (TODAY));
  g_assert_cmpuint (tx_calendar_month_find_day (month, "2026-11-19")->events->len, ==, 0);
  event = g_ptr_array_index (tx_calendar_month_find_day (month, "2026-11-20")->events, 0);
  g_assert_cmpint (event->kind, ==, TX_CALENDAR_EVENT_MEETING);
  g_assert_cmpstr (event->time, ==, "02:30");
}

static void
test_deadline_states (Fixture       *f,
                      gconstpointer  data)
{
  TxConsultation *market = find_consultation (f, MARKET_TITLE);
  const char *uuid = tx_consultation_get_uuid (market);
  g_autoptr(TxCalendarMonth) month = tx_calendar_month_layout (2026, 11, f->consultations, tx_date_from_iso (TODAY));
  g_autoptr(TxCalendarMonth) mine_month = NULL;
  g_autoptr(TxConsultation) moved = tx_consultation_new ();
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();
  TxConsultation *old_estate;
  TxCalendarDay *day;
  TxCalendarEvent *event;

  /* The meeting stage, due 2026-11-20 and not done: overdue by 7 days.
   * It is due on the day of the meeting, so the day shows the meeting
   * alone, overdue, not the meeting and its deadline. */
  day = tx_calendar_month_find_day (month, "2026-11-20");
  g_assert_null (tx_consultation_get_stage_done (market, TX_STAGE_MEETING));
  g_assert_null (find_event (day, TX_CALENDAR_EVENT_DEADLINE, TX_STAGE_MEETING, uuid));
  event = find_event (day, TX_CALENDAR_EVENT_MEETING, TX_STAGE_MEETING, uuid);
  g_assert_nonnull (event);
  g_assert_cmpint (event->state, ==, TX_CALENDAR_STATE_OVERDUE);
  g_assert_cmpint (event->overdue_days, ==, 7);

  /* a deadline alone, past due and not done: research of 老旧小区改造协商 */
  old_estate = find_consultation (f, OLD_ESTATE_TITLE);
  g_assert_cmpstr (tx_consultation_get_stage_due (old_estate, TX_STAGE_RESEARCH), ==, "2026-11-20");
  event = find_event (day, TX_CALENDAR_EVENT_DEADLINE, TX_STAGE_RESEARCH, tx_consultation_get_uuid (old_estate));
  g_assert_nonnull (event);
  g_assert_cmpint (event->state, ==, TX_CALENDAR_STATE_OVERDUE);
  g_assert_cmpint (event->overdue_days, ==, 7);
  g_assert_null (event->time);
  g_assert_null (event->done);

  /* a meeting stage due on another day than the meeting keeps its deadline */
  tx_consultation_set_title (moved, "改期协商");
  tx_consultation_set_times (moved, "2026-11-24T09:00:00+08:00", NULL);
  tx_consultation_set_stage_due (moved, TX_STAGE_MEETING, "2026-11-18");
  g_ptr_array_add (mine, moved);
  mine_month = tx_calendar_month_layout (2026, 11, mine, tx_date_from_iso (TODAY));
  event = g_ptr_array_index (tx_calendar_month_find_day (mine_month, "2026-11-18")->events, 0);
  g_assert_cmpint (event->kind, ==, TX_CALENDAR_EVENT_DEADLINE);
  g_assert_cmpint (event->stage, ==, TX_STAGE_MEETING);
  g_assert_cmpint (event->state, ==, TX_CALENDAR_STATE_OVERDUE);
  event = g_ptr_array_index (tx_calendar_month_find_day (mine_month, "2026-11-24")->events, 0);
  g_assert_cmpint (event->kind, ==, TX_CALENDAR_EVENT_MEETING);
  g_assert_cmpint (event->state, ==, TX_CALENDAR_STATE_OVERDUE);

  /* research, due 2026-10-30 (in the grid's first week) and done */
  g_assert_cmpstr (tx_consultation_get_stage_due (market, TX_STAGE_RESEARCH), ==, "2026-10-30");
  event = find_event (tx_calendar_month_find_day (month, "2026-10-30"), TX_CALENDAR_EVENT_DEADLINE,
                      TX_STAGE_RESEARCH, uuid);
  g_assert_nonnull (event);
  g_assert_cmpint (event->state, ==, TX_CALENDAR_STATE_DONE);
  g_assert_cmpstr (event->done, ==, tx_consultation_get_stage_done (market, TX_STAGE_RESEARCH));
  g_assert_cmpint (event->overdue_days, ==, 0);

  /* submission, due 2026-12-04: upcoming */
  event = find_event (tx_calendar_month_find_day (month, "2026-12-04"), TX_CALENDAR_EVENT_DEADLINE,
                      TX_STAGE_SUBMISSION, uuid);
  g_assert_nonnull (event);
  g_assert_cmpint (event->state, ==, TX_CALENDAR_STATE_UPCOMING);

  /* a crowded day lists its overdue deadlines before the others */
  day = tx_calendar_month_find_day (month, "2026-11-20");
  for (guint i = 1; i < day->events->len; i++)
    {
      TxCalendarEvent *before = g_ptr_array_index (day->events, i - 1);
      TxCalendarEvent *after = g_ptr_array_index (day->events, i);

      if (before->kind == TX_CALENDAR_EVENT_DEADLINE)
        g_assert_true (after->kind == TX_CALENDAR_EVENT_DEADLINE &&
                       (before->state == TX_CALENDAR_STATE_OVERDUE || after->state != TX_CALENDAR_STATE_OVERDUE));
    }
}

static void
test_year_plan (Fixture       *f,
                gconstpointer  data)
{
  TxConsultation *market = find_consultation (f, MARKET_TITLE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) year = tx_store_list_consultations (f->store, 2026, NULL, &error);
  g_autoptr(TxYearPlan) plan = NULL;
  TxYearPlanRow *row = NULL;

  g_assert_no_error (error);

  g_assert_cmpfloat (tx_year_plan_position (2026, "2026-01-01"), ==, 0.0);
  g_assert_cmpfloat (tx_year_plan_position (2026, "2026-12-31"), ==, 1.0);
  g_assert_cmpfloat (tx_year_plan_position (2028, "2028-01-01"), ==, 0.0);
  g_assert_cmpfloat (tx_year_plan_position (2028, "2028-12-31"), ==, 1.0);
  g_assert_cmpfloat_with_epsilon (tx_year_plan_position (2026, "2026-07-02"), 182.0 / 364, 1e-9);
  g_assert_cmpfloat (tx_year_plan_position (2026, "2027-01-01"), >, 1.0);
  g_assert_cmpfloat (tx_year_plan_position (2026, "2025-12-31"), <, 0.0);
  g_assert_true (isnan (tx_year_plan_position (2026, NULL)));
  g_assert_true (isnan (tx_year_plan_position (2026, "2026-02-30")));

  plan = tx_year_plan_layout (2026, year, tx_date_from_iso (TODAY));
  g_assert_cmpuint (plan->rows->len, ==, year->len);
  g_assert_cmpfloat_with_epsilon (plan->today_x, tx_year_plan_position (2026, TODAY), 1e-12);

  for (guint i = 0; i < plan->rows->len; i++)
    {
      TxYearPlanRow *candidate = g_ptr_array_index (plan->rows, i);

      g_assert_cmpstr (candidate->consultation_uuid, ==,
                       tx_consultation_get_uuid (g_ptr_array_index (year, i)));
      if (g_str_equal (candidate->consultation_uuid, tx_consultation_get_uuid (market)))
        row = candidate;
    }
  g_assert_nonnull (row);
  g_assert_cmpstr (row->title, ==, MARKET_TITLE);
  g_assert_cmpstr (row->township, ==, "牛场镇");
  g_assert_cmpfloat (row->due_x[TX_STAGE_MEETING], ==, tx_year_plan_position (2026, "2026-11-20"));
  g_assert_cmpfloat (row->meeting_x, ==, tx_year_plan_position (2026, "2026-11-20"));
  g_assert_cmpint (row->state[TX_STAGE_MEETING], ==, TX_CALENDAR_STATE_OVERDUE);
  g_assert_cmpint (row->overdue_days[TX_STAGE_MEETING], ==, 7);
  g_assert_true (isnan (row->done_x[TX_STAGE_MEETING]));
  g_assert_cmpint (row->state[TX_STAGE_RESEARCH], ==, TX_CALENDAR_STATE_DONE);
  g_assert_cmpfloat (row->done_x[TX_STAGE_RESEARCH], ==,
                     tx_year_plan_position (2026, tx_consultation_get_stage_done (market, TX_STAGE_RESEARCH)));
  g_assert_cmpint (row->state[TX_STAGE_SUBMISSION], ==, TX_CALENDAR_STATE_UPCOMING);
  /* supervision is due in the spring of 2027: beyond the year */
  g_assert_cmpfloat (row->due_x[TX_STAGE_SUPERVISION], >, 1.0);
  g_assert_cmpfloat (plan->max_x, >=, row->due_x[TX_STAGE_SUPERVISION]);
  g_assert_cmpfloat (plan->min_x, <=, 0.0);
}

/* The pixel at (@x, @y) of a drawing in user units, drawn at twice the size. */
static void
get_pixel (cairo_surface_t *surface,
           double           x,
           double           y,
           int             *r,
           int             *g,
           int             *b)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel;

  cairo_surface_flush (surface);
  pixel = *(guint32 *) (data + (int) round (y * 2) * stride + (int) round (x * 2) * 4);
  *r = (pixel >> 16) & 0xff;
  *g = (pixel >> 8) & 0xff;
  *b = pixel & 0xff;
}

static void
test_plan_timeline (Fixture       *f,
                    gconstpointer  data)
{
  TxConsultation *market = find_consultation (f, MARKET_TITLE);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxPlanTimeline) timeline = NULL;
  g_autofree char *png_path = g_build_filename (f->dir, "plan.png", NULL);
  const double width = 1000;
  double height, y, x;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint row = G_MAXUINT;
  gboolean found_today = FALSE;
  int r, g, b;

  timeline = tx_plan_timeline_new_from_store (f->store, 2026, NULL, tx_date_from_iso (TODAY), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->plan->rows->len, >, 10);

  /* a quota for each township, as the ledger counts: 牛场镇 plans some */
  g_assert_cmpuint (timeline->quotas->len, ==, tx_store_count (f->store, "township"));
  for (guint i = 0; i < timeline->quotas->len; i++)
    {
      TxPlanQuota *quota = g_ptr_array_index (timeline->quotas, i);

      if (g_str_equal (quota->township, "牛场镇"))
        {
          g_assert_cmpint (quota->planned, >, 0);
          g_assert_cmpint (quota->held, >=, 2);
        }
    }

  for (guint i = 0; i < timeline->plan->rows->len; i++)
    if (g_str_equal (((TxYearPlanRow *) g_ptr_array_index (timeline->plan->rows, i))->consultation_uuid,
                     tx_consultation_get_uuid (market)))
      row = i;
  g_assert_cmpuint (row, !=, G_MAXUINT);

  /* every row fits, and the township lines under them */
  height = tx_plan_timeline_get_height (timeline, width);
  g_assert_cmpfloat (height, >, tx_plan_timeline_get_row_y (timeline, timeline->plan->rows->len - 1) + 60);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width * 2, height * 2);
  cr = cairo_create (surface);
  cairo_scale (cr, 2, 2);
  tx_plan_timeline_draw (cr, width, height, timeline);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);

  y = tx_plan_timeline_get_row_y (timeline, row);

  /* the meeting stage, overdue: a red diamond, whose points reach
   * further than a circle's edge */
  x = tx_plan_timeline_get_x (timeline, width, "2026-11-20");
  get_pixel (surface, x, y + 10.5, &r, &g, &b);
  g_assert_cmpint (r, >, 150);
  g_assert_cmpint (g, <, 90);
  g_assert_cmpint (b, <, 90);

  /* research, done: filled */
  x = tx_plan_timeline_get_x (timeline, width, "2026-10-30");
  get_pixel (surface, x, y + 6.5, &r, &g, &b);
  g_assert_cmpint (g, >, r + 40);
  g_assert_cmpint (g, >, b + 40);

  /* submission, upcoming: hollow, white inside its ring */
  x = tx_plan_timeline_get_x (timeline, width, "2026-12-04");
  get_pixel (surface, x, y + 6.5, &r, &g, &b);
  g_assert_cmpint (r, >, 240);
  g_assert_cmpint (g, >, 240);
  g_assert_cmpint (b, >, 240);

  /* the line for today, dashed: blue somewhere down the rows */
  x = tx_plan_timeline_get_x (timeline, width, TODAY);
  for (double down = tx_plan_timeline_get_row_y (timeline, 0); down < y && !found_today; down += 1)
    {
      get_pixel (surface, round (x) + 0.5, down, &r, &g, &b);
      found_today = b > 150 && r < 80;
    }
  g_assert_true (found_today);

  cairo_surface_destroy (surface);

  /* the same drawing as a file */
  g_assert_true (tx_plan_timeline_write (timeline, png_path, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 2400);
  cairo_surface_destroy (surface);

  g_assert_false (tx_plan_timeline_write (timeline, "plan.txt", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* No two marks of a row touch: each mark's half width (a circle's
 * radius, more for an overdue diamond) is at most half the distance. */
static guint
check_marks_apart (const TxPlanTimeline *timeline,
                   double                width)
{
  guint n_moved = 0;

  for (guint row = 0; row < timeline->plan->rows->len; row++)
    {
      TxYearPlanRow *plan_row = g_ptr_array_index (timeline->plan->rows, row);

      for (TxStage a = 0; a < TX_N_STAGES; a++)
        {
          double xa = tx_plan_timeline_get_mark_x (timeline, width, row, a);

          if (isnan (xa))
            continue;
          if (plan_row->due[a] != NULL
              && fabs (xa - tx_plan_timeline_get_x (timeline, width, plan_row->due[a])) > 0.5)
            n_moved++;

          for (TxStage b = a + 1; b < TX_N_STAGES; b++)
            {
              double xb = tx_plan_timeline_get_mark_x (timeline, width, row, b);

              if (!isnan (xb) && fabs (xa - xb) < 18)
                g_error ("“%s”: the marks of stages %d and %d are %.1f px apart at %.0f px wide",
                         plan_row->title, a, b, fabs (xa - xb), width);
            }
        }
    }

  return n_moved;
}

/* The year plan's marks never cover one another, whatever the width:
 * stages days apart are moved apart along the line, keeping the order
 * of their dates, each group centred on its dates. */
static void
test_plan_marks_apart (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const week[TX_N_STAGES] = {
    "2026-06-01", "2026-06-02", "2026-06-03", "2026-06-04", "2026-06-05", "2026-06-06",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TxPlanTimeline) sample = NULL;
  g_autoptr(TxPlanTimeline) crowded = NULL;
  g_autoptr(GPtrArray) consultations = g_ptr_array_new_with_free_func (g_object_unref);
  TxConsultation *hurried = tx_consultation_new ();
  double sum_dates = 0, sum_marks = 0;
  guint n_moved = 0;

  sample = tx_plan_timeline_new_from_store (f->store, 2026, NULL, tx_date_from_iso (TODAY), &error);
  g_assert_no_error (error);
  for (double width = 700; width <= 1900; width += 300)
    n_moved += check_marks_apart (sample, width);
  /* the sample has stages days apart */
  g_assert_cmpuint (n_moved, >, 0);
  if (g_getenv ("TONGXIN_TEST_SCREENSHOTS") != NULL)
    {
      g_autofree char *png = g_build_filename (g_getenv ("TONGXIN_TEST_SCREENSHOTS"), "year-plan.png", NULL);

      g_mkdir_with_parents (g_getenv ("TONGXIN_TEST_SCREENSHOTS"), 0700);
      g_assert_true (tx_plan_timeline_write (sample, png, &error));
      g_test_message ("screenshot: %s", png);
    }

  /* six stages on six days in a row */
  tx_consultation_set_title (hurried, "六天走完六个环节的协商");
  for (TxStage stage = 0; stage < TX_N_STAGES; stage++)
    tx_consultation_set_stage_due (hurried, stage, week[stage]);
  g_ptr_array_add (consultations, hurried);
  crowded = tx_plan_timeline_new (2026, consultations, tx_date_from_iso ("2026-01-10"));
  /* a day is less than a mark wide: each of the six moves */
  g_assert_cmpuint (check_marks_apart (crowded, 1000), ==, TX_N_STAGES);
  for (TxStage stage = 0; stage < TX_N_STAGES; stage++)
    {
      double mark = tx_plan_timeline_get_mark_x (crowded, 1000, 0, stage);

      if (stage > 0)
        g_assert_cmpfloat (mark, >, tx_plan_timeline_get_mark_x (crowded, 1000, 0, stage - 1));
      sum_marks += mark;
      sum_dates += tx_plan_timeline_get_x (crowded, 1000, week[stage]);
    }
  g_assert_cmpfloat (fabs (sum_marks - sum_dates), <, 0.5);
}

static void
test_plan_timeline_empty (void)
{
  g_autoptr(TxPlanTimeline) timeline = tx_plan_timeline_new (2030, NULL, tx_date_from_iso (TODAY));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 300);
  cairo_t *cr = cairo_create (surface);

  /* a year without consultations draws its months and a line saying so */
  g_assert_cmpfloat (tx_plan_timeline_get_height (timeline, 600), >, 100);
  g_assert_cmpfloat (tx_plan_timeline_get_x (timeline, 600, "2030-01-01"), <,
                     tx_plan_timeline_get_x (timeline, 600, "2030-12-31"));
  tx_plan_timeline_draw (cr, 600, 300, timeline);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* A month of the calendar read alone shows what it shows when the whole
 * history is read: every day of its six weeks, the same events. */
static void
test_month_read_alone (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tongxin-calendar-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "tongxin.db", NULL);
  g_autofree char *rm = g_strdup_printf ("rm -rf %s", dir);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  TxDate today = tx_date_new (2026, 11, 27);
  guint events = 0;

  store = tx_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (tx_exchange_load_demo (store, today, NULL, &error));
  g_assert_no_error (error);
  all = tx_store_list_consultations (store, 0, NULL, &error);
  g_assert_no_error (error);

  for (int month = 1; month <= 12; month++)
    {
      g_autoptr(TxCalendarMonth) whole = tx_calendar_month_layout (2026, month, all, today);
      g_autoptr(GPtrArray) some = NULL;
      g_autoptr(TxCalendarMonth) alone = NULL;

      some = tx_store_list_consultations_between (store, whole->days[0].date,
                                                  whole->days[TX_CALENDAR_N_DAYS - 1].date, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (some->len, <=, all->len);
      alone = tx_calendar_month_layout (2026, month, some, today);
      for (guint d = 0; d < TX_CALENDAR_N_DAYS; d++)
        {
          GPtrArray *expected = whole->days[d].events;
          GPtrArray *found = alone->days[d].events;

          g_assert_cmpuint (found->len, ==, expected->len);
          for (guint e = 0; e < found->len; e++)
            {
              TxCalendarEvent *x = g_ptr_array_index (expected, e);
              TxCalendarEvent *y = g_ptr_array_index (found, e);

              g_assert_cmpstr (y->uuid, ==, x->uuid);
              g_assert_cmpint (y->stage, ==, x->stage);
              g_assert_cmpint (y->kind, ==, x->kind);
            }
          if (whole->days[d].in_month)
            events += expected->len;
        }
    }
  /* the sample's year has meetings and deadlines to compare */
  g_assert_cmpuint (events, >, 20);

  g_clear_object (&store);
  g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calendar-layout/month-grid", test_month_grid);
  g_test_add_func ("/calendar-layout/month-read-alone", test_month_read_alone);
  g_test_add ("/calendar-layout/meeting-day", Fixture, NULL,
              fixture_set_up, test_meeting_day, fixture_tear_down);
  g_test_add ("/calendar-layout/deadline-states", Fixture, NULL,
              fixture_set_up, test_deadline_states, fixture_tear_down);
  g_test_add ("/calendar-layout/year-plan", Fixture, NULL,
              fixture_set_up, test_year_plan, fixture_tear_down);
  g_test_add ("/plan-timeline/draw", Fixture, NULL,
              fixture_set_up, test_plan_timeline, fixture_tear_down);
  g_test_add ("/plan-timeline/marks-apart", Fixture, NULL,
              fixture_set_up, test_plan_marks_apart, fixture_tear_down);
  g_test_add_func ("/plan-timeline/empty-year", test_plan_timeline_empty);

  return g_test_run ();
}
