/* tx-odt-document.c
 *
 * An ODF 1.2 text document: a zip (libgsf) whose first entry is the
 * uncompressed "mimetype", then content.xml, styles.xml, meta.xml and
 * META-INF/manifest.xml, each written with libxml2's xmlTextWriter.  The
 * page and the styles follow GB/T 9704-2012 (DESIGN §7): A4, margins
 * 37/35/28/26 mm, title 2号 小标宋, body 3号 仿宋 on a 28.9 pt line with
 * a two-character indent, headings 黑体 and 楷体, page numbers "— 1 —" in
 * 4号 宋体 at the foot, odd pages right and even pages left.  Fonts are
 * named as the offices have them (see fonts[] below).
 *
 * Every text of a record goes through tx_doc_clean_text() on its way
 * in: one control character would make content.xml invalid XML, and
 * LibreOffice would refuse the whole document.  The package is built in
 * memory and written whole through a TxFileWriter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-odt-document"

#include "config.h"

#include <gsf/gsf-outfile-zip.h>
#include <gsf/gsf-output-memory.h>
#include <gsf/gsf-utils.h>
#include <libxml/xmlwriter.h>
#include <string.h>

#include "tx-doc-format.h"
#include "tx-doc-title.h"
#include "tx-odt-document.h"

#define MIMETYPE "application/vnd.oasis.opendocument.text"

#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_STYLE  "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_TEXT   "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_TABLE  "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_FO     "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define NS_SVG    "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
#define NS_META   "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
#define NS_DC     "http://purl.org/dc/elements/1.1/"
#define NS_MANIFEST "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
#define NS_DRAW   "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
#define NS_XLINK  "http://www.w3.org/1999/xlink"

/* Font faces, by the names an office computer has them under: a stock
 * Windows 10/11 has 仿宋, 楷体, 黑体 and 宋体 (not 仿宋_GB2312 or
 * 楷体_GB2312), offices add 方正小标宋简体.  Where one is missing,
 * LibreOffice and WPS ask fontconfig, and data/fontconfig's file gives
 * each the closest face installed. */
static const struct {
  const char *name;
  const char *generic;
} fonts[] = {
  { "方正小标宋简体", "roman" },
  { "仿宋",          "modern" },
  { "黑体",          "swiss" },
  { "楷体",          "script" },
  { "宋体",          "roman" },
};

/* Between the text block and the page number's line, inside the 35 mm
 * of the bottom margin. */
#define FOOTER_DROP "0.27cm"

/* The rules of the 版记: 0.35 mm and 0.25 mm */
/* the text block: 210 mm less margins of 28 and 26 mm */
#define TEXT_WIDTH "15.6cm"
#define IMPRINT_THICK "0.35mm solid #000000"
#define IMPRINT_THIN  "0.25mm solid #000000"
/* where the date ends: a character of 4号 in from the block's right
 * (a tab stop counts from the paragraph's border, not its padding) */
#define IMPRINT_DATE_TAB "151.06mm"

/* The date under a document, four characters from the right, in pt */
#define SIGNATURE_RIGHT 64.0

/* Characters of 2号 in a line of the title: 20 of 22 pt in 156 mm */
#define TITLE_LINE 20.0

struct _TxOdtDocument
{
  char             *title;
  xmlBufferPtr      body;
  xmlTextWriterPtr  writer;
  guint             n_tables;
  GPtrArray        *table_widths;   /* GArray of double (cm), one per table */
  GPtrArray        *images;         /* GBytes, PNG, Pictures/imageN.png */
  double            signer_margin_pt;  /* right of the issuing body's line */
};

TxOdtDocument *
tx_odt_document_new (const char *title)
{
  TxOdtDocument *doc = g_new0 (TxOdtDocument, 1);

  doc->title = g_strdup (title);
  doc->body = xmlBufferCreate ();
  doc->writer = xmlNewTextWriterMemory (doc->body, 0);
  doc->table_widths = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  doc->images = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  return doc;
}

void
tx_odt_document_free (TxOdtDocument *doc)
{
  if (doc == NULL)
    return;

  if (doc->writer != NULL)
    xmlFreeTextWriter (doc->writer);
  xmlBufferFree (doc->body);
  g_ptr_array_unref (doc->table_widths);
  g_ptr_array_unref (doc->images);
  g_free (doc->title);
  g_free (doc);
}

static void
start (xmlTextWriterPtr  w,
       const char       *name)
{
  xmlTextWriterStartElement (w, BAD_CAST name);
}

static void
end (xmlTextWriterPtr w)
{
  xmlTextWriterEndElement (w);
}

static void
attr (xmlTextWriterPtr  w,
      const char       *name,
      const char       *value)
{
  xmlTextWriterWriteAttribute (w, BAD_CAST name, BAD_CAST value);
}

#define WORD_JOINER "\u2060"

/* Whether @c is what a number before it counts: 年, 月, 日, 人, 条, %… */
static gboolean
counts_number (gunichar c)
{
  return c == '%' || c == 0xFF05 /* ％ */ || c == 0x2030 /* ‰ */ ||
         g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN;
}

/* @text with each number kept on one line with the 第 before it and
 * the character after it that it counts ("2026年", "9月", "30日",
 * "6条", "第4季度"), as a typesetter keeps them.  Digits, being English
 * text here, never break among themselves.  Within Chinese text
 * LibreOffice may break anywhere, a word joiner or not; so such a run
 * is a span of no Asian language, where the joiners between its parts
 * hold. */
