/* tx-test-gui.h — what the widget tests share: waiting for the main
 * loop, finding widgets, reading what was printed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-day.h"
#include "tx-store.h"

G_BEGIN_DECLS

typedef gboolean (*TxTestCondition) (gpointer data);

int               tx_test_get_wait_seconds    (int              seconds);
void              tx_test_init_gui            (void);
void              tx_test_settle              (void);
void              tx_test_wait_toast_shown    (void);
void              tx_test_destroy_windows     (void);
void              tx_test_wait_until          (TxTestCondition  condition,
                                               gpointer         data,
                                               const char      *what);
gpointer          tx_test_find_widget         (gpointer         widget,
                                               GType            type);
gpointer          tx_test_get_widget          (gpointer         widget,
                                               GType            type);
gpointer          tx_test_get_template_child  (gpointer         widget,
                                               const char      *name);
gpointer          tx_test_get_widget_of_type  (GType            type);
AdwMessageDialog *tx_test_find_message_dialog (void);
void              tx_test_answer_message_dialog (AdwMessageDialog *dialog,
                                               const char       *response);
char             *tx_test_read_pdf_text       (const char      *pdf);
GdkTexture       *tx_test_render              (gpointer         widget);
void              tx_test_choose_day          (GtkCalendar     *calendar,
                                               int              year,
                                               int              month,
                                               int              day);
void              tx_test_save_screenshot     (gpointer         widget,
                                               const char      *name);
void              tx_test_remove_dir          (const char      *path);
gboolean          tx_test_use_chinese         (void);
void              tx_test_use_english         (void);
TxDay            *tx_test_day_new             (const char      *iso);
TxStore          *tx_test_open_damaged_copy   (TxStore         *store,
                                               const char      *dir,
                                               const char      *table);

G_END_DECLS
