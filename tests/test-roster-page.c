/* test-roster-page.c — the Roster page, as a clerk uses it
 *
 * Runs under a display (Xvfb), on the sample data
 * (tx_exchange_load_demo, dated 2026-11-27).  What a clerk would check:
 * the township and category drop-downs narrow the list to the people
 * they name, the order drop-down orders it by surname strokes, the count
 * says how many are shown, the exported CSV and the printed PDF hold
 * those people and only them, and a person removed from the editor comes
 * back with the toast's Undo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-roster-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "tx-activity.h"
#include "tx-backup.h"
#include "tx-exchange.h"
#include "tx-person-editor.h"
#include "tx-records.h"
#include "tx-roster-page-private.h"
#include "tx-roster-page.h"
#include "tx-roster.h"
#include "tx-test-gui.h"
#include "tx-vocabulary.h"
#include "tx-window.h"
#include "tx-text-cell.h"

#define TOWNSHIP "凤山镇"

typedef struct {
  char      *dir;
  char      *path;
  TxStore   *store;
  TxDay     *day;
  TxWindow  *window;
  GtkWidget *page;
} Fixture;

/* Finding what the window shows */

static gpointer
get_child (gpointer    widget,
           const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), TX_TYPE_ROSTER_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

/* The first button under @widget whose label is @label, or NULL. */
static GtkWidget *
find_button_with_label (GtkWidget  *widget,
                        const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_label (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The position of the column titled @title among the column view's. */
static guint
get_column_index (GtkColumnView *column_view,
                  const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return i;
    }

  g_error ("No column titled “%s”", title);
}

typedef struct {
  double  y;
  char   *text;
} Cell;

static int
compare_cells (gconstpointer a,
               gconstpointer b)
{
  const Cell *one = *(const Cell * const *) a;
  const Cell *other = *(const Cell * const *) b;

  return (one->y > other->y) - (one->y < other->y);
}

static void
cell_free (Cell *cell)
{
  g_free (cell->text);
  g_free (cell);
}

/* The texts of column @title in the rows a user sees, top first: rows
 * of the list view that are mapped and inside its visible area. */
static GPtrArray *
get_visible_column (GtkWidget  *page,
                    const char *title)
{
  GtkColumnView *column_view = tx_test_get_widget (page, GTK_TYPE_COLUMN_VIEW);
  GtkWidget *list_view = tx_test_get_widget (column_view, GTK_TYPE_LIST_VIEW);
  guint index = get_column_index (column_view, title);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func ((GDestroyNotify) cell_free);
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  double height = gtk_widget_get_height (list_view);

  for (GtkWidget *row = gtk_widget_get_first_child (list_view);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *cell = gtk_widget_get_first_child (row);
      TxTextCell *text_cell;
      graphene_rect_t bounds;
      Cell *seen;

      if (!gtk_widget_get_mapped (row) || !gtk_widget_compute_bounds (row, list_view, &bounds))
        continue;
      if (bounds.origin.y + bounds.size.height <= 0 || bounds.origin.y >= height)
        continue;

      for (guint i = 0; i < index && cell != NULL; i++)
        cell = gtk_widget_get_next_sibling (cell);
      if (cell == NULL)
        continue;
      text_cell = tx_test_find_widget (cell, TX_TYPE_TEXT_CELL);
      if (text_cell == NULL)
        continue;

      seen = g_new0 (Cell, 1);
      seen->y = bounds.origin.y;
      seen->text = g_strdup (tx_text_cell_get_text (text_cell));
      g_ptr_array_add (cells, seen);
    }

  g_ptr_array_sort (cells, compare_cells);
  for (guint i = 0; i < cells->len; i++)
    g_ptr_array_add (texts, g_strdup (((Cell *) g_ptr_array_index (cells, i))->text));

  return texts;
}

static guint
find_string (GtkDropDown *drop_down,
             const char  *text)
{
  GListModel *model = gtk_drop_down_get_model (drop_down);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      return i;

  g_error ("“%s” is not in the drop-down", text);
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
  AdwViewStack *view_stack;

  fixture->dir = g_dir_make_tmp ("tongxin-test-roster-page-XXXXXX", &error);
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

  fixture->day = tx_test_day_new ("2026-11-27");
  fixture->window = tx_window_new (NULL, fixture->store, fixture->day);
  gtk_window_present (GTK_WINDOW (fixture->window));
  /* An earlier test may have left another page in the settings. */
  view_stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                              TX_TYPE_WINDOW, "view_stack"));
  adw_view_stack_set_visible_child_name (view_stack, "roster");
  fixture->page = tx_test_get_widget (fixture->window, TX_TYPE_ROSTER_PAGE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tx_test_destroy_windows ();
  fixture->window = NULL;
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->day);

  tx_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