static void
write_words (xmlTextWriterPtr  w,
             const char       *text)
{
  const char *plain = text;

  for (const char *p = text; *p; )
    {
      const char *from = p, *digits, *to;
      gboolean ordinal;
      gunichar next;

      if (!g_ascii_isdigit (*p))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      digits = p;
      while (g_ascii_isdigit (*p) || (*p == '.' && g_ascii_isdigit (p[1])))
        p++;
      to = p;
      next = g_utf8_get_char (p);
      if (counts_number (next))
        to = g_utf8_next_char (p);
      ordinal = digits - plain >= (gssize) strlen ("第") &&
                g_str_has_prefix (digits - strlen ("第"), "第");
      if (ordinal)
        from = digits - strlen ("第");
      if (!ordinal && to == p)
        continue;

      xmlTextWriterWriteFormatString (w, "%.*s", (int) (from - plain), plain);
      start (w, "text:span");
      attr (w, "text:style-name", "TxKeep");
      if (ordinal)
        xmlTextWriterWriteString (w, BAD_CAST "第" WORD_JOINER);
      xmlTextWriterWriteFormatString (w, "%.*s", (int) (p - digits), digits);
      if (to != p)
        xmlTextWriterWriteFormatString (w, WORD_JOINER "%.*s", (int) (to - p), p);
      end (w);
      plain = p = to;
    }
  xmlTextWriterWriteString (w, BAD_CAST plain);
}

/* Text of a record in a paragraph: tabs and line breaks as ODF writes
 * them, nothing XML forbids, the punctuation Chinese, numbers kept
 * with what they count. */
static void
write_text (TxOdtDocument *doc,
            const char    *text)
{
  xmlTextWriterPtr w = doc->writer;
  g_autofree char *cleaned = tx_doc_clean_text (text, TX_DOC_TEXT_LINES);
  g_autofree char *clean = tx_doc_chinese_punctuation (cleaned);

  g_strchomp (clean);
  for (const char *p = clean; *p; )
    {
      gsize len = strcspn (p, "\t\n");
      g_autofree char *chunk = g_strndup (p, len);

      write_words (w, chunk);
      if (p[len] == '\0')
        break;
      start (w, p[len] == '\t' ? "text:tab" : "text:line-break");
      end (w);
      p += len + 1;
    }
}

/* A paragraph of @style. */
static void
paragraph (TxOdtDocument *doc,
           const char    *style,
           const char    *text)
{
  xmlTextWriterPtr w = doc->writer;

  start (w, "text:p");
  attr (w, "text:style-name", style);
  write_text (doc, text);
  end (w);
}

/* One paragraph per line of @text, empty lines left out. */
static void
paragraphs (TxOdtDocument *doc,
            const char    *style,
            const char    *text)
{
  g_autofree char *clean = tx_doc_clean_text (text, TX_DOC_TEXT_LINES);
  g_auto(GStrv) lines = g_strsplit (clean, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        paragraph (doc, style, lines[i]);
    }
}

/* The title, 2号 小标宋, centred, then one blank line.  Each line of
 * @text is set over lines of at most TITLE_LINE characters, broken
 * between words into lines of about the same length. */
void
tx_odt_document_add_title (TxOdtDocument *doc,
                           const char    *text)
{
  g_autofree char *clean = tx_doc_clean_text (text, TX_DOC_TEXT_LINES);
  g_auto(GStrv) lines = g_strsplit (clean, "\n", -1);
  g_autoptr(GString) title = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) set = NULL;
      g_autofree char *line = NULL;

      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      /* broken as printed: “整酒风” is one word, ( ) narrower than （ ） */
      line = tx_doc_chinese_punctuation (lines[i]);
      set = tx_doc_title_lines (line, TITLE_LINE);
      for (guint l = 0; set[l] != NULL; l++)
        g_string_append_printf (title, "%s%s", title->len ? "\n" : "", set[l]);
    }
  paragraph (doc, "TxTitle", title->str);
  paragraph (doc, "TxBody", "");
}

/* An empty line of body text. */
void
tx_odt_document_add_blank (TxOdtDocument *doc)
{
  paragraph (doc, "TxBody", "");
}

/* "一、协商议题" in 黑体 */
void
tx_odt_document_add_heading (TxOdtDocument *doc,
                             const char    *text)
{
  paragraph (doc, "TxHeading1", text);
}

/* "（一）…" in 楷体 */
void
tx_odt_document_add_subheading (TxOdtDocument *doc,
                                const char    *text)
{
  paragraph (doc, "TxHeading2", text);
}

/* Body text, 3号 仿宋, indented two characters, one paragraph a line. */
void
tx_odt_document_add_paragraphs (TxOdtDocument *doc,
                                const char    *text)
{
  paragraphs (doc, "TxBody", text);
}

/* Body text without the indent (lists of names). */
void
tx_odt_document_add_plain (TxOdtDocument *doc,
                           const char    *text)
{
  paragraphs (doc, "TxPlain", text);
}

/**
 * tx_odt_document_add_labelled:
 * @label: two characters: "出席", "请假", "列席"
 * @text: its lines
 *
 * A list as a 纪要 lists those present (GB/T 9704 §10.3): two
 * characters in, the label in 黑体 and a full-width colon, the names in
 * 仿宋; every line after the first starts under the first name.
 */
void
tx_odt_document_add_labelled (TxOdtDocument *doc,
                              const char    *label,
                              const char    *text)
{
  xmlTextWriterPtr w = doc->writer;

  start (w, "text:p");
  attr (w, "text:style-name", "TxLabelled");
  start (w, "text:span");
  attr (w, "text:style-name", "TxLabel");
  xmlTextWriterWriteString (w, BAD_CAST label);
  xmlTextWriterWriteString (w, BAD_CAST "：");
  end (w);
  write_text (doc, text);
  end (w);
}

/* The document number (发文字号), centred, with a blank line between it
 * and the title (GB/T 9704 §7.2.4 without the 版头). */
void
tx_odt_document_add_number (TxOdtDocument *doc,
                            const char    *number)
{
  g_autofree char *clean = tx_doc_clean_text (number, TX_DOC_TEXT_ONE_LINE);

  paragraph (doc, "TxCenter", g_strstrip (clean));
  paragraph (doc, "TxBody", "");
}

/* Centred lines: a mark under the title. */
void
tx_odt_document_add_centered (TxOdtDocument *doc,
                              const char    *text)
{
  paragraphs (doc, "TxCenter", text);
}

