/* tx-roster-import.h — reading a roster spreadsheet (CSV)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-person.h"
#include "tx-store.h"

G_BEGIN_DECLS

/* One thing wrong with the file, where a clerk can find it. */
typedef struct {
  guint  line;     /* 1 is the header */
  char  *column;   /* the header as written in the file, or NULL */
  char  *reason;   /* translated */
} TxImportProblem;

typedef struct _TxRosterImport TxRosterImport;

typedef void (*TxImportProgress) (guint    done,
                                  guint    total,
                                  gpointer user_data);

TxRosterImport *tx_roster_import_read          (TxStore           *store,
                                                const char        *path,
                                                GError           **error);
TxRosterImport *tx_roster_import_read_bytes    (TxStore           *store,
                                                GBytes            *bytes,
                                                const char        *display_name,
                                                GError           **error);
TxRosterImport *tx_roster_import_run           (TxStore           *store,
                                                const char        *path,
                                                GError           **error);
gboolean        tx_roster_import_apply         (TxStore           *store,
                                                TxRosterImport    *import,
                                                TxImportProgress   progress,
                                                gpointer           user_data,
                                                GError           **error);
void            tx_roster_import_free          (TxRosterImport    *import);

const char     *tx_roster_import_get_encoding  (TxRosterImport    *import);
guint           tx_roster_import_get_n_rows    (TxRosterImport    *import);
guint           tx_roster_import_get_n_unchanged (TxRosterImport  *import);
GPtrArray      *tx_roster_import_get_to_add    (TxRosterImport    *import);
guint           tx_roster_import_get_n_to_add  (TxRosterImport    *import);
GPtrArray      *tx_roster_import_get_to_update (TxRosterImport    *import);
GPtrArray      *tx_roster_import_get_new_townships (TxRosterImport *import);
GPtrArray      *tx_roster_import_get_problems  (TxRosterImport    *import);
guint           tx_roster_import_get_n_without_township (TxRosterImport *import);
const char     *tx_roster_import_get_default_township   (TxRosterImport *import);
char           *tx_import_problem_to_string    (const TxImportProblem *problem);

gboolean        tx_phone_is_valid              (const char        *phone);
char           *tx_phone_digits                (const char        *phone);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxRosterImport, tx_roster_import_free)

G_END_DECLS
