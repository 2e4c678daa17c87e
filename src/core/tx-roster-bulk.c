/* tx-roster-bulk.c — adding many people at once, as an import does
 *
 * A bulk prepares its statements once and looks townships up once.  It
 * writes people and categories many rows to a statement, fills the
 * search index with one statement for everyone added, at the end, and
 * when it adds more people
 * than the roster has, it drops the sort indexes first and builds them
 * again at the end, which is quicker than keeping them up to date row by
 * row.  Everything happens inside the caller's tx_store_write(), so a
 * failure leaves the roster, its indexes and its search index as they
 * were.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-roster"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tx-arena.h"
#include "tx-collate.h"
#include "tx-records-private.h"
#include "tx-roster-bulk.h"
#include "tx-roster.h"
#include "tx-vocabulary.h"

/* Adding at least this many people, and more than the roster has, builds
 * the person table's sort indexes again rather than keeping them up to
 * date. */
#define REBUILD_INDEXES_FROM 5000

/* Rows written by one INSERT: fewer statements to run for the same rows */
#define PEOPLE_PER_INSERT 32
#define CATEGORIES_PER_INSERT 64
#define PERSON_PARAMETERS 14
#define CATEGORY_PARAMETERS 3

/* A person waiting to be written: what their row holds, copied into
 * the bulk's own memory (a TxArena), so that the person is let go of by
 * whoever made them, when they like. */
typedef struct {
  const char   *uuid;
  const char   *name;
  const char   *gender;        /* the key */
  const char   *ethnicity;
  const char   *village;
  const char   *organization;
  const char   *title;
  const char   *phone;
  const char   *notes;
  const char   *updated_at;
  const char   *post_since;    /* or NULL */
  const guint8 *pinyin;
  const guint8 *strokes;
  guint         n_pinyin;
  guint         n_strokes;
  guint         first_category;   /* in TxRosterBulk.pending_categories */
  guint         n_categories;
  gint64        id;
  gint64        township_id;
} Pending;


typedef struct {
  gint64     person_id;
  TxCategory category;
  guint      position;
} PendingCategory;

struct _TxRosterBulk
{
  TxStore      *store;
  GHashTable   *townships;     /* uuid → id */
  char         *now;
  sqlite3_stmt *insert_one;
  sqlite3_stmt *insert_many;
  sqlite3_stmt *category_one;
  sqlite3_stmt *category_many;
  sqlite3_stmt *township;
  sqlite3_stmt *search;
  sqlite3_stmt *post;
  gint64        first_id;      /* of the people this bulk adds */
  gint64        next_id;
  GArray       *pending;       /* Pending */
  GArray       *pending_categories;  /* TxCategory, of the people pending */
  TxArena       texts;         /* of the people pending: what their rows hold, copied */
  GArray       *categories;    /* PendingCategory */
  GPtrArray    *indexes;       /* SQL of the dropped sort indexes, or NULL */
  guint         batch;         /* people written at a time */
  TxRosterBulkWrittenFunc written;
  gpointer      written_data;
};

/* OR FAIL: a row a constraint refuses stops its statement where it is,
 * and the caller undoes the whole import.  With SQLite's default
 * (ABORT), a statement of many rows would first copy every page it
 * changes into a statement journal, to undo only itself. */
#define PERSON_INSERT \
  "INSERT OR FAIL INTO person (id, uuid, township_id, name, gender, ethnicity, village, organization, " \
  "  title, phone, notes, sort_pinyin, sort_strokes, updated_at) VALUES "
#define PERSON_VALUES "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define CATEGORY_INSERT "INSERT OR FAIL INTO person_category (person_id, category, position) VALUES "
#define CATEGORY_VALUES "(?, ?, ?)"

/* INSERT … VALUES (…), (…), … of @n_rows rows */
static sqlite3_stmt *
prepare_insert (TxStore     *store,
                const char  *insert,
                const char  *values,
                guint        n_rows,
                GError     **error)
{
  g_autoptr(GString) sql = g_string_new (insert);

  for (guint i = 0; i < n_rows; i++)
    {
      if (i > 0)
        g_string_append (sql, ", ");
      g_string_append (sql, values);
    }

  return tx_store_prepare (store, sql->str, error);
}

