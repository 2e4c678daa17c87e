/* test-writers.c — two programs writing one database: each hears of the
 * other's writes, and a write that must wait waits, says so, and fails
 * with a clear message only after its time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tx-settings.h"
#include "tx-store.h"
#include "tx-turns.h"

typedef struct {
  char    *dir;
  char    *path;
  TxStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tongxin-test-writers-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "tongxin.db", NULL);
  f->store = tx_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->store);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->path);
  g_free (f->dir);
}

static void
on_changed_cb (TxStore    *store,
               const char *kind,
               const char *uuid,
               GPtrArray  *kinds)
{
  g_ptr_array_add (kinds, g_strdup (kind));
}

/* What another program writes is noticed, and the views are told; what
 * the store writes itself is not taken for another's. */
static void
test_other_writers (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TxStore) other = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed_cb), kinds);
  g_assert_false (tx_store_check_other_writers (f->store));

  /* its own write: "setting", not "all" */
  g_assert_true (tx_settings_set_text (tx_store_get_settings (f->store), "feedback-days", "20", &error));
  g_assert_no_error (error);
  g_assert_false (tx_store_check_other_writers (f->store));
  g_assert_cmpuint (kinds->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (kinds, 0), ==, "setting");

  /* another's */
  other = tx_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (tx_settings_set_text (tx_store_get_settings (other), "feedback-days", "25", &error));
  g_assert_no_error (error);

  g_assert_true (tx_store_check_other_writers (f->store));
  g_assert_cmpuint (kinds->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (kinds, 1), ==, "all");
  /* and the settings read again say what the other wrote */
  g_assert_cmpint (tx_settings_get_feedback_days (tx_store_get_settings (f->store)), ==, 25);

  /* once */
  g_assert_false (tx_store_check_other_writers (f->store));
  g_assert_cmpuint (kinds->len, ==, 2);
}

/* Files received one after the other, each committed apart by a
 * worker, are told to the views once, when the last is in. */
static void
test_hold_other_writers (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TxStore) other = NULL;
  g_autoptr(GError) error = NULL;

  other = tx_store_open (f->path, &error);
  g_assert_no_error (error);
  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed_cb), kinds);

  tx_store_hold_other_writers (f->store);
  tx_store_hold_other_writers (f->store);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *days = g_strdup_printf ("%u", 21 + i);

      g_assert_true (tx_settings_set_text (tx_store_get_settings (other), "feedback-days", days, &error));
      g_assert_no_error (error);
      /* the window's timer looks: nothing is told */
      g_assert_false (tx_store_check_other_writers (f->store));
    }
  tx_store_let_go_other_writers (f->store);
  g_assert_cmpuint (kinds->len, ==, 0);

  /* the last let go: told once, and the views read what was written */
  tx_store_let_go_other_writers (f->store);
  g_assert_cmpuint (kinds->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (kinds, 0), ==, "all");
  g_assert_cmpint (tx_settings_get_feedback_days (tx_store_get_settings (f->store)), ==, 23);
  g_assert_false (tx_store_check_other_writers (f->store));
  g_assert_cmpuint (kinds->len, ==, 1);

  /* nothing written while held: nothing told */
  tx_store_hold_other_writers (f->store);
  tx_store_let_go_other_writers (f->store);
  g_assert_cmpuint (kinds->len, ==, 1);
}

static void
on_waiting_cb (TxStore *store,
               guint   *n_waits)
{
  (*n_waits)++;
}

typedef struct {
  sqlite3 *db;
  guint    hold_ms;
} Holder;

static gpointer
release_later (gpointer data)
{
  Holder *holder = data;

  g_usleep (holder->hold_ms * 1000);
  g_assert_cmpint (sqlite3_exec (holder->db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  return NULL;
}

/* Another program holds a long write: a write waits, says once that it
 * waits, and fails after its time with a message that says why; when
 * the other finishes in time, the write is made. */
static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n_waits = 0;
  sqlite3 *other = NULL;
  Holder holder;
  GThread *thread;

  g_signal_connect (f->store, "waiting", G_CALLBACK (on_waiting_cb), &n_waits);

  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  tx_store_set_wait (f->store, 200);
  g_assert_false (tx_settings_set_text (tx_store_get_settings (f->store), "feedback-days", "20", &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "another program is writing"));
  g_assert_cmpuint (n_waits, ==, 1);
  g_clear_error (&error);

  /* the other finishes after 300 ms; this one waits up to a minute */
  tx_store_set_wait (f->store, 60000);
  holder.db = other;
  holder.hold_ms = 300;
  thread = g_thread_new ("holder", release_later, &holder);
  g_assert_true (tx_settings_set_text (tx_store_get_settings (f->store), "feedback-days", "20", &error));
  g_assert_no_error (error);
  g_thread_join (thread);
  g_assert_cmpuint (n_waits, ==, 2);
  g_assert_cmpint (tx_settings_get_feedback_days (tx_store_get_settings (f->store)), ==, 20);

  sqlite3_close (other);
}

static GString *turns_done;

static void
turn_a (gpointer owner)
{
  g_string_append (turns_done, g_object_get_data (owner, "tx-name"));
}

static void
turn_b (gpointer owner)
{
  g_string_append_printf (turns_done, "%s'", (char *) g_object_get_data (owner, "tx-name"));
}

static GObject *
named_object (const char *name)
{
  GObject *object = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data (object, "tx-name", (gpointer) name);
  return object;
}

/* When everything changed, each view reads itself again in a turn of
 * the main loop of its own (tx-turns.c): one piece a turn, in the
 * order queued, once each, and none for a view gone meanwhile */
static void
test_turns (void)
{
  g_autoptr(GObject) a = named_object ("A");
  g_autoptr(GObject) b = named_object ("B");
  GObject *c = named_object ("C");

  turns_done = g_string_new (NULL);
  g_assert_false (tx_turns_pending ());
  tx_turns_add (a, turn_a);
  tx_turns_add (b, turn_a);
  tx_turns_add (a, turn_a);   /* queued already */
  tx_turns_add (a, turn_b);
  tx_turns_add (c, turn_a);
  g_assert_true (tx_turns_pending ());
  g_object_unref (c);          /* gone before its turn */

  g_assert_true (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpstr (turns_done->str, ==, "A");
  g_assert_true (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpstr (turns_done->str, ==, "AB");
  g_assert_true (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpstr (turns_done->str, ==, "ABA'");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpstr (turns_done->str, ==, "ABA'");
  g_assert_false (tx_turns_pending ());

  /* queued again once done */
  tx_turns_add (a, turn_a);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpstr (turns_done->str, ==, "ABA'A");
  g_string_free (turns_done, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/writers/other-writers", Fixture, NULL, fixture_set_up, test_other_writers, fixture_tear_down);
  g_test_add ("/writers/hold", Fixture, NULL, fixture_set_up, test_hold_other_writers, fixture_tear_down);
  g_test_add ("/writers/busy", Fixture, NULL, fixture_set_up, test_busy, fixture_tear_down);

  g_test_add_func ("/writers/turns", test_turns);
  return g_test_run ();
}
