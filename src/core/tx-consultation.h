/* tx-consultation.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-types.h"

G_BEGIN_DECLS

/* Someone invited to a consultation. */
typedef struct {
  char       *person_uuid;
  char       *name;           /* filled when loaded from the store */
  GArray     *categories;     /* of TxCategory, filled when loaded */
  TxRole      role;
  gboolean    invited;
  int         attended;       /* -1 not yet known, 0 absent, 1 present */
} TxParticipant;

/* One speech in the minutes. */
typedef struct {
  char *speaker;
  char *summary;
} TxSpeech;

TxParticipant *tx_participant_new  (const char    *person_uuid,
                                    TxRole         role);
void           tx_participant_free (TxParticipant *participant);
TxSpeech      *tx_speech_new       (const char    *speaker,
                                    const char    *summary);
void           tx_speech_free      (TxSpeech      *speech);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxParticipant, tx_participant_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxSpeech, tx_speech_free)

#define TX_TYPE_CONSULTATION (tx_consultation_get_type ())
G_DECLARE_FINAL_TYPE (TxConsultation, tx_consultation, TX, CONSULTATION, GObject)

TxConsultation *tx_consultation_new                (void);
const char     *tx_consultation_get_uuid           (TxConsultation *self);
const char     *tx_consultation_get_title          (TxConsultation *self);
const char     *tx_consultation_get_township_uuid  (TxConsultation *self);
const char     *tx_consultation_get_township_name  (TxConsultation *self);
TxTopicSource   tx_consultation_get_topic_source   (TxConsultation *self);
TxOrientation   tx_consultation_get_orientation    (TxConsultation *self);
TxPlatform      tx_consultation_get_platform       (TxConsultation *self);
const char     *tx_consultation_get_venue          (TxConsultation *self);
const char     *tx_consultation_get_starts         (TxConsultation *self);
const char     *tx_consultation_get_ends           (TxConsultation *self);
const char     *tx_consultation_get_research       (TxConsultation *self);
const char     *tx_consultation_get_stage_due      (TxConsultation *self,
                                                    TxStage         stage);
const char     *tx_consultation_get_stage_done     (TxConsultation *self,
                                                    TxStage         stage);
const char     *tx_consultation_get_stage_note     (TxConsultation *self,
                                                    TxStage         stage);
TxStage         tx_consultation_get_current_stage  (TxConsultation *self);
int             tx_consultation_get_year           (TxConsultation *self);
char           *tx_consultation_dup_date_label     (TxConsultation *self);
GPtrArray      *tx_consultation_get_participants   (TxConsultation *self);
gboolean        tx_consultation_has_minutes        (TxConsultation *self);
const char     *tx_consultation_get_recorder       (TxConsultation *self);
const char     *tx_consultation_get_agenda         (TxConsultation *self);
GPtrArray      *tx_consultation_get_speeches       (TxConsultation *self);
const char     *tx_consultation_get_consensus      (TxConsultation *self);
const char     *tx_consultation_get_next_steps     (TxConsultation *self);
GPtrArray      *tx_consultation_get_outcomes       (TxConsultation *self);
const char     *tx_consultation_get_updated_at     (TxConsultation *self);

/* Changing a consultation, before saving it */
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


G_END_DECLS
