/* test-cli-shell.c — tongxin-cli as a shell user meets it: its manual
 * pages (man tongxin-cli) and its bash completion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tx-test-cli.h"

typedef struct {
  char *dir;
  char *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };

  f->dir = g_dir_make_tmp ("tx-shell-XXXXXX", NULL);
  f->db = g_build_filename (f->dir, "同心.db", NULL);
  tx_test_cli (&run, f->db, "2026-11-27", NULL, "demo", NULL);
  g_assert_cmpint (run.status, ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->db);
  g_free (f->dir);
}

/* Runs @argv (NULL-terminated) with LANGUAGE @language (NULL: English),
 * and returns what it printed; the exit status must be 0. */
static char *
run_program (const char  *language,
             const char **argv,
             char       **err)
{
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int wait_status = 0;

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", language != NULL ? language : "C", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, err, &wait_status, &error));
  g_assert_no_error (error);
  if (!WIFEXITED (wait_status) || WEXITSTATUS (wait_status) != 0)
    g_error ("%s exited with %d: %s", argv[0], wait_status, err != NULL && *err != NULL ? *err : "");

  return out;
}

static char *
man_page (const char *page,
          const char *language)
{
  const char *argv[] = { g_getenv ("TONGXIN_CLI"), "--man", page, NULL };

  return run_program (language, argv, NULL);
}

/* The commands --help lists: the first word of each line indented by
 * two spaces, with the second when it is a word of the command, not an
 * argument. */
static GPtrArray *
help_commands (void)
{
  const char *argv[] = { g_getenv ("TONGXIN_CLI"), "--help", NULL };
  g_autofree char *help = run_program (NULL, argv, NULL);
  g_auto(GStrv) lines = g_strsplit (help, "\n", -1);
  g_autoptr(GRegex) command = g_regex_new ("^  ([a-z-]+(?: [a-z]+)?)(?: |$)", 0, 0, NULL);
  GPtrArray *commands = g_ptr_array_new_with_free_func (g_free);
  gboolean in_commands = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      if (g_str_equal (lines[i], "Commands:"))
        in_commands = TRUE;
      else if (g_str_equal (lines[i], "Options:"))
        in_commands = FALSE;
      else if (in_commands && g_regex_match (command, lines[i], 0, &match))
        g_ptr_array_add (commands, g_match_info_fetch (match, 1));
    }

  return commands;
}

static char *
troff_name (const char *name)
{
  g_autoptr(GString) escaped = g_string_new (name);

  g_string_replace (escaped, "-", "\\-", 0);

  return g_string_free (g_steal_pointer (&escaped), FALSE);
}

/* Every command of --help is in the manual page, with what it does, in
 * English and in Chinese. */
static void
test_man_every_command (void)
{
  g_autoptr(GPtrArray) commands = help_commands ();
  g_autofree char *english = man_page ("tongxin-cli", NULL);
  g_autofree char *chinese = man_page ("tongxin-cli", "zh_CN");
  guint n_items = 0;

  g_assert_cmpuint (commands->len, >=, 40);
  g_assert_true (g_str_has_prefix (english, ".TH \"TONGXIN-CLI\" \"1\""));

  for (guint i = 0; i < commands->len; i++)
    {
      g_autofree char *name = troff_name (g_ptr_array_index (commands, i));
      g_autofree char *item = g_strdup_printf (".TP\n\\fB%s\\fR", name);

      if (strstr (english, item) == NULL)
        g_error ("The manual page does not tell of “%s”", (char *) g_ptr_array_index (commands, i));
      g_assert_nonnull (strstr (chinese, item));
    }
  /* and of nothing else */
  for (const char *p = english; (p = strstr (p, ".TP\n\\fB")) != NULL; p++)
    n_items++;
  /* the commands, 4 options, 3 exit statuses, 3 files, 2 variables */
  g_assert_cmpuint (n_items, ==, commands->len + 4 + 3 + 3 + 2);

  g_assert_nonnull (strstr (english, "\ncreate the database if absent\n"));
  g_assert_nonnull (strstr (english, ".SH \"EXIT STATUS\""));
  g_assert_nonnull (strstr (english, "tongxin\\-cli roster import 名\\:册.csv \\-\\-dry\\-run"));

  /* in Chinese: the sections, what each command does, the examples'
   * words, with places to break lines between Chinese characters */
  g_assert_nonnull (strstr (chinese, ".SH \"命\\:令\""));
  g_assert_nonnull (strstr (chinese, ".SH \"退\\:出\\:状\\:态\""));
  g_assert_null (strstr (chinese, "create the database if absent"));
  g_assert_nonnull (strstr (chinese, "新\\:建\\:数\\:据\\:库\\:（已\\:存\\:在\\:则\\:不\\:变）"));
  g_assert_nonnull (strstr (chinese, "tongxin\\-cli roster import 名\\:册.csv \\-\\-dry\\-run"));
}

