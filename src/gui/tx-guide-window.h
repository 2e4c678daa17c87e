/* tx-guide-window.h — the user guide, offline (F1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_GUIDE_WINDOW (tx_guide_window_get_type ())
G_DECLARE_FINAL_TYPE (TxGuideWindow, tx_guide_window, TX, GUIDE_WINDOW, AdwWindow)

TxGuideWindow *tx_guide_window_new      (GtkWindow     *parent,
                                         TxStore       *store);
const char    *tx_guide_window_get_text (TxGuideWindow *self);

G_END_DECLS
