/* test-overview-page.c — the Overview page, as a clerk uses it
 *
 * Runs under a display (Xvfb), on the sample data (tx_exchange_load_demo,
 * dated 2026-11-27), with the page's today set to that day.  What a clerk
 * would check: "Needs Attention" lists every reason of the quarter's
 * ledger, the most serious first, with its township, the word of its
 * colour and its text; a reason opens its record; the ledger chart shows
 * the quarter's colours, in those colours on the screen; a change to the
 * records changes the page; and the circular exported from the dialog
 * holds every township and the suggestions as edited, and freezes the
 * quarter, which the page then shows as issued.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-overview-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tx-activity.h"
#include "tx-application.h"
#include "tx-chart-view.h"
#include "tx-chart.h"
#include "tx-circular-dialog-private.h"
#include "tx-circular-dialog.h"
#include "tx-circular-document.h"
#include "tx-consultation-edit.h"
#include "tx-day.h"
#include "tx-exchange.h"
#include "tx-ledger.h"
#include "tx-overview-page-private.h"
#include "tx-preferences-window.h"
#include "tx-settings.h"
#include "tx-records.h"
#include "tx-renderer.h"
#include "tx-roster.h"
#include "tx-test-gui.h"
#include "tx-test-pdf.h"
#include "tx-text-rows.h"

#define TODAY "2026-11-27"
#define YEAR 2026
#define QUARTER 4
#define MARKET "集镇农贸市场提质改造协商"
#define EDITED_SUGGESTION "各乡镇（街道）政协联络组于十二月底前将整改情况书面报送市政协办公室。"

typedef struct {
  char           *dir;
  char           *path;
  TxStore        *store;
  TxDay          *day;
  TxLedger       *ledger;   /* of Q4 2026, computed without the GUI */
  GtkWindow      *window;
  TxOverviewPage *page;
} Fixture;

/* Finding what the page shows */

static gpointer
get_child (gpointer    widget,
           GType       type,
           const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

/* The label of the colour badge of a row. */
static GtkLabel *
find_badge (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "tx-color-badge"))
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_badge (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The rows of "Needs Attention", top first. */
static GPtrArray *
get_attention_rows (Fixture *fixture)
{
  GtkWidget *list = get_child (fixture->page, TX_TYPE_OVERVIEW_PAGE, "needs_attention_list");
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      g_ptr_array_add (rows, row);

  return rows;
}

static const char *
get_row_title (gpointer row)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static const char *
get_row_subtitle (gpointer row)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* The row whose reason is @text, or NULL. */
static GtkWidget *
find_row_with_reason (Fixture    *fixture,
                      const char *text)
{
  g_autoptr(GPtrArray) rows = get_attention_rows (fixture);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (get_row_subtitle (g_ptr_array_index (rows, i)), text) == 0)
      return g_ptr_array_index (rows, i);

  return NULL;
}

/* In the C locale of the tests */
static const char *
get_color_word (TxColor color)
{
  static const char * const words[] = { "Green", "Yellow", "Red" };

  return words[color];
}

static const char *
get_color_mark (TxColor color)
{
  static const char * const marks[] = { "✓", "!", "✕" };

  return marks[color];
}

/* The colour a badge says, from its word; -1 for none. */
static int
read_badge_color (GtkLabel *badge)
{
  const char *text = gtk_label_get_text (badge);

  for (int color = TX_COLOR_RED; color >= TX_COLOR_GREEN; color--)
    if (strstr (text, get_color_word (color)) != NULL)
      return color;

  return -1;
}

/* Runs what is pending: the page reloads in an idle after a change. */
static void
run_pending (void)
{
  for (int i = 0; i < 50; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static gboolean
chart_is_drawn (gpointer data)
{
  GtkWidget *chart = data;

  return gtk_widget_get_mapped (chart) && gtk_widget_get_width (chart) > 0 &&
         gtk_widget_get_height (chart) > 0 && tx_chart_view_get_data (TX_CHART_VIEW (chart)) != NULL;
}

/* Set-up */

static gboolean
load_sample_data (TxStore  *store,
                  GError  **error)
{
  TxDate today = tx_date_new (2026, 11, 27);
  TxImportReport report = { 0 };

  return tx_exchange_load_demo (store, today, &report, error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("tongxin-test-overview-page-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "tongxin.db", NULL);
  fixture->store = tx_store_open (fixture->path, &error);
  g_assert_no_error (error);

  if (!load_sample_data (fixture->store, &error))
    {
      g_autofree char *why = g_strdup_printf ("The sample data cannot be loaded: %s", error->message);

      g_test_skip (why);
      return;
    }

  fixture->ledger = tx_ledger_compute (fixture->store, YEAR, QUARTER, tx_date_from_iso (TODAY), &error);
  g_assert_no_error (error);

  fixture->page = TX_OVERVIEW_PAGE (tx_overview_page_new ());
  fixture->day = tx_test_day_new (TODAY);
  tx_overview_page_set_day (fixture->page, fixture->day);
  tx_overview_page_set_store (fixture->page, fixture->store);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1200, 900);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);

  tx_test_wait_until (chart_is_drawn, get_child (fixture->page, TX_TYPE_OVERVIEW_PAGE, "ledger_chart"),
                      "the ledger chart on the screen");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tx_test_destroy_windows ();
  fixture->window = NULL;
  fixture->page = NULL;
  g_clear_pointer (&fixture->ledger, tx_ledger_free);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->day);

  tx_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

/* What the ledger has, read without the GUI */

static guint
count_hits (TxLedger *ledger)
{
  guint n = 0;

  for (guint i = 0; i < ledger->entries->len; i++)
    n += ((TxLedgerEntry *) g_ptr_array_index (ledger->entries, i))->hits->len;

  return n;
}

/* The hit of @entry that says @text, or NULL */
static const TxLedgerHit *
find_hit_by_text (const TxLedgerEntry *entry,
                  const char          *text)
{
  for (guint h = 0; h < entry->hits->len; h++)
    if (g_strcmp0 (((TxLedgerHit *) g_ptr_array_index (entry->hits, h))->text, text) == 0)
      return g_ptr_array_index (entry->hits, h);

  return NULL;
}

/* The first hit of @kind (and of @title, if not NULL), and its township. */
static const TxLedgerHit *
find_hit (TxLedger       *ledger,
          const char     *kind,
          const char     *title,
          TxLedgerEntry **entry)
{
  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *e = g_ptr_array_index (ledger->entries, i);

      for (guint h = 0; h < e->hits->len; h++)
        {
          const TxLedgerHit *hit = g_ptr_array_index (e->hits, h);

          if (g_strcmp0 (hit->kind, kind) == 0 && (title == NULL || g_strcmp0 (hit->title, title) == 0))
            {
              if (entry != NULL)
                *entry = e;
              return hit;
            }
        }
    }

  return NULL;
}

static char *
find_consultation_uuid (TxStore    *store,
                        const char *title)
{
  g_autoptr(GPtrArray) consultations = NULL;
  g_autoptr(GError) error = NULL;

  consultations = tx_store_list_consultations (store, 0, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < consultations->len; i++)
    if (g_strcmp0 (tx_consultation_get_title (g_ptr_array_index (consultations, i)), title) == 0)
      return g_strdup (tx_consultation_get_uuid (g_ptr_array_index (consultations, i)));

  g_error ("No consultation “%s” in the sample data", title);
}

/* Needs Attention */

static void
test_needs_attention (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) matched = g_hash_table_new (NULL, NULL);
  guint n_hits;
  int previous = TX_COLOR_RED;

  if (fixture->page == NULL)
    return;   /* skipped in set-up */

  g_assert_cmpint (tx_overview_page_get_year (fixture->page), ==, YEAR);
  g_assert_cmpint (tx_overview_page_get_quarter (fixture->page), ==, QUARTER);

  /* The sample data has reasons of every kind, red and yellow. */
  n_hits = count_hits (fixture->ledger);
  g_assert_cmpuint (n_hits, >, 3);
  g_assert_nonnull (find_hit (fixture->ledger, "consultation", MARKET, NULL));
  g_assert_nonnull (find_hit (fixture->ledger, "outcome", NULL, NULL));
  g_assert_nonnull (find_hit (fixture->ledger, "township", NULL, NULL));

  /* One row a reason */
  rows = get_attention_rows (fixture);
  g_assert_cmpuint (rows->len, ==, n_hits);

  for (guint i = 0; i < fixture->ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (fixture->ledger->entries, i);

      for (guint h = 0; h < entry->hits->len; h++)
        {
          const TxLedgerHit *hit = g_ptr_array_index (entry->hits, h);
          GtkWidget *row = find_row_with_reason (fixture, hit->text);
          GtkLabel *badge;

          g_assert_nonnull (row);
          g_assert_false (g_hash_table_contains (matched, row));
          g_hash_table_add (matched, row);

          /* the township, the word and the mark of the colour, the reason */
          g_assert_cmpstr (get_row_title (row), ==, entry->township_name);
          badge = find_badge (row);
          g_assert_nonnull (badge);
          g_assert_nonnull (strstr (gtk_label_get_text (badge), get_color_word (hit->color)));
          g_assert_nonnull (strstr (gtk_label_get_text (badge), get_color_mark (hit->color)));
          g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
          g_assert_true (gtk_widget_get_mapped (row));
        }
    }

  /* The most serious first: every red before every yellow. */
  for (guint i = 0; i < rows->len; i++)
    {
      int color = read_badge_color (find_badge (g_ptr_array_index (rows, i)));

      g_assert_cmpint (color, >=, TX_COLOR_YELLOW);
      g_assert_cmpint (color, <=, previous);
      previous = color;
    }
  g_assert_cmpint (read_badge_color (find_badge (g_ptr_array_index (rows, 0))), ==, TX_COLOR_RED);

  /* Not issued: no banner */
  g_assert_false (gtk_widget_get_visible (get_child (fixture->page, TX_TYPE_OVERVIEW_PAGE, "issued_list")));
}

