/* tx-backup.c — copies of the database: taken without being asked,
 * kept in turn, checked, and restored without ever losing the data they
 * replace
 *
 * The backups of a database live in a folder beside it, named after it
 * (tongxin.db → tongxin-backups/), one file each, mode 0600, named by
 * why and when it was taken: daily-20261127-093000.db,
 * before-restore-20261127-101500.db.  A file is never overwritten: a
 * second one of the same second gets -2.
 *
 * Every backup is written to a temporary file, checked (a Tongxin
 * database of a schema this version reads, its pages, trees and rows
 * sound by quick_check: what a copy of pages could damage) and only
 * then given its name.  A backup to restore is checked in full, its
 * indexes against its tables too (integrity_check).  What is kept:
 *
 *  - of the daily backups, the newest of each of the last 7 days, 4
 *    weeks and 12 months that have one (as rotating backup tools keep
 *    them), so that a clerk can go back a day, a week or a year;
 *  - of the others (by hand, and before a restore, an import or an
 *    update), the newest `backups-kept` (a setting).
 *
 * A restore reads the backup read-only through SQLite's backup API (so
 * what its -wal holds comes too), checks it like a new backup, updates
 * a copy of it to this version's schema, backs up the data it is about
 * to replace, and only then copies it in, in one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tx-backup.h"
#include "tx-settings.h"

/* The keys that name the files, in the order of TxBackupKind. */
static const char * const kind_keys[] = {
  "daily", "manual", "before-restore", "before-import", "before-update", "before-removal",
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_keys) == TX_BACKUP_BEFORE_REMOVAL + 1);

void
tx_backup_free (TxBackup *backup)
{
  if (backup == NULL)
    return;

  g_free (backup->path);
  g_clear_pointer (&backup->taken, g_date_time_unref);
  g_free (backup);
}

const char *
tx_backup_kind_to_key (TxBackupKind kind)
{
  g_return_val_if_fail (kind <= TX_BACKUP_BEFORE_REMOVAL, NULL);

  return kind_keys[kind];
}

/**
 * tx_backup_kind_to_string:
 *
 * Returns: why a backup was taken, as the clerk reads it
 */
const char *
tx_backup_kind_to_string (TxBackupKind kind)
{
  switch (kind)
    {
    case TX_BACKUP_DAILY:
      return _("Daily");
    case TX_BACKUP_MANUAL:
      return _("By hand");
    case TX_BACKUP_BEFORE_RESTORE:
      return _("Before a restore");
    case TX_BACKUP_BEFORE_IMPORT:
      return _("Before an import");
    case TX_BACKUP_BEFORE_UPDATE:
      return _("Before an update");
    case TX_BACKUP_BEFORE_REMOVAL:
      return _("Before the sample data were removed");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * tx_backup_dup_now:
 * @today: the day the application or the command works on
 *
 * Returns: (transfer full): when a backup taken now is named: @today
 *   (the real day, or the one a test or --today gives) at the clock's
 *   time of day
 */
GDateTime *
tx_backup_dup_now (TxDate today)
{
  g_autoptr(GDateTime) clock = g_date_time_new_now_local ();
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();

  return g_date_time_new (zone, tx_date_get_year (today), tx_date_get_month (today),
                          tx_date_get_day (today), g_date_time_get_hour (clock),
                          g_date_time_get_minute (clock), g_date_time_get_second (clock));
}

/**
 * tx_backup_dup_folder:
 *
 * Returns: the folder of the backups of the database at @db_path:
 *   beside it, named after it (tongxin.db → tongxin-backups)
 */
char *
tx_backup_dup_folder (const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autofree char *name = NULL;

  if (g_str_has_suffix (base, ".db") && strlen (base) > 3)
    base[strlen (base) - 3] = '\0';
  name = g_strconcat (base, "-backups", NULL);

  return g_build_filename (dir, name, NULL);
}

/* Reads "KIND-YYYYMMDD-HHMMSS[-N].db"; NULL for any other name. */
static TxBackup *
parse_name (const char *folder,
            const char *name)
{
  g_autoptr(TxBackup) backup = g_new0 (TxBackup, 1);
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  const char *rest = NULL;
  int year, month, day, hour, minute, second;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (kind_keys); i++)
    {
      gsize length = strlen (kind_keys[i]);

      if (strncmp (name, kind_keys[i], length) == 0 && name[length] == '-')
        {
          rest = name + length + 1;
          break;
        }
    }
  if (rest == NULL || !g_str_has_suffix (rest, ".db"))
    return NULL;

  for (guint k = 0; k < 15; k++)
    if (k == 8 ? rest[k] != '-' : !g_ascii_isdigit (rest[k]))
      return NULL;
  if (sscanf (rest, "%4d%2d%2d-%2d%2d%2d", &year, &month, &day, &hour, &minute, &second) != 6)
    return NULL;
  if (rest[15] != '.' && rest[15] != '-')
    return NULL;

  backup->taken = g_date_time_new (zone, year, month, day, hour, minute, second);
  if (backup->taken == NULL)
    return NULL;

  backup->kind = i;
  backup->path = g_build_filename (folder, name, NULL);
  return g_steal_pointer (&backup);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const TxBackup *x = *(TxBackup * const *) a;
  const TxBackup *y = *(TxBackup * const *) b;
  int order = g_date_time_compare (y->taken, x->taken);

  /* of one second, the one named -2 was taken after the one without */
  return order != 0 ? order : -strcmp (x->path, y->path);
}

/**
 * tx_backup_list:
 *
 * Returns: (transfer full) (element-type TxBackup): the backups of the
 *   database at @db_path, newest first; empty when there are none
 */
GPtrArray *
tx_backup_list (const char  *db_path,
                GError     **error)
{
  g_autofree char *folder = tx_backup_dup_folder (db_path);
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_backup_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&backups);

  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_OPEN,
                   _("Could not read the folder of backups “%s”: %s"), folder, local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      TxBackup *backup = parse_name (folder, name);
      GStatBuf info;

      if (backup == NULL)
        continue;
      if (g_stat (backup->path, &info) == 0)
        backup->size = info.st_size;
      g_ptr_array_add (backups, backup);
    }

  g_ptr_array_sort (backups, compare_newest_first);
  return g_steal_pointer (&backups);
}

