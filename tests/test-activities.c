/* test-activities.c — trainings, observation visits and discussions
 * through tongxin-cli: added, listed, attended, printed as a sign-in
 * sheet and carried into the calendar the way a consultation is
 *
 * Every refusal is checked as a clerk or a script sees it: its exit
 * status, one line saying what to fix, and nothing changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "tx-date.h"
#include "tx-test-cli.h"
#include "tx-test-pdf.h"

#define TODAY "2026-11-27"
/* The day files are imported on, in the exchange tests: after every
 * change was made, whatever the computer's clock says, as files are
 * received after they were written (a record changed more than a day
 * after the day of an import is taken as changed on that day) */
#define EXCHANGE_DAY "2099-12-01"
#define TRAINING "新任联络组组长业务培训"
#define VISIT "观摩老山寨产业扶贫协商"

typedef struct {
  char *dir;
  char *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };

  f->dir = g_dir_make_tmp ("tongxin-activities-XXXXXX", NULL);
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

static JsonNode *
run_json (Fixture    *f,
          const char *first,
          ...) G_GNUC_NULL_TERMINATED;

/* What `tongxin-cli ARGS… --format json` prints, parsed */
static JsonNode *
run_json (Fixture    *f,
          const char *first,
          ...)
{
  g_auto(TxTestRun) run = { 0, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *args[8] = { NULL, };
  guint n = 0;
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL && n < G_N_ELEMENTS (args) - 1; arg = va_arg (ap, const char *))
    args[n++] = arg;
  va_end (ap);

  tx_test_cli (&run, f->db, TODAY, NULL, args[0], args[1], args[2], args[3], args[4], args[5], args[6], NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

/* The uuid of the first person on the roster of @township, and their name */
static char *
someone_of (Fixture     *f,
            const char  *township,
            guint        nth,
            char       **name)
{
  g_autoptr(JsonNode) root = run_json (f, "roster", "list", "--township", township, "--format", "json", NULL);
  JsonObject *person = json_array_get_object_element (json_node_get_array (root), nth);

  *name = g_strdup (json_object_get_string_member (person, "name"));
  return g_strdup (json_object_get_string_member (person, "uuid"));
}

static char *
add_training (Fixture *f)
{
  g_auto(TxTestRun) run = { 0, };
  const char *uuid;

  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "add", "--kind", "training", "--title", TRAINING,
               "--date", "2026-12-10", "--time", "09:30", "--venue", "市政协三楼会议室",
               "--townships", "金山街道、凤山镇", NULL);
  g_assert_cmpint (run.status, ==, 0);
  uuid = strrchr (g_strchomp (run.out), ' ');
  g_assert_nonnull (uuid);

  return g_strdup (uuid + 1);
}

static void
test_add_and_list (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autofree char *uuid = add_training (f);
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) shown = NULL;
  JsonObject *training;
  JsonArray *townships;

  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "add", "--kind", "观摩学习", "--title", VISIT,
               "--date", "2026-12-15", "--township", "凤山镇", "--townships", "仙桥乡", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);

  /* by date; the training organised by the city office */
  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_auto(GStrv) lines = g_strsplit (run.out, "\n", -1);
    g_autofree char *first = g_strdup_printf ("%s\ttraining\t" TRAINING "\t2026-12-10T09:30:00+08:00\t\t", uuid);

    g_assert_cmpstr (lines[0], ==, "uuid\tkind\ttitle\tstarts\ttownship\ttownships\tinvited\tattended");
    g_assert_true (g_str_has_prefix (lines[1], first));
    g_assert_nonnull (strstr (lines[2], "\tobservation\t" VISIT "\t2026-12-15\t凤山镇\t仙桥乡\t0\t0"));
    g_assert_cmpstr (lines[3], ==, "");
  }
  tx_test_run_clear (&run);

  /* one township's: those it organises or takes part in */
  list = run_json (f, "activity", "list", "--township", "仙桥乡", "--format", "json", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (list), 0), "title"),
                   ==, VISIT);
  g_clear_pointer (&list, json_node_unref);
  list = run_json (f, "activity", "list", "--year", "2025", "--format", "json", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 0);

  shown = run_json (f, "activity", "show", TRAINING, "--format", "json", NULL);
  training = json_node_get_object (shown);
  g_assert_cmpstr (json_object_get_string_member (training, "uuid"), ==, uuid);
  g_assert_cmpstr (json_object_get_string_member (training, "kind"), ==, "training");
  g_assert_cmpstr (json_object_get_string_member (training, "venue"), ==, "市政协三楼会议室");
  g_assert_true (json_object_get_null_member (training, "township"));
  townships = json_object_get_array_member (training, "townships");
  g_assert_cmpuint (json_array_get_length (townships), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (training, "participants")), ==, 0);
}

