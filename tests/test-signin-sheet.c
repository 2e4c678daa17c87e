/* test-signin-sheet.c — the sign-in sheet, read back from its PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "tx-doc-format.h"
#include "tx-exchange.h"
#include "tx-file.h"
#include "tx-records.h"
#include "tx-roster.h"
#include "tx-signin-document.h"
#include "tx-test-pdf.h"
#include "tx-store.h"

/* the sheet with its optional columns, as the older tests read it */
#define ALL_COLUMNS (TX_SIGNIN_COLUMN_CATEGORIES | TX_SIGNIN_COLUMN_PHONE)

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

  doc = tx_signin_document_new (TX_MEETING (consultation), people, FALSE, 5, FALSE, ALL_COLUMNS);
  g_assert_true (tx_table_document_write_pdf (doc, pdf, &error));
  g_assert_no_error (error);

  all = tx_test_pdf_raw_text (pdf, 0);
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

  doc = tx_signin_document_new (TX_MEETING (consultation), people, TRUE, 5, FALSE, ALL_COLUMNS);
  g_assert_true (tx_table_document_write_pdf (doc, pdf, &error));
  n_pages = tx_table_document_get_n_pages (doc);
  g_assert_cmpuint (n_pages, >=, 10);

  all = tx_test_pdf_raw_text (pdf, 0);
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
      g_autofree char *text = tx_test_pdf_raw_text (pdf, page);
      g_autofree char *footer = g_strdup_printf ("第%u页共%u页", page, n_pages);

      g_assert_nonnull (strstr (text, "序号姓名身份类别单位及职务联系电话签名"));
      g_assert_nonnull (strstr (text, footer));
    }
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
  plain = tx_signin_document_new (TX_MEETING (consultation), people, FALSE, 5, FALSE, ALL_COLUMNS);
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

  doc = tx_signin_document_new (TX_MEETING (consultation), people, FALSE, 5, FALSE, ALL_COLUMNS);
  g_assert_true (tx_table_document_write_pdf (doc, pdf, &error));
  g_assert_no_error (error);

  /* one page more at most for each row that grew */
  n_pages = tx_table_document_get_n_pages (doc);
  g_assert_cmpuint (n_pages, ==, tx_test_pdf_pages (pdf));
  g_assert_cmpuint (n_pages, <=, tx_table_document_get_n_pages (plain) + 2);

  all = tx_test_pdf_raw_text (pdf, 0);
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

  tx_test_assert_words_inside (pdf, TX_MARGIN_LEFT, TX_MARGIN_TOP,
                               TX_A4_WIDTH - TX_MARGIN_RIGHT, TX_A4_HEIGHT - 15 * TX_MM);
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

  doc = tx_signin_document_new (TX_MEETING (consultation), people, FALSE, 5, FALSE, ALL_COLUMNS);
  g_assert_true (tx_table_document_write_pdf (doc, pdf, &error));
  g_assert_no_error (error);

  all = tx_test_pdf_raw_text (pdf, 0);
  /* the title as it reads on the paper, left to right: a line turned
   * around by the bidi override would read backwards */
  drawn = tx_test_pdf_text (pdf, FALSE);
  g_assert_nonnull (strstr (drawn, "双谷村新型农村综合体建设协商签到表"));
  g_assert_nonnull (strstr (all, "1石启明"));
  g_assert_nonnull (strstr (all, "潘宏"));
  g_assert_null (strstr (all, "\u202E"));
  g_assert_null (strstr (all, "\u2067"));
  for (const char *p = all; *p; p++)
    g_assert_false ((guchar) *p < 0x20 && *p != '\t');

  tx_test_assert_words_inside (pdf, TX_MARGIN_LEFT, TX_MARGIN_TOP,
                               TX_A4_WIDTH - TX_MARGIN_RIGHT, TX_A4_HEIGHT - 15 * TX_MM);
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
      doc = tx_signin_document_new (TX_MEETING (consultation), people, FALSE, 5, FALSE, ALL_COLUMNS);

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

/* pdftotext -raw of @pdf as it is, lines kept: a word broken over two
 * lines of its cell is not found whole. */
static char *
pdf_lines (const char *pdf)
{
  g_autofree char *cmd = g_strdup_printf ("pdftotext -raw '%s' -", pdf);
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);

  return out;
}

/* The centre of the first word @word in @pdf's first page, in points,
 * from pdftotext -bbox. */
