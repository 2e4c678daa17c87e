/* tx-plan-timeline.c
 *
 * The year across the top, a month a column, and again under the rows;
 * one row a consultation, its title and township on the left, its six
 * stage deadlines as marks on a line; a line for today; and at the
 * bottom each township's plan against the consultations it has held.
 *
 * Colour is never the only signal, as in the charts: a stage done is a
 * filled circle, one not yet due a hollow circle, one overdue a diamond
 * with the words "逾期N天" beside it; each mark carries the first
 * character of its stage (选 调 协 报 反 监), and the legend says so.
 * Dates of the year before or after (a supervision due next spring)
 * widen the axis by the months they need, shaded and headed by their
 * year.  Text is in Chinese, as in the documents.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-plan-timeline"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>

#include "tx-doc-file.h"
#include "tx-doc-format.h"
#include "tx-ledger.h"
#include "tx-plan-timeline.h"
#include "tx-records.h"

#define FONT "Noto Sans CJK SC, Sans"

#define MARGIN          20.0
#define TITLE_HEIGHT    34.0
#define LEGEND_HEIGHT   28.0
#define YEAR_HEIGHT     20.0   /* only when other years' months are shown */
#define MONTH_HEIGHT    26.0
#define TODAY_HEIGHT    24.0
#define ROW_HEIGHT      50.0
#define MARK_RADIUS      9.0
#define QUOTA_GAP       24.0
#define QUOTA_HEADING   30.0
#define QUOTA_HEIGHT    30.0
#define QUOTA_WIDTH    300.0
#define MAX_EXTRA_MONTHS 6     /* of the year before, and of the year after */
#define N_MONTHS_MAX    (12 + 2 * MAX_EXTRA_MONTHS)
#define OTHER_YEAR_WIDTH 0.5   /* a month of another year, against one of the year */

#define WRITE_WIDTH   1200.0

static const char * const stage_marks[] = { "选", "调", "协", "报", "反", "监" };
static const char * const stage_names[] = { "选题", "调研", "协商", "报送", "反馈", "监督" };

/* Ink */
static const double ink[3] = { 0.10, 0.10, 0.10 };
static const double grey[3] = { 0.42, 0.42, 0.42 };
static const double done_fill[3] = { 0.16, 0.52, 0.31 };
static const double overdue_fill[3] = { 0.80, 0.16, 0.14 };
static const double today_ink[3] = { 0.11, 0.33, 0.72 };
static const double bar_fill[3] = { 0.20, 0.42, 0.70 };

typedef struct {
  double x0, x1;            /* the timeline, left and right */
  int    first_month;       /* months from January of the year: -6 … 0 */
  int    last_month;        /* 11 … 17 */
  double start, end;        /* positions of x0 and x1 */
  /* where each month begins, as a position and across the drawing,
   * from first_month to last_month + 1 */
  double month_start[N_MONTHS_MAX + 1];
  double month_x[N_MONTHS_MAX + 1];
  double label_width;
  double top;               /* of the year band or the month header */
  double month_top;
  double today_top;
  double rows_top;
  double rows_bottom;
  double bottom;            /* of the months again, under the rows */
} Geometry;

static void
set_ink (cairo_t      *cr,
         const double  rgb[3])
{
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
}

/* Draws @string with its vertical centre at @y; @align 0 puts it right
 * of @x, 0.5 centres it on @x, 1 puts it left of @x.  With @max_width
 * above 0, longer text ends in "…".  Titles and names come from the
 * records: cleaned of control and bidi characters, and laid out left
 * to right.  Returns its width. */
static double
text (cairo_t    *cr,
      const char *string,
      double      x,
      double      y,
      double      size,
      gboolean    bold,
      double      align,
      double      max_width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT);
  g_autofree char *clean = tx_doc_clean_text (string, TX_DOC_TEXT_ONE_LINE);
  int width, height;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_auto_dir (layout, FALSE);
  pango_layout_set_text (layout, clean, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, &width, &height);

  cairo_move_to (cr, x - width * align, y - height / 2.0);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);

  pango_font_description_free (font);
  g_object_unref (layout);

  return width;
}

static double
text_width (cairo_t    *cr,
            const char *string,
            double      size,
            gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT);
  g_autofree char *clean = tx_doc_clean_text (string, TX_DOC_TEXT_ONE_LINE);
  int width;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_auto_dir (layout, FALSE);
  pango_layout_set_text (layout, clean, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);

  pango_font_description_free (font);
  g_object_unref (layout);

  return width;
}

