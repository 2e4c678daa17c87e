/* tx-doc-title.c
 *
 * A document's title over lines as GB/T 9704-2012 §7.3.3 asks: "标题回行
 * 时，要做到词意完整，排列对称，长短适宜" — broken between words (ICU's
 * dictionary of Chinese words), the lines as equal as the words allow
 * (a 梯形 or 菱形), never a line of one or two characters, and never
 * before a closing mark or after an opening one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-doc-title"

#include "config.h"

#include <math.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "tx-doc-title.h"

/* The width of a character in characters of the title's size: Chinese
 * and full-width marks are one, digits and Latin letters a little over
 * half, with the gap a word processor leaves between them and Chinese. */
static double
char_width (gunichar c)
{
  if (g_unichar_iswide (c) || g_unichar_iswide_cjk (c))
    return 1.0;
  return 0.55;
}

/**
 * tx_doc_text_width:
 *
 * Returns: how wide @text is set, in Chinese characters of its size
 *   (digits and Latin letters a little over half): for a line to be
 *   placed before the word processor sets it
 */
double
tx_doc_text_width (const char *text)
{
  double width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    width += char_width (g_utf8_get_char (p));

  return width;
}

static gboolean
no_line_starts_with (gunichar c)
{
  return c != 0 && g_utf8_strchr ("，。、：；！？”’）》〉」』】〕…—·%", -1, c) != NULL;
}

static gboolean
no_line_ends_with (gunichar c)
{
  return c != 0 && g_utf8_strchr ("“‘（《〈「『【〔", -1, c) != NULL;
}

/* What a line should not start with, and its cost in squared
 * characters of difference: a word that belongs to what comes before
 * ("…标准 / 的建议"), and worse, a suffix cut from its word ("资源 /
 * 化", "棚户 / 区", which the dictionary gives as two words).  A suffix
 * is a word of one character; 方案 or 区域 may start a line. */
static double
poor_line_start (const gunichar *chars,
                 const gboolean *allowed,
                 glong           n,
                 glong           j)
{
  gunichar c = chars[j];
  /* followed by the end, another word or a mark (利益相关方、) */
  gboolean alone = j + 1 == n || allowed[j + 1] || !g_unichar_isalnum (chars[j + 1]);

  /* …化 …性 …方; places; the last character of an office or a body
   * (合作社, 委员会, 林业局, 派出所, 办公室) */
  if (alone && g_utf8_strchr ("化性式型率度者们方区县镇乡村市省点"
                              "社会局厅处科站所院馆队部办校园场厂店司组室团委", -1, c) != NULL)
    return 9;
  if (g_utf8_strchr ("的和与及之等", -1, c) != NULL)
    return 4;
  return 0;
}

static gboolean
is_numeral (gunichar c)
{
  return g_unichar_isdigit (c) || g_utf8_strchr ("一二三四五六七八九十百", -1, c) != NULL;
}

/* "第四季度", "第3次": a 第 with its numeral and what it counts */
static void
keep_ordinals (const gunichar *chars,
               glong           n,
               gboolean       *allowed)
{
  for (glong i = 0; i < n; i++)
    {
      glong end = i + 1;

      if (chars[i] != 0x7B2C /* 第 */)
        continue;
      while (end < n && is_numeral (chars[end]))
        end++;
      if (end == i + 1)
        continue;
      /* the unit: 季度 is two characters, 次, 届, 条 one */
      if (end + 1 < n && chars[end] == 0x5B63 /* 季 */ && chars[end + 1] == 0x5EA6 /* 度 */)
        end += 2;
      else if (end < n && g_utf8_strchr ("次届条号期批", -1, chars[end]) != NULL)
        end++;
      for (glong j = i + 1; j < end; j++)
        allowed[j] = FALSE;
    }
}

/* A short quoted name (“整酒风”, 《条例》) is one word here, whatever
 * the dictionary makes of it. */
