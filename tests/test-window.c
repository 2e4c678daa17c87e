/* test-window.c — the main window, as a clerk sees it
 *
 * Runs under a display (Xvfb).  Each roster test runs twice: on the
 * sample data (tx_exchange_load_demo) and on a few people written here
 * with tx_roster_save_person, so the window is tested even when the
 * sample data cannot be loaded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tx-application.h"
#include "tx-calendar-page.h"
#include "tx-ledger.h"
#include "tx-list-page.h"
#include "tx-backup.h"
#include "tx-consultation-editor.h"
#include "tx-consultations-page.h"
#include "tx-outcome-editor.h"
#include "tx-stage-row.h"
#include "tx-outcomes-page.h"
#include "tx-overview-page-private.h"
#include "tx-exchange.h"
#include "tx-records.h"
#include "tx-roster-page.h"
#include "tx-roster.h"
#include "tx-settings.h"
#include "tx-test-gui.h"
#include "tx-township-store.h"
#include "tx-welcome-page.h"
#include "tx-window.h"
#include "tx-text-cell.h"

typedef enum {
  DATA_SAMPLE,
  DATA_HANDMADE,
} DataSet;

typedef struct {
  char      *dir;
  char      *path;
  TxStore   *store;
  TxDay     *day;
  GPtrArray *people;    /* every TxPerson, read without the GUI */
  TxWindow  *window;
} Fixture;

/* The helpers that find what the window shows. */

static gpointer
get_child (gpointer    widget,
           GType       type,
           const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

/* The roster page, shown as when the clerk clicks its tab. */
static GtkWidget *
get_roster_page (Fixture *fixture)
{
  adw_view_stack_set_visible_child_name (get_child (fixture->window, TX_TYPE_WINDOW, "view_stack"), "roster");
  return tx_test_get_widget (fixture->window, TX_TYPE_ROSTER_PAGE);
}

static void
collect_cell_texts (GtkWidget  *widget,
                      GHashTable *texts)
{
  if (TX_IS_TEXT_CELL (widget) && gtk_widget_get_mapped (widget))
    {
      const char *text = tx_text_cell_get_text (TX_TEXT_CELL (widget));

      if (text != NULL && text[0] != '\0')
        g_hash_table_add (texts, g_strdup (text));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cell_texts (child, texts);
}

/* The texts in the cells a user can see. */
static GHashTable *
get_visible_cells (GtkWidget *column_view)
{
  GHashTable *texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  collect_cell_texts (column_view, texts);
  return texts;
}

/* The test data. */

typedef struct {
  const char *name;
  TxGender    gender;
  const char *ethnicity;
  const char *village;
  const char *organization;
  const char *title;
  const char *phone;
  TxCategory  category;
} Someone;

static const Someone handmade_people[] = {
  { "王秀英", TX_GENDER_FEMALE, "布依族", "凤山社区", "凤山镇人民政府", "联络员", "13800000001", TX_CATEGORY_LIAISON_OFFICER },
  { "王建国", TX_GENDER_MALE, "汉族", "双谷村", "福泉市第一中学", "教师", "13800000002", TX_CATEGORY_CPPCC_MEMBER },
  { "李明华", TX_GENDER_MALE, "汉族", "凤山社区", "凤山镇卫生院", "院长", "13800000003", TX_CATEGORY_NPC_DEPUTY },
  { "张桂兰", TX_GENDER_FEMALE, "苗族", "老山寨村", "老山寨村民委员会", "主任", "", TX_CATEGORY_PARTY_DEPUTY },
  { "陈德福", TX_GENDER_MALE, "汉族", "黄丝村", "", "退休干部", "", TX_CATEGORY_RETIRED_CADRE },
  { "刘小芳", TX_GENDER_FEMALE, "汉族", "凤山社区", "凤山古镇旅游开发公司", "经理", "0854-8221234", TX_CATEGORY_STAKEHOLDER },
};

#define HANDMADE_TOWNSHIP_UUID "8f5b0c1e-4d2a-4c3b-9e1f-2a6d7c8b9e01"

static gboolean
write_handmade_people (TxStore  *store,
                       gpointer  user_data,
                       GError  **error)
{
  g_autofree char *now = tx_timestamp_now ();
  sqlite3_stmt *stmt;

  /* The core has no call to save a township yet: write the row. */
  stmt = tx_store_prepare (store,
                           "INSERT INTO township (uuid, name, kind, updated_at) VALUES (?, ?, 'town', ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, HANDMADE_TOWNSHIP_UUID, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, "凤山镇", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (handmade_people); i++)
    {
      const Someone *one = &handmade_people[i];
      g_autoptr(TxPerson) person = NULL;

      person = tx_person_new_with_fields (NULL, one->name, one->gender, one->ethnicity,
                                          HANDMADE_TOWNSHIP_UUID, one->village,
                                          one->organization, one->title, one->phone, "");
      tx_person_add_category (person, one->category);
      if (!tx_roster_save_person (store, person, error))
        return FALSE;
    }

  return TRUE;
}

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
  DataSet data_set = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("tongxin-test-window-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "tongxin.db", NULL);
  fixture->store = tx_store_open (fixture->path, &error);
  g_assert_no_error (error);

  if (data_set == DATA_SAMPLE)
    {
      if (!load_sample_data (fixture->store, &error))
        {
          g_autofree char *why = g_strdup_printf ("The sample data cannot be loaded: %s",
                                                  error->message);
          g_test_skip (why);
          return;
        }
    }
  else
    {
      tx_store_write (fixture->store, write_handmade_people, NULL, &error);
      g_assert_no_error (error);
    }

  fixture->people = tx_roster_query (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->people->len, ==, tx_store_count (fixture->store, "person"));
  g_assert_cmpuint (fixture->people->len, >, 1);

  fixture->day = tx_test_day_new ("2026-11-27");
  fixture->window = tx_window_new (NULL, fixture->store, fixture->day);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->window)));
  g_clear_pointer (&fixture->people, g_ptr_array_unref);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->day);

  g_unlink (fixture->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

/* What the roster should show for a search, worked out here from every
 * person's fields, not by the SQL the list uses. */

static gboolean
contains_casefolded (const char *haystack,
                     const char *needle)
{
  g_autofree char *h = g_utf8_casefold (haystack != NULL ? haystack : "", -1);
  g_autofree char *n = g_utf8_casefold (needle, -1);

  return strstr (h, n) != NULL;
}

/* One or two characters (a surname, a given name) look in names; three
 * or more in names, organizations, villages and titles. */
static gboolean
person_matches (TxPerson   *person,
                const char *search)
{
  if (contains_casefolded (tx_person_get_name (person), search))
    return TRUE;

  if (g_utf8_strlen (search, -1) < 3)
    return FALSE;

  return contains_casefolded (tx_person_get_organization (person), search) ||
         contains_casefolded (tx_person_get_village (person), search) ||
         contains_casefolded (tx_person_get_title (person), search);
}

/* Whether @text is in anyone's organization, village or title. */
static gboolean
is_in_other_fields (Fixture    *fixture,
                    const char *text)
{
  for (guint i = 0; i < fixture->people->len; i++)
    {
      TxPerson *person = g_ptr_array_index (fixture->people, i);

      if (contains_casefolded (tx_person_get_organization (person), text) ||
          contains_casefolded (tx_person_get_village (person), text) ||
          contains_casefolded (tx_person_get_title (person), text))
        return TRUE;
    }

  return FALSE;
}

static guint
count_matches (Fixture    *fixture,
               const char *search)
{
  guint n = 0;

  for (guint i = 0; i < fixture->people->len; i++)
    if (person_matches (g_ptr_array_index (fixture->people, i), search))
      n++;

  return n;
}

static char *
expected_count_label (guint n)
{
  return g_strdup_printf (n == 1 ? "%u person" : "%u people", n);
}

typedef struct {
  GtkWidget  *page;       /* the TxRosterPage */
  GPtrArray  *people;     /* everyone in the store */
  const char *search;     /* NULL: everyone */
  guint       expected;
} RosterState;

/* The roster shows the people of @search and only them: the count, the
 * label, and the names in the rows a user can see. */
static gboolean
roster_shows (gpointer data)
{
  RosterState *state = data;
  GtkWidget *column_view = tx_test_get_widget (state->page, GTK_TYPE_COLUMN_VIEW);
  GtkNoSelection *selection = get_child (state->page, TX_TYPE_ROSTER_PAGE, "selection");
  GtkLabel *count_label = get_child (state->page, TX_TYPE_ROSTER_PAGE, "count_label");
  GtkStack *content_stack = get_child (state->page, TX_TYPE_ROSTER_PAGE, "content_stack");
  g_autoptr(GHashTable) cells = NULL;
  g_autofree char *label = expected_count_label (state->expected);
  guint n_names_seen = 0;

  if (g_list_model_get_n_items (G_LIST_MODEL (selection)) != state->expected)
    return FALSE;
  if (g_strcmp0 (gtk_label_get_label (count_label), label) != 0)
    return FALSE;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (content_stack), "list") != 0)
    return FALSE;

  cells = get_visible_cells (column_view);
  for (guint i = 0; i < state->people->len; i++)
    {
      TxPerson *person = g_ptr_array_index (state->people, i);
      gboolean matches = state->search == NULL || person_matches (person, state->search);

      if (g_hash_table_contains (cells, tx_person_get_name (person)))
        {
          if (!matches)
            return FALSE;
          n_names_seen++;
        }
    }

  return n_names_seen > 0;
}

