/* tx-signin-document.h — the sign-in sheet of a meeting (签到表)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-meeting.h"
#include "tx-table-document.h"

G_BEGIN_DECLS

/* The columns a sign-in sheet may add to 序号, 姓名, 单位及职务 and
 * 签名: off by default, a sheet is for signing. */
typedef enum {
  TX_SIGNIN_COLUMNS_NONE      = 0,
  TX_SIGNIN_COLUMN_CATEGORIES = 1 << 0,   /* 身份类别 */
  TX_SIGNIN_COLUMN_PHONE      = 1 << 1,   /* 联系电话 */
} TxSigninColumns;

/* How wide the column to sign in is, mm: 40, or 35 with an optional
 * column */
#define TX_SIGNIN_SIGNATURE_WIDTH        40.0
#define TX_SIGNIN_SIGNATURE_WIDTH_NARROW 35.0

TxTableDocument *tx_signin_document_new (TxMeeting       *meeting,
                                         GPtrArray       *people,
                                         gboolean         by_strokes,
                                         guint            blank_rows,
                                         gboolean         full_phones,
                                         TxSigninColumns  columns);

G_END_DECLS
