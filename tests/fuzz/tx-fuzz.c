/* tx-fuzz.c — what the fuzz harnesses share
 *
 * One store for the whole run of a fuzzer: opened once, in memory, with
 * the sample data in it, so that an input can meet the records a clerk
 * has (a line of a roster that matches someone, an exchange record that
 * is newer or older than the copy here).  No input writes to it (a
 * preview, a dry run), so every input meets the same store, and an input
 * costs no file and no schema.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-fuzz"

#include "config.h"

#include <gio/gio.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "tx-date.h"
#include "tx-exchange.h"
#include "tx-fuzz.h"

static const char * const kinds[4] = { "township", "person", "consultation", "outcome" };

static TxStore *sample_store;

/* What the store logs for an administrator (SQLite's own words for a
 * refused input) would be printed for every input: only warnings and
 * worse are. */
static void
on_log_cb (const char     *domain,
           GLogLevelFlags  level,
           const char     *message,
           gpointer        user_data)
{
  if (level & (G_LOG_FLAG_FATAL | G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    g_log_default_handler (domain, level, message, user_data);
}

/* What the tests' environment gives (tests/meson.build): the fuzzers
 * see the same, also when started by hand. */
void
tx_fuzz_init (void)
{
  g_setenv ("TZ", "Asia/Shanghai", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("LANGUAGE", "C", FALSE);
  setlocale (LC_ALL, "C.UTF-8");

  /* as the tests run (G_DEBUG=fatal-criticals): a critical is a broken
   * assumption of the code, reported by libFuzzer as a crash with its
   * input */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL);
  g_log_set_default_handler (on_log_cb, NULL);
}

/* A promise broken: said, then abort(), which libFuzzer reports as a
 * crash and keeps the input of (g_error() raises SIGTRAP, which it does
 * not catch). */
void
tx_fuzz_fail (const char *format,
              ...)
{
  va_list args;

  va_start (args, format);
  fputs ("fuzz: ", stderr);
  vfprintf (stderr, format, args);
  fputc ('\n', stderr);
  va_end (args);
  abort ();
}

/**
 * tx_fuzz_get_sample_store:
 *
 * Returns: (transfer none): the store of this run, with the sample data
 *   as it is on 2026-11-27
 */
TxStore *
tx_fuzz_get_sample_store (void)
{
  g_autoptr(GError) error = NULL;

  if (sample_store != NULL)
    return sample_store;

  /* SQLite's own in-memory database: the store's path is used only to
   * open it (its folder is ".", which exists) */
  sample_store = tx_store_open (":memory:", &error);
  if (sample_store == NULL)
    tx_fuzz_fail ("cannot open a store in memory: %s", error->message);

  if (!tx_exchange_load_demo (sample_store, tx_date_new (2026, 11, 27), NULL, &error))
    tx_fuzz_fail ("cannot load the sample data: %s", error->message);

  return sample_store;
}

void
tx_fuzz_count_records (TxStore *store,
                       guint    counts[4])
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    counts[i] = tx_store_count (store, kinds[i]);
}

/* An import that failed changed nothing: the store's promise. */
void
tx_fuzz_assert_counts_equal (const guint  a[4],
                             const guint  b[4],
                             const char  *when)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (a[i] != b[i])
      tx_fuzz_fail ("%s, there are %u records of kind %s instead of %u",
                    when, b[i], kinds[i], a[i]);
}
