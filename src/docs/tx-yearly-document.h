/* tx-yearly-document.h — the year's figures as a document and a sheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-date.h"
#include "tx-odt-document.h"
#include "tx-yearly-statistics.h"

G_BEGIN_DECLS

TxOdtDocument *tx_yearly_document_new      (GPtrArray    *rows,
                                            int           year,
                                            TxDate        today);
gboolean       tx_yearly_document_write_xlsx (GPtrArray  *rows,
                                              int         year,
                                              const char *path,
                                              GError    **error);

G_END_DECLS
