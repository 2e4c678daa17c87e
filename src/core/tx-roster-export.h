/* tx-roster-export.h — the roster as a spreadsheet (CSV, XLSX)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-roster.h"

G_BEGIN_DECLS

gboolean tx_roster_export_csv  (TxStore              *store,
                                const TxPersonFilter *filter,
                                const char           *path,
                                guint                *n_people,
                                GError              **error);
gboolean tx_roster_export_xlsx (TxStore              *store,
                                const TxPersonFilter *filter,
                                const char           *path,
                                guint                *n_people,
                                GError              **error);
gboolean tx_roster_export      (TxStore              *store,
                                const TxPersonFilter *filter,
                                const char           *path,
                                guint                *n_people,
                                GError              **error);

G_END_DECLS
