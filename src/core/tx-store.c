/* tx-store.c — one SQLite file, migrations, one transaction API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-store"

/* sync_file_range() */
#define _GNU_SOURCE 1

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "tx-backup.h"
#include "tx-collate.h"
#include "tx-date.h"
#include "tx-rules.h"
#include "tx-search-tokenizer.h"
#include "tx-attachment.h"
#include "tx-store.h"

#define MIGRATIONS_PATH "/io/github/tongxin/Tongxin/core/sql"

struct _TxStore
{
  GObject     parent_instance;

  /* owned */
  sqlite3    *db;
  char       *path;
  GHashTable *statements;   /* SQL text → sqlite3_stmt */

  /* state */
  gboolean    read_only;    /* nothing can be written */
  guint       wait_ms;      /* how long to wait for another writer */
  gint64      busy_since;   /* when the wait began */
  gint64      data_version; /* PRAGMA data_version when last looked at */
  guint       depth;        /* nesting of tx_store_write() */
  guint       holding;      /* nesting of tx_store_hold_other_writers() */
  GPtrArray  *pending;      /* Change: what changed in the open transaction */
  char       *last_stamp;   /* the latest time of change held, or NULL: to be read (tx_store_stamp_now()) */
  int         stamp_version; /* PRAGMA data_version when it was read */
  gboolean    stamp_read;   /* last_stamp is as read, not one given here since */
  guint       stamp_step_ms; /* how far after a time read a change here comes (this office's own) */
};

G_DEFINE_FINAL_TYPE (TxStore, tx_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (tx-store-error-quark, tx_store_error)

enum {
  CHANGED,
  WAITING,
  N_SIGNALS
};

/* How long a write waits for another program's to finish, unless told
 * otherwise: long enough for a save after an import of a township's
 * roster, short enough that a window does not seem to hang. */
#define DEFAULT_WAIT_MS 5000

static guint signals[N_SIGNALS];
static gsize sqlite_configured;

/* What a transaction changed, told when it commits: a kind of record,
 * and the one record when only one of that kind changed. */
typedef struct {
  char     *kind;
  char     *uuid;      /* NULL: several, or not said */
  gboolean  several;
} Change;

static void
change_free (Change *change)
{
  g_free (change->kind);
  g_free (change->uuid);
  g_free (change);
}

/* 32 MB of page cache: a large import or search stays in memory */
#define PAGE_CACHE "PRAGMA cache_size = -32768"

static gboolean
exec_sql (TxStore     *self,
          const char  *sql,
          GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_debug ("%s", message ? message : sqlite3_errmsg (self->db));
      sqlite3_free (message);
      return tx_store_set_sql_error (self, error, _("Could not change the database"));
    }

  return TRUE;
}

static int
pragma_int (TxStore    *self,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = 0;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* The FTS5 API of a connection, as SQLite's documentation hands it out:
 * SELECT fts5(?) with a pointer parameter.  NULL without FTS5. */
static fts5_api *
get_fts5_api (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  fts5_api *api = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5 (?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  return api;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Migrations are resources named NNNN-what.sql, applied in order. */
static GPtrArray *
list_migrations (void)
{
  g_auto(GStrv) names = NULL;
  GPtrArray *migrations = g_ptr_array_new_with_free_func (g_free);

  names = g_resources_enumerate_children (MIGRATIONS_PATH, 0, NULL);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".sql") && g_ascii_isdigit (names[i][0]))
      g_ptr_array_add (migrations, g_strdup (names[i]));

  g_ptr_array_sort (migrations, compare_names);

  return migrations;
}

int
tx_store_get_latest_version (void)
{
  g_autoptr(GPtrArray) migrations = list_migrations ();

  if (migrations->len == 0)
    return 0;

  return atoi (g_ptr_array_index (migrations, migrations->len - 1));
}

/* The number @sql (made by sqlite3_mprintf(), and freed here) finds,
 * or -1 when it cannot be read; 0 for NULL */
static gint64
take_number (TxStore *self,
             char    *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_free (sql);

  return n;
}

/* Whether @column of @table is its INTEGER PRIMARY KEY, the row id */
static gboolean
is_row_id (TxStore    *self,
           const char *table,
           const char *column)
{
  return take_number (self, sqlite3_mprintf ("SELECT (SELECT count(*) FROM pragma_table_info (%Q) WHERE pk > 0) = 1 "
                                             "AND EXISTS (SELECT 1 FROM pragma_table_info (%Q) "
                                             "            WHERE name = %Q AND pk = 1 AND upper (type) = 'INTEGER') "
                                             "AND NOT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = %Q "
                                             "                AND upper (sql) LIKE '%%WITHOUT ROWID%%')",
                                             table, table, column, table)) == 1;
}

/* Rows a table has, at least, for a reference to it to be checked
 * against the range of its ids: in a smaller one, a row is looked up as
 * fast. */
#define MIN_ROWS_BY_RANGE 10000

/* The ids of a table referred to, from @least to @greatest, all there;
 * or none (@least > @greatest), when its rows are looked up. */
typedef struct {
  gint64 least;
  gint64 greatest;
} IdRange;

static IdRange *
find_id_range (TxStore    *self,
               const char *table,
               const char *id)
{
  IdRange *range = g_new (IdRange, 1);
  gint64 rows;

  range->least = 1;
  range->greatest = 0;
  if (!is_row_id (self, table, id))
    return range;

  rows = take_number (self, sqlite3_mprintf ("SELECT count(*) FROM \"%w\"", table));
  if (rows < MIN_ROWS_BY_RANGE)
    return range;

  range->least = take_number (self, sqlite3_mprintf ("SELECT min (\"%w\") FROM \"%w\"", id, table));
  range->greatest = take_number (self, sqlite3_mprintf ("SELECT max (\"%w\") FROM \"%w\"", id, table));
  if (rows != range->greatest - range->least + 1)
    {
      range->least = 1;
      range->greatest = 0;
    }

  return range;
}

/*
 * How many rows refer to rows that are not there, as PRAGMA
 * foreign_key_check counts them: a row once for each of its references
 * that finds nothing.  A reference to the row id of a large table that
 * has every id from its least to its greatest (as a table an import
 * filled has) is there when it is a whole number between them, without
 * a lookup: a city's million participants are read once for their
 * people and once for their consultations, instead of looking up each
 * person and each consultation.  Any other reference is looked up.
 */
static gboolean
count_broken_references (TxStore  *self,
                         int      *n,
                         GError  **error)
{
  g_autoptr(GHashTable) ranges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *references = NULL;
  gboolean ok = TRUE;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", "
                          "       (SELECT count(*) FROM pragma_foreign_key_list (m.name) g WHERE g.id = f.id) "
                          "FROM sqlite_schema m, pragma_foreign_key_list (m.name) f "
                          "WHERE m.type = 'table' AND f.seq = 0",
                          -1, &references, NULL) != SQLITE_OK)
    return tx_store_set_sql_error (self, error, _("Could not read the database"));

  *n = 0;
  while (ok && sqlite3_step (references) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (references, 0);
      int id = sqlite3_column_int (references, 1);
      const char *parent = (const char *) sqlite3_column_text (references, 2);
      const char *from = (const char *) sqlite3_column_text (references, 3);
      const char *to = (const char *) sqlite3_column_text (references, 4);
      IdRange *range = NULL;
      gint64 broken;

      /* a table of no rows refers to nothing */
      if (take_number (self, sqlite3_mprintf ("SELECT EXISTS (SELECT 1 FROM \"%w\")", table)) == 0)
        continue;

      /* of one column, to the table's row id */
      if (sqlite3_column_int (references, 5) == 1 && to != NULL)
        {
          g_autofree char *key = g_strconcat (parent, ".", to, NULL);

          range = g_hash_table_lookup (ranges, key);
          if (range == NULL)
            {
              range = find_id_range (self, parent, to);
              g_hash_table_insert (ranges, g_steal_pointer (&key), range);
            }
        }

      if (range != NULL && range->least <= range->greatest)
        broken = take_number (self, sqlite3_mprintf ("SELECT count(*) FROM \"%w\" c "
                                                     "WHERE c.\"%w\" IS NOT NULL "
                                                     "  AND NOT (c.\"%w\" BETWEEN %lld AND %lld "
                                                     "           AND typeof (c.\"%w\") = 'integer') "
                                                     "  AND NOT EXISTS (SELECT 1 FROM \"%w\" p "
                                                     "                  WHERE p.\"%w\" = c.\"%w\")",
                                                     table, from, from, (long long) range->least,
                                                     (long long) range->greatest, from, parent, to, from));
      else
        broken = take_number (self, sqlite3_mprintf ("SELECT count(*) FROM pragma_foreign_key_check (%Q) "
                                                     "WHERE fkid = %d", table, id));

      if (broken < 0)
        ok = tx_store_set_sql_error (self, error, _("Could not read the database"));
      else
        *n += (int) broken;
    }
  sqlite3_finalize (references);

  return ok;
}

