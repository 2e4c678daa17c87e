/* tx-overview-page.c — the Overview (工作概览): the warning ledger and
 * its charts, and what needs attention
 *
 * For the quarter chosen: the ledger chart of its year, the reasons
 * behind the colours of the quarter, the most serious first, each a
 * link to its record, the three zeros, the plan and the stages.  A
 * quarter issued in a circular shows its ledger as issued (frozen), as
 * the circular did; the others are computed from the store as of today.
 * Every change to the store reloads the page, once the change is over.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-overview-page"

#include "config.h"

#include "tx-activity.h"
#include "tx-after-frame.h"
#include "tx-untrained-list.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "tx-attention-list.h"
#include "tx-chart-view.h"
#include "tx-circular-chart.h"
#include "tx-circular-dialog.h"
#include "tx-day.h"
#include "tx-ledger.h"
#include "tx-office.h"
#include "tx-out-of-sight.h"
#include "tx-text-rows.h"
#include "tx-overview-page-private.h"
#include "tx-overview-reading.h"
#include "tx-records.h"
#include "tx-work-group.h"

struct _TxOverviewPage
{
  AdwBin          parent_instance;

  /* template children */
  GtkDropDown    *quarter_drop_down;
  GtkLabel       *as_of_label;
  GtkStack       *content_stack;
  GtkListBox     *issued_list;
  AdwActionRow   *issued_row;
  TxChartView    *ledger_chart;
  GtkListBox     *needs_attention_list;
  GtkWidget      *received_group;
  GtkListBox     *received_list;
  GtkWidget      *untrained_group;
  GtkListBox     *untrained_list;
  GtkWidget      *work_groups_group;
  GtkListBox     *work_groups_list;
  TxChartView    *adoption_chart;
  TxChartView    *plan_chart;
  TxChartView    *stages_chart;
  AdwStatusPage  *error_page;
  GtkSpinner     *loading_spinner;
  TxChartView    *charts[TX_OVERVIEW_N_CHARTS];  /* the four above, as read */

  /* owned references */
  TxStore        *store;
  GtkStringList  *quarters;      /* the quarters begun, newest first */
  GArray         *quarter_keys;  /* int, year * 10 + quarter, as in @quarters */
  TxLedger       *ledger;        /* of the quarter shown: as issued, or computed */
  TxAttentionList *attention;   /* what fills needs_attention_list */
  TxTextRows     *receipts;      /* what fills received_list */
  TxTextRows     *untrained;     /* what fills untrained_list */

  /* state */
  TxDay            *day;
  int             year;          /* the quarter shown; 0 before there is one */
  int             quarter;
  guint           reload_id;
  GCancellable   *reading;       /* the read under way, or NULL */
  TxOverviewReading *waiting;    /* read before the window's first frame, shown after it */
  guint           waiting_id;
  gboolean        drawn;         /* the window has drawn a frame since the page was read */
  GCancellable   *untrained_reading;  /* who is not trained, read again alone */
  int             training_days;
  gboolean        untrained_in_ledger;  /* the city's rule: then the colours depend on it */
  gboolean        read_again;    /* changed meanwhile: read once more */
  gboolean        read_when_shown;
  guint           filling;       /* the drop-down set by code */
};

G_DEFINE_FINAL_TYPE (TxOverviewPage, tx_overview_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DAY,
  PROP_YEAR,
  PROP_QUARTER,
  N_PROPS
};

