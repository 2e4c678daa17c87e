/* test-backup.c — backups taken without being asked, kept in turn, and
 * restores that can never destroy data
 *
 * Every test works in a folder of its own, on the sample data dated
 * 2026-11-27, and names its backups with times it gives: nothing reads
 * the clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tx-backup.h"
#include "tx-exchange.h"
#include "tx-records.h"
#include "tx-roster-import.h"
#include "tx-roster.h"
#include "tx-settings.h"
#include "tx-store.h"
#include "tx-test-store.h"

typedef struct {
  char    *dir;
  char    *path;
  TxStore *store;
} Fixture;

static GDateTime *
at (int year,
    int month,
    int day,
    int hour,
    int minute,
    int second)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");

  return g_date_time_new (zone, year, month, day, hour, minute, second);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tongxin-test-backup-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "tongxin.db", NULL);
  f->store = tx_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (tx_exchange_load_demo (f->store, tx_date_new (2026, 11, 27), NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->store);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->path);
  g_free (f->dir);
}

/* The whole database as SQL, to compare before and after. */
static char *
dump (const char *path)
{
  g_autofree char *cmd = g_strdup_printf ("sqlite3 '%s' .dump", path);
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  return out;
}

static guint
count_people (TxStore *store)
{
  return tx_store_count (store, "person");
}

static guint
count_backups (Fixture      *f,
               TxBackupKind  kind)
{
  g_autoptr(GPtrArray) backups = tx_backup_list (f->path, NULL);
  guint n = 0;

  for (guint i = 0; i < backups->len; i++)
    if (((TxBackup *) g_ptr_array_index (backups, i))->kind == kind)
      n++;

  return n;
}

static void
write_file (const char *path,
            const char *content,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, content, length, &error));
  g_assert_no_error (error);
}

/* A restore from something that is not a sound Tongxin backup says what
 * is wrong, changes nothing, and takes no backup of what it kept. */
