/* test-doc-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tx-doc-format.h"

static void
test_date (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "2026-11-27", "2026年11月27日" },
    { "2026-03-05", "2026年3月5日" },
    { "2026-03-10T09:00:00+08:00", "2026年3月10日" },
    { "2026-02-30", "" },
    { "", "" },
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *formatted = tx_doc_format_date (cases[i].in);
      g_assert_cmpstr (formatted, ==, cases[i].out);
    }
}

static void
test_phone (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "13885412345", "138****2345" },
    { "138 8541 2345", "138****2345" },
    { "138-8541-2345", "138****2345" },
    { "0854-8221234", "0854-****1234" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = tx_doc_mask_phone (cases[i].in);
      g_assert_cmpstr (masked, ==, cases[i].out);
    }
}

/* What every document writes of a record's text: nothing XML forbids,
 * no character that turns a printed line around, no invalid UTF-8, and
 * everything else as it was. */
static void
test_clean_text (void)
{
  struct { const char *in; const char *lines; const char *one_line; } cases[] = {
    /* kept as they are: Chinese, emoji with their joiners and variation
     * selectors, characters beyond the BMP, U+FFFD itself */
    { "双谷村协商", "双谷村协商", "双谷村协商" },
    { "👩‍🌾 ❤️ 𠀀𪚥", "👩‍🌾 ❤️ 𠀀𪚥", "👩‍🌾 ❤️ 𠀀𪚥" },
    { "a\xEF\xBF\xBD" "b", "a\xEF\xBF\xBD" "b", "a\xEF\xBF\xBD" "b" },
    { "", "", "" },
    { NULL, "", "" },
    /* control characters: C0 but tab and line feed, DEL, C1 */
    { "石\x01启\x0b明\x1f", "石启明", "石启明" },
    { "a\x7f\xC2\x80\xC2\x9F" "b", "ab", "ab" },
    { "a\tb\nc", "a\tb\nc", "a b c" },
    /* carriage returns and the Unicode line and paragraph separators
     * are line breaks */
    { "a\r\nb\rc", "a\nb\nc", "a b c" },
    { "a\xE2\x80\xA8" "b\xE2\x80\xA9" "c", "a\nb\nc", "a b c" },
    /* bidi controls: embeddings, overrides, isolates, marks */
    { "\xE2\x80\xAE" "签到表", "签到表", "签到表" },
    { "a\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAC\xE2\x80\xAD\xE2\x80\xAE" "b", "ab", "ab" },
    { "a\xE2\x81\xA6\xE2\x81\xA7\xE2\x81\xA8\xE2\x81\xA9" "b", "ab", "ab" },
    { "a\xE2\x80\x8E\xE2\x80\x8F\xD8\x9C" "b", "ab", "ab" },
    /* noncharacters, U+FFFE and U+FFFF among them */
    { "a\xEF\xBF\xBE\xEF\xBF\xBF\xEF\xB7\x90\xF0\x9F\xBF\xBE" "b", "ab", "ab" },
    /* not UTF-8: a stray byte, a lone surrogate (CESU-8) */
    { "石\xff", "石\xEF\xBF\xBD", "石\xEF\xBF\xBD" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *lines = tx_doc_clean_text (cases[i].in, TX_DOC_TEXT_LINES);
      g_autofree char *one_line = tx_doc_clean_text (cases[i].in, TX_DOC_TEXT_ONE_LINE);

      g_assert_cmpstr (lines, ==, cases[i].lines);
      g_assert_cmpstr (one_line, ==, cases[i].one_line);
    }

  /* a lone surrogate is not kept in any form */
  {
    g_autofree char *clean = tx_doc_clean_text ("a\xED\xA0\x80z", TX_DOC_TEXT_LINES);

    g_assert_true (g_utf8_validate (clean, -1, NULL));
    g_assert_true (g_str_has_prefix (clean, "a"));
    g_assert_true (g_str_has_suffix (clean, "z"));
    g_assert_null (strstr (clean, "\xED\xA0\x80"));
  }
}

/* What a clerk types with an English keyboard, printed the Chinese way. */
static void
test_chinese_punctuation (void)
{
  static const struct {
    const char *typed;
    const char *printed;
  } cases[] = {
    { "关于推进\"一户一档\"管理的建议", "关于推进“一户一档”管理的建议" },
    { "福泉市\"100%\"_合作社", "福泉市“100%”_合作社" },
    { "规范城乡酒席办理(治理\"整酒风\")协商", "规范城乡酒席办理（治理“整酒风”）协商" },
    /* quotes within quotes (ASCII quotes cannot nest: each closes the
     * one before) */
    { "他说“要落实“三零”目标”", "他说“要落实‘三零’目标”" },
    { "他说“要落实\"三零\"目标”", "他说“要落实‘三零’目标”" },
    { "\"一\"和\"二\"", "“一”和“二”" },
    /* no Chinese: as typed */
    { "(0854) 822-1234", "(0854) 822-1234" },
    { "O'Brien \"Jr.\"", "O'Brien \"Jr.\"" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *printed = tx_doc_chinese_punctuation (cases[i].typed);

      g_assert_cmpstr (printed, ==, cases[i].printed);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/doc-format/date", test_date);
  g_test_add_func ("/doc-format/phone", test_phone);
  g_test_add_func ("/doc-format/clean-text", test_clean_text);
  g_test_add_func ("/doc-format/chinese-punctuation", test_chinese_punctuation);

  return g_test_run ();
}
