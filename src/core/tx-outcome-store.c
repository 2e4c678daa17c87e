/* tx-outcome-store.c — recommendations in the store: list, load, save,
 * delete and restore
 *
 * The one place that reads and writes the rows of a recommendation and
 * its supervision records; the editors, tongxin-cli and the exchange
 * importer all write through tx_store_write_outcome().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-outcome-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tx-outcome-store.h"
#include "tx-records-private.h"
#include "tx-rules.h"
#include "tx-settings.h"
#include "tx-vocabulary.h"

#define OUTCOME_COLUMNS \
  "o.id, o.uuid, c.uuid, c.title, t.name, o.title, o.content, o.submitted_to, " \
  "o.submitted_on, o.has_feedback, o.feedback_due, o.feedback_received, " \
  "o.feedback_text, o.adoption, o.progress, o.updated_at "

#define OUTCOME_FROM \
  "FROM outcome o JOIN consultation c ON c.id = o.consultation_id " \
  "JOIN township t ON t.id = c.township_id "

static TxOutcome *
outcome_from_row (sqlite3_stmt *stmt)
{
  TxOutcome *outcome = tx_outcome_new ();

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

  return outcome;
}

/* The supervision records of @outcomes, whose row ids are @ids, read
 * in one statement. */
static gboolean
load_supervisions (TxStore    *store,
                   GPtrArray  *outcomes,
                   GArray     *ids,
                   GError    **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (outcomes->len == 0)
    return TRUE;

  for (guint i = 0; i < outcomes->len; i++)
    g_hash_table_insert (by_id, &g_array_index (ids, gint64, i), g_ptr_array_index (outcomes, i));

  json = tx_store_ids_to_json ((const gint64 *) ids->data, ids->len);
  stmt = tx_store_prepare (store,
                           "SELECT s.outcome_id, s.phase, s.date, s.by_whom, s.note "
                           "FROM json_each (?1) j JOIN supervision s ON s.outcome_id = j.value "
                           "ORDER BY j.key, s.position",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      TxOutcome *outcome = g_hash_table_lookup (by_id, &id);
      TxSupervisionPhase phase = TX_SUPERVISION_BEFORE;
      TxSupervision *supervision;

      if (outcome == NULL)
        continue;
      tx_supervision_phase_from_key (tx_column_text (stmt, 1), &phase);
      supervision = tx_supervision_new (phase);
      supervision->date = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      supervision->by = g_strdup (tx_column_text (stmt, 3));
      supervision->note = g_strdup (tx_column_text (stmt, 4));
      g_ptr_array_add (outcome->supervisions, supervision);
    }
  sqlite3_reset (stmt);

  return rc != SQLITE_ERROR;
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
  int rc;

  /* one consultation's through the index of its recommendations */
  if (consultation_uuid != NULL)
    stmt = tx_store_prepare (store,
                             "SELECT " OUTCOME_COLUMNS OUTCOME_FROM
                             "WHERE o.deleted_at IS NULL "
                             "AND o.consultation_id = (SELECT id FROM consultation WHERE uuid = ?1) "
                             "ORDER BY o.submitted_on IS NULL, o.submitted_on, o.id",
                             error);
  else
    stmt = tx_store_prepare (store,
                             "SELECT " OUTCOME_COLUMNS OUTCOME_FROM
                             "WHERE o.deleted_at IS NULL "
                             "ORDER BY o.submitted_on IS NULL, o.submitted_on, o.id",
                             error);
  if (stmt == NULL)
    return NULL;

  if (consultation_uuid != NULL)
    sqlite3_bind_text (stmt, 1, consultation_uuid, -1, SQLITE_TRANSIENT);
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      TxOutcome *outcome = outcome_from_row (stmt);
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (outcomes, outcome);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return NULL;

  if (!load_supervisions (store, outcomes, ids, error))
    return NULL;

  return g_steal_pointer (&outcomes);
}

/**
 * tx_store_list_outcome_years:
 *
 * Returns: (transfer full) (element-type int): the years that have
 *   recommendations, newest first, as the year filter counts them
 */
