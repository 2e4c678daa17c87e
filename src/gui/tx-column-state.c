/* tx-column-state.c — a list's columns as the clerk left them
 *
 * The widths a clerk drags the columns to and the column a click on a
 * header sorts by are kept in GSettings (<name>-column-widths, a{si} by
 * column id, and <name>-sort, "id" or "id:desc") and brought back when
 * the list is built again.
 *
 * The list is sorted by the database, not by GTK: a column's sorter
 * only shows the arrow in its header.  GTK 4.8 has no call that tells
 * which column the view sorts by, so the view's sorter is asked to
 * compare two probes: the first column sorter it consults is the sort
 * column, and the sign of the answer the direction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tx-column-state.h"

#define SAVE_DELAY_MS 400
#define MIN_WIDTH 24
#define MAX_WIDTH 4000

typedef struct {
  GtkColumnView   *view;
  GSettings       *settings;
  char            *widths_key;
  char            *sort_key;
  char           **ids;
  TxColumnSorted   sorted;
  gpointer         user_data;
  guint            save_id;
} State;

static void
state_free (gpointer data)
{
  State *state = data;

  g_clear_handle_id (&state->save_id, g_source_remove);
  g_clear_object (&state->settings);
  g_free (state->widths_key);
  g_free (state->sort_key);
  g_strfreev (state->ids);
  g_free (state);
}

static GtkColumnViewColumn *
get_column (State *state,
            guint  position)
{
  GListModel *columns = gtk_column_view_get_columns (state->view);
  g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, position);

  return column;  /* the view keeps it */
}

static int
find_id (State      *state,
         const char *id)
{
  for (guint i = 0; state->ids[i] != NULL; i++)
    if (g_strcmp0 (state->ids[i], id) == 0)
      return (int) i;

  return -1;
}

/* Widths */

static gboolean
save_widths (gpointer data)
{
  State *state = data;
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{si}"));

  state->save_id = 0;
  for (guint i = 0; state->ids[i] != NULL; i++)
    {
      GtkColumnViewColumn *column = get_column (state, i);
      int width = column != NULL ? gtk_column_view_column_get_fixed_width (column) : -1;

      if (width > 0)
        g_variant_builder_add (&builder, "{si}", state->ids[i], width);
    }

  g_settings_set_value (state->settings, state->widths_key, g_variant_builder_end (&builder));
  return G_SOURCE_REMOVE;
}

static void
on_fixed_width_notify (GtkColumnViewColumn *column,
                       GParamSpec          *pspec,
                       GtkColumnView       *view)
{
  State *state = g_object_get_data (G_OBJECT (view), "tx-column-state");

  /* a drag changes the width many times: saved once it rests */
  g_clear_handle_id (&state->save_id, g_source_remove);
  state->save_id = g_timeout_add (SAVE_DELAY_MS, save_widths, state);
}

static void
restore_widths (State *state)
{
  g_autoptr(GVariant) widths = g_settings_get_value (state->settings, state->widths_key);
  GVariantIter iter;
  const char *id;
  int width;

  g_variant_iter_init (&iter, widths);
  while (g_variant_iter_next (&iter, "{&si}", &id, &width))
    {
      int position = find_id (state, id);

      if (position >= 0 && width >= MIN_WIDTH && width <= MAX_WIDTH)
        gtk_column_view_column_set_fixed_width (get_column (state, position), width);
    }
}

/* Sorting */

static int probed_column = -1;

static int
compare_probe (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  if (probed_column < 0)
    probed_column = GPOINTER_TO_INT (data);

  return a == b ? GTK_ORDERING_EQUAL : (a < b ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER);
}

