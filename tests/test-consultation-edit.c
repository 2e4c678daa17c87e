/* test-consultation-edit.c — planning a consultation and moving it along
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tx-consultation-edit.h"
#include "tx-exchange.h"
#include "tx-records.h"
#include "tx-roster.h"
#include "tx-store.h"
#include "tx-workflow.h"

static void
test_plan_and_run (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tongxin-edit-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "tongxin.db", NULL);
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", dir);
  TxDate today = tx_date_new (2026, 11, 27);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxTownship) township = NULL;
  g_autoptr(TxConsultation) plan = tx_consultation_new ();
  g_autoptr(TxConsultation) saved = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autofree char *uuid = NULL;
  TxPersonFilter filter = { NULL, FALSE, 0, (char *) "凤山镇", TX_ORDER_PINYIN };
  GPtrArray *participants;

  store = tx_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (tx_exchange_load_demo (store, today, NULL, &error));
  township = tx_store_find_township (store, "凤山镇", &error);

  /* a new consultation needs a title and a township */
  g_assert_false (tx_store_save_consultation (store, plan, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_clear_error (&error);

  tx_consultation_set_title (plan, "凤山古镇停车难问题协商");
  tx_consultation_set_township (plan, tx_township_get_uuid (township));
  tx_consultation_set_topic (plan, TX_TOPIC_SOURCE_RESIDENTS, TX_ORIENTATION_LIVELIHOOD);
  tx_consultation_set_place (plan, TX_PLATFORM_PHYSICAL, "凤山镇协商议事室");
  tx_consultation_set_times (plan, "2026-12-10T09:00:00+08:00", "2026-12-10T11:30:00+08:00");
  tx_consultation_set_stage_due (plan, TX_STAGE_SELECTION, "2026-11-20");
  tx_consultation_set_stage_due (plan, TX_STAGE_RESEARCH, "2026-12-05");
  tx_consultation_set_stage_due (plan, TX_STAGE_MEETING, "2026-12-10");
  tx_consultation_set_stage_due (plan, TX_STAGE_SUBMISSION, "2026-12-31");
  g_assert_true (tx_store_save_consultation (store, plan, &error));
  g_assert_no_error (error);
  uuid = g_strdup (tx_consultation_get_uuid (plan));

  /* stages in order */
  g_assert_true (tx_store_set_stage_done (store, uuid, TX_STAGE_SELECTION, tx_date_from_iso ("2026-11-18"), NULL, tx_date_from_iso ("2026-11-27"), &error));
  g_assert_no_error (error);
  g_assert_false (tx_store_set_stage_done (store, uuid, TX_STAGE_MEETING, tx_date_from_iso ("2026-11-27"), NULL, tx_date_from_iso ("2026-11-27"), &error));
  g_assert_error (error, TX_WORKFLOW_ERROR, TX_WORKFLOW_ERROR_OUT_OF_ORDER);
  g_clear_error (&error);
  g_assert_true (tx_store_set_stage_done (store, uuid, TX_STAGE_RESEARCH, tx_date_from_iso ("2026-11-26"), NULL, tx_date_from_iso ("2026-11-27"), &error));

  /* invite three from the roster, attendance on the day */
  people = tx_roster_query (store, &filter, &error);
  g_assert_cmpuint (people->len, >=, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (tx_store_set_participant (store, uuid, tx_person_get_uuid (g_ptr_array_index (people, i)),
                                             i == 0 ? TX_ROLE_HOST : TX_ROLE_STAKEHOLDER, &error));
  g_assert_no_error (error);
  g_assert_true (tx_store_set_attendance (store, uuid, tx_person_get_uuid (g_ptr_array_index (people, 1)), 1, &error));
  g_assert_true (tx_store_set_attendance (store, uuid, tx_person_get_uuid (g_ptr_array_index (people, 2)), 0, &error));
  g_assert_true (tx_store_remove_participant (store, uuid, tx_person_get_uuid (g_ptr_array_index (people, 2)), &error));
  g_assert_false (tx_store_set_attendance (store, uuid, tx_person_get_uuid (g_ptr_array_index (people, 2)), 1, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* the minutes */
  tx_consultation_set_minutes (plan, "潘宏", "听取停车场选址方案。", "在古镇外围建停车场。", "一月底前报送。");
  tx_consultation_add_speech (plan, "王大富", "节假日车子停满街。");
  g_assert_true (tx_store_save_consultation (store, plan, &error));

  saved = tx_store_load_consultation (store, "凤山古镇停车难问题协商", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tx_consultation_get_township_name (saved), ==, "凤山镇");
  g_assert_cmpstr (tx_consultation_get_venue (saved), ==, "凤山镇协商议事室");
  g_assert_cmpstr (tx_consultation_get_stage_due (saved, TX_STAGE_SUBMISSION), ==, "2026-12-31");
  g_assert_cmpstr (tx_consultation_get_stage_done (saved, TX_STAGE_RESEARCH), ==, "2026-11-26");
  g_assert_cmpint (tx_consultation_get_current_stage (saved), ==, TX_STAGE_MEETING);
  participants = tx_consultation_get_participants (saved);
  g_assert_cmpuint (participants->len, ==, 2);
  g_assert_cmpint (((TxParticipant *) g_ptr_array_index (participants, 0))->role, ==, TX_ROLE_HOST);
  g_assert_cmpint (((TxParticipant *) g_ptr_array_index (participants, 0))->attended, ==, -1);
  g_assert_cmpint (((TxParticipant *) g_ptr_array_index (participants, 1))->attended, ==, 1);
  g_assert_cmpstr (tx_consultation_get_recorder (saved), ==, "潘宏");
  g_assert_cmpuint (tx_consultation_get_speeches (saved)->len, ==, 1);

  g_clear_object (&store);
  g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/consultation-edit/plan-and-run", test_plan_and_run);

  return g_test_run ();
}
