/* test-circular.c — the quarterly circular and the frozen ledger
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tx-consultation-edit.h"
#include "tx-exchange.h"
#include "tx-ledger.h"
#include "tx-records.h"
#include "tx-store.h"
#include "tx-test-pdf.h"

typedef struct {
  char    *dir;
  char    *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TxDate today = tx_date_new (2026, 11, 27);
  g_autoptr(TxStore) store = NULL;

  f->dir = g_dir_make_tmp ("tongxin-circular-XXXXXX", NULL);
  f->db = g_build_filename (f->dir, "tongxin.db", NULL);
  store = tx_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (tx_exchange_load_demo (store, today, NULL, &error));
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

static int
cli (Fixture     *f,
     char       **out,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("TONGXIN_CLI"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, f->db);
  g_ptr_array_add (argv, (gpointer) "--today");
  g_ptr_array_add (argv, (gpointer) "2026-11-27");
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, NULL, &status, NULL));
  return WEXITSTATUS (status);
}

static TxColor
color_of (TxLedger   *ledger,
          const char *township)
{
  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

      if (g_str_equal (entry->township_name, township))
        return entry->color;
    }

  g_assert_not_reached ();
}

static void
test_circular_odt (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *odt = g_build_filename (f->dir, "通报.odt", NULL);
  g_autofree char *txt = g_build_filename (f->dir, "通报.txt", NULL);
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *profile = g_strdup_printf ("-env:UserInstallation=file://%s/lo", f->dir);
  g_autofree char *bytes = NULL;
  g_autofree char *text = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *unzip = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxLedger) ledger = NULL;
  static const char * const words[] = { "绿", "黄", "红" };
  gsize length;

  g_assert_cmpint (cli (f, NULL, "circular", "--year", "2026", "--quarter", "4", odt, NULL), ==, 0);

  /* an ODF package: mimetype first and stored, the chart inside */
  g_assert_true (g_file_get_contents (odt, &bytes, &length, NULL));
  g_assert_cmpmem (bytes + 30, 8, "mimetype", 8);
  g_assert_cmpuint (((guint8) bytes[28]) | ((guint8) bytes[29] << 8), ==, 0);
  unzip = g_strdup_printf ("unzip -p '%s' META-INF/manifest.xml", odt);
  g_assert_true (g_spawn_command_line_sync (unzip, &listing, NULL, NULL, NULL));
  g_assert_nonnull (strstr (listing, "manifest:full-path=\"Pictures/image1.png\""));
  g_assert_nonnull (strstr (listing, "image/png"));
  g_clear_pointer (&unzip, g_free);
  g_clear_pointer (&listing, g_free);
  unzip = g_strdup_printf ("unzip -p '%s' Pictures/image1.png", odt);
  g_assert_true (g_spawn_command_line_sync (unzip, &listing, NULL, NULL, NULL));
  g_assert_cmpmem (listing, 4, "\x89PNG", 4);

  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice (soffice) is not installed");
      return;
    }

  {
    const char *argv[] = { soffice, profile, "--headless", "--convert-to", "txt:Text (encoded):UTF8",
                           "--outdir", f->dir, odt, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                                 G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, NULL, &error));
  }
  g_assert_true (g_file_get_contents (txt, &text, NULL, NULL));
  tx_test_unjoin (text);
  /* the title over two lines, between words */
  g_assert_nonnull (strstr (text, "政协福泉市委员会关于2026年第四季度\n基层协商民主工作推进情况的通报"));
  /* worded as a circular is: the quarter in words, 通报如下：, the
   * plan in times, and at the end of the year the next year */
  g_assert_nonnull (strstr (text, "2026年第四季度各乡镇（街道）工作推进情况"));
  g_assert_nonnull (strstr (text, "通报如下："));
  g_assert_nonnull (strstr (text, "已开展"));
  g_assert_null (strstr (text, "下季度初"));
  g_assert_nonnull (strstr (text, "下一年度第一季度初"));
  g_assert_nonnull (strstr (text, "三、下一阶段工作建议"));

  /* every township, with the word of its colour in the table */
  store = tx_store_open (f->db, &error);
  ledger = tx_ledger_compute (store, 2026, 4, tx_date_new (2026, 11, 27), &error);
  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);
      g_autofree char *row = g_strdup_printf ("%s\n%s\n", entry->township_name, words[entry->color]);

      g_assert_nonnull (strstr (text, row));
    }
}

