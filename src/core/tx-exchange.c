/* tx-exchange.c — export and import of the exchange file (DESIGN §4)
 *
 * The export is tx-exchange-export.c.  The import reads the file in
 * tx-exchange-read.c and merges it in tx-exchange-merge.c; here are its
 * passes and its API.  Import streams with xmlTextReader,
 * a record at a time, so that it takes as little memory for a city as
 * for a township: each record is checked against the format and by the
 * rules the editors and the roster import apply (tx-rules.c), and merged
 * before the next is read, all inside one transaction, so a file with
 * any fault changes nothing.  A database that holds records is backed
 * up first, and only for a file that is right: the file is then read
 * twice, once to check it, once to merge it (import_file()).  Records
 * are matched by uuid and the newer "updated" wins.
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

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-backup.h"
#include "tx-conflict.h"
#include "tx-exchange-private.h"
#include "tx-records-private.h"
#include "tx-rules.h"
#include "tx-settings.h"

#define DEMO_RESOURCE   "/io/github/tongxin/Tongxin/data/demo.xml"

G_DEFINE_QUARK (tx-exchange-error-quark, tx_exchange_error)

/* The element of each kind of record */
const char * const tx_import_kind_elements[N_KINDS] = {
  "township", "person", "plan", "consultation", "outcome", "activity", "attachment", "threshold", "circular", "deleted",
};

/* The table of the records of each kind: most are called as their
 * element is */
const char * const tx_import_kind_tables[N_KINDS] = {
  "township", "person", "plan", "consultation", "outcome", "activity", "attachment", "setting", "circular", "tombstone",
};

/* The column that names a record of each kind that has a table of its
 * own, with a uuid, updated_at and deleted_at */
static const char * const kind_labels[N_KINDS] = {
  [KIND_TOWNSHIP] = "name",
  [KIND_PERSON] = "name",
  [KIND_CONSULTATION] = "title",
  [KIND_OUTCOME] = "title",
  [KIND_ACTIVITY] = "title",
  [KIND_ATTACHMENT] = "file_name",
};

/* Of the table (%1$s) and its label column (%2$s) */
static const char * const kind_sql_formats[N_KIND_SQL] = {
  [KIND_SQL_ID] = "SELECT id FROM %1$s WHERE uuid = ?",
  [KIND_SQL_HERE] = "SELECT id, updated_at, deleted_at FROM %1$s WHERE uuid = ?",
  [KIND_SQL_LABEL] = "SELECT %2$s FROM %1$s WHERE uuid = ?",
  [KIND_SQL_DELETE] = "UPDATE %1$s SET deleted_at = ?2 WHERE id = ?1",
  [KIND_SQL_LAST_ID] = "SELECT max(id) FROM %1$s",
  [KIND_SQL_EVERY_ID] = "SELECT uuid, id FROM %1$s",
};

/**
 * tx_import_kind_sql:
 *
 * Returns: (nullable): the statement @what of the table of the records
 *   of @kind, the same text at each call (tx_store_prepare() keeps its
 *   statement); NULL when they have no table of their own (or @kind is
 *   N_KINDS, no kind)
 */
const char *
tx_import_kind_sql (Kind     kind,
                    KindSql  what)
{
  static char *statements[N_KINDS][N_KIND_SQL];
  static gsize made;

  if (kind >= N_KINDS || what >= N_KIND_SQL)
    return NULL;

  if (g_once_init_enter (&made))
    {
      for (guint k = 0; k < N_KINDS; k++)
        for (guint w = 0; w < N_KIND_SQL && kind_labels[k] != NULL; w++)
          statements[k][w] = g_strdup_printf (kind_sql_formats[w], tx_import_kind_tables[k], kind_labels[k]);
      statements[KIND_DELETED][KIND_SQL_LAST_ID] = g_strdup ("SELECT count(*) FROM tombstone");
      statements[KIND_DELETED][KIND_SQL_EVERY_ID] = g_strdup ("SELECT uuid, 0 FROM tombstone");
      g_once_init_leave (&made, 1);
    }

  return statements[kind][what];
}

/* The kind of record an element of @name is; N_KINDS: none. */
Kind
tx_import_kind_from_element (const char *name)
{
  guint kind;

  for (kind = 0; kind < N_KINDS; kind++)
    if (g_strcmp0 (name, tx_import_kind_elements[kind]) == 0)
      break;

  return kind;
}

/* The settings a city office sends its townships (and no others) */
const char * const tx_exchange_thresholds[] = {
  "stage-red-days", "feedback-days", "feedback-red-days", "plan-yellow-behind", "plan-red-behind",
  "stakeholder-share", NULL,
};

#define PROGRESS_INTERVAL_US (G_USEC_PER_SEC / 10)

/* Tells how far the import is, at most ten times a second, and never
 * back: a file read again, to say what is wrong with it, goes on from
 * where it was.  Half-way is always told: where reading ends and
 * merging begins, or the middle of a pass that does both. */
