/* tx-consultations-page.c — the consultations (协商活动): the list, by
 * meeting date, and the editor of the one chosen
 *
 * A township has a handful of consultations a year, so the list is read
 * whole into a GListStore, and read again whenever the store changes.
 * The year and the township are filtered in SQL; the current stage,
 * which is worked out from the six stages, here.
 *
 * The list and the editor sit side by side in an AdwLeaflet, which folds
 * into one pane on a narrow window: choosing a consultation then shows
 * the editor, whose back button shows the list again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-consultations-page"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "tx-consultation-editor.h"
#include "tx-consultations-page.h"
#include "tx-day.h"
#include "tx-ledger.h"
#include "tx-records.h"
#include "tx-vocabulary.h"

struct _TxConsultationsPage
{
  AdwBin                parent_instance;

  /* template children */
  AdwLeaflet           *leaflet;
  GtkWidget            *list_pane;
  GtkDropDown          *year_drop_down;
  GtkDropDown          *township_drop_down;
  GtkDropDown          *stage_drop_down;
  GtkDropDown          *color_drop_down;
  GtkStack             *content_stack;
  GtkSingleSelection   *selection;
  AdwStatusPage        *error_page;
  TxConsultationEditor *editor;

  /* owned references */
  TxStore              *store;
  GListStore           *consultations;
  GtkStringList        *years;        /* "All years", then the years, newest first */
  GtkStringList        *townships;    /* "All townships", then the names */

  /* state */
  TxDay                *day;
  gulong                changed_id;
  guint                 filling;      /* the filters or the selection set by code */
  gboolean              year_chosen;  /* the default year was applied */
  gboolean              year_touched; /* the clerk chose a year */
};

G_DEFINE_FINAL_TYPE (TxConsultationsPage, tx_consultations_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static TxDate
get_today (TxConsultationsPage *self)
{
  return self->day != NULL ? tx_day_get_today (self->day) : tx_date_today_local ();
}

static int
get_current_year (TxConsultationsPage *self)
{
  return tx_date_get_year (get_today (self));
}

static void
show_error (TxConsultationsPage *self,
            const GError        *error)
{
  g_autofree char *markup = g_markup_escape_text (error->message, -1);

  adw_status_page_set_description (self->error_page, markup);
  gtk_stack_set_visible_child_name (self->content_stack, "error");
}

/* The filters */

/* 0 for every year */
static int
get_filter_year (TxConsultationsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->year_drop_down);

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0)
    return 0;

  return atoi (gtk_string_list_get_string (self->years, selected));
}

/* NULL for every township */
static const char *
get_filter_township (TxConsultationsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->township_drop_down);

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0)
    return NULL;

  return gtk_string_list_get_string (self->townships, selected);
}

/* The stage drop-down: "All stages", the six stages, then "Completed"
 * (TX_STAGE_DONE).  FALSE for every stage. */
static gboolean
get_filter_stage (TxConsultationsPage *self,
                  TxStage             *stage)
{
  guint selected = gtk_drop_down_get_selected (self->stage_drop_down);

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0)
    return FALSE;

  *stage = (TxStage) (selected - 1);
  return TRUE;
}

/* The colour drop-down: "All colours", then green, yellow, red (TxColor).
 * FALSE for every colour. */
static gboolean
get_filter_color (TxConsultationsPage *self,
                  TxColor             *color)
{
  guint selected = gtk_drop_down_get_selected (self->color_drop_down);

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0)
    return FALSE;

  *color = (TxColor) (selected - 1);
  return TRUE;
}

/* The consultation the editor shows is selected in the list when the
 * list has it. */