static void
test_attend (Fixture       *f,
             gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autofree char *uuid = add_training (f);
  g_autofree char *first_name = NULL, *second_name = NULL;
  g_autofree char *first = someone_of (f, "金山街道", 0, &first_name);
  g_autofree char *second = someone_of (f, "凤山镇", 0, &second_name);
  g_autoptr(JsonNode) shown = NULL;
  JsonArray *participants;

  /* by name and by id */
  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "attend", TRAINING, first_name, second, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "2 people marked present at “" TRAINING "”\n");
  tx_test_run_clear (&run);

  /* someone unknown: refused, and the others are not marked either */
  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "attend", TRAINING, "--absent", first, "查无此人", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "tongxin-cli: No one on the roster is called “查无此人” or has that id.\n");
  tx_test_run_clear (&run);

  shown = run_json (f, "activity", "show", uuid, "--format", "json", NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (shown), "invited"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (shown), "attended"), ==, 2);
  participants = json_object_get_array_member (json_node_get_object (shown), "participants");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (participants, 0), "person"), ==, first);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (participants, 0), "name"), ==, first_name);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (participants, 0), "attended"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (participants, 1), "person"), ==, second);
  g_clear_pointer (&shown, json_node_unref);

  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "attend", TRAINING, "--absent", second, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  shown = run_json (f, "activity", "show", uuid, "--format", "json", NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (shown), "attended"), ==, 1);
  participants = json_object_get_array_member (json_node_get_object (shown), "participants");
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (participants, 1), "attended"));

  /* the roster says who was trained, and when last: on the training's
   * day, once it came (today is before it: no one yet) */
  {
    g_auto(TxTestRun) later = { 0, };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *people;
    guint trained = 0;

    tx_test_cli (&later, f->db, "2026-12-31", NULL, "roster", "list", "--format", "json", NULL);
    g_assert_cmpint (later.status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, later.out, -1, NULL));
    people = json_node_get_array (json_parser_get_root (parser));
    for (guint i = 0; i < json_array_get_length (people); i++)
      {
        JsonObject *person = json_array_get_object_element (people, i);
        const char *last = json_object_get_null_member (person, "last_training") ? NULL
                           : json_object_get_string_member (person, "last_training");

        if (g_strcmp0 (json_object_get_string_member (person, "uuid"), first) == 0)
          g_assert_cmpstr (last, ==, "2026-12-10");
        else
          g_assert_null (last);   /* the second was absent */
        trained += last != NULL;
      }
    g_assert_cmpuint (trained, ==, 1);
  }
  {
    g_autoptr(JsonNode) roster = run_json (f, "roster", "list", "--format", "json", NULL);
    JsonArray *people = json_node_get_array (roster);

    for (guint i = 0; i < json_array_get_length (people); i++)
      g_assert_true (json_object_get_null_member (json_array_get_object_element (people, i), "last_training"));
  }
}

/* The sign-in sheet of an activity is a consultation's: the same
 * heading lines, the same groups by category, the people invited */
