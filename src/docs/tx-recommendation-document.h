/* tx-recommendation-document.h — a recommendation as a formal 协商建言
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-consultation.h"
#include "tx-odt-document.h"
#include "tx-outcome.h"

G_BEGIN_DECLS

TxOdtDocument *tx_recommendation_document_new (TxOutcome      *outcome,
                                               TxConsultation *consultation,
                                               const char     *date,
                                               const TxIssueParts *parts);

G_END_DECLS