/* sqlite3_exec()'s callback keeping the first row's text. */
static int
keep_first_row (void  *data,
                int    n_columns,
                char **values,
                char **names)
{
  GStrv *row = data;

  if (*row == NULL)
    {
      *row = g_new0 (char *, n_columns + 1);
      for (int i = 0; i < n_columns; i++)
        (*row)[i] = g_strdup (values[i] != NULL ? values[i] : "");
    }

  return 0;
}

/* The first row of @sql on a connection of no store: a backup. */
static GStrv
read_first_row (sqlite3    *db,
                const char *sql)
{
  GStrv row = NULL;

  if (sqlite3_exec (db, sql, keep_first_row, &row, NULL) != SQLITE_OK)
    g_clear_pointer (&row, g_strfreev);

  return row;
}

/* Checks an open connection: a Tongxin database of a schema this
 * version reads, with nothing damaged; when @thorough, its indexes are
 * compared with its tables too, which takes several times longer on a
 * large database.  @path names it in the messages. */
static gboolean
verify_db (sqlite3     *db,
           const char  *path,
           gboolean     thorough,
           GError     **error)
{
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) integrity = NULL;
  int app_id = -1, version = -1;
  const char *verdict = NULL;

  header = read_first_row (db, "SELECT (SELECT application_id FROM pragma_application_id), "
                               "(SELECT user_version FROM pragma_user_version)");
  if (header != NULL && g_strv_length (header) == 2)
    {
      app_id = atoi (header[0]);
      version = atoi (header[1]);
    }

  if (app_id == -1)
    {
      int code = sqlite3_errcode (db);

      g_debug ("%s is not a database: %s", path, sqlite3_errmsg (db));
      if ((code & 0xff) == SQLITE_CORRUPT)
        g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_FOREIGN,
                     _("“%s” is damaged: SQLite found errors in it. Choose another backup."), path);
      else
        g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_FOREIGN,
                     _("“%s” is not a Tongxin backup: it is not a database at all."), path);
      return FALSE;
    }
  if (app_id != TX_STORE_APPLICATION_ID || version <= 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_FOREIGN,
                   _("“%s” is not a Tongxin backup: it is a database of another program, or an empty one."), path);
      return FALSE;
    }
  if (version > tx_store_get_latest_version ())
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_TOO_NEW,
                   _("“%s” was made by a newer version of Tongxin (schema %d, this version knows %d). Update Tongxin to restore it."),
                   path, version, tx_store_get_latest_version ());
      return FALSE;
    }

  integrity = read_first_row (db, thorough ? "PRAGMA integrity_check" : "PRAGMA quick_check");
  if (integrity != NULL)
    verdict = integrity[0];

  if (g_strcmp0 (verdict, "ok") != 0)
    {
      g_debug ("%s is damaged: %s", path, verdict ? verdict : sqlite3_errmsg (db));
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_FOREIGN,
                   _("“%s” is damaged: SQLite found errors in it. Choose another backup."), path);
      return FALSE;
    }

  return TRUE;
}