/* Data */

static void
quota_free (TxPlanQuota *quota)
{
  g_free (quota->township);
  g_free (quota);
}

TxPlanTimeline *
tx_plan_timeline_new (int         year,
                      GPtrArray  *consultations,
                      TxDate      today)
{
  TxPlanTimeline *data;

  g_return_val_if_fail (g_date_valid_year (year), NULL);
  g_return_val_if_fail (today > 0, NULL);

  data = g_new0 (TxPlanTimeline, 1);
  data->year = year;
  data->today = today;
  data->plan = tx_year_plan_layout (year, consultations, today);
  data->quotas = g_ptr_array_new_with_free_func ((GDestroyNotify) quota_free);

  return data;
}

void
tx_plan_timeline_add_quota (TxPlanTimeline *data,
                            const char     *township,
                            int             planned,
                            int             held)
{
  TxPlanQuota *quota;

  g_return_if_fail (data != NULL);

  quota = g_new0 (TxPlanQuota, 1);
  quota->township = g_strdup (township);
  quota->planned = planned;
  quota->held = held;
  g_ptr_array_add (data->quotas, quota);
}

void
tx_plan_timeline_free (TxPlanTimeline *data)
{
  if (data == NULL)
    return;

  tx_year_plan_free (data->plan);
  g_ptr_array_unref (data->quotas);
  g_free (data);
}

/**
 * tx_plan_timeline_new_from_store:
 * @township_uuid: (nullable): one township's, or %NULL for every one
 * @today: the day to judge on
 *
 * The consultations of @year, and each township's plan against the
 * consultations held: by today while the year runs, in the whole year
 * once it is over, as the ledger counts them.
 *
 * Returns: (transfer full): the year plan, or %NULL with @error set
 */
TxPlanTimeline *
tx_plan_timeline_new_from_store (TxStore     *store,
                                 int          year,
                                 const char  *township_uuid,
                                 TxDate       today,
                                 GError     **error)
{
  g_autoptr(GPtrArray) consultations = NULL;
  g_autoptr(TxLedger) ledger = NULL;
  g_autoptr(TxPlanTimeline) data = NULL;
  int today_year = tx_date_get_year (today);
  int quarter = tx_date_get_quarter (today);

  g_return_val_if_fail (TX_IS_STORE (store), NULL);
  g_return_val_if_fail (today > 0, NULL);

  consultations = tx_store_list_consultations (store, year, NULL, error);
  if (consultations == NULL)
    return NULL;
  for (guint i = consultations->len; township_uuid != NULL && i > 0; i--)
    if (g_strcmp0 (tx_consultation_get_township_uuid (g_ptr_array_index (consultations, i - 1)),
                   township_uuid) != 0)
      g_ptr_array_remove_index (consultations, i - 1);

  if (year < today_year)
    quarter = 4;
  else if (year > today_year)
    quarter = 1;

  ledger = tx_ledger_get (store, year, quarter, today, error);
  if (ledger == NULL)
    return NULL;

  data = tx_plan_timeline_new (year, consultations, today);
  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

      if (township_uuid != NULL && g_strcmp0 (entry->township_uuid, township_uuid) != 0)
        continue;
      tx_plan_timeline_add_quota (data, entry->township_name, entry->planned, entry->held);
    }

  return g_steal_pointer (&data);
}

/* Geometry */

/* Months from January of @year to the month of @date. */
static gboolean
get_month_index (int         year,
                 const char *date,
                 int        *index)
{
  TxDate day = tx_date_from_iso (date);

  if (day == TX_DATE_NONE)
    return FALSE;

  *index = (tx_date_get_year (day) - year) * 12 + (tx_date_get_month (day) - 1);
  return TRUE;
}

static double
get_month_start (int year,
                 int index)
{
  int y = year + (index >= 0 ? index / 12 : -((11 - index) / 12));
  int m = index - (y - year) * 12 + 1;
  char date[11];

  g_snprintf (date, sizeof date, "%04d-%02d-01", y, m);
  return tx_year_plan_position (year, date);
}

static gboolean
has_other_years (const Geometry *geometry)
{
  return geometry->first_month < 0 || geometry->last_month > 11;
}

static guint
get_quota_columns (double width)
{
  return MAX (1, (guint) ((width - 2 * MARGIN) / QUOTA_WIDTH));
}

