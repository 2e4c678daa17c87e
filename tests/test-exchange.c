/* test-exchange.c — the exchange file: round trip, merge rules, refusals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "tx-exchange.h"
#include "tx-records.h"
#include "tx-roster.h"
#include "tx-store.h"

typedef struct {
  char    *dir;
  TxStore *store;
} Fixture;

static TxStore *
open_new_store (Fixture    *f,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  TxStore *store = tx_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
load_demo (TxStore        *store,
           int             year,
           int             month,
           int             day,
           TxImportReport *report)
{
  g_autoptr(GError) error = NULL;
  TxDate today = tx_date_new (year, month, day);

  g_assert_true (tx_exchange_load_demo (store, today, report, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  TxImportReport report;

  f->dir = g_dir_make_tmp ("tongxin-exchange-XXXXXX", NULL);
  f->store = open_new_store (f, "a.db");
  load_demo (f->store, 2026, 11, 27, &report);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->store);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
}

static char *
export_raw (Fixture *f,
            TxStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "export.xml", NULL);
  g_autofree char *text = NULL;

  g_assert_true (tx_exchange_export (store, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
  g_assert_nonnull (g_strstr_len (text, 200, " exported=\""));

  return g_steal_pointer (&text);
}

/* The file's text without its export time, which differs every time. */
static char *
export_text (Fixture *f,
             TxStore *store)
{
  g_autoptr(GRegex) exported = g_regex_new (" exported=\"[^\"]*\"", 0, 0, NULL);
  g_autofree char *text = export_raw (f, store);

  return g_regex_replace_literal (exported, text, -1, 0, "", 0, NULL);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
test_demo_contents (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) townships = tx_store_list_townships (f->store, &error);
  g_autoptr(GPtrArray) consultations = tx_store_list_consultations (f->store, 0, NULL, &error);
  const char *named[] = {
    "老山寨产业扶贫协商",
    "黄丝江边和凤山古镇提质协商",
    "陆坪小岩和仙桥麒麟山乡村旅游发展协商",
    "古城文化旅游景区暨棚户区改造征收政策协商",
    "双谷村新型农村综合体建设协商",
    "规范城乡酒席办理(治理\"整酒风\")协商",
  };
  gboolean stage_seen[TX_N_STAGES + 1] = { FALSE, };

  g_assert_cmpuint (townships->len, ==, 8);
  g_assert_cmpuint (tx_store_count (f->store, "person"), >=, 120);
  g_assert_cmpuint (consultations->len, >=, 12);
  g_assert_cmpuint (tx_store_count (f->store, "outcome"), >=, 12);

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      g_autoptr(TxConsultation) consultation = tx_store_load_consultation (f->store, named[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (tx_consultation_get_title (consultation), ==, named[i]);
    }

  /* consultations are at every stage, and some are complete */
  for (guint i = 0; i < consultations->len; i++)
    stage_seen[tx_consultation_get_current_stage (g_ptr_array_index (consultations, i))] = TRUE;
  for (guint i = 0; i <= TX_N_STAGES; i++)
    g_assert_true (stage_seen[i]);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) other = open_new_store (f, "b.db");
  g_autofree char *raw = export_raw (f, f->store);
  g_autofree char *first = export_text (f, f->store);
  g_autofree char *path = write_file (f, "first.xml", raw);
  g_autofree char *second = NULL;
  TxImportReport report;

  g_assert_true (tx_exchange_import_file (other, path, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.inserted, >, 150);
  g_assert_cmpuint (report.updated, ==, 0);

  second = export_text (f, other);
  g_assert_cmpstr (first, ==, second);
}

static void
test_import_twice (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = export_text (f, f->store);
  g_autofree char *raw = export_raw (f, f->store);
  g_autofree char *path = write_file (f, "again.xml", raw);
  g_autofree char *after = NULL;
  TxImportReport report;

  g_assert_true (tx_exchange_import_file (f->store, path, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.inserted, ==, 0);
  g_assert_cmpuint (report.updated, ==, 0);
  g_assert_cmpuint (report.rejected, ==, 0);
  g_assert_cmpuint (report.unchanged, >, 150);

  after = export_text (f, f->store);
  g_assert_cmpstr (before, ==, after);

  /* loading the sample a second time changes nothing either */
  load_demo (f->store, 2026, 11, 27, &report);
  g_assert_cmpuint (report.inserted, ==, 0);
  g_assert_cmpuint (report.updated, ==, 0);
  g_clear_pointer (&after, g_free);
  after = export_text (f, f->store);
  g_assert_cmpstr (before, ==, after);
}

static void
assert_refused (Fixture    *f,
                const char *text,
                GQuark      domain,
                int         code,
                const char *expected_in_message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = export_text (f, f->store);
  g_autofree char *path = write_file (f, "bad.xml", text);
  g_autofree char *after = NULL;
  TxImportReport report = { 0, };

  g_assert_false (tx_exchange_import_file (f->store, path, NULL, &report, &error));
  g_assert_error (error, domain, code);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, "bad.xml"));
  if (expected_in_message != NULL)
    g_assert_nonnull (strstr (error->message, expected_in_message));

  after = export_text (f, f->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *full = export_raw (f, f->store);
  g_autofree char *half = g_strndup (full, strlen (full) / 2);

  assert_refused (f, half, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ, "line");
}

static void
test_schema_invalid (Fixture       *f,
                     gconstpointer  data)
{
  /* a person with an unknown category */
  assert_refused (f,
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<tongxin xmlns=\"urn:tongxin:exchange:1\" exported=\"2026-11-27T10:00:00+08:00\">\n"
                  "  <person uuid=\"6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4a\" updated=\"2026-11-20T10:00:00+08:00\">\n"
                  "    <name>陈明</name>\n"
                  "    <category>mayor</category>\n"
                  "  </person>\n"
                  "</tongxin>\n",
                  TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID, "line 5");

  /* a consultation with five stages */
  assert_refused (f,
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<tongxin xmlns=\"urn:tongxin:exchange:1\" exported=\"2026-11-27T10:00:00+08:00\">\n"
                  "  <consultation uuid=\"6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4b\" township=\"6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4c\" updated=\"2026-11-20T10:00:00+08:00\">\n"
                  "    <title>测试</title><topic-source>cppcc</topic-source><orientation>livelihood</orientation><platform>physical</platform>\n"
                  "    <stage name=\"selection\"/><stage name=\"research\"/><stage name=\"meeting\"/><stage name=\"submission\"/><stage name=\"feedback\"/>\n"
                  "  </consultation>\n"
                  "</tongxin>\n",
                  TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID, NULL);

  /* not an exchange file at all */
  assert_refused (f, "<html><body>hello</body></html>\n",
                  TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID, NULL);
  assert_refused (f, "姓名,电话\n王芳,13800000000\n",
                  TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ, NULL);
}

static void
test_dangling_reference (Fixture       *f,
                         gconstpointer  data)
{
  /* valid by the schema; the township and the first person would be
   * written before the second person's missing township is found, and
   * the whole file must still change nothing */
  assert_refused (f,
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<tongxin xmlns=\"urn:tongxin:exchange:1\" exported=\"2026-11-27T10:00:00+08:00\">\n"
                  "  <township uuid=\"0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5f6\" name=\"岔河镇\" kind=\"town\" updated=\"2026-11-20T10:00:00+08:00\"/>\n"
                  "  <person uuid=\"0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5f7\" township=\"0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5f6\" updated=\"2026-11-20T10:00:00+08:00\">\n"
                  "    <name>陈明</name>\n"
                  "  </person>\n"
                  "  <person uuid=\"0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5f8\" township=\"0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5f9\" updated=\"2026-11-20T10:00:00+08:00\">\n"
                  "    <name>陈亮</name>\n"
                  "  </person>\n"
                  "</tongxin>\n",
                  TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_REFERENCE, "line 7");
}

static TxPerson *
first_person (Fixture *f)
{
  g_autoptr(GPtrArray) people = tx_roster_query (f->store, NULL, NULL);

  return g_object_ref (g_ptr_array_index (people, 0));
}

static char *
person_xml (TxPerson   *person,
            const char *name,
            const char *updated)
{
  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<tongxin xmlns=\"urn:tongxin:exchange:1\" exported=\"2027-01-01T10:00:00+08:00\">\n"
                          "  <person uuid=\"%s\" township=\"%s\" updated=\"%s\"><name>%s</name>"
                          "<category>expert</category></person>\n"
                          "</tongxin>\n",
                          tx_person_get_uuid (person), tx_person_get_township_uuid (person), updated, name);
}