/* groff reads both pages, in both languages, without a warning, as man
 * does (preconv reads the UTF-8), and man shows what they say. */
static void
test_man_renders (void)
{
  const char *pages[] = { "tongxin", "tongxin-cli" };
  const char *languages[] = { NULL, "zh_CN" };
  g_autofree char *groff = g_find_program_in_path ("groff");

  if (groff == NULL)
    {
      g_test_skip ("groff is not installed");
      return;
    }

  for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
    for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
      {
        g_autofree char *page = man_page (pages[p], languages[l]);
        g_autofree char *path = NULL;
        g_autofree char *err = NULL;
        g_autofree char *text = NULL;
        int fd = g_file_open_tmp ("tx-man-XXXXXX.1", &path, NULL);
        const char *check[] = { "groff", "-k", "-man", "-Tutf8", "-ww", "-z", path, NULL };
        const char *render[] = { "groff", "-k", "-man", "-Tutf8", "-P", "-cbou", path, NULL };
        g_autofree char *ignored = NULL;

        g_assert_cmpint (fd, >=, 0);
        close (fd);
        g_assert_true (g_file_set_contents (path, page, -1, NULL));
        ignored = run_program (NULL, check, &err);
        if (err[0] != '\0')
          g_error ("groff warns of %s (%s): %s", pages[p], languages[l] ? languages[l] : "C", err);

        text = run_program (NULL, render, NULL);
        if (g_str_equal (pages[p], "tongxin-cli"))
          g_assert_nonnull (strstr (text, languages[l] ? "退出状态" : "EXIT STATUS"));
        else
          g_assert_nonnull (strstr (text, languages[l] ? "打开数据库文件" : "Open the database FILE"));
        g_assert_nonnull (strstr (text, "tongxin.db"));
        g_unlink (path);
      }
}

/* The pages the build installs are the ones the program writes. */
static void
test_man_built (void)
{
  const char *languages[] = { NULL, "zh_CN" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autofree char *path = g_build_filename (g_getenv ("TONGXIN_MAN_DIR"), languages[l] ? languages[l] : "",
                                                "tongxin-cli.1", NULL);
      g_autofree char *built = NULL;
      g_autofree char *page = man_page ("tongxin-cli", languages[l]);

      g_assert_true (g_file_get_contents (path, &built, NULL, NULL));
      g_assert_cmpstr (built, ==, page);
    }
}

/* What tongxin-cli --complete offers for the word @cword of @words (the
 * first is the program's). */
static GStrv
complete_words (guint        cword,
                const char **words)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *index = g_strdup_printf ("%u", cword);
  g_autofree char *out = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("TONGXIN_CLI"));
  g_ptr_array_add (argv, (gpointer) "--complete");
  g_ptr_array_add (argv, index);
  for (guint i = 0; words[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) words[i]);
  g_ptr_array_add (argv, NULL);

  out = run_program (NULL, (const char **) argv->pdata, NULL);
  g_strchomp (out);

  return out[0] != '\0' ? g_strsplit (out, "\n", -1) : g_new0 (char *, 1);
}