/* Opening the records */

typedef struct {
  char *consultation;
  char *outcome;
  char *outcome_consultation;
  char *township;
  char *place;
  guint n_emissions;
} Opened;

static void
on_open_consultation_cb (TxOverviewPage *page,
                         const char     *uuid,
                         const char     *place,
                         Opened         *opened)
{
  g_free (opened->consultation);
  opened->consultation = g_strdup (uuid);
  g_free (opened->place);
  opened->place = g_strdup (place);
  opened->n_emissions++;
}

static void
on_open_outcome_cb (TxOverviewPage *page,
                    const char     *uuid,
                    const char     *consultation_uuid,
                    const char     *place,
                    Opened         *opened)
{
  g_free (opened->place);
  opened->place = g_strdup (place);
  g_free (opened->outcome);
  opened->outcome = g_strdup (uuid);
  g_free (opened->outcome_consultation);
  opened->outcome_consultation = g_strdup (consultation_uuid);
  opened->n_emissions++;
}

static void
on_open_township_cb (TxOverviewPage *page,
                     const char     *uuid,
                     Opened         *opened)
{
  g_free (opened->township);
  opened->township = g_strdup (uuid);
  opened->n_emissions++;
}

static void
opened_clear (Opened *opened)
{
  g_free (opened->consultation);
  g_free (opened->outcome);
  g_free (opened->outcome_consultation);
  g_free (opened->township);
  g_free (opened->place);
}

static void
test_open_records (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *market_uuid = NULL;
  const TxLedgerHit *hit;
  GtkWidget *row;
  Opened opened = { 0 };

  if (fixture->page == NULL)
    return;   /* skipped in set-up */

  g_signal_connect (fixture->page, "open-consultation", G_CALLBACK (on_open_consultation_cb), &opened);
  g_signal_connect (fixture->page, "open-outcome", G_CALLBACK (on_open_outcome_cb), &opened);
  g_signal_connect (fixture->page, "open-township", G_CALLBACK (on_open_township_cb), &opened);

  /* A stage overdue: the consultation, as Enter on the row opens it */
  market_uuid = find_consultation_uuid (fixture->store, MARKET);
  hit = find_hit (fixture->ledger, "consultation", MARKET, NULL);
  row = find_row_with_reason (fixture, hit->text);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (row));
  g_assert_cmpuint (opened.n_emissions, ==, 1);
  g_assert_cmpstr (opened.consultation, ==, market_uuid);
  /* …at the stage overdue: the meeting */
  g_assert_cmpint (hit->stage, ==, TX_STAGE_MEETING);
  g_assert_cmpstr (opened.place, ==, "stage:2");

  /* A recommendation waiting for feedback: the outcome, and its consultation */
  hit = find_hit (fixture->ledger, "outcome", NULL, NULL);
  row = find_row_with_reason (fixture, hit->text);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (row));
  g_assert_cmpuint (opened.n_emissions, ==, 2);
  g_assert_cmpstr (opened.outcome, ==, hit->uuid);
  g_assert_cmpstr (opened.outcome_consultation, ==, hit->consultation_uuid);
  g_assert_nonnull (opened.outcome_consultation);
  g_assert_cmpstr (opened.place, ==, "feedback");

  /* Behind the plan: the township */
  hit = find_hit (fixture->ledger, "township", NULL, NULL);
  row = find_row_with_reason (fixture, hit->text);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (row));
  g_assert_cmpuint (opened.n_emissions, ==, 3);
  g_assert_cmpstr (opened.township, ==, hit->uuid);

  g_signal_handlers_disconnect_by_data (fixture->page, &opened);
  opened_clear (&opened);
}

/* The ledger chart */

/* The row of @name in @data, or fails. */
static guint
find_chart_row (const TxChartData *data,
                const char        *name)
{
  for (guint row = 0; row < data->rows->len; row++)
    if (g_strcmp0 (g_ptr_array_index (data->rows, row), name) == 0)
      return row;

  g_error ("No row “%s” in the chart", name);
}

/* The widget as the screen shows it, in pixels of its own size. */
static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static void
test_ledger_chart (Fixture       *fixture,
                   gconstpointer  data)
{
  TxChartView *chart;
  const TxChartData *chart_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  gsize stride;
  int width, height;
  guint n_red = 0;

  if (fixture->page == NULL)
    return;   /* skipped in set-up */

  chart = get_child (fixture->page, TX_TYPE_OVERVIEW_PAGE, "ledger_chart");
  chart_data = tx_chart_view_get_data (chart);
  g_assert_nonnull (chart_data);
  g_assert_cmpint (chart_data->kind, ==, TX_CHART_LEDGER);
  g_assert_cmpuint (chart_data->rows->len, ==, fixture->ledger->entries->len);
  g_assert_cmpuint (chart_data->colors->len, ==, chart_data->rows->len * 4);

  /* Q4: the colours of the ledger */
  for (guint i = 0; i < fixture->ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (fixture->ledger->entries, i);
      guint row = find_chart_row (chart_data, entry->township_name);

      g_assert_cmpint (g_array_index (chart_data->colors, int, row * 4 + QUARTER - 1), ==, entry->color);
    }

  /* Drawn at the widget's size: each township's Q4 cell in its colour */
  width = gtk_widget_get_width (GTK_WIDGET (chart));
  height = gtk_widget_get_height (GTK_WIDGET (chart));
  g_assert_cmpint (width, >, 600);
  g_assert_cmpint (height, >=, 120 + 44 * (int) chart_data->rows->len);

  texture = render_widget (GTK_WIDGET (chart));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);
  stride = width * 4;
  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);

  for (guint i = 0; i < fixture->ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (fixture->ledger->entries, i);
      guint row = find_chart_row (chart_data, entry->township_name);
      TxChartRect cell = tx_chart_ledger_cell (width, height, chart_data->rows->len, row, QUARTER);
      /* inside the cell, off its word and mark */
      int x = (int) (cell.x + 4), y = (int) (cell.y + 4);
      const guchar *pixel = pixels + y * stride + x * 4;   /* B, G, R, A */
      double r, g, b;

      tx_chart_color_rgb (entry->color, &r, &g, &b);
      g_assert_cmpint (ABS ((int) pixel[2] - (int) (r * 255 + 0.5)), <=, 2);
      g_assert_cmpint (ABS ((int) pixel[1] - (int) (g * 255 + 0.5)), <=, 2);
      g_assert_cmpint (ABS ((int) pixel[0] - (int) (b * 255 + 0.5)), <=, 2);
      if (entry->color == TX_COLOR_RED)
        n_red++;
    }

  /* The sample data has red townships. */
  g_assert_cmpuint (n_red, >, 0);
}

