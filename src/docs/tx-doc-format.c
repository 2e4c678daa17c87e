/* tx-doc-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-doc-format"

#include "config.h"

#include <string.h>

#include "tx-date.h"
#include "tx-doc-format.h"

/**
 * tx_doc_format_date:
 * @iso_date: "2026-11-27", or a date and time that starts with one
 *
 * Official documents write dates in full Arabic numerals without leading
 * zeros (GB/T 9704-2012 7.3.5.3): "2026年11月27日".
 *
 * Returns: (transfer full): the date, or "" when @iso_date is not one
 */
char *
tx_doc_format_date (const char *iso_date)
{
  return tx_date_format_chinese (tx_date_from_iso (iso_date));
}

/**
 * tx_doc_mask_phone:
 * @phone: as stored, with or without spaces and dashes
 *
 * Printed lists hide the middle of a number: a mobile 13885412345 becomes
 * "138****2345"; a landline keeps its area code and last four digits.
 *
 * Returns: (transfer full): the masked number
 */
char *
tx_doc_mask_phone (const char *phone)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *dash;

  if (phone == NULL)
    return g_strdup ("");

  for (const char *p = phone; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  if (digits->len == 11 && digits->str[0] == '1')
    return g_strdup_printf ("%.3s****%s", digits->str, digits->str + 7);

  dash = strchr (phone, '-');
  if (digits->str[0] == '0' && dash != NULL && digits->len >= 8)
    {
      gsize area = dash - phone;
      return g_strdup_printf ("%.*s-****%s", (int) area, phone, digits->str + digits->len - 4);
    }

  if (digits->len > 4)
    return g_strdup_printf ("****%s", digits->str + digits->len - 4);

  return g_strdup (digits->str);
}
