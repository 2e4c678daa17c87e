/* tx-minutes-document.h — the minutes of a consultation meeting (会议纪要)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-consultation.h"
#include "tx-odt-document.h"

G_BEGIN_DECLS

TxOdtDocument *tx_minutes_document_new  (TxConsultation *consultation);
gboolean       tx_minutes_meeting_held (TxConsultation *consultation);

G_END_DECLS
