/* test-roster-import.c — CSV in, CSV and XLSX out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "tx-collate.h"
#include "tx-records.h"
#include "tx-roster-export.h"
#include "tx-roster-import.h"
#include "tx-roster.h"
#include "tx-store.h"
#include "tx-vocabulary.h"

typedef struct {
  char    *dir;
  TxStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("tongxin-roster-XXXXXX", NULL);
  path = g_build_filename (f->dir, "tongxin.db", NULL);
  f->store = tx_store_open (path, &error);
  g_assert_no_error (error);
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
fixture_path (const char *name)
{
  if (g_path_is_absolute (name))
    return g_strdup (name);
  return g_build_filename (g_getenv ("TONGXIN_TEST_DATA"), name, NULL);
}

static TxRosterImport *
read_fixture (Fixture    *f,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (name);
  TxRosterImport *import = tx_roster_import_read (f->store, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  return import;
}

static void
import_fixture (Fixture    *f,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxRosterImport) import = read_fixture (f, name);

  g_assert_cmpuint (tx_roster_import_get_problems (import)->len, ==, 0);
  g_assert_true (tx_roster_import_apply (f->store, import, NULL, NULL, &error));
  g_assert_no_error (error);
}

static TxPerson *
find_by_name (Fixture    *f,
              const char *name)
{
  g_autoptr(GPtrArray) people = NULL;
  TxPersonFilter filter = { (char *) name, };

  people = tx_roster_query (f->store, &filter, NULL);
  for (guint i = 0; i < people->len; i++)
    if (g_str_equal (tx_person_get_name (g_ptr_array_index (people, i)), name))
      return g_object_ref (g_ptr_array_index (people, i));

  return NULL;
}

static void
test_gb18030_crlf (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TxRosterImport) import = read_fixture (f, "roster-gb18030-crlf.csv");
  g_autoptr(TxPerson) pan = NULL;
  g_autoptr(TxPerson) shi = NULL;
  g_autoptr(TxPerson) ding = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *townships;

  g_assert_cmpstr (tx_roster_import_get_encoding (import), ==, "GB18030");
  g_assert_cmpuint (tx_roster_import_get_n_rows (import), ==, 5);
  g_assert_cmpuint (tx_roster_import_get_to_add (import)->len, ==, 5);
  g_assert_cmpuint (tx_roster_import_get_to_update (import)->len, ==, 0);
  townships = tx_roster_import_get_new_townships (import);
  g_assert_cmpuint (townships->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (townships, 0), ==, "凤山镇");
  g_assert_cmpstr (g_ptr_array_index (townships, 1), ==, "岔河镇");

  /* reading wrote nothing */
  g_assert_cmpuint (tx_store_count (f->store, "person"), ==, 0);
  g_assert_cmpuint (tx_store_count (f->store, "township"), ==, 0);

  g_assert_true (tx_roster_import_apply (f->store, import, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tx_store_count (f->store, "person"), ==, 5);
  g_assert_cmpuint (tx_store_count (f->store, "township"), ==, 2);

  pan = find_by_name (f, "潘光明");
  g_assert_cmpstr (tx_person_get_township_name (pan), ==, "凤山镇");
  g_assert_cmpstr (tx_person_get_village (pan), ==, "双谷村");
  g_assert_cmpstr (tx_person_get_ethnicity (pan), ==, "布依族");
  g_assert_cmpint (tx_person_get_gender (pan), ==, TX_GENDER_MALE);
  g_assert_cmpstr (tx_person_get_phone (pan), ==, "13885401234");
  g_assert_cmpuint (tx_person_get_n_categories (pan), ==, 2);
  g_assert_cmpint (tx_person_get_category (pan, 0), ==, TX_CATEGORY_CPPCC_MEMBER);
  g_assert_cmpint (tx_person_get_category (pan, 1), ==, TX_CATEGORY_EXPERT);

  /* separators: slash; a new township; a phone with spaces */
  shi = find_by_name (f, "石开云");
  g_assert_cmpstr (tx_person_get_township_name (shi), ==, "岔河镇");
  g_assert_cmpint (tx_person_get_category (shi, 0), ==, TX_CATEGORY_VETERAN_PARTY_MEMBER);
  g_assert_cmpint (tx_person_get_category (shi, 1), ==, TX_CATEGORY_RESIDENT);
  g_assert_cmpstr (tx_person_get_phone (shi), ==, "138 8540 5678");

  ding = find_by_name (f, "丁敏");
  g_assert_cmpint (tx_person_get_category (ding, 0), ==, TX_CATEGORY_LIAISON_OFFICER);
  g_assert_cmpstr (tx_person_get_notes (ding), ==, "默认乡镇");
}