/* A backup open for reading, and which of the files SQLite keeps
 * beside a database in WAL mode were there before it was opened. */
typedef struct {
  sqlite3  *db;
  char     *path;
  gboolean  had_wal;
  gboolean  had_shm;
} OpenBackup;

static gboolean
file_beside_exists (const char *path,
                    const char *suffix)
{
  g_autofree char *file = g_strconcat (path, suffix, NULL);

  return g_file_test (file, G_FILE_TEST_EXISTS);
}

/* Closes @backup and removes the -wal and -shm files that reading a
 * copy of a database in WAL mode made beside it: a backup the clerk
 * chose is left as it was found. */
static void
close_backup (OpenBackup *backup)
{
  sqlite3_close_v2 (backup->db);
  backup->db = NULL;

  if (backup->path != NULL)
    {
      g_autofree char *wal = g_strconcat (backup->path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (backup->path, "-shm", NULL);
      GStatBuf info;

      /* a -shm is only an index of the -wal, rebuilt by the next
       * reader; one that was not there was made by this reading alone */
      if (!backup->had_wal && g_stat (wal, &info) == 0 && info.st_size == 0)
        g_unlink (wal);
      if (!backup->had_shm)
        g_unlink (shm);
    }

  g_clear_pointer (&backup->path, g_free);
}

/* Opens the backup at @path read-only, after the checks of a file and
 * verify_db(). */
static gboolean
open_backup (const char  *path,
             gboolean     thorough,
             OpenBackup  *backup,
             GError     **error)
{
  GStatBuf info;
  sqlite3 *db = NULL;

  if (g_stat (path, &info) != 0 || !S_ISREG (info.st_mode))
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_OPEN,
                   _("There is no file “%s”. Check the name of the backup."), path);
      return FALSE;
    }
  if (info.st_size == 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_FOREIGN,
                   _("“%s” is empty: it is not a backup. Choose another file."), path);
      return FALSE;
    }
  if (g_access (path, R_OK) != 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_OPEN,
                   _("“%s” cannot be read. Check its permissions."), path);
      return FALSE;
    }

  backup->path = g_strdup (path);
  backup->had_wal = file_beside_exists (path, "-wal");
  backup->had_shm = file_beside_exists (path, "-shm");
  if (tx_store_open_db_read_only (path, &db) != SQLITE_OK ||
      !tx_store_register_functions (db))
    {
      g_debug ("Cannot open %s: %s", path, db ? sqlite3_errmsg (db) : "");
      backup->db = db;
      close_backup (backup);
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_OPEN,
                   _("“%s” could not be opened as a backup."), path);
      return FALSE;
    }
  sqlite3_busy_timeout (db, 5000);
  backup->db = db;

  if (!verify_db (db, path, thorough, error))
    {
      close_backup (backup);
      return FALSE;
    }

  return TRUE;
}

/**
 * tx_backup_verify:
 *
 * Checks that @path is a sound Tongxin database that this version can
 * read, its indexes matching its tables, as a backup is checked before
 * it is restored.  Nothing is written, not even beside the file.
 */
gboolean
tx_backup_verify (const char  *path,
                  GError     **error)
{
  OpenBackup backup = { NULL, };

  if (!open_backup (path, TRUE, &backup, error))
    return FALSE;

  close_backup (&backup);
  return TRUE;
}

/* A copy just written is checked for what copying pages could damage:
 * its pages, trees and rows.  Its indexes are those of the database it
 * was copied from, page for page. */
static gboolean
verify_copy (const char  *path,
             GError     **error)
{
  OpenBackup backup = { NULL, };

  if (!open_backup (path, FALSE, &backup, error))
    return FALSE;

  close_backup (&backup);
  return TRUE;
}

