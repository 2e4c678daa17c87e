/* tx-tooltips.c — tooltips that hold Chinese on one line
 *
 * GTK 4.8 gives a tooltip's label a natural width of as many "average
 * characters" as its text has characters, and the average character is
 * a Latin one, half as wide as a Chinese character.  So “添加人员”
 * gets room for two of its four characters and wraps after each pair.
 * Each time GTK asks a widget for its tooltip, the width is set again
 * right after, before the tooltip is drawn, counting each wide character
 * twice: the text gets the room it needs, and longer texts still wrap
 * at the 50 (Latin) characters GTK allows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tx-text-cell.h"
#include "tx-tooltips.h"

#define TX_TOOLTIP_MAX_CHARS 50

/**
 * tx_tooltips_count_columns:
 * @text: the text of a tooltip
 *
 * Returns: how many average (Latin) characters @text is wide: two for
 *   each wide (East Asian) character, one for any other.
 */
int
tx_tooltips_count_columns (const char *text)
{
  int columns = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      columns += g_unichar_iswide (c) ? 2 : 1;
    }

  return columns;
}

/* Gives the labels of a tooltip the width their text needs: those
 * whose width is still the one GTK sets, a character per character. */
static void
fit_label (GtkLabel *label)
{
  const char *text = gtk_label_get_text (label);
  int gtk_width = MIN ((int) g_utf8_strlen (text, -1), TX_TOOLTIP_MAX_CHARS);
  int columns = MIN (tx_tooltips_count_columns (text), TX_TOOLTIP_MAX_CHARS);

  if (gtk_label_get_max_width_chars (label) == gtk_width && columns > gtk_width)
    gtk_label_set_max_width_chars (label, columns);
}

static void
on_label_changed_cb (GtkLabel   *label,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  fit_label (label);
}

static void
fit_labels (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_wrap (GTK_LABEL (widget)))
    {
      /* the tooltip window keeps its label for the next tooltip, and
       * GTK may give it the next text after this: fitted again then */
      if (g_object_get_data (G_OBJECT (widget), "tx-tooltip-fitted") == NULL)
        {
          g_object_set_data (G_OBJECT (widget), "tx-tooltip-fitted", GINT_TO_POINTER (TRUE));
          g_signal_connect (widget, "notify::label", G_CALLBACK (on_label_changed_cb), NULL);
          g_signal_connect (widget, "notify::max-width-chars", G_CALLBACK (on_label_changed_cb), NULL);
        }
      fit_label (GTK_LABEL (widget));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    fit_labels (child);
}

/* A tooltip window is a child of the window it shows for. */
static void
fit_tooltips (GtkWidget *native)
{
  static GType tooltip_window_type;

  if (tooltip_window_type == 0)
    tooltip_window_type = g_type_from_name ("GtkTooltipWindow");
  if (tooltip_window_type == 0)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (native);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (G_TYPE_CHECK_INSTANCE_TYPE (child, tooltip_window_type))
      fit_labels (child);
}

static GHashTable *pending_natives;

static gboolean
fit_pending_tooltips (gpointer data)
{
  GHashTableIter iter;
  gpointer native;

  g_hash_table_iter_init (&iter, pending_natives);
  while (g_hash_table_iter_next (&iter, &native, NULL))
    {
      fit_tooltips (native);
      g_hash_table_iter_remove (&iter);
      g_object_unref (native);
    }

  return G_SOURCE_REMOVE;
}

/* GTK asks a widget for its tooltip, then sets the tooltip's text and
 * its too narrow width; the width is mended right after, before the
 * tooltip is drawn. */
static gboolean
on_query_tooltip (GSignalInvocationHint *hint,
                  guint                  n_values,
                  const GValue          *values,
                  gpointer               user_data)
{
  GtkWidget *widget = g_value_get_object (&values[0]);
  GtkNative *native = gtk_widget_get_native (widget);

  if (native == NULL || g_hash_table_contains (pending_natives, native))
    return TRUE;

  if (g_hash_table_size (pending_natives) == 0)
    g_idle_add_full (G_PRIORITY_HIGH_IDLE, fit_pending_tooltips, NULL, NULL);
  g_hash_table_add (pending_natives, g_object_ref (native));

  return TRUE;
}

/**
 * tx_tooltips_init:
 *
 * Makes every tooltip of the process give Chinese text the room it
 * needs.  Call it once GTK is initialised; calling it again does
 * nothing.
 */
void
tx_tooltips_init (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      /* the signal exists once the class does, maybe before any widget */
      gpointer widget_class = g_type_class_ref (GTK_TYPE_WIDGET);

      pending_natives = g_hash_table_new (NULL, NULL);
      g_signal_add_emission_hook (g_signal_lookup ("query-tooltip", GTK_TYPE_WIDGET), 0,
                                  on_query_tooltip, NULL, NULL);
      g_type_class_unref (widget_class);
      g_once_init_leave (&done, 1);
    }
}

/* Whether @widget shows less than @text, on one line. */
static gboolean
is_cut (GtkWidget  *widget,
        const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width;

  if (GTK_IS_LABEL (widget) && gtk_label_get_wrap (GTK_LABEL (widget)))
    return pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget)));
  pango_layout_get_pixel_size (layout, &width, NULL);

  return width > gtk_widget_get_width (widget);
}

/* The text of the cell under the pointer, when its column cuts it:
 * the first inscription or label from the widget picked up to @view. */
static gboolean
on_cells_query_tooltip_cb (GtkWidget  *view,
                           int         x,
                           int         y,
                           gboolean    keyboard,
                           GtkTooltip *tooltip)
{
  GtkWidget *widget;

  if (keyboard)
    return FALSE;

  for (widget = gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT);
       widget != NULL && widget != view;
       widget = gtk_widget_get_parent (widget))
    {
      const char *text = NULL;

      if (TX_IS_TEXT_CELL (widget))
        {
          text = tx_text_cell_get_text (TX_TEXT_CELL (widget));
          if (text == NULL || text[0] == '\0' || !tx_text_cell_is_cut (TX_TEXT_CELL (widget)))
            return FALSE;
          gtk_tooltip_set_text (tooltip, text);
          return TRUE;
        }
      else if (GTK_IS_INSCRIPTION (widget))
        text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
      else if (GTK_IS_LABEL (widget))
        text = gtk_label_get_text (GTK_LABEL (widget));
      else
        continue;

      if (text == NULL || text[0] == '\0' || !is_cut (widget, text))
        return FALSE;
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }

  return FALSE;
}

/**
 * tx_tooltips_for_cells:
 * @view: a list or column view
 *
 * Gives each cell of @view that a narrow column cuts a tooltip with
 * its whole text.  The text is asked for when the pointer rests on
 * a cell: a tooltip set on every cell as it is filled costs a round
 * trip to the display server each (GTK asks where the pointer is),
 * which on a long list is seconds.
 */
void
tx_tooltips_for_cells (GtkWidget *view)
{
  g_return_if_fail (GTK_IS_WIDGET (view));

  gtk_widget_set_has_tooltip (view, TRUE);
  g_signal_connect (view, "query-tooltip", G_CALLBACK (on_cells_query_tooltip_cb), NULL);
}
