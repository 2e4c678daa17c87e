/* tx-calendar-layout.c
 *
 * The month grid is six weeks of seven days, Monday first, as Chinese
 * wall calendars are, so every month fits and the grid keeps its height
 * from month to month.  Each day carries the meetings held on it (their
 * local date in Asia/Shanghai, whatever the computer's time zone) and
 * the stage deadlines (时间节点) due on it, each done, upcoming or
 * overdue against an explicit "today", as the ledger judges them
 * (DESIGN §1): overdue is due before today and not done.  A meeting is
 * judged by its stage, the meeting stage (协商): held once that stage is
 * done.  When the meeting stage is due on the day of the meeting, as it
 * usually is, the day shows the meeting alone, not the meeting and its
 * deadline.
 *
 * The year plan puts each consultation's six due dates and done dates
 * along the year, 1 January at 0 and 31 December at 1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-calendar-layout"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tx-calendar-layout.h"
#include "tx-rules.h"

/* China has kept UTC+8 all year since 1991: the fixed offset stands in
 * when the time zone database is missing. */
static GTimeZone *
get_shanghai (void)
{
  static GTimeZone *shanghai = NULL;

  if (g_once_init_enter (&shanghai))
    {
      GTimeZone *zone = g_time_zone_new_identifier ("Asia/Shanghai");

      if (zone == NULL)
        zone = g_time_zone_new_offset (8 * 60 * 60);
      g_once_init_leave (&shanghai, zone);
    }

  return shanghai;
}

static void
format_date (const GDate *date,
             char         buffer[11])
{
  tx_date_write_iso ((TxDate) g_date_get_julian (date), buffer);
}

/* Where a stage stands on @today, as the ledger and every view judge it
 * (tx_stage_get_status): done, overdue, or still to come. */
static TxCalendarState
get_stage_state (TxConsultation *consultation,
                 TxStage         stage,
                 TxDate          today,
                 int            *overdue_days)
{
  TxStageStatus status;

  tx_stage_get_status (consultation, stage, today, &status);
  *overdue_days = status.state == TX_STAGE_STATE_OVERDUE ? status.days : 0;

  switch (status.state)
    {
    case TX_STAGE_STATE_DONE:
      return TX_CALENDAR_STATE_DONE;
    case TX_STAGE_STATE_OVERDUE:
      return TX_CALENDAR_STATE_OVERDUE;
    case TX_STAGE_STATE_NO_DUE_DATE:
    case TX_STAGE_STATE_UPCOMING:
    case TX_STAGE_STATE_DUE_TODAY:
    default:
      return TX_CALENDAR_STATE_UPCOMING;
    }
}

/**
 * tx_calendar_local_date_time:
 * @iso8601: a meeting's start, with its offset ("2026-11-20T09:00:00+08:00");
 *   without one it is taken as Beijing time
 * @date: (out): YYYY-MM-DD in Asia/Shanghai
 * @time: (out) (optional): HH:MM in Asia/Shanghai
 *
 * Returns: FALSE when @iso8601 is not a date and time
 */
gboolean
tx_calendar_local_date_time (const char *iso8601,
                             char        date[11],
                             char        time[6])
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso8601 == NULL ||
      (parsed = g_date_time_new_from_iso8601 (iso8601, get_shanghai ())) == NULL)
    return FALSE;

  local = g_date_time_to_timezone (parsed, get_shanghai ());
  g_snprintf (date, 11, "%04d-%02d-%02d", g_date_time_get_year (local),
              g_date_time_get_month (local), g_date_time_get_day_of_month (local));
  if (time != NULL)
    g_snprintf (time, 6, "%02d:%02d", g_date_time_get_hour (local), g_date_time_get_minute (local));

  return TRUE;
}

void
tx_calendar_event_free (TxCalendarEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->uuid);
  g_free (event->activity_label);
  g_free (event->venue);
  g_free (event->title);
  g_free (event->township);
  g_free (event->date);
  g_free (event->time);
  g_free (event->done);
  g_free (event);
}

