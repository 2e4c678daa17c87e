/* tx-backup-dialog.h — the backups of the database, and restoring one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-day.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_BACKUP_DIALOG (tx_backup_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TxBackupDialog, tx_backup_dialog, TX, BACKUP_DIALOG, AdwWindow)

TxBackupDialog *tx_backup_dialog_new     (GtkWindow      *parent,
                                          TxStore        *store,
                                          TxDay          *day);
void            tx_backup_dialog_restore (TxBackupDialog *self,
                                          const char     *path);

G_END_DECLS
