/* test-rules.c — one answer to "is it late?" for every view, the checks
 * of a record, the typed settings, and the ledger of a quarter as every
 * view reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "tx-consultation-edit.h"
#include "tx-consultation-list.h"
#include "tx-exchange.h"
#include "tx-ledger.h"
#include "tx-metrics.h"
#include "tx-outcome-edit.h"
#include "tx-outcome-list.h"
#include "tx-person-list.h"
#include "tx-records.h"
#include "tx-rules.h"
#include "tx-settings.h"

#define D(y, m, d) tx_date_new (y, m, d)

static void
test_stage_status (void)
{
  static const struct {
    const char   *due;
    const char   *done;
    TxStageState  state;
    int           days;
  } cases[] = {
    { "2026-11-27", NULL, TX_STAGE_STATE_DUE_TODAY, 0 },         /* due today is not late */
    { "2026-11-26", NULL, TX_STAGE_STATE_OVERDUE, 1 },
    { "2026-10-12", NULL, TX_STAGE_STATE_OVERDUE, 46 },
    { "2026-12-04", NULL, TX_STAGE_STATE_UPCOMING, 7 },
    { NULL, NULL, TX_STAGE_STATE_NO_DUE_DATE, 0 },
    { "2026-01-01", "2026-11-27", TX_STAGE_STATE_DONE, 0 },     /* done is done, however late */
    { "2027-01-01", "2026-11-01", TX_STAGE_STATE_DONE, 0 },
    { "2026-11-20", "2026-11-28", TX_STAGE_STATE_OVERDUE, 7 },  /* done after the day judged: not yet */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TxStageStatus status;

      tx_stage_status_from_dates (tx_date_from_iso (cases[i].due), tx_date_from_iso (cases[i].done),
                                  D (2026, 11, 27), &status);
      g_test_message ("case %u", i);
      g_assert_cmpint (status.state, ==, cases[i].state);
      g_assert_cmpint (status.days, ==, cases[i].days);
    }
}

static void
test_feedback_status (void)
{
  static const struct {
    const char      *submitted;
    const char      *due;
    const char      *received;
    TxFeedbackState  state;
    const char      *expected_due;
    int              days;
  } cases[] = {
    /* no due date agreed: submitted + 30 days */
    { "2026-10-01", NULL, NULL, TX_FEEDBACK_OVERDUE, "2026-10-31", 27 },
    { "2026-11-01", NULL, NULL, TX_FEEDBACK_AWAITED, "2026-12-01", 4 },
    { "2026-10-28", NULL, NULL, TX_FEEDBACK_DUE_TODAY, "2026-11-27", 0 },
    /* the agreed due date decides, however long ago it was submitted */
    { "2026-09-01", "2026-12-31", NULL, TX_FEEDBACK_AWAITED, "2026-12-31", 34 },
    { "2026-11-20", "2026-11-21", NULL, TX_FEEDBACK_OVERDUE, "2026-11-21", 6 },
    /* received by the day: nothing awaited */
    { "2026-09-01", "2026-10-01", "2026-11-01", TX_FEEDBACK_RECEIVED, "2026-10-01", 0 },
    /* received after the day judged: still awaited then */
    { "2026-09-01", "2026-10-01", "2026-12-01", TX_FEEDBACK_OVERDUE, "2026-10-01", 57 },
    /* not submitted (yet, on the day) */
    { NULL, NULL, NULL, TX_FEEDBACK_NOT_SUBMITTED, NULL, 0 },
    { "2026-12-01", NULL, NULL, TX_FEEDBACK_NOT_SUBMITTED, "2026-12-31", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TxOutcome) outcome = tx_outcome_new_for_consultation ("c");
      TxFeedbackStatus status;

      tx_outcome_set_submission (outcome, "government", cases[i].submitted);
      tx_outcome_set_feedback (outcome, cases[i].due, cases[i].received, NULL);
      tx_feedback_get_status (outcome, D (2026, 11, 27), 30, &status);
      g_test_message ("case %u", i);
      g_assert_cmpint (status.state, ==, cases[i].state);
      g_assert_cmpint (status.due, ==, tx_date_from_iso (cases[i].expected_due));
      g_assert_cmpint (status.due_agreed, ==, cases[i].due != NULL);
      g_assert_cmpint (status.days, ==, cases[i].days);
    }
}

