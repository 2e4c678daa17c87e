/* test-attachments.c — photos, scans and office files kept with a
 * consultation, a recommendation or an activity, through tongxin-cli:
 * added, listed with their checksums, written back byte for byte,
 * refused when they should be, carried by a backup and a restore, and
 * told damaged by check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "tx-test-cli.h"

#define TODAY "2026-11-27"
#define MEETING "老山寨产业扶贫协商"

typedef struct {
  char *dir;
  char *db;
  char *photo;   /* a PNG: a chart drawn by tongxin-cli */
  char *scan;    /* a PDF: a sign-in sheet */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };

  f->dir = g_dir_make_tmp ("tongxin-attachments-XXXXXX", NULL);
  f->db = g_build_filename (f->dir, "tongxin.db", NULL);
  f->photo = g_build_filename (f->dir, "会议现场.png", NULL);
  f->scan = g_build_filename (f->dir, "签到表.pdf", NULL);
  tx_test_cli (&run, f->db, TODAY, NULL, "demo", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "chart", "ledger", f->photo, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "signin-sheet", MEETING, f->scan, NULL);
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
  g_free (f->photo);
  g_free (f->scan);
}

static char *
sha256_of (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static JsonArray *
list (Fixture    *f,
      const char *db,
      const char *record,
      JsonNode  **root)
{
  g_auto(TxTestRun) run = { 0, };
  g_autoptr(JsonParser) parser = json_parser_new ();

  tx_test_cli (&run, db, TODAY, NULL, "attachment", "list", record, "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
  *root = json_node_copy (json_parser_get_root (parser));
  return json_node_get_array (*root);
}

static void
assert_same_file (const char *one,
                  const char *other)
{
  g_autofree char *a = sha256_of (one);
  g_autofree char *b = sha256_of (other);

  g_assert_cmpstr (a, ==, b);
}

static void
test_add_list_export (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *out = g_build_filename (f->dir, "导出", NULL);
  g_autofree char *photo_sha = sha256_of (f->photo);
  g_autofree char *written = NULL;
  JsonArray *attachments;
  JsonObject *first;

  tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "add", MEETING, f->photo, "--kind", "photo",
               "--caption", "协商会议现场", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Attached “会议现场.png” to “" MEETING "”: "));
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "add", MEETING, f->scan, "--kind", "签到表扫描件", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  /* the same photo again: kept twice, written back under two names */
  tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "add", MEETING, f->photo, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);

  attachments = list (f, f->db, MEETING, &root);
  g_assert_cmpuint (json_array_get_length (attachments), ==, 3);
  first = json_array_get_object_element (attachments, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "kind"), ==, "photo");
  g_assert_cmpstr (json_object_get_string_member (first, "caption"), ==, "协商会议现场");
  g_assert_cmpstr (json_object_get_string_member (first, "file_name"), ==, "会议现场.png");
  g_assert_cmpstr (json_object_get_string_member (first, "media_type"), ==, "image/png");
  g_assert_cmpstr (json_object_get_string_member (first, "sha256"), ==, photo_sha);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (attachments, 1), "kind"), ==, "signin_scan");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (attachments, 1), "media_type"), ==,
                   "application/pdf");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (attachments, 2), "kind"), ==, "other");

  tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "export", MEETING, out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autofree char *said = g_strdup_printf ("3 attachments written to %s\n", out);

    g_assert_cmpstr (run.out, ==, said);
  }
  tx_test_run_clear (&run);
  written = g_build_filename (out, "会议现场.png", NULL);
  assert_same_file (written, f->photo);
  g_free (written);
  written = g_build_filename (out, "会议现场 (2).png", NULL);
  assert_same_file (written, f->photo);
  g_free (written);
  written = g_build_filename (out, "签到表.pdf", NULL);
  assert_same_file (written, f->scan);

  /* deleted: no longer listed */
  tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "delete",
               json_object_get_string_member (json_array_get_object_element (attachments, 2), "uuid"), NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  g_clear_pointer (&root, json_node_unref);
  attachments = list (f, f->db, MEETING, &root);
  g_assert_cmpuint (json_array_get_length (attachments), ==, 2);

  /* an activity's and a recommendation's too */
  tx_test_cli (&run, f->db, TODAY, NULL, "activity", "add", "--kind", "training", "--title", "联络员培训",
               "--date", "2026-11-20", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "add", "联络员培训", f->photo, "--kind", "photo", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  g_clear_pointer (&root, json_node_unref);
  attachments = list (f, f->db, "联络员培训", &root);
  g_assert_cmpuint (json_array_get_length (attachments), ==, 1);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *big = g_build_filename (f->dir, "大扫描件.pdf", NULL);
  g_autofree char *text = g_build_filename (f->dir, "照片.jpg", NULL);
  FILE *file;

  /* 30 MB, over the limit */
  file = g_fopen (big, "wb");
  g_assert_nonnull (file);
  fputs ("%PDF-1.4\n", file);
  g_assert_cmpint (fseek (file, 30 * 1024 * 1024, SEEK_SET), ==, 0);
  fputc ('\n', file);
  fclose (file);
  tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "add", MEETING, big, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "tongxin-cli: “大扫描件.pdf” is 30.1 MB: an attachment may be at most 20.0 MB. "
                                "Scan it at a lower resolution, or save the photo smaller, and attach that.\n");
  tx_test_run_clear (&run);

  /* a text named as a photo */
  g_assert_true (g_file_set_contents (text, "不是照片", -1, NULL));
  tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "add", MEETING, text, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "“照片.jpg” is not a photo (JPEG, PNG), a scan (PDF) or an office file"));
  tx_test_run_clear (&run);

  tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "add", MEETING, "/nowhere/照片.png", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Could not read “照片.png”: there is no such file."));
  tx_test_run_clear (&run);

  tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "add", "不存在的协商", f->photo, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "There is no consultation, recommendation or activity “不存在的协商”."));
  tx_test_run_clear (&run);

  tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "add", MEETING, f->photo, "--kind", "selfie", NULL);
  g_assert_cmpint (run.status, ==, 2);
  tx_test_run_clear (&run);

  /* nothing kept by any of them */
  g_assert_cmpuint (json_array_get_length (list (f, f->db, MEETING, &root)), ==, 0);
}

