/* tx-outcome.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-types.h"

G_BEGIN_DECLS

/* One supervision record of an outcome: before, during or after. */
typedef struct {
  TxSupervisionPhase  phase;
  char               *date;   /* YYYY-MM-DD or NULL */
  char               *by;
  char               *note;
} TxSupervision;

TxSupervision *tx_supervision_new  (TxSupervisionPhase phase);
void           tx_supervision_free (TxSupervision     *supervision);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxSupervision, tx_supervision_free)

#define TX_TYPE_OUTCOME (tx_outcome_get_type ())
G_DECLARE_FINAL_TYPE (TxOutcome, tx_outcome, TX, OUTCOME, GObject)

TxOutcome   *tx_outcome_new                    (void);
const char  *tx_outcome_get_uuid               (TxOutcome *self);
const char  *tx_outcome_get_consultation_uuid  (TxOutcome *self);
const char  *tx_outcome_get_consultation_title (TxOutcome *self);
const char  *tx_outcome_get_township_name      (TxOutcome *self);
const char  *tx_outcome_get_title              (TxOutcome *self);
const char  *tx_outcome_get_content            (TxOutcome *self);
const char  *tx_outcome_get_submitted_to       (TxOutcome *self);
const char  *tx_outcome_get_submitted          (TxOutcome *self);
gboolean     tx_outcome_has_feedback           (TxOutcome *self);
const char  *tx_outcome_get_feedback_due       (TxOutcome *self);
const char  *tx_outcome_get_feedback_received  (TxOutcome *self);
const char  *tx_outcome_get_feedback_text      (TxOutcome *self);
TxAdoption   tx_outcome_get_adoption           (TxOutcome *self);
int          tx_outcome_get_progress           (TxOutcome *self);
GPtrArray   *tx_outcome_get_supervisions       (TxOutcome *self);
const char  *tx_outcome_get_updated_at         (TxOutcome *self);
const char  *tx_submitted_to_get_label         (const char *submitted_to);

/* Changing a recommendation, before saving it */
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


G_END_DECLS
