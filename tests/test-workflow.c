/* test-workflow.c — stage order and the composition of a meeting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tx-records-private.h"
#include "tx-workflow.h"

static TxParticipant *
participant (TxRole      role,
             TxCategory  category,
             int         attended)
{
  TxParticipant *p = tx_participant_new ("00000000-0000-4000-8000-000000000000", role);

  p->name = g_strdup ("某人");
  if ((int) category >= 0)
    g_array_append_val (p->categories, category);
  p->attended = attended;

  return p;
}

#define NONE ((TxCategory) -1)

static void
test_composition (void)
{
  struct {
    const char *what;
    struct { TxRole role; TxCategory category; int attended; } people[12];
    guint n;
    gboolean attended_only;
    gboolean ok;
    guint missing;
    const char *reason;
  } cases[] = {
    { "complete: liaison, a deputy, 3 of 10 stakeholders",
      { { TX_ROLE_HOST, TX_CATEGORY_LIAISON_LEADER, 1 }, { TX_ROLE_DEPUTY, TX_CATEGORY_NPC_DEPUTY, 1 },
        { TX_ROLE_STAKEHOLDER, TX_CATEGORY_RESIDENT, 1 }, { TX_ROLE_STAKEHOLDER, NONE, 1 },
        { TX_ROLE_OBSERVER, TX_CATEGORY_STAKEHOLDER, 1 }, { TX_ROLE_EXPERT, TX_CATEGORY_EXPERT, 1 },
        { TX_ROLE_OFFICIAL, TX_CATEGORY_OFFICIAL, 1 }, { TX_ROLE_OFFICIAL, TX_CATEGORY_OFFICIAL, 1 },
        { TX_ROLE_OBSERVER, TX_CATEGORY_RETIRED_CADRE, 1 }, { TX_ROLE_OBSERVER, TX_CATEGORY_LOCAL_NOTABLE, 1 } },
      10, FALSE, TRUE, 0, NULL },
    { "2 of 10 stakeholders is under 30%",
      { { TX_ROLE_HOST, TX_CATEGORY_LIAISON_LEADER, 1 }, { TX_ROLE_DEPUTY, TX_CATEGORY_NPC_DEPUTY, 1 },
        { TX_ROLE_STAKEHOLDER, TX_CATEGORY_RESIDENT, 1 }, { TX_ROLE_STAKEHOLDER, NONE, 1 },
        { TX_ROLE_OBSERVER, TX_CATEGORY_RETIRED_CADRE, 1 }, { TX_ROLE_EXPERT, TX_CATEGORY_EXPERT, 1 },
        { TX_ROLE_OFFICIAL, TX_CATEGORY_OFFICIAL, 1 }, { TX_ROLE_OFFICIAL, TX_CATEGORY_OFFICIAL, 1 },
        { TX_ROLE_OBSERVER, TX_CATEGORY_RETIRED_CADRE, 1 }, { TX_ROLE_OBSERVER, TX_CATEGORY_LOCAL_NOTABLE, 1 } },
      10, FALSE, FALSE, 1, "1 more" },
    { "no liaison group, no deputy",
      { { TX_ROLE_STAKEHOLDER, TX_CATEGORY_STAKEHOLDER, 1 }, { TX_ROLE_EXPERT, TX_CATEGORY_EXPERT, 1 } },
      2, FALSE, FALSE, 2, "liaison group" },
    { "a CPPCC member as liaison officer counts for both",
      { { TX_ROLE_LIAISON, TX_CATEGORY_CPPCC_MEMBER, 1 }, { TX_ROLE_STAKEHOLDER, NONE, 1 } },
      2, FALSE, TRUE, 0, NULL },
    { "after the meeting only those who came count",
      { { TX_ROLE_HOST, TX_CATEGORY_LIAISON_LEADER, 1 }, { TX_ROLE_DEPUTY, TX_CATEGORY_PARTY_DEPUTY, 0 },
        { TX_ROLE_STAKEHOLDER, TX_CATEGORY_STAKEHOLDER, 1 } },
      3, TRUE, FALSE, 1, "deputy" },
    { "nobody", { { 0, 0, 0 } }, 0, FALSE, FALSE, 2, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_participant_free);
      g_autoptr(TxComposition) composition = NULL;

      g_test_message ("%s", cases[i].what);
      for (guint p = 0; p < cases[i].n; p++)
        g_ptr_array_add (list, participant (cases[i].people[p].role, cases[i].people[p].category,
                                            cases[i].people[p].attended));

      composition = tx_composition_check (list, cases[i].attended_only, 0.30);
      g_assert_cmpint (composition->ok, ==, cases[i].ok);
      g_assert_cmpuint (composition->missing->len, ==, cases[i].missing);
      if (cases[i].reason != NULL)
        {
          gboolean found = FALSE;

          for (guint m = 0; m < composition->missing->len; m++)
            found |= strstr (g_ptr_array_index (composition->missing, m), cases[i].reason) != NULL;
          g_assert_true (found);
        }
    }
}

static void
test_share_boundary (void)
{
  /* 3 stakeholders of 10 is exactly 30%: enough; with a share of 31% not */
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_participant_free);
  g_autoptr(TxComposition) at_30 = NULL;
  g_autoptr(TxComposition) at_31 = NULL;

  g_ptr_array_add (list, participant (TX_ROLE_HOST, TX_CATEGORY_LIAISON_LEADER, -1));
  g_ptr_array_add (list, participant (TX_ROLE_MEMBER, TX_CATEGORY_CPPCC_MEMBER, -1));
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (list, participant (TX_ROLE_STAKEHOLDER, TX_CATEGORY_STAKEHOLDER, -1));
  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (list, participant (TX_ROLE_OBSERVER, TX_CATEGORY_RESIDENT, -1));

  at_30 = tx_composition_check (list, FALSE, 0.30);
  at_31 = tx_composition_check (list, FALSE, 0.31);
  g_assert_cmpuint (at_30->counted, ==, 10);
  g_assert_cmpuint (at_30->stakeholders, ==, 3);
  g_assert_true (at_30->ok);
  g_assert_false (at_31->ok);
}