/* … for the last of @first and what follows it */
static GStrv
complete (const char *first,
          ...)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (words, (gpointer) "tongxin-cli");
  va_start (args, first);
  for (const char *word = first; word != NULL; word = va_arg (args, const char *))
    g_ptr_array_add (words, (gpointer) word);
  va_end (args);
  g_ptr_array_add (words, NULL);

  return complete_words (words->len - 2, (const char **) words->pdata);
}

static void
assert_offers (GStrv        offered,
               const char  *first,
               ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) expected = NULL;
  g_autofree char *got = g_strjoinv (" ", offered);
  g_autofree char *want = NULL;
  va_list args;

  va_start (args, first);
  for (const char *word = first; word != NULL; word = va_arg (args, const char *))
    g_strv_builder_add (builder, word);
  va_end (args);
  expected = g_strv_builder_end (builder);
  want = g_strjoinv (" ", expected);
  g_assert_cmpstr (got, ==, want);
}

static void
test_complete_commands (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(GStrv) first = complete ("ro", NULL);
  g_auto(GStrv) second = complete ("roster", "", NULL);
  g_auto(GStrv) after_db = complete ("--db", f->db, "consultation", "s", NULL);
  g_auto(GStrv) global = complete ("--v", NULL);
  g_auto(GStrv) options = complete ("roster", "list", "--", NULL);
  g_auto(GStrv) values = complete ("roster", "list", "--order", "", NULL);
  g_auto(GStrv) formats = complete ("ledger", "--year", "2026", "--format", "", NULL);
  g_auto(GStrv) retention = complete ("archive", "--retention", "", NULL);
  g_auto(GStrv) conflicts = complete ("conflicts", "resolve", "3", "", NULL);
  g_auto(GStrv) categories = complete ("roster", "list", "--category", "liaison", NULL);
  g_auto(GStrv) settings = complete ("config", "get", "signin-", NULL);
  g_auto(GStrv) files = complete ("minutes", "会议", "", NULL);
  g_auto(GStrv) backup = complete ("backup", "", NULL);
  g_auto(GStrv) db = complete ("--db", "", NULL);
  g_auto(GStrv) unknown = complete ("nonsense", "", NULL);

  assert_offers (first, "roster", NULL);
  assert_offers (second, "list", "import", "export", "print", "untrained", "delete", "restore", NULL);
  assert_offers (after_db, "show", NULL);
  assert_offers (global, "--version", NULL);
  assert_offers (options, "--search", "--category", "--township", "--order", "--format", "--db", "--today", NULL);
  assert_offers (values, "pinyin", "strokes", NULL);
  assert_offers (formats, "tsv", "json", NULL);
  assert_offers (retention, "永久", "长期", "短期", NULL);
  assert_offers (conflicts, "ours", "theirs", NULL);
  assert_offers (categories, "liaison_leader", "liaison_officer", NULL);
  assert_offers (settings, "signin-order", "signin-blank-rows", "signin-categories", "signin-phones", NULL);
  /* a file is the shell's to complete */
  assert_offers (files, ":files", NULL);
  assert_offers (backup, ":files", "list", NULL);
  assert_offers (db, ":files", NULL);
  assert_offers (unknown, NULL);
}