/* Right-aligned lines: the issuing body and the date at the end. */
void
tx_odt_document_add_right (TxOdtDocument *doc,
                           const char    *text)
{
  paragraphs (doc, "TxRight", text);
}

/**
 * tx_odt_document_add_signature:
 * @issuer: (nullable): the issuing body (署名)
 * @date: (nullable): the date written (成文日期), "2026年12月2日"
 *
 * The end of a document (GB/T 9704 §7.3.5.1): the date four characters
 * from the right edge, the issuing body on the line above, centred over
 * the date.
 */
void
tx_odt_document_add_signature (TxOdtDocument *doc,
                               const char    *issuer,
                               const char    *date)
{
  xmlTextWriterPtr w = doc->writer;
  gboolean has_issuer = issuer != NULL && issuer[0] != '\0';
  gboolean has_date = date != NULL && date[0] != '\0';

  if (has_issuer)
    {
      /* the centre of the name over the centre of the date */
      double shift = has_date ? (tx_doc_text_width (date) - tx_doc_text_width (issuer)) / 2 : 0;

      doc->signer_margin_pt = MAX (0, SIGNATURE_RIGHT + shift * 16);
      start (w, "text:p");
      attr (w, "text:style-name", "TxSigner");
      write_text (doc, issuer);
      end (w);
    }
  if (has_date)
    paragraph (doc, "TxRight", date);
}

/* Opens a table with its columns; the widths go into the automatic
 * styles of content.xml. */
static void
table_start (TxOdtDocument *doc,
             const char    *style_name,
             guint          n_columns,
             const double  *widths_cm)
{
  xmlTextWriterPtr w = doc->writer;
  g_autofree char *name = g_strdup_printf ("Table%u", ++doc->n_tables);
  GArray *widths = g_array_sized_new (FALSE, FALSE, sizeof (double), n_columns);

  start (w, "table:table");
  attr (w, "table:name", name);
  attr (w, "table:style-name", style_name);
  for (guint c = 0; c < n_columns; c++)
    {
      g_autofree char *style = g_strdup_printf ("TxTable.C%u_%u", doc->n_tables, c);

      start (w, "table:table-column");
      attr (w, "table:style-name", style);
      end (w);
    }

  g_array_append_vals (widths, widths_cm, n_columns);
  g_ptr_array_add (doc->table_widths, widths);
}

/* The cell styles of content.xml: plain, and shaded by TxColor; each
 * in four, by where the cell is.  A single rule between two cells: a
 * cell draws its top and left edges, and its right or bottom edge only
 * in the last column or row, so no edge is drawn twice. */
static const char * const cell_styles[] = { "TxTableCell", "TxCellGreen", "TxCellYellow", "TxCellRed" };
static const char * const cell_colors[] = { NULL, "#c8e6c9", "#fff3b0", "#f4c2c0" };
static const char * const cell_edges[] = { "", "R", "B", "RB" };
#define CELL_RULE "0.5pt solid #000000"

/* The style of a cell shaded @shade (a TxColor, or -1) at that place. */
static char *
cell_style (int      shade,
            gboolean last_column,
            gboolean last_row)
{
  return g_strconcat (cell_styles[shade >= 0 && shade < 3 ? shade + 1 : 0],
                      cell_edges[(last_column ? 1 : 0) + (last_row ? 2 : 0)], NULL);
}

/**
 * tx_odt_document_add_grid:
 * @widths_cm: (array length=n_columns): the width of each column
 * @cells: (array length=n_cells): row after row; the first row is the
 *   header, set as labels
 * @shades: (array length=n_cells) (nullable): for each cell a TxColor to
 *   shade it with, or -1
 */
void
tx_odt_document_add_grid (TxOdtDocument      *doc,
                          guint               n_columns,
                          const double       *widths_cm,
                          const char * const *cells,
                          const int          *shades,
                          guint               n_cells)
{
  xmlTextWriterPtr w = doc->writer;

  table_start (doc, "TxTable", n_columns, widths_cm);

  for (guint i = 0; i < n_cells; i += n_columns)
    {
      if (i == 0)
        start (w, "table:table-header-rows");
      start (w, "table:table-row");
      attr (w, "table:style-name", "TxRow");
      for (guint c = 0; c < n_columns; c++)
        {
          int shade = shades != NULL && i + c < n_cells ? shades[i + c] : -1;
          g_autofree char *style = cell_style (shade, c + 1 == n_columns, i + n_columns >= n_cells);

          start (w, "table:table-cell");
          attr (w, "table:style-name", style);
          attr (w, "office:value-type", "string");
          paragraph (doc, i == 0 ? "TxCellLabel" : "TxCell", i + c < n_cells ? cells[i + c] : "");
          end (w);
        }
      end (w);
      if (i == 0)
        end (w);
    }
  end (w);
}

/**
 * tx_odt_document_add_table:
 * @widths_cm: (array length=n_columns): the width of each column
 * @cells: (array length=n_cells): row after row; the cells of even
 *   columns (the first, the third) are labels
 */
void
tx_odt_document_add_table (TxOdtDocument      *doc,
                           guint               n_columns,
                           const double       *widths_cm,
                           const char * const *cells,
                           guint               n_cells)
{
  xmlTextWriterPtr w = doc->writer;

  table_start (doc, "TxTable", n_columns, widths_cm);

  for (guint i = 0; i < n_cells; i += n_columns)
    {
      start (w, "table:table-row");
      attr (w, "table:style-name", "TxRow");
      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *style = cell_style (-1, c + 1 == n_columns, i + n_columns >= n_cells);

          start (w, "table:table-cell");
          attr (w, "table:style-name", style);
          attr (w, "office:value-type", "string");
          paragraph (doc, c % 2 == 0 ? "TxCellLabel" : "TxCell",
                     i + c < n_cells ? cells[i + c] : "");
          end (w);
        }
      end (w);
    }
  end (w);
}

