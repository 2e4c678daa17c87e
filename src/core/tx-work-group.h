/* tx-work-group.h — the city office's work groups (工作组)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tx-ledger.h"
#include "tx-store.h"

G_BEGIN_DECLS

typedef struct {
  char      *uuid;
  char      *name;
  char      *leader;
  char      *members;
  GPtrArray *townships;   /* char *, the names of the townships it guides, in their order */
} TxWorkGroup;

void        tx_work_group_free      (TxWorkGroup  *group);
GPtrArray  *tx_work_group_list      (TxStore      *store,
                                     GError      **error);
gboolean    tx_work_group_save      (TxStore      *store,
                                     const char   *name,
                                     const char   *leader,
                                     const char   *members,
                                     GError      **error);
gboolean    tx_work_group_delete    (TxStore      *store,
                                     const char   *name,
                                     GError      **error);
gboolean    tx_work_group_assign    (TxStore      *store,
                                     const char   *township,
                                     const char   *name,
                                     GError      **error);
GHashTable *tx_work_group_by_township (TxStore    *store,
                                       GError    **error);

/* A ledger by work group: the colours of the townships each guides. */
typedef struct {
  char      *name;        /* NULL: the townships in no work group */
  guint      counts[3];   /* by TxColor */
  GPtrArray *entries;     /* TxLedgerEntry, borrowed from the ledger, in its order */
} TxWorkGroupTally;

void        tx_work_group_tally_free (TxWorkGroupTally *tally);
int         tx_work_group_compare_names (const char *a,
                                         const char *b);
GPtrArray  *tx_work_group_tally     (TxLedger     *ledger);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxWorkGroup, tx_work_group_free)

G_END_DECLS
