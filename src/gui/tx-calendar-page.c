/* tx-calendar-page.c — the calendar (日历): the month grid and the year plan
 *
 * The month view is six weeks of seven days, Monday first, as Chinese
 * calendars are: each day shows the meetings held on it and the stage
 * deadlines (时间节点) due on it, done, upcoming or overdue, each with
 * an icon as well as a colour.  Choosing one asks the window, through
 * the "open-consultation" signal, to show that consultation.
 *
 * The year plan view draws tx_plan_timeline_draw(), the drawing of the
 * documents, at the width of the page.
 *
 * What each day holds, and what is overdue, is worked out without GTK
 * by tx_calendar_month_layout() and tx_year_plan_layout(); this page
 * only puts their results on screen.  It reads the consultations again
 * whenever the store says they, the townships, the plans or everything
 * changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-calendar-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "tx-calendar-event-button.h"
#include "tx-calendar-layout.h"
#include "tx-activities-dialog.h"
#include "tx-activity-dialog.h"
#include "tx-calendar-page.h"
#include "tx-day.h"
#include "tx-off-reason.h"
#include "tx-out-of-sight.h"
#include "tx-plan-timeline.h"
#include "tx-records.h"
#include "tx-township-model.h"
#include "tx-turns.h"
#include "tx-vocabulary.h"

/* More events than this in a day, and the day shows one fewer and a
 * button that lists them all. */
#define MAX_EVENTS_SHOWN 3

typedef struct {
  GtkWidget *cell;
  GtkLabel  *number_label;
  GtkWidget *today_label;
  GtkBox    *events_box;
} DayCell;

struct _TxCalendarPage
{
  AdwBin             parent_instance;

  /* template children */
  GtkStack          *content_stack;
  AdwStatusPage     *error_page;
  GtkLabel          *title_label;
  GtkButton         *previous_button;
  GtkButton         *next_button;
  GtkButton         *narrow_previous_button;
  GtkButton         *narrow_next_button;
  GtkStack          *view_stack;
  GtkGrid           *weekday_grid;
  GtkGrid           *month_grid;
  GtkDrawingArea    *plan_area;
  GtkDropDown       *township_drop_down;

  /* owned references */
  TxStore           *store;
  TxTownshipModel   *townships;       /* "All townships", then the store's */
  GPtrArray         *consultations;   /* those of the month grid shown */
  GPtrArray         *activities;      /* and its activities */
  TxPlanTimeline    *plan;            /* the year plan shown */

  /* state */
  DayCell            days[TX_CALENDAR_N_DAYS];
  TxDay               *day;
  int                year;            /* the month shown */
  int                month;
  int                plan_year;       /* the year plan shown */
  int                shown_year;      /* the month of today when last drawn */
  int                shown_month;
  int                consultations_month;  /* year * 12 + month of @consultations */
  guint              resize_id;       /* the year plan's height, to set when idle */
  guint              filling_townships;
  gboolean           read_pending;    /* the store is read when the page is shown */
  gboolean           plan_stale;      /* the year plan is read when it is shown */
};

G_DEFINE_FINAL_TYPE (TxCalendarPage, tx_calendar_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_CONSULTATION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Today */

static TxDate
get_today (TxCalendarPage *self)
{
  return self->day != NULL ? tx_day_get_today (self->day) : tx_date_today_local ();
}

static void
get_today_month (TxCalendarPage *self,
                 int            *year,
                 int            *month)
{
  TxDate today = get_today (self);

  *year = tx_date_get_year (today);
  *month = tx_date_get_month (today);
}

static gboolean
is_showing_plan (TxCalendarPage *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "year-plan") == 0;
}

/* The style of the grid, once for each display.  The page brings its own
 * stylesheet, so it looks the same in the window and in the tests. */
static void
ensure_style (TxCalendarPage *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "tx-calendar-page-style") != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/tongxin/Tongxin/tx-calendar-page.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "tx-calendar-page-style",
                          g_steal_pointer (&provider), g_object_unref);
}

static void
show_error (TxCalendarPage *self,
            const GError   *error)
{
  g_autofree char *markup = g_markup_escape_text (error->message, -1);

  adw_status_page_set_description (self->error_page, markup);
  gtk_stack_set_visible_child_name (self->content_stack, "error");
}

