/* tx-consultations-page.c — the consultations (协商活动): the list, by
 * meeting date, and the editor of the one chosen
 *
 * A TxListPage over a TxConsultationList, filtered in SQL: the year and
 * the township (the page's), the stage reached, and the colour of the
 * warning ledger of the day's quarter, as every view reads it
 * (tx_ledger_get(): the frozen one once the circular is issued).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-consultations-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-application.h"
#include "tx-column-state.h"
#include "tx-consultation-editor.h"
#include "tx-consultation-list.h"
#include "tx-consultations-page.h"
#include "tx-ledger.h"
#include "tx-records.h"
#include "tx-text-cell.h"
#include "tx-tooltips.h"
#include "tx-vocabulary.h"

struct _TxConsultationsPage
{
  TxListPage   parent_instance;

  /* template children */
  GtkDropDown *stage_drop_down;
  GtkDropDown *color_drop_down;

  GSettings   *settings;  /* the columns' widths */
};

G_DEFINE_FINAL_TYPE (TxConsultationsPage, tx_consultations_page, TX_TYPE_LIST_PAGE)

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

/* The consultations of @color in the ledger of the day's quarter, of
 * those @filter finds (a consultation without a hit is green); %NULL
 * when the ledger cannot be read. */
static char **
dup_color_uuids (TxConsultationsPage        *self,
                 TxColor                     color,
                 const TxConsultationFilter *filter)
{
  TxStore *store = tx_list_page_get_store (TX_LIST_PAGE (self));
  TxDate today = tx_list_page_get_today (TX_LIST_PAGE (self));
  g_autoptr(GStrvBuilder) uuids = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) consultations = NULL;
  g_autoptr(TxLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;

  ledger = tx_ledger_get (store, tx_date_get_year (today), tx_date_get_quarter (today), today, &error);
  if (ledger == NULL)
    {
      g_warning ("Could not read the ledger: %s", error->message);
      return NULL;
    }

  /* Yellow and red: the consultations behind the hits. */
  for (guint i = 0; color != TX_COLOR_GREEN && i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

      for (guint h = 0; h < entry->hits->len; h++)
        {
          const char *uuid = ((TxLedgerHit *) g_ptr_array_index (entry->hits, h))->consultation_uuid;

          if (uuid != NULL && g_hash_table_add (seen, (gpointer) uuid) &&
              tx_ledger_consultation_color (ledger, uuid) == color)
            g_strv_builder_add (uuids, uuid);
        }
    }

  /* Green: the others. */
  if (color == TX_COLOR_GREEN)
    {
      consultations = tx_store_list_consultations (store, filter->year, filter->township, &error);
      if (consultations == NULL)
        {
          g_warning ("Could not read the consultations: %s", error->message);
          return NULL;
        }
    }
  for (guint i = 0; consultations != NULL && i < consultations->len; i++)
    {
      const char *uuid = tx_consultation_get_uuid (g_ptr_array_index (consultations, i));

      if (tx_ledger_consultation_color (ledger, uuid) == TX_COLOR_GREEN)
        g_strv_builder_add (uuids, uuid);
    }

  return g_strv_builder_end (uuids);
}

/* The stage drop-down: "All stages", the six stages in the order of
 * TxStage, then "Completed" (TX_STAGE_DONE). */
static void
set_stage_choices (GtkDropDown *drop_down)
{
  g_autoptr(GtkStringList) stages = gtk_string_list_new (NULL);

  gtk_string_list_append (stages, _("All stages"));
  for (guint i = 0; i <= TX_STAGE_DONE; i++)
    gtk_string_list_append (stages, tx_stage_get_label ((TxStage) i));

  gtk_drop_down_set_model (drop_down, G_LIST_MODEL (stages));
}

/* Each colour with its mark and its word, never the colour alone. */
static void
set_color_choices (GtkDropDown *drop_down)
{
  static const char * const marks[] = { "✓", "!", "✕" };
  g_autoptr(GtkStringList) colors = gtk_string_list_new (NULL);

  gtk_string_list_append (colors, _("All colours"));
  for (guint i = 0; i <= TX_COLOR_RED; i++)
    {
      g_autofree char *label = g_strdup_printf ("%s %s", marks[i], tx_color_get_label ((TxColor) i));

      gtk_string_list_append (colors, label);
    }

  gtk_drop_down_set_model (drop_down, G_LIST_MODEL (colors));
}

/* TxListPage */

static GListModel *
tx_consultations_page_create_list (TxListPage *page,
                                   TxStore    *store)
{
  /* read when the page applies its filters */
  return g_object_new (TX_TYPE_CONSULTATION_LIST, "store", store, "item-type", TX_TYPE_CONSULTATION, NULL);
}

static GArray *
tx_consultations_page_list_years (TxListPage  *page,
                                  GError     **error)
{
  return tx_store_list_consultation_years (tx_list_page_get_store (page), error);
}

