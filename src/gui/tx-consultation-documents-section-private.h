/* tx-consultation-documents-section-private.h — the print of the
 * sign-in sheet before it runs, for the tests: they fill its tab of the
 * print dialog as a clerk would, which an export never shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-consultation-documents-section.h"
#include "tx-table-print.h"

G_BEGIN_DECLS

TxTablePrint *tx_consultation_documents_section_create_signin_print (TxConsultationDocumentsSection *self,
                                                                     gboolean                        toast);

G_END_DECLS
