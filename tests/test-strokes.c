/* test-strokes.c — surname stroke order (按姓氏笔画为序) end to end: a
 * roster imported with tongxin-cli, listed, printed, and a sign-in sheet,
 * each read back as a clerk reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/wait.h>

#include "tx-consultation-edit.h"
#include "tx-records.h"
#include "tx-roster.h"
#include "tx-store.h"

#define TITLE "凤山古镇停车难问题协商"

/* The order offices print: 丁 2 strokes; 王 韦 毛 方 尹 4 (first strokes
 * 横 横 撇 点 折); 石 5; 朱 刘 孙 6 (撇 点 折); 李 吴 何 沈 陈 7 (横 竖 撇 点
 * 折); 欧阳 by 欧, 8.  Every surname together, its given names in order. */
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

typedef struct {
  char *dir;
  char *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_assert_nonnull (g_getenv ("TONGXIN_CLI"));
  f->dir = g_dir_make_tmp ("tongxin-strokes-XXXXXX", NULL);
  f->db = g_build_filename (f->dir, "tongxin.db", NULL);
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

/* Runs tongxin-cli --db F --today 2026-11-27 ARGS…, which must succeed,
 * in a UTF-8 locale with English messages; returns what it printed. */
static char *
cli (Fixture    *f,
     const char *first,
     ...) G_GNUC_NULL_TERMINATED;

static char *
cli (Fixture    *f,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  char *out = NULL;
  int wait_status = 0;
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

  /* UTF-8 and English messages, whatever the machine's locale */
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &wait_status, &error));
  g_assert_no_error (error);
  if (!WIFEXITED (wait_status) || WEXITSTATUS (wait_status) != 0)
    g_error ("tongxin-cli %s failed: %s", first, err);

  return out;
}

/* The text of @pdf as pdftotext -layout gives it. */
static char *
pdf_text (const char *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *quoted = g_shell_quote (pdf);
  g_autofree char *cmd = g_strdup_printf ("pdftotext -layout -enc UTF-8 %s -", quoted);
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return out;
}

static gboolean
is_listed (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (in_order); i++)
    if (g_str_equal (in_order[i], word))
      return TRUE;

  return FALSE;
}

/* The names of the test found in @text, in the order they appear, each
 * a word of its own (so 李文 is not read inside 李文华). */
static GPtrArray *
names_in_text (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\f", -1);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; words[i] != NULL; i++)
    if (is_listed (words[i]))
      g_ptr_array_add (names, g_strdup (words[i]));

  return names;
}

static char *
join (GPtrArray *names)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (text, "%s%s", i ? " " : "", (const char *) g_ptr_array_index (names, i));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Every surname one run, the runs in the order of surnames[], and every
 * name in the order of in_order[]. */
static void
assert_in_order (GPtrArray *names)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autofree char *got = NULL;
  g_autofree char *want = NULL;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *surname = g_str_has_prefix (name, "欧阳")
                                   ? g_strdup ("欧阳")
                                   : g_strndup (name, g_utf8_next_char (name) - name);

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

/* A roster CSV of everyone, shuffled; every other person a CPPCC member,
 * the others residents' representatives. */
static char *
write_roster (Fixture *f)
{
  g_autoptr(GString) csv = g_string_new ("姓名,性别,乡镇(街道),身份类别,联系电话\n");
  g_autoptr(GPtrArray) shuffled = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, "名册.csv", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (in_order); i++)
    g_ptr_array_add (shuffled, (gpointer) in_order[i]);
  for (guint i = shuffled->len - 1; i > 0; i--)
    {
      guint j = g_test_rand_int_range (0, i + 1);
      gpointer swap = shuffled->pdata[i];

      shuffled->pdata[i] = shuffled->pdata[j];
      shuffled->pdata[j] = swap;
    }
  for (guint i = 0; i < shuffled->len; i++)
    g_string_append_printf (csv, "%s,%s,凤山镇,%s,139%08u\n",
                            (const char *) g_ptr_array_index (shuffled, i),
                            i % 3 ? "男" : "女", i % 2 ? "政协委员" : "群众代表", 10000 + i);

  g_assert_true (g_file_set_contents (path, csv->str, csv->len, &error));
  g_assert_no_error (error);

  return path;
}

static void
import_roster (Fixture *f)
{
  g_autofree char *csv = write_roster (f);
  g_autofree char *out = NULL;

  g_free (cli (f, "init", NULL));
  out = cli (f, "roster", "import", csv, NULL);
  g_assert_nonnull (strstr (out, "80 people added"));
}

static void
test_roster_list (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  import_roster (f);

  out = cli (f, "roster", "list", "--order", "strokes", "--format", "tsv", NULL);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "uuid\tname\t"));
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), >, 2);
      g_ptr_array_add (names, g_strdup (fields[1]));
    }
  assert_in_order (names);
}

static void
test_roster_print (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "名册.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) names = NULL;

  import_roster (f);

  out = cli (f, "roster", "print", pdf, "--order", "strokes", NULL);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "（按姓氏笔画为序）"));
  names = names_in_text (text);
  assert_in_order (names);
}

