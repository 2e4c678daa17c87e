/* test-yearly-statistics.c — the year's figures (年度工作统计) through
 * tongxin-cli, checked against the database read with SQL of the test's
 * own, in the ODT a clerk pastes and the XLSX a clerk sums
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "tx-test-cli.h"
#include "tx-test-pdf.h"

#define TODAY "2026-11-27"
#define YEAR "2026"

typedef struct {
  char *dir;
  char *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };

  f->dir = g_dir_make_tmp ("tongxin-yearly-XXXXXX", NULL);
  f->db = g_build_filename (f->dir, "tongxin.db", NULL);
  tx_test_cli (&run, f->db, TODAY, NULL, "demo", NULL);
  g_assert_cmpint (run.status, ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
  g_free (f->db);
}

/* One number the database holds, by the test's own query; ?1 the
 * township's name */
static guint
sql_count (Fixture    *f,
           const char *sql,
           const char *township)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint value;

  g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  sqlite3_bind_text (stmt, 1, township, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/* The meetings of ?1 (NULL: all) held in the year */
#define HELD \
  "SELECT c.id FROM consultation c JOIN township t ON t.id = c.township_id " \
  "JOIN stage s ON s.consultation_id = c.id AND s.stage = 2 " \
  "WHERE c.deleted_at IS NULL AND s.done BETWEEN '" YEAR "-01-01' AND '" YEAR "-12-31' AND (?1 IS NULL OR t.name = ?1)"

static char *
expected_consultation_row (Fixture    *f,
                           const char *township)
{
  static const char * const sources[] = { "party_committee", "government", "cppcc", "residents" };
  static const char * const orientations[] = { "development", "livelihood" };
  GString *row = g_string_new (township != NULL ? township : "合计");

  g_string_append_printf (row, "\n%u", sql_count (f, "SELECT count (*) FROM (" HELD ")", township));
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM consultation WHERE topic_source = '%s' "
                                              "AND id IN (" HELD ")", sources[i]);

      g_string_append_printf (row, "\n%u", sql_count (f, sql, township));
    }
  for (guint i = 0; i < G_N_ELEMENTS (orientations); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM consultation WHERE orientation = '%s' "
                                              "AND id IN (" HELD ")", orientations[i]);

      g_string_append_printf (row, "\n%u", sql_count (f, sql, township));
    }
  g_string_append_c (row, '\n');

  return g_string_free (row, FALSE);
}

static char *
expected_outcome_counts (Fixture    *f,
                         const char *township)
{
  static const char * const adoptions[] = { "adopted", "partly_adopted", "not_adopted", "pending" };
  GString *row = g_string_new (township != NULL ? township : "合计");

  g_string_append_printf (row, "\n%u", sql_count (f, "SELECT count (*) FROM outcome WHERE deleted_at IS NULL "
                                                    "AND consultation_id IN (" HELD ")", township));
  for (guint i = 0; i < G_N_ELEMENTS (adoptions); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM outcome WHERE deleted_at IS NULL AND adoption = '%s' "
                                              "AND consultation_id IN (" HELD ")", adoptions[i]);

      g_string_append_printf (row, "\n%u", sql_count (f, sql, township));
    }
  g_string_append_c (row, '\n');

  return g_string_free (row, FALSE);
}

static char *
first_of (Fixture    *f,
          const char *township,
          guint       nth)
{
  g_auto(TxTestRun) run = { 0, };
  g_autoptr(JsonParser) parser = json_parser_new ();

  tx_test_cli (&run, f->db, TODAY, NULL, "roster", "list", "--township", township, "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
  return g_strdup (json_object_get_string_member (json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), nth), "uuid"));
}

