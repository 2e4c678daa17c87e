/* tx-outcomes-page.c — the outcomes (协商成果): every recommendation and
 * what became of it, the three zeros (三零) of the year, and the editor
 * of the one chosen
 *
 * A TxListPage over a TxOutcomeList, filtered in SQL: the year of
 * submission (of the consultation for one not yet submitted, so that a
 * new one does not vanish from the list), the township, the adoption,
 * and feedback overdue on the day, by the rule the ledger and the
 * editor follow (tx_feedback_get_status()).
 *
 * The three zeros above the list are those of tongxin-cli's metrics
 * command, for the year chosen (this year when all years are shown) and
 * the township chosen, as things stand on the day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-outcomes-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-metrics.h"
#include "tx-outcome-editor.h"
#include "tx-outcome-list.h"
#include "tx-outcomes-page.h"
#include "tx-records.h"
#include "tx-rules.h"
#include "tx-settings.h"
#include "tx-tooltips.h"
#include "tx-vocabulary.h"
#include "tx-text-cell.h"

struct _TxOutcomesPage
{
  TxListPage       parent_instance;

  /* template children */
  GtkLabel        *zeros_period_label;
  GtkLabel        *feedback_value_label;
  GtkLabel        *feedback_detail_label;
  GtkLabel        *supervision_value_label;
  GtkLabel        *supervision_detail_label;
  GtkLabel        *implementation_value_label;
  GtkLabel        *implementation_detail_label;
  GtkDropDown     *adoption_drop_down;
  GtkToggleButton *overdue_button;
  GtkLabel        *count_label;

  /* owned references */
  GCancellable    *zeros_reading;  /* the three zeros being read */
};

G_DEFINE_FINAL_TYPE (TxOutcomesPage, tx_outcomes_page, TX_TYPE_LIST_PAGE)

/* The three zeros */

static void
show_rate (GtkLabel   *value_label,
           GtkLabel   *detail_label,
           double      rate,
           guint       part,
           guint       whole,
           const char *format,
           const char *nothing)
{
  g_autofree char *value = NULL;
  g_autofree char *detail = NULL;

  if (rate < 0)
    {
      gtk_label_set_label (value_label, "—");
      gtk_label_set_label (detail_label, nothing);
      gtk_widget_set_tooltip_text (GTK_WIDGET (detail_label), nothing);
      return;
    }

  value = g_strdup_printf ("%.0f%%", rate * 100);
  detail = g_strdup_printf (format, part, whole);
  gtk_label_set_label (value_label, value);
  gtk_label_set_label (detail_label, detail);
  gtk_widget_set_tooltip_text (GTK_WIDGET (detail_label), detail);
}

/* The three zeros of a year, read apart from the window */
typedef struct {
  int        year;
  TxDate     today;
  GPtrArray *townships;   /* TxMetrics */
  TxMetrics *total;
} Zeros;

static void
zeros_free (gpointer data)
{
  Zeros *zeros = data;

  g_clear_pointer (&zeros->townships, g_ptr_array_unref);
  g_clear_pointer (&zeros->total, tx_metrics_free);
  g_free (zeros);
}

static gpointer
read_zeros (TxStore  *store,
            gpointer  data,
            GError  **error)
{
  const Zeros *asked = data;
  Zeros *zeros = g_new0 (Zeros, 1);

  zeros->year = asked->year;
  zeros->today = asked->today;
  zeros->townships = tx_metrics_compute (store, zeros->year, 0, zeros->today, &zeros->total, error);
  if (zeros->townships == NULL)
    g_clear_pointer (&zeros, zeros_free);

  return zeros;
}

/* The zeros of the year and township chosen; nothing counted yet when
 * @zeros is %NULL. */
