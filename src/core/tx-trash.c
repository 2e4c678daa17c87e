/* tx-trash.c — what was deleted, and bringing it back (回收站)
 *
 * People, consultations and recommendations are deleted softly: the
 * row stays, marked with the time it was deleted, so that Undo, the
 * Recently Deleted list and the exchange file (which carries deletions)
 * all work.  This module lists them, newest first, and deletes or
 * restores one by its kind, through the one function of each kind that
 * writes it (tx-roster.c, tx-consultation-store.c, tx-outcome-store.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-trash"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tx-activity.h"
#include "tx-consultation-store.h"
#include "tx-outcome-store.h"
#include "tx-roster.h"
#include "tx-trash.h"

void
tx_trash_item_free (TxTrashItem *item)
{
  if (item == NULL)
    return;

  g_free (item->kind);
  g_free (item->uuid);
  g_free (item->title);
  g_free (item->detail);
  g_free (item->deleted_at);
  g_free (item);
}

/**
 * tx_trash_list:
 *
 * Returns: (transfer full) (element-type TxTrashItem): the people,
 *   consultations and recommendations deleted, the latest first
 */
GPtrArray *
tx_trash_list (TxStore  *store,
               GError  **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_trash_item_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  stmt = tx_store_prepare (store,
                           "SELECT 'person', p.uuid, p.name, coalesce (t.name, ''), p.deleted_at "
                           "  FROM person p LEFT JOIN township t ON t.id = p.township_id "
                           "  WHERE p.deleted_at IS NOT NULL "
                           "UNION ALL "
                           "SELECT 'consultation', c.uuid, c.title, t.name, c.deleted_at "
                           "  FROM consultation c JOIN township t ON t.id = c.township_id "
                           "  WHERE c.deleted_at IS NOT NULL "
                           "UNION ALL "
                           "SELECT 'outcome', o.uuid, o.title, c.title, o.deleted_at "
                           "  FROM outcome o JOIN consultation c ON c.id = o.consultation_id "
                           "  WHERE o.deleted_at IS NOT NULL "
                           "UNION ALL "
                           "SELECT 'activity', a.uuid, a.title, coalesce (t.name, ''), a.deleted_at "
                           "  FROM activity a LEFT JOIN township t ON t.id = a.township_id "
                           "  WHERE a.deleted_at IS NOT NULL "
                           "ORDER BY 5 DESC, 3",
                           error);
  if (stmt == NULL)
    return NULL;

  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      TxTrashItem *item = g_new0 (TxTrashItem, 1);

      item->kind = g_strdup (tx_column_text (stmt, 0));
      item->uuid = g_strdup (tx_column_text (stmt, 1));
      item->title = g_strdup (tx_column_text (stmt, 2));
      item->detail = g_strdup (tx_column_text (stmt, 3));
      /* an activity of no township is the city office's */
      if (g_str_equal (item->kind, "activity") && item->detail[0] == '\0')
        {
          g_free (item->detail);
          item->detail = g_strdup (_("City CPPCC office"));
        }
      item->deleted_at = g_strdup (tx_column_text (stmt, 4));
      g_ptr_array_add (items, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&items);
}

/**
 * tx_trash_set_deleted:
 * @kind: "person", "consultation", "outcome" or "activity"
 * @deleted: %TRUE to delete, %FALSE to restore
 *
 * Deletes or restores one record, as its own module does.
 */
gboolean
tx_trash_set_deleted (TxStore     *store,
                      const char  *kind,
                      const char  *uuid,
                      gboolean     deleted,
                      GError     **error)
{
  g_return_val_if_fail (TX_IS_STORE (store), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  if (g_strcmp0 (kind, "person") == 0)
    return deleted ? tx_roster_delete_person (store, uuid, error) : tx_roster_restore_person (store, uuid, error);
  if (g_strcmp0 (kind, "consultation") == 0)
    return tx_store_delete_consultation (store, uuid, !deleted, NULL, error);
  if (g_strcmp0 (kind, "outcome") == 0)
    return tx_store_delete_outcome (store, uuid, !deleted, error);
  if (g_strcmp0 (kind, "activity") == 0)
    return deleted ? tx_store_delete_activity (store, uuid, error)
                   : tx_store_restore_activity (store, uuid, NULL, error);

  g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID, "No deleted records of the kind “%s”", kind);
  return FALSE;
}

/**
 * tx_trash_kind_get_label:
 *
 * Returns: the kind of a deleted record, as a clerk reads it
 */
const char *
tx_trash_kind_get_label (const char *kind)
{
  if (g_strcmp0 (kind, "person") == 0)
    return C_("deleted record", "Person");
  if (g_strcmp0 (kind, "consultation") == 0)
    return C_("deleted record", "Consultation");
  if (g_strcmp0 (kind, "activity") == 0)
    return C_("deleted record", "Activity");
  return C_("deleted record", "Recommendation");
}
