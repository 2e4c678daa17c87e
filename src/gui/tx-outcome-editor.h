/* tx-outcome-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-day.h"
#include "tx-editor.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_OUTCOME_EDITOR (tx_outcome_editor_get_type ())
G_DECLARE_FINAL_TYPE (TxOutcomeEditor, tx_outcome_editor, TX, OUTCOME_EDITOR, TxEditor)

GtkWidget *tx_outcome_editor_new (void);


void tx_outcome_editor_set_next_consultation (TxOutcomeEditor *self,
                                              const char      *uuid);

G_END_DECLS
