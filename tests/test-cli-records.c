/* test-cli-records.c — the settings, the townships and the deletion of
 * consultations through tongxin-cli, and an issued quarter read the same
 * by every command
 *
 * Every refusal is checked as a clerk or a script sees it: exit status
 * 1, one line saying what to fix, and nothing changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "tx-consultation-store.h"
#include "tx-roster.h"
#include "tx-test-cli.h"
#include "tx-test-pdf.h"

#define TODAY "2026-11-27"
#define MARKET "集镇农贸市场提质改造协商"

typedef struct {
  char *dir;
  char *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };

  f->dir = g_dir_make_tmp ("tongxin-cli-records-XXXXXX", NULL);
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

/* The value a script reads. */
static char *
config_get (Fixture    *f,
            const char *key)
{
  g_auto(TxTestRun) run = { 0, };

  tx_test_cli (&run, f->db, TODAY, NULL, "config", "get", key, NULL);
  g_assert_cmpint (run.status, ==, 0);
  return g_strchomp (g_steal_pointer (&run.out));
}

/* A refusal: exit 1, one line on stderr with @needle, nothing on stdout. */
static void
assert_refused (TxTestRun  *run,
                const char *needle)
{
  g_test_message ("stderr: %s", run->err);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_nonnull (strstr (run->err, needle));
  g_assert_cmpstr (run->out, ==, "");
  /* one line */
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);
}

static void
test_config (Fixture       *f,
             gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *value = NULL;
  JsonArray *settings;
  gboolean found = FALSE;

  /* every setting, its value and what it means */
  tx_test_cli (&run, f->db, TODAY, NULL, "config", "list", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
  settings = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (settings), >=, 11);
  for (guint i = 0; i < json_array_get_length (settings); i++)
    {
      JsonObject *setting = json_array_get_object_element (settings, i);

      if (g_str_equal (json_object_get_string_member (setting, "key"), "feedback-days"))
        {
          g_assert_cmpstr (json_object_get_string_member (setting, "value"), ==, "30");
          found = TRUE;
        }
    }
  g_assert_true (found);

  /* set, then read back */
  tx_test_cli (&run, f->db, TODAY, NULL, "config", "set", "feedback-days", "45", NULL);
  g_assert_cmpint (run.status, ==, 0);
  value = config_get (f, "feedback-days");
  g_assert_cmpstr (value, ==, "45");
  g_clear_pointer (&value, g_free);

  tx_test_cli (&run, f->db, TODAY, NULL, "config", "set", "organization", "政协福泉市委员会金山街道联络组", NULL);
  g_assert_cmpint (run.status, ==, 0);
  value = config_get (f, "organization");
  g_assert_cmpstr (value, ==, "政协福泉市委员会金山街道联络组");
  g_clear_pointer (&value, g_free);

  tx_test_cli (&run, f->db, TODAY, NULL, "config", "set", "default-township", "凤山镇", NULL);
  g_assert_cmpint (run.status, ==, 0);
  value = config_get (f, "default-township");
  g_assert_cmpstr (value, ==, "凤山镇");
  g_clear_pointer (&value, g_free);

  /* refused, and nothing changed */
  tx_test_cli (&run, f->db, TODAY, NULL, "config", "set", "feedback-dayz", "10", NULL);
  assert_refused (&run, "feedback-days");
  tx_test_cli (&run, f->db, TODAY, NULL, "config", "get", "nothing", NULL);
  assert_refused (&run, "nothing");
  tx_test_cli (&run, f->db, TODAY, NULL, "config", "set", "feedback-days", "-3", NULL);
  assert_refused (&run, "1 to 365");
  tx_test_cli (&run, f->db, TODAY, NULL, "config", "set", "signin-order", "random", NULL);
  assert_refused (&run, "category, strokes");
  tx_test_cli (&run, f->db, TODAY, NULL, "config", "set", "default-township", "不存在镇", NULL);
  assert_refused (&run, "不存在镇");
  tx_test_cli (&run, f->db, TODAY, NULL, "config", "set", "plan-yellow-behind", "5", NULL);
  assert_refused (&run, "plan-red-behind");
  value = config_get (f, "feedback-days");
  g_assert_cmpstr (value, ==, "45");
  g_clear_pointer (&value, g_free);
  value = config_get (f, "plan-yellow-behind");
  g_assert_cmpstr (value, ==, "1");
  g_clear_pointer (&value, g_free);

  /* in Chinese for a clerk whose desktop is */
  tx_test_cli (&run, f->db, TODAY, "zh_CN", "config", "set", "feedback-days", "abc", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "整数"));

  /* usage errors */
  tx_test_cli (&run, f->db, TODAY, NULL, "config", "set", "feedback-days", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

/* The threshold decides the colour at once. */
static void
test_config_decides_ledger (Fixture       *f,
                            gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };

  /* 龙昌镇's feedback is 12 days overdue: yellow, and red once more
   * than 10 days overdue is red */
  tx_test_cli (&run, f->db, TODAY, NULL, "ledger", "--township", "龙昌镇", NULL);
  g_assert_nonnull (strstr (run.out, "龙昌镇\tyellow"));
  tx_test_cli (&run, f->db, TODAY, NULL, "config", "set", "feedback-red-days", "10", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_cli (&run, f->db, TODAY, NULL, "ledger", "--township", "龙昌镇", NULL);
  g_assert_nonnull (strstr (run.out, "龙昌镇\tred"));
}

static guint
count_lines_with (const char *text,
                  const char *needle)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], needle) != NULL)
      n++;

  return n;
}

