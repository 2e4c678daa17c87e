/* tx-date.c — a day, as every rule, list and document counts it
 *
 * One module reads and writes days for the whole of Tongxin: the store
 * keeps them as "YYYY-MM-DD", the rules count with TxDate, documents
 * write "2026年12月10日", and what a clerk types may be any of the forms
 * offices use:
 *
 *   2026-12-10   2026/12/10   2026.12.10   2026-3-5
 *   2026年12月10日   2026年3月5日   20261210
 *
 * with full-width digits and signs (２０２６／１２／１０) as well.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-date"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-date.h"

G_DEFINE_QUARK (tx-date-error-quark, tx_date_error)

static gboolean
to_gdate (TxDate  date,
          GDate  *gdate)
{
  g_date_clear (gdate, 1);
  if (date <= 0)
    return FALSE;

  g_date_set_julian (gdate, (guint32) date);
  return TRUE;
}

/**
 * tx_date_new:
 *
 * Returns: the day, or %TX_DATE_NONE when there is no such day
 */
TxDate
tx_date_new (int year,
             int month,
             int day)
{
  static const int month_days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap;
  int y, days_in_year;

  if (year < 1 || year > G_MAXUINT16 || month < 1 || month > 12 || day < 1)
    return TX_DATE_NONE;
  leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (day > month_days[month - 1] + (month == 2 && leap))
    return TX_DATE_NONE;

  /* GDate's Julian day (1 is 1 January of the year 1), counted here:
   * the reading of a city's file asks for millions of days.  The year
   * is taken to start in March, so that February's leap day ends it. */
  y = month <= 2 ? year - 1 : year;
  days_in_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;

  return (TxDate) (365 * y + y / 4 - y / 100 + y / 400 + days_in_year - 305);
}

static gboolean
read_digits (const char **p,
             guint        min,
             guint        max,
             int         *value)
{
  guint n = 0;

  *value = 0;
  while (g_ascii_isdigit ((*p)[0]) && n < max)
    {
      *value = *value * 10 + ((*p)[0] - '0');
      (*p)++;
      n++;
    }

  return n >= min && !g_ascii_isdigit ((*p)[0]);
}

/**
 * tx_date_from_iso:
 * @text: (nullable): "YYYY-MM-DD", as the store keeps days, or a date
 *   and time that starts with one ("2026-03-10T09:00:00+08:00")
 *
 * Returns: the day, or %TX_DATE_NONE for %NULL, "" or anything else
 */
TxDate
tx_date_from_iso (const char *text)
{
  int year, month, day;
  const char *p = text;

  if (text == NULL ||
      !read_digits (&p, 4, 4, &year) || *p++ != '-' ||
      !read_digits (&p, 2, 2, &month) || *p++ != '-' ||
      !read_digits (&p, 2, 2, &day) ||
      (*p != '\0' && *p != 'T' && *p != ' '))
    return TX_DATE_NONE;

  return tx_date_new (year, month, day);
}

/**
 * tx_date_is_iso_day:
 * @text: (nullable): a date as the store keeps it
 *
 * Whether @text is a real day written YYYY-MM-DD and nothing else, as
 * Tongxin writes days: such texts compare as the days do.
 */
gboolean
tx_date_is_iso_day (const char *text)
{
  return text != NULL && strlen (text) == 10 && tx_date_from_iso (text) != TX_DATE_NONE;
}

/**
 * tx_date_read_digits:
 * @text: where a date or a time is written
 * @n_digits: how many digits
 *
 * Returns: the number the @n_digits ASCII digits at @text write, or -1
 *   when any of them is not a digit (the end of @text is not one)
 */
int
tx_date_read_digits (const char *text,
                     guint       n_digits)
{
  int value = 0;

  for (guint i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return -1;
      value = 10 * value + (text[i] - '0');
    }

  return value;
}

/* What a clerk typed, with full-width digits and signs made ASCII and
 * the spaces taken out: "２０２６／１２／１０ " → "2026/12/10".  @text is
 * valid UTF-8 (g_utf8_next_char() would step over the end of a broken
 * last character). */
