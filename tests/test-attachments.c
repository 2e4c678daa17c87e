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
/* exchange files are read on a day after every stamp they hold */
#define EXCHANGE_DAY "2099-12-01"
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

  /* the deletion undone: listed again, in its place; then captioned
   * and given a kind */
  {
    g_autoptr(JsonNode) deleted_root = NULL;
    g_autofree char *deleted = g_strdup (json_object_get_string_member (json_array_get_object_element (attachments, 0),
                                                                        "uuid"));

    tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "delete", deleted, NULL);
    g_assert_cmpint (run.status, ==, 0);
    tx_test_run_clear (&run);
    tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "restore", deleted, NULL);
    g_assert_cmpint (run.status, ==, 0);
    tx_test_run_clear (&run);
    tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "restore", deleted, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "There is no deleted attachment"));
    tx_test_run_clear (&run);
    tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "edit", deleted, "--caption", "会场全景", "--kind", "其他", NULL);
    g_assert_cmpint (run.status, ==, 0);
    tx_test_run_clear (&run);
    tx_test_cli (&run, f->db, TODAY, NULL, "attachment", "edit", deleted, NULL);
    g_assert_cmpint (run.status, ==, 2);
    tx_test_run_clear (&run);
    attachments = list (f, f->db, MEETING, &deleted_root);
    g_assert_cmpuint (json_array_get_length (attachments), ==, 2);
    first = json_array_get_object_element (attachments, 0);
    g_assert_cmpstr (json_object_get_string_member (first, "uuid"), ==, deleted);
    g_assert_cmpstr (json_object_get_string_member (first, "caption"), ==, "会场全景");
    g_assert_cmpstr (json_object_get_string_member (first, "kind"), ==, "other");
    g_assert_cmpstr (json_object_get_string_member (first, "sha256"), ==, photo_sha);
  }

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

