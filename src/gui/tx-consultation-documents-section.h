/* tx-consultation-documents-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TX_TYPE_CONSULTATION_DOCUMENTS_SECTION (tx_consultation_documents_section_get_type ())
G_DECLARE_FINAL_TYPE (TxConsultationDocumentsSection, tx_consultation_documents_section, TX, CONSULTATION_DOCUMENTS_SECTION, GtkBox)

void               tx_consultation_documents_section_choose_minutes_file (TxConsultationDocumentsSection  *self);
void               tx_consultation_documents_section_write_minutes_to    (TxConsultationDocumentsSection  *self,
                                                                          GFile                           *file);
gboolean           tx_consultation_documents_section_export_minutes      (TxConsultationDocumentsSection  *self,
                                                                          GFile                           *file,
                                                                          GError                         **error);
void               tx_consultation_documents_section_choose_archive_file (TxConsultationDocumentsSection  *self);
void               tx_consultation_documents_section_write_archive_to    (TxConsultationDocumentsSection  *self,
                                                                          GFile                           *file);
GtkPrintOperation *tx_consultation_documents_section_print_signin_sheet  (TxConsultationDocumentsSection  *self,
                                                                          GFile                           *export_file);

G_END_DECLS
