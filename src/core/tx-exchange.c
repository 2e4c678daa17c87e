/* tx-exchange.c — export and import of the exchange file (DESIGN §4)
 *
 * Export streams with xmlTextWriter.  Import reads with xmlTextReader in
 * two passes: the first validates the whole file against the RELAX NG
 * schema and writes nothing; the second merges record by record inside
 * one transaction, so a file with any fault changes nothing.  Records
 * are matched by uuid and the newer "updated" wins.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-exchange"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/relaxng.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <string.h>
#include <unistd.h>

#include "tx-exchange.h"
#include "tx-records-private.h"
#include "tx-roster.h"
#include "tx-settings.h"
#include "tx-vocabulary.h"

#define SCHEMA_RESOURCE "/io/github/tongxin/Tongxin/data/tongxin-exchange.rng"
#define DEMO_RESOURCE   "/io/github/tongxin/Tongxin/data/demo.xml"

G_DEFINE_QUARK (tx-exchange-error-quark, tx_exchange_error)

/* ------------------------------------------------------------------ */
/* Export                                                             */
/* ------------------------------------------------------------------ */

typedef struct {
  TxStore          *store;
  xmlTextWriterPtr  writer;
  gboolean          failed;
  GError           *read_error;   /* the first, when reading failed */
} Exporter;

/* The next row of @stmt: FALSE at the end, and FALSE with the export
 * failed when the database could not be read (never a short file that
 * looks whole). */
static gboolean
ex_step (Exporter     *ex,
         sqlite3_stmt *stmt)
{
  g_autoptr(GError) error = NULL;
  int rc;

  if (stmt == NULL)
    {
      ex->failed = TRUE;
      return FALSE;
    }

  rc = tx_store_step (ex->store, stmt, &error);
  if (rc == SQLITE_ERROR)
    {
      ex->failed = TRUE;
      if (ex->read_error == NULL)
        ex->read_error = g_steal_pointer (&error);
    }

  return rc == SQLITE_ROW;
}

static void
start (Exporter   *ex,
       const char *element)
{
  if (xmlTextWriterStartElement (ex->writer, BAD_CAST element) < 0)
    ex->failed = TRUE;
}

static void
end (Exporter *ex)
{
  if (xmlTextWriterEndElement (ex->writer) < 0)
    ex->failed = TRUE;
}

static void
attr (Exporter   *ex,
      const char *name,
      const char *value)
{
  if (value == NULL)
    return;
  if (xmlTextWriterWriteAttribute (ex->writer, BAD_CAST name, BAD_CAST value) < 0)
    ex->failed = TRUE;
}

static void
attr_int (Exporter   *ex,
          const char *name,
          int         value)
{
  char buffer[16];

  g_snprintf (buffer, sizeof buffer, "%d", value);
  attr (ex, name, buffer);
}

/* An element with text; left out when the text is empty unless @always. */
static void
text_element (Exporter   *ex,
              const char *element,
              const char *text,
              gboolean    always)
{
  if ((text == NULL || text[0] == '\0') && !always)
    return;
  if (xmlTextWriterWriteElement (ex->writer, BAD_CAST element, BAD_CAST (text ? text : "")) < 0)
    ex->failed = TRUE;
}