static void
get_geometry (const TxPlanTimeline *data,
              double                width,
              Geometry             *geometry)
{
  guint n_rows = MAX (data->plan->rows->len, 1);

  geometry->first_month = 0;
  geometry->last_month = 11;

  for (guint i = 0; i < data->plan->rows->len; i++)
    {
      const TxYearPlanRow *row = g_ptr_array_index (data->plan->rows, i);

      for (guint stage = 0; stage < TX_N_STAGES; stage++)
        for (guint j = 0; j < 2; j++)
          {
            int index;

            if (get_month_index (data->year, j == 0 ? row->due[stage] : row->done[stage], &index))
              {
                geometry->first_month = MIN (geometry->first_month, MAX (index, -MAX_EXTRA_MONTHS));
                geometry->last_month = MAX (geometry->last_month, MIN (index, 11 + MAX_EXTRA_MONTHS));
              }
          }
    }

  geometry->label_width = CLAMP (width * 0.24, 150.0, 300.0);
  geometry->x0 = MARGIN + geometry->label_width;
  geometry->x1 = MAX (width - MARGIN, geometry->x0 + 100);
  geometry->start = get_month_start (data->year, geometry->first_month);
  geometry->end = get_month_start (data->year, geometry->last_month + 1);

  /* The months of the year share the width; those of other years,
   * shown only for the deadlines that fall in them, take less. */
  {
    int n_months = geometry->last_month - geometry->first_month + 1;
    double total = 0, sum = 0;

    for (int k = geometry->first_month; k <= geometry->last_month; k++)
      total += (k < 0 || k > 11) ? OTHER_YEAR_WIDTH : 1;

    for (int i = 0; i <= n_months; i++)
      {
        int k = geometry->first_month + i;

        geometry->month_start[i] = get_month_start (data->year, k);
        geometry->month_x[i] = geometry->x0 + (geometry->x1 - geometry->x0) * sum / total;
        sum += (k < 0 || k > 11) ? OTHER_YEAR_WIDTH : 1;
      }
  }

  geometry->top = MARGIN + TITLE_HEIGHT + LEGEND_HEIGHT;
  geometry->month_top = geometry->top + (has_other_years (geometry) ? YEAR_HEIGHT : 0);
  geometry->today_top = geometry->month_top + MONTH_HEIGHT;
  geometry->rows_top = geometry->today_top + TODAY_HEIGHT;
  geometry->rows_bottom = geometry->rows_top + ROW_HEIGHT * n_rows;
  geometry->bottom = geometry->rows_bottom + MONTH_HEIGHT;
}

static double
position_to_x (const Geometry *geometry,
               double          position)
{
  int n_months = geometry->last_month - geometry->first_month + 1;
  int i = 0;

  position = CLAMP (position, geometry->start, geometry->end);

  while (i < n_months - 1 && position >= geometry->month_start[i + 1])
    i++;

  return geometry->month_x[i] +
         (position - geometry->month_start[i]) / (geometry->month_start[i + 1] - geometry->month_start[i]) *
         (geometry->month_x[i + 1] - geometry->month_x[i]);
}

/**
 * tx_plan_timeline_get_height:
 *
 * Returns: the height that shows every row and every township at @width
 */
double
tx_plan_timeline_get_height (const TxPlanTimeline *data,
                             double                width)
{
  Geometry geometry;
  guint n_quota_rows;

  g_return_val_if_fail (data != NULL, 0);

  get_geometry (data, width, &geometry);
  n_quota_rows = (data->quotas->len + get_quota_columns (width) - 1) / get_quota_columns (width);

  return geometry.bottom +
         (data->quotas->len > 0 ? QUOTA_GAP + QUOTA_HEADING + QUOTA_HEIGHT * n_quota_rows : 0) +
         MARGIN;
}

/**
 * tx_plan_timeline_get_x:
 * @date: YYYY-MM-DD
 *
 * Returns: where @date is drawn across a @width wide drawing, for the
 *   tests that read the pixels back; NAN when @date is not a date
 */
double
tx_plan_timeline_get_x (const TxPlanTimeline *data,
                        double                width,
                        const char           *date)
{
  Geometry geometry;
  double position;

  g_return_val_if_fail (data != NULL, NAN);

  position = tx_year_plan_position (data->year, date);
  if (isnan (position))
    return NAN;

  get_geometry (data, width, &geometry);
  return position_to_x (&geometry, position);
}

/**
 * tx_plan_timeline_get_row_y:
 *
 * Returns: the middle of @row's line, whatever the width
 */