/* The header */

/* The arrows say what they do, in the tooltip and to a screen reader
 * (an icon alone is no name), in both headers. */
static void
set_arrow_words (TxCalendarPage *self,
                 const char     *previous,
                 const char     *next)
{
  GtkWidget *previous_buttons[] = { GTK_WIDGET (self->previous_button), GTK_WIDGET (self->narrow_previous_button) };
  GtkWidget *next_buttons[] = { GTK_WIDGET (self->next_button), GTK_WIDGET (self->narrow_next_button) };

  for (guint i = 0; i < G_N_ELEMENTS (previous_buttons); i++)
    {
      gtk_widget_set_tooltip_text (previous_buttons[i], previous);
      gtk_accessible_update_property (GTK_ACCESSIBLE (previous_buttons[i]), GTK_ACCESSIBLE_PROPERTY_LABEL, previous, -1);
      gtk_widget_set_tooltip_text (next_buttons[i], next);
      gtk_accessible_update_property (GTK_ACCESSIBLE (next_buttons[i]), GTK_ACCESSIBLE_PROPERTY_LABEL, next, -1);
    }
}
static void
update_header (TxCalendarPage *self)
{
  g_autofree char *title = NULL;
  int today_year, today_month;

  get_today_month (self, &today_year, &today_month);

  if (is_showing_plan (self))
    {
      /* Translators: the title of the year plan, a strftime format;
       * "%Y年" in Chinese */
      title = tx_calendar_format_date (C_("calendar year", "%Y"), self->plan_year, 1, 1);
      set_arrow_words (self, _("Previous Year"), _("Next Year"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.today", self->plan_year != today_year);
      tx_widget_set_action_off_reason (GTK_WIDGET (self), "calendar.today",
                                       self->plan_year != today_year ? NULL : _("This year is shown"));
    }
  else
    {
      /* Translators: the title of the month grid, a strftime format;
       * "%Y年%-m月" in Chinese */
      title = tx_calendar_format_date (C_("calendar month", "%B %Y"), self->year, self->month, 1);
      set_arrow_words (self, _("Previous Month"), _("Next Month"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.today",
                                     self->year != today_year || self->month != today_month);
      tx_widget_set_action_off_reason (GTK_WIDGET (self), "calendar.today",
                                       self->year != today_year || self->month != today_month
                                       ? NULL : _("This month is shown"));
    }

  gtk_label_set_label (self->title_label, title);
}

/* The month grid */

static void
fill_day (TxCalendarPage      *self,
          DayCell             *cell,
          const TxCalendarDay *day)
{
  g_autofree char *number = NULL;
  g_autofree char *accessible = NULL;
  guint n_events = day->events->len;
  guint n_shown = n_events > MAX_EVENTS_SHOWN ? MAX_EVENTS_SHOWN - 1 : n_events;
  GtkWidget *child;

  /* The first of a month says which month it is. */
  if (day->day == 1)
    /* Translators: the first day of a month in the month grid, a
     * strftime format; "%-m月%-d日" in Chinese */
    number = tx_calendar_format_date (C_("calendar first day", "%b %-d"), day->year, day->month, day->day);
  else
    number = g_strdup_printf ("%d", day->day);
  gtk_label_set_label (cell->number_label, number);
  /* "11月1日" gives way on a phone, so seven days fit across; a day's
   * number never does */
  gtk_label_set_ellipsize (cell->number_label, day->day == 1 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);

  accessible = tx_calendar_format_date (C_("calendar day", "%B %-d, %Y"), day->year, day->month, day->day);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell->cell),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  if (day->in_month)
    gtk_widget_remove_css_class (cell->cell, "other-month");
  else
    gtk_widget_add_css_class (cell->cell, "other-month");

  if (day->is_today)
    gtk_widget_add_css_class (cell->cell, "today");
  else
    gtk_widget_remove_css_class (cell->cell, "today");
  gtk_widget_set_visible (cell->today_label, day->is_today);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (cell->events_box))) != NULL)
    gtk_box_remove (cell->events_box, child);

  /* a day of one event has the room to show more of its title */
  for (guint i = 0; i < n_shown; i++)
    gtk_box_append (cell->events_box, tx_calendar_event_button_new (g_ptr_array_index (day->events, i),
                                                           n_events == 1 ? 2 : 1));

  if (n_shown < n_events)
    gtk_box_append (cell->events_box, tx_calendar_more_button_new (day, n_events - n_shown));
}

