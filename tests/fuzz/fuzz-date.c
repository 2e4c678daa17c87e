/* fuzz-date.c — tx_date_parse() on any text
 *
 * What a clerk types in a date field, or gives tongxin-cli as --today,
 * reaches tx_date_parse() as it is: argv is any bytes, and nothing checks
 * them before.  The parser must never read past the text, and a day it
 * accepts must come back as itself from every form Tongxin writes: the
 * store's (2026-12-10), the documents' (2026年12月10日), and as typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tx-date.h"
#include "tx-fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  tx_fuzz_init ();
  return 0;
}

static void
check_day (const char *text,
           TxDate      date)
{
  g_autofree char *iso = NULL;
  g_autofree char *chinese = NULL;
  int year = tx_date_get_year (date);
  int month = tx_date_get_month (date);
  int day = tx_date_get_day (date);
  int quarter = tx_date_get_quarter (date);
  TxDate again = TX_DATE_NONE;

  g_assert_cmpint (date, >, 0);
  /* the years a clerk's dates fall in (tx-date.c) */
  g_assert_cmpint (year, >=, 1900);
  g_assert_cmpint (year, <=, 2199);
  g_assert_cmpint (tx_date_new (year, month, day), ==, date);
  g_assert_cmpint (tx_date_new (year, 1, 1) + tx_date_get_day_of_year (date) - 1, ==, date);
  g_assert_cmpint (quarter, >=, 1);
  g_assert_cmpint (quarter, <=, 4);
  g_assert_cmpint (tx_date_quarter_start (year, quarter), <=, date);
  g_assert_cmpint (tx_date_quarter_end (year, quarter), >=, date);

  /* as the store keeps it */
  iso = tx_date_to_iso (date);
  g_assert_nonnull (iso);
  g_assert_cmpint (strlen (iso), ==, 10);
  g_assert_cmpint (tx_date_from_iso (iso), ==, date);
  g_assert_true (tx_date_parse (iso, &again, NULL));
  g_assert_cmpint (again, ==, date);

  /* as the documents write it */
  chinese = tx_date_format_chinese (date);
  again = TX_DATE_NONE;
  g_assert_true (tx_date_parse (chinese, &again, NULL));
  g_assert_cmpint (again, ==, date);

  /* read twice, the same */
  again = TX_DATE_NONE;
  g_assert_true (tx_date_parse (text, &again, NULL));
  g_assert_cmpint (again, ==, date);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  size_t length;
  TxDate date = 42;
  TxDate stored;

  /* a C string exactly as long as the input up to its first NUL, so a
   * read past its end is a read past the allocation, which ASan sees */
  length = strnlen ((const char *) data, size);
  text = g_malloc (length + 1);
  memcpy (text, data, length);
  text[length] = '\0';

  if (tx_date_parse (text, &date, &error))
    {
      g_assert_no_error (error);
      check_day (text, date);
    }
  else
    {
      g_assert_cmpint (date, ==, TX_DATE_NONE);
      g_assert_nonnull (error);
      g_assert_true (error->domain == TX_DATE_ERROR);
      g_assert_true (error->code == TX_DATE_ERROR_FORM || error->code == TX_DATE_ERROR_NO_DAY);
      /* a message the window and tongxin-cli can print */
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }

  /* the store's form: a day it reads writes back as the same ten
   * characters */
  stored = tx_date_from_iso (text);
  if (stored != TX_DATE_NONE)
    {
      char buffer[11];

      tx_date_write_iso (stored, buffer);
      g_assert_cmpint (strncmp (buffer, text, 10), ==, 0);
    }

  return 0;
}
