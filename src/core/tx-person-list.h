/* tx-person-list.h — the roster as a GListModel paged from SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tx-paged-list.h"
#include "tx-roster.h"

G_BEGIN_DECLS

#define TX_TYPE_PERSON_LIST (tx_person_list_get_type ())
G_DECLARE_FINAL_TYPE (TxPersonList, tx_person_list, TX, PERSON_LIST, TxPagedList)

TxPersonList *tx_person_list_new        (TxStore              *store);
void          tx_person_list_set_filter (TxPersonList         *self,
                                         const TxPersonFilter *filter);
const TxPersonFilter *
              tx_person_list_get_filter (TxPersonList         *self);
void          tx_person_list_reload     (TxPersonList         *self);

G_END_DECLS
