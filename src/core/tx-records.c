/* tx-records.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-records"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tx-records-private.h"
#include "tx-records.h"
#include "tx-vocabulary.h"

#define CONSULTATION_COLUMNS \
  "c.id, c.uuid, c.title, t.uuid, t.name, c.topic_source, c.orientation, c.platform, " \
  "c.venue, c.starts_at, c.ends_at, c.research_notes, c.updated_at "

static TxConsultation *
consultation_from_row (sqlite3_stmt *stmt)
{
  TxConsultation *consultation = tx_consultation_new ();

  consultation->uuid = g_strdup (tx_column_text (stmt, 1));
  consultation->title = g_strdup (tx_column_text (stmt, 2));
  consultation->township_uuid = g_strdup (tx_column_text (stmt, 3));
  consultation->township_name = g_strdup (tx_column_text (stmt, 4));
  tx_topic_source_from_key (tx_column_text (stmt, 5), &consultation->topic_source);
  tx_orientation_from_key (tx_column_text (stmt, 6), &consultation->orientation);
  tx_platform_from_key (tx_column_text (stmt, 7), &consultation->platform);
  consultation->venue = g_strdup (tx_column_text (stmt, 8));
  consultation->starts = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  consultation->ends = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
  consultation->research = g_strdup (tx_column_text (stmt, 11));
  consultation->updated_at = g_strdup (tx_column_text (stmt, 12));

  return consultation;
}

static gboolean
load_stages (TxStore         *store,
             gint64           id,
             TxConsultation  *consultation,
             GError         **error)
{
  sqlite3_stmt *stmt;

  stmt = tx_store_prepare (store, "SELECT stage, due, done FROM stage WHERE consultation_id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int stage = sqlite3_column_int (stmt, 0);

      if (stage < 0 || stage >= TX_N_STAGES)
        continue;
      g_free (consultation->stage_due[stage]);
      g_free (consultation->stage_done[stage]);
      consultation->stage_due[stage] = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      consultation->stage_done[stage] = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);

  return TRUE;
}

/**
 * tx_store_list_consultations:
 * @year: 0 for every year
 * @township: (nullable): a township's name or uuid
 *
 * Returns: (transfer full) (element-type TxConsultation): with their
 *   stages, by meeting date
 */
GPtrArray *
tx_store_list_consultations (TxStore     *store,
                             int          year,
                             const char  *township,
                             GError     **error)
{
  g_autoptr(GPtrArray) consultations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  stmt = tx_store_prepare (store,
                           "SELECT " CONSULTATION_COLUMNS
                           "FROM consultation c JOIN township t ON t.id = c.township_id "
                           "WHERE c.deleted_at IS NULL "
                           "AND (?1 = 0 OR CAST (coalesce (substr (c.starts_at, 1, 4), "
                           "     (SELECT substr (min (due), 1, 4) FROM stage WHERE consultation_id = c.id)) AS INTEGER) = ?1) "
                           "AND (?2 IS NULL OR t.name = ?2 OR t.uuid = ?2) "
                           "ORDER BY c.starts_at IS NULL, c.starts_at, c.title",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, year);
  tx_bind_text_or_null (stmt, 2, township);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (consultations, consultation_from_row (stmt));
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < consultations->len; i++)
    if (!load_stages (store, g_array_index (ids, gint64, i), g_ptr_array_index (consultations, i), error))
      return NULL;

  return g_steal_pointer (&consultations);
}

static gboolean
load_participants (TxStore         *store,
                   gint64           id,
                   TxConsultation  *consultation,
                   GError         **error)
{
  sqlite3_stmt *stmt;

  stmt = tx_store_prepare (store,
                           "SELECT p.uuid, p.name, pa.role, pa.invited, pa.attended, "
                           "  (SELECT group_concat (category) FROM (SELECT category FROM person_category "
                           "   WHERE person_id = p.id ORDER BY position)) "
                           "FROM participant pa JOIN person p ON p.id = pa.person_id "
                           "WHERE pa.consultation_id = ? ORDER BY pa.position, p.sort_pinyin",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TxRole role = TX_ROLE_OBSERVER;
      TxParticipant *participant;
      g_auto(GStrv) keys = NULL;

      tx_role_from_key (tx_column_text (stmt, 2), &role);
      participant = tx_participant_new (tx_column_text (stmt, 0), role);
      participant->name = g_strdup (tx_column_text (stmt, 1));
      participant->invited = sqlite3_column_int (stmt, 3) != 0;
      participant->attended = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 4);

      keys = g_strsplit (tx_column_text (stmt, 5), ",", -1);
      for (guint i = 0; keys[i] != NULL; i++)
        {
          TxCategory category;

          if (tx_category_from_key (keys[i], &category))
            g_array_append_val (participant->categories, category);
        }

      g_ptr_array_add (consultation->participants, participant);
    }
  sqlite3_reset (stmt);

  return TRUE;
}

