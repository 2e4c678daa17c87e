/* tx-exchange.c — export and import of the exchange file (DESIGN §4)
 *
 * Export streams with xmlTextWriter.  Import reads the file once, with
 * xmlTextReader, and merges in a second pass: the first validates the
 * whole file against the RELAX NG schema as it reads it, record by
 * record, checks each record by the rules the editors and the roster
 * import apply (tx-rules.c), and writes nothing; the second merges the
 * records it kept inside one transaction, so a file with any fault
 * changes nothing.  Records are matched by uuid and the newer "updated"
 * wins.
 *
 * A file is read within bounds, whatever it holds: its size, the depth
 * of its elements and the length of its texts are limited, it may have
 * no document type declaration (so no entity is ever defined, let alone
 * expanded), and the first fault ends the reading.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-exchange"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/relaxng.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <string.h>
#include <unistd.h>

#include "tx-backup.h"
#include "tx-exchange.h"
#include "tx-file.h"
#include "tx-records-private.h"
#include "tx-roster.h"
#include "tx-rules.h"
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

  stmt = tx_store_prepare (ex->store, "SELECT stage, due, done, note FROM stage WHERE consultation_id = ? ORDER BY stage", NULL);
  if (stmt == NULL)
    {
      ex->failed = TRUE;
      return;
    }
  {
    const char *due[TX_N_STAGES] = { NULL, };
    const char *done[TX_N_STAGES] = { NULL, };
    const char *reason[TX_N_STAGES] = { NULL, };
    char *owned[3 * TX_N_STAGES] = { NULL, };

    sqlite3_bind_int64 (stmt, 1, id);
    while (ex_step (ex, stmt))
      {
        int stage = sqlite3_column_int (stmt, 0);

        if (stage < 0 || stage >= TX_N_STAGES)
          continue;
        due[stage] = owned[3 * stage] = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
        done[stage] = owned[3 * stage + 1] = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
        /* why a stage was done out of order travels with it: the
         * receiving office checks the order too */
        if (sqlite3_column_type (stmt, 3) == SQLITE_TEXT && tx_column_text (stmt, 3)[0] != '\0')
          reason[stage] = owned[3 * stage + 2] = g_strdup (tx_column_text (stmt, 3));
      }
    sqlite3_reset (stmt);

    for (guint i = 0; i < TX_N_STAGES; i++)
      {
        start (ex, "stage");
        attr (ex, "name", tx_stage_to_key ((TxStage) i));
        attr (ex, "due", due[i]);
        attr (ex, "done", done[i]);
        attr (ex, "reason", reason[i]);
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

/* libxml2's output, through the writer of every file Tongxin writes. */
static int
write_to_file (void       *context,
               const char *buffer,
               int         length)
{
  return tx_file_writer_write (context, buffer, length) ? length : -1;
}

static int
close_nothing (void *context)
{
  return 0;
}

/* libxml2 says what went wrong while writing in English on stderr; the
 * file's writer says it to the clerk, so libxml2 says it to the log. */
static void
log_libxml_error (void       *context,
                  const char *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_debug ("libxml2: %s", message);
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
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GError) write_error = NULL;
  g_autoptr(TxFileWriter) file = NULL;
  xmlGenericErrorFunc previous_error_func;
  void *previous_error_context;
  Exporter ex = { store, NULL, FALSE, NULL };

  /* written whole or not at all, 0600, as every file Tongxin writes */
  file = tx_file_writer_new (path, &write_error);
  if (file == NULL)
    {
      g_set_error_literal (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_WRITE, write_error->message);
      return FALSE;
    }

  previous_error_func = xmlGenericError;
  previous_error_context = xmlGenericErrorContext;
  xmlSetGenericErrorFunc (NULL, log_libxml_error);

  ex.writer = xmlNewTextWriter (xmlOutputBufferCreateIO (write_to_file, close_nothing, file, NULL));
  if (ex.writer == NULL)
    {
      xmlSetGenericErrorFunc (previous_error_context, previous_error_func);
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
  xmlSetGenericErrorFunc (previous_error_context, previous_error_func);

  if (ex.read_error != NULL)
    {
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_WRITE,
                   _("Could not write “%s”: %s. Nothing was written."),
                   path, ex.read_error->message);
      g_clear_error (&ex.read_error);
      return FALSE;
    }

  /* a failed write says why (disk full, too large, …); a failure of the
   * writer itself is one of those too */
  if (ex.failed && !tx_file_writer_has_failed (file))
    tx_file_writer_set_failed (file, EIO);
  if (!tx_file_writer_commit (file, &write_error))
    {
      g_set_error_literal (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_WRITE, write_error->message);
      return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Import                                                             */
/* ------------------------------------------------------------------ */

/*
 * The largest exchange file read.  A city of thirty townships keeping
 * ten years of work holds some 3,000 consultations; the sample data
 * spends about 8 KB of XML on each consultation with its people and
 * recommendations, so a whole city's file is some 25 MB.  256 MB leaves
 * room for minutes ten times as long, and keeps what is read into
 * memory (the file, then its records) within what an office computer
 * has.
 */
#define MAX_FILE_SIZE (256 * 1024 * 1024)

/* The format nests four elements deep (tongxin, consultation, minutes,
 * speech); deeper than this is no exchange file, and is refused before
 * it is read further. */
#define MAX_DEPTH 8


/* One element of a record as read: its attributes, its text and its
 * children.  Records are small (a person, a consultation with its
 * minutes) and are read one at a time, so a tree of them is built
 * here, bounded in depth and in text, instead of by libxml2.  Names
 * are the reader's (its dictionary keeps them while it reads); what an
 * element has none of is not allocated. */
typedef struct _Elem Elem;

struct _Elem
{
  const char *name;
  long        line;
  GPtrArray  *attributes;   /* (nullable): name (the reader's), value (owned), … */
  GString    *text;         /* (nullable) */
  GPtrArray  *children;     /* (nullable): Elem */
};

typedef enum {
  KIND_TOWNSHIP,
  KIND_PERSON,
  KIND_PLAN,
  KIND_CONSULTATION,
  KIND_OUTCOME,
  KIND_DELETED,
  N_KINDS
} Kind;

static const char * const kind_elements[N_KINDS] = {
  "township", "person", "plan", "consultation", "outcome", "deleted",
};

/* A record of the file, read and checked, waiting to be merged. */
typedef struct {
  Kind      kind;
  long      line;
  char     *uuid;          /* NULL for a plan */
  char     *updated;       /* normalized; for a deletion, when it was made */
  GObject  *record;        /* TxTownship, TxPerson, TxConsultation or TxOutcome */
  char     *township;      /* a plan's */
  int       year;          /* a plan's */
  int       count;         /* a plan's consultations */
  char     *deleted_kind;  /* a deletion's: "person", … */
  char     *description;   /* for messages: "the person 陈明" */
} Incoming;

typedef struct {
  TxStore               *store;
  const TxImportOptions *options;
  const char            *display_name;
  TxImportReport         report;
  int                    year_shift;
  TxDate                 latest_date;     /* the last day a date of the file may be */
  char                  *latest_updated;  /* the last "updated" taken as it is */
  char                  *import_time;     /* what a later one becomes */
  GPtrArray             *records;         /* Incoming, in the order of the file */
  GHashTable            *by_uuid;         /* uuid → Incoming */
  GHashTable            *plans;           /* "township\x1fyear" → Incoming */
  GError                *first_error;     /* from libxml2's handler */
  gsize                  n_bytes;         /* of the file, for the progress */
  gint64                 last_progress;   /* when it was last told, µs */
} Importer;

#define PROGRESS_INTERVAL_US (G_USEC_PER_SEC / 10)

/* Tells how far the import is, at most ten times a second. */
static void
report_progress (Importer *imp,
                 double    fraction,
                 gboolean  always)
{
  gint64 now;

  if (imp->options == NULL || imp->options->progress == NULL)
    return;

  now = g_get_monotonic_time ();
  if (!always && now - imp->last_progress < PROGRESS_INTERVAL_US)
    return;

  imp->last_progress = now;
  imp->options->progress (CLAMP (fraction, 0.0, 1.0), imp->options->progress_data);
}

static void
elem_free (Elem *elem)
{
  if (elem->attributes != NULL)
    {
      for (guint i = 1; i < elem->attributes->len; i += 2)
        g_free (g_ptr_array_index (elem->attributes, i));
      g_ptr_array_unref (elem->attributes);
    }
  if (elem->text != NULL)
    g_string_free (elem->text, TRUE);
  g_clear_pointer (&elem->children, g_ptr_array_unref);
  g_free (elem);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Elem, elem_free)

static void
incoming_free (Incoming *incoming)
{
  g_free (incoming->uuid);
  g_free (incoming->updated);
  g_clear_object (&incoming->record);
  g_free (incoming->township);
  g_free (incoming->deleted_kind);
  g_free (incoming->description);
  g_free (incoming);
}

static void
importer_clear (Importer *imp)
{
  g_clear_pointer (&imp->latest_updated, g_free);
  g_clear_pointer (&imp->import_time, g_free);
  g_clear_pointer (&imp->records, g_ptr_array_unref);
  g_clear_pointer (&imp->by_uuid, g_hash_table_unref);
  g_clear_pointer (&imp->plans, g_hash_table_unref);
  g_clear_error (&imp->first_error);
}

/*
 * The day of the import, and what follows from it.  A date of the file
 * may be at most a day after it, and so may an "updated": the sender's
 * clock may be ahead by some hours, or in another time zone.
 *
 * An "updated" later than that is not refused but replaced by the time
 * of the import, and the report says how many were.  A record stamped
 * in the year 9999 would otherwise win against every later change and
 * could never be updated again; refusing the file instead would leave
 * the office unable to take any of the sender's work until the sender
 * has found and changed every record their wrong clock stamped, which
 * they cannot do from the file.  Taken with the time of the import, the
 * record is newer than what was here (the sender meant it as a change)
 * and older than the next change made anywhere with a right clock.
 *
 * @stamp_day is the day the stamps of the file were written on: today,
 * or for the sample data the day it was written for (its stamps are not
 * moved to today, only its dates).
 */
static void
importer_set_today (Importer *imp,
                    TxDate    today,
                    TxDate    stamp_day)
{
  char day[11];

  if (today == TX_DATE_NONE)
    today = tx_date_today_local ();
  if (stamp_day == TX_DATE_NONE)
    stamp_day = today;

  imp->latest_date = tx_date_add_days (today, 1);

  /* "more than one day after the day of the import": from the start
   * of the day after tomorrow, in UTC, as "updated" is kept */
  tx_date_write_iso (tx_date_add_days (stamp_day, 2), day);
  imp->latest_updated = g_strdup_printf ("%sT00:00:00.000Z", day);

  /* the import's time: now, unless the import was told another day
   * (a test, a script that replays a day): then the start of it */
  if (today == tx_date_today_local ())
    imp->import_time = tx_timestamp_now ();
  else
    {
      tx_date_write_iso (today, day);
      imp->import_time = g_strdup_printf ("%sT00:00:00.000Z", day);
    }
}

static void
importer_init (Importer              *imp,
               TxStore               *store,
               const TxImportOptions *options,
               const char            *display_name)
{
  imp->store = store;
  imp->options = options;
  imp->display_name = display_name;
  imp->records = g_ptr_array_new_with_free_func ((GDestroyNotify) incoming_free);
  imp->by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  imp->plans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

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

/* What a clerk is told when the file is not one Tongxin wrote. */
#define NOT_WRITTEN_BY_TONGXIN \
  N_("The file was not written by Tongxin, or was changed since: ask the sender to export it again from Tongxin.")

/*
 * libxml2 says what is wrong in English, for a programmer; the clerk is
 * told in their words what kind of fault it is, where, and what to do,
 * and libxml2's words go to the log.
 */
static void
on_reader_error_cb (void        *user_data,
                    xmlErrorPtr  xml_error)
{
  Importer *imp = user_data;
  g_autofree char *message = NULL;
  const char *element = NULL;

  if (xml_error == NULL)
    return;

  message = g_strstrip (g_strdup (xml_error->message ? xml_error->message : ""));
  g_debug ("%s, line %d: libxml2 (domain %d, code %d): %s",
           imp->display_name, xml_error->line, xml_error->domain, xml_error->code, message);

  /* a warning (a namespace URI that is not absolute) refuses nothing */
  if (imp->first_error != NULL || xml_error->level == XML_ERR_WARNING)
    return;

  if (xml_error->node != NULL && ((xmlNodePtr) xml_error->node)->type == XML_ELEMENT_NODE)
    element = (const char *) ((xmlNodePtr) xml_error->node)->name;

  if (xml_error->domain == XML_FROM_RELAXNGV || xml_error->domain == XML_FROM_RELAXNGP)
    {
      if (element != NULL)
        g_set_error (&imp->first_error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID,
                     /* Translators: FILE, line N, then an element of the file, <person> */
                     _("%s, line %d: this is not what an exchange file holds here (at <%s>). %s"),
                     imp->display_name, xml_error->line, element, _(NOT_WRITTEN_BY_TONGXIN));
      else
        g_set_error (&imp->first_error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID,
                     _("%s, line %d: this is not what an exchange file holds here. %s"),
                     imp->display_name, xml_error->line, _(NOT_WRITTEN_BY_TONGXIN));
    }
  else if (xml_error->code == XML_ERR_NO_MEMORY)
    /* libxml2 says so of a text longer than it reads, too */
    g_set_error (&imp->first_error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                 _("%s, line %d: the file holds more than can be read: a text far longer than any Tongxin keeps. %s"),
                 imp->display_name, xml_error->line, _(NOT_WRITTEN_BY_TONGXIN));
  else if (xml_error->code == XML_ERR_INTERNAL_ERROR && xml_error->int1 > 0)
    /* libxml2's own limit of depth, inside a record */
    g_set_error (&imp->first_error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID,
                 _("%s, line %d: elements are nested far deeper than in any exchange file. %s"),
                 imp->display_name, xml_error->line, _(NOT_WRITTEN_BY_TONGXIN));
  else
    g_set_error (&imp->first_error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                 _("%s, line %d: the file is damaged or incomplete. It may have been cut short or changed while it was copied: copy it again, or ask the sender to export it again."),
                 imp->display_name, xml_error->line);
}

static const char *
get_attr (Elem       *elem,
          const char *name)
{
  for (guint i = 0; elem->attributes != NULL && i + 1 < elem->attributes->len; i += 2)
    if (g_str_equal (g_ptr_array_index (elem->attributes, i), name))
      return g_ptr_array_index (elem->attributes, i + 1);

  return NULL;
}

static gboolean
is_element (Elem       *elem,
            const char *name)
{
  return g_str_equal (elem->name, name);
}

static const char *
elem_text (Elem *elem)
{
  return elem->text != NULL ? elem->text->str : "";
}

static guint
n_children (Elem *elem)
{
  return elem->children != NULL ? elem->children->len : 0;
}

static Elem *
get_child (Elem  *elem,
           guint  index)
{
  return g_ptr_array_index (elem->children, index);
}

/* The text of the first child element called @name, or NULL. */
static const char *
child_text (Elem       *elem,
            const char *name)
{
  for (guint i = 0; i < n_children (elem); i++)
    if (is_element (get_child (elem, i), name))
      return elem_text (get_child (elem, i));

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
         long         line,
         GError     **error,
         int          code,
         const char  *format,
         ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail_at (Importer    *imp,
         long         line,
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
               imp->display_name, line, message);

  return FALSE;
}

/* A check's or a writer's error, said with the file and the line it
 * comes from. */
static gboolean
fail_writing (Importer  *imp,
              long       line,
              GError   **error)
{
  g_prefix_error (error, _("%s, line %ld: "), imp->display_name, line);
  return FALSE;
}

/* The first of @problems, with the file and the line. */
static gboolean
fail_with_problems (Importer   *imp,
                    long        line,
                    GPtrArray  *problems,
                    GError    **error)
{
  TxProblem *first = g_ptr_array_index (problems, 0);

  return fail_at (imp, line, error, TX_EXCHANGE_ERROR_INVALID, "%s", first->message);
}

/* ---- pass one: read, check, keep --------------------------------- */

/* The line of the node the reader is on (the parser is ahead of it). */
static long
reader_line (xmlTextReaderPtr reader)
{
  xmlNodePtr node = xmlTextReaderCurrentNode (reader);
  long line = node != NULL ? xmlGetLineNo (node) : -1;

  return line > 0 ? line : xmlTextReaderGetParserLineNumber (reader);
}

static Elem *
elem_new_from_reader (xmlTextReaderPtr reader)
{
  Elem *elem = g_new0 (Elem, 1);

  elem->name = (const char *) xmlTextReaderConstLocalName (reader);
  elem->line = reader_line (reader);

  if (xmlTextReaderHasAttributes (reader) != 1)
    return elem;

  while (xmlTextReaderMoveToNextAttribute (reader) == 1)
    {
      if (xmlTextReaderIsNamespaceDecl (reader) == 1)
        continue;
      if (elem->attributes == NULL)
        elem->attributes = g_ptr_array_new ();
      g_ptr_array_add (elem->attributes, (gpointer) xmlTextReaderConstLocalName (reader));
      g_ptr_array_add (elem->attributes, g_strdup ((const char *) xmlTextReaderConstValue (reader)));
    }
  xmlTextReaderMoveToElement (reader);

  return elem;
}

/* Bytes of text read into one element: four bytes for each character
 * of the longest text a record keeps (tx_text_field_get_info()).  A
 * text under it is then held to its own field's length. */
static gsize
max_text_bytes (void)
{
  guint longest = 0;

  for (guint field = 0; field < TX_N_TEXT_FIELDS; field++)
    longest = MAX (longest, tx_text_field_get_max_chars (field));

  return 4 * (gsize) longest;
}

static gboolean
fail_too_deep (Importer  *imp,
               long       line,
               GError   **error)
{
  return fail_at (imp, line, error, TX_EXCHANGE_ERROR_INVALID,
                  _("elements are nested far deeper than in any exchange file. %s"),
                  _(NOT_WRITTEN_BY_TONGXIN));
}

/*
 * Reads the element the reader is on, a record, with everything in it;
 * the reader validates each node as it passes it, and the first fault,
 * the schema's or this function's, stops the reading.
 */
static Elem *
read_element (Importer          *imp,
              xmlTextReaderPtr   reader,
              GError           **error)
{
  g_autoptr(Elem) root = elem_new_from_reader (reader);
  g_autoptr(GPtrArray) open = g_ptr_array_new ();
  int rc;

  if (xmlTextReaderIsEmptyElement (reader) == 1)
    return g_steal_pointer (&root);

  g_ptr_array_add (open, root);

  while ((rc = xmlTextReaderRead (reader)) == 1 && imp->first_error == NULL)
    {
      Elem *parent = g_ptr_array_index (open, open->len - 1);
      long line = reader_line (reader);

      if (xmlTextReaderDepth (reader) > MAX_DEPTH)
        return fail_too_deep (imp, line, error), NULL;

      switch (xmlTextReaderNodeType (reader))
        {
        case XML_READER_TYPE_ELEMENT:
          {
            Elem *child = elem_new_from_reader (reader);

            if (parent->children == NULL)
              parent->children = g_ptr_array_new_with_free_func ((GDestroyNotify) elem_free);
            g_ptr_array_add (parent->children, child);
            if (xmlTextReaderIsEmptyElement (reader) != 1)
              g_ptr_array_add (open, child);
          }
          break;

        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
          {
            const char *value = (const char *) xmlTextReaderConstValue (reader);
            gsize length = value != NULL ? strlen (value) : 0;

            if (parent->text == NULL)
              parent->text = g_string_sized_new (length);
            if (parent->text->len + length > max_text_bytes ())
              {
                fail_at (imp, line, error, TX_EXCHANGE_ERROR_INVALID,
                         _("the text of <%s> is longer than any text Tongxin keeps. %s"),
                         parent->name, _(NOT_WRITTEN_BY_TONGXIN));
                return NULL;
              }
            g_string_append_len (parent->text, value, length);
          }
          break;

        case XML_READER_TYPE_END_ELEMENT:
          g_ptr_array_set_size (open, open->len - 1);
          if (open->len == 0)
            return g_steal_pointer (&root);
          break;

        default:
          /* comments and processing instructions say nothing */
          break;
        }
    }

  /* the fault is the schema's or libxml2's, said by the handler */
  if (imp->first_error == NULL && rc != 1)
    g_set_error (&imp->first_error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                 _("%s could not be read to the end: it is incomplete. Copy it again, or ask the sender to export it again."),
                 imp->display_name);

  return NULL;
}

/* Normalised "updated" of a record, moved to the import's time when it
 * is more than a day ahead (see importer_set_today()); or a clear
 * error.  A plan may have none: then the import's time. */
static char *
read_updated (Importer    *imp,
              Elem        *elem,
              const char  *attribute,
              GError     **error)
{
  const char *text = get_attr (elem, attribute);
  g_autofree char *normalized = tx_timestamp_normalize (text);

  if (normalized == NULL && text != NULL)
    {
      fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_INVALID,
               _("“%s” is not a date and time with a time zone. %s"), text, _(NOT_WRITTEN_BY_TONGXIN));
      return NULL;
    }

  if (normalized == NULL)
    return g_strdup (imp->import_time);

  if (strcmp (normalized, imp->latest_updated) >= 0)
    {
      g_debug ("%s, line %ld: %s=\"%s\" is after %s; taken as %s",
               imp->display_name, elem->line, attribute, text, imp->latest_updated, imp->import_time);
      imp->report.clamped++;
      return g_strdup (imp->import_time);
    }

  return g_steal_pointer (&normalized);
}

/* Whether a township, a person or a consultation of @uuid is in the
 * file before @line, or in the database (removed or not). */
static gboolean
is_known (Importer   *imp,
          Kind        kind,
          const char *uuid)
{
  Incoming *earlier;
  const char *sql = kind == KIND_TOWNSHIP ? "SELECT 1 FROM township WHERE uuid = ?"
                  : kind == KIND_PERSON ? "SELECT 1 FROM person WHERE uuid = ?"
                  : "SELECT 1 FROM consultation WHERE uuid = ?";
  sqlite3_stmt *stmt;
  gboolean known = FALSE;

  if (uuid == NULL)
    return FALSE;

  earlier = g_hash_table_lookup (imp->by_uuid, uuid);
  if (earlier != NULL && earlier->kind == kind)
    return TRUE;

  stmt = tx_store_prepare (imp->store, sql, NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  known = imp_step (imp, stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return known;
}

static gboolean
read_township (Importer    *imp,
               Elem        *elem,
               Incoming    *incoming,
               GError     **error)
{
  const char *name = get_attr (elem, "name");
  TxTownshipKind township_kind = TX_TOWNSHIP_KIND_TOWN;
  g_autofree char *problem = tx_text_check (TX_TEXT_TOWNSHIP_NAME, name);

  /* Translators: %s is a township's name */
  incoming->description = g_strdup_printf (_("the township %s"), name ? name : "");
  if (problem != NULL)
    return fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_INVALID, "%s", problem);

  tx_township_kind_from_key (get_attr (elem, "kind"), &township_kind);
  incoming->record = G_OBJECT (tx_township_new (incoming->uuid, name, township_kind));

  return TRUE;
}

static gboolean
read_person (Importer    *imp,
             Elem        *elem,
             Incoming    *incoming,
             GError     **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  TxPerson *person = tx_person_new ();
  const char *township = get_attr (elem, "township");

  incoming->record = G_OBJECT (person);
  person->uuid = g_strdup (incoming->uuid);
  person->township_uuid = g_strdup (township);
  person->updated_at = g_strdup (incoming->updated);

  for (guint i = 0; i < n_children (elem); i++)
    {
      Elem *child = get_child (elem, i);
      const char *text = elem_text (child);

      if (is_element (child, "name"))
        tx_record_set_text (&person->name, text);
      else if (is_element (child, "gender"))
        tx_gender_from_key (text, &person->gender);
      else if (is_element (child, "ethnicity"))
        tx_record_set_text (&person->ethnicity, text);
      else if (is_element (child, "category"))
        {
          TxCategory category;

          if (tx_category_from_key (text, &category))
            tx_person_add_category (person, category);
        }
      else if (is_element (child, "organization"))
        tx_record_set_text (&person->organization, text);
      else if (is_element (child, "title"))
        tx_record_set_text (&person->title, text);
      else if (is_element (child, "phone"))
        tx_record_set_text (&person->phone, text);
      else if (is_element (child, "village"))
        tx_record_set_text (&person->village, text);
      else if (is_element (child, "notes"))
        tx_record_set_text (&person->notes, text);
    }

  /* Translators: %s is a person's name */
  incoming->description = g_strdup_printf (_("the person %s"), tx_person_get_name (person));

  /* the roster editor's rules: a name, a phone it takes, texts it keeps */
  if (person->name != NULL)
    g_strstrip (person->name);
  problems = tx_person_check (person);
  if (problems->len > 0)
    return fail_with_problems (imp, elem->line, problems, error);

  if (township != NULL && !is_known (imp, KIND_TOWNSHIP, township))
    return fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                    _("the person refers to the township %s, which is neither in the file nor in the database."),
                    township);

  return TRUE;
}

static gboolean
read_plan (Importer    *imp,
           Elem        *elem,
           Incoming    *incoming,
           GError     **error)
{
  const char *year = get_attr (elem, "year");
  const char *count = get_attr (elem, "consultations");
  g_autofree char *key = NULL;
  Incoming *earlier;

  incoming->township = g_strdup (get_attr (elem, "township"));
  incoming->year = atoi (year ? year : "0") + imp->year_shift;
  incoming->count = atoi (count ? count : "0");
  /* Translators: the plan of a township (its id) for a year */
  incoming->description = g_strdup_printf (_("the plan of %s for %d"), incoming->township, incoming->year);

  key = g_strdup_printf ("%s\x1f%d", incoming->township, incoming->year);
  earlier = g_hash_table_lookup (imp->plans, key);
  if (earlier != NULL)
    return fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_INVALID,
                    _("the plan of the township %s for %d is given twice, here and on line %ld. %s"),
                    incoming->township, incoming->year, earlier->line, _(NOT_WRITTEN_BY_TONGXIN));
  g_hash_table_insert (imp->plans, g_steal_pointer (&key), incoming);

  if (!is_known (imp, KIND_TOWNSHIP, incoming->township))
    return fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                    _("the plan refers to the township %s, which is neither in the file nor in the database."),
                    incoming->township);

  return TRUE;
}