/* What the page should show, read from the store without the GUI */

static GPtrArray *
query (Fixture    *fixture,
       const char *township,
       gboolean    has_category,
       TxCategory  category,
       TxOrder     order)
{
  TxPersonFilter filter = { 0 };
  g_autoptr(GError) error = NULL;
  GPtrArray *people;

  filter.township = (char *) township;
  filter.has_category = has_category;
  filter.category = category;
  filter.order = order;
  people = tx_roster_query (fixture->store, &filter, &error);
  g_assert_no_error (error);

  return people;
}

static gboolean
contains_name (GPtrArray  *people,
               const char *name)
{
  for (guint i = 0; i < people->len; i++)
    if (g_strcmp0 (tx_person_get_name (g_ptr_array_index (people, i)), name) == 0)
      return TRUE;

  return FALSE;
}

static char *
expected_count_label (guint n)
{
  return g_strdup_printf (n == 1 ? "%u person" : "%u people", n);
}

typedef struct {
  GtkWidget  *page;
  GPtrArray  *expected;     /* TxPerson, in the order shown */
  const char *township;     /* every visible row's, or NULL */
  const char *category;     /* in every visible row's categories, or NULL */
} Shown;

/* The page shows @expected and only them, in their order: the model,
 * the count label, and the names in the rows on screen, first row
 * first. */
static gboolean
page_shows (gpointer data)
{
  Shown *shown = data;
  GListModel *model = G_LIST_MODEL (get_child (shown->page, "selection"));
  GtkLabel *count_label = get_child (shown->page, "count_label");
  g_autofree char *label = expected_count_label (shown->expected->len);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) townships = NULL;
  g_autoptr(GPtrArray) categories = NULL;

  if (g_list_model_get_n_items (model) != shown->expected->len)
    return FALSE;
  if (g_strcmp0 (gtk_label_get_label (count_label), label) != 0)
    return FALSE;

  for (guint i = 0; i < shown->expected->len; i++)
    {
      g_autoptr(TxPerson) person = g_list_model_get_item (model, i);

      if (g_strcmp0 (tx_person_get_uuid (person),
                     tx_person_get_uuid (g_ptr_array_index (shown->expected, i))) != 0)
        return FALSE;
    }

  names = get_visible_column (shown->page, "Name");
  townships = get_visible_column (shown->page, "Township");
  categories = get_visible_column (shown->page, "Categories");
  if (names->len == 0 || names->len > shown->expected->len)
    return FALSE;

  /* The first row on screen is the first person expected. */
  if (g_strcmp0 (g_ptr_array_index (names, 0),
                 tx_person_get_name (g_ptr_array_index (shown->expected, 0))) != 0)
    return FALSE;

  for (guint i = 0; i < names->len; i++)
    {
      if (!contains_name (shown->expected, g_ptr_array_index (names, i)))
        return FALSE;
      if (shown->township != NULL &&
          g_strcmp0 (g_ptr_array_index (townships, i), shown->township) != 0)
        return FALSE;
      if (shown->category != NULL &&
          strstr (g_ptr_array_index (categories, i), shown->category) == NULL)
        return FALSE;
    }

  return TRUE;
}

/* The filters */

