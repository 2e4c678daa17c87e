/* tx-calendar-event-button.h — the events of a day in the calendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tx-calendar-layout.h"

G_BEGIN_DECLS

char      *tx_calendar_format_date      (const char            *format,
                                         int                    year,
                                         int                    month,
                                         int                    day);
GtkWidget *tx_calendar_event_button_new (const TxCalendarEvent *event,
                                         int                    lines);
GtkWidget *tx_calendar_more_button_new  (const TxCalendarDay   *day,
                                         guint                  n_hidden);

G_END_DECLS