static char *
fold_typed (const char *text)
{
  GString *folded = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF01 && c <= 0xFF5E)   /* full-width ASCII */
        c -= 0xFEE0;
      else if (c == 0x3002)             /* 。 as a dot */
        c = '.';

      if (g_unichar_isspace (c) || c == 0x3000)
        continue;

      g_string_append_unichar (folded, c);
    }

  return g_string_free (folded, FALSE);
}

static gboolean
set_form_error (GError     **error,
                const char  *text)
{
  g_set_error (error, TX_DATE_ERROR, TX_DATE_ERROR_FORM,
               _("“%s” is not a date. Write it as 2026-12-10, 2026/12/10, 2026.12.10, 2026年12月10日 or 20261210."),
               text);
  return FALSE;
}

/**
 * tx_date_parse:
 * @text: a date as a clerk writes it (see the top of this file)
 * @date: (out): the day
 *
 * Returns: %TRUE with @date set, or %FALSE with @error saying what to
 *   write instead
 */
gboolean
tx_date_parse (const char  *text,
               TxDate      *date,
               GError     **error)
{
  g_autofree char *folded = NULL;
  const char *p;
  int year = 0, month = 0, day = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (date != NULL, FALSE);

  *date = TX_DATE_NONE;
  if (text == NULL)
    text = "";

  /* tongxin-cli's arguments are any bytes: what is not UTF-8 is no date,
   * and is quoted with its broken bytes shown as � */
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *shown = g_utf8_make_valid (text, -1);

      return set_form_error (error, shown);
    }

  folded = fold_typed (text);
  p = folded;

  if (strlen (folded) == 8 && strspn (folded, "0123456789") == 8)
    {
      read_digits (&p, 8, 8, &year);
      /* 20261210 */
      day = year % 100;
      month = year / 100 % 100;
      year /= 10000;
      ok = TRUE;
    }
  else if (read_digits (&p, 4, 4, &year))
    {
      if (g_str_has_prefix (p, "年"))
        {
          /* 2026年12月10日, the last 日 may be left out */
          p += strlen ("年");
          ok = read_digits (&p, 1, 2, &month) && g_str_has_prefix (p, "月");
          if (ok)
            {
              p += strlen ("月");
              ok = read_digits (&p, 1, 2, &day);
              if (ok && g_str_has_prefix (p, "日"))
                p += strlen ("日");
              ok = ok && *p == '\0';
            }
        }
      else if (*p == '-' || *p == '/' || *p == '.')
        {
          /* 2026-12-10, 2026/12/10, 2026.12.10: one sign throughout */
          char sign = *p++;

          ok = read_digits (&p, 1, 2, &month) && *p++ == sign &&
               read_digits (&p, 1, 2, &day) && *p == '\0';
        }
    }

  if (!ok)
    return set_form_error (error, text);

  if (year < TX_DATE_FIRST_YEAR || year > TX_DATE_LAST_YEAR)
    {
      g_set_error (error, TX_DATE_ERROR, TX_DATE_ERROR_NO_DAY,
                   _("“%s”: the year %d is not likely; check the date."), text, year);
      return FALSE;
    }

  *date = tx_date_new (year, month, day);
  if (*date == TX_DATE_NONE)
    {
      g_set_error (error, TX_DATE_ERROR, TX_DATE_ERROR_NO_DAY,
                   _("“%s”: there is no day %d in month %d of %d; check the date."),
                   text, day, month, year);
      return FALSE;
    }

  return TRUE;
}

/**
 * tx_date_today_local:
 *
 * The real date where the computer is.  Only the day objects read it
 * (TxDay): every rule takes its day as an argument.
 */
TxDate
tx_date_today_local (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return tx_date_new (g_date_time_get_year (now),
                      g_date_time_get_month (now),
                      g_date_time_get_day_of_month (now));
}

/**
 * tx_date_write_iso:
 * @buffer: (out caller-allocates): 11 bytes, "" for no date
 */