static gboolean
page_has_focus (gpointer data)
{
  GtkWidget *page = data;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (page));

  return focus != NULL && gtk_widget_is_ancestor (focus, page);
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  GtkDropDown *township_drop_down;
  GtkDropDown *category_drop_down;
  GtkDropDown *order_drop_down;
  g_autoptr(GPtrArray) everyone = NULL;
  g_autoptr(GPtrArray) in_township = NULL;
  g_autoptr(GPtrArray) experts = NULL;
  g_autoptr(GPtrArray) experts_by_strokes = NULL;
  g_autoptr(GPtrArray) by_strokes = NULL;
  Shown shown = { 0 };
  const char *expert;
  gboolean orders_differ = FALSE;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  township_drop_down = get_child (fixture->page, "township_drop_down");
  category_drop_down = get_child (fixture->page, "category_drop_down");
  order_drop_down = get_child (fixture->page, "order_drop_down");
  shown.page = fixture->page;

  everyone = query (fixture, NULL, FALSE, 0, TX_ORDER_PINYIN);
  g_assert_cmpuint (everyone->len, ==, tx_store_count (fixture->store, "person"));
  shown.expected = everyone;
  tx_test_wait_until (page_shows, &shown, "everyone, by pinyin");

  /* The page has the focus, so that its shortcuts and typing to search
   * work at once. */
  tx_test_wait_until (page_has_focus, fixture->page, "the focus in the roster page");

  /* The drop-downs offer all townships and categories first. */
  g_assert_cmpuint (gtk_drop_down_get_selected (township_drop_down), ==, 0);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (township_drop_down)), 0),
                   ==, "All townships");
  g_assert_cmpuint (gtk_drop_down_get_selected (category_drop_down), ==, 0);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (category_drop_down)), 0),
                   ==, "All categories");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (category_drop_down)), ==,
                    1 + TX_N_CATEGORIES);

  /* 凤山镇: fewer people, each of 凤山镇 */
  gtk_drop_down_set_selected (township_drop_down, find_string (township_drop_down, TOWNSHIP));
  in_township = query (fixture, TOWNSHIP, FALSE, 0, TX_ORDER_PINYIN);
  g_assert_cmpuint (in_township->len, >, 0);
  g_assert_cmpuint (in_township->len, <, everyone->len);
  shown.expected = in_township;
  shown.township = TOWNSHIP;
  tx_test_wait_until (page_shows, &shown, "the people of the township");

  /* 专业人士 (experts) of 凤山镇: fewer still */
  g_assert_cmpstr (tx_category_get_chinese (TX_CATEGORY_EXPERT), ==, "专业人士");
  expert = tx_category_get_label (TX_CATEGORY_EXPERT);
  gtk_drop_down_set_selected (category_drop_down, find_string (category_drop_down, expert));
  g_assert_cmpuint (gtk_drop_down_get_selected (category_drop_down), ==, 1 + TX_CATEGORY_EXPERT);
  experts = query (fixture, TOWNSHIP, TRUE, TX_CATEGORY_EXPERT, TX_ORDER_PINYIN);
  g_assert_cmpuint (experts->len, >, 0);
  g_assert_cmpuint (experts->len, <, in_township->len);
  shown.expected = experts;
  shown.category = expert;
  tx_test_wait_until (page_shows, &shown, "the experts of the township");

  /* By surname strokes: the first row is the one with the fewest. */
  gtk_drop_down_set_selected (order_drop_down, TX_ORDER_STROKES);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (order_drop_down)),
                                               TX_ORDER_STROKES),
                   ==, tx_order_get_label (TX_ORDER_STROKES));
  experts_by_strokes = query (fixture, TOWNSHIP, TRUE, TX_CATEGORY_EXPERT, TX_ORDER_STROKES);
  shown.expected = experts_by_strokes;
  tx_test_wait_until (page_shows, &shown, "the experts of the township, by strokes");

  /* Two experts say little about an order: all of 凤山镇, by strokes,
   * which is not the pinyin order. */
  gtk_drop_down_set_selected (category_drop_down, 0);
  by_strokes = query (fixture, TOWNSHIP, FALSE, 0, TX_ORDER_STROKES);
  g_assert_cmpuint (by_strokes->len, ==, in_township->len);
  for (guint i = 0; i < by_strokes->len; i++)
    if (g_strcmp0 (tx_person_get_uuid (g_ptr_array_index (by_strokes, i)),
                   tx_person_get_uuid (g_ptr_array_index (in_township, i))) != 0)
      orders_differ = TRUE;
  g_assert_true (orders_differ);
  shown.expected = by_strokes;
  shown.category = NULL;
  tx_test_wait_until (page_shows, &shown, "the people of the township, by strokes");

  /* Back to all townships, still by strokes. */
  g_clear_pointer (&everyone, g_ptr_array_unref);
  everyone = query (fixture, NULL, FALSE, 0, TX_ORDER_STROKES);
  gtk_drop_down_set_selected (township_drop_down, 0);
  shown.expected = everyone;
  shown.township = NULL;
  tx_test_wait_until (page_shows, &shown, "everyone, by strokes");
}

/* A filter that leaves nobody says so. */
static gboolean
no_one_found_shown (gpointer data)
{
  GtkWidget *page = data;
  GtkStack *content_stack = get_child (page, "content_stack");
  GtkWidget *status = gtk_stack_get_visible_child (content_stack);

  return g_strcmp0 (gtk_label_get_label (get_child (page, "count_label")), "0 people") == 0 &&
         ADW_IS_STATUS_PAGE (status) &&
         gtk_widget_get_mapped (status) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (status)), "No One Found") == 0;
}

