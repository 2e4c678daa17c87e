/* test-roster-export.c — the roster as CSV and XLSX, read back as Excel
 * or WPS would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include "tx-exchange.h"
#include "tx-file.h"
#include "tx-roster-export.h"
#include "tx-store.h"
#include "tx-test-pdf.h"

typedef struct {
  char    *dir;
  char    *db;
  TxStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tongxin-export-XXXXXX", NULL);
  f->db = g_build_filename (f->dir, "tongxin.db", NULL);
  f->store = tx_store_open (f->db, &error);
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
  g_free (f->db);
  g_free (f->dir);
}

/* Sets a column of the @index-th person (by id) as an old database, or
 * another program, could have left it: past the checks of the roster. */
static void
set_person (Fixture    *f,
            guint       index,
            const char *column,
            const char *value)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE person SET %s = ?1 WHERE id = "
                                          "(SELECT id FROM person ORDER BY id LIMIT 1 OFFSET %u)",
                                          column, index);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (handle)) != NULL)
    if (!g_str_has_prefix (name, "tongxin.db"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

static void
test_csv_cell (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "=1+1", "'=1+1" },
    { "+8613800000000", "'+8613800000000" },
    { "-5", "'-5" },
    { "@SUM(A1)", "'@SUM(A1)" },
    { "\tx", "'\tx" },
    { "\rx", "'\rx" },
    { "'quoted", "''quoted" },
    /* never touched: what no spreadsheet takes for a formula */
    { "13885412345", "13885412345" },
    { "0854-8221234", "0854-8221234" },
    { "a=b", "a=b" },
    { " =1", " =1" },
    { "＝1", "＝1" },
    { "张三", "张三" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *cell = tx_roster_export_csv_cell (cases[i].in);
      g_assert_cmpstr (cell, ==, cases[i].out);
    }
}

/* Formula-like cells begin with an apostrophe; phone numbers do not. */
static void
test_csv_file (Fixture       *f,
               gconstpointer  data)
{
  static const char *values[] = { "=1+1", "+86 138", "-5", "@SUM(A1)", "'quoted" };
  g_autofree char *path = g_build_filename (f->dir, "名册.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  TxRosterExportReport report = { 0, 0 };
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    set_person (f, i, "notes", values[i]);
  set_person (f, 0, "name", "=HYPERLINK(\"http://example.com\",\"点我\")");
  set_person (f, 1, "phone", "0854-8221234");

  g_assert_true (tx_roster_export_report (f->store, NULL, path, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_people, ==, 168);
  g_assert_cmpuint (report.n_cut, ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));

  g_assert_nonnull (strstr (contents, ",'=1+1,"));
  g_assert_nonnull (strstr (contents, ",'+86 138,"));
  g_assert_nonnull (strstr (contents, ",'-5,"));
  g_assert_nonnull (strstr (contents, ",'@SUM(A1),"));
  g_assert_nonnull (strstr (contents, ",''quoted,"));
  g_assert_nonnull (strstr (contents, "\r\n\"'=HYPERLINK(\"\"http://example.com\"\",\"\"点我\"\")\","));
  g_assert_nonnull (strstr (contents, ",0854-8221234,"));

  /* no cell of any line begins like a formula (the values hold no
   * commas but the quoted name) */
  lines = g_strsplit (contents, "\r\n", -1);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);

      for (guint c = 0; cells[c] != NULL; c++)
        {
          const char *cell = cells[c][0] == '"' ? cells[c] + 1 : cells[c];

          g_assert_false (cell[0] != '\0' && strchr ("=+-@", cell[0]) != NULL);
        }
    }
}

static glong
utf16_length (const char *text)
{
  glong length = 0;
  g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (text, -1, NULL, &length, NULL);

  g_assert_nonnull (utf16);
  return length;
}

