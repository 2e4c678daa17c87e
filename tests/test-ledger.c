/* test-ledger.c — the rules of the warning ledger at their boundaries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tx-ledger.h"
#include "tx-metrics.h"
#include "tx-records-private.h"
#include "tx-vocabulary.h"

#define TOWNSHIP "00000000-0000-4000-8000-00000000000a"

static TxConsultation *
consultation (const char *uuid,
              const char *title)
{
  TxConsultation *c = tx_consultation_new ();

  c->uuid = g_strdup (uuid);
  c->title = g_strdup (title);
  c->township_uuid = g_strdup (TOWNSHIP);

  return c;
}

static TxOutcome *
outcome (const char *consultation_uuid,
         const char *title,
         const char *submitted,
         const char *received)
{
  TxOutcome *o = tx_outcome_new ();

  o->uuid = g_strdup_printf ("00000000-0000-4000-8000-%012x", g_str_hash (title) & 0xffffff);
  o->consultation_uuid = g_strdup (consultation_uuid);
  o->title = g_strdup (title);
  o->submitted = g_strdup (submitted);
  o->feedback_received = g_strdup (received);

  return o;
}

typedef struct {
  GPtrArray *townships;
  GPtrArray *consultations;
  GPtrArray *outcomes;
  int        planned[1];
} Data;

static void
data_init (Data *d)
{
  d->townships = g_ptr_array_new_with_free_func (g_object_unref);
  d->consultations = g_ptr_array_new_with_free_func (g_object_unref);
  d->outcomes = g_ptr_array_new_with_free_func (g_object_unref);
  d->planned[0] = 0;     /* a plan, of nothing: see /ledger/plan-missing */
  g_ptr_array_add (d->townships, tx_township_new (TOWNSHIP, "凤山镇", TX_TOWNSHIP_KIND_TOWN));
}

static void
data_clear (Data *d)
{
  g_ptr_array_unref (d->townships);
  g_ptr_array_unref (d->consultations);
  g_ptr_array_unref (d->outcomes);
}

static TxLedger *
evaluate (Data       *d,
          int         year,
          int         quarter,
          const char *today)
{
  TxLedgerRules rules;

  tx_ledger_rules_init_default (&rules);
  return tx_ledger_evaluate (d->townships, d->consultations, d->outcomes, d->planned, NULL,
                             &rules, year, quarter, tx_date_from_iso (today));
}

static TxLedgerEntry *
entry_of (TxLedger *ledger)
{
  g_assert_cmpuint (ledger->entries->len, ==, 1);
  return g_ptr_array_index (ledger->entries, 0);
}

static void
test_stage_overdue (void)
{
  struct { const char *today; TxColor color; int days; } cases[] = {
    { "2026-11-10", TX_COLOR_GREEN,  0 },   /* due that day: not yet overdue */
    { "2026-11-11", TX_COLOR_YELLOW, 1 },
    { "2026-11-24", TX_COLOR_YELLOW, 14 },  /* 14 days: still yellow */
    { "2026-11-25", TX_COLOR_RED,    15 },  /* more than 14: red */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Data d;
      TxConsultation *c;
      g_autoptr(TxLedger) ledger = NULL;
      TxLedgerEntry *entry;

      data_init (&d);
      c = consultation ("00000000-0000-4000-8000-000000000001", "老旧小区改造协商");
      c->stage_due[TX_STAGE_SELECTION] = g_strdup ("2026-10-01");
      c->stage_done[TX_STAGE_SELECTION] = g_strdup ("2026-09-30");
      c->stage_due[TX_STAGE_RESEARCH] = g_strdup ("2026-11-10");
      c->stage_due[TX_STAGE_MEETING] = g_strdup ("2026-12-20");
      g_ptr_array_add (d.consultations, c);

      ledger = evaluate (&d, 2026, 4, cases[i].today);
      entry = entry_of (ledger);
      g_test_message ("today %s", cases[i].today);
      g_assert_cmpint (entry->color, ==, cases[i].color);
      g_assert_cmpint (tx_ledger_consultation_color (ledger, c->uuid), ==, cases[i].color);

      if (cases[i].color == TX_COLOR_GREEN)
        g_assert_cmpuint (entry->hits->len, ==, 0);
      else
        {
          TxLedgerHit *hit = g_ptr_array_index (entry->hits, 0);

          g_assert_cmpuint (entry->hits->len, ==, 1);
          g_assert_cmpint (hit->rule, ==, TX_RULE_STAGE_OVERDUE);
          g_assert_cmpint (hit->stage, ==, TX_STAGE_RESEARCH);
          g_assert_cmpint (hit->days, ==, cases[i].days);
          g_assert_cmpstr (hit->uuid, ==, c->uuid);
          g_assert_nonnull (strstr (hit->text, "老旧小区改造协商"));
          g_assert_nonnull (strstr (hit->text, "2026-11-10"));
        }

      data_clear (&d);
    }
}

