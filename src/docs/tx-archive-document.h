/* tx-archive-document.h — one consultation's dossier (一事一档) as a PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-consultation.h"
#include "tx-date.h"
#include "tx-store.h"

G_BEGIN_DECLS

/* 保管期限 when none is chosen */
#define TX_ARCHIVE_DEFAULT_RETENTION "长期"

gboolean tx_archive_write_pdf (TxStore         *store,
                               TxConsultation  *consultation,
                               const char      *retention,
                               TxDate           today,
                               const char      *path,
                               guint           *n_pages,
                               GError         **error);

gboolean tx_archive_write_year (TxStore         *store,
                                const char      *township,
                                int              year,
                                const char      *retention,
                                TxDate           today,
                                const char      *path,
                                guint           *n_dossiers,
                                GError         **error);

/* How far the year's 台账 is: @done dossiers of @total written */
typedef void (*TxArchiveProgressFunc) (guint    done,
                                       guint    total,
                                       gpointer user_data);

gboolean tx_archive_write_year_full (TxStore               *store,
                                     const char            *township,
                                     int                    year,
                                     const char            *retention,
                                     TxDate                 today,
                                     const char            *path,
                                     TxArchiveProgressFunc  progress,
                                     gpointer               progress_data,
                                     GCancellable          *cancellable,
                                     guint                 *n_dossiers,
                                     GError               **error);

G_END_DECLS