static TxCalendarEvent *
event_new (TxCalendarEventKind  kind,
           TxStage              stage,
           TxConsultation      *consultation,
           const char          *date,
           const char          *time,
           TxDate               today)
{
  TxCalendarEvent *event = g_new0 (TxCalendarEvent, 1);
  const char *done = tx_consultation_get_stage_done (consultation, stage);

  event->kind = kind;
  event->stage = stage;
  event->uuid = g_strdup (tx_consultation_get_uuid (consultation));
  event->title = g_strdup (tx_consultation_get_title (consultation));
  event->township = g_strdup (tx_consultation_get_township_name (consultation));
  event->venue = g_strdup (tx_consultation_get_venue (consultation));
  event->date = g_strdup (date);
  event->time = g_strdup (time);
  event->done = g_strdup (done);
  event->state = get_stage_state (consultation, stage, today, &event->overdue_days);

  return event;
}

/* Meetings and activities first, by time (a whole day's first); then
 * the deadlines, overdue before upcoming before done, so a crowded day
 * shows what needs doing; then by stage. */
static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const TxCalendarEvent *one = *(const TxCalendarEvent * const *) a;
  const TxCalendarEvent *other = *(const TxCalendarEvent * const *) b;
  static const int rank[] = {
    [TX_CALENDAR_STATE_OVERDUE] = 0,
    [TX_CALENDAR_STATE_UPCOMING] = 1,
    [TX_CALENDAR_STATE_DONE] = 2,
  };

  gboolean one_dated = one->kind != TX_CALENDAR_EVENT_DEADLINE;
  gboolean other_dated = other->kind != TX_CALENDAR_EVENT_DEADLINE;

  if (one_dated != other_dated)
    return one_dated ? -1 : 1;

  if (one_dated)
    {
      int by_time = g_strcmp0 (one->time, other->time);

      if (by_time != 0)
        return by_time;
    }
  else
    {
      if (rank[one->state] != rank[other->state])
        return rank[one->state] - rank[other->state];
      if (one->stage != other->stage)
        return (int) one->stage - (int) other->stage;
    }

  return g_strcmp0 (one->title, other->title);
}

/**
 * tx_calendar_month_layout:
 * @month: 1–12
 * @consultations: (element-type TxConsultation): those to show; dates
 *   outside the six weeks are left out
 * @today: the day marked today, and overdue is judged on
 *
 * Returns: (transfer full): the six weeks that show @month, Monday first
 */
TxCalendarMonth *
tx_calendar_month_layout (int         year,
                          int         month,
                          GPtrArray  *consultations,
                          TxDate      today)
{
  TxCalendarMonth *layout;
  GDate first, day;
  guint32 start;

  g_return_val_if_fail (g_date_valid_dmy (1, month, year), NULL);
  g_return_val_if_fail (today > 0, NULL);

  layout = g_new0 (TxCalendarMonth, 1);
  layout->year = year;
  layout->month = month;
  layout->today = today;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, month, year);
  start = g_date_get_julian (&first) - (g_date_get_weekday (&first) - G_DATE_MONDAY);

  for (guint i = 0; i < TX_CALENDAR_N_DAYS; i++)
    {
      TxCalendarDay *cell = &layout->days[i];

      g_date_clear (&day, 1);
      g_date_set_julian (&day, start + i);
      format_date (&day, cell->date);
      cell->year = g_date_get_year (&day);
      cell->month = g_date_get_month (&day);
      cell->day = g_date_get_day (&day);
      cell->weekday = g_date_get_weekday (&day);
      cell->in_month = cell->month == month;
      cell->is_today = (TxDate) (start + i) == today;
      cell->events = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_calendar_event_free);
    }

  for (guint i = 0; consultations != NULL && i < consultations->len; i++)
    {
      TxConsultation *consultation = g_ptr_array_index (consultations, i);
      char date[11] = "", time[6] = "";
      TxCalendarDay *cell;

      if (tx_calendar_local_date_time (tx_consultation_get_starts (consultation), date, time) &&
          (cell = tx_calendar_month_find_day (layout, date)) != NULL)
        g_ptr_array_add (cell->events, event_new (TX_CALENDAR_EVENT_MEETING, TX_STAGE_MEETING,
                                                  consultation, date, time, today));

      for (guint stage = 0; stage < TX_N_STAGES; stage++)
        {
          const char *due = tx_consultation_get_stage_due (consultation, stage);

          /* The meeting stage due on the day of the meeting is the
           * meeting itself: one event, not two. */
          if (stage == TX_STAGE_MEETING && tx_consultation_get_starts (consultation) != NULL &&
              g_strcmp0 (due, date) == 0)
            continue;

          if ((cell = tx_calendar_month_find_day (layout, due)) != NULL)
            g_ptr_array_add (cell->events, event_new (TX_CALENDAR_EVENT_DEADLINE, stage,
                                                      consultation, cell->date, NULL, today));
        }
    }

  for (guint i = 0; i < TX_CALENDAR_N_DAYS; i++)
    g_ptr_array_sort (layout->days[i].events, compare_events);

  return layout;
}