static void
test_townships (Fixture       *f,
                gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autofree char *before = NULL;
  guint people_xianqiao, people_fengshan, consultations_xianqiao, consultations_fengshan;

  tx_test_cli (&run, f->db, TODAY, NULL, "township", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "凤山镇\ttown\t3\t"));
  g_assert_nonnull (strstr (run.out, "仙桥乡\ttownship\t3\t"));
  before = g_strdup (run.out);

  /* a plan */
  tx_test_cli (&run, f->db, TODAY, NULL, "township", "plan", "凤山镇", "2026", "5", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_cli (&run, f->db, TODAY, NULL, "township", "list", NULL);
  g_assert_nonnull (strstr (run.out, "凤山镇\ttown\t5\t"));
  tx_test_cli (&run, f->db, TODAY, NULL, "township", "plan", "凤山镇", "2026", "101", NULL);
  g_assert_cmpint (run.status, ==, 2);
  tx_test_cli (&run, f->db, TODAY, NULL, "township", "plan", "凤山镇", "26", "3", NULL);
  g_assert_cmpint (run.status, ==, 2);
  tx_test_cli (&run, f->db, TODAY, NULL, "township", "plan", "不存在镇", "2026", "3", NULL);
  assert_refused (&run, "不存在镇");

  /* rename: every record follows */
  tx_test_cli (&run, f->db, TODAY, NULL, "township", "rename", "凤山镇", "凤山", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_cli (&run, f->db, TODAY, NULL, "roster", "list", "--township", "凤山", NULL);
  g_assert_cmpint (run.status, ==, 0);
  people_fengshan = count_lines_with (run.out, "凤山");
  g_assert_cmpuint (people_fengshan, >, 0);

  /* refusals leave it all as it was */
  tx_test_cli (&run, f->db, TODAY, NULL, "township", "rename", "凤山", "金山街道", NULL);
  assert_refused (&run, "金山街道");
  tx_test_cli (&run, f->db, TODAY, NULL, "township", "rename", "不存在镇", "新镇", NULL);
  assert_refused (&run, "不存在镇");
  tx_test_cli (&run, f->db, TODAY, NULL, "township", "rename", "凤山", "  ", NULL);
  assert_refused (&run, "name");
  tx_test_cli (&run, f->db, TODAY, NULL, "township", "merge", "凤山", "凤山", NULL);
  assert_refused (&run, "itself");
  tx_test_cli (&run, f->db, TODAY, NULL, "township", "merge", "不存在镇", "凤山", NULL);
  assert_refused (&run, "不存在镇");
  tx_test_cli (&run, f->db, TODAY, NULL, "township", "merge", "凤山", "不存在镇", NULL);
  assert_refused (&run, "不存在镇");
  tx_test_cli (&run, f->db, TODAY, NULL, "township", "list", NULL);
  g_assert_nonnull (strstr (run.out, "凤山\ttown\t5\t"));
  g_assert_cmpuint (count_lines_with (run.out, "\t"), ==, count_lines_with (before, "\t"));

  /* merge: people, consultations and plans go to the one kept */
  tx_test_cli (&run, f->db, TODAY, NULL, "roster", "list", "--township", "仙桥乡", NULL);
  people_xianqiao = count_lines_with (run.out, "仙桥乡");
  tx_test_cli (&run, f->db, TODAY, NULL, "consultation", "list", "--township", "仙桥乡", NULL);
  consultations_xianqiao = count_lines_with (run.out, "仙桥乡");
  tx_test_cli (&run, f->db, TODAY, NULL, "consultation", "list", "--township", "凤山", NULL);
  consultations_fengshan = count_lines_with (run.out, "凤山");
  g_assert_cmpuint (people_xianqiao, >, 0);
  g_assert_cmpuint (consultations_xianqiao, >, 0);

  tx_test_cli (&run, f->db, TODAY, NULL, "township", "merge", "仙桥乡", "凤山", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_cli (&run, f->db, TODAY, NULL, "township", "list", NULL);
  g_assert_null (strstr (run.out, "仙桥乡"));
  g_assert_nonnull (strstr (run.out, "凤山\ttown\t8\t"));   /* 5 + 3 */
  tx_test_cli (&run, f->db, TODAY, NULL, "roster", "list", "--township", "凤山", NULL);
  g_assert_cmpuint (count_lines_with (run.out, "凤山"), ==, people_fengshan + people_xianqiao);
  tx_test_cli (&run, f->db, TODAY, NULL, "consultation", "list", "--township", "凤山", NULL);
  g_assert_cmpuint (count_lines_with (run.out, "凤山"), ==, consultations_fengshan + consultations_xianqiao);
  tx_test_cli (&run, f->db, TODAY, NULL, "roster", "list", "--township", "仙桥乡", NULL);
  g_assert_cmpint (run.status, ==, 1);

  tx_test_cli (&run, f->db, TODAY, NULL, "check", NULL);
  g_assert_cmpint (run.status, ==, 0);
}

/* demo --remove takes out what demo put in, and says so. */
static void
test_demo_remove (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };

  tx_test_cli (&run, f->db, TODAY, NULL, "demo", "--remove", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Sample data removed: 8 townships, 168 people, 24 consultations, 31 recommendations."));
  tx_test_cli (&run, f->db, TODAY, NULL, "check", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "0 townships, 0 people, 0 consultations, 0 recommendations"));
  tx_test_cli (&run, f->db, TODAY, NULL, "backup", "list", NULL);
  g_assert_nonnull (strstr (run.out, "before-removal-20261127-"));

  tx_test_cli (&run, f->db, TODAY, NULL, "demo", "extra", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

/* The first column of each line after the header. */
static char *
first_column (const char *tsv)
{
  g_auto(GStrv) lines = g_strsplit (tsv, "\n", -1);
  GString *names = g_string_new (NULL);

  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 2);

      g_string_append_printf (names, "%s%s", names->len > 0 ? " " : "", fields[0]);
    }

  return g_string_free (names, FALSE);
}

/* Townships are listed by pinyin, by strokes, or in the office's own
 * order; the ledger lists them so too. */
static void
test_township_order (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autofree char *names = NULL;

  tx_test_cli (&run, f->db, TODAY, NULL, "township", "list", NULL);
  names = first_column (run.out);
  g_assert_cmpstr (names, ==, "道坪镇 凤山镇 金山街道 龙昌镇 陆坪镇 马场坪街道 牛场镇 仙桥乡");
  g_clear_pointer (&names, g_free);

  tx_test_cli (&run, f->db, TODAY, NULL, "config", "set", "township-order", "strokes", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_cli (&run, f->db, TODAY, NULL, "township", "list", NULL);
  names = first_column (run.out);
  /* 马 3, 牛 4, 仙 5, 龙 5, 陆 7, 金 8, 凤 4 … by strokes of each character */
  g_assert_cmpstr (names, !=, "道坪镇 凤山镇 金山街道 龙昌镇 陆坪镇 马场坪街道 牛场镇 仙桥乡");
  g_assert_true (g_str_has_prefix (names, "马场坪街道"));
  g_clear_pointer (&names, g_free);
  tx_test_cli (&run, f->db, TODAY, NULL, "ledger", NULL);
  names = first_column (run.out);
  g_assert_true (g_str_has_prefix (names, "马场坪街道"));

  tx_test_cli (&run, f->db, TODAY, NULL, "config", "set", "township-order", "alphabet", NULL);
  assert_refused (&run, "pinyin, strokes, custom");
}

/* A year without a plan is yellow, and says so, until the plan is set. */
static void
test_plan_missing (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };

  tx_test_cli (&run, f->db, "2027-02-01", NULL, "ledger", "--township", "凤山镇", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"color\" : \"yellow\""));
  g_assert_nonnull (strstr (run.out, "\"rule\" : \"plan_missing\""));
  g_assert_nonnull (strstr (run.out, "No plan for 2027"));

  tx_test_cli (&run, f->db, "2027-02-01", NULL, "township", "plan", "凤山镇", "2027", "4", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_cli (&run, f->db, "2027-02-01", NULL, "ledger", "--township", "凤山镇", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "plan_missing"));
  g_assert_nonnull (strstr (run.out, "\"planned\" : 4"));

  /* the 2026 plan was there all along */
  tx_test_cli (&run, f->db, TODAY, NULL, "ledger", "--format", "json", NULL);
  g_assert_null (strstr (run.out, "plan_missing"));
}

