/* tx-consultation-details-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TX_TYPE_CONSULTATION_DETAILS_SECTION (tx_consultation_details_section_get_type ())
G_DECLARE_FINAL_TYPE (TxConsultationDetailsSection, tx_consultation_details_section, TX, CONSULTATION_DETAILS_SECTION, GtkBox)


G_END_DECLS
