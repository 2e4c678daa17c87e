/* tx-roster-export.c
 *
 * The columns are the ones the importer reads, with Chinese headers and
 * labels, so a file exported here, edited in Excel or WPS and imported
 * again updates the same people.  CSV is UTF-8 with a byte order mark and
 * CRLF line ends, which is what makes Excel on Chinese Windows read it
 * right; XLSX is written with libxlsxwriter.
 *
 * Both are written whole or not at all, through a TxFileWriter.
 *
 * A cell is data, never a formula.  In CSV, Excel and WPS run a cell
 * that begins with = + - @ (and, through the tab and the carriage
 * return they skip, one that begins with those), so such a cell, and
 * one that begins with an apostrophe, is written with an apostrophe
 * in front (OWASP's advice on CSV injection); the import takes exactly
 * that apostrophe off again (tx-roster-import.c), so every value comes
 * back as it was.  In XLSX every cell is a string cell; one longer
 * than Excel takes (32,767 characters) is cut and marked, and the
 * report counts it, so nothing goes missing unsaid.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-roster-export"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "tx-file.h"
#include "tx-roster-export.h"
#include "tx-vocabulary.h"

static const char * const headers[] = {
  "姓名", "性别", "民族", "乡镇(街道)", "村(社区)", "身份类别",
  "工作单位", "职务", "联系电话", "备注", "任职时间",
};

#define N_COLUMNS G_N_ELEMENTS (headers)

static char *
categories_in_chinese (TxPerson *person)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < tx_person_get_n_categories (person); i++)
    {
      if (i > 0)
        g_string_append (text, "、");
      g_string_append (text, tx_category_get_chinese (tx_person_get_category (person, i)));
    }

  return g_string_free (text, FALSE);
}

/* The cells of one person, in the order of headers[]. */
static void
person_cells (TxPerson   *person,
              const char *cells[N_COLUMNS],
              char      **owned)
{
  *owned = categories_in_chinese (person);

  cells[0] = tx_person_get_name (person);
  cells[1] = tx_gender_get_chinese (tx_person_get_gender (person));
  cells[2] = tx_person_get_ethnicity (person);
  cells[3] = tx_person_get_township_name (person);
  cells[4] = tx_person_get_village (person);
  cells[5] = *owned;
  cells[6] = tx_person_get_organization (person);
  cells[7] = tx_person_get_title (person);
  cells[8] = tx_person_get_phone (person);
  cells[9] = tx_person_get_notes (person);
  cells[10] = tx_person_get_post_since (person);
}

/* Whether a spreadsheet could take @text for a formula: it begins with
 * = + - @, or with a tab or carriage return (which Excel skips before
 * looking), or with the apostrophe that marks the others, so that one
 * written by a person comes back too. */
static gboolean
starts_like_formula (const char *text)
{
  return text[0] != '\0' && strchr ("=+-@\t\r'", text[0]) != NULL;
}

/**
 * tx_roster_export_csv_cell:
 *
 * Returns: (transfer full): @text as the CSV export writes it, before
 *   quoting: with an apostrophe in front when it could be taken for a
 *   formula
 */
char *
tx_roster_export_csv_cell (const char *text)
{
  return starts_like_formula (text) ? g_strconcat ("'", text, NULL) : g_strdup (text);
}

static void
append_csv_field (GString    *out,
                  const char *text)
{
  gboolean mark = starts_like_formula (text);
  gboolean quote = text[0] == ' ' || (text[0] != '\0' && text[strlen (text) - 1] == ' ') ||
                   strpbrk (text, ",\"\r\n") != NULL;

  if (quote)
    g_string_append_c (out, '"');
  if (mark)
    g_string_append_c (out, '\'');

  if (!quote)
    {
      g_string_append (out, text);
      return;
    }

  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* The length of @text as Excel counts it: in UTF-16 code units, so an
 * emoji or a rare CJK character beyond the BMP counts two. */
static gsize
excel_length (const char *text)
{
  gsize length = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    length += g_utf8_get_char (p) > 0xFFFF ? 2 : 1;

  return length;
}

/**
 * tx_roster_export_get_cut_mark:
 *
 * Returns: the end of an XLSX cell that was cut, translated
 */
const char *
tx_roster_export_get_cut_mark (void)
{
  /* Translators: the end of a spreadsheet cell whose text was too long
   * for Excel and was cut there */
  return _("… (truncated)");
}

/* @text cut to fit a cell with the mark at its end, or %NULL when it
 * fits as it is.  The cut is between characters. */
static char *
cut_for_excel (const char *text)
{
  const char *mark = tx_roster_export_get_cut_mark ();
  g_autofree char *kept = NULL;
  gsize room;
  gsize length = 0;
  const char *p;

  /* a UTF-8 byte is never less than a UTF-16 unit */
  if (strlen (text) <= TX_XLSX_MAX_CELL_LENGTH || excel_length (text) <= TX_XLSX_MAX_CELL_LENGTH)
    return NULL;

  room = TX_XLSX_MAX_CELL_LENGTH - excel_length (mark);
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize units = g_utf8_get_char (p) > 0xFFFF ? 2 : 1;

      if (length + units > room)
        break;
      length += units;
    }

  kept = g_strndup (text, p - text);
  return g_strconcat (kept, mark, NULL);
}