static void
test_signin_sheet (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autofree char *uuid = add_training (f);
  g_autofree char *first_name = NULL, *second_name = NULL;
  g_autofree char *first = someone_of (f, "金山街道", 0, &first_name);
  g_autofree char *second = someone_of (f, "金山街道", 1, &second_name);
  g_autofree char *pdf = g_build_filename (f->dir, "签到表.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *consultation_pdf = g_build_filename (f->dir, "协商签到表.pdf", NULL);
  g_autofree char *consultation_text = NULL;

  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "attend", uuid, first, second, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);

  tx_test_cli (&run, f->db, TODAY, NULL, "signin-sheet", TRAINING, pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autofree char *said = g_strdup_printf ("1 page written to %s\n", pdf);

    g_assert_cmpstr (run.out, ==, said);
  }
  tx_test_run_clear (&run);
  text = tx_test_pdf_text (pdf, FALSE);
  g_assert_nonnull (strstr (text, TRAINING "签到表"));
  g_assert_nonnull (strstr (text, "时间：2026年12月10日09:30"));
  g_assert_nonnull (strstr (text, "地点：市政协三楼会议室"));
  g_assert_nonnull (strstr (text, "应到2人"));
  g_assert_nonnull (strstr (text, first_name));
  g_assert_nonnull (strstr (text, second_name));

  tx_test_cli (&run, f->db, TODAY, NULL, "signin-sheet", "老山寨产业扶贫协商", consultation_pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  consultation_text = tx_test_pdf_text (consultation_pdf, FALSE);
  g_assert_nonnull (strstr (consultation_text, "老山寨产业扶贫协商签到表"));
  g_assert_nonnull (strstr (consultation_text, "时间："));
  g_assert_nonnull (strstr (consultation_text, "应到"));

  /* a day without its time prints the day */
  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "add", "--kind", "exchange", "--title", "乡贤座谈会",
               "--date", "2026-12-20", "--township", "金山街道", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "signin-sheet", "乡贤座谈会", pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_free (text);
  text = tx_test_pdf_text (pdf, FALSE);
  g_assert_nonnull (strstr (text, "时间：2026年12月20日"));
  tx_test_run_clear (&run);

  tx_test_cli (&run, f->db, TODAY, NULL, "signin-sheet", "没有这个会", pdf, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==,
                   "tongxin-cli: There is no consultation or activity “没有这个会”. Give its exact title or its id.\n");
}

static void
test_calendar (Fixture       *f,
               gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autofree char *uuid = add_training (f);
  g_autofree char *ics = g_build_filename (f->dir, "日程.ics", NULL);
  g_autofree char *text = NULL;
  g_autofree char *uid = g_strdup_printf ("UID:%s@tongxin\r\n", uuid);
  const char *event;

  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "add", "--kind", "observation", "--title", VISIT,
               "--date", "2026-12-15", "--township", "凤山镇", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);

  tx_test_cli (&run, f->db, TODAY, NULL, "calendar", "export", ics, "--year", "2026", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (ics, &text, NULL, NULL));

  event = strstr (text, uid);
  g_assert_nonnull (event);
  g_assert_nonnull (strstr (event, "DTSTART;TZID=Asia/Shanghai:20261210T093000\r\n"));
  g_assert_nonnull (strstr (event, "SUMMARY:业务培训：" TRAINING "\r\n"));
  g_assert_nonnull (strstr (event, "LOCATION:市政协三楼会议室\r\n"));
  g_assert_nonnull (strstr (event, "CATEGORIES:业务培训\r\n"));
  /* a day alone: the whole day */
  event = strstr (text, "SUMMARY:观摩学习：" VISIT);
  g_assert_nonnull (event);
  g_assert_nonnull (g_strrstr_len (text, event - text, "DTSTART;VALUE=DATE:20261215\r\n"));
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autoptr(JsonNode) list = NULL;

  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "add", "--kind", "party", "--title", "茶话会", "--date", "2026-12-10", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Unknown kind of activity “party”: use training (业务培训), observation (观摩学习) or exchange (座谈交流), "
                                     "or add it to this office’s own kinds: tongxin-cli config set activity-kinds NAME、NAME\n"));
  tx_test_run_clear (&run);

  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "add", "--kind", "training", "--title", "培训", "--date", "2026-02-30", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "2026-02-30"));
  tx_test_run_clear (&run);

  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "add", "--kind", "training", "--title", "培训", NULL);
  g_assert_cmpint (run.status, ==, 2);
  tx_test_run_clear (&run);

  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "add", "--kind", "training", "--title", "  ", "--date", "2026-12-10", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "tongxin-cli: An activity needs a title.\n");
  tx_test_run_clear (&run);

  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "add", "--kind", "training", "--title", "培训",
               "--date", "2026-12-10", "--end-date", "2026-12-09", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "tongxin-cli: An activity cannot end before it starts.\n");
  tx_test_run_clear (&run);

  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "add", "--kind", "training", "--title", "培训",
               "--date", "2026-12-10", "--townships", "金山街道、不存在镇", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "不存在镇"));
  tx_test_run_clear (&run);

  /* nothing was added by any of them */
  list = run_json (f, "activity", "list", "--format", "json", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 0);

  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "show", "不存在的活动", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "tongxin-cli: There is no activity “不存在的活动”. Give its exact title or its id.\n");
}