static const char *
arena_text (TxArena    *arena,
            const char *text)
{
  return text != NULL ? tx_arena_copy (arena, text, strlen (text)) : "";
}

/**
 * tx_roster_bulk_new:
 * @n_expected: about how many people will be added
 *
 * Must be called inside tx_store_write(), and the bulk finished or freed
 * before it returns.
 */
TxRosterBulk *
tx_roster_bulk_new (TxStore  *store,
                    guint     n_expected,
                    GError  **error)
{
  g_autoptr(TxRosterBulk) bulk = g_new0 (TxRosterBulk, 1);
  sqlite3_stmt *stmt;
  gint64 n_existing = 0;
  int rc;

  g_return_val_if_fail (tx_store_in_transaction (store), NULL);

  bulk->store = g_object_ref (store);
  bulk->townships = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  bulk->batch = PEOPLE_PER_INSERT;
  bulk->pending = g_array_sized_new (FALSE, FALSE, sizeof (Pending), PEOPLE_PER_INSERT);
  bulk->pending_categories = g_array_new (FALSE, FALSE, sizeof (TxCategory));
  /* a person's texts copied one after another, and the blocks cut
   * from again once they are written */
  tx_arena_init (&bulk->texts, 256 * 1024);
  bulk->categories = g_array_sized_new (FALSE, FALSE, sizeof (PendingCategory), CATEGORIES_PER_INSERT);

  stmt = tx_store_prepare (store, "SELECT coalesce (max (id), 0), count (*) FROM person", error);
  if (stmt == NULL)
    return NULL;
  if ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      bulk->first_id = sqlite3_column_int64 (stmt, 0) + 1;
      n_existing = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return NULL;
  bulk->next_id = bulk->first_id;

  bulk->insert_one = prepare_insert (store, PERSON_INSERT, PERSON_VALUES, 1, error);
  bulk->insert_many = prepare_insert (store, PERSON_INSERT, PERSON_VALUES, PEOPLE_PER_INSERT, error);
  bulk->category_one = prepare_insert (store, CATEGORY_INSERT, CATEGORY_VALUES, 1, error);
  bulk->category_many = prepare_insert (store, CATEGORY_INSERT, CATEGORY_VALUES, CATEGORIES_PER_INSERT, error);
  bulk->township = tx_store_prepare (store, "SELECT id FROM township WHERE uuid = ?", error);
  bulk->post = tx_store_prepare (store, "INSERT INTO person_post (person_id, since) VALUES (?, ?)", error);
  bulk->search = tx_store_prepare (store,
                                   "INSERT INTO person_search (rowid, name, organization, village, title) "
                                   "SELECT id, name, organization, village, title FROM person WHERE id >= ?",
                                   error);
  if (bulk->insert_one == NULL || bulk->insert_many == NULL || bulk->category_one == NULL ||
      bulk->category_many == NULL || bulk->township == NULL || bulk->search == NULL ||
      bulk->post == NULL)
    return NULL;

  /* The sort keys' indexes; the categories' are kept: people are added
   * in the order of their ids, so their categories go at the end of
   * those indexes, which costs less than making them again. */
  if (n_expected >= REBUILD_INDEXES_FROM && n_expected >= n_existing)
    {
      bulk->indexes = tx_store_drop_indexes (store, "person", error);
      if (bulk->indexes == NULL)
        return NULL;
    }

  return g_steal_pointer (&bulk);
}

