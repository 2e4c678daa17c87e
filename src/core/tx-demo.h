/* tx-demo.h — the sample data in a clerk's database, and taking them out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-date.h"
#include "tx-store.h"

G_BEGIN_DECLS

/* What a removal took out, and what it left because the clerk's own
 * records use it. */
typedef struct {
  guint townships;
  guint people;
  guint consultations;
  guint outcomes;
  guint kept_townships;
  guint kept_people;
  guint kept_consultations;
} TxDemoRemoval;

gboolean  tx_demo_count   (TxStore        *store,
                           TxDemoRemoval  *present,
                           GError        **error);
gboolean  tx_demo_remove  (TxStore        *store,
                           TxDate          today,
                           TxDemoRemoval  *removal,
                           GError        **error);
char     *tx_demo_removal_to_string (const TxDemoRemoval *removal);

G_END_DECLS