enum {
  OPEN_CONSULTATION,
  OPEN_OUTCOME,
  OPEN_TOWNSHIP,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


static void reload (TxOverviewPage *self);

static TxDate
get_today (TxOverviewPage *self)
{
  return self->day != NULL ? tx_day_get_today (self->day) : tx_date_today_local ();
}

/* Another day: the ledger is judged again, and when the quarter of today
 * was shown, a new quarter begun is shown instead. */
static void
on_day_changed_cb (TxOverviewPage *self)
{
  if (self->quarter_keys->len > 0 &&
      self->year * 10 + self->quarter == g_array_index (self->quarter_keys, int, 0))
    {
      self->year = 0;
      self->quarter = 0;
    }

  reload (self);
}


static char *
format_quarter (int      year,
                int      quarter,
                gboolean issued)
{
  /* Translators: a quarter of a year, as in "Q4 2026": %1$d is the
   * year, %2$d the quarter, 1 to 4 */
  g_autofree char *label = g_strdup_printf (_("Q%2$d %1$d"), year, quarter);

  if (!issued)
    return g_steal_pointer (&label);

  /* Translators: a quarter whose quarterly circular was issued, as in
   * "Q3 2026 (issued)" */
  return g_strdup_printf (_("%s (issued)"), label);
}

static GtkWindow *
get_parent_window (TxOverviewPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
update_actions (TxOverviewPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.circular",
                                 self->store != NULL && self->ledger != NULL);
}

static void
show_error (TxOverviewPage *self,
            const GError   *error)
{
  g_autofree char *markup = g_markup_escape_text (error->message, -1);

  adw_status_page_set_description (self->error_page, markup);
  gtk_stack_set_visible_child_name (self->content_stack, "error");
}

static void
clear_charts (TxOverviewPage *self)
{
  for (guint i = 0; i < TX_OVERVIEW_N_CHARTS; i++)
    tx_chart_view_set_data (self->charts[i], NULL);
}

/* The quarter drop-down, with the quarter read chosen. */
static void
show_quarters (TxOverviewPage *self,
               TxOverviewReading        *reading)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint position = 0;

  g_array_set_size (self->quarter_keys, 0);
  g_array_append_vals (self->quarter_keys, reading->keys->data, reading->keys->len);
  for (guint i = 0; i < reading->keys->len; i++)
    {
      int key = g_array_index (reading->keys, int, i);

      if (key == reading->year * 10 + reading->quarter)
        position = i;
      g_ptr_array_add (labels, format_quarter (key / 10, key % 10, g_array_index (reading->issued, gboolean, i)));
    }
  g_ptr_array_add (labels, NULL);

  self->filling++;
  gtk_string_list_splice (self->quarters, 0, g_list_model_get_n_items (G_LIST_MODEL (self->quarters)),
                          (const char * const *) labels->pdata);
  gtk_drop_down_set_selected (self->quarter_drop_down, position);
  self->filling--;

  if (self->year != reading->year)
    {
      self->year = reading->year;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
    }
  if (self->quarter != reading->quarter)
    {
      self->quarter = reading->quarter;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUARTER]);
    }
}

/* What the bar and the banner say of the quarter shown. */
static void
show_ledger_state (TxOverviewPage *self,
                   const char     *issued_on)
{
  g_autofree char *as_of = NULL;
  g_autofree char *text = NULL;
  guint counts[3] = { 0, };

  for (guint i = 0; i < self->ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (self->ledger->entries, i);

      if (entry->color <= TX_COLOR_RED)
        counts[entry->color]++;
    }

  as_of = tx_date_format_display (self->ledger->as_of);
  /* Translators: "As of November 27, 2026: 2 red, 3 yellow, 3 green",
   * the townships of each colour */
  text = g_strdup_printf (_("As of %s: %u red, %u yellow, %u green"), as_of, counts[2], counts[1], counts[0]);
  gtk_label_set_label (self->as_of_label, text);
  /* the whole of it when a narrow window cuts it short */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->as_of_label), text);

  gtk_widget_set_visible (GTK_WIDGET (self->issued_list), issued_on != NULL);
  if (issued_on != NULL)
    {
      g_autofree char *date = tx_date_format_display (tx_date_from_iso (issued_on));
      g_autofree char *title = NULL;

      /* Translators: %s is the date the quarterly circular was issued */
      title = g_strdup_printf (_("Issued on %s — the ledger is frozen as issued"), date);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->issued_row), title);
    }
}

