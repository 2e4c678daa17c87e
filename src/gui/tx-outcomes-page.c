/* tx-outcomes-page.c — the outcomes (协商成果): every recommendation and
 * what became of it, the three zeros (三零) of the year, and the editor
 * of the one chosen
 *
 * A township has a few dozen recommendations a year, so the list is read
 * whole into a GListStore and read again whenever the store changes; the
 * filters (year of submission, township, adoption, feedback overdue) are
 * applied here.  A recommendation not yet submitted counts in the year of
 * its consultation, so that a new one does not vanish from the list.
 *
 * The three zeros above the list are those of tongxin-cli's metrics
 * command, for the year chosen (this year when all years are shown) and
 * the township chosen, as things stand today.
 *
 * The list and the editor sit side by side in an AdwLeaflet, as on the
 * consultations page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-outcomes-page"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "tx-day.h"
#include "tx-metrics.h"
#include "tx-outcome-edit.h"
#include "tx-outcome-editor.h"
#include "tx-outcomes-page.h"
#include "tx-records.h"
#include "tx-rules.h"
#include "tx-settings.h"
#include "tx-vocabulary.h"

struct _TxOutcomesPage
{
  AdwBin              parent_instance;

  /* template children */
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkLabel           *zeros_period_label;
  GtkLabel           *feedback_value_label;
  GtkLabel           *feedback_detail_label;
  GtkLabel           *supervision_value_label;
  GtkLabel           *supervision_detail_label;
  GtkLabel           *implementation_value_label;
  GtkLabel           *implementation_detail_label;
  GtkDropDown        *year_drop_down;
  GtkDropDown        *township_drop_down;
  GtkDropDown        *adoption_drop_down;
  GtkToggleButton    *overdue_button;
  GtkLabel           *count_label;
  GtkStack           *content_stack;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  AdwStatusPage      *error_page;
  TxOutcomeEditor    *editor;

  /* owned references */
  TxStore            *store;
  GListStore         *outcomes;
  GtkStringList      *years;       /* "All years", then the years, newest first */
  GtkStringList      *townships;   /* "All townships", then the names */

  /* state */
  TxDay                *day;
  gulong              changed_id;
  guint               filling;     /* the filters or the selection set by code */
  gboolean            year_chosen; /* the default year was applied */
  gboolean            year_touched;
};

G_DEFINE_FINAL_TYPE (TxOutcomesPage, tx_outcomes_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Dates */

static TxDate
get_today (TxOutcomesPage *self)
{
  return self->day != NULL ? tx_day_get_today (self->day) : tx_date_today_local ();
}

static int
get_current_year (TxOutcomesPage *self)
{
  return tx_date_get_year (get_today (self));
}

/* Where the feedback on @outcome stands today, as the ledger and the
 * editor judge it. */
static void
get_feedback_status (TxOutcomesPage   *self,
                     TxOutcome        *outcome,
                     TxFeedbackStatus *status)
{
  tx_feedback_get_status (outcome, get_today (self),
                          tx_settings_get_feedback_days (tx_store_get_settings (self->store)),
                          status);
}

/* The year of submission, or of the consultation when not submitted. */
static int
get_outcome_year (TxOutcome  *outcome,
                  GHashTable *consultation_years)
{
  const char *submitted = tx_outcome_get_submitted (outcome);

  if (submitted != NULL)
    return atoi (submitted);

  return GPOINTER_TO_INT (g_hash_table_lookup (consultation_years, tx_outcome_get_consultation_uuid (outcome)));
}

/* consultation uuid → its year */
static GHashTable *
read_consultation_years (TxOutcomesPage *self)
{
  g_autoptr(GHashTable) years = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) consultations = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return g_steal_pointer (&years);

  consultations = tx_store_list_consultations (self->store, 0, NULL, &error);
  if (consultations == NULL)
    {
      g_warning ("Could not read the years of the consultations: %s", error->message);
      return g_steal_pointer (&years);
    }

  for (guint i = 0; i < consultations->len; i++)
    {
      TxConsultation *consultation = g_ptr_array_index (consultations, i);

      g_hash_table_insert (years, g_strdup (tx_consultation_get_uuid (consultation)),
                           GINT_TO_POINTER (tx_consultation_get_year (consultation)));
    }

  return g_steal_pointer (&years);
}

