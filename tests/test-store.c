/* test-store.c — opening, migrating and writing the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "tx-enums.h"
#include "tx-records.h"
#include "tx-records-private.h"
#include "tx-roster.h"
#include "tx-store.h"
#include "tx-vocabulary.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("tongxin-store-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "nested", "tongxin.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
  g_free (f->path);
}

static char *
query_text (TxStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

static int
query_int (TxStore    *store,
           const char *sql)
{
  g_autofree char *text = query_text (store, sql);

  return text ? atoi (text) : -1;
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autofree char *journal = NULL;
  GStatBuf st;

  store = tx_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  /* private to the clerk */
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  journal = query_text (store, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (query_int (store, "PRAGMA synchronous"), ==, 2);   /* FULL */
  g_assert_cmpint (query_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (store, "PRAGMA application_id"), ==, TX_STORE_APPLICATION_ID);
  g_assert_cmpint (tx_store_get_schema_version (store), ==, tx_store_get_latest_version ());
  g_assert_cmpint (tx_store_get_latest_version (), >=, 1);

  /* the whole domain is there */
  {
    const char *tables[] = { "township", "person", "person_category", "plan", "consultation",
                             "stage", "participant", "minutes", "speech", "outcome",
                             "supervision", "setting", "audit_log", "tombstone", "person_search" };

    for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
      {
        g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_schema WHERE name = '%s'", tables[i]);
        g_assert_cmpint (query_int (store, sql), ==, 1);
      }
  }
}

static gboolean
add_township (TxStore   *store,
              gpointer   user_data,
              GError   **error)
{
  const char *name = user_data;
  g_autofree char *uuid = tx_uuid_new ();
  g_autofree char *now = tx_timestamp_now ();
  sqlite3_stmt *stmt;

  stmt = tx_store_prepare (store, "INSERT INTO township (uuid, name, kind, updated_at) VALUES (?, ?, 'town', ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;

  tx_store_emit_changed (store, "township");
  return TRUE;
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(TxStore) store = tx_store_open (f->path, &error);

    g_assert_no_error (error);
    g_assert_true (tx_store_write (store, add_township, (gpointer) "凤山镇", &error));
    g_assert_no_error (error);
  }

  {
    g_autoptr(TxStore) store = tx_store_open (f->path, &error);
    g_autoptr(TxTownship) township = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (tx_store_get_schema_version (store), ==, tx_store_get_latest_version ());
    township = tx_store_find_township (store, "凤山镇", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (tx_township_get_name (township), ==, "凤山镇");
    g_assert_true (tx_uuid_is_valid (tx_township_get_uuid (township)));
  }
}

typedef struct {
  int steps;
} FailingWork;

static gboolean
add_then_fail (TxStore   *store,
               gpointer   user_data,
               GError   **error)
{
  g_autoptr(TxPerson) person = NULL;
  g_autoptr(TxTownship) township = NULL;

  if (!add_township (store, (gpointer) "仙桥乡", error))
    return FALSE;

  township = tx_store_find_township (store, "仙桥乡", error);
  person = tx_person_new_with_fields (NULL, "王芳", TX_GENDER_FEMALE, "布依族",
                                      tx_township_get_uuid (township), "麒麟村", "", "", "", "");
  if (!tx_roster_save_person (store, person, error))
    return FALSE;

  /* then the third write breaks a rule: a person with no name */
  g_clear_object (&person);
  person = tx_person_new_with_fields (NULL, "  ", TX_GENDER_UNKNOWN, "", NULL, "", "", "", "", "");
  return tx_roster_save_person (store, person, error);
}

/* A person of a township that is not there */
#define ADD_PERSON_OF_NO_TOWNSHIP \
  "INSERT INTO person (uuid, township_id, name, updated_at) " \
  "VALUES ('1b4e28ba-2fa1-41d2-883f-0016d3cca427', 999, '王芳', '2026-01-05T08:00:00.000Z')"

/* A township, then a person of a township that is not there. */
static gboolean
add_with_broken_reference (TxStore   *store,
                           gpointer   user_data,
                           GError   **error)
{
  if (!add_township (store, (gpointer) "仙桥乡", error))
    return FALSE;

  return sqlite3_exec (tx_store_get_db (store),
                       ADD_PERSON_OF_NO_TOWNSHIP,
                       NULL, NULL, NULL) == SQLITE_OK;
}

/* A township and a person of it, then rows that break three other
 * references: a category of no person, a supervision record of no
 * recommendation, and a person_id of a text that is no person's id. */
static gboolean
add_with_broken_references (TxStore   *store,
                            gpointer   user_data,
                            GError   **error)
{
  if (!add_township (store, (gpointer) "仙桥乡", error))
    return FALSE;

  return sqlite3_exec (tx_store_get_db (store),
                       "INSERT INTO person (uuid, township_id, name, updated_at) "
                       "  SELECT '1b4e28ba-2fa1-41d2-883f-0016d3cca427', id, '王芳', '2026-01-05T08:00:00.000Z' FROM township;"
                       "INSERT INTO person_category (person_id, category) SELECT id, 'resident' FROM person;"
                       "INSERT INTO person_category (person_id, category) VALUES (998, 'expert');"
                       "INSERT INTO supervision (outcome_id, position, phase) VALUES (997, 0, 'before');"
                       "INSERT INTO person_category (person_id, category) VALUES ('王芳', 'official');",
                       NULL, NULL, NULL) == SQLITE_OK;
}

/* Townships of ids 1 to 10,000, all there, and 10,000 people of ids 1
 * to 10,001 but 4: references to them of every form, five of them
 * broken (a township after the last, one written as text, one as a
 * number that is not whole; person 4, in the gap; person 10,002), and
 * none (NULL).  What SQLite counts is kept in @user_data, to be
 * compared with what the filling counted. */
static gboolean
add_references_of_every_form (TxStore   *store,
                              gpointer   user_data,
                              GError   **error)
{
  sqlite3 *db = tx_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  int *broken = user_data;

  if (sqlite3_exec (db,
                    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10001) "
                    "INSERT INTO township (id, uuid, name, updated_at) "
                    "  SELECT i, 'a' || i, '镇' || i, 't' FROM n WHERE i <= 10000;"
                    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10001) "
                    "INSERT INTO person (id, uuid, township_id, name, updated_at) "
                    "  SELECT i, 'b' || i, CASE i WHEN 1 THEN 1 WHEN 2 THEN 10000 WHEN 3 THEN 10001 "
                    "                             WHEN 5 THEN 'x' WHEN 6 THEN 2.5 END, '王芳', 't' "
                    "  FROM n WHERE i <> 4;"
                    "INSERT INTO person_category (person_id, category) VALUES "
                    "  (1, 'resident'), (10001, 'expert'), (4, 'official'), (10002, 'resident');",
                    NULL, NULL, NULL) != SQLITE_OK)
    return FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM pragma_foreign_key_check", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *broken = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return TRUE;
}