/* The city's: the last file of each township */
static void
show_receipts (TxOverviewPage    *self,
               TxOverviewReading *reading)
{
  gboolean city = reading != NULL && reading->receipts != NULL;

  gtk_widget_set_visible (self->received_group, city);
  tx_text_rows_show (self->receipts, city ? g_ptr_array_ref (reading->receipts) : NULL);
}

/* The liaison group leaders and officers in post too long without a
 * training */
static void
show_untrained (TxOverviewPage *self,
                GPtrArray      *untrained)
{
  tx_untrained_list_fill (self->untrained_group, self->untrained, untrained, self->training_days);
}

/* A work group's townships, listed when its row is first opened: a
 * city's hundred rows are not laid out until asked for. */
static void
on_work_group_expanded_cb (AdwExpanderRow *row,
                           GParamSpec     *pspec,
                           TxOverviewPage *self)
{
  TxWorkGroupTally *tally = g_object_get_data (G_OBJECT (row), "tx-tally");

  if (!adw_expander_row_get_expanded (row) || tally == NULL || g_object_get_data (G_OBJECT (row), "tx-listed"))
    return;

  g_object_set_data (G_OBJECT (row), "tx-listed", GINT_TO_POINTER (TRUE));
  for (guint i = 0; i < tally->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (tally->entries, i);
      GtkWidget *township = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (township), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (township), entry->township_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (township),
                                   entry->hits->len > 0 ? ((TxLedgerHit *) g_ptr_array_index (entry->hits, 0))->text
                                                        : _("On schedule"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (township), tx_color_badge_new (entry->color, NULL));
      adw_expander_row_add_row (row, township);
    }
}

/* The city's: the townships of the ledger shown by work group, each
 * group's colours counted; hidden while no township is in a group. */
static void
show_work_groups (TxOverviewPage *self)
{
  g_autoptr(GPtrArray) tallies = self->ledger != NULL ? tx_work_group_tally (self->ledger) : NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->work_groups_list))) != NULL)
    gtk_list_box_remove (self->work_groups_list, child);

  gtk_widget_set_visible (self->work_groups_group, tallies != NULL && tallies->len > 0);
  for (guint i = 0; tallies != NULL && i < tallies->len; i++)
    {
      TxWorkGroupTally *tally = g_ptr_array_index (tallies, i);
      GtkWidget *row = adw_expander_row_new ();
      g_autofree char *counts = g_strdup_printf (_("%u red, %u yellow, %u green"), tally->counts[TX_COLOR_RED],
                                                 tally->counts[TX_COLOR_YELLOW], tally->counts[TX_COLOR_GREEN]);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     tally->name != NULL ? tally->name : _("Townships in No Work Group"));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), counts);
      /* the entries are the ledger's, which the rows go with */
      g_object_set_data_full (G_OBJECT (row), "tx-tally", g_steal_pointer (&g_ptr_array_index (tallies, i)),
                              (GDestroyNotify) tx_work_group_tally_free);
      g_signal_connect (row, "notify::expanded", G_CALLBACK (on_work_group_expanded_cb), self);
      gtk_list_box_append (self->work_groups_list, row);
    }
}