static void
select_shown_consultation (TxConsultationsPage *self)
{
  const char *uuid = tx_consultation_editor_get_uuid (self->editor);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->consultations));
  guint position = GTK_INVALID_LIST_POSITION;

  /* Folded, the list alone: nothing is chosen, so that a click on any
   * row, the last one too, shows it. */
  if (adw_leaflet_get_folded (self->leaflet) &&
      adw_leaflet_get_visible_child (self->leaflet) == self->list_pane)
    uuid = NULL;

  for (guint i = 0; uuid != NULL && i < n_items; i++)
    {
      g_autoptr(TxConsultation) consultation = g_list_model_get_item (G_LIST_MODEL (self->consultations), i);

      if (g_strcmp0 (tx_consultation_get_uuid (consultation), uuid) == 0)
        position = i;
    }

  self->filling++;
  gtk_single_selection_set_selected (self->selection, position);
  self->filling--;
}

static void
reload (TxConsultationsPage *self)
{
  g_autoptr(GPtrArray) consultations = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->consultations));
  g_autoptr(TxLedger) ledger = NULL;
  TxStage stage;
  TxColor color = TX_COLOR_GREEN;
  gboolean by_stage = get_filter_stage (self, &stage);
  gboolean by_color = get_filter_color (self, &color);

  if (self->store != NULL)
    {
      consultations = tx_store_list_consultations (self->store,
                                                   get_filter_year (self),
                                                   get_filter_township (self),
                                                   &error);
      if (consultations == NULL)
        {
          g_warning ("Could not read the consultations: %s", error->message);
          self->filling++;
          g_list_store_remove_all (self->consultations);
          self->filling--;
          show_error (self, error);
          return;
        }

      /* the colour of each consultation in this quarter's ledger */
      if (by_color)
        {
          TxDate today = get_today (self);

          ledger = tx_ledger_get (self->store, tx_date_get_year (today), tx_date_get_quarter (today),
                                  today, &error);
          if (ledger == NULL)
            {
              g_warning ("Could not read the ledger: %s", error->message);
              by_color = FALSE;
            }
        }

      for (guint i = 0; i < consultations->len; i++)
        {
          TxConsultation *consultation = g_ptr_array_index (consultations, i);

          if (by_stage && tx_consultation_get_current_stage (consultation) != stage)
            continue;
          if (by_color && tx_ledger_consultation_color (ledger, tx_consultation_get_uuid (consultation)) != color)
            continue;
          g_ptr_array_add (shown, consultation);
        }
    }

  /* The selection follows the editor, not the splice. */
  self->filling++;
  g_list_store_splice (self->consultations, 0, n_old, shown->pdata, shown->len);
  self->filling--;
  select_shown_consultation (self);

  if (shown->len > 0)
    gtk_stack_set_visible_child_name (self->content_stack, "list");
  else if (self->store != NULL && tx_store_count (self->store, "consultation") > 0)
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

/* The years of the consultations, and this year.  The chosen year stays
 * chosen; at first, this year is, when it has consultations. */
static void
fill_years (TxConsultationsPage *self)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  int chosen = get_filter_year (self);
  int current = get_current_year (self);
  gboolean current_has_consultations = FALSE;
  guint position = 0;

  if (self->store != NULL)
    {
      all = tx_store_list_consultations (self->store, 0, NULL, &error);
      if (all == NULL)
        g_warning ("Could not read the years of the consultations: %s", error->message);
    }

  g_array_append_val (years, current);
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      int year = tx_consultation_get_year (g_ptr_array_index (all, i));
      gboolean known = FALSE;

      if (year == current)
        current_has_consultations = TRUE;
      for (guint j = 0; j < years->len; j++)
        known = known || g_array_index (years, int, j) == year;
      if (year > 0 && !known)
        g_array_append_val (years, year);
    }
  g_array_sort (years, compare_years_descending);

  if (!self->year_chosen && self->store != NULL)
    {
      chosen = current_has_consultations ? current : 0;
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
fill_townships (TxConsultationsPage *self)
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

/* Shows every consultation again. */
static void
clear_filters (TxConsultationsPage *self)
{
  self->filling++;
  gtk_drop_down_set_selected (self->year_drop_down, 0);
  gtk_drop_down_set_selected (self->township_drop_down, 0);
  gtk_drop_down_set_selected (self->stage_drop_down, 0);
  gtk_drop_down_set_selected (self->color_drop_down, 0);
  self->filling--;
}

/* The editor */

static void
show_in_editor (TxConsultationsPage *self,
                const char          *uuid)
{
  tx_consultation_editor_set_consultation (self->editor, self->store, uuid);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->editor));
  select_shown_consultation (self);
}

