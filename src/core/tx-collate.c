/* tx-collate.c
 *
 * Sort keys are computed once per person and stored, so that the database
 * orders the roster with an index: bytes whose memcmp order is the order
 * of the names.  Pinyin is ICU's "zh@collation=pinyin".
 *
 * Surname strokes (按姓氏笔画为序) follow the rule the offices print by:
 *
 *  1. the surname first, so that the people of one surname stay together:
 *     the first character, or both characters of a compound surname
 *     (欧阳, 司马, … see compound_surnames[]);
 *  2. surnames by stroke count as the mainland counts them (Unicode's
 *     Unihan kTotalStrokes; ICU's "zh@collation=stroke" follows the
 *     traditional counts, 陈 after 罗), then by their strokes in writing
 *     order, compared stroke by stroke by class 横 竖 撇 点 折 (Rime's
 *     stroke dictionary, in the mainland's order), then by code point.
 *     build-aux/gen-strokes.py puts every character in that order at
 *     build time and writes its place into tx-strokes-table.c.  A
 *     compound surname compares character by character, so 欧阳 comes
 *     right after 欧;
 *  3. then the given name, character by character, the same way.
 *
 * Names that do not begin with a Han character (Latin letters) come after
 * every Chinese name, in ICU's order.
 *
 * The key of a Chinese name, byte by byte:
 *
 *   01  U(s1) [U(s2)]  00  U(g1) U(g2) …
 *
 * U(c) is one character: its place in stroke order plus 0x100, in two
 * bytes (the first 01 to EF); a Han character without a place is F0 and
 * its code point in three bytes, any other character F1 and its code
 * point.  No U(c) begins with 00, so the 00 after the surname puts a
 * surname before the longer ones it begins, and the people of one
 * surname together.  Any other name is 02 ICU(name).  The key of a
 * three-character name is eight bytes: the index of 100,000 people
 * stays small, and so does every row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-collate"

#include "config.h"

#include <string.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "tx-collate.h"

/* The bytes of a strokes key (see the top of the file). */
#define KEY_END           0x00  /* ends the surname */
#define KEY_CHINESE       0x01  /* a name whose surname is a Han character */
#define KEY_OTHER         0x02  /* any other name, after the Chinese ones */
#define PLACE_BASE        0x0100
#define HAN_UNPLACED      0xF0  /* a Han character missing from the table */
#define NOT_HAN           0xF1  /* a letter, a digit, a dot in a given name */

/* Compound surnames (复姓) that count whole as the surname: the common
 * ones of the 百家姓 and those met in rosters today.  This list is the
 * only place that knows them.  A two-character name is a surname and a
 * given name even when it is written like one of these (东方 is 东 方). */
static const char compound_surnames[][7] = {
  "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙",
  "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "端木", "独孤",
  "南宫", "西门", "万俟", "闻人", "轩辕", "澹台", "公冶", "宗政",
  "濮阳", "太史", "申屠", "钟离", "赫连", "百里", "东郭", "呼延",
  "淳于", "鲜于", "司空", "闾丘", "拓跋",
};
/* two characters of three bytes each in UTF-8, and the NUL */
G_STATIC_ASSERT (sizeof compound_surnames[0] == 7);

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

/* tx-strokes-table.c, generated at build time */
extern const gunichar tx_strokes_first;
extern const gunichar tx_strokes_last;
extern const guint16 tx_strokes_rank[];

static inline guint
stroke_place (gunichar c)
{
  return c >= tx_strokes_first && c <= tx_strokes_last ? tx_strokes_rank[c - tx_strokes_first] : 0;
}