/* Removes a file SQLite left beside @path, and @path itself. */
static void
remove_database_file (const char *path)
{
  static const char * const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* Removes from @dir what a Tongxin killed while writing left: files
 * named @prefix + "-PID" (and SQLite's files beside them) of a process
 * that is gone. */
static void
remove_stale (const char *dir,
              const char *prefix)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  gsize length = strlen (prefix);
  const char *name;

  if (folder == NULL)
    return;

  while ((name = g_dir_read_name (folder)) != NULL)
    {
      const char *rest;
      char *end = NULL;
      gint64 pid;

      if (!g_str_has_prefix (name, prefix) || name[length] != '-')
        continue;
      rest = name + length + 1;
      pid = g_ascii_strtoll (rest, &end, 10);
      if (end == rest || pid <= 0 || pid == getpid () ||
          !(*end == '\0' || g_str_equal (end, "-journal") || g_str_equal (end, "-wal") || g_str_equal (end, "-shm")))
        continue;
      if (kill ((pid_t) pid, 0) == 0 || errno != ESRCH)
        continue;

      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_debug ("Removing %s, left by a Tongxin that stopped while writing", path);
        g_unlink (path);
      }
    }
}

/* An empty file only its owner may read, for SQLite to fill. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_WRITE,
                   _("Could not write “%s” (%s). Check that the folder exists and can be written."),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  g_close (fd, NULL);
  g_chmod (path, 0600);   /* whatever the umask */
  return TRUE;
}

