/* tx-consultation-edit.h — changing consultations: details, stages,
 * participants and attendance, minutes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-consultation.h"
#include "tx-date.h"
#include "tx-store.h"

G_BEGIN_DECLS

void      tx_consultation_set_title        (TxConsultation *self,
                                            const char     *title);
void      tx_consultation_set_township     (TxConsultation *self,
                                            const char     *township_uuid);
void      tx_consultation_set_topic        (TxConsultation *self,
                                            TxTopicSource   source,
                                            TxOrientation   orientation);
void      tx_consultation_set_place        (TxConsultation *self,
                                            TxPlatform      platform,
                                            const char     *venue);
void      tx_consultation_set_times        (TxConsultation *self,
                                            const char     *starts,
                                            const char     *ends);
void      tx_consultation_set_research     (TxConsultation *self,
                                            const char     *research);
void      tx_consultation_set_stage_due    (TxConsultation *self,
                                            TxStage         stage,
                                            const char     *due);
void      tx_consultation_set_minutes      (TxConsultation *self,
                                            const char     *recorder,
                                            const char     *agenda,
                                            const char     *consensus,
                                            const char     *next_steps);
void      tx_consultation_add_speech       (TxConsultation *self,
                                            const char     *speaker,
                                            const char     *summary);
void      tx_consultation_clear_speeches   (TxConsultation *self);

gboolean  tx_store_save_consultation       (TxStore        *store,
                                            TxConsultation *consultation,
                                            GError        **error);
gboolean  tx_store_delete_consultation     (TxStore        *store,
                                            const char     *consultation,
                                            gboolean        restore,
                                            char          **uuid,
                                            GError        **error);
gboolean  tx_store_set_stage_done          (TxStore        *store,
                                            const char     *consultation_uuid,
                                            TxStage         stage,
                                            TxDate          done,
                                            const char     *reason,
                                            TxDate          today,
                                            GError        **error);
gboolean  tx_store_set_participant         (TxStore        *store,
                                            const char     *consultation_uuid,
                                            const char     *person_uuid,
                                            TxRole          role,
                                            GError        **error);
gboolean  tx_store_remove_participant      (TxStore        *store,
                                            const char     *consultation_uuid,
                                            const char     *person_uuid,
                                            GError        **error);
gboolean  tx_store_set_attendance          (TxStore        *store,
                                            const char     *consultation_uuid,
                                            const char     *person_uuid,
                                            int             attended,
                                            GError        **error);

G_END_DECLS