/* The search and the township together: someone found by name, but
 * of another township, is not shown. */
static void
test_no_one_found (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkDropDown *township_drop_down;
  g_autoptr(GPtrArray) everyone = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  TxPerson *elsewhere = NULL;
  Shown shown = { 0 };

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  township_drop_down = get_child (fixture->page, "township_drop_down");

  /* Someone not of 凤山镇 whose name is nobody else's. */
  everyone = query (fixture, NULL, FALSE, 0, TX_ORDER_PINYIN);
  for (guint i = 0; i < everyone->len && elsewhere == NULL; i++)
    {
      TxPerson *person = g_ptr_array_index (everyone, i);
      guint n_same = 0;

      if (g_strcmp0 (tx_person_get_township_name (person), TOWNSHIP) == 0 ||
          g_utf8_strlen (tx_person_get_name (person), -1) < 2)
        continue;
      for (guint j = 0; j < everyone->len; j++)
        if (strstr (tx_person_get_name (g_ptr_array_index (everyone, j)), tx_person_get_name (person)) != NULL)
          n_same++;
      if (n_same == 1)
        elsewhere = person;
    }
  g_assert_nonnull (elsewhere);

  gtk_drop_down_set_selected (township_drop_down, find_string (township_drop_down, TOWNSHIP));
  gtk_editable_set_text (get_child (fixture->page, "search_entry"), tx_person_get_name (elsewhere));
  tx_test_wait_until (no_one_found_shown, fixture->page, "No One Found");

  /* All townships: there they are. */
  gtk_drop_down_set_selected (township_drop_down, 0);
  g_ptr_array_add (found, elsewhere);
  shown.page = fixture->page;
  shown.expected = found;
  tx_test_wait_until (page_shows, &shown, "the person found in all townships");
}

/* A list that cannot be read says why, rather than show an empty
 * roster; the next query that can be read shows the people again. */
static gboolean
read_error_shown (gpointer data)
{
  GtkWidget *page = data;
  GtkStack *content_stack = get_child (page, "content_stack");
  GtkWidget *status = gtk_stack_get_visible_child (content_stack);

  return ADW_IS_STATUS_PAGE (status) &&
         gtk_widget_get_mapped (status) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (status)), "Could Not Read the Roster") == 0 &&
         strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), "Could not read the database") != NULL;
}

static gboolean
list_shown (gpointer data)
{
  GtkWidget *page = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (get_child (page, "content_stack")), "list") == 0;
}

static void
test_read_error (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TxStore) damaged = NULL;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  damaged = tx_test_open_damaged_copy (fixture->store, fixture->dir, "person_search_data");
  tx_roster_page_set_store (TX_ROSTER_PAGE (fixture->page), damaged);
  tx_test_wait_until (list_shown, fixture->page, "the roster");

  gtk_editable_set_text (get_child (fixture->page, "search_entry"), "王");
  tx_test_wait_until (read_error_shown, fixture->page, "Could Not Read the Roster");

  gtk_editable_set_text (get_child (fixture->page, "search_entry"), "");
  tx_test_wait_until (list_shown, fixture->page, "the roster again");
}

/* Export */

typedef struct {
  gboolean  done;
  gboolean  ok;
  guint     n_people;
  GError   *error;
} ExportResult;

static void
on_export_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ExportResult *export = user_data;

  export->ok = tx_roster_page_export_to_file_finish (TX_ROSTER_PAGE (object), result,
                                                     &export->n_people, &export->error);
  export->done = TRUE;
}

static gboolean
export_done (gpointer data)
{
  return ((ExportResult *) data)->done;
}