static void
report_progress (Importer *imp,
                 double    fraction,
                 gboolean  always)
{
  gint64 now;

  if (imp->options == NULL || imp->options->progress == NULL)
    return;

  fraction = CLAMP (fraction, 0.0, 1.0);
  if (fraction <= imp->told)
    return;

  if (imp->told < 0.5 && fraction > 0.5)
    {
      imp->told = 0.5;
      imp->options->progress (0.5, imp->options->progress_data);
    }

  now = g_get_monotonic_time ();
  if (!always && now - imp->last_progress < PROGRESS_INTERVAL_US)
    return;

  imp->last_progress = now;
  imp->told = fraction;
  imp->options->progress (fraction, imp->options->progress_data);
}

static void
importer_clear (Importer *imp)
{
  tx_import_clear_digest (imp);
  g_clear_pointer (&imp->latest_updated, g_free);
  g_clear_pointer (&imp->import_time, g_free);
  g_clear_pointer (&imp->bytes, g_bytes_unref);
  g_clear_object (&imp->file);
  g_clear_pointer (&imp->schema, xmlRelaxNGFree);
  g_clear_pointer (&imp->new_people, tx_roster_bulk_free);
  g_clear_error (&imp->first_error);
  g_clear_error (&imp->merge_error);
  g_clear_pointer (&imp->own_office, g_free);
  g_clear_pointer (&imp->own_city, g_free);
  g_clear_pointer (&imp->own_city_name, g_free);
  g_clear_pointer (&imp->own_kind, g_free);
  g_clear_pointer (&imp->conflicts_found, g_hash_table_unref);
  g_clear_pointer (&imp->township_aliases, g_hash_table_unref);
  g_clear_pointer (&imp->townships_matched, g_ptr_array_unref);
  g_clear_pointer (&imp->townships_renamed, g_hash_table_unref);
  tx_import_clear_offices (imp);
  g_clear_pointer (&imp->records_read.slots, g_free);
  g_clear_pointer (&imp->found_here.slots, g_free);
  g_clear_pointer (&imp->tombstones.slots, g_free);
  g_clear_pointer (&imp->plans_read, g_hash_table_unref);
  g_clear_pointer (&imp->participant_rows, g_array_unref);
  g_clear_pointer (&imp->participant_ids, g_array_unref);
  g_clear_pointer (&imp->tables_added_to, g_hash_table_unref);
  g_clear_pointer (&imp->deferred_indexes, g_ptr_array_unref);
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
  imp->told = -1;
}

/* Where a fault of the database is kept: with libxml2's, unless the
 * file is read by a thread of its own (CHECK_SHAPE, read_file_ahead()),
 * while this one merges. */
GError **
tx_import_database_fault (Importer *imp)
{
  return imp->check == CHECK_SHAPE ? &imp->merge_error : &imp->first_error;
}

/* The next row of @stmt for the import; a read error is kept as the
 * import's first error, which fails the whole import (all or nothing). */
int
tx_import_step (Importer     *imp,
                sqlite3_stmt *stmt)
{
  g_autoptr(GError) error = NULL;
  int rc = tx_store_step (imp->store, stmt, &error);
  GError **fault = tx_import_database_fault (imp);

  if (rc == SQLITE_ERROR && *fault == NULL)
    *fault = g_steal_pointer (&error);

  return rc;
}

gboolean
tx_import_fail_at (Importer    *imp,
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
gboolean
tx_import_fail_writing (Importer  *imp,
                        long       line,
                        GError   **error)
{
  g_prefix_error (error, _("%s, line %ld: "), imp->display_name, line);
  return FALSE;
}

/* The first of @problems, with the file and the line. */
gboolean
tx_import_fail_with_problems (Importer   *imp,
                              long        line,
                              GPtrArray  *problems,
                              GError    **error)
{
  TxProblem *first = g_ptr_array_index (problems, 0);

  return tx_import_fail_at (imp, line, error, TX_EXCHANGE_ERROR_INVALID, "%s", first->message);
}

/* Something the shape does not take, which the schema may: the pass
 * ends, and the file is read again against the schema, whose word it
 * is.  The message is for the log; a clerk would only ever be told the
 * schema's. */
gboolean
tx_import_fail_shape (Importer    *imp,
                      long         line,
                      const char  *what,
                      GError     **error)
{
  g_debug ("%s, line %ld: %s, not as Tongxin writes it", imp->display_name, line, what);
  g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID,
               _("%s is not a valid Tongxin exchange file. %s"), imp->display_name,
               _(NOT_WRITTEN_BY_TONGXIN));
  return FALSE;
}

/* What a record read against the shape refers to, looked at by the
 * merging thread (see refers_to_known()).  A fault here only sends the
 * file to be read again against the schema, which tells it. */