static void
test_delete_and_merge (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autofree char *uuid = add_training (f);
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonArray *townships;

  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "add", "--kind", "exchange", "--title", "乡贤座谈会",
               "--date", "2026-12-20", "--township", "凤山镇", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);

  /* the townships merged: the activities follow the one kept */
  tx_test_cli (&run, f->db, TODAY, NULL, "township", "merge", "凤山镇", "金山街道", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  shown = run_json (f, "activity", "show", "乡贤座谈会", "--format", "json", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (shown), "township"), ==, "金山街道");
  g_clear_pointer (&shown, json_node_unref);
  shown = run_json (f, "activity", "show", uuid, "--format", "json", NULL);
  townships = json_object_get_array_member (json_node_get_object (shown), "townships");
  g_assert_cmpuint (json_array_get_length (townships), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (townships, 0), ==, "金山街道");

  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "delete", TRAINING, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Deleted the activity “" TRAINING "”\n");
  tx_test_run_clear (&run);
  list = run_json (f, "activity", "list", "--format", "json", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  g_clear_pointer (&list, json_node_unref);

  /* in Recently Deleted, and brought back whole, by its title */
  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "restore", "查无此活动", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "tongxin-cli: No deleted activity is “查无此活动”. "
                                "Give the exact title or the id of one deleted.\n");
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "restore", TRAINING, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Brought back the activity “" TRAINING "”\n");
  tx_test_run_clear (&run);
  list = run_json (f, "activity", "list", "--format", "json", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 2);
  g_clear_pointer (&shown, json_node_unref);
  shown = run_json (f, "activity", "show", uuid, "--format", "json", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (shown), "venue"), ==, "市政协三楼会议室");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (shown), "townships")),
                    ==, 1);
  /* not deleted now: nothing to bring back */
  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "restore", uuid, NULL);
  g_assert_cmpint (run.status, ==, 1);
  tx_test_run_clear (&run);

  tx_test_cli (&run, f->db, TODAY, NULL, "check", NULL);
  g_assert_cmpint (run.status, ==, 0);
}

/* An activity as `activity show --format json` prints it, without
 * what differs between two offices by nature (none) */
