/* tx-paged-list.h — a list of records read from the store a page at a
 * time: the roster, the consultations, the recommendations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_PAGED_LIST (tx_paged_list_get_type ())
G_DECLARE_DERIVABLE_TYPE (TxPagedList, tx_paged_list, TX, PAGED_LIST, GObject)

struct _TxPagedListClass
{
  GObjectClass parent_class;

  /* The row ids of the records to list, in order, filtered and sorted
   * in SQL. */
  GArray    *(*query_ids)   (TxPagedList   *self,
                             GError       **error);
  /* The records of @ids, in their order (one deleted meanwhile left
   * out). */
  GPtrArray *(*load_rows)   (TxPagedList   *self,
                             const gint64  *ids,
                             guint          n_ids,
                             GError       **error);
  /* Whether a change of records of @kind may change the list. */
  gboolean   (*is_affected) (TxPagedList   *self,
                             const char    *kind);
  /* The row ids of the records whose rows a change of @kind's record
   * @uuid (nullable) may show otherwise, or NULL when any row may.  By
   * default, the record's own row if it is of the list's kind, else
   * any. */
  GArray    *(*affected_ids) (TxPagedList  *self,
                              const char   *kind,
                              const char   *uuid);

  /* The kind of the records listed, as the store's changes name it and
   * as their table is named. */
  const char  *kind;
};

TxStore      *tx_paged_list_get_store (TxPagedList *self);
void          tx_paged_list_reload    (TxPagedList *self);
void          tx_paged_list_catch_up  (TxPagedList *self);
void          tx_paged_list_set_watching (TxPagedList *self,
                                          gboolean     watching);
void          tx_paged_list_set_new_rows_first (TxPagedList *self,
                                                gboolean     new_first);
guint         tx_paged_list_find      (TxPagedList *self,
                                       const char  *uuid);
const GError *tx_paged_list_get_error (TxPagedList *self);

G_END_DECLS