static void
test_utf8_bom_english (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TxRosterImport) import = read_fixture (f, "roster-utf8-bom.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(TxPerson) wei = NULL;

  g_assert_cmpstr (tx_roster_import_get_encoding (import), ==, "UTF-8 (BOM)");
  g_assert_cmpuint (tx_roster_import_get_problems (import)->len, ==, 0);
  g_assert_true (tx_roster_import_apply (f->store, import, NULL, NULL, &error));

  /* the first header is "phone", after the BOM */
  wei = find_by_name (f, "韦兰");
  g_assert_cmpstr (tx_person_get_phone (wei), ==, "13985402222");
  g_assert_cmpint (tx_person_get_gender (wei), ==, TX_GENDER_FEMALE);
  g_assert_cmpstr (tx_person_get_organization (wei), ==, "福泉市人民医院");
  g_assert_cmpint (tx_person_get_category (wei, 0), ==, TX_CATEGORY_EXPERT);
}

static void
test_quoted (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TxPerson) yang = NULL;
  g_autoptr(TxPerson) wu = NULL;

  import_fixture (f, "roster-quoted.csv");

  yang = find_by_name (f, "杨文,华");
  g_assert_nonnull (yang);
  g_assert_cmpstr (tx_person_get_organization (yang), ==, "福泉市\"绿色\"茶叶合作社");
  g_assert_cmpstr (tx_person_get_notes (yang), ==, "第一行\n第二行");
  wu = find_by_name (f, "吴春梅");
  g_assert_cmpstr (tx_person_get_organization (wu), ==, "凤山镇, 双谷村");
}

static void
assert_problem (GPtrArray  *problems,
                guint       index,
                guint       line,
                const char *column,
                const char *in_reason)
{
  TxImportProblem *problem = g_ptr_array_index (problems, index);

  g_assert_cmpuint (problem->line, ==, line);
  g_assert_cmpstr (problem->column, ==, column);
  g_assert_nonnull (strstr (problem->reason, in_reason));
}

static void
test_bad_rows (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxRosterImport) import = NULL;
  GPtrArray *problems;

  import_fixture (f, "roster-utf8-bom.csv");

  import = read_fixture (f, "roster-bad-rows.csv");
  problems = tx_roster_import_get_problems (import);
  g_assert_cmpuint (problems->len, ==, 4);
  assert_problem (problems, 0, 3, "姓名", "name");
  assert_problem (problems, 1, 4, "联系电话", "12345");
  assert_problem (problems, 2, 6, "身份类别", "镇长");
  assert_problem (problems, 3, 7, "性别", "未知");

  /* the good lines are not imported either */
  g_assert_false (tx_roster_import_apply (f->store, import, NULL, NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_assert_cmpuint (tx_store_count (f->store, "person"), ==, 3);
  g_assert_null (find_by_name (f, "赵刚"));
  g_assert_null (find_by_name (f, "孙立"));
}

static void
test_bad_after_line_breaks (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(TxRosterImport) import = read_fixture (f, "roster-bad-multiline.csv");
  GPtrArray *problems = tx_roster_import_get_problems (import);

  /* the quoted notes span lines, so the lines counted are the file's */
  g_assert_cmpuint (problems->len, ==, 2);
  assert_problem (problems, 0, 4, "姓名", "name");
  assert_problem (problems, 1, 5, "联系电话", "1380000");
}

static void
test_unknown_header (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TxRosterImport) import = read_fixture (f, "roster-unknown-header.csv");
  GPtrArray *problems = tx_roster_import_get_problems (import);

  g_assert_cmpuint (problems->len, ==, 1);
  assert_problem (problems, 0, 1, "身份证号", "unknown column");
}

static void
test_not_text (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\xfd", 20);
  g_autoptr(TxRosterImport) import = tx_roster_import_read_bytes (f->store, bytes, "photo.csv", &error);

  g_assert_null (import);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "photo.csv"));
}