/* Nobody is listed, and the status page says why. */
static gboolean
roster_shows_status (gpointer data)
{
  RosterState *state = data;
  GtkNoSelection *selection = get_child (state->page, TX_TYPE_ROSTER_PAGE, "selection");
  GtkLabel *count_label = get_child (state->page, TX_TYPE_ROSTER_PAGE, "count_label");
  GtkStack *content_stack = get_child (state->page, TX_TYPE_ROSTER_PAGE, "content_stack");
  const char *title = state->search != NULL ? "No One Found" : "The Roster Is Empty";
  GtkWidget *status;

  if (g_list_model_get_n_items (G_LIST_MODEL (selection)) != 0)
    return FALSE;
  if (g_strcmp0 (gtk_label_get_label (count_label), "0 people") != 0)
    return FALSE;

  status = gtk_stack_get_visible_child (content_stack);
  return ADW_IS_STATUS_PAGE (status) &&
         gtk_widget_get_mapped (status) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (status)), title) == 0;
}

static void
type_search (GtkWidget  *page,
             const char *text)
{
  GtkEditable *entry = get_child (page, TX_TYPE_ROSTER_PAGE, "search_entry");

  gtk_editable_set_text (entry, text);
}

static void
test_roster_lists_everyone (Fixture       *fixture,
                            gconstpointer  data)
{
  RosterState everyone = { NULL, fixture->people, NULL, 0 };
  GtkWidget *page;
  GtkWidget *column_view;
  AdwViewStack *view_stack;
  GListModel *model;
  g_autoptr(GHashTable) cells = NULL;
  g_autoptr(TxPerson) first = NULL;
  g_autofree char *label = NULL;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  view_stack = get_child (fixture->window, TX_TYPE_WINDOW, "view_stack");
  /* The Overview is the page shown first (the default of last-page);
   * the clerk goes to the roster. */
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, "overview");
  page = get_roster_page (fixture);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, "roster");
  column_view = tx_test_get_widget (page, GTK_TYPE_COLUMN_VIEW);

  everyone.page = page;
  everyone.expected = fixture->people->len;
  tx_test_wait_until (roster_shows, &everyone, "the roster to list everyone");

  model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, tx_store_count (fixture->store, "person"));

  label = expected_count_label (tx_store_count (fixture->store, "person"));
  g_assert_cmpstr (gtk_label_get_label (get_child (page, TX_TYPE_ROSTER_PAGE, "count_label")), ==, label);

  /* The first row, in pinyin order, shows its person's name and township. */
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (tx_person_get_name (first), ==,
                   tx_person_get_name (g_ptr_array_index (fixture->people, 0)));
  cells = get_visible_cells (column_view);
  g_assert_true (g_hash_table_contains (cells, tx_person_get_name (first)));
  g_assert_true (g_hash_table_contains (cells, tx_person_get_township_name (first)));
  tx_test_save_screenshot (fixture->window, "roster");
}

