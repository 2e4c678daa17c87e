/* tx-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-day.h"
#include "tx-exchange.h"
#include "tx-store.h"
#include "tx-types.h"

G_BEGIN_DECLS

#define TX_TYPE_APPLICATION (tx_application_get_type ())
#define TX_APPLICATION_DEFAULT (TX_APPLICATION (g_application_get_default ()))

G_DECLARE_FINAL_TYPE (TxApplication, tx_application, TX, APPLICATION, AdwApplication)

TxApplication *tx_application_new             (void);
TxStore       *tx_application_get_store       (TxApplication *self);
TxDay         *tx_application_get_day         (TxApplication *self);
void           tx_application_set_day         (TxApplication *self,
                                               TxDay         *day);
const char    *tx_application_get_db_path     (TxApplication *self);
gboolean       tx_application_create_township_database
                                              (TxApplication   *self,
                                               const char      *name,
                                               TxTownshipKind   kind,
                                               const char      *organization,
                                               GError         **error);
gboolean       tx_application_create_city_database (TxApplication  *self,
                                                    const char     *organization,
                                                    GError        **error);
gboolean       tx_application_create_empty_database
                                              (TxApplication   *self,
                                               GError         **error);
gboolean       tx_application_create_from_exchange
                                              (TxApplication   *self,
                                               GFile           *file,
                                               TxImportReport  *report,
                                               GError         **error);
char          *tx_application_get_sample_path (TxApplication   *self);
gboolean       tx_application_try_sample      (TxApplication   *self,
                                               GError         **error);
gboolean       tx_application_is_sample       (TxApplication   *self);
void           tx_application_leave_sample    (TxApplication   *self);
GSettings     *tx_application_create_gsettings (void);
void           tx_application_set_text_scale  (TxApplication   *self,
                                               double           scale);
double         tx_application_get_text_scale  (TxApplication   *self);

G_END_DECLS