/* A migration may break no reference.  What another program broke
 * before stays as it was (`tongxin-cli check` lists it): it is no
 * reason to leave a clerk with a database Tongxin cannot open. */
static gboolean
check_references_kept (TxStore  *self,
                       int       broken_before,
                       GError  **error)
{
  int broken = 0;

  if (!count_broken_references (self, &broken, error))
    return FALSE;

  if (broken > broken_before)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_WRITE,
                   "%d rows refer to missing rows, %d before",
                   broken, broken_before);
      return FALSE;
    }

  return TRUE;
}

/* A database of a newer schema than this Tongxin knows is not opened. */
static gboolean
refuse_newer (TxStore  *self,
              int       version,
              GError  **error)
{
  int latest = tx_store_get_latest_version ();

  if (version <= latest)
    return TRUE;

  g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_TOO_NEW,
               _("The database “%s” was written by a newer version of Tongxin (schema %d, this version knows %d). Update Tongxin to open it."),
               self->path, version, latest);
  return FALSE;
}

/* Before its schema is updated, a database that holds data is backed
 * up, so that a failed or unwanted update never costs it. */
static gboolean
back_up_before_update (TxStore  *self,
                       GError  **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) local_error = NULL;
  TxBackup *backup;
  int current = pragma_int (self, "PRAGMA user_version");

  if (current == 0 || current >= tx_store_get_latest_version ())
    return TRUE;

  now = g_date_time_new_now_local ();
  backup = tx_backup_take_before_update (self, now, &local_error);
  if (backup == NULL)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_MIGRATION,
                   _("The database “%s” must be updated to open, but could not be backed up first, so it was left as it was: %s"),
                   self->path, local_error->message);
      return FALSE;
    }

  g_debug ("Backed up %s to %s before updating it", self->path, backup->path);
  tx_backup_free (backup);
  return TRUE;
}

/* Foreign keys are off while migrations run, so that a table can be
 * rebuilt under the tables pointing to it (the way SQLite's
 * documentation gives for changes ALTER TABLE cannot make); each
 * migration is checked to break no reference before it commits. */
static gboolean
begin_migrating (TxStore  *self,
                 GError  **error)
{
  return exec_sql (self, "PRAGMA foreign_keys = OFF", error) &&
         exec_sql (self, "BEGIN IMMEDIATE", error);
}

static gboolean
end_migrating (TxStore  *self,
               GError  **error)
{
  return exec_sql (self, "COMMIT", error) &&
         exec_sql (self, "PRAGMA foreign_keys = ON", error);
}

static gboolean
apply_migrations (TxStore  *self,
                  GError  **error)
{
  g_autoptr(GPtrArray) migrations = list_migrations ();
  g_autoptr(GError) local_error = NULL;
  int current = pragma_int (self, "PRAGMA user_version");
  /* A new file gets its whole schema in one transaction: one write to
   * the disk rather than one a migration, and no file left half made. */
  gboolean whole = current == 0;
  const char *name = NULL;
  int version = 0;

  if (!refuse_newer (self, current, error))
    return FALSE;

  if (whole && !begin_migrating (self, &local_error))
    goto failed;

  for (guint i = 0; i < migrations->len; i++)
    {
      g_autofree char *resource = NULL;
      g_autofree char *pragma = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *sql = NULL;
      int broken_before = 0;

      name = g_ptr_array_index (migrations, i);
      version = atoi (name);
      if (version <= current)
        continue;

      resource = g_build_path ("/", MIGRATIONS_PATH, name, NULL);
      bytes = g_resources_lookup_data (resource, 0, &local_error);
      if (bytes == NULL)
        goto failed;

      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      pragma = g_strdup_printf ("PRAGMA user_version = %d", version);

      if ((!whole && !begin_migrating (self, &local_error)) ||
          !count_broken_references (self, &broken_before, &local_error) ||
          !exec_sql (self, sql, &local_error) ||
          !check_references_kept (self, broken_before, &local_error) ||
          !exec_sql (self, pragma, &local_error) ||
          (!whole && !end_migrating (self, &local_error)))
        goto failed;

      g_debug ("Applied migration %s", name);
      current = version;
    }

  if (whole && !end_migrating (self, &local_error))
    goto failed;

  return TRUE;

failed:
  exec_sql (self, "ROLLBACK", NULL);
  exec_sql (self, "PRAGMA foreign_keys = ON", NULL);
  if (whole)
    version = tx_store_get_latest_version ();
  g_warning ("Migration %s failed: %s", name != NULL ? name : "", local_error->message);
  g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_MIGRATION,
               _("Could not update the database “%s” to schema %d; it was left as it was. (%s)"),
               self->path, version, local_error->message);
  return FALSE;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
tx_store_finalize (GObject *object)
{
  TxStore *self = (TxStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->last_stamp, g_free);

  G_OBJECT_CLASS (tx_store_parent_class)->finalize (object);
}

static void
tx_store_class_init (TxStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tx_store_finalize;

  /**
   * TxStore::changed:
   * @kind: what changed: "township", "person", "consultation", "outcome",
   *   "circular", "setting" or "all"; also the detail of the signal
   * @uuid: (nullable): the record, when one record of @kind changed;
   *   %NULL when several did, or the change does not say
   *
   * Emitted after a transaction that changed records has committed.
   */
  /**
   * TxStore::waiting:
   *
   * Emitted once when a read or a write has to wait for another
   * program's write to finish (tx_store_set_wait() says how long it
   * waits): tongxin-cli says so, rather than seem to hang.
   */
  signals[WAITING] =
    g_signal_new ("waiting",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

/* The key of a statement's SQL: its length and its first and last
 * SQL_WORDS words of 8 bytes.  Statements are looked up for each row an
 * import writes, and the SQL of many rows at once runs to kilobytes:
 * hashing it whole took more than the rest of the lookup.  Texts alike
 * at both ends and of one length are told apart by their comparison. */
#define SQL_WORDS 4

static guint
sql_hash (gconstpointer key)
{
  const char *sql = key;
  gsize length = strlen (sql);
  guint64 hash = length;

  if (length < 2 * SQL_WORDS * sizeof (guint64))
    return g_str_hash (key);

  for (gsize i = 0; i < SQL_WORDS; i++)
    {
      guint64 first, last;

      memcpy (&first, sql + i * sizeof first, sizeof first);
      memcpy (&last, sql + length - (i + 1) * sizeof last, sizeof last);
      hash = (hash ^ first) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
      hash = (hash ^ last) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
    }

  return (guint) (hash ^ (hash >> 32));
}

static void
tx_store_init (TxStore *self)
{
  self->wait_ms = DEFAULT_WAIT_MS;
  self->statements = g_hash_table_new_full (sql_hash, g_str_equal, g_free,
                                            finalize_statement);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
}

/**
 * tx_store_get_default_path:
 *
 * Returns: $XDG_DATA_HOME/tongxin/tongxin.db
 */
char *
tx_store_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "tongxin", "tongxin.db", NULL);
}

/**
 * tx_store_register_functions:
 * @db: a connection to a Tongxin database
 *
 * Makes what Tongxin's schema uses known on @db: the search tokenizer
 * and the SQL functions of its sort keys.  tx_store_open() does it; a
 * program that opens the file itself (a test building an old schema)
 * calls it.
 *
 * Returns: %FALSE when this SQLite has no FTS5
 */
gboolean
tx_store_register_functions (sqlite3 *db)
{
  if (!tx_search_tokenizer_register (get_fts5_api (db)))
    return FALSE;

  tx_collate_register_functions (db);
  tx_rules_register_functions (db);
  return TRUE;
}

/* Whether @path (which exists) and its folder can be written: SQLite
 * writes the -wal and -shm files beside a database in WAL mode. */
static gboolean
can_write (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return g_access (path, W_OK) == 0 && g_access (dir, W_OK) == 0;
}

