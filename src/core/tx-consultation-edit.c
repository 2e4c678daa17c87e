/* tx-consultation-edit.c
 *
 * Every change is one transaction with a line in the audit log, and
 * stamps the consultation's updated_at so the exchange carries it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-consultation-edit"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tx-consultation-edit.h"
#include "tx-records-private.h"
#include "tx-records.h"
#include "tx-rules.h"
#include "tx-vocabulary.h"
#include "tx-workflow.h"

static void
replace (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = value != NULL && value[0] != '\0' ? g_strdup (value) : NULL;
}

void
tx_consultation_set_title (TxConsultation *self,
                           const char     *title)
{
  g_return_if_fail (TX_IS_CONSULTATION (self));
  replace (&self->title, title);
}

void
tx_consultation_set_township (TxConsultation *self,
                              const char     *township_uuid)
{
  g_return_if_fail (TX_IS_CONSULTATION (self));
  replace (&self->township_uuid, township_uuid);
}

void
tx_consultation_set_topic (TxConsultation *self,
                           TxTopicSource   source,
                           TxOrientation   orientation)
{
  g_return_if_fail (TX_IS_CONSULTATION (self));
  self->topic_source = source;
  self->orientation = orientation;
}

void
tx_consultation_set_place (TxConsultation *self,
                           TxPlatform      platform,
                           const char     *venue)
{
  g_return_if_fail (TX_IS_CONSULTATION (self));
  self->platform = platform;
  replace (&self->venue, venue);
}

/* @starts and @ends: ISO 8601 with an offset, or NULL */
void
tx_consultation_set_times (TxConsultation *self,
                           const char     *starts,
                           const char     *ends)
{
  g_return_if_fail (TX_IS_CONSULTATION (self));
  replace (&self->starts, starts);
  replace (&self->ends, ends);
}

void
tx_consultation_set_research (TxConsultation *self,
                              const char     *research)
{
  g_return_if_fail (TX_IS_CONSULTATION (self));
  replace (&self->research, research);
}

void
tx_consultation_set_stage_due (TxConsultation *self,
                               TxStage         stage,
                               const char     *due)
{
  g_return_if_fail (TX_IS_CONSULTATION (self));
  g_return_if_fail (stage < TX_N_STAGES);
  replace (&self->stage_due[stage], due);
}

void
tx_consultation_set_minutes (TxConsultation *self,
                             const char     *recorder,
                             const char     *agenda,
                             const char     *consensus,
                             const char     *next_steps)
{
  g_return_if_fail (TX_IS_CONSULTATION (self));
  self->has_minutes = TRUE;
  replace (&self->recorder, recorder);
  replace (&self->agenda, agenda);
  replace (&self->consensus, consensus);
  replace (&self->next_steps, next_steps);
}

void
tx_consultation_add_speech (TxConsultation *self,
                            const char     *speaker,
                            const char     *summary)
{
  g_return_if_fail (TX_IS_CONSULTATION (self));
  self->has_minutes = TRUE;
  g_ptr_array_add (self->speeches, tx_speech_new (speaker, summary));
}

void
tx_consultation_clear_speeches (TxConsultation *self)
{
  g_return_if_fail (TX_IS_CONSULTATION (self));
  g_ptr_array_set_size (self->speeches, 0);
}