static void
export_townships (Exporter *ex)
{
  sqlite3_stmt *stmt = tx_store_prepare (ex->store,
                                         "SELECT uuid, name, kind, updated_at FROM township "
                                         "WHERE deleted_at IS NULL ORDER BY name, uuid", NULL);

  while (ex_step (ex, stmt))
    {
      start (ex, "township");
      attr (ex, "uuid", tx_column_text (stmt, 0));
      attr (ex, "name", tx_column_text (stmt, 1));
      attr (ex, "kind", tx_column_text (stmt, 2));
      attr (ex, "updated", tx_column_text (stmt, 3));
      end (ex);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
}

static void
export_people (Exporter *ex)
{
  sqlite3_stmt *stmt = tx_store_prepare (ex->store,
                                         "SELECT p.id, p.uuid, t.uuid, p.updated_at, p.name, p.gender, p.ethnicity, "
                                         "  p.organization, p.title, p.phone, p.village, p.notes "
                                         "FROM person p LEFT JOIN township t ON t.id = p.township_id "
                                         "WHERE p.deleted_at IS NULL ORDER BY p.sort_pinyin, p.uuid", NULL);
  sqlite3_stmt *categories = tx_store_prepare (ex->store,
                                               "SELECT category FROM person_category WHERE person_id = ? "
                                               "ORDER BY position, category", NULL);

  while (categories != NULL && ex_step (ex, stmt))
    {
      start (ex, "person");
      attr (ex, "uuid", tx_column_text (stmt, 1));
      attr (ex, "updated", tx_column_text (stmt, 3));
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        attr (ex, "township", tx_column_text (stmt, 2));
      text_element (ex, "name", tx_column_text (stmt, 4), TRUE);
      text_element (ex, "gender", tx_column_text (stmt, 5), FALSE);
      text_element (ex, "ethnicity", tx_column_text (stmt, 6), FALSE);

      sqlite3_bind_int64 (categories, 1, sqlite3_column_int64 (stmt, 0));
      while (ex_step (ex, categories))
        text_element (ex, "category", tx_column_text (categories, 0), TRUE);
      sqlite3_reset (categories);

      text_element (ex, "organization", tx_column_text (stmt, 7), FALSE);
      text_element (ex, "title", tx_column_text (stmt, 8), FALSE);
      text_element (ex, "phone", tx_column_text (stmt, 9), FALSE);
      text_element (ex, "village", tx_column_text (stmt, 10), FALSE);
      text_element (ex, "notes", tx_column_text (stmt, 11), FALSE);
      end (ex);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
}

static void
export_plans (Exporter *ex)
{
  sqlite3_stmt *stmt = tx_store_prepare (ex->store,
                                         "SELECT t.uuid, p.year, p.consultations, p.updated_at "
                                         "FROM plan p JOIN township t ON t.id = p.township_id "
                                         "WHERE t.deleted_at IS NULL ORDER BY t.name, t.uuid, p.year", NULL);

  while (ex_step (ex, stmt))
    {
      start (ex, "plan");
      attr (ex, "township", tx_column_text (stmt, 0));
      attr_int (ex, "year", sqlite3_column_int (stmt, 1));
      attr_int (ex, "consultations", sqlite3_column_int (stmt, 2));
      attr (ex, "updated", tx_column_text (stmt, 3));
      end (ex);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
}

static void
export_consultation_parts (Exporter *ex,
                           gint64    id)
{
  sqlite3_stmt *stmt;

  stmt = tx_store_prepare (ex->store, "SELECT stage, due, done FROM stage WHERE consultation_id = ? ORDER BY stage", NULL);
  if (stmt == NULL)
    {
      ex->failed = TRUE;
      return;
    }
  {
    const char *due[TX_N_STAGES] = { NULL, };
    const char *done[TX_N_STAGES] = { NULL, };
    char *owned[2 * TX_N_STAGES] = { NULL, };

    sqlite3_bind_int64 (stmt, 1, id);
    while (ex_step (ex, stmt))
      {
        int stage = sqlite3_column_int (stmt, 0);

        if (stage < 0 || stage >= TX_N_STAGES)
          continue;
        due[stage] = owned[2 * stage] = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
        done[stage] = owned[2 * stage + 1] = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      }
    sqlite3_reset (stmt);

    for (guint i = 0; i < TX_N_STAGES; i++)
      {
        start (ex, "stage");
        attr (ex, "name", tx_stage_to_key ((TxStage) i));
        attr (ex, "due", due[i]);
        attr (ex, "done", done[i]);
        end (ex);
      }

    for (guint i = 0; i < G_N_ELEMENTS (owned); i++)
      g_free (owned[i]);
  }
}

static void
export_consultations (Exporter *ex)
{
  sqlite3_stmt *stmt = tx_store_prepare (ex->store,
                                         "SELECT c.id, c.uuid, t.uuid, c.updated_at, c.title, c.topic_source, "
                                         "  c.orientation, c.platform, c.venue, c.starts_at, c.ends_at, c.research_notes "
                                         "FROM consultation c JOIN township t ON t.id = c.township_id "
                                         "WHERE c.deleted_at IS NULL ORDER BY c.starts_at IS NULL, c.starts_at, c.title, c.uuid", NULL);
  sqlite3_stmt *participants = tx_store_prepare (ex->store,
                                                 "SELECT p.uuid, pa.role, pa.invited, pa.attended "
                                                 "FROM participant pa JOIN person p ON p.id = pa.person_id "
                                                 "WHERE pa.consultation_id = ? ORDER BY pa.position, p.uuid", NULL);
  sqlite3_stmt *minutes = tx_store_prepare (ex->store,
                                            "SELECT recorder, agenda, consensus, next_steps FROM minutes "
                                            "WHERE consultation_id = ?", NULL);
  sqlite3_stmt *speeches = tx_store_prepare (ex->store,
                                             "SELECT speaker, summary FROM speech WHERE consultation_id = ? "
                                             "ORDER BY position", NULL);

  if (stmt == NULL || participants == NULL || minutes == NULL || speeches == NULL)
    {
      ex->failed = TRUE;
      return;
    }

  while (ex_step (ex, stmt))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      start (ex, "consultation");
      attr (ex, "uuid", tx_column_text (stmt, 1));
      attr (ex, "township", tx_column_text (stmt, 2));
      attr (ex, "updated", tx_column_text (stmt, 3));
      text_element (ex, "title", tx_column_text (stmt, 4), TRUE);
      text_element (ex, "topic-source", tx_column_text (stmt, 5), TRUE);
      text_element (ex, "orientation", tx_column_text (stmt, 6), TRUE);
      text_element (ex, "platform", tx_column_text (stmt, 7), TRUE);
      text_element (ex, "venue", tx_column_text (stmt, 8), FALSE);
      text_element (ex, "starts", tx_column_text (stmt, 9), FALSE);
      text_element (ex, "ends", tx_column_text (stmt, 10), FALSE);

      /* the statement cache is shared; stage rows are read before the
       * next step of this one */
      export_consultation_parts (ex, id);
      text_element (ex, "research", tx_column_text (stmt, 11), FALSE);

      sqlite3_bind_int64 (participants, 1, id);
      while (ex_step (ex, participants))
        {
          start (ex, "participant");
          attr (ex, "person", tx_column_text (participants, 0));
          attr (ex, "role", tx_column_text (participants, 1));
          attr (ex, "invited", sqlite3_column_int (participants, 2) ? "true" : "false");
          if (sqlite3_column_type (participants, 3) != SQLITE_NULL)
            attr (ex, "attended", sqlite3_column_int (participants, 3) ? "true" : "false");
          end (ex);
        }
      sqlite3_reset (participants);

      sqlite3_bind_int64 (minutes, 1, id);
      if (ex_step (ex, minutes))
        {
          start (ex, "minutes");
          if (tx_column_text (minutes, 0)[0] != '\0')
            attr (ex, "recorder", tx_column_text (minutes, 0));
          text_element (ex, "agenda", tx_column_text (minutes, 1), FALSE);

          sqlite3_bind_int64 (speeches, 1, id);
          while (ex_step (ex, speeches))
            {
              start (ex, "speech");
              attr (ex, "speaker", tx_column_text (speeches, 0));
              if (xmlTextWriterWriteString (ex->writer, BAD_CAST tx_column_text (speeches, 1)) < 0)
                ex->failed = TRUE;
              end (ex);
            }
          sqlite3_reset (speeches);

          text_element (ex, "consensus", tx_column_text (minutes, 2), FALSE);
          text_element (ex, "next-steps", tx_column_text (minutes, 3), FALSE);
          end (ex);
        }
      sqlite3_reset (minutes);

      end (ex);
    }
  sqlite3_reset (stmt);
}

static void
export_outcomes (Exporter *ex)
{
  sqlite3_stmt *stmt = tx_store_prepare (ex->store,
                                         "SELECT o.id, o.uuid, c.uuid, o.updated_at, o.title, o.content, o.submitted_to, "
                                         "  o.submitted_on, o.has_feedback, o.feedback_due, o.feedback_received, "
                                         "  o.feedback_text, o.adoption, o.progress "
                                         "FROM outcome o JOIN consultation c ON c.id = o.consultation_id "
                                         "WHERE o.deleted_at IS NULL AND c.deleted_at IS NULL "
                                         "ORDER BY o.submitted_on IS NULL, o.submitted_on, o.title, o.uuid", NULL);
  sqlite3_stmt *supervisions = tx_store_prepare (ex->store,
                                                 "SELECT phase, date, by_whom, note FROM supervision "
                                                 "WHERE outcome_id = ? ORDER BY position", NULL);

  if (stmt == NULL || supervisions == NULL)
    {
      ex->failed = TRUE;
      return;
    }

  while (ex_step (ex, stmt))
    {
      start (ex, "outcome");
      attr (ex, "uuid", tx_column_text (stmt, 1));
      attr (ex, "consultation", tx_column_text (stmt, 2));
      attr (ex, "updated", tx_column_text (stmt, 3));
      text_element (ex, "title", tx_column_text (stmt, 4), TRUE);
      text_element (ex, "content", tx_column_text (stmt, 5), FALSE);
      text_element (ex, "submitted-to", tx_column_text (stmt, 6), FALSE);
      text_element (ex, "submitted", tx_column_text (stmt, 7), FALSE);
      if (sqlite3_column_int (stmt, 8))
        {
          start (ex, "feedback");
          if (sqlite3_column_type (stmt, 9) != SQLITE_NULL)
            attr (ex, "due", tx_column_text (stmt, 9));
          if (sqlite3_column_type (stmt, 10) != SQLITE_NULL)
            attr (ex, "received", tx_column_text (stmt, 10));
          if (xmlTextWriterWriteString (ex->writer, BAD_CAST tx_column_text (stmt, 11)) < 0)
            ex->failed = TRUE;
          end (ex);
        }
      text_element (ex, "adoption", tx_column_text (stmt, 12), TRUE);
      if (sqlite3_column_type (stmt, 13) != SQLITE_NULL)
        text_element (ex, "progress", tx_column_text (stmt, 13), TRUE);

      sqlite3_bind_int64 (supervisions, 1, sqlite3_column_int64 (stmt, 0));
      while (ex_step (ex, supervisions))
        {
          start (ex, "supervision");
          attr (ex, "phase", tx_column_text (supervisions, 0));
          if (sqlite3_column_type (supervisions, 1) != SQLITE_NULL)
            attr (ex, "date", tx_column_text (supervisions, 1));
          if (tx_column_text (supervisions, 2)[0] != '\0')
            attr (ex, "by", tx_column_text (supervisions, 2));
          if (xmlTextWriterWriteString (ex->writer, BAD_CAST tx_column_text (supervisions, 3)) < 0)
            ex->failed = TRUE;
          end (ex);
        }
      sqlite3_reset (supervisions);

      end (ex);
    }
  sqlite3_reset (stmt);
}

static void
export_deletions (Exporter *ex)
{
  sqlite3_stmt *stmt = tx_store_prepare (ex->store,
                                         "SELECT kind, uuid, at FROM ("
                                         "  SELECT 'township' AS kind, uuid, deleted_at AS at FROM township WHERE deleted_at IS NOT NULL"
                                         "  UNION ALL SELECT 'person', uuid, deleted_at FROM person WHERE deleted_at IS NOT NULL"
                                         "  UNION ALL SELECT 'consultation', uuid, deleted_at FROM consultation WHERE deleted_at IS NOT NULL"
                                         "  UNION ALL SELECT 'outcome', uuid, deleted_at FROM outcome WHERE deleted_at IS NOT NULL"
                                         "  UNION ALL SELECT kind, uuid, deleted_at FROM tombstone"
                                         ") ORDER BY kind, uuid", NULL);

  while (ex_step (ex, stmt))
    {
      start (ex, "deleted");
      attr (ex, "kind", tx_column_text (stmt, 0));
      attr (ex, "uuid", tx_column_text (stmt, 1));
      attr (ex, "at", tx_column_text (stmt, 2));
      end (ex);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
}

static gboolean
export_records (TxStore   *store,
                gpointer   user_data,
                GError   **error)
{
  Exporter *ex = user_data;

  export_townships (ex);
  export_people (ex);
  export_plans (ex);
  export_consultations (ex);
  export_outcomes (ex);
  export_deletions (ex);

  return !ex->failed;
}

/**
 * tx_exchange_export:
 * @path: the file to write; replaced atomically
 *
 * Writes every record of the store as an exchange file.
 */
gboolean
tx_exchange_export (TxStore     *store,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *exported = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  g_autofree char *tmp_path = g_strdup_printf ("%s.tmp-%d", path, (int) getpid ());
  g_autoptr(GError) read_error = NULL;
  Exporter ex = { store, NULL, FALSE, NULL };

  ex.writer = xmlNewTextWriterFilename (tmp_path, 0);
  if (ex.writer == NULL)
    {
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_WRITE,
                   _("Could not write “%s”. Check that the folder exists and can be written."),
                   path);
      return FALSE;
    }

  xmlTextWriterSetIndent (ex.writer, 1);
  xmlTextWriterSetIndentString (ex.writer, BAD_CAST "  ");

  if (xmlTextWriterStartDocument (ex.writer, NULL, "UTF-8", NULL) < 0)
    ex.failed = TRUE;
  start (&ex, "tongxin");
  attr (&ex, "xmlns", TX_EXCHANGE_NAMESPACE);
  attr (&ex, "exported", exported);

  /* Everything from one state of the database. */
  if (!tx_store_read (store, export_records, &ex, &read_error))
    ex.failed = TRUE;

  end (&ex);
  if (xmlTextWriterEndDocument (ex.writer) < 0 || xmlTextWriterFlush (ex.writer) < 0)
    ex.failed = TRUE;

  xmlFreeTextWriter (ex.writer);

  if (ex.failed || g_rename (tmp_path, path) != 0)
    {
      g_unlink (tmp_path);
      if (ex.read_error != NULL)
        g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_WRITE,
                     _("Could not write “%s”: %s. Nothing was written."),
                     path, ex.read_error->message);
      else
        g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_WRITE,
                     _("Could not write “%s”: the disk may be full or the folder read-only."),
                     path);
      g_clear_error (&ex.read_error);
      return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Import                                                             */
/* ------------------------------------------------------------------ */

typedef struct {
  TxStore               *store;
  const TxImportOptions *options;
  const char            *display_name;
  TxImportReport         report;
  int                    year_shift;
  GError                *first_error;   /* from libxml2's handler */
} Importer;

/* The next row of @stmt for the import; a read error is kept as the
 * import's first error, which fails the whole import (all or nothing). */
static int
imp_step (Importer     *imp,
          sqlite3_stmt *stmt)
{
  g_autoptr(GError) error = NULL;
  int rc = tx_store_step (imp->store, stmt, &error);

  if (rc == SQLITE_ERROR && imp->first_error == NULL)
    imp->first_error = g_steal_pointer (&error);

  return rc;
}

typedef enum {
  MERGE_INSERT,
  MERGE_UPDATE,
  MERGE_UNCHANGED,
  MERGE_REJECTED,
} Merge;

static void
on_reader_error_cb (void        *user_data,
                    xmlErrorPtr  xml_error)
{
  Importer *imp = user_data;
  g_autofree char *message = NULL;

  if (imp->first_error != NULL || xml_error == NULL)
    return;

  message = g_strstrip (g_strdup (xml_error->message ? xml_error->message : ""));

  if (xml_error->domain == XML_FROM_RELAXNGV || xml_error->domain == XML_FROM_RELAXNGP)
    g_set_error (&imp->first_error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID,
                 _("%s, line %d: not a valid Tongxin exchange file: %s"),
                 imp->display_name, xml_error->line, message);
  else
    g_set_error (&imp->first_error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                 _("%s, line %d: the file is damaged or incomplete: %s"),
                 imp->display_name, xml_error->line, message);
}

static char *
get_attr (xmlNodePtr  node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *copy;

  if (value == NULL)
    return NULL;

  copy = g_strdup ((const char *) value);
  xmlFree (value);

  return copy;
}

static char *
get_text (xmlNodePtr node)
{
  xmlChar *value = xmlNodeGetContent (node);
  char *copy = g_strdup (value ? (const char *) value : "");

  xmlFree (value);

  return copy;
}

static gboolean
is_element (xmlNodePtr  node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, BAD_CAST name);
}

/* The text of the first child element called @name, or NULL. */
static char *
child_text (xmlNodePtr  node,
            const char *name)
{
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    if (is_element (child, name))
      return get_text (child);

  return NULL;
}

static char *
shift_date (Importer   *imp,
            const char *date)
{
  TxDate parsed;

  if (date == NULL)
    return NULL;
  if (imp->options == NULL || imp->options->shift_days == 0)
    return g_strdup (date);

  parsed = tx_date_from_iso (date);
  if (parsed == TX_DATE_NONE)
    return g_strdup (date);

  return tx_date_to_iso (tx_date_add_days (parsed, imp->options->shift_days));
}

static char *
shift_datetime (Importer   *imp,
                const char *datetime)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) shifted = NULL;

  if (datetime == NULL)
    return NULL;
  if (imp->options == NULL || imp->options->shift_days == 0)
    return g_strdup (datetime);

  parsed = g_date_time_new_from_iso8601 (datetime, NULL);
  if (parsed == NULL)
    return g_strdup (datetime);

  shifted = g_date_time_add_days (parsed, imp->options->shift_days);

  return g_date_time_format (shifted, "%Y-%m-%dT%H:%M:%S%:z");
}

