/* test-chart.c — the charts, read back pixel by pixel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <math.h>
#include <stdlib.h>
#include <signal.h>
#include <sys/resource.h>

#include "tx-chart.h"
#include "tx-outcome-store.h"
#include "tx-circular-chart.h"
#include "tx-documents.h"
#include "tx-exchange.h"
#include "tx-file.h"
#include "tx-ledger.h"
#include "tx-store.h"
#include "tx-test-pdf.h"

#define TODAY tx_date_new (2026, 11, 27)

typedef struct {
  char    *dir;
  TxStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TxDate today = tx_date_new (2026, 11, 27);
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("tongxin-chart-XXXXXX", NULL);
  path = g_build_filename (f->dir, "tongxin.db", NULL);
  f->store = tx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tx_exchange_load_demo (f->store, today, NULL, &error));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->store);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
}

/* The colour at (x, y) in chart units; the PNG is drawn at twice the size. */
static void
assert_pixel (cairo_surface_t *png,
              double           x,
              double           y,
              TxColor          color)
{
  unsigned char *data = cairo_image_surface_get_data (png);
  int stride = cairo_image_surface_get_stride (png);
  guint32 pixel = *(guint32 *) (data + (int) (y * 2) * stride + (int) (x * 2) * 4);
  double r, g, b;

  tx_chart_color_rgb (color, &r, &g, &b);
  g_assert_cmpint (abs ((int) ((pixel >> 16) & 0xff) - (int) (r * 255)), <=, 2);
  g_assert_cmpint (abs ((int) ((pixel >> 8) & 0xff) - (int) (g * 255)), <=, 2);
  g_assert_cmpint (abs ((int) (pixel & 0xff) - (int) (b * 255)), <=, 2);
}

static void
test_ledger_png (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxChartData) chart = NULL;
  g_autoptr(TxLedger) q4 = NULL;
  g_autofree char *png_path = g_build_filename (f->dir, "ledger.png", NULL);
  cairo_surface_t *png;
  double width, height;
  guint n_rows;

  chart = tx_chart_data_from_store (f->store, TX_CHART_LEDGER, 2026, tx_date_new (2026, 11, 27), &error);
  g_assert_no_error (error);
  g_assert_true (tx_chart_write (chart, png_path, TX_CHART_PAGE_A4, &error));
  g_assert_no_error (error);

  png = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (png) / 2.0;
  height = cairo_image_surface_get_height (png) / 2.0;
  n_rows = chart->rows->len;
  g_assert_cmpuint (n_rows, ==, 8);

  /* each township's fourth-quarter cell has the colour of its ledger */
  q4 = tx_ledger_compute (f->store, 2026, 4, tx_date_new (2026, 11, 27), &error);
  for (guint row = 0; row < n_rows; row++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (q4->entries, row);
      TxChartRect cell = tx_chart_ledger_cell (width, height, n_rows, row, 4);

      g_assert_cmpstr (g_ptr_array_index (chart->rows, row), ==, entry->township_name);
      assert_pixel (png, cell.x + 4, cell.y + 4, entry->color);
      assert_pixel (png, cell.x + cell.width - 4, cell.y + cell.height - 4, entry->color);
    }

  /* and the sample has all three */
  {
    gboolean seen[3] = { FALSE, };

    for (guint i = 0; i < q4->entries->len; i++)
      seen[((TxLedgerEntry *) g_ptr_array_index (q4->entries, i))->color] = TRUE;
    g_assert_true (seen[TX_COLOR_GREEN] && seen[TX_COLOR_YELLOW] && seen[TX_COLOR_RED]);
  }

  cairo_surface_destroy (png);
}

