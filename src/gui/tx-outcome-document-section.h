/* tx-outcome-document-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TX_TYPE_OUTCOME_DOCUMENT_SECTION (tx_outcome_document_section_get_type ())
G_DECLARE_FINAL_TYPE (TxOutcomeDocumentSection, tx_outcome_document_section, TX, OUTCOME_DOCUMENT_SECTION, GtkBox)

void     tx_outcome_document_section_choose_file    (TxOutcomeDocumentSection  *self);
gboolean tx_outcome_document_section_export_to_file (TxOutcomeDocumentSection  *self,
                                                     GFile                     *file,
                                                     GError                   **error);

G_END_DECLS
