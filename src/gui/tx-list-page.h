/* tx-list-page.h — a page of records: a filtered list beside the
 * editor of the one chosen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-date.h"
#include "tx-day.h"
#include "tx-editor.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_LIST_PAGE (tx_list_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (TxListPage, tx_list_page, TX, LIST_PAGE, AdwBin)

/**
 * TxListPageClass:
 * @record_kind: the kind of TxStore::changed the records are, and of
 *   tx_store_has_records(): “consultation”, “outcome”
 * @year_falls_back: at first, when this year has no records yet, the
 *   last year that has some is chosen (else every year is)
 * @create_list: the list of records of @store (a TxPagedList), every one
 *   until a filter is applied
 * @apply_filter: sets on the list the filter of the page: the year and
 *   the township (tx_list_page_get_year(), _get_township()), and the
 *   subclass's own filters
 * @list_years: the years that have records, in any order
 * @get_item_uuid: the uuid of a record of the list
 * @is_filter_affected: (nullable): whether a TxStore::changed of @kind
 *   may change what the filter lets through (the list reloads itself
 *   when records of its kinds change)
 * @list_changed: (nullable): after the list changed (a filter, the store,
 *   the day)
 */
struct _TxListPageClass
{
  AdwBinClass parent_class;

  const char *record_kind;
  gboolean    year_falls_back;

  GListModel *(*create_list)        (TxListPage  *self,
                                     TxStore     *store);
  void        (*apply_filter)       (TxListPage  *self);
  GArray     *(*list_years)         (TxListPage  *self,
                                     GError     **error);
  const char *(*get_item_uuid)      (TxListPage  *self,
                                     gpointer     item);
  gboolean    (*is_filter_affected) (TxListPage  *self,
                                     const char  *kind);
  void        (*list_changed)       (TxListPage  *self);
};

/* For the subclasses */
void        tx_list_page_class_setup       (GtkWidgetClass *widget_class,
                                            const char     *resource,
                                            const char     *action_prefix);
void        tx_list_page_add_filter        (TxListPage     *self,
                                            GtkWidget      *widget);
void        tx_list_page_refilter          (TxListPage     *self);
GListModel *tx_list_page_get_list          (TxListPage     *self);
int         tx_list_page_get_year          (TxListPage     *self);
const char *tx_list_page_get_township      (TxListPage     *self);
const char *tx_list_page_get_township_name (TxListPage     *self);
TxDate      tx_list_page_get_today         (TxListPage     *self);

/* For the window */
TxStore    *tx_list_page_get_store         (TxListPage     *self);
void        tx_list_page_set_store         (TxListPage     *self,
                                            TxStore        *store);
TxDay      *tx_list_page_get_day           (TxListPage     *self);
void        tx_list_page_set_day           (TxListPage     *self,
                                            TxDay          *day);
void        tx_list_page_select            (TxListPage     *self,
                                            const char     *uuid);
void        tx_list_page_select_at         (TxListPage     *self,
                                            const char     *uuid,
                                            const char     *place);

TxEditor   *tx_list_page_get_editor (TxListPage *self);

G_END_DECLS
