/* test-cli.c — tongxin-cli as scripts and administrators use it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "tx-test-pdf.h"

typedef struct {
  char *dir;
  char *db;
} Fixture;

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
cli_valist (Fixture     *f,
            Run         *run,
            char       **envp,
            const char  *first,
            va_list      args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("TONGXIN_CLI"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, f->db);
  g_ptr_array_add (argv, (gpointer) "--today");
  g_ptr_array_add (argv, (gpointer) "2026-11-27");

  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

/* Runs tongxin-cli with --db and --today 2026-11-27 before @args. */
static void
cli (Fixture    *f,
     Run        *run,
     const char *first,
     ...) G_GNUC_NULL_TERMINATED;

static void
cli (Fixture    *f,
     Run        *run,
     const char *first,
     ...)
{
  va_list args;

  va_start (args, first);
  cli_valist (f, run, NULL, first, args);
  va_end (args);
}

/* The same, for a clerk whose desktop is in Chinese. */
static void
cli_zh (Fixture    *f,
        Run        *run,
        const char *first,
        ...) G_GNUC_NULL_TERMINATED;

static void
cli_zh (Fixture    *f,
        Run        *run,
        const char *first,
        ...)
{
  g_auto(GStrv) envp = g_get_environ ();
  va_list args;

  envp = g_environ_setenv (envp, "LANGUAGE", "zh_CN", TRUE);
  envp = g_environ_setenv (envp, "LANG", "zh_CN.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "zh_CN.UTF-8", TRUE);

  va_start (args, first);
  cli_valist (f, run, envp, first, args);
  va_end (args);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_assert_nonnull (g_getenv ("TONGXIN_CLI"));
  f->dir = g_dir_make_tmp ("tongxin-cli-XXXXXX", NULL);
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

static void
load_demo (Fixture *f)
{
  g_auto(Run) run = { 0, };

  cli (f, &run, "demo", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "added"));
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}


/* The version of the build, and in a development build the git
 * revision the program was made from: the one the sources are at */
static void
test_version (Fixture       *f,
              gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  g_autofree char *sources = g_path_get_dirname (g_getenv ("TONGXIN_TEST_DATA"));
  g_autofree char *root = g_path_get_dirname (sources);
  g_autofree char *git_dir = g_build_filename (root, ".git", NULL);
  g_autoptr(GRegex) shape = g_regex_new ("^tongxin-cli " PACKAGE_VERSION "( \\(git ([0-9a-f]{7,40})\\))?\n$", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  cli (f, &run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  if (!g_regex_match (shape, run.out, 0, &match))
    g_error ("Not a version: “%s”", run.out);

  /* built from a git checkout: a revision of it (HEAD when the build
   * is fresh; the one built, when commits came since) */
  if (g_file_test (git_dir, G_FILE_TEST_EXISTS))
    {
      g_autofree char *revision = g_match_info_fetch (match, 2);
      g_autofree char *cmd = NULL;
      g_autofree char *listed = NULL;
      g_autofree char *head = g_strdup_printf ("git -C '%s' rev-parse HEAD", root);
      int status = 0;

      if (!g_spawn_command_line_sync (head, NULL, NULL, &status, NULL) || status != 0)
        return;   /* git cannot read the checkout here */
      g_assert_nonnull (revision);
      g_assert_cmpuint (strlen (revision), >=, 7);
      cmd = g_strdup_printf ("git -C '%s' rev-parse --verify --quiet '%s^{commit}'", root, revision);
      g_assert_true (g_spawn_command_line_sync (cmd, &listed, NULL, &status, NULL));
      g_assert_cmpint (status, ==, 0);
      g_assert_true (g_str_has_prefix (listed, revision));
    }
}

static void
test_help_and_usage (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Run) help = { 0, };
  g_auto(Run) unknown = { 0, };
  g_auto(Run) bad_today = { 0, };
  g_auto(Run) bad_format = { 0, };
  g_auto(Run) missing = { 0, };

  cli (f, &help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "roster list"));
  g_assert_nonnull (strstr (help.out, "consultation show"));
  g_assert_nonnull (strstr (help.out, "import"));
  g_assert_nonnull (strstr (help.out, "signin-sheet"));
  g_assert_nonnull (strstr (help.out, "minutes"));
  g_assert_nonnull (strstr (help.out, "calendar export"));
  g_assert_nonnull (strstr (help.out, "ledger"));
  g_assert_nonnull (strstr (help.out, "metrics"));
  g_assert_nonnull (strstr (help.out, "circular"));
  g_assert_nonnull (strstr (help.out, "chart"));
  g_assert_nonnull (strstr (help.out, "backup"));
  g_assert_nonnull (strstr (help.out, "restore"));

  cli (f, &unknown, "ledgerr", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "ledgerr"));

  cli (f, &bad_today, "--today", "2026-13-01", "init", NULL);
  g_assert_cmpint (bad_today.status, ==, 2);
  g_assert_nonnull (strstr (bad_today.err, "YYYY-MM-DD"));

  cli (f, &bad_format, "roster", "list", "--format", "xml", NULL);
  g_assert_cmpint (bad_format.status, ==, 2);

  /* reading a database that is not there fails, and creates nothing */
  cli (f, &missing, "roster", "list", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "init"));
  g_assert_cmpuint (strchr (missing.err, '\n') - missing.err + 1, ==, strlen (missing.err));
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
}