/**
 * tx_store_open_db_read_only:
 * @db: (out): the connection, to close with sqlite3_close_v2() even
 *   when opening failed
 *
 * Opens @path read-only, the WAL included.  A database in WAL mode on a
 * disk that cannot be written has no -shm file and cannot get one: it
 * is then opened as immutable, which SQLite allows because nothing can
 * change it.
 *
 * Returns: an SQLite result code
 */
int
tx_store_open_db_read_only (const char  *path,
                            sqlite3    **db)
{
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      /* another connection may be writing, or checkpointing, this
       * moment: wait for it, as every connection here does, rather than
       * read the file without its WAL */
      sqlite3_busy_timeout (*db, 10000);
      rc = sqlite3_exec (*db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        return SQLITE_OK;
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        return rc;
    }

  sqlite3_close_v2 (*db);
  *db = NULL;

  escaped = g_uri_escape_string (path, "/", TRUE);
  uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
  return sqlite3_open_v2 (uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
}

/* SQLite's busy handler: another connection holds the lock.  Waits a
 * little longer each time (5 ms up to 100 ms) until wait_ms have
 * passed, and says once that it waits. */
static int
on_busy (void *user_data,
         int   count)
{
  TxStore *self = user_data;
  gint64 now = g_get_monotonic_time ();

  if (count == 0)
    {
      self->busy_since = now;
      g_signal_emit (self, signals[WAITING], 0);
    }

  if (now - self->busy_since >= (gint64) self->wait_ms * 1000)
    return 0;

  g_usleep (MIN (count + 1, 20) * 5000);
  return 1;
}

/**
 * tx_store_set_wait:
 * @wait_ms: how long a read or a write waits for another program's
 *   write to finish before it fails with %TX_STORE_ERROR_BUSY
 *
 * A window waits a few seconds; a command of a script may wait minutes
 * for an import running beside it.
 */
void
tx_store_set_wait (TxStore *self,
                   guint    wait_ms)
{
  g_return_if_fail (TX_IS_STORE (self));

  self->wait_ms = wait_ms;
}

/**
 * tx_store_check_other_writers:
 *
 * Looks whether another program (tongxin-cli, another window) has
 * written to the database since the last look, and if so tells the
 * views: #TxStore::changed with "all".  The window calls it on a timer
 * and when it is focused.
 *
 * Returns: whether another program wrote
 */
gboolean
tx_store_check_other_writers (TxStore *self)
{
  int version;

  g_return_val_if_fail (TX_IS_STORE (self), FALSE);

  /* inside a transaction, what others wrote is not seen yet; while
   * held, it is seen when let go */
  if (self->depth > 0 || self->holding > 0)
    return FALSE;

  version = pragma_int (self, "PRAGMA data_version");
  if (version == self->data_version)
    return FALSE;

  self->data_version = version;
  g_debug ("Another program wrote to %s", self->path);
  tx_store_emit_changed (self, "all");
  return TRUE;
}

/**
 * tx_store_hold_other_writers:
 *
 * Until tx_store_let_go_other_writers(), what other programs (or a
 * worker of the window) write is not told to the views: files received
 * one after the other, each committed apart, end in one "changed"
 * "all" instead of one each, which a city's views took a tenth of a
 * second and more to show.  Calls nest.
 */
void
tx_store_hold_other_writers (TxStore *self)
{
  g_return_if_fail (TX_IS_STORE (self));

  self->holding++;
}

/**
 * tx_store_let_go_other_writers:
 *
 * Ends a tx_store_hold_other_writers(): when the last is ended, what
 * others wrote meanwhile is told, once (tx_store_check_other_writers()).
 */
void
tx_store_let_go_other_writers (TxStore *self)
{
  g_return_if_fail (TX_IS_STORE (self));
  g_return_if_fail (self->holding > 0);

  if (--self->holding == 0)
    tx_store_check_other_writers (self);
}

/**
 * tx_store_open:
 * @path: the database file; created (mode 0600) when absent
 *
 * Opens the store and brings its schema up to date, after a backup of
 * the data an update would change.  A database whose file or folder
 * cannot be written (a read-only disk or USB stick) is opened
 * read-only: tx_store_is_read_only() says so, and every write fails
 * with %TX_STORE_ERROR_READ_ONLY.
 */
TxStore *
tx_store_open (const char  *path,
               GError     **error)
{
  return tx_store_open_full (path, TX_STORE_OPEN_DEFAULT, error);
}

/**
 * tx_store_open_full:
 * @flags: %TX_STORE_OPEN_READ_ONLY to change nothing at all: the file is
 *   neither created nor updated nor written (as `tongxin-cli check`)
 */
TxStore *
tx_store_open_full (const char        *path,
                    TxStoreOpenFlags   flags,
                    GError           **error)
{
  g_autoptr(TxStore) self = NULL;
  g_autofree char *dir = NULL;
  gboolean existed;
  gboolean empty;
  int app_id;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  /* SQLite keeps no memory statistics for Tongxin, which reads none:
   * counting takes a lock on every allocation, and an import allocates
   * from two threads.  Only possible before SQLite is first used. */
  if (g_once_init_enter (&sqlite_configured))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      /* the journal of each statement in memory, whatever the
       * temporary store: in a file, an import wrote into it each page
       * its statements changed again (600 MB for a city) */
      sqlite3_config (SQLITE_CONFIG_STMTJRNL_SPILL, -1);
      g_once_init_leave (&sqlite_configured, 1);
    }

  self = g_object_new (TX_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = (flags & TX_STORE_OPEN_READ_ONLY) != 0;

  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  if (existed && !self->read_only && !can_write (path))
    {
      g_debug ("%s cannot be written: opening it read-only", path);
      self->read_only = TRUE;
    }

  if (self->read_only && !existed)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_OPEN,
                   _("There is no database “%s”. Check the name of the file."), path);
      return NULL;
    }

  if (!self->read_only)
    {
      dir = g_path_get_dirname (path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_OPEN,
                       _("Could not create the folder “%s” for the database: %s"),
                       dir, g_strerror (saved_errno));
          return NULL;
        }
    }

  if (self->read_only)
    rc = tx_store_open_db_read_only (path, &self->db);
  else
    rc = sqlite3_open_v2 (path, &self->db,
                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                          NULL);
  if (rc != SQLITE_OK)
    {
      g_debug ("Cannot open %s: %s", path, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_OPEN,
                   _("Could not open the database “%s”: the file or its folder cannot be read or written. Check the folder and its permissions."),
                   path);
      return NULL;
    }

  if (!existed)
    g_chmod (path, 0600);

  sqlite3_extended_result_codes (self->db, TRUE);
  if (!tx_store_register_functions (self->db))
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_OPEN,
                           _("This SQLite has no full-text search (FTS5); Tongxin needs it."));
      return NULL;
    }
  sqlite3_busy_handler (self->db, on_busy, self);

  /* Reading the header tells whether this is a database at all. */
  if (sqlite3_exec (self->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) != SQLITE_OK)
    {
      int code = sqlite3_extended_errcode (self->db);

      g_debug ("%s cannot be read as a database: %s (%d)", path, sqlite3_errmsg (self->db), code);
      if ((code & 0xff) == SQLITE_CORRUPT)
        g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_FOREIGN,
                     _("The database “%s” is damaged. Restore a backup (see “tongxin-cli backup list”)."),
                     path);
      else if ((code & 0xff) == SQLITE_NOTADB)
        g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_FOREIGN,
                     _("“%s” is not a Tongxin database. Choose another file."),
                     path);
      else
        {
          /* the file may be fine: the disk is full (SQLite could not
           * make its index beside it), or another program holds it */
          g_autofree char *what = g_strdup_printf (_("Could not open the database “%s”"), path);

          tx_store_set_code_error (error, code, what);
        }
      return NULL;
    }

  app_id = pragma_int (self, "PRAGMA application_id");
  empty = app_id == 0 && pragma_int (self, "SELECT count(*) FROM sqlite_schema") == 0;
  if (app_id != TX_STORE_APPLICATION_ID && !empty)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_FOREIGN,
                   _("“%s” is a database of another program, not of Tongxin. Choose another file."),
                   path);
      return NULL;
    }

  if (self->read_only)
    {
      int version = pragma_int (self, "PRAGMA user_version");

      if (empty)
        {
          g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_FOREIGN,
                       _("“%s” is empty: it is not a Tongxin database yet. Choose another file."), path);
          return NULL;
        }
      if (!refuse_newer (self, version, error))
        return NULL;
      if (version < tx_store_get_latest_version () && (flags & TX_STORE_OPEN_READ_ONLY) == 0)
        {
          g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_READ_ONLY,
                       _("“%s” was written by an older version of Tongxin and must be updated to open, but its disk or file cannot be written. Copy it to a folder that can be written, and open the copy."),
                       path);
          return NULL;
        }

      exec_sql (self, "PRAGMA foreign_keys = ON", NULL);
      exec_sql (self, PAGE_CACHE, NULL);
      exec_sql (self, "PRAGMA temp_store = MEMORY", NULL);
      self->data_version = pragma_int (self, "PRAGMA data_version");
      return g_steal_pointer (&self);
    }

  {
    g_autoptr(GError) local_error = NULL;
    g_autofree char *set_id = g_strdup_printf ("PRAGMA application_id = %d", TX_STORE_APPLICATION_ID);

    /* 8 KiB pages for a new file (an existing one keeps its own): fewer
     * pages to split and write when a large roster is imported */
    if (!exec_sql (self, "PRAGMA page_size = 8192", &local_error) ||
        !exec_sql (self, "PRAGMA journal_mode = WAL", &local_error) ||
        !exec_sql (self, "PRAGMA synchronous = FULL", &local_error) ||
        !exec_sql (self, "PRAGMA foreign_keys = ON", &local_error) ||
        !exec_sql (self, PAGE_CACHE, &local_error) ||
        /* temporary tables and sorts in memory (but the large sorts
         * of tx_store_make_indexes()) */
        !exec_sql (self, "PRAGMA temp_store = MEMORY", &local_error) ||
        (app_id == 0 && !exec_sql (self, set_id, &local_error)))
      {
        g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_OPEN,
                     _("Could not prepare the database “%s”: %s"), path, local_error->message);
        return NULL;
      }
  }

  if (!empty && (flags & TX_STORE_OPEN_NO_BACKUP) == 0 && !back_up_before_update (self, error))
    return NULL;

  if (!apply_migrations (self, error))
    return NULL;

  self->data_version = pragma_int (self, "PRAGMA data_version");
  return g_steal_pointer (&self);
}

