/* tx-roster-export.c
 *
 * The columns are the ones the importer reads, with Chinese headers and
 * labels, so a file exported here, edited in Excel or WPS and imported
 * again updates the same people.  CSV is UTF-8 with a byte order mark and
 * CRLF line ends, which is what makes Excel on Chinese Windows read it
 * right; XLSX is written with libxlsxwriter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-roster-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "tx-roster-export.h"
#include "tx-vocabulary.h"

static const char * const headers[] = {
  "姓名", "性别", "民族", "乡镇(街道)", "村(社区)", "身份类别",
  "工作单位", "职务", "联系电话", "备注",
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
}

static void
append_csv_field (GString    *out,
                  const char *text)
{
  gboolean quote = text[0] == ' ' || (text[0] != '\0' && text[strlen (text) - 1] == ' ') ||
                   strpbrk (text, ",\"\r\n") != NULL;

  if (!quote)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static GPtrArray *
query (TxStore              *store,
       const TxPersonFilter *filter,
       guint                *n_people,
       GError              **error)
{
  GPtrArray *people = tx_roster_query (store, filter, error);

  if (people != NULL && n_people != NULL)
    *n_people = people->len;

  return people;
}

gboolean
tx_roster_export_csv (TxStore              *store,
                      const TxPersonFilter *filter,
                      const char           *path,
                      guint                *n_people,
                      GError              **error)
{
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GError) local_error = NULL;

  people = query (store, filter, n_people, error);
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

  /* g_file_set_contents writes a temporary file and renames it */
  if (!g_file_set_contents (path, out->str, out->len, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

gboolean
tx_roster_export_xlsx (TxStore              *store,
                       const TxPersonFilter *filter,
                       const char           *path,
                       guint                *n_people,
                       GError              **error)
{
  g_autoptr(GPtrArray) people = NULL;
  g_autofree char *tmp_path = g_strdup_printf ("%s.tmp-%d.xlsx", path, (int) getpid ());
  static const double widths[N_COLUMNS] = { 10, 6, 8, 14, 14, 24, 28, 16, 16, 20 };
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *bold;
  lxw_error status;

  people = query (store, filter, n_people, error);
  if (people == NULL)
    return FALSE;

  workbook = workbook_new_opt (tmp_path, &options);
  if (workbook == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write “%s”. Check that the folder exists and can be written."), path);
      return FALSE;
    }

  sheet = workbook_add_worksheet (workbook, "人员名册");
  bold = workbook_add_format (workbook);
  format_set_bold (bold);

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      worksheet_set_column (sheet, c, c, widths[c], NULL);
      worksheet_write_string (sheet, 0, c, headers[c], bold);
    }
  worksheet_freeze_panes (sheet, 1, 0);

  for (guint i = 0; i < people->len; i++)
    {
      const char *cells[N_COLUMNS];
      g_autofree char *owned = NULL;

      person_cells (g_ptr_array_index (people, i), cells, &owned);
      for (guint c = 0; c < N_COLUMNS; c++)
        if (cells[c][0] != '\0')
          worksheet_write_string (sheet, i + 1, c, cells[c], NULL);
    }

  status = workbook_close (workbook);
  if (status != LXW_NO_ERROR || g_rename (tmp_path, path) != 0)
    {
      g_unlink (tmp_path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write “%s”: %s"), path,
                   status != LXW_NO_ERROR ? lxw_strerror (status) : g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}

/**
 * tx_roster_export:
 * @path: ends in .csv or .xlsx
 */
gboolean
tx_roster_export (TxStore              *store,
                  const TxPersonFilter *filter,
                  const char           *path,
                  guint                *n_people,
                  GError              **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".xlsx"))
    return tx_roster_export_xlsx (store, filter, path, n_people, error);
  if (g_str_has_suffix (lower, ".csv"))
    return tx_roster_export_csv (store, filter, path, n_people, error);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” must end in .csv or .xlsx."), path);
  return FALSE;
}
