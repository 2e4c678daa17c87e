/* bench-exchange.c — how long a harmful or broken exchange file takes
 * to be refused
 *
 * Not a test: run with `meson test --benchmark -C _build` (or directly).
 * Writes files made to harm the computer that imports them, or merely
 * broken, imports each as `tongxin-cli import` does, three times, and
 * prints the median time the refusal took (on a shared machine single
 * runs vary) and how much memory the process reached.  The target is
 * under a second for each, whatever the file holds; the exit status is
 * non-zero when one is missed, when a file is not refused, or when the
 * database changed.
 *
 *  - billion laughs: entities nested ten deep, a file of about a
 *    kilobyte that grows to gigabytes when its entities are expanded;
 *  - an external entity, naming a file of this computer;
 *  - 100,000 elements nested in each other, under the root and inside
 *    a record;
 *  - a text of 60 MB in one element;
 *  - a large file, 30,000 people as Tongxin writes them, whose last
 *    record is broken (all of it must be read before it is known);
 *  - the same, with 300,000 elements the format does not have.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>

#include "tx-exchange.h"
#include "tx-store.h"

#define TARGET_SECONDS 1.0
#define RUNS 3

#define HEADER \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

#define ROOT \
  "<tongxin xmlns=\"urn:tongxin:exchange:1\" exported=\"2026-11-27T10:00:00+08:00\">\n"

#define PERSON_START \
  "<person uuid=\"6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4a\" updated=\"2026-11-20T10:00:00+08:00\"><name>陈明</name>"

typedef GString *(*MakeFile) (void);

static GString *
make_billion_laughs (void)
{
  GString *xml = g_string_new (HEADER "<!DOCTYPE tongxin [\n  <!ENTITY lol0 \"lol\">\n");

  for (guint i = 1; i < 10; i++)
    {
      g_string_append_printf (xml, "  <!ENTITY lol%u \"", i);
      for (guint j = 0; j < 10; j++)
        g_string_append_printf (xml, "&lol%u;", i - 1);
      g_string_append (xml, "\">\n");
    }
  g_string_append (xml, "]>\n" ROOT "  " PERSON_START "<notes>&lol9;</notes></person>\n</tongxin>\n");

  return xml;
}

static GString *
make_external_entity (void)
{
  return g_string_new (HEADER "<!DOCTYPE tongxin [ <!ENTITY secret SYSTEM \"file:///etc/passwd\"> ]>\n"
                       ROOT "  " PERSON_START "<notes>&secret;</notes></person>\n</tongxin>\n");
}

static GString *
make_deep (const char *inside,
           const char *element,
           const char *after)
{
  GString *xml = g_string_new (HEADER ROOT);

  g_string_append (xml, inside);
  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (xml, "<%s>", element);
  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (xml, "</%s>", element);
  g_string_append (xml, after);
  g_string_append (xml, "</tongxin>\n");

  return xml;
}

static GString *
make_deep_under_root (void)
{
  return make_deep ("", "a", "");
}

static GString *
make_deep_in_record (void)
{
  return make_deep (PERSON_START, "notes", "</person>");
}

static GString *
make_huge_text (void)
{
  GString *xml = g_string_new (HEADER ROOT "  " PERSON_START "<notes>");

  for (guint i = 0; i < 20 * 1000 * 1000; i++)
    g_string_append (xml, "长");   /* three bytes */
  g_string_append (xml, "</notes></person>\n</tongxin>\n");

  return xml;
}

/* People as Tongxin writes them, each with an id of their own. */
static GString *
make_people (guint n)
{
  GString *xml = g_string_new (HEADER ROOT);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (xml,
                            "  <person uuid=\"6b1f0c1e-7a34-4c1d-9a55-%012x\" updated=\"2026-11-20T10:00:00+08:00\">\n"
                            "    <name>王%u</name>\n    <gender>male</gender>\n    <ethnicity>布依族</ethnicity>\n"
                            "    <category>resident</category>\n    <organization>福泉市人民医院</organization>\n"
                            "    <title>主任医师</title>\n    <phone>139%08u</phone>\n    <village>双谷村</village>\n"
                            "    <notes>福泉市政协委员，分管街道政协联络组工作</notes>\n  </person>\n",
                            i + 1, i, i);

  return xml;
}

static GString *
make_large_broken_at_end (void)
{
  GString *xml = make_people (30000);

  /* the last one's phone is no phone */
  g_string_append (xml, "  " PERSON_START "<phone>12345</phone></person>\n</tongxin>\n");

  return xml;
}

static GString *
make_large_unknown (void)
{
  GString *xml = g_string_new (HEADER ROOT);

  for (guint i = 0; i < 300000; i++)
    g_string_append (xml, "  <row><cell>王芳</cell><cell>13985401234</cell></row>\n");
  g_string_append (xml, "</tongxin>\n");

  return xml;
}

static char *
dump_rows (TxStore *store)
{
  return g_strdup_printf ("%u people, %u townships, %u consultations",
                          tx_store_count (store, "person"), tx_store_count (store, "township"),
                          tx_store_count (store, "consultation"));
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static long
max_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

int
main (int   argc,
      char *argv[])
{
  static const struct {
    const char *name;
    MakeFile    make;
  } files[] = {
    { "billion laughs", make_billion_laughs },
    { "external entity", make_external_entity },
    { "100,000 deep, under the root", make_deep_under_root },
    { "100,000 deep, in a record", make_deep_in_record },
    { "a text of 60 MB", make_huge_text },
    { "30,000 people, the last broken", make_large_broken_at_end },
    { "300,000 unknown elements", make_large_unknown },
  };
  g_autofree char *dir = g_dir_make_tmp ("tongxin-bench-XXXXXX", NULL);
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", dir);
  g_autofree char *db = g_build_filename (dir, "tongxin.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autofree char *before = NULL;
  gboolean ok = TRUE;

  store = tx_store_open (db, &error);
  g_assert_no_error (error);
  before = dump_rows (store);

  g_print ("%-34s %10s %10s %10s  %s\n", "file", "size", "seconds", "max RSS", "refused with");

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GString) xml = files[i].make ();
      g_autofree char *path = g_strdup_printf ("%s/bad-%u.xml", dir, i);
      g_autofree char *after = NULL;
      g_autofree char *message = NULL;
      TxImportOptions options = { 0, };
      TxImportReport report;
      gboolean imported = FALSE;
      double seconds[RUNS];

      g_assert_true (g_file_set_contents (path, xml->str, xml->len, NULL));
      options.today = tx_date_new (2026, 11, 27);

      for (guint run = 0; run < RUNS; run++)
        {
          gint64 start = g_get_monotonic_time ();

          imported |= tx_exchange_import_file (store, path, &options, &report, &error);
          seconds[run] = (g_get_monotonic_time () - start) / 1e6;
          if (error != NULL && message == NULL)
            message = g_strdup (error->message);
          g_clear_error (&error);
        }
      qsort (seconds, RUNS, sizeof (double), compare_doubles);

      after = dump_rows (store);
      g_print ("%-34s %8.1f MB %8.3f s %7ld MB  %s\n", files[i].name, xml->len / 1e6, seconds[RUNS / 2],
               max_rss_kb () / 1024, imported ? "(imported!)" : message);

      if (imported || seconds[RUNS / 2] >= TARGET_SECONDS || g_strcmp0 (before, after) != 0)
        ok = FALSE;
    }

  g_print ("target: each refused in under %.0f s, the database unchanged: %s\n",
           TARGET_SECONDS, ok ? "met" : "MISSED");

  g_clear_object (&store);
  g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);

  return ok ? 0 : 1;
}
