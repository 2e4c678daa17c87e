/* tx-list-page-filters.c — the year and township filters of a page of
 * records: "All years", then the years that have records, newest first,
 * and this year; "All townships", then the store's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-list-page"

#include "config.h"

#include "tx-list-page-private.h"

static int
compare_years_descending (gconstpointer a,
                          gconstpointer b)
{
  int x = *(const int *) a;
  int y = *(const int *) b;

  return (x < y) - (x > y);
}

/* The year chosen at first: this year when it has records; else the
 * last one that has (year_falls_back) or every year. */
static int
choose_default_year (TxListPage *self,
                     GArray     *years)
{
  TxDate today = tx_list_page_get_today (self);
  int current = tx_date_get_year (today);
  int latest = 0;

  for (guint i = 0; i < years->len; i++)
    {
      int year = g_array_index (years, int, i);

      if (year == current)
        return current;
      if (year < current)
        latest = MAX (latest, year);
    }

  if (!TX_LIST_PAGE_GET_CLASS (self)->year_falls_back)
    return 0;

  return latest > 0 ? latest : current;
}

/* The years that have records, and this year, newest first; the chosen
 * year stays chosen.  Returns whether the year the list shows changed. */
gboolean
tx_list_page_fill_years (TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_private (self);
  g_autoptr(GArray) found = NULL;
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  int before = tx_list_page_get_year (self);
  int chosen = before;
  int current = tx_date_get_year (tx_list_page_get_today (self));
  guint position = 0;

  priv->failed = FALSE;
  if (priv->store != NULL)
    {
      found = TX_LIST_PAGE_GET_CLASS (self)->list_years (self, &error);
      if (found == NULL)
        {
          g_autofree char *markup = g_markup_escape_text (error->message, -1);

          g_warning ("Could not read the years of the %ss: %s",
                     TX_LIST_PAGE_GET_CLASS (self)->record_kind, error->message);
          adw_status_page_set_description (priv->error_page, markup);
          priv->failed = TRUE;
        }
    }

  g_array_append_val (years, current);
  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      int year = g_array_index (found, int, i);
      gboolean known = FALSE;

      for (guint j = 0; j < years->len && !known; j++)
        known = g_array_index (years, int, j) == year;
      if (year > 0 && !known)
        g_array_append_val (years, year);
    }
  g_array_sort (years, compare_years_descending);

  if (!priv->year_chosen && found != NULL)
    {
      chosen = choose_default_year (self, found);
      priv->year_chosen = TRUE;
    }

  g_array_set_size (priv->years, 1);
  for (guint i = 0; i < years->len; i++)
    {
      int year = g_array_index (years, int, i);

      if (year == chosen)
        position = i + 1;
      g_array_append_val (priv->years, year);
      g_ptr_array_add (labels, g_strdup_printf ("%d", year));
    }
  g_ptr_array_add (labels, NULL);

  priv->filling++;
  gtk_string_list_splice (priv->year_labels, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (priv->year_labels)) - 1,
                          (const char * const *) labels->pdata);
  gtk_drop_down_set_selected (priv->year_drop_down, position);
  priv->filling--;

  return tx_list_page_get_year (self) != before;
}

/* "All townships" and the store's; the chosen one stays chosen, or
 * every township is shown when it is gone.  Returns whether the
 * township the list shows changed. */
gboolean
tx_list_page_fill_townships (TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_private (self);
  g_autofree char *chosen = g_strdup (tx_list_page_get_township (self));
  g_autoptr(GError) error = NULL;

  priv->filling++;
  if (!tx_township_model_fill (priv->townships, priv->store, &error))
    g_warning ("Could not read the townships: %s", error->message);
  gtk_drop_down_set_selected (priv->township_drop_down, tx_township_model_find (priv->townships, chosen));
  priv->filling--;

  return g_strcmp0 (chosen, tx_list_page_get_township (self)) != 0;
}

/* Every record again: what a record the filters hide needs. */
void
tx_list_page_clear_filters (TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_private (self);

  priv->filling++;
  gtk_drop_down_set_selected (priv->year_drop_down, 0);
  gtk_drop_down_set_selected (priv->township_drop_down, 0);
  for (guint i = 0; i < priv->filters->len; i++)
    {
      GtkWidget *filter = g_ptr_array_index (priv->filters, i);

      if (GTK_IS_DROP_DOWN (filter))
        gtk_drop_down_set_selected (GTK_DROP_DOWN (filter), 0);
      else
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (filter), FALSE);
    }
  priv->filling--;
}
