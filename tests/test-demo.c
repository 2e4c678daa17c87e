/* test-demo.c — taking the sample data out of a clerk's database
 *
 * The sample went into a database that the clerk then used: one of the
 * clerk's meetings has a person of the sample among its participants.
 * Removing the sample takes out exactly its records, keeps that person
 * and the township of the meeting, leaves a sound database and a
 * backup, and a second removal finds nothing more to do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "tx-backup.h"
#include "tx-consultation-store.h"
#include "tx-demo.h"
#include "tx-exchange.h"
#include "tx-roster.h"
#include "tx-township-store.h"

#define TODAY "2026-11-27"

static char *
find_person (TxStore    *store,
             const char *name)
{
  TxPersonFilter filter = { 0 };
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GError) error = NULL;

  filter.search = (char *) name;
  people = tx_roster_query (store, &filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < people->len; i++)
    if (g_strcmp0 (tx_person_get_name (g_ptr_array_index (people, i)), name) == 0)
      return g_strdup (tx_person_get_uuid (g_ptr_array_index (people, i)));

  return NULL;
}

static void
test_remove (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tongxin-test-demo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "tongxin.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxConsultation) own = tx_consultation_new ();
  g_autoptr(TxTownship) xianqiao = NULL;
  g_autoptr(GPtrArray) townships = NULL;
  g_autoptr(GPtrArray) consultations = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *summary = NULL;
  TxImportReport report = { 0 };
  TxDemoRemoval present, removal;

  store = tx_store_open (path, &error);
  g_assert_no_error (error);

  /* nothing of the sample in a new database */
  g_assert_true (tx_demo_count (store, &present, &error));
  g_assert_cmpuint (present.townships + present.people + present.consultations + present.outcomes, ==, 0);

  g_assert_true (tx_exchange_load_demo (store, tx_date_from_iso (TODAY), &report, &error));
  g_assert_true (tx_demo_count (store, &present, &error));
  g_assert_cmpuint (present.townships, ==, 8);
  g_assert_cmpuint (present.people, >, 100);
  g_assert_cmpuint (present.consultations, >, 10);
  g_assert_cmpuint (present.outcomes, >, 10);

  /* the clerk's own meeting, in a township of the sample, with one of
   * its people */
  xianqiao = tx_store_find_township (store, "仙桥乡", &error);
  g_assert_no_error (error);
  tx_consultation_set_title (own, "村级集体经济发展协商");
  tx_consultation_set_township (own, tx_township_get_uuid (xianqiao));
  tx_consultation_set_times (own, "2026-12-10T09:00:00+08:00", "2026-12-10T11:30:00+08:00");
  g_assert_true (tx_store_save_consultation (store, own, &error));
  g_assert_no_error (error);
  kept = find_person (store, "罗明远");
  g_assert_nonnull (kept);
  g_assert_true (tx_store_set_participant (store, tx_consultation_get_uuid (own), kept, TX_ROLE_MEMBER, &error));
  g_assert_no_error (error);
  removed = find_person (store, "韦丽");
  g_assert_nonnull (removed);

  g_assert_true (tx_demo_remove (store, tx_date_from_iso (TODAY), &removal, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removal.consultations, ==, present.consultations);
  g_assert_cmpuint (removal.outcomes, ==, present.outcomes);
  g_assert_cmpuint (removal.people, ==, present.people - 1);
  g_assert_cmpuint (removal.kept_people, ==, 1);
  g_assert_cmpuint (removal.townships, ==, 6);        /* 仙桥乡 and 罗明远's 金山街道 stay */
  g_assert_cmpuint (removal.kept_townships, ==, 2);
  summary = tx_demo_removal_to_string (&removal);
  g_assert_nonnull (strstr (summary, "Kept because your own records use them"));

  /* what is left: the clerk's meeting, its participant, their townships */
  consultations = tx_store_list_consultations (store, 0, NULL, &error);
  g_assert_cmpuint (consultations->len, ==, 1);
  g_assert_cmpstr (tx_consultation_get_title (g_ptr_array_index (consultations, 0)), ==, "村级集体经济发展协商");
  g_assert_cmpuint (tx_store_count (store, "person"), ==, 1);
  {
    g_autofree char *still = find_person (store, "罗明远");
    g_autofree char *gone = find_person (store, "韦丽");

    g_assert_cmpstr (still, ==, kept);
    g_assert_null (gone);        /* the search index forgot them */
  }
  townships = tx_store_list_townships (store, &error);
  g_assert_cmpuint (townships->len, ==, 2);

  /* sound, and backed up first */
  problems = tx_store_check (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  backups = tx_backup_list (path, &error);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpint (((TxBackup *) g_ptr_array_index (backups, 0))->kind, ==, TX_BACKUP_BEFORE_REMOVAL);

  /* again: nothing more to take out */
  g_assert_true (tx_demo_remove (store, tx_date_from_iso (TODAY), &removal, &error));
  g_assert_cmpuint (removal.townships + removal.people + removal.consultations + removal.outcomes, ==, 0);
  g_assert_cmpuint (tx_store_count (store, "person"), ==, 1);

  g_clear_object (&store);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);

    g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/remove", test_remove);

  return g_test_run ();
}
