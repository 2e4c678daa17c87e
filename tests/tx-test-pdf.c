/* tx-test-pdf.c — reading back the documents Tongxin writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tx-test-pdf.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

/* pdftotext's output for @args (a quoted file name last) */
static char *
run_pdftotext (const char *args)
{
  g_autofree char *cmd = g_strdup_printf ("pdftotext -enc UTF-8 %s -", args);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_steal_pointer (&out);
}

/**
 * tx_test_pdf_text:
 * @layout: keep the lines and columns (pdftotext -layout); otherwise the
 *   text with every space taken out, for finding words
 *
 * Returns: (transfer full): what a reader of @pdf reads, in the order
 *   it is drawn on the paper
 */
char *
tx_test_pdf_text (const char *pdf,
                  gboolean    layout)
{
  g_autofree char *quoted = g_shell_quote (pdf);
  g_autofree char *args = g_strdup_printf ("%s %s", layout ? "-layout" : "", quoted);
  g_autofree char *out = run_pdftotext (args);

  return layout ? g_steal_pointer (&out) : tx_test_squeeze (out);
}

/**
 * tx_test_pdf_raw_text:
 * @page: a page, or 0 for all
 *
 * Returns: (transfer full): the text of @pdf in the order it was
 *   written (pdftotext -raw), without white space, so that a cell
 *   wrapped over lines reads as one string
 */
char *
tx_test_pdf_raw_text (const char *pdf,
                      guint       page)
{
  g_autofree char *quoted = g_shell_quote (pdf);
  g_autofree char *args = page > 0 ? g_strdup_printf ("-raw -f %u -l %u %s", page, page, quoted)
                                   : g_strdup_printf ("-raw %s", quoted);
  g_autofree char *out = run_pdftotext (args);

  return tx_test_squeeze (out);
}

/* The number of pages of @pdf, as pdfinfo counts them. */
guint
tx_test_pdf_pages (const char *pdf)
{
  g_autofree char *quoted = g_shell_quote (pdf);
  g_autofree char *cmd = g_strdup_printf ("pdfinfo %s", quoted);
  g_autofree char *out = NULL;
  const char *pages;

  g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, NULL, NULL));
  pages = strstr (out, "Pages:");
  g_assert_nonnull (pages);

  return (guint) strtoul (pages + strlen ("Pages:"), NULL, 10);
}

/**
 * tx_test_assert_words_inside:
 * @left, @top, @right, @bottom: the box, in points from the page's
 *   top left corner
 *
 * Every word pdftotext finds on any page of @pdf lies inside the box:
 * nothing runs off the paper or into the margins, whatever the records
 * hold.
 */
void
tx_test_assert_words_inside (const char *pdf,
                             double      left,
                             double      top,
                             double      right,
                             double      bottom)
{
  g_autofree char *quoted = g_shell_quote (pdf);
  g_autofree char *args = g_strdup_printf ("-bbox %s", quoted);
  g_autofree char *out = run_pdftotext (args);
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  guint n_words = 0;

  regex = g_regex_new ("<word xMin=\"([0-9.-]+)\" yMin=\"([0-9.-]+)\" xMax=\"([0-9.-]+)\" yMax=\"([0-9.-]+)\">([^<]*)<",
                       0, 0, NULL);
  g_regex_match (regex, out, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      double box[4];
      g_autofree char *word = g_match_info_fetch (match, 5);

      for (guint i = 0; i < 4; i++)
        {
          g_autofree char *number = g_match_info_fetch (match, i + 1);
          box[i] = g_ascii_strtod (number, NULL);
        }

      if (box[0] < left - 1 || box[2] > right + 1 || box[1] < top - 1 || box[3] > bottom)
        g_error ("“%s” is drawn at %.1f,%.1f–%.1f,%.1f, outside the text block", word, box[0], box[1], box[2], box[3]);
      n_words++;
    }
  g_assert_cmpuint (n_words, >, 10);
}

/* How many times @word is in @text (read back from a document) */
guint
tx_test_count (const char *text,
               const char *word)
{
  guint n = 0;

  for (const char *p = strstr (text, word); p != NULL; p = strstr (p + strlen (word), word))
    n++;

  return n;
}

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

/* @text, in place, without the word joiners (U+2060) that keep a number
 * on one line with what it counts in an ODT: a reader never sees them. */
char *
tx_test_unjoin (char *text)
{
  static const char joiner[] = "\u2060";
  char *out = text;

  for (const char *p = text; *p; )
    {
      if (strncmp (p, joiner, strlen (joiner)) == 0)
        {
          p += strlen (joiner);
          continue;
        }
      *out++ = *p++;
    }
  *out = '\0';

  return text;
}

/* The member @name ("content.xml", "Pictures/image1.png") of the zip
 * file @zip, as unzip reads it: not the library that wrote it. */
GBytes *
tx_test_zip_member (const char *zip,
                    const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) unzip = NULL;
  GBytes *member = NULL;

  unzip = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                            "unzip", "-p", zip, name, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate (unzip, NULL, NULL, &member, NULL, &error));
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (unzip))
    g_error ("%s has no member %s", zip, name);

  return member;
}

/* Likewise, as text. */
char *
tx_test_zip_member_text (const char *zip,
                         const char *name)
{
  g_autoptr(GBytes) member = tx_test_zip_member (zip, name);

  return g_strndup (g_bytes_get_data (member, NULL), g_bytes_get_size (member));
}

/* The text of an ODT as a reader reads it: a line for each paragraph
 * (and for each line break inside one), tabs as tabs, the markup and
 * the word joiners gone. */
char *
tx_test_odt_text (const char *odt)
{
  g_autofree char *quoted = g_shell_quote (odt);
  g_autofree char *cmd = g_strdup_printf ("unzip -p %s content.xml", quoted);
  g_autofree char *xml = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) lines = g_regex_new ("</text:p>|</text:h>|<text:line-break/>", 0, 0, NULL);
  g_autoptr(GRegex) tabs = g_regex_new ("<text:tab/>", 0, 0, NULL);
  g_autoptr(GRegex) tags = g_regex_new ("<[^>]*>", 0, 0, NULL);
  static const char * const entities[][2] = {
    { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&apos;", "'" }, { "&amp;", "&" },
  };
  char *text;
  int status;

  g_assert_true (g_spawn_command_line_sync (cmd, &xml, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  text = g_regex_replace_literal (lines, xml, -1, 0, "\n", 0, NULL);
  g_clear_pointer (&xml, g_free);
  xml = g_regex_replace_literal (tabs, text, -1, 0, "\t", 0, NULL);
  g_free (text);
  text = g_regex_replace_literal (tags, xml, -1, 0, "", 0, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      g_auto(GStrv) parts = g_strsplit (text, entities[i][0], -1);

      g_free (text);
      text = g_strjoinv (entities[i][1], parts);
    }

  return tx_test_unjoin (text);
}
