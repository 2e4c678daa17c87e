/* tx-day.h — the day today, and word when it changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "tx-date.h"

G_BEGIN_DECLS

#define TX_TYPE_DAY (tx_day_get_type ())
G_DECLARE_FINAL_TYPE (TxDay, tx_day, TX, DAY, GObject)

TxDay   *tx_day_new          (void);
TxDay   *tx_day_new_fixed    (TxDate  today);
TxDate   tx_day_get_today    (TxDay  *self);
char    *tx_day_dup_iso      (TxDay  *self);
gboolean tx_day_is_fixed     (TxDay  *self);
void     tx_day_set_today    (TxDay  *self,
                              TxDate  today);
gboolean tx_day_watch        (TxDay     **slot,
                              TxDay      *day,
                              GCallback   on_changed,
                              gpointer    instance);

G_END_DECLS
