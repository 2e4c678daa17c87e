/* test-calendar.c — the year's plan as an iCalendar file, read by libical
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libical/ical.h>

#include "tx-calendar-export.h"
#include "tx-exchange.h"
#include "tx-records.h"
#include "tx-store.h"

static void
test_events (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tongxin-ics-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "tongxin.db", NULL);
  g_autofree char *ics = g_build_filename (dir, "plan.ics", NULL);
  g_autofree char *text = NULL;
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", dir);
  TxDate today = tx_date_new (2026, 11, 27);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) consultations = NULL;
  g_autoptr(GHashTable) uuids = g_hash_table_new (g_str_hash, g_str_equal);
  icalcomponent *calendar;
  guint meetings = 0, deadlines = 0, n_events = 0;
  guint expected_meetings = 0, expected_deadlines = 0;

  store = tx_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (tx_exchange_load_demo (store, today, NULL, &error));
  consultations = tx_store_list_consultations (store, 0, NULL, &error);

  for (guint i = 0; i < consultations->len; i++)
    {
      TxConsultation *consultation = g_ptr_array_index (consultations, i);

      g_hash_table_add (uuids, (gpointer) tx_consultation_get_uuid (consultation));
      if (tx_consultation_get_starts (consultation) != NULL)
        expected_meetings++;
      for (guint s = 0; s < TX_N_STAGES; s++)
        if (tx_consultation_get_stage_due (consultation, s) != NULL)
          expected_deadlines++;
    }
  g_assert_cmpuint (expected_meetings, >, 10);

  g_assert_true (tx_calendar_export (store, 0, NULL, ics, &n_events, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_events, ==, expected_meetings + expected_deadlines);
  g_assert_true (g_file_get_contents (ics, &text, NULL, NULL));

  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  g_assert_nonnull (icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT));

  /* the zone the events name is the zone the file defines: a strict
   * reader finds "Asia/Shanghai", not libical's own prefixed name */
  {
    icalcomponent *vtimezone = icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT);
    icalproperty *defined = icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY);

    g_assert_nonnull (defined);
    g_assert_cmpstr (icalproperty_get_tzid (defined), ==, "Asia/Shanghai");
    g_assert_null (strstr (text, "TZID:/"));
  }

  for (icalcomponent *event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      const char *uid = icalcomponent_get_uid (event);
      g_autofree char *uuid = g_strndup (uid, 36);
      icalproperty *start = icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY);
      struct icaltimetype when = icalproperty_get_dtstart (start);

      /* every event carries its consultation's uuid */
      g_assert_true (g_hash_table_contains (uuids, uuid));
      g_assert_nonnull (icalcomponent_get_summary (event));

      if (when.is_date)
        deadlines++;
      else
        {
          icalparameter *tzid = icalproperty_get_first_parameter (start, ICAL_TZID_PARAMETER);

          g_assert_nonnull (tzid);
          g_assert_cmpstr (icalparameter_get_tzid (tzid), ==, "Asia/Shanghai");
          g_assert_true (g_str_has_prefix (icalcomponent_get_summary (event), "协商会议："));
          meetings++;
        }
    }

  g_assert_cmpuint (meetings, ==, expected_meetings);
  g_assert_cmpuint (deadlines, ==, expected_deadlines);

  /* the meeting of 老山寨 at 09:30 Beijing time on its day */
  g_assert_nonnull (strstr (text, "SUMMARY:协商会议：老山寨产业扶贫协商"));
  g_assert_nonnull (strstr (text, "DTSTART;TZID=Asia/Shanghai:20260428T093000"));

  icalcomponent_free (calendar);
  g_clear_object (&store);
  g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calendar/events", test_events);

  return g_test_run ();
}
