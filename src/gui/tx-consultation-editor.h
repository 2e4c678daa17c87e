/* tx-consultation-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-day.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_CONSULTATION_EDITOR (tx_consultation_editor_get_type ())
G_DECLARE_FINAL_TYPE (TxConsultationEditor, tx_consultation_editor, TX, CONSULTATION_EDITOR, AdwBin)

GtkWidget         *tx_consultation_editor_new                (void);
void               tx_consultation_editor_set_consultation   (TxConsultationEditor  *self,
                                                              TxStore               *store,
                                                              const char            *uuid);
const char        *tx_consultation_editor_get_uuid           (TxConsultationEditor  *self);
gboolean           tx_consultation_editor_is_new             (TxConsultationEditor  *self);
gboolean           tx_consultation_editor_has_changes        (TxConsultationEditor  *self);
const char        *tx_consultation_editor_get_title          (TxConsultationEditor  *self);
gboolean           tx_consultation_editor_save               (TxConsultationEditor  *self);
TxDay             *tx_consultation_editor_get_day            (TxConsultationEditor  *self);
void               tx_consultation_editor_set_day            (TxConsultationEditor  *self,
                                                              TxDay                 *day);
gboolean           tx_consultation_editor_get_show_back_button (TxConsultationEditor *self);
void               tx_consultation_editor_set_show_back_button (TxConsultationEditor *self,
                                                                gboolean              show_back_button);
gboolean           tx_consultation_editor_export_minutes     (TxConsultationEditor  *self,
                                                              GFile                 *file,
                                                              GError               **error);
GtkPrintOperation *tx_consultation_editor_print_signin_sheet (TxConsultationEditor  *self,
                                                              GFile                 *export_file);

G_END_DECLS
