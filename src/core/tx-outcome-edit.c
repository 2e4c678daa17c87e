/* tx-outcome-edit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-outcome-edit"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tx-outcome-edit.h"
#include "tx-records-private.h"
#include "tx-records.h"
#include "tx-rules.h"
#include "tx-vocabulary.h"

static void
replace (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = value != NULL && value[0] != '\0' ? g_strdup (value) : NULL;
}

TxOutcome *
tx_outcome_new_for_consultation (const char *consultation_uuid)
{
  TxOutcome *self = tx_outcome_new ();

  self->consultation_uuid = g_strdup (consultation_uuid);

  return self;
}

void
tx_outcome_set_text (TxOutcome  *self,
                     const char *title,
                     const char *content)
{
  g_return_if_fail (TX_IS_OUTCOME (self));
  replace (&self->title, title);
  replace (&self->content, content);
}

/* @submitted_to: "party_committee", "government" or a department's name */
void
tx_outcome_set_submission (TxOutcome  *self,
                           const char *submitted_to,
                           const char *submitted)
{
  g_return_if_fail (TX_IS_OUTCOME (self));
  replace (&self->submitted_to, submitted_to);
  replace (&self->submitted, submitted);
}

void
tx_outcome_set_feedback (TxOutcome  *self,
                         const char *due,
                         const char *received,
                         const char *text)
{
  g_return_if_fail (TX_IS_OUTCOME (self));
  replace (&self->feedback_due, due);
  replace (&self->feedback_received, received);
  replace (&self->feedback_text, text);
  self->has_feedback = self->feedback_due != NULL || self->feedback_received != NULL ||
                       self->feedback_text != NULL;
}

/* @progress: 0 to 100, or -1 when not known */
void
tx_outcome_set_adoption (TxOutcome  *self,
                         TxAdoption  adoption,
                         int         progress)
{
  g_return_if_fail (TX_IS_OUTCOME (self));
  self->adoption = adoption;
  self->progress = progress;
}

void
tx_outcome_add_supervision (TxOutcome          *self,
                            TxSupervisionPhase  phase,
                            const char         *date,
                            const char         *by,
                            const char         *note)
{
  TxSupervision *supervision;

  g_return_if_fail (TX_IS_OUTCOME (self));

  supervision = tx_supervision_new (phase);
  supervision->date = date != NULL && date[0] != '\0' ? g_strdup (date) : NULL;
  supervision->by = g_strdup (by ? by : "");
  supervision->note = g_strdup (note ? note : "");
  g_ptr_array_add (self->supervisions, supervision);
}

void
tx_outcome_clear_supervisions (TxOutcome *self)
{
  g_return_if_fail (TX_IS_OUTCOME (self));
  g_ptr_array_set_size (self->supervisions, 0);
}

static gboolean
save_outcome (TxStore   *store,
              gpointer   user_data,
              GError   **error)
{
  TxOutcome *self = user_data;
  g_autofree char *now = tx_timestamp_now ();
  sqlite3_stmt *stmt;
  gint64 consultation_id = 0;
  gint64 id = 0;
  gboolean exists;

  stmt = tx_store_prepare (store, "SELECT id FROM consultation WHERE uuid = ? AND deleted_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->consultation_uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    consultation_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (consultation_id == 0)
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                           _("A recommendation belongs to a consultation: choose one."));
      return FALSE;
    }

  stmt = tx_store_prepare (store, "SELECT id FROM outcome WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  exists = id != 0;

  if (exists)
    stmt = tx_store_prepare (store,
                             "UPDATE outcome SET consultation_id = ?2, title = ?3, content = ?4, submitted_to = ?5, "
                             "  submitted_on = ?6, has_feedback = ?7, feedback_due = ?8, feedback_received = ?9, "
                             "  feedback_text = ?10, adoption = ?11, progress = ?12, updated_at = ?13, "
                             "  deleted_at = NULL WHERE id = ?1",
                             error);
  else
    stmt = tx_store_prepare (store,
                             "INSERT INTO outcome (uuid, consultation_id, title, content, submitted_to, submitted_on, "
                             "  has_feedback, feedback_due, feedback_received, feedback_text, adoption, progress, "
                             "  updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                             error);
  if (stmt == NULL)
    return FALSE;
  if (exists)
    sqlite3_bind_int64 (stmt, 1, id);
  else
    sqlite3_bind_text (stmt, 1, self->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, consultation_id);
  sqlite3_bind_text (stmt, 3, self->title, -1, SQLITE_TRANSIENT);
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
  sqlite3_bind_text (stmt, 13, now, -1, SQLITE_TRANSIENT);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;
  if (!exists)
    id = sqlite3_last_insert_rowid (tx_store_get_db (store));

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
  return tx_store_audit (store, exists ? "update" : "insert", "outcome", self->uuid, self->title, error);
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
  g_autofree char *now = tx_timestamp_now ();
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
  g_autoptr(GPtrArray) outcomes = tx_store_list_outcomes (store, NULL, error);

  if (outcomes == NULL)
    return NULL;

  for (guint i = 0; i < outcomes->len; i++)
    if (g_strcmp0 (tx_outcome_get_uuid (g_ptr_array_index (outcomes, i)), uuid) == 0)
      return g_object_ref (g_ptr_array_index (outcomes, i));

  g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
               _("There is no recommendation with the id %s."), uuid);
  return NULL;
}