static void
keep_quoted (const gunichar *chars,
             glong           n,
             gboolean       *allowed)
{
  static const gunichar pairs[][2] = {
    { 0x201C, 0x201D },   /* “ ” */
    { 0x2018, 0x2019 },   /* ‘ ’ */
    { 0x300A, 0x300B },   /* 《 》 */
  };
  const glong longest = 10;

  for (glong i = 0; i < n; i++)
    for (guint k = 0; k < G_N_ELEMENTS (pairs); k++)
      {
        glong end;

        if (chars[i] != pairs[k][0])
          continue;
        for (end = i + 1; end < n && end - i <= longest + 1 && chars[end] != pairs[k][1]; end++)
          ;
        if (end < n && chars[end] == pairs[k][1] && end - i <= longest + 1)
          for (glong j = i + 1; j <= end; j++)
            allowed[j] = FALSE;
      }
}

/* Where the line may break: before character i, for i in 1 … n-1. */
static gboolean *
break_points (const gunichar *chars,
              glong           n,
              gboolean        by_words)
{
  gboolean *allowed = g_new0 (gboolean, n + 1);

  if (by_words)
    {
      /* UTF-16 for ICU, and where each of its units is in @chars */
      g_autofree UChar *utf16 = g_new (UChar, 2 * n + 1);
      g_autofree glong *char_at = g_new0 (glong, 2 * n + 1);
      int32_t utf16_len = 0;
      UErrorCode status = U_ZERO_ERROR;
      UBreakIterator *words;

      for (glong i = 0; i < n; i++)
        {
          char_at[utf16_len] = i;
          if (chars[i] > 0xFFFF)
            {
              utf16[utf16_len++] = 0xD800 + ((chars[i] - 0x10000) >> 10);
              char_at[utf16_len] = i;
              utf16[utf16_len++] = 0xDC00 + ((chars[i] - 0x10000) & 0x3FF);
            }
          else
            utf16[utf16_len++] = chars[i];
        }
      char_at[utf16_len] = n;

      words = ubrk_open (UBRK_WORD, "zh_CN", utf16, utf16_len, &status);
      if (U_FAILURE (status))
        return allowed;
      for (int32_t b = ubrk_first (words); b != UBRK_DONE; b = ubrk_next (words))
        if (char_at[b] > 0 && char_at[b] < n)
          allowed[char_at[b]] = TRUE;
      ubrk_close (words);
    }
  else
    {
      for (glong i = 1; i < n; i++)
        allowed[i] = TRUE;
    }

  for (glong i = 1; i < n; i++)
    {
      if (no_line_starts_with (chars[i]) || no_line_ends_with (chars[i - 1]))
        allowed[i] = FALSE;
      /* a number with what it counts is one word here */
      if (g_unichar_isdigit (chars[i - 1]) && (g_unichar_isdigit (chars[i]) || g_utf8_strchr ("年月日号次个条天期届", -1, chars[i]) != NULL))
        allowed[i] = FALSE;
      if (g_unichar_isalnum (chars[i - 1]) && g_unichar_isalnum (chars[i]) &&
          !g_unichar_iswide (chars[i - 1]) && !g_unichar_iswide (chars[i]))
        allowed[i] = FALSE;
    }
  keep_ordinals (chars, n, allowed);
  if (by_words)
    keep_quoted (chars, n, allowed);

  return allowed;
}

/* The best breaks for @n_lines lines: each line at most @max_width and
 * at least three characters wide, the sum of squared differences from
 * an equal share the smallest, a poor start of a line costing as much
 * as two characters of difference.  Returns FALSE when no breaks fit. */