/* A write that fills a database checks its references once, at the end,
 * and leaves the database as any other write does. */
static void
test_filling (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_store_open (f->path, &error);
  g_autofree char *journal = NULL;
  int broken = -1;

  g_assert_no_error (error);

  /* a broken reference fails the whole write, which keeps nothing */
  g_assert_false (tx_store_write_filling (store, add_with_broken_reference, NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "1 of the rows to be written refer to records that are not there"));
  g_clear_error (&error);
  g_assert_false (tx_store_write_filling (store, add_with_broken_references, NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "3 of the rows to be written refer to records that are not there"));
  g_clear_error (&error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM township"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM person"), ==, 0);

  /* ids without a gap are checked by their range, others looked up:
   * what is counted is what SQLite counts */
  g_assert_false (tx_store_write_filling (store, add_references_of_every_form, &broken, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_WRITE);
  g_assert_cmpint (broken, ==, 5);
  g_assert_nonnull (strstr (error->message, "5 of the rows to be written refer to records that are not there"));
  g_clear_error (&error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM person"), ==, 0);

  /* a right one is written */
  g_assert_true (tx_store_write_filling (store, add_township, (gpointer) "凤山镇", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM township WHERE name = '凤山镇'"), ==, 1);

  /* and after either, the database is as tx_store_open() left it */
  journal = query_text (store, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (query_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (store, "PRAGMA mmap_size"), ==, 0);
  g_assert_cmpint (query_int (store, "PRAGMA temp_store"), ==, 2);
  g_assert_cmpint (sqlite3_exec (tx_store_get_db (store),
                                 ADD_PERSON_OF_NO_TOWNSHIP,
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_FOREIGNKEY);
}

/* 120,000 people whose sort keys run in another order than their ids,
 * added with their sort indexes dropped: sorted for the index, they
 * take several of the runs tx_store_make_indexes() sorts apart. */
#define MANY_PEOPLE 120000

/* The sort indexes of the person table dropped (tx_store_drop_indexes()),
 * and the statements that make them again: not the index of uuids,
 * which keeps them unique */
static GPtrArray *
drop_sort_indexes (TxStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *statements = tx_store_drop_indexes (store, "person", &error);
  g_autofree char *joined = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (statements->len, ==, 2);
  g_ptr_array_add (statements, NULL);
  joined = g_strjoinv (";", (char **) statements->pdata);
  g_ptr_array_set_size (statements, 2);
  g_assert_nonnull (strstr (joined, "CREATE INDEX person_pinyin ON person (sort_pinyin, id)"));
  g_assert_nonnull (strstr (joined, "CREATE INDEX person_strokes ON person (sort_strokes, id)"));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'person' AND type = 'index'"),
                   ==, 1);

  return statements;
}

static gboolean
add_many_people (TxStore   *store,
                 gpointer   user_data,
                 GError   **error)
{
  return sqlite3_exec (tx_store_get_db (store),
                       "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " G_STRINGIFY (MANY_PEOPLE) ") "
                       "INSERT INTO person (uuid, name, sort_pinyin, updated_at) "
                       "SELECT printf ('00000000-0000-4000-8000-%012d', i), '居民' || i, "
                       "       CAST (printf ('%08d-%08d', (i * 7919) % 1000, i % 977) AS BLOB), '2026-03-01T08:00:00.000Z' "
                       "FROM n",
                       NULL, NULL, NULL) == SQLITE_OK;
}

static gboolean
make_pinyin_index (TxStore   *store,
                   gpointer   user_data,
                   GError   **error)
{
  g_autoptr(GPtrArray) statements = drop_sort_indexes (store);
  int temp_store = query_int (store, "PRAGMA temp_store");

  if (!add_many_people (store, NULL, error) || !tx_store_make_indexes (store, statements, error))
    return FALSE;

  /* the write goes on as it was */
  g_assert_cmpint (query_int (store, "PRAGMA temp_store"), ==, temp_store);
  g_assert_cmpint (query_int (store, "PRAGMA cache_size"), ==, -32768);
  g_assert_cmpint (query_int (store, "PRAGMA threads"), ==, 0);

  return TRUE;
}

/* once SQLite used a temporary table in a write, its sorts stay in memory */
static gboolean
make_pinyin_index_after_temp_table (TxStore   *store,
                                    gpointer   user_data,
                                    GError   **error)
{
  g_assert_cmpint (sqlite3_exec (tx_store_get_db (store), "CREATE TEMP TABLE scratch (x); INSERT INTO scratch VALUES (1)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  return make_pinyin_index (store, user_data, error);
}

/* an index that cannot be made (two people of one time of change) after
 * one that can */
static gboolean
make_index_that_fails (TxStore   *store,
                       gpointer   user_data,
                       GError   **error)
{
  g_autoptr(GPtrArray) statements = drop_sort_indexes (store);
  gboolean made;

  g_ptr_array_add (statements, g_strdup ("CREATE UNIQUE INDEX person_updated ON person (updated_at)"));
  g_assert_true (add_many_people (store, NULL, error));
  made = tx_store_make_indexes (store, statements, error);
  g_assert_cmpint (query_int (store, "PRAGMA cache_size"), ==, -32768);
  g_assert_cmpint (query_int (store, "PRAGMA threads"), ==, 0);

  return made;
}

static void
assert_pinyin_index_right (TxStore *store)
{
  g_autofree char *check = query_text (store, "PRAGMA integrity_check");

  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sqlite_schema "
                                     "WHERE name = 'person_pinyin' OR name = 'person_strokes'"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM person INDEXED BY person_pinyin WHERE deleted_at IS NULL "
                                     "AND sort_pinyin >= x''"), ==, MANY_PEOPLE);
  /* in the order of the keys, then of the ids: first 居民85000, of the
   * key 00000000-00000001 (85000 × 7919 ends in 000, and is 1 past a
   * multiple of 977) */
  g_assert_cmpint (query_int (store, "SELECT id FROM person INDEXED BY person_pinyin WHERE deleted_at IS NULL "
                                     "ORDER BY sort_pinyin, id LIMIT 1"), ==, 85000);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM (SELECT sort_pinyin, id, "
                                     "  lag (sort_pinyin) OVER (ORDER BY sort_pinyin, id) AS before "
                                     "  FROM person INDEXED BY person_pinyin WHERE deleted_at IS NULL) "
                                     "WHERE before > sort_pinyin"), ==, 0);
}

/* Indexes of many rows made in a write: right, whether SQLite sorts
 * their rows in files or in memory, and the write's settings as they
 * were. */
static void
test_make_indexes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_store_open (f->path, &error);

  g_assert_no_error (error);

  /* a new database, filled */
  g_assert_true (tx_store_write_filling (store, make_pinyin_index, NULL, &error));
  g_assert_no_error (error);
  assert_pinyin_index_right (store);
  g_assert_cmpint (query_int (store, "PRAGMA temp_store"), ==, 2);

  /* a write that used a temporary table */
  g_assert_cmpint (sqlite3_exec (tx_store_get_db (store), "DELETE FROM person", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (tx_store_write (store, make_pinyin_index_after_temp_table, NULL, &error));
  g_assert_no_error (error);
  assert_pinyin_index_right (store);
  g_assert_cmpint (query_int (store, "PRAGMA temp_store"), ==, 2);

  /* an index that fails fails the write, which keeps nothing */
  g_assert_cmpint (sqlite3_exec (tx_store_get_db (store), "DELETE FROM person", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (tx_store_write (store, make_index_that_fails, NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "the data breaks a rule of the database"));
  g_clear_error (&error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM person"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sqlite_schema WHERE name = 'person_pinyin'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sqlite_schema WHERE name = 'person_updated'"), ==, 0);
  g_assert_cmpint (query_int (store, "PRAGMA temp_store"), ==, 2);
}

/* A record's row id by its uuid: a deleted one only when asked for. */
static void
test_find_id (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_store_open (f->path, &error);
  g_autoptr(TxPerson) person = NULL;
  gint64 id;

  g_assert_no_error (error);
  person = tx_person_new_with_fields (NULL, "王芳", TX_GENDER_FEMALE, "", NULL, "", "", "", "", "");
  g_assert_true (tx_roster_edit_person (store, person, &error));
  g_assert_no_error (error);

  id = tx_store_find_id (store, "person", tx_person_get_uuid (person), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, query_int (store, "SELECT id FROM person WHERE name = '王芳'"));
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (tx_store_find_id (store, "person", "1b4e28ba-2fa1-41d2-883f-0016d3cca427", TRUE, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (tx_store_find_id (store, "township", tx_person_get_uuid (person), TRUE, &error), ==, 0);

  g_assert_true (tx_roster_delete_person (store, tx_person_get_uuid (person), &error));
  g_assert_no_error (error);
  g_assert_cmpint (tx_store_find_id (store, "person", tx_person_get_uuid (person), FALSE, &error), ==, 0);
  g_assert_cmpint (tx_store_find_id (store, "person", tx_person_get_uuid (person), TRUE, &error), ==, id);
  g_assert_no_error (error);
}

static void
on_changed_cb (TxStore    *store,
               const char *kind,
               const char *uuid,
               gpointer    user_data)
{
  GPtrArray *kinds = user_data;

  g_ptr_array_add (kinds, g_strdup (kind));
}

static void
test_rollback (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_store_open (f->path, &error);
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), kinds);

  g_assert_false (tx_store_write (store, add_then_fail, NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "name"));
  g_clear_error (&error);

  /* nothing of the three writes is left, and nobody was told of a change */
  g_assert_cmpuint (tx_store_count (store, "township"), ==, 0);
  g_assert_cmpuint (tx_store_count (store, "person"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM person_search WHERE person_search MATCH '王芳'"), ==, 0);
  g_assert_cmpuint (kinds->len, ==, 0);
  g_assert_false (tx_store_in_transaction (store));

  /* and the store still works */
  g_assert_true (tx_store_write (store, add_township, (gpointer) "陆坪镇", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tx_store_count (store, "township"), ==, 1);
  g_assert_cmpuint (kinds->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (kinds, 0), ==, "township");
}

static gboolean
nested_inner_fails (TxStore   *store,
                    gpointer   user_data,
                    GError   **error)
{
  g_autoptr(GError) inner_error = NULL;

  if (!add_township (store, (gpointer) "金山街道", error))
    return FALSE;

  /* the inner unit fails, its savepoint rolls back, the outer goes on */
  g_assert_false (tx_store_write (store, add_then_fail, NULL, &inner_error));
  g_assert_nonnull (inner_error);

  return TRUE;
}

static void
test_nested (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_store_open (f->path, &error);
  g_autoptr(TxTownship) kept = NULL;
  g_autoptr(TxTownship) dropped = NULL;

  g_assert_true (tx_store_write (store, nested_inner_fails, NULL, &error));
  g_assert_no_error (error);

  kept = tx_store_find_township (store, "金山街道", NULL);
  dropped = tx_store_find_township (store, "仙桥乡", NULL);
  g_assert_nonnull (kept);
  g_assert_null (dropped);
  g_assert_cmpuint (tx_store_count (store, "person"), ==, 0);
}

static gboolean
add_two_with_same_uuid (TxStore   *store,
                        gpointer   user_data,
                        GError   **error)
{
  g_autofree char *now = tx_timestamp_now ();
  sqlite3_stmt *stmt;

  for (guint i = 0; i < 2; i++)
    {
      stmt = tx_store_prepare (store, "INSERT INTO township (uuid, name, kind, updated_at) VALUES (?, ?, 'town', ?)", error);
      sqlite3_bind_text (stmt, 1, "0a2c4e6f-1111-4222-8333-944455556666", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, i == 0 ? "道坪镇" : "牛场镇", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
      if (!tx_store_step_done (store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static void
test_uuid (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_store_open (f->path, &error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 20000; i++)
    {
      char *uuid = tx_uuid_new ();

      g_assert_true (tx_uuid_is_valid (uuid));
      g_assert_false (g_hash_table_contains (seen, uuid));
      g_hash_table_add (seen, uuid);
    }

  g_assert_false (tx_uuid_is_valid ("not-a-uuid"));
  g_assert_false (tx_uuid_is_valid ("0A2C4E6F-1111-4222-8333-944455556666"));

  /* the database refuses a second record with the same uuid */
  g_assert_false (tx_store_write (store, add_two_with_same_uuid, NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_assert_cmpuint (tx_store_count (store, "township"), ==, 0);
}

static void
test_foreign_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  sqlite3 *db = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE budget (item TEXT); PRAGMA application_id = 42;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = tx_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_FOREIGN);
  g_assert_nonnull (strstr (error->message, f->path));

  /* a text file is refused too */
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (f->path, "姓名,电话\n王芳,13800000000\n", -1, NULL));
  store = tx_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_FOREIGN);
}

static void
test_too_new (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = NULL;

  store = tx_store_open (f->path, &error);
  g_assert_no_error (error);
  sqlite3_exec (tx_store_get_db (store), "PRAGMA user_version = 999", NULL, NULL, NULL);
  g_clear_object (&store);

  store = tx_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "999"));
}

static void
test_settings_and_audit (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_store_open (f->path, &error);
  g_autofree char *value = NULL;
  g_autofree char *action = NULL;

  g_assert_null (tx_store_get_setting (store, "stakeholder-share"));
  g_assert_true (tx_store_set_setting (store, "stakeholder-share", "30", &error));
  g_assert_true (tx_store_set_setting (store, "stakeholder-share", "40", &error));
  g_assert_no_error (error);
  value = tx_store_get_setting (store, "stakeholder-share");
  g_assert_cmpstr (value, ==, "40");

  /* every change leaves a line in the audit log */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM audit_log WHERE kind = 'setting'"), ==, 2);
  action = query_text (store, "SELECT summary FROM audit_log ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (action, ==, "stakeholder-share");
}

/* A database of schema 2, as Tongxin wrote it before the search index of
 * single characters: its people, their categories and the meetings they
 * sat in all come through schema 3, and can be searched.  A reference
 * another program broke before is no reason to refuse the file: it stays,
 * and the check lists it. */
static void
test_migrate_from_2 (Fixture       *f,
                     gconstpointer  data)
{
  const char *versions[] = { "0001-initial.sql", "0002-circular.sql" };
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *categories = NULL;
  g_autofree char *participant_sql = NULL;
  g_autofree char *integrity = NULL;
  TxPersonFilter filter = { 0, };
  sqlite3 *db = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autofree char *resource = g_strconcat ("/io/github/tongxin/Tongxin/core/sql/", versions[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, 0, &error);
      g_autofree char *sql = NULL;

      g_assert_no_error (error);
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO township VALUES (1, 'a0000000-0000-4000-8000-000000000001', '凤山镇', 'town', '2026-01-01T00:00:00.000Z', NULL);"
                                 "INSERT INTO person (id, uuid, township_id, name, gender, village, organization, updated_at) VALUES "
                                 "  (7, 'b0000000-0000-4000-8000-000000000007', 1, '王芳', 'female', '双谷村', '凤山镇卫生院', '2026-01-01T00:00:00.000Z'),"
                                 "  (9, 'b0000000-0000-4000-8000-000000000009', 1, '潘玉兰', 'female', '双谷村', '', '2026-01-01T00:00:00.000Z');"
                                 "INSERT INTO person_category VALUES (7, 'expert', 0), (7, 'npc_deputy', 1), (9, 'resident', 0);"
                                 "INSERT INTO consultation (id, uuid, township_id, title, updated_at) VALUES "
                                 "  (3, 'c0000000-0000-4000-8000-000000000003', 1, '双谷村饮水协商', '2026-01-01T00:00:00.000Z');"
                                 "INSERT INTO participant (consultation_id, person_id, role) VALUES (3, 7, 'expert'), (3, 9, 'stakeholder');"
                                 "INSERT INTO participant (consultation_id, person_id, role) VALUES (3, 99, 'observer');"
                                 "INSERT INTO person_fts (rowid, name, organization, village, title) SELECT id, name, organization, village, title FROM person;"
                                 "PRAGMA application_id = 1417170481; PRAGMA user_version = 2;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = tx_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tx_store_get_schema_version (store), ==, tx_store_get_latest_version ());

  /* everyone, with their categories in order, and their meetings */
  g_assert_cmpuint (tx_store_count (store, "person"), ==, 2);
  categories = query_text (store, "SELECT group_concat (category, ' ') FROM "
                                  "(SELECT category FROM person_category WHERE person_id = 7 ORDER BY position)");
  g_assert_cmpstr (categories, ==, "expert npc_deputy");
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM participant JOIN person ON person.id = participant.person_id"), ==, 2);
  g_assert_cmpint (query_int (store, "PRAGMA foreign_keys"), ==, 1);

  /* one search index instead of two */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sqlite_schema WHERE name IN ('person_fts', 'person_chars')"), ==, 0);
  filter.search = (char *) "卫生院";
  found = tx_roster_query (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (tx_person_get_name (g_ptr_array_index (found, 0)), ==, "王芳");
  g_clear_pointer (&found, g_ptr_array_unref);
  filter.search = (char *) "双谷";
  found = tx_roster_query (store, &filter, &error);
  g_assert_cmpuint (found->len, ==, 2);

  /* the rules still hold, and only the reference broken before is wrong */
  g_assert_cmpint (sqlite3_exec (tx_store_get_db (store),
                                 "UPDATE person SET gender = 'unknown' WHERE id = 7", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_CHECK);
  g_assert_cmpint (sqlite3_exec (tx_store_get_db (store),
                                 "INSERT INTO person_category VALUES (9, 'mayor', 1)", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_CHECK);
  g_assert_cmpint (sqlite3_exec (tx_store_get_db (store),
                                 "UPDATE participant SET role = 'mayor' WHERE person_id = 7", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_CHECK);
  g_assert_cmpint (sqlite3_exec (tx_store_get_db (store),
                                 "UPDATE participant SET role = 'host' WHERE person_id = 7", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  participant_sql = query_text (store, "SELECT sql FROM sqlite_schema WHERE name = 'participant'");
  g_assert_null (strstr (participant_sql, " IN ('host'"));
  integrity = query_text (store, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  problems = tx_store_check (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "participant"));
}

/* Each table's CHECKs, and the conditions of its partial indexes, test
 * a row in place: written as column IN ('a', 'b', 'c'), SQLite made a
 * temporary table for the list at each statement, which cost more than
 * writing the row. */
static void
test_checks_in_place (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_store_open (f->path, &error);
  sqlite3_stmt *tables = NULL;
  guint n_tables = 0;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store),
                                       "SELECT t.name, t.sql || ';' || "
                                       "  coalesce ((SELECT group_concat (i.sql, ';') FROM sqlite_schema i "
                                       "             WHERE i.type = 'index' AND i.tbl_name = t.name AND i.sql IS NOT NULL), '') "
                                       "FROM sqlite_schema t WHERE t.type = 'table' "
                                       "AND t.name NOT LIKE 'sqlite_%' AND t.sql NOT LIKE 'CREATE VIRTUAL%'",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *insert = g_strdup_printf ("EXPLAIN INSERT INTO \"%s\" DEFAULT VALUES", name);
      sqlite3 *alone = NULL;
      sqlite3_stmt *explain = NULL;
      guint n_temporary = 0;

      /* the table and its indexes alone (no triggers), whose partial
       * ones have conditions of their own */
      g_assert_cmpint (sqlite3_open (":memory:", &alone), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (alone, (const char *) sqlite3_column_text (tables, 1), NULL, NULL, NULL),
                       ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (alone, insert, -1, &explain, NULL), ==, SQLITE_OK);
      while (sqlite3_step (explain) == SQLITE_ROW)
        if (g_strcmp0 ((const char *) sqlite3_column_text (explain, 1), "OpenEphemeral") == 0)
          n_temporary++;
      sqlite3_finalize (explain);
      sqlite3_close (alone);

      if (n_temporary > 0)
        g_test_message ("%s: %u temporary tables a row", name, n_temporary);
      g_assert_cmpuint (n_temporary, ==, 0);
      n_tables++;
    }
  sqlite3_finalize (tables);
  g_assert_cmpuint (n_tables, >, 20);

  /* and they still refuse what they refused */
  g_assert_cmpint (sqlite3_exec (tx_store_get_db (store),
                                 "INSERT INTO township (uuid, name, kind, updated_at) "
                                 "VALUES ('a0000000-0000-4000-8000-000000000001', '凤山镇', 'county', '2026-01-01T00:00:00.000Z')",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_CHECK);
  g_assert_cmpint (sqlite3_exec (tx_store_get_db (store),
                                 "INSERT INTO township (uuid, name, kind, updated_at) "
                                 "VALUES ('a0000000-0000-4000-8000-000000000001', '凤山镇', 'town', '2026-01-01T00:00:00.000Z')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
test_timestamps (void)
{
  g_autofree char *a = tx_timestamp_normalize ("2026-03-10T09:00:00+08:00");
  g_autofree char *b = tx_timestamp_normalize ("2026-03-10T01:00:00.250Z");
  g_autofree char *now = tx_timestamp_now ();

  g_assert_cmpstr (a, ==, "2026-03-10T01:00:00.000Z");
  g_assert_cmpstr (b, ==, "2026-03-10T01:00:00.250Z");
  g_assert_cmpint (strcmp (a, b), <, 0);
  g_assert_null (tx_timestamp_normalize ("2026-02-30T09:00:00+08:00"));
  g_assert_null (tx_timestamp_normalize ("yesterday"));

  /* as Tongxin writes them, taken as they are when they are real */
  {
    const char *real[] = { "2024-02-29T23:59:59.999Z", "0001-01-01T00:00:00.000Z", "2026-12-31T23:59:59.000Z" };
    const char *not_real[] = {
      "2026-02-29T00:00:00.000Z", "2026-04-31T00:00:00.000Z", "2026-13-01T00:00:00.000Z",
      "2026-00-10T00:00:00.000Z", "2026-03-00T00:00:00.000Z", "0000-03-10T00:00:00.000Z",
      "2026-03-10T24:00:00.000Z", "2026-03-10T01:60:00.000Z",
      "2026-03-10T01:00:00.250Zjunk", "2026-03-10T01:00:00.2a0Z",
    };

    for (guint i = 0; i < G_N_ELEMENTS (real); i++)
      {
        g_autofree char *same = tx_timestamp_normalize (real[i]);

        g_assert_cmpstr (same, ==, real[i]);
      }
    for (guint i = 0; i < G_N_ELEMENTS (not_real); i++)
      g_assert_null (tx_timestamp_normalize (not_real[i]));
    g_free (a);
    a = tx_timestamp_normalize ("2026-03-10T01:00:00Z");
    g_assert_cmpstr (a, ==, "2026-03-10T01:00:00.000Z");
    g_free (a);
    a = tx_timestamp_normalize ("2026-03-10T01:00:00.25Z");
    g_assert_cmpstr (a, ==, "2026-03-10T01:00:00.250Z");
  }
  g_assert_cmpuint (strlen (now), ==, strlen (a));

  g_assert_true (tx_date_is_valid ("2024-02-29"));
  g_assert_false (tx_date_is_valid ("2026-02-29"));
  g_assert_false (tx_date_is_valid ("2026-1-5"));
}

static void
test_enums (void)
{
  g_autoptr(GEnumClass) stages = g_type_class_ref (TX_TYPE_STAGE);
  g_autoptr(GEnumClass) categories = g_type_class_ref (TX_TYPE_CATEGORY);
  TxCategory category;

  /* six stages and "done", twelve categories, each with its stable key */
  g_assert_cmpuint (stages->n_values, ==, TX_N_STAGES + 1);
  g_assert_cmpuint (categories->n_values, ==, TX_N_CATEGORIES);
  g_assert_cmpuint (tx_category_get_count (), ==, TX_N_CATEGORIES);
  g_assert_cmpstr (tx_stage_to_key (TX_STAGE_SUBMISSION), ==, "submission");
  g_assert_cmpstr (tx_category_to_key (TX_CATEGORY_VETERAN_PARTY_MEMBER), ==, "veteran_party_member");

  /* what the offices write in their spreadsheets */
  g_assert_true (tx_category_parse ("政协委员", &category));
  g_assert_cmpint (category, ==, TX_CATEGORY_CPPCC_MEMBER);
  g_assert_true (tx_category_parse (" 利益攸关方 ", &category));
  g_assert_cmpint (category, ==, TX_CATEGORY_STAKEHOLDER);
  g_assert_true (tx_category_parse ("npc_deputy", &category));
  g_assert_cmpint (category, ==, TX_CATEGORY_NPC_DEPUTY);
  g_assert_true (tx_category_parse ("retired cadre", &category));
  g_assert_cmpint (category, ==, TX_CATEGORY_RETIRED_CADRE);
  g_assert_false (tx_category_parse ("镇长", &category));
}

/* The rules' test of a date written otherwise than YYYY-MM-DD says
 * what the GLOB pattern says, for every kind of text, NULL as NULL; and
 * a day that does not exist is not one either. */
static void
test_not_iso_date (Fixture       *f,
                   gconstpointer  data)
{
  static const struct {
    const char *text;
    int         not_iso;   /* -1: as the pattern says */
  } texts[] = {
    { "2026-10-01", -1 }, { "2024-02-29", -1 }, { "2026/10/01", -1 }, { "2026-1-01", -1 },
    { "2026-10-1", -1 }, { "2026-10-011", -1 }, { " 2026-10-01", -1 }, { "2026-10-01 ", -1 },
    { "２０２６-10-01", -1 }, { "", -1 }, { "二〇二六年十月一日", -1 }, { "2026-10-0a", -1 },
    { "2026_10_01", -1 }, { "20261001", -1 }, { "-2026-10-1", -1 }, { "2026-10-01T09:00", -1 },
    { NULL, -1 },
    /* written as days are, but no day */
    { "2026-02-30", 1 }, { "2026-13-01", 1 }, { "0000-00-00", 1 }, { "2025-02-29", 1 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_store_open (f->path, &error);
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  stmt = tx_store_prepare (store,
                           "SELECT tx_not_iso_date (?1), ?1 NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'",
                           &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      const char *text = texts[i].text;

      sqlite3_reset (stmt);
      if (text != NULL)
        sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 1);
      g_assert_cmpint (tx_store_step (store, stmt, &error), ==, SQLITE_ROW);
      g_assert_no_error (error);
      g_test_message ("%s: %d", text != NULL ? text : "NULL", sqlite3_column_int (stmt, 0));
      g_assert_cmpint (sqlite3_column_type (stmt, 0), ==, sqlite3_column_type (stmt, 1));
      if (texts[i].not_iso < 0)
        g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, sqlite3_column_int (stmt, 1));
      else
        g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, texts[i].not_iso);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* The test the ledger's indexes use, in SQLite's own functions, finds
 * every date tx_not_iso_date () finds, and no other: every day from
 * 1999 to 2031, and dates written otherwise. */
static void
test_odd_dates (Fixture       *f,
                gconstpointer  data)
{
  static const char * const odd[] = {
    "2026/10/01", "2026-1-01", "2026-10-1", "2026-10-011", " 2026-10-01", "2026-10-01 ", "２０２６-10-01",
    "", "二〇二六年十月一日", "2026-10-0a", "20261001", "2026-10-01T09:00", "2026-02-30", "2026-13-01",
    "0000-00-00", "0000-01-01", "2025-02-29", "2026-04-31", "2026-09-31", "2026-00-10", "2026-10-00",
    "2026-10-32", "2026-19-01", "9999-99-99", "1900-02-29", "2100-02-29", "-001-01-01", "2026-10-01Z",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_store_open (f->path, &error);
  sqlite3_stmt *stmt;
  guint n_odd = 0;

  g_assert_no_error (error);
  stmt = tx_store_prepare (store, "SELECT tx_not_iso_date (?1), " TX_SQL_ODD_DATE ("?1"), &error);
  g_assert_no_error (error);

  for (TxDate day = tx_date_new (1999, 1, 1); day <= tx_date_new (2031, 12, 31); day++)
    {
      char text[11];

      tx_date_write_iso (day, text);
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (tx_store_step (store, stmt, &error), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
      n_odd += sqlite3_column_int (stmt, 1);
    }
  /* no real day, 29 February of a leap year neither */
  g_assert_cmpuint (n_odd, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, odd[i], -1, SQLITE_STATIC);
      g_assert_cmpint (tx_store_step (store, stmt, &error), ==, SQLITE_ROW);
      g_test_message ("%s: %d %d", odd[i], sqlite3_column_int (stmt, 0), sqlite3_column_int (stmt, 1));
      g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
      g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 1);
    }

  /* neither says anything of no date */
  sqlite3_reset (stmt);
  sqlite3_bind_null (stmt, 1);
  g_assert_cmpint (tx_store_step (store, stmt, &error), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_type (stmt, 0), ==, SQLITE_NULL);
  g_assert_cmpint (sqlite3_column_type (stmt, 1), ==, SQLITE_NULL);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/create", Fixture, NULL, fixture_set_up, test_create, fixture_tear_down);
  g_test_add ("/store/reopen", Fixture, NULL, fixture_set_up, test_reopen, fixture_tear_down);
  g_test_add ("/store/rollback", Fixture, NULL, fixture_set_up, test_rollback, fixture_tear_down);
  g_test_add ("/store/nested", Fixture, NULL, fixture_set_up, test_nested, fixture_tear_down);
  g_test_add ("/store/filling", Fixture, NULL, fixture_set_up, test_filling, fixture_tear_down);
  g_test_add ("/store/make-indexes", Fixture, NULL, fixture_set_up, test_make_indexes, fixture_tear_down);
  g_test_add ("/store/find-id", Fixture, NULL, fixture_set_up, test_find_id, fixture_tear_down);
  g_test_add ("/store/uuid", Fixture, NULL, fixture_set_up, test_uuid, fixture_tear_down);
  g_test_add ("/store/foreign-file", Fixture, NULL, fixture_set_up, test_foreign_file, fixture_tear_down);
  g_test_add ("/store/too-new", Fixture, NULL, fixture_set_up, test_too_new, fixture_tear_down);
  g_test_add ("/store/migrate-from-2", Fixture, NULL, fixture_set_up, test_migrate_from_2, fixture_tear_down);
  g_test_add ("/store/settings-and-audit", Fixture, NULL, fixture_set_up, test_settings_and_audit, fixture_tear_down);
  g_test_add ("/store/not-iso-date", Fixture, NULL, fixture_set_up, test_not_iso_date, fixture_tear_down);
  g_test_add ("/store/checks-in-place", Fixture, NULL, fixture_set_up, test_checks_in_place, fixture_tear_down);
  g_test_add ("/store/odd-dates", Fixture, NULL, fixture_set_up, test_odd_dates, fixture_tear_down);
  g_test_add_func ("/store/timestamps", test_timestamps);
  g_test_add_func ("/store/enums", test_enums);

  return g_test_run ();
}
