/* tx-text-cell.c — the cells of a column that shows one text of its
 * records
 *
 * A column view makes a cell for every column of every row in sight,
 * each time its rows are replaced (at every keystroke of a search): a
 * cell made from a template is parsed each time, a cell made here is
 * one small widget, given its text once, as the records of the lists
 * do not change in place (a record changed is a new row).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tx-text-cell.h"

/*
 * TxTextCell: one line of text (or a few, wrapped), cut with an
 * ellipsis, as wide as the column gives it.  Unlike a GtkInscription it has no Pango context of
 * its own (it lays out its text with its view's, and asks the font's
 * character width once for all cells, not at every measure), and it
 * shapes its text only when drawn: a view makes a cell for each column
 * of each row in sight anew whenever its rows are replaced.
 */
struct _TxTextCell
{
  GtkWidget    parent_instance;

  char        *text;
  PangoLayout *layout;          /* of the text, made when first drawn */
  double       scale;           /* of the view's font */
  guint        layout_serial;   /* of the context it was made with */
  int          min_chars;
  int          nat_chars;
  int          lines;           /* at most, wrapped */
  int          height_for;      /* the width whose height is known, or -1 */
  int          height;          /* of the text at that width */
};

G_DEFINE_FINAL_TYPE (TxTextCell, tx_text_cell, GTK_TYPE_WIDGET)

/* The widget whose Pango context the cells share: their view, whose
 * font they show. */
static GtkWidget *
get_context_widget (TxTextCell *self)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_COLUMN_VIEW);

  if (view == NULL)
    view = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_LIST_VIEW);

  return view != NULL ? view : GTK_WIDGET (self);
}

/* A character's width and a line's height in the font of @context,
 * read again only when the context changes (another view, another
 * font or resolution). */
static void
get_metrics (PangoContext *context,
             int          *char_width,
             int          *line_height,
             int          *ascent)
{
  static gpointer read_for;   /* the context, compared, never used */
  static guint serial;
  static int width, height, above;

  if (read_for != (gpointer) context || serial != pango_context_get_serial (context))
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

      read_for = context;
      serial = pango_context_get_serial (context);
      width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                   pango_font_metrics_get_approximate_digit_width (metrics));
      above = pango_font_metrics_get_ascent (metrics);
      height = above + pango_font_metrics_get_descent (metrics);
      pango_font_metrics_unref (metrics);
    }

  *char_width = width;
  *line_height = height;
  *ascent = above;
}

static PangoLayout *ensure_layout (TxTextCell *self,
                                   int         width);

static void
tx_text_cell_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  TxTextCell *self = TX_TEXT_CELL (widget);
  int char_width, line_height, ascent;

  get_metrics (gtk_widget_get_pango_context (get_context_widget (self)), &char_width, &line_height, &ascent);
  char_width *= self->scale;
  line_height *= self->scale;
  ascent *= self->scale;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = PANGO_PIXELS_CEIL (char_width * self->min_chars);
      *natural = MAX (*minimum, PANGO_PIXELS_CEIL (char_width * self->nat_chars));
    }
  else if (self->lines <= 1)
    {
      *minimum = *natural = PANGO_PIXELS_CEIL (line_height);
      *minimum_baseline = *natural_baseline = PANGO_PIXELS_CEIL (ascent);
    }
  else if (for_size < 0)
    *minimum = *natural = PANGO_PIXELS_CEIL (line_height * self->lines);
  else
    {
      /* the text laid out at that width, once for as long as it is */
      if (self->height_for != for_size)
        {
          PangoLayout *layout = ensure_layout (self, for_size);

          pango_layout_get_pixel_size (layout, NULL, &self->height);
          self->height = MAX (self->height, PANGO_PIXELS_CEIL (line_height));
          self->height_for = for_size;
        }
      *minimum = *natural = self->height;
    }
}