/* A change to the records changes the page. */

static gboolean
market_reason_gone (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GPtrArray) rows = get_attention_rows (fixture);

  for (guint i = 0; i < rows->len; i++)
    if (strstr (get_row_subtitle (g_ptr_array_index (rows, i)), MARKET) != NULL)
      return FALSE;

  return rows->len == count_hits (fixture->ledger) - 1;
}

/* The rows of "Needs Attention" that group a township's reasons */
static GPtrArray *
get_group_rows (Fixture *fixture)
{
  GtkWidget *list = get_child (fixture->page, TX_TYPE_OVERVIEW_PAGE, "needs_attention_list");
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_EXPANDER_ROW (row))
      g_ptr_array_add (rows, row);

  return rows;
}

static guint
count_townships_with_hits (TxLedger *ledger)
{
  guint n = 0;

  for (guint i = 0; i < ledger->entries->len; i++)
    n += ((TxLedgerEntry *) g_ptr_array_index (ledger->entries, i))->hits->len > 0;

  return n;
}

static gboolean
groups_are_shown (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GPtrArray) groups = get_group_rows (fixture);
  g_autoptr(TxLedger) ledger = tx_ledger_compute (fixture->store, YEAR, QUARTER, tx_date_from_iso (TODAY), NULL);

  return ledger != NULL && count_hits (ledger) > 60 &&
         groups->len == MIN (count_townships_with_hits (ledger), 20);
}

/* The rows an expander row lists when opened (not its own heading, a
 * row with its title) */
static void
collect_action_rows (GtkWidget *widget,
                     const char *heading,
                     GPtrArray  *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ACTION_ROW (child) && g_strcmp0 (get_row_title (child), heading) != 0)
        g_ptr_array_add (rows, child);
      else
        collect_action_rows (child, heading, rows);
    }
}

static gboolean page_is_read (gpointer data);

/* A city's hundreds of reasons: a row per township, the reddest first,
 * naming its main reasons and how many more; opened, its reasons, each
 * opening its record. */
static void
test_many_reasons (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *market_uuid = NULL;
  g_autoptr(TxConsultation) market = NULL;
  g_autoptr(TxLedger) ledger = NULL;
  const TxLedgerEntry *entry = NULL;
  AdwExpanderRow *group = NULL;
  Opened opened = { 0 };

  if (fixture->page == NULL)
    return;   /* skipped in set-up */

  market_uuid = find_consultation_uuid (fixture->store, MARKET);
  market = tx_store_load_consultation (fixture->store, market_uuid, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 70; i++)
    {
      g_autoptr(TxConsultation) late = tx_consultation_new ();
      g_autofree char *title = g_strdup_printf ("第%u个调研未完成的协商", i + 1);

      tx_consultation_set_title (late, title);
      tx_consultation_set_township (late, tx_consultation_get_township_uuid (market));
      tx_consultation_set_stage_due (late, TX_STAGE_RESEARCH, "2026-10-01");
      g_assert_true (tx_store_save_consultation (fixture->store, late, &error));
      g_assert_no_error (error);
    }
  /* a city: townships of their own, each late */
  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *name = g_strdup_printf ("第%u新镇", i + 1);
      g_autoptr(TxTownship) township = tx_store_add_township (fixture->store, name, TX_TOWNSHIP_KIND_TOWN, &error);
      g_autoptr(TxConsultation) late = tx_consultation_new ();

      g_assert_no_error (error);
      tx_consultation_set_title (late, name);
      tx_consultation_set_township (late, tx_township_get_uuid (township));
      tx_consultation_set_stage_due (late, TX_STAGE_SELECTION, "2026-10-01");
      g_assert_true (tx_store_save_consultation (fixture->store, late, &error));
      g_assert_no_error (error);
    }
  tx_test_wait_until (groups_are_shown, fixture, "a row for each of the twenty worst townships");

  /* no row for each reason: the twenty worst townships, then a row that
   * shows the others */
  ledger = tx_ledger_compute (fixture->store, YEAR, QUARTER, tx_date_from_iso (TODAY), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_townships_with_hits (ledger), >, 20);
  reasons = get_attention_rows (fixture);
  g_assert_cmpuint (reasons->len, ==, 1);
  {
    g_autofree char *more = g_strdup_printf ("Show %u More Townships", count_townships_with_hits (ledger) - 20);

    g_assert_cmpstr (get_row_title (g_ptr_array_index (reasons, 0)), ==, more);
  }
  g_signal_emit_by_name (get_child (fixture->page, TX_TYPE_OVERVIEW_PAGE, "needs_attention_list"),
                         "row-activated", g_ptr_array_index (reasons, 0));
  g_clear_pointer (&reasons, g_ptr_array_unref);
  reasons = get_attention_rows (fixture);
  g_assert_cmpuint (reasons->len, ==, 0);
  g_clear_pointer (&reasons, g_ptr_array_unref);
  {
    g_autoptr(GPtrArray) all = get_group_rows (fixture);
    GtkWidget *first_new;
    GtkWidget *focus;

    g_assert_cmpuint (all->len, ==, count_townships_with_hits (ledger));
    first_new = g_ptr_array_index (all, 20);

    /* the focus on the first township shown now */
    focus = gtk_root_get_focus (gtk_widget_get_root (first_new));
    g_assert_true (focus == first_new || gtk_widget_is_ancestor (focus, first_new));
  }

  /* the worst first: a red township before any yellow one */
  groups = get_group_rows (fixture);
  g_assert_cmpint (read_badge_color (find_badge (g_ptr_array_index (groups, 0))), ==, TX_COLOR_RED);
  for (guint i = 1; i < groups->len; i++)
    g_assert_cmpint (read_badge_color (find_badge (g_ptr_array_index (groups, i))), <=,
                     read_badge_color (find_badge (g_ptr_array_index (groups, i - 1))));

  /* the market's township: its worst reasons, and how many more */
  for (guint i = 0; i < ledger->entries->len; i++)
    {
      const TxLedgerEntry *e = g_ptr_array_index (ledger->entries, i);

      if (g_strcmp0 (e->township_uuid, tx_consultation_get_township_uuid (market)) == 0)
        entry = e;
    }
  g_assert_nonnull (entry);
  g_assert_cmpuint (entry->hits->len, >=, 70);
  for (guint i = 0; i < groups->len; i++)
    if (g_strcmp0 (get_row_title (g_ptr_array_index (groups, i)), entry->township_name) == 0)
      group = g_ptr_array_index (groups, i);
  g_assert_nonnull (group);
  {
    const char *subtitle = adw_expander_row_get_subtitle (group);
    g_autofree char *more = g_strdup_printf ("and %u more reasons", entry->hits->len - 3);
    g_auto(GStrv) lines = g_strsplit (subtitle, "\n", -1);

    g_test_message ("%s: %s", entry->township_name, subtitle);
    g_assert_cmpuint (g_strv_length (lines), ==, 4);
    g_assert_cmpstr (lines[3], ==, more);
    for (guint i = 0; i < 3; i++)
      g_assert_nonnull (find_hit_by_text (entry, lines[i]));
  }

  /* opened: every reason of the township, each opening its record */
  reasons = g_ptr_array_new ();
  collect_action_rows (GTK_WIDGET (group), entry->township_name, reasons);
  g_assert_cmpuint (reasons->len, ==, 0);
  adw_expander_row_set_expanded (group, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (group));
  run_pending ();
  tx_test_save_screenshot (fixture->window, "overview-many-reasons");
  collect_action_rows (GTK_WIDGET (group), entry->township_name, reasons);
  g_assert_cmpuint (reasons->len, ==, entry->hits->len);

  g_signal_connect (fixture->page, "open-consultation", G_CALLBACK (on_open_consultation_cb), &opened);
  for (guint i = 0; i < reasons->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (reasons, i);
      const TxLedgerHit *hit = find_hit_by_text (entry, get_row_title (row));

      g_assert_nonnull (hit);
      if (g_strcmp0 (hit->kind, "consultation") != 0)
        continue;
      g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
      g_assert_cmpuint (opened.n_emissions, ==, 1);
      g_assert_cmpstr (opened.consultation, ==, hit->uuid);
      break;
    }
  g_signal_handlers_disconnect_by_func (fixture->page, on_open_consultation_cb, &opened);
  opened_clear (&opened);

  /* read again, one of the market's consultations due later: the rows
   * are changed in place (the opened one made anew), every township as
   * many as were shown, and each row leads to the reasons of the
   * ledger read now */
  {
    g_autoptr(GPtrArray) before = get_group_rows (fixture);
    g_autoptr(GPtrArray) after = NULL;
    g_autoptr(TxLedger) now = NULL;
    g_autoptr(TxConsultation) later = NULL;
    g_autofree char *later_uuid = find_consultation_uuid (fixture->store, "第1个调研未完成的协商");
    g_autofree char *township_name = g_strdup (entry->township_name);
    g_autofree char *fewer = g_strdup_printf ("and %u more reasons", entry->hits->len - 1 - 3);
    guint kept = 0;

    /* held: a row removed is not freed under the test */
    g_ptr_array_set_free_func (before, g_object_unref);
    for (guint i = 0; i < before->len; i++)
      g_object_ref (g_ptr_array_index (before, i));
    later = tx_store_load_consultation (fixture->store, later_uuid, &error);
    g_assert_no_error (error);
    tx_consultation_set_stage_due (later, TX_STAGE_RESEARCH, "2027-01-31");
    g_assert_true (tx_store_save_consultation (fixture->store, later, &error));
    g_assert_no_error (error);
    tx_test_wait_until (page_is_read, fixture->page, "the Overview to be read again, its rows changed");

    now = tx_ledger_compute (fixture->store, YEAR, QUARTER, tx_date_from_iso (TODAY), &error);
    g_assert_no_error (error);
    after = get_group_rows (fixture);
    g_assert_cmpuint (after->len, ==, count_townships_with_hits (now));
    for (guint i = 0; i < after->len; i++)
      {
        GtkWidget *row = g_ptr_array_index (after, i);
        GPtrArray *reasons_of = g_object_get_data (G_OBJECT (row), "tx-reasons");
        const char *title = get_row_title (row);
        gboolean found = FALSE;

        g_assert_true (gtk_widget_get_sensitive (row));
        g_assert_nonnull (reasons_of);
        for (guint e = 0; e < now->entries->len; e++)
          {
            const TxLedgerEntry *township = g_ptr_array_index (now->entries, e);

            if (g_str_equal (township->township_name, title))
              {
                g_assert_cmpuint (reasons_of->len, ==, township->hits->len);
                found = TRUE;
              }
          }
        g_assert_true (found);
        if (g_str_equal (title, township_name))
          {
            g_auto(GStrv) lines = g_strsplit (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "\n", -1);

            g_assert_cmpstr (lines[3], ==, fewer);
          }
        if (g_ptr_array_find (before, row, NULL))
          kept++;
      }
    /* the opened row made anew, the others kept */
    g_assert_false (g_ptr_array_find (after, group, NULL));
    g_assert_cmpuint (kept, ==, after->len - 1);
  }
}


