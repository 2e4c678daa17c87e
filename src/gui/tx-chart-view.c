/* tx-chart-view.c — a chart of the Overview page
 *
 * Draws a TxChartData with tx_chart_draw(), the function that draws the
 * same chart into PNG, SVG and PDF files and into the circular, at the
 * size the widget is given: GTK scales the drawing to the screen
 * (HiDPI included).  Its height is the one the files have, from the
 * number of rows, so that the text of the chart keeps its size.
 *
 * A city's chart is taller than the window: the view draws the part of
 * it in sight (and a margin), and again as it is scrolled, not a picture
 * of the whole chart each time the page is shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-chart-view"

#include "config.h"

#include "tx-chart-view.h"

/* Narrower than this, the labels of the rows crowd the bars; two
 * charts side by side want about this much each. */
#define MIN_WIDTH     320
#define NATURAL_WIDTH 420

/* Drawn beyond the part in sight, above and below */
#define MARGIN        128

struct _TxChartView
{
  GtkWidget    parent_instance;

  /* owned references */
  TxChartData *data;

  /* the scrolling of the view it is in, while mapped */
  GtkAdjustment *vadjustment;
  gulong         scrolled_id;
};

G_DEFINE_FINAL_TYPE (TxChartView, tx_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* As tongxin-cli's chart command sizes its files. */
static int
get_chart_height (TxChartView *self)
{
  if (self->data == NULL)
    return 0;

  if (self->data->kind == TX_CHART_ADOPTION)
    return 370;

  return 120 + 44 * MAX (self->data->rows->len, 3);
}

static void
tx_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  TxChartView *self = TX_CHART_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = NATURAL_WIDTH;
    }
  else
    {
      *minimum = get_chart_height (self);
      *natural = *minimum;
    }
}

/* The rows of the chart in sight in the scrolled window it is in (with
 * a margin), all of them outside one. */
static void
get_rows_in_sight (TxChartView *self,
                   int          height,
                   int         *top,
                   int         *bottom)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  *top = 0;
  *bottom = height;
  if (scrolled == NULL || !gtk_widget_compute_bounds (GTK_WIDGET (self), scrolled, &bounds))
    return;

  *top = CLAMP ((int) -bounds.origin.y - MARGIN, 0, height);
  *bottom = CLAMP ((int) (gtk_widget_get_height (scrolled) - bounds.origin.y) + MARGIN, *top, height);
}

static void
tx_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  TxChartView *self = TX_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int top;
  int bottom;
  cairo_t *cr;

  if (self->data == NULL || width <= 0 || height <= 0)
    return;

  get_rows_in_sight (self, height, &top, &bottom);
  if (bottom <= top)
    return;

  /* drawn whole, into a picture of the part in sight alone */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, top, width, bottom - top));
  tx_chart_draw (cr, width, height, self->data);
  cairo_destroy (cr);
}

/* Scrolled, the part in sight changes: drawn again, when the chart is
 * taller than what the scrolled window shows. */
static void
on_scrolled_cb (TxChartView *self)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);

  if (scrolled != NULL && gtk_widget_get_height (GTK_WIDGET (self)) > gtk_widget_get_height (scrolled))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
tx_chart_view_map (GtkWidget *widget)
{
  TxChartView *self = TX_CHART_VIEW (widget);
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);

  GTK_WIDGET_CLASS (tx_chart_view_parent_class)->map (widget);

  if (scrolled != NULL)
    {
      self->vadjustment = g_object_ref (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)));
      self->scrolled_id = g_signal_connect_swapped (self->vadjustment, "value-changed",
                                                    G_CALLBACK (on_scrolled_cb), self);
    }
}

static void
tx_chart_view_unmap (GtkWidget *widget)
{
  TxChartView *self = TX_CHART_VIEW (widget);

  if (self->vadjustment != NULL)
    g_clear_signal_handler (&self->scrolled_id, self->vadjustment);
  g_clear_object (&self->vadjustment);

  GTK_WIDGET_CLASS (tx_chart_view_parent_class)->unmap (widget);
}

static void
tx_chart_view_finalize (GObject *object)
{
  TxChartView *self = (TxChartView *)object;

  g_clear_pointer (&self->data, tx_chart_data_free);

  G_OBJECT_CLASS (tx_chart_view_parent_class)->finalize (object);
}

static void
tx_chart_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TxChartView *self = TX_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->data != NULL ? self->data->title : NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_chart_view_class_init (TxChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tx_chart_view_finalize;
  object_class->get_property = tx_chart_view_get_property;

  widget_class->measure = tx_chart_view_measure;
  widget_class->snapshot = tx_chart_view_snapshot;
  widget_class->map = tx_chart_view_map;
  widget_class->unmap = tx_chart_view_unmap;

  /**
   * TxChartView:title: (nullable)
   *
   * The title of the chart shown, as drawn above it.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tx_chart_view_init (TxChartView *self)
{
  /* The drawing stays inside the rounded corners of a card. */
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
tx_chart_view_new (void)
{
  return g_object_new (TX_TYPE_CHART_VIEW, NULL);
}

/**
 * tx_chart_view_get_data:
 *
 * Returns: (transfer none) (nullable): the chart shown
 */
const TxChartData *
tx_chart_view_get_data (TxChartView *self)
{
  g_return_val_if_fail (TX_IS_CHART_VIEW (self), NULL);

  return self->data;
}

/**
 * tx_chart_view_set_data:
 * @data: (transfer full) (nullable): the chart to show, or %NULL for none
 */
void
tx_chart_view_set_data (TxChartView *self,
                        TxChartData *data)
{
  g_return_if_fail (TX_IS_CHART_VIEW (self));

  if (self->data == data)
    return;

  g_clear_pointer (&self->data, tx_chart_data_free);
  self->data = data;

  /* The title is what a screen reader says of the picture. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, data != NULL && data->title ? data->title : "",
                                  -1);

  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}