/* The filters */

/* 0 for every year */
static int
get_filter_year (TxOutcomesPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->year_drop_down);

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0)
    return 0;

  return atoi (gtk_string_list_get_string (self->years, selected));
}

/* NULL for every township */
static const char *
get_filter_township (TxOutcomesPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->township_drop_down);

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0)
    return NULL;

  return gtk_string_list_get_string (self->townships, selected);
}

/* "All adoptions", then TxAdoption in order.  FALSE for every one. */
static gboolean
get_filter_adoption (TxOutcomesPage *self,
                     TxAdoption     *adoption)
{
  guint selected = gtk_drop_down_get_selected (self->adoption_drop_down);

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0)
    return FALSE;

  *adoption = (TxAdoption) (selected - 1);
  return TRUE;
}

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
      return;
    }

  value = g_strdup_printf ("%.0f%%", rate * 100);
  detail = g_strdup_printf (format, part, whole);
  gtk_label_set_label (value_label, value);
  gtk_label_set_label (detail_label, detail);
  gtk_widget_set_tooltip_text (GTK_WIDGET (detail_label), detail);
}

static void
update_zeros (TxOutcomesPage *self)
{
  g_autoptr(GPtrArray) townships = NULL;
  g_autoptr(TxMetrics) total = NULL;
  g_autoptr(GError) error = NULL;
  TxDate today = get_today (self);
  g_autofree char *period = NULL;
  const char *township = get_filter_township (self);
  int year = get_filter_year (self);
  TxMetrics empty = { 0 };
  const TxMetrics *metrics = &empty;

  if (year == 0)
    year = get_current_year (self);

  if (self->store != NULL)
    {
      townships = tx_metrics_compute (self->store, year, 0, today, &total, &error);
      if (townships == NULL)
        g_warning ("Could not count the three zeros: %s", error->message);
    }

  if (townships != NULL && township == NULL)
    metrics = total;
  for (guint i = 0; townships != NULL && township != NULL && i < townships->len; i++)
    if (g_strcmp0 (((TxMetrics *) g_ptr_array_index (townships, i))->township_name, township) == 0)
      metrics = g_ptr_array_index (townships, i);

  /* Translators: a year, then a township or “All townships” */
  period = g_strdup_printf (_("%d · %s"), year, township != NULL ? township : _("All townships"));
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

/* The list */

static void
update_count (TxOutcomesPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->outcomes));
  g_autofree char *count = g_strdup_printf (ngettext ("%u recommendation", "%u recommendations", n), n);

  gtk_label_set_label (self->count_label, count);
}

/* The recommendation the editor shows is selected in the list when the
 * list has it. */
static void
select_shown_outcome (TxOutcomesPage *self)
{
  const char *uuid = tx_outcome_editor_get_uuid (self->editor);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->outcomes));
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; uuid != NULL && i < n_items; i++)
    {
      g_autoptr(TxOutcome) outcome = g_list_model_get_item (G_LIST_MODEL (self->outcomes), i);

      if (g_strcmp0 (tx_outcome_get_uuid (outcome), uuid) == 0)
        position = i;
    }

  self->filling++;
  gtk_single_selection_set_selected (self->selection, position);
  self->filling--;
}

/* The chosen row is scrolled into view (GTK 4.8 has no
 * gtk_list_view_scroll_to(); its list base has this action). */
