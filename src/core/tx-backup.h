/* tx-backup.h — copies of the database: taken without being asked,
 * kept in turn, checked, and restored without ever losing the data they
 * replace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tx-date.h"
#include "tx-store.h"

G_BEGIN_DECLS

typedef enum {
  TX_BACKUP_DAILY,           /* once a day, when the window opens or closes */
  TX_BACKUP_MANUAL,          /* asked for by the clerk */
  TX_BACKUP_BEFORE_RESTORE,  /* the data a restore replaced */
  TX_BACKUP_BEFORE_IMPORT,   /* before a roster or exchange import */
  TX_BACKUP_BEFORE_UPDATE,   /* before the schema was updated */
  TX_BACKUP_BEFORE_REMOVAL,  /* before the sample data were removed */
} TxBackupKind;

/* One backup in the folder beside the database. */
typedef struct {
  char         *path;
  TxBackupKind  kind;
  GDateTime    *taken;    /* local time, as the file is named */
  goffset       size;     /* bytes */
} TxBackup;

/* The daily backups kept: the newest of each of the last days, weeks
 * and months that have one. */
#define TX_BACKUP_KEEP_DAYS   7
#define TX_BACKUP_KEEP_WEEKS  4
#define TX_BACKUP_KEEP_MONTHS 12

void        tx_backup_free            (TxBackup      *backup);
const char *tx_backup_kind_to_key     (TxBackupKind   kind);
const char *tx_backup_kind_to_string  (TxBackupKind   kind);
GDateTime  *tx_backup_dup_now         (TxDate         today);
char       *tx_backup_dup_folder      (const char    *db_path);
GPtrArray  *tx_backup_list            (const char    *db_path,
                                       GError       **error);
TxBackup   *tx_backup_take            (TxStore       *store,
                                       TxBackupKind   kind,
                                       GDateTime     *now,
                                       GError       **error);
gboolean    tx_backup_take_before_change (TxStore     *store,
                                          TxBackupKind kind,
                                          TxDate       today,
                                          TxBackup   **undecided,
                                          GError     **error);
typedef struct _TxBackupJob TxBackupJob;

TxBackupJob *tx_backup_start_before_import  (TxStore      *store,
                                             TxDate        today);
gboolean     tx_backup_finish_before_import (TxBackupJob  *job,
                                             TxBackup    **undecided,
                                             GError      **error);
void        tx_backup_settle          (TxStore       *store,
                                       TxBackup      *backup,
                                       gboolean       changed);
TxBackup   *tx_backup_take_before_update (TxStore     *store,
                                         GDateTime   *now,
                                         GError     **error);
TxBackup   *tx_backup_take_daily      (TxStore       *store,
                                       GDateTime     *now,
                                       GError       **error);
void        tx_backup_take_daily_async  (TxStore             *store,
                                         GDateTime           *now,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
TxBackup   *tx_backup_take_daily_finish (TxStore             *store,
                                         GAsyncResult        *result,
                                         GError             **error);
gboolean    tx_backup_write           (TxStore       *store,
                                       const char    *path,
                                       GError       **error);
gboolean    tx_backup_verify          (const char    *path,
                                       GError       **error);
gboolean    tx_backup_restore         (TxStore       *store,
                                       const char    *path,
                                       GDateTime     *now,
                                       TxBackup     **replaced,
                                       GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxBackup, tx_backup_free)

G_END_DECLS
