/* tx-consultation-stages-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TX_TYPE_CONSULTATION_STAGES_SECTION (tx_consultation_stages_section_get_type ())
G_DECLARE_FINAL_TYPE (TxConsultationStagesSection, tx_consultation_stages_section, TX, CONSULTATION_STAGES_SECTION, GtkBox)

G_END_DECLS