/* Makes sure what was written to @path is on the disk. */
static gboolean
sync_file (const char  *path,
           GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  int saved_errno = 0;

  if (fd < 0 || fsync (fd) != 0)
    saved_errno = errno;
  if (fd >= 0)
    g_close (fd, NULL);

  if (saved_errno != 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_WRITE,
                   _("Could not write “%s” to the disk (%s)."), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* Copies @from into a new database file at @path (mode 0600). */
static gboolean
copy_to_new_file (sqlite3     *from,
                  const char  *path,
                  GError     **error)
{
  sqlite3 *copy = NULL;
  gboolean ok;

  if (!create_private_file (path, error))
    return FALSE;

  if (sqlite3_open_v2 (path, &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      sqlite3_close_v2 (copy);
      remove_database_file (path);
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_WRITE,
                   _("Could not write “%s”. Check that the folder exists and can be written."), path);
      return FALSE;
    }

  /* A new file that only becomes a backup once it is whole and checked
   * needs no journal, and one sync at the end rather than one a page.
   * The copy is left in rollback mode: reading it later makes no -wal
   * or -shm beside it. */
  ok = sqlite3_exec (copy, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", NULL, NULL, NULL) == SQLITE_OK &&
       tx_store_copy_db (from, copy, error);
  if (ok && sqlite3_exec (copy, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
    ok = tx_store_set_code_error (error, sqlite3_errcode (copy), _("Could not finish the copy"));
  if (sqlite3_close (copy) != SQLITE_OK && ok)
    ok = tx_store_set_code_error (error, sqlite3_errcode (copy), _("Could not finish the copy"));
  if (ok)
    ok = sync_file (path, error);
  if (!ok)
    remove_database_file (path);

  return ok;
}

static gboolean write_from (sqlite3     *from,
                            const char  *path,
                            GError     **error);

/**
 * tx_backup_write:
 * @path: the file to write; replaced only when the copy is complete and
 *   checked
 *
 * Copies the whole database to @path (mode 0600), as `tongxin-cli
 * backup` does: to a temporary file first, checked, then renamed.
 */
gboolean
tx_backup_write (TxStore     *store,
                 const char  *path,
                 GError     **error)
{
  g_return_val_if_fail (TX_IS_STORE (store), FALSE);

  return write_from (tx_store_get_db (store), path, error);
}

/* tx_backup_write() from any connection to the database. */
static gboolean
write_from (sqlite3     *from,
            const char  *path,
            GError     **error)
{
  g_autofree char *tmp_path = g_strdup_printf ("%s.part-%d", path, (int) getpid ());
  g_autoptr(GError) local_error = NULL;

  remove_database_file (tmp_path);
  if (!copy_to_new_file (from, tmp_path, &local_error) ||
      !verify_copy (tmp_path, &local_error))
    {
      remove_database_file (tmp_path);
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_WRITE,
                   _("Could not write the backup “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      remove_database_file (tmp_path);
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_WRITE,
                   _("Could not write the backup “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* The daily backups kept: the newest of each of the last days, weeks
 * and months that have one.  @daily is newest first. */
static GHashTable *
choose_daily_kept (GPtrArray *daily)
{
  GHashTable *kept = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) weeks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) months = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < daily->len; i++)
    {
      TxBackup *backup = g_ptr_array_index (daily, i);
      char *day = g_date_time_format (backup->taken, "%Y-%m-%d");
      char *week = g_date_time_format (backup->taken, "%G-W%V");
      char *month = g_date_time_format (backup->taken, "%Y-%m");

      if (!g_hash_table_contains (days, day) && g_hash_table_size (days) < TX_BACKUP_KEEP_DAYS)
        {
          g_hash_table_add (days, g_strdup (day));
          g_hash_table_add (kept, backup);
        }
      if (!g_hash_table_contains (weeks, week) && g_hash_table_size (weeks) < TX_BACKUP_KEEP_WEEKS)
        {
          g_hash_table_add (weeks, g_strdup (week));
          g_hash_table_add (kept, backup);
        }
      if (!g_hash_table_contains (months, month) && g_hash_table_size (months) < TX_BACKUP_KEEP_MONTHS)
        {
          g_hash_table_add (months, g_strdup (month));
          g_hash_table_add (kept, backup);
        }

      g_free (day);
      g_free (week);
      g_free (month);
    }

  return kept;
}

/* Removes the backups no longer kept: of the others than daily ones,
 * all but the newest @others_kept. */
static void
prune (const char *db_path,
       guint       others_kept)
{
  g_autoptr(GPtrArray) backups = tx_backup_list (db_path, NULL);
  g_autoptr(GPtrArray) daily = g_ptr_array_new ();
  g_autoptr(GHashTable) kept = NULL;
  guint others = 0;

  if (backups == NULL)
    return;

  for (guint i = 0; i < backups->len; i++)
    {
      TxBackup *backup = g_ptr_array_index (backups, i);

      if (backup->kind == TX_BACKUP_DAILY)
        g_ptr_array_add (daily, backup);
    }
  kept = choose_daily_kept (daily);

  for (guint i = 0; i < backups->len; i++)
    {
      TxBackup *backup = g_ptr_array_index (backups, i);
      gboolean keep = backup->kind == TX_BACKUP_DAILY
                      ? g_hash_table_contains (kept, backup)
                      : others++ < others_kept;

      if (!keep)
        {
          g_debug ("Removing the backup %s, no longer kept", backup->path);
          if (g_unlink (backup->path) != 0)
            g_debug ("Could not remove %s: %s", backup->path, g_strerror (errno));
        }
    }
}

/* Takes a backup of the database at @db_path, read through @from. */
static TxBackup *
take_from (sqlite3       *from,
           const char    *db_path,
           TxBackupKind   kind,
           GDateTime     *now,
           guint          others_kept,
           GError       **error)
{
  g_autofree char *folder = tx_backup_dup_folder (db_path);
  g_autofree char *stamp = NULL;
  g_autofree char *path = NULL;
  g_autoptr(TxBackup) backup = NULL;
  GStatBuf info;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_WRITE,
                   _("Could not create the folder of backups “%s”: %s"), folder, g_strerror (saved_errno));
      return NULL;
    }

  /* what a backup stopped half-way left */
  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        const char *part = strstr (name, ".db.part");

        if (part != NULL)
          {
            g_autofree char *prefix = g_strndup (name, part - name + strlen (".db.part"));

            remove_stale (folder, prefix);
          }
      }
  }

  /* never over another backup */
  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  for (guint n = 1; path == NULL || g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_autofree char *name = n == 1
                              ? g_strdup_printf ("%s-%s.db", kind_keys[kind], stamp)
                              : g_strdup_printf ("%s-%s-%u.db", kind_keys[kind], stamp, n);

      g_free (path);
      path = g_build_filename (folder, name, NULL);
    }

  if (!write_from (from, path, error))
    return NULL;

  backup = g_new0 (TxBackup, 1);
  backup->path = g_steal_pointer (&path);
  backup->kind = kind;
  backup->taken = g_date_time_ref (now);
  if (g_stat (backup->path, &info) == 0)
    backup->size = info.st_size;

  prune (db_path, others_kept);

  return g_steal_pointer (&backup);
}

/**
 * tx_backup_take:
 * @now: when, as the file is named (the clock, or the day of a test)
 *
 * Takes a backup into the folder beside the database, checks it, and
 * removes those no longer kept.
 *
 * Returns: (transfer full): the backup taken, or %NULL with @error set
 */
TxBackup *
tx_backup_take (TxStore       *store,
                TxBackupKind   kind,
                GDateTime     *now,
                GError       **error)
{
  g_return_val_if_fail (TX_IS_STORE (store), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  return take_from (tx_store_get_db (store), tx_store_get_path (store), kind, now,
                    tx_settings_get_backups_kept (tx_store_get_settings (store)), error);
}

/* Whether a change to the store may lose records it holds: a database
 * with nothing in it yet, or one that cannot be written, is not backed
 * up before a change. */
static gboolean
has_records_to_keep (TxStore *store)
{
  return !tx_store_is_read_only (store) && tx_store_holds_records (store);
}

/**
 * tx_backup_take_before_change:
 * @kind: why: %TX_BACKUP_BEFORE_IMPORT
 * @today: the day of the change, or %TX_DATE_NONE for the clock's
 *
 * @undecided: (out) (optional) (nullable): where to keep the backup
 *   taken until the change is made or given up (tx_backup_settle());
 *   %NULL to count it among the backups kept at once
 *
 * Backs up a database that holds records before a change that may
 * touch many of them (an import): what was there can always be had
 * back.  A database with nothing in it yet is not backed up.
 *
 * Returns: %FALSE with @error set when the backup could not be taken:
 *   the change must then not be made
 */
gboolean
tx_backup_take_before_change (TxStore       *store,
                              TxBackupKind   kind,
                              TxDate         today,
                              TxBackup     **undecided,
                              GError       **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(TxBackup) backup = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TX_IS_STORE (store), FALSE);

  if (undecided != NULL)
    *undecided = NULL;

  if (!has_records_to_keep (store))
    return TRUE;

  now = today != TX_DATE_NONE ? tx_backup_dup_now (today) : g_date_time_new_now_local ();
  /* an undecided backup removes none of the others yet */
  backup = take_from (tx_store_get_db (store), tx_store_get_path (store), kind, now,
                      undecided != NULL ? G_MAXUINT : (guint) tx_settings_get_backups_kept (tx_store_get_settings (store)),
                      &local_error);
  if (backup == NULL)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_WRITE,
                   _("The database could not be backed up first, so nothing was changed: %s"),
                   local_error->message);
      return FALSE;
    }

  if (undecided != NULL)
    *undecided = g_steal_pointer (&backup);

  return TRUE;
}

