/* test-file.c — files written whole or not at all (TxFileWriter)
 *
 * What a clerk would check after a failed export: the message says
 * why, no file (or the earlier one, as it was) under the name, nothing
 * half-written left beside it; and after a good one, a file only its
 * owner can read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "tx-file.h"

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("tongxin-file-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("sh -c \"chmod -R u+rwx '%s'; rm -rf '%s'\"", f->dir, f->dir);

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
}

/* The names in @dir, sorted, joined by spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

static void
assert_contents (const char *path,
                 const char *expected)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
}

static void
test_whole (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "名册.csv", NULL);
  g_autofree char *listed = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  mode_t old_umask;

  /* 0600 whatever the umask: one that allows all, and one that would
   * take the owner's own write away */
  old_umask = umask (0);
  g_assert_true (tx_file_write_contents (path, "姓名\r\n", strlen ("姓名\r\n"), &error));
  umask (old_umask);
  g_assert_no_error (error);
  assert_contents (path, "姓名\r\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);

  /* an earlier file of another mode is replaced, and the mode with it */
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  old_umask = umask (0277);
  g_assert_true (tx_file_write_contents (path, "second", 6, &error));
  umask (old_umask);
  g_assert_no_error (error);
  assert_contents (path, "second");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);

  /* nothing beside it */
  listed = list_dir (f->dir);
  g_assert_cmpstr (listed, ==, "名册.csv");
}

/* Run in a child: past RLIMIT_FSIZE, with SIGXFSZ ignored as main()
 * does, the write must fail with a message, not kill the process. */
static void
write_over_limit (const char *path)
{
  struct rlimit limit;
  g_autoptr(GError) error = NULL;
  g_autofree char *big = g_malloc (64 * 1024);

  memset (big, 'x', 64 * 1024);
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  limit.rlim_cur = 4096;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  g_assert_false (tx_file_write_contents (path, big, 64 * 1024, &error));
  g_assert_error (error, TX_FILE_ERROR, TX_FILE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, path));
  g_print ("%s\n", error->message);
}

static void
test_file_size_limit_keeps_earlier (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "签到表.pdf", NULL);
  g_autofree char *listed = NULL;

  if (g_test_subprocess ())
    {
      write_over_limit (g_getenv ("TX_TEST_PATH"));
      return;
    }

  g_assert_true (g_file_set_contents (path, "earlier", -1, NULL));
  g_setenv ("TX_TEST_PATH", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*larger than*");

  /* the earlier file as it was, and no temporary file */
  assert_contents (path, "earlier");
  listed = list_dir (f->dir);
  g_assert_cmpstr (listed, ==, "签到表.pdf");
}

static void
test_file_size_limit_new (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "new.pdf", NULL);
  g_autofree char *listed = NULL;

  if (g_test_subprocess ())
    {
      write_over_limit (g_getenv ("TX_TEST_PATH"));
      return;
    }

  g_setenv ("TX_TEST_PATH", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  /* no file at all: not an empty one, not a cut one */
  listed = list_dir (f->dir);
  g_assert_cmpstr (listed, ==, "");
}

/* A folder this process may not write: one made read-only, or, when
 * that does not stop us (root), /sys, which not even root may write. */
static char *
unwritable_folder (Fixture *f)
{
  g_autofree char *folder = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *probe = g_build_filename (folder, "probe", NULL);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0500), ==, 0);
  if (!g_file_set_contents (probe, "", 0, NULL))
    return g_steal_pointer (&folder);

  g_unlink (probe);
  return g_strdup ("/sys");
}

