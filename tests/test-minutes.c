/* test-minutes.c — the minutes as an ODF package, read back by LibreOffice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libxml/parser.h>
#include <signal.h>
#include <sys/resource.h>
#include <gsf/gsf-infile-zip.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-stdio.h>
#include <gsf/gsf-utils.h>

#include "tx-exchange.h"
#include "tx-file.h"
#include "tx-minutes-document.h"
#include "tx-records.h"
#include "tx-store.h"
#include "tx-test-pdf.h"

#define MIMETYPE "application/vnd.oasis.opendocument.text"

typedef struct {
  char           *dir;
  TxStore        *store;
  TxConsultation *consultation;
  char           *odt;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TxDate today = tx_date_new (2026, 11, 27);
  g_autoptr(TxOdtDocument) doc = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("tongxin-minutes-XXXXXX", NULL);
  path = g_build_filename (f->dir, "tongxin.db", NULL);
  f->store = tx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tx_exchange_load_demo (f->store, today, NULL, &error));
  f->consultation = tx_store_load_consultation (f->store, "双谷村新型农村综合体建设协商", &error);
  g_assert_no_error (error);

  f->odt = g_build_filename (f->dir, "会议纪要.odt", NULL);
  doc = tx_minutes_document_new (f->consultation);
  g_assert_true (tx_odt_document_save (doc, f->odt, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->consultation);
  g_clear_object (&f->store);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
  g_free (f->odt);
}

static guint16
le16 (const guint8 *p)
{
  return p[0] | (p[1] << 8);
}

/* ODF 1.2 part 3, 3.3: "mimetype" is the first entry, stored, with no
 * extra field, so its type sits at a fixed offset. */
static void
test_package_bytes (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *bytes = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (f->odt, &bytes, &length, NULL));
  g_assert_cmpuint (length, >, 38 + strlen (MIMETYPE));
  g_assert_cmpmem (bytes, 4, "PK\x03\x04", 4);
  g_assert_cmpuint (le16 ((guint8 *) bytes + 8), ==, 0);          /* stored */
  g_assert_cmpuint (le16 ((guint8 *) bytes + 26), ==, 8);         /* name length */
  g_assert_cmpuint (le16 ((guint8 *) bytes + 28), ==, 0);         /* no extra field */
  g_assert_cmpmem (bytes + 30, 8, "mimetype", 8);
  g_assert_cmpmem (bytes + 38, strlen (MIMETYPE), MIMETYPE, strlen (MIMETYPE));
}

static void
test_manifest (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GsfInput *input;
  GsfInfile *zip;
  g_autofree char *manifest = NULL;
  g_autofree char *content = NULL;

  gsf_init ();
  input = gsf_input_stdio_new (f->odt, &error);
  g_assert_no_error (error);
  zip = gsf_infile_zip_new (input, &error);
  g_assert_no_error (error);

  manifest = tx_test_zip_member_text (f->odt, "META-INF/manifest.xml");
  g_assert_nonnull (strstr (manifest, "manifest:full-path=\"/\""));
  g_assert_nonnull (strstr (manifest, MIMETYPE));

  /* every entry of the package is in the manifest */
  for (int i = 0; i < gsf_infile_num_children (zip); i++)
    {
      const char *name = gsf_infile_name_by_index (zip, i);
      g_autofree char *entry = g_strdup_printf ("manifest:full-path=\"%s\"", name);

      if (g_str_equal (name, "mimetype") || g_str_equal (name, "META-INF"))
        continue;
      g_assert_nonnull (strstr (manifest, entry));
    }
  g_assert_cmpint (gsf_infile_num_children (zip), ==, 5);

  /* the official document layout: A4, the margins, the fonts */
  content = tx_test_zip_member_text (f->odt, "styles.xml");
  g_assert_nonnull (strstr (content, "fo:page-width=\"21cm\""));
  g_assert_nonnull (strstr (content, "fo:margin-top=\"3.7cm\""));
  g_assert_nonnull (strstr (content, "fo:margin-left=\"2.8cm\""));
  g_assert_nonnull (strstr (content, "方正小标宋简体"));
  /* named as a stock Windows has them: 仿宋, not 仿宋_GB2312 */
  g_assert_nonnull (strstr (content, "style:font-name=\"仿宋\""));
  g_assert_null (strstr (content, "仿宋_GB2312"));
  g_assert_nonnull (strstr (content, "style:font-name=\"宋体\""));
  g_assert_nonnull (strstr (content, "text:page-number"));

  g_object_unref (zip);
  g_object_unref (input);
}