static void
test_update_no_duplicates (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(TxRosterImport) again = NULL;
  g_autoptr(TxRosterImport) update = NULL;
  g_autoptr(TxPerson) wei = NULL;
  g_autoptr(TxPerson) meng = NULL;
  g_autoptr(GError) error = NULL;

  import_fixture (f, "roster-utf8-bom.csv");
  g_assert_cmpuint (tx_store_count (f->store, "person"), ==, 3);

  /* the same file again: nobody new, nothing changed */
  again = read_fixture (f, "roster-utf8-bom.csv");
  g_assert_cmpuint (tx_roster_import_get_to_add (again)->len, ==, 0);
  g_assert_cmpuint (tx_roster_import_get_to_update (again)->len, ==, 0);
  g_assert_cmpuint (tx_roster_import_get_n_unchanged (again), ==, 3);

  /* same name and phone (written with dashes), or same name and
   * township without a phone: updated, not added */
  update = read_fixture (f, "roster-update.csv");
  g_assert_cmpuint (tx_roster_import_get_to_add (update)->len, ==, 0);
  g_assert_cmpuint (tx_roster_import_get_to_update (update)->len, ==, 2);
  g_assert_true (tx_roster_import_apply (f->store, update, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tx_store_count (f->store, "person"), ==, 3);

  wei = find_by_name (f, "韦兰");
  g_assert_cmpstr (tx_person_get_title (wei), ==, "主任医师");
  /* what the file did not give is kept */
  g_assert_cmpstr (tx_person_get_organization (wei), ==, "福泉市人民医院");
  meng = find_by_name (f, "蒙刚");
  g_assert_cmpstr (tx_person_get_title (meng), ==, "店主");
  g_assert_cmpstr (tx_person_get_phone (meng), ==, "13985403333");
}

static void
test_category_labels (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *csv = ("name,categories\n"
                     "张三,CPPCC member; Expert\n"
                     "李四,政协委员 专业人士\n"
                     "王五,Retired cadre、乡贤 / stakeholder\n");
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, strlen (csv));
  g_autoptr(TxRosterImport) import = tx_roster_import_read_bytes (f->store, bytes, "labels.csv", &error);
  GPtrArray *people;
  TxPerson *wang;

  g_assert_no_error (error);
  g_assert_cmpuint (tx_roster_import_get_problems (import)->len, ==, 0);
  people = tx_roster_import_get_to_add (import);
  g_assert_cmpuint (people->len, ==, 3);
  for (guint i = 0; i < 2; i++)
    {
      TxPerson *person = g_ptr_array_index (people, i);

      g_assert_cmpuint (tx_person_get_n_categories (person), ==, 2);
      g_assert_cmpint (tx_person_get_category (person, 0), ==, TX_CATEGORY_CPPCC_MEMBER);
      g_assert_cmpint (tx_person_get_category (person, 1), ==, TX_CATEGORY_EXPERT);
    }
  wang = g_ptr_array_index (people, 2);
  g_assert_cmpuint (tx_person_get_n_categories (wang), ==, 3);
  g_assert_cmpint (tx_person_get_category (wang, 0), ==, TX_CATEGORY_RETIRED_CADRE);
  g_assert_cmpint (tx_person_get_category (wang, 1), ==, TX_CATEGORY_LOCAL_NOTABLE);
  g_assert_cmpint (tx_person_get_category (wang, 2), ==, TX_CATEGORY_STAKEHOLDER);
}

static void
test_phone_rule (void)
{
  const char *valid[] = { "13885412345", "138 8541 2345", "138-8541-2345", "0854-8221234",
                          "0851-86821234", "010-12345678", "", NULL };
  const char *invalid[] = { "12345", "23885412345", "1388541234", "138854123456",
                            "0854-12", "+8613885412345", "138八5412345", "8221234", NULL };

  for (guint i = 0; valid[i] != NULL; i++)
    g_assert_true (tx_phone_is_valid (valid[i]));
  for (guint i = 0; invalid[i] != NULL; i++)
    g_assert_false (tx_phone_is_valid (invalid[i]));
}

