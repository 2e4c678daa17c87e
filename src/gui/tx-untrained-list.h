/* tx-untrained-list.h — those in post too long without a training
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-text-rows.h"

G_BEGIN_DECLS

void tx_untrained_list_fill (GtkWidget  *group,
                             TxTextRows *rows,
                             GPtrArray  *untrained,
                             int         days);

G_END_DECLS
