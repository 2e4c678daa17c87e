/* test-exchange.c — the exchange file: round trip, merge rules, refusals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "tx-backup.h"
#include "tx-digest.h"
#include "tx-exchange.h"
#include "tx-office.h"
#include "tx-records.h"
#include "tx-roster.h"
#include "tx-settings.h"
#include "tx-store.h"

typedef struct {
  char    *dir;
  TxStore *store;
} Fixture;

static TxStore *
open_new_store (Fixture    *f,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  TxStore *store = tx_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
load_demo (TxStore        *store,
           int             year,
           int             month,
           int             day,
           TxImportReport *report)
{
  g_autoptr(GError) error = NULL;
  TxDate today = tx_date_new (year, month, day);

  g_assert_true (tx_exchange_load_demo (store, today, report, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  TxImportReport report;

  f->dir = g_dir_make_tmp ("tongxin-exchange-XXXXXX", NULL);
  f->store = open_new_store (f, "a.db");
  load_demo (f->store, 2026, 11, 27, &report);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->store);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
}

static char *
export_raw (Fixture *f,
            TxStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "export.xml", NULL);
  g_autofree char *text = NULL;

  g_assert_true (tx_exchange_export (store, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
  g_assert_nonnull (g_strstr_len (text, 200, " exported=\""));

  return g_steal_pointer (&text);
}

/* The file's records: its text without its export time, which differs
 * every time, and without the offices that wrote it and that it was
 * written for, which differ from one database to another. */
static char *
export_text (Fixture *f,
             TxStore *store)
{
  g_autoptr(GRegex) exported = g_regex_new (" (exported|office[a-z-]*|to[a-z-]*)=\"[^\"]*\"", 0, 0, NULL);
  /* and its checksum, of all of it */
  g_autoptr(GRegex) digest = g_regex_new ("<\\?tongxin-sha256 [0-9a-f]{64}\\?>\n$", 0, 0, NULL);
  g_autofree char *text = export_raw (f, store);
  g_autofree char *records = g_regex_replace_literal (exported, text, -1, 0, "", 0, NULL);

  return g_regex_replace_literal (digest, records, -1, 0, "", 0, NULL);
}

/* Options of an import on a day of its own, never the machine's. */
static TxImportOptions *
on_day (TxImportOptions *options,
        int              year,
        int              month,
        int              day)
{
  *options = (TxImportOptions) { 0, };
  options->today = tx_date_new (year, month, day);
  return options;
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *text)
{
  /* a file made or changed here is not one of Tongxin's: without the
   * checksum an export ends with, since it no longer matches (see
   * test_digest()) */
  const char *digest = g_strrstr (text, "<?tongxin-sha256 ");
  gssize length = digest != NULL && strlen (digest) == strlen ("<?tongxin-sha256 ?>\n") + 64 ? digest - text : -1;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, length, NULL));
  return path;
}

static void
test_demo_contents (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) townships = tx_store_list_townships (f->store, &error);
  g_autoptr(GPtrArray) consultations = tx_store_list_consultations (f->store, 0, NULL, &error);
  const char *named[] = {
    "老山寨产业扶贫协商",
    "黄丝江边和凤山古镇提质协商",
    "陆坪小岩和仙桥麒麟山乡村旅游发展协商",
    "古城文化旅游景区暨棚户区改造征收政策协商",
    "双谷村新型农村综合体建设协商",
    "规范城乡酒席办理(治理\"整酒风\")协商",
  };
  gboolean stage_seen[TX_N_STAGES + 1] = { FALSE, };

  g_assert_cmpuint (townships->len, ==, 8);
  g_assert_cmpuint (tx_store_count (f->store, "person"), >=, 120);
  g_assert_cmpuint (consultations->len, >=, 12);
  g_assert_cmpuint (tx_store_count (f->store, "outcome"), >=, 12);

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      g_autoptr(TxConsultation) consultation = tx_store_load_consultation (f->store, named[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (tx_consultation_get_title (consultation), ==, named[i]);
    }

  /* consultations are at every stage, and some are complete */
  for (guint i = 0; i < consultations->len; i++)
    stage_seen[tx_consultation_get_current_stage (g_ptr_array_index (consultations, i))] = TRUE;
  for (guint i = 0; i <= TX_N_STAGES; i++)
    g_assert_true (stage_seen[i]);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) other = open_new_store (f, "b.db");
  g_autofree char *raw = export_raw (f, f->store);
  g_autofree char *first = export_text (f, f->store);
  g_autofree char *path = write_file (f, "first.xml", raw);
  g_autofree char *second = NULL;
  TxImportReport report;
  TxImportOptions options;

  g_assert_true (tx_exchange_import_file (other, path, on_day (&options, 2026, 11, 27), &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.inserted, >, 150);
  g_assert_cmpuint (report.updated, ==, 0);

  second = export_text (f, other);
  g_assert_cmpstr (first, ==, second);
}

/* Every index of the database, with how it is made, one a line */
static char *
index_sql (TxStore *store)
{
  g_autoptr(GString) text = g_string_new ("");
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store),
                                       "SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (text, "%s: %s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_type (stmt, 1) == SQLITE_NULL ? "(key)" : (const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The first column of the first row of @sql */
static char *
sql_text (TxStore    *store,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return text;
}

static const char *
journal_mode (TxStore *store)
{
  static char mode[16];
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store), "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_strlcpy (mode, (const char *) sqlite3_column_text (stmt, 0), sizeof mode);
  sqlite3_finalize (stmt);

  return mode;
}

/* An import into an empty database drops the indexes of the tables it
 * fills and makes them again (the consultations' at the first
 * recommendation, the others at the end): every one is back as a new
 * database has it, whether the import is kept or refused half-way (at
 * its last recommendation, after the consultations' were made). */
static void
test_indexes_kept (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) fresh = open_new_store (f, "fresh.db");
  g_autoptr(TxStore) other = open_new_store (f, "b.db");
  g_autoptr(TxStore) refused = open_new_store (f, "c.db");
  g_autofree char *expected = index_sql (fresh);
  g_autofree char *raw = export_raw (f, f->store);
  g_autofree char *path = write_file (f, "all.xml", raw);
  g_autofree char *bad_path = NULL;
  g_autofree char *got = NULL;
  g_autofree char *check = NULL;
  char *last_outcome;
  GString *bad;
  TxImportOptions options;

  g_assert_nonnull (strstr (expected, "stage_done: CREATE INDEX"));
  g_assert_nonnull (strstr (expected, "participant_person: CREATE INDEX"));
  g_assert_nonnull (strstr (expected, "outcome_feedback: CREATE INDEX"));

  /* the sample, loaded into an empty database by the fixture */
  got = index_sql (f->store);
  g_assert_cmpstr (got, ==, expected);
  g_clear_pointer (&got, g_free);

  g_assert_true (tx_exchange_import_file (other, path, on_day (&options, 2026, 11, 27), NULL, &error));
  g_assert_no_error (error);
  got = index_sql (other);
  g_assert_cmpstr (got, ==, expected);
  g_clear_pointer (&got, g_free);
  /* the consultations' indexes, made at the first recommendation, and
   * the others, made at the end, agree with the rows */
  check = sql_text (other, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  /* written with a rollback journal, and in write-ahead mode again */
  g_assert_cmpstr (journal_mode (other), ==, "wal");

  /* the whole file with its last recommendation's consultation unknown:
   * everyone and every consultation before it was written by then */
  bad = g_string_new (raw);
  last_outcome = g_strrstr (bad->str, "<outcome ");
  g_assert_nonnull (last_outcome);
  last_outcome = strstr (last_outcome, " consultation=\"");
  g_assert_nonnull (last_outcome);
  memcpy (last_outcome + strlen (" consultation=\""), "00000000-0000-4000-8000-000000000000", 36);
  bad_path = write_file (f, "bad.xml", bad->str);
  g_string_free (bad, TRUE);
  g_assert_false (tx_exchange_import_file (refused, bad_path, on_day (&options, 2026, 11, 27), NULL, &error));
  g_assert_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_REFERENCE);
  got = index_sql (refused);
  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpstr (journal_mode (refused), ==, "wal");
  g_assert_false (tx_store_has_records (refused, "person"));
  g_assert_false (tx_store_has_records (refused, "consultation"));
}

static void
test_import_twice (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = export_text (f, f->store);
  g_autofree char *raw = export_raw (f, f->store);
  g_autofree char *path = write_file (f, "again.xml", raw);
  g_autofree char *after = NULL;
  TxImportReport report;
  TxImportOptions options;

  g_assert_true (tx_exchange_import_file (f->store, path, on_day (&options, 2026, 11, 27), &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.inserted, ==, 0);
  g_assert_cmpuint (report.updated, ==, 0);
  g_assert_cmpuint (report.rejected, ==, 0);
  g_assert_cmpuint (report.unchanged, >, 150);

  after = export_text (f, f->store);
  g_assert_cmpstr (before, ==, after);

  /* loading the sample a second time changes nothing either */
  load_demo (f->store, 2026, 11, 27, &report);
  g_assert_cmpuint (report.inserted, ==, 0);
  g_assert_cmpuint (report.updated, ==, 0);
  g_clear_pointer (&after, g_free);
  after = export_text (f, f->store);
  g_assert_cmpstr (before, ==, after);
}

/* sqlite3_exec()'s callback keeping the first column of the last row */
static int
keep_int (void  *data,
          int    n_columns,
          char **values,
          char **names)
{
  *(int *) data = values[0] != NULL ? atoi (values[0]) : -1;
  return 0;
}

static int
sql_int (TxStore    *store,
         const char *sql)
{
  int value = -1;

  g_assert_cmpint (sqlite3_exec (tx_store_get_db (store), sql, keep_int, &value, NULL), ==, SQLITE_OK);
  return value;
}

/* A file of recommendations only, new here, of consultations the
 * database holds, several of one consultation: each is added to its
 * own, whichever was looked up before it. */
static void
test_records_of_records_here (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *raw = export_raw (f, f->store);
  g_autoptr(GRegex) outcome = g_regex_new ("<outcome uuid=\"(.)", G_REGEX_DOTALL, 0, &error);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GString) file = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                          "<tongxin xmlns=\"urn:tongxin:exchange:1\" exported=\"2026-11-27T10:00:00+08:00\">\n");
  g_autofree char *path = NULL;
  int before = tx_store_count (f->store, "outcome");
  TxImportReport report;
  TxImportOptions options;

  g_assert_no_error (error);
  /* each recommendation again, its uuid's first digit changed */
  g_regex_match (outcome, raw, 0, &match);
  while (g_match_info_matches (match))
    {
      int start, end;
      const char *close;

      g_match_info_fetch_pos (match, 1, &start, &end);
      close = strstr (raw + start, "</outcome>");
      g_assert_nonnull (close);
      g_string_append (file, "<outcome uuid=\"");
      g_string_append_c (file, raw[start] == 'f' ? '0' : raw[start] == '9' ? 'a' : raw[start] + 1);
      g_string_append_len (file, raw + end, close - (raw + end));
      g_string_append (file, "</outcome>\n");
      g_match_info_next (match, NULL);
    }
  g_string_append (file, "</tongxin>\n");
  path = write_file (f, "recommendations.xml", file->str);
  g_assert_cmpint (before, >=, 12);

  g_assert_true (tx_exchange_import_file (f->store, path, on_day (&options, 2026, 11, 27), &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.inserted, ==, before);
  g_assert_cmpint (tx_store_count (f->store, "outcome"), ==, 2 * before);

  /* some consultations have several; every copy is its original's */
  g_assert_cmpint (sql_int (f->store, "SELECT max (n) FROM (SELECT count (*) AS n FROM outcome GROUP BY consultation_id)"),
                   >=, 4);
  g_assert_cmpint (sql_int (f->store, "SELECT count (*) FROM outcome a JOIN outcome b "
                                      "ON substr (a.uuid, 2) = substr (b.uuid, 2) AND a.id < b.id "
                                      "AND a.consultation_id = b.consultation_id AND a.title = b.title"),
                   ==, before);

  /* the backup, taken by a thread of its own while the import wrote,
   * holds the database as it was */
  {
    g_autoptr(GPtrArray) backups = tx_backup_list (tx_store_get_path (f->store), &error);
    g_autoptr(TxStore) backup = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (backups->len, ==, 1);
    g_assert_cmpint (((TxBackup *) g_ptr_array_index (backups, 0))->kind, ==, TX_BACKUP_BEFORE_IMPORT);
    backup = tx_store_open (((TxBackup *) g_ptr_array_index (backups, 0))->path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (tx_store_count (backup, "outcome"), ==, before);
  }
}

static void
on_progress (double   fraction,
             gpointer data)
{
  g_array_append_val ((GArray *) data, fraction);
}

/* An import tells how far it is: from 0 to 1, never back, half-way once
 * the file is read; a dry run too. */
static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) other = open_new_store (f, "other.db");
  g_autoptr(GArray) told = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *path = g_build_filename (f->dir, "sample.xml", NULL);
  TxImportReport report = { 0, };
  TxImportOptions options;

  load_demo (other, 2026, 11, 27, &report);
  g_assert_true (tx_exchange_export (other, path, &error));

  for (int dry_run = 1; dry_run >= 0; dry_run--)
    {
      gboolean half_way = FALSE;

      g_array_set_size (told, 0);
      on_day (&options, 2026, 11, 27);
      options.dry_run = dry_run;
      options.progress = on_progress;
      options.progress_data = told;
      g_assert_true (tx_exchange_import_file (f->store, path, &options, &report, &error));
      g_assert_no_error (error);

      g_assert_cmpuint (told->len, >=, 3);
      g_assert_cmpfloat (g_array_index (told, double, 0), ==, 0.0);
      g_assert_cmpfloat (g_array_index (told, double, told->len - 1), ==, 1.0);
      for (guint i = 0; i < told->len; i++)
        {
          half_way |= g_array_index (told, double, i) == 0.5;
          if (i > 0)
            g_assert_cmpfloat (g_array_index (told, double, i), >=, g_array_index (told, double, i - 1));
        }
      g_assert_true (half_way);
    }
  g_assert_cmpuint (tx_store_count (f->store, "person"), ==, tx_store_count (other, "person"));
}

