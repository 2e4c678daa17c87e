/* tx-calendar-event-button.c — the events of a day in the calendar
 *
 * Each meeting or stage deadline of a day is a flat button with an icon
 * and a colour for its state, that opens its consultation through the
 * "calendar.open-consultation" action; an activity (a training, an
 * observation visit, a discussion) has a colour of its own and shows
 * what it is in a popover.  A day with more than its cell holds ends
 * with a button that lists them all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-calendar-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-calendar-event-button.h"
#include "tx-off-reason.h"
#include "tx-records.h"
#include "tx-vocabulary.h"

/* @format (strftime's) of a day, at noon local time */
char *
tx_calendar_format_date (const char *format,
                         int         year,
                         int         month,
                         int         day)
{
  g_autoptr(GDateTime) date = g_date_time_new_local (year, month, day, 12, 0, 0);

  return date != NULL ? g_date_time_format (date, format) : g_strdup ("");
}

static const char *
get_state_icon (TxCalendarState state)
{
  switch (state)
    {
    case TX_CALENDAR_STATE_DONE:
      return "object-select-symbolic";
    case TX_CALENDAR_STATE_OVERDUE:
      return "dialog-warning-symbolic";
    case TX_CALENDAR_STATE_UPCOMING:
    default:
      return "alarm-symbolic";
    }
}

static const char *
get_state_class (TxCalendarState state)
{
  switch (state)
    {
    case TX_CALENDAR_STATE_DONE:
      return "done";
    case TX_CALENDAR_STATE_OVERDUE:
      return "overdue";
    case TX_CALENDAR_STATE_UPCOMING:
    default:
      return "upcoming";
    }
}

/* What the state is, in words: for the tooltip and the screen reader. */
static char *
dup_state_text (const TxCalendarEvent *event)
{
  switch (event->state)
    {
    case TX_CALENDAR_STATE_DONE:
      /* Translators: %s is a date */
      return g_strdup_printf (_("Done on %s"), event->done);

    case TX_CALENDAR_STATE_OVERDUE:
      return g_strdup_printf (ngettext ("Overdue by %d day", "Overdue by %d days", event->overdue_days),
                              event->overdue_days);

    case TX_CALENDAR_STATE_UPCOMING:
    default:
      return g_strdup (_("Upcoming"));
    }
}

static char *
dup_event_label (const TxCalendarEvent *event)
{
  if (event->kind == TX_CALENDAR_EVENT_ACTIVITY && event->time != NULL)
    /* Translators: an activity in a day of the month grid: its time,
     * its kind (Training…), then its title */
    return g_strdup_printf (C_("calendar activity", "%1$s %2$s: %3$s"), event->time,
                            event->activity_label, event->title);
  if (event->kind == TX_CALENDAR_EVENT_ACTIVITY)
    /* Translators: an activity of the whole day in a day of the month
     * grid: its kind (Training…), then its title */
    return g_strdup_printf (C_("calendar activity", "%1$s: %2$s"),
                            event->activity_label, event->title);

  if (event->kind == TX_CALENDAR_EVENT_MEETING)
    /* Translators: a meeting in a day of the month grid: its time, then
     * the consultation's title */
    return g_strdup_printf (C_("calendar meeting", "%1$s %2$s"), event->time, event->title);

  /* Translators: a deadline in a day of the month grid: the stage
   * (Research, Submission…), then the consultation's title */
  return g_strdup_printf (C_("calendar deadline", "%1$s: %2$s"),
                          tx_stage_get_label (event->stage), event->title);
}

static char *
dup_event_description (const TxCalendarEvent *event)
{
  g_autofree char *what = NULL;
  g_autofree char *state = dup_state_text (event);

  if (event->kind == TX_CALENDAR_EVENT_ACTIVITY)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      /* Translators: the first %s is an activity's kind (Training…), the
       * second its title */
      g_string_printf (text, _("%s: %s"), event->activity_label, event->title);
      /* Translators: who organises an activity: a township, or the city office */
      g_string_append_printf (text, "\n%s", event->township != NULL ? event->township : _("City CPPCC office"));
      g_string_append_printf (text, " · %s", event->date);
      if (event->time != NULL)
        g_string_append_printf (text, " %s", event->time);
      if (event->venue != NULL && *event->venue != '\0')
        /* Translators: %s is where an activity takes place */
        g_string_append_printf (text, "\n%s", event->venue);

      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  if (event->kind == TX_CALENDAR_EVENT_MEETING)
    /* Translators: %s is the consultation's title */
    what = g_strdup_printf (_("Meeting: %s"), event->title);
  else
    /* Translators: the first %s is a stage (Research, Submission…), the
     * second the consultation's title */
    what = g_strdup_printf (_("%s deadline: %s"), tx_stage_get_label (event->stage), event->title);

  if (event->kind == TX_CALENDAR_EVENT_MEETING)
    return g_strdup_printf ("%s\n%s · %s %s\n%s", what, event->township, event->date, event->time, state);

  return g_strdup_printf ("%s\n%s · %s\n%s", what, event->township, event->date, state);
}

