/* tx-person.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-date.h"
#include "tx-types.h"

G_BEGIN_DECLS

#define TX_TYPE_PERSON (tx_person_get_type ())
G_DECLARE_FINAL_TYPE (TxPerson, tx_person, TX, PERSON, GObject)

TxPerson    *tx_person_new                  (void);
const char  *tx_person_get_uuid             (TxPerson   *self);
const char  *tx_person_get_name             (TxPerson   *self);
TxGender     tx_person_get_gender           (TxPerson   *self);
const char  *tx_person_get_ethnicity        (TxPerson   *self);
const char  *tx_person_get_township_uuid    (TxPerson   *self);
const char  *tx_person_get_township_name    (TxPerson   *self);
const char  *tx_person_get_village          (TxPerson   *self);
const char  *tx_person_get_organization     (TxPerson   *self);
const char  *tx_person_get_title            (TxPerson   *self);
const char  *tx_person_get_phone            (TxPerson   *self);
const char  *tx_person_get_notes            (TxPerson   *self);
const char  *tx_person_get_updated_at       (TxPerson   *self);
guint        tx_person_get_n_categories     (TxPerson   *self);
TxCategory   tx_person_get_category         (TxPerson   *self,
                                             guint       index);
gboolean     tx_person_has_category         (TxPerson   *self,
                                             TxCategory  category);
void         tx_person_add_category         (TxPerson   *self,
                                             TxCategory  category);
char        *tx_person_dup_categories_label (TxPerson   *self);
const char  *tx_person_get_post_since       (TxPerson   *self);
const char  *tx_person_get_last_training    (TxPerson   *self);
TxDate       tx_person_get_post_since_date  (TxPerson   *self);
void         tx_person_set_post_since       (TxPerson   *self,
                                             TxDate      day);
gboolean     tx_person_holds_post           (TxPerson   *self);

G_END_DECLS
