/* tx-names.c — the names of the records a command line refers to
 *
 * What a command takes by name (a township, a consultation by its exact
 * title, …), beginning with what has been typed, in the order of the
 * text, the deleted left out.  One query a kind, read through without an
 * index: a city's 20,000 consultations are read in a few milliseconds,
 * which is what completing a word on the command line may cost.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-names"

#include "config.h"

#include "tx-names.h"

static const char *
names_sql (TxNamesKind kind)
{
  switch (kind)
    {
    case TX_NAMES_TOWNSHIP:
      return "SELECT name FROM township WHERE deleted_at IS NULL "
             "AND substr (name, 1, length (?1)) = ?1 ORDER BY name LIMIT ?2";
    case TX_NAMES_WORK_GROUP:
      return "SELECT name FROM work_group "
             "WHERE substr (name, 1, length (?1)) = ?1 ORDER BY name LIMIT ?2";
    case TX_NAMES_CONSULTATION:
      return "SELECT DISTINCT title FROM consultation WHERE deleted_at IS NULL "
             "AND substr (title, 1, length (?1)) = ?1 ORDER BY title LIMIT ?2";
    case TX_NAMES_ACTIVITY:
      return "SELECT DISTINCT title FROM activity WHERE deleted_at IS NULL "
             "AND substr (title, 1, length (?1)) = ?1 ORDER BY title LIMIT ?2";
    case TX_NAMES_RECOMMENDATION:
      return "SELECT DISTINCT title FROM outcome WHERE deleted_at IS NULL "
             "AND substr (title, 1, length (?1)) = ?1 ORDER BY title LIMIT ?2";
    default:
      g_assert_not_reached ();
    }
}

/**
 * tx_store_list_names:
 * @prefix: what the names begin with ("" for all)
 * @limit: at most this many
 *
 * Returns: (transfer full) (element-type utf8): the names of the records
 *   of @kind that begin with @prefix, each once, in the order of their
 *   text; %NULL with @error set when the database cannot be read.
 */
GPtrArray *
tx_store_list_names (TxStore      *store,
                     TxNamesKind   kind,
                     const char   *prefix,
                     guint         limit,
                     GError      **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TX_IS_STORE (store), NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  stmt = tx_store_prepare (store, names_sql (kind), error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup (tx_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return NULL;

  return g_steal_pointer (&names);
}