static void
test_outcome_check (void)
{
  g_autoptr(TxOutcome) outcome = tx_outcome_new_for_consultation ("c");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  problems = tx_outcome_check (outcome, D (2026, 11, 27));
  g_assert_nonnull (tx_problems_find (problems, "title", -1));
  g_assert_null (tx_problems_find (problems, "consultation", -1));
  g_assert_false (tx_problems_to_error (problems, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_clear_pointer (&problems, g_ptr_array_unref);

  tx_outcome_set_text (outcome, "关于建设冷库的建议", NULL);
  tx_outcome_set_submission (outcome, NULL, "2026-11-10");
  tx_outcome_set_feedback (outcome, "2026-11-01", "2026-11-30", NULL);
  tx_outcome_set_adoption (outcome, TX_ADOPTION_ADOPTED, 120);
  tx_outcome_add_supervision (outcome, TX_SUPERVISION_BEFORE, "2026-11-20", "", "");
  tx_outcome_add_supervision (outcome, TX_SUPERVISION_DURING, "2026-12-20", "", "");
  tx_outcome_add_supervision (outcome, TX_SUPERVISION_AFTER, "2026/12/30", "", "");
  problems = tx_outcome_check (outcome, D (2026, 11, 27));
  g_assert_null (tx_problems_find (problems, "title", -1));
  g_assert_nonnull (tx_problems_find (problems, "submitted-to", -1));
  g_assert_nonnull (strstr (tx_problems_find (problems, "feedback-due", -1), "2026-11-01"));
  g_assert_nonnull (strstr (tx_problems_find (problems, "feedback-received", -1), "after today"));
  g_assert_nonnull (strstr (tx_problems_find (problems, "progress", -1), "120"));
  g_assert_null (tx_problems_find (problems, "supervision-date", 0));
  g_assert_nonnull (strstr (tx_problems_find (problems, "supervision-date", 1), "record 2"));
  g_assert_nonnull (strstr (tx_problems_find (problems, "supervision-date", 2), "2026/12/30"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* read from a file, the calendar is not looked at */
  problems = tx_outcome_check (outcome, TX_DATE_NONE);
  g_assert_null (tx_problems_find (problems, "feedback-received", -1));
  g_assert_null (tx_problems_find (problems, "supervision-date", 1));
}

static void
test_consultation_check (void)
{
  g_autoptr(TxConsultation) consultation = tx_consultation_new ();
  g_autoptr(GPtrArray) problems = NULL;

  problems = tx_consultation_check (consultation, D (2026, 11, 27));
  g_assert_nonnull (tx_problems_find (problems, "title", -1));
  g_assert_nonnull (tx_problems_find (problems, "township", -1));
  g_clear_pointer (&problems, g_ptr_array_unref);

  tx_consultation_set_title (consultation, "  ");
  tx_consultation_set_township (consultation, "t");
  tx_consultation_set_times (consultation, "2026-12-10T09:00:00+08:00", "2026-12-10T08:00:00+08:00");
  tx_consultation_set_stage_due (consultation, TX_STAGE_RESEARCH, "2026-02-30");
  problems = tx_consultation_check (consultation, D (2026, 11, 27));
  g_assert_nonnull (tx_problems_find (problems, "title", -1));
  g_assert_null (tx_problems_find (problems, "township", -1));
  g_assert_nonnull (strstr (tx_problems_find (problems, "ends", -1), "before it starts"));
  g_assert_nonnull (strstr (tx_problems_find (problems, "stage-due", TX_STAGE_RESEARCH), "2026-02-30"));
  g_assert_null (tx_problems_find (problems, "stage-due", TX_STAGE_SELECTION));
}

/* A store with the sample data, dated 2026-11-27. */
typedef struct {
  char    *dir;
  TxStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("tongxin-test-rules-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "tongxin.db", NULL);
  f->store = tx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tx_exchange_load_demo (f->store, D (2026, 11, 27), NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->store);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              GPtrArray  *notified)
{
  g_ptr_array_add (notified, g_strdup (pspec->name));
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  TxSettings *settings = tx_store_get_settings (f->store);
  g_autoptr(GPtrArray) notified = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) townships = NULL;
  int value = 0;

  /* the defaults of DESIGN §1 */
  g_assert_true (tx_store_get_settings (f->store) == settings);
  g_assert_cmpint (tx_settings_get_stage_red_days (settings), ==, 14);
  g_assert_cmpint (tx_settings_get_feedback_days (settings), ==, 30);
  g_assert_cmpint (tx_settings_get_feedback_red_days (settings), ==, 30);
  g_assert_cmpint (tx_settings_get_plan_yellow_behind (settings), ==, 1);
  g_assert_cmpint (tx_settings_get_plan_red_behind (settings), ==, 2);
  g_assert_cmpfloat_with_epsilon (tx_settings_get_stakeholder_share (settings), 0.30, 1e-9);
  g_assert_cmpint (tx_settings_get_signin_order (settings), ==, TX_SIGNIN_ORDER_CATEGORY);
  g_assert_false (tx_settings_get_print_full_phones (settings));
  g_assert_cmpstr (tx_settings_get_organization (settings), ==, "政协福泉市委员会");

  g_signal_connect (settings, "notify", G_CALLBACK (on_notify_cb), notified);

  /* typed values, checked, kept and told */
  g_assert_true (tx_settings_set_text (settings, "feedback-days", " 45 ", &error));
  g_assert_no_error (error);
  g_assert_cmpint (tx_settings_get_feedback_days (settings), ==, 45);
  g_object_get (settings, "feedback-days", &value, NULL);
  g_assert_cmpint (value, ==, 45);
  g_assert_cmpuint (notified->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (notified, 0), ==, "feedback-days");

  g_assert_true (tx_settings_set_text (settings, "print-full-phones", "是", &error));
  g_assert_true (tx_settings_get_print_full_phones (settings));
  g_assert_true (tx_settings_set_text (settings, "signin-order", "strokes", &error));
  g_assert_cmpint (tx_settings_get_signin_order (settings), ==, TX_SIGNIN_ORDER_STROKES);

  /* a township by its name, kept by its id, shown by its name */
  g_assert_true (tx_settings_set_text (settings, "default-township", "凤山镇", &error));
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (tx_settings_get_default_township (settings)));
  text = tx_settings_dup_text (settings, "default-township", &error);
  g_assert_cmpstr (text, ==, "凤山镇");

  /* refused with a reason, and nothing changed */
  g_ptr_array_set_size (notified, 0);
  g_assert_false (tx_settings_set_text (settings, "feedback-days", "0", &error));
  g_assert_error (error, TX_SETTINGS_ERROR, TX_SETTINGS_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "1 to 365"));
  g_clear_error (&error);
  g_assert_false (tx_settings_set_text (settings, "feedback-days", "thirty", &error));
  g_assert_nonnull (strstr (error->message, "thirty"));
  g_clear_error (&error);
  g_assert_false (tx_settings_set_text (settings, "print-full-phones", "maybe", &error));
  g_clear_error (&error);
  g_assert_false (tx_settings_set_text (settings, "signin-order", "alphabet", &error));
  g_assert_nonnull (strstr (error->message, "category, strokes"));
  g_clear_error (&error);
  g_assert_false (tx_settings_set_text (settings, "default-township", "不存在镇", &error));
  g_assert_nonnull (strstr (error->message, "不存在镇"));
  g_clear_error (&error);
  g_assert_false (tx_settings_set_text (settings, "plan-red-behind", "0", &error));
  g_clear_error (&error);
  g_assert_true (tx_settings_set_text (settings, "plan-red-behind", "3", &error));
  g_assert_false (tx_settings_set_text (settings, "plan-yellow-behind", "4", &error));
  g_assert_nonnull (strstr (error->message, "plan-red-behind"));
  g_clear_error (&error);
  g_assert_false (tx_settings_set_text (settings, "no-such-key", "1", &error));
  g_assert_error (error, TX_SETTINGS_ERROR, TX_SETTINGS_ERROR_UNKNOWN_KEY);
  g_assert_nonnull (strstr (error->message, "feedback-days"));
  g_clear_error (&error);
  g_assert_cmpint (tx_settings_get_feedback_days (settings), ==, 45);
  g_assert_cmpint (tx_settings_get_plan_yellow_behind (settings), ==, 1);
  g_assert_cmpuint (notified->len, ==, 1);   /* plan-red-behind, once */

  /* the settings table is the truth: another writer is heard */
  g_assert_true (tx_store_set_setting (f->store, "stage-red-days", "20", &error));
  g_assert_cmpint (tx_settings_get_stage_red_days (settings), ==, 20);

  townships = tx_store_list_townships (f->store, &error);
  g_assert_cmpuint (townships->len, >, 0);
}

/* A database of schema 4 kept the thresholds under their old keys, and
 * counted feedback from submission: the days it could wait became the
 * default due date, the days to red count from the due date. */
static void
test_settings_migrated (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tongxin-test-rules-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
  g_autoptr(TxStore) store = NULL;
  TxSettings *settings;
  sqlite3 *db;

  store = tx_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO setting (key, value) VALUES "
                                 "  ('ledger.stage-red-days', '10'), ('ledger.feedback-yellow-days', '20'), "
                                 "  ('ledger.feedback-red-days', '50'), ('ledger.plan-red-behind', '3'); "
                                 "PRAGMA user_version = 4;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = tx_store_open (path, &error);
  g_assert_no_error (error);
  settings = tx_store_get_settings (store);
  g_assert_cmpint (tx_settings_get_stage_red_days (settings), ==, 10);
  g_assert_cmpint (tx_settings_get_feedback_days (settings), ==, 20);
  g_assert_cmpint (tx_settings_get_feedback_red_days (settings), ==, 30);
  g_assert_cmpint (tx_settings_get_plan_red_behind (settings), ==, 3);
  g_assert_cmpint (tx_settings_get_plan_yellow_behind (settings), ==, 1);
  g_assert_null (tx_store_get_setting (store, "ledger.stage-red-days"));
  g_clear_object (&store);

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
}

/* The first reproduction: a recommendation whose agreed feedback due
 * date is later than submitted + 30 days is not late in the ledger; one
 * whose agreed date has passed is, by the days past that date. */
static void
test_ledger_feedback_due (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) consultations = NULL;
  g_autoptr(TxOutcome) outcome = NULL;
  g_autoptr(TxLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  TxConsultation *consultation;
  TxLedgerHit *found = NULL;
  const char *uuid;

  consultations = tx_store_list_consultations (f->store, 2026, NULL, &error);
  consultation = g_ptr_array_index (consultations, 0);
  outcome = tx_outcome_new_for_consultation (tx_consultation_get_uuid (consultation));
  tx_outcome_set_text (outcome, "关于延长反馈期限的建议", NULL);
  tx_outcome_set_submission (outcome, "government", "2026-10-16");   /* 42 days before */
  tx_outcome_set_feedback (outcome, "2026-12-31", NULL, NULL);
  g_assert_true (tx_store_save_outcome (f->store, outcome, &error));
  g_assert_no_error (error);
  uuid = tx_outcome_get_uuid (outcome);

  ledger = tx_ledger_compute (f->store, 2026, 4, D (2026, 11, 27), &error);
  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

      for (guint h = 0; h < entry->hits->len; h++)
        g_assert_cmpstr (((TxLedgerHit *) g_ptr_array_index (entry->hits, h))->uuid, !=, uuid);
    }
  g_clear_pointer (&ledger, tx_ledger_free);

  /* the agreed day passes: late by the days since it */
  tx_outcome_set_feedback (outcome, "2026-11-05", NULL, NULL);
  g_assert_true (tx_store_save_outcome (f->store, outcome, &error));
  ledger = tx_ledger_compute (f->store, 2026, 4, D (2026, 11, 27), &error);
  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

      for (guint h = 0; h < entry->hits->len; h++)
        if (g_strcmp0 (((TxLedgerHit *) g_ptr_array_index (entry->hits, h))->uuid, uuid) == 0)
          found = g_ptr_array_index (entry->hits, h);
    }
  g_assert_nonnull (found);
  g_assert_cmpint (found->rule, ==, TX_RULE_FEEDBACK_WAITING);
  g_assert_cmpint (found->days, ==, 22);
  g_assert_cmpint (found->due, ==, D (2026, 11, 5));
  g_assert_cmpint (found->color, ==, TX_COLOR_YELLOW);
  g_assert_cmpstr (found->text, ==, "“关于延长反馈期限的建议”: feedback is 22 days overdue (due by 2026-11-05).");

  /* more than feedback-red-days past it: red */
  g_clear_pointer (&ledger, tx_ledger_free);
  ledger = tx_ledger_compute (f->store, 2026, 4, D (2026, 12, 6), &error);
  found = NULL;
  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

      for (guint h = 0; h < entry->hits->len; h++)
        if (g_strcmp0 (((TxLedgerHit *) g_ptr_array_index (entry->hits, h))->uuid, uuid) == 0)
          found = g_ptr_array_index (entry->hits, h);
    }
  g_assert_nonnull (found);
  g_assert_cmpint (found->days, ==, 31);
  g_assert_cmpint (found->color, ==, TX_COLOR_RED);
}