static double
word_centre (const char *pdf,
             const char *word)
{
  g_autofree char *cmd = g_strdup_printf ("pdftotext -f 1 -l 1 -bbox '%s' -", pdf);
  g_autofree char *out = NULL;
  g_autofree char *pattern = g_strdup_printf ("<word xMin=\"([0-9.]+)\" yMin=\"[0-9.]+\" xMax=\"([0-9.]+)\" yMax=\"[0-9.]+\">%s<",
                                              word);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;

  g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, NULL, NULL));
  g_assert_true (g_regex_match (regex, out, 0, &match));
  min = g_match_info_fetch (match, 1);
  max = g_match_info_fetch (match, 2);

  return (g_ascii_strtod (min, NULL) + g_ascii_strtod (max, NULL)) / 2;
}

/* Each word of @text (split where a cell may wrap: at spaces and after
 * 、) is found whole on one line of @lines. */
static void
assert_words_whole (const char *lines,
                    const char *text)
{
  g_auto(GStrv) words = g_regex_split_simple ("[ 、]+", text, 0, 0);

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && strstr (lines, words[i]) == NULL)
      g_error ("“%s” (of “%s”) is broken over two lines", words[i], text);
}

/* A sheet to sign, as printed by default: 序号, 姓名, 单位及职务 and a
 * column of 35 to 40 mm to sign in; no category, no phone number.  No
 * name, unit or title of the sample is broken inside a word.  With the
 * phone numbers, no name or number is, nor a unit that fits on a line
 * of its column. */
static void
test_columns (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "columns.pdf", NULL);
  const char *titles[] = {
    "双谷村新型农村综合体建设协商", "老山寨产业扶贫协商", "古城文化旅游景区暨棚户区改造征收政策协商",
    "黄丝江边和凤山古镇提质协商", "工业园区企业与周边村寨和谐共建协商",
  };

  g_assert_true (tx_exchange_load_demo (f->store, tx_date_new (2026, 11, 27), NULL, &error));

  for (guint t = 0; t < G_N_ELEMENTS (titles); t++)
    for (guint shown = TX_SIGNIN_COLUMNS_NONE; shown <= TX_SIGNIN_COLUMN_PHONE; shown += TX_SIGNIN_COLUMN_PHONE)
      {
        g_autoptr(TxTableDocument) doc = NULL;
        g_autofree char *all = NULL;
        g_autofree char *lines = NULL;
        double signature;

        g_clear_object (&consultation);
        g_clear_pointer (&people, g_ptr_array_unref);
        consultation = tx_store_load_consultation (f->store, titles[t], &error);
        g_assert_no_error (error);
        people = people_of (f, consultation);

        doc = tx_signin_document_new (TX_MEETING (consultation), people, FALSE, 5, FALSE, shown);
        g_assert_true (tx_table_document_write_pdf (doc, pdf, &error));
        g_assert_no_error (error);

        all = tx_test_pdf_raw_text (pdf, 0);
        lines = pdf_lines (pdf);
        if (shown == TX_SIGNIN_COLUMNS_NONE)
          {
            g_assert_nonnull (strstr (all, "序号姓名单位及职务签名"));
            g_assert_null (strstr (all, "联系电话"));
            g_assert_null (strstr (all, "****"));
          }
        else
          {
            g_assert_nonnull (strstr (all, "序号姓名单位及职务联系电话签名"));
            g_assert_nonnull (strstr (all, "****"));
          }
        g_assert_null (strstr (all, "身份类别"));

        /* 签名 is centred in the last column, which ends at the right
         * margin: the column is twice as wide as from its centre */
        signature = 2 * (TX_A4_WIDTH - TX_MARGIN_RIGHT - word_centre (pdf, "签名")) / TX_MM;
        g_assert_cmpfloat (signature, >=, 35.0 - 0.5);
        g_assert_cmpfloat (signature, <=, 40.0 + 0.5);

        for (guint i = 0; i < people->len; i++)
          {
            TxPerson *person = g_ptr_array_index (people, i);

            if (person == NULL)
              continue;
            assert_words_whole (lines, tx_person_get_name (person));
            assert_words_whole (lines, tx_person_get_title (person));
            /* a unit narrower than its column: 12 pt a character, 4 pt
             * of padding each side */
            if (shown == TX_SIGNIN_COLUMNS_NONE ||
                g_utf8_strlen (tx_person_get_organization (person), -1) * 12.0 + 8 <=
                tx_table_document_get_column_width (doc, 2))
              assert_words_whole (lines, tx_person_get_organization (person));
            if (shown & TX_SIGNIN_COLUMN_PHONE)
              {
                g_autofree char *masked = tx_doc_mask_phone (tx_person_get_phone (person));
                assert_words_whole (lines, masked);
              }
          }
      }
}