static void
scroll_to_selected (TxOutcomesPage *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static gboolean
is_listed (TxOutcomesPage *self,
           const char     *uuid)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->outcomes));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TxOutcome) outcome = g_list_model_get_item (G_LIST_MODEL (self->outcomes), i);

      if (g_strcmp0 (tx_outcome_get_uuid (outcome), uuid) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
reload (TxOutcomesPage *self)
{
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(GHashTable) consultation_years = NULL;
  g_autoptr(GError) error = NULL;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->outcomes));
  int year = get_filter_year (self);
  const char *township = get_filter_township (self);
  TxAdoption adoption = TX_ADOPTION_PENDING;
  gboolean by_adoption = get_filter_adoption (self, &adoption);
  gboolean overdue_only = gtk_toggle_button_get_active (self->overdue_button);

  update_zeros (self);

  if (self->store != NULL)
    {
      outcomes = tx_store_list_outcomes (self->store, NULL, &error);
      if (outcomes == NULL)
        {
          g_autofree char *markup = g_markup_escape_text (error->message, -1);

          g_warning ("Could not read the recommendations: %s", error->message);
          self->filling++;
          g_list_store_remove_all (self->outcomes);
          self->filling--;
          update_count (self);
          adw_status_page_set_description (self->error_page, markup);
          gtk_stack_set_visible_child_name (self->content_stack, "error");
          return;
        }

      consultation_years = read_consultation_years (self);
      for (guint i = 0; i < outcomes->len; i++)
        {
          TxOutcome *outcome = g_ptr_array_index (outcomes, i);

          if (year != 0 && get_outcome_year (outcome, consultation_years) != year)
            continue;
          if (township != NULL && g_strcmp0 (tx_outcome_get_township_name (outcome), township) != 0)
            continue;
          if (by_adoption && tx_outcome_get_adoption (outcome) != adoption)
            continue;
          if (overdue_only)
            {
              TxFeedbackStatus status;

              get_feedback_status (self, outcome, &status);
              if (status.state != TX_FEEDBACK_OVERDUE)
                continue;
            }

          g_ptr_array_add (shown, outcome);
        }
    }

  /* The selection follows the editor, not the splice. */
  self->filling++;
  g_list_store_splice (self->outcomes, 0, n_old, shown->pdata, shown->len);
  self->filling--;
  select_shown_outcome (self);
  update_count (self);

  if (shown->len > 0)
    gtk_stack_set_visible_child_name (self->content_stack, "list");
  else if (outcomes != NULL && outcomes->len > 0)
    gtk_stack_set_visible_child_name (self->content_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

static int
compare_years_descending (gconstpointer a,
                          gconstpointer b)
{
  int x = *(const int *) a;
  int y = *(const int *) b;

  return (x < y) - (x > y);
}

/* The years of the recommendations, and this year.  The chosen year
 * stays chosen; at first, this year is, or the last one with
 * recommendations when this one has none yet (in January). */
static void
fill_years (TxOutcomesPage *self)
{
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GHashTable) consultation_years = read_consultation_years (self);
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  int chosen = get_filter_year (self);
  int current = get_current_year (self);
  int latest = 0;
  gboolean current_has_outcomes = FALSE;
  guint position = 0;

  if (self->store != NULL)
    {
      outcomes = tx_store_list_outcomes (self->store, NULL, &error);
      if (outcomes == NULL)
        g_warning ("Could not read the years of the recommendations: %s", error->message);
    }

  g_array_append_val (years, current);
  for (guint i = 0; outcomes != NULL && i < outcomes->len; i++)
    {
      int year = get_outcome_year (g_ptr_array_index (outcomes, i), consultation_years);
      gboolean known = FALSE;

      if (year == current)
        current_has_outcomes = TRUE;
      if (year <= current)
        latest = MAX (latest, year);

      for (guint j = 0; j < years->len; j++)
        known = known || g_array_index (years, int, j) == year;
      if (year > 0 && !known)
        g_array_append_val (years, year);
    }
  g_array_sort (years, compare_years_descending);

  if (!self->year_chosen && self->store != NULL)
    {
      chosen = current_has_outcomes || latest == 0 ? current : latest;
      self->year_chosen = TRUE;
    }

  for (guint i = 0; i < years->len; i++)
    {
      int year = g_array_index (years, int, i);

      if (year == chosen)
        position = i + 1;
      g_ptr_array_add (labels, g_strdup_printf ("%d", year));
    }
  g_ptr_array_add (labels, NULL);

  self->filling++;
  gtk_string_list_splice (self->years, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->years)) - 1,
                          (const char * const *) labels->pdata);
  gtk_drop_down_set_selected (self->year_drop_down, position);
  self->filling--;
}

