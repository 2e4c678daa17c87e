/* test-archive.c — one consultation's dossier (一事一档) through
 * tongxin-cli, read back as a clerk and an archivist read it: the cover,
 * the contents list and the page each part is on, every part in order,
 * the scanned sign-in sheet in place of the printed one when attached,
 * the photos with their captions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tx-test-cli.h"
#include "tx-test-pdf.h"

#define TODAY "2026-11-27"
#define MEETING "老山寨产业扶贫协商"

typedef struct {
  char *dir;
  char *db;
  char *pdf;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };

  f->dir = g_dir_make_tmp ("tongxin-archive-XXXXXX", NULL);
  f->db = g_build_filename (f->dir, "tongxin.db", NULL);
  f->pdf = g_build_filename (f->dir, "档案.pdf", NULL);
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
  g_free (f->pdf);
}

static const char * const parts[] = {
  "一、协商方案与环节", "二、调研情况", "三、参加人员和签到表", "四、会议纪要", "五、协商建言及落实", "六、现场照片",
};

/* Every part listed in the contents with its page, and on that page */
static void
assert_contents (const char *pdf)
{
  g_autofree char *contents = tx_test_pdf_raw_text (pdf, 2);

  g_assert_true (g_str_has_prefix (contents, "目录"));
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      const char *listed = strstr (contents, parts[i]);
      g_autofree char *page_text = NULL;
      guint page;

      g_assert_nonnull (listed);
      page = (guint) g_ascii_strtoull (listed + strlen (parts[i]), NULL, 10);
      g_assert_cmpuint (page, >=, 3);
      g_assert_cmpuint (page, <=, tx_test_pdf_pages (pdf));
      page_text = tx_test_pdf_raw_text (pdf, page);
      if (strstr (page_text, parts[i]) == NULL)
        g_error ("%s is listed on page %u, and is not there: %s", parts[i], page, page_text);
    }
}

static void
test_dossier (Fixture       *f,
              gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autofree char *cover = NULL;
  g_autofree char *text = NULL;
  const char *at = NULL;

  tx_test_cli (&run, f->db, TODAY, NULL, "archive", MEETING, f->pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);

  cover = tx_test_pdf_raw_text (f->pdf, 1);
  g_assert_nonnull (strstr (cover, "协商活动档案"));
  g_assert_nonnull (strstr (cover, "题名：" MEETING));
  g_assert_nonnull (strstr (cover, "乡镇（街道）：仙桥乡"));
  g_assert_nonnull (strstr (cover, "年度：2026"));
  g_assert_nonnull (strstr (cover, "保管期限：长期"));
  g_assert_nonnull (strstr (cover, "归档日期：2026年11月27日"));
  assert_contents (f->pdf);

  /* the parts in order, with what each holds */
  text = tx_test_pdf_raw_text (f->pdf, 0);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      const char *next = strstr (at != NULL ? at : text, parts[i]);

      g_assert_nonnull (next);
      at = next;
    }
  g_assert_nonnull (strstr (text, "协商环节：应完成"));
  g_assert_nonnull (strstr (text, "监督环节：应完成"));
  /* no scan attached: the sign-in sheet as Tongxin prints it */
  g_assert_nonnull (strstr (text, MEETING "签到表"));
  g_assert_nonnull (strstr (text, "报送：仙桥乡党委"));
  g_assert_nonnull (strstr (text, "事后监督："));
  g_assert_nonnull (strstr (text, "（无现场照片）"));
}

