/* test-signin-sheet.c — the sign-in sheet, read back from its PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/resource.h>

#include "tx-exchange.h"
#include "tx-file.h"
#include "tx-records.h"
#include "tx-roster.h"
#include "tx-signin-document.h"
#include "tx-store.h"

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

  f->dir = g_dir_make_tmp ("tongxin-signin-XXXXXX", NULL);
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
squeeze (const char *text)
{
  GString *squeezed = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (*p != ' ' && *p != '\n' && *p != '\f')
      g_string_append_c (squeezed, *p);

  return g_string_free (squeezed, FALSE);
}

static char *
pdf_text (const char *pdf,
          guint       page)
{
  g_autofree char *cmd = page ? g_strdup_printf ("pdftotext -raw -f %u -l %u '%s' -", page, page, pdf)
                              : g_strdup_printf ("pdftotext -raw '%s' -", pdf);
  g_autofree char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);

  return squeeze (out);
}

static GPtrArray *
people_of (Fixture        *f,
           TxConsultation *consultation)
{
  GPtrArray *participants = tx_consultation_get_participants (consultation);
  GPtrArray *people = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);
      g_ptr_array_add (people, tx_roster_find_person (f->store, participant->person_uuid, NULL));
    }

  return people;
}

static void
test_sample_meeting (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TxDate today = tx_date_new (2026, 11, 27);
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(TxTableDocument) doc = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "signin.pdf", NULL);
  g_autofree char *all = NULL;
  GPtrArray *participants;

  g_assert_true (tx_exchange_load_demo (f->store, today, NULL, &error));
  consultation = tx_store_load_consultation (f->store, "双谷村新型农村综合体建设协商", &error);
  g_assert_no_error (error);
  people = people_of (f, consultation);

  doc = tx_signin_document_new (consultation, people, FALSE, 5, FALSE);
  g_assert_true (tx_table_document_write_pdf (doc, pdf, &error));
  g_assert_no_error (error);

  all = pdf_text (pdf, 0);
  g_assert_nonnull (strstr (all, "双谷村新型农村综合体建设协商签到表"));
  g_assert_nonnull (strstr (all, "时间：2026年6月25日14:30"));
  g_assert_nonnull (strstr (all, "地点：双谷村委会议室"));
  g_assert_nonnull (strstr (all, "序号姓名身份类别单位及职务联系电话签名"));
  g_assert_nonnull (strstr (all, "联络组组长"));
  g_assert_nonnull (strstr (all, "临时参加人员"));

  participants = tx_consultation_get_participants (consultation);
  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);
      g_assert_nonnull (strstr (all, participant->name));
    }

  /* the host of the sample meeting */
  g_assert_nonnull (strstr (all, "主持人："));
}