/**
 * tx_odt_document_add_imprint:
 * @parts: the offices copied to and the printing office
 * @printed_on: YYYY-MM-DD
 *
 * The 版记 of an issued document (GB/T 9704 §7.4), at the foot of its
 * last page, its last rule on the text block's last line: between a
 * thick rule over it and a thick rule under it, 4号, one character in
 * from each side, “抄送：…。” (its lines after the first under the first
 * office), a thin rule, then the printing office on the left and
 * “2026年12月2日印发” on the right.  Add it last.
 */
void
tx_odt_document_add_imprint (TxOdtDocument      *doc,
                             const TxIssueParts *parts,
                             const char         *printed_on)
{
  xmlTextWriterPtr w = doc->writer;
  g_autofree char *date = tx_doc_format_date (printed_on);
  g_autofree char *printed = date[0] != '\0' ? g_strconcat (date, "印发", NULL) : g_strdup ("");
  gboolean has_copy = parts->copy_to != NULL && parts->copy_to[0] != '\0';
  gboolean has_printer = parts->printer != NULL && parts->printer[0] != '\0';

  if (!has_copy && !has_printer)
    return;

  /* a frame at the foot of the text block, anchored to a last,
   * hairline paragraph: it goes where that paragraph goes, to the last
   * page, or to a page of its own when the text leaves no room */
  start (w, "text:p");
  attr (w, "text:style-name", "TxImprintAnchor");
  start (w, "draw:frame");
  attr (w, "draw:style-name", "TxImprintFrame");
  attr (w, "draw:name", "版记");
  attr (w, "text:anchor-type", "paragraph");
  attr (w, "svg:width", TEXT_WIDTH);
  attr (w, "draw:z-index", "0");
  start (w, "draw:text-box");
  attr (w, "fo:min-height", "0.5cm");
  if (has_copy)
    {
      g_autofree char *clean = tx_doc_clean_text (parts->copy_to, TX_DOC_TEXT_ONE_LINE);
      g_autoptr(GString) offices = g_string_new (NULL);
      g_autofree char *copy = NULL;
      g_autoptr(GString) line = g_string_new ("抄送：");

      /* the offices, separated by full-width commas, end with a full stop */
      for (const char *p = g_strstrip (clean); *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c == ',' || c == ';')
            g_string_append (offices, "，");
          else
            g_string_append_unichar (offices, c);
        }
      copy = tx_doc_chinese_punctuation (offices->str);
      g_string_append (line, copy);
      while (g_str_has_suffix (line->str, "。") || g_str_has_suffix (line->str, "，") ||
             g_str_has_suffix (line->str, "；") || g_str_has_suffix (line->str, "、"))
        g_string_truncate (line, line->len - strlen ("。"));
      g_string_append (line, "。");
      paragraph (doc, "TxImprintCopy", line->str);
    }
  /* the printing office on the left, the date at the right tab */
  start (w, "text:p");
  attr (w, "text:style-name", has_copy ? "TxImprintPrinter" : "TxImprintPrinterOnly");
  if (has_printer)
    write_text (doc, parts->printer);
  start (w, "text:tab");
  end (w);
  write_text (doc, printed);
  end (w);
  end (w); /* draw:text-box */
  end (w); /* draw:frame */
  end (w); /* text:p */
}

/**
 * tx_odt_document_add_image:
 * @png: the picture, kept in the package as Pictures/imageN.png
 *
 * A picture centred in its own paragraph.
 */
void
tx_odt_document_add_image (TxOdtDocument *doc,
                           GBytes        *png,
                           double         width_cm,
                           double         height_cm)
{
  xmlTextWriterPtr w = doc->writer;
  g_autofree char *href = g_strdup_printf ("Pictures/image%u.png", doc->images->len + 1);
  g_autofree char *name = g_strdup_printf ("Image%u", doc->images->len + 1);
  char width[G_ASCII_DTOSTR_BUF_SIZE + 2], height[G_ASCII_DTOSTR_BUF_SIZE + 2];

  g_ascii_formatd (width, sizeof width - 2, "%.2f", width_cm);
  strcat (width, "cm");
  g_ascii_formatd (height, sizeof height - 2, "%.2f", height_cm);
  strcat (height, "cm");

  g_ptr_array_add (doc->images, g_bytes_ref (png));

  start (w, "text:p");
  attr (w, "text:style-name", "TxCentered");
  start (w, "draw:frame");
  attr (w, "draw:name", name);
  attr (w, "text:anchor-type", "as-char");
  attr (w, "svg:width", width);
  attr (w, "svg:height", height);
  start (w, "draw:image");
  attr (w, "xlink:href", href);
  attr (w, "xlink:type", "simple");
  attr (w, "xlink:show", "embed");
  attr (w, "xlink:actuate", "onLoad");
  end (w);
  end (w);
  end (w);
}

/* ------------------------------------------------------------------ */
/* The parts of the package                                           */
/* ------------------------------------------------------------------ */

static xmlTextWriterPtr
part_new (xmlBufferPtr *buffer)
{
  xmlTextWriterPtr w;

  *buffer = xmlBufferCreate ();
  w = xmlNewTextWriterMemory (*buffer, 0);
  xmlTextWriterStartDocument (w, NULL, "UTF-8", NULL);

  return w;
}

static GBytes *
part_finish (xmlTextWriterPtr w,
             xmlBufferPtr     buffer)
{
  GBytes *bytes;

  xmlTextWriterEndDocument (w);
  xmlFreeTextWriter (w);
  bytes = g_bytes_new (xmlBufferContent (buffer), xmlBufferLength (buffer));
  xmlBufferFree (buffer);

  return bytes;
}

static void
font_face_decls (xmlTextWriterPtr w)
{
  start (w, "office:font-face-decls");
  for (guint i = 0; i < G_N_ELEMENTS (fonts); i++)
    {
      g_autofree char *quoted = g_strdup_printf ("'%s'", fonts[i].name);

      start (w, "style:font-face");
      attr (w, "style:name", fonts[i].name);
      attr (w, "svg:font-family", quoted);
      attr (w, "style:font-family-generic", fonts[i].generic);
      end (w);
    }
  end (w);
}

/* A paragraph style: font (for Chinese and Latin), size in pt, and the
 * paragraph properties as name/value pairs ending with NULL. */
