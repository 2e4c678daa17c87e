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

/* Opened once, then shared: ICU's collators may be used from several
 * threads at once for sort keys, which change nothing in them. */
static UCollator *
get_collator (TxOrder order)
{
  static UCollator *collators[2];
  static gsize opened;

  g_return_val_if_fail (order <= TX_ORDER_STROKES, NULL);

  if (g_once_init_enter (&opened))
    {
      static const char * const locales[2] = { "zh@collation=pinyin", "zh@collation=stroke" };

      for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
        {
          UErrorCode status = U_ZERO_ERROR;

          collators[i] = ucol_open (locales[i], &status);
          if (U_FAILURE (status))
            g_error ("ICU cannot open the collation %s: %s", locales[i], u_errorName (status));
        }
      g_once_init_leave (&opened, 1);
    }

  return collators[order];
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

/* Room for a name or two on the stack; longer text goes to the heap. */
#define SHORT_TEXT 64
#define SHORT_KEY 256

/* @text as UTF-16, in @buffer when it fits; returns what to free. */
static UChar *
to_uchars (const char *text,
           UChar      *buffer,
           int32_t     buffer_size,
           int32_t    *length)
{
  UErrorCode status = U_ZERO_ERROR;
  UChar *chars = buffer;

  u_strFromUTF8 (chars, buffer_size, length, text, -1, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR)
    {
      status = U_ZERO_ERROR;
      chars = g_new0 (UChar, *length + 1);
      u_strFromUTF8 (chars, *length + 1, length, text, -1, &status);
    }
  if (U_FAILURE (status))
    *length = 0;

  return chars == buffer ? NULL : chars;
}

/* Appends ICU's sort key of @chars to @key, without its final NUL, which
 * adds nothing to the order. */
static void
append_icu_key (GByteArray    *key,
                TxOrder        order,
                const UChar   *chars,
                int32_t        length)
{
  UCollator *collator = get_collator (order);
  guint8 buffer[SHORT_KEY];
  int32_t size;

  size = ucol_getSortKey (collator, chars, length, buffer, sizeof buffer);
  if (size > (int32_t) sizeof buffer)
    {
      g_autofree guint8 *large = g_malloc (size);

      ucol_getSortKey (collator, chars, length, large, size);
      g_byte_array_append (key, large, size - 1);
    }
  else if (size > 0)
    g_byte_array_append (key, buffer, size - 1);
}

static GBytes *
make_key (const char  *text,
          TxOrder      order,
          const UChar *chars,
          int32_t      length)
{
  GByteArray *key = g_byte_array_sized_new (32);

  if (order == TX_ORDER_STROKES)
    {
      guint8 separator = 0;

      for (const char *p = text; *p; p = g_utf8_next_char (p))
        {
          guint8 count = stroke_count (g_utf8_get_char (p));
          g_byte_array_append (key, &count, 1);
        }
      g_byte_array_append (key, &separator, 1);
    }

  append_icu_key (key, order, chars, length);

  return g_byte_array_free_to_bytes (key);
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
  UChar buffer[SHORT_TEXT];
  g_autofree UChar *heap = NULL;
  int32_t length = 0;

  text = text ? text : "";
  heap = to_uchars (text, buffer, G_N_ELEMENTS (buffer), &length);

  return make_key (text, order, heap ? heap : buffer, length);
}

/**
 * tx_collate_sort_keys:
 * @pinyin: (out) (transfer full): the key by pinyin
 * @strokes: (out) (transfer full): the key by strokes
 *
 * Both keys of @text at once, as every person on the roster has.
 */
void
tx_collate_sort_keys (const char  *text,
                      GBytes     **pinyin,
                      GBytes     **strokes)
{
  UChar buffer[SHORT_TEXT];
  g_autofree UChar *heap = NULL;
  int32_t length = 0;

  text = text ? text : "";
  heap = to_uchars (text, buffer, G_N_ELEMENTS (buffer), &length);

  *pinyin = make_key (text, TX_ORDER_PINYIN, heap ? heap : buffer, length);
  *strokes = make_key (text, TX_ORDER_STROKES, heap ? heap : buffer, length);
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
