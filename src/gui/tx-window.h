/* tx-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-day.h"
#include "tx-editor.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_WINDOW (tx_window_get_type ())
G_DECLARE_FINAL_TYPE (TxWindow, tx_window, TX, WINDOW, AdwApplicationWindow)

extern const char * const tx_window_pages[5];

TxWindow *tx_window_new          (GtkApplication *application,
                                  TxStore        *store,
                                  TxDay          *day);
TxDay    *tx_window_get_day      (TxWindow       *self);
TxStore  *tx_window_get_store    (TxWindow       *self);
void      tx_window_set_store    (TxWindow       *self,
                                  TxStore        *store);
void      tx_window_show_welcome (TxWindow       *self);
void      tx_window_show_error   (TxWindow       *self,
                                  const GError   *error);
void      tx_window_show_toast   (TxWindow       *self,
                                  const char     *title);
void      tx_window_show_file_toast (TxWindow    *self,
                                     const char  *title,
                                     GFile       *file);
gboolean  tx_window_has_changes  (TxWindow       *self);
void      tx_window_ask_to_close (TxWindow          *self,
                                  TxEditorLeaveFunc  callback,
                                  gpointer           user_data);
void      tx_window_preview_exchange (TxWindow   *self,
                                      GFile      *file);
void      tx_window_export_exchange_to (TxWindow *self,
                                        GFile    *file);
gboolean  tx_window_is_busy      (TxWindow       *self);
void      tx_window_add_outcome  (TxWindow       *self,
                                  const char     *consultation_uuid);
void      tx_window_show_deleted_toast (TxWindow *self,
                                        const char *kind,
                                        const char *uuid,
                                        const char *title,
                                        const char *name);
void      tx_window_note_deleted (TxWindow       *self,
                                  const char     *kind,
                                  const char     *uuid,
                                  const char     *title);

/* tx-window-exchange.c */
typedef struct _TxConflictsDialog TxConflictsDialog;
typedef struct _TxReceiveDialog TxReceiveDialog;
typedef struct _TxSendDialog TxSendDialog;
typedef struct _TxYearArchiveDialog TxYearArchiveDialog;

TxConflictsDialog *tx_window_show_conflicts (TxWindow  *self);
TxReceiveDialog   *tx_window_receive        (TxWindow  *self,
                                             GPtrArray *files);
TxSendDialog      *tx_window_show_send      (TxWindow  *self);
TxYearArchiveDialog *tx_window_show_year_archive (TxWindow *self);

G_END_DECLS