static gboolean
check_references (Importer  *imp,
                  Incoming  *incoming,
                  GError   **error)
{
  gboolean known = TRUE;

  imp->participants_of = NULL;
  switch (incoming->kind)
    {
    case KIND_PERSON:
      {
        const char *township = TX_PERSON (incoming->record)->township_uuid;

        known = township == NULL || tx_import_is_known (imp, KIND_TOWNSHIP, township);
      }
      break;

    case KIND_PLAN:
      known = tx_import_is_known (imp, KIND_TOWNSHIP, incoming->township);
      break;

    case KIND_CONSULTATION:
      {
        TxConsultation *record = TX_CONSULTATION (incoming->record);

        /* the ids found are kept for the participants' rows */
        if (imp->participant_ids == NULL)
          imp->participant_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
        g_array_set_size (imp->participant_ids, record->participants->len);
        imp->participants_of = record;
        for (guint i = 0; known && i < record->participants->len; i++)
          known = tx_import_find_known (imp, KIND_PERSON,
                                        ((TxParticipant *) g_ptr_array_index (record->participants, i))->person_uuid,
                                        &g_array_index (imp->participant_ids, gint64, i));
        known = known && tx_import_is_known (imp, KIND_TOWNSHIP, record->township_uuid);
      }
      break;

    case KIND_OUTCOME:
      known = tx_import_is_known (imp, KIND_CONSULTATION, TX_OUTCOME (incoming->record)->consultation_uuid);
      break;

    case KIND_ACTIVITY:
      {
        TxActivity *record = TX_ACTIVITY (incoming->record);
        GPtrArray *participants = tx_activity_get_participants (record);
        GPtrArray *townships = tx_activity_get_townships (record);
        const char *organiser = tx_activity_get_township_name (record);

        for (guint i = 0; known && i < participants->len; i++)
          known = tx_import_is_known (imp, KIND_PERSON, ((TxParticipant *) g_ptr_array_index (participants, i))->person_uuid);
        for (guint i = 0; known && i < townships->len; i++)
          known = tx_import_is_known (imp, KIND_TOWNSHIP, g_ptr_array_index (townships, i));
        known = known && (organiser == NULL || tx_import_is_known (imp, KIND_TOWNSHIP, organiser));
      }
      break;

    case KIND_ATTACHMENT:
      known = tx_import_is_known (imp, tx_import_kind_from_element (incoming->attachment->record_kind),
                                  incoming->attachment->record_uuid);
      break;

    case KIND_TOWNSHIP:
    case KIND_DELETED:
    default:
      break;
    }

  return known || tx_import_fail_shape (imp, incoming->line, "a reference", error);
}

/* A record read: what it refers to known, its id its own, and in a
 * merging pass merged.  In the thread that uses the database. */
static gboolean
take_record (Importer  *imp,
             Incoming  *taken,
             GError   **error)
{
  if (imp->size > 0)
    report_progress (imp, imp->pass_from + (imp->pass_to - imp->pass_from) * taken->end / imp->size, FALSE);

  if (imp->check == CHECK_SHAPE && !check_references (imp, taken, error))
    return FALSE;

  if (taken->uuid != NULL && taken->kind != KIND_DELETED && !tx_import_remember_record (imp, taken, error))
    return FALSE;

  return imp->pass == PASS_CHECK || tx_import_merge_record (imp, taken, error);
}

static gboolean
take_record_cb (Importer  *imp,
                Incoming  *incoming,
                gpointer   user_data,
                GError   **error)
{
  g_autoptr(Incoming) taken = incoming;

  return take_record (imp, taken, error);
}

/*
 * The records read ahead, waiting to be merged.  The thread that reads
 * stops when this many wait, or this many bytes of the file, and goes
 * on when half of them are taken; the thread that merges waits when
 * none does, and goes on when MERGER_WAKES are read (or the reading is
 * over).  Neither wakes the other for every record.  The reading runs
 * that far ahead so that it goes on while the merging makes the
 * indexes of what it has merged (the people's after the last person,
 * the consultations' at the first recommendation): a quarter of a
 * second for 100,000 people.  What waits holds some 40 MB at most.
 */
#define MAX_WAITING 16384
#define MAX_WAITING_TEXT (16 * 1024 * 1024)
#define MERGER_WAKES 32
#define MERGING_BEHIND 256

/* nor more than this many bytes of attachments' files */
#define MAX_WAITING_BYTES (64 * 1024 * 1024)

typedef struct {
  Importer  *imp;
  GMutex     mutex;
  GCond      cond;
  GQueue     waiting;        /* Incoming */
  gsize      waiting_bytes;  /* of the attachments' files among them */
  goffset    taken_end;      /* where the last record taken ends in the file */
  GQueue     merged;         /* Incoming, for the reading thread to free, as it made them */
  gboolean   reader_waits;
  gboolean   merger_waits;
  gboolean   read_all;       /* the reading is over, right or not */
  gboolean   stop;           /* the merging failed: read no further */
  gboolean   read_ok;
  GError    *read_error;
} ReadAhead;

static gsize
incoming_bytes (Incoming *incoming)
{
  return incoming->data != NULL ? g_bytes_get_size (incoming->data) : 0;
}