static void
test_export_csv (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkDropDown *township_drop_down;
  g_autoptr(GPtrArray) everyone = NULL;
  g_autoptr(GPtrArray) in_township = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  ExportResult export = { 0 };
  Shown shown = { 0 };
  guint n_rows = 0;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  township_drop_down = get_child (fixture->page, "township_drop_down");
  gtk_drop_down_set_selected (township_drop_down, find_string (township_drop_down, TOWNSHIP));
  in_township = query (fixture, TOWNSHIP, FALSE, 0, TX_ORDER_PINYIN);
  shown.page = fixture->page;
  shown.expected = in_township;
  shown.township = TOWNSHIP;
  tx_test_wait_until (page_shows, &shown, "the people of the township");

  path = g_build_filename (fixture->dir, "人员名册.csv", NULL);
  file = g_file_new_for_path (path);
  tx_roster_page_export_to_file (TX_ROSTER_PAGE (fixture->page), file, NULL, on_export_done_cb, &export);
  tx_test_wait_until (export_done, &export, "the export");
  g_assert_no_error (export.error);
  g_assert_true (export.ok);
  g_assert_cmpuint (export.n_people, ==, in_township->len);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF"));   /* a BOM, for Excel and WPS */
  g_assert_nonnull (strstr (text, "姓名"));

  /* One line per person of 凤山镇, in the page's order, and no one else. */
  lines = g_strsplit (text + 3, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "姓名,"));
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      const char *comma;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        continue;

      comma = strchr (lines[i], ',');
      g_assert_nonnull (comma);
      name = g_strndup (lines[i], comma - lines[i]);
      g_assert_cmpuint (n_rows, <, in_township->len);
      g_assert_cmpstr (name, ==, tx_person_get_name (g_ptr_array_index (in_township, n_rows)));
      g_assert_nonnull (strstr (lines[i], TOWNSHIP));
      n_rows++;
    }
  g_assert_cmpuint (n_rows, ==, in_township->len);

  everyone = query (fixture, NULL, FALSE, 0, TX_ORDER_PINYIN);
  for (guint i = 0; i < everyone->len; i++)
    {
      TxPerson *person = g_ptr_array_index (everyone, i);
      g_autofree char *line_start = g_strdup_printf ("\n%s,", tx_person_get_name (person));

      if (!contains_name (in_township, tx_person_get_name (person)))
        g_assert_null (strstr (text, line_start));
    }
}

/* Print */

static char *
print_to_pdf (Fixture    *fixture,
              const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (tx_roster_page_print_to_file (TX_ROSTER_PAGE (fixture->page), file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  return tx_test_read_pdf_text (path);
}

static char *
strip_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p) && *p != '-')
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

static void
test_print_pdf (Fixture       *fixture,
                gconstpointer  data)
{
  GtkDropDown *township_drop_down;
  g_autoptr(GPtrArray) everyone = NULL;
  g_autoptr(GPtrArray) in_township = NULL;
  g_autofree char *text = NULL;
  g_autofree char *full_text = NULL;
  g_autofree char *setting = NULL;
  g_autofree char *phone = NULL;
  Shown shown = { 0 };
  TxPerson *with_phone = NULL;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  township_drop_down = get_child (fixture->page, "township_drop_down");
  gtk_drop_down_set_selected (township_drop_down, find_string (township_drop_down, TOWNSHIP));
  in_township = query (fixture, TOWNSHIP, FALSE, 0, TX_ORDER_PINYIN);
  shown.page = fixture->page;
  shown.expected = in_township;
  shown.township = TOWNSHIP;
  tx_test_wait_until (page_shows, &shown, "the people of the township");

  /* A mobile number, to see it hidden and then in full. */
  for (guint i = 0; i < in_township->len && with_phone == NULL; i++)
    {
      g_autofree char *digits = strip_spaces (tx_person_get_phone (g_ptr_array_index (in_township, i)));

      if (strlen (digits) == 11 && digits[0] == '1')
        {
          with_phone = g_ptr_array_index (in_township, i);
          phone = g_steal_pointer (&digits);
        }
    }
  g_assert_nonnull (with_phone);

  g_assert_false (tx_roster_page_get_print_full_phones (TX_ROSTER_PAGE (fixture->page)));
  text = print_to_pdf (fixture, "人员名册.pdf");

  g_assert_nonnull (strstr (text, TOWNSHIP "政协联络组人员名册"));
  g_assert_nonnull (strstr (text, "第1页共"));
  for (guint i = 0; i < in_township->len; i++)
    g_assert_nonnull (strstr (text, tx_person_get_name (g_ptr_array_index (in_township, i))));
  everyone = query (fixture, NULL, FALSE, 0, TX_ORDER_PINYIN);
  for (guint i = 0; i < everyone->len; i++)
    {
      const char *name = tx_person_get_name (g_ptr_array_index (everyone, i));

      /* A name may be inside a longer one, or an organization. */
      if (!contains_name (in_township, name) && g_utf8_strlen (name, -1) >= 3 &&
          strstr (text, name) != NULL)
        g_error ("Someone of another township is in the printed roster");
    }

  /* Phone numbers are hidden by default, and in full once asked for,
   * through the page's action (the check item of the Print menu). */
  g_assert_null (strstr (text, phone));
  gtk_widget_activate_action (fixture->page, "roster.print-full-phones", NULL);
  g_assert_true (tx_roster_page_get_print_full_phones (TX_ROSTER_PAGE (fixture->page)));
  setting = tx_store_get_setting (fixture->store, "print-full-phones");
  g_assert_cmpstr (setting, ==, "true");

  full_text = print_to_pdf (fixture, "人员名册-full.pdf");
  g_assert_nonnull (strstr (full_text, phone));
}

