/* test-doc-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <string.h>

#include "tx-doc-format.h"
#include "tx-doc-title.h"
#include "tx-odt-document.h"
#include "tx-test-pdf.h"
#include "tx-types.h"

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
    /* single quotes: within double ones, or on their own */
    { "详见\"关于'村村通'的意见\"", "详见“关于‘村村通’的意见”" },
    { "推进'双随机'检查", "推进“双随机”检查" },
    { "李'明'的O'Brien", "李“明”的O'Brien" },
    { "长5'的木板", "长5'的木板" },
    /* clause and sentence marks after Chinese text */
    { "完善平台,推进检查; 资金100%到位. 详见附件", "完善平台，推进检查；资金100%到位。详见附件" },
    { "建议: 第1期", "建议：第1期" },
    { "他说:\"好.\"", "他说：“好。”" },
    { "是否可行?请回复!", "是否可行？请回复！" },
    /* numbers, times and Latin text keep theirs */
    { "时间:9:30,共3,000人,增长2.5%", "时间：9:30，共3,000人，增长2.5%" },
    { "访问www.gov.cn了解", "访问www.gov.cn了解" },
    { "第1.5条", "第1.5条" },
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

/* Whether the cell style @name draws the edge @side ("left", "top"…). */
static gboolean
draws_edge (xmlXPathContextPtr  context,
            const char         *name,
            const char         *side)
{
  g_autofree char *query = g_strdup_printf ("//style:style[@style:name='%s']/style:table-cell-properties", name);
  xmlXPathObjectPtr found = xmlXPathEvalExpression (BAD_CAST query, context);
  xmlNodePtr properties;
  g_autofree char *attribute = g_strconcat ("border-", side, NULL);
  xmlChar *edge, *all;
  gboolean draws;

  g_assert_true (found != NULL && found->nodesetval != NULL && found->nodesetval->nodeNr == 1);
  properties = found->nodesetval->nodeTab[0];
  edge = xmlGetNsProp (properties, BAD_CAST attribute, BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0");
  all = xmlGetNsProp (properties, BAD_CAST "border", BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0");
  if (edge != NULL)
    draws = strcmp ((const char *) edge, "none") != 0;
  else
    draws = all != NULL && strcmp ((const char *) all, "none") != 0;
  xmlFree (edge);
  xmlFree (all);
  xmlXPathFreeObject (found);

  return draws;
}

/* Whether the row style @name keeps a row on one page. */
static gboolean
keeps_together (xmlXPathContextPtr  context,
                const char         *name)
{
  g_autofree char *query = g_strdup_printf ("//style:style[@style:name='%s']/style:table-row-properties", name);
  xmlNodePtr saved = context->node;
  xmlXPathObjectPtr found = xmlXPathEvalExpression (BAD_CAST query, context);
  xmlChar *keep = NULL;
  gboolean keeps;

  context->node = saved;
  if (found != NULL && found->nodesetval != NULL && found->nodesetval->nodeNr == 1)
    keep = xmlGetNsProp (found->nodesetval->nodeTab[0], BAD_CAST "keep-together",
                         BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0");
  keeps = keep != NULL && strcmp ((const char *) keep, "always") == 0;
  xmlFree (keep);
  xmlXPathFreeObject (found);

  return keeps;
}

/* Tables are ruled with single lines: of two cells side by side, or one
 * above the other, only one draws the edge they share; and the table
 * is closed on every side.  No row is split across two pages. */
static void
test_single_rules (void)
{
  static const double widths[] = { 3, 4, 5 };
  static const char * const cells[] = { "乡镇", "颜色", "原因", "金山街道", "绿", "—", "凤山镇", "红", "反馈逾期" };
  static const int shades[] = { -1, -1, -1, -1, TX_COLOR_GREEN, -1, -1, TX_COLOR_RED, -1 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tongxin-rules-XXXXXX", &error);
  g_autofree char *odt = g_build_filename (dir, "rules.odt", NULL);
  g_autoptr(TxOdtDocument) doc = tx_odt_document_new ("表格");
  g_autofree char *content = NULL;
  xmlDocPtr xml;
  xmlXPathContextPtr context;
  xmlXPathObjectPtr tables;

  tx_odt_document_add_grid (doc, 3, widths, cells, shades, G_N_ELEMENTS (cells));
  tx_odt_document_add_table (doc, 2, widths, cells, 8);
  g_assert_true (tx_odt_document_save (doc, odt, &error));
  g_assert_no_error (error);
  content = tx_test_zip_member_text (odt, "content.xml");

  xml = xmlReadMemory (content, strlen (content), "content.xml", NULL, 0);
  g_assert_nonnull (xml);
  context = xmlXPathNewContext (xml);
  xmlXPathRegisterNs (context, BAD_CAST "style", BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:style:1.0");
  xmlXPathRegisterNs (context, BAD_CAST "table", BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:table:1.0");
  tables = xmlXPathEvalExpression (BAD_CAST "//table:table", context);
  g_assert_cmpint (tables->nodesetval->nodeNr, ==, 2);

  for (int t = 0; t < tables->nodesetval->nodeNr; t++)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
      xmlXPathObjectPtr found;

      context->node = tables->nodesetval->nodeTab[t];
      found = xmlXPathEvalExpression (BAD_CAST ".//table:table-row", context);
      for (int r = 0; r < found->nodesetval->nodeNr; r++)
        {
          GPtrArray *row = g_ptr_array_new_with_free_func (xmlFree);
          xmlChar *row_style = xmlGetNsProp (found->nodesetval->nodeTab[r], BAD_CAST "style-name",
                                             BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:table:1.0");

          /* a row is kept whole on one page */
          g_assert_nonnull (row_style);
          g_assert_true (keeps_together (context, (const char *) row_style));
          xmlFree (row_style);

          for (xmlNodePtr cell = found->nodesetval->nodeTab[r]->children; cell != NULL; cell = cell->next)
            if (cell->type == XML_ELEMENT_NODE && strcmp ((const char *) cell->name, "table-cell") == 0)
              g_ptr_array_add (row, xmlGetNsProp (cell, BAD_CAST "style-name",
                                                  BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:table:1.0"));
          g_ptr_array_add (rows, row);
        }
      xmlXPathFreeObject (found);

      for (guint r = 0; r < rows->len; r++)
        {
          GPtrArray *row = g_ptr_array_index (rows, r);

          for (guint c = 0; c < row->len; c++)
            {
              const char *style = g_ptr_array_index (row, c);

              /* the shared edge with the next cell, and with the one below */
              if (c + 1 < row->len)
                g_assert_false (draws_edge (context, style, "right")
                                && draws_edge (context, g_ptr_array_index (row, c + 1), "left"));
              if (r + 1 < rows->len)
                g_assert_false (draws_edge (context, style, "bottom")
                                && draws_edge (context, g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, r + 1), c), "top"));
              /* closed all round */
              if (c == 0)
                g_assert_true (draws_edge (context, style, "left"));
              if (c + 1 == row->len)
                g_assert_true (draws_edge (context, style, "right"));
              if (r == 0)
                g_assert_true (draws_edge (context, style, "top"));
              if (r + 1 == rows->len)
                g_assert_true (draws_edge (context, style, "bottom"));
              /* inner edges drawn by one of the two */
              if (c + 1 < row->len)
                g_assert_true (draws_edge (context, style, "right")
                               || draws_edge (context, g_ptr_array_index (row, c + 1), "left"));
            }
        }
    }

  xmlXPathFreeObject (tables);
  xmlXPathFreeContext (context);
  xmlFreeDoc (xml);
  g_unlink (odt);
  g_rmdir (dir);
}

/* Width of a line as the title counts it: digits a little over half. */
static double
title_width (const char *line)
{
  double width = 0;

  for (const char *p = line; *p; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 1 : 0.55;

  return width;
}

/* Titles over lines of at most 20 characters: between words, about
 * equal, never a line of one or two characters (GB/T 9704 §7.3.3). */
static void
test_title_lines (void)
{
  static const struct {
    const char *title;
    const char *first_line;   /* where the words say to break */
  } cases[] = {
    { "古城文化旅游景区暨棚户区改造征收政策协商会议纪要", NULL },
    { "关于古城棚户区征收补偿政策公开和“一户一档”管理的建议", NULL },
    { "关于提高农村集体经营性建设用地入市收益分配标准的建议", NULL },
    { "政协福泉市委员会关于2026年第四季度基层协商民主工作推进情况的通报", NULL },
    { "关于禁养区内散养户过渡期扶持的建议", "关于禁养区内散养户过渡期扶持的建议" },
    { "规范城乡酒席办理（治理“整酒风”）协商会议纪要", NULL },
    /* a quoted name is not split, even where that would be more even */
    { "规范城乡酒席办理（治理“整酒风”）：第2次协商会议纪要", "规范城乡酒席办理（治理" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) lines = tx_doc_title_lines (cases[i].title, 20);
      g_autofree char *joined = g_strjoinv ("", lines);
      double shortest = G_MAXDOUBLE, longest = 0;

      /* nothing lost or added */
      g_assert_cmpstr (joined, ==, cases[i].title);
      for (guint l = 0; lines[l] != NULL; l++)
        {
          double w = title_width (lines[l]);
          gunichar first = g_utf8_get_char (lines[l]);

          g_test_message ("%s", lines[l]);
          g_assert_cmpfloat (w, <=, 20);
          g_assert_cmpfloat (w, >=, 3);
          /* no line starts with a closing mark, none ends in an opening */
          g_assert_null (g_utf8_strchr ("，。、”）》", -1, first));
          g_assert_false (g_str_has_suffix (lines[l], "“") || g_str_has_suffix (lines[l], "（"));
          shortest = MIN (shortest, w);
          longest = MAX (longest, w);
        }
      if (cases[i].first_line != NULL)
        g_assert_cmpstr (lines[0], ==, cases[i].first_line);
      else
        g_assert_cmpuint (g_strv_length (lines), ==, 2);
      g_assert_cmpfloat (longest - shortest, <=, 5);
    }

  {
    /* a word is not split: "纪要", "一户一档", "2026年" stay whole */
    g_auto(GStrv) a = tx_doc_title_lines ("古城文化旅游景区暨棚户区改造征收政策协商会议纪要", 20);
    g_auto(GStrv) b = tx_doc_title_lines ("关于古城棚户区征收补偿政策公开和“一户一档”管理的建议", 20);
    g_auto(GStrv) c = tx_doc_title_lines ("政协福泉市委员会关于2026年第四季度基层协商民主工作推进情况的通报", 20);

    g_assert_false (g_str_has_suffix (a[0], "纪"));
    g_assert_false (g_str_has_suffix (b[0], "一户一") || g_str_has_suffix (b[0], "“"));
    g_assert_false (g_str_has_suffix (c[0], "20") || g_str_has_suffix (c[0], "2026"));
    /* a long name in a narrow cell: broken only between its words */
    {
      const char *unit = "福泉市道路运输服务中心";
      g_autoptr(GArray) ends = tx_doc_word_ends (unit, -1);
      g_autoptr(GArray) suffix = tx_doc_word_ends ("利益相关方、群众代表", -1);
      gboolean at_road = FALSE;

      g_assert_cmpuint (g_array_index (ends, gsize, ends->len - 1), ==, strlen (unit));
      for (guint i = 0; i < ends->len; i++)
        {
          g_autofree char *word = g_strndup (unit, g_array_index (ends, gsize, i));

          /* never 福泉市道 / 路…, nor 运输服 / 务… */
          g_assert_false (g_str_has_suffix (word, "道") || g_str_has_suffix (word, "服") ||
                          g_str_has_suffix (word, "中"));
          at_road |= g_str_equal (word, "福泉市道路");
        }
      g_assert_true (at_road);
      /* nor 柳田农业专业合作 / 社 */
      {
        const char *cooperative = "柳田农业专业合作社 负责人";
        g_autoptr(GArray) words = tx_doc_word_ends (cooperative, -1);

        for (guint i = 0; i < words->len; i++)
          {
            g_autofree char *word = g_strndup (cooperative, g_array_index (words, gsize, i));

            g_test_message ("%s", word);
            g_assert_false (g_str_has_suffix (word, "合作"));
          }
      }
      /* 利益相关方 ends with its 方 */
      for (guint i = 0; i < suffix->len; i++)
        g_assert_cmpuint (g_array_index (suffix, gsize, i), !=, strlen ("利益相关"));
    }
    /* nor "第四季度", nor "资源化" (two words to the dictionary) */
    g_assert_false (g_str_has_suffix (c[0], "第四") || g_str_has_suffix (c[0], "第"));
    {
      g_auto(GStrv) d = tx_doc_title_lines ("关于推进生猪养殖粪污资源化利用和种养结合的建议", 20);
      g_assert_false (g_str_has_prefix (d[1], "化"));
    }
    /* nor "棚户区" (棚户 and 区 to the dictionary); but a word that
     * only begins with such a character may begin a line: 方案, 区域 */
    {
      g_auto(GStrv) e = tx_doc_title_lines ("古城文化旅游景区暨棚户区改造征收政策协商签到表", 20);
      g_autoptr(GArray) plan = tx_doc_word_ends ("实施方案", -1);
      gboolean after_doing = FALSE;

      g_test_message ("%s / %s", e[0], e[1]);
      g_assert_false (g_str_has_prefix (e[1], "区"));
      for (guint i = 0; i < plan->len; i++)
        after_doing |= g_array_index (plan, gsize, i) == strlen ("实施");
      g_assert_true (after_doing);
    }
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
  g_test_add_func ("/doc-format/single-rules", test_single_rules);
  g_test_add_func ("/doc-format/title-lines", test_title_lines);

  return g_test_run ();
}