static gint64
consultation_id (TxStore     *store,
                 const char  *uuid,
                 GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (store, "SELECT id FROM consultation WHERE uuid = ? AND deleted_at IS NULL", error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

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
  sqlite3_stmt *stmt = tx_store_prepare (store, "SELECT id FROM person WHERE uuid = ? AND deleted_at IS NULL", error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

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
  g_autofree char *now = tx_timestamp_now ();
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

static gboolean
save_consultation (TxStore   *store,
                   gpointer   user_data,
                   GError   **error)
{
  TxConsultation *self = user_data;
  g_autofree char *now = tx_timestamp_now ();
  sqlite3_stmt *stmt;
  gint64 township_id = 0;
  gint64 id = 0;
  gboolean exists;

  stmt = tx_store_prepare (store, "SELECT id FROM township WHERE uuid = ? AND deleted_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->township_uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    township_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (township_id == 0)
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                           _("Choose the township of the consultation."));
      return FALSE;
    }

  stmt = tx_store_prepare (store, "SELECT id FROM consultation WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  exists = id != 0;

  if (exists)
    stmt = tx_store_prepare (store,
                             "UPDATE consultation SET township_id = ?2, title = ?3, topic_source = ?4, "
                             "  orientation = ?5, platform = ?6, venue = ?7, starts_at = ?8, ends_at = ?9, "
                             "  research_notes = ?10, updated_at = ?11, deleted_at = NULL WHERE id = ?1",
                             error);
  else
    stmt = tx_store_prepare (store,
                             "INSERT INTO consultation (uuid, township_id, title, topic_source, orientation, "
                             "  platform, venue, starts_at, ends_at, research_notes, updated_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                             error);
  if (stmt == NULL)
    return FALSE;
  if (exists)
    sqlite3_bind_int64 (stmt, 1, id);
  else
    sqlite3_bind_text (stmt, 1, self->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, township_id);
  sqlite3_bind_text (stmt, 3, self->title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, tx_topic_source_to_key (self->topic_source), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, tx_orientation_to_key (self->orientation), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, tx_platform_to_key (self->platform), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, self->venue ? self->venue : "", -1, SQLITE_TRANSIENT);
  tx_bind_text_or_null (stmt, 8, self->starts);
  tx_bind_text_or_null (stmt, 9, self->ends);
  sqlite3_bind_text (stmt, 10, self->research ? self->research : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, now, -1, SQLITE_TRANSIENT);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;
  if (!exists)
    id = sqlite3_last_insert_rowid (tx_store_get_db (store));

  /* stages: due dates here; done dates go through tx_store_set_stage_done */
  for (guint stage = 0; stage < TX_N_STAGES; stage++)
    {
      stmt = tx_store_prepare (store,
                               "INSERT INTO stage (consultation_id, stage, due, done) VALUES (?1, ?2, ?3, ?4) "
                               "ON CONFLICT (consultation_id, stage) DO UPDATE SET due = ?3",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, stage);
      tx_bind_text_or_null (stmt, 3, self->stage_due[stage]);
      tx_bind_text_or_null (stmt, 4, self->stage_done[stage]);
      if (!tx_store_step_done (store, stmt, error))
        return FALSE;
    }

  if (self->has_minutes)
    {
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

      stmt = tx_store_prepare (store, "DELETE FROM speech WHERE consultation_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!tx_store_step_done (store, stmt, error))
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
          sqlite3_bind_text (stmt, 3, speech->speaker, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 4, speech->summary, -1, SQLITE_TRANSIENT);
          if (!tx_store_step_done (store, stmt, error))
            return FALSE;
        }
    }

  tx_store_emit_record_changed (store, "consultation", self->uuid);
  return tx_store_audit (store, exists ? "update" : "insert", "consultation", self->uuid, self->title, error);
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

  return tx_store_write (store, save_consultation, consultation, error);
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
  sqlite3_stmt *stmt;

  if (id == 0 || person == 0)
    return FALSE;

  stmt = tx_store_prepare (store,
                           "INSERT INTO participant (consultation_id, person_id, role, invited, position) "
                           "VALUES (?1, ?2, ?3, 1, (SELECT coalesce (max (position), -1) + 1 FROM participant "
                           "                      WHERE consultation_id = ?1)) "
                           "ON CONFLICT (consultation_id, person_id) DO UPDATE SET role = ?3, invited = 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, person);
  sqlite3_bind_text (stmt, 3, tx_role_to_key (change->role), -1, SQLITE_STATIC);
  if (!tx_store_step_done (store, stmt, error))
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
  sqlite3_stmt *stmt;

  if (id == 0 || person == 0)
    return FALSE;

  if (change->attended == G_MININT)
    stmt = tx_store_prepare (store, "DELETE FROM participant WHERE consultation_id = ?1 AND person_id = ?2", error);
  else
    stmt = tx_store_prepare (store,
                             "UPDATE participant SET attended = ?3 WHERE consultation_id = ?1 AND person_id = ?2",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, person);
  if (change->attended >= 0)
    sqlite3_bind_int (stmt, 3, change->attended);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;

  if (sqlite3_changes (tx_store_get_db (store)) == 0)
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                           _("This person is not invited to the consultation."));
      return FALSE;
    }

  return touch (store, id, change->consultation, change->person, error);
}

gboolean
tx_store_remove_participant (TxStore     *store,
                             const char  *consultation_uuid,
                             const char  *person_uuid,
                             GError     **error)
{
  Change change = { consultation_uuid, person_uuid, 0, NULL, NULL, 0, G_MININT };

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
  g_autofree char *now = tx_timestamp_now ();
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
