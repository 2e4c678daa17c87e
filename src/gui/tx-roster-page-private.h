/* tx-roster-page-private.h — what the parts of the roster page share:
 * its fields, and the helpers of each part that the others call; and
 * what its actions do without their file choosers, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-day.h"
#include "tx-person-list.h"
#include "tx-roster-page.h"
#include "tx-roster.h"
#include "tx-table-print.h"

G_BEGIN_DECLS

struct _TxRosterPage
{
  AdwBin              parent_instance;

  /* template children */
  GtkSearchEntry     *search_entry;
  GtkDropDown        *township_drop_down;
  GtkDropDown        *category_drop_down;
  GtkDropDown        *order_drop_down;
  GtkLabel           *count_label;
  GtkStack           *content_stack;
  AdwStatusPage      *no_results_page;
  AdwStatusPage      *error_page;
  GtkSingleSelection *selection;
  GtkColumnView      *column_view;

  /* owned references */
  TxStore            *store;
  TxDay              *day;
  TxPersonList       *people;
  GtkStringList      *townships;       /* "All townships", then the names */
  GtkNativeDialog    *file_chooser;    /* the one open, if any */
  GtkPrintSettings   *print_settings;  /* those of the last print */
  GSettings          *settings;        /* the columns' widths and sort */

  /* state */
  gboolean            full_phones;
  gboolean            read_pending;    /* out of sight: the roster is read when shown */
  guint               rows_after_id;   /* first shown: its rows made after the first frame */
  TxPersonSort        sort;            /* the header clicked last */
  gboolean            descending;
  guint               filling_townships;
};


/* tx-roster-page.c */
GtkWindow *tx_roster_page_get_window           (TxRosterPage         *self);
void       tx_roster_page_show_toast           (TxRosterPage         *self,
                                                const char           *text);
void       tx_roster_page_show_problem         (TxRosterPage         *self,
                                                const char           *text);
void       tx_roster_page_show_file_toast      (TxRosterPage         *self,
                                                const char           *text,
                                                GFile                *file);
void       tx_roster_page_read_filter          (TxRosterPage         *self,
                                                TxPersonFilter       *filter);

/* tx-roster-page-actions.c: import, export, print */
void       tx_roster_page_class_init_actions   (GtkWidgetClass       *widget_class);
void       tx_roster_page_close_file_chooser   (TxRosterPage         *self);

void       tx_roster_page_export_to_file        (TxRosterPage         *self,
                                                 GFile                *file,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean   tx_roster_page_export_to_file_finish (TxRosterPage         *self,
                                                 GAsyncResult         *result,
                                                 guint                *n_people,
                                                 GError              **error);
gboolean   tx_roster_page_print_to_file         (TxRosterPage         *self,
                                                 GFile                *file,
                                                 GError              **error);

/* what roster.print runs; the tests fill its tab as the dialog would */
TxTablePrint *tx_roster_page_create_print (TxRosterPage  *self,
                                           GError       **error);

G_END_DECLS
