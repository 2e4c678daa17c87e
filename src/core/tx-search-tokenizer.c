/* tx-search-tokenizer.c — an FTS5 tokenizer of single characters
 *
 * The roster's search index (person_search) is made of single
 * characters: every character of a name, organisation, village or title
 * is one token, so any query, of one character (a surname) or of many
 * (王建华, 卫生院, "100%"), is a phrase of adjacent characters, and a
 * phrase is a substring: what the clerk types is found literally.
 * Letters are folded to lower case and full-width forms (Ａ, １, （) to
 * their ASCII ones, so what a Chinese input method types finds what
 * Excel stored.  Spaces are no tokens: "王 芳" finds 王芳.
 *
 * The tokenizer is registered on Tongxin's own connections.  Any other
 * SQLite reads and writes the tables as usual; only a query of
 * person_search itself needs the tokenizer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <glib.h>

#include "tx-search-tokenizer.h"

#define TOKENIZER_NAME "tx_chars"

/* The tokenizer has no options and no state: any non-NULL pointer does. */
static int
chars_create (void            *context,
              const char     **args,
              int              n_args,
              Fts5Tokenizer  **tokenizer)
{
  (void) context;
  (void) args;

  if (n_args > 0)
    return SQLITE_ERROR;

  *tokenizer = (Fts5Tokenizer *) &chars_create;
  return SQLITE_OK;
}

static void
chars_delete (Fts5Tokenizer *tokenizer)
{
  (void) tokenizer;
}

/* The character as it is indexed and searched, or 0 when it is none. */
static gunichar
fold (gunichar c)
{
  /* full-width ASCII (！ to ～) as ASCII */
  if (c >= 0xFF01 && c <= 0xFF5E)
    c -= 0xFEE0;

  if (g_unichar_isspace (c) || g_unichar_iscntrl (c) || g_unichar_type (c) == G_UNICODE_FORMAT)
    return 0;

  return g_unichar_tolower (c);
}

static int
chars_tokenize (Fts5Tokenizer  *tokenizer,
                void           *context,
                int             flags,
                const char     *text,
                int             n_text,
                int           (*token) (void       *context,
                                        int         flags,
                                        const char *token,
                                        int         n_token,
                                        int         start,
                                        int         end))
{
  const guchar *start = (const guchar *) text;
  const guchar *end = start + n_text;
  const guchar *p = start;

  (void) tokenizer;
  (void) flags;

  while (p < end)
    {
      char folded[6];
      const char *bytes = folded;
      int n_bytes;
      int length;
      gunichar c;
      int rc;

      if (*p < 0x80)
        {
          /* ASCII, as in phone numbers and Latin names */
          length = 1;
          if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
            {
              p++;
              continue;
            }
          folded[0] = g_ascii_tolower (*p);
          n_bytes = 1;
        }
      else
        {
          c = g_utf8_get_char_validated ((const char *) p, end - p);
          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              p++;   /* one byte at a time over what is not UTF-8 */
              continue;
            }
          length = g_utf8_skip[*p];

          if (c >= 0x3400 && c <= 0x9FFF)
            {
              /* a Chinese character stands for itself */
              bytes = (const char *) p;
              n_bytes = length;
            }
          else
            {
              c = fold (c);
              if (c == 0)
                {
                  p += length;
                  continue;
                }
              n_bytes = g_unichar_to_utf8 (c, folded);
            }
        }

      rc = token (context, 0, bytes, n_bytes, p - start, p - start + length);
      if (rc != SQLITE_OK)
        return rc;
      p += length;
    }

  return SQLITE_OK;
}

/**
 * tx_search_tokenizer_register:
 *
 * @api: (nullable): the FTS5 API of a connection (tx_store_open() asks
 *   SQLite for it)
 *
 * Makes the tokenizer `tx_chars` known on the connection of @api.
 *
 * Returns: %FALSE when this SQLite has no FTS5
 */
gboolean
tx_search_tokenizer_register (fts5_api *api)
{
  static fts5_tokenizer chars = {
    chars_create,
    chars_delete,
    chars_tokenize,
  };

  if (api == NULL || api->iVersion < 2)
    return FALSE;

  return api->xCreateTokenizer (api, TOKENIZER_NAME, NULL, &chars, NULL) == SQLITE_OK;
}
