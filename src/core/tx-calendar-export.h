/* tx-calendar-export.h — meetings and stage deadlines as iCalendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-store.h"

G_BEGIN_DECLS

char     *tx_calendar_export_to_string (TxStore     *store,
                                        int          year,
                                        const char  *township,
                                        guint       *n_events,
                                        GError     **error);
gboolean  tx_calendar_export           (TxStore     *store,
                                        int          year,
                                        const char  *township,
                                        const char  *path,
                                        guint       *n_events,
                                        GError     **error);

G_END_DECLS