static void
test_with_attachments (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autofree char *photo = g_build_filename (f->dir, "现场.png", NULL);
  g_autofree char *text = NULL;
  g_autofree char *jpeg_size = NULL;

  /* a picture (a chart drawn by tongxin-cli) as the signed sheet
   * scanned, and twice as photos */
  tx_test_cli (&run, f->db, TODAY, NULL, "chart", "plan", photo, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "add", MEETING, photo, "--kind", "signin_scan",
               "--caption", "签字签到表", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "add", MEETING, photo, "--kind", "photo",
               "--caption", "察看食用菌基地", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "add", MEETING, photo, "--kind", "photo",
               "--caption", "协商会议现场", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);

  /* a camera's JPEG: put in the PDF as it was taken, not decoded and
   * compressed again */
  {
    g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (photo, NULL);
    g_autofree char *jpeg = g_build_filename (f->dir, "相机.jpg", NULL);

    g_assert_nonnull (pixbuf);
    g_assert_true (gdk_pixbuf_save (pixbuf, jpeg, "jpeg", NULL, "quality", "90", NULL));
    tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "add", MEETING, jpeg, "--kind", "photo",
                 "--caption", "相机拍摄", NULL);
    g_assert_cmpint (run.status, ==, 0);
    tx_test_run_clear (&run);
    jpeg_size = g_strdup_printf (" %d %d rgb 3 8 jpeg ", gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf));
  }

  tx_test_cli (&run, f->db, TODAY, NULL, "archive", MEETING, f->pdf, "--retention", "永久", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  {
    g_autofree char *quoted = g_shell_quote (f->pdf);
    g_autofree char *command = g_strdup_printf ("pdfimages -list %s", quoted);
    g_autofree char *images = NULL;
    g_autoptr(GRegex) spaces = g_regex_new (" +", 0, 0, NULL);
    g_autofree char *squeezed = NULL;

    g_assert_true (g_spawn_command_line_sync (command, &images, NULL, NULL, NULL));
    squeezed = g_regex_replace_literal (spaces, images, -1, 0, " ", 0, NULL);
    g_assert_nonnull (strstr (squeezed, jpeg_size));
  }

  assert_contents (f->pdf);
  text = tx_test_pdf_raw_text (f->pdf, 0);
  g_assert_nonnull (strstr (text, "保管期限：永久"));
  g_assert_nonnull (strstr (text, "签到表（签字扫描件）：签字签到表"));
  /* the scan in its place: not the printed sheet */
  g_assert_null (strstr (text, MEETING "签到表"));
  g_assert_nonnull (strstr (text, "图1察看食用菌基地"));
  g_assert_nonnull (strstr (text, "图2协商会议现场"));
  g_assert_nonnull (strstr (text, "图3相机拍摄"));
  g_assert_null (strstr (text, "（无现场照片）"));
  g_assert_true (strstr (text, "图1察看食用菌基地") > strstr (text, "六、现场照片"));
  /* the heading of the photos on the page of the first, never alone at
   * the foot of the page before */
  {
    g_autofree char *contents = tx_test_pdf_raw_text (f->pdf, 2);
    guint page = (guint) g_ascii_strtoull (strstr (contents, "六、现场照片") + strlen ("六、现场照片"), NULL, 10);
    g_autofree char *photos = tx_test_pdf_raw_text (f->pdf, page);

    g_assert_nonnull (strstr (photos, "六、现场照片图1察看食用菌基地"));
  }

  tx_test_cli (&run, f->db, TODAY, NULL, "archive", MEETING, f->pdf, "--retention", "十年", NULL);
  g_assert_cmpint (run.status, ==, 2);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "archive", "没有这个协商", f->pdf, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "没有这个协商"));
}

/* Scans kept as PDFs go into the dossier page by page, as they are
 * (their text stays text): the signed sheet in place of the printed
 * one, a recommendation's feedback letter after it; an office file is
 * named as the electronic file it is */