static void
paragraph_style (xmlTextWriterPtr  w,
                 const char       *name,
                 const char       *display,
                 const char       *font,
                 double            size,
                 gboolean          bold,
                 ...)
{
  char size_text[16];
  va_list args;

  g_ascii_formatd (size_text, sizeof size_text - 2, "%.1f", size);
  strcat (size_text, "pt");

  start (w, "style:style");
  attr (w, "style:name", name);
  attr (w, "style:display-name", display);
  attr (w, "style:family", "paragraph");
  attr (w, "style:parent-style-name", "Standard");

  start (w, "style:paragraph-properties");
  va_start (args, bold);
  for (const char *key = va_arg (args, const char *); key != NULL; key = va_arg (args, const char *))
    attr (w, key, va_arg (args, const char *));
  va_end (args);
  end (w);

  start (w, "style:text-properties");
  attr (w, "style:font-name", font);
  attr (w, "style:font-name-asian", font);
  attr (w, "style:font-name-complex", font);
  attr (w, "fo:font-size", size_text);
  attr (w, "style:font-size-asian", size_text);
  attr (w, "style:font-size-complex", size_text);
  if (bold)
    {
      attr (w, "fo:font-weight", "bold");
      attr (w, "style:font-weight-asian", "bold");
    }
  end (w);

  end (w);
}

static GBytes *
write_styles (void)
{
  xmlBufferPtr buffer;
  xmlTextWriterPtr w = part_new (&buffer);

  start (w, "office:document-styles");
  attr (w, "xmlns:office", NS_OFFICE);
  attr (w, "xmlns:style", NS_STYLE);
  attr (w, "xmlns:text", NS_TEXT);
  attr (w, "xmlns:table", NS_TABLE);
  attr (w, "xmlns:fo", NS_FO);
  attr (w, "xmlns:svg", NS_SVG);
  attr (w, "office:version", "1.2");

  font_face_decls (w);

  start (w, "office:styles");

  /* the defaults: 仿宋 3号, Chinese text */
  start (w, "style:default-style");
  attr (w, "style:family", "paragraph");
  start (w, "style:text-properties");
  attr (w, "style:font-name", "仿宋");
  attr (w, "style:font-name-asian", "仿宋");
  attr (w, "fo:font-size", "16pt");
  attr (w, "style:font-size-asian", "16pt");
  /* Digits and Latin words are "Western" text to LibreOffice, broken
   * by the rules of their language: as Chinese, "2026" could end a line
   * at "20"; as English, a run of digits with its "%" stays whole. */
  attr (w, "fo:language", "en");
  attr (w, "fo:country", "US");
  attr (w, "style:language-asian", "zh");
  attr (w, "style:country-asian", "CN");
  end (w);
  end (w);

  start (w, "style:style");
  attr (w, "style:name", "Standard");
  attr (w, "style:family", "paragraph");
  attr (w, "style:class", "text");
  start (w, "style:paragraph-properties");
  /* 22 lines a page: a fixed line height of 28.9 pt */
  attr (w, "style:line-height-at-least", "0cm");
  attr (w, "fo:line-height", "28.9pt");
  attr (w, "fo:margin-top", "0cm");
  attr (w, "fo:margin-bottom", "0cm");
  end (w);
  /* 28 characters a line: the 156 mm text block holds 27 characters of
   * 16 pt, and 28 when each gives up a quarter of a point */
  start (w, "style:text-properties");
  attr (w, "fo:letter-spacing", "-0.25pt");
  end (w);
  end (w);

  paragraph_style (w, "TxTitle", "Title", "方正小标宋简体", 22, FALSE,
                   "fo:text-align", "center", "fo:line-height", "35pt",
                   "fo:keep-with-next", "always", NULL);
  paragraph_style (w, "TxHeading1", "Heading 1", "黑体", 16, FALSE,
                   "fo:text-indent", "32pt", "fo:keep-with-next", "always", NULL);
  paragraph_style (w, "TxHeading2", "Heading 2", "楷体", 16, FALSE,
                   "fo:text-indent", "32pt", "fo:keep-with-next", "always", NULL);
  paragraph_style (w, "TxBody", "Body", "仿宋", 16, FALSE,
                   "fo:text-indent", "32pt", "fo:text-align", "justify", NULL);
  paragraph_style (w, "TxPlain", "Body without indent", "仿宋", 16, FALSE,
                   "fo:text-align", "start", NULL);
  /* two characters in, the rest after a label of two and a colon */
  paragraph_style (w, "TxLabelled", "Attendance", "仿宋", 16, FALSE,
                   "fo:text-align", "start", "fo:margin-left", "80pt", "fo:text-indent", "-48pt", NULL);
  start (w, "style:style");
  attr (w, "style:name", "TxLabel");
  attr (w, "style:display-name", "Attendance label");
  attr (w, "style:family", "text");
  start (w, "style:text-properties");
  attr (w, "style:font-name", "黑体");
  attr (w, "style:font-name-asian", "黑体");
  attr (w, "style:font-name-complex", "黑体");
  end (w);
  end (w);
  /* a number and what it counts, kept on one line (write_words()) */
  start (w, "style:style");
  attr (w, "style:name", "TxKeep");
  attr (w, "style:display-name", "Number with its unit");
  attr (w, "style:family", "text");
  start (w, "style:text-properties");
  attr (w, "style:language-asian", "zxx");
  attr (w, "style:country-asian", "none");
  end (w);
  end (w);
  paragraph_style (w, "TxCenter", "Centred", "仿宋", 16, FALSE,
                   "fo:text-align", "center", NULL);
  paragraph_style (w, "TxRight", "Signature", "仿宋", 16, FALSE,
                   "fo:text-align", "end", "fo:margin-right", G_STRINGIFY (SIGNATURE_RIGHT) "pt", NULL);
  /* the 版记, 4号 */
  paragraph_style (w, "TxImprint", "Imprint", "仿宋", 14, FALSE,
                   "fo:text-align", "start", "fo:line-height", "22pt", NULL);
  paragraph_style (w, "TxCell", "Table contents", "仿宋", 14, FALSE,
                   "fo:line-height", "22pt", NULL);
  paragraph_style (w, "TxCellLabel", "Table label", "黑体", 14, FALSE,
                   "fo:line-height", "22pt", "fo:text-align", "center", NULL);
  /* the dashes of "— 1 —" 7 mm under the text block (§7.5) */
  paragraph_style (w, "TxFooterOdd", "Footer, odd pages", "宋体", 14, FALSE,
                   "fo:text-align", "end", "fo:margin-right", "14pt", "fo:line-height", "100%",
                   "fo:margin-top", FOOTER_DROP, NULL);
  paragraph_style (w, "TxFooterEven", "Footer, even pages", "宋体", 14, FALSE,
                   "fo:text-align", "start", "fo:margin-left", "14pt", "fo:line-height", "100%",
                   "fo:margin-top", FOOTER_DROP, NULL);
  /* text frames (the 版记) are Writer frames, not drawing shapes */
  start (w, "style:style");
  attr (w, "style:name", "Frame");
  attr (w, "style:family", "graphic");
  end (w);
  end (w); /* office:styles */

  start (w, "office:automatic-styles");
  start (w, "style:page-layout");
  attr (w, "style:name", "TxPage");
  start (w, "style:page-layout-properties");
  attr (w, "fo:page-width", "21cm");
  attr (w, "fo:page-height", "29.7cm");
  attr (w, "style:print-orientation", "portrait");
  attr (w, "fo:margin-top", "3.7cm");
  attr (w, "fo:margin-bottom", "2.1cm");
  attr (w, "fo:margin-left", "2.8cm");
  attr (w, "fo:margin-right", "2.6cm");
  end (w);
  /* the foot of the 35 mm margin holds the page number */
  start (w, "style:footer-style");
  start (w, "style:header-footer-properties");
  attr (w, "fo:min-height", "1.4cm");
  attr (w, "fo:margin-top", "0cm");
  end (w);
  end (w);
  end (w);
  end (w); /* office:automatic-styles */

  start (w, "office:master-styles");
  start (w, "style:master-page");
  attr (w, "style:name", "Standard");
  attr (w, "style:page-layout-name", "TxPage");
  /* "— 1 —": odd pages on the right, even pages on the left */
  start (w, "style:footer");
  start (w, "text:p");
  attr (w, "text:style-name", "TxFooterOdd");
  xmlTextWriterWriteString (w, BAD_CAST "— ");
  start (w, "text:page-number");
  attr (w, "text:select-page", "current");
  xmlTextWriterWriteString (w, BAD_CAST "1");
  end (w);
  xmlTextWriterWriteString (w, BAD_CAST " —");
  end (w);
  end (w);
  start (w, "style:footer-left");
  start (w, "text:p");
  attr (w, "text:style-name", "TxFooterEven");
  xmlTextWriterWriteString (w, BAD_CAST "— ");
  start (w, "text:page-number");
  attr (w, "text:select-page", "current");
  xmlTextWriterWriteString (w, BAD_CAST "2");
  end (w);
  xmlTextWriterWriteString (w, BAD_CAST " —");
  end (w);
  end (w);
  end (w);
  end (w); /* office:master-styles */

  end (w); /* office:document-styles */

  return part_finish (w, buffer);
}

