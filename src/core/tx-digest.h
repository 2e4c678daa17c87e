/* tx-digest.h — the SHA-256 of what Tongxin writes and reads back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 64 hexadecimal digits, lower case, and the NUL after them */
#define TX_DIGEST_HEX_LENGTH 65

typedef struct _TxDigest TxDigest;

TxDigest *tx_digest_new           (void);
void      tx_digest_update        (TxDigest    *digest,
                                   const void  *data,
                                   gsize        length);
void      tx_digest_finish        (TxDigest    *digest,
                                   char         hex[TX_DIGEST_HEX_LENGTH]);
void      tx_digest_free          (TxDigest    *digest);

char     *tx_digest_hex_of_bytes  (GBytes      *bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxDigest, tx_digest_free)

G_END_DECLS
