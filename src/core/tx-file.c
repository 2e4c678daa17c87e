/* tx-file.c
 *
 * Every file Tongxin writes for the clerk — documents, prints, charts,
 * spreadsheets, calendars — goes through here, so that a write that
 * fails says so and leaves nothing behind: the data go to a temporary
 * file in the target's folder, every write, the flush to the disk and
 * the close are checked, and only a file written whole is renamed over
 * the target.  A failure deletes the temporary file and leaves an
 * earlier file of that name as it was.
 *
 * Why not g_file_replace(): for a file that does not exist yet GIO
 * writes straight into it, so a full disk leaves a cut or empty file
 * under the final name; for one that exists it writes a temporary file,
 * but renames it over the old one on close even after a failed write
 * (unless the close is cancelled), and when it cannot keep the old
 * file's owner or mode it falls back to rewriting the old file in
 * place.  It also folds "file too large" (EFBIG) into
 * G_IO_ERROR_FAILED with libc's English.  Here the errno is kept, so
 * the message can say what happened and what to do.
 *
 * Files are created 0600 whatever the umask, like the database: a
 * roster holds phone numbers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tx-file.h"

#define FILE_MODE 0600

/* What is written goes to the file this much at a time: libxml2 and
 * Cairo hand over a few kB at a time, and an export of a city, 440 MB,
 * made a hundred thousand calls to the system */
#define BUFFER_SIZE (256 * 1024)

struct _TxFileWriter
{
  char     *path;
  char     *temp_path;
  int       fd;          /* -1 once closed */
  int       errsv;       /* the first failure, 0 while none */
  gboolean  committed;
  char     *buffer;      /* BUFFER_SIZE bytes, once anything is written */
  gsize     buffered;    /* of them, not yet in the file */
};

G_DEFINE_QUARK (tx-file-error-quark, tx_file_error)

static TxFileError
error_from_errno (int errsv)
{
  switch (errsv)
    {
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
      return TX_FILE_ERROR_NO_SPACE;

    case EFBIG:
      return TX_FILE_ERROR_TOO_LARGE;

    case EACCES:
    case EPERM:
    case EROFS:
      return TX_FILE_ERROR_NOT_WRITABLE;

    case ENOENT:
    case ENOTDIR:
      return TX_FILE_ERROR_NO_FOLDER;

    case EISDIR:
      return TX_FILE_ERROR_IS_FOLDER;

    default:
      return TX_FILE_ERROR_FAILED;
    }
}

/**
 * tx_file_set_error:
 * @path: the file that was to be written
 * @errsv: the errno of the failure
 *
 * Sets @error to what a clerk needs to know: which file, what went
 * wrong and what to do, in the clerk's language.  The system's own
 * words go to the debug log.
 */
void
tx_file_set_error (GError     **error,
                   const char  *path,
                   int          errsv)
{
  TxFileError code = error_from_errno (errsv);

  g_debug ("Could not write %s: %s", path, g_strerror (errsv));

  switch (code)
    {
    case TX_FILE_ERROR_NO_SPACE:
      g_set_error (error, TX_FILE_ERROR, code,
                   _("Could not write “%s”: the disk is full. Free some space or choose another disk, then try again."),
                   path);
      break;

    case TX_FILE_ERROR_TOO_LARGE:
      g_set_error (error, TX_FILE_ERROR, code,
                   _("Could not write “%s”: the file would be larger than this computer allows. Choose another disk, or ask whoever looks after the computer to raise the file size limit."),
                   path);
      break;

    case TX_FILE_ERROR_NOT_WRITABLE:
      g_set_error (error, TX_FILE_ERROR, code,
                   _("Could not write “%s”: the folder cannot be written. Choose another folder."),
                   path);
      break;

    case TX_FILE_ERROR_NO_FOLDER:
      g_set_error (error, TX_FILE_ERROR, code,
                   _("Could not write “%s”: the folder does not exist. Choose a folder that exists."),
                   path);
      break;

    case TX_FILE_ERROR_IS_FOLDER:
      g_set_error (error, TX_FILE_ERROR, code,
                   _("Could not write “%s”: that is the name of a folder. Give the name of a file."),
                   path);
      break;

    case TX_FILE_ERROR_FAILED:
    default:
      g_set_error (error, TX_FILE_ERROR, TX_FILE_ERROR_FAILED,
                   _("Could not write “%s”: the disk did not take it. Check that the disk is still connected and has room, then try again."),
                   path);
      break;
    }
}

