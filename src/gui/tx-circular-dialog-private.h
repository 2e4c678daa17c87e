/* tx-circular-dialog-private.h — what the circular dialog's export does,
 * without its file chooser, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-circular-dialog.h"

G_BEGIN_DECLS

gboolean tx_circular_dialog_export_to_file    (TxCircularDialog  *self,
                                               GFile             *file,
                                               GError           **error);
gboolean tx_circular_dialog_issue_to_file     (TxCircularDialog  *self,
                                               GFile             *file,
                                               const char        *number,
                                               GError           **error);
char    *tx_circular_dialog_dup_issue_warning (TxCircularDialog  *self);

G_END_DECLS
