/* test-chart.c — the charts, read back pixel by pixel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <signal.h>
#include <sys/resource.h>

#include "tx-chart.h"
#include "tx-exchange.h"
#include "tx-file.h"
#include "tx-ledger.h"
#include "tx-store.h"

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
  g_assert_true (tx_chart_write (chart, png_path, &error));
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

      g_assert_true (tx_chart_write (chart, svg, &error));
      g_assert_true (tx_chart_write (chart, pdf, &error));
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

    g_assert_false (tx_chart_write (chart, bad, &error));
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
  g_assert_true (tx_chart_write (chart, pdf, &error));
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

  g_assert_true (tx_chart_write (chart, pdf, &error));
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

  g_assert_true (tx_chart_write (chart, pdf, &error));
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

/* Past the file size limit: a message, and the earlier chart kept. */
static void
test_full_disk (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *png = g_build_filename (f->dir, "ledger.png", NULL);
  g_autofree char *contents = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TxChartData) chart = NULL;
      struct rlimit limit;

      chart = tx_chart_data_from_store (f->store, TX_CHART_LEDGER, 2026, tx_date_new (2026, 11, 27), &error);
      g_assert_no_error (error);

      signal (SIGXFSZ, SIG_IGN);
      getrlimit (RLIMIT_FSIZE, &limit);
      limit.rlim_cur = 8 * 1024;
      setrlimit (RLIMIT_FSIZE, &limit);

      g_assert_false (tx_chart_write (chart, g_getenv ("TX_TEST_PATH"), &error));
      g_assert_error (error, TX_FILE_ERROR, TX_FILE_ERROR_TOO_LARGE);
      return;
    }

  g_assert_true (g_file_set_contents (png, "earlier", -1, NULL));
  g_setenv ("TX_TEST_PATH", png, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_assert_true (g_file_get_contents (png, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "earlier");
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

  return g_test_run ();
}
