/* tx-collate.h — Chinese ordering by pinyin (ICU) or by surname strokes
 * (按姓氏笔画为序: surname, stroke count, strokes in writing order)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "tx-types.h"

G_BEGIN_DECLS

GBytes *tx_collate_sort_key           (const char  *text,
                                       TxOrder      order);
void    tx_collate_sort_keys          (const char  *text,
                                       GBytes     **pinyin,
                                       GBytes     **strokes);
int     tx_collate_compare            (const char  *a,
                                       const char  *b,
                                       TxOrder      order);
void    tx_collate_register_functions (sqlite3     *db);

G_END_DECLS
