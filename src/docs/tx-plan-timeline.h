/* tx-plan-timeline.h — the year plan (年度协商计划) drawn in Cairo
 *
 * A pure function of (cairo_t, size, data), like the charts: the
 * calendar page draws it on screen, and a PNG, SVG or PDF file is drawn
 * by the same function.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "tx-calendar-layout.h"
#include "tx-store.h"

G_BEGIN_DECLS

/* A township's plan for the year against the consultations it has held. */
typedef struct {
  char *township;
  int   planned;    /* -1 without a plan */
  int   held;
} TxPlanQuota;

typedef struct {
  int          year;
  TxDate       today;
  TxYearPlan  *plan;      /* one row a consultation */
  GPtrArray   *quotas;    /* TxPlanQuota, by township */
} TxPlanTimeline;

TxPlanTimeline *tx_plan_timeline_new            (int                    year,
                                                 GPtrArray             *consultations,
                                                 TxDate                 today);
TxPlanTimeline *tx_plan_timeline_new_from_store (TxStore               *store,
                                                 int                    year,
                                                 const char            *township_uuid,
                                                 TxDate                 today,
                                                 GError               **error);
void            tx_plan_timeline_add_quota      (TxPlanTimeline        *data,
                                                 const char            *township,
                                                 int                    planned,
                                                 int                    held);
void            tx_plan_timeline_free           (TxPlanTimeline        *data);

double          tx_plan_timeline_get_height     (const TxPlanTimeline  *data,
                                                 double                 width);
double          tx_plan_timeline_get_x          (const TxPlanTimeline  *data,
                                                 double                 width,
                                                 const char            *date);
double          tx_plan_timeline_get_row_y      (const TxPlanTimeline  *data,
                                                 guint                  row);
double          tx_plan_timeline_get_mark_x     (const TxPlanTimeline  *data,
                                                 double                 width,
                                                 guint                  row,
                                                 TxStage                stage);
void            tx_plan_timeline_draw           (cairo_t               *cr,
                                                 double                 width,
                                                 double                 height,
                                                 const TxPlanTimeline  *data);
gboolean        tx_plan_timeline_write          (const TxPlanTimeline  *data,
                                                 const char            *path,
                                                 GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxPlanTimeline, tx_plan_timeline_free)

G_END_DECLS
