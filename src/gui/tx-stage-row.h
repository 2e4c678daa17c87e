/* tx-stage-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-date.h"
#include "tx-types.h"

G_BEGIN_DECLS

#define TX_TYPE_STAGE_ROW (tx_stage_row_get_type ())
G_DECLARE_FINAL_TYPE (TxStageRow, tx_stage_row, TX, STAGE_ROW, AdwActionRow)

GtkWidget  *tx_stage_row_new            (TxStage       stage,
                                         GtkSizeGroup *buttons);
TxStage     tx_stage_row_get_stage      (TxStageRow   *self);
GtkEditable *tx_stage_row_get_due_entry (TxStageRow   *self);
void        tx_stage_row_show           (TxStageRow   *self,
                                         TxDate        due,
                                         const char   *done,
                                         gboolean      current,
                                         gboolean      can_mark,
                                         TxDate        today);
void        tx_stage_row_show_problem   (TxStageRow   *self,
                                         const char   *problem);

G_END_DECLS
