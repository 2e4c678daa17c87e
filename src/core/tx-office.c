/* tx-office.c — the office a database is, and the offices it exchanges
 * files with
 *
 * A database is one office (a township's liaison group, or the city
 * office), with an identity made when the database was: its exchange
 * files name it as their sender.  Whether it is a township's or the
 * city's is a setting (office-kind), what it is called another
 * (organization).  An office whose file is imported here becomes a
 * peer, with the time its last file was imported and written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-office"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tx-office.h"
#include "tx-township-store.h"

void
tx_peer_free (TxPeer *peer)
{
  if (peer == NULL)
    return;

  g_free (peer->uuid);
  g_free (peer->name);
  g_free (peer->kind);
  g_free (peer->received_at);
  g_free (peer->exported);
  g_free (peer);
}

/**
 * tx_office_dup_uuid:
 *
 * Returns: (transfer full): the identity of the office the database is,
 *   or %NULL with @error set when it cannot be read
 */
char *
tx_office_dup_uuid (TxStore  *store,
                    GError  **error)
{
  sqlite3_stmt *stmt;
  char *uuid = NULL;
  int rc;

  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  stmt = tx_store_prepare (store, "SELECT uuid FROM office WHERE id = 1", error);
  if (stmt == NULL)
    return NULL;
  rc = tx_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    uuid = g_strdup (tx_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         _("The database has no identity of its office: check it with “tongxin-cli check”."));

  return uuid;
}

/**
 * tx_office_list_peers:
 *
 * Returns: (transfer full) (element-type TxPeer): the offices whose
 *   files were imported here, the last imported first; %NULL with
 *   @error set when they cannot be read
 */
GPtrArray *
tx_office_list_peers (TxStore  *store,
                      GError  **error)
{
  g_autoptr(GPtrArray) peers = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_peer_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  stmt = tx_store_prepare (store,
                           "SELECT uuid, name, kind, received_at, exported FROM peer "
                           "ORDER BY received_at DESC, name",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      TxPeer *peer = g_new0 (TxPeer, 1);

      peer->uuid = g_strdup (tx_column_text (stmt, 0));
      peer->name = g_strdup (tx_column_text (stmt, 1));
      peer->kind = g_strdup (tx_column_text (stmt, 2));
      peer->received_at = g_strdup (tx_column_text (stmt, 3));
      peer->exported = g_strdup (tx_column_text (stmt, 4));
      g_ptr_array_add (peers, peer);
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE ? g_steal_pointer (&peers) : NULL;
}

/**
 * tx_office_note_peer:
 * @peer: the office a file was imported from, as the file names it,
 *   with when it was imported
 *
 * Keeps what is known of @peer, inside the import's write.
 */
gboolean
tx_office_note_peer (TxStore      *store,
                     const TxPeer *peer,
                     GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TX_IS_STORE (store), FALSE);
  g_return_val_if_fail (tx_store_in_transaction (store), FALSE);

  stmt = tx_store_prepare (store,
                           "INSERT INTO peer (uuid, name, kind, received_at, exported) VALUES (?1, ?2, ?3, ?4, ?5) "
                           "ON CONFLICT (uuid) DO UPDATE SET name = ?2, kind = ?3, received_at = ?4, exported = ?5",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, peer->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, peer->name != NULL ? peer->name : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, peer->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, peer->received_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, peer->exported, -1, SQLITE_TRANSIENT);

  return tx_store_step_done (store, stmt, error);
}

void
tx_sent_free (TxSent *sent)
{
  if (sent == NULL)
    return;

  g_free (sent->written_at);
  g_free (sent->township);
  g_free (sent->township_name);
  g_free (sent->since);
  g_free (sent->file);
  g_free (sent);
}

/**
 * tx_office_list_sent:
 * @limit: at most this many; 0: every one
 *
 * Returns: (transfer full) (element-type TxSent): the exchange files
 *   written here, the last first; %NULL with @error set when they
 *   cannot be read
 */
GPtrArray *
tx_office_list_sent (TxStore  *store,
                     guint     limit,
                     GError  **error)
{
  g_autoptr(GPtrArray) sent = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_sent_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  stmt = tx_store_prepare (store,
                           "SELECT s.written_at, s.township, t.name, s.since, s.file FROM sent s "
                           "LEFT JOIN township t ON t.uuid = s.township "
                           "ORDER BY s.written_at DESC, s.id DESC LIMIT ?",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64) limit : -1);
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      TxSent *one = g_new0 (TxSent, 1);

      one->written_at = g_strdup (tx_column_text (stmt, 0));
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        one->township = g_strdup (tx_column_text (stmt, 1));
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        one->township_name = g_strdup (tx_column_text (stmt, 2));
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        one->since = g_strdup (tx_column_text (stmt, 3));
      one->file = g_strdup (tx_column_text (stmt, 4));
      g_ptr_array_add (sent, one);
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE ? g_steal_pointer (&sent) : NULL;
}

