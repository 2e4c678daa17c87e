/* tx-workflow.h — the rules of a consultation: stage order, composition
 *
 * Pure functions of the data, tested without a store or a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-consultation.h"
#include "tx-date.h"

G_BEGIN_DECLS

#define TX_WORKFLOW_ERROR (tx_workflow_error_quark ())

typedef enum {
  TX_WORKFLOW_ERROR_BAD_DATE,
  TX_WORKFLOW_ERROR_OUT_OF_ORDER,
  TX_WORKFLOW_ERROR_BEFORE_PREVIOUS,
  TX_WORKFLOW_ERROR_IN_FUTURE,
} TxWorkflowError;

typedef struct {
  guint      counted;        /* participants counted */
  guint      liaison;        /* members of the liaison group */
  guint      deputies;       /* 两代表一委员 */
  guint      stakeholders;
  double     required_share;
  gboolean   ok;
  GPtrArray *missing;        /* char *, translated, what is missing */
} TxComposition;

GQuark         tx_workflow_error_quark   (void);
TxComposition *tx_composition_check      (GPtrArray            *participants,
                                          gboolean              attended_only,
                                          double                required_share);
void           tx_composition_free       (TxComposition        *composition);
gboolean       tx_stage_check_done       (TxConsultation       *consultation,
                                          TxStage               stage,
                                          TxDate                done,
                                          const char           *reason,
                                          TxDate                today,
                                          GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxComposition, tx_composition_free)

G_END_DECLS
