/* tx-calendar-export.c
 *
 * So a clerk can carry the year's plan on a phone: every meeting (of a
 * consultation, and the activities: trainings, observation visits,
 * discussions) as an event in Asia/Shanghai time, and every stage
 * deadline as an all-day event, each with its record's uuid in its UID.  Written with
 * libical, and to the disk whole or not at all (TxFileWriter).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-calendar-export"

#include "config.h"

#include <libical/ical.h>
#include <string.h>

#include "tx-activity.h"
#include "tx-calendar-export.h"
#include "tx-date.h"
#include "tx-file.h"
#include "tx-records.h"
#include "tx-vocabulary.h"

#define TZID "Asia/Shanghai"

static const char * const stage_names_zh[] = { "选题", "调研", "协商", "报送", "反馈", "监督" };

static struct icaltimetype
to_local_time (const char   *iso8601,
               icaltimezone *zone)
{
  g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (iso8601, NULL);
  g_autoptr(GTimeZone) shanghai = g_time_zone_new_identifier (TZID);
  g_autoptr(GDateTime) local = NULL;
  struct icaltimetype time = icaltime_null_time ();

  if (parsed == NULL || shanghai == NULL)
    return time;

  local = g_date_time_to_timezone (parsed, shanghai);
  time.year = g_date_time_get_year (local);
  time.month = g_date_time_get_month (local);
  time.day = g_date_time_get_day_of_month (local);
  time.hour = g_date_time_get_hour (local);
  time.minute = g_date_time_get_minute (local);
  time.second = g_date_time_get_second (local);
  time.is_date = 0;
  time.zone = zone;

  return time;
}

static struct icaltimetype
to_date (const char *date)
{
  struct icaltimetype time = icaltime_null_date ();
  TxDate day = tx_date_from_iso (date);

  if (day != TX_DATE_NONE)
    {
      time.year = tx_date_get_year (day);
      time.month = tx_date_get_month (day);
      time.day = tx_date_get_day (day);
    }

  return time;
}

/* A meeting (a consultation's, an activity) as an event: at its time,
 * or all day on its day when only the day is known */
static void
add_meeting (icalcomponent *calendar,
             icaltimezone  *zone,
             TxMeeting     *meeting,
             const char    *category,
             const char    *description,
             const char    *stamp_source)
{
  icalcomponent *event = icalcomponent_new (ICAL_VEVENT_COMPONENT);
  g_autofree char *uid = g_strdup_printf ("%s@tongxin", tx_meeting_get_uuid (meeting));
  g_autofree char *summary = g_strdup_printf ("%s：%s", category, tx_meeting_get_title (meeting));
  const char *starts = tx_meeting_get_starts (meeting);
  const char *ends = tx_meeting_get_ends (meeting);
  icalproperty *property;

  icalcomponent_add_property (event, icalproperty_new_uid (uid));
  icalcomponent_add_property (event, icalproperty_new_dtstamp (icaltime_from_string (stamp_source)));
  if (tx_date_is_valid (starts))
    {
      struct icaltimetype next = to_date (ends != NULL && tx_date_is_valid (ends) ? ends : starts);

      icaltime_adjust (&next, 1, 0, 0, 0);
      icalcomponent_add_property (event, icalproperty_new_dtstart (to_date (starts)));
      icalcomponent_add_property (event, icalproperty_new_dtend (next));
    }
  else
    {
      property = icalproperty_new_dtstart (to_local_time (starts, zone));
      icalproperty_add_parameter (property, icalparameter_new_tzid (TZID));
      icalcomponent_add_property (event, property);

      if (ends != NULL)
        {
          property = icalproperty_new_dtend (to_local_time (ends, zone));
          icalproperty_add_parameter (property, icalparameter_new_tzid (TZID));
          icalcomponent_add_property (event, property);
        }
    }

  icalcomponent_add_property (event, icalproperty_new_summary (summary));
  if (tx_meeting_get_venue (meeting)[0] != '\0')
    icalcomponent_add_property (event, icalproperty_new_location (tx_meeting_get_venue (meeting)));
  icalcomponent_add_property (event, icalproperty_new_description (description));
  icalcomponent_add_property (event, icalproperty_new_categories (category));

  icalcomponent_add_component (calendar, event);
}

static void
add_consultation (icalcomponent  *calendar,
                  icaltimezone   *zone,
                  TxConsultation *consultation,
                  const char     *stamp_source)
{
  g_autofree char *description = g_strdup_printf ("%s政协联络组\n当前环节：%s", tx_consultation_get_township_name (consultation),
                                                  tx_consultation_get_current_stage (consultation) < TX_N_STAGES
                                                  ? stage_names_zh[tx_consultation_get_current_stage (consultation)] : "已完成");

  add_meeting (calendar, zone, TX_MEETING (consultation), "协商会议", description, stamp_source);
}

static void
add_activity (icalcomponent *calendar,
              icaltimezone  *zone,
              TxActivity    *activity,
              const char    *stamp_source)
{
  g_autoptr(GString) description = g_string_new ("主办：");
  GPtrArray *townships = tx_activity_get_townships (activity);

  g_string_append (description, tx_activity_get_township_name (activity) != NULL
                                ? tx_activity_get_township_name (activity) : "市政协");
  for (guint i = 0; i < townships->len; i++)
    g_string_append_printf (description, "%s%s", i == 0 ? "\n参加：" : "、", (char *) g_ptr_array_index (townships, i));

  add_meeting (calendar, zone, TX_MEETING (activity), tx_activity_get_kind_chinese (activity),
               description->str, stamp_source);
}