static void
test_init (Fixture       *f,
           gconstpointer  data)
{
  g_auto(Run) first = { 0, };
  g_auto(Run) second = { 0, };
  g_auto(Run) list = { 0, };

  cli (f, &first, "init", NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_true (g_file_test (f->db, G_FILE_TEST_EXISTS));

  cli (f, &second, "init", NULL);
  g_assert_cmpint (second.status, ==, 0);

  cli (f, &list, "roster", "list", "--format", "json", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_cmpstr (g_strstrip (list.out), ==, "[]");
}

static void
test_roster_json (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Run) list = { 0, };
  g_auto(Run) search = { 0, };
  g_auto(Run) category = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) found = NULL;
  g_autoptr(JsonNode) experts = NULL;
  g_autoptr(GHashTable) categories = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *people;

  load_demo (f);

  cli (f, &list, "roster", "list", "--format", "json", NULL);
  g_assert_cmpint (list.status, ==, 0);
  root = parse_json (list.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  people = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (people), >=, 120);

  for (guint i = 0; i < json_array_get_length (people); i++)
    {
      JsonObject *person = json_array_get_object_element (people, i);
      JsonArray *keys = json_object_get_array_member (person, "categories");

      g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (person, "uuid")));
      g_assert_cmpstr (json_object_get_string_member (person, "name"), !=, "");
      g_assert_true (json_object_has_member (person, "township"));
      g_assert_true (json_object_has_member (person, "phone"));
      for (guint c = 0; c < json_array_get_length (keys); c++)
        g_hash_table_add (categories, (gpointer) json_array_get_string_element (keys, c));
    }
  /* every category of "liaison group + N" is represented */
  g_assert_cmpuint (g_hash_table_size (categories), ==, 12);
  g_assert_true (g_hash_table_contains (categories, "liaison_leader"));
  g_assert_true (g_hash_table_contains (categories, "stakeholder"));

  cli (f, &search, "roster", "list", "--search", "王", "--format", "json", NULL);
  g_assert_cmpint (search.status, ==, 0);
  found = parse_json (search.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (found)), >, 0);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (found)), <, json_array_get_length (people));
  for (guint i = 0; i < json_array_get_length (json_node_get_array (found)); i++)
    {
      JsonObject *person = json_array_get_object_element (json_node_get_array (found), i);
      g_autofree char *all = g_strconcat (json_object_get_string_member (person, "name"),
                                          json_object_get_string_member (person, "organization"),
                                          json_object_get_string_member (person, "village"),
                                          json_object_get_string_member (person, "title"), NULL);

      g_assert_nonnull (strstr (all, "王"));
    }

  /* a category by its Chinese label, restricted to one township */
  cli (f, &category, "roster", "list", "--category", "专业人士", "--township", "凤山镇", "--format", "json", NULL);
  g_assert_cmpint (category.status, ==, 0);
  experts = parse_json (category.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (experts)), >, 0);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (experts)); i++)
    {
      JsonObject *person = json_array_get_object_element (json_node_get_array (experts), i);
      JsonArray *keys = json_object_get_array_member (person, "categories");
      gboolean expert = FALSE;

      g_assert_cmpstr (json_object_get_string_member (person, "township"), ==, "凤山镇");
      for (guint c = 0; c < json_array_get_length (keys); c++)
        expert |= g_str_equal (json_array_get_string_element (keys, c), "expert");
      g_assert_true (expert);
    }
}

static void
test_roster_tsv (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Run) list = { 0, };
  g_auto(Run) unknown = { 0, };
  g_auto(GStrv) lines = NULL;

  load_demo (f);

  cli (f, &list, "roster", "list", "--township", "仙桥乡", NULL);
  g_assert_cmpint (list.status, ==, 0);
  lines = g_strsplit (g_strchomp (list.out), "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "uuid\tname\t"));
  g_assert_cmpuint (g_strv_length (lines), >, 10);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 10);
      g_assert_cmpstr (fields[4], ==, "仙桥乡");
    }

  cli (f, &unknown, "roster", "list", "--township", "不存在镇", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "不存在镇"));
}

static void
test_consultations (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Run) list = { 0, };
  g_auto(Run) show = { 0, };
  g_auto(Run) missing = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) detail = NULL;
  g_autoptr(GHashTable) titles = g_hash_table_new (g_str_hash, g_str_equal);
  const char *named[] = {
    "老山寨产业扶贫协商",
    "黄丝江边和凤山古镇提质协商",
    "陆坪小岩和仙桥麒麟山乡村旅游发展协商",
    "古城文化旅游景区暨棚户区改造征收政策协商",
    "双谷村新型农村综合体建设协商",
    "规范城乡酒席办理(治理\"整酒风\")协商",
  };
  JsonArray *consultations;
  JsonObject *consultation;
  JsonArray *stages;
  JsonArray *participants;

  load_demo (f);

  cli (f, &list, "consultation", "list", "--format", "json", NULL);
  g_assert_cmpint (list.status, ==, 0);
  root = parse_json (list.out);
  consultations = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (consultations), >=, 12);
  for (guint i = 0; i < json_array_get_length (consultations); i++)
    {
      JsonObject *object = json_array_get_object_element (consultations, i);

      g_hash_table_add (titles, (gpointer) json_object_get_string_member (object, "title"));
      g_assert_true (json_object_has_member (object, "current_stage"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    g_assert_true (g_hash_table_contains (titles, named[i]));

  /* by its exact title */
  cli (f, &show, "consultation", "show", named[0], "--format", "json", NULL);
  g_assert_cmpint (show.status, ==, 0);
  detail = parse_json (show.out);
  consultation = json_node_get_object (detail);
  g_assert_cmpstr (json_object_get_string_member (consultation, "title"), ==, named[0]);

  stages = json_object_get_array_member (consultation, "stages");
  g_assert_cmpuint (json_array_get_length (stages), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stages, 0), "name"), ==, "selection");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stages, 5), "name"), ==, "supervision");

  participants = json_object_get_array_member (consultation, "participants");
  g_assert_cmpuint (json_array_get_length (participants), >, 3);
  for (guint i = 0; i < json_array_get_length (participants); i++)
    {
      JsonObject *participant = json_array_get_object_element (participants, i);

      g_assert_cmpstr (json_object_get_string_member (participant, "name"), !=, "");
      g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (participant, "person")));
    }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (consultation, "outcomes")), >, 0);

  cli (f, &missing, "consultation", "show", "没有这个协商", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "没有这个协商"));
}