/* Edit, delete, undo */

static TxPersonEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (TX_IS_PERSON_EDITOR (window))
        return TX_PERSON_EDITOR (window);
    }

  return NULL;
}

static guint
count_editors (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (TX_IS_PERSON_EDITOR (window))
        n++;
    }

  return n;
}

static gboolean
editor_shown (gpointer data)
{
  TxPersonEditor *editor = find_editor ();

  return editor != NULL && gtk_widget_get_mapped (GTK_WIDGET (editor));
}

static gboolean
undo_button_shown (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *overlay = tx_test_get_widget (fixture->window, ADW_TYPE_TOAST_OVERLAY);
  GtkWidget *button = find_button_with_label (overlay, "_Undo");

  return button != NULL && gtk_widget_get_mapped (button);
}

typedef struct {
  GtkWidget *page;
  guint      n_people;
} Count;

static gboolean
count_is (gpointer data)
{
  Count *count = data;
  g_autofree char *label = expected_count_label (count->n_people);

  return g_list_model_get_n_items (G_LIST_MODEL (get_child (count->page, "selection"))) == count->n_people &&
         g_strcmp0 (gtk_label_get_label (get_child (count->page, "count_label")), label) == 0;
}

static void
test_edit_delete_undo (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) everyone = NULL;
  g_autoptr(TxPerson) first = NULL;
  g_autoptr(TxPerson) restored = NULL;
  g_autoptr(GError) error = NULL;
  GtkSingleSelection *selection;
  TxPersonEditor *editor;
  GtkWidget *undo;
  Shown shown = { 0 };
  Count count = { 0 };

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  everyone = query (fixture, NULL, FALSE, 0, TX_ORDER_PINYIN);
  shown.page = fixture->page;
  shown.expected = everyone;
  tx_test_wait_until (page_shows, &shown, "everyone");

  /* Nothing is selected, so there is nothing to edit. */
  selection = get_child (fixture->page, "selection");
  g_assert_null (gtk_single_selection_get_selected_item (selection));
  gtk_widget_activate_action (fixture->page, "roster.edit", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (find_editor ());

  /* Activating the first row (double click, Enter) opens its editor. */
  g_signal_emit_by_name (tx_test_get_widget (fixture->page, GTK_TYPE_COLUMN_VIEW), "activate", 0);
  first = g_list_model_get_item (G_LIST_MODEL (selection), 0);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) first);
  tx_test_wait_until (editor_shown, NULL, "the editor");
  editor = find_editor ();
  g_assert_cmpstr (tx_person_get_uuid (tx_person_editor_get_person (editor)), ==, tx_person_get_uuid (first));
  g_assert_true (tx_person_editor_get_person (editor) != first);   /* a copy, not the row */

  /* Again: the same editor, not a second one. */
  g_signal_emit_by_name (tx_test_get_widget (fixture->page, GTK_TYPE_COLUMN_VIEW), "activate", 0);
  g_assert_true (find_editor () == editor);
  g_assert_cmpuint (count_editors (), ==, 1);

  /* Deleted in the editor: the row goes, a toast offers to undo. */
  g_assert_true (tx_roster_delete_person (fixture->store, tx_person_get_uuid (first), &error));
  g_assert_no_error (error);
  g_signal_emit_by_name (editor, "deleted", tx_person_get_uuid (first), tx_person_get_name (first));
  count.page = fixture->page;
  count.n_people = everyone->len - 1;
  tx_test_wait_until (count_is, &count, "the list without the person removed");
  tx_test_wait_until (undo_button_shown, fixture, "the toast with Undo");
  tx_test_wait_toast_shown ();

  undo = find_button_with_label (tx_test_get_widget (fixture->window, ADW_TYPE_TOAST_OVERLAY), "_Undo");
  gtk_widget_activate (undo);
  count.n_people = everyone->len;
  tx_test_wait_until (count_is, &count, "the person back on the list");
  restored = tx_roster_find_person (fixture->store, tx_person_get_uuid (first), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tx_person_get_name (restored), ==, tx_person_get_name (first));
}

