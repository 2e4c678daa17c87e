/* test-collate.c — surname stroke order (按姓氏笔画为序), as offices print it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tx-collate.h"
#include "tx-roster.h"
#include "tx-search-tokenizer.h"
#include "tx-store.h"

/* Sixteen surnames, five people each, in the order the offices print:
 * 丁 2 strokes; 王 韦 毛 方 尹 4, first strokes 横 横 撇 点 折 (王 横横竖横
 * before 韦 横横折竖 at the third stroke); 石 5; 朱 刘 孙 6, 撇 点 折;
 * 李 吴 何 沈 陈 7, 横 竖 撇 点 折; 欧阳 by 欧, 8.  Inside a surname the
 * given names by the count of their first character, then its strokes
 * (大 横撇点 before 小 竖撇点 before 山 竖折竖, all 3; 玉 横横竖横点 before
 * 立 点横点撇横, both 5), then the next character (大华 华 6 before 大勇
 * 勇 9), a shorter one first (李文 before 李文华). */
static const char * const in_order[] = {
  "丁一", "丁力", "丁小红", "丁山", "丁文",
  "王一", "王大富", "王小明", "王开贵", "王文",
  "韦乙", "韦小芳", "韦山", "韦玉", "韦立",
  "毛二", "毛人", "毛大伟", "毛子", "毛兰",
  "方十", "方大军", "方千", "方王", "方正",
  "尹人", "尹三", "尹之", "尹云", "尹平",
  "石一", "石力", "石大华", "石大勇", "石磊",
  "朱二", "朱三", "朱小平", "朱小英", "朱文",
  "刘一", "刘十", "刘大杰", "刘洋", "刘静",
  "孙乙", "孙力", "孙千", "孙秀", "孙梅",
  "李二", "李人", "李文", "李文华", "李明",
  "吴十", "吴大", "吴子", "吴平", "吴国",
  "何人", "何小", "何山", "何兰", "何娟",
  "沈三", "沈千", "沈之", "沈正", "沈涛",
  "陈一", "陈力", "陈大", "陈立", "陈超",
  "欧阳一", "欧阳小", "欧阳文", "欧阳明", "欧阳霞",
};

static const char * const surnames[] = {
  "丁", "王", "韦", "毛", "方", "尹", "石", "朱", "刘", "孙",
  "李", "吴", "何", "沈", "陈", "欧阳",
};

/* The surname as the test knows it: 欧阳 is the only compound one here. */
static char *
surname_of (const char *name)
{
  if (g_str_has_prefix (name, "欧阳"))
    return g_strdup ("欧阳");

  return g_strndup (name, g_utf8_next_char (name) - name);
}

static int
compare_by_key (gconstpointer a,
                gconstpointer b)
{
  g_autoptr(GBytes) ka = tx_collate_sort_key (*(const char * const *) a, TX_ORDER_STROKES);
  g_autoptr(GBytes) kb = tx_collate_sort_key (*(const char * const *) b, TX_ORDER_STROKES);

  return g_bytes_compare (ka, kb);
}

/* @names sorted by their strokes keys, after a shuffle. */
static GPtrArray *
sort_shuffled (const char * const *names,
               guint               n_names)
{
  GPtrArray *sorted = g_ptr_array_new ();

  for (guint i = 0; i < n_names; i++)
    g_ptr_array_add (sorted, (gpointer) names[i]);
  for (guint i = n_names - 1; i > 0; i--)
    {
      guint j = g_test_rand_int_range (0, i + 1);
      gpointer swap = sorted->pdata[i];

      sorted->pdata[i] = sorted->pdata[j];
      sorted->pdata[j] = swap;
    }
  g_ptr_array_sort (sorted, compare_by_key);

  return sorted;
}

static char *
join (GPtrArray *names)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (text, "%s%s", i ? " " : "", (const char *) g_ptr_array_index (names, i));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Each surname is one run, and the runs come in the order of surnames[];
 * then every name is where in_order[] has it. */
static void
assert_in_order (GPtrArray *names)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autofree char *got = NULL;
  g_autofree char *want = NULL;

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *surname = surname_of (g_ptr_array_index (names, i));

      if (runs->len == 0 || !g_str_equal (g_ptr_array_index (runs, runs->len - 1), surname))
        g_ptr_array_add (runs, g_steal_pointer (&surname));
    }
  g_assert_cmpuint (runs->len, ==, G_N_ELEMENTS (surnames));
  for (guint i = 0; i < runs->len; i++)
    g_assert_cmpstr (g_ptr_array_index (runs, i), ==, surnames[i]);

  for (guint i = 0; i < G_N_ELEMENTS (in_order); i++)
    g_ptr_array_add (expected, (gpointer) in_order[i]);
  got = join (names);
  want = join (expected);
  g_assert_cmpstr (got, ==, want);
}