static void
test_xlsx_cell (void)
{
  const char *mark = tx_roster_export_get_cut_mark ();
  g_autoptr(GString) exact = g_string_new (NULL);
  g_autoptr(GString) emoji = g_string_new (NULL);
  g_autofree char *same = NULL;
  g_autofree char *cut = NULL;
  g_autofree char *cut_emoji = NULL;
  g_autofree char *kept = NULL;
  gboolean was_cut = TRUE;

  for (guint i = 0; i < TX_XLSX_MAX_CELL_LENGTH; i++)
    g_string_append (exact, "长");
  same = tx_roster_export_xlsx_cell (exact->str, &was_cut);
  g_assert_false (was_cut);
  g_assert_cmpstr (same, ==, exact->str);

  g_string_append (exact, "尾");
  cut = tx_roster_export_xlsx_cell (exact->str, &was_cut);
  g_assert_true (was_cut);
  g_assert_true (g_str_has_suffix (cut, mark));
  kept = g_strndup (cut, strlen (cut) - strlen (mark));
  g_assert_true (g_str_has_prefix (exact->str, kept));
  g_assert_cmpint (utf16_length (cut), ==, TX_XLSX_MAX_CELL_LENGTH);

  /* Excel counts an emoji twice: 20,000 of them do not fit, and none
   * is cut in half */
  for (guint i = 0; i < 20000; i++)
    g_string_append (emoji, "😀");
  cut_emoji = tx_roster_export_xlsx_cell (emoji->str, &was_cut);
  g_assert_true (was_cut);
  g_assert_true (g_utf8_validate (cut_emoji, -1, NULL));
  g_assert_true (g_str_has_suffix (cut_emoji, mark));
  g_assert_cmpint (utf16_length (cut_emoji), <=, TX_XLSX_MAX_CELL_LENGTH);
  g_assert_cmpint (utf16_length (cut_emoji), >=, TX_XLSX_MAX_CELL_LENGTH - 1);
}

/* The sheet of an XLSX file, parsed. */
static xmlDocPtr
read_sheet (const char *path)
{
  g_autoptr(GBytes) sheet = tx_test_zip_member (path, "xl/worksheets/sheet1.xml");
  xmlDocPtr doc = xmlReadMemory (g_bytes_get_data (sheet, NULL), (int) g_bytes_get_size (sheet), "sheet1.xml",
                                 NULL, XML_PARSE_HUGE | XML_PARSE_NONET);

  g_assert_nonnull (doc);
  return doc;
}

static void
collect (xmlNodePtr  node,
         GPtrArray  *texts,
         guint      *n_formulas)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, BAD_CAST "f"))
        (*n_formulas)++;
      if (node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, BAD_CAST "t"))
        g_ptr_array_add (texts, (char *) xmlNodeGetContent (node));
      collect (node->children, texts, n_formulas);
    }
}

/* Cells over Excel's limit are cut, marked and counted; the others are
 * whole, and every cell is a string, never a formula. */
static void
test_xlsx_file (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "名册.xlsx", NULL);
  g_autoptr(GString) long_notes = g_string_new (NULL);
  g_autoptr(GString) emoji_notes = g_string_new (NULL);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (xmlFree);
  g_autoptr(GError) error = NULL;
  TxRosterExportReport report = { 0, 0 };
  const char *mark = tx_roster_export_get_cut_mark ();
  guint n_formulas = 0, n_marked = 0;
  gboolean found_formula_text = FALSE;
  xmlDocPtr doc;

  for (guint i = 0; i < 40000; i++)
    g_string_append (long_notes, "长");
  for (guint i = 0; i < 20000; i++)
    g_string_append (emoji_notes, "😀");
  set_person (f, 3, "notes", long_notes->str);
  set_person (f, 4, "organization", emoji_notes->str);
  set_person (f, 5, "name", "=1+1");

  g_assert_true (tx_roster_export_report (f->store, NULL, path, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_people, ==, 168);
  g_assert_cmpuint (report.n_cut, ==, 2);

  doc = read_sheet (path);
  collect (xmlDocGetRootElement (doc), texts, &n_formulas);
  xmlFreeDoc (doc);

  g_assert_cmpuint (n_formulas, ==, 0);
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      g_assert_cmpint (utf16_length (text), <=, TX_XLSX_MAX_CELL_LENGTH);
      if (g_str_has_suffix (text, mark))
        {
          n_marked++;
          g_assert_true (g_str_has_prefix (text, "长长长") || g_str_has_prefix (text, "😀😀😀"));
          g_assert_cmpint (utf16_length (text), >=, TX_XLSX_MAX_CELL_LENGTH - 1);
        }
      if (g_str_equal (text, "=1+1"))
        found_formula_text = TRUE;
    }
  g_assert_cmpuint (n_marked, ==, 2);
  g_assert_true (found_formula_text);
}