static gboolean
load_minutes (TxStore         *store,
              gint64           id,
              TxConsultation  *consultation,
              GError         **error)
{
  sqlite3_stmt *stmt;

  stmt = tx_store_prepare (store,
                           "SELECT recorder, agenda, consensus, next_steps FROM minutes WHERE consultation_id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      consultation->has_minutes = TRUE;
      consultation->recorder = g_strdup (tx_column_text (stmt, 0));
      consultation->agenda = g_strdup (tx_column_text (stmt, 1));
      consultation->consensus = g_strdup (tx_column_text (stmt, 2));
      consultation->next_steps = g_strdup (tx_column_text (stmt, 3));
    }
  sqlite3_reset (stmt);

  stmt = tx_store_prepare (store,
                           "SELECT speaker, summary FROM speech WHERE consultation_id = ? ORDER BY position",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (consultation->speeches,
                     tx_speech_new (tx_column_text (stmt, 0), tx_column_text (stmt, 1)));
  sqlite3_reset (stmt);

  return TRUE;
}

/**
 * tx_store_load_consultation:
 * @uuid_or_title: a uuid, or the exact title
 *
 * Returns: (transfer full): the consultation with its stages,
 *   participants, minutes and outcomes
 */
TxConsultation *
tx_store_load_consultation (TxStore     *store,
                            const char  *uuid_or_title,
                            GError     **error)
{
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GString) townships = g_string_new (NULL);
  sqlite3_stmt *stmt;
  gint64 id = 0;
  guint matches = 0;

  stmt = tx_store_prepare (store,
                           "SELECT " CONSULTATION_COLUMNS
                           "FROM consultation c JOIN township t ON t.id = c.township_id "
                           "WHERE (c.uuid = ?1 OR c.title = ?1) AND c.deleted_at IS NULL "
                           "ORDER BY c.uuid = ?1 DESC",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, uuid_or_title, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gboolean by_uuid = g_strcmp0 (tx_column_text (stmt, 1), uuid_or_title) == 0;

      if (matches > 0)
        g_string_append (townships, C_("list of townships", ", "));
      g_string_append (townships, tx_column_text (stmt, 4));

      if (consultation == NULL)
        {
          id = sqlite3_column_int64 (stmt, 0);
          consultation = consultation_from_row (stmt);
        }
      matches++;

      if (by_uuid)
        {
          matches = 1;
          break;
        }
    }
  sqlite3_reset (stmt);

  if (consultation == NULL)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("There is no consultation “%s”. Give its exact title or its id."),
                   uuid_or_title);
      return NULL;
    }

  if (matches > 1)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_AMBIGUOUS,
                   _("%u consultations are titled “%s” (in %s). Give the id of the one you mean."),
                   matches, uuid_or_title, townships->str);
      return NULL;
    }

  if (!load_stages (store, id, consultation, error) ||
      !load_participants (store, id, consultation, error) ||
      !load_minutes (store, id, consultation, error))
    return NULL;

  outcomes = tx_store_list_outcomes (store, consultation->uuid, error);
  if (outcomes == NULL)
    return NULL;
  g_ptr_array_extend_and_steal (consultation->outcomes, g_steal_pointer (&outcomes));

  return g_steal_pointer (&consultation);
}

/**
 * tx_store_list_outcomes:
 * @consultation_uuid: (nullable): only this consultation's
 *
 * Returns: (transfer full) (element-type TxOutcome): with their
 *   supervision records
 */
