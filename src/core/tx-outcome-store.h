/* tx-outcome-store.h — recommendations in the store: list, load, save,
 * delete and restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-date.h"
#include "tx-outcome.h"
#include "tx-store.h"

G_BEGIN_DECLS

/* Which recommendations a list shows. */
typedef struct {
  int          year;           /* of submission, or of the consultation; 0: every year */
  const char  *township;       /* name or uuid; NULL: every township */
  int          adoption;       /* a TxAdoption; -1: any */
  gboolean     overdue_only;   /* only those whose feedback is overdue on @today */
  TxDate       today;
  int          feedback_days;  /* -1: the store's feedback-days setting */
  const char  *consultation;   /* uuid; NULL: every consultation */
} TxOutcomeFilter;

#define TX_OUTCOME_FILTER_INIT { 0, NULL, -1, FALSE, TX_DATE_NONE, -1, NULL }

GArray         *tx_store_list_outcome_years      (TxStore               *store,
                                                  GError               **error);
GArray         *tx_store_query_consultation_outcome_ids (TxStore    *store,
                                                         const char *consultation);
GArray         *tx_store_query_outcome_ids       (TxStore               *store,
                                                  const TxOutcomeFilter *filter,
                                                  GError               **error);
GPtrArray      *tx_store_load_outcomes           (TxStore               *store,
                                                  const gint64          *ids,
                                                  guint                  n_ids,
                                                  GError               **error);
GPtrArray      *tx_store_list_outcomes           (TxStore            *store,
                                                  const char         *consultation_uuid,
                                                  GError            **error);
gboolean        tx_store_save_outcome            (TxStore            *store,
                                                  TxOutcome          *outcome,
                                                  GError            **error);
gboolean        tx_store_delete_outcome          (TxStore            *store,
                                                  const char         *uuid,
                                                  gboolean            restore,
                                                  GError            **error);
TxOutcome      *tx_store_load_outcome            (TxStore            *store,
                                                  const char         *uuid,
                                                  GError            **error);

G_END_DECLS