/* The clerk is told in their words: libxml2's are for the log. */
static void
assert_no_libxml2_words (const char *message)
{
  const char *words[] = {
    "Expecting", "Did not expect", "failed to validate", "Error validating", "parser error",
    "Premature end", "Couldn't find", "Opening and ending tag", "xmlSAX2", "XML_PARSE_HUGE",
    "Entity", "entity", "Extra content", "Start tag expected", "Document is empty", "libxml",
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (message, words[i]) != NULL)
      g_error ("libxml2's words reach the clerk: %s", message);
}

static void
assert_refused (Fixture    *f,
                const char *text,
                GQuark      domain,
                int         code,
                const char *expected_in_message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = export_text (f, f->store);
  g_autofree char *path = write_file (f, "bad.xml", text);
  g_autofree char *after = NULL;
  TxImportReport report = { 0, };
  TxImportOptions options;

  g_assert_false (tx_exchange_import_file (f->store, path, on_day (&options, 2026, 11, 27), &report, &error));
  g_assert_error (error, domain, code);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, "bad.xml"));
  if (expected_in_message != NULL)
    g_assert_nonnull (strstr (error->message, expected_in_message));
  assert_no_libxml2_words (error->message);

  after = export_text (f, f->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *full = export_raw (f, f->store);
  g_autofree char *half = g_strndup (full, strlen (full) / 2);

  assert_refused (f, half, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ, "line");
}

/* A file written compressed (*.gz) is read back whole; a copy with a
 * byte changed, its checksum changed or its end cut off is refused
 * before anything is read of it, and nothing changes. */
static void
assert_damaged_refused (Fixture    *f,
                        GBytes     *file,
                        const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = export_text (f, f->store);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *after = NULL;
  g_autoptr(TxStore) fresh = NULL;
  g_autofree char *fresh_name = g_strconcat ("fresh-", name, ".db", NULL);
  g_autoptr(GPtrArray) backups_before = tx_backup_list (tx_store_get_path (f->store), NULL);
  g_autoptr(GPtrArray) backups_after = NULL;
  TxImportReport report = { 0, };
  TxImportOptions options;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (file, NULL), g_bytes_get_size (file), NULL));

  g_assert_false (tx_exchange_import_file (f->store, path, on_day (&options, 2026, 11, 27), &report, &error));
  g_assert_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, "damaged or incomplete: what it holds does not match its checksum"));
  assert_no_libxml2_words (error->message);
  after = export_text (f, f->store);
  g_assert_cmpstr (before, ==, after);
  /* and the backup taken alongside is not kept */
  backups_after = tx_backup_list (tx_store_get_path (f->store), NULL);
  g_assert_cmpuint (backups_after->len, ==, backups_before->len);

  /* the same bytes, given in memory */
  g_clear_error (&error);
  options.display_name = name;
  g_assert_false (tx_exchange_import_bytes (f->store, file, &options, &report, &error));
  g_assert_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "damaged or incomplete: what it holds does not match its checksum"));
  g_free (after);
  after = export_text (f, f->store);
  g_assert_cmpstr (before, ==, after);

  /* nor into a database with nothing yet */
  g_clear_error (&error);
  fresh = open_new_store (f, fresh_name);
  g_assert_false (tx_exchange_import_file (fresh, path, on_day (&options, 2026, 11, 27), &report, &error));
  g_assert_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ);
  g_assert_cmpuint (tx_store_count (fresh, "person"), ==, 0);
  g_assert_cmpuint (tx_store_count (fresh, "township"), ==, 0);
}

static void
test_compressed (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) other = open_new_store (f, "b.db");
  g_autofree char *path = g_build_filename (f->dir, "export.xml.gz", NULL);
  g_autofree char *first = export_text (f, f->store);
  g_autofree char *second = NULL;
  g_autofree guint8 *contents = NULL;
  g_autoptr(GBytes) changed = NULL;
  g_autoptr(GBytes) crc = NULL;
  g_autoptr(GBytes) cut = NULL;
  g_autofree char *plain = NULL;
  gsize length, plain_length;
  TxImportReport report;
  TxImportOptions options;

  g_assert_true (tx_exchange_export (f->store, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, (char **) &contents, &length, NULL));
  /* gzip, and smaller than what it holds */
  g_assert_cmpuint (length, >, 18);
  g_assert_cmpuint (contents[0], ==, 0x1f);
  g_assert_cmpuint (contents[1], ==, 0x8b);
  plain = export_raw (f, f->store);
  plain_length = strlen (plain);
  g_assert_cmpuint (length * 3, <, plain_length);

  g_assert_true (tx_exchange_import_file (other, path, on_day (&options, 2026, 11, 27), &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.inserted, >, 150);
  second = export_text (f, other);
  g_assert_cmpstr (first, ==, second);

  contents[length / 2] ^= 0x40;
  changed = g_bytes_new (contents, length);
  contents[length / 2] ^= 0x40;
  assert_damaged_refused (f, changed, "changed.xml.gz");

  /* gzip ends with the checksum of what it holds, then its length */
  contents[length - 6] ^= 0x01;
  crc = g_bytes_new (contents, length);
  contents[length - 6] ^= 0x01;
  assert_damaged_refused (f, crc, "checksum.xml.gz");

  cut = g_bytes_new (contents, length - 100);
  assert_damaged_refused (f, cut, "cut.xml.gz");
}

/*
 * The SHA-256 Tongxin writes and checks (tx-digest.c) is the standard
 * one: that of FIPS 180-2's examples, and GLib's for the same bytes
 * given in pieces of every length across the 64-byte blocks.
 */