/* The temporary file sits beside the target, so the rename that ends
 * the write never crosses a file system; it is hidden, and named after
 * the target so that one left by a crash says what it was. */
static char *
temp_template (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *hidden = NULL;

  /* a long name plus ".XXXXXX" could pass the 255 bytes of a name */
  if (strlen (name) > 200)
    hidden = g_strdup (".tongxin.XXXXXX");
  else
    hidden = g_strdup_printf (".%s.XXXXXX", name);

  return g_build_filename (folder, hidden, NULL);
}

/**
 * tx_file_writer_new:
 * @path: the file to write; an earlier file of that name is replaced
 *   only when the new one is written whole
 *
 * Starts writing @path: a temporary file, mode 0600, in its folder.
 * Write with tx_file_writer_write(), or let a library write
 * tx_file_writer_get_temp_path(); end with tx_file_writer_commit().
 * Freeing the writer before that deletes the temporary file.
 *
 * Returns: (transfer full): the writer, or %NULL with @error set when
 *   the folder cannot take a file
 */
TxFileWriter *
tx_file_writer_new (const char  *path,
                    GError     **error)
{
  g_autofree char *temp_path = NULL;
  TxFileWriter *writer;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  /* found now, not after the whole document is drawn */
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      tx_file_set_error (error, path, EISDIR);
      return NULL;
    }

  temp_path = temp_template (path);
  fd = g_mkstemp_full (temp_path, O_WRONLY | O_CLOEXEC, FILE_MODE);
  if (fd < 0)
    {
      tx_file_set_error (error, path, errno);
      return NULL;
    }

  /* 0600 even under a umask that would take the owner's write away.  A
   * file system without modes (a FAT memory stick) may refuse: the file
   * is written all the same. */
  if (fchmod (fd, FILE_MODE) != 0)
    g_debug ("Could not set the mode of %s: %s", temp_path, g_strerror (errno));

  writer = g_new0 (TxFileWriter, 1);
  writer->path = g_strdup (path);
  writer->temp_path = g_steal_pointer (&temp_path);
  writer->fd = fd;

  return writer;
}

const char *
tx_file_writer_get_path (TxFileWriter *writer)
{
  return writer->path;
}

/**
 * tx_file_writer_get_temp_path:
 *
 * The temporary file, for a library that writes to a file name (it
 * must open it for writing, not replace it, so its mode stays 0600).
 * Tell the writer when that library fails: tx_file_writer_set_failed().
 */
const char *
tx_file_writer_get_temp_path (TxFileWriter *writer)
{
  return writer->temp_path;
}

/**
 * tx_file_writer_set_failed:
 * @errsv: the errno of the failure, or 0 when it is not known
 *
 * Says that writing failed elsewhere, e.g. in a library that wrote the
 * temporary file: the commit will not replace the target.  Only the
 * first failure is kept.
 */
void
tx_file_writer_set_failed (TxFileWriter *writer,
                           int           errsv)
{
  if (writer->errsv == 0)
    writer->errsv = errsv != 0 ? errsv : EIO;
}

gboolean
tx_file_writer_has_failed (TxFileWriter *writer)
{
  return writer->errsv != 0;
}

static void
write_out (TxFileWriter *writer,
           const char   *p,
           gsize         size)
{
  while (size > 0 && writer->errsv == 0)
    {
      gssize written = write (writer->fd, p, size);

      /* past the file size limit, write() says EFBIG rather than the
       * process dying, because main() ignores SIGXFSZ */
      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        tx_file_writer_set_failed (writer, errno);
      else if (written == 0)
        tx_file_writer_set_failed (writer, ENOSPC);
      else
        {
          p += written;
          size -= written;
        }
    }
}

static void
write_buffered (TxFileWriter *writer)
{
  write_out (writer, writer->buffer, writer->buffered);
  writer->buffered = 0;
}