/* @text as XML can carry it, or %NULL when it can as it is.
 * libxlsxwriter writes control characters as Excel's _xHHHH_ escapes,
 * but bytes that are not UTF-8 and U+FFFE and U+FFFF as they are, which
 * would make the sheet invalid XML: those (found in an old database,
 * not typed by anyone) become U+FFFD or go. */
static char *
xml_safe (const char *text)
{
  GString *safe;

  if (g_utf8_validate (text, -1, NULL) && strstr (text, "\xEF\xBF\xBE") == NULL &&
      strstr (text, "\xEF\xBF\xBF") == NULL)
    return NULL;

  safe = g_string_new (NULL);
  {
    g_autofree char *valid = g_utf8_make_valid (text, -1);

    for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        if (c != 0xFFFE && c != 0xFFFF)
          g_string_append_unichar (safe, c);
      }
  }

  return g_string_free (safe, FALSE);
}

/**
 * tx_roster_export_xlsx_cell:
 * @cut: (out) (optional): whether @text was cut
 *
 * Returns: (transfer full): @text as the XLSX export writes it: whole
 *   when Excel takes it, else cut and marked
 */
char *
tx_roster_export_xlsx_cell (const char *text,
                            gboolean   *cut)
{
  char *shorter = cut_for_excel (text);

  if (cut != NULL)
    *cut = shorter != NULL;

  return shorter != NULL ? shorter : g_strdup (text);
}

static GPtrArray *
query (TxStore              *store,
       const TxPersonFilter *filter,
       TxRosterExportReport *report,
       GError              **error)
{
  GPtrArray *people = tx_roster_query (store, filter, error);

  if (people != NULL)
    {
      report->n_people = people->len;
      report->n_cut = 0;
    }

  return people;
}

/**
 * tx_roster_export_csv:
 * @report: (out): what was written
 *
 * Writes the roster as CSV at @path, whole or not at all.
 */
gboolean
tx_roster_export_csv (TxStore              *store,
                      const TxPersonFilter *filter,
                      const char           *path,
                      TxRosterExportReport *report,
                      GError              **error)
{
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  TxRosterExportReport unused;

  if (report == NULL)
    report = &unused;

  people = query (store, filter, report, error);
  if (people == NULL)
    return FALSE;

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      append_csv_field (out, headers[c]);
    }
  g_string_append (out, "\r\n");

  for (guint i = 0; i < people->len; i++)
    {
      const char *cells[N_COLUMNS];
      g_autofree char *owned = NULL;

      person_cells (g_ptr_array_index (people, i), cells, &owned);
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          append_csv_field (out, cells[c]);
        }
      g_string_append (out, "\r\n");
    }

  return tx_file_write_contents (path, out->str, out->len, error);
}

/* libxlsxwriter prints its failures on stderr itself, in English, with
 * its source file and line; the clerk gets our one message instead, and
 * the library's lines go to the debug log.  stderr belongs to the
 * process, so this is done by one thread at a time, and only around
 * the calls that print; what another thread prints meanwhile goes to
 * the debug log too. */
typedef struct {
  int saved;
  int pipe[2];
} Quiet;

G_LOCK_DEFINE_STATIC (stderr_lock);

