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

/* Unicode's Bidi_Control characters: they reorder what follows them, so
 * "\u202E某某协商" would print its "签到表" backwards. */
static gboolean
is_bidi_control (gunichar c)
{
  return c == 0x061C || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* U+FFFE and U+FFFF, which XML 1.0 forbids, and the other code points
 * Unicode keeps out of text */
static gboolean
is_noncharacter (gunichar c)
{
  return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

/**
 * tx_doc_clean_text:
 * @text: (nullable): text of a record, as stored
 * @mode: whether line breaks are kept
 *
 * The text every document writes, whatever the database holds: an old
 * database, an import or an exchange file may have brought in control
 * characters, which make an ODT's XML invalid (LibreOffice then refuses
 * the whole file) and print as boxes; bidi controls, which turn the
 * rest of a printed line around; or bytes that are not UTF-8.
 *
 * Removed: C0 controls but tab and line feed, DEL and the C1 controls,
 * the Bidi_Control characters, U+FFFE, U+FFFF and the other
 * noncharacters.  A carriage return, alone or before a line feed, and
 * U+2028/U+2029 become a line feed; in %TX_DOC_TEXT_ONE_LINE line feeds
 * and tabs become spaces.  Bytes that are not UTF-8 (a lone surrogate
 * among them) become U+FFFD.  Everything else — emoji and their joiners,
 * rare CJK characters beyond the BMP — is kept.
 *
 * Returns: (transfer full): the text to write
 */
char *
tx_doc_clean_text (const char    *text,
                   TxDocTextMode  mode)
{
  g_autofree char *valid = NULL;
  GString *clean;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  clean = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r' && p[1] == '\n')
        continue;
      if (c == '\r' || c == 0x2028 || c == 0x2029)
        c = '\n';

      if (c == '\n' || c == '\t')
        g_string_append_c (clean, mode == TX_DOC_TEXT_ONE_LINE ? ' ' : (char) c);
      else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || is_bidi_control (c) || is_noncharacter (c))
        continue;
      else
        g_string_append_unichar (clean, c);
    }

  return g_string_free (clean, FALSE);
}

static gboolean
has_han (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;

  return FALSE;
}

/* The quote for @depth quotes already open: “ ” outside, ‘ ’ within. */
static void
append_quote (GString  *out,
              gboolean  opening,
              guint     depth)
{
  if (depth == 0)
    g_string_append (out, opening ? "“" : "”");
  else
    g_string_append (out, opening ? "‘" : "’");
}

/* Whether a text before punctuation is Chinese: a Han character, or
 * Chinese punctuation that ends a word or a quote. */
static gboolean
chinese_before (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN ||
         (c != 0 && g_utf8_strchr ("”’）》」』，；：！？。", -1, c) != NULL);
}

/* An ASCII single quote between two letters or digits is an apostrophe
 * (O'Brien); any other is a quote. */
static gboolean
is_apostrophe (gunichar before,
               gunichar after)
{
  return g_ascii_isalnum (before) && g_ascii_isalnum (after);
}

/* Whether the ASCII single quotes of @text used as quotes pair up: when
 * they do not (5' long), they are left as typed. */
static gboolean
single_quotes_pair (const char *text)
{
  gunichar before = 0;
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\'' && !is_apostrophe (before, g_utf8_get_char (p + 1)))
        n++;
      before = c;
    }

  return n % 2 == 0;
}

/* The full-width form of ASCII punctuation that ends a Chinese clause,
 * or NULL. */
static const char *
full_width_stop (gunichar c)
{
  switch (c)
    {
    case ',': return "，";
    case ';': return "；";
    case ':': return "：";
    case '!': return "！";
    case '?': return "？";
    case '.': return "。";
    default:  return NULL;
    }
}

/**
 * tx_doc_chinese_punctuation:
 * @text: text of a record, as typed (an organisation's name, a title)
 *
 * Makes the punctuation of a Chinese text what a document prints: ASCII
 * parentheses become full-width （ ）, ASCII quotes (double, or single
 * ones that pair up) become “ ”, and quotes within quotes ‘ ’ (also “ ”
 * typed inside “ ”).  ASCII , ; : ! ? next to Chinese text become
 * ，；：！？ and a full stop after Chinese text at the end of a sentence
 * 。, the spaces typed after them dropped.  A text without a Chinese character
 * (a phone number, a Latin name) is left as it is, and so are
 * apostrophes, decimal points and times (9:30).
 *
 * Returns: (transfer full): the text to print
 */
char *
tx_doc_chinese_punctuation (const char *text)
{
  GString *out;
  GArray *open;   /* of gunichar: the quote each open quote began with */
  gboolean singles;

  if (text == NULL)
    return g_strdup ("");
  if (!has_han (text))
    return g_strdup (text);

  singles = single_quotes_pair (text);
  out = g_string_sized_new (strlen (text) + 16);
  open = g_array_new (FALSE, FALSE, sizeof (gunichar));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar after = g_utf8_get_char (g_utf8_next_char (p));
      /* what is printed before it, not what was typed: “整酒风”）: */
      gunichar before = out->len > 0 ? g_utf8_get_char (g_utf8_find_prev_char (out->str, out->str + out->len)) : 0;
      const char *stop = full_width_stop (c);

      /* after Chinese text, or before it (9:30,共); a full stop only
       * where a sentence ends */
      if (stop != NULL &&
          ((chinese_before (before) &&
            (c != '.' || after == '\0' || (after < 128 && strchr (" \"')", (int) after) != NULL) ||
             chinese_before (after))) ||
           g_unichar_get_script (after) == G_UNICODE_SCRIPT_HAN))
        {
          g_string_append (out, stop);
          /* the space typed after it is part of the full-width mark */
          while (p[1] == ' ')
            p++;
          continue;
        }

      switch (c)
        {
        case '(':
          g_string_append (out, "（");
          break;
        case ')':
          g_string_append (out, "）");
          break;
        case '\'':
          if (!singles || is_apostrophe (before, after))
            {
              g_string_append_c (out, '\'');
              break;
            }
          G_GNUC_FALLTHROUGH;
        case '"':
          /* closes a quote it opened, or opens one */
          if (open->len > 0 && g_array_index (open, gunichar, open->len - 1) == c)
            {
              g_array_set_size (open, open->len - 1);
              append_quote (out, FALSE, open->len);
            }
          else
            {
              append_quote (out, TRUE, open->len);
              g_array_append_val (open, c);
            }
          break;
        case 0x201C:   /* “ */
          append_quote (out, TRUE, open->len);
          g_array_append_val (open, c);
          break;
        case 0x201D:   /* ” */
          if (open->len > 0)
            {
              g_array_set_size (open, open->len - 1);
              append_quote (out, FALSE, open->len);
            }
          else
            g_string_append_unichar (out, c);
          break;
        default:
          g_string_append_unichar (out, c);
        }
    }

  g_array_unref (open);
  return g_string_free (out, FALSE);
}
