/* tx-exchange-merge.c — what each record read from an exchange file
 * does to the database, and writing it
 *
 * Records are matched by uuid and the newer "updated" wins (decide()).
 * A record new here is added; when the file is read against its shape,
 * what the database holds is known from the pass's own tables, and
 * records new here are written many rows to a statement, with the
 * indexes that only speed up reading made again once at the end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-exchange"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-collate.h"
#include "tx-conflict.h"
#include "tx-exchange-private.h"
#include "tx-records-private.h"
#include "tx-roster.h"
#include "tx-settings.h"
#include "tx-vocabulary.h"

/* ---- merging a record ---------------------------------------------- */

/* How a record stands here */
typedef struct {
  gint64    id;          /* its row, or 0 */
  gboolean  tombstone;   /* deleted before it was ever held here */
  char     *stamp;       /* the latest of its "updated" and its deletion; NULL: nowhere here */
  gboolean  deleted;
} Here;

static void
here_clear (Here *here)
{
  g_clear_pointer (&here->stamp, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Here, here_clear)

/* Whether the file comes from another office, whose records are
 * weighed against what was last received from it (weigh()); a file
 * that names no office (of an earlier version, the sample), or this
 * office's own, is merged by "the newer wins". */
static gboolean
from_another_office (Importer *imp)
{
  return imp->sender.uuid != NULL && g_strcmp0 (imp->sender.uuid, imp->own_office) != 0 &&
         (imp->options == NULL || !imp->options->take_all);
}

/* Whether records of @kind belong to this office, and not to the
 * sender's: a township owns its people, consultations,
 * recommendations and the activities it organises, the city its plans
 * and the activities it organises; an attachment is its record's. */
static gboolean
owned_here (Importer   *imp,
            const char *kind)
{
  gboolean city_owns = g_strcmp0 (kind, "plan") == 0 ||
                       ((g_strcmp0 (kind, "activity") == 0 || g_strcmp0 (kind, "attachment") == 0) &&
                        imp->city_activity);

  if (g_strcmp0 (imp->own_kind, "township") == 0 && g_strcmp0 (imp->sender.kind, "city") == 0)
    return !city_owns;
  if (g_strcmp0 (imp->own_kind, "city") == 0 && g_strcmp0 (imp->sender.kind, "city") != 0)
    return city_owns;
  return FALSE;
}

/* The stamp of the version both offices last held, kept when the
 * record was changed here since (0011-conflicts.sql), or NULL. */
static char *
lookup_base (Importer   *imp,
             const char *kind,
             const char *uuid)
{
  sqlite3_stmt *stmt = tx_store_prepare (imp->store, "SELECT updated FROM base WHERE kind = ? AND uuid = ?", NULL);
  char *base = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);
  if (tx_import_step (imp, stmt) == SQLITE_ROW)
    base = g_strdup (tx_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return base;
}

/* The record is now as received: the version both hold. */
static gboolean
forget_base (Importer    *imp,
             const char  *kind,
             const char  *uuid,
             GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (imp->store, "DELETE FROM base WHERE kind = ? AND uuid = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);

  return tx_store_step_done (imp->store, stmt, error);
}

/*
 * A record another office sent, held here too in another version
 * (@theirs and @ours are their stamps): which of the two changed since
 * the offices last held the same one?  That one is the version the
 * record had when it was last received, or made, here: kept in `base`
 * when the record was changed here since, else the version here.
 *
 *  - changed there only: taken (unless this office owns the record);
 *  - changed here only, or the file's is older than what was received
 *    before: the version here is kept;
 *  - changed on both sides (or there, of a record owned here): a
 *    conflict, both versions kept until someone decides.
 */
static Merge
weigh (Importer   *imp,
       const char *kind,
       const char *uuid,
       const char *theirs,
       const char *ours)
{
  g_autofree char *base = NULL;
  gboolean changed_here;

  if (strcmp (theirs, ours) == 0)
    return MERGE_UNCHANGED;

  base = lookup_base (imp, kind, uuid);
  changed_here = base != NULL;
  if (strcmp (theirs, changed_here ? base : ours) <= 0)
    return MERGE_REJECTED;

  return changed_here || owned_here (imp, kind) ? MERGE_CONFLICT : MERGE_UPDATE;
}

/*
 * Decides what to do with an incoming record: @lookup_sql selects
 * (id, updated_at, deleted_at) by uuid.  From another office, it is
 * weighed (weigh()); else the newer "updated" wins, a deletion counting
 * as a change at its time.  @here says how the record stands here.
 */
static Merge
decide (Importer     *imp,
        const char   *kind,
        const char   *lookup_sql,
        const char   *uuid,
        const char   *updated,
        Here         *here)
{
  sqlite3_stmt *stmt;
  Merge merge = MERGE_INSERT;

  stmt = tx_store_prepare (imp->store, "SELECT deleted_at FROM tombstone WHERE kind = ? AND uuid = ?", NULL);
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);
  if (tx_import_step (imp, stmt) == SQLITE_ROW)
    here->stamp = g_strdup (tx_column_text (stmt, 0));
  sqlite3_reset (stmt);

  here->tombstone = here->stamp != NULL;
  if (here->tombstone)
    {
      int order = strcmp (updated, here->stamp);

      here->deleted = TRUE;
      return order > 0 ? MERGE_INSERT : order == 0 ? MERGE_UNCHANGED : MERGE_REJECTED;
    }

  stmt = tx_store_prepare (imp->store, lookup_sql, NULL);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (tx_import_step (imp, stmt) == SQLITE_ROW)
    {
      const char *updated_at = tx_column_text (stmt, 1);
      const char *deleted_at = tx_column_text (stmt, 2);

      here->id = sqlite3_column_int64 (stmt, 0);
      here->deleted = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
      here->stamp = g_strdup (strcmp (deleted_at, updated_at) > 0 ? deleted_at : updated_at);
    }
  sqlite3_reset (stmt);

  if (here->stamp == NULL)
    return merge;

  if (imp->options != NULL && imp->options->take_all)
    return strcmp (updated, here->stamp) == 0 ? MERGE_UNCHANGED : MERGE_UPDATE;

  if (from_another_office (imp))
    return weigh (imp, kind, uuid, updated, here->stamp);

  {
    int order = strcmp (updated, here->stamp);

    return order > 0 ? MERGE_UPDATE : order == 0 ? MERGE_UNCHANGED : MERGE_REJECTED;
  }
}

static void
count_merge (Importer *imp,
             Merge     merge)
{
  switch (merge)
    {
    case MERGE_INSERT:
      imp->report.inserted++;
      break;
    case MERGE_UPDATE:
      imp->report.updated++;
      break;
    case MERGE_UNCHANGED:
      imp->report.unchanged++;
      break;
    case MERGE_REJECTED:
      imp->report.rejected++;
      break;
    case MERGE_CONFLICT:
      imp->report.conflicts++;
      break;
    default:
      g_assert_not_reached ();
    }
}


/* The name or title a record has here, for the conflict list. */
static char *
name_here (Importer   *imp,
               Kind        kind,
               const char *uuid)
{
  const char *sql = tx_import_kind_sql (kind, KIND_SQL_LABEL);
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;

  if (sql == NULL)
    return NULL;

  stmt = tx_store_prepare (imp->store, sql, NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (tx_import_step (imp, stmt) == SQLITE_ROW)
    text = g_strdup (tx_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return g_steal_pointer (&text);
}

/*
 * Keeps a conflict: the version here stays as it is, the file's is
 * kept with the conflict (its element, read again from the file when
 * the pass ends: tx_import_keep_theirs()).  A conflict still open for
 * the record takes the newer file's version.  @key is how the file's
 * element is found again: "element\x1fuuid".
 */
static gboolean
keep_conflict (Importer    *imp,
               Incoming    *incoming,
               const char  *kind,
               const char  *uuid,
               const char  *key,
               const char  *name,
               const Here  *here,
               GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  stmt = tx_store_prepare (imp->store,
                           "INSERT INTO conflict (kind, uuid, name, peer, peer_name, file, found_at, "
                           "  ours_updated, ours_deleted, theirs_updated, theirs_deleted, theirs) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, '') "
                           "ON CONFLICT (kind, uuid) WHERE resolved_at IS NULL DO UPDATE SET "
                           "  name = ?3, peer = ?4, peer_name = ?5, file = ?6, found_at = ?7, "
                           "  ours_updated = ?8, ours_deleted = ?9, theirs_updated = ?10, theirs_deleted = ?11 "
                           "RETURNING id",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, name != NULL ? name : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, imp->sender.uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, imp->sender.name != NULL ? imp->sender.name : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, imp->display_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, imp->import_time, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, here->stamp, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, here->deleted);
  sqlite3_bind_text (stmt, 10, incoming->updated, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 11, incoming->kind == KIND_DELETED);
  rc = tx_store_step (imp->store, stmt, error);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return FALSE;

  if (imp->conflicts_found == NULL)
    imp->conflicts_found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (imp->conflicts_found, g_strdup (key), GSIZE_TO_POINTER (id));

  if (imp->options != NULL && imp->options->conflicts != NULL)
    {
      TxConflict *conflict = g_new0 (TxConflict, 1);

      conflict->id = imp->options->dry_run ? 0 : id;
      conflict->kind = g_strdup (kind);
      conflict->uuid = g_strdup (uuid);
      conflict->name = g_strdup (name != NULL ? name : "");
      conflict->description = tx_conflict_describe (kind, conflict->name, uuid);
      conflict->peer = g_strdup (imp->sender.uuid);
      conflict->peer_name = g_strdup (imp->sender.name != NULL ? imp->sender.name : "");
      conflict->file = g_strdup (imp->display_name);
      conflict->found_at = g_strdup (imp->import_time);
      conflict->ours_updated = g_strdup (here->stamp);
      conflict->ours_deleted = here->deleted;
      conflict->theirs_updated = g_strdup (incoming->updated);
      conflict->theirs_deleted = incoming->kind == KIND_DELETED;
      g_ptr_array_add (imp->options->conflicts, conflict);
    }

  return TRUE;
}

/* A conflict of a record of @kind ("person"), from the file's element
 * @incoming (the record, or its deletion). */
static gboolean
keep_record_conflict (Importer    *imp,
                      Incoming    *incoming,
                      const char  *kind,
                      const Here  *here,
                      GError     **error)
{
  g_autofree char *key = g_strconcat (tx_import_kind_elements[incoming->kind], "\x1f", incoming->uuid, NULL);
  g_autofree char *name = name_here (imp, tx_import_kind_from_element (kind), incoming->uuid);

  return keep_conflict (imp, incoming, kind, incoming->uuid, key, name, here, error);
}

/* What the record does here, counted: it merges when it is new here
 * (MERGE_INSERT) or to be taken (MERGE_UPDATE); a conflict is kept. */
static gboolean
decide_record (Importer  *imp,
               Incoming  *incoming,
               Merge     *merge,
               gboolean  *new_here,
               GError   **error)
{
  const char *kind = tx_import_kind_elements[incoming->kind];
  g_auto(Here) here = { 0, };

  /* Into a table that had no row when the pass began, with no
   * tombstone either, a record is new: the only rows are the pass's
   * own, no two records have one id (tx_import_remember_record()), and the
   * deletions, which make tombstones, come after every record (the
   * shape has them last).  Likewise a record whose id is neither among
   * its table's nor among the tombstones', when the pass read both
   * whole (tx_import_is_new_here()). */
  if ((imp->check == CHECK_SHAPE && imp->was_empty[incoming->kind] && imp->was_empty[KIND_DELETED]) ||
      tx_import_is_new_here (imp, incoming->kind, incoming->uuid))
    *merge = MERGE_INSERT;
  else
    *merge = decide (imp, kind, tx_import_kind_sql (incoming->kind, KIND_SQL_HERE), incoming->uuid, incoming->updated, &here);
  count_merge (imp, *merge);

  /* neither held here nor deleted before: no row of it to update */
  if (new_here != NULL)
    *new_here = *merge == MERGE_INSERT && !here.tombstone;

  if (*merge == MERGE_CONFLICT)
    return keep_record_conflict (imp, incoming, kind, &here, error);

  return TRUE;
}

/* After the record was written as received: it is as the sender has it. */
static gboolean
written (Importer    *imp,
         Incoming    *incoming,
         Merge        merge,
         GError     **error)
{
  if (merge != MERGE_UPDATE)
    return TRUE;

  return forget_base (imp, tx_import_kind_elements[incoming->kind], incoming->uuid, error) ||
         tx_import_fail_writing (imp, incoming->line, error);
}

static gboolean
merge_township (Importer    *imp,
                Incoming    *incoming,
                GError     **error)
{
  TxTownship *township = TX_TOWNSHIP (incoming->record);
  Merge merge;

  /* the same name and kind here, whatever the stamps (two offices may
   * each have made the township): nothing to take, nor to decide */
  if (from_another_office (imp))
    {
      sqlite3_stmt *stmt = tx_store_prepare (imp->store,
                                             "SELECT 1 FROM township WHERE uuid = ? AND name = ? AND kind = ? "
                                             "AND deleted_at IS NULL", error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, township->uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, township->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, tx_township_kind_to_key (township->kind), -1, SQLITE_STATIC);
      rc = tx_import_step (imp, stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_ROW)
        {
          count_merge (imp, MERGE_UNCHANGED);
          return TRUE;
        }
    }

  if (!decide_record (imp, incoming, &merge, NULL, error))
    return FALSE;
  if (merge != MERGE_INSERT && merge != MERGE_UPDATE)
    return TRUE;

  if (!tx_store_write_township (imp->store, TX_TOWNSHIP (incoming->record), incoming->updated, error))
    return tx_import_fail_writing (imp, incoming->line, error);

  return written (imp, incoming, merge, error);
}

/* The id of the last person (0: none), removed or not. */
static gboolean
last_person_id (Importer  *imp,
                gint64    *id,
                GError   **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (imp->store, "SELECT coalesce (max (id), 0) FROM person", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = tx_store_step (imp->store, stmt, error);
  *id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW;
}

/* People new here are written this many at a time, in the order of
 * their uuids (tx_roster_bulk_set_batch()) */
#define PEOPLE_PER_BATCH 8192

/* A person new here written, with their id: the participants find
 * them by it. */
static void
person_written (const char *uuid,
                gint64      id,
                gpointer    user_data)
{
  tx_import_keep_read (user_data, uuid, KIND_PERSON, id);
}

/*
 * People new here are added many at a time, as the roster import adds
 * them (TxRosterBulk): it writes the same rows as tx_roster_save_person(),
 * and is many times quicker for a city.  Into a roster that is empty,
 * it builds the sort indexes once at the end.  Only when the file is
 * read against its shape: against the schema, a file is merged exactly
 * as it always was, one person at a time.
 */
static gboolean
add_new_person (Importer  *imp,
                Incoming  *incoming,
                GError   **error)
{
  TxPerson *person = TX_PERSON (incoming->record);

  if (imp->new_people == NULL)
    {
      gint64 last_id;

      if (!last_person_id (imp, &last_id, error))
        return FALSE;

      imp->new_people = tx_roster_bulk_new (imp->store, last_id == 0 ? G_MAXUINT : 0, error);
      if (imp->new_people == NULL)
        return FALSE;
      tx_roster_bulk_set_batch (imp->new_people, PEOPLE_PER_BATCH);
      tx_roster_bulk_set_written_func (imp->new_people, person_written, imp);
    }

  if (incoming->pinyin == NULL)
    tx_collate_sort_keys (person->name, &incoming->pinyin, &incoming->strokes);

  return tx_roster_bulk_add (imp->new_people, person, incoming->pinyin, incoming->strokes, error);
}

/* The people added many at a time, written: before any other record
 * is merged, as it may refer to them. */
gboolean
tx_import_finish_new_people (Importer  *imp,
                             GError   **error)
{
  g_autoptr(TxRosterBulk) bulk = g_steal_pointer (&imp->new_people);

  return bulk == NULL || tx_roster_bulk_finish (bulk, error);
}

static gboolean
merge_person (Importer    *imp,
              Incoming    *incoming,
              GError     **error)
{
  TxPerson *person = TX_PERSON (incoming->record);
  gboolean new_here;
  Merge merge;
  gboolean ok;

  if (!decide_record (imp, incoming, &merge, &new_here, error))
    return FALSE;
  if (merge != MERGE_INSERT && merge != MERGE_UPDATE)
    return TRUE;

  if (person->township_uuid != NULL && tx_import_find_township (imp, person->township_uuid) == 0)
    return tx_import_fail_at (imp, incoming->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                              _("the person refers to the township %s, which is neither in the file nor in the database."),
                              person->township_uuid);

  if (new_here && imp->check == CHECK_SHAPE)
    ok = add_new_person (imp, incoming, error);
  else
    ok = tx_roster_save_person (imp->store, person, error);
  if (!ok)
    return tx_import_fail_writing (imp, incoming->line, error);

  return written (imp, incoming, merge, error);
}

static gboolean
merge_plan (Importer    *imp,
            Incoming    *incoming,
            GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 township_id;
  g_auto(Here) here = { 0, };
  Merge merge = MERGE_INSERT;

  township_id = tx_import_lookup_id (imp, tx_import_kind_sql (KIND_TOWNSHIP, KIND_SQL_ID), incoming->township);
  if (township_id == 0)
    return tx_import_fail_at (imp, incoming->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                              _("the plan refers to the township %s, which is neither in the file nor in the database."),
                              incoming->township);

  stmt = tx_store_prepare (imp->store, "SELECT consultations, updated_at FROM plan WHERE township_id = ? AND year = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, township_id);
  sqlite3_bind_int (stmt, 2, incoming->year);
  if (tx_import_step (imp, stmt) == SQLITE_ROW)
    {
      int order = strcmp (incoming->updated, tx_column_text (stmt, 1));

      here.stamp = g_strdup (tx_column_text (stmt, 1));
      if (order == 0)
        merge = MERGE_UNCHANGED;
      else if (imp->options != NULL && imp->options->take_all)
        merge = MERGE_UPDATE;
      else if (!from_another_office (imp))
        merge = order > 0 ? MERGE_UPDATE : MERGE_REJECTED;
      else if (sqlite3_column_int (stmt, 0) == incoming->count)
        merge = MERGE_UNCHANGED;
      else if (owned_here (imp, "plan"))
        merge = MERGE_CONFLICT;
      else
        /* the sender's to plan: taken, whatever its date */
        merge = MERGE_UPDATE;
    }
  sqlite3_reset (stmt);

  if (merge == MERGE_CONFLICT)
    {
      /* a conflict decided for the office here is not one again */
      g_autofree char *uuid = g_strdup_printf ("%s/%d", incoming->township, incoming->year);
      g_autofree char *base = lookup_base (imp, "plan", uuid);

      if (g_strcmp0 (base, incoming->updated) == 0)
        merge = MERGE_REJECTED;
      else
        {
          g_autofree char *key = g_strconcat ("plan\x1f", uuid, NULL);
          g_autofree char *name = NULL;

          stmt = tx_store_prepare (imp->store, "SELECT name FROM township WHERE id = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, township_id);
          if (tx_import_step (imp, stmt) == SQLITE_ROW)
            name = g_strdup (tx_column_text (stmt, 0));
          sqlite3_reset (stmt);

          if (!keep_conflict (imp, incoming, "plan", uuid, key, name, &here, error))
            return FALSE;
        }
    }

  count_merge (imp, merge);
  if (merge != MERGE_INSERT && merge != MERGE_UPDATE)
    return TRUE;

  if (!tx_store_write_plan (imp->store, incoming->township, incoming->year, incoming->count,
                            incoming->updated, error))
    return tx_import_fail_writing (imp, incoming->line, error);

  return TRUE;
}

/* ---- records new here, many rows to a statement -------------------- */

/*
 * A consultation or a recommendation new here (neither held nor deleted
 * here before) is written with the rows tx_store_write_consultation()
 * and tx_store_write_outcome() write for it, checked by the same rules,
 * in the same order (so that every row gets the same id), but with its
 * stages, participants, speeches and supervision each in one statement
 * rather than one a row, and without looking for rows of it to update
 * or delete: a city has some 400,000 of them.  Only when the file is
 * read against its shape: against the schema, a file is merged exactly
 * as it always was.
 */
/* OR FAIL, as the roster's many rows at a time (tx-roster-bulk.c): a
 * fault fails the whole import, and no statement journal is kept. */
static const struct {
  const char *insert;
  const char *values;
  const char *on_conflict;
} rows_sql[N_ROWS_KINDS] = {
  [ROWS_STAGE] = {
    "INSERT OR FAIL INTO stage (consultation_id, stage, due, done, note) VALUES ",
    "(?, ?, ?, ?, ?)", ""
  },
  [ROWS_PARTICIPANT] = {
    "INSERT OR FAIL INTO participant (consultation_id, person_id, role, invited, attended, position) VALUES ",
    "(?, ?, ?, ?, ?, ?)", ""
  },
  [ROWS_SPEECH] = {
    "INSERT OR FAIL INTO speech (consultation_id, position, speaker, summary) VALUES ",
    "(?, ?, ?, ?)", ""
  },
  [ROWS_SUPERVISION] = {
    "INSERT OR FAIL INTO supervision (outcome_id, position, phase, date, by_whom, note) VALUES ",
    "(?, ?, ?, ?, ?, ?)", ""
  },
};

/* INSERT … VALUES (…), (…), … of @n_rows rows, prepared once an import. */
static sqlite3_stmt *
prepare_rows (Importer  *imp,
              RowsKind   kind,
              guint      n_rows,
              GError   **error)
{
  sqlite3_stmt **stmt = &imp->rows[kind][n_rows - 1];

  if (*stmt == NULL)
    {
      g_autoptr(GString) sql = g_string_new (rows_sql[kind].insert);

      for (guint i = 0; i < n_rows; i++)
        g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", rows_sql[kind].values);
      g_string_append (sql, rows_sql[kind].on_conflict);

      *stmt = tx_store_prepare (imp->store, sql->str, error);
    }

  return *stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  sqlite3_bind_text (stmt, column, text != NULL ? text : "", -1, SQLITE_STATIC);
}

static gboolean
write_stage_rows (Importer        *imp,
                  gint64           id,
                  TxConsultation  *self,
                  GError         **error)
{
  sqlite3_stmt *stmt = prepare_rows (imp, ROWS_STAGE, TX_N_STAGES, error);

  if (stmt == NULL)
    return FALSE;

  for (guint stage = 0, column = 1; stage < TX_N_STAGES; stage++)
    {
      sqlite3_bind_int64 (stmt, column++, id);
      sqlite3_bind_int (stmt, column++, stage);
      tx_bind_text_or_null (stmt, column++, self->stage_due[stage]);
      tx_bind_text_or_null (stmt, column++, self->stage_done[stage]);
      bind_text (stmt, column++, self->stage_note[stage]);
    }

  return tx_store_step_done (imp->store, stmt, error);
}

/* A participant's row, once its person is found */
typedef struct {
  gint64         person_id;
  TxParticipant *participant;   /* the last given for the person */
  guint          position;      /* the first */
} ParticipantRow;

static gboolean
write_participant_rows (Importer        *imp,
                        gint64           id,
                        TxConsultation  *self,
                        GError         **error)
{
  GArray *rows = imp->participant_rows;
  /* as the checks of references found them, when they did */
  GArray *ids = imp->participants_of == self ? imp->participant_ids : NULL;

  imp->participants_of = NULL;
  if (rows == NULL)
    rows = imp->participant_rows = g_array_new (FALSE, FALSE, sizeof (ParticipantRow));
  g_array_set_size (rows, 0);

  for (guint i = 0; i < self->participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (self->participants, i);
      gint64 person_id = ids != NULL && i < ids->len && g_array_index (ids, gint64, i) != 0
                         ? g_array_index (ids, gint64, i)
                         : tx_import_find_row (imp, KIND_PERSON, participant->person_uuid);
      ParticipantRow row = { person_id, participant, i };
      guint j;

      if (person_id == 0)
        {
          g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                       _("No one on the roster has the id %s."), participant->person_uuid);
          return FALSE;
        }

      /* someone given twice keeps the first place and takes the last
       * role, as when the rows are written one by one (ON CONFLICT …
       * DO UPDATE) */
      for (j = 0; j < rows->len && g_array_index (rows, ParticipantRow, j).person_id != person_id; j++)
        ;
      if (j < rows->len)
        g_array_index (rows, ParticipantRow, j).participant = participant;
      else
        g_array_append_val (rows, row);
    }

  for (guint first = 0; first < rows->len; first += MAX_ROWS_PER_INSERT)
    {
      guint n_rows = MIN (MAX_ROWS_PER_INSERT, rows->len - first);
      sqlite3_stmt *stmt = prepare_rows (imp, ROWS_PARTICIPANT, n_rows, error);

      if (stmt == NULL)
        return FALSE;

      for (guint i = first, column = 1; i < first + n_rows; i++)
        {
          ParticipantRow *row = &g_array_index (rows, ParticipantRow, i);

          sqlite3_bind_int64 (stmt, column++, id);
          sqlite3_bind_int64 (stmt, column++, row->person_id);
          sqlite3_bind_text (stmt, column++, tx_role_to_key (row->participant->role), -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, column++, row->participant->invited);
          if (row->participant->attended >= 0)
            sqlite3_bind_int (stmt, column++, row->participant->attended != 0);
          else
            sqlite3_bind_null (stmt, column++);
          sqlite3_bind_int (stmt, column++, row->position);
        }

      if (!tx_store_step_done (imp->store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_minutes_rows (Importer        *imp,
                    gint64           id,
                    TxConsultation  *self,
                    GError         **error)
{
  sqlite3_stmt *stmt;

  if (!self->has_minutes)
    return TRUE;

  stmt = tx_store_prepare (imp->store,
                           "INSERT INTO minutes (consultation_id, recorder, agenda, consensus, next_steps) "
                           "VALUES (?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 2, self->recorder);
  bind_text (stmt, 3, self->agenda);
  bind_text (stmt, 4, self->consensus);
  bind_text (stmt, 5, self->next_steps);
  if (!tx_store_step_done (imp->store, stmt, error))
    return FALSE;

  for (guint first = 0; first < self->speeches->len; first += MAX_ROWS_PER_INSERT)
    {
      guint n_rows = MIN (MAX_ROWS_PER_INSERT, self->speeches->len - first);

      stmt = prepare_rows (imp, ROWS_SPEECH, n_rows, error);
      if (stmt == NULL)
        return FALSE;

      for (guint i = first, column = 1; i < first + n_rows; i++)
        {
          TxSpeech *speech = g_ptr_array_index (self->speeches, i);

          sqlite3_bind_int64 (stmt, column++, id);
          sqlite3_bind_int (stmt, column++, i);
          bind_text (stmt, column++, speech->speaker);
          bind_text (stmt, column++, speech->summary);
        }

      if (!tx_store_step_done (imp->store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/*
 * Rows are added to a table that was empty faster without its indexes
 * (but those that keep values unique, which are constraints): they are
 * dropped when the first record new here is added to it, and made
 * again, once, from all the rows: those of the consultations' tables
 * at the file's first recommendation, the others before the pass ends.
 * It all happens inside the pass's transaction: a fault rolls it back
 * with the rest.
 */
static gboolean
defer_indexes (Importer    *imp,
               const char  *table,
               GError     **error)
{
  GPtrArray *dropped;
  gboolean has_rows;

  if (imp->tables_added_to == NULL)
    imp->tables_added_to = g_hash_table_new (g_str_hash, g_str_equal);
  if (!g_hash_table_add (imp->tables_added_to, (gpointer) table))
    return TRUE;

  /* @table is one of this file's own names, never text of the file */
  if (!tx_store_table_has_rows (imp->store, table, &has_rows, error))
    return FALSE;
  if (has_rows)
    return TRUE;

  dropped = tx_store_drop_indexes (imp->store, table, error);
  if (dropped == NULL)
    return FALSE;
  if (imp->deferred_indexes == NULL)
    imp->deferred_indexes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_extend_and_steal (imp->deferred_indexes, g_steal_pointer (&dropped));

  return TRUE;
}

gboolean
tx_import_make_deferred_indexes (Importer  *imp,
                                 GError   **error)
{
  if (imp->deferred_indexes != NULL && !tx_store_make_indexes (imp->store, imp->deferred_indexes, error))
    return FALSE;

  g_clear_pointer (&imp->deferred_indexes, g_ptr_array_unref);
  return TRUE;
}

/* What tx_store_write_consultation (…, TX_WRITE_WHOLE | TX_WRITE_AS_RECEIVED)
 * writes of a consultation new here, in @township_id; its rules were
 * checked as it was read (read_consultation(), on the other thread). */
static gboolean
add_new_consultation (Importer        *imp,
                      TxConsultation  *self,
                      gint64           township_id,
                      GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  if (!defer_indexes (imp, "consultation", error) || !defer_indexes (imp, "stage", error) ||
      !defer_indexes (imp, "participant", error))
    return FALSE;

  stmt = tx_store_prepare (imp->store,
                           "INSERT INTO consultation (uuid, township_id, title, topic_source, orientation, platform, "
                           "  venue, starts_at, ends_at, research_notes, updated_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, township_id);
  bind_text (stmt, 3, self->title);
  sqlite3_bind_text (stmt, 4, tx_topic_source_to_key (self->topic_source), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, tx_orientation_to_key (self->orientation), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, tx_platform_to_key (self->platform), -1, SQLITE_STATIC);
  bind_text (stmt, 7, self->venue);
  tx_bind_text_or_null (stmt, 8, self->starts);
  tx_bind_text_or_null (stmt, 9, self->ends);
  bind_text (stmt, 10, self->research);
  sqlite3_bind_text (stmt, 11, self->updated_at, -1, SQLITE_STATIC);
  if (!tx_store_step_done (imp->store, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (tx_store_get_db (imp->store));
  tx_import_keep_read (imp, self->uuid, KIND_CONSULTATION, id);

  if (!write_stage_rows (imp, id, self, error) ||
      !write_participant_rows (imp, id, self, error) ||
      !write_minutes_rows (imp, id, self, error))
    return FALSE;

  tx_store_emit_record_changed (imp->store, "consultation", self->uuid);
  return TRUE;
}

/* What tx_store_write_outcome (…, TX_WRITE_AS_RECEIVED) writes of a
 * recommendation new here, of @consultation_id; its rules were checked
 * as it was read (read_outcome(), on the other thread). */
static gboolean
add_new_outcome (Importer   *imp,
                 TxOutcome  *self,
                 gint64      consultation_id,
                 GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  if (!defer_indexes (imp, "outcome", error))
    return FALSE;

  stmt = tx_store_prepare (imp->store,
                           "INSERT INTO outcome (uuid, consultation_id, title, content, submitted_to, submitted_on, "
                           "  has_feedback, feedback_due, feedback_received, feedback_text, adoption, progress, updated_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, consultation_id);
  bind_text (stmt, 3, self->title);
  bind_text (stmt, 4, self->content);
  bind_text (stmt, 5, self->submitted_to);
  tx_bind_text_or_null (stmt, 6, self->submitted);
  sqlite3_bind_int (stmt, 7, self->has_feedback);
  tx_bind_text_or_null (stmt, 8, self->feedback_due);
  tx_bind_text_or_null (stmt, 9, self->feedback_received);
  bind_text (stmt, 10, self->feedback_text);
  sqlite3_bind_text (stmt, 11, tx_adoption_to_key (self->adoption), -1, SQLITE_STATIC);
  if (self->progress >= 0)
    sqlite3_bind_int (stmt, 12, self->progress);
  else
    sqlite3_bind_null (stmt, 12);
  sqlite3_bind_text (stmt, 13, self->updated_at, -1, SQLITE_STATIC);
  if (!tx_store_step_done (imp->store, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (tx_store_get_db (imp->store));

  for (guint first = 0; first < self->supervisions->len; first += MAX_ROWS_PER_INSERT)
    {
      guint n_rows = MIN (MAX_ROWS_PER_INSERT, self->supervisions->len - first);

      stmt = prepare_rows (imp, ROWS_SUPERVISION, n_rows, error);
      if (stmt == NULL)
        return FALSE;

      for (guint i = first, column = 1; i < first + n_rows; i++)
        {
          TxSupervision *supervision = g_ptr_array_index (self->supervisions, i);

          sqlite3_bind_int64 (stmt, column++, id);
          sqlite3_bind_int (stmt, column++, i);
          sqlite3_bind_text (stmt, column++, tx_supervision_phase_to_key (supervision->phase), -1, SQLITE_STATIC);
          tx_bind_text_or_null (stmt, column++, supervision->date);
          bind_text (stmt, column++, supervision->by);
          bind_text (stmt, column++, supervision->note);
        }

      if (!tx_store_step_done (imp->store, stmt, error))
        return FALSE;
    }

  tx_store_emit_record_changed (imp->store, "outcome", self->uuid);
  return TRUE;
}

static gboolean
merge_consultation (Importer    *imp,
                    Incoming    *incoming,
                    GError     **error)
{
  TxConsultation *record = TX_CONSULTATION (incoming->record);
  gboolean new_here;
  Merge merge;
  gint64 township_id;
  gboolean ok;

  if (!decide_record (imp, incoming, &merge, &new_here, error))
    return FALSE;
  if (merge != MERGE_INSERT && merge != MERGE_UPDATE)
    return TRUE;

  township_id = tx_import_find_township (imp, record->township_uuid);
  if (township_id == 0)
    return tx_import_fail_at (imp, incoming->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                              _("the consultation refers to the township %s, which is neither in the file nor in the database."),
                              record->township_uuid);

  if (new_here && imp->check == CHECK_SHAPE)
    ok = add_new_consultation (imp, record, township_id, error);
  else
    ok = tx_store_write_consultation (imp->store, record, TX_WRITE_WHOLE | TX_WRITE_AS_RECEIVED, error);
  if (!ok)
    return tx_import_fail_writing (imp, incoming->line, error);

  return written (imp, incoming, merge, error);
}

static gboolean
merge_outcome (Importer    *imp,
               Incoming    *incoming,
               GError     **error)
{
  TxOutcome *record = TX_OUTCOME (incoming->record);
  gboolean new_here;
  Merge merge;
  gint64 consultation_id;
  gboolean ok;

  if (!decide_record (imp, incoming, &merge, &new_here, error))
    return FALSE;
  if (merge != MERGE_INSERT && merge != MERGE_UPDATE)
    return TRUE;

  consultation_id = tx_import_find_row (imp, KIND_CONSULTATION, record->consultation_uuid);
  if (consultation_id == 0)
    return tx_import_fail_at (imp, incoming->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                              _("the recommendation refers to the consultation %s, which is neither in the file nor in the database."),
                              record->consultation_uuid);

  if (new_here && imp->check == CHECK_SHAPE)
    ok = add_new_outcome (imp, record, consultation_id, error);
  else
    ok = tx_store_write_outcome (imp->store, record, TX_WRITE_AS_RECEIVED, error);
  if (!ok)
    return tx_import_fail_writing (imp, incoming->line, error);

  return written (imp, incoming, merge, error);
}

/* An activity, written as received when new here or taken; a city
 * office's activity is the city's own, a township's the township's. */
static gboolean
merge_activity (Importer    *imp,
                Incoming    *incoming,
                GError     **error)
{
  TxActivity *record = TX_ACTIVITY (incoming->record);
  GPtrArray *townships = tx_activity_get_townships (record);
  gboolean decided;
  Merge merge;

  /* of the city's activity, a township keeps its own part */
  for (guint i = townships->len; i > 0; i--)
    if (tx_import_is_other_township (imp, g_ptr_array_index (townships, i - 1)))
      g_ptr_array_remove_index (townships, i - 1);

  imp->city_activity = tx_activity_get_township_name (record) == NULL;
  decided = decide_record (imp, incoming, &merge, NULL, error);
  imp->city_activity = FALSE;
  if (!decided)
    return FALSE;
  if (merge != MERGE_INSERT && merge != MERGE_UPDATE)
    return TRUE;

  if (!tx_store_write_received_activity (imp->store, record, error))
    return tx_import_fail_writing (imp, incoming->line, error);

  return written (imp, incoming, merge, error);
}

/* Whether the activity of @uuid is the city office's (none organises it) */
static gboolean
is_city_activity (Importer   *imp,
                  const char *uuid)
{
  sqlite3_stmt *stmt = tx_store_prepare (imp->store, "SELECT township_id IS NULL FROM activity WHERE uuid = ?", NULL);
  gboolean city = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (tx_import_step (imp, stmt) == SQLITE_ROW)
    city = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  return city;
}

/* An attachment with its file, written as received when new here or
 * taken; it is its record's office's. */
static gboolean
merge_attachment (Importer    *imp,
                  Incoming    *incoming,
                  GError     **error)
{
  TxAttachment *attachment = incoming->attachment;
  gboolean decided;
  Merge merge;

  imp->city_activity = g_strcmp0 (attachment->record_kind, "activity") == 0 &&
                       is_city_activity (imp, attachment->record_uuid);
  decided = decide_record (imp, incoming, &merge, NULL, error);
  imp->city_activity = FALSE;
  if (!decided)
    return FALSE;
  if (merge != MERGE_INSERT && merge != MERGE_UPDATE)
    return TRUE;

  if (!tx_attachment_write_received (imp->store, attachment, incoming->data, error))
    return tx_import_fail_writing (imp, incoming->line, error);

  return written (imp, incoming, merge, error);
}

static gboolean
merge_deletion (Importer    *imp,
                Incoming    *incoming,
                GError     **error)
{
  const char *kind = incoming->deleted_kind;
  Kind deleted = tx_import_kind_from_element (kind);
  const char *uuid = incoming->uuid;
  const char *at = incoming->updated;
  const char *lookup;
  const char *update;
  sqlite3_stmt *stmt;
  g_auto(Here) here = { 0, };
  Merge merge;

  /* of a kind with a table of its own (the shape lets no other through);
   * else a recommendation, as the schema's last choice */
  if (deleted == N_KINDS || tx_import_kind_sql (deleted, KIND_SQL_HERE) == NULL)
    deleted = KIND_OUTCOME;
  lookup = tx_import_kind_sql (deleted, KIND_SQL_HERE);
  update = tx_import_kind_sql (deleted, KIND_SQL_DELETE);

  /* the deletion of an activity of the city's is the city's to make */
  imp->city_activity = deleted == KIND_ACTIVITY && is_city_activity (imp, uuid);
  merge = decide (imp, kind, lookup, uuid, at, &here);
  imp->city_activity = FALSE;
  /* deleted on both sides: they agree */
  if (merge == MERGE_CONFLICT && here.deleted)
    merge = MERGE_REJECTED;

  if (merge == MERGE_REJECTED || merge == MERGE_UNCHANGED || merge == MERGE_CONFLICT)
    {
      count_merge (imp, merge);
      return merge != MERGE_CONFLICT || keep_record_conflict (imp, incoming, kind, &here, error);
    }

  if (here.id == 0)
    {
      /* Never held here: keep the tombstone so it travels on. */
      stmt = tx_store_prepare (imp->store,
                               "INSERT INTO tombstone (kind, uuid, deleted_at) VALUES (?1, ?2, ?3) "
                               "ON CONFLICT (kind, uuid) DO UPDATE SET deleted_at = max (deleted_at, ?3)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, at, -1, SQLITE_TRANSIENT);
      if (!tx_store_step_done (imp->store, stmt, error))
        return FALSE;
      imp->report.inserted++;
      return TRUE;
    }

  stmt = tx_store_prepare (imp->store, update, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, here.id);
  sqlite3_bind_text (stmt, 2, at, -1, SQLITE_TRANSIENT);
  if (!tx_store_step_done (imp->store, stmt, error) || !forget_base (imp, kind, uuid, error))
    return FALSE;

  imp->report.deleted++;
  tx_store_emit_changed (imp->store, kind);
  return TRUE;
}

/* The city's, to a township: a threshold of the ledger, set as a clerk
 * sets it (checked), when the file comes from a city office.  Anywhere
 * else it is not this file's to set. */
static gboolean
merge_threshold (Importer    *imp,
                 Incoming    *incoming,
                 GError     **error)
{
  TxSettings *settings = tx_store_get_settings (imp->store);
  g_autofree char *now = NULL;

  /* the city's to set: a township's file does not change it */
  if (from_another_office (imp) && g_strcmp0 (imp->sender.kind, "city") != 0)
    {
      imp->report.refused++;
      return TRUE;
    }
  if (!from_another_office (imp) || g_strcmp0 (imp->own_kind, "city") == 0)
    {
      count_merge (imp, MERGE_REJECTED);
      return TRUE;
    }

  now = tx_settings_dup_text (settings, incoming->key, NULL);
  if (g_strcmp0 (now, incoming->value) == 0)
    {
      count_merge (imp, MERGE_UNCHANGED);
      return TRUE;
    }

  if (!tx_settings_set_text (settings, incoming->key, incoming->value, error))
    return tx_import_fail_writing (imp, incoming->line, error);
  count_merge (imp, MERGE_UPDATE);

  return TRUE;
}

/* The city's: a circular it issued, with the ledger it froze, kept as
 * issued (the newer version of the record wins).  One a township issued
 * itself for the same quarter and version gives way to the city's. */
static gboolean
merge_circular (Importer    *imp,
                Incoming    *incoming,
                GError     **error)
{
  sqlite3_stmt *stmt;
  Merge merge = MERGE_INSERT;

  if (from_another_office (imp) && g_strcmp0 (imp->sender.kind, "city") != 0)
    {
      imp->report.refused++;
      return TRUE;
    }

  stmt = tx_store_prepare (imp->store, "SELECT updated_at FROM circular WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, incoming->uuid, -1, SQLITE_STATIC);
  if (tx_import_step (imp, stmt) == SQLITE_ROW)
    {
      int order = strcmp (incoming->updated, tx_column_text (stmt, 0));

      merge = order > 0 || (imp->options != NULL && imp->options->take_all && order != 0)
              ? MERGE_UPDATE : order == 0 ? MERGE_UNCHANGED : MERGE_REJECTED;
    }
  sqlite3_reset (stmt);
  count_merge (imp, merge);
  if (merge != MERGE_INSERT && merge != MERGE_UPDATE)
    return TRUE;

  stmt = tx_store_prepare (imp->store,
                           "DELETE FROM circular WHERE year = ?1 AND quarter = ?2 AND version = ?3 AND uuid <> ?4",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, incoming->year);
  sqlite3_bind_int (stmt, 2, incoming->quarter);
  sqlite3_bind_int (stmt, 3, incoming->version);
  sqlite3_bind_text (stmt, 4, incoming->uuid, -1, SQLITE_STATIC);
  if (!tx_store_step_done (imp->store, stmt, error))
    return FALSE;

  stmt = tx_store_prepare (imp->store,
                           "INSERT INTO circular (uuid, year, quarter, version, number, issued_on, organization, "
                           "  suggestions, ledger, updated_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
                           "ON CONFLICT (uuid) DO UPDATE SET year = ?2, quarter = ?3, version = ?4, number = ?5, "
                           "  issued_on = ?6, organization = ?7, suggestions = ?8, ledger = ?9, updated_at = ?10",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, incoming->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, incoming->year);
  sqlite3_bind_int (stmt, 3, incoming->quarter);
  sqlite3_bind_int (stmt, 4, incoming->version);
  sqlite3_bind_text (stmt, 5, incoming->number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, incoming->issued, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, incoming->organization, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, incoming->suggestions, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, incoming->ledger, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, incoming->updated, -1, SQLITE_STATIC);
  if (!tx_store_step_done (imp->store, stmt, error))
    return tx_import_fail_writing (imp, incoming->line, error);

  tx_store_emit_changed (imp->store, "circular");
  return TRUE;
}

gboolean
tx_import_fail_first (Importer  *imp,
                      GError   **error)
{
  g_propagate_error (error, g_steal_pointer (&imp->first_error));
  return FALSE;
}

/* Merges one record, inside the pass's transaction. */
gboolean
tx_import_merge_record (Importer    *imp,
                        Incoming    *incoming,
                        GError     **error)
{
  gboolean ok;

  if (incoming->kind != KIND_PERSON && !tx_import_finish_new_people (imp, error))
    return tx_import_fail_writing (imp, incoming->line, error);
  /* the consultations' indexes are made once the file is past them,
   * at its first recommendation (before any is added), while the
   * reading thread reads on */
  if (incoming->kind == KIND_OUTCOME && imp->deferred_indexes != NULL &&
      !(imp->tables_added_to != NULL && g_hash_table_contains (imp->tables_added_to, "outcome")) &&
      !tx_import_make_deferred_indexes (imp, error))
    return tx_import_fail_writing (imp, incoming->line, error);

  /* at a township's office, the city's file's other townships */
  if ((incoming->kind == KIND_TOWNSHIP && tx_import_is_other_township (imp, incoming->uuid)) ||
      (incoming->kind == KIND_PLAN && tx_import_is_other_township (imp, incoming->township)))
    {
      imp->report.skipped++;
      return TRUE;
    }

  switch (incoming->kind)
    {
    case KIND_TOWNSHIP:
      ok = merge_township (imp, incoming, error);
      break;
    case KIND_PERSON:
      ok = merge_person (imp, incoming, error);
      break;
    case KIND_PLAN:
      ok = merge_plan (imp, incoming, error);
      break;
    case KIND_CONSULTATION:
      ok = merge_consultation (imp, incoming, error);
      break;
    case KIND_OUTCOME:
      ok = merge_outcome (imp, incoming, error);
      break;
    case KIND_ACTIVITY:
      ok = merge_activity (imp, incoming, error);
      break;
    case KIND_ATTACHMENT:
      ok = merge_attachment (imp, incoming, error);
      break;
    case KIND_THRESHOLD:
      ok = merge_threshold (imp, incoming, error);
      break;
    case KIND_CIRCULAR:
      ok = merge_circular (imp, incoming, error);
      break;
    case KIND_DELETED:
      ok = merge_deletion (imp, incoming, error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (ok && *tx_import_database_fault (imp) != NULL)
    {
      g_propagate_error (error, g_steal_pointer (tx_import_database_fault (imp)));
      return FALSE;
    }

  return ok;
}

/* Which tables have no row at all, when the pass begins. */
gboolean
tx_import_look_at_tables (Importer  *imp,
                          GError   **error)
{
  for (guint kind = 0; kind < N_KINDS; kind++)
    {
      gboolean has_rows;

      if (!tx_store_table_has_rows (imp->store, tx_import_kind_tables[kind], &has_rows, error))
        return FALSE;
      imp->was_empty[kind] = !has_rows;
    }

  return TRUE;
}
