/* tx-township.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-types.h"

G_BEGIN_DECLS

#define TX_TYPE_TOWNSHIP (tx_township_get_type ())
G_DECLARE_FINAL_TYPE (TxTownship, tx_township, TX, TOWNSHIP, GObject)

TxTownship     *tx_township_new            (const char *uuid,
                                            const char *name,
                                            TxTownshipKind kind);
const char     *tx_township_get_uuid       (TxTownship *self);
const char     *tx_township_get_name       (TxTownship *self);
TxTownshipKind  tx_township_get_kind       (TxTownship *self);
const char     *tx_township_get_updated_at (TxTownship *self);

G_END_DECLS