/**
 * tx_store_forget_statements:
 *
 * Drops the statements prepared so far, after the whole database was
 * replaced under them (a restore).
 */
void
tx_store_forget_statements (TxStore *self)
{
  g_return_if_fail (TX_IS_STORE (self));

  g_hash_table_remove_all (self->statements);
}

/**
 * tx_store_check_writable:
 *
 * Returns: %TRUE when the store can be written; otherwise %FALSE with
 *   @error saying why nothing can be saved and what to do
 */
gboolean
tx_store_check_writable (TxStore  *self,
                         GError  **error)
{
  g_return_val_if_fail (TX_IS_STORE (self), FALSE);

  if (!self->read_only)
    return TRUE;

  g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_READ_ONLY,
               _("The database “%s” is open read-only, because its disk or file cannot be written: nothing can be saved. To make changes, copy it to a folder that can be written and open the copy."),
               self->path);
  return FALSE;
}

/**
 * tx_store_is_read_only:
 *
 * Returns: whether nothing can be saved: the store was opened read-only,
 *   or its disk or file cannot be written
 */
gboolean
tx_store_is_read_only (TxStore *self)
{
  g_return_val_if_fail (TX_IS_STORE (self), TRUE);

  return self->read_only;
}

const char *
tx_store_get_path (TxStore *self)
{
  g_return_val_if_fail (TX_IS_STORE (self), NULL);

  return self->path;
}

int
tx_store_get_schema_version (TxStore *self)
{
  g_return_val_if_fail (TX_IS_STORE (self), 0);

  return pragma_int (self, "PRAGMA user_version");
}

sqlite3 *
tx_store_get_db (TxStore *self)
{
  g_return_val_if_fail (TX_IS_STORE (self), NULL);

  return self->db;
}

/**
 * tx_store_prepare:
 *
 * Returns: (transfer none): a cached statement, reset and with its
 *   bindings cleared.  SQL text must be a constant: never built from
 *   user input.
 */
sqlite3_stmt *
tx_store_prepare (TxStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TX_IS_STORE (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      int code = sqlite3_errcode (self->db);

      /* Preparing reads the schema, and a virtual table's own tables:
       * a damaged or busy file is the file's fault, not the SQL's. */
      if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB || code == SQLITE_IOERR ||
          code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_FULL ||
          code == SQLITE_CANTOPEN || code == SQLITE_NOMEM)
        {
          tx_store_set_sql_error (self, error, _("Could not read the database"));
          return NULL;
        }

      g_critical ("Could not prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_WRITE,
                   "%s", sqlite3_errmsg (self->db));
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);

  return stmt;
}

/**
 * tx_store_set_code_error:
 *
 * Sets @error to @what, then what SQLite's result @code means for the
 * clerk: SQLite's own words are English, so the log has them, the
 * message not.
 *
 * Returns: %FALSE
 */
gboolean
tx_store_set_code_error (GError     **error,
                         int          code,
                         const char  *what)
{
  if (code == SQLITE_FULL || (code & 0xff) == SQLITE_IOERR)
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_WRITE,
                 _("%s: the disk is full or cannot be written. Free some space and try again."),
                 what);
  else if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_BUSY,
                 _("%s: another program is writing to the database and has not finished. Try again in a moment."),
                 what);
  else if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_WRITE,
                 _("%s: the database file is damaged. Check it with “tongxin-cli check”, and restore a backup if it is."),
                 what);
  else if ((code & 0xff) == SQLITE_CONSTRAINT)
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                 _("%s: the data breaks a rule of the database."),
                 what);
  else
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_WRITE,
                 _("%s: an unexpected error of the database (code %d)."), what, code);

  return FALSE;
}

gboolean
tx_store_set_sql_error (TxStore     *self,
                        GError     **error,
                        const char  *what)
{
  int code = sqlite3_extended_errcode (self->db);

  g_debug ("%s: %s (%d)", what, sqlite3_errmsg (self->db), code);

  return tx_store_set_code_error (error, code, what);
}

/**
 * tx_store_step:
 *
 * Steps a statement, as every read of the store does: a read error is
 * an error, never taken for the end of the rows.
 *
 * Returns: %SQLITE_ROW, %SQLITE_DONE, or %SQLITE_ERROR with @error set
 *   (the statement is then reset)
 */
int
tx_store_step (TxStore       *self,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;

  tx_store_set_sql_error (self, error, _("Could not read the database"));
  sqlite3_reset (stmt);
  return SQLITE_ERROR;
}