static void
quiet_begin (Quiet *quiet)
{
  G_LOCK (stderr_lock);

  fflush (stderr);
  quiet->saved = dup (STDERR_FILENO);
  if (quiet->saved < 0)
    return;
  if (!g_unix_open_pipe (quiet->pipe, FD_CLOEXEC, NULL))
    {
      close (quiet->saved);
      quiet->saved = -1;
      return;
    }
  /* a library that says more than a pipe holds is not stopped by it */
  g_unix_set_fd_nonblocking (quiet->pipe[1], TRUE, NULL);
  g_unix_set_fd_nonblocking (quiet->pipe[0], TRUE, NULL);
  dup2 (quiet->pipe[1], STDERR_FILENO);
}

static void
quiet_end (Quiet *quiet)
{
  if (quiet->saved >= 0)
    {
      g_autoptr(GString) said = g_string_new (NULL);
      char buffer[1024];
      gssize n;

      fflush (stderr);
      dup2 (quiet->saved, STDERR_FILENO);
      close (quiet->saved);
      close (quiet->pipe[1]);
      while ((n = read (quiet->pipe[0], buffer, sizeof buffer)) > 0)
        g_string_append_len (said, buffer, n);
      close (quiet->pipe[0]);

      if (said->len > 0)
        g_debug ("libxlsxwriter: %s", g_strchomp (said->str));
    }

  G_UNLOCK (stderr_lock);
}

static guint16
le16 (const guint8 *p)
{
  return p[0] | p[1] << 8;
}

static guint32
le32 (const guint8 *p)
{
  return p[0] | p[1] << 8 | p[2] << 16 | (guint32) p[3] << 24;
}

/* Whether the part of a zip at @local (its local header) inflates to
 * exactly @unpacked bytes and reads as well-formed XML. */
static gboolean
zip_part_is_whole (const guint8 *zip,
                   gsize         size,
                   guint32       local,
                   guint16       method,
                   guint32       packed,
                   guint32       unpacked)
{
  g_autoptr(GConverter) inflater = NULL;
  g_autofree guint8 *data = NULL;
  xmlTextReaderPtr reader;
  gsize in = 0, out = 0, start;
  int status;

  if ((gsize) local + 30 > size || le32 (zip + local) != 0x04034b50)
    return FALSE;
  start = (gsize) local + 30 + le16 (zip + local + 26) + le16 (zip + local + 28);
  if (start > size || packed > size - start || (method != 0 && method != 8))
    return FALSE;

  /* one byte more than recorded, so that a longer part shows */
  data = g_malloc ((gsize) unpacked + 1);
  if (method == 0)
    {
      if (packed != unpacked)
        return FALSE;
      memcpy (data, zip + start, packed);
      out = packed;
    }
  else
    {
      inflater = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW));
      for (;;)
        {
          gsize read = 0, written = 0;
          GConverterResult result;

          result = g_converter_convert (inflater, zip + start + in, packed - in,
                                        data + out, (gsize) unpacked + 1 - out,
                                        G_CONVERTER_INPUT_AT_END, &read, &written, NULL);
          in += read;
          out += written;
          if (result == G_CONVERTER_FINISHED)
            break;
          if (result == G_CONVERTER_ERROR || (read == 0 && written == 0))
            return FALSE;
        }
    }
  if (out != unpacked)
    return FALSE;

  /* read through, not kept: a sheet of 100,000 people is large */
  reader = xmlReaderForMemory ((const char *) data, (int) out, NULL, NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
  if (reader == NULL)
    return FALSE;
  while ((status = xmlTextReaderRead (reader)) == 1)
    ;
  xmlFreeTextReader (reader);

  return status == 0;
}

/* libxlsxwriter writes each part of a workbook to a temporary file of
 * its own before zipping it, and does not check those writes: on a full
 * disk, or past the file size limit, it zips the parts cut short and
 * reports success.  So the workbook is read back before it replaces
 * anything: each of its parts must be there whole and be XML. */
static gboolean
xlsx_is_whole (const char *path)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  const guint8 *zip;
  gsize size, end, entry;
  guint n_entries;

  if (file == NULL)
    return FALSE;
  zip = (const guint8 *) g_mapped_file_get_contents (file);
  size = g_mapped_file_get_length (file);
  if (size < 22)
    return FALSE;

  /* the end of the central directory, before a comment of up to 64 kB */
  for (end = size - 22; ; end--)
    {
      if (le32 (zip + end) == 0x06054b50)
        break;
      if (end == 0 || size - end > 22 + 0xFFFF)
        return FALSE;
    }

  n_entries = le16 (zip + end + 10);
  entry = le32 (zip + end + 16);
  if (n_entries == 0)
    return FALSE;

  for (guint i = 0; i < n_entries; i++)
    {
      if (entry + 46 > end || le32 (zip + entry) != 0x02014b50)
        return FALSE;
      if (!zip_part_is_whole (zip, size, le32 (zip + entry + 42), le16 (zip + entry + 10),
                              le32 (zip + entry + 20), le32 (zip + entry + 24)))
        return FALSE;
      entry += 46 + le16 (zip + entry + 28) + le16 (zip + entry + 30) + le16 (zip + entry + 32);
    }

  return TRUE;
}

