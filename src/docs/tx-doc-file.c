/* tx-doc-file.c
 *
 * The sign-in sheet, the printed roster, the charts and the year plan
 * are drawn by pure functions of (cairo_t, size, data); this writes such
 * a drawing to a file.  Cairo writes into a TxFileWriter through a
 * stream, so every write is checked as it happens and the file appears
 * under its name only when it is whole: a full disk gives a message and
 * no file, never an empty PDF said to be written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-doc-file"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "tx-doc-file.h"
#include "tx-doc-format.h"
#include "tx-file.h"

/**
 * tx_doc_file_kind_from_path:
 * @path: ends in .pdf, .svg or .png, in any case
 *
 * Returns: %FALSE with @error set when @path names none of them
 */
gboolean
tx_doc_file_kind_from_path (const char     *path,
                            TxDocFileKind  *kind,
                            GError        **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".pdf"))
    *kind = TX_DOC_FILE_PDF;
  else if (g_str_has_suffix (lower, ".svg"))
    *kind = TX_DOC_FILE_SVG;
  else if (g_str_has_suffix (lower, ".png"))
    *kind = TX_DOC_FILE_PNG;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” must end in .png, .svg or .pdf."), path);
      return FALSE;
    }

  return TRUE;
}

static cairo_status_t
write_to_file (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  /* a failure stops Cairo at once; the writer keeps why */
  return tx_file_writer_write (closure, data, length) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/**
 * tx_doc_file_write_checked:
 * @kind: the format; a PNG has one page, at twice @width × @height
 *   (for print and HiDPI screens)
 * @width: of a page, in points (PDF, SVG) or pixels (PNG, before doubling)
 * @n_pages: at least one
 * @title: (nullable): the PDF's title
 * @draw: (scope call): draws each page, or says why it cannot (what it
 *   draws from could not be read): then nothing is written
 *
 * Writes the pages to @path, whole or not at all (see TxFileWriter).
 *
 * Returns: %FALSE with @error set, saying what to do, when the file
 *   could not be written; an earlier file at @path is then unchanged
 */
gboolean
tx_doc_file_write_checked (const char           *path,
                           TxDocFileKind         kind,
                           double                width,
                           double                height,
                           guint                 n_pages,
                           const char           *title,
                           TxDocDrawPageChecked  draw,
                           gpointer              user_data,
                           GError              **error)
{
  g_autoptr(TxFileWriter) writer = NULL;
  g_autoptr(GError) draw_error = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (n_pages >= 1, FALSE);

  writer = tx_file_writer_new (path, error);
  if (writer == NULL)
    return FALSE;

  switch (kind)
    {
    case TX_DOC_FILE_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_to_file, writer, width, height);
      if (title != NULL)
        {
          g_autofree char *clean = tx_doc_clean_text (title, TX_DOC_TEXT_ONE_LINE);

          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, clean);
        }
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Tongxin");
      break;

    case TX_DOC_FILE_SVG:
      surface = cairo_svg_surface_create_for_stream (write_to_file, writer, width, height);
      n_pages = 1;
      break;

    case TX_DOC_FILE_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (width * 2), (int) (height * 2));
      n_pages = 1;
      break;
    }

  cr = cairo_create (surface);
  if (kind == TX_DOC_FILE_PNG)
    cairo_scale (cr, 2, 2);

  for (guint page = 0; page < n_pages && cairo_status (cr) == CAIRO_STATUS_SUCCESS; page++)
    {
      if (!draw (cr, page, user_data, &draw_error))
        break;
      if (kind == TX_DOC_FILE_PDF)
        cairo_show_page (cr);
    }

  status = cairo_status (cr);
  cairo_destroy (cr);

  /* the temporary file goes with the writer */
  if (draw_error != NULL)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, TX_FILE_ERROR, TX_FILE_ERROR_FAILED,
                   _("Could not write “%s”: %s. Nothing was written."), path, draw_error->message);
      return FALSE;
    }

  if (kind == TX_DOC_FILE_PNG)
    {
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_write_to_png_stream (surface, write_to_file, writer);
    }
  else
    {
      /* the end of the file is written here: a full disk often shows
       * itself only now */
      cairo_surface_finish (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS && !tx_file_writer_has_failed (writer))
    {
      /* not the disk: Cairo could not draw it (memory, or a picture
       * larger than an image may be); the temporary file goes with the
       * writer */
      g_debug ("Could not draw %s: %s", path, cairo_status_to_string (status));
      g_set_error (error, TX_FILE_ERROR, TX_FILE_ERROR_FAILED,
                   _("Could not write “%s”: it could not be drawn, it may be too large. Try the PDF format, or close other programs and try again."),
                   path);
      return FALSE;
    }

  return tx_file_writer_commit (writer, error);
}

/* A page drawn by a TxDocDrawPage, which cannot fail */
typedef struct {
  TxDocDrawPage draw;
  gpointer      user_data;
} Unchecked;

static gboolean
draw_unchecked (cairo_t   *cr,
                guint      page,
                gpointer   user_data,
                GError   **error)
{
  Unchecked *unchecked = user_data;

  unchecked->draw (cr, page, unchecked->user_data);
  return TRUE;
}

/**
 * tx_doc_file_write:
 * @draw: (scope call): draws each page
 *
 * tx_doc_file_write_checked() for pages that are always drawn.
 */
gboolean
tx_doc_file_write (const char     *path,
                   TxDocFileKind   kind,
                   double          width,
                   double          height,
                   guint           n_pages,
                   const char     *title,
                   TxDocDrawPage   draw,
                   gpointer        user_data,
                   GError        **error)
{
  Unchecked unchecked = { draw, user_data };

  return tx_doc_file_write_checked (path, kind, width, height, n_pages, title, draw_unchecked, &unchecked, error);
}