/* "All townships" and the store's townships; the chosen one stays chosen. */
static void
fill_townships (TxOutcomesPage *self)
{
  g_autoptr(GPtrArray) townships = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *chosen = g_strdup (get_filter_township (self));
  guint position = 0;

  if (self->store != NULL)
    {
      townships = tx_store_list_townships (self->store, &error);
      if (townships == NULL)
        g_warning ("Could not read the townships: %s", error->message);
    }

  for (guint i = 0; townships != NULL && i < townships->len; i++)
    {
      const char *name = tx_township_get_name (g_ptr_array_index (townships, i));

      if (g_strcmp0 (name, chosen) == 0)
        position = i + 1;
      g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_add (names, NULL);

  self->filling++;
  gtk_string_list_splice (self->townships, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->townships)) - 1,
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->township_drop_down, position);
  self->filling--;
}

/* Shows every recommendation again. */
static void
clear_filters (TxOutcomesPage *self)
{
  self->filling++;
  gtk_drop_down_set_selected (self->year_drop_down, 0);
  gtk_drop_down_set_selected (self->township_drop_down, 0);
  gtk_drop_down_set_selected (self->adoption_drop_down, 0);
  gtk_toggle_button_set_active (self->overdue_button, FALSE);
  self->filling--;
}

/* The rows */

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     TxOutcomesPage           *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *status = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *status_icon = gtk_image_new ();
  GtkWidget *status_label = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (title), 10);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 30);
  gtk_box_append (GTK_BOX (box), title);

  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_box_append (GTK_BOX (box), detail);

  gtk_label_set_xalign (GTK_LABEL (status_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (status_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (status_label, "caption");
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

/* Title; township, submission and adoption; and the feedback when it
 * is awaited, in words, with "overdue" said and not only coloured. */
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
  g_autofree char *text = NULL;
  TxFeedbackStatus feedback;

  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "tx-title"), tx_outcome_get_title (outcome));
  gtk_widget_set_tooltip_text (g_object_get_data (G_OBJECT (box), "tx-title"), tx_outcome_get_title (outcome));

  if (submitted != NULL)
    /* Translators: %s is the date a recommendation was submitted */
    submission = g_strdup_printf (_("Submitted %s"), submitted);
  else
    submission = g_strdup (_("Not submitted yet"));
  /* Translators: a township, when it was submitted, how far it was adopted */
  detail = g_strdup_printf (_("%s · %s · %s"), tx_outcome_get_township_name (outcome), submission,
                            tx_adoption_get_label (tx_outcome_get_adoption (outcome)));
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "tx-detail"), detail);

  get_feedback_status (self, outcome, &feedback);
  gtk_widget_set_visible (status, feedback.state >= TX_FEEDBACK_AWAITED);
  if (feedback.state < TX_FEEDBACK_AWAITED)
    return;

  if (feedback.state == TX_FEEDBACK_OVERDUE)
    {
      int days = feedback.days;

      text = g_strdup_printf (ngettext ("Feedback overdue by %d day", "Feedback overdue by %d days", days), days);
      gtk_image_set_from_icon_name (g_object_get_data (G_OBJECT (box), "tx-status-icon"), "dialog-warning-symbolic");
      gtk_widget_add_css_class (status, "error");
      gtk_widget_remove_css_class (status, "dim-label");
    }
  else
    {
      char buffer[11];

      tx_date_write_iso (feedback.due, buffer);
      /* Translators: %s is the date feedback is due */
      text = g_strdup_printf (_("Awaiting feedback, due %s"), buffer);
      gtk_image_set_from_icon_name (g_object_get_data (G_OBJECT (box), "tx-status-icon"), "alarm-symbolic");
      gtk_widget_remove_css_class (status, "error");
      gtk_widget_add_css_class (status, "dim-label");
    }
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "tx-status-label"), text);
}

/* The editor */

static void
show_in_editor (TxOutcomesPage *self,
                const char     *uuid)
{
  tx_outcome_editor_set_outcome (self->editor, self->store, uuid);
  select_shown_outcome (self);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->editor));
}

