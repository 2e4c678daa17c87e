/* test-signin-sheet.c — the sign-in sheet, read back from its PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tx-exchange.h"
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/signin-sheet/sample-meeting", Fixture, NULL, fixture_set_up, test_sample_meeting, fixture_tear_down);
  g_test_add ("/signin-sheet/two-hundred", Fixture, NULL, fixture_set_up, test_two_hundred, fixture_tear_down);

  return g_test_run ();
}
