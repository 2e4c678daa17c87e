/* tx-work-group.c — the city office's work groups (工作组)
 *
 * The city office guides its townships through a few work groups, each
 * with a leader and members, each guiding some townships; a township is
 * in one group at most.  The ledger names each township's group, and
 * can be read by group (tx_ledger_compute()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-work-group"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-township-store.h"
#include "tx-work-group.h"

/* The longest name of a group, in characters */
#define MAX_NAME_CHARS 50

void
tx_work_group_free (TxWorkGroup *group)
{
  if (group == NULL)
    return;

  g_free (group->uuid);
  g_free (group->name);
  g_free (group->leader);
  g_free (group->members);
  g_clear_pointer (&group->townships, g_ptr_array_unref);
  g_free (group);
}

/* The value of a Chinese numeral (一, 十二, 二十三, 一百零五) or of ASCII
 * digits at *@text, which it moves past them; -1 (and *@text as it
 * was) when none is there. */
static gint64
read_numeral (const char **text)
{
  static const char digits[] = "〇一二三四五六七八九";
  const char *p = *text;
  gint64 total = 0, current = 0;
  gboolean any = FALSE;

  if (g_ascii_isdigit (*p))
    {
      while (g_ascii_isdigit (*p) && total < G_MAXINT32)
        total = total * 10 + (*p++ - '0');
      while (g_ascii_isdigit (*p))
        p++;
      *text = p;
      return total;
    }

  for (;;)
    {
      gunichar c = g_utf8_get_char (p);
      char encoded[8] = { 0 };
      const char *digit;

      g_unichar_to_utf8 (c, encoded);
      digit = c != 0 ? strstr (digits, encoded) : NULL;
      if (digit != NULL)
        current = g_utf8_pointer_to_offset (digits, digit);
      else if (c == 0x96f6)            /* 零 */
        current = 0;
      else if (c == 0x4e24)            /* 两 */
        current = 2;
      else if (c == 0x5341)            /* 十 */
        {
          total += MAX (current, 1) * 10;
          current = 0;
        }
      else if (c == 0x767e)            /* 百 */
        {
          total += MAX (current, 1) * 100;
          current = 0;
        }
      else
        break;
      any = TRUE;
      p = g_utf8_next_char (p);
    }
  if (!any)
    return -1;

  *text = p;
  return total + current;
}

/**
 * tx_work_group_compare_names:
 *
 * Orders the names of work groups as a clerk counts them: 第二工作组
 * before 第十工作组, 第2组 before 第10组; otherwise by character.
 */
int
tx_work_group_compare_names (const char *a,
                             const char *b)
{
  while (*a != '\0' && *b != '\0')
    {
      const char *na = a, *nb = b;
      gint64 va = read_numeral (&na);
      gint64 vb = read_numeral (&nb);

      if (va >= 0 && vb >= 0)
        {
          if (va != vb)
            return va < vb ? -1 : 1;
          a = na;
          b = nb;
          continue;
        }
      if (g_utf8_get_char (a) != g_utf8_get_char (b))
        return g_utf8_get_char (a) < g_utf8_get_char (b) ? -1 : 1;
      a = g_utf8_next_char (a);
      b = g_utf8_next_char (b);
    }

  return (*a != '\0') - (*b != '\0');
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  return tx_work_group_compare_names ((*(TxWorkGroup * const *) a)->name, (*(TxWorkGroup * const *) b)->name);
}

/**
 * tx_work_group_list:
 *
 * Returns: (transfer full) (element-type TxWorkGroup): the work groups,
 *   by name, each with its townships; %NULL with @error set when they
 *   cannot be read
 */