static GBytes *
write_content (TxOdtDocument *doc)
{
  xmlBufferPtr buffer;
  xmlTextWriterPtr w = part_new (&buffer);

  start (w, "office:document-content");
  attr (w, "xmlns:office", NS_OFFICE);
  attr (w, "xmlns:draw", NS_DRAW);
  attr (w, "xmlns:xlink", NS_XLINK);
  attr (w, "xmlns:style", NS_STYLE);
  attr (w, "xmlns:text", NS_TEXT);
  attr (w, "xmlns:table", NS_TABLE);
  attr (w, "xmlns:fo", NS_FO);
  attr (w, "xmlns:svg", NS_SVG);
  attr (w, "office:version", "1.2");

  font_face_decls (w);

  start (w, "office:automatic-styles");
  start (w, "style:style");
  attr (w, "style:name", "TxTable");
  attr (w, "style:family", "table");
  start (w, "style:table-properties");
  attr (w, "style:width", TEXT_WIDTH);
  attr (w, "table:align", "center");
  attr (w, "fo:margin-bottom", "0.4cm");
  end (w);
  end (w);
  for (guint t = 0; t < doc->table_widths->len; t++)
    {
      GArray *widths = g_ptr_array_index (doc->table_widths, t);

      for (guint c = 0; c < widths->len; c++)
        {
          g_autofree char *name = g_strdup_printf ("TxTable.C%u_%u", t + 1, c);
          char width[G_ASCII_DTOSTR_BUF_SIZE + 2];

          g_ascii_formatd (width, sizeof width - 2, "%.2f", g_array_index (widths, double, c));
          strcat (width, "cm");
          start (w, "style:style");
          attr (w, "style:name", name);
          attr (w, "style:family", "table-column");
          start (w, "style:table-column-properties");
          attr (w, "style:column-width", width);
          end (w);
          end (w);
        }
    }
  /* a row is never split across two pages: it moves to the next whole */
  start (w, "style:style");
  attr (w, "style:name", "TxRow");
  attr (w, "style:family", "table-row");
  start (w, "style:table-row-properties");
  attr (w, "fo:keep-together", "always");
  end (w);
  end (w);
  for (guint s = 0; s < G_N_ELEMENTS (cell_styles); s++)
    for (guint e = 0; e < G_N_ELEMENTS (cell_edges); e++)
      {
        g_autofree char *name = g_strconcat (cell_styles[s], cell_edges[e], NULL);

        start (w, "style:style");
        attr (w, "style:name", name);
        attr (w, "style:family", "table-cell");
        start (w, "style:table-cell-properties");
        attr (w, "fo:border-left", CELL_RULE);
        attr (w, "fo:border-top", CELL_RULE);
        attr (w, "fo:border-right", (e & 1) ? CELL_RULE : "none");
        attr (w, "fo:border-bottom", (e & 2) ? CELL_RULE : "none");
        attr (w, "fo:padding", "0.1cm");
        attr (w, "style:vertical-align", "middle");
        if (cell_colors[s] != NULL)
          attr (w, "fo:background-color", cell_colors[s]);
        end (w);
        end (w);
      }
  /* the 版记: a frame at the foot of the last page's text block, its
   * rules thick over and under it, thin between, across the block; the
   * text one character (4号) in from either side */
  start (w, "style:style");
  attr (w, "style:name", "TxImprintFrame");
  attr (w, "style:family", "graphic");
  attr (w, "style:parent-style-name", "Frame");
  start (w, "style:graphic-properties");
  attr (w, "style:wrap", "none");
  attr (w, "style:vertical-pos", "bottom");
  attr (w, "style:vertical-rel", "page-content");
  attr (w, "style:horizontal-pos", "center");
  attr (w, "style:horizontal-rel", "paragraph");
  attr (w, "fo:margin-top", "0cm");
  attr (w, "fo:margin-bottom", "0cm");
  attr (w, "fo:padding", "0cm");
  attr (w, "fo:border", "none");
  attr (w, "fo:background-color", "transparent");
  attr (w, "draw:fill", "none");
  attr (w, "draw:auto-grow-height", "true");
  end (w);
  end (w);
  start (w, "style:style");
  attr (w, "style:name", "TxImprintAnchor");
  attr (w, "style:family", "paragraph");
  attr (w, "style:parent-style-name", "Standard");
  start (w, "style:paragraph-properties");
  attr (w, "fo:line-height", "1pt");
  attr (w, "fo:margin-top", "0cm");
  attr (w, "fo:margin-bottom", "0cm");
  end (w);
  start (w, "style:text-properties");
  attr (w, "fo:font-size", "1pt");
  attr (w, "style:font-size-asian", "1pt");
  end (w);
  end (w);
  {
    /* The offices copied to wrap under the first of them, after
     * “抄送：”: a margin of three characters that the first line
     * takes back.  A paragraph's border runs along its first line too,
     * so the rules still start at the block's edge. */
    static const struct {
      const char *name, *top, *bottom, *margin, *indent;
    } imprint[] = {
      { "TxImprintCopy", IMPRINT_THICK, IMPRINT_THIN, "42pt", "-42pt" },
      { "TxImprintPrinter", "none", IMPRINT_THICK, "0pt", "0pt" },
      { "TxImprintPrinterOnly", IMPRINT_THICK, IMPRINT_THICK, "0pt", "0pt" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (imprint); i++)
      {
        start (w, "style:style");
        attr (w, "style:name", imprint[i].name);
        attr (w, "style:family", "paragraph");
        attr (w, "style:parent-style-name", "TxImprint");
        start (w, "style:paragraph-properties");
        attr (w, "fo:border-top", imprint[i].top);
        attr (w, "fo:border-bottom", imprint[i].bottom);
        attr (w, "fo:border-left", "none");
        attr (w, "fo:border-right", "none");
        attr (w, "fo:padding-top", "0.05cm");
        attr (w, "fo:padding-bottom", "0.05cm");
        attr (w, "fo:margin-left", imprint[i].margin);
        attr (w, "fo:text-indent", imprint[i].indent);
        attr (w, "fo:padding-left", "14pt");
        attr (w, "fo:padding-right", "14pt");
        attr (w, "style:join-border", "false");
        /* the date against the right, one character in */
        start (w, "style:tab-stops");
        start (w, "style:tab-stop");
        attr (w, "style:position", IMPRINT_DATE_TAB);
        attr (w, "style:type", "right");
        end (w);
        end (w);
        end (w);
        end (w);
      }
  }
  {
    char margin[G_ASCII_DTOSTR_BUF_SIZE + 2];

    g_ascii_formatd (margin, sizeof margin - 2, "%.1f", doc->signer_margin_pt);
    strcat (margin, "pt");
    start (w, "style:style");
    attr (w, "style:name", "TxSigner");
    attr (w, "style:family", "paragraph");
    attr (w, "style:parent-style-name", "TxRight");
    start (w, "style:paragraph-properties");
    attr (w, "fo:margin-right", margin);
    /* never on a page without its date */
    attr (w, "fo:keep-with-next", "always");
    end (w);
    end (w);
  }
  start (w, "style:style");
  attr (w, "style:name", "TxCentered");
  attr (w, "style:family", "paragraph");
  attr (w, "style:parent-style-name", "TxPlain");
  start (w, "style:paragraph-properties");
  attr (w, "fo:text-align", "center");
  attr (w, "fo:line-height", "100%");
  end (w);
  end (w);
  end (w); /* office:automatic-styles */

  start (w, "office:body");
  start (w, "office:text");
  xmlTextWriterFlush (doc->writer);
  xmlTextWriterWriteRaw (w, xmlBufferContent (doc->body));
  end (w);
  end (w);

  end (w);

  return part_finish (w, buffer);
}

static GBytes *
write_meta (TxOdtDocument *doc)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *clean = tx_doc_clean_text (doc->title, TX_DOC_TEXT_ONE_LINE);
  g_autofree char *title = tx_doc_chinese_punctuation (clean);
  xmlBufferPtr buffer;
  xmlTextWriterPtr w = part_new (&buffer);

  start (w, "office:document-meta");
  attr (w, "xmlns:office", NS_OFFICE);
  attr (w, "xmlns:meta", NS_META);
  attr (w, "xmlns:dc", NS_DC);
  attr (w, "office:version", "1.2");
  start (w, "office:meta");
  xmlTextWriterWriteElement (w, BAD_CAST "meta:generator", BAD_CAST "Tongxin/" PACKAGE_VERSION);
  xmlTextWriterWriteElement (w, BAD_CAST "dc:title", BAD_CAST title);
  xmlTextWriterWriteElement (w, BAD_CAST "dc:language", BAD_CAST "zh-CN");
  xmlTextWriterWriteElement (w, BAD_CAST "meta:creation-date", BAD_CAST date);
  xmlTextWriterWriteElement (w, BAD_CAST "dc:date", BAD_CAST date);
  end (w);
  end (w);

  return part_finish (w, buffer);
}