GArray *
tx_store_list_outcome_years (TxStore  *store,
                             GError  **error)
{
  /* TX_SQL_OUTCOME_YEAR, through the index on the day sent: the years
   * the days sent begin with, each kept when one of its recommendations
   * is shown; then those of the recommendations not sent */
  return tx_store_query_ints (store,
                               "WITH prefixes (prefix) AS ("
                               "  SELECT DISTINCT substr (submitted_on, 1, 4) FROM outcome "
                               "  WHERE submitted_on IS NOT NULL) "
                               "SELECT year FROM ("
                               "  SELECT CAST (p.prefix AS INTEGER) AS year FROM prefixes p WHERE EXISTS ("
                               "    SELECT 1 FROM outcome o JOIN consultation c ON c.id = o.consultation_id "
                               "    WHERE o.submitted_on >= p.prefix AND o.submitted_on < p.prefix || char (1114111) "
                               "    AND o.deleted_at IS NULL AND c.deleted_at IS NULL) "
                               "  UNION "
                               "  SELECT " TX_SQL_CONSULTATION_YEAR " FROM outcome o "
                               "  JOIN consultation c ON c.id = o.consultation_id "
                               "  WHERE o.submitted_on IS NULL AND o.deleted_at IS NULL AND c.deleted_at IS NULL) "
                               "WHERE year > 0 ORDER BY year DESC",
                               error);
}

/**
 * tx_store_query_consultation_outcome_ids:
 * @consultation: a consultation's uuid
 *
 * Returns: (transfer full) (nullable) (element-type gint64): the row ids
 *   of its recommendations, deleted or not; %NULL when no consultation
 *   has that id (any more) or the database could not be read
 */