/* Whether @errsv says why a write failed on the disk, as libxlsxwriter
 * leaves errno after a failed write of its own. */
static gboolean
is_disk_errno (int errsv)
{
  return errsv == ENOSPC || errsv == EFBIG
#ifdef EDQUOT
         || errsv == EDQUOT
#endif
         ;
}

/* libxlsxwriter does not say why a part came out short.  What can cut
 * it is a limit on the size of files, or a full disk where it keeps its
 * temporary files or where the workbook goes: the errno of the likely
 * one, for the message, or 0. */
static int
why_cut_short (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  const char *folders[] = { g_get_tmp_dir (), folder };
  struct rlimit limit;

  if (getrlimit (RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    return EFBIG;

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      struct statvfs fs;

      /* less than a megabyte left */
      if (statvfs (folders[i], &fs) == 0 && (guint64) fs.f_bavail * fs.f_frsize < 1024 * 1024)
        return ENOSPC;
    }

  return 0;
}

/* A workbook of one sheet, written into @writer's temporary file; FALSE
 * with @writer failed when it cannot be started */
static gboolean
open_workbook (TxFileWriter   *writer,
               const char     *path,
               const char     *sheet_name,
               lxw_workbook  **workbook,
               lxw_worksheet **sheet)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
  Quiet quiet;
  int errsv;

  errno = 0;
  quiet_begin (&quiet);
  *workbook = workbook_new_opt (tx_file_writer_get_temp_path (writer), &options);
  *sheet = *workbook != NULL ? workbook_add_worksheet (*workbook, sheet_name) : NULL;
  if (*sheet == NULL && *workbook != NULL)
    workbook_close (*workbook);
  errsv = errno;
  quiet_end (&quiet);
  if (*sheet == NULL)
    {
      tx_file_writer_set_failed (writer, is_disk_errno (errsv) ? errsv : why_cut_short (path));
      return FALSE;
    }

  return TRUE;
}

/* Closes @workbook, and the file is whole or not at all */
static gboolean
close_workbook (TxFileWriter  *writer,
                const char    *path,
                lxw_workbook  *workbook,
                lxw_error      status,
                GError       **error)
{
  Quiet quiet;
  int errsv;

  errno = 0;
  quiet_begin (&quiet);
  if (status == LXW_NO_ERROR)
    status = workbook_close (workbook);
  else
    workbook_close (workbook);
  errsv = errno;
  quiet_end (&quiet);

  if (status != LXW_NO_ERROR || !xlsx_is_whole (tx_file_writer_get_temp_path (writer)))
    {
      g_debug ("Could not write %s: %s", path, status != LXW_NO_ERROR ? lxw_strerror (status) : "a part was cut short");
      tx_file_writer_set_failed (writer, is_disk_errno (errsv) ? errsv : why_cut_short (path));
    }

  return tx_file_writer_commit (writer, error);
}

/**
 * tx_roster_export_xlsx:
 * @report: (out): what was written, and how many cells were cut
 *
 * Writes the roster as an Excel workbook at @path, whole or not at all.
 */