static TxColor
color_of (TxLedger   *ledger,
          const char *township)
{
  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

      if (g_str_equal (entry->township_name, township))
        return entry->color;
    }

  g_assert_not_reached ();
}

static const char *
first_reason (TxLedger   *ledger,
              const char *township)
{
  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

      if (g_str_equal (entry->township_name, township))
        return entry->hits->len > 0 ? ((TxLedgerHit *) g_ptr_array_index (entry->hits, 0))->text : "";
    }

  g_assert_not_reached ();
}

/* The second: a quarter once issued is read as issued, whatever is
 * recorded later; one not issued is computed. */
static void
test_ledger_get (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(TxLedger) live = NULL;
  g_autoptr(TxLedger) issued = NULL;
  g_autoptr(TxLedger) again = NULL;
  g_autoptr(TxLedger) changed = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = NULL;

  live = tx_ledger_get (f->store, 2026, 4, D (2026, 11, 27), &error);
  g_assert_no_error (error);
  g_assert_null (live->issued_on);
  g_assert_false (tx_ledger_is_issued (f->store, 2026, 4));

  /* a township with a reason */
  for (guint i = 0; i < live->entries->len && name == NULL; i++)
    if (((TxLedgerEntry *) g_ptr_array_index (live->entries, i))->color != TX_COLOR_GREEN)
      name = ((TxLedgerEntry *) g_ptr_array_index (live->entries, i))->township_name;
  g_assert_nonnull (name);

  g_assert_true (tx_ledger_freeze (f->store, live, "2026-11-27", "政协", "建议", &error));
  g_assert_true (tx_ledger_is_issued (f->store, 2026, 4));

  /* judged later, with the thresholds changed: as issued */
  g_assert_true (tx_settings_set_text (tx_store_get_settings (f->store), "stage-red-days", "365", &error));
  g_assert_true (tx_settings_set_text (tx_store_get_settings (f->store), "feedback-days", "365", &error));
  g_assert_true (tx_settings_set_text (tx_store_get_settings (f->store), "plan-red-behind", "60", &error));
  g_assert_true (tx_settings_set_text (tx_store_get_settings (f->store), "plan-yellow-behind", "50", &error));
  issued = tx_ledger_get (f->store, 2026, 4, D (2026, 12, 20), &error);
  g_assert_cmpstr (issued->issued_on, ==, "2026-11-27");
  g_assert_cmpint (issued->as_of, ==, live->as_of);
  g_assert_cmpint (color_of (issued, name), ==, color_of (live, name));

  /* computed from the data, the reasons are other ones */
  changed = tx_ledger_compute (f->store, 2026, 4, D (2026, 12, 20), &error);
  g_assert_cmpstr (first_reason (issued, name), ==, first_reason (live, name));
  g_assert_cmpstr (first_reason (changed, name), !=, first_reason (live, name));

  /* issuing again keeps the ledger first issued */
  g_assert_true (tx_ledger_freeze (f->store, changed, "2026-12-20", "政协", "新建议", &error));
  again = tx_ledger_get (f->store, 2026, 4, D (2026, 12, 20), &error);
  g_assert_cmpstr (again->issued_on, ==, "2026-11-27");
  g_assert_cmpint (color_of (again, name), ==, color_of (live, name));
}