static void
test_libreoffice_reads_it (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *profile = g_build_filename (f->dir, "lo-profile", NULL);
  g_autofree char *profile_arg = g_strdup_printf ("-env:UserInstallation=file://%s", profile);
  g_autofree char *txt = g_build_filename (f->dir, "会议纪要.txt", NULL);
  g_autofree char *text = NULL;
  GPtrArray *participants = tx_consultation_get_participants (f->consultation);
  GPtrArray *speeches = tx_consultation_get_speeches (f->consultation);
  const char *argv[] = { soffice, profile_arg, "--headless", "--convert-to", "txt:Text (encoded):UTF8",
                         "--outdir", f->dir, f->odt, NULL };
  int status = 0;

  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice (soffice) is not installed");
      return;
    }

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (txt, &text, NULL, NULL));
  tx_test_unjoin (text);

  g_assert_nonnull (strstr (text, "双谷村新型农村综合体建设协商会议纪要"));
  g_assert_nonnull (strstr (text, "一、协商议题"));
  g_assert_nonnull (strstr (text, "三、发言摘要"));
  g_assert_nonnull (strstr (text, "五、下一步工作"));
  g_assert_nonnull (strstr (text, "2026年6月25日"));
  /* those present and those who sent word, as a 纪要 lists them, no
   * list of no one */
  g_assert_nonnull (strstr (text, "出席："));
  g_assert_null (strstr (text, "缺席"));
  g_assert_null (strstr (text, "：\n无\n"));

  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);
      g_assert_nonnull (strstr (text, participant->name));
    }

  g_assert_cmpuint (speeches->len, >, 0);
  for (guint i = 0; i < speeches->len; i++)
    {
      TxSpeech *speech = g_ptr_array_index (speeches, i);
      g_autofree char *line = g_strdup_printf ("%s：%s", speech->speaker, speech->summary);

      g_assert_nonnull (strstr (text, line));
    }
}

/* LibreOffice's text of @odt, or %NULL when it is not installed. */
static char *
libreoffice_text (Fixture    *f,
                  const char *odt,
                  const char *txt)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *profile = g_build_filename (f->dir, "lo-profile", NULL);
  g_autofree char *profile_arg = g_strdup_printf ("-env:UserInstallation=file://%s", profile);
  const char *argv[] = { soffice, profile_arg, "--headless", "--convert-to", "txt:Text (encoded):UTF8",
                         "--outdir", f->dir, odt, NULL };
  char *text = NULL;
  int status = 0;

  if (soffice == NULL)
    return NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (txt, &text, NULL, NULL));
  tx_test_unjoin (text);

  return text;
}

static void
assert_clean_xml (const char *xml,
                  const char *name)
{
  xmlDocPtr doc;

  /* well-formed: no recovery, a forbidden character is fatal */
  doc = xmlReadMemory (xml, strlen (xml), name, "UTF-8", XML_PARSE_NONET);
  g_assert_nonnull (doc);
  xmlFreeDoc (doc);

  for (const char *p = xml; *p; p++)
    g_assert_false ((guchar) *p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r');
  g_assert_null (strstr (xml, "\u202E"));
  g_assert_null (strstr (xml, "\u2067"));
  g_assert_null (strstr (xml, "\uFFFF"));
}

/* A title typed with English punctuation is printed the Chinese way,
 * on the page and in the document's properties (what a file manager
 * and WPS show as its title). */
static void
test_title_punctuation (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxOdtDocument) doc = NULL;
  g_autofree char *odt = g_build_filename (f->dir, "title.odt", NULL);
  g_autofree char *content = NULL;
  g_autofree char *meta = NULL;

  tx_consultation_set_title (f->consultation, "规范城乡酒席办理(治理\"整酒风\"): 第2次协商");
  doc = tx_minutes_document_new (f->consultation);
  g_assert_true (tx_odt_document_save (doc, odt, &error));
  g_assert_no_error (error);

  content = tx_test_zip_member_text (odt, "content.xml");
  meta = tx_test_zip_member_text (odt, "meta.xml");

  g_assert_nonnull (strstr (meta, "<dc:title>规范城乡酒席办理（治理“整酒风”）：第2次协商会议纪要</dc:title>"));
  g_assert_nonnull (strstr (content, "整酒风”）："));
  g_assert_null (strstr (content, "\"整酒风"));
  g_assert_null (strstr (meta, "&quot;"));
}

/* What an old database may hold: control characters, bidi overrides,
 * noncharacters, a byte that is not UTF-8.  The minutes are still an
 * ODT that LibreOffice opens, with the text cleaned of them. */