static void
test_newer_wins (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxPerson) person = first_person (f);
  g_autoptr(TxPerson) reread = NULL;
  g_autofree char *newer = person_xml (person, "新名字", "2099-01-01T00:00:00+08:00");
  g_autofree char *older = person_xml (person, "旧名字", "2001-01-01T00:00:00+08:00");
  g_autofree char *newer_path = write_file (f, "newer.xml", newer);
  g_autofree char *older_path = write_file (f, "older.xml", older);
  TxImportReport report;

  g_assert_true (tx_exchange_import_file (f->store, older_path, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.rejected, ==, 1);
  reread = tx_roster_find_person (f->store, tx_person_get_uuid (person), &error);
  g_assert_cmpstr (tx_person_get_name (reread), ==, tx_person_get_name (person));
  g_clear_object (&reread);

  g_assert_true (tx_exchange_import_file (f->store, newer_path, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.updated, ==, 1);
  g_assert_cmpuint (report.rejected, ==, 0);
  reread = tx_roster_find_person (f->store, tx_person_get_uuid (person), &error);
  g_assert_cmpstr (tx_person_get_name (reread), ==, "新名字");
  g_assert_cmpuint (tx_person_get_n_categories (reread), ==, 1);
  g_assert_cmpint (tx_person_get_category (reread, 0), ==, TX_CATEGORY_EXPERT);
}

static void
test_tombstone (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxPerson) person = first_person (f);
  g_autoptr(TxPerson) gone = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *path = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *expected = NULL;
  TxImportReport report;
  guint before = tx_store_count (f->store, "person");

  xml = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<tongxin xmlns=\"urn:tongxin:exchange:1\" exported=\"2099-01-01T10:00:00+08:00\">\n"
                         "  <deleted kind=\"person\" uuid=\"%s\" at=\"2099-01-01T09:00:00+08:00\"/>\n"
                         "</tongxin>\n", tx_person_get_uuid (person));
  path = write_file (f, "tombstone.xml", xml);

  g_assert_true (tx_exchange_import_file (f->store, path, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.deleted, ==, 1);
  g_assert_cmpuint (tx_store_count (f->store, "person"), ==, before - 1);

  gone = tx_roster_find_person (f->store, tx_person_get_uuid (person), &error);
  g_assert_null (gone);
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND);

  /* the deletion travels on in the next export */
  exported = export_text (f, f->store);
  expected = g_strdup_printf ("<deleted kind=\"person\" uuid=\"%s\" at=\"2099-01-01T01:00:00.000Z\"/>",
                              tx_person_get_uuid (person));
  g_assert_nonnull (strstr (exported, expected));
}

