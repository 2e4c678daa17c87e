/* tx-office.h — the office a database is, and the offices it exchanges
 * files with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tx-store.h"

G_BEGIN_DECLS

/* An office whose exchange files were imported here */
typedef struct {
  char *uuid;
  char *name;
  char *kind;          /* "township" or "city" */
  char *received_at;   /* when its last file was imported here, UTC */
  char *exported;      /* when that file was written, as the file says */
} TxPeer;

void       tx_peer_free            (TxPeer      *peer);

char      *tx_office_dup_uuid      (TxStore     *store,
                                    GError     **error);
GPtrArray *tx_office_list_peers    (TxStore     *store,
                                    GError     **error);
gboolean   tx_office_note_peer     (TxStore     *store,
                                    const TxPeer *peer,
                                    GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxPeer, tx_peer_free)

G_END_DECLS