/* A consultation's stages, participants and minutes, read into @record. */
static gboolean
read_consultation_parts (Importer        *imp,
                         Elem            *elem,
                         TxConsultation  *record,
                         GError         **error)
{
  for (guint i = 0; i < n_children (elem); i++)
    {
      Elem *child = get_child (elem, i);

      if (is_element (child, "stage"))
        {
          const char *name = get_attr (child, "name");
          TxStage stage;

          if (!tx_stage_from_key (name, &stage) || stage == TX_STAGE_DONE)
            return fail_at (imp, child->line, error, TX_EXCHANGE_ERROR_INVALID, _("“%s” is not a stage."), name);

          g_free (record->stage_due[stage]);
          g_free (record->stage_done[stage]);
          record->stage_due[stage] = shift_date (imp, get_attr (child, "due"));
          record->stage_done[stage] = shift_date (imp, get_attr (child, "done"));
          tx_record_set_text (&record->stage_note[stage], get_attr (child, "reason"));
        }
      else if (is_element (child, "participant"))
        {
          const char *person = get_attr (child, "person");
          const char *invited = get_attr (child, "invited");
          const char *attended = get_attr (child, "attended");
          TxRole role = TX_ROLE_OBSERVER;
          TxParticipant *participant;

          if (!is_known (imp, KIND_PERSON, person))
            return fail_at (imp, child->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                            _("the participant %s is neither in the file nor in the database."), person);

          tx_role_from_key (get_attr (child, "role"), &role);
          participant = tx_participant_new (person, role);
          participant->invited = g_strcmp0 (invited, "false") != 0 && g_strcmp0 (invited, "0") != 0;
          participant->attended = attended == NULL ? -1
                                  : g_str_equal (attended, "true") || g_str_equal (attended, "1");
          g_ptr_array_add (record->participants, participant);
        }
      else if (is_element (child, "minutes"))
        {
          tx_consultation_set_minutes (record, get_attr (child, "recorder"),
                                       child_text (child, "agenda"),
                                       child_text (child, "consensus"),
                                       child_text (child, "next-steps"));
          for (guint j = 0; j < n_children (child); j++)
            {
              Elem *speech = get_child (child, j);
              const char *speaker = get_attr (speech, "speaker");

              if (is_element (speech, "speech"))
                tx_consultation_add_speech (record, speaker ? speaker : "", elem_text (speech));
            }
        }
    }

  return TRUE;
}

