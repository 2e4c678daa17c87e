/* tx-yearly-statistics.h — the year's figures (年度工作统计)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-date.h"
#include "tx-store.h"
#include "tx-types.h"

G_BEGIN_DECLS

/* A township's year, or every township's together */
typedef struct {
  char    *township;                        /* NULL: the total */
  guint    consultations;                   /* meetings held in the year */
  guint    by_source[4];                    /* by TxTopicSource */
  guint    by_orientation[2];               /* by TxOrientation */
  guint    participants;                    /* people present at them, each once */
  guint    by_category[TX_N_CATEGORIES];    /* … of each category (someone of two counts in both) */
  guint    outcomes;                        /* their recommendations */
  guint    by_adoption[4];                  /* by TxAdoption */
  double   feedback_rate;                   /* the three zeros of the year; -1: nothing to rate */
  double   supervision_coverage;
  double   implementation_rate;
  guint    trainings;                       /* activities held in the year */
  guint    trained;                         /* people present at a training, each once */
  guint    observations;
  guint    exchanges;
  guint    other_activities;                /* of the office's own kinds */
} TxYearlyRow;

void        tx_yearly_row_free           (TxYearlyRow  *row);
GPtrArray  *tx_yearly_statistics_compute (TxStore      *store,
                                          int           year,
                                          const char   *township,
                                          TxDate        today,
                                          GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxYearlyRow, tx_yearly_row_free)

G_END_DECLS