static void
test_consultation_delete (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  guint before;

  tx_test_cli (&run, f->db, TODAY, NULL, "consultation", "list", NULL);
  before = count_lines_with (run.out, "\t");
  g_assert_nonnull (strstr (run.out, MARKET));
  tx_test_cli (&run, f->db, TODAY, NULL, "ledger", "--township", "牛场镇", NULL);
  g_assert_nonnull (strstr (run.out, MARKET));

  tx_test_cli (&run, f->db, TODAY, NULL, "consultation", "delete", MARKET, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "consultation restore"));

  /* gone from the lists and the ledger */
  tx_test_cli (&run, f->db, TODAY, NULL, "consultation", "list", NULL);
  g_assert_cmpuint (count_lines_with (run.out, "\t"), ==, before - 1);
  g_assert_null (strstr (run.out, MARKET));
  tx_test_cli (&run, f->db, TODAY, NULL, "ledger", "--township", "牛场镇", NULL);
  g_assert_null (strstr (run.out, MARKET));
  tx_test_cli (&run, f->db, TODAY, NULL, "consultation", "show", MARKET, NULL);
  g_assert_cmpint (run.status, ==, 1);

  /* twice: there is none to delete */
  tx_test_cli (&run, f->db, TODAY, NULL, "consultation", "delete", MARKET, NULL);
  assert_refused (&run, MARKET);
  tx_test_cli (&run, f->db, TODAY, NULL, "consultation", "restore", "没有这个协商", NULL);
  assert_refused (&run, "没有这个协商");

  /* back, as it was */
  tx_test_cli (&run, f->db, TODAY, NULL, "consultation", "restore", MARKET, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_cli (&run, f->db, TODAY, NULL, "consultation", "list", NULL);
  g_assert_cmpuint (count_lines_with (run.out, "\t"), ==, before);
  tx_test_cli (&run, f->db, TODAY, NULL, "ledger", "--township", "牛场镇", NULL);
  g_assert_nonnull (strstr (run.out, MARKET));
  tx_test_cli (&run, f->db, TODAY, NULL, "consultation", "restore", MARKET, NULL);
  assert_refused (&run, MARKET);

  tx_test_cli (&run, f->db, TODAY, NULL, "consultation", "delete", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

/* The colour of @township in the fourth quarter of the ledger chart, as
 * pdftotext reads it: the last word of its row. */
static char *
chart_q4 (const char *text,
          const char *township)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], township) != NULL)
      {
        g_auto(GStrv) words = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
        guint n = g_strv_length (words);

        while (n > 0 && words[n - 1][0] == '\0')
          n--;
        return n > 0 ? g_strdup (words[n - 1]) : NULL;
      }

  return NULL;
}

