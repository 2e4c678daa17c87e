/* tx-roster-document.h — the printed roster (人员名册)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-date.h"
#include "tx-table-document.h"
#include "tx-types.h"

G_BEGIN_DECLS

/* The columns a printed roster may have, after 序号; their keys are
 * those of the roster's CSV (name, gender, …). */
typedef enum {
  TX_ROSTER_COLUMN_NAME,
  TX_ROSTER_COLUMN_GENDER,
  TX_ROSTER_COLUMN_ETHNICITY,
  TX_ROSTER_COLUMN_TOWNSHIP,
  TX_ROSTER_COLUMN_VILLAGE,
  TX_ROSTER_COLUMN_CATEGORIES,
  TX_ROSTER_COLUMN_ORGANIZATION,  /* 单位及职务, or 工作单位 when the title has its own */
  TX_ROSTER_COLUMN_TITLE,
  TX_ROSTER_COLUMN_PHONE,
  TX_ROSTER_COLUMN_NOTES,
} TxRosterColumn;

#define TX_N_ROSTER_COLUMNS 10

/* What a printed roster is of, and how it prints.  Zero-initialised:
 * everyone, the default columns, portrait, numbers masked. */
typedef struct {
  const char           *organization;   /* who prints it, e.g. "福泉市政协", or NULL */
  const char           *township;       /* the filter's township, or NULL */
  gboolean              has_category;   /* the filter's category */
  TxCategory            category;
  const char           *search;         /* the filter's text, or NULL */
  TxDate                date;           /* the day it is printed */
  TxOrder               order;
  gboolean              full_phones;    /* in full instead of 138****5678 */
  gboolean              landscape;      /* A4 landscape, for more columns */
  const TxRosterColumn *columns;        /* in this order; NULL: the default */
  guint                 n_columns;
} TxRosterPrintOptions;

TxTableDocument *tx_roster_document_new      (GPtrArray                  *people,
                                              const char                 *organization,
                                              const char                 *township,
                                              TxDate                      date,
                                              TxOrder                     order,
                                              gboolean                    full_phones);
TxTableDocument *tx_roster_document_new_full (GPtrArray                  *people,
                                              const TxRosterPrintOptions *options);
TxTableDocument *tx_roster_document_new_for_ids (TxStore                 *store,
                                              GArray                     *ids,
                                              const TxRosterPrintOptions *options);

const char      *tx_roster_column_to_key     (TxRosterColumn              column);
const char      *tx_roster_column_get_header (TxRosterColumn              column);
GArray          *tx_roster_columns_parse     (const char                 *list,
                                              GError                    **error);
char            *tx_roster_columns_list_keys (void);
const TxRosterColumn *tx_roster_columns_get_default (guint               *n_columns);

G_END_DECLS
