/* tx-township-store.c — townships in the store: list, find, add,
 * rename, merge, and the yearly plan
 *
 * A township is named once and known everywhere by its uuid: people,
 * consultations and plans point to it, so renaming it changes one row.
 * Merging two (a town absorbed by another, or one township entered
 * twice) moves everything that points to the one merged away onto the
 * one kept, adds their plans together, and leaves the one merged away
 * deleted, so that the deletion travels to the city office like any
 * other.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-township-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tx-collate.h"
#include "tx-records-private.h"
#include "tx-rules.h"
#include "tx-settings.h"
#include "tx-township-store.h"
#include "tx-vocabulary.h"

#define TOWNSHIP_COLUMNS "id, uuid, name, kind, updated_at"

static TxTownship *
township_from_row (sqlite3_stmt *stmt)
{
  TxTownshipKind kind = TX_TOWNSHIP_KIND_TOWN;
  TxTownship *township;

  tx_township_kind_from_key (tx_column_text (stmt, 3), &kind);
  township = tx_township_new (tx_column_text (stmt, 1), tx_column_text (stmt, 2), kind);
  township->updated_at = g_strdup (tx_column_text (stmt, 4));

  return township;
}

static gint64 find_township_row (TxStore      *store,
                                 const char   *name_or_uuid,
                                 TxTownship  **township,
                                 GError      **error);

typedef struct {
  TxTownshipOrder order;
  GHashTable     *positions;   /* uuid → position, for the custom order */
} OrderBy;

static int
compare_townships (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  TxTownship *x = *(TxTownship * const *) a;
  TxTownship *y = *(TxTownship * const *) b;
  OrderBy *by = user_data;

  if (by->order == TX_TOWNSHIP_ORDER_CUSTOM)
    {
      int px = GPOINTER_TO_INT (g_hash_table_lookup (by->positions, tx_township_get_uuid (x)));
      int py = GPOINTER_TO_INT (g_hash_table_lookup (by->positions, tx_township_get_uuid (y)));

      /* those never placed (0) after the others, by pinyin */
      if (px != py)
        return px == 0 ? 1 : py == 0 ? -1 : px - py;
    }

  return tx_collate_compare (tx_township_get_name (x), tx_township_get_name (y),
                             by->order == TX_TOWNSHIP_ORDER_STROKES ? TX_ORDER_STROKES : TX_ORDER_PINYIN);
}

/**
 * tx_store_list_townships:
 *
 * Returns: (transfer full) (element-type TxTownship): in the order the
 *   setting township-order says: by pinyin, by strokes, or the office's
 *   own; every list of townships is this one
 */
