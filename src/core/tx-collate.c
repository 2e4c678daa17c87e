/* tx-collate.c
 *
 * Sort keys are computed once per person and stored, so that the database
 * orders the roster with an index.  Pinyin is ICU's "zh@collation=pinyin".
 * Surname strokes (按姓氏笔画为序) count strokes as the mainland writes the
 * characters, from Unicode's Unihan kTotalStrokes (generated into
 * tx-strokes-table.c): ICU's "zh@collation=stroke" follows the
 * traditional counts (陈 after 罗, 熊 before 蒙).  So the key is the
 * stroke count of each character in turn, then ICU's stroke key to order
 * characters of the same count.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-collate"

#include "config.h"

#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include "tx-collate.h"

static UCollator *
get_collator (TxOrder order)
{
  static UCollator *collators[2];
  static const char * const locales[2] = { "zh@collation=pinyin", "zh@collation=stroke" };
  static GMutex mutex;
  UCollator *collator;

  g_return_val_if_fail (order <= TX_ORDER_STROKES, NULL);

  g_mutex_lock (&mutex);
  if (collators[order] == NULL)
    {
      UErrorCode status = U_ZERO_ERROR;

      collators[order] = ucol_open (locales[order], &status);
      if (U_FAILURE (status))
        g_error ("ICU cannot open the collation %s: %s", locales[order], u_errorName (status));
    }
  collator = collators[order];
  g_mutex_unlock (&mutex);

  return collator;
}

extern const gunichar tx_strokes_first;
extern const gunichar tx_strokes_last;
extern const guint8 tx_strokes_table[];

/* The stroke count of a character; 0xF0 for what is not a Han character,
 * so that Latin names come after Chinese ones. */
static guint8
stroke_count (gunichar c)
{
  guint8 count = 0;

  if (c >= tx_strokes_first && c <= tx_strokes_last)
    count = tx_strokes_table[c - tx_strokes_first];

  return count > 0 ? MIN (count, 0xEF) : 0xF0;
}

static UChar *
to_uchars (const char *text,
           int32_t    *length)
{
  UErrorCode status = U_ZERO_ERROR;
  UChar *buffer;
  int32_t needed = 0;

  u_strFromUTF8 (NULL, 0, &needed, text, -1, &status);
  status = U_ZERO_ERROR;
  buffer = g_new0 (UChar, needed + 1);
  u_strFromUTF8 (buffer, needed + 1, length, text, -1, &status);
  if (U_FAILURE (status))
    *length = 0;

  return buffer;
}

/**
 * tx_collate_sort_key:
 *
 * Returns: (transfer full): bytes whose memcmp order is the collation's
 */
GBytes *
tx_collate_sort_key (const char *text,
                     TxOrder     order)
{
  UCollator *collator = get_collator (order);
  g_autofree UChar *chars = NULL;
  int32_t length = 0;
  int32_t size;
  guint8 *key;

  chars = to_uchars (text ? text : "", &length);
  size = ucol_getSortKey (collator, chars, length, NULL, 0);

  if (order == TX_ORDER_STROKES)
    {
      GByteArray *strokes = g_byte_array_new ();
      guint8 separator = 0;

      for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
        {
          guint8 count = stroke_count (g_utf8_get_char (p));
          g_byte_array_append (strokes, &count, 1);
        }
      g_byte_array_append (strokes, &separator, 1);

      key = g_malloc (size);
      ucol_getSortKey (collator, chars, length, key, size);
      g_byte_array_append (strokes, key, size > 0 ? size - 1 : 0);
      g_free (key);

      return g_byte_array_free_to_bytes (strokes);
    }

  key = g_malloc (size);
  ucol_getSortKey (collator, chars, length, key, size);

  /* The key ends with a NUL that adds nothing to the order. */
  return g_bytes_new_take (key, size > 0 ? size - 1 : 0);
}

int
tx_collate_compare (const char *a,
                    const char *b,
                    TxOrder     order)
{
  g_autoptr(GBytes) ka = tx_collate_sort_key (a, order);
  g_autoptr(GBytes) kb = tx_collate_sort_key (b, order);

  return g_bytes_compare (ka, kb);
}
