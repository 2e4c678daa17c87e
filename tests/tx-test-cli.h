/* tx-test-cli.h — running tongxin-cli from the tests, as a script or a
 * clerk would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What one run of tongxin-cli gave. */
typedef struct {
  int   status;   /* the exit status */
  char *out;
  char *err;
} TxTestRun;

void  tx_test_run_clear (TxTestRun  *run);
void  tx_test_cli       (TxTestRun  *run,
                         const char *db,
                         const char *today,
                         const char *language,
                         const char *first,
                         ...) G_GNUC_NULL_TERMINATED;

void  tx_test_drop_digest (char       *text);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TxTestRun, tx_test_run_clear)

G_END_DECLS