/* The lists filter in SQL by the same rules every view asks: the
 * recommendations whose feedback is overdue are those the ledger holds
 * late, and the consultations at a stage are those whose record says
 * so. */
/* The years a year filter offers are the years its list is filtered by:
 * every record falls in exactly one of them. */
static void
test_years_agree (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TxConsultationList) consultations = tx_consultation_list_new (f->store);
  g_autoptr(TxOutcomeList) outcomes = tx_outcome_list_new (f->store);
  g_autoptr(GArray) years = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxConsultation) planned = tx_consultation_new ();
  g_autoptr(TxTownship) township = NULL;
  guint total, counted = 0, unsubmitted = 0;

  /* one for next year, with no meeting day yet: its year is its first
   * due date's */
  township = tx_store_find_township (f->store, "凤山镇", &error);
  g_assert_no_error (error);
  tx_consultation_set_title (planned, "明年的协商");
  tx_consultation_set_township (planned, tx_township_get_uuid (township));
  tx_consultation_set_stage_due (planned, TX_STAGE_SELECTION, "2027-02-10");
  tx_consultation_set_stage_due (planned, TX_STAGE_RESEARCH, "2027-03-10");
  g_assert_true (tx_store_save_consultation (f->store, planned, &error));
  g_assert_no_error (error);

  years = tx_store_list_consultation_years (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (years->len, >, 1);
  g_assert_cmpint (g_array_index (years, int, 0), ==, 2027);
  total = g_list_model_get_n_items (G_LIST_MODEL (consultations));
  for (guint y = 0; y < years->len; y++)
    {
      TxConsultationFilter filter = TX_CONSULTATION_FILTER_INIT;
      guint n;

      if (y > 0)
        g_assert_cmpint (g_array_index (years, int, y), <, g_array_index (years, int, y - 1));
      filter.year = g_array_index (years, int, y);
      tx_consultation_list_set_filter (consultations, &filter);
      n = g_list_model_get_n_items (G_LIST_MODEL (consultations));
      g_assert_cmpuint (n, >, 0);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TxConsultation) consultation = g_list_model_get_item (G_LIST_MODEL (consultations), i);

          g_assert_cmpint (tx_consultation_get_year (consultation), ==, filter.year);
        }
      counted += n;
    }
  g_assert_cmpuint (counted, ==, total);

  g_clear_pointer (&years, g_array_unref);
  years = tx_store_list_outcome_years (f->store, &error);
  g_assert_no_error (error);
  total = g_list_model_get_n_items (G_LIST_MODEL (outcomes));
  for (guint i = 0; i < total; i++)
    {
      g_autoptr(TxOutcome) outcome = g_list_model_get_item (G_LIST_MODEL (outcomes), i);

      if (tx_outcome_get_submitted (outcome) == NULL)
        unsubmitted++;
    }
  g_assert_cmpuint (unsubmitted, >, 0);   /* their year is their consultation's */
  counted = 0;
  for (guint y = 0; y < years->len; y++)
    {
      TxOutcomeFilter filter = TX_OUTCOME_FILTER_INIT;
      guint n;

      filter.year = g_array_index (years, int, y);
      tx_outcome_list_set_filter (outcomes, &filter);
      n = g_list_model_get_n_items (G_LIST_MODEL (outcomes));
      g_assert_cmpuint (n, >, 0);
      counted += n;
    }
  g_assert_cmpuint (counted, ==, total);
}

/* The ledger as the whole history gives it: every consultation and
 * recommendation read and judged. */
static TxLedger *
ledger_of_everything (TxStore *store,
                      int      year,
                      int      quarter,
                      TxDate   today)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) townships = tx_store_list_townships (store, &error);
  g_autoptr(GPtrArray) consultations = tx_store_list_consultations (store, 0, NULL, &error);
  g_autoptr(GPtrArray) outcomes = tx_store_list_outcomes (store, NULL, &error);
  g_autofree int *planned = g_new0 (int, townships->len + 1);
  TxLedgerRules rules;

  g_assert_no_error (error);
  for (guint i = 0; i < townships->len; i++)
    planned[i] = tx_store_get_plan (store, tx_township_get_uuid (g_ptr_array_index (townships, i)), year);
  tx_ledger_rules_load (&rules, store);

  return tx_ledger_evaluate (townships, consultations, outcomes, planned, NULL, &rules, year, quarter, today);
}

/* A quarter's ledger reads only the records its rules may find
 * something in, chosen in SQL: on any day, for any quarter, it is the
 * ledger of the whole history, colour for colour, reason for reason. */
/* The plan of @sql, a line a step */
static char *
query_plan (sqlite3    *db,
            const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  GString *plan = g_string_new ("");
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);

  return g_string_free (plan, FALSE);
}

/* The ledger chooses its stages and recommendations through indexes:
 * those with dates to read through the *_odd_dates indexes, which hold
 * a few rows, and nothing is walked whole. */
static void
test_ledger_plans (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TxLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = tx_store_get_db (f->store);
  gboolean stage_odd = FALSE, outcome_odd = FALSE;

  ledger = tx_ledger_compute (f->store, 2026, 3, D (2026, 11, 27), &error);
  g_assert_no_error (error);

  for (sqlite3_stmt *stmt = sqlite3_next_stmt (db, NULL); stmt != NULL; stmt = sqlite3_next_stmt (db, stmt))
    if (strstr (sqlite3_sql (stmt), " UNION SELECT ") != NULL &&
        (strstr (sqlite3_sql (stmt), "FROM stage s") != NULL || strstr (sqlite3_sql (stmt), "FROM outcome o") != NULL))
      {
        g_autofree char *plan = query_plan (db, sqlite3_sql (stmt));
        g_auto(GStrv) steps = g_strsplit (plan, "\n", -1);

        g_test_message ("%s\n%s", sqlite3_sql (stmt), plan);
        for (guint i = 0; steps[i] != NULL; i++)
          {
            if (g_str_has_prefix (steps[i], "SCAN s") || g_str_has_prefix (steps[i], "SCAN o"))
              g_assert_nonnull (strstr (steps[i], "_odd_dates"));
            if (g_str_has_prefix (steps[i], "SCAN s USING INDEX stage_odd_dates"))
              stage_odd = TRUE;
            if (g_str_has_prefix (steps[i], "SCAN o USING INDEX outcome_odd_dates"))
              outcome_odd = TRUE;
          }
      }
  g_assert_true (stage_odd);
  g_assert_true (outcome_odd);
}