/**
 * tx_file_writer_write:
 *
 * Appends @data.  After a failure nothing more is written, and the
 * commit reports it; callers that stream (Cairo) may stop at once.
 * What is appended reaches the file 256 kB at a time, and at the close:
 * a failure may show at a later write, or only there.
 *
 * Returns: %FALSE once writing has failed
 */
gboolean
tx_file_writer_write (TxFileWriter *writer,
                      const void   *data,
                      gsize         size)
{
  g_return_val_if_fail (writer->fd >= 0 || writer->errsv != 0, FALSE);

  if (writer->errsv != 0)
    return FALSE;

  if (writer->buffered + size > BUFFER_SIZE)
    write_buffered (writer);

  if (size >= BUFFER_SIZE)
    write_out (writer, data, size);
  else if (size > 0)
    {
      if (writer->buffer == NULL)
        writer->buffer = g_malloc (BUFFER_SIZE);
      memcpy (writer->buffer + writer->buffered, data, size);
      writer->buffered += size;
    }

  return writer->errsv == 0;
}

static void
discard (TxFileWriter *writer)
{
  if (writer->fd >= 0)
    {
      g_close (writer->fd, NULL);
      writer->fd = -1;
    }
  if (!writer->committed)
    g_unlink (writer->temp_path);
}

/**
 * tx_file_writer_close:
 *
 * Ends the writing: the data are flushed to the disk and the temporary
 * file closed, but the target is not replaced yet.  For a caller that
 * must record something once the file is sure to be whole (the circular
 * freezes its ledger), then commits.  A full disk often shows itself
 * only here, when the data reach it.
 *
 * Returns: %FALSE with @error set when anything written failed; the
 *   temporary file is gone then
 */
gboolean
tx_file_writer_close (TxFileWriter  *writer,
                      GError       **error)
{
  if (writer->fd >= 0 && writer->errsv == 0)
    write_buffered (writer);
  if (writer->fd >= 0 && writer->errsv == 0)
    {
      /* EINVAL: a file system that cannot sync; the close still says */
      if (fsync (writer->fd) != 0 && errno != EINVAL)
        tx_file_writer_set_failed (writer, errno);
      if (!g_close (writer->fd, NULL))
        tx_file_writer_set_failed (writer, errno);
      writer->fd = -1;
    }

  if (writer->errsv != 0)
    {
      discard (writer);
      tx_file_set_error (error, writer->path, writer->errsv);
      return FALSE;
    }

  return TRUE;
}

/**
 * tx_file_writer_commit:
 *
 * Closes the file, if tx_file_writer_close() has not, and renames it
 * over the target.
 *
 * Returns: %FALSE with @error set when the file could not be written
 *   whole; the target is then as it was
 */
gboolean
tx_file_writer_commit (TxFileWriter  *writer,
                       GError       **error)
{
  g_return_val_if_fail (!writer->committed, FALSE);

  if (!tx_file_writer_close (writer, error))
    return FALSE;

  if (g_rename (writer->temp_path, writer->path) != 0)
    {
      tx_file_writer_set_failed (writer, errno);
      discard (writer);
      tx_file_set_error (error, writer->path, writer->errsv);
      return FALSE;
    }

  writer->committed = TRUE;
  return TRUE;
}

/**
 * tx_file_writer_free:
 *
 * Frees @writer; a file not committed is deleted.
 */
void
tx_file_writer_free (TxFileWriter *writer)
{
  if (writer == NULL)
    return;

  discard (writer);
  g_free (writer->buffer);
  g_free (writer->path);
  g_free (writer->temp_path);
  g_free (writer);
}

/**
 * tx_file_write_contents:
 *
 * Writes @data to @path whole, or not at all: g_file_set_contents()
 * with the mode, the cleaning up and the messages of a TxFileWriter.
 */
gboolean
tx_file_write_contents (const char  *path,
                        const void  *data,
                        gsize        size,
                        GError     **error)
{
  g_autoptr(TxFileWriter) writer = tx_file_writer_new (path, error);

  if (writer == NULL)
    return FALSE;

  tx_file_writer_write (writer, data, size);
  return tx_file_writer_commit (writer, error);
}