static void
test_roster_import_export (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(Run) dry = { 0, };
  g_auto(Run) real = { 0, };
  g_auto(Run) again = { 0, };
  g_auto(Run) export = { 0, };
  g_auto(Run) list = { 0, };
  g_autofree char *csv = g_build_filename (g_getenv ("TONGXIN_TEST_DATA"), "roster-gb18030-crlf.csv", NULL);
  g_autofree char *out = g_build_filename (f->dir, "roster.csv", NULL);
  g_autofree char *text = NULL;

  cli (f, &dry, "roster", "import", csv, "--dry-run", NULL);
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_nonnull (strstr (dry.out, "5 people added"));
  g_assert_nonnull (strstr (dry.out, "New township: 岔河镇"));

  /* the dry run wrote no one */
  cli (f, &list, "roster", "list", "--format", "json", NULL);
  g_assert_cmpstr (g_strstrip (list.out), ==, "[]");

  cli (f, &real, "roster", "import", csv, NULL);
  g_assert_cmpint (real.status, ==, 0);
  g_assert_nonnull (strstr (real.out, "5 people added"));

  cli (f, &again, "roster", "import", csv, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "0 people added"));
  g_assert_nonnull (strstr (again.out, "5 people unchanged"));

  cli (f, &export, "roster", "export", out, "--township", "凤山镇", "--order", "strokes", NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF姓名,"));
  /* by strokes: 王4 罗8 潘15 */
  g_assert_true (strstr (text, "王德贵") < strstr (text, "罗秀英"));
  g_assert_true (strstr (text, "罗秀英") < strstr (text, "潘光明"));
  g_assert_null (strstr (text, "石开云"));
}

static void
test_documents (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Run) signin = { 0, };
  g_auto(Run) minutes = { 0, };
  g_auto(Run) ics = { 0, };
  g_auto(Run) missing = { 0, };
  g_auto(Run) wrong_suffix = { 0, };
  g_autofree char *pdf = g_build_filename (f->dir, "签到表.pdf", NULL);
  g_autofree char *odt = g_build_filename (f->dir, "纪要.odt", NULL);
  g_autofree char *cal = g_build_filename (f->dir, "plan.ics", NULL);
  g_autofree char *bytes = NULL;
  gsize length = 0;

  load_demo (f);

  cli (f, &signin, "signin-sheet", "老山寨产业扶贫协商", pdf, NULL);
  g_assert_cmpint (signin.status, ==, 0);
  g_assert_true (g_file_get_contents (pdf, &bytes, &length, NULL));
  g_assert_true (g_str_has_prefix (bytes, "%PDF-"));
  g_clear_pointer (&bytes, g_free);

  cli (f, &minutes, "minutes", "老山寨产业扶贫协商", odt, NULL);
  g_assert_cmpint (minutes.status, ==, 0);
  g_assert_true (g_file_get_contents (odt, &bytes, &length, NULL));
  g_assert_cmpmem (bytes + 30, 8, "mimetype", 8);
  g_clear_pointer (&bytes, g_free);

  cli (f, &ics, "calendar", "export", cal, NULL);
  g_assert_cmpint (ics.status, ==, 0);
  g_assert_true (g_file_get_contents (cal, &bytes, &length, NULL));
  g_assert_true (g_str_has_prefix (bytes, "BEGIN:VCALENDAR"));

  /* a meeting not held yet: written, with a warning, and no date */
  {
    g_auto(Run) early = { 0, };
    g_autofree char *content = NULL;

    cli (f, &early, "minutes", "老旧小区改造协商", odt, NULL);
    g_assert_cmpint (early.status, ==, 0);
    g_assert_nonnull (strstr (early.err, "老旧小区改造协商"));
    g_assert_nonnull (strstr (early.err, "no date"));
    content = tx_test_odt_text (odt);
    g_assert_nonnull (strstr (content, "老旧小区改造协商会议纪要"));
    g_assert_null (strstr (content, "09:00"));
  }

  /* a recommendation as a formal document, by its title */
  {
    g_auto(Run) recommendation = { 0, };
    g_auto(Run) unknown = { 0, };
    g_autofree char *doc = g_build_filename (f->dir, "建言.odt", NULL);
    g_autofree char *content = NULL;

    cli (f, &recommendation, "recommendation", "document", "关于古城棚户区征收补偿政策公开和“一户一档”管理的建议",
         doc, NULL);
    g_assert_cmpint (recommendation.status, ==, 0);
    content = tx_test_odt_text (doc);
    /* the title over two lines, between words */
    g_assert_nonnull (strstr (content, "\n关于古城棚户区征收补偿政策\n公开和“一户一档”管理的建议\n"));
    g_assert_nonnull (strstr (content, "召开专题协商会，围绕“古城文化旅游景区暨棚户区改造征收政策”开展协商，形成建议如下："));

    cli (f, &unknown, "recommendation", "document", "没有这条建言", doc, NULL);
    g_assert_cmpint (unknown.status, ==, 1);
    g_assert_nonnull (strstr (unknown.err, "没有这条建言"));
  }

  cli (f, &missing, "minutes", "没有这个协商", odt, NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "没有这个协商"));

  cli (f, &wrong_suffix, "signin-sheet", "老山寨产业扶贫协商", odt, NULL);
  g_assert_cmpint (wrong_suffix.status, ==, 2);
}