/* A landline keeps its hyphen and never wraps at it, in a sheet with
 * full phone numbers as in a cell that wraps between its words; what
 * pdftotext reads is the number as typed, with an ASCII hyphen. */
/* A title typed with English punctuation is printed the Chinese way,
 * and broken between words, not inside the quoted name. */
static void
test_title_punctuation (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(TxTableDocument) doc = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "title.pdf", NULL);
  g_autofree char *lines = NULL;

  g_assert_true (tx_exchange_load_demo (f->store, tx_date_new (2026, 11, 27), NULL, &error));
  consultation = tx_store_load_consultation (f->store, "规范城乡酒席办理(治理\"整酒风\")协商", &error);
  g_assert_no_error (error);
  tx_consultation_set_title (consultation, "规范城乡酒席办理(治理\"整酒风\"): 第2次协商");
  people = people_of (f, consultation);
  doc = tx_signin_document_new (TX_MEETING (consultation), people, FALSE, 0, TRUE, ALL_COLUMNS);
  g_assert_true (tx_table_document_write_pdf (doc, pdf, &error));
  g_assert_no_error (error);
  lines = pdf_lines (pdf);
  g_test_message ("%s", lines);
  g_assert_nonnull (strstr (lines, "规范城乡酒席办理（治理\n“整酒风”）：第2次协商签到表\n"));
}

static void
test_landline (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(TxTableDocument) doc = NULL;
  g_autoptr(TxTableDocument) table = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "landline.pdf", NULL);
  g_autofree char *lines = NULL;
  const TxTableColumn columns[] = {
    { "联系方式", 1.0, TX_ALIGN_START },
    { "备注",     0,   TX_ALIGN_START, TX_COLUMN_FIXED, 120.0 },
  };
  const char *row[] = { "办公室 0595-22881234", "" };
  TxParticipant *participant;

  g_assert_true (tx_exchange_load_demo (f->store, tx_date_new (2026, 11, 27), NULL, &error));
  consultation = tx_store_load_consultation (f->store, "双谷村新型农村综合体建设协商", &error);
  g_assert_no_error (error);
  people = people_of (f, consultation);
  participant = g_ptr_array_index (tx_consultation_get_participants (consultation), 0);
  for (guint i = 0; i < people->len; i++)
    {
      TxPerson *person = g_ptr_array_index (people, i);

      if (g_strcmp0 (tx_person_get_uuid (person), participant->person_uuid) != 0)
        continue;
      g_ptr_array_index (people, i) =
        tx_person_new_with_fields (tx_person_get_uuid (person), tx_person_get_name (person),
                                   tx_person_get_gender (person), tx_person_get_ethnicity (person),
                                   tx_person_get_township_uuid (person), tx_person_get_village (person),
                                   tx_person_get_organization (person), tx_person_get_title (person),
                                   "0595-22881234", tx_person_get_notes (person));
      g_object_unref (person);
    }

  doc = tx_signin_document_new (TX_MEETING (consultation), people, FALSE, 0, TRUE, ALL_COLUMNS);
  g_assert_true (tx_table_document_write_pdf (doc, pdf, &error));
  g_assert_no_error (error);
  lines = pdf_lines (pdf);
  g_assert_nonnull (strstr (lines, "0595-22881234"));
  g_assert_null (strstr (lines, "\u2011"));
  g_clear_pointer (&lines, g_free);

  /* a narrow cell: "办公室" on its line, the number whole on the next */
  table = tx_table_document_new ("电话", columns, G_N_ELEMENTS (columns));
  tx_table_document_add_row (table, row);
  g_assert_true (tx_table_document_write_pdf (table, pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (tx_table_document_get_column_width (table, 0), <, 40 * TX_MM);
  lines = pdf_lines (pdf);
  g_assert_nonnull (strstr (lines, "0595-22881234"));
  g_assert_null (strstr (lines, "办公室 0595"));
  g_assert_null (strstr (lines, "\u2011"));
}

/* What tongxin-cli prints. */
static char *
run_cli (const char  *db,
         int         *status,
         char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("TONGXIN_CLI"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db);
  g_ptr_array_add (argv, (gpointer) "--today");
  g_ptr_array_add (argv, (gpointer) "2026-11-27");
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, err, status, &error));
  g_assert_no_error (error);
  *status = WIFEXITED (*status) ? WEXITSTATUS (*status) : -1;

  return out;
}