static void
test_roster_search (Fixture       *fixture,
                    gconstpointer  data)
{
  RosterState state = { NULL, fixture->people, NULL, 0 };
  g_autofree char *one_char = NULL;
  g_autofree char *three_chars = NULL;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  state.page = get_roster_page (fixture);
  state.expected = fixture->people->len;
  tx_test_wait_until (roster_shows, &state, "the roster to list everyone");

  /* One character, a surname, as a clerk types it.  A surname that is
   * in no organization, village or title, so that the people found are
   * those whose names have it. */
  for (guint i = 0; i < fixture->people->len && one_char == NULL; i++)
    {
      g_autofree char *candidate = g_utf8_substring (tx_person_get_name (g_ptr_array_index (fixture->people, i)), 0, 1);

      if (!is_in_other_fields (fixture, candidate) &&
          count_matches (fixture, candidate) < fixture->people->len)
        one_char = g_steal_pointer (&candidate);
    }
  g_assert_nonnull (one_char);
  state.search = one_char;
  state.expected = count_matches (fixture, one_char);
  g_assert_cmpuint (state.expected, >, 0);
  g_assert_cmpuint (state.expected, <, fixture->people->len);
  g_test_message ("Searching “%s”: %u of %u people", one_char, state.expected, fixture->people->len);
  type_search (state.page, one_char);
  tx_test_wait_until (roster_shows, &state, "the roster to show the people found by one character");

  /* Three characters of an organization: a phrase in the search index. */
  for (guint i = 0; i < fixture->people->len && three_chars == NULL; i++)
    {
      const char *organization = tx_person_get_organization (g_ptr_array_index (fixture->people, i));
      g_autofree char *candidate = NULL;
      guint n;

      if (organization == NULL || g_utf8_strlen (organization, -1) < 3)
        continue;
      candidate = g_utf8_substring (organization, 0, 3);
      n = count_matches (fixture, candidate);
      if (n > 1 && n < fixture->people->len)
        three_chars = g_steal_pointer (&candidate);
    }
  g_assert_nonnull (three_chars);
  state.search = three_chars;
  state.expected = count_matches (fixture, three_chars);
  g_test_message ("Searching “%s”: %u of %u people", three_chars, state.expected, fixture->people->len);
  type_search (state.page, three_chars);
  tx_test_wait_until (roster_shows, &state, "the roster to show the people found by three characters");

  /* Nobody: the status page says so. */
  state.search = "无此人无此人";
  state.expected = 0;
  type_search (state.page, state.search);
  tx_test_wait_until (roster_shows_status, &state, "“No One Found”");

  /* Clearing the search lists everyone again. */
  state.search = NULL;
  state.expected = fixture->people->len;
  type_search (state.page, "");
  tx_test_wait_until (roster_shows, &state, "the roster to list everyone again");
}

typedef struct {
  GtkWidget  *page;       /* the TxConsultationsPage */
  GPtrArray  *consultations;
} ConsultationsState;

/* Every consultation is listed; the first one's title is in a row. */
static gboolean
consultations_shown (gpointer data)
{
  ConsultationsState *state = data;
  GtkWidget *column_view = tx_test_get_widget (state->page, GTK_TYPE_COLUMN_VIEW);
  GtkNoSelection *selection = get_child (state->page, TX_TYPE_CONSULTATIONS_PAGE, "selection");
  GtkStack *content_stack = get_child (state->page, TX_TYPE_CONSULTATIONS_PAGE, "content_stack");
  g_autoptr(GHashTable) cells = NULL;
  TxConsultation *first;

  if (g_list_model_get_n_items (G_LIST_MODEL (selection)) != state->consultations->len)
    return FALSE;

  if (state->consultations->len == 0)
    {
      GtkWidget *status = gtk_stack_get_visible_child (content_stack);

      return ADW_IS_STATUS_PAGE (status) &&
             gtk_widget_get_mapped (status) &&
             g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (status)), "No Consultations Yet") == 0;
    }

  first = g_ptr_array_index (state->consultations, 0);
  cells = get_visible_cells (column_view);
  return g_hash_table_contains (cells, tx_consultation_get_title (first)) &&
         g_hash_table_contains (cells, tx_consultation_get_township_name (first));
}

static void
test_consultations (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) consultations = NULL;
  g_autoptr(GError) error = NULL;
  ConsultationsState state;
  AdwViewStack *view_stack;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  consultations = tx_store_list_consultations (fixture->store, 0, NULL, &error);
  g_assert_no_error (error);
  if (GPOINTER_TO_INT (data) == DATA_SAMPLE)
    g_assert_cmpuint (consultations->len, >, 0);

  view_stack = get_child (fixture->window, TX_TYPE_WINDOW, "view_stack");
  adw_view_stack_set_visible_child_name (view_stack, "consultations");

  state.page = tx_test_get_widget (fixture->window, TX_TYPE_CONSULTATIONS_PAGE);
  state.consultations = consultations;
  tx_test_wait_until (consultations_shown, &state, "the consultations to be listed");
}

/* From a reason in the Overview's "Needs Attention" to its record. */

typedef struct {
  GtkWidget  *page;
  const char *text;
} AttentionState;

static GtkWidget *
find_attention_row (GtkWidget  *page,
                    const char *text)
{
  GtkWidget *list = get_child (page, TX_TYPE_OVERVIEW_PAGE, "needs_attention_list");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row) &&
        strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) ?: "", text) != NULL)
      return row;

  return NULL;
}

static gboolean
attention_listed (gpointer data)
{
  AttentionState *state = data;

  return find_attention_row (state->page, state->text) != NULL;
}

/* Whether the focus is in @place_name of @editor's template @section,
 * and the place in sight in the editor's scrolled form. */
typedef struct {
  GtkWindow  *window;
  GtkWidget  *place;
  GtkWidget  *scroller;
} PlaceState;

/* The row of @stage in a consultation editor. */
static GtkWidget *
find_stage_row (GtkWidget *widget,
                TxStage    stage)
{
  g_autoptr(GQueue) queue = g_queue_new ();

  g_queue_push_tail (queue, widget);
  while (!g_queue_is_empty (queue))
    {
      GtkWidget *next = g_queue_pop_head (queue);

      if (TX_IS_STAGE_ROW (next) && tx_stage_row_get_stage (TX_STAGE_ROW (next)) == stage)
        return next;
      for (GtkWidget *child = gtk_widget_get_first_child (next); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_queue_push_tail (queue, child);
    }

  g_error ("No row for stage %d", stage);
}

static gboolean
place_revealed (gpointer data)
{
  PlaceState *state = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (state->window));
  graphene_rect_t place, view;

  return focus != NULL
         && (focus == state->place || gtk_widget_is_ancestor (focus, state->place))
         && gtk_widget_compute_bounds (state->place, state->scroller, &place)
         && gtk_widget_compute_bounds (state->scroller, state->scroller, &view)
         && graphene_rect_contains_rect (&view, &place);
}