static void
show_zeros (TxOutcomesPage *self,
            const Zeros    *zeros)
{
  TxListPage *page = TX_LIST_PAGE (self);
  const char *township = tx_list_page_get_township (page);
  const char *township_name = tx_list_page_get_township_name (page);
  g_autofree char *period = NULL;
  TxMetrics empty = { 0 };
  const TxMetrics *metrics = &empty;
  int year = tx_list_page_get_year (page);

  if (year == 0)
    year = tx_date_get_year (tx_list_page_get_today (page));

  if (zeros != NULL && township == NULL)
    metrics = zeros->total;
  for (guint i = 0; zeros != NULL && township != NULL && i < zeros->townships->len; i++)
    if (g_strcmp0 (((TxMetrics *) g_ptr_array_index (zeros->townships, i))->township_uuid, township) == 0)
      metrics = g_ptr_array_index (zeros->townships, i);

  /* Translators: a year, then a township or “All townships” */
  period = g_strdup_printf (_("%d · %s"), year, township_name != NULL ? township_name : _("All townships"));
  gtk_label_set_label (self->zeros_period_label, period);

  /* Translators: recommendations with feedback, of those submitted */
  show_rate (self->feedback_value_label, self->feedback_detail_label,
             tx_metrics_feedback_rate (metrics), metrics->answered, metrics->submitted,
             _("%u/%u answered"), _("None submitted"));
  /* Translators: adopted recommendations supervised before, during and after, of those adopted */
  show_rate (self->supervision_value_label, self->supervision_detail_label,
             tx_metrics_supervision_coverage (metrics), metrics->supervised, metrics->adopted,
             _("%u/%u fully supervised"), _("None adopted"));
  /* Translators: adopted recommendations carried out in full, of those adopted */
  show_rate (self->implementation_value_label, self->implementation_detail_label,
             tx_metrics_implementation_rate (metrics), metrics->implemented, metrics->adopted,
             _("%u/%u carried out in full"), _("None adopted"));
}

static void
on_zeros_read_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GWeakRef *page = user_data;
  g_autoptr(TxOutcomesPage) self = g_weak_ref_get (page);
  g_autoptr(GError) error = NULL;
  Zeros *zeros;

  g_weak_ref_clear (page);
  g_free (page);
  zeros = tx_store_read_apart_finish (TX_STORE (source_object), result, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&zeros, zeros_free);
      return;   /* read again since, or the page is gone */
    }

  g_clear_object (&self->zeros_reading);
  if (zeros == NULL)
    g_warning ("Could not count the three zeros: %s", error->message);
  show_zeros (self, zeros);
  if (zeros != NULL)
    zeros_free (zeros);
}

/* Counts the three zeros of the year chosen again, as things stand now:
 * a city's year takes a while, and the window goes on meanwhile.  A
 * count begun before is dropped. */
static void
update_zeros (TxOutcomesPage *self)
{
  TxListPage *page = TX_LIST_PAGE (self);
  TxStore *store = tx_list_page_get_store (page);
  GWeakRef *weak;
  Zeros *asked;

  if (self->zeros_reading != NULL)
    g_cancellable_cancel (self->zeros_reading);
  g_clear_object (&self->zeros_reading);

  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  if (store == NULL)
    {
      show_zeros (self, NULL);
      return;
    }

  asked = g_new0 (Zeros, 1);
  asked->today = tx_list_page_get_today (page);
  asked->year = tx_list_page_get_year (page);
  if (asked->year == 0)
    asked->year = tx_date_get_year (asked->today);

  /* the page is not kept for the count: gone, it cancels it */
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  self->zeros_reading = g_cancellable_new ();
  tx_store_read_apart (store, read_zeros, asked, zeros_free, zeros_free,
                       self->zeros_reading, on_zeros_read_cb, weak);
}

/* A link to a recommendation (from the Overview) shows the page too,
 * when it is one of a view stack's (the window's). */
static void
show_page (TxOutcomesPage *self)
{
  GtkWidget *child = GTK_WIDGET (self);
  GtkWidget *parent;

  while ((parent = gtk_widget_get_parent (child)) != NULL && !ADW_IS_VIEW_STACK (parent))
    child = parent;

  if (parent != NULL && adw_view_stack_get_page (ADW_VIEW_STACK (parent), child) != NULL)
    adw_view_stack_set_visible_child (ADW_VIEW_STACK (parent), child);
}

/* The rows */

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     TxOutcomesPage           *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = tx_text_cell_new (10, 30);
  GtkWidget *detail = tx_text_cell_new (10, 30);
  GtkWidget *status = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *status_icon = gtk_image_new ();
  GtkWidget *status_label = tx_text_cell_new (10, 24);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  /* two lines at most, laid out once for the width it is given (a
   * wrapped label is laid out again at each measure) */
  tx_text_cell_set_lines (TX_TEXT_CELL (title), 2);
  gtk_box_append (GTK_BOX (box), title);

  /* the lines under the title: cells, not labels, as a list view makes
   * its rows by the hundred */
  tx_text_cell_set_caption (TX_TEXT_CELL (detail));
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_box_append (GTK_BOX (box), detail);

  tx_text_cell_set_caption (TX_TEXT_CELL (status_label));
  gtk_widget_set_hexpand (status_label, TRUE);
  gtk_box_append (GTK_BOX (status), status_icon);
  gtk_box_append (GTK_BOX (status), status_label);
  gtk_box_append (GTK_BOX (box), status);

  g_object_set_data (G_OBJECT (box), "tx-title", title);
  g_object_set_data (G_OBJECT (box), "tx-detail", detail);
  g_object_set_data (G_OBJECT (box), "tx-status", status);
  g_object_set_data (G_OBJECT (box), "tx-status-icon", status_icon);
  g_object_set_data (G_OBJECT (box), "tx-status-label", status_label);
  gtk_list_item_set_child (item, box);
}

