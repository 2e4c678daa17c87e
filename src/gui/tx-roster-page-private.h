/* tx-roster-page-private.h — what the actions of the roster page do,
 * without their file choosers and dialogs, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-roster-page.h"

G_BEGIN_DECLS

void               tx_roster_page_export_to_file        (TxRosterPage         *self,
                                                         GFile                *file,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean           tx_roster_page_export_to_file_finish (TxRosterPage         *self,
                                                         GAsyncResult         *result,
                                                         guint                *n_people,
                                                         GError              **error);
gboolean           tx_roster_page_print_to_file         (TxRosterPage         *self,
                                                         GFile                *file,
                                                         GError              **error);

G_END_DECLS