/* Which column the view sorts by (-1 for none), and in which direction. */
static int
probe_sort (State    *state,
            gboolean *descending)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (state->view);
  g_autoptr(GObject) first = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) second = g_object_new (G_TYPE_OBJECT, NULL);
  gpointer low = MIN ((gpointer) first, (gpointer) second);
  gpointer high = MAX ((gpointer) first, (gpointer) second);
  GtkOrdering ordering;
  int column;

  probed_column = -1;
  ordering = gtk_sorter_compare (sorter, low, high);
  column = probed_column;
  probed_column = -1;

  *descending = ordering == GTK_ORDERING_LARGER;
  return ordering == GTK_ORDERING_EQUAL ? -1 : column;
}

static void
on_sorter_changed (GtkSorter       *sorter,
                   GtkSorterChange  change,
                   GtkColumnView   *view)
{
  State *state = g_object_get_data (G_OBJECT (view), "tx-column-state");
  gboolean descending = FALSE;
  int column = probe_sort (state, &descending);
  g_autofree char *value = NULL;

  /* a click only ever sorts by a column: the view sorts by none only
   * when its columns are taken away, as it is destroyed */
  if (state == NULL || column < 0)
    return;

  value = g_strconcat (state->ids[column], descending ? ":desc" : "", NULL);
  g_settings_set_string (state->settings, state->sort_key, value);

  state->sorted (column, descending, state->user_data);
}

static void
restore_sort (State *state)
{
  g_autofree char *value = g_settings_get_string (state->settings, state->sort_key);
  g_auto(GStrv) parts = g_strsplit (value, ":", 2);
  int column = parts[0] != NULL ? find_id (state, parts[0]) : -1;

  if (column < 0)
    return;

  gtk_column_view_sort_by_column (state->view, get_column (state, column),
                                  g_strcmp0 (parts[1], "desc") == 0
                                  ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

/**
 * tx_column_state_attach:
 * @view: a column view whose columns are all built
 * @settings: (nullable): where to keep the state; %NULL keeps nothing
 * @name: the list's name: the keys are <name>-column-widths and
 *   <name>-sort
 * @ids: (array zero-terminated=1): an id for each column, in order
 * @sorted: (nullable): called when a click on a header sorts the list
 *   (with the position of the column), and once here if the list was
 *   sorted when it was left; %NULL when
 *   the list cannot be sorted by its columns
 * @user_data: for @sorted
 *
 * Brings back the widths and the sort column @view was left with, and
 * keeps them from now on.
 */
void
tx_column_state_attach (GtkColumnView      *view,
                        GSettings          *settings,
                        const char         *name,
                        const char * const *ids,
                        TxColumnSorted      sorted,
                        gpointer            user_data)
{
  g_autofree char *sort = NULL;
  State *state;
  guint n_columns = g_list_model_get_n_items (gtk_column_view_get_columns (view));

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (g_strv_length ((char **) ids) == n_columns);

  if (settings == NULL)
    return;

  state = g_new0 (State, 1);
  state->view = view;
  state->settings = g_object_ref (settings);
  state->widths_key = g_strconcat (name, "-column-widths", NULL);
  state->sort_key = g_strconcat (name, "-sort", NULL);
  state->ids = g_strdupv ((char **) ids);
  state->sorted = sorted;
  state->user_data = user_data;
  g_object_set_data_full (G_OBJECT (view), "tx-column-state", state, state_free);

  restore_widths (state);
  /* the columns and the sorter may outlive the view */
  for (guint i = 0; i < n_columns; i++)
    g_signal_connect_object (get_column (state, i), "notify::fixed-width",
                             G_CALLBACK (on_fixed_width_notify), view, 0);

  if (sorted == NULL)
    return;

  for (guint i = 0; i < n_columns; i++)
    {
      g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare_probe, GINT_TO_POINTER (i), NULL));

      gtk_column_view_column_set_sorter (get_column (state, i), sorter);
    }
  restore_sort (state);
  g_signal_connect_object (gtk_column_view_get_sorter (view), "changed",
                           G_CALLBACK (on_sorter_changed), view, 0);
  sort = g_settings_get_string (settings, state->sort_key);
  if (*sort != '\0')
    on_sorter_changed (NULL, GTK_SORTER_CHANGE_DIFFERENT, view);
}
