/* tx-date.h — a day, as every rule, list and document counts it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A day of the Gregorian calendar, as GDate's Julian day number (day 1
 * is 0001-01-01), so that days compare with < and subtract to the days
 * between them.  0 is "no date". */
typedef gint32 TxDate;

#define TX_DATE_NONE 0

/* The years a clerk's dates, plans, ledgers and lists fall in; any
 * other is a typing slip, refused wherever a year is given. */
#define TX_DATE_FIRST_YEAR 1900
#define TX_DATE_LAST_YEAR 2199

#define TX_DATE_ERROR (tx_date_error_quark ())

typedef enum {
  TX_DATE_ERROR_FORM,    /* not written as a date */
  TX_DATE_ERROR_NO_DAY,  /* written as one, but no such day */
} TxDateError;

GQuark    tx_date_error_quark      (void);

TxDate    tx_date_new              (int          year,
                                    int          month,
                                    int          day);
TxDate    tx_date_from_iso         (const char  *text);
gboolean  tx_date_is_iso_day       (const char  *text);
int       tx_date_read_digits      (const char  *text,
                                    guint        n_digits);
gboolean  tx_date_parse            (const char  *text,
                                    TxDate      *date,
                                    GError     **error);
TxDate    tx_date_today_local      (void);

char     *tx_date_to_iso           (TxDate       date);
void      tx_date_write_iso        (TxDate       date,
                                    char         buffer[11]);
char     *tx_date_format_chinese   (TxDate       date);
char     *tx_date_format_display   (TxDate       date);

int       tx_date_get_year         (TxDate       date);
int       tx_date_get_month        (TxDate       date);
int       tx_date_get_day          (TxDate       date);
int       tx_date_get_day_of_year  (TxDate       date);
int       tx_date_get_quarter      (TxDate       date);
TxDate    tx_date_add_days         (TxDate       date,
                                    int          days);
int       tx_date_days_between     (TxDate       from,
                                    TxDate       to);
TxDate    tx_date_quarter_start    (int          year,
                                    int          quarter);
TxDate    tx_date_quarter_end      (int          year,
                                    int          quarter);
gboolean  tx_date_is_leap_year     (int          year);

G_END_DECLS