struct _TxBackupJob {
  GThread   *thread;
  char      *db_path;
  GDateTime *now;
  TxBackup  *backup;
  GError    *error;
};

/* tx_backup_take_before_change() with a connection of its own, which
 * reads the database as it was when the write began. */
static gpointer
take_before_change_thread (gpointer data)
{
  TxBackupJob *job = data;
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db = NULL;

#ifdef __linux__
  /* with what the import's threads leave of the processors: on two, the
   * import of a city's file took a tenth longer with the copy at their
   * priority.  The import waits for it before it commits. */
  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10);
#endif

  if (tx_store_open_db_read_only (job->db_path, &db) != SQLITE_OK ||
      !tx_store_register_functions (db))
    tx_store_set_code_error (&local_error, sqlite3_errcode (db), _("Could not read the database"));
  else
    {
      sqlite3_busy_timeout (db, 5000);
      /* the kind of tx_backup_take_before_change()'s callers */
      job->backup = take_from (db, job->db_path, TX_BACKUP_BEFORE_IMPORT, job->now, G_MAXUINT, &local_error);
    }
  sqlite3_close_v2 (db);

  if (job->backup == NULL)
    g_set_error (&job->error, TX_STORE_ERROR, TX_STORE_ERROR_WRITE,
                 _("The database could not be backed up first, so nothing was changed: %s"),
                 local_error->message);

  return NULL;
}

/**
 * tx_backup_start_before_import:
 * @today: the day of the import, or %TX_DATE_NONE for the clock's
 *
 * Starts tx_backup_take_before_change() of an import, in a thread with
 * a connection of its own, while the import writes in a transaction of
 * the store's: the database is in write-ahead mode, so the backup reads
 * it as it was before, whatever the write has done.  The import must
 * not commit before tx_backup_finish_before_import() said the backup
 * was taken.  The thread copies and checks a city's database (a second
 * or more) while the import reads its file.
 *
 * Returns: (transfer full) (nullable): the backup under way; %NULL when
 *   the database holds nothing to back up
 */
TxBackupJob *
tx_backup_start_before_import (TxStore *store,
                               TxDate   today)
{
  TxBackupJob *job;

  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  if (!has_records_to_keep (store))
    return NULL;

  job = g_new0 (TxBackupJob, 1);
  job->db_path = g_strdup (tx_store_get_path (store));
  job->now = today != TX_DATE_NONE ? tx_backup_dup_now (today) : g_date_time_new_now_local ();
  job->thread = g_thread_new ("tx-backup", take_before_change_thread, job);

  return job;
}