static void
test_bad_text (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxOdtDocument) doc = NULL;
  g_autofree char *odt = g_build_filename (f->dir, "bad.odt", NULL);
  g_autofree char *txt = g_build_filename (f->dir, "bad.txt", NULL);
  g_autofree char *content = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *text = NULL;
  GPtrArray *participants = tx_consultation_get_participants (f->consultation);
  TxParticipant *first = g_ptr_array_index (participants, 0);

  tx_consultation_set_title (f->consultation, "\u202E双谷村\x07新型农村综合体建设协商\uFFFE");
  tx_consultation_set_minutes (f->consultation, "记录\xff人",
                               "议程\x01一\r二\u2067三\u2069\uFFFF",
                               "共识\x0c达成\x1f",
                               "下一步\x0b工作\r\n落实\"三零\"(反馈、监督、落实)");
  tx_consultation_add_speech (f->consultation, "石\x01启明", "发言\u202D内容");
  g_free (first->name);
  first->name = g_strdup ("石\x0b启\x1b明\u202E");

  doc = tx_minutes_document_new (f->consultation);
  g_assert_true (tx_odt_document_save (doc, odt, &error));
  g_assert_no_error (error);

  content = tx_test_zip_member_text (odt, "content.xml");
  meta = tx_test_zip_member_text (odt, "meta.xml");

  assert_clean_xml (content, "content.xml");
  assert_clean_xml (meta, "meta.xml");
  g_assert_nonnull (strstr (content, "双谷村新型农村综合体建设协商会议纪要"));
  g_assert_nonnull (strstr (content, "议程一"));
  g_assert_nonnull (strstr (content, "二三"));
  g_assert_nonnull (strstr (content, "石启明：发言内容"));
  /* punctuation typed the English way, printed the Chinese way */
  g_assert_nonnull (strstr (content, "落实“三零”（反馈、监督、落实）"));
  g_assert_null (strstr (content, "\"三零"));
  g_assert_nonnull (strstr (meta, "<dc:title>双谷村新型农村综合体建设协商"));

  text = libreoffice_text (f, odt, txt);
  if (text == NULL)
    {
      g_test_skip ("LibreOffice (soffice) is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, "双谷村新型农村综合体建设协商会议纪要"));
  g_assert_nonnull (strstr (text, "共识达成"));
  g_assert_nonnull (strstr (text, "石启明"));
}

/* Past the file size limit (a full disk): a message, the minutes
 * written before as they were, and nothing else in the folder.  All in
 * a child, which has a fixture (and minutes) of its own. */
static void
test_full_disk (Fixture       *f,
                gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TxOdtDocument) doc = NULL;
      g_autoptr(GString) agenda = g_string_new (NULL);
      g_autoptr(GDir) dir = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      gsize before_length = 0, after_length = 0;
      const char *name;
      struct rlimit limit;
      guint32 seed = 7;

      g_assert_true (g_file_get_contents (f->odt, &before, &before_length, NULL));

      /* twenty thousand characters that do not zip to nothing */
      for (guint i = 0; i < 20000; i++)
        {
          seed = seed * 1103515245 + 12345;
          g_string_append_unichar (agenda, 0x4E00 + (seed >> 16) % 3000);
        }
      tx_consultation_set_minutes (f->consultation, "记录人", agenda->str, "", "");
      doc = tx_minutes_document_new (f->consultation);

      signal (SIGXFSZ, SIG_IGN);
      getrlimit (RLIMIT_FSIZE, &limit);
      limit.rlim_cur = 16 * 1024;
      setrlimit (RLIMIT_FSIZE, &limit);

      g_assert_false (tx_odt_document_save (doc, f->odt, &error));
      g_assert_error (error, TX_FILE_ERROR, TX_FILE_ERROR_TOO_LARGE);

      g_assert_true (g_file_get_contents (f->odt, &after, &after_length, NULL));
      g_assert_cmpmem (after, after_length, before, before_length);
      dir = g_dir_open (f->dir, 0, NULL);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_assert_true (g_str_equal (name, "会议纪要.odt") || g_str_has_prefix (name, "tongxin.db"));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Those at the meeting as offices list them: 出席 by role (the host
 * first, then the liaison group, deputies, members, experts,
 * stakeholders) and within a role by surname strokes; 请假 for those
 * who sent word; 列席 for officials and observers. */
static void
test_attendance_order (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxOdtDocument) doc = tx_minutes_document_new (f->consultation);
  g_autofree char *odt = g_build_filename (f->dir, "order.odt", NULL);
  g_autofree char *content = NULL;

  g_assert_true (tx_odt_document_save (doc, odt, &error));
  g_assert_no_error (error);
  content = tx_test_zip_member_text (odt, "content.xml");

  /* deputies 陈 (7 strokes) before 罗 (8); stakeholders 陈秀, then
   * 罗金元 before 罗德安 (金 8, 德 15) */
  g_assert_nonnull (strstr (content, "出席：</text:span>石启明、潘宏、陈光辉、罗秀珍、刘运和、熊玉兰、吴永平、陈秀、罗金元、罗德安<"));
  g_assert_nonnull (strstr (content, "请假：</text:span>李国强<"));
  g_assert_nonnull (strstr (content, "列席：</text:span>丁建华、周海燕、赵忠义<"));
  g_assert_null (strstr (content, "应邀："));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/minutes/package-bytes", Fixture, NULL, fixture_set_up, test_package_bytes, fixture_tear_down);
  g_test_add ("/minutes/manifest", Fixture, NULL, fixture_set_up, test_manifest, fixture_tear_down);
  g_test_add ("/minutes/libreoffice-reads-it", Fixture, NULL, fixture_set_up, test_libreoffice_reads_it, fixture_tear_down);
  g_test_add ("/minutes/title-punctuation", Fixture, NULL, fixture_set_up, test_title_punctuation, fixture_tear_down);
  g_test_add ("/minutes/bad-text", Fixture, NULL, fixture_set_up, test_bad_text, fixture_tear_down);
  g_test_add ("/minutes/attendance-order", Fixture, NULL, fixture_set_up, test_attendance_order, fixture_tear_down);
  g_test_add ("/minutes/full-disk", Fixture, NULL, fixture_set_up, test_full_disk, fixture_tear_down);

  return g_test_run ();
}
