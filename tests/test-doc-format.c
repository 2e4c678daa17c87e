/* test-doc-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tx-doc-format.h"

static void
test_date (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "2026-11-27", "2026年11月27日" },
    { "2026-03-05", "2026年3月5日" },
    { "2026-03-10T09:00:00+08:00", "2026年3月10日" },
    { "2026-02-30", "" },
    { "", "" },
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *formatted = tx_doc_format_date (cases[i].in);
      g_assert_cmpstr (formatted, ==, cases[i].out);
    }
}

static void
test_phone (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "13885412345", "138****2345" },
    { "138 8541 2345", "138****2345" },
    { "138-8541-2345", "138****2345" },
    { "0854-8221234", "0854-****1234" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = tx_doc_mask_phone (cases[i].in);
      g_assert_cmpstr (masked, ==, cases[i].out);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/doc-format/date", test_date);
  g_test_add_func ("/doc-format/phone", test_phone);

  return g_test_run ();
}
