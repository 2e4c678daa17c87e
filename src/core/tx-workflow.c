/* tx-workflow.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-workflow"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "tx-store.h"
#include "tx-vocabulary.h"
#include "tx-workflow.h"

G_DEFINE_QUARK (tx-workflow-error-quark, tx_workflow_error)

static gboolean
has_category (TxParticipant *participant,
              TxCategory     category)
{
  for (guint i = 0; i < participant->categories->len; i++)
    if (g_array_index (participant->categories, TxCategory, i) == category)
      return TRUE;

  return FALSE;
}

/**
 * tx_composition_check:
 * @participants: (element-type TxParticipant)
 * @attended_only: count those who came (after the meeting) instead of
 *   those invited
 * @required_share: the least share of stakeholders, 0 to 1
 *
 * "Liaison group + N": at least one member of the liaison group, at least
 * one of the two deputies and one member (两代表一委员), and stakeholders
 * at least @required_share of those counted.  A person counts by their
 * categories on the roster or by their role at the meeting.
 *
 * Returns: (transfer full): the counts and what is missing
 */
TxComposition *
tx_composition_check (GPtrArray *participants,
                      gboolean   attended_only,
                      double     required_share)
{
  TxComposition *composition = g_new0 (TxComposition, 1);
  guint needed;

  composition->required_share = required_share;
  composition->missing = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);

      if (!participant->invited || (attended_only && participant->attended != 1))
        continue;

      composition->counted++;

      if (participant->role == TX_ROLE_LIAISON ||
          has_category (participant, TX_CATEGORY_LIAISON_LEADER) ||
          has_category (participant, TX_CATEGORY_LIAISON_OFFICER))
        composition->liaison++;

      if (participant->role == TX_ROLE_DEPUTY || participant->role == TX_ROLE_MEMBER ||
          has_category (participant, TX_CATEGORY_PARTY_DEPUTY) ||
          has_category (participant, TX_CATEGORY_NPC_DEPUTY) ||
          has_category (participant, TX_CATEGORY_CPPCC_MEMBER))
        composition->deputies++;

      if (participant->role == TX_ROLE_STAKEHOLDER ||
          has_category (participant, TX_CATEGORY_STAKEHOLDER))
        composition->stakeholders++;
    }

  if (composition->liaison == 0)
    g_ptr_array_add (composition->missing,
                     g_strdup (_("No member of the liaison group takes part.")));

  if (composition->deputies == 0)
    g_ptr_array_add (composition->missing,
                     g_strdup (_("No Party or people's congress deputy or CPPCC member takes part.")));

  /* the least whole number of stakeholders that makes the share */
  needed = (guint) ceil (composition->counted * required_share - 1e-9);
  if (composition->stakeholders < needed)
    g_ptr_array_add (composition->missing,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "Stakeholders are %u of %u; at least %.0f%% are needed, so %u more.",
                                                   "Stakeholders are %u of %u; at least %.0f%% are needed, so %u more.",
                                                   needed - composition->stakeholders),
                                      composition->stakeholders, composition->counted,
                                      required_share * 100, needed - composition->stakeholders));

  composition->ok = composition->missing->len == 0;

  return composition;
}

void
tx_composition_free (TxComposition *composition)
{
  if (composition == NULL)
    return;

  g_ptr_array_unref (composition->missing);
  g_free (composition);
}

/**
 * tx_stage_check_done:
 * @done: the day the stage was done
 * @reason: (nullable): why, when a stage is done before the one before it
 * @today: the day no stage may be done after
 *
 * The six stages go in order: a stage is done on or after the day the
 * one before it was, and not before that one is done unless a reason is
 * given; no stage is done in the future.
 */
gboolean
tx_stage_check_done (TxConsultation  *consultation,
                     TxStage          stage,
                     TxDate           done,
                     const char      *reason,
                     TxDate           today,
                     GError         **error)
{
  g_autofree char *reason_copy = reason ? g_strstrip (g_strdup (reason)) : NULL;
  gboolean has_reason = reason_copy != NULL && reason_copy[0] != '\0';
  char done_text[11];

  g_return_val_if_fail (stage < TX_N_STAGES, FALSE);

  if (done == TX_DATE_NONE)
    {
      g_set_error_literal (error, TX_WORKFLOW_ERROR, TX_WORKFLOW_ERROR_BAD_DATE,
                           _("Say on which day the stage was done."));
      return FALSE;
    }
  tx_date_write_iso (done, done_text);

  if (today != TX_DATE_NONE && done > today)
    {
      g_set_error (error, TX_WORKFLOW_ERROR, TX_WORKFLOW_ERROR_IN_FUTURE,
                   _("%s cannot be done on %s, which is after today."),
                   tx_stage_get_label (stage), done_text);
      return FALSE;
    }

  if (stage > 0)
    {
      TxDate previous = tx_date_from_iso (tx_consultation_get_stage_done (consultation, stage - 1));

      if (previous == TX_DATE_NONE && !has_reason)
        {
          g_set_error (error, TX_WORKFLOW_ERROR, TX_WORKFLOW_ERROR_OUT_OF_ORDER,
                       _("%s is not done yet, so %s cannot be marked done. Mark it done first, or say why this stage comes first."),
                       tx_stage_get_label (stage - 1), tx_stage_get_label (stage));
          return FALSE;
        }

      if (previous != TX_DATE_NONE && done < previous && !has_reason)
        {
          g_set_error (error, TX_WORKFLOW_ERROR, TX_WORKFLOW_ERROR_BEFORE_PREVIOUS,
                       _("%s was done on %s, so %s cannot be done earlier, on %s. Check the date, or say why."),
                       tx_stage_get_label (stage - 1), tx_consultation_get_stage_done (consultation, stage - 1),
                       tx_stage_get_label (stage), done_text);
          return FALSE;
        }
    }

  return TRUE;
}