static GtkSizeRequestMode
tx_text_cell_get_request_mode (GtkWidget *widget)
{
  return TX_TEXT_CELL (widget)->lines > 1 ? GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

/* The text laid out @width wide */
static PangoLayout *
ensure_layout (TxTextCell *self,
               int         width)
{
  PangoContext *context = gtk_widget_get_pango_context (get_context_widget (self));

  if (self->layout != NULL && self->layout_serial != pango_context_get_serial (context))
    {
      g_clear_object (&self->layout);
      self->height_for = -1;
    }

  if (self->layout == NULL)
    {
      self->layout = pango_layout_new (context);
      self->layout_serial = pango_context_get_serial (context);
      pango_layout_set_text (self->layout, self->text != NULL ? self->text : "", -1);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      if (self->scale != 1)
        {
          PangoAttrList *attributes = pango_attr_list_new ();

          pango_attr_list_insert (attributes, pango_attr_scale_new (self->scale));
          pango_layout_set_attributes (self->layout, attributes);
          pango_attr_list_unref (attributes);
        }
      if (self->lines > 1)
        {
          pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_height (self->layout, -self->lines);
        }
    }
  pango_layout_set_width (self->layout, width * PANGO_SCALE);

  return self->layout;
}

static void
tx_text_cell_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  TxTextCell *self = TX_TEXT_CELL (widget);
  PangoLayout *layout;
  GdkRGBA color;
  int height;

  if (self->text == NULL || self->text[0] == '\0')
    return;

  layout = ensure_layout (self, gtk_widget_get_width (widget));
  pango_layout_get_pixel_size (layout, NULL, &height);
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
G_GNUC_END_IGNORE_DEPRECATIONS

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, (gtk_widget_get_height (widget) - height) / 2));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
tx_text_cell_finalize (GObject *object)
{
  TxTextCell *self = TX_TEXT_CELL (object);

  g_clear_object (&self->layout);
  g_free (self->text);

  G_OBJECT_CLASS (tx_text_cell_parent_class)->finalize (object);
}

