/* tx-attention-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-ledger.h"

G_BEGIN_DECLS

typedef struct _TxAttentionList TxAttentionList;

/* A reason's row activated: @hit is the ledger's, copy what is kept. */
typedef void (*TxAttentionOpenFunc) (const TxLedgerHit *hit,
                                     gpointer           user_data);

GtkWidget       *tx_color_badge_new                 (TxColor              color,
                                                     GtkSizeGroup        *size_group);
TxAttentionList *tx_attention_list_new              (GtkListBox          *list,
                                                     TxAttentionOpenFunc  open,
                                                     gpointer             user_data);
void             tx_attention_list_free             (TxAttentionList     *self);
void             tx_attention_list_show             (TxAttentionList     *self,
                                                     const TxLedger      *ledger);
void             tx_attention_list_clear            (TxAttentionList     *self);
gboolean         tx_attention_list_is_filling       (TxAttentionList     *self);

G_END_DECLS
