/* tx-signin-document.h — the sign-in sheet of a meeting (签到表)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-consultation.h"
#include "tx-table-document.h"

G_BEGIN_DECLS

TxTableDocument *tx_signin_document_new (TxConsultation *consultation,
                                         GPtrArray      *people,
                                         gboolean        by_strokes,
                                         guint           blank_rows,
                                         gboolean        full_phones);

G_END_DECLS
