/* tx-roster-bulk.h — adding many people at once (core only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-person.h"
#include "tx-store.h"

G_BEGIN_DECLS

typedef struct _TxRosterBulk TxRosterBulk;

typedef void (*TxRosterBulkWrittenFunc) (const char *uuid,
                                         gint64      id,
                                         gpointer    user_data);

TxRosterBulk *tx_roster_bulk_new    (TxStore       *store,
                                     guint          n_expected,
                                     GError       **error);
gboolean      tx_roster_bulk_add    (TxRosterBulk  *bulk,
                                     TxPerson      *person,
                                     GBytes        *pinyin,
                                     GBytes        *strokes,
                                     GError       **error);
void          tx_roster_bulk_set_batch (TxRosterBulk *bulk,
                                        guint         n_people);
void          tx_roster_bulk_set_written_func (TxRosterBulk            *bulk,
                                               TxRosterBulkWrittenFunc  func,
                                               gpointer                 user_data);
gboolean      tx_roster_bulk_finish (TxRosterBulk  *bulk,
                                     GError       **error);
void          tx_roster_bulk_free   (TxRosterBulk  *bulk);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxRosterBulk, tx_roster_bulk_free)

G_END_DECLS
