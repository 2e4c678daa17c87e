/* test-offices.c — three offices exchanging files: two townships and
 * the city, with the conflicts an exchange finds and their decisions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "tx-activity.h"
#include "tx-conflict.h"
#include "tx-exchange.h"
#include "tx-ledger.h"
#include "tx-office.h"
#include "tx-outcome-store.h"
#include "tx-records.h"
#include "tx-roster.h"
#include "tx-settings.h"
#include "tx-store.h"
#include "tx-township-store.h"
#include "tx-work-group.h"

/* The ids of the records of the two townships */
#define JINSHAN      "b765363f-4e08-4e4b-836f-c4846d559edb"
#define FENGSHAN     "886cf027-6874-4503-bced-9220122e9ca4"
#define LUO          "a11a1f0c-63d2-4568-a8f4-3cce21ce5976"
#define BAN          "3e91fb1c-edcb-4087-a50c-31258e6f5563"
#define CAO          "f286b489-d2e6-4e20-bcb9-f6eac9974be7"
#define JIN_MEETING  "c3a5dd88-170b-42a1-bde0-91e1338c2727"
#define JIN_ADVICE   "c3945c59-9d67-4287-aa2d-a4f49b81caab"
#define FENG_MEETING "5d0f2c1a-8f3e-4b7a-9c61-2a7d3e9b1f04"

/* What each township held before it first sent anything, in the year
 * 2001 (tests/fixtures/jinshan-2001.xml, fengshan-2001.xml), so that
 * every change made by the test (stamped now, whatever day the machine
 * says it is) is later. */

typedef struct {
  char    *dir;
  TxStore *jinshan;
  TxStore *fengshan;
  TxStore *city;
} Fixture;

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static TxStore *
open_office (Fixture    *f,
             const char *name,
             const char *kind,
             const char *organization)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = path_in (f, name);
  TxStore *store = tx_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (tx_settings_set_text (tx_store_get_settings (store), "office-kind", kind, &error));
  g_assert_no_error (error);
  g_assert_true (tx_settings_set_text (tx_store_get_settings (store), "organization", organization, &error));
  g_assert_no_error (error);

  return store;
}

/* An import on the machine's day: the changes made here are stamped now. */
static TxImportReport
import (TxStore    *store,
        const char *path)
{
  g_autoptr(GError) error = NULL;
  TxImportReport report = { 0, };

  g_assert_true (tx_exchange_import_file (store, path, NULL, &report, &error));
  g_assert_no_error (error);

  return report;
}

static void
import_fixture (TxStore    *store,
                const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("TONGXIN_TEST_DATA"), name, NULL);

  import (store, path);
}

/* The file a township sends: its own township's records, compressed */
static char *
send (Fixture    *f,
      TxStore    *store,
      const char *township,
      const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = path_in (f, name);
  TxExportOptions options = { township, FALSE };

  /* every change is a few milliseconds older than the file */
  g_usleep (2000);
  g_assert_true (tx_exchange_export_with (store, &options, path, &error));
  g_assert_no_error (error);

  return path;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("tongxin-offices-XXXXXX", NULL);
  f->jinshan = open_office (f, "jinshan.db", "township", "政协福泉市委员会金山街道联络组");
  f->fengshan = open_office (f, "fengshan.db", "township", "政协福泉市委员会凤山镇联络组");
  f->city = open_office (f, "city.db", "city", "政协福泉市委员会办公室");
  import_fixture (f->jinshan, "jinshan-2001.xml");
  import_fixture (f->fengshan, "fengshan-2001.xml");
  g_usleep (2000);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->jinshan);
  g_clear_object (&f->fengshan);
  g_clear_object (&f->city);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
}

/* ---- changes, as the editors make them -------------------------------- */

static void
change_advice (TxStore    *store,
               const char *content)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxOutcome) outcome = tx_store_load_outcome (store, JIN_ADVICE, &error);

  g_assert_no_error (error);
  tx_outcome_set_text (outcome, tx_outcome_get_title (outcome), content);
  g_assert_true (tx_store_save_outcome (store, outcome, &error));
  g_assert_no_error (error);
}

static void
change_village (TxStore    *store,
                const char *uuid,
                const char *village)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxPerson) person = tx_roster_find_person (store, uuid, &error);
  g_autoptr(TxPerson) changed = NULL;

  g_assert_no_error (error);
  changed = tx_person_new_with_fields (uuid, tx_person_get_name (person), tx_person_get_gender (person),
                                       tx_person_get_ethnicity (person), tx_person_get_township_uuid (person),
                                       village, tx_person_get_organization (person), tx_person_get_title (person),
                                       tx_person_get_phone (person), tx_person_get_notes (person));
  g_assert_true (tx_roster_edit_person (store, changed, &error));
  g_assert_no_error (error);
}

static char *
advice_content (TxStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxOutcome) outcome = tx_store_load_outcome (store, JIN_ADVICE, &error);

  g_assert_no_error (error);
  return g_strdup (tx_outcome_get_content (outcome));
}

static char *
village_of (TxStore    *store,
            const char *uuid,
            gboolean   *removed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxPerson) person = tx_roster_find_person_as_recorded (store, uuid, removed, &error);

  g_assert_no_error (error);
  g_assert_nonnull (person);
  return g_strdup (tx_person_get_village (person));
}

static GPtrArray *
open_conflicts (TxStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *conflicts = tx_conflict_list (store, TRUE, &error);

  g_assert_no_error (error);
  return conflicts;
}

static TxConflict *
find_conflict (GPtrArray  *conflicts,
               const char *uuid)
{
  for (guint i = 0; i < conflicts->len; i++)
    {
      TxConflict *conflict = g_ptr_array_index (conflicts, i);

      if (g_strcmp0 (conflict->uuid, uuid) == 0)
        return conflict;
    }

  g_assert_not_reached ();
}

static const TxConflictField *
find_field (GPtrArray  *fields,
            const char *ours)
{
  for (guint i = 0; i < fields->len; i++)
    {
      const TxConflictField *field = g_ptr_array_index (fields, i);

      if (g_strcmp0 (field->ours, ours) == 0)
        return field;
    }

  return NULL;
}

/* Every record of @from is in @to, field by field, as the exchange
 * file writes it. */