/* A meeting of 200: several pages, each with the header row again. */
static void
test_two_hundred (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autofree char *xml_path = g_build_filename (f->dir, "big.xml", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "big.pdf", NULL);
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(TxTableDocument) doc = NULL;
  g_autofree char *all = NULL;
  const char *township = "11111111-2222-4333-8444-555555555555";
  const char *surnames = "丁王石刘李罗赵龚潘";
  guint n_pages;

  g_string_append_printf (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<tongxin xmlns=\"urn:tongxin:exchange:1\" exported=\"2026-11-27T10:00:00+08:00\">\n"
                               "<township uuid=\"%s\" name=\"凤山镇\" kind=\"town\" updated=\"2026-01-01T00:00:00+08:00\"/>\n",
                          township);
  for (guint i = 0; i < 200; i++)
    {
      const char *s = g_utf8_offset_to_pointer (surnames, i % 9);

      g_string_append_printf (xml, "<person uuid=\"00000000-0000-4000-8000-%012u\" township=\"%s\" "
                                   "updated=\"2026-01-01T00:00:00+08:00\"><name>%.*s参会%u</name>"
                                   "<category>%s</category><organization>双谷村</organization>"
                                   "<phone>138%08u</phone></person>\n",
                              i, township, (int) (g_utf8_next_char (s) - s), s, i,
                              i % 3 == 0 ? "stakeholder" : i % 3 == 1 ? "resident" : "cppcc_member", i);
    }
  g_string_append (xml, "<consultation uuid=\"99999999-0000-4000-8000-000000000001\" township=\"11111111-2222-4333-8444-555555555555\" "
                        "updated=\"2026-01-01T00:00:00+08:00\"><title>群众大会协商</title><topic-source>residents</topic-source>"
                        "<orientation>livelihood</orientation><platform>physical</platform><venue>双谷村广场</venue>"
                        "<starts>2026-12-08T09:00:00+08:00</starts>"
                        "<stage name=\"selection\"/><stage name=\"research\"/><stage name=\"meeting\"/>"
                        "<stage name=\"submission\"/><stage name=\"feedback\"/><stage name=\"supervision\"/>\n");
  for (guint i = 0; i < 200; i++)
    g_string_append_printf (xml, "<participant person=\"00000000-0000-4000-8000-%012u\" role=\"%s\"/>\n",
                            i, i == 0 ? "host" : "stakeholder");
  g_string_append (xml, "</consultation>\n</tongxin>\n");

  g_assert_true (g_file_set_contents (xml_path, xml->str, -1, NULL));
  g_assert_true (tx_exchange_import_file (f->store, xml_path, NULL, NULL, &error));
  g_assert_no_error (error);

  consultation = tx_store_load_consultation (f->store, "群众大会协商", &error);
  g_assert_no_error (error);
  people = people_of (f, consultation);

  doc = tx_signin_document_new (consultation, people, TRUE, 5, FALSE);
  g_assert_true (tx_table_document_write_pdf (doc, pdf, &error));
  n_pages = tx_table_document_get_n_pages (doc);
  g_assert_cmpuint (n_pages, >=, 10);

  all = pdf_text (pdf, 0);
  g_assert_nonnull (strstr (all, "（按姓氏笔画为序）"));
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("参会%u", i);
      g_autofree char *masked = g_strdup_printf ("138****%04u", i);

      g_assert_nonnull (strstr (all, name));
      g_assert_nonnull (strstr (all, masked));
    }
  /* stroke order: all the 丁 (2 strokes) before the first 王 (4) */
  g_assert_true (strstr (all, "丁参会198") < strstr (all, "王参会1"));
  /* 200 invited, and 5 blank rows numbered on */
  g_assert_nonnull (strstr (all, "应到200人"));
  g_assert_nonnull (strstr (all, "205"));

  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *text = pdf_text (pdf, page);
      g_autofree char *footer = g_strdup_printf ("第%u页共%u页", page, n_pages);

      g_assert_nonnull (strstr (text, "序号姓名身份类别单位及职务联系电话签名"));
      g_assert_nonnull (strstr (text, footer));
    }
}

/* The text as it reads on the paper, left to right: pdftotext in its
 * default mode orders it by where it is drawn, not by the order in the
 * file, so a line turned around by a bidi override reads backwards. */
static char *
pdf_text_as_drawn (const char *pdf)
{
  g_autofree char *cmd = g_strdup_printf ("pdftotext '%s' -", pdf);
  g_autofree char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);

  return squeeze (out);
}

static guint
pdf_pages (const char *pdf)
{
  g_autofree char *cmd = g_strdup_printf ("pdfinfo '%s'", pdf);
  g_autofree char *out = NULL;
  const char *pages;

  g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, NULL, NULL));
  pages = strstr (out, "Pages:");
  g_assert_nonnull (pages);

  return (guint) g_ascii_strtoull (pages + strlen ("Pages:") + strspn (pages + strlen ("Pages:"), " "), NULL, 10);
}

/* Every word pdftotext finds lies in the text block of its page, or in
 * the footer just under it: nothing runs off the paper or into the
 * margins, whatever the records hold. */
static void
assert_words_inside (const char *pdf)
{
  g_autofree char *cmd = g_strdup_printf ("pdftotext -bbox '%s' -", pdf);
  g_autofree char *out = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  guint n_words = 0;

  g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, NULL, NULL));
  regex = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)<",
                       0, 0, NULL);
  g_regex_match (regex, out, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      double box[4];
      g_autofree char *word = g_match_info_fetch (match, 5);

      for (guint i = 0; i < 4; i++)
        {
          g_autofree char *number = g_match_info_fetch (match, i + 1);
          box[i] = g_ascii_strtod (number, NULL);
        }

      if (box[0] < TX_MARGIN_LEFT - 1 || box[2] > TX_A4_WIDTH - TX_MARGIN_RIGHT + 1 ||
          box[1] < TX_MARGIN_TOP - 1 || box[3] > TX_A4_HEIGHT - 15 * TX_MM)
        g_error ("“%s” is drawn at %.1f,%.1f–%.1f,%.1f, outside the text block", word, box[0], box[1], box[2], box[3]);
      n_words++;
    }
  g_assert_cmpuint (n_words, >, 10);
}