/* A meeting with everyone invited, as the consultation editor makes it. */
static void
plan_meeting (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_store_open (f->db, &error);
  g_autoptr(TxTownship) township = NULL;
  g_autoptr(TxConsultation) meeting = tx_consultation_new ();
  g_autoptr(GPtrArray) people = NULL;
  TxPersonFilter filter = { 0, };

  g_assert_no_error (error);
  township = tx_store_find_township (store, "凤山镇", &error);
  g_assert_no_error (error);
  g_assert_nonnull (township);

  tx_consultation_set_title (meeting, TITLE);
  tx_consultation_set_township (meeting, tx_township_get_uuid (township));
  tx_consultation_set_topic (meeting, TX_TOPIC_SOURCE_RESIDENTS, TX_ORIENTATION_LIVELIHOOD);
  tx_consultation_set_place (meeting, TX_PLATFORM_PHYSICAL, "凤山镇协商议事室");
  tx_consultation_set_times (meeting, "2026-12-10T09:00:00+08:00", "2026-12-10T11:30:00+08:00");
  g_assert_true (tx_store_save_consultation (store, meeting, &error));
  g_assert_no_error (error);

  /* invited in pinyin order, which is not the order to print */
  filter.order = TX_ORDER_PINYIN;
  people = tx_roster_query (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, G_N_ELEMENTS (in_order));
  for (guint i = 0; i < people->len; i++)
    g_assert_true (tx_store_set_participant (store, tx_consultation_get_uuid (meeting),
                                             tx_person_get_uuid (g_ptr_array_index (people, i)),
                                             i % 2 ? TX_ROLE_MEMBER : TX_ROLE_STAKEHOLDER, &error));
  g_assert_no_error (error);
}

/* A setting, as the preferences set it (this CLI has no "config"). */
static void
set_setting (Fixture    *f,
             const char *key,
             const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_store_open (f->db, &error);

  g_assert_no_error (error);
  g_assert_true (tx_store_set_setting (store, key, value, &error));
  g_assert_no_error (error);
}

/* @names with only those in @group (a set of names) kept. */
static GPtrArray *
keep_only (const char * const *names,
           guint               n_names,
           GHashTable         *group)
{
  GPtrArray *kept = g_ptr_array_new ();

  for (guint i = 0; i < n_names; i++)
    if (g_hash_table_contains (group, names[i]))
      g_ptr_array_add (kept, (gpointer) names[i]);

  return kept;
}

static void
test_signin_sheet (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "签到表.pdf", NULL);
  g_autofree char *by_setting_pdf = g_build_filename (f->dir, "签到表-设置.pdf", NULL);
  g_autofree char *grouped_pdf = g_build_filename (f->dir, "签到表-分组.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *members_csv = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GHashTable) members = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) residents = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) members_in_order = NULL;
  g_autoptr(GPtrArray) residents_in_order = NULL;
  g_auto(GStrv) lines = NULL;
  const char *member_heading;
  const char *resident_heading;

  import_roster (f);
  plan_meeting (f);

  /* one list by strokes, asked for */
  g_free (cli (f, "signin-sheet", TITLE, pdf, "--order", "strokes", NULL));
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "（按姓氏笔画为序）"));
  g_assert_nonnull (strstr (text, "应到 80 人"));
  names = names_in_text (text);
  assert_in_order (names);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&names, g_ptr_array_unref);

  /* the same when the setting chooses it */
  set_setting (f, "signin-order", "strokes");
  g_free (cli (f, "signin-sheet", TITLE, by_setting_pdf, NULL));
  text = pdf_text (by_setting_pdf);
  names = names_in_text (text);
  assert_in_order (names);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&names, g_ptr_array_unref);

  /* grouped by category (政协委员 before 群众代表), each group by strokes */
  set_setting (f, "signin-order", "category");
  g_free (cli (f, "signin-sheet", TITLE, grouped_pdf, NULL));
  members_csv = cli (f, "roster", "list", "--category", "cppcc_member", "--format", "tsv", NULL);
  lines = g_strsplit (g_strchomp (members_csv), "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      for (guint n = 0; n < G_N_ELEMENTS (in_order); n++)
        if (g_str_equal (in_order[n], fields[1]))
          g_hash_table_add (members, (gpointer) in_order[n]);
    }
  g_assert_cmpuint (g_hash_table_size (members), ==, G_N_ELEMENTS (in_order) / 2);
  for (guint n = 0; n < G_N_ELEMENTS (in_order); n++)
    if (!g_hash_table_contains (members, in_order[n]))
      g_hash_table_add (residents, (gpointer) in_order[n]);

  text = pdf_text (grouped_pdf);
  g_assert_null (strstr (text, "（按姓氏笔画为序）"));
  member_heading = strstr (text, "政协委员");
  resident_heading = strstr (text, "群众代表");
  g_assert_nonnull (member_heading);
  g_assert_nonnull (resident_heading);
  g_assert_true (member_heading < resident_heading);
  {
    g_autoptr(GPtrArray) first = names_in_text (member_heading);
    g_autoptr(GPtrArray) second = names_in_text (resident_heading);
    g_autofree char *got_members = NULL;
    g_autofree char *want_members = NULL;
    g_autofree char *got_residents = NULL;
    g_autofree char *want_residents = NULL;

    members_in_order = keep_only (in_order, G_N_ELEMENTS (in_order), members);
    residents_in_order = keep_only (in_order, G_N_ELEMENTS (in_order), residents);

    /* the members' group is everything from its heading to the residents' */
    g_ptr_array_set_size (first, first->len - second->len);
    got_members = join (first);
    want_members = join (members_in_order);
    got_residents = join (second);
    want_residents = join (residents_in_order);
    g_assert_cmpstr (got_members, ==, want_members);
    g_assert_cmpstr (got_residents, ==, want_residents);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/strokes/roster-list", Fixture, NULL, fixture_set_up, test_roster_list, fixture_tear_down);
  g_test_add ("/strokes/roster-print", Fixture, NULL, fixture_set_up, test_roster_print, fixture_tear_down);
  g_test_add ("/strokes/signin-sheet", Fixture, NULL, fixture_set_up, test_signin_sheet, fixture_tear_down);

  return g_test_run ();
}