static void
test_ledger_reads_what_it_needs (Fixture       *f,
                                 gconstpointer  data)
{
  static const char * const days[] = {
    "2025-06-30", "2026-01-01", "2026-03-31", "2026-04-16", "2026-07-10",
    "2026-09-30", "2026-11-27", "2026-12-31", "2027-02-01", "2027-12-31",
  };
  guint hits = 0;
  int changed;

  /* meetings held on days written otherwise, as another program may
   * write them: a time after the day, a day that does not exist, slashes */
  g_assert_cmpint (sqlite3_exec (tx_store_get_db (f->store),
                                 "UPDATE stage SET done = done || 'T09:00' WHERE stage = 2 AND consultation_id IN "
                                 "  (SELECT consultation_id FROM stage WHERE stage = 2 AND done LIKE '2026-%' "
                                 "   ORDER BY consultation_id LIMIT 2);"
                                 "UPDATE stage SET done = '2026-02-30' WHERE stage = 2 AND consultation_id IN "
                                 "  (SELECT consultation_id FROM stage WHERE stage = 2 AND length (done) = 10 "
                                 "   AND done LIKE '2026-%' ORDER BY consultation_id LIMIT 1);"
                                 "UPDATE stage SET done = replace (done, '-', '/') WHERE stage = 2 AND consultation_id IN "
                                 "  (SELECT consultation_id FROM stage WHERE stage = 2 AND length (done) = 10 "
                                 "   AND done LIKE '2026-%' ORDER BY consultation_id DESC LIMIT 1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (tx_store_get_db (f->store)), ==, 1);
  changed = sqlite3_total_changes (tx_store_get_db (f->store));
  /* and other dates so written: due on a day that does not exist, done
   * with slashes, sent without leading zeros, answered on 31 September */
  g_assert_cmpint (sqlite3_exec (tx_store_get_db (f->store),
                                 "UPDATE stage SET due = '2026-04-31' WHERE (consultation_id, stage) = (SELECT consultation_id, stage "
                                 "  FROM stage WHERE done IS NULL AND stage <> 2 ORDER BY consultation_id, stage LIMIT 1);"
                                 "UPDATE stage SET done = replace (done, '-', '/') WHERE stage = 3 AND consultation_id = "
                                 "  (SELECT consultation_id FROM stage WHERE done LIKE '2026-%' AND stage = 3 "
                                 "   ORDER BY consultation_id LIMIT 1);"
                                 "UPDATE outcome SET submitted_on = '2026-6-1' WHERE id = (SELECT id FROM outcome "
                                 "  WHERE submitted_on LIKE '2026-%' AND feedback_received IS NULL ORDER BY id LIMIT 1);"
                                 "UPDATE outcome SET feedback_received = '2026-09-31' WHERE id = (SELECT id FROM outcome "
                                 "  WHERE feedback_received LIKE '2026-%' ORDER BY id DESC LIMIT 1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_total_changes (tx_store_get_db (f->store)) - changed, ==, 4);

  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    for (int year = 2025; year <= 2027; year++)
      for (int quarter = 1; quarter <= 4; quarter++)
        {
          TxDate today = tx_date_from_iso (days[d]);
          g_autoptr(GError) error = NULL;
          g_autoptr(TxLedger) chosen = tx_ledger_compute (f->store, year, quarter, today, &error);
          g_autoptr(TxLedger) everything = ledger_of_everything (f->store, year, quarter, today);

          g_assert_no_error (error);
          g_assert_cmpuint (chosen->entries->len, ==, everything->entries->len);
          for (guint i = 0; i < chosen->entries->len; i++)
            {
              TxLedgerEntry *a = g_ptr_array_index (chosen->entries, i);
              TxLedgerEntry *b = g_ptr_array_index (everything->entries, i);

              g_assert_cmpstr (a->township_uuid, ==, b->township_uuid);
              g_assert_cmpint (a->color, ==, b->color);
              g_assert_cmpint (a->held, ==, b->held);
              g_assert_cmpint (a->expected, ==, b->expected);
              g_assert_cmpuint (a->hits->len, ==, b->hits->len);
              for (guint h = 0; h < a->hits->len; h++)
                {
                  TxLedgerHit *x = g_ptr_array_index (a->hits, h);
                  TxLedgerHit *y = g_ptr_array_index (b->hits, h);

                  g_assert_cmpint (x->rule, ==, y->rule);
                  g_assert_cmpstr (x->uuid, ==, y->uuid);
                  g_assert_cmpstr (x->text, ==, y->text);
                }
              hits += a->hits->len;
            }
        }
  /* the days chosen find something to agree on */
  g_assert_cmpuint (hits, >, 100);
}

/* The metrics of a period read only the recommendations submitted in
 * it: on any day, for any year and quarter, they are those of the whole
 * history, township by township. */
static void
test_metrics_read_what_they_need (Fixture       *f,
                                  gconstpointer  data)
{
  static const char * const days[] = { "2025-12-31", "2026-04-16", "2026-11-27", "2027-06-30" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) consultations = tx_store_list_consultations (f->store, 0, NULL, &error);
  g_autoptr(GPtrArray) outcomes = tx_store_list_outcomes (f->store, NULL, &error);
  guint counted = 0;

  g_assert_no_error (error);
  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    for (int year = 2025; year <= 2027; year++)
      for (int quarter = 0; quarter <= 4; quarter++)
        {
          TxDate today = tx_date_from_iso (days[d]);
          TxDate from = tx_date_quarter_start (year, MAX (quarter, 1));
          TxDate as_of = MIN (today, tx_date_quarter_end (year, quarter > 0 ? quarter : 4));
          g_autoptr(TxMetrics) total = NULL;
          g_autoptr(GPtrArray) metrics = tx_metrics_compute (f->store, year, quarter, today, &total, &error);
          TxMetrics everything = { 0, };

          g_assert_no_error (error);
          for (guint t = 0; t < metrics->len; t++)
            {
              TxMetrics *m = g_ptr_array_index (metrics, t);
              TxMetrics expected = { 0, };

              for (guint i = 0; i < outcomes->len; i++)
                {
                  TxOutcome *outcome = g_ptr_array_index (outcomes, i);
                  TxDate submitted = tx_date_from_iso (tx_outcome_get_submitted (outcome));
                  gboolean here = FALSE;

                  if (submitted == TX_DATE_NONE || submitted < from || submitted > as_of)
                    continue;
                  for (guint c = 0; c < consultations->len; c++)
                    {
                      TxConsultation *consultation = g_ptr_array_index (consultations, c);

                      here |= g_strcmp0 (tx_consultation_get_uuid (consultation),
                                         tx_outcome_get_consultation_uuid (outcome)) == 0 &&
                              g_strcmp0 (tx_consultation_get_township_uuid (consultation), m->township_uuid) == 0;
                    }
                  if (here)
                    tx_metrics_add_outcome (&expected, outcome, as_of);
                  if (t == 0)
                    tx_metrics_add_outcome (&everything, outcome, as_of);
                }
              g_assert_cmpuint (m->submitted, ==, expected.submitted);
              g_assert_cmpuint (m->answered, ==, expected.answered);
              g_assert_cmpuint (m->adopted, ==, expected.adopted);
              g_assert_cmpuint (m->supervised, ==, expected.supervised);
              g_assert_cmpuint (m->implemented, ==, expected.implemented);
            }
          g_assert_cmpuint (total->submitted, ==, everything.submitted);
          g_assert_cmpuint (total->answered, ==, everything.answered);
          g_assert_cmpuint (total->implemented, ==, everything.implemented);
          counted += total->submitted;
        }
  g_assert_cmpuint (counted, >, 50);
}

static void
test_lists_agree (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TxOutcomeList) outcomes = tx_outcome_list_new (f->store);
  g_autoptr(TxConsultationList) consultations = tx_consultation_list_new (f->store);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxLedger) ledger = NULL;
  g_autoptr(GHashTable) late = g_hash_table_new (g_str_hash, g_str_equal);
  TxOutcomeFilter outcome_filter = TX_OUTCOME_FILTER_INIT;
  guint expected = 0;

  /* every recommendation, then the overdue ones */
  all = tx_store_list_outcomes (f->store, NULL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (outcomes)), ==, all->len);

  ledger = tx_ledger_compute (f->store, 2026, 4, D (2026, 11, 27), &error);
  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

      for (guint h = 0; h < entry->hits->len; h++)
        {
          TxLedgerHit *hit = g_ptr_array_index (entry->hits, h);

          if (hit->rule == TX_RULE_FEEDBACK_WAITING)
            g_hash_table_add (late, hit->uuid);
        }
    }
  g_assert_cmpuint (g_hash_table_size (late), >, 0);

  outcome_filter.overdue_only = TRUE;
  outcome_filter.today = D (2026, 11, 27);
  tx_outcome_list_set_filter (outcomes, &outcome_filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (outcomes)), ==, g_hash_table_size (late));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (outcomes)); i++)
    {
      g_autoptr(TxOutcome) outcome = g_list_model_get_item (G_LIST_MODEL (outcomes), i);

      g_assert_true (g_hash_table_contains (late, tx_outcome_get_uuid (outcome)));
    }

  /* without an agreed due date, the setting decides, as in the ledger:
   * submitted 12 days ago, late with 5 feedback days, not with 30 */
  {
    g_autoptr(GPtrArray) some = tx_store_list_consultations (f->store, 2026, NULL, &error);
    g_autoptr(TxOutcome) outcome = tx_outcome_new_for_consultation (tx_consultation_get_uuid (g_ptr_array_index (some, 0)));

    tx_outcome_set_text (outcome, "未约定反馈期限的建议", NULL);
    tx_outcome_set_submission (outcome, "government", "2026-11-15");
    g_assert_true (tx_store_save_outcome (f->store, outcome, &error));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (outcomes)), ==, g_hash_table_size (late));
    g_assert_true (tx_settings_set_text (tx_store_get_settings (f->store), "feedback-days", "5", &error));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (outcomes)), ==, g_hash_table_size (late) + 1);
  }

  /* consultations by the stage reached */
  g_clear_pointer (&all, g_ptr_array_unref);
  all = tx_store_list_consultations (f->store, 2026, NULL, &error);
  for (guint stage = 0; stage <= TX_STAGE_DONE; stage++)
    {
      TxConsultationFilter filter = TX_CONSULTATION_FILTER_INIT;

      expected = 0;
      for (guint i = 0; i < all->len; i++)
        if (tx_consultation_get_current_stage (g_ptr_array_index (all, i)) == stage)
          expected++;

      filter.year = 2026;
      filter.stage = stage;
      tx_consultation_list_set_filter (consultations, &filter);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (consultations)), ==, expected);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (consultations)); i++)
        {
          g_autoptr(TxConsultation) consultation = g_list_model_get_item (G_LIST_MODEL (consultations), i);

          g_assert_cmpint (tx_consultation_get_current_stage (consultation), ==, stage);
        }
    }

  /* and by township, and the ones named */
  {
    TxConsultationFilter filter = TX_CONSULTATION_FILTER_INIT;
    char *uuids[] = { (char *) tx_consultation_get_uuid (g_ptr_array_index (all, 0)), NULL };
    g_autoptr(TxConsultation) first = NULL;

    filter.township = "凤山镇";
    tx_consultation_list_set_filter (consultations, &filter);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (consultations)), >, 0);
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (consultations)); i++)
      {
        g_autoptr(TxConsultation) consultation = g_list_model_get_item (G_LIST_MODEL (consultations), i);

        g_assert_cmpstr (tx_consultation_get_township_name (consultation), ==, "凤山镇");
      }

    filter.township = NULL;
    filter.uuids = uuids;
    tx_consultation_list_set_filter (consultations, &filter);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (consultations)), ==, 1);
    first = g_list_model_get_item (G_LIST_MODEL (consultations), 0);
    g_assert_cmpstr (tx_consultation_get_uuid (first), ==, uuids[0]);
  }
}

