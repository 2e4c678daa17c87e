/* tx-person-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-person.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_PERSON_EDITOR (tx_person_editor_get_type ())
G_DECLARE_FINAL_TYPE (TxPersonEditor, tx_person_editor, TX, PERSON_EDITOR, AdwWindow)

TxPersonEditor *tx_person_editor_new        (GtkWindow      *parent,
                                             TxStore        *store,
                                             TxPerson       *person);
TxStore        *tx_person_editor_get_store  (TxPersonEditor *self);
TxPerson       *tx_person_editor_get_person (TxPersonEditor *self);

G_END_DECLS
