/* tx-turns.h — work done a piece a turn of the main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A piece of work for @owner */
typedef void (*TxTurnFunc) (gpointer owner);

void     tx_turns_add     (gpointer   owner,
                           TxTurnFunc func);
gboolean tx_turns_pending (void);

G_END_DECLS