static void
test_surname_runs (void)
{
  for (guint round = 0; round < 5; round++)
    {
      g_autoptr(GPtrArray) sorted = sort_shuffled (in_order, G_N_ELEMENTS (in_order));

      assert_in_order (sorted);
    }
}

/* The same surname stays together: 韦小芳 no longer comes between them,
 * and 大 (3 strokes) comes before 开 (4). */
static void
test_same_surname_together (void)
{
  const char *names[] = { "王开贵", "韦小芳", "王大富" };
  g_autoptr(GPtrArray) sorted = sort_shuffled (names, G_N_ELEMENTS (names));
  g_autofree char *text = join (sorted);

  g_assert_cmpstr (text, ==, "王大富 王开贵 韦小芳");
  g_assert_cmpint (tx_collate_compare ("王开贵", "韦小芳", TX_ORDER_STROKES), <, 0);
  g_assert_cmpint (tx_collate_compare ("王大富", "王开贵", TX_ORDER_STROKES), <, 0);
  /* a name alone, then the longer ones */
  g_assert_cmpint (tx_collate_compare ("王", "王一", TX_ORDER_STROKES), <, 0);
  g_assert_cmpint (tx_collate_compare ("王大", "王大富", TX_ORDER_STROKES), <, 0);
  g_assert_cmpint (tx_collate_compare ("王大富", "王大富", TX_ORDER_STROKES), ==, 0);
}

/* A compound surname is one surname, placed by its first character and
 * then its second: 林 横竖 before 欧 横撇 (both 8); 欧 alone before 欧阳;
 * 周 (8, 撇) after them.  司马 after every 司; a two-character name
 * written like a compound surname is a surname and a given name. */
static void
test_compound_surnames (void)
{
  const char *names[] = {
    "林森", "林一",
    "欧明", "欧一", "欧阳霞", "欧阳一", "欧阳文华",
    "周一", "周大",
    "司马光", "司马一", "司文", "司一",
    "东方", "东方红", "东一", "东方一",
  };
  const char *expected =
    "东一 东方 东方一 东方红 "
    "司一 司文 司马一 司马光 "
    "林一 林森 欧一 欧明 欧阳一 欧阳文华 欧阳霞 周一 周大";
  g_autoptr(GPtrArray) sorted = sort_shuffled (names, G_N_ELEMENTS (names));
  g_autofree char *text = join (sorted);

  g_assert_cmpstr (text, ==, expected);
}

/* Names in Latin letters come after every Chinese name, the most
 * strokes included (鑫 24), in alphabetical order. */
static void
test_latin_last (void)
{
  const char *names[] = { "Zhou Min", "鑫一", "王芳", "anna Li", "Wei Lan", "欧阳霞", "丁一" };
  g_autoptr(GPtrArray) sorted = sort_shuffled (names, G_N_ELEMENTS (names));
  g_autofree char *text = join (sorted);

  g_assert_cmpstr (text, ==, "丁一 王芳 欧阳霞 鑫一 anna Li Wei Lan Zhou Min");
}

/* Both keys at once are the keys one at a time. */
static void
test_both_keys (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (in_order); i++)
    {
      g_autoptr(GBytes) pinyin = NULL;
      g_autoptr(GBytes) strokes = NULL;
      g_autoptr(GBytes) pinyin_alone = tx_collate_sort_key (in_order[i], TX_ORDER_PINYIN);
      g_autoptr(GBytes) strokes_alone = tx_collate_sort_key (in_order[i], TX_ORDER_STROKES);

      tx_collate_sort_keys (in_order[i], &pinyin, &strokes);
      g_assert_true (g_bytes_equal (pinyin, pinyin_alone));
      g_assert_true (g_bytes_equal (strokes, strokes_alone));
    }
}

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("tongxin-collate-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "tongxin.db", NULL);
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

/* tx_strokes_key(name) in SQL is the key the roster stores. */
static void
test_sql_function (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_store_open (f->path, &error);
  g_autoptr(GBytes) key = tx_collate_sort_key ("欧阳文华", TX_ORDER_STROKES);
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store),
                                       "SELECT tx_strokes_key ('欧阳文华'), tx_strokes_key (NULL)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpmem (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0),
                   g_bytes_get_data (key, NULL), g_bytes_get_size (key));
  g_assert_cmpint (sqlite3_column_type (stmt, 1), ==, SQLITE_NULL);
  sqlite3_finalize (stmt);
}

