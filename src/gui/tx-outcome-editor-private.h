/* tx-outcome-editor-private.h — what the actions of the recommendation
 * editor do, without their file chooser, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-outcome-editor.h"

G_BEGIN_DECLS

gboolean tx_outcome_editor_export_to_file (TxOutcomeEditor  *self,
                                           GFile            *file,
                                           GError          **error);

G_END_DECLS