static void
bind_person (sqlite3_stmt *stmt,
             int           first,
             Pending      *pending)
{
  sqlite3_bind_int64 (stmt, first, pending->id);
  sqlite3_bind_text (stmt, first + 1, pending->uuid, -1, SQLITE_STATIC);
  if (pending->township_id != 0)
    sqlite3_bind_int64 (stmt, first + 2, pending->township_id);
  else
    sqlite3_bind_null (stmt, first + 2);
  sqlite3_bind_text (stmt, first + 3, pending->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 4, pending->gender, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 5, pending->ethnicity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 6, pending->village, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 7, pending->organization, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 8, pending->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 9, pending->phone, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 10, pending->notes, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, first + 11, pending->pinyin, pending->n_pinyin, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, first + 12, pending->strokes, pending->n_strokes, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 13, pending->updated_at, -1, SQLITE_STATIC);
}

static void
bind_category (sqlite3_stmt    *stmt,
               int              first,
               PendingCategory *pending)
{
  sqlite3_bind_int64 (stmt, first, pending->person_id);
  sqlite3_bind_text (stmt, first + 1, tx_category_to_key (pending->category), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, first + 2, pending->position);
}

static int
compare_uuids (gconstpointer a,
               gconstpointer b)
{
  return strcmp (((const Pending *) a)->uuid, ((const Pending *) b)->uuid);
}

/* Writes the people waiting, many to an INSERT, in the order of their
 * uuids, which their ids follow; their categories wait to be written. */
static gboolean
write_people (TxRosterBulk  *bulk,
              GError       **error)
{
  guint done = 0;

  g_array_sort (bulk->pending, compare_uuids);
  for (guint i = 0; i < bulk->pending->len; i++)
    {
      Pending *pending = &g_array_index (bulk->pending, Pending, i);

      pending->id = bulk->next_id++;
      for (guint c = 0; c < pending->n_categories; c++)
        {
          PendingCategory category = {
            pending->id, g_array_index (bulk->pending_categories, TxCategory, pending->first_category + c), c
          };

          g_array_append_val (bulk->categories, category);
        }
    }

  for (; bulk->pending->len - done >= PEOPLE_PER_INSERT; done += PEOPLE_PER_INSERT)
    {
      for (guint i = 0; i < PEOPLE_PER_INSERT; i++)
        bind_person (bulk->insert_many, 1 + i * PERSON_PARAMETERS,
                     &g_array_index (bulk->pending, Pending, done + i));
      if (!tx_store_step_done (bulk->store, bulk->insert_many, error))
        return FALSE;
    }

  for (; done < bulk->pending->len; done++)
    {
      bind_person (bulk->insert_one, 1, &g_array_index (bulk->pending, Pending, done));
      if (!tx_store_step_done (bulk->store, bulk->insert_one, error))
        return FALSE;
    }

  /* the day the post was taken up, for the few who hold one */
  for (guint i = 0; i < done; i++)
    {
      Pending *pending = &g_array_index (bulk->pending, Pending, i);
      const char *since = pending->post_since;

      if (since == NULL)
        continue;
      sqlite3_bind_int64 (bulk->post, 1, pending->id);
      sqlite3_bind_text (bulk->post, 2, since, -1, SQLITE_STATIC);
      if (!tx_store_step_done (bulk->store, bulk->post, error))
        return FALSE;
    }

  if (bulk->written != NULL)
    for (guint i = 0; i < done; i++)
      {
        Pending *pending = &g_array_index (bulk->pending, Pending, i);

        bulk->written (pending->uuid, pending->id, bulk->written_data);
      }

  g_array_set_size (bulk->pending, 0);
  g_array_set_size (bulk->pending_categories, 0);
  tx_arena_empty (&bulk->texts);

  return TRUE;
}

/* Likewise for categories, once their people are written. */
static gboolean
write_categories (TxRosterBulk  *bulk,
                  gboolean       all,
                  GError       **error)
{
  guint done = 0;

  for (; bulk->categories->len - done >= CATEGORIES_PER_INSERT; done += CATEGORIES_PER_INSERT)
    {
      for (guint i = 0; i < CATEGORIES_PER_INSERT; i++)
        bind_category (bulk->category_many, 1 + i * CATEGORY_PARAMETERS,
                       &g_array_index (bulk->categories, PendingCategory, done + i));
      if (!tx_store_step_done (bulk->store, bulk->category_many, error))
        return FALSE;
    }

  for (; all && done < bulk->categories->len; done++)
    {
      bind_category (bulk->category_one, 1, &g_array_index (bulk->categories, PendingCategory, done));
      if (!tx_store_step_done (bulk->store, bulk->category_one, error))
        return FALSE;
    }

  g_array_remove_range (bulk->categories, 0, done);

  return TRUE;
}