static char *
shown_json (const char *db,
            const char *activity)
{
  g_auto(TxTestRun) run = { 0, };

  tx_test_cli (&run, db, TODAY, NULL, "activity", "show", activity, "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  return g_steal_pointer (&run.out);
}

/* Activities travel in the exchange file: added, changed and deleted,
 * field for field; a township's own with its file to the city office,
 * where a change made on both sides is a conflict decided as the others
 * are; a file whose activity names a township nowhere is refused whole. */
static void
test_exchange (Fixture       *f,
               gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autofree char *uuid = add_training (f);
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *city = g_build_filename (f->dir, "city.db", NULL);
  g_autofree char *file = g_build_filename (f->dir, "all.xml", NULL);
  g_autofree char *file2 = g_build_filename (f->dir, "changed.xml", NULL);
  g_autofree char *first_name = NULL, *second_name = NULL, *third_name = NULL;
  g_autofree char *first = someone_of (f, "凤山镇", 0, &first_name);
  g_autofree char *second = someone_of (f, "凤山镇", 1, &second_name);
  g_autofree char *third = someone_of (f, "凤山镇", 2, &third_name);
  g_autofree char *ours = NULL, *theirs = NULL;
  g_autofree char *text = NULL;

  tx_test_cli (&run, f->db, EXCHANGE_DAY, NULL, "activity", "attend", TRAINING, first, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, EXCHANGE_DAY, NULL, "activity", "add", "--kind", "observation", "--title", VISIT,
               "--date", "2026-12-15", "--end-date", "2026-12-16", "--township", "凤山镇", "--townships", "仙桥乡",
               "--venue", "老山寨村", "--notes", "乘大巴前往", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, EXCHANGE_DAY, NULL, "activity", "add", "--kind", "exchange", "--title", "取消的座谈",
               "--date", "2026-12-20", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);

  /* everything, to another database: the same activities */
  tx_test_cli (&run, f->db, EXCHANGE_DAY, NULL, "export", file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, other, EXCHANGE_DAY, NULL, "import", file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  ours = shown_json (f->db, uuid);
  theirs = shown_json (other, uuid);
  g_assert_cmpstr (theirs, ==, ours);
  g_clear_pointer (&ours, g_free);
  g_clear_pointer (&theirs, g_free);
  ours = shown_json (f->db, VISIT);
  theirs = shown_json (other, VISIT);
  g_assert_cmpstr (theirs, ==, ours);
  g_assert_nonnull (strstr (theirs, "乘大巴前往"));

  /* changed and deleted here: updated and deleted there */
  tx_test_cli (&run, f->db, EXCHANGE_DAY, NULL, "activity", "attend", TRAINING, second, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, EXCHANGE_DAY, NULL, "activity", "delete", "取消的座谈", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, EXCHANGE_DAY, NULL, "export", file2, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, other, EXCHANGE_DAY, NULL, "import", file2, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "1 updated"));
  g_assert_nonnull (strstr (run.out, "1 deleted"));
  tx_test_run_clear (&run);
  g_clear_pointer (&ours, g_free);
  g_clear_pointer (&theirs, g_free);
  ours = shown_json (f->db, uuid);
  theirs = shown_json (other, uuid);
  g_assert_cmpstr (theirs, ==, ours);
  tx_test_cli (&run, other, EXCHANGE_DAY, NULL, "activity", "show", "取消的座谈", NULL);
  g_assert_cmpint (run.status, ==, 1);
  tx_test_run_clear (&run);

  /* 凤山镇's file to the city office: its activity, and the townships
   * and people it names */
  tx_test_cli (&run, city, EXCHANGE_DAY, NULL, "init", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, city, EXCHANGE_DAY, NULL, "config", "set", "office-kind", "city", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  g_free (file);
  file = g_build_filename (f->dir, "凤山镇.xml.gz", NULL);
  tx_test_cli (&run, f->db, EXCHANGE_DAY, NULL, "export", "--township", "凤山镇", file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, city, EXCHANGE_DAY, NULL, "import", file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  g_clear_pointer (&ours, g_free);
  g_clear_pointer (&theirs, g_free);
  ours = shown_json (f->db, VISIT);
  theirs = shown_json (city, VISIT);
  g_assert_cmpstr (theirs, ==, ours);
  /* the city's own training stays the city's */
  tx_test_cli (&run, city, EXCHANGE_DAY, NULL, "activity", "show", TRAINING, NULL);
  g_assert_cmpint (run.status, ==, 1);
  tx_test_run_clear (&run);

  /* both change the visit: a conflict, both versions kept */
  tx_test_cli (&run, f->db, EXCHANGE_DAY, NULL, "activity", "attend", VISIT, second, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, city, EXCHANGE_DAY, NULL, "activity", "attend", VISIT, third, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  g_free (file2);
  file2 = g_build_filename (f->dir, "凤山镇-更新.xml.gz", NULL);
  tx_test_cli (&run, f->db, EXCHANGE_DAY, NULL, "export", "--township", "凤山镇", "--since-last", file2, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, city, EXCHANGE_DAY, NULL, "import", file2, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "1 conflict"));
  tx_test_run_clear (&run);
  tx_test_cli (&run, city, EXCHANGE_DAY, NULL, "conflicts", "show", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  text = g_strdup_printf ("Participant %s\tObserver, attended\t\t*\n", third_name);
  g_assert_nonnull (strstr (run.out, text));
  g_free (text);
  text = g_strdup_printf ("Participant %s\t\tObserver, attended\t*\n", second_name);
  g_assert_nonnull (strstr (run.out, text));
  g_assert_nonnull (strstr (run.out, "Townships taking part\t仙桥乡\t仙桥乡\t\n"));
  tx_test_run_clear (&run);
  g_clear_pointer (&theirs, g_free);
  theirs = shown_json (city, VISIT);
  g_assert_nonnull (strstr (theirs, third));
  g_assert_null (strstr (theirs, second));
  tx_test_cli (&run, city, EXCHANGE_DAY, NULL, "conflicts", "resolve", "1", "theirs", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  g_clear_pointer (&ours, g_free);
  g_clear_pointer (&theirs, g_free);
  ours = shown_json (f->db, VISIT);
  theirs = shown_json (city, VISIT);
  g_assert_cmpstr (theirs, ==, ours);
}

/* An activity that names a township neither in the file nor here: the
 * whole file is refused, and nothing is written */
static void
test_exchange_refused (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autofree char *uuid = add_training (f);
  g_autofree char *file = g_build_filename (f->dir, "all.xml", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("<taking-part township=\"[^\"]*\"", 0, 0, NULL);
  g_autofree char *damaged = NULL;

  tx_test_cli (&run, f->db, TODAY, NULL, "export", file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  g_assert_true (g_file_get_contents (file, &text, NULL, NULL));
  damaged = g_regex_replace_literal (regex, text, -1, 0,
                                     "<taking-part township=\"01a20000-0000-7000-8000-000000000000\"", 0, NULL);
  g_assert_cmpstr (damaged, !=, text);
  /* a file made so, not damaged on the way: no checksum */
  tx_test_drop_digest (damaged);
  g_assert_true (g_file_set_contents (file, damaged, -1, NULL));

  tx_test_cli (&run, other, TODAY, NULL, "import", file, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "the activity “" TRAINING "” refers to the township 01a20000-0000-7000-8000-000000000000, "
                                     "which is neither in the file nor in the database."));
  tx_test_run_clear (&run);
  tx_test_cli (&run, other, TODAY, NULL, "roster", "list", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (g_strstrip (run.out), ==, "[]");
}


/* The untrained of `roster untrained --format json`, by uuid */
static JsonObject *
find_untrained (JsonArray  *list,
                const char *uuid)
{
  for (guint i = 0; i < json_array_get_length (list); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (list, i), "uuid"), uuid) == 0)
      return json_array_get_object_element (list, i);

  return NULL;
}

/* How many reasons of @rule the township @name has in `ledger --format json` */
static guint
count_ledger_reasons (Fixture    *f,
                      const char *name,
                      const char *rule,
                      gint64     *people)
{
  g_autoptr(JsonNode) ledger = run_json (f, "ledger", "--year", "2026", "--quarter", "4", "--format", "json", NULL);
  JsonArray *townships = json_node_get_array (ledger);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (townships); i++)
    {
      JsonObject *township = json_array_get_object_element (townships, i);
      JsonArray *reasons = json_object_get_array_member (township, "reasons");

      if (g_strcmp0 (json_object_get_string_member (township, "name"), name) != 0)
        continue;
      for (guint r = 0; r < json_array_get_length (reasons); r++)
        {
          JsonObject *reason = json_array_get_object_element (reasons, r);

          if (g_strcmp0 (json_object_get_string_member (reason, "rule"), rule) != 0)
            continue;
          g_assert_cmpstr (json_object_get_string_member (reason, "color"), ==, "yellow");
          if (people != NULL)
            *people = json_object_get_int_member (reason, "people");
          n++;
        }
    }

  return n;
}

/* Who has held a liaison group post for more than the days set without
 * a training since: the day of the post from the roster's CSV (任职时间),
 * carried by the exchange; the list, a training that takes someone off
 * it, and the ledger's reason when the city turns the rule on */
static void
test_untrained (Fixture       *f,
                gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autofree char *csv = g_build_filename (f->dir, "新任.csv", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "错日期.csv", NULL);
  g_autofree char *xml = g_build_filename (f->dir, "exchange.xml", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) longer = NULL;
  g_autofree char *first_uuid = NULL;
  g_autofree char *first_township = NULL;
  g_autofree char *contents = NULL;
  JsonArray *list;
  JsonObject *first;
  guint n_before, n_longer = 0, n_unknown = 0, n_in_township = 0;
  gint64 people = 0;

  /* a leader new this autumn, one of last year, one with no day given,
   * all of 金山街道 */
  g_assert_true (g_file_set_contents (csv,
                                      "姓名,乡镇(街道),身份类别,联系电话,任职时间\n"
                                      "郑新来,金山街道,联络员,13900001001,2026-10-01\n"
                                      "郑老组长,金山街道,联络组组长,13900001002,2025/1/15\n"
                                      "郑无日,金山街道,联络员,13900001003,\n"
                                      "郑群众,金山街道,群众代表,13900001004,2020-01-01\n",
                                      -1, NULL));
  tx_test_cli (&run, f->db, TODAY, NULL, "roster", "import", csv, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);

  /* a day that is none: refused, naming the column, nothing added */
  g_assert_true (g_file_set_contents (bad, "姓名,乡镇(街道),身份类别,任职时间\n郑错,金山街道,联络员,2026-13-45\n",
                                      -1, NULL));
  tx_test_cli (&run, f->db, TODAY, NULL, "roster", "import", bad, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "任职时间"));
  g_assert_nonnull (strstr (run.err, "“2026-13-45” is not a date"));
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "roster", "list", "--search", "郑错", NULL);
  g_assert_null (strstr (run.out, "郑错"));
  tx_test_run_clear (&run);

  before = run_json (f, "roster", "untrained", "--format", "json", NULL);
  list = json_node_get_array (before);
  n_before = json_array_get_length (list);
  g_assert_cmpuint (n_before, >, 3);
  for (guint i = 0; i < n_before; i++)
    {
      JsonObject *untrained = json_array_get_object_element (list, i);
      const char *post = json_object_get_string_member (untrained, "post");

      g_assert_true (g_str_equal (post, "liaison_leader") || g_str_equal (post, "liaison_officer"));
      g_assert_true (json_object_get_null_member (untrained, "last_training"));
      if (!json_object_get_null_member (untrained, "days_in_post"))
        {
          gint64 days = json_object_get_int_member (untrained, "days_in_post");
          TxDate since = tx_date_from_iso (json_object_get_string_member (untrained, "post_since"));

          g_assert_cmpint (days, >, 90);
          g_assert_cmpint (days, ==, tx_date_days_between (since, tx_date_from_iso (TODAY)));
          n_longer += days > 1000;
        }
      else
        n_unknown++;
    }

  /* new this autumn: not yet; in post since January 2025: 681 days */
  {
    g_autoptr(JsonNode) roster = run_json (f, "roster", "list", "--township", "金山街道", "--format", "json", NULL);
    JsonArray *people_here = json_node_get_array (roster);

    for (guint i = 0; i < json_array_get_length (people_here); i++)
      {
        JsonObject *person = json_array_get_object_element (people_here, i);
        const char *name = json_object_get_string_member (person, "name");
        JsonObject *untrained = find_untrained (list, json_object_get_string_member (person, "uuid"));

        if (g_str_equal (name, "郑老组长"))
          {
            g_assert_cmpstr (json_object_get_string_member (person, "post_since"), ==, "2025-01-15");
            g_assert_nonnull (untrained);
            g_assert_cmpint (json_object_get_int_member (untrained, "days_in_post"), ==, 681);
            g_assert_cmpstr (json_object_get_string_member (untrained, "reason"), ==,
                             "Liaison group leader for 681 days (more than 90), never trained");
          }
        else if (g_str_equal (name, "郑无日"))
          {
            g_assert_true (json_object_get_null_member (person, "post_since"));
            g_assert_nonnull (untrained);
            g_assert_true (json_object_get_null_member (untrained, "days_in_post"));
          }
        else if (g_str_equal (name, "郑新来") || g_str_equal (name, "郑群众"))
          g_assert_null (untrained);
        n_in_township += untrained != NULL;
      }
  }

  /* the days are a setting, and an option */
  longer = run_json (f, "roster", "untrained", "--days", "1000", "--format", "json", NULL);
  g_assert_cmpuint (n_unknown, ==, 1);   /* 郑无日: the sample's all have a day */
  g_assert_cmpuint (json_array_get_length (json_node_get_array (longer)), ==, n_longer + n_unknown);

  /* the first of the list trained, on a day after taking up the post:
   * off the list */
  first = json_array_get_object_element (list, 0);
  first_uuid = g_strdup (json_object_get_string_member (first, "uuid"));
  first_township = g_strdup (json_object_get_string_member (first, "township"));
  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "add", "--kind", "training", "--title", "联络员业务培训",
               "--date", "2026-11-20", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "attend", "联络员业务培训", first_uuid, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  after = run_json (f, "roster", "untrained", "--format", "json", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (after)), ==, n_before - 1);
  g_assert_null (find_untrained (json_node_get_array (after), first_uuid));

  /* the ledger: no such reason until the city turns the rule on */
  g_assert_cmpuint (count_ledger_reasons (f, "金山街道", "untrained", NULL), ==, 0);
  tx_test_cli (&run, f->db, TODAY, NULL, "config", "set", "untrained-rule", "true", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  g_assert_cmpuint (count_ledger_reasons (f, "金山街道", "untrained", NULL), ==, 0);   /* a township's office */
  tx_test_cli (&run, f->db, TODAY, NULL, "config", "set", "office-kind", "city", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  g_assert_cmpuint (count_ledger_reasons (f, "金山街道", "untrained", &people), ==, 1);
  g_assert_cmpint (people, ==, n_in_township - (g_strcmp0 (first_township, "金山街道") == 0));

  /* the day of the post travels with the person */
  tx_test_cli (&run, f->db, TODAY, NULL, "export", xml, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  g_assert_true (g_file_get_contents (xml, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<post-since>2025-01-15</post-since>"));
  tx_test_cli (&run, other, EXCHANGE_DAY, NULL, "import", xml, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, other, TODAY, NULL, "roster", "list", "--search", "郑老组长", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"post_since\" : \"2025-01-15\""));
}


/* The office's own kinds of activity: a kind not in its settings is
 * refused, saying how to add it; the setting keeps each name once and
 * leaves Tongxin's three out; an activity of such a kind is listed,
 * carried by the exchange file to an office that has no such kind, and
 * comes back from its database as it went */
static void
test_own_kinds (Fixture       *f,
                gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autofree char *xml = g_build_filename (f->dir, "kinds.xml", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) shown = NULL;

  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "add", "--kind", "书面交流", "--title", "建言办理书面交流",
               "--date", "2026-12-01", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Unknown kind of activity “书面交流”"));
  g_assert_nonnull (strstr (run.err, "config set activity-kinds"));
  tx_test_run_clear (&run);

  tx_test_cli (&run, f->db, TODAY, NULL, "config", "set", "activity-kinds", " 书面交流，专题视察、业务培训、书面交流 ", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "config", "get", "activity-kinds", NULL);
  g_assert_cmpstr (run.out, ==, "书面交流、专题视察\n");
  tx_test_run_clear (&run);
  /* a name no kind can have */
  tx_test_cli (&run, f->db, TODAY, NULL, "config", "set", "activity-kinds", "书面交流、一个名字长得超过二十个字的活动类型真的没有必要", NULL);
  g_assert_cmpint (run.status, !=, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "config", "get", "activity-kinds", NULL);
  g_assert_cmpstr (run.out, ==, "书面交流、专题视察\n");
  tx_test_run_clear (&run);

  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "add", "--kind", "书面交流", "--title", "建言办理书面交流",
               "--date", "2026-12-01", "--township", "凤山镇", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  list = run_json (f, "activity", "list", "--format", "json", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (list), 0), "kind"),
                   ==, "书面交流");
  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "show", "建言办理书面交流", NULL);
  g_assert_nonnull (strstr (run.out, "Kind: 书面交流\n"));
  tx_test_run_clear (&run);

  tx_test_cli (&run, f->db, TODAY, NULL, "export", xml, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, other, EXCHANGE_DAY, NULL, "import", xml, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  {
    g_autofree char *here = shown_json (f->db, "建言办理书面交流");
    g_autofree char *there = shown_json (other, "建言办理书面交流");

    g_assert_cmpstr (here, ==, there);
    g_assert_nonnull (strstr (there, "\"kind\" : \"书面交流\""));
  }
  tx_test_cli (&run, other, TODAY, NULL, "check", NULL);
  g_assert_cmpint (run.status, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/activities/add-and-list", Fixture, NULL, fixture_set_up, test_add_and_list, fixture_tear_down);
  g_test_add ("/activities/attend", Fixture, NULL, fixture_set_up, test_attend, fixture_tear_down);
  g_test_add ("/activities/signin-sheet", Fixture, NULL, fixture_set_up, test_signin_sheet, fixture_tear_down);
  g_test_add ("/activities/calendar", Fixture, NULL, fixture_set_up, test_calendar, fixture_tear_down);
  g_test_add ("/activities/refusals", Fixture, NULL, fixture_set_up, test_refusals, fixture_tear_down);
  g_test_add ("/activities/delete-and-merge", Fixture, NULL, fixture_set_up, test_delete_and_merge, fixture_tear_down);
  g_test_add ("/activities/exchange", Fixture, NULL, fixture_set_up, test_exchange, fixture_tear_down);
  g_test_add ("/activities/own-kinds", Fixture, NULL, fixture_set_up, test_own_kinds, fixture_tear_down);
  g_test_add ("/activities/untrained", Fixture, NULL, fixture_set_up, test_untrained, fixture_tear_down);
  g_test_add ("/activities/exchange-refused", Fixture, NULL, fixture_set_up, test_exchange_refused, fixture_tear_down);

  return g_test_run ();
}