static void
on_unsaved_dialog_response_cb (AdwMessageDialog    *dialog,
                               const char          *response,
                               TxConsultationsPage *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (dialog), "tx-uuid");

  if (g_strcmp0 (response, "save") == 0)
    {
      if (tx_consultation_editor_save (self->editor))
        show_in_editor (self, uuid);
    }
  else if (g_strcmp0 (response, "discard") == 0)
    show_in_editor (self, uuid);
}

/* Shows @uuid, or a new consultation for %NULL, once what was typed in
 * the editor is saved or given up. */
static void
open_consultation (TxConsultationsPage *self,
                   const char          *uuid)
{
  AdwMessageDialog *dialog;
  GtkRoot *root;
  g_autofree char *body = NULL;
  g_autofree char *title = NULL;

  if (self->store == NULL)
    return;

  if (!tx_consultation_editor_has_changes (self->editor))
    {
      show_in_editor (self, uuid);
      return;
    }

  /* The list shows what the editor shows while the clerk answers. */
  select_shown_consultation (self);

  title = g_strstrip (g_strdup (tx_consultation_editor_get_title (self->editor)));
  if (title[0] != '\0')
    /* Translators: %s is a consultation's title */
    body = g_strdup_printf (_("The changes to “%s” are not saved."), title);
  else
    body = g_strdup (_("The new consultation is not saved."));

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

/* Callbacks */

/* Another day: a new year in the list, and this quarter's colours */
static void
on_day_changed_cb (TxConsultationsPage *self)
{
  /* a year the clerk did not choose follows the new day */
  if (!self->year_touched)
    self->year_chosen = FALSE;
  fill_years (self);
  reload (self);
}

static void
on_store_changed_cb (TxStore             *store,
                     const char          *kind,
                     const char          *uuid,
                     TxConsultationsPage *self)
{
  gboolean all = g_strcmp0 (kind, "all") == 0;

  /* A stage, a township's name or the whole database. */
  if (all || g_strcmp0 (kind, "township") == 0)
    fill_townships (self);
  if (all || g_strcmp0 (kind, "consultation") == 0)
    fill_years (self);
  if (all || g_strcmp0 (kind, "consultation") == 0 || g_strcmp0 (kind, "township") == 0)
    reload (self);
}

static void
on_filter_drop_down_notify_selected_cb (GtkDropDown         *drop_down,
                                        GParamSpec          *pspec,
                                        TxConsultationsPage *self)
{
  if (self->filling > 0)
    return;

  if (drop_down == self->year_drop_down)
    self->year_touched = TRUE;
  reload (self);
}

static void
on_selection_notify_selected_cb (GtkSingleSelection  *selection,
                                 GParamSpec          *pspec,
                                 TxConsultationsPage *self)
{
  TxConsultation *consultation;

  if (self->filling > 0)
    return;

  consultation = gtk_single_selection_get_selected_item (selection);
  if (consultation == NULL)
    return;

  if (g_strcmp0 (tx_consultation_get_uuid (consultation), tx_consultation_editor_get_uuid (self->editor)) == 0)
    {
      adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->editor));
      return;
    }

  open_consultation (self, tx_consultation_get_uuid (consultation));
}