/**
 * tx_roster_bulk_add:
 * @person: someone not yet in the store, with the uuid of their township
 *   (or none), who follows the roster's rules (tx_roster_check_person():
 *   the readers of files check them there, where the problems are told
 *   with their lines, and on another thread than this one)
 * @pinyin: the sort key of their name, tx_collate_sort_keys()
 * @strokes: likewise, by strokes
 *
 * Gives @person a uuid and an updated_at when they have none, and adds
 * them with their categories.  They are written many at a time, and
 * take their ids then (tx_roster_bulk_set_written_func()); all are by
 * the time tx_roster_bulk_finish() returns, and the search index knows
 * them.
 */
gboolean
tx_roster_bulk_add (TxRosterBulk  *bulk,
                    TxPerson      *person,
                    GBytes        *pinyin,
                    GBytes        *strokes,
                    GError       **error)
{
  Pending pending = { NULL, };
  gint64 township_id = 0;
  int rc;

  if (person->township_uuid != NULL && person->township_uuid[0] != '\0')
    {
      gpointer known;

      if (g_hash_table_lookup_extended (bulk->townships, person->township_uuid, NULL, &known))
        township_id = GPOINTER_TO_SIZE (known);
      else
        {
          sqlite3_bind_text (bulk->township, 1, person->township_uuid, -1, SQLITE_STATIC);
          if ((rc = tx_store_step (bulk->store, bulk->township, error)) == SQLITE_ROW)
            township_id = sqlite3_column_int64 (bulk->township, 0);
          sqlite3_reset (bulk->township);
          if (rc == SQLITE_ERROR)
            return FALSE;
          g_hash_table_insert (bulk->townships, g_strdup (person->township_uuid), GSIZE_TO_POINTER (township_id));
        }
      if (township_id == 0)
        {
          g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                       _("%s belongs to a township that is not in the database (%s)."),
                       person->name, person->township_uuid);
          return FALSE;
        }
    }

  if (person->uuid == NULL)
    person->uuid = tx_uuid_new ();
  if (person->updated_at == NULL)
    {
      /* one time of change for them all, read when first wanted */
      if (bulk->now == NULL)
        bulk->now = tx_store_stamp_now (bulk->store);
      person->updated_at = g_strdup (bulk->now);
    }

  {
    TxArena *texts = &bulk->texts;
    gsize n_pinyin, n_strokes;
    gconstpointer pinyin_data = g_bytes_get_data (pinyin, &n_pinyin);
    gconstpointer strokes_data = g_bytes_get_data (strokes, &n_strokes);

    pending.uuid = arena_text (texts, person->uuid);
    pending.name = arena_text (texts, person->name);
    pending.gender = tx_gender_to_key (person->gender);
    pending.ethnicity = arena_text (texts, person->ethnicity);
    pending.village = arena_text (texts, person->village);
    pending.organization = arena_text (texts, person->organization);
    pending.title = arena_text (texts, person->title);
    pending.phone = arena_text (texts, person->phone);
    pending.notes = arena_text (texts, person->notes);
    pending.updated_at = arena_text (texts, person->updated_at);
    pending.post_since = person->post_since != NULL && person->post_since[0] != '\0'
                         ? arena_text (texts, person->post_since) : NULL;
    pending.pinyin = (const guint8 *) tx_arena_copy (texts, pinyin_data, n_pinyin);
    pending.n_pinyin = n_pinyin;
    pending.strokes = (const guint8 *) tx_arena_copy (texts, strokes_data, n_strokes);
    pending.n_strokes = n_strokes;
    pending.first_category = bulk->pending_categories->len;
    pending.n_categories = person->categories->len;
    g_array_append_vals (bulk->pending_categories, person->categories->data, person->categories->len);
    pending.township_id = township_id;
    g_array_append_val (bulk->pending, pending);
  }

  if (bulk->pending->len < bulk->batch)
    return TRUE;

  return write_people (bulk, error) && write_categories (bulk, FALSE, error);
}

