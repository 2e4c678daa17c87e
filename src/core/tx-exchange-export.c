/* tx-exchange-export.c — writing the exchange file (DESIGN §4)
 *
 * The whole database as one exchange file, streamed with xmlTextWriter
 * from one read transaction: townships, people, plans, consultations
 * with their stages, participants and minutes, recommendations with
 * their supervision, then what was deleted.  The file is written beside
 * its place and moved there only when whole (tx-file.c); compressed
 * with gzip when its name ends in .gz, which keeps a checksum of what
 * it holds, so that a damaged copy is known.  Reading it back is
 * tx-exchange.c's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-exchange"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/xmlwriter.h>
#include <string.h>

#include "tx-arena.h"
#include "tx-attachment.h"
#include "tx-digest.h"
#include "tx-exchange.h"
#include "tx-file.h"
#include "tx-office.h"
#include "tx-settings.h"
#include "tx-store.h"
#include "tx-vocabulary.h"

typedef struct {
  TxStore          *store;
  gint64            township;     /* the row id of the one township written, or 0 for all */
  const char       *since;        /* only what changed from then on (UTC, as updated_at), or NULL */
  const char       *uuid;         /* only the record of this uuid (a plan's "township/year"), or NULL */
  xmlTextWriterPtr  writer;
  gboolean          failed;
  GError           *read_error;   /* the first, when reading failed */
  gboolean          issue;        /* only what the city sends its townships: townships, plans, its own
                                   * activities, thresholds, circulars */
  gboolean          city;         /* written by the city office: its thresholds and circulars go with it */
  GArray           *people;       /* PersonUuid by id, every person's, once many were wanted (person_uuid()) */
  TxArena           uuids;        /* what people and looked_up point to */
  guint             looked_up;    /* people's uuids looked up one by one */
  GArray           *rows;         /* MeetingRow, of the meeting being written */
} Exporter;

static void
exporter_clear (Exporter *ex)
{
  g_clear_pointer (&ex->people, g_array_unref);
  g_clear_pointer (&ex->rows, g_array_unref);
  if (ex->uuids.blocks != NULL)
    tx_arena_clear (&ex->uuids);
}

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

/* The people of the township written: its own, and those who took part
 * in its consultations and the activities it organised (the file names
 * each of them) */
#define PEOPLE_OF_TOWNSHIP \
  "SELECT id FROM person WHERE township_id = ?1 " \
  "UNION SELECT pa.person_id FROM participant pa JOIN consultation c ON c.id = pa.consultation_id " \
  "WHERE c.township_id = ?1 " \
  "UNION SELECT ap.person_id FROM activity_participant ap JOIN activity a ON a.id = ap.activity_id " \
  "WHERE a.township_id = ?1"

/* @sql, its ?1 the township written (0: every one), its ?2 when what
 * is written changed from (NULL: whenever), its ?3 the one record
 * written (NULL: every one) */
static sqlite3_stmt *
prepare_rows (Exporter   *ex,
              const char *sql)
{
  sqlite3_stmt *stmt = tx_store_prepare (ex->store, sql, NULL);

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, ex->township);
      sqlite3_bind_text (stmt, 2, ex->since, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, ex->uuid, -1, SQLITE_STATIC);
    }

  return stmt;
}

static void
export_townships (Exporter *ex)
{
  sqlite3_stmt *stmt = prepare_rows (ex,
                                     "SELECT uuid, name, kind, updated_at FROM township "
                                     "WHERE deleted_at IS NULL AND (?1 = 0 OR id = ?1 OR id IN "
                                     "  (SELECT township_id FROM person WHERE id IN (" PEOPLE_OF_TOWNSHIP ")) "
                                     "  OR id IN (SELECT at.township_id FROM activity_township at "
                                     "            JOIN activity a ON a.id = at.activity_id WHERE a.township_id = ?1)) "
                                     "  AND (?2 IS NULL OR updated_at >= ?2) AND (?3 IS NULL OR uuid = ?3) "
                                     "ORDER BY name, uuid");

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
  sqlite3_stmt *stmt = prepare_rows (ex,
                                     "SELECT p.id, p.uuid, t.uuid, p.updated_at, p.name, p.gender, p.ethnicity, "
                                     "  p.organization, p.title, p.phone, p.village, p.notes, "
                                     "  coalesce ((SELECT since FROM person_post WHERE person_id = p.id), '') "
                                     "FROM person p LEFT JOIN township t ON t.id = p.township_id "
                                     "WHERE p.deleted_at IS NULL AND (?1 = 0 OR p.id IN (" PEOPLE_OF_TOWNSHIP ")) "
                                     "  AND (?2 IS NULL OR p.updated_at >= ?2) AND (?3 IS NULL OR p.uuid = ?3) "
                                     "ORDER BY p.sort_pinyin, p.uuid");
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
      text_element (ex, "post-since", tx_column_text (stmt, 12), FALSE);
      end (ex);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
}

