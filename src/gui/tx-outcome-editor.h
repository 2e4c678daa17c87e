/* tx-outcome-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-day.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_OUTCOME_EDITOR (tx_outcome_editor_get_type ())
G_DECLARE_FINAL_TYPE (TxOutcomeEditor, tx_outcome_editor, TX, OUTCOME_EDITOR, AdwBin)

GtkWidget  *tx_outcome_editor_new                  (void);
void        tx_outcome_editor_set_outcome          (TxOutcomeEditor *self,
                                                    TxStore         *store,
                                                    const char      *uuid);
const char *tx_outcome_editor_get_uuid             (TxOutcomeEditor *self);
gboolean    tx_outcome_editor_is_new               (TxOutcomeEditor *self);
gboolean    tx_outcome_editor_has_changes          (TxOutcomeEditor *self);
const char *tx_outcome_editor_get_title            (TxOutcomeEditor *self);
gboolean    tx_outcome_editor_save                 (TxOutcomeEditor *self);
TxDay      *tx_outcome_editor_get_day              (TxOutcomeEditor *self);
void        tx_outcome_editor_set_day              (TxOutcomeEditor *self,
                                                    TxDay           *day);
gboolean    tx_outcome_editor_get_show_back_button (TxOutcomeEditor *self);
void        tx_outcome_editor_set_show_back_button (TxOutcomeEditor *self,
                                                    gboolean         show_back_button);

G_END_DECLS
