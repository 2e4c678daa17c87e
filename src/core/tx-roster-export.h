/* tx-roster-export.h — the roster as a spreadsheet (CSV, XLSX)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-roster.h"

G_BEGIN_DECLS

/* Excel's limit on the characters of a cell (UTF-16 code units) */
#define TX_XLSX_MAX_CELL_LENGTH 32767

/* What an export did, for the clerk. */
typedef struct {
  guint n_people;   /* the people written */
  guint n_cut;      /* XLSX cells longer than Excel takes, cut and marked */
} TxRosterExportReport;

gboolean tx_roster_export_csv    (TxStore              *store,
                                  const TxPersonFilter *filter,
                                  const char           *path,
                                  TxRosterExportReport *report,
                                  GError              **error);
gboolean tx_roster_export_xlsx   (TxStore              *store,
                                  const TxPersonFilter *filter,
                                  const char           *path,
                                  TxRosterExportReport *report,
                                  GError              **error);
gboolean tx_roster_export_report (TxStore              *store,
                                  const TxPersonFilter *filter,
                                  const char           *path,
                                  TxRosterExportReport *report,
                                  GError              **error);
gboolean tx_roster_export        (TxStore              *store,
                                  const TxPersonFilter *filter,
                                  const char           *path,
                                  guint                *n_people,
                                  GError              **error);

/* A spreadsheet of one sheet, written as the roster's */
gboolean tx_xlsx_write_table     (const char           *path,
                                  const char           *sheet_name,
                                  guint                 n_columns,
                                  const char * const   *headers,
                                  const double         *widths,
                                  const char * const   *cells,
                                  guint                 n_cells,
                                  GError              **error);

const char *tx_roster_export_get_cut_mark (void);
char    *tx_roster_export_csv_cell  (const char *text);
char    *tx_roster_export_xlsx_cell (const char *text,
                                     gboolean   *cut);

G_END_DECLS