/* A person of @people with another unit, as the roster could hold it. */
static void
set_organization (GPtrArray  *people,
                  const char *uuid,
                  const char *organization)
{
  for (guint i = 0; i < people->len; i++)
    {
      TxPerson *person = g_ptr_array_index (people, i);

      if (g_strcmp0 (tx_person_get_uuid (person), uuid) != 0)
        continue;
      g_ptr_array_index (people, i) =
        tx_person_new_with_fields (tx_person_get_uuid (person), tx_person_get_name (person),
                                   tx_person_get_gender (person), tx_person_get_ethnicity (person),
                                   tx_person_get_township_uuid (person), tx_person_get_village (person),
                                   organization, tx_person_get_title (person),
                                   tx_person_get_phone (person), tx_person_get_notes (person));
      g_object_unref (person);
    }
}

static TxParticipant *
find_participant (GPtrArray  *participants,
                  const char *name)
{
  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);

      if (g_strcmp0 (participant->name, name) == 0)
        return participant;
    }

  g_assert_not_reached ();
}

static void
set_participant_name (TxParticipant *participant,
                      const char    *name)
{
  g_free (participant->name);
  participant->name = g_strdup (name);
}

/* Text far too long for its place: a title of 700 characters, a venue
 * of 600, a name of 900 and a unit of 2,700.  Each is cut with "…" in
 * its place, and the sheet keeps its title, its rows and its pages. */
static void
test_long_text (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(TxTableDocument) plain = NULL;
  g_autoptr(TxTableDocument) doc = NULL;
  g_autoptr(GString) title = g_string_new ("双谷村");
  g_autoptr(GString) venue = g_string_new (NULL);
  g_autoptr(GString) name = g_string_new ("李");
  g_autoptr(GString) unit = g_string_new (NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "long.pdf", NULL);
  g_autofree char *all = NULL;
  GPtrArray *participants;
  TxParticipant *long_named, *long_unit;
  guint n_pages;

  g_assert_true (tx_exchange_load_demo (f->store, tx_date_new (2026, 11, 27), NULL, &error));
  consultation = tx_store_load_consultation (f->store, "双谷村新型农村综合体建设协商", &error);
  g_assert_no_error (error);
  people = people_of (f, consultation);
  participants = tx_consultation_get_participants (consultation);
  g_assert_cmpuint (participants->len, >=, 4);

  /* the sheet as it is, for its number of pages */
  plain = tx_signin_document_new (consultation, people, FALSE, 5, FALSE);
  tx_table_document_paginate (plain, TX_A4_WIDTH, TX_A4_HEIGHT);

  for (guint i = 0; i < 100; i++)
    g_string_append (title, "很长的协商名称");
  g_string_append (title, "协商");
  for (guint i = 0; i < 200; i++)
    g_string_append (venue, "会议室");
  for (guint i = 0; i < 300; i++)
    g_string_append (name, "长名字");
  for (guint i = 0; i < 300; i++)
    g_string_append (unit, "凤山镇农业服务中心");

  tx_consultation_set_title (consultation, title->str);
  tx_consultation_set_place (consultation, tx_consultation_get_platform (consultation), venue->str);
  long_named = g_ptr_array_index (participants, 1);
  long_unit = g_ptr_array_index (participants, 2);
  set_participant_name (long_named, name->str);
  set_organization (people, long_unit->person_uuid, unit->str);

  doc = tx_signin_document_new (consultation, people, FALSE, 5, FALSE);
  g_assert_true (tx_table_document_write_pdf (doc, pdf, &error));
  g_assert_no_error (error);

  /* one page more at most for each row that grew */
  n_pages = tx_table_document_get_n_pages (doc);
  g_assert_cmpuint (n_pages, ==, pdf_pages (pdf));
  g_assert_cmpuint (n_pages, <=, tx_table_document_get_n_pages (plain) + 2);

  all = pdf_text (pdf, 0);
  /* the title keeps its beginning and its end */
  g_assert_nonnull (strstr (all, "双谷村很长的协商名称很长的协商名称"));
  g_assert_nonnull (strstr (all, "协商签到表"));
  g_assert_nonnull (strstr (all, "地点：会议室会议室"));
  g_assert_nonnull (strstr (all, "李长名字长名字长名字"));
  g_assert_nonnull (strstr (all, "凤山镇农业服务中心凤山镇农业服务中心"));
  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);

      if (participant != long_named)
        g_assert_nonnull (strstr (all, participant->name));
    }
  g_assert_nonnull (strstr (all, "临时参加人员"));

  assert_words_inside (pdf);
}

