/* tx-settings.h — the settings of a database, typed, in one place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-store.h"

G_BEGIN_DECLS

#define TX_SETTINGS_ERROR (tx_settings_error_quark ())

typedef enum {
  TX_SETTINGS_ERROR_UNKNOWN_KEY,
  TX_SETTINGS_ERROR_BAD_VALUE,
} TxSettingsError;

/* The most characters a text setting holds, on one line. */
#define TX_SETTINGS_TEXT_MAX_CHARS 200

/* How the people of a sign-in sheet are listed. */
typedef enum {
  TX_SIGNIN_ORDER_CATEGORY,   /* the liaison group, deputies, … then the rest */
  TX_SIGNIN_ORDER_STROKES,    /* by surname strokes (按姓氏笔画为序) */
} TxSigninOrder;

/* How townships are listed, everywhere. */
typedef enum {
  TX_TOWNSHIP_ORDER_PINYIN,
  TX_TOWNSHIP_ORDER_STROKES,
  TX_TOWNSHIP_ORDER_CUSTOM,   /* the office's own (Townships and Plans) */
} TxTownshipOrder;

typedef enum {
  TX_SETTING_TEXT,
  TX_SETTING_INTEGER,
  TX_SETTING_BOOLEAN,
  TX_SETTING_CHOICE,
  TX_SETTING_TOWNSHIP,
} TxSettingKind;

/* Where a setting is shown: the preferences window has a group for
 * each. */
typedef enum {
  TX_SETTING_GROUP_OFFICE,      /* who issues the documents */
  TX_SETTING_GROUP_PRINTING,    /* sign-in sheets and printed lists */
  TX_SETTING_GROUP_LEDGER,      /* the thresholds of the three colours */
  TX_SETTING_GROUP_MEETINGS,    /* the composition of a meeting */
  TX_SETTING_GROUP_DATA,        /* backups */
} TxSettingGroup;

/* What a setting is: its key (the same in the database, in
 * `tongxin-cli config` and as a property of TxSettings), the kind of
 * its values and their bounds, and what it means. */
typedef struct {
  const char         *key;
  TxSettingKind       kind;
  const char         *default_value;
  int                 min;          /* TX_SETTING_INTEGER */
  int                 max;
  const char * const *choices;      /* TX_SETTING_CHOICE, NULL-terminated */
  const char         *summary;      /* N_(), translated with _() */
  const char         *title;        /* N_(): a label, a few words */
  TxSettingGroup      group;
  const char * const *choice_labels; /* N_(), one for each of choices */
} TxSettingInfo;

#define TX_TYPE_SETTINGS (tx_settings_get_type ())
G_DECLARE_FINAL_TYPE (TxSettings, tx_settings, TX, SETTINGS, GObject)

GQuark               tx_settings_error_quark          (void);

TxSettings          *tx_store_get_settings            (TxStore     *store);

const TxSettingInfo *tx_settings_get_infos            (guint       *n_infos);
const TxSettingInfo *tx_settings_lookup               (const char  *key);

char                *tx_settings_dup_text             (TxSettings  *self,
                                                       const char  *key,
                                                       GError     **error);
void                 tx_settings_get_range            (TxSettings  *self,
                                                       const char  *key,
                                                       int         *min,
                                                       int         *max);
gboolean             tx_settings_set_text             (TxSettings  *self,
                                                       const char  *key,
                                                       const char  *value,
                                                       GError     **error);

const char          *tx_settings_get_organization     (TxSettings  *self);
const char          *tx_settings_get_copy_to          (TxSettings  *self);
const char          *tx_settings_get_printing_office  (TxSettings  *self);
const char          *tx_settings_get_default_township (TxSettings  *self);
const char          *tx_settings_get_office_kind      (TxSettings  *self);
TxSigninOrder        tx_settings_get_signin_order     (TxSettings  *self);
TxTownshipOrder      tx_settings_get_township_order   (TxSettings  *self);
guint                tx_settings_get_signin_blank_rows (TxSettings *self);
gboolean             tx_settings_get_signin_categories (TxSettings *self);
gboolean             tx_settings_get_signin_phones     (TxSettings *self);
gboolean             tx_settings_get_print_full_phones (TxSettings *self);
int                  tx_settings_get_stage_red_days   (TxSettings  *self);
int                  tx_settings_get_feedback_days    (TxSettings  *self);
int                  tx_settings_get_stale_days       (TxSettings  *self);
int                  tx_settings_get_training_days    (TxSettings  *self);
char               **tx_settings_dup_activity_kinds   (TxSettings  *self);
gboolean             tx_settings_get_untrained_rule   (TxSettings  *self);
int                  tx_settings_get_feedback_red_days (TxSettings *self);
int                  tx_settings_get_plan_yellow_behind (TxSettings *self);
int                  tx_settings_get_plan_red_behind  (TxSettings  *self);
double               tx_settings_get_stakeholder_share (TxSettings *self);
int                  tx_settings_get_backups_kept      (TxSettings *self);

G_END_DECLS