GArray *
tx_store_query_consultation_outcome_ids (TxStore    *store,
                                         const char *consultation)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean found = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  stmt = tx_store_prepare (store,
                           "SELECT o.id FROM consultation AS c LEFT JOIN outcome AS o ON o.consultation_id = c.id "
                           "WHERE c.uuid = ?",
                           NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, consultation, -1, SQLITE_TRANSIENT);
  while ((rc = tx_store_step (store, stmt, NULL)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      found = TRUE;
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE && found ? g_steal_pointer (&ids) : NULL;
}

/**
 * tx_store_query_outcome_ids:
 * @filter: which recommendations
 *
 * Returns: (transfer full) (element-type gint64): the row ids of the
 *   recommendations @filter lets through, by submission, filtered in SQL
 *   (overdue feedback by the rule of tx_feedback_get_status ())
 */
GArray *
tx_store_query_outcome_ids (TxStore               *store,
                            const TxOutcomeFilter *filter,
                            GError               **error)
{
  sqlite3_stmt *stmt;

  /* A year is chosen through the index on the day sent: a day sent
   * whose first four characters are the year is one from "2026" up to
   * "2027" as text; the others are of the year of their consultation. */
#define OUTCOME_IDS(year) \
  "SELECT o.id " OUTCOME_FROM \
  "WHERE o.deleted_at IS NULL AND c.deleted_at IS NULL " \
  "AND " year " " \
  "AND (?2 IS NULL OR t.name = ?2 OR t.uuid = ?2) " \
  "AND (?3 < 0 OR o.adoption = ?4) " \
  "AND (?5 = 0 OR tx_feedback_state (o.submitted_on, o.feedback_due, o.feedback_received, " \
  "  ?6, ?7) = ?8) " \
  "AND (?9 IS NULL OR c.uuid = ?9) " \
  "ORDER BY o.submitted_on IS NULL, o.submitted_on, o.id"
  if (filter->year >= 1000 && filter->year < 9999)
    stmt = tx_store_prepare (store,
                             OUTCOME_IDS ("(o.submitted_on >= ?10 AND o.submitted_on < ?11 "
                                          " OR o.submitted_on IS NULL AND " TX_SQL_CONSULTATION_YEAR " = ?1)"),
                             error);
  else
    stmt = tx_store_prepare (store, OUTCOME_IDS ("(?1 = 0 OR " TX_SQL_OUTCOME_YEAR " = ?1)"), error);
#undef OUTCOME_IDS
  if (stmt == NULL)
    return NULL;

  if (filter->year >= 1000 && filter->year < 9999)
    {
      char from[16], to[16];

      g_snprintf (from, sizeof from, "%d", filter->year);
      g_snprintf (to, sizeof to, "%d", filter->year + 1);
      sqlite3_bind_text (stmt, 10, from, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 11, to, -1, SQLITE_TRANSIENT);
    }

  sqlite3_bind_int (stmt, 1, filter->year);
  tx_bind_text_or_null (stmt, 2, filter->township);
  sqlite3_bind_int (stmt, 3, filter->adoption);
  sqlite3_bind_text (stmt, 4, filter->adoption >= 0 ? tx_adoption_to_key (filter->adoption) : "", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, filter->overdue_only);
  sqlite3_bind_int (stmt, 6, filter->today);
  sqlite3_bind_int (stmt, 7, filter->feedback_days >= 0
                             ? filter->feedback_days
                             : tx_settings_get_feedback_days (tx_store_get_settings (store)));
  sqlite3_bind_int (stmt, 8, TX_FEEDBACK_OVERDUE);
  tx_bind_text_or_null (stmt, 9, filter->consultation);

  return tx_store_step_ids (store, stmt, error);
}

/**
 * tx_store_load_outcomes:
 *
 * Returns: (transfer full) (element-type TxOutcome): the
 *   recommendations of @ids with their supervision records, in that
 *   order; one deleted meanwhile is left out
 */
GPtrArray *
tx_store_load_outcomes (TxStore       *store,
                        const gint64  *ids,
                        guint          n_ids,
                        GError       **error)
{
  g_autoptr(GPtrArray) outcomes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (n_ids == 0)
    return g_steal_pointer (&outcomes);

  /* one statement for them all: a quarter's ledger of a city reads
   * thousands */
  json = tx_store_ids_to_json (ids, n_ids);
  stmt = tx_store_prepare (store,
                           "SELECT " OUTCOME_COLUMNS
                           "FROM json_each (?1) j JOIN outcome o ON o.id = j.value "
                           "JOIN consultation c ON c.id = o.consultation_id "
                           "JOIN township t ON t.id = c.township_id "
                           "WHERE o.deleted_at IS NULL ORDER BY j.key",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_ptr_array_add (outcomes, outcome_from_row (stmt));
      g_array_append_val (found, id);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return NULL;

  if (!load_supervisions (store, outcomes, found, error))
    return NULL;

  return g_steal_pointer (&outcomes);
}

/**
 * tx_store_write_outcome:
 * @flags: %TX_WRITE_AS_RECEIVED for a record from another office (its
 *   updated_at kept, its consultation possibly deleted here)
 *
 * Writes @outcome's row and its supervision records inside the open
 * transaction: the one writer of recommendations, for the editors and
 * tongxin-cli (tx_store_save_outcome()) and for the exchange importer.
 *
 * Every way a recommendation comes in passes here, so here it is
 * checked by the rules the editors show (tx_outcome_check()): one the
 * editor refuses, feedback received before it was submitted, is
 * refused from a file too.  The calendar is the callers' to look at,
 * with the day they were given.
 */
gboolean
tx_store_write_outcome (TxStore      *store,
                        TxOutcome    *self,
                        TxWriteFlags  flags,
                        GError      **error)
{
  gboolean received = (flags & TX_WRITE_AS_RECEIVED) && self->updated_at != NULL;
  g_autofree char *now = received ? NULL : tx_store_stamp_now (store);
  const char *updated = received ? self->updated_at : now;
  g_autoptr(GPtrArray) problems = NULL;
  sqlite3_stmt *stmt;
  gint64 consultation_id;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (tx_store_in_transaction (store), FALSE);
  g_return_val_if_fail (self->uuid != NULL, FALSE);

  problems = tx_outcome_check (self, TX_DATE_NONE);
  if (!tx_problems_to_error (problems, error))
    return FALSE;

  consultation_id = tx_store_find_id (store, "consultation", self->consultation_uuid,
                                      (flags & TX_WRITE_AS_RECEIVED) != 0, error);
  if (consultation_id < 0)
    return FALSE;
  if (consultation_id == 0)
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                           _("A recommendation belongs to a consultation: choose one."));
      return FALSE;
    }

  stmt = tx_store_prepare (store,
                           "INSERT INTO outcome (uuid, consultation_id, title, content, submitted_to, submitted_on, "
                           "  has_feedback, feedback_due, feedback_received, feedback_text, adoption, progress, updated_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
                           "ON CONFLICT (uuid) DO UPDATE SET consultation_id = ?2, title = ?3, content = ?4, "
                           "  submitted_to = ?5, submitted_on = ?6, has_feedback = ?7, feedback_due = ?8, "
                           "  feedback_received = ?9, feedback_text = ?10, adoption = ?11, progress = ?12, "
                           "  updated_at = ?13, deleted_at = NULL "
                           "RETURNING id",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, consultation_id);
  sqlite3_bind_text (stmt, 3, self->title ? self->title : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, self->content ? self->content : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, self->submitted_to ? self->submitted_to : "", -1, SQLITE_TRANSIENT);
  tx_bind_text_or_null (stmt, 6, self->submitted);
  sqlite3_bind_int (stmt, 7, self->has_feedback);
  tx_bind_text_or_null (stmt, 8, self->feedback_due);
  tx_bind_text_or_null (stmt, 9, self->feedback_received);
  sqlite3_bind_text (stmt, 10, self->feedback_text ? self->feedback_text : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, tx_adoption_to_key (self->adoption), -1, SQLITE_STATIC);
  if (self->progress >= 0)
    sqlite3_bind_int (stmt, 12, self->progress);
  sqlite3_bind_text (stmt, 13, updated, -1, SQLITE_TRANSIENT);
  rc = tx_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (id == 0)
    {
      if (rc != SQLITE_ERROR)
        tx_store_set_sql_error (store, error, _("Could not save the recommendation"));
      return FALSE;
    }

  stmt = tx_store_prepare (store, "DELETE FROM supervision WHERE outcome_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;

  for (guint i = 0; i < self->supervisions->len; i++)
    {
      TxSupervision *supervision = g_ptr_array_index (self->supervisions, i);

      stmt = tx_store_prepare (store,
                               "INSERT INTO supervision (outcome_id, position, phase, date, by_whom, note) "
                               "VALUES (?, ?, ?, ?, ?, ?)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, tx_supervision_phase_to_key (supervision->phase), -1, SQLITE_STATIC);
      tx_bind_text_or_null (stmt, 4, supervision->date);
      sqlite3_bind_text (stmt, 5, supervision->by ? supervision->by : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, supervision->note ? supervision->note : "", -1, SQLITE_TRANSIENT);
      if (!tx_store_step_done (store, stmt, error))
        return FALSE;
    }

  tx_store_emit_record_changed (store, "outcome", self->uuid);
  return TRUE;
}

static gboolean
save_outcome (TxStore   *store,
              gpointer   user_data,
              GError   **error)
{
  TxOutcome *self = user_data;
  gint64 existing = tx_store_find_id (store, "outcome", self->uuid, TRUE, error);

  if (existing < 0 || !tx_store_write_outcome (store, self, 0, error))
    return FALSE;

  return tx_store_audit (store, existing > 0 ? "update" : "insert", "outcome", self->uuid, self->title, error);
}

/**
 * tx_store_save_outcome:
 *
 * Saves a recommendation with its supervision records (new when its
 * uuid is unknown), unless tx_outcome_check() finds something wrong:
 * then nothing is written and @error says the first problem.  Feedback
 * is due on the date agreed, or when none was, the feedback-days
 * setting after submission (tx_feedback_get_status()).
 */
gboolean
tx_store_save_outcome (TxStore    *store,
                       TxOutcome  *outcome,
                       GError    **error)
{
  g_autoptr(GPtrArray) problems = NULL;

  g_return_val_if_fail (TX_IS_STORE (store), FALSE);
  g_return_val_if_fail (TX_IS_OUTCOME (outcome), FALSE);

  if (outcome->title != NULL)
    g_strstrip (outcome->title);

  problems = tx_outcome_check (outcome, TX_DATE_NONE);
  if (!tx_problems_to_error (problems, error))
    return FALSE;

  if (outcome->uuid == NULL)
    outcome->uuid = tx_uuid_new ();

  return tx_store_write (store, save_outcome, outcome, error);
}

typedef struct {
  const char *uuid;
  gboolean    restore;
} DeleteJob;

static gboolean
delete_outcome (TxStore   *store,
                gpointer   user_data,
                GError   **error)
{
  DeleteJob *job = user_data;
  g_autofree char *now = tx_store_stamp_now (store);
  sqlite3_stmt *stmt;

  stmt = tx_store_prepare (store,
                           job->restore
                           ? "UPDATE outcome SET deleted_at = NULL, updated_at = ?2 WHERE uuid = ?1 AND deleted_at IS NOT NULL"
                           : "UPDATE outcome SET deleted_at = ?2, updated_at = ?2 WHERE uuid = ?1 AND deleted_at IS NULL",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, job->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;

  if (sqlite3_changes (tx_store_get_db (store)) == 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("There is no recommendation with the id %s."), job->uuid);
      return FALSE;
    }

  tx_store_emit_record_changed (store, "outcome", job->uuid);
  return tx_store_audit (store, job->restore ? "restore" : "delete", "outcome", job->uuid, "", error);
}

/* Soft delete, for Undo; @restore brings it back. */
gboolean
tx_store_delete_outcome (TxStore     *store,
                         const char  *uuid,
                         gboolean     restore,
                         GError     **error)
{
  DeleteJob job = { uuid, restore };

  return tx_store_write (store, delete_outcome, &job, error);
}

TxOutcome *
tx_store_load_outcome (TxStore     *store,
                       const char  *uuid,
                       GError     **error)
{
  g_autoptr(GPtrArray) outcomes = NULL;
  gint64 id;

  /* by its id, not by reading every recommendation of a city */
  id = tx_store_find_id (store, "outcome", uuid, FALSE, error);
  if (id < 0)
    return NULL;

  outcomes = id != 0 ? tx_store_load_outcomes (store, &id, 1, error) : NULL;
  if (id != 0 && outcomes == NULL)
    return NULL;
  if (outcomes != NULL && outcomes->len == 1)
    return g_object_ref (g_ptr_array_index (outcomes, 0));

  g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
               _("There is no recommendation with the id %s."), uuid);
  return NULL;
}
