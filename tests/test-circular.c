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
#include "tx-settings.h"
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

/* A city of 100 townships as an exchange file: of every four, one with
 * nothing amiss (green), one with a stage five days late (yellow), two
 * with two consultations whose every stage is weeks late (red), the
 * last of them also behind its plan. */
static void
write_city (const char *path)
{
  static const char * const first = "金凤龙马牛仙陆道黄青石白云桥平安新兴和太永福长清双高";
  static const char * const second = "山场坪桥关寨溪江河岭岗湾坡冲堡庄田";
  static const char * const kinds[][2] = { { "town", "镇" }, { "township", "乡" }, { "subdistrict", "街道" } };
  static const char * const stages[] = { "selection", "research", "meeting", "submission", "feedback", "supervision" };
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<tongxin xmlns=\"urn:tongxin:exchange:1\" exported=\"2026-11-27T10:00:00+08:00\">\n");
  const char *updated = "updated=\"2026-01-08T09:00:00+08:00\"";
  g_autoptr(GError) error = NULL;

  for (guint t = 0; t < 100; t++)
    {
      g_autofree char *a = g_utf8_substring (first, t % 26, t % 26 + 1);
      g_autofree char *b = g_utf8_substring (second, t / 26, t / 26 + 1);

      g_string_append_printf (xml, "<township uuid=\"00000000-0000-4000-8000-%012x\" name=\"%s%s%s\" kind=\"%s\" %s/>\n",
                              t + 1, a, b, kinds[t % 3][1], kinds[t % 3][0], updated);
    }
  for (guint t = 0; t < 100; t++)
    g_string_append_printf (xml, "<plan township=\"00000000-0000-4000-8000-%012x\" year=\"2026\" consultations=\"%u\" %s/>\n",
                            t + 1, t % 4 == 3 ? 4 : 0, updated);
  for (guint t = 0; t < 100; t++)
    for (guint c = 0; c < (t % 4 == 0 ? 0 : t % 4 == 1 ? 1 : 2); c++)
      {
        g_string_append_printf (xml, "<consultation uuid=\"00000000-0000-4000-9000-%08x%04x\" "
                                     "township=\"00000000-0000-4000-8000-%012x\" %s>\n"
                                     "<title>第%u号片区人居环境整治协商</title><topic-source>cppcc</topic-source>"
                                     "<orientation>livelihood</orientation><platform>physical</platform>\n",
                                t + 1, c, t + 1, updated, t * 2 + c + 1);
        for (guint s = 0; s < G_N_ELEMENTS (stages); s++)
          {
            /* five days late on the quarter's last day, the rest not yet due; or all weeks late */
            g_autofree char *due = t % 4 == 1 ? g_strdup (s == 0 ? "2026-09-25" : "2026-12-20")
                                              : g_strdup_printf ("2026-07-%02u", 1 + s * 3);

            g_string_append_printf (xml, "<stage name=\"%s\" due=\"%s\"/>\n", stages[s], due);
          }
        g_string_append (xml, "</consultation>\n");
      }
  g_string_append (xml, "</tongxin>\n");

  g_assert_true (g_file_set_contents (path, xml->str, xml->len, &error));
  g_assert_no_error (error);
}

static void
city_set_up (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *xml = NULL;

  f->dir = g_dir_make_tmp ("tongxin-circular-XXXXXX", NULL);
  f->db = g_build_filename (f->dir, "city.db", NULL);
  xml = g_build_filename (f->dir, "city.xml", NULL);
  write_city (xml);
  g_assert_cmpint (cli (f, NULL, "import", xml, NULL), ==, 0);
}

/* The line of @lines that starts with @start, or NULL. */
static const char *
line_starting (GStrv       lines,
               const char *start)
{
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], start))
      return lines[i];

  return NULL;
}

/* A circular written without an issuing body says it is not signed,
 * and what to set; with one, it is signed and says nothing. */
static void
test_unsigned (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *odt = g_build_filename (f->dir, "通报.odt", NULL);
  const char *argv[] = { g_getenv ("TONGXIN_CLI"), "--db", f->db, "--today", "2026-11-27", "circular",
                         "--year", "2026", "--quarter", "3", odt, "--draft", NULL };

  for (int signed_by = 0; signed_by < 2; signed_by++)
    {
      g_autoptr(TxStore) store = tx_store_open (f->db, &error);
      g_autofree char *err = NULL;
      g_autofree char *text = NULL;
      int status = 0;

      g_assert_no_error (error);
      g_assert_true (tx_settings_set_text (tx_store_get_settings (store), "organization",
                                           signed_by ? "政协清川市委员会" : "", &error));
      g_assert_no_error (error);
      g_clear_object (&store);

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   NULL, &err, &status, NULL));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
      text = tx_test_odt_text (odt);
      if (signed_by)
        {
          g_assert_null (strstr (err, "config set organization"));
          g_assert_nonnull (strstr (text, "\n政协清川市委员会\n2026年11月27日\n"));
        }
      else
        {
          g_assert_nonnull (strstr (err, "not signed"));
          g_assert_nonnull (strstr (err, "tongxin-cli config set organization"));
          g_assert_null (strstr (text, "政协清川市委员会"));
        }
    }
}

/* A city's circular: the townships counted by colour as the ledger has
 * them; each red and yellow one in the table, with its colour, three of
 * its reasons at most and “等N项”, N all of them, or named after it;
 * the green ones named; the suggestions one for each thing to be done,
 * naming the townships with how many there are. */