typedef struct {
  char *kind;
  char *uuid;
  guint count;
} Heard;

static void
on_changed_cb (TxStore    *store,
               const char *kind,
               const char *uuid,
               Heard      *heard)
{
  g_free (heard->kind);
  g_free (heard->uuid);
  heard->kind = g_strdup (kind);
  heard->uuid = g_strdup (uuid);
  heard->count++;
}

/* The store says which record changed, when one did. */
static void
test_changed_says_which (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) consultations = tx_store_list_consultations (f->store, 2026, NULL, NULL);
  g_autoptr(TxOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  Heard heard = { NULL, };

  g_signal_connect (f->store, "changed::outcome", G_CALLBACK (on_changed_cb), &heard);
  outcome = tx_outcome_new_for_consultation (tx_consultation_get_uuid (g_ptr_array_index (consultations, 0)));
  tx_outcome_set_text (outcome, "一条建议", NULL);
  g_assert_true (tx_store_save_outcome (f->store, outcome, &error));
  g_assert_cmpuint (heard.count, ==, 1);
  g_assert_cmpstr (heard.kind, ==, "outcome");
  g_assert_cmpstr (heard.uuid, ==, tx_outcome_get_uuid (outcome));

  /* a consultation deleted with its recommendations: several */
  g_assert_true (tx_store_delete_consultation (f->store, tx_consultation_get_uuid (g_ptr_array_index (consultations, 0)),
                                               FALSE, NULL, &error));
  g_assert_cmpuint (heard.count, ==, 2);
  g_assert_null (heard.uuid);

  g_signal_handlers_disconnect_by_data (f->store, &heard);
  g_free (heard.kind);
  g_free (heard.uuid);
}