/* An override (U+202E) in the title, isolates and control characters in
 * names, as an old database may hold them: the sheet prints the title
 * in its order and the names without them. */
static void
test_bad_characters (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(TxTableDocument) doc = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "bidi.pdf", NULL);
  g_autofree char *all = NULL;
  g_autofree char *drawn = NULL;
  GPtrArray *participants;

  g_assert_true (tx_exchange_load_demo (f->store, tx_date_new (2026, 11, 27), NULL, &error));
  consultation = tx_store_load_consultation (f->store, "双谷村新型农村综合体建设协商", &error);
  g_assert_no_error (error);
  people = people_of (f, consultation);
  participants = tx_consultation_get_participants (consultation);

  tx_consultation_set_title (consultation, "\u202E双谷村新型农村综合体建设协商");
  set_participant_name (find_participant (participants, "石启明"), "石\x01启\x0b明\u202E");
  set_participant_name (find_participant (participants, "潘宏"), "\u2067潘宏\u2069\uFFFE");

  doc = tx_signin_document_new (consultation, people, FALSE, 5, FALSE);
  g_assert_true (tx_table_document_write_pdf (doc, pdf, &error));
  g_assert_no_error (error);

  all = pdf_text (pdf, 0);
  drawn = pdf_text_as_drawn (pdf);
  g_assert_nonnull (strstr (drawn, "双谷村新型农村综合体建设协商签到表"));
  g_assert_nonnull (strstr (all, "1石启明"));
  g_assert_nonnull (strstr (all, "潘宏"));
  g_assert_null (strstr (all, "\u202E"));
  g_assert_null (strstr (all, "\u2067"));
  for (const char *p = all; *p; p++)
    g_assert_false ((guchar) *p < 0x20 && *p != '\t');

  assert_words_inside (pdf);
}

/* Past the file size limit (a full disk): a message, the earlier sheet
 * as it was, and nothing else in the folder. */
static void
test_full_disk (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "签到表.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TxConsultation) consultation = NULL;
      g_autoptr(GPtrArray) people = NULL;
      g_autoptr(TxTableDocument) doc = NULL;
      struct rlimit limit;

      g_assert_true (tx_exchange_load_demo (f->store, tx_date_new (2026, 11, 27), NULL, &error));
      consultation = tx_store_load_consultation (f->store, "双谷村新型农村综合体建设协商", &error);
      g_assert_no_error (error);
      people = people_of (f, consultation);
      doc = tx_signin_document_new (consultation, people, FALSE, 5, FALSE);

      signal (SIGXFSZ, SIG_IGN);
      getrlimit (RLIMIT_FSIZE, &limit);
      limit.rlim_cur = 16 * 1024;
      setrlimit (RLIMIT_FSIZE, &limit);

      g_assert_false (tx_table_document_write_pdf (doc, g_getenv ("TX_TEST_PATH"), &error));
      g_assert_error (error, TX_FILE_ERROR, TX_FILE_ERROR_TOO_LARGE);
      return;
    }

  g_assert_true (g_file_set_contents (pdf, "earlier", -1, NULL));
  g_setenv ("TX_TEST_PATH", pdf, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "earlier");
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_true (g_str_equal (name, "签到表.pdf") || g_str_has_prefix (name, "tongxin.db"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/signin-sheet/sample-meeting", Fixture, NULL, fixture_set_up, test_sample_meeting, fixture_tear_down);
  g_test_add ("/signin-sheet/two-hundred", Fixture, NULL, fixture_set_up, test_two_hundred, fixture_tear_down);
  g_test_add ("/signin-sheet/long-text", Fixture, NULL, fixture_set_up, test_long_text, fixture_tear_down);
  g_test_add ("/signin-sheet/bad-characters", Fixture, NULL, fixture_set_up, test_bad_characters, fixture_tear_down);
  g_test_add ("/signin-sheet/full-disk", Fixture, NULL, fixture_set_up, test_full_disk, fixture_tear_down);

  return g_test_run ();
}
