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

/* tx_consultation_editor_set_consultation(), _get_uuid(), _is_new(),
 * _has_changes(), _get_title(), _save(), _get_day(), _set_day(),
 * _get_show_back_button(), _set_show_back_button(): the TxEditor API
 * under the names the consultations page uses. */
TX_EDITOR_DECLARE_PAGE_API (TxConsultationEditor, tx_consultation_editor, consultation)

G_END_DECLS