typedef struct {
  GArray *rows;   /* guint: every row the views were told of, in order */
  guint   count;  /* items-changed emitted */
} Told;

static void
on_rows_told_cb (GListModel *model,
                 guint       position,
                 guint       removed,
                 guint       added,
                 Told       *told)
{
  /* the list keeps its length: the rows are told again, in place */
  g_assert_cmpuint (removed, ==, added);
  for (guint i = position; i < position + added; i++)
    g_array_append_val (told->rows, i);
  told->count++;
}

/* A list out of sight keeps what changed; caught up, the views hear of
 * the rows those changes show otherwise, and of no other (a view told
 * of every row makes every row in sight anew), and caught up again
 * with nothing changed they hear nothing. */
static void
test_lists_catch_up (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TxOutcomeList) outcomes = tx_outcome_list_new (f->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint));
  TxOutcomeFilter filter = TX_OUTCOME_FILTER_INIT;
  Told told = { g_array_new (FALSE, FALSE, sizeof (guint)), 0 };
  const char *consultation_uuid = NULL;
  guint n;

  filter.today = D (2026, 11, 27);
  tx_outcome_list_set_filter (outcomes, &filter);
  n = g_list_model_get_n_items (G_LIST_MODEL (outcomes));
  g_assert_cmpuint (n, >, 10);

  /* a view holds every row; the consultation of the last one is renamed */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TxOutcome) outcome = g_list_model_get_item (G_LIST_MODEL (outcomes), i);

      if (i == n - 1)
        consultation = tx_store_load_consultation (f->store, tx_outcome_get_consultation_uuid (outcome), &error);
    }
  g_assert_no_error (error);
  consultation_uuid = tx_consultation_get_uuid (consultation);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TxOutcome) outcome = g_list_model_get_item (G_LIST_MODEL (outcomes), i);

      if (g_strcmp0 (tx_outcome_get_consultation_uuid (outcome), consultation_uuid) == 0)
        g_array_append_val (expected, i);
    }
  g_assert_cmpuint (expected->len, >, 0);
  g_assert_cmpuint (expected->len, <, n);

  g_signal_connect (outcomes, "items-changed", G_CALLBACK (on_rows_told_cb), &told);
  tx_paged_list_set_watching (TX_PAGED_LIST (outcomes), FALSE);
  tx_consultation_set_title (consultation, "改过名的协商");
  g_assert_true (tx_store_save_consultation (f->store, consultation, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (told.count, ==, 0);

  /* shown again, the same filter: the rows of its recommendations */
  tx_paged_list_set_watching (TX_PAGED_LIST (outcomes), TRUE);
  tx_outcome_list_set_filter (outcomes, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (outcomes)), ==, n);
  g_assert_cmpuint (told.rows->len, ==, expected->len);
  g_assert_cmpmem (told.rows->data, told.rows->len * sizeof (guint), expected->data, expected->len * sizeof (guint));
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(TxOutcome) outcome = g_list_model_get_item (G_LIST_MODEL (outcomes), g_array_index (expected, guint, i));

      g_assert_cmpstr (tx_outcome_get_consultation_title (outcome), ==, "改过名的协商");
    }

  /* again, nothing changed: nothing told */
  told.count = 0;
  tx_outcome_list_set_filter (outcomes, &filter);
  tx_paged_list_catch_up (TX_PAGED_LIST (outcomes));
  g_assert_cmpuint (told.count, ==, 0);

  /* a recommendation saved in sight: its own row */
  {
    g_autoptr(TxOutcome) first = g_list_model_get_item (G_LIST_MODEL (outcomes), 0);
    g_autoptr(TxOutcome) again = tx_store_load_outcome (f->store, tx_outcome_get_uuid (first), &error);

    g_assert_no_error (error);
    g_array_set_size (told.rows, 0);
    tx_outcome_set_text (again, "改过的建议内容", NULL);
    g_assert_true (tx_store_save_outcome (f->store, again, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (told.rows->len, ==, 1);
    g_assert_cmpuint (g_array_index (told.rows, guint, 0), ==, 0);
  }

  /* a township renamed out of sight: any row may show it, and the views
   * hear of every row they hold */
  {
    g_autoptr(TxOutcome) first = g_list_model_get_item (G_LIST_MODEL (outcomes), 0);

    for (guint i = 0; i < n; i++)
      g_object_unref (g_list_model_get_item (G_LIST_MODEL (outcomes), i));
    g_array_set_size (told.rows, 0);
    tx_paged_list_set_watching (TX_PAGED_LIST (outcomes), FALSE);
    g_assert_true (tx_store_rename_township (f->store, tx_outcome_get_township_name (first), "改名镇", &error));
    g_assert_no_error (error);
    g_assert_cmpuint (told.rows->len, ==, 0);
    tx_paged_list_set_watching (TX_PAGED_LIST (outcomes), TRUE);
    tx_outcome_list_set_filter (outcomes, &filter);
    g_assert_cmpuint (told.rows->len, ==, n);
  }

  g_array_unref (told.rows);
}

/* A person's categories, read for each row of the roster and each
 * participant of a consultation, come in their order through an index,
 * never sorted anew for each person. */
static void
test_categories_read_in_order (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(TxPersonList) people = tx_person_list_new (f->store);
  g_autoptr(GPtrArray) consultations = tx_store_list_consultations (f->store, 0, NULL, NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = tx_store_get_db (f->store);
  guint n_read = 0;
  guint n_statements = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (people)); i++)
    {
      g_autoptr(TxPerson) person = g_list_model_get_item (G_LIST_MODEL (people), i);

      n_read += tx_person_get_n_categories (person);
    }
  g_assert_cmpuint (n_read, >, 10);

  n_read = 0;
  for (guint i = 0; i < consultations->len; i++)
    {
      TxConsultation *listed = g_ptr_array_index (consultations, i);
      g_autoptr(TxConsultation) consultation = tx_store_load_consultation (f->store, tx_consultation_get_uuid (listed), &error);
      GPtrArray *participants;

      g_assert_no_error (error);
      participants = tx_consultation_get_participants (consultation);
      for (guint j = 0; j < participants->len; j++)
        n_read += ((TxParticipant *) g_ptr_array_index (participants, j))->categories->len;
    }
  g_assert_cmpuint (n_read, >, 10);

  /* the statements that read them: where they read person_category,
   * nothing beside is sorted */
  for (sqlite3_stmt *stmt = sqlite3_next_stmt (db, NULL); stmt != NULL; stmt = sqlite3_next_stmt (db, stmt))
    if (strstr (sqlite3_sql (stmt), "FROM person_category") != NULL &&
        strstr (sqlite3_sql (stmt), "ORDER BY position") != NULL)
      {
        g_autofree char *sql = g_strconcat ("EXPLAIN QUERY PLAN ", sqlite3_sql (stmt), NULL);
        g_autoptr(GArray) parents = g_array_new (FALSE, FALSE, sizeof (int));
        g_autoptr(GArray) sorting = g_array_new (FALSE, FALSE, sizeof (int));
        sqlite3_stmt *plan = NULL;

        g_test_message ("%s", sqlite3_sql (stmt));
        g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &plan, NULL), ==, SQLITE_OK);
        while (sqlite3_step (plan) == SQLITE_ROW)
          {
            const char *detail = (const char *) sqlite3_column_text (plan, 3);
            int parent = sqlite3_column_int (plan, 1);

            g_test_message ("  %d %s", parent, detail);
            if (strstr (detail, "person_category") != NULL)
              g_array_append_val (parents, parent);
            if (strstr (detail, "TEMP B-TREE FOR ORDER BY") != NULL)
              g_array_append_val (sorting, parent);
          }
        sqlite3_finalize (plan);

        g_assert_cmpuint (parents->len, >, 0);
        for (guint i = 0; i < parents->len; i++)
          for (guint j = 0; j < sorting->len; j++)
            g_assert_cmpint (g_array_index (parents, int, i), !=, g_array_index (sorting, int, j));
        n_statements++;
      }
  g_assert_cmpuint (n_statements, >=, 2);
}