GPtrArray *
tx_store_list_townships (TxStore  *store,
                         GError  **error)
{
  g_autoptr(GPtrArray) townships = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) positions = g_hash_table_new (g_str_hash, g_str_equal);
  OrderBy by = { tx_settings_get_township_order (tx_store_get_settings (store)), positions };
  sqlite3_stmt *stmt;
  int rc;

  stmt = tx_store_prepare (store,
                           "SELECT t.id, t.uuid, t.name, t.kind, t.updated_at, coalesce (o.position, 0) "
                           "FROM township t LEFT JOIN township_order o ON o.township_id = t.id "
                           "WHERE t.deleted_at IS NULL ORDER BY t.name",
                           error);
  if (stmt == NULL)
    return NULL;

  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      TxTownship *township = township_from_row (stmt);

      g_ptr_array_add (townships, township);
      g_hash_table_insert (positions, (gpointer) tx_township_get_uuid (township),
                           GINT_TO_POINTER (sqlite3_column_int (stmt, 5)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  g_ptr_array_sort_with_data (townships, compare_townships, &by);
  return g_steal_pointer (&townships);
}

typedef struct {
  const char *township;
  int         delta;
} MoveJob;

static gboolean
move_township (TxStore   *store,
               gpointer   user_data,
               GError   **error)
{
  MoveJob *job = user_data;
  g_autoptr(GPtrArray) townships = tx_store_list_townships (store, error);
  g_autoptr(TxTownship) township = NULL;
  sqlite3_stmt *stmt;
  guint from = G_MAXUINT, to;

  if (townships == NULL || find_township_row (store, job->township, &township, error) == 0)
    return FALSE;

  for (guint i = 0; i < townships->len; i++)
    if (g_strcmp0 (tx_township_get_uuid (g_ptr_array_index (townships, i)), tx_township_get_uuid (township)) == 0)
      from = i;
  g_return_val_if_fail (from != G_MAXUINT, FALSE);

  to = (guint) CLAMP ((int) from + job->delta, 0, (int) townships->len - 1);
  if (to != from)
    {
      gpointer moved = g_ptr_array_steal_index (townships, from);

      g_ptr_array_insert (townships, to, moved);
    }

  /* the order as it is now shown, with the move, is the office's own */
  stmt = tx_store_prepare (store,
                           "INSERT OR REPLACE INTO township_order (township_id, position) "
                           "SELECT id, ?2 FROM township WHERE uuid = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < townships->len; i++)
    {
      sqlite3_bind_text (stmt, 1, tx_township_get_uuid (g_ptr_array_index (townships, i)), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, (int) i + 1);
      if (!tx_store_step_done (store, stmt, error))
        return FALSE;
    }

  if (!tx_store_set_setting (store, "township-order", "custom", error))
    return FALSE;

  tx_store_emit_changed (store, "township");
  return tx_store_audit (store, "move", "township", tx_township_get_uuid (township), tx_township_get_name (township),
                         error);
}

/**
 * tx_store_move_township:
 * @delta: how many places: -1 up, 1 down
 *
 * Moves a township up or down the list: the order shown, with the
 * move, becomes the office's own order (township-order "custom").
 */
gboolean
tx_store_move_township (TxStore     *store,
                        const char  *name_or_uuid,
                        int          delta,
                        GError     **error)
{
  MoveJob job = { name_or_uuid, delta };

  return tx_store_write (store, move_township, &job, error);
}

/* The township and its row id; 0 with @error set when there is none. */
static gint64
find_township_row (TxStore      *store,
                   const char   *name_or_uuid,
                   TxTownship  **township,
                   GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  stmt = tx_store_prepare (store,
                           "SELECT " TOWNSHIP_COLUMNS " FROM township "
                           "WHERE (name = ?1 OR uuid = ?1) AND deleted_at IS NULL",
                           error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, name_or_uuid, -1, SQLITE_TRANSIENT);
  rc = tx_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      if (township != NULL)
        *township = township_from_row (stmt);
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                 _("There is no township named “%s”."), name_or_uuid);

  return id;
}

/**
 * tx_store_find_township:
 * @name_or_uuid: its name or its uuid
 *
 * Returns: (transfer full): the township, or %NULL with @error set
 */
TxTownship *
tx_store_find_township (TxStore     *store,
                        const char  *name_or_uuid,
                        GError     **error)
{
  TxTownship *township = NULL;

  find_township_row (store, name_or_uuid, &township, error);

  return township;
}

/* A name as it is kept: trimmed, not empty, and a text every record
 * may hold (tx_text_check()). */
static char *
dup_checked_name (const char  *name,
                  GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *problem = NULL;

  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                           _("A township needs a name."));
      return NULL;
    }

  problem = tx_text_check (TX_TEXT_TOWNSHIP_NAME, trimmed);
  if (problem != NULL)
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID, problem);
      return NULL;
    }

  return g_steal_pointer (&trimmed);
}

static gboolean
check_name_free (TxStore     *store,
                 const char  *name,
                 GError     **error)
{
  g_autoptr(TxTownship) other = tx_store_find_township (store, name, NULL);

  if (other != NULL && g_strcmp0 (tx_township_get_name (other), name) == 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("There is already a township named “%s”. If they are the same township, merge them."),
                   name);
      return FALSE;
    }

  return TRUE;
}

/**
 * tx_store_check_township_name:
 * @name: a name as typed
 * @township_uuid: (nullable): the township being renamed, which may keep
 *   its own name; %NULL for a new one
 *
 * The rules tx_store_add_township() and tx_store_rename_township() apply,
 * for a form to say what is wrong while the name is typed.
 *
 * Returns: (transfer full) (nullable): what is wrong with @name, or
 *   %NULL when it can be given
 */
char *
tx_store_check_township_name (TxStore    *store,
                              const char *name,
                              const char *township_uuid)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *checked = dup_checked_name (name, &error);
  g_autoptr(TxTownship) other = NULL;

  if (checked == NULL)
    return g_strdup (error->message);

  other = tx_store_find_township (store, checked, NULL);
  if (other != NULL && g_strcmp0 (tx_township_get_uuid (other), township_uuid) != 0 &&
      !check_name_free (store, checked, &error))
    return g_strdup (error->message);

  return NULL;
}

typedef struct {
  const char     *name;
  TxTownshipKind  kind;
  TxTownship     *added;
} AddJob;

/**
 * tx_store_write_township:
 * @updated_at: (nullable): as received from another office, or %NULL
 *   for now
 *
 * Writes @township (new, or changed by its uuid) inside the open
 * transaction: the one writer of townships, for adding one here and
 * for the exchange importer.  Its name may be no other township's.
 */
