/* fuzz-exchange.c — the exchange importer on any bytes
 *
 * An exchange file comes from another office on a USB stick or by mail:
 * tx_exchange_import_bytes() checks it, then merges it record by record
 * into a store that holds the sample data, so that its uuids meet records
 * that are here already (newer, older, deleted).  Each input is imported
 * as `tongxin-cli import --dry-run` does: merged in full, then rolled
 * back, so the next input meets the same store (and no backup is taken,
 * as an import that writes would).  What is checked:
 *
 *  - a refused file says why, in words that can be printed;
 *  - a file that is taken accounts for what it did;
 *  - nothing is left in the store either way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libxml/xmlerror.h>

#include "tx-exchange.h"
#include "tx-fuzz.h"

/* libxml2 prints what it cannot parse before the importer's own handler
 * is set ("encoding not supported"): once an input is enough. */
static void
on_xml_error_cb (void       *user_data,
                 const char *format,
                 ...)
{
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  tx_fuzz_init ();
  xmlSetGenericErrorFunc (NULL, on_xml_error_cb);
  tx_fuzz_get_sample_store ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  TxStore *store = tx_fuzz_get_sample_store ();
  TxImportOptions options = { 0, };
  TxImportReport report = { 0, };
  guint before[4];
  guint after[4];

  options.dry_run = TRUE;
  options.display_name = "fuzz.xml";
  options.today = tx_date_new (2026, 11, 27);   /* the sample data's day */

  tx_fuzz_count_records (store, before);
  if (tx_exchange_import_bytes (store, bytes, &options, &report, &error))
    {
      g_autofree char *summary = tx_import_report_to_string (&report);

      g_assert_no_error (error);
      g_assert_true (g_utf8_validate (summary, -1, NULL));
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
  g_assert_false (tx_store_in_transaction (store));
  tx_fuzz_count_records (store, after);
  tx_fuzz_assert_counts_equal (before, after, "after a dry run");

  return 0;
}
