/* tx-doc-file.h — drawings and pages written to PDF, SVG or PNG files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TX_DOC_FILE_PDF,
  TX_DOC_FILE_SVG,
  TX_DOC_FILE_PNG,
} TxDocFileKind;

/* Draws page @page (from 0) in user units, origin at the top left. */
typedef void (*TxDocDrawPage) (cairo_t  *cr,
                               guint     page,
                               gpointer  user_data);

/* The same, or FALSE with @error set when it cannot be drawn */
typedef gboolean (*TxDocDrawPageChecked) (cairo_t   *cr,
                                          guint      page,
                                          gpointer   user_data,
                                          GError   **error);
gboolean tx_doc_file_kind_from_path (const char     *path,
                                     TxDocFileKind  *kind,
                                     GError        **error);
gboolean tx_doc_file_write          (const char     *path,
                                     TxDocFileKind   kind,
                                     double          width,
                                     double          height,
                                     guint           n_pages,
                                     const char     *title,
                                     TxDocDrawPage   draw,
                                     gpointer        user_data,
                                     GError        **error);
gboolean tx_doc_file_write_checked  (const char            *path,
                                     TxDocFileKind          kind,
                                     double                 width,
                                     double                 height,
                                     guint                  n_pages,
                                     const char            *title,
                                     TxDocDrawPageChecked   draw,
                                     gpointer               user_data,
                                     GError               **error);
G_END_DECLS