static gboolean
read_consultation (Importer    *imp,
                   Elem        *elem,
                   Incoming    *incoming,
                   GError     **error)
{
  const char *township = get_attr (elem, "township");
  TxConsultation *record = tx_consultation_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) stages = NULL;

  /* the record as the file has it, checked and written as every
   * consultation is */
  incoming->record = G_OBJECT (record);
  record->uuid = g_strdup (incoming->uuid);
  record->updated_at = g_strdup (incoming->updated);
  record->township_uuid = g_strdup (township);
  tx_record_set_text (&record->title, child_text (elem, "title"));
  tx_topic_source_from_key (child_text (elem, "topic-source"), &record->topic_source);
  tx_orientation_from_key (child_text (elem, "orientation"), &record->orientation);
  tx_platform_from_key (child_text (elem, "platform"), &record->platform);
  tx_record_set_text (&record->venue, child_text (elem, "venue"));
  record->starts = shift_datetime (imp, child_text (elem, "starts"));
  record->ends = shift_datetime (imp, child_text (elem, "ends"));
  tx_record_set_text (&record->research, child_text (elem, "research"));

  /* Translators: %s is the title of a consultation */
  incoming->description = g_strdup_printf (_("the consultation “%s”"), tx_consultation_get_title (record));

  if (!read_consultation_parts (imp, elem, record, error))
    return FALSE;

  /* the editor's rules, and the order of the stages, with the days the
   * sender may be ahead */
  problems = tx_consultation_check (record, imp->latest_date);
  stages = tx_consultation_check_stages (record, imp->latest_date);
  g_ptr_array_extend_and_steal (problems, g_steal_pointer (&stages));
  if (problems->len > 0)
    return fail_with_problems (imp, elem->line, problems, error);

  if (!is_known (imp, KIND_TOWNSHIP, township))
    return fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                    _("the consultation refers to the township %s, which is neither in the file nor in the database."),
                    township);

  return TRUE;
}