static void
test_pdf_scans (Fixture       *f,
                gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autofree char *scan = g_build_filename (f->dir, "扫描.pdf", NULL);
  g_autofree char *report = g_build_filename (f->dir, "调研报告.docx", NULL);
  g_autofree char *text = NULL, *page_text = NULL;
  const char *caption, *body;
  guint n_pages, scan_page = 0;

  tx_test_cli (&run, f->db, TODAY, NULL, "signin-sheet", MEETING, scan, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  n_pages = tx_test_pdf_pages (scan);
  g_assert_cmpuint (n_pages, >=, 1);
  tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "add", MEETING, scan, "--kind", "signin_scan",
               "--caption", "签字后扫描", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "add", "关于完善脱贫户与合作社利益联结机制的建议", scan,
               "--kind", "feedback_letter", "--caption", "镇政府反馈函", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  g_assert_true (g_file_set_contents (report, "PK\003\004 not really a document", -1, NULL));
  tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "add", MEETING, report, "--kind", "research_report", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);

  tx_test_cli (&run, f->db, TODAY, NULL, "archive", MEETING, f->pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  assert_contents (f->pdf);

  /* each page of the scan on a page of its own, with its caption */
  for (guint page = 3; page <= tx_test_pdf_pages (f->pdf) && scan_page == 0; page++)
    {
      g_free (page_text);
      page_text = tx_test_pdf_raw_text (f->pdf, page);
      if (strstr (page_text, "签到表（签字扫描件）：签字后扫描") != NULL)
        scan_page = page;
    }
  g_assert_cmpuint (scan_page, >, 0);
  /* the scan's own text, drawn as it is */
  g_assert_nonnull (strstr (page_text, MEETING "签到表"));
  g_assert_nonnull (strstr (page_text, "签名"));
  if (n_pages > 1)
    {
      g_autofree char *first = g_strdup_printf ("签字后扫描（第1页，共%u页）", n_pages);
      g_autofree char *last = g_strdup_printf ("签字后扫描（第%u页，共%u页）", n_pages, n_pages);
      g_autofree char *last_page = tx_test_pdf_raw_text (f->pdf, scan_page + n_pages - 1);

      g_assert_nonnull (strstr (page_text, first));
      g_assert_nonnull (strstr (last_page, last));
    }

  /* the parts, after the contents list */
  text = tx_test_pdf_raw_text (f->pdf, 0);
  body = strstr (strstr (text, parts[0]) + 1, parts[0]);
  g_assert_nonnull (body);
  caption = strstr (body, "反馈函：镇政府反馈函");
  g_assert_nonnull (caption);
  g_assert_true (caption > strstr (body, "关于完善脱贫户与合作社利益联结机制的建议"));
  g_assert_true (caption < strstr (body, "六、现场照片"));
  g_assert_nonnull (strstr (body, "调研报告：调研报告.docx（电子文件，未编入本档案）"));
  g_assert_true (strstr (body, "调研报告：调研报告.docx") < strstr (body, "三、参加人员和签到表"));
}

/* The year's 台账 of a township: every consultation of the year as its
 * dossier, in the order of the list, and the index naming each */
static void
test_year (Fixture       *f,
           gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *zip = g_build_filename (f->dir, "仙桥乡2026年台账.zip", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *unzip_l = g_strdup_printf ("unzip -Z1 '%s'", zip);
  JsonArray *consultations;
  guint n;

  tx_test_cli (&run, f->db, TODAY, NULL, "consultation", "list", "--township", "仙桥乡", "--year", "2026",
               "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
  consultations = json_node_get_array (json_parser_get_root (parser));
  n = json_array_get_length (consultations);
  g_assert_cmpuint (n, >, 1);
  tx_test_run_clear (&run);

  tx_test_cli (&run, f->db, TODAY, NULL, "archive", "--township", "仙桥乡", "--year", "2026", zip, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);

  g_assert_true (g_spawn_command_line_sync (unzip_l, &listing, NULL, NULL, NULL));
  for (guint i = 0; i < n; i++)
    {
      const char *title = json_object_get_string_member (json_array_get_object_element (consultations, i), "title");
      g_autofree char *name = g_strdup_printf ("%02u-%s.pdf", i + 1, title);
      g_autofree char *line = g_strdup_printf ("%s\n", name);
      g_autoptr(GBytes) pdf = tx_test_zip_member (zip, name);
      g_autofree char *path = g_build_filename (f->dir, "dossier.pdf", NULL);
      g_autofree char *cover = NULL;
      g_autofree char *expected = g_strdup_printf ("题名：%s", title);

      g_assert_nonnull (strstr (listing, line));
      g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
      cover = tx_test_pdf_raw_text (path, 1);
      g_assert_nonnull (strstr (cover, expected));
    }
  g_assert_nonnull (strstr (listing, "台账目录.xlsx\n"));

  /* the index: a row a consultation, naming its file */
  {
    g_autofree char *index = g_build_filename (f->dir, "台账目录.xlsx", NULL);
    g_autoptr(GBytes) xlsx = tx_test_zip_member (zip, "台账目录.xlsx");
    g_autofree char *rows = NULL;

    g_assert_true (g_file_set_contents (index, g_bytes_get_data (xlsx, NULL), g_bytes_get_size (xlsx), NULL));
    rows = tx_test_zip_member_text (index, "xl/worksheets/sheet1.xml");
    for (guint i = 0; i < n; i++)
      {
        const char *title = json_object_get_string_member (json_array_get_object_element (consultations, i), "title");
        g_autofree char *cell = g_strdup_printf ("<t>%02u-%s.pdf</t>", i + 1, title);

        g_assert_nonnull (strstr (rows, cell));
      }
    g_assert_nonnull (strstr (rows, "<t>题名</t>"));
  }

  /* refused: a year with nothing, a township unknown; no file */
  g_remove (zip);
  tx_test_cli (&run, f->db, TODAY, NULL, "archive", "--township", "仙桥乡", "--year", "2020", zip, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "仙桥乡 has no consultation in 2020"));
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "archive", "--township", "不存在乡", "--year", "2026", zip, NULL);
  g_assert_cmpint (run.status, ==, 1);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "archive", "--township", "仙桥乡", zip, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_false (g_file_test (zip, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/archive/dossier", Fixture, NULL, fixture_set_up, test_dossier, fixture_tear_down);
  g_test_add ("/archive/with-attachments", Fixture, NULL, fixture_set_up, test_with_attachments, fixture_tear_down);
  g_test_add ("/archive/pdf-scans", Fixture, NULL, fixture_set_up, test_pdf_scans, fixture_tear_down);
  g_test_add ("/archive/year", Fixture, NULL, fixture_set_up, test_year, fixture_tear_down);

  return g_test_run ();
}