static char *
read_csv_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
test_csv_round_trip (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = g_build_filename (f->dir, "first.csv", NULL);
  g_autofree char *second = g_build_filename (f->dir, "second.csv", NULL);
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;
  g_autoptr(TxRosterImport) import = NULL;
  g_autoptr(TxStore) other = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  guint n = 0;

  import_fixture (f, "roster-gb18030-crlf.csv");
  import_fixture (f, "roster-quoted.csv");
  import_fixture (f, "roster-utf8-bom.csv");

  g_assert_true (tx_roster_export (f->store, NULL, first, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 10);
  first_text = read_csv_text (first);
  g_assert_true (g_str_has_prefix (first_text, "\xEF\xBB\xBF姓名,性别,民族,乡镇(街道),村(社区),身份类别,工作单位,职务,联系电话,备注,任职时间\r\n"));
  g_assert_nonnull (strstr (first_text, "潘光明,男,布依族,凤山镇,双谷村,政协委员、专业人士,福泉市农业农村局,农艺师,13885401234,,\r\n"));
  g_assert_nonnull (strstr (first_text, "\"杨文,华\""));

  /* re-imported here: everyone is unchanged */
  import = read_fixture (f, first);
  g_assert_cmpuint (tx_roster_import_get_problems (import)->len, ==, 0);
  g_assert_cmpuint (tx_roster_import_get_to_add (import)->len, ==, 0);
  g_assert_cmpuint (tx_roster_import_get_n_unchanged (import), ==, 10);
  g_clear_pointer (&import, tx_roster_import_free);

  /* imported elsewhere and exported again: the same file */
  other = tx_store_open (other_path, &error);
  g_assert_no_error (error);
  import = tx_roster_import_read (other, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tx_roster_import_get_to_add (import)->len, ==, 10);
  g_assert_true (tx_roster_import_apply (other, import, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tx_roster_export (other, NULL, second, NULL, &error));
  second_text = read_csv_text (second);
  g_assert_cmpstr (first_text, ==, second_text);
}

static void
test_xlsx (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "名册.xlsx", NULL);
  g_autofree char *sheet = NULL;
  g_autofree char *strings = NULL;
  g_autofree char *unzip_sheet = NULL;
  g_autofree char *unzip_strings = NULL;
  int status = 0;

  import_fixture (f, "roster-gb18030-crlf.csv");
  g_assert_true (tx_roster_export (f->store, NULL, path, NULL, &error));
  g_assert_no_error (error);

  /* a workbook: a zip with the parts Excel and WPS look for */
  unzip_sheet = g_strdup_printf ("unzip -p '%s' xl/workbook.xml", path);
  g_assert_true (g_spawn_command_line_sync (unzip_sheet, &sheet, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (sheet, "人员名册"));

  unzip_strings = g_strdup_printf ("unzip -p '%s' xl/worksheets/sheet1.xml", path);
  g_assert_true (g_spawn_command_line_sync (unzip_strings, &strings, NULL, &status, &error));
  g_assert_nonnull (strstr (strings, "潘光明"));
  g_assert_nonnull (strstr (strings, "政协委员、专业人士"));
  g_assert_nonnull (strstr (strings, "联系电话"));
}

static int
audit_count (Fixture    *f,
             const char *action,
             const char *uuid)
{
  sqlite3_stmt *stmt = NULL;
  int count = -1;

  sqlite3_prepare_v2 (tx_store_get_db (f->store),
                      "SELECT count(*) FROM audit_log WHERE kind = 'person' AND action = ? AND uuid = ?",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return count;
}

/* A roster larger than the one stored takes the bulk path: the sort
 * indexes are built again at the end and the search index filled at
 * once.  The orders and the search work after it, and a bulk write that
 * fails leaves the roster, its indexes and its search index as they
 * were. */
static const char *large_surnames[] = { "潘", "王", "丁", "龚", "刘" };
static const char *large_given[] = { "一", "芳", "建华", "玉兰", "德胜", "开云" };

#define LARGE_N 6000

static gboolean
add_large_then_fail (TxStore   *store,
                     gpointer   user_data,
                     GError   **error)
{
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < LARGE_N; i++)
    {
      g_autofree char *name = g_strconcat (large_surnames[i % 5], large_given[i % 6], NULL);

      g_ptr_array_add (people, tx_person_new_with_fields (NULL, name, TX_GENDER_UNKNOWN, "", NULL,
                                                          "", "", "", "", ""));
    }
  /* the last one belongs to a township nobody has heard of */
  g_ptr_array_add (people, tx_person_new_with_fields (NULL, "石磊", TX_GENDER_UNKNOWN, "",
                                                      "00000000-0000-7000-8000-000000000000",
                                                      "", "", "", "", ""));

  return tx_roster_add_people (store, people, NULL, NULL, error);
}

static guint
count_found (Fixture        *f,
             const char     *search,
             TxOrder         order,
             char          **first,
             char          **last)
{
  g_autoptr(GPtrArray) people = NULL;
  TxPersonFilter filter = { (char *) search, };

  filter.order = order;
  people = tx_roster_query (f->store, &filter, NULL);
  if (first != NULL)
    *first = g_strdup (tx_person_get_name (g_ptr_array_index (people, 0)));
  if (last != NULL)
    *last = g_strdup (tx_person_get_name (g_ptr_array_index (people, people->len - 1)));

  return people->len;
}

static void
check_large_roster (Fixture *f)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_stroke = NULL;
  g_autofree char *last_stroke = NULL;
  g_autofree char *first_pinyin = NULL;
  g_autofree char *last_pinyin = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_indexes = 0;

  g_assert_cmpuint (tx_store_count (f->store, "person"), ==, LARGE_N);

  /* 丁 2 strokes … 潘 15; ding … wang */
  g_assert_cmpuint (count_found (f, NULL, TX_ORDER_STROKES, &first_stroke, &last_stroke), ==, LARGE_N);
  g_assert_true (g_str_has_prefix (first_stroke, "丁"));
  g_assert_true (g_str_has_prefix (last_stroke, "潘"));
  g_assert_cmpuint (count_found (f, NULL, TX_ORDER_PINYIN, &first_pinyin, &last_pinyin), ==, LARGE_N);
  g_assert_true (g_str_has_prefix (first_pinyin, "丁"));
  g_assert_true (g_str_has_prefix (last_pinyin, "王"));

  /* every fifth person is a 潘, every sixth given name 建华 */
  g_assert_cmpuint (count_found (f, "潘", TX_ORDER_PINYIN, NULL, NULL), ==, LARGE_N / 5);
  g_assert_cmpuint (count_found (f, "建华", TX_ORDER_STROKES, NULL, NULL), ==, LARGE_N / 6);

  /* the sort indexes and that of the categories' order are back, and
   * the search index matches the roster */
  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (f->store),
                                       "SELECT count(*) FROM sqlite_schema WHERE type = 'index' "
                                       "AND name IN ('person_pinyin', 'person_strokes', 'person_category_position')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n_indexes = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_indexes, ==, 3);

  /* each person's sort keys are those of their own name, whichever
   * thread of the import made them */
  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (f->store),
                                       "SELECT name, sort_pinyin, sort_strokes FROM person",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr(GBytes) pinyin = tx_collate_sort_key (name, TX_ORDER_PINYIN);
      g_autoptr(GBytes) strokes = tx_collate_sort_key (name, TX_ORDER_STROKES);
      g_autoptr(GBytes) stored_pinyin = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
      g_autoptr(GBytes) stored_strokes = g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));

      g_assert_true (g_bytes_equal (stored_pinyin, pinyin));
      g_assert_true (g_bytes_equal (stored_strokes, strokes));
    }
  sqlite3_finalize (stmt);

  problems = tx_store_check (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* LARGE_N people in 凤山镇, and a last line @last_line when not NULL */
static char *
write_large_csv (Fixture    *f,
                 const char *last_line)
{
  g_autoptr(GString) csv = g_string_new ("姓名,乡镇(街道),联系电话\n");
  char *path = g_build_filename (f->dir, "large.csv", NULL);

  for (guint i = 0; i < LARGE_N; i++)
    g_string_append_printf (csv, "%s%s,凤山镇,139%08u\n", large_surnames[i % 5], large_given[i % 6], i);
  if (last_line != NULL)
    g_string_append_printf (csv, "%s\n", last_line);
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));

  return path;
}

