/* tx-odt-document.h — text documents in OpenDocument (ODT) format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tx-file.h"

G_BEGIN_DECLS

typedef struct _TxOdtDocument TxOdtDocument;

/* What an issued document carries besides its text (GB/T 9704): each
 * NULL or "" for none.  (tx_documents_*() take NULL for the copy and
 * the printer as the settings.) */
typedef struct {
  const char *number;    /* 发文字号, such as 泉政协联〔2026〕3号 */
  const char *copy_to;   /* 抄送: the offices, separated by commas */
  const char *printer;   /* 印发机关 */
} TxIssueParts;

TxOdtDocument *tx_odt_document_new             (const char          *title);
void           tx_odt_document_free            (TxOdtDocument       *doc);
void           tx_odt_document_add_title       (TxOdtDocument       *doc,
                                                const char          *text);
void           tx_odt_document_add_blank       (TxOdtDocument       *doc);
void           tx_odt_document_add_heading     (TxOdtDocument       *doc,
                                                const char          *text);
void           tx_odt_document_add_subheading  (TxOdtDocument       *doc,
                                                const char          *text);
void           tx_odt_document_add_paragraphs  (TxOdtDocument       *doc,
                                                const char          *text);
void           tx_odt_document_add_plain       (TxOdtDocument       *doc,
                                                const char          *text);
void           tx_odt_document_add_labelled    (TxOdtDocument       *doc,
                                                const char          *label,
                                                const char          *text);
void           tx_odt_document_add_centered    (TxOdtDocument       *doc,
                                                const char          *text);
void           tx_odt_document_add_signature   (TxOdtDocument       *doc,
                                                const char          *issuer,
                                                const char          *date);
void           tx_odt_document_add_imprint     (TxOdtDocument       *doc,
                                                const TxIssueParts  *parts,
                                                const char          *printed_on);
void           tx_odt_document_add_number      (TxOdtDocument       *doc,
                                                const char          *number);
void           tx_odt_document_add_right       (TxOdtDocument       *doc,
                                                const char          *text);
void           tx_odt_document_add_table       (TxOdtDocument       *doc,
                                                guint                n_columns,
                                                const double        *widths_cm,
                                                const char * const  *cells,
                                                guint                n_cells);
void           tx_odt_document_add_grid        (TxOdtDocument       *doc,
                                                guint                n_columns,
                                                const double        *widths_cm,
                                                const char * const  *cells,
                                                const int           *shades,
                                                guint                n_cells);
void           tx_odt_document_add_image       (TxOdtDocument       *doc,
                                                GBytes              *png,
                                                double               width_cm,
                                                double               height_cm);
gboolean       tx_odt_document_write_to        (TxOdtDocument       *doc,
                                                TxFileWriter        *writer);
gboolean       tx_odt_document_save            (TxOdtDocument       *doc,
                                                const char          *path,
                                                GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxOdtDocument, tx_odt_document_free)

G_END_DECLS
