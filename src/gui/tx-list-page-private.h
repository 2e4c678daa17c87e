/* tx-list-page-private.h — what the files of TxListPage share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-editor.h"
#include "tx-list-page.h"
#include "tx-township-model.h"

G_BEGIN_DECLS

typedef struct
{
  /* template children */
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkDropDown        *year_drop_down;
  GtkDropDown        *township_drop_down;
  GtkStack           *content_stack;
  GtkWidget          *records_view;
  GtkSingleSelection *selection;
  AdwStatusPage      *error_page;
  TxEditor           *editor;

  /* owned references */
  TxStore            *store;
  TxDay              *day;
  GListModel         *list;
  GtkStringList      *year_labels;  /* "All years", then the years */
  GArray             *years;        /* int, 0 for "All years" */
  TxTownshipModel    *townships;
  GPtrArray          *filters;      /* the subclass's filter widgets, unowned */

  /* state */
  gulong              store_changed_id;
  gulong              list_changed_id;
  guint               list_changes; /* how often the list said it changed */
  guint               filling;      /* the filters or the selection set by code */
  gboolean            read_pending; /* the store's records are read when shown */
  gboolean            stale;        /* the store changed while out of sight */
  gboolean            year_chosen;  /* the default year was applied */
  gboolean            year_touched; /* the clerk chose a year */
  gboolean            failed;       /* the records could not be read */
} TxListPagePrivate;

TxListPagePrivate *tx_list_page_get_private     (TxListPage *self);

/* tx-list-page-filters.c */
gboolean           tx_list_page_fill_years      (TxListPage *self);
gboolean           tx_list_page_fill_townships  (TxListPage *self);
void               tx_list_page_clear_filters   (TxListPage *self);

G_END_DECLS
