/* test-agreement.c — one rule for what is late, in every view
 *
 * Runs under a display (Xvfb), on the sample data (tx_exchange_load_demo,
 * dated 2026-11-27), with the pages' day fixed on that day.  A stage's
 * due date is moved through the core, and the three places a clerk
 * reads it from must say the same: the warning ledger (its reason and
 * colour, as the Overview and tongxin-cli show them), the Consultations
 * list (its stage and colour filters) and the Calendar (the deadline in
 * its day).  The same for feedback is in test-outcomes-page.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-agreement"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "tx-calendar-layout.h"
#include "tx-calendar-page.h"
#include "tx-consultation-editor.h"
#include "tx-consultations-page.h"
#include "tx-exchange.h"
#include "tx-ledger.h"
#include "tx-records.h"
#include "tx-test-gui.h"
#include "tx-vocabulary.h"

#define TODAY "2026-11-27"
/* In the sample data: 金山街道's, its research due 2026-11-20 and not
 * done, the stage it has reached. */
#define OLD_ESTATE_TITLE "老旧小区改造协商"

typedef struct {
  char           *dir;
  TxStore        *store;
  TxDay          *day;
  GtkWindow      *calendar_window;
  TxCalendarPage *calendar;
  GtkWindow      *consultations_window;
  GtkWidget      *consultations;
} Fixture;

static GtkWindow *
present_in_window (gpointer page)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 1366, 768);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  return window;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("tongxin-test-agreement-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "tongxin.db", NULL);
  f->store = tx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tx_exchange_load_demo (f->store, tx_date_from_iso (TODAY), NULL, &error));
  g_assert_no_error (error);

  f->day = tx_test_day_new (TODAY);
  f->calendar = g_object_new (TX_TYPE_CALENDAR_PAGE, "day", f->day, "store", f->store, NULL);
  f->calendar_window = present_in_window (f->calendar);
  f->consultations = g_object_new (TX_TYPE_CONSULTATIONS_PAGE, "day", f->day, "store", f->store, NULL);
  f->consultations_window = present_in_window (f->consultations);
  tx_test_settle ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->calendar_window);
  gtk_window_destroy (f->consultations_window);
  tx_test_settle ();
  g_clear_object (&f->store);
  g_clear_object (&f->day);
  tx_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* The ledger */

/* What the ledger of the quarter (as the Overview and tongxin-cli show
 * it) says of a consultation: its colour, and its reason that a stage
 * is overdue, if any. */
typedef struct {
  TxColor  color;
  gboolean late;
  TxStage  stage;
  int      days;
  TxColor  stage_color;
} LedgerSays;

static void
read_ledger (Fixture    *f,
             const char *uuid,
             LedgerSays *says)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxLedger) ledger = tx_ledger_compute (f->store, 2026, 4, tx_date_from_iso (TODAY), &error);

  g_assert_no_error (error);
  memset (says, 0, sizeof *says);
  says->color = tx_ledger_consultation_color (ledger, uuid);

  for (guint i = 0; i < ledger->entries->len && !says->late; i++)
    {
      GPtrArray *hits = ((TxLedgerEntry *) g_ptr_array_index (ledger->entries, i))->hits;

      for (guint h = 0; h < hits->len && !says->late; h++)
        {
          TxLedgerHit *hit = g_ptr_array_index (hits, h);

          if (hit->rule != TX_RULE_STAGE_OVERDUE || g_strcmp0 (hit->consultation_uuid, uuid) != 0)
            continue;
          says->late = TRUE;
          says->stage = hit->stage;
          says->days = hit->days;
          says->stage_color = hit->color;
        }
    }
}

/* The Consultations list */

/* Whether the list shows @uuid with the stage filter on @stage (or
 * every stage, -1) and the colour filter on @color (or every colour, -1). */
static gboolean
list_shows (Fixture    *f,
            const char *uuid,
            int         stage,
            int         color)
{
  const char *filters[] = { "year_drop_down", "stage_drop_down", "color_drop_down" };
  guint choices[] = { 0, stage + 1, color + 1 };
  GListModel *listed;
  gboolean found = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (f->consultations,
                                                                             TX_TYPE_CONSULTATIONS_PAGE,
                                                                             filters[i])),
                                choices[i]);
  tx_test_settle ();

  listed = G_LIST_MODEL (gtk_widget_get_template_child (f->consultations, TX_TYPE_CONSULTATIONS_PAGE, "selection"));

  for (guint i = 0; i < g_list_model_get_n_items (listed); i++)
    {
      g_autoptr(TxConsultation) item = g_list_model_get_item (listed, i);

      found = found || g_strcmp0 (tx_consultation_get_uuid (item), uuid) == 0;
    }

  return found;
}

/* The Calendar */

/* The button, shown, of the research deadline of the consultation
 * under @widget, by what it says to the clerk (its tooltip), or NULL. */