static gboolean
hand_over_cb (Importer  *imp,
              Incoming  *incoming,
              gpointer   user_data,
              GError   **error)
{
  ReadAhead *ahead = user_data;
  GQueue merged = G_QUEUE_INIT;
  gboolean stop;

  g_mutex_lock (&ahead->mutex);
  if (ahead->merged.length > 0)
    {
      merged = ahead->merged;
      g_queue_init (&ahead->merged);
    }
  while ((ahead->waiting.length >= MAX_WAITING ||
          ((ahead->waiting_bytes >= MAX_WAITING_BYTES || incoming->end - ahead->taken_end >= MAX_WAITING_TEXT) &&
           ahead->waiting.length > 0)) && !ahead->stop)
    {
      ahead->reader_waits = TRUE;
      g_cond_wait (&ahead->cond, &ahead->mutex);
    }
  stop = ahead->stop;
  if (!stop)
    {
      g_queue_push_tail (&ahead->waiting, incoming);
      ahead->waiting_bytes += incoming_bytes (incoming);
    }
  /* whether the merging is behind: then the reading does what either
   * may (the sort keys of new people), else it leaves it to the merging */
  imp->merging_behind = ahead->waiting.length >= MERGING_BEHIND;
  if (ahead->merger_waits &&
      (ahead->waiting.length >= MERGER_WAKES || ahead->waiting_bytes >= MAX_WAITING_BYTES / 2))
    {
      ahead->merger_waits = FALSE;
      g_cond_broadcast (&ahead->cond);
    }
  g_mutex_unlock (&ahead->mutex);

  g_queue_clear_full (&merged, (GDestroyNotify) tx_import_incoming_free);

  if (stop)
    {
      long line = incoming->line;

      tx_import_incoming_free (incoming);
      /* the merging's fault is the one told */
      return tx_import_fail_shape (imp, line, "the merging stopped", error);
    }

  return TRUE;
}

static gpointer
read_ahead_thread (gpointer data)
{
  ReadAhead *ahead = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = tx_import_read_records (ahead->imp, hand_over_cb, ahead, &error);

  g_mutex_lock (&ahead->mutex);
  ahead->read_all = TRUE;
  ahead->read_ok = ok;
  ahead->read_error = g_steal_pointer (&error);
  g_cond_broadcast (&ahead->cond);
  g_mutex_unlock (&ahead->mutex);

  return NULL;
}

/* The next record read ahead, or NULL when the reading is over; the
 * one before, @merged, goes back. */
static Incoming *
take_handed_over (ReadAhead *ahead,
                  Incoming  *merged)
{
  Incoming *incoming;

  g_mutex_lock (&ahead->mutex);
  if (merged != NULL)
    g_queue_push_tail (&ahead->merged, merged);
  while (ahead->waiting.length == 0 && !ahead->read_all)
    {
      ahead->merger_waits = TRUE;
      g_cond_wait (&ahead->cond, &ahead->mutex);
    }
  incoming = g_queue_pop_head (&ahead->waiting);
  if (incoming != NULL)
    {
      ahead->waiting_bytes -= incoming_bytes (incoming);
      ahead->taken_end = incoming->end;
    }
  if (ahead->reader_waits && ahead->waiting.length <= MAX_WAITING / 2 &&
      ahead->waiting_bytes <= MAX_WAITING_BYTES / 2 &&
      (ahead->waiting.length == 0 ||
       ((Incoming *) g_queue_peek_tail (&ahead->waiting))->end - ahead->taken_end <= MAX_WAITING_TEXT / 2))
    {
      ahead->reader_waits = FALSE;
      g_cond_broadcast (&ahead->cond);
    }
  g_mutex_unlock (&ahead->mutex);

  return incoming;
}

/*
 * A pass that checks the file against its shape reads it in a thread of
 * its own, which reads, checks and makes each record while this one
 * merges the one before: the computer's second core does what libxml2
 * and the rules of records cost, which is about half of what SQLite
 * does.  libxml2 and the reading are the other thread's, the database
 * this one's.
 */
static gboolean
read_file_ahead (Importer  *imp,
                 GError   **error)
{
  ReadAhead ahead = { imp, };
  GThread *thread;
  Incoming *incoming = NULL;
  gboolean ok = TRUE;

  g_mutex_init (&ahead.mutex);
  g_cond_init (&ahead.cond);
  xmlInitParser ();
  thread = g_thread_new ("tx-exchange-read", read_ahead_thread, &ahead);

  while (ok && (incoming = take_handed_over (&ahead, incoming)) != NULL)
    {
      ok = take_record (imp, incoming, error);
      /* an attachment's file is not kept until the reader frees it */
      g_clear_pointer (&incoming->data, g_bytes_unref);
    }
  g_clear_pointer (&incoming, tx_import_incoming_free);

  g_mutex_lock (&ahead.mutex);
  ahead.stop = !ok;
  g_cond_broadcast (&ahead.cond);
  g_mutex_unlock (&ahead.mutex);
  g_thread_join (thread);

  g_queue_clear_full (&ahead.waiting, (GDestroyNotify) tx_import_incoming_free);
  g_queue_clear_full (&ahead.merged, (GDestroyNotify) tx_import_incoming_free);
  g_mutex_clear (&ahead.mutex);
  g_cond_clear (&ahead.cond);

  if (ok && !ahead.read_ok)
    {
      g_propagate_error (error, g_steal_pointer (&ahead.read_error));
      return FALSE;
    }
  g_clear_error (&ahead.read_error);

  return ok;
}