/* The uuid of the township chosen, or NULL for every township. */
static const char *
get_township (TxCalendarPage *self)
{
  return tx_township_model_get_uuid (self->townships, gtk_drop_down_get_selected (self->township_drop_down));
}

/* The consultations of the township chosen. */
static GPtrArray *
filter_consultations (TxCalendarPage *self)
{
  const char *township = get_township (self);
  GPtrArray *shown = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; self->consultations != NULL && i < self->consultations->len; i++)
    {
      TxConsultation *consultation = g_ptr_array_index (self->consultations, i);

      if (township == NULL || g_strcmp0 (tx_consultation_get_township_uuid (consultation), township) == 0)
        g_ptr_array_add (shown, g_object_ref (consultation));
    }

  return shown;
}

/* The activities the township chosen organises or takes part in */
static GPtrArray *
filter_activities (TxCalendarPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->township_drop_down);
  const char *township = get_township (self) != NULL ? tx_township_model_get_name (self->townships, selected) : NULL;
  GPtrArray *shown = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; self->activities != NULL && i < self->activities->len; i++)
    {
      TxActivity *activity = g_ptr_array_index (self->activities, i);
      GPtrArray *townships = tx_activity_get_townships (activity);
      guint index;

      if (township == NULL || g_strcmp0 (tx_activity_get_township_name (activity), township) == 0 ||
          g_ptr_array_find_with_equal_func (townships, township, g_str_equal, &index))
        g_ptr_array_add (shown, g_object_ref (activity));
    }

  return shown;
}

/* The consultations of the six weeks of the month shown, read when
 * another month is shown or the store changed: not the whole history. */
static gboolean
read_month (TxCalendarPage *self)
{
  g_autoptr(TxCalendarMonth) grid = NULL;
  g_autoptr(GError) error = NULL;
  int key = self->year * 12 + self->month;

  if (self->store == NULL || (self->consultations != NULL && self->consultations_month == key))
    return TRUE;

  grid = tx_calendar_month_layout (self->year, self->month, NULL, get_today (self));
  g_clear_pointer (&self->consultations, g_ptr_array_unref);
  self->consultations = tx_store_list_consultations_between (self->store, grid->days[0].date,
                                                             grid->days[TX_CALENDAR_N_DAYS - 1].date, &error);
  if (self->consultations == NULL)
    {
      g_warning ("Could not read the consultations: %s", error->message);
      show_error (self, error);
      return FALSE;
    }
  g_clear_pointer (&self->activities, g_ptr_array_unref);
  self->activities = tx_store_list_activities_between (self->store, grid->days[0].date,
                                                       grid->days[TX_CALENDAR_N_DAYS - 1].date, &error);
  if (self->activities == NULL)
    {
      g_clear_pointer (&self->consultations, g_ptr_array_unref);
      g_warning ("Could not read the activities: %s", error->message);
      show_error (self, error);
      return FALSE;
    }
  self->consultations_month = key;

  return TRUE;
}

static void
refresh_month (TxCalendarPage *self)
{
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(TxCalendarMonth) layout = NULL;

  if (self->read_pending || !read_month (self))
    return;

  shown = filter_consultations (self);
  layout = tx_calendar_month_layout (self->year, self->month, shown, get_today (self));
  {
    g_autoptr(GPtrArray) activities = filter_activities (self);

    tx_calendar_month_add_activities (layout, activities);
  }

  for (guint i = 0; i < TX_CALENDAR_N_DAYS; i++)
    fill_day (self, &self->days[i], &layout->days[i]);

  update_header (self);
}

/* The year plan */

/* The drawing area is as tall as the year plan at its width. */
static void
resize_plan_area (TxCalendarPage *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->plan_area));
  int height = 400;

  if (self->plan != NULL && width > 0)
    height = (int) ceil (tx_plan_timeline_get_height (self->plan, width));

  if (gtk_drawing_area_get_content_height (self->plan_area) != height)
    gtk_drawing_area_set_content_height (self->plan_area, height);
}