static gboolean
read_outcome (Importer    *imp,
              Elem        *elem,
              Incoming    *incoming,
              GError     **error)
{
  const char *consultation = get_attr (elem, "consultation");
  const char *adoption = child_text (elem, "adoption");
  const char *progress = child_text (elem, "progress");
  TxOutcome *record = tx_outcome_new_for_consultation (consultation);
  g_autoptr(GPtrArray) problems = NULL;

  /* the record as the file has it, checked and written as every
   * recommendation is */
  incoming->record = G_OBJECT (record);
  record->uuid = g_strdup (incoming->uuid);
  record->updated_at = g_strdup (incoming->updated);
  tx_record_set_text (&record->title, child_text (elem, "title"));
  tx_record_set_text (&record->content, child_text (elem, "content"));
  tx_record_set_text (&record->submitted_to, child_text (elem, "submitted-to"));
  record->submitted = shift_date (imp, child_text (elem, "submitted"));
  record->adoption = TX_ADOPTION_PENDING;
  if (adoption != NULL)
    tx_adoption_from_key (adoption, &record->adoption);
  record->progress = progress != NULL ? atoi (progress) : -1;

  for (guint i = 0; i < n_children (elem); i++)
    {
      Elem *child = get_child (elem, i);

      if (is_element (child, "feedback"))
        {
          record->has_feedback = TRUE;
          record->feedback_due = shift_date (imp, get_attr (child, "due"));
          record->feedback_received = shift_date (imp, get_attr (child, "received"));
          tx_record_set_text (&record->feedback_text, elem_text (child));
        }
      else if (is_element (child, "supervision"))
        {
          g_autofree char *shifted = shift_date (imp, get_attr (child, "date"));
          TxSupervisionPhase phase = TX_SUPERVISION_BEFORE;

          tx_supervision_phase_from_key (get_attr (child, "phase"), &phase);
          tx_outcome_add_supervision (record, phase, shifted, get_attr (child, "by"), elem_text (child));
        }
    }

  /* Translators: %s is the title of a recommendation */
  incoming->description = g_strdup_printf (_("the recommendation “%s”"), tx_outcome_get_title (record));

  problems = tx_outcome_check (record, imp->latest_date);
  if (problems->len > 0)
    return fail_with_problems (imp, elem->line, problems, error);

  if (!is_known (imp, KIND_CONSULTATION, consultation))
    return fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                    _("the recommendation refers to the consultation %s, which is neither in the file nor in the database."),
                    consultation);

  return TRUE;
}