static void
test_folder_not_writable (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *folder = unwritable_folder (f);
  g_autofree char *path = g_build_filename (folder, "roster.xlsx", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (tx_file_write_contents (path, "x", 1, &error));
  g_assert_error (error, TX_FILE_ERROR, TX_FILE_ERROR_NOT_WRITABLE);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "another folder"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_no_folder (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "missing", "calendar.ics", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (tx_file_write_contents (path, "x", 1, &error));
  g_assert_error (error, TX_FILE_ERROR, TX_FILE_ERROR_NO_FOLDER);
  g_assert_nonnull (strstr (error->message, "does not exist"));
}

static void
test_is_folder (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "minutes.odt", NULL);
  g_autofree char *listed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_false (tx_file_write_contents (path, "x", 1, &error));
  g_assert_error (error, TX_FILE_ERROR, TX_FILE_ERROR_IS_FOLDER);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  listed = list_dir (f->dir);
  g_assert_cmpstr (listed, ==, "minutes.odt");
}

/* A writer given up, or failed by the library that wrote its file,
 * leaves nothing, and says what the library's errno was. */
static void
test_abandon_and_library_failure (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "roster.xlsx", NULL);
  g_autofree char *listed = NULL;
  g_autoptr(GError) error = NULL;
  TxFileWriter *writer;

  writer = tx_file_writer_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (tx_file_writer_get_temp_path (writer), G_FILE_TEST_IS_REGULAR));
  g_assert_true (tx_file_writer_write (writer, "half", 4));
  tx_file_writer_free (writer);
  listed = list_dir (f->dir);
  g_assert_cmpstr (listed, ==, "");

  g_assert_true (g_file_set_contents (path, "earlier", -1, NULL));
  writer = tx_file_writer_new (path, &error);
  g_assert_no_error (error);
  /* a library writes the file by its name, and fails on a full disk */
  g_assert_true (g_file_set_contents (tx_file_writer_get_temp_path (writer), "cut", -1, NULL));
  tx_file_writer_set_failed (writer, ENOSPC);
  g_assert_false (tx_file_writer_commit (writer, &error));
  g_assert_error (error, TX_FILE_ERROR, TX_FILE_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  tx_file_writer_free (writer);

  assert_contents (path, "earlier");
  g_clear_pointer (&listed, g_free);
  listed = list_dir (f->dir);
  g_assert_cmpstr (listed, ==, "roster.xlsx");
}

/* Closed but not committed: whole on the disk, not yet under its name
 * (the circular freezes its ledger in between). */
static void
test_close_then_commit (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "circular.odt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxFileWriter) writer = NULL;
  g_autofree char *temp = NULL;

  g_assert_true (g_file_set_contents (path, "earlier", -1, NULL));
  writer = tx_file_writer_new (path, &error);
  g_assert_no_error (error);
  temp = g_strdup (tx_file_writer_get_temp_path (writer));
  g_assert_true (g_str_has_prefix (temp, f->dir));

  g_assert_true (tx_file_writer_write (writer, "issued", 6));
  g_assert_true (tx_file_writer_close (writer, &error));
  g_assert_no_error (error);
  assert_contents (temp, "issued");
  assert_contents (path, "earlier");

  g_assert_true (tx_file_writer_commit (writer, &error));
  g_assert_no_error (error);
  assert_contents (path, "issued");
  g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));
}

/* Many pieces, small and larger than what the writer holds before it
 * writes (256 kB), reach the file whole and in order.  (What it holds
 * when the file cannot take it fails the commit: write_over_limit().) */
static void
test_pieces (Fixture       *f,
             gconstpointer  data)
{
  static const gsize sizes[] = { 1, 4000, 70000, 300000, 5, 262144, 262143, 17 };
  g_autofree char *path = g_build_filename (f->dir, "export.xml", NULL);
  g_autoptr(GString) expected = g_string_new ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(TxFileWriter) writer = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  guint n = 0;

  writer = tx_file_writer_new (path, &error);
  g_assert_no_error (error);
  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      {
        g_autofree char *piece = g_malloc (sizes[i]);

        for (gsize j = 0; j < sizes[i]; j++)
          piece[j] = 'a' + (n++ % 26);
        g_string_append_len (expected, piece, sizes[i]);
        g_assert_true (tx_file_writer_write (writer, piece, sizes[i]));
      }
  g_assert_true (tx_file_writer_commit (writer, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  g_assert_cmpuint (length, ==, expected->len);
  g_assert_true (memcmp (text, expected->str, length) == 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/file/whole", Fixture, NULL, fixture_set_up, test_whole, fixture_tear_down);
  g_test_add ("/file/pieces", Fixture, NULL, fixture_set_up, test_pieces, fixture_tear_down);
  g_test_add ("/file/size-limit-keeps-earlier", Fixture, NULL, fixture_set_up,
              test_file_size_limit_keeps_earlier, fixture_tear_down);
  g_test_add ("/file/size-limit-new", Fixture, NULL, fixture_set_up, test_file_size_limit_new, fixture_tear_down);
  g_test_add ("/file/folder-not-writable", Fixture, NULL, fixture_set_up, test_folder_not_writable, fixture_tear_down);
  g_test_add ("/file/no-folder", Fixture, NULL, fixture_set_up, test_no_folder, fixture_tear_down);
  g_test_add ("/file/is-folder", Fixture, NULL, fixture_set_up, test_is_folder, fixture_tear_down);
  g_test_add ("/file/abandon-and-library-failure", Fixture, NULL, fixture_set_up,
              test_abandon_and_library_failure, fixture_tear_down);
  g_test_add ("/file/close-then-commit", Fixture, NULL, fixture_set_up, test_close_then_commit, fixture_tear_down);

  return g_test_run ();
}
