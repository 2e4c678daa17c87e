/* test-date.c — the days a clerk types, and the counting of days
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tx-date.h"
#include "tx-day.h"

static void
test_parse_forms (void)
{
  static const char * const forms[] = {
    "2026-12-10", "2026/12/10", "2026.12.10", "2026年12月10日", "2026年12月10",
    "20261210", " 2026-12-10 ", "２０２６／１２／１０", "２０２６年１２月１０日", "2026 年 12 月 10 日",
  };
  TxDate expected = tx_date_new (2026, 12, 10);

  g_assert_cmpint (expected, >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr(GError) error = NULL;
      TxDate date = 0;

      g_test_message ("%s", forms[i]);
      g_assert_true (tx_date_parse (forms[i], &date, &error));
      g_assert_no_error (error);
      g_assert_cmpint (date, ==, expected);
    }

  /* single digits for month and day */
  {
    TxDate date = 0;

    g_assert_true (tx_date_parse ("2026-3-5", &date, NULL));
    g_assert_cmpint (date, ==, tx_date_new (2026, 3, 5));
    g_assert_true (tx_date_parse ("2026年3月5日", &date, NULL));
    g_assert_cmpint (date, ==, tx_date_new (2026, 3, 5));
    g_assert_true (tx_date_parse ("2026/3/5", &date, NULL));
    g_assert_cmpint (date, ==, tx_date_new (2026, 3, 5));
  }
}