static void
test_figures (Fixture       *f,
              gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autofree char *odt = g_build_filename (f->dir, "统计.odt", NULL);
  g_autofree char *xlsx = g_build_filename (f->dir, "统计.xlsx", NULL);
  g_autofree char *one = g_build_filename (f->dir, "金山街道.odt", NULL);
  g_autofree char *a = first_of (f, "金山街道", 0);
  g_autofree char *b = first_of (f, "金山街道", 1);
  g_autofree char *c = first_of (f, "凤山镇", 0);
  g_autofree char *text = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *people = NULL;

  /* a training of the city office with two of 金山街道 and one of 凤山镇
   * present; a visit 金山街道 organised; a training to come, not held */
  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "add", "--kind", "training", "--title", "联络员业务培训",
               "--date", "2026-11-20", "--townships", "金山街道、凤山镇", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "attend", "联络员业务培训", a, b, c, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "add", "--kind", "observation", "--title", "观摩学习",
               "--date", "2026-06-10", "--township", "金山街道", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "add", "--kind", "training", "--title", "年底培训",
               "--date", "2026-12-20", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  /* and one of a kind of the office's own, of 凤山镇 */
  tx_test_cli (&run, f->db, TODAY, NULL, "config", "set", "activity-kinds", "书面交流", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "add", "--kind", "书面交流", "--title", "建言办理书面交流",
               "--date", "2026-09-01", "--township", "凤山镇", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);

  tx_test_cli (&run, f->db, TODAY, NULL, "yearly-statistics", "--year", YEAR, odt, NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autofree char *said = g_strdup_printf ("The figures of 2026 written to %s\n", odt);

    g_assert_cmpstr (run.out, ==, said);
  }
  tx_test_run_clear (&run);
  text = tx_test_odt_text (odt);

  g_assert_nonnull (strstr (text, "2026年度协商工作统计\n（统计截至2026年11月27日）\n"));
  /* every township's meetings, and the total, as SQL counts them */
  for (const char * const *township = (const char * const []) { "金山街道", "凤山镇", "仙桥乡", NULL }; *township; township++)
    {
      g_free (expected);
      expected = expected_consultation_row (f, *township);
      if (strstr (text, expected) == NULL)
        g_error ("Not in the document:\n%s\nDocument:\n%s", expected, text);
    }
  g_free (expected);
  expected = expected_consultation_row (f, NULL);
  g_assert_nonnull (strstr (text, expected));
  g_assert_cmpuint (sql_count (f, "SELECT count (*) FROM (" HELD ")", NULL), >, 0);

  /* the people present, each once (the total is no sum) */
  people = g_strdup_printf ("合计\n%u\n",
                            sql_count (f, "SELECT count (DISTINCT person_id) FROM participant WHERE attended = 1 "
                                          "AND consultation_id IN (" HELD ")", NULL));
  g_assert_nonnull (strstr (text, people));

  /* the recommendations, by adoption */
  g_free (expected);
  expected = expected_outcome_counts (f, "金山街道");
  g_assert_nonnull (strstr (text, expected));

  /* trainings held (not the one to come), people of the township trained */
  g_assert_nonnull (strstr (text, "其他活动（次）\n"));
  g_assert_nonnull (strstr (text, "金山街道\n1\n2\n1\n0\n0\n"));
  g_assert_nonnull (strstr (text, "凤山镇\n1\n1\n0\n0\n1\n"));
  g_assert_nonnull (strstr (text, "仙桥乡\n0\n0\n0\n0\n0\n"));
  g_assert_nonnull (strstr (text, "合计\n1\n3\n1\n0\n1\n"));

  /* one township alone: its row, no total */
  tx_test_cli (&run, f->db, TODAY, NULL, "yearly-statistics", "--year", YEAR, "--township", "金山街道", one, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  g_free (text);
  text = tx_test_odt_text (one);
  g_assert_nonnull (strstr (text, "金山街道2026年度协商工作统计\n"));
  g_assert_null (strstr (text, "凤山镇"));
  g_assert_null (strstr (text, "合计"));

  /* the sheet: every figure of a township in its row, numbers as numbers */
  tx_test_cli (&run, f->db, TODAY, NULL, "yearly-statistics", "--year", YEAR, xlsx, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  sheet = tx_test_zip_member_text (xlsx, "xl/worksheets/sheet1.xml");
  g_assert_nonnull (strstr (sheet, "<t>培训人数</t>"));
  g_assert_nonnull (strstr (sheet, "<t>其他活动（次）</t>"));
  g_assert_nonnull (strstr (sheet, "<t>合计</t>"));
  g_assert_nonnull (strstr (sheet, "<t>金山街道</t>"));
  {
    guint last = sql_count (f, "SELECT count (*) FROM township WHERE deleted_at IS NULL AND ?1 IS NULL", NULL) + 2;
    g_autofree char *total = g_strdup_printf ("<c r=\"A%u\" t=\"inlineStr\"><is><t>合计</t></is></c><c r=\"B%u\"><v>%u</v></c>",
                                              last, last, sql_count (f, "SELECT count (*) FROM (" HELD ")", NULL));

    if (strstr (sheet, total) == NULL)
      g_error ("Not in the sheet: %s\n%s", total, sheet);
  }
  g_free (text);
  text = tx_test_zip_member_text (xlsx, "xl/workbook.xml");
  g_assert_nonnull (strstr (text, "name=\"2026年度工作统计\""));
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autofree char *odt = g_build_filename (f->dir, "统计.odt", NULL);

  tx_test_cli (&run, f->db, TODAY, NULL, "yearly-statistics", odt, NULL);
  g_assert_cmpint (run.status, ==, 2);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "yearly-statistics", "--year", "二〇二六", odt, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "“二〇二六” is not a year."));
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "yearly-statistics", "--year", YEAR, "统计.doc", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "must end in .odt or .xlsx"));
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "yearly-statistics", "--year", YEAR, "--township", "不存在镇", odt, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "不存在镇"));
  g_assert_false (g_file_test (odt, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/yearly-statistics/figures", Fixture, NULL, fixture_set_up, test_figures, fixture_tear_down);
  g_test_add ("/yearly-statistics/refusals", Fixture, NULL, fixture_set_up, test_refusals, fixture_tear_down);

  return g_test_run ();
}
