/* tx-circular-document.h — the quarterly circular (季度通报)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-ledger.h"
#include "tx-metrics.h"
#include "tx-odt-document.h"

G_BEGIN_DECLS

char          *tx_circular_draft_suggestions (TxLedger        *ledger);
char          *tx_circular_reason_text       (const TxLedgerHit *hit);
TxOdtDocument *tx_circular_document_new      (TxLedger        *ledger,
                                              const TxMetrics *total,
                                              const char      *organization,
                                              const char      *issued_on,
                                              const char      *suggestions,
                                              GBytes          *chart_png,
                                              const TxIssueParts *parts,
                                              gboolean         draft);

G_END_DECLS