double
tx_plan_timeline_get_row_y (const TxPlanTimeline *data,
                            guint                 row)
{
  Geometry geometry;

  g_return_val_if_fail (data != NULL, NAN);

  get_geometry (data, 1000, &geometry);
  return geometry.rows_top + ROW_HEIGHT * row + ROW_HEIGHT * 0.56;
}

/* The room a stage's mark takes on each side of its middle: an overdue
 * mark is a diamond, a little larger than the circles. */
static double
mark_half_width (TxCalendarState state)
{
  return state == TX_CALENDAR_STATE_OVERDUE ? MARK_RADIUS * 1.3 : MARK_RADIUS;
}

/* Where the marks of @row go: @date_x, each stage's date, and @mark_x,
 * where its mark is drawn (NAN for a stage without a date).  Marks of
 * dates days apart would hide one another: they are moved apart along
 * the line, just enough, each group centred on its dates, and keep the
 * order of their dates. */
static void
place_marks (const TxYearPlanRow *row,
             const Geometry      *geometry,
             double               date_x[TX_N_STAGES],
             double               mark_x[TX_N_STAGES])
{
  guint order[TX_N_STAGES];
  guint n = 0;

  for (guint stage = 0; stage < TX_N_STAGES; stage++)
    {
      date_x[stage] = mark_x[stage] = NAN;
      if (isnan (row->due_x[stage]))
        continue;

      date_x[stage] = mark_x[stage] = position_to_x (geometry, row->due_x[stage]);
      order[n++] = stage;
    }

  /* by date, and by stage on the same day (an insertion sort of six) */
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && date_x[order[j]] < date_x[order[j - 1]]; j--)
      {
        guint swap = order[j];

        order[j] = order[j - 1];
        order[j - 1] = swap;
      }

  /* groups of marks that would touch, moved apart around their middle;
   * a group that then reaches the one before joins it, and so on */
  for (gboolean moved = TRUE; moved;)
    {
      moved = FALSE;
      for (guint start = 0; start < n;)
        {
          guint end = start + 1;
          double offset = 0;

          /* the group: marks that touch, or are side by side already */
          while (end < n)
            {
              guint a = order[end - 1], b = order[end];
              double gap = mark_half_width (row->state[a]) + mark_half_width (row->state[b]) + 1;

              if (mark_x[b] - mark_x[a] > gap + 0.01)
                break;
              end++;
            }

          if (end - start > 1)
            {
              double position = mark_x[order[start]];

              for (guint i = start; i < end; i++)
                {
                  guint stage = order[i];

                  if (i > start)
                    position += mark_half_width (row->state[order[i - 1]])
                                + mark_half_width (row->state[stage]) + 1;
                  offset += date_x[stage] - position;
                  mark_x[stage] = position;
                }

              /* centred on the group's dates */
              offset /= end - start;
              for (guint i = start; i < end; i++)
                mark_x[order[i]] += offset;
              moved = TRUE;
            }
          start = end;
        }

      /* done when no two neighbours touch any more */
      if (moved)
        {
          moved = FALSE;
          for (guint i = 1; i < n; i++)
            {
              guint a = order[i - 1], b = order[i];

              if (mark_x[b] - mark_x[a] < mark_half_width (row->state[a]) + mark_half_width (row->state[b]) + 1 - 0.01)
                moved = TRUE;
            }
        }
    }
}

/**
 * tx_plan_timeline_get_mark_x:
 * @row: the row's index
 * @stage: a stage
 *
 * Returns: where the middle of @stage's mark on @row is drawn across a
 *   @width wide drawing, beside the marks of nearby dates rather than
 *   over them; NAN when the stage has no date
 */
double
tx_plan_timeline_get_mark_x (const TxPlanTimeline *data,
                             double                width,
                             guint                 row,
                             TxStage               stage)
{
  Geometry geometry;
  double date_x[TX_N_STAGES], mark_x[TX_N_STAGES];

  g_return_val_if_fail (data != NULL, NAN);
  g_return_val_if_fail (row < data->plan->rows->len, NAN);
  g_return_val_if_fail (stage < TX_N_STAGES, NAN);

  get_geometry (data, width, &geometry);
  place_marks (g_ptr_array_index (data->plan->rows, row), &geometry, date_x, mark_x);
  return mark_x[stage];
}

/* Drawing */