/* Adds everyone added to the search index, with one statement: once
 * the FTS5 table takes part in the transaction, every later statement
 * that may need to be undone makes it write out what it holds, so the
 * index is written last. */
static gboolean
fill_search_index (TxRosterBulk  *bulk,
                   GError       **error)
{
  /* FTS5 holds 16 MB of new entries before it writes them out (1 MB by
   * default), so it writes fewer, larger segments and merges less.  An
   * SQLite that knows no such setting just keeps its own. */
  sqlite3_exec (tx_store_get_db (bulk->store),
                "INSERT INTO person_search (person_search, rank) VALUES ('hashsize', 16777216)",
                NULL, NULL, NULL);

  sqlite3_bind_int64 (bulk->search, 1, bulk->first_id);

  return tx_store_step_done (bulk->store, bulk->search, error);
}

/**
 * tx_roster_bulk_set_batch:
 * @n_people: how many people to write at a time
 *
 * People are written in the order of their uuids, and take their ids
 * in that order: many thousand at a time, each row's uuid goes into the
 * index of uuids (UNIQUE) next to the one before, where in the order of
 * a file, uuids are random and each went into another page of the
 * index.  300,000 people and 60,000 consultations of an exchange file
 * are merged a tenth quicker 8,192 at a time.  A roster's CSV file is
 * not: its reading thread, which makes the sort keys when the writer
 * is behind, makes more of them and is slower then.  By default, 32.
 */
void
tx_roster_bulk_set_batch (TxRosterBulk *bulk,
                          guint         n_people)
{
  bulk->batch = MAX (n_people, 1);
}

/**
 * tx_roster_bulk_set_written_func:
 * @func: (nullable): told of each person written: their uuid and id
 *
 * For those who find the people added by their ids.
 */
void
tx_roster_bulk_set_written_func (TxRosterBulk            *bulk,
                                 TxRosterBulkWrittenFunc  func,
                                 gpointer                 user_data)
{
  bulk->written = func;
  bulk->written_data = user_data;
}

/**
 * tx_roster_bulk_finish:
 *
 * Writes the people still waiting, fills the search index and builds the
 * sort indexes again.
 */
gboolean
tx_roster_bulk_finish (TxRosterBulk  *bulk,
                       GError       **error)
{
  if (!write_people (bulk, error) ||
      !write_categories (bulk, TRUE, error))
    return FALSE;

  if (bulk->next_id > bulk->first_id && !fill_search_index (bulk, error))
    return FALSE;

  if (bulk->indexes != NULL)
    {
      if (!tx_store_make_indexes (bulk->store, bulk->indexes, error))
        return FALSE;
      g_clear_pointer (&bulk->indexes, g_ptr_array_unref);
    }

  if (bulk->next_id > bulk->first_id)
    tx_store_emit_changed (bulk->store, "person");

  return TRUE;
}

void
tx_roster_bulk_free (TxRosterBulk *bulk)
{
  g_clear_object (&bulk->store);
  g_clear_pointer (&bulk->townships, g_hash_table_unref);
  g_clear_pointer (&bulk->indexes, g_ptr_array_unref);
  g_clear_pointer (&bulk->pending, g_array_unref);
  g_clear_pointer (&bulk->pending_categories, g_array_unref);
  tx_arena_clear (&bulk->texts);
  g_clear_pointer (&bulk->categories, g_array_unref);
  g_free (bulk->now);
  g_free (bulk);
}

/* The sort keys of the people being added, made by a second thread
 * ahead of the inserts: ICU's keys are the costliest part of a row that
 * SQLite does not do, and even an old office PC has two cores. */