static void
test_digest_standard (void)
{
  g_autoptr(GBytes) abc = g_bytes_new_static ("abc", 3);
  g_autoptr(GBytes) none = g_bytes_new_static ("", 0);
  g_autofree char *of_abc = tx_digest_hex_of_bytes (abc);
  g_autofree char *of_none = tx_digest_hex_of_bytes (none);
  g_autoptr(TxDigest) digest = tx_digest_new ();
  g_autoptr(GChecksum) reference = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 data[4099];
  char hex[TX_DIGEST_HEX_LENGTH];
  gsize given = 0;

  g_assert_cmpstr (of_abc, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_assert_cmpstr (of_none, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  for (gsize i = 0; i < sizeof data; i++)
    data[i] = (guint8) (i * 131 + (i >> 7));
  for (gsize piece = 1; given + piece <= sizeof data; given += piece, piece++)
    tx_digest_update (digest, data + given, piece);
  tx_digest_update (digest, data + given, sizeof data - given);
  g_checksum_update (reference, data, sizeof data);
  tx_digest_finish (digest, hex);
  g_assert_cmpstr (hex, ==, g_checksum_get_string (reference));

  /* and it starts over */
  tx_digest_update (digest, "abc", 3);
  tx_digest_finish (digest, hex);
  g_assert_cmpstr (hex, ==, of_abc);
}

/*
 * A file not compressed ends with the SHA-256 of all before it: a byte
 * changed in a value (the file still reads) is refused and nothing is
 * written; the same file whole is imported; one without the checksum
 * (of an earlier version) is read as it is.
 */
static void
test_digest (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) other = open_new_store (f, "b.db");
  g_autofree char *text = export_raw (f, f->store);
  g_autofree char *path = g_build_filename (f->dir, "whole.xml", NULL);
  g_autofree char *older = g_build_filename (f->dir, "older.xml", NULL);
  g_autoptr(GRegex) last = g_regex_new ("\n<\\?tongxin-sha256 ([0-9a-f]{64})\\?>\n$", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GChecksum) digest = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GBytes) changed = NULL;
  g_autofree char *hex = NULL;
  g_autofree char *without = NULL;
  char *value;
  TxImportReport report;
  TxImportOptions options;
  gsize before;
  int start = -1;
  static const struct { const char *from, *to; } changes[] = {
    { "</name>", "</nbme>" },
    { "<?xml version=\"1.0\"", "<?xml version=\"9.0\"" },
    { "<phone>1", "<phone>x" },
  };

  /* the SHA-256 of all before it, to the last newline of the document */
  g_assert_true (g_regex_match (last, text, 0, &match));
  hex = g_match_info_fetch (match, 1);
  g_assert_true (g_match_info_fetch_pos (match, 0, &start, NULL));
  before = (gsize) start + 1;
  g_checksum_update (digest, (const guchar *) text, before);
  g_assert_cmpstr (hex, ==, g_checksum_get_string (digest));

  /* one character of a name changed, the same length: still XML */
  value = strstr (text, "<name>");
  g_assert_nonnull (value);
  value[strlen ("<name>")] ^= 0x01;
  changed = g_bytes_new (text, strlen (text));
  value[strlen ("<name>")] ^= 0x01;
  assert_damaged_refused (f, changed, "changed.xml");

  /* a change that the reading stumbles on first is said to be damage
   * all the same: in the name of an element, in the prolog, in a value
   * the rules refuse */
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autofree char *damaged = g_strdup (text);
      char *at = strstr (damaged, changes[i].from);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *name = g_strdup_printf ("changed-%u.xml", i);

      g_assert_nonnull (at);
      g_assert_cmpuint (strlen (changes[i].from), ==, strlen (changes[i].to));
      memcpy (at, changes[i].to, strlen (changes[i].to));
      bytes = g_bytes_new (damaged, strlen (damaged));
      assert_damaged_refused (f, bytes, name);
    }

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_true (tx_exchange_import_file (other, path, on_day (&options, 2026, 11, 27), &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.inserted, >, 150);

  without = g_strndup (text, before);
  g_assert_true (g_file_set_contents (older, without, -1, NULL));
  g_clear_object (&other);
  other = open_new_store (f, "c.db");
  g_assert_true (tx_exchange_import_file (other, older, on_day (&options, 2026, 11, 27), &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.inserted, >, 150);
}

/* A new store that is the office @kind, called @name */
static TxStore *
open_office (Fixture    *f,
             const char *file,
             const char *kind,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  TxStore *store = open_new_store (f, file);
  TxSettings *settings = tx_store_get_settings (store);

  g_assert_true (tx_settings_set_text (settings, "office-kind", kind, &error));
  g_assert_no_error (error);
  g_assert_true (tx_settings_set_text (settings, "organization", name, &error));
  g_assert_no_error (error);

  return store;
}

/* What the file's root says, by the attribute's name */
static char *
root_attribute (const char *path,
                const char *name)
{
  g_autofree char *text = NULL;
  g_autofree char *pattern = g_strdup_printf ("<tongxin [^>]* %s=\"([^\"]*)\"", name);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  if (!g_regex_match (regex, text, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 1);
}

static TxPeer *
only_peer (TxStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) peers = tx_office_list_peers (store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (peers->len, ==, 1);
  return g_ptr_array_steal_index (peers, 0);
}

/* Each file names the office that wrote it; the office that imports it
 * keeps it as a peer.  A township that has taken a file from its city
 * office writes its files for that office: another city office refuses
 * them, and the township itself takes its own file back. */
static void
test_offices (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) city = open_office (f, "city.db", "city", "政协福泉市委员会办公室");
  g_autoptr(TxStore) other = open_office (f, "other.db", "city", "政协都匀市委员会办公室");
  g_autofree char *city_file = g_build_filename (f->dir, "city.xml", NULL);
  g_autofree char *township_file = g_build_filename (f->dir, "township.xml.gz", NULL);
  g_autofree char *plain_file = g_build_filename (f->dir, "township.xml", NULL);
  g_autofree char *city_uuid = tx_office_dup_uuid (city, &error);
  g_autofree char *township_uuid = tx_office_dup_uuid (f->store, &error);
  g_autofree char *exported = NULL;
  g_autofree char *attribute = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(TxPeer) peer = NULL;
  g_autoptr(GPtrArray) peers = NULL;
  TxImportReport report;
  TxImportOptions options;

  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (city_uuid));
  g_assert_true (g_uuid_string_is_valid (township_uuid));
  g_assert_cmpstr (city_uuid, !=, township_uuid);
  g_assert_true (tx_settings_set_text (tx_store_get_settings (f->store), "organization",
                                       "政协福泉市委员会金山街道联络组", &error));
  g_assert_no_error (error);

  /* the city's file names the city, and is for nobody in particular */
  g_assert_true (tx_exchange_export (city, city_file, &error));
  g_assert_no_error (error);
  attribute = root_attribute (city_file, "office");
  g_assert_cmpstr (attribute, ==, city_uuid);
  g_clear_pointer (&attribute, g_free);
  attribute = root_attribute (city_file, "office-kind");
  g_assert_cmpstr (attribute, ==, "city");
  g_clear_pointer (&attribute, g_free);
  g_assert_null (root_attribute (city_file, "to"));

  /* the township takes it: the city is its peer */
  g_assert_true (tx_exchange_import_file (f->store, city_file, on_day (&options, 2026, 11, 27), &report, &error));
  g_assert_no_error (error);
  peer = only_peer (f->store);
  g_assert_cmpstr (peer->uuid, ==, city_uuid);
  g_assert_cmpstr (peer->name, ==, "政协福泉市委员会办公室");
  g_assert_cmpstr (peer->kind, ==, "city");
  exported = root_attribute (city_file, "exported");
  g_assert_cmpstr (peer->exported, ==, exported);
  g_assert_true (g_str_has_prefix (peer->received_at, "2026-11-27T"));
  g_clear_pointer (&peer, tx_peer_free);
  g_clear_pointer (&exported, g_free);

  /* the township's file is for the city */
  g_assert_true (tx_exchange_export (f->store, plain_file, &error));
  g_assert_no_error (error);
  attribute = root_attribute (plain_file, "to");
  g_assert_cmpstr (attribute, ==, city_uuid);
  g_clear_pointer (&attribute, g_free);
  attribute = root_attribute (plain_file, "to-name");
  g_assert_cmpstr (attribute, ==, "政协福泉市委员会办公室");
  g_clear_pointer (&attribute, g_free);
  attribute = root_attribute (plain_file, "office-name");
  g_assert_cmpstr (attribute, ==, "政协福泉市委员会金山街道联络组");
  g_clear_pointer (&attribute, g_free);

  /* the city takes it, compressed, and keeps the township */
  g_assert_true (tx_exchange_export (f->store, township_file, &error));
  g_assert_no_error (error);
  g_assert_true (tx_exchange_import_file (city, township_file, on_day (&options, 2026, 11, 28), &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.inserted, >, 150);
  peer = only_peer (city);
  g_assert_cmpstr (peer->uuid, ==, township_uuid);
  g_assert_cmpstr (peer->name, ==, "政协福泉市委员会金山街道联络组");
  g_assert_cmpstr (peer->kind, ==, "township");
  g_assert_true (g_str_has_prefix (peer->received_at, "2026-11-28T"));
  g_clear_pointer (&peer, tx_peer_free);

  /* another city office refuses it, and keeps nothing of it */
  g_assert_false (tx_exchange_import_file (other, township_file, on_day (&options, 2026, 11, 28), &report, &error));
  g_assert_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "township.xml.gz"));
  g_assert_nonnull (strstr (error->message, "was written for another office, 政协福泉市委员会办公室"));
  g_clear_error (&error);
  g_assert_cmpuint (tx_store_count (other, "person"), ==, 0);
  g_assert_cmpuint (tx_store_count (other, "township"), ==, 0);
  peers = tx_office_list_peers (other, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (peers->len, ==, 0);
  g_clear_pointer (&peers, g_ptr_array_unref);

  /* the township takes its own file back; it is not its own peer */
  before = export_text (f, f->store);
  g_assert_true (tx_exchange_import_file (f->store, plain_file, on_day (&options, 2026, 11, 28), &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.inserted + report.updated, ==, 0);
  after = export_text (f, f->store);
  g_assert_cmpstr (before, ==, after);
  peer = only_peer (f->store);
  g_assert_cmpstr (peer->uuid, ==, city_uuid);
}

/* One number from @sql, on @store's database */
static gint64
sql_number (TxStore    *store,
            const char *sql,
            const char *text)
{
  sqlite3_stmt *stmt = NULL;
  gint64 number;

  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  number = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return number;
}

/* One township's file holds its records and those they refer to, and
 * no other: a database with nothing yet takes it whole. */
static void
test_one_township (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) city = open_new_store (f, "city.db");
  g_autoptr(TxTownship) township = tx_store_find_township (f->store, "金山街道", &error);
  g_autofree char *path = g_build_filename (f->dir, "金山街道.xml", NULL);
  g_autoptr(GPtrArray) consultations = NULL;
  const char *uuid;
  TxExportOptions one;
  TxImportReport report;
  TxImportOptions options;
  gint64 own_people, people;

  g_assert_no_error (error);
  uuid = tx_township_get_uuid (township);

  /* an expert of another township takes part in one of its meetings */
  g_assert_cmpint (sqlite3_exec (tx_store_get_db (f->store),
                                 "INSERT INTO participant (consultation_id, person_id, role, position) "
                                 "SELECT (SELECT c.id FROM consultation c JOIN township t ON t.id = c.township_id "
                                 "        WHERE t.name = '金山街道' AND c.deleted_at IS NULL ORDER BY c.id LIMIT 1), "
                                 "       (SELECT p.id FROM person p JOIN township t ON t.id = p.township_id "
                                 "        WHERE t.name = '凤山镇' AND p.deleted_at IS NULL ORDER BY p.id LIMIT 1), "
                                 "       'expert', 99",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  own_people = sql_number (f->store, "SELECT count(*) FROM person p JOIN township t ON t.id = p.township_id "
                                     "WHERE t.uuid = ?1 AND p.deleted_at IS NULL", uuid);
  people = sql_number (f->store,
                       "SELECT count(*) FROM person WHERE deleted_at IS NULL AND id IN ("
                       "  SELECT p.id FROM person p JOIN township t ON t.id = p.township_id WHERE t.uuid = ?1 "
                       "  UNION SELECT pa.person_id FROM participant pa JOIN consultation c ON c.id = pa.consultation_id "
                       "  JOIN township t ON t.id = c.township_id WHERE t.uuid = ?1)", uuid);
  g_assert_cmpint (own_people, >, 0);
  g_assert_cmpint (people, ==, own_people + 1);

  one = (TxExportOptions) { uuid, FALSE };
  g_assert_true (tx_exchange_export_with (f->store, &one, path, &error));
  g_assert_no_error (error);
  g_assert_true (tx_exchange_import_file (city, path, on_day (&options, 2026, 11, 27), &report, &error));
  g_assert_no_error (error);

  g_assert_cmpint (tx_store_count (city, "person"), ==, people);
  /* with the expert's township */
  g_assert_cmpint (tx_store_count (city, "township"), ==, 2);
  g_assert_cmpint (sql_number (city, "SELECT count(*) FROM consultation", NULL), ==,
                   sql_number (f->store, "SELECT count(*) FROM consultation c JOIN township t ON t.id = c.township_id "
                                         "WHERE t.uuid = ?1 AND c.deleted_at IS NULL", uuid));
  g_assert_cmpint (sql_number (city, "SELECT count(*) FROM outcome", NULL), ==,
                   sql_number (f->store, "SELECT count(*) FROM outcome o JOIN consultation c ON c.id = o.consultation_id "
                                         "JOIN township t ON t.id = c.township_id "
                                         "WHERE t.uuid = ?1 AND o.deleted_at IS NULL AND c.deleted_at IS NULL", uuid));
  g_assert_cmpint (sql_number (city, "SELECT count(*) FROM plan", NULL), ==,
                   sql_number (f->store, "SELECT count(*) FROM plan p JOIN township t ON t.id = p.township_id "
                                         "WHERE t.uuid = ?1", uuid));

  /* only its consultations, each of its own */
  consultations = tx_store_list_consultations (city, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (consultations->len, >, 0);
  for (guint i = 0; i < consultations->len; i++)
    g_assert_cmpstr (tx_consultation_get_township_uuid (g_ptr_array_index (consultations, i)), ==, uuid);

  /* a township that is not there */
  one = (TxExportOptions) { "00000000-0000-4000-8000-000000000000", FALSE };
  g_assert_false (tx_exchange_export_with (f->store, &one, path, &error));
  g_assert_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_WRITE);
}

static guint
count_text (const char *path,
            const char *needle)
{
  g_autofree char *text = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

static gboolean
save_changed_person (TxStore   *store,
                     gpointer   person,
                     GError   **error)
{
  return tx_roster_save_person (store, person, error);
}

/* A file "since the last" holds what changed since the last file of
 * the same township was written, and says from when; applied after
 * that one, it brings the change. */
static void
test_since_last (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) city = open_new_store (f, "city.db");
  g_autoptr(TxTownship) township = tx_store_find_township (f->store, "金山街道", &error);
  g_autofree char *first = g_build_filename (f->dir, "first.xml", NULL);
  g_autofree char *second = g_build_filename (f->dir, "second.xml.gz", NULL);
  g_autofree char *third = g_build_filename (f->dir, "third.xml", NULL);
  g_autofree char *everything = g_build_filename (f->dir, "everything.xml", NULL);
  g_autofree char *since = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(TxPerson) changed = NULL;
  g_autoptr(TxPerson) received = NULL;
  TxPersonFilter filter = { 0 };
  TxExportOptions export = { NULL, FALSE };
  TxImportReport report;
  TxImportOptions options;
  gsize length;

  g_assert_no_error (error);
  export.township = tx_township_get_uuid (township);

  /* the first: everything, and it says so */
  g_assert_true (tx_exchange_export_with (f->store, &export, first, &error));
  g_assert_no_error (error);
  g_assert_null (root_attribute (first, "since"));
  g_assert_cmpuint (count_text (first, "<person "), >, 1);

  /* a person of the township changes */
  filter.township = (char *) "金山街道";
  people = tx_roster_query (f->store, &filter, &error);
  g_assert_no_error (error);
  {
    TxPerson *person = g_ptr_array_index (people, 0);

    changed = tx_person_new_with_fields (tx_person_get_uuid (person), "柯新名", tx_person_get_gender (person),
                                         tx_person_get_ethnicity (person), tx_person_get_township_uuid (person),
                                         tx_person_get_village (person), "新单位", tx_person_get_title (person),
                                         tx_person_get_phone (person), tx_person_get_notes (person));
  }
  g_assert_true (tx_store_write (f->store, save_changed_person, changed, &error));
  g_assert_no_error (error);

  /* the second: that person alone, since the first was written.  (A
   * record stamped in the millisecond a file is written goes in the
   * next file as well: the files here are a few milliseconds apart.) */
  export.since_last = TRUE;
  g_usleep (3000);
  g_assert_true (tx_exchange_export_with (f->store, &export, second, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (second, &plain, &length, NULL));
  g_assert_cmpuint ((guchar) plain[0], ==, 0x1f);   /* compressed */
  g_usleep (3000);
  g_assert_true (tx_exchange_export_with (f->store, &export, third, &error));
  g_assert_no_error (error);
  /* the third: nothing changed since the second, but what is stamped
   * later than it was written (on a day before the sample's stamps,
   * its records, and the change, stamped after what it changed): sent
   * again, which does no harm */
  since = root_attribute (third, "since");
  g_assert_nonnull (since);
  g_assert_cmpuint (count_text (third, "<person "), ==,
                    sql_number (f->store, "SELECT count(*) FROM person p JOIN township t ON t.id = p.township_id "
                                          "WHERE t.name = '金山街道' AND p.deleted_at IS NULL AND p.updated_at >= ?1", since));
  g_assert_cmpuint (count_text (third, "<consultation "), ==,
                    sql_number (f->store, "SELECT count(*) FROM consultation c JOIN township t ON t.id = c.township_id "
                                          "WHERE t.name = '金山街道' AND c.deleted_at IS NULL AND c.updated_at >= ?1", since));

  g_assert_true (tx_exchange_import_file (city, first, on_day (&options, 2026, 11, 27), &report, &error));
  g_assert_no_error (error);
  received = tx_roster_find_person (city, tx_person_get_uuid (changed), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tx_person_get_name (received), !=, "柯新名");
  g_clear_object (&received);
  g_assert_true (tx_exchange_import_file (city, second, on_day (&options, 2026, 11, 28), &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.updated, ==, 1);
  g_assert_cmpuint (report.inserted, ==, 0);
  received = tx_roster_find_person (city, tx_person_get_uuid (changed), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tx_person_get_name (received), ==, "柯新名");
  g_assert_cmpstr (tx_person_get_organization (received), ==, "新单位");

  /* every record has never been written: everything */
  export = (TxExportOptions) { NULL, TRUE };
  g_assert_true (tx_exchange_export_with (f->store, &export, everything, &error));
  g_assert_no_error (error);
  g_assert_null (root_attribute (everything, "since"));
  g_assert_cmpuint (count_text (everything, "<person "), >, count_text (first, "<person "));
}

static void
test_schema_invalid (Fixture       *f,
                     gconstpointer  data)
{
  /* a person with an unknown category */
  assert_refused (f,
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<tongxin xmlns=\"urn:tongxin:exchange:1\" exported=\"2026-11-27T10:00:00+08:00\">\n"
                  "  <person uuid=\"6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4a\" updated=\"2026-11-20T10:00:00+08:00\">\n"
                  "    <name>陈明</name>\n"
                  "    <category>mayor</category>\n"
                  "  </person>\n"
                  "</tongxin>\n",
                  TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID, "line 5");

  /* a consultation with five stages */
  assert_refused (f,
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<tongxin xmlns=\"urn:tongxin:exchange:1\" exported=\"2026-11-27T10:00:00+08:00\">\n"
                  "  <consultation uuid=\"6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4b\" township=\"6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4c\" updated=\"2026-11-20T10:00:00+08:00\">\n"
                  "    <title>测试</title><topic-source>cppcc</topic-source><orientation>livelihood</orientation><platform>physical</platform>\n"
                  "    <stage name=\"selection\"/><stage name=\"research\"/><stage name=\"meeting\"/><stage name=\"submission\"/><stage name=\"feedback\"/>\n"
                  "  </consultation>\n"
                  "</tongxin>\n",
                  TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID, NULL);

  /* not an exchange file at all */
  assert_refused (f, "<html><body>hello</body></html>\n",
                  TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID, NULL);
  assert_refused (f, "姓名,电话\n王芳,13800000000\n",
                  TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ, NULL);
}

static void
test_dangling_reference (Fixture       *f,
                         gconstpointer  data)
{
  /* valid by the schema; the township and the first person would be
   * written before the second person's missing township is found, and
   * the whole file must still change nothing */
  assert_refused (f,
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<tongxin xmlns=\"urn:tongxin:exchange:1\" exported=\"2026-11-27T10:00:00+08:00\">\n"
                  "  <township uuid=\"0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5f6\" name=\"岔河镇\" kind=\"town\" updated=\"2026-11-20T10:00:00+08:00\"/>\n"
                  "  <person uuid=\"0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5f7\" township=\"0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5f6\" updated=\"2026-11-20T10:00:00+08:00\">\n"
                  "    <name>陈明</name>\n"
                  "  </person>\n"
                  "  <person uuid=\"0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5f8\" township=\"0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5f9\" updated=\"2026-11-20T10:00:00+08:00\">\n"
                  "    <name>陈亮</name>\n"
                  "  </person>\n"
                  "</tongxin>\n",
                  TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_REFERENCE, "line 7");
}

static TxPerson *
first_person (Fixture *f)
{
  g_autoptr(GPtrArray) people = tx_roster_query (f->store, NULL, NULL);

  return g_object_ref (g_ptr_array_index (people, 0));
}

static char *
person_xml (TxPerson   *person,
            const char *name,
            const char *updated)
{
  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<tongxin xmlns=\"urn:tongxin:exchange:1\" exported=\"2027-01-01T10:00:00+08:00\">\n"
                          "  <person uuid=\"%s\" township=\"%s\" updated=\"%s\"><name>%s</name>"
                          "<category>expert</category></person>\n"
                          "</tongxin>\n",
                          tx_person_get_uuid (person), tx_person_get_township_uuid (person), updated, name);
}

static void
test_newer_wins (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxPerson) person = first_person (f);
  g_autoptr(TxPerson) reread = NULL;
  g_autofree char *newer = person_xml (person, "新名字", "2099-01-01T00:00:00+08:00");
  g_autofree char *older = person_xml (person, "旧名字", "2001-01-01T00:00:00+08:00");
  g_autofree char *newer_path = write_file (f, "newer.xml", newer);
  g_autofree char *older_path = write_file (f, "older.xml", older);
  TxImportReport report;
  TxImportOptions options;

  g_assert_true (tx_exchange_import_file (f->store, older_path, on_day (&options, 2099, 1, 1), &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.rejected, ==, 1);
  reread = tx_roster_find_person (f->store, tx_person_get_uuid (person), &error);
  g_assert_cmpstr (tx_person_get_name (reread), ==, tx_person_get_name (person));
  g_clear_object (&reread);

  g_assert_true (tx_exchange_import_file (f->store, newer_path, on_day (&options, 2099, 1, 1), &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.updated, ==, 1);
  g_assert_cmpuint (report.rejected, ==, 0);
  reread = tx_roster_find_person (f->store, tx_person_get_uuid (person), &error);
  g_assert_cmpstr (tx_person_get_name (reread), ==, "新名字");
  g_assert_cmpuint (tx_person_get_n_categories (reread), ==, 1);
  g_assert_cmpint (tx_person_get_category (reread, 0), ==, TX_CATEGORY_EXPERT);
}

static void
test_tombstone (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxPerson) person = first_person (f);
  g_autoptr(TxPerson) gone = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *path = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *expected = NULL;
  TxImportReport report;
  TxImportOptions options;
  guint before = tx_store_count (f->store, "person");

  xml = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<tongxin xmlns=\"urn:tongxin:exchange:1\" exported=\"2099-01-01T10:00:00+08:00\">\n"
                         "  <deleted kind=\"person\" uuid=\"%s\" at=\"2099-01-01T09:00:00+08:00\"/>\n"
                         "</tongxin>\n", tx_person_get_uuid (person));
  path = write_file (f, "tombstone.xml", xml);

  g_assert_true (tx_exchange_import_file (f->store, path, on_day (&options, 2099, 1, 1), &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.deleted, ==, 1);
  g_assert_cmpuint (tx_store_count (f->store, "person"), ==, before - 1);

  gone = tx_roster_find_person (f->store, tx_person_get_uuid (person), &error);
  g_assert_null (gone);
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND);

  /* the deletion travels on in the next export */
  exported = export_text (f, f->store);
  expected = g_strdup_printf ("<deleted kind=\"person\" uuid=\"%s\" at=\"2099-01-01T01:00:00.000Z\"/>",
                              tx_person_get_uuid (person));
  g_assert_nonnull (strstr (exported, expected));
}

static void
test_demo_moves_dates (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) later = open_new_store (f, "later.db");
  g_autoptr(TxConsultation) a = NULL;
  g_autoptr(TxConsultation) b = NULL;
  const char *title = "老山寨产业扶贫协商";
  TxImportReport report;

  load_demo (later, 2027, 3, 7, &report);   /* 100 days after 2026-11-27 */

  a = tx_store_load_consultation (f->store, title, &error);
  b = tx_store_load_consultation (later, title, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < TX_N_STAGES; i++)
    {
      const char *due_a = tx_consultation_get_stage_due (a, i);
      const char *due_b = tx_consultation_get_stage_due (b, i);
      int ya, ma, da, yb, mb, db;
      g_autoptr(GDate) date_a = NULL;
      g_autoptr(GDate) date_b = NULL;

      if (due_a == NULL)
        continue;
      g_assert_cmpint (sscanf (due_a, "%d-%d-%d", &ya, &ma, &da), ==, 3);
      g_assert_cmpint (sscanf (due_b, "%d-%d-%d", &yb, &mb, &db), ==, 3);
      date_a = g_date_new_dmy (da, ma, ya);
      date_b = g_date_new_dmy (db, mb, yb);
      g_assert_cmpint (g_date_days_between (date_a, date_b), ==, 100);
    }
}


/* ---- bounded XML -------------------------------------------------- */

#define EXCHANGE_HEADER \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define EXCHANGE_ROOT \
  "<tongxin xmlns=\"urn:tongxin:exchange:1\" exported=\"2026-11-27T10:00:00+08:00\">\n"

static void
test_refuses_doctype (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GString) laughs = g_string_new (EXCHANGE_HEADER "<!DOCTYPE tongxin [\n<!ENTITY lol0 \"lol\">\n");

  for (guint i = 1; i < 10; i++)
    {
      g_string_append_printf (laughs, "<!ENTITY lol%u \"", i);
      for (guint j = 0; j < 10; j++)
        g_string_append_printf (laughs, "&lol%u;", i - 1);
      g_string_append (laughs, "\">\n");
    }
  g_string_append (laughs, "]>\n" EXCHANGE_ROOT
                   "<person uuid=\"6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4a\" updated=\"2026-11-20T10:00:00+08:00\">"
                   "<name>陈明</name><notes>&lol9;</notes></person>\n</tongxin>\n");

  /* entities nested in entities, a file of a kilobyte that grows to
   * gigabytes: refused before a byte of it is parsed */
  g_assert_cmpuint (laughs->len, <, 1500);
  assert_refused (f, laughs->str, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID, "document type declaration");

  /* a file of this computer, named by an external entity */
  assert_refused (f,
                  EXCHANGE_HEADER
                  "<!DOCTYPE tongxin [ <!ENTITY secret SYSTEM \"file:///etc/passwd\"> ]>\n" EXCHANGE_ROOT
                  "<person uuid=\"6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4a\" updated=\"2026-11-20T10:00:00+08:00\">"
                  "<name>陈明</name><notes>&secret;</notes></person>\n</tongxin>\n",
                  TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID, "document type declaration");

  /* behind a comment, with no entity at all */
  assert_refused (f,
                  EXCHANGE_HEADER "<!-- 导出 -->\n<!DOCTYPE tongxin SYSTEM \"tongxin.dtd\">\n" EXCHANGE_ROOT "</tongxin>\n",
                  TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID, "document type declaration");

  /* and an entity no declaration defines */
  assert_refused (f,
                  EXCHANGE_HEADER EXCHANGE_ROOT
                  "<person uuid=\"6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4a\" updated=\"2026-11-20T10:00:00+08:00\">"
                  "<name>陈明</name><notes>&secret;</notes></person>\n</tongxin>\n",
                  TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ, "line 3");
}