/* @field of each attachment of @record in @db, joined by "," */
static char *
listed (Fixture    *f,
        const char *db,
        const char *record,
        const char *field)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *attachments = list (f, db, record, &root);
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (attachments); i++)
    g_string_append_printf (joined, "%s%s", i > 0 ? "," : "",
                            json_object_get_string_member (json_array_get_object_element (attachments, i), field));
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* The first <data> of @path with one base64 letter changed */
static void
damage_file (const char *path,
             gboolean    with_digest)
{
  g_autofree char *contents = NULL;
  char *data;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  data = strstr (contents, "<data>");
  g_assert_nonnull (data);
  data += strlen ("<data>") + 200;
  *data = *data == 'A' ? 'B' : 'A';
  if (!with_digest)
    tx_test_drop_digest (contents);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

/* Attachments travel in the exchange file, their files byte for byte
 * (their checksums compared, and the files written back); a deletion
 * travels too; a file whose attachment was damaged on the way is
 * refused whole, saying which, and nothing is written. */
static void
test_exchange (Fixture       *f,
               gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *file = g_build_filename (f->dir, "全部.xml.gz", NULL);
  g_autofree char *file2 = g_build_filename (f->dir, "变动.xml", NULL);
  g_autofree char *out = g_build_filename (f->dir, "导出", NULL);
  g_autofree char *written = NULL;
  g_autofree char *ours = NULL, *theirs = NULL, *uuids = NULL;
  g_auto(GStrv) uuid = NULL;

  tx_test_cli (&run, f->db, EXCHANGE_DAY, NULL, "attachment", "add", MEETING, f->photo, "--kind", "photo",
               "--caption", "协商会议现场", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, EXCHANGE_DAY, NULL, "attachment", "add", MEETING, f->scan, "--kind", "signin_scan", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, EXCHANGE_DAY, NULL, "activity", "add", "--kind", "training", "--title", "联络员培训",
               "--date", "2026-11-20", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, EXCHANGE_DAY, NULL, "attachment", "add", "联络员培训", f->photo, "--caption", "培训现场", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);

  /* everything, compressed, to another database: the same attachments */
  tx_test_cli (&run, f->db, EXCHANGE_DAY, NULL, "export", file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, other, EXCHANGE_DAY, NULL, "import", file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  for (guint i = 0; i < 2; i++)
    {
      const char *record = i == 0 ? MEETING : "联络员培训";
      const char * const fields[] = { "uuid", "sha256", "kind", "caption", "file_name", "media_type", "updated_at" };

      for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
        {
          ours = listed (f, f->db, record, fields[j]);
          theirs = listed (f, other, record, fields[j]);
          g_assert_cmpstr (theirs, ==, ours);
          g_assert_cmpstr (theirs, !=, "");
          g_clear_pointer (&ours, g_free);
          g_clear_pointer (&theirs, g_free);
        }
    }
  tx_test_cli (&run, other, EXCHANGE_DAY, NULL, "attachment", "export", MEETING, out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  written = g_build_filename (out, "会议现场.png", NULL);
  assert_same_file (written, f->photo);
  g_free (written);
  written = g_build_filename (out, "签到表.pdf", NULL);
  assert_same_file (written, f->scan);
  tx_test_cli (&run, other, EXCHANGE_DAY, NULL, "check", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);

  /* deleted here: deleted there */
  uuids = listed (f, f->db, MEETING, "uuid");
  uuid = g_strsplit (uuids, ",", -1);
  tx_test_cli (&run, f->db, EXCHANGE_DAY, NULL, "attachment", "delete", uuid[1], NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, EXCHANGE_DAY, NULL, "export", file2, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, other, EXCHANGE_DAY, NULL, "import", file2, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "1 deleted"));
  tx_test_run_clear (&run);
  theirs = listed (f, other, MEETING, "uuid");
  g_assert_cmpstr (theirs, ==, uuid[0]);
  g_clear_pointer (&theirs, g_free);

  /* a byte of the photo changed on the way: refused, nothing written */
  tx_test_cli (&run, f->db, EXCHANGE_DAY, NULL, "attachment", "add", MEETING, f->scan, "--caption", "第二份", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, EXCHANGE_DAY, NULL, "export", file2, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  damage_file (file2, TRUE);
  /* the file's own checksum finds it first */
  tx_test_cli (&run, other, EXCHANGE_DAY, NULL, "import", file2, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "变动.xml is damaged or incomplete: what it holds does not match its checksum."));
  tx_test_run_clear (&run);
  theirs = listed (f, other, MEETING, "uuid");
  g_assert_cmpstr (theirs, ==, uuid[0]);
  g_clear_pointer (&theirs, g_free);
  /* and in a file without one (of an earlier version), the attachment's */
  tx_test_cli (&run, f->db, EXCHANGE_DAY, NULL, "export", file2, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  damage_file (file2, FALSE);
  tx_test_cli (&run, other, EXCHANGE_DAY, NULL, "import", file2, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "the attachment “会议现场.png” cannot be kept: its file was damaged on the way: "
                                  "its checksum is not the one it was sent with. Ask the sender to export the file again.\n"));
  tx_test_run_clear (&run);
  theirs = listed (f, other, MEETING, "uuid");
  g_assert_cmpstr (theirs, ==, uuid[0]);
}

/* A township's attachment at the city office: a caption changed on
 * both sides since the last file is a conflict, shown field by field
 * (the file told by its size and checksum) and decided as the others
 * are; taking theirs gives the township's caption, the file the same. */
static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_auto(TxTestRun) run = { 0, };
  g_autofree char *city = g_build_filename (f->dir, "city.db", NULL);
  g_autofree char *file = g_build_filename (f->dir, "仙桥乡.xml.gz", NULL);
  g_autofree char *file2 = g_build_filename (f->dir, "仙桥乡-更新.xml.gz", NULL);
  g_autofree char *uuid = NULL, *caption = NULL, *sha = NULL;

  tx_test_cli (&run, f->db, EXCHANGE_DAY, NULL, "attachment", "add", MEETING, f->photo, "--kind", "photo",
               "--caption", "协商会议现场", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  uuid = listed (f, f->db, MEETING, "uuid");
  sha = listed (f, f->db, MEETING, "sha256");

  tx_test_cli (&run, city, EXCHANGE_DAY, NULL, "init", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, city, EXCHANGE_DAY, NULL, "config", "set", "office-kind", "city", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, EXCHANGE_DAY, NULL, "export", "--township", "仙桥乡", file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, city, EXCHANGE_DAY, NULL, "import", file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  caption = listed (f, city, MEETING, "caption");
  g_assert_cmpstr (caption, ==, "协商会议现场");
  g_clear_pointer (&caption, g_free);

  tx_test_cli (&run, f->db, EXCHANGE_DAY, NULL, "attachment", "edit", uuid, "--caption", "乡里写的说明", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, city, EXCHANGE_DAY, NULL, "attachment", "edit", uuid, "--caption", "市里写的说明", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, f->db, EXCHANGE_DAY, NULL, "export", "--township", "仙桥乡", "--since-last", file2, NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  tx_test_cli (&run, city, EXCHANGE_DAY, NULL, "import", file2, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "1 conflict"));
  tx_test_run_clear (&run);
  caption = listed (f, city, MEETING, "caption");
  g_assert_cmpstr (caption, ==, "市里写的说明");
  g_clear_pointer (&caption, g_free);

  tx_test_cli (&run, city, EXCHANGE_DAY, NULL, "conflicts", "show", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Caption\t市里写的说明\t乡里写的说明\t*\n"));
  g_assert_nonnull (strstr (run.out, "File name\t会议现场.png\t会议现场.png\t\n"));
  {
    g_autofree char *file_line = g_strdup_printf (", checksum %.12s\t", sha);

    g_assert_nonnull (strstr (run.out, file_line));
  }
  g_assert_null (strstr (run.out, "data"));
  tx_test_run_clear (&run);

  /* the other office's version is kept without its file, the same as
   * the one here: the conflict costs no copy of the photo */
  {
    sqlite3 *handle = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open (city, &handle), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT theirs FROM conflict WHERE id = 1", -1, &stmt, NULL), ==,
                     SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 0), "乡里写的说明"));
    g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 0), sha));
    g_assert_null (strstr ((const char *) sqlite3_column_text (stmt, 0), "<data>"));
    sqlite3_finalize (stmt);
    sqlite3_close (handle);
  }

  tx_test_cli (&run, city, EXCHANGE_DAY, NULL, "conflicts", "resolve", "1", "theirs", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tx_test_run_clear (&run);
  caption = listed (f, city, MEETING, "caption");
  g_assert_cmpstr (caption, ==, "乡里写的说明");
  g_clear_pointer (&sha, g_free);
  sha = listed (f, city, MEETING, "sha256");
  {
    g_autofree char *photo_sha = sha256_of (f->photo);

    g_assert_cmpstr (sha, ==, photo_sha);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/attachments/add-list-export", Fixture, NULL, fixture_set_up, test_add_list_export, fixture_tear_down);
  g_test_add ("/attachments/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/attachments/backup-and-damage", Fixture, NULL, fixture_set_up, test_backup_and_damage, fixture_tear_down);
  g_test_add ("/attachments/exchange", Fixture, NULL, fixture_set_up, test_exchange, fixture_tear_down);
  g_test_add ("/attachments/conflict", Fixture, NULL, fixture_set_up, test_conflict, fixture_tear_down);

  return g_test_run ();
}