/* The names of the database of the line: townships, consultations. */
static void
test_complete_names (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *db_option = g_strconcat ("--db=", f->db, NULL);
  g_auto(GStrv) townships = complete ("--db", f->db, "ledger", "--township", "", NULL);
  const char *edited[] = { "tongxin-cli", "ledger", "--township", "金", db_option, NULL };
  g_auto(GStrv) jin = complete_words (3, edited);
  g_auto(GStrv) merge = complete ("--db", f->db, "township", "merge", "凤", NULL);
  g_auto(GStrv) consultations = complete ("--db", f->db, "signin-sheet", "农村留守", NULL);
  g_auto(GStrv) records = complete ("--db", f->db, "attachment", "add", "农村饮水", NULL);
  g_auto(GStrv) none = complete ("--db", "/nonexistent/同心.db", "ledger", "--township", "", NULL);
  g_auto(TxTestRun) run = { 0, };

  /* the demo's eight townships, in the order of their names */
  g_assert_cmpuint (g_strv_length (townships), ==, 8);
  g_assert_true (g_strv_contains ((const char * const *) townships, "金山街道"));
  g_assert_true (g_strv_contains ((const char * const *) townships, "马场坪街道"));
  /* --db= is read wherever it is on the line, even after the word
   * (a line edited in the middle) */
  assert_offers (jin, "金山街道", NULL);
  assert_offers (merge, "凤山镇", NULL);
  assert_offers (consultations, "农村留守儿童关爱服务协商", NULL);
  assert_offers (records, "农村饮水安全巩固提升协商", NULL);
  /* no database: nothing, and nothing is made */
  assert_offers (none, NULL);
  g_assert_false (g_file_test ("/nonexistent/同心.db", G_FILE_TEST_EXISTS));

  /* a deleted consultation is not offered */
  tx_test_cli (&run, f->db, "2026-11-27", NULL, "consultation", "delete", "农村留守儿童关爱服务协商", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_auto(GStrv) after = complete ("--db", f->db, "signin-sheet", "农村留守", NULL);

    assert_offers (after, NULL);
  }
}

/* The bash completion itself, as bash-completion loads it: the words
 * bash would put on the line. */
static void
test_complete_bash (Fixture       *f,
                    gconstpointer  data)
{
  const char *loader = "/usr/share/bash-completion/bash_completion";
  g_autofree char *cli_dir = g_path_get_dirname (g_getenv ("TONGXIN_CLI"));
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autofree char *odt = g_build_filename (f->dir, "会议纪要.odt", NULL);
  const char *argv[] = { "bash", "--norc", "--noprofile", "-c", NULL, NULL };

  if (!g_file_test (loader, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("bash-completion is not installed");
      return;
    }
  g_assert_true (g_file_set_contents (odt, "", 0, NULL));

  script = g_strdup_printf (
    "source %s\n"
    "source '%s'\n"
    "PATH='%s':$PATH\n"
    "cd '%s'\n"
    "try () { COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE};\n"
    "  COMPREPLY=(); _tongxin_cli; echo \"${COMPREPLY[*]}\"; }\n"
    "try tongxin-cli roster ''\n"
    "try tongxin-cli --db '%s' ledger --township 金\n"
    "try tongxin-cli --db '%s' minutes 农村饮水安全巩固提升协商 会\n"
    "complete -p tongxin-cli\n",
    loader, g_getenv ("TONGXIN_BASH_COMPLETION"), cli_dir, f->dir, f->db, f->db);
  argv[4] = script;
  out = run_program (NULL, argv, NULL);

  g_assert_cmpstr (out, ==,
                   "list import export print untrained delete restore\n"
                   "金山街道\n"
                   "会议纪要.odt\n"
                   "complete -F _tongxin_cli tongxin-cli\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/man/every-command", test_man_every_command);
  g_test_add_func ("/man/renders", test_man_renders);
  g_test_add_func ("/man/built", test_man_built);
  g_test_add ("/complete/commands", Fixture, NULL, fixture_set_up, test_complete_commands, fixture_tear_down);
  g_test_add ("/complete/names", Fixture, NULL, fixture_set_up, test_complete_names, fixture_tear_down);
  g_test_add ("/complete/bash", Fixture, NULL, fixture_set_up, test_complete_bash, fixture_tear_down);

  return g_test_run ();
}
