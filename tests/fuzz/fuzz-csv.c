/* fuzz-csv.c — the roster's CSV reader on any bytes
 *
 * A roster arrives as a file from Excel or WPS, or from anywhere else:
 * tx_roster_import_read_bytes() reads it against the sample roster and
 * writes nothing (the preview, `roster import --dry-run`).  What a clerk
 * is promised is checked on every input:
 *
 *  - every bad line is listed with a line of the file and a reason;
 *  - a person the preview would add or update is one the store takes:
 *    tx_person_check(), the one rule of every way in, finds nothing;
 *  - a preview with a problem cannot be applied, and changes nothing.
 *
 * (Applying a clean preview is not tried: an import into a store that
 * holds records first backs the database up to a file.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tx-fuzz.h"
#include "tx-person.h"
#include "tx-roster-import.h"
#include "tx-rules.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  tx_fuzz_init ();
  tx_fuzz_get_sample_store ();
  return 0;
}

static void
check_person (TxPerson *person,
              gboolean  update)
{
  g_autoptr(GPtrArray) problems = tx_person_check (person);

  if (problems->len > 0)
    {
      const TxProblem *problem = g_ptr_array_index (problems, 0);

      tx_fuzz_fail ("the preview accepts “%s”, which the store refuses: %s: %s",
                    tx_person_get_name (person), problem->field, problem->message);
    }
  if (update)
    g_assert_nonnull (tx_person_get_uuid (person));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TxRosterImport) import = NULL;
  TxStore *store = tx_fuzz_get_sample_store ();
  const char *encoding;
  GPtrArray *problems;
  guint lines = 1;

  /* the fuzzer's own buffer, exactly as long as the input */
  bytes = g_bytes_new_static (data, size);
  import = tx_roster_import_read_bytes (store, bytes, "fuzz.csv", &error);
  if (import == NULL)
    {
      /* not text at all: said so, in words */
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);

  encoding = tx_roster_import_get_encoding (import);
  g_assert_true (g_strcmp0 (encoding, "UTF-8") == 0 ||
                 g_strcmp0 (encoding, "UTF-8 (BOM)") == 0 ||
                 g_strcmp0 (encoding, "GB18030") == 0);

  /* every problem on a line of the file (newlines are the same bytes in
   * UTF-8 and GB18030) */
  for (size_t i = 0; i < size; i++)
    lines += data[i] == '\n';

  problems = tx_roster_import_get_problems (import);
  for (guint i = 0; i < problems->len; i++)
    {
      const TxImportProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *text = tx_import_problem_to_string (problem);

      g_assert_cmpuint (problem->line, >=, 1);
      g_assert_cmpuint (problem->line, <=, lines);
      g_assert_nonnull (problem->reason);
      g_assert_cmpstr (problem->reason, !=, "");
      g_assert_true (g_utf8_validate (text, -1, NULL));
    }

  for (guint i = 0; i < tx_roster_import_get_to_add (import)->len; i++)
    check_person (g_ptr_array_index (tx_roster_import_get_to_add (import), i), FALSE);
  for (guint i = 0; i < tx_roster_import_get_to_update (import)->len; i++)
    check_person (g_ptr_array_index (tx_roster_import_get_to_update (import), i), TRUE);
  g_assert_cmpuint (tx_roster_import_get_to_add (import)->len, ==, tx_roster_import_get_n_to_add (import));

  if (problems->len > 0)
    {
      guint before[4];
      guint after[4];

      /* all or nothing */
      tx_fuzz_count_records (store, before);
      g_assert_false (tx_roster_import_apply (store, import, NULL, NULL, &error));
      g_assert_nonnull (error);
      tx_fuzz_count_records (store, after);
      tx_fuzz_assert_counts_equal (before, after, "after a roster with problems");
    }

  return 0;
}