gboolean
tx_store_write_township (TxStore     *store,
                         TxTownship  *township,
                         const char  *updated_at,
                         GError     **error)
{
  g_autofree char *now = updated_at == NULL ? tx_store_stamp_now (store) : NULL;
  g_autofree char *problem = tx_text_check (TX_TEXT_TOWNSHIP_NAME, township->name);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (tx_store_in_transaction (store), FALSE);

  /* the rules of a name, whoever writes it (the roster import, an
   * exchange file) */
  if (problem != NULL)
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID, problem);
      return FALSE;
    }

  stmt = tx_store_prepare (store, "SELECT 1 FROM township WHERE name = ? AND uuid <> ? AND deleted_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, township->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, township->uuid, -1, SQLITE_TRANSIENT);
  rc = tx_store_step (store, stmt, error);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("There is already a township named “%s”. If they are the same township, merge them."),
                   township->name);
      return FALSE;
    }

  stmt = tx_store_prepare (store,
                           "INSERT INTO township (uuid, name, kind, updated_at) VALUES (?1, ?2, ?3, ?4) "
                           "ON CONFLICT (uuid) DO UPDATE SET name = ?2, kind = ?3, updated_at = ?4, deleted_at = NULL",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, township->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, township->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, tx_township_kind_to_key (township->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, updated_at != NULL ? updated_at : now, -1, SQLITE_TRANSIENT);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;

  g_free (township->updated_at);
  township->updated_at = g_strdup (updated_at != NULL ? updated_at : now);
  tx_store_emit_record_changed (store, "township", township->uuid);

  return TRUE;
}

/**
 * tx_store_write_plan:
 * @updated_at: (nullable): as received from another office, or %NULL
 *   for now
 *
 * Writes a township's yearly plan inside the open transaction: the one
 * writer of plans.
 */
gboolean
tx_store_write_plan (TxStore     *store,
                     const char  *township_uuid,
                     int          year,
                     int          consultations,
                     const char  *updated_at,
                     GError     **error)
{
  g_autofree char *now = updated_at == NULL ? tx_store_stamp_now (store) : NULL;
  gint64 id = find_township_row (store, township_uuid, NULL, error);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (tx_store_in_transaction (store), FALSE);

  if (id == 0)
    return FALSE;

  stmt = tx_store_prepare (store,
                           "INSERT INTO plan (township_id, year, consultations, updated_at) VALUES (?1, ?2, ?3, ?4) "
                           "ON CONFLICT (township_id, year) DO UPDATE SET consultations = ?3, updated_at = ?4",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, year);
  sqlite3_bind_int (stmt, 3, consultations);
  sqlite3_bind_text (stmt, 4, updated_at != NULL ? updated_at : now, -1, SQLITE_TRANSIENT);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;

  tx_store_emit_record_changed (store, "township", township_uuid);
  return TRUE;
}

static gboolean
add_township (TxStore   *store,
              gpointer   user_data,
              GError   **error)
{
  AddJob *job = user_data;
  g_autofree char *uuid = tx_uuid_new ();

  job->added = tx_township_new (uuid, job->name, job->kind);
  if (!tx_store_write_township (store, job->added, NULL, error))
    return FALSE;

  return tx_store_audit (store, "insert", "township", uuid, job->name, error);
}

/**
 * tx_store_add_township:
 * @name: a name no other township has
 *
 * Returns: (transfer full): the new township, or %NULL with @error set
 */
TxTownship *
tx_store_add_township (TxStore         *store,
                       const char      *name,
                       TxTownshipKind   kind,
                       GError         **error)
{
  g_autofree char *checked = dup_checked_name (name, error);
  AddJob job = { checked, kind, NULL };

  if (checked == NULL || !tx_store_write (store, add_township, &job, error))
    {
      g_clear_object (&job.added);
      return NULL;
    }

  return job.added;
}

typedef struct {
  const char *township;
  const char *new_name;
} RenameJob;