/**
 * tx_backup_finish_before_import:
 * @job: (transfer full): from tx_backup_start_before_import()
 * @undecided: (out): the backup taken, for tx_backup_settle()
 *
 * Waits for the backup to be taken.
 *
 * Returns: %FALSE with @error set when it could not be: the import must
 *   then be undone
 */
gboolean
tx_backup_finish_before_import (TxBackupJob  *job,
                                TxBackup    **undecided,
                                GError      **error)
{
  gboolean taken;

  g_return_val_if_fail (job != NULL, FALSE);

  g_thread_join (job->thread);
  taken = job->backup != NULL;
  *undecided = g_steal_pointer (&job->backup);
  if (!taken)
    g_propagate_error (error, g_steal_pointer (&job->error));
  g_clear_error (&job->error);
  g_free (job->db_path);
  g_date_time_unref (job->now);
  g_free (job);

  return taken;
}

/**
 * tx_backup_settle:
 * @backup: (transfer full) (nullable): what
 *   tx_backup_take_before_change() gave as undecided
 * @changed: whether the change was made
 *
 * Keeps the backup taken before a change that was made, and removes
 * those no longer kept; removes it when the change was given up, as if
 * it had never been taken: a file refused pushes out no earlier backup.
 */
void
tx_backup_settle (TxStore   *store,
                  TxBackup  *backup,
                  gboolean   changed)
{
  g_autoptr(TxBackup) settled = backup;

  g_return_if_fail (TX_IS_STORE (store));

  if (settled == NULL)
    return;

  if (changed)
    prune (tx_store_get_path (store), tx_settings_get_backups_kept (tx_store_get_settings (store)));
  else
    remove_database_file (settled->path);
}

/**
 * tx_backup_take_before_update:
 *
 * tx_backup_take() of a database whose schema is about to be updated:
 * its settings are not read (they may be of the old schema), so none
 * of the other backups is removed this time.
 */
TxBackup *
tx_backup_take_before_update (TxStore    *store,
                              GDateTime  *now,
                              GError    **error)
{
  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  return take_from (tx_store_get_db (store), tx_store_get_path (store), TX_BACKUP_BEFORE_UPDATE, now,
                    G_MAXUINT, error);
}

/* Whether the daily backup of @now's day is still to take. */
static gboolean
daily_needed (const char  *db_path,
              GDateTime   *now,
              GError     **error)
{
  g_autoptr(GPtrArray) backups = tx_backup_list (db_path, error);

  if (backups == NULL)
    return FALSE;

  for (guint i = 0; i < backups->len; i++)
    {
      TxBackup *backup = g_ptr_array_index (backups, i);

      if (backup->kind == TX_BACKUP_DAILY &&
          g_date_time_get_year (backup->taken) == g_date_time_get_year (now) &&
          g_date_time_get_day_of_year (backup->taken) == g_date_time_get_day_of_year (now))
        return FALSE;
    }

  return TRUE;
}

/**
 * tx_backup_take_daily:
 * @now: the day, and the time the file is named by
 *
 * Takes the daily backup, unless there is one of @now's day already or
 * the store cannot be written (its backups could not be either).
 *
 * Returns: (transfer full) (nullable): the backup taken; %NULL with
 *   @error unset when none was needed
 */