static void
on_resize_idle_cb (gpointer user_data)
{
  TxCalendarPage *self = TX_CALENDAR_PAGE (user_data);

  self->resize_id = 0;
  resize_plan_area (self);
}

static void
refresh_plan (TxCalendarPage *self)
{
  g_autoptr(GError) error = NULL;
  TxDate today = get_today (self);
  g_autofree char *description = NULL;

  if (self->read_pending)
    return;

  /* the year plan reads a year's ledger: when it is shown */
  self->plan_stale = !is_showing_plan (self);
  if (self->plan_stale)
    return;

  g_clear_pointer (&self->plan, tx_plan_timeline_free);

  if (self->store != NULL)
    {
      self->plan = tx_plan_timeline_new_from_store (self->store, self->plan_year,
                                                    get_township (self), today, &error);
      if (self->plan == NULL)
        {
          g_warning ("Could not read the year plan: %s", error->message);
          show_error (self, error);
          return;
        }
    }
  else
    self->plan = tx_plan_timeline_new (self->plan_year, NULL, today);

  description = g_strdup_printf (ngettext ("The year plan of %d: %u consultation",
                                           "The year plan of %d: %u consultations",
                                           self->plan->plan->rows->len),
                                 self->plan_year, self->plan->plan->rows->len);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->plan_area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);

  resize_plan_area (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->plan_area));
  update_header (self);
}

static void
draw_plan (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  TxCalendarPage *self = TX_CALENDAR_PAGE (user_data);

  if (self->plan != NULL)
    tx_plan_timeline_draw (cr, width, height, self->plan);
}

/* Reading the store */

static void
reload (TxCalendarPage *self)
{
  /* out of sight, the page is read when shown */
  self->read_pending = self->store != NULL && tx_widget_is_out_of_sight (GTK_WIDGET (self));
  if (self->read_pending)
    return;

  g_clear_pointer (&self->consultations, g_ptr_array_unref);
  g_clear_pointer (&self->activities, g_ptr_array_unref);

  /* the township chosen stays chosen, or every one is shown when it is gone */
  {
    g_autofree char *chosen = g_strdup (get_township (self));
    g_autoptr(GError) township_error = NULL;

    self->filling_townships++;
    if (self->store != NULL && !tx_township_model_fill (self->townships, self->store, &township_error))
      g_warning ("Could not read the townships: %s", township_error->message);
    gtk_drop_down_set_selected (self->township_drop_down, tx_township_model_find (self->townships, chosen));
    self->filling_townships--;
  }

  gtk_stack_set_visible_child_name (self->content_stack, "calendar");
  get_today_month (self, &self->shown_year, &self->shown_month);
  refresh_month (self);
  refresh_plan (self);
}

/* Callbacks */

/* Another day: the month or the year of today, if that is what was
 * shown, moves on with it, and what is overdue is judged again. */
static void
on_day_changed_cb (TxCalendarPage *self)
{
  int year, month;

  get_today_month (self, &year, &month);
  if (self->year == self->shown_year && self->month == self->shown_month)
    {
      self->year = year;
      self->month = month;
    }
  if (self->plan_year == self->shown_year)
    self->plan_year = year;

  reload (self);
}

static void
read_all_turn (gpointer owner)
{
  TxCalendarPage *self = owner;

  /* none since (the page is being closed) */
  if (self->store != NULL)
    reload (self);
}

static void
on_store_changed_cb (TxStore        *store,
                     const char     *kind,
                     const char     *uuid,
                     TxCalendarPage *self)
{
  static const char * const kinds[] = { "consultation", "activity", "township", "plan" };

  /* everything (files received): in a turn of the main loop of its own
   * (tx-turns.c), as every view of the window reads itself again */
  if (g_strcmp0 (kind, "all") == 0)
    tx_turns_add (self, read_all_turn);
  else if (g_strv_contains (kinds, kind))
    reload (self);
}

/* Another township chosen: the month and the year plan show its own. */
static void
on_township_notify_selected_cb (GtkDropDown    *drop_down,
                                GParamSpec     *pspec,
                                TxCalendarPage *self)
{
  if (self->filling_townships > 0)
    return;

  refresh_month (self);
  refresh_plan (self);
}