/* Where the feedback stands on the day, in words, with "overdue" said
 * and not only coloured; %NULL when none is awaited. */
static char *
dup_feedback_text (TxOutcomesPage *self,
                   TxOutcome      *outcome,
                   gboolean       *overdue)
{
  TxListPage *page = TX_LIST_PAGE (self);
  TxFeedbackStatus feedback;
  char due[11];

  tx_feedback_get_status (outcome, tx_list_page_get_today (page),
                          tx_settings_get_feedback_days (tx_store_get_settings (tx_list_page_get_store (page))),
                          &feedback);
  *overdue = feedback.state == TX_FEEDBACK_OVERDUE;

  if (feedback.state < TX_FEEDBACK_AWAITED)
    return NULL;

  if (*overdue)
    return g_strdup_printf (ngettext ("Feedback overdue by %d day", "Feedback overdue by %d days", feedback.days),
                            feedback.days);

  tx_date_write_iso (feedback.due, due);
  /* Translators: %s is the date feedback is due */
  return g_strdup_printf (_("Awaiting feedback, due %s"), due);
}

/* Title; township, submission and adoption; and the feedback when it
 * is awaited. */
static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    TxOutcomesPage           *self)
{
  TxOutcome *outcome = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *status = g_object_get_data (G_OBJECT (box), "tx-status");
  const char *submitted = tx_outcome_get_submitted (outcome);
  g_autofree char *submission = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *feedback = NULL;
  gboolean overdue = FALSE;

  tx_text_cell_set_text (g_object_get_data (G_OBJECT (box), "tx-title"), tx_outcome_get_title (outcome));

  if (submitted != NULL)
    /* Translators: %s is the date a recommendation was submitted */
    submission = g_strdup_printf (_("Submitted %s"), submitted);
  else
    submission = g_strdup (_("Not submitted yet"));
  /* Translators: a township, when it was submitted, how far it was adopted */
  detail = g_strdup_printf (_("%s · %s · %s"), tx_outcome_get_township_name (outcome), submission,
                            tx_adoption_get_label (tx_outcome_get_adoption (outcome)));
  tx_text_cell_set_text (g_object_get_data (G_OBJECT (box), "tx-detail"), detail);

  feedback = dup_feedback_text (self, outcome, &overdue);
  gtk_widget_set_visible (status, feedback != NULL);
  if (feedback == NULL)
    return;

  tx_text_cell_set_text (g_object_get_data (G_OBJECT (box), "tx-status-label"), feedback);
  gtk_image_set_from_icon_name (g_object_get_data (G_OBJECT (box), "tx-status-icon"),
                                overdue ? "dialog-warning-symbolic" : "alarm-symbolic");
  if (overdue)
    gtk_widget_remove_css_class (status, "dim-label");
  else
    gtk_widget_remove_css_class (status, "error");
  gtk_widget_add_css_class (status, overdue ? "error" : "dim-label");
}

/* TxListPage */

static void
tx_outcomes_page_apply_filter (TxListPage *page)
{
  TxOutcomesPage *self = TX_OUTCOMES_PAGE (page);
  TxOutcomeFilter filter = TX_OUTCOME_FILTER_INIT;
  guint adoption = gtk_drop_down_get_selected (self->adoption_drop_down);

  filter.year = tx_list_page_get_year (page);
  filter.township = tx_list_page_get_township (page);
  /* "Any adoption", then TxAdoption in order */
  if (adoption != GTK_INVALID_LIST_POSITION && adoption > 0)
    filter.adoption = (int) adoption - 1;
  filter.overdue_only = gtk_toggle_button_get_active (self->overdue_button);
  filter.today = tx_list_page_get_today (page);

  tx_outcome_list_set_filter (TX_OUTCOME_LIST (tx_list_page_get_list (page)), &filter);
}

static const char *
tx_outcomes_page_get_item_uuid (TxListPage *page,
                                gpointer    item)
{
  return tx_outcome_get_uuid (TX_OUTCOME (item));
}

static GArray *
tx_outcomes_page_list_years (TxListPage  *page,
                             GError     **error)
{
  return tx_store_list_outcome_years (tx_list_page_get_store (page), error);
}

static GListModel *
tx_outcomes_page_create_list (TxListPage *page,
                              TxStore    *store)
{
  /* read when the page applies its filters */
  return g_object_new (TX_TYPE_OUTCOME_LIST, "store", store, "item-type", TX_TYPE_OUTCOME, NULL);
}

