/* tx-test-cli.c — running tongxin-cli from the tests, as a script or a
 * clerk would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/wait.h>

#include "tx-test-cli.h"

void
tx_test_run_clear (TxTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/**
 * tx_test_cli:
 * @db: the database, given with --db
 * @today: (nullable): given with --today; no test runs on the real date
 * @language: (nullable): "zh_CN" for a clerk whose desktop is in
 *   Chinese, %NULL for the tests' C locale
 * @first: the command and its arguments, %NULL-terminated
 *
 * Runs the tongxin-cli of the build (TONGXIN_CLI) and waits for it.
 */
void
tx_test_cli (TxTestRun  *run,
             const char *db,
             const char *today,
             const char *language,
             const char *first,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (g_getenv ("TONGXIN_CLI"));
  tx_test_run_clear (run);

  g_ptr_array_add (argv, (gpointer) g_getenv ("TONGXIN_CLI"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db);
  if (today != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--today");
      g_ptr_array_add (argv, (gpointer) today);
    }

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (language != NULL)
    {
      g_autofree char *locale = g_strconcat (language, ".UTF-8", NULL);

      envp = g_environ_setenv (envp, "LANGUAGE", language, TRUE);
      envp = g_environ_setenv (envp, "LANG", locale, TRUE);
      envp = g_environ_setenv (envp, "LC_ALL", locale, TRUE);
    }

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}


/**
 * tx_test_drop_digest:
 * @text: an exchange file not compressed, as written
 *
 * Takes off the SHA-256 an exported file ends with (<?tongxin-sha256
 * …?>): what a test changes in a file is then read as a file of an
 * earlier version, or made by hand, would be, rather than refused as
 * damaged.
 */
void
tx_test_drop_digest (char *text)
{
  char *digest = g_strrstr (text, "<?tongxin-sha256 ");

  g_assert_nonnull (digest);
  g_assert_cmpuint (strlen (digest), ==, strlen ("<?tongxin-sha256 ?>\n") + 64);
  *digest = '\0';
}