GPtrArray *
tx_work_group_list (TxStore  *store,
                    GError  **error)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_work_group_free);
  g_autoptr(GPtrArray) townships = NULL;
  g_autoptr(GHashTable) by_township = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  stmt = tx_store_prepare (store, "SELECT uuid, name, leader, members FROM work_group ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      TxWorkGroup *group = g_new0 (TxWorkGroup, 1);

      group->uuid = g_strdup (tx_column_text (stmt, 0));
      group->name = g_strdup (tx_column_text (stmt, 1));
      group->leader = g_strdup (tx_column_text (stmt, 2));
      group->members = g_strdup (tx_column_text (stmt, 3));
      group->townships = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (groups, group);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;
  g_ptr_array_sort (groups, compare_groups);

  /* the townships of each, in the order of the townships */
  townships = tx_store_list_townships (store, error);
  by_township = townships != NULL ? tx_work_group_by_township (store, error) : NULL;
  if (by_township == NULL)
    return NULL;
  for (guint i = 0; i < townships->len; i++)
    {
      TxTownship *township = g_ptr_array_index (townships, i);
      const char *name = g_hash_table_lookup (by_township, tx_township_get_uuid (township));

      for (guint g = 0; name != NULL && g < groups->len; g++)
        {
          TxWorkGroup *group = g_ptr_array_index (groups, g);

          if (g_strcmp0 (group->name, name) == 0)
            g_ptr_array_add (group->townships, g_strdup (tx_township_get_name (township)));
        }
    }

  return g_steal_pointer (&groups);
}

/**
 * tx_work_group_by_township:
 *
 * Returns: (transfer full): township uuid → the name of its work group,
 *   for the townships in one; %NULL with @error set
 */
GHashTable *
tx_work_group_by_township (TxStore  *store,
                           GError  **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = tx_store_prepare (store,
                           "SELECT t.uuid, g.name FROM work_group_township wt "
                           "JOIN township t ON t.id = wt.township_id JOIN work_group g ON g.id = wt.work_group_id",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    g_hash_table_insert (names, g_strdup (tx_column_text (stmt, 0)), g_strdup (tx_column_text (stmt, 1)));
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE ? g_steal_pointer (&names) : NULL;
}

typedef struct {
  const char *name;
  const char *leader;
  const char *members;
  const char *township;
  gint64      township_id;
} GroupWrite;

static gboolean
save_cb (TxStore   *store,
         gpointer   user_data,
         GError   **error)
{
  GroupWrite *write = user_data;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = tx_store_stamp_now (store);
  sqlite3_stmt *stmt;

  stmt = tx_store_prepare (store,
                           "INSERT INTO work_group (uuid, name, leader, members, updated_at) "
                           "VALUES (?1, ?2, coalesce (?3, ''), coalesce (?4, ''), ?5) "
                           "ON CONFLICT (name) DO UPDATE SET leader = coalesce (?3, leader), "
                           "  members = coalesce (?4, members), updated_at = ?5",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, write->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, write->leader, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, write->members, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);

  return tx_store_step_done (store, stmt, error);
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  if (name == NULL || g_utf8_strlen (name, -1) == 0)
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                           _("A work group needs a name, such as 第一工作组."));
      return FALSE;
    }
  if (g_utf8_strlen (name, -1) > MAX_NAME_CHARS)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("The name of a work group has at most %d characters."), MAX_NAME_CHARS);
      return FALSE;
    }

  return TRUE;
}

/**
 * tx_work_group_save:
 * @leader: (nullable): its leader; %NULL: as it was ("" for a new one)
 * @members: (nullable): its members, as written; %NULL: as they were
 *
 * Adds the work group @name, or changes its leader and members.
 */
gboolean
tx_work_group_save (TxStore     *store,
                    const char  *name,
                    const char  *leader,
                    const char  *members,
                    GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  GroupWrite write = { stripped, leader, members, NULL, 0 };

  g_return_val_if_fail (TX_IS_STORE (store), FALSE);

  if (!check_name (stripped, error))
    return FALSE;

  if (!tx_store_write (store, save_cb, &write, error))
    return FALSE;
  tx_store_emit_changed (store, "work-group");
  return TRUE;
}

static gint64
group_id (TxStore     *store,
          const char  *name,
          GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (store, "SELECT id FROM work_group WHERE name = ?", error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = tx_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return -1;

  if (id == 0)
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                 _("There is no work group named “%s”: “tongxin-cli workgroup list” lists them."), name);
  return id;
}

