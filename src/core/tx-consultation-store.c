/* tx-consultation-store.c — consultations in the store: list, load,
 * save, stages done, participants and attendance, delete and restore
 *
 * The one place that reads and writes the rows of a consultation: its
 * details, its six stages, its participants, its minutes and speeches.
 * The editors, tongxin-cli and the exchange importer all write through
 * tx_store_write_consultation().  Every change is one transaction with a
 * line in the audit log, and stamps the consultation's updated_at so the
 * exchange carries it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-consultation-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tx-consultation-store.h"
#include "tx-meeting.h"
#include "tx-outcome-store.h"
#include "tx-records-private.h"
#include "tx-rules.h"
#include "tx-vocabulary.h"
#include "tx-workflow.h"

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

/* A stage of @consultation from the due date, the done date and the
 * note in the columns of @stmt from @column on. */
static void
set_stage (TxConsultation *consultation,
           int             stage,
           sqlite3_stmt   *stmt,
           int             column)
{
  g_free (consultation->stage_due[stage]);
  g_free (consultation->stage_done[stage]);
  consultation->stage_due[stage] = g_strdup ((const char *) sqlite3_column_text (stmt, column));
  consultation->stage_done[stage] = g_strdup ((const char *) sqlite3_column_text (stmt, column + 1));
  tx_record_set_text (&consultation->stage_note[stage], (const char *) sqlite3_column_text (stmt, column + 2));
}