/* Steps a statement that returns no rows and resets it. */
gboolean
tx_store_step_done (TxStore       *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      tx_store_set_sql_error (self, error, _("Could not save"));
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * tx_store_find_id:
 * @table: "township", "person", "consultation", "outcome" or "activity"
 * @uuid: a record's id
 * @deleted_too: whether a record deleted (in Recently Deleted) counts
 *
 * Returns: the row id of the record @uuid in @table; 0 when there is
 *   none; -1 with @error set when it cannot be read
 */
gint64
tx_store_find_id (TxStore     *self,
                  const char  *table,
                  const char  *uuid,
                  gboolean     deleted_too,
                  GError     **error)
{
  static const char * const queries[][3] = {
    { "township", "SELECT id FROM township WHERE uuid = ?",
      "SELECT id FROM township WHERE uuid = ? AND deleted_at IS NULL" },
    { "person", "SELECT id FROM person WHERE uuid = ?",
      "SELECT id FROM person WHERE uuid = ? AND deleted_at IS NULL" },
    { "consultation", "SELECT id FROM consultation WHERE uuid = ?",
      "SELECT id FROM consultation WHERE uuid = ? AND deleted_at IS NULL" },
    { "outcome", "SELECT id FROM outcome WHERE uuid = ?",
      "SELECT id FROM outcome WHERE uuid = ? AND deleted_at IS NULL" },
    { "activity", "SELECT id FROM activity WHERE uuid = ?",
      "SELECT id FROM activity WHERE uuid = ? AND deleted_at IS NULL" },
  };
  const char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (TX_IS_STORE (self), -1);

  for (guint i = 0; i < G_N_ELEMENTS (queries) && sql == NULL; i++)
    if (g_strcmp0 (queries[i][0], table) == 0)
      sql = queries[i][deleted_too ? 1 : 2];
  g_return_val_if_fail (sql != NULL, -1);

  if (uuid == NULL)
    return 0;

  stmt = tx_store_prepare (self, sql, error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = tx_store_step (self, stmt, error);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return rc == SQLITE_ERROR ? -1 : id;
}

/**
 * tx_store_ids_to_json:
 *
 * Returns: (transfer full): @ids as a JSON array, for a statement that
 *   reads many records by id in one go through json_each ()
 */
char *
tx_store_ids_to_json (const gint64 *ids,
                      guint         n_ids)
{
  GString *json = g_string_sized_new (8 * n_ids + 2);

  g_string_append_c (json, '[');
  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

/**
 * tx_store_step_ids:
 * @stmt: a statement, bound, whose first column is a row id
 *
 * Steps @stmt to its end, as the lists read the ids of their records.
 *
 * Returns: (transfer full) (element-type gint64): the ids, in order;
 *   %NULL when the database could not be read
 */
GArray *
tx_store_step_ids (TxStore       *self,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = tx_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE ? g_steal_pointer (&ids) : NULL;
}

/**
 * tx_store_query_ints:
 * @sql: a query without parameters whose first column is a number
 *
 * Returns: (transfer full) (element-type int): the first column of every
 *   row, in order; %NULL when the database could not be read
 */
GArray *
tx_store_query_ints (TxStore     *self,
                     const char  *sql,
                     GError     **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (int));
  sqlite3_stmt *stmt;
  int rc;

  stmt = tx_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = tx_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      int value = sqlite3_column_int (stmt, 0);

      g_array_append_val (values, value);
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE ? g_steal_pointer (&values) : NULL;
}

gboolean
tx_store_in_transaction (TxStore *self)
{
  return self->depth > 0;
}

/**
 * tx_store_emit_changed:
 * @kind: what kind of record changed
 *
 * Says that records of @kind changed, without saying which:
 * tx_store_emit_record_changed() with %NULL.
 */
void
tx_store_emit_changed (TxStore    *self,
                       const char *kind)
{
  tx_store_emit_record_changed (self, kind, NULL);
}

/**
 * tx_store_emit_record_changed:
 * @kind: what kind of record changed
 * @uuid: (nullable): the record, or %NULL for several or unsaid
 *
 * Inside a transaction, queues the signal until the commit, once a
 * kind (with the record when only that one changed); a rolled back
 * transaction emits nothing.
 */
void
tx_store_emit_record_changed (TxStore    *self,
                              const char *kind,
                              const char *uuid)
{
  g_return_if_fail (TX_IS_STORE (self));
  g_return_if_fail (kind != NULL);

  if (self->depth > 0)
    {
      Change *change;

      for (guint i = 0; i < self->pending->len; i++)
        {
          change = g_ptr_array_index (self->pending, i);
          if (g_str_equal (change->kind, kind))
            {
              if (change->several || uuid == NULL || g_strcmp0 (change->uuid, uuid) != 0)
                {
                  change->several = TRUE;
                  g_clear_pointer (&change->uuid, g_free);
                }
              return;
            }
        }

      change = g_new0 (Change, 1);
      change->kind = g_strdup (kind);
      change->uuid = g_strdup (uuid);
      change->several = uuid == NULL;
      g_ptr_array_add (self->pending, change);
      return;
    }

  g_signal_emit (self, signals[CHANGED], g_quark_from_string (kind), kind, uuid);
}

/**
 * tx_store_write:
 * @func: the work; returns %FALSE with @error set to roll everything back
 *
 * Every write goes through here: one transaction (a savepoint when
 * nested), committed only if @func succeeds.  Listeners hear "changed"
 * after the outermost commit.
 */
gboolean
tx_store_write (TxStore           *self,
                TxStoreWriteFunc   func,
                gpointer           user_data,
                GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean outer;

  g_return_val_if_fail (TX_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!tx_store_check_writable (self, error))
    return FALSE;

  outer = (self->depth == 0);

  if (!exec_sql (self, outer ? "BEGIN IMMEDIATE" : "SAVEPOINT tx_nested", &local_error))
    {
      tx_store_set_sql_error (self, error, _("Could not start writing"));
      return FALSE;
    }

  self->depth++;

  if (!func (self, user_data, &local_error))
    {
      self->depth--;
      if (outer)
        {
          exec_sql (self, "ROLLBACK", NULL);
          g_ptr_array_set_size (self->pending, 0);
        }
      else
        {
          exec_sql (self, "ROLLBACK TO tx_nested", NULL);
          exec_sql (self, "RELEASE tx_nested", NULL);
        }

      if (local_error == NULL)
        g_set_error_literal (&local_error, TX_STORE_ERROR, TX_STORE_ERROR_WRITE,
                             _("The change could not be saved."));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self->depth--;

  if (!exec_sql (self, outer ? "COMMIT" : "RELEASE tx_nested", &local_error))
    {
      tx_store_set_sql_error (self, error, _("Could not save the change"));
      if (outer)
        {
          exec_sql (self, "ROLLBACK", NULL);
          g_ptr_array_set_size (self->pending, 0);
        }
      return FALSE;
    }

  if (outer && self->pending->len > 0)
    {
      g_autoptr(GPtrArray) changes = g_steal_pointer (&self->pending);

      self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
      for (guint i = 0; i < changes->len; i++)
        {
          Change *change = g_ptr_array_index (changes, i);

          tx_store_emit_record_changed (self, change->kind, change->uuid);
        }
    }

  return TRUE;
}

typedef struct {
  TxStoreWriteFunc func;
  gpointer         user_data;
  int              broken_before;
} Filling;

/*
 * Asks the kernel to start writing to the disk what a long write has
 * written of the database so far (SQLite writes pages out when its
 * cache is full, here and there through the write), rather than all
 * of it at the commit, which waits for the disk: after filling a
 * city's database the commit's sync took 0.1 s instead of 0.015 s on
 * this machine's disk, and an old office PC's is slower.  A hint: what
 * it cannot do changes nothing.
 */
static void
start_writeback (TxStore *self)
{
#ifdef __linux__
  static const char * const suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (self->path, suffixes[i], NULL);
      int fd = open (path, O_RDONLY | O_CLOEXEC);

      if (fd < 0)
        continue;
      if (sync_file_range (fd, 0, 0, SYNC_FILE_RANGE_WRITE) != 0)
        g_debug ("Could not start writing %s to the disk: %s", path, g_strerror (errno));
      close (fd);
    }
#endif
}

static gboolean
fill (TxStore   *self,
      gpointer   user_data,
      GError   **error)
{
  Filling *filling = user_data;
  int broken = 0;

  if (!filling->func (self, filling->user_data, error))
    return FALSE;
  start_writeback (self);
  if (!count_broken_references (self, &broken, error))
    return FALSE;

  if (broken > filling->broken_before)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_WRITE,
                   _("%d of the rows to be written refer to records that are not there, so nothing was written."),
                   broken - filling->broken_before);
      return FALSE;
    }

  return TRUE;
}

/**
 * tx_store_write_filling:
 *
 * tx_store_write() for a write that fills a database with many records
 * it did not hold (a new office's first import), at a fraction of the
 * cost:
 *
 * - with a rollback journal rather than the write-ahead log.  Most of
 *   the pages such a write makes are new, which a rollback journal need
 *   not keep, where the log writes every page twice (into the log, then
 *   into the database).  Both keep the database whole if the write
 *   stops half-way;
 * - with the references of the rows checked once, all together, at the
 *   end (as a migration does), rather than row by row: a row that
 *   refers to nothing fails the whole write.  Nothing may be deleted
 *   that rows refer to, which the write then leaves behind;
 * - reading the database's pages where they are mapped into memory,
 *   rather than copying each one read (the check at the end reads
 *   them all).
 *
 * When another connection has the database open, or inside another
 * write, it writes as tx_store_write() does.
 */
