/* tx-township-store.h — townships in the store: list, find, add,
 * rename, merge, and the yearly plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-store.h"
#include "tx-township.h"

G_BEGIN_DECLS

/* What belongs to a township. */
typedef struct {
  guint people;
  guint consultations;
  guint plans;          /* years with a plan */
} TxTownshipCounts;

GPtrArray  *tx_store_list_townships  (TxStore         *store,
                                      GError         **error);
TxTownship *tx_store_find_township   (TxStore         *store,
                                      const char      *name_or_uuid,
                                      GError         **error);
TxTownship *tx_store_add_township    (TxStore         *store,
                                      const char      *name,
                                      TxTownshipKind   kind,
                                      GError         **error);
char       *tx_store_check_township_name
                                     (TxStore         *store,
                                      const char      *name,
                                      const char      *township_uuid);
gboolean    tx_store_rename_township (TxStore         *store,
                                      const char      *name_or_uuid,
                                      const char      *new_name,
                                      GError         **error);
gboolean    tx_store_move_township   (TxStore         *store,
                                      const char      *name_or_uuid,
                                      int              delta,
                                      GError         **error);
gboolean    tx_store_merge_townships (TxStore         *store,
                                      const char      *from,
                                      const char      *into,
                                      GError         **error);
gboolean    tx_store_merge_townships_keeping_name
                                     (TxStore         *store,
                                      const char      *from,
                                      const char      *into,
                                      gboolean         keep_from_name,
                                      GError         **error);
gboolean    tx_store_count_township  (TxStore         *store,
                                      const char      *name_or_uuid,
                                      TxTownshipCounts *counts,
                                      GError         **error);
int         tx_store_get_plan        (TxStore         *store,
                                      const char      *township_uuid,
                                      int              year);
gboolean    tx_store_set_plan        (TxStore         *store,
                                      const char      *name_or_uuid,
                                      int              year,
                                      int              consultations,
                                      GError         **error);

G_END_DECLS