static void
test_large (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_large_csv (f, NULL);

  import_fixture (f, path);
  check_large_roster (f);

  g_assert_false (tx_store_write (f->store, add_large_then_fail, NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "石磊"));
  check_large_roster (f);
}

/* Reading and writing at once, as the command line imports: the same
 * people, townships and categories as reading then applying, nobody
 * twice, updates that keep what the file leaves out, and nothing at all
 * written from a file with a bad line. */
static TxRosterImport *
run_fixture (Fixture    *f,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (name);
  TxRosterImport *import = tx_roster_import_run (f->store, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  return import;
}

static void
test_run (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(TxRosterImport) first = run_fixture (f, "roster-gb18030-crlf.csv");
  g_autoptr(TxRosterImport) again = NULL;
  g_autoptr(TxRosterImport) bom = NULL;
  g_autoptr(TxRosterImport) update = NULL;
  g_autoptr(TxRosterImport) bad = NULL;
  g_autoptr(TxRosterImport) missing = NULL;
  g_autoptr(TxPerson) pan = NULL;
  g_autoptr(TxPerson) shi = NULL;
  g_autoptr(TxPerson) wei = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (tx_roster_import_get_problems (first)->len, ==, 0);
  g_assert_cmpuint (tx_roster_import_get_n_to_add (first), ==, 5);
  g_assert_cmpuint (tx_store_count (f->store, "person"), ==, 5);
  g_assert_cmpuint (tx_store_count (f->store, "township"), ==, 2);
  pan = find_by_name (f, "潘光明");
  g_assert_cmpstr (tx_person_get_township_name (pan), ==, "凤山镇");
  g_assert_cmpuint (tx_person_get_n_categories (pan), ==, 2);
  g_assert_cmpint (tx_person_get_category (pan, 0), ==, TX_CATEGORY_CPPCC_MEMBER);
  g_assert_cmpint (tx_person_get_category (pan, 1), ==, TX_CATEGORY_EXPERT);
  shi = find_by_name (f, "石开云");
  g_assert_cmpstr (tx_person_get_township_name (shi), ==, "岔河镇");

  again = run_fixture (f, "roster-gb18030-crlf.csv");
  g_assert_cmpuint (tx_roster_import_get_n_to_add (again), ==, 0);
  g_assert_cmpuint (tx_roster_import_get_n_unchanged (again), ==, 5);
  g_assert_cmpuint (tx_store_count (f->store, "person"), ==, 5);

  bom = run_fixture (f, "roster-utf8-bom.csv");
  update = run_fixture (f, "roster-update.csv");
  g_assert_cmpuint (tx_roster_import_get_n_to_add (update), ==, 0);
  g_assert_cmpuint (tx_roster_import_get_to_update (update)->len, ==, 2);
  g_assert_cmpuint (tx_store_count (f->store, "person"), ==, 8);
  wei = find_by_name (f, "韦兰");
  g_assert_cmpstr (tx_person_get_title (wei), ==, "主任医师");
  g_assert_cmpstr (tx_person_get_organization (wei), ==, "福泉市人民医院");

  bad = run_fixture (f, "roster-bad-rows.csv");
  g_assert_cmpuint (tx_roster_import_get_problems (bad)->len, ==, 4);
  g_assert_cmpuint (tx_store_count (f->store, "person"), ==, 8);
  g_assert_null (find_by_name (f, "赵刚"));
  g_assert_null (find_by_name (f, "孙立"));

  missing = tx_roster_import_run (f->store, "/nonexistent/roster.csv", &error);
  g_assert_null (missing);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* The bulk path, read and written at once, and a large file whose last
 * line is bad: the sort indexes dropped on the way are back, nobody of
 * the file is there. */
static void
test_large_run (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_large_csv (f, NULL);
  g_autoptr(TxRosterImport) import = tx_roster_import_run (f->store, path, &error);
  g_autoptr(TxRosterImport) bad = NULL;
  g_autofree char *bad_path = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (tx_roster_import_get_problems (import)->len, ==, 0);
  check_large_roster (f);

  /* the same people again under other phones, and one line that is not right */
  {
    g_autoptr(GString) csv = g_string_new ("姓名,乡镇(街道),联系电话\n");

    for (guint i = 0; i < LARGE_N + 10; i++)
      g_string_append_printf (csv, "%s%s,凤山镇,137%08u\n", large_surnames[i % 5], large_given[i % 6], i);
    g_string_append (csv, "石磊,凤山镇,12345\n");
    bad_path = g_build_filename (f->dir, "large-bad.csv", NULL);
    g_assert_true (g_file_set_contents (bad_path, csv->str, csv->len, NULL));
  }
  bad = tx_roster_import_run (f->store, bad_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tx_roster_import_get_problems (bad)->len, ==, 1);
  check_large_roster (f);
}

static void
test_edit_delete_restore (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxPerson) person = NULL;
  g_autoptr(TxPerson) edited = NULL;
  g_autoptr(TxPerson) bad = NULL;
  g_autoptr(TxPerson) found = NULL;
  g_autofree char *uuid = NULL;

  person = tx_person_new_with_fields (NULL, "龙秀兰", TX_GENDER_FEMALE, "苗族", NULL, "麒麟村",
                                      "仙桥乡卫生院", "护士", "15985401234", "");
  tx_person_add_category (person, TX_CATEGORY_RESIDENT);
  g_assert_true (tx_roster_edit_person (f->store, person, &error));
  g_assert_no_error (error);
  uuid = g_strdup (tx_person_get_uuid (person));
  g_assert_cmpint (audit_count (f, "insert", uuid), ==, 1);

  edited = tx_person_new_with_fields (uuid, "龙秀兰", TX_GENDER_FEMALE, "苗族", NULL, "麒麟村",
                                      "仙桥乡卫生院", "护士长", "159-8540-1234", "");
  g_assert_true (tx_roster_edit_person (f->store, edited, &error));
  g_assert_cmpint (audit_count (f, "update", uuid), ==, 1);
  found = find_by_name (f, "龙秀兰");
  g_assert_cmpstr (tx_person_get_title (found), ==, "护士长");
  g_assert_cmpuint (tx_person_get_n_categories (found), ==, 0);
  g_clear_object (&found);

  /* a bad phone is refused with the rule, and nothing changes */
  bad = tx_person_new_with_fields (uuid, "龙秀兰", TX_GENDER_FEMALE, "苗族", NULL, "麒麟村",
                                   "仙桥乡卫生院", "院长", "1598540", "");
  g_assert_false (tx_roster_edit_person (f->store, bad, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1598540"));
  g_clear_error (&error);
  found = find_by_name (f, "龙秀兰");
  g_assert_cmpstr (tx_person_get_title (found), ==, "护士长");
  g_clear_object (&found);

  /* deleted: gone from the roster, found again after undo */
  g_assert_true (tx_roster_delete_person (f->store, uuid, &error));
  g_assert_no_error (error);
  g_assert_null (find_by_name (f, "龙秀兰"));
  g_assert_cmpuint (tx_store_count (f->store, "person"), ==, 0);
  g_assert_cmpint (audit_count (f, "delete", uuid), ==, 1);
  g_assert_false (tx_roster_delete_person (f->store, uuid, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (tx_roster_restore_person (f->store, uuid, &error));
  g_assert_no_error (error);
  found = find_by_name (f, "龙秀兰");
  g_assert_nonnull (found);
  g_assert_cmpint (audit_count (f, "restore", uuid), ==, 1);
}


/* ---- the same checks, read only or read and written ----------------- */

static char *
write_csv_file (Fixture    *f,
                const char *name,
                const char *csv,
                gssize      length)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, csv, length, NULL));
  return path;
}

static char *
problems_to_string (GPtrArray *problems)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = tx_import_problem_to_string (g_ptr_array_index (problems, i));

      g_string_append_printf (text, "%s\n", line);
    }

  return g_string_free (text, FALSE);
}