gboolean
tx_store_write_filling (TxStore           *self,
                        TxStoreWriteFunc   func,
                        gpointer           user_data,
                        GError           **error)
{
  Filling filling = { func, user_data, 0 };
  gboolean written;

  g_return_val_if_fail (TX_IS_STORE (self), FALSE);

  if (self->depth > 0 || self->read_only ||
      !count_broken_references (self, &filling.broken_before, NULL))
    return tx_store_write (self, func, user_data, error);

  exec_sql (self, "PRAGMA journal_mode = DELETE", NULL);
  /* for tx_store_make_indexes(): here, before the write, the temporary
   * store can be moved */
  exec_sql (self, "PRAGMA temp_store = FILE", NULL);
  exec_sql (self, "PRAGMA foreign_keys = OFF", NULL);
  exec_sql (self, "PRAGMA mmap_size = 268435456", NULL);
  written = tx_store_write (self, fill, &filling, error);
  exec_sql (self, "PRAGMA mmap_size = 0", NULL);
  exec_sql (self, "PRAGMA foreign_keys = ON", NULL);
  exec_sql (self, "PRAGMA temp_store = MEMORY", NULL);
  exec_sql (self, "PRAGMA journal_mode = WAL", NULL);

  return written;
}

/**
 * tx_store_drop_indexes:
 * @table: one of the store's own tables, never text from elsewhere
 *
 * Drops the indexes of @table that keep no value unique (those are
 * constraints), in a write: rows are added to a table faster without
 * them, and tx_store_make_indexes() makes them again from all the rows
 * at once.
 *
 * Returns: (transfer full) (element-type utf8): the statements that make
 *   them again, or %NULL with @error set
 */