/* One pass over the file. */
static gboolean
read_file (Importer    *imp,
           GError     **error)
{
  gboolean ok;

  tx_import_begin_reading (imp);
  imp->clamped = 0;

  if (imp->check == CHECK_SHAPE)
    ok = tx_import_look_at_tables (imp, error) && read_file_ahead (imp, error);
  else
    {
      if (imp->schema == NULL)
        {
          imp->schema = tx_import_load_schema (error);
          if (imp->schema == NULL)
            return FALSE;
        }
      ok = tx_import_read_records (imp, take_record_cb, NULL, error);
    }

  imp->report.clamped = imp->clamped;

  return ok;
}

/* Pass one: the whole file read and checked; nothing written. */
static gboolean
check_file_cb (TxStore   *store,
               gpointer   user_data,
               GError   **error)
{
  Importer *imp = user_data;

  return read_file (imp, error);
}

/* A merging pass, inside one transaction: the records of the file, one
 * by one, in the order of the file. */
/* The office that wrote the file, kept as a peer of this one, with when
 * its file was imported; not this office itself (its own file read
 * back), nor an office a file of an earlier version does not name. */
static gboolean
note_sender (Importer  *imp,
             GError   **error)
{
  TxPeer peer = imp->sender;

  if (peer.uuid == NULL || g_strcmp0 (peer.uuid, imp->own_office) == 0)
    return TRUE;

  peer.kind = peer.kind != NULL ? peer.kind : "township";
  peer.received_at = imp->import_time;
  return tx_office_note_peer (imp->store, &peer, error);
}

/* The townships matched by name: their ids of the file kept, to mean
 * the township here from now on.  Those kept apart under another name:
 * that name is this office's change, kept when the sender's file comes
 * again (a change there is a conflict). */
