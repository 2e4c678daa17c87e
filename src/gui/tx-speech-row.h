/* tx-speech-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TX_TYPE_SPEECH_ROW (tx_speech_row_get_type ())
G_DECLARE_FINAL_TYPE (TxSpeechRow, tx_speech_row, TX, SPEECH_ROW, GtkListBoxRow)

GtkWidget *tx_speech_row_new          (const char  *speaker,
                                       const char  *summary);
char      *tx_speech_row_dup_speaker  (TxSpeechRow *self);
char      *tx_speech_row_dup_summary  (TxSpeechRow *self);
void       tx_speech_row_set_position (TxSpeechRow *self,
                                       guint        position,
                                       guint        n_speeches);
void       tx_speech_row_focus        (TxSpeechRow *self,
                                       int          offset);

G_END_DECLS