static gboolean
read_deletion (Importer    *imp,
               Elem        *elem,
               Incoming    *incoming,
               GError     **error)
{
  incoming->deleted_kind = g_strdup (get_attr (elem, "kind"));
  /* Translators: %s is the kind of record deleted, a key: "person" */
  incoming->description = g_strdup_printf (_("the deletion of a record (%s)"), incoming->deleted_kind);

  return TRUE;
}

/* Reads one record of the file, checks it by the rules every record
 * follows, and keeps it to be merged. */
static gboolean
read_record (Importer    *imp,
             Elem        *elem,
             Kind         kind,
             GError     **error)
{
  Incoming *incoming = g_new0 (Incoming, 1);
  Incoming *earlier;
  gboolean ok;

  g_ptr_array_add (imp->records, incoming);
  incoming->kind = kind;
  incoming->line = elem->line;
  incoming->uuid = g_strdup (get_attr (elem, "uuid"));
  incoming->updated = read_updated (imp, elem, kind == KIND_DELETED ? "at" : "updated", error);
  if (incoming->updated == NULL)
    return FALSE;

  switch (kind)
    {
    case KIND_TOWNSHIP:
      ok = read_township (imp, elem, incoming, error);
      break;
    case KIND_PERSON:
      ok = read_person (imp, elem, incoming, error);
      break;
    case KIND_PLAN:
      ok = read_plan (imp, elem, incoming, error);
      break;
    case KIND_CONSULTATION:
      ok = read_consultation (imp, elem, incoming, error);
      break;
    case KIND_OUTCOME:
      ok = read_outcome (imp, elem, incoming, error);
      break;
    case KIND_DELETED:
      ok = read_deletion (imp, elem, incoming, error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    return FALSE;

  /* one record an id: which of two would the database keep?  (A
   * deletion may come twice, or beside the record it deleted once and
   * that came back: the later of them wins, as they are merged.) */
  if (incoming->uuid == NULL || kind == KIND_DELETED)
    return TRUE;
  earlier = g_hash_table_lookup (imp->by_uuid, incoming->uuid);
  if (earlier != NULL)
    return fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_INVALID,
                    /* Translators: an id, then two records ("the person 陈明") and the line of the first */
                    _("the id %s is given to two records, %s on line %ld and %s here. Every record has an id of its own. %s"),
                    incoming->uuid, earlier->description, earlier->line, incoming->description,
                    _(NOT_WRITTEN_BY_TONGXIN));
  g_hash_table_insert (imp->by_uuid, incoming->uuid, incoming);

  return TRUE;
}

/*
 * What a file must be before libxml2 is given it: not empty, UTF-8,
 * XML, and without a document type declaration.  An exchange file
 * never has one; one with entities is how a file of a few hundred bytes
 * grows into gigabytes as it is read (entities nested in entities), or
 * reads files of the computer it is imported on (external entities).
 * It is refused here, before it is parsed at all.
 */
static gboolean
check_prolog (Importer     *imp,
              const char   *data,
              gsize         size,
              GError      **error)
{
  const char *p = data;
  const char *end = data + size;

  if (size >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (p < end && g_ascii_isspace (*p))
    p++;

  if (p == end)
    {
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                   _("%s is empty. Copy it again, or ask the sender to export it again."),
                   imp->display_name);
      return FALSE;
    }

  if (memchr (data, '\0', MIN (size, 4)) != NULL ||
      (size >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0)))
    {
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                   _("%s is not in UTF-8, as every exchange file is. %s"),
                   imp->display_name, _(NOT_WRITTEN_BY_TONGXIN));
      return FALSE;
    }

  if (*p != '<')
    {
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                   _("%s is not an exchange file: it is not XML. Choose the .xml file that Tongxin exported (a roster is imported with “roster import”)."),
                   imp->display_name);
      return FALSE;
    }

  /* the XML declaration, comments and processing instructions, up to
   * the root element */
  while (p < end)
    {
      const char *closing;
      const char *close;

      while (p < end && g_ascii_isspace (*p))
        p++;
      if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        closing = "-->";
      else if (end - p >= 2 && memcmp (p, "<?", 2) == 0)
        closing = "?>";
      else
        break;

      close = g_strstr_len (p + 2, end - p - 2, closing);
      if (close == NULL)
        break;   /* libxml2 says the file is incomplete */
      p = close + strlen (closing);
    }

  if (end - p >= 9 && memcmp (p, "<!DOCTYPE", 9) == 0)
    {
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID,
                   _("%s has a document type declaration (<!DOCTYPE …>), which no exchange file has: it may be made to harm the computer that reads it, and is not read. %s"),
                   imp->display_name, _(NOT_WRITTEN_BY_TONGXIN));
      return FALSE;
    }

  return TRUE;
}

