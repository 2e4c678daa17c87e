/* tx-outcome-edit.h — following a recommendation: submission, feedback,
 * adoption, progress, supervision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-outcome.h"
#include "tx-store.h"

G_BEGIN_DECLS

TxOutcome  *tx_outcome_new_for_consultation (const char         *consultation_uuid);
void        tx_outcome_set_text             (TxOutcome          *self,
                                             const char         *title,
                                             const char         *content);
void        tx_outcome_set_submission       (TxOutcome          *self,
                                             const char         *submitted_to,
                                             const char         *submitted);
void        tx_outcome_set_feedback         (TxOutcome          *self,
                                             const char         *due,
                                             const char         *received,
                                             const char         *text);
void        tx_outcome_set_adoption         (TxOutcome          *self,
                                             TxAdoption          adoption,
                                             int                 progress);
void        tx_outcome_add_supervision      (TxOutcome          *self,
                                             TxSupervisionPhase  phase,
                                             const char         *date,
                                             const char         *by,
                                             const char         *note);
void        tx_outcome_clear_supervisions   (TxOutcome          *self);

gboolean    tx_store_save_outcome           (TxStore            *store,
                                             TxOutcome          *outcome,
                                             GError            **error);
gboolean    tx_store_delete_outcome         (TxStore            *store,
                                             const char         *uuid,
                                             gboolean            restore,
                                             GError            **error);
TxOutcome  *tx_store_load_outcome           (TxStore            *store,
                                             const char         *uuid,
                                             GError            **error);

G_END_DECLS