/* A page of the consultations that cannot be read is an error, never
 * taken for the end of the rows: the list fails, and an export writes
 * nothing rather than a short file. */
static void
test_read_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tongxin-test-rules-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "broken.db", NULL);
  g_autofree char *xml = g_build_filename (dir, "export.xml", NULL);
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  TxConsultationList *consultations = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  int root = 0, page_size = 0;

  store = tx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tx_exchange_load_demo (store, D (2026, 11, 27), NULL, &error));
  listed = tx_store_list_consultations (store, 0, NULL, &error);
  g_assert_cmpuint (listed->len, >, 10);
  g_clear_pointer (&listed, g_ptr_array_unref);
  consultations = tx_consultation_list_new (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (consultations)), >, 10);
  g_assert_null (tx_paged_list_get_error (TX_PAGED_LIST (consultations)));
  g_clear_object (&consultations);
  g_clear_object (&store);

  /* where the consultations are, then garbage over that page */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage, (SELECT page_size FROM pragma_page_size) "
                                       "FROM sqlite_schema WHERE name = 'consultation'", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  root = sqlite3_column_int (stmt, 0);
  page_size = sqlite3_column_int (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  {
    FILE *file = fopen (path, "r+b");
    g_autofree char *garbage = g_malloc (page_size);

    memset (garbage, 0xA5, page_size);
    g_assert_nonnull (file);
    g_assert_cmpint (fseek (file, (long) (root - 1) * page_size, SEEK_SET), ==, 0);
    g_assert_cmpuint (fwrite (garbage, 1, page_size, file), ==, (size_t) page_size);
    fclose (file);
  }

  store = tx_store_open (path, &error);
  g_assert_no_error (error);
  listed = tx_store_list_consultations (store, 0, NULL, &error);
  g_assert_null (listed);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "damaged"));
  /* SQLite's own English stays in the log */
  g_assert_null (strstr (error->message, "malformed"));
  g_clear_error (&error);

  /* the list a page shows says why it is empty, and is read again */
  consultations = tx_consultation_list_new (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (consultations)), ==, 0);
  g_assert_nonnull (tx_paged_list_get_error (TX_PAGED_LIST (consultations)));
  g_assert_nonnull (strstr (tx_paged_list_get_error (TX_PAGED_LIST (consultations))->message, "damaged"));
  g_clear_object (&consultations);

  g_assert_false (tx_exchange_export (store, xml, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (xml, G_FILE_TEST_EXISTS));
  g_clear_object (&store);

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules/stage-status", test_stage_status);
  g_test_add_func ("/rules/feedback-status", test_feedback_status);
  g_test_add_func ("/rules/outcome-check", test_outcome_check);
  g_test_add_func ("/rules/consultation-check", test_consultation_check);
  g_test_add_func ("/rules/settings/migrated", test_settings_migrated);
  g_test_add ("/rules/settings", Fixture, NULL, fixture_set_up, test_settings, fixture_tear_down);
  g_test_add ("/rules/ledger/feedback-due", Fixture, NULL, fixture_set_up, test_ledger_feedback_due,
              fixture_tear_down);
  g_test_add_func ("/rules/store/read-errors", test_read_errors);
  g_test_add ("/rules/lists-agree", Fixture, NULL, fixture_set_up, test_lists_agree, fixture_tear_down);
  g_test_add ("/rules/store/categories-read-in-order", Fixture, NULL, fixture_set_up, test_categories_read_in_order,
              fixture_tear_down);
  g_test_add ("/rules/lists/catch-up", Fixture, NULL, fixture_set_up, test_lists_catch_up, fixture_tear_down);
  g_test_add ("/rules/metrics/read-what-they-need", Fixture, NULL, fixture_set_up,
              test_metrics_read_what_they_need, fixture_tear_down);
  g_test_add ("/rules/ledger/plans", Fixture, NULL, fixture_set_up, test_ledger_plans, fixture_tear_down);
  g_test_add ("/rules/ledger/reads-what-it-needs", Fixture, NULL, fixture_set_up, test_ledger_reads_what_it_needs,
              fixture_tear_down);
  g_test_add ("/rules/years-agree", Fixture, NULL, fixture_set_up, test_years_agree, fixture_tear_down);
  g_test_add ("/rules/store/changed-says-which", Fixture, NULL, fixture_set_up, test_changed_says_which,
              fixture_tear_down);
  g_test_add ("/rules/ledger/issued-quarter", Fixture, NULL, fixture_set_up, test_ledger_get,
              fixture_tear_down);

  return g_test_run ();
}