/* A file read as `roster import --dry-run` reads it, then imported as
 * `roster import` does: both say the same, line by line, and when the
 * file has a problem nothing is written.  Returns the import. */
static TxRosterImport *
dry_run_then_import (Fixture    *f,
                     const char *name,
                     const char *csv,
                     gssize      length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_csv_file (f, name, csv, length);
  g_autoptr(TxRosterImport) dry = tx_roster_import_read (f->store, path, &error);
  g_autofree char *dry_problems = NULL;
  g_autofree char *real_problems = NULL;
  guint people = tx_store_count (f->store, "person");
  TxRosterImport *real;

  g_assert_no_error (error);
  dry_problems = problems_to_string (tx_roster_import_get_problems (dry));
  g_assert_cmpuint (tx_store_count (f->store, "person"), ==, people);

  real = tx_roster_import_run (f->store, path, &error);
  g_assert_no_error (error);
  real_problems = problems_to_string (tx_roster_import_get_problems (real));
  g_test_message ("%s", real_problems);

  g_assert_cmpstr (dry_problems, ==, real_problems);
  g_assert_cmpuint (tx_roster_import_get_n_to_add (dry), ==, tx_roster_import_get_n_to_add (real));
  if (tx_roster_import_get_problems (real)->len > 0)
    g_assert_cmpuint (tx_store_count (f->store, "person"), ==, people);

  return real;
}