static gboolean
load_stages (TxStore         *store,
             gint64           id,
             TxConsultation  *consultation,
             GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = tx_store_prepare (store, "SELECT stage, due, done, note FROM stage WHERE consultation_id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      int stage = sqlite3_column_int (stmt, 0);

      if (stage < 0 || stage >= TX_N_STAGES)
        continue;
      set_stage (consultation, stage, stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return FALSE;

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
  g_autoptr(GArray) ids = NULL;
  sqlite3_stmt *stmt;

  /* the ids in order, then the records with their stages in two
   * statements: a city has thousands */
  stmt = tx_store_prepare (store,
                           "SELECT c.id "
                           "FROM consultation c JOIN township t ON t.id = c.township_id "
                           "WHERE c.deleted_at IS NULL "
                           "AND (?1 = 0 OR " TX_SQL_CONSULTATION_YEAR " = ?1) "
                           "AND (?2 IS NULL OR t.name = ?2 OR t.uuid = ?2) "
                           "ORDER BY c.starts_at IS NULL, c.starts_at, c.title",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, year);
  tx_bind_text_or_null (stmt, 2, township);
  ids = tx_store_step_ids (store, stmt, error);
  if (ids == NULL)
    return NULL;

  return tx_store_load_consultations (store, (const gint64 *) ids->data, ids->len, error);
}

/**
 * tx_store_list_consultation_years:
 *
 * Returns: (transfer full) (element-type int): the years that have
 *   consultations, newest first, as the year filter counts them
 */
GArray *
tx_store_list_consultation_years (TxStore  *store,
                                  GError  **error)
{
  return tx_store_query_ints (store,
                               "SELECT DISTINCT " TX_SQL_CONSULTATION_YEAR " AS year "
                               "FROM consultation c WHERE c.deleted_at IS NULL AND year > 0 "
                               "ORDER BY year DESC",
                               error);
}

/**
 * tx_store_query_consultation_ids:
 * @filter: which consultations
 *
 * Returns: (transfer full) (element-type gint64): the row ids of the
 *   consultations @filter lets through, by meeting date, filtered in
 *   SQL (the stage by the rule of tx_consultation_get_current_stage ())
 */
GArray *
tx_store_query_consultation_ids (TxStore                    *store,
                                 const TxConsultationFilter *filter,
                                 GError                    **error)
{
  g_autofree char *uuids = NULL;
  sqlite3_stmt *stmt;

  stmt = tx_store_prepare (store,
                           "SELECT c.id FROM consultation c JOIN township t ON t.id = c.township_id "
                           "WHERE c.deleted_at IS NULL "
                           "AND (?1 = 0 OR " TX_SQL_CONSULTATION_YEAR " = ?1) "
                           "AND (?2 IS NULL OR t.name = ?2 OR t.uuid = ?2) "
                           "AND (?3 < 0 OR tx_current_stage ((SELECT group_concat (stage) FROM stage s "
                           "  WHERE s.consultation_id = c.id AND s.done IS NOT NULL)) = ?3) "
                           "AND (?4 IS NULL OR c.uuid IN (SELECT value FROM json_each (?4))) "
                           "ORDER BY c.starts_at IS NULL, c.starts_at, c.title, c.id",
                           error);
  if (stmt == NULL)
    return NULL;

  if (filter->uuids != NULL)
    {
      g_autoptr(GString) json = g_string_new ("[");

      for (guint i = 0; filter->uuids[i] != NULL; i++)
        g_string_append_printf (json, "%s\"%s\"", i ? "," : "", filter->uuids[i]);
      g_string_append_c (json, ']');
      uuids = g_string_free (g_steal_pointer (&json), FALSE);
    }

  sqlite3_bind_int (stmt, 1, filter->year);
  tx_bind_text_or_null (stmt, 2, filter->township);
  sqlite3_bind_int (stmt, 3, filter->stage);
  tx_bind_text_or_null (stmt, 4, uuids);

  return tx_store_step_ids (store, stmt, error);
}

/**
 * tx_store_list_consultations_between:
 * @from: the first day, YYYY-MM-DD
 * @to: the last day, YYYY-MM-DD
 *
 * What a calendar of these days shows, read without the rest of the
 * history: the consultations meeting between them (a day either side,
 * for the time zone of the meeting's time) or with a stage due between
 * them.
 *
 * Returns: (transfer full) (element-type TxConsultation): with their
 *   stages, by meeting time, then title
 */
GPtrArray *
tx_store_list_consultations_between (TxStore     *store,
                                     const char  *from,
                                     const char  *to,
                                     GError     **error)
{
  g_autoptr(GArray) ids = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TX_IS_STORE (store), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  stmt = tx_store_prepare (store,
                           "SELECT c.id FROM consultation c "
                           "WHERE c.deleted_at IS NULL AND ("
                           "(c.starts_at >= date (?1, '-1 day') AND c.starts_at < date (?2, '+2 day')) "
                           "OR c.id IN (SELECT s.consultation_id FROM stage s WHERE s.due BETWEEN ?1 AND ?2)) "
                           "ORDER BY c.starts_at IS NULL, c.starts_at, c.title",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  ids = tx_store_step_ids (store, stmt, error);
  if (ids == NULL)
    return NULL;

  return tx_store_load_consultations (store, (const gint64 *) ids->data, ids->len, error);
}

/**
 * tx_store_load_consultations:
 * @ids: (array length=n_ids): distinct row ids
 *
 * Returns: (transfer full) (element-type TxConsultation): the
 *   consultations of @ids with their stages, in that order; one deleted
 *   meanwhile is left out
 */
GPtrArray *
tx_store_load_consultations (TxStore       *store,
                             const gint64  *ids,
                             guint          n_ids,
                             GError       **error)
{
  g_autoptr(GPtrArray) consultations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (n_ids == 0)
    return g_steal_pointer (&consultations);

  /* two statements for them all, not two for each: a quarter's ledger
   * of a city reads thousands */
  json = tx_store_ids_to_json (ids, n_ids);
  stmt = tx_store_prepare (store,
                           "SELECT " CONSULTATION_COLUMNS
                           "FROM json_each (?1) j JOIN consultation c ON c.id = j.value "
                           "JOIN township t ON t.id = c.township_id "
                           "WHERE c.deleted_at IS NULL ORDER BY j.key",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      TxConsultation *consultation = consultation_from_row (stmt);

      g_hash_table_insert (by_id, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                           consultation);
      g_ptr_array_add (consultations, consultation);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return NULL;

  stmt = tx_store_prepare (store,
                           "SELECT s.consultation_id, s.stage, s.due, s.done, s.note "
                           "FROM json_each (?1) j JOIN stage s ON s.consultation_id = j.value",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      int stage = sqlite3_column_int (stmt, 1);
      TxConsultation *consultation = g_hash_table_lookup (by_id, &id);

      if (consultation == NULL || stage < 0 || stage >= TX_N_STAGES)
        continue;
      set_stage (consultation, stage, stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return NULL;

  return g_steal_pointer (&consultations);
}


static gboolean
load_minutes (TxStore         *store,
              gint64           id,
              TxConsultation  *consultation,
              GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = tx_store_prepare (store,
                           "SELECT recorder, agenda, consensus, next_steps FROM minutes WHERE consultation_id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      consultation->has_minutes = TRUE;
      consultation->recorder = g_strdup (tx_column_text (stmt, 0));
      consultation->agenda = g_strdup (tx_column_text (stmt, 1));
      consultation->consensus = g_strdup (tx_column_text (stmt, 2));
      consultation->next_steps = g_strdup (tx_column_text (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return FALSE;

  stmt = tx_store_prepare (store,
                           "SELECT speaker, summary FROM speech WHERE consultation_id = ? ORDER BY position",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (consultation->speeches,
                     tx_speech_new (tx_column_text (stmt, 0), tx_column_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return FALSE;

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
  int rc;

  stmt = tx_store_prepare (store,
                           "SELECT " CONSULTATION_COLUMNS
                           "FROM consultation c JOIN township t ON t.id = c.township_id "
                           "WHERE (c.uuid = ?1 OR c.title = ?1) AND c.deleted_at IS NULL "
                           "ORDER BY c.uuid = ?1 DESC",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, uuid_or_title, -1, SQLITE_TRANSIENT);
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
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
  if (rc == SQLITE_ERROR)
    return NULL;

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
      !tx_meeting_load_participants (store, TX_MEETING_CONSULTATION, id, consultation->participants, error) ||
      !load_minutes (store, id, consultation, error))
    return NULL;

  outcomes = tx_store_list_outcomes (store, consultation->uuid, error);
  if (outcomes == NULL)
    return NULL;
  g_ptr_array_extend_and_steal (consultation->outcomes, g_steal_pointer (&outcomes));

  return g_steal_pointer (&consultation);
}

static gint64
consultation_id (TxStore     *store,
                 const char  *uuid,
                 GError     **error)
{
  gint64 id = tx_store_find_id (store, "consultation", uuid, FALSE, error);

  if (id < 0)
    return 0;

  if (id == 0)
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                 _("There is no consultation “%s”. Give its exact title or its id."), uuid);

  return id;
}

static gint64
person_id (TxStore     *store,
           const char  *uuid,
           GError     **error)
{
  gint64 id = tx_store_find_id (store, "person", uuid, FALSE, error);

  if (id < 0)
    return 0;

  if (id == 0)
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                 _("No one on the roster has the id %s."), uuid);

  return id;
}

static gboolean
touch (TxStore     *store,
       gint64       id,
       const char  *uuid,
       const char  *summary,
       GError     **error)
{
  g_autofree char *now = tx_store_stamp_now (store);
  sqlite3_stmt *stmt = tx_store_prepare (store, "UPDATE consultation SET updated_at = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;

  tx_store_emit_record_changed (store, "consultation", uuid);
  return tx_store_audit (store, "update", "consultation", uuid, summary, error);
}

/* The row id of the record @uuid of @table; 0 with @error set when
 * there is none (@missing says what is missing) or when it cannot be
 * read. */
static gint64
find_row_id (TxStore     *store,
             const char  *table,
             const char  *uuid,
             gboolean     deleted_too,
             const char  *missing,
             GError     **error)
{
  gint64 id = tx_store_find_id (store, table, uuid, deleted_too, error);

  if (id == 0)
    g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID, missing);

  return MAX (id, 0);
}

static gboolean
run_for_id (TxStore     *store,
            const char  *sql,
            gint64       id,
            GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  return tx_store_step_done (store, stmt, error);
}

static gboolean
write_stages (TxStore         *store,
              gint64           id,
              TxConsultation  *self,
              TxWriteFlags     flags,
              GError         **error)
{
  for (guint stage = 0; stage < TX_N_STAGES; stage++)
    {
      sqlite3_stmt *stmt;

      /* done dates, with the reason one was done out of order, change
       * through tx_store_set_stage_done() and its rules, unless the
       * whole record is written */
      stmt = tx_store_prepare (store,
                               (flags & TX_WRITE_DONE_DATES)
                               ? "INSERT INTO stage (consultation_id, stage, due, done, note) VALUES (?1, ?2, ?3, ?4, ?5) "
                                 "ON CONFLICT (consultation_id, stage) DO UPDATE SET due = ?3, done = ?4, note = ?5"
                               : "INSERT INTO stage (consultation_id, stage, due, done, note) VALUES (?1, ?2, ?3, ?4, ?5) "
                                 "ON CONFLICT (consultation_id, stage) DO UPDATE SET due = ?3",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, stage);
      tx_bind_text_or_null (stmt, 3, self->stage_due[stage]);
      tx_bind_text_or_null (stmt, 4, self->stage_done[stage]);
      sqlite3_bind_text (stmt, 5, self->stage_note[stage] ? self->stage_note[stage] : "", -1, SQLITE_TRANSIENT);
      if (!tx_store_step_done (store, stmt, error))
        return FALSE;
    }

  return TRUE;
}


static gboolean
write_minutes (TxStore         *store,
               gint64           id,
               TxConsultation  *self,
               TxWriteFlags     flags,
               GError         **error)
{
  sqlite3_stmt *stmt;

  if (!self->has_minutes)
    {
      /* kept as they are, unless the whole record is written */
      if (!(flags & TX_WRITE_AS_RECEIVED))
        return TRUE;
      return run_for_id (store, "DELETE FROM speech WHERE consultation_id = ?", id, error) &&
             run_for_id (store, "DELETE FROM minutes WHERE consultation_id = ?", id, error);
    }

  stmt = tx_store_prepare (store,
                           "INSERT INTO minutes (consultation_id, recorder, agenda, consensus, next_steps) "
                           "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (consultation_id) DO UPDATE SET "
                           "recorder = ?2, agenda = ?3, consensus = ?4, next_steps = ?5",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, self->recorder ? self->recorder : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, self->agenda ? self->agenda : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, self->consensus ? self->consensus : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, self->next_steps ? self->next_steps : "", -1, SQLITE_TRANSIENT);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;

  if (!run_for_id (store, "DELETE FROM speech WHERE consultation_id = ?", id, error))
    return FALSE;

  for (guint i = 0; i < self->speeches->len; i++)
    {
      TxSpeech *speech = g_ptr_array_index (self->speeches, i);

      stmt = tx_store_prepare (store,
                               "INSERT INTO speech (consultation_id, position, speaker, summary) VALUES (?, ?, ?, ?)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, speech->speaker ? speech->speaker : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, speech->summary ? speech->summary : "", -1, SQLITE_TRANSIENT);
      if (!tx_store_step_done (store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * tx_store_write_consultation:
 * @flags: which parts to write, and whether as received from another
 *   office (keeping its updated_at, and taking a township or people
 *   deleted here)
 *
 * Writes @consultation's rows inside the open transaction: the one
 * writer of consultations, for the editors and tongxin-cli
 * (tx_store_save_consultation()) and for the exchange importer.
 *
 * Every way a consultation comes in passes here, so here it is checked
 * by the rules the editors show (tx_consultation_check(), and
 * tx_consultation_check_stages() for the done dates written): a record
 * they refuse is refused from a file too.  The calendar is the
 * callers' to look at, with the day they were given.
 */
gboolean
tx_store_write_consultation (TxStore         *store,
                             TxConsultation  *self,
                             TxWriteFlags     flags,
                             GError         **error)
{
  gboolean received = (flags & TX_WRITE_AS_RECEIVED) && self->updated_at != NULL;
  g_autofree char *now = received ? NULL : tx_store_stamp_now (store);
  const char *updated = received ? self->updated_at : now;
  g_autoptr(GPtrArray) problems = NULL;
  sqlite3_stmt *stmt;
  gint64 township_id;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (tx_store_in_transaction (store), FALSE);
  g_return_val_if_fail (self->uuid != NULL, FALSE);

  problems = tx_consultation_check (self, TX_DATE_NONE);
  if (flags & TX_WRITE_DONE_DATES)
    {
      g_autoptr(GPtrArray) stages = tx_consultation_check_stages (self, TX_DATE_NONE);

      g_ptr_array_extend_and_steal (problems, g_steal_pointer (&stages));
    }
  if (!tx_problems_to_error (problems, error))
    return FALSE;

  township_id = find_row_id (store, "township", self->township_uuid, (flags & TX_WRITE_AS_RECEIVED) != 0,
                             _("Choose the township of the consultation."), error);
  if (township_id == 0)
    return FALSE;

  stmt = tx_store_prepare (store,
                           "INSERT INTO consultation (uuid, township_id, title, topic_source, orientation, platform, "
                           "  venue, starts_at, ends_at, research_notes, updated_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
                           "ON CONFLICT (uuid) DO UPDATE SET township_id = ?2, title = ?3, topic_source = ?4, "
                           "  orientation = ?5, platform = ?6, venue = ?7, starts_at = ?8, ends_at = ?9, "
                           "  research_notes = ?10, updated_at = ?11, deleted_at = NULL "
                           "RETURNING id",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, township_id);
  sqlite3_bind_text (stmt, 3, self->title ? self->title : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, tx_topic_source_to_key (self->topic_source), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, tx_orientation_to_key (self->orientation), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, tx_platform_to_key (self->platform), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, self->venue ? self->venue : "", -1, SQLITE_TRANSIENT);
  tx_bind_text_or_null (stmt, 8, self->starts);
  tx_bind_text_or_null (stmt, 9, self->ends);
  sqlite3_bind_text (stmt, 10, self->research ? self->research : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, updated, -1, SQLITE_TRANSIENT);
  rc = tx_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (id == 0)
    {
      if (rc != SQLITE_ERROR)
        tx_store_set_sql_error (store, error, _("Could not save the consultation"));
      return FALSE;
    }

  if (((flags & (TX_WRITE_DUE_DATES | TX_WRITE_DONE_DATES)) && !write_stages (store, id, self, flags, error)) ||
      ((flags & TX_WRITE_PARTICIPANTS) &&
       !tx_meeting_write_participants (store, TX_MEETING_CONSULTATION, id, self->participants,
                                       (flags & TX_WRITE_AS_RECEIVED) != 0, error)) ||
      ((flags & TX_WRITE_MINUTES) && !write_minutes (store, id, self, flags, error)))
    return FALSE;

  tx_store_emit_record_changed (store, "consultation", self->uuid);
  return TRUE;
}

typedef struct {
  TxConsultation *consultation;
  gboolean        exists;
} SaveJob;

static gboolean
save_consultation (TxStore   *store,
                   gpointer   user_data,
                   GError   **error)
{
  SaveJob *job = user_data;
  TxConsultation *self = job->consultation;
  gint64 existing;

  /* does it exist already: for the audit log */
  existing = tx_store_find_id (store, "consultation", self->uuid, TRUE, error);
  if (existing < 0)
    return FALSE;
  job->exists = existing != 0;

  /* participants and done dates change through their own functions,
   * which apply their rules */
  if (!tx_store_write_consultation (store, self, TX_WRITE_DETAILS | TX_WRITE_DUE_DATES | TX_WRITE_MINUTES, error))
    return FALSE;

  return tx_store_audit (store, job->exists ? "update" : "insert", "consultation", self->uuid, self->title, error);
}

/**
 * tx_store_save_consultation:
 *
 * Saves the details, the due dates of the stages and the minutes of
 * @consultation (new when its uuid is unknown).  Participants and done
 * dates change through their own functions, which apply their rules.
 */
gboolean
tx_store_save_consultation (TxStore         *store,
                            TxConsultation  *consultation,
                            GError         **error)
{
  g_autoptr(GPtrArray) problems = NULL;

  g_return_val_if_fail (TX_IS_STORE (store), FALSE);
  g_return_val_if_fail (TX_IS_CONSULTATION (consultation), FALSE);

  if (consultation->title != NULL)
    g_strstrip (consultation->title);

  problems = tx_consultation_check (consultation, TX_DATE_NONE);
  if (!tx_problems_to_error (problems, error))
    return FALSE;

  if (consultation->uuid == NULL)
    consultation->uuid = tx_uuid_new ();

  {
    SaveJob job = { consultation, FALSE };

    return tx_store_write (store, save_consultation, &job, error);
  }
}

typedef struct {
  const char *consultation;
  const char *person;
  TxStage     stage;
  const char *done;
  const char *reason;
  TxRole      role;
  int         attended;
} Change;

static gboolean
set_stage_done (TxStore   *store,
                gpointer   user_data,
                GError   **error)
{
  Change *change = user_data;
  sqlite3_stmt *stmt;
  g_autofree char *summary = NULL;
  gint64 id = consultation_id (store, change->consultation, error);

  if (id == 0)
    return FALSE;

  stmt = tx_store_prepare (store,
                           "INSERT INTO stage (consultation_id, stage, done, note) VALUES (?1, ?2, ?3, ?4) "
                           "ON CONFLICT (consultation_id, stage) DO UPDATE SET done = ?3, note = ?4",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, change->stage);
  tx_bind_text_or_null (stmt, 3, change->done);
  sqlite3_bind_text (stmt, 4, change->reason ? change->reason : "", -1, SQLITE_TRANSIENT);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;

  summary = g_strdup_printf ("%s: %s", tx_stage_to_key (change->stage), change->done ? change->done : "not done");
  return touch (store, id, change->consultation, summary, error);
}

/**
 * tx_store_set_stage_done:
 * @done: the day it was done, or %TX_DATE_NONE to mark it not done
 * @reason: (nullable): why, when the stage before is not done
 * @today: no stage is done after it
 *
 * Marks a stage done after checking the order of the stages
 * (tx_stage_check_done()).
 */
gboolean
tx_store_set_stage_done (TxStore     *store,
                         const char  *consultation_uuid,
                         TxStage      stage,
                         TxDate       done,
                         const char  *reason,
                         TxDate       today,
                         GError     **error)
{
  g_autofree char *done_text = tx_date_to_iso (done);
  Change change = { consultation_uuid, NULL, stage, done_text, reason, 0, 0 };

  g_return_val_if_fail (stage < TX_N_STAGES, FALSE);

  if (reason != NULL)
    {
      g_autofree char *problem = tx_text_check (TX_TEXT_STAGE_REASON, reason);

      if (problem != NULL)
        {
          g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID, problem);
          return FALSE;
        }
    }

  if (done != TX_DATE_NONE)
    {
      g_autoptr(TxConsultation) consultation = tx_store_load_consultation (store, consultation_uuid, error);

      if (consultation == NULL ||
          !tx_stage_check_done (consultation, stage, done, reason, today, error))
        return FALSE;
    }

  return tx_store_write (store, set_stage_done, &change, error);
}

static gboolean
set_participant (TxStore   *store,
                 gpointer   user_data,
                 GError   **error)
{
  Change *change = user_data;
  gint64 id = consultation_id (store, change->consultation, error);
  gint64 person = id ? person_id (store, change->person, error) : 0;

  if (id == 0 || person == 0)
    return FALSE;

  if (!tx_meeting_invite (store, TX_MEETING_CONSULTATION, id, person, change->role, error))
    return FALSE;

  return touch (store, id, change->consultation, change->person, error);
}

/* Invites someone from the roster, or changes their role. */
gboolean
tx_store_set_participant (TxStore     *store,
                          const char  *consultation_uuid,
                          const char  *person_uuid,
                          TxRole       role,
                          GError     **error)
{
  Change change = { consultation_uuid, person_uuid, 0, NULL, NULL, role, 0 };

  return tx_store_write (store, set_participant, &change, error);
}

static gboolean
remove_or_attend (TxStore   *store,
                  gpointer   user_data,
                  GError   **error)
{
  Change *change = user_data;
  gint64 id = consultation_id (store, change->consultation, error);
  gint64 person = id ? person_id (store, change->person, error) : 0;

  if (id == 0 || person == 0)
    return FALSE;

  if (!tx_meeting_remove_or_attend (store, TX_MEETING_CONSULTATION, id, person, change->attended, error))
    return FALSE;

  return touch (store, id, change->consultation, change->person, error);
}

gboolean
tx_store_remove_participant (TxStore     *store,
                             const char  *consultation_uuid,
                             const char  *person_uuid,
                             GError     **error)
{
  Change change = { consultation_uuid, person_uuid, 0, NULL, NULL, 0, TX_MEETING_REMOVE };

  return tx_store_write (store, remove_or_attend, &change, error);
}

/**
 * tx_store_set_attendance:
 * @attended: 1 present, 0 absent, -1 not known
 */
gboolean
tx_store_set_attendance (TxStore     *store,
                         const char  *consultation_uuid,
                         const char  *person_uuid,
                         int          attended,
                         GError     **error)
{
  Change change = { consultation_uuid, person_uuid, 0, NULL, NULL, 0, CLAMP (attended, -1, 1) };

  return tx_store_write (store, remove_or_attend, &change, error);
}

typedef struct {
  const char *consultation;
  gboolean    restore;
  char       *uuid;      /* out */
  char       *title;     /* out */
} DeleteJob;

/* The consultation @text names, among those deleted (to restore) or not
 * (to delete): its uuid, or its exact title when only one has it. */
static gint64
find_for_delete (TxStore    *store,
                 DeleteJob  *job,
                 char      **deleted_at,
                 GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  guint matches = 0;
  int rc;

  stmt = tx_store_prepare (store,
                           job->restore
                           ? "SELECT id, uuid, title, deleted_at FROM consultation "
                             "WHERE (uuid = ?1 OR title = ?1) AND deleted_at IS NOT NULL ORDER BY uuid = ?1 DESC"
                           : "SELECT id, uuid, title, deleted_at FROM consultation "
                             "WHERE (uuid = ?1 OR title = ?1) AND deleted_at IS NULL ORDER BY uuid = ?1 DESC",
                           error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, job->consultation, -1, SQLITE_TRANSIENT);
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      if (matches++ == 0)
        {
          id = sqlite3_column_int64 (stmt, 0);
          job->uuid = g_strdup (tx_column_text (stmt, 1));
          job->title = g_strdup (tx_column_text (stmt, 2));
          *deleted_at = g_strdup (tx_column_text (stmt, 3));
          if (g_strcmp0 (job->uuid, job->consultation) == 0)
            break;
        }
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return 0;

  if (id == 0)
    {
      if (job->restore)
        g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                     _("No deleted consultation is “%s”. Give its exact title or its id."), job->consultation);
      else
        g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                     _("There is no consultation “%s”. Give its exact title or its id."), job->consultation);
      return 0;
    }

  if (matches > 1 && g_strcmp0 (job->uuid, job->consultation) != 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_AMBIGUOUS,
                   _("%u consultations are titled “%s”. Give the id of the one you mean."),
                   matches, job->consultation);
      return 0;
    }

  return id;
}

static gboolean
delete_consultation (TxStore   *store,
                     gpointer   user_data,
                     GError   **error)
{
  DeleteJob *job = user_data;
  g_autofree char *now = tx_store_stamp_now (store);
  g_autofree char *deleted_at = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  id = find_for_delete (store, job, &deleted_at, error);
  if (id == 0)
    return FALSE;

  /* Its recommendations go and come back with it: those deleted with
   * it carry its deletion time, those deleted before keep theirs. */
  stmt = tx_store_prepare (store,
                           job->restore
                           ? "UPDATE outcome SET deleted_at = NULL, updated_at = ?3 "
                             "WHERE consultation_id = ?1 AND deleted_at = ?2"
                           : "UPDATE outcome SET deleted_at = ?3, updated_at = ?3 "
                             "WHERE consultation_id = ?1 AND deleted_at IS NULL",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, deleted_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;

  stmt = tx_store_prepare (store,
                           job->restore
                           ? "UPDATE consultation SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1"
                           : "UPDATE consultation SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;

  tx_store_emit_record_changed (store, "consultation", job->uuid);
  tx_store_emit_changed (store, "outcome");

  return tx_store_audit (store, job->restore ? "restore" : "delete", "consultation", job->uuid, job->title, error);
}

/**
 * tx_store_delete_consultation:
 * @consultation: its uuid, or its exact title
 * @restore: bring back one deleted instead
 * @uuid: (out) (optional): the uuid of the consultation
 *
 * Soft delete, for Undo: the consultation and its recommendations
 * leave every list and the ledger, and travel as deleted in the next
 * exchange file; restoring brings back both.
 */
gboolean
tx_store_delete_consultation (TxStore     *store,
                              const char  *consultation,
                              gboolean     restore,
                              char       **uuid,
                              GError     **error)
{
  DeleteJob job = { consultation, restore, NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (TX_IS_STORE (store), FALSE);
  g_return_val_if_fail (consultation != NULL, FALSE);

  ok = tx_store_write (store, delete_consultation, &job, error);
  if (ok && uuid != NULL)
    *uuid = g_steal_pointer (&job.uuid);
  g_free (job.uuid);
  g_free (job.title);

  return ok;
}
