/* tx-participant-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-consultation.h"

G_BEGIN_DECLS

#define TX_TYPE_PARTICIPANT_ROW (tx_participant_row_get_type ())
G_DECLARE_FINAL_TYPE (TxParticipantRow, tx_participant_row, TX, PARTICIPANT_ROW, AdwActionRow)

GtkWidget  *tx_participant_row_new                    (TxParticipant    *participant);
void        tx_participant_row_update                 (TxParticipantRow *self,
                                                       TxParticipant    *participant);
void        tx_participant_row_set_taking_attendance  (TxParticipantRow *self,
                                                       gboolean          taking_attendance);
const char *tx_participant_row_get_person_uuid        (TxParticipantRow *self);
const char *tx_participant_row_get_name               (TxParticipantRow *self);
TxRole      tx_participant_row_get_role               (TxParticipantRow *self);
int         tx_participant_row_get_attended           (TxParticipantRow *self);

G_END_DECLS
