/* tx-person-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-editor.h"
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
gboolean        tx_person_editor_has_changes (TxPersonEditor   *self);
void            tx_person_editor_ask_to_leave (TxPersonEditor   *self,
                                              TxEditorLeaveFunc callback,
                                              gpointer          user_data);
void            tx_person_editor_add_leave_question (TxPersonEditor   *self,
                                                    TxLeaveQuestions *questions);

G_END_DECLS
