/* tx-consultation-store.h — consultations in the store: list, load,
 * save, stages done, participants and attendance, delete and restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-consultation.h"
#include "tx-date.h"
#include "tx-store.h"

G_BEGIN_DECLS

/* Which consultations a list shows. */
typedef struct {
  int          year;       /* 0: every year */
  const char  *township;   /* name or uuid; NULL: every township */
  int          stage;      /* the stage reached (TX_STAGE_DONE: all done); -1: any */
  char       **uuids;      /* only these (the consultations of a colour); NULL: any */
} TxConsultationFilter;

#define TX_CONSULTATION_FILTER_INIT { 0, NULL, -1, NULL }

GPtrArray      *tx_store_list_consultations      (TxStore     *store,
                                                  int          year,
                                                  const char  *township,
                                                  GError     **error);
GPtrArray      *tx_store_list_consultations_between (TxStore     *store,
                                                     const char  *from,
                                                     const char  *to,
                                                     GError     **error);
GArray         *tx_store_list_consultation_years (TxStore     *store,
                                                  GError     **error);
GArray         *tx_store_query_consultation_ids  (TxStore                    *store,
                                                  const TxConsultationFilter *filter,
                                                  GError                    **error);
GPtrArray      *tx_store_load_consultations      (TxStore                    *store,
                                                  const gint64               *ids,
                                                  guint                       n_ids,
                                                  GError                    **error);
TxConsultation *tx_store_load_consultation       (TxStore     *store,
                                                  const char  *uuid_or_title,
                                                  GError     **error);
gboolean        tx_store_save_consultation       (TxStore        *store,
                                                  TxConsultation *consultation,
                                                  GError        **error);
gboolean        tx_store_delete_consultation     (TxStore        *store,
                                                  const char     *consultation,
                                                  gboolean        restore,
                                                  char          **uuid,
                                                  GError        **error);
gboolean        tx_store_set_stage_done          (TxStore        *store,
                                                  const char     *consultation_uuid,
                                                  TxStage         stage,
                                                  TxDate          done,
                                                  const char     *reason,
                                                  TxDate          today,
                                                  GError        **error);
gboolean        tx_store_set_participant         (TxStore        *store,
                                                  const char     *consultation_uuid,
                                                  const char     *person_uuid,
                                                  TxRole          role,
                                                  GError        **error);
gboolean        tx_store_remove_participant      (TxStore        *store,
                                                  const char     *consultation_uuid,
                                                  const char     *person_uuid,
                                                  GError        **error);
gboolean        tx_store_set_attendance          (TxStore        *store,
                                                  const char     *consultation_uuid,
                                                  const char     *person_uuid,
                                                  int             attended,
                                                  GError        **error);

G_END_DECLS