GPtrArray *
tx_store_list_outcomes (TxStore     *store,
                        const char  *consultation_uuid,
                        GError     **error)
{
  g_autoptr(GPtrArray) outcomes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  stmt = tx_store_prepare (store,
                           "SELECT o.id, o.uuid, c.uuid, c.title, t.name, o.title, o.content, o.submitted_to, "
                           "  o.submitted_on, o.has_feedback, o.feedback_due, o.feedback_received, "
                           "  o.feedback_text, o.adoption, o.progress, o.updated_at "
                           "FROM outcome o JOIN consultation c ON c.id = o.consultation_id "
                           "JOIN township t ON t.id = c.township_id "
                           "WHERE o.deleted_at IS NULL AND (?1 IS NULL OR c.uuid = ?1) "
                           "ORDER BY o.submitted_on IS NULL, o.submitted_on, o.id",
                           error);
  if (stmt == NULL)
    return NULL;

  tx_bind_text_or_null (stmt, 1, consultation_uuid);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TxOutcome *outcome = tx_outcome_new ();
      gint64 id = sqlite3_column_int64 (stmt, 0);

      outcome->uuid = g_strdup (tx_column_text (stmt, 1));
      outcome->consultation_uuid = g_strdup (tx_column_text (stmt, 2));
      outcome->consultation_title = g_strdup (tx_column_text (stmt, 3));
      outcome->township_name = g_strdup (tx_column_text (stmt, 4));
      outcome->title = g_strdup (tx_column_text (stmt, 5));
      outcome->content = g_strdup (tx_column_text (stmt, 6));
      outcome->submitted_to = g_strdup (tx_column_text (stmt, 7));
      outcome->submitted = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      outcome->has_feedback = sqlite3_column_int (stmt, 9) != 0;
      outcome->feedback_due = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
      outcome->feedback_received = g_strdup ((const char *) sqlite3_column_text (stmt, 11));
      outcome->feedback_text = g_strdup (tx_column_text (stmt, 12));
      tx_adoption_from_key (tx_column_text (stmt, 13), &outcome->adoption);
      outcome->progress = sqlite3_column_type (stmt, 14) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 14);
      outcome->updated_at = g_strdup (tx_column_text (stmt, 15));

      g_array_append_val (ids, id);
      g_ptr_array_add (outcomes, outcome);
    }
  sqlite3_reset (stmt);

  stmt = tx_store_prepare (store,
                           "SELECT phase, date, by_whom, note FROM supervision WHERE outcome_id = ? ORDER BY position",
                           error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < outcomes->len; i++)
    {
      TxOutcome *outcome = g_ptr_array_index (outcomes, i);

      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          TxSupervisionPhase phase = TX_SUPERVISION_BEFORE;
          TxSupervision *supervision;

          tx_supervision_phase_from_key (tx_column_text (stmt, 0), &phase);
          supervision = tx_supervision_new (phase);
          supervision->date = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          supervision->by = g_strdup (tx_column_text (stmt, 2));
          supervision->note = g_strdup (tx_column_text (stmt, 3));
          g_ptr_array_add (outcome->supervisions, supervision);
        }
      sqlite3_reset (stmt);
    }

  return g_steal_pointer (&outcomes);
}

/**
 * tx_store_count:
 * @kind: "township", "person", "consultation" or "outcome"
 *
 * Returns: how many such records are not deleted
 */
guint
tx_store_count (TxStore    *store,
                const char *kind)
{
  sqlite3_stmt *stmt = NULL;
  guint count = 0;

  if (g_strcmp0 (kind, "township") == 0)
    stmt = tx_store_prepare (store, "SELECT count(*) FROM township WHERE deleted_at IS NULL", NULL);
  else if (g_strcmp0 (kind, "person") == 0)
    stmt = tx_store_prepare (store, "SELECT count(*) FROM person WHERE deleted_at IS NULL", NULL);
  else if (g_strcmp0 (kind, "consultation") == 0)
    stmt = tx_store_prepare (store, "SELECT count(*) FROM consultation WHERE deleted_at IS NULL", NULL);
  else if (g_strcmp0 (kind, "outcome") == 0)
    stmt = tx_store_prepare (store, "SELECT count(*) FROM outcome WHERE deleted_at IS NULL", NULL);

  g_return_val_if_fail (stmt != NULL, 0);

  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}