static void
test_ledger (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Run) ledger = { 0, };
  g_auto(Run) bad_quarter = { 0, };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *townships;
  guint colors[3] = { 0, };

  load_demo (f);

  cli (f, &ledger, "ledger", "--format", "json", NULL);
  g_assert_cmpint (ledger.status, ==, 0);
  root = parse_json (ledger.out);
  townships = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (townships), ==, 8);

  for (guint i = 0; i < json_array_get_length (townships); i++)
    {
      JsonObject *township = json_array_get_object_element (townships, i);
      const char *color = json_object_get_string_member (township, "color");
      JsonArray *reasons = json_object_get_array_member (township, "reasons");

      g_assert_cmpstr (json_object_get_string_member (township, "name"), !=, "");
      if (g_str_equal (color, "green"))
        {
          colors[0]++;
          g_assert_cmpuint (json_array_get_length (reasons), ==, 0);
        }
      else
        {
          JsonObject *worst = json_array_get_object_element (reasons, 0);

          g_assert_true (g_str_equal (color, "yellow") || g_str_equal (color, "red"));
          colors[g_str_equal (color, "yellow") ? 1 : 2]++;
          /* the colour is the worst of the reasons, each with its text */
          g_assert_cmpstr (json_object_get_string_member (worst, "color"), ==, color);
          g_assert_cmpstr (json_object_get_string_member (worst, "text"), !=, "");
        }
    }

  /* the sample shows every colour */
  g_assert_cmpuint (colors[0], >=, 3);
  g_assert_cmpuint (colors[1], >=, 2);
  g_assert_cmpuint (colors[2], >=, 2);

  cli (f, &bad_quarter, "ledger", "--year", "2026", "--quarter", "5", NULL);
  g_assert_cmpint (bad_quarter.status, ==, 2);
}

static void
test_backup_restore_check (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(Run) backup = { 0, };
  g_auto(Run) emptied = { 0, };
  g_auto(Run) restore = { 0, };
  g_auto(Run) bad = { 0, };
  g_auto(Run) check = { 0, };
  g_auto(Run) list = { 0, };
  g_autofree char *copy = g_build_filename (f->dir, "backup.db", NULL);
  g_autofree char *not_db = g_build_filename (f->dir, "名册.csv", NULL);
  g_autofree char *csv = g_build_filename (g_getenv ("TONGXIN_TEST_DATA"), "roster-gb18030-crlf.csv", NULL);

  load_demo (f);

  cli (f, &backup, "backup", copy, NULL);
  g_assert_cmpint (backup.status, ==, 0);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));

  /* the roster changes after the backup… */
  cli (f, &emptied, "roster", "import", csv, NULL);
  g_assert_cmpint (emptied.status, ==, 0);
  {
    g_auto(Run) added = { 0, };

    cli (f, &added, "roster", "list", "--search", "潘光明", "--format", "json", NULL);
    g_assert_nonnull (strstr (added.out, "潘光明"));
  }

  /* …a file that is no backup is refused and changes nothing */
  g_assert_true (g_file_set_contents (not_db, "姓名\n王芳\n", -1, NULL));
  cli (f, &bad, "restore", not_db, NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, not_db));

  /* and the backup brings the roster back as it was */
  cli (f, &restore, "restore", copy, NULL);
  g_assert_cmpint (restore.status, ==, 0);
  cli (f, &list, "roster", "list", "--search", "潘光明", "--format", "json", NULL);
  g_assert_cmpstr (g_strstrip (list.out), ==, "[]");

  cli (f, &check, "check", NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_nonnull (strstr (check.out, "168"));
}