static void
test_feedback_waiting (void)
{
  struct { const char *today; TxColor color; } cases[] = {
    { "2026-10-31", TX_COLOR_GREEN },   /* 30 days */
    { "2026-11-01", TX_COLOR_YELLOW },  /* 31 */
    { "2026-11-30", TX_COLOR_YELLOW },  /* 60 */
    { "2026-12-01", TX_COLOR_RED },     /* 61 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Data d;
      g_autoptr(TxLedger) ledger = NULL;
      TxLedgerEntry *entry;

      data_init (&d);
      g_ptr_array_add (d.consultations, consultation ("00000000-0000-4000-8000-000000000002", "生猪养殖污染治理协商"));
      g_ptr_array_add (d.outcomes, outcome ("00000000-0000-4000-8000-000000000002", "关于粪污资源化利用的建议",
                                            "2026-10-01", NULL));
      /* answered in time: never a hit */
      g_ptr_array_add (d.outcomes, outcome ("00000000-0000-4000-8000-000000000002", "关于散养户过渡期扶持的建议",
                                            "2026-08-01", "2026-08-20"));

      ledger = evaluate (&d, 2026, 4, cases[i].today);
      entry = entry_of (ledger);
      g_test_message ("today %s", cases[i].today);
      g_assert_cmpint (entry->color, ==, cases[i].color);
      if (cases[i].color != TX_COLOR_GREEN)
        {
          TxLedgerHit *hit = g_ptr_array_index (entry->hits, 0);

          g_assert_cmpuint (entry->hits->len, ==, 1);
          g_assert_cmpint (hit->rule, ==, TX_RULE_FEEDBACK_WAITING);
          g_assert_cmpstr (hit->kind, ==, "outcome");
          g_assert_nonnull (strstr (hit->text, "关于粪污资源化利用的建议"));
        }

      data_clear (&d);
    }
}

static void
add_held_meeting (Data       *d,
                  guint       n,
                  const char *done)
{
  g_autofree char *uuid = g_strdup_printf ("00000000-0000-4000-8000-0000000001%02u", n);
  TxConsultation *c = consultation (uuid, "协商");

  c->stage_done[TX_STAGE_SELECTION] = g_strdup (done);
  c->stage_done[TX_STAGE_RESEARCH] = g_strdup (done);
  c->stage_done[TX_STAGE_MEETING] = g_strdup (done);
  g_ptr_array_add (d->consultations, c);
}