static void
export_plans (Exporter *ex)
{
  sqlite3_stmt *stmt = prepare_rows (ex,
                                     "SELECT t.uuid, p.year, p.consultations, p.updated_at "
                                     "FROM plan p JOIN township t ON t.id = p.township_id "
                                     "WHERE t.deleted_at IS NULL AND (?1 = 0 OR t.id = ?1) AND (?2 IS NULL OR p.updated_at >= ?2) "
                                     "  AND (?3 IS NULL OR t.uuid || '/' || p.year = ?3) "
                                     "ORDER BY t.name, t.uuid, p.year");

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

/*
 * Participants name their people by uuid.  Looked up one by one (a
 * join), each took a row of the person table, somewhere in it: the
 * participants of a city's 60,000 consultations, a million, took a
 * third of its export.  Once many are wanted, every person's uuid is
 * read at once, from the index of uuids (a few MB for a city), and
 * found by the row id.
 */
#define LOOK_UPS_BEFORE_ALL 1024

typedef struct {
  gint64      id;
  const char *uuid;
} PersonUuid;

static int
compare_person_ids (gconstpointer a,
                    gconstpointer b)
{
  gint64 x = ((const PersonUuid *) a)->id;
  gint64 y = ((const PersonUuid *) b)->id;

  return (x > y) - (x < y);
}

static void
read_people_uuids (Exporter *ex)
{
  sqlite3_stmt *stmt = tx_store_prepare (ex->store, "SELECT id, uuid FROM person", NULL);

  ex->people = g_array_new (FALSE, FALSE, sizeof (PersonUuid));
  while (ex_step (ex, stmt))
    {
      PersonUuid person = { sqlite3_column_int64 (stmt, 0), NULL };

      person.uuid = tx_arena_copy (&ex->uuids, sqlite3_column_text (stmt, 1), sqlite3_column_bytes (stmt, 1));
      g_array_append_val (ex->people, person);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  g_array_sort (ex->people, compare_person_ids);
}

/* The uuid of the person of row @id; NULL when there is none */
static const char *
person_uuid (Exporter *ex,
             gint64    id)
{
  const char *uuid = NULL;

  if (ex->uuids.blocks == NULL)
    tx_arena_init (&ex->uuids, 64 * 1024);
  if (ex->people == NULL && ++ex->looked_up > LOOK_UPS_BEFORE_ALL)
    read_people_uuids (ex);

  if (ex->people != NULL)
    {
      PersonUuid *people = (PersonUuid *) (gpointer) ex->people->data;
      guint low = 0, high = ex->people->len;

      /* ids mostly run without a gap */
      if (high > 0 && id >= people[0].id && id - people[0].id < high && people[id - people[0].id].id == id)
        return people[id - people[0].id].uuid;
      while (low < high)
        {
          guint middle = low + (high - low) / 2;

          if (people[middle].id < id)
            low = middle + 1;
          else
            high = middle;
        }
      return low < ex->people->len && people[low].id == id ? people[low].uuid : NULL;
    }
  else
    {
      sqlite3_stmt *stmt = tx_store_prepare (ex->store, "SELECT uuid FROM person WHERE id = ?", NULL);

      if (stmt != NULL)
        sqlite3_bind_int64 (stmt, 1, id);
      if (ex_step (ex, stmt))
        uuid = tx_arena_copy (&ex->uuids, sqlite3_column_text (stmt, 0), sqlite3_column_bytes (stmt, 0));
      if (stmt != NULL)
        sqlite3_reset (stmt);
    }

  return uuid;
}

/* A participant of the meeting being written */
typedef struct {
  gint64      position;
  const char *person;     /* uuid */
  const char *role;       /* interned */
  gboolean    invited;
  int         attended;   /* -1: not known */
} MeetingRow;

static int
compare_meeting_rows (gconstpointer a,
                      gconstpointer b)
{
  const MeetingRow *x = a;
  const MeetingRow *y = b;

  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;

  return strcmp (x->person, y->person);
}

/* The participants of the meeting @id, by @stmt (of the participant
 * table of a consultation, or an activity's): person_id, role,
 * invited, attended, position; in the order of their places, then of
 * their people's uuids */
static void
export_participants (Exporter     *ex,
                     sqlite3_stmt *stmt,
                     gint64        id)
{
  if (ex->rows == NULL)
    ex->rows = g_array_new (FALSE, FALSE, sizeof (MeetingRow));
  g_array_set_size (ex->rows, 0);

  sqlite3_bind_int64 (stmt, 1, id);
  while (ex_step (ex, stmt))
    {
      MeetingRow row = {
        sqlite3_column_int64 (stmt, 4),
        person_uuid (ex, sqlite3_column_int64 (stmt, 0)),
        g_intern_string (tx_column_text (stmt, 1)),
        sqlite3_column_int (stmt, 2) != 0,
        sqlite3_column_type (stmt, 3) != SQLITE_NULL ? sqlite3_column_int (stmt, 3) != 0 : -1,
      };

      /* one whose person is not there is not written, as a join */
      if (row.person != NULL)
        g_array_append_val (ex->rows, row);
    }
  sqlite3_reset (stmt);
  g_array_sort (ex->rows, compare_meeting_rows);

  for (guint i = 0; i < ex->rows->len; i++)
    {
      MeetingRow *row = &g_array_index (ex->rows, MeetingRow, i);

      start (ex, "participant");
      attr (ex, "person", row->person);
      attr (ex, "role", row->role);
      attr (ex, "invited", row->invited ? "true" : "false");
      if (row->attended >= 0)
        attr (ex, "attended", row->attended ? "true" : "false");
      end (ex);
    }
}

static void
export_consultations (Exporter *ex)
{
  sqlite3_stmt *stmt = prepare_rows (ex,
                                     "SELECT c.id, c.uuid, t.uuid, c.updated_at, c.title, c.topic_source, "
                                     "  c.orientation, c.platform, c.venue, c.starts_at, c.ends_at, c.research_notes "
                                     "FROM consultation c JOIN township t ON t.id = c.township_id "
                                     "WHERE c.deleted_at IS NULL AND (?1 = 0 OR c.township_id = ?1) AND (?2 IS NULL OR c.updated_at >= ?2) "
                                     "  AND (?3 IS NULL OR c.uuid = ?3) "
                                     "ORDER BY c.starts_at IS NULL, c.starts_at, c.title, c.uuid");
  sqlite3_stmt *participants = tx_store_prepare (ex->store,
                                                 "SELECT person_id, role, invited, attended, position "
                                                 "FROM participant WHERE consultation_id = ?", NULL);
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

      export_participants (ex, participants, id);

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
  sqlite3_stmt *stmt = prepare_rows (ex,
                                     "SELECT o.id, o.uuid, c.uuid, o.updated_at, o.title, o.content, o.submitted_to, "
                                     "  o.submitted_on, o.has_feedback, o.feedback_due, o.feedback_received, "
                                     "  o.feedback_text, o.adoption, o.progress "
                                     "FROM outcome o JOIN consultation c ON c.id = o.consultation_id "
                                     "WHERE o.deleted_at IS NULL AND c.deleted_at IS NULL AND (?1 = 0 OR c.township_id = ?1) "
                                     "  AND (?2 IS NULL OR o.updated_at >= ?2) AND (?3 IS NULL OR o.uuid = ?3) "
                                     "ORDER BY o.submitted_on IS NULL, o.submitted_on, o.title, o.uuid");
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

/* The city's thresholds of the ledger, which its townships take */
static void
export_thresholds (Exporter *ex)
{
  TxSettings *settings = tx_store_get_settings (ex->store);

  for (guint i = 0; tx_exchange_thresholds[i] != NULL; i++)
    {
      g_autofree char *value = tx_settings_dup_text (settings, tx_exchange_thresholds[i], NULL);

      if (value == NULL)
        continue;
      start (ex, "threshold");
      attr (ex, "key", tx_exchange_thresholds[i]);
      attr (ex, "value", value);
      end (ex);
    }
}

/* The circulars issued, each version with the ledger it froze */
static void
export_circulars (Exporter *ex)
{
  sqlite3_stmt *stmt = prepare_rows (ex,
                                     "SELECT uuid, year, quarter, version, number, issued_on, organization, "
                                     "  suggestions, ledger, updated_at FROM circular "
                                     "WHERE (?2 IS NULL OR updated_at >= ?2) AND (?3 IS NULL OR uuid = ?3) "
                                     "ORDER BY year, quarter, version");

  while (ex_step (ex, stmt))
    {
      start (ex, "circular");
      attr (ex, "uuid", tx_column_text (stmt, 0));
      attr_int (ex, "year", sqlite3_column_int (stmt, 1));
      attr_int (ex, "quarter", sqlite3_column_int (stmt, 2));
      attr_int (ex, "version", sqlite3_column_int (stmt, 3));
      attr (ex, "issued", tx_column_text (stmt, 5));
      if (tx_column_text (stmt, 4)[0] != '\0')
        attr (ex, "number", tx_column_text (stmt, 4));
      if (tx_column_text (stmt, 6)[0] != '\0')
        attr (ex, "organization", tx_column_text (stmt, 6));
      attr (ex, "updated", tx_column_text (stmt, 9));
      text_element (ex, "suggestions", tx_column_text (stmt, 7), FALSE);
      text_element (ex, "ledger", tx_column_text (stmt, 8), TRUE);
      end (ex);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
}

/* The activities: all of them, or those the township written organised */
static void
export_activities (Exporter *ex)
{
  sqlite3_stmt *stmt = prepare_rows (ex,
                                     "SELECT a.id, a.uuid, a.kind, t.uuid, a.updated_at, a.title, a.starts_at, a.ends_at, "
                                     "  a.venue, a.notes "
                                     "FROM activity a LEFT JOIN township t ON t.id = a.township_id "
                                     "WHERE a.deleted_at IS NULL AND (?1 = 0 OR a.township_id = ?1) "
                                     "  AND (?2 IS NULL OR a.updated_at >= ?2) AND (?3 IS NULL OR a.uuid = ?3) "
                                     "  AND (?4 = 0 OR a.township_id IS NULL) "
                                     "ORDER BY a.starts_at, a.uuid");
  sqlite3_stmt *townships = tx_store_prepare (ex->store,
                                              "SELECT t.uuid FROM activity_township at JOIN township t ON t.id = at.township_id "
                                              "WHERE at.activity_id = ? ORDER BY t.uuid", NULL);
  sqlite3_stmt *participants = tx_store_prepare (ex->store,
                                                 "SELECT person_id, role, invited, attended, position "
                                                 "FROM activity_participant WHERE activity_id = ?", NULL);

  if (stmt == NULL || townships == NULL || participants == NULL)
    {
      ex->failed = TRUE;
      return;
    }
  /* what the city issues: its own, with who was there (each township
   * keeps those of its own people) */
  sqlite3_bind_int (stmt, 4, ex->issue);

  while (ex_step (ex, stmt))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      start (ex, "activity");
      attr (ex, "uuid", tx_column_text (stmt, 1));
      attr (ex, "kind", tx_column_text (stmt, 2));
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        attr (ex, "township", tx_column_text (stmt, 3));
      attr (ex, "updated", tx_column_text (stmt, 4));
      text_element (ex, "title", tx_column_text (stmt, 5), TRUE);
      text_element (ex, "starts", tx_column_text (stmt, 6), TRUE);
      text_element (ex, "ends", tx_column_text (stmt, 7), FALSE);
      text_element (ex, "venue", tx_column_text (stmt, 8), FALSE);

      sqlite3_bind_int64 (townships, 1, id);
      while (ex_step (ex, townships))
        {
          start (ex, "taking-part");
          attr (ex, "township", tx_column_text (townships, 0));
          end (ex);
        }
      sqlite3_reset (townships);

      export_participants (ex, participants, id);

      text_element (ex, "notes", tx_column_text (stmt, 9), FALSE);
      end (ex);
    }
  sqlite3_reset (stmt);
}

/* The bytes of an attachment go in pieces of this many (a <data> each,
 * of 1 MiB in base64): libxml2 reads no text longer than 10 MB */
#define ATTACHMENT_PIECE (768 * 1024)

/* The attachments of the records written: their files whole, in
 * base64, with the checksum they were kept with.  One whose file is
 * damaged stops the export, saying which: a file must never carry it. */
static void
export_attachments (Exporter *ex)
{
  sqlite3_stmt *stmt = prepare_rows (ex,
                                     "SELECT a.uuid, a.record_kind, a.record_uuid, a.kind, a.caption, a.file_name, "
                                     "  a.media_type, a.size, a.sha256, a.updated_at, d.data "
                                     "FROM attachment a LEFT JOIN attachment_data d ON d.attachment_id = a.id "
                                     "WHERE a.deleted_at IS NULL AND (?2 IS NULL OR a.updated_at >= ?2) "
                                     "  AND (?3 IS NULL OR a.uuid = ?3) AND ("
                                     "    (a.record_kind = 'consultation' AND a.record_uuid IN "
                                     "      (SELECT uuid FROM consultation WHERE deleted_at IS NULL AND (?1 = 0 OR township_id = ?1))) "
                                     "    OR (a.record_kind = 'outcome' AND a.record_uuid IN "
                                     "      (SELECT o.uuid FROM outcome o JOIN consultation c ON c.id = o.consultation_id "
                                     "       WHERE o.deleted_at IS NULL AND c.deleted_at IS NULL AND (?1 = 0 OR c.township_id = ?1))) "
                                     "    OR (a.record_kind = 'activity' AND a.record_uuid IN "
                                     "      (SELECT uuid FROM activity WHERE deleted_at IS NULL AND (?1 = 0 OR township_id = ?1)))) "
                                     "ORDER BY a.record_kind, a.record_uuid, a.position, a.id");

  while (ex_step (ex, stmt))
    {
      TxAttachment attachment = {
        .uuid = (char *) tx_column_text (stmt, 0),
        .file_name = (char *) tx_column_text (stmt, 5),
        .media_type = (char *) tx_column_text (stmt, 6),
        .size = sqlite3_column_int64 (stmt, 7),
        .sha256 = (char *) tx_column_text (stmt, 8),
      };
      const guint8 *data = sqlite3_column_blob (stmt, 10);
      gsize length = sqlite3_column_bytes (stmt, 10);
      g_autoptr(GBytes) bytes = sqlite3_column_type (stmt, 10) != SQLITE_NULL
                                ? g_bytes_new_static (data, length) : NULL;
      g_autofree char *why = tx_attachment_check_bytes (&attachment, bytes);
      char size[24];

      if (why != NULL)
        {
          ex->failed = TRUE;
          if (ex->read_error == NULL)
            g_set_error (&ex->read_error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                         /* Translators: an attachment's file name, then why it is damaged */
                         _("the attachment “%s” is damaged (%s): restore a backup that holds it, or attach the file again"),
                         attachment.file_name, why);
          break;
        }

      start (ex, "attachment");
      attr (ex, "uuid", attachment.uuid);
      attr (ex, "record-kind", tx_column_text (stmt, 1));
      attr (ex, "record", tx_column_text (stmt, 2));
      attr (ex, "kind", tx_column_text (stmt, 3));
      attr (ex, "media-type", tx_column_text (stmt, 6));
      g_snprintf (size, sizeof size, "%" G_GINT64_FORMAT, attachment.size);
      attr (ex, "size", size);
      attr (ex, "sha256", attachment.sha256);
      attr (ex, "updated", tx_column_text (stmt, 9));
      text_element (ex, "file-name", attachment.file_name, TRUE);
      text_element (ex, "caption", tx_column_text (stmt, 4), FALSE);
      for (gsize at = 0; at < length && !ex->failed; at += ATTACHMENT_PIECE)
        {
          /* base64 on one line (libxml2's own breaks it in lines) */
          g_autofree char *piece = g_base64_encode (data + at, MIN (ATTACHMENT_PIECE, length - at));

          text_element (ex, "data", piece, TRUE);
        }
      end (ex);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
}

static void
export_deletions (Exporter *ex)
{
  /* of one township: what it deleted of its own (a deletion of
   * another's, kept here as a tombstone, is not its to send) */
  sqlite3_stmt *stmt = prepare_rows (ex,
                                     "SELECT kind, uuid, at FROM ("
                                     "  SELECT 'township' AS kind, uuid, deleted_at AS at FROM township "
                                     "    WHERE deleted_at IS NOT NULL AND (?1 = 0 OR id = ?1)"
                                     "  UNION ALL SELECT 'person', uuid, deleted_at FROM person "
                                     "    WHERE deleted_at IS NOT NULL AND (?1 = 0 OR township_id = ?1)"
                                     "  UNION ALL SELECT 'consultation', uuid, deleted_at FROM consultation "
                                     "    WHERE deleted_at IS NOT NULL AND (?1 = 0 OR township_id = ?1)"
                                     "  UNION ALL SELECT 'outcome', o.uuid, o.deleted_at FROM outcome o "
                                     "    JOIN consultation c ON c.id = o.consultation_id "
                                     "    WHERE o.deleted_at IS NOT NULL AND (?1 = 0 OR c.township_id = ?1)"
                                     "  UNION ALL SELECT 'activity', uuid, deleted_at FROM activity "
                                     "    WHERE deleted_at IS NOT NULL AND (?1 = 0 OR township_id = ?1)"
                                     "  UNION ALL SELECT 'attachment', a.uuid, a.deleted_at FROM attachment a "
                                     "    WHERE a.deleted_at IS NOT NULL AND (?1 = 0 "
                                     "      OR a.record_uuid IN (SELECT uuid FROM consultation WHERE township_id = ?1) "
                                     "      OR a.record_uuid IN (SELECT o.uuid FROM outcome o JOIN consultation c "
                                     "                           ON c.id = o.consultation_id WHERE c.township_id = ?1) "
                                     "      OR a.record_uuid IN (SELECT uuid FROM activity WHERE township_id = ?1))"
                                     "  UNION ALL SELECT kind, uuid, deleted_at FROM tombstone WHERE ?1 = 0"
                                     ") WHERE ?2 IS NULL OR at >= ?2 ORDER BY kind, uuid");

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

/* What the city issues: the activities of its own it deleted */
static void
export_city_activity_deletions (Exporter *ex)
{
  sqlite3_stmt *stmt = prepare_rows (ex,
                                     "SELECT uuid, deleted_at FROM activity "
                                     "WHERE deleted_at IS NOT NULL AND township_id IS NULL AND ?1 = 0 "
                                     "  AND (?2 IS NULL OR deleted_at >= ?2) ORDER BY uuid");

  while (ex_step (ex, stmt))
    {
      start (ex, "deleted");
      attr (ex, "kind", "activity");
      attr (ex, "uuid", tx_column_text (stmt, 0));
      attr (ex, "at", tx_column_text (stmt, 1));
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
  if (!ex->issue)
    export_people (ex);
  export_plans (ex);
  if (!ex->issue)
    {
      export_consultations (ex);
      export_outcomes (ex);
    }
  export_activities (ex);
  if (!ex->issue)
    export_attachments (ex);
  /* the city's, for its townships: with what it sends them, and with
   * all it keeps */
  if (ex->city && (ex->issue || ex->township == 0))
    {
      export_thresholds (ex);
      export_circulars (ex);
    }
  if (!ex->issue)
    export_deletions (ex);
  else
    export_city_activity_deletions (ex);

  return !ex->failed;
}

/* Where libxml2's output goes: the writer of every file Tongxin writes,
 * through gzip when the file is compressed. */
typedef struct {
  TxFileWriter *file;
  GConverter   *compressor;   /* (nullable) */
  TxDigest     *digest;       /* of a file not compressed: what is written */
} Output;

/* Writes @length bytes of @data, compressed if the file is; with
 * @finish, what the compressor holds and gzip's end (the checksum and
 * the length of what it holds). */
static gboolean
output_write (Output     *output,
              const char *data,
              gsize       length,
              gboolean    finish)
{
  char buffer[64 * 1024];

  if (output->compressor == NULL)
    {
      if (output->digest != NULL)
        tx_digest_update (output->digest, data, length);
      return tx_file_writer_write (output->file, data, length);
    }
  if (length == 0 && !finish)
    return TRUE;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gsize n_read = 0, n_written = 0;
      GConverterResult result;

      result = g_converter_convert (output->compressor, data, length, buffer, sizeof buffer,
                                    finish ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                    &n_read, &n_written, &error);
      if (result == G_CONVERTER_ERROR)
        {
          g_debug ("Could not compress the exchange file: %s", error->message);
          return FALSE;
        }
      if (n_written > 0 && !tx_file_writer_write (output->file, buffer, n_written))
        return FALSE;
      if (n_read > 0)
        data += n_read;
      length -= n_read;
      if (result == G_CONVERTER_FINISHED || (!finish && length == 0))
        return TRUE;
    }
}

/* libxml2's output */
static int
write_to_file (void       *context,
               const char *buffer,
               int         length)
{
  return output_write (context, buffer, length, FALSE) ? length : -1;
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

/* The city office a township's file is for: the one city office whose
 * files it has imported, if it is a township's and knows one only. */
static TxPeer *
find_city (TxStore *store)
{
  g_autoptr(GPtrArray) peers = NULL;
  guint found = G_MAXUINT;

  if (g_strcmp0 (tx_settings_get_office_kind (tx_store_get_settings (store)), "township") != 0)
    return NULL;

  peers = tx_office_list_peers (store, NULL);
  for (guint i = 0; peers != NULL && i < peers->len; i++)
    {
      TxPeer *peer = g_ptr_array_index (peers, i);

      if (g_strcmp0 (peer->kind, "city") != 0)
        continue;
      if (found != G_MAXUINT)
        return NULL;   /* two: the file is for whichever takes it */
      found = i;
    }

  return found != G_MAXUINT ? g_ptr_array_steal_index (peers, found) : NULL;
}

/**
 * tx_exchange_export:
 * @path: the file to write; replaced atomically; compressed (gzip) when
 *   its name ends in .gz
 *
 * Writes every record of the store as an exchange file.
 */
gboolean
tx_exchange_export (TxStore     *store,
                    const char  *path,
                    GError     **error)
{
  return tx_exchange_export_with (store, NULL, path, error);
}

/* When the last file of @township (NULL: of every record) was written,
 * as records' updated_at is kept; NULL if none was. */
static char *
last_written (TxStore    *store,
              const char *township)
{
  sqlite3_stmt *stmt = tx_store_prepare (store,
                                         "SELECT written_at FROM sent WHERE township IS ?1 "
                                         "ORDER BY written_at DESC, id DESC LIMIT 1", NULL);
  char *written = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, township, -1, SQLITE_STATIC);
  if (tx_store_step (store, stmt, NULL) == SQLITE_ROW)
    written = g_strdup (tx_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return written;
}

typedef struct {
  const char *written_at;
  const char *township;
  const char *receiver;
  const char *since;
  const char *file;
} Sent;

static gboolean
keep_sent_cb (TxStore   *store,
              gpointer   user_data,
              GError   **error)
{
  Sent *sent = user_data;
  sqlite3_stmt *stmt = tx_store_prepare (store,
                                         "INSERT INTO sent (written_at, township, receiver, since, file) "
                                         "VALUES (?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sent->written_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sent->township, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, sent->receiver, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, sent->since, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, sent->file, -1, SQLITE_STATIC);

  return tx_store_step_done (store, stmt, error);
}

/**
 * tx_exchange_export_with:
 * @options: (nullable): which records; %NULL: every one
 * @path: as for tx_exchange_export()
 *
 * Writes the records @options name as an exchange file, and keeps that
 * it was written (for the next one since it).  Of one township: the
 * township, its people and those who took part in its consultations
 * (with their townships), its plans, its consultations and their
 * recommendations, and what it deleted of its own.  Since the last:
 * only those that changed from when the last file of the same township
 * (or of every record) was written; the file's root says from when.
 */
gboolean
tx_exchange_export_with (TxStore                *store,
                         const TxExportOptions  *options,
                         const char             *path,
                         GError                **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *exported = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GError) write_error = NULL;
  g_autoptr(TxFileWriter) file = NULL;
  g_autoptr(GConverter) compressor = NULL;
  g_autoptr(TxDigest) digest = NULL;
  g_autofree char *office = tx_office_dup_uuid (store, NULL);
  g_autoptr(TxPeer) city = find_city (store);
  Output output = { NULL, NULL };
  xmlGenericErrorFunc previous_error_func;
  void *previous_error_context;
  const char *township = options != NULL ? options->township : NULL;
  g_autofree char *written_at = tx_timestamp_now ();
  g_autofree char *since = NULL;
  g_autofree char *file_name = g_path_get_basename (path);
  Exporter ex = { store, 0, NULL, NULL, NULL, FALSE, NULL };

  if (township != NULL)
    {
      ex.township = tx_store_find_id (store, "township", township, FALSE, &read_error);
      if (ex.township <= 0)
        {
          g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_WRITE,
                       _("Could not write “%s”: the township is not in the database. Nothing was written."), path);
          return FALSE;
        }
    }

  if (options != NULL && options->since_last)
    since = last_written (store, township);
  ex.since = since;
  ex.issue = options != NULL && options->issue;
  ex.city = g_strcmp0 (tx_settings_get_office_kind (tx_store_get_settings (store)), "city") == 0;

  /* written whole or not at all, 0600, as every file Tongxin writes */
  file = tx_file_writer_new (path, &write_error);
  if (file == NULL)
    {
      g_set_error_literal (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_WRITE, write_error->message);
      return FALSE;
    }

  if (g_str_has_suffix (path, ".gz"))
    compressor = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1));
  else
    digest = tx_digest_new ();
  output.file = file;
  output.compressor = compressor;
  output.digest = digest;

  previous_error_func = xmlGenericError;
  previous_error_context = xmlGenericErrorContext;
  xmlSetGenericErrorFunc (NULL, log_libxml_error);

  ex.writer = xmlNewTextWriter (xmlOutputBufferCreateIO (write_to_file, close_nothing, &output, NULL));
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
  /* the office that wrote it */
  if (office != NULL)
    {
      TxSettings *settings = tx_store_get_settings (store);

      attr (&ex, "office", office);
      attr (&ex, "office-kind", tx_settings_get_office_kind (settings));
      if (tx_settings_get_organization (settings)[0] != '\0')
        attr (&ex, "office-name", tx_settings_get_organization (settings));
      if (city != NULL)
        {
          attr (&ex, "to", city->uuid);
          if (city->name[0] != '\0')
            attr (&ex, "to-name", city->name);
        }
    }
  /* of which township, when of one; what it holds: what changed from
   * then on, or everything */
  if (township != NULL)
    attr (&ex, "township", township);
  if (since != NULL)
    attr (&ex, "since", since);

  /* Everything from one state of the database. */
  if (!tx_store_read (store, export_records, &ex, &read_error))
    ex.failed = TRUE;

  end (&ex);
  if (xmlTextWriterEndDocument (ex.writer) < 0 || xmlTextWriterFlush (ex.writer) < 0)
    ex.failed = TRUE;

  xmlFreeTextWriter (ex.writer);
  exporter_clear (&ex);
  xmlSetGenericErrorFunc (previous_error_context, previous_error_func);
  if (!ex.failed && compressor != NULL && !output_write (&output, NULL, 0, TRUE))
    ex.failed = TRUE;
  /* a file not compressed ends with the SHA-256 of all before it (a
   * compressed one has gzip's checksum): a copy damaged on its way is
   * refused (tx_import_check_digest()) */
  if (!ex.failed && digest != NULL)
    {
      char hex[TX_DIGEST_HEX_LENGTH];
      g_autofree char *end = NULL;

      tx_digest_finish (digest, hex);
      end = g_strdup_printf ("<?" TX_EXCHANGE_DIGEST_PI " %s?>\n", hex);

      if (!tx_file_writer_write (file, end, strlen (end)))
        ex.failed = TRUE;
    }

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

  /* The file is written: that it was, kept for the next since it.  Not
   * kept (a database that cannot be written), the next is from an
   * earlier one, and holds more than it needs. */
  {
    /* what the city issues is of no township, nor of every record: the
     * next file "since the last" does not start from it */
    Sent sent = { written_at, ex.issue ? "" : township, city != NULL ? city->uuid : NULL, since, file_name };
    g_autoptr(GError) keep_error = NULL;

    if (!tx_store_write (store, keep_sent_cb, &sent, &keep_error))
      g_debug ("Could not keep that %s was written: %s", path, keep_error->message);
  }

  return TRUE;
}

static gboolean
export_one_cb (TxStore   *store,
               gpointer   user_data,
               GError   **error)
{
  Exporter *ex = ((gpointer *) user_data)[0];
  const char *kind = ((gpointer *) user_data)[1];

  if (g_strcmp0 (kind, "township") == 0)
    export_townships (ex);
  else if (g_strcmp0 (kind, "person") == 0)
    export_people (ex);
  else if (g_strcmp0 (kind, "plan") == 0)
    export_plans (ex);
  else if (g_strcmp0 (kind, "consultation") == 0)
    export_consultations (ex);
  else if (g_strcmp0 (kind, "outcome") == 0)
    export_outcomes (ex);
  else if (g_strcmp0 (kind, "activity") == 0)
    export_activities (ex);
  else if (g_strcmp0 (kind, "attachment") == 0)
    export_attachments (ex);

  if (ex->failed && ex->read_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&ex->read_error));
      return FALSE;
    }

  return !ex->failed;
}

/**
 * tx_exchange_write_record:
 * @kind: "township", "person", "plan", "consultation", "outcome",
 *   "activity" or "attachment"
 * @uuid: the record's (a plan's: "township-uuid/year")
 *
 * Returns: (transfer full) (nullable): the record's element as an
 *   export writes it (with no namespace), or "" when the record is not
 *   here or deleted; %NULL with @error set when it cannot be read
 */
char *
tx_exchange_write_record (TxStore     *store,
                          const char  *kind,
                          const char  *uuid,
                          GError     **error)
{
  xmlBufferPtr buffer = xmlBufferCreate ();
  Exporter ex = { store, 0, NULL, uuid, NULL, FALSE, NULL };
  gpointer data[2] = { &ex, (gpointer) kind };
  char *text = NULL;
  gboolean ok;

  ex.writer = xmlNewTextWriterMemory (buffer, 0);
  if (ex.writer == NULL)
    {
      xmlBufferFree (buffer);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "out of memory");
      return NULL;
    }

  ok = tx_store_read (store, export_one_cb, data, error);
  if (xmlTextWriterFlush (ex.writer) < 0)
    ok = FALSE;
  xmlFreeTextWriter (ex.writer);
  exporter_clear (&ex);
  g_clear_error (&ex.read_error);

  if (ok)
    text = g_strdup ((const char *) xmlBufferContent (buffer));
  else if (error != NULL && *error == NULL)
    g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                 _("Could not read the record %s from the database."), uuid);
  xmlBufferFree (buffer);

  return text;
}
