/* tx-supervision-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-outcome.h"

G_BEGIN_DECLS

#define TX_TYPE_SUPERVISION_ROW (tx_supervision_row_get_type ())
G_DECLARE_FINAL_TYPE (TxSupervisionRow, tx_supervision_row, TX, SUPERVISION_ROW, GtkListBoxRow)

GtkWidget          *tx_supervision_row_new            (TxSupervisionPhase  phase,
                                                       const char         *date,
                                                       const char         *by,
                                                       const char         *note);
TxSupervisionPhase  tx_supervision_row_get_phase      (TxSupervisionRow   *self);
GtkEditable        *tx_supervision_row_get_date_entry (TxSupervisionRow   *self);
char               *tx_supervision_row_dup_by         (TxSupervisionRow   *self);
char               *tx_supervision_row_dup_note       (TxSupervisionRow   *self);
gboolean            tx_supervision_row_is_empty       (TxSupervisionRow   *self);
void                tx_supervision_row_show_problem   (TxSupervisionRow   *self,
                                                       const char         *problem);

G_END_DECLS