static void
assert_refused (Fixture    *f,
                const char *candidate,
                const char *words)
{
  g_autofree char *before = dump (f->path);
  g_autofree char *after = NULL;
  g_autoptr(GDateTime) now = at (2026, 11, 27, 10, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxBackup) replaced = NULL;

  g_assert_false (tx_backup_restore (f->store, candidate, now, &replaced, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, words));
  g_assert_null (replaced);

  after = dump (f->path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (count_backups (f, TX_BACKUP_BEFORE_RESTORE), ==, 0);
}

static void
test_restore_refuses (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *empty = g_build_filename (f->dir, "empty.db", NULL);
  g_autofree char *text = g_build_filename (f->dir, "notes.db", NULL);
  g_autofree char *foreign = g_build_filename (f->dir, "foreign.db", NULL);
  g_autofree char *newer = g_build_filename (f->dir, "newer.db", NULL);
  g_autofree char *damaged = g_build_filename (f->dir, "damaged.db", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  write_file (empty, "", 0);
  assert_refused (f, empty, "empty");

  write_file (text, "这不是数据库，是一份会议记录。\n", -1);
  assert_refused (f, text, "not a database");

  assert_refused (f, missing, "There is no file");

  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (f, foreign, "another program");

  g_assert_true (tx_backup_write (f->store, newer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (f, newer, "newer version");

  /* garbage over the pages of the people */
  g_assert_true (tx_backup_write (f->store, damaged, &error));
  tx_test_damage_table (damaged, "person");
  assert_refused (f, damaged, "damaged");
}

/* What a backup's -wal holds is restored too, and the data replaced are
 * kept, each restore in a file of its own, never overwritten. */
static void
test_restore_keeps_everything (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *candidate = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *original = dump (f->path);
  g_autoptr(GDateTime) first_time = at (2026, 11, 27, 10, 0, 0);
  g_autoptr(GDateTime) second_time = at (2026, 11, 27, 10, 0, 0);
  g_autoptr(TxBackup) first = NULL;
  g_autoptr(TxBackup) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  guint people = count_people (f->store);
  sqlite3 *db = NULL;
  GStatBuf info;

  /* a copy whose last commit is only in its -wal, as a database copied
   * with its -wal while Tongxin had it open */
  g_assert_true (tx_backup_write (f->store, candidate, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (candidate, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; "
                                     "UPDATE person SET notes = '只在 WAL 里的备注' "
                                     "WHERE id = (SELECT min(id) FROM person);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  {
    /* copy the three files while the connection still holds the WAL */
    g_autofree char *wal = g_strconcat (candidate, "-wal", NULL);
    g_autofree char *moved = g_build_filename (f->dir, "moved.db", NULL);
    g_autofree char *moved_wal = g_strconcat (moved, "-wal", NULL);
    g_autofree gchar *content = NULL;
    gsize length = 0;

    g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_get_contents (candidate, &content, &length, NULL));
    write_file (moved, content, length);
    g_clear_pointer (&content, g_free);
    g_assert_true (g_file_get_contents (wal, &content, &length, NULL));
    g_assert_cmpuint (length, >, 0);
    write_file (moved_wal, content, length);
    sqlite3_close (db);
    g_free (candidate);
    candidate = g_steal_pointer (&moved);
  }

  g_assert_true (tx_backup_restore (f->store, candidate, first_time, &first, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_people (f->store), ==, people);
  {
    g_autoptr(GPtrArray) rows = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (f->store),
                                         "SELECT count(*) FROM person WHERE notes = '只在 WAL 里的备注'",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
  }

  /* the data replaced, kept 0600 and whole */
  g_assert_nonnull (first);
  g_assert_cmpint (first->kind, ==, TX_BACKUP_BEFORE_RESTORE);
  g_assert_cmpint (g_stat (first->path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  kept = dump (first->path);
  g_assert_cmpstr (kept, ==, original);

  /* a second restore in the same second keeps its own copy */
  g_assert_true (tx_backup_restore (f->store, first->path, second_time, &second, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (second->path, !=, first->path);
  g_assert_true (g_file_test (first->path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (second->path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_backups (f, TX_BACKUP_BEFORE_RESTORE), ==, 2);
  {
    g_autofree char *now = dump (f->path);

    g_assert_cmpstr (now, ==, original);
  }

  /* the backup the clerk chose is left as it was found: no -shm made */
  {
    g_autofree char *shm = g_strconcat (candidate, "-shm", NULL);

    g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  }
}

/* Once a day; every backup checked and private; the folder beside. */
static void
test_daily (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GDateTime) morning = at (2026, 11, 27, 8, 30, 0);
  g_autoptr(GDateTime) evening = at (2026, 11, 27, 18, 0, 0);
  g_autoptr(GDateTime) tomorrow = at (2026, 11, 28, 8, 30, 0);
  g_autoptr(TxBackup) first = NULL;
  g_autoptr(TxBackup) again = NULL;
  g_autoptr(TxBackup) next = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = tx_backup_dup_folder (f->path);
  g_autofree char *expected = g_build_filename (f->dir, "tongxin-backups", NULL);
  GStatBuf info;

  g_assert_cmpstr (folder, ==, expected);

  first = tx_backup_take_daily (f->store, morning, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_true (g_str_has_suffix (first->path, "daily-20261127-083000.db"));
  g_assert_no_error (error);
  g_assert_true (tx_backup_verify (first->path, &error));
  g_assert_cmpint (g_stat (first->path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (folder, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0700);

  again = tx_backup_take_daily (f->store, evening, &error);
  g_assert_no_error (error);
  g_assert_null (again);

  next = tx_backup_take_daily (f->store, tomorrow, &error);
  g_assert_no_error (error);
  g_assert_nonnull (next);
  g_assert_cmpuint (count_backups (f, TX_BACKUP_DAILY), ==, 2);

  /* no temporary file is left in the folder */
  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_true (g_str_has_prefix (name, "daily-") && g_str_has_suffix (name, ".db"));
  }
}

/* What a backup or a restore killed half-way left is removed the next
 * time; what a running one writes is not. */
static void
test_stale_files (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *folder = tx_backup_dup_folder (f->path);
  g_autofree char *stale_part = NULL;
  g_autofree char *live_part = NULL;
  g_autofree char *stale_scratch = NULL;
  g_autoptr(GDateTime) now = at (2026, 11, 27, 9, 0, 0);
  g_autoptr(TxBackup) backup = NULL;
  g_autoptr(TxBackup) replaced = NULL;
  g_autoptr(GError) error = NULL;
  int gone = 4000000;

  /* a process number no process has */
  while (kill (gone, 0) == 0 || errno != ESRCH)
    gone--;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  stale_part = g_strdup_printf ("%s/daily-20261126-090000.db.part-%d", folder, gone);
  live_part = g_strdup_printf ("%s/daily-20261126-090000.db.part-%d", folder, (int) getppid ());
  stale_scratch = g_strdup_printf ("%s.restoring-%d", f->path, gone);
  write_file (stale_part, "half a backup", -1);
  write_file (live_part, "a backup being written", -1);
  write_file (stale_scratch, "half a restore", -1);

  backup = tx_backup_take (f->store, TX_BACKUP_MANUAL, now, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale_part, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live_part, G_FILE_TEST_EXISTS));

  g_assert_true (tx_backup_restore (f->store, backup->path, now, &replaced, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale_scratch, G_FILE_TEST_EXISTS));
}

/* A backup every day for 400 days: the newest of each of the last 7
 * days, 4 weeks and 12 months are kept, and nothing else. */
static void
test_rotation (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GDateTime) start = at (2025, 10, 24, 9, 0, 0);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GHashTable) months = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDateTime) last = NULL;
  guint within_week = 0;

  for (int day = 0; day < 400; day++)
    {
      g_autoptr(GDateTime) now = g_date_time_add_days (start, day);
      g_autoptr(TxBackup) backup = NULL;
      g_autoptr(GError) error = NULL;

      backup = tx_backup_take_daily (f->store, now, &error);
      g_assert_no_error (error);
      g_assert_nonnull (backup);
      if (day == 399)
        last = g_date_time_ref (now);
    }

  backups = tx_backup_list (f->path, NULL);
  for (guint i = 0; i < backups->len; i++)
    {
      TxBackup *backup = g_ptr_array_index (backups, i);
      GTimeSpan age = g_date_time_difference (last, backup->taken);

      g_hash_table_add (months, g_date_time_format (backup->taken, "%Y-%m"));
      if (age < 7 * G_TIME_SPAN_DAY)
        within_week++;
      /* nothing older than a year is kept */
      g_assert_cmpint (age, <, 366 * G_TIME_SPAN_DAY);
    }

  /* the last 7 days, each */
  g_assert_cmpuint (within_week, ==, 7);
  /* 12 months, each with the newest of its days */
  g_assert_cmpuint (g_hash_table_size (months), ==, 12);
  /* 7 days + at most 3 more weeks + at most 11 more months */
  g_assert_cmpuint (backups->len, >=, 7 + 3);
  g_assert_cmpuint (backups->len, <=, 7 + 3 + 11);
}

/* Of the backups by hand and before changes, the setting says how many
 * are kept: the newest. */
static void
test_others_kept (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;

  g_assert_true (tx_settings_set_text (tx_store_get_settings (f->store), "backups-kept", "3", &error));
  g_assert_no_error (error);

  for (int minute = 0; minute < 5; minute++)
    {
      g_autoptr(GDateTime) now = at (2026, 11, 27, 9, minute, 0);
      g_autoptr(TxBackup) backup = tx_backup_take (f->store, minute % 2 ? TX_BACKUP_MANUAL : TX_BACKUP_BEFORE_IMPORT,
                                                   now, &error);

      g_assert_no_error (error);
      g_assert_nonnull (backup);
    }

  backups = tx_backup_list (f->path, NULL);
  g_assert_cmpuint (backups->len, ==, 3);
  for (guint i = 0; i < backups->len; i++)
    {
      TxBackup *backup = g_ptr_array_index (backups, i);

      g_assert_cmpint (g_date_time_get_minute (backup->taken), ==, 4 - (int) i);
    }

  g_assert_false (tx_settings_set_text (tx_store_get_settings (f->store), "backups-kept", "0", &error));
  g_assert_nonnull (error);
}

/* Before an import writes, what was there is backed up; an import into
 * an empty database, a dry run and a refused file take no backup. */
static void
test_before_import (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *xml = g_build_filename (f->dir, "city.xml", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.xml", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "people.csv", NULL);
  g_autofree char *empty_path = g_build_filename (f->dir, "empty", "tongxin.db", NULL);
  g_autoptr(TxStore) empty = NULL;
  g_autoptr(TxRosterImport) import = NULL;
  g_autoptr(GError) error = NULL;
  TxImportOptions options = { 0, };
  TxImportReport report;

  g_assert_true (tx_exchange_export (f->store, xml, &error));
  g_assert_no_error (error);
  write_file (bad, "<?xml version=\"1.0\"?><not-an-exchange/>", -1);
  write_file (csv, "姓名,性别,乡镇(街道),身份类别\n新来的人,男,凤山镇,群众代表\n", -1);

  /* into an empty database: nothing to keep */
  empty = tx_store_open (empty_path, &error);
  g_assert_no_error (error);
  options.today = tx_date_new (2026, 11, 27);
  g_assert_true (tx_exchange_import_file (empty, xml, &options, &report, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) backups = tx_backup_list (empty_path, NULL);

    g_assert_cmpuint (backups->len, ==, 0);
  }

  /* a dry run and a refused file: none */
  options.dry_run = TRUE;
  g_assert_true (tx_exchange_import_file (f->store, xml, &options, &report, &error));
  g_assert_no_error (error);
  options.dry_run = FALSE;
  g_assert_false (tx_exchange_import_file (f->store, bad, &options, &report, &error));
  g_clear_error (&error);
  g_assert_cmpuint (count_backups (f, TX_BACKUP_BEFORE_IMPORT), ==, 0);

  /* an exchange import, then a roster import: one each */
  g_assert_true (tx_exchange_import_file (f->store, xml, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_backups (f, TX_BACKUP_BEFORE_IMPORT), ==, 1);

  import = tx_roster_import_run (f->store, csv, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tx_roster_import_get_problems (import)->len, ==, 0);
  g_assert_cmpuint (count_backups (f, TX_BACKUP_BEFORE_IMPORT), ==, 2);
}

/* The names of the backups beside the database, newest first. */
static char *
list_backups (Fixture *f)
{
  g_autoptr(GPtrArray) backups = tx_backup_list (f->path, NULL);
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < backups->len; i++)
    {
      g_autofree char *name = g_path_get_basename (((TxBackup *) g_ptr_array_index (backups, i))->path);

      g_string_append_printf (names, "%s\n", name);
    }

  return g_string_free (names, FALSE);
}

/* A file refused after the backup before it was taken (its last record
 * is wrong) leaves no backup, and pushes out none of the earlier ones:
 * an exchange file and a roster (several exchange files at once:
 * xml/second-of-two-refused in tests/bad-inputs). */
static void
test_refused_import_keeps_backups (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *xml = g_build_filename (f->dir, "city.xml", NULL);
  g_autofree char *late = g_build_filename (f->dir, "late-fault.xml", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "people.csv", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  g_autoptr(TxRosterImport) import = NULL;
  g_autoptr(GError) error = NULL;
  TxImportOptions options = { 0, };
  TxImportReport report;
  char *last, *end;
  guint people;

  g_assert_true (tx_settings_set_text (tx_store_get_settings (f->store), "backups-kept", "2", &error));
  g_assert_no_error (error);
  for (int minute = 0; minute < 2; minute++)
    {
      g_autoptr(GDateTime) now = at (2026, 11, 20, 9, minute, 0);
      g_autoptr(TxBackup) backup = tx_backup_take (f->store, TX_BACKUP_MANUAL, now, &error);

      g_assert_no_error (error);
    }
  before = list_backups (f);
  g_assert_cmpstr (before, ==, "manual-20261120-090100.db\nmanual-20261120-090000.db\n");
  people = count_people (f->store);

  /* the export with its last category one no roster has, and without
   * its digest: only the reading of its records finds the fault */
  g_assert_true (tx_exchange_export (f->store, xml, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (xml, &text, NULL, &error));
  g_assert_no_error (error);
  last = g_strrstr (text, "<category>resident</category>");
  g_assert_nonnull (last);
  memcpy (last, "<category>nonsense</category>", strlen ("<category>resident</category>"));
  end = strstr (text, "</tongxin>");
  g_assert_nonnull (end);
  end[strlen ("</tongxin>")] = '\0';
  write_file (late, text, -1);

  options.today = tx_date_new (2026, 11, 27);
  g_assert_false (tx_exchange_import_file (f->store, late, &options, &report, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "<category>"));
  g_clear_error (&error);
  after = list_backups (f);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* a roster whose second line has no name */
  write_file (csv, "姓名,性别,乡镇(街道),身份类别\n新来的人,男,凤山镇,群众代表\n,男,凤山镇,群众代表\n", -1);
  import = tx_roster_import_run (f->store, csv, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tx_roster_import_get_problems (import)->len, >, 0);
  after = list_backups (f);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);
  g_assert_cmpuint (count_people (f->store), ==, people);

  /* a file that is right: its backup is kept, and the oldest goes */
  g_assert_true (tx_exchange_import_file (f->store, xml, &options, &report, &error));
  g_assert_no_error (error);
  after = list_backups (f);
  g_assert_true (g_str_has_prefix (after, "before-import-20261127-"));
  g_assert_true (g_str_has_suffix (after, ".db\nmanual-20261120-090100.db\n"));
}

/* A database whose schema is updated is backed up first, as it was. */
static void
test_before_update (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 4", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  f->store = tx_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tx_store_get_schema_version (f->store), ==, tx_store_get_latest_version ());

  backups = tx_backup_list (f->path, NULL);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpint (((TxBackup *) g_ptr_array_index (backups, 0))->kind, ==, TX_BACKUP_BEFORE_UPDATE);

  g_assert_cmpint (sqlite3_open (((TxBackup *) g_ptr_array_index (backups, 0))->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 4);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Opened read-only, the store writes nothing, refuses every write with
 * a clear message, and its check finds a sound database sound. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *before = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.db", NULL);
  GStatBuf info;

  g_clear_object (&f->store);
  before = dump (f->path);

  store = tx_store_open_full (f->path, TX_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (tx_store_is_read_only (store));
  g_assert_cmpuint (count_people (store), >, 0);

  problems = tx_store_check (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  g_assert_false (tx_settings_set_text (tx_store_get_settings (store), "feedback-days", "20", &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);
  g_clear_object (&store);

  {
    g_autofree char *after = dump (f->path);

    g_assert_cmpstr (after, ==, before);
  }

  /* neither a missing file nor an empty one becomes a database */
  store = tx_store_open_full (missing, TX_STORE_OPEN_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "There is no database"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  write_file (empty, "", 0);
  g_chmod (empty, 0644);
  store = tx_store_open_full (empty, TX_STORE_OPEN_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "empty"));
  g_assert_cmpint (g_stat (empty, &info), ==, 0);
  g_assert_cmpint (info.st_size, ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0644);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/backup/restore/refuses", Fixture, NULL, fixture_set_up, test_restore_refuses, fixture_tear_down);
  g_test_add ("/backup/restore/keeps-everything", Fixture, NULL, fixture_set_up, test_restore_keeps_everything,
              fixture_tear_down);
  g_test_add ("/backup/daily", Fixture, NULL, fixture_set_up, test_daily, fixture_tear_down);
  g_test_add ("/backup/rotation", Fixture, NULL, fixture_set_up, test_rotation, fixture_tear_down);
  g_test_add ("/backup/stale-files", Fixture, NULL, fixture_set_up, test_stale_files, fixture_tear_down);
  g_test_add ("/backup/others-kept", Fixture, NULL, fixture_set_up, test_others_kept, fixture_tear_down);
  g_test_add ("/backup/before-update", Fixture, NULL, fixture_set_up, test_before_update, fixture_tear_down);
  g_test_add ("/backup/before-import", Fixture, NULL, fixture_set_up, test_before_import, fixture_tear_down);
  g_test_add ("/backup/refused-import-keeps-backups", Fixture, NULL, fixture_set_up,
              test_refused_import_keeps_backups, fixture_tear_down);
  g_test_add ("/backup/read-only", Fixture, NULL, fixture_set_up, test_read_only, fixture_tear_down);

  return g_test_run ();
}
