/* tx-roster-document.h — the printed roster (人员名册)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-date.h"
#include "tx-table-document.h"
#include "tx-types.h"

G_BEGIN_DECLS

TxTableDocument *tx_roster_document_new (GPtrArray  *people,
                                         const char *organization,
                                         const char *township,
                                         TxDate      date,
                                         TxOrder     order,
                                         gboolean    full_phones);

G_END_DECLS