static void
test_export_import (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Run) export = { 0, };
  g_auto(Run) truncated_import = { 0, };
  g_auto(Run) again = { 0, };
  g_auto(Run) after = { 0, };
  g_autofree char *xml_path = g_build_filename (f->dir, "out.xml", NULL);
  g_autofree char *bad_path = g_build_filename (f->dir, "bad.xml", NULL);
  g_autofree char *after_path = g_build_filename (f->dir, "after.xml", NULL);
  g_autofree char *xml = NULL;
  g_autofree char *after_xml = NULL;
  /* the time of the export, and the checksum of the file, which covers it */
  g_autoptr(GRegex) exported = g_regex_new (" exported=\"[^\"]*\"|<\\?tongxin-sha256 [0-9a-f]{64}\\?>\n", 0, 0, NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  load_demo (f);

  cli (f, &export, "export", xml_path, NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_true (g_file_get_contents (xml_path, &xml, NULL, NULL));
  g_assert_nonnull (strstr (xml, "urn:tongxin:exchange:1"));

  /* a truncated file: exit 1, one line saying where, nothing changed */
  g_assert_true (g_file_set_contents (bad_path, xml, strlen (xml) / 3, NULL));
  cli (f, &truncated_import, "import", bad_path, NULL);
  g_assert_cmpint (truncated_import.status, ==, 1);
  g_assert_nonnull (strstr (truncated_import.err, "line"));
  g_assert_cmpuint (strchr (truncated_import.err, '\n') - truncated_import.err + 1, ==, strlen (truncated_import.err));

  /* importing the same file again changes nothing */
  cli (f, &again, "import", xml_path, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "0 added, 0 updated"));

  cli (f, &after, "export", after_path, NULL);
  g_assert_true (g_file_get_contents (after_path, &after_xml, NULL, NULL));
  a = g_regex_replace_literal (exported, xml, -1, 0, "", 0, NULL);
  b = g_regex_replace_literal (exported, after_xml, -1, 0, "", 0, NULL);
  g_assert_cmpstr (a, ==, b);

  /* one township's records */
  {
    g_auto(Run) one = { 0, };
    g_auto(Run) none = { 0, };
    g_autofree char *one_path = g_build_filename (f->dir, "凤山镇.xml", NULL);
    g_autofree char *one_xml = NULL;

    cli (f, &one, "export", "--township", "凤山镇", one_path, NULL);
    g_assert_cmpint (one.status, ==, 0);
    g_assert_true (g_file_get_contents (one_path, &one_xml, NULL, NULL));
    g_assert_nonnull (strstr (one_xml, "name=\"凤山镇\""));
    g_assert_null (strstr (one_xml, "name=\"金山街道\""));
    g_assert_cmpuint (strlen (one_xml), <, strlen (xml) / 2);

    cli (f, &none, "export", "--township", "不存在镇", one_path, NULL);
    g_assert_cmpint (none.status, ==, 1);
    g_assert_nonnull (strstr (none.err, "不存在镇"));
  }
}

/* peers: the offices whose files were imported; a township's file is
 * for its city office, and another city office refuses it. */