static void
show_reading (TxOverviewPage *self,
              TxOverviewReading        *reading,
              const GError   *error)
{
  TxLedger *shown;

  gtk_spinner_stop (self->loading_spinner);

  if (reading == NULL)
    {
      g_clear_pointer (&self->ledger, tx_ledger_free);
      tx_attention_list_clear (self->attention);
      clear_charts (self);
      gtk_label_set_label (self->as_of_label, "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->as_of_label), NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->issued_list), FALSE);
      show_receipts (self, NULL);
      show_untrained (self, NULL);
      show_work_groups (self);
      gtk_stack_set_visible_child_name (self->content_stack, "overview");
      update_actions (self);
      return;
    }

  if (reading->keys->len > 0)
    show_quarters (self, reading);

  if (error != NULL)
    {
      g_warning ("Could not read the ledger of Q%d %d: %s", reading->quarter, reading->year, error->message);
      g_clear_pointer (&self->ledger, tx_ledger_free);
      tx_attention_list_show (self->attention, NULL);
      show_work_groups (self);
      clear_charts (self);
      show_error (self, error);
      update_actions (self);
      return;
    }

  /* the ledger shown until now is kept until the rows, which may stay,
   * are moved to the new one */
  shown = g_steal_pointer (&self->ledger);
  self->ledger = g_steal_pointer (&reading->ledger);
  for (guint i = 0; i < TX_OVERVIEW_N_CHARTS; i++)
    tx_chart_view_set_data (self->charts[i], g_steal_pointer (&reading->charts[i]));
  tx_attention_list_show (self->attention, self->ledger);
  show_work_groups (self);
  g_clear_pointer (&shown, tx_ledger_free);
  show_receipts (self, reading);
  self->training_days = reading->training_days;
  self->untrained_in_ledger = reading->untrained_in_ledger;
  show_untrained (self, reading->untrained);
  show_ledger_state (self, self->ledger->issued_on);
  gtk_stack_set_visible_child_name (self->content_stack, "overview");
  update_actions (self);
}

/* The page, for a read in a worker: held weakly, so that a window
 * closed meanwhile lets it go, which cancels the read */
static GWeakRef *
hold_weakly (TxOverviewPage *self)
{
  GWeakRef *ref = g_new (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  return ref;
}

/* The page held by hold_weakly(), or %NULL if gone; @ref is freed */
static TxOverviewPage *
take_held (GWeakRef *ref)
{
  TxOverviewPage *self = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return self;
}

/* What was read, shown; unless the page was read again meanwhile. */
static void
show_waiting_cb (GtkWidget *widget)
{
  TxOverviewPage *self = TX_OVERVIEW_PAGE (widget);
  g_autoptr(TxOverviewReading) reading = g_steal_pointer (&self->waiting);

  self->waiting_id = 0;
  self->drawn = TRUE;
  show_reading (self, reading, reading->error);
}

/* What was read before the window drew its first frame is shown after
 * it: laid out in that frame, the sample's quarter took 0.1 s of it,
 * where the frame shows the page being read and the quarter fills in */
static void
show_when_drawn (TxOverviewPage    *self,
                 TxOverviewReading *reading)
{
  tx_after_frame_cancel (&self->waiting_id);
  g_clear_pointer (&self->waiting, tx_overview_reading_free);
  self->waiting = reading;
  if (self->drawn)
    show_waiting_cb (GTK_WIDGET (self));
  else
    self->waiting_id = tx_after_frame (GTK_WIDGET (self), show_waiting_cb);
}

static void
on_read_cb (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TxOverviewPage) self = take_held (user_data);
  g_autoptr(TxOverviewReading) reading = NULL;
  g_autoptr(GError) error = NULL;

  reading = tx_overview_reading_finish (TX_STORE (source_object), result, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* another store, or none; or the page is gone */

  g_clear_object (&self->reading);
  if (self->read_again)
    reload (self);
  else if (reading == NULL)
    {
      /* the database could not be opened again: nothing read */
      g_autoptr(TxOverviewReading) none = tx_overview_reading_new (get_today (self), self->year, self->quarter);

      show_reading (self, none, error);
    }
  else
    show_when_drawn (self, g_steal_pointer (&reading));
}

/* Reads the quarter shown again, in a worker when the database is a
 * file that can be opened a second time: a read begun before is let
 * finish, and then the page is read once more. */
static void
reload (TxOverviewPage *self)
{
  TxOverviewReading *reading;
  const char *path;

  g_clear_handle_id (&self->reload_id, g_source_remove);

  if (self->store == NULL)
    {
      if (self->reading != NULL)
        g_cancellable_cancel (self->reading);
      g_clear_object (&self->reading);
      self->read_again = FALSE;
      show_reading (self, NULL, NULL);
      return;
    }

  /* out of sight, the page is read when shown */
  self->read_when_shown = tx_widget_is_out_of_sight (GTK_WIDGET (self));
  if (self->read_when_shown)
    return;

  /* at first, and on a new day, the quarter of today */
  if (self->year == 0)
    {
      TxDate today = get_today (self);

      self->year = tx_date_get_year (today);
      self->quarter = tx_date_get_quarter (today);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUARTER]);
    }

  if (self->reading != NULL)
    {
      self->read_again = TRUE;
      return;
    }
  self->read_again = FALSE;

  /* nothing shown yet: say that it is being read (a spinner spins only
   * then: it would draw the window again and again, shown or not) */
  if (self->ledger == NULL)
    {
      gtk_spinner_start (self->loading_spinner);
      gtk_stack_set_visible_child_name (self->content_stack, "loading");
    }

  reading = tx_overview_reading_new (get_today (self), self->year, self->quarter);
  path = tx_store_get_path (self->store);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(TxOverviewReading) here = reading;
      g_autoptr(GError) error = NULL;

      tx_overview_reading_read (here, self->store, &error);
      show_reading (self, here, error);
      return;
    }

  self->reading = g_cancellable_new ();
  tx_overview_reading_read_apart (reading, self->store, self->reading, on_read_cb, hold_weakly (self));
}