static gboolean
rename_township (TxStore   *store,
                 gpointer   user_data,
                 GError   **error)
{
  RenameJob *job = user_data;
  g_autoptr(TxTownship) township = NULL;
  g_autofree char *now = tx_store_stamp_now (store);
  g_autofree char *summary = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  id = find_township_row (store, job->township, &township, error);
  if (id == 0)
    return FALSE;

  /* the same name: nothing to do */
  if (g_strcmp0 (tx_township_get_name (township), job->new_name) == 0)
    return TRUE;

  if (!check_name_free (store, job->new_name, error))
    return FALSE;

  stmt = tx_store_prepare (store, "UPDATE township SET name = ?2, updated_at = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, job->new_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;

  summary = g_strdup_printf ("%s → %s", tx_township_get_name (township), job->new_name);
  tx_store_emit_record_changed (store, "township", tx_township_get_uuid (township));

  return tx_store_audit (store, "rename", "township", tx_township_get_uuid (township), summary, error);
}

/**
 * tx_store_rename_township:
 * @name_or_uuid: the township
 * @new_name: a name no other township has
 *
 * Everything that points to the township keeps pointing to it: only its
 * name changes.
 */
gboolean
tx_store_rename_township (TxStore     *store,
                          const char  *name_or_uuid,
                          const char  *new_name,
                          GError     **error)
{
  g_autofree char *checked = dup_checked_name (new_name, error);
  RenameJob job = { name_or_uuid, checked };

  if (checked == NULL)
    return FALSE;

  return tx_store_write (store, rename_township, &job, error);
}

typedef struct {
  const char *from;
  const char *into;
  gboolean    keep_from_name;
} MergeJob;

static gboolean
run_with_ids (TxStore     *store,
              const char  *sql,
              gint64       from,
              gint64       into,
              const char  *now,
              GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, into);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);

  return tx_store_step_done (store, stmt, error);
}

static gboolean
merge_townships (TxStore   *store,
                 gpointer   user_data,
                 GError   **error)
{
  /* ?1 the township merged away, ?2 the one kept, ?3 now */
  static const char * const moves[] = {
    "UPDATE person SET township_id = ?2, updated_at = ?3 WHERE township_id = ?1",
    "UPDATE consultation SET township_id = ?2, updated_at = ?3 WHERE township_id = ?1",
    /* a year both planned: the plans add up */
    "UPDATE plan SET consultations = consultations + "
    "  (SELECT f.consultations FROM plan f WHERE f.township_id = ?1 AND f.year = plan.year), updated_at = ?3 "
    "WHERE township_id = ?2 AND year IN (SELECT year FROM plan WHERE township_id = ?1)",
    "DELETE FROM plan WHERE township_id = ?1 AND year IN (SELECT year FROM plan WHERE township_id = ?2)",
    "UPDATE plan SET township_id = ?2, updated_at = ?3 WHERE township_id = ?1",
    /* the activities it organised or took part in: the kept one's */
    "UPDATE activity SET township_id = ?2, updated_at = ?3 WHERE township_id = ?1",
    "INSERT OR IGNORE INTO activity_township (activity_id, township_id) "
    "  SELECT activity_id, ?2 FROM activity_township WHERE township_id = ?1 "
    "  AND activity_id NOT IN (SELECT id FROM activity WHERE township_id = ?2)",
    "DELETE FROM activity_township WHERE township_id = ?1",
    "UPDATE township SET deleted_at = ?3, updated_at = ?3 WHERE id = ?1",
  };
  MergeJob *job = user_data;
  g_autoptr(TxTownship) from = NULL;
  g_autoptr(TxTownship) into = NULL;
  g_autofree char *now = tx_store_stamp_now (store);
  g_autofree char *summary = NULL;
  gint64 from_id, into_id;

  from_id = find_township_row (store, job->from, &from, error);
  if (from_id == 0)
    return FALSE;
  into_id = find_township_row (store, job->into, &into, error);
  if (into_id == 0)
    return FALSE;

  if (from_id == into_id)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("“%s” cannot be merged into itself: name two different townships."),
                   tx_township_get_name (from));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    if (!run_with_ids (store, moves[i], from_id, into_id, now, error))
      return FALSE;

  /* the default township follows */
  if (g_strcmp0 (tx_settings_get_default_township (tx_store_get_settings (store)),
                 tx_township_get_uuid (from)) == 0 &&
      !tx_store_set_setting (store, "default-township", tx_township_get_uuid (into), error))
    return FALSE;

  summary = g_strdup_printf ("%s → %s", tx_township_get_name (from), tx_township_get_name (into));
  if (!tx_store_audit (store, "merge", "township", tx_township_get_uuid (from), summary, error))
    return FALSE;

  /* the name of the one merged away lives on, on the one kept: in the
   * same transaction, so a refusal undoes the merge too */
  if (job->keep_from_name)
    {
      RenameJob rename = { tx_township_get_uuid (into), tx_township_get_name (from) };

      if (!rename_township (store, &rename, error))
        return FALSE;
    }

  tx_store_emit_changed (store, "all");
  return TRUE;
}