static void
test_peers (Fixture       *f,
            gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  g_autofree char *township_db = g_strdup (f->db);
  g_autofree char *city_db = g_build_filename (f->dir, "city.db", NULL);
  g_autofree char *other_db = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *city_file = g_build_filename (f->dir, "city.xml", NULL);
  g_autofree char *township_file = g_build_filename (f->dir, "金山街道.xml.gz", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *peer;
  char *db = f->db;

  /* the city office writes a file */
  f->db = city_db;
  cli (f, &run, "init", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  cli (f, &run, "config", "set", "office-kind", "city", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  cli (f, &run, "config", "set", "organization", "政协福泉市委员会办公室", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  cli (f, &run, "export", city_file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  /* the township takes it */
  f->db = township_db;
  load_demo (f);
  cli (f, &run, "peers", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "name\tkind\texported\treceived\tuuid\n");
  run_clear (&run);
  cli (f, &run, "import", city_file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  cli (f, &run, "peers", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  peer = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpstr (json_object_get_string_member (peer, "name"), ==, "政协福泉市委员会办公室");
  g_assert_cmpstr (json_object_get_string_member (peer, "kind"), ==, "city");
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (peer, "uuid")));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (peer, "received"), "2026-11-27T"));
  run_clear (&run);
  cli (f, &run, "peers", "everyone", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  /* its file is for that city office: another one refuses it */
  cli (f, &run, "export", township_file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  f->db = other_db;
  cli (f, &run, "init", NULL);
  run_clear (&run);
  cli (f, &run, "config", "set", "office-kind", "city", NULL);
  run_clear (&run);
  cli_zh (f, &run, "import", township_file, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_test_message ("%s", run.err);
  g_assert_nonnull (strstr (run.err, "是发给另一单位（政协福泉市委员会办公室）的"));
  run_clear (&run);
  cli (f, &run, "roster", "list", "--format", "json", NULL);
  g_assert_cmpstr (g_strstrip (run.out), ==, "[]");
  run_clear (&run);

  /* the city office takes it */
  f->db = city_db;
  cli (f, &run, "import", township_file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  cli (f, &run, "peers", NULL);
  g_assert_nonnull (strstr (run.out, "\ttownship\t"));
  run_clear (&run);

  /* what each office wrote: the city one file of everything, the
   * township one, then the changes since */
  cli (f, &run, "sent", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "written\tfile\ttownship\twhat\tsince\n"));
  g_assert_nonnull (strstr (run.out, "\tcity.xml\t\teverything\t\n"));
  run_clear (&run);
  f->db = township_db;
  {
    g_autofree char *changes = g_build_filename (f->dir, "金山街道-变更.xml.gz", NULL);
    g_autoptr(JsonNode) sent = NULL;
    JsonArray *files;
    JsonObject *last;

    cli (f, &run, "export", "--since-last", changes, NULL);
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
    cli (f, &run, "sent", "--format", "json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    sent = parse_json (run.out);
    files = json_node_get_array (sent);
    g_assert_cmpuint (json_array_get_length (files), ==, 2);
    last = json_array_get_object_element (files, 0);
    g_assert_cmpstr (json_object_get_string_member (last, "file"), ==, "金山街道-变更.xml.gz");
    g_assert_cmpstr (json_object_get_string_member (last, "what"), ==, "changes");
    /* when it was written, by the clock, not the day given */
    g_assert_cmpuint (strlen (json_object_get_string_member (last, "written")), >=, strlen ("2026-11-27T10:00:00"));
    g_assert_cmpint (json_object_get_string_member (last, "written")[10], ==, 'T');
    g_assert_false (json_object_get_null_member (last, "since"));
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (files, 1), "what"), ==,
                     "everything");
    run_clear (&run);
    cli (f, &run, "sent", "all", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }

  f->db = db;
}

/* The field of `conflicts show`'s JSON whose label is @label */
static JsonObject *
conflict_field (JsonNode   *root,
                const char *label)
{
  JsonArray *fields = json_node_get_array (root);

  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonObject *field = json_array_get_object_element (fields, i);

      if (g_strcmp0 (json_object_get_string_member (field, "field"), label) == 0)
        return field;
    }

  return NULL;
}

/*
 * import FILE… with --dry-run and --report, conflicts list|show|resolve:
 * the city sets a township's plan and renames it; the township does
 * both otherwise; its file brings two conflicts, both versions kept,
 * each decided as asked.  Of several files, one damaged: none imported.
 */
static void
test_conflicts (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  g_autofree char *township_db = g_strdup (f->db);
  g_autofree char *city_db = g_build_filename (f->dir, "city.db", NULL);
  g_autofree char *first = g_build_filename (f->dir, "first.xml.gz", NULL);
  g_autofree char *second = g_build_filename (f->dir, "second.xml.gz", NULL);
  g_autofree char *damaged = g_build_filename (f->dir, "damaged.xml.gz", NULL);
  g_autofree char *report = g_build_filename (f->dir, "report.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *file;
  JsonArray *conflicts;
  JsonObject *field;
  gsize length;
  char *db = f->db;

  f->db = city_db;
  cli (f, &run, "init", NULL);
  run_clear (&run);
  cli (f, &run, "config", "set", "office-kind", "city", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  f->db = township_db;
  load_demo (f);
  cli (f, &run, "config", "set", "organization", "政协福泉市委员会金山街道联络组", NULL);
  run_clear (&run);
  cli (f, &run, "export", "--township", "金山街道", first, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  f->db = city_db;
  cli (f, &run, "import", first, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "conflict"));
  run_clear (&run);
  cli (f, &run, "township", "plan", "金山街道", "2026", "9", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  cli (f, &run, "township", "rename", "金山街道", "金山街道办事处", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  f->db = township_db;
  cli (f, &run, "township", "plan", "金山街道", "2026", "2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  cli (f, &run, "township", "rename", "金山街道", "金山", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  cli (f, &run, "export", "--township", "金山", second, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  /* the preview: two conflicts, nothing kept */
  f->db = city_db;
  cli (f, &run, "import", "--dry-run", "--report", report, second, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "2 conflicts"));
  run_clear (&run);
  g_assert_true (g_file_get_contents (report, &text, &length, NULL));
  root = parse_json (text);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (root), "dry_run"));
  file = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "files"), 0);
  g_assert_false (json_object_get_boolean_member (file, "imported"));
  conflicts = json_object_get_array_member (file, "conflicts");
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 2);
  g_assert_true (json_object_get_null_member (json_array_get_object_element (conflicts, 0), "id"));
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&text, g_free);
  cli (f, &run, "conflicts", "list", "--format", "json", NULL);
  g_assert_cmpstr (g_strstrip (run.out), ==, "[]");
  run_clear (&run);

  /* the import keeps both versions */
  cli (f, &run, "import", "--report", report, second, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "conflict 1: "));
  g_assert_nonnull (strstr (run.out, "conflict 2: "));
  run_clear (&run);
  g_assert_true (g_file_get_contents (report, &text, &length, NULL));
  root = parse_json (text);
  file = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "files"), 0);
  g_assert_true (json_object_get_boolean_member (file, "imported"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (file, "conflicts")), ==, 2);
  g_clear_pointer (&root, json_node_unref);

  cli (f, &run, "conflicts", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\tplan\tthe plan of 金山街道办事处 for 2026\t政协福泉市委员会金山街道联络组\tsecond.xml.gz\tchanged\tchanged\t\t"));
  g_assert_nonnull (strstr (run.out, "\ttownship\tthe township 金山街道办事处\t"));
  run_clear (&run);
  cli (f, &run, "township", "list", NULL);
  g_assert_nonnull (strstr (run.out, "金山街道办事处"));
  g_assert_null (strstr (run.out, "金山\t"));
  run_clear (&run);

  /* side by side */
  cli (f, &run, "conflicts", "show", "2", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  field = conflict_field (root, "Consultations planned");
  g_assert_nonnull (field);
  g_assert_cmpstr (json_object_get_string_member (field, "ours"), ==, "9");
  g_assert_cmpstr (json_object_get_string_member (field, "theirs"), ==, "2");
  g_assert_true (json_object_get_boolean_member (field, "differs"));
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);
  cli (f, &run, "conflicts", "show", "1", NULL);
  g_assert_nonnull (strstr (run.out, "Name\t金山街道办事处\t金山\t*\n"));
  run_clear (&run);

  /* take the township's plan, keep the city's name (the file has
   * the township first, its plans after) */
  cli (f, &run, "conflicts", "resolve", "2", "theirs", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  cli (f, &run, "conflicts", "resolve", "1", "ours", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  cli (f, &run, "township", "list", "--format", "json", NULL);
  g_assert_nonnull (strstr (run.out, "金山街道办事处"));
  run_clear (&run);
  {
    g_autofree char *sql = g_strdup_printf ("sqlite3 '%s' \"SELECT p.consultations FROM plan p JOIN township t "
                                            "ON t.id = p.township_id WHERE t.name = '金山街道办事处' AND p.year = 2026\"",
                                            city_db);
    g_autofree char *out = NULL;

    g_assert_true (g_spawn_command_line_sync (sql, &out, NULL, NULL, NULL));
    g_assert_cmpstr (g_strstrip (out), ==, "2");
  }
  cli (f, &run, "conflicts", "list", "--all", NULL);
  g_assert_nonnull (strstr (run.out, "\ttheirs\t"));
  g_assert_nonnull (strstr (run.out, "\tours\t"));
  run_clear (&run);
  cli (f, &run, "conflicts", "list", NULL);
  g_assert_cmpstr (run.out, ==, "id\tkind\tdescription\tfrom\tfile\tours\ttheirs\tresolution\tuuid\n");
  run_clear (&run);

  /* decided once; no such conflict; not a decision */
  cli (f, &run, "conflicts", "resolve", "1", "theirs", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "was already decided (Keep Ours): nothing was changed."));
  run_clear (&run);
  cli (f, &run, "conflicts", "resolve", "99", "theirs", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "There is no conflict 99"));
  run_clear (&run);
  cli (f, &run, "conflicts", "resolve", "1", "both", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  /* the same file again: no conflict */
  cli (f, &run, "import", second, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "conflict"));
  run_clear (&run);

  /* two files, one cut short: neither imported, the report says why */
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (second, &text, &length, NULL));
  g_assert_true (g_file_set_contents (damaged, text, length / 2, NULL));
  f->db = township_db;
  cli (f, &run, "township", "plan", "金山", "2027", "4", NULL);
  run_clear (&run);
  cli (f, &run, "export", "--township", "金山", "--since-last", first, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  f->db = city_db;
  cli (f, &run, "import", "--report", report, first, damaged, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "damaged.xml.gz was not imported."));
  g_assert_nonnull (strstr (run.err, "Nothing was imported"));
  run_clear (&run);
  {
    g_autofree char *sql = g_strdup_printf ("sqlite3 '%s' \"SELECT count(*) FROM plan WHERE year = 2027\"", city_db);
    g_autofree char *out = NULL;

    g_assert_true (g_spawn_command_line_sync (sql, &out, NULL, NULL, NULL));
    g_assert_cmpstr (g_strstrip (out), ==, "0");
  }
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (report, &text, &length, NULL));
  root = parse_json (text);
  file = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "files"), 1);
  g_assert_false (json_object_get_boolean_member (file, "imported"));
  g_assert_nonnull (strstr (json_object_get_string_member (file, "error"), "damaged"));
  file = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "files"), 0);
  g_assert_false (json_object_get_boolean_member (file, "imported"));
  g_clear_pointer (&root, json_node_unref);

  /* the damaged one first: the file after it is still checked, and
   * found right */
  cli (f, &run, "import", "--report", report, damaged, first, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "damaged.xml.gz was not imported."));
  g_assert_null (strstr (run.err, "first"));
  run_clear (&run);
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (report, &text, &length, NULL));
  root = parse_json (text);
  file = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "files"), 1);
  g_assert_false (json_object_get_boolean_member (file, "imported"));
  g_assert_true (json_object_get_null_member (file, "error"));

  f->db = db;
}