static gboolean
fail_at (Importer    *imp,
         xmlNodePtr   node,
         GError     **error,
         int          code,
         const char  *format,
         ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail_at (Importer    *imp,
         xmlNodePtr   node,
         GError     **error,
         int          code,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: "FILE, line N: what is wrong" */
  g_set_error (error, TX_EXCHANGE_ERROR, code, _("%s, line %ld: %s"),
               imp->display_name, xmlGetLineNo (node), message);

  return FALSE;
}

/* A writer's error, said with the file and the line it comes from. */
static gboolean
fail_writing (Importer    *imp,
              xmlNodePtr   node,
              GError     **error)
{
  g_prefix_error (error, _("%s, line %ld: "), imp->display_name, xmlGetLineNo (node));
  return FALSE;
}

/* Normalised "updated" of a record, or a clear error. */
static char *
read_updated (Importer    *imp,
              xmlNodePtr   node,
              const char  *attribute,
              GError     **error)
{
  g_autofree char *text = get_attr (node, attribute);
  char *normalized = tx_timestamp_normalize (text);

  if (normalized == NULL && text != NULL)
    fail_at (imp, node, error, TX_EXCHANGE_ERROR_INVALID,
             _("“%s” is not a date and time with a time zone."), text);
  else if (normalized == NULL)
    normalized = tx_timestamp_now ();

  return normalized;
}

/*
 * Decides what to do with an incoming record: @lookup_sql selects
 * (id, updated_at, deleted_at) by uuid.  The newer "updated" wins;
 * a deletion counts as a change at its time.
 */
static Merge
decide (Importer     *imp,
        const char   *kind,
        const char   *lookup_sql,
        const char   *uuid,
        const char   *updated,
        gint64       *id)
{
  sqlite3_stmt *stmt;
  g_autofree char *existing = NULL;
  Merge merge = MERGE_INSERT;

  *id = 0;

  stmt = tx_store_prepare (imp->store, "SELECT deleted_at FROM tombstone WHERE kind = ? AND uuid = ?", NULL);
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
  if (imp_step (imp, stmt) == SQLITE_ROW)
    existing = g_strdup (tx_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (existing != NULL)
    {
      int order = strcmp (updated, existing);

      return order > 0 ? MERGE_INSERT : order == 0 ? MERGE_UNCHANGED : MERGE_REJECTED;
    }

  stmt = tx_store_prepare (imp->store, lookup_sql, NULL);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (imp_step (imp, stmt) == SQLITE_ROW)
    {
      const char *updated_at = tx_column_text (stmt, 1);
      const char *deleted_at = tx_column_text (stmt, 2);
      const char *latest = strcmp (deleted_at, updated_at) > 0 ? deleted_at : updated_at;
      int order = strcmp (updated, latest);

      *id = sqlite3_column_int64 (stmt, 0);
      merge = order > 0 ? MERGE_UPDATE : order == 0 ? MERGE_UNCHANGED : MERGE_REJECTED;
    }
  sqlite3_reset (stmt);

  return merge;
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
    default:
      g_assert_not_reached ();
    }
}

static gint64
lookup_id (Importer   *imp,
           const char *sql,
           const char *uuid)
{
  sqlite3_stmt *stmt = tx_store_prepare (imp->store, sql, NULL);
  gint64 id = 0;

  if (stmt == NULL || uuid == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (imp_step (imp, stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return id;
}

static gboolean
import_township (Importer    *imp,
                 xmlNodePtr   node,
                 GError     **error)
{
  g_autofree char *uuid = get_attr (node, "uuid");
  g_autofree char *name = get_attr (node, "name");
  g_autofree char *kind = get_attr (node, "kind");
  g_autofree char *updated = read_updated (imp, node, "updated", error);
  gint64 id;
  Merge merge;

  if (updated == NULL)
    return FALSE;

  merge = decide (imp, "township", "SELECT id, updated_at, deleted_at FROM township WHERE uuid = ?",
                  uuid, updated, &id);
  count_merge (imp, merge);
  if (merge == MERGE_UNCHANGED || merge == MERGE_REJECTED)
    return TRUE;

  {
    TxTownshipKind township_kind = TX_TOWNSHIP_KIND_TOWN;
    g_autoptr(TxTownship) township = NULL;

    tx_township_kind_from_key (kind, &township_kind);
    township = tx_township_new (uuid, name, township_kind);
    if (!tx_store_write_township (imp->store, township, updated, error))
      return fail_writing (imp, node, error);
  }

  return TRUE;
}

static gboolean
import_person (Importer    *imp,
               xmlNodePtr   node,
               GError     **error)
{
  g_autoptr(TxPerson) person = NULL;
  g_autofree char *uuid = get_attr (node, "uuid");
  g_autofree char *township = get_attr (node, "township");
  g_autofree char *updated = read_updated (imp, node, "updated", error);
  gint64 id;
  Merge merge;

  if (updated == NULL)
    return FALSE;

  merge = decide (imp, "person", "SELECT id, updated_at, deleted_at FROM person WHERE uuid = ?",
                  uuid, updated, &id);
  count_merge (imp, merge);
  if (merge == MERGE_UNCHANGED || merge == MERGE_REJECTED)
    return TRUE;

  if (township != NULL &&
      lookup_id (imp, "SELECT id FROM township WHERE uuid = ?", township) == 0)
    return fail_at (imp, node, error, TX_EXCHANGE_ERROR_REFERENCE,
                    _("the person refers to the township %s, which is neither in the file nor in the database."),
                    township);

  person = tx_person_new ();
  person->uuid = g_steal_pointer (&uuid);
  person->township_uuid = g_steal_pointer (&township);
  person->updated_at = g_steal_pointer (&updated);

  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      g_autofree char *text = NULL;

      if (child->type != XML_ELEMENT_NODE)
        continue;

      text = get_text (child);

      if (is_element (child, "name"))
        person->name = g_steal_pointer (&text);
      else if (is_element (child, "gender"))
        tx_gender_from_key (text, &person->gender);
      else if (is_element (child, "ethnicity"))
        person->ethnicity = g_steal_pointer (&text);
      else if (is_element (child, "category"))
        {
          TxCategory category;

          if (tx_category_from_key (text, &category))
            tx_person_add_category (person, category);
        }
      else if (is_element (child, "organization"))
        person->organization = g_steal_pointer (&text);
      else if (is_element (child, "title"))
        person->title = g_steal_pointer (&text);
      else if (is_element (child, "phone"))
        person->phone = g_steal_pointer (&text);
      else if (is_element (child, "village"))
        person->village = g_steal_pointer (&text);
      else if (is_element (child, "notes"))
        person->notes = g_steal_pointer (&text);
    }

  if (!tx_roster_save_person (imp->store, person, error))
    {
      g_prefix_error (error, _("%s, line %ld: "), imp->display_name, xmlGetLineNo (node));
      return FALSE;
    }

  return TRUE;
}

static gboolean
import_plan (Importer    *imp,
             xmlNodePtr   node,
             GError     **error)
{
  g_autofree char *township = get_attr (node, "township");
  g_autofree char *year_text = get_attr (node, "year");
  g_autofree char *count_text = get_attr (node, "consultations");
  g_autofree char *updated = read_updated (imp, node, "updated", error);
  sqlite3_stmt *stmt;
  gint64 township_id;
  int year = atoi (year_text ? year_text : "0") + imp->year_shift;
  int count = atoi (count_text ? count_text : "0");
  Merge merge = MERGE_INSERT;

  if (updated == NULL)
    return FALSE;

  township_id = lookup_id (imp, "SELECT id FROM township WHERE uuid = ?", township);
  if (township_id == 0)
    return fail_at (imp, node, error, TX_EXCHANGE_ERROR_REFERENCE,
                    _("the plan refers to the township %s, which is neither in the file nor in the database."),
                    township);

  stmt = tx_store_prepare (imp->store, "SELECT consultations, updated_at FROM plan WHERE township_id = ? AND year = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, township_id);
  sqlite3_bind_int (stmt, 2, year);
  if (imp_step (imp, stmt) == SQLITE_ROW)
    {
      int order = strcmp (updated, tx_column_text (stmt, 1));

      merge = order > 0 ? MERGE_UPDATE : order == 0 ? MERGE_UNCHANGED : MERGE_REJECTED;
    }
  sqlite3_reset (stmt);

  count_merge (imp, merge);
  if (merge == MERGE_UNCHANGED || merge == MERGE_REJECTED)
    return TRUE;

  if (!tx_store_write_plan (imp->store, township, year, count, updated, error))
    return fail_writing (imp, node, error);

  return TRUE;
}


/* A consultation's stages, participants and minutes, read into @record. */
static gboolean
read_consultation_parts (Importer        *imp,
                         xmlNodePtr       node,
                         TxConsultation  *record,
                         GError         **error)
{
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (is_element (child, "stage"))
        {
          g_autofree char *name = get_attr (child, "name");
          g_autofree char *due = get_attr (child, "due");
          g_autofree char *done = get_attr (child, "done");
          TxStage stage;

          if (!tx_stage_from_key (name, &stage) || stage == TX_STAGE_DONE)
            return fail_at (imp, child, error, TX_EXCHANGE_ERROR_INVALID, _("“%s” is not a stage."), name);

          g_free (record->stage_due[stage]);
          g_free (record->stage_done[stage]);
          record->stage_due[stage] = shift_date (imp, due);
          record->stage_done[stage] = shift_date (imp, done);
        }
      else if (is_element (child, "participant"))
        {
          g_autofree char *person = get_attr (child, "person");
          g_autofree char *role_key = get_attr (child, "role");
          g_autofree char *invited = get_attr (child, "invited");
          g_autofree char *attended = get_attr (child, "attended");
          TxRole role = TX_ROLE_OBSERVER;
          TxParticipant *participant;

          if (lookup_id (imp, "SELECT id FROM person WHERE uuid = ?", person) == 0)
            return fail_at (imp, child, error, TX_EXCHANGE_ERROR_REFERENCE,
                            _("the participant %s is neither in the file nor in the database."), person);

          tx_role_from_key (role_key, &role);
          participant = tx_participant_new (person, role);
          participant->invited = g_strcmp0 (invited, "false") != 0 && g_strcmp0 (invited, "0") != 0;
          participant->attended = attended == NULL ? -1
                                  : g_str_equal (attended, "true") || g_str_equal (attended, "1");
          g_ptr_array_add (record->participants, participant);
        }
      else if (is_element (child, "minutes"))
        {
          g_autofree char *recorder = get_attr (child, "recorder");
          g_autofree char *agenda = child_text (child, "agenda");
          g_autofree char *consensus = child_text (child, "consensus");
          g_autofree char *next_steps = child_text (child, "next-steps");

          tx_consultation_set_minutes (record, recorder, agenda, consensus, next_steps);
          for (xmlNodePtr speech = child->children; speech != NULL; speech = speech->next)
            if (is_element (speech, "speech"))
              {
                g_autofree char *speaker = get_attr (speech, "speaker");
                g_autofree char *summary = get_text (speech);

                tx_consultation_add_speech (record, speaker ? speaker : "", summary ? summary : "");
              }
        }
    }

  return TRUE;
}

static gboolean
import_consultation (Importer    *imp,
                     xmlNodePtr   node,
                     GError     **error)
{
  g_autofree char *uuid = get_attr (node, "uuid");
  g_autofree char *township = get_attr (node, "township");
  g_autofree char *updated = read_updated (imp, node, "updated", error);
  g_autoptr(TxConsultation) record = NULL;
  g_autofree char *starts = NULL;
  g_autofree char *ends = NULL;
  g_autofree char *text = NULL;
  gint64 id;
  Merge merge;

  if (updated == NULL)
    return FALSE;

  merge = decide (imp, "consultation", "SELECT id, updated_at, deleted_at FROM consultation WHERE uuid = ?",
                  uuid, updated, &id);
  count_merge (imp, merge);
  if (merge == MERGE_UNCHANGED || merge == MERGE_REJECTED)
    return TRUE;

  if (lookup_id (imp, "SELECT id FROM township WHERE uuid = ?", township) == 0)
    return fail_at (imp, node, error, TX_EXCHANGE_ERROR_REFERENCE,
                    _("the consultation refers to the township %s, which is neither in the file nor in the database."),
                    township);

  /* the record as the file has it, written as every consultation is */
  record = tx_consultation_new ();
  record->uuid = g_strdup (uuid);
  record->updated_at = g_strdup (updated);
  record->township_uuid = g_strdup (township);
  record->title = child_text (node, "title");
  text = child_text (node, "topic-source");
  tx_topic_source_from_key (text, &record->topic_source);
  g_free (text);
  text = child_text (node, "orientation");
  tx_orientation_from_key (text, &record->orientation);
  g_free (text);
  text = child_text (node, "platform");
  tx_platform_from_key (text, &record->platform);
  g_clear_pointer (&text, g_free);
  record->venue = child_text (node, "venue");
  starts = child_text (node, "starts");
  ends = child_text (node, "ends");
  record->starts = shift_datetime (imp, starts);
  record->ends = shift_datetime (imp, ends);
  record->research = child_text (node, "research");

  if (!read_consultation_parts (imp, node, record, error))
    return FALSE;

  if (!tx_store_write_consultation (imp->store, record, TX_WRITE_WHOLE | TX_WRITE_AS_RECEIVED, error))
    return fail_writing (imp, node, error);

  return TRUE;
}

static gboolean
import_outcome (Importer    *imp,
                xmlNodePtr   node,
                GError     **error)
{
  g_autofree char *uuid = get_attr (node, "uuid");
  g_autofree char *consultation = get_attr (node, "consultation");
  g_autofree char *updated = read_updated (imp, node, "updated", error);
  g_autoptr(TxOutcome) record = NULL;
  g_autofree char *submitted = NULL;
  g_autofree char *adoption = NULL;
  g_autofree char *progress = NULL;
  gint64 id;
  Merge merge;

  if (updated == NULL)
    return FALSE;

  merge = decide (imp, "outcome", "SELECT id, updated_at, deleted_at FROM outcome WHERE uuid = ?",
                  uuid, updated, &id);
  count_merge (imp, merge);
  if (merge == MERGE_UNCHANGED || merge == MERGE_REJECTED)
    return TRUE;

  if (lookup_id (imp, "SELECT id FROM consultation WHERE uuid = ?", consultation) == 0)
    return fail_at (imp, node, error, TX_EXCHANGE_ERROR_REFERENCE,
                    _("the recommendation refers to the consultation %s, which is neither in the file nor in the database."),
                    consultation);

  /* the record as the file has it, written as every recommendation is */
  record = tx_outcome_new_for_consultation (consultation);
  record->uuid = g_strdup (uuid);
  record->updated_at = g_strdup (updated);
  record->title = child_text (node, "title");
  record->content = child_text (node, "content");
  record->submitted_to = child_text (node, "submitted-to");
  submitted = child_text (node, "submitted");
  record->submitted = shift_date (imp, submitted);
  adoption = child_text (node, "adoption");
  record->adoption = TX_ADOPTION_PENDING;
  if (adoption != NULL)
    tx_adoption_from_key (adoption, &record->adoption);
  progress = child_text (node, "progress");
  record->progress = progress != NULL ? atoi (progress) : -1;

  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    if (is_element (child, "feedback"))
      {
        g_autofree char *due = get_attr (child, "due");
        g_autofree char *received = get_attr (child, "received");

        record->has_feedback = TRUE;
        record->feedback_due = shift_date (imp, due);
        record->feedback_received = shift_date (imp, received);
        record->feedback_text = get_text (child);
      }
    else if (is_element (child, "supervision"))
      {
        g_autofree char *phase_key = get_attr (child, "phase");
        g_autofree char *date = get_attr (child, "date");
        g_autofree char *by = get_attr (child, "by");
        g_autofree char *note = get_text (child);
        g_autofree char *shifted = shift_date (imp, date);
        TxSupervisionPhase phase = TX_SUPERVISION_BEFORE;

        tx_supervision_phase_from_key (phase_key, &phase);
        tx_outcome_add_supervision (record, phase, shifted, by, note);
      }

  if (!tx_store_write_outcome (imp->store, record, TX_WRITE_AS_RECEIVED, error))
    return fail_writing (imp, node, error);

  return TRUE;
}

static gboolean
import_deletion (Importer    *imp,
                 xmlNodePtr   node,
                 GError     **error)
{
  g_autofree char *kind = get_attr (node, "kind");
  g_autofree char *uuid = get_attr (node, "uuid");
  g_autofree char *at = read_updated (imp, node, "at", error);
  const char *lookup = NULL;
  const char *update = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  Merge merge;

  if (at == NULL)
    return FALSE;

  if (g_strcmp0 (kind, "township") == 0)
    {
      lookup = "SELECT id, updated_at, deleted_at FROM township WHERE uuid = ?";
      update = "UPDATE township SET deleted_at = ?2 WHERE id = ?1";
    }
  else if (g_strcmp0 (kind, "person") == 0)
    {
      lookup = "SELECT id, updated_at, deleted_at FROM person WHERE uuid = ?";
      update = "UPDATE person SET deleted_at = ?2 WHERE id = ?1";
    }
  else if (g_strcmp0 (kind, "consultation") == 0)
    {
      lookup = "SELECT id, updated_at, deleted_at FROM consultation WHERE uuid = ?";
      update = "UPDATE consultation SET deleted_at = ?2 WHERE id = ?1";
    }
  else
    {
      lookup = "SELECT id, updated_at, deleted_at FROM outcome WHERE uuid = ?";
      update = "UPDATE outcome SET deleted_at = ?2 WHERE id = ?1";
    }

  merge = decide (imp, kind, lookup, uuid, at, &id);

  if (merge == MERGE_REJECTED || merge == MERGE_UNCHANGED)
    {
      count_merge (imp, merge);
      return TRUE;
    }

  if (id == 0)
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
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, at, -1, SQLITE_TRANSIENT);
  if (!tx_store_step_done (imp->store, stmt, error))
    return FALSE;

  imp->report.deleted++;
  tx_store_emit_changed (imp->store, kind);
  return TRUE;
}

static xmlTextReaderPtr
open_reader (GBytes     *bytes,
             const char *path)
{
  int flags = XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOCDATA | XML_PARSE_HUGE;

  if (bytes != NULL)
    return xmlReaderForMemory (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                               NULL, "UTF-8", flags);

  return xmlReaderForFile (path, NULL, flags);
}

/* Pass one: the whole file against the schema; writes nothing. */
static gboolean
validate (Importer    *imp,
          GBytes      *bytes,
          const char  *path,
          GError     **error)
{
  g_autoptr(GBytes) schema_bytes = NULL;
  xmlRelaxNGParserCtxtPtr parser;
  xmlRelaxNGPtr schema;
  xmlTextReaderPtr reader;
  int rc;

  schema_bytes = g_resources_lookup_data (SCHEMA_RESOURCE, 0, error);
  if (schema_bytes == NULL)
    return FALSE;

  parser = xmlRelaxNGNewMemParserCtxt (g_bytes_get_data (schema_bytes, NULL), g_bytes_get_size (schema_bytes));
  schema = xmlRelaxNGParse (parser);
  xmlRelaxNGFreeParserCtxt (parser);
  if (schema == NULL)
    {
      g_set_error_literal (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                           "The exchange schema built into Tongxin cannot be read.");
      return FALSE;
    }

  reader = open_reader (bytes, path);
  if (reader == NULL)
    {
      xmlRelaxNGFree (schema);
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                   _("Could not open “%s”. Check that the file exists and can be read."),
                   imp->display_name);
      return FALSE;
    }

  xmlTextReaderSetStructuredErrorHandler (reader, on_reader_error_cb, imp);
  xmlTextReaderRelaxNGSetSchema (reader, schema);

  while ((rc = xmlTextReaderRead (reader)) == 1)
    ;

  if (imp->first_error == NULL && (rc < 0 || xmlTextReaderIsValid (reader) != 1))
    g_set_error (&imp->first_error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID,
                 _("%s is not a valid Tongxin exchange file."), imp->display_name);

  xmlFreeTextReader (reader);
  xmlRelaxNGFree (schema);

  if (imp->first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&imp->first_error));
      return FALSE;
    }

  return TRUE;
}