static void
tx_text_cell_class_init (TxTextCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tx_text_cell_finalize;
  widget_class->measure = tx_text_cell_measure;
  widget_class->get_request_mode = tx_text_cell_get_request_mode;
  widget_class->snapshot = tx_text_cell_snapshot;

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
tx_text_cell_init (TxTextCell *self)
{
  self->lines = 1;
  self->scale = 1;
  self->height_for = -1;
}

/**
 * tx_text_cell_new:
 * @min_chars: the fewest characters the cell is wide
 * @nat_chars: the characters it would show
 */
GtkWidget *
tx_text_cell_new (int min_chars,
                  int nat_chars)
{
  TxTextCell *self = g_object_new (TX_TYPE_TEXT_CELL, NULL);

  self->min_chars = min_chars;
  self->nat_chars = nat_chars;

  return GTK_WIDGET (self);
}

/**
 * tx_text_cell_set_lines:
 * @lines: how many lines the text may wrap to, at most
 */
void
tx_text_cell_set_lines (TxTextCell *self,
                        int         lines)
{
  g_return_if_fail (TX_IS_TEXT_CELL (self));

  self->lines = MAX (lines, 1);
  g_clear_object (&self->layout);
  self->height_for = -1;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * tx_text_cell_set_caption:
 *
 * Shows the text smaller than the view's, as the style class "caption"
 * does a label's: for the lines under a row's title.
 */
void
tx_text_cell_set_caption (TxTextCell *self)
{
  g_return_if_fail (TX_IS_TEXT_CELL (self));

  self->scale = PANGO_SCALE_SMALL;
  g_clear_object (&self->layout);
  self->height_for = -1;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const char *
tx_text_cell_get_text (TxTextCell *self)
{
  g_return_val_if_fail (TX_IS_TEXT_CELL (self), NULL);

  return self->text;
}

void
tx_text_cell_set_text (TxTextCell *self,
                       const char *text)
{
  g_return_if_fail (TX_IS_TEXT_CELL (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, text != NULL ? text : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  /* a text of a few lines may take another height */
  if (self->lines > 1)
    {
      self->height_for = -1;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * tx_text_cell_is_cut:
 *
 * Returns: whether the cell's column is too narrow for its whole text
 */
gboolean
tx_text_cell_is_cut (TxTextCell *self)
{
  int width;

  g_return_val_if_fail (TX_IS_TEXT_CELL (self), FALSE);

  if (self->text == NULL || self->text[0] == '\0')
    return FALSE;

  if (self->lines > 1)
    return pango_layout_is_ellipsized (ensure_layout (self, gtk_widget_get_width (GTK_WIDGET (self))));

  pango_layout_get_pixel_size (ensure_layout (self, -1), &width, NULL);
  ensure_layout (self, gtk_widget_get_width (GTK_WIDGET (self)));

  return width > gtk_widget_get_width (GTK_WIDGET (self));
}

/* The cells of a column */

typedef struct {
  char *property;   /* a string property of the records */
  int   min_chars;
  int   nat_chars;
} TextCell;

static void
text_cell_free (gpointer data)
{
  TextCell *cell = data;

  g_free (cell->property);
  g_free (cell);
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             TextCell                 *cell)
{
  gtk_list_item_set_child (item, tx_text_cell_new (cell->min_chars, cell->nat_chars));
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            TextCell                 *cell)
{
  g_autofree char *text = NULL;

  g_object_get (gtk_list_item_get_item (item), cell->property, &text, NULL);
  tx_text_cell_set_text (TX_TEXT_CELL (gtk_list_item_get_child (item)), text);
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              TextCell                 *cell)
{
  tx_text_cell_set_text (TX_TEXT_CELL (gtk_list_item_get_child (item)), NULL);
}

/**
 * tx_text_cell_factory_new:
 * @property: the string property of the records the column shows
 * @min_chars: the fewest characters the column is wide
 * @nat_chars: the characters it would show
 *
 * Returns: (transfer full): cells of one line, cut with an ellipsis
 */
GtkListItemFactory *
tx_text_cell_factory_new (const char *property,
                          int         min_chars,
                          int         nat_chars)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  TextCell *cell = g_new0 (TextCell, 1);

  g_return_val_if_fail (property != NULL, NULL);

  cell->property = g_strdup (property);
  cell->min_chars = min_chars;
  cell->nat_chars = nat_chars;
  g_object_set_data_full (G_OBJECT (factory), "tx-text-cell", cell, text_cell_free);
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), cell);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), cell);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), cell);

  return factory;
}

/**
 * tx_text_cell_bind_columns:
 * @widget_class: the class whose template has @columns
 *
 * Lets tx_text_cell_set_up_columns() find the columns, in the class's
 * class_init.
 */
void
tx_text_cell_bind_columns (GtkWidgetClass     *widget_class,
                           const TxTextColumn *columns,
                           guint               n_columns)
{
  for (guint i = 0; i < n_columns; i++)
    gtk_widget_class_bind_template_child_full (widget_class, columns[i].column, FALSE, 0);
}

/**
 * tx_text_cell_set_up_columns:
 * @widget: a widget whose template has the columns, after
 *   gtk_widget_init_template()
 * @widget_type: the type whose template it is
 *
 * Gives each of @columns its cells.
 */
void
tx_text_cell_set_up_columns (GtkWidget          *widget,
                             GType               widget_type,
                             const TxTextColumn *columns,
                             guint               n_columns)
{
  for (guint i = 0; i < n_columns; i++)
    {
      GObject *column = gtk_widget_get_template_child (widget, widget_type, columns[i].column);
      g_autoptr(GtkListItemFactory) factory = NULL;

      g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));

      factory = tx_text_cell_factory_new (columns[i].property, columns[i].min_chars, columns[i].nat_chars);
      gtk_column_view_column_set_factory (GTK_COLUMN_VIEW_COLUMN (column), factory);
    }
}
