/* tx-day.h — the date today, and word when it changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TX_TYPE_DAY (tx_day_get_type ())
G_DECLARE_FINAL_TYPE (TxDay, tx_day, TX, DAY, GObject)

TxDay      *tx_day_get_default (void);
char       *tx_day_dup_today   (TxDay      *self);
void        tx_day_set_today   (TxDay      *self,
                                const char *today);

G_END_DECLS
