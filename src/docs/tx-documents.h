/* tx-documents.h — the documents, prepared and written the same way
 * for the window and for tongxin-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-consultation.h"
#include "tx-date.h"
#include "tx-meeting.h"
#include "tx-odt-document.h"
#include "tx-roster-document.h"
#include "tx-roster.h"
#include "tx-settings.h"
#include "tx-store.h"
#include "tx-table-document.h"

G_BEGIN_DECLS

/* What a sign-in sheet needs besides the consultation; -1 for what the
 * settings say. */
typedef struct {
  int order;        /* TxSigninOrder, or -1 */
  int blank_rows;   /* 0 to 100, or -1 */
  int categories;   /* a column 身份类别 (TRUE, FALSE), or -1 */
  int phones;       /* a column 联系电话 (TRUE, FALSE), or -1 */
} TxSigninOptions;

#define TX_SIGNIN_OPTIONS_INIT { -1, -1, -1, -1 }

TxTableDocument *tx_documents_prepare_signin  (TxStore                *store,
                                               TxMeeting              *meeting,
                                               const TxSigninOptions  *options,
                                               GPtrArray             **warnings,
                                               GError                **error);
guint            tx_documents_write_roster    (TxStore                *store,
                                               const TxPersonFilter   *filter,
                                               const TxRosterPrintOptions *layout,
                                               TxDate                  today,
                                               const char             *path,
                                               GError                **error);
gboolean         tx_documents_write_minutes   (TxConsultation         *consultation,
                                               const char             *path,
                                               GError                **error);
gboolean         tx_documents_check_issue_parts (const TxIssueParts *parts,
                                               GError                **error);
gboolean         tx_documents_write_recommendation (TxStore            *store,
                                               TxOutcome              *outcome,
                                               TxDate                  today,
                                               const TxIssueParts     *parts,
                                               const char             *path,
                                               GError                **error);
/* What writing the quarterly circular does. */
typedef enum {
  TX_CIRCULAR_DRAFT,        /* a draft: written, nothing frozen */
  TX_CIRCULAR_ISSUE,        /* issue it, or write the issued one again */
  TX_CIRCULAR_CORRECTION,   /* a new version of the issued one (更正) */
} TxCircularMode;

typedef struct {
  TxCircularMode  mode;
  const char     *suggestions;   /* NULL: those issued, or a first draft */
  TxIssueParts    parts;         /* the number for ISSUE and CORRECTION */
} TxCircularOptions;

gboolean         tx_documents_write_circular  (TxStore                *store,
                                               int                     year,
                                               int                     quarter,
                                               TxDate                  today,
                                               const char             *suggestions,
                                               const char             *path,
                                               GError                **error);
gboolean         tx_documents_write_circular_full
                                              (TxStore                *store,
                                               int                     year,
                                               int                     quarter,
                                               TxDate                  today,
                                               const TxCircularOptions *options,
                                               const char             *path,
                                               GError                **error);

G_END_DECLS
