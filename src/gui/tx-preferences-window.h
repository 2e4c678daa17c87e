/* tx-preferences-window.h — the settings of the database, in a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_PREFERENCES_WINDOW (tx_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (TxPreferencesWindow, tx_preferences_window, TX, PREFERENCES_WINDOW, AdwPreferencesWindow)

TxPreferencesWindow *tx_preferences_window_new         (GtkWindow           *parent,
                                                        TxStore             *store);
GtkWidget           *tx_preferences_window_get_control (TxPreferencesWindow *self,
                                                        const char          *key);

G_END_DECLS