/**
 * tx_office_suggest_file_name:
 * @township_name: (nullable): the one township written; %NULL: every one
 * @day: the day it is written
 * @what: %TX_SENT_EVERYTHING, %TX_SENT_CHANGES or %TX_SENT_ISSUE
 *
 * Returns: (transfer full): a name a clerk tells files apart by, in
 *   Chinese as the offices write it, whatever the language of the
 *   window: "金山街道-20261203-全部数据.xml.gz", "…-变更数据…", or for what
 *   the city sends its townships "全部乡镇-20261203-下发.xml.gz"
 */
char *
tx_office_suggest_file_name (const char *township_name,
                             TxDate      day,
                             TxSentWhat  what)
{
  static const char * const words[] = {
    [TX_SENT_EVERYTHING] = "全部数据",
    [TX_SENT_CHANGES] = "变更数据",
    [TX_SENT_ISSUE] = "下发",
  };

  return g_strdup_printf ("%s-%04d%02d%02d-%s.xml.gz",
                          township_name != NULL ? township_name : "全部乡镇",
                          tx_date_get_year (day), tx_date_get_month (day), tx_date_get_day (day), words[what]);
}

void
tx_receipt_free (TxReceipt *receipt)
{
  if (receipt == NULL)
    return;

  g_free (receipt->township);
  g_free (receipt->name);
  g_free (receipt->received_at);
  g_free (receipt->exported);
  g_free (receipt->file);
  g_free (receipt->peer_name);
  g_free (receipt);
}

/**
 * tx_office_list_receipts:
 *
 * Returns: (transfer full) (element-type TxReceipt): for every township,
 *   in the order of the townships, its last file received from another
 *   office, if any; %NULL with @error set when they cannot be read
 */
GPtrArray *
tx_office_list_receipts (TxStore  *store,
                         GError  **error)
{
  g_autoptr(GPtrArray) townships = NULL;
  g_autoptr(GPtrArray) receipts = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_receipt_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  townships = tx_store_list_townships (store, error);
  if (townships == NULL)
    return NULL;

  stmt = tx_store_prepare (store,
                           "SELECT received_at, exported, complete, file, peer_name FROM received "
                           "WHERE township = ? ORDER BY received_at DESC, id DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < townships->len; i++)
    {
      TxTownship *township = g_ptr_array_index (townships, i);
      TxReceipt *receipt = g_new0 (TxReceipt, 1);
      int rc;

      receipt->township = g_strdup (tx_township_get_uuid (township));
      receipt->name = g_strdup (tx_township_get_name (township));
      g_ptr_array_add (receipts, receipt);

      sqlite3_bind_text (stmt, 1, receipt->township, -1, SQLITE_STATIC);
      rc = tx_store_step (store, stmt, error);
      if (rc == SQLITE_ROW)
        {
          receipt->received_at = g_strdup (tx_column_text (stmt, 0));
          receipt->exported = g_strdup (tx_column_text (stmt, 1));
          receipt->complete = sqlite3_column_int (stmt, 2);
          receipt->file = g_strdup (tx_column_text (stmt, 3));
          receipt->peer_name = g_strdup (tx_column_text (stmt, 4));
        }
      sqlite3_reset (stmt);
      if (rc == SQLITE_ERROR)
        return NULL;
    }

  return g_steal_pointer (&receipts);
}

/**
 * tx_receipt_get_age:
 * @today: the day to count to
 *
 * Returns: how many days before @today the data were written (the
 *   file's as-of time, in local time), or -1 when no file came
 */
int
tx_receipt_get_age (const TxReceipt *receipt,
                    TxDate           today)
{
  g_autoptr(GDateTime) exported = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (receipt->exported == NULL || (exported = g_date_time_new_from_iso8601 (receipt->exported, NULL)) == NULL)
    return -1;

  local = g_date_time_to_local (exported);
  return tx_date_days_between (tx_date_new (g_date_time_get_year (local), g_date_time_get_month (local),
                                            g_date_time_get_day_of_month (local)),
                               today);
}