/* Callbacks */

static gboolean
on_reload_idle_cb (gpointer user_data)
{
  TxOverviewPage *self = user_data;

  self->reload_id = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

/* What a reading of who is not trained is asked for */
typedef struct {
  TxDate today;
  int    days;
} UntrainedAsk;

static gpointer
read_untrained_apart (TxStore   *store,
                      gpointer   data,
                      GError   **error)
{
  const UntrainedAsk *ask = data;

  return tx_activity_list_untrained (store, ask->today, ask->days, error);
}

static void
on_untrained_read_cb (GObject      *source_object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(TxOverviewPage) self = take_held (user_data);
  g_autoptr(GPtrArray) untrained = NULL;
  g_autoptr(GError) error = NULL;

  untrained = tx_store_read_apart_finish (TX_STORE (source_object), result, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->untrained_reading);
  if (untrained == NULL)
    g_warning ("Could not read who is not trained: %s", error->message);
  else
    show_untrained (self, untrained);
}

/* A person saved: who is listed as not trained is read again, apart,
 * and nothing else (the ledger has no person in it, unless the city
 * counts the untrained in it: then the whole page). */
static void
reread_untrained (TxOverviewPage *self)
{
  const char *path = tx_store_get_path (self->store);
  UntrainedAsk *ask;

  if (self->untrained_in_ledger || tx_widget_is_out_of_sight (GTK_WIDGET (self)) || self->ledger == NULL)
    {
      if (self->reload_id == 0)
        self->reload_id = g_idle_add (on_reload_idle_cb, self);
      return;
    }

  if (self->untrained_reading != NULL)
    g_cancellable_cancel (self->untrained_reading);
  g_clear_object (&self->untrained_reading);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GPtrArray) untrained = tx_activity_list_untrained (self->store, get_today (self),
                                                                   self->training_days, NULL);

      show_untrained (self, untrained);
      return;
    }
  ask = g_new (UntrainedAsk, 1);
  ask->today = get_today (self);
  ask->days = self->training_days;
  self->untrained_reading = g_cancellable_new ();
  tx_store_read_apart (self->store, read_untrained_apart, ask, g_free, (GDestroyNotify) g_ptr_array_unref,
                       self->untrained_reading, on_untrained_read_cb, hold_weakly (self));
}

/* A change may change a colour, a count, a chart or who is listed as
 * not trained: the page is read again once, in a worker, when the
 * change (an import, say: several kinds) is over. */