/* Whether a label or a button of @widget, shown or not, says @text. */
static gboolean
says (GtkWidget  *widget,
      const char *text)
{
  const char *said = GTK_IS_LABEL (widget) ? gtk_label_get_label (GTK_LABEL (widget))
                   : GTK_IS_BUTTON (widget) ? gtk_widget_get_tooltip_text (widget)
                   : TX_IS_TEXT_CELL (widget) ? tx_text_cell_get_text (TX_TEXT_CELL (widget))
                   : NULL;

  if (said != NULL && strstr (said, text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (says (child, text))
      return TRUE;

  return FALSE;
}

static GListModel *
get_selection_model (gpointer page)
{
  return gtk_single_selection_get_model (get_child (page, G_OBJECT_TYPE (page), "selection"));
}

static gboolean
overview_is_read (gpointer data)
{
  return !tx_overview_page_get_reload_pending (data);
}

/* The window opens on the Overview: the other pages (the roster too)
 * read the store when they are first shown (a city's history takes a while), and show then
 * what was written while they were out of sight. */
static void
test_pages_read_when_shown (Fixture       *fixture,
                            gconstpointer  data)
{
  AdwViewStack *view_stack;
  GtkWidget *consultations_page;
  GtkWidget *outcomes_page;
  GtkWidget *calendar_page;
  GtkWidget *roster_page;
  g_autoptr(GPtrArray) consultations = NULL;
  g_autoptr(GError) error = NULL;
  TxConsultation *renamed = NULL;
  GListModel *model;
  gboolean listed = FALSE;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  view_stack = get_child (fixture->window, TX_TYPE_WINDOW, "view_stack");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, "overview");
  consultations_page = tx_test_get_widget (fixture->window, TX_TYPE_CONSULTATIONS_PAGE);
  outcomes_page = tx_test_get_widget (fixture->window, TX_TYPE_OUTCOMES_PAGE);
  calendar_page = tx_test_get_widget (fixture->window, TX_TYPE_CALENDAR_PAGE);
  tx_test_wait_until (overview_is_read, tx_test_get_widget (fixture->window, TX_TYPE_OVERVIEW_PAGE),
                      "the Overview to be read");

  /* nothing read out of sight */
  g_assert_null (get_selection_model (consultations_page));
  g_assert_null (get_selection_model (outcomes_page));
  roster_page = tx_test_get_widget (fixture->window, TX_TYPE_ROSTER_PAGE);
  g_assert_null (get_selection_model (roster_page));

  /* a consultation of this month renamed meanwhile, elsewhere */
  consultations = tx_store_list_consultations (fixture->store, 0, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < consultations->len && renamed == NULL; i++)
    {
      TxConsultation *consultation = g_ptr_array_index (consultations, i);
      const char *starts = tx_consultation_get_starts (consultation);

      if (starts != NULL && g_str_has_prefix (starts, "2026-11"))
        renamed = consultation;
    }
  g_assert_nonnull (renamed);
  tx_consultation_set_title (renamed, "改名以后的协商议题");
  g_assert_true (tx_store_save_consultation (fixture->store, renamed, &error));
  g_assert_no_error (error);
  tx_test_settle ();
  g_assert_null (get_selection_model (consultations_page));
  g_assert_false (says (calendar_page, "改名以后的协商议题"));

  /* shown: read, with the new title */
  adw_view_stack_set_visible_child_name (view_stack, "consultations");
  model = get_selection_model (consultations_page);
  g_assert_nonnull (model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, tx_store_count (fixture->store, "consultation"));
  for (guint i = 0; i < g_list_model_get_n_items (model) && !listed; i++)
    {
      g_autoptr(TxConsultation) consultation = g_list_model_get_item (model, i);

      listed = g_strcmp0 (tx_consultation_get_title (consultation), "改名以后的协商议题") == 0;
    }
  g_assert_true (listed);
  g_assert_null (get_selection_model (outcomes_page));

  adw_view_stack_set_visible_child_name (view_stack, "calendar");
  g_assert_true (says (calendar_page, "改名以后的协商议题"));

  adw_view_stack_set_visible_child_name (view_stack, "outcomes");
  g_assert_cmpuint (g_list_model_get_n_items (get_selection_model (outcomes_page)), >, 0);

  /* the roster: read at once (its count), its rows made once the page
   * is painted */
  adw_view_stack_set_visible_child_name (view_stack, "roster");
  {
    g_autofree char *count = g_strdup_printf ("%u people", (guint) tx_store_count (fixture->store, "person"));

    g_assert_cmpstr (gtk_label_get_label (tx_test_get_template_child (roster_page, "count_label")), ==, count);
  }
  tx_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (get_selection_model (roster_page)), ==,
                    tx_store_count (fixture->store, "person"));

  /* read before, renamed again out of sight: shown again, as it is now */
  adw_view_stack_set_visible_child_name (view_stack, "overview");
  tx_consultation_set_title (renamed, "再次改名的协商议题");
  g_assert_true (tx_store_save_consultation (fixture->store, renamed, &error));
  g_assert_no_error (error);
  tx_test_settle ();
  adw_view_stack_set_visible_child_name (view_stack, "consultations");
  listed = FALSE;
  model = get_selection_model (consultations_page);
  for (guint i = 0; i < g_list_model_get_n_items (model) && !listed; i++)
    {
      g_autoptr(TxConsultation) consultation = g_list_model_get_item (model, i);

      listed = g_strcmp0 (tx_consultation_get_title (consultation), "再次改名的协商议题") == 0;
    }
  g_assert_true (listed);
  adw_view_stack_set_visible_child_name (view_stack, "calendar");
  g_assert_true (says (calendar_page, "再次改名的协商议题"));
  g_assert_false (says (calendar_page, "改名以后的协商议题"));

  /* a consultation with a reason on the Overview, renamed while the
   * Overview is out of sight: its reason, shown again, says the name */
  {
    g_autoptr(TxLedger) ledger = tx_ledger_compute (fixture->store, 2026, 4, tx_date_from_iso ("2026-11-27"), &error);
    g_autoptr(TxConsultation) late = NULL;
    const TxLedgerHit *hit = NULL;
    GtkWidget *overview_page = tx_test_get_widget (fixture->window, TX_TYPE_OVERVIEW_PAGE);

    g_assert_no_error (error);
    for (guint i = 0; i < ledger->entries->len && hit == NULL; i++)
      {
        TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

        for (guint h = 0; h < entry->hits->len && hit == NULL; h++)
          if (((TxLedgerHit *) g_ptr_array_index (entry->hits, h))->rule == TX_RULE_STAGE_OVERDUE)
            hit = g_ptr_array_index (entry->hits, h);
      }
    g_assert_nonnull (hit);
    /* what the Overview began to read while shown, read */
    tx_test_wait_until (overview_is_read, overview_page, "the Overview's reading to end");
    late = tx_store_load_consultation (fixture->store, hit->uuid, &error);
    g_assert_no_error (error);
    tx_consultation_set_title (late, "逾期议题的新名称");
    g_assert_true (tx_store_save_consultation (fixture->store, late, &error));
    g_assert_no_error (error);
    tx_test_settle ();
    g_assert_false (tx_overview_page_get_reload_pending (TX_OVERVIEW_PAGE (overview_page)));
    g_assert_false (says (overview_page, "逾期议题的新名称"));

    adw_view_stack_set_visible_child_name (view_stack, "overview");
    tx_test_wait_until (overview_is_read, overview_page, "the Overview to be read again");
    g_assert_true (says (overview_page, "逾期议题的新名称"));
  }
}