/* workgroup add|assign|list|delete, and the ledger by work group */
static void
test_work_groups (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *entries;

  load_demo (f);
  cli (f, &run, "workgroup", "add", "第一工作组", "--leader", "王建国", "--members", "李明、张华", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  cli (f, &run, "workgroup", "assign", "金山街道", "第一工作组", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  cli (f, &run, "workgroup", "list", NULL);
  g_assert_cmpstr (run.out, ==, "name\tleader\tmembers\ttownships\n第一工作组\t王建国\t李明、张华\t金山街道\n");
  run_clear (&run);

  cli (f, &run, "ledger", "--work-group", "第一工作组", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  entries = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (entries), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 0), "name"), ==, "金山街道");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 0), "work_group"), ==, "第一工作组");
  run_clear (&run);

  /* the circular says how the townships of each group fare: here, as
   * the ledger of the same day rates them */
  {
    g_autofree char *odt = g_build_filename (f->dir, "通报.odt", NULL);
    g_autofree char *words = NULL;
    g_autofree char *expected = NULL;
    g_autoptr(JsonNode) all = NULL;
    JsonArray *townships;
    const char *jinshan = NULL;

    cli (f, &run, "ledger", "--year", "2026", "--quarter", "4", "--format", "json", NULL);
    all = parse_json (run.out);
    townships = json_node_get_array (all);
    run_clear (&run);
    for (guint i = 0; i < json_array_get_length (townships); i++)
      if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (townships, i), "name"), "金山街道") == 0)
        jinshan = json_object_get_string_member (json_array_get_object_element (townships, i), "color");
    g_assert_nonnull (jinshan);
    expected = g_strdup_printf ("分工作组看，第一工作组联系1个（%s1个）；未分工作组的%u个（",
                                g_str_equal (jinshan, "red") ? "红色" : g_str_equal (jinshan, "yellow") ? "黄色" : "绿色",
                                json_array_get_length (townships) - 1);

    cli (f, &run, "circular", "--year", "2026", "--quarter", "4", "--draft", odt, NULL);
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
    words = tx_test_odt_text (odt);
    g_assert_nonnull (strstr (words, expected));

    /* and lists them, group by group, in the column of their colour */
    g_free (expected);
    expected = g_strdup_printf ("工作组\n红色\n黄色\n绿色\n第一工作组\n（联系1个）\n%s\n%s\n%s\n未分工作组\n（%u个）\n",
                                g_str_equal (jinshan, "red") ? "金山街道" : "—",
                                g_str_equal (jinshan, "yellow") ? "金山街道" : "—",
                                g_str_equal (jinshan, "green") ? "金山街道" : "—",
                                json_array_get_length (townships) - 1);
    g_test_message ("%s", words);
    g_assert_nonnull (strstr (words, expected));
  }

  /* the ledger by work group: the group's townships first, under its
   * name, those in none after */
  cli (f, &run, "ledger", "--year", "2026", "--quarter", "4", "--by-work-group", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_auto(GStrv) rows = g_strsplit (run.out, "\n", -1);

    g_assert_cmpstr (rows[0], ==, "work_group\ttownship\tcolor\treasons");
    g_assert_true (g_str_has_prefix (rows[1], "第一工作组\t金山街道\t"));
    g_assert_true (g_str_has_prefix (rows[2], "\t"));
    g_assert_null (strstr (run.out + strlen (rows[0]) + strlen (rows[1]) + 2, "金山街道"));
  }
  run_clear (&run);
  cli (f, &run, "ledger", "--work-group", "第九工作组", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "There is no work group named “第九工作组”"));
  run_clear (&run);

  cli (f, &run, "workgroup", "assign", "金山街道", "第九工作组", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "There is no work group named “第九工作组”"));
  run_clear (&run);
  cli (f, &run, "workgroup", "assign", "金山街道", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  cli (f, &run, "metrics", "--work-group", "第一工作组", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  cli (f, &run, "workgroup", "delete", "第一工作组", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  cli (f, &run, "workgroup", "list", NULL);
  g_assert_cmpstr (run.out, ==, "name\tleader\tmembers\ttownships\n");
}

static void
test_chinese_messages (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Run) missing = { 0, };
  g_auto(Run) township = { 0, };
  g_auto(Run) show = { 0, };

  cli_zh (f, &missing, "roster", "list", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_test_message ("%s", missing.err);
  g_assert_nonnull (strstr (missing.err, "没有数据库"));

  load_demo (f);
  cli_zh (f, &township, "roster", "list", "--township", "不存在镇", NULL);
  g_assert_cmpint (township.status, ==, 1);
  g_assert_nonnull (strstr (township.err, "没有名为“不存在镇”的乡镇（街道）"));

  {
    g_auto(Run) bad = { 0, };
    g_autofree char *csv = g_build_filename (g_getenv ("TONGXIN_TEST_DATA"), "roster-bad-rows.csv", NULL);

    cli_zh (f, &bad, "roster", "import", csv, NULL);
    g_assert_cmpint (bad.status, ==, 1);
    g_assert_nonnull (strstr (bad.err, "有 4 行有问题"));
    g_assert_nonnull (strstr (bad.err, "第 3 行，“姓名”列：姓名为空。"));
    g_assert_nonnull (strstr (bad.err, "第 6 行，“身份类别”列：“镇长”不是有效的身份类别"));
  }

  cli_zh (f, &show, "consultation", "show", "老山寨产业扶贫协商", NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "当前环节：已完成"));
  g_assert_nonnull (strstr (show.out, "主持人"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/help-and-usage", Fixture, NULL, fixture_set_up, test_help_and_usage, fixture_tear_down);
  g_test_add ("/cli/version", Fixture, NULL, fixture_set_up, test_version, fixture_tear_down);
  g_test_add ("/cli/init", Fixture, NULL, fixture_set_up, test_init, fixture_tear_down);
  g_test_add ("/cli/roster-json", Fixture, NULL, fixture_set_up, test_roster_json, fixture_tear_down);
  g_test_add ("/cli/roster-tsv", Fixture, NULL, fixture_set_up, test_roster_tsv, fixture_tear_down);
  g_test_add ("/cli/consultations", Fixture, NULL, fixture_set_up, test_consultations, fixture_tear_down);
  g_test_add ("/cli/chinese-messages", Fixture, NULL, fixture_set_up, test_chinese_messages, fixture_tear_down);
  g_test_add ("/cli/roster-import-export", Fixture, NULL, fixture_set_up, test_roster_import_export, fixture_tear_down);
  g_test_add ("/cli/documents", Fixture, NULL, fixture_set_up, test_documents, fixture_tear_down);
  g_test_add ("/cli/ledger", Fixture, NULL, fixture_set_up, test_ledger, fixture_tear_down);
  g_test_add ("/cli/backup-restore-check", Fixture, NULL, fixture_set_up, test_backup_restore_check, fixture_tear_down);
  g_test_add ("/cli/peers", Fixture, NULL, fixture_set_up, test_peers, fixture_tear_down);
  g_test_add ("/cli/conflicts", Fixture, NULL, fixture_set_up, test_conflicts, fixture_tear_down);
  g_test_add ("/cli/work-groups", Fixture, NULL, fixture_set_up, test_work_groups, fixture_tear_down);
  g_test_add ("/cli/export-import", Fixture, NULL, fixture_set_up, test_export_import, fixture_tear_down);

  return g_test_run ();
}
