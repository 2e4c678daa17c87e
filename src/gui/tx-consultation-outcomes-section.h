/* tx-consultation-outcomes-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TX_TYPE_CONSULTATION_OUTCOMES_SECTION (tx_consultation_outcomes_section_get_type ())
G_DECLARE_FINAL_TYPE (TxConsultationOutcomesSection, tx_consultation_outcomes_section, TX, CONSULTATION_OUTCOMES_SECTION, GtkBox)

G_END_DECLS