/* A reader of @bytes: no network, no DTD loaded, no entity replaced,
 * and libxml2's limits on the length of a text and the depth of the
 * tree kept (no XML_PARSE_HUGE). */
static xmlTextReaderPtr
open_reader (GBytes *bytes)
{
  int flags = XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;

  return xmlReaderForMemory (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                             NULL, "UTF-8", flags);
}

static xmlRelaxNGPtr
load_schema (GError **error)
{
  g_autoptr(GBytes) schema_bytes = NULL;
  xmlRelaxNGParserCtxtPtr parser;
  xmlRelaxNGPtr schema;

  schema_bytes = g_resources_lookup_data (SCHEMA_RESOURCE, 0, error);
  if (schema_bytes == NULL)
    return NULL;

  parser = xmlRelaxNGNewMemParserCtxt (g_bytes_get_data (schema_bytes, NULL), g_bytes_get_size (schema_bytes));
  schema = xmlRelaxNGParse (parser);
  xmlRelaxNGFreeParserCtxt (parser);
  if (schema == NULL)
    g_set_error_literal (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                         _("The exchange format built into Tongxin cannot be read: Tongxin is not installed whole. Install it again."));

  return schema;
}

/* The root: a Tongxin exchange file of this version. */
static gboolean
check_root (Importer          *imp,
            xmlTextReaderPtr   reader,
            GError           **error)
{
  const char *name = (const char *) xmlTextReaderConstLocalName (reader);
  const char *ns = (const char *) xmlTextReaderConstNamespaceUri (reader);
  long line = reader_line (reader);

  if (g_strcmp0 (name, "tongxin") != 0)
    return fail_at (imp, line, error, TX_EXCHANGE_ERROR_INVALID,
                    _("this is not a Tongxin exchange file (it is a <%s> file). Choose the .xml file that Tongxin exported."),
                    name);

  if (g_strcmp0 (ns, TX_EXCHANGE_NAMESPACE) != 0 && g_str_has_prefix (ns ? ns : "", "urn:tongxin:exchange:"))
    return fail_at (imp, line, error, TX_EXCHANGE_ERROR_INVALID,
                    _("the file is in another version of the exchange format (%s) than this Tongxin reads (%s). Install the Tongxin that wrote it, or ask the sender to export it with this version."),
                    ns, TX_EXCHANGE_NAMESPACE);

  if (g_strcmp0 (ns, TX_EXCHANGE_NAMESPACE) != 0)
    return fail_at (imp, line, error, TX_EXCHANGE_ERROR_INVALID,
                    _("this is not a Tongxin exchange file (its namespace is “%s”). Choose the .xml file that Tongxin exported."),
                    ns ? ns : "");

  return TRUE;
}

static gboolean
fail_first (Importer  *imp,
            GError   **error)
{
  g_propagate_error (error, g_steal_pointer (&imp->first_error));
  return FALSE;
}