GPtrArray *
tx_store_drop_indexes (TxStore     *self,
                       const char  *table,
                       GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TX_IS_STORE (self), NULL);

  stmt = tx_store_prepare (self,
                           "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 "
                           "AND sql IS NOT NULL AND name IN (SELECT name FROM pragma_index_list (?1) WHERE NOT \"unique\")",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while ((rc = tx_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup (tx_column_text (stmt, 0)));
      g_ptr_array_add (statements, g_strdup (tx_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return NULL;

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *drop = g_strdup_printf ("DROP INDEX \"%s\"", (char *) g_ptr_array_index (names, i));

      if (sqlite3_exec (self->db, drop, NULL, NULL, NULL) != SQLITE_OK)
        {
          tx_store_set_sql_error (self, error, _("Could not save"));
          return NULL;
        }
    }

  return g_steal_pointer (&statements);
}

/*
 * SQLite makes an index by sorting all its rows.  With the temporary
 * store in memory, it sorts them in one run, by one thread.  With
 * temporary files, it sorts them in runs as large as the page cache,
 * writes each to a file and merges them, and other threads may sort the
 * runs (PRAGMA threads).  Runs of 2 MB, small enough to stay in the
 * processor's cache, sorted by a second thread: the indexes of 300,000
 * people took 0.3 s instead of 0.6 s, their consultations' 0.65 s
 * instead of 0.85 s.
 */
static int
run_statements (TxStore    *self,
                GPtrArray  *statements,
                guint      *made)
{
  int rc = SQLITE_OK;

  while (*made < statements->len &&
         (rc = sqlite3_exec (self->db, g_ptr_array_index (statements, *made), NULL, NULL, NULL)) == SQLITE_OK)
    (*made)++;
  if (rc != SQLITE_OK)
    {
      rc = sqlite3_extended_errcode (self->db);
      g_debug ("Could not make an index: %s (%d)", sqlite3_errmsg (self->db), rc);
    }

  return rc;
}

/**
 * tx_store_make_indexes:
 * @statements: (element-type utf8): CREATE INDEX statements
 *
 * Makes indexes of many rows, in a write, as fast as the processors
 * let SQLite sort their rows: in runs written to temporary files, when
 * the temporary store may be moved there.  Temporary files that cannot
 * be written send the sort back to memory.  A failure undoes only the
 * index that failed; the write goes on or is undone by its caller.
 */
gboolean
tx_store_make_indexes (TxStore    *self,
                       GPtrArray  *statements,
                       GError    **error)
{
  g_autofree char *restore = NULL;
  int temp_store;
  guint made = 0;
  int rc = SQLITE_ERROR;

  g_return_val_if_fail (TX_IS_STORE (self), FALSE);

  /* inside a write, SQLite moves the temporary store only while no
   * temporary table was used on the connection (a migration's ALTER
   * TABLE uses one): then the indexes are sorted in memory */
  temp_store = pragma_int (self, "PRAGMA temp_store");
  restore = g_strdup_printf ("PRAGMA temp_store = %d", temp_store);
  if (temp_store == 2)
    exec_sql (self, "PRAGMA temp_store = FILE", NULL);

  if (pragma_int (self, "PRAGMA temp_store") != 2)
    {
      g_autofree char *threads = g_strdup_printf ("PRAGMA threads = %d",
                                                  CLAMP ((int) g_get_num_processors () - 1, 0, 3));

      exec_sql (self, "PRAGMA cache_size = -2048", NULL);
      exec_sql (self, threads, NULL);
      rc = run_statements (self, statements, &made);
      exec_sql (self, "PRAGMA threads = 0", NULL);
      exec_sql (self, PAGE_CACHE, NULL);
      if (rc != SQLITE_OK)
        exec_sql (self, "PRAGMA temp_store = MEMORY", NULL);
    }

  if (made < statements->len)
    rc = run_statements (self, statements, &made);
  exec_sql (self, restore, NULL);
  /* the new indexes' pages */
  start_writeback (self);

  return rc == SQLITE_OK || tx_store_set_code_error (error, rc, _("Could not save"));
}

/**
 * tx_store_read:
 * @func: the reads; returns %FALSE with @error set on failure
 *
 * Runs reads that must see one state of the database (an export, a
 * backup of several tables) in one read transaction, so that a write
 * by another program between them cannot mix two states.  Inside a
 * write, the write's transaction already does.
 */
gboolean
tx_store_read (TxStore           *self,
               TxStoreWriteFunc   func,
               gpointer           user_data,
               GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (TX_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (self->depth > 0)
    return func (self, user_data, error);

  if (!exec_sql (self, "BEGIN DEFERRED", &local_error))
    return tx_store_set_sql_error (self, error, _("Could not read the database"));

  self->depth++;
  ok = func (self, user_data, &local_error);
  self->depth--;

  /* nothing was written: ending the transaction cannot lose anything */
  exec_sql (self, ok ? "COMMIT" : "ROLLBACK", NULL);
  g_ptr_array_set_size (self->pending, 0);

  if (!ok)
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, TX_STORE_ERROR, TX_STORE_ERROR_WRITE,
                             _("Could not read the database"));
      g_propagate_error (error, g_steal_pointer (&local_error));
    }

  return ok;
}

/**
 * tx_store_hold_snapshot:
 *
 * Begins a read that lasts as long as @self is open: all that is read
 * through @self from then on is the database as it is now, whatever
 * other connections write meanwhile.  For a connection of its own,
 * opened read-only (tx_store_open_full()), that reads the rows of a
 * long document a few hundred at a time, first as its pages are laid
 * out and then as they are drawn: every page is of the same roster.
 * The read ends when @self is closed.
 */
gboolean
tx_store_hold_snapshot (TxStore  *self,
                        GError  **error)
{
  g_return_val_if_fail (TX_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  /* a deferred transaction reads nothing until it reads: it is made to */
  if (!exec_sql (self, "BEGIN DEFERRED; SELECT count(*) FROM sqlite_schema", NULL))
    {
      exec_sql (self, "ROLLBACK", NULL);
      return tx_store_set_sql_error (self, error, _("Could not read the database"));
    }
  /* what reads and writes through @self is inside it */
  self->depth++;

  return TRUE;
}

gboolean
tx_store_audit (TxStore     *self,
                const char  *action,
                const char  *kind,
                const char  *uuid,
                const char  *summary,
                GError     **error)
{
  g_autofree char *now = tx_timestamp_now ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (tx_store_in_transaction (self), FALSE);

  stmt = tx_store_prepare (self,
                           "INSERT INTO audit_log (at, action, kind, uuid, summary) "
                           "VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  tx_bind_text_or_null (stmt, 4, uuid);
  sqlite3_bind_text (stmt, 5, summary ? summary : "", -1, SQLITE_TRANSIENT);

  return tx_store_step_done (self, stmt, error);
}

char *
tx_store_get_setting (TxStore    *self,
                      const char *key)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT value FROM setting WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup (tx_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

typedef struct {
  const char *key;
  const char *value;
} SettingWrite;

static gboolean
write_setting (TxStore   *self,
               gpointer   user_data,
               GError   **error)
{
  SettingWrite *write = user_data;
  sqlite3_stmt *stmt;

  stmt = tx_store_prepare (self,
                           "INSERT INTO setting (key, value) VALUES (?, ?) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, write->key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, write->value, -1, SQLITE_STATIC);
  if (!tx_store_step_done (self, stmt, error))
    return FALSE;

  tx_store_emit_changed (self, "setting");
  return tx_store_audit (self, "update", "setting", NULL, write->key, error);
}

gboolean
tx_store_set_setting (TxStore     *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  SettingWrite write = { key, value };

  return tx_store_write (self, write_setting, &write, error);
}

static char *
format_utc_millis (GDateTime *utc)
{
  int year, month, day;

  g_date_time_get_ymd (utc, &year, &month, &day);

  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", year, month, day,
                          g_date_time_get_hour (utc), g_date_time_get_minute (utc),
                          g_date_time_get_second (utc), g_date_time_get_microsecond (utc) / 1000);
}

char *
tx_timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return format_utc_millis (now);
}

/* The latest time of change the database holds: of a record, of its
 * deletion, of a file written */
static char *
read_last_stamp (TxStore  *self,
                 GError  **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
    "SELECT max (m) FROM ("
    "  SELECT max (updated_at) AS m FROM township UNION ALL SELECT max (deleted_at) FROM township"
    "  UNION ALL SELECT max (updated_at) FROM plan"
    "  UNION ALL SELECT max (updated_at) FROM person UNION ALL SELECT max (deleted_at) FROM person"
    "  UNION ALL SELECT max (updated_at) FROM consultation UNION ALL SELECT max (deleted_at) FROM consultation"
    "  UNION ALL SELECT max (updated_at) FROM outcome UNION ALL SELECT max (deleted_at) FROM outcome"
    "  UNION ALL SELECT max (updated_at) FROM activity UNION ALL SELECT max (deleted_at) FROM activity"
    "  UNION ALL SELECT max (updated_at) FROM attachment UNION ALL SELECT max (deleted_at) FROM attachment"
    "  UNION ALL SELECT max (updated_at) FROM circular UNION ALL SELECT max (updated_at) FROM work_group"
    "  UNION ALL SELECT max (deleted_at) FROM tombstone UNION ALL SELECT max (written_at) FROM sent)",
    error);
  char *stamp = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if ((rc = tx_store_step (self, stmt, error)) == SQLITE_ROW)
    stamp = g_strdup (sqlite3_column_type (stmt, 0) != SQLITE_NULL ? tx_column_text (stmt, 0) : "");
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    {
      g_free (stamp);
      return NULL;
    }

  /* this office's step: 1 ms to a minute, from its identity */
  self->stamp_step_ms = 1;
  stmt = tx_store_prepare (self, "SELECT uuid FROM office WHERE id = 1", NULL);
  if (stmt != NULL)
    {
      if (tx_store_step (self, stmt, NULL) == SQLITE_ROW)
        self->stamp_step_ms = 1 + g_str_hash (tx_column_text (stmt, 0)) % 60000;
      sqlite3_reset (stmt);
    }

  return stamp;
}

/**
 * tx_store_stamp_now:
 *
 * The time of a change made here, now: the computer's time, unless the
 * database holds a later one (a clock set back, a PC whose clock is
 * behind another's), then a little after that (a millisecond after a
 * time given here, a step of this office's own after one read).  A change made here
 * is so always later than what it changes and than the last file
 * written, and an office receiving it takes it as the change it is,
 * never as an older version.
 *
 * Returns: (transfer full): a stamp as tx_timestamp_now() writes them
 */
char *
tx_store_stamp_now (TxStore *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *now = tx_timestamp_now ();
  int version;

  g_return_val_if_fail (TX_IS_STORE (self), g_steal_pointer (&now));

  /* what another program wrote may be later */
  version = pragma_int (self, "PRAGMA data_version");
  if (self->last_stamp == NULL || version != self->stamp_version)
    {
      g_free (self->last_stamp);
      self->last_stamp = read_last_stamp (self, &error);
      self->stamp_version = version;
      self->stamp_read = TRUE;
      if (self->last_stamp == NULL)
        {
          g_debug ("Cannot read the latest time of change: %s", error->message);
          return g_steal_pointer (&now);
        }
    }

  if (strcmp (now, self->last_stamp) <= 0)
    {
      /* after a time read, which another office may have read too (a
       * file of the city's, received by both), a step of this office's
       * own: two offices changing a record so never give it one time,
       * which would say they hold the same version */
      guint step_ms = self->stamp_read ? self->stamp_step_ms : 1;
      g_autoptr(GDateTime) last = g_date_time_new_from_iso8601 (self->last_stamp, NULL);
      g_autoptr(GDateTime) after = last != NULL ? g_date_time_add (last, step_ms * (GTimeSpan) 1000) : NULL;
      g_autoptr(GDateTime) utc = after != NULL ? g_date_time_to_utc (after) : NULL;

      if (utc != NULL)
        {
          g_free (now);
          now = format_utc_millis (utc);
        }
    }
  g_free (self->last_stamp);
  self->last_stamp = g_strdup (now);
  self->stamp_read = FALSE;

  return g_steal_pointer (&now);
}

/**
 * tx_store_forget_stamps:
 *
 * Times of change were written here from elsewhere (an exchange file, a
 * backup restored): tx_store_stamp_now() reads the latest again.
 */
void
tx_store_forget_stamps (TxStore *self)
{
  g_return_if_fail (TX_IS_STORE (self));

  g_clear_pointer (&self->last_stamp, g_free);
}

/**
 * tx_timestamp_format_local:
 * @timestamp: (nullable): a stamp of the database (UTC), or any ISO 8601 time
 *
 * Returns: (transfer full): the time as a clerk reads it, in local
 *   time: "2026-11-27 09:30"; "" for %NULL, @timestamp itself when it
 *   is not a time
 */
char *
tx_timestamp_format_local (const char *timestamp)
{
  g_autoptr(GDateTime) time = timestamp != NULL ? g_date_time_new_from_iso8601 (timestamp, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup (timestamp != NULL ? timestamp : "");

  local = g_date_time_to_local (time);
  /* Translators: a time, as in 2026-11-27 09:30 (strftime format) */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}

/* @text as Tongxin writes times of change, 2026-03-10T01:00:00.250Z,
 * when it is a real moment in UTC written so or without the
 * milliseconds; NULL for anything else.  An import reads hundreds of
 * thousands of them, each taken as it is rather than through a
 * GDateTime. */
static char *
normalize_utc (const char *text)
{
  static const char shape[] = "0000-00-00T00:00:00";
  int year, month, day;

  for (guint i = 0; i < sizeof shape - 1; i++)
    if (shape[i] == '0' ? !g_ascii_isdigit (text[i]) : text[i] != shape[i])
      return NULL;

  year = tx_date_read_digits (text, 4);
  month = tx_date_read_digits (text + 5, 2);
  day = tx_date_read_digits (text + 8, 2);
  if (tx_date_new (year, month, day) == TX_DATE_NONE ||
      tx_date_read_digits (text + 11, 2) > 23 || tx_date_read_digits (text + 14, 2) > 59 || tx_date_read_digits (text + 17, 2) > 59)
    return NULL;

  text += sizeof shape - 1;
  if (strcmp (text, "Z") == 0)
    {
      /* without printf, which took a tenth of the reading of a person */
      char *normalized = g_malloc (sizeof shape - 1 + sizeof ".000Z");

      memcpy (normalized, text - (sizeof shape - 1), sizeof shape - 1);
      memcpy (normalized + sizeof shape - 1, ".000Z", sizeof ".000Z");
      return normalized;
    }
  if (text[0] == '.' && g_ascii_isdigit (text[1]) && g_ascii_isdigit (text[2]) && g_ascii_isdigit (text[3]) &&
      strcmp (text + 4, "Z") == 0)
    return g_strdup (text - (sizeof shape - 1));

  return NULL;
}

/**
 * tx_timestamp_normalize:
 * @iso8601: a date and time with an offset
 *
 * Returns: (nullable): the same instant as "YYYY-MM-DDTHH:MM:SS.mmmZ",
 *   or %NULL if @iso8601 is not a valid date and time.
 */
char *
tx_timestamp_normalize (const char *iso8601)
{
  char *normalized;
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (iso8601 == NULL)
    return NULL;

  normalized = normalize_utc (iso8601);
  if (normalized != NULL)
    return normalized;

  parsed = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (parsed == NULL)
    return NULL;

  utc = g_date_time_to_utc (parsed);

  return format_utc_millis (utc);
}

/**
 * tx_uuid_new:
 *
 * A version 7 UUID (RFC 9562): 48 bits of Unix time in milliseconds, then
 * random bits.  New records sort after old ones, so the uuid index grows
 * at its end instead of being rewritten all over during a large import.
 */
char *
tx_uuid_new (void)
{
  static GMutex mutex;
  static guint64 last_ms;
  static guint32 counter;
  guint64 ms = (guint64) (g_get_real_time () / 1000);
  guint8 bytes[16];
  guint32 sequence;

  g_mutex_lock (&mutex);
  if (ms <= last_ms)
    {
      ms = last_ms;
      counter++;
    }
  else
    {
      last_ms = ms;
      counter = g_random_int_range (0, 1 << 12);
    }
  sequence = counter;
  g_mutex_unlock (&mutex);

  for (guint i = 0; i < 6; i++)
    bytes[i] = (ms >> (40 - 8 * i)) & 0xff;
  /* version 7, then a 12-bit counter so uuids made in the same
   * millisecond still come in order; the rest is random */
  bytes[6] = 0x70 | ((sequence >> 8) & 0x0f);
  bytes[7] = sequence & 0xff;
  for (guint i = 8; i < 16; i += 4)
    {
      guint32 r = g_random_int ();
      memcpy (bytes + i, &r, 4);
    }
  bytes[8] = 0x80 | (bytes[8] & 0x3f);

  {
    static const char hex[] = "0123456789abcdef";
    char *text = g_malloc (37);
    char *p = text;

    /* 8-4-4-4-12, written by hand: printf is the slowest part of adding
     * 100,000 people */
    for (guint i = 0; i < 16; i++)
      {
        if (i == 4 || i == 6 || i == 8 || i == 10)
          *p++ = '-';
        *p++ = hex[bytes[i] >> 4];
        *p++ = hex[bytes[i] & 0x0f];
      }
    *p = '\0';

    return text;
  }
}

gboolean
tx_uuid_is_valid (const char *text)
{
  if (text == NULL || !g_uuid_string_is_valid (text))
    return FALSE;

  for (const char *p = text; *p; p++)
    if (g_ascii_isupper (*p))
      return FALSE;

  return TRUE;
}

/* "YYYY-MM-DD" and a day that exists: the form the store keeps. */
gboolean
tx_date_is_valid (const char *text)
{
  return text != NULL && strlen (text) == 10 && tx_date_from_iso (text) != TX_DATE_NONE;
}

const char *
tx_column_text (sqlite3_stmt *stmt,
                int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? text : "";
}

void
tx_bind_text_or_null (sqlite3_stmt *stmt,
                      int           column,
                      const char   *text)
{
  if (text == NULL || text[0] == '\0')
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

/**
 * tx_store_copy_db:
 *
 * Copies the whole database of @from into @to, page by page, as one
 * transaction on @to (SQLite's backup API: what @from's WAL holds is
 * copied too).
 */
gboolean
tx_store_copy_db (sqlite3     *from,
                  sqlite3     *to,
                  GError     **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (to, "main", from, "main");
  int rc;

  if (backup == NULL)
    {
      g_debug ("Cannot copy the database: %s", sqlite3_errmsg (to));
      return tx_store_set_code_error (error, sqlite3_extended_errcode (to), _("Could not copy the database"));
    }

  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    {
      g_debug ("Cannot copy the database: %s", sqlite3_errstr (rc));
      return tx_store_set_code_error (error, rc, _("Could not copy the database"));
    }

  return TRUE;
}

/**
 * tx_store_check:
 *
 * Returns: (transfer full) (element-type utf8): what is wrong with the
 *   database, empty when it is sound
 */
GPtrArray *
tx_store_check (TxStore  *self,
                GError  **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
        g_ptr_array_add (problems, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (problems, g_strdup_printf (_("A row of %s refers to a missing row of %s."),
                                                  sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 2)));
  sqlite3_finalize (stmt);

  /* the attachments' bytes, against their checksums */
  if (!tx_attachment_check_all (self, problems, error))
    return NULL;

  /* the identity of the office, which its exchange files are known by */
  if (sqlite3_prepare_v2 (self->db, "SELECT uuid FROM office WHERE id = 1", -1, &stmt, NULL) == SQLITE_OK)
    {
      const char *uuid = sqlite3_step (stmt) == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0) : NULL;

      if (uuid == NULL || !g_uuid_string_is_valid (uuid))
        g_ptr_array_add (problems, g_strdup (_("The database has lost the identity of its office, by which the offices it exchanges files with know it.")));
    }
  sqlite3_finalize (stmt);

  /* FTS5 checks its index with a command written as an INSERT, which a
   * read-only connection refuses: a read-only store is checked in a copy
   * in memory, so that checking never writes and never cries wolf. */
  if (self->read_only)
    {
      sqlite3 *copy = NULL;
      g_autoptr(GError) local_error = NULL;

      if (sqlite3_open (":memory:", &copy) != SQLITE_OK ||
          !tx_store_register_functions (copy) ||
          !tx_store_copy_db (self->db, copy, &local_error))
        {
          sqlite3_close (copy);
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_OPEN,
                                 _("There is not enough memory to check the search index."));
          return NULL;
        }
      if (sqlite3_exec (copy, "INSERT INTO person_search (person_search) VALUES ('integrity-check')",
                        NULL, NULL, NULL) != SQLITE_OK)
        g_ptr_array_add (problems, g_strdup (_("The search index does not match the roster.")));
      sqlite3_close (copy);
    }
  else if (sqlite3_exec (self->db, "INSERT INTO person_search (person_search) VALUES ('integrity-check')",
                         NULL, NULL, NULL) != SQLITE_OK)
    g_ptr_array_add (problems, g_strdup (_("The search index does not match the roster.")));

  return g_steal_pointer (&problems);
}

/* The table of records of @kind, or %NULL */
static const char *
table_of_kind (const char *kind)
{
  static const char * const kinds[] = { "township", "person", "consultation", "outcome" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i]) == 0)
      return kinds[i];

  return NULL;
}