/* Past the file size limit: libxlsxwriter zips its parts from files of
 * its own, cut short without a word.  Here the sheet (about 500 kB
 * unzipped) cannot be written whole, though the zip of what was written
 * would fit: the export must fail, not write a broken workbook. */
static void
test_xlsx_cut_short (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "名册.xlsx", NULL);
  g_autofree char *listed = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      TxRosterExportReport report = { 0, 0 };
      struct rlimit limit;
      guint32 seed = 1;

      /* notes of a thousand characters each, of a few thousand
       * different ones, so the sheet does not zip to nothing */
      for (guint i = 0; i < 168; i++)
        {
          g_autoptr(GString) notes = g_string_new (NULL);

          for (guint c = 0; c < 1000; c++)
            {
              seed = seed * 1103515245 + 12345;
              g_string_append_unichar (notes, 0x4E00 + (seed >> 16) % 3000);
            }
          set_person (f, i, "notes", notes->str);
        }

      signal (SIGXFSZ, SIG_IGN);
      getrlimit (RLIMIT_FSIZE, &limit);
      limit.rlim_cur = 350 * 1024;
      setrlimit (RLIMIT_FSIZE, &limit);

      g_assert_false (tx_roster_export_report (f->store, NULL, g_getenv ("TX_TEST_PATH"), &report, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == TX_FILE_ERROR);
      g_print ("%s\n", error->message);
      g_assert_false (g_file_test (g_getenv ("TX_TEST_PATH"), G_FILE_TEST_EXISTS));
      return;
    }

  g_setenv ("TX_TEST_PATH", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*Could not write*xlsx*");
  listed = list_dir (f->dir);
  g_assert_cmpstr (listed, ==, "");
}

/* A CSV that does not fit: a message, and the earlier file as it was. */
static void
test_csv_full (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "名册.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listed = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      struct rlimit limit;

      signal (SIGXFSZ, SIG_IGN);
      getrlimit (RLIMIT_FSIZE, &limit);
      limit.rlim_cur = 4096;
      setrlimit (RLIMIT_FSIZE, &limit);

      g_assert_false (tx_roster_export (f->store, NULL, g_getenv ("TX_TEST_PATH"), NULL, &error));
      g_assert_error (error, TX_FILE_ERROR, TX_FILE_ERROR_TOO_LARGE);
      return;
    }

  g_assert_true (g_file_set_contents (path, "earlier", -1, NULL));
  g_setenv ("TX_TEST_PATH", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "earlier");
  listed = list_dir (f->dir);
  g_assert_cmpstr (listed, ==, "名册.csv");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/roster-export/csv-cell", test_csv_cell);
  g_test_add_func ("/roster-export/xlsx-cell", test_xlsx_cell);
  g_test_add ("/roster-export/csv-file", Fixture, NULL, fixture_set_up, test_csv_file, fixture_tear_down);
  g_test_add ("/roster-export/csv-full", Fixture, NULL, fixture_set_up, test_csv_full, fixture_tear_down);
  g_test_add ("/roster-export/xlsx-file", Fixture, NULL, fixture_set_up, test_xlsx_file, fixture_tear_down);
  g_test_add ("/roster-export/xlsx-cut-short", Fixture, NULL, fixture_set_up, test_xlsx_cut_short, fixture_tear_down);

  return g_test_run ();
}