static void
assert_holds_records_of (TxStore    *to,
                         TxStore    *from,
                         const char *kind,
                         const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = tx_store_prepare (from, sql, &error);
  guint n = 0;

  g_assert_no_error (error);
  while (tx_store_step (from, stmt, &error) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *theirs = tx_exchange_write_record (from, kind, uuid, &error);
      g_autofree char *ours = tx_exchange_write_record (to, kind, uuid, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (theirs, !=, "");
      g_assert_cmpstr (ours, ==, theirs);
      n++;
    }
  g_assert_no_error (error);
  sqlite3_reset (stmt);
  g_assert_cmpuint (n, >, 0);
}

/*
 * Two townships send the city their data; the city receives both, sets
 * a plan; then both the township and the city change one
 * recommendation, and the township deletes a person the city changed:
 * the city's receipt finds exactly those two conflicts, keeps both
 * versions, and each decision gives the row it says.
 */
static void
test_three_offices (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *jinshan_first = send (f, f->jinshan, JINSHAN, "jinshan-1.xml.gz");
  g_autofree char *fengshan_first = send (f, f->fengshan, FENGSHAN, "fengshan-1.xml.gz");
  g_autofree char *jinshan_second = NULL;
  g_autofree char *jinshan_third = NULL;
  g_autofree char *content = NULL;
  g_autofree char *village = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_conflict_free);
  g_autoptr(GPtrArray) fields = NULL;
  TxImportOptions preview = { 0, };
  TxImportReport report;
  TxConflict *advice;
  TxConflict *cao;
  gboolean removed = TRUE;
  gint64 cao_id;

  /* the city receives both: everything new, no conflict */
  report = import (f->city, jinshan_first);
  g_assert_cmpuint (report.inserted, ==, 1 + 3 + 1 + 1 + 1);
  g_assert_cmpuint (report.conflicts, ==, 0);
  report = import (f->city, fengshan_first);
  g_assert_cmpuint (report.inserted, ==, 1 + 1 + 1);
  g_assert_cmpuint (report.conflicts, ==, 0);
  assert_holds_records_of (f->city, f->jinshan, "person", "SELECT uuid FROM person");
  assert_holds_records_of (f->city, f->jinshan, "consultation", "SELECT uuid FROM consultation");
  assert_holds_records_of (f->city, f->jinshan, "outcome", "SELECT uuid FROM outcome");
  assert_holds_records_of (f->city, f->fengshan, "consultation", "SELECT uuid FROM consultation");
  assert_holds_records_of (f->city, f->fengshan, "person", "SELECT uuid FROM person");

  /* a change on the township's side only is taken */
  change_village (f->jinshan, LUO, "古城社区");
  jinshan_second = send (f, f->jinshan, JINSHAN, "jinshan-2.xml.gz");
  report = import (f->city, jinshan_second);
  g_assert_cmpuint (report.updated, ==, 1);
  g_assert_cmpuint (report.conflicts, ==, 0);
  village = village_of (f->city, LUO, &removed);
  g_assert_cmpstr (village, ==, "古城社区");
  g_clear_pointer (&village, g_free);

  /* both change the recommendation; the city changes 曹红梅, whom the
   * township deletes; the city changes 罗明远 too, whom the township
   * leaves alone */
  change_advice (f->city, "市政协办公室：公示不少于十日。");
  change_village (f->city, CAO, "城关社区");
  change_village (f->city, LUO, "古城社区一组");
  g_usleep (2000);
  change_advice (f->jinshan, "金山街道：公示不少于七日，并设意见箱。");
  g_assert_true (tx_roster_delete_person (f->jinshan, CAO, &error));
  g_assert_no_error (error);
  jinshan_third = send (f, f->jinshan, JINSHAN, "jinshan-3.xml.gz");

  /* the preview says so before anything is written */
  preview.dry_run = TRUE;
  preview.conflicts = found;
  g_assert_true (tx_exchange_import_file (f->city, jinshan_third, &preview, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.conflicts, ==, 2);
  g_assert_cmpuint (found->len, ==, 2);
  conflicts = open_conflicts (f->city);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  report = import (f->city, jinshan_third);
  g_assert_cmpuint (report.conflicts, ==, 2);
  g_assert_cmpuint (report.updated, ==, 0);
  g_assert_cmpuint (report.deleted, ==, 0);
  conflicts = open_conflicts (f->city);
  g_assert_cmpuint (conflicts->len, ==, 2);
  advice = find_conflict (conflicts, JIN_ADVICE);
  g_assert_cmpstr (advice->kind, ==, "outcome");
  g_assert_cmpstr (advice->name, ==, "关于完善棚户区改造征收补偿公示的建议");
  g_assert_cmpstr (advice->peer_name, ==, "政协福泉市委员会金山街道联络组");
  g_assert_cmpstr (advice->file, ==, "jinshan-3.xml.gz");
  g_assert_false (advice->ours_deleted);
  g_assert_false (advice->theirs_deleted);
  cao = find_conflict (conflicts, CAO);
  g_assert_cmpstr (cao->kind, ==, "person");
  g_assert_cmpstr (cao->name, ==, "曹红梅");
  g_assert_false (cao->ours_deleted);
  g_assert_true (cao->theirs_deleted);

  /* both versions kept: the city's in its tables, the township's
   * beside it, field by field */
  content = advice_content (f->city);
  g_assert_cmpstr (content, ==, "市政协办公室：公示不少于十日。");
  g_clear_pointer (&content, g_free);
  fields = tx_conflict_compare (f->city, advice, &error);
  g_assert_no_error (error);
  {
    const TxConflictField *field = find_field (fields, "市政协办公室：公示不少于十日。");

    g_assert_nonnull (field);
    g_assert_cmpstr (field->theirs, ==, "金山街道：公示不少于七日，并设意见箱。");
    g_assert_true (field->differs);
    field = find_field (fields, "关于完善棚户区改造征收补偿公示的建议");
    g_assert_nonnull (field);
    g_assert_false (field->differs);
  }
  g_clear_pointer (&fields, g_ptr_array_unref);
  village = village_of (f->city, CAO, &removed);
  g_assert_cmpstr (village, ==, "城关社区");
  g_assert_false (removed);
  g_clear_pointer (&village, g_free);
  /* 罗明远 was changed here only: the city's change stays */
  village = village_of (f->city, LUO, &removed);
  g_assert_cmpstr (village, ==, "古城社区一组");
  g_clear_pointer (&village, g_free);

  /* take the township's recommendation, keep the city's 曹红梅 */
  g_assert_true (tx_conflict_resolve (f->city, advice->id, TX_CONFLICT_TAKE_THEIRS, TX_DATE_NONE, &error));
  g_assert_no_error (error);
  content = advice_content (f->city);
  g_assert_cmpstr (content, ==, "金山街道：公示不少于七日，并设意见箱。");
  g_clear_pointer (&content, g_free);
  assert_holds_records_of (f->city, f->jinshan, "outcome", "SELECT uuid FROM outcome");

  cao_id = cao->id;
  g_assert_true (tx_conflict_resolve (f->city, cao_id, TX_CONFLICT_KEEP_OURS, TX_DATE_NONE, &error));
  g_assert_no_error (error);
  village = village_of (f->city, CAO, &removed);
  g_assert_cmpstr (village, ==, "城关社区");
  g_assert_false (removed);
  g_clear_pointer (&village, g_free);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = open_conflicts (f->city);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  /* a decided conflict is not decided twice */
  g_assert_false (tx_conflict_resolve (f->city, cao_id, TX_CONFLICT_TAKE_THEIRS, TX_DATE_NONE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  /* the same file again: nothing to decide any more */
  report = import (f->city, jinshan_third);
  g_assert_cmpuint (report.conflicts, ==, 0);
  g_assert_cmpuint (report.updated, ==, 0);
  conflicts = open_conflicts (f->city);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  /* the township changes the recommendation again: the city, which
   * took its version, takes the change */
  change_advice (f->jinshan, "金山街道：公示不少于七日，设意见箱，并公开投诉电话。");
  g_free (jinshan_third);
  jinshan_third = send (f, f->jinshan, JINSHAN, "jinshan-4.xml.gz");
  report = import (f->city, jinshan_third);
  g_assert_cmpuint (report.conflicts, ==, 0);
  g_assert_cmpuint (report.updated, ==, 1);
  content = advice_content (f->city);
  g_assert_cmpstr (content, ==, "金山街道：公示不少于七日，设意见箱，并公开投诉电话。");

  /* the other township's records were never touched */
  assert_holds_records_of (f->city, f->fengshan, "consultation", "SELECT uuid FROM consultation");
}

/*
 * What each office owns: the township its people, consultations and
 * recommendations, the city its plans.  A change the other side made
 * to them is a conflict, never taken silently, even when nothing
 * changed here.
 */
static void
test_ownership (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = send (f, f->jinshan, JINSHAN, "jinshan-1.xml");
  g_autofree char *second = NULL;
  g_autofree char *from_city = path_in (f, "city.xml.gz");
  g_autofree char *village = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  TxImportReport report;
  TxConflict *plan;
  gboolean removed;

  import (f->city, first);

  /* the city sets the plan; the township changes it too */
  g_assert_true (tx_store_set_plan (f->city, "金山街道", 2001, 5, &error));
  g_assert_no_error (error);
  g_usleep (2000);
  g_assert_true (tx_store_set_plan (f->jinshan, "金山街道", 2001, 2, &error));
  g_assert_no_error (error);
  second = send (f, f->jinshan, JINSHAN, "jinshan-2.xml");
  report = import (f->city, second);
  g_assert_cmpuint (report.conflicts, ==, 1);
  g_assert_cmpint (tx_store_get_plan (f->city, JINSHAN, 2001), ==, 5);
  conflicts = open_conflicts (f->city);
  g_assert_cmpuint (conflicts->len, ==, 1);
  plan = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (plan->kind, ==, "plan");
  g_assert_cmpstr (plan->uuid, ==, JINSHAN "/2001");
  g_assert_cmpstr (plan->name, ==, "金山街道");

  /* kept: the same plan sent again is no conflict */
  g_assert_true (tx_conflict_resolve (f->city, plan->id, TX_CONFLICT_KEEP_OURS, TX_DATE_NONE, &error));
  g_assert_no_error (error);
  report = import (f->city, second);
  g_assert_cmpuint (report.conflicts, ==, 0);
  g_assert_cmpint (tx_store_get_plan (f->city, JINSHAN, 2001), ==, 5);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  /* the city's file sets the township's plan: taken, the city's to set */
  g_assert_true (tx_exchange_export (f->city, from_city, &error));
  g_assert_no_error (error);
  report = import (f->jinshan, from_city);
  g_assert_cmpint (tx_store_get_plan (f->jinshan, JINSHAN, 2001), ==, 5);
  g_assert_cmpuint (report.conflicts, ==, 0);

  /* the city changes a person of the township: the township, which
   * did not, is told, and keeps its own until it decides */
  change_village (f->city, BAN, "城关社区");
  g_assert_true (tx_exchange_export (f->city, from_city, &error));
  g_assert_no_error (error);
  report = import (f->jinshan, from_city);
  g_assert_cmpuint (report.conflicts, ==, 1);
  village = village_of (f->jinshan, BAN, &removed);
  g_assert_cmpstr (village, ==, "双龙社区");
  g_clear_pointer (&village, g_free);
  conflicts = open_conflicts (f->jinshan);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((TxConflict *) g_ptr_array_index (conflicts, 0))->uuid, ==, BAN);
  g_assert_true (tx_conflict_resolve (f->jinshan, ((TxConflict *) g_ptr_array_index (conflicts, 0))->id,
                                      TX_CONFLICT_TAKE_THEIRS, TX_DATE_NONE, &error));
  g_assert_no_error (error);
  village = village_of (f->jinshan, BAN, &removed);
  g_assert_cmpstr (village, ==, "城关社区");
}

static char *
person_township (TxStore    *store,
                 const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxPerson) person = tx_roster_find_person (store, uuid, &error);

  g_assert_no_error (error);
  return g_strdup (tx_person_get_township_uuid (person));
}

/*
 * The city made 金山街道 itself before the township's first file came,
 * under another id: the file's 金山街道 is taken as the city's, and its
 * id means it from then on; the city's file back to the township is
 * matched the same way there.  Kept apart instead, it is added as
 * 金山街道（2）, which the next file leaves as it is.
 */
static void
test_same_name_township (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxTownship) made = tx_store_add_township (f->city, "金山街道", TX_TOWNSHIP_KIND_SUBDISTRICT, &error);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *from_city = path_in (f, "city.xml.gz");
  g_autofree char *township = NULL;
  g_autoptr(TxStore) other = open_office (f, "other.db", "city", "政协都匀市委员会办公室");
  g_autoptr(TxTownship) other_made = tx_store_add_township (other, "金山街道", TX_TOWNSHIP_KIND_SUBDISTRICT, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  TxImportOptions options = { 0, };
  TxImportReport report;

  g_assert_no_error (error);
  g_assert_true (tx_store_set_plan (f->city, "金山街道", 2001, 4, &error));
  g_assert_no_error (error);

  first = send (f, f->jinshan, JINSHAN, "jinshan-1.xml.gz");
  options.townships = names;
  g_assert_true (tx_exchange_import_file (f->city, first, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.matched, ==, 1);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "金山街道");
  g_assert_cmpuint (tx_store_count (f->city, "township"), ==, 1);
  township = person_township (f->city, LUO);
  g_assert_cmpstr (township, ==, tx_township_get_uuid (made));
  g_clear_pointer (&township, g_free);
  g_assert_cmpint (tx_store_get_plan (f->city, tx_township_get_uuid (made), 2001), ==, 4);

  /* the next file: its id is known */
  change_village (f->jinshan, LUO, "古城社区");
  second = send (f, f->jinshan, JINSHAN, "jinshan-2.xml.gz");
  report = import (f->city, second);
  g_assert_cmpuint (report.matched, ==, 0);
  g_assert_cmpuint (report.updated, ==, 1);
  g_assert_cmpuint (tx_store_count (f->city, "township"), ==, 1);

  /* the city's plan goes back: the township takes it for its own 金山街道 */
  g_assert_true (tx_exchange_export (f->city, from_city, &error));
  g_assert_no_error (error);
  report = import (f->jinshan, from_city);
  g_assert_cmpuint (report.matched, ==, 1);
  g_assert_cmpuint (report.conflicts, ==, 0);
  g_assert_cmpuint (tx_store_count (f->jinshan, "township"), ==, 1);
  g_assert_cmpint (tx_store_get_plan (f->jinshan, JINSHAN, 2001), ==, 4);

  /* kept apart, at another office */
  options.keep_townships_apart = TRUE;
  g_assert_true (tx_exchange_import_file (other, first, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.renamed, ==, 1);
  g_assert_cmpuint (tx_store_count (other, "township"), ==, 2);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "金山街道（2）");
  {
    g_autoptr(TxTownship) apart = tx_store_find_township (other, "金山街道（2）", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (tx_township_get_uuid (apart), ==, JINSHAN);
  }
  report = import (other, second);
  g_assert_cmpuint (report.conflicts, ==, 0);
  g_assert_cmpuint (tx_store_count (other, "township"), ==, 2);
  {
    g_autoptr(TxTownship) apart = tx_store_find_township (other, "金山街道（2）", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (tx_township_get_uuid (apart), ==, JINSHAN);
  }
}

/* The ledger hit of @rule of the township @uuid, or NULL */
static const TxLedgerHit *
find_hit (TxLedger   *ledger,
          const char *uuid,
          TxRule      rule)
{
  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

      if (g_strcmp0 (entry->township_uuid, uuid) != 0)
        continue;
      for (guint h = 0; h < entry->hits->len; h++)
        if (((TxLedgerHit *) g_ptr_array_index (entry->hits, h))->rule == rule)
          return g_ptr_array_index (entry->hits, h);
    }

  return NULL;
}

/*
 * The city knows how recent its data of each township are: the last
 * file of it received, as of when, whole or changes; a township whose
 * data are older than stale-days is yellow in the ledger, the reason
 * saying since when.  A township's own ledger has no such reason.
 */
static void
test_exchange_status (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *whole = send (f, f->jinshan, JINSHAN, "金山街道-全部数据.xml.gz");
  g_autofree char *fengshan = send (f, f->fengshan, FENGSHAN, "凤山镇-全部数据.xml.gz");
  g_autofree char *changes = NULL;
  g_autoptr(GPtrArray) receipts = NULL;
  g_autoptr(TxLedger) ledger = NULL;
  g_autoptr(GDateTime) written = NULL;
  g_autoptr(GDateTime) local = NULL;
  TxReceipt *receipt;
  const TxLedgerHit *hit;
  TxDate day, later;

  import (f->city, whole);
  import (f->city, fengshan);
  change_village (f->jinshan, LUO, "古城社区");
  {
    TxExportOptions options = { JINSHAN, TRUE };

    changes = path_in (f, "金山街道-变更数据.xml.gz");
    g_usleep (2000);
    g_assert_true (tx_exchange_export_with (f->jinshan, &options, changes, &error));
    g_assert_no_error (error);
  }
  import (f->city, changes);

  receipts = tx_office_list_receipts (f->city, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (receipts->len, ==, 2);
  receipt = g_ptr_array_index (receipts, 0);
  if (g_strcmp0 (receipt->township, JINSHAN) != 0)
    receipt = g_ptr_array_index (receipts, 1);
  g_assert_cmpstr (receipt->township, ==, JINSHAN);
  g_assert_cmpstr (receipt->file, ==, "金山街道-变更数据.xml.gz");
  g_assert_false (receipt->complete);
  g_assert_cmpstr (receipt->peer_name, ==, "政协福泉市委员会金山街道联络组");
  g_assert_nonnull (receipt->received_at);

  /* the data are as of the day the file was written */
  written = g_date_time_new_from_iso8601 (receipt->exported, NULL);
  g_assert_nonnull (written);
  local = g_date_time_to_local (written);
  day = tx_date_new (g_date_time_get_year (local), g_date_time_get_month (local), g_date_time_get_day_of_month (local));
  g_assert_cmpint (tx_receipt_get_age (receipt, day), ==, 0);

  /* 45 days on: yellow, with the reason */
  later = tx_date_add_days (day, 45);
  ledger = tx_ledger_compute (f->city, tx_date_get_year (later), tx_date_get_quarter (later), later, &error);
  g_assert_no_error (error);
  hit = find_hit (ledger, JINSHAN, TX_RULE_DATA_STALE);
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->color, ==, TX_COLOR_YELLOW);
  g_assert_cmpint (hit->days, ==, 45);
  g_assert_nonnull (strstr (hit->text, "No data sent for 45 days: the last file (金山街道-变更数据.xml.gz) was written on "));
  g_clear_pointer (&ledger, tx_ledger_free);

  /* 30 days on: not yet */
  later = tx_date_add_days (day, 30);
  ledger = tx_ledger_compute (f->city, tx_date_get_year (later), tx_date_get_quarter (later), later, &error);
  g_assert_null (find_hit (ledger, JINSHAN, TX_RULE_DATA_STALE));
  g_clear_pointer (&ledger, tx_ledger_free);

  /* the setting: 60 days */
  g_assert_true (tx_settings_set_text (tx_store_get_settings (f->city), "stale-days", "60", &error));
  later = tx_date_add_days (day, 45);
  ledger = tx_ledger_compute (f->city, tx_date_get_year (later), tx_date_get_quarter (later), later, &error);
  g_assert_null (find_hit (ledger, JINSHAN, TX_RULE_DATA_STALE));
  g_clear_pointer (&ledger, tx_ledger_free);

  /* a township's own ledger: no such reason */
  ledger = tx_ledger_compute (f->jinshan, tx_date_get_year (later), tx_date_get_quarter (later),
                              tx_date_add_days (day, 400), &error);
  g_assert_null (find_hit (ledger, JINSHAN, TX_RULE_DATA_STALE));
}

/* An office without its identity is found by the check. */
static void
test_check_identity (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = tx_store_check (f->city, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  g_assert_cmpint (sqlite3_exec (tx_store_get_db (f->city), "DELETE FROM office", NULL, NULL, NULL), ==, SQLITE_OK);
  problems = tx_store_check (f->city, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==,
                   "The database has lost the identity of its office, by which the offices it exchanges files with know it.");
}

/*
 * The city sends its townships what is its own (下发): the plans, the
 * thresholds of the ledger and the circulars issued, with the ledgers
 * they froze.  The township takes them as they are: its plan and its
 * thresholds as the city set them, and the quarter as issued.
 */
static void
test_issue (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = send (f, f->jinshan, JINSHAN, "jinshan-1.xml.gz");
  g_autofree char *issued = path_in (f, "下发-2001.xml.gz");
  g_autofree char *text = NULL;
  g_autoptr(TxLedger) ledger = NULL;
  g_autoptr(TxLedger) frozen = NULL;
  g_autofree char *value = NULL;
  TxExportOptions options = { NULL, FALSE, TRUE };
  TxImportReport report;
  TxDate day = tx_date_new (2001, 6, 30);

  import (f->city, first);
  {
    g_autofree char *fengshan = send (f, f->fengshan, FENGSHAN, "fengshan-1.xml.gz");

    import (f->city, fengshan);
  }
  g_assert_true (tx_store_set_plan (f->city, "金山街道", 2001, 6, &error));
  g_assert_true (tx_settings_set_text (tx_store_get_settings (f->city), "stage-red-days", "10", &error));
  g_assert_no_error (error);
  ledger = tx_ledger_compute (f->city, 2001, 2, day, &error);
  g_assert_no_error (error);
  g_assert_true (tx_ledger_issue (f->city, ledger, "2001-07-05", "福泉政协〔2001〕3号", "政协福泉市委员会",
                                  "各乡镇（街道）要按计划开展协商。", FALSE, &error));
  g_assert_no_error (error);

  /* only what is the city's */
  g_assert_true (tx_exchange_export_with (f->city, &options, issued, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GFile) path = g_file_new_for_path (issued);
    g_autoptr(GFileInputStream) file = g_file_read (path, NULL, NULL);
    g_autoptr(GConverter) gunzip = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
    g_autoptr(GInputStream) plain = g_converter_input_stream_new (G_INPUT_STREAM (file), gunzip);
    g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();

    g_output_stream_splice (memory, plain, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
    g_assert_no_error (error);
    text = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
                      g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)));
  }
  g_assert_nonnull (strstr (text, "<threshold key=\"stage-red-days\" value=\"10\"/>"));
  g_assert_nonnull (strstr (text, "<circular "));
  g_assert_nonnull (strstr (text, "number=\"福泉政协〔2001〕3号\""));
  g_assert_nonnull (strstr (text, "<plan township=\"" JINSHAN "\" year=\"2001\" consultations=\"6\""));
  g_assert_null (strstr (text, "<person "));
  g_assert_null (strstr (text, "<consultation "));
  g_assert_null (strstr (text, "<activity "));

  /* the township takes them: of its own township; 凤山镇 and its plans,
   * also in the file, stay the city's */
  report = import (f->jinshan, issued);
  g_assert_cmpuint (report.conflicts, ==, 0);
  g_assert_cmpint (tx_store_get_plan (f->jinshan, JINSHAN, 2001), ==, 6);
  g_assert_nonnull (strstr (text, "<township uuid=\"" FENGSHAN "\""));
  g_assert_cmpuint (report.skipped, >=, 1);
  {
    g_autoptr(GPtrArray) townships = tx_store_list_townships (f->jinshan, &error);
    g_autofree char *said = tx_import_report_to_string (&report);

    g_assert_no_error (error);
    g_assert_cmpuint (townships->len, ==, 1);
    g_assert_cmpstr (tx_township_get_name (g_ptr_array_index (townships, 0)), ==, "金山街道");
    g_assert_nonnull (strstr (said, "records of other townships left out") != NULL ? said
                      : strstr (said, "record of other townships left out"));
  }
  value = tx_settings_dup_text (tx_store_get_settings (f->jinshan), "stage-red-days", &error);
  g_assert_cmpstr (value, ==, "10");
  g_assert_true (tx_ledger_is_issued (f->jinshan, 2001, 2));
  frozen = tx_ledger_get (f->jinshan, 2001, 2, tx_date_new (2001, 12, 31), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (frozen->issued_on, ==, "2001-07-05");
  g_assert_cmpstr (frozen->number, ==, "福泉政协〔2001〕3号");
  g_assert_cmpuint (frozen->entries->len, ==, ledger->entries->len);
  g_assert_cmpint (((TxLedgerEntry *) g_ptr_array_index (frozen->entries, 0))->color, ==,
                   ((TxLedgerEntry *) g_ptr_array_index (ledger->entries, 0))->color);

  /* again: nothing changes */
  report = import (f->jinshan, issued);
  g_assert_cmpuint (report.inserted + report.updated, ==, 0);

  /* thresholds are not a township's to send: the city keeps its own */
  g_free (first);
  first = path_in (f, "thresholds.xml");
  g_assert_true (g_file_set_contents (first,
                                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                      "<tongxin xmlns=\"urn:tongxin:exchange:1\" exported=\"2001-07-01T10:00:00+08:00\" "
                                      "office=\"0b6d2a57-35a2-4c47-9c0e-2f1d6f3e8a11\" office-kind=\"township\">\n"
                                      "  <threshold key=\"stage-red-days\" value=\"20\"/>\n"
                                      "</tongxin>\n", -1, NULL));
  report = import (f->city, first);
  g_assert_cmpuint (report.refused, ==, 1);
  g_assert_cmpuint (report.rejected, ==, 0);
  {
    g_autofree char *said = tx_import_report_to_string (&report);

    g_assert_nonnull (strstr (said, "1 of the city office’s records (thresholds of the ledger, circulars) not taken"));
  }
  g_free (value);
  value = tx_settings_dup_text (tx_store_get_settings (f->city), "stage-red-days", &error);
  g_assert_cmpstr (value, ==, "10");

  /* the city's training of two townships' leaders goes down with what it
   * issues; each township keeps who of its own was there */
  {
    g_autoptr(TxActivity) training = tx_activity_new (TX_ACTIVITY_TRAINING, "联络组组长业务培训", "2001-08-10");
    g_autoptr(TxActivity) held = NULL;
    g_autofree char *again = path_in (f, "下发-2001-2.xml");
    g_autofree char *third = path_in (f, "下发-2001-3.xml");
    g_autofree char *contents = NULL;
    TxExportOptions plain = { NULL, FALSE, TRUE };
    TxParticipant *participant;

    tx_activity_add_township (training, "金山街道");
    tx_activity_add_township (training, "凤山镇");
    tx_activity_set_attendance (training, LUO, 1);
    tx_activity_set_attendance (training, "9e65fc66-25e7-41df-85e0-9b055fb453f0", 1);
    g_assert_true (tx_store_save_activity (f->city, training, &error));
    g_assert_no_error (error);
    g_usleep (2000);
    g_assert_true (tx_exchange_export_with (f->city, &plain, again, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (again, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "<activity "));
    g_assert_nonnull (strstr (contents, "联络组组长业务培训"));
    g_assert_null (strstr (contents, "<person "));

    report = import (f->jinshan, again);
    g_assert_cmpuint (report.inserted, ==, 1);
    held = tx_store_load_activity (f->jinshan, tx_activity_get_uuid (training), &error);
    g_assert_no_error (error);
    g_assert_null (tx_activity_get_township_name (held));   /* the city's */
    /* of the two townships taking part, the one here */
    g_assert_cmpuint (tx_activity_get_townships (held)->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (tx_activity_get_townships (held), 0), ==, "金山街道");
    g_assert_cmpuint (tx_activity_get_participants (held)->len, ==, 1);
    participant = g_ptr_array_index (tx_activity_get_participants (held), 0);
    g_assert_cmpstr (participant->person_uuid, ==, LUO);
    g_assert_cmpint (participant->attended, ==, 1);
    g_clear_object (&held);

    /* deleted at the city: deleted at the township with the next issue */
    g_assert_true (tx_store_delete_activity (f->city, tx_activity_get_uuid (training), &error));
    g_assert_no_error (error);
    g_usleep (2000);
    g_assert_true (tx_exchange_export_with (f->city, &plain, third, &error));
    g_assert_no_error (error);
    report = import (f->jinshan, third);
    g_assert_cmpuint (report.deleted, ==, 1);
    held = tx_store_load_activity (f->jinshan, tx_activity_get_uuid (training), NULL);
    g_assert_null (held);

    /* a file that gives the circular's id to another record too is
     * refused, and says which two records have it: the activity before
     * it, or a second circular after it */
    {
      g_autofree char *twice = path_in (f, "下发-2001-twice.xml");
      const char *circular = strstr (contents, "<circular uuid=\"");
      const char *circular_end = circular != NULL ? strstr (circular, "</circular>\n") : NULL;
      const char *activity = strstr (contents, "<activity uuid=\"");
      const char *digest = g_strrstr (contents, "<?tongxin-sha256 ");
      g_autofree char *circular_uuid = NULL;
      g_autoptr(GString) changed = g_string_new (contents);

      g_assert_nonnull (circular_end);
      g_assert_nonnull (activity);
      g_assert_nonnull (digest);
      g_assert_true (activity < circular);
      circular_uuid = g_strndup (circular + strlen ("<circular uuid=\""), 36);
      g_string_overwrite_len (changed, activity + strlen ("<activity uuid=\"") - contents, circular_uuid, 36);
      /* changed here, it is not Tongxin's: without the checksum it ends with */
      g_string_truncate (changed, digest - contents);
      g_assert_true (g_file_set_contents (twice, changed->str, -1, NULL));

      g_assert_false (tx_exchange_import_file (f->jinshan, twice, NULL, &report, &error));
      g_assert_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, circular_uuid));
      g_assert_nonnull (strstr (error->message, "the activity “联络组组长业务培训” on line"));
      g_assert_nonnull (strstr (error->message, "and the circular of Q2 2001 (version 1) here"));
      g_clear_error (&error);

      g_string_assign (changed, contents);
      g_string_truncate (changed, digest - contents);
      g_string_insert_len (changed, circular_end + strlen ("</circular>\n") - contents,
                           circular, circular_end + strlen ("</circular>\n") - circular);
      g_assert_true (g_file_set_contents (twice, changed->str, -1, NULL));

      g_assert_false (tx_exchange_import_file (f->jinshan, twice, NULL, &report, &error));
      g_assert_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, circular_uuid));
      g_assert_nonnull (strstr (error->message, "the circular of Q2 2001 (version 1) on line"));
      g_assert_nonnull (strstr (error->message, "and the circular of Q2 2001 (version 1) here"));
      g_clear_error (&error);
    }
  }
}