static gboolean
page_is_read (gpointer data)
{
  return !tx_overview_page_get_reload_pending (data);
}

/* The ledger and the charts are read apart from the window, which shows
 * that they are being read; what changes while they are read is read
 * after, and what was read before it is never shown. */
static void
test_read_apart (Fixture       *fixture,
                 gconstpointer  data)
{
  TxOverviewPage *page;
  GtkWindow *window;
  GtkStack *content_stack;
  g_autofree char *market_uuid = NULL;
  g_autoptr(GError) error = NULL;

  if (fixture->page == NULL)
    return;   /* skipped in set-up */

  /* a page of its own, opened on the database */
  page = TX_OVERVIEW_PAGE (tx_overview_page_new ());
  tx_overview_page_set_day (page, fixture->day);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (window, GTK_WIDGET (page));
  tx_overview_page_set_store (page, fixture->store);
  content_stack = get_child (page, TX_TYPE_OVERVIEW_PAGE, "content_stack");
  g_assert_true (tx_overview_page_get_reload_pending (page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content_stack), ==, "loading");
  g_assert_true (gtk_spinner_get_spinning (get_child (page, TX_TYPE_OVERVIEW_PAGE, "loading_spinner")));
  /* the quarter of today, at once */
  g_assert_cmpint (tx_overview_page_get_year (page), ==, YEAR);
  g_assert_cmpint (tx_overview_page_get_quarter (page), ==, QUARTER);
  gtk_window_present (window);
  tx_test_wait_until (page_is_read, page, "the ledger to be read");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content_stack), ==, "overview");
  /* read, the spinner does not go on drawing the window */
  g_assert_false (gtk_spinner_get_spinning (get_child (page, TX_TYPE_OVERVIEW_PAGE, "loading_spinner")));
  gtk_window_destroy (window);

  /* the third quarter asked for, then the fourth again, then the meeting
   * held, all while the third is read: the fourth is shown, as it is
   * after the meeting */
  tx_overview_page_select_quarter (fixture->page, YEAR, 3);
  g_assert_true (tx_overview_page_get_reload_pending (fixture->page));
  tx_overview_page_select_quarter (fixture->page, YEAR, QUARTER);
  market_uuid = find_consultation_uuid (fixture->store, MARKET);
  tx_store_set_stage_done (fixture->store, market_uuid, TX_STAGE_MEETING, tx_date_from_iso (TODAY), NULL,
                           tx_date_from_iso (TODAY), &error);
  g_assert_no_error (error);
  tx_test_wait_until (page_is_read, fixture->page, "the ledger to be read");
  g_assert_cmpint (tx_overview_page_get_quarter (fixture->page), ==, QUARTER);
  g_assert_cmpuint (gtk_drop_down_get_selected (get_child (fixture->page, TX_TYPE_OVERVIEW_PAGE, "quarter_drop_down")),
                    ==, 0);
  g_assert_true (market_reason_gone (fixture));
}

/* A ledger that cannot be read in the worker: the page says why, and
 * still offers the quarters it could read. */