static void
test_formats (Fixture       *f,
              gconstpointer  data)
{
  static const char * const names[] = { "ledger", "plan", "stages", "adoption" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TxChartData) chart = NULL;
      g_autofree char *svg = g_strdup_printf ("%s/%s.svg", f->dir, names[i]);
      g_autofree char *pdf = g_strdup_printf ("%s/%s.pdf", f->dir, names[i]);
      g_autofree char *svg_text = NULL;
      g_autofree char *pdf_text = NULL;
      TxChartKind kind;

      g_assert_true (tx_chart_kind_from_name (names[i], &kind));
      chart = tx_chart_data_from_store (f->store, kind, 2026, tx_date_new (2026, 11, 27), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (chart->rows->len + chart->adoption[1], >, 0);

      g_assert_true (tx_chart_write (chart, svg, TX_CHART_PAGE_A4, &error));
      g_assert_true (tx_chart_write (chart, pdf, TX_CHART_PAGE_A4, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (svg, &svg_text, NULL, NULL));
      g_assert_true (g_file_get_contents (pdf, &pdf_text, NULL, NULL));
      g_assert_nonnull (strstr (svg_text, "<svg"));
      g_assert_true (g_str_has_prefix (pdf_text, "%PDF-"));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TxChartData) chart = tx_chart_data_new (TX_CHART_STAGES, "x");
    g_autofree char *bad = g_build_filename (f->dir, "chart.jpg", NULL);

    g_assert_false (tx_chart_write (chart, bad, TX_CHART_PAGE_A4, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  }
}

/* The adoption bar says in words and numbers what each part is, not by
 * colour alone: the part's word and count are drawn in it too, not only
 * in the legend. */
static void
test_adoption_words (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxChartData) chart = tx_chart_data_from_store (f->store, TX_CHART_ADOPTION, 2026,
                                                           tx_date_new (2026, 11, 27), &error);
  g_autofree char *pdf = g_build_filename (f->dir, "adoption.pdf", NULL);
  g_autofree char *cmd = g_strdup_printf ("pdftotext -raw '%s' -", pdf);
  g_autofree char *drawn = NULL;
  g_autofree char *adopted = NULL;
  const char *first, *second;

  g_assert_no_error (error);
  g_assert_cmpuint (chart->adoption[1], >, 0);
  /* the recommendations submitted in the year, each counted once */
  {
    g_autoptr(GPtrArray) outcomes = tx_store_list_outcomes (f->store, NULL, &error);
    guint counts[4] = { 0, };

    g_assert_no_error (error);
    for (guint i = 0; i < outcomes->len; i++)
      {
        TxOutcome *outcome = g_ptr_array_index (outcomes, i);

        if (g_str_has_prefix (tx_outcome_get_submitted (outcome) ? tx_outcome_get_submitted (outcome) : "", "2026-"))
          counts[tx_outcome_get_adoption (outcome)]++;
      }
    for (guint a = 0; a < G_N_ELEMENTS (counts); a++)
      g_assert_cmpuint (chart->adoption[a], ==, counts[a]);
  }
  g_assert_true (tx_chart_write (chart, pdf, TX_CHART_PAGE_A4, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_command_line_sync (cmd, &drawn, NULL, NULL, NULL));

  /* “采纳 16” in the bar, and again in the legend */
  adopted = g_strdup_printf ("采纳 %u", chart->adoption[1]);
  first = strstr (drawn, adopted);
  g_assert_nonnull (first);
  second = strstr (first + strlen (adopted), adopted);
  g_assert_nonnull (second);
}

/* A year without plans: the plan chart says 无计划 for each township,
 * not “0 / 0”, a plan of nothing. */
static void
test_plan_missing (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxChartData) chart = tx_chart_data_from_store (f->store, TX_CHART_PLAN, 2030,
                                                           tx_date_new (2026, 11, 27), &error);
  g_autofree char *pdf = g_build_filename (f->dir, "plan-2030.pdf", NULL);
  g_autofree char *cmd = g_strdup_printf ("pdftotext '%s' -", pdf);
  g_autofree char *drawn = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (chart->rows->len, ==, 8);
  for (guint i = 0; i < chart->targets->len; i++)
    g_assert_cmpfloat (g_array_index (chart->targets, double, i), <, 0);

  g_assert_true (tx_chart_write (chart, pdf, TX_CHART_PAGE_A4, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_command_line_sync (cmd, &drawn, NULL, NULL, NULL));
  g_assert_nonnull (strstr (drawn, "0（无计划）"));
  g_assert_null (strstr (drawn, "0 / 0"));
}

/* Township names as an old database may hold them: far too long, with
 * a bidi override, with a control character.  Each label stays left of
 * its bar, inside the chart, and reads in its order. */
static void
test_bad_labels (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxChartData) chart = tx_chart_data_new (TX_CHART_PLAN, "2026年\u202E各乡镇协商计划完成情况");
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "plan.pdf", NULL);
  g_autofree char *cmd = g_strdup_printf ("pdftotext -bbox '%s' -", pdf);
  g_autofree char *drawn_cmd = g_strdup_printf ("pdftotext '%s' -", pdf);
  g_autofree char *out = NULL;
  g_autofree char *drawn = NULL;
  const double values[] = { 3, 2, 5 };
  guint n_labels = 0;

  for (guint i = 0; i < 100; i++)
    g_string_append (long_name, "很长的乡镇名");
  g_ptr_array_add (chart->rows, g_strdup (long_name->str));
  g_ptr_array_add (chart->rows, g_strdup ("\u202E凤山镇"));
  g_ptr_array_add (chart->rows, g_strdup ("仙\x01桥乡"));
  g_array_append_vals (chart->values, values, 3);
  g_array_append_vals (chart->targets, values, 3);

  g_assert_true (tx_chart_write (chart, pdf, TX_CHART_PAGE_CHART, &error));
  g_assert_no_error (error);

  g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, NULL, NULL));
  regex = g_regex_new ("<word xMin=\"([0-9.-]+)\" yMin=\"[0-9.-]+\" xMax=\"([0-9.-]+)\" yMax=\"[0-9.-]+\">([^<]*)<",
                       0, 0, NULL);
  g_regex_match (regex, out, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *min = g_match_info_fetch (match, 1);
      g_autofree char *max = g_match_info_fetch (match, 2);
      g_autofree char *word = g_match_info_fetch (match, 3);
      double x0 = g_ascii_strtod (min, NULL), x1 = g_ascii_strtod (max, NULL);

      /* inside the chart's margins */
      g_assert_cmpfloat (x0, >=, 24 - 1);
      g_assert_cmpfloat (x1, <=, 900 - 24 + 1);
      /* a label ends where its bar begins: 24 + 160 - 12 */
      if (strstr (word, "乡镇名") != NULL || strstr (word, "凤山镇") != NULL || strstr (word, "仙桥乡") != NULL)
        {
          g_assert_cmpfloat (x1, <=, 172 + 1);
          n_labels++;
        }
    }
  g_assert_cmpuint (n_labels, >=, 3);

  g_assert_true (g_spawn_command_line_sync (drawn_cmd, &drawn, NULL, NULL, NULL));
  g_assert_nonnull (strstr (drawn, "各乡镇协商计划完成情况"));
  g_assert_null (strstr (drawn, "\u202E"));
}

/* Past the file size limit: a message, and the earlier chart kept, in
 * each format (an SVG of text is small: 4 kB is less than it). */
static void
test_full_disk (Fixture       *f,
                gconstpointer  data)
{
  static const char * const names[] = { "ledger.png", "ledger.svg", "ledger.pdf" };

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TxChartData) chart = NULL;
      struct rlimit limit;

      chart = tx_chart_data_from_store (f->store, TX_CHART_LEDGER, 2026, TODAY, &error);
      g_assert_no_error (error);

      signal (SIGXFSZ, SIG_IGN);
      getrlimit (RLIMIT_FSIZE, &limit);
      limit.rlim_cur = 4 * 1024;
      setrlimit (RLIMIT_FSIZE, &limit);

      g_assert_false (tx_chart_write (chart, g_getenv ("TX_TEST_PATH"), TX_CHART_PAGE_A4, &error));
      g_assert_error (error, TX_FILE_ERROR, TX_FILE_ERROR_TOO_LARGE);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, names[i], NULL);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_set_contents (path, "earlier", -1, NULL));
      g_setenv ("TX_TEST_PATH", path, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "earlier");
    }
}

/* The texts of the <text> elements of the SVG file @path, after
 * checking that it is well-formed XML (libxml2, and xmllint when there)
 * and has no glyph outlines. */