/*
 * The other way round: the city deletes two people of a township whom
 * the township then changes.  The city's receipt finds both conflicts
 * (deleted here, changed there), keeps them deleted until decided, and
 * each decision gives the row it says: taken, the person is back with
 * the township's change; kept, the person stays deleted.
 */
static void
test_deleted_here_changed_there (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = send (f, f->jinshan, JINSHAN, "jinshan-1.xml.gz");
  g_autofree char *second = NULL;
  g_autofree char *village = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  TxImportReport report;
  TxConflict *luo;
  TxConflict *cao;
  gboolean removed = FALSE;

  report = import (f->city, first);
  g_assert_cmpuint (report.conflicts, ==, 0);
  g_assert_true (tx_roster_delete_person (f->city, LUO, &error));
  g_assert_true (tx_roster_delete_person (f->city, CAO, &error));
  g_assert_no_error (error);
  g_usleep (2000);
  change_village (f->jinshan, LUO, "古城社区");
  change_village (f->jinshan, CAO, "城关社区");
  second = send (f, f->jinshan, JINSHAN, "jinshan-2.xml.gz");

  report = import (f->city, second);
  g_assert_cmpuint (report.conflicts, ==, 2);
  g_assert_cmpuint (report.updated, ==, 0);
  g_assert_cmpuint (report.inserted, ==, 0);
  conflicts = open_conflicts (f->city);
  g_assert_cmpuint (conflicts->len, ==, 2);
  luo = find_conflict (conflicts, LUO);
  g_assert_cmpstr (luo->kind, ==, "person");
  g_assert_true (luo->ours_deleted);
  g_assert_false (luo->theirs_deleted);
  cao = find_conflict (conflicts, CAO);
  g_assert_true (cao->ours_deleted);

  /* until decided, deleted here */
  g_free (village_of (f->city, LUO, &removed));
  g_assert_true (removed);

  /* taken: back, as the township changed them */
  g_assert_true (tx_conflict_resolve (f->city, luo->id, TX_CONFLICT_TAKE_THEIRS, TX_DATE_NONE, &error));
  g_assert_no_error (error);
  village = village_of (f->city, LUO, &removed);
  g_assert_false (removed);
  g_assert_cmpstr (village, ==, "古城社区");
  g_clear_pointer (&village, g_free);

  /* kept: deleted */
  g_assert_true (tx_conflict_resolve (f->city, cao->id, TX_CONFLICT_KEEP_OURS, TX_DATE_NONE, &error));
  g_assert_no_error (error);
  g_free (village_of (f->city, CAO, &removed));
  g_assert_true (removed);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = open_conflicts (f->city);
  g_assert_cmpuint (conflicts->len, ==, 0);
}