static void
test_read_error (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TxStore) damaged = NULL;
  GtkStack *content_stack;
  GtkDropDown *quarters;

  if (fixture->page == NULL)
    return;   /* skipped in set-up */

  damaged = tx_test_open_damaged_copy (fixture->store, fixture->dir, "outcome");
  g_test_expect_message ("tx-overview-page", G_LOG_LEVEL_WARNING, "Could not read the ledger of Q4 2026: *damaged*");
  tx_overview_page_set_store (fixture->page, damaged);
  tx_test_wait_until (page_is_read, fixture->page, "the ledger to be read");
  g_test_assert_expected_messages ();

  content_stack = get_child (fixture->page, TX_TYPE_OVERVIEW_PAGE, "content_stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content_stack), ==, "error");
  g_assert_nonnull (strstr (adw_status_page_get_description (get_child (fixture->page, TX_TYPE_OVERVIEW_PAGE,
                                                                        "error_page")),
                            "damaged"));
  quarters = get_child (fixture->page, TX_TYPE_OVERVIEW_PAGE, "quarter_drop_down");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (quarters)), >, 0);

  /* the database as it was: the Overview again */
  tx_overview_page_set_store (fixture->page, fixture->store);
  tx_test_wait_until (page_is_read, fixture->page, "the ledger to be read again");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content_stack), ==, "overview");
}

static gboolean
save_person (TxStore   *store,
             gpointer   person,
             GError   **error)
{
  return tx_roster_save_person (store, person, error);
}

static void
test_store_changed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *market_uuid = NULL;
  g_autoptr(GError) error = NULL;
  TxLedgerEntry *entry = NULL;
  const TxLedgerHit *hit;
  const TxChartData *chart_data;
  guint row;

  if (fixture->page == NULL)
    return;   /* skipped in set-up */

  /* A person saved changes nothing the page shows: it is not read
   * again (on a city's database, that is seconds of a frozen window) */
  {
    TxPersonFilter filter = { 0, };
    g_autoptr(GPtrArray) people = tx_roster_query (fixture->store, &filter, &error);
    TxPerson *person;

    g_assert_no_error (error);
    g_assert_cmpuint (people->len, >, 0);
    person = g_ptr_array_index (people, 0);
    tx_test_settle ();
    g_assert_false (tx_overview_page_get_reload_pending (fixture->page));
    g_assert_true (tx_store_write (fixture->store, save_person, person, &error));
    g_assert_no_error (error);
    g_assert_false (tx_overview_page_get_reload_pending (fixture->page));
  }

  /* The market's research notes saved: the page is read again, its
   * reasons are the same, and their rows stay as they were (made anew,
   * a city's take a tenth of a second), leading to the records as
   * they are now */
  {
    g_autofree char *uuid = find_consultation_uuid (fixture->store, MARKET);
    g_autoptr(TxConsultation) market = tx_store_load_consultation (fixture->store, uuid, &error);
    const TxLedgerHit *before = find_hit (fixture->ledger, "consultation", MARKET, NULL);
    GtkWidget *reason_row = find_row_with_reason (fixture, before->text);
    g_autoptr(GPtrArray) rows_before = get_attention_rows (fixture);
    g_autoptr(GPtrArray) rows_after = NULL;
    Opened opened = { 0 };

    g_assert_no_error (error);
    g_assert_nonnull (reason_row);
    tx_consultation_set_research (market, "又走访了三户商户。");
    g_assert_true (tx_store_save_consultation (fixture->store, market, &error));
    g_assert_no_error (error);
    g_assert_true (tx_overview_page_get_reload_pending (fixture->page));
    tx_test_wait_until (page_is_read, fixture->page, "the ledger to be read again");

    rows_after = get_attention_rows (fixture);
    g_assert_cmpuint (rows_after->len, ==, rows_before->len);
    for (guint i = 0; i < rows_after->len; i++)
      g_assert_true (g_ptr_array_index (rows_after, i) == g_ptr_array_index (rows_before, i));
    g_assert_true (find_row_with_reason (fixture, before->text) == reason_row);

    g_signal_connect (fixture->page, "open-consultation", G_CALLBACK (on_open_consultation_cb), &opened);
    g_assert_true (gtk_widget_activate (reason_row));
    g_assert_cmpuint (opened.n_emissions, ==, 1);
    g_assert_cmpstr (opened.consultation, ==, uuid);
    g_signal_handlers_disconnect_by_func (fixture->page, on_open_consultation_cb, &opened);
    opened_clear (&opened);
  }

  /* The meeting held today: its reason goes, and the township, whose
   * only reason it was, turns green on the chart. */
  hit = find_hit (fixture->ledger, "consultation", MARKET, &entry);
  g_assert_cmpuint (entry->hits->len, ==, 1);
  g_assert_cmpint (hit->stage, ==, TX_STAGE_MEETING);
  market_uuid = find_consultation_uuid (fixture->store, MARKET);
  tx_store_set_stage_done (fixture->store, market_uuid, TX_STAGE_MEETING, tx_date_from_iso (TODAY), NULL, tx_date_from_iso (TODAY), &error);
  g_assert_no_error (error);
  g_assert_true (tx_overview_page_get_reload_pending (fixture->page));

  tx_test_wait_until (market_reason_gone, fixture, "the reason of the meeting held to go");

  chart_data = tx_chart_view_get_data (get_child (fixture->page, TX_TYPE_OVERVIEW_PAGE, "ledger_chart"));
  row = find_chart_row (chart_data, entry->township_name);
  g_assert_cmpint (g_array_index (chart_data->colors, int, row * 4 + QUARTER - 1), ==, TX_COLOR_GREEN);
}

typedef struct {
  Fixture    *fixture;
  const char *text;
  TxColor     color;
} ReasonColor;

static gboolean
reason_has_color (gpointer data)
{
  ReasonColor *wanted = data;
  GtkWidget *row = find_row_with_reason (wanted->fixture, wanted->text);

  return row != NULL && read_badge_color (find_badge (row)) == (int) wanted->color;
}

/* A threshold changed in the preferences window recolours the Overview
 * at once, while the window is still open; a spin button cannot offer a
 * value the settings would refuse; a name typed and not applied is kept
 * when the window closes. */
/* How this computer draws the window: cairo where OpenGL would run in
 * software, unless the preference says otherwise; the preference is
 * the computer's, kept by the window of Preferences. */
static void
test_renderer (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *dir = NULL;
  g_autofree char *card = NULL;
  g_autofree char *node = NULL;
  g_autoptr(GSettings) gsettings = NULL;
  g_autoptr(GError) error = NULL;
  TxPreferencesWindow *preferences;
  AdwComboRow *row;

  if (fixture->page == NULL)
    return;   /* skipped in set-up */

  /* a PC with a card OpenGL can drive has a render node */
  dir = g_dir_make_tmp ("tongxin-dri-XXXXXX", &error);
  g_assert_no_error (error);
  card = g_build_filename (dir, "card0", NULL);
  g_assert_true (g_file_set_contents (card, "", 0, NULL));
  g_assert_false (tx_renderer_has_gpu (dir));
  node = g_build_filename (dir, "renderD128", NULL);
  g_assert_true (g_file_set_contents (node, "", 0, NULL));
  g_assert_true (tx_renderer_has_gpu (dir));
  g_assert_false (tx_renderer_has_gpu ("/nonexistent/dri"));
  tx_test_remove_dir (dir);

  g_assert_cmpstr (tx_renderer_choose ("automatic", FALSE), ==, "cairo");
  g_assert_null (tx_renderer_choose ("automatic", TRUE));
  g_assert_null (tx_renderer_choose ("gl", FALSE));
  g_assert_cmpstr (tx_renderer_choose ("cairo", TRUE), ==, "cairo");
  g_assert_cmpstr (tx_renderer_choose (NULL, FALSE), ==, "cairo");

  gsettings = tx_application_create_gsettings ();
  g_assert_nonnull (gsettings);
  {
    g_autofree char *renderer = g_settings_get_string (gsettings, "renderer");
    g_assert_cmpstr (renderer, ==, "automatic");
  }
  preferences = tx_preferences_window_new (fixture->window, fixture->store);
  gtk_window_present (GTK_WINDOW (preferences));
  row = tx_test_get_template_child (preferences, "renderer_row");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  adw_combo_row_set_selected (row, 1);
  {
    g_autofree char *renderer = g_settings_get_string (gsettings, "renderer");
    g_assert_cmpstr (renderer, ==, "gl");
  }
  adw_combo_row_set_selected (row, 2);
  {
    g_autofree char *renderer = g_settings_get_string (gsettings, "renderer");
    g_assert_cmpstr (renderer, ==, "cairo");
  }
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* shown again as chosen */
  preferences = tx_preferences_window_new (fixture->window, fixture->store);
  row = tx_test_get_template_child (preferences, "renderer_row");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 2);
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* what GTK is told, when the environment says nothing */
  {
    g_autofree char *renderer = g_strdup (g_getenv ("GSK_RENDERER"));
    g_autofree char *debug = g_strdup (g_getenv ("GDK_DEBUG"));

    g_unsetenv ("GSK_RENDERER");
    g_unsetenv ("GDK_DEBUG");
    g_settings_set_string (gsettings, "renderer", "gl");
    tx_renderer_apply (gsettings);
    g_assert_null (g_getenv ("GSK_RENDERER"));
    g_assert_null (g_getenv ("GDK_DEBUG"));
    g_settings_set_string (gsettings, "renderer", "cairo");
    g_setenv ("GDK_DEBUG", "misc", TRUE);
    tx_renderer_apply (gsettings);
    g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
    g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "misc,gl-disable");
    /* the environment first */
    g_setenv ("GSK_RENDERER", "gl", TRUE);
    tx_renderer_apply (gsettings);
    g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "gl");

    if (renderer != NULL)
      g_setenv ("GSK_RENDERER", renderer, TRUE);
    else
      g_unsetenv ("GSK_RENDERER");
    if (debug != NULL)
      g_setenv ("GDK_DEBUG", debug, TRUE);
    else
      g_unsetenv ("GDK_DEBUG");
  }
  g_settings_reset (gsettings, "renderer");
}