static void
test_overview_opens_record (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) consultations = NULL;
  AttentionState state;
  PlaceState place;
  AdwViewStack *view_stack;
  GtkWidget *editor;
  const char *market = NULL;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */

  consultations = tx_store_list_consultations (fixture->store, 0, NULL, &error);
  for (guint i = 0; i < consultations->len; i++)
    if (g_str_equal (tx_consultation_get_title (g_ptr_array_index (consultations, i)), "集镇农贸市场提质改造协商"))
      market = tx_consultation_get_uuid (g_ptr_array_index (consultations, i));
  g_assert_nonnull (market);

  view_stack = get_child (fixture->window, TX_TYPE_WINDOW, "view_stack");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, "overview");

  state.page = tx_test_get_widget (fixture->window, TX_TYPE_OVERVIEW_PAGE);
  state.text = "集镇农贸市场提质改造协商";
  tx_test_wait_until (attention_listed, &state, "the overdue meeting among the reasons");

  /* the clerk opens the reason: the consultation, in its editor */
  g_assert_true (gtk_widget_activate (find_attention_row (state.page, state.text)));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, "consultations");
  editor = tx_test_get_widget (fixture->window, TX_TYPE_CONSULTATION_EDITOR);
  g_assert_cmpstr (tx_editor_get_uuid (TX_EDITOR (editor)), ==, market);

  /* …at the stage overdue, the meeting: in sight, with the focus */
  place.window = GTK_WINDOW (fixture->window);
  place.scroller = tx_test_get_template_child (editor, "scrolled_window");
  place.place = find_stage_row (editor, TX_STAGE_MEETING);
  tx_test_wait_until (place_revealed, &place, "the meeting stage to be shown");
  tx_test_save_screenshot (fixture->window, "overview-reason-stage");

  /* a recommendation waiting for feedback opens on the Outcomes page */
  adw_view_stack_set_visible_child_name (view_stack, "overview");
  state.text = "关于在安置点建设标准化厂房稳定搬迁群众就业的建议";
  tx_test_wait_until (attention_listed, &state, "the recommendation waiting for feedback");
  g_assert_true (gtk_widget_activate (find_attention_row (state.page, state.text)));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, "outcomes");

  /* …where the day the feedback came is entered */
  editor = tx_test_get_widget (fixture->window, TX_TYPE_OUTCOME_EDITOR);
  place.scroller = tx_test_get_template_child (editor, "scrolled_window");
  place.place = tx_test_get_template_child (editor, "feedback_received_row");
  tx_test_wait_until (place_revealed, &place, "the feedback to be shown");
}

/* The sample data went into the clerk's database: the main menu takes
 * them out again, after asking, and the clerk's own people stay. */
static void
test_remove_sample (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  RosterState roster = { NULL };
  guint own = fixture->people->len;

  /* nothing to remove yet: said, not asked */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.remove-sample", NULL);
  g_assert_null (tx_test_find_message_dialog ());

  /* the clerk's township is not one of the sample's */
  g_assert_true (tx_store_rename_township (fixture->store, "凤山镇", "城关镇", &error));
  g_assert_true (load_sample_data (fixture->store, &error));
  g_assert_cmpuint (tx_store_count (fixture->store, "person"), >, own + 100);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.remove-sample", NULL);
  dialog = tx_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "8 townships"));
  tx_test_answer_message_dialog (dialog, "remove");

  g_assert_cmpuint (tx_store_count (fixture->store, "person"), ==, own);
  g_assert_cmpuint (tx_store_count (fixture->store, "consultation"), ==, 0);
  g_assert_cmpuint (tx_store_count (fixture->store, "township"), ==, 1);

  adw_view_stack_set_visible_child_name (get_child (fixture->window, TX_TYPE_WINDOW, "view_stack"), "roster");
  roster.page = tx_test_get_widget (fixture->window, TX_TYPE_ROSTER_PAGE);
  roster.people = fixture->people;
  roster.expected = own;
  tx_test_wait_until (roster_shows, &roster, "the clerk's own people, and only them");
}

/* The roster lists as many people as it should, and says so. */
static gboolean
roster_count_is (gpointer data)
{
  RosterState *state = data;
  GtkNoSelection *selection = get_child (state->page, TX_TYPE_ROSTER_PAGE, "selection");
  GtkLabel *count_label = get_child (state->page, TX_TYPE_ROSTER_PAGE, "count_label");
  g_autofree char *label = expected_count_label (state->expected);

  return g_list_model_get_n_items (G_LIST_MODEL (selection)) == state->expected
         && g_strcmp0 (gtk_label_get_label (count_label), label) == 0;
}