/*
 * A township takes the files of its own city office: once it has one
 * from it, another city office's file is refused, with who wrote it and
 * whose files it takes, and nothing of it is written.
 */
static void
test_another_city (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) other = open_office (f, "other-city.db", "city", "政协都匀市委员会办公室");
  g_autofree char *issued = path_in (f, "下发.xml.gz");
  g_autofree char *foreign = path_in (f, "都匀下发.xml.gz");
  g_autofree char *first = send (f, f->jinshan, JINSHAN, "jinshan-1.xml.gz");
  TxExportOptions options = { NULL, FALSE, TRUE };
  TxImportReport report = { 0, };

  import (f->city, first);
  g_assert_true (tx_exchange_export_with (f->city, &options, issued, &error));
  g_assert_no_error (error);
  import (f->jinshan, issued);

  g_assert_true (tx_settings_set_text (tx_store_get_settings (other), "stage-red-days", "12", &error));
  g_assert_no_error (error);
  g_assert_true (tx_exchange_export_with (other, &options, foreign, &error));
  g_assert_no_error (error);

  g_assert_false (tx_exchange_import_file (f->jinshan, foreign, NULL, &report, &error));
  g_assert_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "was written by another city office, 政协都匀市委员会办公室, "
                                            "not by 政协福泉市委员会办公室"));
  g_clear_error (&error);
  {
    g_autofree char *value = tx_settings_dup_text (tx_store_get_settings (f->jinshan), "stage-red-days", &error);

    g_assert_cmpstr (value, !=, "12");
  }

  /* its own city's file, again: taken */
  g_assert_true (tx_exchange_import_file (f->jinshan, issued, NULL, &report, &error));
  g_assert_no_error (error);
}