static gboolean
best_breaks (const double   *prefix,
             const gunichar *chars,
             const gboolean *allowed,
             glong           n,
             guint           n_lines,
             double          max_width,
             glong          *breaks)
{
  double share = prefix[n] / n_lines;
  /* cost[l][i]: the first i characters as l lines */
  g_autofree double *cost = g_new (double, (n_lines + 1) * (n + 1));
  g_autofree glong *from = g_new0 (glong, (n_lines + 1) * (n + 1));

#define COST(l, i) cost[(l) * (n + 1) + (i)]
#define FROM(l, i) from[(l) * (n + 1) + (i)]
  for (glong i = 0; i < (n_lines + 1) * (n + 1); i++)
    cost[i] = INFINITY;
  COST (0, 0) = 0;

  for (guint l = 1; l <= n_lines; l++)
    for (glong i = 1; i <= n; i++)
      {
        if (i < n && !allowed[i])
          continue;
        for (glong j = (l == 1 ? 0 : 1); j < i; j++)
          {
            double w = prefix[i] - prefix[j];
            double c;

            if (!isfinite (COST (l - 1, j)) || w > max_width || w < 3)
              continue;
            c = COST (l - 1, j) + (w - share) * (w - share);
            if (j > 0)
              c += poor_line_start (chars, allowed, n, j);
            if (c < COST (l, i))
              {
                COST (l, i) = c;
                FROM (l, i) = j;
              }
          }
      }

  if (!isfinite (COST (n_lines, n)))
    return FALSE;

  for (guint l = n_lines, i = n; l > 0; l--)
    {
      breaks[l - 1] = i;
      i = FROM (l, i);
    }
#undef COST
#undef FROM

  return TRUE;
}

/**
 * tx_doc_title_lines:
 * @title: one line of a title
 * @max_width: how many Chinese characters a line holds
 *
 * Returns: (transfer full): the lines of @title, each at most @max_width
 *   wide, as few as will hold it
 */
GStrv
tx_doc_title_lines (const char *title,
                    double      max_width)
{
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();
  glong n = 0;
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (title, -1, &n);
  g_autofree double *prefix = g_new0 (double, n + 1);
  guint min_lines;

  for (glong i = 0; i < n; i++)
    prefix[i + 1] = prefix[i] + char_width (chars[i]);

  if (prefix[n] <= max_width)
    {
      g_strv_builder_add (lines, title);
      return g_strv_builder_end (lines);
    }

  min_lines = (guint) ceil (prefix[n] / max_width);
  /* between words if the words allow it, else anywhere */
  for (int by_words = 1; by_words >= 0; by_words--)
    {
      g_autofree gboolean *allowed = break_points (chars, n, by_words);

      for (guint n_lines = min_lines; n_lines <= min_lines + 1; n_lines++)
        {
          g_autofree glong *breaks = g_new0 (glong, n_lines);

          if (best_breaks (prefix, chars, allowed, n, n_lines, max_width, breaks))
            {
              glong start = 0;

              for (guint l = 0; l < n_lines; l++)
                {
                  g_autofree char *line = g_ucs4_to_utf8 (chars + start, breaks[l] - start, NULL, NULL, NULL);
                  g_strv_builder_add (lines, line);
                  start = breaks[l];
                }
              return g_strv_builder_end (lines);
            }
        }
    }

  /* nothing fits (a title of one long word): as the word processor would */
  g_strv_builder_add (lines, title);
  return g_strv_builder_end (lines);
}

/**
 * tx_doc_word_ends:
 * @text: UTF-8
 * @length: its length in bytes, or -1
 *
 * Where the words of @text end, by ICU's dictionary of Chinese words: a
 * list for one who must break a long text in a narrow space between its
 * words (a table's cell).  A number is one word with what it counts.
 *
 * Returns: (transfer full) (element-type gsize): the byte offsets where
 *   each word ends, in order, the last @length
 */
GArray *
tx_doc_word_ends (const char *text,
                  gssize      length)
{
  GArray *ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  glong n = 0;
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (text, length, &n);
  g_autofree gboolean *allowed = break_points (chars, n, TRUE);
  gsize offset = 0;

  for (glong i = 0; i < n; i++)
    {
      offset += g_unichar_to_utf8 (chars[i], NULL);
      /* a suffix stays with its word: 利益相关方, not 利益相关 / 方 */
      if (i + 1 == n || (allowed[i + 1] && poor_line_start (chars, allowed, n, i + 1) < 9))
        g_array_append_val (ends, offset);
    }

  return ends;
}