static void
on_store_changed_cb (TxStore        *store,
                     const char     *kind,
                     const char     *uuid,
                     TxOverviewPage *self)
{
  if (g_strcmp0 (kind, "person") == 0)
    {
      reread_untrained (self);
      return;
    }

  if (self->reload_id == 0)
    self->reload_id = g_idle_add (on_reload_idle_cb, self);
}

/* Whether the page is to be read again (for the tests). */
gboolean
tx_overview_page_get_reload_pending (TxOverviewPage *self)
{
  g_return_val_if_fail (TX_IS_OVERVIEW_PAGE (self), FALSE);

  return self->reload_id != 0 || self->reading != NULL || self->waiting != NULL ||
         tx_attention_list_is_filling (self->attention) || tx_text_rows_is_filling (self->receipts) ||
         tx_text_rows_is_filling (self->untrained);
}

static void
on_quarter_drop_down_notify_selected_cb (GtkDropDown    *drop_down,
                                         GParamSpec     *pspec,
                                         TxOverviewPage *self)
{
  guint selected = gtk_drop_down_get_selected (drop_down);
  int key;

  if (self->filling > 0 || selected == GTK_INVALID_LIST_POSITION || selected >= self->quarter_keys->len)
    return;

  key = g_array_index (self->quarter_keys, int, selected);
  tx_overview_page_select_quarter (self, key / 10, key % 10);
}

/* A reason opens its record where the reason is: the stage overdue,
 * the feedback awaited. */
static void
open_reason (const TxLedgerHit *hit,
             gpointer           user_data)
{
  TxOverviewPage *self = user_data;
  g_autofree char *uuid = NULL;
  g_autofree char *consultation_uuid = NULL;
  g_autofree char *place = NULL;

  /* The handlers may change the store, and so the ledger: copies. */
  uuid = g_strdup (hit->uuid);
  consultation_uuid = g_strdup (hit->consultation_uuid);
  if (hit->rule == TX_RULE_STAGE_OVERDUE)
    place = g_strdup_printf ("stage:%d", (int) hit->stage);
  else if (hit->rule == TX_RULE_FEEDBACK_WAITING)
    place = g_strdup ("feedback");

  if (g_strcmp0 (hit->kind, "consultation") == 0)
    g_signal_emit (self, signals[OPEN_CONSULTATION], 0, uuid, place);
  else if (g_strcmp0 (hit->kind, "outcome") == 0)
    g_signal_emit (self, signals[OPEN_OUTCOME], 0, uuid, consultation_uuid, place);
  else if (g_strcmp0 (hit->kind, "township") == 0)
    g_signal_emit (self, signals[OPEN_TOWNSHIP], 0, uuid);
  else
    g_warning ("A reason of unknown kind “%s”", hit->kind);
}

/* Actions */

static void
tx_overview_page_circular_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  TxOverviewPage *self = TX_OVERVIEW_PAGE (widget);
  TxCircularDialog *dialog;

  if (self->store == NULL || self->ledger == NULL)
    return;

  dialog = tx_circular_dialog_new (get_parent_window (self), self->store, self->year, self->quarter, self->day);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GtkWidget, GObject */

static void
tx_overview_page_map (GtkWidget *widget)
{
  TxOverviewPage *self = TX_OVERVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (tx_overview_page_parent_class)->map (widget);

  if (self->read_when_shown)
    reload (self);
}

static void
tx_overview_page_dispose (GObject *object)
{
  TxOverviewPage *self = (TxOverviewPage *)object;

  tx_overview_page_set_store (self, NULL);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  tx_after_frame_cancel (&self->waiting_id);
  g_clear_pointer (&self->waiting, tx_overview_reading_free);
  if (self->untrained_reading != NULL)
    g_cancellable_cancel (self->untrained_reading);
  g_clear_object (&self->untrained_reading);
  /* their tick callbacks, on lists about to go */
  g_clear_pointer (&self->receipts, tx_text_rows_free);
  g_clear_pointer (&self->untrained, tx_text_rows_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_OVERVIEW_PAGE);
  g_clear_object (&self->quarters);

  G_OBJECT_CLASS (tx_overview_page_parent_class)->dispose (object);
}

