/* tx-fuzz.h — what the fuzz harnesses share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "tx-store.h"

G_BEGIN_DECLS

/* libFuzzer's entry points (-fsanitize=fuzzer brings main()). */
int       LLVMFuzzerInitialize           (int            *argc,
                                          char         ***argv);
int       LLVMFuzzerTestOneInput         (const uint8_t  *data,
                                          size_t          size);

void      tx_fuzz_init                   (void);
void      tx_fuzz_fail                   (const char     *format,
                                          ...) G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN;
TxStore  *tx_fuzz_get_sample_store       (void);
void      tx_fuzz_count_records          (TxStore        *store,
                                          guint           counts[4]);
void      tx_fuzz_assert_counts_equal    (const guint     a[4],
                                          const guint     b[4],
                                          const char     *when);

G_END_DECLS