static GPtrArray *
read_svg_texts (const char  *path,
                GPtrArray  **positions)
{
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  g_autofree char *contents = NULL;
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  xmlDocPtr doc;
  xmlXPathContextPtr context;
  xmlXPathObjectPtr found;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  /* cairo writes glyphs as <symbol id="glyph…"> used by <use>: none */
  g_assert_null (strstr (contents, "<symbol"));
  g_assert_null (strstr (contents, "<use"));

  if (xmllint != NULL)
    {
      const char *argv[] = { xmllint, "--noout", path, NULL };
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                   NULL, NULL, &status, NULL));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }

  doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  context = xmlXPathNewContext (doc);
  xmlXPathRegisterNs (context, (const xmlChar *) "svg", (const xmlChar *) "http://www.w3.org/2000/svg");
  found = xmlXPathEvalExpression ((const xmlChar *) "//svg:text", context);
  g_assert_nonnull (found);
  if (positions != NULL)
    *positions = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; found->nodesetval != NULL && i < found->nodesetval->nodeNr; i++)
    {
      xmlNodePtr node = found->nodesetval->nodeTab[i];
      xmlChar *content = xmlNodeGetContent (node);
      xmlChar *x = xmlGetProp (node, (const xmlChar *) "x");
      xmlChar *y = xmlGetProp (node, (const xmlChar *) "y");

      g_ptr_array_add (texts, g_strdup ((const char *) content));
      if (positions != NULL)
        {
          double *xy = g_new (double, 2);

          xy[0] = g_ascii_strtod ((const char *) x, NULL);
          xy[1] = g_ascii_strtod ((const char *) y, NULL);
          g_ptr_array_add (*positions, xy);
        }
      xmlFree (content);
      xmlFree (x);
      xmlFree (y);
    }
  xmlXPathFreeObject (found);
  xmlXPathFreeContext (context);
  xmlFreeDoc (doc);

  return texts;
}

/* The index of the text that is @text, or that has @text in it (@part). */
static int
find_text (GPtrArray  *texts,
           const char *text,
           gboolean    part)
{
  for (guint i = 0; i < texts->len; i++)
    {
      const char *candidate = g_ptr_array_index (texts, i);

      if (part ? strstr (candidate, text) != NULL : g_str_equal (candidate, text))
        return (int) i;
    }

  return -1;
}

/* Each chart as SVG: its words are <text>, where they are drawn. */
static void
test_svg_text (Fixture       *f,
               gconstpointer  data)
{
  static const char * const names[] = { "ledger", "plan", "stages", "adoption" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TxChartData) chart = NULL;
      g_autoptr(GPtrArray) texts = NULL;
      g_autoptr(GPtrArray) positions = NULL;
      g_autofree char *svg = g_strdup_printf ("%s/%s.svg", f->dir, names[i]);
      TxChartKind kind;

      g_assert_true (tx_chart_kind_from_name (names[i], &kind));
      chart = tx_chart_data_from_store (f->store, kind, 2026, TODAY, &error);
      g_assert_no_error (error);
      g_assert_true (tx_chart_write (chart, svg, TX_CHART_PAGE_A4, &error));
      g_assert_no_error (error);

      texts = read_svg_texts (svg, &positions);
      g_assert_cmpint (find_text (texts, chart->title, FALSE), >=, 0);
      /* each row's label: a township, or a stage */
      for (guint row = 0; row < chart->rows->len; row++)
        g_assert_cmpint (find_text (texts, g_ptr_array_index (chart->rows, row), FALSE), >=, 0);

      if (kind == TX_CHART_LEDGER)
        {
          static const char * const words[] = { "✓ 绿", "! 黄", "✕ 红" };
          double width = 900, height = tx_chart_get_height (chart);

          for (guint w = 0; w < G_N_ELEMENTS (words); w++)
            g_assert_cmpint (find_text (texts, words[w], FALSE), >=, 0);
          g_assert_cmpint (find_text (texts, "第4季度", FALSE), >=, 0);

          /* each cell's word in the middle of its cell */
          for (guint row = 0; row < chart->rows->len; row++)
            {
              TxChartRect cell = tx_chart_ledger_cell (width, height, chart->rows->len, row, 4);
              int color = g_array_index (chart->colors, int, row * 4 + 3);
              gboolean seen = FALSE;

              for (guint t = 0; t < texts->len; t++)
                {
                  double *xy = g_ptr_array_index (positions, t);

                  if (g_str_equal (g_ptr_array_index (texts, t), words[color]) &&
                      fabs (xy[0] - (cell.x + cell.width / 2)) < 0.01 &&
                      xy[1] > cell.y && xy[1] < cell.y + cell.height)
                    seen = TRUE;
                }
              g_assert_true (seen);
            }
        }
      else if (kind == TX_CHART_ADOPTION)
        {
          g_autofree char *adopted = g_strdup_printf ("采纳 %u", chart->adoption[1]);

          g_assert_cmpint (find_text (texts, adopted, FALSE), >=, 0);
          g_assert_cmpint (find_text (texts, "反馈率", FALSE), >=, 0);
        }
    }
}

/* The labels of the SVG stand where the PDF of the same chart (a page of
 * its size, the same units) draws them; pdftotext finds them there. */