static void
test_parse_refused (void)
{
  static const struct {
    const char *text;
    int code;
  } cases[] = {
    { "", TX_DATE_ERROR_FORM },
    { "tomorrow", TX_DATE_ERROR_FORM },
    { "2026-12", TX_DATE_ERROR_FORM },
    { "2026-12/10", TX_DATE_ERROR_FORM },
    { "12/10/2026", TX_DATE_ERROR_FORM },
    { "2026-12-10x", TX_DATE_ERROR_FORM },
    { "2026121", TX_DATE_ERROR_FORM },
    { "2026-123-1", TX_DATE_ERROR_FORM },
    { "2026-02-30", TX_DATE_ERROR_NO_DAY },
    { "2027年2月29日", TX_DATE_ERROR_NO_DAY },
    { "20261310", TX_DATE_ERROR_NO_DAY },
    { "0026-12-10", TX_DATE_ERROR_NO_DAY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      TxDate date = 42;

      g_test_message ("%s", cases[i].text);
      g_assert_false (tx_date_parse (cases[i].text, &date, &error));
      g_assert_error (error, TX_DATE_ERROR, cases[i].code);
      g_assert_cmpint (date, ==, TX_DATE_NONE);
      /* the message quotes what was typed, so the clerk sees what to fix */
      g_assert_nonnull (strstr (error->message, cases[i].text));
    }

  /* the message of a bad form shows the forms that work */
  {
    g_autoptr(GError) error = NULL;
    TxDate date;

    tx_date_parse ("12/10", &date, &error);
    g_assert_nonnull (strstr (error->message, "2026-12-10"));
    g_assert_nonnull (strstr (error->message, "2026年12月10日"));
  }

  {
    TxDate date;

    g_assert_true (tx_date_parse ("2028-02-29", &date, NULL));
    g_assert_cmpint (tx_date_get_day (date), ==, 29);
  }
}

/* tongxin-cli --today takes its argument as the shell gives it: bytes
 * that are not UTF-8 are no date, and the message shows them as �
 * (found by tests/fuzz/fuzz-date: a broken last character was read past
 * the end of the text). */
static void
test_parse_not_utf8 (void)
{
  static const char * const texts[] = {
    "2026\xf0",                                         /* the first byte of four */
    "\xe5\xb9",                                         /* two of 年's three */
    "2026-12-1\xff",
    "2026\xe5\xb9\xb4" "12\xe6\x9c\x88" "10\xe6\x97",    /* 2026年12月10 and two of 日's three */
    "\xa3\xb2\xa3\xb0\xa3\xb2\xa3\xb6",   /* ２０２６ in GB18030 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      /* exactly as long as the text, so that a read past it is seen
       * under -Db_sanitize=address */
      g_autofree char *text = g_memdup2 (texts[i], strlen (texts[i]) + 1);
      TxDate date = 42;

      g_assert_false (tx_date_parse (text, &date, &error));
      g_assert_error (error, TX_DATE_ERROR, TX_DATE_ERROR_FORM);
      g_assert_cmpint (date, ==, TX_DATE_NONE);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_nonnull (strstr (error->message, "\xef\xbf\xbd"));   /* � */
      g_assert_nonnull (strstr (error->message, "2026年12月10日"));
    }

  /* the part before a broken byte is still quoted */
  {
    g_autoptr(GError) error = NULL;
    TxDate date;

    g_assert_false (tx_date_parse ("2026-12-1\xff", &date, &error));
    g_assert_nonnull (strstr (error->message, "2026-12-1\xef\xbf\xbd"));
  }
}

/* The digits of a date or a time, read as many as asked and no more;
 * anything else, the end of the text too, is no number. */
static void
test_read_digits (void)
{
  g_assert_cmpint (tx_date_read_digits ("2026-03-10", 4), ==, 2026);
  g_assert_cmpint (tx_date_read_digits ("2026-03-10" + 5, 2), ==, 3);
  g_assert_cmpint (tx_date_read_digits ("0059", 4), ==, 59);
  g_assert_cmpint (tx_date_read_digits ("12345", 2), ==, 12);
  g_assert_cmpint (tx_date_read_digits ("20a6", 4), ==, -1);
  g_assert_cmpint (tx_date_read_digits ("１２", 2), ==, -1);
  g_assert_cmpint (tx_date_read_digits ("7", 2), ==, -1);
  g_assert_cmpint (tx_date_read_digits ("", 1), ==, -1);
  g_assert_cmpint (tx_date_read_digits ("-1", 2), ==, -1);
}

static void
test_iso (void)
{
  char buffer[11];
  g_autofree char *text = NULL;
  TxDate date = tx_date_from_iso ("2026-01-09");

  g_assert_cmpint (tx_date_get_year (date), ==, 2026);
  g_assert_cmpint (tx_date_get_month (date), ==, 1);
  g_assert_cmpint (tx_date_get_day (date), ==, 9);
  tx_date_write_iso (date, buffer);
  g_assert_cmpstr (buffer, ==, "2026-01-09");
  text = tx_date_to_iso (date);
  g_assert_cmpstr (text, ==, "2026-01-09");

  /* a date and time stored with its offset is read as its day */
  g_assert_cmpint (tx_date_from_iso ("2026-03-10T09:00:00+08:00"), ==, tx_date_new (2026, 3, 10));

  /* the store's form only */
  g_assert_cmpint (tx_date_from_iso (NULL), ==, TX_DATE_NONE);
  g_assert_cmpint (tx_date_from_iso (""), ==, TX_DATE_NONE);
  g_assert_cmpint (tx_date_from_iso ("2026/01/09"), ==, TX_DATE_NONE);
  g_assert_cmpint (tx_date_from_iso ("2026-1-9"), ==, TX_DATE_NONE);
  g_assert_cmpint (tx_date_from_iso ("2026-02-30"), ==, TX_DATE_NONE);
  g_assert_null (tx_date_to_iso (TX_DATE_NONE));
  tx_date_write_iso (TX_DATE_NONE, buffer);
  g_assert_cmpstr (buffer, ==, "");
}

static void
test_chinese (void)
{
  g_autofree char *a = tx_date_format_chinese (tx_date_new (2026, 1, 9));
  g_autofree char *b = tx_date_format_chinese (tx_date_new (2026, 11, 27));
  g_autofree char *none = tx_date_format_chinese (TX_DATE_NONE);

  g_assert_cmpstr (a, ==, "2026年1月9日");
  g_assert_cmpstr (b, ==, "2026年11月27日");
  g_assert_cmpstr (none, ==, "");
}

static void
test_counting (void)
{
  TxDate a = tx_date_new (2026, 12, 25);
  TxDate leap = tx_date_new (2028, 2, 28);

  g_assert_cmpint (tx_date_days_between (a, tx_date_new (2027, 1, 5)), ==, 11);
  g_assert_cmpint (tx_date_days_between (tx_date_new (2027, 1, 5), a), ==, -11);
  g_assert_cmpint (tx_date_add_days (a, 7), ==, tx_date_new (2027, 1, 1));
  g_assert_cmpint (tx_date_add_days (leap, 1), ==, tx_date_new (2028, 2, 29));
  g_assert_cmpint (tx_date_add_days (leap, 2), ==, tx_date_new (2028, 3, 1));
  g_assert_cmpint (tx_date_add_days (TX_DATE_NONE, 2), ==, TX_DATE_NONE);
  g_assert_cmpint (tx_date_get_day_of_year (tx_date_new (2028, 12, 31)), ==, 366);
  g_assert_true (tx_date_is_leap_year (2028));
  g_assert_false (tx_date_is_leap_year (2100));
}

static void
test_quarters (void)
{
  static const struct { int month, quarter; } months[] = {
    { 1, 1 }, { 3, 1 }, { 4, 2 }, { 6, 2 }, { 7, 3 }, { 9, 3 }, { 10, 4 }, { 12, 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    g_assert_cmpint (tx_date_get_quarter (tx_date_new (2026, months[i].month, 15)), ==, months[i].quarter);
  g_assert_cmpint (tx_date_get_quarter (TX_DATE_NONE), ==, 0);

  g_assert_cmpint (tx_date_quarter_start (2026, 1), ==, tx_date_new (2026, 1, 1));
  g_assert_cmpint (tx_date_quarter_end (2026, 1), ==, tx_date_new (2026, 3, 31));
  g_assert_cmpint (tx_date_quarter_start (2026, 2), ==, tx_date_new (2026, 4, 1));
  g_assert_cmpint (tx_date_quarter_end (2026, 2), ==, tx_date_new (2026, 6, 30));
  g_assert_cmpint (tx_date_quarter_end (2026, 3), ==, tx_date_new (2026, 9, 30));
  g_assert_cmpint (tx_date_quarter_start (2026, 4), ==, tx_date_new (2026, 10, 1));
  g_assert_cmpint (tx_date_quarter_end (2026, 4), ==, tx_date_new (2026, 12, 31));
}

static void
on_changed_cb (TxDay *day,
               guint *count)
{
  (*count)++;
}

/* A fixed day is what the tests and the command line give: it moves
 * only when told, and says so once. */
static void
test_fixed_day (void)
{
  g_autoptr(TxDay) day = tx_day_new_fixed (tx_date_new (2026, 11, 27));
  g_autofree char *iso = NULL;
  guint changed = 0;

  g_signal_connect (day, "changed", G_CALLBACK (on_changed_cb), &changed);
  g_assert_true (tx_day_is_fixed (day));
  iso = tx_day_dup_iso (day);
  g_assert_cmpstr (iso, ==, "2026-11-27");

  tx_day_set_today (day, tx_date_new (2026, 11, 27));
  g_assert_cmpuint (changed, ==, 0);
  tx_day_set_today (day, tx_date_new (2026, 11, 28));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (tx_day_get_today (day), ==, tx_date_new (2026, 11, 28));
}

/*
 * A day is the one GLib's GDate counts (TxDate is its Julian day),
 * every day of the years 1 to 3000 and of the last years a date may
 * have; and no day that is not in the calendar (the 29th of February of
 * a year not leap, the 31st of April) is one.
 */
static void
test_new_as_gdate (void)
{
  static const int years[][2] = { { 1, 3000 }, { G_MAXUINT16 - 100, G_MAXUINT16 } };

  for (guint r = 0; r < G_N_ELEMENTS (years); r++)
    for (int year = years[r][0]; year <= years[r][1]; year++)
      for (int month = 1; month <= 12; month++)
        for (int day = 0; day <= 32; day++)
          {
            TxDate date = tx_date_new (year, month, day);
            GDate gdate;

            if (!g_date_valid_dmy (day, month, year))
              {
                if (date != TX_DATE_NONE)
                  g_error ("%04d-%02d-%02d is no day, and was taken for one", year, month, day);
                continue;
              }
            g_date_clear (&gdate, 1);
            g_date_set_dmy (&gdate, day, month, year);
            if ((guint32) date != g_date_get_julian (&gdate))
              g_error ("%04d-%02d-%02d is day %d, not %u", year, month, day, date, g_date_get_julian (&gdate));
          }

  g_assert_cmpint (tx_date_new (2024, 2, 29), ==, tx_date_new (2024, 3, 1) - 1);
  g_assert_cmpint (tx_date_new (2023, 2, 29), ==, TX_DATE_NONE);
  g_assert_cmpint (tx_date_new (1900, 2, 29), ==, TX_DATE_NONE);
  g_assert_cmpint (tx_date_new (2000, 2, 29), !=, TX_DATE_NONE);
  g_assert_cmpint (tx_date_new (2026, 4, 31), ==, TX_DATE_NONE);
  g_assert_cmpint (tx_date_new (0, 1, 1), ==, TX_DATE_NONE);
  g_assert_cmpint (tx_date_new (G_MAXUINT16 + 1, 1, 1), ==, TX_DATE_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse/forms", test_parse_forms);
  g_test_add_func ("/date/parse/refused", test_parse_refused);
  g_test_add_func ("/date/parse/not-utf8", test_parse_not_utf8);
  g_test_add_func ("/date/iso", test_iso);
  g_test_add_func ("/date/new-as-gdate", test_new_as_gdate);
  g_test_add_func ("/date/read-digits", test_read_digits);
  g_test_add_func ("/date/chinese", test_chinese);
  g_test_add_func ("/date/counting", test_counting);
  g_test_add_func ("/date/quarters", test_quarters);
  g_test_add_func ("/date/fixed-day", test_fixed_day);

  return g_test_run ();
}