static void
draw_mark (cairo_t         *cr,
           double           x,
           double           y,
           TxCalendarState  state,
           const char      *character,
           double           radius)
{
  cairo_new_path (cr);

  switch (state)
    {
    case TX_CALENDAR_STATE_DONE:
      cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
      set_ink (cr, done_fill);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      break;

    case TX_CALENDAR_STATE_OVERDUE:
      /* a diamond, a little larger than the circles */
      cairo_move_to (cr, x, y - radius * 1.3);
      cairo_line_to (cr, x + radius * 1.3, y);
      cairo_line_to (cr, x, y + radius * 1.3);
      cairo_line_to (cr, x - radius * 1.3, y);
      cairo_close_path (cr);
      set_ink (cr, overdue_fill);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      break;

    case TX_CALENDAR_STATE_UPCOMING:
    default:
      cairo_arc (cr, x, y, radius - 0.75, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1.5);
      set_ink (cr, grey);
      cairo_stroke (cr);
      set_ink (cr, ink);
      break;
    }

  if (character != NULL)
    text (cr, character, x, y, radius * 1.15, TRUE, 0.5, 0);
}

static void
draw_title (cairo_t              *cr,
            double                width,
            const TxPlanTimeline *data)
{
  g_autofree char *title = g_strdup_printf ("%d年度协商计划", data->year);

  set_ink (cr, ink);
  text (cr, title, MARGIN, MARGIN + TITLE_HEIGHT / 2, 20, TRUE, 0, 0);

  if (data->today > 0)
    {
      g_autofree char *date = tx_date_format_chinese (data->today);
      g_autofree char *as_of = g_strdup_printf ("截至 %s", date);

      set_ink (cr, grey);
      text (cr, as_of, width - MARGIN, MARGIN + TITLE_HEIGHT / 2, 13, FALSE, 1, 0);
    }
}

/* The marks and what they mean, in a line under the title. */
static void
draw_legend (cairo_t *cr,
             double   width)
{
  static const struct {
    TxCalendarState  state;
    const char      *label;
  } states[] = {
    { TX_CALENDAR_STATE_DONE, "已完成" },
    { TX_CALENDAR_STATE_UPCOMING, "未到期" },
    { TX_CALENDAR_STATE_OVERDUE, "已逾期" },
  };
  double y = MARGIN + TITLE_HEIGHT + LEGEND_HEIGHT / 2;
  double x = MARGIN;
  double size = 12;
  GString *stages = g_string_new ("环节：");

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      draw_mark (cr, x + 7, y, states[i].state, NULL, 6);
      set_ink (cr, ink);
      x += 18 + text (cr, states[i].label, x + 17, y, size, FALSE, 0, 0) + 14;
    }

  /* the day a stage was done, when it is not its due date */
  set_ink (cr, done_fill);
  cairo_arc (cr, x + 4, y, 3, 0, 2 * G_PI);
  cairo_fill (cr);
  set_ink (cr, ink);
  x += 12 + text (cr, "实际完成日", x + 11, y, size, FALSE, 0, 0) + 14;

  /* today */
  set_ink (cr, today_ink);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
  cairo_move_to (cr, x + 3, y - 8);
  cairo_line_to (cr, x + 3, y + 8);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  set_ink (cr, ink);
  x += 10 + text (cr, "今天", x + 9, y, size, FALSE, 0, 0) + 24;

  for (guint i = 0; i < TX_N_STAGES; i++)
    g_string_append_printf (stages, "%s%s %s", i > 0 ? "　" : "", stage_marks[i], stage_names[i]);

  set_ink (cr, grey);
  if (x + text_width (cr, stages->str, size, FALSE) <= width - MARGIN)
    text (cr, stages->str, x, y, size, FALSE, 0, 0);
  else
    text (cr, stages->str, x, y, size, FALSE, 0, width - MARGIN - x);

  g_string_free (stages, TRUE);
}