static void
on_view_stack_notify_visible_child_name_cb (GtkStack       *stack,
                                            GParamSpec     *pspec,
                                            TxCalendarPage *self)
{
  if (self->plan_stale && is_showing_plan (self))
    refresh_plan (self);
  update_header (self);
}

static void
on_plan_area_resize_cb (GtkDrawingArea *area,
                        int             width,
                        int             height,
                        TxCalendarPage *self)
{
  /* A new height in the middle of laying out would be lost: it is set
   * once the layout is done. */
  if (self->resize_id == 0)
    self->resize_id = g_idle_add_once (on_resize_idle_cb, self);
}

/* Actions */

static void
tx_calendar_page_move (TxCalendarPage *self,
                       int             step)
{
  if (is_showing_plan (self))
    {
      tx_calendar_page_show_year (self, self->plan_year + step);
      return;
    }

  {
    int months = self->year * 12 + (self->month - 1) + step;

    tx_calendar_page_show_month (self, months / 12, months % 12 + 1);
  }
}

static void
tx_calendar_page_previous_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  tx_calendar_page_move (TX_CALENDAR_PAGE (widget), -1);
}

static void
tx_calendar_page_next_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  tx_calendar_page_move (TX_CALENDAR_PAGE (widget), 1);
}

static void
tx_calendar_page_today_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  TxCalendarPage *self = TX_CALENDAR_PAGE (widget);
  int year, month;

  get_today_month (self, &year, &month);

  if (is_showing_plan (self))
    tx_calendar_page_show_year (self, year);
  else
    tx_calendar_page_show_month (self, year, month);
}

static void
tx_calendar_page_open_consultation_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter)
{
  g_signal_emit (widget, signals[OPEN_CONSULTATION], 0, g_variant_get_string (parameter, NULL));
}

/* 新建活动 and 编辑活动: the activity's dialog, over the window */
static void
tx_calendar_page_activity_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  TxCalendarPage *self = TX_CALENDAR_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  TxActivityDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = tx_activity_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store, get_today (self),
                                   parameter != NULL ? g_variant_get_string (parameter, NULL) : NULL);
  if (dialog != NULL)
    gtk_window_present (GTK_WINDOW (dialog));
}

/* 全部活动: the activities of the year shown */
static void
list_activities_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TxCalendarPage *self = TX_CALENDAR_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(TxDay) day = NULL;
  int year, month;

  if (self->store == NULL)
    return;
  tx_calendar_page_get_month (self, &year, &month);
  day = tx_day_new_fixed (get_today (self));
  gtk_window_present (GTK_WINDOW (tx_activities_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                            self->store, day, year)));
}

/* The weekday names over the grid, and the grid's six weeks of days. */
static void
create_grid (TxCalendarPage *self)
{
  static const char * const weekdays[] = {
    NC_("weekday", "Mon"), NC_("weekday", "Tue"), NC_("weekday", "Wed"), NC_("weekday", "Thu"),
    NC_("weekday", "Fri"), NC_("weekday", "Sat"), NC_("weekday", "Sun"),
  };

  for (guint column = 0; column < 7; column++)
    {
      GtkWidget *label = gtk_label_new (g_dpgettext2 (NULL, "weekday", weekdays[column]));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "tx-calendar-weekday");
      if (column >= 5)
        gtk_widget_add_css_class (label, "weekend");
      gtk_grid_attach (self->weekday_grid, label, column, 0, 1, 1);
    }

  for (guint i = 0; i < TX_CALENDAR_N_DAYS; i++)
    {
      DayCell *cell = &self->days[i];
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *number = gtk_label_new (NULL);

      cell->cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      gtk_widget_add_css_class (cell->cell, "tx-calendar-day");
      gtk_widget_set_vexpand (cell->cell, TRUE);
      gtk_widget_set_hexpand (cell->cell, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (cell->cell),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, "",
                                      -1);
      if (i % 7 >= 5)
        gtk_widget_add_css_class (cell->cell, "weekend");
      if (i % 7 == 6)
        gtk_widget_add_css_class (cell->cell, "last-column");
      if (i / 7 == 5)
        gtk_widget_add_css_class (cell->cell, "last-row");

      gtk_widget_add_css_class (header, "tx-calendar-day-header");
      gtk_widget_add_css_class (number, "tx-calendar-day-number");
      gtk_label_set_xalign (GTK_LABEL (number), 0);
      gtk_box_append (GTK_BOX (header), number);
      cell->number_label = GTK_LABEL (number);

      cell->today_label = gtk_label_new (_("Today"));
      gtk_label_set_ellipsize (GTK_LABEL (cell->today_label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (cell->today_label, "tx-calendar-today-label");
      gtk_widget_set_visible (cell->today_label, FALSE);
      gtk_box_append (GTK_BOX (header), cell->today_label);
      gtk_box_append (GTK_BOX (cell->cell), header);

      cell->events_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 2));
      gtk_box_append (GTK_BOX (cell->cell), GTK_WIDGET (cell->events_box));

      gtk_grid_attach (self->month_grid, cell->cell, i % 7, i / 7, 1, 1);
    }
}