/* A database written by the version before (schema 3), whose people have
 * the old keys (here: ordered by code point), gets the new order when it
 * is opened, the deleted people too, and its search still finds. */
static void
test_migration (Fixture       *f,
                gconstpointer  data)
{
  const char *versions[] = { "0001-initial.sql", "0002-circular.sql", "0003-search.sql" };
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) shuffled = g_ptr_array_new ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) problems = NULL;
  TxPersonFilter filter = { 0, };
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  guint n_checked = 0;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_true (tx_store_register_functions (db));
  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autofree char *resource = g_strconcat ("/io/github/tongxin/Tongxin/core/sql/", versions[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, 0, &error);
      g_autofree char *sql = NULL;

      g_assert_no_error (error);
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }

  for (guint i = 0; i < G_N_ELEMENTS (in_order); i++)
    g_ptr_array_add (shuffled, (gpointer) in_order[i]);
  for (guint i = shuffled->len - 1; i > 0; i--)
    {
      guint j = g_test_rand_int_range (0, i + 1);
      gpointer swap = shuffled->pdata[i];

      shuffled->pdata[i] = shuffled->pdata[j];
      shuffled->pdata[j] = swap;
    }

  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO township VALUES (1, 'a0000000-0000-4000-8000-000000000001', "
                                     "'凤山镇', 'town', '2026-01-01T00:00:00.000Z', NULL)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO person (uuid, township_id, name, sort_pinyin, sort_strokes, "
                                           "updated_at, deleted_at) VALUES (?1, 1, ?2, CAST (?2 AS BLOB), "
                                           "CAST (?2 AS BLOB), '2026-01-01T00:00:00.000Z', ?3)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i <= shuffled->len; i++)
    {
      g_autofree char *uuid = g_strdup_printf ("b0000000-0000-4000-8000-%012u", i);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      if (i < shuffled->len)
        {
          sqlite3_bind_text (stmt, 2, g_ptr_array_index (shuffled, i), -1, SQLITE_STATIC);
          sqlite3_bind_null (stmt, 3);
        }
      else
        {
          /* someone deleted, who may be restored */
          sqlite3_bind_text (stmt, 2, "王二", -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, "2026-02-01T00:00:00.000Z", -1, SQLITE_STATIC);
        }
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO person_search (person_search) VALUES ('rebuild');"
                                     "PRAGMA application_id = 1417170481; PRAGMA user_version = 3;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = tx_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tx_store_get_schema_version (store), ==, tx_store_get_latest_version ());
  g_assert_cmpint (tx_store_get_schema_version (store), >=, 4);

  /* the roster in the new order */
  filter.order = TX_ORDER_STROKES;
  found = tx_roster_query (store, &filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (names, (gpointer) tx_person_get_name (g_ptr_array_index (found, i)));
  assert_in_order (names);

  /* every stored key is the key of today, the deleted person's too */
  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store), "SELECT name, sort_strokes FROM person",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GBytes) key = tx_collate_sort_key ((const char *) sqlite3_column_text (stmt, 0), TX_ORDER_STROKES);

      g_assert_cmpmem (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1),
                       g_bytes_get_data (key, NULL), g_bytes_get_size (key));
      n_checked++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_checked, ==, G_N_ELEMENTS (in_order) + 1);

  /* the search, and the index the order uses, are sound */
  g_clear_pointer (&found, g_ptr_array_unref);
  g_ptr_array_set_size (names, 0);
  filter.search = (char *) "王";
  found = tx_roster_query (store, &filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (names, (gpointer) tx_person_get_name (g_ptr_array_index (found, i)));
  {
    g_autofree char *text = join (names);

    g_assert_cmpstr (text, ==, "王一 王大富 王小明 王开贵 王文 方王");
  }
  problems = tx_store_check (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/collate/surname-runs", test_surname_runs);
  g_test_add_func ("/collate/same-surname-together", test_same_surname_together);
  g_test_add_func ("/collate/compound-surnames", test_compound_surnames);
  g_test_add_func ("/collate/latin-last", test_latin_last);
  g_test_add_func ("/collate/both-keys", test_both_keys);
  g_test_add ("/collate/sql-function", Fixture, NULL, fixture_set_up, test_sql_function, fixture_tear_down);
  g_test_add ("/collate/migration", Fixture, NULL, fixture_set_up, test_migration, fixture_tear_down);

  return g_test_run ();
}
