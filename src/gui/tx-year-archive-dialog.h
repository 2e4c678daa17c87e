/* tx-year-archive-dialog.h — 导出年度台账: a township's year as one zip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-day.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_YEAR_ARCHIVE_DIALOG (tx_year_archive_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TxYearArchiveDialog, tx_year_archive_dialog, TX, YEAR_ARCHIVE_DIALOG, AdwWindow)

TxYearArchiveDialog *tx_year_archive_dialog_new      (GtkWindow           *parent,
                                                      TxStore             *store,
                                                      TxDay               *day);
void                 tx_year_archive_dialog_select   (TxYearArchiveDialog *self,
                                                      const char          *township,
                                                      int                  year);
char                *tx_year_archive_dialog_suggest_name (TxYearArchiveDialog *self);
void                 tx_year_archive_dialog_write_to (TxYearArchiveDialog *self,
                                                      GFile               *file);
gboolean             tx_year_archive_dialog_is_busy  (TxYearArchiveDialog *self);

G_END_DECLS
