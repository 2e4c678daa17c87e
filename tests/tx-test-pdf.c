/* tx-test-pdf.c — reading back the PDFs Tongxin draws itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tx-test-pdf.h"

/* @text without the spaces, line and page breaks pdftotext puts in */
char *
tx_test_squeeze (const char *text)
{
  GString *squeezed = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (*p != ' ' && *p != '\n' && *p != '\f')
      g_string_append_c (squeezed, *p);

  return g_string_free (squeezed, FALSE);
}

/* The font family (as pdftohtml -xml names it, "ABCDEF+NotoSansCJKsc")
 * of the first text line that holds @text. */
char *
tx_test_pdf_font_of (const char *xml,
                     const char *text)
{
  g_autofree char *line = g_strdup_printf ("font=\"([0-9]+)\">(?:<b>)?[^<]*%s", text);
  g_autoptr(GRegex) regex = g_regex_new (line, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GRegex) spec = NULL;
  g_autoptr(GMatchInfo) spec_match = NULL;
  g_autofree char *id = NULL;
  g_autofree char *pattern = NULL;

  if (!g_regex_match (regex, xml, 0, &match))
    g_error ("“%s” is not a line of the PDF", text);
  id = g_match_info_fetch (match, 1);
  pattern = g_strdup_printf ("<fontspec id=\"%s\" size=\"[0-9]+\" family=\"([^\"]+)\"", id);
  spec = g_regex_new (pattern, 0, 0, NULL);
  g_assert_true (g_regex_match (spec, xml, 0, &spec_match));

  return g_match_info_fetch (spec_match, 1);
}
