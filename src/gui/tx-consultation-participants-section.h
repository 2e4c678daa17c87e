/* tx-consultation-participants-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TX_TYPE_CONSULTATION_PARTICIPANTS_SECTION (tx_consultation_participants_section_get_type ())
G_DECLARE_FINAL_TYPE (TxConsultationParticipantsSection, tx_consultation_participants_section, TX, CONSULTATION_PARTICIPANTS_SECTION, GtkBox)

G_END_DECLS