static void
on_unsaved_dialog_response_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               TxOutcomesPage   *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (dialog), "tx-uuid");

  if (g_strcmp0 (response, "save") == 0)
    {
      if (tx_outcome_editor_save (self->editor))
        show_in_editor (self, uuid);
    }
  else if (g_strcmp0 (response, "discard") == 0)
    show_in_editor (self, uuid);
}

/* Shows @uuid, or a new recommendation for %NULL, once what was typed
 * in the editor is saved or given up. */
static void
open_outcome (TxOutcomesPage *self,
              const char     *uuid)
{
  AdwMessageDialog *dialog;
  GtkRoot *root;
  g_autofree char *body = NULL;
  g_autofree char *title = NULL;

  if (self->store == NULL)
    return;

  if (!tx_outcome_editor_has_changes (self->editor))
    {
      show_in_editor (self, uuid);
      return;
    }

  /* The list shows what the editor shows while the clerk answers. */
  select_shown_outcome (self);

  title = g_strstrip (g_strdup (tx_outcome_editor_get_title (self->editor)));
  if (title[0] != '\0')
    /* Translators: %s is a recommendation's title */
    body = g_strdup_printf (_("The changes to “%s” are not saved."), title);
  else
    body = g_strdup (_("The new recommendation is not saved."));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Save Changes?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "tx-uuid", g_strdup (uuid), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_unsaved_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The page is one of the window's view stack: it is shown. */
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

/* Callbacks */

/* Another day: a new year in the list, and what is overdue */
static void
on_day_changed_cb (TxOutcomesPage *self)
{
  /* a year the clerk did not choose follows the new day */
  if (!self->year_touched)
    self->year_chosen = FALSE;
  fill_years (self);
  reload (self);
}

static void
on_store_changed_cb (TxStore        *store,
                     const char     *kind,
                     const char     *uuid,
                     TxOutcomesPage *self)
{
  gboolean all = g_strcmp0 (kind, "all") == 0;

  /* A recommendation; a consultation's year or a township's name; the
   * whole database. */
  if (all || g_strcmp0 (kind, "township") == 0)
    fill_townships (self);
  if (all || g_strcmp0 (kind, "outcome") == 0 || g_strcmp0 (kind, "consultation") == 0)
    fill_years (self);
  if (all || g_strcmp0 (kind, "outcome") == 0 || g_strcmp0 (kind, "consultation") == 0 ||
      g_strcmp0 (kind, "township") == 0)
    reload (self);
}

static void
on_filter_drop_down_notify_selected_cb (GtkDropDown    *drop_down,
                                        GParamSpec     *pspec,
                                        TxOutcomesPage *self)
{
  if (self->filling > 0)
    return;

  if (drop_down == self->year_drop_down)
    self->year_touched = TRUE;
  reload (self);
}

static void
on_overdue_button_toggled_cb (GtkToggleButton *button,
                              TxOutcomesPage  *self)
{
  if (self->filling > 0)
    return;

  reload (self);
}

static void
on_selection_notify_selected_cb (GtkSingleSelection *selection,
                                 GParamSpec         *pspec,
                                 TxOutcomesPage     *self)
{
  TxOutcome *outcome;

  if (self->filling > 0)
    return;

  outcome = gtk_single_selection_get_selected_item (selection);
  if (outcome == NULL)
    return;

  if (g_strcmp0 (tx_outcome_get_uuid (outcome), tx_outcome_editor_get_uuid (self->editor)) == 0)
    {
      adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->editor));
      return;
    }

  open_outcome (self, tx_outcome_get_uuid (outcome));
}

/* Double click or Enter: the editor, also when the row was chosen already. */
static void
on_list_view_activate_cb (GtkListView    *list_view,
                          guint           position,
                          TxOutcomesPage *self)
{
  g_autoptr(TxOutcome) outcome = g_list_model_get_item (G_LIST_MODEL (self->outcomes), position);

  if (outcome == NULL)
    return;

  if (g_strcmp0 (tx_outcome_get_uuid (outcome), tx_outcome_editor_get_uuid (self->editor)) == 0)
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->editor));
  else
    open_outcome (self, tx_outcome_get_uuid (outcome));
}

