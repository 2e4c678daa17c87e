/* tx-demo.c — the sample data in a clerk's database, and taking them out
 *
 * The sample (data/demo.xml, loaded by tx_exchange_load_demo()) is
 * meant for a file of its own, but `tongxin-cli demo` and older
 * versions put it in the clerk's database.  Its records are known by
 * their uuids, which the sample file holds: removing the sample takes
 * out exactly those townships, people, consultations (with their
 * stages, participants, minutes and speeches) and recommendations (with
 * their supervision), and the yearly plans of the townships it removes.
 *
 * Whatever the clerk added stays, and so does a sample record the
 * clerk's own records use: a person who took part in one of the clerk's
 * meetings, a consultation the clerk gave a recommendation, a township
 * with the clerk's people or consultations.  The report says how many
 * were kept so.  A backup is taken first, and the removal is one
 * transaction: all of it or nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/xmlreader.h>

#include "tx-backup.h"
#include "tx-demo.h"

#define DEMO_RESOURCE "/io/github/tongxin/Tongxin/data/demo.xml"

/* Fills temp.demo_uuid with the kind and uuid of every record of the
 * sample file. */
static gboolean
load_uuids (TxStore  *store,
            GError  **error)
{
  static const char * const kinds[] = { "township", "person", "consultation", "outcome", "deleted" };
  g_autoptr(GBytes) bytes = g_resources_lookup_data (DEMO_RESOURCE, 0, error);
  xmlTextReaderPtr reader;
  sqlite3_stmt *insert;
  gboolean ok = TRUE;
  int rc;

  if (bytes == NULL)
    return FALSE;

  if (sqlite3_exec (tx_store_get_db (store),
                    "CREATE TEMP TABLE IF NOT EXISTS demo_uuid (kind TEXT NOT NULL, uuid TEXT PRIMARY KEY);"
                    "DELETE FROM temp.demo_uuid;",
                    NULL, NULL, NULL) != SQLITE_OK)
    return tx_store_set_sql_error (store, error, "demo_uuid");

  insert = tx_store_prepare (store, "INSERT OR IGNORE INTO temp.demo_uuid (kind, uuid) VALUES (?, ?)", error);
  if (insert == NULL)
    return FALSE;

  reader = xmlReaderForMemory (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                               "demo.xml", "UTF-8", XML_PARSE_NONET);
  if (reader == NULL)
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID, _("The sample data cannot be read."));
      return FALSE;
    }

  while (ok && (rc = xmlTextReaderRead (reader)) == 1)
    {
      const char *name;
      xmlChar *uuid;

      if (xmlTextReaderNodeType (reader) != XML_READER_TYPE_ELEMENT)
        continue;

      name = (const char *) xmlTextReaderConstLocalName (reader);
      if (!g_strv_contains (kinds, name))
        continue;

      uuid = xmlTextReaderGetAttribute (reader, (const xmlChar *) "uuid");
      if (uuid == NULL)
        continue;
      sqlite3_bind_text (insert, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 2, (const char *) uuid, -1, SQLITE_TRANSIENT);
      ok = tx_store_step_done (store, insert, error);
      xmlFree (uuid);
    }
  xmlFreeTextReader (reader);

  return ok;
}

static guint
count (TxStore    *store,
       const char *sql)
{
  g_autoptr(GArray) values = tx_store_query_ints (store, sql, NULL);

  return values != NULL && values->len > 0 ? (guint) g_array_index (values, gint64, 0) : 0;
}

/* The sample records in the store, of each kind */
static void
count_present (TxStore       *store,
               TxDemoRemoval *present)
{
  present->townships = count (store, "SELECT count(*) FROM township WHERE uuid IN (SELECT uuid FROM temp.demo_uuid)");
  present->people = count (store, "SELECT count(*) FROM person WHERE uuid IN (SELECT uuid FROM temp.demo_uuid)");
  present->consultations = count (store, "SELECT count(*) FROM consultation WHERE uuid IN (SELECT uuid FROM temp.demo_uuid)");
  present->outcomes = count (store, "SELECT count(*) FROM outcome WHERE uuid IN (SELECT uuid FROM temp.demo_uuid)");
}

static gboolean
read_counts (TxStore   *store,
             gpointer   user_data,
             GError   **error)
{
  if (!load_uuids (store, error))
    return FALSE;

  count_present (store, user_data);
  return TRUE;
}

/**
 * tx_demo_count:
 * @present: (out): how many records of the sample the store holds
 *
 * Returns: %FALSE with @error set when the store cannot be read
 */
gboolean
tx_demo_count (TxStore        *store,
               TxDemoRemoval  *present,
               GError        **error)
{
  g_return_val_if_fail (TX_IS_STORE (store), FALSE);

  *present = (TxDemoRemoval) { 0 };
  return tx_store_read (store, read_counts, present, error);
}