static void
test_refuses_deep (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) under_root = g_string_new (EXCHANGE_HEADER EXCHANGE_ROOT);
  g_autoptr(GString) in_record = g_string_new (EXCHANGE_HEADER EXCHANGE_ROOT
                                               "<person uuid=\"6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4a\" "
                                               "updated=\"2026-11-20T10:00:00+08:00\"><name>陈明</name>\n");

  for (guint i = 0; i < 100000; i++)
    {
      g_string_append (under_root, "<a>");
      g_string_append (in_record, "<notes>");
    }
  for (guint i = 0; i < 100000; i++)
    {
      g_string_append (under_root, "</a>");
      g_string_append (in_record, "</notes>");
    }
  g_string_append (under_root, "</tongxin>\n");
  g_string_append (in_record, "</person></tongxin>\n");

  /* refused at the first element too many, not read to the bottom */
  assert_refused (f, under_root->str, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID, "line 3: this is not what an exchange file holds here (at <a>)");
  assert_refused (f, in_record->str, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID, "line 4: this is not what an exchange file holds here (at <notes>)");
}

static void
test_refuses_long_texts (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GString) notes = g_string_new (EXCHANGE_HEADER EXCHANGE_ROOT
                                           "<person uuid=\"6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4a\" "
                                           "updated=\"2026-11-20T10:00:00+08:00\"><name>陈明</name>\n<notes>");
  g_autoptr(GString) longer = NULL;
  g_autoptr(GString) huge = NULL;

  for (guint i = 0; i < 2001; i++)
    g_string_append (notes, "长");
  longer = g_string_new (notes->str);
  huge = g_string_new (notes->str);
  g_string_append (notes, "</notes></person></tongxin>\n");

  /* a text longer than its field holds, with the field's name */
  assert_refused (f, notes->str, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID, "line 3: The notes cannot be longer than 2000");

  /* a text longer than any field holds, refused as it is read */
  for (guint i = 0; i < 100 * 1000; i++)
    g_string_append (longer, "长");
  g_string_append (longer, "</notes></person></tongxin>\n");
  assert_refused (f, longer->str, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID, "line 4: the text of <notes> is longer than any text");

  /* and one of 12 MB, longer than libxml2 reads at all */
  for (guint i = 0; i < 4 * 1000 * 1000; i++)
    g_string_append (huge, "长");
  g_string_append (huge, "</notes></person></tongxin>\n");
  assert_refused (f, huge->str, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ, "line 4: the file holds more than can be read");
}

