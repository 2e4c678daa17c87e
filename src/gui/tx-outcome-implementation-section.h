/* tx-outcome-implementation-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TX_TYPE_OUTCOME_IMPLEMENTATION_SECTION (tx_outcome_implementation_section_get_type ())
G_DECLARE_FINAL_TYPE (TxOutcomeImplementationSection, tx_outcome_implementation_section, TX, OUTCOME_IMPLEMENTATION_SECTION, GtkBox)

void tx_outcome_implementation_section_add_record (TxOutcomeImplementationSection *self);

G_END_DECLS
