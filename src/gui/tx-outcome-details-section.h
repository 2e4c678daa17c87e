/* tx-outcome-details-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TX_TYPE_OUTCOME_DETAILS_SECTION (tx_outcome_details_section_get_type ())
G_DECLARE_FINAL_TYPE (TxOutcomeDetailsSection, tx_outcome_details_section, TX, OUTCOME_DETAILS_SECTION, GtkBox)

const char *tx_outcome_details_section_get_consultation_uuid (TxOutcomeDetailsSection *self);

void        tx_outcome_details_section_set_next_consultation (TxOutcomeDetailsSection *self,
                                                              const char              *uuid);

G_END_DECLS