TxBackup *
tx_backup_take_daily (TxStore    *store,
                      GDateTime  *now,
                      GError    **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  if (tx_store_is_read_only (store))
    return NULL;

  if (!daily_needed (tx_store_get_path (store), now, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return tx_backup_take (store, TX_BACKUP_DAILY, now, error);
}

typedef struct {
  char      *db_path;
  GDateTime *now;
  guint      others_kept;
} DailyJob;

static void
daily_job_free (DailyJob *job)
{
  g_free (job->db_path);
  g_date_time_unref (job->now);
  g_free (job);
}

/* In a thread of its own, with a connection of its own: the window
 * does not wait for a large database to be copied and checked. */
static void
take_daily_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  DailyJob *job = task_data;
  g_autoptr(GError) error = NULL;
  TxBackup *backup = NULL;
  sqlite3 *db = NULL;

  if (!daily_needed (job->db_path, job->now, &error))
    {
      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, NULL, NULL);
      return;
    }

  if (tx_store_open_db_read_only (job->db_path, &db) != SQLITE_OK ||
      !tx_store_register_functions (db))
    {
      tx_store_set_code_error (&error, sqlite3_errcode (db), _("Could not read the database"));
      sqlite3_close_v2 (db);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  sqlite3_busy_timeout (db, 5000);

  backup = take_from (db, job->db_path, TX_BACKUP_DAILY, job->now, job->others_kept, &error);
  sqlite3_close_v2 (db);

  if (backup == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, backup, (GDestroyNotify) tx_backup_free);
}

/**
 * tx_backup_take_daily_async:
 *
 * tx_backup_take_daily() in a thread, with a connection of its own: the
 * store stays free for the window meanwhile.
 */
void
tx_backup_take_daily_async (TxStore             *store,
                            GDateTime           *now,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DailyJob *job;

  g_return_if_fail (TX_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, tx_backup_take_daily_async);

  if (tx_store_is_read_only (store))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  job = g_new0 (DailyJob, 1);
  job->db_path = g_strdup (tx_store_get_path (store));
  job->now = g_date_time_ref (now);
  job->others_kept = tx_settings_get_backups_kept (tx_store_get_settings (store));
  g_task_set_task_data (task, job, (GDestroyNotify) daily_job_free);
  g_task_run_in_thread (task, take_daily_thread);
}

/**
 * tx_backup_take_daily_finish:
 *
 * Returns: (transfer full) (nullable): the backup taken; %NULL with
 *   @error unset when none was needed
 */
TxBackup *
tx_backup_take_daily_finish (TxStore       *store,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * tx_backup_restore:
 * @path: a backup (one of tx_backup_list(), or any file the clerk has)
 * @now: when, as the backup of the data replaced is named
 * @replaced: (out) (optional) (transfer full): the backup of the data
 *   the restore replaced
 *
 * Replaces everything in the store with the backup at @path.  The
 * backup is checked first (a sound Tongxin database, of a schema this
 * version reads) and nothing is changed if it is not; the data replaced
 * are backed up first, and kept.
 */
gboolean
tx_backup_restore (TxStore     *store,
                   const char  *path,
                   GDateTime   *now,
                   TxBackup   **replaced,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(TxStore) scratch = NULL;
  g_autoptr(TxBackup) before = NULL;
  g_autofree char *scratch_path = NULL;
  OpenBackup source = { NULL, };
  gboolean ok;

  g_return_val_if_fail (TX_IS_STORE (store), FALSE);

  if (!tx_store_check_writable (store, error))
    return FALSE;

  if (!open_backup (path, TRUE, &source, error))
    return FALSE;

  /* what a restore stopped half-way left */
  {
    g_autofree char *dir = g_path_get_dirname (tx_store_get_path (store));
    g_autofree char *base = g_path_get_basename (tx_store_get_path (store));
    g_autofree char *prefix = g_strconcat (base, ".restoring", NULL);

    remove_stale (dir, prefix);
  }

  /* a copy beside the database, brought to this version's schema, so
   * that neither the backup nor the database is touched before all is
   * known to work */
  scratch_path = g_strdup_printf ("%s.restoring-%d", tx_store_get_path (store), (int) getpid ());
  remove_database_file (scratch_path);
  ok = copy_to_new_file (source.db, scratch_path, &local_error);
  close_backup (&source);
  if (ok)
    scratch = tx_store_open_full (scratch_path, TX_STORE_OPEN_NO_BACKUP, &local_error);
  if (scratch == NULL)
    {
      remove_database_file (scratch_path);
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_WRITE,
                   _("Could not restore from “%s”; nothing was changed. (%s)"), path, local_error->message);
      return FALSE;
    }

  /* SQLite copies into a database in WAL mode only pages of its own
   * size, and an older backup may have others: the copy is made in
   * rollback mode, one transaction as well. */
  before = tx_backup_take (store, TX_BACKUP_BEFORE_RESTORE, now, &local_error);
  if (before != NULL)
    {
      sqlite3_exec (tx_store_get_db (store), "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
      ok = tx_store_copy_db (tx_store_get_db (scratch), tx_store_get_db (store), &local_error);
      sqlite3_exec (tx_store_get_db (store), "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
      tx_store_forget_stamps (store);
    }
  if (before == NULL || !ok)
    {
      g_clear_object (&scratch);
      remove_database_file (scratch_path);
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_WRITE,
                   _("Could not restore from “%s”; nothing was changed. (%s)"), path, local_error->message);
      return FALSE;
    }

  g_clear_object (&scratch);
  remove_database_file (scratch_path);

  tx_store_forget_statements (store);
  tx_store_emit_changed (store, "all");

  if (replaced != NULL)
    *replaced = g_steal_pointer (&before);
  return TRUE;
}