gboolean
tx_roster_export_xlsx (TxStore              *store,
                       const TxPersonFilter *filter,
                       const char           *path,
                       TxRosterExportReport *report,
                       GError              **error)
{
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(TxFileWriter) writer = NULL;
  static const double widths[N_COLUMNS] = { 10, 6, 8, 14, 14, 24, 28, 16, 16, 20, 12 };
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *bold;
  lxw_error status = LXW_NO_ERROR;
  TxRosterExportReport unused;

  if (report == NULL)
    report = &unused;

  people = query (store, filter, report, error);
  if (people == NULL)
    return FALSE;

  /* libxlsxwriter opens the temporary file by its name and writes it */
  writer = tx_file_writer_new (path, error);
  if (writer == NULL)
    return FALSE;

  if (!open_workbook (writer, path, "人员名册", &workbook, &sheet))
    return tx_file_writer_commit (writer, error);

  bold = workbook_add_format (workbook);
  format_set_bold (bold);

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      worksheet_set_column (sheet, c, c, widths[c], NULL);
      worksheet_write_string (sheet, 0, c, headers[c], bold);
    }
  worksheet_freeze_panes (sheet, 1, 0);

  for (guint i = 0; i < people->len && status == LXW_NO_ERROR; i++)
    {
      const char *cells[N_COLUMNS];
      g_autofree char *owned = NULL;

      person_cells (g_ptr_array_index (people, i), cells, &owned);
      for (guint c = 0; c < N_COLUMNS && status == LXW_NO_ERROR; c++)
        {
          g_autofree char *safe = NULL;
          g_autofree char *cut = NULL;
          const char *text = cells[c];

          if (text[0] == '\0')
            continue;

          safe = xml_safe (text);
          if (safe != NULL)
            text = safe;

          /* a string cell, never a formula, and never dropped for its
           * length (libxlsxwriter refuses it unsaid) */
          cut = cut_for_excel (text);
          if (cut != NULL)
            report->n_cut++;
          status = worksheet_write_string (sheet, i + 1, c, cut != NULL ? cut : text, NULL);
        }
    }

  return close_workbook (writer, path, workbook, status, error);
}

/**
 * tx_xlsx_write_table:
 * @header: (array length=n_columns): the first row, in bold
 * @widths: (array length=n_columns): of each column, in characters
 * @cells: (array length=n_cells): row after row under the headers; a
 *   cell that is a number is written as one
 *
 * Writes a spreadsheet of one sheet at @path, whole or not at all, as
 * the roster's is.
 */
gboolean
tx_xlsx_write_table (const char          *path,
                     const char          *sheet_name,
                     guint                n_columns,
                     const char * const  *header,
                     const double        *widths,
                     const char * const  *cells,
                     guint                n_cells,
                     GError             **error)
{
  g_autoptr(TxFileWriter) writer = NULL;
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *bold;
  lxw_error status = LXW_NO_ERROR;

  writer = tx_file_writer_new (path, error);
  if (writer == NULL)
    return FALSE;

  if (!open_workbook (writer, path, sheet_name, &workbook, &sheet))
    return tx_file_writer_commit (writer, error);

  bold = workbook_add_format (workbook);
  format_set_bold (bold);
  for (guint c = 0; c < n_columns; c++)
    {
      worksheet_set_column (sheet, c, c, widths[c], NULL);
      worksheet_write_string (sheet, 0, c, header[c], bold);
    }
  worksheet_freeze_panes (sheet, 1, 1);

  for (guint i = 0; i < n_cells && status == LXW_NO_ERROR; i++)
    {
      const char *text = cells[i];
      guint64 number;

      if (text == NULL || text[0] == '\0')
        continue;
      if (g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &number, NULL))
        status = worksheet_write_number (sheet, i / n_columns + 1, i % n_columns, (double) number, NULL);
      else
        status = worksheet_write_string (sheet, i / n_columns + 1, i % n_columns, text, NULL);
    }

  return close_workbook (writer, path, workbook, status, error);
}

/**
 * tx_roster_export_report:
 * @path: ends in .csv or .xlsx
 * @report: (out): what was written
 *
 * Writes the roster of @filter to @path, whole or not at all.
 */
gboolean
tx_roster_export_report (TxStore              *store,
                         const TxPersonFilter *filter,
                         const char           *path,
                         TxRosterExportReport *report,
                         GError              **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".xlsx"))
    return tx_roster_export_xlsx (store, filter, path, report, error);
  if (g_str_has_suffix (lower, ".csv"))
    return tx_roster_export_csv (store, filter, path, report, error);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” must end in .csv or .xlsx."), path);
  return FALSE;
}

/**
 * tx_roster_export:
 * @path: ends in .csv or .xlsx
 * @n_people: (out) (optional): the people written
 *
 * tx_roster_export_report(), for a caller that needs only the count.
 */
gboolean
tx_roster_export (TxStore              *store,
                  const TxPersonFilter *filter,
                  const char           *path,
                  guint                *n_people,
                  GError              **error)
{
  TxRosterExportReport report = { 0, 0 };
  gboolean ok = tx_roster_export_report (store, filter, path, &report, error);

  if (n_people != NULL)
    *n_people = report.n_people;

  return ok;
}