/* An activity's button shows what it is, where and by whom, in a
 * popover, with 编辑 (calendar.edit-activity) to change it. */
static GtkWidget *
activity_button_new (const TxCalendarEvent *event,
                     GtkWidget             *child,
                     const char            *description)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *details = gtk_label_new (description);
  GtkWidget *edit = gtk_button_new_with_mnemonic (_("_Edit Activity…"));

  gtk_label_set_wrap (GTK_LABEL (details), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (details), 40);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_selectable (GTK_LABEL (details), TRUE);
  gtk_widget_set_margin_start (details, 6);
  gtk_widget_set_margin_end (details, 6);
  gtk_widget_set_margin_top (details, 6);
  gtk_widget_set_margin_bottom (details, 6);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "calendar.edit-activity");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "s", event->uuid);
  g_signal_connect_object (edit, "clicked", G_CALLBACK (gtk_popover_popdown), popover, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), details);
  gtk_box_append (GTK_BOX (box), edit);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), child);
  gtk_widget_add_css_class (button, "tx-calendar-event");
  gtk_widget_add_css_class (button, "activity");
  /* the office's own kinds share one colour */
  gtk_widget_add_css_class (button, event->activity_kind != TX_ACTIVITY_OTHER
                                    ? tx_activity_kind_to_key (event->activity_kind) : "other-kind");

  return button;
}

/* A button for @event that opens its consultation (or shows its
 * activity); its words take up to @lines lines, and are cut short
 * after. */
GtkWidget *
tx_calendar_event_button_new (const TxCalendarEvent *event,
                              int                    lines)
{
  g_autofree char *label = dup_event_label (event);
  g_autofree char *description = dup_event_description (event);
  GtkWidget *button;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *icon = gtk_image_new_from_icon_name (event->kind == TX_CALENDAR_EVENT_ACTIVITY
                                                  ? "system-users-symbolic" : get_state_icon (event->state));
  GtkWidget *text = gtk_label_new (label);

  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_width_chars (GTK_LABEL (text), 1);
  if (lines > 1)
    {
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (text), lines);
    }
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);

  if (event->kind == TX_CALENDAR_EVENT_ACTIVITY)
    {
      button = activity_button_new (event, box, description);
      tx_widget_set_tooltip (button, description);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
      return button;
    }

  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "tx-calendar-event");
  gtk_widget_add_css_class (button, event->kind == TX_CALENDAR_EVENT_MEETING ? "meeting" : "deadline");
  gtk_widget_add_css_class (button, get_state_class (event->state));
  tx_widget_set_tooltip (button, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "calendar.open-consultation");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", event->uuid);

  return button;
}

/* The list of all the day's events, made when it is opened: a city's
 * month has thousands, and the window's start would wait for them. */
static void
create_day_popup (GtkMenuButton *button,
                  gpointer       user_data)
{
  GPtrArray *events = g_object_get_data (G_OBJECT (button), "tx-events");
  const char *day_text = g_object_get_data (G_OBJECT (button), "tx-day-text");
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_label_new (day_text);

  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_bottom (heading, 6);
  gtk_box_append (GTK_BOX (list), heading);
  gtk_widget_add_css_class (list, "tx-calendar-day-events");

  for (guint i = 0; i < events->len; i++)
    {
      GtkWidget *event_button = tx_calendar_event_button_new (g_ptr_array_index (events, i), 2);

      /* the popover closes when an event is chosen */
      g_signal_connect_object (event_button, "clicked", G_CALLBACK (gtk_popover_popdown),
                               popover, G_CONNECT_SWAPPED);
      gtk_widget_set_size_request (event_button, 320, -1);
      gtk_box_append (GTK_BOX (list), event_button);
    }

  gtk_popover_set_child (GTK_POPOVER (popover), list);
  gtk_menu_button_set_popover (button, popover);
}

/**
 * tx_calendar_more_button_new:
 * @n_hidden: how many of the day's events the cell does not show
 *
 * The button of a crowded day that lists all its events.
 */
GtkWidget *
tx_calendar_more_button_new (const TxCalendarDay *day,
                             guint                n_hidden)
{
  g_autofree char *label = g_strdup_printf (ngettext ("%u more", "%u more", n_hidden), n_hidden);
  /* Translators: a day, in the list of a crowded day, a strftime
   * format; "%Y年%-m月%-d日" in Chinese */
  char *day_text = tx_calendar_format_date (C_("calendar day", "%B %-d, %Y"), day->year, day->month, day->day);
  g_autofree char *tooltip = g_strdup_printf (_("All Events of %s"), day_text);
  GtkWidget *button = gtk_menu_button_new ();

  g_object_set_data_full (G_OBJECT (button), "tx-events", g_ptr_array_ref (day->events),
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (button), "tx-day-text", day_text, g_free);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_day_popup, NULL, NULL);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), label);
  gtk_widget_add_css_class (button, "tx-calendar-more");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  tx_widget_set_tooltip (button, tooltip);
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (button), FALSE);

  return button;
}