static void
test_refuses_other_files (Fixture       *f,
                          gconstpointer  data)
{
  assert_refused (f, "", TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ, "empty");
  assert_refused (f, " \n\n", TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ, "empty");
  assert_refused (f, "\xFF\xFE<\0?\0x\0m\0l\0", TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ, "UTF-8");
  assert_refused (f, EXCHANGE_HEADER "<roster><row/></roster>\n", TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID,
                  "not a Tongxin exchange file");
  assert_refused (f, EXCHANGE_HEADER "<tongxin xmlns=\"urn:tongxin:exchange:2\" exported=\"2026-11-27T10:00:00+08:00\"/>\n",
                  TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID, "urn:tongxin:exchange:2");
  assert_refused (f, EXCHANGE_HEADER "<tongxin xmlns=\"http://example.com/\" exported=\"2026-11-27T10:00:00+08:00\"/>\n",
                  TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID, "http://example.com/");
  assert_refused (f, EXCHANGE_HEADER "<tongxin exported=\"2026-11-27T10:00:00+08:00\"/>\n",
                  TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID, "namespace");
}

/* A file larger than any exchange file is refused before a byte of it
 * is read, and the clerk is told that it is too large and how large a
 * file may be, not that Tongxin did not write it.  (The file is sparse:
 * it takes no room on the disk.) */
static void
test_refuses_too_large (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "huge.xml", NULL);
  g_autofree char *before = export_text (f, f->store);
  g_autofree char *after = NULL;
  TxImportReport report = { 0, };
  TxImportOptions options;
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, G_GINT64_CONSTANT (5000000000)), ==, 0);
  g_assert_true (g_close (fd, NULL));

  g_assert_false (tx_exchange_import_file (f->store, path, on_day (&options, 2026, 11, 27), &report, &error));
  g_assert_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, "huge.xml"));
  g_assert_nonnull (strstr (error->message, "too large"));
  g_assert_nonnull (strstr (error->message, "GB"));
  g_assert_null (strstr (error->message, "not written by Tongxin"));

  after = export_text (f, f->store);
  g_assert_cmpstr (before, ==, after);
}

/* What the schema takes is imported, even when Tongxin never writes it
 * so (the importer reads such a file more slowly, against the schema):
 * here a comment inside a name, into a database that holds the sample
 * and into one that is empty. */