typedef struct {
  Importer   *imp;
  GBytes     *bytes;
  const char *path;
} MergeJob;

/* Pass two, inside one transaction: record by record. */
static gboolean
merge_records (TxStore   *store,
               gpointer   user_data,
               GError   **error)
{
  MergeJob *job = user_data;
  Importer *imp = job->imp;
  xmlTextReaderPtr reader;
  gboolean ok = TRUE;
  int rc;

  reader = open_reader (job->bytes, job->path);
  if (reader == NULL)
    {
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                   _("Could not open “%s”. Check that the file exists and can be read."),
                   imp->display_name);
      return FALSE;
    }

  xmlTextReaderSetStructuredErrorHandler (reader, on_reader_error_cb, imp);

  rc = xmlTextReaderRead (reader);
  while (ok && rc == 1)
    {
      xmlNodePtr node;
      const char *name;

      if (xmlTextReaderNodeType (reader) != XML_READER_TYPE_ELEMENT || xmlTextReaderDepth (reader) != 1)
        {
          rc = xmlTextReaderRead (reader);
          continue;
        }

      node = xmlTextReaderExpand (reader);
      if (node == NULL)
        break;

      name = (const char *) node->name;
      if (g_str_equal (name, "township"))
        ok = import_township (imp, node, error);
      else if (g_str_equal (name, "person"))
        ok = import_person (imp, node, error);
      else if (g_str_equal (name, "plan"))
        ok = import_plan (imp, node, error);
      else if (g_str_equal (name, "consultation"))
        ok = import_consultation (imp, node, error);
      else if (g_str_equal (name, "outcome"))
        ok = import_outcome (imp, node, error);
      else if (g_str_equal (name, "deleted"))
        ok = import_deletion (imp, node, error);
      if (ok && imp->first_error != NULL)
        ok = FALSE;

      rc = xmlTextReaderNext (reader);
    }

  xmlFreeTextReader (reader);

  if (ok && imp->first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&imp->first_error));
      return FALSE;
    }
  if (ok && rc < 0)
    {
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                   _("%s could not be read to the end."), imp->display_name);
      return FALSE;
    }

  if (ok)
    {
      g_autofree char *summary = tx_import_report_to_string (&imp->report);
      g_autofree char *what = g_strdup_printf ("%s: %s", imp->display_name, summary);

      ok = tx_store_audit (store, "import", "store", NULL, what, error);
    }

  if (ok && imp->options != NULL && imp->options->dry_run)
    {
      /* Roll back: a dry run only reports. */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "dry run");
      return FALSE;
    }

  return ok;
}