/* The one number @sql (with %s for the table of @kind) answers */
static guint
query_kind (TxStore    *store,
            const char *sql,
            const char *kind)
{
  const char *table = table_of_kind (kind);
  g_autofree char *query = NULL;
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (table != NULL, 0);

  query = g_strdup_printf (sql, table);
  stmt = tx_store_prepare (store, query, NULL);
  g_return_val_if_fail (stmt != NULL, 0);

  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

/**
 * tx_store_count:
 * @kind: "township", "person", "consultation" or "outcome"
 *
 * Returns: how many such records are not deleted
 */
guint
tx_store_count (TxStore    *store,
                const char *kind)
{
  return query_kind (store, "SELECT count(*) FROM %s WHERE deleted_at IS NULL", kind);
}

/**
 * tx_store_table_has_rows:
 * @table: one of the store's own tables, never text from elsewhere
 * @has_rows: (out): whether it holds any row, deleted or not
 *
 * Returns: %FALSE with @error set when the table could not be read
 */
gboolean
tx_store_table_has_rows (TxStore     *self,
                         const char  *table,
                         gboolean    *has_rows,
                         GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM \"%s\" LIMIT 1", table);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TX_IS_STORE (self), FALSE);

  stmt = tx_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  rc = tx_store_step (self, stmt, error);
  sqlite3_reset (stmt);
  *has_rows = rc == SQLITE_ROW;

  return rc != SQLITE_ERROR;
}

/**
 * tx_store_holds_records:
 *
 * Whether the database holds records a clerk keeps: a township, a
 * person or a consultation, not deleted.  One that holds none has
 * nothing to back up before a change (tx_backup_take_before_change()),
 * and an import fills it (tx_store_write_filling()).
 */
gboolean
tx_store_holds_records (TxStore *self)
{
  return tx_store_has_records (self, "township") || tx_store_has_records (self, "person") ||
         tx_store_has_records (self, "consultation");
}

/**
 * tx_store_has_records:
 * @kind: as for tx_store_count()
 *
 * Whether there is any such record not deleted: as tx_store_count ()
 * > 0, without counting a city's records.
 */
gboolean
tx_store_has_records (TxStore    *store,
                      const char *kind)
{
  return query_kind (store, "SELECT EXISTS (SELECT 1 FROM %s WHERE deleted_at IS NULL)", kind) > 0;
}