static gboolean
run (TxStore     *store,
     const char  *sql,
     GError     **error)
{
  if (sqlite3_exec (tx_store_get_db (store), sql, NULL, NULL, NULL) != SQLITE_OK)
    return tx_store_set_sql_error (store, error, "removing the sample data");

  return TRUE;
}

static gboolean
remove_demo (TxStore   *store,
             gpointer   user_data,
             GError   **error)
{
  /* In order: what depends on a record goes before it; a sample record
   * the clerk's own records still use stays. */
  static const char * const steps[] = {
    "DELETE FROM outcome WHERE uuid IN (SELECT uuid FROM temp.demo_uuid)",
    "DELETE FROM consultation WHERE uuid IN (SELECT uuid FROM temp.demo_uuid) "
    "  AND id NOT IN (SELECT consultation_id FROM outcome)",
    /* the search index forgets them first (its content is the table) */
    "INSERT INTO person_search (person_search, rowid, name, organization, village, title) "
    "  SELECT 'delete', id, name, organization, village, title FROM person "
    "  WHERE uuid IN (SELECT uuid FROM temp.demo_uuid) AND id NOT IN (SELECT person_id FROM participant)",
    "DELETE FROM person WHERE uuid IN (SELECT uuid FROM temp.demo_uuid) "
    "  AND id NOT IN (SELECT person_id FROM participant)",
    "DELETE FROM plan WHERE township_id IN (SELECT id FROM township WHERE uuid IN (SELECT uuid FROM temp.demo_uuid)) "
    "  AND township_id NOT IN (SELECT township_id FROM person WHERE township_id IS NOT NULL) "
    "  AND township_id NOT IN (SELECT township_id FROM consultation)",
    "DELETE FROM setting WHERE key = 'default-township' AND value IN "
    "  (SELECT uuid FROM township WHERE uuid IN (SELECT uuid FROM temp.demo_uuid) "
    "   AND id NOT IN (SELECT township_id FROM person WHERE township_id IS NOT NULL) "
    "   AND id NOT IN (SELECT township_id FROM consultation))",
    "DELETE FROM township WHERE uuid IN (SELECT uuid FROM temp.demo_uuid) "
    "  AND id NOT IN (SELECT township_id FROM person WHERE township_id IS NOT NULL) "
    "  AND id NOT IN (SELECT township_id FROM consultation)",
    "DELETE FROM township_order WHERE township_id NOT IN (SELECT id FROM township)",
    "DELETE FROM tombstone WHERE uuid IN (SELECT uuid FROM temp.demo_uuid WHERE kind = 'deleted')",
  };
  TxDemoRemoval *removal = user_data;
  TxDemoRemoval before, after;
  g_autofree char *summary = NULL;

  if (!load_uuids (store, error))
    return FALSE;

  count_present (store, &before);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (!run (store, steps[i], error))
      return FALSE;
  count_present (store, &after);

  removal->townships = before.townships - after.townships;
  removal->people = before.people - after.people;
  removal->consultations = before.consultations - after.consultations;
  removal->outcomes = before.outcomes - after.outcomes;
  removal->kept_townships = after.townships;
  removal->kept_people = after.people;
  removal->kept_consultations = after.consultations;

  summary = tx_demo_removal_to_string (removal);
  tx_store_emit_changed (store, "all");

  return tx_store_audit (store, "remove-sample", "store", NULL, summary, error);
}

/**
 * tx_demo_remove:
 * @today: the day of the removal (names the backup), or %TX_DATE_NONE
 * @removal: (out): what was taken out, and what was kept
 *
 * Takes the sample data out of the store, after a backup: exactly the
 * records the sample added, save those the clerk's own records use.
 *
 * Returns: %FALSE with @error set when nothing was changed
 */
gboolean
tx_demo_remove (TxStore        *store,
                TxDate          today,
                TxDemoRemoval  *removal,
                GError        **error)
{
  g_return_val_if_fail (TX_IS_STORE (store), FALSE);

  *removal = (TxDemoRemoval) { 0 };
  if (!tx_backup_take_before_change (store, TX_BACKUP_BEFORE_REMOVAL, today, NULL, error))
    return FALSE;

  return tx_store_write (store, remove_demo, removal, error);
}

/**
 * tx_demo_removal_to_string:
 *
 * Returns: (transfer full): what a removal did, in a sentence or two
 */
char *
tx_demo_removal_to_string (const TxDemoRemoval *removal)
{
  GString *text = g_string_new (NULL);

  /* Translators: how many records of the sample data were removed */
  g_string_append_printf (text, _("Sample data removed: %u townships, %u people, %u consultations, %u recommendations."),
                          removal->townships, removal->people, removal->consultations, removal->outcomes);
  if (removal->kept_townships + removal->kept_people + removal->kept_consultations > 0)
    {
      g_string_append_c (text, ' ');
      /* Translators: sample records kept because the clerk's records use them */
      g_string_append_printf (text, _("Kept because your own records use them: %u townships, %u people, %u consultations."),
                              removal->kept_townships, removal->kept_people, removal->kept_consultations);
    }

  return g_string_free (text, FALSE);
}