typedef struct {
  GPtrArray *people;
  GBytes   **keys;     /* two a person: pinyin, then strokes */
  GMutex     mutex;
  GCond      cond;
  guint      done;     /* people whose keys are made */
  gboolean   stop;
} SortKeys;

#define SORT_KEYS_BATCH 256

static gpointer
make_sort_keys (gpointer data)
{
  SortKeys *job = data;

  for (guint i = 0; i < job->people->len; i++)
    {
      TxPerson *person = g_ptr_array_index (job->people, i);
      gboolean stop;

      tx_collate_sort_keys (person->name, &job->keys[2 * i], &job->keys[2 * i + 1]);

      if ((i + 1) % SORT_KEYS_BATCH != 0 && i + 1 != job->people->len)
        continue;

      g_mutex_lock (&job->mutex);
      job->done = i + 1;
      stop = job->stop;
      g_cond_signal (&job->cond);
      g_mutex_unlock (&job->mutex);

      if (stop)
        break;
    }

  return NULL;
}

/* Waits until the keys of person @i are made; returns how many are. */
static guint
wait_for_sort_keys (SortKeys *job,
                    guint     i)
{
  guint done;

  g_mutex_lock (&job->mutex);
  while (job->done <= i)
    g_cond_wait (&job->cond, &job->mutex);
  done = job->done;
  g_mutex_unlock (&job->mutex);

  return done;
}

static gboolean
add_with_keys (TxRosterBulk  *bulk,
               GPtrArray     *people,
               SortKeys      *keys,
               void         (*progress) (guint done, guint total, gpointer user_data),
               gpointer       user_data,
               GError       **error)
{
  guint keys_ready = 0;

  for (guint i = 0; i < people->len; i++)
    {
      if (i >= keys_ready)
        keys_ready = wait_for_sort_keys (keys, i);

      if (!tx_roster_bulk_add (bulk, g_ptr_array_index (people, i),
                               keys->keys[2 * i], keys->keys[2 * i + 1], error))
        return FALSE;

      if (progress != NULL && ((i + 1) % 1000 == 0 || i + 1 == people->len))
        progress (i + 1, people->len, user_data);
    }

  return TRUE;
}

/**
 * tx_roster_add_people:
 * @people: (element-type TxPerson): people not yet in the store, with
 *   the uuids of their townships set
 * @progress: (nullable): told every 1000 people
 *
 * Adds many people at once, as an import does, with their sort keys made
 * by a second thread.  Must run inside tx_store_write().
 */
gboolean
tx_roster_add_people (TxStore    *store,
                      GPtrArray  *people,
                      void      (*progress) (guint done, guint total, gpointer user_data),
                      gpointer    user_data,
                      GError    **error)
{
  g_autoptr(TxRosterBulk) bulk = NULL;
  SortKeys keys = { people, NULL, };
  GThread *thread;
  gboolean ok;

  g_return_val_if_fail (tx_store_in_transaction (store), FALSE);

  if (people->len == 0)
    return TRUE;

  /* the roster's rules, which strip the names, before the second thread
   * reads them */
  for (guint i = 0; i < people->len; i++)
    if (!tx_roster_check_person (g_ptr_array_index (people, i), error))
      return FALSE;

  bulk = tx_roster_bulk_new (store, people->len, error);
  if (bulk == NULL)
    return FALSE;

  keys.keys = g_new0 (GBytes *, 2 * people->len);
  g_mutex_init (&keys.mutex);
  g_cond_init (&keys.cond);
  thread = g_thread_new ("tx-sort-keys", make_sort_keys, &keys);

  ok = add_with_keys (bulk, people, &keys, progress, user_data, error);

  g_mutex_lock (&keys.mutex);
  keys.stop = TRUE;
  g_mutex_unlock (&keys.mutex);
  g_thread_join (thread);
  for (guint i = 0; i < 2 * people->len; i++)
    g_clear_pointer (&keys.keys[i], g_bytes_unref);
  g_free (keys.keys);
  g_mutex_clear (&keys.mutex);
  g_cond_clear (&keys.cond);

  return ok && tx_roster_bulk_finish (bulk, error);
}
