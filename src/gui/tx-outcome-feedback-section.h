/* tx-outcome-feedback-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TX_TYPE_OUTCOME_FEEDBACK_SECTION (tx_outcome_feedback_section_get_type ())
G_DECLARE_FINAL_TYPE (TxOutcomeFeedbackSection, tx_outcome_feedback_section, TX, OUTCOME_FEEDBACK_SECTION, GtkBox)

G_END_DECLS
