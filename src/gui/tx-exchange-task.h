/* tx-exchange-task.h — reading, importing and writing an exchange file
 * while the window shows how far it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-exchange.h"
#include "tx-progress.h"
#include "tx-store.h"

G_BEGIN_DECLS

typedef enum {
  TX_EXCHANGE_TASK_PREVIEW,   /* read and check, write nothing */
  TX_EXCHANGE_TASK_IMPORT,
  TX_EXCHANGE_TASK_EXPORT,
} TxExchangeTaskKind;

typedef struct {
  const char *township;               /* an export's: the uuid of the one township written, or NULL */
  gboolean    since_last;             /* an export's: only what changed since the last file */
  gboolean    keep_townships_apart;   /* an import's: see TxImportOptions */
  gboolean    backed_up;              /* an import's: see TxImportOptions */
  gboolean    issue;                  /* an export's: the city's 下发 (TxExportOptions) */
  TxProgress *progress;               /* when set: how far, written here, and no progress window */
} TxExchangeTaskOptions;

void     tx_exchange_task_run    (GtkWindow           *parent,
                                  TxStore             *store,
                                  TxExchangeTaskKind   kind,
                                  GFile               *file,
                                  TxDate               today,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
void     tx_exchange_task_run_with (GtkWindow              *parent,
                                    TxStore                *store,
                                    TxExchangeTaskKind      kind,
                                    GFile                  *file,
                                    TxDate                  today,
                                    const TxExchangeTaskOptions *options,
                                    GAsyncReadyCallback     callback,
                                    gpointer                user_data);
gboolean tx_exchange_task_finish (GAsyncResult        *result,
                                  TxImportReport      *report,
                                  GError             **error);
gboolean tx_exchange_task_finish_full (GAsyncResult    *result,
                                       TxImportReport  *report,
                                       GPtrArray      **conflicts,
                                       GPtrArray      **townships,
                                       GError         **error);

G_END_DECLS
