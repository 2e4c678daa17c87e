/* tx-collate.c
 *
 * Sort keys are computed once per person and stored, so that the database
 * orders the roster with an index: ICU's "zh@collation=pinyin" and
 * "zh@collation=stroke" (按姓氏笔画为序) tailorings, never a home-made table.
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