static void
test_preferences (Fixture       *fixture,
                  gconstpointer  data)
{
  TxSettings *settings;
  TxPreferencesWindow *preferences;
  const TxLedgerHit *hit;
  TxLedgerEntry *entry = NULL;
  GtkWidget *control;
  ReasonColor wanted;
  double min, max;

  if (fixture->page == NULL)
    return;   /* skipped in set-up */

  settings = tx_store_get_settings (fixture->store);
  hit = find_hit (fixture->ledger, "consultation", MARKET, &entry);
  g_assert_cmpint (hit->color, ==, TX_COLOR_YELLOW);
  g_assert_cmpint (hit->days, >, 0);
  g_assert_cmpint (hit->days, <=, tx_settings_get_stage_red_days (settings));
  wanted = (ReasonColor) { fixture, hit->text, TX_COLOR_YELLOW };
  g_assert_true (reason_has_color (&wanted));

  preferences = tx_preferences_window_new (fixture->window, fixture->store);
  gtk_window_present (GTK_WINDOW (preferences));

  /* red after fewer days than the meeting is overdue */
  control = tx_preferences_window_get_control (preferences, "stage-red-days");
  g_assert_true (GTK_IS_SPIN_BUTTON (control));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (control)), ==, 14);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (control), hit->days - 1);
  g_assert_cmpint (tx_settings_get_stage_red_days (settings), ==, hit->days - 1);
  wanted.color = TX_COLOR_RED;
  tx_test_wait_until (reason_has_color, &wanted, "the late meeting to turn red on the Overview");

  /* and back */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (control), 14);
  wanted.color = TX_COLOR_YELLOW;
  tx_test_wait_until (reason_has_color, &wanted, "the late meeting to turn yellow again");

  /* yellow never after red: the spin button stops at red */
  control = tx_preferences_window_get_control (preferences, "plan-yellow-behind");
  gtk_spin_button_get_range (GTK_SPIN_BUTTON (control), &min, &max);
  g_assert_cmpfloat (max, ==, tx_settings_get_plan_red_behind (settings));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (control), 50);
  g_assert_cmpint (tx_settings_get_plan_yellow_behind (settings), ==, tx_settings_get_plan_red_behind (settings));

  /* what another writer changes shows in the window */
  g_assert_true (tx_settings_set_text (settings, "signin-blank-rows", "8", NULL));
  control = tx_preferences_window_get_control (preferences, "signin-blank-rows");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (control)), ==, 8);

  /* a switch, a choice, the default township */
  control = tx_preferences_window_get_control (preferences, "print-full-phones");
  gtk_switch_set_active (GTK_SWITCH (control), TRUE);
  g_assert_true (tx_settings_get_print_full_phones (settings));
  control = tx_preferences_window_get_control (preferences, "signin-order");
  adw_combo_row_set_selected (ADW_COMBO_ROW (control), 1);
  g_assert_cmpint (tx_settings_get_signin_order (settings), ==, TX_SIGNIN_ORDER_STROKES);
  control = tx_preferences_window_get_control (preferences, "default-township");
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (control))), ==,
                    1 + fixture->ledger->entries->len);
  adw_combo_row_set_selected (ADW_COMBO_ROW (control), 2);
  g_assert_nonnull (tx_settings_get_default_township (settings));

  /* the 版记's offices: what is copied to, and who prints (by default
   * the issuing body) */
  control = tx_preferences_window_get_control (preferences, "copy-to");
  gtk_editable_set_text (GTK_EDITABLE (control), "市委办公室，市政府办公室");
  g_signal_emit_by_name (control, "apply");
  g_assert_cmpstr (tx_settings_get_copy_to (settings), ==, "市委办公室，市政府办公室");
  g_assert_cmpstr (tx_settings_get_printing_office (settings), ==, tx_settings_get_organization (settings));
  control = tx_preferences_window_get_control (preferences, "printing-office");
  gtk_editable_set_text (GTK_EDITABLE (control), "政协福泉市委员会办公室");
  g_signal_emit_by_name (control, "apply");
  g_assert_cmpstr (tx_settings_get_printing_office (settings), ==, "政协福泉市委员会办公室");

  /* typed, not applied, window closed: kept */
  control = tx_preferences_window_get_control (preferences, "organization");
  gtk_editable_set_text (GTK_EDITABLE (control), "政协福泉市委员会金山街道联络组");
  gtk_window_close (GTK_WINDOW (preferences));
  g_assert_cmpstr (tx_settings_get_organization (settings), ==, "政协福泉市委员会金山街道联络组");
}

/* Left open over the new year: the ledger of the new
 * quarter is shown when the old one was; one the clerk chose stays. */
static void
test_new_quarter (Fixture       *fixture,
                  gconstpointer  data)
{
  TxDay *day = fixture->day;

  if (fixture->page == NULL)
    return;   /* skipped in set-up */

  tx_day_set_today (day, tx_date_new (2026, 12, 31));
  g_assert_cmpint (tx_overview_page_get_year (fixture->page), ==, 2026);
  g_assert_cmpint (tx_overview_page_get_quarter (fixture->page), ==, 4);

  tx_day_set_today (day, tx_date_new (2027, 1, 1));
  g_assert_cmpint (tx_overview_page_get_year (fixture->page), ==, 2027);
  g_assert_cmpint (tx_overview_page_get_quarter (fixture->page), ==, 1);

  tx_overview_page_select_quarter (fixture->page, 2026, 3);
  tx_day_set_today (day, tx_date_new (2027, 1, 2));
  g_assert_cmpint (tx_overview_page_get_year (fixture->page), ==, 2026);
  g_assert_cmpint (tx_overview_page_get_quarter (fixture->page), ==, 3);
}

/* The quarterly circular */

static TxCircularDialog *
find_circular_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (TX_IS_CIRCULAR_DIALOG (window))
        return TX_CIRCULAR_DIALOG (window);
    }

  return NULL;
}

