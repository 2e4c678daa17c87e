/* tx-township-model.h — the townships of a store, for a drop-down
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_TOWNSHIP_MODEL (tx_township_model_get_type ())
G_DECLARE_FINAL_TYPE (TxTownshipModel, tx_township_model, TX, TOWNSHIP_MODEL, GObject)

TxTownshipModel *tx_township_model_new      (const char      *leading);
gboolean         tx_township_model_fill     (TxTownshipModel *self,
                                             TxStore         *store,
                                             GError         **error);
const char      *tx_township_model_get_uuid (TxTownshipModel *self,
                                             guint            position);
const char      *tx_township_model_get_name (TxTownshipModel *self,
                                             guint            position);
guint            tx_township_model_find     (TxTownshipModel *self,
                                             const char      *uuid_or_name);

G_END_DECLS