static gboolean
import_any (TxStore                *store,
            GBytes                 *bytes,
            const char             *path,
            const TxImportOptions  *options,
            TxImportReport         *report,
            GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *basename = path ? g_path_get_basename (path) : NULL;
  Importer imp = { 0, };
  MergeJob job = { &imp, bytes, path };

  imp.store = store;
  imp.options = options;
  imp.display_name = options && options->display_name ? options->display_name
                   : basename ? basename : _("the exchange file");

  if (!validate (&imp, bytes, path, error))
    return FALSE;

  if (!tx_store_write (store, merge_records, &job, &local_error))
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&imp.first_error);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  g_clear_error (&imp.first_error);

  if (report != NULL)
    *report = imp.report;

  return TRUE;
}

/**
 * tx_exchange_import_file:
 * @report: (out) (optional): what the import did
 *
 * Merges an exchange file.  The file is validated first; then every
 * record is merged in one transaction, so on any error nothing changes.
 */
gboolean
tx_exchange_import_file (TxStore                *store,
                         const char             *path,
                         const TxImportOptions  *options,
                         TxImportReport         *report,
                         GError                **error)
{
  g_return_val_if_fail (TX_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                   _("There is no file “%s”."), path);
      return FALSE;
    }

  return import_any (store, NULL, path, options, report, error);
}