static void
tx_consultations_page_apply_filter (TxListPage *page)
{
  TxConsultationsPage *self = TX_CONSULTATIONS_PAGE (page);
  TxConsultationFilter filter = TX_CONSULTATION_FILTER_INIT;
  g_auto(GStrv) uuids = NULL;
  guint stage = gtk_drop_down_get_selected (self->stage_drop_down);
  TxColor color;

  filter.year = tx_list_page_get_year (page);
  filter.township = tx_list_page_get_township (page);
  if (stage != GTK_INVALID_LIST_POSITION && stage > 0)
    filter.stage = (int) stage - 1;
  if (get_filter_color (self, &color))
    filter.uuids = uuids = dup_color_uuids (self, color, &filter);

  tx_consultation_list_set_filter (TX_CONSULTATION_LIST (tx_list_page_get_list (page)), &filter);
}

/* The colours are those of the whole store on the day: any change may
 * change them. */
static gboolean
tx_consultations_page_is_filter_affected (TxListPage *page,
                                          const char *kind)
{
  TxColor color;

  return get_filter_color (TX_CONSULTATIONS_PAGE (page), &color);
}

static const char *
tx_consultations_page_get_item_uuid (TxListPage *page,
                                     gpointer    item)
{
  return tx_consultation_get_uuid (TX_CONSULTATION (item));
}

/* GObject */

static void
tx_consultations_page_finalize (GObject *object)
{
  TxConsultationsPage *self = TX_CONSULTATIONS_PAGE (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tx_consultations_page_parent_class)->finalize (object);
}

/* The columns of the list, and what they show of each record */
static const TxTextColumn columns[] = {
  { "title_column", "title", 8, 28 },
  { "township_name_column", "township-name", 8, 12 },
  { "date_label_column", "date-label", 18, 20 },
  { "stage_label_column", "stage-label", 3, 6 },
};

static void
tx_consultations_page_class_init (TxConsultationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TxListPageClass *page_class = TX_LIST_PAGE_CLASS (klass);

  object_class->finalize = tx_consultations_page_finalize;
  page_class->create_list = tx_consultations_page_create_list;
  page_class->list_years = tx_consultations_page_list_years;
  page_class->apply_filter = tx_consultations_page_apply_filter;
  page_class->is_filter_affected = tx_consultations_page_is_filter_affected;
  page_class->get_item_uuid = tx_consultations_page_get_item_uuid;

  g_type_ensure (TX_TYPE_CONSULTATION);
  g_type_ensure (TX_TYPE_CONSULTATION_EDITOR);

  tx_list_page_class_setup (widget_class, "/io/github/tongxin/Tongxin/tx-consultations-page.ui",
                            "consultations");
  tx_text_cell_bind_columns (widget_class, columns, G_N_ELEMENTS (columns));
  gtk_widget_class_bind_template_child (widget_class, TxConsultationsPage, stage_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationsPage, color_drop_down);

  /* At first this year, or every year when this one has none yet. */
  page_class->record_kind = "consultation";
  page_class->year_falls_back = FALSE;
}

static void
tx_consultations_page_init (TxConsultationsPage *self)
{
  static const char * const column_ids[] = { "title", "township", "meeting", "stage", NULL };
  GtkWidget *view;

  gtk_widget_init_template (GTK_WIDGET (self));
  tx_text_cell_set_up_columns (GTK_WIDGET (self), TX_TYPE_CONSULTATIONS_PAGE, columns, G_N_ELEMENTS (columns));

  /* the widths the clerk dragged the columns to */
  view = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (self), TX_TYPE_CONSULTATIONS_PAGE, "records_view");
  self->settings = tx_application_create_gsettings ();
  tx_column_state_attach (GTK_COLUMN_VIEW (view), self->settings, "consultations", column_ids, NULL, NULL);
  tx_tooltips_for_cells (view);

  set_stage_choices (self->stage_drop_down);
  set_color_choices (self->color_drop_down);
  tx_list_page_add_filter (TX_LIST_PAGE (self), GTK_WIDGET (self->stage_drop_down));
  tx_list_page_add_filter (TX_LIST_PAGE (self), GTK_WIDGET (self->color_drop_down));
}

/* Public API */

/**
 * tx_consultations_page_select:
 * @uuid: a consultation's uuid
 * @place: (nullable): a place in it to show, such as "stage:2" (see
 *   tx_editor_reveal())
 *
 * Shows that consultation in the editor and selects it in the list,
 * clearing the filters when they hide it (from the Overview, the
 * Calendar).  What was typed in the editor is not lost: the clerk is
 * asked first.
 */
void
tx_consultations_page_select (TxConsultationsPage *self,
                              const char          *uuid,
                              const char          *place)
{
  g_return_if_fail (TX_IS_CONSULTATIONS_PAGE (self));

  tx_list_page_select_at (TX_LIST_PAGE (self), uuid, place);
}