/* The year band, the months across the top, and their columns down the rows. */
static void
draw_months (cairo_t              *cr,
             const TxPlanTimeline *data,
             const Geometry       *geometry)
{
  for (int index = geometry->first_month; index <= geometry->last_month; index++)
    {
      double a = position_to_x (geometry, get_month_start (data->year, index));
      double b = position_to_x (geometry, get_month_start (data->year, index + 1));
      int month = ((index % 12) + 12) % 12 + 1;
      gboolean other_year = index < 0 || index > 11;
      g_autofree char *label = g_strdup_printf ("%d月", month);

      /* every other month shaded, the months of other years more */
      if (other_year)
        cairo_set_source_rgb (cr, 0.91, 0.91, 0.91);
      else if (index % 2 == 1)
        cairo_set_source_rgb (cr, 0.965, 0.965, 0.965);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, a, geometry->month_top, b - a, geometry->bottom - geometry->month_top);
      cairo_fill (cr);

      /* over the rows, and under them again for long plans */
      set_ink (cr, other_year ? grey : ink);
      text (cr, label, (a + b) / 2, geometry->month_top + MONTH_HEIGHT / 2,
            MIN (13.0, (b - a) / 2.6), !other_year, 0.5, 0);
      text (cr, label, (a + b) / 2, geometry->rows_bottom + MONTH_HEIGHT / 2,
            MIN (13.0, (b - a) / 2.6), !other_year, 0.5, 0);
    }

  /* a line between the years, and over the band the year of its months */
  if (has_other_years (geometry))
    {
      for (int y = data->year + (geometry->first_month < 0 ? -1 : 0);
           y <= data->year + (geometry->last_month > 11 ? 1 : 0);
           y++)
        {
          int first = MAX ((y - data->year) * 12, geometry->first_month);
          int last = MIN ((y - data->year) * 12 + 11, geometry->last_month);
          double a = position_to_x (geometry, get_month_start (data->year, first));
          double b = position_to_x (geometry, get_month_start (data->year, last + 1));
          g_autofree char *label = g_strdup_printf ("%d年", y);

          set_ink (cr, y == data->year ? ink : grey);
          text (cr, label, (a + b) / 2, geometry->top + YEAR_HEIGHT / 2, 12, y == data->year, 0.5, b - a);
        }

      set_ink (cr, grey);
      cairo_set_line_width (cr, 1.5);
      for (int boundary = 0; boundary <= 12; boundary += 12)
        if (boundary > geometry->first_month && boundary <= geometry->last_month)
          {
            double x = round (position_to_x (geometry, get_month_start (data->year, boundary)));

            cairo_move_to (cr, x, geometry->top);
            cairo_line_to (cr, x, geometry->bottom);
            cairo_stroke (cr);
          }
    }

  /* the line under the month header */
  cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, MARGIN, geometry->today_top + 0.5);
  cairo_line_to (cr, geometry->x1, geometry->today_top + 0.5);
  cairo_stroke (cr);
}

static void
draw_row (cairo_t             *cr,
          const TxYearPlanRow *row,
          guint                index,
          const Geometry      *geometry)
{
  double top = geometry->rows_top + ROW_HEIGHT * index;
  double y = top + ROW_HEIGHT * 0.56;
  double first = INFINITY, last = -INFINITY;
  double x[TX_N_STAGES], date_x[TX_N_STAGES];

  /* the title and the township */
  set_ink (cr, ink);
  text (cr, row->title, MARGIN, top + ROW_HEIGHT * 0.34, 13, FALSE, 0, geometry->label_width - 12);
  set_ink (cr, grey);
  text (cr, row->township, MARGIN, top + ROW_HEIGHT * 0.72, 11, FALSE, 0, geometry->label_width - 12);

  /* the separator under the row */
  cairo_set_source_rgb (cr, 0.86, 0.86, 0.86);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, MARGIN, top + ROW_HEIGHT - 0.5);
  cairo_line_to (cr, geometry->x1, top + ROW_HEIGHT - 0.5);
  cairo_stroke (cr);

  place_marks (row, geometry, date_x, x);
  for (guint stage = 0; stage < TX_N_STAGES; stage++)
    if (!isnan (x[stage]))
      {
        first = MIN (first, MIN (x[stage], date_x[stage]));
        last = MAX (last, MAX (x[stage], date_x[stage]));
      }

  if (first > last)
    return;

  /* the line from the first deadline to the last */
  cairo_set_source_rgb (cr, 0.62, 0.62, 0.62);
  cairo_set_line_width (cr, 2);
  cairo_move_to (cr, first, y);
  cairo_line_to (cr, last, y);
  cairo_stroke (cr);

  /* the day each stage was done, when it is far enough from its due
   * date to be seen beside the mark */
  for (guint stage = 0; stage < TX_N_STAGES; stage++)
    {
      double done;

      if (isnan (row->due_x[stage]) || isnan (row->done_x[stage]))
        continue;

      done = position_to_x (geometry, row->done_x[stage]);
      if (fabs (done - x[stage]) < MARK_RADIUS + 3)
        continue;

      set_ink (cr, done_fill);
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, x[stage], y);
      cairo_line_to (cr, done, y);
      cairo_stroke (cr);
      cairo_arc (cr, done, y, 3, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  /* a mark moved aside points down to its date on the line */
  for (guint stage = 0; stage < TX_N_STAGES; stage++)
    if (!isnan (x[stage]) && fabs (x[stage] - date_x[stage]) > 1)
      {
        double below = y + mark_half_width (row->state[stage]) + 5;

        set_ink (cr, grey);
        cairo_set_line_width (cr, 1);
        cairo_move_to (cr, x[stage], y);
        cairo_line_to (cr, date_x[stage], below);
        cairo_stroke (cr);
        cairo_arc (cr, date_x[stage], below, 1.5, 0, 2 * G_PI);
        cairo_fill (cr);
      }

  /* the six marks */
  for (guint stage = 0; stage < TX_N_STAGES; stage++)
    if (!isnan (x[stage]))
      draw_mark (cr, x[stage], y, row->state[stage], stage_marks[stage], MARK_RADIUS);

  /* the words for each overdue mark, above it, on white over the lines */
  for (guint stage = 0; stage < TX_N_STAGES; stage++)
    if (!isnan (row->due_x[stage]) && row->state[stage] == TX_CALENDAR_STATE_OVERDUE)
      {
        g_autofree char *label = g_strdup_printf ("%s逾期%d天", stage_names[stage], row->overdue_days[stage]);
        double w = text_width (cr, label, 11, TRUE);
        double lx = CLAMP (x[stage], geometry->x0 + w / 2 + 2, geometry->x1 - w / 2 - 2);
        double ly = MAX (y - MARK_RADIUS * 1.3 - 8.5, top + 7.5);

        cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_rectangle (cr, lx - w / 2 - 2, ly - 6.5, w + 4, 13);
        cairo_fill (cr);
        set_ink (cr, overdue_fill);
        text (cr, label, lx, ly, 11, TRUE, 0.5, 0);
      }
}

