/* tx-consultation-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-day.h"
#include "tx-editor.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_CONSULTATION_EDITOR (tx_consultation_editor_get_type ())
G_DECLARE_FINAL_TYPE (TxConsultationEditor, tx_consultation_editor, TX, CONSULTATION_EDITOR, TxEditor)

GtkWidget         *tx_consultation_editor_new                (void);
GtkPrintOperation *tx_consultation_editor_print_signin_sheet (TxConsultationEditor  *self,
                                                              GFile                 *export_file);
gboolean           tx_consultation_editor_export_minutes     (TxConsultationEditor  *self,
                                                              GFile                 *file,
                                                              GError               **error);


G_END_DECLS
