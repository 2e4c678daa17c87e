/* tx-vocabulary.h — stable keys and translated labels of the enumerations
 *
 * Keys are what the database, the exchange file, the CSV and the JSON of
 * tongxin-cli use; they never change.  Labels are what a person reads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-types.h"

G_BEGIN_DECLS

#define TX_DECLARE_VOCABULARY(Type, name)                                     \
  const char *tx_##name##_to_key    (Type value);                             \
  gboolean    tx_##name##_from_key  (const char *key, Type *value);           \
  const char *tx_##name##_get_label (Type value);                             \
  guint       tx_##name##_get_count (void);

TX_DECLARE_VOCABULARY (TxStage, stage)
TX_DECLARE_VOCABULARY (TxCategory, category)
TX_DECLARE_VOCABULARY (TxColor, color)
TX_DECLARE_VOCABULARY (TxGender, gender)
TX_DECLARE_VOCABULARY (TxTownshipKind, township_kind)
TX_DECLARE_VOCABULARY (TxTopicSource, topic_source)
TX_DECLARE_VOCABULARY (TxOrientation, orientation)
TX_DECLARE_VOCABULARY (TxPlatform, platform)
TX_DECLARE_VOCABULARY (TxRole, role)
TX_DECLARE_VOCABULARY (TxActivityKind, activity_kind)
TX_DECLARE_VOCABULARY (TxAttachmentKind, attachment_kind)
TX_DECLARE_VOCABULARY (TxAdoption, adoption)
TX_DECLARE_VOCABULARY (TxSupervisionPhase, supervision_phase)
TX_DECLARE_VOCABULARY (TxOrder, order)

#undef TX_DECLARE_VOCABULARY

/* The label of DESIGN §1 in Chinese, whatever the interface language:
 * documents and exported spreadsheets are written in Chinese. */
const char *tx_category_get_chinese (TxCategory category);
const char *tx_gender_get_chinese   (TxGender   gender);
const char *tx_activity_kind_get_chinese (TxActivityKind kind);

/* Accepts a key ("cppcc_member") or a label in English or Chinese. */
gboolean tx_category_parse (const char *text, TxCategory *value);

G_END_DECLS
