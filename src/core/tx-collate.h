/* tx-collate.h — Chinese ordering by pinyin or surname strokes (ICU)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-types.h"

G_BEGIN_DECLS

GBytes *tx_collate_sort_key (const char *text,
                             TxOrder     order);
void    tx_collate_sort_keys (const char  *text,
                              GBytes     **pinyin,
                              GBytes     **strokes);
int     tx_collate_compare  (const char *a,
                             const char *b,
                             TxOrder     order);

G_END_DECLS