static void
test_plan_behind (void)
{
  /* plan 4 a year: by the end of Q3, 3 expected */
  struct { guint held; TxColor color; int behind; } cases[] = {
    { 3, TX_COLOR_GREEN, 0 },
    { 2, TX_COLOR_YELLOW, 1 },
    { 1, TX_COLOR_RED, 2 },
    { 0, TX_COLOR_RED, 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Data d;
      g_autoptr(TxLedger) ledger = NULL;
      TxLedgerEntry *entry;

      data_init (&d);
      d.planned[0] = 4;
      for (guint m = 0; m < cases[i].held; m++)
        add_held_meeting (&d, m, "2026-05-10");
      /* a meeting after the quarter does not count for it */
      add_held_meeting (&d, 9, "2026-10-08");

      ledger = evaluate (&d, 2026, 3, "2026-11-27");
      entry = entry_of (ledger);
      g_assert_cmpint (ledger->as_of, ==, tx_date_new (2026, 9, 30));
      g_assert_cmpint (entry->expected, ==, 3);
      g_assert_cmpint (entry->held, ==, (int) cases[i].held);
      g_assert_cmpint (entry->color, ==, cases[i].color);
      if (cases[i].behind > 0)
        {
          TxLedgerHit *hit = g_ptr_array_index (entry->hits, 0);

          g_assert_cmpint (hit->rule, ==, TX_RULE_PLAN_BEHIND);
          g_assert_cmpint (hit->days, ==, cases[i].behind);
        }

      data_clear (&d);
    }
}

/* No plan for the year is not “on schedule”: the township is yellow and
 * the reason says what to set; a red stage still makes it red. */
static void
test_plan_missing (void)
{
  Data d;
  g_autoptr(TxLedger) ledger = NULL;
  g_autoptr(TxLedger) late_ledger = NULL;
  TxLedgerEntry *entry;
  TxLedgerHit *hit;
  TxConsultation *late;

  data_init (&d);
  d.planned[0] = -1;
  add_held_meeting (&d, 1, "2026-05-10");
  ledger = evaluate (&d, 2026, 3, "2026-11-27");
  entry = entry_of (ledger);
  g_assert_cmpint (entry->planned, ==, -1);
  g_assert_cmpint (entry->color, ==, TX_COLOR_YELLOW);
  g_assert_cmpuint (entry->hits->len, ==, 1);
  hit = g_ptr_array_index (entry->hits, 0);
  g_assert_cmpint (hit->rule, ==, TX_RULE_PLAN_MISSING);
  g_assert_cmpstr (hit->kind, ==, "township");
  g_assert_cmpstr (hit->uuid, ==, TOWNSHIP);
  g_assert_nonnull (strstr (hit->text, "No plan for 2026"));

  late = consultation ("00000000-0000-4000-8000-000000000003", "刺梨产销对接协商");
  late->stage_due[TX_STAGE_SELECTION] = g_strdup ("2026-10-01");
  g_ptr_array_add (d.consultations, late);
  late_ledger = evaluate (&d, 2026, 4, "2026-11-27");
  entry = entry_of (late_ledger);
  g_assert_cmpint (entry->color, ==, TX_COLOR_RED);
  g_assert_cmpuint (entry->hits->len, ==, 2);
  g_assert_cmpint (((TxLedgerHit *) g_ptr_array_index (entry->hits, 1))->rule, ==, TX_RULE_PLAN_MISSING);

  data_clear (&d);
}

static void
test_worst_of (void)
{
  Data d;
  g_autoptr(TxLedger) ledger = NULL;
  TxLedgerEntry *entry;
  TxConsultation *late, *fine;

  data_init (&d);
  late = consultation ("00000000-0000-4000-8000-000000000003", "刺梨产销对接协商");
  late->stage_due[TX_STAGE_SELECTION] = g_strdup ("2026-10-01");        /* 57 days: red */
  fine = consultation ("00000000-0000-4000-8000-000000000004", "茶叶提质增效协商");
  fine->stage_due[TX_STAGE_SELECTION] = g_strdup ("2026-11-20");        /* 7 days: yellow */
  g_ptr_array_add (d.consultations, late);
  g_ptr_array_add (d.consultations, fine);

  ledger = evaluate (&d, 2026, 4, "2026-11-27");
  entry = entry_of (ledger);

  /* the township is as bad as its worst; each consultation its own */
  g_assert_cmpint (entry->color, ==, TX_COLOR_RED);
  g_assert_cmpint (tx_ledger_consultation_color (ledger, late->uuid), ==, TX_COLOR_RED);
  g_assert_cmpint (tx_ledger_consultation_color (ledger, fine->uuid), ==, TX_COLOR_YELLOW);
  /* worst first */
  g_assert_cmpuint (entry->hits->len, ==, 2);
  g_assert_cmpint (((TxLedgerHit *) g_ptr_array_index (entry->hits, 0))->color, ==, TX_COLOR_RED);

  data_clear (&d);
}

static void
test_past_quarter_as_it_stood (void)
{
  Data d;
  g_autoptr(TxLedger) q3 = NULL;
  g_autoptr(TxLedger) q4 = NULL;
  TxConsultation *c;

  /* due in September, done in October: late at the end of Q3 */
  data_init (&d);
  c = consultation ("00000000-0000-4000-8000-000000000005", "乡村学校少年宫建设协商");
  c->stage_due[TX_STAGE_SELECTION] = g_strdup ("2026-09-25");
  c->stage_done[TX_STAGE_SELECTION] = g_strdup ("2026-10-20");
  g_ptr_array_add (d.consultations, c);

  q3 = evaluate (&d, 2026, 3, "2026-11-27");
  q4 = evaluate (&d, 2026, 4, "2026-11-27");
  g_assert_cmpint (entry_of (q3)->color, ==, TX_COLOR_YELLOW);
  g_assert_cmpint (((TxLedgerHit *) g_ptr_array_index (entry_of (q3)->hits, 0))->days, ==, 5);
  g_assert_cmpint (entry_of (q4)->color, ==, TX_COLOR_GREEN);

  data_clear (&d);
}

static void
supervise (TxOutcome          *o,
           TxSupervisionPhase  phase,
           const char         *date)
{
  TxSupervision *supervision = tx_supervision_new (phase);

  supervision->date = g_strdup (date);
  g_ptr_array_add (o->supervisions, supervision);
}

static void
test_three_zeros (void)
{
  TxMetrics metrics = { 0, };
  g_autoptr(TxOutcome) waiting = outcome ("c", "未反馈的建议", "2026-10-01", NULL);
  g_autoptr(TxOutcome) rejected = outcome ("c", "未采纳的建议", "2026-07-01", "2026-07-20");
  g_autoptr(TxOutcome) full = outcome ("c", "全程监督并落实的建议", "2026-05-01", "2026-05-20");
  g_autoptr(TxOutcome) partly = outcome ("c", "部分采纳的建议", "2026-06-01", "2026-06-25");

  rejected->adoption = TX_ADOPTION_NOT_ADOPTED;
  full->adoption = TX_ADOPTION_ADOPTED;
  full->progress = 100;
  supervise (full, TX_SUPERVISION_BEFORE, "2026-06-01");
  supervise (full, TX_SUPERVISION_DURING, "2026-08-01");
  supervise (full, TX_SUPERVISION_AFTER, "2026-10-01");
  partly->adoption = TX_ADOPTION_PARTLY_ADOPTED;
  partly->progress = 60;
  supervise (partly, TX_SUPERVISION_BEFORE, "2026-07-01");
  supervise (partly, TX_SUPERVISION_DURING, "2026-09-01");
  /* after the date judged: does not count yet */
  supervise (partly, TX_SUPERVISION_AFTER, "2026-12-15");

  tx_metrics_add_outcome (&metrics, waiting, tx_date_new (2026, 11, 27));
  tx_metrics_add_outcome (&metrics, rejected, tx_date_new (2026, 11, 27));
  tx_metrics_add_outcome (&metrics, full, tx_date_new (2026, 11, 27));
  tx_metrics_add_outcome (&metrics, partly, tx_date_new (2026, 11, 27));

  g_assert_cmpuint (metrics.submitted, ==, 4);
  g_assert_cmpuint (metrics.answered, ==, 3);
  g_assert_cmpuint (metrics.adopted, ==, 2);
  g_assert_cmpuint (metrics.supervised, ==, 1);
  g_assert_cmpuint (metrics.implemented, ==, 1);
  g_assert_cmpfloat_with_epsilon (tx_metrics_feedback_rate (&metrics), 0.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (tx_metrics_supervision_coverage (&metrics), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (tx_metrics_implementation_rate (&metrics), 0.5, 1e-9);

  /* nothing adopted: no rate rather than 0 % */
  {
    TxMetrics none = { 0, };

    tx_metrics_add_outcome (&none, waiting, tx_date_new (2026, 11, 27));
    g_assert_cmpfloat (tx_metrics_feedback_rate (&none), ==, 0.0);
    g_assert_cmpfloat (tx_metrics_supervision_coverage (&none), <, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ledger/stage-overdue", test_stage_overdue);
  g_test_add_func ("/ledger/feedback-waiting", test_feedback_waiting);
  g_test_add_func ("/ledger/plan-behind", test_plan_behind);
  g_test_add_func ("/ledger/plan-missing", test_plan_missing);
  g_test_add_func ("/ledger/worst-of", test_worst_of);
  g_test_add_func ("/ledger/past-quarter", test_past_quarter_as_it_stood);
  g_test_add_func ("/metrics/three-zeros", test_three_zeros);

  return g_test_run ();
}
