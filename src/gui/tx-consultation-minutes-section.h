/* tx-consultation-minutes-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TX_TYPE_CONSULTATION_MINUTES_SECTION (tx_consultation_minutes_section_get_type ())
G_DECLARE_FINAL_TYPE (TxConsultationMinutesSection, tx_consultation_minutes_section, TX, CONSULTATION_MINUTES_SECTION, GtkBox)

void tx_consultation_minutes_section_add_speech (TxConsultationMinutesSection *self);

G_END_DECLS