static void
test_unusual_but_valid (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TxStore) empty = open_new_store (f, "empty.db");
  g_autofree char *path = write_file (f, "unusual.xml",
                                      EXCHANGE_HEADER "<!-- 导出 -->\n"
                                      EXCHANGE_ROOT
                                      "  <township uuid=\"0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5f6\" name=\"岔河镇\" kind=\"town\" "
                                      "updated=\"2026-11-20T10:00:00+08:00\"/>\n"
                                      "  <person uuid=\"0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5f7\" "
                                      "township=\"0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5f6\" updated=\"2026-11-20T10:00:00+08:00\">\n"
                                      "    <name>陈<!-- 注 -->明</name>\n"
                                      "  </person>\n"
                                      "</tongxin>\n");
  TxStore *stores[] = { f->store, empty };

  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TxPerson) person = NULL;
      TxImportReport report = { 0, };
      TxImportOptions options;

      g_assert_true (tx_exchange_import_file (stores[i], path, on_day (&options, 2026, 11, 27), &report, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (report.inserted, ==, 2);
      person = tx_roster_find_person (stores[i], "0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5f7", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (tx_person_get_name (person), ==, "陈明");
      g_assert_cmpstr (tx_person_get_township_uuid (person), ==, "0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5f6");
    }
}

/* ---- the records' rules ------------------------------------------- */

/* The uuid of the sample's first township, where a file's records are. */
static char *
some_township (Fixture *f)
{
  g_autoptr(GPtrArray) townships = tx_store_list_townships (f->store, NULL);

  return g_strdup (tx_township_get_uuid (g_ptr_array_index (townships, 0)));
}

/* A file of one consultation (line 3) and what follows it, in
 * @township; %s in @stages_and_more. */
static char *
consultation_file (const char *township,
                   const char *starts,
                   const char *ends,
                   const char *stages,
                   const char *after)
{
  return g_strdup_printf (EXCHANGE_HEADER EXCHANGE_ROOT
                          "<consultation uuid=\"0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5a0\" township=\"%s\" updated=\"2026-11-20T10:00:00+08:00\">\n"
                          "<title>冷库建设协商</title><topic-source>cppcc</topic-source><orientation>livelihood</orientation>"
                          "<platform>physical</platform><starts>%s</starts><ends>%s</ends>\n"
                          "%s\n</consultation>\n%s</tongxin>\n",
                          township, starts, ends, stages, after);
}

#define SIX_STAGES \
  "<stage name=\"selection\" done=\"2026-03-01\"/><stage name=\"research\" done=\"2026-03-05\"/>" \
  "<stage name=\"meeting\" done=\"2026-03-10\"/><stage name=\"submission\"/><stage name=\"feedback\"/>" \
  "<stage name=\"supervision\"/>"

static void
test_refuses_broken_rules (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *township = some_township (f);
  g_autofree char *reverse = NULL;
  g_autofree char *future = NULL;
  g_autofree char *backwards = NULL;
  g_autofree char *feedback = NULL;
  g_autofree char *person = NULL;

  /* stages done in reverse order, with no reason said */
  reverse = consultation_file (township, "2026-03-10T09:00:00+08:00", "2026-03-10T11:00:00+08:00",
                               "<stage name=\"selection\" done=\"2026-03-20\"/><stage name=\"research\" done=\"2026-03-05\"/>"
                               "<stage name=\"meeting\" done=\"2026-03-01\"/><stage name=\"submission\"/><stage name=\"feedback\"/>"
                               "<stage name=\"supervision\"/>", "");
  assert_refused (f, reverse, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID, "line 3: Topic selection was done on 2026-03-20");

  /* done after the day of the import (and the day after it) */
  future = consultation_file (township, "2026-03-10T09:00:00+08:00", "2026-03-10T11:00:00+08:00",
                              "<stage name=\"selection\" done=\"2026-11-29\"/><stage name=\"research\"/>"
                              "<stage name=\"meeting\"/><stage name=\"submission\"/><stage name=\"feedback\"/>"
                              "<stage name=\"supervision\"/>", "");
  assert_refused (f, future, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID, "2026-11-29, which is after today");

  /* a meeting that ends before it starts */
  backwards = consultation_file (township, "2026-03-10T09:00:00+08:00", "2026-03-10T08:00:00+08:00", SIX_STAGES, "");
  assert_refused (f, backwards, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID, "line 3: The meeting ends before it starts");

  /* feedback received before the recommendation was submitted */
  feedback = consultation_file (township, "2026-03-10T09:00:00+08:00", "2026-03-10T11:00:00+08:00", SIX_STAGES,
                                "<outcome uuid=\"0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5a1\" consultation=\"0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5a0\" "
                                "updated=\"2026-11-20T10:00:00+08:00\"><title>关于建设冷库的建议</title>"
                                "<submitted-to>government</submitted-to><submitted>2026-04-01</submitted>"
                                "<feedback received=\"2026-03-20\">已采纳</feedback></outcome>\n");
  assert_refused (f, feedback, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID,
                  "line 7: Feedback received on 2026-03-20 cannot come before the recommendation was submitted on 2026-04-01");

  /* people the roster editor and the roster import refuse */
  {
    static const struct {
      const char *name;
      const char *phone;
      const char *expected;
    } people[] = {
      { "陈明", "12345", "“12345” is not a phone number" },
      { "陈明", "138-0000-000", "“138-0000-000” is not a phone number" },
      { "　　", "", "The name is empty" },                         /* U+3000 */
      { "\xE2\x80\x8B\xE2\x80\x8D\xE2\x81\xA0\xEF\xBB\xBF", "", "The name is empty" },
      { "陈&#x7F;明", "", "The name cannot hold an invisible control character (U+007F" },
      { "陈&#x85;明", "", "The name cannot hold an invisible control character (U+0085" },
      { "&#x202E;明陈", "", "The name cannot hold a character that turns the direction of the text around (U+202E" },
      { "陈明", "&#x2066;13985401234&#x2069;", "The phone number cannot hold a character that turns the direction of the text around (U+2066" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (people); i++)
      {
        g_autofree char *xml = g_strdup_printf (EXCHANGE_HEADER EXCHANGE_ROOT
                                                "<person uuid=\"6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4a\" township=\"%s\" "
                                                "updated=\"2026-11-20T10:00:00+08:00\"><name>%s</name><phone>%s</phone></person>\n"
                                                "</tongxin>\n", township, people[i].name, people[i].phone);
        g_autofree char *expected = g_strdup_printf ("line 3: %s", people[i].expected);

        assert_refused (f, xml, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID, expected);
      }
  }

  /* a township with no name but spaces */
  assert_refused (f, EXCHANGE_HEADER EXCHANGE_ROOT
                  "<township uuid=\"0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5a2\" name=\"　\" kind=\"town\" updated=\"2026-11-20T10:00:00+08:00\"/>\n"
                  "</tongxin>\n",
                  TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID, "line 3: The township’s name is empty");
}

static void
test_refuses_duplicate_uuid (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *township = some_township (f);
  g_autofree char *people = g_strdup_printf (EXCHANGE_HEADER EXCHANGE_ROOT
                                             "<person uuid=\"6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4a\" township=\"%s\" updated=\"2026-11-20T10:00:00+08:00\"><name>陈明</name></person>\n"
                                             "<person uuid=\"6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4b\" township=\"%s\" updated=\"2026-11-20T10:00:00+08:00\"><name>陈亮</name></person>\n"
                                             "<person uuid=\"6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4a\" township=\"%s\" updated=\"2026-11-21T10:00:00+08:00\"><name>陈光</name></person>\n"
                                             "</tongxin>\n", township, township, township);
  g_autofree char *kinds = g_strdup_printf (EXCHANGE_HEADER EXCHANGE_ROOT
                                            "<person uuid=\"0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5a0\" township=\"%s\" updated=\"2026-11-20T10:00:00+08:00\"><name>陈明</name></person>\n"
                                            "<consultation uuid=\"0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5a0\" township=\"%s\" updated=\"2026-11-20T10:00:00+08:00\">\n"
                                            "<title>冷库建设协商</title><topic-source>cppcc</topic-source><orientation>livelihood</orientation>"
                                            "<platform>physical</platform>" SIX_STAGES "</consultation>\n"
                                            "</tongxin>\n", township, township);
  g_autofree char *deleted_too = g_strdup_printf (EXCHANGE_HEADER EXCHANGE_ROOT
                                                  "<person uuid=\"6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4a\" township=\"%s\" updated=\"2026-11-20T10:00:00+08:00\"><name>陈明</name></person>\n"
                                                  "<deleted kind=\"person\" uuid=\"6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4a\" at=\"2026-10-01T10:00:00+08:00\"/>\n"
                                                  "<deleted kind=\"person\" uuid=\"6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4a\" at=\"2026-09-01T10:00:00+08:00\"/>\n"
                                                  "</tongxin>\n", township);
  g_autofree char *path = write_file (f, "deleted-too.xml", deleted_too);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxPerson) person = NULL;
  TxImportOptions options;

  /* which of the two would the database keep? neither */
  assert_refused (f, people, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID,
                  "line 5: the id 6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4a is given to two records, the person 陈明 on line 3 and the person 陈光 here");
  assert_refused (f, kinds, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID,
                  "line 4: the id 0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5a0 is given to two records, the person 陈明 on line 3 and the consultation “冷库建设协商” here");

  /* a record, and its deletion of before it came back, as an export
   * may have them: the later wins */
  g_assert_true (tx_exchange_import_file (f->store, path, on_day (&options, 2026, 11, 27), NULL, &error));
  g_assert_no_error (error);
  person = tx_roster_find_person (f->store, "6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4a", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tx_person_get_name (person), ==, "陈明");
}

/* A record stamped far ahead by a wrong clock is taken with the time of
 * the import, so that it can be changed again, and the report says so. */
static void
test_future_updated (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxPerson) person = NULL;
  g_autofree char *township = some_township (f);
  g_autofree char *summary = NULL;
  TxImportOptions options;
  TxImportReport report;
  const char *uuid = "6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4a";
  g_autofree char *ahead = g_strdup_printf (EXCHANGE_HEADER EXCHANGE_ROOT
                                            "<person uuid=\"%s\" township=\"%s\" updated=\"9999-12-31T23:59:59+08:00\"><name>陈明</name></person>\n"
                                            "<person uuid=\"6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4b\" township=\"%s\" updated=\"2021-03-16T20:00:00+08:00\"><name>陈亮</name></person>\n"
                                            "</tongxin>\n", uuid, township, township);
  g_autofree char *later = g_strdup_printf (EXCHANGE_HEADER EXCHANGE_ROOT
                                            "<person uuid=\"%s\" township=\"%s\" updated=\"2021-03-20T10:00:00+08:00\"><name>陈明明</name></person>\n"
                                            "</tongxin>\n", uuid, township);
  g_autofree char *ahead_path = write_file (f, "ahead.xml", ahead);
  g_autofree char *later_path = write_file (f, "later.xml", later);

  /* a day long past, so that the import's time is its start, whatever
   * the clock says */
  g_assert_true (tx_exchange_import_file (f->store, ahead_path, on_day (&options, 2021, 3, 15), &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.inserted, ==, 2);
  g_assert_cmpuint (report.clamped, ==, 1);   /* the next day's stamp is kept */

  person = tx_roster_find_person (f->store, uuid, &error);
  g_assert_cmpstr (tx_person_get_updated_at (person), ==, "2021-03-15T00:00:00.000Z");
  g_clear_object (&person);
  person = tx_roster_find_person (f->store, "6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4b", &error);
  g_assert_cmpstr (tx_person_get_updated_at (person), ==, "2021-03-16T12:00:00.000Z");
  g_clear_object (&person);

  summary = tx_import_report_to_string (&report);
  g_assert_nonnull (strstr (summary, "1 record was dated more than a day after today"));
  g_assert_nonnull (strstr (summary, "given the time of this import"));

  /* and it can be changed again */
  g_assert_true (tx_exchange_import_file (f->store, later_path, on_day (&options, 2021, 3, 20), &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.updated, ==, 1);
  g_assert_cmpuint (report.clamped, ==, 0);
  person = tx_roster_find_person (f->store, uuid, &error);
  g_assert_cmpstr (tx_person_get_name (person), ==, "陈明明");
}

/* The reason a stage was done out of order travels with it: without it
 * the office that receives the file would refuse the consultation.  It
 * is an attribute: every character XML escapes there comes back as it
 * was written, "&#38;" too (the parser hands every "&" over so). */
#define REASON "县里要求先报送 & 后补会 <急> \"&#38;\" 'a'"

static void
test_stage_reason_travels (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) consultations = tx_store_list_consultations (f->store, 0, NULL, &error);
  g_autoptr(TxStore) other = open_new_store (f, "other.db");
  g_autoptr(TxStore) third = open_new_store (f, "third.db");
  g_autoptr(TxConsultation) received = NULL;
  g_autoptr(GRegex) reason = g_regex_new (" reason=\"[^\"]*\"", 0, 0, NULL);
  g_autofree char *raw = NULL;
  g_autofree char *path = NULL;
  g_autofree char *without = NULL;
  g_autofree char *without_path = NULL;
  TxConsultation *consultation = NULL;
  TxImportOptions options;
  TxImportReport report;
  TxStage skipped;

  for (guint i = 0; consultation == NULL && i < consultations->len; i++)
    if (tx_consultation_get_current_stage (g_ptr_array_index (consultations, i)) < TX_STAGE_SUPERVISION)
      consultation = g_ptr_array_index (consultations, i);
  g_assert_nonnull (consultation);
  skipped = tx_consultation_get_current_stage (consultation);

  g_assert_true (tx_store_set_stage_done (f->store, tx_consultation_get_uuid (consultation), skipped + 1,
                                          tx_date_new (2026, 11, 20), REASON, tx_date_new (2026, 11, 27), &error));
  g_assert_no_error (error);

  raw = export_raw (f, f->store);
  g_assert_nonnull (strstr (raw, " reason=\"县里要求先报送 &amp; 后补会 &lt;急&gt; &quot;&amp;#38;&quot; 'a'\""));
  path = write_file (f, "with-reason.xml", raw);
  g_assert_true (tx_exchange_import_file (other, path, on_day (&options, 2026, 11, 27), &report, &error));
  g_assert_no_error (error);

  received = tx_store_load_consultation (other, tx_consultation_get_uuid (consultation), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tx_consultation_get_stage_note (received, skipped + 1), ==, REASON);
  g_assert_cmpstr (tx_consultation_get_stage_done (received, skipped + 1), ==, "2026-11-20");

  /* the same file without it is refused, and changes nothing */
  without = g_regex_replace_literal (reason, raw, -1, 0, "", 0, NULL);
  without_path = write_file (f, "without-reason.xml", without);
  g_assert_false (tx_exchange_import_file (third, without_path, on_day (&options, 2026, 11, 27), &report, &error));
  g_assert_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not done yet"));
  g_assert_cmpuint (tx_store_count (third, "person"), ==, 0);
  g_assert_cmpuint (tx_store_count (third, "consultation"), ==, 0);
}

/* The first element @name of an export, from its line's start to the
 * end of its closing tag's line */
static char *
first_element (const char *text,
               const char *name)
{
  g_autofree char *open = g_strdup_printf ("\n  <%s ", name);
  g_autofree char *close = g_strdup_printf ("</%s>\n", name);
  const char *start = strstr (text, open);
  const char *end;

  g_assert_nonnull (start);
  end = strstr (start, close);
  g_assert_nonnull (end);

  return g_strndup (start + 1, end + strlen (close) - (start + 1));
}

/* The value of the first attribute @name of @element */
static char *
element_attribute (const char *element,
                   const char *name)
{
  g_autofree char *key = g_strdup_printf (" %s=\"", name);
  const char *start = strstr (element, key);

  g_assert_nonnull (start);
  start += strlen (key);

  return g_strndup (start, strchr (start, '"') - start);
}

/* @element with every @from made @to, then the same for each pair after */
static void
append_changed (GString    *xml,
                const char *element,
                ...)
{
  g_autoptr(GString) copy = g_string_new (element);
  const char *from;
  va_list pairs;

  va_start (pairs, element);
  while ((from = va_arg (pairs, const char *)) != NULL)
    {
      const char *to = va_arg (pairs, const char *);

      g_assert_cmpuint (g_string_replace (copy, from, to, 0), >, 0);
    }
  va_end (pairs);

  g_string_append_len (xml, copy->str, copy->len);
}

static void
on_read_again (const char     *domain,
               GLogLevelFlags  level,
               const char     *message,
               gpointer        data)
{
  if (strstr (message, " is read again, to check it first") != NULL)
    *(gboolean *) data = TRUE;
}

/* The person ids of a consultation's participants, in order */
static char *
participant_ids (TxStore    *store,
                 const char *uuid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT group_concat (person_id) FROM (SELECT person_id FROM participant "
                                          "WHERE consultation_id = (SELECT id FROM consultation WHERE uuid = '%s') "
                                          "ORDER BY person_id)", uuid);

  return sql_text (store, sql);
}

/* A file of thousands of records into a database that holds some of
 * them: the import reads the ids of whole tables at once, once it has
 * looked many up (tx_import_is_new_here()).  Records here, records
 * deleted here before, records added or updated by the file and the
 * rows they refer to are each still found. */
static void
test_many_into_held (Fixture       *f,
                     gconstpointer  data)
{
  const guint n_copies = 1100;
  const char *head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<tongxin xmlns=\"urn:tongxin:exchange:1\" exported=\"2098-12-31T10:00:00+08:00\">\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *raw = export_raw (f, f->store);
  g_autofree char *consultation = first_element (raw, "consultation");
  g_autofree char *outcome = first_element (raw, "outcome");
  g_autofree char *c_uuid = element_attribute (consultation, "uuid");
  g_autofree char *c_stamp = element_attribute (consultation, "updated");
  g_autofree char *c_updated = g_strdup_printf ("updated=\"%s\"", c_stamp);
  g_autofree char *c_title = NULL;
  g_autofree char *o_uuid = element_attribute (outcome, "uuid");
  g_autofree char *o_stamp = element_attribute (outcome, "updated");
  g_autofree char *o_updated = g_strdup_printf ("updated=\"%s\"", o_stamp);
  g_autofree char *o_of = element_attribute (outcome, "consultation");
  g_autofree char *o_consultation = g_strdup_printf ("consultation=\"%s\"", o_of);
  g_autofree char *o_title = NULL;
  g_autofree char *deletions = NULL;
  g_autofree char *path = NULL;
  g_autofree char *tombstones = sql_text (f->store, "SELECT count(*) + 3 FROM tombstone");
  g_autofree char *count = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *copy_ids = NULL;
  g_autoptr(GString) xml = g_string_new (head);
  gboolean read_again = FALSE;
  guint handler;
  const char *deleted_consultation = "5e1ec7ed-0000-4000-8000-0000deadbeef";
  const char *deleted_outcome = "0ca7c0e0-0000-4000-8000-0000deadbeef";
  const char *deleted_later = "0ca7c0e0-0000-4000-8000-0000deadbee2";
  int consultations = tx_store_count (f->store, "consultation");
  int outcomes = tx_store_count (f->store, "outcome");
  TxImportReport report;
  TxImportOptions options;

  {
    const char *start = strstr (consultation, "<title>") + strlen ("<title>");

    c_title = g_strdup_printf (">%.*s<", (int) (strstr (start, "<") - start), start);
    start = strstr (outcome, "<title>") + strlen ("<title>");
    o_title = g_strdup_printf (">%.*s<", (int) (strstr (start, "<") - start), start);
  }

  /* a consultation and a recommendation deleted here long ago, and one
   * deleted after the file's copy of it was changed */
  deletions = g_strdup_printf ("%s  <deleted kind=\"consultation\" uuid=\"%s\" at=\"2001-01-01T09:00:00+08:00\"/>\n"
                               "  <deleted kind=\"outcome\" uuid=\"%s\" at=\"2001-01-01T09:00:00+08:00\"/>\n"
                               "  <deleted kind=\"outcome\" uuid=\"%s\" at=\"2098-06-01T09:00:00+08:00\"/>\n"
                               "</tongxin>\n", head, deleted_consultation, deleted_outcome, deleted_later);
  path = write_file (f, "deletions.xml", deletions);
  g_assert_true (tx_exchange_import_file (f->store, path, on_day (&options, 2099, 1, 1), &report, &error));
  g_assert_no_error (error);
  count = sql_text (f->store, "SELECT count(*) FROM tombstone");
  g_assert_cmpstr (count, ==, tombstones);
  g_clear_pointer (&path, g_free);

  /* new consultations, each with the participants of the first here */
  for (guint i = 0; i < n_copies; i++)
    {
      g_autofree char *uuid = g_strdup_printf ("uuid=\"5e1ec7ed-0000-4000-8000-%012x\"", i);
      g_autofree char *title = g_strdup_printf ("%.*s %u<", (int) strlen (c_title) - 1, c_title, i);
      g_autofree char *own_uuid = g_strdup_printf ("uuid=\"%s\"", c_uuid);

      append_changed (xml, consultation, own_uuid, uuid, c_title, title, NULL);
    }
  /* the first consultation here, changed since; one deleted here before,
   * sent again */
  {
    g_autofree char *own_uuid = g_strdup_printf ("uuid=\"%s\"", c_uuid);
    g_autofree char *again = g_strdup_printf ("uuid=\"%s\"", deleted_consultation);
    g_autofree char *title = g_strdup_printf ("%.*s again<", (int) strlen (c_title) - 1, c_title);

    append_changed (xml, consultation, c_updated, "updated=\"2098-01-01T00:00:00.000Z\"", NULL);
    append_changed (xml, consultation, own_uuid, again, c_title, title, c_updated,
                    "updated=\"2098-01-01T00:00:00.000Z\"", NULL);
  }

  /* two new recommendations of each new consultation */
  for (guint i = 0; i < 2 * n_copies; i++)
    {
      g_autofree char *uuid = g_strdup_printf ("uuid=\"0ca7c0e0-0000-4000-8000-%012x\"", i);
      g_autofree char *of = g_strdup_printf ("consultation=\"5e1ec7ed-0000-4000-8000-%012x\"", i / 2);
      g_autofree char *title = g_strdup_printf ("%.*s %u<", (int) strlen (o_title) - 1, o_title, i);
      g_autofree char *own_uuid = g_strdup_printf ("uuid=\"%s\"", o_uuid);

      append_changed (xml, outcome, own_uuid, uuid, o_consultation, of, o_title, title, NULL);
    }
  /* the first recommendation here, changed since; new ones of the
   * consultation changed and of the one sent again; one deleted here
   * before, sent again */
  {
    g_autofree char *own_uuid = g_strdup_printf ("uuid=\"%s\"", o_uuid);
    g_autofree char *of_first = g_strdup_printf ("consultation=\"%s\"", c_uuid);
    g_autofree char *of_again = g_strdup_printf ("consultation=\"%s\"", deleted_consultation);
    g_autofree char *again = g_strdup_printf ("uuid=\"%s\"", deleted_outcome);

    append_changed (xml, outcome, o_updated, "updated=\"2098-01-01T00:00:00.000Z\"", NULL);
    append_changed (xml, outcome, own_uuid, "uuid=\"0ca7c0e0-0000-4000-8000-00000000f001\"",
                    o_consultation, of_first, o_title, ">一条新建议<", NULL);
    append_changed (xml, outcome, own_uuid, "uuid=\"0ca7c0e0-0000-4000-8000-00000000f002\"",
                    o_consultation, of_again, o_title, ">又一条新建议<", NULL);
    append_changed (xml, outcome, own_uuid, again, o_title, ">曾删除的建议<", o_updated,
                    "updated=\"2098-01-01T00:00:00.000Z\"", NULL);
    g_free (again);
    again = g_strdup_printf ("uuid=\"%s\"", deleted_later);
    append_changed (xml, outcome, own_uuid, again, o_title, ">删除前改过的建议<", o_updated,
                    "updated=\"2098-01-01T00:00:00.000Z\"", NULL);
  }
  g_string_append (xml, "</tongxin>\n");
  path = write_file (f, "many.xml", xml->str);

  /* read and merged in one reading: a reading that fails to merge is
   * done again against the schema, which would find these rows too */
  handler = g_log_set_handler ("tx-exchange", G_LOG_LEVEL_DEBUG, on_read_again, &read_again);
  g_assert_true (tx_exchange_import_file (f->store, path, on_day (&options, 2099, 1, 1), &report, &error));
  g_log_remove_handler ("tx-exchange", handler);
  g_assert_no_error (error);
  g_assert_false (read_again);
  g_assert_cmpuint (report.inserted, ==, n_copies + 1 + 2 * n_copies + 3);
  g_assert_cmpuint (report.updated, ==, 2);
  g_assert_cmpuint (report.rejected, ==, 1);
  g_assert_cmpint (tx_store_count (f->store, "consultation"), ==, consultations + n_copies + 1);
  g_assert_cmpint (tx_store_count (f->store, "outcome"), ==, outcomes + 2 * n_copies + 3);

  /* each recommendation is of the consultation it names */
  for (guint i = 0; i < 2 * n_copies; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT c.uuid FROM outcome o JOIN consultation c ON c.id = o.consultation_id "
                                              "WHERE o.uuid = '0ca7c0e0-0000-4000-8000-%012x'", i);
      g_autofree char *of = sql_text (f->store, sql);
      g_autofree char *expected = g_strdup_printf ("5e1ec7ed-0000-4000-8000-%012x", i / 2);

      g_assert_cmpstr (of, ==, expected);
    }
  g_clear_pointer (&count, g_free);
  count = sql_text (f->store, "SELECT c.uuid FROM outcome o JOIN consultation c ON c.id = o.consultation_id "
                              "WHERE o.uuid = '0ca7c0e0-0000-4000-8000-00000000f002'");
  g_assert_cmpstr (count, ==, deleted_consultation);
  g_clear_pointer (&count, g_free);
  count = sql_text (f->store, "SELECT c.uuid FROM outcome o JOIN consultation c ON c.id = o.consultation_id "
                              "WHERE o.uuid = '0ca7c0e0-0000-4000-8000-00000000f001'");
  g_assert_cmpstr (count, ==, c_uuid);
  g_clear_pointer (&count, g_free);
  count = sql_text (f->store, "SELECT title FROM outcome WHERE uuid = '0ca7c0e0-0000-4000-8000-0000deadbeef'");
  g_assert_cmpstr (count, ==, "曾删除的建议");
  g_clear_pointer (&count, g_free);
  count = sql_text (f->store, "SELECT count(*) FROM outcome WHERE uuid = '0ca7c0e0-0000-4000-8000-0000deadbee2'");
  g_assert_cmpstr (count, ==, "0");

  /* the last new consultation and the one sent again have the same
   * people as the first */
  ids = participant_ids (f->store, c_uuid);
  copy_ids = participant_ids (f->store, "5e1ec7ed-0000-4000-8000-00000000044b");
  g_assert_cmpstr (copy_ids, ==, ids);
  g_clear_pointer (&copy_ids, g_free);
  copy_ids = participant_ids (f->store, deleted_consultation);
  g_assert_cmpstr (copy_ids, ==, ids);
}