static void
test_svg_positions (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxChartData) chart = tx_chart_data_from_store (f->store, TX_CHART_PLAN, 2026, TODAY, &error);
  g_autofree char *svg = g_build_filename (f->dir, "plan.svg", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "plan.pdf", NULL);
  g_autofree char *cmd = g_strdup_printf ("pdftotext -bbox '%s' -", pdf);
  g_autofree char *boxes = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) positions = NULL;

  g_assert_no_error (error);
  g_assert_true (tx_chart_write (chart, svg, TX_CHART_PAGE_A4, &error));
  g_assert_true (tx_chart_write (chart, pdf, TX_CHART_PAGE_CHART, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_command_line_sync (cmd, &boxes, NULL, NULL, NULL));
  texts = read_svg_texts (svg, &positions);

  for (guint row = 0; row < chart->rows->len; row++)
    {
      const char *name = g_ptr_array_index (chart->rows, row);
      g_autofree char *pattern = g_strdup_printf ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" "
                                                  "xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">%s</word>", name);
      g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;
      int index = find_text (texts, name, FALSE);
      g_autofree char *y_min_text = NULL;
      g_autofree char *x_max_text = NULL;
      g_autofree char *y_max_text = NULL;
      double *xy, y_min, x_max, y_max;

      g_assert_cmpint (index, >=, 0);
      xy = g_ptr_array_index (positions, index);
      g_assert_true (g_regex_match (regex, boxes, 0, &match));
      y_min = g_ascii_strtod ((y_min_text = g_match_info_fetch (match, 2)), NULL);
      x_max = g_ascii_strtod ((x_max_text = g_match_info_fetch (match, 3)), NULL);
      y_max = g_ascii_strtod ((y_max_text = g_match_info_fetch (match, 4)), NULL);

      /* the name ends (text-anchor end) where the PDF's ends, and its
       * baseline runs through the PDF's word */
      g_assert_cmpfloat (fabs (xy[0] - x_max), <, 1.5);
      g_assert_cmpfloat (xy[1], >, y_min);
      g_assert_cmpfloat (xy[1], <, y_max + 1);
    }
}

/* Text from a record, escaped: it reads back the same, cleaned of what
 * XML cannot hold. */
static void
test_svg_escaped (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const rows[] = { "A&B<乡>\"镇\"", "'仙桥'&amp;", "\u202E凤山镇", "陆\x01坪\uFFFE镇" };
  static const char * const read[] = { "A&B<乡>\"镇\"", "'仙桥'&amp;", "凤山镇", "陆坪镇" };
  g_autoptr(GError) error = NULL;
  g_autoptr(TxChartData) chart = tx_chart_data_new (TX_CHART_LEDGER, "<通报> & “台账”");
  g_autofree char *svg = g_build_filename (f->dir, "escaped.svg", NULL);
  g_autoptr(GPtrArray) texts = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      static const int colors[4] = { TX_COLOR_GREEN, TX_COLOR_YELLOW, TX_COLOR_RED, -1 };

      g_ptr_array_add (chart->rows, g_strdup (rows[i]));
      g_array_append_vals (chart->colors, colors, 4);
    }

  g_assert_true (tx_chart_write (chart, svg, TX_CHART_PAGE_A4, &error));
  g_assert_no_error (error);
  texts = read_svg_texts (svg, NULL);
  g_assert_cmpint (find_text (texts, "<通报> & “台账”", FALSE), >=, 0);
  for (guint i = 0; i < G_N_ELEMENTS (read); i++)
    g_assert_cmpint (find_text (texts, read[i], FALSE), >=, 0);
}

/* The page size pdfinfo gives @path, in points. */
static void
pdf_page_size (const char *path,
               double     *width,
               double     *height)
{
  g_autofree char *cmd = g_strdup_printf ("pdfinfo '%s'", path);
  g_autofree char *out = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("Page size: +([0-9.]+) x ([0-9.]+) pts", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *w = NULL;
  g_autofree char *h = NULL;

  g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, NULL, NULL));
  g_assert_true (g_regex_match (regex, out, 0, &match));
  w = g_match_info_fetch (match, 1);
  h = g_match_info_fetch (match, 2);
  *width = g_ascii_strtod (w, NULL);
  *height = g_ascii_strtod (h, NULL);
}

/* A chart as PDF is an A4 page: every word inside the GB/T 9704 margins
 * (top 37, bottom 35, left 28, right 26 mm), the chart centred; or a
 * landscape A4, or a page the size of the chart. */
static void
test_pdf_page (Fixture       *f,
               gconstpointer  data)
{
  static const struct {
    TxChartPage page;
    double      width, height;
  } pages[] = {
    { TX_CHART_PAGE_A4, 595.28, 841.89 },
    { TX_CHART_PAGE_A4_LANDSCAPE, 841.89, 595.28 },
    { TX_CHART_PAGE_CHART, 900, 120 + 44 * 8 },
  };
  const double mm = 72 / 25.4;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TxChartData) chart = tx_chart_data_from_store (f->store, TX_CHART_LEDGER, 2026, TODAY, &error);
      g_autofree char *pdf = g_strdup_printf ("%s/ledger-%u.pdf", f->dir, i);
      g_autofree char *cmd = g_strdup_printf ("pdftotext -bbox '%s' -", pdf);
      g_autofree char *raw_cmd = g_strdup_printf ("pdftotext -raw '%s' -", pdf);
      g_autofree char *boxes = NULL;
      g_autofree char *drawn = NULL;
      g_autoptr(GRegex) regex = NULL;
      g_autoptr(GMatchInfo) match = NULL;
      double width, height;
      double left = G_MAXDOUBLE, right = 0, top = G_MAXDOUBLE, bottom = 0;
      guint n_words = 0;

      g_assert_no_error (error);
      g_assert_true (tx_chart_write (chart, pdf, pages[i].page, &error));
      g_assert_no_error (error);
      pdf_page_size (pdf, &width, &height);
      g_assert_cmpfloat (fabs (width - pages[i].width), <, 0.01);
      g_assert_cmpfloat (fabs (height - pages[i].height), <, 0.01);

      /* its words, as words */
      g_assert_true (g_spawn_command_line_sync (raw_cmd, &drawn, NULL, NULL, NULL));
      g_assert_nonnull (strstr (drawn, chart->title));
      for (guint row = 0; row < chart->rows->len; row++)
        g_assert_nonnull (strstr (drawn, g_ptr_array_index (chart->rows, row)));
      g_assert_nonnull (strstr (drawn, "绿"));
      g_assert_nonnull (strstr (drawn, "黄"));
      g_assert_nonnull (strstr (drawn, "红"));

      if (pages[i].page == TX_CHART_PAGE_CHART)
        continue;

      g_assert_true (g_spawn_command_line_sync (cmd, &boxes, NULL, NULL, NULL));
      regex = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">",
                           0, 0, NULL);
      for (g_regex_match (regex, boxes, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          double box[4];

          for (int b = 0; b < 4; b++)
            {
              g_autofree char *number = g_match_info_fetch (match, b + 1);

              box[b] = g_ascii_strtod (number, NULL);
            }
          left = MIN (left, box[0]);
          top = MIN (top, box[1]);
          right = MAX (right, box[2]);
          bottom = MAX (bottom, box[3]);
          n_words++;
        }
      g_assert_cmpuint (n_words, >, 40);
      g_assert_cmpfloat (left, >=, 28 * mm);
      g_assert_cmpfloat (right, <=, width - 26 * mm);
      g_assert_cmpfloat (top, >=, 37 * mm);
      g_assert_cmpfloat (bottom, <=, height - 35 * mm);
      /* centred: the title is in the middle of the text block */
      {
        g_autofree char *pattern = g_strdup_printf ("<word xMin=\"([0-9.]+)\" yMin=\"[0-9.]+\" "
                                                    "xMax=\"([0-9.]+)\" yMax=\"[0-9.]+\">%s</word>", chart->title);
        g_autoptr(GRegex) title_regex = g_regex_new (pattern, 0, 0, NULL);
        g_autoptr(GMatchInfo) title_match = NULL;
        g_autofree char *x0 = NULL;
        g_autofree char *x1 = NULL;

        g_assert_true (g_regex_match (title_regex, boxes, 0, &title_match));
        x0 = g_match_info_fetch (title_match, 1);
        x1 = g_match_info_fetch (title_match, 2);
        g_assert_cmpfloat (fabs ((g_ascii_strtod (x0, NULL) + g_ascii_strtod (x1, NULL)) / 2
                                 - (28 * mm + (width - 26 * mm)) / 2), <, 2);
      }
    }
}