static GtkWidget *
find_research_deadline (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "deadline") &&
      gtk_widget_get_mapped (widget) && tooltip != NULL &&
      strstr (tooltip, "Research deadline: " OLD_ESTATE_TITLE) != NULL)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_research_deadline (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The research deadline in the day @date of the month shown, or NULL. */
static GtkWidget *
find_deadline (Fixture    *f,
               const char *date)
{
  g_autoptr(TxCalendarMonth) month = NULL;
  GObject *grid = gtk_widget_get_template_child (GTK_WIDGET (f->calendar), TX_TYPE_CALENDAR_PAGE, "month_grid");
  TxCalendarDay *day;
  GtkWidget *cell;
  int year, month_number, index;

  tx_calendar_page_get_month (f->calendar, &year, &month_number);
  month = tx_calendar_month_layout (year, month_number, NULL, tx_date_from_iso (TODAY));
  day = tx_calendar_month_find_day (month, date);
  g_assert_nonnull (day);
  index = day - month->days;
  cell = gtk_grid_get_child_at (GTK_GRID (grid), index % 7, index / 7);
  g_assert_nonnull (cell);

  return find_research_deadline (cell);
}

/* The research of @uuid due on @due, written through the core. */
static void
move_research (Fixture    *f,
               const char *uuid,
               const char *due)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxConsultation) consultation = tx_store_load_consultation (f->store, uuid, &error);

  g_assert_no_error (error);
  tx_consultation_set_stage_due (consultation, TX_STAGE_RESEARCH, due);
  g_assert_true (tx_store_save_consultation (f->store, consultation, &error));
  g_assert_no_error (error);
  tx_test_settle ();
}

/* The test */

/* A stage is late, and by how many days, the same in the ledger, the
 * list and the Calendar. */
static void
test_stage (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxConsultation) consultation = tx_store_load_consultation (f->store, OLD_ESTATE_TITLE, &error);
  g_autofree char *overdue = NULL;
  LedgerSays ledger;
  const char *uuid;
  GtkWidget *button;

  g_assert_no_error (error);
  uuid = tx_consultation_get_uuid (consultation);
  g_assert_cmpint (tx_consultation_get_current_stage (consultation), ==, TX_STAGE_RESEARCH);

  /* Due in two days: not late. */
  move_research (f, uuid, "2026-11-29");

  /* (a) no reason in the ledger, green … */
  read_ledger (f, uuid, &ledger);
  g_assert_false (ledger.late);
  g_assert_cmpint (ledger.color, ==, TX_COLOR_GREEN);

  /* (b) … the list has it at its research, and with the green ones only … */
  g_assert_true (list_shows (f, uuid, TX_STAGE_RESEARCH, -1));
  g_assert_false (list_shows (f, uuid, TX_STAGE_MEETING, -1));
  g_assert_true (list_shows (f, uuid, -1, TX_COLOR_GREEN));
  g_assert_false (list_shows (f, uuid, -1, TX_COLOR_YELLOW));
  g_assert_false (list_shows (f, uuid, -1, TX_COLOR_RED));

  /* (c) … and the Calendar has the deadline upcoming, on its new day only. */
  button = find_deadline (f, "2026-11-29");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_has_css_class (button, "upcoming"));
  g_assert_false (gtk_widget_has_css_class (button, "overdue"));
  g_assert_null (find_deadline (f, "2026-11-20"));

  /* Due on 2026-11-10: 17 days late, more than 14, red. */
  move_research (f, uuid, "2026-11-10");

  /* (a) the ledger's reason: the research, 17 days … */
  read_ledger (f, uuid, &ledger);
  g_assert_true (ledger.late);
  g_assert_cmpint (ledger.stage, ==, TX_STAGE_RESEARCH);
  g_assert_cmpint (ledger.days, ==, 17);
  g_assert_cmpint (ledger.stage_color, ==, TX_COLOR_RED);
  g_assert_cmpint (ledger.color, ==, TX_COLOR_RED);

  /* (b) … the list has it at the stage the ledger names, and with the red ones … */
  g_assert_true (list_shows (f, uuid, ledger.stage, -1));
  g_assert_true (list_shows (f, uuid, -1, TX_COLOR_RED));
  g_assert_false (list_shows (f, uuid, -1, TX_COLOR_GREEN));
  g_assert_true (list_shows (f, uuid, ledger.stage, TX_COLOR_RED));

  /* (c) … and the Calendar marks it overdue by as many days. */
  button = find_deadline (f, "2026-11-10");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_has_css_class (button, "overdue"));
  overdue = g_strdup_printf ("Overdue by %d days", ledger.days);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), overdue));
  g_assert_null (find_deadline (f, "2026-11-29"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  tx_test_init_gui ();

  g_test_add ("/gui/agreement/stage", Fixture, NULL,
              fixture_set_up, test_stage, fixture_tear_down);

  return g_test_run ();
}
