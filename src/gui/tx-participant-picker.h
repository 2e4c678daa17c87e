/* tx-participant-picker.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-person.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_PARTICIPANT_PICKER (tx_participant_picker_get_type ())
G_DECLARE_FINAL_TYPE (TxParticipantPicker, tx_participant_picker, TX, PARTICIPANT_PICKER, AdwBin)

GtkWidget *tx_participant_picker_new          (void);
void       tx_participant_picker_set_store    (TxParticipantPicker *self,
                                               TxStore             *store);
void       tx_participant_picker_set_township (TxParticipantPicker *self,
                                               const char          *township_name);
void       tx_participant_picker_set_invited  (TxParticipantPicker *self,
                                               const char * const  *person_uuids);
void       tx_participant_picker_reset        (TxParticipantPicker *self);

G_END_DECLS