/**
 * tx_calendar_month_add_activities:
 * @activities: (element-type TxActivity): those to show; days outside
 *   the six weeks are left out
 *
 * Adds the activities to @month, each on every day it takes.
 */
void
tx_calendar_month_add_activities (TxCalendarMonth *month,
                                  GPtrArray       *activities)
{
  for (guint i = 0; activities != NULL && i < activities->len; i++)
    {
      TxActivity *activity = g_ptr_array_index (activities, i);
      const char *starts = tx_activity_get_starts (activity);
      const char *ends = tx_activity_get_ends (activity);
      char first[11] = "", last[11] = "", time[6] = "";
      gboolean timed = !tx_date_is_iso_day (starts);

      if (timed ? !tx_calendar_local_date_time (starts, first, time) : !g_strlcpy (first, starts, sizeof first))
        continue;
      if (ends == NULL || (!tx_date_is_iso_day (ends) ? !tx_calendar_local_date_time (ends, last, NULL)
                                                      : !g_strlcpy (last, ends, sizeof last)))
        g_strlcpy (last, first, sizeof last);

      for (guint d = 0; d < TX_CALENDAR_N_DAYS; d++)
        {
          TxCalendarDay *cell = &month->days[d];
          TxCalendarEvent *event;

          if (strcmp (cell->date, first) < 0 || strcmp (cell->date, last) > 0)
            continue;

          event = g_new0 (TxCalendarEvent, 1);
          event->kind = TX_CALENDAR_EVENT_ACTIVITY;
          event->activity_kind = tx_activity_get_kind (activity);
          event->activity_label = g_strdup (tx_activity_get_kind_label (activity));
          event->state = TX_CALENDAR_STATE_UPCOMING;
          if (tx_date_from_iso (cell->date) < month->today)
            event->state = TX_CALENDAR_STATE_DONE;
          event->uuid = g_strdup (tx_activity_get_uuid (activity));
          event->title = g_strdup (tx_activity_get_title (activity));
          event->township = g_strdup (tx_activity_get_township_name (activity));
          event->venue = g_strdup (tx_activity_get_venue (activity));
          event->date = g_strdup (cell->date);
          /* the time on its first day */
          event->time = timed && g_str_equal (cell->date, first) ? g_strdup (time) : NULL;
          g_ptr_array_add (cell->events, event);
        }
    }

  for (guint d = 0; d < TX_CALENDAR_N_DAYS; d++)
    g_ptr_array_sort (month->days[d].events, compare_events);
}

/**
 * tx_calendar_month_find_day:
 * @date: (nullable): YYYY-MM-DD
 *
 * Returns: (transfer none) (nullable): the day of the grid, or %NULL
 *   when @date is not among its 42 days
 */
TxCalendarDay *
tx_calendar_month_find_day (TxCalendarMonth *month,
                            const char      *date)
{
  int index;

  g_return_val_if_fail (month != NULL, NULL);

  if (date == NULL || strlen (date) < 10)
    return NULL;

  index = tx_date_days_between (tx_date_from_iso (month->days[0].date), tx_date_from_iso (date));
  if (tx_date_from_iso (date) == TX_DATE_NONE)
    return NULL;
  if (index < 0 || index >= TX_CALENDAR_N_DAYS || strncmp (month->days[index].date, date, 10) != 0)
    return NULL;

  return &month->days[index];
}