static void
damage (const char *db)
{
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  /* one byte of the photo changed, its length the same */
  g_assert_cmpint (sqlite3_exec (handle, "UPDATE attachment_data SET data = "
                                         "substr (data, 1, 100) || x'00' || substr (data, 102) "
                                         "WHERE attachment_id = (SELECT min (attachment_id) FROM attachment_data)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
}

static void
test_backup_and_damage (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *copy = g_build_filename (f->dir, "backup.db", NULL);
  g_autofree char *out = g_build_filename (f->dir, "导出", NULL);
  g_autofree char *written = NULL;

  tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "add", MEETING, f->photo, "--kind", "photo", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "backup", copy, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);

  /* damaged: check says which, and the export refuses it */
  damage (f->db);
  tx_test_cli (&run, f->db, TODAY, NULL, "check", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "The attachment “会议现场.png” ("));
  g_assert_nonnull (strstr (run.err, ") is damaged: its file's bytes changed since it was attached."));
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "export", MEETING, out, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "The attachment “会议现场.png” is damaged"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  tx_test_run_clear (&run);

  /* the backup restored: the photo whole again */
  tx_test_cli (&run, f->db, TODAY, NULL, "restore", copy, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "check", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "export", MEETING, out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  written = g_build_filename (out, "会议现场.png", NULL);
  assert_same_file (written, f->photo);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/attachments/add-list-export", Fixture, NULL, fixture_set_up, test_add_list_export, fixture_tear_down);
  g_test_add ("/attachments/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/attachments/backup-and-damage", Fixture, NULL, fixture_set_up, test_backup_and_damage, fixture_tear_down);

  return g_test_run ();
}