/* The line for today, drawn before the rows so their marks and words
 * stay whole; then, with @tag, the date over it. */
static void
draw_today (cairo_t              *cr,
            const TxPlanTimeline *data,
            const Geometry       *geometry,
            gboolean              tag)
{
  double position = data->plan->today_x;
  g_autofree char *label = NULL;
  double x, w;
  int m, d;

  if (isnan (position) || position < geometry->start || position > geometry->end)
    return;
  m = tx_date_get_month (data->today);
  d = tx_date_get_day (data->today);

  x = round (position_to_x (geometry, position)) + 0.5;

  if (!tag)
    {
      set_ink (cr, today_ink);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, (double[]) { 5, 3 }, 2, 0);
      cairo_move_to (cr, x, geometry->today_top + TODAY_HEIGHT - 4);
      cairo_line_to (cr, x, geometry->rows_bottom);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      return;
    }

  /* a tag with the date over the line */
  label = g_strdup_printf ("今天 %d月%d日", m, d);
  w = text_width (cr, label, 11, TRUE) + 10;
  {
    double left = CLAMP (x - w / 2, geometry->x0, geometry->x1 - w);
    double top = geometry->today_top + 3;
    double h = TODAY_HEIGHT - 7;

    cairo_new_path (cr);
    cairo_arc (cr, left + 4, top + 4, 4, G_PI, 1.5 * G_PI);
    cairo_arc (cr, left + w - 4, top + 4, 4, 1.5 * G_PI, 2 * G_PI);
    cairo_arc (cr, left + w - 4, top + h - 4, 4, 0, 0.5 * G_PI);
    cairo_arc (cr, left + 4, top + h - 4, 4, 0.5 * G_PI, G_PI);
    cairo_close_path (cr);
    set_ink (cr, today_ink);
    cairo_fill (cr);
    cairo_set_source_rgb (cr, 1, 1, 1);
    text (cr, label, left + w / 2, top + h / 2, 11, TRUE, 0.5, 0);
  }
}