void
tx_date_write_iso (TxDate date,
                   char   buffer[11])
{
  GDate gdate;
  int y, m, d;

  if (!to_gdate (date, &gdate))
    {
      buffer[0] = '\0';
      return;
    }

  y = g_date_get_year (&gdate);
  m = g_date_get_month (&gdate);
  d = g_date_get_day (&gdate);
  buffer[0] = '0' + y / 1000 % 10;
  buffer[1] = '0' + y / 100 % 10;
  buffer[2] = '0' + y / 10 % 10;
  buffer[3] = '0' + y % 10;
  buffer[4] = '-';
  buffer[5] = '0' + m / 10;
  buffer[6] = '0' + m % 10;
  buffer[7] = '-';
  buffer[8] = '0' + d / 10;
  buffer[9] = '0' + d % 10;
  buffer[10] = '\0';
}

/**
 * tx_date_to_iso:
 *
 * Returns: (transfer full) (nullable): "YYYY-MM-DD", or %NULL for no date
 */
char *
tx_date_to_iso (TxDate date)
{
  char buffer[11];

  if (date <= 0)
    return NULL;

  tx_date_write_iso (date, buffer);
  return g_strdup (buffer);
}

/**
 * tx_date_format_chinese:
 *
 * Dates in full Arabic numerals without leading zeros, as official
 * documents write them (GB/T 9704-2012 7.3.5.3): "2026年12月10日".
 *
 * Returns: (transfer full): the date, or "" for no date
 */
char *
tx_date_format_chinese (TxDate date)
{
  GDate gdate;

  if (!to_gdate (date, &gdate))
    return g_strdup ("");

  return g_strdup_printf ("%d年%d月%d日", g_date_get_year (&gdate),
                          g_date_get_month (&gdate), g_date_get_day (&gdate));
}

/**
 * tx_date_format_display:
 *
 * A date as the interface writes it, in the interface's language:
 * "November 27, 2026", "2026年11月27日".
 *
 * Returns: (transfer full): the date, or "" for no date
 */
char *
tx_date_format_display (TxDate date)
{
  g_autoptr(GDateTime) time = NULL;
  GDate gdate;

  if (!to_gdate (date, &gdate))
    return g_strdup ("");

  time = g_date_time_new_utc (g_date_get_year (&gdate), g_date_get_month (&gdate),
                              g_date_get_day (&gdate), 0, 0, 0);

  /* Translators: a date, as in "November 27, 2026"; the conversions are
   * those of g_date_time_format(): in Chinese "%Y年%-m月%-d日" */
  return g_date_time_format (time, _("%B %-d, %Y"));
}

int
tx_date_get_year (TxDate date)
{
  GDate gdate;

  return to_gdate (date, &gdate) ? g_date_get_year (&gdate) : 0;
}

int
tx_date_get_month (TxDate date)
{
  GDate gdate;

  return to_gdate (date, &gdate) ? g_date_get_month (&gdate) : 0;
}

int
tx_date_get_day (TxDate date)
{
  GDate gdate;

  return to_gdate (date, &gdate) ? g_date_get_day (&gdate) : 0;
}

int
tx_date_get_day_of_year (TxDate date)
{
  GDate gdate;

  return to_gdate (date, &gdate) ? (int) g_date_get_day_of_year (&gdate) : 0;
}

/* 1 to 4, or 0 for no date */
int
tx_date_get_quarter (TxDate date)
{
  int month = tx_date_get_month (date);

  return month > 0 ? (month - 1) / 3 + 1 : 0;
}

TxDate
tx_date_add_days (TxDate date,
                  int    days)
{
  if (date <= 0)
    return TX_DATE_NONE;

  return MAX (date + days, 1);
}

/* How many days from @from to @to: negative when @to comes first. */
int
tx_date_days_between (TxDate from,
                      TxDate to)
{
  return to - from;
}

TxDate
tx_date_quarter_start (int year,
                       int quarter)
{
  g_return_val_if_fail (quarter >= 1 && quarter <= 4, TX_DATE_NONE);

  return tx_date_new (year, quarter * 3 - 2, 1);
}

TxDate
tx_date_quarter_end (int year,
                     int quarter)
{
  g_return_val_if_fail (quarter >= 1 && quarter <= 4, TX_DATE_NONE);

  if (quarter == 4)
    return tx_date_new (year, 12, 31);

  return tx_date_quarter_start (year, quarter + 1) - 1;
}

gboolean
tx_date_is_leap_year (int year)
{
  return g_date_is_leap_year (year);
}
