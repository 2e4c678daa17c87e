/* tx-calendar-layout.h — what the calendar shows, worked out from the
 * consultations and the activities: the month grid and the year plan
 *
 * Plain functions of data, without GTK and without words: the widget
 * puts its translated labels on them, the documents their Chinese ones.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tx-activity.h"
#include "tx-consultation.h"
#include "tx-date.h"

G_BEGIN_DECLS

#define TX_CALENDAR_N_DAYS 42   /* six weeks of seven days */

typedef enum {
  TX_CALENDAR_EVENT_MEETING,    /* the consultation meeting, from its start; it
                                 * stands for the meeting stage's deadline when
                                 * that is due the same day */
  TX_CALENDAR_EVENT_DEADLINE,   /* a stage's due date (时间节点) */
  TX_CALENDAR_EVENT_ACTIVITY,   /* a training, an observation visit, a
                                 * discussion: on each of its days */
} TxCalendarEventKind;

typedef enum {
  TX_CALENDAR_STATE_DONE,       /* the stage is done */
  TX_CALENDAR_STATE_UPCOMING,   /* not done, due today or later */
  TX_CALENDAR_STATE_OVERDUE,    /* not done, due before today */
} TxCalendarState;

typedef struct {
  TxCalendarEventKind  kind;
  TxStage              stage;              /* TX_STAGE_MEETING for a meeting */
  TxCalendarState      state;
  char                *uuid;               /* the consultation's, or the activity's */
  TxActivityKind       activity_kind;      /* of an activity */
  char                *activity_label;     /* its kind as a clerk reads it */
  char                *title;
  char                *township;           /* an activity's organiser; NULL: the city office */
  char                *venue;              /* a meeting's or an activity's */
  char                *date;               /* YYYY-MM-DD, in Asia/Shanghai */
  char                *time;               /* HH:MM of a meeting or an activity;
                                            * NULL for a deadline or a whole day */
  char                *done;               /* YYYY-MM-DD the stage was done, or NULL */
  int                  overdue_days;       /* 0 unless overdue */
} TxCalendarEvent;

typedef struct {
  char        date[11];     /* YYYY-MM-DD */
  int         year;
  int         month;
  int         day;
  int         weekday;      /* 1 Monday … 7 Sunday */
  gboolean    in_month;     /* FALSE for the days of the months around it */
  gboolean    is_today;
  GPtrArray  *events;       /* TxCalendarEvent: meetings by time, then deadlines,
                             * overdue first, by stage */
} TxCalendarDay;

typedef struct {
  int            year;
  int            month;
  TxDate         today;
  TxCalendarDay  days[TX_CALENDAR_N_DAYS];   /* Monday first, as Chinese calendars are */
} TxCalendarMonth;

/* One consultation on the year plan.  Positions run from 0 (1 January)
 * to 1 (31 December) and go beyond for dates of other years; NAN when
 * there is no date. */
typedef struct {
  char            *consultation_uuid;
  char            *title;
  char            *township;
  char            *due[TX_N_STAGES];        /* YYYY-MM-DD or NULL */
  char            *done[TX_N_STAGES];       /* YYYY-MM-DD or NULL */
  double           due_x[TX_N_STAGES];
  double           done_x[TX_N_STAGES];
  TxCalendarState  state[TX_N_STAGES];
  int              overdue_days[TX_N_STAGES];  /* 0 unless overdue */
  double           meeting_x;
} TxYearPlanRow;

typedef struct {
  int         year;
  TxDate      today;
  double      today_x;
  double      min_x;         /* the earliest and latest positions of any */
  double      max_x;         /* row, and never inside 0–1 */
  GPtrArray  *rows;          /* TxYearPlanRow, in the order given */
} TxYearPlan;

gboolean          tx_calendar_local_date_time  (const char            *iso8601,
                                                char                   date[11],
                                                char                   time[6]);

TxCalendarMonth  *tx_calendar_month_layout     (int                    year,
                                                int                    month,
                                                GPtrArray             *consultations,
                                                TxDate                 today);
void              tx_calendar_month_add_activities (TxCalendarMonth   *month,
                                                    GPtrArray         *activities);
TxCalendarDay    *tx_calendar_month_find_day   (TxCalendarMonth       *month,
                                                const char            *date);
void              tx_calendar_month_free       (TxCalendarMonth       *month);
void              tx_calendar_event_free       (TxCalendarEvent       *event);

double            tx_year_plan_position        (int                    year,
                                                const char            *date);
TxYearPlan       *tx_year_plan_layout          (int                    year,
                                                GPtrArray             *consultations,
                                                TxDate                 today);
void              tx_year_plan_free            (TxYearPlan            *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxCalendarMonth, tx_calendar_month_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxCalendarEvent, tx_calendar_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxYearPlan, tx_year_plan_free)

G_END_DECLS