static inline gboolean
is_han (gunichar c)
{
  return stroke_place (c) > 0 || g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN;
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

/* Where the given name starts: after a compound surname when the name
 * begins with one and goes on, after the first character otherwise. */
static const char *
skip_surname (const char *name)
{
  const char *second = g_utf8_next_char (name);

  if (*second == '\0')
    return second;

  for (guint i = 0; i < G_N_ELEMENTS (compound_surnames); i++)
    if (strncmp (name, compound_surnames[i], sizeof compound_surnames[i] - 1) == 0 &&
        name[sizeof compound_surnames[i] - 1] != '\0')
      return name + sizeof compound_surnames[i] - 1;

  return second;
}

/* U(c) of the top of the file. */
static void
append_character (GByteArray *key,
                  gunichar    c)
{
  guint place = stroke_place (c);

  if (place > 0)
    {
      guint value = place + PLACE_BASE;
      guint8 bytes[2] = { value >> 8, value & 0xFF };

      g_byte_array_append (key, bytes, sizeof bytes);
    }
  else
    {
      guint8 bytes[4] = {
        g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN ? HAN_UNPLACED : NOT_HAN,
        (c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF,
      };

      g_byte_array_append (key, bytes, sizeof bytes);
    }
}

/* The strokes key of @text (valid UTF-8) whose UTF-16 is @chars. */
static void
append_strokes_key (GByteArray  *key,
                    const char  *text,
                    const UChar *chars,
                    int32_t      length)
{
  static const guint8 chinese = KEY_CHINESE;
  static const guint8 other = KEY_OTHER;
  static const guint8 end = KEY_END;
  const char *given;

  if (*text == '\0' || !is_han (g_utf8_get_char (text)))
    {
      g_byte_array_append (key, &other, 1);
      append_icu_key (key, TX_ORDER_STROKES, chars, length);
      return;
    }

  given = skip_surname (text);

  g_byte_array_append (key, &chinese, 1);
  for (const char *p = text; p < given; p = g_utf8_next_char (p))
    append_character (key, g_utf8_get_char (p));
  g_byte_array_append (key, &end, 1);

  for (const char *p = given; *p != '\0'; p = g_utf8_next_char (p))
    append_character (key, g_utf8_get_char (p));
}

static GBytes *
make_key (const char  *text,
          TxOrder      order,
          const UChar *chars,
          int32_t      length)
{
  GByteArray *key = g_byte_array_sized_new (64);

  if (order == TX_ORDER_STROKES && g_utf8_validate (text, -1, NULL))
    append_strokes_key (key, text, chars, length);
  else if (order == TX_ORDER_STROKES)
    {
      static const guint8 other = KEY_OTHER;

      g_byte_array_append (key, &other, 1);
      append_icu_key (key, order, chars, length);
    }
  else
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

/* tx_strokes_key(name): the strokes key, as person.sort_strokes holds
 * it; tx_pinyin_key(text): the pinyin key, to order any text column */
static void
key_function (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  const char *name = (const char *) sqlite3_value_text (argv[0]);
  TxOrder order = GPOINTER_TO_INT (sqlite3_user_data (context));
  g_autoptr(GBytes) key = NULL;
  gsize size = 0;
  const void *data;

  if (name == NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  key = tx_collate_sort_key (name, order);
  data = g_bytes_get_data (key, &size);
  sqlite3_result_blob64 (context, data, size, SQLITE_TRANSIENT);
}

/**
 * tx_collate_register_functions:
 *
 * Gives the connection @db the SQL functions tx_strokes_key(name) and
 * tx_pinyin_key(text), which return the keys tx_collate_sort_key()
 * computes by strokes and by pinyin: a schema update recomputes the
 * stored keys with the first, the roster orders its other columns with
 * the second.
 */
void
tx_collate_register_functions (sqlite3 *db)
{
  static const struct {
    const char *name;
    TxOrder     order;
  } functions[] = {
    { "tx_strokes_key", TX_ORDER_STROKES },
    { "tx_pinyin_key", TX_ORDER_PINYIN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    {
      int rc = sqlite3_create_function_v2 (db, functions[i].name, 1,
                                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                           GINT_TO_POINTER (functions[i].order), key_function,
                                           NULL, NULL, NULL);

      if (rc != SQLITE_OK)
        g_warning ("Could not add the SQL function %s: %s", functions[i].name, sqlite3_errstr (rc));
    }
}
