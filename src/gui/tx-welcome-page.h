/* tx-welcome-page.h — what the first run shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TX_TYPE_WELCOME_PAGE (tx_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (TxWelcomePage, tx_welcome_page, TX, WELCOME_PAGE, AdwBin)

GtkWidget *tx_welcome_page_new          (void);
void       tx_welcome_page_show_problem (TxWelcomePage *self,
                                         const char    *problem);

G_END_DECLS