/* A new recommendation may be hidden by the filters: it is shown anyway. */
static void
on_editor_saved_cb (TxOutcomeEditor *editor,
                    const char      *uuid,
                    TxOutcomesPage  *self)
{
  if (!is_listed (self, uuid))
    {
      clear_filters (self);
      reload (self);
    }
  select_shown_outcome (self);
  scroll_to_selected (self);
}

/* Another recommendation, nothing after a deletion, or one back after
 * an undo. */
static void
on_editor_notify_uuid_cb (TxOutcomeEditor *editor,
                          GParamSpec      *pspec,
                          TxOutcomesPage  *self)
{
  const char *uuid = tx_outcome_editor_get_uuid (editor);

  if (uuid != NULL && !is_listed (self, uuid))
    reload (self);
  select_shown_outcome (self);

  if (uuid == NULL && !tx_outcome_editor_is_new (editor) && adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
on_leaflet_notify_folded_cb (AdwLeaflet     *leaflet,
                             GParamSpec     *pspec,
                             TxOutcomesPage *self)
{
  /* Folded with nothing to edit: the list. */
  if (adw_leaflet_get_folded (leaflet) &&
      tx_outcome_editor_get_uuid (self->editor) == NULL &&
      !tx_outcome_editor_is_new (self->editor))
    adw_leaflet_set_visible_child (leaflet, self->list_pane);
}

/* Actions */

static void
tx_outcomes_page_new_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  open_outcome (TX_OUTCOMES_PAGE (widget), NULL);
}

static void
tx_outcomes_page_show_list_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  TxOutcomesPage *self = TX_OUTCOMES_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

/* GObject */

static void
tx_outcomes_page_dispose (GObject *object)
{
  TxOutcomesPage *self = (TxOutcomesPage *)object;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  /* The leaflet is the bin's child and a template child: the bin lets
   * go of it first, as TxConsultationsPage does. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_OUTCOMES_PAGE);
  g_clear_object (&self->outcomes);
  g_clear_object (&self->years);
  g_clear_object (&self->townships);

  G_OBJECT_CLASS (tx_outcomes_page_parent_class)->dispose (object);
}

static void
tx_outcomes_page_finalize (GObject *object)
{
  TxOutcomesPage *self = (TxOutcomesPage *)object;

  g_clear_object (&self->day);

  G_OBJECT_CLASS (tx_outcomes_page_parent_class)->finalize (object);
}

static void
tx_outcomes_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TxOutcomesPage *self = TX_OUTCOMES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_DAY:
      g_value_set_object (value, self->day);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_outcomes_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TxOutcomesPage *self = TX_OUTCOMES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tx_outcomes_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_DAY:
      tx_outcomes_page_set_day (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_outcomes_page_class_init (TxOutcomesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_outcomes_page_dispose;
  object_class->finalize = tx_outcomes_page_finalize;
  object_class->get_property = tx_outcomes_page_get_property;
  object_class->set_property = tx_outcomes_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TxOutcomesPage:today: (nullable)
   *
   * The day the page works with, YYYY-MM-DD: the year shown at first,
   * the day the three zeros are counted to, overdue feedback.  %NULL for
   * the real date; tests set it.
   */
  properties[PROP_DAY] =
    g_param_spec_object ("day", NULL, NULL,
                         TX_TYPE_DAY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "outcomes.new", NULL,
                                   tx_outcomes_page_new_action);
  gtk_widget_class_install_action (widget_class, "outcomes.show-list", NULL,
                                   tx_outcomes_page_show_list_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "outcomes.new", NULL);

  g_type_ensure (TX_TYPE_OUTCOME);
  g_type_ensure (TX_TYPE_OUTCOME_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-outcomes-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, zeros_period_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, feedback_value_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, feedback_detail_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, supervision_value_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, supervision_detail_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, implementation_value_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, implementation_detail_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, year_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, township_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, adoption_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, overdue_button);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, selection);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomesPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_drop_down_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_overdue_button_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_notify_uuid_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_notify_folded_cb);
}