static gboolean
is_idle_window (gpointer data)
{
  return !tx_window_is_busy (data);
}

/* The progress bar of the window that shows an exchange file being
 * read or written, or NULL. */
static GtkWidget *
find_progress_bar (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      GtkWidget *bar = gtk_widget_get_visible (window) ? tx_test_find_widget (window, GTK_TYPE_PROGRESS_BAR) : NULL;

      if (bar != NULL)
        return bar;
    }

  return NULL;
}

/* The main menu: an exchange file of the sample, previewed before it
 * is imported into the clerk's own database, all or nothing; and the
 * check of the database. */
static void
test_exchange_and_check (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "sample.xml", NULL);
  AdwMessageDialog *question;
  guint people = tx_store_count (fixture->store, "person");

  /* the sample's exchange file, written by another database */
  {
    g_autofree char *other_path = g_build_filename (fixture->dir, "other.db", NULL);
    g_autoptr(TxStore) other = tx_store_open (other_path, &error);

    g_assert_true (load_sample_data (other, &error));
    g_assert_true (tx_exchange_export (other, path, &error));
  }
  file = g_file_new_for_path (path);

  /* the same townships under other identities: the preview says they
   * are taken as those here; cancelled, nothing changed */
  tx_window_preview_exchange (fixture->window, file);
  /* read meanwhile, its progress shown over the window */
  g_assert_true (tx_window_is_busy (fixture->window));
  g_assert_nonnull (find_progress_bar ());
  tx_test_wait_until (is_idle_window, fixture->window, "the file to be read");
  g_assert_null (find_progress_bar ());
  question = tx_test_find_message_dialog ();
  g_assert_nonnull (question);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question),
                            "1 township of the file has the name of one here: it is taken as the same township."));
  tx_test_answer_message_dialog (question, "cancel");
  g_assert_cmpuint (tx_store_count (fixture->store, "person"), ==, people);

  /* renamed: the preview says what comes, and only Import writes it */
  g_assert_true (tx_store_rename_township (fixture->store, "凤山镇", "城关镇", &error));
  tx_window_preview_exchange (fixture->window, file);
  tx_test_wait_until (is_idle_window, fixture->window, "the file to be read");
  question = tx_test_find_message_dialog ();
  g_assert_nonnull (question);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (question), "sample.xml"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "It adds "));
  g_assert_null (strstr (adw_message_dialog_get_body (question), "It adds 0 "));
  g_assert_cmpuint (tx_store_count (fixture->store, "person"), ==, people);
  tx_test_answer_message_dialog (question, "import");
  g_assert_true (tx_window_is_busy (fixture->window));
  tx_test_wait_until (is_idle_window, fixture->window, "the file to be imported");
  g_assert_cmpuint (tx_store_count (fixture->store, "person"), >, people + 100);
  g_assert_cmpuint (tx_store_count (fixture->store, "township"), ==, 9);
  /* the pages were told: the roster lists them */
  adw_view_stack_set_visible_child_name (get_child (fixture->window, TX_TYPE_WINDOW, "view_stack"), "roster");
  {
    RosterState roster = { NULL };

    roster.page = tx_test_get_widget (fixture->window, TX_TYPE_ROSTER_PAGE);
    roster.expected = tx_store_count (fixture->store, "person");
    tx_test_wait_until (roster_count_is, &roster, "the roster with the people imported");
  }

  /* exported again: the whole database */
  {
    g_autofree char *out = g_build_filename (fixture->dir, "out.xml", NULL);
    g_autoptr(GFile) out_file = g_file_new_for_path (out);
    g_autofree char *text = NULL;

    tx_window_export_exchange_to (fixture->window, out_file);
    tx_test_wait_until (is_idle_window, fixture->window, "the file to be written");
    g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
    g_assert_nonnull (strstr (text, "城关镇"));
    g_assert_nonnull (strstr (text, "金山街道"));
  }

  /* the check */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.check", NULL);
  question = tx_test_find_message_dialog ();
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "The Database Is Sound");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "9 townships"));
  tx_test_answer_message_dialog (question, "close");

  /* Import a Roster… is there (it opens the roster page's file chooser,
   * which this test does not: GTK's chooser leaks under LeakSanitizer) */
  g_assert_true (g_action_get_enabled (g_action_map_lookup_action (G_ACTION_MAP (fixture->window), "import-roster")));
}

/* The first run, through the application: the welcome page, then an
 * empty database or the sample data. */

typedef struct {
  char     *dir;
  char     *path;
  gboolean  with_sample_data;
  gboolean  from_exchange;    /* an exchange file, not the form */
  gboolean  done;
} FirstRun;

/* An exchange file of the sample, written by another database. */
static GFile *
write_exchange_file (const char *dir)
{
  g_autofree char *probe = g_build_filename (dir, "other-office.db", NULL);
  g_autofree char *path = g_build_filename (dir, "from-the-city.xml", NULL);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  TxImportReport report = { 0 };

  store = tx_store_open (probe, &error);
  g_assert_no_error (error);
  g_assert_true (tx_exchange_load_demo (store, tx_date_new (2027, 3, 1), &report, &error));
  g_assert_true (tx_exchange_export (store, path, &error));

  return g_file_new_for_path (path);
}