void
tx_calendar_month_free (TxCalendarMonth *month)
{
  if (month == NULL)
    return;

  for (guint i = 0; i < TX_CALENDAR_N_DAYS; i++)
    g_clear_pointer (&month->days[i].events, g_ptr_array_unref);
  g_free (month);
}

/**
 * tx_year_plan_position:
 * @date: (nullable): YYYY-MM-DD
 *
 * Returns: where @date falls along @year: 0 on 1 January, 1 on 31
 *   December, below 0 or above 1 for other years; NAN when @date is not
 *   a date
 */
double
tx_year_plan_position (int         year,
                       const char *date)
{
  TxDate day = tx_date_from_iso (date);
  TxDate first = tx_date_new (year, 1, 1);
  TxDate last = tx_date_new (year, 12, 31);

  g_return_val_if_fail (g_date_valid_year (year), NAN);

  if (day == TX_DATE_NONE)
    return NAN;

  return ((double) day - first) / ((double) last - first);
}

static void
year_plan_row_free (TxYearPlanRow *row)
{
  g_free (row->consultation_uuid);
  g_free (row->title);
  g_free (row->township);
  for (guint i = 0; i < TX_N_STAGES; i++)
    {
      g_free (row->due[i]);
      g_free (row->done[i]);
    }
  g_free (row);
}

/**
 * tx_year_plan_layout:
 * @consultations: (element-type TxConsultation): the consultations of
 *   @year, one row each in this order
 * @today: the day marked today, and overdue is judged on
 *
 * Returns: (transfer full): the rows of the year plan
 */
TxYearPlan *
tx_year_plan_layout (int         year,
                     GPtrArray  *consultations,
                     TxDate      today)
{
  TxYearPlan *plan;
  char today_text[11];

  g_return_val_if_fail (g_date_valid_year (year), NULL);
  g_return_val_if_fail (today > 0, NULL);

  tx_date_write_iso (today, today_text);
  plan = g_new0 (TxYearPlan, 1);
  plan->year = year;
  plan->today = today;
  plan->today_x = tx_year_plan_position (year, today_text);
  plan->min_x = 0;
  plan->max_x = 1;
  plan->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) year_plan_row_free);

  for (guint i = 0; consultations != NULL && i < consultations->len; i++)
    {
      TxConsultation *consultation = g_ptr_array_index (consultations, i);
      TxYearPlanRow *row = g_new0 (TxYearPlanRow, 1);
      char date[11];

      row->consultation_uuid = g_strdup (tx_consultation_get_uuid (consultation));
      row->title = g_strdup (tx_consultation_get_title (consultation));
      row->township = g_strdup (tx_consultation_get_township_name (consultation));
      row->meeting_x = NAN;
      if (tx_calendar_local_date_time (tx_consultation_get_starts (consultation), date, NULL))
        row->meeting_x = tx_year_plan_position (year, date);

      for (guint stage = 0; stage < TX_N_STAGES; stage++)
        {
          row->due[stage] = g_strdup (tx_consultation_get_stage_due (consultation, stage));
          row->done[stage] = g_strdup (tx_consultation_get_stage_done (consultation, stage));
          row->due_x[stage] = tx_year_plan_position (year, row->due[stage]);
          row->done_x[stage] = tx_year_plan_position (year, row->done[stage]);
          row->state[stage] = get_stage_state (consultation, stage, today, &row->overdue_days[stage]);

          for (guint j = 0; j < 2; j++)
            {
              double x = j == 0 ? row->due_x[stage] : row->done_x[stage];

              if (!isnan (x))
                {
                  plan->min_x = MIN (plan->min_x, x);
                  plan->max_x = MAX (plan->max_x, x);
                }
            }
        }

      g_ptr_array_add (plan->rows, row);
    }

  return plan;
}

void
tx_year_plan_free (TxYearPlan *plan)
{
  if (plan == NULL)
    return;

  g_ptr_array_unref (plan->rows);
  g_free (plan);
}