static void
test_invisible_names (Fixture       *f,
                      gconstpointer  data)
{
  const char *csv = ("姓名,联系电话\n"
                     "王芳,13985401111\n"
                     "\xE3\x80\x80\xE3\x80\x80,13985402222\n"                 /* U+3000 */
                     "\xE2\x80\x8B\xE2\x80\x8C\xEF\xBB\xBF,13985403333\n"     /* zero-width */
                     "王\xE3\x80\x80芳,13985404444\n");                      /* aligned, as lists do */
  g_autoptr(TxRosterImport) import = dry_run_then_import (f, "invisible.csv", csv, -1);
  GPtrArray *problems = tx_roster_import_get_problems (import);

  /* the dry run said it would add a person the import refused */
  g_assert_cmpuint (problems->len, ==, 2);
  assert_problem (problems, 0, 3, "姓名", "The name is empty");
  assert_problem (problems, 1, 4, "姓名", "The name is empty");
  g_assert_cmpuint (tx_store_count (f->store, "person"), ==, 0);
}

static void
test_control_characters (Fixture       *f,
                         gconstpointer  data)
{
  const char *csv = ("姓名,工作单位,乡镇(街道),备注\n"
                     "王芳,福泉市\x1b[2J人民医院,凤山镇,\n"
                     "\xE2\x80\xAE" "芳王,中学,凤山镇,\n"                    /* U+202E */
                     "李明,中学,凤山\x07镇,\n"
                     "张强,中学,凤山镇,\"第一行\n\t第二行\"\n"               /* fine in notes */
                     "赵刚,中学\xC2\x85,凤山镇,\n");                          /* C1 */
  g_autoptr(TxRosterImport) import = dry_run_then_import (f, "control.csv", csv, -1);
  GPtrArray *problems = tx_roster_import_get_problems (import);

  g_assert_cmpuint (problems->len, ==, 4);
  assert_problem (problems, 0, 2, "工作单位", "The organization cannot hold an invisible control character (U+001B");
  assert_problem (problems, 1, 3, "姓名", "The name cannot hold a character that turns the direction of the text around (U+202E");
  assert_problem (problems, 2, 4, "乡镇(街道)", "The township’s name cannot hold an invisible control character (U+0007");
  assert_problem (problems, 3, 7, "工作单位", "U+0085");
}

static void
test_long_fields (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("姓名,备注\n王芳,");
  g_autoptr(TxRosterImport) import = NULL;
  GPtrArray *problems;

  /* one line of 6 MB */
  for (guint i = 0; i < 2 * 1000 * 1000; i++)
    g_string_append (csv, "长");
  g_string_append (csv, "\n");

  import = dry_run_then_import (f, "long.csv", csv->str, csv->len);
  problems = tx_roster_import_get_problems (import);
  g_assert_cmpuint (problems->len, ==, 1);
  assert_problem (problems, 0, 2, "备注", "The notes cannot be longer than 2000 characters; it has 2000000");
}

static void
test_nul_byte (Fixture       *f,
               gconstpointer  data)
{
  /* a zero byte in the middle of a name: "王" and then "芳李" lost */
  static const char csv[] = "姓名,联系电话\n张强,13985401111\n王\0芳李,13985402222\n";
  g_autoptr(TxRosterImport) import = dry_run_then_import (f, "nul.csv", csv, sizeof csv - 1);
  GPtrArray *problems = tx_roster_import_get_problems (import);

  g_assert_cmpuint (problems->len, ==, 1);
  assert_problem (problems, 0, 3, "姓名", "zero byte");
  g_assert_null (find_by_name (f, "王"));
  g_assert_null (find_by_name (f, "张强"));
}

static void
test_utf16 (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *utf16 = NULL;
  gsize length = 0;
  g_autoptr(GString) with_bom = g_string_new_len ("\xFF\xFE", 2);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) bare = NULL;
  g_autoptr(TxRosterImport) import = NULL;

  utf16 = g_convert ("姓名,联系电话\n王芳,13985401111\n", -1, "UTF-16LE", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  g_string_append_len (with_bom, utf16, length);

  /* Excel's "Unicode text", with its byte order mark and without */
  bytes = g_bytes_new (with_bom->str, with_bom->len);
  import = tx_roster_import_read_bytes (f->store, bytes, "unicode.csv", &error);
  g_assert_null (import);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "UTF-16"));
  g_clear_error (&error);

  bare = g_bytes_new (utf16, length);
  import = tx_roster_import_read_bytes (f->store, bare, "unicode.csv", &error);
  g_assert_null (import);
  g_assert_nonnull (strstr (error->message, "UTF-16"));
}

/* What the export writes with an apostrophe before it (a cell a
 * spreadsheet would run as a formula, or one that begins with an
 * apostrophe) comes back as it was; what a clerk typed with an
 * apostrophe stays. */
