/* tx-test-store.h — what the tests share about the database file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void tx_test_damage_table (const char *path,
                           const char *table);

G_END_DECLS