/* tongxin-cli chart: --page, and a clear error for a page it does not know. */
static void
test_cli_page (Fixture       *f,
               gconstpointer  data)
{
  const char *cli = g_getenv ("TONGXIN_CLI");
  g_autofree char *db = g_build_filename (f->dir, "tongxin.db", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "台账.pdf", NULL);
  g_autofree char *svg = g_build_filename (f->dir, "台账.svg", NULL);
  double width, height;

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("TONGXIN_CLI is not set");
      return;
    }

  {
    const char *argv[] = { cli, "--db", db, "--today", "2026-11-27", "chart", "ledger", pdf, NULL };
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                 NULL, NULL, &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    pdf_page_size (pdf, &width, &height);
    g_assert_cmpfloat (fabs (width - 595.28), <, 0.01);
    g_assert_cmpfloat (fabs (height - 841.89), <, 0.01);
  }

  {
    const char *argv[] = { cli, "--db", db, "--today", "2026-11-27", "chart", "ledger", pdf,
                           "--page", "a4-landscape", NULL };
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                 NULL, NULL, &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    pdf_page_size (pdf, &width, &height);
    g_assert_cmpfloat (fabs (width - 841.89), <, 0.01);
  }

  {
    const char *argv[] = { cli, "--db", db, "--today", "2026-11-27", "chart", "ledger", pdf, "--page", "a5", NULL };
    g_autofree char *err = NULL;
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                 NULL, &err, &status, NULL));
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
    g_assert_nonnull (strstr (err, "a5"));
    g_assert_nonnull (strstr (err, "a4-landscape"));
  }

  {
    const char *argv[] = { cli, "--db", db, "--today", "2026-11-27", "chart", "ledger", svg, "--page", "a4", NULL };
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &status, NULL));
    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
    g_assert_false (g_file_test (svg, G_FILE_TEST_EXISTS));
  }
}

/* How many rows of pixels in (x0, y0)–(x1, y1) have a dark pixel: the
 * height of the ink of dark text there, in pixels. */
static int
ink_height (cairo_surface_t *png,
            int              x0,
            int              y0,
            int              x1,
            int              y1)
{
  unsigned char *data = cairo_image_surface_get_data (png);
  int stride = cairo_image_surface_get_stride (png);
  int first = -1, last = -1;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 pixel = *(guint32 *) (data + y * stride + x * 4);

        if (((pixel >> 8) & 0xff) < 128)
          {
            if (first < 0)
              first = y;
            last = y;
            break;
          }
      }

  return first < 0 ? 0 : last - first + 1;
}

/* The circular's chart prints its labels at 五号 (10.5 pt) or more at the
 * size the circular places it: from the font size the chart drew with,
 * the PNG's pixels and the frame of the ODT, and from the height of a
 * label's ink in the picture the ODT holds. */
static void
test_circular_print_size (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxLedger) ledger = tx_ledger_compute (f->store, 2026, 4, TODAY, &error);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GBytes) picture = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("<draw:frame [^>]*svg:width=\"([0-9.]+)cm\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *odt = g_build_filename (f->dir, "通报.odt", NULL);
  g_autofree char *content_text = NULL;
  g_autofree char *frame_text = NULL;
  TxCircularOptions options = { TX_CIRCULAR_DRAFT, NULL, { NULL, NULL, NULL } };
  TxCircularChartInfo info;
  cairo_surface_t *image;
  double frame_cm, points_a_pixel, label_pt, ink_pt;
  TxChartRect header;

  g_assert_no_error (error);
  png = tx_circular_chart_render (f->store, ledger, &info, &error);
  g_assert_no_error (error);

  /* what the chart says it drew */
  g_assert_cmpfloat (info.smallest_label_pt, >=, TX_CHART_MIN_PRINT_SIZE);
  g_assert_cmpfloat (info.width_cm, <=, 15.6);

  /* the circular as written: its frame and its picture */
  g_assert_true (tx_documents_write_circular_full (f->store, 2026, 4, TODAY, &options, odt, &error));
  g_assert_no_error (error);
  content = tx_test_zip_member (odt, "content.xml");
  content_text = g_strndup (g_bytes_get_data (content, NULL), g_bytes_get_size (content));
  g_assert_true (g_regex_match (regex, content_text, 0, &match));
  frame_text = g_match_info_fetch (match, 1);
  frame_cm = g_ascii_strtod (frame_text, NULL);
  g_assert_cmpfloat (fabs (frame_cm - info.width_cm), <, 0.01);

  picture = tx_test_zip_member (odt, "Pictures/image1.png");
  image = tx_chart_png_to_image (picture);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, info.png_width);
  points_a_pixel = frame_cm / 2.54 * 72 / cairo_image_surface_get_width (image);

  /* the smallest font size drawn, in the picture's pixels, printed */
  label_pt = info.smallest_label * info.scale * points_a_pixel;
  g_assert_cmpfloat (label_pt, >=, TX_CHART_MIN_PRINT_SIZE);
  g_assert_cmpfloat (fabs (label_pt - info.smallest_label_pt), <, 0.01);

  /* and the ink of a smallest label (第1季度, above the first column):
   * a Chinese character's ink is nine tenths of its size or so */
  header = tx_chart_ledger_cell (info.width, info.height, ledger->entries->len, 0, 1);
  ink_pt = ink_height (image, header.x * info.scale, (header.y - 32) * info.scale,
                       (header.x + header.width) * info.scale, (header.y - 1) * info.scale) * points_a_pixel;
  g_test_message ("labels print at %.2f pt, the smallest one's ink is %.2f pt tall", label_pt, ink_pt);
  g_assert_cmpfloat (ink_pt, >=, 0.75 * label_pt);
  g_assert_cmpfloat (ink_pt, <=, 1.05 * label_pt);

  cairo_surface_destroy (image);
}