/*
 * The city's work groups: each guides some townships; the ledger names
 * each township's group (and keeps it when frozen); a township is in
 * one group at most; a group removed leaves its townships in none.
 */
static void
test_work_groups (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = send (f, f->jinshan, JINSHAN, "jinshan.xml.gz");
  g_autofree char *second = send (f, f->fengshan, FENGSHAN, "fengshan.xml.gz");
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(TxLedger) ledger = NULL;
  g_autoptr(TxLedger) thawed = NULL;
  g_autofree char *json = NULL;
  TxWorkGroup *group;

  import (f->city, first);
  import (f->city, second);
  g_assert_true (tx_work_group_save (f->city, "第一工作组", "王建国", "李明、张华", &error));
  g_assert_true (tx_work_group_save (f->city, "第二工作组", "赵敏", "", &error));
  g_assert_true (tx_work_group_assign (f->city, "金山街道", "第一工作组", &error));
  g_assert_true (tx_work_group_assign (f->city, "凤山镇", "第一工作组", &error));
  g_assert_no_error (error);

  /* one group at most */
  g_assert_true (tx_work_group_assign (f->city, "凤山镇", "第二工作组", &error));
  groups = tx_work_group_list (f->city, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 2);
  group = g_ptr_array_index (groups, 0);
  g_assert_cmpstr (group->name, ==, "第一工作组");
  g_assert_cmpstr (group->leader, ==, "王建国");
  g_assert_cmpstr (group->members, ==, "李明、张华");
  g_assert_cmpuint (group->townships->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (group->townships, 0), ==, "金山街道");
  group = g_ptr_array_index (groups, 1);
  g_assert_cmpstr (g_ptr_array_index (group->townships, 0), ==, "凤山镇");
  g_clear_pointer (&groups, g_ptr_array_unref);

  /* the leader changes, the members stay */
  g_assert_true (tx_work_group_save (f->city, "第一工作组", "钱进", NULL, &error));
  groups = tx_work_group_list (f->city, &error);
  g_assert_cmpstr (((TxWorkGroup *) g_ptr_array_index (groups, 0))->leader, ==, "钱进");
  g_assert_cmpstr (((TxWorkGroup *) g_ptr_array_index (groups, 0))->members, ==, "李明、张华");
  g_clear_pointer (&groups, g_ptr_array_unref);

  /* the ledger names each township's group, and keeps it frozen */
  ledger = tx_ledger_compute (f->city, 2001, 2, tx_date_new (2001, 6, 30), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

      g_assert_cmpstr (entry->work_group, ==, g_strcmp0 (entry->township_uuid, JINSHAN) == 0 ? "第一工作组" : "第二工作组");
    }
  json = tx_ledger_to_json (ledger);
  thawed = tx_ledger_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((TxLedgerEntry *) g_ptr_array_index (thawed->entries, 0))->work_group, ==,
                   ((TxLedgerEntry *) g_ptr_array_index (ledger->entries, 0))->work_group);

  /* wrong names are refused, clearly */
  g_assert_false (tx_work_group_assign (f->city, "金山街道", "第九工作组", &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (tx_work_group_save (f->city, "  ", NULL, NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* removed: its townships are in none */
  g_assert_true (tx_work_group_delete (f->city, "第二工作组", &error));
  g_clear_pointer (&ledger, tx_ledger_free);
  ledger = tx_ledger_compute (f->city, 2001, 2, tx_date_new (2001, 6, 30), &error);
  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

      if (g_strcmp0 (entry->township_uuid, FENGSHAN) == 0)
        g_assert_null (entry->work_group);
    }
}

/*
 * A township's PC whose clock is behind the times its records were
 * changed at (a clock set back, a PC's battery gone flat): what the
 * clerk changes there is still later than what it changes, so the city
 * takes it, and the file of changes holds it, instead of refusing it as
 * older than the copy it has.
 */
static void
test_clock_behind (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const future =
    "UPDATE township SET updated_at = '2099-01-01T00:00:00.000Z';"
    "UPDATE person SET updated_at = '2099-01-01T00:00:00.000Z';"
    "UPDATE consultation SET updated_at = '2099-01-01T00:00:00.000Z';"
    "UPDATE outcome SET updated_at = '2099-01-01T00:00:00.000Z';";
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *content = NULL;
  g_autoptr(TxOutcome) changed = NULL;
  TxImportOptions in_2099 = { 0, };
  TxImportReport report = { 0, };
  gboolean removed = FALSE;

  /* the records were changed in 2099, by this PC's clock or another's */
  g_assert_cmpint (sqlite3_exec (tx_store_get_db (f->jinshan), future, NULL, NULL, NULL), ==, SQLITE_OK);
  tx_store_forget_stamps (f->jinshan);
  in_2099.today = tx_date_new (2099, 6, 1);
  first = send (f, f->jinshan, JINSHAN, "jinshan-1.xml.gz");
  g_assert_true (tx_exchange_import_file (f->city, first, &in_2099, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.conflicts, ==, 0);

  /* changed today, by a clock of 2026: later than 2099 all the same */
  change_advice (f->jinshan, "金山街道：公示不少于七日。");
  changed = tx_store_load_outcome (f->jinshan, JIN_ADVICE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tx_outcome_get_updated_at (changed), >, "2099-01-01T00:00:00.000Z");
  g_assert_true (tx_roster_delete_person (f->jinshan, CAO, &error));
  g_assert_no_error (error);

  /* in the file of changes since the first, and taken by the city */
  second = path_in (f, "jinshan-2.xml.gz");
  g_assert_true (tx_exchange_export_with (f->jinshan, &(TxExportOptions) { JINSHAN, TRUE, FALSE }, second, &error));
  g_assert_no_error (error);
  report = (TxImportReport) { 0, };
  g_assert_true (tx_exchange_import_file (f->city, second, &in_2099, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.rejected, ==, 0);
  g_assert_cmpuint (report.conflicts, ==, 0);
  g_assert_cmpuint (report.updated, ==, 1);
  g_assert_cmpuint (report.deleted, ==, 1);
  content = advice_content (f->city);
  g_assert_cmpstr (content, ==, "金山街道：公示不少于七日。");
  g_free (village_of (f->city, CAO, &removed));
  g_assert_true (removed);
}

/* Work groups in the order a clerk counts them, wherever they are
 * listed (the ledger by group, the circular, the Overview) */
static void
test_work_group_order (void)
{
  static const char * const ordered[] = {
    "第一工作组", "第二工作组", "第2组", "第三工作组", "第九工作组", "第十工作组", "第10组", "第十一工作组",
    "第二十工作组", "第一百零五工作组", "综合工作组",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ordered); i++)
    for (guint j = 0; j < G_N_ELEMENTS (ordered); j++)
      {
        int order = tx_work_group_compare_names (ordered[i], ordered[j]);

        if (i < j)
          g_assert_cmpint (order, <, 0);
        else if (i > j)
          g_assert_cmpint (order, >, 0);
        else
          g_assert_cmpint (order, ==, 0);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/offices/work-group-order", test_work_group_order);
  g_test_add ("/offices/clock-behind", Fixture, NULL, fixture_set_up, test_clock_behind, fixture_tear_down);
  g_test_add ("/offices/three-offices", Fixture, NULL, fixture_set_up, test_three_offices, fixture_tear_down);
  g_test_add ("/offices/same-name-township", Fixture, NULL, fixture_set_up, test_same_name_township, fixture_tear_down);
  g_test_add ("/offices/exchange-status", Fixture, NULL, fixture_set_up, test_exchange_status, fixture_tear_down);
  g_test_add ("/offices/check-identity", Fixture, NULL, fixture_set_up, test_check_identity, fixture_tear_down);
  g_test_add ("/offices/issue", Fixture, NULL, fixture_set_up, test_issue, fixture_tear_down);
  g_test_add ("/offices/another-city", Fixture, NULL, fixture_set_up, test_another_city, fixture_tear_down);
  g_test_add ("/offices/deleted-here-changed-there", Fixture, NULL, fixture_set_up,
              test_deleted_here_changed_there, fixture_tear_down);
  g_test_add ("/offices/work-groups", Fixture, NULL, fixture_set_up, test_work_groups, fixture_tear_down);
  g_test_add ("/offices/ownership", Fixture, NULL, fixture_set_up, test_ownership, fixture_tear_down);

  return g_test_run ();
}