/* The count under the filters, and the three zeros of the year and
 * township chosen, as things stand now. */
static void
tx_outcomes_page_list_changed (TxListPage *page)
{
  TxOutcomesPage *self = TX_OUTCOMES_PAGE (page);
  GListModel *list = tx_list_page_get_list (page);
  guint n = list != NULL ? g_list_model_get_n_items (list) : 0;
  g_autofree char *count = g_strdup_printf (ngettext ("%u recommendation", "%u recommendations", n), n);

  gtk_label_set_label (self->count_label, count);
  update_zeros (self);
}

/* GObject */

static void
tx_outcomes_page_dispose (GObject *object)
{
  TxOutcomesPage *self = TX_OUTCOMES_PAGE (object);

  /* after the page has let go of its list, which counts again */
  G_OBJECT_CLASS (tx_outcomes_page_parent_class)->dispose (object);

  if (self->zeros_reading != NULL)
    g_cancellable_cancel (self->zeros_reading);
  g_clear_object (&self->zeros_reading);
}

static void
tx_outcomes_page_class_init (TxOutcomesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TxListPageClass *page_class = TX_LIST_PAGE_CLASS (klass);

  object_class->dispose = tx_outcomes_page_dispose;

  g_type_ensure (TX_TYPE_OUTCOME);
  g_type_ensure (TX_TYPE_OUTCOME_EDITOR);

  /* In January, last year's recommendations until this year has some. */
  page_class->record_kind = "outcome";
  page_class->year_falls_back = TRUE;
  page_class->apply_filter = tx_outcomes_page_apply_filter;
  page_class->get_item_uuid = tx_outcomes_page_get_item_uuid;
  page_class->list_years = tx_outcomes_page_list_years;
  page_class->create_list = tx_outcomes_page_create_list;
  page_class->list_changed = tx_outcomes_page_list_changed;

  tx_list_page_class_setup (widget_class, "/io/github/tongxin/Tongxin/tx-outcomes-page.ui", "outcomes");
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, zeros_period_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, feedback_value_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, feedback_detail_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, supervision_value_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, supervision_detail_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, implementation_value_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, implementation_detail_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, adoption_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, overdue_button);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_bind_cb);
}

static void
tx_outcomes_page_init (TxOutcomesPage *self)
{
  g_autoptr(GtkStringList) adoptions = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  tx_list_page_add_filter (TX_LIST_PAGE (self), GTK_WIDGET (self->overdue_button));
  /* a title cut short shows whole where the pointer rests */
  tx_tooltips_for_cells (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), TX_TYPE_OUTCOMES_PAGE,
                                                                   "records_view")));

  /* In the order of TxAdoption. */
  gtk_string_list_append (adoptions, _("Any adoption"));
  for (guint i = 0; i < tx_adoption_get_count (); i++)
    gtk_string_list_append (adoptions, tx_adoption_get_label ((TxAdoption) i));
  gtk_drop_down_set_model (self->adoption_drop_down, G_LIST_MODEL (adoptions));
  tx_list_page_add_filter (TX_LIST_PAGE (self), GTK_WIDGET (self->adoption_drop_down));
}

/* Public API */

/**
 * tx_outcomes_page_select:
 * @uuid: a recommendation
 *
 * Shows the page (in the window's view stack), the recommendation in
 * the list (the filters are cleared when they hide it) and in the
 * editor, once what was typed in the editor is saved or given up: what
 * a link to a recommendation does, from the Overview.
 */
void
tx_outcomes_page_select (TxOutcomesPage *self,
                         const char     *uuid,
                         const char     *place)
{
  g_return_if_fail (TX_IS_OUTCOMES_PAGE (self));

  show_page (self);
  tx_list_page_select_at (TX_LIST_PAGE (self), uuid, place);
}

/**
 * tx_outcomes_page_new_for_consultation:
 * @consultation_uuid: the consultation it comes from
 *
 * Starts a new recommendation of @consultation_uuid in the editor, once
 * what was typed there is saved or given up: 添加建言 of a consultation.
 */
void
tx_outcomes_page_new_for_consultation (TxOutcomesPage *self,
                                       const char     *consultation_uuid)
{
  g_return_if_fail (TX_IS_OUTCOMES_PAGE (self));

  show_page (self);
  tx_outcome_editor_set_next_consultation (TX_OUTCOME_EDITOR (tx_list_page_get_editor (TX_LIST_PAGE (self))),
                                           consultation_uuid);
  gtk_widget_activate_action (GTK_WIDGET (self), "outcomes.new", NULL);
}