static void
add_deadline (icalcomponent  *calendar,
              TxConsultation *consultation,
              TxStage         stage,
              const char     *stamp_source)
{
  icalcomponent *event = icalcomponent_new (ICAL_VEVENT_COMPONENT);
  const char *due = tx_consultation_get_stage_due (consultation, stage);
  const char *done = tx_consultation_get_stage_done (consultation, stage);
  g_autofree char *uid = g_strdup_printf ("%s-%s@tongxin", tx_consultation_get_uuid (consultation),
                                          tx_stage_to_key (stage));
  g_autofree char *summary = g_strdup_printf ("%s截止：%s", stage_names_zh[stage],
                                              tx_consultation_get_title (consultation));
  g_autofree char *description = done != NULL ? g_strdup_printf ("已于 %s 完成", done)
                                              : g_strdup ("尚未完成");
  struct icaltimetype day = to_date (due);
  struct icaltimetype next = day;

  icaltime_adjust (&next, 1, 0, 0, 0);

  icalcomponent_add_property (event, icalproperty_new_uid (uid));
  icalcomponent_add_property (event, icalproperty_new_dtstamp (icaltime_from_string (stamp_source)));
  icalcomponent_add_property (event, icalproperty_new_dtstart (day));
  icalcomponent_add_property (event, icalproperty_new_dtend (next));
  icalcomponent_add_property (event, icalproperty_new_summary (summary));
  icalcomponent_add_property (event, icalproperty_new_description (description));
  icalcomponent_add_property (event, icalproperty_new_categories ("时间节点"));
  icalcomponent_add_property (event, icalproperty_new_transp (ICAL_TRANSP_TRANSPARENT));

  icalcomponent_add_component (calendar, event);
}

/**
 * tx_calendar_export_to_string:
 * @year: 0 for every year
 * @township: (nullable): a township's name
 *
 * Returns: (transfer full): the iCalendar text
 */
char *
tx_calendar_export_to_string (TxStore     *store,
                              int          year,
                              const char  *township,
                              guint       *n_events,
                              GError     **error)
{
  g_autoptr(GPtrArray) consultations = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  icaltimezone *zone;
  icalcomponent *calendar;
  char *text;
  guint count = 0;

  consultations = tx_store_list_consultations (store, year, township, error);
  if (consultations == NULL)
    return NULL;
  activities = tx_store_list_activities (store, year, township, error);
  if (activities == NULL)
    return NULL;

  zone = icaltimezone_get_builtin_timezone (TZID);

  calendar = icalcomponent_vanew (ICAL_VCALENDAR_COMPONENT,
                                  icalproperty_new_version ("2.0"),
                                  icalproperty_new_prodid ("-//Tongxin//Tongxin " PACKAGE_VERSION "//ZH"),
                                  icalproperty_new_calscale ("GREGORIAN"),
                                  NULL);
  {
    icalproperty *name = icalproperty_new_x ("协商计划");

    icalproperty_set_x_name (name, "X-WR-CALNAME");
    icalcomponent_add_property (calendar, name);
  }
  if (zone != NULL)
    {
      icalcomponent *vtimezone = icalcomponent_new_clone (icaltimezone_get_component (zone));
      icalproperty *tzid = icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY);

      /* the events name the zone "Asia/Shanghai", and so must the zone
       * itself: libical names its own copy with a prefix of its own
       * ("/freeassociation.sourceforge.net/…"), which a strict reader
       * does not match with the events */
      if (tzid != NULL)
        icalproperty_set_tzid (tzid, TZID);
      icalcomponent_add_component (calendar, vtimezone);
    }

  for (guint i = 0; i < consultations->len; i++)
    {
      TxConsultation *consultation = g_ptr_array_index (consultations, i);

      if (tx_consultation_get_starts (consultation) != NULL)
        {
          add_consultation (calendar, zone, consultation, stamp);
          count++;
        }

      for (guint stage = 0; stage < TX_N_STAGES; stage++)
        if (tx_consultation_get_stage_due (consultation, stage) != NULL)
          {
            add_deadline (calendar, consultation, stage, stamp);
            count++;
          }
    }

  for (guint i = 0; i < activities->len; i++)
    {
      add_activity (calendar, zone, g_ptr_array_index (activities, i), stamp);
      count++;
    }

  text = g_strdup (icalcomponent_as_ical_string (calendar));
  icalcomponent_free (calendar);

  if (n_events != NULL)
    *n_events = count;

  return text;
}

/**
 * tx_calendar_export:
 * @path: the .ics file, written whole or not at all
 */
gboolean
tx_calendar_export (TxStore     *store,
                    int          year,
                    const char  *township,
                    const char  *path,
                    guint       *n_events,
                    GError     **error)
{
  g_autofree char *text = tx_calendar_export_to_string (store, year, township, n_events, error);

  if (text == NULL)
    return FALSE;

  return tx_file_write_contents (path, text, strlen (text), error);
}