static GBytes *
write_manifest (const char * const *entries,
                guint               n_entries,
                guint               n_images)
{
  xmlBufferPtr buffer;
  xmlTextWriterPtr w = part_new (&buffer);

  start (w, "manifest:manifest");
  attr (w, "xmlns:manifest", NS_MANIFEST);
  attr (w, "manifest:version", "1.2");

  start (w, "manifest:file-entry");
  attr (w, "manifest:full-path", "/");
  attr (w, "manifest:version", "1.2");
  attr (w, "manifest:media-type", MIMETYPE);
  end (w);

  for (guint i = 0; i < n_entries; i++)
    {
      start (w, "manifest:file-entry");
      attr (w, "manifest:full-path", entries[i]);
      attr (w, "manifest:media-type", "text/xml");
      end (w);
    }

  for (guint i = 0; i < n_images; i++)
    {
      g_autofree char *path = g_strdup_printf ("Pictures/image%u.png", i + 1);

      start (w, "manifest:file-entry");
      attr (w, "manifest:full-path", path);
      attr (w, "manifest:media-type", "image/png");
      end (w);
    }

  end (w);

  return part_finish (w, buffer);
}

static gboolean
write_entry (GsfOutfile *zip,
             const char *name,
             GBytes     *bytes,
             gboolean    stored)
{
  GsfOutput *child;
  gboolean ok;

  child = gsf_outfile_new_child_full (zip, name, FALSE,
                                      "compression-level", stored ? GSF_ZIP_STORED : GSF_ZIP_DEFLATED,
                                      "zip64", 0,
                                      NULL);
  if (child == NULL)
    return FALSE;

  ok = gsf_output_write (child, g_bytes_get_size (bytes), g_bytes_get_data (bytes, NULL)) &&
       gsf_output_close (child);
  g_object_unref (child);

  return ok;
}