/*
 * Pass one: the whole file against the schema, record by record, each
 * checked by the rules the editors apply, and kept; nothing is written.
 * The first fault ends the reading: a file is refused as soon as it is
 * known to be wrong, however long it is.
 */
static gboolean
read_records (Importer    *imp,
              GBytes      *bytes,
              GError     **error)
{
  xmlRelaxNGPtr schema = NULL;
  xmlTextReaderPtr reader = NULL;
  gboolean ok = TRUE;
  int rc;

  if (g_bytes_get_size (bytes) > MAX_FILE_SIZE)
    {
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                   _("%s is larger than any exchange file (%u MB at most). %s"),
                   imp->display_name, MAX_FILE_SIZE / (1024 * 1024), _(NOT_WRITTEN_BY_TONGXIN));
      return FALSE;
    }

  if (!check_prolog (imp, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    return FALSE;

  schema = load_schema (error);
  if (schema == NULL)
    return FALSE;

  reader = open_reader (bytes);
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

  rc = xmlTextReaderRead (reader);
  while (ok && rc == 1)
    {
      int type = xmlTextReaderNodeType (reader);
      int depth = xmlTextReaderDepth (reader);

      /* reading is the first half */
      if (imp->n_bytes > 0)
        report_progress (imp, 0.5 * (double) xmlTextReaderByteConsumed (reader) / imp->n_bytes, FALSE);

      /* a file of another kind, or of another version, is said so,
       * before the schema says it does not know it */
      if (type == XML_READER_TYPE_ELEMENT && depth == 0 && !check_root (imp, reader, error))
        {
          g_clear_error (&imp->first_error);
          ok = FALSE;
          break;
        }

      if (imp->first_error != NULL)
        break;

      if (type == XML_READER_TYPE_DOCUMENT_TYPE)
        {
          /* check_prolog() saw none; libxml2 found one all the same */
          ok = fail_at (imp, reader_line (reader), error, TX_EXCHANGE_ERROR_INVALID,
                        _("a document type declaration (<!DOCTYPE …>), which no exchange file has. %s"),
                        _(NOT_WRITTEN_BY_TONGXIN));
          break;
        }

      if (depth > MAX_DEPTH)
        {
          ok = fail_too_deep (imp, reader_line (reader), error);
          break;
        }

      if (type == XML_READER_TYPE_ELEMENT && depth == 1)
        {
          const char *name = (const char *) xmlTextReaderConstLocalName (reader);
          g_autoptr(Elem) elem = NULL;
          guint kind;

          for (kind = 0; kind < N_KINDS; kind++)
            if (g_strcmp0 (name, kind_elements[kind]) == 0)
              break;

          /* anything else the schema refuses, as it is read */
          if (kind < N_KINDS)
            {
              elem = read_element (imp, reader, error);
              if (elem == NULL)
                {
                  ok = FALSE;
                  break;
                }

              /* past its end, where the schema says what the record
               * lacks: its word comes first */
              rc = xmlTextReaderRead (reader);
              if (imp->first_error == NULL)
                ok = read_record (imp, elem, kind, error);
              continue;
            }
        }

      rc = xmlTextReaderRead (reader);
    }

  if (ok && imp->first_error == NULL && (rc < 0 || xmlTextReaderIsValid (reader) != 1))
    g_set_error (&imp->first_error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID,
                 _("%s is not a valid Tongxin exchange file. %s"), imp->display_name,
                 _(NOT_WRITTEN_BY_TONGXIN));

  xmlFreeTextReader (reader);
  xmlRelaxNGFree (schema);

  /* a fault that libxml2's handler saw wins: it was found first */
  if (imp->first_error != NULL)
    {
      if (!ok)
        g_clear_error (error);
      return fail_first (imp, error);
    }

  return ok;
}

/* ---- pass two: merge --------------------------------------------- */

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

/* Whether the record merges, counted; FALSE when the copy here is the
 * same or newer. */
static gboolean
merges (Importer   *imp,
        Incoming   *incoming,
        const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id, updated_at, deleted_at FROM %s WHERE uuid = ?", table);
  gint64 id;
  Merge merge = decide (imp, table, sql, incoming->uuid, incoming->updated, &id);

  count_merge (imp, merge);

  return merge == MERGE_INSERT || merge == MERGE_UPDATE;
}

static gboolean
merge_township (Importer    *imp,
                Incoming    *incoming,
                GError     **error)
{
  if (!merges (imp, incoming, "township"))
    return TRUE;

  if (!tx_store_write_township (imp->store, TX_TOWNSHIP (incoming->record), incoming->updated, error))
    return fail_writing (imp, incoming->line, error);

  return TRUE;
}

static gboolean
merge_person (Importer    *imp,
              Incoming    *incoming,
              GError     **error)
{
  TxPerson *person = TX_PERSON (incoming->record);

  if (!merges (imp, incoming, "person"))
    return TRUE;

  if (person->township_uuid != NULL &&
      lookup_id (imp, "SELECT id FROM township WHERE uuid = ?", person->township_uuid) == 0)
    return fail_at (imp, incoming->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                    _("the person refers to the township %s, which is neither in the file nor in the database."),
                    person->township_uuid);

  if (!tx_roster_save_person (imp->store, person, error))
    return fail_writing (imp, incoming->line, error);

  return TRUE;
}

static gboolean
merge_plan (Importer    *imp,
            Incoming    *incoming,
            GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 township_id;
  Merge merge = MERGE_INSERT;

  township_id = lookup_id (imp, "SELECT id FROM township WHERE uuid = ?", incoming->township);
  if (township_id == 0)
    return fail_at (imp, incoming->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                    _("the plan refers to the township %s, which is neither in the file nor in the database."),
                    incoming->township);

  stmt = tx_store_prepare (imp->store, "SELECT consultations, updated_at FROM plan WHERE township_id = ? AND year = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, township_id);
  sqlite3_bind_int (stmt, 2, incoming->year);
  if (imp_step (imp, stmt) == SQLITE_ROW)
    {
      int order = strcmp (incoming->updated, tx_column_text (stmt, 1));

      merge = order > 0 ? MERGE_UPDATE : order == 0 ? MERGE_UNCHANGED : MERGE_REJECTED;
    }
  sqlite3_reset (stmt);

  count_merge (imp, merge);
  if (merge == MERGE_UNCHANGED || merge == MERGE_REJECTED)
    return TRUE;

  if (!tx_store_write_plan (imp->store, incoming->township, incoming->year, incoming->count,
                            incoming->updated, error))
    return fail_writing (imp, incoming->line, error);

  return TRUE;
}

static gboolean
merge_consultation (Importer    *imp,
                    Incoming    *incoming,
                    GError     **error)
{
  TxConsultation *record = TX_CONSULTATION (incoming->record);

  if (!merges (imp, incoming, "consultation"))
    return TRUE;

  if (lookup_id (imp, "SELECT id FROM township WHERE uuid = ?", record->township_uuid) == 0)
    return fail_at (imp, incoming->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                    _("the consultation refers to the township %s, which is neither in the file nor in the database."),
                    record->township_uuid);

  if (!tx_store_write_consultation (imp->store, record, TX_WRITE_WHOLE | TX_WRITE_AS_RECEIVED, error))
    return fail_writing (imp, incoming->line, error);

  return TRUE;
}

static gboolean
merge_outcome (Importer    *imp,
               Incoming    *incoming,
               GError     **error)
{
  TxOutcome *record = TX_OUTCOME (incoming->record);

  if (!merges (imp, incoming, "outcome"))
    return TRUE;

  if (lookup_id (imp, "SELECT id FROM consultation WHERE uuid = ?", record->consultation_uuid) == 0)
    return fail_at (imp, incoming->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                    _("the recommendation refers to the consultation %s, which is neither in the file nor in the database."),
                    record->consultation_uuid);

  if (!tx_store_write_outcome (imp->store, record, TX_WRITE_AS_RECEIVED, error))
    return fail_writing (imp, incoming->line, error);

  return TRUE;
}

static gboolean
merge_deletion (Importer    *imp,
                Incoming    *incoming,
                GError     **error)
{
  const char *kind = incoming->deleted_kind;
  const char *uuid = incoming->uuid;
  const char *at = incoming->updated;
  const char *lookup = NULL;
  const char *update = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  Merge merge;

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

/* Pass two, inside one transaction: the records read, one by one, in
 * the order of the file. */
static gboolean
merge_records (TxStore   *store,
               gpointer   user_data,
               GError   **error)
{
  Importer *imp = user_data;
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < imp->records->len; i++)
    {
      Incoming *incoming = g_ptr_array_index (imp->records, i);

      /* merging is the second half */
      report_progress (imp, 0.5 + 0.5 * i / imp->records->len, FALSE);

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
        case KIND_DELETED:
          ok = merge_deletion (imp, incoming, error);
          break;
        default:
          g_assert_not_reached ();
        }

      if (ok && imp->first_error != NULL)
        return fail_first (imp, error);
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

/* Reads, checks and merges @bytes: nothing is written unless the whole
 * file is right. */
static gboolean
import_bytes (Importer        *imp,
              GBytes          *bytes,
              TxImportReport  *report,
              GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  imp->n_bytes = g_bytes_get_size (bytes);
  report_progress (imp, 0, TRUE);
  if (!read_records (imp, bytes, error))
    return FALSE;
  report_progress (imp, 0.5, TRUE);

  /* a file that is right is merged; what was there is kept first */
  if ((imp->options == NULL || !imp->options->dry_run) &&
      !tx_backup_take_before_change (imp->store, TX_BACKUP_BEFORE_IMPORT,
                                     imp->options != NULL ? imp->options->today : TX_DATE_NONE, error))
    return FALSE;

  if (!tx_store_write (imp->store, merge_records, imp, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (report != NULL)
    *report = imp->report;
  report_progress (imp, 1, TRUE);

  return TRUE;
}

static gboolean
import_any (TxStore                *store,
            GBytes                 *bytes,
            const char             *path,
            const TxImportOptions  *options,
            TxImportReport         *report,
            GError                **error)
{
  g_autofree char *basename = path ? g_path_get_basename (path) : NULL;
  Importer imp = { 0, };
  gboolean ok;

  importer_init (&imp, store, options,
                 options && options->display_name ? options->display_name
                 : basename ? basename : _("the exchange file"));
  importer_set_today (&imp, options != NULL ? options->today : TX_DATE_NONE, TX_DATE_NONE);

  ok = import_bytes (&imp, bytes, report, error);
  importer_clear (&imp);

  return ok;
}

/* The file, unless it is larger than any exchange file: its size is
 * looked at before anything is read. */
static GBytes *
load_file (const char  *path,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *contents = NULL;
  gsize length = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      if (local_error != NULL)
        g_debug ("%s: %s", path, local_error->message);
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                   _("There is no file “%s”."), path);
      return NULL;
    }

  if (g_file_info_get_size (info) > MAX_FILE_SIZE)
    {
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                   _("%s is larger than any exchange file (%u MB at most). %s"),
                   basename, MAX_FILE_SIZE / (1024 * 1024), _(NOT_WRITTEN_BY_TONGXIN));
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_debug ("%s: %s", path, local_error->message);
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                   _("Could not open “%s”. Check that the file exists and can be read."),
                   basename);
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/**
 * tx_exchange_import_file:
 * @report: (out) (optional): what the import did
 *
 * Merges an exchange file.  The whole file is read and checked first,
 * against the schema and by the rules every record follows; then every
 * record is merged in one transaction, so on any error nothing changes.
 */
gboolean
tx_exchange_import_file (TxStore                *store,
                         const char             *path,
                         const TxImportOptions  *options,
                         TxImportReport         *report,
                         GError                **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (TX_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = load_file (path, error);
  if (bytes == NULL)
    return FALSE;

  return import_any (store, bytes, path, options, report, error);
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
  xmlTextReaderPtr reader = open_reader (bytes);
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
  TxImportOptions options = { 0, FALSE, "demo.xml", today };
  TxDate base = TX_DATE_NONE;

  g_return_val_if_fail (TX_IS_STORE (store), FALSE);
  g_return_val_if_fail (today > 0, FALSE);

  bytes = g_resources_lookup_data (DEMO_RESOURCE, 0, error);
  if (bytes == NULL)
    return FALSE;

  if (read_base_date (bytes, &base))
    options.shift_days = tx_date_days_between (base, today);

  {
    Importer imp = { 0, };
    gboolean ok;

    importer_init (&imp, store, &options, options.display_name);
    /* the sample's stamps are of the day it was written for */
    importer_set_today (&imp, today, base);
    imp.year_shift = base != TX_DATE_NONE ? tx_date_get_year (today) - tx_date_get_year (base) : 0;

    ok = import_bytes (&imp, bytes, report, error);
    importer_clear (&imp);
    if (!ok)
      return FALSE;
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
 * Returns: "12 added, 3 updated, 40 unchanged, 1 rejected (…), 2
 *   deleted", and how many records were dated ahead, when any was
 */
char *
tx_import_report_to_string (const TxImportReport *report)
{
  g_autofree char *counts = g_strdup_printf (_("%u added, %u updated, %u unchanged, %u rejected (older than the copy here), %u deleted"),
                                             report->inserted, report->updated, report->unchanged,
                                             report->rejected, report->deleted);

  if (report->clamped == 0)
    return g_steal_pointer (&counts);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: the counts of an import, then how many records were dated ahead */
                                       "%s. %u record was dated more than a day after today, so the clock of the computer that wrote the file may be wrong: it was given the time of this import.",
                                       "%s. %u records were dated more than a day after today, so the clock of the computer that wrote the file may be wrong: they were given the time of this import.",
                                       report->clamped),
                          counts, report->clamped);
}
