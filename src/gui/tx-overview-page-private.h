/* tx-overview-page-private.h — what the tests see of the Overview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-overview-page.h"

G_BEGIN_DECLS

gboolean tx_overview_page_get_reload_pending (TxOverviewPage *self);

G_END_DECLS