/* A year without consultations or recommendations: the stage and
 * adoption charts say “无数据” instead of drawing nothing; a year with
 * them never does. */
static void
test_no_data (Fixture       *f,
              gconstpointer  data)
{
  static const TxChartKind kinds[] = { TX_CHART_STAGES, TX_CHART_ADOPTION };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    for (int year = 2020; year <= 2026; year += 6)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(TxChartData) chart = tx_chart_data_from_store (f->store, kinds[i], year, TODAY, &error);
        g_autofree char *svg = g_strdup_printf ("%s/%d-%u.svg", f->dir, year, i);
        g_autoptr(GPtrArray) texts = NULL;

        g_assert_no_error (error);
        g_assert_true (tx_chart_write (chart, svg, TX_CHART_PAGE_CHART, &error));
        g_assert_no_error (error);
        texts = read_svg_texts (svg, NULL);
        if (year == 2020)
          g_assert_cmpint (find_text (texts, "无数据", FALSE), >=, 0);
        else
          g_assert_cmpint (find_text (texts, "无数据", FALSE), <, 0);
      }
}

/* On an A4 page every text of every chart prints at 10.5 pt or more:
 * pdftohtml gives each font's size in points, rounded. */
static void
test_a4_label_size (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const names[] = { "ledger", "plan", "stages", "adoption" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TxChartData) chart = NULL;
      g_autoptr(GRegex) sizes = g_regex_new ("<fontspec id=\"[0-9]+\" size=\"([0-9]+)\"", 0, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *pdf = g_strdup_printf ("%s/%s-a4.pdf", f->dir, names[i]);
      g_autofree char *cmd = g_strdup_printf ("pdftohtml -xml -i -stdout -zoom 1 '%s'", pdf);
      g_autofree char *xml = NULL;
      TxChartKind kind;
      int smallest = G_MAXINT;

      g_assert_true (tx_chart_kind_from_name (names[i], &kind));
      chart = tx_chart_data_from_store (f->store, kind, 2026, TODAY, &error);
      g_assert_no_error (error);
      g_assert_true (tx_chart_write (chart, pdf, TX_CHART_PAGE_A4, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_command_line_sync (cmd, &xml, NULL, NULL, NULL));

      for (g_regex_match (sizes, xml, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *size = g_match_info_fetch (match, 1);
          smallest = MIN (smallest, atoi (size));
        }
      g_test_message ("%s: the smallest text %d pt", names[i], smallest);
      g_assert_cmpint (smallest, <, G_MAXINT);
      g_assert_cmpint (smallest, >=, 11);
    }
}

/* A city's name for township @i: two characters and 镇, 乡 or 街道,
 * different for each of a few hundred. */
static char *
city_township_name (guint i)
{
  static const char * const first = "金凤龙马牛仙陆道黄青石白云桥平安新兴和太永福长清双高";
  static const char * const second = "山场坪桥关寨溪江河岭岗湾坡冲堡庄田";
  static const char * const kinds[] = { "镇", "乡", "镇", "街道" };
  glong n_first = g_utf8_strlen (first, -1), n_second = g_utf8_strlen (second, -1);
  g_autofree char *a = g_utf8_substring (first, i % n_first, i % n_first + 1);
  g_autofree char *b = g_utf8_substring (second, (i / n_first) % n_second, (i / n_first) % n_second + 1);

  return g_strconcat (a, b, kinds[i % G_N_ELEMENTS (kinds)], NULL);
}

/* The ledger chart of a city of @n townships, the colours varied. */
static TxChartData *
city_ledger_chart (guint n)
{
  TxChartData *chart = tx_chart_data_new (TX_CHART_LEDGER, "2026年各乡镇（街道）预警情况");

  for (guint i = 0; i < n; i++)
    {
      int colors[4] = { i % 3, (i / 3) % 3, (i / 9) % 3, -1 };

      g_ptr_array_add (chart->rows, city_township_name (i));
      g_array_append_vals (chart->colors, colors, 4);
    }

  return chart;
}

/* The smallest text pdftohtml finds in @pdf, in points (rounded). */
static int
smallest_text (const char *pdf)
{
  g_autofree char *cmd = g_strdup_printf ("pdftohtml -xml -i -stdout -zoom 1 '%s'", pdf);
  g_autofree char *xml = NULL;
  g_autoptr(GRegex) sizes = g_regex_new ("<fontspec id=\"[0-9]+\" size=\"([0-9]+)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  int smallest = G_MAXINT;

  g_assert_true (g_spawn_command_line_sync (cmd, &xml, NULL, NULL, NULL));
  for (g_regex_match (sizes, xml, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *size = g_match_info_fetch (match, 1);

      smallest = MIN (smallest, atoi (size));
    }

  return smallest;
}


/* A city's ledger (100 townships) on A4: one page, every township and
 * colour in words inside the GB/T 9704 margins, no text under 9 pt;
 * 250 townships over pages, each township once.  As a PNG and an SVG,
 * in A4's proportions, its text 9 pt or more printed across the text
 * block. */
static void
test_city (Fixture       *f,
           gconstpointer  data)
{
  const double mm = 72 / 25.4;
  const double block_width = 156 * mm, block_height = 225 * mm;
  static const guint sizes[] = { 100, 250 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TxChartData) chart = city_ledger_chart (sizes[s]);
      g_autofree char *pdf = g_strdup_printf ("%s/city-%u.pdf", f->dir, sizes[s]);
      g_autofree char *svg = g_strdup_printf ("%s/city-%u.svg", f->dir, sizes[s]);
      g_autofree char *png = g_strdup_printf ("%s/city-%u.png", f->dir, sizes[s]);
      g_autofree char *drawn = NULL;
      g_autoptr(GPtrArray) texts = NULL;
      cairo_surface_t *image;
      double width, height;
      guint pages;

      g_assert_true (tx_chart_write (chart, pdf, TX_CHART_PAGE_A4, &error));
      g_assert_no_error (error);
      pages = tx_test_pdf_pages (pdf);
      g_test_message ("%u townships: %u A4 pages, the smallest text %d pt", sizes[s], pages, smallest_text (pdf));
      /* a city on a page, a larger one on more */
      if (sizes[s] <= 100)
        g_assert_cmpuint (pages, ==, 1);
      else
        g_assert_cmpuint (pages, >, 1);
      pdf_page_size (pdf, &width, &height);
      g_assert_cmpfloat (fabs (width - 595.28), <, 0.01);
      g_assert_cmpint (smallest_text (pdf), >=, (int) TX_CHART_MIN_COMPACT_PRINT_SIZE);
      tx_test_assert_words_inside (pdf, 28 * mm, 37 * mm, width - 26 * mm, height - 35 * mm);
      drawn = tx_test_pdf_text (pdf, TRUE);
      for (guint row = 0; row < chart->rows->len; row++)
        g_assert_cmpuint (tx_test_count (drawn, g_ptr_array_index (chart->rows, row)), ==, 1);
      {
        guint n_red = 0;

        for (guint i = 0; i < chart->colors->len; i++)
          n_red += g_array_index (chart->colors, int, i) == TX_COLOR_RED;
        g_assert_cmpuint (tx_test_count (drawn, "红"), ==, n_red);
      }
      g_assert_cmpuint (tx_test_count (drawn, chart->title), ==, pages);

      /* the SVG: its words, and their size printed across the text block */
      g_assert_true (tx_chart_write (chart, svg, TX_CHART_PAGE_A4, &error));
      g_assert_no_error (error);
      texts = read_svg_texts (svg, NULL);
      for (guint row = 0; row < chart->rows->len; row++)
        g_assert_cmpint (find_text (texts, g_ptr_array_index (chart->rows, row), FALSE), >=, 0);
      {
        g_autofree char *contents = NULL;
        g_autoptr(GRegex) box = g_regex_new ("viewBox=\"0 0 ([0-9.]+) ([0-9.]+)\"", 0, 0, NULL);
        g_autoptr(GRegex) font = g_regex_new ("font-size=\"([0-9.]+)\"", 0, 0, NULL);
        g_autoptr(GMatchInfo) match = NULL;
        g_autofree char *w = NULL;
        g_autofree char *h = NULL;
        double smallest = G_MAXDOUBLE;

        g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
        g_assert_true (g_regex_match (box, contents, 0, &match));
        w = g_match_info_fetch (match, 1);
        h = g_match_info_fetch (match, 2);
        width = g_ascii_strtod (w, NULL);
        height = g_ascii_strtod (h, NULL);
        g_clear_pointer (&match, g_match_info_free);
        for (g_regex_match (font, contents, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
          {
            g_autofree char *size = g_match_info_fetch (match, 1);

            smallest = MIN (smallest, g_ascii_strtod (size, NULL));
          }
        g_test_message ("SVG %.0f × %.0f, the smallest text %.1f pt across A4", width, height,
                        smallest * block_width / width);
        g_assert_cmpfloat (smallest * block_width / width, >=, TX_CHART_MIN_COMPACT_PRINT_SIZE);
        if (sizes[s] <= 100)
          g_assert_cmpfloat (height / width, <=, block_height / block_width);
      }

      /* the PNG, in the SVG's proportions */
      g_assert_true (tx_chart_write (chart, png, TX_CHART_PAGE_A4, &error));
      g_assert_no_error (error);
      image = cairo_image_surface_create_from_png (png);
      g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpfloat (fabs ((double) cairo_image_surface_get_height (image) / cairo_image_surface_get_width (image)
                               - height / width), <, 0.01);
      cairo_surface_destroy (image);
    }
}

/* A compact ledger's cells have the colours of its townships, where
 * tx_chart_ledger_cell() says they are, block after block. */
static void
test_city_cells (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxChartData) chart = city_ledger_chart (100);
  double width = tx_chart_get_print_width (156 * 72 / 25.4);
  double height = tx_chart_get_height_within (chart, width, 225 * 72 / 25.4 * width / (156 * 72 / 25.4));
  g_autoptr(GBytes) png = tx_chart_render_png (chart, width, height, 2, NULL, &error);
  cairo_surface_t *image;

  g_assert_no_error (error);
  g_assert_cmpfloat (height, <, tx_chart_get_height (chart));
  image = tx_chart_png_to_image (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);

  for (guint row = 0; row < chart->rows->len; row++)
    for (guint q = 1; q <= 3; q++)
      {
        TxChartRect cell = tx_chart_ledger_cell (width, height, chart->rows->len, row, q);
        TxColor color = g_array_index (chart->colors, int, row * 4 + q - 1);

        g_assert_cmpfloat (cell.x, >=, 0);
        g_assert_cmpfloat (cell.x + cell.width, <=, width);
        g_assert_cmpfloat (cell.y + cell.height, <=, height);
        /* a corner of the cell, clear of its word */
        assert_pixel (image, cell.x + 1, cell.y + 1, color);
        assert_pixel (image, cell.x + cell.width - 1, cell.y + cell.height - 1, color);
      }

  cairo_surface_destroy (image);
}

/* A store with the @n townships of city_township_name(), and no plans. */
static TxStore *
open_city (Fixture *f,
           guint    n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("%s/city-%u.db", f->dir, n);
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<tongxin xmlns=\"urn:tongxin:exchange:1\" exported=\"2026-11-27T10:00:00+08:00\">\n");
  g_autoptr(GBytes) bytes = NULL;
  TxImportOptions options = { 0, };
  TxImportReport report = { 0, };
  TxStore *store;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = city_township_name (i);

      g_string_append_printf (xml, "<township uuid=\"00000000-0000-4000-8000-%012x\" name=\"%s\" kind=\"town\" "
                                   "updated=\"2026-01-08T09:00:00+08:00\"/>\n", i + 1, name);
    }
  g_string_append (xml, "</tongxin>\n");
  bytes = g_bytes_new (xml->str, xml->len);

  store = tx_store_open (path, &error);
  g_assert_no_error (error);
  options.today = TODAY;
  g_assert_true (tx_exchange_import_bytes (store, bytes, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.inserted, >=, n);

  return store;
}

/* The chart of a city's circular: compact, its labels printing at 9 pt
 * or more, no taller than the page under a heading; when even that
 * cannot hold every township, in parts, each a picture of its own in
 * the circular. */
static void
test_city_circular_chart (Fixture       *f,
                          gconstpointer  data)
{
  static const guint sizes[] = { 100, 250 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TxStore) store = open_city (f, sizes[s]);
      g_autoptr(TxLedger) ledger = tx_ledger_compute (store, 2026, 3, TODAY, &error);
      g_autoptr(GBytes) png = NULL;
      g_autoptr(GPtrArray) parts = NULL;
      g_autofree char *odt = g_strdup_printf ("%s/通报-%u.odt", f->dir, sizes[s]);
      g_autoptr(GBytes) content = NULL;
      g_autofree char *content_text = NULL;
      TxCircularOptions options = { TX_CIRCULAR_DRAFT, NULL, { NULL, NULL, NULL } };
      TxCircularChartInfo info;

      g_assert_no_error (error);
      g_assert_cmpuint (ledger->entries->len, ==, sizes[s]);
      png = tx_circular_chart_render (store, ledger, &info, &error);
      g_assert_no_error (error);
      g_test_message ("%u townships: %u part(s), %.1f cm tall in all, labels at %.1f pt", sizes[s],
                      info.n_parts, info.height_cm, info.smallest_label_pt);
      g_assert_cmpfloat (info.smallest_label_pt, >=, TX_CHART_MIN_COMPACT_PRINT_SIZE);
      g_assert_cmpfloat (info.width_cm, <=, TX_CIRCULAR_CHART_WIDTH_CM);

      parts = tx_circular_chart_split (png);
      g_assert_cmpuint (parts->len, ==, info.n_parts);
      if (sizes[s] <= 100)
        g_assert_cmpuint (parts->len, ==, 1);
      else
        g_assert_cmpuint (parts->len, >, 1);
      for (guint i = 0; i < parts->len; i++)
        {
          double width_cm, height_cm;

          tx_circular_chart_get_placed_size (g_ptr_array_index (parts, i), &width_cm, &height_cm);
          g_assert_cmpfloat (height_cm, <=, TX_CIRCULAR_CHART_MAX_HEIGHT_CM);
        }

      /* in the circular, a picture each */
      g_assert_true (tx_documents_write_circular_full (store, 2026, 3, TODAY, &options, odt, &error));
      g_assert_no_error (error);
      content = tx_test_zip_member (odt, "content.xml");
      content_text = g_strndup (g_bytes_get_data (content, NULL), g_bytes_get_size (content));
      g_assert_cmpuint (tx_test_count (content_text, "<draw:image "), ==, parts->len);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/chart/ledger-png", Fixture, NULL, fixture_set_up, test_ledger_png, fixture_tear_down);
  g_test_add ("/chart/formats", Fixture, NULL, fixture_set_up, test_formats, fixture_tear_down);
  g_test_add ("/chart/bad-labels", Fixture, NULL, fixture_set_up, test_bad_labels, fixture_tear_down);
  g_test_add ("/chart/plan-missing", Fixture, NULL, fixture_set_up, test_plan_missing, fixture_tear_down);
  g_test_add ("/chart/adoption-words", Fixture, NULL, fixture_set_up, test_adoption_words, fixture_tear_down);
  g_test_add ("/chart/full-disk", Fixture, NULL, fixture_set_up, test_full_disk, fixture_tear_down);
  g_test_add ("/chart/svg-text", Fixture, NULL, fixture_set_up, test_svg_text, fixture_tear_down);
  g_test_add ("/chart/no-data", Fixture, NULL, fixture_set_up, test_no_data, fixture_tear_down);
  g_test_add ("/chart/a4-label-size", Fixture, NULL, fixture_set_up, test_a4_label_size, fixture_tear_down);
  g_test_add ("/chart/svg-positions", Fixture, NULL, fixture_set_up, test_svg_positions, fixture_tear_down);
  g_test_add ("/chart/svg-escaped", Fixture, NULL, fixture_set_up, test_svg_escaped, fixture_tear_down);
  g_test_add ("/chart/pdf-page", Fixture, NULL, fixture_set_up, test_pdf_page, fixture_tear_down);
  g_test_add ("/chart/cli-page", Fixture, NULL, fixture_set_up, test_cli_page, fixture_tear_down);
  g_test_add ("/chart/circular-print-size", Fixture, NULL, fixture_set_up, test_circular_print_size,
              fixture_tear_down);
  g_test_add ("/chart/city", Fixture, NULL, fixture_set_up, test_city, fixture_tear_down);
  g_test_add ("/chart/city-cells", Fixture, NULL, fixture_set_up, test_city_cells, fixture_tear_down);
  g_test_add ("/chart/city-circular", Fixture, NULL, fixture_set_up, test_city_circular_chart, fixture_tear_down);

  return g_test_run ();
}