/* A search that replaces every row in sight shows the people found in
 * the rows the list had, rather than make some two hundred rows (a cell
 * for each column of each) again at each keystroke; and the rows show
 * the people found, in order. */
typedef struct {
  GtkWidget *page;
  GPtrArray *expected;
} InOrder;

static gboolean
page_shows_in_order (gpointer data)
{
  InOrder *in_order = data;
  Shown shown = { .page = in_order->page, .expected = in_order->expected };
  g_autoptr(GPtrArray) names = NULL;

  if (!page_shows (&shown))
    return FALSE;

  names = get_visible_column (in_order->page, "Name");
  for (guint i = 0; i < names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (names, i),
                   tx_person_get_name (g_ptr_array_index (in_order->expected, i))) != 0)
      return FALSE;

  return TRUE;
}

static void
on_setup_cb (GtkListItemFactory *factory,
             GtkListItem        *item,
             guint              *made)
{
  (*made)++;
}

static gboolean
add_people (TxStore   *store,
            gpointer   people,
            GError   **error)
{
  return tx_roster_add_people (store, people, NULL, NULL, error);
}

static void
test_search_keeps_rows (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char *const given[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
                                       "春", "夏", "秋", "冬", "东", "南", "西", "北", "山", "水" };
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) everyone = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  TxPersonFilter filter = { 0 };
  g_autoptr(GtkColumnViewColumn) name_column = NULL;
  GtkColumnView *column_view;
  GtkListItemFactory *factory;
  InOrder in_order = { 0 };
  guint made = 0;
  const char *township;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  /* 400 people more than the sample's, all named 柯 */
  everyone = query (fixture, NULL, FALSE, 0, TX_ORDER_PINYIN);
  township = tx_person_get_township_uuid (g_ptr_array_index (everyone, 0));
  for (guint i = 0; i < G_N_ELEMENTS (given) * G_N_ELEMENTS (given); i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *name = g_strconcat ("柯", given[i / G_N_ELEMENTS (given)],
                                           given[i % G_N_ELEMENTS (given)], NULL);

      g_ptr_array_add (people, tx_person_new_with_fields (uuid, name, TX_GENDER_MALE, NULL, township,
                                                          NULL, NULL, NULL, NULL, NULL));
    }
  g_assert_true (tx_store_write (fixture->store, add_people, people, &error));
  g_assert_no_error (error);

  g_clear_pointer (&everyone, g_ptr_array_unref);
  everyone = query (fixture, NULL, FALSE, 0, TX_ORDER_PINYIN);
  filter.search = (char *) "柯";
  found = tx_roster_query (fixture->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, people->len);

  in_order.page = fixture->page;
  in_order.expected = everyone;
  tx_test_wait_until (page_shows_in_order, &in_order, "everyone");
  /* the window at rest (what another program wrote read again too)
   * before the clerk types */
  tx_test_settle ();

  column_view = tx_test_get_widget (fixture->page, GTK_TYPE_COLUMN_VIEW);
  name_column = g_list_model_get_item (gtk_column_view_get_columns (column_view),
                                       get_column_index (column_view, "Name"));
  factory = gtk_column_view_column_get_factory (name_column);
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), &made);

  gtk_editable_set_text (get_child (fixture->page, "search_entry"), "柯");
  in_order.expected = found;
  tx_test_wait_until (page_shows_in_order, &in_order, "the people found");
  /* a row or two made for the focus, not one for each row in sight */
  g_assert_cmpuint (made, <, 10);

  made = 0;
  gtk_editable_set_text (get_child (fixture->page, "search_entry"), "");
  in_order.expected = everyone;
  tx_test_wait_until (page_shows_in_order, &in_order, "everyone again");
  g_assert_cmpuint (made, <, 10);

  g_signal_handlers_disconnect_by_func (factory, on_setup_cb, &made);
}