static void
tx_overview_page_finalize (GObject *object)
{
  TxOverviewPage *self = (TxOverviewPage *)object;

  g_clear_pointer (&self->attention, tx_attention_list_free);
  g_clear_pointer (&self->ledger, tx_ledger_free);
  g_clear_pointer (&self->quarter_keys, g_array_unref);
  g_clear_object (&self->day);

  G_OBJECT_CLASS (tx_overview_page_parent_class)->finalize (object);
}

static void
tx_overview_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TxOverviewPage *self = TX_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_DAY:
      g_value_set_object (value, self->day);
      break;

    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;

    case PROP_QUARTER:
      g_value_set_int (value, self->quarter);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_overview_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TxOverviewPage *self = TX_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tx_overview_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_DAY:
      tx_overview_page_set_day (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_overview_page_class_init (TxOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_overview_page_dispose;
  widget_class->map = tx_overview_page_map;
  object_class->finalize = tx_overview_page_finalize;
  object_class->get_property = tx_overview_page_get_property;
  object_class->set_property = tx_overview_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TxOverviewPage:today: (nullable)
   *
   * The day the ledger is judged on, YYYY-MM-DD, and the quarter shown
   * at first.  %NULL for the real date; tests set it.
   */
  properties[PROP_DAY] =
    g_param_spec_object ("day", NULL, NULL,
                         TX_TYPE_DAY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TxOverviewPage:year:
   *
   * The year of the quarter shown, 0 without a store.
   */
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL,
                      0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TxOverviewPage:quarter:
   *
   * The quarter shown, 1 to 4, 0 without a store.
   */
  properties[PROP_QUARTER] =
    g_param_spec_int ("quarter", NULL, NULL,
                      0, 4, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TxOverviewPage::open-consultation:
   * @uuid: the consultation
   * @place: (nullable): where in it, for tx_editor_reveal(): "stage:N"
   *
   * A reason about a consultation (a stage overdue) was activated.
   */
  signals[OPEN_CONSULTATION] =
    g_signal_new ("open-consultation",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * TxOverviewPage::open-outcome:
   * @uuid: the outcome (recommendation)
   * @consultation_uuid: (nullable): the consultation it came from
   * @place: (nullable): where in it, for tx_editor_reveal(): "feedback"
   *
   * A reason about a recommendation (waiting for feedback) was activated.
   */
  signals[OPEN_OUTCOME] =
    g_signal_new ("open-outcome",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * TxOverviewPage::open-township:
   * @uuid: the township
   *
   * A reason about a township's plan (behind the plan) was activated.
   */
  signals[OPEN_TOWNSHIP] =
    g_signal_new ("open-township",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "overview.circular", NULL,
                                   tx_overview_page_circular_action);

  g_type_ensure (TX_TYPE_CHART_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TxOverviewPage, quarter_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TxOverviewPage, as_of_label);
  gtk_widget_class_bind_template_child (widget_class, TxOverviewPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TxOverviewPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TxOverviewPage, issued_list);
  gtk_widget_class_bind_template_child (widget_class, TxOverviewPage, issued_row);
  gtk_widget_class_bind_template_child (widget_class, TxOverviewPage, ledger_chart);
  gtk_widget_class_bind_template_child (widget_class, TxOverviewPage, needs_attention_list);
  gtk_widget_class_bind_template_child (widget_class, TxOverviewPage, received_group);
  gtk_widget_class_bind_template_child (widget_class, TxOverviewPage, received_list);
  gtk_widget_class_bind_template_child (widget_class, TxOverviewPage, untrained_group);
  gtk_widget_class_bind_template_child (widget_class, TxOverviewPage, untrained_list);
  gtk_widget_class_bind_template_child (widget_class, TxOverviewPage, work_groups_group);
  gtk_widget_class_bind_template_child (widget_class, TxOverviewPage, work_groups_list);
  gtk_widget_class_bind_template_child (widget_class, TxOverviewPage, adoption_chart);
  gtk_widget_class_bind_template_child (widget_class, TxOverviewPage, plan_chart);
  gtk_widget_class_bind_template_child (widget_class, TxOverviewPage, stages_chart);
  gtk_widget_class_bind_template_child (widget_class, TxOverviewPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_quarter_drop_down_notify_selected_cb);
}

static void
tx_overview_page_init (TxOverviewPage *self)
{
  /* The model is set before the template's signal handlers can run. */
  self->quarters = gtk_string_list_new (NULL);
  self->quarter_keys = g_array_new (FALSE, FALSE, sizeof (int));

  gtk_widget_init_template (GTK_WIDGET (self));
  self->attention = tx_attention_list_new (self->needs_attention_list, open_reason, self);
  self->receipts = tx_text_rows_new (self->received_list);
  self->untrained = tx_text_rows_new (self->untrained_list);
  self->charts[TX_OVERVIEW_CHART_LEDGER] = self->ledger_chart;
  self->charts[TX_OVERVIEW_CHART_ADOPTION] = self->adoption_chart;
  self->charts[TX_OVERVIEW_CHART_PLAN] = self->plan_chart;
  self->charts[TX_OVERVIEW_CHART_STAGES] = self->stages_chart;

  self->filling++;
  gtk_drop_down_set_model (self->quarter_drop_down, G_LIST_MODEL (self->quarters));
  self->filling--;

  update_actions (self);
}

/* Public API */

GtkWidget *
tx_overview_page_new (void)
{
  return g_object_new (TX_TYPE_OVERVIEW_PAGE, NULL);
}

TxStore *
tx_overview_page_get_store (TxOverviewPage *self)
{
  g_return_val_if_fail (TX_IS_OVERVIEW_PAGE (self), NULL);

  return self->store;
}

/**
 * tx_overview_page_set_store:
 * @store: (nullable): the store whose ledger to show
 */
void
tx_overview_page_set_store (TxOverviewPage *self,
                            TxStore        *store)
{
  g_return_if_fail (TX_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (store == NULL || TX_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);

  /* The template is gone in dispose. */
  if (self->content_stack != NULL)
    reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

TxDay *
tx_overview_page_get_day (TxOverviewPage *self)
{
  g_return_val_if_fail (TX_IS_OVERVIEW_PAGE (self), NULL);

  return self->day;
}

/**
 * tx_overview_page_set_day:
 * @day: (nullable): the day to work with
 *
 * Judges the ledger on the day, and shows the quarter of the day.
 */
void
tx_overview_page_set_day (TxOverviewPage *self,
                          TxDay *day)
{
  g_return_if_fail (TX_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (day == NULL || TX_IS_DAY (day));

  if (!tx_day_watch (&self->day, day, G_CALLBACK (on_day_changed_cb), self))
    return;

  /* the quarter of the new day */
  self->year = 0;
  self->quarter = 0;
  if (self->content_stack != NULL)
    reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
}

int
tx_overview_page_get_year (TxOverviewPage *self)
{
  g_return_val_if_fail (TX_IS_OVERVIEW_PAGE (self), 0);

  return self->year;
}

int
tx_overview_page_get_quarter (TxOverviewPage *self)
{
  g_return_val_if_fail (TX_IS_OVERVIEW_PAGE (self), 0);

  return self->quarter;
}

/**
 * tx_overview_page_select_quarter:
 * @quarter: 1 to 4
 *
 * Shows the ledger of @quarter of @year, if that quarter has begun.
 */
void
tx_overview_page_select_quarter (TxOverviewPage *self,
                                 int             year,
                                 int             quarter)
{
  g_return_if_fail (TX_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (quarter >= 1 && quarter <= 4);

  if (year == self->year && quarter == self->quarter)
    return;

  self->year = year;
  self->quarter = quarter;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUARTER]);

  if (self->store != NULL)
    reload (self);
}
