/* tx-office.h — the office a database is, and the offices it exchanges
 * files with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tx-date.h"
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

/* An exchange file written here */
typedef struct {
  char *written_at;    /* UTC */
  char *township;      /* the uuid of the one township written, or NULL: every record */
  char *township_name; /* its name now, or NULL */
  char *since;         /* what it holds changed from then on; NULL: everything */
  char *file;          /* its name */
} TxSent;

/* How recent the data of a township are here: its last file received */
typedef struct {
  char     *township;      /* uuid */
  char     *name;
  char     *received_at;   /* UTC; NULL: no file of it received */
  char     *exported;      /* the data's as-of time, as the file says */
  gboolean  complete;      /* everything, or the changes since the one before */
  char     *file;
  char     *peer_name;
} TxReceipt;

void       tx_receipt_free         (TxReceipt   *receipt);
GPtrArray *tx_office_list_receipts (TxStore     *store,
                                    GError     **error);
int        tx_receipt_get_age      (const TxReceipt *receipt,
                                    TxDate       today);
void       tx_peer_free            (TxPeer      *peer);
void       tx_sent_free            (TxSent      *sent);
GPtrArray *tx_office_list_sent     (TxStore     *store,
                                    guint        limit,
                                    GError     **error);
typedef enum {
  TX_SENT_EVERYTHING,
  TX_SENT_CHANGES,
  TX_SENT_ISSUE,        /* the city's 下发 */
} TxSentWhat;

char      *tx_office_suggest_file_name (const char *township_name,
                                        TxDate      day,
                                        TxSentWhat  what);

char      *tx_office_dup_uuid      (TxStore     *store,
                                    GError     **error);
GPtrArray *tx_office_list_peers    (TxStore     *store,
                                    GError     **error);
gboolean   tx_office_note_peer     (TxStore     *store,
                                    const TxPeer *peer,
                                    GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxPeer, tx_peer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxSent, tx_sent_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxReceipt, tx_receipt_free)

G_END_DECLS