static gboolean
check_first_run_cb (gpointer data)
{
  GApplication *app = g_application_get_default ();
  FirstRun *run = data;
  TxWindow *window = TX_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  GtkStack *stack = get_child (window, TX_TYPE_WINDOW, "stack");
  GtkWidget *welcome = tx_test_get_widget (window, TX_TYPE_WELCOME_PAGE);
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) consultations = NULL;
  g_autoptr(GError) error = NULL;
  RosterState roster = { NULL };
  ConsultationsState consultations_state;
  TxStore *store;

  /* Nothing is written before the clerk answers. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "welcome");
  g_assert_true (gtk_widget_get_mapped (welcome));
  g_assert_false (g_file_test (run->path, G_FILE_TEST_EXISTS));

  if (run->with_sample_data)
    gtk_widget_activate_action (welcome, "welcome.try-sample", NULL);
  else if (run->from_exchange)
    {
      g_autofree char *bad_path = g_build_filename (run->dir, "notes.xml", NULL);
      g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
      g_autoptr(GFile) good = NULL;
      GtkLabel *problem = tx_test_get_template_child (welcome, "problem_label");

      /* a file that is not an exchange file: said on the page, and no
       * database is left behind */
      g_assert_true (g_file_set_contents (bad_path, "会议记录，不是交换文件", -1, NULL));
      g_signal_emit_by_name (welcome, "open-exchange", bad);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "welcome");
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (problem)));
      g_assert_nonnull (strstr (gtk_label_get_text (problem), "Nothing was imported"));
      g_assert_false (g_file_test (run->path, G_FILE_TEST_EXISTS));

      good = write_exchange_file (run->dir);
      g_signal_emit_by_name (welcome, "open-exchange", good);
    }
  else
    {
      AdwEntryRow *name_row = tx_test_get_template_child (welcome, "name_row");
      AdwEntryRow *organization_row = tx_test_get_template_child (welcome, "organization_row");
      GtkWidget *create_button = tx_test_get_template_child (welcome, "create_button");

      /* an empty form is not ready, and says nothing yet */
      g_assert_false (gtk_widget_get_sensitive (create_button));
      g_assert_false (gtk_widget_get_visible (tx_test_get_template_child (welcome, "problem_label")));
      gtk_editable_set_text (GTK_EDITABLE (name_row), "金山街道");
      gtk_editable_set_text (GTK_EDITABLE (organization_row), "政协福泉市委员会金山街道联络组");
      g_assert_true (gtk_widget_get_sensitive (create_button));
      gtk_widget_activate_action (welcome, "welcome.create", NULL);
    }

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "main");
  store = tx_application_get_store (TX_APPLICATION (app));
  g_assert_nonnull (store);
  g_assert_true (tx_window_get_store (window) == store);
  if (run->with_sample_data)
    {
      g_autofree char *sample_path = tx_application_get_sample_path (TX_APPLICATION (app));

      /* the sample is a file of its own: the clerk's database is not made */
      g_assert_false (g_file_test (run->path, G_FILE_TEST_EXISTS));
      g_assert_cmpstr (tx_store_get_path (store), ==, sample_path);
      g_assert_true (tx_application_is_sample (TX_APPLICATION (app)));
      g_assert_true (gtk_revealer_get_reveal_child (get_child (window, TX_TYPE_WINDOW, "sample_revealer")));
    }
  else if (run->from_exchange)
    {
      g_autoptr(GPtrArray) townships = tx_store_list_townships (store, NULL);

      g_assert_cmpstr (tx_store_get_path (store), ==, run->path);
      g_assert_cmpuint (townships->len, ==, 8);
    }
  else
    {
      TxSettings *settings = tx_store_get_settings (store);
      g_autoptr(TxTownship) township = tx_store_find_township (store, "金山街道", NULL);

      g_assert_true (g_file_test (run->path, G_FILE_TEST_EXISTS));
      g_assert_cmpstr (tx_store_get_path (store), ==, run->path);
      g_assert_false (gtk_revealer_get_reveal_child (get_child (window, TX_TYPE_WINDOW, "sample_revealer")));
      g_assert_nonnull (township);
      g_assert_cmpint (tx_township_get_kind (township), ==, TX_TOWNSHIP_KIND_SUBDISTRICT);
      g_assert_cmpstr (tx_settings_get_default_township (settings), ==, tx_township_get_uuid (township));
      g_assert_cmpstr (tx_settings_get_organization (settings), ==, "政协福泉市委员会金山街道联络组");
    }

  people = tx_roster_query (store, NULL, &error);
  g_assert_no_error (error);
  /* the list opens on the year of the application's day, 2027, when
   * it has consultations (the sample's are dated around that day) */
  consultations = tx_store_list_consultations (store, 2027, NULL, &error);
  g_assert_no_error (error);
  if (run->with_sample_data || run->from_exchange)
    {
      g_autoptr(GPtrArray) all = tx_store_list_consultations (store, 0, NULL, &error);

      g_assert_cmpuint (consultations->len, >, 0);
      g_assert_cmpuint (consultations->len, <, all->len);
    }

  /* An earlier test may have left another page in the settings. */
  adw_view_stack_set_visible_child_name (get_child (window, TX_TYPE_WINDOW, "view_stack"), "roster");
  roster.page = tx_test_get_widget (window, TX_TYPE_ROSTER_PAGE);
  roster.people = people;
  roster.expected = people->len;
  if (run->with_sample_data || run->from_exchange)
    {
      g_assert_cmpuint (people->len, >, 0);
      g_assert_cmpuint (consultations->len, >, 0);
      tx_test_wait_until (roster_shows, &roster, "the sample roster");
    }
  else
    {
      g_assert_cmpuint (people->len, ==, 0);
      tx_test_wait_until (roster_shows_status, &roster, "“The Roster Is Empty”");
    }

  adw_view_stack_set_visible_child_name (get_child (window, TX_TYPE_WINDOW, "view_stack"), "consultations");
  consultations_state.page = tx_test_get_widget (window, TX_TYPE_CONSULTATIONS_PAGE);
  consultations_state.consultations = consultations;
  tx_test_wait_until (consultations_shown, &consultations_state, "the consultations page");

  /* Ctrl+plus makes the text larger, at once and for the next start;
   * Ctrl+0 puts it back */
  if (!run->with_sample_data && !run->from_exchange)
    {
      g_autoptr(GSettings) settings = tx_application_create_gsettings ();
      int base_dpi = 0, dpi = 0;

      g_object_get (gtk_settings_get_default (), "gtk-xft-dpi", &base_dpi, NULL);
      g_action_group_activate_action (G_ACTION_GROUP (app), "zoom", g_variant_new_int32 (1));
      g_action_group_activate_action (G_ACTION_GROUP (app), "zoom", g_variant_new_int32 (1));
      g_assert_cmpfloat_with_epsilon (tx_application_get_text_scale (TX_APPLICATION (app)), 1.2, 0.001);
      g_object_get (gtk_settings_get_default (), "gtk-xft-dpi", &dpi, NULL);
      g_assert_cmpint (ABS (dpi - (int) (base_dpi * 1.2 + 0.5)), <=, 1);
      g_assert_nonnull (settings);
      g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "text-scale"), 1.2, 0.001);
      for (int i = 0; i < 20; i++)
        g_action_group_activate_action (G_ACTION_GROUP (app), "zoom", g_variant_new_int32 (1));
      g_assert_cmpfloat_with_epsilon (tx_application_get_text_scale (TX_APPLICATION (app)), 2.0, 0.001);
      g_action_group_activate_action (G_ACTION_GROUP (app), "zoom", g_variant_new_int32 (0));
      g_assert_cmpfloat_with_epsilon (tx_application_get_text_scale (TX_APPLICATION (app)), 1.0, 0.001);
      g_object_get (gtk_settings_get_default (), "gtk-xft-dpi", &dpi, NULL);
      g_assert_cmpint (dpi, ==, base_dpi);
    }

  /* back from the sample: the welcome page, and still no database */
  if (run->with_sample_data)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-sample", NULL);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "welcome");
      g_assert_null (tx_application_get_store (TX_APPLICATION (app)));
      g_assert_false (g_file_test (run->path, G_FILE_TEST_EXISTS));
    }

  run->done = TRUE;
  gtk_window_close (GTK_WINDOW (window));

  return G_SOURCE_REMOVE;
}