/* A quarter issued in a circular reads the same from `ledger` and from
 * `chart ledger` after the data change; an unissued one follows them. */
static void
test_issued_quarter (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autofree char *odt = g_build_filename (f->dir, "circular.odt", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "chart.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *color = NULL;

  /* before: 牛场镇 is yellow for the market's overdue meeting */
  tx_test_cli (&run, f->db, TODAY, NULL, "chart", "ledger", pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  text = tx_test_pdf_text (pdf, TRUE);
  color = chart_q4 (text, "牛场镇");
  g_assert_cmpstr (color, ==, "!黄");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&color, g_free);

  /* the circular issues Q4; then the market is deleted */
  tx_test_cli (&run, f->db, TODAY, NULL, "circular", "--year", "2026", "--quarter", "4", odt, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_cli (&run, f->db, TODAY, NULL, "consultation", "delete", MARKET, NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* later: the ledger and the chart both read the quarter as issued */
  tx_test_cli (&run, f->db, "2026-12-10", NULL, "ledger", "--year", "2026", "--quarter", "4",
               "--township", "牛场镇", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"color\" : \"yellow\""));
  g_assert_nonnull (strstr (run.out, "\"issued\" : \"2026-11-27\""));
  g_assert_nonnull (strstr (run.out, MARKET));
  tx_test_cli (&run, f->db, "2026-12-10", NULL, "chart", "ledger", pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  text = tx_test_pdf_text (pdf, TRUE);
  color = chart_q4 (text, "牛场镇");
  g_assert_cmpstr (color, ==, "!黄");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&color, g_free);

  /* a quarter not issued follows the data: Q4 of a copy never issued */
  {
    g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
    g_auto(TxTestRun) other = { 0, };

    tx_test_cli (&other, copy, TODAY, NULL, "demo", NULL);
    tx_test_cli (&other, copy, TODAY, NULL, "consultation", "delete", MARKET, NULL);
    tx_test_cli (&other, copy, "2026-12-10", NULL, "ledger", "--township", "牛场镇", "--format", "json", NULL);
    g_assert_nonnull (strstr (other.out, "\"color\" : \"green\""));
    g_assert_nonnull (strstr (other.out, "\"issued\" : null"));
    tx_test_cli (&other, copy, "2026-12-10", NULL, "chart", "ledger", pdf, NULL);
    text = tx_test_pdf_text (pdf, TRUE);
    color = chart_q4 (text, "牛场镇");
    g_assert_cmpstr (color, ==, "✓绿");
  }
}

/* A draft freezes nothing; issuing records the number in the document
 * and the ledger; a correction is a new version with the data as they
 * stand then, and the first version is kept. */
static void
test_circular_versions (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autofree char *draft = g_build_filename (f->dir, "draft.odt", NULL);
  g_autofree char *issued = g_build_filename (f->dir, "issued.odt", NULL);
  g_autofree char *corrected = g_build_filename (f->dir, "corrected.odt", NULL);
  g_autofree char *words = NULL;

  tx_test_cli (&run, f->db, TODAY, NULL, "circular", "--year", "2026", "--quarter", "4", "--draft", draft, NULL);
  g_assert_cmpint (run.status, ==, 0);
  words = tx_test_odt_text (draft);
  g_assert_nonnull (strstr (words, "（草稿，未印发）"));
  g_clear_pointer (&words, g_free);
  /* nothing frozen: the ledger follows the data */
  tx_test_cli (&run, f->db, TODAY, NULL, "consultation", "delete", MARKET, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_cli (&run, f->db, TODAY, NULL, "ledger", "--township", "牛场镇", "--format", "json", NULL);
  g_assert_nonnull (strstr (run.out, "\"issued\" : null"));
  g_assert_nonnull (strstr (run.out, "\"color\" : \"green\""));
  tx_test_cli (&run, f->db, TODAY, NULL, "consultation", "restore", MARKET, NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* a correction of what was never issued is refused */
  tx_test_cli (&run, f->db, TODAY, NULL, "circular", "--year", "2026", "--quarter", "4", "--correction", corrected, NULL);
  assert_refused (&run, "issue it first");
  g_assert_false (g_file_test (corrected, G_FILE_TEST_EXISTS));
  tx_test_cli (&run, f->db, TODAY, NULL, "circular", "--year", "2026", "--quarter", "4", "--draft",
               "--number", "福泉政协〔2026〕12号", draft, NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* issued, with its number */
  tx_test_cli (&run, f->db, TODAY, NULL, "circular", "--year", "2026", "--quarter", "4",
               "--number", "福泉政协〔2026〕12号", issued, NULL);
  g_assert_cmpint (run.status, ==, 0);
  words = tx_test_odt_text (issued);
  g_assert_nonnull (strstr (words, "福泉政协〔2026〕12号"));
  g_assert_null (strstr (words, "草稿"));
  g_clear_pointer (&words, g_free);
  tx_test_cli (&run, f->db, "2026-12-10", NULL, "consultation", "delete", MARKET, NULL);
  tx_test_cli (&run, f->db, "2026-12-10", NULL, "ledger", "--township", "牛场镇", "--format", "json", NULL);
  g_assert_nonnull (strstr (run.out, "\"issued\" : \"2026-11-27\""));
  g_assert_nonnull (strstr (run.out, "\"number\" : \"福泉政协〔2026〕12号\""));
  g_assert_nonnull (strstr (run.out, "\"version\" : 1"));
  g_assert_nonnull (strstr (run.out, "\"color\" : \"yellow\""));

  /* corrected: the data as they stand on 12-10 (the market deleted) */
  tx_test_cli (&run, f->db, "2026-12-10", NULL, "circular", "--year", "2026", "--quarter", "4", "--correction",
               "--number", "福泉政协〔2026〕13号", corrected, NULL);
  g_assert_cmpint (run.status, ==, 0);
  words = tx_test_odt_text (corrected);
  g_assert_nonnull (strstr (words, "福泉政协〔2026〕13号"));
  g_assert_nonnull (strstr (words, "（更正）"));
  tx_test_cli (&run, f->db, "2026-12-11", NULL, "ledger", "--township", "牛场镇", "--format", "json", NULL);
  g_assert_nonnull (strstr (run.out, "\"issued\" : \"2026-12-10\""));
  g_assert_nonnull (strstr (run.out, "\"version\" : 2"));
  g_assert_nonnull (strstr (run.out, "\"color\" : \"green\""));
  /* the first version is kept */
  {
    g_autofree char *cmd = g_strdup_printf ("sqlite3 '%s' \"SELECT version || ' ' || number FROM circular ORDER BY version\"", f->db);
    g_autofree char *out = NULL;

    g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, NULL, NULL));
    g_assert_cmpstr (out, ==, "1 福泉政协〔2026〕12号\n2 福泉政协〔2026〕13号\n");
  }
}

/* A participant removed from the roster since being invited is printed
 * as the roster last had them, and the clerk is told. */
static void
test_signin_removed_participant (Fixture       *f,
                                 gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autofree char *pdf = g_build_filename (f->dir, "signin.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(TxPerson) person = NULL;
  g_autoptr(GError) error = NULL;
  TxParticipant *participant;

  store = tx_store_open (f->db, &error);
  g_assert_no_error (error);
  consultation = tx_store_load_consultation (store, "老山寨产业扶贫协商", &error);
  g_assert_no_error (error);
  participant = g_ptr_array_index (tx_consultation_get_participants (consultation), 0);
  person = tx_roster_find_person (store, participant->person_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tx_person_get_organization (person), !=, "");
  g_assert_true (tx_roster_delete_person (store, participant->person_uuid, &error));
  g_clear_object (&store);

  tx_test_cli (&run, f->db, TODAY, NULL, "signin-sheet", "老山寨产业扶贫协商", pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, participant->name));
  g_assert_nonnull (strstr (run.err, "removed from the roster"));

  /* the row is whole: the name and the organization as last recorded */
  text = tx_test_pdf_text (pdf, FALSE);
  g_assert_nonnull (strstr (text, participant->name));
  g_assert_nonnull (strstr (text, tx_person_get_organization (person)));
}

/* --today takes a date as clerks write it. */
static void
test_today_forms (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };

  tx_test_cli (&run, f->db, "2026年11月27日", NULL, "ledger", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"as_of\" : \"2026-11-27\""));
  tx_test_cli (&run, f->db, "2026/02/30", NULL, "ledger", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "2026/02/30"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/config", Fixture, NULL, fixture_set_up, test_config, fixture_tear_down);
  g_test_add ("/cli/config/decides-ledger", Fixture, NULL, fixture_set_up, test_config_decides_ledger,
              fixture_tear_down);
  g_test_add ("/cli/township", Fixture, NULL, fixture_set_up, test_townships, fixture_tear_down);
  g_test_add ("/cli/demo/remove", Fixture, NULL, fixture_set_up, test_demo_remove, fixture_tear_down);
  g_test_add ("/cli/circular/versions", Fixture, NULL, fixture_set_up, test_circular_versions, fixture_tear_down);
  g_test_add ("/cli/township/order", Fixture, NULL, fixture_set_up, test_township_order, fixture_tear_down);
  g_test_add ("/cli/ledger/plan-missing", Fixture, NULL, fixture_set_up, test_plan_missing, fixture_tear_down);
  g_test_add ("/cli/consultation/delete", Fixture, NULL, fixture_set_up, test_consultation_delete,
              fixture_tear_down);
  g_test_add ("/cli/signin-sheet/removed-participant", Fixture, NULL, fixture_set_up,
              test_signin_removed_participant, fixture_tear_down);
  g_test_add ("/cli/today-forms", Fixture, NULL, fixture_set_up, test_today_forms, fixture_tear_down);
  g_test_add ("/cli/ledger/issued-quarter", Fixture, NULL, fixture_set_up, test_issued_quarter,
              fixture_tear_down);

  return g_test_run ();
}
