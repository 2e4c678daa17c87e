/* tx-window-private.h — what the parts of the main window share: its
 * fields, and the actions of its main menu (tx-window-actions.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-calendar-page.h"
#include "tx-consultations-page.h"
#include "tx-window.h"

G_BEGIN_DECLS

struct _TxWindow
{
  AdwApplicationWindow  parent_instance;

  /* template children */
  AdwHeaderBar         *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  AdwViewStack         *view_stack;
  TxConsultationsPage  *consultations_page;
  TxCalendarPage       *calendar_page;
  GtkWidget            *outcomes_page;
  GtkWidget            *roster_page;
  GtkRevealer          *read_only_revealer;
  GtkRevealer          *sample_revealer;

  /* owned references */
  TxStore              *store;
  TxDay                *day;
  GSettings            *settings;   /* NULL when the schema is not installed */

  /* state */
  guint                 watch_id;   /* looking for other writers */
  guint                 n_exchange_tasks;  /* exchange files being read or written */
  GPtrArray            *deleted;    /* GStrv: kind, uuid, title; for Ctrl+Z */
};

void tx_window_set_store_actions_enabled (TxWindow *self,
                                          gboolean  enabled);

void tx_window_backups_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data);
void tx_window_preferences_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data);
void tx_window_update_office_actions (TxWindow *self);
void tx_window_work_groups_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data);
void tx_window_townships_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data);
void tx_window_remove_sample_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data);
void tx_window_undo_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data);
void tx_window_trash_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data);
void tx_window_import_roster_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data);
void tx_window_import_exchange_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data);
void tx_window_export_exchange_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data);
void tx_window_year_archive_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data);
void tx_window_conflicts_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data);
void tx_window_guide_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data);
void tx_window_check_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data);

G_END_DECLS