static void
test_demo_moves_dates (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) later = open_new_store (f, "later.db");
  g_autoptr(TxConsultation) a = NULL;
  g_autoptr(TxConsultation) b = NULL;
  const char *title = "老山寨产业扶贫协商";
  TxImportReport report;

  load_demo (later, 2027, 3, 7, &report);   /* 100 days after 2026-11-27 */

  a = tx_store_load_consultation (f->store, title, &error);
  b = tx_store_load_consultation (later, title, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < TX_N_STAGES; i++)
    {
      const char *due_a = tx_consultation_get_stage_due (a, i);
      const char *due_b = tx_consultation_get_stage_due (b, i);
      int ya, ma, da, yb, mb, db;
      g_autoptr(GDate) date_a = NULL;
      g_autoptr(GDate) date_b = NULL;

      if (due_a == NULL)
        continue;
      g_assert_cmpint (sscanf (due_a, "%d-%d-%d", &ya, &ma, &da), ==, 3);
      g_assert_cmpint (sscanf (due_b, "%d-%d-%d", &yb, &mb, &db), ==, 3);
      date_a = g_date_new_dmy (da, ma, ya);
      date_b = g_date_new_dmy (db, mb, yb);
      g_assert_cmpint (g_date_days_between (date_a, date_b), ==, 100);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/exchange/demo-contents", Fixture, NULL, fixture_set_up, test_demo_contents, fixture_tear_down);
  g_test_add ("/exchange/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/exchange/import-twice", Fixture, NULL, fixture_set_up, test_import_twice, fixture_tear_down);
  g_test_add ("/exchange/truncated", Fixture, NULL, fixture_set_up, test_truncated, fixture_tear_down);
  g_test_add ("/exchange/schema-invalid", Fixture, NULL, fixture_set_up, test_schema_invalid, fixture_tear_down);
  g_test_add ("/exchange/dangling-reference", Fixture, NULL, fixture_set_up, test_dangling_reference, fixture_tear_down);
  g_test_add ("/exchange/newer-wins", Fixture, NULL, fixture_set_up, test_newer_wins, fixture_tear_down);
  g_test_add ("/exchange/tombstone", Fixture, NULL, fixture_set_up, test_tombstone, fixture_tear_down);
  g_test_add ("/exchange/demo-moves-dates", Fixture, NULL, fixture_set_up, test_demo_moves_dates, fixture_tear_down);

  return g_test_run ();
}