/* Double click or Enter: the editor, also when the row was chosen already. */
static void
on_column_view_activate_cb (GtkColumnView       *column_view,
                            guint                position,
                            TxConsultationsPage *self)
{
  g_autoptr(TxConsultation) consultation = g_list_model_get_item (G_LIST_MODEL (self->consultations), position);

  if (consultation == NULL)
    return;

  if (g_strcmp0 (tx_consultation_get_uuid (consultation), tx_consultation_editor_get_uuid (self->editor)) == 0)
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->editor));
  else
    open_consultation (self, tx_consultation_get_uuid (consultation));
}

/* A new consultation may be hidden by the filters: it is shown anyway. */
static void
on_editor_saved_cb (TxConsultationEditor *editor,
                    const char           *uuid,
                    TxConsultationsPage  *self)
{
  select_shown_consultation (self);
  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    {
      clear_filters (self);
      reload (self);
    }
}

static void
on_leaflet_notify_folded_cb (AdwLeaflet          *leaflet,
                             GParamSpec          *pspec,
                             TxConsultationsPage *self)
{
  /* Folded with nothing to edit: the list. */
  if (adw_leaflet_get_folded (leaflet) &&
      tx_consultation_editor_get_uuid (self->editor) == NULL &&
      !tx_consultation_editor_is_new (self->editor))
    adw_leaflet_set_visible_child (leaflet, self->list_pane);

  select_shown_consultation (self);
}

/* Back to the list by the button or by a swipe. */
static void
on_leaflet_notify_visible_child_cb (AdwLeaflet          *leaflet,
                                    GParamSpec          *pspec,
                                    TxConsultationsPage *self)
{
  select_shown_consultation (self);
}

/* Actions */

static void
tx_consultations_page_new_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  open_consultation (TX_CONSULTATIONS_PAGE (widget), NULL);
}

static void
tx_consultations_page_show_list_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  TxConsultationsPage *self = TX_CONSULTATIONS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

/* GObject */

static void
tx_consultations_page_dispose (GObject *object)
{
  TxConsultationsPage *self = (TxConsultationsPage *)object;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  /* The leaflet is the bin's child and a template child: the bin lets
   * go of it first, or gtk_widget_dispose_template() would unparent it
   * behind the bin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_CONSULTATIONS_PAGE);
  g_clear_object (&self->consultations);
  g_clear_object (&self->years);
  g_clear_object (&self->townships);

  G_OBJECT_CLASS (tx_consultations_page_parent_class)->dispose (object);
}

static void
tx_consultations_page_finalize (GObject *object)
{
  TxConsultationsPage *self = (TxConsultationsPage *)object;

  g_clear_object (&self->day);

  G_OBJECT_CLASS (tx_consultations_page_parent_class)->finalize (object);
}

static void
tx_consultations_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TxConsultationsPage *self = TX_CONSULTATIONS_PAGE (object);

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
tx_consultations_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TxConsultationsPage *self = TX_CONSULTATIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tx_consultations_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_DAY:
      tx_consultations_page_set_day (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_consultations_page_class_init (TxConsultationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_consultations_page_dispose;
  object_class->finalize = tx_consultations_page_finalize;
  object_class->get_property = tx_consultations_page_get_property;
  object_class->set_property = tx_consultations_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TxConsultationsPage:day: (nullable)
   *
   * The day the page works with: the year shown at first, the day
   * stages are marked done on, overdue stages.
   */
  properties[PROP_DAY] =
    g_param_spec_object ("day", NULL, NULL,
                         TX_TYPE_DAY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "consultations.new", NULL,
                                   tx_consultations_page_new_action);
  gtk_widget_class_install_action (widget_class, "consultations.show-list", NULL,
                                   tx_consultations_page_show_list_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "consultations.new", NULL);

  /* The cells of the column view look up properties of TxConsultation. */
  g_type_ensure (TX_TYPE_CONSULTATION);
  g_type_ensure (TX_TYPE_CONSULTATION_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-consultations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TxConsultationsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationsPage, year_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationsPage, township_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationsPage, stage_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationsPage, color_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationsPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_drop_down_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_notify_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_notify_visible_child_cb);
}