/* The uuids of the people of the participants in @element, in its order */
static char *
participant_people (const char *element)
{
  static const char open[] = "<participant person=\"";
  GString *people = g_string_new ("");

  for (const char *at = strstr (element, open); at != NULL; at = strstr (at, open))
    {
      at += strlen (open);
      if (people->len > 0)
        g_string_append_c (people, ' ');
      g_string_append_len (people, at, strchr (at, '"') - at);
    }

  return g_string_free (people, FALSE);
}

/* The same, as the database holds them: by their places, then (at the
 * same place) by their uuids */
static char *
participant_people_here (TxStore    *store,
                         const char *consultation)
{
  g_autofree char *sql = g_strdup_printf ("SELECT group_concat (uuid, ' ') FROM "
                                          "(SELECT p.uuid FROM participant pa JOIN person p ON p.id = pa.person_id "
                                          " JOIN consultation c ON c.id = pa.consultation_id "
                                          " WHERE c.uuid = '%s' ORDER BY pa.position, p.uuid)", consultation);

  return sql_text (store, sql);
}

/* More people than are written at a time, into an empty database: each
 * keeps their own name, categories and post, and each participant is
 * the person the file names. */
static void
test_many_people (Fixture       *f,
                  gconstpointer  data)
{
  const guint n_people = 9000;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) other = open_new_store (f, "many-people.db");
  g_autofree char *raw = export_raw (f, f->store);
  const char *township_start = strstr (raw, "\n  <township ") + 1;
  g_autofree char *township = g_strndup (township_start, strchr (township_start, '\n') + 1 - township_start);
  g_autofree char *township_uuid = element_attribute (township, "uuid");
  g_autofree char *consultation = first_element (raw, "consultation");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<tongxin xmlns=\"urn:tongxin:exchange:1\" exported=\"2026-11-27T10:00:00+08:00\">\n");
  g_autoptr(GString) participants = g_string_new ("");
  const char *first_participant;
  const char *after_participants;
  TxImportReport report;
  TxImportOptions options;

  /* a township of the sample data, and people of it; some hold a
   * liaison group's post, since a day */
  g_string_append (xml, township);
  for (guint i = 0; i < n_people; i++)
    g_string_append_printf (xml,
                            "  <person uuid=\"%08x-7e57-4000-8000-%012x\" updated=\"2026-04-06T08:14:40.000Z\" township=\"%s\">"
                            "<name>测试%u</name><gender>%s</gender>"
                            "<category>%s</category>%s%s</person>\n",
                            g_int_hash (&i), i, township_uuid, i, i % 2 ? "female" : "male",
                            i % 7 ? (i % 3 ? "expert" : "npc_deputy") : "liaison_officer",
                            i % 5 ? "" : "<category>stakeholder</category>",
                            i % 7 ? "" : "<post-since>2020-01-02</post-since>");

  /* the sample's first consultation, with everyone of the file */
  first_participant = strstr (consultation, "    <participant ");
  after_participants = strstr (consultation, "    <minutes");
  g_assert_nonnull (first_participant);
  g_assert_nonnull (after_participants);
  for (guint i = 0; i < n_people; i++)
    {
      guint n = (i + n_people - 1) % n_people;   /* the last first */

      g_string_append_printf (participants, "    <participant person=\"%08x-7e57-4000-8000-%012x\" role=\"member\" "
                              "invited=\"true\" attended=\"true\"/>\n", g_int_hash (&n), n);
    }
  g_string_append_len (xml, consultation, first_participant - consultation);
  g_string_append (xml, participants->str);
  g_string_append (xml, after_participants);
  g_string_append (xml, "</tongxin>\n");
  {
    g_autofree char *of = element_attribute (consultation, "township");
    g_autofree char *own = g_strdup_printf ("township=\"%s\"", of);
    g_autofree char *here = g_strdup_printf ("township=\"%s\"", township_uuid);

    g_string_replace (xml, own, here, 0);
  }
  path = write_file (f, "many-people.xml", xml->str);

  g_assert_true (tx_exchange_import_file (other, path, on_day (&options, 2026, 11, 27), &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tx_store_count (other, "person"), ==, n_people);

  /* each row of a person is theirs: the uuid, name, categories and post
   * the file gives them */
  text = sql_text (other, "SELECT count(*) FROM person p WHERE substr (p.uuid, 25) != printf ('%012x', CAST (substr (p.name, 3) AS INTEGER)) "
                          "OR (SELECT group_concat (category) FROM (SELECT category FROM person_category WHERE person_id = p.id ORDER BY position)) "
                          "   IS NOT (CASE WHEN CAST (substr (p.name, 3) AS INTEGER) % 7 = 0 THEN 'liaison_officer' "
                          "                WHEN CAST (substr (p.name, 3) AS INTEGER) % 3 THEN 'expert' ELSE 'npc_deputy' END "
                          "           || CASE WHEN CAST (substr (p.name, 3) AS INTEGER) % 5 THEN '' ELSE ',stakeholder' END) "
                          "OR (p.gender = 'female') != (CAST (substr (p.name, 3) AS INTEGER) % 2) "
                          "OR EXISTS (SELECT 1 FROM person_post WHERE person_id = p.id) != (CAST (substr (p.name, 3) AS INTEGER) % 7 = 0)");
  g_assert_cmpstr (text, ==, "0");
  g_clear_pointer (&text, g_free);

  /* the participants, each the person the file names at their place */
  text = sql_text (other, "SELECT count(*) FROM participant");
  g_assert_cmpstr (text, ==, "9000");
  g_clear_pointer (&text, g_free);
  text = sql_text (other, "SELECT count(*) FROM participant pa JOIN person p ON p.id = pa.person_id "
                          "WHERE substr (p.uuid, 25) != printf ('%012x', (pa.position + 8999) % 9000)");
  g_assert_cmpstr (text, ==, "0");
  g_clear_pointer (&text, g_free);

  /* their sort keys, made by whichever thread had the time */
  text = sql_text (other, "SELECT count(*) FROM person WHERE sort_pinyin != tx_pinyin_key (name) "
                          "OR sort_strokes != tx_strokes_key (name)");
  g_assert_cmpstr (text, ==, "0");
  g_clear_pointer (&text, g_free);

  /* and the search finds them */
  text = sql_text (other, "SELECT count(*) FROM person_search WHERE person_search MATCH '测试8192'");
  g_assert_cmpstr (text, ==, "1");
  g_clear_pointer (&text, g_free);

  /* written again, by their places, and at the same place by their
   * uuids; a file of so many participants takes every person's uuid
   * at once: three places for all of them, each a third of the people,
   * whose uuids here go the other way from their row ids */
  g_assert_cmpint (sqlite3_exec (tx_store_get_db (other),
                                 "UPDATE participant SET position = position % 3; "
                                 "UPDATE person SET uuid = printf ('%08x', 100000 - id) || substr (uuid, 9)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  {
    g_autofree char *uuid = element_attribute (consultation, "uuid");
    g_autofree char *expected = participant_people_here (other, uuid);
    g_autofree char *again = export_raw (f, other);
    g_autofree char *written = first_element (again, "consultation");
    g_autofree char *people = participant_people (written);
    g_autofree char *record = tx_exchange_write_record (other, "consultation", uuid, &error);
    g_autofree char *record_people = NULL;
    g_autofree char *by_id = sql_text (other, "SELECT group_concat (uuid, ' ') FROM "
                                              "(SELECT p.uuid FROM participant pa JOIN person p ON p.id = pa.person_id "
                                              " ORDER BY pa.position, p.id)");

    g_assert_no_error (error);
    g_assert_cmpuint (strlen (expected), ==, 9000 * 37 - 1);
    g_assert_cmpstr (by_id, !=, expected);
    g_assert_cmpstr (people, ==, expected);
    record_people = participant_people (record);
    g_assert_cmpstr (record_people, ==, expected);
  }

  /* and those of a few, each looked up: the sample's, all at one place */
  g_assert_cmpint (sqlite3_exec (tx_store_get_db (f->store), "UPDATE participant SET position = 0", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  {
    g_autofree char *sample = export_raw (f, f->store);
    g_autofree char *first = first_element (sample, "consultation");
    g_autofree char *uuid = element_attribute (first, "uuid");
    g_autofree char *expected = participant_people_here (f->store, uuid);
    g_autofree char *people = participant_people (first);

    g_assert_cmpstr (people, !=, "");
    g_assert_cmpstr (people, ==, expected);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/exchange/demo-contents", Fixture, NULL, fixture_set_up, test_demo_contents, fixture_tear_down);
  g_test_add ("/exchange/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/exchange/indexes-kept", Fixture, NULL, fixture_set_up, test_indexes_kept, fixture_tear_down);
  g_test_add ("/exchange/import-twice", Fixture, NULL, fixture_set_up, test_import_twice, fixture_tear_down);
  g_test_add ("/exchange/records-of-records-here", Fixture, NULL, fixture_set_up, test_records_of_records_here,
              fixture_tear_down);
  g_test_add ("/exchange/progress", Fixture, NULL, fixture_set_up, test_progress, fixture_tear_down);
  g_test_add ("/exchange/truncated", Fixture, NULL, fixture_set_up, test_truncated, fixture_tear_down);
  g_test_add ("/exchange/since-last", Fixture, NULL, fixture_set_up, test_since_last, fixture_tear_down);
  g_test_add ("/exchange/one-township", Fixture, NULL, fixture_set_up, test_one_township, fixture_tear_down);
  g_test_add ("/exchange/offices", Fixture, NULL, fixture_set_up, test_offices, fixture_tear_down);
  g_test_add_func ("/exchange/digest-standard", test_digest_standard);
  g_test_add ("/exchange/digest", Fixture, NULL, fixture_set_up, test_digest, fixture_tear_down);
  g_test_add ("/exchange/compressed", Fixture, NULL, fixture_set_up, test_compressed, fixture_tear_down);
  g_test_add ("/exchange/schema-invalid", Fixture, NULL, fixture_set_up, test_schema_invalid, fixture_tear_down);
  g_test_add ("/exchange/dangling-reference", Fixture, NULL, fixture_set_up, test_dangling_reference, fixture_tear_down);
  g_test_add ("/exchange/newer-wins", Fixture, NULL, fixture_set_up, test_newer_wins, fixture_tear_down);
  g_test_add ("/exchange/tombstone", Fixture, NULL, fixture_set_up, test_tombstone, fixture_tear_down);
  g_test_add ("/exchange/demo-moves-dates", Fixture, NULL, fixture_set_up, test_demo_moves_dates, fixture_tear_down);
  g_test_add ("/exchange/refuses/doctype", Fixture, NULL, fixture_set_up, test_refuses_doctype, fixture_tear_down);
  g_test_add ("/exchange/refuses/deep", Fixture, NULL, fixture_set_up, test_refuses_deep, fixture_tear_down);
  g_test_add ("/exchange/refuses/long-texts", Fixture, NULL, fixture_set_up, test_refuses_long_texts, fixture_tear_down);
  g_test_add ("/exchange/refuses/other-files", Fixture, NULL, fixture_set_up, test_refuses_other_files, fixture_tear_down);
  g_test_add ("/exchange/refuses/too-large", Fixture, NULL, fixture_set_up, test_refuses_too_large, fixture_tear_down);
  g_test_add ("/exchange/unusual-but-valid", Fixture, NULL, fixture_set_up, test_unusual_but_valid, fixture_tear_down);
  g_test_add ("/exchange/refuses/broken-rules", Fixture, NULL, fixture_set_up, test_refuses_broken_rules, fixture_tear_down);
  g_test_add ("/exchange/refuses/duplicate-uuid", Fixture, NULL, fixture_set_up, test_refuses_duplicate_uuid, fixture_tear_down);
  g_test_add ("/exchange/future-updated", Fixture, NULL, fixture_set_up, test_future_updated, fixture_tear_down);
  g_test_add ("/exchange/many-people", Fixture, NULL, fixture_set_up, test_many_people, fixture_tear_down);
  g_test_add ("/exchange/many-into-held", Fixture, NULL, fixture_set_up, test_many_into_held, fixture_tear_down);
  g_test_add ("/exchange/stage-reason-travels", Fixture, NULL, fixture_set_up, test_stage_reason_travels, fixture_tear_down);

  return g_test_run ();
}