/**
 * tx_store_merge_townships:
 * @from: the township merged away (name or uuid)
 * @into: the township kept
 *
 * Moves the people, consultations and plans of @from to @into (a year
 * both planned gets the sum), and deletes @from.
 */
gboolean
tx_store_merge_townships (TxStore     *store,
                          const char  *from,
                          const char  *into,
                          GError     **error)
{
  MergeJob job = { from, into, FALSE };

  return tx_store_write (store, merge_townships, &job, error);
}

/**
 * tx_store_merge_townships_keeping_name:
 * @from: the township merged away (name or uuid)
 * @into: the township kept
 * @keep_from_name: whether the township kept takes the name of @from
 *
 * As tx_store_merge_townships(), and when @keep_from_name, the township
 * kept is renamed to the name of @from, all in one transaction.
 */
gboolean
tx_store_merge_townships_keeping_name (TxStore     *store,
                                       const char  *from,
                                       const char  *into,
                                       gboolean     keep_from_name,
                                       GError     **error)
{
  MergeJob job = { from, into, keep_from_name };

  return tx_store_write (store, merge_townships, &job, error);
}

/**
 * tx_store_count_township:
 * @name_or_uuid: the township
 * @counts: (out): what belongs to it
 *
 * What would move were the township merged into another: its people,
 * consultations and yearly plans (deleted records not counted).
 */
gboolean
tx_store_count_township (TxStore           *store,
                         const char        *name_or_uuid,
                         TxTownshipCounts  *counts,
                         GError           **error)
{
  static const char * const queries[] = {
    "SELECT count(*) FROM person WHERE township_id = ? AND deleted_at IS NULL",
    "SELECT count(*) FROM consultation WHERE township_id = ? AND deleted_at IS NULL",
    "SELECT count(*) FROM plan WHERE township_id = ?",
  };
  guint *fields[] = { &counts->people, &counts->consultations, &counts->plans };
  g_autoptr(TxTownship) township = NULL;
  gint64 id;

  *counts = (TxTownshipCounts) { 0 };
  id = find_township_row (store, name_or_uuid, &township, error);
  if (id == 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt = tx_store_prepare (store, queries[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (tx_store_step (store, stmt, error) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      *fields[i] = (guint) sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }

  return TRUE;
}

/**
 * tx_store_get_plan:
 *
 * Returns: the number of consultations planned, or -1 when no plan is
 *   set (or it cannot be read)
 */
int
tx_store_get_plan (TxStore    *store,
                   const char *township_uuid,
                   int         year)
{
  sqlite3_stmt *stmt;
  int planned = -1;

  stmt = tx_store_prepare (store,
                           "SELECT p.consultations FROM plan p JOIN township t ON t.id = p.township_id "
                           "WHERE t.uuid = ? AND p.year = ?",
                           NULL);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, township_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, year);
  if (tx_store_step (store, stmt, NULL) == SQLITE_ROW)
    planned = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return planned;
}

typedef struct {
  const char *township;
  int         year;
  int         consultations;
} PlanJob;

static gboolean
set_plan (TxStore   *store,
          gpointer   user_data,
          GError   **error)
{
  PlanJob *job = user_data;
  g_autoptr(TxTownship) township = NULL;
  g_autofree char *summary = NULL;

  if (find_township_row (store, job->township, &township, error) == 0 ||
      !tx_store_write_plan (store, tx_township_get_uuid (township), job->year, job->consultations, NULL, error))
    return FALSE;

  summary = g_strdup_printf ("%d: %d", job->year, job->consultations);
  return tx_store_audit (store, "plan", "township", tx_township_get_uuid (township), summary, error);
}

/**
 * tx_store_set_plan:
 * @year: %TX_DATE_FIRST_YEAR to %TX_DATE_LAST_YEAR
 * @consultations: how many consultations the township plans, 0 to 100
 *
 * Sets the township's yearly plan (年度协商计划), which the ledger
 * compares with the consultations held.
 */
gboolean
tx_store_set_plan (TxStore     *store,
                   const char  *name_or_uuid,
                   int          year,
                   int          consultations,
                   GError     **error)
{
  PlanJob job = { name_or_uuid, year, consultations };

  if (year < TX_DATE_FIRST_YEAR || year > TX_DATE_LAST_YEAR)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("%d is not a year a plan can be for."), year);
      return FALSE;
    }

  if (consultations < 0 || consultations > 100)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("A yearly plan is a number of consultations from 0 to 100, not %d."),
                   consultations);
      return FALSE;
    }

  return tx_store_write (store, set_plan, &job, error);
}