static gboolean
last_training_shown (gpointer data)
{
  gpointer *args = data;
  g_autoptr(GPtrArray) names = get_visible_column (args[0], "Name");
  g_autoptr(GPtrArray) trainings = get_visible_column (args[0], "Last Training");
  guint found = 0;

  for (guint i = 0; i < names->len && i < trainings->len; i++)
    {
      const char *training = g_ptr_array_index (trainings, i);

      if (g_strcmp0 (g_ptr_array_index (names, i), args[1]) == 0)
        {
          if (g_strcmp0 (training, "2026-11-20") != 0)
            return FALSE;
          found++;
        }
      else if (training != NULL && *training != '\0')
        return FALSE;
    }

  return found == 1;
}

/* The liaison group leaders, each with the day of the last training
 * they were at: one at a training on 2026-11-20 (and invited to one to
 * come, which does not count yet), the others at none */
static void
test_last_training (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) leaders = NULL;
  g_autoptr(TxActivity) held = tx_activity_new (TX_ACTIVITY_TRAINING, "联络组组长业务培训", "2026-11-20");
  g_autoptr(TxActivity) coming = tx_activity_new (TX_ACTIVITY_TRAINING, "年底业务培训", "2026-12-10");
  g_autoptr(GError) error = NULL;
  GtkDropDown *category_drop_down;
  TxPerson *leader;
  gpointer args[2];

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  leaders = query (fixture, NULL, TRUE, TX_CATEGORY_LIAISON_LEADER, TX_ORDER_PINYIN);
  g_assert_cmpuint (leaders->len, >, 1);
  leader = g_ptr_array_index (leaders, 0);
  tx_activity_set_attendance (held, tx_person_get_uuid (leader), 1);
  tx_activity_set_attendance (coming, tx_person_get_uuid (leader), 1);
  g_assert_true (tx_store_save_activity (fixture->store, held, &error));
  g_assert_true (tx_store_save_activity (fixture->store, coming, &error));
  g_assert_no_error (error);

  category_drop_down = get_child (fixture->page, "category_drop_down");
  gtk_drop_down_set_selected (category_drop_down, 1 + TX_CATEGORY_LIAISON_LEADER);
  args[0] = fixture->page;
  args[1] = (gpointer) tx_person_get_name (leader);
  tx_test_wait_until (last_training_shown, args, "the leaders with the day of the last training");
  tx_test_save_screenshot (fixture->window, "roster-last-training");

  /* sorted by it: the one trained first, whatever the name's order;
   * as of a day before that training, no one was trained */
  {
    TxPersonFilter filter = { 0 };
    g_autoptr(GPtrArray) sorted = NULL;
    g_autoptr(GPtrArray) before = NULL;

    filter.has_category = TRUE;
    filter.category = TX_CATEGORY_LIAISON_LEADER;
    filter.sort = TX_PERSON_SORT_LAST_TRAINING;
    filter.descending = TRUE;
    filter.today = tx_date_from_iso ("2026-11-27");
    sorted = tx_roster_query (fixture->store, &filter, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (tx_person_get_uuid (g_ptr_array_index (sorted, 0)), ==, tx_person_get_uuid (leader));
    g_assert_cmpstr (tx_person_get_last_training (g_ptr_array_index (sorted, 0)), ==, "2026-11-20");
    filter.today = tx_date_from_iso ("2026-11-19");
    before = tx_roster_query (fixture->store, &filter, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < before->len; i++)
      g_assert_null (tx_person_get_last_training (g_ptr_array_index (before, i)));
  }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  tx_test_init_gui ();

  g_test_add ("/gui/roster-page/last-training", Fixture, NULL,
              fixture_set_up, test_last_training, fixture_tear_down);
  g_test_add ("/gui/roster-page/filters", Fixture, NULL,
              fixture_set_up, test_filters, fixture_tear_down);
  g_test_add ("/gui/roster-page/no-one-found", Fixture, NULL,
              fixture_set_up, test_no_one_found, fixture_tear_down);
  g_test_add ("/gui/roster-page/search-keeps-rows", Fixture, NULL,
              fixture_set_up, test_search_keeps_rows, fixture_tear_down);
  g_test_add ("/gui/roster-page/read-error", Fixture, NULL,
              fixture_set_up, test_read_error, fixture_tear_down);
  g_test_add ("/gui/roster-page/export-csv", Fixture, NULL,
              fixture_set_up, test_export_csv, fixture_tear_down);
  g_test_add ("/gui/roster-page/print-pdf", Fixture, NULL,
              fixture_set_up, test_print_pdf, fixture_tear_down);
  g_test_add ("/gui/roster-page/edit-delete-undo", Fixture, NULL,
              fixture_set_up, test_edit_delete_undo, fixture_tear_down);

  return g_test_run ();
}