static char *
get_buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
page_shows_issued (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *issued_list = get_child (fixture->page, TX_TYPE_OVERVIEW_PAGE, "issued_list");
  AdwActionRow *issued_row = get_child (fixture->page, TX_TYPE_OVERVIEW_PAGE, "issued_row");
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (issued_row));

  return gtk_widget_get_visible (issued_list) && gtk_widget_get_mapped (issued_list) &&
         g_str_has_prefix (title, "Issued on ") &&
         strstr (title, "the ledger is frozen as issued") != NULL;
}

static void
test_circular (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(TxLedger) frozen = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *text = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *odt = NULL;
  g_autofree char *content = NULL;
  g_autofree char *suggestions = NULL;
  g_autofree char *market_uuid = NULL;
  const TxLedgerHit *market;
  TxCircularDialog *dialog;
  GtkTextView *view;

  if (fixture->page == NULL)
    return;   /* skipped in set-up */

  frozen = tx_ledger_load_frozen (fixture->store, YEAR, QUARTER, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (frozen);

  /* "Quarterly Circular…" opens the dialog on the quarter shown */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "overview.circular", NULL));
  dialog = find_circular_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpint (tx_circular_dialog_get_year (dialog), ==, YEAR);
  g_assert_cmpint (tx_circular_dialog_get_quarter (dialog), ==, QUARTER);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));

  /* The suggestions: a draft from the reasons, edited by the clerk */
  view = get_child (dialog, TX_TYPE_CIRCULAR_DIALOG, "suggestions_view");
  draft = tx_circular_draft_suggestions (fixture->ledger);
  text = get_buffer_text (view);
  g_assert_cmpstr (text, ==, draft);
  edited = g_strconcat (draft, EDITED_SUGGESTION, "\n", NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), edited, -1);

  /* A draft: written, marked so, and nothing issued or frozen */
  {
    g_autofree char *draft_odt = g_build_filename (fixture->dir, "2026年第4季度通报（草稿）.odt", NULL);
    g_autoptr(GFile) draft_file = g_file_new_for_path (draft_odt);
    g_autofree char *draft_content = NULL;

    g_assert_cmpstr (gtk_button_get_label (get_child (dialog, TX_TYPE_CIRCULAR_DIALOG, "export_button")), ==,
                     "_Export Draft…");
    g_assert_true (tx_circular_dialog_export_to_file (dialog, draft_file, &error));
    g_assert_no_error (error);
    draft_content = tx_test_odt_text (draft_odt);
    g_assert_nonnull (strstr (draft_content, "（草稿，未印发）"));
    g_assert_nonnull (strstr (draft_content, EDITED_SUGGESTION));
    g_assert_false (tx_ledger_is_issued (fixture->store, YEAR, QUARTER));
  }

  /* Issuing is asked once more, warns that the quarter runs until
   * 31 December, and takes the document number */
  {
    AdwMessageDialog *question;
    g_autofree char *warning = tx_circular_dialog_dup_issue_warning (dialog);

    g_assert_nonnull (warning);
    g_assert_nonnull (strstr (warning, "34 days"));
    gtk_widget_activate_action (GTK_WIDGET (dialog), "circular.issue", NULL);
    question = tx_test_find_message_dialog ();
    g_assert_nonnull (question);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (question), warning));
    g_assert_true (GTK_IS_ENTRY (adw_message_dialog_get_extra_child (question)));
    g_assert_true (adw_message_dialog_get_response_enabled (question, "issue"));
    tx_test_answer_message_dialog (question, "cancel");
    g_assert_false (tx_ledger_is_issued (fixture->store, YEAR, QUARTER));
  }

  /* Issued */
  odt = g_build_filename (fixture->dir, "2026年第4季度通报.odt", NULL);
  file = g_file_new_for_path (odt);
  g_assert_true (tx_circular_dialog_issue_to_file (dialog, file, "福泉政协〔2026〕12号", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_button_get_label (get_child (dialog, TX_TYPE_CIRCULAR_DIALOG, "issue_button")), ==,
                   "Issue a _Correction…");
  g_assert_nonnull (gtk_widget_get_first_child (get_child (dialog, TX_TYPE_CIRCULAR_DIALOG, "issued_list")));

  content = tx_test_odt_text (odt);
  g_assert_nonnull (strstr (content, "福泉政协〔2026〕12号"));
  g_assert_null (strstr (content, "草稿"));
  g_assert_nonnull (strstr (content, "2026年第四季度"));
  for (guint i = 0; i < fixture->ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (fixture->ledger->entries, i);

      g_assert_nonnull (strstr (content, entry->township_name));
    }
  g_assert_nonnull (strstr (content, EDITED_SUGGESTION));

  /* Issued today, the ledger frozen with the suggestions as edited */
  g_clear_pointer (&frozen, tx_ledger_free);
  frozen = tx_ledger_load_frozen (fixture->store, YEAR, QUARTER, &suggestions, &error);
  g_assert_no_error (error);
  g_assert_nonnull (frozen);
  g_assert_cmpstr (frozen->issued_on, ==, TODAY);
  g_assert_cmpstr (frozen->number, ==, "福泉政协〔2026〕12号");
  g_assert_nonnull (strstr (suggestions, EDITED_SUGGESTION));
  g_assert_cmpuint (count_hits (frozen), ==, count_hits (fixture->ledger));

  /* The page says so */
  tx_test_wait_until (page_shows_issued, fixture, "the page to show the quarter issued");

  /* and keeps the ledger as issued: the meeting held now changes nothing */
  market = find_hit (fixture->ledger, "consultation", MARKET, NULL);
  market_uuid = find_consultation_uuid (fixture->store, MARKET);
  tx_store_set_stage_done (fixture->store, market_uuid, TX_STAGE_MEETING, tx_date_from_iso (TODAY), NULL, tx_date_from_iso (TODAY), &error);
  g_assert_no_error (error);
  run_pending ();
  g_assert_true (page_shows_issued (fixture));
  g_assert_nonnull (find_row_with_reason (fixture, market->text));
  {
    g_autoptr(GPtrArray) rows = get_attention_rows (fixture);

    g_assert_cmpuint (rows->len, ==, count_hits (fixture->ledger));
  }
}


/* The rows under 未培训 (Not Trained), top first */
static GPtrArray *
get_untrained_rows (Fixture *fixture)
{
  GtkWidget *list = get_child (fixture->page, TX_TYPE_OVERVIEW_PAGE, "untrained_list");
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    g_ptr_array_add (rows, row);

  return rows;
}

static gboolean
untrained_rows_are (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GPtrArray) rows = get_untrained_rows (fixture);

  return rows->len == GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (fixture->page), "tx-test-rows"));
}

/* The liaison group leaders and officers of the sample in post for more
 * than 90 days without a training are listed, in Chinese, as the core
 * lists them; one given a recent day of taking up the post (a person
 * saved) leaves the list, which is read again alone, not the ledger */
