/* tx-attachment.h — photos, scans and office files kept with a record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-store.h"
#include "tx-types.h"

G_BEGIN_DECLS

/* The largest file an attachment may be, bytes */
#define TX_ATTACHMENT_MAX_SIZE (20 * 1024 * 1024)

typedef struct {
  char             *uuid;
  char             *record_kind;   /* "consultation", "outcome" or "activity" */
  char             *record_uuid;
  TxAttachmentKind  kind;
  char             *caption;
  char             *file_name;
  char             *media_type;
  gint64            size;
  char             *sha256;
  char             *updated_at;
} TxAttachment;

void        tx_attachment_free            (TxAttachment      *attachment);
gboolean    tx_attachment_resolve_record  (TxStore           *store,
                                           const char        *uuid_or_title,
                                           char             **record_kind,
                                           char             **record_uuid,
                                           char             **title,
                                           GError           **error);
TxAttachment *tx_attachment_add           (TxStore           *store,
                                           const char        *record_kind,
                                           const char        *record_uuid,
                                           const char        *path,
                                           TxAttachmentKind   kind,
                                           const char        *caption,
                                           GError           **error);
GPtrArray  *tx_attachment_list            (TxStore           *store,
                                           const char        *record_kind,
                                           const char        *record_uuid,
                                           GError           **error);
GBytes     *tx_attachment_read_unchecked  (TxStore           *store,
                                           const char        *uuid,
                                           GError           **error);
GBytes     *tx_attachment_read            (TxStore           *store,
                                           const TxAttachment *attachment,
                                           GError           **error);
gboolean    tx_attachment_edit            (TxStore           *store,
                                           const char        *uuid,
                                           const char        *caption,
                                           const TxAttachmentKind *kind,
                                           GError           **error);
gboolean    tx_attachment_delete          (TxStore           *store,
                                           const char        *uuid,
                                           gboolean           restore,
                                           GError           **error);
gboolean    tx_attachment_write_received  (TxStore           *store,
                                           const TxAttachment *attachment,
                                           GBytes            *bytes,
                                           GError           **error);
char       *tx_attachment_check_bytes     (const TxAttachment *attachment,
                                           GBytes            *bytes);
char       *tx_attachment_check_received  (const TxAttachment *attachment,
                                           GBytes            *bytes);
gboolean    tx_attachment_check_all       (TxStore           *store,
                                           GPtrArray         *problems,
                                           GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxAttachment, tx_attachment_free)

G_END_DECLS