gboolean
tx_exchange_import_bytes (TxStore                *store,
                          GBytes                 *bytes,
                          const TxImportOptions  *options,
                          TxImportReport         *report,
                          GError                **error)
{
  g_return_val_if_fail (TX_IS_STORE (store), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  return import_any (store, bytes, NULL, options, report, error);
}

/* The base-date attribute of the sample file's root. */
static gboolean
read_base_date (GBytes *bytes,
                TxDate *base)
{
  xmlTextReaderPtr reader = open_reader (bytes, NULL);
  gboolean found = FALSE;

  if (reader == NULL)
    return FALSE;

  while (xmlTextReaderRead (reader) == 1)
    if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT)
      {
        xmlChar *value = xmlTextReaderGetAttribute (reader, BAD_CAST "base-date");

        *base = tx_date_from_iso ((const char *) value);
        found = *base != TX_DATE_NONE;
        xmlFree (value);
        break;
      }

  xmlFreeTextReader (reader);

  return found;
}

/**
 * tx_exchange_load_demo:
 * @today: the date the sample is moved to
 *
 * Imports the sample data with every date moved by whole days, so that
 * its "today" falls on @today and the ledger shows the same mix of
 * colours whenever it is loaded.  Loading it twice changes nothing.
 */
gboolean
tx_exchange_load_demo (TxStore         *store,
                       TxDate           today,
                       TxImportReport  *report,
                       GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  TxImportOptions options = { 0, FALSE, "demo.xml" };
  TxDate base = TX_DATE_NONE;

  g_return_val_if_fail (TX_IS_STORE (store), FALSE);
  g_return_val_if_fail (today > 0, FALSE);

  bytes = g_resources_lookup_data (DEMO_RESOURCE, 0, error);
  if (bytes == NULL)
    return FALSE;

  if (read_base_date (bytes, &base))
    options.shift_days = tx_date_days_between (base, today);

  {
    g_autoptr(GError) local_error = NULL;
    Importer imp = { 0, };
    MergeJob job = { &imp, bytes, NULL };

    imp.store = store;
    imp.options = &options;
    imp.display_name = options.display_name;
    imp.year_shift = base != TX_DATE_NONE ? tx_date_get_year (today) - tx_date_get_year (base) : 0;

    if (!validate (&imp, bytes, NULL, error))
      return FALSE;

    if (!tx_store_write (store, merge_records, &job, &local_error))
      {
        g_clear_error (&imp.first_error);
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;
      }

    if (report != NULL)
      *report = imp.report;
  }

  /* who issues the circulars of the sample */
  {
    TxSettings *settings = tx_store_get_settings (store);

    if (tx_settings_get_organization (settings)[0] == '\0' &&
        !tx_settings_set_text (settings, "organization", "政协福泉市委员会", error))
      return FALSE;
  }

  return TRUE;
}

/**
 * tx_import_report_to_string:
 *
 * Returns: "12 added, 3 updated, 40 unchanged, 1 kept (older), 2 deleted"
 */
char *
tx_import_report_to_string (const TxImportReport *report)
{
  return g_strdup_printf (_("%u added, %u updated, %u unchanged, %u rejected (older than the copy here), %u deleted"),
                          report->inserted, report->updated, report->unchanged,
                          report->rejected, report->deleted);
}