/* tongxin-cli signin-sheet: the columns on request, and a clear word
 * for an option it does not know. */
static void
test_cli_columns (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (f->dir, "tongxin.db", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "签到表.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *all = NULL;
  int status;

  if (g_getenv ("TONGXIN_CLI") == NULL)
    {
      g_test_skip ("TONGXIN_CLI is not set");
      return;
    }

  g_assert_true (tx_exchange_load_demo (f->store, tx_date_new (2026, 11, 27), NULL, &error));
  g_clear_object (&f->store);

  out = run_cli (db, &status, &err, "signin-sheet", "老山寨产业扶贫协商", pdf, NULL);
  g_assert_cmpint (status, ==, 0);
  all = tx_test_pdf_raw_text (pdf, 0);
  g_assert_nonnull (strstr (all, "序号姓名单位及职务签名"));
  g_clear_pointer (&all, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_cli (db, &status, &err, "signin-sheet", "老山寨产业扶贫协商", pdf, "--with-phones", NULL);
  g_assert_cmpint (status, ==, 0);
  all = tx_test_pdf_raw_text (pdf, 0);
  g_assert_nonnull (strstr (all, "序号姓名单位及职务联系电话签名"));
  g_clear_pointer (&all, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_cli (db, &status, &err, "signin-sheet", "老山寨产业扶贫协商", pdf, "--with-categories", "--with-phones", NULL);
  g_assert_cmpint (status, ==, 0);
  all = tx_test_pdf_raw_text (pdf, 0);
  g_assert_nonnull (strstr (all, "序号姓名身份类别单位及职务联系电话签名"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_cli (db, &status, &err, "signin-sheet", "老山寨产业扶贫协商", pdf, "--with-phones=yes", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "--with-phones"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_cli (db, &status, &err, "signin-sheet", "老山寨产业扶贫协商", pdf, "--phones", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "--phones"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* the columns chosen once, in the settings (as the print dialog
   * keeps them): printed without asking, left out when asked */
  g_clear_pointer (&all, g_free);
  out = run_cli (db, &status, &err, "config", "set", "signin-phones", "true", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run_cli (db, &status, &err, "signin-sheet", "老山寨产业扶贫协商", pdf, NULL);
  g_assert_cmpint (status, ==, 0);
  all = tx_test_pdf_raw_text (pdf, 0);
  g_assert_nonnull (strstr (all, "序号姓名单位及职务联系电话签名"));
  g_clear_pointer (&all, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run_cli (db, &status, &err, "signin-sheet", "老山寨产业扶贫协商", pdf, "--without-phones", NULL);
  g_assert_cmpint (status, ==, 0);
  all = tx_test_pdf_raw_text (pdf, 0);
  g_assert_nonnull (strstr (all, "序号姓名单位及职务签名"));
  g_clear_pointer (&all, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run_cli (db, &status, &err, "signin-sheet", "老山寨产业扶贫协商", pdf, "--with-phones", "--without-phones", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "--without-phones"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run_cli (db, &status, &err, "config", "set", "signin-phones", "false", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* blank rows that would be alone on a page: left out, and said */
  out = run_cli (db, &status, &err, "signin-sheet", "老山寨产业扶贫协商", pdf, "--blank-rows", "100", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (err, "blank rows were left out"));
}

/* A meeting of @n people of @township, all stakeholders, invited to a
 * consultation titled @title. */
static void
import_meeting (Fixture    *f,
                const char *title,
                guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autofree char *xml_path = g_build_filename (f->dir, "meeting.xml", NULL);
  const char *township = "11111111-2222-4333-8444-555555555555";
  const char *surnames = "丁王石刘李罗赵龚潘";

  g_string_append_printf (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<tongxin xmlns=\"urn:tongxin:exchange:1\" exported=\"2026-11-27T10:00:00+08:00\">\n"
                               "<township uuid=\"%s\" name=\"凤山镇\" kind=\"town\" updated=\"2026-01-01T00:00:00+08:00\"/>\n",
                          township);
  for (guint i = 0; i < n; i++)
    {
      const char *s = g_utf8_offset_to_pointer (surnames, i % 9);

      g_string_append_printf (xml, "<person uuid=\"00000000-0000-4000-8000-%012u\" township=\"%s\" "
                                   "updated=\"2026-01-01T00:00:00+08:00\"><name>%.*s组员%u</name>"
                                   "<category>%s</category><organization>双谷村</organization>"
                                   "<title>村民</title><phone>138%08u</phone></person>\n",
                              i, township, (int) (g_utf8_next_char (s) - s), s, i,
                              i == 0 ? "liaison_leader" : "stakeholder", i);
    }
  g_string_append_printf (xml, "<consultation uuid=\"99999999-0000-4000-8000-000000000002\" township=\"%s\" "
                               "updated=\"2026-01-01T00:00:00+08:00\"><title>%s</title><topic-source>residents</topic-source>"
                               "<orientation>livelihood</orientation><platform>physical</platform><venue>双谷村广场</venue>"
                               "<starts>2026-12-08T09:00:00+08:00</starts>"
                               "<stage name=\"selection\"/><stage name=\"research\"/><stage name=\"meeting\"/>"
                               "<stage name=\"submission\"/><stage name=\"feedback\"/><stage name=\"supervision\"/>\n",
                          township, title);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (xml, "<participant person=\"00000000-0000-4000-8000-%012u\" role=\"%s\"/>\n",
                            i, i == 0 ? "host" : "stakeholder");
  g_string_append (xml, "</consultation>\n</tongxin>\n");

  g_assert_true (g_file_set_contents (xml_path, xml->str, -1, NULL));
  g_assert_true (tx_exchange_import_file (f->store, xml_path, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* A group longer than a page: its heading again at the top of the next
 * page, with “（续）”; not on the first page, and not before another
 * group's heading. */
static void
test_continued_group (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(TxTableDocument) doc = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "continued.pdf", NULL);
  g_autofree char *first = NULL;
  guint n_pages;

  import_meeting (f, "村民大会协商", 60);
  consultation = tx_store_load_consultation (f->store, "村民大会协商", &error);
  g_assert_no_error (error);
  people = people_of (f, consultation);

  doc = tx_signin_document_new (TX_MEETING (consultation), people, FALSE, 3, FALSE, TX_SIGNIN_COLUMNS_NONE);
  g_assert_true (tx_table_document_write_pdf (doc, pdf, &error));
  g_assert_no_error (error);
  n_pages = tx_table_document_get_n_pages (doc);
  g_assert_cmpuint (n_pages, >=, 3);

  first = tx_test_pdf_raw_text (pdf, 1);
  g_assert_nonnull (strstr (first, "联络组组长"));
  g_assert_nonnull (strstr (first, "利益相关方"));
  g_assert_null (strstr (first, "（续）"));

  /* the header row, then the heading continued, then a person */
  for (guint page = 2; page < n_pages; page++)
    {
      g_autofree char *text = tx_test_pdf_raw_text (pdf, page);

      g_assert_nonnull (strstr (text, "序号姓名单位及职务签名利益相关方（续）"));
      g_assert_true (g_regex_match_simple ("签名利益相关方（续）[0-9]+[丁王石刘李罗赵龚潘]组员", text, 0, 0));
    }
}

/* However many blank rows are asked for, and however the people fill
 * the pages, the last page has a person on it: blank rows never print
 * on a page of their own.  At least one is printed. */
static void
test_blank_rows_not_alone (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxConsultation) consultation = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "blank.pdf", NULL);
  GPtrArray *participants;
  guint n_dropped = 0;

  import_meeting (f, "村民大会协商", 40);

  /* a few blank rows or many, grouped or by strokes, for each number
   * of people from less than a page to two pages */
  for (guint n = 12; n <= 40; n++)
    {
      guint blank = n % 2 == 0 ? 3 : 25;
      gboolean by_strokes = n % 4 >= 2;
      g_autoptr(GPtrArray) people = NULL;
      g_autoptr(TxTableDocument) doc = NULL;
      g_autofree char *last = NULL;
      g_autofree char *lines = NULL;
      g_autofree char *first_blank = NULL;
      guint n_pages;
      gboolean someone = FALSE;

      g_clear_object (&consultation);
      consultation = tx_store_load_consultation (f->store, "村民大会协商", &error);
      g_assert_no_error (error);
      participants = tx_consultation_get_participants (consultation);
      g_ptr_array_set_size (participants, n);
      people = people_of (f, consultation);

      doc = tx_signin_document_new (TX_MEETING (consultation), people, by_strokes, blank, FALSE, TX_SIGNIN_COLUMNS_NONE);
      g_assert_true (tx_table_document_write_pdf (doc, pdf, &error));
      g_assert_no_error (error);
      n_pages = tx_table_document_get_n_pages (doc);
      g_assert_cmpuint (n_pages, ==, tx_test_pdf_pages (pdf));

      last = tx_test_pdf_raw_text (pdf, n_pages);
      for (guint i = 0; i < n && !someone; i++)
        someone = strstr (last, ((TxParticipant *) g_ptr_array_index (participants, i))->name) != NULL;
      if (!someone)
        g_error ("%u people, %u blank rows: nobody on the last page", n, blank);

      /* the first blank row, numbered after the people */
      lines = pdf_lines (pdf);
      first_blank = g_strdup_printf ("\n%u\n", n + 1);
      g_assert_nonnull (strstr (lines, first_blank));
      if (!by_strokes)
        g_assert_nonnull (strstr (lines, "临时参加人员"));

      if (tx_table_document_get_n_dropped_blank_rows (doc) > 0)
        n_dropped++;
    }

  /* some were too many for the last person's page */
  g_assert_cmpuint (n_dropped, >, 0);
}

/* The title and the headings in the sans face, the names in the serif
 * face: two families, named exactly. */
static void
test_fonts (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(TxTableDocument) doc = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "fonts.pdf", NULL);
  g_autofree char *cmd = g_strdup_printf ("pdftohtml -xml -i -stdout '%s'", pdf);
  g_autofree char *xml = NULL;
  g_autofree char *title_family = NULL;
  g_autofree char *name_family = NULL;
  g_autofree char *header_family = NULL;

  g_assert_true (tx_exchange_load_demo (f->store, tx_date_new (2026, 11, 27), NULL, &error));
  consultation = tx_store_load_consultation (f->store, "双谷村新型农村综合体建设协商", &error);
  g_assert_no_error (error);
  people = people_of (f, consultation);
  doc = tx_signin_document_new (TX_MEETING (consultation), people, FALSE, 0, FALSE, TX_SIGNIN_COLUMNS_NONE);
  g_assert_true (tx_table_document_write_pdf (doc, pdf, &error));
  g_assert_no_error (error);

  g_assert_true (g_spawn_command_line_sync (cmd, &xml, NULL, NULL, NULL));
  title_family = tx_test_pdf_font_of (xml, "双谷村新型农村综合体建设协商签到表");
  name_family = tx_test_pdf_font_of (xml, "石启明");
  header_family = tx_test_pdf_font_of (xml, "单位及职务");

  g_assert_nonnull (strstr (title_family, "NotoSansCJKsc"));
  g_assert_nonnull (strstr (header_family, "NotoSansCJKsc"));
  g_assert_nonnull (strstr (name_family, "NotoSerifCJKsc"));
}

int
main (int   argc,
      char *argv[])
{
  /* messages in UTF-8 */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/signin-sheet/sample-meeting", Fixture, NULL, fixture_set_up, test_sample_meeting, fixture_tear_down);
  g_test_add ("/signin-sheet/two-hundred", Fixture, NULL, fixture_set_up, test_two_hundred, fixture_tear_down);
  g_test_add ("/signin-sheet/long-text", Fixture, NULL, fixture_set_up, test_long_text, fixture_tear_down);
  g_test_add ("/signin-sheet/bad-characters", Fixture, NULL, fixture_set_up, test_bad_characters, fixture_tear_down);
  g_test_add ("/signin-sheet/full-disk", Fixture, NULL, fixture_set_up, test_full_disk, fixture_tear_down);
  g_test_add ("/signin-sheet/columns", Fixture, NULL, fixture_set_up, test_columns, fixture_tear_down);
  g_test_add ("/signin-sheet/title-punctuation", Fixture, NULL, fixture_set_up, test_title_punctuation, fixture_tear_down);
  g_test_add ("/signin-sheet/landline", Fixture, NULL, fixture_set_up, test_landline, fixture_tear_down);
  g_test_add ("/signin-sheet/cli-columns", Fixture, NULL, fixture_set_up, test_cli_columns, fixture_tear_down);
  g_test_add ("/signin-sheet/continued-group", Fixture, NULL, fixture_set_up, test_continued_group, fixture_tear_down);
  g_test_add ("/signin-sheet/blank-rows-not-alone", Fixture, NULL, fixture_set_up, test_blank_rows_not_alone,
              fixture_tear_down);
  g_test_add ("/signin-sheet/fonts", Fixture, NULL, fixture_set_up, test_fonts, fixture_tear_down);

  return g_test_run ();
}