/**
 * tx_odt_document_write_to:
 * @writer: where the package goes
 *
 * Writes the package into @writer; the caller commits it.  For a
 * document that is written only together with a change to the database
 * (the circular): the file is whole before the change, and appears
 * under its name after it.
 *
 * Returns: %FALSE when writing failed; the commit says why
 */
gboolean
tx_odt_document_write_to (TxOdtDocument *doc,
                          TxFileWriter  *writer)
{
  static const char * const entries[] = { "content.xml", "styles.xml", "meta.xml" };
  g_autoptr(GBytes) mimetype = g_bytes_new_static (MIMETYPE, strlen (MIMETYPE));
  g_autoptr(GBytes) content = write_content (doc);
  g_autoptr(GBytes) styles = write_styles ();
  g_autoptr(GBytes) meta = write_meta (doc);
  g_autoptr(GBytes) manifest = write_manifest (entries, G_N_ELEMENTS (entries), doc->images->len);
  GsfOutput *sink;
  GsfOutfile *zip;
  gboolean ok;

  gsf_init ();

  /* The zip is made in memory (a document is a few hundred kB at most)
   * and written in one go, so the only writes to the disk are the
   * writer's, each of them checked. */
  sink = gsf_output_memory_new ();
  zip = gsf_outfile_zip_new (sink, NULL);
  if (zip == NULL)
    {
      g_object_unref (sink);
      tx_file_writer_set_failed (writer, 0);
      return FALSE;
    }

  /* "mimetype" first and uncompressed, so the type can be read at a
   * fixed offset (ODF 1.2, part 3, 3.3) */
  ok = write_entry (zip, "mimetype", mimetype, TRUE) &&
       write_entry (zip, "content.xml", content, FALSE) &&
       write_entry (zip, "styles.xml", styles, FALSE) &&
       write_entry (zip, "meta.xml", meta, FALSE);

  if (ok && doc->images->len > 0)
    {
      GsfOutfile *pictures = GSF_OUTFILE (gsf_outfile_new_child_full (zip, "Pictures", TRUE, "zip64", 0, NULL));

      for (guint i = 0; ok && i < doc->images->len; i++)
        {
          g_autofree char *name = g_strdup_printf ("image%u.png", i + 1);

          /* already compressed */
          ok = write_entry (pictures, name, g_ptr_array_index (doc->images, i), TRUE);
        }
      ok = ok && gsf_output_close (GSF_OUTPUT (pictures));
      g_clear_object (&pictures);
    }

  if (ok)
    {
      GsfOutfile *meta_inf = GSF_OUTFILE (gsf_outfile_new_child_full (zip, "META-INF", TRUE, "zip64", 0, NULL));

      ok = meta_inf != NULL && write_entry (meta_inf, "manifest.xml", manifest, FALSE) &&
           gsf_output_close (GSF_OUTPUT (meta_inf));
      g_clear_object (&meta_inf);
    }

  ok = gsf_output_close (GSF_OUTPUT (zip)) && ok;
  g_object_unref (zip);
  if (!gsf_output_is_closed (sink))
    ok = gsf_output_close (sink) && ok;

  if (ok)
    ok = tx_file_writer_write (writer, gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (sink)),
                               gsf_output_size (sink));
  else
    tx_file_writer_set_failed (writer, 0);
  g_object_unref (sink);

  return ok;
}

/**
 * tx_odt_document_save:
 *
 * Writes the package to @path whole or not at all: a reader never sees
 * half a document, and a failure (a full disk) leaves an earlier file
 * at @path as it was.
 */
gboolean
tx_odt_document_save (TxOdtDocument  *doc,
                      const char     *path,
                      GError        **error)
{
  g_autoptr(TxFileWriter) writer = tx_file_writer_new (path, error);

  if (writer == NULL)
    return FALSE;

  tx_odt_document_write_to (doc, writer);
  return tx_file_writer_commit (writer, error);
}