static void
test_city (Fixture       *f,
           gconstpointer  data)
{
  static const char * const words[] = { "绿", "黄", "红" };
  static const char * const names[] = { "绿色", "黄色", "红色" };
  g_autoptr(GError) error = NULL;
  g_autofree char *odt = g_build_filename (f->dir, "通报.odt", NULL);
  g_autofree char *text = NULL;
  g_autofree char *counted = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxLedger) ledger = NULL;
  guint counts[3] = { 0, }, in_table[3] = { 0, };
  guint n_many = 0, n_suggestions = 0, n_overdue_townships = 0, n_overdue = 0;
  gboolean in_suggestions = FALSE;

  g_assert_cmpint (cli (f, NULL, "circular", "--year", "2026", "--quarter", "3", odt, "--draft", NULL), ==, 0);
  text = tx_test_odt_text (odt);
  lines = g_strsplit (text, "\n", -1);

  store = tx_store_open (f->db, &error);
  g_assert_no_error (error);
  ledger = tx_ledger_compute (store, 2026, 3, tx_date_new (2026, 11, 27), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ledger->entries->len, ==, 100);
  for (guint i = 0; i < ledger->entries->len; i++)
    counts[((TxLedgerEntry *) g_ptr_array_index (ledger->entries, i))->color]++;
  g_assert_true (counts[TX_COLOR_GREEN] > 0 && counts[TX_COLOR_YELLOW] > 0 && counts[TX_COLOR_RED] > 0);

  /* the counts by colour */
  counted = g_strdup_printf ("本季度参加评定的乡镇（街道）共100个，其中绿色%u个、黄色%u个、红色%u个。",
                             counts[TX_COLOR_GREEN], counts[TX_COLOR_YELLOW], counts[TX_COLOR_RED]);
  g_assert_nonnull (strstr (text, counted));

  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);
      g_autofree char *row = g_strdup_printf ("\n%s\n%s\n", entry->township_name, words[entry->color]);
      const char *found = strstr (text, row);

      if (entry->color == TX_COLOR_GREEN)
        {
          /* not in the table, but named */
          g_assert_null (found);
          continue;
        }
      if (found == NULL)
        continue;
      in_table[entry->color]++;

      /* its reasons: three at most, and when there are more, how many */
      {
        const char *reasons = found + strlen (row);
        g_autofree char *cell = g_strndup (reasons, strcspn (reasons, "\n"));
        g_auto(GStrv) said = g_strsplit (cell, "；", -1);
        g_autofree char *all = g_strdup_printf ("等%u项", entry->hits->len);

        g_assert_cmpuint (g_strv_length (said), <=, 3);
        if (entry->hits->len > 3)
          {
            g_assert_true (g_str_has_suffix (cell, all));
            n_many++;
          }
        else
          g_assert_null (strstr (cell, "等"));
      }
    }
  /* the table has red townships with more reasons than it gives */
  g_assert_cmpuint (n_many, >, 0);

  /* those not in the table are named after it, so many of each colour */
  for (int color = TX_COLOR_RED; color >= TX_COLOR_GREEN; color--)
    {
      guint rest = counts[color] - in_table[color];
      g_autofree char *start = g_strdup_printf ("%s评定为%s的%u个：", color == TX_COLOR_GREEN ? "" : "其余",
                                                names[color], rest);
      const char *named = line_starting (lines, start);

      if (rest == 0)
        continue;
      g_assert_nonnull (named);
      for (guint i = 0; i < ledger->entries->len; i++)
        {
          TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);
          g_autofree char *row = g_strdup_printf ("\n%s\n%s\n", entry->township_name, words[entry->color]);

          if ((int) entry->color == color && strstr (text, row) == NULL)
            g_assert_nonnull (strstr (named, entry->township_name));
        }
    }

  /* the suggestions: one for each kind of problem, and one for all */
  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);
      guint n = 0;

      for (guint h = 0; h < entry->hits->len; h++)
        n += ((TxLedgerHit *) g_ptr_array_index (entry->hits, h))->rule == TX_RULE_STAGE_OVERDUE;
      n_overdue_townships += n > 0;
      n_overdue += n;
    }
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strstr (lines[i], "三、下一阶段工作建议") != NULL)
        in_suggestions = TRUE;
      else if (in_suggestions && g_regex_match_simple ("^[0-9]+\\. ", lines[i], 0, 0))
        {
          g_autofree char *overdue = g_strdup_printf ("等%u个乡镇（街道）政协联络组要加快推进逾期的%u个协商环节",
                                                      n_overdue_townships, n_overdue);

          n_suggestions++;
          g_test_message ("%s", lines[i]);
          g_assert_true (g_str_has_suffix (lines[i], "。"));
          if (strstr (lines[i], "逾期的") != NULL)
            g_assert_nonnull (strstr (lines[i], overdue));
        }
    }
  /* stages late, the plan behind, and all */
  g_assert_cmpuint (n_suggestions, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/circular/odt", Fixture, NULL, fixture_set_up, test_circular_odt, fixture_tear_down);
  g_test_add ("/circular/frozen", Fixture, NULL, fixture_set_up, test_frozen, fixture_tear_down);
  g_test_add ("/circular/suggestions", Fixture, NULL, fixture_set_up, test_suggestions, fixture_tear_down);
  g_test_add ("/circular/unsigned", Fixture, NULL, fixture_set_up, test_unsigned, fixture_tear_down);
  g_test_add ("/circular/city", Fixture, NULL, city_set_up, test_city, fixture_tear_down);

  return g_test_run ();
}