static gboolean
delete_cb (TxStore   *store,
           gpointer   user_data,
           GError   **error)
{
  GroupWrite *write = user_data;
  gint64 id = group_id (store, write->name, error);
  sqlite3_stmt *stmt;

  if (id <= 0)
    return FALSE;

  stmt = tx_store_prepare (store, "DELETE FROM work_group_township WHERE work_group_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;

  stmt = tx_store_prepare (store, "DELETE FROM work_group WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return tx_store_step_done (store, stmt, error);
}

/**
 * tx_work_group_delete:
 *
 * Removes the work group @name; its townships are then in none.
 */
gboolean
tx_work_group_delete (TxStore     *store,
                      const char  *name,
                      GError     **error)
{
  GroupWrite write = { name, NULL, NULL, NULL, 0 };

  g_return_val_if_fail (TX_IS_STORE (store), FALSE);

  if (!tx_store_write (store, delete_cb, &write, error))
    return FALSE;
  tx_store_emit_changed (store, "work-group");
  return TRUE;
}

static gboolean
assign_cb (TxStore   *store,
           gpointer   user_data,
           GError   **error)
{
  GroupWrite *write = user_data;
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (write->name != NULL && (id = group_id (store, write->name, error)) <= 0)
    return FALSE;

  stmt = tx_store_prepare (store,
                           id > 0 ? "INSERT OR REPLACE INTO work_group_township (township_id, work_group_id) VALUES (?1, ?2)"
                                  : "DELETE FROM work_group_township WHERE township_id = ?1 AND ?2 = 0",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, write->township_id);
  sqlite3_bind_int64 (stmt, 2, id);

  return tx_store_step_done (store, stmt, error);
}

/**
 * tx_work_group_assign:
 * @township: its name or uuid
 * @name: (nullable): the work group; %NULL: none
 *
 * Puts @township in the work group @name (out of the one it was in).
 */
gboolean
tx_work_group_assign (TxStore     *store,
                      const char  *township,
                      const char  *name,
                      GError     **error)
{
  g_autoptr(TxTownship) found = NULL;
  GroupWrite write = { name, NULL, NULL, township, 0 };

  g_return_val_if_fail (TX_IS_STORE (store), FALSE);

  found = tx_store_find_township (store, township, error);
  if (found == NULL)
    return FALSE;
  write.township_id = tx_store_find_id (store, "township", tx_township_get_uuid (found), FALSE, error);
  if (write.township_id <= 0)
    return FALSE;

  if (!tx_store_write (store, assign_cb, &write, error))
    return FALSE;
  tx_store_emit_changed (store, "work-group");
  return TRUE;
}

void
tx_work_group_tally_free (TxWorkGroupTally *tally)
{
  if (tally == NULL)
    return;

  g_free (tally->name);
  g_clear_pointer (&tally->entries, g_ptr_array_unref);
  g_free (tally);
}

static int
compare_tallies (gconstpointer a,
                 gconstpointer b)
{
  const TxWorkGroupTally *ta = *(TxWorkGroupTally * const *) a;
  const TxWorkGroupTally *tb = *(TxWorkGroupTally * const *) b;

  /* the townships in no group last */
  if (ta->name == NULL || tb->name == NULL)
    return (ta->name == NULL) - (tb->name == NULL);
  return tx_work_group_compare_names (ta->name, tb->name);
}

/**
 * tx_work_group_tally:
 *
 * The townships of @ledger by the work group guiding them (as the
 * ledger names it: as issued, for a frozen one), the groups by name and
 * the townships in none last.
 *
 * Returns: (transfer full) (element-type TxWorkGroupTally): empty when
 *   no township of @ledger is in a work group
 */
GPtrArray *
tx_work_group_tally (TxLedger *ledger)
{
  g_autoptr(GPtrArray) tallies = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_work_group_tally_free);
  gboolean grouped = FALSE;

  g_return_val_if_fail (ledger != NULL, NULL);

  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);
      TxWorkGroupTally *tally = NULL;

      for (guint t = 0; t < tallies->len && tally == NULL; t++)
        if (g_strcmp0 (((TxWorkGroupTally *) g_ptr_array_index (tallies, t))->name, entry->work_group) == 0)
          tally = g_ptr_array_index (tallies, t);
      if (tally == NULL)
        {
          tally = g_new0 (TxWorkGroupTally, 1);
          tally->name = g_strdup (entry->work_group);
          tally->entries = g_ptr_array_new ();
          g_ptr_array_add (tallies, tally);
        }
      g_ptr_array_add (tally->entries, entry);
      tally->counts[entry->color]++;
      grouped |= entry->work_group != NULL;
    }

  if (!grouped)
    g_ptr_array_set_size (tallies, 0);
  g_ptr_array_sort (tallies, compare_tallies);

  return g_steal_pointer (&tallies);
}