/* GObject */

static void
tx_calendar_page_dispose (GObject *object)
{
  TxCalendarPage *self = (TxCalendarPage *)object;

  g_clear_handle_id (&self->resize_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
  g_clear_object (&self->store);

  /* The template's top child is bound: the bin lets go of it first, or
   * disposing the template would take it from behind the bin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_CALENDAR_PAGE);
  g_clear_pointer (&self->consultations, g_ptr_array_unref);
  g_clear_pointer (&self->activities, g_ptr_array_unref);
  g_clear_pointer (&self->plan, tx_plan_timeline_free);
  g_clear_object (&self->townships);

  G_OBJECT_CLASS (tx_calendar_page_parent_class)->dispose (object);
}

static void
tx_calendar_page_finalize (GObject *object)
{
  TxCalendarPage *self = (TxCalendarPage *)object;

  g_clear_object (&self->day);

  G_OBJECT_CLASS (tx_calendar_page_parent_class)->finalize (object);
}

static void
tx_calendar_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TxCalendarPage *self = TX_CALENDAR_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_DAY:
      g_value_set_object (value, self->day);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_calendar_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TxCalendarPage *self = TX_CALENDAR_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tx_calendar_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_DAY:
      tx_calendar_page_set_day (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_calendar_page_map (GtkWidget *widget)
{
  TxCalendarPage *self = TX_CALENDAR_PAGE (widget);

  GTK_WIDGET_CLASS (tx_calendar_page_parent_class)->map (widget);

  if (self->read_pending)
    reload (self);
}

static void
tx_calendar_page_class_init (TxCalendarPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_calendar_page_dispose;
  widget_class->map = tx_calendar_page_map;
  object_class->finalize = tx_calendar_page_finalize;
  object_class->get_property = tx_calendar_page_get_property;
  object_class->set_property = tx_calendar_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TxCalendarPage:today: (nullable)
   *
   * The date the page takes for today, YYYY-MM-DD: what is overdue is
   * judged against it, and the page first shows its month.  %NULL, the
   * default, for the real date; tests set it.
   */
  properties[PROP_DAY] =
    g_param_spec_object ("day", NULL, NULL,
                         TX_TYPE_DAY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TxCalendarPage::open-consultation:
   * @uuid: the consultation's uuid
   *
   * The clerk chose a meeting or a deadline: the window should show its
   * consultation.
   */
  signals[OPEN_CONSULTATION] =
    g_signal_new ("open-consultation",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_install_action (widget_class, "calendar.previous", NULL,
                                   tx_calendar_page_previous_action);
  gtk_widget_class_install_action (widget_class, "calendar.next", NULL,
                                   tx_calendar_page_next_action);
  gtk_widget_class_install_action (widget_class, "calendar.today", NULL,
                                   tx_calendar_page_today_action);
  gtk_widget_class_install_action (widget_class, "calendar.open-consultation", "s",
                                   tx_calendar_page_open_consultation_action);
  gtk_widget_class_install_action (widget_class, "calendar.new-activity", NULL, tx_calendar_page_activity_action);
  gtk_widget_class_install_action (widget_class, "calendar.list-activities", NULL, list_activities_action);
  gtk_widget_class_install_action (widget_class, "calendar.edit-activity", "s", tx_calendar_page_activity_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0,
                                       "calendar.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0,
                                       "calendar.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "calendar.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "calendar.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "calendar.today", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-calendar-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TxCalendarPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarPage, previous_button);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarPage, narrow_previous_button);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarPage, narrow_next_button);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarPage, weekday_grid);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarPage, month_grid);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarPage, plan_area);
  /* Not kept, but found by gtk_widget_get_template_child() */
  gtk_widget_class_bind_template_child_full (widget_class, "today_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "plan_scroller", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarPage, township_drop_down);
  gtk_widget_class_bind_template_callback (widget_class, on_view_stack_notify_visible_child_name_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_township_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_plan_area_resize_cb);
}

static void
tx_calendar_page_init (TxCalendarPage *self)
{
  /* the model is there before the template's handlers can run */
  self->townships = tx_township_model_new (_("All townships"));
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filling_townships++;
  gtk_drop_down_set_model (self->township_drop_down, G_LIST_MODEL (self->townships));
  self->filling_townships--;
  ensure_style (self);

  get_today_month (self, &self->year, &self->month);
  self->plan_year = self->year;

  create_grid (self);
  gtk_drawing_area_set_draw_func (self->plan_area, draw_plan, self, NULL);
  reload (self);
}

/* Public API */

GtkWidget *
tx_calendar_page_new (void)
{
  return g_object_new (TX_TYPE_CALENDAR_PAGE, NULL);
}

TxStore *
tx_calendar_page_get_store (TxCalendarPage *self)
{
  g_return_val_if_fail (TX_IS_CALENDAR_PAGE (self), NULL);

  return self->store;
}

/**
 * tx_calendar_page_set_store:
 * @store: (nullable): the store whose consultations to show
 */
void
tx_calendar_page_set_store (TxCalendarPage *self,
                            TxStore        *store)
{
  g_return_if_fail (TX_IS_CALENDAR_PAGE (self));
  g_return_if_fail (store == NULL || TX_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
  g_set_object (&self->store, store);

  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);

  reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

TxDay *
tx_calendar_page_get_day (TxCalendarPage *self)
{
  g_return_val_if_fail (TX_IS_CALENDAR_PAGE (self), NULL);

  return self->day;
}

/**
 * tx_calendar_page_set_day:
 * @day: (nullable): the day to work with
 *
 * Shows the month and the year of the day.
 */
void
tx_calendar_page_set_day (TxCalendarPage *self,
                          TxDay *day)
{
  g_return_if_fail (TX_IS_CALENDAR_PAGE (self));
  g_return_if_fail (day == NULL || TX_IS_DAY (day));

  if (!tx_day_watch (&self->day, day, G_CALLBACK (on_day_changed_cb), self))
    return;

  get_today_month (self, &self->year, &self->month);
  self->plan_year = self->year;
  reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
}

/**
 * tx_calendar_page_show_month:
 * @month: 1–12
 *
 * Shows the month view, at @month of @year.
 */
void
tx_calendar_page_show_month (TxCalendarPage *self,
                             int             year,
                             int             month)
{
  g_return_if_fail (TX_IS_CALENDAR_PAGE (self));
  g_return_if_fail (g_date_valid_dmy (1, month, year));

  self->year = year;
  self->month = month;
  refresh_month (self);
  gtk_stack_set_visible_child_name (self->view_stack, "month");
}

void
tx_calendar_page_get_month (TxCalendarPage *self,
                            int            *year,
                            int            *month)
{
  g_return_if_fail (TX_IS_CALENDAR_PAGE (self));

  if (year != NULL)
    *year = self->year;
  if (month != NULL)
    *month = self->month;
}

/* The year the year plan shows. */
int
tx_calendar_page_get_year (TxCalendarPage *self)
{
  g_return_val_if_fail (TX_IS_CALENDAR_PAGE (self), 0);

  return self->plan_year;
}

/**
 * tx_calendar_page_show_year:
 *
 * Shows the year plan view, at the plan of @year.
 */
void
tx_calendar_page_show_year (TxCalendarPage *self,
                            int             year)
{
  g_return_if_fail (TX_IS_CALENDAR_PAGE (self));
  g_return_if_fail (g_date_valid_year (year));

  if (self->plan_year != year || self->plan == NULL)
    {
      self->plan_year = year;
      refresh_plan (self);
    }
  gtk_stack_set_visible_child_name (self->view_stack, "year-plan");
}