static void
tx_consultations_page_init (TxConsultationsPage *self)
{
  g_autoptr(GtkStringList) stages = NULL;
  g_autoptr(GtkStringList) colors = NULL;

  /* The models are set before the template's signal handlers can run. */
  self->years = gtk_string_list_new (NULL);
  gtk_string_list_append (self->years, _("All years"));
  self->townships = gtk_string_list_new (NULL);
  gtk_string_list_append (self->townships, _("All townships"));

  /* In the order of TxStage, "Completed" last. */
  stages = gtk_string_list_new (NULL);
  gtk_string_list_append (stages, _("All stages"));
  for (guint i = 0; i <= TX_STAGE_DONE; i++)
    gtk_string_list_append (stages, tx_stage_get_label ((TxStage) i));

  /* each colour with its mark and its word, never the colour alone */
  colors = gtk_string_list_new (NULL);
  gtk_string_list_append (colors, _("All colours"));
  for (guint i = 0; i <= TX_COLOR_RED; i++)
    {
      static const char * const marks[] = { "✓", "!", "✕" };
      g_autofree char *label = g_strdup_printf ("%s %s", marks[i], tx_color_get_label ((TxColor) i));

      gtk_string_list_append (colors, label);
    }

  self->filling++;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_model (self->year_drop_down, G_LIST_MODEL (self->years));
  gtk_drop_down_set_model (self->township_drop_down, G_LIST_MODEL (self->townships));
  gtk_drop_down_set_model (self->stage_drop_down, G_LIST_MODEL (stages));
  gtk_drop_down_set_model (self->color_drop_down, G_LIST_MODEL (colors));
  self->filling--;

  self->consultations = g_list_store_new (TX_TYPE_CONSULTATION);
  self->filling++;
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->consultations));
  self->filling--;
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

/* Public API */

GtkWidget *
tx_consultations_page_new (void)
{
  return g_object_new (TX_TYPE_CONSULTATIONS_PAGE, NULL);
}

TxStore *
tx_consultations_page_get_store (TxConsultationsPage *self)
{
  g_return_val_if_fail (TX_IS_CONSULTATIONS_PAGE (self), NULL);

  return self->store;
}

/**
 * tx_consultations_page_set_store:
 * @store: (nullable): the store whose consultations to show
 */
void
tx_consultations_page_set_store (TxConsultationsPage *self,
                                 TxStore             *store)
{
  g_return_if_fail (TX_IS_CONSULTATIONS_PAGE (self));
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
  tx_consultation_editor_set_consultation (self->editor, NULL, NULL);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);

  fill_townships (self);
  fill_years (self);
  reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

TxDay *
tx_consultations_page_get_day (TxConsultationsPage *self)
{
  g_return_val_if_fail (TX_IS_CONSULTATIONS_PAGE (self), NULL);

  return self->day;
}

/**
 * tx_consultations_page_set_day:
 * @day: (nullable): the day the page works with
 */
void
tx_consultations_page_set_day (TxConsultationsPage *self,
                               TxDay               *day)
{
  g_return_if_fail (TX_IS_CONSULTATIONS_PAGE (self));
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
 * tx_consultations_page_select:
 * @uuid: a consultation's uuid
 *
 * Shows that consultation in the editor and selects it in the list,
 * clearing the filters when they hide it (from the Overview, the
 * Calendar).  What was typed in the editor is not lost: the clerk is
 * asked first.
 */
void
tx_consultations_page_select (TxConsultationsPage *self,
                              const char          *uuid)
{
  g_return_if_fail (TX_IS_CONSULTATIONS_PAGE (self));
  g_return_if_fail (uuid != NULL);

  open_consultation (self, uuid);

  if (g_strcmp0 (tx_consultation_editor_get_uuid (self->editor), uuid) == 0 &&
      gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    {
      clear_filters (self);
      reload (self);
      select_shown_consultation (self);
    }
}