static TxConsultation *
consultation_with_done (const char *const *done)
{
  TxConsultation *consultation = tx_consultation_new ();

  for (guint i = 0; i < TX_N_STAGES; i++)
    consultation->stage_done[i] = g_strdup (done[i]);

  return consultation;
}

static void
test_stage_order (void)
{
  const char *none[TX_N_STAGES] = { NULL, };
  const char *two[TX_N_STAGES] = { "2026-03-01", "2026-03-20", NULL, };
  g_autoptr(TxConsultation) fresh = consultation_with_done (none);
  g_autoptr(TxConsultation) started = consultation_with_done (two);
  g_autoptr(GError) error = NULL;
  TxDate today = tx_date_new (2026, 11, 27);

  /* the first stage may be done any day up to today */
  g_assert_true (tx_stage_check_done (fresh, TX_STAGE_SELECTION, tx_date_from_iso ("2026-11-27"), NULL, today, &error));
  g_assert_no_error (error);
  g_assert_false (tx_stage_check_done (fresh, TX_STAGE_SELECTION, tx_date_from_iso ("2026-11-28"), NULL, today, &error));
  g_assert_error (error, TX_WORKFLOW_ERROR, TX_WORKFLOW_ERROR_IN_FUTURE);
  g_clear_error (&error);
  g_assert_false (tx_stage_check_done (fresh, TX_STAGE_SELECTION, tx_date_from_iso ("2026-13-01"), NULL, today, &error));
  g_assert_error (error, TX_WORKFLOW_ERROR, TX_WORKFLOW_ERROR_BAD_DATE);
  g_clear_error (&error);

  /* a stage before the one before it: only with a reason */
  g_assert_false (tx_stage_check_done (fresh, TX_STAGE_RESEARCH, tx_date_from_iso ("2026-03-01"), NULL, today, &error));
  g_assert_error (error, TX_WORKFLOW_ERROR, TX_WORKFLOW_ERROR_OUT_OF_ORDER);
  g_clear_error (&error);
  g_assert_false (tx_stage_check_done (fresh, TX_STAGE_RESEARCH, tx_date_from_iso ("2026-03-01"), "   ", today, &error));
  g_clear_error (&error);
  g_assert_true (tx_stage_check_done (fresh, TX_STAGE_RESEARCH, tx_date_from_iso ("2026-03-01"), "调研与选题同步进行", today, &error));
  g_assert_no_error (error);

  /* the meeting after research: not the day before it */
  g_assert_true (tx_stage_check_done (started, TX_STAGE_MEETING, tx_date_from_iso ("2026-03-20"), NULL, today, &error));
  g_assert_false (tx_stage_check_done (started, TX_STAGE_MEETING, tx_date_from_iso ("2026-03-19"), NULL, today, &error));
  g_assert_error (error, TX_WORKFLOW_ERROR, TX_WORKFLOW_ERROR_BEFORE_PREVIOUS);
  g_assert_nonnull (strstr (error->message, "2026-03-20"));
  g_clear_error (&error);

  /* submission before the meeting is done: refused */
  g_assert_false (tx_stage_check_done (started, TX_STAGE_SUBMISSION, tx_date_from_iso ("2026-04-01"), NULL, today, &error));
  g_assert_error (error, TX_WORKFLOW_ERROR, TX_WORKFLOW_ERROR_OUT_OF_ORDER);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/workflow/composition", test_composition);
  g_test_add_func ("/workflow/share-boundary", test_share_boundary);
  g_test_add_func ("/workflow/stage-order", test_stage_order);

  return g_test_run ();
}