static void
test_untrained_zh_cn (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) untrained = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(TxPerson) person = NULL;
  GtkWidget *group;
  TxUntrained *first;

  if (fixture->page == NULL)
    return;   /* skipped in set-up */

  gtk_window_set_default_size (fixture->window, 1366, 768);
  tx_test_wait_until (page_is_read, fixture->page, "the page to be read");
  untrained = tx_activity_list_untrained (fixture->store, tx_date_from_iso (TODAY), 90, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (untrained->len, >, 3);

  group = get_child (fixture->page, TX_TYPE_OVERVIEW_PAGE, "untrained_group");
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==, "未培训");
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)), "90"));
  rows = get_untrained_rows (fixture);
  g_assert_cmpuint (rows->len, ==, untrained->len);
  for (guint i = 0; i < rows->len; i++)
    {
      TxUntrained *one = g_ptr_array_index (untrained, i);
      g_autofree char *title = g_strdup_printf ("%s · %s", one->name, one->township_name);
      g_autofree char *reason = tx_untrained_describe (one, 90);

      g_assert_cmpstr (get_row_title (g_ptr_array_index (rows, i)), ==, title);
      g_assert_cmpstr (get_row_subtitle (g_ptr_array_index (rows, i)), ==, reason);
      g_assert_nonnull (strstr (reason, "未参加"));
    }

  gtk_widget_grab_focus (g_ptr_array_index (rows, 0));
  run_pending ();
  tx_test_save_screenshot (fixture->window, "overview-untrained-zh_CN");

  /* the first took up the post this month: off the list */
  first = g_ptr_array_index (untrained, 0);
  person = tx_roster_find_person (fixture->store, first->person_uuid, &error);
  g_assert_no_error (error);
  tx_person_set_post_since (person, tx_date_from_iso ("2026-11-01"));
  g_object_set_data (G_OBJECT (fixture->page), "tx-test-rows", GUINT_TO_POINTER (untrained->len - 1));
  g_assert_true (tx_roster_edit_person (fixture->store, person, &error));
  g_assert_no_error (error);
  g_assert_false (tx_overview_page_get_reload_pending (fixture->page));
  tx_test_wait_until (untrained_rows_are, fixture, "the list without the one in post since November");
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = get_untrained_rows (fixture);
  {
    g_autofree char *gone = g_strdup_printf ("%s · %s", first->name, first->township_name);

    for (guint i = 0; i < rows->len; i++)
      g_assert_cmpstr (get_row_title (g_ptr_array_index (rows, i)), !=, gone);
  }

  /* the days a post may be held without a training, in Preferences:
   * the list follows */
  {
    TxPreferencesWindow *preferences = tx_preferences_window_new (fixture->window, fixture->store);
    g_autoptr(GPtrArray) longer = NULL;
    GtkWidget *control;

    gtk_window_present (GTK_WINDOW (preferences));
    control = tx_preferences_window_get_control (preferences, "training-days");
    g_assert_true (GTK_IS_SPIN_BUTTON (control));
    g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (control)), ==, 90);
    g_assert_nonnull (tx_preferences_window_get_control (preferences, "untrained-rule"));
    g_assert_nonnull (tx_preferences_window_get_control (preferences, "activity-kinds"));
    adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences),
                                             ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (control, ADW_TYPE_PREFERENCES_PAGE)));
    gtk_widget_grab_focus (control);
    run_pending ();
    tx_test_save_screenshot (preferences, "preferences-training-zh_CN");
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (control), 1000);
    longer = tx_activity_list_untrained (fixture->store, tx_date_from_iso (TODAY), 1000, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (longer->len, <, untrained->len - 1);
    g_object_set_data (G_OBJECT (fixture->page), "tx-test-rows", GUINT_TO_POINTER (longer->len));
    tx_test_wait_until (untrained_rows_are, fixture, "the list of those in post over 1000 days");
    gtk_window_destroy (GTK_WINDOW (preferences));
  }
}

static void
fixture_set_up_zh_cn (Fixture       *fixture,
                      gconstpointer  data)
{
  if (tx_test_use_chinese ())
    fixture_set_up (fixture, data);
  else
    g_test_skip ("no Chinese locale here");
}

static void
fixture_tear_down_zh_cn (Fixture       *fixture,
                         gconstpointer  data)
{
  if (fixture->dir != NULL)
    fixture_tear_down (fixture, data);
  tx_test_use_english ();
}

static gboolean
is_next_frame (gpointer data)
{
  GtkWidget *list = data;

  return gdk_frame_clock_get_frame_counter (gtk_widget_get_frame_clock (list)) !=
         GPOINTER_TO_INT (g_object_get_data (G_OBJECT (list), "tx-frame"));
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* The Overview's lists share a few lines of text a frame: a township
 * of 需要关注 with its three main reasons and how many more takes most
 * of a frame, the row after it waits for the next; the first row of a
 * frame is made however long it is; a list not on screen is not held. */
static void
test_frame_budget (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *hidden = gtk_list_box_new ();

  g_assert_cmpuint (tx_text_rows_count_lines (NULL), ==, 0);
  g_assert_cmpuint (tx_text_rows_count_lines (""), ==, 0);
  g_assert_cmpuint (tx_text_rows_count_lines ("已报送 2026年11月3日"), ==, 1);
  g_assert_cmpuint (tx_text_rows_count_lines ("超期 40 天\n反馈超期 12 天\n\n等5项"), ==, 4);

  for (guint i = 0; i < 10; i++)
    g_assert_true (tx_text_rows_frame_allows (hidden, 5));

  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_present (GTK_WINDOW (window));
  tx_test_wait_until (is_mapped, list, "the list on screen");

  g_object_set_data (G_OBJECT (list), "tx-frame",
                     GINT_TO_POINTER (gdk_frame_clock_get_frame_counter (gtk_widget_get_frame_clock (list))));
  tx_test_wait_until (is_next_frame, list, "a frame");
  /* within one frame: a township and its reasons, then a one-line row */
  g_object_set_data (G_OBJECT (list), "tx-frame",
                     GINT_TO_POINTER (gdk_frame_clock_get_frame_counter (gtk_widget_get_frame_clock (list))));
  g_assert_true (tx_text_rows_frame_allows (list, 5));
  g_assert_false (tx_text_rows_frame_allows (list, 2));
  g_assert_true (tx_text_rows_frame_allows (list, 1));
  g_assert_false (tx_text_rows_frame_allows (list, 1));
  g_assert_false (is_next_frame (list));

  /* the next frame: the first row however long */
  gtk_widget_queue_draw (list);
  tx_test_wait_until (is_next_frame, list, "the next frame");
  g_assert_true (tx_text_rows_frame_allows (list, 9));
  g_assert_false (tx_text_rows_frame_allows (list, 1));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_ref_sink (hidden);
  g_object_unref (hidden);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  tx_test_init_gui ();

  g_test_add_func ("/gui/overview-page/frame-budget", test_frame_budget);
  g_test_add ("/gui/overview-page/needs-attention", Fixture, NULL,
              fixture_set_up, test_needs_attention, fixture_tear_down);
  g_test_add ("/gui/overview-page/open-records", Fixture, NULL,
              fixture_set_up, test_open_records, fixture_tear_down);
  g_test_add ("/gui/overview-page/ledger-chart", Fixture, NULL,
              fixture_set_up, test_ledger_chart, fixture_tear_down);
  g_test_add ("/gui/overview-page/new-quarter", Fixture, NULL,
              fixture_set_up, test_new_quarter, fixture_tear_down);
  g_test_add ("/gui/overview-page/many-reasons", Fixture, NULL,
              fixture_set_up, test_many_reasons, fixture_tear_down);
  g_test_add ("/gui/overview-page/read-apart", Fixture, NULL,
              fixture_set_up, test_read_apart, fixture_tear_down);
  g_test_add ("/gui/overview-page/read-error", Fixture, NULL,
              fixture_set_up, test_read_error, fixture_tear_down);
  g_test_add ("/gui/overview-page/store-changed", Fixture, NULL,
              fixture_set_up, test_store_changed, fixture_tear_down);
  g_test_add ("/gui/overview-page/renderer", Fixture, NULL,
              fixture_set_up, test_renderer, fixture_tear_down);
  g_test_add ("/gui/overview-page/preferences", Fixture, NULL,
              fixture_set_up, test_preferences, fixture_tear_down);
  g_test_add ("/gui/overview-page/untrained/zh_CN", Fixture, NULL,
              fixture_set_up_zh_cn, test_untrained_zh_cn, fixture_tear_down_zh_cn);
  g_test_add ("/gui/overview-page/circular", Fixture, NULL,
              fixture_set_up, test_circular, fixture_tear_down);

  return g_test_run ();
}
