/* test-outcome.c — following a recommendation to the end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libxml/parser.h>

#include "tx-exchange.h"
#include "tx-metrics.h"
#include "tx-outcome-edit.h"
#include "tx-recommendation-document.h"
#include "tx-records.h"
#include "tx-rules.h"
#include "tx-settings.h"
#include "tx-store.h"
#include "tx-test-pdf.h"

static void
test_follow (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tongxin-outcome-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "tongxin.db", NULL);
  g_autofree char *odt = g_build_filename (dir, "建议.odt", NULL);
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", dir);
  g_autofree char *content = NULL;
  TxDate today = tx_date_new (2026, 11, 27);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(TxOutcome) outcome = NULL;
  g_autoptr(TxOutcome) saved = NULL;
  g_autoptr(TxOdtDocument) doc = NULL;
  g_autoptr(TxMetrics) metrics = NULL;
  guint before;

  store = tx_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (tx_exchange_load_demo (store, today, NULL, &error));
  consultation = tx_store_load_consultation (store, "双谷村新型农村综合体建设协商", &error);
  before = tx_store_count (store, "outcome");

  outcome = tx_outcome_new_for_consultation (tx_consultation_get_uuid (consultation));

  /* a title is needed; dates are checked */
  g_assert_false (tx_store_save_outcome (store, outcome, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_clear_error (&error);

  tx_outcome_set_text (outcome, "关于在综合体配套建设农产品冷库的建议", "建议由镇政府统筹资金，在综合体北侧建设冷库。");
  tx_outcome_set_submission (outcome, "government", "2026-07-08");
  tx_outcome_set_feedback (outcome, NULL, "2026-07-01", "同意");
  g_assert_false (tx_store_save_outcome (store, outcome, &error));
  g_assert_nonnull (strstr (error->message, "2026-07-01"));
  g_clear_error (&error);

  /* submitted without an agreed due date: feedback is due the
   * feedback-days setting later, 30 days unless set otherwise */
  tx_outcome_set_feedback (outcome, NULL, NULL, NULL);
  g_assert_true (tx_store_save_outcome (store, outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tx_store_count (store, "outcome"), ==, before + 1);
  saved = tx_store_load_outcome (store, tx_outcome_get_uuid (outcome), &error);
  g_assert_null (tx_outcome_get_feedback_due (saved));
  g_assert_null (tx_outcome_get_feedback_received (saved));
  {
    TxFeedbackStatus status;

    tx_feedback_get_status (saved, tx_date_new (2026, 7, 20),
                            tx_settings_get_feedback_days (tx_store_get_settings (store)), &status);
    g_assert_cmpint (status.state, ==, TX_FEEDBACK_AWAITED);
    g_assert_false (status.due_agreed);
    g_assert_cmpint (status.due, ==, tx_date_new (2026, 8, 7));

    g_assert_true (tx_settings_set_text (tx_store_get_settings (store), "feedback-days", "15", &error));
    tx_feedback_get_status (saved, tx_date_new (2026, 7, 30),
                            tx_settings_get_feedback_days (tx_store_get_settings (store)), &status);
    g_assert_cmpint (status.state, ==, TX_FEEDBACK_OVERDUE);
    g_assert_cmpint (status.due, ==, tx_date_new (2026, 7, 23));
    g_assert_cmpint (status.days, ==, 7);
  }
  g_clear_object (&saved);

  /* answered, adopted, supervised before, during and after, carried out */
  tx_outcome_set_feedback (outcome, "2026-08-07", "2026-08-01", "镇政府同意，列入年度项目。");
  tx_outcome_set_adoption (outcome, TX_ADOPTION_ADOPTED, 100);
  tx_outcome_add_supervision (outcome, TX_SUPERVISION_BEFORE, "2026-08-10", "政协联络组", "审看选址");
  tx_outcome_add_supervision (outcome, TX_SUPERVISION_DURING, "2026-09-20", "政协联络组", "施工现场");
  tx_outcome_add_supervision (outcome, TX_SUPERVISION_AFTER, "2026-11-10", "政协联络组、群众代表", "验收");
  g_assert_true (tx_store_save_outcome (store, outcome, &error));
  saved = tx_store_load_outcome (store, tx_outcome_get_uuid (outcome), &error);
  g_assert_cmpint (tx_outcome_get_adoption (saved), ==, TX_ADOPTION_ADOPTED);
  g_assert_cmpint (tx_outcome_get_progress (saved), ==, 100);
  g_assert_cmpuint (tx_outcome_get_supervisions (saved)->len, ==, 3);
  g_assert_cmpstr (tx_outcome_get_feedback_text (saved), ==, "镇政府同意，列入年度项目。");

  /* it counts in the three zeros */
  {
    TxMetrics one = { 0, };

    tx_metrics_add_outcome (&one, saved, tx_date_new (2026, 11, 27));
    g_assert_cmpuint (one.answered, ==, 1);
    g_assert_cmpuint (one.supervised, ==, 1);
    g_assert_cmpuint (one.implemented, ==, 1);
  }

  /* the formal 协商建言 */
  {
    TxIssueParts parts = { "泉政协联〔2026〕3号", "市委办公室,市政府办公室", "政协福泉市委员会办公室" };
    doc = tx_recommendation_document_new (saved, consultation, NULL, &parts);
  }
  g_assert_true (tx_odt_document_save (doc, odt, &error));
  g_assert_no_error (error);
  content = tx_test_odt_text (odt);
  g_assert_nonnull (strstr (content, "关于在综合体配套建设农产品冷库的建议"));
  g_assert_nonnull (strstr (content, "凤山镇人民政府："));
  g_assert_nonnull (strstr (content, "建议由镇政府统筹资金"));
  g_assert_nonnull (strstr (content, "2026年7月8日"));
  /* the number above the title, the 版记 at the end: the offices in
   * Chinese punctuation, ending in 。, printed on the day submitted */
  g_assert_nonnull (strstr (content, "\n泉政协联〔2026〕3号\n"));
  g_assert_true (strstr (content, "\n泉政协联〔2026〕3号\n") < strstr (content, "关于在综合体"));
  g_assert_nonnull (strstr (content, "\n抄送：市委办公室，市政府办公室。\n"));
  g_assert_nonnull (strstr (content, "\n政协福泉市委员会办公室\t2026年7月8日印发\n"));

  /* deleted, and back */
  g_assert_true (tx_store_delete_outcome (store, tx_outcome_get_uuid (outcome), FALSE, &error));
  g_assert_cmpuint (tx_store_count (store, "outcome"), ==, before);
  g_assert_true (tx_store_delete_outcome (store, tx_outcome_get_uuid (outcome), TRUE, &error));
  g_assert_cmpuint (tx_store_count (store, "outcome"), ==, before + 1);

  g_clear_object (&store);
  g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
}

/* A recommendation whose text came in with control characters and a
 * bidi override (an old database, an exchange file): its document is
 * still well-formed XML, with the text cleaned of them. */
static void
test_document_bad_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tongxin-outcome-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "tongxin.db", NULL);
  g_autofree char *odt = g_build_filename (dir, "建议.odt", NULL);
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", dir);
  g_autofree char *unzip = g_strdup_printf ("unzip -p '%s' content.xml", odt);
  g_autofree char *content = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(TxOutcome) outcome = NULL;
  g_autoptr(TxOdtDocument) doc = NULL;
  xmlDocPtr xml;

  store = tx_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (tx_exchange_load_demo (store, tx_date_new (2026, 11, 27), NULL, &error));
  consultation = tx_store_load_consultation (store, "双谷村新型农村综合体建设协商", &error);
  g_assert_no_error (error);

  outcome = tx_outcome_new_for_consultation (tx_consultation_get_uuid (consultation));
  tx_outcome_set_text (outcome, "\u202E关于建设\x01冷库的建议",
                       "建议\x0b由镇政府\x1b统筹资金\uFFFF。\r\n第二条\u2066建议\u2069。");
  tx_outcome_set_submission (outcome, "government", "2026-07-08");

  {
    TxIssueParts parts = { "\x01号\u202E", "市委\x0b办公室\u2066", NULL };
    doc = tx_recommendation_document_new (outcome, consultation, NULL, &parts);
  }
  g_assert_true (tx_odt_document_save (doc, odt, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_command_line_sync (unzip, &content, NULL, NULL, NULL));

  xml = xmlReadMemory (content, strlen (content), "content.xml", "UTF-8", XML_PARSE_NONET);
  g_assert_nonnull (xml);
  xmlFreeDoc (xml);
  g_assert_nonnull (strstr (content, ">关于建设冷库的建议<"));
  g_assert_nonnull (strstr (content, ">建议由镇政府统筹资金。<"));
  g_assert_nonnull (strstr (content, ">第二条建议。<"));
  g_assert_nonnull (strstr (content, ">抄送：市委办公室。<"));
  g_assert_null (strstr (content, "\u202E"));

  g_clear_object (&store);
  g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outcome/follow", test_follow);
  g_test_add_func ("/outcome/document-bad-text", test_document_bad_text);

  return g_test_run ();
}
