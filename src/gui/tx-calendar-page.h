/* tx-calendar-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-day.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_CALENDAR_PAGE (tx_calendar_page_get_type ())
G_DECLARE_FINAL_TYPE (TxCalendarPage, tx_calendar_page, TX, CALENDAR_PAGE, AdwBin)

GtkWidget  *tx_calendar_page_new        (void);
TxStore    *tx_calendar_page_get_store  (TxCalendarPage *self);
void        tx_calendar_page_set_store  (TxCalendarPage *self,
                                         TxStore        *store);
TxDay      *tx_calendar_page_get_day    (TxCalendarPage *self);
void        tx_calendar_page_set_day    (TxCalendarPage *self,
                                         TxDay          *day);
void        tx_calendar_page_show_month (TxCalendarPage *self,
                                         int             year,
                                         int             month);
void        tx_calendar_page_get_month  (TxCalendarPage *self,
                                         int            *year,
                                         int            *month);
int         tx_calendar_page_get_year   (TxCalendarPage *self);
void        tx_calendar_page_show_year  (TxCalendarPage *self,
                                         int             year);

G_END_DECLS