static void
test_formula_cells (Fixture       *f,
                    gconstpointer  data)
{
  const char *csv = ("姓名,工作单位,职务,村(社区),备注\n"
                     "王芳,\"'=HYPERLINK(\"\"http://x\"\")\",'+主任,'-村,'@备注\n"
                     "李明,''引号开头,'普通,' 空格,\"'\t缩进\"\n"
                     "张强,'',',,\"第一行\r\n第二行\"\n");
  g_autoptr(TxRosterImport) import = dry_run_then_import (f, "formulas.csv", csv, -1);
  g_autoptr(TxPerson) wang = NULL;
  g_autoptr(TxPerson) li = NULL;
  g_autoptr(TxPerson) zhang = NULL;

  g_assert_cmpuint (tx_roster_import_get_problems (import)->len, ==, 0);

  wang = find_by_name (f, "王芳");
  g_assert_cmpstr (tx_person_get_organization (wang), ==, "=HYPERLINK(\"http://x\")");
  g_assert_cmpstr (tx_person_get_title (wang), ==, "+主任");
  g_assert_cmpstr (tx_person_get_village (wang), ==, "-村");
  g_assert_cmpstr (tx_person_get_notes (wang), ==, "@备注");

  li = find_by_name (f, "李明");
  g_assert_cmpstr (tx_person_get_organization (li), ==, "'引号开头");
  g_assert_cmpstr (tx_person_get_title (li), ==, "'普通");   /* typed so in a spreadsheet */
  g_assert_cmpstr (tx_person_get_village (li), ==, "' 空格");
  g_assert_cmpstr (tx_person_get_notes (li), ==, "\t缩进");

  /* an apostrophe alone is the value; a line break in a cell as
   * Windows writes it is one line break */
  zhang = find_by_name (f, "张强");
  g_assert_cmpstr (tx_person_get_organization (zhang), ==, "'");
  g_assert_cmpstr (tx_person_get_title (zhang), ==, "'");
  g_assert_cmpstr (tx_person_get_notes (zhang), ==, "第一行\n第二行");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/roster-import/gb18030-crlf", Fixture, NULL, fixture_set_up, test_gb18030_crlf, fixture_tear_down);
  g_test_add ("/roster-import/utf8-bom-english", Fixture, NULL, fixture_set_up, test_utf8_bom_english, fixture_tear_down);
  g_test_add ("/roster-import/quoted", Fixture, NULL, fixture_set_up, test_quoted, fixture_tear_down);
  g_test_add ("/roster-import/bad-rows", Fixture, NULL, fixture_set_up, test_bad_rows, fixture_tear_down);
  g_test_add ("/roster-import/bad-after-line-breaks", Fixture, NULL, fixture_set_up, test_bad_after_line_breaks, fixture_tear_down);
  g_test_add ("/roster-import/unknown-header", Fixture, NULL, fixture_set_up, test_unknown_header, fixture_tear_down);
  g_test_add ("/roster-import/not-text", Fixture, NULL, fixture_set_up, test_not_text, fixture_tear_down);
  g_test_add ("/roster-import/update-no-duplicates", Fixture, NULL, fixture_set_up, test_update_no_duplicates, fixture_tear_down);
  g_test_add ("/roster-import/category-labels", Fixture, NULL, fixture_set_up, test_category_labels, fixture_tear_down);
  g_test_add_func ("/roster-import/phone-rule", test_phone_rule);
  g_test_add ("/roster-import/large", Fixture, NULL, fixture_set_up, test_large, fixture_tear_down);
  g_test_add ("/roster-import/run", Fixture, NULL, fixture_set_up, test_run, fixture_tear_down);
  g_test_add ("/roster-import/large-run", Fixture, NULL, fixture_set_up, test_large_run, fixture_tear_down);
  g_test_add ("/roster-edit/edit-delete-restore", Fixture, NULL, fixture_set_up, test_edit_delete_restore, fixture_tear_down);
  g_test_add ("/roster-import/invisible-names", Fixture, NULL, fixture_set_up, test_invisible_names, fixture_tear_down);
  g_test_add ("/roster-import/control-characters", Fixture, NULL, fixture_set_up, test_control_characters, fixture_tear_down);
  g_test_add ("/roster-import/long-fields", Fixture, NULL, fixture_set_up, test_long_fields, fixture_tear_down);
  g_test_add ("/roster-import/nul-byte", Fixture, NULL, fixture_set_up, test_nul_byte, fixture_tear_down);
  g_test_add ("/roster-import/utf16", Fixture, NULL, fixture_set_up, test_utf16, fixture_tear_down);
  g_test_add ("/roster-import/formula-cells", Fixture, NULL, fixture_set_up, test_formula_cells, fixture_tear_down);
  g_test_add ("/roster-export/csv-round-trip", Fixture, NULL, fixture_set_up, test_csv_round_trip, fixture_tear_down);
  g_test_add ("/roster-export/xlsx", Fixture, NULL, fixture_set_up, test_xlsx, fixture_tear_down);

  return g_test_run ();
}