static void
test_frozen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *odt = g_build_filename (f->dir, "通报.odt", NULL);
  g_autofree char *json = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxLedger) live = NULL;
  g_autoptr(TxLedger) frozen = NULL;
  g_autoptr(GPtrArray) consultations = NULL;
  const char *late = NULL;

  g_assert_cmpint (cli (f, NULL, "circular", "--year", "2026", "--quarter", "4", odt, NULL), ==, 0);

  /* the late stage of 牛场镇 gets done after the circular */
  store = tx_store_open (f->db, &error);
  consultations = tx_store_list_consultations (store, 0, "牛场镇", &error);
  for (guint i = 0; i < consultations->len; i++)
    if (g_str_equal (tx_consultation_get_title (g_ptr_array_index (consultations, i)), "集镇农贸市场提质改造协商"))
      late = tx_consultation_get_uuid (g_ptr_array_index (consultations, i));
  g_assert_nonnull (late);
  g_assert_true (tx_store_set_stage_done (store, late, TX_STAGE_MEETING, tx_date_from_iso ("2026-11-27"), NULL, tx_date_from_iso ("2026-11-27"), &error));
  g_assert_no_error (error);

  live = tx_ledger_compute (store, 2026, 4, tx_date_new (2026, 11, 27), &error);
  frozen = tx_ledger_load_frozen (store, 2026, 4, NULL, &error);
  g_assert_nonnull (frozen);
  g_assert_cmpint (color_of (live, "牛场镇"), ==, TX_COLOR_GREEN);
  g_assert_cmpint (color_of (frozen, "牛场镇"), ==, TX_COLOR_YELLOW);

  /* the ledger of that quarter is the one issued, and says so */
  g_assert_cmpint (cli (f, &json, "ledger", "--year", "2026", "--quarter", "4", "--township", "牛场镇",
                        "--format", "json", NULL), ==, 0);
  g_assert_nonnull (strstr (json, "\"color\" : \"yellow\""));
  g_assert_nonnull (strstr (json, "\"issued\" : \"2026-11-27\""));

  /* issuing again keeps it */
  g_assert_cmpint (cli (f, NULL, "circular", "--year", "2026", "--quarter", "4", odt, NULL), ==, 0);
  g_clear_pointer (&frozen, tx_ledger_free);
  frozen = tx_ledger_load_frozen (store, 2026, 4, NULL, &error);
  g_assert_cmpint (color_of (frozen, "牛场镇"), ==, TX_COLOR_YELLOW);
}

/* The drafted suggestions: one for each township with problems, its
 * problems of a kind in one clause; the meeting stage not “…协商”协商;
 * at the end of the year, the next year. */
static void
test_suggestions (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *odt = g_build_filename (f->dir, "draft.odt", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint suggestions = 0, problems = 0;
  gboolean in_suggestions = FALSE;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (cli (f, NULL, "circular", "--year", "2026", "--quarter", "4", odt, "--draft", NULL), ==, 0);
  text = tx_test_odt_text (odt);
  g_assert_null (strstr (text, "协商”协商"));
  g_assert_null (strstr (text, "下一季度"));
  g_assert_null (strstr (text, "下季度"));
  /* quoted titles side by side take no 顿号 */
  g_assert_null (strstr (text, "”、“关于"));

  store = tx_store_open (f->db, &error);
  g_assert_no_error (error);
  ledger = tx_ledger_compute (store, 2026, 4, tx_date_new (2026, 11, 27), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ledger->entries->len; i++)
    problems += ((TxLedgerEntry *) g_ptr_array_index (ledger->entries, i))->hits->len > 0;
  g_assert_cmpuint (problems, >, 1);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strstr (lines[i], "三、下一阶段工作建议") != NULL)
        in_suggestions = TRUE;
      else if (in_suggestions && g_regex_match_simple ("^[0-9]+\\. ", lines[i], 0, 0))
        {
          suggestions++;
          g_test_message ("%s", lines[i]);
          /* one sentence a line */
          g_assert_true (g_str_has_suffix (lines[i], "。"));
          g_assert_true (strstr (lines[i], "。") == lines[i] + strlen (lines[i]) - strlen ("。"));
        }
    }
  /* a line for each township with a problem, and one for all */
  g_assert_cmpuint (suggestions, ==, problems + 1);
  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);
      g_autofree char *start = g_strdup_printf ("%s政协联络组要", entry->township_name);
      char *first = strstr (text, start);

      if (entry->hits->len == 0)
        continue;
      g_assert_nonnull (first);
      g_assert_null (strstr (first + 1, start));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/circular/odt", Fixture, NULL, fixture_set_up, test_circular_odt, fixture_tear_down);
  g_test_add ("/circular/frozen", Fixture, NULL, fixture_set_up, test_frozen, fixture_tear_down);
  g_test_add ("/circular/suggestions", Fixture, NULL, fixture_set_up, test_suggestions, fixture_tear_down);

  return g_test_run ();
}
