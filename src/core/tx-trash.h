/* tx-trash.h — what was deleted, and bringing it back (回收站)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-store.h"

G_BEGIN_DECLS

/* A record deleted and kept, so that it can be restored. */
typedef struct {
  char *kind;          /* "person", "consultation", "outcome" or "activity" */
  char *uuid;
  char *title;         /* a name, or a title */
  char *detail;        /* the township (for an activity, its organiser);
                        * for a recommendation, its consultation */
  char *deleted_at;    /* a timestamp, UTC */
} TxTrashItem;

void        tx_trash_item_free  (TxTrashItem  *item);
GPtrArray  *tx_trash_list       (TxStore      *store,
                                 GError      **error);
gboolean    tx_trash_set_deleted (TxStore     *store,
                                 const char   *kind,
                                 const char   *uuid,
                                 gboolean      deleted,
                                 GError      **error);
const char *tx_trash_kind_get_label (const char *kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxTrashItem, tx_trash_item_free)

G_END_DECLS
