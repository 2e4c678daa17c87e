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

/* tx_outcome_editor_set_outcome(), _get_uuid(), _is_new(),
 * _has_changes(), _get_title(), _save(), _get_day(), _set_day(),
 * _get_show_back_button(), _set_show_back_button(): the TxEditor API
 * under the names the outcomes page uses. */
TX_EDITOR_DECLARE_PAGE_API (TxOutcomeEditor, tx_outcome_editor, outcome)

G_END_DECLS