static void
on_application_activate_cb (GApplication *app,
                            FirstRun     *run)
{
  g_idle_add (check_first_run_cb, run);
}

static gboolean
sample_data_loads (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "probe.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean loaded;

  store = tx_store_open (path, &error);
  g_assert_no_error (error);
  loaded = load_sample_data (store, &error);
  if (!loaded)
    g_test_message ("The sample data cannot be loaded: %s", error->message);
  g_clear_object (&store);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);

  return loaded;
}

static void
test_first_run (gconstpointer data)
{
  g_autoptr(TxApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  FirstRun run = { 0 };
  char *argv[4];
  int status;

  run.with_sample_data = GPOINTER_TO_INT (data) == 1;
  run.from_exchange = GPOINTER_TO_INT (data) == 2;
  run.dir = g_dir_make_tmp ("tongxin-test-first-run-XXXXXX", &error);
  g_assert_no_error (error);
  /* In a folder that does not exist yet, as on a new computer. */
  run.path = g_build_filename (run.dir, "tongxin", "tongxin.db", NULL);

  if ((run.with_sample_data || run.from_exchange) && !sample_data_loads (run.dir))
    {
      g_test_skip ("The sample data cannot be loaded yet");
      g_rmdir (run.dir);
      g_free (run.dir);
      g_free (run.path);
      return;
    }

  app = tx_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  /* the sample data and the pages take the same day, whatever the date */
  {
    g_autoptr(TxDay) day = tx_test_day_new ("2027-03-01");

    tx_application_set_day (app, day);
  }
  g_signal_connect_after (app, "activate", G_CALLBACK (on_application_activate_cb), &run);

  argv[0] = (char *) "tongxin";
  argv[1] = (char *) "--db";
  argv[2] = run.path;
  argv[3] = NULL;
  status = g_application_run (G_APPLICATION (app), 3, argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (run.done);

  g_clear_object (&app);

  /* Tongxin took the day's backup when it closed, beside the database;
   * none of the sample */
  if (run.with_sample_data)
    g_assert_false (g_file_test (run.path, G_FILE_TEST_EXISTS));
  else
    {
      g_autoptr(GPtrArray) backups = tx_backup_list (run.path, NULL);

      g_assert_cmpuint (backups->len, ==, 1);
      g_assert_cmpint (((TxBackup *) g_ptr_array_index (backups, 0))->kind, ==, TX_BACKUP_DAILY);
      g_assert_cmpint (g_date_time_get_year (((TxBackup *) g_ptr_array_index (backups, 0))->taken), ==, 2027);
    }

  tx_test_remove_dir (run.dir);
  g_free (run.dir);
  g_free (run.path);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  tx_test_init_gui ();

  g_test_add ("/gui/window/roster/sample-data", Fixture, GINT_TO_POINTER (DATA_SAMPLE),
              fixture_set_up, test_roster_lists_everyone, fixture_tear_down);
  g_test_add ("/gui/window/exchange-and-check", Fixture, GINT_TO_POINTER (DATA_HANDMADE),
              fixture_set_up, test_exchange_and_check, fixture_tear_down);
  g_test_add ("/gui/window/remove-sample", Fixture, GINT_TO_POINTER (DATA_HANDMADE),
              fixture_set_up, test_remove_sample, fixture_tear_down);
  g_test_add ("/gui/window/roster/handmade", Fixture, GINT_TO_POINTER (DATA_HANDMADE),
              fixture_set_up, test_roster_lists_everyone, fixture_tear_down);
  g_test_add ("/gui/window/roster-search/sample-data", Fixture, GINT_TO_POINTER (DATA_SAMPLE),
              fixture_set_up, test_roster_search, fixture_tear_down);
  g_test_add ("/gui/window/roster-search/handmade", Fixture, GINT_TO_POINTER (DATA_HANDMADE),
              fixture_set_up, test_roster_search, fixture_tear_down);
  g_test_add ("/gui/window/consultations/sample-data", Fixture, GINT_TO_POINTER (DATA_SAMPLE),
              fixture_set_up, test_consultations, fixture_tear_down);
  g_test_add ("/gui/window/consultations/handmade", Fixture, GINT_TO_POINTER (DATA_HANDMADE),
              fixture_set_up, test_consultations, fixture_tear_down);
  g_test_add ("/gui/window/pages-read-when-shown/sample-data", Fixture, GINT_TO_POINTER (DATA_SAMPLE),
              fixture_set_up, test_pages_read_when_shown, fixture_tear_down);
  g_test_add ("/gui/window/overview-opens-record/sample-data", Fixture, GINT_TO_POINTER (DATA_SAMPLE),
              fixture_set_up, test_overview_opens_record, fixture_tear_down);
  /* Last: these run the application, which stays the default one. */
  g_test_add_data_func ("/gui/application/first-run/township", GINT_TO_POINTER (0),
                        test_first_run);
  g_test_add_data_func ("/gui/application/first-run/sample-data", GINT_TO_POINTER (1),
                        test_first_run);
  g_test_add_data_func ("/gui/application/first-run/exchange", GINT_TO_POINTER (2),
                        test_first_run);

  return g_test_run ();
}