static gboolean
keep_township_matches (Importer  *imp,
                       GError   **error)
{
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer uuid;

  for (guint i = 0; imp->townships_matched != NULL && i < imp->townships_matched->len; i += 3)
    {
      stmt = tx_store_prepare (imp->store,
                               "INSERT OR IGNORE INTO township_alias (uuid, township, matched) VALUES (?, ?, ?)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (imp->townships_matched, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (imp->townships_matched, i + 1), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, imp->import_time, -1, SQLITE_STATIC);
      if (!tx_store_step_done (imp->store, stmt, error))
        return FALSE;
    }

  if (imp->townships_renamed == NULL)
    return TRUE;

  g_hash_table_iter_init (&iter, imp->townships_renamed);
  while (g_hash_table_iter_next (&iter, &uuid, NULL))
    {
      stmt = tx_store_prepare (imp->store,
                               "INSERT OR IGNORE INTO base (kind, uuid, updated) "
                               "SELECT 'township', uuid, updated_at FROM township WHERE uuid = ?",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
      if (!tx_store_step_done (imp->store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* What the import did with the townships of a name held here */
static void
report_townships (Importer       *imp,
                  TxImportReport *report)
{
  GPtrArray *names = imp->options != NULL ? imp->options->townships : NULL;
  GHashTableIter iter;
  gpointer name;

  report->matched = imp->townships_matched != NULL ? imp->townships_matched->len / 3 : 0;
  report->renamed = imp->townships_renamed != NULL ? g_hash_table_size (imp->townships_renamed) : 0;

  if (names == NULL)
    return;
  g_ptr_array_set_size (names, 0);
  for (guint i = 0; imp->townships_matched != NULL && i < imp->townships_matched->len; i += 3)
    g_ptr_array_add (names, g_strdup (g_ptr_array_index (imp->townships_matched, i + 2)));
  if (imp->townships_renamed != NULL)
    {
      g_hash_table_iter_init (&iter, imp->townships_renamed);
      while (g_hash_table_iter_next (&iter, NULL, &name))
        g_ptr_array_add (names, g_strdup (name));
    }
}

/* A file of one township from another office: kept, for how recent
 * the data of the township are here. */
static gboolean
note_received (Importer  *imp,
               GError   **error)
{
  sqlite3_stmt *stmt;

  if (imp->subject == NULL || imp->sender.uuid == NULL || g_strcmp0 (imp->sender.uuid, imp->own_office) == 0)
    return TRUE;

  stmt = tx_store_prepare (imp->store,
                           "INSERT INTO received (township, peer, peer_name, received_at, exported, complete, file) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, tx_import_township_here (imp, imp->subject), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, imp->sender.uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, imp->sender.name != NULL ? imp->sender.name : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, imp->import_time, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, imp->sender.exported, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, imp->since == NULL);
  sqlite3_bind_text (stmt, 7, imp->display_name, -1, SQLITE_STATIC);

  return tx_store_step_done (imp->store, stmt, error);
}

static gboolean
merge_file_cb (TxStore   *store,
               gpointer   user_data,
               GError   **error)
{
  Importer *imp = user_data;
  g_autofree char *summary = NULL;
  g_autofree char *what = NULL;

  if (!read_file (imp, error) || !tx_import_finish_new_people (imp, error) || !tx_import_make_deferred_indexes (imp, error))
    return FALSE;

  if (!tx_import_keep_theirs (imp, error) || !keep_township_matches (imp, error) || !note_sender (imp, error) ||
      !note_received (imp, error))
    return FALSE;

  if (imp->options != NULL && imp->options->finish != NULL &&
      !imp->options->finish (store, imp->options->finish_data, error))
    return FALSE;

  summary = tx_import_report_to_string (&imp->report);
  what = g_strdup_printf ("%s: %s", imp->display_name, summary);
  if (!tx_store_audit (store, "import", "store", NULL, what, error))
    return FALSE;

  /* nothing is kept before the file is found whole, and the backup
   * taken alongside is */
  if (!tx_import_finish_digest (imp, error))
    return FALSE;
  if (imp->backup_job != NULL &&
      !tx_backup_finish_before_import (g_steal_pointer (&imp->backup_job), &imp->backup_taken, error))
    return FALSE;

  if (imp->options != NULL && imp->options->dry_run)
    {
      /* Roll back: a dry run only reports. */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "dry run");
      return FALSE;
    }

  return TRUE;
}

/* A pass over the file, checked against @check; its progress told from
 * @from to @to. */
static gboolean
run_pass (Importer  *imp,
          Pass       pass,
          Check      check,
          double     from,
          double     to,
          GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  imp->pass = pass;
  imp->check = check;
  imp->pass_from = from;
  imp->pass_to = to;
  imp->report = (TxImportReport) { 0, };
  g_clear_pointer (&imp->conflicts_found, g_hash_table_unref);
  if (imp->options != NULL && imp->options->conflicts != NULL)
    g_ptr_array_set_size (imp->options->conflicts, 0);
  g_clear_error (&imp->first_error);
  g_clear_error (&imp->merge_error);

  if (pass == PASS_CHECK)
    ok = tx_store_read (imp->store, check_file_cb, imp, &local_error);
  else if (imp->options != NULL && imp->options->in_caller_write && !imp->options->dry_run &&
           tx_store_in_transaction (imp->store))
    ok = merge_file_cb (imp->store, imp, &local_error);
  else
    ok = (imp->filling ? tx_store_write_filling (imp->store, merge_file_cb, imp, &local_error)
                       : tx_store_write (imp->store, merge_file_cb, imp, &local_error)) ||
         g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_clear_pointer (&imp->new_people, tx_roster_bulk_free);
  g_clear_pointer (&imp->tables_added_to, g_hash_table_unref);
  g_clear_pointer (&imp->deferred_indexes, g_ptr_array_unref);
  memset (imp->rows, 0, sizeof imp->rows);

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  report_progress (imp, to, TRUE);
  return TRUE;
}

/* A pass checked against the shape, unless an earlier one could not
 * be; and when this one cannot, again against the schema, which says
 * what is wrong. */
static gboolean
run_checked_pass (Importer  *imp,
                  Pass       pass,
                  Check     *check,
                  double     from,
                  double     to,
                  GError   **error)
{
  if (*check == CHECK_SHAPE)
    {
      g_autoptr(GError) local_error = NULL;

      if (run_pass (imp, pass, CHECK_SHAPE, from, to, &local_error))
        return TRUE;

      g_debug ("%s is read again, against the schema: %s", imp->display_name, local_error->message);
      *check = CHECK_SCHEMA;
    }

  return run_pass (imp, pass, CHECK_SCHEMA, from, to, error);
}

/* Whether what was there is kept before the import writes: not for a
 * dry run, which writes nothing; not for a conflict decided (one
 * record, changed as an editor changes it), nor when the caller backed
 * it up, before several files. */
static gboolean
backs_up (Importer *imp)
{
  return imp->options == NULL ||
         !(imp->options->dry_run || imp->options->take_all || imp->options->backed_up);
}

/* What was there is kept before the import writes, in @undecided until
 * the file is merged (tx_backup_settle()). */
static gboolean
back_up (Importer   *imp,
         TxBackup  **undecided,
         GError    **error)
{
  *undecided = NULL;

  return !backs_up (imp) ||
         tx_backup_take_before_change (imp->store, TX_BACKUP_BEFORE_IMPORT,
                                       imp->options != NULL ? imp->options->today : TX_DATE_NONE,
                                       undecided, error);
}

/* Fails with that the file is damaged, when its SHA-256 says so, in
 * the place of @error: a file changed on its way may fail anywhere, and
 * its fault is that it was changed. */
static gboolean
fail_damaged_first (Importer  *imp,
                    GError   **error)
{
  g_autoptr(GError) damaged = NULL;

  if (!tx_import_finish_digest (imp, &damaged))
    {
      if (error != NULL)
        g_clear_error (error);
      g_propagate_error (error, g_steal_pointer (&damaged));
    }

  return FALSE;
}

/*
 * Reads, checks and merges the file: nothing is written unless the whole
 * file is right.  What was there is backed up (unless the caller backed
 * it up, before several files, or there is nothing to back up) by a
 * thread of its own, which reads the database as it was, while the file
 * is checked and merged in one reading, in one transaction that is
 * kept only once the backup is taken, and that a fault rolls back with
 * the backup: a file refused leaves none.  A file that the one reading did not take is read again,
 * first to check it, which says what is wrong as it always did: what
 * the schema finds before what the rules find, and both before what the
 * merge finds.
 */
static gboolean
import_file (Importer        *imp,
             TxImportReport  *report,
             GError         **error)
{
  Check check = CHECK_SHAPE;
  gboolean merged = FALSE;

  report_progress (imp, 0, TRUE);

  /* a database of an earlier version has no identity yet: it takes
   * files meant for any office */
  imp->own_office = tx_office_dup_uuid (imp->store, NULL);
  imp->own_kind = g_strdup (tx_settings_get_office_kind (tx_store_get_settings (imp->store)));
  /* a township takes the files of its city office, the first it heard from */
  g_clear_pointer (&imp->own_city, g_free);
  g_clear_pointer (&imp->own_city_name, g_free);
  if (g_strcmp0 (imp->own_kind, "township") == 0)
    {
      g_autoptr(GPtrArray) peers = tx_office_list_peers (imp->store, NULL);

      for (guint i = 0; peers != NULL && i < peers->len && imp->own_city == NULL; i++)
        {
          TxPeer *peer = g_ptr_array_index (peers, i);

          if (g_strcmp0 (peer->kind, "city") == 0)
            {
              imp->own_city = g_strdup (peer->uuid);
              imp->own_city_name = g_strdup (peer->name);
            }
        }
    }

  if (!tx_import_check_size (imp, error) || !tx_import_check_compressed (imp, error) ||
      !tx_import_start_digest (imp, error))
    return FALSE;
  if (!tx_import_check_prolog (imp, error) || !tx_import_match_townships (imp, error))
    return fail_damaged_first (imp, error);
  /* the city's file carries every township (下发): a township's office
   * keeps its own (tx_import_is_other_township()) */
  imp->keeps_own = -1;

  {
    g_autoptr(GError) local_error = NULL;

    /* taken by a thread of its own while the file is read and merged */
    imp->backup_job = backs_up (imp) ? tx_backup_start_before_import (imp->store, imp->options != NULL
                                                                                  ? imp->options->today
                                                                                  : TX_DATE_NONE)
                                     : NULL;
    imp->filling = !tx_store_holds_records (imp->store);
    merged = run_pass (imp, PASS_MERGE, CHECK_SHAPE, 0, 1, &local_error);
    imp->filling = FALSE;
    /* a pass undone before its end waits for the backup too */
    if (imp->backup_job != NULL)
      tx_backup_finish_before_import (g_steal_pointer (&imp->backup_job), &imp->backup_taken, NULL);
    tx_backup_settle (imp->store, g_steal_pointer (&imp->backup_taken), merged);
    /* a file damaged on its way is not read again */
    if (!merged && !tx_import_finish_digest (imp, error))
      return FALSE;
    if (!merged)
      {
        g_debug ("%s is read again, to check it first: %s", imp->display_name, local_error->message);
        check = CHECK_SCHEMA;
      }
  }

  if (!merged)
    {
      TxBackup *undecided = NULL;

      if (!run_checked_pass (imp, PASS_CHECK, &check, 0, 0.5, error))
        return FALSE;

      /* a file that is right is merged; what was there is kept first */
      if (!back_up (imp, &undecided, error))
        return FALSE;
      merged = run_checked_pass (imp, PASS_MERGE, &check, 0.5, 1, error);
      tx_backup_settle (imp->store, undecided, merged);
      if (!merged)
        return FALSE;
    }

  report_townships (imp, &imp->report);
  if (report != NULL)
    *report = imp->report;
  report_progress (imp, 1, TRUE);
  /* the file's times of change may be later than any here */
  tx_store_forget_stamps (imp->store);

  return TRUE;
}

/* The file at @path, kept open for the import to read, unless it is
 * not a file or larger than any exchange file: its size is looked at
 * before anything is read. */
static gboolean
open_file (Importer    *imp,
           const char  *path,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      if (local_error != NULL)
        g_debug ("%s: %s", path, local_error->message);
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                   _("There is no file “%s”."), path);
      return FALSE;
    }

  imp->size = g_file_info_get_size (info);
  if (!tx_import_check_size (imp, error))
    return FALSE;

  imp->file = G_INPUT_STREAM (g_file_read (file, NULL, &local_error));
  if (imp->file == NULL)
    {
      g_autofree char *basename = g_path_get_basename (path);

      g_debug ("%s: %s", path, local_error->message);
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                   _("Could not open “%s”. Check that the file exists and can be read."),
                   basename);
      return FALSE;
    }

  return TRUE;
}

/**
 * tx_exchange_import_file:
 * @report: (out) (optional): what the import did
 *
 * Merges an exchange file.  The whole file is checked, against the
 * schema and by the rules every record follows, and every record is
 * merged in one transaction, so on any error nothing changes.  The file
 * is read as a stream, a record at a time: an import takes as much
 * memory for a city as for a township.
 */
gboolean
tx_exchange_import_file (TxStore                *store,
                         const char             *path,
                         const TxImportOptions  *options,
                         TxImportReport         *report,
                         GError                **error)
{
  g_autofree char *basename = NULL;
  Importer imp = { 0, };
  gboolean ok;

  g_return_val_if_fail (TX_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  basename = g_path_get_basename (path);
  importer_init (&imp, store, options,
                 options && options->display_name ? options->display_name : basename);
  importer_set_today (&imp, options != NULL ? options->today : TX_DATE_NONE, TX_DATE_NONE);

  ok = open_file (&imp, path, error) && import_file (&imp, report, error);
  importer_clear (&imp);

  return ok;
}

gboolean
tx_exchange_import_bytes (TxStore                *store,
                          GBytes                 *bytes,
                          const TxImportOptions  *options,
                          TxImportReport         *report,
                          GError                **error)
{
  Importer imp = { 0, };
  gboolean ok;

  g_return_val_if_fail (TX_IS_STORE (store), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  importer_init (&imp, store, options,
                 options && options->display_name ? options->display_name : _("the exchange file"));
  importer_set_today (&imp, options != NULL ? options->today : TX_DATE_NONE, TX_DATE_NONE);
  imp.bytes = g_bytes_ref (bytes);
  imp.size = g_bytes_get_size (bytes);

  ok = import_file (&imp, report, error);
  importer_clear (&imp);

  return ok;
}

/* The base-date attribute of the sample file's root. */
static gboolean
read_base_date (GBytes *bytes,
                TxDate *base)
{
  xmlTextReaderPtr reader = xmlReaderForMemory (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                                NULL, "UTF-8", READER_FLAGS);
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
    imp.bytes = g_bytes_ref (bytes);
    imp.size = g_bytes_get_size (bytes);

    ok = import_file (&imp, report, error);
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

/* @counts, then what @format ("%s; %u …") adds of @n, when there are any */
static void
add_count (char       **counts,
           const char  *format,
           guint        n)
{
  char *with = NULL;

  if (n == 0)
    return;
  with = g_strdup_printf (format, *counts, n);
  g_free (*counts);
  *counts = with;
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

  add_count (&counts,
             g_dngettext (GETTEXT_PACKAGE,
                          /* Translators: the counts of an import, then how many conflicts it found */
                          "%s, %u conflict (changed both here and by the sender: both versions kept, to be decided)",
                          "%s, %u conflicts (changed both here and by the sender: both versions kept, to be decided)",
                          report->conflicts),
             report->conflicts);

  if (report->matched > 0 || report->renamed > 0)
    {
      char *with_townships = g_strdup_printf (_("%s; %u townships taken as the one of the same name here, %u kept apart under another name"),
                                              counts, report->matched, report->renamed);

      g_free (counts);
      counts = with_townships;
    }

  add_count (&counts,
             g_dngettext (GETTEXT_PACKAGE,
                          /* Translators: the counts of an import, then how many records of other townships a township's office left out */
                          "%s; %u record of other townships left out (a township keeps its own)",
                          "%s; %u records of other townships left out (a township keeps its own)",
                          report->skipped),
             report->skipped);
  add_count (&counts,
             g_dngettext (GETTEXT_PACKAGE,
                          /* Translators: the counts of an import, then how many thresholds or circulars of the city office another office's file held */
                          "%s; %u of the city office’s records (thresholds of the ledger, circulars) not taken: only the city office changes them",
                          "%s; %u of the city office’s records (thresholds of the ledger, circulars) not taken: only the city office changes them",
                          report->refused),
             report->refused);

  if (report->clamped == 0)
    return g_steal_pointer (&counts);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: the counts of an import, then how many records were dated ahead */
                                       "%s. %u record was dated more than a day after today, so the clock of the computer that wrote the file may be wrong: it was given the time of this import.",
                                       "%s. %u records were dated more than a day after today, so the clock of the computer that wrote the file may be wrong: they were given the time of this import.",
                                       report->clamped),
                          counts, report->clamped);
}