static void
tx_outcomes_page_init (TxOutcomesPage *self)
{
  g_autoptr(GtkStringList) adoptions = NULL;

  /* The models are set before the template's signal handlers can run. */
  self->years = gtk_string_list_new (NULL);
  gtk_string_list_append (self->years, _("All years"));
  self->townships = gtk_string_list_new (NULL);
  gtk_string_list_append (self->townships, _("All townships"));

  /* In the order of TxAdoption. */
  adoptions = gtk_string_list_new (NULL);
  gtk_string_list_append (adoptions, _("Any adoption"));
  for (guint i = 0; i < tx_adoption_get_count (); i++)
    gtk_string_list_append (adoptions, tx_adoption_get_label ((TxAdoption) i));

  self->filling++;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_model (self->year_drop_down, G_LIST_MODEL (self->years));
  gtk_drop_down_set_model (self->township_drop_down, G_LIST_MODEL (self->townships));
  gtk_drop_down_set_model (self->adoption_drop_down, G_LIST_MODEL (adoptions));
  self->filling--;

  self->outcomes = g_list_store_new (TX_TYPE_OUTCOME);
  self->filling++;
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->outcomes));
  self->filling--;

  update_zeros (self);
  update_count (self);
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

/* Public API */

GtkWidget *
tx_outcomes_page_new (void)
{
  return g_object_new (TX_TYPE_OUTCOMES_PAGE, NULL);
}

TxStore *
tx_outcomes_page_get_store (TxOutcomesPage *self)
{
  g_return_val_if_fail (TX_IS_OUTCOMES_PAGE (self), NULL);

  return self->store;
}

/**
 * tx_outcomes_page_set_store:
 * @store: (nullable): the store whose recommendations to show
 */
void
tx_outcomes_page_set_store (TxOutcomesPage *self,
                            TxStore        *store)
{
  g_return_if_fail (TX_IS_OUTCOMES_PAGE (self));
  g_return_if_fail (store == NULL || TX_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_id = g_signal_connect_object (store, "changed",
                                                G_CALLBACK (on_store_changed_cb),
                                                self, 0);

  /* Another database: this year again, and nothing in the editor. */
  self->year_chosen = FALSE;
  self->year_touched = FALSE;
  clear_filters (self);
  tx_outcome_editor_set_outcome (self->editor, NULL, NULL);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);

  fill_townships (self);
  fill_years (self);
  reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

TxDay *
tx_outcomes_page_get_day (TxOutcomesPage *self)
{
  g_return_val_if_fail (TX_IS_OUTCOMES_PAGE (self), NULL);

  return self->day;
}

/**
 * tx_outcomes_page_set_day:
 * @day: (nullable): the day to work with
 */
void
tx_outcomes_page_set_day (TxOutcomesPage *self,
                          TxDay *day)
{
  g_return_if_fail (TX_IS_OUTCOMES_PAGE (self));
  g_return_if_fail (day == NULL || TX_IS_DAY (day));

  if (self->day == day)
    return;

  if (self->day != NULL)
    g_signal_handlers_disconnect_by_func (self->day, on_day_changed_cb, self);
  g_set_object (&self->day, day);
  if (day != NULL)
    g_signal_connect_object (day, "changed", G_CALLBACK (on_day_changed_cb), self, G_CONNECT_SWAPPED);

  /* This year may be another one. */
  if (!self->year_touched)
    self->year_chosen = FALSE;
  fill_years (self);
  reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
}

/**
 * tx_outcomes_page_select:
 * @uuid: a recommendation
 *
 * Shows the page (in the window's view stack), the recommendation in the
 * list (the filters are cleared when they hide it) and in the editor,
 * once what was typed in the editor is saved or given up: what a link
 * to a recommendation does, from the Overview.
 */
void
tx_outcomes_page_select (TxOutcomesPage *self,
                         const char     *uuid)
{
  g_return_if_fail (TX_IS_OUTCOMES_PAGE (self));
  g_return_if_fail (uuid != NULL);

  if (self->store == NULL)
    return;

  show_page (self);

  if (!is_listed (self, uuid))
    {
      clear_filters (self);
      reload (self);
    }

  if (g_strcmp0 (uuid, tx_outcome_editor_get_uuid (self->editor)) == 0)
    {
      select_shown_outcome (self);
      adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->editor));
    }
  else
    open_outcome (self, uuid);

  scroll_to_selected (self);
}