/* Each township's plan against the consultations it has held. */
static void
draw_quotas (cairo_t              *cr,
             double                width,
             const TxPlanTimeline *data,
             const Geometry       *geometry)
{
  guint columns = get_quota_columns (width);
  double top = geometry->bottom + QUOTA_GAP;
  double column_width = (width - 2 * MARGIN) / columns;
  g_autofree char *heading = NULL;
  int y = tx_date_get_year (data->today);

  if (data->quotas->len == 0)
    return;

  if (y == data->year)
    heading = g_strdup_printf ("各乡镇（街道）年度计划完成情况（截至%d月%d日）",
                               tx_date_get_month (data->today), tx_date_get_day (data->today));
  else if (y > data->year)
    heading = g_strdup ("各乡镇（街道）年度计划完成情况（全年）");
  else
    heading = g_strdup ("各乡镇（街道）年度计划");

  set_ink (cr, ink);
  text (cr, heading, MARGIN, top + QUOTA_HEADING / 2, 14, TRUE, 0, width - 2 * MARGIN);

  for (guint i = 0; i < data->quotas->len; i++)
    {
      const TxPlanQuota *quota = g_ptr_array_index (data->quotas, i);
      double x = MARGIN + column_width * (i % columns);
      double cy = top + QUOTA_HEADING + QUOTA_HEIGHT * (i / columns) + QUOTA_HEIGHT / 2;
      double name_width = MIN (96.0, column_width * 0.34);
      double bar_x = x + name_width + 6;
      double bar_width = MIN (70.0, column_width * 0.22);
      g_autofree char *count = NULL;

      set_ink (cr, ink);
      text (cr, quota->township, x, cy, 13, FALSE, 0, name_width);

      if (quota->planned > 0)
        {
          double share = MIN (1.0, (double) quota->held / quota->planned);

          set_ink (cr, bar_fill);
          cairo_rectangle (cr, bar_x, cy - 5, bar_width * share, 10);
          cairo_fill (cr);
          set_ink (cr, ink);
          cairo_set_line_width (cr, 1);
          cairo_rectangle (cr, bar_x + 0.5, cy - 4.5, bar_width - 1, 9);
          cairo_stroke (cr);
          count = g_strdup_printf ("已开展 %d / 计划 %d", quota->held, quota->planned);
        }
      else
        count = g_strdup_printf ("已开展 %d / 未定计划", quota->held);

      set_ink (cr, ink);
      text (cr, count, bar_x + bar_width + 8, cy, 12, FALSE, 0,
            x + column_width - (bar_x + bar_width + 8) - 8);
    }
}

/**
 * tx_plan_timeline_draw:
 *
 * Draws @data in a @width × @height area (user units) at the origin;
 * tx_plan_timeline_get_height() says how tall it needs to be.
 */
void
tx_plan_timeline_draw (cairo_t              *cr,
                       double                width,
                       double                height,
                       const TxPlanTimeline *data)
{
  Geometry geometry;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);

  get_geometry (data, width, &geometry);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  draw_title (cr, width, data);
  draw_legend (cr, width);
  draw_months (cr, data, &geometry);

  if (data->plan->rows->len == 0)
    {
      g_autofree char *none = g_strdup_printf ("%d年尚无协商活动", data->year);

      set_ink (cr, grey);
      text (cr, none, (geometry.x0 + geometry.x1) / 2, geometry.rows_top + ROW_HEIGHT / 2, 14, FALSE, 0.5, 0);
    }

  draw_today (cr, data, &geometry, FALSE);
  for (guint i = 0; i < data->plan->rows->len; i++)
    draw_row (cr, g_ptr_array_index (data->plan->rows, i), i, &geometry);
  draw_today (cr, data, &geometry, TRUE);
  draw_quotas (cr, width, data, &geometry);

  cairo_restore (cr);
}

static void
draw_plan (cairo_t  *cr,
           guint     page,
           gpointer  user_data)
{
  const TxPlanTimeline *data = user_data;

  tx_plan_timeline_draw (cr, WRITE_WIDTH, tx_plan_timeline_get_height (data, WRITE_WIDTH), data);
}

/**
 * tx_plan_timeline_write:
 * @path: ends in .png, .svg or .pdf
 *
 * Writes the year plan 1200 units wide and as tall as it needs; a PNG
 * at twice that, for print and HiDPI screens.  Whole or not at all (see
 * tx_doc_file_write()).
 */
gboolean
tx_plan_timeline_write (const TxPlanTimeline  *data,
                        const char            *path,
                        GError               **error)
{
  TxDocFileKind kind;

  if (!tx_doc_file_kind_from_path (path, &kind, error))
    return FALSE;

  return tx_doc_file_write (path, kind, WRITE_WIDTH, tx_plan_timeline_get_height (data, WRITE_WIDTH), 1,
                            NULL, draw_plan, (gpointer) data, error);
}
